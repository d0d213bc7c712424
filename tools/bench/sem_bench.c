// SPDX-License-Identifier: GPL-2.0
/*
 * sem_bench: named semaphore costs on peios_shm against tmpfs, same kernel.
 *
 *   sem_bench PEIOS_DIR TMPFS_DIR [ITERATIONS]
 *
 * 1. glibc sem_post + sem_wait, uncontended, on a semaphore in a file of
 *    each filesystem (pure user-space atomics once mapped: the mapping is
 *    the only thing the filesystem provides);
 * 2. the kernel path (libpeios_sem: two ioctls) post + wait, uncontended;
 * 3. two-process ping-pong (post the other's semaphore, wait for one's
 *    own), round trip, glibc on each filesystem and the kernel path.
 * Each figure is the median of 5 runs, in ns per operation pair.  Built
 * static for the test VM (tests/integration/Makefile).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../libpeios_sem/peios_sem.h"

#define RUNS 5

static long iters = 200000;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v)
{
	qsort(v, RUNS, sizeof(*v), cmp);
	return v[RUNS / 2];
}

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

static double glibc_uncontended(const char *dir)
{
	double v[RUNS], t;
	sem_t *s = file_sem(dir, "bench1", NULL);
	long i;
	int r;

	for (r = 0; r < RUNS; r++) {
		t = now_ns();
		for (i = 0; i < iters; i++) {
			sem_post(s);
			sem_wait(s);
		}
		v[r] = (now_ns() - t) / iters;
	}
	munmap(s, sizeof(sem_t));
	return median(v);
}

static double kernel_uncontended(const char *dir)
{
	struct peios_sem k;
	double v[RUNS], t;
	int fd, r;
	long i;

	munmap(file_sem(dir, "bench2", &fd), sizeof(sem_t));
	if (peios_sem_attach(&k, fd)) {
		perror("attach");
		exit(1);
	}
	for (r = 0; r < RUNS; r++) {
		t = now_ns();
		for (i = 0; i < iters; i++) {
			peios_sem_post(&k);
			peios_sem_wait(&k);
		}
		v[r] = (now_ns() - t) / iters;
	}
	peios_sem_close(&k);
	return median(v);
}

static double pingpong(const char *dir, int kernel)
{
	long rounds = iters / 10, i;
	struct peios_sem ka, kb;
	double v[RUNS], t;
	sem_t *a, *b;
	int fa, fb, r;

	a = file_sem(dir, "ping", &fa);
	b = file_sem(dir, "pong", &fb);
	if (kernel && (peios_sem_attach(&ka, fa) || peios_sem_attach(&kb, fb))) {
		perror("attach");
		exit(1);
	}
	for (r = 0; r < RUNS; r++) {
		if (fork() == 0) {
			for (i = 0; i < rounds; i++) {
				if (kernel) {
					peios_sem_wait(&ka);
					peios_sem_post(&kb);
				} else {
					sem_wait(a);
					sem_post(b);
				}
			}
			_exit(0);
		}
		t = now_ns();
		for (i = 0; i < rounds; i++) {
			if (kernel) {
				peios_sem_post(&ka);
				peios_sem_wait(&kb);
			} else {
				sem_post(a);
				sem_wait(b);
			}
		}
		v[r] = (now_ns() - t) / rounds;
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
	return median(v);
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
	if (argc < 3) {
		fprintf(stderr, "usage: sem_bench PEIOS_DIR TMPFS_DIR [ITERS]\n");
		return 2;
	}
	if (argc > 3)
		iters = strtol(argv[3], NULL, 10);
	printf("median of %d runs, %ld iterations (ping-pong %ld rounds)\n",
	       RUNS, iters, iters / 10);
	printf("glibc post+wait uncontended, peios_shm: %8.1f ns\n",
	       glibc_uncontended(argv[1]));
	printf("glibc post+wait uncontended, tmpfs:     %8.1f ns\n",
	       glibc_uncontended(argv[2]));
	printf("kernel path post+wait, peios_shm:       %8.1f ns\n",
	       kernel_uncontended(argv[1]));
	printf("glibc ping-pong round trip, peios_shm:  %8.1f ns\n",
	       pingpong(argv[1], 0));
	printf("glibc ping-pong round trip, tmpfs:      %8.1f ns\n",
	       pingpong(argv[2], 0));
	printf("kernel path ping-pong, peios_shm:       %8.1f ns\n",
	       pingpong(argv[1], 1));
	cleanup(argv[1]);
	cleanup(argv[2]);
	return 0;
}
