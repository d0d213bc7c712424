// SPDX-License-Identifier: GPL-2.0
/*
 * ACEs and ACLs in wire form.  Decoding checks every size and offset
 * against the bytes actually available, so a view can only describe
 * memory inside the input.  The builder re-encodes ACEs, optionally
 * with new flags, mask and SID, for SDDL, inheritance and chmod.
 * No shared state.
 */
#include <peios/security/acl.h>
#include <peios/security/conditional.h>

/* Types laid out as header, mask, SID[, application data] */
static bool ace_type_is_basic(u8 type)
{
	switch (type) {
	case PEIOS_ACE_ALLOWED:
	case PEIOS_ACE_DENIED:
	case PEIOS_ACE_SYSTEM_AUDIT:
	case PEIOS_ACE_SYSTEM_ALARM:
	case PEIOS_ACE_ALLOWED_CALLBACK:
	case PEIOS_ACE_DENIED_CALLBACK:
	case PEIOS_ACE_SYSTEM_AUDIT_CALLBACK:
	case PEIOS_ACE_SYSTEM_ALARM_CALLBACK:
	case PEIOS_ACE_MANDATORY_LABEL:
	case PEIOS_ACE_RESOURCE_ATTRIBUTE:
	case PEIOS_ACE_SCOPED_POLICY_ID:
	case PEIOS_ACE_PROCESS_TRUST_LABEL:
		return true;
	}
	return false;
}

/* Types laid out as header, mask, object flags, GUIDs, SID[, data] */
bool peios_ace_type_is_object(u8 type)
{
	switch (type) {
	case PEIOS_ACE_ALLOWED_OBJECT:
	case PEIOS_ACE_DENIED_OBJECT:
	case PEIOS_ACE_SYSTEM_AUDIT_OBJECT:
	case PEIOS_ACE_SYSTEM_ALARM_OBJECT:
	case PEIOS_ACE_ALLOWED_CALLBACK_OBJECT:
	case PEIOS_ACE_DENIED_CALLBACK_OBJECT:
	case PEIOS_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT:
	case PEIOS_ACE_SYSTEM_ALARM_CALLBACK_OBJECT:
		return true;
	}
	return false;
}

/*
 * Offset of the SID in an object ACE, or 0 if the object part does not
 * fit.  Flag bits other than the two GUID bits are ignored (PSD-004
 * §3.4), not a reason to reject.
 */
static u16 object_sid_offset(const u8 *p, u16 size, bool *object_type)
{
	u32 oflags;
	u16 off = 12;

	if (size < 12)
		return 0;
	oflags = sec_get_le32(p + 8);
	if (oflags & PEIOS_ACE_OBJECT_TYPE_PRESENT)
		off += 16;
	if (oflags & PEIOS_ACE_INHERITED_OBJECT_TYPE_PRESENT)
		off += 16;
	*object_type = oflags & PEIOS_ACE_OBJECT_TYPE_PRESENT;
	return off;
}

/*
 * Types whose SID may be followed by application data: the callback
 * family (the condition) and resource attributes (the claim).  In every
 * other known layout the SID must end the ACE (PSD-004 §3.4).
 */
static bool ace_type_has_app_data(u8 type)
{
	return (type >= PEIOS_ACE_ALLOWED_CALLBACK &&
		type <= PEIOS_ACE_SYSTEM_ALARM_CALLBACK_OBJECT) ||
	       type == PEIOS_ACE_RESOURCE_ATTRIBUTE;
}

/*
 * MAXIMUM_ALLOWED is a request flag and must not appear in an ACE mask
 * (PSD-004 §3.3).  Label masks hold policy bits, whose unknown bits are
 * ignored (§10.3), and a resource attribute's mask is unused (§3.4), so
 * neither is an access mask to hold to that rule.
 */
static bool ace_mask_fits_type(const struct peios_ace_view *v)
{
	if (v->type == PEIOS_ACE_MANDATORY_LABEL ||
	    v->type == PEIOS_ACE_RESOURCE_ATTRIBUTE)
		return true;
	return !(v->mask & PEIOS_MAXIMUM_ALLOWED);
}

/*
 * Label and trust ACEs carry their meaning in the SID; one with the
 * wrong kind of SID makes the descriptor malformed.
 */
static bool ace_sid_fits_type(const struct peios_ace_view *v)
{
	if (v->type == PEIOS_ACE_MANDATORY_LABEL)
		return peios_sid_is_integrity(&v->sid, NULL);
	if (v->type == PEIOS_ACE_PROCESS_TRUST_LABEL)
		return peios_sid_is_trust(&v->sid, NULL, NULL);
	return true;
}

/*
 * Decode and validate the ACE at @p with @avail bytes left in its ACL.
 * Returns -EINVAL for any size, alignment or SID problem.
 */
int peios_ace_decode(const u8 *p, size_t avail, struct peios_ace_view *v)
{
	size_t sid_len;
	u16 sid_off;

	if (avail < PEIOS_ACE_HEADER_SIZE)
		return -EINVAL;
	memset(v, 0, sizeof(*v));
	v->raw = p;
	v->type = p[0];
	v->flags = p[1];
	v->size = sec_get_le16(p + 2);
	if (v->size < PEIOS_ACE_HEADER_SIZE || v->size % 4 || v->size > avail)
		return -EINVAL;

	if (ace_type_is_basic(v->type))
		sid_off = 8;
	else if (peios_ace_type_is_object(v->type))
		sid_off = object_sid_offset(p, v->size, &v->object_type);
	else
		return 0;	/* opaque: preserved, never evaluated */

	if (!sid_off || v->size < sid_off)
		return -EINVAL;
	if (peios_sid_from_bytes(p + sid_off, v->size - sid_off, &v->sid,
				 &sid_len))
		return -EINVAL;
	if (sid_off + sid_len != v->size && !ace_type_has_app_data(v->type))
		return -EINVAL;
	v->has_sid = true;
	v->mask = sec_get_le32(p + 4);
	v->sid_off = sid_off;
	v->sid_len = (u16)sid_len;
	/* §3.8: a malformed condition makes the descriptor malformed */
	if (peios_ace_type_is_callback(v->type) &&
	    peios_cond_validate(p + sid_off + sid_len,
				v->size - sid_off - sid_len))
		return -EINVAL;
	return ace_sid_fits_type(v) && ace_mask_fits_type(v) ? 0 : -EINVAL;
}

/*
 * Validate the ACL at @p (@avail bytes to the end of the descriptor):
 * header, revision, size, alignment, and exactly AceCount ACEs filling
 * the declared size (PSD-004 §3.2).  Sbz1 and Sbz2 are reserved and not
 * interpreted; an ACE family the revision does not formally permit is
 * accepted (§3.4: accept permissively, write correctly).
 */
int peios_acl_decode(const u8 *p, size_t avail, struct peios_acl_view *acl)
{
	struct peios_ace_view v;
	size_t off;
	u16 i;

	if (avail < PEIOS_ACL_HEADER_SIZE)
		return -EINVAL;
	acl->raw = p;
	acl->revision = p[0];
	acl->size = sec_get_le16(p + 2);
	acl->count = sec_get_le16(p + 4);
	if (acl->revision != PEIOS_ACL_REVISION &&
	    acl->revision != PEIOS_ACL_REVISION_DS)
		return -EINVAL;
	if (acl->size < PEIOS_ACL_HEADER_SIZE || acl->size % 4 ||
	    acl->size > avail)
		return -EINVAL;
	off = PEIOS_ACL_HEADER_SIZE;
	for (i = 0; i < acl->count; i++)
		if (peios_acl_next(acl, &off, &v))
			return -EINVAL;
	/* leftover bytes would let a writer choose a stored tail */
	return off == acl->size ? 0 : -EINVAL;
}

/* Decode the ACE at *@off and advance past it. */
int peios_acl_next(const struct peios_acl_view *acl, size_t *off,
		   struct peios_ace_view *v)
{
	int err;

	if (*off > acl->size)
		return -EINVAL;
	err = peios_ace_decode(acl->raw + *off, acl->size - *off, v);
	if (err)
		return err;
	*off += v->size;
	return 0;
}

/* ACE types an ACL may formally hold only at ACL_REVISION_DS (§3.4) */
static bool ace_type_needs_ds(u8 type)
{
	return type >= PEIOS_ACE_ALLOWED_OBJECT &&
	       type <= PEIOS_ACE_SYSTEM_ALARM_CALLBACK_OBJECT;
}

void peios_aclb_init(struct peios_acl_builder *b)
{
	/* an ACL must fit in a descriptor together with its header */
	sec_buf_init(&b->buf, PEIOS_SD_MAX_SIZE - PEIOS_SD_HEADER_SIZE);
	b->count = 0;
	b->revision = PEIOS_ACL_REVISION;
	sec_buf_reserve(&b->buf, PEIOS_ACL_HEADER_SIZE);
}

void peios_aclb_release(struct peios_acl_builder *b)
{
	sec_buf_release(&b->buf);
}

static void aclb_count(struct peios_acl_builder *b)
{
	if (b->count == 0xFFFF)
		b->buf.err = -EINVAL;
	else
		b->count++;
}

static void aclb_put_sid(struct peios_acl_builder *b,
			 const struct peios_sid *sid)
{
	u8 *d = sec_buf_reserve(&b->buf, peios_sid_size(sid));

	if (d)
		peios_sid_to_bytes(sid, d);
}

/* Append a simple ACE: header, mask, SID. */
void peios_aclb_add(struct peios_acl_builder *b, u8 type, u8 flags, u32 mask,
		    const struct peios_sid *sid)
{
	size_t size = 8 + peios_sid_size(sid);

	if (ace_type_needs_ds(type))
		b->revision = PEIOS_ACL_REVISION_DS;
	sec_buf_put_u8(&b->buf, type);
	sec_buf_put_u8(&b->buf, flags);
	sec_buf_put_le16(&b->buf, (u16)size);
	sec_buf_put_le32(&b->buf, mask);
	aclb_put_sid(b, sid);
	aclb_count(b);
}

/*
 * Append a copy of @v with new @flags, and, for ACEs with a known
 * layout, the given @mask and @sid (NULL keeps the original SID).  The
 * object part and any trailing application data are kept verbatim;
 * opaque ACEs are copied whole.
 */
void peios_aclb_add_ace(struct peios_acl_builder *b,
			const struct peios_ace_view *v, u8 flags, u32 mask,
			const struct peios_sid *sid)
{
	size_t tail_off, size;
	u8 *d;

	if (ace_type_needs_ds(v->type))
		b->revision = PEIOS_ACL_REVISION_DS;
	if (!v->has_sid) {
		d = sec_buf_reserve(&b->buf, v->size);
		if (d) {
			memcpy(d, v->raw, v->size);
			d[1] = flags;
		}
		aclb_count(b);
		return;
	}
	if (!sid)
		sid = &v->sid;
	tail_off = v->sid_off + v->sid_len;
	size = v->sid_off + peios_sid_size(sid) + (v->size - tail_off);
	if (size > 0xFFFF) {
		b->buf.err = -EINVAL;
		return;
	}
	sec_buf_put_u8(&b->buf, v->type);
	sec_buf_put_u8(&b->buf, flags);
	sec_buf_put_le16(&b->buf, (u16)size);
	sec_buf_put_le32(&b->buf, mask);
	sec_buf_put(&b->buf, v->raw + 8, v->sid_off - 8);
	aclb_put_sid(b, sid);
	sec_buf_put(&b->buf, v->raw + tail_off, v->size - tail_off);
	aclb_count(b);
}

/* Fill in the ACL header and hand the bytes to the caller. */
int peios_aclb_finish(struct peios_acl_builder *b, u8 **acl, size_t *len)
{
	if (!b->buf.err) {
		b->buf.data[0] = b->revision;
		sec_put_le16(b->buf.data + 2, (u16)b->buf.len);
		sec_put_le16(b->buf.data + 4, b->count);
	}
	return sec_buf_detach(&b->buf, acl, len);
}
