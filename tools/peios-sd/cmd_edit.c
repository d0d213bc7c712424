// SPDX-License-Identifier: GPL-2.0
/*
 * The peios-sd commands that change a descriptor: set, allow, deny,
 * owner, integrity, trust.  Each reads the current SD, applies one edit
 * (edit.c) and writes back only the component it changed, so that the
 * kernel checks only the right that component needs (WRITE_DAC for the
 * DACL, WRITE_OWNER for the owner and the labels).
 */
#include "cli.h"
#include "commands.h"
#include "edit.h"

const char set_usage[] =
"usage: peios-sd set PATH SDDL\n"
"       peios-sd set --file SDFILE SDDL\n"
"\n"
"Parse SDDL and write it as PATH's descriptor.  The kernel replaces the\n"
"components the SDDL names (O:, G:, D:, S:) and keeps the others, so\n"
"'D:(A;;FA;;;SY)' changes only the DACL.  With --file the file is\n"
"replaced by the whole descriptor.\n";

const char allow_usage[] =
"usage: peios-sd allow PATH SID RIGHTS [--flags OI,CI,NP,IO]\n"
"       peios-sd allow --file SDFILE SID RIGHTS [--flags ...]\n"
"\n"
"Add an explicit allow ACE after the explicit ACEs of the DACL and before\n"
"the inherited ones.\n"
"\n"
"SID: S-1-..., an SDDL alias (WD, SY, BA, AU, ...), a well-known name\n"
"(Everyone, SYSTEM, Administrators), uid:N or gid:N (the kernel's\n"
"projection, through its identity map when readable).\n"
"RIGHTS: comma-separated: a number (0x1f01ff), SDDL aliases (FA, FR, FW,\n"
"FX, GA, GR, GW, GX, RC, SD, WD, WO, CC, DC, ...), names (READ_DATA,\n"
"WRITE_DAC, FILE_GENERIC_READ, ...), or r, w, x (FILE_GENERIC_*).\n"
"--flags: inheritance flags OI, CI, NP, IO (comma list or 'OICI').\n"
"--identity-map FILE|none: map for uid:N/gid:N (default: the kernel's).\n";

const char deny_usage[] =
"usage: peios-sd deny PATH SID RIGHTS [--flags OI,CI,NP,IO]\n"
"       peios-sd deny --file SDFILE SID RIGHTS [--flags ...]\n"
"\n"
"Add an explicit deny ACE before the first explicit allow ACE of the\n"
"DACL, so it takes precedence over explicit allows (the DACL is walked\n"
"in order, first decision per right wins).  SID, RIGHTS and --flags as\n"
"for 'allow'.\n";

const char owner_usage[] =
"usage: peios-sd owner PATH SID\n"
"       peios-sd owner --file SDFILE SID\n"
"\n"
"Make SID the owner.  The kernel needs WRITE_OWNER, and SID must be the\n"
"caller's user or one of its owner groups unless the caller holds\n"
"SeRestorePrivilege (CAP_CHOWN).\n";

const char integrity_usage[] =
"usage: peios-sd integrity PATH LEVEL [POLICY] [--flags OI,CI,NP,IO]\n"
"       peios-sd integrity --file SDFILE LEVEL [POLICY] [--flags ...]\n"
"\n"
"Set the mandatory label: LEVEL is untrusted, low, medium, high, system,\n"
"a number (the X of S-1-16-X) or a label SID.  POLICY is a comma list of\n"
"no-read-up, no-write-up, no-execute-up (or NR, NW, NX, a number, none);\n"
"default no-write-up.  These are the Peios mask values (NO_READ_UP 0x1,\n"
"NO_WRITE_UP 0x2, NO_EXECUTE_UP 0x4), not the Windows ones.  Explicit\n"
"label ACEs are replaced; the new label goes first in the SACL.\n";

const char trust_usage[] =
"usage: peios-sd trust PATH TYPE:LEVEL MASK [--flags OI,CI,NP,IO]\n"
"       peios-sd trust --file SDFILE TYPE:LEVEL MASK [--flags ...]\n"
"\n"
"Set the process trust label S-1-19-TYPE-LEVEL.  TYPE: none, protected,\n"
"isolated or a number; LEVEL: none, authenticode, antimalware, app,\n"
"peios, peiostcb or a number (as in the kernel's trust table).  MASK\n"
"(RIGHTS syntax of 'allow') is everything a process that does not\n"
"dominate the label may be granted.\n";

struct edit_args {
	struct sd_target target;
	char **args;		/* positional arguments after PATH */
	int nargs;
	u8 flags;		/* --flags */
};

/* Options common to the edit commands, then the target and @min..@max args. */
static int parse_edit(int argc, char **argv, int min, int max,
		      bool takes_flags, struct edit_args *ea)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "flags", required_argument, NULL, 'F' },
		{ "identity-map", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *file = NULL, *mapfile = NULL;
	int c, ret;

	memset(ea, 0, sizeof(*ea));
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			file = optarg;
			break;
		case 'F':
			if (!takes_flags)
				return usage_error("--flags does not apply here");
			if (names_parse_ace_flags(optarg, &ea->flags))
				return usage_error("bad ACE flags '%s' (OI, CI, NP, IO)",
						   optarg);
			break;
		case 'm':
			mapfile = optarg;
			break;
		case 'h':
			print_help();
		default:
			return cli_bad_option(argv, c);
		}
	}
	ea->args = argv + optind;
	ea->nargs = argc - optind;
	ret = cli_take_target(file, &ea->args, &ea->nargs, &ea->target);
	if (ret)
		return ret;
	if (ea->nargs < min)
		return usage_error("too few arguments");
	if (ea->nargs > max)
		return usage_error("unexpected argument '%s'", ea->args[max]);
	return cli_load_map(mapfile);
}

/* Write @sd's @comps to the target and free @sd. */
static int store(const struct edit_args *ea, u8 *sd, size_t len,
		 unsigned int comps)
{
	int ret = sdio_write(&ea->target, sd, len, comps);

	free(sd);
	return ret ? op_failed(ea->target.path, ret) : EXIT_OK;
}

/* Read the current SD; a file that fails validation is refused. */
static int load(const struct edit_args *ea, u8 **sd, size_t *len)
{
	int ret = cli_read(&ea->target, sd, len);

	if (ret)
		return ret;
	if (peios_sd_validate(*sd, *len)) {
		fprintf(stderr, "%s: %s: not a valid security descriptor\n",
			prog, ea->target.path);
		free(*sd);
		return EXIT_FAILED;
	}
	return 0;
}

/*
 * D:NO_ACCESS_CONTROL parses to the stored NULL DACL form, DACL_PRESENT
 * clear (PSD-004 §3.1), which a kernel write reads as "keep the DACL".
 * When the SDDL names a DACL, ask for the NULL DACL in the spelling a
 * write understands: DACL_PRESENT with offset 0.  Only a DACL tag puts
 * "D:" in SDDL text.
 */
static void request_null_dacl(const char *sddl, u8 *sd, size_t len)
{
	struct peios_sd_view v;

	if (strstr(sddl, "D:") && !peios_sd_decode(sd, len, &v) &&
	    !v.has_dacl)
		sd[2] |= PEIOS_SE_DACL_PRESENT;
}

int cmd_set(int argc, char **argv)
{
	struct edit_args ea;
	size_t len;
	u8 *sd;
	int ret;

	ret = parse_edit(argc, argv, 1, 1, false, &ea);
	if (ret)
		return ret;
	ret = peios_sddl_parse(ea.args[0], strlen(ea.args[0]), &sd, &len);
	if (ret == -EINVAL)
		return usage_error("invalid SDDL '%s'", ea.args[0]);
	if (ret)
		return op_failed("SDDL", ret);
	if (!ea.target.is_file)
		request_null_dacl(ea.args[0], sd, len);
	return store(&ea, sd, len, SD_COMP_ALL);
}

static int parse_rights_arg(const char *s, u32 *mask)
{
	if (names_parse_rights(s, mask))
		return usage_error("bad RIGHTS '%s'", s);
	if (!*mask)
		return usage_error("RIGHTS '%s' is empty", s);
	if (*mask & PEIOS_MAXIMUM_ALLOWED)
		return usage_error("MAXIMUM_ALLOWED is a request, never an ACE right");
	return 0;
}

static int add_ace(int argc, char **argv, u8 type)
{
	struct peios_sid sid;
	struct edit_args ea;
	size_t len, new_len;
	u8 *sd, *new_sd;
	bool was_null;
	u32 mask;
	int ret;

	ret = parse_edit(argc, argv, 2, 2, true, &ea);
	if (!ret)
		ret = cli_parse_sid(ea.args[0], &sid);
	if (!ret)
		ret = parse_rights_arg(ea.args[1], &mask);
	if (!ret)
		ret = load(&ea, &sd, &len);
	if (ret)
		return ret;
	ret = edit_add_ace(sd, len, type, ea.flags, mask, &sid, &was_null,
			   &new_sd, &new_len);
	free(sd);
	if (ret)
		return op_failed(ea.target.path, ret);
	if (was_null)
		fprintf(stderr, "%s: note: %s had no DACL (everyone had full access); the new DACL holds only this ACE\n",
			prog, ea.target.path);
	return store(&ea, new_sd, new_len, SD_COMP_DACL);
}

int cmd_allow(int argc, char **argv)
{
	return add_ace(argc, argv, PEIOS_ACE_ALLOWED);
}

int cmd_deny(int argc, char **argv)
{
	return add_ace(argc, argv, PEIOS_ACE_DENIED);
}

int cmd_owner(int argc, char **argv)
{
	struct peios_sid sid;
	struct edit_args ea;
	size_t len, new_len;
	u8 *sd, *new_sd;
	int ret;

	ret = parse_edit(argc, argv, 1, 1, false, &ea);
	if (!ret)
		ret = cli_parse_sid(ea.args[0], &sid);
	if (!ret)
		ret = load(&ea, &sd, &len);
	if (ret)
		return ret;
	ret = edit_set_owner(sd, len, &sid, &new_sd, &new_len);
	free(sd);
	if (ret)
		return op_failed(ea.target.path, ret);
	return store(&ea, new_sd, new_len, SD_COMP_OWNER);
}

static int set_label(const struct edit_args *ea, u8 type, u32 mask,
		     const struct peios_sid *sid)
{
	size_t len, new_len;
	u8 *sd, *new_sd;
	int ret;

	ret = load(ea, &sd, &len);
	if (ret)
		return ret;
	ret = edit_set_label(sd, len, type, ea->flags, mask, sid, &new_sd,
			     &new_len);
	free(sd);
	if (ret)
		return op_failed(ea->target.path, ret);
	return store(ea, new_sd, new_len, SD_COMP_SACL);
}

int cmd_integrity(int argc, char **argv)
{
	u32 il, mask = PEIOS_LABEL_NO_WRITE_UP;
	struct peios_sid sid;
	struct edit_args ea;
	int ret;

	ret = parse_edit(argc, argv, 1, 2, true, &ea);
	if (ret)
		return ret;
	if (names_parse_integrity(ea.args[0], &il))
		return usage_error("bad integrity LEVEL '%s'", ea.args[0]);
	if (ea.nargs > 1 && names_parse_label_mask(ea.args[1], &mask))
		return usage_error("bad POLICY '%s' (no-read-up, no-write-up, no-execute-up)",
				   ea.args[1]);
	peios_sid_integrity(&sid, il);
	return set_label(&ea, PEIOS_ACE_MANDATORY_LABEL, mask, &sid);
}

int cmd_trust(int argc, char **argv)
{
	struct peios_sid sid;
	struct edit_args ea;
	u32 type, level, mask;
	int ret;

	ret = parse_edit(argc, argv, 2, 2, true, &ea);
	if (ret)
		return ret;
	if (peios_pip_parse(ea.args[0], &type, &level))
		return usage_error("bad TYPE:LEVEL '%s'", ea.args[0]);
	if (names_parse_rights(ea.args[1], &mask))
		return usage_error("bad MASK '%s'", ea.args[1]);
	peios_sid_trust(&sid, type, level);
	return set_label(&ea, PEIOS_ACE_PROCESS_TRUST_LABEL, mask, &sid);
}
