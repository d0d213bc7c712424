// SPDX-License-Identifier: GPL-2.0
/*
 * The descriptor store: every distinct descriptor in use, validated and in
 * compact form once, shared by reference between the inodes that carry it.
 *
 * A thousand queues made by one program with one mode hold one descriptor
 * between them instead of a thousand copies of about a kilobyte (the
 * compact form keeps SIDs inline for AccessCheck).  Versions are immutable,
 * so sharing changes nothing for readers: an SD write stores or finds the
 * new version and drops the inode's reference on the old one.
 *
 * Locking: store_lock protects the table and the zero crossing of every
 * reference count.  The last reference can be dropped from ->free_inode,
 * which runs in an RCU callback (softirq), hence the _bh lock.  A version
 * is freed after a grace period, as checks read it under RCU.
 */
#include <linux/err.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#include <peios/security/mode.h>
#include <peios/sd_store.h>

static DEFINE_HASHTABLE(store, 8);
static DEFINE_SPINLOCK(store_lock);
static unsigned int stored;

static struct peios_sdv *find(const u8 *raw, size_t len, u32 hash)
{
	struct peios_sdv *v;

	hash_for_each_possible(store, v, link, hash)
		if (v->hash == hash && v->sd->raw_len == len &&
		    !memcmp(v->sd->raw, raw, len))
			return v;
	return NULL;
}

/* Validate and compact a descriptor not stored yet. */
static struct peios_sdv *sdv_new(const u8 *raw, size_t len, u32 hash)
{
	struct peios_sdv *v;
	size_t size;

	if (peios_sd_compact_size(raw, len, &size))
		return ERR_PTR(-EINVAL);
	v = kmalloc(struct_size(v, mem, size), GFP_KERNEL);
	if (!v)
		return ERR_PTR(-ENOMEM);
	if (peios_sd_compact_init(raw, len, v->mem, size, &v->sd)) {
		kfree(v);
		return ERR_PTR(-EINVAL);
	}
	refcount_set(&v->ref, 1);
	v->hash = hash;
	/* Three AccessChecks: worth doing once per descriptor, not per set. */
	v->mode = 0;
	peios_sd_to_mode(v->sd, &v->mode);
	return v;
}

/**
 * peios_sdv_get - the stored version of a descriptor, stored if new
 * @raw: self-relative descriptor bytes
 * @len: their length
 *
 * Return: the version with a reference for the caller, ERR_PTR(-EINVAL)
 * for a malformed descriptor, or ERR_PTR(-ENOMEM).
 */
struct peios_sdv *peios_sdv_get(const u8 *raw, size_t len)
{
	u32 hash = jhash(raw, len, 0);
	struct peios_sdv *v, *made;

	spin_lock_bh(&store_lock);
	v = find(raw, len, hash);
	if (v)
		refcount_inc(&v->ref);
	spin_unlock_bh(&store_lock);
	if (v)
		return v;
	made = sdv_new(raw, len, hash);
	if (IS_ERR(made))
		return made;
	spin_lock_bh(&store_lock);
	/* Someone may have stored the same descriptor meanwhile. */
	v = find(raw, len, hash);
	if (v) {
		refcount_inc(&v->ref);
	} else {
		hash_add(store, &made->link, hash);
		stored++;
	}
	spin_unlock_bh(&store_lock);
	if (v)
		kfree(made);
	return v ? v : made;
}
EXPORT_SYMBOL_IF_KUNIT(peios_sdv_get);

void peios_sdv_put(struct peios_sdv *v)
{
	if (refcount_dec_not_one(&v->ref))
		return;
	spin_lock_bh(&store_lock);
	if (!refcount_dec_and_test(&v->ref)) {
		spin_unlock_bh(&store_lock);
		return;
	}
	hash_del(&v->link);
	stored--;
	spin_unlock_bh(&store_lock);
	kfree_rcu(v, rcu);
}
EXPORT_SYMBOL_IF_KUNIT(peios_sdv_put);

/* Distinct descriptors stored, for tests. */
unsigned int peios_sdv_count(void)
{
	return READ_ONCE(stored);
}
EXPORT_SYMBOL_IF_KUNIT(peios_sdv_count);
