// SPDX-License-Identifier: GPL-2.0
/*
 * The identity map in userspace.  The kernel owns the map; the tools read
 * it back so that "uid:N" arguments and `peios-sd check --as-uid` give the
 * SIDs the module would give.  The parser accepts what the kernel prints
 * (identity/map.c, peios_idmap_show) and nothing looser.
 */
#include <ctype.h>
#include <fcntl.h>
#include <unistd.h>

#include "idmap.h"
#include "names.h"

void idmap_free(struct idmap *map)
{
	free(map->entries);
	map->entries = NULL;
	map->count = 0;
}

static char *next_word(char **p)
{
	char *w = *p, *end;

	while (*w && isspace((unsigned char)*w))
		w++;
	if (!*w)
		return NULL;
	end = w;
	while (*end && !isspace((unsigned char)*end))
		end++;
	if (*end)
		*end++ = '\0';
	*p = end;
	return w;
}

static int parse_line(char *line, struct idmap_entry *e)
{
	char *kind = next_word(&line), *id = next_word(&line);
	char *sid = next_word(&line), *opt = next_word(&line);
	size_t used;

	memset(e, 0, sizeof(*e));
	if (!kind || !id || !sid || next_word(&line))
		return -EINVAL;
	if (!strcmp(kind, "uid"))
		e->kind = IDMAP_UID;
	else if (!strcmp(kind, "gid"))
		e->kind = IDMAP_GID;
	else
		return -EINVAL;
	if (names_parse_u32(id, &e->id) ||
	    peios_sid_parse(sid, strlen(sid), &e->sid, &used) ||
	    used != strlen(sid))
		return -EINVAL;
	if (opt) {
		if (e->kind != IDMAP_UID || strncmp(opt, "il=", 3) ||
		    names_parse_integrity(opt + 3, &e->integrity))
			return -EINVAL;
		e->has_integrity = true;
	}
	return 0;
}

int idmap_parse(const char *text, struct idmap *map, unsigned int *bad_line)
{
	char *copy = strdup(text), *p = copy, *line, *nl;
	unsigned int lineno = 0;
	size_t cap = 0;
	int ret = 0;

	memset(map, 0, sizeof(*map));
	if (!copy)
		return -ENOMEM;
	for (line = p; !ret && line && *line; line = nl) {
		struct idmap_entry e;

		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		lineno++;
		while (isspace((unsigned char)*line))
			line++;
		if (!*line || *line == '#')
			continue;
		if (parse_line(line, &e)) {
			*bad_line = lineno;
			ret = -EINVAL;
			break;
		}
		if (map->count == cap) {
			struct idmap_entry *n;

			cap = cap ? 2 * cap : 16;
			n = realloc(map->entries, cap * sizeof(*n));
			if (!n) {
				ret = -ENOMEM;
				break;
			}
			map->entries = n;
		}
		map->entries[map->count++] = e;
	}
	free(copy);
	if (ret)
		idmap_free(map);
	return ret;
}

int idmap_load(const char *path, struct idmap *map, unsigned int *bad_line)
{
	size_t len = 0, cap = 4096;
	char *text = malloc(cap);
	ssize_t n;
	int fd, ret;

	if (!text)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		free(text);
		return ret;
	}
	/* securityfs files report size 0: read until EOF, not st_size. */
	while ((n = read(fd, text + len, cap - len - 1)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			char *t = realloc(text, cap * 2);

			if (!t) {
				n = -1;
				errno = ENOMEM;
				break;
			}
			text = t;
			cap *= 2;
		}
	}
	ret = n < 0 ? -errno : 0;
	close(fd);
	text[len] = '\0';
	if (!ret)
		ret = idmap_parse(text, map, bad_line);
	free(text);
	return ret;
}

const struct idmap_entry *idmap_find(const struct idmap *map,
				     enum idmap_kind kind, u32 id)
{
	size_t i;

	for (i = 0; map && i < map->count; i++)
		if (map->entries[i].kind == kind && map->entries[i].id == id)
			return &map->entries[i];
	return NULL;
}

const struct idmap_entry *idmap_find_sid(const struct idmap *map,
					 enum idmap_kind kind,
					 const struct peios_sid *sid)
{
	size_t i;

	for (i = 0; map && i < map->count; i++)
		if (map->entries[i].kind == kind &&
		    peios_sid_equal(&map->entries[i].sid, sid))
			return &map->entries[i];
	return NULL;
}

/* Mirrors peios_identity_uid_sid(): map, else SYSTEM for 0, else S-1-22-1-N. */
void idmap_uid_sid(const struct idmap *map, u32 uid, struct peios_sid *sid)
{
	const struct idmap_entry *e = idmap_find(map, IDMAP_UID, uid);

	if (e)
		*sid = e->sid;
	else if (uid == 0)
		*sid = peios_sid_system;
	else
		peios_sid_unix_user(sid, uid);
}

/* Mirrors peios_identity_gid_sid(): map, else S-1-22-2-N (gid 0 too). */
void idmap_gid_sid(const struct idmap *map, u32 gid, struct peios_sid *sid)
{
	const struct idmap_entry *e = idmap_find(map, IDMAP_GID, gid);

	if (e)
		*sid = e->sid;
	else
		peios_sid_unix_group(sid, gid);
}

/* Mirrors integrity_of(): System for uid 0, else Medium, unless mapped. */
u32 idmap_uid_integrity(const struct idmap *map, u32 uid)
{
	const struct idmap_entry *e = idmap_find(map, IDMAP_UID, uid);

	if (e && e->has_integrity)
		return e->integrity;
	return uid == 0 ? PEIOS_IL_SYSTEM : PEIOS_IL_MEDIUM;
}
