/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The identity map: uid or gid to SID (and, for uids, integrity level),
 * and its text form, one command a line:
 *
 *   uid N SID [il=LEVEL]     map a uid (replaces an earlier entry)
 *   gid N SID                map a gid
 *   del uid N | del gid N    remove an entry
 *   clear                    remove every entry
 *
 * Blank lines and '#' comments are skipped.  A SID may stand for only
 * one uid and one gid, so mapping back (stat, chown) is unambiguous.
 * The kernel applies this text to a copy of its published map
 * (identity/map.c); the tools apply what the kernel shows to an empty
 * one, so both read the same lines the same way.
 */
#ifndef _PEIOS_SEC_IDMAP_H
#define _PEIOS_SEC_IDMAP_H

#include <peios/security/sid.h>

enum peios_idmap_kind { PEIOS_IDMAP_UID, PEIOS_IDMAP_GID };

struct peios_idmap_entry {
	enum peios_idmap_kind kind;
	u32 id;			/* in the initial user namespace */
	struct peios_sid sid;
	u32 integrity;		/* PEIOS_IL_*, for uids */
	bool has_integrity;
};

/* Entries in no particular order; cap bounds count while applying. */
struct peios_idmap_table {
	struct peios_idmap_entry *entries;
	u32 count;
	u32 cap;
};

/* Longest line peios_idmap_format_entry() writes, with '\n' and NUL. */
#define PEIOS_IDMAP_LINE_MAX	256

/* Lookups; @t may be NULL (no map). */
const struct peios_idmap_entry *
peios_idmap_find(const struct peios_idmap_table *t,
		 enum peios_idmap_kind kind, u32 id);
const struct peios_idmap_entry *
peios_idmap_find_sid(const struct peios_idmap_table *t,
		     enum peios_idmap_kind kind, const struct peios_sid *sid);

/* "uid" or "gid". */
int peios_idmap_parse_kind(const char *word, enum peios_idmap_kind *kind);
const char *peios_idmap_kind_name(enum peios_idmap_kind kind);

/*
 * Apply one line (modified in place): -EINVAL for bad syntax or a SID
 * already standing for another id, -ENOENT for del of a missing entry,
 * -ENOSPC beyond cap.  Applying text stops at the first failing line,
 * its number in *bad_line, and leaves the table part-applied: callers
 * apply to a copy.
 */
int peios_idmap_apply_line(struct peios_idmap_table *t, char *line);
int peios_idmap_apply_text(struct peios_idmap_table *t, char *text,
			   unsigned int *bad_line);

/* One entry as a line of the text form; returns its length. */
size_t peios_idmap_format_entry(const struct peios_idmap_entry *e, char *buf,
				size_t size);
/* Every entry, one line each; returns the length (truncated to fit). */
size_t peios_idmap_format(const struct peios_idmap_table *t, char *buf,
			  size_t size);

#endif /* _PEIOS_SEC_IDMAP_H */
