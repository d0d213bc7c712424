/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libpeios_sem: named semaphores through the kernel path of peios_shm.
 *
 * The kernel checks the descriptor's granted rights and does the atomic
 * steps on the semaphore word (ioctls of include/uapi/peios/sem.h); this
 * library makes the futex calls the kernel cannot, exactly as glibc does,
 * so a program using it and a program using glibc's sem_* share one
 * semaphore with no lost wake-up (Documentation/semaphores.md).
 *
 * Functions return 0, or -1 with errno set, like sem_*(3).
 */
#ifndef PEIOS_SEM_LIB_H
#define PEIOS_SEM_LIB_H

#include <stdint.h>
#include <time.h>

struct peios_sem {
	int fd;
	uint32_t *futex;	/* the value word, mapped shared read-only */
};

/* Open /dev/shm/sem.NAME (or any path) O_RDWR|O_NOFOLLOW|O_CLOEXEC. */
int peios_sem_open(struct peios_sem *sem, const char *path);
/* Use an already open descriptor (kept; closed by peios_sem_close). */
int peios_sem_attach(struct peios_sem *sem, int fd);
void peios_sem_close(struct peios_sem *sem);

int peios_sem_post(struct peios_sem *sem);
int peios_sem_wait(struct peios_sem *sem);
int peios_sem_trywait(struct peios_sem *sem);
/* Absolute deadline on CLOCK_REALTIME, as sem_timedwait. */
int peios_sem_timedwait(struct peios_sem *sem, const struct timespec *abs);
/* Absolute deadline on CLOCK_REALTIME or CLOCK_MONOTONIC. */
int peios_sem_clockwait(struct peios_sem *sem, clockid_t clock,
			const struct timespec *abs);
int peios_sem_getvalue(struct peios_sem *sem, int *value);

#endif
