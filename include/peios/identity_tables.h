/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The administrator's tables behind the identity projection: the identity
 * map (uid or gid to SID and integrity level) and the binary trust table
 * (executable to PIP type and trust).  Each table is an immutable array
 * replaced as a whole under RCU, so lookups take no lock.
 */
#ifndef _PEIOS_IDENTITY_TABLES_H
#define _PEIOS_IDENTITY_TABLES_H

#include <linux/rcupdate.h>
#include <linux/types.h>
#include <peios/security/sid.h>

enum peios_idmap_kind { PEIOS_IDMAP_UID, PEIOS_IDMAP_GID };

struct peios_idmap_entry {
	enum peios_idmap_kind kind;
	u32 id;			/* in the initial user namespace */
	struct peios_sid sid;
	u32 integrity;		/* PEIOS_IL_*, for uids */
	bool has_integrity;
};

struct peios_idmap {
	struct rcu_head rcu;
	u32 count;
	struct peios_idmap_entry entries[];
};

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

/* Lookups; callers hold rcu_read_lock() and copy what they need. */
const struct peios_idmap_entry *
peios_idmap_find(const struct peios_idmap *map, enum peios_idmap_kind kind,
		 u32 id);
const struct peios_idmap_entry *
peios_idmap_find_sid(const struct peios_idmap *map,
		     enum peios_idmap_kind kind, const struct peios_sid *sid);
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

/* Integrity level names shared by the map and the tools. */
int peios_parse_integrity(const char *s, u32 *il);
const char *peios_integrity_name(u32 il);

/* Apply map text as a securityfs write does (serialised, published). */
int peios_idmap_write(char *text, unsigned int *bad_line);

int peios_identity_fs_init(void);
void peios_identity_fs_exit(void);

#endif /* _PEIOS_IDENTITY_TABLES_H */
