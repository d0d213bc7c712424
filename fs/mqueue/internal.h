/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the mqueue filesystem share: super.c (superblocks and
 * mounts), namei.c (queues and their names) and file.c (queue files and
 * their notification registration).
 */
#ifndef _FS_MQUEUE_INTERNAL_H
#define _FS_MQUEUE_INTERNAL_H

#include <linux/fs.h>
#include <peios/mqueue_fs.h>
#include <peios/super.h>

#define MQ_STATUS_LEN 80	/* the read(2) status line, and i_size */

static_assert(offsetof(struct mq_inode, pi) == 0,
	      "fs/base/super.c allocates inodes that start with peios_inode");

extern struct peios_fs_type mqueue_fs_type;
extern const struct inode_operations mq_dir_iops;
extern const struct file_operations mq_file_ops;

static inline struct peios_mq_ns *sb_ns(const struct super_block *sb)
{
	return sb->s_fs_info;
}

/* super_operations ->evict_inode: undoes what creating a queue set up. */
void mq_evict_inode(struct inode *inode);
/* Drop a queue's registration, whoever made it; takes the queue lock. */
void mq_notify_drop(struct mq_inode *mi);

#endif /* _FS_MQUEUE_INTERNAL_H */
