// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the identity projection (credentials to token, the shared
 * identity cases of tests/cases/ run through the module's provider), the
 * identity map and the security hook (live checks with optional rights,
 * handle checks and their errnos).
 */
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <peios/hook.h>
#include <peios/identity.h>
#include <peios/identity_tables.h>
#include <peios/security/sddl.h>
#include <peios/security/token_text.h>
#include "../cases/peios_cases.h"

/* A credential with the given fs ids, groups and effective capabilities. */
static struct cred *make_cred(struct kunit *test, u32 uid, u32 gid,
			      const u32 *groups, int ngroups, const int *caps,
			      int ncaps)
{
	struct cred *cred = prepare_kernel_cred(&init_task);
	struct group_info *gi;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, cred);
	cred->uid = cred->euid = cred->fsuid = KUIDT_INIT(uid);
	cred->gid = cred->egid = cred->fsgid = KGIDT_INIT(gid);
	gi = groups_alloc(ngroups);
	KUNIT_ASSERT_NOT_NULL(test, gi);
	for (i = 0; i < ngroups; i++)
		gi->gid[i] = KGIDT_INIT(groups[i]);
	groups_sort(gi);
	set_groups(cred, gi);
	put_group_info(gi);
	cred->cap_effective = CAP_EMPTY_SET;
	for (i = 0; i < ncaps; i++)
		cap_raise(cred->cap_effective, caps[i]);
	return cred;
}

static struct peios_identity *project(struct kunit *test, struct cred *cred)
{
	struct peios_identity *id = peios_identity_of(cred, false);

	put_cred(cred);
	KUNIT_ASSERT_NOT_NULL(test, id);
	return id;
}

static void sid_is(struct kunit *test, const struct peios_sid *sid,
		   const char *want)
{
	char text[PEIOS_SID_STR_MAX];

	peios_sid_format(sid, text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, want);
}

static int write_map_at(const char *text, unsigned int *bad)
{
	char *copy = kstrdup(text, GFP_KERNEL);
	int ret;

	if (!copy)
		return -ENOMEM;
	ret = peios_idmap_write(copy, bad);
	kfree(copy);
	return ret;
}

static int write_map(const char *text)
{
	unsigned int bad;

	return write_map_at(text, &bad);
}

/*
 * The shared identity cases (tests/cases/identity_cases.c), here through
 * the module: map text through the securityfs write and the published
 * map's text, projections from a struct cred through the provider.
 */
static const void *idmap_gen_params(struct kunit *test, const void *prev,
				    char *desc)
{
	const struct peios_idmap_case *c = prev ?
		(const struct peios_idmap_case *)prev + 1 : peios_idmap_cases;

	if (c >= peios_idmap_cases + peios_idmap_case_count)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

#define SHOWN_MAX 1024

static void idmap_case(struct kunit *test)
{
	const struct peios_idmap_case *c = test->param_value;
	char *shown = kunit_kzalloc(test, SHOWN_MAX, GFP_KERNEL);
	unsigned int bad = 0;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, shown);
	KUNIT_ASSERT_EQ(test, write_map("clear\n"), 0);
	ret = write_map_at(c->text, &bad);
	rcu_read_lock();
	peios_idmap_show(rcu_dereference(peios_idmap), shown, SHOWN_MAX);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, write_map("clear\n"), 0);
	KUNIT_EXPECT_EQ(test, ret, c->expect);
	if (ret)
		KUNIT_EXPECT_EQ(test, bad, c->bad_line);
	/* A refused write leaves the map as it was: empty. */
	KUNIT_EXPECT_STREQ(test, shown, ret ? "" : c->shown);
}

static const void *projection_gen_params(struct kunit *test,
					 const void *prev, char *desc)
{
	const struct peios_projection_case *c = prev ?
		(const struct peios_projection_case *)prev + 1 :
		peios_projection_cases;

	if (c >= peios_projection_cases + peios_projection_case_count)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

static void projection_case(struct kunit *test)
{
	const struct peios_projection_case *c = test->param_value;
	struct peios_identity *id;
	int caps[CAP_LAST_CAP + 1], ncaps = 0, i;
	size_t size;
	char *text;

	for (i = 0; i <= CAP_LAST_CAP; i++)
		if (c->caps & BIT_ULL(i))
			caps[ncaps++] = i;
	KUNIT_ASSERT_EQ(test, write_map("clear\n"), 0);
	if (c->map)
		KUNIT_ASSERT_EQ(test, write_map(c->map), 0);
	id = project(test, make_cred(test, c->uid, c->gid, c->groups,
				     c->ngroups, caps, ncaps));
	size = PEIOS_TOKEN_TEXT_MAX(id->token.group_count);
	text = kunit_kzalloc(test, size, GFP_KERNEL);
	if (text)
		peios_token_describe(&id->token, &id->psb, text, size);
	peios_identity_put(id);
	KUNIT_EXPECT_EQ(test, write_map("clear\n"), 0);
	KUNIT_ASSERT_NOT_NULL(test, text);
	KUNIT_EXPECT_STREQ(test, text, c->whoami);
}

static void identity_map_replaces_the_projection(struct kunit *test)
{
	struct peios_identity *id;
	struct peios_sid sid;
	size_t used;

	KUNIT_ASSERT_EQ(test, write_map("uid 1000 S-1-5-21-1-2-3-1001 il=low\n"
					"gid 100 S-1-5-32-545\n"), 0);
	id = project(test, make_cred(test, 1000, 100, NULL, 0, NULL, 0));
	sid_is(test, &id->token.user.sid, "S-1-5-21-1-2-3-1001");
	sid_is(test, &id->token.groups[0].sid, "S-1-5-32-545");
	KUNIT_EXPECT_EQ(test, id->token.integrity, (u32)PEIOS_IL_LOW);
	peios_identity_put(id);

	peios_sid_parse("S-1-5-21-1-2-3-1001", 19, &sid, &used);
	KUNIT_EXPECT_EQ(test, __kuid_val(peios_identity_sid_uid(&sid)), 1000u);
	peios_sid_parse("S-1-5-32-545", 12, &sid, &used);
	KUNIT_EXPECT_EQ(test, __kgid_val(peios_identity_sid_gid(&sid)), 100u);
	KUNIT_EXPECT_EQ(test, write_map("clear\n"), 0);
	peios_sid_parse("S-1-22-1-1000", 13, &sid, &used);
	KUNIT_EXPECT_EQ(test, __kuid_val(peios_identity_sid_uid(&sid)), 1000u);
	peios_sid_parse("S-1-5-21-9", 10, &sid, &used);
	KUNIT_EXPECT_FALSE(test, uid_valid(peios_identity_sid_uid(&sid)));
}

static void bad_map_write_changes_nothing(struct kunit *test)
{
	struct peios_sid sid;
	size_t used;

	KUNIT_ASSERT_EQ(test, write_map("uid 7 S-1-5-21-7\n"), 0);
	KUNIT_EXPECT_EQ(test, write_map("uid 8 S-1-5-21-8\nuid 9 nonsense\n"),
			-EINVAL);
	peios_sid_parse("S-1-5-21-8", 10, &sid, &used);
	KUNIT_EXPECT_FALSE(test, uid_valid(peios_identity_sid_uid(&sid)));
	peios_sid_parse("S-1-5-21-7", 10, &sid, &used);
	KUNIT_EXPECT_EQ(test, __kuid_val(peios_identity_sid_uid(&sid)), 7u);
	KUNIT_EXPECT_EQ(test, write_map("clear\n"), 0);
}

/* --- the hook --------------------------------------------------------- */

#define HOOK_SD "O:S-1-22-1-1000G:S-1-22-2-100" \
		"D:(A;;FR;;;S-1-22-1-1000)(A;;0x100116;;;WD)"

static struct peios_sd *compact(struct kunit *test, const char *sddl)
{
	struct peios_sd *sd;
	size_t len;
	u8 *raw;

	KUNIT_ASSERT_EQ(test, peios_sddl_parse(sddl, strlen(sddl), &raw, &len),
			0);
	KUNIT_ASSERT_EQ(test, peios_sd_compact(raw, len, &sd), 0);
	kfree(raw);
	return sd;
}

static void hook_grants_required_and_reports_optional(struct kunit *test)
{
	struct peios_object obj = { .sd = compact(test, HOOK_SD), .id = 1 };
	struct peios_identity *owner, *other;
	u32 granted = 0;

	owner = project(test, make_cred(test, 1000, 100, NULL, 0, NULL, 0));
	other = project(test, make_cred(test, 2000, 200, NULL, 0, NULL, 0));
	KUNIT_EXPECT_EQ(test, peios_hook_check(&obj, PEIOS_OP_OPEN, owner,
					       PEIOS_FILE_READ_DATA,
					       PEIOS_FILE_WRITE_DATA |
					       PEIOS_FILE_EXECUTE, &granted),
			0);
	/* FR from the owner ACE, the write rights from Everyone. */
	KUNIT_EXPECT_EQ(test, granted, (u32)(PEIOS_FILE_READ_DATA |
					     PEIOS_FILE_WRITE_DATA));
	KUNIT_EXPECT_EQ(test, peios_hook_check(&obj, PEIOS_OP_OPEN, other,
					       PEIOS_FILE_READ_DATA, 0,
					       &granted), -EACCES);
	KUNIT_EXPECT_EQ(test, peios_hook_check(&obj, PEIOS_OP_OPEN, other,
					       PEIOS_FILE_WRITE_DATA, 0,
					       &granted), 0);
	KUNIT_EXPECT_EQ(test, granted, (u32)PEIOS_FILE_WRITE_DATA);
	peios_identity_put(owner);
	peios_identity_put(other);
	peios_sd_compact_free((struct peios_sd *)obj.sd);
}

struct handle_case {
	const char *name;
	enum peios_op op;
	u32 granted;
	u32 required;
	int want;
};

static const struct handle_case handle_cases[] = {
	{ "send without WRITE_DATA is EBADF", PEIOS_OP_SEND,
	  PEIOS_FILE_READ_DATA, PEIOS_FILE_WRITE_DATA, -EBADF },
	{ "receive without READ_DATA is EBADF", PEIOS_OP_RECEIVE,
	  PEIOS_FILE_WRITE_DATA, PEIOS_FILE_READ_DATA, -EBADF },
	{ "send with WRITE_DATA passes", PEIOS_OP_SEND,
	  PEIOS_FILE_WRITE_DATA, PEIOS_FILE_WRITE_DATA, 0 },
	{ "notify without READ_DATA is EACCES", PEIOS_OP_NOTIFY,
	  PEIOS_FILE_WRITE_DATA, PEIOS_FILE_READ_DATA, -EACCES },
	{ "getattr without READ_ATTRIBUTES is EACCES", PEIOS_OP_GETATTR,
	  PEIOS_FILE_READ_DATA, PEIOS_FILE_READ_ATTRIBUTES, -EACCES },
	{ "setattr needs WRITE_DATA", PEIOS_OP_SETATTR,
	  PEIOS_FILE_READ_DATA | PEIOS_FILE_READ_ATTRIBUTES,
	  PEIOS_FILE_WRITE_DATA, -EACCES },
	{ "semaphore post needs both data rights", PEIOS_OP_SEM_POST,
	  PEIOS_FILE_WRITE_DATA, PEIOS_FILE_READ_DATA | PEIOS_FILE_WRITE_DATA,
	  -EACCES },
	{ "mmap write with the right passes", PEIOS_OP_MMAP,
	  PEIOS_FILE_READ_DATA | PEIOS_FILE_WRITE_DATA, PEIOS_FILE_WRITE_DATA,
	  0 },
};

static void handle_case_desc(const struct handle_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(handle, handle_cases, handle_case_desc);

static void handle_check_uses_the_stored_mask(struct kunit *test)
{
	const struct handle_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, peios_hook_handle(1, c->op, c->granted,
						c->required), c->want);
}

static struct kunit_case identity_hook_cases[] = {
	KUNIT_CASE_PARAM(idmap_case, idmap_gen_params),
	KUNIT_CASE_PARAM(projection_case, projection_gen_params),
	KUNIT_CASE(identity_map_replaces_the_projection),
	KUNIT_CASE(bad_map_write_changes_nothing),
	KUNIT_CASE(hook_grants_required_and_reports_optional),
	KUNIT_CASE_PARAM(handle_check_uses_the_stored_mask,
			 handle_gen_params),
	{}
};

static struct kunit_suite identity_hook_suite = {
	.name = "peios_identity_hook",
	.test_cases = identity_hook_cases,
};
kunit_test_suite(identity_hook_suite);
