// SPDX-License-Identifier: GPL-2.0
/*
 * unload_hold: put the module into one busy state for lifecycle/unload.sh,
 * say so by creating /tmp/hold.ready, and report how the state ended.
 *
 *   unload_hold rmmod          delete_module(O_NONBLOCK): ok or the errno name
 *   unload_hold fd             an open queue; on /tmp/hold.go send and receive
 *   unload_hold recv           blocked in mq_timedreceive until a message comes
 *   unload_hold poll           blocked in poll(2) on a queue until a message comes
 *   unload_hold notify         SIGEV_SIGNAL registered; waits for the signal
 *   unload_hold notifythread   SIGEV_THREAD registered; waits for the call
 *   unload_hold semk           blocked in a kernel-path wait (libpeios_sem)
 *   unload_hold semg           blocked in glibc's sem_wait
 *   unload_hold postfd N       post the semaphore open as descriptor N
 *   unload_hold mmap           a shared mapping of /dev/shm/u_m and no
 *                              descriptor; on /tmp/hold.go a forked child
 *                              writes through it and the parent reads
 *   unload_hold ns             a queue in a new IPC namespace until /tmp/hold.go
 * The queue is /u_q, the semaphore /dev/shm/sem.u_s; every blocking wait
 * gives up after 60 s.  Prints one result line; exit 0 when it is good.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../../../tools/libpeios_sem/peios_sem.h"

#define Q "/u_q"
#define SEM "/u_s"
#define SEM_PATH "/dev/shm/sem.u_s"

static void ready(void)
{
	int fd = open("/tmp/hold.ready", O_CREAT | O_WRONLY, 0600);

	close(fd);
}

static int wait_go(void)
{
	int i;

	for (i = 0; i < 3000; i++) {
		if (!access("/tmp/hold.go", F_OK))
			return 0;
		poll(NULL, 0, 20);
	}
	return -1;
}

static void in_60s(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += 60;
}

static int fail(const char *what)
{
	printf("%s: %s\n", what, strerror(errno));
	return 1;
}

static mqd_t create_queue(int flags)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };

	mq_unlink(Q);
	return mq_open(Q, O_CREAT | O_EXCL | flags, 0600, &attr);
}

static int do_rmmod(void)
{
	if (!syscall(SYS_delete_module, "peios_ipc", O_NONBLOCK)) {
		printf("ok\n");
		return 0;
	}
	printf("%s\n", errno == EAGAIN ? "EAGAIN" : errno == EBUSY ? "EBUSY" :
	       errno == ENOENT ? "ENOENT" : strerror(errno));
	return 1;
}

static int hold_queue(const char *how)
{
	mqd_t q = create_queue(O_RDWR);
	struct timespec ts;
	char buf[64];
	ssize_t r;

	if (q == (mqd_t)-1)
		return fail("mq_open");
	ready();
	if (!strcmp(how, "fd")) {
		if (wait_go())
			return fail("no go");
		if (mq_send(q, "x", 1, 0) || mq_receive(q, buf, 64, NULL) != 1)
			return fail("send/receive");
		printf("the descriptor still works\n");
		return 0;
	}
	if (!strcmp(how, "poll")) {
		struct pollfd p = { .fd = q, .events = POLLIN };

		if (poll(&p, 1, 60000) != 1 || !(p.revents & POLLIN))
			return fail("poll");
		printf("poll saw the message\n");
		return 0;
	}
	in_60s(&ts);
	r = mq_timedreceive(q, buf, sizeof(buf), NULL, &ts);
	if (r < 0)
		return fail("mq_timedreceive");
	printf("received %zd bytes\n", r);
	return 0;
}

static int notify_signal(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL,
				.sigev_signo = SIGUSR2 };
	struct timespec ts = { 60, 0 };
	mqd_t q = create_queue(O_RDONLY);
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (q == (mqd_t)-1 || mq_notify(q, &sev))
		return fail("mq_notify");
	ready();
	if (sigtimedwait(&set, NULL, &ts) != SIGUSR2)
		return fail("sigtimedwait");
	printf("notified by signal\n");
	return 0;
}

static volatile int called;

static void on_notify(union sigval v)
{
	(void)v;
	called = 1;
}

static int notify_thread(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_THREAD };
	mqd_t q = create_queue(O_RDONLY);
	int i;

	sev.sigev_notify_function = on_notify;
	if (q == (mqd_t)-1 || mq_notify(q, &sev))
		return fail("mq_notify");
	ready();
	for (i = 0; i < 3000 && !called; i++)
		poll(NULL, 0, 20);
	if (!called)
		return fail("no SIGEV_THREAD call");
	printf("notified by thread\n");
	return 0;
}

static int sem_hold(int kpath)
{
	struct peios_sem k;
	struct timespec ts;
	sem_t *s;

	sem_unlink(SEM);
	s = sem_open(SEM, O_CREAT | O_EXCL, 0600, 0);
	if (s == SEM_FAILED || (kpath && peios_sem_open(&k, SEM_PATH)))
		return fail("sem_open");
	ready();
	in_60s(&ts);
	if (kpath ? peios_sem_timedwait(&k, &ts) : sem_timedwait(s, &ts))
		return fail("wait");
	printf("the wait took the post\n");
	return 0;
}

/* A mapping outlives its descriptor, its name and (it holds no module
 * reference) the module: it must keep working and stay shared. */
static int mmap_hold(void)
{
	int fd = open("/dev/shm/u_m", O_RDWR | O_CREAT | O_TRUNC, 0600), st;
	volatile char *p;
	pid_t pid;

	if (fd < 0 || ftruncate(fd, 4096))
		return fail("open /dev/shm/u_m");
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return fail("mmap");
	p[0] = 'A';
	ready();
	if (wait_go())
		return fail("no go");
	pid = fork();
	if (pid == 0) {
		p[1] = 'B';
		_exit(p[0] != 'A');
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) || p[1] != 'B') {
		printf("the mapping is not shared any more\n");
		return 1;
	}
	printf("the mapping still works and is shared\n");
	return 0;
}

static int ns_hold(void)
{
	if (unshare(CLONE_NEWIPC) || create_queue(O_RDWR) == (mqd_t)-1)
		return fail("queue in a new namespace");
	ready();
	if (wait_go())
		return fail("no go");
	printf("leaving the namespace\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *s = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(s, "rmmod"))
		return do_rmmod();
	if (!strcmp(s, "fd") || !strcmp(s, "recv") || !strcmp(s, "poll"))
		return hold_queue(s);
	if (!strcmp(s, "notify"))
		return notify_signal();
	if (!strcmp(s, "notifythread"))
		return notify_thread();
	if (!strcmp(s, "semk") || !strcmp(s, "semg"))
		return sem_hold(s[3] == 'k');
	if (!strcmp(s, "postfd") && argc > 2) {
		struct peios_sem k;

		if (peios_sem_attach(&k, atoi(argv[2])) || peios_sem_post(&k))
			return fail("post");
		return 0;
	}
	if (!strcmp(s, "mmap"))
		return mmap_hold();
	if (!strcmp(s, "ns"))
		return ns_hold();
	fprintf(stderr, "usage: unload_hold rmmod|fd|recv|poll|notify|notifythread|semk|semg|postfd N|mmap|ns\n");
	return 2;
}
