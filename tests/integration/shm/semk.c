// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel semaphore path (ioctls on /dev/shm/sem.*, libpeios_sem) on
 * semaphores made by glibc: the operations, glibc and native users under
 * contention with a count check, malformed files, bad ioctl arguments,
 * and the waiter count a closed descriptor leaves.  Run as root with
 * peios_shm mounted at /dev/shm.
 *
 * Also small actions for the access-control script:
 *   shm_semk create NAME VALUE MODE   glibc sem_open O_CREAT|O_EXCL
 *   shm_semk open NAME                glibc sem_open of an existing one
 *   shm_semk rdonly PATH              O_RDONLY: getvalue works, post EACCES
 *   shm_semk create0 PATH             glibc's creation with mode 0
 *   shm_semk mmap PATH PROT           O_RDWR, mmap MAP_SHARED with PROT
 *                                     (r, w, x letters); exit 0 if it maps
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <peios/sem.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../../../tools/libpeios_sem/peios_sem.h"
#include "../lib/tap.h"

#define ROUNDS 4000

static uint64_t word_of(const char *path)
{
	uint64_t w = 0;
	int fd = open(path, O_RDONLY);

	if (fd >= 0)
		pread(fd, &w, sizeof(w), 0);
	close(fd);
	return w;
}

static void deadline(struct timespec *ts, int seconds)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += seconds;
}

static void test_ops(void)
{
	struct peios_sem k;
	struct timespec ts;
	sem_t *s;
	int v = -1;

	sem_unlink("/peios_k1");
	s = sem_open("/peios_k1", O_CREAT | O_EXCL, 0600, 2);
	CHECK(s != SEM_FAILED && !peios_sem_open(&k, "/dev/shm/sem.peios_k1"),
	      "glibc creates, the native path opens");
	CHECK(!peios_sem_getvalue(&k, &v) && v == 2, "getvalue 2");
	CHECK(!peios_sem_trywait(&k) && !peios_sem_wait(&k),
	      "trywait and wait take the two units");
	CHECK(peios_sem_trywait(&k) && errno == EAGAIN, "then trywait is EAGAIN");
	CHECK(!peios_sem_post(&k) && !sem_getvalue(s, &v) && v == 1,
	      "a native post is seen by glibc");
	CHECK(!sem_wait(s) && !peios_sem_getvalue(&k, &v) && v == 0,
	      "a glibc wait is seen natively");
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 100000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	CHECK(peios_sem_timedwait(&k, &ts) && errno == ETIMEDOUT,
	      "a native timed wait times out");
	CHECK((word_of("/dev/shm/sem.peios_k1") >> 32) == 0,
	      "and leaves no waiter counted");
	if (fork() == 0) {
		usleep(100000);
		_exit(sem_post(s) ? 1 : 0);
	}
	deadline(&ts, 10);
	CHECK(!peios_sem_timedwait(&k, &ts), "a glibc post wakes a native waiter");
	wait(NULL);
	if (fork() == 0) {
		struct peios_sem c;

		usleep(100000);
		_exit(peios_sem_open(&c, "/dev/shm/sem.peios_k1") ||
		      peios_sem_post(&c));
	}
	deadline(&ts, 10);
	CHECK(!sem_timedwait(s, &ts), "a native post wakes a glibc waiter");
	wait(NULL);
	peios_sem_close(&k);
	sem_close(s);
	sem_unlink("/peios_k1");

	s = sem_open("/peios_k2", O_CREAT | O_EXCL, 0600, PEIOS_SEM_VALUE_MAX);
	CHECK(s != SEM_FAILED && !peios_sem_open(&k, "/dev/shm/sem.peios_k2") &&
	      peios_sem_post(&k) && errno == EOVERFLOW,
	      "post at SEM_VALUE_MAX is EOVERFLOW");
	peios_sem_close(&k);
	sem_close(s);
	sem_unlink("/peios_k2");
}

/*
 * Two glibc and two native posters, two glibc and two native waiters, all
 * at once on one semaphore: every wait must complete (a lost wake-up would
 * time out) and the value must end at 0 (a duplicated post would remain).
 */
static void test_contention(void)
{
	int i, kind, bad;
	uint64_t w;
	sem_t *s;

	sem_unlink("/peios_mix");
	s = sem_open("/peios_mix", O_CREAT | O_EXCL, 0600, 0);
	for (i = 0; i < 8; i++) {
		if (fork())
			continue;
		kind = i % 4;	/* 0 glibc, 1 native; 0/1 wait, 2/3 post */
		struct peios_sem k;
		struct timespec ts;
		int n, err = 0;

		if (peios_sem_open(&k, "/dev/shm/sem.peios_mix"))
			_exit(2);
		for (n = 0; n < ROUNDS && !err; n++) {
			deadline(&ts, 30);
			switch (kind) {
			case 0: err = (i & 4) ? peios_sem_timedwait(&k, &ts) :
				       sem_timedwait(s, &ts); break;
			case 1: err = (i & 4) ? sem_timedwait(s, &ts) :
				       peios_sem_timedwait(&k, &ts); break;
			case 2: err = (i & 4) ? peios_sem_post(&k) :
				       sem_post(s); break;
			default: err = (i & 4) ? sem_post(s) :
				       peios_sem_post(&k); break;
			}
		}
		_exit(err ? 1 : 0);
	}
	bad = 0;
	for (i = 0; i < 8; i++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad++;
	}
	w = word_of("/dev/shm/sem.peios_mix");
	CHECK(!bad, "4 waiters x %d waits, 4 posters x %d posts, mixed glibc and native: all complete",
	      ROUNDS, ROUNDS);
	CHECK(w == 0, "value 0 and no waiter left (word %#llx)",
	      (unsigned long long)w);
	sem_close(s);
	sem_unlink("/peios_mix");
}

static int make_file(const char *path, const void *data, size_t len)
{
	int fd;

	unlink(path);
	fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0600);
	if (fd >= 0 && len)
		write(fd, data, len);
	return fd;
}

static void test_malformed(void)
{
	struct { uint64_t data; int32_t priv, pad; char rest[16]; } sem = {
		.data = 1, .priv = PEIOS_SEM_SHARED };
	char page[4096] = { 0 };
	__u32 v;
	int fd;

	fd = make_file("/dev/shm/sem.peios_bad", NULL, 0);
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_GETVALUE, &v), EINVAL,
		  "an empty sem.* file is EINVAL");
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_POST), EINVAL,
		  "and cannot be posted");
	write(fd, &sem, 16);
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_GETVALUE, &v), EINVAL,
		  "a 16-byte file is EINVAL");
	write(fd, sem.rest, 16);
	CHECK(ioctl(fd, PEIOS_SEM_IOC_GETVALUE, &v) == 0 && v == 1,
	      "32 bytes in glibc's layout are a semaphore");
	CHECK(ftruncate(fd, 4096) == 0, "grow it to a page");
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_TRYWAIT), EINVAL,
		  "a 4096-byte file is EINVAL");
	close(fd);
	sem.priv = 0;
	fd = make_file("/dev/shm/sem.peios_bad", &sem, 32);
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_POST), EINVAL,
		  "a process-private semaphore is EINVAL");
	close(fd);
	sem.priv = PEIOS_SEM_SHARED;
	sem.data = 0x80000000u;
	fd = make_file("/dev/shm/sem.peios_bad", &sem, 32);
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_GETVALUE, &v), EINVAL,
		  "a value above SEM_VALUE_MAX is EINVAL");
	close(fd);
	unlink("/dev/shm/sem.peios_bad");

	fd = make_file("/dev/shm/peios_notsem", page, 32);
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_POST), ENOTTY,
		  "a file not named sem.* is not a semaphore (ENOTTY)");
	CHECK(link("/dev/shm/peios_notsem", "/dev/shm/sem.peios_linked") == 0,
	      "link it to a sem.* name");
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_POST), EINVAL,
		  "now it is a semaphore inode, of the wrong shape");
	close(fd);
	unlink("/dev/shm/peios_notsem");
	unlink("/dev/shm/sem.peios_linked");
}

static void test_bad_args(void)
{
	struct peios_sem_wait arg = { 0 };
	struct timespec now;
	sem_t *s;
	int fd;

	sem_unlink("/peios_args");
	s = sem_open("/peios_args", O_CREAT | O_EXCL, 0600, 0);
	fd = open("/dev/shm/sem.peios_args", O_RDWR);
	CHECK(s != SEM_FAILED && fd >= 0, "a semaphore at 0");
	CHECK_ERR(ioctl(fd, _IO(PEIOS_SEM_IOC_MAGIC, 99)), ENOTTY,
		  "an unknown ioctl is ENOTTY");
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_WAIT, NULL), EFAULT,
		  "WAIT with a NULL argument is EFAULT");
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_GETVALUE, NULL), EFAULT,
		  "GETVALUE with a NULL argument is EFAULT");
	arg.flags = 0x80;
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg), EINVAL,
		  "an unknown wait flag is EINVAL");
	arg.flags = PEIOS_SEM_WAIT_TIMEOUT;
	arg.clockid = CLOCK_PROCESS_CPUTIME_ID;
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg), EINVAL,
		  "a clock other than REALTIME/MONOTONIC is EINVAL");
	arg.clockid = CLOCK_MONOTONIC;
	arg.tv_nsec = -1;
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg), EINVAL,
		  "a negative tv_nsec is EINVAL");
	arg.tv_nsec = 1000000000;
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg), EINVAL,
		  "tv_nsec of a second is EINVAL");
	clock_gettime(CLOCK_MONOTONIC, &now);
	arg.tv_sec = now.tv_sec - 1;
	arg.tv_nsec = 0;
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg), ETIMEDOUT,
		  "a past deadline on value 0 is ETIMEDOUT");
	CHECK((word_of("/dev/shm/sem.peios_args") >> 32) == 0,
	      "and counts no waiter");
	arg.flags = PEIOS_SEM_WAIT_RETRY;
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg), EINVAL,
		  "RETRY without having been told to block is EINVAL");
	CHECK_ERR(ioctl(fd, PEIOS_SEM_IOC_UNWAIT), EINVAL,
		  "UNWAIT without a counted waiter is EINVAL");
	arg.flags = 0;
	CHECK(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg) == PEIOS_SEM_MUST_BLOCK &&
	      (word_of("/dev/shm/sem.peios_args") >> 32) == 1,
	      "WAIT on 0 counts the caller and says block");
	close(fd);
	CHECK((word_of("/dev/shm/sem.peios_args") >> 32) == 0,
	      "closing the descriptor uncounts its waiter");
	fd = open("/dev/shm/sem.peios_args", O_RDWR);
	CHECK(ioctl(fd, PEIOS_SEM_IOC_WAIT, &arg) == PEIOS_SEM_MUST_BLOCK &&
	      ioctl(fd, PEIOS_SEM_IOC_UNWAIT) == 0 &&
	      (word_of("/dev/shm/sem.peios_args") >> 32) == 0,
	      "UNWAIT uncounts it");
	close(fd);
	sem_close(s);
	sem_unlink("/peios_args");
}

static int action(int argc, char **argv)
{
	struct { uint64_t data; int32_t priv, pad; char rest[16]; } sem = {
		.priv = PEIOS_SEM_SHARED };
	__u32 v;
	sem_t *s;
	void *p;
	int fd, prot = 0;

	if (!strcmp(argv[1], "create") && argc == 5) {
		s = sem_open(argv[2], O_CREAT | O_EXCL,
			     strtol(argv[4], NULL, 8), atoi(argv[3]));
		return s == SEM_FAILED ? (perror("sem_open"), 1) : 0;
	}
	if (!strcmp(argv[1], "open") && argc == 3) {
		s = sem_open(argv[2], 0);
		return s == SEM_FAILED ? (perror("sem_open"), 1) : 0;
	}
	if (!strcmp(argv[1], "rdonly") && argc == 3) {
		fd = open(argv[2], O_RDONLY);
		if (fd < 0 || ioctl(fd, PEIOS_SEM_IOC_GETVALUE, &v))
			return perror("getvalue"), 1;
		if (ioctl(fd, PEIOS_SEM_IOC_POST) != -1 || errno != EACCES)
			return fprintf(stderr, "post not refused\n"), 1;
		return ioctl(fd, PEIOS_SEM_IOC_TRYWAIT) == -1 && errno == EACCES ?
		       0 : 1;
	}
	if (!strcmp(argv[1], "create0") && argc == 3) {
		fd = open(argv[2], O_RDWR | O_CREAT | O_EXCL, 0);
		if (fd < 0 || write(fd, &sem, sizeof(sem)) != sizeof(sem))
			return perror("create0"), 1;
		p = mmap(NULL, 32, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		return p == MAP_FAILED ? (perror("mmap"), 1) : 0;
	}
	if (!strcmp(argv[1], "mmap") && argc == 4) {
		fd = open(argv[2], O_RDWR);
		if (fd < 0)
			return perror("open"), 1;
		prot |= strchr(argv[3], 'r') ? PROT_READ : 0;
		prot |= strchr(argv[3], 'w') ? PROT_WRITE : 0;
		prot |= strchr(argv[3], 'x') ? PROT_EXEC : 0;
		p = mmap(NULL, 32, prot, MAP_SHARED, fd, 0);
		return p == MAP_FAILED ? (perror("mmap"), 1) : 0;
	}
	fprintf(stderr, "shm_semk: bad action\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return action(argc, argv);
	umask(022);
	test_ops();
	test_contention();
	test_malformed();
	test_bad_args();
	return tap_done();
}
