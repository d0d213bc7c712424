/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words the tools read and print: rights, SIDs (SDDL aliases,
 * well-known names, uid:N / gid:N), integrity levels, trust labels,
 * ACE types and flags, privileges and capabilities.  Shared by peios-sd
 * and peios-ipcctl; everything here is pure text handling on top of the
 * security core (security/).
 */
#ifndef PEIOS_TOOLS_NAMES_H
#define PEIOS_TOOLS_NAMES_H

#include <peios/security/sddl.h>
#include <peios/security/token.h>

struct idmap;

/* Rights: hex/decimal numbers, SDDL aliases, long names, r/w/x letters. */
int names_parse_rights(const char *s, u32 *mask);
/* "FILE_GENERIC_READ|DELETE" for @mask; composite file maps first. */
void names_format_rights(u32 mask, char *buf, size_t size);
/* "NO_READ_UP|NO_WRITE_UP" for a mandatory label mask. */
void names_format_label_mask(u32 mask, char *buf, size_t size);
/* no-read-up,no-write-up,no-execute-up (or NR/NW/NX, a number, none) */
int names_parse_label_mask(const char *s, u32 *mask);

/*
 * A SID argument: S-1-..., an SDDL alias (WD, SY, BA, ...), a well-known
 * name (Everyone, SYSTEM, ...), or uid:N / gid:N projected as the kernel
 * does, through @map when it is not NULL.
 */
int names_parse_sid(const char *s, const struct idmap *map,
		    struct peios_sid *sid);
/* Human name of @sid ("Everyone", "Unix user 1000"), or NULL. */
const char *names_sid_name(const struct peios_sid *sid,
			   const struct idmap *map, char *buf, size_t size);

/* Integrity level: untrusted, low, medium, high, system or a number. */
int names_parse_integrity(const char *s, u32 *il);
const char *names_integrity_name(u32 il);

/* TYPE:LEVEL with the names of identity/trust_table.c, or numbers. */
int names_parse_trust(const char *s, u32 *type, u32 *trust);
void names_format_trust(u32 type, u32 trust, char *buf, size_t size);

/* ACE flags: OI,CI,NP,IO (comma list or run); ID is not settable. */
int names_parse_ace_flags(const char *s, u8 *flags);
void names_format_ace_flags(u8 flags, char *buf, size_t size);
const char *names_ace_type(u8 type);

/* Privileges by Windows name (SeTcbPrivilege) or short name (tcb). */
int names_parse_privilege(const char *s, int *bit);
const char *names_privilege(int bit);

/* Linux capability by name (sys_admin, CAP_SYS_ADMIN) or number. */
int names_parse_capability(const char *s, int *cap);

/* Parse a whole decimal u32 ("42"); no sign, no trailing text. */
int names_parse_u32(const char *s, u32 *v);

#endif /* PEIOS_TOOLS_NAMES_H */
