// SPDX-License-Identifier: GPL-2.0
/*
 * The identity map: uid or gid to SID (and, for uids, integrity level).
 *
 *   uid N SID [il=LEVEL]     map a uid (replaces an earlier entry)
 *   gid N SID                map a gid
 *   del uid N | del gid N    remove an entry
 *   clear                    remove every entry
 *
 * The published table (peios_idmap) is immutable; a write builds a new one
 * and swaps it in under RCU (identity_fs.c serialises writers).  A SID may
 * stand for only one uid and one gid, so the reverse lookup of stat and
 * chown is unambiguous.  Kernel-only.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <peios/identity_tables.h>
#include "text.h"

#define PEIOS_IDMAP_MAX 4096

struct peios_idmap __rcu *peios_idmap;

const struct peios_idmap_entry *
peios_idmap_find(const struct peios_idmap *map, enum peios_idmap_kind kind,
		 u32 id)
{
	u32 i;

	for (i = 0; map && i < map->count; i++)
		if (map->entries[i].kind == kind && map->entries[i].id == id)
			return &map->entries[i];
	return NULL;
}

const struct peios_idmap_entry *
peios_idmap_find_sid(const struct peios_idmap *map,
		     enum peios_idmap_kind kind, const struct peios_sid *sid)
{
	u32 i;

	for (i = 0; map && i < map->count; i++)
		if (map->entries[i].kind == kind &&
		    peios_sid_equal(&map->entries[i].sid, sid))
			return &map->entries[i];
	return NULL;
}

void peios_idmap_free(struct peios_idmap *map)
{
	kvfree(map);
}

static struct peios_idmap *idmap_alloc(u32 cap)
{
	return kvzalloc(struct_size_t(struct peios_idmap, entries, cap),
			GFP_KERNEL);
}

static void idmap_remove(struct peios_idmap *map, u32 idx)
{
	map->entries[idx] = map->entries[--map->count];
}

static int parse_kind(const char *w, enum peios_idmap_kind *kind)
{
	if (w && !strcmp(w, "uid"))
		*kind = PEIOS_IDMAP_UID;
	else if (w && !strcmp(w, "gid"))
		*kind = PEIOS_IDMAP_GID;
	else
		return -EINVAL;
	return 0;
}

static int parse_id(const char *w, u32 *id)
{
	/* (u32)-1 is the "invalid id" of every Linux interface. */
	if (!w || kstrtou32(w, 10, id) || *id == (u32)-1)
		return -EINVAL;
	return 0;
}

static int apply_del(struct peios_idmap *map, char *line)
{
	enum peios_idmap_kind kind;
	const struct peios_idmap_entry *e;
	u32 id;

	if (parse_kind(peios_next_word(&line), &kind) ||
	    parse_id(peios_next_word(&line), &id) || peios_next_word(&line))
		return -EINVAL;
	e = peios_idmap_find(map, kind, id);
	if (!e)
		return -ENOENT;
	idmap_remove(map, e - map->entries);
	return 0;
}

static int apply_map(struct peios_idmap *map, u32 cap,
		     enum peios_idmap_kind kind, char *line)
{
	struct peios_idmap_entry entry = { .kind = kind };
	const struct peios_idmap_entry *old;
	char *sid, *opt;
	size_t used;

	if (parse_id(peios_next_word(&line), &entry.id))
		return -EINVAL;
	sid = peios_next_word(&line);
	if (!sid || peios_sid_parse(sid, strlen(sid), &entry.sid, &used) ||
	    used != strlen(sid))
		return -EINVAL;
	opt = peios_next_word(&line);
	if (opt) {
		if (kind != PEIOS_IDMAP_UID || strncmp(opt, "il=", 3) ||
		    peios_parse_integrity(opt + 3, &entry.integrity) ||
		    peios_next_word(&line))
			return -EINVAL;
		entry.has_integrity = true;
	}
	old = peios_idmap_find_sid(map, kind, &entry.sid);
	if (old && old->id != entry.id)
		return -EINVAL;		/* the SID already stands for another id */
	old = peios_idmap_find(map, kind, entry.id);
	if (old) {
		map->entries[old - map->entries] = entry;
		return 0;
	}
	if (map->count >= cap)
		return -ENOSPC;
	map->entries[map->count++] = entry;
	return 0;
}

static int apply_line(struct peios_idmap *map, u32 cap, char *line)
{
	enum peios_idmap_kind kind;
	char *cmd = peios_next_word(&line);

	if (!strcmp(cmd, "clear")) {
		if (peios_next_word(&line))
			return -EINVAL;
		map->count = 0;
		return 0;
	}
	if (!strcmp(cmd, "del"))
		return apply_del(map, line);
	if (parse_kind(cmd, &kind))
		return -EINVAL;
	return apply_map(map, cap, kind, line);
}

static u32 count_lines(const char *text)
{
	u32 n = 1;

	while ((text = strchr(text, '\n')))
		n++, text++;
	return n;
}

int peios_idmap_apply(const struct peios_idmap *old, char *text,
		      struct peios_idmap **out, unsigned int *bad_line)
{
	u32 old_count = old ? old->count : 0;
	u32 cap = min_t(u32, old_count + count_lines(text), PEIOS_IDMAP_MAX);
	struct peios_idmap *map;
	unsigned int lineno = 0;
	char *line;
	int ret;

	map = idmap_alloc(cap);
	if (!map)
		return -ENOMEM;
	if (old_count)
		memcpy(map->entries, old->entries,
		       old_count * sizeof(old->entries[0]));
	map->count = old_count;
	while ((line = peios_next_line(&text))) {
		lineno++;
		if (peios_line_is_blank(line))
			continue;
		ret = apply_line(map, cap, line);
		if (ret) {
			*bad_line = lineno;
			peios_idmap_free(map);
			return ret;
		}
	}
	*out = map;
	return 0;
}

static const char *kind_name(enum peios_idmap_kind kind)
{
	return kind == PEIOS_IDMAP_UID ? "uid" : "gid";
}

ssize_t peios_idmap_show(const struct peios_idmap *map, char *buf,
			 size_t size)
{
	char sid[PEIOS_SID_STR_MAX];
	size_t n = 0;
	u32 i;

	for (i = 0; map && i < map->count; i++) {
		const struct peios_idmap_entry *e = &map->entries[i];
		const char *il = peios_integrity_name(e->integrity);

		peios_sid_format(&e->sid, sid, sizeof(sid));
		n += scnprintf(buf + n, size - n, "%s %u %s", kind_name(e->kind),
			       e->id, sid);
		if (e->has_integrity && il)
			n += scnprintf(buf + n, size - n, " il=%s", il);
		else if (e->has_integrity)
			n += scnprintf(buf + n, size - n, " il=%u",
				       e->integrity);
		n += scnprintf(buf + n, size - n, "\n");
	}
	return n;
}
