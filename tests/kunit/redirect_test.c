// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the syscall redirection installs all or nothing, and refuses to
 * take a stub that is already redirected.
 */
#include <kunit/test.h>
#include <peios/redirect.h>

static long unused_handler(const struct pt_regs *regs)
{
	return -EIO;
}

/* A stub of a syscall the project kernel compiles out and nobody traces. */
#define FREE_STUB "__x64_sys_quotactl"

static void redirect_unknown_stub_fails(struct kunit *test)
{
	struct peios_redirect table[] = {
		PEIOS_REDIRECT("peios_no_such_function", unused_handler),
	};

	KUNIT_EXPECT_NE(test, peios_redirect_install(table, 1), 0);
	KUNIT_EXPECT_FALSE(test, table[0].active);
}

static void redirect_failure_rolls_back_earlier_entries(struct kunit *test)
{
	struct peios_redirect table[] = {
		PEIOS_REDIRECT(FREE_STUB, unused_handler),
		PEIOS_REDIRECT("peios_no_such_function", unused_handler),
	};

	KUNIT_EXPECT_NE(test, peios_redirect_install(table, 2), 0);
	KUNIT_EXPECT_FALSE(test, table[0].active);
	KUNIT_EXPECT_FALSE(test, table[1].active);
}

static void redirect_taken_stub_is_refused(struct kunit *test)
{
	/* peios_ipc itself already redirects mq_open (IPMODIFY is exclusive). */
	struct peios_redirect table[] = {
		PEIOS_REDIRECT("__x64_sys_mq_open", unused_handler),
	};

	KUNIT_EXPECT_NE(test, peios_redirect_install(table, 1), 0);
	KUNIT_EXPECT_FALSE(test, table[0].active);
}

static void redirect_install_then_remove(struct kunit *test)
{
	struct peios_redirect table[] = {
		PEIOS_REDIRECT(FREE_STUB, unused_handler),
	};

	KUNIT_ASSERT_EQ(test, peios_redirect_install(table, 1), 0);
	KUNIT_EXPECT_TRUE(test, table[0].active);
	peios_redirect_remove(table, 1);
	KUNIT_EXPECT_FALSE(test, table[0].active);
	/* Removed means free again: a second install succeeds. */
	KUNIT_ASSERT_EQ(test, peios_redirect_install(table, 1), 0);
	peios_redirect_remove(table, 1);
}

static struct kunit_case redirect_cases[] = {
	KUNIT_CASE(redirect_unknown_stub_fails),
	KUNIT_CASE(redirect_failure_rolls_back_earlier_entries),
	KUNIT_CASE(redirect_taken_stub_is_refused),
	KUNIT_CASE(redirect_install_then_remove),
	{}
};

static struct kunit_suite redirect_suite = {
	.name = "peios_redirect",
	.test_cases = redirect_cases,
};
kunit_test_suite(redirect_suite);
