// SPDX-License-Identifier: GPL-2.0
/*
 * The binary trust table: the stand-in for Peios's signature check.  Each
 * entry gives one executable (by device, inode number and inode
 * generation, resolved from the path when the line is written, so a file
 * that later gets a freed inode number does not inherit the trust) a PIP
 * type and trust level.
 *
 *   TYPE:TRUST PATH    e.g. "protected:peios /usr/sbin/ksyncd" or "512:4096 /x"
 *   del PATH
 *   clear
 *
 * TYPE and TRUST are the security core's names (vocabulary.h) or numbers.
 * Like the identity map, the published table is immutable and replaced
 * under RCU.  Kernel-only.
 */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <peios/identity_tables.h>
#include <peios/security/text.h>
#include <peios/security/vocabulary.h>

#define PEIOS_TRUST_MAX 1024

struct peios_trust_table __rcu *peios_trust;

const struct peios_trust_entry *
peios_trust_find(const struct peios_trust_table *t, dev_t dev, u64 ino,
		 u32 gen)
{
	u32 i;

	for (i = 0; t && i < t->count; i++)
		if (t->entries[i].dev == dev && t->entries[i].ino == ino &&
		    t->entries[i].gen == gen)
			return &t->entries[i];
	return NULL;
}

void peios_trust_free(struct peios_trust_table *t)
{
	u32 i;

	for (i = 0; t && i < t->count; i++)
		kfree(t->entries[i].path);
	kvfree(t);
}

static int resolve(const char *path, dev_t *dev, u64 *ino, u32 *gen)
{
	struct path p;
	int ret;

	if (!path || path[0] != '/')
		return -EINVAL;
	ret = kern_path(path, LOOKUP_FOLLOW, &p);
	if (ret)
		return ret;
	if (!d_is_reg(p.dentry)) {
		path_put(&p);
		return -EINVAL;
	}
	*dev = d_inode(p.dentry)->i_sb->s_dev;
	*ino = d_inode(p.dentry)->i_ino;
	*gen = d_inode(p.dentry)->i_generation;
	path_put(&p);
	return 0;
}

static void trust_remove(struct peios_trust_table *t, u32 idx)
{
	kfree(t->entries[idx].path);
	t->entries[idx] = t->entries[--t->count];
}

static int apply_del(struct peios_trust_table *t, char *line)
{
	const struct peios_trust_entry *e;
	dev_t dev;
	u64 ino;
	u32 gen;
	int ret;

	ret = resolve(peios_rest_of_line(&line), &dev, &ino, &gen);
	if (ret)
		return ret;
	e = peios_trust_find(t, dev, ino, gen);
	if (!e)
		return -ENOENT;
	trust_remove(t, e - t->entries);
	return 0;
}

static int apply_add(struct peios_trust_table *t, u32 cap, char *levels,
		     char *line)
{
	struct peios_trust_entry entry = {};
	const struct peios_trust_entry *old;
	char *path;
	int ret;

	if (peios_pip_parse(levels, &entry.pip_type, &entry.pip_trust))
		return -EINVAL;
	path = peios_rest_of_line(&line);
	ret = resolve(path, &entry.dev, &entry.ino, &entry.gen);
	if (ret)
		return ret;
	old = peios_trust_find(t, entry.dev, entry.ino, entry.gen);
	if (!old && t->count >= cap)
		return -ENOSPC;
	entry.path = kstrdup(path, GFP_KERNEL);
	if (!entry.path)
		return -ENOMEM;
	if (old)
		trust_remove(t, old - t->entries);
	t->entries[t->count++] = entry;
	return 0;
}

static int apply_line(struct peios_trust_table *t, u32 cap, char *line)
{
	char *cmd = peios_next_word(&line);

	if (!strcmp(cmd, "clear")) {
		if (peios_next_word(&line))
			return -EINVAL;
		while (t->count)
			trust_remove(t, t->count - 1);
		return 0;
	}
	if (!strcmp(cmd, "del"))
		return apply_del(t, line);
	return apply_add(t, cap, cmd, line);
}

static struct peios_trust_table *trust_copy(const struct peios_trust_table *old,
					    u32 cap)
{
	struct peios_trust_table *t;
	u32 i;

	t = kvzalloc(struct_size(t, entries, cap), GFP_KERNEL);
	if (!t)
		return NULL;
	for (i = 0; old && i < old->count; i++) {
		t->entries[i] = old->entries[i];
		t->entries[i].path = kstrdup(old->entries[i].path, GFP_KERNEL);
		t->count = i + 1;
		if (!t->entries[i].path) {
			peios_trust_free(t);
			return NULL;
		}
	}
	return t;
}

int peios_trust_apply(const struct peios_trust_table *old, char *text,
		      struct peios_trust_table **out, unsigned int *bad_line)
{
	u32 cap = min_t(u32, (old ? old->count : 0) + peios_count_lines(text),
			PEIOS_TRUST_MAX);
	struct peios_trust_table *t;
	unsigned int lineno = 0;
	char *line;
	int ret;

	t = trust_copy(old, cap);
	if (!t)
		return -ENOMEM;
	while ((line = peios_next_line(&text))) {
		lineno++;
		if (peios_line_is_blank(line))
			continue;
		ret = apply_line(t, cap, line);
		if (ret) {
			*bad_line = lineno;
			peios_trust_free(t);
			return ret;
		}
	}
	*out = t;
	return 0;
}

ssize_t peios_trust_show(const struct peios_trust_table *t, char *buf,
			 size_t size)
{
	char levels[PEIOS_PIP_STR_MAX];
	size_t n = 0;
	u32 i;

	for (i = 0; t && i < t->count; i++) {
		const struct peios_trust_entry *e = &t->entries[i];

		peios_pip_format(e->pip_type, e->pip_trust, levels,
				 sizeof(levels));
		n += scnprintf(buf + n, size - n, "%s %s\n", levels, e->path);
	}
	return n;
}
