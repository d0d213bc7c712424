// SPDX-License-Identifier: GPL-2.0
/*
 * Message queues between processes: producers and consumers with
 * priorities, blocked senders and receivers served in task-priority then
 * arrival order, direct hand-off, signals ending waits (EINTR, or a
 * restart under SA_RESTART, as Linux), and descriptors inherited across
 * fork and exec with the access they were opened with.  Run as root with
 * the module loaded; built against glibc, musl and as a 32-bit program.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../lib/tap.h"

#define Q "/peios_procs"

/*
 * No timespec: the project kernel runs no 32-bit time syscalls
 * (CONFIG_COMPAT_32BIT_TIME=n), and the 32-bit build must sleep too.
 */
static void msleep(int ms)
{
	poll(NULL, 0, ms);
}

static mqd_t fresh(long maxmsg, long msgsize, int flags)
{
	struct mq_attr attr = { .mq_maxmsg = maxmsg, .mq_msgsize = msgsize };

	mq_unlink(Q);
	return mq_open(Q, O_CREAT | O_EXCL | O_RDWR | flags, 0600, &attr);
}

/* Wait until @pid sleeps (state S in /proc/PID/stat). */
static int wait_sleeping(pid_t pid)
{
	char path[64], buf[256], *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (i = 0; i < 500; i++) {
		FILE *f = fopen(path, "r");

		if (f) {
			p = fgets(buf, sizeof(buf), f);
			fclose(f);
			p = p ? strrchr(buf, ')') : NULL;
			if (p && p[1] == ' ' && p[2] == 'S') {
				msleep(20);
				return 0;
			}
		}
		msleep(10);
	}
	return -1;
}

static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* --- producers and consumers ------------------------------------------- */

struct item {
	int producer;
	int seq;
};

#define PRODUCERS 3
#define PER_PRODUCER 300

static void test_producers_consumers(void)
{
	int last[PRODUCERS][4], count = 0, bad = 0, i, j, fails = 0;
	pid_t pids[PRODUCERS];
	struct item it;
	unsigned int prio;
	mqd_t q = fresh(4, sizeof(struct item), 0);

	for (i = 0; i < PRODUCERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			for (j = 0; j < PER_PRODUCER; j++) {
				it.producer = i;
				it.seq = j;
				if (mq_send(q, (char *)&it, sizeof(it), j % 4))
					_exit(1);
			}
			_exit(0);
		}
	}
	memset(last, -1, sizeof(last));
	while (count < PRODUCERS * PER_PRODUCER) {
		if (mq_receive(q, (char *)&it, sizeof(it), &prio) != sizeof(it)) {
			bad++;
			break;
		}
		if (it.producer < 0 || it.producer >= PRODUCERS ||
		    (unsigned int)it.seq % 4 != prio ||
		    it.seq <= last[it.producer][prio])
			bad++;
		else
			last[it.producer][prio] = it.seq;
		count++;
	}
	for (i = 0; i < PRODUCERS; i++)
		fails += reap(pids[i]) != 0;
	CHECK(count == PRODUCERS * PER_PRODUCER && !bad && !fails,
	      "%d producers x %d messages through a 4-slot queue: all delivered, FIFO per priority (%d bad)",
	      PRODUCERS, PER_PRODUCER, bad);
	mq_close(q);
}

/* A queued backlog drains by priority whatever the arrival order. */
static void test_backlog_priorities(void)
{
	int pfd[2], i, ok = 1;
	unsigned int prio, prev = 32768;
	char buf[16];
	pid_t pid;
	mqd_t q = fresh(10, 16, 0);

	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		close(pfd[1]);
		read(pfd[0], buf, 1);	/* start when the producers are done */
		for (i = 0; i < 10; i++) {
			if (mq_receive(q, buf, sizeof(buf), &prio) < 0 ||
			    prio > prev)
				_exit(1);
			prev = prio;
		}
		_exit(0);
	}
	close(pfd[0]);
	for (i = 0; i < 10; i++)
		ok &= mq_send(q, "m", 1, (i * 7919) % 32768) == 0;
	write(pfd[1], "g", 1);
	close(pfd[1]);
	CHECK(ok && reap(pid) == 0,
	      "a consumer receives a backlog highest priority first");
	mq_close(q);
}

/* --- waiter order -------------------------------------------------------- */

static const int waiter_nice[] = { 0, -5, 0, -5, 5 };
#define WAITERS 5
/* Served first: lower nice (higher task priority), then arrival order. */
static const char *want_order = "BDACE";

static void test_receiver_order(void)
{
	char buf[16], order[WAITERS + 1] = "";
	pid_t pids[WAITERS];
	int pfd[2], i, ok = 1;
	mqd_t q = fresh(4, 16, 0);

	if (pipe(pfd))
		return;
	for (i = 0; i < WAITERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(pfd[0]);
			setpriority(PRIO_PROCESS, 0, waiter_nice[i]);
			if (mq_receive(q, buf, sizeof(buf), NULL) != 1)
				_exit(1);
			/* Report who got which message. */
			buf[1] = 'A' + i;
			write(pfd[1], buf, 2);
			_exit(0);
		}
		ok &= wait_sleeping(pids[i]) == 0;
	}
	close(pfd[1]);
	for (i = 0; i < WAITERS; i++) {
		buf[0] = '0' + i;
		ok &= mq_send(q, buf, 1, 0) == 0;
	}
	for (i = 0; i < WAITERS; i++) {
		char m[2];

		if (read(pfd[0], m, 2) == 2 && m[0] >= '0' &&
		    m[0] < '0' + WAITERS)
			order[m[0] - '0'] = m[1];
	}
	close(pfd[0]);
	for (i = 0; i < WAITERS; i++)
		ok &= reap(pids[i]) == 0;
	CHECK(ok && !strcmp(order, want_order),
	      "blocked receivers are served by task priority, then FIFO (got %s, want %s)",
	      order, want_order);
	mq_close(q);
}

static void test_sender_order(void)
{
	char buf[16], order[WAITERS + 1] = "";
	pid_t pids[WAITERS];
	int i, ok = 1;
	mqd_t q = fresh(1, 16, 0);

	ok &= mq_send(q, "-", 1, 0) == 0;
	for (i = 0; i < WAITERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			setpriority(PRIO_PROCESS, 0, waiter_nice[i]);
			buf[0] = 'A' + i;
			_exit(mq_send(q, buf, 1, 0) ? 1 : 0);
		}
		ok &= wait_sleeping(pids[i]) == 0;
	}
	ok &= mq_receive(q, buf, sizeof(buf), NULL) == 1 && buf[0] == '-';
	for (i = 0; i < WAITERS; i++)
		if (mq_receive(q, buf, sizeof(buf), NULL) == 1)
			order[i] = buf[0];
	for (i = 0; i < WAITERS; i++)
		ok &= reap(pids[i]) == 0;
	CHECK(ok && !strcmp(order, want_order),
	      "blocked senders are served by task priority, then FIFO (got %s, want %s)",
	      order, want_order);
	mq_close(q);
}

/* A waiting receiver takes the message directly: it never shows queued. */
static void test_handoff(void)
{
	struct mq_attr attr;
	char buf[16];
	pid_t pid;
	mqd_t q = fresh(1, 16, 0);

	pid = fork();
	if (pid == 0)
		_exit(mq_receive(q, buf, sizeof(buf), NULL) == 5 &&
		      !memcmp(buf, "hello", 5) ? 0 : 1);
	wait_sleeping(pid);
	CHECK(mq_send(q, "hello", 5, 0) == 0 && reap(pid) == 0 &&
	      mq_getattr(q, &attr) == 0 && attr.mq_curmsgs == 0,
	      "a blocked receiver gets the message, the queue stays empty");
	/* A full 1-slot queue: the blocked sender's message moves in. */
	mq_send(q, "first", 5, 0);
	pid = fork();
	if (pid == 0)
		_exit(mq_send(q, "second", 6, 0) ? 1 : 0);
	wait_sleeping(pid);
	CHECK(mq_receive(q, buf, sizeof(buf), NULL) == 5 && reap(pid) == 0 &&
	      mq_getattr(q, &attr) == 0 && attr.mq_curmsgs == 1 &&
	      mq_receive(q, buf, sizeof(buf), NULL) == 6 &&
	      !memcmp(buf, "second", 6),
	      "a receive completes a blocked sender, whose message is queued");
	mq_close(q);
}

/* --- signals -------------------------------------------------------------- */

static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

static void set_handler(int restart)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGUSR1, &sa, NULL);
}

/*
 * Child: block in a receive (or a send on a full queue) and report how it
 * ended: exit 0 for EINTR, 2 for success after the handler ran.
 */
static pid_t blocked_child(mqd_t q, int send, int restart, int timed)
{
	struct timespec ts;
	char buf[16];
	pid_t pid = fork();
	int r;

	if (pid)
		return pid;
	set_handler(restart);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 20;
	if (send)
		r = timed ? mq_timedsend(q, "s", 1, 0, &ts) :
			    mq_send(q, "s", 1, 0);
	else
		r = timed ? mq_timedreceive(q, buf, sizeof(buf), NULL, &ts) :
			    mq_receive(q, buf, sizeof(buf), NULL);
	if (r < 0 && errno == EINTR && handled)
		_exit(0);
	if (r >= 0 && handled)
		_exit(2);
	_exit(1);
}

static void test_signals(void)
{
	char buf[16];
	pid_t pid;
	int timed;
	mqd_t q = fresh(1, 16, 0);

	for (timed = 0; timed < 2; timed++) {
		const char *how = timed ? "timed " : "";

		pid = blocked_child(q, 0, 0, timed);
		wait_sleeping(pid);
		kill(pid, SIGUSR1);
		CHECK(reap(pid) == 0,
		      "a signal ends a blocked %sreceive with EINTR", how);

		pid = blocked_child(q, 0, 1, timed);
		wait_sleeping(pid);
		kill(pid, SIGUSR1);
		wait_sleeping(pid);
		mq_send(q, "m", 1, 0);
		CHECK(reap(pid) == 2,
		      "under SA_RESTART a blocked %sreceive restarts after the handler",
		      how);

		mq_send(q, "f", 1, 0);
		pid = blocked_child(q, 1, 0, timed);
		wait_sleeping(pid);
		kill(pid, SIGUSR1);
		CHECK(reap(pid) == 0,
		      "a signal ends a blocked %ssend with EINTR", how);

		pid = blocked_child(q, 1, 1, timed);
		wait_sleeping(pid);
		kill(pid, SIGUSR1);
		wait_sleeping(pid);
		mq_receive(q, buf, sizeof(buf), NULL);
		CHECK(reap(pid) == 2,
		      "under SA_RESTART a blocked %ssend restarts after the handler",
		      how);
		mq_receive(q, buf, sizeof(buf), NULL);
	}
	mq_close(q);
}

/* --- fork and exec --------------------------------------------------------- */

static void test_fork(void)
{
	char buf[16];
	pid_t pid;
	mqd_t w, q = fresh(2, 16, 0);

	w = mq_open(Q, O_WRONLY);
	pid = fork();
	if (pid == 0) {
		int ok = mq_send(w, "child", 5, 1) == 0 &&
			 mq_receive(w, buf, sizeof(buf), NULL) < 0 &&
			 errno == EBADF;
		_exit(ok ? 0 : 1);
	}
	CHECK(reap(pid) == 0,
	      "a forked child sends on an inherited write-only descriptor and cannot receive on it");
	CHECK(mq_receive(q, buf, sizeof(buf), NULL) == 5 &&
	      !memcmp(buf, "child", 5), "the parent receives the child's message");
	mq_close(w);
	mq_close(q);
}

/* After exec: argv = self --exec-child WFD CLOEXECFD */
static int exec_child(int w, int cloexec_fd)
{
	struct mq_attr attr;
	char buf[16];
	int ok = 1;

	ok &= mq_send(w, "exec", 4, 2) == 0;
	ok &= mq_receive(w, buf, sizeof(buf), NULL) < 0 && errno == EBADF;
	ok &= mq_getattr(w, &attr) == 0 && attr.mq_maxmsg == 2;
	ok &= fcntl(cloexec_fd, F_GETFD) < 0 && errno == EBADF;
	return ok ? 0 : 1;
}

static void test_exec(void)
{
	char wfd[16], cfd[16], buf[16];
	pid_t pid;
	mqd_t w, q = fresh(2, 16, 0);

	w = mq_open(Q, O_WRONLY);
	fcntl(w, F_SETFD, 0);
	snprintf(wfd, sizeof(wfd), "%d", (int)w);
	snprintf(cfd, sizeof(cfd), "%d", (int)q);
	pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "mq_procs", "--exec-child", wfd, cfd,
		      (char *)NULL);
		_exit(127);
	}
	CHECK(reap(pid) == 0,
	      "after exec an inherited write-only descriptor still sends, cannot receive, and mq_open's close-on-exec descriptor is gone");
	CHECK(mq_receive(q, buf, sizeof(buf), NULL) == 4 &&
	      !memcmp(buf, "exec", 4), "the exec'd program's message arrives");
	mq_close(w);
	mq_close(q);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--exec-child"))
		return exec_child(atoi(argv[2]), atoi(argv[3]));
	umask(0);
	test_producers_consumers();
	test_backlog_priorities();
	test_receiver_order();
	test_sender_order();
	test_handoff();
	test_signals();
	test_fork();
	test_exec();
	mq_unlink(Q);
	return tap_done();
}
