// SPDX-License-Identifier: GPL-2.0
/*
 * mq_open_bench: the cost of opening queues, where the module checks the
 * security descriptor.
 *
 *   mq_open_bench make NAME               create NAME (mode 0600), close it
 *   mq_open_bench open KEY NAME [COUNT] [RUNS]
 *        mq_open(NAME, O_RDWR) + mq_close of an existing queue, COUNT
 *        (default 5000) times a run, as figure KEY (us per pair); the
 *        caller sets the queue's descriptor first (scripts/guest/bench)
 *   mq_open_bench create [COUNT] [RUNS]
 *        mq_open(O_CREAT | O_EXCL) + mq_close + mq_unlink, figure
 *        mq_create_unlink (us per cycle)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"

static struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 16 };

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static double open_close(const char *name, long count)
{
	double t0 = bench_now();
	mqd_t q;
	long i;

	for (i = 0; i < count; i++) {
		q = mq_open(name, O_RDWR);
		if (q == (mqd_t)-1)
			die(name);
		mq_close(q);
	}
	return (bench_now() - t0) * 1e6 / count;
}

static double create_unlink(long count)
{
	double t0 = bench_now();
	mqd_t q;
	long i;

	for (i = 0; i < count; i++) {
		q = mq_open("/bench_create", O_CREAT | O_EXCL | O_RDWR, 0600,
			    &attr);
		if (q == (mqd_t)-1)
			die("create");
		mq_close(q);
		if (mq_unlink("/bench_create"))
			die("unlink");
	}
	return (bench_now() - t0) * 1e6 / count;
}

static int usage(void)
{
	fprintf(stderr, "usage: mq_open_bench make NAME | open KEY NAME "
		"[COUNT] [RUNS] | create [COUNT] [RUNS]\n");
	return 2;
}

int main(int argc, char **argv)
{
	double v[BENCH_MAX_RUNS];
	int runs = 5, r;
	long count = 5000;
	mqd_t q;

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "make") && argc == 3) {
		mq_unlink(argv[2]);
		q = mq_open(argv[2], O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
		if (q == (mqd_t)-1)
			die(argv[2]);
		return mq_close(q) != 0;
	}
	if (!strcmp(argv[1], "open") && argc >= 4) {
		if (argc > 4)
			count = bench_arg(argv[4], 1);
		if (argc > 5)
			runs = bench_runs(argv[5]);
		open_close(argv[3], count / 10 + 1);	/* warm the caches */
		for (r = 0; r < runs; r++)
			v[r] = open_close(argv[3], count);
		bench_report(argv[2], "us/op", "lower", v, runs);
		return 0;
	}
	if (!strcmp(argv[1], "create")) {
		if (argc > 2)
			count = bench_arg(argv[2], 1);
		if (argc > 3)
			runs = bench_runs(argv[3]);
		create_unlink(count / 10 + 1);
		for (r = 0; r < runs; r++)
			v[r] = create_unlink(count);
		bench_report("mq_create_unlink", "us/op", "lower", v, runs);
		return 0;
	}
	return usage();
}
