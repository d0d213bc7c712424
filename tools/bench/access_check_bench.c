// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-benchmark of the security core: ns per AccessCheck on the
 * compact form for 4-, 16- and 64-ACE DACLs, with and without mandatory
 * and trust labels, and ns per descriptor validation.  The matching
 * ACE is last, so the walk visits every ACE.  Prints figures only;
 * targets (150 ns for 4 ACEs, 1 us for 64) are for the reader.
 *
 * Build and run: make -C tests/host bench
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <peios/security/sddl.h>
#include <peios/security/access.h>

static volatile u32 sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* n-1 ACEs for other principals, then the caller's allow ACE. */
static u8 *make_sd(int n, bool labels, size_t *len)
{
	char *s = malloc(64 * (size_t)n + 256), *p = s;
	u8 *sd;
	int i;

	p += sprintf(p, "O:S-1-22-1-1001G:S-1-22-2-200D:");
	for (i = 0; i < n - 1; i++)
		p += sprintf(p, "(%s;;FR;;;S-1-5-21-1111-2222-3333-%d)",
			     i % 4 == 3 ? "D" : "A", 1000 + i);
	p += sprintf(p, "(A;;FA;;;S-1-22-1-1000)");
	if (labels)
		p += sprintf(p, "S:(ML;;NW;;;ME)(TL;;FA;;;S-1-19-512-1024)");
	if (peios_sddl_parse(s, strlen(s), &sd, len)) {
		fprintf(stderr, "bad benchmark SDDL\n");
		exit(1);
	}
	free(s);
	return sd;
}

static void make_token(struct peios_token *tok, struct peios_sid_attr *g)
{
	struct peios_sid user, staff;
	u32 on = PEIOS_SE_GROUP_ENABLED | PEIOS_SE_GROUP_MANDATORY;

	peios_sid_unix_user(&user, 1000);
	peios_sid_unix_group(&staff, 100);
	peios_token_init(tok, &user, g, 4);
	peios_token_add_group(tok, &staff, on);
	peios_token_add_group(tok, &peios_sid_everyone, on);
	peios_token_add_group(tok, &peios_sid_authenticated_users, on);
	peios_token_add_group(tok, &peios_sid_local, on);
}

static double bench_check(const struct peios_sd *sd,
			  const struct peios_token *tok, u32 desired,
			  long iters)
{
	struct peios_psb psb = { 0, 0 };
	struct peios_access_result res;
	double t0;
	long i;

	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		peios_access_check(sd, tok, &psb, desired, 0, NULL, &res);
		sink += res.granted;
	}
	return (now_ns() - t0) / iters;
}

static double bench_validate(const u8 *sd, size_t len, long iters)
{
	double t0;
	long i;

	t0 = now_ns();
	for (i = 0; i < iters; i++)
		sink += peios_sd_validate(sd, len);
	return (now_ns() - t0) / iters;
}

static double bench_compact(const u8 *sd, size_t len, long iters)
{
	struct peios_sd *csd;
	double t0;
	long i;

	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		sink += peios_sd_compact(sd, len, &csd);
		peios_sd_compact_free(csd);
	}
	return (now_ns() - t0) / iters;
}

int main(int argc, char **argv)
{
	static const int sizes[] = { 4, 16, 64 };
	struct peios_sid_attr groups[4];
	struct peios_token tok;
	long iters = argc > 1 ? atol(argv[1]) : 2000000;
	size_t i;
	int labels;

	make_token(&tok, groups);
	printf("%-6s %-7s %6s %12s %12s %12s %12s\n", "aces", "labels",
	       "bytes", "check ns", "max-allow ns", "validate ns",
	       "compact ns");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (labels = 0; labels < 2; labels++) {
			struct peios_sd *csd;
			size_t len;
			u8 *sd = make_sd(sizes[i], labels, &len);
			long n = iters / (sizes[i] / 4);

			if (peios_sd_compact(sd, len, &csd))
				return 1;
			bench_check(csd, &tok, PEIOS_FILE_GENERIC_READ, n / 10);
			printf("%-6d %-7s %6zu %12.1f %12.1f %12.1f %12.1f\n",
			       sizes[i], labels ? "yes" : "no", len,
			       bench_check(csd, &tok, PEIOS_FILE_GENERIC_READ,
					   n),
			       bench_check(csd, &tok, PEIOS_MAXIMUM_ALLOWED,
					   n),
			       bench_validate(sd, len, n),
			       bench_compact(sd, len, n / 4));
			peios_sd_compact_free(csd);
			free(sd);
		}
	}
	return 0;
}
