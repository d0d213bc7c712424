// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL parser: text to a canonical self-relative descriptor.  Input is
 * a counted string (no NUL needed); every field is bounded by the
 * input length.  Any unknown name, stray character, repeated component
 * or descriptor over 65,535 bytes gives -EINVAL and no output.
 * No shared state.
 */
#include <peios/security/sddl.h>
#include <peios/security/conditional.h>
#include <peios/security/text.h>

struct sddl_parser {
	const char *s;
	size_t len;
	size_t pos;
};

struct sddl_result {
	u16 control;
	bool has_owner;
	bool has_group;
	bool dacl_seen;
	bool sacl_seen;
	bool dacl_null;		/* D:NO_ACCESS_CONTROL */
	bool sacl_null;
	struct peios_sid owner;
	struct peios_sid group;
	struct peios_acl_builder dacl;
	struct peios_acl_builder sacl;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_space(struct sddl_parser *p)
{
	while (p->pos < p->len && is_space(p->s[p->pos]))
		p->pos++;
}

static bool accept(struct sddl_parser *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, lit, n))
		return false;
	p->pos += n;
	return true;
}

/* Look up the name s[0..n) in @tab. */
static int lookup(const struct peios_sddl_name *tab, size_t count,
		  const char *s, size_t n, u32 *value)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (strlen(tab[i].name) == n && !memcmp(tab[i].name, s, n)) {
			*value = tab[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

int peios_sddl_parse_sid(const char *s, size_t len, struct peios_sid *sid,
			 size_t *consumed)
{
	size_t i;

	if (len >= 2 && (s[0] == 'S' || s[0] == 's') && s[1] == '-')
		return peios_sid_parse(s, len, sid, consumed);
	if (len < 2)
		return -EINVAL;
	for (i = 0; i < peios_sddl_sid_alias_count; i++) {
		if (!memcmp(peios_sddl_sid_aliases[i].name, s, 2)) {
			*sid = peios_sddl_sid_aliases[i].sid;
			if (consumed)
				*consumed = 2;
			else if (len != 2)
				return -EINVAL;
			return 0;
		}
	}
	return -EINVAL;
}

/* A field is s[start..end): it must be parsed to its end exactly. */
static int parse_sid_field(const char *s, size_t n, struct peios_sid *sid)
{
	size_t used;

	if (peios_sddl_parse_sid(s, n, sid, &used) || used != n)
		return -EINVAL;
	return 0;
}

/* A number: 0x-prefixed hex or decimal, at most 32 bits. */
static int parse_number(const char *s, size_t n, u32 *out)
{
	u64 v = 0;
	size_t i = 0;
	int base = 10, d;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n)
		return -EINVAL;
	for (; i < n; i++) {
		d = peios_hex_digit(s[i]);
		if (d < 0 || d >= base)
			return -EINVAL;
		v = v * base + d;
		if (v > 0xFFFFFFFFull)
			return -EINVAL;
	}
	*out = (u32)v;
	return 0;
}

/* Rights: empty (0), a number, or a run of two-letter aliases. */
static int parse_rights(const char *s, size_t n, u32 *mask)
{
	size_t i;
	u32 v;

	*mask = 0;
	if (n && s[0] >= '0' && s[0] <= '9')
		return parse_number(s, n, mask);
	if (n % 2)
		return -EINVAL;
	for (i = 0; i < n; i += 2) {
		if (lookup(peios_sddl_rights, peios_sddl_rights_count,
			   s + i, 2, &v))
			return -EINVAL;
		*mask |= v;
	}
	return 0;
}

static int parse_ace_flags(const char *s, size_t n, u8 *flags)
{
	size_t i;
	u32 v;

	*flags = 0;
	if (n % 2)
		return -EINVAL;
	for (i = 0; i < n; i += 2) {
		if (lookup(peios_sddl_ace_flags, peios_sddl_ace_flag_count,
			   s + i, 2, &v))
			return -EINVAL;
		*flags |= (u8)v;
	}
	return 0;
}

/*
 * The condition of a callback ACE, from after its ';' to the ')' that
 * closes the ACE: the one parenthesis not balanced inside it.
 */
static int split_condition(struct sddl_parser *p, size_t *start,
			   size_t *end)
{
	int depth = 0;

	*start = p->pos;
	for (; p->pos < p->len; p->pos++) {
		if (p->s[p->pos] == '(')
			depth++;
		else if (p->s[p->pos] == ')' && !depth--)
			break;
	}
	if (p->pos == p->len)
		return -EINVAL;
	*end = p->pos++;
	return 0;
}

/*
 * Split "(f0;f1;f2;f3;f4;f5)" at p->pos into six fields, or seven when
 * a condition follows.  The first six hold no parentheses.
 */
static int split_ace(struct sddl_parser *p, size_t start[7], size_t end[7],
		     bool *cond)
{
	int f = 0;

	*cond = false;
	if (!accept(p, "("))
		return -EINVAL;
	start[0] = p->pos;
	while (p->pos < p->len) {
		char c = p->s[p->pos];

		if (c == '(')
			return -EINVAL;
		if (c != ';' && c != ')') {
			p->pos++;
			continue;
		}
		end[f] = p->pos++;
		if (c == ')')
			return f == 5 ? 0 : -EINVAL;
		if (++f == 6) {
			*cond = true;
			return split_condition(p, &start[6], &end[6]);
		}
		start[f] = p->pos;
	}
	return -EINVAL;
}

static int parse_ace(struct sddl_parser *p, struct peios_acl_builder *b)
{
	size_t start[7], end[7];
	struct peios_sid sid;
	const char *s = p->s;
	u32 type, mask;
	bool cond;
	u8 flags;

	if (split_ace(p, start, end, &cond))
		return -EINVAL;
	if (lookup(peios_sddl_ace_types, peios_sddl_ace_type_count,
		   s + start[0], end[0] - start[0], &type) ||
	    parse_ace_flags(s + start[1], end[1] - start[1], &flags) ||
	    parse_rights(s + start[2], end[2] - start[2], &mask) ||
	    end[3] != start[3] || end[4] != start[4] ||
	    parse_sid_field(s + start[5], end[5] - start[5], &sid))
		return -EINVAL;
	/* XA / XD carry a condition (§3.8), no other type does */
	if (cond != peios_ace_type_is_callback((u8)type))
		return -EINVAL;
	if (cond)
		return peios_cond_add_ace(b, (u8)type, flags, mask, &sid,
					  s + start[6], end[6] - start[6]);
	peios_aclb_add(b, (u8)type, flags, mask, &sid);
	return b->buf.err;
}

/*
 * "D:" or "S:" body: flags P / AI / AR in any order, then either
 * NO_ACCESS_CONTROL or a run of ACEs.
 */
static int parse_acl(struct sddl_parser *p, bool dacl,
		     struct sddl_result *r)
{
	struct peios_acl_builder *b = dacl ? &r->dacl : &r->sacl;

	for (;;) {
		if (accept(p, "P"))
			r->control |= dacl ? PEIOS_SE_DACL_PROTECTED :
					     PEIOS_SE_SACL_PROTECTED;
		else if (accept(p, "AI"))
			r->control |= dacl ? PEIOS_SE_DACL_AUTO_INHERITED :
					     PEIOS_SE_SACL_AUTO_INHERITED;
		else if (accept(p, "AR"))
			r->control |= dacl ? PEIOS_SE_DACL_AUTO_INHERIT_REQ :
					     PEIOS_SE_SACL_AUTO_INHERIT_REQ;
		else
			break;
	}
	if (accept(p, "NO_ACCESS_CONTROL")) {
		/*
		 * A NULL DACL is DACL_PRESENT clear with offset 0 (PSD-004
		 * §3.1).  A NULL SACL keeps the MS-DTYP spelling, PRESENT
		 * with offset 0: PSD-004 does not respell it, and a
		 * descriptor write reads it as "clear the SACL".
		 */
		if (dacl) {
			r->dacl_null = true;
			r->control &= ~PEIOS_SE_DACL_PRESENT;
		} else {
			r->sacl_null = true;
		}
		return 0;
	}
	skip_space(p);
	while (p->pos < p->len && p->s[p->pos] == '(') {
		if (parse_ace(p, b))
			return -EINVAL;
		skip_space(p);
	}
	return 0;
}

static int parse_owner_group(struct sddl_parser *p, bool *seen,
			     struct peios_sid *sid)
{
	size_t used;

	if (*seen)
		return -EINVAL;
	*seen = true;
	if (peios_sddl_parse_sid(p->s + p->pos, p->len - p->pos, sid, &used))
		return -EINVAL;
	p->pos += used;
	return 0;
}

static int parse_component(struct sddl_parser *p, struct sddl_result *r)
{
	char c;

	if (p->len - p->pos < 2 || p->s[p->pos + 1] != ':')
		return -EINVAL;
	c = p->s[p->pos];
	p->pos += 2;
	switch (c) {
	case 'O':
		return parse_owner_group(p, &r->has_owner, &r->owner);
	case 'G':
		return parse_owner_group(p, &r->has_group, &r->group);
	case 'D':
		if (r->dacl_seen)
			return -EINVAL;
		r->dacl_seen = true;
		r->control |= PEIOS_SE_DACL_PRESENT;
		return parse_acl(p, true, r);
	case 'S':
		if (r->sacl_seen)
			return -EINVAL;
		r->sacl_seen = true;
		r->control |= PEIOS_SE_SACL_PRESENT;
		return parse_acl(p, false, r);
	}
	return -EINVAL;
}

/* Finish an ACL component into @acl / @len; nothing for a NULL ACL. */
static int finish_acl(struct peios_acl_builder *b, bool seen, bool null,
		      u8 **acl, size_t *len)
{
	*acl = NULL;
	*len = 0;
	if (!seen || null) {
		peios_aclb_release(b);
		return 0;
	}
	return peios_aclb_finish(b, acl, len);
}

static int build(struct sddl_result *r, u8 **sd, size_t *sd_len)
{
	struct peios_sd_parts parts = { .control = r->control };
	u8 *dacl = NULL, *sacl = NULL;
	int err, err2;

	/* finish both so both builders are consumed whatever happens */
	err = finish_acl(&r->dacl, r->dacl_seen, r->dacl_null, &dacl,
			 &parts.dacl_len);
	err2 = finish_acl(&r->sacl, r->sacl_seen, r->sacl_null, &sacl,
			  &parts.sacl_len);
	if (!err)
		err = err2;
	if (!err) {
		parts.owner = r->has_owner ? &r->owner : NULL;
		parts.group = r->has_group ? &r->group : NULL;
		parts.dacl = dacl;
		parts.sacl = sacl;
		err = peios_sd_build(&parts, sd, sd_len);
	}
	sec_free(dacl);
	sec_free(sacl);
	return err;
}

/*
 * Parse @len characters of SDDL into a new descriptor (*@sd, freed with
 * sec_free()).  Returns 0, -EINVAL or -ENOMEM.
 */
int peios_sddl_parse(const char *sddl, size_t len, u8 **sd, size_t *sd_len)
{
	struct sddl_parser p = { .s = sddl, .len = len };
	struct sddl_result *r;
	int err = 0;

	r = sec_zalloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	peios_aclb_init(&r->dacl);
	peios_aclb_init(&r->sacl);
	skip_space(&p);
	while (!err && p.pos < p.len) {
		err = parse_component(&p, r);
		skip_space(&p);
	}
	if (!err)
		err = build(r, sd, sd_len);
	else {
		peios_aclb_release(&r->dacl);
		peios_aclb_release(&r->sacl);
	}
	if (err == -ENOSPC)
		err = -EINVAL;
	sec_free(r);
	return err;
}
