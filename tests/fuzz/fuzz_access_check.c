// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz AccessCheck on fuzzed descriptors.  The first 16 bytes choose the
 * caller (token profile, privileges, integrity level, policy, PIP) and
 * the request; the rest is the descriptor.  The compact and raw entry
 * points must agree and the result must respect its invariants.  The
 * descriptor is also used as an inheritance parent and for chmod/stat.
 */
#include "fuzz_common.h"
#include "../cases/peios_cases.h"

#define HDR 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_result(const struct peios_access_result *r, u32 desired)
{
	bool max = desired & PEIOS_MAXIMUM_ALLOWED;

	FUZZ_ASSERT(r->status == 0 || r->status == -EACCES);
	if (r->status) {
		FUZZ_ASSERT(r->granted == 0 && r->stage != PEIOS_AC_STAGE_NONE);
		return;
	}
	FUZZ_ASSERT(r->stage == PEIOS_AC_STAGE_NONE);
	FUZZ_ASSERT((r->granted & r->desired) == r->desired);
	FUZZ_ASSERT(!(r->granted & (PEIOS_GENERIC_MASK |
				    PEIOS_MAXIMUM_ALLOWED)));
	if (!max)
		FUZZ_ASSERT(r->granted == r->desired);
	else	/* only valid rights, maybe none (PSD-004 §3.3, §10.10) */
		FUZZ_ASSERT(!(r->granted & ~(PEIOS_FILE_ALL_ACCESS |
					     PEIOS_ACCESS_SYSTEM_SECURITY)));
	FUZZ_ASSERT(!(r->granted & PEIOS_RESERVED_RIGHTS));
}

static void exercise_derived(const u8 *sd, size_t len,
			     const struct peios_token *tok, bool container)
{
	u8 *out = NULL;
	size_t out_len;
	int err;

	err = peios_sd_inherit(sd, len, NULL, 0, tok, container, NULL, &out,
			       &out_len);
	FUZZ_ASSERT(err == 0 || err == -EINVAL || err == -ENODATA);
	if (!err) {
		FUZZ_ASSERT(!peios_sd_validate(out, out_len));
		sec_free(out);
	}
	err = peios_sd_create_from_mode(sd, len, 0640, tok, container, NULL,
					&out, &out_len);
	FUZZ_ASSERT(err == 0 || err == -EINVAL || err == -ENODATA);
	if (!err) {
		FUZZ_ASSERT(!peios_sd_validate(out, out_len));
		sec_free(out);
	}
	err = peios_sd_chmod(sd, len, 0750, &out, &out_len);
	FUZZ_ASSERT(err == 0 || err == -EINVAL);
	if (!err) {
		FUZZ_ASSERT(!peios_sd_validate(out, out_len));
		sec_free(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct peios_access_result r1, r2;
	struct peios_sid_attr groups[4];
	struct peios_token tok;
	struct peios_psb psb;
	struct peios_sd *csd;
	const u8 *sd;
	size_t len;
	u32 desired, flags, mode;

	if (size < HDR)
		return 0;
	peios_case_token(&tok, groups, 4, data[0] % 7);
	tok.privileges = (u64)data[1] << 5 | (u64)(data[2] & 1) << 32;
	tok.integrity = (u32)(data[3] % 5) * 4096;
	tok.mandatory_policy = data[4] & 3;
	psb.pip_type = (u32)(data[5] % 3) * 512;
	psb.pip_trust = (u32)data[6] << 6;
	desired = sec_get_le32(data + 7);
	flags = data[11] & 3;
	sd = data + HDR;
	len = size - HDR;

	peios_access_check_raw(sd, len, &tok, &psb, desired, flags, NULL,
			       &r2);
	if (peios_sd_compact(sd, len, &csd)) {
		FUZZ_ASSERT(r2.status == -EACCES &&
			    r2.stage == PEIOS_AC_STAGE_MALFORMED);
		exercise_derived(sd, len, &tok, data[12] & 1);
		return 0;
	}
	peios_access_check(csd, &tok, &psb, desired, flags, NULL, &r1);
	FUZZ_ASSERT(!memcmp(&r1, &r2, sizeof(r1)));
	check_result(&r1, desired);
	if (!peios_sd_to_mode(csd, &mode))
		FUZZ_ASSERT(mode <= 0777);
	peios_sd_compact_free(csd);
	exercise_derived(sd, len, &tok, data[12] & 1);
	return 0;
}
