/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the caller's token comes from.
 *
 * Peios's own kernel exports no token, so the module projects one from the
 * Linux credentials (Documentation/identity.md): uid and gids become SIDs
 * (through the administrator's identity map, else the S-1-22 Unix SIDs),
 * effective capabilities become privileges, the integrity level comes from
 * the map, and process trust comes from the binary trust table keyed by the
 * executable's device and inode.  The projection itself is the security
 * core's (peios/security/projection.h), shared with the tools.
 *
 * The rest of the module only sees struct peios_identity; a future KACS
 * export can replace this provider without touching the filesystems.
 */
#ifndef _PEIOS_IDENTITY_H
#define _PEIOS_IDENTITY_H

#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <peios/security/token.h>

struct cred;

/*
 * A caller's identity.  Shared and read-only once built: the identity
 * cache (identity/cache.c) hands the same one to every call made
 * with the same credentials, so holders must not change it.
 */
struct peios_identity {
	refcount_t ref;
	/* The credentials it was built from, pinned; NULL when not cached. */
	const struct cred *cred;
	unsigned int gen;		/* identity map generation it saw */
	struct rcu_head rcu;
	struct peios_token token;
	struct peios_psb psb;
	struct peios_sid_attr groups[];	/* token.groups points here */
};

struct peios_identity *peios_identity_current(void);
struct peios_identity *peios_identity_current_nowait(void);
struct peios_identity *peios_identity_of(const struct cred *cred,
					 bool with_trust);
struct peios_identity *peios_identity_build(const struct cred *cred,
					    const struct peios_psb *psb);
void peios_identity_trust_of_current(struct peios_psb *psb);
void peios_identity_put(struct peios_identity *id);
void peios_identity_changed(void);
void peios_identity_cache_flush(void);

/* Owner and group SIDs of new objects, and the reverse for stat/chown. */
void peios_identity_uid_sid(kuid_t uid, struct peios_sid *sid);
void peios_identity_gid_sid(kgid_t gid, struct peios_sid *sid);
kuid_t peios_identity_sid_uid(const struct peios_sid *sid);
kgid_t peios_identity_sid_gid(const struct peios_sid *sid);

#endif /* _PEIOS_IDENTITY_H */
