// SPDX-License-Identifier: GPL-2.0
/*
 * sem_bench: named semaphore costs on one /dev/shm-like directory.
 *
 *   sem_bench [-k] DIR [ITERATIONS] [RUNS]
 *
 * - sem_glibc_postwait: glibc sem_post + sem_wait, uncontended, on a
 *   semaphore in the file DIR/sem.bench1 (pure user-space atomics once
 *   mapped: the mapping is all the filesystem provides), ns per pair;
 * - sem_pingpong: two processes, each posting the other's semaphore and
 *   waiting on its own, ns per round trip (ITERATIONS / 10 rounds);
 * - with -k, the kernel path of peios_shm (libpeios_sem: an ioctl a step,
 *   futex calls when blocking): sem_kernel_postwait, sem_kernel_pingpong;
 * - when DIR is /dev/shm (where glibc's sem_open looks), sem_open_close:
 *   sem_open of an existing semaphore + sem_close, us per pair.
 * ITERATIONS defaults to 200000, RUNS to 5; output as in bench.h.  Built
 * static for the test VM (tools/bench/bench.mk).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../libpeios_sem/peios_sem.h"
#include "bench.h"

static long iters = 200000;
static int runs = 5;

/* A glibc sem_t (pshared) in the file DIR/sem.NAME, mapped. */
static sem_t *file_sem(const char *dir, const char *name, int *fdp)
{
	char path[256];
	sem_t *s;
	int fd;

	snprintf(path, sizeof(path), "%s/sem.%s", dir, name);
	unlink(path);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || ftruncate(fd, sizeof(sem_t))) {
		perror(path);
		exit(1);
	}
	s = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 0);
	if (s == MAP_FAILED || sem_init(s, 1, 0)) {
		perror("mmap/sem_init");
		exit(1);
	}
	if (fdp)
		*fdp = fd;
	else
		close(fd);
	return s;
}

static void glibc_uncontended(const char *dir)
{
	double v[BENCH_MAX_RUNS], t;
	sem_t *s = file_sem(dir, "bench1", NULL);
	long i;
	int r;

	for (r = 0; r < runs; r++) {
		t = bench_now();
		for (i = 0; i < iters; i++) {
			sem_post(s);
			sem_wait(s);
		}
		v[r] = (bench_now() - t) * 1e9 / iters;
	}
	munmap(s, sizeof(sem_t));
	bench_report("sem_glibc_postwait", "ns/op", "lower", v, runs);
}

static void kernel_uncontended(const char *dir)
{
	double v[BENCH_MAX_RUNS], t;
	struct peios_sem k;
	int fd, r;
	long i;

	munmap(file_sem(dir, "bench2", &fd), sizeof(sem_t));
	if (peios_sem_attach(&k, fd)) {
		perror("attach");
		exit(1);
	}
	for (r = 0; r < runs; r++) {
		t = bench_now();
		for (i = 0; i < iters; i++) {
			peios_sem_post(&k);
			peios_sem_wait(&k);
		}
		v[r] = (bench_now() - t) * 1e9 / iters;
	}
	peios_sem_close(&k);
	bench_report("sem_kernel_postwait", "ns/op", "lower", v, runs);
}

static void post(int kernel, struct peios_sem *k, sem_t *s)
{
	if (kernel)
		peios_sem_post(k);
	else
		sem_post(s);
}

static void wait_for(int kernel, struct peios_sem *k, sem_t *s)
{
	if (kernel)
		peios_sem_wait(k);
	else
		sem_wait(s);
}

static void pingpong(const char *dir, int kernel)
{
	long rounds = iters / 10 > 1 ? iters / 10 : 2, i;
	double v[BENCH_MAX_RUNS], t;
	struct peios_sem ka, kb;
	sem_t *a, *b;
	int fa, fb, r;

	a = file_sem(dir, "ping", &fa);
	b = file_sem(dir, "pong", &fb);
	if (kernel && (peios_sem_attach(&ka, fa) || peios_sem_attach(&kb, fb))) {
		perror("attach");
		exit(1);
	}
	for (r = 0; r < runs; r++) {
		if (fork() == 0) {
			for (i = 0; i < rounds; i++) {
				wait_for(kernel, &ka, a);
				post(kernel, &kb, b);
			}
			_exit(0);
		}
		t = bench_now();
		for (i = 0; i < rounds; i++) {
			post(kernel, &ka, a);
			wait_for(kernel, &kb, b);
		}
		v[r] = (bench_now() - t) * 1e9 / rounds;
		wait(NULL);
	}
	munmap(a, sizeof(sem_t));
	munmap(b, sizeof(sem_t));
	if (kernel) {
		peios_sem_close(&ka);
		peios_sem_close(&kb);
	} else {
		close(fa);
		close(fb);
	}
	bench_report(kernel ? "sem_kernel_pingpong" : "sem_pingpong",
		     "ns/roundtrip", "lower", v, runs);
}

static void open_close(void)
{
	long count = iters / 40 > 1 ? iters / 40 : 1, i;
	double v[BENCH_MAX_RUNS], t;
	sem_t *s;
	int r;

	sem_unlink("/bench_oc");
	s = sem_open("/bench_oc", O_CREAT | O_EXCL, 0600, 0);
	if (s == SEM_FAILED) {
		perror("sem_open create");
		exit(1);
	}
	sem_close(s);
	for (r = 0; r < runs; r++) {
		t = bench_now();
		for (i = 0; i < count; i++) {
			s = sem_open("/bench_oc", 0);
			if (s == SEM_FAILED) {
				perror("sem_open");
				exit(1);
			}
			sem_close(s);
		}
		v[r] = (bench_now() - t) * 1e6 / count;
	}
	sem_unlink("/bench_oc");
	bench_report("sem_open_close", "us/op", "lower", v, runs);
}

static void cleanup(const char *dir)
{
	const char *names[] = { "bench1", "bench2", "ping", "pong" };
	char path[256];
	unsigned int i;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/sem.%s", dir, names[i]);
		unlink(path);
	}
}

int main(int argc, char **argv)
{
	int kernel = argc > 1 && !strcmp(argv[1], "-k");
	const char *dir;

	argv += kernel;
	argc -= kernel;
	if (argc < 2) {
		fprintf(stderr, "usage: sem_bench [-k] DIR [ITERS] [RUNS]\n");
		return 2;
	}
	dir = argv[1];
	if (argc > 2)
		iters = bench_arg(argv[2], 1);
	if (argc > 3)
		runs = bench_runs(argv[3]);
	printf("# sem_bench %s: %ld iterations, %d runs per figure\n", dir,
	       iters, runs);
	glibc_uncontended(dir);
	pingpong(dir, 0);
	if (kernel) {
		kernel_uncontended(dir);
		pingpong(dir, 1);
	}
	if (!strcmp(dir, "/dev/shm"))
		open_close();
	cleanup(dir);
	return 0;
}
