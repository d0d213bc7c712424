// SPDX-License-Identifier: GPL-2.0
/*
 * peios-sd check: AccessCheck in userspace, with the module's own
 * pipeline (security/access_check.c), for an identity projected as the
 * kernel projects it (ident.c) or given explicitly; and peios-sd token,
 * which prints that identity in the kernel's whoami format.
 */
#include "cli.h"
#include "commands.h"
#include "ident.h"
#include <peios/security/access.h>

const char check_usage[] =
"usage: peios-sd check [PATH | --file SDFILE | --sddl SDDL] [IDENTITY]\n"
"                      [--desired RIGHTS] [--max] [--intent backup|restore]\n"
"\n"
"Evaluate AccessCheck for an identity against a descriptor and explain\n"
"the result: the granted mask, granted or denied, and the stage of the\n"
"pipeline that decided (granted, malformed, no-owner, privilege, mic,\n"
"pip, dacl).  Exit status 0 when granted, 1 when denied, 2 on usage error.\n"
"\n"
"The descriptor: PATH's system.peios.sd attribute, a binary SD file, or\n"
"SDDL text.\n"
"\n"
"IDENTITY (default: the caller's own uid, gids and capabilities):\n"
"  --as-uid N           the kernel's projection of uid N: uid 0 is SYSTEM\n"
"                       with Administrators (owner group) at System\n"
"                       integrity, others S-1-22-1-N at Medium; groups\n"
"                       S-1-22-2-G, Everyone, Authenticated Users, Local\n"
"  --gid G              primary gid (default: N)\n"
"  --groups G1,G2,...   supplementary gids\n"
"  --caps C1,C2,...     effective capabilities (sys_resource, fowner,\n"
"                       chown, sys_admin give privileges)\n"
"  --identity-map FILE  uid/gid map in the kernel's syntax (default: the\n"
"                       kernel's, when readable; 'none' for no map)\n"
"  --user SID[:ATTRS]   user SID (replaces the projected one); ATTRS as\n"
"                       for --group, only deny-only counts (default 0)\n"
"  --group SID[:ATTRS]  add a group; ATTRS a number or names joined by +\n"
"                       (mandatory, enabled, default, owner, deny-only);\n"
"                       default mandatory+default+enabled (0x7)\n"
"  --il LEVEL           integrity level (untrusted .. system, a number)\n"
"  --policy POLICY      mandatory policy: no-write-up, new-process-min\n"
"                       joined by +, none, or a number (default\n"
"                       no-write-up; none turns MIC off for the token)\n"
"  --pip TYPE:LEVEL     process trust (default none:none)\n"
"  --priv NAME,...      add privileges (SeTcbPrivilege or tcb, security,\n"
"                       take-ownership, backup, restore, relabel, ...)\n"
"\n"
"  --desired RIGHTS     rights to ask for (syntax of 'allow'); default:\n"
"                       MAXIMUM_ALLOWED, as with --max\n"
"  --max                add MAXIMUM_ALLOWED to the request\n"
"  --intent backup|restore  let SeBackup/SeRestorePrivilege grant\n"
"  -v, --verbose        also print the token\n";

const char token_usage[] =
"usage: peios-sd token [IDENTITY]\n"
"\n"
"Print the token 'check' would evaluate for IDENTITY (options as for\n"
"'check'), in the format of /sys/kernel/security/peios_ipc/whoami.\n";

struct check_args {
	struct sd_target target;
	bool has_target;
	const char *sddl;
	const char *mapfile;
	struct ident_opts id;
	const char *user;			/* resolved after the map */
	u32 user_attrs;
	bool has_policy;
	u32 policy;
	const char *groups[IDENT_MAX_EXTRA];
	size_t ngroups;
	u32 desired;
	bool has_desired;
	bool max;
	u32 flags;
	bool verbose;
};

static int parse_id_list(const char *s, u32 *ids, size_t *n, size_t max)
{
	char *copy = strdup(s), *item, *save = NULL;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	for (item = strtok_r(copy, ",", &save); item && !ret;
	     item = strtok_r(NULL, ",", &save)) {
		if (*n >= max || peios_parse_u32(item, &ids[*n]) ||
		    ids[*n] == (u32)-1)
			ret = -EINVAL;
		else
			(*n)++;
	}
	free(copy);
	return ret;
}

static int parse_caps(const char *s, u64 *caps)
{
	char *copy = strdup(s), *item, *save = NULL;
	int ret = 0, cap;

	if (!copy)
		return -ENOMEM;
	for (item = strtok_r(copy, ",", &save); item && !ret;
	     item = strtok_r(NULL, ",", &save)) {
		ret = names_parse_capability(item, &cap);
		if (!ret)
			*caps |= 1ULL << cap;
	}
	free(copy);
	return ret;
}

static int parse_privs(const char *s, u64 *privs)
{
	char *copy = strdup(s), *item, *save = NULL;
	int ret = 0, bit;

	if (!copy)
		return -ENOMEM;
	for (item = strtok_r(copy, ",", &save); item && !ret;
	     item = strtok_r(NULL, ",", &save)) {
		ret = names_parse_privilege(item, &bit);
		if (!ret)
			*privs |= PEIOS_PRIV(bit);
	}
	free(copy);
	return ret;
}

struct flag_name {
	const char *name;
	u32 value;
};

/* NAME+NAME|NUMBER...: the union of named or numeric flags. */
static int parse_flags(const char *s, const struct flag_name *names,
		       size_t n, u32 *out)
{
	char *copy = strdup(s), *item, *save = NULL, *end;
	int ret = 0;
	size_t i;

	if (!copy)
		return -ENOMEM;
	*out = 0;
	for (item = strtok_r(copy, "+|", &save); item && !ret;
	     item = strtok_r(NULL, "+|", &save)) {
		for (i = 0; i < n; i++)
			if (!strcmp(item, names[i].name))
				break;
		if (i < n) {
			*out |= names[i].value;
			continue;
		}
		errno = 0;
		*out |= (u32)strtoul(item, &end, 0);
		if (errno || *end || end == item)
			ret = -EINVAL;
	}
	free(copy);
	return ret;
}

static int parse_group_attrs(const char *s, u32 *attrs)
{
	static const struct flag_name names[] = {
		{ "mandatory", PEIOS_SE_GROUP_MANDATORY },
		{ "default", PEIOS_SE_GROUP_ENABLED_BY_DEFAULT },
		{ "enabled", PEIOS_SE_GROUP_ENABLED },
		{ "owner", PEIOS_SE_GROUP_OWNER },
		{ "deny-only", PEIOS_SE_GROUP_USE_FOR_DENY_ONLY },
	};

	return parse_flags(s, names, ARRAY_SIZE(names), attrs);
}

static int parse_policy(const char *s, u32 *policy)
{
	static const struct flag_name names[] = {
		{ "none", 0 },
		{ "no-write-up", PEIOS_TOKEN_MANDATORY_POLICY_NO_WRITE_UP },
		{ "new-process-min",
		  PEIOS_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN },
	};

	return parse_flags(s, names, ARRAY_SIZE(names), policy);
}

/* --group SID[:ATTRS] or --user SID[:ATTRS], after the map is loaded. */
static int resolve_sid_attrs(const char *arg, u32 default_attrs,
			     struct peios_sid_attr *g)
{
	char *copy = strdup(arg), *colon;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	g->attrs = default_attrs;
	/* uid:N / gid:N contain a colon of their own. */
	colon = strrchr(copy, ':');
	if (colon && (colon - copy != 3 || (strncmp(copy, "uid", 3) &&
					     strncmp(copy, "gid", 3)))) {
		*colon = '\0';
		if (parse_group_attrs(colon + 1, &g->attrs))
			ret = usage_error("bad group attributes '%s'",
					  colon + 1);
	}
	if (!ret)
		ret = cli_parse_sid(copy, &g->sid);
	free(copy);
	return ret;
}

enum {
	OPT_FILE = 256, OPT_SDDL, OPT_AS_UID, OPT_GID, OPT_GROUPS, OPT_CAPS,
	OPT_USER, OPT_GROUP, OPT_IL, OPT_PIP, OPT_PRIV, OPT_DESIRED, OPT_MAX,
	OPT_INTENT, OPT_MAP, OPT_POLICY,
};

static const struct option check_opts[] = {
	{ "file", required_argument, NULL, OPT_FILE },
	{ "sddl", required_argument, NULL, OPT_SDDL },
	{ "as-uid", required_argument, NULL, OPT_AS_UID },
	{ "gid", required_argument, NULL, OPT_GID },
	{ "groups", required_argument, NULL, OPT_GROUPS },
	{ "caps", required_argument, NULL, OPT_CAPS },
	{ "user", required_argument, NULL, OPT_USER },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "il", required_argument, NULL, OPT_IL },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "pip", required_argument, NULL, OPT_PIP },
	{ "priv", required_argument, NULL, OPT_PRIV },
	{ "desired", required_argument, NULL, OPT_DESIRED },
	{ "max", no_argument, NULL, OPT_MAX },
	{ "intent", required_argument, NULL, OPT_INTENT },
	{ "identity-map", required_argument, NULL, OPT_MAP },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ 0 }
};

/* One option of check/token; a usage error returns EXIT_USAGE. */
static int check_option(int c, const char *arg, struct check_args *a)
{
	struct ident_opts *id = &a->id;

	switch (c) {
	case OPT_FILE:
		a->target.path = arg;
		a->target.is_file = true;
		a->has_target = true;
		return 0;
	case OPT_SDDL:
		a->sddl = arg;
		return 0;
	case OPT_AS_UID:
		id->as_uid = true;
		if (peios_parse_u32(arg, &id->uid) || id->uid == (u32)-1)
			return usage_error("bad uid '%s'", arg);
		return 0;
	case OPT_GID:
		id->has_gid = true;
		if (peios_parse_u32(arg, &id->gid) || id->gid == (u32)-1)
			return usage_error("bad gid '%s'", arg);
		return 0;
	case OPT_GROUPS:
		if (parse_id_list(arg, id->gids, &id->ngids, IDENT_MAX_GIDS))
			return usage_error("bad gid list '%s'", arg);
		return 0;
	case OPT_CAPS:
		if (parse_caps(arg, &id->caps))
			return usage_error("bad capability list '%s'", arg);
		return 0;
	case OPT_USER:
		a->user = arg;
		return 0;
	case OPT_GROUP:
		if (a->ngroups == IDENT_MAX_EXTRA)
			return usage_error("too many --group options");
		a->groups[a->ngroups++] = arg;
		return 0;
	case OPT_POLICY:
		a->has_policy = true;
		if (parse_policy(arg, &a->policy))
			return usage_error("bad mandatory policy '%s'", arg);
		return 0;
	case OPT_IL:
		id->has_il = true;
		if (names_parse_integrity(arg, &id->il))
			return usage_error("bad integrity level '%s'", arg);
		return 0;
	case OPT_PIP:
		id->has_pip = true;
		if (peios_pip_parse(arg, &id->psb.pip_type,
				    &id->psb.pip_trust))
			return usage_error("bad TYPE:LEVEL '%s'", arg);
		return 0;
	case OPT_PRIV:
		if (parse_privs(arg, &id->privileges))
			return usage_error("bad privilege in '%s'", arg);
		return 0;
	case OPT_DESIRED:
		a->has_desired = true;
		if (names_parse_rights(arg, &a->desired))
			return usage_error("bad RIGHTS '%s'", arg);
		return 0;
	case OPT_MAX:
		a->max = true;
		return 0;
	case OPT_INTENT:
		if (!strcmp(arg, "backup"))
			a->flags |= PEIOS_AC_BACKUP_INTENT;
		else if (!strcmp(arg, "restore"))
			a->flags |= PEIOS_AC_RESTORE_INTENT;
		else
			return usage_error("bad intent '%s' (backup, restore)",
					   arg);
		return 0;
	case OPT_MAP:
		a->mapfile = arg;
		return 0;
	case 'v':
		a->verbose = true;
		return 0;
	}
	return EXIT_USAGE;
}

static int parse_check(int argc, char **argv, bool takes_sd,
		       struct check_args *a)
{
	size_t i;
	int c, ret;

	memset(a, 0, sizeof(*a));
	while ((c = getopt_long(argc, argv, ":hv", check_opts, NULL)) != -1) {
		if (c == 'h')
			print_help();
		if (c == '?' || c == ':')
			return cli_bad_option(argv, c);
		if (!takes_sd && (c == OPT_FILE || c == OPT_SDDL ||
				  c == OPT_DESIRED || c == OPT_MAX ||
				  c == OPT_INTENT))
			return usage_error("'%s' does not apply here",
					   argv[optind - 1]);
		ret = check_option(c, optarg, a);
		if (ret)
			return ret;
	}
	if (optind < argc) {
		if (!takes_sd || a->has_target || a->sddl || optind + 1 < argc)
			return usage_error("unexpected argument '%s'",
					   argv[optind]);
		a->target.path = argv[optind];
		a->has_target = true;
	}
	if (takes_sd && a->has_target == !!a->sddl)
		return usage_error("give one of PATH, --file or --sddl");
	ret = cli_load_map(a->mapfile);
	if (ret)
		return ret;
	if (a->user) {
		struct peios_sid_attr user;

		a->id.has_user = true;
		ret = resolve_sid_attrs(a->user, 0, &user);
		if (ret)
			return ret;
		a->id.user = user.sid;
		a->user_attrs = user.attrs;
	}
	for (i = 0; i < a->ngroups; i++) {
		ret = resolve_sid_attrs(a->groups[i], PEIOS_SE_GROUP_MANDATORY |
					PEIOS_SE_GROUP_ENABLED_BY_DEFAULT |
					PEIOS_SE_GROUP_ENABLED,
					&a->id.extra[i]);
		if (ret)
			return ret;
	}
	a->id.nextra = a->ngroups;
	if (!a->id.as_uid && !a->id.has_user) {
		if (a->id.has_gid || a->id.ngids || a->id.caps)
			return usage_error("--gid, --groups and --caps need --as-uid");
		ret = ident_from_self(&a->id);
		if (ret)
			return op_failed("getgroups", ret);
	}
	return 0;
}

/* Build the identity, then the token fields ident.c does not set. */
static int build_ident(const struct check_args *a, struct ident *id)
{
	if (ident_build(&a->id, cli_map(), id))
		return usage_error("too many groups");
	if (a->user)
		id->tok.user.attrs = a->user_attrs;
	if (a->has_policy)
		id->tok.mandatory_policy = a->policy;
	return 0;
}

static int load_sd(const struct check_args *a, u8 **sd, size_t *len)
{
	int ret;

	if (a->sddl) {
		ret = peios_sddl_parse(a->sddl, strlen(a->sddl), sd, len);
		if (ret == -EINVAL)
			return usage_error("invalid SDDL '%s'", a->sddl);
		return ret ? op_failed("SDDL", ret) : 0;
	}
	return cli_read(&a->target, sd, len);
}

static void print_mask(const char *tag, u32 mask)
{
	char names[512];

	names_format_rights(mask, names, sizeof(names));
	printf("%-9s0x%08x %s\n", tag, mask, names);
}

static void print_request(u32 desired, u32 mapped)
{
	char names[512];

	names_format_rights(mapped, names, sizeof(names));
	if (desired & PEIOS_MAXIMUM_ALLOWED && !mapped)
		printf("%-9sMAXIMUM_ALLOWED\n", "desired:");
	else if (desired & PEIOS_MAXIMUM_ALLOWED)
		printf("%-9s0x%08x %s|MAXIMUM_ALLOWED\n", "desired:", mapped,
		       names);
	else
		printf("%-9s0x%08x %s\n", "desired:", mapped, names);
}

static bool ace_matches(const struct peios_ace_view *a,
			const struct peios_sd_view *v,
			const struct peios_token *tok, bool deny)
{
	const struct peios_sid *sid = &a->sid;

	/*
	 * OWNER RIGHTS stands for the owner: allow ACEs by the allow rules,
	 * deny ACEs for whoever holds the owner SID, as the core does.
	 * PRINCIPAL_SELF matches no one: no self SID is supplied.
	 */
	if (peios_sid_equal(sid, &peios_sid_principal_self))
		return false;
	if (peios_sid_equal(sid, &peios_sid_owner_rights)) {
		if (!v->has_owner)
			return false;
		if (deny)
			return peios_token_has_sid(tok, &v->owner);
		sid = &v->owner;
	}
	return deny ? peios_token_matches_deny(tok, sid) :
		      peios_token_matches_allow(tok, sid);
}

/* Which ACE decided each missing bit, walking as the DACL stage does. */
static void explain_dacl(const u8 *sd, size_t len,
			 const struct peios_token *tok, u32 missing)
{
	char names[512], sid[PEIOS_SID_STR_MAX], nbuf[96];
	struct peios_sd_view v;
	const char *name;
	struct peios_ace_view a;
	u32 mask, hit;
	size_t off;
	bool deny;
	u16 i;

	if (peios_sd_decode(sd, len, &v) || !v.has_dacl)
		return;
	peios_acl_for_each(&v.dacl, off, i, &a) {
		if (!missing)
			return;
		deny = a.type == PEIOS_ACE_DENIED ||
		       a.type == PEIOS_ACE_DENIED_OBJECT;
		if (a.flags & PEIOS_INHERIT_ONLY_ACE || !a.has_sid ||
		    (!deny && a.type != PEIOS_ACE_ALLOWED &&
		     a.type != PEIOS_ACE_ALLOWED_OBJECT))
			continue;
		mask = peios_map_generic(a.mask, &peios_file_mapping);
		hit = mask & missing;
		if (!hit || !ace_matches(&a, &v, tok, deny))
			continue;
		missing &= ~hit;
		if (!deny)
			continue;	/* granted here, removed by a later stage */
		names_format_rights(hit, names, sizeof(names));
		peios_sid_format(&a.sid, sid, sizeof(sid));
		name = names_sid_name(&a.sid, cli_map(), nbuf, sizeof(nbuf));
		printf("%-9sACE [%u] (deny %s%s%s%s) denies %s\n", "reason:",
		       i, sid, name ? " (" : "", name ? name : "",
		       name ? ")" : "", names);
	}
	if (missing) {
		names_format_rights(missing, names, sizeof(names));
		printf("%-9sno ACE of the DACL grants %s to this identity\n",
		       "reason:", names);
	}
}

static void explain(const struct peios_access_result *res,
		    const struct peios_sd *csd, const u8 *sd, size_t len,
		    const struct ident *id)
{
	char a[48], b[48], names[512];
	u32 label = PEIOS_IL_MEDIUM;

	switch (res->stage) {
	case PEIOS_AC_STAGE_MALFORMED:
		printf("%-9sthe descriptor is not valid\n", "reason:");
		break;
	case PEIOS_AC_STAGE_NO_OWNER:
		printf("%-9sthe descriptor has no owner\n", "reason:");
		break;
	case PEIOS_AC_STAGE_PRIVILEGE:
		printf("%-9sACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege\n",
		       "reason:");
		break;
	case PEIOS_AC_STAGE_MIC:
		if (csd->has_label)
			label = csd->label_rid;
		names_format_label_mask(csd->has_label ? csd->label_mask :
					PEIOS_LABEL_NO_WRITE_UP, names,
					sizeof(names));
		printf("%-9sintegrity %u is below the object's label %u (%s%s)\n",
		       "reason:", id->tok.integrity, label, names,
		       csd->has_label ? "" : ", no label: the default");
		break;
	case PEIOS_AC_STAGE_PIP:
		peios_pip_format(id->psb.pip_type, id->psb.pip_trust, a,
				 sizeof(a));
		peios_pip_format(csd->trust_type, csd->trust_level, b,
				 sizeof(b));
		names_format_rights(peios_map_generic(csd->trust_mask,
						      &peios_file_mapping),
				    names, sizeof(names));
		printf("%-9sprocess trust %s does not dominate the label %s, which allows only %s\n",
		       "reason:", a, b, names);
		break;
	case PEIOS_AC_STAGE_DACL:
		explain_dacl(sd, len, &id->tok,
			     res->missing ? res->missing :
			     peios_file_mapping.all);
		break;
	default:
		break;
	}
}

static int evaluate(const struct check_args *a, const u8 *sd, size_t len,
		    const struct ident *id)
{
	struct peios_access_result res, max;
	struct peios_sd *csd = NULL;
	u32 desired = a->desired;

	if (a->max || !a->has_desired)
		desired |= PEIOS_MAXIMUM_ALLOWED;
	/* A malformed SD leaves csd NULL, which AccessCheck reports. */
	peios_sd_compact(sd, len, &csd);
	peios_access_check(csd, &id->tok, &id->psb, desired, a->flags, NULL,
			   &res);
	print_request(desired, res.desired);
	print_mask("granted:", res.granted);
	if (res.status)
		print_mask("missing:", res.missing);
	if (!(desired & PEIOS_MAXIMUM_ALLOWED) && csd) {
		peios_access_check(csd, &id->tok, &id->psb,
				   PEIOS_MAXIMUM_ALLOWED, a->flags, NULL, &max);
		print_mask("allowed:", max.granted);
	}
	if (res.privilege_granted)
		print_mask("by priv:", res.privilege_granted);
	printf("%-9s%s\n", "result:", res.status ? "denied" : "granted");
	printf("%-9s%s\n", "stage:", peios_ac_stage_name(res.stage));
	if (res.status)
		explain(&res, csd, sd, len, id);
	peios_sd_compact_free(csd);
	return res.status ? EXIT_FAILED : EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
	struct check_args a;
	struct ident id;
	size_t len;
	u8 *sd;
	int ret;

	ret = parse_check(argc, argv, true, &a);
	if (ret)
		return ret;
	ret = build_ident(&a, &id);
	if (ret)
		return ret;
	ret = load_sd(&a, &sd, &len);
	if (ret)
		return ret;
	if (a.verbose)
		ident_print_whoami(&id, stdout);
	ret = evaluate(&a, sd, len, &id);
	free(sd);
	return ret;
}

int cli_identity(int argc, char **argv, struct ident *id)
{
	struct check_args a;
	int ret;

	ret = parse_check(argc, argv, false, &a);
	return ret ? ret : build_ident(&a, id);
}

int cmd_token(int argc, char **argv)
{
	struct ident id;
	int ret;

	ret = cli_identity(argc, argv, &id);
	if (ret)
		return ret;
	if (ident_print_whoami(&id, stdout))
		return op_failed("token", -ENOMEM);
	return EXIT_OK;
}
