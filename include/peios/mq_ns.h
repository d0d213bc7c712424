/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Message queues per IPC namespace.  Each namespace the module has seen
 * gets a struct peios_mq_ns: its limits (the /proc/sys/fs/mqueue values),
 * its queue count, and, while it has queues or a call is using it, an
 * internal mount of the mqueue filesystem that holds its queues whatever
 * is mounted at /dev/mqueue.
 */
#ifndef _PEIOS_MQ_NS_H
#define _PEIOS_MQ_NS_H

#include <linux/list.h>
#include <linux/mount.h>
#include <linux/mutex.h>
#include <linux/refcount.h>

struct ipc_namespace;

/* The /proc/sys/fs/mqueue values of one namespace. */
struct peios_mq_limits {
	int queues_max;
	int msg_max;
	int msgsize_max;
	int msg_default;
	int msgsize_default;
};

struct peios_mq_ns {
	struct list_head link;		/* in the registry */
	refcount_t ref;			/* the registry's, callers', each sb's */
	struct ipc_namespace *ipc_ns;	/* referenced */
	/* Our sysctls (POSIX_MQUEUE=n only): READ_ONCE/WRITE_ONCE */
	struct peios_mq_limits limits;
	atomic_t queues;		/* queue inodes alive */
	struct mutex mnt_lock;		/* protects mnt and mnt_users */
	struct vfsmount *mnt;		/* internal mount, or NULL */
	unsigned int mnt_users;
	bool dead;			/* its namespace died: no more mounts */
	unsigned long idle_since;	/* jiffies; valid when idle */
	struct rcu_head rcu;
};

/*
 * A snapshot of @ns's limits: on a kernel with POSIX message queues the
 * kernel's own per-namespace sysctls (struct ipc_namespace), so sysctl
 * fs.mqueue.* and /etc/sysctl.d keep working; else the module's.
 */
void peios_mq_ns_limits(const struct peios_mq_ns *ns,
			struct peios_mq_limits *l);

/* The caller's namespace, referenced; created on first use. */
struct peios_mq_ns *peios_mq_ns_current(void);
struct peios_mq_ns *peios_mq_ns_get(struct peios_mq_ns *ns);
void peios_mq_ns_put(struct peios_mq_ns *ns);

/*
 * The namespace's internal mount, created when needed, and its release.
 * NULL (nothing to release) once the namespace has died.
 */
struct vfsmount *peios_mq_ns_mount(struct peios_mq_ns *ns);
void peios_mq_ns_unmount(struct peios_mq_ns *ns);

/* Queue accounting; the last queue going lets the mount go. */
void peios_mq_ns_queue_added(struct peios_mq_ns *ns);
void peios_mq_ns_queue_removed(struct peios_mq_ns *ns);

/*
 * Let go of what nothing uses; returns how many namespaces or idle mounts
 * are left to look at again.
 */
unsigned int peios_mq_ns_collect(void);
void peios_mq_ns_exit(void);

/* Provided by the filesystem: a new internal mount for @ns. */
struct vfsmount *peios_mqueue_kern_mount(struct peios_mq_ns *ns);

#endif /* _PEIOS_MQ_NS_H */
