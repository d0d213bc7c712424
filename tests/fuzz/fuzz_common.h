/* SPDX-License-Identifier: GPL-2.0 */
/* Shared helpers for the libFuzzer targets of the security core. */
#ifndef _PEIOS_FUZZ_COMMON_H
#define _PEIOS_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <peios/security/sddl.h>
#include <peios/security/access.h>
#include <peios/security/mode.h>

#define FUZZ_ASSERT(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "invariant failed: %s (%s:%d)\n", \
				#cond, __FILE__, __LINE__);		\
			abort();					\
		}							\
	} while (0)

/*
 * A valid descriptor that SDDL can spell must survive
 * format -> parse -> format unchanged.
 */
static inline void fuzz_check_sddl_stable(const u8 *sd, size_t len)
{
	char *s1 = NULL, *s2 = NULL;
	u8 *sd2 = NULL;
	size_t n1, n2, l2;
	int err;

	err = peios_sddl_format(sd, len, &s1, &n1);
	FUZZ_ASSERT(err == 0 || err == -EOPNOTSUPP);
	if (err)
		return;
	FUZZ_ASSERT(strlen(s1) == n1);
	FUZZ_ASSERT(!peios_sddl_parse(s1, n1, &sd2, &l2));
	FUZZ_ASSERT(!peios_sd_validate(sd2, l2));
	FUZZ_ASSERT(!peios_sddl_format(sd2, l2, &s2, &n2));
	FUZZ_ASSERT(n1 == n2 && !strcmp(s1, s2));
	sec_free(s1);
	sec_free(s2);
	sec_free(sd2);
}

#endif
