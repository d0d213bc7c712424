/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The caller's identity as AccessCheck sees it: the token (user, groups,
 * privileges, integrity level and policy, default owner and primary
 * group, default DACL) and the process security block (PIP type and
 * trust, which Peios keeps on the process, not on the token).
 *
 * Both are plain structures the caller fills; nothing here knows where
 * the identity comes from.  The kernel builds one token per credential
 * and caches it; AccessCheck only reads it.
 */
#ifndef _PEIOS_TOKEN_H
#define _PEIOS_TOKEN_H

#include <peios/security/sid.h>

/* Privilege bit numbers: the Windows LUID values, as Peios KACS uses */
#define PEIOS_PRIV_INCREASE_QUOTA	5	/* CAP_SYS_RESOURCE */
#define PEIOS_PRIV_TCB			7	/* CAP_SYS_ADMIN */
#define PEIOS_PRIV_SECURITY		8
#define PEIOS_PRIV_TAKE_OWNERSHIP	9
#define PEIOS_PRIV_BACKUP		17
#define PEIOS_PRIV_RESTORE		18
#define PEIOS_PRIV_CHANGE_NOTIFY	23
#define PEIOS_PRIV_IMPERSONATE		29
#define PEIOS_PRIV_RELABEL		32

#define PEIOS_PRIV(n)			(1ULL << (n))

/* default_owner value naming the user SID rather than a group */
#define PEIOS_TOKEN_OWNER_USER		0xFFFFFFFFu
#define PEIOS_TOKEN_NO_GROUP		0xFFFFFFFFu

struct peios_sid_attr {
	struct peios_sid sid;
	u32 attrs;		/* PEIOS_SE_GROUP_* */
};

/*
 * groups points to caller-owned storage of group_cap entries (or the
 * tail of a peios_token_alloc() block).  The user's attrs may carry
 * USE_FOR_DENY_ONLY; other bits are ignored for the user.
 * privileges holds the enabled privileges, PEIOS_PRIV(PEIOS_PRIV_*).
 */
struct peios_token {
	struct peios_sid_attr user;
	struct peios_sid_attr *groups;
	u32 group_count;
	u32 group_cap;
	u64 privileges;
	u32 integrity;		/* X of S-1-16-X */
	u32 mandatory_policy;	/* PEIOS_TOKEN_MANDATORY_POLICY_* */
	u32 default_owner;	/* index into groups or OWNER_USER */
	u32 primary_group;	/* index into groups or NO_GROUP */
	const u8 *default_dacl;	/* wire ACL, caller-owned, may be NULL */
	size_t default_dacl_len;
	/*
	 * Set by peios_token_seal() once the token is complete: the SID
	 * filter bits AccessCheck would otherwise compute on every call.
	 * A sealed token must not change.
	 */
	bool sealed;
	u64 allow_filter;
	u64 deny_filter;
};

/*
 * Process security block: PIP type and trust of the process, fixed at
 * exec from the binary's signature (0/0 when unsigned); fork inherits.
 */
struct peios_psb {
	u32 pip_type;
	u32 pip_trust;
};

void peios_token_filters(const struct peios_token *tok, u64 *allow,
			 u64 *deny);
void peios_token_seal(struct peios_token *tok);
void peios_token_init(struct peios_token *tok, const struct peios_sid *user,
		      struct peios_sid_attr *groups, u32 cap);
struct peios_token *peios_token_alloc(const struct peios_sid *user,
				      u32 max_groups);
void peios_token_free(struct peios_token *tok);
int peios_token_add_group(struct peios_token *tok,
			  const struct peios_sid *sid, u32 attrs);
const struct peios_sid *peios_token_owner_sid(const struct peios_token *tok);
const struct peios_sid *peios_token_group_sid(const struct peios_token *tok);
bool peios_token_has_privilege(const struct peios_token *tok, int priv);
bool peios_token_may_own(const struct peios_token *tok,
			 const struct peios_sid *sid);

bool peios_token_has_sid(const struct peios_token *tok,
			 const struct peios_sid *sid);

/* SID matching rules of the DACL walk (Documentation/security-core.md) */
bool peios_token_matches_allow(const struct peios_token *tok,
			       const struct peios_sid *sid);
bool peios_token_matches_deny(const struct peios_token *tok,
			      const struct peios_sid *sid);

#endif /* _PEIOS_TOKEN_H */
