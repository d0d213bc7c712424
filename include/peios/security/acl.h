/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ACEs and ACLs in wire form: decoding one ACE into a view, validating
 * and walking an ACL, and building a new ACL.
 */
#ifndef _PEIOS_ACL_H
#define _PEIOS_ACL_H

#include <peios/security/sid.h>
#include <peios/security/sec_buf.h>

/*
 * One decoded ACE.  For the types whose layout is known (header, mask,
 * optional object part, SID, optional application data) has_sid is true
 * and the SID is decoded; other types are opaque and kept byte for byte.
 */
struct peios_ace_view {
	const u8 *raw;		/* the whole ACE, @size bytes */
	u16 size;
	u8 type;
	u8 flags;
	bool has_sid;
	bool object_type;	/* object ACE with an ObjectType GUID */
	u32 mask;		/* valid when has_sid */
	u16 sid_off;		/* offset of the SID inside the ACE */
	u16 sid_len;
	struct peios_sid sid;
};

/* A validated ACL: header fields plus the raw bytes */
struct peios_acl_view {
	const u8 *raw;
	u16 size;
	u16 count;
	u8 revision;
};

bool peios_ace_type_is_object(u8 type);
int peios_ace_decode(const u8 *p, size_t avail, struct peios_ace_view *v);
int peios_acl_decode(const u8 *p, size_t avail, struct peios_acl_view *acl);
int peios_acl_next(const struct peios_acl_view *acl, size_t *off,
		   struct peios_ace_view *v);

/* Walk every ACE of a validated ACL */
#define peios_acl_for_each(acl, off, i, v)				\
	for ((i) = 0, (off) = PEIOS_ACL_HEADER_SIZE;			\
	     (i) < (acl)->count && !peios_acl_next((acl), &(off), (v));	\
	     (i)++)

/* Building an ACL */
struct peios_acl_builder {
	struct sec_buf buf;
	u16 count;
	u8 revision;
};

void peios_aclb_init(struct peios_acl_builder *b);
void peios_aclb_release(struct peios_acl_builder *b);
void peios_aclb_add(struct peios_acl_builder *b, u8 type, u8 flags, u32 mask,
		    const struct peios_sid *sid);
void peios_aclb_add_ace(struct peios_acl_builder *b,
			const struct peios_ace_view *v, u8 flags, u32 mask,
			const struct peios_sid *sid);
int peios_aclb_finish(struct peios_acl_builder *b, u8 **acl, size_t *len);

#endif /* _PEIOS_ACL_H */
