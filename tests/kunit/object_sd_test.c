// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: descriptors of new objects (mode translation plus inheritance
 * from the default root SD, evaluated for each class of caller) and the
 * rules of a descriptor write (rights needed, owner and relabel rules),
 * inside the module build.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <peios/security/access.h>
#include <peios/security/mode.h>
#include <peios/object.h>
#include <peios/security/sd_edit.h>
#include <peios/sd_store.h>
#include <peios/security/sddl.h>

struct caller {
	struct peios_token tok;
	struct peios_sid_attr groups[4];
};

static void caller_init(struct caller *c, u32 uid, u32 gid, u32 il)
{
	struct peios_sid user, group;

	if (uid)
		peios_sid_unix_user(&user, uid);
	else
		user = peios_sid_system;
	peios_token_init(&c->tok, &user, c->groups, 4);
	peios_sid_unix_group(&group, gid);
	peios_token_add_group(&c->tok, &group, PEIOS_SE_GROUP_ENABLED);
	c->tok.primary_group = 0;
	peios_token_add_group(&c->tok, &peios_sid_everyone,
			      PEIOS_SE_GROUP_ENABLED);
	c->tok.integrity = il;
}

static u32 granted_to(struct kunit *test, const u8 *sd, size_t len,
		      const struct caller *c)
{
	struct peios_access_result res;

	peios_access_check_raw(sd, len, &c->tok, NULL, PEIOS_MAXIMUM_ALLOWED,
			       0, &peios_file_mapping, &res);
	return res.granted;
}

static void new_object_sd_follows_mode_and_inherits(struct kunit *test)
{
	/* Four tokens are too large for a (KASAN) kernel stack frame. */
	struct caller *c = kunit_kcalloc(test, 4, sizeof(*c), GFP_KERNEL);
	struct caller *creator = &c[0], *member = &c[1], *other = &c[2];
	struct caller *system = &c[3];
	size_t plen, len;
	u8 *parent, *sd;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_EQ(test, peios_sd_from_sddl(peios_default_root_sddl,
						 &parent, &plen), 0);
	caller_init(creator, 1000, 100, PEIOS_IL_MEDIUM);
	caller_init(member, 1001, 100, PEIOS_IL_MEDIUM);
	caller_init(other, 1002, 200, PEIOS_IL_MEDIUM);
	caller_init(system, 0, 0, PEIOS_IL_SYSTEM);
	KUNIT_ASSERT_EQ(test, peios_sd_create_from_mode(parent, plen, 0640,
							&creator->tok, false,
							&peios_file_mapping,
							&sd, &len), 0);
	KUNIT_EXPECT_EQ(test, granted_to(test, sd, len, creator) &
			(PEIOS_FILE_READ_DATA | PEIOS_FILE_WRITE_DATA |
			 PEIOS_DELETE | PEIOS_WRITE_DAC),
			(u32)(PEIOS_FILE_READ_DATA | PEIOS_FILE_WRITE_DATA |
			      PEIOS_DELETE | PEIOS_WRITE_DAC));
	KUNIT_EXPECT_EQ(test, granted_to(test, sd, len, member) &
			(PEIOS_FILE_READ_DATA | PEIOS_FILE_WRITE_DATA),
			(u32)PEIOS_FILE_READ_DATA);
	KUNIT_EXPECT_EQ(test, granted_to(test, sd, len, other), 0u);
	/* SYSTEM keeps full control through the inherited ACE. */
	KUNIT_EXPECT_EQ(test, granted_to(test, sd, len, system),
			(u32)PEIOS_FILE_ALL_ACCESS);
	kfree(sd);
	kfree(parent);
}

static u8 *sddl(struct kunit *test, const char *s, size_t *len)
{
	u8 *sd;

	KUNIT_ASSERT_EQ(test, peios_sddl_parse(s, strlen(s), &sd, len), 0);
	return sd;
}

#define CURRENT "O:S-1-22-1-1000G:S-1-22-2-100D:(A;;FA;;;S-1-22-1-1000)"

struct write_case {
	const char *name;
	const char *req;
	u32 rights;
	u32 uid;
	u32 il;
	int permitted;
};

static const struct write_case write_cases[] = {
	{ "DACL change needs WRITE_DAC only", "D:(A;;FR;;;WD)",
	  PEIOS_WRITE_DAC, 1000, PEIOS_IL_MEDIUM, 0 },
	{ "giving ownership away is EPERM", "O:S-1-22-1-2000",
	  PEIOS_WRITE_OWNER, 1000, PEIOS_IL_MEDIUM, -EPERM },
	{ "taking ownership for oneself is permitted", "O:S-1-22-1-2000",
	  PEIOS_WRITE_OWNER, 2000, PEIOS_IL_MEDIUM, 0 },
	{ "a label above one's level is EPERM", "S:(ML;;NW;;;HI)",
	  PEIOS_WRITE_OWNER, 1000, PEIOS_IL_MEDIUM, -EPERM },
	{ "a label at one's level is permitted", "S:(ML;;NW;;;ME)",
	  PEIOS_WRITE_OWNER, 1000, PEIOS_IL_MEDIUM, 0 },
	{ "audit ACEs need ACCESS_SYSTEM_SECURITY", "S:(AU;SA;FA;;;WD)",
	  PEIOS_ACCESS_SYSTEM_SECURITY, 1000, PEIOS_IL_MEDIUM, 0 },
};

static void write_case_desc(const struct write_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(write, write_cases, write_case_desc);

static void sd_write_rights_and_rules(struct kunit *test)
{
	const struct write_case *c = test->param_value;
	struct peios_sd_change change;
	size_t cur_len, req_len;
	struct caller who;
	u8 *cur, *req;

	cur = sddl(test, CURRENT, &cur_len);
	req = sddl(test, c->req, &req_len);
	caller_init(&who, c->uid, 100, c->il);
	KUNIT_ASSERT_EQ(test, peios_sd_merge(cur, cur_len, req, req_len, false,
					     &change), 0);
	KUNIT_EXPECT_EQ(test, change.rights, c->rights);
	KUNIT_EXPECT_EQ(test, peios_sd_change_permitted(&change, &who.tok),
			c->permitted);
	peios_sd_change_release(&change);
	kfree(cur);
	kfree(req);
}

static void malformed_write_is_einval(struct kunit *test)
{
	static const u8 junk[] = { 1, 0, 4, 0x80, 0xff, 0, 0, 0 };
	struct peios_sd_change change;
	size_t cur_len;
	u8 *cur = sddl(test, CURRENT, &cur_len);

	KUNIT_EXPECT_EQ(test, peios_sd_merge(cur, cur_len, junk, sizeof(junk),
					     false, &change), -EINVAL);
	kfree(cur);
}

/*
 * The store keeps one version per distinct descriptor: equal bytes share
 * it, different bytes do not, a malformed descriptor stores nothing, and
 * the last reference removes it.
 */
static void equal_descriptors_share_one_version(struct kunit *test)
{
	unsigned int before = peios_sdv_count();
	struct peios_sdv *a, *b, *c;
	u8 *sd1, *sd2, bad[4] = { 1, 0, 0, 0x80 };
	size_t len1, len2;

	KUNIT_ASSERT_EQ(test, peios_sd_from_sddl("O:S-1-22-1-77G:SYD:(A;;FA;;;WD)",
						 &sd1, &len1), 0);
	KUNIT_ASSERT_EQ(test, peios_sd_from_sddl("O:S-1-22-1-77G:SYD:(A;;FR;;;WD)",
						 &sd2, &len2), 0);
	a = peios_sdv_get(sd1, len1);
	b = peios_sdv_get(sd1, len1);
	c = peios_sdv_get(sd2, len2);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a) || IS_ERR(b) || IS_ERR(c));
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	KUNIT_EXPECT_PTR_NE(test, a, c);
	KUNIT_EXPECT_EQ(test, peios_sdv_count(), before + 2);
	KUNIT_EXPECT_EQ(test, PTR_ERR(peios_sdv_get(bad, sizeof(bad))),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, peios_sdv_count(), before + 2);
	peios_sdv_put(a);
	KUNIT_EXPECT_EQ(test, peios_sdv_count(), before + 2);
	peios_sdv_put(b);
	KUNIT_EXPECT_EQ(test, peios_sdv_count(), before + 1);
	peios_sdv_put(c);
	KUNIT_EXPECT_EQ(test, peios_sdv_count(), before);
	kfree(sd1);
	kfree(sd2);
}

static struct kunit_case object_sd_cases[] = {
	KUNIT_CASE(new_object_sd_follows_mode_and_inherits),
	KUNIT_CASE_PARAM(sd_write_rights_and_rules, write_gen_params),
	KUNIT_CASE(malformed_write_is_einval),
	KUNIT_CASE(equal_descriptors_share_one_version),
	{}
};

static struct kunit_suite object_sd_suite = {
	.name = "peios_object_sd",
	.test_cases = object_sd_cases,
};
kunit_test_suite(object_sd_suite);
