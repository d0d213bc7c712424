/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal test reporting for the VM's C test programs: "ok - ..." and
 * "not ok - ..." lines, and the closing "N passed, N failed".
 */
#ifndef PEIOS_TAP_H
#define PEIOS_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_passed, tap_failed;

static inline void tap_result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf(ok ? "ok - " : "not ok - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (ok)
		tap_passed++;
	else
		tap_failed++;
}

#define CHECK(cond, ...) tap_result(!!(cond), __VA_ARGS__)

/* A call expected to fail with a given errno. */
#define CHECK_ERR(call, err, ...) do {					\
	errno = 0;							\
	long _r = (long)(call);						\
	int _e = errno;							\
	tap_result(_r == -1 && _e == (err), __VA_ARGS__);		\
	if (!(_r == -1 && _e == (err)))					\
		printf("#   got %ld errno %d (%s), want errno %d (%s)\n", \
		       _r, _e, strerror(_e), (err), strerror(err));	\
} while (0)

static inline int tap_done(void)
{
	printf("%d passed, %d failed\n", tap_passed, tap_failed);
	return tap_failed ? 1 : 0;
}

#endif
