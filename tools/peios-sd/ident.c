// SPDX-License-Identifier: GPL-2.0
/*
 * Building the token of `peios-sd check` (ident.h).  The projection must
 * stay step for step what identity/provider.c does, so that a check in
 * userspace predicts the kernel's decision: same SIDs, same group order
 * and attributes, same integrity level and policy, same capability table.
 */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ident.h"
#include "names.h"

#define GROUP_ATTRS (PEIOS_SE_GROUP_MANDATORY |			\
		     PEIOS_SE_GROUP_ENABLED_BY_DEFAULT |		\
		     PEIOS_SE_GROUP_ENABLED)

/* identity/provider.c, cap_privileges[] */
static const struct {
	int cap;
	int priv;
} cap_privileges[] = {
	{ CAP_SYS_RESOURCE, PEIOS_PRIV_INCREASE_QUOTA },
	{ CAP_FOWNER, PEIOS_PRIV_TAKE_OWNERSHIP },
	{ CAP_CHOWN, PEIOS_PRIV_RESTORE },
	{ CAP_SYS_ADMIN, PEIOS_PRIV_TCB },
	{ CAP_SYS_ADMIN, PEIOS_PRIV_SECURITY },
	{ CAP_SYS_ADMIN, PEIOS_PRIV_RELABEL },
};

static u64 privileges_of(u64 caps)
{
	u64 privs = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cap_privileges); i++)
		if (caps & (1ULL << cap_privileges[i].cap))
			privs |= PEIOS_PRIV(cap_privileges[i].priv);
	return privs;
}

static u64 effective_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { { 0 } };

	if (syscall(SYS_capget, &hdr, data))
		return 0;
	return data[0].effective | ((u64)data[1].effective << 32);
}

/*
 * The kernel projects fsuid/fsgid, which equal the effective ids unless
 * a program changed them with setfsuid(2); the tool has no such caller.
 */
int ident_from_self(struct ident_opts *o)
{
	gid_t groups[IDENT_MAX_GIDS];
	int n, i;

	o->as_uid = true;
	o->uid = geteuid();
	o->has_gid = true;
	o->gid = getegid();
	n = getgroups(IDENT_MAX_GIDS, groups);
	if (n < 0)
		return -errno;
	o->ngids = 0;
	for (i = 0; i < n; i++)
		o->gids[o->ngids++] = groups[i];
	o->caps = effective_caps();
	return 0;
}

static int add_gid(struct peios_token *tok, const struct idmap *map, u32 gid)
{
	struct peios_sid sid;

	idmap_gid_sid(map, gid, &sid);
	return peios_token_add_group(tok, &sid, GROUP_ATTRS);
}

/* identity/provider.c, add_groups(): primary gid first, then the rest. */
static int project_groups(const struct ident_opts *o, const struct idmap *map,
			  struct peios_token *tok)
{
	u32 gid = o->has_gid ? o->gid : o->uid;
	size_t i;
	int ret;

	ret = add_gid(tok, map, gid);
	tok->primary_group = 0;
	for (i = 0; !ret && i < o->ngids; i++)
		if (o->gids[i] != gid)
			ret = add_gid(tok, map, o->gids[i]);
	if (!ret)
		ret = peios_token_add_group(tok, &peios_sid_everyone,
					    GROUP_ATTRS);
	if (!ret)
		ret = peios_token_add_group(tok,
					    &peios_sid_authenticated_users,
					    GROUP_ATTRS);
	if (!ret)
		ret = peios_token_add_group(tok, &peios_sid_local, GROUP_ATTRS);
	if (!ret && o->uid == 0)
		ret = peios_token_add_group(tok, &peios_sid_builtin_admins,
					    GROUP_ATTRS | PEIOS_SE_GROUP_OWNER);
	return ret;
}

int ident_build(const struct ident_opts *o, const struct idmap *map,
		struct ident *id)
{
	struct peios_sid user = peios_sid_nobody;
	size_t i;
	int ret = 0;

	memset(id, 0, sizeof(*id));
	if (o->as_uid)
		idmap_uid_sid(map, o->uid, &user);
	if (o->has_user)
		user = o->user;
	peios_token_init(&id->tok, &user, id->groups, IDENT_MAX_GROUPS);
	if (o->as_uid) {
		ret = project_groups(o, map, &id->tok);
		id->tok.privileges = privileges_of(o->caps);
		id->tok.integrity = idmap_uid_integrity(map, o->uid);
	}
	for (i = 0; !ret && i < o->nextra; i++)
		ret = peios_token_add_group(&id->tok, &o->extra[i].sid,
					    o->extra[i].attrs);
	id->tok.privileges |= o->privileges;
	if (o->has_il)
		id->tok.integrity = o->il;
	id->tok.mandatory_policy = PEIOS_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	if (o->has_pip)
		id->psb = o->psb;
	return ret;
}

/* identity/securityfs.c, show_identity(); the kernel prints 0 as 0x0. */
void ident_print_whoami(const struct ident *id, FILE *out)
{
	static const int order[] = {
		PEIOS_PRIV_INCREASE_QUOTA, PEIOS_PRIV_TCB, PEIOS_PRIV_SECURITY,
		PEIOS_PRIV_TAKE_OWNERSHIP, PEIOS_PRIV_BACKUP,
		PEIOS_PRIV_RESTORE, PEIOS_PRIV_RELABEL,
		/* never projected, only given with --priv */
		PEIOS_PRIV_CHANGE_NOTIFY, PEIOS_PRIV_IMPERSONATE,
	};
	const struct peios_token *tok = &id->tok;
	char sid[PEIOS_SID_STR_MAX];
	size_t i;

	peios_sid_format(&tok->user.sid, sid, sizeof(sid));
	fprintf(out, "user %s 0x%x\n", sid, tok->user.attrs);
	for (i = 0; i < tok->group_count; i++) {
		peios_sid_format(&tok->groups[i].sid, sid, sizeof(sid));
		fprintf(out, "group %s 0x%x\n", sid, tok->groups[i].attrs);
	}
	fprintf(out, "integrity %u\npolicy 0x%x\n", tok->integrity,
		tok->mandatory_policy);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		if (peios_token_has_privilege(tok, order[i]))
			fprintf(out, "privilege %s\n", names_privilege(order[i]));
	fprintf(out, "pip %u:%u\n", id->psb.pip_type, id->psb.pip_trust);
}
