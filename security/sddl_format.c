// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL formatter: a valid self-relative descriptor to its canonical SDDL
 * spelling.  Components in the order O G D S, SID aliases where one
 * exists, rights as a composite file alias, a run of generic/standard
 * aliases, or hex.  ACEs SDDL cannot spell exactly (object, callback or
 * unknown types, trailing data, unnamed flag bits) give -EOPNOTSUPP
 * rather than a lossy string.  No shared state.
 */
#include <peios/security/sddl.h>
#include <peios/security/conditional.h>

#define ALIASABLE_RIGHTS (PEIOS_GENERIC_MASK | PEIOS_READ_CONTROL | \
			  PEIOS_DELETE | PEIOS_WRITE_DAC | PEIOS_WRITE_OWNER)
#define LABEL_RIGHTS (PEIOS_LABEL_NO_READ_UP | PEIOS_LABEL_NO_WRITE_UP | \
		      PEIOS_LABEL_NO_EXECUTE_UP)

static void put_sid(struct sec_buf *b, const struct peios_sid *sid)
{
	const char *alias = peios_sddl_alias_of(sid);
	char tmp[PEIOS_SID_STR_MAX];

	if (alias) {
		sec_buf_puts(b, alias);
		return;
	}
	if (peios_sid_format(sid, tmp, sizeof(tmp)) < 0)
		b->err = -EINVAL;
	else
		sec_buf_puts(b, tmp);
}

static const char *name_of(const struct peios_sddl_name *tab, size_t count,
			   u32 value)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (tab[i].value == value)
			return tab[i].name;
	return NULL;
}

/* Emit the names in tab[first..last] whose bits are all in @mask. */
static void put_bit_names(struct sec_buf *b, const struct peios_sddl_name *tab,
			  size_t first, size_t last, u32 mask)
{
	size_t i;

	for (i = first; i <= last; i++)
		if (mask & tab[i].value)
			sec_buf_puts(b, tab[i].name);
}

static size_t rights_index(const char *name)
{
	size_t i;

	for (i = 0; i < peios_sddl_rights_count; i++)
		if (!strcmp(peios_sddl_rights[i].name, name))
			return i;
	return 0;
}

static void put_rights(struct sec_buf *b, u8 type, u32 mask)
{
	const struct peios_sddl_name *tab = peios_sddl_rights;
	size_t i;

	if (type == PEIOS_ACE_MANDATORY_LABEL) {
		if (mask && !(mask & ~LABEL_RIGHTS)) {
			put_bit_names(b, tab, rights_index("NR"),
				      rights_index("NX"), mask);
			return;
		}
	} else {
		for (i = rights_index("FA"); i <= rights_index("FX"); i++) {
			if (mask == tab[i].value) {
				sec_buf_puts(b, tab[i].name);
				return;
			}
		}
		if (mask && !(mask & ~ALIASABLE_RIGHTS)) {
			put_bit_names(b, tab, rights_index("GA"),
				      rights_index("WO"), mask);
			return;
		}
	}
	sec_buf_put_hex(b, mask);
}

static bool ace_flags_nameable(u8 flags)
{
	size_t i;

	for (i = 0; i < peios_sddl_ace_flag_count; i++)
		flags &= ~peios_sddl_ace_flags[i].value;
	return !flags;
}

static int put_ace(struct sec_buf *b, const struct peios_ace_view *v)
{
	const char *type = name_of(peios_sddl_ace_types,
				   peios_sddl_ace_type_count, v->type);
	bool cond = peios_ace_type_is_callback(v->type);
	size_t tail = v->sid_off + v->sid_len;

	if (!type || !v->has_sid || !ace_flags_nameable(v->flags) ||
	    (!cond && tail != v->size))
		return -EOPNOTSUPP;
	sec_buf_puts(b, "(");
	sec_buf_puts(b, type);
	sec_buf_puts(b, ";");
	put_bit_names(b, peios_sddl_ace_flags, 0,
		      peios_sddl_ace_flag_count - 1, v->flags);
	sec_buf_puts(b, ";");
	put_rights(b, v->type, v->mask);
	sec_buf_puts(b, ";;;");
	put_sid(b, &v->sid);
	if (cond) {
		sec_buf_puts(b, ";");
		if (peios_cond_format_sddl(v->raw + tail, v->size - tail, b))
			return -EOPNOTSUPP;
	}
	sec_buf_puts(b, ")");
	return 0;
}

/*
 * "D:" / "S:" with flags.  A DACL without ACL bytes is the NULL DACL
 * whichever spelling the header uses (PSD-004 §3.1): it is omitted, or
 * spelled NO_ACCESS_CONTROL when P/AI/AR must survive.  A SACL_PRESENT
 * bit without an ACL is spelled NO_ACCESS_CONTROL; an absent SACL is
 * omitted (its flags, which SDDL cannot attach to nothing, are dropped).
 */
static int put_acl(struct sec_buf *b, const char *tag, u16 control,
		   bool present, bool has, const struct peios_acl_view *acl,
		   u16 protected, u16 inherited, u16 req)
{
	struct peios_ace_view v;
	size_t off;
	u16 i;
	int err;

	if (tag[0] == 'D' && !has)
		present = control & (protected | inherited | req);
	if (!present)
		return 0;
	sec_buf_puts(b, tag);
	if (control & protected)
		sec_buf_puts(b, "P");
	if (control & inherited)
		sec_buf_puts(b, "AI");
	if (control & req)
		sec_buf_puts(b, "AR");
	if (!has) {
		sec_buf_puts(b, "NO_ACCESS_CONTROL");
		return 0;
	}
	peios_acl_for_each(acl, off, i, &v) {
		err = put_ace(b, &v);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Format the descriptor at @sd.  *@sddl is NUL-terminated and freed with
 * sec_free().  Returns 0, -EINVAL (malformed), -EOPNOTSUPP (an ACE SDDL
 * cannot express) or -ENOMEM.
 */
int peios_sddl_format(const u8 *sd, size_t len, char **sddl,
		      size_t *sddl_len)
{
	struct peios_sd_view v;
	struct sec_buf b;
	size_t n;
	u8 *out;
	int err;

	if (peios_sd_decode(sd, len, &v))
		return -EINVAL;
	sec_buf_init(&b, 1 << 20);
	if (v.has_owner) {
		sec_buf_puts(&b, "O:");
		put_sid(&b, &v.owner);
	}
	if (v.has_group) {
		sec_buf_puts(&b, "G:");
		put_sid(&b, &v.group);
	}
	err = put_acl(&b, "D:", v.control,
		      v.control & PEIOS_SE_DACL_PRESENT, v.has_dacl, &v.dacl,
		      PEIOS_SE_DACL_PROTECTED, PEIOS_SE_DACL_AUTO_INHERITED,
		      PEIOS_SE_DACL_AUTO_INHERIT_REQ);
	if (!err)
		err = put_acl(&b, "S:", v.control,
			      v.control & PEIOS_SE_SACL_PRESENT, v.has_sacl,
			      &v.sacl, PEIOS_SE_SACL_PROTECTED,
			      PEIOS_SE_SACL_AUTO_INHERITED,
			      PEIOS_SE_SACL_AUTO_INHERIT_REQ);
	sec_buf_put_u8(&b, 0);
	if (err) {
		sec_buf_release(&b);
		return err;
	}
	err = sec_buf_detach(&b, &out, &n);
	if (err)
		return err;
	*sddl = (char *)out;
	if (sddl_len)
		*sddl_len = n - 1;
	return 0;
}
