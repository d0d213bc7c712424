/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the VM benchmarks (the tools/bench programs).
 *
 * Every figure is printed as one machine-readable line
 *
 *   BENCH <key> <unit> <lower|higher> <median> <min> <max> <runs>
 *
 * read by scripts/bench-report.py; "lower" or "higher" says which way is
 * better.  Lines starting with '#' are comments for people.  The programs
 * only measure: nothing is asserted on a figure.
 */
#ifndef PEIOS_BENCH_H
#define PEIOS_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define BENCH_MAX_RUNS 64

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts @v; the median of an even count is the upper middle value. */
static inline void bench_report(const char *key, const char *unit,
				const char *better, double *v, int n)
{
	qsort(v, n, sizeof(*v), bench_cmp);
	printf("BENCH %s %s %s %.3f %.3f %.3f %d\n", key, unit, better,
	       v[n / 2], v[0], v[n - 1], n);
	fflush(stdout);
}

/* A count from the command line, at least @min; exits on nonsense. */
static inline long bench_arg(const char *s, long min)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < min) {
		fprintf(stderr, "bad number '%s' (at least %ld)\n", s, min);
		exit(2);
	}
	return v;
}

static inline int bench_runs(const char *s)
{
	long v = bench_arg(s, 1);

	if (v > BENCH_MAX_RUNS) {
		fprintf(stderr, "at most %d runs\n", BENCH_MAX_RUNS);
		exit(2);
	}
	return v;
}

/* Many or deep queues exceed the default RLIMIT_MSGQUEUE; root lifts it. */
static inline void bench_unlimit_mq(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

	if (setrlimit(RLIMIT_MSGQUEUE, &rl))
		perror("setrlimit(RLIMIT_MSGQUEUE)");
}

#endif
