// SPDX-License-Identifier: GPL-2.0
/*
 * Host-only unit tests: SIDs, descriptor build/compare, the compact form,
 * inheritance, chmod, the stat mode, tokens and error paths that the
 * shared tables do not cover.
 */
#include <stdlib.h>
#include "harness.h"

#define ALICE	C_ALICE
#define STAFF	C_STAFF
#define OWNER_GROUP "O:" ALICE "G:" STAFF

static u8 *sddl_sd(const char *s, size_t *len)
{
	u8 *sd = NULL;

	if (peios_sddl_parse(s, strlen(s), &sd, len))
		return NULL;
	return sd;
}

/* format(sd) == want, freeing sd */
static int sd_is(u8 *sd, size_t len, const char *want, char *why,
		 size_t whylen)
{
	char *s = NULL;
	size_t n;
	int ok;

	if (!sd) {
		snprintf(why, whylen, "no descriptor");
		return 0;
	}
	ok = !peios_sddl_format(sd, len, &s, &n) && !strcmp(s, want);
	if (!ok)
		snprintf(why, whylen, "got \"%s\", want \"%s\"",
			 s ? s : "(format error)", want);
	free(s);
	free(sd);
	return ok;
}

static void test_sids(struct harness *h)
{
	struct peios_sid a, b;
	char buf[PEIOS_SID_STR_MAX];
	u8 wire[PEIOS_SID_MAX_SIZE];
	size_t used;
	u32 rid, t, l;

	h_suite(h, "sid");
	H_CHECK(h, "parse_format", !peios_sid_parse("S-1-5-21-1-2-3", 14, &a,
						    NULL) &&
		peios_sid_format(&a, buf, sizeof(buf)) == 14 &&
		!strcmp(buf, "S-1-5-21-1-2-3"));
	H_CHECK(h, "format_too_small", peios_sid_format(&a, buf, 5) ==
		-ENOSPC);
	H_CHECK(h, "wire_round_trip", peios_sid_to_bytes(&a, wire) == 24 &&
		!peios_sid_from_bytes(wire, 24, &b, &used) && used == 24 &&
		peios_sid_equal(&a, &b));
	H_CHECK(h, "wire_truncated", peios_sid_from_bytes(wire, 23, &b,
							  &used) == -EINVAL);
	H_CHECK(h, "wire_short_header", peios_sid_from_bytes(wire, 7, &b,
							     &used) == -EINVAL);
	wire[1] = 16;
	H_CHECK(h, "wire_too_many_subauths",
		peios_sid_from_bytes(wire, sizeof(wire), &b, &used) ==
		-EINVAL);
	H_CHECK(h, "compare_order",
		peios_sid_compare(&peios_sid_everyone, &peios_sid_system) < 0 &&
		peios_sid_compare(&peios_sid_system, &peios_sid_system) == 0 &&
		peios_sid_compare(&peios_sid_builtin_users,
				  &peios_sid_builtin_admins) > 0);
	H_CHECK(h, "equal_ignores_unused_slots",
		(b = peios_sid_system, b.sub[5] = 77,
		 peios_sid_equal(&b, &peios_sid_system)));
	peios_sid_integrity(&a, PEIOS_IL_HIGH);
	H_CHECK(h, "integrity_sid", peios_sid_is_integrity(&a, &rid) &&
		rid == PEIOS_IL_HIGH && !peios_sid_is_trust(&a, NULL, NULL));
	peios_sid_trust(&a, 512, 1024);
	H_CHECK(h, "trust_sid", peios_sid_is_trust(&a, &t, &l) && t == 512 &&
		l == 1024);
	peios_sid_unix_user(&a, 1000);
	H_CHECK(h, "unix_user", peios_sid_format(&a, buf, sizeof(buf)) > 0 &&
		!strcmp(buf, "S-1-22-1-1000"));
	peios_sid_unix_group(&a, 100);
	H_CHECK(h, "unix_group", peios_sid_format(&a, buf, sizeof(buf)) > 0 &&
		!strcmp(buf, "S-1-22-2-100"));
	H_CHECK(h, "parse_rejects_trailing",
		peios_sid_parse("S-1-5-18x", 9, &a, NULL) == -EINVAL);
	H_CHECK(h, "parse_counted_not_nul",
		!peios_sid_parse("S-1-5-18-99", 8, &a, NULL) &&
		peios_sid_equal(&a, &peios_sid_system));
	H_CHECK(h, "init_rejects_big_authority",
		peios_sid_init(&a, 1ULL << 48, 0, NULL) == -EINVAL);
	h_end_suite(h);
}

static void test_sd(struct harness *h)
{
	const char *s = OWNER_GROUP "D:(A;;FA;;;WD)S:(ML;;NW;;;HI)";
	struct peios_sd_parts parts = { 0 };
	struct peios_sd *csd;
	size_t len, len2, need;
	u8 *sd = sddl_sd(s, &len), *sd2, *out, mem[64];
	u8 bad_acl[8] = { 9, 0, 8, 0, 0, 0, 0, 0 };

	h_suite(h, "sd");
	H_CHECK(h, "parse", sd != NULL);
	sd2 = sddl_sd(OWNER_GROUP "D:(A;;FA;;;WD)", &len2);
	H_CHECK(h, "equal_self", peios_sd_equal(sd, len, sd, len));
	H_CHECK(h, "not_equal_other", !peios_sd_equal(sd, len, sd2, len2));
	H_CHECK(h, "invalid_never_equal", !peios_sd_equal(sd, 10, sd, 10));
	free(sd2);
	/* same descriptor, SACL moved after the DACL and slack added */
	sd2 = calloc(1, len + 64);
	memcpy(sd2, sd, len);
	{
		struct peios_sd_view v;

		peios_sd_decode(sd, len, &v);
		memcpy(sd2 + len, v.sacl.raw, v.sacl.size);
		sec_put_le32(sd2 + 12, (u32)len);
		H_CHECK(h, "equal_other_layout",
			peios_sd_validate(sd2, len + v.sacl.size) == 0 &&
			peios_sd_equal(sd, len, sd2, len + v.sacl.size));
	}
	free(sd2);
	H_CHECK(h, "compact_size", !peios_sd_compact_size(sd, len, &need) &&
		need > len);
	H_CHECK(h, "compact_init_too_small",
		peios_sd_compact_init(sd, len, mem, sizeof(mem), &csd) ==
		-ENOSPC);
	H_CHECK(h, "compact_locates_label",
		!peios_sd_compact(sd, len, &csd) && csd->has_label &&
		csd->label_rid == PEIOS_IL_HIGH &&
		csd->label_mask == PEIOS_LABEL_NO_WRITE_UP &&
		csd->dacl_count == 1 && csd->raw_len == len &&
		!memcmp(csd->raw, sd, len));
	peios_sd_compact_free(csd);
	parts.dacl = bad_acl;
	parts.dacl_len = sizeof(bad_acl);
	H_CHECK(h, "build_rejects_bad_acl",
		peios_sd_build(&parts, &out, &len2) == -EINVAL);
	parts.dacl = NULL;
	parts.owner = &peios_sid_system;
	H_CHECK(h, "build_minimal", !peios_sd_build(&parts, &out, &len2) &&
		len2 == 32);
	free(out);
	free(sd);
	h_end_suite(h);
}

#define ACE_TEXT	"(A;;FA;;;S-1-5-21-1-2-3-4-5)"
#define ACE_CHARS	(sizeof(ACE_TEXT) - 1)

static void test_sddl_extra(struct harness *h)
{
	/* callback ACE: valid binary, not expressible in SDDL */
	static const u8 cb_sd[] = {
		1, 0, 0x04, 0x80, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		32, 0, 0, 0,
		1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0,
		2, 0, 28, 0, 1, 0, 0, 0,
		9, 0, 20, 0, 0xff, 0x01, 0x1f, 0, 1, 1, 0, 0, 0, 0, 0, 1,
		0, 0, 0, 0,
	};
	char *big, *s;
	size_t i, n, len;
	u8 *sd;

	h_suite(h, "sddl_extra");
	H_CHECK(h, "callback_not_expressible",
		peios_sddl_format(cb_sd, sizeof(cb_sd), &s, &n) ==
		-EOPNOTSUPP);
	/* each ACE is 28 characters and 40 bytes on the wire */
	big = malloc(3000 * ACE_CHARS + 8);
	memcpy(big, "D:", 2);
	for (i = 0; i < 3000; i++)
		memcpy(big + 2 + i * ACE_CHARS, ACE_TEXT, ACE_CHARS);
	big[2 + 3000 * ACE_CHARS] = 0;
	sd = NULL;
	H_CHECK(h, "oversize_rejected",
		peios_sddl_parse(big, strlen(big), &sd, &len) == -EINVAL &&
		sd == NULL);
	/* 1600 ACEs: 20 + 8 + 64,000 bytes, still fits */
	big[2 + 1600 * ACE_CHARS] = 0;
	len = 0;
	H_CHECK(h, "large_accepted",
		!peios_sddl_parse(big, strlen(big), &sd, &len) &&
		len == 20 + 8 + 1600 * 40);
	if (len)
		free(sd);
	free(big);
	H_CHECK(h, "parse_counted_string",
		!peios_sddl_parse("O:SYjunk", 4, &sd, &len));
	free(sd);
	h_end_suite(h);
}

static void test_inherit(struct harness *h)
{
	static const u8 garbage[24] = { 1, 0, 0, 0x80, 0xff };
	struct peios_sid_attr groups[4];
	struct peios_token tok;
	char why[512];
	size_t i, len;
	u8 *out, bad_acl[8] = { 7, 0, 8, 0, 0, 0, 0, 0 };

	h_suite(h, "inherit");
	for (i = 0; i < peios_inherit_case_count; i++) {
		why[0] = 0;
		h_result(h, peios_inherit_cases[i].name,
			 !peios_run_inherit_case(&peios_inherit_cases[i], why,
						 sizeof(why)), why);
	}
	peios_case_token(&tok, groups, 4, CT_ALICE);
	H_CHECK(h, "malformed_parent",
		peios_sd_inherit(garbage, sizeof(garbage), NULL, 0, &tok,
				 false, NULL, &out, &len) == -EINVAL);
	tok.default_dacl = bad_acl;
	tok.default_dacl_len = sizeof(bad_acl);
	H_CHECK(h, "malformed_default_dacl",
		peios_sd_inherit(NULL, 0, NULL, 0, &tok, false, NULL, &out,
				 &len) == -EINVAL);
	h_end_suite(h);
}

static void test_mode(struct harness *h)
{
	struct peios_sd *csd;
	char why[512];
	size_t len, olen;
	u32 mode = 0;
	u8 *sd, *out;

	h_suite(h, "mode");
	sd = sddl_sd(OWNER_GROUP "D:(A;;FA;;;BA)(A;;0x1f01bf;;;" ALICE
		     ")(A;;FR;;;" STAFF ")(A;;FR;;;WD)(A;ID;FA;;;SY)", &len);
	why[0] = 0;
	h_result(h, "chmod_replaces_mode_aces_in_place",
		 !peios_sd_chmod(sd, len, 0600, &out, &olen) &&
		 sd_is(out, olen, OWNER_GROUP "D:(A;;FA;;;BA)(A;;0x1f019f;;;"
		       ALICE ")(A;ID;FA;;;SY)", why, sizeof(why)), why);
	free(sd);
	sd = sddl_sd(OWNER_GROUP "D:(A;OICI;FA;;;" ALICE ")(A;;FA;;;WD)",
		     &len);
	h_result(h, "chmod_keeps_inheritable_aces",
		 !peios_sd_chmod(sd, len, 0604, &out, &olen) &&
		 sd_is(out, olen, OWNER_GROUP "D:(A;OICI;FA;;;" ALICE
		       ")(A;;0x1f019f;;;" ALICE ")(D;;FR;;;" STAFF
		       ")(A;;FR;;;WD)", why, sizeof(why)), why);
	free(sd);
	sd = sddl_sd(OWNER_GROUP "S:(ML;;NW;;;HI)", &len);
	h_result(h, "chmod_null_dacl_keeps_sacl",
		 !peios_sd_chmod(sd, len, 0640, &out, &olen) &&
		 sd_is(out, olen, OWNER_GROUP "D:(A;;0x1f019f;;;" ALICE
		       ")(A;;FR;;;" STAFF ")S:(ML;;NW;;;HI)", why,
		       sizeof(why)), why);
	free(sd);
	sd = sddl_sd("D:(A;;FA;;;WD)", &len);
	H_CHECK(h, "chmod_needs_owner",
		peios_sd_chmod(sd, len, 0644, &out, &olen) == -EINVAL);
	free(sd);
	H_CHECK(h, "chmod_rejects_malformed",
		peios_sd_chmod((const u8 *)"xxxxxxxxxxxxxxxxxxxxxxxx", 24,
			       0644, &out, &olen) == -EINVAL);
	sd = sddl_sd(OWNER_GROUP, &len);
	H_CHECK(h, "stat_null_dacl_0777",
		!peios_sd_compact(sd, len, &csd) &&
		!peios_sd_to_mode(csd, &mode) && mode == 0777);
	peios_sd_compact_free(csd);
	free(sd);
	sd = sddl_sd(OWNER_GROUP "D:", &len);
	H_CHECK(h, "stat_empty_dacl_0000",
		!peios_sd_compact(sd, len, &csd) &&
		!peios_sd_to_mode(csd, &mode) && mode == 0);
	peios_sd_compact_free(csd);
	free(sd);
	sd = sddl_sd(OWNER_GROUP "D:(A;;FR;;;" STAFF ")(A;;FX;;;AU)", &len);
	H_CHECK(h, "stat_group_only_read",
		!peios_sd_compact(sd, len, &csd) &&
		!peios_sd_to_mode(csd, &mode) && mode == 0151);
	peios_sd_compact_free(csd);
	free(sd);
	sd = sddl_sd(OWNER_GROUP "D:(A;;FA;;;WD)S:(TL;;0x0;;;S-1-19-512-"
		     "1024)(ML;;NRNWNX;;;SI)", &len);
	H_CHECK(h, "stat_ignores_mic_and_pip",
		!peios_sd_compact(sd, len, &csd) &&
		!peios_sd_to_mode(csd, &mode) && mode == 0777);
	peios_sd_compact_free(csd);
	free(sd);
	sd = sddl_sd("D:", &len);
	H_CHECK(h, "stat_needs_owner",
		!peios_sd_compact(sd, len, &csd) &&
		peios_sd_to_mode(csd, &mode) == -EINVAL);
	peios_sd_compact_free(csd);
	free(sd);
	H_CHECK(h, "common_modes_allow_only", 1);
	{
		static const u32 common[] = { 0600, 0640, 0644, 0660, 0666 };
		size_t i;
		u8 *acl;
		struct peios_acl_view v;
		struct peios_ace_view ace;
		size_t off;
		u16 j;
		int denies = 0;

		for (i = 0; i < ARRAY_SIZE(common); i++) {
			peios_mode_to_acl(common[i], &peios_sid_system,
					  &peios_sid_builtin_users, &acl, &len);
			peios_acl_decode(acl, len, &v);
			peios_acl_for_each(&v, off, j, &ace)
				denies += ace.type == PEIOS_ACE_DENIED;
			free(acl);
		}
		H_CHECK(h, "common_modes_have_no_deny", denies == 0);
	}
	h_end_suite(h);
}

static void test_token_and_misc(struct harness *h)
{
	struct peios_access_result res;
	struct peios_token *tok;
	struct peios_sd csd;
	int i, err = 0;

	h_suite(h, "token_misc");
	tok = peios_token_alloc(&peios_sid_system, 2);
	H_CHECK(h, "alloc", tok != NULL);
	err |= peios_token_add_group(tok, &peios_sid_builtin_admins,
				     PEIOS_SE_GROUP_ENABLED |
				     PEIOS_SE_GROUP_OWNER);
	err |= peios_token_add_group(tok, &peios_sid_everyone,
				     PEIOS_SE_GROUP_ENABLED);
	H_CHECK(h, "add_groups", !err);
	H_CHECK(h, "add_group_full",
		peios_token_add_group(tok, &peios_sid_local, 0) == -ENOSPC);
	H_CHECK(h, "default_owner_user",
		peios_token_owner_sid(tok) == &tok->user.sid);
	tok->default_owner = 0;
	H_CHECK(h, "default_owner_group",
		peios_sid_equal(peios_token_owner_sid(tok),
				&peios_sid_builtin_admins));
	tok->default_owner = 1;	/* Everyone lacks the OWNER attribute */
	H_CHECK(h, "default_owner_needs_owner_attr",
		peios_token_owner_sid(tok) == &tok->user.sid);
	H_CHECK(h, "no_primary_group", peios_token_group_sid(tok) == NULL);
	H_CHECK(h, "may_own",
		peios_token_may_own(tok, &peios_sid_builtin_admins) &&
		peios_token_may_own(tok, &peios_sid_system) &&
		!peios_token_may_own(tok, &peios_sid_everyone));
	H_CHECK(h, "null_sd_malformed",
		peios_access_check(NULL, tok, NULL, 1, 0, NULL, &res) ==
		-EACCES && res.stage == PEIOS_AC_STAGE_MALFORMED);
	H_CHECK(h, "raw_garbage_malformed",
		peios_access_check_raw((const u8 *)"garbage", 7, tok, NULL, 1,
				       0, NULL, &res) == -EACCES &&
		res.stage == PEIOS_AC_STAGE_MALFORMED && res.granted == 0);
	memset(&csd, 0, sizeof(csd));
	H_CHECK(h, "compact_without_owner",
		peios_access_check(&csd, tok, NULL, 1, 0, NULL, &res) ==
		-EACCES && res.stage == PEIOS_AC_STAGE_NO_OWNER);
	peios_token_free(tok);
	for (i = PEIOS_AC_STAGE_NONE; i <= PEIOS_AC_STAGE_DACL; i++)
		err |= !strcmp(peios_ac_stage_name(i), "unknown");
	H_CHECK(h, "stage_names", !err &&
		!strcmp(peios_ac_stage_name(PEIOS_AC_STAGE_PIP), "pip") &&
		!strcmp(peios_ac_stage_name(99), "unknown"));
	H_CHECK(h, "map_generic",
		peios_map_generic(PEIOS_GENERIC_READ | PEIOS_GENERIC_WRITE,
				  &peios_file_mapping) ==
		(PEIOS_FILE_GENERIC_READ | PEIOS_FILE_GENERIC_WRITE) &&
		peios_map_generic(PEIOS_GENERIC_ALL, &peios_file_mapping) ==
		PEIOS_FILE_ALL_ACCESS);
	H_CHECK(h, "peios_label_values",
		PEIOS_LABEL_NO_READ_UP == 0x1 &&
		PEIOS_LABEL_NO_WRITE_UP == 0x2 &&
		PEIOS_LABEL_NO_EXECUTE_UP == 0x4);
	h_end_suite(h);
}

void run_unit_tests(struct harness *h)
{
	test_sids(h);
	test_sd(h);
	test_sddl_extra(h);
	test_inherit(h);
	test_mode(h);
	test_token_and_misc(h);
}
