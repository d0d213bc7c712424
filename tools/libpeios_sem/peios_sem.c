// SPDX-License-Identifier: GPL-2.0
/*
 * libpeios_sem: the futex half of the kernel semaphore path.
 *
 * Protocol (glibc's nptl semaphore algorithm, split at the atomics):
 *   post: ioctl(POST) increments the value; it returns
 *         PEIOS_SEM_MUST_WAKE when waiters were counted, and we then
 *         FUTEX_WAKE one waiter on the value word, as glibc's sem_post.
 *   wait: ioctl(WAIT) takes a unit if there is one (0).  Otherwise it
 *         counts us as a waiter and returns PEIOS_SEM_MUST_BLOCK; we
 *         FUTEX_WAIT_BITSET on the value word expecting 0 (shared, with
 *         the deadline's clock), then ioctl(WAIT | RETRY), which takes a
 *         unit and uncounts us in one step, or says block again, or
 *         uncounts us and fails with ETIMEDOUT past the deadline.  After
 *         EINTR, ioctl(UNWAIT) uncounts us.
 * Because the waiter is counted before it sleeps and the futex wait only
 * sleeps while the value is still 0, a post between the two either makes
 * the futex wait return at once or sees the count and wakes it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <peios/sem.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "peios_sem.h"

static long futex(uint32_t *word, int op, uint32_t val,
		  const struct timespec *ts, uint32_t val3)
{
	return syscall(SYS_futex, word, op, val, ts, NULL, val3);
}

int peios_sem_attach(struct peios_sem *sem, int fd)
{
	void *map;

	map = mmap(NULL, PEIOS_SEM_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return -1;
	sem->fd = fd;
	sem->futex = map;
	return 0;
}

int peios_sem_open(struct peios_sem *sem, const char *path)
{
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	int err;

	if (fd < 0)
		return -1;
	if (peios_sem_attach(sem, fd)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return 0;
}

void peios_sem_close(struct peios_sem *sem)
{
	munmap(sem->futex, PEIOS_SEM_SIZE);
	close(sem->fd);
	sem->fd = -1;
	sem->futex = NULL;
}

int peios_sem_post(struct peios_sem *sem)
{
	int ret = ioctl(sem->fd, PEIOS_SEM_IOC_POST);

	if (ret < 0)
		return -1;
	if (ret == PEIOS_SEM_MUST_WAKE)
		futex(sem->futex, FUTEX_WAKE, 1, NULL, 0);
	return 0;
}

int peios_sem_trywait(struct peios_sem *sem)
{
	return ioctl(sem->fd, PEIOS_SEM_IOC_TRYWAIT) < 0 ? -1 : 0;
}

static int do_wait(struct peios_sem *sem, clockid_t clock,
		   const struct timespec *abs)
{
	struct peios_sem_wait arg = { .clockid = clock };
	int op = FUTEX_WAIT_BITSET;
	int ret, err;

	if (abs) {
		arg.flags = PEIOS_SEM_WAIT_TIMEOUT;
		arg.tv_sec = abs->tv_sec;
		arg.tv_nsec = abs->tv_nsec;
		if (clock == CLOCK_REALTIME)
			op |= FUTEX_CLOCK_REALTIME;
	}
	for (;;) {
		ret = ioctl(sem->fd, PEIOS_SEM_IOC_WAIT, &arg);
		if (ret <= 0)
			return ret < 0 ? -1 : 0;
		arg.flags |= PEIOS_SEM_WAIT_RETRY;
		if (futex(sem->futex, op, 0, abs, FUTEX_BITSET_MATCH_ANY) &&
		    errno == EINTR) {
			err = errno;
			ioctl(sem->fd, PEIOS_SEM_IOC_UNWAIT);
			errno = err;
			return -1;
		}
		/* Woken, value changed (EAGAIN) or timed out: ask again. */
	}
}

int peios_sem_wait(struct peios_sem *sem)
{
	return do_wait(sem, CLOCK_REALTIME, NULL);
}

int peios_sem_timedwait(struct peios_sem *sem, const struct timespec *abs)
{
	return do_wait(sem, CLOCK_REALTIME, abs);
}

int peios_sem_clockwait(struct peios_sem *sem, clockid_t clock,
			const struct timespec *abs)
{
	return do_wait(sem, clock, abs);
}

int peios_sem_getvalue(struct peios_sem *sem, int *value)
{
	__u32 v;

	if (ioctl(sem->fd, PEIOS_SEM_IOC_GETVALUE, &v) < 0)
		return -1;
	*value = (int)v;
	return 0;
}
