/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Serving syscalls that the kernel compiled out.
 *
 * With CONFIG_POSIX_MQUEUE=n every mq_* syscall is a weak stub returning
 * -ENOSYS.  A module cannot add syscalls, so it points those stubs at its own
 * functions with an ftrace ops that rewrites the instruction pointer (the
 * mechanism livepatch uses).
 */
#ifndef _PEIOS_REDIRECT_H
#define _PEIOS_REDIRECT_H

#include <linux/ftrace.h>
#include <linux/ptrace.h>

/* A syscall handler takes the syscall's saved registers, like the stubs. */
typedef long (*peios_syscall_fn)(const struct pt_regs *regs);

struct peios_redirect {
	const char *stub;		/* symbol name of the kernel's stub */
	peios_syscall_fn handler;	/* where calls to it go instead */
	struct ftrace_ops ops;
	bool active;
};

#define PEIOS_REDIRECT(_stub, _handler) { .stub = _stub, .handler = _handler }

int peios_redirect_install(struct peios_redirect *table, size_t n);
void peios_redirect_remove(struct peios_redirect *table, size_t n);

/*
 * Every handler runs with a module reference taken on its behalf by the
 * redirection; it must end with peios_syscall_exit().
 */
void peios_syscall_exit(void);

#endif /* _PEIOS_REDIRECT_H */
