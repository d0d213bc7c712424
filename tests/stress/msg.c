// SPDX-License-Identifier: GPL-2.0
/*
 * Tagged messages: producer, sequence, priority, length and a checksum
 * over all of it, and the accounting every receiver does.
 */
#include <stddef.h>
#include <string.h>
#include "stress.h"

static uint32_t fnv(const uint8_t *p, size_t n, uint32_t h)
{
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static uint32_t msg_sum(const struct msg *m)
{
	uint32_t h = fnv((const uint8_t *)m, offsetof(struct msg, sum),
			 2166136261u);

	return fnv(m->data, m->len - sizeof(*m), h);
}

size_t msg_build(char *buf, uint32_t prod, uint32_t seq, uint32_t prio,
		 uint32_t len)
{
	struct msg *m = (struct msg *)buf;
	uint32_t st = prod * 2654435761u ^ seq;
	size_t i;

	if (len < sizeof(*m))
		len = sizeof(*m);
	m->magic = MSG_MAGIC;
	m->prod = prod;
	m->seq = seq;
	m->prio = prio;
	m->len = len;
	for (i = 0; i < len - sizeof(*m); i++)
		m->data[i] = (uint8_t)rnd(&st);
	m->sum = msg_sum(m);
	return len;
}

int msg_valid(const char *buf, size_t len, unsigned int prio)
{
	const struct msg *m = (const struct msg *)buf;

	return len >= sizeof(*m) && m->magic == MSG_MAGIC &&
	       m->len == len && m->prio == prio && msg_sum(m) == m->sum;
}

/*
 * Mark (producer, sequence) received.  Order: what one consumer takes
 * from a queue is a subsequence of the queue's delivery order, so within
 * one producer and priority its sequence numbers must rise.
 */
void msg_account(struct order_state *st, int q, const char *buf, size_t len,
		 unsigned int prio)
{
	const struct msg *m = (const struct msg *)buf;

	atomic_fetch_add(&S->recvs, 1);
	if (!msg_valid(buf, len, prio) || m->prod >= NPROD ||
	    m->seq >= MAXSEQ || prio >= NPRIO) {
		atomic_fetch_add(&S->bad_sum, 1);
		return;
	}
	if (atomic_fetch_add(&S->seen[m->prod][m->seq], 1) != 0)
		atomic_fetch_add(&S->dups, 1);
	if (st) {
		/* last holds seq + 1, so 0 means nothing seen yet */
		if (st->last[q][m->prod][prio] > m->seq)
			atomic_fetch_add(&S->order, 1);
		st->last[q][m->prod][prio] = m->seq + 1;
	}
}
