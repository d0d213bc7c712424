// SPDX-License-Identifier: GPL-2.0
/*
 * The discretionary part of AccessCheck (Documentation/security-core.md,
 * "AccessCheck steps"): who the caller is with respect to the descriptor
 * (SID filters, ownership; step 5), the owner's implicit rights (step 6)
 * and the DACL walk (step 7).  The walk keeps stored order and decides
 * each bit by the first matching ACE that mentions it; there is no
 * implicit deny-before-allow.
 */
#include "access_stages.h"
#include <peios/security/conditional.h>

/*
 * Step 5.  The owner is whoever holds the owner SID at all (PSD-004
 * §3.7).  OWNER RIGHTS (S-1-3-4) ACEs then follow two rules: an allow
 * ACE matches only an owner whose owner SID would match an allow ACE
 * (§10.10 EnrichToken adds S-1-3-4 on that test), a deny ACE matches
 * every owner (§3.7).  Grants take the narrower reading and denials the
 * wider, so neither reading can be used to gain a right the other would
 * withhold; security-core.md records the choice.
 */
void peios_ac_identity(struct peios_ac_state *st)
{
	const struct peios_sid *owner = &st->sd->owner;
	u64 bit = 1ULL << st->sd->owner_filter;

	peios_token_filters(st->tok, &st->allow_filter, &st->deny_filter);
	st->owner_allow = (st->allow_filter & bit) &&
			  peios_token_matches_allow(st->tok, owner);
	st->owner_deny = st->owner_allow ||
			 peios_token_has_sid(st->tok, owner);
}

/*
 * Step 6.  The owner gets READ_CONTROL and WRITE_DAC before the walk,
 * unless the DACL speaks about OWNER RIGHTS, in which case those ACEs
 * say what the owner gets.
 */
void peios_ac_owner_rights(struct peios_ac_state *st)
{
	if (st->sd->owner_rights || !st->owner_deny)
		return;
	peios_ac_grant(st, PEIOS_READ_CONTROL | PEIOS_WRITE_DAC);
}

static bool ace_matches(const struct peios_ac_state *st,
			const struct peios_cace *ace)
{
	bool allow = ace->kind == PEIOS_CACE_ALLOW;
	u64 filter = allow ? st->allow_filter : st->deny_filter;

	if (ace->filter == PEIOS_CACE_FILTER_OWNER_RIGHTS)
		return allow ? st->owner_allow : st->owner_deny;
	if (!(filter & (1ULL << ace->filter)))
		return false;
	return allow ? peios_token_matches_allow(st->tok, &ace->sid) :
		       peios_token_matches_deny(st->tok, &ace->sid);
}

/*
 * Conditional ACEs (security-core.md, "Conditional ACEs"; PSD-004
 * §3.8).  Member_of tests a SID with the rule of the ACE it sits in:
 * the allow rule in an allow ACE, the deny rule (deny-only groups
 * count) in a deny ACE.  OWNER RIGHTS is held by the owner, as in the
 * walk.  An allow callback applies only when its condition is TRUE, a
 * deny callback unless it is FALSE.
 */
struct cond_caller {
	const struct peios_ac_state *st;
	bool allow;
};

static bool cond_member(const void *ctx, const struct peios_sid *sid)
{
	const struct cond_caller *c = ctx;

	if (peios_sid_equal(sid, &peios_sid_owner_rights))
		return c->allow ? c->st->owner_allow : c->st->owner_deny;
	return c->allow ? peios_token_matches_allow(c->st->tok, sid) :
			  peios_token_matches_deny(c->st->tok, sid);
}

static bool cond_applies(const struct peios_ac_state *st,
			 const struct peios_cace *ace)
{
	struct cond_caller c = { st, ace->kind == PEIOS_CACE_ALLOW };
	enum peios_cond_value v;

	v = peios_cond_eval(st->sd->raw + ace->cond_off, ace->cond_len,
			    cond_member, &c);
	return c.allow ? v == PEIOS_COND_TRUE : v != PEIOS_COND_FALSE;
}

/*
 * Step 7.  A NULL DACL grants what GENERIC_ALL maps to, nothing beyond
 * (PSD-004 §10.2).  Otherwise each effective ACE decides the undecided
 * bits it mentions: an allow ACE grants them, a deny ACE denies them.
 * Reserved bits of a stored mask are never granted (§3.3).  The walk
 * stops once every wanted bit is decided.
 */
void peios_ac_dacl(struct peios_ac_state *st)
{
	const struct peios_sd *sd = st->sd;
	u16 i;

	if (sd->null_dacl) {
		peios_ac_grant(st, st->map->all);
		return;
	}
	for (i = 0; i < sd->dacl_count; i++) {
		const struct peios_cace *ace = &sd->dacl[i];
		u32 bits = ace->mask;

		if (bits & PEIOS_GENERIC_MASK)
			bits = peios_map_generic(bits, st->map);
		bits &= st->wanted & ~st->decided & ~PEIOS_RESERVED_RIGHTS;
		if (!bits || !ace_matches(st, ace))
			continue;
		if (peios_ace_type_is_callback(ace->type) &&
		    !cond_applies(st, ace))
			continue;
		if (ace->kind == PEIOS_CACE_ALLOW)
			st->granted |= bits;
		st->decided |= bits;
		if (!(st->wanted & ~st->decided))
			break;
	}
}
