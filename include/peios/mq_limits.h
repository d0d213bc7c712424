/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Message queue limits: the /proc/sys/fs/mqueue sysctls (per IPC
 * namespace) and RLIMIT_MSGQUEUE, charged to the creating user.
 */
#ifndef _PEIOS_MQ_LIMITS_H
#define _PEIOS_MQ_LIMITS_H

#include <linux/uidgid.h>

struct peios_mq_user;

/* Charge @bytes to the current user: -EMFILE past RLIMIT_MSGQUEUE. */
int peios_mq_charge(unsigned long bytes, struct peios_mq_user **user);
void peios_mq_uncharge(struct peios_mq_user *user, unsigned long bytes);

int peios_mq_sysctl_init(void);
void peios_mq_sysctl_exit(void);

#endif /* _PEIOS_MQ_LIMITS_H */
