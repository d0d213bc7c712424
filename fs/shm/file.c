// SPDX-License-Identifier: GPL-2.0
/*
 * A peios_shm file: its attributes, its open and what the open was
 * granted, and its data, which is the backing shmem file's.  Reads,
 * writes, fallocate and truncation are forwarded to that file after a
 * handle check; mmap maps its pages (vma->vm_file becomes the shmem file),
 * so all openers share one page cache and futexes on shared mappings key
 * on the same inode.
 *
 * Locking: a file's backing pointer is set before the inode is visible and
 * cleared only at eviction; truncation takes the backing inode's lock.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/xattr.h>
#include <peios/compat.h>
#include "internal.h"

static struct kmem_cache *shm_open_cachep;

int shm_open_cache_init(void)
{
	shm_open_cachep = KMEM_CACHE(shm_open, 0);
	return shm_open_cachep ? 0 : -ENOMEM;
}

void shm_open_cache_exit(void)
{
	kmem_cache_destroy(shm_open_cachep);
}

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
		ret = peios_file_check(attr->ia_file, PEIOS_OP_TRUNCATE,
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

const struct inode_operations shm_file_iops = {
	.permission = peios_object_permission,
	.getattr = shm_getattr,
	.setattr = shm_setattr,
	.listxattr = generic_listxattr,
};

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

static int shm_file_release(struct inode *inode, struct file *file)
{
	struct shm_open *op = file->private_data;
	int waiters = atomic_read(&op->sem_waiters);

	/* A waiter killed in its futex wait is uncounted here. */
	if (waiters > 0)
		shm_sem_release_waiters(file, waiters);
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
	int ret;

	ret = peios_file_check(iocb->ki_filp, PEIOS_OP_READ,
			       PEIOS_FILE_READ_DATA);
	if (ret)
		return ret;
	return forward_iter(iocb, to, false);
}

static ssize_t shm_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	ssize_t ret;

	ret = peios_file_check(iocb->ki_filp, PEIOS_OP_WRITE,
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

	ret = peios_file_check(file, PEIOS_OP_WRITE, PEIOS_FILE_WRITE_DATA);
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


const struct file_operations shm_file_ops = {
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
	.unlocked_ioctl = shm_sem_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};
