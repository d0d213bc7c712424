/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The message queue engine: one POSIX message queue's messages, its blocked
 * senders and receivers, and the hand-off between them.  It knows nothing of
 * files, names, security descriptors or syscalls; the mqueue filesystem
 * embeds a struct mq_queue in each queue inode and calls these functions.
 *
 * Documentation/mq-engine.md describes the design; ipc/mq_queue.c has the
 * locking rules and the hand-off protocol.
 */
#ifndef _PEIOS_MQ_QUEUE_H
#define _PEIOS_MQ_QUEUE_H

#include <linux/list.h>
#include <asm/page.h>
#include <linux/mqueue.h>
#include <linux/poll.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/wait.h>

/* Hard maxima, reachable only with the quota privilege (Linux's values). */
#define MQ_HARD_MSGMAX		65536
#define MQ_HARD_MSGSIZEMAX	(16 * 1024 * 1024)

/*
 * RLIMIT_MSGQUEUE charge per possible message and per possible priority
 * level, on top of maxmsg * msgsize.  These are the sizes Linux charges on
 * 64-bit (struct msg_msg and struct posix_msg_tree_node), so a user fits
 * exactly as many queues under the limit as with Linux's own mqueue.  They
 * are an upper bound of what this engine pins: its per-message header is
 * no larger than MQ_MSG_OVERHEAD and it has no per-priority nodes.
 */
#define MQ_MSG_OVERHEAD		48
#define MQ_PRIO_NODE_OVERHEAD	48

/*
 * One message.  A queue keeps its messages in FIFOs, one per priority in
 * use.  The oldest message of each priority (the FIFO's head) is linked in
 * the queue's rbtree by @node; @fifo strings it and its younger siblings
 * into a ring with no separate list head, so the head's @fifo.next is the
 * second oldest and its @fifo.prev the youngest.  Messages that are not
 * heads leave @node unused.  So a priority level costs no allocation of its
 * own, and inserting never allocates.
 */
struct mq_msg {
	struct list_head fifo;
	struct rb_node node;
	u32 len;		/* bytes, at most MQ_HARD_MSGSIZEMAX */
	u32 prio;		/* 0 .. MQ_PRIO_MAX - 1 */
	/*
	 * The bytes, or, for a message too long to share a page with this
	 * header (mq_msg_split()), a pointer to them: see mq_msg.c.
	 */
	char data[];
};

static inline bool mq_msg_split(size_t len)
{
	return len > PAGE_SIZE - offsetof(struct mq_msg, data);
}

/* Where a message's bytes are. */
static inline char *mq_msg_bytes(const struct mq_msg *msg)
{
	return mq_msg_split(msg->len) ? *(char *const *)msg->data :
					(char *)msg->data;
}

/*
 * One queue.  @lock protects every field below it except the constant
 * attributes and @poll_wait (which has its own lock).  The embedding
 * filesystem may take @lock to read a consistent snapshot or to change
 * @notify, never across a sleep or a user copy.
 */
struct mq_queue {
	/* Fixed at mq_queue_init(); read without the lock. */
	long maxmsg;
	long msgsize;

	spinlock_t lock;
	/* Heads of the per-priority FIFOs, highest priority leftmost. */
	struct rb_root_cached msgs;
	long curmsgs;
	unsigned long qsize;		/* sum of queued message lengths */
	/* Blocked tasks (struct mq_waiter), in the order they will be served. */
	struct list_head senders;
	struct list_head receivers;
	/*
	 * Called, with @lock held and in the sender's context (current is
	 * the sender), when a message enters an empty queue while no receiver
	 * waits: the mq_notify trigger.  NULL when nobody registered; the
	 * filesystem (fs/mqueue/file.c) sets and clears it under @lock with
	 * the registration, and may clear it from inside the call.  It must
	 * not sleep.
	 */
	void (*notify)(struct mq_queue *q);

	/* poll/select/epoll waiters; woken whenever curmsgs changes. */
	wait_queue_head_t poll_wait;
};

/* A consistent copy of a queue's counters, for mq_getsetattr and read(2). */
struct mq_queue_status {
	long maxmsg;
	long msgsize;
	long curmsgs;
	unsigned long qsize;
};

/* Messages: allocated and filled before any queue lock is taken. */
struct mq_msg *mq_msg_alloc(size_t len, unsigned int prio);
struct mq_msg *mq_msg_alloc_from_user(const void __user *buf, size_t len,
				      unsigned int prio);
int mq_msg_copy_to_user(const struct mq_msg *msg, void __user *buf,
			unsigned int __user *prio);
void mq_msg_free(struct mq_msg *msg);

/* Attributes, for mq_open: pure functions. */
int mq_attr_check(long maxmsg, long msgsize, long ns_msg_max,
		  long ns_msgsize_max, bool quota_privileged);
unsigned long mq_queue_charge(long maxmsg, long msgsize);

/* Life cycle. */
void mq_queue_init(struct mq_queue *q, long maxmsg, long msgsize);
void mq_queue_destroy(struct mq_queue *q);

/* Core operations, on kernel messages. */
int mq_queue_send(struct mq_queue *q, struct mq_msg *msg, bool nonblock,
		  const struct timespec64 *abs_timeout);
struct mq_msg *mq_queue_receive(struct mq_queue *q, size_t buf_len,
				bool nonblock,
				const struct timespec64 *abs_timeout);
void mq_queue_requeue(struct mq_queue *q, struct mq_msg *msg);

/* The same, with the one copy from or to user memory. */
int mq_queue_send_user(struct mq_queue *q, const char __user *buf,
		       size_t len, unsigned int prio, bool nonblock,
		       const struct timespec64 *abs_timeout);
ssize_t mq_queue_receive_user(struct mq_queue *q, char __user *buf,
			      size_t len, unsigned int __user *prio,
			      bool nonblock,
			      const struct timespec64 *abs_timeout);

/* Observers. */
__poll_t mq_queue_poll_mask(struct mq_queue *q);
void mq_queue_status(struct mq_queue *q, struct mq_queue_status *st);

#endif /* _PEIOS_MQ_QUEUE_H */
