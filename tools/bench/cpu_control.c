// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_control: a user-space-only loop whose speed does not depend on the
 * kernel, so it measures how much CPU the guest was getting from the
 * host.  Its ratio between the two kernels' runs says how far host load
 * skews the other ratios (1.00: the same conditions).
 *
 *   cpu_control sample [ITERATIONS]  print ns per iteration of one run
 *   cpu_control report               read samples on stdin, print the
 *                                    figure control_cpu (bench.h format)
 * The guest suite takes a sample between benchmark programs, so the
 * figure spreads over the whole run.
 */
#include <stdint.h>
#include <string.h>
#include "bench.h"

static volatile uint32_t sink;

static double sample(long iters)
{
	uint32_t x = 2463534242u;
	double t0 = bench_now();
	long i;

	/* A dependent xorshift chain: no memory traffic, no system calls. */
	for (i = 0; i < iters; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
	}
	sink = x;
	return (bench_now() - t0) * 1e9 / iters;
}

int main(int argc, char **argv)
{
	double v[BENCH_MAX_RUNS];
	int n = 0;

	if (argc >= 2 && !strcmp(argv[1], "sample")) {
		printf("%.4f\n", sample(argc > 2 ? bench_arg(argv[2], 1)
					       : 5000000));
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "report")) {
		while (n < BENCH_MAX_RUNS && scanf("%lf", &v[n]) == 1)
			n++;
		if (!n)
			return 1;
		bench_report("control_cpu", "ns/iter", "lower", v, n);
		return 0;
	}
	fprintf(stderr, "usage: cpu_control sample [ITERS] | report\n");
	return 2;
}
