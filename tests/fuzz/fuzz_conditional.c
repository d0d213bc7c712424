// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz conditional ACE expressions (security/conditional.c,
 * security/sddl_cond.c).  The first byte chooses the input form:
 * even, the rest is ApplicationData (binary); odd, it is the SDDL
 * condition field.  Invariants: validation and evaluation stay in
 * bounds; a valid expression evaluates to one of the three values, the
 * same twice; an expression SDDL can spell re-parses to the same
 * spelling; a parsed condition is valid and formats back unchanged.
 */
#include "fuzz_common.h"
#include <peios/security/conditional.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Membership decided by the SID's bytes, so both answers occur */
static bool fuzz_member(const void *ctx, const struct peios_sid *sid)
{
	return (sid->sub_count + sid->authority[5] +
		(sid->sub_count ? sid->sub[0] : 0)) & 1;
}

static void check_binary(const u8 *d, size_t n)
{
	struct sec_buf b, b2;
	enum peios_cond_value v;
	int err;

	if (peios_cond_validate(d, n)) {
		FUZZ_ASSERT(peios_cond_present(d, n));
		return;
	}
	v = peios_cond_eval(d, n, fuzz_member, NULL);
	FUZZ_ASSERT(v == PEIOS_COND_FALSE || v == PEIOS_COND_TRUE ||
		    v == PEIOS_COND_UNKNOWN);
	FUZZ_ASSERT(v == peios_cond_eval(d, n, fuzz_member, NULL));
	sec_buf_init(&b, 1 << 20);
	err = peios_cond_format_sddl(d, n, &b);
	FUZZ_ASSERT(err == 0 || err == -EOPNOTSUPP);
	if (!err) {
		sec_buf_init(&b2, PEIOS_COND_MAX_SIZE);
		FUZZ_ASSERT(!peios_cond_parse_sddl((const char *)b.data,
						   b.len, &b2));
		/* same tree, maybe less padding: same value */
		FUZZ_ASSERT(v == peios_cond_eval(b2.data, b2.len,
						 fuzz_member, NULL));
		sec_buf_release(&b2);
	}
	sec_buf_release(&b);
}

static void check_text(const char *s, size_t n)
{
	struct sec_buf b, t, b2;
	int err;

	sec_buf_init(&b, PEIOS_COND_MAX_SIZE);
	err = peios_cond_parse_sddl(s, n, &b);
	FUZZ_ASSERT(err == 0 || err == -EINVAL);
	if (!err) {
		FUZZ_ASSERT(!peios_cond_validate(b.data, b.len));
		sec_buf_init(&t, 1 << 20);
		FUZZ_ASSERT(!peios_cond_format_sddl(b.data, b.len, &t));
		sec_buf_init(&b2, PEIOS_COND_MAX_SIZE);
		FUZZ_ASSERT(!peios_cond_parse_sddl((const char *)t.data,
						   t.len, &b2));
		FUZZ_ASSERT(b.len == b2.len && !memcmp(b.data, b2.data, b.len));
		sec_buf_release(&b2);
		sec_buf_release(&t);
	}
	sec_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		check_text((const char *)data + 1, size - 1);
	else
		check_binary(data + 1, size - 1);
	return 0;
}
