// SPDX-License-Identifier: GPL-2.0
/*
 * Consumers, one kind per queue: timed receives (q0), poll and select on
 * the queue descriptor (q1), mq_notify with SIGEV_SIGNAL (q2) and with
 * SIGEV_THREAD (q3).  Every message goes through msg_account().
 */
#include <errno.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include "stress.h"

/* Receive until the queue is empty; @fd is O_NONBLOCK. */
static long drain_fd(mqd_t fd, int q, struct order_state *st)
{
	char buf[MSGSIZE];
	unsigned int prio;
	long n = 0;
	ssize_t r;

	for (;;) {
		r = mq_receive(fd, buf, sizeof(buf), &prio);
		if (r >= 0) {
			msg_account(st, q, buf, r, prio);
			n++;
		} else if (errno == EINTR) {
			atomic_fetch_add(&S->eintr, 1);
		} else {
			if (errno != EAGAIN)
				err_note("mq_receive (non-blocking)", errno);
			return n;
		}
	}
}

long drain_queue(int q, struct order_state *st)
{
	mqd_t fd = open_queue(q, O_RDONLY | O_NONBLOCK);
	long n;

	if (fd == (mqd_t)-1) {
		err_note("mq_open for the drain", errno);
		return -1;
	}
	n = drain_fd(fd, q, st);
	mq_close(fd);
	return n;
}

static void *timed_consumer(void *arg)
{
	struct order_state *st = calloc(1, sizeof(*st));
	mqd_t fd = open_queue(0, O_RDONLY);
	char buf[MSGSIZE];
	struct timespec ts;
	unsigned int prio;
	ssize_t r;

	(void)arg;
	register_thread();
	if (fd == (mqd_t)-1 || !st) {
		err_note("timed consumer setup", errno);
		return NULL;
	}
	while (!atomic_load(&S->stop)) {
		deadline_in(&ts, 100);
		r = mq_timedreceive(fd, buf, sizeof(buf), &prio, &ts);
		if (r >= 0)
			msg_account(st, 0, buf, r, prio);
		else if (errno == ETIMEDOUT)
			atomic_fetch_add(&S->recv_timeouts, 1);
		else if (errno == EINTR)
			atomic_fetch_add(&S->eintr, 1);
		else
			err_note("mq_timedreceive", errno);
	}
	mq_close(fd);
	free(st);
	return NULL;
}

void run_timed_consumers(int restart)
{
	pthread_t t[2];
	int i;

	install_sigusr1(restart);
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, timed_consumer, NULL);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
}

/* Wait for POLLIN with poll(2) (arg 0) or select(2) (arg 1), then take. */
static void *poll_consumer(void *arg)
{
	struct order_state *st = calloc(1, sizeof(*st));
	mqd_t fd = open_queue(1, O_RDONLY | O_NONBLOCK);
	int use_select = arg != NULL, r;

	register_thread();
	if (fd == (mqd_t)-1 || !st) {
		err_note("poll consumer setup", errno);
		return NULL;
	}
	while (!atomic_load(&S->stop)) {
		if (use_select) {
			struct timeval tv = { 0, 100000 };
			fd_set set;

			FD_ZERO(&set);
			FD_SET(fd, &set);
			r = select(fd + 1, &set, NULL, NULL, &tv);
			atomic_fetch_add(&S->selects, 1);
		} else {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };

			r = poll(&pfd, 1, 100);
			if (r > 0 && pfd.revents & ~(POLLIN | POLLRDNORM))
				err_note("poll revents", EPROTO);
			atomic_fetch_add(&S->polls, 1);
		}
		if (r > 0)
			drain_fd(fd, 1, st);
		else if (r < 0 && errno == EINTR)
			atomic_fetch_add(&S->eintr, 1);
		else if (r < 0)
			err_note("poll/select", errno);
	}
	mq_close(fd);
	free(st);
	return NULL;
}

void run_poll_consumers(void)
{
	pthread_t t[3];
	int i;

	install_sigusr1(0);
	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, poll_consumer,
			       i == 2 ? (void *)1 : NULL);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
}

/*
 * SIGEV_SIGNAL: register, drain, wait for the signal; after it register
 * again before draining, so no message can arrive unnoticed.  A timeout
 * drains anyway (the registration then stays).
 */
void run_notify_signal(void)
{
	struct order_state *st = calloc(1, sizeof(*st));
	mqd_t fd = open_queue(2, O_RDONLY | O_NONBLOCK);
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL,
				.sigev_signo = NOTIFY_SIG };
	struct timespec ts = { 0, 100000000 };
	siginfo_t info;
	sigset_t set;
	int r;

	install_sigusr1(1);
	sigemptyset(&set);
	sigaddset(&set, NOTIFY_SIG);
	sigprocmask(SIG_BLOCK, &set, NULL);
	register_thread();
	if (fd == (mqd_t)-1 || !st || mq_notify(fd, &sev)) {
		err_note("SIGEV_SIGNAL consumer setup", errno);
		return;
	}
	while (!atomic_load(&S->stop)) {
		drain_fd(fd, 2, st);
		r = sigtimedwait(&set, &info, &ts);
		if (r == NOTIFY_SIG) {
			if (info.si_code != SI_MESGQ)
				err_note("notification si_code", EPROTO);
			atomic_fetch_add(&S->notify_sig, 1);
			if (mq_notify(fd, &sev))
				err_note("mq_notify SIGEV_SIGNAL again", errno);
		} else if (r < 0 && errno == EINTR) {
			atomic_fetch_add(&S->eintr, 1);
		} else if (r < 0 && errno != EAGAIN) {
			err_note("sigtimedwait", errno);
		}
	}
	if (mq_notify(fd, NULL))
		err_note("mq_notify removal", errno);
	mq_close(fd);
	free(st);
}

/* SIGEV_THREAD: glibc runs thread_notified() in a new thread each time. */
static mqd_t thread_fd;
static pthread_mutex_t thread_mu = PTHREAD_MUTEX_INITIALIZER;
static struct order_state thread_st;
static atomic_int thread_done, thread_busy;

static void thread_notified(union sigval v);

static int thread_register(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_THREAD };

	sev.sigev_notify_function = thread_notified;
	return mq_notify(thread_fd, &sev);
}

static void thread_notified(union sigval v)
{
	(void)v;
	atomic_fetch_add(&thread_busy, 1);
	atomic_fetch_add(&S->notify_thread, 1);
	if (!atomic_load(&thread_done) && thread_register())
		err_note("mq_notify SIGEV_THREAD again", errno);
	pthread_mutex_lock(&thread_mu);
	drain_fd(thread_fd, 3, &thread_st);
	pthread_mutex_unlock(&thread_mu);
	atomic_fetch_sub(&thread_busy, 1);
}

void run_notify_thread(void)
{
	int i;

	install_sigusr1(0);
	register_thread();
	thread_fd = open_queue(3, O_RDONLY | O_NONBLOCK);
	if (thread_fd == (mqd_t)-1 || thread_register()) {
		err_note("SIGEV_THREAD consumer setup", errno);
		return;
	}
	/* A slow safety drain; the callbacks do most of the work. */
	while (!atomic_load(&S->stop)) {
		msleep(250);
		pthread_mutex_lock(&thread_mu);
		drain_fd(thread_fd, 3, &thread_st);
		pthread_mutex_unlock(&thread_mu);
	}
	atomic_store(&thread_done, 1);
	mq_notify(thread_fd, NULL);	/* ENOENT-free: a missing one is fine */
	for (i = 0; i < 100 && atomic_load(&thread_busy); i++)
		msleep(20);
	pthread_mutex_lock(&thread_mu);
	drain_fd(thread_fd, 3, &thread_st);
	pthread_mutex_unlock(&thread_mu);
}
