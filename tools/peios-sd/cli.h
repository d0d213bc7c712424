/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared plumbing of the peios-sd commands: exit codes, messages, the
 * identity map, where the descriptor comes from.
 */
#ifndef PEIOS_TOOLS_CLI_H
#define PEIOS_TOOLS_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "idmap.h"
#include "names.h"
#include "sdio.h"

/* Exit codes, as getfacl/setfacl: check uses 0 granted, 1 denied. */
#define EXIT_OK		0
#define EXIT_FAILED	1
#define EXIT_USAGE	2

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;	/* full --help text */
};

extern const char *prog;
extern const struct command *current;

/* Print "peios-sd: MSG" and the pointer to --help; return EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "peios-sd: WHAT: strerror(-err)"; return EXIT_FAILED. */
int op_failed(const char *what, int err);
/* Print the current command's help and exit 0. */
_Noreturn int print_help(void);

/*
 * The identity map used for uid:N/gid:N and names: the kernel's when it
 * is readable, a file given with --identity-map, or none ("none").
 */
int cli_load_map(const char *path);
const struct peios_idmap_table *cli_map(void);

/* Parse a SID argument or report a usage error (returns EXIT_USAGE). */
int cli_parse_sid(const char *s, struct peios_sid *sid);

/* getopt_long returned '?' or ':' (optstring starts with ':'). */
int cli_bad_option(char **argv, int c);

#endif /* PEIOS_TOOLS_CLI_H */
