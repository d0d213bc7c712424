// SPDX-License-Identifier: GPL-2.0
/*
 * Message queues through the C library: create, open, send, receive,
 * priorities, non-blocking, attributes, the status line, poll and unlink,
 * each with Linux's results and errnos.  Run as root with the module
 * loaded and /dev/mqueue mounted.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "lib/tap.h"

#define Q "/peios_basic"

static void test_create_and_attrs(void)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 }, got;
	mqd_t q;

	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	CHECK(q != (mqd_t)-1, "mq_open O_CREAT|O_EXCL creates a queue");
	CHECK_ERR(mq_open(Q, O_CREAT | O_EXCL | O_RDWR, 0600, &attr), EEXIST,
		  "O_EXCL on an existing queue is EEXIST");
	CHECK(mq_getattr(q, &got) == 0 && got.mq_maxmsg == 4 &&
	      got.mq_msgsize == 64 && got.mq_curmsgs == 0 && got.mq_flags == 0,
	      "mq_getattr reports the creation attributes");
	CHECK(access("/dev/mqueue/peios_basic", F_OK) == 0,
	      "the queue appears in /dev/mqueue");
	mq_close(q);
}

static void test_defaults(void)
{
	struct mq_attr got;
	mqd_t q;

	mq_unlink("/peios_defaults");
	q = mq_open("/peios_defaults", O_CREAT | O_RDWR, 0600, NULL);
	CHECK(q != (mqd_t)-1 && mq_getattr(q, &got) == 0 &&
	      got.mq_maxmsg == 10 && got.mq_msgsize == 8192,
	      "NULL attr gives 10 messages of 8192 bytes");
	mq_close(q);
	mq_unlink("/peios_defaults");
}

static void test_bad_attrs(void)
{
	struct mq_attr zero = { .mq_maxmsg = 0, .mq_msgsize = 64 };
	struct mq_attr neg = { .mq_maxmsg = 4, .mq_msgsize = -1 };
	struct mq_attr big = { .mq_maxmsg = 11, .mq_msgsize = 64 };
	struct mq_attr bigsize = { .mq_maxmsg = 4, .mq_msgsize = 8193 };

	CHECK_ERR(mq_open("/peios_bad", O_CREAT | O_RDWR, 0600, &zero), EINVAL,
		  "mq_maxmsg 0 is EINVAL");
	CHECK_ERR(mq_open("/peios_bad", O_CREAT | O_RDWR, 0600, &neg), EINVAL,
		  "negative mq_msgsize is EINVAL");
	CHECK_ERR(mq_open("/peios_bad", O_CREAT | O_RDWR, 0600, &big), EINVAL,
		  "mq_maxmsg above msg_max is EINVAL");
	CHECK_ERR(mq_open("/peios_bad", O_CREAT | O_RDWR, 0600, &bigsize),
		  EINVAL, "mq_msgsize above msgsize_max is EINVAL");
	CHECK(access("/dev/mqueue/peios_bad", F_OK) != 0,
	      "failed creations leave no queue behind");
	CHECK_ERR(mq_open("/peios_none", O_RDWR), ENOENT,
		  "opening a missing queue is ENOENT");
	mq_unlink("/peios_bad");
}

static void test_priorities(void)
{
	char buf[64];
	unsigned int prio, i;
	const unsigned int prios[] = { 1, 5, 5, 0, 32767, 5 };
	const char *msgs[] = { "a", "b", "c", "d", "e", "f" };
	const char *want = "ebcfad";
	char order[8] = "";
	mqd_t q = mq_open(Q, O_RDWR);
	struct mq_attr attr = { .mq_maxmsg = 6, .mq_msgsize = 64 };

	mq_close(q);
	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_RDWR, 0600, &attr);
	for (i = 0; i < 6; i++)
		mq_send(q, msgs[i], 2, prios[i]);
	for (i = 0; i < 6; i++) {
		if (mq_receive(q, buf, sizeof(buf), &prio) == 2)
			order[i] = buf[0];
	}
	CHECK(!strcmp(order, want),
	      "highest priority first, FIFO within one (got %s)", order);
	CHECK_ERR(mq_send(q, "x", 1, 32768), EINVAL,
		  "priority 32768 is EINVAL");
	mq_close(q);
}

static void test_sizes_and_nonblock(void)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 }, set, old;
	char buf[64];
	mqd_t q;

	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_RDWR | O_NONBLOCK, 0600, &attr);
	CHECK_ERR(mq_send(q, buf, 17, 0), EMSGSIZE,
		  "a message above mq_msgsize is EMSGSIZE");
	CHECK_ERR(mq_receive(q, buf, 15, NULL), EMSGSIZE,
		  "a buffer below mq_msgsize is EMSGSIZE");
	CHECK_ERR(mq_receive(q, buf, sizeof(buf), NULL), EAGAIN,
		  "receive on an empty O_NONBLOCK queue is EAGAIN");
	mq_send(q, "1", 1, 0);
	mq_send(q, "2", 1, 0);
	CHECK_ERR(mq_send(q, "3", 1, 0), EAGAIN,
		  "send on a full O_NONBLOCK queue is EAGAIN");
	set.mq_flags = 0;
	CHECK(mq_setattr(q, &set, &old) == 0 && (old.mq_flags & O_NONBLOCK) &&
	      old.mq_curmsgs == 2, "mq_setattr returns the old flags");
	set.mq_flags = 0x8000;
	CHECK_ERR(mq_setattr(q, &set, NULL), EINVAL,
		  "flags other than O_NONBLOCK are EINVAL");
	mq_close(q);
}

static void test_timeouts(void)
{
	struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 16 };
	struct timespec ts;
	char buf[16];
	mqd_t q;

	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_RDWR, 0600, &attr);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	CHECK_ERR(mq_timedreceive(q, buf, sizeof(buf), NULL, &ts), ETIMEDOUT,
		  "timed receive on an empty queue times out");
	ts.tv_nsec = 1000000000;
	CHECK_ERR(mq_timedreceive(q, buf, sizeof(buf), NULL, &ts), EINVAL,
		  "an invalid timespec is EINVAL");
	mq_send(q, "x", 1, 0);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	CHECK_ERR(mq_timedsend(q, "y", 1, 0, &ts), ETIMEDOUT,
		  "timed send on a full queue with a past deadline times out");
	mq_close(q);
}

static void test_status_and_poll(void)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 };
	struct pollfd pfd;
	char line[128] = "";
	int fd;
	mqd_t q;

	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_RDWR, 0600, &attr);
	pfd.fd = q;
	pfd.events = POLLIN | POLLOUT;
	CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLOUT,
	      "an empty queue polls writable only");
	mq_send(q, "hello", 5, 3);
	CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == (POLLIN | POLLOUT),
	      "a queue with room and a message polls both ways");
	fd = open("/dev/mqueue/peios_basic", O_RDONLY);
	CHECK(fd >= 0 && read(fd, line, sizeof(line) - 1) > 0 &&
	      !strncmp(line, "QSIZE:5 ", 8),
	      "read(2) gives the status line (%.40s)", line);
	close(fd);
	mq_close(q);
}

static void test_unlink(void)
{
	char buf[16];
	mqd_t q = mq_open(Q, O_RDWR);

	CHECK(mq_unlink(Q) == 0, "mq_unlink removes the name");
	CHECK_ERR(mq_unlink(Q), ENOENT, "unlinking again is ENOENT");
	CHECK(mq_receive(q, buf, sizeof(buf), NULL) == 5,
	      "an open descriptor still works after unlink");
	mq_close(q);
}

static void test_descriptors(void)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 };
	char buf[16];
	mqd_t r, w;

	mq_unlink(Q);
	w = mq_open(Q, O_CREAT | O_WRONLY, 0600, &attr);
	r = mq_open(Q, O_RDONLY);
	CHECK_ERR(mq_receive(w, buf, sizeof(buf), NULL), EBADF,
		  "receive on a write-only descriptor is EBADF");
	CHECK_ERR(mq_send(r, "x", 1, 0), EBADF,
		  "send on a read-only descriptor is EBADF");
	CHECK_ERR(mq_send(0, "x", 1, 0), EBADF,
		  "send on a descriptor that is not a queue is EBADF");
	CHECK(fcntl(r, F_GETFD) & FD_CLOEXEC, "mq_open sets close-on-exec");
	mq_close(r);
	mq_close(w);
	mq_unlink(Q);
}

int main(void)
{
	umask(0);
	test_create_and_attrs();
	test_defaults();
	test_bad_attrs();
	test_priorities();
	test_sizes_and_nonblock();
	test_timeouts();
	test_status_and_poll();
	test_unlink();
	test_descriptors();
	return tap_done();
}
