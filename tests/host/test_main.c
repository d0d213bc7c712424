// SPDX-License-Identifier: GPL-2.0
/*
 * Host test driver: runs the shared case tables (AccessCheck, descriptor
 * validation, SDDL round trips, mode brute force, identity map and
 * projection) and the host-only unit
 * tests, prints every failing case by name and ends with one line
 * "N passed, N failed".  Exit status 0 only if nothing failed.
 */
#include <string.h>
#include "harness.h"

void h_suite(struct harness *h, const char *name)
{
	h->suite = name;
	h->suite_passed = 0;
	h->suite_failed = 0;
}

void h_end_suite(struct harness *h)
{
	printf("suite %-16s %4d ok, %d failing\n", h->suite, h->suite_passed,
	       h->suite_failed);
}

void h_result(struct harness *h, const char *name, int ok, const char *why)
{
	if (ok) {
		h->passed++;
		h->suite_passed++;
		return;
	}
	h->failed++;
	h->suite_failed++;
	printf("FAIL %s/%s: %s\n", h->suite, name, why ? why : "");
}

static void run_access_cases(struct harness *h)
{
	char why[256];
	size_t i;

	h_suite(h, "access_check");
	for (i = 0; i < peios_access_case_count; i++) {
		const struct peios_access_case *c = &peios_access_cases[i];

		why[0] = 0;
		h_result(h, c->name, !peios_run_access_case(c, why,
							    sizeof(why)), why);
	}
	h_end_suite(h);
}

static void run_sd_cases(struct harness *h)
{
	char why[256];
	size_t i;

	h_suite(h, "sd_validate");
	for (i = 0; i < peios_sd_case_count; i++) {
		why[0] = 0;
		h_result(h, peios_sd_cases[i].name,
			 !peios_run_sd_case(&peios_sd_cases[i], why,
					    sizeof(why)), why);
	}
	h_end_suite(h);
}

static void run_sddl_cases(struct harness *h)
{
	char why[512];
	size_t i;

	h_suite(h, "sddl");
	for (i = 0; i < peios_sddl_case_count; i++) {
		why[0] = 0;
		h_result(h, peios_sddl_cases[i].name,
			 !peios_run_sddl_case(&peios_sddl_cases[i], why,
					      sizeof(why)), why);
	}
	h_end_suite(h);
}

/* One case per (mode, class): 512 x 4 */
static void run_mode_cases(struct harness *h)
{
	char why[256], name[64];
	u32 mode;
	int cls;

	h_suite(h, "mode_brute_force");
	for (mode = 0; mode <= 0777; mode++) {
		for (cls = 0; cls < MC_COUNT; cls++) {
			why[0] = 0;
			snprintf(name, sizeof(name), "%04o/%s", mode,
				 peios_mode_class_name(cls));
			h_result(h, name, !peios_run_mode_case(mode, cls, why,
							       sizeof(why)),
				 why);
		}
	}
	h_end_suite(h);
}

int main(void)
{
	struct harness h = { 0 };

	setvbuf(stdout, NULL, _IOLBF, 0);
	run_access_cases(&h);
	run_sd_cases(&h);
	run_sddl_cases(&h);
	run_mode_cases(&h);
	run_unit_tests(&h);
	run_sd_edit_tests(&h);
	run_identity_tests(&h);
	printf("%d passed, %d failed\n", h.passed, h.failed);
	return h.failed ? 1 : 0;
}
