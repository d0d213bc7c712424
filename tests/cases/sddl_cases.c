// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL cases: parse, format to the canonical spelling, re-parse to the
 * same bytes.  Error cases must give -EINVAL and no output.
 */
#include "peios_cases.h"

#define OK(n, in)		{ n, in, NULL, 0 }
#define CANON(n, in, out)	{ n, in, out, 0 }
#define BAD(n, in)		{ n, in, NULL, -EINVAL }

/* §3.8 conditions: an allow callback ACE for Everyone */
#define XA(c)			"D:(XA;;FA;;;WD;" c ")"
/* ten SID literals of 28 bytes each, 330 bytes of expression */
#define S28_10	"SID(S-1-5-21-1-2-3-4), SID(S-1-5-21-1-2-3-4), " \
		"SID(S-1-5-21-1-2-3-4), SID(S-1-5-21-1-2-3-4), " \
		"SID(S-1-5-21-1-2-3-4), SID(S-1-5-21-1-2-3-4), " \
		"SID(S-1-5-21-1-2-3-4), SID(S-1-5-21-1-2-3-4), " \
		"SID(S-1-5-21-1-2-3-4), SID(S-1-5-21-1-2-3-4), "
#define NOT8			"!!!!!!!!"
#define NOT5			"(!(!(!(!(!"
#define CLOSE5			")))))"

const struct peios_sddl_case peios_sddl_cases[] = {
	OK("empty", ""),
	OK("owner_only", "O:SY"),
	OK("owner_group_dacl", "O:SYG:SYD:(A;;FA;;;SY)"),
	OK("numeric_sids", "O:S-1-5-21-1-2-3-1000G:S-1-22-2-100"),
	OK("unix_sids", "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FR;;;S-1-22-1-1001)"),
	CANON("numeric_to_alias", "O:S-1-5-18G:S-1-5-32-544", "O:SYG:BA"),
	CANON("lowercase_s_prefix", "O:s-1-5-18", "O:SY"),
	CANON("leading_zeros_in_sid", "O:S-1-05-018", "O:SY"),
	OK("dacl_flags_pai", "D:PAI(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)"),
	OK("dacl_flag_ar_empty", "D:AR"),
	CANON("dacl_flags_reordered", "D:ARAIP", "D:PAIAR"),
	OK("empty_dacl", "O:SYD:"),
	/* §3.1: a NULL DACL is DACL_PRESENT clear, offset 0, like O:SY */
	CANON("null_dacl_present_clear_s3_1", "O:SYD:NO_ACCESS_CONTROL",
	      "O:SY"),
	CANON("null_dacl_alone_s3_1", "D:NO_ACCESS_CONTROL", ""),
	OK("null_dacl_auto_inherited_s3_1", "O:SYD:AINO_ACCESS_CONTROL"),
	OK("null_dacl_protected", "D:PNO_ACCESS_CONTROL"),
	OK("null_sacl", "S:NO_ACCESS_CONTROL"),
	OK("sacl_audit", "S:(AU;SAFA;FA;;;WD)"),
	OK("sacl_alarm", "S:(AL;;FR;;;WD)"),
	OK("sacl_flags", "S:PAIAR(AU;FA;FW;;;WD)"),
	OK("label_nw", "S:(ML;;NW;;;LW)"),
	CANON("label_hex_to_names", "S:(ML;;0x1;;;HI)", "S:(ML;;NR;;;HI)"),
	CANON("label_names_reordered", "S:(ML;;NXNRNW;;;SI)",
	      "S:(ML;;NRNWNX;;;SI)"),
	OK("label_inheritable", "S:(ML;OICI;NW;;;ME)"),
	CANON("label_zero_mask", "S:(ML;;;;;HI)", "S:(ML;;0x0;;;HI)"),
	OK("label_other_bits_hex", "S:(ML;;0x8;;;HI)"),
	OK("trust_label", "S:(TL;;FR;;;S-1-19-512-1024)"),
	OK("label_and_trust", "S:(ML;;NW;;;HI)(TL;;0x0;;;S-1-19-1024-8192)"),
	OK("rights_hex", "D:(A;;0x1200a9;;;WD)"),
	CANON("rights_hex_uppercase", "D:(A;;0X1200A9;;;WD)",
	      "D:(A;;0x1200a9;;;WD)"),
	CANON("rights_decimal", "D:(A;;1;;;WD)", "D:(A;;0x1;;;WD)"),
	OK("rights_generic", "D:(A;;GRGW;;;WD)"),
	CANON("rights_generic_reordered", "D:(A;;GWGR;;;WD)",
	      "D:(A;;GRGW;;;WD)"),
	CANON("rights_hex_to_fr", "D:(A;;0x120089;;;WD)", "D:(A;;FR;;;WD)"),
	OK("rights_fa", "D:(A;;FA;;;WD)"),
	OK("rights_fw", "D:(A;;FW;;;WD)"),
	OK("rights_fx", "D:(A;;FX;;;WD)"),
	CANON("rights_file_letters", "D:(A;;CCDC;;;WD)", "D:(A;;0x3;;;WD)"),
	CANON("rights_all_file_letters", "D:(A;;CCDCLCSWRPWPDTLOCR;;;WD)",
	      "D:(A;;0x1ff;;;WD)"),
	OK("rights_standard", "D:(A;;RCSDWDWO;;;WD)"),
	CANON("rights_empty", "D:(A;;;;;WD)", "D:(A;;0x0;;;WD)"),
	CANON("rights_mixed_composite", "D:(A;;FRFX;;;WD)",
	      "D:(A;;0x1200a9;;;WD)"),
	OK("rights_max_value", "D:(A;;0xfdffffff;;;WD)"),
	BAD("rights_maximum_allowed_s3_3", "D:(A;;0xffffffff;;;WD)"),
	BAD("rights_maximum_allowed_alone_s3_3", "D:(A;;0x2000000;;;WD)"),
	OK("rights_reserved_bits_kept_s3_3", "D:(A;;0xce00000;;;WD)"),
	CANON("whitespace", " O:SY  D:(A;;FA;;;WD) (D;;FA;;;BG) ",
	      "O:SYD:(A;;FA;;;WD)(D;;FA;;;BG)"),
	CANON("component_order", "D:(A;;FA;;;WD)S:(AU;SA;FA;;;WD)G:BUO:BA",
	      "O:BAG:BUD:(A;;FA;;;WD)S:(AU;SA;FA;;;WD)"),
	CANON("ace_flags_reordered", "D:(A;CIOI;FA;;;WD)",
	      "D:(A;OICI;FA;;;WD)"),
	OK("ace_flags_all", "D:(A;OICINPIOIDSAFA;FA;;;WD)"),
	OK("ace_inherited", "D:AI(A;ID;FA;;;SY)"),
	OK("deny_ace", "D:(D;;0x2;;;S-1-22-1-1001)(A;;FA;;;WD)"),
	OK("sid_aliases_a",
	   "D:(A;;FA;;;WD)(A;;FA;;;CO)(A;;FA;;;CG)(A;;FA;;;OW)(A;;FA;;;NU)(A;;FA;;;IU)(A;;FA;;;SU)(A;;FA;;;AN)"),
	OK("sid_aliases_b",
	   "D:(A;;FA;;;PS)(A;;FA;;;AU)(A;;FA;;;RC)(A;;FA;;;SY)(A;;FA;;;LS)(A;;FA;;;NS)(A;;FA;;;BA)(A;;FA;;;BU)"),
	OK("sid_aliases_c",
	   "D:(A;;FA;;;BG)(A;;FA;;;PU)(A;;FA;;;AO)(A;;FA;;;SO)(A;;FA;;;BO)(A;;FA;;;AC)"),
	OK("sid_aliases_integrity",
	   "S:(ML;;NW;;;LW)(ML;;NW;;;ME)(ML;;NW;;;MP)(ML;;NW;;;HI)(ML;;NW;;;SI)"),
	OK("sid_untrusted_label_numeric", "S:(ML;;NW;;;S-1-16-0)"),
	OK("sid_nobody_local", "D:(A;;FA;;;S-1-0-0)(A;;FA;;;S-1-2-0)"),
	OK("sid_hex_authority", "O:S-1-0x112233445566-1"),
	OK("sid_max_decimal_authority", "O:S-1-4294967295-1"),
	CANON("sid_small_hex_authority", "O:S-1-0x000000000005-18", "O:SY"),
	OK("sid_no_subauthority", "O:S-1-5"),
	OK("sid_15_subauthorities",
	   "O:S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15"),
	OK("sid_max_subauthority", "O:S-1-5-4294967295"),
	OK("full_descriptor",
	   "O:S-1-22-1-1000G:S-1-22-2-100D:PAI(A;;0x1f019f;;;S-1-22-1-1000)(A;;FR;;;S-1-22-2-100)(A;;FR;;;WD)(A;OICIID;FA;;;SY)S:(ML;;NW;;;HI)(TL;;FR;;;S-1-19-512-1024)"),
	BAD("unknown_component", "X:SY"),
	BAD("missing_colon", "OSY"),
	BAD("empty_owner", "O:"),
	BAD("unknown_alias", "O:XX"),
	BAD("lowercase_alias", "O:sy"),
	BAD("sid_no_authority", "O:S-1"),
	OK("cond_3_8_member_of", XA("(Member_of {SID(BA)})")),
	OK("cond_3_8_deny_member_of", "D:(XD;;FA;;;WD;(Member_of {SID(BA)}))"),
	OK("cond_3_8_not_member_of", XA("(Not_Member_of {SID(BA)})")),
	OK("cond_3_8_member_of_any", XA("(Member_of_Any {SID(BA)})")),
	OK("cond_3_8_not_member_of_any", XA("(Not_Member_of_Any {SID(BA)})")),
	OK("cond_3_8_device_member_of", XA("(Device_Member_of {SID(BA)})")),
	OK("cond_3_8_device_member_of_any",
	   XA("(Device_Member_of_Any {SID(BA)})")),
	OK("cond_3_8_not_device_member_of",
	   XA("(Not_Device_Member_of {SID(BA)})")),
	OK("cond_3_8_not_device_member_of_any",
	   XA("(Not_Device_Member_of_Any {SID(BA)})")),
	OK("cond_3_8_sid_list",
	   XA("(Member_of {SID(BA), SID(S-1-22-2-100), SID(WD)})")),
	OK("cond_3_8_bare_sid", XA("(Member_of SID(BA))")),
	OK("cond_3_8_empty_list", XA("(Member_of {})")),
	OK("cond_3_8_and_or_not",
	   XA("(((Member_of {SID(BA)}) && (!(Member_of {SID(BU)}))) || "
	      "(Device_Member_of {SID(WD)}))")),
	OK("cond_3_8_flags_and_plain_ace",
	   "O:SYG:SYD:P(XA;OICI;FR;;;S-1-22-1-1000;(Member_of {SID(BU)}))"
	   "(A;;FA;;;SY)(XD;ID;FW;;;WD;(Not_Member_of {SID(OW)}))"),
	CANON("cond_3_8_and_before_or",
	      XA("(Member_of {SID(BA)} || Member_of {SID(BU)} && "
		 "Member_of {SID(WD)})"),
	      XA("((Member_of {SID(BA)}) || ((Member_of {SID(BU)}) && "
		 "(Member_of {SID(WD)})))")),
	CANON("cond_3_8_left_assoc",
	      XA("(Member_of SID(BA) && Member_of SID(BU) && Member_of SID(WD))"),
	      XA("((Member_of SID(BA)) && (Member_of SID(BU)) && "
		 "(Member_of SID(WD)))")),
	OK("cond_3_8_right_nested_keeps_parens",
	   XA("((Member_of SID(BA)) || ((Member_of SID(BU)) || "
	      "(Member_of SID(WD))))")),
	OK("cond_3_8_or_of_and_runs",
	   XA("(((Member_of SID(BA)) && (Member_of SID(BU))) || "
	      "(Member_of SID(WD)) || (Member_of SID(SY)))")),
	CANON("cond_3_8_spacing_and_numeric_sid",
	      XA("( Member_of{ SID( S-1-5-32-544 ),SID(BU) } )"),
	      XA("(Member_of {SID(BA), SID(BU)})")),
	CANON("cond_3_8_not_without_parens", XA("(!Member_of {SID(BA)})"),
	      XA("(!(Member_of {SID(BA)}))")),
	CANON("cond_3_8_double_not", XA("(!(!(Member_of {SID(BA)})))"),
	      XA("(!(!(Member_of {SID(BA)})))")),
	BAD("cond_3_8_xa_without_condition", "D:(XA;;FA;;;WD)"),
	BAD("cond_3_8_condition_on_allow", "D:(A;;FA;;;WD;(Member_of {SID(BA)}))"),
	BAD("cond_3_8_no_outer_parens", XA("Member_of {SID(BA)}")),
	BAD("cond_3_8_two_top_terms",
	    XA("(Member_of {SID(BA)}) || (Member_of {SID(BU)})")),
	BAD("cond_3_8_unbalanced", XA("((Member_of {SID(BA)})")),
	BAD("cond_3_8_empty", XA("()")),
	BAD("cond_3_8_claim_compare_rejected", XA("(@User.dept == \"x\")")),
	BAD("cond_3_8_exists_rejected", XA("(Exists @User.dept)")),
	BAD("cond_3_8_attribute_rejected", XA("(@Resource.secret)")),
	BAD("cond_3_8_keyword_case", XA("(member_of {SID(BA)})")),
	BAD("cond_3_8_keyword_prefix", XA("(Member_ofx {SID(BA)})")),
	BAD("cond_3_8_sid_without_sid_call", XA("(Member_of {BA})")),
	BAD("cond_3_8_trailing_comma", XA("(Member_of {SID(BA),})")),
	BAD("cond_3_8_bad_sid", XA("(Member_of {SID(S-1-5-)})")),
	BAD("cond_3_8_dangling_and", XA("(Member_of {SID(BA)} &&)")),
	BAD("cond_3_8_single_ampersand",
	    XA("(Member_of {SID(BA)} & Member_of {SID(BU)})")),
	BAD("cond_3_8_audit_callback_type", "S:(XU;;FA;;;WD;(Member_of {SID(BA)}))"),
	OK("cond_3_8_nesting_at_bound",
	   XA(NOT5 NOT5 NOT5 "(Member_of {SID(BA)})" CLOSE5 CLOSE5 CLOSE5)),
	BAD("cond_3_8_nesting_over_bound",
	    XA(NOT5 NOT5 NOT5 "(!(Member_of {SID(BA)}))" CLOSE5 CLOSE5
	       CLOSE5)),
	BAD("cond_3_8_too_deep",
	    XA("(" NOT8 NOT8 NOT8 NOT8 "(Member_of {SID(BA)}))")),
	BAD("cond_3_8_over_size_bound",
	    XA("(Member_of {" S28_10 S28_10 S28_10 S28_10 S28_10 S28_10
	       S28_10 S28_10 S28_10 S28_10 S28_10 S28_10 S28_10
	       "SID(BA)})")),
	BAD("sid_trailing_dash", "O:S-1-5-"),
	BAD("sid_revision_2", "O:S-2-5-18"),
	BAD("sid_16_subauthorities",
	    "O:S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16"),
	BAD("sid_subauthority_overflow", "O:S-1-5-4294967296"),
	BAD("sid_decimal_authority_overflow", "O:S-1-4294967296-1"),
	BAD("sid_hex_authority_13_digits", "O:S-1-0x1112233445566-1"),
	CANON("sid_hex_authority_before_tag", "O:S-1-0x6110000317C4D:",
	      "O:S-1-0x6110000317C4D:"),
	BAD("duplicate_owner", "O:SYO:SY"),
	BAD("duplicate_group", "G:SYG:SY"),
	BAD("duplicate_dacl", "D:D:"),
	BAD("duplicate_sacl", "S:S:"),
	BAD("trailing_garbage", "O:SY extra"),
	BAD("unterminated_ace", "D:(A;;FA;;;WD"),
	BAD("unknown_ace_type", "D:(Q;;FA;;;WD)"),
	BAD("callback_ace_type", "D:(XA;;FA;;;WD;(x))"),
	BAD("object_ace_type", "D:(OA;;FA;;;WD)"),
	BAD("unknown_ace_flag", "D:(A;QQ;FA;;;WD)"),
	BAD("odd_ace_flags", "D:(A;O;FA;;;WD)"),
	BAD("unknown_right", "D:(A;;QQ;;;WD)"),
	BAD("odd_rights", "D:(A;;FAF;;;WD)"),
	BAD("rights_overflow", "D:(A;;0x100000000;;;WD)"),
	BAD("rights_bad_hex", "D:(A;;0xZZ;;;WD)"),
	BAD("rights_hex_no_digits", "D:(A;;0x;;;WD)"),
	BAD("object_guid_given", "D:(A;;FA;00000000-0000-0000-0000-000000000000;;WD)"),
	BAD("inherit_guid_given", "D:(A;;FA;;x;WD)"),
	BAD("too_many_fields", "D:(A;;FA;;;WD;extra)"),
	BAD("too_few_fields", "D:(A;;FA;;WD)"),
	BAD("missing_sid", "D:(A;;FA;;;)"),
	BAD("sid_with_junk", "D:(A;;FA;;;S-1-5-18x)"),
	BAD("alias_with_junk", "D:(A;;FA;;;WDX)"),
	BAD("extra_close", "D:(A;;FA;;;WD))"),
	BAD("nested_open", "D:((A;;FA;;;WD)"),
	BAD("ace_after_null_dacl", "D:NO_ACCESS_CONTROL(A;;FA;;;WD)"),
	BAD("label_with_non_integrity_sid", "S:(ML;;NW;;;WD)"),
	BAD("trust_label_one_subauth", "S:(TL;;FR;;;S-1-19-512)"),
	BAD("trust_label_wrong_authority", "S:(TL;;FR;;;S-1-5-512-1024)"),
	BAD("bad_dacl_flag", "D:Q(A;;FA;;;WD)"),
	BAD("lonely_paren", "("),
	BAD("colon_only", ":"),
};
const size_t peios_sddl_case_count = ARRAY_SIZE(peios_sddl_cases);

static int check_error(const struct peios_sddl_case *c, char *why,
		       size_t whylen)
{
	u8 *sd = NULL;
	size_t len = 0;
	int err;

	err = peios_sddl_parse(c->input, strlen(c->input), &sd, &len);
	if (!err)
		sec_free(sd);
	if (err != c->expect) {
		snprintf(why, whylen, "parse returned %d, expected %d", err,
			 c->expect);
		return -1;
	}
	return 0;
}

/*
 * format(parse(input)) == canonical, and parse(canonical) gives the
 * very same bytes whose format is again canonical.
 */
int peios_run_sddl_case(const struct peios_sddl_case *c, char *why,
			size_t whylen)
{
	const char *want = c->canonical ? c->canonical : c->input;
	u8 *sd1 = NULL, *sd2 = NULL;
	char *s1 = NULL, *s2 = NULL;
	size_t l1, l2, n1, n2;
	int ret = -1;

	if (c->expect)
		return check_error(c, why, whylen);
	if (peios_sddl_parse(c->input, strlen(c->input), &sd1, &l1)) {
		snprintf(why, whylen, "parse failed");
		return -1;
	}
	if (peios_sddl_format(sd1, l1, &s1, &n1) || strcmp(s1, want)) {
		snprintf(why, whylen, "format gave \"%s\", expected \"%s\"",
			 s1 ? s1 : "(error)", want);
		goto out;
	}
	if (peios_sddl_parse(s1, n1, &sd2, &l2) || l1 != l2 ||
	    memcmp(sd1, sd2, l1)) {
		snprintf(why, whylen, "re-parse of canonical form differs");
		goto out;
	}
	if (peios_sddl_format(sd2, l2, &s2, &n2) || strcmp(s2, s1)) {
		snprintf(why, whylen, "second format differs");
		goto out;
	}
	ret = 0;
out:
	sec_free(sd1);
	sec_free(sd2);
	sec_free(s1);
	sec_free(s2);
	return ret;
}
