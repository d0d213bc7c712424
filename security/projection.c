// SPDX-License-Identifier: GPL-2.0
/*
 * Unix ids and capabilities to a token (projection.h), in the order of
 * Documentation/identity.md.  The kernel and `peios-sd check` both call
 * this, which is what lets the tool predict the kernel's decisions.
 */
#include <peios/security/projection.h>

#define GROUP_ATTRS (PEIOS_SE_GROUP_MANDATORY |			\
		     PEIOS_SE_GROUP_ENABLED_BY_DEFAULT |		\
		     PEIOS_SE_GROUP_ENABLED)

/*
 * No other capability counts: CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
 * do not bypass a descriptor.
 */
static const struct {
	int cap;
	int priv;
} cap_privileges[] = {
	{ PEIOS_CAP_SYS_RESOURCE, PEIOS_PRIV_INCREASE_QUOTA },
	{ PEIOS_CAP_FOWNER, PEIOS_PRIV_TAKE_OWNERSHIP },
	/* Restore matters here only for giving an object to another owner. */
	{ PEIOS_CAP_CHOWN, PEIOS_PRIV_RESTORE },
	{ PEIOS_CAP_SYS_ADMIN, PEIOS_PRIV_TCB },
	{ PEIOS_CAP_SYS_ADMIN, PEIOS_PRIV_SECURITY },
	{ PEIOS_CAP_SYS_ADMIN, PEIOS_PRIV_RELABEL },
};

u64 peios_project_privileges(u64 caps)
{
	u64 privs = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cap_privileges); i++)
		if (caps & (1ULL << cap_privileges[i].cap))
			privs |= PEIOS_PRIV(cap_privileges[i].priv);
	return privs;
}

void peios_project_uid_sid(const struct peios_idmap_table *map, u32 uid,
			   struct peios_sid *sid)
{
	const struct peios_idmap_entry *e;

	e = peios_idmap_find(map, PEIOS_IDMAP_UID, uid);
	if (e)
		*sid = e->sid;
	else if (uid == 0)
		*sid = peios_sid_system;
	else
		peios_sid_unix_user(sid, uid);
}

/* gid 0 is no SYSTEM: it stays S-1-22-2-0 unless mapped. */
void peios_project_gid_sid(const struct peios_idmap_table *map, u32 gid,
			   struct peios_sid *sid)
{
	const struct peios_idmap_entry *e;

	e = peios_idmap_find(map, PEIOS_IDMAP_GID, gid);
	if (e)
		*sid = e->sid;
	else
		peios_sid_unix_group(sid, gid);
}

static u32 integrity_of(const struct peios_idmap_table *map, u32 uid)
{
	const struct peios_idmap_entry *e;

	e = peios_idmap_find(map, PEIOS_IDMAP_UID, uid);
	if (e && e->has_integrity)
		return e->integrity;
	return uid == 0 ? PEIOS_IL_SYSTEM : PEIOS_IL_MEDIUM;
}

static int add_gid(struct peios_token *tok,
		   const struct peios_idmap_table *map, u32 gid)
{
	struct peios_sid sid;

	peios_project_gid_sid(map, gid, &sid);
	return peios_token_add_group(tok, &sid, GROUP_ATTRS);
}

static int add_groups(struct peios_token *tok,
		      const struct peios_unix_ids *ids,
		      const struct peios_idmap_table *map)
{
	u32 i, gid;
	int ret;

	/* The primary group comes first: token.primary_group indexes it. */
	ret = add_gid(tok, map, ids->gid);
	tok->primary_group = 0;
	for (i = 0; !ret && i < ids->ngroups; i++) {
		gid = ids->group(ids->groups, i);
		if (gid != ids->gid)
			ret = add_gid(tok, map, gid);
	}
	if (!ret)
		ret = peios_token_add_group(tok, &peios_sid_everyone,
					    GROUP_ATTRS);
	if (!ret)
		ret = peios_token_add_group(tok,
					    &peios_sid_authenticated_users,
					    GROUP_ATTRS);
	if (!ret)
		ret = peios_token_add_group(tok, &peios_sid_local, GROUP_ATTRS);
	if (!ret && ids->uid == 0)
		ret = peios_token_add_group(tok, &peios_sid_builtin_admins,
					    GROUP_ATTRS | PEIOS_SE_GROUP_OWNER);
	return ret;
}

int peios_project_token(const struct peios_unix_ids *ids,
			const struct peios_idmap_table *map,
			struct peios_token *tok, struct peios_sid_attr *groups,
			u32 cap)
{
	struct peios_sid user;
	int ret;

	peios_project_uid_sid(map, ids->uid, &user);
	peios_token_init(tok, &user, groups, cap);
	ret = add_groups(tok, ids, map);
	if (ret)
		return ret;
	tok->privileges = peios_project_privileges(ids->caps);
	tok->integrity = integrity_of(map, ids->uid);
	tok->mandatory_policy = PEIOS_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	return 0;
}

/* S-1-22-<kind>-N, the default projection, back to N. */
static bool unix_sid_id(const struct peios_sid *sid, u32 kind, u32 *id)
{
	if (peios_sid_authority(sid) != PEIOS_AUTH_UNIX ||
	    sid->sub_count != 2 || sid->sub[0] != kind)
		return false;
	*id = sid->sub[1];
	return true;
}

u32 peios_project_sid_id(const struct peios_idmap_table *map,
			 enum peios_idmap_kind kind,
			 const struct peios_sid *sid)
{
	const struct peios_idmap_entry *e;
	u32 id = (u32)-1;

	e = peios_idmap_find_sid(map, kind, sid);
	if (e)
		return e->id;
	if (peios_sid_equal(sid, &peios_sid_system))
		return 0;
	unix_sid_id(sid, kind == PEIOS_IDMAP_UID ? 1 : 2, &id);
	return id;
}
