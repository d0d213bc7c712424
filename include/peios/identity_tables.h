/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The administrator's tables behind the identity projection: the identity
 * map (uid or gid to SID and integrity level; its entries and text form
 * are the security core's, idmap.h) and the binary trust table
 * (executable to PIP type and trust).  Each table is an immutable array
 * replaced as a whole under RCU, so lookups take no lock.
 */
#ifndef _PEIOS_IDENTITY_TABLES_H
#define _PEIOS_IDENTITY_TABLES_H

#include <linux/rcupdate.h>
#include <linux/types.h>
#include <peios/security/idmap.h>

/*
 * The published identity map: an entry table of the security core
 * (idmap.h) whose entries follow it in the same allocation.
 */
struct peios_idmap {
	struct rcu_head rcu;
	struct peios_idmap_table table;
	struct peios_idmap_entry entries[];
};

/* The table of @map, or NULL for no map, as the core's lookups take. */
static inline const struct peios_idmap_table *
peios_idmap_table(const struct peios_idmap *map)
{
	return map ? &map->table : NULL;
}

struct peios_trust_entry {
	dev_t dev;
	u64 ino;
	u32 gen;		/* i_generation: a reused inode number misses */
	u32 pip_type;
	u32 pip_trust;
	char *path;		/* as the administrator wrote it, for display */
};

struct peios_trust_table {
	struct rcu_head rcu;
	u32 count;
	struct peios_trust_entry entries[];
};

extern struct peios_idmap __rcu *peios_idmap;
extern struct peios_trust_table __rcu *peios_trust;

/* Lookup; callers hold rcu_read_lock() and copy what they need. */
const struct peios_trust_entry *
peios_trust_find(const struct peios_trust_table *t, dev_t dev, u64 ino,
		 u32 gen);

/*
 * Text form, as written to securityfs: one command a line, applied to a
 * copy of the current table.  The first bad line fails the whole write
 * with -EINVAL (its number in *bad_line) and the table stays as it was.
 */
int peios_idmap_apply(const struct peios_idmap *old, char *text,
		      struct peios_idmap **out, unsigned int *bad_line);
int peios_trust_apply(const struct peios_trust_table *old, char *text,
		      struct peios_trust_table **out, unsigned int *bad_line);
/* One line an entry, in the form the apply functions take. */
ssize_t peios_idmap_show(const struct peios_idmap *map, char *buf,
			 size_t size);
ssize_t peios_trust_show(const struct peios_trust_table *t, char *buf,
			 size_t size);
void peios_idmap_free(struct peios_idmap *map);
void peios_trust_free(struct peios_trust_table *t);

/* Apply map text as a securityfs write does (serialised, published). */
int peios_idmap_write(char *text, unsigned int *bad_line);

int peios_identity_fs_init(void);
void peios_identity_fs_exit(void);

#endif /* _PEIOS_IDENTITY_TABLES_H */
