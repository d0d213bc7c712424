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

#include <peios/security/idmap.h>
#include <peios/security/sddl.h>
#include <peios/security/text.h>
#include <peios/security/token.h>
#include <peios/security/vocabulary.h>

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
int names_parse_sid(const char *s, const struct peios_idmap_table *map,
		    struct peios_sid *sid);
/* Human name of @sid ("Everyone", "Unix user 1000"), or NULL. */
const char *names_sid_name(const struct peios_sid *sid,
			   const struct peios_idmap_table *map, char *buf, size_t size);

/*
 * Integrity level: a name or number as peios_integrity_parse() takes, or
 * a label SID (S-1-16-8192, ME, "Medium Mandatory Level").  TYPE:TRUST
 * pairs are peios_pip_parse() and peios_pip_format().
 */
int names_parse_integrity(const char *s, u32 *il);

/* ACE flags: OI,CI,NP,IO (comma list or run); ID is not settable. */
int names_parse_ace_flags(const char *s, u8 *flags);
void names_format_ace_flags(u8 flags, char *buf, size_t size);
const char *names_ace_type(u8 type);

/*
 * Privileges by Windows name (SeTcbPrivilege) or short name (tcb); the
 * names are peios_privilege_names[].
 */
int names_parse_privilege(const char *s, int *bit);

/* Linux capability by name (sys_admin, CAP_SYS_ADMIN) or number. */
int names_parse_capability(const char *s, int *cap);

#endif /* PEIOS_TOOLS_NAMES_H */
