/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VFS and mm interfaces that changed between Linux 6.12 (Debian 13,
 * RHEL 10) and 7.3, the range the module builds on.
 *
 * The code is written against the newest interface.  Where an interface
 * only appeared later, older kernels get a stand-in under the kernel's own
 * name, with the same behaviour, so call sites do not change; where one
 * changed shape, a peios_compat_ helper or macro covers both.
 *
 * Each cut-off is the upstream release that made the change, as far as its
 * history tells; the module is built against 6.12, 7.2 and 7.3 (Debian's
 * headers) and the project's 7.2, so a boundary between 6.12 and 7.2 is
 * taken from that history, not from a build.
 */
#ifndef PEIOS_COMPAT_H
#define PEIOS_COMPAT_H

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/ipc_namespace.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/stringhash.h>
#include <linux/version.h>

/*
 * ->create lost its "excl" argument in 7.3 (O_EXCL is the VFS's business):
 *   static int f_create(PEIOS_CREATE_PARAMS(idmap, dir, dentry, mode))
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 3, 0)
#define PEIOS_CREATE_PARAMS(idmap, dir, dentry, mode) \
	struct mnt_idmap *idmap, struct inode *dir, struct dentry *dentry, \
	umode_t mode
#else
#define PEIOS_CREATE_PARAMS(idmap, dir, dentry, mode) \
	struct mnt_idmap *idmap, struct inode *dir, struct dentry *dentry, \
	umode_t mode, bool excl
#endif

/*
 * 6.16 replaced lookup_one_len(), which checks MAY_EXEC on the directory,
 * with lookup_noperm(), which does not.  The module's lookups are made on
 * its own behalf (the object's SD is checked at open), so the stand-in
 * must not check either: hash the name as the dcache does (the module's
 * filesystems have no ->d_hash) and look it up; a missing name gives the
 * negative dentry, as lookup_noperm() does.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 16, 0)
static inline struct dentry *lookup_noperm(struct qstr *name,
					   struct dentry *base)
{
	if (!name->len || memchr(name->name, '/', name->len) ||
	    (name->name[0] == '.' &&
	     (name->len == 1 || (name->len == 2 && name->name[1] == '.'))))
		return ERR_PTR(-EACCES);
	name->hash = full_name_hash(base, name->name, name->len);
	return lookup_one_qstr_excl(name, base, LOOKUP_CREATE);
}
#endif

/*
 * 6.17 added fc_mount_longterm() for mounts kept by the kernel itself
 * (kern_mount()'s kind).  Before, fc_mount() gives the same mount, whose
 * mntput() just takes the slow path; kern_unmount() releases either.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 17, 0)
static inline struct vfsmount *fc_mount_longterm(struct fs_context *fc)
{
	return fc_mount(fc);
}
#endif

/* 6.17: vfs_mmap() (which also knows ->mmap_prepare) was call_mmap(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 17, 0)
static inline int vfs_mmap(struct file *file, struct vm_area_struct *vma)
{
	return call_mmap(file, vma);
}
#endif

/* 6.18: vfs_parse_fs_string() lost its length argument. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 18, 0)
#define vfs_parse_fs_string(fc, key, value) \
	vfs_parse_fs_string(fc, key, value, strlen(value))
#endif

/*
 * 6.19 made persistent dentries (those of ramfs-like filesystems, pinned
 * until unlink) a dcache notion: d_make_persistent() pins, simple_unlink()
 * unpins and umount unpins the rest, so kill_anon_super() is enough.
 * Before, the pin was a plain extra reference (which simple_unlink()
 * dropped too) and kill_litter_super() dropped the rest.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 19, 0)
static inline struct dentry *d_make_persistent(struct dentry *dentry,
					       struct inode *inode)
{
	d_instantiate(dentry, inode);
	return dget(dentry);
}

static inline void peios_compat_kill_super(struct super_block *sb)
{
	kill_litter_super(sb);
}
#else
static inline void peios_compat_kill_super(struct super_block *sb)
{
	kill_anon_super(sb);
}
#endif

/*
 * Every dentry of the superblock is dropped at its last reference (only
 * the pinned, persistent ones stay): 6.17's s_d_flags, before it the
 * dentry operations that say so.
 */
static inline void peios_compat_sb_dontcache(struct super_block *sb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
	sb->s_d_flags = DCACHE_DONTCACHE;
#else
	sb->s_d_op = &simple_dentry_operations;
#endif
}

/* 7.0 passes shmem_file_setup*() a vma_flags_t, made from bit numbers. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
#define PEIOS_SHMEM_NORESERVE mk_vma_flags(VMA_NORESERVE_BIT)
#else
#define PEIOS_SHMEM_NORESERVE VM_NORESERVE
#endif

/*
 * Whether nothing but the module (whose registry holds one reference)
 * uses an IPC namespace: no task, no open namespace file.  6.19 counts
 * such active users apart; before, every user held the one count.
 */
static inline bool peios_compat_ipc_ns_unused(struct ipc_namespace *ns)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 19, 0)
	return ns_ref_active_read(ns) == 0;
#else
	return refcount_read(&ns->ns.count) == 1;
#endif
}

#endif /* PEIOS_COMPAT_H */
