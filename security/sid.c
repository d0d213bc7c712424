// SPDX-License-Identifier: GPL-2.0
/*
 * SIDs in binary form: decoding from and encoding to the wire layout,
 * validity, comparison, the identity helpers (Unix user/group, integrity
 * and trust SIDs) and the well-known SIDs of PSD-004 §2.2.
 * Pure functions, no shared state.
 */
#include <peios/security/sid.h>

const struct peios_sid peios_sid_nobody = PEIOS_SID_INIT(0, 1, 0);
const struct peios_sid peios_sid_everyone = PEIOS_SID_INIT(1, 1, 0);
const struct peios_sid peios_sid_local = PEIOS_SID_INIT(2, 1, 0);
const struct peios_sid peios_sid_creator_owner = PEIOS_SID_INIT(3, 1, 0);
const struct peios_sid peios_sid_creator_group = PEIOS_SID_INIT(3, 1, 1);
const struct peios_sid peios_sid_owner_rights = PEIOS_SID_INIT(3, 1, 4);
const struct peios_sid peios_sid_principal_self = PEIOS_SID_INIT(5, 1, 10);
const struct peios_sid peios_sid_authenticated_users =
	PEIOS_SID_INIT(5, 1, 11);
const struct peios_sid peios_sid_system = PEIOS_SID_INIT(5, 1, 18);
const struct peios_sid peios_sid_builtin_admins = PEIOS_SID_INIT(5, 2, 32, 544);
const struct peios_sid peios_sid_builtin_users = PEIOS_SID_INIT(5, 2, 32, 545);

u64 peios_sid_authority(const struct peios_sid *sid)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 6; i++)
		v = (v << 8) | sid->authority[i];
	return v;
}

void peios_sid_set_authority(struct peios_sid *sid, u64 authority)
{
	int i;

	for (i = 5; i >= 0; i--) {
		sid->authority[i] = authority & 0xff;
		authority >>= 8;
	}
}

/*
 * Fill @sid.  Unused sub-authority slots are zeroed so that whole-struct
 * copies never carry stale data.
 */
int peios_sid_init(struct peios_sid *sid, u64 authority, u8 count,
		   const u32 *subs)
{
	if (count > PEIOS_SID_MAX_SUB_AUTHS || authority >> 48)
		return -EINVAL;
	memset(sid, 0, sizeof(*sid));
	sid->revision = PEIOS_SID_REVISION;
	sid->sub_count = count;
	peios_sid_set_authority(sid, authority);
	if (count)
		memcpy(sid->sub, subs, count * sizeof(u32));
	return 0;
}

bool peios_sid_is_valid(const struct peios_sid *sid)
{
	return sid->revision == PEIOS_SID_REVISION &&
	       sid->sub_count <= PEIOS_SID_MAX_SUB_AUTHS;
}

/*
 * Decode the SID at @buf.  Rejects a wrong revision, more than 15
 * sub-authorities and a SID running past @len.  *@used receives the
 * wire size.
 */
int peios_sid_from_bytes(const u8 *buf, size_t len, struct peios_sid *sid,
			 size_t *used)
{
	size_t need;
	u8 i;

	if (len < PEIOS_SID_HEADER_SIZE)
		return -EINVAL;
	if (buf[0] != PEIOS_SID_REVISION || buf[1] > PEIOS_SID_MAX_SUB_AUTHS)
		return -EINVAL;
	need = PEIOS_SID_HEADER_SIZE + 4 * (size_t)buf[1];
	if (len < need)
		return -EINVAL;
	memset(sid, 0, sizeof(*sid));
	sid->revision = buf[0];
	sid->sub_count = buf[1];
	memcpy(sid->authority, buf + 2, 6);
	for (i = 0; i < sid->sub_count; i++)
		sid->sub[i] = sec_get_le32(buf + 8 + 4 * i);
	if (used)
		*used = need;
	return 0;
}

/* Encode @sid at @buf, which must hold peios_sid_size() bytes. */
size_t peios_sid_to_bytes(const struct peios_sid *sid, u8 *buf)
{
	u8 i;

	buf[0] = sid->revision;
	buf[1] = sid->sub_count;
	memcpy(buf + 2, sid->authority, 6);
	for (i = 0; i < sid->sub_count; i++)
		sec_put_le32(buf + 8 + 4 * i, sid->sub[i]);
	return peios_sid_size(sid);
}

bool peios_sid_equal(const struct peios_sid *a, const struct peios_sid *b)
{
	/* revision, count and authority are the first eight bytes */
	if (memcmp(a, b, PEIOS_SID_HEADER_SIZE))
		return false;
	return !memcmp(a->sub, b->sub, a->sub_count * sizeof(u32));
}

/*
 * Total order for sorting and canonical output: revision, count,
 * authority, then sub-authorities numerically.
 */
int peios_sid_compare(const struct peios_sid *a, const struct peios_sid *b)
{
	u8 i;
	int r;

	if (a->revision != b->revision)
		return a->revision < b->revision ? -1 : 1;
	if (a->sub_count != b->sub_count)
		return a->sub_count < b->sub_count ? -1 : 1;
	r = memcmp(a->authority, b->authority, 6);
	if (r)
		return r < 0 ? -1 : 1;
	for (i = 0; i < a->sub_count; i++)
		if (a->sub[i] != b->sub[i])
			return a->sub[i] < b->sub[i] ? -1 : 1;
	return 0;
}

static bool sid_has_authority(const struct peios_sid *sid, u8 auth)
{
	static const u8 zero[5];

	return !memcmp(sid->authority, zero, 5) && sid->authority[5] == auth;
}

/* S-1-16-X: integrity level X */
bool peios_sid_is_integrity(const struct peios_sid *sid, u32 *rid)
{
	if (sid->revision != PEIOS_SID_REVISION || sid->sub_count != 1 ||
	    !sid_has_authority(sid, PEIOS_AUTH_MANDATORY_LABEL))
		return false;
	if (rid)
		*rid = sid->sub[0];
	return true;
}

/* S-1-19-T-L: process trust type T, trust level L */
bool peios_sid_is_trust(const struct peios_sid *sid, u32 *type, u32 *trust)
{
	if (sid->revision != PEIOS_SID_REVISION || sid->sub_count != 2 ||
	    !sid_has_authority(sid, PEIOS_AUTH_PROCESS_TRUST))
		return false;
	if (type)
		*type = sid->sub[0];
	if (trust)
		*trust = sid->sub[1];
	return true;
}

static void sid_set2(struct peios_sid *sid, u8 auth, u32 a, u32 b)
{
	u32 subs[2] = { a, b };

	peios_sid_init(sid, auth, 2, subs);
}

void peios_sid_unix_user(struct peios_sid *sid, u32 uid)
{
	sid_set2(sid, PEIOS_AUTH_UNIX, 1, uid);
}

void peios_sid_unix_group(struct peios_sid *sid, u32 gid)
{
	sid_set2(sid, PEIOS_AUTH_UNIX, 2, gid);
}

void peios_sid_integrity(struct peios_sid *sid, u32 rid)
{
	peios_sid_init(sid, PEIOS_AUTH_MANDATORY_LABEL, 1, &rid);
}

void peios_sid_trust(struct peios_sid *sid, u32 type, u32 trust)
{
	sid_set2(sid, PEIOS_AUTH_PROCESS_TRUST, type, trust);
}
