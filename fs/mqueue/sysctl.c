// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/sys/fs/mqueue/{queues_max,msg_max,msgsize_max,msg_default,
 * msgsize_default}, with Linux's defaults and ranges.
 *
 * On a kernel with POSIX message queues (CONFIG_POSIX_MQUEUE=y) these
 * files are the kernel's and struct ipc_namespace holds their values: the
 * module reads them there and registers nothing.
 *
 * Otherwise the module serves them.  Linux keeps one set per IPC
 * namespace through a sysctl table set that modules cannot create.  One
 * global table serves instead: its handler resolves the caller's
 * namespace on every access, so each namespace still reads and writes its
 * own values.
 */
#include <linux/ipc_namespace.h>
#include <linux/kernel.h>
#include <linux/sysctl.h>
#include <peios/mq_limits.h>
#include <peios/mq_ns.h>
#include <peios/mq_queue.h>

#if IS_ENABLED(CONFIG_POSIX_MQUEUE)

void peios_mq_ns_limits(const struct peios_mq_ns *ns,
			struct peios_mq_limits *l)
{
	const struct ipc_namespace *ipc = ns->ipc_ns;

	l->queues_max = READ_ONCE(ipc->mq_queues_max);
	l->msg_max = READ_ONCE(ipc->mq_msg_max);
	l->msgsize_max = READ_ONCE(ipc->mq_msgsize_max);
	l->msg_default = READ_ONCE(ipc->mq_msg_default);
	l->msgsize_default = READ_ONCE(ipc->mq_msgsize_default);
}

int peios_mq_sysctl_init(void)
{
	return 0;
}

void peios_mq_sysctl_exit(void)
{
}

#else

void peios_mq_ns_limits(const struct peios_mq_ns *ns,
			struct peios_mq_limits *l)
{
	l->queues_max = READ_ONCE(ns->limits.queues_max);
	l->msg_max = READ_ONCE(ns->limits.msg_max);
	l->msgsize_max = READ_ONCE(ns->limits.msgsize_max);
	l->msg_default = READ_ONCE(ns->limits.msg_default);
	l->msgsize_default = READ_ONCE(ns->limits.msgsize_default);
}

static int one = 1;
static int msg_hard_max = MQ_HARD_MSGMAX;
static int msgsize_min = 128;
static int msgsize_hard_max = MQ_HARD_MSGSIZEMAX;

static int mq_limit_handler(const struct ctl_table *table, int write,
			    void *buffer, size_t *lenp, loff_t *ppos)
{
	struct peios_mq_ns *ns = peios_mq_ns_current();
	struct ctl_table local = *table;
	int ret;

	if (IS_ERR(ns))
		return PTR_ERR(ns);
	/* .data holds the field's offset inside struct peios_mq_limits. */
	local.data = (char *)&ns->limits + (uintptr_t)table->data;
	ret = proc_dointvec_minmax(&local, write, buffer, lenp, ppos);
	peios_mq_ns_put(ns);
	return ret;
}

#define MQ_LIMIT(_name, _field, _min, _max) {				\
	.procname = _name,						\
	.data = (void *)offsetof(struct peios_mq_limits, _field),	\
	.maxlen = sizeof(int),						\
	.mode = 0644,							\
	.proc_handler = mq_limit_handler,				\
	.extra1 = _min,							\
	.extra2 = _max,							\
}

static const struct ctl_table mq_limits_table[] = {
	/* Linux's queues_max is a plain int: any value, negative = no limit. */
	MQ_LIMIT("queues_max", queues_max, NULL, NULL),
	MQ_LIMIT("msg_max", msg_max, &one, &msg_hard_max),
	MQ_LIMIT("msgsize_max", msgsize_max, &msgsize_min, &msgsize_hard_max),
	MQ_LIMIT("msg_default", msg_default, &one, &msg_hard_max),
	MQ_LIMIT("msgsize_default", msgsize_default, &msgsize_min,
		 &msgsize_hard_max),
};

static struct ctl_table_header *mq_sysctl_header;

int peios_mq_sysctl_init(void)
{
	mq_sysctl_header = register_sysctl("fs/mqueue", mq_limits_table);
	return mq_sysctl_header ? 0 : -ENOMEM;
}

void peios_mq_sysctl_exit(void)
{
	unregister_sysctl_table(mq_sysctl_header);
}

#endif /* CONFIG_POSIX_MQUEUE */
