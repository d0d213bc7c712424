// SPDX-License-Identifier: GPL-2.0
/*
 * The "mqueue" filesystem's superblocks and mounts: one superblock per IPC
 * namespace (keyed by the namespace's struct peios_mq_ns), mounted by user
 * space at /dev/mqueue and from inside the module as the namespace's
 * internal mount (fs/mqueue/ns.c).  The plumbing both filesystems share is
 * fs/base/super.c.
 *
 * On a kernel with POSIX message queues of its own, the name "mqueue" is
 * taken over while the module is loaded (stands_in, fs/base/super.c).
 *
 * Locking: s_umount, held by the VFS, covers a later mount's sd=.
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/ipc_namespace.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include <peios/compat.h>
#include <peios/fs.h>
#include <peios/mq_ns.h>
#include "internal.h"

struct mq_fs_context {
	struct peios_sd_opt sd;
	struct peios_mq_ns *ns;	/* a user mount's namespace, referenced */
};

static const struct super_operations mq_super_ops = {
	.alloc_inode = peios_alloc_inode,
	.free_inode = peios_free_inode,
	.evict_inode = mq_evict_inode,
	.statfs = simple_statfs,
};

static int mq_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct mq_fs_context *ctx = fc->fs_private;

	sb->s_iflags |= SB_I_NOEXEC | SB_I_NODEV;
	peios_compat_sb_dontcache(sb);
	/* Dropped by mq_kill_sb(), which runs even if this fails. */
	peios_mq_ns_get(sb_ns(sb));
	return peios_fill_super(sb, PEIOS_MQUEUE_MAGIC, &mq_super_ops,
				&mq_dir_iops, &ctx->sd);
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
	/*
	 * sd= on a later mount of an existing namespace replaces the root's
	 * SD.  Not under the inode lock: s_umount is held, and creating a
	 * queue takes the inode lock before (through the internal mount)
	 * s_umount.
	 */
	if (!ret && !(fc->sb_flags & SB_KERNMOUNT))
		ret = peios_sd_opt_apply(&ctx->sd, fc->root);
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
	return peios_sd_opt_parse(&ctx->sd, param->string);
}

static void mq_free_fc(struct fs_context *fc)
{
	struct mq_fs_context *ctx = fc->fs_private;

	if (ctx) {
		peios_sd_opt_free(&ctx->sd);
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

struct peios_fs_type mqueue_fs_type = {
	.type = {
		.owner		 = THIS_MODULE,
		.name		 = "mqueue",
		.init_fs_context = mq_init_fs_context,
		.parameters	 = mq_params,
		.kill_sb	 = mq_kill_sb,
		.fs_flags	 = FS_USERNS_MOUNT,
	},
	.inode_cache_name = "peios_mq_inode",
	.inode_size = sizeof(struct mq_inode),
	.stands_in = true,	/* the kernel's own mqueue, while loaded */
};

struct vfsmount *peios_mqueue_kern_mount(struct peios_mq_ns *ns)
{
	struct fs_context *fc;
	struct vfsmount *mnt;

	fc = fs_context_for_mount(&mqueue_fs_type.type, SB_KERNMOUNT);
	if (IS_ERR(fc))
		return ERR_CAST(fc);
	fc->s_fs_info = ns;
	mq_owner_user_ns(fc, ns);
	mnt = fc_mount_longterm(fc);
	put_fs_context(fc);
	return mnt;
}

int peios_mqueue_fs_init(void)
{
	return peios_fs_register(&mqueue_fs_type);
}

void peios_mqueue_fs_exit(void)
{
	/* No superblock is left: each would have kept the module busy. */
	peios_fs_unregister(&mqueue_fs_type);
	peios_mq_ns_exit();
}
