// SPDX-License-Identifier: GPL-2.0
/*
 * Runners for the shared case tables: token profiles, the AccessCheck
 * case runner and the mode brute force.  Only sec_port.h facilities are
 * used, so the same code runs on the host and inside KUnit.
 */
#include <peios/security/text.h>

#include "peios_cases.h"

#define GRP_ON (PEIOS_SE_GROUP_ENABLED | PEIOS_SE_GROUP_ENABLED_BY_DEFAULT | \
		PEIOS_SE_GROUP_MANDATORY)

static int parse_sid(const char *s, struct peios_sid *sid)
{
	return peios_sddl_parse_sid(s, strlen(s), sid, NULL);
}

/* Fill @tok (groups in @groups, @cap >= 4) with a case profile. */
int peios_case_token(struct peios_token *tok, struct peios_sid_attr *groups,
		     u32 cap, int profile)
{
	struct peios_sid user, group;
	u32 gattrs = GRP_ON;
	int err;

	switch (profile) {
	case CT_BOB:
		err = parse_sid(C_BOB, &user) || parse_sid(C_DEV, &group);
		break;
	case CT_ADMIN:
		user = peios_sid_system;
		group = peios_sid_builtin_admins;
		gattrs |= PEIOS_SE_GROUP_OWNER;
		err = 0;
		break;
	default:
		err = parse_sid(C_ALICE, &user) || parse_sid(C_STAFF, &group);
		break;
	}
	if (err)
		return -EINVAL;
	if (profile == CT_ALICE_STAFF_DENY_ONLY)
		gattrs = PEIOS_SE_GROUP_USE_FOR_DENY_ONLY;
	if (profile == CT_ALICE_STAFF_DISABLED)
		gattrs = 0;
	peios_token_init(tok, &user, groups, cap);
	if (profile == CT_ALICE_USER_DENY_ONLY)
		tok->user.attrs = PEIOS_SE_GROUP_USE_FOR_DENY_ONLY;
	if (peios_token_add_group(tok, &group, gattrs) ||
	    peios_token_add_group(tok, &peios_sid_everyone, GRP_ON) ||
	    peios_token_add_group(tok, &peios_sid_authenticated_users,
				  GRP_ON))
		return -ENOSPC;
	if (profile == CT_ALICE_WITH_SELF &&
	    peios_token_add_group(tok, &peios_sid_principal_self, GRP_ON))
		return -ENOSPC;
	tok->primary_group = 0;
	return 0;
}

static int hex_to_bytes(const char *hex, u8 *out, size_t cap, size_t *n)
{
	size_t len = strlen(hex), i;

	if (len % 2 || len / 2 > cap)
		return -EINVAL;
	for (i = 0; i < len; i += 2) {
		int hi = peios_hex_digit(hex[i]), lo = peios_hex_digit(hex[i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i / 2] = (u8)(hi << 4 | lo);
	}
	*n = len / 2;
	return 0;
}

static void add_wire_aces(struct peios_acl_builder *b, const u8 *aces,
			  size_t len)
{
	struct peios_ace_view v;
	size_t off = 0;

	while (off < len) {
		if (peios_ace_decode(aces + off, len - off, &v)) {
			b->buf.err = -EINVAL;
			return;
		}
		peios_aclb_add_ace(b, &v, v.flags, v.mask, NULL);
		off += v.size;
	}
}

/* Rebuild the DACL of @sd with the wire ACEs @hex inserted at @pos. */
static int insert_aces(u8 **sd, size_t *len, const char *hex, u16 pos)
{
	struct peios_sd_parts parts = { 0 };
	struct peios_acl_builder b;
	struct peios_ace_view v;
	struct peios_sd_view view;
	u8 raw[256], *acl = NULL, *out;
	size_t n, off, out_len;
	u16 i;
	int err;

	if (hex_to_bytes(hex, raw, sizeof(raw), &n) ||
	    peios_sd_decode(*sd, *len, &view) || !view.has_dacl)
		return -EINVAL;
	peios_aclb_init(&b);
	peios_acl_for_each(&view.dacl, off, i, &v) {
		if (i == pos)
			add_wire_aces(&b, raw, n);
		peios_aclb_add_ace(&b, &v, v.flags, v.mask, NULL);
	}
	if (pos >= view.dacl.count)
		add_wire_aces(&b, raw, n);
	err = peios_aclb_finish(&b, &acl, &parts.dacl_len);
	if (err)
		return err;
	parts.control = view.control;
	parts.owner = view.has_owner ? &view.owner : NULL;
	parts.group = view.has_group ? &view.group : NULL;
	parts.dacl = acl;
	if (view.has_sacl) {
		parts.sacl = view.sacl.raw;
		parts.sacl_len = view.sacl.size;
	}
	err = peios_sd_build(&parts, &out, &out_len);
	sec_free(acl);
	if (err)
		return err;
	sec_free(*sd);
	*sd = out;
	*len = out_len;
	return 0;
}

static int case_sd(const struct peios_access_case *c, u8 **sd, size_t *len)
{
	int err = peios_sddl_parse(c->sddl, strlen(c->sddl), sd, len);

	if (err || !c->extra_aces)
		return err;
	err = insert_aces(sd, len, c->extra_aces, c->extra_pos);
	if (err)
		sec_free(*sd);
	return err;
}

static int case_token(const struct peios_access_case *c,
		      struct peios_token *tok, struct peios_sid_attr *groups,
		      u32 cap)
{
	if (peios_case_token(tok, groups, cap, c->token))
		return -EINVAL;
	tok->privileges = c->privs;
	if (c->il & CASE_SET)
		tok->integrity = c->il & ~CASE_SET;
	if (c->policy & CASE_SET)
		tok->mandatory_policy = c->policy & ~CASE_SET;
	return 0;
}

static int check_result(const struct peios_access_case *c,
			const struct peios_access_result *res, const char *via,
			char *why, size_t whylen)
{
	if (res->status != c->status || res->stage != c->stage ||
	    (!c->status && res->granted != c->granted)) {
		snprintf(why, whylen,
			 "%s: status %d stage %s granted 0x%x, expected status %d stage %s granted 0x%x",
			 via, res->status, peios_ac_stage_name(res->stage),
			 res->granted, c->status,
			 peios_ac_stage_name(c->stage), c->granted);
		return -1;
	}
	return 0;
}

/*
 * Run one AccessCheck case through both entry points (compact form and
 * raw bytes); they must agree with the expectation.
 */
int peios_run_access_case(const struct peios_access_case *c, char *why,
			  size_t whylen)
{
	struct peios_psb psb = { c->pip_type, c->pip_trust };
	struct peios_sid_attr groups[4];
	struct peios_access_result res;
	struct peios_token tok;
	struct peios_sd *csd;
	size_t len;
	u8 *sd;
	int ret = -1;

	if (case_token(c, &tok, groups, ARRAY_SIZE(groups))) {
		snprintf(why, whylen, "bad token profile");
		return -1;
	}
	if (case_sd(c, &sd, &len)) {
		snprintf(why, whylen, "bad SDDL in case");
		return -1;
	}
	if (peios_sd_compact(sd, len, &csd)) {
		snprintf(why, whylen, "compact form failed");
		goto out_free_sd;
	}
	peios_access_check(csd, &tok, &psb, c->desired, c->flags, NULL, &res);
	if (check_result(c, &res, "compact", why, whylen))
		goto out_free_csd;
	peios_access_check_raw(sd, len, &tok, &psb, c->desired, c->flags,
			       NULL, &res);
	if (check_result(c, &res, "raw", why, whylen))
		goto out_free_csd;
	/* A sealed token (as the kernel's identities are) must agree. */
	peios_token_seal(&tok);
	peios_access_check(csd, &tok, &psb, c->desired, c->flags, NULL, &res);
	ret = check_result(c, &res, "sealed", why, whylen);
out_free_csd:
	peios_sd_compact_free(csd);
out_free_sd:
	sec_free(sd);
	return ret;
}

static const char *const mode_class_names[] = {
	[MC_OWNER] = "owner",
	[MC_GROUP] = "group member",
	[MC_OTHER] = "other",
	[MC_OWNER_IN_GROUP] = "owner in group",
};

const char *peios_mode_class_name(int cls)
{
	if (cls < 0 || cls >= MC_COUNT)
		return "?";
	return mode_class_names[cls];
}

/* What Unix grants class @cls under @mode, as rights. */
static u32 unix_expected(u32 mode, int cls)
{
	switch (cls) {
	case MC_OWNER:
	case MC_OWNER_IN_GROUP:
		return PEIOS_MODE_OWNER_BASE |
		       peios_mode_class_rights(mode >> 6);
	case MC_GROUP:
		return peios_mode_class_rights(mode >> 3);
	}
	return peios_mode_class_rights(mode);
}

static int mode_token(int cls, struct peios_token *tok,
		      struct peios_sid_attr *groups, u32 cap)
{
	struct peios_sid user, staff;
	u32 on = GRP_ON;

	if (parse_sid(cls == MC_GROUP ? C_BOB : cls == MC_OTHER ? C_CAROL :
		      C_ALICE, &user) || parse_sid(C_STAFF, &staff))
		return -EINVAL;
	peios_token_init(tok, &user, groups, cap);
	if (cls == MC_GROUP || cls == MC_OWNER_IN_GROUP)
		peios_token_add_group(tok, &staff, on);
	peios_token_add_group(tok, &peios_sid_everyone, on);
	return peios_token_add_group(tok, &peios_sid_authenticated_users, on);
}

/* Parent: SYSTEM and Administrators full control, inheritable. */
static const char mode_parent_sddl[] =
	"O:SYG:SYD:(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

static int mode_check_sd(const u8 *sd, size_t len, u32 mode, int cls,
			 const char *what, char *why, size_t whylen)
{
	struct peios_sid_attr groups[4];
	struct peios_access_result res;
	struct peios_token tok;
	struct peios_sd *csd;
	u32 want = unix_expected(mode, cls), stat_mode = 0;
	int ret = -1;

	if (mode_token(cls, &tok, groups, ARRAY_SIZE(groups)) ||
	    peios_sd_compact(sd, len, &csd)) {
		snprintf(why, whylen, "%s: setup failed", what);
		return -1;
	}
	peios_access_check(csd, &tok, NULL, PEIOS_MAXIMUM_ALLOWED, 0, NULL,
			   &res);
	/* a pure MAXIMUM_ALLOWED request always succeeds (PSD-004 §10.10) */
	if (res.granted != want || res.status) {
		snprintf(why, whylen, "%s: granted 0x%x, Unix gives 0x%x",
			 what, res.granted, want);
		goto out;
	}
	if (peios_sd_to_mode(csd, &stat_mode) || stat_mode != (mode & 0777)) {
		snprintf(why, whylen, "%s: stat mode %o, expected %o", what,
			 stat_mode, mode & 0777);
		goto out;
	}
	ret = 0;
out:
	peios_sd_compact_free(csd);
	return ret;
}

/*
 * Mode brute force: an object created with @mode under a typical parent,
 * and an object created with the complementary mode then chmod'ed to
 * @mode, must both grant class @cls exactly what Unix would, and stat
 * must report @mode.
 */
int peios_run_mode_case(u32 mode, int cls, char *why, size_t whylen)
{
	struct peios_sid_attr groups[4];
	struct peios_token creator;
	u8 *parent = NULL, *sd = NULL, *sd2 = NULL, *sd3 = NULL;
	size_t plen, len, len2, len3;
	int ret = -1;

	if (mode_token(MC_OWNER_IN_GROUP, &creator, groups, ARRAY_SIZE(groups)))
		return -1;
	creator.primary_group = 0;
	if (peios_sddl_parse(mode_parent_sddl, strlen(mode_parent_sddl),
			     &parent, &plen) ||
	    peios_sd_create_from_mode(parent, plen, mode, &creator, false,
				      NULL, &sd, &len) ||
	    peios_sd_create_from_mode(parent, plen, mode ^ 0777, &creator,
				      false, NULL, &sd2, &len2) ||
	    peios_sd_chmod(sd2, len2, mode, &sd3, &len3)) {
		snprintf(why, whylen, "building descriptors failed");
		goto out;
	}
	if (mode_check_sd(sd, len, mode, cls, "created", why, whylen) ||
	    mode_check_sd(sd3, len3, mode, cls, "chmod", why, whylen))
		goto out;
	ret = 0;
out:
	sec_free(parent);
	sec_free(sd);
	sec_free(sd2);
	sec_free(sd3);
	return ret;
}
