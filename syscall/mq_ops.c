// SPDX-License-Identifier: GPL-2.0
/*
 * The mq_* operations behind both syscall ABIs, with Linux's argument
 * checks and errno order.  Names are resolved in the caller's IPC
 * namespace by the mqueue filesystem; descriptors must be queue files and
 * carry the right granted at open (handle checks through the hook).
 */
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mqueue.h>
#include <linux/slab.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <peios/hook.h>
#include <peios/mq.h>
#include <peios/mqueue_fs.h>

/*
 * Linux's answer for a name that does not fit in NAME_MAX: getname()
 * reads up to PATH_MAX (EFAULT, ENAMETOOLONG), then the lookup refuses a
 * '/' (EACCES) before the filesystem refuses the length (ENAMETOOLONG).
 */
static long peios_mq_long_name_error(const char __user *uname)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, uname, PATH_MAX);
	if (len >= 0)
		len = len == PATH_MAX ? -ENAMETOOLONG :
		      strchr(path, '/') ? -EACCES : -ENAMETOOLONG;
	kfree(path);
	return len;
}

/*
 * Copy a queue name from user space into @name (NAME_MAX + 1 bytes: a
 * name is short, so it lives on the caller's stack), with Linux's errors:
 * empty is -ENOENT (getname()), ".", ".." or containing '/' is -EACCES
 * (the lookup), longer than NAME_MAX is -ENAMETOOLONG.
 */
static long peios_mq_getname(const char __user *uname, char *name)
{
	long len;

	len = strncpy_from_user(name, uname, NAME_MAX + 1);
	if (len < 0)
		return len;
	if (len > NAME_MAX)
		return peios_mq_long_name_error(uname);
	if (len == 0)
		return -ENOENT;
	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EACCES;
	return 0;
}

long peios_mq_open(const char __user *uname, int oflag, umode_t mode,
		   struct mq_attr *attr)
{
	char name[NAME_MAX + 1];
	struct file *file;
	int fd;

	fd = peios_mq_getname(uname, name);
	if (fd)
		return fd;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = peios_mq_open_name(name, oflag, mode,
				  (oflag & O_CREAT) ? attr : NULL);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

long peios_mq_unlink(const char __user *uname)
{
	char name[NAME_MAX + 1];
	long ret;

	ret = peios_mq_getname(uname, name);
	if (ret)
		return ret;
	return peios_mq_unlink_name(name);
}

/* Linux rejects a malformed timeout before looking at the queue. */
static int check_timeout(const struct timespec64 *ts)
{
	return ts && !timespec64_valid(ts) ? -EINVAL : 0;
}

static void touch(struct inode *inode)
{
	inode_set_mtime_to_ts(inode,
			      inode_set_atime_to_ts(inode,
						    inode_set_ctime_current(inode)));
}

/*
 * The queue behind a descriptor whose handle holds @right, or NULL with
 * the errno in *err (EBADF for a descriptor that is not a queue).
 */
static struct mq_inode *handle_queue(struct fd f, enum peios_op op, u32 right,
				     int *err)
{
	struct mq_inode *mi;

	*err = -EBADF;
	if (fd_empty(f))
		return NULL;
	mi = peios_mq_file_queue(fd_file(f));
	if (!mi)
		return NULL;
	/* An O_RDWR|O_WRONLY open (Linux lets mq_open create one) has neither. */
	if (!(fd_file(f)->f_mode & (op == PEIOS_OP_SEND ? FMODE_WRITE :
						       FMODE_READ)))
		return NULL;
	*err = peios_hook_handle(mi->pi.vfs_inode.i_ino, op,
				 peios_file_granted(fd_file(f)), right);
	return *err ? NULL : mi;
}

long peios_mq_timedsend(int fd, const char __user *msg, size_t len,
			unsigned int prio, struct timespec64 *timeout)
{
	struct mq_inode *mi;
	int ret;

	if (prio >= MQ_PRIO_MAX)
		return -EINVAL;
	ret = check_timeout(timeout);
	if (ret)
		return ret;
	CLASS(fd, f)(fd);
	mi = handle_queue(f, PEIOS_OP_SEND, PEIOS_FILE_WRITE_DATA, &ret);
	if (!mi)
		return ret;
	ret = mq_queue_send_user(&mi->queue, msg, len, prio,
				 fd_file(f)->f_flags & O_NONBLOCK, timeout);
	if (!ret)
		touch(&mi->pi.vfs_inode);
	return ret;
}

long peios_mq_timedreceive(int fd, char __user *msg, size_t len,
			   unsigned int __user *prio,
			   struct timespec64 *timeout)
{
	struct mq_inode *mi;
	ssize_t ret;
	int err;

	err = check_timeout(timeout);
	if (err)
		return err;
	CLASS(fd, f)(fd);
	mi = handle_queue(f, PEIOS_OP_RECEIVE, PEIOS_FILE_READ_DATA, &err);
	if (!mi)
		return err;
	ret = mq_queue_receive_user(&mi->queue, msg, len, prio,
				    fd_file(f)->f_flags & O_NONBLOCK, timeout);
	if (ret >= 0)
		touch(&mi->pi.vfs_inode);
	return ret;
}

long peios_mq_notify(int fd, const struct sigevent *event)
{
	struct mq_notification n = { 0 };
	struct mq_inode *mi;
	int ret = 0;

	if (event) {
		ret = mq_notify_prepare(event, &n);
		if (ret)
			return ret;
	}
	CLASS(fd, f)(fd);
	if (fd_empty(f)) {
		ret = -EBADF;
		goto out;
	}
	mi = peios_mq_file_queue(fd_file(f));
	if (!mi) {
		ret = -EBADF;
		goto out;
	}
	/*
	 * Registering needs READ_DATA; removing one's own registration needs
	 * no right (Linux checks neither).
	 */
	if (event) {
		ret = peios_hook_handle(mi->pi.vfs_inode.i_ino,
					PEIOS_OP_NOTIFY,
					peios_file_granted(fd_file(f)),
					PEIOS_FILE_READ_DATA);
		if (ret)
			goto out;
	}
	if (event)
		ret = peios_mq_notify_register(mi, &n);
	else
		peios_mq_notify_unregister(mi);
out:
	mq_notify_discard(&n);
	return ret;
}

long peios_mq_getsetattr(int fd, const struct mq_attr *new,
			 struct mq_attr *old)
{
	struct mq_queue_status st;
	struct mq_inode *mi;
	struct file *file;
	u32 granted;
	int ret;

	if (new && (new->mq_flags & ~O_NONBLOCK))
		return -EINVAL;
	CLASS(fd, f)(fd);
	if (fd_empty(f))
		return -EBADF;
	file = fd_file(f);
	mi = peios_mq_file_queue(file);
	if (!mi)
		return -EBADF;
	granted = peios_file_granted(file);
	if (old) {
		ret = peios_hook_handle(mi->pi.vfs_inode.i_ino,
					PEIOS_OP_GETATTR, granted,
					PEIOS_FILE_READ_ATTRIBUTES);
		if (ret)
			return ret;
		mq_queue_status(&mi->queue, &st);
		memset(old, 0, sizeof(*old));
		old->mq_maxmsg = st.maxmsg;
		old->mq_msgsize = st.msgsize;
		old->mq_curmsgs = st.curmsgs;
		old->mq_flags = file->f_flags & O_NONBLOCK;
	}
	if (new) {
		ret = peios_hook_handle(mi->pi.vfs_inode.i_ino,
					PEIOS_OP_SETATTR, granted,
					PEIOS_FILE_WRITE_DATA);
		if (ret)
			return ret;
		spin_lock(&file->f_lock);
		file->f_flags = (file->f_flags & ~O_NONBLOCK) |
				(new->mq_flags & O_NONBLOCK);
		spin_unlock(&file->f_lock);
	}
	return 0;
}
