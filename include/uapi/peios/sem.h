/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The kernel semaphore path of peios_shm: ioctls on an open /dev/shm/sem.*
 * file.  The kernel does the atomic steps on the semaphore word that glibc
 * uses; blocking and waking are futex calls made by the caller
 * (Documentation/semaphores.md, tools/libpeios_sem).
 *
 * glibc's x86_64 sem_t, the only layout the kernel accepts (a file of
 * exactly PEIOS_SEM_SIZE bytes):
 *   offset 0: __u64 data: value in the low 32 bits (at most
 *             PEIOS_SEM_VALUE_MAX), waiter count in the high 32 bits
 *   offset 8: __s32 private: PEIOS_SEM_SHARED (FUTEX_PRIVATE_FLAG, which
 *             glibc XORs into its futex operations: shared futexes)
 *   offset 12: padding to 32 bytes
 * Futexes are waited on and woken at offset 0 (the value), shared.
 */
#ifndef _UAPI_PEIOS_SEM_H
#define _UAPI_PEIOS_SEM_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PEIOS_SEM_SIZE		32
#define PEIOS_SEM_VALUE_MAX	0x7fffffff
#define PEIOS_SEM_SHARED	128
#define PEIOS_SEM_NWAITERS_SHIFT 32

/* Argument of PEIOS_SEM_IOC_WAIT. */
struct peios_sem_wait {
	__u32 flags;		/* PEIOS_SEM_WAIT_* */
	__s32 clockid;		/* CLOCK_REALTIME or CLOCK_MONOTONIC */
	__s64 tv_sec;		/* absolute deadline, with ..._TIMEOUT */
	__s64 tv_nsec;
};

/* The deadline is valid; without it the wait has none. */
#define PEIOS_SEM_WAIT_TIMEOUT	0x1
/*
 * The caller was told to block by an earlier WAIT on this descriptor and
 * has waited on the futex: it is counted as a waiter already.
 */
#define PEIOS_SEM_WAIT_RETRY	0x2

/* Return values of POST and WAIT besides 0 and -1/errno. */
#define PEIOS_SEM_MUST_WAKE	1	/* POST: FUTEX_WAKE one waiter */
#define PEIOS_SEM_MUST_BLOCK	1	/* WAIT: counted; FUTEX_WAIT on 0 */

#define PEIOS_SEM_IOC_MAGIC	0xE9

/* Increment; EOVERFLOW at PEIOS_SEM_VALUE_MAX.  Needs READ+WRITE_DATA. */
#define PEIOS_SEM_IOC_POST	_IO(PEIOS_SEM_IOC_MAGIC, 1)
/* Decrement if positive, else EAGAIN.  Needs READ+WRITE_DATA. */
#define PEIOS_SEM_IOC_TRYWAIT	_IO(PEIOS_SEM_IOC_MAGIC, 2)
/*
 * Decrement if positive (0); else count the caller as a waiter and return
 * PEIOS_SEM_MUST_BLOCK, or ETIMEDOUT (no longer counted) when the deadline
 * has passed.  EINVAL for a bad flag, clock or tv_nsec.  Needs
 * READ+WRITE_DATA.
 */
#define PEIOS_SEM_IOC_WAIT	_IOW(PEIOS_SEM_IOC_MAGIC, 3, struct peios_sem_wait)
/* Stop waiting (after EINTR): uncount one waiter of this descriptor. */
#define PEIOS_SEM_IOC_UNWAIT	_IO(PEIOS_SEM_IOC_MAGIC, 4)
/* The current value.  Needs READ_DATA. */
#define PEIOS_SEM_IOC_GETVALUE	_IOR(PEIOS_SEM_IOC_MAGIC, 5, __u32)

#endif /* _UAPI_PEIOS_SEM_H */
