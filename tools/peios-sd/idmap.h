/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's identity map, read back in userspace: the text of
 * /sys/kernel/security/peios_ipc/identity_map ("uid N SID [il=LEVEL]",
 * "gid N SID"), and the default uid/gid projection of
 * identity/provider.c on top of it.
 */
#ifndef PEIOS_TOOLS_IDMAP_H
#define PEIOS_TOOLS_IDMAP_H

#include <peios/security/sid.h>

#define IDMAP_KERNEL_PATH "/sys/kernel/security/peios_ipc/identity_map"

enum idmap_kind { IDMAP_UID, IDMAP_GID };

struct idmap_entry {
	enum idmap_kind kind;
	u32 id;
	struct peios_sid sid;
	bool has_integrity;
	u32 integrity;
};

struct idmap {
	size_t count;
	struct idmap_entry *entries;
};

/* Parse map text; -EINVAL names the bad line in *bad_line. */
int idmap_parse(const char *text, struct idmap *map, unsigned int *bad_line);
/* Read and parse a map file; -errno of the read on failure. */
int idmap_load(const char *path, struct idmap *map, unsigned int *bad_line);
void idmap_free(struct idmap *map);

const struct idmap_entry *idmap_find(const struct idmap *map,
				     enum idmap_kind kind, u32 id);
const struct idmap_entry *idmap_find_sid(const struct idmap *map,
					 enum idmap_kind kind,
					 const struct peios_sid *sid);

/* The projection of identity/provider.c; @map may be NULL. */
void idmap_uid_sid(const struct idmap *map, u32 uid, struct peios_sid *sid);
void idmap_gid_sid(const struct idmap *map, u32 gid, struct peios_sid *sid);
u32 idmap_uid_integrity(const struct idmap *map, u32 uid);

#endif /* PEIOS_TOOLS_IDMAP_H */
