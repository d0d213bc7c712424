// SPDX-License-Identifier: GPL-2.0
/*
 * Identity cases: the identity map's text form and the projection of
 * ids and capabilities to a token (peios_cases.h).  Pure data; the host
 * runs them through the security core, KUnit through the module's
 * identity provider, so both sides are held to the same results.
 */
#include "peios_cases.h"

#define MAP_OK(n, text, shown)		{ n, text, 0, 0, shown }
#define MAP_BAD(n, text, err, line)	{ n, text, err, line, NULL }

const struct peios_idmap_case peios_idmap_cases[] = {
	MAP_OK("uid with a level and a gid",
	       "uid 1000 S-1-5-21-1-2-3-1001 il=low\ngid 100 S-1-5-32-545\n",
	       "uid 1000 S-1-5-21-1-2-3-1001 il=low\ngid 100 S-1-5-32-545\n"),
	MAP_OK("a numeric level is shown by name",
	       "uid 5 S-1-5-21-5 il=0x2000", "uid 5 S-1-5-21-5 il=medium\n"),
	MAP_OK("a level with no name is shown as a number",
	       "uid 5 S-1-5-21-5 il=100", "uid 5 S-1-5-21-5 il=100\n"),
	MAP_OK("level names in any case", "uid 5 S-1-5-21-5 il=SYSTEM",
	       "uid 5 S-1-5-21-5 il=system\n"),
	MAP_OK("comments, blank lines and spaces are skipped",
	       "# the map\n\n\t\n\tuid  5   S-1-5-21-5\t\n",
	       "uid 5 S-1-5-21-5\n"),
	MAP_OK("a later line replaces an earlier one",
	       "uid 5 S-1-5-21-5\nuid 5 S-1-5-21-6 il=high\n",
	       "uid 5 S-1-5-21-6 il=high\n"),
	MAP_OK("del removes one entry",
	       "uid 5 S-1-5-21-5\ngid 6 S-1-5-21-6\ndel uid 5\n",
	       "gid 6 S-1-5-21-6\n"),
	MAP_OK("clear removes every entry",
	       "uid 5 S-1-5-21-5\nclear\ngid 7 S-1-5-21-7\n",
	       "gid 7 S-1-5-21-7\n"),
	MAP_OK("one SID may stand for a uid and a gid",
	       "uid 5 S-1-5-21-5\ngid 5 S-1-5-21-5\n",
	       "uid 5 S-1-5-21-5\ngid 5 S-1-5-21-5\n"),
	MAP_OK("nothing", "", ""),
	MAP_BAD("one SID for two uids", "uid 5 S-1-5-21-5\nuid 6 S-1-5-21-5\n",
		-EINVAL, 2),
	MAP_BAD("a gid carries no level", "gid 5 S-1-5-21-5 il=low", -EINVAL,
		1),
	MAP_BAD("an unknown level", "uid 5 S-1-5-21-5 il=lowest", -EINVAL, 1),
	MAP_BAD("an option that is not il=", "uid 5 S-1-5-21-5 low", -EINVAL,
		1),
	MAP_BAD("a word after the level", "uid 5 S-1-5-21-5 il=low x",
		-EINVAL, 1),
	MAP_BAD("id -1 is the invalid id", "uid 4294967295 S-1-5-21-5",
		-EINVAL, 1),
	MAP_BAD("an id beyond 32 bits", "uid 4294967296 S-1-5-21-5", -EINVAL,
		1),
	MAP_BAD("ids are decimal", "uid 0x10 S-1-5-21-5", -EINVAL, 1),
	MAP_BAD("a signed id", "uid +5 S-1-5-21-5", -EINVAL, 1),
	MAP_BAD("a SID with trailing text", "uid 5 S-1-5-21-5x", -EINVAL, 1),
	MAP_BAD("an SDDL alias is no SID here", "uid 5 BA", -EINVAL, 1),
	MAP_BAD("a missing SID", "gid 5", -EINVAL, 1),
	MAP_BAD("del of a missing entry", "uid 5 S-1-5-21-5\ndel gid 5\n",
		-ENOENT, 2),
	MAP_BAD("del of a bad kind", "del pid 5", -EINVAL, 1),
	MAP_BAD("del with a SID", "uid 5 S-1-5-21-5\ndel uid 5 S-1-5-21-5",
		-EINVAL, 2),
	MAP_BAD("clear with an argument", "clear all", -EINVAL, 1),
	MAP_BAD("an unknown command", "\nmap uid 5 S-1-5-21-5\n", -EINVAL, 2),
};

const size_t peios_idmap_case_count = ARRAY_SIZE(peios_idmap_cases);

#define CAP(n)		(1ULL << (n))
#define ATTRS		" 0x7\n"
#define WORLD		"group S-1-1-0" ATTRS "group S-1-5-11" ATTRS \
			"group S-1-2-0" ATTRS

const struct peios_projection_case peios_projection_cases[] = {
	{ "root is SYSTEM with Administrators at System", 0, 0, {}, 0,
	  CAP(PEIOS_CAP_SYS_ADMIN) | CAP(PEIOS_CAP_SYS_RESOURCE), NULL,
	  "user S-1-5-18 0x0\ngroup S-1-22-2-0" ATTRS WORLD
	  "group S-1-5-32-544 0xf\nintegrity 16384\npolicy 0x1\n"
	  "privilege SeIncreaseQuotaPrivilege\nprivilege SeTcbPrivilege\n"
	  "privilege SeSecurityPrivilege\nprivilege SeRelabelPrivilege\n"
	  "pip 0:0\n" },
	{ "primary gid first, no duplicate, then the world groups", 1000, 100,
	  { 27, 100 }, 2, 0, NULL,
	  "user S-1-22-1-1000 0x0\ngroup S-1-22-2-100" ATTRS
	  "group S-1-22-2-27" ATTRS WORLD
	  "integrity 8192\npolicy 0x1\npip 0:0\n" },
	{ "CAP_FOWNER and CAP_CHOWN", 1000, 1000, {}, 0,
	  CAP(PEIOS_CAP_FOWNER) | CAP(PEIOS_CAP_CHOWN), NULL,
	  "user S-1-22-1-1000 0x0\ngroup S-1-22-2-1000" ATTRS WORLD
	  "integrity 8192\npolicy 0x1\nprivilege SeTakeOwnershipPrivilege\n"
	  "privilege SeRestorePrivilege\npip 0:0\n" },
	{ "CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH count for nothing", 1000,
	  1000, {}, 0, CAP(1) | CAP(2), NULL,
	  "user S-1-22-1-1000 0x0\ngroup S-1-22-2-1000" ATTRS WORLD
	  "integrity 8192\npolicy 0x1\npip 0:0\n" },
	{ "the map gives the user, group SIDs and the level", 1000, 100,
	  { 4, 100 }, 2, 0,
	  "uid 1000 S-1-5-21-1-2-3-1001 il=low\ngid 100 S-1-5-32-545\n",
	  "user S-1-5-21-1-2-3-1001 0x0\ngroup S-1-5-32-545" ATTRS
	  "group S-1-22-2-4" ATTRS WORLD
	  "integrity 4096\npolicy 0x1\npip 0:0\n" },
	{ "a mapped uid 0 keeps Administrators and System", 0, 0, {}, 0, 0,
	  "uid 0 S-1-5-21-9-500\n",
	  "user S-1-5-21-9-500 0x0\ngroup S-1-22-2-0" ATTRS WORLD
	  "group S-1-5-32-544 0xf\nintegrity 16384\npolicy 0x1\npip 0:0\n" },
	{ "gid 0 is not SYSTEM", 1000, 0, {}, 0, 0, NULL,
	  "user S-1-22-1-1000 0x0\ngroup S-1-22-2-0" ATTRS WORLD
	  "integrity 8192\npolicy 0x1\npip 0:0\n" },
	{ "a level only", 1000, 1000, {}, 0, 0,
	  "uid 1000 S-1-22-1-1000 il=high\n",
	  "user S-1-22-1-1000 0x0\ngroup S-1-22-2-1000" ATTRS WORLD
	  "integrity 12288\npolicy 0x1\npip 0:0\n" },
};

const size_t peios_projection_case_count = ARRAY_SIZE(peios_projection_cases);
