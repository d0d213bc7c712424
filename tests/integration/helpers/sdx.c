// SPDX-License-Identifier: GPL-2.0
/*
 * sdx: raw access to the system.peios.sd extended attribute, so tests can
 * write malformed bytes that no SDDL tool would produce.
 *
 *   sdx get PATH          print the descriptor as hex
 *   sdx set PATH HEX      write HEX as the descriptor
 *   sdx list PATH         print the attribute names, one a line
 *   sdx remove PATH       try to remove the descriptor
 * Failures print the errno name (as mq_probe does) and exit 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#define NAME "system.peios.sd"

static int fail(void)
{
	static const struct { int err; const char *name; } names[] = {
		{ EINVAL, "EINVAL" }, { EACCES, "EACCES" }, { EPERM, "EPERM" },
		{ ENOENT, "ENOENT" }, { ERANGE, "ERANGE" }, { EEXIST, "EEXIST" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { ENODATA, "ENODATA" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == errno) {
			printf("%s\n", names[i].name);
			return 1;
		}
	}
	printf("errno%d\n", errno);
	return 1;
}

static int get(const char *path)
{
	unsigned char buf[65536];
	ssize_t n = getxattr(path, NAME, buf, sizeof(buf));
	ssize_t i;

	if (n < 0)
		return fail();
	for (i = 0; i < n; i++)
		printf("%02x", buf[i]);
	printf("\n");
	return 0;
}

static int set(const char *path, const char *hex)
{
	unsigned char buf[65536];
	size_t n = strlen(hex) / 2, i;
	unsigned int byte;

	if (n > sizeof(buf))
		n = sizeof(buf);
	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
			return 2;
		buf[i] = byte;
	}
	if (setxattr(path, NAME, buf, n, 0))
		return fail();
	printf("0\n");
	return 0;
}

static int list(const char *path)
{
	char buf[4096];
	ssize_t n = listxattr(path, buf, sizeof(buf));
	char *p;

	if (n < 0)
		return fail();
	for (p = buf; p < buf + n; p += strlen(p) + 1)
		printf("%s\n", p);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "get"))
		return get(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "set"))
		return set(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "list"))
		return list(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "remove"))
		return removexattr(argv[2], NAME) ? fail() : 0;
	fprintf(stderr, "usage: sdx get|set|list|remove PATH [HEX]\n");
	return 2;
}
