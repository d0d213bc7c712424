// SPDX-License-Identifier: GPL-2.0
/*
 * The mqueue filesystem's queues and their names: creating a queue (from
 * mq_open(O_CREAT), or creat(2) in a mounted /dev/mqueue), evicting it,
 * and mq_open and mq_unlink by name in the caller's namespace.  Every
 * namespace operation passes the security hook through fs/base/object.c;
 * the queue itself is the engine's struct mq_queue.
 *
 * Locking: the root directory's inode lock serialises creating and
 * removing names; mq_open holds it from the lookup to the open, so a
 * queue's creator field is set and cleared under it.
 */
#include <linux/fs.h>
#include <linux/mqueue.h>
#include <linux/namei.h>
#include <linux/sched.h>
#include <linux/xattr.h>
#include <peios/compat.h>
#include <peios/identity.h>
#include <peios/mq_limits.h>
#include <peios/mq_ns.h>
#include "internal.h"

/*
 * What one create passes down, as Linux passes mqueue_create_attr() its
 * argument through vfs_mkobj(): the attributes, the creator, and whether
 * the creator's own open follows (mq_open, whose descriptor keeps the
 * rights it asked for whatever the new mode says; open(2) has the VFS's
 * FMODE_CREATED for that).
 */
struct mq_create_args {
	const struct mq_attr *attr;	/* NULL: the namespace's defaults */
	const struct peios_identity *id;
	bool creator_opens;
};

static int mq_queue_attrs(const struct peios_mq_limits *l,
			  const struct mq_attr *attr, bool quota, long *maxmsg,
			  long *msgsize)
{
	if (!attr) {
		*maxmsg = min(l->msg_max, l->msg_default);
		*msgsize = min(l->msgsize_max, l->msgsize_default);
		return 0;
	}
	*maxmsg = attr->mq_maxmsg;
	*msgsize = attr->mq_msgsize;
	return mq_attr_check(*maxmsg, *msgsize, l->msg_max, l->msgsize_max,
			     quota);
}

/*
 * Create the queue @dentry in @dir: the directory must grant
 * FILE_ADD_FILE, the attributes must fit the namespace's limits, the
 * namespace must have room and the creator's RLIMIT_MSGQUEUE must cover
 * the queue.  Nothing is left behind on failure.
 */
static int mq_create_queue(struct inode *dir, struct dentry *dentry,
			   umode_t mode, const struct mq_create_args *args)
{
	struct peios_mq_ns *ns = sb_ns(dir->i_sb);
	bool quota = peios_token_has_privilege(&args->id->token,
					       PEIOS_PRIV_INCREASE_QUOTA);
	struct peios_mq_limits limits;
	struct inode *inode;
	struct mq_inode *mi;
	long maxmsg, msgsize;
	int ret;

	ret = peios_object_may_create(dir, args->id);
	if (ret)
		return ret;
	peios_mq_ns_limits(ns, &limits);
	/*
	 * Linux's order: the queue count before the attributes, compared
	 * unsigned (a negative queues_max is no limit).
	 */
	if ((unsigned int)atomic_read(&ns->queues) >=
	    (unsigned int)limits.queues_max && !quota)
		return -ENOSPC;
	ret = mq_queue_attrs(&limits, args->attr, quota, &maxmsg, &msgsize);
	if (ret)
		return ret;
	inode = peios_new_inode(dir->i_sb, S_IFREG | (mode & 0777));
	if (!inode)
		return -ENOMEM;
	mi = MQ_I(inode);
	mq_queue_init(&mi->queue, maxmsg, msgsize);
	inode->i_op = &peios_object_file_iops;
	inode->i_fop = &mq_file_ops;
	inode->i_size = MQ_STATUS_LEN;
	/* From here on eviction undoes what is set up. */
	mi->ns = peios_mq_ns_get(ns);
	peios_mq_ns_queue_added(ns);
	ret = peios_mq_charge(mq_queue_charge(maxmsg, msgsize), &mi->charged);
	if (!ret)
		mi->charge = mq_queue_charge(maxmsg, msgsize);
	if (!ret)
		ret = peios_object_create_sd(dir, inode, mode, args->id);
	if (ret) {
		iput(inode);
		return ret;
	}
	/* Before the name is visible; mq_open_locked() clears it. */
	if (args->creator_opens)
		mi->creator = current;
	simple_inode_init_ts(dir);
	d_make_persistent(dentry, inode);
	return 0;
}

void mq_evict_inode(struct inode *inode)
{
	struct mq_inode *mi = MQ_I(inode);

	clear_inode(inode);
	if (!S_ISREG(inode->i_mode))
		return;
	mq_notify_drop(mi);
	mq_queue_destroy(&mi->queue);
	if (mi->charged)
		peios_mq_uncharge(mi->charged, mi->charge);
	if (mi->ns) {
		peios_mq_ns_queue_removed(mi->ns);
		peios_mq_ns_put(mi->ns);
	}
}

/* open(O_CREAT) or creat(2) in a mounted /dev/mqueue. */
static int mq_vfs_create(PEIOS_CREATE_PARAMS(idmap, dir, dentry, mode))
{
	struct peios_mq_ns *ns = sb_ns(dir->i_sb);
	struct mq_create_args args = { .attr = NULL };
	struct vfsmount *mnt;
	int ret;

	/*
	 * The queue must outlive this mount: make sure the namespace's
	 * internal mount holds the superblock too (unless the namespace is
	 * dead, and this mount the only way left to its queues).
	 */
	mnt = peios_mq_ns_mount(ns);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	args.id = peios_identity_current();
	ret = args.id ? mq_create_queue(dir, dentry, mode, &args) : -ENOMEM;
	if (args.id)
		peios_identity_put((struct peios_identity *)args.id);
	if (mnt)
		peios_mq_ns_unmount(ns);
	return ret;
}

const struct inode_operations mq_dir_iops = {
	.lookup = simple_lookup,
	.create = mq_vfs_create,
	.unlink = peios_object_unlink,
	.permission = peios_object_permission,
	.getattr = peios_object_getattr,
	.setattr = peios_object_setattr,
	.listxattr = generic_listxattr,
};

/* --- mq_open and mq_unlink by name -------------------------------------- */

/*
 * ->open makes the check and records the grant.  An O_PATH open (as Linux
 * allows mq_open to make) runs no ->open: it is granted nothing, and is no
 * queue descriptor to the mq_* calls.
 */
static struct file *mq_open_dentry(struct vfsmount *mnt, struct dentry *dentry,
				   int oflag)
{
	const struct path path = { .mnt = mnt, .dentry = dentry };

	return dentry_open(&path, oflag, current_cred());
}

/* A new queue @dentry, opened by its creator. */
static struct file *mq_create_open(struct vfsmount *mnt, struct dentry *dentry,
				   int oflag, umode_t mode,
				   const struct mq_attr *attr,
				   const struct peios_identity *id)
{
	const struct mq_create_args args = {
		.attr = attr, .id = id, .creator_opens = true,
	};
	struct file *file;
	int ret;

	ret = mq_create_queue(d_inode(mnt->mnt_root), dentry, mode, &args);
	if (ret)
		return ERR_PTR(ret);
	file = mq_open_dentry(mnt, dentry, oflag);
	/* Any later open, by this task too, is judged by the descriptor. */
	WRITE_ONCE(MQ_I(d_inode(dentry))->creator, NULL);
	/*
	 * A create whose own open fails (O_DIRECT: EINVAL) leaves no queue
	 * behind.  Linux's leaves the new queue in place; the errno is the
	 * same.  The directory lock is held, so the name is still ours.
	 */
	if (IS_ERR(file)) {
		simple_unlink(d_inode(mnt->mnt_root), dentry);
		d_delete(dentry);
	}
	return file;
}

static struct file *mq_open_locked(struct vfsmount *mnt, const char *name,
				   int oflag, umode_t mode,
				   const struct mq_attr *attr,
				   const struct peios_identity *id)
{
	struct dentry *dentry;
	struct file *file;
	int ret;

	dentry = lookup_noperm(&QSTR(name), mnt->mnt_root);
	if (IS_ERR(dentry))
		return ERR_CAST(dentry);
	if (d_really_is_negative(dentry)) {
		file = ERR_PTR(-ENOENT);
		if (oflag & O_CREAT)
			file = mq_create_open(mnt, dentry, oflag, mode, attr,
					      id);
		goto out;
	}
	if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		ret = -EEXIST;
	} else if ((oflag & O_ACCMODE) == O_ACCMODE) {
		/* Linux's order: only an existing queue refuses this mode. */
		ret = -EINVAL;
	} else if (oflag & O_PATH) {
		/* No ->open will run: check here, as Linux checks it too. */
		ret = peios_object_check(d_inode(dentry), PEIOS_OP_OPEN, id,
					 peios_open_required(oflag), 0, NULL);
	} else {
		/* ->open makes the check (peios_object_open_granted()). */
		ret = 0;
	}
	file = ret ? ERR_PTR(ret) : mq_open_dentry(mnt, dentry, oflag);
out:
	dput(dentry);
	return file;
}

/*
 * The caller's namespace (into *@ns, referenced) and its internal mount,
 * where mq_open and mq_unlink resolve names whatever is mounted where;
 * -ENOENT once the namespace has died.
 */
static struct vfsmount *mq_mount_current(struct peios_mq_ns **ns)
{
	struct vfsmount *mnt;

	*ns = peios_mq_ns_current();
	if (IS_ERR(*ns))
		return ERR_CAST(*ns);
	mnt = peios_mq_ns_mount(*ns);
	if (IS_ERR_OR_NULL(mnt)) {
		peios_mq_ns_put(*ns);
		return mnt ? mnt : ERR_PTR(-ENOENT);
	}
	return mnt;
}

static void mq_unmount_current(struct peios_mq_ns *ns)
{
	peios_mq_ns_unmount(ns);
	peios_mq_ns_put(ns);
}

struct file *peios_mq_open_name(const char *name, int oflag, umode_t mode,
				const struct mq_attr *attr)
{
	struct peios_identity *id;
	struct peios_mq_ns *ns;
	bool need_id;
	struct vfsmount *mnt;
	struct file *file;

	mnt = mq_mount_current(&ns);
	if (IS_ERR(mnt))
		return ERR_CAST(mnt);
	/*
	 * Only creating and O_PATH opens check here; any other open is
	 * checked by ->open, which looks the identity up itself.
	 */
	need_id = oflag & (O_CREAT | O_PATH);
	id = need_id ? peios_identity_current() : NULL;
	if (need_id && !id) {
		file = ERR_PTR(-ENOMEM);
		goto out;
	}
	inode_lock(d_inode(mnt->mnt_root));
	file = mq_open_locked(mnt, name, oflag, mode & ~current_umask(), attr,
			      id);
	inode_unlock(d_inode(mnt->mnt_root));
	if (id)
		peios_identity_put(id);
out:
	mq_unmount_current(ns);
	return file;
}

int peios_mq_unlink_name(const char *name)
{
	struct peios_identity *id;
	struct peios_mq_ns *ns;
	struct dentry *dentry;
	struct vfsmount *mnt;
	struct inode *dir;
	int ret;

	mnt = mq_mount_current(&ns);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	dir = d_inode(mnt->mnt_root);
	id = peios_identity_current();
	ret = id ? 0 : -ENOMEM;
	inode_lock_nested(dir, I_MUTEX_PARENT);
	dentry = ret ? NULL : lookup_noperm(&QSTR(name), mnt->mnt_root);
	if (IS_ERR(dentry)) {
		ret = PTR_ERR(dentry);
	} else if (dentry && d_really_is_negative(dentry)) {
		ret = -ENOENT;
	} else if (dentry) {
		/* ->unlink (peios_object_unlink) makes the security check. */
		ret = vfs_unlink(&nop_mnt_idmap, dir, dentry, NULL);
	}
	inode_unlock(dir);
	if (!IS_ERR_OR_NULL(dentry))
		dput(dentry);
	if (id)
		peios_identity_put(id);
	mq_unmount_current(ns);
	return ret;
}
