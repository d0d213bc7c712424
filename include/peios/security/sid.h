/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Security identifiers: binary form, text form and the well-known SIDs.
 */
#ifndef _PEIOS_SID_H
#define _PEIOS_SID_H

#include <peios/security/sec_port.h>
#include <peios/security/sec_constants.h>

/*
 * A SID held inline with room for the maximum 15 sub-authorities, so
 * tokens and parsed descriptors compare SIDs without chasing pointers.
 * revision, sub_count and authority have the wire layout (authority is
 * big-endian); sub[] is in host order.  Only sub[0..sub_count) is
 * meaningful: the compare helpers never look past it.
 */
struct peios_sid {
	u8 revision;
	u8 sub_count;
	u8 authority[6];
	u32 sub[PEIOS_SID_MAX_SUB_AUTHS];
};

/* Initialiser for SIDs whose authority fits in one byte */
#define PEIOS_SID_INIT(auth, n, ...)					\
	{ .revision = 1, .sub_count = (n),				\
	  .authority = { 0, 0, 0, 0, 0, (auth) },			\
	  .sub = { __VA_ARGS__ } }

/* Longest text form: "S-1-0x" + 12 hex digits + 15 * "-4294967295" + NUL */
#define PEIOS_SID_STR_MAX	(4 + 14 + 15 * 11 + 1)

/* Binary (wire) size of a SID */
static inline size_t peios_sid_size(const struct peios_sid *sid)
{
	return PEIOS_SID_HEADER_SIZE + 4 * (size_t)sid->sub_count;
}

u64 peios_sid_authority(const struct peios_sid *sid);
void peios_sid_set_authority(struct peios_sid *sid, u64 authority);
int peios_sid_init(struct peios_sid *sid, u64 authority, u8 count,
		   const u32 *subs);
bool peios_sid_is_valid(const struct peios_sid *sid);

/* Binary form */
int peios_sid_from_bytes(const u8 *buf, size_t len, struct peios_sid *sid,
			 size_t *used);
size_t peios_sid_to_bytes(const struct peios_sid *sid, u8 *buf);

/* Comparison: equality is equality of the binary form */
bool peios_sid_equal(const struct peios_sid *a, const struct peios_sid *b);
int peios_sid_compare(const struct peios_sid *a, const struct peios_sid *b);

/* Text form "S-1-<authority>-<sub>..." */
int peios_sid_parse(const char *str, size_t len, struct peios_sid *sid,
		    size_t *consumed);
int peios_sid_format(const struct peios_sid *sid, char *buf, size_t buflen);

/* Classifiers used by evaluation and inheritance */
bool peios_sid_is_integrity(const struct peios_sid *sid, u32 *rid);
bool peios_sid_is_trust(const struct peios_sid *sid, u32 *type, u32 *trust);

/* Unix identity SIDs of the Samba convention: S-1-22-1-uid, S-1-22-2-gid */
void peios_sid_unix_user(struct peios_sid *sid, u32 uid);
void peios_sid_unix_group(struct peios_sid *sid, u32 gid);
void peios_sid_integrity(struct peios_sid *sid, u32 rid);
void peios_sid_trust(struct peios_sid *sid, u32 type, u32 trust);

/* Well-known SIDs (PSD-004 §2.2) */
extern const struct peios_sid peios_sid_nobody;		/* S-1-0-0 */
extern const struct peios_sid peios_sid_everyone;	/* S-1-1-0 */
extern const struct peios_sid peios_sid_local;		/* S-1-2-0 */
extern const struct peios_sid peios_sid_creator_owner;	/* S-1-3-0 */
extern const struct peios_sid peios_sid_creator_group;	/* S-1-3-1 */
extern const struct peios_sid peios_sid_owner_rights;	/* S-1-3-4 */
extern const struct peios_sid peios_sid_principal_self;	/* S-1-5-10 */
extern const struct peios_sid peios_sid_authenticated_users; /* S-1-5-11 */
extern const struct peios_sid peios_sid_system;		/* S-1-5-18 */
extern const struct peios_sid peios_sid_builtin_admins;	/* S-1-5-32-544 */
extern const struct peios_sid peios_sid_builtin_users;	/* S-1-5-32-545 */

#endif /* _PEIOS_SID_H */
