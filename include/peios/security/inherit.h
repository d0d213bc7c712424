/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Descriptor of a new object (Documentation/security-core.md,
 * "Inheritance"; PSD-004 v0.22 §3.6).
 */
#ifndef _PEIOS_INHERIT_H
#define _PEIOS_INHERIT_H

#include <peios/security/access.h>

int peios_sd_inherit(const u8 *parent, size_t parent_len,
		     const u8 *creator, size_t creator_len,
		     const struct peios_token *tok, bool is_container,
		     const struct peios_generic_mapping *map,
		     u8 **out, size_t *out_len);

#endif /* _PEIOS_INHERIT_H */
