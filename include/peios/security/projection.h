/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The projection of Unix ids and capabilities to a token
 * (Documentation/identity.md): plain values in, so the kernel feeds it
 * from struct cred (identity/provider.c) and `peios-sd check` from its
 * arguments, and both get the same token.
 */
#ifndef _PEIOS_SEC_PROJECTION_H
#define _PEIOS_SEC_PROJECTION_H

#include <peios/security/idmap.h>
#include <peios/security/token.h>

/*
 * The Linux capability numbers the projection reads (uapi ABI values;
 * identity/provider.c checks them against <linux/capability.h>).
 */
#define PEIOS_CAP_CHOWN		0
#define PEIOS_CAP_FOWNER	3
#define PEIOS_CAP_SYS_ADMIN	21
#define PEIOS_CAP_SYS_RESOURCE	24

/*
 * Groups besides the supplementary gids: the primary gid (when not among
 * them), Everyone, Authenticated Users, Local, Administrators (uid 0).
 */
#define PEIOS_PROJECTED_GROUPS(ngroups)	((ngroups) + 5)

/*
 * The ids are those of the initial user namespace.  Supplementary gids
 * are read through @group, as Linux keeps them as kgid_t and the tools
 * as u32.  @caps is the effective set as a bitmask of capability
 * numbers; the kernel passes 0 for credentials of a child user
 * namespace.
 */
struct peios_unix_ids {
	u32 uid;		/* fsuid */
	u32 gid;		/* fsgid, the primary group */
	u32 ngroups;
	const void *groups;
	u32 (*group)(const void *groups, u32 i);
	u64 caps;
};

/*
 * Fill @tok, whose groups live in @groups (room for @cap, at least
 * PEIOS_PROJECTED_GROUPS(ids->ngroups)); @map may be NULL.  Never
 * sleeps.  Returns 0 or -ENOSPC.
 */
int peios_project_token(const struct peios_unix_ids *ids,
			const struct peios_idmap_table *map,
			struct peios_token *tok, struct peios_sid_attr *groups,
			u32 cap);

/* The pieces: SIDs of ids (new objects' owner and group), privileges. */
void peios_project_uid_sid(const struct peios_idmap_table *map, u32 uid,
			   struct peios_sid *sid);
void peios_project_gid_sid(const struct peios_idmap_table *map, u32 gid,
			   struct peios_sid *sid);
u64 peios_project_privileges(u64 caps);

/*
 * A SID back to an id (stat, chown): the map, then SYSTEM as 0, then
 * S-1-22-1-N / S-1-22-2-N; (u32)-1 when none applies.
 */
u32 peios_project_sid_id(const struct peios_idmap_table *map,
			 enum peios_idmap_kind kind,
			 const struct peios_sid *sid);

#endif /* _PEIOS_SEC_PROJECTION_H */
