// SPDX-License-Identifier: GPL-2.0
/*
 * Whole-descriptor reads and writes: filtering what a reader sees, merging
 * a written descriptor with the current one component by component, and
 * working out which rights and rules the change involves.
 *
 * The SACL holds two kinds of ACE with different owners: the mandatory
 * label and trust label (changed with WRITE_OWNER, visible with
 * READ_CONTROL) and the audit and alarm ACEs (ACCESS_SYSTEM_SECURITY).
 * They are handled as two lists and recombined labels first.
 */
#include <peios/security/sec_port.h>
#include <peios/security/acl.h>
#include <peios/security/sd_edit.h>

static bool ace_is_audit(u8 type)
{
	switch (type) {
	case PEIOS_ACE_SYSTEM_AUDIT:
	case PEIOS_ACE_SYSTEM_ALARM:
	case PEIOS_ACE_SYSTEM_AUDIT_OBJECT:
	case PEIOS_ACE_SYSTEM_ALARM_OBJECT:
	case PEIOS_ACE_SYSTEM_AUDIT_CALLBACK:
	case PEIOS_ACE_SYSTEM_ALARM_CALLBACK:
	case PEIOS_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT:
	case PEIOS_ACE_SYSTEM_ALARM_CALLBACK_OBJECT:
		return true;
	default:
		return false;
	}
}

/* Append the ACEs of @acl whose audit-ness is @audit to @b. */
static void copy_aces(struct peios_acl_builder *b,
		      const struct peios_acl_view *acl, bool audit)
{
	struct peios_ace_view v;
	size_t off;
	u16 i;

	peios_acl_for_each(acl, off, i, &v)
		if (ace_is_audit(v.type) == audit)
			peios_aclb_add_ace(b, &v, v.flags, v.mask, NULL);
}

static u16 count_aces(const struct peios_acl_view *acl, bool audit)
{
	struct peios_ace_view v;
	size_t off;
	u16 i, n = 0;

	peios_acl_for_each(acl, off, i, &v)
		n += ace_is_audit(v.type) == audit;
	return n;
}

/* Byte-wise comparison of one kind of ACE in two SACLs. */
static bool aces_equal(const struct peios_sd_view *a,
		       const struct peios_sd_view *b, bool audit)
{
	struct peios_acl_builder ba, bb;
	u8 *ra = NULL, *rb = NULL;
	size_t la = 0, lb = 0;
	bool equal;

	peios_aclb_init(&ba);
	peios_aclb_init(&bb);
	if (a->has_sacl)
		copy_aces(&ba, &a->sacl, audit);
	if (b->has_sacl)
		copy_aces(&bb, &b->sacl, audit);
	if (peios_aclb_finish(&ba, &ra, &la) ||
	    peios_aclb_finish(&bb, &rb, &lb)) {
		equal = false;	/* cannot happen for validated input */
	} else {
		/* revision may differ only through object ACEs: compare all */
		equal = la == lb && !memcmp(ra + 2, rb + 2, la - 2);
	}
	sec_free(ra);
	sec_free(rb);
	return equal;
}

/* The SACL of the result: labels from @labels, audit from @audit. */
static int merge_sacl(const struct peios_sd_view *labels,
		      const struct peios_sd_view *audit, u8 **acl,
		      size_t *len)
{
	struct peios_acl_builder b;

	peios_aclb_init(&b);
	if (labels->has_sacl)
		copy_aces(&b, &labels->sacl, false);
	if (audit->has_sacl)
		copy_aces(&b, &audit->sacl, true);
	return peios_aclb_finish(&b, acl, len);
}

int peios_sd_without_audit(const u8 *sd, size_t len, u8 **out,
			   size_t *out_len)
{
	struct peios_sd_view v, none = { 0 };
	struct peios_sd_parts parts = { 0 };
	u8 *sacl = NULL;
	size_t sacl_len = 0;
	int ret;

	ret = peios_sd_decode(sd, len, &v);
	if (ret)
		return ret;
	parts.control = v.control & ~PEIOS_SE_SACL_PRESENT;
	parts.owner = v.has_owner ? &v.owner : NULL;
	parts.group = v.has_group ? &v.group : NULL;
	if (v.has_dacl) {
		parts.dacl = v.dacl.raw;
		parts.dacl_len = v.dacl.size;
	}
	if (v.has_sacl && count_aces(&v.sacl, false)) {
		ret = merge_sacl(&v, &none, &sacl, &sacl_len);
		if (ret)
			return ret;
		parts.sacl = sacl;
		parts.sacl_len = sacl_len;
	}
	ret = peios_sd_build(&parts, out, out_len);
	sec_free(sacl);
	return ret;
}

#define DACL_CONTROL (PEIOS_SE_DACL_PRESENT | PEIOS_SE_DACL_DEFAULTED | \
		      PEIOS_SE_DACL_AUTO_INHERIT_REQ |			\
		      PEIOS_SE_DACL_AUTO_INHERITED | PEIOS_SE_DACL_PROTECTED | \
		      PEIOS_SE_DACL_TRUSTED)
#define SACL_CONTROL (PEIOS_SE_SACL_PRESENT | PEIOS_SE_SACL_DEFAULTED | \
		      PEIOS_SE_SACL_AUTO_INHERIT_REQ |			\
		      PEIOS_SE_SACL_AUTO_INHERITED | PEIOS_SE_SACL_PROTECTED)

static bool dacl_equal(const struct peios_sd_view *a,
		       const struct peios_sd_view *b)
{
	u16 mask = DACL_CONTROL;

	if (a->has_dacl != b->has_dacl)
		return false;
	/* a NULL DACL is the same with DACL_PRESENT set or clear */
	if (!a->has_dacl)
		mask &= ~PEIOS_SE_DACL_PRESENT;
	if ((a->control ^ b->control) & mask)
		return false;
	return !a->has_dacl || (a->dacl.size == b->dacl.size &&
				!memcmp(a->dacl.raw, b->dacl.raw, a->dacl.size));
}

/* The first effective mandatory label's integrity, Medium without one. */
static u32 label_rid(const struct peios_sd_view *v)
{
	struct peios_ace_view ace;
	size_t off;
	u16 i;
	u32 rid;

	if (!v->has_sacl)
		return PEIOS_IL_MEDIUM;
	peios_acl_for_each(&v->sacl, off, i, &ace)
		if (ace.type == PEIOS_ACE_MANDATORY_LABEL &&
		    !(ace.flags & PEIOS_INHERIT_ONLY_ACE) &&
		    peios_sid_is_integrity(&ace.sid, &rid))
			return rid;
	return PEIOS_IL_MEDIUM;
}

static void work_out_rights(const struct peios_sd_view *cur,
			    const struct peios_sd_view *res,
			    struct peios_sd_change *c)
{
	c->rights = 0;
	c->owner_changed = !peios_sid_equal(&cur->owner, &res->owner);
	if (c->owner_changed) {
		c->owner = res->owner;
		c->rights |= PEIOS_WRITE_OWNER;
	}
	if (cur->has_group != res->has_group ||
	    (res->has_group && !peios_sid_equal(&cur->group, &res->group)))
		c->rights |= PEIOS_WRITE_OWNER;
	if (!dacl_equal(cur, res))
		c->rights |= PEIOS_WRITE_DAC;
	c->label_changed = !aces_equal(cur, res, false);
	if (c->label_changed)
		c->rights |= PEIOS_WRITE_OWNER;
	c->label_rid = label_rid(res);
	if (!aces_equal(cur, res, true) ||
	    ((cur->control ^ res->control) & SACL_CONTROL &
	     ~PEIOS_SE_SACL_PRESENT))
		c->rights |= PEIOS_ACCESS_SYSTEM_SECURITY;
}

static int build_merged(const struct peios_sd_view *cur,
			const struct peios_sd_view *req, bool keep_audit,
			u8 **out, size_t *out_len)
{
	const struct peios_sd_view *dacl_src, *label_src, *audit_src;
	struct peios_sd_parts parts = { 0 };
	u8 *sacl = NULL;
	size_t sacl_len = 0;
	int ret;

	dacl_src = (req->control & PEIOS_SE_DACL_PRESENT) ? req : cur;
	label_src = (req->control & PEIOS_SE_SACL_PRESENT) ? req : cur;
	audit_src = label_src;
	if (audit_src == req && keep_audit &&
	    !(req->has_sacl && count_aces(&req->sacl, true)))
		audit_src = cur;

	parts.control = (dacl_src->control & DACL_CONTROL) |
			(label_src->control & SACL_CONTROL &
			 ~PEIOS_SE_SACL_PRESENT);
	parts.owner = req->has_owner ? &req->owner :
		      (cur->has_owner ? &cur->owner : NULL);
	parts.group = req->has_group ? &req->group :
		      (cur->has_group ? &cur->group : NULL);
	if (!parts.owner)
		return -EINVAL;
	if (dacl_src->has_dacl) {
		parts.dacl = dacl_src->dacl.raw;
		parts.dacl_len = dacl_src->dacl.size;
	} else {
		/* a request may ask with PRESENT set; store PSD-004 §3.1 */
		parts.control &= ~PEIOS_SE_DACL_PRESENT;
	}
	if ((label_src->has_sacl && count_aces(&label_src->sacl, false)) ||
	    (audit_src->has_sacl && count_aces(&audit_src->sacl, true))) {
		ret = merge_sacl(label_src, audit_src, &sacl, &sacl_len);
		if (ret)
			return ret;
		parts.sacl = sacl;
		parts.sacl_len = sacl_len;
	}
	ret = peios_sd_build(&parts, out, out_len);
	sec_free(sacl);
	return ret;
}

int peios_sd_merge(const u8 *cur, size_t cur_len, const u8 *req,
		   size_t req_len, bool keep_audit,
		   struct peios_sd_change *change)
{
	/* Three views are too large for a kernel stack frame. */
	struct {
		struct peios_sd_view cur, req, res;
	} *v;
	int ret = -EINVAL;

	memset(change, 0, sizeof(*change));
	v = sec_alloc(sizeof(*v));
	if (!v)
		return -ENOMEM;
	if (peios_sd_decode(cur, cur_len, &v->cur) ||
	    peios_sd_decode(req, req_len, &v->req))
		goto out;
	ret = build_merged(&v->cur, &v->req, keep_audit, &change->sd,
			   &change->len);
	if (ret)
		goto out;
	if (peios_sd_decode(change->sd, change->len, &v->res) ||
	    !v->res.has_owner) {
		peios_sd_change_release(change);
		ret = -EINVAL;
		goto out;
	}
	work_out_rights(&v->cur, &v->res, change);
out:
	sec_free(v);
	return ret;
}

void peios_sd_change_release(struct peios_sd_change *change)
{
	sec_free(change->sd);
	change->sd = NULL;
	change->len = 0;
}

int peios_sd_change_permitted(const struct peios_sd_change *change,
			      const struct peios_token *tok)
{
	if (change->owner_changed && !peios_token_may_own(tok, &change->owner) &&
	    !peios_token_has_privilege(tok, PEIOS_PRIV_RESTORE))
		return -EPERM;
	if (change->label_changed && change->label_rid > tok->integrity &&
	    !peios_token_has_privilege(tok, PEIOS_PRIV_RELABEL))
		return -EPERM;
	return 0;
}
