// SPDX-License-Identifier: GPL-2.0
/*
 * Text vocabulary of the tools (names.h).  The security core stays the
 * authority for SDDL aliases and for integrity, PIP and privilege names
 * (vocabulary.h); the long right names here are the MS-DTYP ones without
 * their FILE_ prefix where a bit is file-specific, as in the kernel's
 * documentation.
 */
#include <ctype.h>
#include <strings.h>

#include <peios/security/projection.h>

#include "names.h"

/* Single bits, in mask order, for printing and for parsing. */
static const struct peios_name right_bits[] = {
	{ "READ_DATA", PEIOS_FILE_READ_DATA },
	{ "WRITE_DATA", PEIOS_FILE_WRITE_DATA },
	{ "APPEND_DATA", PEIOS_FILE_APPEND_DATA },
	{ "READ_EA", PEIOS_FILE_READ_EA },
	{ "WRITE_EA", PEIOS_FILE_WRITE_EA },
	{ "EXECUTE", PEIOS_FILE_EXECUTE },
	{ "DELETE_CHILD", PEIOS_FILE_DELETE_CHILD },
	{ "READ_ATTRIBUTES", PEIOS_FILE_READ_ATTRIBUTES },
	{ "WRITE_ATTRIBUTES", PEIOS_FILE_WRITE_ATTRIBUTES },
	{ "DELETE", PEIOS_DELETE },
	{ "READ_CONTROL", PEIOS_READ_CONTROL },
	{ "WRITE_DAC", PEIOS_WRITE_DAC },
	{ "WRITE_OWNER", PEIOS_WRITE_OWNER },
	{ "SYNCHRONIZE", PEIOS_SYNCHRONIZE },
	{ "ACCESS_SYSTEM_SECURITY", PEIOS_ACCESS_SYSTEM_SECURITY },
	{ "MAXIMUM_ALLOWED", PEIOS_MAXIMUM_ALLOWED },
	{ "GENERIC_ALL", PEIOS_GENERIC_ALL },
	{ "GENERIC_EXECUTE", PEIOS_GENERIC_EXECUTE },
	{ "GENERIC_WRITE", PEIOS_GENERIC_WRITE },
	{ "GENERIC_READ", PEIOS_GENERIC_READ },
};

/* Composite file rights: printed before single bits when complete. */
static const struct peios_name right_sets[] = {
	{ "FILE_ALL_ACCESS", PEIOS_FILE_ALL_ACCESS },
	{ "FILE_GENERIC_READ", PEIOS_FILE_GENERIC_READ },
	{ "FILE_GENERIC_WRITE", PEIOS_FILE_GENERIC_WRITE },
	{ "FILE_GENERIC_EXECUTE", PEIOS_FILE_GENERIC_EXECUTE },
};

/* Directory spellings of the same bits, accepted on input. */
static const struct peios_name right_synonyms[] = {
	{ "LIST_DIRECTORY", PEIOS_FILE_LIST_DIRECTORY },
	{ "ADD_FILE", PEIOS_FILE_ADD_FILE },
	{ "ADD_SUBDIRECTORY", PEIOS_FILE_ADD_SUBDIRECTORY },
	{ "TRAVERSE", PEIOS_FILE_TRAVERSE },
};

static const struct peios_name label_bits[] = {
	{ "NO_READ_UP", PEIOS_LABEL_NO_READ_UP },
	{ "NO_WRITE_UP", PEIOS_LABEL_NO_WRITE_UP },
	{ "NO_EXECUTE_UP", PEIOS_LABEL_NO_EXECUTE_UP },
};

/* Linux capability names by number (include/uapi/linux/capability.h). */
static const char *const capabilities[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore",
};

/* Well-known SIDs with a readable name; also accepted as SID arguments. */
static const struct {
	const char *name;
	struct peios_sid sid;
} sid_names[] = {
	{ "Nobody", PEIOS_SID_INIT(0, 1, 0) },
	{ "Everyone", PEIOS_SID_INIT(1, 1, 0) },
	{ "Local", PEIOS_SID_INIT(2, 1, 0) },
	{ "Creator Owner", PEIOS_SID_INIT(3, 1, 0) },
	{ "Creator Group", PEIOS_SID_INIT(3, 1, 1) },
	{ "Owner Rights", PEIOS_SID_INIT(3, 1, 4) },
	{ "Network", PEIOS_SID_INIT(5, 1, 2) },
	{ "Interactive", PEIOS_SID_INIT(5, 1, 4) },
	{ "Service", PEIOS_SID_INIT(5, 1, 6) },
	{ "Anonymous", PEIOS_SID_INIT(5, 1, 7) },
	{ "Principal Self", PEIOS_SID_INIT(5, 1, 10) },
	{ "Authenticated Users", PEIOS_SID_INIT(5, 1, 11) },
	{ "Restricted Code", PEIOS_SID_INIT(5, 1, 12) },
	{ "SYSTEM", PEIOS_SID_INIT(5, 1, 18) },
	{ "Local Service", PEIOS_SID_INIT(5, 1, 19) },
	{ "Network Service", PEIOS_SID_INIT(5, 1, 20) },
	{ "BUILTIN\\Administrators", PEIOS_SID_INIT(5, 2, 32, 544) },
	{ "BUILTIN\\Users", PEIOS_SID_INIT(5, 2, 32, 545) },
	{ "BUILTIN\\Guests", PEIOS_SID_INIT(5, 2, 32, 546) },
	{ "BUILTIN\\Power Users", PEIOS_SID_INIT(5, 2, 32, 547) },
	{ "BUILTIN\\Account Operators", PEIOS_SID_INIT(5, 2, 32, 548) },
	{ "BUILTIN\\Server Operators", PEIOS_SID_INIT(5, 2, 32, 549) },
	{ "BUILTIN\\Backup Operators", PEIOS_SID_INIT(5, 2, 32, 551) },
	{ "All App Packages", PEIOS_SID_INIT(15, 2, 2, 1) },
	{ "Untrusted Mandatory Level", PEIOS_SID_INIT(16, 1, 0) },
	{ "Low Mandatory Level", PEIOS_SID_INIT(16, 1, 4096) },
	{ "Medium Mandatory Level", PEIOS_SID_INIT(16, 1, 8192) },
	{ "Medium Plus Mandatory Level", PEIOS_SID_INIT(16, 1, 8448) },
	{ "High Mandatory Level", PEIOS_SID_INIT(16, 1, 12288) },
	{ "System Mandatory Level", PEIOS_SID_INIT(16, 1, 16384) },
};

static int lookup(const struct peios_name *tab, size_t n, const char *s, u32 *v)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strcasecmp(s, tab[i].name)) {
			*v = tab[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

/* A long right name, with or without the FILE_ prefix. */
static int parse_long_right(const char *s, u32 *v)
{
	if (!strncasecmp(s, "FILE_", 5) &&
	    (!lookup(right_bits, ARRAY_SIZE(right_bits), s + 5, v) ||
	     !lookup(right_synonyms, ARRAY_SIZE(right_synonyms), s + 5, v)))
		return 0;
	if (!lookup(right_bits, ARRAY_SIZE(right_bits), s, v) ||
	    !lookup(right_sets, ARRAY_SIZE(right_sets), s, v) ||
	    !lookup(right_synonyms, ARRAY_SIZE(right_synonyms), s, v))
		return 0;
	return -EINVAL;
}

/* "r", "rw", "rwx": the FILE_GENERIC_* sets, as in a Unix mode. */
static int parse_rwx(const char *s, u32 *v)
{
	*v = 0;
	if (!*s || strspn(s, "rwx") != strlen(s))
		return -EINVAL;
	for (; *s; s++)
		*v |= *s == 'r' ? PEIOS_FILE_GENERIC_READ :
		      *s == 'w' ? PEIOS_FILE_GENERIC_WRITE :
				  PEIOS_FILE_GENERIC_EXECUTE;
	return 0;
}

/* A run of SDDL rights aliases ("FR", "RCWD"), case as SDDL has it. */
static int parse_alias_run(const char *s, u32 *v)
{
	size_t len = strlen(s), i, j;

	*v = 0;
	if (!len || len % 2)
		return -EINVAL;
	for (i = 0; i < len; i += 2) {
		for (j = 0; j < peios_sddl_rights_count; j++)
			if (!strncmp(s + i, peios_sddl_rights[j].name, 2))
				break;
		if (j == peios_sddl_rights_count)
			return -EINVAL;
		*v |= peios_sddl_rights[j].value;
	}
	return 0;
}

static int parse_right_item(const char *s, u32 *v)
{
	if (!peios_parse_number(s, v) || !parse_rwx(s, v) ||
	    !parse_long_right(s, v) || !parse_alias_run(s, v))
		return 0;
	return -EINVAL;
}

/* Comma-separated items; "|" is accepted too, as the printed form uses it. */
int names_parse_rights(const char *s, u32 *mask)
{
	char *copy = strdup(s), *item, *save = NULL;
	int ret = 0;
	u32 v;

	if (!copy)
		return -ENOMEM;
	*mask = 0;
	if (!*copy)
		ret = -EINVAL;
	for (item = strtok_r(copy, ",|", &save); item && !ret;
	     item = strtok_r(NULL, ",|", &save)) {
		ret = parse_right_item(item, &v);
		*mask |= v;
	}
	free(copy);
	return ret;
}

static void append(char *buf, size_t size, const char *word)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s%s", len ? "|" : "", word);
}

static void format_bits(u32 mask, const struct peios_name *tab, size_t n,
			char *buf, size_t size)
{
	char hex[16];
	size_t i;

	for (i = 0; i < n; i++) {
		if (mask & tab[i].value) {
			append(buf, size, tab[i].name);
			mask &= ~tab[i].value;
		}
	}
	if (mask) {
		snprintf(hex, sizeof(hex), "%#x", mask);
		append(buf, size, hex);
	}
}

void names_format_rights(u32 mask, char *buf, size_t size)
{
	u32 rest = mask;
	size_t i;

	buf[0] = '\0';
	if (!mask) {
		snprintf(buf, size, "none");
		return;
	}
	/* Sets overlap (READ_CONTROL, SYNCHRONIZE): test against the whole. */
	for (i = 0; i < ARRAY_SIZE(right_sets); i++) {
		if ((mask & right_sets[i].value) == right_sets[i].value) {
			append(buf, size, right_sets[i].name);
			rest &= ~right_sets[i].value;
			if (right_sets[i].value == PEIOS_FILE_ALL_ACCESS)
				break;
		}
	}
	format_bits(rest, right_bits, ARRAY_SIZE(right_bits), buf, size);
}

void names_format_label_mask(u32 mask, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!mask)
		snprintf(buf, size, "none");
	else
		format_bits(mask, label_bits, ARRAY_SIZE(label_bits), buf,
			    size);
}

int names_parse_label_mask(const char *s, u32 *mask)
{
	char *copy = strdup(s), *item, *save = NULL, *p;
	int ret = 0;
	u32 v;

	if (!copy)
		return -ENOMEM;
	*mask = 0;
	for (item = strtok_r(copy, ",|", &save); item && !ret;
	     item = strtok_r(NULL, ",|", &save)) {
		for (p = item; *p; p++)
			if (*p == '-')
				*p = '_';
		if (!strcasecmp(item, "none"))
			continue;
		if (!peios_parse_number(item, &v) ||
		    !lookup(label_bits, ARRAY_SIZE(label_bits), item, &v))
			*mask |= v;
		else if (!strcmp(item, "NR") || !strcmp(item, "NW") ||
			 !strcmp(item, "NX"))
			*mask |= item[1] == 'R' ? PEIOS_LABEL_NO_READ_UP :
				 item[1] == 'W' ? PEIOS_LABEL_NO_WRITE_UP :
						  PEIOS_LABEL_NO_EXECUTE_UP;
		else
			ret = -EINVAL;
	}
	if (!ret && *mask & ~(u32)7)
		ret = -EINVAL;
	free(copy);
	return ret;
}

/* Compare ignoring case and an optional "BUILTIN\" prefix on either side. */
static bool sid_name_matches(const char *table_name, const char *s)
{
	if (!strcasecmp(table_name, s))
		return true;
	if (!strncasecmp(table_name, "BUILTIN\\", 8))
		return !strcasecmp(table_name + 8, s);
	return false;
}

static int parse_unix_id(const char *s, const struct peios_idmap_table *map,
			 struct peios_sid *sid)
{
	u32 id;

	if (peios_parse_u32(s + 4, &id) || id == (u32)-1)
		return -EINVAL;
	if (!strncmp(s, "uid:", 4))
		peios_project_uid_sid(map, id, sid);
	else
		peios_project_gid_sid(map, id, sid);
	return 0;
}

int names_parse_sid(const char *s, const struct peios_idmap_table *map,
		    struct peios_sid *sid)
{
	size_t i, used, len = strlen(s);
	char alias[3];

	if (!strncmp(s, "uid:", 4) || !strncmp(s, "gid:", 4))
		return parse_unix_id(s, map, sid);
	if (len > 2 && (s[0] == 'S' || s[0] == 's') && s[1] == '-')
		return peios_sid_parse(s, len, sid, &used) || used != len ?
		       -EINVAL : 0;
	if (len == 2) {
		alias[0] = toupper((unsigned char)s[0]);
		alias[1] = toupper((unsigned char)s[1]);
		alias[2] = '\0';
		if (!peios_sddl_parse_sid(alias, 2, sid, NULL))
			return 0;
	}
	for (i = 0; i < ARRAY_SIZE(sid_names); i++) {
		if (sid_name_matches(sid_names[i].name, s)) {
			*sid = sid_names[i].sid;
			return 0;
		}
	}
	return -EINVAL;
}

const char *names_sid_name(const struct peios_sid *sid,
			   const struct peios_idmap_table *map, char *buf,
			   size_t size)
{
	const struct peios_idmap_entry *e;
	u32 a, b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sid_names); i++)
		if (peios_sid_equal(&sid_names[i].sid, sid))
			return sid_names[i].name;
	e = peios_idmap_find_sid(map, PEIOS_IDMAP_UID, sid);
	if (!e)
		e = peios_idmap_find_sid(map, PEIOS_IDMAP_GID, sid);
	if (e) {
		snprintf(buf, size, "%s %u (identity map)",
			 peios_idmap_kind_name(e->kind), e->id);
		return buf;
	}
	if (peios_sid_authority(sid) == PEIOS_AUTH_UNIX &&
	    sid->sub_count == 2 && (sid->sub[0] == 1 || sid->sub[0] == 2)) {
		snprintf(buf, size, "Unix %s %u",
			 sid->sub[0] == 1 ? "user" : "group", sid->sub[1]);
		return buf;
	}
	if (peios_sid_is_trust(sid, &a, &b)) {
		char t[PEIOS_PIP_STR_MAX];

		peios_pip_format(a, b, t, sizeof(t));
		snprintf(buf, size, "Trust %s", t);
		return buf;
	}
	if (peios_sid_is_integrity(sid, &a)) {
		snprintf(buf, size, "Mandatory Level %u", a);
		return buf;
	}
	return NULL;
}

int names_parse_integrity(const char *s, u32 *il)
{
	struct peios_sid sid;

	if (!peios_integrity_parse(s, il))
		return 0;
	/* A label SID or its alias: S-1-16-8192, ME, SI ... */
	if (!names_parse_sid(s, NULL, &sid) && peios_sid_is_integrity(&sid, il))
		return 0;
	return -EINVAL;
}

int names_parse_ace_flags(const char *s, u8 *flags)
{
	static const struct peios_name settable[] = {
		{ "OI", PEIOS_OBJECT_INHERIT_ACE },
		{ "CI", PEIOS_CONTAINER_INHERIT_ACE },
		{ "NP", PEIOS_NO_PROPAGATE_INHERIT_ACE },
		{ "IO", PEIOS_INHERIT_ONLY_ACE },
	};
	char two[3] = "";
	u32 v;

	*flags = 0;
	while (*s) {
		if (*s == ',') {
			s++;
			continue;
		}
		if (!s[1])
			return -EINVAL;
		two[0] = s[0];
		two[1] = s[1];
		if (lookup(settable, ARRAY_SIZE(settable), two, &v))
			return -EINVAL;
		*flags |= (u8)v;
		s += 2;
	}
	return 0;
}

void names_format_ace_flags(u8 flags, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < peios_sddl_ace_flag_count; i++) {
		if (flags & peios_sddl_ace_flags[i].value) {
			len += snprintf(buf + len, size - len, "%s%s",
					len ? "," : "",
					peios_sddl_ace_flags[i].name);
			flags &= ~peios_sddl_ace_flags[i].value;
			if (len >= size)
				return;
		}
	}
	if (flags)
		snprintf(buf + len, size - len, "%s%#x", len ? "," : "",
			 flags);
	else if (!len)
		snprintf(buf, size, "-");
}

const char *names_ace_type(u8 type)
{
	static const char *const names[] = {
		[PEIOS_ACE_ALLOWED] = "allow",
		[PEIOS_ACE_DENIED] = "deny",
		[PEIOS_ACE_SYSTEM_AUDIT] = "audit",
		[PEIOS_ACE_SYSTEM_ALARM] = "alarm",
		[PEIOS_ACE_ALLOWED_COMPOUND] = "allow-compound",
		[PEIOS_ACE_ALLOWED_OBJECT] = "allow-object",
		[PEIOS_ACE_DENIED_OBJECT] = "deny-object",
		[PEIOS_ACE_SYSTEM_AUDIT_OBJECT] = "audit-object",
		[PEIOS_ACE_SYSTEM_ALARM_OBJECT] = "alarm-object",
		[PEIOS_ACE_ALLOWED_CALLBACK] = "allow-callback",
		[PEIOS_ACE_DENIED_CALLBACK] = "deny-callback",
		[PEIOS_ACE_ALLOWED_CALLBACK_OBJECT] = "allow-callback-object",
		[PEIOS_ACE_DENIED_CALLBACK_OBJECT] = "deny-callback-object",
		[PEIOS_ACE_SYSTEM_AUDIT_CALLBACK] = "audit-callback",
		[PEIOS_ACE_SYSTEM_ALARM_CALLBACK] = "alarm-callback",
		[PEIOS_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT] = "audit-callback-object",
		[PEIOS_ACE_SYSTEM_ALARM_CALLBACK_OBJECT] = "alarm-callback-object",
		[PEIOS_ACE_MANDATORY_LABEL] = "mandatory-label",
		[PEIOS_ACE_RESOURCE_ATTRIBUTE] = "resource-attribute",
		[PEIOS_ACE_SCOPED_POLICY_ID] = "scoped-policy-id",
		[PEIOS_ACE_PROCESS_TRUST_LABEL] = "trust-label",
	};

	if (type < ARRAY_SIZE(names) && names[type])
		return names[type];
	return "unknown";
}

/* Lower case without '-', '_' and an optional prefix: for loose matching. */
static void normalise(const char *s, const char *prefix, char *out,
		      size_t size)
{
	size_t n = 0, plen = strlen(prefix);

	if (!strncasecmp(s, prefix, plen))
		s += plen;
	for (; *s && n + 1 < size; s++)
		if (*s != '-' && *s != '_')
			out[n++] = tolower((unsigned char)*s);
	out[n] = '\0';
}

int names_parse_privilege(const char *s, int *bit)
{
	char in[64], full[64], shortname[64];
	size_t i, len;

	normalise(s, "", in, sizeof(in));
	for (i = 0; i < peios_privilege_name_count; i++) {
		normalise(peios_privilege_names[i].name, "", full, sizeof(full));
		/* "setcbprivilege" -> "tcb" */
		len = strlen(full) - strlen("privilege") - 2;
		memcpy(shortname, full + 2, len);
		shortname[len] = '\0';
		if (!strcmp(in, full) || !strcmp(in, shortname)) {
			*bit = (int)peios_privilege_names[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

int names_parse_capability(const char *s, int *cap)
{
	char in[64], name[64];
	u32 n;
	size_t i;

	if (!peios_parse_u32(s, &n)) {
		if (n >= 64)
			return -EINVAL;
		*cap = (int)n;
		return 0;
	}
	normalise(s, "cap_", in, sizeof(in));
	for (i = 0; i < ARRAY_SIZE(capabilities); i++) {
		normalise(capabilities[i], "", name, sizeof(name));
		if (!strcmp(in, name)) {
			*cap = (int)i;
			return 0;
		}
	}
	return -EINVAL;
}
