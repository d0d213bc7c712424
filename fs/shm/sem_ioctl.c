// SPDX-License-Identifier: GPL-2.0
/*
 * The semaphore ioctls of peios_shm files (include/uapi/peios/sem.h): on a
 * file that ever had a name "sem.*", after a handle check, run glibc's
 * atomic steps on the sem_t word in the backing file's first page
 * (ipc/sem_word.c).  Each open counts the waiters it registered in the
 * word, so a closed descriptor's leftovers are uncounted at release.
 *
 * Locking: the word is changed only with atomic compare-and-swap under the
 * folio lock, which is held for no user copy and no sleep other than the
 * folio lock itself.
 */
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/shmem_fs.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <peios/sem_word.h>
#include "internal.h"

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

void shm_sem_release_waiters(struct file *file, u32 n)
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

long shm_sem_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
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
