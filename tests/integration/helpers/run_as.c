// SPDX-License-Identifier: GPL-2.0
/*
 * run_as: run a command as another identity, for access-control tests.
 *
 *   run_as UID GID[,GID...] [CAP,...|-] COMMAND [ARG...]
 *
 * Sets the supplementary groups, gid and uid, keeping only the named
 * capabilities (numbers or sys_resource, fowner, sys_admin, dac_override)
 * in the effective, permitted and inheritable sets and as ambient
 * capabilities, so they survive the exec of COMMAND.  "-" keeps none.
 * For uid 0 the "noroot" securebits stop exec from granting root every
 * capability again, so root too runs with exactly the named ones.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int cap_number(const char *name)
{
	static const struct { const char *name; int cap; } caps[] = {
		{ "sys_resource", CAP_SYS_RESOURCE }, { "fowner", CAP_FOWNER },
		{ "sys_admin", CAP_SYS_ADMIN },
		{ "dac_override", CAP_DAC_OVERRIDE },
	};
	size_t i;

	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (!strcmp(name, caps[i].name))
			return caps[i].cap;
	return atoi(name);
}

static unsigned long long parse_caps(char *list)
{
	unsigned long long set = 0;
	char *tok;

	if (!strcmp(list, "-"))
		return 0;
	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
		set |= 1ULL << cap_number(tok);
	return set;
}

static void set_caps(unsigned long long set)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { 0 };
	int cap;

	data[0].effective = data[0].permitted = data[0].inheritable =
		(unsigned int)set;
	data[1].effective = data[1].permitted = data[1].inheritable =
		(unsigned int)(set >> 32);
	if (syscall(SYS_capset, &hdr, data)) {
		perror("run_as: capset");
		exit(126);
	}
	for (cap = 0; cap < 64; cap++)
		if ((set >> cap) & 1)
			prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
}

int main(int argc, char **argv)
{
	gid_t groups[64];
	int ngroups = 0;
	unsigned long long caps;
	uid_t uid;
	char *g;

	if (argc < 5) {
		fprintf(stderr, "usage: run_as UID GID[,GID...] CAPS|- CMD...\n");
		return 125;
	}
	uid = strtoul(argv[1], NULL, 10);
	for (g = strtok(argv[2], ","); g && ngroups < 64; g = strtok(NULL, ","))
		groups[ngroups++] = strtoul(g, NULL, 10);
	caps = parse_caps(argv[3]);
	if (uid == 0 && prctl(PR_SET_SECUREBITS, SECBIT_NOROOT |
			      SECBIT_NOROOT_LOCKED | SECBIT_KEEP_CAPS, 0, 0, 0)) {
		perror("run_as: securebits");
		return 126;
	}
	if (setgroups(ngroups - 1, groups + 1) ||
	    setresgid(groups[0], groups[0], groups[0]) ||
	    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) ||
	    setresuid(uid, uid, uid)) {
		perror("run_as");
		return 126;
	}
	set_caps(caps);
	execv(argv[4], argv + 4);
	fprintf(stderr, "run_as: exec %s: %s\n", argv[4], strerror(errno));
	return 127;
}
