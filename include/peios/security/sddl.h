/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SDDL, the text form of security descriptors.
 *
 * Covered: O:, G:, D:, S: with the P, AI, AR flags and
 * NO_ACCESS_CONTROL; ACE types A, D, AU, AL, ML, TL (trust label) and
 * XA, XD with a claim-free condition (sddl_cond.c);
 * ACE flags OI CI NP IO ID SA FA; rights as a number or as aliases; SID
 * aliases.  format(parse(s)) is the canonical spelling of s and
 * parse(format(sd)) rebuilds sd byte for byte when sd has the canonical
 * layout (Documentation/security-core.md lists the limits).
 */
#ifndef _PEIOS_SDDL_H
#define _PEIOS_SDDL_H

#include <peios/security/sd.h>

int peios_sddl_parse(const char *sddl, size_t len, u8 **sd, size_t *sd_len);
int peios_sddl_format(const u8 *sd, size_t len, char **sddl,
		      size_t *sddl_len);

/* One SID, as an alias ("BA") or numerically; stops at the end of it */
int peios_sddl_parse_sid(const char *s, size_t len, struct peios_sid *sid,
			 size_t *consumed);

/* Internal tables shared by the parser and the formatter */
struct peios_sddl_sid_alias {
	char name[3];
	struct peios_sid sid;
};

struct peios_sddl_name {
	const char *name;
	u32 value;
};

extern const struct peios_sddl_sid_alias peios_sddl_sid_aliases[];
extern const size_t peios_sddl_sid_alias_count;
extern const struct peios_sddl_name peios_sddl_rights[];
extern const size_t peios_sddl_rights_count;
extern const struct peios_sddl_name peios_sddl_ace_types[];
extern const size_t peios_sddl_ace_type_count;
extern const struct peios_sddl_name peios_sddl_ace_flags[];
extern const size_t peios_sddl_ace_flag_count;

const char *peios_sddl_alias_of(const struct peios_sid *sid);

#endif /* _PEIOS_SDDL_H */
