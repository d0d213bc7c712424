// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz descriptor validation: arbitrary bytes must be accepted or
 * rejected without any out-of-bounds access; every consumer must agree
 * with the validator, and accepted descriptors must format stably.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct peios_sd *csd;
	int valid, err;

	valid = peios_sd_validate(data, size) == 0;
	err = peios_sd_compact(data, size, &csd);
	FUZZ_ASSERT((err == 0) == valid);
	if (!valid) {
		FUZZ_ASSERT(err == -EINVAL);
		return 0;
	}
	FUZZ_ASSERT(csd->raw_len == size && !memcmp(csd->raw, data, size));
	peios_sd_compact_free(csd);
	FUZZ_ASSERT(peios_sd_equal(data, size, data, size));
	fuzz_check_sddl_stable(data, size);
	return 0;
}
