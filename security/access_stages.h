/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to security/: the state AccessCheck threads through its
 * stages and the stage functions.  Each stage narrows the state: it may
 * grant undecided bits or decide (deny) them, never undo a decision,
 * except PIP, which removes grants no privilege may keep.
 */
#ifndef _PEIOS_ACCESS_STAGES_H
#define _PEIOS_ACCESS_STAGES_H

#include <peios/security/access.h>

struct peios_ac_state {
	const struct peios_sd *sd;
	const struct peios_token *tok;
	const struct peios_generic_mapping *map;
	u32 desired;		/* mapped request without MAXIMUM_ALLOWED */
	u32 wanted;		/* bits to decide: desired, or all */
	bool max_allowed;
	u32 granted;
	u32 decided;
	u32 priv_granted;
	u32 priv_denied;	/* ACCESS_SYSTEM_SECURITY without privilege */
	u32 mic_denied;
	u32 pip_denied;
	u64 allow_filter;	/* filter bits of SIDs allow ACEs match */
	u64 deny_filter;	/* filter bits of SIDs deny ACEs match */
	/* OWNER RIGHTS allow ACEs match the caller */
	bool owner_allow;
	/* the caller holds the owner SID: implicit rights, OW deny ACEs */
	bool owner_deny;
};

/* Grant the undecided bits of @bits (limited to wanted). */
static inline void peios_ac_grant(struct peios_ac_state *st, u32 bits)
{
	bits &= st->wanted & ~st->decided;
	st->granted |= bits;
	st->decided |= bits;
}

void peios_ac_privileges(struct peios_ac_state *st, u32 flags);
void peios_ac_mic(struct peios_ac_state *st);
void peios_ac_pip(struct peios_ac_state *st, const struct peios_psb *psb);
void peios_ac_identity(struct peios_ac_state *st);
void peios_ac_owner_rights(struct peios_ac_state *st);
void peios_ac_dacl(struct peios_ac_state *st);
void peios_ac_take_ownership(struct peios_ac_state *st);

#endif /* _PEIOS_ACCESS_STAGES_H */
