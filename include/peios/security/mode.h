/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unix modes and DACLs: the mode-to-DACL translation for new objects
 * (design.md), the chmod rewrite of the mode ACEs, and the mode stat
 * reports, derived from the DACL.
 */
#ifndef _PEIOS_MODE_H
#define _PEIOS_MODE_H

#include <peios/security/inherit.h>

/* What the owner ACE always carries besides the rwx rights */
#define PEIOS_MODE_OWNER_BASE	(PEIOS_FILE_READ_ATTRIBUTES | \
				 PEIOS_FILE_WRITE_ATTRIBUTES | \
				 PEIOS_READ_CONTROL | PEIOS_WRITE_DAC | \
				 PEIOS_WRITE_OWNER | PEIOS_DELETE | \
				 PEIOS_SYNCHRONIZE)

u32 peios_mode_class_rights(u32 rwx);
void peios_mode_add_aces(struct peios_acl_builder *b, u32 mode,
			 const struct peios_sid *owner,
			 const struct peios_sid *group);
int peios_mode_to_acl(u32 mode, const struct peios_sid *owner,
		      const struct peios_sid *group, u8 **acl, size_t *len);
int peios_mode_creator_sd(u32 mode, const struct peios_sid *owner,
			  const struct peios_sid *group, u8 **sd,
			  size_t *len);
int peios_sd_create_from_mode(const u8 *parent, size_t parent_len,
			      u32 mode, const struct peios_token *tok,
			      bool is_container,
			      const struct peios_generic_mapping *map,
			      u8 **out, size_t *out_len);
int peios_sd_chmod(const u8 *sd, size_t len, u32 mode, u8 **out,
		   size_t *out_len);
int peios_sd_to_mode(const struct peios_sd *sd, u32 *mode);

#endif /* _PEIOS_MODE_H */
