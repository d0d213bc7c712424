// SPDX-License-Identifier: GPL-2.0
/*
 * The message queue engine: one queue's messages ordered by priority, its
 * blocked senders and receivers, the hand-off between them, and the
 * attribute rules of mq_open.  Messages themselves (allocation, user
 * copies) are in mq_msg.c.
 *
 * Locking: q->lock protects q->msgs, q->curmsgs, q->qsize, q->senders,
 * q->receivers, q->notify and the link and msg fields of every queued
 * struct mq_waiter.  q->maxmsg and q->msgsize never change after
 * mq_queue_init().  The one thing read without the lock is a waiter's
 * state, by the waiter itself: see "Hand-off" below.  The lock is never
 * held across an allocation, a user copy or a sleep, and is never taken
 * from interrupt context.
 */
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/overflow.h>
#include <linux/rbtree.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <kunit/visibility.h>
#include <peios/mq_queue.h>

/* --- Attributes ------------------------------------------------------- */

/*
 * What a queue with these attributes is charged against RLIMIT_MSGQUEUE:
 * its bytes plus Linux's per-message and per-priority bookkeeping.  False
 * when that does not fit an unsigned long.
 */
static bool mq_charge(long maxmsg, long msgsize, unsigned long *charge)
{
	unsigned long bytes, msgs, nodes;

	if (check_mul_overflow((unsigned long)maxmsg, (unsigned long)msgsize,
			       &bytes) ||
	    check_mul_overflow((unsigned long)maxmsg, MQ_MSG_OVERHEAD, &msgs))
		return false;
	nodes = min_t(unsigned long, maxmsg, MQ_PRIO_MAX) *
		MQ_PRIO_NODE_OVERHEAD;
	return !check_add_overflow(bytes, msgs, charge) &&
	       !check_add_overflow(*charge, nodes, charge);
}

/**
 * mq_attr_check - may a queue be created with these attributes?
 * @maxmsg: requested mq_maxmsg
 * @msgsize: requested mq_msgsize
 * @ns_msg_max: the IPC namespace's msg_max
 * @ns_msgsize_max: the IPC namespace's msgsize_max
 * @quota_privileged: the creator holds SeIncreaseQuotaPrivilege
 *	(CAP_SYS_RESOURCE), which replaces the namespace limits with the
 *	hard maxima
 *
 * Linux's rules at queue creation, as a pure function.
 *
 * Return: 0; -EINVAL for a non-positive or too large value; -EOVERFLOW
 * when the memory charge overflows (as Linux, which can only happen with
 * limits larger than the hard maxima or on 32-bit).
 */
int mq_attr_check(long maxmsg, long msgsize, long ns_msg_max,
		  long ns_msgsize_max, bool quota_privileged)
{
	unsigned long charge;

	if (maxmsg <= 0 || msgsize <= 0)
		return -EINVAL;
	if (quota_privileged) {
		if (maxmsg > MQ_HARD_MSGMAX || msgsize > MQ_HARD_MSGSIZEMAX)
			return -EINVAL;
	} else if (maxmsg > ns_msg_max || msgsize > ns_msgsize_max) {
		return -EINVAL;
	}
	if (!mq_charge(maxmsg, msgsize, &charge))
		return -EOVERFLOW;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mq_attr_check);

/**
 * mq_queue_charge - bytes to charge to the creator's RLIMIT_MSGQUEUE
 * @maxmsg: the queue's mq_maxmsg
 * @msgsize: the queue's mq_msgsize
 *
 * Return: maxmsg * msgsize plus the bookkeeping Linux charges, or
 * ULONG_MAX (which no limit admits) when that overflows.
 */
unsigned long mq_queue_charge(long maxmsg, long msgsize)
{
	unsigned long charge;

	return mq_charge(maxmsg, msgsize, &charge) ? charge : ULONG_MAX;
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_charge);

/* --- Messages by priority --------------------------------------------- */

static inline struct mq_msg *mq_head(struct rb_node *node)
{
	return rb_entry(node, struct mq_msg, node);
}

/*
 * Queue @msg behind the messages of its priority, or, for @front, before
 * them (a message put back after a failed copy was the oldest).  The
 * highest priority is checked first: most programs use one priority, and
 * then this never walks the tree.
 */
static void mq_enqueue(struct mq_queue *q, struct mq_msg *msg, bool front)
{
	struct rb_node **link = &q->msgs.rb_root.rb_node;
	struct rb_node *parent = NULL;
	struct rb_node *top = rb_first_cached(&q->msgs);
	struct mq_msg *head;
	bool leftmost = true;

	if (top) {
		head = mq_head(top);
		if (head->prio == msg->prio)
			goto join;
		if (msg->prio > head->prio) {
			/* The new highest priority: left of the leftmost. */
			parent = top;
			link = &top->rb_left;
			goto new_head;
		}
	}
	while (*link) {
		parent = *link;
		head = mq_head(parent);
		if (msg->prio == head->prio)
			goto join;
		if (msg->prio > head->prio) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
new_head:
	INIT_LIST_HEAD(&msg->fifo);
	rb_link_node(&msg->node, parent, link);
	rb_insert_color_cached(&msg->node, &q->msgs, leftmost);
	goto count;
join:
	/* Before the head in the ring is the youngest position... */
	list_add_tail(&msg->fifo, &head->fifo);
	/* ...and, as the new head, the oldest. */
	if (front)
		rb_replace_node_cached(&head->node, &msg->node, &q->msgs);
count:
	q->curmsgs++;
	q->qsize += msg->len;
}

/* The oldest message of the highest priority; the queue is not empty. */
static struct mq_msg *mq_dequeue(struct mq_queue *q)
{
	struct rb_node *top = rb_first_cached(&q->msgs);
	struct mq_msg *msg = mq_head(top);

	if (list_empty(&msg->fifo)) {
		rb_erase_cached(top, &q->msgs);
	} else {
		struct mq_msg *next = list_next_entry(msg, fifo);

		list_del(&msg->fifo);
		rb_replace_node_cached(top, &next->node, &q->msgs);
	}
	q->curmsgs--;
	q->qsize -= msg->len;
	return msg;
}

/* --- Waiting and hand-off --------------------------------------------- */

/*
 * Hand-off
 *
 * A receiver that finds the queue empty queues a struct mq_waiter, which
 * lives on its stack, on q->receivers and sleeps.  A sender that finds a
 * receiver waiting gives it the message directly, bypassing the tree, and
 * the receiver returns with it without taking q->lock again.  The mirror
 * case: a receiver that frees a slot in a full queue moves the first
 * blocked sender's message into the queue on that sender's behalf, and the
 * sender returns without the lock.  Linux's pipelined send and receive
 * work the same way; this is it built from exported primitives only.
 *
 * The server (the task doing the hand-off), with q->lock held:
 *  1. list_del(&w->link).  No other server can pick w any more, and the
 *     waiter, should it wake for a timeout or a signal and take the lock,
 *     finds itself served instead of unlinking itself.
 *  2. Store w->msg (a receiver) or queue w->msg (a sender), and take a
 *     reference on w->task.  From step 3 on, the waiter may return, leave
 *     the syscall and exit, and w, on its stack, may be gone: so the task
 *     pointer is read and pinned now, and w is not touched after step 3.
 *  3. smp_store_release(&w->state, MQ_SERVED).  The release orders steps 1
 *     and 2 before the state: a waiter that reads MQ_SERVED with acquire
 *     semantics sees w->msg and owns the message, without the lock.
 * then, after spin_unlock(&q->lock):
 *  4. wake_up_process(task).  Outside the lock, so the woken task does not
 *     run into a held lock on another CPU and the critical section stays
 *     short.  If the waiter is already awake (its timer fired, a signal, a
 *     spurious wake-up) this is a spurious wake-up of whatever it sleeps on
 *     next, which every sleeper in the kernel tolerates.
 *  5. put_task_struct(task).
 * At most one task is woken per operation, so there is no list of wakees.
 *
 * The waiter:
 *  a. With q->lock held: state = MQ_WAITING, queue w, set
 *     TASK_INTERRUPTIBLE.  No barrier is needed: a server finds w only
 *     under the lock, so it sees all of this; and a wake-up that comes
 *     between our unlock and schedule() sets us TASK_RUNNING again, so it
 *     is not lost.
 *  b. Unlock and sleep until woken, the timer fires, or a signal.
 *  c. smp_load_acquire(&w->state) == MQ_SERVED pairs with step 3: done.
 *  d. Otherwise take q->lock and look again.  A server between steps 1
 *     and 3 holds the lock, so once we have it, MQ_SERVED is visible if w
 *     was picked.  If it was not, w is still queued: a pending signal or
 *     an expired timer unlinks it and fails the call; anything else was a
 *     spurious wake-up, and we sleep again.
 */
enum { MQ_WAITING, MQ_SERVED };

struct mq_waiter {
	struct list_head link;		/* in q->senders or q->receivers */
	struct task_struct *task;
	struct mq_msg *msg;		/* the sender's, or handed to a receiver */
	int prio;			/* task->prio when queued: lower first */
	int state;
};

/*
 * Behind every waiter at least as urgent, so equal task priorities are
 * served in arrival order.  Walking from the tail makes the common case,
 * all waiters of one priority, O(1).
 */
static void mq_waiter_add(struct list_head *waiters, struct mq_waiter *w)
{
	struct mq_waiter *walk;

	list_for_each_entry_reverse(walk, waiters, link) {
		if (walk->prio <= w->prio) {
			list_add(&w->link, &walk->link);
			return;
		}
	}
	list_add(&w->link, waiters);
}

/* Steps 1 and 3 (the caller did 2's message part); returns the wakee. */
static struct task_struct *mq_serve(struct mq_waiter *w)
{
	struct task_struct *task;

	list_del(&w->link);
	task = get_task_struct(w->task);
	/* Step 3: publishes w->msg; pairs with the acquire in mq_wait(). */
	smp_store_release(&w->state, MQ_SERVED);
	return task;
}

/* Steps 4 and 5, after the unlock. */
static void mq_wake(struct task_struct *task)
{
	wake_up_process(task);
	put_task_struct(task);
}

/*
 * Tell pollers that curmsgs changed; called after the unlock.  The
 * unlocked waitqueue_active() misses no poller: a poller adds itself to
 * poll_wait before mq_queue_poll_mask() takes q->lock, so either our
 * change was made before it took the lock and it sees the new count, or
 * it dropped the lock before we took it and its entry is visible to us
 * (its unlock released it, our lock acquired it).
 */
static void mq_poll_wake(struct mq_queue *q, __poll_t events)
{
	/* Safe unlocked: ordered by q->lock, see above. */
	if (waitqueue_active(&q->poll_wait))
		wake_up_interruptible_poll(&q->poll_wait, events);
}

/*
 * Steps a to d: block on @waiters until served, the absolute
 * CLOCK_REALTIME @abs_timeout passes (NULL: never) or a signal comes.
 * Called with q->lock held; returns with it released.
 */
static int mq_wait(struct mq_queue *q, struct list_head *waiters,
		   struct mq_waiter *w, const struct timespec64 *abs_timeout)
	__releases(&q->lock)
{
	ktime_t expires, *timeout = NULL;
	int ret;

	/* As POSIX: a bad timeout matters only to a call that blocks. */
	if (abs_timeout) {
		if (!timespec64_valid(abs_timeout)) {
			spin_unlock(&q->lock);
			return -EINVAL;
		}
		expires = timespec64_to_ktime(*abs_timeout);
		timeout = &expires;
	}
	w->task = current;
	w->prio = current->prio;
	w->state = MQ_WAITING;
	mq_waiter_add(waiters, w);

	for (;;) {
		__set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock(&q->lock);
		ret = schedule_hrtimeout_range_clock(timeout, 0,
						     HRTIMER_MODE_ABS,
						     CLOCK_REALTIME);
		/* Step c: pairs with mq_serve()'s release; w->msg is ours. */
		if (smp_load_acquire(&w->state) == MQ_SERVED)
			return 0;
		spin_lock(&q->lock);
		if (READ_ONCE(w->state) == MQ_SERVED) {
			spin_unlock(&q->lock);
			return 0;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (ret == 0) {
			ret = -ETIMEDOUT;
			break;
		}
	}
	list_del(&w->link);
	spin_unlock(&q->lock);
	return ret;
}

/* --- Operations ------------------------------------------------------- */

/**
 * mq_queue_init - set up an empty queue
 * @q: the queue, embedded in the caller's object
 * @maxmsg: capacity in messages, already accepted by mq_attr_check()
 * @msgsize: largest message, likewise
 */
void mq_queue_init(struct mq_queue *q, long maxmsg, long msgsize)
{
	q->maxmsg = maxmsg;
	q->msgsize = msgsize;
	spin_lock_init(&q->lock);
	q->msgs = RB_ROOT_CACHED;
	q->curmsgs = 0;
	q->qsize = 0;
	INIT_LIST_HEAD(&q->senders);
	INIT_LIST_HEAD(&q->receivers);
	q->notify = NULL;
	init_waitqueue_head(&q->poll_wait);
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_init);

/**
 * mq_queue_destroy - free every queued message
 * @q: the queue
 *
 * Only when nothing else can reach @q: no task is blocked in it or can
 * still call into it and nobody polls it, which holds once the last file
 * of the queue inode is released (at inode eviction).
 */
void mq_queue_destroy(struct mq_queue *q)
{
	struct mq_msg *head, *next, *msg, *tmp;

	WARN_ON_ONCE(!list_empty(&q->senders) || !list_empty(&q->receivers));
	rbtree_postorder_for_each_entry_safe(head, next, &q->msgs.rb_root,
					     node) {
		list_for_each_entry_safe(msg, tmp, &head->fifo, fifo)
			mq_msg_free(msg);
		mq_msg_free(head);
	}
	q->msgs = RB_ROOT_CACHED;
	q->curmsgs = 0;
	q->qsize = 0;
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_destroy);

/**
 * mq_queue_send - queue a message, or hand it to a waiting receiver
 * @q: the queue
 * @msg: the message; the queue takes it whatever the result, and frees it
 *	on failure
 * @nonblock: fail with -EAGAIN instead of waiting for room
 * @abs_timeout: CLOCK_REALTIME deadline for the wait, NULL for none
 *
 * Return: 0; -EINVAL for a priority >= MQ_PRIO_MAX or, when the call has
 * to wait, an invalid @abs_timeout; -EMSGSIZE when the message is longer
 * than the queue's msgsize; -EAGAIN; -ETIMEDOUT; -ERESTARTSYS on a signal
 * (EINTR for user space unless the handler has SA_RESTART, as Linux).
 */
int mq_queue_send(struct mq_queue *q, struct mq_msg *msg, bool nonblock,
		  const struct timespec64 *abs_timeout)
{
	struct mq_waiter *receiver;
	struct task_struct *wakee;
	struct mq_waiter w;
	int ret;

	might_sleep_if(!nonblock);
	if (unlikely(msg->prio >= MQ_PRIO_MAX)) {
		ret = -EINVAL;
		goto free_msg;
	}
	if (unlikely(msg->len > q->msgsize)) {
		ret = -EMSGSIZE;
		goto free_msg;
	}

	spin_lock(&q->lock);
	if (unlikely(q->curmsgs >= q->maxmsg)) {
		if (nonblock) {
			spin_unlock(&q->lock);
			ret = -EAGAIN;
			goto free_msg;
		}
		/* Served means a receiver queued the message for us. */
		w.msg = msg;
		ret = mq_wait(q, &q->senders, &w, abs_timeout);
		if (ret)
			goto free_msg;
		return 0;
	}
	receiver = list_first_entry_or_null(&q->receivers, struct mq_waiter,
					    link);
	if (receiver) {
		/* The queue is empty and stays so: nothing for pollers. */
		receiver->msg = msg;
		wakee = mq_serve(receiver);
		spin_unlock(&q->lock);
		mq_wake(wakee);
		return 0;
	}
	mq_enqueue(q, msg, false);
	if (q->curmsgs == 1 && q->notify)
		q->notify(q);
	spin_unlock(&q->lock);
	mq_poll_wake(q, EPOLLIN | EPOLLRDNORM);
	return 0;

free_msg:
	mq_msg_free(msg);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_send);

/**
 * mq_queue_receive - take the oldest message of the highest priority
 * @q: the queue
 * @buf_len: the receiver's buffer size, which must hold the largest
 *	message the queue admits
 * @nonblock: fail with -EAGAIN instead of waiting for a message
 * @abs_timeout: CLOCK_REALTIME deadline for the wait, NULL for none
 *
 * Return: the message, now the caller's (mq_msg_free() it, or
 * mq_queue_requeue() it if it cannot be delivered), or ERR_PTR(-EMSGSIZE),
 * -EAGAIN, -EINVAL (invalid timeout, when the call has to wait),
 * -ETIMEDOUT or -ERESTARTSYS.
 */
struct mq_msg *mq_queue_receive(struct mq_queue *q, size_t buf_len,
				bool nonblock,
				const struct timespec64 *abs_timeout)
{
	struct task_struct *wakee = NULL;
	struct mq_waiter *sender;
	struct mq_waiter w;
	struct mq_msg *msg;
	int ret;

	might_sleep_if(!nonblock);
	if (unlikely(buf_len < q->msgsize))
		return ERR_PTR(-EMSGSIZE);

	spin_lock(&q->lock);
	if (unlikely(!q->curmsgs)) {
		if (nonblock) {
			spin_unlock(&q->lock);
			return ERR_PTR(-EAGAIN);
		}
		w.msg = NULL;
		ret = mq_wait(q, &q->receivers, &w, abs_timeout);
		return ret ? ERR_PTR(ret) : w.msg;
	}
	msg = mq_dequeue(q);
	/*
	 * The slot just freed goes to the first blocked sender, if any, and
	 * if it is a slot: after mq_queue_requeue() overfilled the queue,
	 * the receive that ends the excess frees none.
	 */
	sender = NULL;
	if (likely(q->curmsgs < q->maxmsg))
		sender = list_first_entry_or_null(&q->senders,
						  struct mq_waiter, link);
	if (sender) {
		mq_enqueue(q, sender->msg, false);
		wakee = mq_serve(sender);
	}
	spin_unlock(&q->lock);
	if (wakee)
		mq_wake(wakee);
	else
		mq_poll_wake(q, EPOLLOUT | EPOLLWRNORM);
	return msg;
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_receive);

/**
 * mq_queue_requeue - put back a received message that could not be
 *	delivered
 * @q: the queue it came from
 * @msg: the message, as mq_queue_receive() returned it
 *
 * The message goes back where it was, before the other messages of its
 * priority, or straight to a receiver that started waiting meanwhile; so a
 * receive that fails with -EFAULT loses nothing.  Should senders have
 * filled the freed slot in the meantime, the queue holds one message more
 * than maxmsg until the next receive: losing the message (what Linux does)
 * would be worse.  Like a send, it may fire the notification.
 */
void mq_queue_requeue(struct mq_queue *q, struct mq_msg *msg)
{
	struct mq_waiter *receiver;
	struct task_struct *wakee;

	spin_lock(&q->lock);
	receiver = list_first_entry_or_null(&q->receivers, struct mq_waiter,
					    link);
	if (receiver) {
		receiver->msg = msg;
		wakee = mq_serve(receiver);
		spin_unlock(&q->lock);
		mq_wake(wakee);
		return;
	}
	mq_enqueue(q, msg, true);
	if (q->curmsgs == 1 && q->notify)
		q->notify(q);
	spin_unlock(&q->lock);
	mq_poll_wake(q, EPOLLIN | EPOLLRDNORM);
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_requeue);

/**
 * mq_queue_send_user - mq_timedsend on a queue
 * @q: the queue
 * @buf: the message in user memory
 * @len: its length
 * @prio: its priority
 * @nonblock: the file's O_NONBLOCK
 * @abs_timeout: CLOCK_REALTIME deadline, NULL for none
 *
 * Priority and length are checked before anything is allocated.
 *
 * Return: as mq_queue_send(), or -EFAULT / -ENOMEM from the copy in.
 */
int mq_queue_send_user(struct mq_queue *q, const char __user *buf,
		       size_t len, unsigned int prio, bool nonblock,
		       const struct timespec64 *abs_timeout)
{
	struct mq_msg *msg;

	if (unlikely(prio >= MQ_PRIO_MAX))
		return -EINVAL;
	if (unlikely(len > q->msgsize))
		return -EMSGSIZE;
	msg = mq_msg_alloc_from_user(buf, len, prio);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	return mq_queue_send(q, msg, nonblock, abs_timeout);
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_send_user);

/**
 * mq_queue_receive_user - mq_timedreceive on a queue
 * @q: the queue
 * @buf: the receiver's buffer
 * @len: its size
 * @prio: where to store the message priority, or NULL
 * @nonblock: the file's O_NONBLOCK
 * @abs_timeout: CLOCK_REALTIME deadline, NULL for none
 *
 * Return: the message length, or as mq_queue_receive(), or -EFAULT, in
 * which case the message is back in the queue (mq_queue_requeue()).
 */
ssize_t mq_queue_receive_user(struct mq_queue *q, char __user *buf,
			      size_t len, unsigned int __user *prio,
			      bool nonblock,
			      const struct timespec64 *abs_timeout)
{
	struct mq_msg *msg;
	ssize_t ret;
	int err;

	msg = mq_queue_receive(q, len, nonblock, abs_timeout);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	err = mq_msg_copy_to_user(msg, buf, prio);
	if (unlikely(err)) {
		mq_queue_requeue(q, msg);
		return err;
	}
	ret = msg->len;
	mq_msg_free(msg);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_receive_user);

/**
 * mq_queue_poll_mask - the queue's poll events
 * @q: the queue
 *
 * Call after poll_wait() on @q->poll_wait, so that no change is missed.
 *
 * Return: EPOLLIN | EPOLLRDNORM when a message is queued, EPOLLOUT |
 * EPOLLWRNORM when there is room for one.
 */
__poll_t mq_queue_poll_mask(struct mq_queue *q)
{
	__poll_t mask = 0;

	spin_lock(&q->lock);
	if (q->curmsgs)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (q->curmsgs < q->maxmsg)
		mask |= EPOLLOUT | EPOLLWRNORM;
	spin_unlock(&q->lock);
	return mask;
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_poll_mask);

/**
 * mq_queue_status - a consistent snapshot of the queue's counters
 * @q: the queue
 * @st: filled in
 */
void mq_queue_status(struct mq_queue *q, struct mq_queue_status *st)
{
	spin_lock(&q->lock);
	st->maxmsg = q->maxmsg;
	st->msgsize = q->msgsize;
	st->curmsgs = q->curmsgs;
	st->qsize = q->qsize;
	spin_unlock(&q->lock);
}
EXPORT_SYMBOL_IF_KUNIT(mq_queue_status);
