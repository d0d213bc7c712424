// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the message queue engine.  Ordering, limits, accounting, the
 * attribute rules of mq_open, blocking with hand-off between a test and a
 * kthread, timeouts, signals, waiter priority, the notification trigger,
 * and the user-copy wrappers on a KUnit-made user mapping.
 *
 * Tests that block use kthreads with a ten-second deadline, so a broken
 * engine fails the test instead of hanging the suite, and every started
 * kthread is waited for before its test returns.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <peios/mq_queue.h>

/* --- Helpers ---------------------------------------------------------- */

/* A message whose bytes are @tag repeated, so receivers can tell it. */
static struct mq_msg *tagged_msg(struct kunit *test, size_t len,
				 unsigned int prio, u8 tag)
{
	struct mq_msg *msg = mq_msg_alloc(len, prio);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
	memset(mq_msg_bytes(msg), tag, len);
	return msg;
}

static u8 msg_tag(struct mq_msg *msg)
{
	return msg->len ? mq_msg_bytes(msg)[0] : 0;
}

static void send_tagged(struct kunit *test, struct mq_queue *q,
			unsigned int prio, u8 tag)
{
	KUNIT_ASSERT_EQ(test, mq_queue_send(q, tagged_msg(test, 8, prio, tag),
					    true, NULL), 0);
}

/* Receive without blocking and return the tag, or -1 on error. */
static int receive_tag(struct kunit *test, struct mq_queue *q)
{
	struct mq_msg *msg = mq_queue_receive(q, q->msgsize, true, NULL);
	int tag;

	KUNIT_EXPECT_FALSE(test, IS_ERR(msg));
	if (IS_ERR(msg))
		return -1;
	tag = msg_tag(msg);
	mq_msg_free(msg);
	return tag;
}

static struct mq_queue *new_queue(struct kunit *test, long maxmsg,
				  long msgsize)
{
	struct mq_queue *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, q);
	mq_queue_init(q, maxmsg, msgsize);
	return q;
}

static struct timespec64 seconds_from_now(time64_t s)
{
	struct timespec64 ts;

	ktime_get_real_ts64(&ts);
	ts.tv_sec += s;
	return ts;
}

static size_t count_waiters(struct mq_queue *q, struct list_head *list)
{
	size_t n;

	spin_lock(&q->lock);
	n = list_count_nodes(list);
	spin_unlock(&q->lock);
	return n;
}

/* Wait (up to about two seconds) until @n tasks are blocked on @list. */
static bool await_waiters(struct mq_queue *q, struct list_head *list,
			  size_t n)
{
	int i;

	for (i = 0; i < 2000; i++) {
		if (count_waiters(q, list) >= n)
			return true;
		usleep_range(1000, 2000);
	}
	return false;
}

/*
 * A kthread that sends or receives once, blocking, with a ten-second
 * deadline.  Actors are kmalloc'ed and freed by actor_finish(), which
 * always waits for the thread, so the thread never outlives its actor.
 */
struct mq_actor {
	struct mq_queue *q;
	bool send;
	long nice;
	struct mq_msg *msg;	/* to send, or the one received */
	int ret;
	struct timespec64 deadline;
	struct completion done;
	struct task_struct *task;
};

static int mq_actor_fn(void *data)
{
	struct mq_actor *a = data;
	struct mq_msg *msg;

	set_user_nice(current, a->nice);
	allow_signal(SIGUSR1);
	if (a->send) {
		a->ret = mq_queue_send(a->q, a->msg, false, &a->deadline);
		a->msg = NULL;
	} else {
		msg = mq_queue_receive(a->q, a->q->msgsize, false,
				       &a->deadline);
		a->ret = IS_ERR(msg) ? PTR_ERR(msg) : 0;
		a->msg = IS_ERR(msg) ? NULL : msg;
	}
	/* complete_all: actor_done() may look more than once. */
	complete_all(&a->done);
	return 0;
}

static struct mq_actor *actor_start(struct kunit *test, struct mq_queue *q,
				    struct mq_msg *to_send, long nice)
{
	struct mq_actor *a = kzalloc(sizeof(*a), GFP_KERNEL);
	struct task_struct *task;

	KUNIT_ASSERT_NOT_NULL(test, a);
	a->q = q;
	a->send = to_send;
	a->msg = to_send;
	a->nice = nice;
	a->deadline = seconds_from_now(10);
	init_completion(&a->done);
	task = kthread_create(mq_actor_fn, a, "mq_actor");
	if (IS_ERR(task)) {
		if (to_send)
			mq_msg_free(to_send);
		kfree(a);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, task);
	}
	a->task = get_task_struct(task);
	wake_up_process(task);
	return a;
}

/* Has the actor finished, within @ms milliseconds? */
static bool actor_done(struct mq_actor *a, unsigned int ms)
{
	return wait_for_completion_timeout(&a->done, msecs_to_jiffies(ms));
}

/* Wait for the actor, free it and return its result and message. */
static int actor_finish(struct kunit *test, struct mq_actor *a,
			struct mq_msg **msg)
{
	int ret;

	KUNIT_EXPECT_TRUE(test, actor_done(a, 15000));
	wait_for_completion(&a->done);
	ret = a->ret;
	if (msg)
		*msg = a->msg;
	else if (a->msg)
		mq_msg_free(a->msg);
	put_task_struct(a->task);
	kfree(a);
	return ret;
}

/* --- Ordering --------------------------------------------------------- */

#define MAX_SEQ 8

struct order_case {
	const char *name;
	int n;
	unsigned int prio[MAX_SEQ];	/* message i is tagged i + 1 */
	u8 expect[MAX_SEQ];		/* tags in receive order */
};

static const struct order_case order_cases[] = {
	{ "one priority is FIFO", 4, { 0, 0, 0, 0 }, { 1, 2, 3, 4 } },
	{ "ascending priorities come out reversed", 4, { 1, 2, 3, 4 },
	  { 4, 3, 2, 1 } },
	{ "descending priorities come out in order", 4, { 9, 5, 3, 0 },
	  { 1, 2, 3, 4 } },
	{ "FIFO within each of mixed priorities", 8,
	  { 5, 1, 5, 9, 1, 9, 5, 0 }, { 4, 6, 1, 3, 7, 2, 5, 8 } },
	{ "extremes 0 and MQ_PRIO_MAX-1", 4, { 0, 32767, 0, 32767 },
	  { 2, 4, 1, 3 } },
	{ "a new highest priority jumps the queue", 5, { 3, 3, 7, 3, 2 },
	  { 3, 1, 2, 4, 5 } },
	{ "a priority between two others", 6, { 10, 1, 5, 10, 5, 1 },
	  { 1, 4, 3, 5, 2, 6 } },
};

static void order_case_desc(const struct order_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(order, order_cases, order_case_desc);

static void receive_order_is_priority_then_fifo(struct kunit *test)
{
	const struct order_case *c = test->param_value;
	struct mq_queue *q = new_queue(test, MAX_SEQ, 16);
	int i;

	for (i = 0; i < c->n; i++)
		send_tagged(test, q, c->prio[i], i + 1);
	KUNIT_EXPECT_EQ(test, q->curmsgs, c->n);
	for (i = 0; i < c->n; i++)
		KUNIT_EXPECT_EQ_MSG(test, receive_tag(test, q), c->expect[i],
				    "receive #%d", i);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 0);
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&q->msgs.rb_root));
	mq_queue_destroy(q);
}

static void interleaved_send_and_receive_keep_order(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 8, 16);

	send_tagged(test, q, 2, 1);
	send_tagged(test, q, 2, 2);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 1);
	send_tagged(test, q, 4, 3);
	send_tagged(test, q, 2, 4);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 3);
	/* Priority 4 drained; a new priority 4 is again the highest. */
	send_tagged(test, q, 4, 5);
	send_tagged(test, q, 1, 6);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 5);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 2);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 4);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 6);
	mq_queue_destroy(q);
}

static void requeued_message_goes_back_in_front(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 4, 16);
	struct mq_msg *msg;

	send_tagged(test, q, 3, 1);
	send_tagged(test, q, 3, 2);
	send_tagged(test, q, 1, 3);
	msg = mq_queue_receive(q, 16, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	KUNIT_EXPECT_EQ(test, msg_tag(msg), 1);
	mq_queue_requeue(q, msg);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 3);
	KUNIT_EXPECT_EQ(test, q->qsize, 24);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 1);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 2);
	/* Put back as the only message of its priority. */
	msg = mq_queue_receive(q, 16, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	mq_queue_requeue(q, msg);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 3);
	mq_queue_destroy(q);
}

/* --- Limits and errors ------------------------------------------------ */

static void full_and_empty_without_blocking_fail_eagain(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 3, 16);
	struct mq_msg *msg;
	int i;

	msg = mq_queue_receive(q, 16, true, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -EAGAIN);
	for (i = 0; i < 3; i++)
		send_tagged(test, q, i, i + 1);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 8, 0, 9),
					    true, NULL), -EAGAIN);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 3);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 3);
	/* One slot free again. */
	send_tagged(test, q, 0, 4);
	mq_queue_destroy(q);
}

static void oversize_message_and_short_buffer_fail_emsgsize(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 2, 16);
	struct mq_msg *msg;

	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 17, 0, 1),
					    true, NULL), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 16, 0, 2),
					    true, NULL), 0);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 0, 0, 3),
					    true, NULL), 0);
	msg = mq_queue_receive(q, 15, true, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -EMSGSIZE);
	/* The check comes before the empty check, as in Linux. */
	KUNIT_EXPECT_EQ(test, q->curmsgs, 2);
	msg = mq_queue_receive(q, 16, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	KUNIT_EXPECT_EQ(test, msg->len, 16);
	mq_msg_free(msg);
	msg = mq_queue_receive(q, 1 << 20, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	KUNIT_EXPECT_EQ(test, msg->len, 0);
	mq_msg_free(msg);
	mq_queue_destroy(q);
}

static void priority_out_of_range_fails_einval(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 2, 16);

	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 1, 32768, 1),
					    true, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 1, ~0u, 1),
					    true, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 0);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 1, 32767, 1),
					    true, NULL), 0);
	mq_queue_destroy(q);
}

static void byte_count_follows_sends_and_receives(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 4, 100);
	struct mq_queue_status st;
	struct mq_msg *msg;

	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 10, 1, 1),
					    true, NULL), 0);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 100, 0, 2),
					    true, NULL), 0);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 0, 5, 3),
					    true, NULL), 0);
	mq_queue_status(q, &st);
	KUNIT_EXPECT_EQ(test, st.qsize, 110);
	KUNIT_EXPECT_EQ(test, st.curmsgs, 3);
	KUNIT_EXPECT_EQ(test, st.maxmsg, 4);
	KUNIT_EXPECT_EQ(test, st.msgsize, 100);
	msg = mq_queue_receive(q, 100, true, NULL);	/* the empty one */
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	mq_msg_free(msg);
	KUNIT_EXPECT_EQ(test, q->qsize, 110);
	msg = mq_queue_receive(q, 100, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	mq_msg_free(msg);
	KUNIT_EXPECT_EQ(test, q->qsize, 100);
	/* A failed send changes nothing. */
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 101, 0, 4),
					    true, NULL), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, q->qsize, 100);
	mq_queue_destroy(q);
	KUNIT_EXPECT_EQ(test, q->qsize, 0);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 0);
}

static void poll_mask_tracks_room_and_messages(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 2, 16);

	KUNIT_EXPECT_EQ(test, mq_queue_poll_mask(q), EPOLLOUT | EPOLLWRNORM);
	send_tagged(test, q, 0, 1);
	KUNIT_EXPECT_EQ(test, mq_queue_poll_mask(q),
			EPOLLIN | EPOLLRDNORM | EPOLLOUT | EPOLLWRNORM);
	send_tagged(test, q, 0, 2);
	KUNIT_EXPECT_EQ(test, mq_queue_poll_mask(q), EPOLLIN | EPOLLRDNORM);
	mq_queue_destroy(q);
}

static void large_message_round_trips(struct kunit *test)
{
	const size_t len = MQ_HARD_MSGSIZEMAX;
	struct mq_queue *q = new_queue(test, 1, len);
	struct mq_msg *msg = mq_msg_alloc(len, 7);
	size_t i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
	for (i = 0; i < len; i += 4096)
		mq_msg_bytes(msg)[i] = (char)(i >> 12);
	mq_msg_bytes(msg)[len - 1] = 0x5a;
	KUNIT_ASSERT_EQ(test, mq_queue_send(q, msg, true, NULL), 0);
	KUNIT_EXPECT_EQ(test, q->qsize, len);
	msg = mq_queue_receive(q, len, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	KUNIT_EXPECT_EQ(test, msg->len, len);
	KUNIT_EXPECT_EQ(test, msg->prio, 7);
	KUNIT_EXPECT_EQ(test, mq_msg_bytes(msg)[4096 * 100], (char)100);
	KUNIT_EXPECT_EQ(test, mq_msg_bytes(msg)[len - 1], 0x5a);
	mq_msg_free(msg);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mq_msg_alloc(len + 1, 0)), -EMSGSIZE);
	mq_queue_destroy(q);
}

/*
 * Either side of the length where a message's bytes leave its header's
 * allocation: each keeps its bytes and its length through the queue.
 */
static void messages_either_side_of_split(struct kunit *test)
{
	const size_t inline_max = PAGE_SIZE - offsetof(struct mq_msg, data);
	const size_t lens[] = { inline_max, inline_max + 1, 8192 };
	struct mq_queue *q = new_queue(test, 4, 8192);
	struct mq_msg *msg;
	size_t i;

	KUNIT_EXPECT_FALSE(test, mq_msg_split(inline_max));
	KUNIT_EXPECT_TRUE(test, mq_msg_split(inline_max + 1));
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		msg = mq_msg_alloc(lens[i], i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
		memset(mq_msg_bytes(msg), 'a' + i, lens[i]);
		KUNIT_ASSERT_EQ(test, mq_queue_send(q, msg, true, NULL), 0);
	}
	for (i = ARRAY_SIZE(lens); i-- > 0;) {
		msg = mq_queue_receive(q, 8192, true, NULL);
		KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
		KUNIT_EXPECT_EQ(test, msg->len, lens[i]);
		KUNIT_EXPECT_EQ(test, mq_msg_bytes(msg)[0], (char)('a' + i));
		KUNIT_EXPECT_EQ(test, mq_msg_bytes(msg)[lens[i] - 1],
				(char)('a' + i));
		mq_msg_free(msg);
	}
	mq_queue_destroy(q);
}

static void destroy_frees_queued_messages(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 64, 16);
	int i;

	/* Several priorities with several messages each; kmemleak and
	 * KASAN in the debug kernel check that every one is freed once.
	 */
	for (i = 0; i < 64; i++)
		send_tagged(test, q, i % 5, i);
	mq_queue_destroy(q);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 0);
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&q->msgs.rb_root));
}

/* --- Timeouts --------------------------------------------------------- */

static void deadline_in_the_past_times_out_at_once(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct timespec64 past = { .tv_sec = 1, .tv_nsec = 0 };
	struct timespec64 epoch = { 0, 0 };
	struct mq_msg *msg;
	ktime_t start = ktime_get();

	msg = mq_queue_receive(q, 16, false, &past);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -ETIMEDOUT);
	msg = mq_queue_receive(q, 16, false, &epoch);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -ETIMEDOUT);
	send_tagged(test, q, 0, 1);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 8, 0, 2),
					    false, &past), -ETIMEDOUT);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 1000);
	/* Nobody is left waiting and the queue is as before. */
	KUNIT_EXPECT_TRUE(test, list_empty(&q->senders));
	KUNIT_EXPECT_TRUE(test, list_empty(&q->receivers));
	KUNIT_EXPECT_EQ(test, q->curmsgs, 1);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 1);
	mq_queue_destroy(q);
}

static void deadline_expires_while_blocked(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct timespec64 soon;
	struct mq_msg *msg;
	ktime_t start = ktime_get();

	ktime_get_real_ts64(&soon);
	timespec64_add_ns(&soon, 20 * NSEC_PER_MSEC);
	msg = mq_queue_receive(q, 16, false, &soon);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -ETIMEDOUT);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), start), 15);
	KUNIT_EXPECT_TRUE(test, list_empty(&q->receivers));
	mq_queue_destroy(q);
}

static void invalid_deadline_fails_only_when_blocking(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct timespec64 bad_ns = { .tv_sec = 0, .tv_nsec = NSEC_PER_SEC };
	struct timespec64 neg = { .tv_sec = -1, .tv_nsec = 0 };
	struct mq_msg *msg;

	msg = mq_queue_receive(q, 16, false, &bad_ns);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -EINVAL);
	msg = mq_queue_receive(q, 16, false, &neg);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -EINVAL);
	/* O_NONBLOCK decides first. */
	msg = mq_queue_receive(q, 16, true, &bad_ns);
	KUNIT_EXPECT_EQ(test, PTR_ERR(msg), -EAGAIN);
	/* Not blocking: the timeout is never looked at. */
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 8, 0, 1),
					    false, &bad_ns), 0);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 8, 0, 2),
					    false, &neg), -EINVAL);
	msg = mq_queue_receive(q, 16, false, &bad_ns);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	mq_msg_free(msg);
	KUNIT_EXPECT_TRUE(test, list_empty(&q->senders));
	KUNIT_EXPECT_TRUE(test, list_empty(&q->receivers));
	mq_queue_destroy(q);
}

/* --- Blocking and hand-off -------------------------------------------- */

static int notified;

static void count_notify(struct mq_queue *q)
{
	lockdep_assert_held(&q->lock);
	notified++;
}

static void blocked_receiver_gets_message_handed_off(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 2, 16);
	struct mq_actor *receiver;
	struct mq_msg *msg;

	notified = 0;
	q->notify = count_notify;
	receiver = actor_start(test, q, NULL, 0);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->receivers, 1));
	KUNIT_EXPECT_FALSE(test, actor_done(receiver, 0));

	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 5, 3, 0x42),
					    true, NULL), 0);
	/* Handed over: never queued, no notification, no waiter left. */
	KUNIT_EXPECT_EQ(test, q->curmsgs, 0);
	KUNIT_EXPECT_EQ(test, q->qsize, 0);
	KUNIT_EXPECT_EQ(test, notified, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&q->receivers));

	KUNIT_EXPECT_EQ(test, actor_finish(test, receiver, &msg), 0);
	KUNIT_ASSERT_NOT_NULL(test, msg);
	KUNIT_EXPECT_EQ(test, msg->len, 5);
	KUNIT_EXPECT_EQ(test, msg->prio, 3);
	KUNIT_EXPECT_EQ(test, msg_tag(msg), 0x42);
	mq_msg_free(msg);
	mq_queue_destroy(q);
}

static void blocked_sender_is_queued_by_receive(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct mq_actor *sender;

	send_tagged(test, q, 1, 1);
	sender = actor_start(test, q, tagged_msg(test, 8, 9, 2), 0);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->senders, 1));
	KUNIT_EXPECT_FALSE(test, actor_done(sender, 0));

	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 1);
	/* The sender's message took the freed slot before we unlocked. */
	KUNIT_EXPECT_EQ(test, q->curmsgs, 1);
	KUNIT_EXPECT_EQ(test, q->qsize, 8);
	KUNIT_EXPECT_TRUE(test, list_empty(&q->senders));
	KUNIT_EXPECT_EQ(test, actor_finish(test, sender, NULL), 0);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 2);
	mq_queue_destroy(q);
}

static void blocked_sender_times_out_and_keeps_queue(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct timespec64 soon;

	send_tagged(test, q, 0, 1);
	ktime_get_real_ts64(&soon);
	timespec64_add_ns(&soon, 10 * NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 8, 0, 2),
					    false, &soon), -ETIMEDOUT);
	KUNIT_EXPECT_TRUE(test, list_empty(&q->senders));
	KUNIT_EXPECT_EQ(test, q->curmsgs, 1);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 1);
	mq_queue_destroy(q);
}

static void signal_interrupts_blocked_receive(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct mq_actor *receiver;

	receiver = actor_start(test, q, NULL, 0);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->receivers, 1));
	send_sig(SIGUSR1, receiver->task, 1);
	KUNIT_EXPECT_EQ(test, actor_finish(test, receiver, NULL),
			-ERESTARTSYS);
	KUNIT_EXPECT_TRUE(test, list_empty(&q->receivers));
	/* The next message is queued, not handed to the departed waiter. */
	send_tagged(test, q, 0, 1);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 1);
	mq_queue_destroy(q);
}

static void urgent_waiter_is_served_first(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct mq_actor *low, *high, *low2;
	struct mq_msg *msg;

	low = actor_start(test, q, NULL, 19);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->receivers, 1));
	low2 = actor_start(test, q, NULL, 19);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->receivers, 2));
	high = actor_start(test, q, NULL, -20);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->receivers, 3));

	send_tagged(test, q, 0, 1);
	KUNIT_EXPECT_TRUE(test, actor_done(high, 5000));
	send_tagged(test, q, 0, 2);
	KUNIT_EXPECT_TRUE(test, actor_done(low, 5000));
	send_tagged(test, q, 0, 3);

	KUNIT_EXPECT_EQ(test, actor_finish(test, high, &msg), 0);
	KUNIT_EXPECT_EQ(test, msg ? msg_tag(msg) : -1, 1);
	if (msg)
		mq_msg_free(msg);
	/* Equal priorities: first come, first served. */
	KUNIT_EXPECT_EQ(test, actor_finish(test, low, &msg), 0);
	KUNIT_EXPECT_EQ(test, msg ? msg_tag(msg) : -1, 2);
	if (msg)
		mq_msg_free(msg);
	KUNIT_EXPECT_EQ(test, actor_finish(test, low2, &msg), 0);
	KUNIT_EXPECT_EQ(test, msg ? msg_tag(msg) : -1, 3);
	if (msg)
		mq_msg_free(msg);
	mq_queue_destroy(q);
}

static void requeue_hands_to_waiting_receiver(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct mq_actor *receiver;
	struct mq_msg *msg;

	send_tagged(test, q, 0, 7);
	msg = mq_queue_receive(q, 16, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	receiver = actor_start(test, q, NULL, 0);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->receivers, 1));
	mq_queue_requeue(q, msg);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 0);
	KUNIT_EXPECT_EQ(test, actor_finish(test, receiver, &msg), 0);
	KUNIT_EXPECT_EQ(test, msg ? msg_tag(msg) : -1, 7);
	if (msg)
		mq_msg_free(msg);
	mq_queue_destroy(q);
}

static void overfull_after_requeue_drains_before_senders(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 1, 16);
	struct mq_actor *sender;
	struct mq_msg *msg;

	/* A receive whose copy fails while a send refills the slot. */
	send_tagged(test, q, 0, 1);
	msg = mq_queue_receive(q, 16, true, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(msg));
	send_tagged(test, q, 0, 2);
	mq_queue_requeue(q, msg);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 2);
	KUNIT_EXPECT_EQ(test, mq_queue_poll_mask(q), EPOLLIN | EPOLLRDNORM);

	sender = actor_start(test, q, tagged_msg(test, 8, 0, 3), 0);
	KUNIT_EXPECT_TRUE(test, await_waiters(q, &q->senders, 1));
	/* This receive only ends the excess: the sender stays blocked. */
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 1);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 1);
	KUNIT_EXPECT_EQ(test, count_waiters(q, &q->senders), 1);
	/* This one frees a slot, which the sender gets. */
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 2);
	KUNIT_EXPECT_EQ(test, actor_finish(test, sender, NULL), 0);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 3);
	mq_queue_destroy(q);
}

/*
 * Two senders and two receivers on a four-slot queue, so both sides block
 * and hand off over and over on two CPUs: every message must arrive
 * exactly once, and the queue must end empty with nobody waiting.
 */
#define STRESS_MSGS	3000	/* per sender */
#define STRESS_SIDES	2	/* senders, and receivers */

struct stress {
	struct mq_queue *q;
	unsigned long *seen;
	atomic_t dups;
	atomic_t errors;
	struct timespec64 deadline;
};

struct stress_thread {
	struct stress *s;
	int id;
	bool send;
	struct completion done;
	struct task_struct *task;
};

static void stress_send(struct stress *s, int id)
{
	struct mq_msg *msg;
	u32 n;
	int k;

	for (k = 0; k < STRESS_MSGS; k++) {
		n = id * STRESS_MSGS + k;
		msg = mq_msg_alloc(sizeof(n), k % 3);
		if (IS_ERR(msg)) {
			atomic_inc(&s->errors);
			continue;
		}
		memcpy(mq_msg_bytes(msg), &n, sizeof(n));
		if (mq_queue_send(s->q, msg, false, &s->deadline))
			atomic_inc(&s->errors);
	}
}

static void stress_receive(struct stress *s)
{
	struct mq_msg *msg;
	u32 n;
	int k;

	for (k = 0; k < STRESS_MSGS; k++) {
		msg = mq_queue_receive(s->q, 16, false, &s->deadline);
		if (IS_ERR(msg)) {
			atomic_inc(&s->errors);
			continue;
		}
		memcpy(&n, mq_msg_bytes(msg), sizeof(n));
		if (msg->len != sizeof(n) ||
		    n >= STRESS_SIDES * STRESS_MSGS ||
		    test_and_set_bit(n, s->seen))
			atomic_inc(&s->dups);
		mq_msg_free(msg);
	}
}

static int stress_fn(void *data)
{
	struct stress_thread *t = data;

	if (t->send)
		stress_send(t->s, t->id);
	else
		stress_receive(t->s);
	complete_all(&t->done);
	return 0;
}

static void concurrent_traffic_delivers_each_message_once(struct kunit *test)
{
	struct stress_thread t[2 * STRESS_SIDES];
	struct stress s = {};
	int i, started = 0;

	s.q = new_queue(test, 4, 16);
	s.seen = kunit_kcalloc(test, BITS_TO_LONGS(STRESS_SIDES * STRESS_MSGS),
			       sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s.seen);
	s.deadline = seconds_from_now(30);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		t[i].s = &s;
		t[i].id = i / 2;
		t[i].send = i % 2;
		init_completion(&t[i].done);
		t[i].task = kthread_run(stress_fn, &t[i], "mq_stress");
		if (IS_ERR(t[i].task))
			break;
		get_task_struct(t[i].task);
		started++;
	}
	/* Wait for whatever started, even if not all could. */
	for (i = 0; i < started; i++) {
		wait_for_completion(&t[i].done);
		put_task_struct(t[i].task);
	}
	KUNIT_ASSERT_EQ(test, started, ARRAY_SIZE(t));
	KUNIT_EXPECT_EQ(test, atomic_read(&s.errors), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.dups), 0);
	KUNIT_EXPECT_EQ(test, bitmap_weight(s.seen,
					    STRESS_SIDES * STRESS_MSGS),
			STRESS_SIDES * STRESS_MSGS);
	KUNIT_EXPECT_EQ(test, s.q->curmsgs, 0);
	KUNIT_EXPECT_EQ(test, s.q->qsize, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&s.q->senders));
	KUNIT_EXPECT_TRUE(test, list_empty(&s.q->receivers));
	mq_queue_destroy(s.q);
}

/* --- Notification ----------------------------------------------------- */

static void notify_fires_on_empty_to_non_empty_only(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 4, 16);

	notified = 0;
	send_tagged(test, q, 0, 1);	/* nobody registered */
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 1);
	q->notify = count_notify;
	send_tagged(test, q, 0, 2);
	KUNIT_EXPECT_EQ(test, notified, 1);
	send_tagged(test, q, 5, 3);
	send_tagged(test, q, 0, 4);
	KUNIT_EXPECT_EQ(test, notified, 1);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 3);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 2);
	send_tagged(test, q, 0, 5);		/* one still queued */
	KUNIT_EXPECT_EQ(test, notified, 1);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 4);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 5);
	send_tagged(test, q, 0, 6);		/* empty again */
	KUNIT_EXPECT_EQ(test, notified, 2);
	/* Failed sends never notify. */
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 6);
	KUNIT_EXPECT_EQ(test, mq_queue_send(q, tagged_msg(test, 17, 0, 7),
					    true, NULL), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, notified, 2);
	mq_queue_destroy(q);
}

static struct kunit_case mq_queue_cases[] = {
	KUNIT_CASE_PARAM(receive_order_is_priority_then_fifo,
			 order_gen_params),
	KUNIT_CASE(interleaved_send_and_receive_keep_order),
	KUNIT_CASE(requeued_message_goes_back_in_front),
	KUNIT_CASE(full_and_empty_without_blocking_fail_eagain),
	KUNIT_CASE(oversize_message_and_short_buffer_fail_emsgsize),
	KUNIT_CASE(priority_out_of_range_fails_einval),
	KUNIT_CASE(byte_count_follows_sends_and_receives),
	KUNIT_CASE(poll_mask_tracks_room_and_messages),
	KUNIT_CASE(large_message_round_trips),
	KUNIT_CASE(messages_either_side_of_split),
	KUNIT_CASE(destroy_frees_queued_messages),
	KUNIT_CASE(notify_fires_on_empty_to_non_empty_only),
	{}
};

static struct kunit_suite mq_queue_suite = {
	.name = "peios_mq_queue",
	.test_cases = mq_queue_cases,
};

static struct kunit_case mq_queue_blocking_cases[] = {
	KUNIT_CASE(deadline_in_the_past_times_out_at_once),
	KUNIT_CASE(deadline_expires_while_blocked),
	KUNIT_CASE(invalid_deadline_fails_only_when_blocking),
	KUNIT_CASE(blocked_receiver_gets_message_handed_off),
	KUNIT_CASE(blocked_sender_is_queued_by_receive),
	KUNIT_CASE(blocked_sender_times_out_and_keeps_queue),
	KUNIT_CASE(signal_interrupts_blocked_receive),
	KUNIT_CASE(urgent_waiter_is_served_first),
	KUNIT_CASE(requeue_hands_to_waiting_receiver),
	KUNIT_CASE(overfull_after_requeue_drains_before_senders),
	KUNIT_CASE_SLOW(concurrent_traffic_delivers_each_message_once),
	{}
};

static struct kunit_suite mq_queue_blocking_suite = {
	.name = "peios_mq_queue_blocking",
	.test_cases = mq_queue_blocking_cases,
};

/* --- Attributes ------------------------------------------------------- */

#define NS_MSG_MAX	10
#define NS_MSGSIZE_MAX	8192

struct attr_case {
	const char *name;
	long maxmsg;
	long msgsize;
	long ns_msg_max;
	long ns_msgsize_max;
	bool privileged;
	int expect;
};

static const struct attr_case attr_cases[] = {
	{ "defaults", 10, 8192, NS_MSG_MAX, NS_MSGSIZE_MAX, false, 0 },
	{ "smallest", 1, 1, NS_MSG_MAX, NS_MSGSIZE_MAX, false, 0 },
	{ "maxmsg 0", 0, 1, NS_MSG_MAX, NS_MSGSIZE_MAX, false, -EINVAL },
	{ "msgsize 0", 1, 0, NS_MSG_MAX, NS_MSGSIZE_MAX, false, -EINVAL },
	{ "negative maxmsg", -1, 1, NS_MSG_MAX, NS_MSGSIZE_MAX, true,
	  -EINVAL },
	{ "negative msgsize", 1, LONG_MIN, NS_MSG_MAX, NS_MSGSIZE_MAX, true,
	  -EINVAL },
	{ "maxmsg one over msg_max", 11, 1, NS_MSG_MAX, NS_MSGSIZE_MAX, false,
	  -EINVAL },
	{ "msgsize one over msgsize_max", 1, 8193, NS_MSG_MAX, NS_MSGSIZE_MAX,
	  false, -EINVAL },
	{ "privilege lifts msg_max", 11, 1, NS_MSG_MAX, NS_MSGSIZE_MAX, true,
	  0 },
	{ "privileged hard maxima", MQ_HARD_MSGMAX, MQ_HARD_MSGSIZEMAX,
	  NS_MSG_MAX, NS_MSGSIZE_MAX, true, 0 },
	{ "privileged maxmsg over hard maximum", MQ_HARD_MSGMAX + 1, 1,
	  NS_MSG_MAX, NS_MSGSIZE_MAX, true, -EINVAL },
	{ "privileged msgsize over hard maximum", 1, MQ_HARD_MSGSIZEMAX + 1,
	  NS_MSG_MAX, NS_MSGSIZE_MAX, true, -EINVAL },
	{ "privilege ignores a raised namespace limit", MQ_HARD_MSGMAX + 1, 1,
	  MQ_HARD_MSGMAX * 2, NS_MSGSIZE_MAX, true, -EINVAL },
	{ "namespace limits at the hard maxima", MQ_HARD_MSGMAX,
	  MQ_HARD_MSGSIZEMAX, MQ_HARD_MSGMAX, MQ_HARD_MSGSIZEMAX, false, 0 },
	{ "bytes overflow", LONG_MAX / 2, 8, LONG_MAX, LONG_MAX, false,
	  -EOVERFLOW },
	{ "bookkeeping overflows the sum", LONG_MAX / 24, 1, LONG_MAX,
	  LONG_MAX, false, -EOVERFLOW },
	{ "largest product", LONG_MAX, 1, LONG_MAX, LONG_MAX, false,
	  -EOVERFLOW },
};

static void attr_case_desc(const struct attr_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(attr, attr_cases, attr_case_desc);

static void attr_check_follows_linux(struct kunit *test)
{
	const struct attr_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, mq_attr_check(c->maxmsg, c->msgsize,
					    c->ns_msg_max, c->ns_msgsize_max,
					    c->privileged), c->expect);
}

static void charge_matches_linux(struct kunit *test)
{
	/* Linux: 10 * 8192 + 10 * 48 + 10 * 48. */
	KUNIT_EXPECT_EQ(test, mq_queue_charge(10, 8192), 82880UL);
	/* Tree nodes stop at MQ_PRIO_MAX. */
	KUNIT_EXPECT_EQ(test, mq_queue_charge(MQ_HARD_MSGMAX, 1),
			(unsigned long)MQ_HARD_MSGMAX * (1 + 48) +
			MQ_PRIO_MAX * 48UL);
	KUNIT_EXPECT_EQ(test, mq_queue_charge(LONG_MAX, 2), ULONG_MAX);
	/* Default limits fit nine default queues in the default rlimit. */
	KUNIT_EXPECT_EQ(test, MQ_BYTES_MAX / mq_queue_charge(10, 8192), 9);
}

static struct kunit_case mq_attr_cases[] = {
	KUNIT_CASE_PARAM(attr_check_follows_linux, attr_gen_params),
	KUNIT_CASE(charge_matches_linux),
	{}
};

static struct kunit_suite mq_attr_suite = {
	.name = "peios_mq_queue_attr",
	.test_cases = mq_attr_cases,
};

/* --- User copies ------------------------------------------------------ */

static char __user *user_page(struct kunit *test, unsigned long prot)
{
	unsigned long addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, prot,
					   MAP_ANONYMOUS | MAP_PRIVATE, 0);

	KUNIT_ASSERT_NE_MSG(test, addr, 0, "no user mapping");
	KUNIT_ASSERT_LT(test, addr, (unsigned long)TASK_SIZE);
	return (char __user *)addr;
}

static void user_round_trip(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 2, 64);
	char __user *ubuf = user_page(test, PROT_READ | PROT_WRITE);
	unsigned int __user *uprio = (unsigned int __user *)(ubuf + 128);
	char out[16];
	unsigned int prio = 0;

	KUNIT_ASSERT_EQ(test, copy_to_user(ubuf, "hello, queue", 13), 0);
	KUNIT_EXPECT_EQ(test, mq_queue_send_user(q, ubuf, 13, 4, true, NULL),
			0);
	KUNIT_ASSERT_EQ(test, clear_user(ubuf, 64), 0);
	KUNIT_EXPECT_EQ(test, mq_queue_receive_user(q, ubuf, 64, uprio, true,
						    NULL), 13);
	KUNIT_ASSERT_EQ(test, copy_from_user(out, ubuf, 13), 0);
	KUNIT_EXPECT_STREQ(test, out, "hello, queue");
	KUNIT_ASSERT_EQ(test, get_user(prio, uprio), 0);
	KUNIT_EXPECT_EQ(test, prio, 4);
	/* The priority pointer is optional. */
	KUNIT_EXPECT_EQ(test, mq_queue_send_user(q, ubuf, 1, 0, true, NULL),
			0);
	KUNIT_EXPECT_EQ(test, mq_queue_receive_user(q, ubuf, 64, NULL, true,
						    NULL), 1);
	mq_queue_destroy(q);
}

static void user_send_checks_before_copying(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 2, 64);
	char __user *ubuf = user_page(test, PROT_READ | PROT_WRITE);

	KUNIT_EXPECT_EQ(test, mq_queue_send_user(q, NULL, 8, 0, true, NULL),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, mq_queue_send_user(q, ubuf + PAGE_SIZE - 4, 8,
						 0, true, NULL), -EFAULT);
	/* Priority and size are judged before the bad pointer. */
	KUNIT_EXPECT_EQ(test, mq_queue_send_user(q, NULL, 8, 32768, true,
						 NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, mq_queue_send_user(q, NULL, 65, 0, true, NULL),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, q->curmsgs, 0);
	KUNIT_EXPECT_EQ(test, q->qsize, 0);
	mq_queue_destroy(q);
}

static void user_receive_fault_keeps_message(struct kunit *test)
{
	struct mq_queue *q = new_queue(test, 2, 64);
	char __user *rw = user_page(test, PROT_READ | PROT_WRITE);
	char __user *ro = user_page(test, PROT_READ);
	unsigned int prio;

	send_tagged(test, q, 3, 1);
	send_tagged(test, q, 3, 2);
	KUNIT_EXPECT_EQ(test, mq_queue_receive_user(q, ro, 64, NULL, true,
						    NULL), -EFAULT);
	KUNIT_EXPECT_EQ(test, mq_queue_receive_user(q, rw, 64,
						    (unsigned int __user *)ro,
						    true, NULL), -EFAULT);
	KUNIT_EXPECT_EQ(test, mq_queue_receive_user(q, NULL, 64, NULL, true,
						    NULL), -EFAULT);
	/* Nothing lost, nothing reordered. */
	KUNIT_EXPECT_EQ(test, q->curmsgs, 2);
	KUNIT_EXPECT_EQ(test, q->qsize, 16);
	KUNIT_EXPECT_EQ(test, mq_queue_receive_user(q, rw, 64,
						    (unsigned int __user *)
						    (rw + 128), true, NULL),
			8);
	KUNIT_ASSERT_EQ(test, get_user(prio, (unsigned int __user *)(rw + 128)),
			0);
	KUNIT_EXPECT_EQ(test, prio, 3);
	KUNIT_EXPECT_EQ(test, receive_tag(test, q), 2);
	mq_queue_destroy(q);
}

static struct kunit_case mq_user_cases[] = {
	KUNIT_CASE(user_round_trip),
	KUNIT_CASE(user_send_checks_before_copying),
	KUNIT_CASE(user_receive_fault_keeps_message),
	{}
};

static struct kunit_suite mq_user_suite = {
	.name = "peios_mq_queue_user",
	.test_cases = mq_user_cases,
};

kunit_test_suites(&mq_queue_suite, &mq_queue_blocking_suite, &mq_attr_suite,
		  &mq_user_suite);
