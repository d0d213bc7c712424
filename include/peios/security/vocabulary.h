/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The names of integrity levels, PIP types and trust levels, and
 * privileges: one table each, read by the kernel's tables and whoami
 * and by the tools, so every side spells a value the same way.
 */
#ifndef _PEIOS_SEC_VOCABULARY_H
#define _PEIOS_SEC_VOCABULARY_H

#include <peios/security/sec_port.h>

struct peios_name {
	const char *name;
	u32 value;
};

/* untrusted, low, medium, high, system: the S-1-16-X values */
extern const struct peios_name peios_integrity_names[];
extern const size_t peios_integrity_name_count;
/* none, protected, isolated */
extern const struct peios_name peios_pip_type_names[];
extern const size_t peios_pip_type_name_count;
/* none, authenticode, antimalware, app, peios, peiostcb */
extern const struct peios_name peios_pip_trust_names[];
extern const size_t peios_pip_trust_name_count;
/* SeXxxPrivilege by PEIOS_PRIV_* bit number, in bit order */
extern const struct peios_name peios_privilege_names[];
extern const size_t peios_privilege_name_count;

const char *peios_name_of(const struct peios_name *tab, size_t n, u32 value);
/* A name of @tab (any case) or a number (decimal or 0x hex). */
int peios_name_parse(const struct peios_name *tab, size_t n, const char *s,
		     u32 *value);

int peios_integrity_parse(const char *s, u32 *il);
const char *peios_integrity_name(u32 il);
/* "TYPE:TRUST", each a name or a number. */
int peios_pip_parse(const char *s, u32 *type, u32 *trust);
/* Names where known, else numbers; at most 32 bytes with the NUL. */
#define PEIOS_PIP_STR_MAX	32
void peios_pip_format(u32 type, u32 trust, char *buf, size_t size);
const char *peios_privilege_name(int bit);

#endif /* _PEIOS_SEC_VOCABULARY_H */
