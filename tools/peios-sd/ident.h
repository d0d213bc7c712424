/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The identity `peios-sd check` evaluates: the kernel's projection of a
 * uid, gids and capabilities (the security core's, security/projection.c),
 * through the identity map when one is loaded, optionally adjusted or
 * replaced by an explicit token (user, groups, integrity level,
 * privileges, PIP).
 */
#ifndef PEIOS_TOOLS_IDENT_H
#define PEIOS_TOOLS_IDENT_H

#include <stdio.h>
#include <peios/security/projection.h>
#include "idmap.h"

#define IDENT_MAX_GIDS		64
#define IDENT_MAX_EXTRA		32
#define IDENT_MAX_GROUPS	(PEIOS_PROJECTED_GROUPS(IDENT_MAX_GIDS) + \
				 IDENT_MAX_EXTRA)

struct ident_opts {
	bool as_uid;			/* project uid/gid/groups/caps */
	u32 uid;
	bool has_gid;
	u32 gid;			/* default: the uid */
	u32 gids[IDENT_MAX_GIDS];	/* supplementary */
	size_t ngids;
	u64 caps;			/* effective capabilities */
	bool has_user;			/* explicit token */
	struct peios_sid user;
	struct peios_sid_attr extra[IDENT_MAX_EXTRA];
	size_t nextra;
	bool has_il;
	u32 il;
	bool has_pip;
	struct peios_psb psb;
	u64 privileges;			/* added to the projected ones */
};

struct ident {
	struct peios_token tok;
	struct peios_psb psb;
	struct peios_sid_attr groups[IDENT_MAX_GROUPS];
};

/* Neither --as-uid nor --user: project the caller's own credentials. */
int ident_from_self(struct ident_opts *o);
int ident_build(const struct ident_opts *o,
		const struct peios_idmap_table *map, struct ident *id);
/* The token in the format of /sys/kernel/security/peios_ipc/whoami. */
int ident_print_whoami(const struct ident *id, FILE *out);

#endif /* PEIOS_TOOLS_IDENT_H */
