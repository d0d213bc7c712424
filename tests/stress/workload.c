// SPDX-License-Identifier: GPL-2.0
/*
 * peios_stress workload: one short pass over everything the module does,
 * between a load and an unload in tests/stress/cycles.sh: a queue with
 * messages, poll and a SIGEV_SIGNAL notification, a queue left full in a
 * namespace that then dies, glibc and kernel-path semaphore operations,
 * and a mapped shared memory file.  Exit 0 when every step worked.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../tools/libpeios_sem/peios_sem.h"
#include "stress.h"

#define STEP(cond, what) do {						\
	if (!(cond)) {							\
		printf("workload: %s failed: %s\n", what, strerror(errno)); \
		return 1;						\
	}								\
} while (0)

static int queue_pass(void)
{
	struct mq_attr attr = { .mq_maxmsg = MAXMSG, .mq_msgsize = MSGSIZE };
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL,
				.sigev_signo = SIGUSR2 };
	struct timespec ts = { 5, 0 };
	char buf[MSGSIZE];
	unsigned int prio;
	sigset_t set;
	mqd_t q;
	int i;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	mq_unlink("/cycle_q");
	q = mq_open("/cycle_q", O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 0600,
		    &attr);
	STEP(q != (mqd_t)-1, "mq_open");
	STEP(!mq_notify(q, &sev), "mq_notify");
	for (i = 0; i < MAXMSG; i++)
		STEP(!mq_send(q, buf, msg_build(buf, 0, i, i % NPRIO, 100), i % NPRIO),
		     "mq_send");
	STEP(sigtimedwait(&set, NULL, &ts) == SIGUSR2, "notification");
	{
		struct pollfd p = { .fd = q, .events = POLLIN };

		STEP(poll(&p, 1, 1000) == 1, "poll");
	}
	for (i = 0; i < MAXMSG; i++) {
		ssize_t r = mq_receive(q, buf, sizeof(buf), &prio);

		STEP(r > 0 && msg_valid(buf, r, prio), "mq_receive");
	}
	STEP(!mq_unlink("/cycle_q") && !mq_close(q), "unlink and close");
	return 0;
}

static int namespace_pass(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 64 };
		mqd_t q;

		if (unshare(CLONE_NEWIPC))
			_exit(1);
		q = mq_open("/cycle_ns", O_CREAT | O_RDWR, 0600, &attr);
		_exit(q == (mqd_t)-1 || mq_send(q, "left", 4, 0) ||
		      mq_send(q, "behind", 6, 0));
	}
	STEP(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	     !WEXITSTATUS(st), "a queue in a namespace");
	return 0;
}

static int sem_pass(void)
{
	struct peios_sem k;
	sem_t *s;
	int v = -1;

	sem_unlink("/cycle_s");
	s = sem_open("/cycle_s", O_CREAT | O_EXCL, 0600, 0);
	STEP(s != SEM_FAILED, "sem_open");
	STEP(!peios_sem_open(&k, "/dev/shm/sem.cycle_s"), "peios_sem_open");
	STEP(!sem_post(s) && !sem_post(s) && !peios_sem_post(&k), "posts");
	STEP(!peios_sem_wait(&k) && !sem_wait(s) && !peios_sem_trywait(&k),
	     "waits");
	STEP(!peios_sem_getvalue(&k, &v) && v == 0, "value back to 0");
	peios_sem_close(&k);
	sem_close(s);
	STEP(!sem_unlink("/cycle_s"), "sem_unlink");
	return 0;
}

static int shm_pass(void)
{
	int fd = open("/dev/shm/cycle_m", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p;

	STEP(fd >= 0 && !ftruncate(fd, 65536), "shm file");
	p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	STEP(p != MAP_FAILED, "mmap");
	memset(p, 0x5a, 65536);
	STEP(!munmap(p, 65536) && !close(fd) && !unlink("/dev/shm/cycle_m"),
	     "unmap and unlink");
	return 0;
}

int workload(void)
{
	return queue_pass() || namespace_pass() || sem_pass() || shm_pass();
}
