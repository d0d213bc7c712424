// SPDX-License-Identifier: GPL-2.0
/*
 * peios-sem: drive a named semaphore through the kernel path (libpeios_sem),
 * for tests and for looking at semaphores by hand.
 *
 *   peios-sem post PATH [COUNT]      post COUNT times (default 1)
 *   peios-sem wait PATH [COUNT]      wait COUNT times
 *   peios-sem trywait PATH           exit 1 with EAGAIN when the value is 0
 *   peios-sem timedwait PATH MS      wait at most MS milliseconds
 *   peios-sem getvalue PATH          print the value
 *
 * Exit status: 0 done, 1 the operation failed (errno printed), 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../libpeios_sem/peios_sem.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: peios-sem post|wait PATH [COUNT]\n"
		"       peios-sem trywait|getvalue PATH\n"
		"       peios-sem timedwait PATH MS\n");
	return 2;
}

static int fail(const char *what)
{
	fprintf(stderr, "peios-sem: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct peios_sem sem;
	long i, count = 1;
	struct timespec ts;
	int value;

	if (argc == 2 && !strcmp(argv[1], "--version")) {
		printf("peios-sem %s\n", PEIOS_VERSION);
		return 0;
	}
	if (argc < 3)
		return usage();
	if (argc > 3)
		count = strtol(argv[3], NULL, 10);
	if (peios_sem_open(&sem, argv[2]))
		return fail(argv[2]);
	if (!strcmp(argv[1], "post")) {
		for (i = 0; i < count; i++)
			if (peios_sem_post(&sem))
				return fail("post");
	} else if (!strcmp(argv[1], "wait")) {
		for (i = 0; i < count; i++)
			if (peios_sem_wait(&sem))
				return fail("wait");
	} else if (!strcmp(argv[1], "trywait")) {
		if (peios_sem_trywait(&sem))
			return fail("trywait");
	} else if (!strcmp(argv[1], "timedwait") && argc == 4) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += count / 1000;
		ts.tv_nsec += (count % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		if (peios_sem_timedwait(&sem, &ts))
			return fail("timedwait");
	} else if (!strcmp(argv[1], "getvalue")) {
		if (peios_sem_getvalue(&sem, &value))
			return fail("getvalue");
		printf("%d\n", value);
	} else {
		return usage();
	}
	peios_sem_close(&sem);
	return 0;
}
