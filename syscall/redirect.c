// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall redirection: ftrace ops that send the kernel's -ENOSYS stubs for
 * the mq_* syscalls to this module's handlers.
 *
 * Unload safety: the ftrace callback takes a module reference before it
 * redirects, and each handler drops it when done.  While any call is inside
 * the module, delete_module() therefore refuses with -EBUSY.  If the module
 * is already going, try_module_get() fails and the call falls through to the
 * stub (-ENOSYS), exactly as if the module were not loaded.  The last few
 * instructions of a handler, after it dropped its reference, are covered by
 * unregister_ftrace_function(): on a preemptible kernel it waits for an RCU
 * tasks grace period, which no task preempted inside module text can end.
 */
#include <linux/module.h>
#include <linux/ftrace.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#include <peios/redirect.h>

/*
 * Where ftrace passes the argument registers (WITH_ARGS, as x86-64), the
 * light trampoline can change the instruction pointer too, as livepatch
 * relies on; only older arches need the full register save.  No recursion
 * guard: the callback calls nothing that could reach a redirected stub.
 */
#ifdef CONFIG_DYNAMIC_FTRACE_WITH_ARGS
#define PEIOS_REDIRECT_SAVE_REGS 0
#else
#define PEIOS_REDIRECT_SAVE_REGS FTRACE_OPS_FL_SAVE_REGS
#endif
#define PEIOS_REDIRECT_FLAGS (PEIOS_REDIRECT_SAVE_REGS |		\
			      FTRACE_OPS_FL_IPMODIFY |		\
			      FTRACE_OPS_FL_PERMANENT)

static void notrace peios_redirect_call(unsigned long ip,
					unsigned long parent_ip,
					struct ftrace_ops *ops,
					struct ftrace_regs *fregs)
{
	struct peios_redirect *r = container_of(ops, struct peios_redirect,
						ops);

	if (!try_module_get(THIS_MODULE))
		return;
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)r->handler);
}

void peios_syscall_exit(void)
{
	module_put(THIS_MODULE);
}

static int peios_redirect_one(struct peios_redirect *r)
{
	/* ftrace_set_filter() may write into the buffer it is given. */
	char name[KSYM_NAME_LEN];
	int ret;

	strscpy(name, r->stub, sizeof(name));
	r->ops.func = peios_redirect_call;
	r->ops.flags = PEIOS_REDIRECT_FLAGS;
	ret = ftrace_set_filter(&r->ops, name, strlen(name), 1);
	if (ret) {
		pr_err("peios_ipc: cannot trace %s (%d): kernel lacks the syscall stub or ftrace support\n",
		       r->stub, ret);
		return ret;
	}
	ret = register_ftrace_function(&r->ops);
	if (ret) {
		pr_err("peios_ipc: cannot redirect %s (%d)\n", r->stub, ret);
		ftrace_free_filter(&r->ops);
		return ret;
	}
	r->active = true;
	return 0;
}

static void peios_unredirect_one(struct peios_redirect *r)
{
	if (!r->active)
		return;
	unregister_ftrace_function(&r->ops);
	ftrace_free_filter(&r->ops);
	r->active = false;
}

int peios_redirect_install(struct peios_redirect *table, size_t n)
{
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = peios_redirect_one(&table[i]);
		if (ret) {
			peios_redirect_remove(table, i);
			return ret;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(peios_redirect_install);

void peios_redirect_remove(struct peios_redirect *table, size_t n)
{
	while (n--)
		peios_unredirect_one(&table[n]);
}
EXPORT_SYMBOL_IF_KUNIT(peios_redirect_remove);
