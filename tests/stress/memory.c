// SPDX-License-Identifier: GPL-2.0
/*
 * Memory figures before and after a run, and the kernel log.
 *
 * Before each reading the page cache is dropped and every slab cache is
 * shrunk (/sys/kernel/slab/NAME/shrink): that frees the empty slabs SLUB
 * keeps on its per-CPU partial lists and, on a KASAN kernel, flushes the
 * quarantine of freed objects (kasan_cache_shrink), so the remaining
 * difference is memory really held, not allocator caching.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stress.h"

static long meminfo(const char *key)
{
	char line[128];
	long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n))
			v = atol(line + n);
	if (f)
		fclose(f);
	return v;
}

static void write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		/* a cache that refuses is simply not shrunk */
		(void)!write(fd, s, strlen(s));
		close(fd);
	}
}

static long slab_objects(const char *cache)
{
	char path[128], buf[64] = "";
	int fd;

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/objects", cache);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = '\0';
	close(fd);
	return buf[0] ? atol(buf) : -1;
}

static void shrink_slabs(void)
{
	DIR *d = opendir("/sys/kernel/slab");
	struct dirent *e;
	char path[300];

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink",
			 e->d_name);
		write_file(path, "1");
	}
	if (d)
		closedir(d);
}

void mem_settle(struct mem *m)
{
	sync();
	write_file("/proc/sys/vm/drop_caches", "3");
	shrink_slabs();
	msleep(200);
	m->slab = meminfo("Slab:");
	m->sunreclaim = meminfo("SUnreclaim:");
	m->memfree = meminfo("MemFree:");
	m->shmem = meminfo("Shmem:");
	m->mq_inodes = slab_objects("peios_mq_inode");
	m->shm_inodes = slab_objects("peios_shm_inode");
}

int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/* Kernel reports since kmsg_open(): the patterns qemu-run.sh fails on. */
int kmsg_clean(int fd)
{
	static const char *const bad[] = {
		"BUG:", "WARNING:", "Oops", "UBSAN:", "KASAN", "kmemleak:",
		"possible recursive locking", "possible circular locking",
		"inconsistent lock state", "sleeping function called",
		"general protection",
	};
	char rec[2048];
	ssize_t n;
	size_t i;
	int found = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* records overwritten: read on */
		if (n < 0)
			break;		/* EAGAIN: the end */
		rec[n] = '\0';
		if (strstr(rec, "peios_ipc"))
			printf("# kernel (module): %s", strchr(rec, ';') ?
			       strchr(rec, ';') + 1 : rec);
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			if (strstr(rec, bad[i])) {
				if (found++ < 10)
					printf("# kernel: %s", strchr(rec, ';') ?
					       strchr(rec, ';') + 1 : rec);
				break;
			}
		}
	}
	return found;
}
