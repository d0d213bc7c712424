// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/security/peios_ipc/{identity_map,trust_table}: the
 * administrator's view of the identity tables.  Reading shows the table in
 * the form writing takes; a write is applied as a whole or not at all.
 * .../whoami shows any reader the token and PIP the module projects for it.
 *
 * tables_lock serialises writers; readers and lookups use RCU.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <kunit/visibility.h>
#include <peios/identity.h>
#include <peios/identity_tables.h>
#include <peios/security/token_text.h>

#define PEIOS_TABLE_WRITE_MAX (64 * 1024)

static DEFINE_MUTEX(tables_lock);
static struct dentry *peios_dir;

struct table_ops {
	const char *name;
	/* Render the published table into a new buffer. */
	char *(*render)(size_t *len);
	/* Apply text to a copy of the published table and publish it. */
	int (*update)(char *text, unsigned int *bad_line);
};

static char *render_idmap(size_t *len)
{
	const struct peios_idmap *map;
	size_t size;
	char *buf;

	mutex_lock(&tables_lock);
	map = rcu_dereference_protected(peios_idmap,
					lockdep_is_held(&tables_lock));
	size = (map ? map->table.count : 0) * PEIOS_IDMAP_LINE_MAX + 1;
	buf = kvmalloc(size, GFP_KERNEL);
	if (buf)
		*len = peios_idmap_show(map, buf, size);
	mutex_unlock(&tables_lock);
	return buf;
}

int peios_idmap_write(char *text, unsigned int *bad_line)
{
	struct peios_idmap *old, *new;
	int ret;

	mutex_lock(&tables_lock);
	old = rcu_dereference_protected(peios_idmap,
					lockdep_is_held(&tables_lock));
	ret = peios_idmap_apply(old, text, &new, bad_line);
	if (!ret) {
		rcu_assign_pointer(peios_idmap, new);
		peios_identity_changed();
	}
	mutex_unlock(&tables_lock);
	if (!ret) {
		synchronize_rcu();
		peios_idmap_free(old);
	}
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(peios_idmap_write);

static char *render_trust(size_t *len)
{
	const struct peios_trust_table *t;
	size_t size = 1;
	char *buf;
	u32 i;

	mutex_lock(&tables_lock);
	t = rcu_dereference_protected(peios_trust,
				      lockdep_is_held(&tables_lock));
	for (i = 0; t && i < t->count; i++)
		size += 64 + strlen(t->entries[i].path);
	buf = kvmalloc(size, GFP_KERNEL);
	if (buf)
		*len = peios_trust_show(t, buf, size);
	mutex_unlock(&tables_lock);
	return buf;
}

static int update_trust(char *text, unsigned int *bad_line)
{
	struct peios_trust_table *old, *new;
	int ret;

	mutex_lock(&tables_lock);
	old = rcu_dereference_protected(peios_trust,
					lockdep_is_held(&tables_lock));
	ret = peios_trust_apply(old, text, &new, bad_line);
	if (!ret) {
		/* An empty table costs the fast path nothing: publish NULL. */
		if (!new->count) {
			peios_trust_free(new);
			new = NULL;
		}
		rcu_assign_pointer(peios_trust, new);
	}
	mutex_unlock(&tables_lock);
	if (!ret) {
		synchronize_rcu();
		peios_trust_free(old);
	}
	return ret;
}

static const struct table_ops idmap_ops = {
	.name = "identity_map",
	.render = render_idmap,
	.update = peios_idmap_write,
};

static const struct table_ops trust_ops = {
	.name = "trust_table",
	.render = render_trust,
	.update = update_trust,
};

static ssize_t table_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	const struct table_ops *ops = file_inode(file)->i_private;
	size_t len = 0;
	ssize_t ret;
	char *buf;

	buf = ops->render(&len);
	if (!buf)
		return -ENOMEM;
	ret = simple_read_from_buffer(ubuf, count, ppos, buf, len);
	kvfree(buf);
	return ret;
}

static ssize_t table_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	const struct table_ops *ops = file_inode(file)->i_private;
	unsigned int bad_line = 0;
	char *text;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*ppos != 0 || count >= PEIOS_TABLE_WRITE_MAX)
		return -EINVAL;
	text = memdup_user_nul(ubuf, count);
	if (IS_ERR(text))
		return PTR_ERR(text);
	/* A NUL would hide the rest of the write from the parser. */
	if (strlen(text) != count) {
		kfree(text);
		return -EINVAL;
	}
	ret = ops->update(text, &bad_line);
	kfree(text);
	if (ret) {
		pr_info_ratelimited("peios_ipc: %s: line %u rejected (%d); nothing changed\n",
				    ops->name, bad_line, ret);
		return ret;
	}
	return count;
}

static ssize_t whoami_read(struct file *file, char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct peios_identity *id = peios_identity_current();
	size_t size, len;
	ssize_t ret;
	char *buf;

	if (!id)
		return -ENOMEM;
	size = PEIOS_TOKEN_TEXT_MAX(id->token.group_count);
	buf = kvmalloc(size, GFP_KERNEL);
	if (!buf) {
		peios_identity_put(id);
		return -ENOMEM;
	}
	len = peios_token_describe(&id->token, &id->psb, buf, size);
	peios_identity_put(id);
	ret = simple_read_from_buffer(ubuf, count, ppos, buf, len);
	kvfree(buf);
	return ret;
}

static const struct file_operations whoami_fops = {
	.owner = THIS_MODULE,
	.read = whoami_read,
	.llseek = default_llseek,
};

static const struct file_operations table_fops = {
	.owner = THIS_MODULE,
	.read = table_read,
	.write = table_write,
	.llseek = default_llseek,
};

/*
 * Each file is removed before the directory: securityfs_remove() removes
 * a whole tree on 7.x but only an empty directory on 6.12, where the
 * directory left behind made the next load fail with EEXIST.
 */
static struct dentry *peios_files[3];

static void remove_files(void)
{
	int i;

	for (i = ARRAY_SIZE(peios_files) - 1; i >= 0; i--) {
		securityfs_remove(peios_files[i]);
		peios_files[i] = NULL;
	}
	securityfs_remove(peios_dir);
}

int peios_identity_fs_init(void)
{
	static const struct {
		const char *name;
		umode_t mode;
		const void *data;
		const struct file_operations *fops;
	} files[ARRAY_SIZE(peios_files)] = {
		{ "identity_map", 0600, &idmap_ops, &table_fops },
		{ "trust_table", 0600, &trust_ops, &table_fops },
		{ "whoami", 0444, NULL, &whoami_fops },
	};
	struct dentry *d;
	size_t i;

	peios_dir = securityfs_create_dir("peios_ipc", NULL);
	if (IS_ERR(peios_dir))
		return PTR_ERR(peios_dir);
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		d = securityfs_create_file(files[i].name, files[i].mode,
					   peios_dir, (void *)files[i].data,
					   files[i].fops);
		if (IS_ERR(d)) {
			remove_files();
			return PTR_ERR(d);
		}
		peios_files[i] = d;
	}
	return 0;
}

void peios_identity_fs_exit(void)
{
	remove_files();
	peios_identity_cache_flush();
	peios_idmap_free(rcu_dereference_protected(peios_idmap, true));
	peios_trust_free(rcu_dereference_protected(peios_trust, true));
	RCU_INIT_POINTER(peios_idmap, NULL);
	RCU_INIT_POINTER(peios_trust, NULL);
}
