// SPDX-License-Identifier: GPL-2.0
/*
 * The compact evaluation form of a descriptor (struct peios_sd): one
 * allocation holding the owner, group, the DACL entries that can decide
 * a bit, the located label and trust ACEs and a copy of the raw bytes.
 * Once built it is read-only, so it can be shared between CPUs (the
 * kernel publishes it with RCU).
 */
#include <peios/security/sd.h>

/*
 * Map a SID to one of 64 bits.  AccessCheck builds a 64-bit filter of
 * the caller's SIDs and skips an ACE whose bit is not set without
 * comparing SIDs; equal SIDs always hash alike, so the filter can only
 * save work, never change a decision.
 */
u8 peios_sid_filter_bit(const struct peios_sid *sid)
{
	u32 h = sid->authority[5] | ((u32)sid->sub_count << 8);

	if (sid->sub_count)
		h ^= sid->sub[sid->sub_count - 1] * 0x9E3779B1u;
	if (sid->sub_count > 1)
		h ^= sid->sub[sid->sub_count - 2] * 0x85EBCA6Bu;
	return (u8)((h * 0x9E3779B1u) >> 26);
}

static bool ace_is_access_type(u8 type)
{
	return type == PEIOS_ACE_ALLOWED || type == PEIOS_ACE_DENIED ||
	       type == PEIOS_ACE_ALLOWED_OBJECT ||
	       type == PEIOS_ACE_DENIED_OBJECT ||
	       (type >= PEIOS_ACE_ALLOWED_CALLBACK &&
		type <= PEIOS_ACE_DENIED_CALLBACK_OBJECT);
}

/*
 * What an effective DACL ACE does in the walk, or 0 when it cannot
 * decide any bit.  Object ACEs apply as basic ACEs, since AccessCheck is
 * never given an object-type list here (PSD-004 §10.5).  PRINCIPAL_SELF
 * stands for a self SID, which is never supplied, so its ACEs match no
 * one (§10.5).  Callback ACEs are kept with their condition, which the
 * walk evaluates (security/conditional.c).
 */
static u8 dacl_ace_kind(const struct peios_ace_view *v)
{
	if (v->flags & PEIOS_INHERIT_ONLY_ACE || !v->has_sid ||
	    peios_sid_equal(&v->sid, &peios_sid_principal_self))
		return 0;
	switch (v->type) {
	case PEIOS_ACE_ALLOWED:
	case PEIOS_ACE_ALLOWED_OBJECT:
	case PEIOS_ACE_ALLOWED_CALLBACK:
	case PEIOS_ACE_ALLOWED_CALLBACK_OBJECT:
		return PEIOS_CACE_ALLOW;
	case PEIOS_ACE_DENIED:
	case PEIOS_ACE_DENIED_OBJECT:
	case PEIOS_ACE_DENIED_CALLBACK:
	case PEIOS_ACE_DENIED_CALLBACK_OBJECT:
		return PEIOS_CACE_DENY;
	}
	return 0;
}

static u16 count_dacl_entries(const struct peios_sd_view *v)
{
	struct peios_ace_view ace;
	size_t off;
	u16 i, n = 0;

	if (!v->has_dacl)
		return 0;
	peios_acl_for_each(&v->dacl, off, i, &ace)
		if (dacl_ace_kind(&ace))
			n++;
	return n;
}

/* Bytes needed for the compact form of the descriptor at @buf. */
int peios_sd_compact_size(const u8 *buf, size_t len, size_t *size)
{
	struct peios_sd_view v;

	if (peios_sd_decode(buf, len, &v))
		return -EINVAL;
	*size = sizeof(struct peios_sd) +
		count_dacl_entries(&v) * sizeof(struct peios_cace) + len;
	return 0;
}

static void fill_dacl(struct peios_sd *sd, const struct peios_sd_view *v)
{
	struct peios_ace_view ace;
	struct peios_cace *c;
	size_t off;
	u16 i;

	sd->null_dacl = !v->has_dacl;
	if (!v->has_dacl)
		return;
	peios_acl_for_each(&v->dacl, off, i, &ace) {
		bool owner_rights = ace.has_sid &&
			peios_sid_equal(&ace.sid, &peios_sid_owner_rights);

		if (owner_rights && ace_is_access_type(ace.type) &&
		    !(ace.flags & PEIOS_INHERIT_ONLY_ACE))
			sd->owner_rights = true;
		if (!dacl_ace_kind(&ace))
			continue;
		c = &sd->dacl[sd->dacl_count++];
		c->mask = ace.mask;
		c->kind = dacl_ace_kind(&ace);
		c->type = ace.type;
		c->flags = ace.flags;
		c->sid = ace.sid;
		/* the walk evaluates a callback ACE's condition in place */
		c->cond_off = (u16)(ace.raw - v->raw + ace.sid_off +
				    ace.sid_len);
		c->cond_len = ace.size - ace.sid_off - ace.sid_len;
		c->filter = owner_rights ? PEIOS_CACE_FILTER_OWNER_RIGHTS :
					   peios_sid_filter_bit(&ace.sid);
	}
}

/* The first effective label and trust ACEs of the SACL (pre-SACL walk). */
static void find_labels(struct peios_sd *sd, const struct peios_sd_view *v)
{
	struct peios_ace_view ace;
	size_t off;
	u16 i;

	if (!v->has_sacl)
		return;
	peios_acl_for_each(&v->sacl, off, i, &ace) {
		if (ace.flags & PEIOS_INHERIT_ONLY_ACE)
			continue;
		if (ace.type == PEIOS_ACE_MANDATORY_LABEL && !sd->has_label) {
			peios_sid_is_integrity(&ace.sid, &sd->label_rid);
			sd->label_mask = ace.mask;
			sd->has_label = true;
		} else if (ace.type == PEIOS_ACE_PROCESS_TRUST_LABEL &&
			   !sd->has_trust) {
			peios_sid_is_trust(&ace.sid, &sd->trust_type,
					   &sd->trust_level);
			sd->trust_mask = ace.mask;
			sd->has_trust = true;
		}
	}
}

/*
 * Validate @buf and build its compact form in @mem (@mem_size bytes,
 * suitably aligned, at least peios_sd_compact_size()).  -EINVAL for a
 * malformed descriptor, -ENOSPC when @mem is too small.
 */
int peios_sd_compact_init(const u8 *buf, size_t len, void *mem,
			  size_t mem_size, struct peios_sd **out)
{
	struct peios_sd_view v;
	struct peios_sd *sd = mem;
	size_t need;
	u8 *raw;

	if (peios_sd_decode(buf, len, &v))
		return -EINVAL;
	need = sizeof(*sd) + count_dacl_entries(&v) * sizeof(sd->dacl[0]) +
	       len;
	if (mem_size < need)
		return -ENOSPC;
	memset(sd, 0, sizeof(*sd));
	sd->control = v.control;
	sd->has_owner = v.has_owner;
	sd->has_group = v.has_group;
	sd->owner = v.owner;
	sd->owner_filter = peios_sid_filter_bit(&v.owner);
	sd->group = v.group;
	fill_dacl(sd, &v);
	find_labels(sd, &v);
	raw = (u8 *)&sd->dacl[sd->dacl_count];
	memcpy(raw, buf, len);
	sd->raw = raw;
	sd->raw_len = (u32)len;
	*out = sd;
	return 0;
}

/* Validate and build the compact form in one allocation. */
int peios_sd_compact(const u8 *buf, size_t len, struct peios_sd **out)
{
	size_t size;
	void *mem;
	int err;

	err = peios_sd_compact_size(buf, len, &size);
	if (err)
		return err;
	mem = sec_alloc(size);
	if (!mem)
		return -ENOMEM;
	err = peios_sd_compact_init(buf, len, mem, size, out);
	if (err)
		sec_free(mem);
	return err;
}

void peios_sd_compact_free(struct peios_sd *sd)
{
	sec_free(sd);
}
