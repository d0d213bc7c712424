/* SPDX-License-Identifier: GPL-2.0 */
/*
 * peios_stress: many processes and threads using message queues and
 * semaphores at once, with signals, descriptor flips, unlinks and IPC
 * namespaces, checked for loss, duplication, order, semaphore balance,
 * memory and kernel reports.  See tests/stress/main.c.
 */
#ifndef PEIOS_STRESS_H
#define PEIOS_STRESS_H

#include <mqueue.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#define NQUEUES		4	/* q0 timed, q1 poll/select, q2 SIGEV_SIGNAL, q3 SIGEV_THREAD */
#define NPROD_ROOT	4
#define NPROD_USER	2	/* uid 1000: reopen, and meet EACCES after an SD flip */
#define NPROD		(NPROD_ROOT + NPROD_USER)
#define MAXSEQ		(1u << 20)	/* per producer */
#define NPRIO		8		/* few priorities: order is checked within one */
#define MSGSIZE		256
#define MAXMSG		8
#define NEXTRA		4		/* queues the unlinkers remove and recreate */
#define NTIDS		64
#define USER_UID	1000
#define MSG_MAGIC	0x5e7a11edu
#define NOTIFY_SIG	(SIGRTMIN + 1)

struct msg {
	uint32_t magic, prod, seq, prio, len, sum;
	uint8_t data[];
};

/* Counters everyone adds to; lives in a MAP_SHARED mapping. */
struct shared {
	atomic_int stop;
	atomic_int sd_restricted;	/* the queues' SD currently denies uid 1000 */
	atomic_uint sent[NPROD];
	atomic_ulong sends, send_timeouts, recvs, recv_timeouts, eintr;
	atomic_ulong polls, selects, notify_sig, notify_thread;
	atomic_ulong sd_flips, eacces, reopens, creates, unlinks, enoent;
	atomic_ulong ns_children, ns_failures, signals_sent, signals_got;
	atomic_ulong sem_posts[2], sem_waits[2], sem_timeouts;
	atomic_ulong bad_sum, dups, order, errors, setattrs;
	struct {
		atomic_int pid, tid;
	} tids[NTIDS];
	atomic_int ntids;
	atomic_uchar seen[NPROD][MAXSEQ];
};

extern struct shared *S;
extern const char *const queue_names[NQUEUES];

/* Per-consumer order state: the last sequence seen per queue, producer, priority. */
struct order_state {
	uint32_t last[NQUEUES][NPROD][NPRIO];
};

/* util.c */
void err_note(const char *what, int err);
void deadline_in(struct timespec *ts, long ms);
uint32_t rnd(uint32_t *state);
void msleep(long ms);
void register_thread(void);
void install_sigusr1(int restart);
mqd_t open_queue(int i, int flags);

/* msg.c */
size_t msg_build(char *buf, uint32_t prod, uint32_t seq, uint32_t prio,
		 uint32_t len);
int msg_valid(const char *buf, size_t len, unsigned int prio);
void msg_account(struct order_state *st, int q, const char *buf, size_t len,
		 unsigned int prio);

/* producers.c, consumers.c */
void run_producers(int user);
void run_timed_consumers(int restart);
void run_poll_consumers(void);
void run_notify_signal(void);
void run_notify_thread(void);
long drain_queue(int q, struct order_state *st);

/* churn.c */
int sd_set_all(int restricted);
void run_sd_flipper(void);
void run_unlinkers(void);
void run_namespaces(void);

/* sems.c */
int sems_create(void);
void run_sems(int restart);
int sems_check(int i);
void sems_remove(void);

/* memory.c */
struct mem {
	long slab, sunreclaim, memfree, shmem;
	long mq_inodes, shm_inodes;
};
int workload(void);

void mem_settle(struct mem *m);
int mem_compare(const struct mem *before, int verbose);
int kmsg_open(void);
int kmsg_clean(int fd);

#endif
