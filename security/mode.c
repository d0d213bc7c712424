// SPDX-License-Identifier: GPL-2.0
/*
 * Unix modes and DACLs.
 *
 * Translation (design.md): an allow ACE for the owner (PEIOS_MODE_OWNER_
 * BASE plus its rwx), one for the group and one for Everyone, where a
 * class without rights gets no allow ACE.  Because the DACL walk is
 * first-writer-wins and the owner also matches the group and Everyone
 * ACEs (and a group member the Everyone ACE), a class with fewer rights
 * than a later class is followed by a deny ACE for the bits it must not
 * pick up from the later ones.  That reproduces the Unix rule: owner if
 * the uid matches, else group, else other.
 *
 * chmod and the stat mode are defined on top of it.  No shared state.
 */
#include <peios/security/mode.h>

u32 peios_mode_class_rights(u32 rwx)
{
	u32 rights = 0;

	if (rwx & 4)
		rights |= PEIOS_FILE_GENERIC_READ;
	if (rwx & 2)
		rights |= PEIOS_FILE_GENERIC_WRITE;
	if (rwx & 1)
		rights |= PEIOS_FILE_GENERIC_EXECUTE;
	return rights;
}

/*
 * Append the mode ACEs for @mode (permission bits only).  @group may be
 * NULL: then there is no group class.
 */
void peios_mode_add_aces(struct peios_acl_builder *b, u32 mode,
			 const struct peios_sid *owner,
			 const struct peios_sid *group)
{
	u32 u = PEIOS_MODE_OWNER_BASE | peios_mode_class_rights(mode >> 6);
	u32 g = group ? peios_mode_class_rights(mode >> 3) : 0;
	u32 o = peios_mode_class_rights(mode);

	peios_aclb_add(b, PEIOS_ACE_ALLOWED, 0, u, owner);
	if ((g | o) & ~u)
		peios_aclb_add(b, PEIOS_ACE_DENIED, 0, (g | o) & ~u, owner);
	if (group) {
		if (g)
			peios_aclb_add(b, PEIOS_ACE_ALLOWED, 0, g, group);
		if (o & ~g)
			peios_aclb_add(b, PEIOS_ACE_DENIED, 0, o & ~g, group);
	}
	if (o)
		peios_aclb_add(b, PEIOS_ACE_ALLOWED, 0, o,
			       &peios_sid_everyone);
}

/* The mode ACEs as a complete wire ACL. */
int peios_mode_to_acl(u32 mode, const struct peios_sid *owner,
		      const struct peios_sid *group, u8 **acl, size_t *len)
{
	struct peios_acl_builder b;

	peios_aclb_init(&b);
	peios_mode_add_aces(&b, mode, owner, group);
	return peios_aclb_finish(&b, acl, len);
}

/*
 * The creator descriptor for a new object: owner, group and the mode
 * DACL, with DACL_AUTO_INHERIT_REQ so the parent's inheritable ACEs are
 * appended after the mode ACEs.
 */
int peios_mode_creator_sd(u32 mode, const struct peios_sid *owner,
			  const struct peios_sid *group, u8 **sd,
			  size_t *len)
{
	struct peios_sd_parts parts = {
		.control = PEIOS_SE_DACL_AUTO_INHERIT_REQ,
		.owner = owner,
		.group = group,
	};
	u8 *acl;
	int err;

	err = peios_mode_to_acl(mode, owner, group, &acl, &parts.dacl_len);
	if (err)
		return err;
	parts.dacl = acl;
	err = peios_sd_build(&parts, sd, len);
	sec_free(acl);
	return err;
}

/* Descriptor of an object created with @mode (after umask) by @tok. */
int peios_sd_create_from_mode(const u8 *parent, size_t parent_len,
			      u32 mode, const struct peios_token *tok,
			      bool is_container,
			      const struct peios_generic_mapping *map,
			      u8 **out, size_t *out_len)
{
	u8 *creator;
	size_t creator_len;
	int err;

	err = peios_mode_creator_sd(mode, peios_token_owner_sid(tok),
				    peios_token_group_sid(tok), &creator,
				    &creator_len);
	if (err)
		return err;
	err = peios_sd_inherit(parent, parent_len, creator, creator_len, tok,
			       is_container, map, out, out_len);
	sec_free(creator);
	return err;
}

/*
 * A mode ACE is an explicit, effective-only allow or deny ACE (no
 * INHERITED, OI, CI, NP or IO flag) for the owner, the group or
 * Everyone.  Those are what chmod replaces.
 */
static bool is_mode_ace(const struct peios_sd_view *sd,
			const struct peios_ace_view *v)
{
	if (v->type != PEIOS_ACE_ALLOWED && v->type != PEIOS_ACE_DENIED)
		return false;
	if (v->flags & (PEIOS_ACE_INHERIT_FLAGS | PEIOS_INHERITED_ACE))
		return false;
	return peios_sid_equal(&v->sid, &sd->owner) ||
	       (sd->has_group && peios_sid_equal(&v->sid, &sd->group)) ||
	       peios_sid_equal(&v->sid, &peios_sid_everyone);
}

/*
 * New DACL for chmod: every mode ACE is removed and the new mode ACEs
 * are inserted where the first old one stood (at the start if there was
 * none); all other ACEs keep their relative order.
 */
static int chmod_acl(const struct peios_sd_view *sd, u32 mode, u8 **acl,
		     size_t *len)
{
	const struct peios_sid *group = sd->has_group ? &sd->group : NULL;
	struct peios_acl_builder b;
	struct peios_ace_view v;
	bool placed = false;
	size_t off;
	u16 i;

	peios_aclb_init(&b);
	if (sd->has_dacl) {
		bool any = false;

		peios_acl_for_each(&sd->dacl, off, i, &v)
			any |= is_mode_ace(sd, &v);
		if (!any) {
			peios_mode_add_aces(&b, mode, &sd->owner, group);
			placed = true;
		}
		peios_acl_for_each(&sd->dacl, off, i, &v) {
			if (!is_mode_ace(sd, &v)) {
				peios_aclb_add_ace(&b, &v, v.flags, v.mask,
						   NULL);
			} else if (!placed) {
				peios_mode_add_aces(&b, mode, &sd->owner,
						    group);
				placed = true;
			}
		}
	}
	if (!placed)
		peios_mode_add_aces(&b, mode, &sd->owner, group);
	return peios_aclb_finish(&b, acl, len);
}

/*
 * Rewrite the mode ACEs of @sd for @mode, keeping owner, group, SACL,
 * control bits and every other ACE.  A NULL DACL becomes the mode DACL.
 * -EINVAL for a malformed descriptor or one without owner.
 */
int peios_sd_chmod(const u8 *sd, size_t len, u32 mode, u8 **out,
		   size_t *out_len)
{
	struct peios_sd_parts parts = { 0 };
	struct peios_sd_view *v;
	u8 *acl = NULL;
	int err;

	v = sec_alloc(sizeof(*v));
	if (!v)
		return -ENOMEM;
	err = peios_sd_decode(sd, len, v);
	if (!err && !v->has_owner)
		err = -EINVAL;
	if (!err)
		err = chmod_acl(v, mode & 0777, &acl, &parts.dacl_len);
	if (!err) {
		parts.control = v->control;
		parts.owner = &v->owner;
		parts.group = v->has_group ? &v->group : NULL;
		parts.dacl = acl;
		if (v->has_sacl) {
			parts.sacl = v->sacl.raw;
			parts.sacl_len = v->sacl.size;
		}
		err = peios_sd_build(&parts, out, out_len);
	}
	sec_free(acl);
	sec_free(v);
	return err;
}

/*
 * rwx of what a probe identity is granted by owner rights and the DACL
 * (no privileges, MIC or PIP): r = FILE_READ_DATA, w = FILE_WRITE_DATA,
 * x = FILE_EXECUTE.
 */
static u32 probe_rwx(const struct peios_sd *sd, const struct peios_sid *user,
		     const struct peios_sid *group)
{
	struct peios_sid_attr groups[3];
	struct peios_access_result res;
	struct peios_token tok;
	u32 attrs = PEIOS_SE_GROUP_ENABLED | PEIOS_SE_GROUP_MANDATORY;
	u32 rwx = 0;

	peios_token_init(&tok, user, groups, ARRAY_SIZE(groups));
	peios_token_add_group(&tok, &peios_sid_everyone, attrs);
	peios_token_add_group(&tok, &peios_sid_authenticated_users, attrs);
	if (group)
		peios_token_add_group(&tok, group, attrs);
	if (peios_access_check(sd, &tok, NULL, PEIOS_MAXIMUM_ALLOWED,
			       PEIOS_AC_DACL_ONLY, &peios_file_mapping, &res))
		return 0;
	if (res.granted & PEIOS_FILE_READ_DATA)
		rwx |= 4;
	if (res.granted & PEIOS_FILE_WRITE_DATA)
		rwx |= 2;
	if (res.granted & PEIOS_FILE_EXECUTE)
		rwx |= 1;
	return rwx;
}

/*
 * The permission bits stat reports: what the owner SID, a member of the
 * group SID and anyone else (each also holding Everyone and
 * Authenticated Users) are granted.  Without a group SID the group
 * class is empty.  -EINVAL when the descriptor has no owner.
 */
int peios_sd_to_mode(const struct peios_sd *sd, u32 *mode)
{
	u32 u, g = 0, o;

	if (!sd->has_owner)
		return -EINVAL;
	u = probe_rwx(sd, &sd->owner, NULL);
	if (sd->has_group)
		g = probe_rwx(sd, &peios_sid_nobody, &sd->group);
	o = probe_rwx(sd, &peios_sid_nobody, NULL);
	*mode = u << 6 | g << 3 | o;
	return 0;
}
