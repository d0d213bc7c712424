// SPDX-License-Identifier: GPL-2.0
/*
 * The identity provider: a Peios token and process security block built
 * from Linux credentials (Documentation/identity.md has the tables).
 *
 * A token is built into one allocation; identity_cache.c keeps the
 * latest ones per credential, so a call usually finds its token ready.  Ids are taken in the initial user namespace; capabilities count as
 * privileges only for credentials of the initial user namespace, since a
 * capability inside a child namespace grants nothing over these objects.
 * Kernel-only.
 */
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include <kunit/visibility.h>
#include <peios/identity.h>
#include <peios/identity_tables.h>

/* Everyone, Authenticated Users, Local, Administrators (root only). */
#define PEIOS_WELL_KNOWN_GROUPS 4
#define PEIOS_GROUP_ATTRS (PEIOS_SE_GROUP_MANDATORY |		\
			   PEIOS_SE_GROUP_ENABLED_BY_DEFAULT |	\
			   PEIOS_SE_GROUP_ENABLED)

static u32 id_of_uid(kuid_t uid)
{
	return from_kuid(&init_user_ns, uid);
}

static u32 id_of_gid(kgid_t gid)
{
	return from_kgid(&init_user_ns, gid);
}

void peios_identity_uid_sid(kuid_t uid, struct peios_sid *sid)
{
	const struct peios_idmap_entry *e;
	u32 id = id_of_uid(uid);

	rcu_read_lock();
	e = peios_idmap_find(rcu_dereference(peios_idmap), PEIOS_IDMAP_UID, id);
	if (e)
		*sid = e->sid;
	rcu_read_unlock();
	if (e)
		return;
	if (id == 0)
		*sid = peios_sid_system;
	else
		peios_sid_unix_user(sid, id);
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_uid_sid);

void peios_identity_gid_sid(kgid_t gid, struct peios_sid *sid)
{
	const struct peios_idmap_entry *e;
	u32 id = id_of_gid(gid);

	rcu_read_lock();
	e = peios_idmap_find(rcu_dereference(peios_idmap), PEIOS_IDMAP_GID, id);
	if (e)
		*sid = e->sid;
	rcu_read_unlock();
	if (!e)
		peios_sid_unix_group(sid, id);
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_gid_sid);

/* S-1-22-<kind>-N, the default projection, back to N. */
static bool unix_sid_id(const struct peios_sid *sid, u32 kind, u32 *id)
{
	if (peios_sid_authority(sid) != 22 || sid->sub_count != 2 ||
	    sid->sub[0] != kind)
		return false;
	*id = sid->sub[1];
	return true;
}

/*
 * A SID back to a Unix id (initial namespace), for stat and chown: the
 * identity map first, then SYSTEM as 0, then the S-1-22 form; (u32)-1
 * (invalid) when none applies.
 */
static u32 sid_to_id(const struct peios_sid *sid, enum peios_idmap_kind kind)
{
	const struct peios_idmap_entry *e;
	u32 id = (u32)-1;
	bool found;

	rcu_read_lock();
	e = peios_idmap_find_sid(rcu_dereference(peios_idmap), kind, sid);
	found = e;
	if (e)
		id = e->id;
	rcu_read_unlock();
	if (!found && peios_sid_equal(sid, &peios_sid_system))
		id = 0;
	else if (!found)
		unix_sid_id(sid, kind == PEIOS_IDMAP_UID ? 1 : 2, &id);
	return id;
}

kuid_t peios_identity_sid_uid(const struct peios_sid *sid)
{
	return make_kuid(&init_user_ns, sid_to_id(sid, PEIOS_IDMAP_UID));
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_sid_uid);

kgid_t peios_identity_sid_gid(const struct peios_sid *sid)
{
	return make_kgid(&init_user_ns, sid_to_id(sid, PEIOS_IDMAP_GID));
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_sid_gid);

static u32 integrity_of(kuid_t uid)
{
	const struct peios_idmap_entry *e;
	u32 id = id_of_uid(uid), il;

	il = id == 0 ? PEIOS_IL_SYSTEM : PEIOS_IL_MEDIUM;
	rcu_read_lock();
	e = peios_idmap_find(rcu_dereference(peios_idmap), PEIOS_IDMAP_UID, id);
	if (e && e->has_integrity)
		il = e->integrity;
	rcu_read_unlock();
	return il;
}

static const struct {
	int cap;
	int priv;
} cap_privileges[] = {
	{ CAP_SYS_RESOURCE, PEIOS_PRIV_INCREASE_QUOTA },
	{ CAP_FOWNER, PEIOS_PRIV_TAKE_OWNERSHIP },
	/* Restore matters here only for giving an object to another owner. */
	{ CAP_CHOWN, PEIOS_PRIV_RESTORE },
	{ CAP_SYS_ADMIN, PEIOS_PRIV_TCB },
	{ CAP_SYS_ADMIN, PEIOS_PRIV_SECURITY },
	{ CAP_SYS_ADMIN, PEIOS_PRIV_RELABEL },
};

static u64 privileges_of(const struct cred *cred)
{
	u64 privs = 0;
	size_t i;

	if (cred->user_ns != &init_user_ns)
		return 0;
	for (i = 0; i < ARRAY_SIZE(cap_privileges); i++)
		if (cap_raised(cred->cap_effective, cap_privileges[i].cap))
			privs |= PEIOS_PRIV(cap_privileges[i].priv);
	return privs;
}

/*
 * PIP type and trust of the current process's executable.  Never sleeps,
 * so it may run in RCU path walk.
 */
void peios_identity_trust_of_current(struct peios_psb *psb)
{
	const struct peios_trust_entry *e;
	struct mm_struct *mm = current->mm;
	struct file *exe = NULL;
	struct inode *inode;

	psb->pip_type = 0;
	psb->pip_trust = 0;
	if (!mm || !rcu_access_pointer(peios_trust))
		return;
	rcu_read_lock();
	exe = get_file_rcu(&mm->exe_file);
	rcu_read_unlock();
	if (!exe)
		return;
	inode = file_inode(exe);
	rcu_read_lock();
	e = peios_trust_find(rcu_dereference(peios_trust), inode->i_sb->s_dev,
			     inode->i_ino, inode->i_generation);
	if (e) {
		psb->pip_type = e->pip_type;
		psb->pip_trust = e->pip_trust;
	}
	rcu_read_unlock();
	fput(exe);
}

static int add_group_gid(struct peios_token *tok, kgid_t gid)
{
	struct peios_sid sid;

	peios_identity_gid_sid(gid, &sid);
	return peios_token_add_group(tok, &sid, PEIOS_GROUP_ATTRS);
}

static int add_groups(struct peios_identity *id, const struct cred *cred)
{
	struct peios_token *tok = &id->token;
	const struct group_info *gi = cred->group_info;
	int i, ret;

	/* The primary group comes first: token.primary_group indexes it. */
	ret = add_group_gid(tok, cred->fsgid);
	tok->primary_group = 0;
	for (i = 0; !ret && i < gi->ngroups; i++)
		if (!gid_eq(gi->gid[i], cred->fsgid))
			ret = add_group_gid(tok, gi->gid[i]);
	if (!ret)
		ret = peios_token_add_group(tok, &peios_sid_everyone,
					    PEIOS_GROUP_ATTRS);
	if (!ret)
		ret = peios_token_add_group(tok,
					    &peios_sid_authenticated_users,
					    PEIOS_GROUP_ATTRS);
	if (!ret)
		ret = peios_token_add_group(tok, &peios_sid_local,
					    PEIOS_GROUP_ATTRS);
	if (!ret && id_of_uid(cred->fsuid) == 0)
		ret = peios_token_add_group(tok, &peios_sid_builtin_admins,
					    PEIOS_GROUP_ATTRS |
					    PEIOS_SE_GROUP_OWNER);
	return ret;
}

/**
 * peios_identity_build - a new, uncached identity
 * @cred: the credentials to project
 * @psb: the process security block to carry
 *
 * Return: the identity with one reference, or NULL without memory.
 */
struct peios_identity *peios_identity_build(const struct cred *cred,
					    const struct peios_psb *psb)
{
	u32 groups = cred->group_info->ngroups + 1 + PEIOS_WELL_KNOWN_GROUPS;
	struct peios_identity *id;
	struct peios_sid user;

	id = kvmalloc(struct_size(id, groups, groups), GFP_KERNEL);
	if (!id)
		return NULL;
	refcount_set(&id->ref, 1);
	id->cred = NULL;
	id->gen = 0;
	peios_identity_uid_sid(cred->fsuid, &user);
	peios_token_init(&id->token, &user, id->groups, groups);
	if (add_groups(id, cred)) {
		kvfree(id);
		return NULL;
	}
	id->token.privileges = privileges_of(cred);
	id->token.integrity = integrity_of(cred->fsuid);
	id->token.mandatory_policy = PEIOS_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	id->psb = *psb;
	peios_token_seal(&id->token);
	return id;
}

struct peios_identity *peios_identity_of(const struct cred *cred,
					 bool with_trust)
{
	struct peios_psb psb = { 0 };

	if (with_trust)
		peios_identity_trust_of_current(&psb);
	return peios_identity_build(cred, &psb);
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_of);

void peios_identity_put(struct peios_identity *id)
{
	if (!refcount_dec_and_test(&id->ref))
		return;
	if (id->cred)
		put_cred(id->cred);
	/* Lock-free cache lookups may still read it: free after a grace. */
	kvfree_rcu(id, rcu);
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_put);
