/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What both filesystems share: every inode carries a Peios security
 * descriptor, and every open file the mask its open was granted.
 *
 * The descriptor is kept parsed (compact form plus the raw bytes) and is
 * replaced as a whole under RCU, so checks never parse and never lock.
 * Writers (xattr, chmod, chown) hold the inode lock.
 */
#ifndef _PEIOS_OBJECT_H
#define _PEIOS_OBJECT_H

#include <linux/fs.h>
#include <linux/rcupdate.h>
#include <peios/hook.h>

struct peios_sdv;			/* one version of a descriptor */

struct peios_inode {
	struct peios_sdv __rcu *sdv;
	struct inode vfs_inode;
};

static inline struct peios_inode *PEIOS_I(const struct inode *inode)
{
	return container_of(inode, struct peios_inode, vfs_inode);
}

/*
 * What an open was granted is kept in its file's private_data, in one of
 * two forms that peios_file_granted() reads alike.  A filesystem that
 * keeps nothing else per open stores the mask in place
 * (peios_file_keep_granted(): mqueue, whose mq_open allocates nothing per
 * open).  One that keeps more points private_data at its own per-open
 * structure, which starts with struct peios_open (peios_shm).  Such a
 * structure is at least 4-byte aligned, so bit 0 tells the two apart.  A
 * file whose ->open never ran (O_PATH) has NULL, and is granted nothing.
 */
struct peios_open {
	u32 granted;
};

#define PEIOS_GRANT_IN_PLACE	1UL

static_assert(sizeof(uintptr_t) > sizeof(u32),
	      "an in-place grant needs a spare bit above the mask");

static inline void peios_file_keep_granted(struct file *file, u32 granted)
{
	file->private_data = (void *)(((uintptr_t)granted << 1) |
				      PEIOS_GRANT_IN_PLACE);
}

static inline u32 peios_file_granted(const struct file *file)
{
	uintptr_t v = (uintptr_t)file->private_data;

	if (v & PEIOS_GRANT_IN_PLACE)
		return v >> 1;
	return v ? ((const struct peios_open *)v)->granted : 0;
}

/* A handle check: does @file's grant hold @required for @op? */
static inline int peios_file_check(const struct file *file, enum peios_op op,
				   u32 required)
{
	return peios_hook_handle(file_inode(file)->i_ino, op,
				 peios_file_granted(file), required);
}

/*
 * Descriptors of new inodes nobody else sees yet: given, or created
 * from parent and mode.
 */
int peios_object_set_sd(struct inode *inode, const u8 *sd, size_t len);
/* Replace the descriptor of a live inode (e.g. a root's sd= on remount). */
int peios_object_replace_sd(struct inode *inode, const u8 *sd, size_t len);
int peios_object_create_sd(struct inode *dir, struct inode *inode,
			   umode_t mode, const struct peios_identity *id);
void peios_object_free_sd(struct inode *inode);
/* The raw bytes of @inode's descriptor, copied; caller kfree()s. */
u8 *peios_object_copy_sd(struct inode *inode, size_t *len);

/* Live checks; @id is the caller. */
int peios_object_check(struct inode *inode, enum peios_op op,
		       const struct peios_identity *id, u32 required,
		       u32 optional, u32 *granted);
int peios_object_may_create(struct inode *dir,
			    const struct peios_identity *id);
int peios_object_may_delete(struct inode *dir, struct inode *inode,
			    const struct peios_identity *id);
int peios_object_may_link(struct inode *dir, struct inode *inode,
			  const struct peios_identity *id);

/* The check an open makes and what it records (see fs/base/object.c). */
int peios_object_open_granted(struct inode *inode, const struct file *file,
			      bool creator, u32 *granted);

/* Legacy open: rights for O_ACCMODE and O_TRUNC, plus compatibility. */
u32 peios_open_required(unsigned int f_flags);
#define PEIOS_OPEN_COMPAT (PEIOS_FILE_READ_ATTRIBUTES | PEIOS_FILE_READ_EA | \
			   PEIOS_READ_CONTROL | PEIOS_FILE_WRITE_ATTRIBUTES | \
			   PEIOS_FILE_WRITE_EA | PEIOS_WRITE_DAC |	     \
			   PEIOS_WRITE_OWNER | PEIOS_SYNCHRONIZE)

/* Inode operations shared by both filesystems. */
int peios_object_permission(struct mnt_idmap *idmap, struct inode *inode,
			    int mask);
int peios_object_getattr(struct mnt_idmap *idmap, const struct path *path,
			 struct kstat *stat, u32 request_mask,
			 unsigned int flags);
int peios_object_setattr(struct mnt_idmap *idmap, struct dentry *dentry,
			 struct iattr *attr);
extern const struct xattr_handler *const peios_object_xattr_handlers[];
/* The inode operations of a file that has no others. */
extern const struct inode_operations peios_object_file_iops;
/* ->unlink's check (DELETE, or FILE_DELETE_CHILD), and ->unlink itself. */
int peios_object_may_unlink(struct inode *dir, struct dentry *dentry);
int peios_object_unlink(struct inode *dir, struct dentry *dentry);

/* The root directories' default descriptor and the sd= mount option. */
extern const char peios_default_root_sddl[];
int peios_sd_from_sddl(const char *sddl, u8 **sd, size_t *len);

#endif /* _PEIOS_OBJECT_H */
