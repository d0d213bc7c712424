/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pieces of the hostile-input programs (hostile_*.c): bad user
 * pointers, a replayable PRNG, the case counter and the "nothing changed"
 * snapshot comparison.  Every hostile call goes through HCASE or
 * HRANDOM so the count of cases tried is exact.
 */
#ifndef PEIOS_HOSTILE_H
#define PEIOS_HOSTILE_H

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

static unsigned long h_cases;		/* hostile calls made */
static unsigned long h_random_cases;	/* of which random */

/* --- bad pointers ---------------------------------------------------------- */

/*
 * Two pages: the first readable and writable, the second PROT_NONE, so
 * h_edge(n) is n bytes that end exactly where the inaccessible page
 * starts: a string there without its NUL, or a structure straddling it.
 */
static char *h_guard;
static long h_page;
static void *h_unmapped;

static void h_setup_pointers(void)
{
	h_page = sysconf(_SC_PAGESIZE);
	h_guard = mmap(NULL, 2 * h_page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h_guard == MAP_FAILED || mprotect(h_guard + h_page, h_page,
					      PROT_NONE)) {
		perror("hostile: guard pages");
		exit(2);
	}
	/* Kept mapped PROT_NONE, so no later mapping can take its place. */
	h_unmapped = mmap(NULL, h_page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
}

static inline void *h_edge(size_t n)
{
	return h_guard + h_page - n;
}

/* n bytes of @c ending at the guard page: an unterminated string. */
static inline char *h_unterminated(size_t n, char c)
{
	char *p = h_edge(n);

	memset(p, c, n);
	return p;
}

#if UINTPTR_MAX > 0xffffffffu
#define H_KERNEL_ADDR	((uintptr_t)0xffffffff81000000ull)
#define H_NONCANON	((uintptr_t)0x8000000000000000ull)
#else
#define H_KERNEL_ADDR	((uintptr_t)0xffffe000u)
#define H_NONCANON	((uintptr_t)0xfffff000u)
#endif

/* The pointers every pointer argument is tried with. */
enum { H_BADPTR_COUNT = 5 };

static inline void *h_badptr(int i)
{
	switch (i) {
	case 0: return NULL;
	case 1: return (void *)1;
	case 2: return (void *)H_KERNEL_ADDR;
	case 3: return (void *)H_NONCANON;
	default: return h_unmapped;
	}
}

static inline const char *h_badptr_name(int i)
{
	static const char *const names[] = {
		"NULL", "(void *)1", "a kernel address", "a non-canonical address",
		"a PROT_NONE page",
	};

	return names[i];
}

/* --- PRNG ------------------------------------------------------------------ */

static uint64_t h_rng;

/* HOSTILE_SEED replays a run; otherwise a seed from the clock, printed. */
static uint64_t h_seed_init(void)
{
	const char *s = getenv("HOSTILE_SEED");
	uint64_t seed;

	if (s && *s) {
		seed = strtoull(s, NULL, 0);
	} else {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		seed = (uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec ^
		       (uint64_t)getpid() << 20;
	}
	h_rng = seed ? seed : 1;
	printf("# seed %llu (replay with HOSTILE_SEED=%llu)\n",
	       (unsigned long long)seed, (unsigned long long)seed);
	return seed;
}

static inline uint64_t h_rand(void)
{
	/* xorshift64*: fast, reproducible, good enough to pick arguments. */
	h_rng ^= h_rng >> 12;
	h_rng ^= h_rng << 25;
	h_rng ^= h_rng >> 27;
	return h_rng * 0x2545f4914f6cdd1dull;
}

static inline uint64_t h_below(uint64_t n)
{
	return n ? h_rand() % n : 0;
}

static inline long h_iterations(long dflt)
{
	const char *s = getenv("HOSTILE_ITERS");

	return s && *s ? atol(s) : dflt;
}

/* --- cases ------------------------------------------------------------------ */

/*
 * The state a rejected call must leave untouched, rendered as text by the
 * program's own snapshot function and compared byte for byte.
 */
#define H_SNAP_MAX 16384
static char h_before[H_SNAP_MAX], h_after[H_SNAP_MAX];
static void (*h_snapshot)(char *buf, size_t size);

static void h_baseline(void)
{
	h_snapshot(h_before, sizeof(h_before));
}

/* After a rejected call: nothing may have changed.  1 when unchanged. */
static int h_unchanged(const char *what)
{
	if (!h_snapshot)	/* a part that cannot see the state */
		return 1;
	h_snapshot(h_after, sizeof(h_after));
	if (!strcmp(h_before, h_after))
		return 1;
	printf("#   state changed after %s\n#   before: %s\n#   after:  %s\n",
	       what, h_before, h_after);
	memcpy(h_before, h_after, sizeof(h_before));
	return 0;
}

static const char *h_errname(int e)
{
	static char buf[16];

	switch (e) {
	case 0: return "success";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case EMFILE: return "EMFILE";
	case ENOTTY: return "ENOTTY";
	case ENOSPC: return "ENOSPC";
	case ESPIPE: return "ESPIPE";
	case ERANGE: return "ERANGE";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOSYS: return "ENOSYS";
	case ENODATA: return "ENODATA";
	case ENOTSOCK: return "ENOTSOCK";
	case EMSGSIZE: return "EMSGSIZE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EOVERFLOW: return "EOVERFLOW";
	case E2BIG: return "E2BIG";
	case ENODEV: return "ENODEV";
	}
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

/* One exact case: the call must fail with @want and change nothing. */
static void h_check(int want, long ret, int err, const char *desc)
{
	int got_ok = ret == -1 && err == want;
	int same;

	h_cases++;
	same = h_unchanged(desc);
	tap_result(got_ok && same, "%s -> %s", desc, h_errname(want));
	if (!got_ok)
		printf("#   got %ld, %s\n", ret, ret == -1 ? h_errname(err) :
		       "no error");
}

#define HCASE(want, call, ...) do {					\
	char d_[256];							\
	long r_;							\
	int e_;								\
	snprintf(d_, sizeof(d_), __VA_ARGS__);				\
	errno = 0;							\
	r_ = (long)(call);						\
	e_ = errno;							\
	h_check((want), r_, e_, d_);					\
} while (0)

static inline int h_in(int e, const int *set, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (set[i] == e)
			return 1;
	return 0;
}

static void h_print_counts(const char *prog)
{
	printf("# hostile cases tried: %lu (%lu exact, %lu random) in %s\n",
	       h_cases, h_cases - h_random_cases, h_random_cases, prog);
}

#endif
