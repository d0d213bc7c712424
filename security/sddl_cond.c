// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL spelling of conditional expressions, the claim-free subset the
 * evaluator decides (Documentation/security-core.md, "Conditional
 * ACEs"): Member_of, Not_Member_of, Member_of_Any, Not_Member_of_Any
 * and the Device_ forms over SID(...) or {SID(...), ...}, combined with
 * !, && (binding tighter) and ||.  Attributes, literals other than SIDs
 * and relational operators give -EINVAL when parsed and -EOPNOTSUPP
 * when formatted.  format(parse(s)) is canonical: every operator in
 * parentheses, ", " between SIDs, aliases where they exist.
 * No shared state.
 */
#include <peios/security/conditional.h>
#include <peios/security/sddl.h>

static const struct peios_sddl_name cond_ops[] = {
	/* longest first: the parser takes the first full match */
	{ "Not_Device_Member_of_Any", PEIOS_COND_NOT_DEV_MEMBER_OF_ANY },
	{ "Not_Device_Member_of", PEIOS_COND_NOT_DEV_MEMBER_OF },
	{ "Device_Member_of_Any", PEIOS_COND_DEV_MEMBER_OF_ANY },
	{ "Not_Member_of_Any", PEIOS_COND_NOT_MEMBER_OF_ANY },
	{ "Device_Member_of", PEIOS_COND_DEV_MEMBER_OF },
	{ "Not_Member_of", PEIOS_COND_NOT_MEMBER_OF },
	{ "Member_of_Any", PEIOS_COND_MEMBER_OF_ANY },
	{ "Member_of", PEIOS_COND_MEMBER_OF },
};

struct cond_parser {
	const char *s;
	size_t len;
	size_t pos;
	int depth;
	struct sec_buf *out;
};

static void skip_ws(struct cond_parser *p)
{
	while (p->pos < p->len &&
	       (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'))
		p->pos++;
}

static bool eat(struct cond_parser *p, const char *lit)
{
	size_t n = strlen(lit);

	skip_ws(p);
	if (p->len - p->pos < n || memcmp(p->s + p->pos, lit, n))
		return false;
	p->pos += n;
	return true;
}

/* "SID(" sid ")" as a 0x51 token */
static int parse_sid_literal(struct cond_parser *p)
{
	struct peios_sid sid;
	size_t used;
	u8 *d;

	if (!eat(p, "SID("))
		return -EINVAL;
	skip_ws(p);
	if (peios_sddl_parse_sid(p->s + p->pos, p->len - p->pos, &sid, &used))
		return -EINVAL;
	p->pos += used;
	if (!eat(p, ")"))
		return -EINVAL;
	sec_buf_put_u8(p->out, PEIOS_COND_SID);
	sec_buf_put_le32(p->out, (u32)peios_sid_size(&sid));
	d = sec_buf_reserve(p->out, peios_sid_size(&sid));
	if (d)
		peios_sid_to_bytes(&sid, d);
	return 0;
}

/* A bare SID literal or "{" [SID *("," SID)] "}" as a composite */
static int parse_sid_array(struct cond_parser *p)
{
	size_t start;

	skip_ws(p);
	if (!eat(p, "{"))
		return parse_sid_literal(p);
	sec_buf_put_u8(p->out, PEIOS_COND_COMPOSITE);
	sec_buf_put_le32(p->out, 0);
	start = p->out->len;
	if (!eat(p, "}")) {
		do {
			if (parse_sid_literal(p))
				return -EINVAL;
		} while (eat(p, ","));
		if (!eat(p, "}"))
			return -EINVAL;
	}
	if (!p->out->err)
		sec_put_le32(p->out->data + start - 4,
			     (u32)(p->out->len - start));
	return 0;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static int parse_membership(struct cond_parser *p)
{
	size_t i, n;

	skip_ws(p);
	for (i = 0; i < ARRAY_SIZE(cond_ops); i++) {
		n = strlen(cond_ops[i].name);
		if (p->len - p->pos < n ||
		    memcmp(p->s + p->pos, cond_ops[i].name, n) ||
		    (p->len - p->pos > n && ident_char(p->s[p->pos + n])))
			continue;
		p->pos += n;
		if (parse_sid_array(p))
			return -EINVAL;
		sec_buf_put_u8(p->out, (u8)cond_ops[i].value);
		return 0;
	}
	return -EINVAL;
}

static int parse_or(struct cond_parser *p);

/* unary = "!" unary / "(" or ")" / membership */
static int parse_unary(struct cond_parser *p)
{
	int err;

	if (++p->depth > PEIOS_COND_MAX_DEPTH)
		return -EINVAL;
	if (eat(p, "!")) {
		err = parse_unary(p);
		sec_buf_put_u8(p->out, PEIOS_COND_NOT);
	} else if (eat(p, "(")) {
		err = parse_or(p);
		if (!err && !eat(p, ")"))
			err = -EINVAL;
	} else {
		err = parse_membership(p);
	}
	p->depth--;
	return err;
}

static int parse_and(struct cond_parser *p)
{
	if (parse_unary(p))
		return -EINVAL;
	while (eat(p, "&&")) {
		if (parse_unary(p))
			return -EINVAL;
		sec_buf_put_u8(p->out, PEIOS_COND_AND);
	}
	return 0;
}

static int parse_or(struct cond_parser *p)
{
	if (parse_and(p))
		return -EINVAL;
	while (eat(p, "||")) {
		if (parse_and(p))
			return -EINVAL;
		sec_buf_put_u8(p->out, PEIOS_COND_OR);
	}
	return 0;
}

/*
 * Parse the condition field of an SDDL ACE, "(" expression ")", into
 * ApplicationData at @out: signature, postfix tokens, zero padding to
 * a multiple of four.  -EINVAL for anything outside the subset or over
 * the bounds.
 */
int peios_cond_parse_sddl(const char *s, size_t len, struct sec_buf *out)
{
	struct cond_parser p = { .s = s, .len = len, .out = out };
	size_t start = out->len;

	sec_buf_put(out, "artx", 4);
	skip_ws(&p);
	if (p.pos == p.len || s[p.pos] != '(' || parse_unary(&p))
		return -EINVAL;
	skip_ws(&p);
	if (p.pos != p.len)
		return -EINVAL;
	/* a failed buffer no longer grows: check before padding */
	while (!out->err && (out->len - start) % 4)
		sec_buf_put_u8(out, PEIOS_COND_PAD);
	if (out->err)
		return -EINVAL;
	return peios_cond_validate(out->data + start, out->len - start);
}

/*
 * Build the callback ACE type/flags/mask/sid with the condition @cond
 * (the SDDL field) and append it to @b, which gives the ACL the DS
 * revision callback ACEs need.
 */
int peios_cond_add_ace(struct peios_acl_builder *b, u8 type, u8 flags,
		       u32 mask, const struct peios_sid *sid,
		       const char *cond, size_t cond_len)
{
	struct peios_ace_view v;
	struct sec_buf ace;
	int err;
	u8 *d;

	sec_buf_init(&ace, 8 + PEIOS_SID_MAX_SIZE + PEIOS_COND_MAX_SIZE);
	sec_buf_put_u8(&ace, type);
	sec_buf_put_u8(&ace, flags);
	sec_buf_put_le16(&ace, 0);
	sec_buf_put_le32(&ace, mask);
	d = sec_buf_reserve(&ace, peios_sid_size(sid));
	if (d)
		peios_sid_to_bytes(sid, d);
	err = peios_cond_parse_sddl(cond, cond_len, &ace);
	if (!err && !ace.err) {
		sec_put_le16(ace.data + 2, (u16)ace.len);
		err = peios_ace_decode(ace.data, ace.len, &v);
	}
	if (!err && !ace.err)
		peios_aclb_add_ace(b, &v, flags, mask, NULL);
	if (!err)
		err = ace.err;
	sec_buf_release(&ace);
	return err ? -EINVAL : b->buf.err;
}

/* Formatting */

struct cond_printer {
	const u8 *data;
	struct sec_buf *out;
	struct peios_cond_token *tok;	/* the top-level tokens */
	u16 *first;			/* first token of each subtree */
	u16 *spine;			/* stack of && / || chains */
	int top;
};

static void put_sid_literal(struct sec_buf *b, const u8 *p, u16 len)
{
	const char *alias;
	struct peios_sid sid;
	char tmp[PEIOS_SID_STR_MAX];

	if (peios_sid_from_bytes(p, len, &sid, NULL)) {
		b->err = -EINVAL;
		return;
	}
	sec_buf_puts(b, "SID(");
	alias = peios_sddl_alias_of(&sid);
	if (alias)
		sec_buf_puts(b, alias);
	else if (peios_sid_format(&sid, tmp, sizeof(tmp)) < 0)
		b->err = -EINVAL;
	else
		sec_buf_puts(b, tmp);
	sec_buf_puts(b, ")");
}

static int put_sid_array(struct cond_printer *pr,
			 const struct peios_cond_token *t)
{
	struct peios_cond_token e;
	size_t pos = t->body, end = (size_t)t->body + t->body_len;

	if (t->kind == PEIOS_CK_SID) {
		put_sid_literal(pr->out, pr->data + t->body, t->body_len);
		return 0;
	}
	if (t->kind != PEIOS_CK_SIDS)
		return -EOPNOTSUPP;
	sec_buf_puts(pr->out, "{");
	for (; pos < end; pos += e.size) {
		if (peios_cond_decode(pr->data, end, pos, &e))
			return -EINVAL;
		if (pos != t->body)
			sec_buf_puts(pr->out, ", ");
		put_sid_literal(pr->out, pr->data + e.body, e.body_len);
	}
	sec_buf_puts(pr->out, "}");
	return 0;
}

static const char *op_name(u8 code)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cond_ops); i++)
		if (cond_ops[i].value == code)
			return cond_ops[i].name;
	return NULL;
}

static bool is_and_or(u8 code)
{
	return code == PEIOS_COND_AND || code == PEIOS_COND_OR;
}

static int put_node(struct cond_printer *pr, int i);

/*
 * A run of one operator down the left operands prints flat in a loop,
 * "(a || b || c)", which the parser reads back as the same left-leaning
 * tree; only the other operands recurse.
 */
static int put_chain(struct cond_printer *pr, int i)
{
	u8 code = pr->tok[i].code;
	int base = pr->top, k, err;

	for (; i > 0 && pr->tok[i].code == code; i = pr->first[i - 1] - 1)
		pr->spine[pr->top++] = (u16)i;
	sec_buf_puts(pr->out, "(");
	err = put_node(pr, i);
	for (k = pr->top - 1; k >= base && !err; k--) {
		i = pr->spine[k];
		sec_buf_puts(pr->out, code == PEIOS_COND_AND ? " && " : " || ");
		err = put_node(pr, i - 1);
	}
	sec_buf_puts(pr->out, ")");
	pr->top = base;
	return err;
}

/* Print the subtree whose operator is token @i. */
static int put_node(struct cond_printer *pr, int i)
{
	const struct peios_cond_token *t = &pr->tok[i];
	int err;

	if (i < 1)
		return -EOPNOTSUPP;
	if (is_and_or(t->code))
		return put_chain(pr, i);
	sec_buf_puts(pr->out, "(");
	if (peios_cond_is_membership(t->code)) {
		sec_buf_puts(pr->out, op_name(t->code));
		sec_buf_puts(pr->out, " ");
		err = put_sid_array(pr, &pr->tok[i - 1]);
	} else if (t->code == PEIOS_COND_NOT) {
		sec_buf_puts(pr->out, "!");
		err = put_node(pr, i - 1);
	} else {
		err = -EOPNOTSUPP;
	}
	sec_buf_puts(pr->out, ")");
	return err;
}

/*
 * Split validated data into tokens and note where each subtree starts,
 * replaying the stack with token indices.  Returns the token count.
 */
static int index_tokens(struct cond_printer *pr, size_t len)
{
	u16 stack[PEIOS_COND_MAX_DEPTH];
	size_t pos = 4;
	int n = 0, sp = 0, arity;

	while (pos < len && pr->data[pos] != PEIOS_COND_PAD) {
		if (peios_cond_decode(pr->data, len, pos, &pr->tok[n]))
			return -EINVAL;
		arity = peios_cond_arity(pr->tok[n].code);
		if (pr->tok[n].kind != PEIOS_CK_OP)
			arity = 0;
		if (sp < arity || (!arity && sp == PEIOS_COND_MAX_DEPTH))
			return -EINVAL;
		sp -= arity;
		pr->first[n] = arity ? stack[sp] : (u16)n;
		stack[sp++] = pr->first[n];
		pos += pr->tok[n++].size;
	}
	return sp == 1 ? n : -EOPNOTSUPP;
}

/*
 * Append the SDDL condition field, "(" ... ")", for the ApplicationData
 * at @data.  -EOPNOTSUPP when the expression (or its absence) has no
 * spelling in the subset, -EINVAL when it is malformed.
 */
int peios_cond_format_sddl(const u8 *data, size_t len, struct sec_buf *out)
{
	struct cond_printer pr = { .data = data, .out = out };
	int n, err;

	if (!peios_cond_present(data, len))
		return -EOPNOTSUPP;
	if (peios_cond_validate(data, len))
		return -EINVAL;
	pr.tok = sec_alloc(len * sizeof(*pr.tok));
	pr.first = sec_alloc(len * sizeof(*pr.first));
	pr.spine = sec_alloc(len * sizeof(*pr.spine));
	err = -ENOMEM;
	if (pr.tok && pr.first && pr.spine) {
		n = index_tokens(&pr, len);
		err = n < 0 ? n : put_node(&pr, n - 1);
	}
	sec_free(pr.tok);
	sec_free(pr.first);
	sec_free(pr.spine);
	return err ? err : out->err;
}
