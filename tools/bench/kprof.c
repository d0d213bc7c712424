// SPDX-License-Identifier: GPL-2.0
/*
 * kprof: a tiny kernel profiler for the test VM, which has no perf tool.
 *
 *   kprof [-F HZ] [-n TOP] -- COMMAND [ARGS...]
 *
 * Samples the kernel instruction pointer on every CPU with the software
 * cpu-clock event (TCG has no hardware PMU) while COMMAND runs, then
 * prints the functions that took the most samples, by /proc/kallsyms.
 * Needs root (system-wide events) and kptr_restrict 0.
 */
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define RING_PAGES 256	/* data pages per CPU, a power of two */
#define MAX_CPUS 64

struct sym {
	uint64_t addr;
	char name[200];
	unsigned long hits;
};

static struct sym *syms;
static size_t nsyms;
static unsigned long total, user_or_unknown;

static int by_addr(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int by_hits(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->hits < y->hits ? 1 : x->hits > y->hits ? -1 : 0;
}

static void load_kallsyms(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[256], type, name[128], mod[64];
	unsigned long long addr;
	size_t cap = 0;

	if (!f) {
		perror("/proc/kallsyms");
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		mod[0] = 0;
		if (sscanf(line, "%llx %c %127s %63s", &addr, &type, name,
			   mod) < 3 || !addr)
			continue;
		if (type != 't' && type != 'T')
			continue;
		if (nsyms == cap) {
			cap = cap ? cap * 2 : 65536;
			syms = realloc(syms, cap * sizeof(*syms));
		}
		syms[nsyms].addr = addr;
		snprintf(syms[nsyms].name, sizeof(syms[nsyms].name), "%s%s%s",
			 name, mod[0] ? " " : "", mod);
		syms[nsyms].hits = 0;
		nsyms++;
	}
	fclose(f);
	if (!nsyms) {
		fprintf(stderr, "kprof: no addresses in /proc/kallsyms\n");
		exit(1);
	}
	qsort(syms, nsyms, sizeof(*syms), by_addr);
}

static void hit(uint64_t ip)
{
	size_t lo = 0, hi = nsyms;

	total++;
	if (ip < syms[0].addr) {
		user_or_unknown++;
		return;
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (syms[mid].addr <= ip)
			lo = mid;
		else
			hi = mid;
	}
	syms[lo].hits++;
}

struct ring {
	int fd;
	struct perf_event_mmap_page *meta;
	char *data;
	size_t size;
};

static void drain(struct ring *r)
{
	uint64_t head = __atomic_load_n(&r->meta->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = r->meta->data_tail;

	while (tail < head) {
		struct perf_event_header h;
		size_t off = tail % r->size;
		uint64_t ip;

		memcpy(&h, r->data + off, sizeof(h));
		if (h.type == PERF_RECORD_SAMPLE) {
			off = (tail + sizeof(h)) % r->size;
			memcpy(&ip, r->data + off, sizeof(ip));
			hit(ip);
		}
		tail += h.size;
	}
	__atomic_store_n(&r->meta->data_tail, tail, __ATOMIC_RELEASE);
}

static int open_ring(struct ring *r, int cpu, long freq)
{
	struct perf_event_attr a = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(a),
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.sample_freq = freq,
		.freq = 1,
		.sample_type = PERF_SAMPLE_IP,
		.exclude_user = 1,
		.exclude_idle = 1,
		.disabled = 1,
	};
	long page = sysconf(_SC_PAGESIZE);
	void *m;

	r->fd = syscall(SYS_perf_event_open, &a, -1, cpu, -1, 0);
	if (r->fd < 0)
		return -1;
	r->size = RING_PAGES * page;
	m = mmap(NULL, (RING_PAGES + 1) * page, PROT_READ | PROT_WRITE,
		 MAP_SHARED, r->fd, 0);
	if (m == MAP_FAILED)
		return -1;
	r->meta = m;
	r->data = (char *)m + page;
	return 0;
}

int main(int argc, char **argv)
{
	struct ring rings[MAX_CPUS];
	long freq = 4000, top = 30;
	int ncpu, i, opt, status;
	size_t s;
	pid_t pid;

	while ((opt = getopt(argc, argv, "F:n:")) != -1) {
		if (opt == 'F')
			freq = atol(optarg);
		else if (opt == 'n')
			top = atol(optarg);
		else
			return 2;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: kprof [-F HZ] [-n TOP] -- CMD...\n");
		return 2;
	}
	load_kallsyms();
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpu > MAX_CPUS)
		ncpu = MAX_CPUS;
	for (i = 0; i < ncpu; i++) {
		if (open_ring(&rings[i], i, freq)) {
			perror("kprof: perf_event_open");
			return 1;
		}
	}
	pid = fork();
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	for (i = 0; i < ncpu; i++)
		ioctl(rings[i].fd, PERF_EVENT_IOC_ENABLE, 0);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		poll(NULL, 0, 20);
		for (i = 0; i < ncpu; i++)
			drain(&rings[i]);
	}
	for (i = 0; i < ncpu; i++) {
		ioctl(rings[i].fd, PERF_EVENT_IOC_DISABLE, 0);
		drain(&rings[i]);
	}
	qsort(syms, nsyms, sizeof(*syms), by_hits);
	printf("kprof: %lu kernel samples (%lu outside kallsyms)\n", total,
	       user_or_unknown);
	for (s = 0; s < nsyms && s < (size_t)top && syms[s].hits; s++)
		printf("%6.2f%% %8lu  %s\n", 100.0 * syms[s].hits / total,
		       syms[s].hits, syms[s].name);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
