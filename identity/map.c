// SPDX-License-Identifier: GPL-2.0
/*
 * The published identity map (identity_tables.h).  Its lines and lookups
 * are the security core's (security/idmap.c); this file owns the RCU
 * table: a write builds a new one from a copy of the old and swaps it in
 * (identity/securityfs.c serialises writers).  Kernel-only.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#include <peios/identity_tables.h>
#include <peios/security/text.h>

#define PEIOS_IDMAP_MAX 4096

struct peios_idmap __rcu *peios_idmap;
EXPORT_SYMBOL_IF_KUNIT(peios_idmap);

void peios_idmap_free(struct peios_idmap *map)
{
	kvfree(map);
}

static struct peios_idmap *idmap_alloc(u32 cap)
{
	struct peios_idmap *map;

	map = kvzalloc(struct_size(map, entries, cap), GFP_KERNEL);
	if (!map)
		return NULL;
	map->table.entries = map->entries;
	map->table.cap = cap;
	return map;
}

int peios_idmap_apply(const struct peios_idmap *old, char *text,
		      struct peios_idmap **out, unsigned int *bad_line)
{
	u32 old_count = old ? old->table.count : 0;
	u32 cap = min_t(u32, old_count + peios_count_lines(text),
			PEIOS_IDMAP_MAX);
	struct peios_idmap *map;
	int ret;

	map = idmap_alloc(cap);
	if (!map)
		return -ENOMEM;
	if (old_count)
		memcpy(map->entries, old->entries,
		       old_count * sizeof(old->entries[0]));
	map->table.count = old_count;
	ret = peios_idmap_apply_text(&map->table, text, bad_line);
	if (ret) {
		peios_idmap_free(map);
		return ret;
	}
	*out = map;
	return 0;
}

ssize_t peios_idmap_show(const struct peios_idmap *map, char *buf,
			 size_t size)
{
	return peios_idmap_format(peios_idmap_table(map), buf, size);
}
EXPORT_SYMBOL_IF_KUNIT(peios_idmap_show);
