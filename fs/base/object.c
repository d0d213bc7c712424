// SPDX-License-Identifier: GPL-2.0
/*
 * The glue between the filesystems and the security hook: each inode's
 * descriptor, the live checks of namespace operations, and the inode
 * operations both filesystems share (permission, getattr, setattr, unlink
 * and the system.peios.sd extended attribute).
 *
 * Locking: an inode's descriptor (peios_inode.sdv) is replaced only under
 * sd_write_lock, or before the inode is visible; checks read it under
 * rcu_read_lock().  sd_write_lock nests inside the inode lock and s_umount
 * (chmod, xattr writes, a remount's sd=) and takes no other lock, so
 * descriptor writes add no lock ordering between the VFS locks.  The uid,
 * gid and mode that stat shows are derived from the descriptor whenever it
 * is replaced; they carry no authority.
 */
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/highuid.h>
#include <linux/slab.h>
#include <linux/xattr.h>
#include <kunit/visibility.h>
#include <peios/identity.h>
#include <peios/security/mode.h>
#include <peios/new_sd.h>
#include <peios/object.h>
#include <peios/security/sd_edit.h>
#include <peios/sd_store.h>
#include <peios/security/sddl.h>

#define PEIOS_SD_XATTR "system.peios.sd"

/*
 * Owner SYSTEM; SYSTEM and Administrators full control, inherited by new
 * objects; Everyone may list, add files, traverse and read attributes.
 */
const char peios_default_root_sddl[] =
	"O:SYG:SYD:(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200A3;;;WD)";
EXPORT_SYMBOL_IF_KUNIT(peios_default_root_sddl);

int peios_sd_from_sddl(const char *sddl, u8 **sd, size_t *len)
{
	return peios_sddl_parse(sddl, strlen(sddl), sd, len);
}
EXPORT_SYMBOL_IF_KUNIT(peios_sd_from_sddl);

/* What stat shows, projected from the descriptor. */
static void sync_inode_attrs(struct inode *inode, const struct peios_sdv *v)
{
	const struct peios_sd *sd = v->sd;
	kuid_t uid = peios_identity_sid_uid(&sd->owner);
	kgid_t gid = sd->has_group ? peios_identity_sid_gid(&sd->group) :
		     INVALID_GID;
	u32 mode = v->mode;

	/* An unmapped id would make the VFS refuse link and unlink. */
	if (!uid_valid(uid))
		uid = make_kuid(&init_user_ns, overflowuid);
	if (!gid_valid(gid))
		gid = make_kgid(&init_user_ns, overflowgid);
	inode->i_uid = uid;
	inode->i_gid = gid;
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & 0777);
}

static DEFINE_MUTEX(sd_write_lock);

int peios_object_set_sd(struct inode *inode, const u8 *sd, size_t len)
{
	struct peios_inode *pi = PEIOS_I(inode);
	struct peios_sdv *v, *old;

	v = peios_sdv_get(sd, len);
	if (IS_ERR(v))
		return PTR_ERR(v);
	old = rcu_replace_pointer(pi->sdv, v, true);
	sync_inode_attrs(inode, v);
	if (old)
		peios_sdv_put(old);
	return 0;
}

int peios_object_replace_sd(struct inode *inode, const u8 *sd, size_t len)
{
	int ret;

	mutex_lock(&sd_write_lock);
	ret = peios_object_set_sd(inode, sd, len);
	mutex_unlock(&sd_write_lock);
	return ret;
}

void peios_object_free_sd(struct inode *inode)
{
	/* Called from ->free_inode, after an RCU grace period. */
	struct peios_sdv *v = rcu_access_pointer(PEIOS_I(inode)->sdv);

	if (v)
		peios_sdv_put(v);
}

/*
 * Copy the raw descriptor without the inode lock (callers may hold it
 * already): size it under RCU, allocate, copy under RCU, and start again
 * in the rare case that a larger descriptor was published in between.
 */
u8 *peios_object_copy_sd(struct inode *inode, size_t *len)
{
	const struct peios_sdv *v;
	size_t need;
	u8 *copy;

	rcu_read_lock();
	need = rcu_dereference(PEIOS_I(inode)->sdv)->sd->raw_len;
	rcu_read_unlock();
	for (;;) {
		copy = kmalloc(need, GFP_KERNEL);
		if (!copy)
			return NULL;
		rcu_read_lock();
		v = rcu_dereference(PEIOS_I(inode)->sdv);
		*len = v->sd->raw_len;
		if (*len <= need)
			memcpy(copy, v->sd->raw, *len);
		rcu_read_unlock();
		if (*len <= need)
			return copy;
		kfree(copy);
		need = *len;
	}
}

/* The directory's current descriptor version, with a reference. */
static struct peios_sdv *get_sdv(struct inode *inode)
{
	struct peios_sdv *v;

	rcu_read_lock();
	do {
		v = rcu_dereference(PEIOS_I(inode)->sdv);
	} while (!refcount_inc_not_zero(&v->ref));
	rcu_read_unlock();
	return v;
}

/* Give a new inode a stored version (it takes over the reference). */
static void install_sdv(struct inode *inode, struct peios_sdv *v)
{
	RCU_INIT_POINTER(PEIOS_I(inode)->sdv, v);
	sync_inode_attrs(inode, v);
}

int peios_object_create_sd(struct inode *dir, struct inode *inode,
			   umode_t mode, const struct peios_identity *id)
{
	/* The memo takes references; the identity is not changed. */
	struct peios_identity *mid = (struct peios_identity *)id;
	u32 key = mode & (0777 | S_IFDIR);
	struct peios_sdv *parent, *v;
	size_t len;
	u8 *sd;
	int ret;

	parent = get_sdv(dir);
	v = peios_new_sd_find(parent, id, key);
	if (v) {
		install_sdv(inode, v);
		goto out;
	}
	ret = peios_sd_create_from_mode(parent->sd->raw, parent->sd->raw_len,
					mode & 0777, &id->token, S_ISDIR(mode),
					&peios_file_mapping, &sd, &len);
	if (ret)
		goto fail;
	v = peios_sdv_get(sd, len);
	kfree(sd);
	if (IS_ERR(v)) {
		ret = PTR_ERR(v);
		goto fail;
	}
	install_sdv(inode, v);
	peios_new_sd_remember(parent, mid, key, v);
out:
	peios_sdv_put(parent);
	return 0;
fail:
	peios_sdv_put(parent);
	return ret;
}

int peios_object_check(struct inode *inode, enum peios_op op,
		       const struct peios_identity *id, u32 required,
		       u32 optional, u32 *granted)
{
	struct peios_object obj = { .id = inode->i_ino };
	u32 dummy;
	int ret;

	rcu_read_lock();
	obj.sd = rcu_dereference(PEIOS_I(inode)->sdv)->sd;
	ret = peios_hook_check(&obj, op, id, required, optional,
			       granted ? granted : &dummy);
	rcu_read_unlock();
	return ret;
}

int peios_object_may_create(struct inode *dir,
			    const struct peios_identity *id)
{
	return peios_object_check(dir, PEIOS_OP_CREATE, id,
				  PEIOS_FILE_ADD_FILE, 0, NULL);
}

/* DELETE on the object, or FILE_DELETE_CHILD on its directory. */
int peios_object_may_delete(struct inode *dir, struct inode *inode,
			    const struct peios_identity *id)
{
	if (!peios_object_check(inode, PEIOS_OP_UNLINK, id, PEIOS_DELETE, 0,
				NULL))
		return 0;
	return peios_object_check(dir, PEIOS_OP_UNLINK, id,
				  PEIOS_FILE_DELETE_CHILD, 0, NULL);
}

int peios_object_may_unlink(struct inode *dir, struct dentry *dentry)
{
	struct peios_identity *id = peios_identity_current();
	int ret;

	if (!id)
		return -ENOMEM;
	ret = peios_object_may_delete(dir, d_inode(dentry), id);
	peios_identity_put(id);
	return ret;
}

int peios_object_unlink(struct inode *dir, struct dentry *dentry)
{
	int ret = peios_object_may_unlink(dir, dentry);

	return ret ? ret : simple_unlink(dir, dentry);
}

/*
 * A new name for an existing object: FILE_ADD_FILE on the target
 * directory and FILE_WRITE_ATTRIBUTES on the object (peios-security.md
 * section 7).
 */
int peios_object_may_link(struct inode *dir, struct inode *inode,
			  const struct peios_identity *id)
{
	int ret;

	ret = peios_object_check(dir, PEIOS_OP_LINK, id, PEIOS_FILE_ADD_FILE,
				 0, NULL);
	if (ret)
		return ret;
	return peios_object_check(inode, PEIOS_OP_LINK, id,
				  PEIOS_FILE_WRITE_ATTRIBUTES, 0, NULL);
}

u32 peios_open_required(unsigned int f_flags)
{
	u32 rights = 0;

	switch (f_flags & O_ACCMODE) {
	case O_RDONLY:
		rights = PEIOS_FILE_READ_DATA;
		break;
	case O_WRONLY:
		rights = PEIOS_FILE_WRITE_DATA;
		break;
	default:
		rights = PEIOS_FILE_READ_DATA | PEIOS_FILE_WRITE_DATA;
		break;
	}
	if (f_flags & O_TRUNC)
		rights |= PEIOS_FILE_WRITE_DATA;
	return rights;
}

/*
 * The open's own check and what it records on the file: the rights of its
 * access mode, which it must be granted, and the compatibility rights, as
 * far as the descriptor grants them.  ->permission (open(2)) checked the
 * access mode a moment before; checking again here, on the descriptor the
 * grant is taken from, means an SD changed in between cannot leave an open
 * descriptor that may do nothing.  The open that created the object
 * (FMODE_CREATED, set by the VFS on this very file, or @creator, which
 * mq_open's own creating open passes) keeps what its access mode asked for
 * whatever the new mode says, as Linux lets a creator use what it just
 * created.
 *
 * Return: 0, -EACCES (with the deciding stage traced) or -ENOMEM.
 */
int peios_object_open_granted(struct inode *inode, const struct file *file,
			      bool creator, u32 *granted)
{
	u32 mode_rights = peios_open_required(file->f_flags);
	u32 need = mode_rights;
	struct peios_identity *id;
	int ret = 0;

	/* What ->permission asked for O_APPEND (may_to_rights()). */
	if ((file->f_flags & O_APPEND) && (need & PEIOS_FILE_WRITE_DATA))
		need = (need & ~PEIOS_FILE_WRITE_DATA) | PEIOS_FILE_APPEND_DATA;
	id = peios_identity_current();
	if (!id)
		return -ENOMEM;
	if (creator || (file->f_mode & FMODE_CREATED)) {
		if (peios_object_check(inode, PEIOS_OP_OPEN, id, 0,
				       mode_rights | PEIOS_OPEN_COMPAT, granted))
			*granted = 0;
		*granted |= mode_rights;
	} else {
		ret = peios_object_check(inode, PEIOS_OP_OPEN, id, need,
					 mode_rights | PEIOS_OPEN_COMPAT,
					 granted);
	}
	peios_identity_put(id);
	return ret;
}

/* The rights a VFS permission mask stands for. */
static u32 may_to_rights(const struct inode *inode, int mask)
{
	u32 rights = 0;

	if (S_ISDIR(inode->i_mode)) {
		/*
		 * Creating and deleting names is checked by the operation
		 * itself, which knows which right it needs.
		 */
		if (mask & MAY_EXEC)
			rights |= PEIOS_FILE_TRAVERSE;
		if (mask & MAY_READ)
			rights |= PEIOS_FILE_LIST_DIRECTORY;
		return rights;
	}
	if (mask & MAY_READ)
		rights |= PEIOS_FILE_READ_DATA;
	if (mask & MAY_WRITE)
		rights |= (mask & MAY_APPEND) ? PEIOS_FILE_APPEND_DATA :
			  PEIOS_FILE_WRITE_DATA;
	if (mask & MAY_EXEC)
		rights |= PEIOS_FILE_EXECUTE;
	return rights;
}

int peios_object_permission(struct mnt_idmap *idmap, struct inode *inode,
			    int mask)
{
	struct peios_identity *id;
	u32 rights = may_to_rights(inode, mask);
	int ret;

	if (!rights)
		return 0;
	/*
	 * In RCU path walk only a cached identity will do: building one may
	 * sleep, so a miss leaves RCU walk and comes back here to build it.
	 */
	id = (mask & MAY_NOT_BLOCK) ? peios_identity_current_nowait() :
				      peios_identity_current();
	if (!id && (mask & MAY_NOT_BLOCK))
		return -ECHILD;
	if (!id)
		return -ENOMEM;
	ret = peios_object_check(inode, S_ISDIR(inode->i_mode) ?
				 PEIOS_OP_LOOKUP : PEIOS_OP_OPEN, id, rights, 0,
				 NULL);
	peios_identity_put(id);
	return ret;
}

int peios_object_getattr(struct mnt_idmap *idmap, const struct path *path,
			 struct kstat *stat, u32 request_mask,
			 unsigned int flags)
{
	struct inode *inode = d_inode(path->dentry);
	struct peios_identity *id = peios_identity_current();
	int ret;

	if (!id)
		return -ENOMEM;
	ret = peios_object_check(inode, PEIOS_OP_STAT, id,
				 PEIOS_FILE_READ_ATTRIBUTES, 0, NULL);
	peios_identity_put(id);
	if (ret)
		return ret;
	generic_fillattr(idmap, request_mask, inode, stat);
	return 0;
}

/*
 * Apply a written descriptor: merge, check the rights on the current one,
 * apply the owner and relabel rules, publish.  Caller holds the inode lock.
 */
static int write_sd(struct inode *inode, enum peios_op op,
		    const struct peios_identity *id, const u8 *req,
		    size_t req_len)
{
	bool secpriv = peios_token_has_privilege(&id->token,
						 PEIOS_PRIV_SECURITY);
	struct peios_sd_change change;
	const struct peios_sdv *cur;
	int ret;

	if (peios_sd_validate(req, req_len))
		return -EINVAL;
	mutex_lock(&sd_write_lock);
	cur = rcu_dereference_protected(PEIOS_I(inode)->sdv,
					lockdep_is_held(&sd_write_lock));
	ret = peios_sd_merge(cur->sd->raw, cur->sd->raw_len, req, req_len,
			     !secpriv, &change);
	if (ret)
		goto out;
	if (change.rights)
		ret = peios_object_check(inode, op, id, change.rights, 0,
					 NULL);
	if (!ret)
		ret = peios_sd_change_permitted(&change, &id->token);
	if (!ret && change.rights)
		ret = peios_object_set_sd(inode, change.sd, change.len);
	peios_sd_change_release(&change);
out:
	mutex_unlock(&sd_write_lock);
	return ret;
}

/* A descriptor carrying only a new owner and/or group, for chown. */
static int owner_request(const struct iattr *attr, u8 **sd, size_t *len)
{
	struct peios_sd_parts parts = { 0 };
	struct peios_sid owner, group;

	if (attr->ia_valid & ATTR_UID) {
		peios_identity_uid_sid(attr->ia_uid, &owner);
		parts.owner = &owner;
	}
	if (attr->ia_valid & ATTR_GID) {
		peios_identity_gid_sid(attr->ia_gid, &group);
		parts.group = &group;
	}
	return peios_sd_build(&parts, sd, len);
}

static int set_mode(struct inode *inode, const struct peios_identity *id,
		    umode_t mode)
{
	const struct peios_sdv *cur;
	size_t len;
	u8 *sd;
	int ret;

	/*
	 * Check the very descriptor being rewritten, as write_sd() does: a
	 * descriptor published between a check and the lock (one revoking
	 * our WRITE_DAC) must not be overwritten on the strength of the old.
	 */
	mutex_lock(&sd_write_lock);
	ret = peios_object_check(inode, PEIOS_OP_CHMOD, id, PEIOS_WRITE_DAC, 0,
				 NULL);
	if (ret)
		goto out;
	cur = rcu_dereference_protected(PEIOS_I(inode)->sdv,
					lockdep_is_held(&sd_write_lock));
	ret = peios_sd_chmod(cur->sd->raw, cur->sd->raw_len, mode & 0777,
			     &sd, &len);
	if (!ret) {
		ret = peios_object_set_sd(inode, sd, len);
		kfree(sd);
	}
out:
	mutex_unlock(&sd_write_lock);
	return ret;
}

static int set_owner(struct inode *inode, const struct peios_identity *id,
		     const struct iattr *attr)
{
	size_t len;
	u8 *sd;
	int ret;

	ret = owner_request(attr, &sd, &len);
	if (ret)
		return ret;
	ret = write_sd(inode, PEIOS_OP_CHOWN, id, sd, len);
	kfree(sd);
	return ret;
}

#define PEIOS_ATTR_TIMES (ATTR_ATIME | ATTR_MTIME | ATTR_CTIME | \
			  ATTR_ATIME_SET | ATTR_MTIME_SET | ATTR_TOUCH)

/*
 * chmod, chown and times.  ATTR_SIZE is the filesystem's business (it
 * checks WRITE_DATA itself); everything else is refused.  The checks all
 * run before anything changes, except that a chown+chmod in one call
 * applies the owner first.
 */
int peios_object_setattr(struct mnt_idmap *idmap, struct dentry *dentry,
			 struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	unsigned int valid = attr->ia_valid & ~(ATTR_SIZE | ATTR_FILE |
						ATTR_OPEN | ATTR_FORCE);
	struct peios_identity *id;
	int ret = 0;

	if (valid & ~(ATTR_MODE | ATTR_UID | ATTR_GID | PEIOS_ATTR_TIMES |
		      ATTR_KILL_SUID | ATTR_KILL_SGID | ATTR_KILL_PRIV))
		return -EPERM;
	if (!valid)
		return 0;
	id = peios_identity_current();
	if (!id)
		return -ENOMEM;
	if (valid & PEIOS_ATTR_TIMES)
		ret = peios_object_check(inode, PEIOS_OP_SETATTR, id,
					 PEIOS_FILE_WRITE_ATTRIBUTES, 0, NULL);
	if (!ret && (valid & (ATTR_UID | ATTR_GID)))
		ret = set_owner(inode, id, attr);
	if (!ret && (valid & ATTR_MODE))
		ret = set_mode(inode, id, attr->ia_mode);
	peios_identity_put(id);
	if (ret)
		return ret;
	attr->ia_valid &= PEIOS_ATTR_TIMES;
	setattr_copy(idmap, inode, attr);
	return 0;
}

static int sd_xattr_get(const struct xattr_handler *handler,
			struct dentry *dentry, struct inode *inode,
			const char *name, void *buffer, size_t size)
{
	struct peios_identity *id = peios_identity_current();
	u8 *raw, *shown = NULL;
	size_t raw_len, shown_len;
	int ret;

	if (!id)
		return -ENOMEM;
	ret = peios_object_check(inode, PEIOS_OP_READ_SD, id,
				 PEIOS_READ_CONTROL, 0, NULL);
	if (!ret) {
		raw = peios_object_copy_sd(inode, &raw_len);
		ret = raw ? 0 : -ENOMEM;
	}
	if (!ret && peios_token_has_privilege(&id->token,
					      PEIOS_PRIV_SECURITY)) {
		shown = raw;
		shown_len = raw_len;
	} else if (!ret) {
		ret = peios_sd_without_audit(raw, raw_len, &shown, &shown_len);
		kfree(raw);
	}
	peios_identity_put(id);
	if (ret)
		return ret;
	if (size && shown_len > size)
		ret = -ERANGE;
	else if (size)
		memcpy(buffer, shown, shown_len);
	kfree(shown);
	return ret ? ret : shown_len;
}

static int sd_xattr_set(const struct xattr_handler *handler,
			struct mnt_idmap *idmap, struct dentry *dentry,
			struct inode *inode, const char *name,
			const void *value, size_t size, int flags)
{
	struct peios_identity *id;
	int ret;

	/* The descriptor always exists and cannot be removed. */
	if (flags & XATTR_CREATE)
		return -EEXIST;
	if (!value)
		return -EPERM;
	id = peios_identity_current();
	if (!id)
		return -ENOMEM;
	ret = write_sd(inode, PEIOS_OP_WRITE_SD, id, value, size);
	peios_identity_put(id);
	return ret;
}

static bool sd_xattr_list(struct dentry *dentry)
{
	return true;
}

static const struct xattr_handler peios_sd_xattr_handler = {
	.name = PEIOS_SD_XATTR,
	.list = sd_xattr_list,
	.get = sd_xattr_get,
	.set = sd_xattr_set,
};

const struct xattr_handler *const peios_object_xattr_handlers[] = {
	&peios_sd_xattr_handler,
	NULL
};

const struct inode_operations peios_object_file_iops = {
	.permission = peios_object_permission,
	.getattr = peios_object_getattr,
	.setattr = peios_object_setattr,
	.listxattr = generic_listxattr,
};
