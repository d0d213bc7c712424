// SPDX-License-Identifier: GPL-2.0
/*
 * The privilege stages of AccessCheck: ACCESS_SYSTEM_SECURITY through
 * SeSecurityPrivilege, backup and restore grants with an explicit
 * intent (step 3), and the SeTakeOwnershipPrivilege fallback (step 7).
 * Pure functions over struct peios_ac_state.
 */
#include "access_stages.h"

/*
 * What backup and restore intent may grant.  ACCESS_SYSTEM_SECURITY is
 * left to SeSecurityPrivilege alone.
 */
static u32 backup_rights(const struct peios_generic_mapping *map)
{
	return map->read | map->execute | PEIOS_READ_CONTROL;
}

static u32 restore_rights(const struct peios_generic_mapping *map)
{
	return map->write | PEIOS_WRITE_DAC | PEIOS_WRITE_OWNER |
	       PEIOS_DELETE;
}

static void grant_by_privilege(struct peios_ac_state *st, u32 bits)
{
	bits &= st->wanted & ~st->decided;
	st->granted |= bits;
	st->decided |= bits;
	st->priv_granted |= bits;
}

/*
 * Step 3.  ACCESS_SYSTEM_SECURITY is decided here whatever happens: no
 * ACE can grant it.  It is granted only when asked for explicitly.
 */
void peios_ac_privileges(struct peios_ac_state *st, u32 flags)
{
	const struct peios_token *tok = st->tok;

	if (st->desired & PEIOS_ACCESS_SYSTEM_SECURITY) {
		if (peios_token_has_privilege(tok, PEIOS_PRIV_SECURITY))
			grant_by_privilege(st, PEIOS_ACCESS_SYSTEM_SECURITY);
		else
			st->priv_denied = PEIOS_ACCESS_SYSTEM_SECURITY;
	}
	st->decided |= PEIOS_ACCESS_SYSTEM_SECURITY;

	if (flags & PEIOS_AC_BACKUP_INTENT &&
	    peios_token_has_privilege(tok, PEIOS_PRIV_BACKUP))
		grant_by_privilege(st, backup_rights(st->map));
	if (flags & PEIOS_AC_RESTORE_INTENT &&
	    peios_token_has_privilege(tok, PEIOS_PRIV_RESTORE))
		grant_by_privilege(st, restore_rights(st->map));
}

/*
 * Step 7.  WRITE_OWNER through SeTakeOwnershipPrivilege, only when no
 * ACE decided it and MIC or PIP did not deny it (both mark their
 * denials decided).
 */
void peios_ac_take_ownership(struct peios_ac_state *st)
{
	if (peios_token_has_privilege(st->tok, PEIOS_PRIV_TAKE_OWNERSHIP))
		grant_by_privilege(st, PEIOS_WRITE_OWNER);
}
