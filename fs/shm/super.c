// SPDX-License-Identifier: GPL-2.0
/*
 * The "peios_shm" filesystem, mounted at /dev/shm: POSIX shared memory
 * objects and named semaphores in one flat directory, each file gated by
 * its Peios security descriptor (fs/base/object.c) and backed by shmem.
 * This file has its superblocks; namei.c its names, file.c its files and
 * sem_ioctl.c the semaphore protocol.
 *
 * Backing: every superblock owns a private tmpfs instance (sbi->backing,
 * mounted from inside the kernel with the size= option of our mount), and
 * every regular file owns one unlinked shmem file on it, made at create
 * time (namei.c).  The tmpfs instance enforces size= (ENOSPC) and charges
 * the pages to the memory cgroup of whoever faults or writes them; the
 * pages go when the last opener, mapper and name are gone.  nr_inodes= is
 * counted here, as tmpfs counts it: the root, each file and each extra
 * hard link take one.
 *
 * Locking: sbi->lock protects the inode count.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <peios/compat.h>
#include <peios/fs.h>
#include "internal.h"

struct shm_fs_context {
	struct peios_sd_opt sd;
	char *size;			/* size=, handed to tmpfs as given */
	unsigned long nr_inodes;
	bool nr_inodes_set;
};

/* --- nr_inodes ------------------------------------------------------------ */

int shm_reserve_inode(struct super_block *sb)
{
	struct shm_sb_info *sbi = SHM_SB(sb);
	int ret = 0;

	spin_lock(&sbi->lock);
	if (sbi->max_inodes && sbi->used_inodes >= sbi->max_inodes)
		ret = -ENOSPC;
	else
		sbi->used_inodes++;
	spin_unlock(&sbi->lock);
	return ret;
}

void shm_release_inode(struct super_block *sb)
{
	struct shm_sb_info *sbi = SHM_SB(sb);

	spin_lock(&sbi->lock);
	sbi->used_inodes--;
	spin_unlock(&sbi->lock);
}

/* --- inodes and the superblock -------------------------------------------- */

/*
 * The last name and the last opener are gone.  Mappings hold the backing
 * file themselves, so its pages live on until the last munmap.
 */
static void shm_evict_inode(struct inode *inode)
{
	struct shm_inode *si = SHM_I(inode);

	truncate_inode_pages_final(&inode->i_data);
	clear_inode(inode);
	if (si->shmem)
		fput(si->shmem);
	si->shmem = NULL;
	if (si->counted)
		shm_release_inode(inode->i_sb);
}

static int shm_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct shm_sb_info *sbi = SHM_SB(dentry->d_sb);
	struct path backing = { .mnt = sbi->backing,
				.dentry = sbi->backing->mnt_root };
	int ret;

	/* Blocks from the backing tmpfs; inodes are counted here. */
	ret = vfs_statfs(&backing, buf);
	if (ret)
		return ret;
	buf->f_type = PEIOS_SHM_MAGIC;
	buf->f_files = 0;
	buf->f_ffree = 0;
	spin_lock(&sbi->lock);
	if (sbi->max_inodes) {
		buf->f_files = sbi->max_inodes;
		buf->f_ffree = sbi->max_inodes - sbi->used_inodes;
	}
	spin_unlock(&sbi->lock);
	return 0;
}

static int shm_show_options(struct seq_file *m, struct dentry *root)
{
	struct shm_sb_info *sbi = SHM_SB(root->d_sb);

	if (sbi->max_inodes)
		seq_printf(m, ",nr_inodes=%lu", sbi->max_inodes);
	return 0;
}

static const struct super_operations shm_super_ops = {
	.alloc_inode = peios_alloc_inode,
	.free_inode = peios_free_inode,
	.evict_inode = shm_evict_inode,
	.statfs = shm_statfs,
	.show_options = shm_show_options,
};

/* --- mounts and mount options --------------------------------------------- */

/* A private tmpfs instance with our size= (tmpfs's default otherwise). */
static struct vfsmount *backing_mount(const char *size)
{
	struct file_system_type *tmpfs = get_fs_type("tmpfs");
	struct fs_context *fc;
	struct vfsmount *mnt;
	int ret = 0;

	/* tmpfs is built in: no module reference to drop. */
	if (!tmpfs)
		return ERR_PTR(-ENODEV);
	fc = fs_context_for_mount(tmpfs, 0);
	if (IS_ERR(fc))
		return ERR_CAST(fc);
	/* Inodes are counted by peios_shm, as tmpfs would count them. */
	ret = vfs_parse_fs_string(fc, "nr_inodes", "0");
	if (!ret && size)
		ret = vfs_parse_fs_string(fc, "size", size);
	mnt = ret ? ERR_PTR(ret) : fc_mount_longterm(fc);
	put_fs_context(fc);
	return mnt;
}

/* tmpfs's default nr_inodes: one per page of half the RAM. */
static unsigned long default_max_inodes(void)
{
	return totalram_pages() / 2;
}

static int shm_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct shm_fs_context *ctx = fc->fs_private;
	struct shm_sb_info *sbi;
	int ret;

	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sbi)
		return -ENOMEM;
	spin_lock_init(&sbi->lock);
	sbi->max_inodes = ctx->nr_inodes_set ? ctx->nr_inodes :
			  default_max_inodes();
	sb->s_fs_info = sbi;
	sbi->backing = backing_mount(ctx->size);
	if (IS_ERR(sbi->backing)) {
		ret = PTR_ERR(sbi->backing);
		sbi->backing = NULL;
		return invalf(fc, "peios_shm: bad size= (%d)", ret);
	}
	sb->s_iflags |= SB_I_NODEV;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_time_gran = 1;

	/* The root takes one of nr_inodes, as on tmpfs. */
	if (shm_reserve_inode(sb))
		return invalf(fc, "peios_shm: nr_inodes= leaves no room");
	ret = peios_fill_super(sb, PEIOS_SHM_MAGIC, &shm_super_ops,
			       &shm_dir_iops, &ctx->sd);
	if (ret) {
		shm_release_inode(sb);
		return ret;
	}
	SHM_I(d_inode(sb->s_root))->counted = true;
	return 0;
}

static int shm_get_tree(struct fs_context *fc)
{
	return get_tree_nodev(fc, shm_fill_super);
}

/*
 * remount: sd= replaces the root's descriptor and nr_inodes= may change
 * (not below what is in use); size= cannot, since the backing tmpfs can
 * only be reconfigured from inside the VFS.
 */
static int shm_reconfigure(struct fs_context *fc)
{
	struct shm_fs_context *ctx = fc->fs_private;
	struct super_block *sb = fc->root->d_sb;
	struct shm_sb_info *sbi = SHM_SB(sb);
	int ret = 0;

	if (ctx->size)
		return invalf(fc, "peios_shm: size= cannot change on remount");
	if (ctx->nr_inodes_set) {
		spin_lock(&sbi->lock);
		if (ctx->nr_inodes && ctx->nr_inodes < sbi->used_inodes)
			ret = -EINVAL;
		else
			sbi->max_inodes = ctx->nr_inodes;
		spin_unlock(&sbi->lock);
		if (ret)
			return invalf(fc, "peios_shm: nr_inodes= below inodes in use");
	}
	return peios_sd_opt_apply(&ctx->sd, fc->root);
}

enum { OPT_SD, OPT_SIZE, OPT_NR_INODES };

static const struct fs_parameter_spec shm_params[] = {
	fsparam_string("sd", OPT_SD),
	fsparam_string("size", OPT_SIZE),
	fsparam_string("nr_inodes", OPT_NR_INODES),
	{}
};

static int shm_parse_param(struct fs_context *fc, struct fs_parameter *param)
{
	struct shm_fs_context *ctx = fc->fs_private;
	struct fs_parse_result result;
	unsigned long long n;
	char *rest;
	int opt;

	opt = fs_parse(fc, shm_params, param, &result);
	if (opt < 0)
		return opt;
	switch (opt) {
	case OPT_SD:
		if (peios_sd_opt_parse(&ctx->sd, param->string))
			return invalf(fc, "peios_shm: sd= is not a valid SDDL descriptor");
		break;
	case OPT_SIZE:
		/* tmpfs parses it (k, m, g, %), at mount. */
		kfree(ctx->size);
		ctx->size = param->string;
		param->string = NULL;
		break;
	case OPT_NR_INODES:
		/* As tmpfs: a number with an optional k, m or g. */
		n = memparse(param->string, &rest);
		if (*rest || n > ULONG_MAX)
			return invalf(fc, "peios_shm: bad nr_inodes=");
		ctx->nr_inodes = n;
		ctx->nr_inodes_set = true;
		break;
	}
	return 0;
}

static void shm_free_fc(struct fs_context *fc)
{
	struct shm_fs_context *ctx = fc->fs_private;

	if (ctx) {
		peios_sd_opt_free(&ctx->sd);
		kfree(ctx->size);
	}
	kfree(ctx);
}

static const struct fs_context_operations shm_context_ops = {
	.get_tree = shm_get_tree,
	.reconfigure = shm_reconfigure,
	.parse_param = shm_parse_param,
	.free = shm_free_fc,
};

static int shm_init_fs_context(struct fs_context *fc)
{
	fc->fs_private = kzalloc(sizeof(struct shm_fs_context), GFP_KERNEL);
	if (!fc->fs_private)
		return -ENOMEM;
	fc->ops = &shm_context_ops;
	return 0;
}

static void shm_kill_sb(struct super_block *sb)
{
	struct shm_sb_info *sbi = SHM_SB(sb);

	/* Evicting our inodes drops their backing files first. */
	peios_compat_kill_super(sb);
	if (sbi && sbi->backing)
		kern_unmount(sbi->backing);
	kfree(sbi);
}

static struct peios_fs_type shm_fs_type = {
	.type = {
		.owner		 = THIS_MODULE,
		.name		 = "peios_shm",
		.init_fs_context = shm_init_fs_context,
		.parameters	 = shm_params,
		.kill_sb	 = shm_kill_sb,
	},
	.inode_cache_name = "peios_shm_inode",
	.inode_size = sizeof(struct shm_inode),
};

int peios_shm_fs_init(void)
{
	int ret;

	ret = shm_open_cache_init();
	if (ret)
		return ret;
	ret = peios_fs_register(&shm_fs_type);
	if (ret)
		goto undo_open_cache;
	return 0;

undo_open_cache:
	shm_open_cache_exit();
	return ret;
}

void peios_shm_fs_exit(void)
{
	peios_fs_unregister(&shm_fs_type);
	shm_open_cache_exit();
}
