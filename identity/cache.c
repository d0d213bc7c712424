// SPDX-License-Identifier: GPL-2.0
/*
 * The identity cache: the caller's identity, built once per credentials
 * and reused by every call made with them.
 *
 * Credentials are immutable once published, so an identity depends only on
 * them, on the identity map and on the process security block (the trust
 * table entry of the running executable).  A slot per credential hash
 * holds the latest identity built; it pins the credentials it was built
 * from, so while it is cached no other credentials can have that address
 * and comparing pointers is exact.  The identity map's generation,
 * bumped after every published change, makes older entries misses; the
 * process security block is looked up on every call (it follows exec) and
 * must match too.  A miss builds a new identity and replaces the slot.
 *
 * Lookups take no lock: slots are read under RCU, and an identity whose
 * last reference went is freed only after a grace period.
 */
#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/hash.h>
#include <linux/rcupdate.h>
#include <peios/identity.h>

#define CACHE_BITS 6

static struct peios_identity __rcu *cache[1 << CACHE_BITS];
static atomic_t cache_gen = ATOMIC_INIT(0);

/*
 * Called after a new identity map is published.  Fully ordered, so a
 * builder that reads the new generation also reads the new map.
 */
void peios_identity_changed(void)
{
	atomic_inc_return(&cache_gen);
}

static bool matches(const struct peios_identity *id, const struct cred *cred,
		    unsigned int gen, const struct peios_psb *psb)
{
	return id->cred == cred && id->gen == gen &&
	       id->psb.pip_type == psb->pip_type &&
	       id->psb.pip_trust == psb->pip_trust;
}

static struct peios_identity *lookup(const struct cred *cred,
				     unsigned int gen,
				     const struct peios_psb *psb)
{
	struct peios_identity *id;

	rcu_read_lock();
	id = rcu_dereference(cache[hash_ptr(cred, CACHE_BITS)]);
	if (id && (!matches(id, cred, gen, psb) ||
		   !refcount_inc_not_zero(&id->ref)))
		id = NULL;
	rcu_read_unlock();
	return id;
}

/**
 * peios_identity_current - the calling task's identity
 *
 * May sleep (a miss allocates).
 *
 * Return: the identity with a reference for the caller
 * (peios_identity_put()), or NULL without memory.
 */
struct peios_identity *peios_identity_current(void)
{
	const struct cred *cred = current_cred();
	unsigned int gen = atomic_read_acquire(&cache_gen);
	struct peios_identity *id, *old;
	struct peios_psb psb;

	peios_identity_trust_of_current(&psb);
	id = lookup(cred, gen, &psb);
	if (id)
		return id;
	id = peios_identity_build(cred, &psb);
	if (!id)
		return NULL;
	id->cred = get_cred(cred);
	id->gen = gen;
	refcount_inc(&id->ref);		/* the slot's */
	old = unrcu_pointer(xchg(&cache[hash_ptr(cred, CACHE_BITS)],
				 RCU_INITIALIZER(id)));
	if (old)
		peios_identity_put(old);
	return id;
}

/**
 * peios_identity_current_nowait - the calling task's identity, if cached
 *
 * Never sleeps, for RCU path walk.
 *
 * Return: the identity with a reference, or NULL when it is not cached
 * (the caller retries where it may sleep).
 */
struct peios_identity *peios_identity_current_nowait(void)
{
	struct peios_psb psb;

	peios_identity_trust_of_current(&psb);
	return lookup(current_cred(), atomic_read_acquire(&cache_gen), &psb);
}

/* Empty every slot; at module exit, when no call can be inside. */
void peios_identity_cache_flush(void)
{
	struct peios_identity *old;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cache); i++) {
		old = unrcu_pointer(xchg(&cache[i], NULL));
		if (old)
			peios_identity_put(old);
	}
}
