// SPDX-License-Identifier: GPL-2.0
/*
 * AccessCheck: the pipeline of Documentation/security-core.md
 * ("AccessCheck steps", after PSD-004 v0.22 §10.10), one stage per step,
 * each narrowing the granted/decided state.  Also the generic mapping,
 * the raw-bytes entry for tools and the stage names for logs.  Reads
 * only its arguments; safe to call concurrently.
 */
#include "access_stages.h"

const struct peios_generic_mapping peios_file_mapping = {
	.read = PEIOS_FILE_GENERIC_READ,
	.write = PEIOS_FILE_GENERIC_WRITE,
	.execute = PEIOS_FILE_GENERIC_EXECUTE,
	.all = PEIOS_FILE_ALL_ACCESS,
};

/* Replace the generic bits of @mask by the rights they stand for. */
u32 peios_map_generic(u32 mask, const struct peios_generic_mapping *map)
{
	if (mask & PEIOS_GENERIC_READ)
		mask |= map->read;
	if (mask & PEIOS_GENERIC_WRITE)
		mask |= map->write;
	if (mask & PEIOS_GENERIC_EXECUTE)
		mask |= map->execute;
	if (mask & PEIOS_GENERIC_ALL)
		mask |= map->all;
	return mask & ~PEIOS_GENERIC_MASK;
}

static const char *const stage_names[] = {
	[PEIOS_AC_STAGE_NONE] = "granted",
	[PEIOS_AC_STAGE_MALFORMED] = "malformed",
	[PEIOS_AC_STAGE_NO_OWNER] = "no-owner",
	[PEIOS_AC_STAGE_PRIVILEGE] = "privilege",
	[PEIOS_AC_STAGE_MIC] = "mic",
	[PEIOS_AC_STAGE_PIP] = "pip",
	[PEIOS_AC_STAGE_DACL] = "dacl",
};

/* Stable name of @stage for logs and tracepoints. */
const char *peios_ac_stage_name(enum peios_ac_stage stage)
{
	if ((unsigned int)stage >= ARRAY_SIZE(stage_names))
		return "unknown";
	return stage_names[stage];
}

static int deny(struct peios_access_result *res, enum peios_ac_stage stage)
{
	res->status = -EACCES;
	res->stage = stage;
	res->granted = 0;
	return res->status;
}

/*
 * Step 2: map the request, note and strip MAXIMUM_ALLOWED.  Under
 * MAXIMUM_ALLOWED the bits to decide are the valid rights of the object
 * type, never reserved or unknown bits (PSD-004 §3.3).
 */
static void map_request(struct peios_ac_state *st, u32 desired)
{
	st->max_allowed = desired & PEIOS_MAXIMUM_ALLOWED;
	st->desired = peios_map_generic(desired & ~PEIOS_MAXIMUM_ALLOWED,
					st->map);
	st->wanted = st->max_allowed ?
		st->map->all | PEIOS_ACCESS_SYSTEM_SECURITY : st->desired;
}

/*
 * Name the first stage, in pipeline order, that denied a missing bit:
 * privilege (ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege), MIC,
 * PIP; whatever is left was not granted by the DACL.
 */
static enum peios_ac_stage blame(const struct peios_ac_state *st,
				 u32 missing)
{
	if (missing & st->priv_denied)
		return PEIOS_AC_STAGE_PRIVILEGE;
	if (missing & st->mic_denied)
		return PEIOS_AC_STAGE_MIC;
	if (missing & st->pip_denied)
		return PEIOS_AC_STAGE_PIP;
	return PEIOS_AC_STAGE_DACL;
}

/*
 * Step 9.  Success when every desired bit is granted.  A pure
 * MAXIMUM_ALLOWED request asks for no bit, so it always succeeds, maybe
 * with nothing granted (PSD-004 §10.10, the AccessCheck wrapper); with
 * MAXIMUM_ALLOWED the caller gets everything granted.
 */
static int conclude(const struct peios_ac_state *st,
		    struct peios_access_result *res)
{
	u32 missing = st->desired & ~st->granted;

	res->missing = missing;
	res->privilege_granted = st->priv_granted;
	if (missing)
		return deny(res, blame(st, missing));
	res->status = 0;
	res->stage = PEIOS_AC_STAGE_NONE;
	res->granted = st->max_allowed ? st->granted : st->desired;
	return 0;
}

/*
 * Check @desired against @sd for @tok in process @psb (NULL: untrusted,
 * 0/0).  @map NULL means the file mapping.  Returns res->status.
 */
int peios_access_check(const struct peios_sd *sd,
		       const struct peios_token *tok,
		       const struct peios_psb *psb, u32 desired, u32 flags,
		       const struct peios_generic_mapping *map,
		       struct peios_access_result *res)
{
	struct peios_ac_state st;

	memset(res, 0, sizeof(*res));
	memset(&st, 0, sizeof(st));
	st.sd = sd;
	st.tok = tok;
	st.map = map ? map : &peios_file_mapping;
	map_request(&st, desired);
	/* reported even when step 1 stops the check, for the logs */
	res->desired = st.desired;
	/* Step 1: a descriptor to evaluate, with an owner */
	if (!sd)
		return deny(res, PEIOS_AC_STAGE_MALFORMED);
	if (!sd->has_owner)
		return deny(res, PEIOS_AC_STAGE_NO_OWNER);

	if (!(flags & PEIOS_AC_DACL_ONLY)) {
		peios_ac_privileges(&st, flags);	/* step 3 */
		peios_ac_mic(&st);			/* step 4 */
		peios_ac_pip(&st, psb);			/* step 4 */
	} else {
		/* no ACE may grant it, privilege stage or not */
		st.decided |= PEIOS_ACCESS_SYSTEM_SECURITY;
	}
	peios_ac_identity(&st);				/* step 5 */
	peios_ac_owner_rights(&st);			/* step 6 */
	peios_ac_dacl(&st);				/* step 7 */
	if (!(flags & PEIOS_AC_DACL_ONLY))
		peios_ac_take_ownership(&st);		/* step 8 */
	return conclude(&st, res);			/* step 9 */
}

/*
 * The same on raw self-relative bytes, for tools: validate, build the
 * compact form in one allocation, check, free.  A malformed descriptor
 * is denied with stage "malformed"; -ENOMEM is returned as is.
 */
int peios_access_check_raw(const u8 *sd, size_t len,
			   const struct peios_token *tok,
			   const struct peios_psb *psb, u32 desired, u32 flags,
			   const struct peios_generic_mapping *map,
			   struct peios_access_result *res)
{
	struct peios_sd *csd;
	int err;

	memset(res, 0, sizeof(*res));
	err = peios_sd_compact(sd, len, &csd);
	if (err == -ENOMEM)
		return err;
	if (err)
		return peios_access_check(NULL, tok, psb, desired, flags, map,
					  res);
	err = peios_access_check(csd, tok, psb, desired, flags, map, res);
	peios_sd_compact_free(csd);
	return err;
}
