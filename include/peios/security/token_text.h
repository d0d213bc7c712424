/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A token and process security block as text, one line a field: the
 * format of securityfs whoami and of `peios-sd token`, which the
 * integration test compares line for line.
 */
#ifndef _PEIOS_SEC_TOKEN_TEXT_H
#define _PEIOS_SEC_TOKEN_TEXT_H

#include <peios/security/token.h>

/* Room that always fits a token of @groups groups. */
#define PEIOS_TOKEN_TEXT_MAX(groups)	(((groups) + 1) * 256 + 1024)

/*
 *   user SID ATTRS
 *   group SID ATTRS          one per group, in token order
 *   integrity N
 *   policy P
 *   privilege NAME           one per enabled privilege, in bit order
 *   pip TYPE:TRUST           numbers
 *
 * ATTRS and P are 0x-prefixed hex.  Returns the length, truncated to fit.
 */
size_t peios_token_describe(const struct peios_token *tok,
			    const struct peios_psb *psb, char *buf,
			    size_t size);

#endif /* _PEIOS_SEC_TOKEN_TEXT_H */
