/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Descriptor edits of peios-sd.  Each takes a valid self-relative SD and
 * returns a new one (malloc'd) or -EINVAL / -ENOMEM.
 */
#ifndef PEIOS_TOOLS_EDIT_H
#define PEIOS_TOOLS_EDIT_H

#include <peios/security/sd.h>

/* Insert an explicit ACCESS_ALLOWED or ACCESS_DENIED ACE (edit.c says where). */
int edit_add_ace(const u8 *sd, size_t len, u8 type, u8 flags, u32 mask,
		 const struct peios_sid *sid, bool *was_null, u8 **out,
		 size_t *out_len);
int edit_set_owner(const u8 *sd, size_t len, const struct peios_sid *owner,
		   u8 **out, size_t *out_len);
/* Replace the explicit mandatory label or trust label ACE of the SACL. */
int edit_set_label(const u8 *sd, size_t len, u8 type, u8 flags, u32 mask,
		   const struct peios_sid *sid, u8 **out, size_t *out_len);

#endif /* PEIOS_TOOLS_EDIT_H */
