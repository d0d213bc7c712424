// SPDX-License-Identifier: GPL-2.0
/*
 * Self-relative security descriptors: validation (peios_sd_decode),
 * building from parts and semantic comparison.  Validation checks every
 * offset, size, count and ACE before anything is read, so a malformed
 * descriptor is rejected with -EINVAL and never read out of bounds.
 * No shared state.
 */
#include <peios/security/sd.h>

struct sd_range {
	size_t start;
	size_t end;
};

/*
 * A component offset must point past the header, inside the buffer and
 * be 4-byte aligned (every MS-DTYP producer aligns; we insist so that a
 * valid descriptor has one obvious layout).
 */
static int check_offset(size_t off, size_t len)
{
	if (off < PEIOS_SD_HEADER_SIZE || off >= len || off % 4)
		return -EINVAL;
	return 0;
}

static int decode_sid_at(const u8 *buf, size_t len, size_t off,
			 struct peios_sid *sid, struct sd_range *r)
{
	size_t used;

	if (check_offset(off, len) ||
	    peios_sid_from_bytes(buf + off, len - off, sid, &used))
		return -EINVAL;
	r->start = off;
	r->end = off + used;
	return 0;
}

static int decode_acl_at(const u8 *buf, size_t len, size_t off,
			 struct peios_acl_view *acl, struct sd_range *r)
{
	if (check_offset(off, len) ||
	    peios_acl_decode(buf + off, len - off, acl))
		return -EINVAL;
	r->start = off;
	r->end = off + acl->size;
	return 0;
}

/* Components must not overlap each other (nor the header). */
static bool ranges_disjoint(const struct sd_range *r, int n)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (r[i].start < r[j].end && r[j].start < r[i].end)
				return false;
	return true;
}

/*
 * An ACL is read only when its PRESENT bit is set; an offset without
 * the bit is malformed, the bit without an offset is a NULL ACL.
 */
static int decode_acl_field(const u8 *buf, size_t len, size_t off,
			    bool present, bool *has, struct peios_acl_view *acl,
			    struct sd_range *r, int *n)
{
	*has = false;
	if (!off)
		return 0;
	if (!present)
		return -EINVAL;
	if (decode_acl_at(buf, len, off, acl, &r[*n]))
		return -EINVAL;
	(*n)++;
	*has = true;
	return 0;
}

/* Validate @buf and describe it in @sd.  Returns 0 or -EINVAL. */
int peios_sd_decode(const u8 *buf, size_t len, struct peios_sd_view *sd)
{
	struct sd_range r[4];
	size_t owner, group, sacl, dacl;
	int n = 0;

	if (!buf || len < PEIOS_SD_HEADER_SIZE || len > PEIOS_SD_MAX_SIZE)
		return -EINVAL;
	memset(sd, 0, sizeof(*sd));
	sd->raw = buf;
	sd->len = len;
	sd->control = sec_get_le16(buf + 2);
	if (buf[0] != PEIOS_SD_REVISION ||
	    !(sd->control & PEIOS_SE_SELF_RELATIVE))
		return -EINVAL;
	owner = sec_get_le32(buf + 4);
	group = sec_get_le32(buf + 8);
	sacl = sec_get_le32(buf + 12);
	dacl = sec_get_le32(buf + 16);

	if (owner) {
		if (decode_sid_at(buf, len, owner, &sd->owner, &r[n++]))
			return -EINVAL;
		sd->has_owner = true;
	}
	if (group) {
		if (decode_sid_at(buf, len, group, &sd->group, &r[n++]))
			return -EINVAL;
		sd->has_group = true;
	}
	if (decode_acl_field(buf, len, sacl,
			     sd->control & PEIOS_SE_SACL_PRESENT,
			     &sd->has_sacl, &sd->sacl, r, &n) ||
	    decode_acl_field(buf, len, dacl,
			     sd->control & PEIOS_SE_DACL_PRESENT,
			     &sd->has_dacl, &sd->dacl, r, &n))
		return -EINVAL;
	return ranges_disjoint(r, n) ? 0 : -EINVAL;
}

int peios_sd_validate(const u8 *buf, size_t len)
{
	struct peios_sd_view sd;

	return peios_sd_decode(buf, len, &sd);
}

static size_t put_sid(u8 *out, size_t off, const struct peios_sid *sid,
		      size_t hdr_field)
{
	if (!sid)
		return off;
	sec_put_le32(out + hdr_field, (u32)off);
	return off + peios_sid_to_bytes(sid, out + off);
}

static size_t put_acl(u8 *out, size_t off, const u8 *acl, size_t len,
		      size_t hdr_field)
{
	if (!acl)
		return off;
	sec_put_le32(out + hdr_field, (u32)off);
	memcpy(out + off, acl, len);
	return off + len;
}

/*
 * Build a self-relative descriptor in the canonical layout: header,
 * owner, group, SACL, DACL, no gaps.  The result is validated before it
 * is returned, so a bad ACL in @parts gives -EINVAL and no output.
 */
int peios_sd_build(const struct peios_sd_parts *parts, u8 **out,
		   size_t *out_len)
{
	size_t len = PEIOS_SD_HEADER_SIZE, off;
	u16 control = parts->control | PEIOS_SE_SELF_RELATIVE;
	u8 *buf;

	if (parts->owner)
		len += peios_sid_size(parts->owner);
	if (parts->group)
		len += peios_sid_size(parts->group);
	if (parts->sacl) {
		len += parts->sacl_len;
		control |= PEIOS_SE_SACL_PRESENT;
	}
	if (parts->dacl) {
		len += parts->dacl_len;
		control |= PEIOS_SE_DACL_PRESENT;
	}
	if (len > PEIOS_SD_MAX_SIZE)
		return -EINVAL;
	buf = sec_zalloc(len);
	if (!buf)
		return -ENOMEM;
	buf[0] = PEIOS_SD_REVISION;
	sec_put_le16(buf + 2, control);
	off = put_sid(buf, PEIOS_SD_HEADER_SIZE, parts->owner, 4);
	off = put_sid(buf, off, parts->group, 8);
	off = put_acl(buf, off, parts->sacl, parts->sacl_len, 12);
	put_acl(buf, off, parts->dacl, parts->dacl_len, 16);
	if (peios_sd_validate(buf, len)) {
		sec_free(buf);
		return -EINVAL;
	}
	*out = buf;
	*out_len = len;
	return 0;
}

/* Bytes of an ACL actually covered by its ACEs (slack excluded). */
static size_t acl_used(const struct peios_acl_view *acl)
{
	struct peios_ace_view v;
	size_t off;
	u16 i;

	peios_acl_for_each(acl, off, i, &v)
		;
	return off;
}

static bool acl_equal(bool has_a, const struct peios_acl_view *a,
		      bool has_b, const struct peios_acl_view *b)
{
	size_t used;

	if (has_a != has_b)
		return false;
	if (!has_a)
		return true;
	if (a->revision != b->revision || a->count != b->count)
		return false;
	used = acl_used(a);
	return used == acl_used(b) &&
	       !memcmp(a->raw + PEIOS_ACL_HEADER_SIZE,
		       b->raw + PEIOS_ACL_HEADER_SIZE,
		       used - PEIOS_ACL_HEADER_SIZE);
}

static bool sid_field_equal(bool has_a, const struct peios_sid *a,
			    bool has_b, const struct peios_sid *b)
{
	return has_a == has_b && (!has_a || peios_sid_equal(a, b));
}

/*
 * Semantic equality: same control, owner, group and ACLs (revision and
 * ACE sequence, byte for byte).  Component order, slack after the last
 * ACE and the header's Sbz1 are layout and do not count.  Invalid
 * descriptors are never equal to anything.
 */
bool peios_sd_equal(const u8 *a, size_t a_len, const u8 *b, size_t b_len)
{
	struct peios_sd_view x, y;

	if (peios_sd_decode(a, a_len, &x) || peios_sd_decode(b, b_len, &y))
		return false;
	return x.control == y.control &&
	       sid_field_equal(x.has_owner, &x.owner, y.has_owner, &y.owner) &&
	       sid_field_equal(x.has_group, &x.group, y.has_group, &y.group) &&
	       acl_equal(x.has_dacl, &x.dacl, y.has_dacl, &y.dacl) &&
	       acl_equal(x.has_sacl, &x.sacl, y.has_sacl, &y.sacl);
}
