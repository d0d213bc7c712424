// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the descriptor write path (security/sd_edit.c): a current and a
 * requested descriptor are merged as system.peios.sd writes do.  The
 * first 4 bytes choose the caller (token profile, privileges, integrity)
 * and where the rest splits into current and request.  Invariants:
 *  - a merge yields a valid descriptor with an owner, and asks only for
 *    WRITE_OWNER, WRITE_DAC and ACCESS_SYSTEM_SECURITY;
 *  - writing back what was read costs no right: the result merged with
 *    itself, and the current descriptor merged with what a reader
 *    without the security privilege sees (no audit ACEs), keeping audit;
 *  - a merge is idempotent: merging the request again changes nothing.
 */
#include "fuzz_common.h"
#include <peios/security/sd_edit.h>
#include "../cases/peios_cases.h"

#define HDR 4
#define EDIT_RIGHTS (PEIOS_WRITE_OWNER | PEIOS_WRITE_DAC | \
		     PEIOS_ACCESS_SYSTEM_SECURITY)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Merging @sd with @req must need no right at all. */
static void check_free_merge(const u8 *sd, size_t len, const u8 *req,
			     size_t req_len, bool keep_audit)
{
	struct peios_sd_change c;

	FUZZ_ASSERT(!peios_sd_merge(sd, len, req, req_len, keep_audit, &c));
	FUZZ_ASSERT(c.rights == 0 && !c.owner_changed && !c.label_changed);
	peios_sd_change_release(&c);
}

static void check_merge(const u8 *cur, size_t cur_len, const u8 *req,
			size_t req_len, bool keep_audit,
			const struct peios_token *tok)
{
	struct peios_sd_change c, again;
	int err;

	err = peios_sd_merge(cur, cur_len, req, req_len, keep_audit, &c);
	FUZZ_ASSERT(err == 0 || err == -EINVAL);
	if (err) {
		FUZZ_ASSERT(!c.sd);
		return;
	}
	FUZZ_ASSERT(!peios_sd_validate(c.sd, c.len));
	FUZZ_ASSERT(!(c.rights & ~EDIT_RIGHTS));
	err = peios_sd_change_permitted(&c, tok);
	FUZZ_ASSERT(err == 0 || err == -EPERM);
	check_free_merge(c.sd, c.len, c.sd, c.len, keep_audit);
	FUZZ_ASSERT(!peios_sd_merge(c.sd, c.len, req, req_len, keep_audit,
				    &again));
	FUZZ_ASSERT(again.rights == 0);
	FUZZ_ASSERT(again.len == c.len && !memcmp(again.sd, c.sd, c.len));
	peios_sd_change_release(&again);
	peios_sd_change_release(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct peios_sid_attr groups[4];
	struct peios_sd_change c;
	struct peios_token tok;
	const u8 *cur, *req;
	size_t cur_len, req_len, split;
	u8 *shown;
	size_t shown_len;

	if (size < HDR)
		return 0;
	peios_case_token(&tok, groups, 4, data[0] % 6);
	tok.privileges = (u64)data[1] << 5;
	tok.integrity = (u32)(data[2] % 5) * 4096;
	split = (size_t)data[3] * 4;
	if (split > size - HDR)
		split = size - HDR;
	cur = data + HDR;
	cur_len = split;
	req = cur + split;
	req_len = size - HDR - split;

	check_merge(cur, cur_len, req, req_len, data[0] & 0x80, &tok);
	if (peios_sd_validate(cur, cur_len))
		return 0;
	/* What a reader without SeSecurityPrivilege gets, written back. */
	FUZZ_ASSERT(!peios_sd_without_audit(cur, cur_len, &shown,
					     &shown_len));
	FUZZ_ASSERT(!peios_sd_validate(shown, shown_len));
	if (!peios_sd_merge(cur, cur_len, cur, cur_len, false, &c)) {
		peios_sd_change_release(&c);
		check_free_merge(cur, cur_len, cur, cur_len, false);
		check_free_merge(cur, cur_len, shown, shown_len, true);
	}
	sec_free(shown);
	return 0;
}
