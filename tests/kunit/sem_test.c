// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the semaphore word (ipc/sem_word.c).  The shape check, and
 * glibc's post, trywait and wait steps with their waiter counting, on a
 * word in kernel memory laid out as glibc's x86_64 sem_t.
 */
#include <kunit/test.h>
#include <peios/sem_word.h>

#define WAITER (1ULL << 32)

static struct peios_sem_word sem(u64 data)
{
	return (struct peios_sem_word){ .data = data,
					.private = PEIOS_SEM_SHARED };
}

static void validate_accepts_glibc_layout(struct kunit *test)
{
	struct peios_sem_word w = sem(5 | 3 * WAITER);

	KUNIT_EXPECT_EQ(test, peios_sem_validate(&w, 32), 0);
	w.data = PEIOS_SEM_VALUE_MAX;
	KUNIT_EXPECT_EQ(test, peios_sem_validate(&w, 32), 0);
}

static void validate_refuses_wrong_shapes(struct kunit *test)
{
	struct peios_sem_word w = sem(1);
	static const loff_t sizes[] = { 0, 8, 16, 31, 33, 4096, -1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		KUNIT_EXPECT_EQ_MSG(test, peios_sem_validate(&w, sizes[i]),
				    -EINVAL, "size %lld", sizes[i]);
	w.private = 0;			/* process-private */
	KUNIT_EXPECT_EQ(test, peios_sem_validate(&w, 32), -EINVAL);
	w = sem(0x80000000ULL);		/* above SEM_VALUE_MAX */
	KUNIT_EXPECT_EQ(test, peios_sem_validate(&w, 32), -EINVAL);
}

static void post_increments_and_reports_waiters(struct kunit *test)
{
	struct peios_sem_word w = sem(0);

	KUNIT_EXPECT_EQ(test, peios_sem_post(&w), 0);
	KUNIT_EXPECT_EQ(test, w.data, 1ULL);
	w.data = 2 * WAITER;
	KUNIT_EXPECT_EQ(test, peios_sem_post(&w), PEIOS_SEM_MUST_WAKE);
	KUNIT_EXPECT_EQ(test, w.data, 2 * WAITER + 1);
	KUNIT_EXPECT_EQ(test, peios_sem_value(&w), 1U);
}

static void post_overflows_at_max(struct kunit *test)
{
	struct peios_sem_word w = sem(PEIOS_SEM_VALUE_MAX | WAITER);

	KUNIT_EXPECT_EQ(test, peios_sem_post(&w), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, w.data, PEIOS_SEM_VALUE_MAX | WAITER);
}

static void trywait_takes_a_unit_or_fails(struct kunit *test)
{
	struct peios_sem_word w = sem(1 | WAITER);

	KUNIT_EXPECT_EQ(test, peios_sem_trywait(&w), 0);
	KUNIT_EXPECT_EQ(test, w.data, WAITER);
	KUNIT_EXPECT_EQ(test, peios_sem_trywait(&w), -EAGAIN);
	KUNIT_EXPECT_EQ(test, w.data, WAITER);
}

static void wait_fast_path_counts_nobody(struct kunit *test)
{
	struct peios_sem_word w = sem(2);

	KUNIT_EXPECT_EQ(test, peios_sem_wait_step(&w, false), 0);
	KUNIT_EXPECT_EQ(test, w.data, 1ULL);
}

static void wait_on_zero_counts_the_waiter(struct kunit *test)
{
	struct peios_sem_word w = sem(0);

	KUNIT_EXPECT_EQ(test, peios_sem_wait_step(&w, false),
			PEIOS_SEM_MUST_BLOCK);
	KUNIT_EXPECT_EQ(test, w.data, WAITER);
	/* Still nothing: block again, still counted once. */
	KUNIT_EXPECT_EQ(test, peios_sem_wait_step(&w, true),
			PEIOS_SEM_MUST_BLOCK);
	KUNIT_EXPECT_EQ(test, w.data, WAITER);
	/* A post arrives (and must wake): the retry takes it and uncounts. */
	KUNIT_EXPECT_EQ(test, peios_sem_post(&w), PEIOS_SEM_MUST_WAKE);
	KUNIT_EXPECT_EQ(test, peios_sem_wait_step(&w, true), 0);
	KUNIT_EXPECT_EQ(test, w.data, 0ULL);
}

static void wait_retry_never_underflows_the_count(struct kunit *test)
{
	/* A lying caller: "counted" with no waiter in the word. */
	struct peios_sem_word w = sem(1);

	KUNIT_EXPECT_EQ(test, peios_sem_wait_step(&w, true), 0);
	KUNIT_EXPECT_EQ(test, w.data, 0ULL);
}

static void wait_refuses_a_full_waiter_count(struct kunit *test)
{
	struct peios_sem_word w = sem(0xffffffffULL << 32);

	KUNIT_EXPECT_EQ(test, peios_sem_wait_step(&w, false), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, w.data, 0xffffffffULL << 32);
}

static void uncount_is_clamped(struct kunit *test)
{
	struct peios_sem_word w = sem(3 | 2 * WAITER);

	KUNIT_EXPECT_EQ(test, peios_sem_uncount(&w, 5), 2U);
	KUNIT_EXPECT_EQ(test, w.data, 3ULL);
	KUNIT_EXPECT_EQ(test, peios_sem_uncount(&w, 1), 0U);
	KUNIT_EXPECT_EQ(test, w.data, 3ULL);
}

/* Many steps in a row keep value + units taken == posts. */
static void post_and_wait_balance(struct kunit *test)
{
	struct peios_sem_word w = sem(0);
	int i, ret, taken = 0;

	for (i = 0; i < 1000; i++) {
		KUNIT_ASSERT_GE(test, peios_sem_post(&w), 0);
		if (i % 3 == 0 && !peios_sem_trywait(&w))
			taken++;
		if (i % 5 != 0)
			continue;
		ret = peios_sem_wait_step(&w, false);
		if (!ret)
			taken++;
		else if (ret == PEIOS_SEM_MUST_BLOCK)	/* gives up, as on EINTR */
			KUNIT_EXPECT_EQ(test, peios_sem_uncount(&w, 1), 1U);
	}
	KUNIT_EXPECT_EQ(test, peios_sem_value(&w) + taken, 1000U);
	KUNIT_EXPECT_EQ(test, w.data >> 32, 0ULL);
}

static struct kunit_case sem_word_cases[] = {
	KUNIT_CASE(validate_accepts_glibc_layout),
	KUNIT_CASE(validate_refuses_wrong_shapes),
	KUNIT_CASE(post_increments_and_reports_waiters),
	KUNIT_CASE(post_overflows_at_max),
	KUNIT_CASE(trywait_takes_a_unit_or_fails),
	KUNIT_CASE(wait_fast_path_counts_nobody),
	KUNIT_CASE(wait_on_zero_counts_the_waiter),
	KUNIT_CASE(wait_retry_never_underflows_the_count),
	KUNIT_CASE(wait_refuses_a_full_waiter_count),
	KUNIT_CASE(uncount_is_clamped),
	KUNIT_CASE(post_and_wait_balance),
	{}
};

static struct kunit_suite sem_word_suite = {
	.name = "peios_sem_word",
	.test_cases = sem_word_cases,
};

kunit_test_suite(sem_word_suite);
