// SPDX-License-Identifier: GPL-2.0
/*
 * Process integrity protection (Documentation/security-core.md,
 * "AccessCheck steps", step 4).  The trust label ACE S-1-19-T-L in the
 * SACL names the rights a non-dominant process may have; a process
 * dominates when its pip_type >= T and pip_trust >= L.
 * No privilege bypasses PIP, so this stage also removes privilege
 * grants.  An SD without a trust label puts no restriction here.
 */
#include "access_stages.h"

static bool pip_dominates(const struct peios_psb *psb, u32 type, u32 trust)
{
	u32 ptype = psb ? psb->pip_type : 0;
	u32 ptrust = psb ? psb->pip_trust : 0;

	return ptype >= type && ptrust >= trust;
}

void peios_ac_pip(struct peios_ac_state *st, const struct peios_psb *psb)
{
	const struct peios_sd *sd = st->sd;
	u32 allowed;

	if (!sd->has_trust ||
	    pip_dominates(psb, sd->trust_type, sd->trust_level))
		return;
	allowed = peios_map_generic(sd->trust_mask, st->map);
	st->pip_denied = ~allowed;
	st->granted &= allowed;
	st->priv_granted &= allowed;
	st->decided |= st->pip_denied;
}
