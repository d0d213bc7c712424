// SPDX-License-Identifier: GPL-2.0
/*
 * mq_probe: make one raw mq_* syscall and print its outcome as a word the
 * test scripts compare: "0" or an errno name such as "EBADF".  Raw syscalls,
 * so no libc wrapper hides what the kernel answered.
 *
 *   mq_probe open NAME [FLAGS]   mq_probe unlink NAME     mq_probe send FD
 *   mq_probe receive FD          mq_probe notify FD       mq_probe getsetattr FD
 *   mq_probe longname            mq_probe badptr CALL
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#ifndef __NR_mq_open
#error "no mq syscall numbers"
#endif

static const struct { int err; const char *name; } names[] = {
	{ ENOSYS, "ENOSYS" }, { EBADF, "EBADF" }, { ENOENT, "ENOENT" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EINVAL, "EINVAL" },
	{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSPC, "ENOSPC" },
	{ EEXIST, "EEXIST" }, { EMSGSIZE, "EMSGSIZE" }, { EAGAIN, "EAGAIN" },
	{ ETIMEDOUT, "ETIMEDOUT" }, { EINTR, "EINTR" }, { EBUSY, "EBUSY" },
	{ EMFILE, "EMFILE" }, { ENOMEM, "ENOMEM" }, { EPERM, "EPERM" },
};

static void report(long ret)
{
	size_t i;

	if (ret >= 0) {
		printf("%ld\n", ret);
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == errno) {
			printf("%s\n", names[i].name);
			return;
		}
	}
	printf("errno%d\n", errno);
}

static long call(const char *what, const char *arg, const char *arg2)
{
	long fd = arg ? atol(arg) : -1;
	char buf[64];
	unsigned int prio;

	if (!strcmp(what, "open"))
		return syscall(__NR_mq_open, arg, arg2 ? atoi(arg2) : 0, 0600,
			       NULL);
	if (!strcmp(what, "unlink"))
		return syscall(__NR_mq_unlink, arg);
	if (!strcmp(what, "send"))
		return syscall(__NR_mq_timedsend, fd, "x", 1, 0, NULL);
	if (!strcmp(what, "receive"))
		return syscall(__NR_mq_timedreceive, fd, buf, sizeof(buf),
			       &prio, NULL);
	if (!strcmp(what, "notify"))
		return syscall(__NR_mq_notify, fd, NULL);
	if (!strcmp(what, "getsetattr"))
		return syscall(__NR_mq_getsetattr, fd, NULL, NULL);
	fprintf(stderr, "mq_probe: unknown call '%s'\n", what);
	exit(2);
}

int main(int argc, char **argv)
{
	char longname[300];

	if (argc < 2) {
		fprintf(stderr, "usage: mq_probe CALL [ARG [ARG]]\n");
		return 2;
	}
	if (!strcmp(argv[1], "longname")) {
		memset(longname, 'q', 256);
		longname[256] = '\0';
		report(call("open", longname, NULL));
		return 0;
	}
	if (!strcmp(argv[1], "badptr")) {
		report(syscall(argc > 2 && !strcmp(argv[2], "unlink") ?
			       __NR_mq_unlink : __NR_mq_open,
			       (char *)8, 0, 0, NULL));
		return 0;
	}
	report(call(argv[1], argc > 2 ? argv[2] : NULL,
		    argc > 3 ? argv[3] : NULL));
	return 0;
}
