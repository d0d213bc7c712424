// SPDX-License-Identifier: GPL-2.0
/*
 * Conditional ACE expressions in binary form (PSD-004 §3.8, §3.11;
 * MS-DTYP 2.4.4.17): "artx", then postfix tokens, then zero padding.
 *
 * One token decoder and one stack machine serve validation and
 * evaluation.  Validation runs when a descriptor is decoded and bounds
 * the size, the stack and the depth of the expression tree, so that
 * evaluation (inside AccessCheck: no allocation, fixed stack) and the
 * recursive SDDL formatter stay bounded on anything that got stored.
 *
 * Evaluation is three-valued and knows no claims: Peios tokens carry no
 * user or device claims and the descriptor's resource attributes are
 * not read, so every term that needs one (relational operators,
 * Exists, attribute references) is UNKNOWN, and so are the Device_
 * membership tests, tokens having no device groups.
 * No shared state.
 */
#include <peios/security/conditional.h>

struct cond_entry {
	u8 kind;
	u8 value;	/* PEIOS_CK_RESULT: enum peios_cond_value */
	u8 op;		/* PEIOS_CK_RESULT: the operator, else 0 */
	u8 depth;	/* nesting of its canonical SDDL (nesting()) */
	u16 body;	/* PEIOS_CK_SID / PEIOS_CK_SIDS: the literal's bytes */
	u16 body_len;
};

struct cond_machine {
	const u8 *data;
	size_t len;
	peios_cond_member_fn member;	/* NULL: validate only */
	const void *ctx;
	bool error;	/* a literal used as a logical value */
	int sp;
	struct cond_entry stack[PEIOS_COND_MAX_DEPTH];
};

bool peios_cond_present(const u8 *data, size_t len)
{
	return len >= 4 && !memcmp(data, "artx", 4);
}

/* Member_of and its seven relatives */
bool peios_cond_is_membership(u8 code)
{
	return (code >= PEIOS_COND_MEMBER_OF &&
		code <= PEIOS_COND_DEV_MEMBER_OF_ANY) ||
	       (code >= PEIOS_COND_NOT_MEMBER_OF &&
		code <= PEIOS_COND_NOT_DEV_MEMBER_OF_ANY);
}

int peios_cond_arity(u8 code)
{
	switch (code) {
	case PEIOS_COND_EQ ... PEIOS_COND_CONTAINS:
	case PEIOS_COND_ANY_OF:
	case PEIOS_COND_NOT_CONTAINS:
	case PEIOS_COND_NOT_ANY_OF:
	case PEIOS_COND_AND:
	case PEIOS_COND_OR:
		return 2;
	case PEIOS_COND_EXISTS:
	case PEIOS_COND_MEMBER_OF ... PEIOS_COND_NOT_EXISTS:
	case PEIOS_COND_NOT_MEMBER_OF ... PEIOS_COND_NOT_DEV_MEMBER_OF_ANY:
	case PEIOS_COND_NOT:
		return 1;
	}
	return 0;
}

/* Integers: QWORD value, sign (+ - none), base (8 10 16), in range */
static int check_integer(u8 code, const u8 *p)
{
	u64 v = (u64)sec_get_le32(p) | (u64)sec_get_le32(p + 4) << 32;
	s64 lim = code == PEIOS_COND_INT8 ? 0x7f :
		  code == PEIOS_COND_INT8 + 1 ? 0x7fff :
		  code == PEIOS_COND_INT8 + 2 ? 0x7fffffff : 0;
	s64 sv = (s64)v;

	if (p[8] < 1 || p[8] > 3 || p[9] < 1 || p[9] > 3)
		return -EINVAL;
	if (lim && (sv > lim || sv < -lim - 1))
		return -EINVAL;
	return 0;
}

static int decode_at(const u8 *d, size_t end, size_t pos, int nest,
		     struct peios_cond_token *t);

/*
 * A composite holds literals only; it is PEIOS_CK_SIDS when all are
 * SIDs.  Composites do not nest (SDDL cannot write that either), which
 * keeps validation, run on descriptors callers store, off deep
 * recursion on the kernel stack.
 */
static int check_composite(const u8 *d, struct peios_cond_token *t,
			   int nest)
{
	struct peios_cond_token e;
	size_t pos = t->body, end = (size_t)t->body + t->body_len;
	bool sids = true;

	if (nest)
		return -EINVAL;
	while (pos < end) {
		if (decode_at(d, end, pos, nest + 1, &e) ||
		    e.kind == PEIOS_CK_OP || e.kind == PEIOS_CK_ATTR)
			return -EINVAL;
		sids &= e.kind == PEIOS_CK_SID;
		pos += e.size;
	}
	t->kind = sids ? PEIOS_CK_SIDS : PEIOS_CK_LITERAL;
	return 0;
}

/* Check the body of a length-prefixed token and set its kind. */
static int check_body(const u8 *d, struct peios_cond_token *t, int nest)
{
	struct peios_sid sid;
	size_t used;

	switch (t->code) {
	case PEIOS_COND_UNICODE:
		t->kind = PEIOS_CK_LITERAL;
		return t->body_len % 2 ? -EINVAL : 0;
	case PEIOS_COND_OCTETS:
		t->kind = PEIOS_CK_LITERAL;
		return 0;
	case PEIOS_COND_SID:
		t->kind = PEIOS_CK_SID;
		if (peios_sid_from_bytes(d + t->body, t->body_len, &sid,
					 &used) || used != t->body_len)
			return -EINVAL;
		return 0;
	case PEIOS_COND_COMPOSITE:
		return check_composite(d, t, nest);
	}
	t->kind = PEIOS_CK_ATTR;	/* a name: UTF-16, not empty */
	return !t->body_len || t->body_len % 2 ? -EINVAL : 0;
}

static bool has_length_word(u8 code)
{
	return code == PEIOS_COND_UNICODE || code == PEIOS_COND_OCTETS ||
	       code == PEIOS_COND_COMPOSITE || code == PEIOS_COND_SID ||
	       (code >= PEIOS_COND_ATTR_LOCAL &&
		code <= PEIOS_COND_ATTR_DEVICE);
}

static int decode_at(const u8 *d, size_t end, size_t pos, int nest,
		     struct peios_cond_token *t)
{
	size_t left = end - pos;
	u32 n;

	memset(t, 0, sizeof(*t));
	t->code = d[pos];
	if (t->code >= PEIOS_COND_INT8 && t->code <= PEIOS_COND_INT64) {
		if (left < 11 || check_integer(t->code, d + pos + 1))
			return -EINVAL;
		t->kind = PEIOS_CK_LITERAL;
		t->body = (u16)(pos + 1);
		t->body_len = 10;
		t->size = 11;
		return 0;
	}
	if (has_length_word(t->code)) {
		if (left < 5)
			return -EINVAL;
		n = sec_get_le32(d + pos + 1);
		if (n > left - 5)
			return -EINVAL;
		t->body = (u16)(pos + 5);
		t->body_len = (u16)n;
		t->size = (u16)(n + 5);
		return check_body(d, t, nest);
	}
	t->size = 1;
	return peios_cond_arity(t->code) ? 0 : -EINVAL;
}

/*
 * Decode the token at @pos of an expression whose tokens end at @end
 * (at most PEIOS_COND_MAX_SIZE bytes).  -EINVAL for an unknown code, a
 * length past @end or a malformed literal.
 */
int peios_cond_decode(const u8 *data, size_t end, size_t pos,
		      struct peios_cond_token *t)
{
	if (pos >= end || end > PEIOS_COND_MAX_SIZE)
		return -EINVAL;
	return decode_at(data, end, pos, 0, t);
}

static u8 logical(struct cond_machine *m, const struct cond_entry *e)
{
	if (e->kind == PEIOS_CK_RESULT)
		return e->value;
	if (e->kind != PEIOS_CK_ATTR)
		m->error = true;	/* MS-DTYP: an error, so UNKNOWN */
	return PEIOS_COND_UNKNOWN;
}

/* Does the caller hold the SID literal at @body? */
static bool holds(const struct cond_machine *m, u16 body, u16 len)
{
	struct peios_sid sid;

	if (peios_sid_from_bytes(m->data + body, len, &sid, NULL))
		return false;
	return m->member(m->ctx, &sid);
}

/* Member_of and friends over a SID or a composite of SIDs */
static u8 membership(const struct cond_machine *m, u8 code,
		     const struct cond_entry *e)
{
	struct peios_cond_token t;
	size_t pos = e->body, end = (size_t)e->body + e->body_len;
	bool all = true, any = false, has;

	if (code == PEIOS_COND_DEV_MEMBER_OF ||
	    code == PEIOS_COND_DEV_MEMBER_OF_ANY ||
	    code == PEIOS_COND_NOT_DEV_MEMBER_OF ||
	    code == PEIOS_COND_NOT_DEV_MEMBER_OF_ANY)
		return PEIOS_COND_UNKNOWN;
	if (e->kind == PEIOS_CK_SID) {
		all = any = holds(m, e->body, e->body_len);
	} else {
		for (; pos < end; pos += t.size) {
			if (decode_at(m->data, end, pos, 1, &t))
				return PEIOS_COND_UNKNOWN;
			has = holds(m, t.body, t.body_len);
			all &= has;
			any |= has;
		}
	}
	switch (code) {
	case PEIOS_COND_MEMBER_OF:
		return all;
	case PEIOS_COND_NOT_MEMBER_OF:
		return !all;
	case PEIOS_COND_MEMBER_OF_ANY:
		return any;
	}
	return !any;	/* Not_Member_of_Any */
}

/* Kleene's three-valued !, && and || */
static u8 logic(u8 code, u8 a, u8 b)
{
	if (code == PEIOS_COND_NOT)
		return a == PEIOS_COND_UNKNOWN ? a : !a;
	if (code == PEIOS_COND_AND) {
		if (a == PEIOS_COND_FALSE || b == PEIOS_COND_FALSE)
			return PEIOS_COND_FALSE;
		return a == PEIOS_COND_TRUE && b == PEIOS_COND_TRUE ?
		       PEIOS_COND_TRUE : PEIOS_COND_UNKNOWN;
	}
	if (a == PEIOS_COND_TRUE || b == PEIOS_COND_TRUE)
		return PEIOS_COND_TRUE;
	return a == PEIOS_COND_FALSE && b == PEIOS_COND_FALSE ?
	       PEIOS_COND_FALSE : PEIOS_COND_UNKNOWN;
}

static u8 operate(struct cond_machine *m, u8 code, struct cond_entry *a,
		  struct cond_entry *b)
{
	if (!m->member)
		return PEIOS_COND_UNKNOWN;
	if (peios_cond_is_membership(code))
		return membership(m, code, a);
	switch (code) {
	case PEIOS_COND_NOT:
		return logic(code, logical(m, a), 0);
	case PEIOS_COND_AND:
	case PEIOS_COND_OR:
		return logic(code, logical(m, a), logical(m, b));
	}
	return PEIOS_COND_UNKNOWN;	/* needs a claim or attribute */
}

/*
 * How deeply the canonical SDDL of the result nests, counted as the
 * parser counts ("(", "!" and a membership test each open a level), so
 * that whatever validates formats to text the parser takes back.  A
 * run of one operator down the left operands prints flat,
 * "(a || b || c)", so such runs may be of any length.
 */
static u8 nesting(u8 code, const struct cond_entry *a,
		  const struct cond_entry *b)
{
	u8 left = a->depth;

	if (peios_cond_is_membership(code))
		return 2;
	if (code == PEIOS_COND_NOT)
		return a->depth + 2;
	if ((code == PEIOS_COND_AND || code == PEIOS_COND_OR) &&
	    a->op == code)
		left--;		/* same run: no parentheses of its own */
	return 1 + (left > b->depth ? left : b->depth);
}

/* Pop the operator's operands, push its result. */
static int apply(struct cond_machine *m, u8 code)
{
	int n = peios_cond_arity(code);
	struct cond_entry *a, *b;
	u8 depth;

	if (m->sp < n)
		return -EINVAL;
	a = &m->stack[m->sp - n];
	b = &m->stack[m->sp - 1];
	if (peios_cond_is_membership(code) &&
	    a->kind != PEIOS_CK_SID && a->kind != PEIOS_CK_SIDS)
		return -EINVAL;	/* §3.11: SID or composite of SIDs */
	depth = nesting(code, a, b);
	if (depth > PEIOS_COND_MAX_DEPTH)
		return -EINVAL;
	a->value = operate(m, code, a, b);
	a->kind = PEIOS_CK_RESULT;
	a->op = code;
	a->depth = depth;
	m->sp -= n - 1;
	return 0;
}

static int push(struct cond_machine *m, const struct peios_cond_token *t)
{
	struct cond_entry *e;

	if (m->sp == PEIOS_COND_MAX_DEPTH)
		return -EINVAL;
	e = &m->stack[m->sp++];
	e->kind = t->kind;
	e->value = PEIOS_COND_UNKNOWN;
	e->op = 0;
	e->depth = 0;
	e->body = t->body;
	e->body_len = t->body_len;
	return 0;
}

/* Only zero bytes may follow the first padding byte. */
static bool padding_only(const u8 *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/*
 * Run the expression.  Well-formed means: every token decodes, every
 * operator finds its operands, the bounds hold and at most one value is
 * left (none for an expression with no tokens).  The depth bound is on
 * the nesting of the canonical SDDL (nesting()).
 */
static int run(struct cond_machine *m)
{
	struct peios_cond_token t;
	size_t pos = 4;
	int err;

	if (m->len > PEIOS_COND_MAX_SIZE)
		return -EINVAL;
	while (pos < m->len) {
		if (m->data[pos] == PEIOS_COND_PAD) {
			if (!padding_only(m->data + pos, m->len - pos))
				return -EINVAL;
			break;
		}
		if (decode_at(m->data, m->len, pos, 0, &t))
			return -EINVAL;
		err = t.kind == PEIOS_CK_OP ? apply(m, t.code) : push(m, &t);
		if (err)
			return err;
		pos += t.size;
	}
	return m->sp <= 1 ? 0 : -EINVAL;
}

int peios_cond_validate(const u8 *data, size_t len)
{
	struct cond_machine m = { .data = data, .len = len };

	if (!peios_cond_present(data, len))
		return 0;
	return run(&m);
}

/*
 * The value of the expression for a caller @member describes.  An
 * expression that leaves no operator result (none at all, a lone
 * literal or attribute) or used a literal as a truth value is UNKNOWN.
 */
enum peios_cond_value peios_cond_eval(const u8 *data, size_t len,
				      peios_cond_member_fn member,
				      const void *ctx)
{
	struct cond_machine m = {
		.data = data, .len = len, .member = member, .ctx = ctx,
	};

	if (!peios_cond_present(data, len) || run(&m) || m.sp != 1 ||
	    m.error)
		return PEIOS_COND_UNKNOWN;
	return m.stack[0].kind == PEIOS_CK_RESULT ? m.stack[0].value :
	       PEIOS_COND_UNKNOWN;
}
