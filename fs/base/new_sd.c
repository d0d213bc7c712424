// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptors of new objects, remembered.
 *
 * A new object's descriptor is a pure function of its directory's
 * descriptor, the creator's identity, the mode and whether it is a
 * directory (peios_sd_create_from_mode()).  Programs create objects alike
 * over and over, so the last few results are kept: a hit skips building
 * the descriptor (mode translation, inheritance, encoding) and storing it
 * (hashing, comparing) and only takes a reference on the stored version.
 *
 * Entries hold references on the directory's descriptor version, the
 * identity and the result, so none of those addresses can be reused while
 * an entry names them and comparing pointers is exact.  A changed
 * directory descriptor or identity map gives new pointers, hence misses;
 * stale entries are replaced as new results come in.
 */
#include <linux/hash.h>
#include <linux/spinlock.h>
#include <peios/identity.h>
#include <peios/new_sd.h>
#include <peios/sd_store.h>

#define MEMO_BITS 4

struct memo {
	struct peios_sdv *parent;
	struct peios_identity *id;
	u32 mode;			/* permission bits and S_IFDIR */
	struct peios_sdv *result;
};

static struct memo memo[1 << MEMO_BITS];
static DEFINE_SPINLOCK(memo_lock);

static unsigned int slot(const struct peios_sdv *parent,
			 const struct peios_identity *id, u32 mode)
{
	return hash_long((unsigned long)parent ^ (unsigned long)id ^ mode,
			 MEMO_BITS);
}

struct peios_sdv *peios_new_sd_find(const struct peios_sdv *parent,
				    const struct peios_identity *id, u32 mode)
{
	struct memo *m = &memo[slot(parent, id, mode)];
	struct peios_sdv *v = NULL;

	spin_lock(&memo_lock);
	if (m->result && m->parent == parent && m->id == id &&
	    m->mode == mode) {
		v = m->result;
		refcount_inc(&v->ref);
	}
	spin_unlock(&memo_lock);
	return v;
}

void peios_new_sd_remember(struct peios_sdv *parent,
			   struct peios_identity *id, u32 mode,
			   struct peios_sdv *result)
{
	struct memo *m = &memo[slot(parent, id, mode)];
	struct memo old;

	refcount_inc(&parent->ref);
	refcount_inc(&id->ref);
	refcount_inc(&result->ref);
	spin_lock(&memo_lock);
	old = *m;
	m->parent = parent;
	m->id = id;
	m->mode = mode;
	m->result = result;
	spin_unlock(&memo_lock);
	if (old.result) {
		peios_sdv_put(old.parent);
		peios_identity_put(old.id);
		peios_sdv_put(old.result);
	}
}

/* Forget everything; at module exit, when no object can be created. */
void peios_new_sd_flush(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(memo); i++) {
		if (!memo[i].result)
			continue;
		peios_sdv_put(memo[i].parent);
		peios_identity_put(memo[i].id);
		peios_sdv_put(memo[i].result);
		memo[i].result = NULL;
	}
}
