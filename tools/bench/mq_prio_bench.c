// SPDX-License-Identifier: GPL-2.0
/*
 * mq_prio_bench: send and receive on a nearly full queue, with the
 * priority patterns of the kernel's mq_perf_tests (test #2): constant,
 * increasing, decreasing and random priorities.
 *
 *   mq_prio_bench [DEPTH] [LOOPS] [RUNS]
 *
 * For each pattern and run a queue of DEPTH (default 8192) 16-byte
 * messages is filled to DEPTH - 1 with the pattern; then LOOPS (default
 * 20000) times one message is sent and the highest one received, the
 * pattern advancing after each send, and the send and the receive are timed
 * apart.  The random pattern is a fixed pseudo-random sequence, the same on
 * every kernel.  Keys mq_prio_{send,recv}_{const,inc,dec,rand}, ns per
 * operation.  Needs root (the depth is above the default msg_max).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "bench.h"

#define QNAME "/bench_prio"

static long prio_max;
static uint32_t rnd_state;

static unsigned int next_prio(int pattern, unsigned int prio)
{
	switch (pattern) {
	case 1:
		return prio + 1 == prio_max ? 0 : prio + 1;
	case 2:
		return prio == 0 ? prio_max - 1 : prio - 1;
	case 3:
		/* xorshift32: the same sequence everywhere. */
		rnd_state ^= rnd_state << 13;
		rnd_state ^= rnd_state >> 17;
		rnd_state ^= rnd_state << 5;
		return rnd_state % prio_max;
	}
	return prio;
}

static void one_run(int pattern, long depth, long loops, double *send_ns,
		    double *recv_ns)
{
	struct mq_attr attr = { .mq_maxmsg = depth, .mq_msgsize = 16 };
	char buf[16] = "0123456789abcde";
	double t0, t1, t2, ts = 0, tr = 0;
	unsigned int prio = 0;
	mqd_t q;
	long i;

	rnd_state = 2463534242u;
	mq_unlink(QNAME);
	q = mq_open(QNAME, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	if (q == (mqd_t)-1) {
		perror(QNAME);
		exit(1);
	}
	for (i = 0; i < depth - 1; i++) {
		if (mq_send(q, buf, sizeof(buf), prio)) {
			perror("fill");
			exit(1);
		}
		prio = next_prio(pattern, prio);
	}
	for (i = 0; i < loops; i++) {
		t0 = bench_now();
		if (mq_send(q, buf, sizeof(buf), prio))
			exit(1);
		t1 = bench_now();
		if (mq_receive(q, buf, sizeof(buf), NULL) != sizeof(buf))
			exit(1);
		t2 = bench_now();
		ts += t1 - t0;
		tr += t2 - t1;
		prio = next_prio(pattern, prio);
	}
	mq_close(q);
	mq_unlink(QNAME);
	*send_ns = ts * 1e9 / loops;
	*recv_ns = tr * 1e9 / loops;
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "const", "inc", "dec", "rand" };
	long depth = argc > 1 ? bench_arg(argv[1], 2) : 8192;
	long loops = argc > 2 ? bench_arg(argv[2], 1) : 20000;
	int runs = argc > 3 ? bench_runs(argv[3]) : 5, p, r;
	double s[BENCH_MAX_RUNS], v[BENCH_MAX_RUNS];
	char key[32];

	bench_unlimit_mq();
	prio_max = sysconf(_SC_MQ_PRIO_MAX);
	if (prio_max < 1)
		prio_max = 32768;
	printf("# mq_prio_bench: depth %ld, %ld loops, %d runs, %ld priorities\n",
	       depth, loops, runs, prio_max);
	for (p = 0; p < 4; p++) {
		for (r = 0; r < runs; r++)
			one_run(p, depth, loops, &s[r], &v[r]);
		snprintf(key, sizeof(key), "mq_prio_send_%s", names[p]);
		bench_report(key, "ns/op", "lower", s, runs);
		snprintf(key, sizeof(key), "mq_prio_recv_%s", names[p]);
		bench_report(key, "ns/op", "lower", v, runs);
	}
	return 0;
}
