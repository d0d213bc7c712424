// SPDX-License-Identifier: GPL-2.0
/*
 * The security hook (include/peios/hook.h): AccessCheck of the current
 * descriptor for namespace operations, the stored handle mask for use-time
 * operations, and a tracepoint for every decision.  Kernel-only; it sees
 * credentials through the identity provider and nothing of the VFS.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <kunit/visibility.h>
#include <peios/hook.h>
#include <peios/security/sec_constants.h>

#define CREATE_TRACE_POINTS
#include <peios/trace.h>

static const char *const op_names[PEIOS_OP_COUNT] = {
	[PEIOS_OP_OPEN] = "open",
	[PEIOS_OP_CREATE] = "create",
	[PEIOS_OP_UNLINK] = "unlink",
	[PEIOS_OP_LINK] = "link",
	[PEIOS_OP_RENAME] = "rename",
	[PEIOS_OP_STAT] = "stat",
	[PEIOS_OP_CHMOD] = "chmod",
	[PEIOS_OP_CHOWN] = "chown",
	[PEIOS_OP_READ_SD] = "read_sd",
	[PEIOS_OP_WRITE_SD] = "write_sd",
	[PEIOS_OP_LOOKUP] = "lookup",
	[PEIOS_OP_SEND] = "send",
	[PEIOS_OP_RECEIVE] = "receive",
	[PEIOS_OP_NOTIFY] = "notify",
	[PEIOS_OP_GETATTR] = "getattr",
	[PEIOS_OP_SETATTR] = "setattr",
	[PEIOS_OP_SEM_WAIT] = "sem_wait",
	[PEIOS_OP_SEM_POST] = "sem_post",
	[PEIOS_OP_SEM_GETVALUE] = "sem_getvalue",
	[PEIOS_OP_MMAP] = "mmap",
	[PEIOS_OP_READ] = "read",
	[PEIOS_OP_WRITE] = "write",
	[PEIOS_OP_TRUNCATE] = "truncate",
};

const char *peios_op_name(enum peios_op op)
{
	return op < PEIOS_OP_COUNT && op_names[op] ? op_names[op] : "?";
}

int peios_hook_check(const struct peios_object *obj, enum peios_op op,
		     const struct peios_identity *caller, u32 required,
		     u32 optional, u32 *granted)
{
	struct peios_access_result res;
	u32 desired = required;
	int ret;

	/* Optional rights are asked for through MAXIMUM_ALLOWED. */
	if (optional)
		desired |= PEIOS_MAXIMUM_ALLOWED;
	peios_access_check(obj->sd, &caller->token, &caller->psb, desired, 0,
			   &peios_file_mapping, &res);
	ret = res.status;
	if (!ret && (res.granted & required) != required) {
		ret = -EACCES;
		res.stage = PEIOS_AC_STAGE_DACL;
	}
	if (!ret)
		*granted = res.granted & (required | optional);
	trace_peios_access(peios_op_name(op), obj->id, required | optional,
			   ret ? 0 : *granted, ret, peios_ac_stage_name(res.stage));
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(peios_hook_check);

int peios_hook_handle(unsigned long id, enum peios_op op, u32 granted,
		      u32 required)
{
	int ret = 0;

	if ((granted & required) != required)
		ret = (op == PEIOS_OP_SEND || op == PEIOS_OP_RECEIVE) ?
		      -EBADF : -EACCES;
	trace_peios_access(peios_op_name(op), id, required, granted, ret,
			   ret ? "handle" : "none");
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(peios_hook_handle);
