// SPDX-License-Identifier: GPL-2.0
/*
 * mq_bench: message queue latency and throughput, for the module and for
 * Linux's own mqueue (the reference kernel) alike.
 *
 *   mq_bench [ROUNDS] [RUNS]
 *
 * - mq_rt_16, mq_rt_1k, mq_rt_8k: ping-pong between two processes on two
 *   one-slot queues; one round trip is a send and a receive each way (each
 *   receive blocks, so every message is a hand-off to a sleeping
 *   receiver); ROUNDS round trips (default 20000);
 * - mq_tput_1p1c, mq_tput_4p4c: one producer and one consumer, then four
 *   of each, on one 64-slot queue of 16-byte messages, 10 * ROUNDS
 *   messages in all, from the release of the workers to the last exit.
 * Each figure is measured RUNS times (default 5); see bench.h for the
 * output.
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
#include <unistd.h>
#include "bench.h"

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
	t0 = bench_now();
	for (i = 1; i < rounds; i++) {
		mq_send(ping, buf, size, 0);
		mq_receive(pong, buf, size, NULL);
	}
	t1 = bench_now();
	waitpid(pid, NULL, 0);
	mq_close(ping);
	mq_close(pong);
	mq_unlink("/bench_ping");
	mq_unlink("/bench_pong");
	free(buf);
	return (t1 - t0) * 1e6 / (rounds - 1);
}

static pid_t worker(int *gate, mqd_t q, long count, int producer)
{
	char buf[16] = "0123456789abcde", c;
	pid_t pid = fork();
	long i;

	if (pid)
		return pid;
	/* Wait for the gate to open: EOF once the parent closes its end. */
	close(gate[1]);
	if (read(gate[0], &c, 1) < 0)
		_exit(1);
	for (i = 0; i < count; i++) {
		if (producer ? mq_send(q, buf, sizeof(buf), i & 7) :
			       mq_receive(q, buf, sizeof(buf), NULL) < 0)
			_exit(1);
	}
	_exit(0);
}

/* Messages per second through one queue, @n producers and @n consumers. */
static double throughput(long count, int n)
{
	mqd_t q = make("/bench_tput", 64, 16);
	struct rusage before, after;
	int gate[2], i, status, bad = 0;
	double t0, t1;

	count -= count % n;
	if (pipe(gate)) {
		perror("pipe");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		worker(gate, q, count / n, 1);
		worker(gate, q, count / n, 0);
	}
	getrusage(RUSAGE_CHILDREN, &before);
	t0 = bench_now();
	close(gate[1]);
	for (i = 0; i < 2 * n; i++) {
		wait(&status);
		bad |= !WIFEXITED(status) || WEXITSTATUS(status);
	}
	t1 = bench_now();
	getrusage(RUSAGE_CHILDREN, &after);
	close(gate[0]);
	if (bad) {
		fprintf(stderr, "throughput: a worker failed\n");
		exit(1);
	}
	/* Context switches per message explain a throughput figure. */
	printf("#   %dp%dc: %.3f voluntary, %.3f involuntary switches/msg\n",
	       n, n, (double)(after.ru_nvcsw - before.ru_nvcsw) / count,
	       (double)(after.ru_nivcsw - before.ru_nivcsw) / count);
	mq_close(q);
	mq_unlink("/bench_tput");
	return count / (t1 - t0);
}

int main(int argc, char **argv)
{
	static const struct { size_t size; const char *key; } rt[] = {
		{ 16, "mq_rt_16" }, { 1024, "mq_rt_1k" }, { 8192, "mq_rt_8k" },
	};
	long rounds = argc > 1 ? bench_arg(argv[1], 2) : 20000;
	int runs = argc > 2 ? bench_runs(argv[2]) : 5, r, n;
	double v[BENCH_MAX_RUNS];
	char key[32];
	size_t s;

	printf("# mq_bench: %ld rounds, %d runs per figure, %ld CPUs online\n",
	       rounds, runs, sysconf(_SC_NPROCESSORS_ONLN));
	for (s = 0; s < sizeof(rt) / sizeof(rt[0]); s++) {
		for (r = 0; r < runs; r++)
			v[r] = pingpong(rt[s].size, rounds);
		bench_report(rt[s].key, "us/roundtrip", "lower", v, runs);
	}
	for (n = 1; n <= 4; n *= 4) {
		for (r = 0; r < runs; r++)
			v[r] = throughput(rounds * 10, n) / 1000;
		snprintf(key, sizeof(key), "mq_tput_%dp%dc", n, n);
		bench_report(key, "kmsg/s", "higher", v, runs);
	}
	return 0;
}
