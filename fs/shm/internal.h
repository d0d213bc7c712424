/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the peios_shm filesystem share: super.c (superblocks,
 * the backing tmpfs, nr_inodes), namei.c (names), file.c (a file's
 * attributes and operations, forwarded to its backing shmem file) and
 * sem_ioctl.c (the semaphore ioctls).
 */
#ifndef _FS_SHM_INTERNAL_H
#define _FS_SHM_INTERNAL_H

#include <linux/fs.h>
#include <linux/spinlock.h>
#include <peios/object.h>
#include <peios/super.h>

struct shm_sb_info {
	struct vfsmount *backing;	/* private tmpfs: pages and size= */
	spinlock_t lock;		/* protects the two counts below */
	unsigned long max_inodes;	/* 0: unlimited */
	unsigned long used_inodes;
};

struct shm_inode {
	struct peios_inode pi;		/* descriptor and VFS inode: first */
	struct file *shmem;		/* backing file (regular files) */
	bool sem;			/* ever named sem.* */
	bool counted;			/* holds one of nr_inodes */
};

static_assert(offsetof(struct shm_inode, pi) == 0,
	      "fs/base/super.c allocates inodes that start with peios_inode");

/* Per open file: the granted mask and the waiters this open counted. */
struct shm_open {
	struct peios_open base;		/* first: peios_file_granted() */
	atomic_t sem_waiters;
};

static inline struct shm_inode *SHM_I(const struct inode *inode)
{
	return container_of(PEIOS_I(inode), struct shm_inode, pi);
}

static inline struct shm_sb_info *SHM_SB(const struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct file *backing_of(const struct file *file)
{
	return SHM_I(file_inode(file))->shmem;
}

/* nr_inodes: each inode and each extra name holds one (super.c). */
int shm_reserve_inode(struct super_block *sb);
void shm_release_inode(struct super_block *sb);

extern const struct inode_operations shm_dir_iops;
extern const struct inode_operations shm_file_iops;
extern const struct file_operations shm_file_ops;

/* The per-open cache (file.c). */
int shm_open_cache_init(void);
void shm_open_cache_exit(void);

/* Semaphore files (sem_ioctl.c). */
long shm_sem_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
/* A closed descriptor's leftover waiters, uncounted from the word. */
void shm_sem_release_waiters(struct file *file, u32 n);

#endif /* _FS_SHM_INTERNAL_H */
