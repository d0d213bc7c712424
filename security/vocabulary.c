// SPDX-License-Identifier: GPL-2.0
/*
 * The vocabulary tables (vocabulary.h).  Privileges are the PEIOS_PRIV_*
 * bits the core defines, each a privilege of the PSD-004 catalogue at
 * its Windows LUID position; the projection gives only some of them
 * (projection.c), but a token may hold any, so whoami and the tools name
 * them all.
 */
#include <peios/security/text.h>
#include <peios/security/token.h>
#include <peios/security/vocabulary.h>

const struct peios_name peios_integrity_names[] = {
	{ "untrusted", PEIOS_IL_UNTRUSTED },
	{ "low", PEIOS_IL_LOW },
	{ "medium", PEIOS_IL_MEDIUM },
	{ "high", PEIOS_IL_HIGH },
	{ "system", PEIOS_IL_SYSTEM },
};
const size_t peios_integrity_name_count = ARRAY_SIZE(peios_integrity_names);

const struct peios_name peios_pip_type_names[] = {
	{ "none", PEIOS_PIP_TYPE_NONE },
	{ "protected", PEIOS_PIP_TYPE_PROTECTED },
	{ "isolated", PEIOS_PIP_TYPE_ISOLATED },
};
const size_t peios_pip_type_name_count = ARRAY_SIZE(peios_pip_type_names);

const struct peios_name peios_pip_trust_names[] = {
	{ "none", PEIOS_PIP_TRUST_NONE },
	{ "authenticode", PEIOS_PIP_TRUST_AUTHENTICODE },
	{ "antimalware", PEIOS_PIP_TRUST_ANTIMALWARE },
	{ "app", PEIOS_PIP_TRUST_APP },
	{ "peios", PEIOS_PIP_TRUST_PEIOS },
	{ "peiostcb", PEIOS_PIP_TRUST_PEIOS_TCB },
};
const size_t peios_pip_trust_name_count = ARRAY_SIZE(peios_pip_trust_names);

const struct peios_name peios_privilege_names[] = {
	{ "SeIncreaseQuotaPrivilege", PEIOS_PRIV_INCREASE_QUOTA },
	{ "SeTcbPrivilege", PEIOS_PRIV_TCB },
	{ "SeSecurityPrivilege", PEIOS_PRIV_SECURITY },
	{ "SeTakeOwnershipPrivilege", PEIOS_PRIV_TAKE_OWNERSHIP },
	{ "SeBackupPrivilege", PEIOS_PRIV_BACKUP },
	{ "SeRestorePrivilege", PEIOS_PRIV_RESTORE },
	{ "SeChangeNotifyPrivilege", PEIOS_PRIV_CHANGE_NOTIFY },
	{ "SeImpersonatePrivilege", PEIOS_PRIV_IMPERSONATE },
	{ "SeRelabelPrivilege", PEIOS_PRIV_RELABEL },
};
const size_t peios_privilege_name_count = ARRAY_SIZE(peios_privilege_names);

const char *peios_name_of(const struct peios_name *tab, size_t n, u32 value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].value == value)
			return tab[i].name;
	return NULL;
}

int peios_name_parse(const struct peios_name *tab, size_t n, const char *s,
		     u32 *value)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strcasecmp(s, tab[i].name)) {
			*value = tab[i].value;
			return 0;
		}
	}
	return peios_parse_number(s, value);
}

int peios_integrity_parse(const char *s, u32 *il)
{
	return peios_name_parse(peios_integrity_names,
				peios_integrity_name_count, s, il);
}

const char *peios_integrity_name(u32 il)
{
	return peios_name_of(peios_integrity_names,
			     peios_integrity_name_count, il);
}

int peios_pip_parse(const char *s, u32 *type, u32 *trust)
{
	const char *colon = strchr(s, ':');
	char word[PEIOS_PIP_STR_MAX];

	if (!colon || (size_t)(colon - s) >= sizeof(word))
		return -EINVAL;
	memcpy(word, s, colon - s);
	word[colon - s] = '\0';
	if (peios_name_parse(peios_pip_type_names, peios_pip_type_name_count,
			     word, type) ||
	    peios_name_parse(peios_pip_trust_names,
			     peios_pip_trust_name_count, colon + 1, trust))
		return -EINVAL;
	return 0;
}

void peios_pip_format(u32 type, u32 trust, char *buf, size_t size)
{
	const char *tn = peios_name_of(peios_pip_type_names,
				       peios_pip_type_name_count, type);
	const char *ln = peios_name_of(peios_pip_trust_names,
				       peios_pip_trust_name_count, trust);
	char tb[12], lb[12];

	snprintf(tb, sizeof(tb), "%u", type);
	snprintf(lb, sizeof(lb), "%u", trust);
	snprintf(buf, size, "%s:%s", tn ? tn : tb, ln ? ln : lb);
}

const char *peios_privilege_name(int bit)
{
	return bit < 0 ? NULL : peios_name_of(peios_privilege_names,
					      peios_privilege_name_count,
					      (u32)bit);
}
