/* SPDX-License-Identifier: GPL-2.0 */
/* The peios-sd commands and their --help texts (cmd_*.c). */
#ifndef PEIOS_TOOLS_COMMANDS_H
#define PEIOS_TOOLS_COMMANDS_H

#include "sdio.h"

int cmd_show(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_allow(int argc, char **argv);
int cmd_deny(int argc, char **argv);
int cmd_owner(int argc, char **argv);
int cmd_integrity(int argc, char **argv);
int cmd_trust(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_new(int argc, char **argv);

extern const char show_usage[], set_usage[], allow_usage[], deny_usage[],
	owner_usage[], integrity_usage[], trust_usage[], check_usage[],
	token_usage[], new_usage[];

/* "control: 0x.... NAME|NAME" (cmd_show.c). */
void print_control(u16 control);

/*
 * The identity of check's IDENTITY options in argv (cmd_check.c), for the
 * commands that evaluate as someone: token, new.
 */
struct ident;
int cli_identity(int argc, char **argv, struct ident *id);

/*
 * The object a command works on: --file F, else the first of the
 * positional arguments (which are then shifted).  EXIT_USAGE if missing.
 */
int cli_take_target(const char *file, char ***args, int *nargs,
		    struct sd_target *t);
/* Read the target's SD; on failure print the message, EXIT_FAILED. */
int cli_read(const struct sd_target *t, u8 **sd, size_t *len);

#endif /* PEIOS_TOOLS_COMMANDS_H */
