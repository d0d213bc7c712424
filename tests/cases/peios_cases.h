/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Table-driven cases for the security core, shared by the host unit
 * tests (tests/host) and the KUnit suite (tests/kunit).  Pure data plus
 * runners that use only sec_port.h and the security/ API; a runner
 * returns 0 on pass or -1 with a reason in @why.
 */
#ifndef _PEIOS_CASES_H
#define _PEIOS_CASES_H

#include <peios/security/sddl.h>
#include <peios/security/access.h>
#include <peios/security/mode.h>
#include <peios/security/projection.h>
#include <peios/security/inherit.h>

/* Identities used by the cases */
#define C_ALICE		"S-1-22-1-1000"
#define C_BOB		"S-1-22-1-1001"
#define C_CAROL		"S-1-22-1-1002"
#define C_STAFF		"S-1-22-2-100"	/* Alice's primary group */
#define C_DEV		"S-1-22-2-200"	/* Bob's primary group */

/* Token profiles */
enum peios_case_token {
	CT_ALICE = 0,		/* Alice: staff, Everyone, Authenticated Users */
	CT_BOB,			/* Bob: dev, Everyone, Authenticated Users */
	CT_ADMIN,		/* SYSTEM: Administrators (OWNER), Everyone, AU */
	CT_ALICE_STAFF_DENY_ONLY, /* Alice with staff USE_FOR_DENY_ONLY */
	CT_ALICE_STAFF_DISABLED, /* Alice with staff present, not enabled */
	CT_ALICE_USER_DENY_ONLY, /* Alice whose user SID is deny-only */
	CT_ALICE_WITH_SELF,	/* Alice holding PRINCIPAL_SELF as a group */
};

/* Overrides: the marker bit says "set"; zero means the token default */
#define CASE_SET		0x80000000u
#define CASE_IL(x)		((x) | CASE_SET)
#define CASE_POLICY(x)		((x) | CASE_SET)

struct peios_access_case {
	const char *name;
	const char *sddl;
	const char *extra_aces;	/* hex wire ACEs inserted into the DACL */
	u16 extra_pos;		/* ... before this DACL index */
	u8 token;		/* enum peios_case_token */
	u64 privs;
	u32 il;			/* CASE_IL() or 0 for Medium */
	u32 policy;		/* CASE_POLICY() or 0 for NO_WRITE_UP */
	u32 pip_type;
	u32 pip_trust;
	u32 desired;
	u32 flags;
	int status;		/* 0 or -EACCES */
	u32 granted;		/* expected granted mask */
	u8 stage;		/* expected enum peios_ac_stage */
};

extern const struct peios_access_case peios_access_cases[];
extern const size_t peios_access_case_count;
int peios_run_access_case(const struct peios_access_case *c, char *why,
			  size_t whylen);

struct peios_sd_case {
	const char *name;
	void (*mutate)(u8 *buf, size_t *len);
	int expect;		/* 0 valid or -EINVAL */
};

extern const struct peios_sd_case peios_sd_cases[];
extern const size_t peios_sd_case_count;
int peios_run_sd_case(const struct peios_sd_case *c, char *why,
		      size_t whylen);

struct peios_sddl_case {
	const char *name;
	const char *input;
	const char *canonical;	/* NULL: the input is canonical */
	int expect;		/* 0 or -EINVAL */
};

extern const struct peios_sddl_case peios_sddl_cases[];
extern const size_t peios_sddl_case_count;
int peios_run_sddl_case(const struct peios_sddl_case *c, char *why,
			size_t whylen);

struct peios_inherit_case {
	const char *name;
	const char *parent;	/* NULL: no parent */
	const char *creator;	/* NULL: no creator SD */
	const char *default_dacl; /* SDDL "D:..." whose DACL is the default */
	bool container;
	const char *expect;	/* NULL: an error expected */
	u16 defaulted;		/* expected *_DEFAULTED control bits */
	int err;		/* the error when expect is NULL (-EINVAL) */
	bool no_group;		/* the token has no primary group */
	bool creator_null_dacl;	/* creator: DACL_PRESENT with offset 0 */
};

extern const struct peios_inherit_case peios_inherit_cases[];
extern const size_t peios_inherit_case_count;
int peios_run_inherit_case(const struct peios_inherit_case *c, char *why,
			   size_t whylen);

/* Caller classes of the mode brute force */
enum peios_mode_class {
	MC_OWNER,
	MC_GROUP,
	MC_OTHER,
	MC_OWNER_IN_GROUP,
	MC_COUNT,
};

const char *peios_mode_class_name(int cls);
int peios_run_mode_case(u32 mode, int cls, char *why, size_t whylen);

/*
 * Identity map text applied to an empty map: the result, the failing
 * line, and the map shown afterwards (NULL: not checked).  The host
 * applies it with the security core, KUnit through the securityfs write.
 */
struct peios_idmap_case {
	const char *name;
	const char *text;
	int expect;		/* 0 or -errno */
	unsigned int bad_line;	/* when expect is not 0 */
	const char *shown;
};

extern const struct peios_idmap_case peios_idmap_cases[];
extern const size_t peios_idmap_case_count;

/*
 * Ids, capabilities and an identity map (NULL: none) projected to a
 * token, checked as its whoami text (token_text.h).  The host projects
 * with the security core, KUnit builds a struct cred and asks the
 * module's identity provider; both must give this text.  groups are
 * sorted, as Linux keeps them.
 */
#define PEIOS_CASE_MAX_GIDS 4

struct peios_projection_case {
	const char *name;
	u32 uid;
	u32 gid;
	u32 groups[PEIOS_CASE_MAX_GIDS];
	u32 ngroups;
	u64 caps;		/* bitmask of PEIOS_CAP_* numbers */
	const char *map;
	const char *whoami;
};

extern const struct peios_projection_case peios_projection_cases[];
extern const size_t peios_projection_case_count;

/* Helpers shared by runners */
int peios_case_token(struct peios_token *tok, struct peios_sid_attr *groups,
		     u32 cap, int profile);

#endif /* _PEIOS_CASES_H */
