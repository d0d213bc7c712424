// SPDX-License-Identifier: GPL-2.0
/*
 * Message queue limits: the /proc/sys/fs/mqueue defaults and ranges,
 * queues_max (ENOSPC without CAP_SYS_RESOURCE), the hard maxima that
 * CAP_SYS_RESOURCE opens, and RLIMIT_MSGQUEUE (EMFILE when exceeded, the
 * charge given back when the queue is freed).  Run as root with the module
 * loaded; CAP_SYS_RESOURCE is dropped and raised in the effective set.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/capability.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../lib/tap.h"

#define SYSCTL "/proc/sys/fs/mqueue/"

static void sys_resource(int on)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	syscall(SYS_capget, &hdr, data);
	if (on)
		data[0].effective |= 1u << CAP_SYS_RESOURCE;
	else
		data[0].effective &= ~(1u << CAP_SYS_RESOURCE);
	syscall(SYS_capset, &hdr, data);
}

static long get(const char *name)
{
	char path[128], buf[32] = "";
	int fd;

	snprintf(path, sizeof(path), SYSCTL "%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		buf[0] = '\0';
	close(fd);
	return buf[0] ? atol(buf) : -1;
}

static int set(const char *name, long value)
{
	char path[128], buf[32];
	int fd, n, ret;

	snprintf(path, sizeof(path), SYSCTL "%s", name);
	n = snprintf(buf, sizeof(buf), "%ld\n", value);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ret = write(fd, buf, n) == n ? 0 : -1;
	close(fd);
	return ret;
}

static const struct {
	const char *name;
	long def, min, max;
} limits[] = {
	{ "queues_max", 256, -2147483647L - 1, 2147483647L },	/* Linux: any int */
	{ "msg_max", 10, 1, 65536 },
	{ "msgsize_max", 8192, 128, 16777216 },
	{ "msg_default", 10, 1, 65536 },
	{ "msgsize_default", 8192, 128, 16777216 },
};

static void test_sysctls(void)
{
	size_t i;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		const char *n = limits[i].name;
		long v = get(n);

		CHECK(v == limits[i].def, "%s defaults to %ld (%ld)", n,
		      limits[i].def, v);
		CHECK(set(n, limits[i].min) == 0 && get(n) == limits[i].min &&
		      set(n, limits[i].max) == 0 && get(n) == limits[i].max,
		      "%s accepts %ld and %ld", n, limits[i].min,
		      limits[i].max);
		if (limits[i].max < 2147483647L)
			CHECK(set(n, limits[i].max + 1) < 0 && errno == EINVAL &&
			      get(n) == limits[i].max,
			      "%s rejects %ld with EINVAL", n,
			      limits[i].max + 1);
		CHECK(set(n, limits[i].min - 1) < 0 && errno == EINVAL,
		      "%s rejects %ld with EINVAL", n, limits[i].min - 1);
		set(n, limits[i].def);
	}
}

static mqd_t create(const char *name, long maxmsg, long msgsize)
{
	struct mq_attr attr = { .mq_maxmsg = maxmsg, .mq_msgsize = msgsize };

	return mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600,
		       maxmsg ? &attr : NULL);
}

static void test_defaults(void)
{
	struct mq_attr got;
	mqd_t q;

	set("msg_default", 5);
	set("msgsize_default", 300);
	q = create("/peios_lim", 0, 0);
	CHECK(q != (mqd_t)-1 && mq_getattr(q, &got) == 0 &&
	      got.mq_maxmsg == 5 && got.mq_msgsize == 300,
	      "msg_default and msgsize_default apply to a NULL attr");
	mq_close(q);
	mq_unlink("/peios_lim");
	set("msg_default", 20);
	set("msgsize_default", 9000);
	q = create("/peios_lim", 0, 0);
	CHECK(q != (mqd_t)-1 && mq_getattr(q, &got) == 0 &&
	      got.mq_maxmsg == 10 && got.mq_msgsize == 8192,
	      "defaults above msg_max/msgsize_max are capped");
	mq_close(q);
	mq_unlink("/peios_lim");
	set("msg_default", 10);
	set("msgsize_default", 8192);
}

static void test_queues_max(void)
{
	mqd_t a, b, c;

	set("queues_max", 2);
	sys_resource(0);
	a = create("/peios_qa", 4, 16);
	b = create("/peios_qb", 4, 16);
	CHECK(a != (mqd_t)-1 && b != (mqd_t)-1, "two queues under queues_max 2");
	CHECK_ERR(create("/peios_qc", 4, 16), ENOSPC,
		  "a third without CAP_SYS_RESOURCE is ENOSPC");
	CHECK_ERR(mq_open("/peios_qc", O_RDWR), ENOENT,
		  "and leaves no queue");
	sys_resource(1);
	c = create("/peios_qc", 4, 16);
	CHECK(c != (mqd_t)-1, "CAP_SYS_RESOURCE creates past queues_max");
	mq_close(a);
	mq_close(b);
	mq_close(c);
	mq_unlink("/peios_qa");
	mq_unlink("/peios_qb");
	mq_unlink("/peios_qc");
	sys_resource(0);
	a = create("/peios_qa", 4, 16);
	CHECK(a != (mqd_t)-1, "freed queues make room again");
	mq_close(a);
	mq_unlink("/peios_qa");
	set("queues_max", 256);
}

static void test_hard_maxima(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY }, saved;
	mqd_t q;

	getrlimit(RLIMIT_MSGQUEUE, &saved);
	sys_resource(1);
	setrlimit(RLIMIT_MSGQUEUE, &rl);
	sys_resource(0);
	CHECK_ERR(create("/peios_hard", 11, 16), EINVAL,
		  "maxmsg above msg_max without CAP_SYS_RESOURCE is EINVAL");
	sys_resource(1);
	q = create("/peios_hard", 65536, 16);
	CHECK(q != (mqd_t)-1, "CAP_SYS_RESOURCE: maxmsg 65536");
	mq_close(q);
	mq_unlink("/peios_hard");
	q = create("/peios_hard", 1, 16777216);
	CHECK(q != (mqd_t)-1, "CAP_SYS_RESOURCE: msgsize 16 MiB");
	mq_close(q);
	mq_unlink("/peios_hard");
	CHECK_ERR(create("/peios_hard", 65537, 16), EINVAL,
		  "CAP_SYS_RESOURCE: maxmsg 65537 is EINVAL");
	CHECK_ERR(create("/peios_hard", 1, 16777217), EINVAL,
		  "CAP_SYS_RESOURCE: msgsize 16 MiB + 1 is EINVAL");
	set("msg_max", 100);
	sys_resource(0);
	q = create("/peios_hard", 100, 16);
	CHECK(q != (mqd_t)-1, "a raised msg_max lets anyone create 100 messages");
	mq_close(q);
	mq_unlink("/peios_hard");
	set("msg_max", 10);
	sys_resource(1);
	setrlimit(RLIMIT_MSGQUEUE, &saved);
	sys_resource(0);
}

/* As uid 4321: nine default queues fit in 819200 bytes, the tenth not. */
static int rlimit_child(void)
{
	char name[32];
	mqd_t q[10];
	struct rlimit rl;
	int i, ok = 1, n = 0;

	if (getrlimit(RLIMIT_MSGQUEUE, &rl) || rl.rlim_cur != 819200) {
		printf("# RLIMIT_MSGQUEUE is %lu\n", (unsigned long)rl.rlim_cur);
		ok = 0;
	}
	if (setresuid(4321, 4321, 4321))
		return 2;
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "/peios_rl%d", i);
		q[i] = create(name, 0, 0);
		if (q[i] != (mqd_t)-1)
			n++;
	}
	ok &= n == 9 && errno == EMFILE;
	printf("%s - nine default queues fit under RLIMIT_MSGQUEUE, the tenth is EMFILE (%d made)\n",
	       ok ? "ok" : "not ok", n);
	/* Unlinked but open: still charged. */
	mq_unlink("/peios_rl0");
	q[9] = create("/peios_rl9", 0, 0);
	ok = q[9] == (mqd_t)-1 && errno == EMFILE;
	printf("%s - an unlinked queue still open stays charged\n",
	       ok ? "ok" : "not ok");
	mq_close(q[0]);
	q[9] = create("/peios_rl9", 0, 0);
	ok = q[9] != (mqd_t)-1;
	printf("%s - closing its last descriptor frees the charge\n",
	       ok ? "ok" : "not ok");
	for (i = 1; i < 10; i++) {
		snprintf(name, sizeof(name), "/peios_rl%d", i);
		mq_close(q[i]);
		mq_unlink(name);
	}
	rl.rlim_cur = 128 + 96 - 1;
	setrlimit(RLIMIT_MSGQUEUE, &rl);
	ok = create("/peios_rl0", 1, 128) == (mqd_t)-1 && errno == EMFILE;
	printf("%s - RLIMIT_MSGQUEUE 223 refuses 1 x 128 bytes + 96 of overhead\n",
	       ok ? "ok" : "not ok");
	rl.rlim_cur = 128 + 96;
	setrlimit(RLIMIT_MSGQUEUE, &rl);
	q[0] = create("/peios_rl0", 1, 128);
	ok = q[0] != (mqd_t)-1;
	printf("%s - exactly 1 x 128 + 96 bytes fits\n", ok ? "ok" : "not ok");
	mq_close(q[0]);
	mq_unlink("/peios_rl0");
	return 0;
}

static void test_rlimit(void)
{
	char line[256];
	int pfd[2], status;
	FILE *f;
	pid_t pid;

	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		exit(rlimit_child());
	}
	close(pfd[1]);
	f = fdopen(pfd[0], "r");
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "ok - ", 5))
			CHECK(1, "%s", line + 5);
		else if (!strncmp(line, "not ok - ", 9))
			CHECK(0, "%s", line + 9);
		else
			printf("%s\n", line);
	}
	fclose(f);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the RLIMIT child finished");
}

int main(void)
{
	umask(0);
	sys_resource(0);
	test_sysctls();
	test_defaults();
	test_queues_max();
	test_hard_maxima();
	test_rlimit();
	return tap_done();
}
