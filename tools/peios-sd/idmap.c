// SPDX-License-Identifier: GPL-2.0
/*
 * The identity map in userspace (idmap.h).  The kernel owns the map; the
 * tools read it back so that "uid:N" arguments and `peios-sd check
 * --as-uid` give the SIDs the module would give.
 */
#include <fcntl.h>
#include <unistd.h>
#include <peios/security/text.h>

#include "idmap.h"

void idmap_free(struct peios_idmap_table *map)
{
	free(map->entries);
	memset(map, 0, sizeof(*map));
}

int idmap_parse(const char *text, struct peios_idmap_table *map,
		unsigned int *bad_line)
{
	char *copy = strdup(text);
	int ret;

	memset(map, 0, sizeof(*map));
	if (!copy)
		return -ENOMEM;
	map->cap = peios_count_lines(copy);
	map->entries = calloc(map->cap, sizeof(*map->entries));
	ret = map->entries ? peios_idmap_apply_text(map, copy, bad_line) :
			     -ENOMEM;
	free(copy);
	if (ret)
		idmap_free(map);
	return ret;
}

int idmap_load(const char *path, struct peios_idmap_table *map,
	       unsigned int *bad_line)
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
