// SPDX-License-Identifier: GPL-2.0
/*
 * Producers: tagged messages at random priorities and lengths to random
 * queues with timed sends.  A send that fails (ETIMEDOUT, EINTR) queued
 * nothing, so its sequence number is used again.  The uid 1000 producers
 * reopen their queue every few messages and so meet the EACCES of a
 * restrictive descriptor; the handle they hold keeps working meanwhile.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "stress.h"

#define REOPEN_EVERY 32

struct producer {
	int id, user;
	uint32_t rng;
	mqd_t q[NQUEUES];
};

/* A uid 1000 producer holds one queue at a time and reopens it. */
static int user_reopen(struct producer *p, int *cur)
{
	if (*cur >= 0) {
		mq_close(p->q[*cur]);
		p->q[*cur] = (mqd_t)-1;
	}
	*cur = rnd(&p->rng) % NQUEUES;
	p->q[*cur] = open_queue(*cur, O_WRONLY);
	if (p->q[*cur] != (mqd_t)-1) {
		atomic_fetch_add(&S->reopens, 1);
		return 0;
	}
	if (errno == EACCES)
		atomic_fetch_add(&S->eacces, 1);
	else
		err_note("mq_open by uid 1000", errno);
	*cur = -1;
	msleep(2);
	return -1;
}

static void *producer(void *arg)
{
	struct producer *p = arg;
	char buf[MSGSIZE];
	struct timespec ts;
	struct mq_attr attr;
	uint32_t seq = 0, n = 0;
	int cur = -1, i, qi;

	register_thread();
	for (i = 0; i < NQUEUES; i++)
		p->q[i] = p->user ? (mqd_t)-1 : open_queue(i, O_WRONLY);
	for (i = 0; i < NQUEUES; i++)
		if (!p->user && p->q[i] == (mqd_t)-1)
			err_note("mq_open by root", errno);
	while (!atomic_load(&S->stop) && seq < MAXSEQ) {
		if (p->user && (cur < 0 || n % REOPEN_EVERY == 0) &&
		    user_reopen(p, &cur))
			continue;
		qi = p->user ? cur : (int)(rnd(&p->rng) % NQUEUES);
		if (p->q[qi] == (mqd_t)-1) {
			msleep(10);
			continue;
		}
		uint32_t prio = rnd(&p->rng) % NPRIO;
		size_t len = msg_build(buf, p->id, seq, prio,
				       24 + rnd(&p->rng) % (MSGSIZE - 23));

		n++;
		if (n % 64 == 0) {
			if (mq_getattr(p->q[qi], &attr) ||
			    attr.mq_maxmsg != MAXMSG || attr.mq_msgsize != MSGSIZE)
				err_note("mq_getattr", errno);
			atomic_fetch_add(&S->setattrs, 1);
		}
		deadline_in(&ts, 100);
		if (mq_timedsend(p->q[qi], buf, len, prio, &ts) == 0) {
			atomic_store(&S->sent[p->id], ++seq);
			atomic_fetch_add(&S->sends, 1);
		} else if (errno == ETIMEDOUT) {
			atomic_fetch_add(&S->send_timeouts, 1);
		} else if (errno == EINTR) {
			atomic_fetch_add(&S->eintr, 1);
		} else {
			err_note(p->user ? "mq_timedsend on a held handle (uid 1000)" :
				 "mq_timedsend", errno);
			msleep(10);
		}
	}
	for (i = 0; i < NQUEUES; i++)
		if (p->q[i] != (mqd_t)-1)
			mq_close(p->q[i]);
	return NULL;
}

void run_producers(int user)
{
	int n = user ? NPROD_USER : NPROD_ROOT, base = user ? NPROD_ROOT : 0;
	struct producer p[NPROD];
	pthread_t t[NPROD];
	int i;

	if (user && (setresgid(USER_UID, USER_UID, USER_UID) ||
		     setresuid(USER_UID, USER_UID, USER_UID))) {
		err_note("setresuid 1000", errno);
		return;
	}
	install_sigusr1(!user);
	for (i = 0; i < n; i++) {
		p[i] = (struct producer){ .id = base + i, .user = user,
					  .rng = 0x1234567u * (base + i + 1) };
		pthread_create(&t[i], NULL, producer, &p[i]);
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}
