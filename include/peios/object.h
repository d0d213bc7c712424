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

/* Each filesystem's per-open data starts with this. */
struct peios_open {
	u32 granted;
};

static inline u32 peios_file_granted(const struct file *file)
{
	return ((const struct peios_open *)file->private_data)->granted;
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

/* The root directories' default descriptor and the sd= mount option. */
extern const char peios_default_root_sddl[];
int peios_sd_from_sddl(const char *sddl, u8 **sd, size_t *len);

#endif /* _PEIOS_OBJECT_H */
