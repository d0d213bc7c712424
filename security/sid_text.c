// SPDX-License-Identifier: GPL-2.0
/*
 * SID text form: parsing and formatting "S-1-<authority>-<sub>...".
 * The authority is decimal below 2^32 and "0x" plus twelve hex digits
 * above, as MS-DTYP prescribes.  No shared state.
 */
#include <peios/security/sid.h>
#include <peios/security/text.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Parse an unsigned number at @s (decimal, or hex after "0x" when
 * @hex) no larger than @max.  Returns characters used, 0 if none
 * or on overflow.
 */
static size_t parse_number(const char *s, size_t len, bool hex, u64 max,
			   u64 *out)
{
	size_t i = 0;
	u64 v = 0;

	if (hex) {
		/*
		 * "0x" and at most twelve digits (48 bits).  Parsing stops
		 * after the twelfth so that a SID embedded in SDDL, such as
		 * "O:S-1-0x0000000000FFD:", does not swallow the next tag.
		 */
		for (i = 2; i < len && i < 14 && peios_hex_digit(s[i]) >= 0; i++)
			v = (v << 4) | (u64)peios_hex_digit(s[i]);
		if (i == 2 || v > max)
			return 0;
		*out = v;
		return i;
	}
	/* max is below 2^48, so v * 10 cannot overflow before the check */
	for (; i < len && is_digit(s[i]); i++) {
		v = v * 10 + (u64)(s[i] - '0');
		if (v > max)
			return 0;
	}
	if (!i)
		return 0;
	*out = v;
	return i;
}

/*
 * Parse a SID at the start of @str (@len characters, not necessarily
 * NUL-terminated).  Parsing stops at the first character that cannot
 * continue the SID, so the caller can parse SIDs embedded in SDDL; that
 * count is returned in *@consumed.  When @consumed is NULL the whole
 * string must be the SID.
 */
int peios_sid_parse(const char *str, size_t len, struct peios_sid *sid,
		    size_t *consumed)
{
	u32 subs[PEIOS_SID_MAX_SUB_AUTHS];
	size_t pos, n;
	u64 auth, v;
	u8 count = 0;
	bool hex;

	if (len < 4 || (str[0] != 'S' && str[0] != 's') || str[1] != '-' ||
	    str[2] != '1' || str[3] != '-')
		return -EINVAL;
	pos = 4;
	/* A decimal authority must fit in 32 bits; larger ones use hex */
	hex = len - pos > 2 && str[pos] == '0' &&
	      (str[pos + 1] == 'x' || str[pos + 1] == 'X');
	n = parse_number(str + pos, len - pos, hex,
			 hex ? 0xFFFFFFFFFFFFull : 0xFFFFFFFFull, &auth);
	if (!n)
		return -EINVAL;
	pos += n;
	while (pos + 1 < len && str[pos] == '-' && is_digit(str[pos + 1])) {
		if (count == PEIOS_SID_MAX_SUB_AUTHS)
			return -EINVAL;
		n = parse_number(str + pos + 1, len - pos - 1, false,
				 0xFFFFFFFFull, &v);
		if (!n)
			return -EINVAL;
		subs[count++] = (u32)v;
		pos += 1 + n;
	}
	if (!consumed && pos != len)
		return -EINVAL;
	if (consumed)
		*consumed = pos;
	return peios_sid_init(sid, auth, count, subs);
}

/* Append decimal @v at @p; returns digits written. */
static size_t put_dec(char *p, u64 v)
{
	char tmp[20];
	size_t n = 0, i;

	do {
		tmp[n++] = '0' + (char)(v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

static size_t put_hex12(char *p, u64 v)
{
	static const char digits[] = "0123456789ABCDEF";
	int i;

	p[0] = '0';
	p[1] = 'x';
	for (i = 0; i < 12; i++)
		p[2 + i] = digits[(v >> (44 - 4 * i)) & 0xf];
	return 14;
}

/*
 * Format @sid into @buf.  Returns the string length (excluding the NUL)
 * or -ENOSPC when @buflen is too small, -EINVAL for an invalid SID.
 */
int peios_sid_format(const struct peios_sid *sid, char *buf, size_t buflen)
{
	char tmp[PEIOS_SID_STR_MAX];
	u64 auth = peios_sid_authority(sid);
	size_t n;
	u8 i;

	if (!peios_sid_is_valid(sid))
		return -EINVAL;
	memcpy(tmp, "S-1-", 4);
	n = 4;
	if (auth >> 32)
		n += put_hex12(tmp + n, auth);
	else
		n += put_dec(tmp + n, auth);
	for (i = 0; i < sid->sub_count; i++) {
		tmp[n++] = '-';
		n += put_dec(tmp + n, sid->sub[i]);
	}
	if (n + 1 > buflen)
		return -ENOSPC;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return (int)n;
}
