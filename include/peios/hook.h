/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security hook: the one place where a filesystem operation asks
 * whether the caller may do it.
 *
 * Live checks (open, create, unlink, link, stat, chmod, chown, SD read and
 * write) evaluate the object's current descriptor against the caller's
 * identity.  Handle checks (send, receive, notify, setattr, wait, post,
 * mmap, read, write) compare the mask stored on the open file when it was
 * opened, so later SD changes do not affect open handles.  Filesystems
 * hand the hook a descriptor and a mask, never an inode.
 */
#ifndef _PEIOS_HOOK_H
#define _PEIOS_HOOK_H

#include <peios/security/access.h>
#include <peios/identity.h>

enum peios_op {
	PEIOS_OP_OPEN,
	PEIOS_OP_CREATE,
	PEIOS_OP_UNLINK,
	PEIOS_OP_LINK,
	PEIOS_OP_RENAME,
	PEIOS_OP_STAT,
	PEIOS_OP_CHMOD,
	PEIOS_OP_CHOWN,
	PEIOS_OP_READ_SD,
	PEIOS_OP_WRITE_SD,
	PEIOS_OP_LOOKUP,
	/* handle checks */
	PEIOS_OP_SEND,
	PEIOS_OP_RECEIVE,
	PEIOS_OP_NOTIFY,
	PEIOS_OP_GETATTR,
	PEIOS_OP_SETATTR,
	PEIOS_OP_SEM_WAIT,
	PEIOS_OP_SEM_POST,
	PEIOS_OP_SEM_GETVALUE,
	PEIOS_OP_MMAP,
	PEIOS_OP_READ,
	PEIOS_OP_WRITE,
	PEIOS_OP_TRUNCATE,
	PEIOS_OP_COUNT
};

/*
 * The object as the hook sees it: its current descriptor, and an id for
 * tracing only.
 */
struct peios_object {
	const struct peios_sd *sd;
	unsigned long id;
};

/*
 * Live check: grant @required (all of it, or -EACCES) plus whichever of
 * @optional the descriptor also grants (legacy opens keep compatibility
 * rights without failing for them).  @caller is the caller's identity
 * (peios_identity_current()); the check never sleeps, so it may run under
 * RCU and in RCU path walk.
 */
int peios_hook_check(const struct peios_object *obj, enum peios_op op,
		     const struct peios_identity *caller, u32 required,
		     u32 optional, u32 *granted);

/*
 * Handle check: 0 when the handle's @granted mask holds all of @required,
 * else the errno Linux gives for the operation on a wrongly opened
 * descriptor (-EBADF for send and receive, -EACCES otherwise).
 */
int peios_hook_handle(unsigned long id, enum peios_op op, u32 granted,
		      u32 required);

const char *peios_op_name(enum peios_op op);

#endif /* _PEIOS_HOOK_H */
