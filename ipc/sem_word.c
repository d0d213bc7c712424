// SPDX-License-Identifier: GPL-2.0
/*
 * The atomic steps of glibc's semaphore algorithm on a named semaphore's
 * word (include/peios/sem_word.h).  This file owns no state and takes no
 * lock: the word lives in a page shared with user space, where glibc
 * changes it with the same compare-and-swap steps at any moment, so every
 * change here is a cmpxchg loop on the 64-bit word, never a plain store.
 *
 * glibc (nptl/sem_waitcommon.c, sem_post.c, 64-bit atomics):
 *   post:  CAS data -> data + 1 (EOVERFLOW at SEM_VALUE_MAX); if the old
 *          word had waiters, FUTEX_WAKE 1 on the value.
 *   wait:  fast: CAS data -> data - 1 while the value is positive.
 *          slow: data += 1 << 32 (counted); loop { value 0: FUTEX_WAIT on
 *          value 0, reload; else CAS data -> data - 1 - (1 << 32) }; on
 *          timeout or EINTR data -= 1 << 32.
 * The kernel does the CAS steps; the futex calls are left to the caller.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <kunit/visibility.h>
#include <peios/sem_word.h>

#define SEM_VALUE_MASK	0xffffffffULL
#define SEM_ONE_WAITER	(1ULL << PEIOS_SEM_NWAITERS_SHIFT)

static inline u32 nwaiters(u64 d)
{
	return d >> PEIOS_SEM_NWAITERS_SHIFT;
}

int peios_sem_validate(const struct peios_sem_word *w, loff_t size)
{
	if (size != PEIOS_SEM_SIZE)
		return -EINVAL;
	if (READ_ONCE(w->private) != PEIOS_SEM_SHARED)
		return -EINVAL;
	if ((READ_ONCE(w->data) & SEM_VALUE_MASK) > PEIOS_SEM_VALUE_MAX)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(peios_sem_validate);

u32 peios_sem_value(const struct peios_sem_word *w)
{
	return READ_ONCE(w->data) & SEM_VALUE_MASK;
}
EXPORT_SYMBOL_IF_KUNIT(peios_sem_value);

int peios_sem_post(struct peios_sem_word *w)
{
	u64 d = READ_ONCE(w->data);

	do {
		if ((d & SEM_VALUE_MASK) >= PEIOS_SEM_VALUE_MAX)
			return -EOVERFLOW;
	} while (!try_cmpxchg64(&w->data, &d, d + 1));
	return nwaiters(d) ? PEIOS_SEM_MUST_WAKE : 0;
}
EXPORT_SYMBOL_IF_KUNIT(peios_sem_post);

int peios_sem_trywait(struct peios_sem_word *w)
{
	u64 d = READ_ONCE(w->data);

	while (d & SEM_VALUE_MASK)
		if (try_cmpxchg64(&w->data, &d, d - 1))
			return 0;
	return -EAGAIN;
}
EXPORT_SYMBOL_IF_KUNIT(peios_sem_trywait);

int peios_sem_wait_step(struct peios_sem_word *w, bool counted)
{
	u64 d = READ_ONCE(w->data);

	if (!counted) {
		if (!peios_sem_trywait(w))
			return 0;
		/* Count ourselves, then look again, as glibc's slow path. */
		d = READ_ONCE(w->data);
		do {
			if (nwaiters(d) == U32_MAX)
				return -EOVERFLOW;
		} while (!try_cmpxchg64(&w->data, &d, d + SEM_ONE_WAITER));
		d += SEM_ONE_WAITER;
	}
	for (;;) {
		if (!(d & SEM_VALUE_MASK))
			return PEIOS_SEM_MUST_BLOCK;
		/* Counted by us, so nwaiters(d) >= 1 unless user space lied. */
		if (!nwaiters(d)) {
			if (try_cmpxchg64(&w->data, &d, d - 1))
				return 0;
			continue;
		}
		if (try_cmpxchg64(&w->data, &d, d - 1 - SEM_ONE_WAITER))
			return 0;
	}
}
EXPORT_SYMBOL_IF_KUNIT(peios_sem_wait_step);

u32 peios_sem_uncount(struct peios_sem_word *w, u32 n)
{
	u64 d = READ_ONCE(w->data);
	u32 take;

	do {
		take = min(n, nwaiters(d));
		if (!take)
			return 0;
	} while (!try_cmpxchg64(&w->data, &d, d - take * SEM_ONE_WAITER));
	return take;
}
EXPORT_SYMBOL_IF_KUNIT(peios_sem_uncount);
