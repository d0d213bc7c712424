// SPDX-License-Identifier: GPL-2.0
/*
 * Named semaphores on peios_shm, glibc's sem_* and the kernel path
 * (libpeios_sem) on the same two semaphores: every successful post and
 * wait is counted, so at the end value == posts - waits, and no waiter
 * may be left counted in the word.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>
#include "../../tools/libpeios_sem/peios_sem.h"
#include "stress.h"

#define CAP 32		/* posters pause above this value */

static const char *const sem_names[2] = { "/stress_a", "/stress_b" };
static const char *const sem_paths[2] = {
	"/dev/shm/sem.stress_a", "/dev/shm/sem.stress_b",
};

int sems_create(void)
{
	sem_t *s;
	int i;

	for (i = 0; i < 2; i++) {
		sem_unlink(sem_names[i]);
		s = sem_open(sem_names[i], O_CREAT | O_EXCL, 0600, 0);
		if (s == SEM_FAILED)
			return -1;
		sem_close(s);
	}
	return 0;
}

void sems_remove(void)
{
	sem_unlink(sem_names[0]);
	sem_unlink(sem_names[1]);
}

/* Role bits: which semaphore, post or wait, glibc or kernel path. */
#define R_SEM	1
#define R_POST	2
#define R_KPATH	4

struct sem_user {
	int which, post, kpath;
	sem_t *s;
	struct peios_sem k;
};

static int do_getvalue(struct sem_user *u, int *v)
{
	return u->kpath ? peios_sem_getvalue(&u->k, v) : sem_getvalue(u->s, v);
}

static void *sem_worker(void *arg)
{
	long role = (long)arg;
	struct sem_user u = { .which = role & R_SEM, .post = !!(role & R_POST),
			      .kpath = !!(role & R_KPATH) };
	struct timespec ts;
	uint32_t rng = 99 + role;
	int v = 0, r;

	register_thread();
	u.s = sem_open(sem_names[u.which], 0);
	if (u.s == SEM_FAILED ||
	    (u.kpath && peios_sem_open(&u.k, sem_paths[u.which]))) {
		err_note("semaphore open", errno);
		return NULL;
	}
	while (!atomic_load(&S->stop)) {
		if (u.post) {
			if (do_getvalue(&u, &v))
				err_note("sem getvalue", errno);
			if (v >= CAP || rnd(&rng) % 4 == 0) {
				msleep(1);
				continue;
			}
			r = u.kpath ? peios_sem_post(&u.k) : sem_post(u.s);
			if (!r)
				atomic_fetch_add(&S->sem_posts[u.which], 1);
			else
				err_note("sem post", errno);
			continue;
		}
		deadline_in(&ts, 50);
		r = u.kpath ? peios_sem_timedwait(&u.k, &ts) :
			      sem_timedwait(u.s, &ts);
		if (!r)
			atomic_fetch_add(&S->sem_waits[u.which], 1);
		else if (errno == ETIMEDOUT)
			atomic_fetch_add(&S->sem_timeouts, 1);
		else if (errno == EINTR)
			atomic_fetch_add(&S->eintr, 1);
		else
			err_note("sem wait", errno);
	}
	if (u.kpath)
		peios_sem_close(&u.k);
	sem_close(u.s);
	return NULL;
}

/* Every combination of semaphore, direction and path: eight threads. */
void run_sems(int restart)
{
	pthread_t t[8];
	long i;

	install_sigusr1(restart);
	for (i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, sem_worker, (void *)i);
	for (i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
}

/* 0 when semaphore @i balances; prints its figures. */
int sems_check(int i)
{
	unsigned long posts = atomic_load(&S->sem_posts[i]);
	unsigned long waits = atomic_load(&S->sem_waits[i]);
	uint64_t word = 0;
	int fd = open(sem_paths[i], O_RDONLY);

	if (fd < 0 || pread(fd, &word, sizeof(word), 0) != sizeof(word))
		word = ~0ull;
	if (fd >= 0)
		close(fd);
	printf("# semaphore %s: %lu posts, %lu waits, final value %u, waiters counted %u\n",
	       sem_names[i], posts, waits, (uint32_t)word,
	       (uint32_t)(word >> 32));
	return (uint32_t)word == posts - waits && (word >> 32) == 0 ? 0 : -1;
}
