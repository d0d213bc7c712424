// SPDX-License-Identifier: GPL-2.0
/*
 * mq_bench: message queue micro-benchmark, for the module and for Linux's
 * own mqueue (the reference kernel) alike.
 *
 *   mq_bench [ROUNDS] [REPEATS]
 *
 * - ping-pong: two processes, two queues; one round trip is a send and a
 *   receive each way (each receive blocks, so every message is a direct
 *   hand-off to a sleeping receiver), for 16 B, 1 KiB and 8 KiB messages;
 * - throughput: one producer and one consumer process on one 64-slot
 *   queue of 16-byte messages.
 * Each figure is measured REPEATS times (default 5); the median and the
 * spread (min..max) are printed.  Report only: nothing is asserted.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static mqd_t make(const char *name, long maxmsg, long msgsize)
{
	struct mq_attr attr = { .mq_maxmsg = maxmsg, .mq_msgsize = msgsize };
	mqd_t q;

	mq_unlink(name);
	q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	if (q == (mqd_t)-1) {
		perror(name);
		exit(1);
	}
	return q;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, const char *unit, double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	printf("%-28s %10.2f %s  (min %.2f, max %.2f, %d runs)\n", what,
	       v[n / 2], unit, v[0], v[n - 1], n);
	fflush(stdout);
}

/* Microseconds per round trip of @size-byte messages. */
static double pingpong(size_t size, long rounds)
{
	char *buf = calloc(1, size);
	mqd_t ping = make("/bench_ping", 1, size);
	mqd_t pong = make("/bench_pong", 1, size);
	double t0, t1;
	pid_t pid;
	long i;

	pid = fork();
	if (pid == 0) {
		for (i = 0; i < rounds; i++) {
			if (mq_receive(ping, buf, size, NULL) < 0 ||
			    mq_send(pong, buf, size, 0))
				_exit(1);
		}
		_exit(0);
	}
	/* One round to get the child going. */
	mq_send(ping, buf, size, 0);
	mq_receive(pong, buf, size, NULL);
	t0 = now();
	for (i = 1; i < rounds; i++) {
		mq_send(ping, buf, size, 0);
		mq_receive(pong, buf, size, NULL);
	}
	t1 = now();
	waitpid(pid, NULL, 0);
	mq_close(ping);
	mq_close(pong);
	mq_unlink("/bench_ping");
	mq_unlink("/bench_pong");
	free(buf);
	return (t1 - t0) * 1e6 / (rounds - 1);
}

/* Messages per second, one producer and one consumer. */
static double throughput(long count)
{
	char buf[16] = "0123456789abcde";
	mqd_t q = make("/bench_tput", 64, sizeof(buf));
	struct rusage before, after;
	double t0, t1;
	pid_t pid;
	long i;

	t0 = now();
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < count; i++)
			if (mq_send(q, buf, sizeof(buf), i & 7))
				_exit(1);
		_exit(0);
	}
	getrusage(RUSAGE_SELF, &before);
	for (i = 0; i < count; i++)
		if (mq_receive(q, buf, sizeof(buf), NULL) < 0)
			break;
	t1 = now();
	getrusage(RUSAGE_SELF, &after);
	waitpid(pid, NULL, 0);
	/* Context switches per message explain a throughput figure. */
	printf("#   consumer: %.3f voluntary, %.3f involuntary switches/msg\n",
	       (double)(after.ru_nvcsw - before.ru_nvcsw) / count,
	       (double)(after.ru_nivcsw - before.ru_nivcsw) / count);
	mq_close(q);
	mq_unlink("/bench_tput");
	return count / (t1 - t0);
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 16, 1024, 8192 };
	long rounds = argc > 1 ? atol(argv[1]) : 20000;
	int repeats = argc > 2 ? atoi(argv[2]) : 5, r;
	double v[64];
	char what[64];
	size_t s;

	if (repeats < 1 || repeats > 64 || rounds < 2)
		return 2;
	printf("mq_bench: %ld rounds, %d runs per figure, %ld CPUs online\n",
	       rounds, repeats, sysconf(_SC_NPROCESSORS_ONLN));
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (r = 0; r < repeats; r++)
			v[r] = pingpong(sizes[s], rounds);
		snprintf(what, sizeof(what), "ping-pong %zu B", sizes[s]);
		report(what, "us/round trip", v, repeats);
	}
	for (r = 0; r < repeats; r++)
		v[r] = throughput(rounds * 10) / 1000;
	report("throughput 16 B, 1P/1C", "k msgs/s", v, repeats);
	return 0;
}
