// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the portable security core, driven by the same case tables as
 * the host tests (tests/cases/).  AccessCheck cases, descriptor
 * validation shapes, SDDL round trips and inheritance cases are
 * parameterised tests whose
 * description is the case name; the mode brute force runs the 512 modes
 * for every caller class.  Needs the tests/cases sources and the security core
 * linked into the test module.
 */
#include <kunit/test.h>
#include "../cases/peios_cases.h"

#define WHY_LEN 256

/*
 * The case tables are defined in tests/cases/ with their sizes in *_count
 * variables, so KUNIT_ARRAY_PARAM (which needs ARRAY_SIZE of a complete
 * array) cannot be used: each table is registered when its case starts
 * and KUnit's own array generator walks it, naming each row.
 */
static_assert(offsetof(struct peios_access_case, name) == 0);
static_assert(offsetof(struct peios_sd_case, name) == 0);
static_assert(offsetof(struct peios_sddl_case, name) == 0);
static_assert(offsetof(struct peios_inherit_case, name) == 0);

/* The name is the first member of every case row (asserted above). */
static void case_desc(struct kunit *test, const void *row, char *desc)
{
	strscpy(desc, *(const char *const *)row, KUNIT_PARAM_DESC_SIZE);
}

static int access_cases_init(struct kunit *test)
{
	kunit_register_params_array(test, peios_access_cases,
				    peios_access_case_count, case_desc);
	return 0;
}

static int sd_cases_init(struct kunit *test)
{
	kunit_register_params_array(test, peios_sd_cases, peios_sd_case_count,
				    case_desc);
	return 0;
}

static int sddl_cases_init(struct kunit *test)
{
	kunit_register_params_array(test, peios_sddl_cases,
				    peios_sddl_case_count, case_desc);
	return 0;
}

static int inherit_cases_init(struct kunit *test)
{
	kunit_register_params_array(test, peios_inherit_cases,
				    peios_inherit_case_count, case_desc);
	return 0;
}

static void access_check_case(struct kunit *test)
{
	const struct peios_access_case *c = test->param_value;
	char *why = kunit_kzalloc(test, WHY_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_EQ_MSG(test, peios_run_access_case(c, why, WHY_LEN), 0,
			    "%s: %s", c->name, why);
}

static void sd_validation_case(struct kunit *test)
{
	const struct peios_sd_case *c = test->param_value;
	char *why = kunit_kzalloc(test, WHY_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_EQ_MSG(test, peios_run_sd_case(c, why, WHY_LEN), 0,
			    "%s: %s", c->name, why);
}

static void sddl_round_trip_case(struct kunit *test)
{
	const struct peios_sddl_case *c = test->param_value;
	char *why = kunit_kzalloc(test, WHY_LEN * 2, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_EQ_MSG(test, peios_run_sddl_case(c, why, WHY_LEN * 2),
			    0, "%s: %s", c->name, why);
}

static void inherit_case(struct kunit *test)
{
	const struct peios_inherit_case *c = test->param_value;
	char *why = kunit_kzalloc(test, WHY_LEN * 2, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_EQ_MSG(test, peios_run_inherit_case(c, why, WHY_LEN * 2),
			    0, "%s: %s", c->name, why);
}

/* Every mode 0000..0777 for every caller class gives the Unix result. */
static void mode_translation_matches_unix(struct kunit *test)
{
	char *why = kunit_kzalloc(test, WHY_LEN, GFP_KERNEL);
	int cls, failures = 0;
	u32 mode;

	KUNIT_ASSERT_NOT_NULL(test, why);
	for (mode = 0; mode <= 0777; mode++) {
		for (cls = 0; cls < MC_COUNT; cls++) {
			if (!peios_run_mode_case(mode, cls, why, WHY_LEN))
				continue;
			failures++;
			KUNIT_FAIL(test, "mode %04o, %s: %s", mode,
				   peios_mode_class_name(cls), why);
		}
		cond_resched();
	}
	KUNIT_EXPECT_EQ(test, failures, 0);
}

/* The Peios label-mask values differ from MS-DTYP on purpose. */
static void label_mask_uses_peios_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, PEIOS_LABEL_NO_READ_UP, 0x1);
	KUNIT_EXPECT_EQ(test, PEIOS_LABEL_NO_WRITE_UP, 0x2);
	KUNIT_EXPECT_EQ(test, PEIOS_LABEL_NO_EXECUTE_UP, 0x4);
}

static struct kunit_case security_core_cases[] = {
	KUNIT_CASE_PARAM_WITH_INIT(access_check_case, kunit_array_gen_params,
				   access_cases_init, NULL),
	KUNIT_CASE_PARAM_WITH_INIT(sd_validation_case, kunit_array_gen_params,
				   sd_cases_init, NULL),
	KUNIT_CASE_PARAM_WITH_INIT(sddl_round_trip_case,
				   kunit_array_gen_params, sddl_cases_init, NULL),
	KUNIT_CASE_PARAM_WITH_INIT(inherit_case, kunit_array_gen_params,
				   inherit_cases_init, NULL),
	KUNIT_CASE_SLOW(mode_translation_matches_unix),
	KUNIT_CASE(label_mask_uses_peios_values),
	{}
};

static struct kunit_suite security_core_suite = {
	.name = "peios_security_core",
	.test_cases = security_core_cases,
};

kunit_test_suite(security_core_suite);
