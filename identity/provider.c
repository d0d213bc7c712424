// SPDX-License-Identifier: GPL-2.0
/*
 * The identity provider: a Peios token and process security block built
 * from Linux credentials (Documentation/identity.md has the tables).
 *
 * The projection itself is the security core's (security/projection.c),
 * shared with `peios-sd check`; this file feeds it the values of struct
 * cred and the published identity map, and finds the executable's entry
 * in the trust table.  A token is built into one allocation;
 * identity/cache.c keeps the latest ones per credential, so a call
 * usually finds its token ready.  Ids are taken in the initial user
 * namespace; capabilities count as privileges only for credentials of
 * the initial user namespace, since a capability inside a child
 * namespace grants nothing over these objects.  Kernel-only.
 */
#include <linux/build_bug.h>
#include <linux/capability.h>
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
#include <peios/security/projection.h>

/* The core's capability numbers are the uapi ones; keep them so. */
static_assert(PEIOS_CAP_CHOWN == CAP_CHOWN);
static_assert(PEIOS_CAP_FOWNER == CAP_FOWNER);
static_assert(PEIOS_CAP_SYS_ADMIN == CAP_SYS_ADMIN);
static_assert(PEIOS_CAP_SYS_RESOURCE == CAP_SYS_RESOURCE);

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
	rcu_read_lock();
	peios_project_uid_sid(peios_idmap_table(rcu_dereference(peios_idmap)),
			      id_of_uid(uid), sid);
	rcu_read_unlock();
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_uid_sid);

void peios_identity_gid_sid(kgid_t gid, struct peios_sid *sid)
{
	rcu_read_lock();
	peios_project_gid_sid(peios_idmap_table(rcu_dereference(peios_idmap)),
			      id_of_gid(gid), sid);
	rcu_read_unlock();
}
EXPORT_SYMBOL_IF_KUNIT(peios_identity_gid_sid);

static u32 sid_to_id(const struct peios_sid *sid, enum peios_idmap_kind kind)
{
	u32 id;

	rcu_read_lock();
	id = peios_project_sid_id(peios_idmap_table(rcu_dereference(peios_idmap)),
				  kind, sid);
	rcu_read_unlock();
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

static u32 supplementary_gid(const void *groups, u32 i)
{
	const struct group_info *gi = groups;

	return id_of_gid(gi->gid[i]);
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
	const struct group_info *gi = cred->group_info;
	const struct peios_unix_ids ids = {
		.uid = id_of_uid(cred->fsuid),
		.gid = id_of_gid(cred->fsgid),
		.ngroups = gi->ngroups,
		.groups = gi,
		.group = supplementary_gid,
		/* A capability in a child namespace grants nothing here. */
		.caps = cred->user_ns == &init_user_ns ?
			cred->cap_effective.val : 0,
	};
	u32 groups = PEIOS_PROJECTED_GROUPS(gi->ngroups);
	struct peios_identity *id;
	int ret;

	id = kvmalloc(struct_size(id, groups, groups), GFP_KERNEL);
	if (!id)
		return NULL;
	refcount_set(&id->ref, 1);
	id->cred = NULL;
	id->gen = 0;
	/* One map snapshot for the whole token. */
	rcu_read_lock();
	ret = peios_project_token(&ids,
				  peios_idmap_table(rcu_dereference(peios_idmap)),
				  &id->token, id->groups, groups);
	rcu_read_unlock();
	if (ret) {
		kvfree(id);
		return NULL;
	}
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
