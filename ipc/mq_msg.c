// SPDX-License-Identifier: GPL-2.0
/*
 * Message queue messages: allocation, the one copy in from user space on
 * send and the one copy out on receive.
 *
 * A message that fits a page with its header is one slab object (a 16-byte
 * message and its header share a 64-byte object, as in Linux).  A longer
 * one keeps its bytes in an allocation of their own: an 8 KiB message is
 * then a small header and an 8 KiB slab object, where one allocation
 * would round 8 KiB plus the header up to 16 KiB of pages.  Bytes beyond
 * a few pages come from vmalloc (kvmalloc()), up to MQ_HARD_MSGSIZEMAX, so
 * a 16 MiB message needs no physically contiguous memory.  Everything is
 * charged to the sender's memory cgroup, as Linux charges msg_msg.
 *
 * Nothing here takes a lock: callers allocate and copy before they lock a
 * queue, and copy out after they unlocked it.
 */
#include <linux/err.h>
#include <linux/overflow.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <kunit/visibility.h>
#include <peios/mq_queue.h>

static_assert(offsetof(struct mq_msg, data) <= MQ_MSG_OVERHEAD,
	      "the RLIMIT_MSGQUEUE charge must cover a message header");

static struct mq_msg *mq_msg_new(size_t len, unsigned int prio)
{
	struct mq_msg *msg;

	char *bytes;

	if (len > MQ_HARD_MSGSIZEMAX)
		return ERR_PTR(-EMSGSIZE);
	if (!mq_msg_split(len)) {
		msg = kmalloc(struct_size(msg, data, len), GFP_KERNEL_ACCOUNT);
		if (!msg)
			return ERR_PTR(-ENOMEM);
		goto done;
	}
	msg = kmalloc(struct_size(msg, data, sizeof(bytes)),
		      GFP_KERNEL_ACCOUNT);
	bytes = kvmalloc(len, GFP_KERNEL_ACCOUNT);
	if (!msg || !bytes) {
		kfree(msg);
		kvfree(bytes);
		return ERR_PTR(-ENOMEM);
	}
	memcpy(msg->data, &bytes, sizeof(bytes));
done:
	msg->len = len;
	msg->prio = prio;
	return msg;
}

/**
 * mq_msg_alloc - allocate a message for kernel callers
 * @len: its length in bytes; the caller fills @data
 * @prio: its priority (checked on send)
 *
 * Return: the message, or ERR_PTR(-ENOMEM) or ERR_PTR(-EMSGSIZE).
 */
struct mq_msg *mq_msg_alloc(size_t len, unsigned int prio)
{
	return mq_msg_new(len, prio);
}
EXPORT_SYMBOL_IF_KUNIT(mq_msg_alloc);

/**
 * mq_msg_alloc_from_user - allocate a message and copy its bytes in
 * @buf: the sender's buffer
 * @len: its length
 * @prio: the message priority
 *
 * Return: the message, or ERR_PTR(-EFAULT), -ENOMEM or -EMSGSIZE.
 */
struct mq_msg *mq_msg_alloc_from_user(const void __user *buf, size_t len,
				      unsigned int prio)
{
	struct mq_msg *msg = mq_msg_new(len, prio);

	if (IS_ERR(msg))
		return msg;
	if (copy_from_user(mq_msg_bytes(msg), buf, len)) {
		mq_msg_free(msg);
		return ERR_PTR(-EFAULT);
	}
	return msg;
}
EXPORT_SYMBOL_IF_KUNIT(mq_msg_alloc_from_user);

/**
 * mq_msg_copy_to_user - deliver a received message to the receiver
 * @msg: the message, still owned by the caller
 * @buf: the receiver's buffer, at least @msg->len bytes
 * @prio: where to store the priority, or NULL
 *
 * Return: 0, or -EFAULT when either copy failed; the caller still owns
 * @msg either way (mq_queue_receive_user() puts it back on failure).
 */
int mq_msg_copy_to_user(const struct mq_msg *msg, void __user *buf,
			unsigned int __user *prio)
{
	if (prio && put_user(msg->prio, prio))
		return -EFAULT;
	if (copy_to_user(buf, mq_msg_bytes(msg), msg->len))
		return -EFAULT;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mq_msg_copy_to_user);

void mq_msg_free(struct mq_msg *msg)
{
	if (mq_msg_split(msg->len))
		kvfree(mq_msg_bytes(msg));
	kfree(msg);
}
EXPORT_SYMBOL_IF_KUNIT(mq_msg_free);
