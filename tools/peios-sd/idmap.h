/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's identity map, read back in userspace: the text of
 * /sys/kernel/security/peios_ipc/identity_map (or a file of the same
 * lines) applied to an empty table by the security core's parser
 * (security/idmap.c), the one the kernel applies writes with.
 */
#ifndef PEIOS_TOOLS_IDMAP_H
#define PEIOS_TOOLS_IDMAP_H

#include <peios/security/idmap.h>

#define IDMAP_KERNEL_PATH "/sys/kernel/security/peios_ipc/identity_map"

/* Apply map text to an empty @map; a failing line's number in *bad_line. */
int idmap_parse(const char *text, struct peios_idmap_table *map,
		unsigned int *bad_line);
/* Read and parse a map file; -errno of the read on failure. */
int idmap_load(const char *path, struct peios_idmap_table *map,
	       unsigned int *bad_line);
void idmap_free(struct peios_idmap_table *map);

#endif /* PEIOS_TOOLS_IDMAP_H */
