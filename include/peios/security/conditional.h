/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Conditional ACE expressions: the postfix byte code callback ACEs
 * carry as ApplicationData (PSD-004 §3.8 and §3.11, byte-compatible
 * with MS-DTYP 2.4.4.17), its validation and three-valued evaluation,
 * and its SDDL spelling.  Documentation/security-core.md, "Conditional
 * ACEs", says what is evaluated and what is UNKNOWN.
 */
#ifndef _PEIOS_CONDITIONAL_H
#define _PEIOS_CONDITIONAL_H

#include <peios/security/acl.h>

/* Bounds: larger or deeper expressions make the descriptor invalid */
#define PEIOS_COND_MAX_SIZE	4096	/* ApplicationData bytes */
#define PEIOS_COND_MAX_DEPTH	32	/* stack entries, tree depth */

enum peios_cond_value {
	PEIOS_COND_FALSE = 0,
	PEIOS_COND_TRUE = 1,
	PEIOS_COND_UNKNOWN = 2,
};

/* Byte codes (MS-DTYP 2.4.4.17.4 - 2.4.4.17.8) */
#define PEIOS_COND_PAD			0x00
#define PEIOS_COND_INT8			0x01
#define PEIOS_COND_INT64		0x04
#define PEIOS_COND_UNICODE		0x10
#define PEIOS_COND_OCTETS		0x18
#define PEIOS_COND_COMPOSITE		0x50
#define PEIOS_COND_SID			0x51
#define PEIOS_COND_EQ			0x80
#define PEIOS_COND_CONTAINS		0x86
#define PEIOS_COND_EXISTS		0x87
#define PEIOS_COND_ANY_OF		0x88
#define PEIOS_COND_MEMBER_OF		0x89
#define PEIOS_COND_DEV_MEMBER_OF	0x8a
#define PEIOS_COND_MEMBER_OF_ANY	0x8b
#define PEIOS_COND_DEV_MEMBER_OF_ANY	0x8c
#define PEIOS_COND_NOT_EXISTS		0x8d
#define PEIOS_COND_NOT_CONTAINS		0x8e
#define PEIOS_COND_NOT_ANY_OF		0x8f
#define PEIOS_COND_NOT_MEMBER_OF	0x90
#define PEIOS_COND_NOT_DEV_MEMBER_OF	0x91
#define PEIOS_COND_NOT_MEMBER_OF_ANY	0x92
#define PEIOS_COND_NOT_DEV_MEMBER_OF_ANY 0x93
#define PEIOS_COND_AND			0xa0
#define PEIOS_COND_OR			0xa1
#define PEIOS_COND_NOT			0xa2
#define PEIOS_COND_ATTR_LOCAL		0xf8
#define PEIOS_COND_ATTR_DEVICE		0xfb

/* The eight callback ACE types, 0x09 - 0x10 */
static inline bool peios_ace_type_is_callback(u8 type)
{
	return type >= PEIOS_ACE_ALLOWED_CALLBACK &&
	       type <= PEIOS_ACE_SYSTEM_ALARM_CALLBACK_OBJECT;
}

/* True when @data starts with the "artx" signature of an expression */
bool peios_cond_present(const u8 *data, size_t len);

/*
 * 0 for ApplicationData that is no expression (no signature) or a
 * well-formed one within the bounds; -EINVAL otherwise.
 */
int peios_cond_validate(const u8 *data, size_t len);

/*
 * Does the caller hold @sid?  The callback applies the matching rule of
 * the ACE being evaluated (allow or deny), as Member_of must (§3.8).
 */
typedef bool (*peios_cond_member_fn)(const void *ctx,
				     const struct peios_sid *sid);

/* Evaluate validated ApplicationData; no signature gives UNKNOWN */
enum peios_cond_value peios_cond_eval(const u8 *data, size_t len,
				      peios_cond_member_fn member,
				      const void *ctx);

/* What a token or stack entry is, as far as operators care */
enum peios_cond_kind {
	PEIOS_CK_OP = 0,
	PEIOS_CK_SID,		/* SID literal */
	PEIOS_CK_SIDS,		/* composite of SID literals only, maybe empty */
	PEIOS_CK_LITERAL,	/* any other literal */
	PEIOS_CK_ATTR,		/* attribute reference */
	PEIOS_CK_RESULT,	/* value an operator produced */
};

/*
 * One token of an expression, for the SDDL layer.  For literals and
 * attributes body/body_len locate the bytes after the length word (the
 * whole value for integers); size is the whole token.
 */
struct peios_cond_token {
	u8 code;
	u8 kind;		/* enum peios_cond_kind */
	u16 body;
	u16 body_len;
	u16 size;
};

int peios_cond_decode(const u8 *data, size_t end, size_t pos,
		      struct peios_cond_token *t);
int peios_cond_arity(u8 code);
bool peios_cond_is_membership(u8 code);

/* SDDL (sddl_cond.c) */
int peios_cond_parse_sddl(const char *s, size_t len, struct sec_buf *out);
int peios_cond_format_sddl(const u8 *data, size_t len, struct sec_buf *out);
int peios_cond_add_ace(struct peios_acl_builder *b, u8 type, u8 flags,
		       u32 mask, const struct peios_sid *sid,
		       const char *cond, size_t cond_len);

#endif /* _PEIOS_CONDITIONAL_H */
