/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A growable byte buffer with a sticky error, used to build descriptors
 * and SDDL text.  After the first failure every later call is a no-op,
 * so builders check the error once at the end.
 */
#ifndef _PEIOS_SEC_BUF_H
#define _PEIOS_SEC_BUF_H

#include <peios/security/sec_port.h>

struct sec_buf {
	u8 *data;
	size_t len;
	size_t cap;
	size_t limit;	/* growing beyond this sets err = -EINVAL */
	int err;
};

void sec_buf_init(struct sec_buf *b, size_t limit);
void sec_buf_release(struct sec_buf *b);
u8 *sec_buf_reserve(struct sec_buf *b, size_t n);
void sec_buf_put(struct sec_buf *b, const void *p, size_t n);
void sec_buf_put_u8(struct sec_buf *b, u8 v);
void sec_buf_put_le16(struct sec_buf *b, u16 v);
void sec_buf_put_le32(struct sec_buf *b, u32 v);
void sec_buf_puts(struct sec_buf *b, const char *s);
void sec_buf_put_hex(struct sec_buf *b, u32 v);
int sec_buf_detach(struct sec_buf *b, u8 **out, size_t *len);

#endif /* _PEIOS_SEC_BUF_H */
