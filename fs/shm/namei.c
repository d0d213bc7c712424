// SPDX-License-Identifier: GPL-2.0
/*
 * The names of the peios_shm filesystem: one flat directory of shared
 * memory objects and semaphores.  Creating a file makes its backing shmem
 * file on the superblock's tmpfs; a file that ever had a name "sem.*" is a
 * semaphore (sem_ioctl.c).  Every operation passes the security hook
 * through fs/base/object.c.
 *
 * Locking: the directory's inode lock (taken by the VFS) serialises
 * creating, linking, renaming and removing names.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/string.h>
#include <linux/xattr.h>
#include <peios/compat.h>
#include <peios/identity.h>
#include "internal.h"

#define SEM_PREFIX "sem."

static bool sem_name(const struct dentry *dentry)
{
	return !strncmp(dentry->d_name.name, SEM_PREFIX, strlen(SEM_PREFIX));
}

/*
 * A new shared memory object: FILE_ADD_FILE on the directory, a free
 * inode, a backing shmem file, and the descriptor from the mode and the
 * directory's inheritable ACEs.  Nothing is left behind on failure.
 */
static int shm_vfs_create(PEIOS_CREATE_PARAMS(idmap, dir, dentry, mode))
{
	struct super_block *sb = dir->i_sb;
	struct peios_identity *id;
	struct shm_inode *si;
	struct inode *inode;
	struct file *shmem;
	int ret;

	id = peios_identity_current();
	if (!id)
		return -ENOMEM;
	ret = peios_object_may_create(dir, id);
	if (ret)
		goto out;
	ret = shm_reserve_inode(sb);
	if (ret)
		goto out;
	inode = peios_new_inode(sb, S_IFREG | (mode & 0777));
	if (!inode) {
		shm_release_inode(sb);
		ret = -ENOMEM;
		goto out;
	}
	si = SHM_I(inode);
	/* From here on eviction undoes what is set up. */
	si->counted = true;
	si->sem = sem_name(dentry);
	inode->i_op = &shm_file_iops;
	inode->i_fop = &shm_file_ops;
	shmem = shmem_file_setup_with_mnt(SHM_SB(sb)->backing, "peios_shm", 0,
					  PEIOS_SHMEM_NORESERVE);
	if (IS_ERR(shmem)) {
		ret = PTR_ERR(shmem);
		goto undo_inode;
	}
	/* Reads and writes go through us; the SD decided access. */
	shmem->f_flags |= O_LARGEFILE;
	file_inode(shmem)->i_flags |= S_PRIVATE;
	si->shmem = shmem;
	ret = peios_object_create_sd(dir, inode, mode, id);
	if (ret)
		goto undo_inode;
	inode_set_mtime_to_ts(dir, inode_set_ctime_current(dir));
	d_make_persistent(dentry, inode);
	goto out;

undo_inode:
	iput(inode);
out:
	peios_identity_put(id);
	return ret;
}

/*
 * link(2): FILE_ADD_FILE on the directory and FILE_WRITE_ATTRIBUTES on the
 * object; the new name takes one of nr_inodes, as on tmpfs.
 */
static int shm_vfs_link(struct dentry *old_dentry, struct inode *dir,
			struct dentry *dentry)
{
	struct inode *inode = d_inode(old_dentry);
	struct peios_identity *id = peios_identity_current();
	int ret;

	if (!id)
		return -ENOMEM;
	ret = peios_object_may_link(dir, inode, id);
	peios_identity_put(id);
	if (ret)
		return ret;
	ret = shm_reserve_inode(dir->i_sb);
	if (ret)
		return ret;
	if (sem_name(dentry))
		SHM_I(inode)->sem = true;
	return simple_link(old_dentry, dir, dentry);
}

/* Removing a name; the last one's inode count goes at eviction. */
static int shm_remove_name(struct inode *dir, struct dentry *dentry)
{
	if (d_inode(dentry)->i_nlink > 1)
		shm_release_inode(dir->i_sb);
	return simple_unlink(dir, dentry);
}

static int shm_vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	int ret = peios_object_may_unlink(dir, dentry);

	return ret ? ret : shm_remove_name(dir, dentry);
}

/*
 * rename(2) is an unlink of the old name plus a create of the new one,
 * plus an unlink of a name it replaces.  RENAME_EXCHANGE is both names
 * removed and both created.  All checks pass before anything changes.
 */
static int shm_rename_check(struct inode *old_dir, struct dentry *old_dentry,
			    struct inode *new_dir, struct dentry *new_dentry,
			    unsigned int flags)
{
	struct peios_identity *id = peios_identity_current();
	struct inode *target = d_inode(new_dentry);
	int ret;

	if (!id)
		return -ENOMEM;
	ret = peios_object_may_delete(old_dir, d_inode(old_dentry), id);
	if (!ret)
		ret = peios_object_may_create(new_dir, id);
	if (!ret && target)
		ret = peios_object_may_delete(new_dir, target, id);
	if (!ret && (flags & RENAME_EXCHANGE))
		ret = peios_object_may_create(old_dir, id);
	peios_identity_put(id);
	return ret;
}

static int shm_vfs_rename(struct mnt_idmap *idmap, struct inode *old_dir,
			  struct dentry *old_dentry, struct inode *new_dir,
			  struct dentry *new_dentry, unsigned int flags)
{
	struct inode *target = d_inode(new_dentry);
	int ret;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	ret = shm_rename_check(old_dir, old_dentry, new_dir, new_dentry,
			       flags);
	if (ret)
		return ret;
	if (flags & RENAME_EXCHANGE) {
		if (sem_name(new_dentry))
			SHM_I(d_inode(old_dentry))->sem = true;
		if (sem_name(old_dentry))
			SHM_I(target)->sem = true;
		return simple_rename_exchange(old_dir, old_dentry, new_dir,
					      new_dentry);
	}
	if (target) {
		ret = shm_remove_name(new_dir, new_dentry);
		if (ret)
			return ret;
	}
	if (sem_name(new_dentry))
		SHM_I(d_inode(old_dentry))->sem = true;
	simple_rename_timestamp(old_dir, old_dentry, new_dir, new_dentry);
	return 0;
}

const struct inode_operations shm_dir_iops = {
	.lookup = simple_lookup,
	.create = shm_vfs_create,
	.link = shm_vfs_link,
	.unlink = shm_vfs_unlink,
	.rename = shm_vfs_rename,
	.permission = peios_object_permission,
	.getattr = peios_object_getattr,
	.setattr = peios_object_setattr,
	.listxattr = generic_listxattr,
};
