// SPDX-License-Identifier: GPL-2.0
/*
 * peios_ipc: POSIX message queues and named semaphores whose every use is
 * decided by a Peios security descriptor.
 *
 * Load order: the filesystems first (on a kernel with message queues of its
 * own, "mqueue" is taken over until unload), then the syscall redirection, which
 * makes the module reachable from user space.  Unload runs in reverse.
 */
#include <linux/module.h>
#include <peios/fs.h>
#include <peios/identity_tables.h>
#include <peios/new_sd.h>
#include <peios/mq_limits.h>
#include <peios/mq.h>

static int __init peios_ipc_init(void)
{
	int ret;

	if (!IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_ARGS) &&
	    !IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS)) {
		pr_err("peios_ipc: kernel lacks CONFIG_DYNAMIC_FTRACE_WITH_ARGS or _WITH_REGS, needed to serve the mq_* syscalls; refusing to load\n");
		return -EOPNOTSUPP;
	}
	ret = peios_identity_fs_init();
	if (ret)
		return ret;
	ret = peios_mqueue_fs_init();
	if (ret)
		goto undo_identity;
	ret = peios_mq_sysctl_init();
	if (ret)
		goto undo_mqueue_fs;
	ret = peios_shm_fs_init();
	if (ret)
		goto undo_sysctl;
	ret = peios_syscalls_init();
	if (ret)
		goto undo_shm_fs;
	pr_info("peios_ipc: %s loaded\n", PEIOS_VERSION);
	return 0;

undo_shm_fs:
	peios_shm_fs_exit();
undo_sysctl:
	peios_mq_sysctl_exit();
undo_mqueue_fs:
	peios_mqueue_fs_exit();
undo_identity:
	peios_identity_fs_exit();
	return ret;
}

static void __exit peios_ipc_exit(void)
{
	peios_syscalls_exit();
	peios_shm_fs_exit();
	peios_mq_sysctl_exit();
	peios_mqueue_fs_exit();
	peios_new_sd_flush();
	peios_identity_fs_exit();
	pr_info("peios_ipc: unloaded\n");
}

module_init(peios_ipc_init);
module_exit(peios_ipc_exit);
MODULE_LICENSE("GPL");
MODULE_VERSION(PEIOS_VERSION);
MODULE_DESCRIPTION("Peios POSIX IPC: SD-gated message queues and semaphores");
