// SPDX-License-Identifier: GPL-2.0
/*
 * peios-sd show: the descriptor in words (one ACE a line) or as SDDL.
 */
#include "cli.h"
#include "commands.h"

const char show_usage[] =
"usage: peios-sd show [--sddl] [--identity-map FILE|none] PATH\n"
"       peios-sd show [--sddl] --file SDFILE\n"
"\n"
"Print the security descriptor of PATH (its system.peios.sd attribute) or\n"
"of SDFILE (a binary self-relative descriptor): owner, group, control\n"
"flags, then one line per ACE of the DACL and SACL with its type, flags,\n"
"rights mask spelled out and SID with its well-known name.\n"
"\n"
"  --sddl                 print SDDL instead\n"
"  --identity-map FILE    name uid/gid SIDs from this map (default: the\n"
"                         kernel's, when readable; 'none' for no map)\n";

static const char *const control_names[16] = {
	"OWNER_DEFAULTED", "GROUP_DEFAULTED", "DACL_PRESENT",
	"DACL_DEFAULTED", "SACL_PRESENT", "SACL_DEFAULTED", "DACL_TRUSTED",
	"SERVER_SECURITY", "DACL_AUTO_INHERIT_REQ", "SACL_AUTO_INHERIT_REQ",
	"DACL_AUTO_INHERITED", "SACL_AUTO_INHERITED", "DACL_PROTECTED",
	"SACL_PROTECTED", "RM_CONTROL_VALID", "SELF_RELATIVE",
};

static void print_sid(const struct peios_sid *sid)
{
	char text[PEIOS_SID_STR_MAX], name[96];
	const char *n;

	peios_sid_format(sid, text, sizeof(text));
	n = names_sid_name(sid, cli_map(), name, sizeof(name));
	if (n)
		printf("%s (%s)", text, n);
	else
		printf("%s", text);
}

void print_control(u16 control)
{
	int bit;
	bool first = true;

	printf("control: 0x%04x", control);
	for (bit = 0; bit < 16; bit++) {
		if (control & (1u << bit)) {
			printf("%s%s", first ? " " : "|", control_names[bit]);
			first = false;
		}
	}
	printf("\n");
}

static void print_ace(u16 i, const struct peios_ace_view *a)
{
	char flags[48], rights[512];

	names_format_ace_flags(a->flags, flags, sizeof(flags));
	if (!a->has_sid) {
		printf("  [%u] %s (type 0x%02x) %s, %u bytes kept as they are\n",
		       i, names_ace_type(a->type), a->type, flags, a->size);
		return;
	}
	if (a->type == PEIOS_ACE_MANDATORY_LABEL)
		names_format_label_mask(a->mask, rights, sizeof(rights));
	else
		names_format_rights(a->mask, rights, sizeof(rights));
	printf("  [%u] %s %s 0x%08x %s ", i, names_ace_type(a->type), flags,
	       a->mask, rights);
	if (a->object_type)
		printf("(object type set: applies to an object class only) ");
	print_sid(&a->sid);
	printf("\n");
}

static void print_acl(const char *tag, bool present, bool has,
		      const struct peios_acl_view *acl)
{
	struct peios_ace_view a;
	size_t off;
	u16 i;

	if (!present) {
		printf("%s:    absent%s\n", tag,
		       !strcmp(tag, "dacl") ? " (grants everything)" : "");
		return;
	}
	if (!has) {
		printf("%s:    NULL%s\n", tag,
		       !strcmp(tag, "dacl") ? " (grants everything)" : "");
		return;
	}
	printf("%s:    %u %s\n", tag, acl->count,
	       acl->count == 1 ? "entry" : "entries");
	peios_acl_for_each(acl, off, i, &a)
		print_ace(i, &a);
}

static void print_words(const char *path, const struct peios_sd_view *v)
{
	printf("# file: %s\n", path);
	printf("owner:   ");
	if (v->has_owner)
		print_sid(&v->owner);
	else
		printf("none (AccessCheck denies every request)");
	printf("\ngroup:   ");
	if (v->has_group)
		print_sid(&v->group);
	else
		printf("none");
	printf("\n");
	print_control(v->control);
	print_acl("dacl", v->control & PEIOS_SE_DACL_PRESENT, v->has_dacl,
		  &v->dacl);
	print_acl("sacl", v->control & PEIOS_SE_SACL_PRESENT, v->has_sacl,
		  &v->sacl);
}

static int print_sddl(const char *path, const u8 *sd, size_t len)
{
	size_t text_len;
	char *text;
	int ret;

	ret = peios_sddl_format(sd, len, &text, &text_len);
	if (ret == -EOPNOTSUPP) {
		fprintf(stderr, "%s: %s: the descriptor holds ACEs SDDL cannot "
			"spell (object or unknown types, conditions on "
			"claims); use 'show' without --sddl\n", prog, path);
		return EXIT_FAILED;
	}
	if (ret)
		return op_failed(path, ret);
	printf("%.*s\n", (int)text_len, text);
	sec_free(text);
	return EXIT_OK;
}

int cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "sddl", no_argument, NULL, 's' },
		{ "file", required_argument, NULL, 'f' },
		{ "identity-map", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *file = NULL, *mapfile = NULL;
	struct peios_sd_view v;
	struct sd_target t;
	bool sddl = false;
	int c, ret, nargs;
	char **args;
	size_t len;
	u8 *sd;

	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 's': sddl = true; break;
		case 'f': file = optarg; break;
		case 'm': mapfile = optarg; break;
		case 'h': print_help();
		default: return cli_bad_option(argv, c);
		}
	}
	args = argv + optind;
	nargs = argc - optind;
	ret = cli_take_target(file, &args, &nargs, &t);
	if (ret)
		return ret;
	if (nargs)
		return usage_error("unexpected argument '%s'", args[0]);
	ret = cli_load_map(mapfile);
	if (ret)
		return ret;
	ret = cli_read(&t, &sd, &len);
	if (ret)
		return ret;
	if (peios_sd_decode(sd, len, &v)) {
		fprintf(stderr, "%s: %s: not a valid security descriptor "
			"(%zu bytes)\n", prog, t.path, len);
		free(sd);
		return EXIT_FAILED;
	}
	if (sddl)
		ret = print_sddl(t.path, sd, len);
	else
		print_words(t.path, &v);
	free(sd);
	return ret;
}
