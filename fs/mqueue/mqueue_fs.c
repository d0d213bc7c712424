// SPDX-License-Identifier: GPL-2.0
/*
 * The "mqueue" filesystem: one superblock per IPC namespace (keyed by the
 * namespace's struct peios_mq_ns), a root directory and one regular file
 * per queue.  Every namespace operation passes the security hook through
 * fs/base/object.c; the queue itself is the engine's struct mq_queue.
 *
 * Registering the name "mqueue" doubles as the check that the kernel has
 * no POSIX message queues of its own.
 *
 * Locking: the root directory's inode lock serialises creating and
 * removing names; a queue's notification slot is under its queue lock.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/ipc_namespace.h>
#include <linux/module.h>
#include <linux/mqueue.h>
#include <linux/namei.h>
#include <linux/pid.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include <linux/xattr.h>
#include <peios/compat.h>
#include <peios/fs.h>
#include <peios/identity.h>
#include <peios/mq_limits.h>
#include <peios/mq_ns.h>
#include <peios/mqueue_fs.h>

#define MQ_STATUS_LEN 80	/* the read(2) status line */

static struct kmem_cache *mq_inode_cachep;
static const struct file_operations mq_file_ops;
static const struct inode_operations mq_dir_iops;
static const struct inode_operations mq_file_iops;
static struct file_system_type mqueue_fs_type;

/* A queue file's per-open data: only the granted mask. */

struct mq_fs_context {
	u8 *sd;			/* sd= mount option, binary */
	size_t sd_len;
	struct peios_mq_ns *ns;	/* a user mount's namespace, referenced */
};

static struct peios_mq_ns *sb_ns(const struct super_block *sb)
{
	return sb->s_fs_info;
}

/* --- inodes ------------------------------------------------------------ */

static struct inode *mq_alloc_inode(struct super_block *sb)
{
	struct mq_inode *mi = alloc_inode_sb(sb, mq_inode_cachep, GFP_KERNEL);

	if (!mi)
		return NULL;
	RCU_INIT_POINTER(mi->pi.sdv, NULL);
	mi->ns = NULL;
	mi->charged = NULL;
	mi->charge = 0;
	memset(&mi->notify, 0, sizeof(mi->notify));
	return &mi->pi.vfs_inode;
}

static void mq_free_inode(struct inode *inode)
{
	peios_object_free_sd(inode);
	kmem_cache_free(mq_inode_cachep, MQ_I(inode));
}

static void mq_evict_inode(struct inode *inode)
{
	struct mq_inode *mi = MQ_I(inode);

	clear_inode(inode);
	if (!S_ISREG(inode->i_mode))
		return;
	spin_lock(&mi->queue.lock);
	mq_notify_remove(&mi->notify);
	spin_unlock(&mi->queue.lock);
	mq_queue_destroy(&mi->queue);
	if (mi->charged)
		peios_mq_uncharge(mi->charged, mi->charge);
	if (mi->ns) {
		peios_mq_ns_queue_removed(mi->ns);
		peios_mq_ns_put(mi->ns);
	}
}

static const struct super_operations mq_super_ops = {
	.alloc_inode = mq_alloc_inode,
	.free_inode = mq_free_inode,
	.evict_inode = mq_evict_inode,
	.statfs = simple_statfs,
};

static struct inode *mq_new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	simple_inode_init_ts(inode);
	return inode;
}

/* --- queue creation ------------------------------------------------------ */

struct mq_create_args {
	const struct mq_attr *attr;	/* NULL: the namespace's defaults */
	const struct peios_identity *id;
};

static int mq_queue_attrs(struct peios_mq_ns *ns, const struct mq_attr *attr,
			  bool quota, long *maxmsg, long *msgsize)
{
	const struct peios_mq_limits *l = &ns->limits;

	if (!attr) {
		*maxmsg = min(READ_ONCE(l->msg_max), READ_ONCE(l->msg_default));
		*msgsize = min(READ_ONCE(l->msgsize_max),
			       READ_ONCE(l->msgsize_default));
		return 0;
	}
	*maxmsg = attr->mq_maxmsg;
	*msgsize = attr->mq_msgsize;
	return mq_attr_check(*maxmsg, *msgsize, READ_ONCE(l->msg_max),
			     READ_ONCE(l->msgsize_max), quota);
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
	struct inode *inode;
	struct mq_inode *mi;
	long maxmsg, msgsize;
	int ret;

	ret = peios_object_may_create(dir, args->id);
	if (ret)
		return ret;
	/*
	 * Linux's order: the queue count before the attributes, compared
	 * unsigned (a negative queues_max is no limit).
	 */
	if ((unsigned int)atomic_read(&ns->queues) >=
	    (unsigned int)READ_ONCE(ns->limits.queues_max) && !quota)
		return -ENOSPC;
	ret = mq_queue_attrs(ns, args->attr, quota, &maxmsg, &msgsize);
	if (ret)
		return ret;
	inode = mq_new_inode(dir->i_sb, S_IFREG | (mode & 0777));
	if (!inode)
		return -ENOMEM;
	mi = MQ_I(inode);
	mq_queue_init(&mi->queue, maxmsg, msgsize);
	inode->i_op = &mq_file_iops;
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
	simple_inode_init_ts(dir);
	d_make_persistent(dentry, inode);
	return 0;
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

static int mq_vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct peios_identity *id = peios_identity_current();
	int ret;

	if (!id)
		return -ENOMEM;
	ret = peios_object_may_delete(dir, d_inode(dentry), id);
	peios_identity_put(id);
	if (ret)
		return ret;
	return simple_unlink(dir, dentry);
}

static const struct inode_operations mq_dir_iops = {
	.lookup = simple_lookup,
	.create = mq_vfs_create,
	.unlink = mq_vfs_unlink,
	.permission = peios_object_permission,
	.getattr = peios_object_getattr,
	.setattr = peios_object_setattr,
	.listxattr = generic_listxattr,
};

static const struct inode_operations mq_file_iops = {
	.permission = peios_object_permission,
	.getattr = peios_object_getattr,
	.setattr = peios_object_setattr,
	.listxattr = generic_listxattr,
};

/* --- queue files -------------------------------------------------------- */

/* Is this mq_open(O_CREAT)'s open of the queue it just made? */
static bool is_new_queue(struct inode *inode)
{
	struct peios_mq_ns *ns = sb_ns(inode->i_sb);

	return READ_ONCE(ns->new_queue) == inode &&
	       READ_ONCE(ns->new_queue_task) == current;
}

/*
 * The open's check and what it is granted (peios_object_open_granted):
 * open(2) and mq_open of an existing queue alike; open(O_CREAT) in a
 * mounted /dev/mqueue and mq_open(O_CREAT) that made the queue are
 * creators.
 */
static int mq_file_open(struct inode *inode, struct file *file)
{
	u32 granted;
	int ret;

	ret = peios_object_open_granted(inode, file, is_new_queue(inode),
					&granted);
	if (ret)
		return ret;
	/* The grant is all an open keeps: no allocation for it. */
	file->private_data = (void *)(uintptr_t)granted;
	return 0;
}

/* Closing the registering process's descriptor removes its registration. */
static int mq_file_flush(struct file *file, fl_owner_t id)
{
	struct mq_inode *mi = MQ_I(file_inode(file));

	spin_lock(&mi->queue.lock);
	if (mq_notify_owned_by_current(&mi->notify))
		mq_notify_remove(&mi->notify);
	spin_unlock(&mi->queue.lock);
	return 0;
}

static ssize_t mq_file_read(struct file *file, char __user *buf, size_t count,
			    loff_t *ppos)
{
	struct inode *inode = file_inode(file);
	struct mq_inode *mi = MQ_I(inode);
	char line[MQ_STATUS_LEN];
	int ret;

	ret = peios_hook_handle(inode->i_ino, PEIOS_OP_GETATTR,
				peios_mq_file_granted(file),
				PEIOS_FILE_READ_ATTRIBUTES);
	if (ret)
		return ret;
	spin_lock(&mi->queue.lock);
	snprintf(line, sizeof(line),
		 "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		 mi->queue.qsize, mi->notify.owner ? mi->notify.type : 0,
		 mi->notify.owner && mi->notify.type == SIGEV_SIGNAL ?
		 mi->notify.signo : 0, pid_vnr(mi->notify.owner));
	spin_unlock(&mi->queue.lock);
	return simple_read_from_buffer(buf, count, ppos, line, strlen(line));
}

static __poll_t mq_file_poll(struct file *file, struct poll_table_struct *pt)
{
	struct mq_inode *mi = MQ_I(file_inode(file));

	poll_wait(file, &mi->queue.poll_wait, pt);
	return mq_queue_poll_mask(&mi->queue);
}

static const struct file_operations mq_file_ops = {
	.owner = THIS_MODULE,
	.open = mq_file_open,
	.flush = mq_file_flush,
	.read = mq_file_read,
	.poll = mq_file_poll,
	.llseek = default_llseek,
};

struct mq_inode *peios_mq_file_queue(const struct file *file)
{
	return file->f_op == &mq_file_ops ? MQ_I(file_inode(file)) : NULL;
}

/* --- superblock and mounts ------------------------------------------------ */

static int mq_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct mq_fs_context *ctx = fc->fs_private;
	struct inode *root;
	u8 *sd = ctx->sd;
	size_t len = ctx->sd_len;
	int ret;

	sb->s_iflags |= SB_I_NOEXEC | SB_I_NODEV;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = PEIOS_MQUEUE_MAGIC;
	sb->s_op = &mq_super_ops;
	sb->s_xattr = peios_object_xattr_handlers;
	peios_compat_sb_dontcache(sb);
	peios_mq_ns_get(sb_ns(sb));

	root = mq_new_inode(sb, S_IFDIR | 0777);
	if (!root)
		return -ENOMEM;
	root->i_op = &mq_dir_iops;
	root->i_fop = &simple_dir_operations;
	inc_nlink(root);
	if (!sd)
		ret = peios_sd_from_sddl(peios_default_root_sddl, &sd, &len);
	else
		ret = 0;
	if (!ret)
		ret = peios_object_set_sd(root, sd, len);
	if (sd != ctx->sd)
		kfree(sd);
	if (ret) {
		iput(root);
		return ret;
	}
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

/* sd= on a later mount of an existing namespace replaces the root's SD. */
static int mq_apply_root_sd(struct fs_context *fc)
{
	struct mq_fs_context *ctx = fc->fs_private;

	if (!ctx->sd)
		return 0;
	/*
	 * Not the inode lock: s_umount is held, and creating a queue takes
	 * the inode lock before (through the internal mount) s_umount.
	 */
	return peios_object_replace_sd(d_inode(fc->root), ctx->sd,
				       ctx->sd_len);
}

/*
 * Every mount of a namespace's queues belongs to the user namespace that
 * owns the IPC namespace, as Linux's mqueue does: so mounting (and with
 * it sd=, which replaces the root's descriptor) needs CAP_SYS_ADMIN over
 * that user namespace, not merely over one the mounter just created, and
 * user and internal mounts of one namespace always share one superblock.
 */
static void mq_owner_user_ns(struct fs_context *fc, struct peios_mq_ns *ns)
{
	put_user_ns(fc->user_ns);
	fc->user_ns = get_user_ns(ns->ipc_ns->user_ns);
}

static int mq_get_tree(struct fs_context *fc)
{
	struct mq_fs_context *ctx = fc->fs_private;
	struct peios_mq_ns *ns = fc->s_fs_info;
	int ret;

	/* A user mount shows the mounter's namespace. */
	if (!ns)
		ns = ctx->ns;
	if (!ns)
		return -EINVAL;
	/* A new superblock takes its own reference. */
	ret = get_tree_keyed(fc, mq_fill_super, ns);
	if (!ret && !(fc->sb_flags & SB_KERNMOUNT))
		ret = mq_apply_root_sd(fc);
	return ret;
}

enum { OPT_SD };

static const struct fs_parameter_spec mq_params[] = {
	fsparam_string("sd", OPT_SD),
	{}
};

static int mq_parse_param(struct fs_context *fc, struct fs_parameter *param)
{
	struct mq_fs_context *ctx = fc->fs_private;
	struct fs_parse_result result;
	int opt;

	opt = fs_parse(fc, mq_params, param, &result);
	if (opt < 0)
		return opt;
	kfree(ctx->sd);
	ctx->sd = NULL;
	/* Malformed SDDL fails log-free, as every SD input does. */
	if (peios_sd_from_sddl(param->string, &ctx->sd, &ctx->sd_len))
		return -EINVAL;
	return 0;
}

static void mq_free_fc(struct fs_context *fc)
{
	struct mq_fs_context *ctx = fc->fs_private;

	if (ctx) {
		kfree(ctx->sd);
		if (ctx->ns)
			peios_mq_ns_put(ctx->ns);
	}
	kfree(ctx);
}

static const struct fs_context_operations mq_context_ops = {
	.get_tree = mq_get_tree,
	.parse_param = mq_parse_param,
	.free = mq_free_fc,
};

static int mq_init_fs_context(struct fs_context *fc)
{
	struct mq_fs_context *ctx;
	struct peios_mq_ns *ns;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	fc->fs_private = ctx;
	fc->ops = &mq_context_ops;
	/* The internal mount names its namespace itself. */
	if (fc->purpose != FS_CONTEXT_FOR_MOUNT ||
	    (fc->sb_flags & SB_KERNMOUNT))
		return 0;
	ns = peios_mq_ns_current();
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	ctx->ns = ns;
	mq_owner_user_ns(fc, ns);
	return 0;
}

static void mq_kill_sb(struct super_block *sb)
{
	struct peios_mq_ns *ns = sb_ns(sb);

	peios_compat_kill_super(sb);
	peios_mq_ns_put(ns);
}

static struct file_system_type mqueue_fs_type = {
	.owner		 = THIS_MODULE,
	.name		 = "mqueue",
	.init_fs_context = mq_init_fs_context,
	.parameters	 = mq_params,
	.kill_sb	 = mq_kill_sb,
	.fs_flags	 = FS_USERNS_MOUNT,
};

struct vfsmount *peios_mqueue_kern_mount(struct peios_mq_ns *ns)
{
	struct fs_context *fc;
	struct vfsmount *mnt;

	fc = fs_context_for_mount(&mqueue_fs_type, SB_KERNMOUNT);
	if (IS_ERR(fc))
		return ERR_CAST(fc);
	fc->s_fs_info = ns;
	mq_owner_user_ns(fc, ns);
	mnt = fc_mount_longterm(fc);
	put_fs_context(fc);
	return mnt;
}

/* --- mq_open and mq_unlink by name -------------------------------------- */

static struct file *mq_open_dentry(struct vfsmount *mnt, struct dentry *dentry,
				   int oflag)
{
	const struct path path = { .mnt = mnt, .dentry = dentry };

	/*
	 * ->open makes the check and records the grant.  An O_PATH open (as
	 * Linux allows mq_open to make) runs no ->open: it is granted
	 * nothing, and is no queue descriptor to the mq_* calls.
	 */
	return dentry_open(&path, oflag, current_cred());
}

static struct file *mq_open_locked(struct vfsmount *mnt, const char *name,
				   int oflag, umode_t mode,
				   const struct mq_attr *attr,
				   const struct peios_identity *id)
{
	struct dentry *root = mnt->mnt_root;
	struct inode *dir = d_inode(root);
	struct mq_create_args args = { .attr = attr, .id = id };
	struct peios_mq_ns *ns = sb_ns(dir->i_sb);
	struct dentry *dentry;
	struct file *file;
	int ret;

	dentry = lookup_noperm(&QSTR(name), root);
	if (IS_ERR(dentry))
		return ERR_CAST(dentry);
	if (d_really_is_negative(dentry)) {
		ret = -ENOENT;
		if (oflag & O_CREAT)
			ret = mq_create_queue(dir, dentry, mode, &args);
		if (!ret) {
			/* The root's lock, held, serialises these. */
			WRITE_ONCE(ns->new_queue_task, current);
			WRITE_ONCE(ns->new_queue, d_inode(dentry));
		}
	} else if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
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
	WRITE_ONCE(ns->new_queue, NULL);
	dput(dentry);
	return file;
}

struct file *peios_mq_open_name(const char *name, int oflag, umode_t mode,
				const struct mq_attr *attr)
{
	struct peios_identity *id;
	struct peios_mq_ns *ns;
	bool need_id;
	struct vfsmount *mnt;
	struct file *file;

	ns = peios_mq_ns_current();
	if (IS_ERR(ns))
		return ERR_CAST(ns);
	mnt = peios_mq_ns_mount(ns);
	if (IS_ERR_OR_NULL(mnt)) {
		peios_mq_ns_put(ns);
		return mnt ? ERR_CAST(mnt) : ERR_PTR(-ENOENT);
	}
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
	peios_mq_ns_unmount(ns);
	peios_mq_ns_put(ns);
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

	ns = peios_mq_ns_current();
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	mnt = peios_mq_ns_mount(ns);
	if (IS_ERR_OR_NULL(mnt)) {
		peios_mq_ns_put(ns);
		return mnt ? PTR_ERR(mnt) : -ENOENT;
	}
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
		/* ->unlink (mq_vfs_unlink) makes the security check. */
		ret = vfs_unlink(&nop_mnt_idmap, dir, dentry, NULL);
	}
	inode_unlock(dir);
	if (!IS_ERR_OR_NULL(dentry))
		dput(dentry);
	if (id)
		peios_identity_put(id);
	peios_mq_ns_unmount(ns);
	peios_mq_ns_put(ns);
	return ret;
}

/* --- registration -------------------------------------------------------- */

static void mq_inode_init_once(void *p)
{
	struct mq_inode *mi = p;

	inode_init_once(&mi->pi.vfs_inode);
}

int peios_mqueue_fs_init(void)
{
	int ret;

	mq_inode_cachep = kmem_cache_create("peios_mq_inode",
					    sizeof(struct mq_inode), 0,
					    SLAB_ACCOUNT, mq_inode_init_once);
	if (!mq_inode_cachep)
		return -ENOMEM;
	ret = register_filesystem(&mqueue_fs_type);
	if (ret == -EBUSY)
		pr_err("peios_ipc: the kernel already provides POSIX message queues (CONFIG_POSIX_MQUEUE=y); refusing to load\n");
	if (ret)
		goto undo_caches;
	return 0;

undo_caches:
	kmem_cache_destroy(mq_inode_cachep);
	return ret;
}

void peios_mqueue_fs_exit(void)
{
	unregister_filesystem(&mqueue_fs_type);
	peios_mq_ns_exit();
	/* Inodes are freed after an RCU grace period. */
	rcu_barrier();
	kmem_cache_destroy(mq_inode_cachep);
}
