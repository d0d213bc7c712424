/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The POSIX message queue operations, on kernel copies of the syscalls'
 * structures.  The native and ia32 entry points (syscall/entry_*.c) copy and
 * convert user memory, then call these, so both ABIs share one
 * implementation.
 */
#ifndef _PEIOS_MQ_H
#define _PEIOS_MQ_H

#include <linux/types.h>
#include <linux/time64.h>
#include <linux/signal.h>

struct mq_attr;

long peios_mq_open(const char __user *name, int oflag, umode_t mode,
		   struct mq_attr *attr);
long peios_mq_unlink(const char __user *name);
long peios_mq_timedsend(int fd, const char __user *msg, size_t len,
			unsigned int prio, struct timespec64 *timeout);
long peios_mq_timedreceive(int fd, char __user *msg, size_t len,
			   unsigned int __user *prio,
			   struct timespec64 *timeout);
long peios_mq_notify(int fd, const struct sigevent *event);
long peios_mq_getsetattr(int fd, const struct mq_attr *new,
			 struct mq_attr *old);

int peios_syscalls_init(void);
void peios_syscalls_exit(void);

#endif /* _PEIOS_MQ_H */
