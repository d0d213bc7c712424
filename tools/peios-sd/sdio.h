/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where peios-sd reads and writes a descriptor: the system.peios.sd
 * extended attribute of an object, or a file holding the binary SD.
 */
#ifndef PEIOS_TOOLS_SDIO_H
#define PEIOS_TOOLS_SDIO_H

#include <peios/security/sd.h>

#define SD_XATTR "system.peios.sd"

struct sd_target {
	const char *path;
	bool is_file;		/* binary SD file, not the xattr of an object */
};

/* Components of a descriptor, for partial writes. */
#define SD_COMP_OWNER	0x1
#define SD_COMP_GROUP	0x2
#define SD_COMP_DACL	0x4
#define SD_COMP_SACL	0x8
#define SD_COMP_ALL	0xF

/* Both return 0 or -errno; *sd is malloc'd. */
int sdio_read(const struct sd_target *t, u8 **sd, size_t *len);
/*
 * Write the components @comps of @sd.  An object's xattr gets a
 * descriptor carrying only those components, since the kernel keeps what
 * a write does not carry and checks rights only for what it carries
 * (Documentation/sd-management.md); a file gets the whole @sd.
 */
int sdio_write(const struct sd_target *t, const u8 *sd, size_t len,
	       unsigned int comps);

/* A descriptor with only @comps of @sd (others absent). */
int sd_select(const u8 *sd, size_t len, unsigned int comps, u8 **out,
	      size_t *out_len);

#endif /* PEIOS_TOOLS_SDIO_H */
