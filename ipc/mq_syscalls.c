// SPDX-License-Identifier: GPL-2.0
/*
 * The mq_* operations behind both syscall ABIs.
 *
 * Foundation stage: arguments are validated as Linux validates them and
 * descriptors are looked up, but no queue exists yet, so every name lookup
 * ends in -ENOENT and every descriptor in -EBADF.  The queue engine replaces
 * the bodies; the signatures stay.
 */
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mqueue.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <peios/mq.h>

/*
 * Copy a queue name from user space.  Linux's rules: longer than NAME_MAX
 * is -ENAMETOOLONG; empty, ".", ".." or containing '/' is -EACCES (what the
 * VFS lookup of such a name answers).
 */
static char *peios_mq_getname(const char __user *uname)
{
	char *name;
	long len;

	name = kmalloc(NAME_MAX + 1, GFP_KERNEL);
	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, uname, NAME_MAX + 1);
	if (len < 0)
		goto fail;
	if (len > NAME_MAX) {
		len = -ENAMETOOLONG;
		goto fail;
	}
	if (len == 0 || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		len = -EACCES;
		goto fail;
	}
	return name;
fail:
	kfree(name);
	return ERR_PTR(len);
}

/* A descriptor that names a queue; none exist before the engine. */
static long peios_mq_check_fd(int fd)
{
	CLASS(fd, f)(fd);

	if (fd_empty(f))
		return -EBADF;
	return -EBADF;
}

long peios_mq_open(const char __user *uname, int oflag, umode_t mode,
		   struct mq_attr *attr)
{
	char *name = peios_mq_getname(uname);

	if (IS_ERR(name))
		return PTR_ERR(name);
	kfree(name);
	return (oflag & O_CREAT) ? -ENOSPC : -ENOENT;
}

long peios_mq_unlink(const char __user *uname)
{
	char *name = peios_mq_getname(uname);

	if (IS_ERR(name))
		return PTR_ERR(name);
	kfree(name);
	return -ENOENT;
}

long peios_mq_timedsend(int fd, const char __user *msg, size_t len,
			unsigned int prio, struct timespec64 *timeout)
{
	return peios_mq_check_fd(fd);
}

long peios_mq_timedreceive(int fd, char __user *msg, size_t len,
			   unsigned int __user *prio,
			   struct timespec64 *timeout)
{
	return peios_mq_check_fd(fd);
}

long peios_mq_notify(int fd, const struct sigevent *event)
{
	return peios_mq_check_fd(fd);
}

long peios_mq_getsetattr(int fd, const struct mq_attr *new,
			 struct mq_attr *old)
{
	return peios_mq_check_fd(fd);
}
