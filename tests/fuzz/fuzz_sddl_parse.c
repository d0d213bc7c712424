// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the SDDL parser: arbitrary text is parsed (counted, no NUL); a
 * parse result must be a valid descriptor whose canonical SDDL parses
 * back to the very same bytes.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 *sd = NULL, *sd2 = NULL;
	char *s = NULL;
	size_t len, len2, n;
	int err;

	err = peios_sddl_parse((const char *)data, size, &sd, &len);
	FUZZ_ASSERT(err == 0 || err == -EINVAL);
	if (err)
		return 0;
	FUZZ_ASSERT(!peios_sd_validate(sd, len));
	FUZZ_ASSERT(!peios_sddl_format(sd, len, &s, &n));
	FUZZ_ASSERT(!peios_sddl_parse(s, n, &sd2, &len2));
	FUZZ_ASSERT(len == len2 && !memcmp(sd, sd2, len));
	sec_free(sd);
	sec_free(sd2);
	sec_free(s);
	return 0;
}
