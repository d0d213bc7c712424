// SPDX-License-Identifier: GPL-2.0
/*
 * The identity map's entries and text form (idmap.h): lookups, applying
 * lines, formatting.  The table is the caller's: the kernel publishes it
 * under RCU, the tools hold it in a malloc'd array.
 */
#include <peios/security/idmap.h>
#include <peios/security/text.h>
#include <peios/security/vocabulary.h>

const struct peios_idmap_entry *
peios_idmap_find(const struct peios_idmap_table *t,
		 enum peios_idmap_kind kind, u32 id)
{
	u32 i;

	for (i = 0; t && i < t->count; i++)
		if (t->entries[i].kind == kind && t->entries[i].id == id)
			return &t->entries[i];
	return NULL;
}

const struct peios_idmap_entry *
peios_idmap_find_sid(const struct peios_idmap_table *t,
		     enum peios_idmap_kind kind, const struct peios_sid *sid)
{
	u32 i;

	for (i = 0; t && i < t->count; i++)
		if (t->entries[i].kind == kind &&
		    peios_sid_equal(&t->entries[i].sid, sid))
			return &t->entries[i];
	return NULL;
}

int peios_idmap_parse_kind(const char *word, enum peios_idmap_kind *kind)
{
	if (word && !strcmp(word, "uid"))
		*kind = PEIOS_IDMAP_UID;
	else if (word && !strcmp(word, "gid"))
		*kind = PEIOS_IDMAP_GID;
	else
		return -EINVAL;
	return 0;
}

const char *peios_idmap_kind_name(enum peios_idmap_kind kind)
{
	return kind == PEIOS_IDMAP_UID ? "uid" : "gid";
}

static int parse_id(const char *w, u32 *id)
{
	/* (u32)-1 is the "invalid id" of every Linux interface. */
	if (peios_parse_u32(w, id) || *id == (u32)-1)
		return -EINVAL;
	return 0;
}

static void remove_entry(struct peios_idmap_table *t,
			 const struct peios_idmap_entry *e)
{
	t->entries[e - t->entries] = t->entries[--t->count];
}

static int apply_del(struct peios_idmap_table *t, char *line)
{
	const struct peios_idmap_entry *e;
	enum peios_idmap_kind kind;
	u32 id;

	if (peios_idmap_parse_kind(peios_next_word(&line), &kind) ||
	    parse_id(peios_next_word(&line), &id) || peios_next_word(&line))
		return -EINVAL;
	e = peios_idmap_find(t, kind, id);
	if (!e)
		return -ENOENT;
	remove_entry(t, e);
	return 0;
}

static int parse_entry(enum peios_idmap_kind kind, char *line,
		       struct peios_idmap_entry *e)
{
	char *sid, *opt;
	size_t used;

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	if (parse_id(peios_next_word(&line), &e->id))
		return -EINVAL;
	sid = peios_next_word(&line);
	if (!sid || peios_sid_parse(sid, strlen(sid), &e->sid, &used) ||
	    used != strlen(sid))
		return -EINVAL;
	opt = peios_next_word(&line);
	if (!opt)
		return 0;
	if (kind != PEIOS_IDMAP_UID || strncmp(opt, "il=", 3) ||
	    peios_integrity_parse(opt + 3, &e->integrity) ||
	    peios_next_word(&line))
		return -EINVAL;
	e->has_integrity = true;
	return 0;
}

static int apply_map(struct peios_idmap_table *t, enum peios_idmap_kind kind,
		     char *line)
{
	const struct peios_idmap_entry *old;
	struct peios_idmap_entry e;

	if (parse_entry(kind, line, &e))
		return -EINVAL;
	old = peios_idmap_find_sid(t, kind, &e.sid);
	if (old && old->id != e.id)
		return -EINVAL;
	old = peios_idmap_find(t, kind, e.id);
	if (old) {
		t->entries[old - t->entries] = e;
		return 0;
	}
	if (t->count >= t->cap)
		return -ENOSPC;
	t->entries[t->count++] = e;
	return 0;
}

int peios_idmap_apply_line(struct peios_idmap_table *t, char *line)
{
	char *cmd = peios_next_word(&line);
	enum peios_idmap_kind kind;

	if (!cmd)
		return 0;
	if (!strcmp(cmd, "clear")) {
		if (peios_next_word(&line))
			return -EINVAL;
		t->count = 0;
		return 0;
	}
	if (!strcmp(cmd, "del"))
		return apply_del(t, line);
	if (peios_idmap_parse_kind(cmd, &kind))
		return -EINVAL;
	return apply_map(t, kind, line);
}

int peios_idmap_apply_text(struct peios_idmap_table *t, char *text,
			   unsigned int *bad_line)
{
	unsigned int lineno = 0;
	char *line;
	int ret;

	while ((line = peios_next_line(&text))) {
		lineno++;
		if (peios_line_is_blank(line))
			continue;
		ret = peios_idmap_apply_line(t, line);
		if (ret) {
			*bad_line = lineno;
			return ret;
		}
	}
	return 0;
}

size_t peios_idmap_format_entry(const struct peios_idmap_entry *e, char *buf,
				size_t size)
{
	const char *il = peios_integrity_name(e->integrity);
	char sid[PEIOS_SID_STR_MAX];
	char opt[24] = "";

	peios_sid_format(&e->sid, sid, sizeof(sid));
	if (e->has_integrity && il)
		snprintf(opt, sizeof(opt), " il=%s", il);
	else if (e->has_integrity)
		snprintf(opt, sizeof(opt), " il=%u", e->integrity);
	return peios_text_written(snprintf(buf, size, "%s %u %s%s\n",
					   peios_idmap_kind_name(e->kind),
					   e->id, sid, opt), size);
}

size_t peios_idmap_format(const struct peios_idmap_table *t, char *buf,
			  size_t size)
{
	size_t n = 0;
	u32 i;

	if (size)
		buf[0] = '\0';
	for (i = 0; t && i < t->count; i++)
		n += peios_idmap_format_entry(&t->entries[i], buf + n,
					      size - n);
	return n;
}
