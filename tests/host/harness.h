/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal host test harness: counts cases, prints failures by name. */
#ifndef _PEIOS_HOST_HARNESS_H
#define _PEIOS_HOST_HARNESS_H

#include <stdio.h>
#include "../cases/peios_cases.h"

struct harness {
	const char *suite;
	int passed;
	int failed;
	int suite_passed;
	int suite_failed;
};

void h_suite(struct harness *h, const char *name);
void h_end_suite(struct harness *h);
void h_result(struct harness *h, const char *name, int ok, const char *why);

#define H_CHECK(h, name, cond)						\
	h_result((h), (name), !!(cond), "check failed: " #cond)

void run_unit_tests(struct harness *h);
void run_sd_edit_tests(struct harness *h);
void run_identity_tests(struct harness *h);

#endif
