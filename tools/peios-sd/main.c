// SPDX-License-Identifier: GPL-2.0
/*
 * peios-sd: show, edit and evaluate the Peios security descriptors of
 * message queues, semaphores and shared memory objects (the
 * system.peios.sd extended attribute), modelled on the Peios `sd`
 * command.  The descriptor code is the module's own security core
 * (security/), compiled in, so the tool and the kernel cannot disagree
 * about SDDL or AccessCheck.
 *
 * This file: the command table, messages and exit codes, the identity
 * map.  The commands live in cmd_*.c.
 */
#include <stdarg.h>

#include "cli.h"
#include "commands.h"

const char *prog = "peios-sd";
const struct command *current;

static struct peios_idmap_table map;
static bool map_loaded;

static const struct command commands[] = {
	{ "show", cmd_show, show_usage },
	{ "set", cmd_set, set_usage },
	{ "allow", cmd_allow, allow_usage },
	{ "deny", cmd_deny, deny_usage },
	{ "owner", cmd_owner, owner_usage },
	{ "integrity", cmd_integrity, integrity_usage },
	{ "trust", cmd_trust, trust_usage },
	{ "check", cmd_check, check_usage },
	{ "token", cmd_token, token_usage },
	{ "new", cmd_new, new_usage },
};

static const char main_usage[] =
"usage: peios-sd COMMAND [ARGS...]\n"
"\n"
"Show, edit and evaluate Peios security descriptors (the system.peios.sd\n"
"extended attribute of /dev/mqueue and /dev/shm objects).\n"
"\n"
"commands:\n"
"  show [--sddl] PATH                 print the descriptor\n"
"  set PATH SDDL                      write the components SDDL names\n"
"  allow PATH SID RIGHTS [--flags F]  add an explicit allow ACE\n"
"  deny PATH SID RIGHTS [--flags F]   add an explicit deny ACE\n"
"  owner PATH SID                     change the owner\n"
"  integrity PATH LEVEL [POLICY]      set the mandatory label\n"
"  trust PATH TYPE:LEVEL MASK         set the process trust label\n"
"  check [PATH] [IDENTITY] [--desired RIGHTS]\n"
"                                     evaluate AccessCheck, explain it\n"
"  token [IDENTITY]                   print the projected token\n"
"  new --parent SDDL [--creator SDDL] [--container] [IDENTITY]\n"
"                                     the descriptor a new object would get\n"
"\n"
"Every command takes --file F instead of PATH to work on a file holding\n"
"a binary descriptor.  'peios-sd COMMAND --help' describes a command;\n"
"man peios-sd(1) has the details.  Exit status: 0 success (check:\n"
"granted), 1 failure (check: denied), 2 usage error.\n";

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (current)
		fprintf(stderr, "\nTry '%s %s --help'.\n", prog, current->name);
	else
		fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return EXIT_USAGE;
}

int op_failed(const char *what, int err)
{
	const char *msg = strerror(err < 0 ? -err : err);

	/* The kernel reports a descriptor it rejects as EINVAL. */
	if (err == -EINVAL)
		msg = "Invalid argument (not a valid security descriptor?)";
	fprintf(stderr, "%s: %s: %s\n", prog, what, msg);
	return EXIT_FAILED;
}

int cli_bad_option(char **argv, int c)
{
	if (c == ':')
		return usage_error("option '%s' needs an argument",
				   argv[optind - 1]);
	return usage_error("unknown option '%s'", argv[optind - 1]);
}

/* --help ends the program wherever the option parser meets it. */
_Noreturn int print_help(void)
{
	fputs(current ? current->usage : main_usage, stdout);
	exit(EXIT_OK);
}

int cli_load_map(const char *path)
{
	unsigned int bad = 0;
	bool explicit = path != NULL;
	int ret;

	if (map_loaded)
		idmap_free(&map);
	map_loaded = false;
	if (path && !strcmp(path, "none"))
		return 0;
	if (!path)
		path = IDMAP_KERNEL_PATH;
	ret = idmap_load(path, &map, &bad);
	/* A line the kernel would refuse too (security/idmap.c). */
	if (ret && bad) {
		fprintf(stderr, "%s: %s: line %u: %s\n", prog, path, bad,
			ret == -ENOENT ? "del of an entry not in the map" :
					 "not an identity map line");
		return EXIT_FAILED;
	}
	/* Without the module (or as non-root) the default map is simply absent. */
	if (ret && explicit)
		return op_failed(path, ret);
	map_loaded = !ret;
	return 0;
}

const struct peios_idmap_table *cli_map(void)
{
	return map_loaded ? &map : NULL;
}

int cli_parse_sid(const char *s, struct peios_sid *sid)
{
	if (names_parse_sid(s, cli_map(), sid))
		return usage_error("'%s' is not a SID (S-1-..., an SDDL alias such as WD, SY, BA, a well-known name, uid:N or gid:N)",
				   s);
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;
	int ret;

	opterr = 0;	/* usage_error() reports bad options */
	if (argc < 2)
		return usage_error("no command given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		print_help();
	if (!strcmp(argv[1], "--version")) {
		printf("peios-sd %s\n", PEIOS_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			current = &commands[i];
			ret = current->run(argc - 1, argv + 1);
			if (map_loaded)
				idmap_free(&map);
			return ret;
		}
	}
	return usage_error("unknown command '%s'", argv[1]);
}

int cli_take_target(const char *file, char ***args, int *nargs,
		    struct sd_target *t)
{
	if (file) {
		t->path = file;
		t->is_file = true;
		return 0;
	}
	if (*nargs < 1)
		return usage_error("no PATH given");
	t->path = (*args)[0];
	t->is_file = false;
	(*args)++;
	(*nargs)--;
	return 0;
}

int cli_read(const struct sd_target *t, u8 **sd, size_t *len)
{
	int ret = sdio_read(t, sd, len);

	if (ret == -ENODATA && !t->is_file) {
		fprintf(stderr, "%s: %s: no %s attribute (not a peios_ipc object?)\n",
			prog, t->path, SD_XATTR);
		return EXIT_FAILED;
	}
	return ret ? op_failed(t->path, ret) : 0;
}
