// SPDX-License-Identifier: GPL-2.0
/*
 * mq_notify registrations: SIGEV_NONE, SIGEV_SIGNAL and SIGEV_THREAD.
 *
 * SIGEV_THREAD is glibc's and musl's: sigev_signo is an AF_NETLINK socket
 * and sival_ptr a 32-byte cookie, which the kernel queues on that socket
 * with byte 31 set to NOTIFY_WOKENUP when the notification fires, or to
 * NOTIFY_REMOVED when the registration goes.  Linux's netlink helpers for
 * this are not exported, so the cookie is charged to the socket when the
 * registration is made and queued with the socket's own primitives.
 *
 * Everything that can sleep happens in mq_notify_prepare(); the rest runs
 * under the queue's spinlock.
 */
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/mqueue.h>
#include <linux/net.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <net/sock.h>
#include <peios/mq_notify.h>

static struct sock *netlink_sock_of_fd(int fd)
{
	struct socket *sock;
	struct sock *sk;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return ERR_PTR(err);
	sk = sock->sk;
	/* Linux's netlink_getsockbyfd(): any other socket is -EINVAL. */
	if (sk->sk_family != AF_NETLINK) {
		sockfd_put(sock);
		return ERR_PTR(-EINVAL);
	}
	sock_hold(sk);
	sockfd_put(sock);
	return sk;
}

static int prepare_thread(const struct sigevent *event,
			  struct mq_notification *n)
{
	struct sk_buff *skb;
	struct sock *sk;

	skb = alloc_skb(NOTIFY_COOKIE_LEN, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	if (copy_from_user(skb_put(skb, NOTIFY_COOKIE_LEN),
			   event->sigev_value.sival_ptr, NOTIFY_COOKIE_LEN)) {
		kfree_skb(skb);
		return -EFAULT;
	}
	sk = netlink_sock_of_fd(event->sigev_signo);
	if (IS_ERR(sk)) {
		kfree_skb(skb);
		return PTR_ERR(sk);
	}
	if (atomic_read(&sk->sk_rmem_alloc) > READ_ONCE(sk->sk_rcvbuf)) {
		sock_put(sk);
		kfree_skb(skb);
		return -EAGAIN;
	}
	skb_set_owner_r(skb, sk);
	n->sock = sk;
	n->cookie = skb;
	return 0;
}

int mq_notify_prepare(const struct sigevent *event, struct mq_notification *n)
{
	memset(n, 0, sizeof(*n));
	switch (event->sigev_notify) {
	case SIGEV_NONE:
		break;
	case SIGEV_SIGNAL:
		if (!valid_signal(event->sigev_signo))
			return -EINVAL;
		n->signo = event->sigev_signo;
		n->value = event->sigev_value;
		break;
	case SIGEV_THREAD: {
		int ret = prepare_thread(event, n);

		if (ret)
			return ret;
		break;
	}
	default:
		return -EINVAL;
	}
	n->type = event->sigev_notify;
	return 0;
}

void mq_notify_discard(struct mq_notification *n)
{
	if (n->cookie)
		kfree_skb(n->cookie);
	if (n->sock)
		sock_put(n->sock);
	n->cookie = NULL;
	n->sock = NULL;
}

int mq_notify_install(struct mq_notification *slot,
		      struct mq_notification *n)
{
	if (slot->owner)
		return -EBUSY;
	*slot = *n;
	slot->owner = get_pid(task_tgid(current));
	slot->user_ns = get_user_ns(current_user_ns());
	slot->self_exec_id = current->self_exec_id;
	n->sock = NULL;
	n->cookie = NULL;
	return 0;
}

bool mq_notify_owned_by_current(const struct mq_notification *slot)
{
	return slot->owner && slot->owner == task_tgid(current);
}

static void send_cookie(struct mq_notification *slot, u8 code)
{
	struct sk_buff *skb = slot->cookie;
	struct sock *sk = slot->sock;

	skb->data[NOTIFY_COOKIE_LEN - 1] = code;
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
	slot->cookie = NULL;
}

static void send_signal(struct mq_notification *slot)
{
	struct kernel_siginfo info;
	struct task_struct *task;

	/* Linux accepts signal 0 at registration and then sends nothing. */
	if (!slot->signo)
		return;
	clear_siginfo(&info);
	info.si_signo = slot->signo;
	info.si_code = SI_MESGQ;
	info.si_value = slot->value;
	rcu_read_lock();
	info.si_pid = task_tgid_nr_ns(current, ns_of_pid(slot->owner));
	info.si_uid = from_kuid_munged(slot->user_ns, current_uid());
	task = pid_task(slot->owner, PIDTYPE_TGID);
	/* Not to a program that has exec'd since it registered. */
	if (task && task->self_exec_id == slot->self_exec_id)
		send_sig_info(slot->signo, &info, task);
	rcu_read_unlock();
}

static void clear_slot(struct mq_notification *slot)
{
	if (slot->cookie)
		kfree_skb(slot->cookie);
	if (slot->sock)
		sock_put(slot->sock);
	put_pid(slot->owner);
	put_user_ns(slot->user_ns);
	memset(slot, 0, sizeof(*slot));
}

void mq_notify_fire(struct mq_notification *slot)
{
	if (!slot->owner)
		return;
	if (slot->type == SIGEV_SIGNAL)
		send_signal(slot);
	else if (slot->type == SIGEV_THREAD)
		send_cookie(slot, NOTIFY_WOKENUP);
	clear_slot(slot);
}

void mq_notify_remove(struct mq_notification *slot)
{
	if (!slot->owner)
		return;
	if (slot->type == SIGEV_THREAD)
		send_cookie(slot, NOTIFY_REMOVED);
	clear_slot(slot);
}
