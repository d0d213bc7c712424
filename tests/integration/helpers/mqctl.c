// SPDX-License-Identifier: GPL-2.0
/*
 * mqctl: run a sequence of message queue operations on one descriptor and
 * print each result (ok, or the errno's name) on one line, for the
 * access-control tests, which run it as various identities (run_as).
 *
 *   mqctl STEP...
 *     open:NAME:FLAGS[:MODE]  FLAGS from r w (both: rw), c (O_CREAT),
 *                             x (O_EXCL), n (O_NONBLOCK); MODE octal
 *     send recv notify unnotify getattr setattr status close
 *     unlink:NAME             mq_unlink
 *     creat:PATH:MODE         creat(2), e.g. in /dev/mqueue
 *     umask:MODE
 *     touch:PATH              create an empty file (a signal to a script)
 *     pause:PATH              wait (up to 20 s) until PATH exists
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ EACCES, "EACCES" }, { EPERM, "EPERM" }, { EBADF, "EBADF" },
		{ ENOENT, "ENOENT" }, { EEXIST, "EEXIST" }, { EINVAL, "EINVAL" },
		{ ENOSPC, "ENOSPC" }, { EMFILE, "EMFILE" }, { EBUSY, "EBUSY" },
		{ EAGAIN, "EAGAIN" }, { EMSGSIZE, "EMSGSIZE" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOMEM, "ENOMEM" },
		{ EFAULT, "EFAULT" }, { ETIMEDOUT, "ETIMEDOUT" },
	};
	static char buf[16];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static int open_flags(const char *s)
{
	int acc = 0, flags = 0;

	for (; *s; s++) {
		switch (*s) {
		case 'r': acc |= 1; break;
		case 'w': acc |= 2; break;
		case 'c': flags |= O_CREAT; break;
		case 'x': flags |= O_EXCL; break;
		case 'n': flags |= O_NONBLOCK; break;
		}
	}
	return flags | (acc == 3 ? O_RDWR : acc == 2 ? O_WRONLY : O_RDONLY);
}

static int step(char *s, mqd_t *q)
{
	char *arg = strchr(s, ':');
	struct mq_attr attr;
	char buf[8192];

	if (arg)
		*arg++ = '\0';
	if (!strcmp(s, "open")) {
		char *flags = strchr(arg, ':'), *mode;
		struct mq_attr small = { .mq_maxmsg = 4, .mq_msgsize = 64 };

		*flags++ = '\0';
		mode = strchr(flags, ':');
		if (mode)
			*mode++ = '\0';
		*q = mq_open(arg, open_flags(flags),
			     mode ? strtoul(mode, NULL, 8) : 0600, &small);
		return *q == (mqd_t)-1 ? -1 : 0;
	}
	if (!strcmp(s, "send"))
		return mq_send(*q, "m", 1, 0);
	if (!strcmp(s, "recv")) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 2;
		return mq_timedreceive(*q, buf, sizeof(buf), NULL, &ts) < 0 ?
		       -1 : 0;
	}
	if (!strcmp(s, "notify")) {
		struct sigevent ev = { .sigev_notify = SIGEV_NONE };

		return mq_notify(*q, &ev);
	}
	if (!strcmp(s, "unnotify"))
		return mq_notify(*q, NULL);
	if (!strcmp(s, "getattr"))
		return mq_getattr(*q, &attr);
	if (!strcmp(s, "setattr")) {
		attr.mq_flags = 0;
		return mq_setattr(*q, &attr, NULL);
	}
	if (!strcmp(s, "status"))
		return read(*q, buf, sizeof(buf)) < 0 ? -1 : 0;
	if (!strcmp(s, "close"))
		return mq_close(*q);
	if (!strcmp(s, "unlink"))
		return mq_unlink(arg);
	if (!strcmp(s, "creat")) {
		char *mode = strchr(arg, ':');
		int fd;

		if (mode)
			*mode++ = '\0';
		fd = creat(arg, mode ? strtoul(mode, NULL, 8) : 0600);
		return fd < 0 ? -1 : close(fd);
	}
	if (!strcmp(s, "umask")) {
		umask(strtoul(arg, NULL, 8));
		return 0;
	}
	if (!strcmp(s, "touch")) {
		int fd = open(arg, O_CREAT | O_WRONLY, 0666);

		return fd < 0 ? -1 : close(fd);
	}
	if (!strcmp(s, "pause")) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		int i;

		for (i = 0; i < 2000 && access(arg, F_OK); i++)
			nanosleep(&ts, NULL);
		return 0;
	}
	errno = EINVAL;
	return -1;
}

int main(int argc, char **argv)
{
	mqd_t q = (mqd_t)-1;
	int i;

	for (i = 1; i < argc; i++) {
		int r = step(argv[i], &q);

		printf("%s%s", i > 1 ? " " : "", r ? errname(errno) : "ok");
		fflush(stdout);
	}
	printf("\n");
	return 0;
}
