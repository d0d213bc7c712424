// SPDX-License-Identifier: GPL-2.0
/*
 * Inheritance cases (PSD-004 v0.22 §3.6, §3.1; propagation as MS-DTYP
 * 2.5.3.4): parent, creator descriptor and default DACL in SDDL, the
 * expected descriptor in canonical SDDL and the expected *_DEFAULTED
 * control bits, which SDDL cannot spell.  The creator token is Alice
 * (owner Alice, primary group staff) unless the case takes her group.
 */
#include "peios_cases.h"

#define C_OWNER_GROUP "O:" C_ALICE "G:" C_STAFF

/* A parent with one ACE of each inheritance kind */
#define P_EACH_KIND \
	"O:SYG:SYD:(A;OICI;FA;;;SY)(A;CI;FR;;;WD)(A;OI;GA;;;CO)(A;OIIO;GR;;;BU)"

/* PSD-004 §3.1: DEFAULTED marks what came from the token */
#define DEF_OG	(PEIOS_SE_OWNER_DEFAULTED | PEIOS_SE_GROUP_DEFAULTED)
#define DEF_MASK (DEF_OG | PEIOS_SE_DACL_DEFAULTED | PEIOS_SE_SACL_DEFAULTED)

const struct peios_inherit_case peios_inherit_cases[] = {
	{ "file_takes_object_inherit", P_EACH_KIND, NULL, NULL, false,
	  C_OWNER_GROUP "D:AI(A;ID;FA;;;SY)(A;ID;FA;;;" C_ALICE
	  ")(A;ID;FR;;;BU)", .defaulted = DEF_OG },
	{ "container_propagation", P_EACH_KIND, NULL, NULL, true,
	  C_OWNER_GROUP
	  "D:AI(A;OICIID;FA;;;SY)(A;CIID;FR;;;WD)(A;OIIOID;GA;;;CO)(A;OIIOID;GR;;;BU)",
	  .defaulted = DEF_OG },
	{ "container_creator_owner_split", "O:SYD:(A;OICI;GA;;;CO)", NULL,
	  NULL, true,
	  C_OWNER_GROUP "D:AI(A;ID;FA;;;" C_ALICE ")(A;OICIIOID;GA;;;CO)",
	  .defaulted = DEF_OG },
	{ "container_no_propagate", "O:SYD:(A;OICINP;FA;;;SY)", NULL, NULL,
	  true, C_OWNER_GROUP "D:AI(A;ID;FA;;;SY)", .defaulted = DEF_OG },
	{ "file_nothing_inheritable_null_dacl", "O:SYD:(A;CI;FA;;;SY)", NULL,
	  NULL, false, C_OWNER_GROUP, .defaulted = DEF_OG },
	{ "default_dacl_sets_dacl_defaulted_s3_1", "O:SYD:(A;CI;FA;;;SY)", NULL,
	  "D:(A;;FA;;;SY)(A;;FA;;;CO)", false,
	  C_OWNER_GROUP "D:(A;;FA;;;SY)(A;;FA;;;" C_ALICE ")",
	  .defaulted = DEF_OG | PEIOS_SE_DACL_DEFAULTED },
	{ "creator_then_inherited", "O:SYD:(A;OI;FA;;;SY)",
	  "D:AR(A;;FR;;;" C_ALICE ")", NULL, false,
	  C_OWNER_GROUP "D:AI(A;;FR;;;" C_ALICE ")(A;ID;FA;;;SY)",
	  .defaulted = DEF_OG },
	{ "creator_protected", "O:SYD:(A;OI;FA;;;SY)",
	  "D:PAR(A;;FR;;;" C_ALICE ")", NULL, false,
	  C_OWNER_GROUP "D:P(A;;FR;;;" C_ALICE ")", .defaulted = DEF_OG },
	{ "creator_without_auto_inherit_req", "O:SYD:(A;OI;FA;;;SY)",
	  "D:(A;;FR;;;" C_ALICE ")", NULL, false,
	  C_OWNER_GROUP "D:(A;;FR;;;" C_ALICE ")", .defaulted = DEF_OG },
	{ "creator_owner_not_defaulted_s3_1", "O:SYD:(A;OI;FA;;;CO)",
	  "O:BAD:AR", NULL, false, "O:BAG:" C_STAFF "D:AI(A;ID;FA;;;BA)",
	  .defaulted = PEIOS_SE_GROUP_DEFAULTED },
	{ "sacl_inherited", "O:SYS:(ML;OI;NW;;;HI)(AU;OISA;FA;;;WD)", NULL,
	  NULL, false, C_OWNER_GROUP "S:AI(ML;ID;NW;;;HI)(AU;IDSA;FA;;;WD)",
	  .defaulted = DEF_OG },
	{ "parent_null_dacl", "O:SY", NULL, NULL, false, C_OWNER_GROUP,
	  .defaulted = DEF_OG },
	/* §3.6: D:NO_ACCESS_CONTROL is DACL_PRESENT clear: no creator DACL */
	{ "creator_null_dacl_sddl_is_no_dacl_s3_6", "O:SYD:(A;OI;FA;;;SY)",
	  "D:NO_ACCESS_CONTROL", NULL, false,
	  C_OWNER_GROUP "D:AI(A;ID;FA;;;SY)", .defaulted = DEF_OG },
	/* the MS-DTYP spelling asks for a NULL DACL, stored as §3.1 says */
	{ "creator_null_dacl_present_stays_null_s3_1", "O:SYD:(A;OI;FA;;;SY)",
	  "", NULL, false, C_OWNER_GROUP,
	  .defaulted = DEF_OG, .creator_null_dacl = true },
	{ "creator_group_replaced", "O:SYD:(A;OI;FR;;;CG)", NULL, NULL, false,
	  C_OWNER_GROUP "D:AI(A;ID;FR;;;" C_STAFF ")", .defaulted = DEF_OG },
	{ "creator_ace_split_on_container", NULL,
	  "D:AR(A;OICI;GA;;;CO)", NULL, true,
	  C_OWNER_GROUP "D:(A;;FA;;;" C_ALICE ")(A;OICIIO;GA;;;CO)",
	  .defaulted = DEF_OG },
	{ "no_parent_no_creator", NULL, NULL, NULL, false, C_OWNER_GROUP,
	  .defaulted = DEF_OG },
	{ "inherit_only_parent_ace_for_file", "O:SYD:(A;OIIO;FA;;;SY)", NULL,
	  NULL, false, C_OWNER_GROUP "D:AI(A;ID;FA;;;SY)",
	  .defaulted = DEF_OG },
	/* §3.1: CREATOR GROUP with no group to put in fails closed */
	{ "creator_group_without_group_fails_s3_1", "O:SYD:(A;OI;FR;;;CG)",
	  NULL, NULL, false, NULL, .err = -ENODATA, .no_group = true },
	{ "creator_group_in_default_dacl_without_group_fails_s3_1", NULL,
	  NULL, "D:(A;;FR;;;CG)", false, NULL, .err = -ENODATA,
	  .no_group = true },
	{ "creator_group_container_effective_without_group_fails_s3_1",
	  "O:SYD:(A;OICI;FR;;;CG)", NULL, NULL, true, NULL, .err = -ENODATA,
	  .no_group = true },
	/* the inherit-only placeholder needs no group (MS-DTYP split) */
	{ "creator_group_placeholder_kept_without_group",
	  "O:SYD:(A;OI;FR;;;CG)", NULL, NULL, true,
	  "O:" C_ALICE "D:AI(A;OIIOID;FR;;;CG)",
	  .defaulted = PEIOS_SE_OWNER_DEFAULTED,
	  .no_group = true },
	{ "creator_owner_placeholder_two_levels_down",
	  "O:SYD:(A;OICIIO;GA;;;CO)", NULL, NULL, true,
	  C_OWNER_GROUP "D:AI(A;ID;FA;;;" C_ALICE ")(A;OICIIOID;GA;;;CO)",
	  .defaulted = DEF_OG },
};

const size_t peios_inherit_case_count = ARRAY_SIZE(peios_inherit_cases);

static int sddl_sd(const char *s, u8 **sd, size_t *len)
{
	*sd = NULL;
	*len = 0;
	return s ? peios_sddl_parse(s, strlen(s), sd, len) : 0;
}

static int check_output(const struct peios_inherit_case *c, const u8 *out,
			size_t olen, char *why, size_t whylen)
{
	u16 control = sec_get_le16(out + 2);
	char *s = NULL;
	size_t n;
	int ret = -1;

	if ((control & DEF_MASK) != c->defaulted) {
		snprintf(why, whylen, "control 0x%x, want defaulted 0x%x",
			 control, c->defaulted);
		return -1;
	}
	if (!peios_sddl_format(out, olen, &s, &n) && !strcmp(s, c->expect))
		ret = 0;
	else
		snprintf(why, whylen, "got \"%s\", want \"%s\"",
			 s ? s : "(format error)", c->expect);
	sec_free(s);
	return ret;
}

int peios_run_inherit_case(const struct peios_inherit_case *c, char *why,
			   size_t whylen)
{
	struct peios_sid_attr groups[4];
	struct peios_token tok;
	struct peios_sd_view v;
	u8 *parent, *creator, *dd, *out = NULL;
	size_t plen, clen, dlen, olen;
	int err, ret = -1;

	if (peios_case_token(&tok, groups, ARRAY_SIZE(groups), CT_ALICE))
		return -1;
	if (c->no_group)
		tok.primary_group = PEIOS_TOKEN_NO_GROUP;
	err = sddl_sd(c->parent, &parent, &plen);
	err = err ?: sddl_sd(c->creator, &creator, &clen);
	err = err ?: sddl_sd(c->default_dacl, &dd, &dlen);
	if (err) {
		snprintf(why, whylen, "bad SDDL in case");
		goto out;
	}
	if (creator && c->creator_null_dacl)
		creator[2] |= PEIOS_SE_DACL_PRESENT;
	if (dd) {
		peios_sd_decode(dd, dlen, &v);
		tok.default_dacl = v.dacl.raw;
		tok.default_dacl_len = v.dacl.size;
	}
	err = peios_sd_inherit(parent, plen, creator, clen, &tok,
			       c->container, NULL, &out, &olen);
	if (!c->expect) {
		ret = err == (c->err ? c->err : -EINVAL) ? 0 : -1;
		if (ret)
			snprintf(why, whylen, "inherit returned %d", err);
	} else if (err) {
		snprintf(why, whylen, "inherit returned %d", err);
	} else {
		ret = check_output(c, out, olen, why, whylen);
		sec_free(out);
	}
out:
	sec_free(parent);
	sec_free(creator);
	sec_free(dd);
	return ret;
}
