// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of security/sd_edit.c: what a reader sees, how a written
 * descriptor merges with the current one, the rights the change needs, and
 * the owner and relabel rules.  Cases are written in SDDL.
 */
#include <string.h>
#include <peios/security/sd_edit.h>
#include <peios/security/sddl.h>
#include "harness.h"

#define WO PEIOS_WRITE_OWNER
#define WD PEIOS_WRITE_DAC
#define ASS PEIOS_ACCESS_SYSTEM_SECURITY

/* A descriptor with a label and an audit ACE, the usual starting point. */
#define CUR "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)" \
	    "S:(ML;;NW;;;LW)(AU;SA;FW;;;WD)"

/* An empty request with DACL_PRESENT set: the MS-DTYP NULL DACL */
static const char NULL_DACL_REQUEST[] = "";

struct merge_case {
	const char *name;
	const char *cur;
	const char *req;
	bool keep_audit;
	int ret;
	const char *want;	/* SDDL of the merged descriptor */
	u32 rights;
};

static const struct merge_case merge_cases[] = {
	{ "identical write needs nothing", CUR, CUR, false, 0, CUR, 0 },
	{ "new DACL needs WRITE_DAC", CUR, "D:(A;;FA;;;WD)", true, 0,
	  "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FA;;;WD)"
	  "S:(ML;;NW;;;LW)(AU;SA;FW;;;WD)", WD },
	{ "protecting the DACL needs WRITE_DAC", CUR,
	  "D:P(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)", true, 0,
	  "O:S-1-22-1-1000G:S-1-22-2-100D:P(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
	  "S:(ML;;NW;;;LW)(AU;SA;FW;;;WD)", WD },
	{ "new owner needs WRITE_OWNER", CUR, "O:S-1-22-1-1001", true, 0,
	  "O:S-1-22-1-1001G:S-1-22-2-100D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
	  "S:(ML;;NW;;;LW)(AU;SA;FW;;;WD)", WO },
	{ "new group needs WRITE_OWNER", CUR, "G:S-1-22-2-7", true, 0,
	  "O:S-1-22-1-1000G:S-1-22-2-7D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
	  "S:(ML;;NW;;;LW)(AU;SA;FW;;;WD)", WO },
	{ "new label needs WRITE_OWNER, audit kept for the unprivileged",
	  CUR, "S:(ML;;NW;;;HI)", true, 0,
	  "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
	  "S:(ML;;NW;;;HI)(AU;SA;FW;;;WD)", WO },
	{ "a SACL without audit from the privileged removes the audit ACE",
	  CUR, "S:(ML;;NW;;;LW)", false, 0,
	  "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
	  "S:(ML;;NW;;;LW)", ASS },
	{ "changing audit ACEs needs ACCESS_SYSTEM_SECURITY", CUR,
	  "S:(ML;;NW;;;LW)(AU;FA;FW;;;WD)", true, 0,
	  "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
	  "S:(ML;;NW;;;LW)(AU;FA;FW;;;WD)", ASS },
	{ "read-back without audit writes back unchanged", CUR,
	  "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
	  "S:(ML;;NW;;;LW)", true, 0, CUR, 0 },
	/*
	 * A write asks for a NULL DACL with DACL_PRESENT and offset 0; the
	 * result is stored as PSD-004 §3.1 spells it (PRESENT clear), which
	 * is what D:NO_ACCESS_CONTROL parses to.
	 */
	{ "NULL DACL request is a DACL change, stored PRESENT clear", CUR,
	  NULL_DACL_REQUEST, true, 0,
	  "O:S-1-22-1-1000G:S-1-22-2-100D:NO_ACCESS_CONTROL"
	  "S:(ML;;NW;;;LW)(AU;SA;FW;;;WD)", WD },
	{ "D:NO_ACCESS_CONTROL in a write is an absent DACL: kept", CUR,
	  "D:NO_ACCESS_CONTROL", true, 0, CUR, 0 },
	{ "everything at once", CUR, "O:SYG:SYD:(A;;FA;;;SY)S:(AU;SA;FA;;;WD)",
	  false, 0, "O:SYG:SYD:(A;;FA;;;SY)S:(AU;SA;FA;;;WD)", WO | WD | ASS },
};

static void run_merge_case(struct harness *h, const struct merge_case *c)
{
	u8 *cur = NULL, *req = NULL, *want = NULL;
	size_t cur_len, req_len, want_len;
	struct peios_sd_change change;
	char why[256] = "";
	int ret;

	if (peios_sddl_parse(c->cur, strlen(c->cur), &cur, &cur_len) ||
	    peios_sddl_parse(c->req, strlen(c->req), &req, &req_len) ||
	    (c->want && peios_sddl_parse(c->want, strlen(c->want), &want,
					 &want_len))) {
		h_result(h, c->name, 0, "case SDDL does not parse");
		goto out;
	}
	if (c->req == NULL_DACL_REQUEST)
		req[2] |= PEIOS_SE_DACL_PRESENT;
	ret = peios_sd_merge(cur, cur_len, req, req_len, c->keep_audit,
			     &change);
	if (ret != c->ret) {
		snprintf(why, sizeof(why), "returned %d, want %d", ret, c->ret);
	} else if (!ret && !peios_sd_equal(change.sd, change.len, want,
					  want_len)) {
		char *got = NULL;
		size_t n;

		peios_sddl_format(change.sd, change.len, &got, &n);
		snprintf(why, sizeof(why), "merged to %s", got ? got : "?");
		sec_free(got);
	} else if (!ret && change.rights != c->rights) {
		snprintf(why, sizeof(why), "rights %#x, want %#x",
			 change.rights, c->rights);
	}
	h_result(h, c->name, !why[0], why);
	if (!ret)
		peios_sd_change_release(&change);
out:
	sec_free(cur);
	sec_free(req);
	sec_free(want);
}

static void run_merge_errors(struct harness *h)
{
	static const u8 junk[] = { 1, 0, 0, 0x80, 1, 2, 3 };
	struct peios_sd_change change;
	u8 *cur = NULL, *noowner = NULL;
	size_t cur_len, noowner_len;

	peios_sddl_parse(CUR, strlen(CUR), &cur, &cur_len);
	H_CHECK(h, "malformed request is EINVAL",
		peios_sd_merge(cur, cur_len, junk, sizeof(junk), true,
			       &change) == -EINVAL);
	H_CHECK(h, "malformed current is EINVAL",
		peios_sd_merge(junk, sizeof(junk), cur, cur_len, true,
			       &change) == -EINVAL);
	peios_sddl_parse("D:(A;;FA;;;WD)", 14, &noowner, &noowner_len);
	H_CHECK(h, "result without owner is EINVAL",
		peios_sd_merge(noowner, noowner_len, noowner, noowner_len,
			       true, &change) == -EINVAL);
	sec_free(cur);
	sec_free(noowner);
}

/*
 * A current NULL DACL in the MS-DTYP spelling (DACL_PRESENT, offset 0)
 * written back as read is no change: both spellings are the NULL DACL
 * (PSD-004 §3.1), and the stored result uses the PSD-004 one.
 */
static void run_null_dacl_forms(struct harness *h)
{
	struct peios_sd_change change;
	u8 *cur = NULL;
	size_t cur_len;
	int ret;

	peios_sddl_parse("O:SYD:AR", 8, &cur, &cur_len);
	/* drop the empty DACL: DACL_PRESENT with offset 0 remains */
	sec_put_le32(cur + 16, 0);
	ret = peios_sd_merge(cur, cur_len, cur, cur_len, false, &change);
	H_CHECK(h, "MS-DTYP NULL DACL written back needs no right",
		!ret && change.rights == 0);
	H_CHECK(h, "MS-DTYP NULL DACL stored with DACL_PRESENT clear",
		!ret && !(sec_get_le16(change.sd + 2) &
			  PEIOS_SE_DACL_PRESENT) &&
		(sec_get_le16(change.sd + 2) &
		 PEIOS_SE_DACL_AUTO_INHERIT_REQ));
	if (!ret)
		peios_sd_change_release(&change);
	sec_free(cur);
}

static void run_without_audit(struct harness *h)
{
	const char *want = "O:S-1-22-1-1000G:S-1-22-2-100"
			   "D:(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)S:(ML;;NW;;;LW)";
	u8 *cur = NULL, *out = NULL, *exp = NULL;
	size_t cur_len, out_len = 0, exp_len;

	peios_sddl_parse(CUR, strlen(CUR), &cur, &cur_len);
	peios_sddl_parse(want, strlen(want), &exp, &exp_len);
	H_CHECK(h, "reader without the privilege sees labels, not audit",
		!peios_sd_without_audit(cur, cur_len, &out, &out_len) &&
		peios_sd_equal(out, out_len, exp, exp_len));
	sec_free(out);
	sec_free(cur);
	sec_free(exp);
}

static void token_for(struct peios_token *tok, struct peios_sid_attr *g,
		      u32 uid, u32 il, u64 privs)
{
	struct peios_sid user, admins = peios_sid_builtin_admins;

	peios_sid_unix_user(&user, uid);
	peios_token_init(tok, &user, g, 2);
	peios_token_add_group(tok, &admins, PEIOS_SE_GROUP_ENABLED |
			      PEIOS_SE_GROUP_OWNER);
	tok->integrity = il;
	tok->privileges = privs;
}

static int permitted(const char *req, u32 uid, u32 il, u64 privs)
{
	struct peios_sid_attr g[2];
	struct peios_sd_change change;
	struct peios_token tok;
	u8 *cur = NULL, *r = NULL;
	size_t cur_len, r_len;
	int ret;

	peios_sddl_parse(CUR, strlen(CUR), &cur, &cur_len);
	peios_sddl_parse(req, strlen(req), &r, &r_len);
	token_for(&tok, g, uid, il, privs);
	ret = peios_sd_merge(cur, cur_len, r, r_len, true, &change);
	if (!ret)
		ret = peios_sd_change_permitted(&change, &tok);
	peios_sd_change_release(&change);
	sec_free(cur);
	sec_free(r);
	return ret;
}

static void run_rules(struct harness *h)
{
	const u64 restore = PEIOS_PRIV(PEIOS_PRIV_RESTORE);
	const u64 relabel = PEIOS_PRIV(PEIOS_PRIV_RELABEL);

	H_CHECK(h, "taking ownership for oneself is permitted",
		permitted("O:S-1-22-1-1001", 1001, PEIOS_IL_MEDIUM, 0) == 0);
	H_CHECK(h, "an OWNER group may become owner",
		permitted("O:BA", 1001, PEIOS_IL_MEDIUM, 0) == 0);
	H_CHECK(h, "giving the object to someone else is EPERM",
		permitted("O:S-1-22-1-1002", 1001, PEIOS_IL_MEDIUM, 0) ==
		-EPERM);
	H_CHECK(h, "SeRestorePrivilege may set any owner",
		permitted("O:S-1-22-1-1002", 1001, PEIOS_IL_MEDIUM, restore) ==
		0);
	H_CHECK(h, "a label up to one's own level is permitted",
		permitted("S:(ML;;NW;;;ME)", 1000, PEIOS_IL_MEDIUM, 0) == 0);
	H_CHECK(h, "a label above one's level is EPERM",
		permitted("S:(ML;;NW;;;HI)", 1000, PEIOS_IL_MEDIUM, 0) ==
		-EPERM);
	H_CHECK(h, "SeRelabelPrivilege may raise a label",
		permitted("S:(ML;;NW;;;SI)", 1000, PEIOS_IL_MEDIUM, relabel) ==
		0);
	H_CHECK(h, "a DACL-only change ignores the rules",
		permitted("D:(A;;FA;;;WD)", 1002, PEIOS_IL_LOW, 0) == 0);
}

void run_sd_edit_tests(struct harness *h)
{
	size_t i;

	h_suite(h, "sd_edit");
	for (i = 0; i < sizeof(merge_cases) / sizeof(merge_cases[0]); i++)
		run_merge_case(h, &merge_cases[i]);
	run_merge_errors(h);
	run_null_dacl_forms(h);
	run_without_audit(h);
	run_rules(h);
	h_end_suite(h);
}
