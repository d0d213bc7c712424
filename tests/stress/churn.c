// SPDX-License-Identifier: GPL-2.0
/*
 * Churn around the main traffic: descriptor flips on the queues and the
 * semaphores, queues unlinked and recreated while in use, and children
 * that make queues (and a mount) in their own IPC namespace and exit.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "stress.h"

#define SD_XATTR "system.peios.sd"
#define FILE_ALL_ACCESS 0x001f01ffu

/*
 * A self-relative descriptor carrying only a DACL (owner and group are
 * kept): one allow-FILE_ALL_ACCESS ACE per SID given as (authority, rid).
 */
static size_t sd_build(uint8_t *b, const uint8_t (*sids)[2], int n)
{
	size_t acl_size = 8 + n * (8 + 12), off = 28;
	int i;

	memset(b, 0, 20 + acl_size);
	b[0] = 1;			/* revision */
	b[2] = 0x04;			/* SE_DACL_PRESENT */
	b[3] = 0x80;			/* SE_SELF_RELATIVE */
	b[16] = 20;			/* DACL offset */
	b[20] = 2;			/* ACL revision */
	b[22] = acl_size & 0xff;
	b[23] = acl_size >> 8;
	b[24] = n;
	for (i = 0; i < n; i++, off += 20) {
		b[off + 2] = 20;	/* ACE size; type 0 = allow, flags 0 */
		memcpy(b + off + 4, &(uint32_t){ FILE_ALL_ACCESS }, 4);
		b[off + 8] = 1;		/* SID revision, one sub-authority */
		b[off + 9] = 1;
		b[off + 15] = sids[i][0];
		b[off + 16] = sids[i][1];
	}
	return 20 + acl_size;
}

/* Everyone (S-1-1-0) and SYSTEM (S-1-5-18), or SYSTEM alone. */
static const uint8_t open_sids[2][2] = { { 1, 0 }, { 5, 18 } };
static const uint8_t system_sid[1][2] = { { 5, 18 } };

static int sd_set(const char *path, int restricted)
{
	uint8_t b[128];
	size_t n = restricted ? sd_build(b, system_sid, 1) :
				sd_build(b, open_sids, 2);

	return setxattr(path, SD_XATTR, b, n, 0);
}

int sd_set_all(int restricted)
{
	static const char *const extra[] = {
		"/dev/shm/sem.stress_a", "/dev/shm/sem.stress_b",
	};
	char path[64];
	int i, bad = 0;

	for (i = 0; i < NQUEUES; i++) {
		snprintf(path, sizeof(path), "/dev/mqueue%s", queue_names[i]);
		if (sd_set(path, restricted)) {
			err_note("setxattr system.peios.sd on a queue", errno);
			bad++;
		}
	}
	/* The semaphores' users are all SYSTEM: the flip only adds traffic. */
	for (i = 0; i < 2; i++)
		if (sd_set(extra[i], restricted)) {
			err_note("setxattr system.peios.sd on a semaphore", errno);
			bad++;
		}
	return bad;
}

void run_sd_flipper(void)
{
	uint32_t rng = 77;
	int restricted = 0;

	while (!atomic_load(&S->stop)) {
		msleep(10 + rnd(&rng) % 60);
		restricted = !restricted;
		if (!sd_set_all(restricted))
			atomic_fetch_add(&S->sd_flips, 1);
		atomic_store(&S->sd_restricted, restricted);
	}
	sd_set_all(0);
}

/* Use a queue: send one untracked message, take one back, check it. */
static void use_extra(mqd_t fd, uint32_t *rng)
{
	char buf[MSGSIZE];
	unsigned int prio;
	ssize_t r;
	size_t len = msg_build(buf, NPROD, rnd(rng), 1, 64);

	if (mq_send(fd, buf, len, 1) && errno != EAGAIN)
		err_note("mq_send to an extra queue", errno);
	r = mq_receive(fd, buf, sizeof(buf), &prio);
	if (r >= 0 && !msg_valid(buf, r, prio))
		atomic_fetch_add(&S->bad_sum, 1);
	else if (r < 0 && errno != EAGAIN)
		err_note("mq_receive from an extra queue", errno);
}

static void *unlinker(void *arg)
{
	struct mq_attr attr = { .mq_maxmsg = MAXMSG, .mq_msgsize = MSGSIZE };
	uint32_t rng = 1000 + (uint32_t)(long)arg;
	char name[32];
	mqd_t fd;

	register_thread();
	while (!atomic_load(&S->stop)) {
		snprintf(name, sizeof(name), "/stress_x%u", rnd(&rng) % NEXTRA);
		fd = mq_open(name, O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 0600,
			     &attr);
		if (fd != (mqd_t)-1)
			atomic_fetch_add(&S->creates, 1);
		else if (errno == EEXIST)
			fd = mq_open(name, O_RDWR | O_NONBLOCK);
		if (fd == (mqd_t)-1) {
			/* unlinked by the other thread in between */
			if (errno == ENOENT)
				atomic_fetch_add(&S->enoent, 1);
			else
				err_note("mq_open of an extra queue", errno);
			continue;
		}
		use_extra(fd, &rng);
		if (rnd(&rng) % 2) {
			if (!mq_unlink(name))
				atomic_fetch_add(&S->unlinks, 1);
			else if (errno == ENOENT)
				atomic_fetch_add(&S->enoent, 1);
			else
				err_note("mq_unlink", errno);
			/* an unlinked queue still works through its descriptor */
			use_extra(fd, &rng);
		}
		mq_close(fd);
	}
	return NULL;
}

void run_unlinkers(void)
{
	pthread_t t[2];
	long i;

	install_sigusr1(1);
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, unlinker, (void *)i);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
}

/* Count the queues a mount of this namespace's mqueue shows. */
static int count_mounted(void)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("none", "/dev/mqueue", "mqueue", 0, NULL))
		return -1;
	d = opendir("/dev/mqueue");
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return d ? n : -1;
}

/* In a new IPC namespace: queues, messages, maybe a mount; then exit. */
static int ns_child(uint32_t rng)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 128 }, got;
	int nq = 1 + rnd(&rng) % 3, with_mount = rnd(&rng) % 2, i, j;
	char buf[128], name[32];
	unsigned int prio;
	ssize_t r;
	mqd_t fd;

	if (unshare(CLONE_NEWIPC | (with_mount ? CLONE_NEWNS : 0)))
		return 10;
	for (i = 0; i < nq; i++) {
		snprintf(name, sizeof(name), "/ns_q%d", i);
		fd = mq_open(name, O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 0600,
			     &attr);
		if (fd == (mqd_t)-1)
			return 11;
		for (j = 0; j < 3; j++)
			if (mq_send(fd, buf, msg_build(buf, NPROD, j, j, 40 + j), j))
				return 12;
		for (j = 2; j > 0; j--) {
			r = mq_receive(fd, buf, sizeof(buf), &prio);
			if (r < 0 || !msg_valid(buf, r, prio) || prio != (unsigned)j)
				return 13;
		}
		if (mq_getattr(fd, &got) || got.mq_curmsgs != 1)
			return 14;
		if (rnd(&rng) % 2 && mq_unlink(name))
			return 15;
		/* the rest stay, with a message, for the namespace's death */
	}
	if (with_mount && count_mounted() < 0)
		return 16;
	return 0;
}

static void *ns_spawner(void *arg)
{
	uint32_t rng = 5000 + (uint32_t)(long)arg;
	int status;
	pid_t pid;

	while (!atomic_load(&S->stop)) {
		uint32_t seed = rnd(&rng);

		pid = fork();
		if (pid == 0)
			_exit(ns_child(seed));
		if (pid < 0) {
			err_note("fork", errno);
			msleep(50);
			continue;
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		atomic_fetch_add(&S->ns_children, 1);
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			if (atomic_fetch_add(&S->ns_failures, 1) < 5)
				fprintf(stderr, "# namespace child: status 0x%x\n",
					status);
		}
	}
	return NULL;
}

void run_namespaces(void)
{
	pthread_t t[2];
	long i;

	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, ns_spawner, (void *)i);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
}
