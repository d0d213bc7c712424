// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor validation cases: a hand-assembled valid descriptor and
 * one mutation per malformed shape.  Every invalid shape must be
 * rejected with -EINVAL by validation, compact parsing, the raw access
 * check and the SDDL formatter alike, without reading out of bounds.
 */
#include "peios_cases.h"
#include <peios/security/conditional.h>

/*
 * O:S-1-22-1-1000 G:S-1-22-2-100
 * S:(ML;;NW;;;HI)(TL;;FR;;;S-1-19-512-1024)
 * D:(A;;FA;;;WD)(D;;0x2;;;S-1-22-1-1001)
 */
static const u8 base_sd[] = {
	/* header: rev, sbz1, control 0x8014, owner, group, sacl, dacl */
	0x01, 0x00, 0x14, 0x80, 0x14, 0x00, 0x00, 0x00,
	0x24, 0x00, 0x00, 0x00, 0x34, 0x00, 0x00, 0x00,
	0x68, 0x00, 0x00, 0x00,
	/* 20: owner */
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x16,
	0x01, 0x00, 0x00, 0x00, 0xe8, 0x03, 0x00, 0x00,
	/* 36: group */
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x16,
	0x02, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00,
	/* 52: SACL header, 60: ML ACE, 80: TL ACE */
	0x02, 0x00, 0x34, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x11, 0x00, 0x14, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x00, 0x30, 0x00, 0x00,
	0x14, 0x00, 0x18, 0x00, 0x89, 0x00, 0x12, 0x00,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13,
	0x00, 0x02, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00,
	/* 104: DACL header, 112: allow ACE, 132: deny ACE */
	0x02, 0x00, 0x34, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0xff, 0x01, 0x1f, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x18, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x16,
	0x01, 0x00, 0x00, 0x00, 0xe9, 0x03, 0x00, 0x00,
};

#define OFF_CONTROL	2
#define OFF_OWNER_F	4
#define OFF_GROUP_F	8
#define OFF_SACL_F	12
#define OFF_DACL_F	16
#define OWNER		20
#define GROUP		36
#define SACL		52
#define ML_ACE		60
#define TL_ACE		80
#define DACL		104
#define ACE1		112
#define ACE2		132
#define BASE_LEN	156
#define BUF_SIZE	(PEIOS_SD_MAX_SIZE + 64)

static void put16(u8 *b, size_t off, u16 v)
{
	sec_put_le16(b + off, v);
}

static void put32(u8 *b, size_t off, u32 v)
{
	sec_put_le32(b + off, v);
}

static void m_none(u8 *b, size_t *len) { }
static void m_empty(u8 *b, size_t *len)
{
	*len = 0;
}
static void m_short_header(u8 *b, size_t *len) { *len = 19; }
static void m_header_only(u8 *b, size_t *len) { *len = 20; }
static void m_revision_0(u8 *b, size_t *len)
{
	b[0] = 0;
}
static void m_revision_2(u8 *b, size_t *len) { b[0] = 2; }
static void m_not_self_relative(u8 *b, size_t *len)
{
	put16(b, OFF_CONTROL, 0x0014);
}
static void m_sbz1_set(u8 *b, size_t *len) { b[1] = 0x5a; }
static void m_owner_beyond_end(u8 *b, size_t *len)
{
	put32(b, OFF_OWNER_F, 4096);
}
static void m_owner_at_end(u8 *b, size_t *len)
{
	put32(b, OFF_OWNER_F, BASE_LEN);
}
static void m_owner_truncated(u8 *b, size_t *len)
{
	put32(b, OFF_OWNER_F, BASE_LEN - 4);
}
static void m_owner_in_header(u8 *b, size_t *len)
{
	put32(b, OFF_OWNER_F, 4);
}
static void m_owner_unaligned(u8 *b, size_t *len)
{
	put32(b, OFF_OWNER_F, 21);
}
static void m_owner_offset_huge(u8 *b, size_t *len)
{
	put32(b, OFF_OWNER_F, 0xFFFFFFF0u);
}
static void m_owner_sid_revision(u8 *b, size_t *len) { b[OWNER] = 2; }
static void m_owner_sid_16_subauths(u8 *b, size_t *len)
{
	b[OWNER + 1] = 16;
}
static void m_owner_sid_past_end(u8 *b, size_t *len)
{
	/* only the owner remains and the buffer stops inside it */
	put32(b, OFF_GROUP_F, 0);
	put32(b, OFF_SACL_F, 0);
	put32(b, OFF_DACL_F, 0);
	put16(b, OFF_CONTROL, 0x8000);
	*len = 30;
}
static void m_owner_sid_overlaps_group(u8 *b, size_t *len)
{
	b[OWNER + 1] = 3;	/* now 20 bytes: runs into the group */
}
static void m_no_owner(u8 *b, size_t *len) { put32(b, OFF_OWNER_F, 0); }
static void m_no_group(u8 *b, size_t *len) { put32(b, OFF_GROUP_F, 0); }
static void m_group_beyond_end(u8 *b, size_t *len)
{
	put32(b, OFF_GROUP_F, BASE_LEN + 8);
}
static void m_group_same_as_owner(u8 *b, size_t *len)
{
	put32(b, OFF_GROUP_F, OWNER);
}
static void m_group_sid_16_subauths(u8 *b, size_t *len)
{
	b[GROUP + 1] = 16;
}
static void m_dacl_without_present(u8 *b, size_t *len)
{
	put16(b, OFF_CONTROL, 0x8010);
}
static void m_dacl_present_no_offset(u8 *b, size_t *len)
{
	put32(b, OFF_DACL_F, 0);
}
static void m_dacl_beyond_end(u8 *b, size_t *len)
{
	put32(b, OFF_DACL_F, BASE_LEN + 4);
}
static void m_dacl_header_truncated(u8 *b, size_t *len)
{
	put32(b, OFF_DACL_F, BASE_LEN - 4);
}
static void m_dacl_unaligned(u8 *b, size_t *len)
{
	put32(b, OFF_DACL_F, DACL + 2);
}
static void m_dacl_revision_3(u8 *b, size_t *len) { b[DACL] = 3; }
static void m_dacl_revision_0(u8 *b, size_t *len)
{
	b[DACL] = 0;
}
static void m_dacl_revision_4(u8 *b, size_t *len) { b[DACL] = 4; }
/* §3.2: Sbz1 and Sbz2 are reserved and not interpreted */
static void m_dacl_sbz1(u8 *b, size_t *len) { b[DACL + 1] = 1; }
static void m_dacl_sbz2(u8 *b, size_t *len) { put16(b, DACL + 6, 1); }
static void m_dacl_size_below_header(u8 *b, size_t *len)
{
	put16(b, DACL + 2, 4);
}
static void m_dacl_size_unaligned(u8 *b, size_t *len)
{
	put16(b, DACL + 2, 54);
}
static void m_dacl_size_past_end(u8 *b, size_t *len)
{
	put16(b, DACL + 2, 60);
}
static void m_dacl_size_huge(u8 *b, size_t *len)
{
	put16(b, DACL + 2, 0xFFFC);
}
static void m_dacl_count_too_high(u8 *b, size_t *len)
{
	put16(b, DACL + 4, 3);
}
static void m_dacl_count_max(u8 *b, size_t *len)
{
	put16(b, DACL + 4, 0xFFFF);
}
/* §3.2: leftover bytes within AclSize are malformed */
static void m_dacl_count_lower(u8 *b, size_t *len)
{
	put16(b, DACL + 4, 1);	/* the second ACE becomes slack */
}
static void m_dacl_count_zero(u8 *b, size_t *len)
{
	put16(b, DACL + 4, 0);
}
/* §3.2: an empty ACL is its header alone */
static void m_dacl_empty_exact(u8 *b, size_t *len)
{
	put16(b, DACL + 2, 8);
	put16(b, DACL + 4, 0);
}
static void m_ace_size_zero(u8 *b, size_t *len) { put16(b, ACE1 + 2, 0); }
static void m_ace_size_two(u8 *b, size_t *len) { put16(b, ACE1 + 2, 2); }
static void m_ace_size_unaligned(u8 *b, size_t *len)
{
	put16(b, ACE1 + 2, 22);
}
static void m_ace_size_past_acl(u8 *b, size_t *len)
{
	put16(b, ACE1 + 2, 60);
}
static void m_ace_too_small_for_sid(u8 *b, size_t *len)
{
	put16(b, ACE1 + 2, 12);	/* mask and half a SID header */
	put16(b, DACL + 4, 1);
}
static void m_ace_header_only(u8 *b, size_t *len)
{
	put16(b, ACE1 + 2, 4);	/* an allow ACE with no mask or SID */
	put16(b, DACL + 4, 1);
}
static void m_ace_sid_count_past_ace(u8 *b, size_t *len)
{
	b[ACE1 + 9] = 5;
}
static void m_ace_sid_revision(u8 *b, size_t *len)
{
	b[ACE1 + 8] = 0;
}
static void m_ace_sid_16_subauths(u8 *b, size_t *len)
{
	b[ACE2 + 9] = 16;
}
/* §3.4: the SID of a non-callback ACE consumes the rest of the ACE */
static void m_ace_trailing_data(u8 *b, size_t *len)
{
	b[ACE2 + 9] = 1;	/* SID shrinks; the ACE keeps 4 spare bytes */
}
/* §3.4: a callback ACE's application data follows its SID */
static void m_callback_ace_app_data(u8 *b, size_t *len)
{
	b[ACE2] = PEIOS_ACE_DENIED_CALLBACK;
	b[ACE2 + 9] = 1;
}
/* §3.3: MAXIMUM_ALLOWED must not appear in an ACE mask */
static void m_ace_mask_maximum_allowed(u8 *b, size_t *len)
{
	put32(b, ACE1 + 4, 0x021f01ff);
}
static void m_ace_mask_maximum_allowed_only(u8 *b, size_t *len)
{
	put32(b, ACE2 + 4, PEIOS_MAXIMUM_ALLOWED);
}
/* §10.3: a label mask holds policy bits; unknown ones are ignored */
static void m_ml_mask_unknown_bits(u8 *b, size_t *len)
{
	put32(b, ML_ACE + 4, 0x02000002);
}
/* §3.3: reserved bits in a stored ACE are kept, not a reason to reject */
static void m_ace_mask_reserved_bits(u8 *b, size_t *len)
{
	put32(b, ACE1 + 4, 0x0ce001ff);
}
static void m_ace_unknown_type(u8 *b, size_t *len) { b[ACE1] = 0x15; }
static void m_ace_type_ff(u8 *b, size_t *len) { b[ACE2] = 0xFF; }
static void m_ace_object_bad_flags(u8 *b, size_t *len)
{
	b[DACL] = 4;
	b[ACE2] = 0x06;		/* object flags read from the SID bytes */
}
/* ACE2 rewritten as a denied-object ACE without GUIDs for Everyone */
static void put_object_ace(u8 *b)
{
	static const u8 everyone[] = { 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };

	b[ACE2] = 0x06;
	put32(b, ACE2 + 8, 0);
	memcpy(b + ACE2 + 12, everyone, sizeof(everyone));
}
/* §3.4: no ACL is rejected for its revision versus its ACE types */
static void m_ace_object_in_rev2_acl(u8 *b, size_t *len)
{
	put_object_ace(b);
}
/* §3.4: unknown object-ACE flag bits are ignored */
static void m_ace_object_unknown_flags(u8 *b, size_t *len)
{
	put_object_ace(b);
	put32(b, ACE2 + 8, 0xfffffffc);
}
static void m_ace_object_in_rev4_acl(u8 *b, size_t *len)
{
	put_object_ace(b);
	b[DACL] = 4;
}
static void m_ace_object_missing_guid(u8 *b, size_t *len)
{
	b[DACL] = 4;
	b[ACE2] = 0x06;
	put32(b, ACE2 + 8, 1);	/* a GUID that does not fit */
}
static void m_ml_not_integrity_sid(u8 *b, size_t *len)
{
	b[ML_ACE + 15] = 5;
}
static void m_tl_not_trust_sid(u8 *b, size_t *len) { b[TL_ACE + 15] = 5; }
static void m_tl_one_subauth(u8 *b, size_t *len) { b[TL_ACE + 9] = 1; }
static void m_ml_two_subauths(u8 *b, size_t *len)
{
	b[ML_ACE + 9] = 2;	/* runs past the ACE into the next */
}
static void m_sacl_without_present(u8 *b, size_t *len)
{
	put16(b, OFF_CONTROL, 0x8004);
}
static void m_sacl_present_no_offset(u8 *b, size_t *len)
{
	put32(b, OFF_SACL_F, 0);
}
static void m_sacl_same_as_dacl(u8 *b, size_t *len)
{
	put32(b, OFF_SACL_F, DACL);
}
static void m_sacl_overlaps_owner(u8 *b, size_t *len)
{
	put32(b, OFF_SACL_F, OWNER);
}
static void m_sacl_count_too_high(u8 *b, size_t *len)
{
	put16(b, SACL + 4, 3);
}
static void m_trailing_bytes(u8 *b, size_t *len)
{
	memset(b + BASE_LEN, 0xAA, 16);
	*len = BASE_LEN + 16;
}
static void m_truncated_by_one(u8 *b, size_t *len) { *len = BASE_LEN - 1; }
static void m_truncated_dacl(u8 *b, size_t *len) { *len = ACE2 + 4; }
static void m_oversize(u8 *b, size_t *len)
{
	memset(b + BASE_LEN, 0, PEIOS_SD_MAX_SIZE + 1 - BASE_LEN);
	*len = PEIOS_SD_MAX_SIZE + 1;
}
static void m_max_size(u8 *b, size_t *len)
{
	memset(b + BASE_LEN, 0, PEIOS_SD_MAX_SIZE - BASE_LEN);
	*len = PEIOS_SD_MAX_SIZE;
}
static void m_all_absent(u8 *b, size_t *len)
{
	memset(b + 4, 0, 16);
	put16(b, OFF_CONTROL, 0x8000);
	*len = 20;
}
static void m_dacl_moved_first(u8 *b, size_t *len)
{
	/* a different valid layout: the DACL copied to the end */
	memcpy(b + BASE_LEN, b + DACL, BASE_LEN - DACL);
	put32(b, OFF_DACL_F, BASE_LEN);
	*len = BASE_LEN + (BASE_LEN - DACL);
}

/*
 * §3.8: a callback ACE for Everyone appended to the DACL (the last
 * component, ending at BASE_LEN) with ApplicationData @sig (or not)
 * followed by @n expression bytes, zero-padded.
 */
static void append_cond(u8 *b, size_t *len, u8 type, bool sig,
			const u8 *expr, size_t n)
{
	static const u8 everyone[] = { 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };
	size_t off = *len, size = 20;

	b[off] = type;
	put32(b, off + 4, 0x1f01ff);
	memcpy(b + off + 8, everyone, sizeof(everyone));
	if (sig) {
		memcpy(b + off + size, "artx", 4);
		size += 4;
	}
	memcpy(b + off + size, expr, n);
	size += n;
	while (size % 4)
		b[off + size++] = 0;
	put16(b, off + 2, (u16)size);
	put16(b, DACL + 2, (u16)(sec_get_le16(b + DACL + 2) + size));
	put16(b, DACL + 4, 3);
	b[DACL] = 4;
	*len = off + size;
}

/* Expressions as byte strings (the terminating NUL is not part of them) */
#define SID_WD	"\x51\x0c\0\0\0\x01\x01\0\0\0\0\0\x01\0\0\0\0"
#define INT8_1	"\x01\x01\0\0\0\0\0\0\0\x03\x02"
#define COND_CASE(fn, expr)						\
	static void fn(u8 *b, size_t *len)				\
	{								\
		static const char e[] = expr;				\
									\
		append_cond(b, len, PEIOS_ACE_ALLOWED_CALLBACK, true,	\
			    (const u8 *)e, sizeof(e) - 1);		\
	}

COND_CASE(m_cond_member_of, SID_WD "\x89")
COND_CASE(m_cond_and_or_not,
	  SID_WD "\x89" SID_WD "\x8c\xa2\xa1" SID_WD "\x92\xa0")
COND_CASE(m_cond_composite, "\x50\x22\0\0\0" SID_WD SID_WD "\x8b")
COND_CASE(m_cond_claims,
	  "\xf9\x02\0\0\0x\0\x87\xfa\x02\0\0\0y\0\x10\0\0\0\0\x80\xa1")
COND_CASE(m_cond_padding, SID_WD "\x89\0\0\0\0\0\0\0\0")
COND_CASE(m_cond_unknown_code, SID_WD "\x77")
COND_CASE(m_cond_sid_truncated,
	  "\x51\x10\0\0\0\x01\x01\0\0\0\0\0\x01\0\0\0\0")
COND_CASE(m_cond_sid_length_mismatch,
	  "\x51\x10\0\0\0\x01\x01\0\0\0\0\0\x01\0\0\0\0\0\0\0\0\x89")
COND_CASE(m_cond_length_past_end, "\x18\xff\xff\0\0\x01\x02")
COND_CASE(m_cond_underflow, "\x89")
COND_CASE(m_cond_and_underflow, SID_WD "\x89\xa0")
COND_CASE(m_cond_two_values_left, SID_WD "\x89" SID_WD "\x89")
COND_CASE(m_cond_member_of_integer, INT8_1 "\x89")
COND_CASE(m_cond_member_of_mixed_composite,
	  "\x50\x1c\0\0\0" SID_WD INT8_1 "\x89")
COND_CASE(m_cond_bytes_after_padding, SID_WD "\x89\0\x89")
COND_CASE(m_cond_int_bad_sign, "\x01\x01\0\0\0\0\0\0\0\x09\x02\x87")
COND_CASE(m_cond_int8_out_of_range, "\x01\0\x01\0\0\0\0\0\0\x03\x02\x87")
COND_CASE(m_cond_odd_unicode, "\x10\x03\0\0\0abc\x87")
COND_CASE(m_cond_empty_attribute_name, "\xf9\0\0\0\0\x87")
COND_CASE(m_cond_attribute_in_composite,
	  "\x50\x07\0\0\0\xf9\x02\0\0\0x\0\x87")
COND_CASE(m_cond_operator_in_composite, "\x50\x01\0\0\0\xa2\x87")
COND_CASE(m_cond_nested_composite,
	  "\x50\x16\0\0\0\x50\x11\0\0\0" SID_WD "\x89")

static void m_cond_no_signature(u8 *b, size_t *len)
{
	static const u8 junk[] = { 0xde, 0xad, 0xbe, 0xef, 0x77 };

	append_cond(b, len, PEIOS_ACE_ALLOWED_CALLBACK, false, junk,
		    sizeof(junk));
}
static void m_cond_signature_only(u8 *b, size_t *len)
{
	append_cond(b, len, PEIOS_ACE_DENIED_CALLBACK, true, (const u8 *)"",
		    0);
}
/* audit callbacks are validated as strictly as access ones */
static void m_cond_audit_callback_malformed(u8 *b, size_t *len)
{
	static const u8 e[] = { 0x89 };

	append_cond(b, len, PEIOS_ACE_SYSTEM_AUDIT_CALLBACK, true, e, 1);
}
/* Member_of, then @nots NOTs: SDDL nesting 2 + 2 * @nots */
static void cond_nots(u8 *b, size_t *len, int nots)
{
	u8 e[17 + 1 + 64];

	memcpy(e, SID_WD "\x89", 18);
	memset(e + 18, 0xa2, nots);
	append_cond(b, len, PEIOS_ACE_ALLOWED_CALLBACK, true, e, 18 + nots);
}
static void m_cond_depth_at_bound(u8 *b, size_t *len)
{
	cond_nots(b, len, (PEIOS_COND_MAX_DEPTH - 2) / 2);
}
static void m_cond_depth_over_bound(u8 *b, size_t *len)
{
	cond_nots(b, len, (PEIOS_COND_MAX_DEPTH - 2) / 2 + 1);
}
/* Member_of || Member_of || ... 40 terms: deep tree, shallow nesting */
static void m_cond_long_or_chain(u8 *b, size_t *len)
{
	static u8 e[40 * 19];
	size_t n = 0;
	int i;

	for (i = 0; i < 40; i++) {
		memcpy(e + n, SID_WD "\x89\xa1", i ? 19 : 18);
		n += i ? 19 : 18;
	}
	append_cond(b, len, PEIOS_ACE_ALLOWED_CALLBACK, true, e, n);
}
/* more operands on the stack than it holds */
static void m_cond_stack_over_bound(u8 *b, size_t *len)
{
	static u8 e[17 * (PEIOS_COND_MAX_DEPTH + 1) + PEIOS_COND_MAX_DEPTH];
	int i;

	for (i = 0; i <= PEIOS_COND_MAX_DEPTH; i++)
		memcpy(e + 17 * i, SID_WD, 17);
	memset(e + 17 * i, 0xa0, PEIOS_COND_MAX_DEPTH);
	append_cond(b, len, PEIOS_ACE_ALLOWED_CALLBACK, true, e, sizeof(e));
}
/* "artx", an octet string and Exists: @total bytes of expression */
static void cond_octets(u8 *b, size_t *len, size_t total)
{
	static u8 e[PEIOS_COND_MAX_SIZE + 4];
	size_t n = total - 4 - 5 - 1;

	e[0] = 0x18;
	put32(e, 1, (u32)n);
	memset(e + 5, 0x55, n);
	e[5 + n] = 0x87;
	append_cond(b, len, PEIOS_ACE_ALLOWED_CALLBACK, true, e, n + 6);
}
static void m_cond_size_at_bound(u8 *b, size_t *len)
{
	cond_octets(b, len, PEIOS_COND_MAX_SIZE);
}
static void m_cond_size_over_bound(u8 *b, size_t *len)
{
	cond_octets(b, len, PEIOS_COND_MAX_SIZE + 4);
}

#define VALID(fn)	{ #fn, fn, 0 }
#define INVALID(fn)	{ #fn, fn, -EINVAL }

const struct peios_sd_case peios_sd_cases[] = {
	VALID(m_none),
	VALID(m_sbz1_set),
	VALID(m_no_owner),
	VALID(m_no_group),
	VALID(m_dacl_present_no_offset),
	VALID(m_dacl_revision_4),
	VALID(m_ace_object_in_rev4_acl),
	VALID(m_dacl_sbz1),
	VALID(m_dacl_sbz2),
	VALID(m_dacl_empty_exact),
	VALID(m_callback_ace_app_data),
	VALID(m_ml_mask_unknown_bits),
	VALID(m_ace_mask_reserved_bits),
	VALID(m_ace_object_in_rev2_acl),
	VALID(m_ace_object_unknown_flags),
	VALID(m_ace_unknown_type),
	VALID(m_ace_type_ff),
	VALID(m_sacl_present_no_offset),
	VALID(m_trailing_bytes),
	VALID(m_max_size),
	VALID(m_all_absent),
	VALID(m_dacl_moved_first),
	VALID(m_cond_member_of),
	VALID(m_cond_and_or_not),
	VALID(m_cond_composite),
	VALID(m_cond_claims),
	VALID(m_cond_padding),
	VALID(m_cond_no_signature),
	VALID(m_cond_signature_only),
	VALID(m_cond_depth_at_bound),
	VALID(m_cond_long_or_chain),
	VALID(m_cond_size_at_bound),
	INVALID(m_empty),
	INVALID(m_short_header),
	INVALID(m_header_only),
	INVALID(m_revision_0),
	INVALID(m_revision_2),
	INVALID(m_not_self_relative),
	INVALID(m_owner_beyond_end),
	INVALID(m_owner_at_end),
	INVALID(m_owner_truncated),
	INVALID(m_owner_in_header),
	INVALID(m_owner_unaligned),
	INVALID(m_owner_offset_huge),
	INVALID(m_owner_sid_revision),
	INVALID(m_owner_sid_16_subauths),
	INVALID(m_owner_sid_past_end),
	INVALID(m_owner_sid_overlaps_group),
	INVALID(m_group_beyond_end),
	INVALID(m_group_same_as_owner),
	INVALID(m_group_sid_16_subauths),
	INVALID(m_dacl_without_present),
	INVALID(m_dacl_beyond_end),
	INVALID(m_dacl_header_truncated),
	INVALID(m_dacl_unaligned),
	INVALID(m_dacl_revision_3),
	INVALID(m_dacl_revision_0),
	INVALID(m_dacl_count_lower),
	INVALID(m_dacl_count_zero),
	INVALID(m_ace_trailing_data),
	INVALID(m_ace_mask_maximum_allowed),
	INVALID(m_ace_mask_maximum_allowed_only),
	INVALID(m_dacl_size_below_header),
	INVALID(m_dacl_size_unaligned),
	INVALID(m_dacl_size_past_end),
	INVALID(m_dacl_size_huge),
	INVALID(m_dacl_count_too_high),
	INVALID(m_dacl_count_max),
	INVALID(m_ace_size_zero),
	INVALID(m_ace_size_two),
	INVALID(m_ace_size_unaligned),
	INVALID(m_ace_size_past_acl),
	INVALID(m_ace_too_small_for_sid),
	INVALID(m_ace_header_only),
	INVALID(m_ace_sid_count_past_ace),
	INVALID(m_ace_sid_revision),
	INVALID(m_ace_sid_16_subauths),
	INVALID(m_ace_object_bad_flags),
	INVALID(m_ace_object_missing_guid),
	INVALID(m_ml_not_integrity_sid),
	INVALID(m_tl_not_trust_sid),
	INVALID(m_tl_one_subauth),
	INVALID(m_ml_two_subauths),
	INVALID(m_sacl_without_present),
	INVALID(m_sacl_same_as_dacl),
	INVALID(m_sacl_overlaps_owner),
	INVALID(m_sacl_count_too_high),
	INVALID(m_truncated_by_one),
	INVALID(m_truncated_dacl),
	INVALID(m_oversize),
	INVALID(m_cond_unknown_code),
	INVALID(m_cond_sid_truncated),
	INVALID(m_cond_sid_length_mismatch),
	INVALID(m_cond_length_past_end),
	INVALID(m_cond_underflow),
	INVALID(m_cond_and_underflow),
	INVALID(m_cond_two_values_left),
	INVALID(m_cond_member_of_integer),
	INVALID(m_cond_member_of_mixed_composite),
	INVALID(m_cond_bytes_after_padding),
	INVALID(m_cond_int_bad_sign),
	INVALID(m_cond_int8_out_of_range),
	INVALID(m_cond_odd_unicode),
	INVALID(m_cond_empty_attribute_name),
	INVALID(m_cond_attribute_in_composite),
	INVALID(m_cond_operator_in_composite),
	INVALID(m_cond_nested_composite),
	INVALID(m_cond_audit_callback_malformed),
	INVALID(m_cond_depth_over_bound),
	INVALID(m_cond_stack_over_bound),
	INVALID(m_cond_size_over_bound),
};
const size_t peios_sd_case_count = ARRAY_SIZE(peios_sd_cases);

/*
 * Every consumer of raw bytes must agree on validity.  The input is
 * copied into an exactly sized allocation so out-of-bounds reads are
 * caught by KASAN / ASan.
 */
static int check_consumers(const u8 *sd, size_t len, int expect,
			   char *why, size_t whylen)
{
	struct peios_sid_attr groups[4];
	struct peios_access_result res;
	struct peios_token tok;
	struct peios_sd *csd;
	char *sddl;
	size_t n;
	int err;

	err = peios_sd_validate(sd, len);
	if (err != expect) {
		snprintf(why, whylen, "validate returned %d, expected %d",
			 err, expect);
		return -1;
	}
	err = peios_sd_compact(sd, len, &csd);
	if (!err)
		peios_sd_compact_free(csd);
	if (err != expect) {
		snprintf(why, whylen, "compact returned %d", err);
		return -1;
	}
	peios_case_token(&tok, groups, ARRAY_SIZE(groups), CT_ALICE);
	peios_access_check_raw(sd, len, &tok, NULL, PEIOS_FILE_READ_DATA, 0,
			       NULL, &res);
	if (expect && res.stage != PEIOS_AC_STAGE_MALFORMED) {
		snprintf(why, whylen, "raw access check stage %s",
			 peios_ac_stage_name(res.stage));
		return -1;
	}
	err = peios_sddl_format(sd, len, &sddl, &n);
	if (!err)
		sec_free(sddl);
	if (expect && err != -EINVAL) {
		snprintf(why, whylen, "SDDL format returned %d", err);
		return -1;
	}
	return 0;
}

int peios_run_sd_case(const struct peios_sd_case *c, char *why,
		      size_t whylen)
{
	size_t len = BASE_LEN;
	u8 *work, *exact;
	int ret;

	work = sec_zalloc(BUF_SIZE);
	if (!work)
		return -1;
	memcpy(work, base_sd, BASE_LEN);
	c->mutate(work, &len);
	exact = sec_alloc(len);
	if (!exact) {
		sec_free(work);
		return -1;
	}
	if (len)
		memcpy(exact, work, len);
	ret = check_consumers(exact, len, c->expect, why, whylen);
	sec_free(exact);
	sec_free(work);
	return ret;
}
