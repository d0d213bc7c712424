// SPDX-License-Identifier: GPL-2.0
/*
 * poll, select and epoll on queue descriptors: POLLIN while a message is
 * queued, POLLOUT while there is room, and waiters woken by a send or a
 * receive in another process.  Run as root with the module loaded.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../lib/tap.h"

#define Q "/peios_poll"

static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A child that sends (or receives) one message after @ms. */
static pid_t later(mqd_t q, int receive, int ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	char buf[16];
	pid_t pid = fork();

	if (pid == 0) {
		nanosleep(&ts, NULL);
		if (receive)
			_exit(mq_receive(q, buf, sizeof(buf), NULL) < 0);
		_exit(mq_send(q, "p", 1, 0) != 0);
	}
	return pid;
}

static void test_poll(mqd_t q)
{
	struct pollfd pfd = { .fd = q, .events = POLLIN | POLLOUT };
	char buf[16];
	pid_t pid;

	CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLOUT,
	      "poll: an empty queue is writable only");
	pfd.events = POLLIN;
	pid = later(q, 0, 100);
	CHECK(poll(&pfd, 1, 5000) == 1 && pfd.revents == POLLIN &&
	      reap(pid) == 0, "poll: a blocked POLLIN waiter wakes on a send");
	mq_send(q, "2", 1, 0);
	pfd.events = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
	pfd.revents = 0;
	poll(&pfd, 1, 0);
	CHECK(pfd.revents == (POLLIN | POLLRDNORM),
	      "poll: a full queue is readable only (revents 0x%x)", pfd.revents);
	mq_receive(q, buf, sizeof(buf), NULL);
	pfd.revents = 0;
	poll(&pfd, 1, 0);
	CHECK(pfd.revents == (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM),
	      "poll: with a message and room, POLLIN|POLLRDNORM|POLLOUT|POLLWRNORM (revents 0x%x)",
	      pfd.revents);
	mq_send(q, "2", 1, 0);
	pfd.events = POLLOUT;
	pid = later(q, 1, 100);
	CHECK(poll(&pfd, 1, 5000) == 1 && pfd.revents == POLLOUT &&
	      reap(pid) == 0, "poll: a blocked POLLOUT waiter wakes on a receive");
	mq_receive(q, buf, sizeof(buf), NULL);
}

static void test_select(mqd_t q)
{
	struct timeval tv = { 0, 0 };
	fd_set r, w;
	char buf[16];
	pid_t pid;

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(q, &r);
	FD_SET(q, &w);
	CHECK(select(q + 1, &r, &w, NULL, &tv) == 1 && !FD_ISSET(q, &r) &&
	      FD_ISSET(q, &w), "select: an empty queue is writable only");
	FD_ZERO(&r);
	FD_SET(q, &r);
	tv.tv_sec = 5;
	pid = later(q, 0, 100);
	CHECK(select(q + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(q, &r) &&
	      reap(pid) == 0, "select: a reader wakes on a send");
	mq_receive(q, buf, sizeof(buf), NULL);
}

static void test_epoll(mqd_t q)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 7 }, got;
	char buf[16];
	int ep = epoll_create1(EPOLL_CLOEXEC), n;
	pid_t pid;

	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, q, &ev) == 0,
	      "epoll: a queue descriptor can be added");
	CHECK(epoll_wait(ep, &got, 1, 0) == 0, "epoll: empty queue, no EPOLLIN");
	pid = later(q, 0, 100);
	n = epoll_wait(ep, &got, 1, 5000);
	CHECK(n == 1 && got.events == EPOLLIN && got.data.u32 == 7 &&
	      reap(pid) == 0, "epoll: a waiter wakes on a send");
	ev.events = EPOLLIN | EPOLLET;
	epoll_ctl(ep, EPOLL_CTL_MOD, q, &ev);
	n = epoll_wait(ep, &got, 1, 0);
	CHECK(n == 1 && epoll_wait(ep, &got, 1, 0) == 0,
	      "epoll: edge-triggered reports a queued message once");
	mq_send(q, "3", 1, 0);
	CHECK(epoll_wait(ep, &got, 1, 0) == 1,
	      "epoll: edge-triggered reports the next send");
	mq_receive(q, buf, sizeof(buf), NULL);
	mq_receive(q, buf, sizeof(buf), NULL);
	ev.events = EPOLLOUT;
	epoll_ctl(ep, EPOLL_CTL_MOD, q, &ev);
	mq_send(q, "a", 1, 0);
	mq_send(q, "b", 1, 0);
	CHECK(epoll_wait(ep, &got, 1, 0) == 0, "epoll: a full queue, no EPOLLOUT");
	pid = later(q, 1, 100);
	n = epoll_wait(ep, &got, 1, 5000);
	CHECK(n == 1 && got.events == EPOLLOUT && reap(pid) == 0,
	      "epoll: a waiter for room wakes on a receive");
	mq_receive(q, buf, sizeof(buf), NULL);
	close(ep);
}

int main(void)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 };
	mqd_t q;

	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	CHECK(q != (mqd_t)-1, "create the queue");
	test_poll(q);
	test_select(q);
	test_epoll(q);
	mq_close(q);
	mq_unlink(Q);
	return tap_done();
}
