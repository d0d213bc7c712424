// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor edits of peios-sd: add an explicit allow or deny ACE, set
 * the owner, set the mandatory or trust label.  Each edit decodes the
 * descriptor, rebuilds the one component it changes with the ACL builder
 * of the security core and keeps every other byte as it was, so ACEs the
 * tool does not understand survive an edit.
 */
#include "edit.h"

/* Rebuild @sd with @acl as its DACL (@dacl true) or SACL. */
static int replace_acl(const struct peios_sd_view *v, bool dacl,
		       const u8 *acl, size_t acl_len, u8 **out,
		       size_t *out_len)
{
	struct peios_sd_parts parts = {
		.control = v->control,
		.owner = v->has_owner ? &v->owner : NULL,
		.group = v->has_group ? &v->group : NULL,
	};

	if (v->has_dacl) {
		parts.dacl = v->dacl.raw;
		parts.dacl_len = v->dacl.size;
	}
	if (v->has_sacl) {
		parts.sacl = v->sacl.raw;
		parts.sacl_len = v->sacl.size;
	}
	if (dacl) {
		parts.dacl = acl;
		parts.dacl_len = acl_len;
	} else {
		parts.sacl = acl;
		parts.sacl_len = acl_len;
	}
	return peios_sd_build(&parts, out, out_len);
}

/*
 * Where a new explicit ACE goes, in the order Windows calls canonical:
 * a deny ACE before the first explicit allow ACE (so it wins over the
 * explicit allows), an allow ACE after the last explicit ACE (so it is
 * still ahead of everything inherited).  Without such ACEs, before the
 * first inherited ACE or at the end.
 */
static u16 insert_index(const struct peios_acl_view *acl, u8 type)
{
	struct peios_ace_view a;
	u16 i, pos = 0, first_inherited = acl->count;
	size_t off;

	peios_acl_for_each(acl, off, i, &a) {
		bool inherited = a.flags & PEIOS_INHERITED_ACE;

		if (inherited && first_inherited == acl->count)
			first_inherited = i;
		if (type == PEIOS_ACE_DENIED && !inherited &&
		    a.type == PEIOS_ACE_ALLOWED)
			return i;
		if (!inherited)
			pos = i + 1;
	}
	if (type == PEIOS_ACE_DENIED)
		return first_inherited;
	return pos;
}

int edit_add_ace(const u8 *sd, size_t len, u8 type, u8 flags, u32 mask,
		 const struct peios_sid *sid, bool *was_null, u8 **out,
		 size_t *out_len)
{
	struct peios_acl_builder b;
	struct peios_sd_view v;
	struct peios_ace_view a;
	size_t off, acl_len;
	u16 i, at = 0;
	u8 *acl;
	int ret;

	if (peios_sd_decode(sd, len, &v))
		return -EINVAL;
	/* A NULL or absent DACL grants everything; the new one will not. */
	*was_null = !v.has_dacl;
	peios_aclb_init(&b);
	if (v.has_dacl) {
		at = insert_index(&v.dacl, type);
		peios_acl_for_each(&v.dacl, off, i, &a) {
			if (i == at)
				peios_aclb_add(&b, type, flags, mask, sid);
			peios_aclb_add_ace(&b, &a, a.flags, a.mask, NULL);
		}
		if (v.dacl.revision == PEIOS_ACL_REVISION_DS)
			b.revision = PEIOS_ACL_REVISION_DS;
	}
	if (!v.has_dacl || at == v.dacl.count)
		peios_aclb_add(&b, type, flags, mask, sid);
	ret = peios_aclb_finish(&b, &acl, &acl_len);
	if (ret)
		return ret;
	v.control |= PEIOS_SE_DACL_PRESENT;
	ret = replace_acl(&v, true, acl, acl_len, out, out_len);
	sec_free(acl);
	return ret;
}

int edit_set_owner(const u8 *sd, size_t len, const struct peios_sid *owner,
		   u8 **out, size_t *out_len)
{
	struct peios_sd_view v;

	if (peios_sd_decode(sd, len, &v))
		return -EINVAL;
	v.owner = *owner;
	v.has_owner = true;
	v.control &= ~PEIOS_SE_OWNER_DEFAULTED;
	if (v.has_sacl)
		return replace_acl(&v, false, v.sacl.raw, v.sacl.size, out,
				   out_len);
	return replace_acl(&v, false, NULL, 0, out, out_len);
}

/*
 * The SACL with every explicit @type ACE (mandatory label or trust label)
 * replaced by one new ACE in front: AccessCheck uses the first effective
 * label, so the new one must come first; inherited labels stay behind it
 * and take effect again if the explicit one is removed.  Audit ACEs stay.
 */
int edit_set_label(const u8 *sd, size_t len, u8 type, u8 flags, u32 mask,
		   const struct peios_sid *sid, u8 **out, size_t *out_len)
{
	struct peios_acl_builder b;
	struct peios_sd_view v;
	struct peios_ace_view a;
	size_t off, acl_len;
	u8 *acl;
	u16 i;
	int ret;

	if (peios_sd_decode(sd, len, &v))
		return -EINVAL;
	peios_aclb_init(&b);
	peios_aclb_add(&b, type, flags, mask, sid);
	if (v.has_sacl) {
		peios_acl_for_each(&v.sacl, off, i, &a) {
			if (a.type == type && !(a.flags & PEIOS_INHERITED_ACE))
				continue;
			peios_aclb_add_ace(&b, &a, a.flags, a.mask, NULL);
		}
		if (v.sacl.revision == PEIOS_ACL_REVISION_DS)
			b.revision = PEIOS_ACL_REVISION_DS;
	}
	ret = peios_aclb_finish(&b, &acl, &acl_len);
	if (ret)
		return ret;
	v.control |= PEIOS_SE_SACL_PRESENT;
	ret = replace_acl(&v, false, acl, acl_len, out, out_len);
	sec_free(acl);
	return ret;
}
