// SPDX-License-Identifier: GPL-2.0
/*
 * Building the token of `peios-sd check` (ident.h).  The projection is
 * the kernel's own (security/projection.c), so a check in userspace
 * predicts the kernel's decision; this file only gathers its inputs and
 * applies the explicit adjustments.
 */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <peios/security/token_text.h>

#include "ident.h"

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

static u32 gid_at(const void *gids, u32 i)
{
	return ((const u32 *)gids)[i];
}

int ident_build(const struct ident_opts *o,
		const struct peios_idmap_table *map, struct ident *id)
{
	const struct peios_unix_ids ids = {
		.uid = o->uid,
		.gid = o->has_gid ? o->gid : o->uid,
		.ngroups = (u32)o->ngids,
		.groups = o->gids,
		.group = gid_at,
		.caps = o->caps,
	};
	size_t i;
	int ret = 0;

	memset(id, 0, sizeof(*id));
	if (o->as_uid)
		ret = peios_project_token(&ids, map, &id->tok, id->groups,
					  IDENT_MAX_GROUPS);
	else
		peios_token_init(&id->tok, &peios_sid_nobody, id->groups,
				 IDENT_MAX_GROUPS);
	if (o->has_user)
		id->tok.user.sid = o->user;
	for (i = 0; !ret && i < o->nextra; i++)
		ret = peios_token_add_group(&id->tok, &o->extra[i].sid,
					    o->extra[i].attrs);
	id->tok.privileges |= o->privileges;
	if (o->has_il)
		id->tok.integrity = o->il;
	if (o->has_pip)
		id->psb = o->psb;
	return ret;
}

int ident_print_whoami(const struct ident *id, FILE *out)
{
	size_t size = PEIOS_TOKEN_TEXT_MAX(id->tok.group_count);
	char *buf = malloc(size);

	if (!buf)
		return -ENOMEM;
	peios_token_describe(&id->tok, &id->psb, buf, size);
	fputs(buf, out);
	free(buf);
	return 0;
}
