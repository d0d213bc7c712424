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
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../lib/tap.h"

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

static void test_errors(void)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 };
	char name[300], buf[16];
	struct rlimit rl, one;
	unsigned int prio;
	void *bad;
	mqd_t q;

	memset(name, 'n', sizeof(name));
	name[0] = '/';
	name[257] = '\0';
	CHECK_ERR(mq_open(name, O_CREAT | O_RDWR, 0600, &attr), ENAMETOOLONG,
		  "a name of 256 characters is ENAMETOOLONG");
	CHECK_ERR(mq_unlink(name), ENAMETOOLONG,
		  "mq_unlink of a name too long is ENAMETOOLONG");
	name[256] = '\0';
	q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	CHECK(q != (mqd_t)-1 && mq_close(q) == 0 && mq_unlink(name) == 0,
	      "a name of 255 characters is fine");
	CHECK_ERR(syscall(SYS_mq_open, "a/b", O_CREAT | O_RDWR, 0600, &attr),
		  EACCES, "a name containing '/' is EACCES");
	CHECK_ERR(syscall(SYS_mq_unlink, "."), EACCES,
		  "mq_unlink(\".\") is EACCES");
	CHECK_ERR(syscall(SYS_mq_open, "", O_CREAT | O_RDWR, 0600, &attr),
		  ENOENT, "an empty name is ENOENT (getname(), as Linux)");
	CHECK_ERR(syscall(SYS_mq_open, (char *)8, O_RDWR, 0, NULL), EFAULT,
		  "an unreadable name is EFAULT");
	CHECK_ERR(syscall(SYS_mq_open, "peios_e", O_CREAT | O_RDWR, 0600,
			  (void *)8), EFAULT, "an unreadable mq_attr is EFAULT");

	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_RDWR, 0600, &attr);
	CHECK_ERR(mq_open(Q, O_RDWR | O_WRONLY), EINVAL,
		  "O_RDWR|O_WRONLY on an existing queue is EINVAL");
	bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK_ERR(mq_send(q, bad, 4, 0), EFAULT,
		  "sending from unreadable memory is EFAULT");
	CHECK(mq_getattr(q, &attr) == 0 && attr.mq_curmsgs == 0,
	      "and queues nothing");
	mq_send(q, "keep", 4, 7);
	CHECK_ERR(mq_receive(q, bad, 16, NULL), EFAULT,
		  "receiving into unwritable memory is EFAULT");
	CHECK_ERR(mq_receive(q, buf, 16, bad), EFAULT,
		  "an unwritable priority pointer is EFAULT");
	CHECK(mq_receive(q, buf, sizeof(buf), &prio) == 4 && prio == 7 &&
	      !memcmp(buf, "keep", 4),
	      "a failed receive loses nothing (module behaviour; Linux drops it)");
	CHECK_ERR(syscall(SYS_mq_timedsend, q, "x", 1, 0, bad), EFAULT,
		  "an unreadable timeout is EFAULT");
	CHECK_ERR(syscall(SYS_mq_getsetattr, q, bad, NULL), EFAULT,
		  "an unreadable new mq_attr is EFAULT");
	CHECK_ERR(syscall(SYS_mq_getsetattr, q, NULL, bad), EFAULT,
		  "an unwritable old mq_attr is EFAULT");
	CHECK_ERR(syscall(SYS_mq_notify, q, bad), EFAULT,
		  "an unreadable sigevent is EFAULT");
	munmap(bad, 4096);
	CHECK_ERR(mq_send(q, "x", 1, 40000), EINVAL,
		  "priority 40000 is EINVAL");
	CHECK_ERR(mq_send(-5, "x", 1, 40000), EINVAL,
		  "the priority is checked before the descriptor (EINVAL)");
	CHECK_ERR(syscall(SYS_mq_getsetattr, 12345, NULL, &attr), EBADF,
		  "mq_getsetattr on a closed descriptor is EBADF");

	getrlimit(RLIMIT_NOFILE, &rl);
	one.rlim_cur = q + 1;
	one.rlim_max = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &one);
	CHECK_ERR(mq_open(Q, O_RDWR), EMFILE,
		  "no free descriptor under RLIMIT_NOFILE is EMFILE");
	setrlimit(RLIMIT_NOFILE, &rl);
	mq_close(q);
	mq_unlink(Q);
}

#ifdef __i386__
/*
 * The original ia32 mq_timedsend/mq_timedreceive (279, 280) take a 32-bit
 * time_t; the C library uses the time64 ones (418, 419).
 */
struct timespec32 {
	int32_t tv_sec;
	int32_t tv_nsec;
};

static void test_time32(void)
{
	struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 16 };
	struct timespec32 ts32;
	struct timespec now, after;
	unsigned int prio = 0;
	char buf[16];
	mqd_t q;

	mq_unlink(Q);
	q = mq_open(Q, O_CREAT | O_RDWR, 0600, &attr);
	clock_gettime(CLOCK_REALTIME, &now);
	ts32.tv_sec = now.tv_sec + 5;
	ts32.tv_nsec = 0;
	CHECK(syscall(279, q, "t32", 3, 9, &ts32) == 0,
	      "ia32 mq_timedsend (time32) sends");
	ts32.tv_sec = now.tv_sec;
	CHECK_ERR(syscall(279, q, "x", 1, 0, &ts32), ETIMEDOUT,
		  "ia32 mq_timedsend (time32) times out on a full queue");
	CHECK(syscall(280, q, buf, sizeof(buf), &prio, &ts32) == 3 &&
	      prio == 9 && !memcmp(buf, "t32", 3),
	      "ia32 mq_timedreceive (time32) receives with the priority");
	clock_gettime(CLOCK_REALTIME, &now);
	ts32.tv_sec = now.tv_sec;
	ts32.tv_nsec = now.tv_nsec + 100000000;
	if (ts32.tv_nsec >= 1000000000) {
		ts32.tv_sec++;
		ts32.tv_nsec -= 1000000000;
	}
	CHECK_ERR(syscall(280, q, buf, sizeof(buf), NULL, &ts32), ETIMEDOUT,
		  "ia32 mq_timedreceive (time32) times out");
	clock_gettime(CLOCK_REALTIME, &after);
	CHECK((after.tv_sec - now.tv_sec) * 1000000000LL +
	      (after.tv_nsec - now.tv_nsec) >= 90000000LL,
	      "after waiting for the 32-bit deadline");
	ts32.tv_nsec = -1;
	CHECK_ERR(syscall(280, q, buf, sizeof(buf), NULL, &ts32), EINVAL,
		  "an invalid 32-bit timespec is EINVAL");
	mq_close(q);
	mq_unlink(Q);
}
#endif

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
	test_errors();
#ifdef __i386__
	test_time32();
#endif
	return tap_done();
}
