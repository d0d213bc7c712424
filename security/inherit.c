// SPDX-License-Identifier: GPL-2.0
/*
 * Inheritance: the descriptor of a new object from its parent's
 * inheritable ACEs, an optional creator descriptor and the creator's
 * token (Documentation/security-core.md; PSD-004 §3.6, ACE propagation
 * as in MS-DTYP 2.5.3.4).  Pure function of its inputs; allocates only
 * the result.
 */
#include <peios/security/inherit.h>

struct inherit_ctx {
	const struct peios_sid *owner;
	const struct peios_sid *group;
	const struct peios_generic_mapping *map;
	bool is_container;
	struct peios_acl_builder b;
	bool inherited;		/* something came from the parent */
};

/* CREATOR OWNER / GROUP or generic bits: the effective copy differs. */
static bool needs_subst(const struct peios_ace_view *v)
{
	if (!v->has_sid)
		return false;
	if (peios_sid_equal(&v->sid, &peios_sid_creator_owner) ||
	    peios_sid_equal(&v->sid, &peios_sid_creator_group))
		return true;
	return v->type != PEIOS_ACE_MANDATORY_LABEL &&
	       (v->mask & PEIOS_GENERIC_MASK);
}

static void emit_copy(struct inherit_ctx *c, const struct peios_ace_view *v,
		      u8 flags)
{
	peios_aclb_add_ace(&c->b, v, flags, v->mask, NULL);
}

/* The ACE as it applies to the new object: placeholders replaced. */
static void emit_effective(struct inherit_ctx *c,
			   const struct peios_ace_view *v, u8 flags)
{
	const struct peios_sid *sid = NULL;
	u32 mask = v->mask;

	if (!v->has_sid) {
		emit_copy(c, v, flags);
		return;
	}
	if (peios_sid_equal(&v->sid, &peios_sid_creator_owner)) {
		sid = c->owner;
	} else if (peios_sid_equal(&v->sid, &peios_sid_creator_group)) {
		/*
		 * No group to put in: fail closed rather than keep an ACE
		 * that matches no one or pick another SID (PSD-004 §3.1).
		 */
		if (!c->group) {
			c->b.buf.err = -ENODATA;
			return;
		}
		sid = c->group;
	}
	if (v->type != PEIOS_ACE_MANDATORY_LABEL)
		mask = peios_map_generic(mask, c->map);
	peios_aclb_add_ace(&c->b, v, flags, mask, sid);
}

/*
 * One parent ACE.  A file takes OBJECT_INHERIT ACEs as effective ACEs.
 * A container takes CONTAINER_INHERIT ACEs as effective ACEs that keep
 * propagating (split into an effective copy and an inherit-only
 * original when placeholders or generic bits must be resolved), and
 * passes OBJECT_INHERIT-only ACEs on as inherit-only.  NO_PROPAGATE
 * stops propagation after this level.
 */
static void inherit_parent_ace(struct inherit_ctx *c,
			       const struct peios_ace_view *v)
{
	u8 f = v->flags;
	u8 effective = (f & ~PEIOS_ACE_INHERIT_FLAGS) | PEIOS_INHERITED_ACE;

	if (!c->is_container) {
		if (!(f & PEIOS_OBJECT_INHERIT_ACE))
			return;
		emit_effective(c, v, effective);
	} else if (f & PEIOS_CONTAINER_INHERIT_ACE) {
		if (f & PEIOS_NO_PROPAGATE_INHERIT_ACE) {
			emit_effective(c, v, effective);
		} else if (needs_subst(v)) {
			emit_effective(c, v, effective);
			emit_copy(c, v, f | PEIOS_INHERIT_ONLY_ACE |
					PEIOS_INHERITED_ACE);
		} else {
			emit_copy(c, v, (f & ~PEIOS_INHERIT_ONLY_ACE) |
					PEIOS_INHERITED_ACE);
		}
	} else if (f & PEIOS_OBJECT_INHERIT_ACE &&
		   !(f & PEIOS_NO_PROPAGATE_INHERIT_ACE)) {
		emit_copy(c, v, f | PEIOS_INHERIT_ONLY_ACE |
				PEIOS_INHERITED_ACE);
	} else {
		return;
	}
	c->inherited = true;
}

/*
 * One ACE of the creator's ACL: kept, with placeholders and generic
 * bits resolved in its effective part (split like an inherited ACE when
 * it must also propagate).
 */
static void add_creator_ace(struct inherit_ctx *c,
			    const struct peios_ace_view *v)
{
	u8 f = v->flags;

	if (f & PEIOS_INHERIT_ONLY_ACE || !needs_subst(v)) {
		emit_copy(c, v, f);
	} else if (c->is_container &&
		   f & (PEIOS_OBJECT_INHERIT_ACE |
			PEIOS_CONTAINER_INHERIT_ACE) &&
		   !(f & PEIOS_NO_PROPAGATE_INHERIT_ACE)) {
		emit_effective(c, v, f & ~PEIOS_ACE_INHERIT_FLAGS);
		emit_copy(c, v, f | PEIOS_INHERIT_ONLY_ACE);
	} else {
		emit_effective(c, v, f);
	}
}

static void add_parent_aces(struct inherit_ctx *c,
			    const struct peios_acl_view *acl)
{
	struct peios_ace_view v;
	size_t off;
	u16 i;

	peios_acl_for_each(acl, off, i, &v)
		inherit_parent_ace(c, &v);
}

static void add_creator_aces(struct inherit_ctx *c,
			     const struct peios_acl_view *acl)
{
	struct peios_ace_view v;
	size_t off;
	u16 i;

	peios_acl_for_each(acl, off, i, &v)
		add_creator_ace(c, &v);
}

/* Which ACL (DACL or SACL) and the control bits that go with it */
struct acl_kind {
	u16 present;
	u16 protected;
	u16 auto_req;
	u16 auto_inherited;
	u16 defaulted;
	u16 null_present;	/* PRESENT bit of a NULL ACL */
};

/* A NULL DACL is DACL_PRESENT clear (PSD-004 §3.1). */
static const struct acl_kind dacl_kind = {
	PEIOS_SE_DACL_PRESENT, PEIOS_SE_DACL_PROTECTED,
	PEIOS_SE_DACL_AUTO_INHERIT_REQ, PEIOS_SE_DACL_AUTO_INHERITED,
	PEIOS_SE_DACL_DEFAULTED, 0,
};

static const struct acl_kind sacl_kind = {
	PEIOS_SE_SACL_PRESENT, PEIOS_SE_SACL_PROTECTED,
	PEIOS_SE_SACL_AUTO_INHERIT_REQ, PEIOS_SE_SACL_AUTO_INHERITED,
	PEIOS_SE_SACL_DEFAULTED, PEIOS_SE_SACL_PRESENT,
};

struct acl_inputs {
	const struct peios_sd_view *parent;	/* may be NULL */
	const struct peios_sd_view *creator;	/* may be NULL */
	bool parent_has;
	const struct peios_acl_view *parent_acl;
	bool creator_has;
	const struct peios_acl_view *creator_acl;
	const struct peios_acl_view *fallback;	/* token default DACL */
};

/*
 * Compute one ACL of the new object into *@acl (NULL for none) and its
 * control bits into *@control.
 */
static int compute_acl(struct inherit_ctx *c, const struct acl_kind *k,
		       const struct acl_inputs *in, u8 **acl, size_t *len,
		       u16 *control)
{
	u16 cc = in->creator ? in->creator->control : 0;
	bool explicit = cc & k->present;

	*acl = NULL;
	*len = 0;
	c->inherited = false;
	peios_aclb_init(&c->b);
	if (explicit && !in->creator_has) {
		/* the creator asked for a NULL ACL: nothing to merge into */
		peios_aclb_release(&c->b);
		*control |= k->null_present | (cc & k->protected);
		return 0;
	}
	if (explicit) {
		add_creator_aces(c, in->creator_acl);
		if (in->parent_has && !(cc & k->protected) &&
		    cc & k->auto_req)
			add_parent_aces(c, in->parent_acl);
	} else if (in->parent_has) {
		add_parent_aces(c, in->parent_acl);
	}
	if (!explicit && !c->inherited) {
		peios_aclb_release(&c->b);
		if (!in->fallback)
			return 0;
		peios_aclb_init(&c->b);
		add_creator_aces(c, in->fallback);
		/* a default source: say so (PSD-004 §3.1) */
		*control |= k->defaulted;
	}
	*control |= k->present | (cc & k->protected);
	if (c->inherited)
		*control |= k->auto_inherited;
	return peios_aclb_finish(&c->b, acl, len);
}

static int decode_optional(const u8 *buf, size_t len,
			   struct peios_sd_view *v, bool *have)
{
	*have = buf != NULL;
	if (!buf)
		return 0;
	return peios_sd_decode(buf, len, v);
}

struct inherit_views {
	struct peios_sd_view parent;
	struct peios_sd_view creator;
	struct peios_acl_view def;
	bool have_parent;
	bool have_creator;
	bool have_def;
};

static int decode_inputs(struct inherit_views *iv, const u8 *parent,
			 size_t parent_len, const u8 *creator,
			 size_t creator_len, const struct peios_token *tok)
{
	if (decode_optional(parent, parent_len, &iv->parent,
			    &iv->have_parent) ||
	    decode_optional(creator, creator_len, &iv->creator,
			    &iv->have_creator))
		return -EINVAL;
	iv->have_def = tok->default_dacl != NULL;
	if (iv->have_def &&
	    peios_acl_decode(tok->default_dacl, tok->default_dacl_len,
			     &iv->def))
		return -EINVAL;
	return 0;
}

static void fill_inputs(const struct inherit_views *iv, bool dacl,
			struct acl_inputs *in)
{
	const struct peios_sd_view *p = iv->have_parent ? &iv->parent : NULL;
	const struct peios_sd_view *cr = iv->have_creator ? &iv->creator :
							    NULL;

	memset(in, 0, sizeof(*in));
	in->parent = p;
	in->creator = cr;
	in->parent_has = p && (dacl ? p->has_dacl : p->has_sacl);
	in->parent_acl = p ? (dacl ? &p->dacl : &p->sacl) : NULL;
	in->creator_has = cr && (dacl ? cr->has_dacl : cr->has_sacl);
	in->creator_acl = cr ? (dacl ? &cr->dacl : &cr->sacl) : NULL;
	in->fallback = dacl && iv->have_def ? &iv->def : NULL;
}

static int compute_acls(struct inherit_ctx *c, const struct inherit_views *iv,
			struct peios_sd_parts *parts, u8 **dacl, u8 **sacl)
{
	struct acl_inputs in;
	int err;

	fill_inputs(iv, true, &in);
	err = compute_acl(c, &dacl_kind, &in, dacl, &parts->dacl_len,
			  &parts->control);
	if (err)
		return err;
	fill_inputs(iv, false, &in);
	return compute_acl(c, &sacl_kind, &in, sacl, &parts->sacl_len,
			   &parts->control);
}

/*
 * Build the descriptor of a new object.  @parent (may be NULL) supplies
 * inheritable ACEs; @creator (may be NULL) an explicit owner, group,
 * DACL or SACL.  The owner is the creator's or the token's default
 * owner, the group the creator's or the token's primary group.  DACL:
 * the creator's ACEs followed, when it is not DACL_PROTECTED and asks
 * for DACL_AUTO_INHERIT_REQ, by the parent's inheritable ACEs; without
 * a creator DACL the parent's inheritable ACEs, else the token's
 * default DACL, else a NULL DACL.  The SACL follows the same rule with
 * no default.  OWNER_DEFAULTED, GROUP_DEFAULTED and DACL_DEFAULTED mark
 * what came from the token.  Returns 0, -EINVAL (bad input), -ENODATA
 * (a CREATOR GROUP ACE must be resolved and there is no group) or
 * -ENOMEM.
 */
int peios_sd_inherit(const u8 *parent, size_t parent_len,
		     const u8 *creator, size_t creator_len,
		     const struct peios_token *tok, bool is_container,
		     const struct peios_generic_mapping *map,
		     u8 **out, size_t *out_len)
{
	struct peios_sd_parts parts = { 0 };
	struct inherit_views *iv;
	struct inherit_ctx c;
	u8 *dacl = NULL, *sacl = NULL;
	int err;

	iv = sec_zalloc(sizeof(*iv));
	if (!iv)
		return -ENOMEM;
	err = decode_inputs(iv, parent, parent_len, creator, creator_len,
			    tok);
	if (err)
		goto out_free_views;
	memset(&c, 0, sizeof(c));
	c.owner = iv->have_creator && iv->creator.has_owner ?
		  &iv->creator.owner : peios_token_owner_sid(tok);
	c.group = iv->have_creator && iv->creator.has_group ?
		  &iv->creator.group : peios_token_group_sid(tok);
	c.map = map ? map : &peios_file_mapping;
	c.is_container = is_container;

	err = compute_acls(&c, iv, &parts, &dacl, &sacl);
	if (err)
		goto out_free_acls;
	parts.owner = c.owner;
	parts.group = c.group;
	if (!(iv->have_creator && iv->creator.has_owner))
		parts.control |= PEIOS_SE_OWNER_DEFAULTED;
	if (!(iv->have_creator && iv->creator.has_group) && c.group)
		parts.control |= PEIOS_SE_GROUP_DEFAULTED;
	parts.dacl = dacl;
	parts.sacl = sacl;
	err = peios_sd_build(&parts, out, out_len);
out_free_acls:
	sec_free(dacl);
	sec_free(sacl);
out_free_views:
	sec_free(iv);
	return err;
}
