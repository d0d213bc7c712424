// SPDX-License-Identifier: GPL-2.0
/*
 * mq_mem_bench: kernel memory per message queue and per queued message.
 *
 *   mq_mem_bench [QUEUES] [MESSAGES] [RUNS]
 *
 * Each run settles the kernel (sync, drop caches, wait until Slab stops
 * moving), takes a snapshot, creates QUEUES (default 1000) queues of
 * MESSAGES / QUEUES 16-byte slots (descriptors closed: only the queues
 * stay), takes another, queues MESSAGES (default 10000) 16-byte messages
 * spread evenly over them, takes a third, and removes everything.  Then the
 * same number of queues with default attributes (NULL attr) is measured.
 * Figures, bytes per queue or message:
 *   mem_per_queue, mem_per_msg, mem_per_queue_dflt
 *       slab objects in use: the sum of active objects x object size over
 *       /proc/slabinfo (misses page-sized and vmalloc memory; SLUB counts
 *       all objects of per-CPU slabs as in use)
 *   mem_slab_per_queue, mem_slab_per_msg
 *       Slab of /proc/meminfo: slab pages, with their unused room (slabs
 *       left partly free by earlier work absorb new objects)
 *   mem_total_per_queue, mem_total_per_msg
 *       MemFree of /proc/meminfo: all memory, slab or not; noisy (per-CPU
 *       page lists move in batches of ~250 KiB)
 * The first run also prints, as comments, the slab caches that grew most.
 * Needs root.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"

#define MAX_CACHES 512

struct mem {
	long slab_kb, free_kb, obj_bytes;
};

struct cache {
	char name[64];
	long bytes, objs;
};

static long meminfo_kb(const char *field)
{
	char line[128];
	size_t n = strlen(field);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror(path);
		close(fd);
	}
}

static int read_slabinfo(struct cache *c);

/* Bytes of slab objects in use, all caches. */
static long slab_objects(void)
{
	static struct cache c[MAX_CACHES];
	int i, n = read_slabinfo(c);
	long sum = 0;

	for (i = 0; i < n; i++)
		sum += c[i].bytes;
	return n ? sum : -1;
}

/* Drop reclaimable caches and wait for RCU-deferred frees to land. */
static struct mem settle(void)
{
	long last = -1, now;
	struct mem m;
	int i, still = 0;

	sync();
	write_file("/proc/sys/vm/drop_caches", "3");
	for (i = 0; i < 40 && still < 3; i++) {
		usleep(100000);
		now = meminfo_kb("Slab");
		still = last >= 0 && labs(now - last) <= 8 ? still + 1 : 0;
		last = now;
	}
	m.slab_kb = meminfo_kb("Slab");
	m.free_kb = meminfo_kb("MemFree");
	m.obj_bytes = slab_objects();
	return m;
}

static int read_slabinfo(struct cache *c)
{
	char line[512];
	long active, total, size;
	int n = 0;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return 0;
	while (n < MAX_CACHES && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %ld %ld %ld", c[n].name, &active,
			   &total, &size) != 4)
			continue;
		c[n].objs = active;
		c[n].bytes = active * size;
		n++;
	}
	fclose(f);
	return n;
}

/* Comment lines: the caches that grew most between @a and @b. */
static void slab_growth(const char *what, struct cache *a, int na,
			struct cache *b, int nb, long per)
{
	int i, j, k, best;

	for (k = 0; k < 6; k++) {
		best = -1;
		for (i = 0; i < nb; i++) {
			for (j = 0; j < na && strcmp(a[j].name, b[i].name); j++)
				;
			if (j < na) {
				b[i].bytes -= a[j].bytes;
				b[i].objs -= a[j].objs;
				a[j].name[0] = 0;	/* subtract once */
			}
			if (b[i].bytes > 0 &&
			    (best < 0 || b[i].bytes > b[best].bytes))
				best = i;
		}
		if (best < 0 || b[best].bytes < per)
			break;
		printf("#   %s: %-24s %+8.2f objects %+9.1f B\n", what,
		       b[best].name, (double)b[best].objs / per,
		       (double)b[best].bytes / per);
		b[best].bytes = 0;
	}
}

static void qname(char *buf, int i)
{
	sprintf(buf, "/bench_mem_%d", i);
}

static void make_queues(int n, struct mq_attr *attr)
{
	char name[32];
	mqd_t q;
	int i;

	for (i = 0; i < n; i++) {
		qname(name, i);
		mq_unlink(name);
		q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, attr);
		if (q == (mqd_t)-1) {
			perror(name);
			exit(1);
		}
		mq_close(q);
	}
}

static void fill_queues(int n, long per_queue)
{
	char name[32], buf[16] = "0123456789abcde";
	mqd_t q;
	int i;
	long j;

	for (i = 0; i < n; i++) {
		qname(name, i);
		q = mq_open(name, O_WRONLY);
		for (j = 0; j < per_queue; j++)
			if (q == (mqd_t)-1 || mq_send(q, buf, sizeof(buf), 1)) {
				perror("fill");
				exit(1);
			}
		mq_close(q);
	}
}

static void remove_queues(int n)
{
	char name[32];
	int i;

	for (i = 0; i < n; i++) {
		qname(name, i);
		mq_unlink(name);
	}
}

int main(int argc, char **argv)
{
	static struct cache before[MAX_CACHES], after[MAX_CACHES];
	double pq[BENCH_MAX_RUNS], pm[BENCH_MAX_RUNS], tq[BENCH_MAX_RUNS];
	double tm[BENCH_MAX_RUNS], dq[BENCH_MAX_RUNS], sq[BENCH_MAX_RUNS];
	double sm[BENCH_MAX_RUNS];
	long queues = argc > 1 ? bench_arg(argv[1], 1) : 1000;
	long msgs = argc > 2 ? bench_arg(argv[2], 1) : 10000;
	int runs = argc > 3 ? bench_runs(argv[3]) : 3, r, nb, na;
	long per_queue = (msgs + queues - 1) / queues;
	struct mq_attr attr = { .mq_maxmsg = per_queue, .mq_msgsize = 16 };
	struct mem m0, m1, m2;

	msgs = per_queue * queues;
	bench_unlimit_mq();
	if (slab_objects() < 0) {
		fprintf(stderr, "mq_mem_bench: no /proc/slabinfo\n");
		return 1;
	}
	printf("# mq_mem_bench: %ld queues of %ld x 16 B, %ld messages, %d runs\n",
	       queues, per_queue, msgs, runs);
	for (r = 0; r < runs; r++) {
		m0 = settle();
		nb = r ? 0 : read_slabinfo(before);
		make_queues(queues, &attr);
		m1 = settle();
		if (nb) {
			na = read_slabinfo(after);
			slab_growth("per queue", before, nb, after, na, queues);
			read_slabinfo(before);
		}
		fill_queues(queues, per_queue);
		m2 = settle();
		if (nb) {
			na = read_slabinfo(after);
			slab_growth("per msg", before, nb, after, na, msgs);
		}
		remove_queues(queues);
		pq[r] = (double)(m1.obj_bytes - m0.obj_bytes) / queues;
		pm[r] = (double)(m2.obj_bytes - m1.obj_bytes) / msgs;
		sq[r] = (m1.slab_kb - m0.slab_kb) * 1024.0 / queues;
		sm[r] = (m2.slab_kb - m1.slab_kb) * 1024.0 / msgs;
		tq[r] = (m0.free_kb - m1.free_kb) * 1024.0 / queues;
		tm[r] = (m1.free_kb - m2.free_kb) * 1024.0 / msgs;

		m0 = settle();
		make_queues(queues, NULL);
		m1 = settle();
		remove_queues(queues);
		dq[r] = (double)(m1.obj_bytes - m0.obj_bytes) / queues;
	}
	bench_report("mem_per_queue", "B", "lower", pq, runs);
	bench_report("mem_per_msg", "B", "lower", pm, runs);
	bench_report("mem_per_queue_dflt", "B", "lower", dq, runs);
	bench_report("mem_slab_per_queue", "B", "lower", sq, runs);
	bench_report("mem_slab_per_msg", "B", "lower", sm, runs);
	bench_report("mem_total_per_queue", "B", "lower", tq, runs);
	bench_report("mem_total_per_msg", "B", "lower", tm, runs);
	return 0;
}
