// SPDX-License-Identifier: GPL-2.0
/*
 * Regression cases from the privilege-escalation review
 * (Documentation/security-review.md).  Run as root with the module loaded.
 *
 *  - mq_open with O_PATH (creating or opening) gives an O_PATH descriptor,
 *    as Linux, which no mq_* call accepts; it used to oops on the missing
 *    per-open data.
 *  - An unprivileged user who makes a user namespace but stays in an IPC
 *    namespace owned by the initial one may not mount that namespace's
 *    mqueue (nor, with sd=, replace its root descriptor): EPERM, as Linux.
 *  - That user may still create queues there while root has the
 *    namespace mounted (the internal and the user mount share one
 *    superblock; it used to be EBUSY).
 *  - A queue created through a mount left over from a dead IPC namespace
 *    pins nothing once the mount is gone (the script then unloads the
 *    module; an internal mount used to be made and never collected).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <mqueue.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../lib/tap.h"

#define MNT_USER "/tmp/peios_review_user"
#define MNT_ROOT "/tmp/peios_review_root"
#define MNT_DEAD "/tmp/peios_review_dead"

static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_o_path(void)
{
	char buf[8];
	pid_t pid;
	int fd;

	fd = syscall(SYS_mq_open, "peios_review_opath",
		     O_PATH | O_CREAT | O_RDWR, 0600, NULL);
	CHECK(fd >= 0, "mq_open(O_PATH|O_CREAT) gives a descriptor");
	if (fd >= 0) {
		CHECK_ERR(mq_send(fd, "x", 1, 0), EBADF,
			  "the O_PATH descriptor cannot send");
		close(fd);
	}
	fd = syscall(SYS_mq_open, "peios_review_opath", O_PATH | O_RDONLY, 0,
		     NULL);
	CHECK(fd >= 0, "mq_open(O_PATH) of an existing queue");
	if (fd >= 0) {
		CHECK_ERR(mq_receive(fd, buf, sizeof(buf), NULL), EBADF,
			  "the O_PATH descriptor cannot receive");
		close(fd);
	}
	/* O_PATH runs no ->open, so mq_open itself checks, as Linux. */
	pid = fork();

	if (pid == 0) {
		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(2);
		fd = syscall(SYS_mq_open, "peios_review_opath",
			     O_PATH | O_RDONLY, 0, NULL);
		_exit(fd < 0 && errno == EACCES ? 0 : 1);
	}
	CHECK(reap(pid) == 0,
	      "mq_open(O_PATH) of a 0600 root queue is EACCES for uid 1000");
	CHECK(mq_unlink("/peios_review_opath") == 0, "the queue unlinks");
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * Become uid 1000 without capabilities, then root of a new user (and
 * mount) namespace, keeping the IPC namespace.  Returns 0 or errno.
 */
static int become_userns_root(void)
{
	gid_t gid = 100;

	if (setgroups(1, &gid) || setresgid(100, 100, 100) ||
	    setresuid(1000, 1000, 1000))
		return errno;
	/* The uid change made us undumpable: /proc/self would be root's. */
	if (prctl(PR_SET_DUMPABLE, 1))
		return errno;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return errno;
	if (write_file("/proc/self/setgroups", "deny") ||
	    write_file("/proc/self/uid_map", "0 1000 1") ||
	    write_file("/proc/self/gid_map", "0 100 1"))
		return errno ? errno : EIO;
	return 0;
}

/* Child: the mount a user-namespace root tries; exit code = errno. */
static int try_user_mount(void)
{
	int err = become_userns_root();

	if (err)
		return 100 + (err & 0x7f);
	if (mount("none", MNT_USER, "mqueue", 0,
		  "sd=O:S-1-22-1-1000D:(A;OICI;FA;;;WD)") == 0) {
		umount(MNT_USER);
		return 0;
	}
	return errno;
}

/* Child: a queue created from a user namespace; exit code = errno. */
static int try_user_queue(void)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 };
	int err = become_userns_root();
	mqd_t q;

	if (err)
		return 100 + (err & 0x7f);
	q = mq_open("/peios_review_userns", O_CREAT | O_RDWR, 0600, &attr);
	if (q == (mqd_t)-1)
		return errno;
	mq_close(q);
	return mq_unlink("/peios_review_userns") ? errno : 0;
}

static int in_child(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid < 0 ? -1 : reap(pid);
}

/*
 * In a fresh IPC and mount namespace (so no superblock exists yet): the
 * user-namespace mount, then root's mount, then the user-namespace queue.
 * The two results (errno or 0) go to @out.
 */
static int run_userns_cases(int out)
{
	int res[2];

	if (unshare(CLONE_NEWIPC | CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return 1;
	res[0] = in_child(try_user_mount);
	if (mount("none", MNT_ROOT, "mqueue", 0, NULL))
		return 2;
	res[1] = in_child(try_user_queue);
	umount(MNT_ROOT);
	return write(out, res, sizeof(res)) == sizeof(res) ? 0 : 3;
}

static void test_userns_mounts(void)
{
	int res[2] = { -1, -1 }, fds[2], ret;
	pid_t pid;

	if (pipe(fds)) {
		CHECK(0, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(run_userns_cases(fds[1]));
	close(fds[1]);
	if (read(fds[0], res, sizeof(res)) != sizeof(res))
		res[0] = res[1] = -1;
	close(fds[0]);
	ret = reap(pid);
	CHECK(ret == 0, "a fresh IPC namespace with root's mount (exit %d)",
	      ret);
	CHECK(res[0] == EPERM,
	      "a user-namespace root may not mount (sd=) an IPC namespace it does not own (got %d)",
	      res[0]);
	CHECK(res[1] == 0,
	      "a user-namespace process creates a queue while root has the namespace mounted (got %d)",
	      res[1]);
}

/* Child: a new IPC namespace mounted in our mount namespace, then gone. */
static int mount_and_leave(void)
{
	if (unshare(CLONE_NEWIPC))
		return 1;
	return mount("none", MNT_DEAD, "mqueue", 0, NULL) ? 2 : 0;
}

static int run_dead_ns_case(void)
{
	int fd;

	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return 1;
	if (in_child(mount_and_leave))
		return 2;
	/*
	 * Let the collector (every second while it watches a namespace)
	 * find the namespace dead.  Should it not have yet, the case passes
	 * without exercising the fix; it cannot fail wrongly.
	 */
	sleep(3);
	fd = open(MNT_DEAD "/q", O_CREAT | O_RDWR, 0600);
	if (fd < 0)
		return 3;
	close(fd);
	if (unlink(MNT_DEAD "/q"))
		return 4;
	return umount(MNT_DEAD) ? 5 : 0;
}

int main(void)
{
	mkdir(MNT_USER, 0755);
	mkdir(MNT_ROOT, 0755);
	mkdir(MNT_DEAD, 0755);
	test_o_path();
	test_userns_mounts();
	CHECK(in_child(run_dead_ns_case) == 0,
	      "a queue made through a dead namespace's leftover mount, unlinked, unmounted");
	rmdir(MNT_USER);
	rmdir(MNT_ROOT);
	rmdir(MNT_DEAD);
	return tap_done();
}
