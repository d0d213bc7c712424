/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mq_notify: one registration per queue, fired when a message enters an
 * empty queue while no receiver waits (Linux semantics: linux-compat.md).
 */
#ifndef _PEIOS_MQ_NOTIFY_H
#define _PEIOS_MQ_NOTIFY_H

#include <linux/signal.h>
#include <linux/types.h>

struct pid;
struct sk_buff;
struct sock;
struct user_namespace;

struct mq_notification {
	struct pid *owner;		/* registering process; NULL: none */
	struct user_namespace *user_ns;
	u64 self_exec_id;
	int type;			/* SIGEV_NONE, _SIGNAL or _THREAD */
	int signo;
	sigval_t value;
	struct sock *sock;		/* SIGEV_THREAD: netlink socket */
	struct sk_buff *cookie;		/* SIGEV_THREAD: the 32-byte cookie */
};

/*
 * Validate @event and take what a registration needs (the netlink socket
 * and the cookie for SIGEV_THREAD) into @n.  May sleep; no lock held.
 */
int mq_notify_prepare(const struct sigevent *event, struct mq_notification *n);
/* Give back what mq_notify_prepare() took, if it was not installed. */
void mq_notify_discard(struct mq_notification *n);

/* Under the queue lock.  -EBUSY if another registration is in place. */
int mq_notify_install(struct mq_notification *slot,
		      struct mq_notification *n);
bool mq_notify_owned_by_current(const struct mq_notification *slot);
/* Deliver (in the sender's context) or cancel, and clear the slot. */
void mq_notify_fire(struct mq_notification *slot);
void mq_notify_remove(struct mq_notification *slot);

#endif /* _PEIOS_MQ_NOTIFY_H */
