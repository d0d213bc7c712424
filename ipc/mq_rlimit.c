// SPDX-License-Identifier: GPL-2.0
/*
 * RLIMIT_MSGQUEUE: bytes of queue space charged to the user who created
 * each queue (its real uid, as Linux charges), checked against the
 * creator's limit at creation and given back when the queue is freed.
 * Linux keeps this count in the user's ucounts, which modules cannot
 * reach, so the module keeps its own per-user counters.
 *
 * users_lock protects the hash table and every counter.
 */
#include <linux/cred.h>
#include <linux/hashtable.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <peios/mq_limits.h>

struct peios_mq_user {
	struct hlist_node node;
	kuid_t uid;
	unsigned long bytes;
	unsigned int queues;	/* charges held; the entry goes at 0 */
};

static DEFINE_HASHTABLE(users, 6);
static DEFINE_SPINLOCK(users_lock);

static struct peios_mq_user *find(kuid_t uid)
{
	struct peios_mq_user *u;

	hash_for_each_possible(users, u, node, __kuid_val(uid))
		if (uid_eq(u->uid, uid))
			return u;
	return NULL;
}

int peios_mq_charge(unsigned long bytes, struct peios_mq_user **user)
{
	struct peios_mq_user *u, *fresh;
	unsigned long limit = rlimit(RLIMIT_MSGQUEUE);
	kuid_t uid = current_uid();
	int ret = 0;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	spin_lock(&users_lock);
	u = find(uid);
	if (!u) {
		u = fresh;
		fresh = NULL;
		u->uid = uid;
		hash_add(users, &u->node, __kuid_val(uid));
	}
	if (u->bytes + bytes < u->bytes || u->bytes + bytes > limit) {
		ret = -EMFILE;
	} else {
		u->bytes += bytes;
		u->queues++;
		*user = u;
	}
	if (!u->queues) {
		hash_del(&u->node);
		kfree(u);	/* only ever the fresh one */
	}
	spin_unlock(&users_lock);
	kfree(fresh);
	return ret;
}

void peios_mq_uncharge(struct peios_mq_user *u, unsigned long bytes)
{
	spin_lock(&users_lock);
	u->bytes -= bytes;
	if (!--u->queues) {
		hash_del(&u->node);
		kfree(u);
	}
	spin_unlock(&users_lock);
}
