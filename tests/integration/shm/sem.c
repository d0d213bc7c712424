// SPDX-License-Identifier: GPL-2.0
/*
 * Named semaphores through the C library across processes (glibc, and
 * musl as shm_sem_musl): create/open/EEXIST, producer and consumer, many
 * waiters, timed waits, trywait, getvalue, and unlink while in use.  Run
 * as root with peios_shm mounted at /dev/shm.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <semaphore.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../lib/tap.h"

#define ITEMS 2000
#define WAITERS 8

static int wait_children(int n)
{
	int status, bad = 0;

	while (n--)
		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad++;
	return bad;
}

static void test_open(void)
{
	sem_t *s, *t;
	int v = -1;

	sem_unlink("/peios_s1");
	s = sem_open("/peios_s1", O_CREAT | O_EXCL, 0600, 3);
	CHECK(s != SEM_FAILED, "sem_open creates a semaphore");
	CHECK(sem_open("/peios_s1", O_CREAT | O_EXCL, 0600, 3) == SEM_FAILED &&
	      errno == EEXIST, "O_EXCL on an existing semaphore is EEXIST");
	t = sem_open("/peios_s1", 0);
	CHECK(t != SEM_FAILED, "sem_open opens it again");
	CHECK(sem_getvalue(s, &v) == 0 && v == 3, "initial value 3");
	CHECK(sem_trywait(s) == 0 && sem_trywait(s) == 0 &&
	      sem_trywait(s) == 0, "three trywaits succeed");
	CHECK(sem_trywait(s) == -1 && errno == EAGAIN, "then EAGAIN");
	CHECK(sem_post(s) == 0 && sem_getvalue(t, &v) == 0 && v == 1,
	      "a post is seen through the other handle");
	sem_close(t);
	sem_close(s);
	CHECK(sem_unlink("/peios_s1") == 0, "sem_unlink");
	CHECK(sem_open("/peios_s1", 0) == SEM_FAILED && errno == ENOENT,
	      "an unlinked semaphore cannot be opened");
}

/* Producer/consumer over a shared ring guarded by two semaphores. */
static void test_producer_consumer(void)
{
	sem_t *items, *slots;
	int fd, *ring, i, bad;
	long sum = 0;

	sem_unlink("/peios_items");
	sem_unlink("/peios_slots");
	shm_unlink("/peios_ring");
	items = sem_open("/peios_items", O_CREAT | O_EXCL, 0600, 0);
	slots = sem_open("/peios_slots", O_CREAT | O_EXCL, 0600, 16);
	fd = shm_open("/peios_ring", O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK(items != SEM_FAILED && slots != SEM_FAILED && fd >= 0 &&
	      ftruncate(fd, 4096) == 0, "two semaphores and a ring");
	ring = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (fork() == 0) {
		sem_t *it = sem_open("/peios_items", 0);
		sem_t *sl = sem_open("/peios_slots", 0);

		for (i = 1; i <= ITEMS; i++) {
			sem_wait(sl);
			ring[i % 16] = i;
			sem_post(it);
		}
		_exit(0);
	}
	for (i = 1; i <= ITEMS; i++) {
		sem_wait(items);
		sum += ring[i % 16];
		sem_post(slots);
	}
	bad = wait_children(1);
	CHECK(!bad && sum == (long)ITEMS * (ITEMS + 1) / 2,
	      "%d items from another process, in order, none lost", ITEMS);
	munmap(ring, 4096);
	sem_close(items);
	sem_close(slots);
	sem_unlink("/peios_items");
	sem_unlink("/peios_slots");
	shm_unlink("/peios_ring");
}

static void test_many_waiters(void)
{
	sem_t *s;
	int i, v = -1;

	sem_unlink("/peios_many");
	s = sem_open("/peios_many", O_CREAT | O_EXCL, 0600, 0);
	for (i = 0; i < WAITERS; i++)
		if (fork() == 0) {
			sem_t *c = sem_open("/peios_many", 0);

			_exit(sem_wait(c) ? 1 : 0);
		}
	usleep(200000);
	/* Unlink while the waiters block: the semaphore lives on. */
	CHECK(sem_unlink("/peios_many") == 0, "unlink while %d wait", WAITERS);
	for (i = 0; i < WAITERS; i++)
		sem_post(s);
	CHECK(wait_children(WAITERS) == 0, "%d posts wake %d waiters",
	      WAITERS, WAITERS);
	CHECK(sem_getvalue(s, &v) == 0 && v == 0, "and the value is 0 again");
	sem_close(s);
}

static void test_timed(void)
{
	struct timespec t0, t1, abs;
	sem_t *s;
	long ms;

	sem_unlink("/peios_timed");
	s = sem_open("/peios_timed", O_CREAT | O_EXCL, 0600, 0);
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 150000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(sem_timedwait(s, &abs) == -1 && errno == ETIMEDOUT,
	      "sem_timedwait times out with ETIMEDOUT");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(ms >= 140 && ms < 5000, "after the deadline (%ld ms)", ms);
	abs.tv_nsec = 1000000000;
	CHECK(sem_timedwait(s, &abs) == -1 && errno == EINVAL,
	      "tv_nsec out of range is EINVAL");
	if (fork() == 0) {
		sem_t *c = sem_open("/peios_timed", 0);

		usleep(100000);
		sem_post(c);
		_exit(0);
	}
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_sec += 10;
	CHECK(sem_timedwait(s, &abs) == 0, "a post ends a timed wait");
	wait_children(1);
	sem_close(s);
	sem_unlink("/peios_timed");
}

int main(void)
{
	umask(022);
	test_open();
	test_producer_consumer();
	test_many_waiters();
	test_timed();
	return tap_done();
}
