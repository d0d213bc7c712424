/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Self-relative security descriptors: validation, building, comparison,
 * and the compact evaluation form AccessCheck runs on.
 */
#ifndef _PEIOS_SD_H
#define _PEIOS_SD_H

#include <peios/security/acl.h>

/*
 * A validated self-relative descriptor.  Everything points into the
 * caller's buffer, which must outlive the view.
 */
struct peios_sd_view {
	const u8 *raw;
	size_t len;
	u16 control;
	bool has_owner;
	bool has_group;
	bool has_dacl;		/* DACL bytes present (not a NULL DACL) */
	bool has_sacl;
	struct peios_sid owner;
	struct peios_sid group;
	struct peios_acl_view dacl;
	struct peios_acl_view sacl;
};

int peios_sd_decode(const u8 *buf, size_t len, struct peios_sd_view *sd);
int peios_sd_validate(const u8 *buf, size_t len);

/*
 * Pieces of a descriptor to build.  control is taken as given, plus
 * SELF_RELATIVE, plus DACL_PRESENT / SACL_PRESENT when an ACL is
 * supplied.  A NULL DACL is stored as DACL_PRESENT clear (PSD-004
 * §3.1); DACL_PRESENT with dacl == NULL, the MS-DTYP spelling, is kept
 * when given, because a descriptor write uses it to ask for a NULL
 * DACL.  ACLs are complete wire ACLs.
 */
struct peios_sd_parts {
	u16 control;
	const struct peios_sid *owner;
	const struct peios_sid *group;
	const u8 *sacl;
	size_t sacl_len;
	const u8 *dacl;
	size_t dacl_len;
};

int peios_sd_build(const struct peios_sd_parts *parts, u8 **out,
		   size_t *out_len);
bool peios_sd_equal(const u8 *a, size_t a_len, const u8 *b, size_t b_len);

/*
 * Compact evaluation form.
 *
 * Built once per descriptor change (the kernel caches it per inode and
 * swaps it under RCU), so AccessCheck never parses or allocates.  Only
 * the DACL entries that can decide a bit are kept, in stored order:
 * inherit-only ACEs, PRINCIPAL_SELF ACEs (no self SID is ever supplied),
 * audit and unknown ACEs are dropped at parse time; callback ACEs keep
 * where their condition lies in raw, for the walk to evaluate.  The label
 * and trust ACEs are located once.  The raw bytes are copied into the
 * same allocation so the object also serves reads of the descriptor.
 */
enum peios_cace_kind {
	PEIOS_CACE_ALLOW = 1,
	PEIOS_CACE_DENY = 2,
};

#define PEIOS_CACE_FILTER_OWNER_RIGHTS	0xFF

struct peios_cace {
	u32 mask;		/* as stored; generic bits mapped at check */
	u8 kind;		/* enum peios_cace_kind */
	u8 filter;		/* token SID filter bit, or OWNER_RIGHTS */
	u8 type;		/* original ACE type and flags, for tools */
	u8 flags;
	u16 cond_off;		/* callback ACEs: ApplicationData in raw */
	u16 cond_len;
	struct peios_sid sid;
};

struct peios_sd {
	u16 control;
	u16 dacl_count;		/* entries in dacl[] */
	bool has_owner;
	bool has_group;
	bool null_dacl;		/* grants everything */
	bool owner_rights;	/* an effective ACE names OWNER RIGHTS */
	bool has_label;
	bool has_trust;
	u8 owner_filter;	/* peios_sid_filter_bit(&owner) */
	u32 label_rid;		/* S-1-16-X */
	u32 label_mask;		/* PEIOS_LABEL_NO_*_UP */
	u32 trust_type;		/* S-1-19-T-L */
	u32 trust_level;
	u32 trust_mask;
	struct peios_sid owner;
	struct peios_sid group;
	const u8 *raw;		/* copy of the self-relative bytes */
	u32 raw_len;
	struct peios_cace dacl[];
};

int peios_sd_compact_size(const u8 *buf, size_t len, size_t *size);
int peios_sd_compact_init(const u8 *buf, size_t len, void *mem,
			  size_t mem_size, struct peios_sd **out);
int peios_sd_compact(const u8 *buf, size_t len, struct peios_sd **out);
void peios_sd_compact_free(struct peios_sd *sd);

u8 peios_sid_filter_bit(const struct peios_sid *sid);

#endif /* _PEIOS_SD_H */
