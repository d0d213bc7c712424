/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AccessCheck (Documentation/security-core.md, "AccessCheck steps";
 * PSD-004 v0.22 §10.10).
 *
 * Input: a descriptor in compact form, the caller's token and process
 * security block, the desired mask, flags and a generic mapping.
 * Output: success or -EACCES, the granted mask and the stage that denied,
 * for logging.  peios_access_check() never allocates and never sleeps.
 */
#ifndef _PEIOS_ACCESS_H
#define _PEIOS_ACCESS_H

#include <peios/security/sd.h>
#include <peios/security/token.h>

struct peios_generic_mapping {
	u32 read;
	u32 write;
	u32 execute;
	u32 all;
};

/* FILE_GENERIC_READ/WRITE/EXECUTE and FILE_ALL_ACCESS */
extern const struct peios_generic_mapping peios_file_mapping;

u32 peios_map_generic(u32 mask, const struct peios_generic_mapping *map);

/* Flags */
#define PEIOS_AC_BACKUP_INTENT	0x1	/* let SeBackupPrivilege grant reads */
#define PEIOS_AC_RESTORE_INTENT	0x2	/* let SeRestorePrivilege grant writes */
/*
 * Evaluate owner rights and the DACL only (no privileges, MIC or PIP).
 * For projections such as the stat mode, never for authorisation.
 */
#define PEIOS_AC_DACL_ONLY	0x100

/* Which stage of the pipeline decided a denial */
enum peios_ac_stage {
	PEIOS_AC_STAGE_NONE = 0,	/* access granted */
	PEIOS_AC_STAGE_MALFORMED,	/* descriptor invalid */
	PEIOS_AC_STAGE_NO_OWNER,	/* descriptor has no owner */
	PEIOS_AC_STAGE_PRIVILEGE,	/* ACCESS_SYSTEM_SECURITY w/o privilege */
	PEIOS_AC_STAGE_MIC,		/* mandatory integrity control */
	PEIOS_AC_STAGE_PIP,		/* process trust label */
	PEIOS_AC_STAGE_DACL,		/* not granted by the DACL */
};

struct peios_access_result {
	int status;		/* 0 or -EACCES */
	enum peios_ac_stage stage;
	u32 granted;		/* 0 on denial */
	u32 desired;		/* mapped request, MAXIMUM_ALLOWED stripped */
	u32 missing;		/* desired bits not granted */
	u32 privilege_granted;	/* bits that only a privilege granted */
};

int peios_access_check(const struct peios_sd *sd,
		       const struct peios_token *tok,
		       const struct peios_psb *psb, u32 desired, u32 flags,
		       const struct peios_generic_mapping *map,
		       struct peios_access_result *res);

int peios_access_check_raw(const u8 *sd, size_t len,
			   const struct peios_token *tok,
			   const struct peios_psb *psb, u32 desired, u32 flags,
			   const struct peios_generic_mapping *map,
			   struct peios_access_result *res);

const char *peios_ac_stage_name(enum peios_ac_stage stage);

#endif /* _PEIOS_ACCESS_H */
