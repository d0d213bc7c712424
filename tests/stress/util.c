// SPDX-License-Identifier: GPL-2.0
/* Small helpers shared by every worker. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "stress.h"

const char *const queue_names[NQUEUES] = {
	"/stress_q0", "/stress_q1", "/stress_q2", "/stress_q3",
};

/* An error no worker expects: counted (fails the run), the first few shown. */
void err_note(const char *what, int err)
{
	if (atomic_fetch_add(&S->errors, 1) < 20)
		fprintf(stderr, "# unexpected: %s: %s\n", what, strerror(err));
}

void deadline_in(struct timespec *ts, long ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

uint32_t rnd(uint32_t *state)
{
	uint32_t x = *state ? *state : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

void msleep(long ms)
{
	poll(NULL, 0, ms);
}

static void on_sigusr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&S->signals_got, 1);
}

/* SIGUSR1 interrupts blocked calls: EINTR without SA_RESTART. */
void install_sigusr1(int restart)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigusr1;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
}

/* Offer this thread to the signaller (the caller has a SIGUSR1 handler). */
void register_thread(void)
{
	int i = atomic_fetch_add(&S->ntids, 1);

	if (i >= NTIDS)
		return;
	atomic_store(&S->tids[i].tid, (int)syscall(SYS_gettid));
	atomic_store(&S->tids[i].pid, (int)getpid());
}

mqd_t open_queue(int i, int flags)
{
	return mq_open(queue_names[i], flags);
}
