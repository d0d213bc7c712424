// SPDX-License-Identifier: GPL-2.0
/*
 * Mandatory integrity control (Documentation/security-core.md,
 * "AccessCheck steps", step 4; PSD-004 §10.3).  The label is the first
 * effective SYSTEM_MANDATORY_LABEL ACE of the SACL, located when the
 * compact form was built; without one the object is Medium with
 * NO_WRITE_UP.  The label mask uses the Peios bit values (NO_READ_UP
 * 0x1, NO_WRITE_UP 0x2, NO_EXECUTE_UP 0x4), not the MS-DTYP ones.
 */
#include "access_stages.h"

/*
 * Rights a caller below the object's level may keep: READ_CONTROL and
 * SYNCHRONIZE, the read map unless the label says NO_READ_UP and the
 * execute map unless it says NO_EXECUTE_UP; never the write map's own
 * rights.  SeRelabelPrivilege adds WRITE_OWNER back.  Everything else
 * is denied, but privilege grants made in step 3 are kept.
 *
 * READ_CONTROL and SYNCHRONIZE belong to all three file maps, so taking
 * "minus the forbidden maps" literally would strip them under every
 * NO_WRITE_UP label (the default) and deny FILE_GENERIC_READ to any
 * lower caller, which defeats reading up.  They are therefore kept.
 */
void peios_ac_mic(struct peios_ac_state *st)
{
	const struct peios_generic_mapping *map = st->map;
	const struct peios_sd *sd = st->sd;
	u32 level = PEIOS_IL_MEDIUM, policy = PEIOS_LABEL_NO_WRITE_UP;
	u32 allowed = PEIOS_READ_CONTROL | PEIOS_SYNCHRONIZE;

	if (sd->has_label) {
		level = sd->label_rid;
		policy = sd->label_mask;
	}
	if (!(st->tok->mandatory_policy &
	      PEIOS_TOKEN_MANDATORY_POLICY_NO_WRITE_UP) ||
	    st->tok->integrity >= level)
		return;

	if (!(policy & PEIOS_LABEL_NO_READ_UP))
		allowed |= map->read;
	if (!(policy & PEIOS_LABEL_NO_EXECUTE_UP))
		allowed |= map->execute;
	allowed &= ~(map->write & ~(PEIOS_READ_CONTROL | PEIOS_SYNCHRONIZE));
	if (peios_token_has_privilege(st->tok, PEIOS_PRIV_RELABEL))
		allowed |= PEIOS_WRITE_OWNER;

	st->mic_denied = ~allowed & ~st->priv_granted;
	st->decided |= st->mic_denied;
}
