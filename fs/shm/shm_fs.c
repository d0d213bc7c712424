// SPDX-License-Identifier: GPL-2.0
/*
 * The "peios_shm" filesystem, mounted at /dev/shm: POSIX shared memory
 * objects and named semaphores in one flat directory, each file gated by
 * its Peios security descriptor (fs/base/object.c) and backed by shmem.
 *
 * Backing: every superblock owns a private tmpfs instance (sbi->backing,
 * mounted from inside the kernel with the size= option of our mount), and
 * every regular file owns one unlinked shmem file on it, made at create
 * time.  Reads, writes, fallocate and truncation are forwarded to that
 * file; mmap maps its pages (vma->vm_file becomes the shmem file), so all
 * openers share one page cache and futexes on shared mappings key on the
 * same inode.  The tmpfs instance enforces size= (ENOSPC) and charges the
 * pages to the memory cgroup of whoever faults or writes them; the pages
 * go when the last opener, mapper and name are gone.  nr_inodes= is
 * counted here, as tmpfs counts it: the root, each file and each extra
 * hard link take one.
 *
 * Semaphore inodes are files that ever had a name "sem.*"; their ioctls
 * (include/uapi/peios/sem.h) run glibc's atomic steps on the word in the
 * shared page (ipc/sem_word.c) after a handle check.
 *
 * Locking: the directory's inode lock (taken by the VFS) serialises
 * creating, linking, renaming and removing names; sbi->lock protects the
 * inode count; a file's backing pointer is set before the inode is visible
 * and cleared only at eviction.  The semaphore word is changed only with
 * atomic compare-and-swap under the folio lock, which is held for no user
 * copy and no sleep other than the folio lock itself.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/pagemap.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <linux/uio.h>
#include <linux/xattr.h>
#include <peios/compat.h>
#include <peios/fs.h>
#include <peios/identity.h>
#include <peios/object.h>
#include <peios/sem_word.h>

struct shm_sb_info {
	struct vfsmount *backing;	/* private tmpfs: pages and size= */
	spinlock_t lock;		/* protects the two counts below */
	unsigned long max_inodes;	/* 0: unlimited */
	unsigned long used_inodes;
};

struct shm_inode {
	struct file *shmem;		/* backing file (regular files) */
	bool sem;			/* ever named sem.* */
	bool counted;			/* holds one of nr_inodes */
	struct peios_inode pi;		/* descriptor and VFS inode: last */
};

/* Per open file: the granted mask and the waiters this open counted. */
struct shm_open {
	struct peios_open base;
	atomic_t sem_waiters;
};

struct shm_fs_context {
	u8 *sd;				/* sd= mount option, binary */
	size_t sd_len;
	char *size;			/* size=, handed to tmpfs as given */
	unsigned long nr_inodes;
	bool nr_inodes_set;
};

static struct kmem_cache *shm_inode_cachep;
static struct kmem_cache *shm_open_cachep;
static const struct inode_operations shm_dir_iops;
static const struct inode_operations shm_file_iops;
static const struct file_operations shm_file_ops;

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

/* --- nr_inodes ------------------------------------------------------------ */

static int reserve_inode(struct super_block *sb)
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

static void release_inode(struct super_block *sb)
{
	struct shm_sb_info *sbi = SHM_SB(sb);

	spin_lock(&sbi->lock);
	sbi->used_inodes--;
	spin_unlock(&sbi->lock);
}

/* --- inodes --------------------------------------------------------------- */

static struct inode *shm_alloc_inode(struct super_block *sb)
{
	struct shm_inode *si = alloc_inode_sb(sb, shm_inode_cachep,
					       GFP_KERNEL);

	if (!si)
		return NULL;
	RCU_INIT_POINTER(si->pi.sdv, NULL);
	si->shmem = NULL;
	si->sem = false;
	si->counted = false;
	return &si->pi.vfs_inode;
}

static void shm_free_inode(struct inode *inode)
{
	peios_object_free_sd(inode);
	kmem_cache_free(shm_inode_cachep, SHM_I(inode));
}

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
		release_inode(inode->i_sb);
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
	.alloc_inode = shm_alloc_inode,
	.free_inode = shm_free_inode,
	.evict_inode = shm_evict_inode,
	.statfs = shm_statfs,
	.show_options = shm_show_options,
};

static struct inode *shm_new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	simple_inode_init_ts(inode);
	return inode;
}

static bool sem_name(const struct dentry *dentry)
{
	return !strncmp(dentry->d_name.name, "sem.", 4);
}

/* --- directory operations -------------------------------------------------- */

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
	ret = reserve_inode(sb);
	if (ret)
		goto out;
	inode = shm_new_inode(sb, S_IFREG | (mode & 0777));
	if (!inode) {
		release_inode(sb);
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
	ret = reserve_inode(dir->i_sb);
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
		release_inode(dir->i_sb);
	return simple_unlink(dir, dentry);
}

static int shm_vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct peios_identity *id = peios_identity_current();
	int ret;

	if (!id)
		return -ENOMEM;
	ret = peios_object_may_delete(dir, d_inode(dentry), id);
	peios_identity_put(id);
	if (ret)
		return ret;
	return shm_remove_name(dir, dentry);
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

/* --- attributes ------------------------------------------------------------ */

/* stat shows the backing file's size and blocks. */
static int shm_getattr(struct mnt_idmap *idmap, const struct path *path,
		       struct kstat *stat, u32 request_mask,
		       unsigned int flags)
{
	struct inode *inode = d_inode(path->dentry);
	struct file *shmem = S_ISREG(inode->i_mode) ? SHM_I(inode)->shmem :
			     NULL;
	int ret;

	ret = peios_object_getattr(idmap, path, stat, request_mask, flags);
	if (ret || !shmem)
		return ret;
	stat->size = i_size_read(file_inode(shmem));
	stat->blocks = file_inode(shmem)->i_blocks;
	stat->blksize = PAGE_SIZE;
	return 0;
}

/*
 * Truncation: ftruncate and O_TRUNC need WRITE_DATA on the handle;
 * truncate(2) by path passed ->permission for MAY_WRITE (WRITE_DATA on
 * the current SD) before it got here.  The time stamps that come with a
 * size change are part of it, not a separate FILE_WRITE_ATTRIBUTES use.
 */
static int shm_truncate(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	struct file *shmem = SHM_I(inode)->shmem;
	struct inode *backing = file_inode(shmem);
	struct iattr size = {
		.ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME,
		.ia_size = attr->ia_size,
	};
	int ret;

	if (attr->ia_valid & ATTR_FILE) {
		ret = peios_hook_handle(inode->i_ino, PEIOS_OP_TRUNCATE,
					peios_file_granted(attr->ia_file),
					PEIOS_FILE_WRITE_DATA);
		if (ret)
			return ret;
	}
	inode_lock_nested(backing, I_MUTEX_NONDIR2);
	ret = notify_change(&nop_mnt_idmap, shmem->f_path.dentry, &size, NULL);
	inode_unlock(backing);
	if (ret)
		return ret;
	i_size_write(inode, attr->ia_size);
	inode_set_mtime_to_ts(inode, inode_set_ctime_current(inode));
	return 0;
}

static int shm_setattr(struct mnt_idmap *idmap, struct dentry *dentry,
		       struct iattr *attr)
{
	if ((attr->ia_valid & ATTR_SIZE) && S_ISREG(d_inode(dentry)->i_mode)) {
		unsigned int rest = attr->ia_valid & ~(ATTR_SIZE | ATTR_FILE |
			ATTR_OPEN | ATTR_MTIME | ATTR_CTIME | ATTR_KILL_SUID |
			ATTR_KILL_SGID | ATTR_KILL_PRIV);

		if (rest)
			return -EINVAL;
		return shm_truncate(dentry, attr);
	}
	return peios_object_setattr(idmap, dentry, attr);
}

static const struct inode_operations shm_dir_iops = {
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

static const struct inode_operations shm_file_iops = {
	.permission = peios_object_permission,
	.getattr = shm_getattr,
	.setattr = shm_setattr,
	.listxattr = generic_listxattr,
};

/* --- files ------------------------------------------------------------------ */

/*
 * The open's check and what it is granted (peios_object_open_granted).  The
 * creator rule matters here: glibc's sem_open creates its temporary file
 * O_RDWR|O_CREAT|O_EXCL with the caller's mode and must write and map it.
 */
static int shm_file_open(struct inode *inode, struct file *file)
{
	struct shm_open *op;
	u32 granted;
	int ret;

	ret = peios_object_open_granted(inode, file, false, &granted);
	if (ret)
		return ret;
	op = kmem_cache_alloc(shm_open_cachep, GFP_KERNEL);
	if (!op)
		return -ENOMEM;
	op->base.granted = granted;
	atomic_set(&op->sem_waiters, 0);
	file->private_data = op;
	file->f_mode |= FMODE_CAN_ODIRECT;
	return 0;
}

static void sem_release_waiters(struct file *file, u32 n);

static int shm_file_release(struct inode *inode, struct file *file)
{
	struct shm_open *op = file->private_data;
	int waiters = atomic_read(&op->sem_waiters);

	/* A waiter killed in its futex wait is uncounted here. */
	if (waiters > 0)
		sem_release_waiters(file, waiters);
	kmem_cache_free(shm_open_cachep, op);
	return 0;
}

/* Run a read or write on the backing file at the caller's position. */
static ssize_t forward_iter(struct kiocb *iocb, struct iov_iter *iter,
			    bool write)
{
	struct file *shmem = backing_of(iocb->ki_filp);
	struct kiocb kiocb;
	ssize_t ret;

	init_sync_kiocb(&kiocb, shmem);
	kiocb.ki_pos = iocb->ki_pos;
	kiocb.ki_flags = iocb->ki_flags;
	if (write)
		ret = shmem->f_op->write_iter(&kiocb, iter);
	else
		ret = shmem->f_op->read_iter(&kiocb, iter);
	iocb->ki_pos = kiocb.ki_pos;
	return ret;
}

static ssize_t shm_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	int ret;

	ret = peios_hook_handle(inode->i_ino, PEIOS_OP_READ,
				peios_file_granted(iocb->ki_filp),
				PEIOS_FILE_READ_DATA);
	if (ret)
		return ret;
	return forward_iter(iocb, to, false);
}

static ssize_t shm_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	ssize_t ret;

	ret = peios_hook_handle(inode->i_ino, PEIOS_OP_WRITE,
				peios_file_granted(iocb->ki_filp),
				(iocb->ki_flags & IOCB_APPEND) ?
				PEIOS_FILE_APPEND_DATA : PEIOS_FILE_WRITE_DATA);
	if (ret)
		return ret;
	ret = forward_iter(iocb, from, true);
	if (ret > 0)
		inode_set_mtime_to_ts(inode, inode_set_ctime_current(inode));
	return ret;
}

static loff_t shm_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, MAX_LFS_FILESIZE,
				i_size_read(file_inode(backing_of(file))));
}

/*
 * PROT_READ needs READ_DATA, PROT_WRITE on a shared mapping WRITE_DATA and
 * PROT_EXEC FILE_EXECUTE, from the handle.  The VM_MAY* bits the handle
 * lacks are cleared so mprotect cannot add them later.  Then the mapping
 * becomes the backing file's.
 */
static int shm_mmap(struct file *file, struct vm_area_struct *vma)
{
	u32 granted = peios_file_granted(file);
	bool shared = vma->vm_flags & VM_SHARED;
	struct file *shmem = backing_of(file);
	u32 required = 0;
	int ret;

	if (vma->vm_flags & VM_READ)
		required |= PEIOS_FILE_READ_DATA;
	if ((vma->vm_flags & VM_WRITE) && shared)
		required |= PEIOS_FILE_WRITE_DATA;
	if (vma->vm_flags & VM_EXEC)
		required |= PEIOS_FILE_EXECUTE;
	ret = peios_hook_handle(file_inode(file)->i_ino, PEIOS_OP_MMAP,
				granted, required);
	if (ret)
		return ret;
	if (!(granted & PEIOS_FILE_READ_DATA))
		vm_flags_clear(vma, VM_MAYREAD);
	if (shared && !(granted & PEIOS_FILE_WRITE_DATA))
		vm_flags_clear(vma, VM_MAYWRITE);
	if (!(granted & PEIOS_FILE_EXECUTE))
		vm_flags_clear(vma, VM_MAYEXEC);
	vma_set_file(vma, shmem);
	return vfs_mmap(shmem, vma);
}

static unsigned long shm_get_unmapped_area(struct file *file,
					   unsigned long addr,
					   unsigned long len,
					   unsigned long pgoff,
					   unsigned long flags)
{
	struct file *shmem = backing_of(file);

	return shmem->f_op->get_unmapped_area(shmem, addr, len, pgoff, flags);
}

static long shm_fallocate(struct file *file, int mode, loff_t offset,
			  loff_t len)
{
	struct inode *inode = file_inode(file);
	struct file *shmem = backing_of(file);
	long ret;

	ret = peios_hook_handle(inode->i_ino, PEIOS_OP_WRITE,
				peios_file_granted(file),
				PEIOS_FILE_WRITE_DATA);
	if (ret)
		return ret;
	ret = shmem->f_op->fallocate(shmem, mode, offset, len);
	if (!ret)
		i_size_write(inode, i_size_read(file_inode(shmem)));
	return ret;
}

static int shm_fsync(struct file *file, loff_t start, loff_t end,
		     int datasync)
{
	/* Memory only, as tmpfs. */
	return 0;
}

/* --- the kernel semaphore path --------------------------------------------- */

/*
 * Lock the page holding the semaphore word and check its shape.  The file
 * must be exactly one glibc sem_t: a shorter file would put the word past
 * EOF, a longer one is not a semaphore.
 */
static struct folio *sem_get(struct file *file, struct peios_sem_word **w)
{
	struct file *shmem = backing_of(file);
	struct inode *backing = file_inode(shmem);
	struct folio *folio;
	int ret;

	if (i_size_read(backing) != PEIOS_SEM_SIZE)
		return ERR_PTR(-EINVAL);
	folio = shmem_read_folio(backing->i_mapping, 0);
	if (IS_ERR(folio))
		return folio;
	folio_lock(folio);
	*w = kmap_local_folio(folio, 0);
	ret = peios_sem_validate(*w, i_size_read(backing));
	if (ret) {
		kunmap_local(*w);
		folio_unlock(folio);
		folio_put(folio);
		return ERR_PTR(ret);
	}
	return folio;
}

static void sem_put(struct folio *folio, struct peios_sem_word *w,
		    bool changed)
{
	kunmap_local(w);
	if (changed)
		folio_mark_dirty(folio);
	folio_unlock(folio);
	folio_put(folio);
}

static void sem_release_waiters(struct file *file, u32 n)
{
	struct peios_sem_word *w;
	struct folio *folio;

	folio = sem_get(file, &w);
	if (IS_ERR(folio))
		return;
	peios_sem_uncount(w, n);
	sem_put(folio, w, true);
}

static int sem_check_wait_arg(const struct peios_sem_wait *arg)
{
	if (arg->flags & ~(PEIOS_SEM_WAIT_TIMEOUT | PEIOS_SEM_WAIT_RETRY))
		return -EINVAL;
	if (!(arg->flags & PEIOS_SEM_WAIT_TIMEOUT))
		return 0;
	if (arg->clockid != CLOCK_REALTIME && arg->clockid != CLOCK_MONOTONIC)
		return -EINVAL;
	if (arg->tv_sec < 0 || arg->tv_nsec < 0 ||
	    arg->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return 0;
}

static bool sem_deadline_passed(const struct peios_sem_wait *arg)
{
	struct timespec64 now;

	if (!(arg->flags & PEIOS_SEM_WAIT_TIMEOUT))
		return false;
	if (arg->clockid == CLOCK_REALTIME)
		ktime_get_real_ts64(&now);
	else
		ktime_get_ts64(&now);
	return now.tv_sec > arg->tv_sec ||
	       (now.tv_sec == arg->tv_sec && now.tv_nsec >= arg->tv_nsec);
}

/*
 * One step of sem_wait for this descriptor.  The descriptor counts the
 * waiters it registered in the word (op->sem_waiters), so a retry without
 * a registration is refused and a closed descriptor's leftovers are
 * uncounted.
 */
static long sem_wait(struct file *file, struct peios_sem_wait __user *uarg)
{
	struct shm_open *op = file->private_data;
	struct peios_sem_wait arg;
	struct peios_sem_word *w;
	struct folio *folio;
	bool counted;
	long ret;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	ret = sem_check_wait_arg(&arg);
	if (ret)
		return ret;
	counted = arg.flags & PEIOS_SEM_WAIT_RETRY;
	if (counted && atomic_dec_if_positive(&op->sem_waiters) < 0)
		return -EINVAL;
	folio = sem_get(file, &w);
	if (IS_ERR(folio)) {
		if (counted)
			atomic_inc(&op->sem_waiters);
		return PTR_ERR(folio);
	}
	ret = peios_sem_wait_step(w, counted);
	if (ret == PEIOS_SEM_MUST_BLOCK && sem_deadline_passed(&arg)) {
		peios_sem_uncount(w, 1);
		ret = -ETIMEDOUT;
	}
	if (ret == PEIOS_SEM_MUST_BLOCK)
		atomic_inc(&op->sem_waiters);
	sem_put(folio, w, true);
	return ret;
}

static long sem_unwait(struct file *file)
{
	struct shm_open *op = file->private_data;
	struct peios_sem_word *w;
	struct folio *folio;

	if (atomic_dec_if_positive(&op->sem_waiters) < 0)
		return -EINVAL;
	folio = sem_get(file, &w);
	if (IS_ERR(folio))
		return PTR_ERR(folio);
	peios_sem_uncount(w, 1);
	sem_put(folio, w, true);
	return 0;
}

static long shm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct inode *inode = file_inode(file);
	u32 granted = peios_file_granted(file);
	struct peios_sem_word *w;
	struct folio *folio;
	enum peios_op op;
	u32 required;
	long ret;

	switch (cmd) {
	case PEIOS_SEM_IOC_POST:
		op = PEIOS_OP_SEM_POST;
		break;
	case PEIOS_SEM_IOC_TRYWAIT:
	case PEIOS_SEM_IOC_WAIT:
	case PEIOS_SEM_IOC_UNWAIT:
		op = PEIOS_OP_SEM_WAIT;
		break;
	case PEIOS_SEM_IOC_GETVALUE:
		op = PEIOS_OP_SEM_GETVALUE;
		break;
	default:
		return -ENOTTY;
	}
	if (!SHM_I(inode)->sem)
		return -ENOTTY;
	required = op == PEIOS_OP_SEM_GETVALUE ? PEIOS_FILE_READ_DATA :
		   PEIOS_FILE_READ_DATA | PEIOS_FILE_WRITE_DATA;
	ret = peios_hook_handle(inode->i_ino, op, granted, required);
	if (ret)
		return ret;
	if (cmd == PEIOS_SEM_IOC_WAIT)
		return sem_wait(file, (struct peios_sem_wait __user *)arg);
	if (cmd == PEIOS_SEM_IOC_UNWAIT)
		return sem_unwait(file);

	folio = sem_get(file, &w);
	if (IS_ERR(folio))
		return PTR_ERR(folio);
	if (cmd == PEIOS_SEM_IOC_POST) {
		ret = peios_sem_post(w);
	} else if (cmd == PEIOS_SEM_IOC_TRYWAIT) {
		ret = peios_sem_trywait(w);
	} else {
		u32 value = peios_sem_value(w);

		sem_put(folio, w, false);
		/* No user copy under the folio lock. */
		return put_user(value, (__u32 __user *)arg);
	}
	sem_put(folio, w, ret >= 0);
	return ret;
}

static const struct file_operations shm_file_ops = {
	.owner = THIS_MODULE,
	.open = shm_file_open,
	.release = shm_file_release,
	.read_iter = shm_read_iter,
	.write_iter = shm_write_iter,
	.llseek = shm_llseek,
	.mmap = shm_mmap,
	.get_unmapped_area = shm_get_unmapped_area,
	.fallocate = shm_fallocate,
	.fsync = shm_fsync,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
	.unlocked_ioctl = shm_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/* --- superblock and mount options ------------------------------------------ */

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
	struct inode *root;
	u8 *sd = ctx->sd;
	size_t len = ctx->sd_len;
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
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = PEIOS_SHM_MAGIC;
	sb->s_op = &shm_super_ops;
	sb->s_xattr = peios_object_xattr_handlers;
	sb->s_time_gran = 1;

	/* The root takes one of nr_inodes, as on tmpfs. */
	if (reserve_inode(sb))
		return invalf(fc, "peios_shm: nr_inodes= leaves no room");
	root = shm_new_inode(sb, S_IFDIR | 0777);
	if (!root)
		return -ENOMEM;
	SHM_I(root)->counted = true;
	root->i_op = &shm_dir_iops;
	root->i_fop = &simple_dir_operations;
	inc_nlink(root);
	if (!sd)
		ret = peios_sd_from_sddl(peios_default_root_sddl, &sd, &len);
	else
		ret = 0;
	if (!ret)
		ret = peios_object_set_sd(root, sd, len);
	if (sd != ctx->sd)
		kfree(sd);
	if (ret) {
		iput(root);
		return ret;
	}
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
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
	struct inode *root = d_inode(fc->root);
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
	if (ctx->sd)
		ret = peios_object_replace_sd(root, ctx->sd, ctx->sd_len);
	return ret;
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
		kfree(ctx->sd);
		ctx->sd = NULL;
		if (peios_sd_from_sddl(param->string, &ctx->sd, &ctx->sd_len))
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
		kfree(ctx->sd);
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

static struct file_system_type shm_fs_type = {
	.owner		 = THIS_MODULE,
	.name		 = "peios_shm",
	.init_fs_context = shm_init_fs_context,
	.parameters	 = shm_params,
	.kill_sb	 = shm_kill_sb,
};

/* --- registration ------------------------------------------------------------ */

static void shm_inode_init_once(void *p)
{
	struct shm_inode *si = p;

	inode_init_once(&si->pi.vfs_inode);
}

int peios_shm_fs_init(void)
{
	int ret;

	shm_inode_cachep = kmem_cache_create("peios_shm_inode",
					     sizeof(struct shm_inode), 0,
					     SLAB_ACCOUNT, shm_inode_init_once);
	shm_open_cachep = KMEM_CACHE(shm_open, 0);
	if (!shm_inode_cachep || !shm_open_cachep) {
		ret = -ENOMEM;
		goto undo_caches;
	}
	ret = register_filesystem(&shm_fs_type);
	if (ret)
		goto undo_caches;
	return 0;

undo_caches:
	kmem_cache_destroy(shm_open_cachep);
	kmem_cache_destroy(shm_inode_cachep);
	return ret;
}

void peios_shm_fs_exit(void)
{
	unregister_filesystem(&shm_fs_type);
	/* Inodes are freed after an RCU grace period. */
	rcu_barrier();
	kmem_cache_destroy(shm_open_cachep);
	kmem_cache_destroy(shm_inode_cachep);
}
