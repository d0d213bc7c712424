// SPDX-License-Identifier: GPL-2.0
/*
 * Token construction helpers and the SID matching rules.  A token is
 * filled by one thread and read-only afterwards; these helpers take no
 * locks.
 */
#include <peios/security/sd.h>
#include <peios/security/token.h>

#define GROUP_ALLOW_MASK (PEIOS_SE_GROUP_ENABLED | \
			  PEIOS_SE_GROUP_USE_FOR_DENY_ONLY)

/* Start an empty token for @user whose groups live in @groups. */
void peios_token_init(struct peios_token *tok, const struct peios_sid *user,
		      struct peios_sid_attr *groups, u32 cap)
{
	memset(tok, 0, sizeof(*tok));
	tok->user.sid = *user;
	tok->groups = groups;
	tok->group_cap = cap;
	tok->integrity = PEIOS_IL_MEDIUM;
	tok->mandatory_policy = PEIOS_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	tok->default_owner = PEIOS_TOKEN_OWNER_USER;
	tok->primary_group = PEIOS_TOKEN_NO_GROUP;
}

/* Allocate a token and room for @max_groups groups in one block. */
struct peios_token *peios_token_alloc(const struct peios_sid *user,
				      u32 max_groups)
{
	struct peios_token *tok;
	size_t size;

	if (max_groups > (0x7FFFFFFF - sizeof(*tok)) /
			 sizeof(struct peios_sid_attr))
		return NULL;
	size = sizeof(*tok) + max_groups * sizeof(struct peios_sid_attr);
	tok = sec_alloc(size);
	if (!tok)
		return NULL;
	peios_token_init(tok, user, (struct peios_sid_attr *)(tok + 1),
			 max_groups);
	return tok;
}

void peios_token_free(struct peios_token *tok)
{
	sec_free(tok);
}

/*
 * The filter bits of the SIDs that allow ACEs and deny ACEs can match: a
 * clear bit proves an ACE cannot match, so most non-matching ACEs cost no
 * SID comparison.
 */
void peios_token_filters(const struct peios_token *tok, u64 *allow,
			 u64 *deny)
{
	u64 bit;
	u32 i;

	if (tok->sealed) {
		*allow = tok->allow_filter;
		*deny = tok->deny_filter;
		return;
	}
	bit = 1ULL << peios_sid_filter_bit(&tok->user.sid);
	*deny = bit;
	*allow = (tok->user.attrs & PEIOS_SE_GROUP_USE_FOR_DENY_ONLY) ? 0 : bit;
	for (i = 0; i < tok->group_count; i++) {
		u32 attrs = tok->groups[i].attrs;

		if (!(attrs & (PEIOS_SE_GROUP_ENABLED |
			       PEIOS_SE_GROUP_USE_FOR_DENY_ONLY)))
			continue;
		bit = 1ULL << peios_sid_filter_bit(&tok->groups[i].sid);
		*deny |= bit;
		if (!(attrs & PEIOS_SE_GROUP_USE_FOR_DENY_ONLY))
			*allow |= bit;
	}
}

/* Compute once what every AccessCheck of a finished token needs. */
void peios_token_seal(struct peios_token *tok)
{
	u64 allow, deny;

	tok->sealed = false;
	peios_token_filters(tok, &allow, &deny);
	tok->allow_filter = allow;
	tok->deny_filter = deny;
	tok->sealed = true;
}

/* Append a group.  -ENOSPC when the storage is full. */
int peios_token_add_group(struct peios_token *tok,
			  const struct peios_sid *sid, u32 attrs)
{
	if (!peios_sid_is_valid(sid))
		return -EINVAL;
	if (tok->group_count >= tok->group_cap)
		return -ENOSPC;
	tok->groups[tok->group_count].sid = *sid;
	tok->groups[tok->group_count].attrs = attrs;
	tok->group_count++;
	return 0;
}

/*
 * Owner of new objects: the user, or the group named by default_owner
 * if it carries the OWNER attribute.
 */
const struct peios_sid *peios_token_owner_sid(const struct peios_token *tok)
{
	u32 i = tok->default_owner;

	if (i < tok->group_count &&
	    tok->groups[i].attrs & PEIOS_SE_GROUP_OWNER)
		return &tok->groups[i].sid;
	return &tok->user.sid;
}

/* Primary group of new objects, or NULL when the token has none. */
const struct peios_sid *peios_token_group_sid(const struct peios_token *tok)
{
	if (tok->primary_group < tok->group_count)
		return &tok->groups[tok->primary_group].sid;
	return NULL;
}

bool peios_token_has_privilege(const struct peios_token *tok, int priv)
{
	return tok->privileges & PEIOS_PRIV(priv);
}

/* May the token name @sid as an owner: its user or an OWNER group. */
bool peios_token_may_own(const struct peios_token *tok,
			 const struct peios_sid *sid)
{
	u32 i;

	if (peios_sid_equal(&tok->user.sid, sid))
		return true;
	for (i = 0; i < tok->group_count; i++)
		if (tok->groups[i].attrs & PEIOS_SE_GROUP_OWNER &&
		    peios_sid_equal(&tok->groups[i].sid, sid))
			return true;
	return false;
}

/*
 * Does the token hold @sid at all: its user or any group, whatever the
 * attributes.  Ownership is this relation (PSD-004 §3.7): deny-only and
 * disabled groups change how ACEs match, not who the owner is.
 */
bool peios_token_has_sid(const struct peios_token *tok,
			 const struct peios_sid *sid)
{
	u32 i;

	if (peios_sid_equal(&tok->user.sid, sid))
		return true;
	for (i = 0; i < tok->group_count; i++)
		if (peios_sid_equal(&tok->groups[i].sid, sid))
			return true;
	return false;
}

/* Allow ACEs: the user, and groups ENABLED and not USE_FOR_DENY_ONLY. */
bool peios_token_matches_allow(const struct peios_token *tok,
			       const struct peios_sid *sid)
{
	u32 i;

	if (!(tok->user.attrs & PEIOS_SE_GROUP_USE_FOR_DENY_ONLY) &&
	    peios_sid_equal(&tok->user.sid, sid))
		return true;
	for (i = 0; i < tok->group_count; i++)
		if ((tok->groups[i].attrs & GROUP_ALLOW_MASK) ==
		    PEIOS_SE_GROUP_ENABLED &&
		    peios_sid_equal(&tok->groups[i].sid, sid))
			return true;
	return false;
}

/* Deny ACEs: the user, and groups ENABLED or USE_FOR_DENY_ONLY. */
bool peios_token_matches_deny(const struct peios_token *tok,
			      const struct peios_sid *sid)
{
	u32 i;

	if (peios_sid_equal(&tok->user.sid, sid))
		return true;
	for (i = 0; i < tok->group_count; i++)
		if (tok->groups[i].attrs & GROUP_ALLOW_MASK &&
		    peios_sid_equal(&tok->groups[i].sid, sid))
			return true;
	return false;
}
