// SPDX-License-Identifier: GPL-2.0
/*
 * POSIX shared memory on peios_shm through the C library (built for glibc
 * and, as shm_basic_musl, for musl): shm_open/O_EXCL, ftruncate, read,
 * write, lseek, fallocate, shared and private mmap across fork, a futex on
 * a shared mapping, hard links, rename, unlink while open and mapped,
 * O_NOFOLLOW and statfs, each with tmpfs's results.  Run as root with
 * peios_shm mounted at /dev/shm.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../lib/tap.h"

#define FUTEX_WAIT_ 0
#define FUTEX_WAKE_ 1
#define NAME "/peios_basic_shm"
#define PATH "/dev/shm/peios_basic_shm"

static long futex(uint32_t *w, int op, uint32_t val)
{
	return syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}

static void test_open_and_size(void)
{
	struct stat st;
	char buf[16] = "";
	int fd;

	shm_unlink(NAME);
	fd = shm_open(NAME, O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK(fd >= 0, "shm_open O_CREAT|O_EXCL creates an object");
	CHECK_ERR(shm_open(NAME, O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST,
		  "O_EXCL on an existing object is EEXIST");
	/* Root's objects belong to SYSTEM, whom /dev/shm grants FA. */
	CHECK(fstat(fd, &st) == 0 && st.st_size == 0 && S_ISREG(st.st_mode) &&
	      (st.st_mode & 0077) == 0, "a new object is empty, mode 0600");
	CHECK(ftruncate(fd, 10000) == 0 && fstat(fd, &st) == 0 &&
	      st.st_size == 10000, "ftruncate sets the size");
	CHECK(pwrite(fd, "hello", 5, 9998) == 5 && fstat(fd, &st) == 0 &&
	      st.st_size == 10003, "a write past the end extends the file");
	CHECK(pread(fd, buf, sizeof(buf), 9998) == 5 && !memcmp(buf, "hello", 5),
	      "pread returns what was written");
	CHECK(pread(fd, buf, 4, 100) == 4 && !memcmp(buf, "\0\0\0\0", 4),
	      "a hole reads as zeros");
	CHECK(lseek(fd, 0, SEEK_END) == 10003, "SEEK_END is the size");
	CHECK(ftruncate(fd, 4) == 0 && fstat(fd, &st) == 0 && st.st_size == 4,
	      "ftruncate shrinks");
	CHECK(fallocate(fd, 0, 0, 65536) == 0 && fstat(fd, &st) == 0 &&
	      st.st_size == 65536 && st.st_blocks >= 128,
	      "fallocate allocates and extends");
	CHECK(fallocate(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0,
			65536) == 0, "fallocate punches holes");
	close(fd);
	fd = open(PATH, O_RDWR | O_TRUNC);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0,
	      "open O_TRUNC empties the object");
	close(fd);
	fd = open(PATH, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	CHECK(fd >= 0, "O_NOFOLLOW opens a regular file");
	CHECK_ERR(write(fd, "x", 1), EBADF, "write on a read-only fd is EBADF");
	close(fd);
	CHECK(shm_unlink(NAME) == 0, "shm_unlink removes it");
	CHECK_ERR(shm_unlink(NAME), ENOENT, "a second shm_unlink is ENOENT");
	CHECK_ERR(shm_open(NAME, O_RDWR, 0), ENOENT,
		  "opening a missing object is ENOENT");
}

static void test_mmap_shared(void)
{
	char *a, *b, *p;
	uint32_t *word;
	pid_t pid;
	int fd, fd2, status;

	fd = shm_open(NAME, O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 8192) == 0, "an 8 KiB object");
	a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	fd2 = shm_open(NAME, O_RDWR, 0);
	b = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED, "two shared mappings");
	strcpy(a + 4096, "shared");
	CHECK(!strcmp(b + 4096, "shared"),
	      "two opens share one page cache");
	char buf[8] = "";
	CHECK(pread(fd, buf, 6, 4096) == 6 && !memcmp(buf, "shared", 6),
	      "read(2) sees what the mapping wrote");
	pwrite(fd, "write", 5, 100);
	CHECK(!memcmp(a + 100, "write", 5), "the mapping sees write(2)");
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED && !strcmp(p + 4096, "shared"),
	      "a private mapping starts with the file's contents");
	strcpy(p + 4096, "mine");
	CHECK(!strcmp(a + 4096, "shared"), "private writes stay private");
	munmap(p, 8192);

	/* A futex on the shared mapping, across fork and two opens. */
	word = (uint32_t *)a;
	*word = 0;
	pid = fork();
	if (pid == 0) {
		uint32_t *w = (uint32_t *)b;

		while (__atomic_load_n(w, __ATOMIC_ACQUIRE) == 0)
			futex(w, FUTEX_WAIT_, 0);
		_exit(*w == 7 ? 0 : 1);
	}
	usleep(100000);
	__atomic_store_n(word, 7, __ATOMIC_RELEASE);
	futex(word, FUTEX_WAKE_, 1);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "a FUTEX_WAKE reaches a waiter in another process");

	/* Unlink while open and mapped: the memory stays. */
	CHECK(shm_unlink(NAME) == 0, "unlink while open and mapped");
	close(fd);
	close(fd2);
	strcpy(a, "still");
	CHECK(!strcmp(b, "still"), "the mappings still share the memory");
	munmap(a, 8192);
	munmap(b, 8192);
}

static void test_links(void)
{
	struct stat st, st2;
	char buf[4] = "";
	int fd;

	unlink("/dev/shm/peios_l1");
	unlink("/dev/shm/peios_l2");
	unlink("/dev/shm/peios_l3");
	fd = open("/dev/shm/peios_l1", O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK(fd >= 0 && write(fd, "abc", 3) == 3, "create and write");
	CHECK(link("/dev/shm/peios_l1", "/dev/shm/peios_l2") == 0,
	      "link makes a second name");
	CHECK(stat("/dev/shm/peios_l1", &st) == 0 &&
	      stat("/dev/shm/peios_l2", &st2) == 0 && st.st_ino == st2.st_ino &&
	      st.st_nlink == 2, "both names are one inode, nlink 2");
	CHECK_ERR(link("/dev/shm/peios_l1", "/dev/shm/peios_l2"), EEXIST,
		  "link onto an existing name is EEXIST");
	CHECK(rename("/dev/shm/peios_l2", "/dev/shm/peios_l3") == 0 &&
	      stat("/dev/shm/peios_l3", &st2) == 0 && st.st_ino == st2.st_ino,
	      "rename keeps the inode");
	CHECK(access("/dev/shm/peios_l2", F_OK) != 0, "the old name is gone");
	CHECK(unlink("/dev/shm/peios_l1") == 0 && fstat(fd, &st) == 0 &&
	      st.st_nlink == 1, "unlink one name: nlink 1");
	int fd3 = open("/dev/shm/peios_l3", O_RDONLY);
	CHECK(fd3 >= 0 && read(fd3, buf, 3) == 3 && !memcmp(buf, "abc", 3),
	      "the other name still reads the data");
	close(fd3);
	fd3 = open("/dev/shm/peios_l1", O_CREAT | O_RDWR, 0600);
	CHECK(rename("/dev/shm/peios_l1", "/dev/shm/peios_l3") == 0,
	      "rename over an existing name replaces it");
	CHECK(pread(fd, buf, 3, 0) == 3 && !memcmp(buf, "abc", 3),
	      "the replaced object lives while open");
	close(fd);
	close(fd3);
	CHECK(unlink("/dev/shm/peios_l3") == 0, "clean up");
	CHECK_ERR(mkdir("/dev/shm/peios_dir", 0700), EPERM,
		  "no directories in /dev/shm");
	CHECK_ERR(symlink("x", "/dev/shm/peios_sym"), EPERM,
		  "no symlinks in /dev/shm");
}

static void test_statfs(void)
{
	struct statfs sf;

	CHECK(statfs("/dev/shm", &sf) == 0 && sf.f_type == 0x01021994,
	      "statfs reports tmpfs's magic");
}

int main(void)
{
	umask(022);
	test_open_and_size();
	test_mmap_shared();
	test_links();
	test_statfs();
	return tap_done();
}
