/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The semaphore word of a named semaphore (glibc's x86_64 sem_t, see
 * include/uapi/peios/sem.h): the atomic steps of glibc's sem_post,
 * sem_wait and sem_trywait, done by the kernel on the shared page, and the
 * shape check that runs before any of them.  Blocking and waking are the
 * caller's futex calls (Documentation/semaphores.md).
 *
 * Every function works on a kernel mapping of the first bytes of the
 * semaphore file; the word is 8-byte aligned (page offset 0).
 */
#ifndef _PEIOS_SEM_WORD_H
#define _PEIOS_SEM_WORD_H

#include <linux/types.h>
#include <uapi/peios/sem.h>

/* The glibc layout, as seen through the kernel mapping. */
struct peios_sem_word {
	u64 data;		/* value | nwaiters << 32 */
	s32 private;		/* PEIOS_SEM_SHARED */
	s32 pad;
};

/* 0 if @size bytes at @w hold a shared glibc semaphore, else -EINVAL. */
int peios_sem_validate(const struct peios_sem_word *w, loff_t size);

u32 peios_sem_value(const struct peios_sem_word *w);
/* 0, or PEIOS_SEM_MUST_WAKE; -EOVERFLOW at the maximum. */
int peios_sem_post(struct peios_sem_word *w);
/* 0, or -EAGAIN when the value is 0. */
int peios_sem_trywait(struct peios_sem_word *w);
/*
 * One step of sem_wait.  @counted: the caller is already one of the
 * waiters.  Returns 0 (acquired; a counted caller is uncounted in the same
 * atomic step) or PEIOS_SEM_MUST_BLOCK (the caller is counted now);
 * -EOVERFLOW if the waiter count is full.
 */
int peios_sem_wait_step(struct peios_sem_word *w, bool counted);
/* Uncount up to @n waiters; returns how many were counted. */
u32 peios_sem_uncount(struct peios_sem_word *w, u32 n);

#endif /* _PEIOS_SEM_WORD_H */
