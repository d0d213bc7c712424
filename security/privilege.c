// SPDX-License-Identifier: GPL-2.0
/*
 * The privilege stages of AccessCheck (Documentation/security-core.md,
 * "AccessCheck steps"): ACCESS_SYSTEM_SECURITY through
 * SeSecurityPrivilege and the backup and restore grants with an explicit
 * intent (step 3), and the SeTakeOwnershipPrivilege override (step 8).
 * Pure functions over struct peios_ac_state.
 */
#include "access_stages.h"

/* What backup intent grants: exactly MapGenericBits(GENERIC_READ). */
static u32 backup_rights(const struct peios_generic_mapping *map)
{
	return map->read;
}

/* What restore intent grants (PSD-004 §10.10, privilege grants). */
static u32 restore_rights(const struct peios_generic_mapping *map)
{
	return map->write | PEIOS_WRITE_DAC | PEIOS_WRITE_OWNER |
	       PEIOS_DELETE | PEIOS_ACCESS_SYSTEM_SECURITY;
}

/*
 * A privilege grant is made whatever was decided before: the only bit
 * decided by then is ACCESS_SYSTEM_SECURITY, which restore may grant.
 */
static void grant_by_privilege(struct peios_ac_state *st, u32 bits)
{
	bits &= st->wanted;
	st->granted |= bits;
	st->decided |= bits;
	st->priv_granted |= bits;
}

/*
 * Step 3.  ACCESS_SYSTEM_SECURITY is decided here whatever happens, so
 * no ACE can grant it; SeSecurityPrivilege grants it whenever enabled,
 * under MAXIMUM_ALLOWED too.  Backup and restore act only with their
 * intent flag.
 */
void peios_ac_privileges(struct peios_ac_state *st, u32 flags)
{
	const struct peios_token *tok = st->tok;

	st->decided |= PEIOS_ACCESS_SYSTEM_SECURITY;
	if (peios_token_has_privilege(tok, PEIOS_PRIV_SECURITY))
		grant_by_privilege(st, PEIOS_ACCESS_SYSTEM_SECURITY);
	if (flags & PEIOS_AC_BACKUP_INTENT &&
	    peios_token_has_privilege(tok, PEIOS_PRIV_BACKUP))
		grant_by_privilege(st, backup_rights(st->map));
	if (flags & PEIOS_AC_RESTORE_INTENT &&
	    peios_token_has_privilege(tok, PEIOS_PRIV_RESTORE))
		grant_by_privilege(st, restore_rights(st->map));
	st->priv_denied = st->desired & PEIOS_ACCESS_SYSTEM_SECURITY &
			  ~st->granted;
}

/*
 * Step 8.  SeTakeOwnershipPrivilege grants WRITE_OWNER when it is
 * wanted and not granted yet.  It is deny-proof: a DACL deny, OWNER
 * RIGHTS ones included, does not stop it; only a mandatory decision
 * (MIC or PIP) does (PSD-004 §10.10, post-DACL override; §3.7).
 */
void peios_ac_take_ownership(struct peios_ac_state *st)
{
	u32 mandatory = st->mic_denied | st->pip_denied;

	if (!(st->wanted & PEIOS_WRITE_OWNER) ||
	    st->granted & PEIOS_WRITE_OWNER ||
	    mandatory & PEIOS_WRITE_OWNER ||
	    !peios_token_has_privilege(st->tok, PEIOS_PRIV_TAKE_OWNERSHIP))
		return;
	st->granted |= PEIOS_WRITE_OWNER;
	st->decided |= PEIOS_WRITE_OWNER;
	st->priv_granted |= PEIOS_WRITE_OWNER;
}
