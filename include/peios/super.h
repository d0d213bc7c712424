/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The plumbing every Peios filesystem shares (fs/base/super.c): its inode
 * cache and registration, new inodes, and a root directory carrying the
 * mount's sd= descriptor or the default one.
 *
 * A filesystem's inode structure starts with struct peios_inode; its own
 * fields follow and start zeroed.
 */
#ifndef _PEIOS_SUPER_H
#define _PEIOS_SUPER_H

#include <linux/fs.h>
#include <linux/slab.h>

struct peios_fs_type {
	struct file_system_type type;	/* what register_filesystem() sees */
	const char *inode_cache_name;
	size_t inode_size;		/* the whole inode structure */
	struct kmem_cache *inode_cache;
	/*
	 * Whether the name may be taken over from the kernel's own type of
	 * that name (mqueue on a CONFIG_POSIX_MQUEUE=y kernel), and that
	 * type while ours stands in for it.
	 */
	bool stands_in;
	struct file_system_type *displaced;
};

/*
 * Create the inode cache and register (standing in for the kernel's own
 * type of the name if @fst->stands_in); undo both.
 */
int peios_fs_register(struct peios_fs_type *fst);
void peios_fs_unregister(struct peios_fs_type *fst);

/* super_operations ->alloc_inode and ->free_inode. */
struct inode *peios_alloc_inode(struct super_block *sb);
void peios_free_inode(struct inode *inode);

/* A new inode of @mode (type and permission bits), times set to now. */
struct inode *peios_new_inode(struct super_block *sb, umode_t mode);

/* The sd= mount option, in binary; NULL when not given. */
struct peios_sd_opt {
	u8 *sd;
	size_t len;
};

/* -EINVAL, with nothing logged, for a malformed descriptor. */
int peios_sd_opt_parse(struct peios_sd_opt *opt, const char *sddl);
void peios_sd_opt_free(struct peios_sd_opt *opt);
/* A later mount's or a remount's sd=: replaces the root's descriptor. */
int peios_sd_opt_apply(const struct peios_sd_opt *opt, struct dentry *root);

/*
 * What both fill_super()s share: page-sized blocks, @magic, @sops, the
 * descriptor xattr, and a root directory with @dir_iops whose descriptor
 * is @opt's or peios_default_root_sddl.
 */
int peios_fill_super(struct super_block *sb, unsigned long magic,
		     const struct super_operations *sops,
		     const struct inode_operations *dir_iops,
		     const struct peios_sd_opt *opt);

#endif /* _PEIOS_SUPER_H */
