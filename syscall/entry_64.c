// SPDX-License-Identifier: GPL-2.0
/*
 * Native x86-64 entry points of the mq_* syscalls.
 *
 * Each handler takes the registers the stub would have received, copies the
 * user structures into kernel copies and calls the shared operation in
 * syscall/mq_ops.c.  Handlers are reached only through syscall/redirect.c,
 * which took a module reference for the call: every path ends at drop_ref,
 * where peios_syscall_exit() drops it.
 */
#include <linux/module.h>
#include <linux/delay.h>
#include <linux/mqueue.h>
#include <linux/signal.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <peios/mq.h>
#include <peios/redirect.h>
#include "entry.h"

/*
 * Test aid: every redirected call first sleeps this long, so the test suite
 * can prove that unloading while a call is inside the module is refused.
 */
unsigned int peios_test_entry_delay_ms;
module_param_named(test_entry_delay_ms, peios_test_entry_delay_ms, uint, 0600);
MODULE_PARM_DESC(test_entry_delay_ms,
		 "Sleep this long at the start of every mq syscall (tests only)");

void peios_syscall_test_delay(void)
{
	unsigned int ms = READ_ONCE(peios_test_entry_delay_ms);

	if (ms)
		msleep_interruptible(ms);
}

static long x64_mq_open(const struct pt_regs *regs)
{
	const struct mq_attr __user *uattr = (void __user *)regs->r10;
	struct mq_attr attr;
	long ret = -EFAULT;

	peios_syscall_test_delay();
	if (uattr && copy_from_user(&attr, uattr, sizeof(attr)))
		goto drop_ref;
	ret = peios_mq_open((const char __user *)regs->di, (int)regs->si,
			    (umode_t)regs->dx, uattr ? &attr : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long x64_mq_unlink(const struct pt_regs *regs)
{
	long ret;

	peios_syscall_test_delay();
	ret = peios_mq_unlink((const char __user *)regs->di);
	peios_syscall_exit();
	return ret;
}

static long x64_mq_timedsend(const struct pt_regs *regs)
{
	const struct __kernel_timespec __user *uts = (void __user *)regs->r8;
	struct timespec64 ts;
	long ret = -EFAULT;

	peios_syscall_test_delay();
	if (uts && get_timespec64(&ts, uts))
		goto drop_ref;
	ret = peios_mq_timedsend((int)regs->di, (const char __user *)regs->si,
				 (size_t)regs->dx, (unsigned int)regs->r10,
				 uts ? &ts : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long x64_mq_timedreceive(const struct pt_regs *regs)
{
	const struct __kernel_timespec __user *uts = (void __user *)regs->r8;
	struct timespec64 ts;
	long ret = -EFAULT;

	peios_syscall_test_delay();
	if (uts && get_timespec64(&ts, uts))
		goto drop_ref;
	ret = peios_mq_timedreceive((int)regs->di, (char __user *)regs->si,
				    (size_t)regs->dx,
				    (unsigned int __user *)regs->r10,
				    uts ? &ts : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long x64_mq_notify(const struct pt_regs *regs)
{
	const struct sigevent __user *uev = (void __user *)regs->si;
	struct sigevent ev;
	long ret = -EFAULT;

	peios_syscall_test_delay();
	if (uev && copy_from_user(&ev, uev, sizeof(ev)))
		goto drop_ref;
	ret = peios_mq_notify((int)regs->di, uev ? &ev : NULL);
drop_ref:
	peios_syscall_exit();
	return ret;
}

static long x64_mq_getsetattr(const struct pt_regs *regs)
{
	const struct mq_attr __user *unew = (void __user *)regs->si;
	struct mq_attr __user *uold = (void __user *)regs->dx;
	struct mq_attr new, old;
	long ret = -EFAULT;

	peios_syscall_test_delay();
	if (unew && copy_from_user(&new, unew, sizeof(new)))
		goto drop_ref;
	ret = peios_mq_getsetattr((int)regs->di, unew ? &new : NULL,
				  uold ? &old : NULL);
	if (!ret && uold && copy_to_user(uold, &old, sizeof(old)))
		ret = -EFAULT;
drop_ref:
	peios_syscall_exit();
	return ret;
}

static struct peios_redirect x64_redirects[] = {
	PEIOS_REDIRECT("__x64_sys_mq_open", x64_mq_open),
	PEIOS_REDIRECT("__x64_sys_mq_unlink", x64_mq_unlink),
	PEIOS_REDIRECT("__x64_sys_mq_timedsend", x64_mq_timedsend),
	PEIOS_REDIRECT("__x64_sys_mq_timedreceive", x64_mq_timedreceive),
	PEIOS_REDIRECT("__x64_sys_mq_notify", x64_mq_notify),
	PEIOS_REDIRECT("__x64_sys_mq_getsetattr", x64_mq_getsetattr),
};

int peios_syscalls_init(void)
{
	int ret;

	ret = peios_redirect_install(x64_redirects, ARRAY_SIZE(x64_redirects));
	if (ret)
		return ret;
	ret = peios_syscalls_ia32_init();
	if (ret)
		peios_redirect_remove(x64_redirects, ARRAY_SIZE(x64_redirects));
	return ret;
}

void peios_syscalls_exit(void)
{
	peios_syscalls_ia32_exit();
	peios_redirect_remove(x64_redirects, ARRAY_SIZE(x64_redirects));
}
