// SPDX-License-Identifier: GPL-2.0
/*
 * The superblock and inode plumbing of both filesystems, written once:
 * each one's inode cache and registration, inode allocation, new inodes,
 * and the root directory with its descriptor from sd= or the default.
 * What the two do differently (queues, backing tmpfs, inode counting)
 * stays in fs/mqueue and fs/shm.
 *
 * Locking: none of its own.  A new inode is private to its creator until
 * the caller makes it visible; a root's later sd= goes through
 * peios_object_replace_sd().
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <peios/object.h>
#include <peios/super.h>

static struct peios_fs_type *peios_fs_of(const struct super_block *sb)
{
	return container_of(sb->s_type, struct peios_fs_type, type);
}

static void peios_inode_init_once(void *p)
{
	struct peios_inode *pi = p;

	inode_init_once(&pi->vfs_inode);
}

/*
 * Standing in for the kernel's own type of a name (mqueue on a kernel
 * with CONFIG_POSIX_MQUEUE=y, every distribution kernel).
 *
 * Such a kernel registered its "mqueue" at boot, so register_filesystem()
 * finds the name taken.  While the module is loaded the kernel's type is
 * unregistered and ours registered in its place, so `mount -t mqueue`
 * (systemd's dev-mqueue.mount, peios-ipcctl load) mounts the module's
 * filesystem; unload puts the kernel's type back.  Only the lookup by
 * name changes hands:
 *  - superblocks the kernel made before the load keep their type and
 *    keep working: a /dev/mqueue mounted at boot stays the kernel's until
 *    unmounted, and its queues are untouched;
 *  - the kernel makes each IPC namespace's internal mount from its type
 *    directly, not by name, so its own mq_* code is unaffected (and while
 *    the syscalls are redirected nothing reaches it).
 * Only a type of the kernel's own (no owner) is taken over: one that a
 * module registered is another implementation, and we refuse.  Between
 * the two calls neither type is registered; a mount in that instant fails
 * with ENODEV, as it would a moment before the load.
 */
static int stand_in(struct peios_fs_type *fst)
{
	struct file_system_type *theirs;
	int ret;

	/*
	 * get_fs_type() takes a reference on the owner; a built-in type has
	 * none, so there is nothing to put (put_filesystem() is not
	 * exported).  A module's type goes straight back.
	 */
	theirs = get_fs_type(fst->type.name);
	if (!theirs)
		return -EBUSY;
	if (theirs->owner) {
		pr_err("peios_ipc: \"%s\" belongs to module %s; refusing to load\n",
		       fst->type.name, module_name(theirs->owner));
		module_put(theirs->owner);
		return -EBUSY;
	}
	ret = unregister_filesystem(theirs);
	if (ret)
		return ret;
	ret = register_filesystem(&fst->type);
	if (ret) {
		if (register_filesystem(theirs))
			pr_err("peios_ipc: could not give \"%s\" back to the kernel\n",
			       fst->type.name);
		return ret;
	}
	fst->displaced = theirs;
	pr_info("peios_ipc: serving \"%s\" in place of the kernel's own until unloaded\n",
		fst->type.name);
	return 0;
}

static void give_back(struct peios_fs_type *fst)
{
	if (!fst->displaced)
		return;
	if (register_filesystem(fst->displaced))
		pr_err("peios_ipc: could not give \"%s\" back to the kernel\n",
		       fst->type.name);
	fst->displaced = NULL;
}

int peios_fs_register(struct peios_fs_type *fst)
{
	int ret;

	fst->inode_cache = kmem_cache_create(fst->inode_cache_name,
					     fst->inode_size, 0, SLAB_ACCOUNT,
					     peios_inode_init_once);
	if (!fst->inode_cache)
		return -ENOMEM;
	ret = register_filesystem(&fst->type);
	if (ret == -EBUSY && fst->stands_in)
		ret = stand_in(fst);
	if (ret)
		goto undo_cache;
	return 0;

undo_cache:
	kmem_cache_destroy(fst->inode_cache);
	return ret;
}

void peios_fs_unregister(struct peios_fs_type *fst)
{
	unregister_filesystem(&fst->type);
	give_back(fst);
	/* Inodes are freed after an RCU grace period. */
	rcu_barrier();
	kmem_cache_destroy(fst->inode_cache);
}

struct inode *peios_alloc_inode(struct super_block *sb)
{
	struct peios_fs_type *fst = peios_fs_of(sb);
	struct peios_inode *pi;

	pi = alloc_inode_sb(sb, fst->inode_cache, GFP_KERNEL);
	if (!pi)
		return NULL;
	RCU_INIT_POINTER(pi->sdv, NULL);
	/* The filesystem's own fields: eviction reads them even unset. */
	memset(pi + 1, 0, fst->inode_size - sizeof(*pi));
	return &pi->vfs_inode;
}

void peios_free_inode(struct inode *inode)
{
	peios_object_free_sd(inode);
	kmem_cache_free(peios_fs_of(inode->i_sb)->inode_cache, PEIOS_I(inode));
}

struct inode *peios_new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	simple_inode_init_ts(inode);
	return inode;
}

int peios_sd_opt_parse(struct peios_sd_opt *opt, const char *sddl)
{
	kfree(opt->sd);
	opt->sd = NULL;
	/* Malformed SDDL fails log-free, as every SD input does. */
	if (peios_sd_from_sddl(sddl, &opt->sd, &opt->len))
		return -EINVAL;
	return 0;
}

void peios_sd_opt_free(struct peios_sd_opt *opt)
{
	kfree(opt->sd);
	opt->sd = NULL;
}

int peios_sd_opt_apply(const struct peios_sd_opt *opt, struct dentry *root)
{
	if (!opt->sd)
		return 0;
	return peios_object_replace_sd(d_inode(root), opt->sd, opt->len);
}

/* The root's descriptor: the mount's sd=, or the default. */
static int set_root_sd(struct inode *root, const struct peios_sd_opt *opt)
{
	size_t len;
	u8 *sd;
	int ret;

	if (opt->sd)
		return peios_object_set_sd(root, opt->sd, opt->len);
	ret = peios_sd_from_sddl(peios_default_root_sddl, &sd, &len);
	if (ret)
		return ret;
	ret = peios_object_set_sd(root, sd, len);
	kfree(sd);
	return ret;
}

int peios_fill_super(struct super_block *sb, unsigned long magic,
		     const struct super_operations *sops,
		     const struct inode_operations *dir_iops,
		     const struct peios_sd_opt *opt)
{
	struct inode *root;
	int ret;

	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = magic;
	sb->s_op = sops;
	sb->s_xattr = peios_object_xattr_handlers;

	root = peios_new_inode(sb, S_IFDIR | 0777);
	if (!root)
		return -ENOMEM;
	root->i_op = dir_iops;
	root->i_fop = &simple_dir_operations;
	inc_nlink(root);
	ret = set_root_sd(root, opt);
	if (ret) {
		iput(root);
		return ret;
	}
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}
