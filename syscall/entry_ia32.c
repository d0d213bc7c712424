// SPDX-License-Identifier: GPL-2.0
/*
 * ia32 entry points of the mq_* syscalls, for 32-bit programs on a 64-bit
 * kernel.  Arguments arrive in ebx, ecx, edx, esi, edi; structures use the
 * 32-bit layouts (struct compat_mq_attr, compat_sigevent, old 32-bit
 * timespecs for the original timedsend/timedreceive numbers).  After the
 * conversion the native operations run unchanged.  As in entry_64.c, every
 * path ends at drop_ref: the redirection took a module reference for the
 * call, which peios_syscall_exit() drops.
 */
#include <linux/compat.h>
#include <linux/module.h>
#include <linux/mqueue.h>
#include <linux/time32.h>
#include <linux/uaccess.h>
#include <peios/mq.h>
#include <peios/redirect.h>
#include "entry.h"

struct peios_compat_mq_attr {
	compat_long_t mq_flags;
	compat_long_t mq_maxmsg;
	compat_long_t mq_msgsize;
	compat_long_t mq_curmsgs;
	compat_long_t reserved[4];
};

static int get_compat_attr(struct mq_attr *attr,
			   const struct peios_compat_mq_attr __user *uattr)
{
	struct peios_compat_mq_attr v;

	if (copy_from_user(&v, uattr, sizeof(v)))
		return -EFAULT;
	memset(attr, 0, sizeof(*attr));
	attr->mq_flags = v.mq_flags;
	attr->mq_maxmsg = v.mq_maxmsg;
	attr->mq_msgsize = v.mq_msgsize;
	attr->mq_curmsgs = v.mq_curmsgs;
	return 0;
}

static int put_compat_attr(const struct mq_attr *attr,
			   struct peios_compat_mq_attr __user *uattr)
{
	struct peios_compat_mq_attr v;

	memset(&v, 0, sizeof(v));
	v.mq_flags = attr->mq_flags;
	v.mq_maxmsg = attr->mq_maxmsg;
	v.mq_msgsize = attr->mq_msgsize;
	v.mq_curmsgs = attr->mq_curmsgs;
	return copy_to_user(uattr, &v, sizeof(v)) ? -EFAULT : 0;
}

/*
 * As Linux's get_compat_sigevent(): only the four fields the kernel uses
 * are read, so a sigevent cut short by the end of a mapping is accepted.
 */
static int get_compat_event(struct sigevent *ev,
			    const struct compat_sigevent __user *uev)
{
	compat_int_t val;

	memset(ev, 0, sizeof(*ev));
	if (!access_ok(uev, sizeof(*uev)) ||
	    __get_user(val, &uev->sigev_value.sival_int) ||
	    __get_user(ev->sigev_signo, &uev->sigev_signo) ||
	    __get_user(ev->sigev_notify, &uev->sigev_notify) ||
	    __get_user(ev->sigev_notify_thread_id,
		       &uev->sigev_notify_thread_id))
		return -EFAULT;
	ev->sigev_value.sival_ptr = compat_ptr((compat_uptr_t)val);
	return 0;
}

/* The 32-bit timespec flavours: old 32-bit time_t, or 64-bit time. */
typedef int (*get_ts_fn)(struct timespec64 *ts, const void __user *uts);

static int get_ts64(struct timespec64 *ts, const void __user *uts)
{
	return get_timespec64(ts, uts);
}

static long ia32_mq_open(const struct pt_regs *regs)
{
	const void __user *uattr = compat_ptr(regs->si);
	struct mq_attr attr;
	long ret;

	peios_syscall_test_delay();
	/* Linux's compat entry reads the attr only when it may create. */
	if (!((int)regs->cx & O_CREAT))
		uattr = NULL;
	if (uattr) {
		ret = get_compat_attr(&attr, uattr);
		if (ret)
			goto drop_ref;
	}
	ret = peios_mq_open(compat_ptr(regs->bx), (int)regs->cx,
			    (umode_t)regs->dx, uattr ? &attr : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long ia32_mq_unlink(const struct pt_regs *regs)
{
	long ret;

	peios_syscall_test_delay();
	ret = peios_mq_unlink(compat_ptr(regs->bx));
	peios_syscall_exit();
	return ret;
}

static long ia32_send(const struct pt_regs *regs, get_ts_fn get_ts)
{
	const void __user *uts = compat_ptr(regs->di);
	struct timespec64 ts;
	long ret;

	peios_syscall_test_delay();
	if (uts) {
		ret = get_ts(&ts, uts);
		if (ret)
			goto drop_ref;
	}
	ret = peios_mq_timedsend((int)regs->bx, compat_ptr(regs->cx),
				 (u32)regs->dx, (u32)regs->si,
				 uts ? &ts : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long ia32_receive(const struct pt_regs *regs, get_ts_fn get_ts)
{
	const void __user *uts = compat_ptr(regs->di);
	struct timespec64 ts;
	long ret;

	peios_syscall_test_delay();
	if (uts) {
		ret = get_ts(&ts, uts);
		if (ret)
			goto drop_ref;
	}
	ret = peios_mq_timedreceive((int)regs->bx, compat_ptr(regs->cx),
				    (u32)regs->dx, compat_ptr(regs->si),
				    uts ? &ts : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long ia32_mq_timedsend_time32(const struct pt_regs *regs)
{
	return ia32_send(regs, get_old_timespec32);
}

static long ia32_mq_timedsend(const struct pt_regs *regs)
{
	return ia32_send(regs, get_ts64);
}

static long ia32_mq_timedreceive_time32(const struct pt_regs *regs)
{
	return ia32_receive(regs, get_old_timespec32);
}

static long ia32_mq_timedreceive(const struct pt_regs *regs)
{
	return ia32_receive(regs, get_ts64);
}

static long ia32_mq_notify(const struct pt_regs *regs)
{
	const void __user *uev = compat_ptr(regs->cx);
	struct sigevent ev;
	long ret;

	peios_syscall_test_delay();
	if (uev) {
		ret = get_compat_event(&ev, uev);
		if (ret)
			goto drop_ref;
	}
	ret = peios_mq_notify((int)regs->bx, uev ? &ev : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long ia32_mq_getsetattr(const struct pt_regs *regs)
{
	const void __user *unew = compat_ptr(regs->cx);
	void __user *uold = compat_ptr(regs->dx);
	struct mq_attr new, old;
	long ret;

	peios_syscall_test_delay();
	if (unew) {
		ret = get_compat_attr(&new, unew);
		if (ret)
			goto drop_ref;
	}
	ret = peios_mq_getsetattr((int)regs->bx, unew ? &new : NULL,
				  uold ? &old : NULL);
	if (!ret && uold)
		ret = put_compat_attr(&old, uold);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static struct peios_redirect ia32_redirects[] = {
	PEIOS_REDIRECT("__ia32_compat_sys_mq_open", ia32_mq_open),
	PEIOS_REDIRECT("__ia32_sys_mq_unlink", ia32_mq_unlink),
	PEIOS_REDIRECT("__ia32_sys_mq_timedsend_time32",
		       ia32_mq_timedsend_time32),
	PEIOS_REDIRECT("__ia32_sys_mq_timedsend", ia32_mq_timedsend),
	PEIOS_REDIRECT("__ia32_sys_mq_timedreceive_time32",
		       ia32_mq_timedreceive_time32),
	PEIOS_REDIRECT("__ia32_sys_mq_timedreceive", ia32_mq_timedreceive),
	PEIOS_REDIRECT("__ia32_compat_sys_mq_notify", ia32_mq_notify),
	PEIOS_REDIRECT("__ia32_compat_sys_mq_getsetattr", ia32_mq_getsetattr),
};

int peios_syscalls_ia32_init(void)
{
	return peios_redirect_install(ia32_redirects,
				      ARRAY_SIZE(ia32_redirects));
}

void peios_syscalls_ia32_exit(void)
{
	peios_redirect_remove(ia32_redirects, ARRAY_SIZE(ia32_redirects));
}
