// SPDX-License-Identifier: GPL-2.0
/*
 * The "peios_shm" filesystem type, mounted at /dev/shm.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/module.h>
#include <peios/fs.h>

static int shm_fill_super(struct super_block *sb, struct fs_context *fc)
{
	static const struct tree_descr no_files[] = { {""} };

	return simple_fill_super(sb, PEIOS_SHM_MAGIC, no_files);
}

static int shm_get_tree(struct fs_context *fc)
{
	return get_tree_nodev(fc, shm_fill_super);
}

static const struct fs_context_operations shm_context_ops = {
	.get_tree	= shm_get_tree,
};

static int shm_init_fs_context(struct fs_context *fc)
{
	fc->ops = &shm_context_ops;
	return 0;
}

static struct file_system_type shm_fs_type = {
	.owner		 = THIS_MODULE,
	.name		 = "peios_shm",
	.init_fs_context = shm_init_fs_context,
	.kill_sb	 = kill_anon_super,
};

int peios_shm_fs_init(void)
{
	return register_filesystem(&shm_fs_type);
}

void peios_shm_fs_exit(void)
{
	unregister_filesystem(&shm_fs_type);
}
