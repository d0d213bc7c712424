// SPDX-License-Identifier: GPL-2.0
/*
 * A queue's file: the open's check and grant, read(2)'s status line, poll,
 * and the queue's mq_notify registration, which this file alone installs
 * and removes, keeping the engine's q->notify trigger set exactly while a
 * registration is in place.
 *
 * Locking: the registration (mq_inode.notify) and q->notify are changed
 * together under the queue lock, never across a sleep.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include "internal.h"

/*
 * The open's check and what it is granted (peios_object_open_granted):
 * open(2) and mq_open of an existing queue alike; open(O_CREAT) in a
 * mounted /dev/mqueue and mq_open(O_CREAT) that made the queue are
 * creators.
 */
static int mq_file_open(struct inode *inode, struct file *file)
{
	bool creator = READ_ONCE(MQ_I(inode)->creator) == current;
	u32 granted;
	int ret;

	ret = peios_object_open_granted(inode, file, creator, &granted);
	if (ret)
		return ret;
	/* The grant is all an open keeps: no allocation for it. */
	peios_file_keep_granted(file, granted);
	return 0;
}

/* Closing the registering process's descriptor removes its registration. */
static int mq_file_flush(struct file *file, fl_owner_t id)
{
	peios_mq_notify_unregister(MQ_I(file_inode(file)));
	return 0;
}

static ssize_t mq_file_read(struct file *file, char __user *buf, size_t count,
			    loff_t *ppos)
{
	struct mq_inode *mi = MQ_I(file_inode(file));
	char line[MQ_STATUS_LEN];
	int ret;

	ret = peios_file_check(file, PEIOS_OP_GETATTR,
			       PEIOS_FILE_READ_ATTRIBUTES);
	if (ret)
		return ret;
	spin_lock(&mi->queue.lock);
	snprintf(line, sizeof(line),
		 "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		 mi->queue.qsize, mi->notify.owner ? mi->notify.type : 0,
		 mi->notify.owner && mi->notify.type == SIGEV_SIGNAL ?
		 mi->notify.signo : 0, pid_vnr(mi->notify.owner));
	spin_unlock(&mi->queue.lock);
	return simple_read_from_buffer(buf, count, ppos, line, strlen(line));
}

static __poll_t mq_file_poll(struct file *file, struct poll_table_struct *pt)
{
	struct mq_inode *mi = MQ_I(file_inode(file));

	poll_wait(file, &mi->queue.poll_wait, pt);
	return mq_queue_poll_mask(&mi->queue);
}

const struct file_operations mq_file_ops = {
	.owner = THIS_MODULE,
	.open = mq_file_open,
	.flush = mq_file_flush,
	.read = mq_file_read,
	.poll = mq_file_poll,
	.llseek = default_llseek,
};

struct mq_inode *peios_mq_file_queue(const struct file *file)
{
	return file->f_op == &mq_file_ops ? MQ_I(file_inode(file)) : NULL;
}

/* --- the mq_notify registration ------------------------------------------ */

/* The engine calls this under the queue lock, in the sender's context. */
static void mq_fire_notification(struct mq_queue *q)
{
	struct mq_inode *mi = container_of(q, struct mq_inode, queue);

	mq_notify_fire(&mi->notify);
	q->notify = NULL;
}

int peios_mq_notify_register(struct mq_inode *mi, struct mq_notification *n)
{
	int ret;

	spin_lock(&mi->queue.lock);
	ret = mq_notify_install(&mi->notify, n);
	if (!ret)
		mi->queue.notify = mq_fire_notification;
	spin_unlock(&mi->queue.lock);
	return ret;
}

/* Under the queue lock. */
static void mq_notify_clear(struct mq_inode *mi)
{
	mq_notify_remove(&mi->notify);
	mi->queue.notify = NULL;
}

/* mq_notify(fd, NULL), and any close by the registering process. */
void peios_mq_notify_unregister(struct mq_inode *mi)
{
	spin_lock(&mi->queue.lock);
	if (mq_notify_owned_by_current(&mi->notify))
		mq_notify_clear(mi);
	spin_unlock(&mi->queue.lock);
}

void mq_notify_drop(struct mq_inode *mi)
{
	spin_lock(&mi->queue.lock);
	mq_notify_clear(mi);
	spin_unlock(&mi->queue.lock);
}
