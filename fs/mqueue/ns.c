// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of IPC namespaces that use message queues.
 *
 * The kernel gives a module no hook when an IPC namespace dies, so the
 * registry holds a reference on each namespace it tracks and lets go of it
 * once the namespace has no active user (no task, no open namespace file).
 *
 * A namespace's queues live in an internal mount of the mqueue
 * filesystem.  A mounted superblock pins the module, so the internal mount
 * is kept only while the namespace has queues or a call is using it, and
 * for a second after that (so a program that creates and removes queues
 * in turn does not mount and unmount each time): a module idle for a
 * second can be unloaded, a module holding queues is busy.
 *
 * A collector (delayed work) does both kinds of letting go; it runs when a
 * namespace appears or loses its last queue, and again every second while
 * something is left to watch.
 *
 * Locks: registry_lock (mutex) protects the list, which lookups walk under
 * RCU; each namespace's mnt_lock protects its mount and mount users.
 */
#include <linux/ipc_namespace.h>
#include <linux/mount.h>
#include <linux/nsproxy.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <peios/compat.h>
#include <peios/mq_ns.h>

#define PEIOS_MQ_COLLECT_DELAY HZ

static LIST_HEAD(registry);
static DEFINE_MUTEX(registry_lock);
static void collect_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(collect_work, collect_work_fn);

/* Linux's defaults (fs/mqueue/sysctl.c, include/linux/ipc_namespace.h). */
static const struct peios_mq_limits default_limits = {
	.queues_max = 256,
	.msg_max = 10,
	.msgsize_max = 8192,
	.msg_default = 10,
	.msgsize_default = 8192,
};

struct peios_mq_ns *peios_mq_ns_get(struct peios_mq_ns *ns)
{
	refcount_inc(&ns->ref);
	return ns;
}

void peios_mq_ns_put(struct peios_mq_ns *ns)
{
	if (refcount_dec_and_test(&ns->ref)) {
		put_ipc_ns(ns->ipc_ns);
		kfree_rcu(ns, rcu);
	}
}

static void collect_soon(void)
{
	mod_delayed_work(system_wq, &collect_work, 0);
}

static struct peios_mq_ns *find_get(struct ipc_namespace *ipc_ns)
{
	struct peios_mq_ns *ns;

	rcu_read_lock();
	list_for_each_entry_rcu(ns, &registry, link) {
		if (ns->ipc_ns == ipc_ns && refcount_inc_not_zero(&ns->ref)) {
			rcu_read_unlock();
			return ns;
		}
	}
	rcu_read_unlock();
	return NULL;
}

static struct peios_mq_ns *create(struct ipc_namespace *ipc_ns)
{
	struct peios_mq_ns *ns = kzalloc(sizeof(*ns), GFP_KERNEL);

	if (!ns)
		return NULL;
	refcount_set(&ns->ref, 2);	/* the registry's and the caller's */
	ns->ipc_ns = get_ipc_ns(ipc_ns);
	ns->limits = default_limits;
	atomic_set(&ns->queues, 0);
	mutex_init(&ns->mnt_lock);
	return ns;
}

struct peios_mq_ns *peios_mq_ns_current(void)
{
	struct ipc_namespace *ipc_ns = current->nsproxy->ipc_ns;
	struct peios_mq_ns *ns = find_get(ipc_ns);
	bool created = false;

	if (ns)
		return ns;
	mutex_lock(&registry_lock);
	ns = find_get(ipc_ns);
	if (!ns) {
		ns = create(ipc_ns);
		if (ns) {
			list_add_tail_rcu(&ns->link, &registry);
			created = true;
		}
	}
	mutex_unlock(&registry_lock);
	if (created)
		collect_soon();
	return ns ? ns : ERR_PTR(-ENOMEM);
}

struct vfsmount *peios_mq_ns_mount(struct peios_mq_ns *ns)
{
	struct vfsmount *mnt;

	mutex_lock(&ns->mnt_lock);
	/*
	 * A dead namespace is off the registry: a mount made now would never
	 * be collected.  Only a user mount left in another namespace's mount
	 * tree can still reach it, and that mount holds the superblock.
	 */
	if (ns->dead) {
		mutex_unlock(&ns->mnt_lock);
		return NULL;
	}
	if (!ns->mnt) {
		mnt = peios_mqueue_kern_mount(ns);
		if (IS_ERR(mnt)) {
			mutex_unlock(&ns->mnt_lock);
			return mnt;
		}
		ns->mnt = mnt;
	}
	ns->mnt_users++;
	mnt = ns->mnt;
	mutex_unlock(&ns->mnt_lock);
	return mnt;
}

static void collect_later(void)
{
	schedule_delayed_work(&collect_work, PEIOS_MQ_COLLECT_DELAY);
}

void peios_mq_ns_unmount(struct peios_mq_ns *ns)
{
	bool idle;

	mutex_lock(&ns->mnt_lock);
	idle = !--ns->mnt_users && !atomic_read(&ns->queues);
	if (idle)
		ns->idle_since = jiffies;
	mutex_unlock(&ns->mnt_lock);
	if (idle)
		collect_later();
}

void peios_mq_ns_queue_added(struct peios_mq_ns *ns)
{
	atomic_inc(&ns->queues);
}

void peios_mq_ns_queue_removed(struct peios_mq_ns *ns)
{
	if (atomic_dec_and_test(&ns->queues)) {
		WRITE_ONCE(ns->idle_since, jiffies);
		collect_later();
	}
}

static bool mount_idle(const struct peios_mq_ns *ns)
{
	return !ns->mnt_users && !atomic_read(&ns->queues);
}

/*
 * Drop the internal mount once it has been idle for the delay, or at once
 * when the namespace is dead (no task can reach its queues any more).
 * Returns whether an idle mount is left to look at again.
 */
static bool release_mount(struct peios_mq_ns *ns, bool dead)
{
	struct vfsmount *mnt = NULL;
	bool again = false;

	mutex_lock(&ns->mnt_lock);
	if (dead)
		ns->dead = true;
	if (ns->mnt && (dead || mount_idle(ns))) {
		if (dead || time_after_eq(jiffies, ns->idle_since +
					  PEIOS_MQ_COLLECT_DELAY)) {
			mnt = ns->mnt;
			ns->mnt = NULL;
		} else {
			again = true;
		}
	}
	mutex_unlock(&ns->mnt_lock);
	if (mnt)
		kern_unmount(mnt);
	return again;
}

unsigned int peios_mq_ns_collect(void)
{
	struct peios_mq_ns *ns, *next;
	unsigned int watched = 0;

	mutex_lock(&registry_lock);
	list_for_each_entry_safe(ns, next, &registry, link) {
		bool init = ns->ipc_ns == &init_ipc_ns;
		bool inactive = !init && peios_compat_ipc_ns_unused(ns->ipc_ns);

		if (release_mount(ns, inactive))
			watched++;
		if (inactive) {
			list_del_rcu(&ns->link);
			peios_mq_ns_put(ns);
		} else if (!init) {
			/* Nothing tells us when it dies: keep looking. */
			watched++;
		}
	}
	mutex_unlock(&registry_lock);
	return watched;
}

static void collect_work_fn(struct work_struct *work)
{
	if (peios_mq_ns_collect())
		schedule_delayed_work(&collect_work, PEIOS_MQ_COLLECT_DELAY);
}

void peios_mq_ns_exit(void)
{
	struct peios_mq_ns *ns, *next;

	cancel_delayed_work_sync(&collect_work);
	/* No mount is left: each would have kept the module busy. */
	mutex_lock(&registry_lock);
	list_for_each_entry_safe(ns, next, &registry, link) {
		list_del_rcu(&ns->link);
		peios_mq_ns_put(ns);
	}
	mutex_unlock(&registry_lock);
	/* kfree_rcu callbacks must not outlive the module. */
	rcu_barrier();
}
