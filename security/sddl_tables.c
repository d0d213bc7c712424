// SPDX-License-Identifier: GPL-2.0
/*
 * The vocabulary of SDDL: SID aliases, rights aliases, ACE type and ACE
 * flag names.  Constant tables shared by sddl.c and sddl_format.c; the
 * order of each table is the order the formatter emits names in.
 */
#include <peios/security/sddl.h>

const struct peios_sddl_sid_alias peios_sddl_sid_aliases[] = {
	{ "WD", PEIOS_SID_INIT(1, 1, 0) },		/* Everyone */
	{ "CO", PEIOS_SID_INIT(3, 1, 0) },		/* Creator Owner */
	{ "CG", PEIOS_SID_INIT(3, 1, 1) },		/* Creator Group */
	{ "OW", PEIOS_SID_INIT(3, 1, 4) },		/* Owner Rights */
	{ "NU", PEIOS_SID_INIT(5, 1, 2) },		/* Network */
	{ "IU", PEIOS_SID_INIT(5, 1, 4) },		/* Interactive */
	{ "SU", PEIOS_SID_INIT(5, 1, 6) },		/* Service */
	{ "AN", PEIOS_SID_INIT(5, 1, 7) },		/* Anonymous */
	{ "PS", PEIOS_SID_INIT(5, 1, 10) },		/* Principal Self */
	{ "AU", PEIOS_SID_INIT(5, 1, 11) },		/* Authenticated Users */
	{ "RC", PEIOS_SID_INIT(5, 1, 12) },		/* Restricted Code */
	{ "SY", PEIOS_SID_INIT(5, 1, 18) },		/* Local System */
	{ "LS", PEIOS_SID_INIT(5, 1, 19) },		/* Local Service */
	{ "NS", PEIOS_SID_INIT(5, 1, 20) },		/* Network Service */
	{ "BA", PEIOS_SID_INIT(5, 2, 32, 544) },	/* Administrators */
	{ "BU", PEIOS_SID_INIT(5, 2, 32, 545) },	/* Users */
	{ "BG", PEIOS_SID_INIT(5, 2, 32, 546) },	/* Guests */
	{ "PU", PEIOS_SID_INIT(5, 2, 32, 547) },	/* Power Users */
	{ "AO", PEIOS_SID_INIT(5, 2, 32, 548) },	/* Account Operators */
	{ "SO", PEIOS_SID_INIT(5, 2, 32, 549) },	/* Server Operators */
	{ "BO", PEIOS_SID_INIT(5, 2, 32, 551) },	/* Backup Operators */
	{ "AC", PEIOS_SID_INIT(15, 2, 2, 1) },		/* All App Packages */
	{ "LW", PEIOS_SID_INIT(16, 1, 4096) },		/* Low integrity */
	{ "ME", PEIOS_SID_INIT(16, 1, 8192) },		/* Medium integrity */
	{ "MP", PEIOS_SID_INIT(16, 1, 8448) },		/* Medium Plus */
	{ "HI", PEIOS_SID_INIT(16, 1, 12288) },		/* High integrity */
	{ "SI", PEIOS_SID_INIT(16, 1, 16384) },		/* System integrity */
};
const size_t peios_sddl_sid_alias_count = ARRAY_SIZE(peios_sddl_sid_aliases);

/*
 * Rights aliases.  The two-letter DS names double as the file-specific
 * bits, as in Windows.  NR/NW/NX are the mandatory label policy bits
 * with their Peios values (NO_READ_UP 0x1, NO_WRITE_UP 0x2,
 * NO_EXECUTE_UP 0x4).  The composite file aliases come first so the
 * formatter prefers them.
 */
const struct peios_sddl_name peios_sddl_rights[] = {
	{ "FA", PEIOS_FILE_ALL_ACCESS },
	{ "FR", PEIOS_FILE_GENERIC_READ },
	{ "FW", PEIOS_FILE_GENERIC_WRITE },
	{ "FX", PEIOS_FILE_GENERIC_EXECUTE },
	{ "GA", PEIOS_GENERIC_ALL },
	{ "GR", PEIOS_GENERIC_READ },
	{ "GW", PEIOS_GENERIC_WRITE },
	{ "GX", PEIOS_GENERIC_EXECUTE },
	{ "RC", PEIOS_READ_CONTROL },
	{ "SD", PEIOS_DELETE },
	{ "WD", PEIOS_WRITE_DAC },
	{ "WO", PEIOS_WRITE_OWNER },
	{ "CC", PEIOS_FILE_READ_DATA },
	{ "DC", PEIOS_FILE_WRITE_DATA },
	{ "LC", PEIOS_FILE_APPEND_DATA },
	{ "SW", PEIOS_FILE_READ_EA },
	{ "RP", PEIOS_FILE_WRITE_EA },
	{ "WP", PEIOS_FILE_EXECUTE },
	{ "DT", PEIOS_FILE_DELETE_CHILD },
	{ "LO", PEIOS_FILE_READ_ATTRIBUTES },
	{ "CR", PEIOS_FILE_WRITE_ATTRIBUTES },
	{ "NR", PEIOS_LABEL_NO_READ_UP },
	{ "NW", PEIOS_LABEL_NO_WRITE_UP },
	{ "NX", PEIOS_LABEL_NO_EXECUTE_UP },
};
const size_t peios_sddl_rights_count = ARRAY_SIZE(peios_sddl_rights);

const struct peios_sddl_name peios_sddl_ace_types[] = {
	{ "A", PEIOS_ACE_ALLOWED },
	{ "D", PEIOS_ACE_DENIED },
	{ "AU", PEIOS_ACE_SYSTEM_AUDIT },
	{ "AL", PEIOS_ACE_SYSTEM_ALARM },
	{ "ML", PEIOS_ACE_MANDATORY_LABEL },
	{ "TL", PEIOS_ACE_PROCESS_TRUST_LABEL },
	{ "XA", PEIOS_ACE_ALLOWED_CALLBACK },	/* with a condition */
	{ "XD", PEIOS_ACE_DENIED_CALLBACK },
};
const size_t peios_sddl_ace_type_count = ARRAY_SIZE(peios_sddl_ace_types);

const struct peios_sddl_name peios_sddl_ace_flags[] = {
	{ "OI", PEIOS_OBJECT_INHERIT_ACE },
	{ "CI", PEIOS_CONTAINER_INHERIT_ACE },
	{ "NP", PEIOS_NO_PROPAGATE_INHERIT_ACE },
	{ "IO", PEIOS_INHERIT_ONLY_ACE },
	{ "ID", PEIOS_INHERITED_ACE },
	{ "SA", PEIOS_SUCCESSFUL_ACCESS_ACE },
	{ "FA", PEIOS_FAILED_ACCESS_ACE },
};
const size_t peios_sddl_ace_flag_count = ARRAY_SIZE(peios_sddl_ace_flags);

/* The alias the formatter uses for @sid, or NULL. */
const char *peios_sddl_alias_of(const struct peios_sid *sid)
{
	size_t i;

	for (i = 0; i < peios_sddl_sid_alias_count; i++)
		if (peios_sid_equal(&peios_sddl_sid_aliases[i].sid, sid))
			return peios_sddl_sid_aliases[i].name;
	return NULL;
}
