// SPDX-License-Identifier: GPL-2.0
/*
 * Growable byte buffer with a sticky error (see include/peios/security/sec_buf.h).
 * Owned by one builder at a time; no locking.
 */
#include <peios/security/sec_buf.h>

void sec_buf_init(struct sec_buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
	b->err = 0;
}

void sec_buf_release(struct sec_buf *b)
{
	sec_free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

/* Grow geometrically; no realloc so the kernel and libc paths match. */
static int sec_buf_grow(struct sec_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 64;
	u8 *p;

	while (cap < need)
		cap *= 2;
	p = sec_alloc(cap);
	if (!p)
		return -ENOMEM;
	if (b->len)
		memcpy(p, b->data, b->len);
	sec_free(b->data);
	b->data = p;
	b->cap = cap;
	return 0;
}

/*
 * Reserve @n bytes at the end and return a pointer to them (contents
 * zeroed), or NULL once the buffer is in error.
 */
u8 *sec_buf_reserve(struct sec_buf *b, size_t n)
{
	u8 *p;

	if (b->err)
		return NULL;
	if (n > b->limit || b->len > b->limit - n) {
		b->err = -EINVAL;
		return NULL;
	}
	if (b->len + n > b->cap) {
		b->err = sec_buf_grow(b, b->len + n);
		if (b->err)
			return NULL;
	}
	p = b->data + b->len;
	memset(p, 0, n);
	b->len += n;
	return p;
}

void sec_buf_put(struct sec_buf *b, const void *p, size_t n)
{
	u8 *d = sec_buf_reserve(b, n);

	if (d && n)
		memcpy(d, p, n);
}

void sec_buf_put_u8(struct sec_buf *b, u8 v)
{
	sec_buf_put(b, &v, 1);
}

void sec_buf_put_le16(struct sec_buf *b, u16 v)
{
	u8 *d = sec_buf_reserve(b, 2);

	if (d)
		sec_put_le16(d, v);
}

void sec_buf_put_le32(struct sec_buf *b, u32 v)
{
	u8 *d = sec_buf_reserve(b, 4);

	if (d)
		sec_put_le32(d, v);
}

void sec_buf_puts(struct sec_buf *b, const char *s)
{
	sec_buf_put(b, s, strlen(s));
}

/* "0x" followed by lowercase hex without leading zeros */
void sec_buf_put_hex(struct sec_buf *b, u32 v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[10];
	int n = 0, shift;
	bool started = false;

	tmp[n++] = '0';
	tmp[n++] = 'x';
	for (shift = 28; shift >= 0; shift -= 4) {
		u32 d = (v >> shift) & 0xf;

		if (d || started || !shift) {
			tmp[n++] = digits[d];
			started = true;
		}
	}
	sec_buf_put(b, tmp, n);
}

/*
 * Hand the contents to the caller (who frees them with sec_free()) or
 * release them and return the sticky error.
 */
int sec_buf_detach(struct sec_buf *b, u8 **out, size_t *len)
{
	int err = b->err;

	if (err) {
		sec_buf_release(b);
		return err;
	}
	if (!b->data) {
		/* an empty result still gets a buffer the caller can free */
		err = sec_buf_grow(b, 1);
		if (err)
			return err;
	}
	*out = b->data;
	*len = b->len;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return 0;
}
