// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the identity pieces of the security core: the identity
 * map's text form and the projection (the shared case tables, which
 * KUnit runs through the module too), the vocabulary tables and the
 * text helpers.
 */
#include <stdlib.h>
#include <peios/security/text.h>
#include <peios/security/token_text.h>
#include <peios/security/vocabulary.h>
#include "harness.h"

/* Apply @text to a new empty table; its entries are the caller's to free. */
static int map_of(const char *text, struct peios_idmap_table *t,
		  unsigned int *bad_line)
{
	char *copy = strdup(text);
	int ret;

	memset(t, 0, sizeof(*t));
	t->cap = peios_count_lines(text);
	t->entries = calloc(t->cap, sizeof(*t->entries));
	ret = copy && t->entries ? peios_idmap_apply_text(t, copy, bad_line) :
				   -ENOMEM;
	free(copy);
	return ret;
}

static int run_idmap_case(const struct peios_idmap_case *c, char *why,
			  size_t whylen)
{
	struct peios_idmap_table t;
	unsigned int bad = 0;
	char shown[1024];
	int ret, ok;

	ret = map_of(c->text, &t, &bad);
	peios_idmap_format(&t, shown, sizeof(shown));
	free(t.entries);
	if (ret != c->expect || (ret && bad != c->bad_line)) {
		snprintf(why, whylen, "got %d at line %u, want %d at line %u",
			 ret, bad, c->expect, c->bad_line);
		return -1;
	}
	ok = !c->shown || !strcmp(shown, c->shown);
	if (!ok)
		snprintf(why, whylen, "shown \"%.400s\", want \"%.400s\"", shown,
			 c->shown);
	return ok ? 0 : -1;
}

static u32 case_gid(const void *groups, u32 i)
{
	return ((const u32 *)groups)[i];
}

static int run_projection_case(const struct peios_projection_case *c,
			       char *why, size_t whylen)
{
	const struct peios_unix_ids ids = {
		.uid = c->uid, .gid = c->gid, .ngroups = c->ngroups,
		.groups = c->groups, .group = case_gid, .caps = c->caps,
	};
	struct peios_sid_attr groups[PEIOS_PROJECTED_GROUPS(PEIOS_CASE_MAX_GIDS)];
	const struct peios_psb psb = { 0 };
	struct peios_idmap_table map = { 0 };
	struct peios_token tok;
	unsigned int bad = 0;
	char text[PEIOS_TOKEN_TEXT_MAX(ARRAY_SIZE(groups))];
	int ret;

	if (c->map && map_of(c->map, &map, &bad)) {
		snprintf(why, whylen, "map line %u refused", bad);
		free(map.entries);
		return -1;
	}
	ret = peios_project_token(&ids, c->map ? &map : NULL, &tok, groups,
				  PEIOS_PROJECTED_GROUPS(c->ngroups));
	free(map.entries);
	if (ret) {
		snprintf(why, whylen, "projection failed: %d", ret);
		return -1;
	}
	peios_token_describe(&tok, &psb, text, sizeof(text));
	if (strcmp(text, c->whoami)) {
		snprintf(why, whylen, "got\n%.480swant\n%.480s", text, c->whoami);
		return -1;
	}
	return 0;
}

static void run_identity_cases(struct harness *h)
{
	char why[1024];
	size_t i;

	h_suite(h, "idmap");
	for (i = 0; i < peios_idmap_case_count; i++) {
		why[0] = 0;
		h_result(h, peios_idmap_cases[i].name,
			 !run_idmap_case(&peios_idmap_cases[i], why,
					 sizeof(why)), why);
	}
	h_end_suite(h);
	h_suite(h, "projection");
	for (i = 0; i < peios_projection_case_count; i++) {
		why[0] = 0;
		h_result(h, peios_projection_cases[i].name,
			 !run_projection_case(&peios_projection_cases[i], why,
					      sizeof(why)), why);
	}
	h_end_suite(h);
}

static bool sid_is(const struct peios_sid *sid, const char *want)
{
	char text[PEIOS_SID_STR_MAX];

	peios_sid_format(sid, text, sizeof(text));
	return !strcmp(text, want);
}

static struct peios_sid sid_of(const char *text)
{
	struct peios_sid sid = { 0 };

	peios_sid_parse(text, strlen(text), &sid, NULL);
	return sid;
}

static void test_projection_pieces(struct harness *h)
{
	struct peios_sid_attr groups[PEIOS_PROJECTED_GROUPS(1)];
	const u32 gids[] = { 7 };
	struct peios_unix_ids ids = {
		.uid = 0, .gid = 0, .ngroups = 1, .groups = gids,
		.group = case_gid,
	};
	struct peios_idmap_table map;
	struct peios_token tok;
	struct peios_sid sid;
	unsigned int bad;

	h_suite(h, "projection_parts");
	H_CHECK(h, "groups_fill_exactly_the_documented_room",
		!peios_project_token(&ids, NULL, &tok, groups,
				     ARRAY_SIZE(groups)) &&
		tok.group_count == ARRAY_SIZE(groups) &&
		tok.primary_group == 0);
	H_CHECK(h, "too_little_room_is_enospc",
		peios_project_token(&ids, NULL, &tok, groups,
				    ARRAY_SIZE(groups) - 1) == -ENOSPC);
	H_CHECK(h, "privileges_of_all_capabilities",
		peios_project_privileges(~0ULL) ==
		(PEIOS_PRIV(PEIOS_PRIV_INCREASE_QUOTA) |
		 PEIOS_PRIV(PEIOS_PRIV_TAKE_OWNERSHIP) |
		 PEIOS_PRIV(PEIOS_PRIV_RESTORE) | PEIOS_PRIV(PEIOS_PRIV_TCB) |
		 PEIOS_PRIV(PEIOS_PRIV_SECURITY) |
		 PEIOS_PRIV(PEIOS_PRIV_RELABEL)));
	H_CHECK(h, "no_capability_no_privilege",
		peios_project_privileges(0) == 0);
	peios_project_uid_sid(NULL, 1000, &sid);
	H_CHECK(h, "uid_sid_default", sid_is(&sid, "S-1-22-1-1000"));
	peios_project_uid_sid(NULL, 0, &sid);
	H_CHECK(h, "uid_0_is_system", sid_is(&sid, "S-1-5-18"));
	peios_project_gid_sid(NULL, 0, &sid);
	H_CHECK(h, "gid_0_is_unix_group", sid_is(&sid, "S-1-22-2-0"));
	sid = sid_of("S-1-22-1-1000");
	H_CHECK(h, "unix_user_sid_back_to_uid",
		peios_project_sid_id(NULL, PEIOS_IDMAP_UID, &sid) == 1000);
	H_CHECK(h, "unix_user_sid_is_no_gid",
		peios_project_sid_id(NULL, PEIOS_IDMAP_GID, &sid) == (u32)-1);
	H_CHECK(h, "system_back_to_0",
		peios_project_sid_id(NULL, PEIOS_IDMAP_GID,
				     &peios_sid_system) == 0);
	sid = sid_of("S-1-5-21-9");
	H_CHECK(h, "unknown_sid_is_invalid",
		peios_project_sid_id(NULL, PEIOS_IDMAP_UID, &sid) == (u32)-1);
	H_CHECK(h, "mapped_sid_back_to_its_id",
		!map_of("uid 42 S-1-5-21-9\ngid 43 S-1-5-21-9\n", &map, &bad) &&
		peios_project_sid_id(&map, PEIOS_IDMAP_UID, &sid) == 42 &&
		peios_project_sid_id(&map, PEIOS_IDMAP_GID, &sid) == 43);
	/* The map first: a mapped SYSTEM is that uid, not 0. */
	free(map.entries);
	H_CHECK(h, "mapped_system_is_the_mapped_uid",
		!map_of("uid 7 S-1-5-18\n", &map, &bad) &&
		peios_project_sid_id(&map, PEIOS_IDMAP_UID,
				     &peios_sid_system) == 7);
	free(map.entries);
	H_CHECK(h, "full_table_is_enospc",
		(map = (struct peios_idmap_table){ 0 }, map.cap = 1,
		 map.entries = calloc(1, sizeof(*map.entries)),
		 peios_idmap_apply_text(&map, (char[]){ "uid 1 S-1-5-21-1\n"
						       "uid 2 S-1-5-21-2\n" },
					&bad) == -ENOSPC && bad == 2));
	free(map.entries);
	h_end_suite(h);
}

static void test_vocabulary(struct harness *h)
{
	char buf[PEIOS_PIP_STR_MAX];
	u32 a, b;
	size_t i;
	int ok;

	h_suite(h, "vocabulary");
	H_CHECK(h, "integrity_names_and_numbers",
		!peios_integrity_parse("Low", &a) && a == PEIOS_IL_LOW &&
		!peios_integrity_parse("0x3000", &b) && b == PEIOS_IL_HIGH &&
		!strcmp(peios_integrity_name(PEIOS_IL_SYSTEM), "system") &&
		!peios_integrity_name(1));
	H_CHECK(h, "integrity_rejects_junk",
		peios_integrity_parse("", &a) && peios_integrity_parse("8k", &a) &&
		peios_integrity_parse("-1", &a));
	H_CHECK(h, "pip_names", !peios_pip_parse("Protected:peiostcb", &a, &b) &&
		a == PEIOS_PIP_TYPE_PROTECTED && b == PEIOS_PIP_TRUST_PEIOS_TCB);
	H_CHECK(h, "pip_numbers", !peios_pip_parse("512:0x1000", &a, &b) &&
		a == 512 && b == PEIOS_PIP_TRUST_PEIOS);
	H_CHECK(h, "pip_needs_both_halves",
		peios_pip_parse("protected", &a, &b) &&
		peios_pip_parse("protected:", &a, &b) &&
		peios_pip_parse(":peios", &a, &b) &&
		peios_pip_parse("protected:peios:x", &a, &b));
	peios_pip_format(PEIOS_PIP_TYPE_ISOLATED, PEIOS_PIP_TRUST_APP, buf,
			 sizeof(buf));
	H_CHECK(h, "pip_format_names", !strcmp(buf, "isolated:app"));
	peios_pip_format(7, 4294967295u, buf, sizeof(buf));
	H_CHECK(h, "pip_format_numbers", !strcmp(buf, "7:4294967295"));
	/* Every privilege bit the core defines has its one name. */
	H_CHECK(h, "privilege_names",
		peios_privilege_name_count == 9 &&
		!strcmp(peios_privilege_name(PEIOS_PRIV_TCB), "SeTcbPrivilege") &&
		!strcmp(peios_privilege_name(PEIOS_PRIV_CHANGE_NOTIFY),
			"SeChangeNotifyPrivilege") &&
		!strcmp(peios_privilege_name(PEIOS_PRIV_IMPERSONATE),
			"SeImpersonatePrivilege") &&
		!peios_privilege_name(6) && !peios_privilege_name(-1));
	ok = 1;
	for (i = 1; i < peios_privilege_name_count; i++)
		ok &= peios_privilege_names[i - 1].value <
		      peios_privilege_names[i].value;
	H_CHECK(h, "privileges_in_bit_order", ok);
	h_end_suite(h);
}

static void test_text(struct harness *h)
{
	char text[] = "  one\ttwo\t \t\n\n# c\n  path with spaces  ";
	char *p = text, *line, *w1, *w2, *w3;
	u32 v;

	h_suite(h, "text");
	line = peios_next_line(&p);
	w1 = peios_next_word(&line);
	w2 = peios_next_word(&line);
	w3 = peios_next_word(&line);
	H_CHECK(h, "words", w1 && !strcmp(w1, "one") && w2 &&
		!strcmp(w2, "two") && !w3);
	line = peios_next_line(&p);
	H_CHECK(h, "blank_line", line && peios_line_is_blank(line));
	line = peios_next_line(&p);
	H_CHECK(h, "comment_line", line && peios_line_is_blank(line));
	line = peios_next_line(&p);
	w1 = peios_rest_of_line(&line);
	H_CHECK(h, "rest_of_line_trimmed", w1 &&
		!strcmp(w1, "path with spaces"));
	H_CHECK(h, "last_line", !peios_next_line(&p));
	H_CHECK(h, "count_lines", peios_count_lines("") == 1 &&
		peios_count_lines("a\nb\n") == 3);
	H_CHECK(h, "u32_decimal", !peios_parse_u32("4294967295", &v) &&
		v == 4294967295u && peios_parse_u32("4294967296", &v) &&
		peios_parse_u32("0x1", &v) && peios_parse_u32("", &v) &&
		peios_parse_u32(" 1", &v) && peios_parse_u32(NULL, &v));
	H_CHECK(h, "number_hex_or_decimal",
		!peios_parse_number("0XfF", &v) && v == 255 &&
		!peios_parse_number("010", &v) && v == 10 &&
		peios_parse_number("0x", &v) &&
		peios_parse_number("0x100000000", &v));
	H_CHECK(h, "written_clamps",
		peios_text_written(10, 4) == 3 && peios_text_written(2, 4) == 2 &&
		peios_text_written(-1, 4) == 0 && peios_text_written(3, 0) == 0);
	h_end_suite(h);
}

void run_identity_tests(struct harness *h)
{
	run_identity_cases(h);
	test_projection_pieces(h);
	test_vocabulary(h);
	test_text(h);
}
