/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mqueue filesystem as the syscalls see it: queue inodes and their
 * notification registration, creating and opening queues by name in the
 * caller's namespace.
 */
#ifndef _PEIOS_MQUEUE_FS_H
#define _PEIOS_MQUEUE_FS_H

#include <linux/fs.h>
#include <peios/mq_notify.h>
#include <peios/mq_queue.h>
#include <peios/object.h>

struct mq_attr;
struct peios_mq_ns;
struct peios_mq_user;
struct task_struct;

struct mq_inode {
	struct peios_inode pi;		/* descriptor and VFS inode: first */
	struct mq_queue queue;
	struct mq_notification notify;	/* under queue.lock */
	struct peios_mq_ns *ns;		/* referenced */
	struct peios_mq_user *charged;	/* RLIMIT_MSGQUEUE, or NULL */
	unsigned long charge;
	/*
	 * The task whose mq_open(O_CREAT) made this queue, while that call
	 * opens it: its ->open is the creator's (fs/mqueue/namei.c).
	 */
	struct task_struct *creator;
};

static inline struct mq_inode *MQ_I(const struct inode *inode)
{
	return container_of(PEIOS_I(inode), struct mq_inode, pi);
}

/*
 * The queue behind a descriptor, or NULL if it is not a queue.  What the
 * descriptor was granted at open is peios_file_granted().
 */
struct mq_inode *peios_mq_file_queue(const struct file *file);

/*
 * mq_notify: register @n for the caller (taken over on success; -EBUSY
 * when a registration is in place), or remove the caller's own.
 */
int peios_mq_notify_register(struct mq_inode *mi, struct mq_notification *n);
void peios_mq_notify_unregister(struct mq_inode *mi);

/* mq_open: the queue @name of the caller's namespace, opened. */
struct file *peios_mq_open_name(const char *name, int oflag, umode_t mode,
				const struct mq_attr *attr);
int peios_mq_unlink_name(const char *name);

#endif /* _PEIOS_MQUEUE_FS_H */
