// SPDX-License-Identifier: GPL-2.0
/*
 * The "mqueue" filesystem type.
 *
 * Registering the name doubles as the check that the kernel has no POSIX
 * message queues of its own: if "mqueue" is taken, the syscalls are taken
 * too, and the module must not load.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/module.h>
#include <peios/fs.h>

static int mqueue_fill_super(struct super_block *sb, struct fs_context *fc)
{
	static const struct tree_descr no_files[] = { {""} };

	return simple_fill_super(sb, PEIOS_MQUEUE_MAGIC, no_files);
}

static int mqueue_get_tree(struct fs_context *fc)
{
	return get_tree_nodev(fc, mqueue_fill_super);
}

static const struct fs_context_operations mqueue_context_ops = {
	.get_tree	= mqueue_get_tree,
};

static int mqueue_init_fs_context(struct fs_context *fc)
{
	fc->ops = &mqueue_context_ops;
	return 0;
}

static struct file_system_type mqueue_fs_type = {
	.owner		 = THIS_MODULE,
	.name		 = "mqueue",
	.init_fs_context = mqueue_init_fs_context,
	.kill_sb	 = kill_anon_super,
	.fs_flags	 = FS_USERNS_MOUNT,
};

int peios_mqueue_fs_init(void)
{
	int ret = register_filesystem(&mqueue_fs_type);

	if (ret == -EBUSY)
		pr_err("peios_ipc: the kernel already provides POSIX message queues (CONFIG_POSIX_MQUEUE=y); refusing to load\n");
	return ret;
}

void peios_mqueue_fs_exit(void)
{
	unregister_filesystem(&mqueue_fs_type);
}
