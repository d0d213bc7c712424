// SPDX-License-Identifier: GPL-2.0
/*
 * peios_stress [SECONDS]: message queues and semaphores under load.
 * peios_stress workload: the short pass of workload.c (cycles.sh).
 *
 * Worker processes (each with threads) run for SECONDS (default
 * $STRESS_SECONDS, else 180): root and uid 1000 producers sending tagged
 * messages (producer, sequence, priority, checksum) to four queues;
 * consumers by timed receive, poll/select, mq_notify SIGEV_SIGNAL and
 * SIGEV_THREAD; a flipper rewriting the queues' and semaphores'
 * system.peios.sd (uid 1000 opens may then get EACCES: counted); unlinkers
 * removing and recreating queues in use; children making queues and
 * mounts in new IPC namespaces; glibc and kernel-path semaphore posters
 * and waiters; and SIGUSR1 sent to every worker thread at random (half the
 * processes with SA_RESTART).  Then everything is drained and checked:
 * every sent message received exactly once, intact and in order per
 * producer and priority, the semaphores balanced, memory back to the
 * baseline and the kernel log clean.  Run as root with the module loaded,
 * mqueue at /dev/mqueue and peios_shm at /dev/shm.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../integration/lib/tap.h"
#include "stress.h"

struct shared *S;

static void role_prod_root(void) { run_producers(0); }
static void role_prod_user(void) { run_producers(1); }
static void role_timed_restart(void) { run_timed_consumers(1); }
static void role_timed_plain(void) { run_timed_consumers(0); }
static void role_sems_restart(void) { run_sems(1); }
static void role_sems_plain(void) { run_sems(0); }

static const struct role {
	const char *name;
	void (*fn)(void);
} roles[] = {
	{ "producers (root, SA_RESTART)", role_prod_root },
	{ "producers (uid 1000)", role_prod_user },
	{ "timed consumers (SA_RESTART)", role_timed_restart },
	{ "timed consumers", role_timed_plain },
	{ "poll/select consumers", run_poll_consumers },
	{ "SIGEV_SIGNAL consumer", run_notify_signal },
	{ "SIGEV_THREAD consumer", run_notify_thread },
	{ "SD flipper", run_sd_flipper },
	{ "unlinkers", run_unlinkers },
	{ "namespace children", run_namespaces },
	{ "semaphores (SA_RESTART)", role_sems_restart },
	{ "semaphores", role_sems_plain },
};
#define NROLES (int)(sizeof(roles) / sizeof(roles[0]))

static void *signaller(void *arg)
{
	uint32_t rng = 4242;
	int n, i, pid, tid;

	(void)arg;
	while (!atomic_load(&S->stop)) {
		msleep(1 + rnd(&rng) % 3);
		n = atomic_load(&S->ntids);
		if (n > NTIDS)
			n = NTIDS;
		if (!n)
			continue;
		i = rnd(&rng) % n;
		pid = atomic_load(&S->tids[i].pid);
		tid = atomic_load(&S->tids[i].tid);
		if (pid && !syscall(SYS_tgkill, pid, tid, SIGUSR1))
			atomic_fetch_add(&S->signals_sent, 1);
	}
	return NULL;
}

static int create_queues(void)
{
	struct mq_attr attr = { .mq_maxmsg = MAXMSG, .mq_msgsize = MSGSIZE };
	mqd_t fd;
	int i;

	for (i = 0; i < NQUEUES; i++) {
		mq_unlink(queue_names[i]);
		fd = mq_open(queue_names[i], O_CREAT | O_EXCL | O_RDWR, 0666,
			     &attr);
		if (fd == (mqd_t)-1)
			return -1;
		mq_close(fd);
	}
	return 0;
}

static void remove_queues(void)
{
	char name[32];
	int i;

	for (i = 0; i < NQUEUES; i++)
		mq_unlink(queue_names[i]);
	for (i = 0; i < NEXTRA; i++) {
		snprintf(name, sizeof(name), "/stress_x%d", i);
		mq_unlink(name);
	}
}

/* Reap the workers; one still running after 60 s is stuck. */
static int reap_workers(const pid_t *pids)
{
	int left = NROLES, bad = 0, status, i, waited;
	pid_t pid;

	for (waited = 0; left && waited < 600; waited++) {
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < NROLES; i++)
				if (pids[i] == pid)
					break;
			if (i == NROLES)
				continue;
			left--;
			if (!WIFEXITED(status) || WEXITSTATUS(status)) {
				printf("# worker '%s' ended with status 0x%x\n",
				       roles[i].name, status);
				bad++;
			}
		}
		if (left)
			msleep(100);
	}
	for (i = 0; left && i < NROLES; i++) {
		if (kill(pids[i], 0) == 0) {
			printf("# worker '%s' is stuck; killing it\n",
			       roles[i].name);
			kill(pids[i], SIGKILL);
			bad++;
		}
	}
	return bad;
}

/* Every sent message seen once; nothing seen that was not sent. */
static void check_messages(void)
{
	unsigned long lost = 0, dup = 0, phantom = 0, total = 0;
	uint32_t p, s, sent;

	for (p = 0; p < NPROD; p++) {
		sent = atomic_load(&S->sent[p]);
		total += sent;
		for (s = 0; s < MAXSEQ; s++) {
			unsigned char c = atomic_load(&S->seen[p][s]);

			if (s < sent && c == 0)
				lost++;
			else if (s < sent && c > 1)
				dup++;
			else if (s >= sent && c)
				phantom++;
		}
	}
	CHECK(total > 0 && !lost, "no message lost (%lu sent, %lu missing)",
	      total, lost);
	CHECK(!dup && !phantom && !atomic_load(&S->dups),
	      "no message duplicated (%lu twice, %lu never sent)", dup, phantom);
	CHECK(!atomic_load(&S->bad_sum), "every message intact (%lu bad)",
	      atomic_load(&S->bad_sum));
	CHECK(!atomic_load(&S->order),
	      "per producer and priority order kept (%lu out of order)",
	      atomic_load(&S->order));
}

static long env_long(const char *name, long def)
{
	const char *v = getenv(name);

	return v && *v ? atol(v) : def;
}

static void print_counts(double secs)
{
#define C(f) atomic_load(&S->f)
	printf("# duration %.1f s\n", secs);
	printf("# sends %lu (timed out %lu), receives %lu (timed out %lu), getattr %lu\n",
	       C(sends), C(send_timeouts), C(recvs), C(recv_timeouts), C(setattrs));
	printf("# polls %lu, selects %lu, notifications: SIGEV_SIGNAL %lu, SIGEV_THREAD %lu\n",
	       C(polls), C(selects), C(notify_sig), C(notify_thread));
	printf("# SD flips %lu, EACCES on open %lu, reopens %lu\n",
	       C(sd_flips), C(eacces), C(reopens));
	printf("# extra queues created %lu, unlinked %lu, ENOENT races %lu\n",
	       C(creates), C(unlinks), C(enoent));
	printf("# semaphore posts %lu + %lu, waits %lu + %lu, timed out %lu\n",
	       C(sem_posts[0]), C(sem_posts[1]), C(sem_waits[0]),
	       C(sem_waits[1]), C(sem_timeouts));
	printf("# namespaces %lu (failed %lu), signals sent %lu, handled %lu, EINTR %lu\n",
	       C(ns_children), C(ns_failures), C(signals_sent), C(signals_got),
	       C(eintr));
#undef C
}

/*
 * Tolerances after shrinking every cache (memory.c).  What may still
 * differ is not ours: slabs the shrink cannot empty because one live
 * object of someone else's sits in them (dentries and inodes of /proc and
 * /sys we read, kernfs nodes, a debug kernel's kmemleak and lockdep
 * metadata), and for free memory the per-CPU page lists, which on this
 * 2-CPU guest hold up to about a megabyte each and are not drained by
 * anything we can ask for.  Measured: +276..+332 kB slab, -2.0..+5.5 MB
 * free.  A leak of this run's work would be far larger: one lost message
 * per send is 256 bytes times tens of thousands.
 */
#define SLAB_TOL_KB	512
#define FREE_TOL_KB	4096

static int mem_ok(const struct mem *b, const struct mem *a)
{
	return a->sunreclaim - b->sunreclaim <= SLAB_TOL_KB &&
	       b->memfree - a->memfree <= FREE_TOL_KB &&
	       a->shmem - b->shmem <= 64 &&
	       a->mq_inodes <= b->mq_inodes && a->shm_inodes <= b->shm_inodes;
}

static void check_memory(const struct mem *before)
{
	struct mem after;
	int i;

	/* The module keeps its internal mount ~1 s after the last queue,
	 * dead namespaces go within ~1 s, and frees wait for RCU. */
	msleep(1500);
	for (i = 0; i < 30; i++) {
		mem_settle(&after);
		if (mem_ok(before, &after))
			break;
		msleep(500);
	}
	printf("# memory before: Slab %ld kB, SUnreclaim %ld kB, MemFree %ld kB, Shmem %ld kB, peios_mq_inode %ld, peios_shm_inode %ld\n",
	       before->slab, before->sunreclaim, before->memfree, before->shmem,
	       before->mq_inodes, before->shm_inodes);
	printf("# memory after:  Slab %ld kB, SUnreclaim %ld kB, MemFree %ld kB, Shmem %ld kB, peios_mq_inode %ld, peios_shm_inode %ld (settled after %d tries)\n",
	       after.slab, after.sunreclaim, after.memfree, after.shmem,
	       after.mq_inodes, after.shm_inodes, i + 1);
	CHECK(after.sunreclaim - before->sunreclaim <= SLAB_TOL_KB,
	      "unreclaimable slab back to the baseline within %d kB (%+ld kB)",
	      SLAB_TOL_KB, after.sunreclaim - before->sunreclaim);
	CHECK(before->memfree - after.memfree <= FREE_TOL_KB,
	      "free memory back to the baseline within %d kB (%+ld kB)",
	      FREE_TOL_KB, after.memfree - before->memfree);
	CHECK(after.shmem - before->shmem <= 64 &&
	      after.mq_inodes <= before->mq_inodes &&
	      after.shm_inodes <= before->shm_inodes,
	      "no queue or shm inode and no shmem page left (%+ld kB shmem, %+ld queue inodes, %+ld shm inodes)",
	      after.shmem - before->shmem, after.mq_inodes - before->mq_inodes,
	      after.shm_inodes - before->shm_inodes);
}

static int stress(long secs)
{
	pid_t pids[NROLES];
	struct timespec t0, t1;
	struct mem before;
	pthread_t sig;
	int i, kmsg, bad_workers;
	double took;

	setvbuf(stdout, NULL, _IOLBF, 0);
	umask(0);
	S = mmap(NULL, sizeof(*S), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (S == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	/* Touch every page now, so the bitmaps are in the baseline. */
	memset(S, 0, sizeof(*S));
	kmsg = kmsg_open();
	remove_queues();
	sems_remove();
	mem_settle(&before);

	CHECK(!create_queues() && !sems_create() && !sd_set_all(0),
	      "queues and semaphores created");
	printf("# %d worker processes for %ld s\n", NROLES, secs);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < NROLES; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			roles[i].fn();
			_exit(0);
		}
	}
	pthread_create(&sig, NULL, signaller, NULL);
	for (i = 1; i <= secs; i++) {
		msleep(1000);
		if (i % 30 == 0)
			printf("# %d s: %lu sent, %lu received, %lu namespaces, %lu SD flips\n",
			       i, atomic_load(&S->sends), atomic_load(&S->recvs),
			       atomic_load(&S->ns_children),
			       atomic_load(&S->sd_flips));
	}
	atomic_store(&S->stop, 1);
	pthread_join(sig, NULL);
	bad_workers = reap_workers(pids);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK(!bad_workers, "every worker process finished cleanly");

	{
		struct order_state *st = calloc(1, sizeof(*st));
		long left = 0;

		for (i = 0; i < NQUEUES; i++)
			left += drain_queue(i, st);
		printf("# %ld messages were still queued at the end\n", left);
		free(st);
	}
	print_counts(took);
	check_messages();
	CHECK(!atomic_load(&S->errors), "no unexpected error (%lu)",
	      atomic_load(&S->errors));
	CHECK(atomic_load(&S->ns_children) && !atomic_load(&S->ns_failures),
	      "every namespace child succeeded (%lu of %lu failed)",
	      atomic_load(&S->ns_failures), atomic_load(&S->ns_children));
	CHECK(atomic_load(&S->notify_sig) && atomic_load(&S->notify_thread),
	      "both kinds of notification fired");
	CHECK(atomic_load(&S->signals_got) && atomic_load(&S->eintr),
	      "signals interrupted blocked calls (%lu EINTR)",
	      atomic_load(&S->eintr));
	CHECK(!sems_check(0), "semaphore a balances: value = posts - waits, no waiter left");
	CHECK(!sems_check(1), "semaphore b balances: value = posts - waits, no waiter left");

	remove_queues();
	sems_remove();
	check_memory(&before);
	i = kmsg_clean(kmsg);
	CHECK(i == 0, "kernel log clean (%d reports)", i);
	return tap_done();
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "workload"))
		return workload();
	return stress(argc > 1 ? atol(argv[1]) : env_long("STRESS_SECONDS", 180));
}
