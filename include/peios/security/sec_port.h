/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Portability layer for the security core (security/).
 *
 * The same sources build into the kernel module, host unit tests, fuzz
 * targets and userspace tools.  Everything environment-specific lives
 * here: integer types, allocation, errno values and little-endian
 * accessors.  security/ files include only this header and other
 * include/peios/ headers.
 */
#ifndef _PEIOS_SEC_PORT_H
#define _PEIOS_SEC_PORT_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#define sec_alloc(size)		kmalloc((size), GFP_KERNEL)
#define sec_zalloc(size)	kzalloc((size), GFP_KERNEL)
#define sec_free(p)		kfree(p)

#else /* !__KERNEL__ */

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif

static inline void *sec_alloc(size_t size)
{
	return malloc(size ? size : 1);
}

static inline void *sec_zalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

static inline void sec_free(void *p)
{
	free(p);
}

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif /* __KERNEL__ */

/*
 * Byte-wise little-endian accessors.  They are used for every field of
 * the wire format so that unaligned input and big-endian hosts need no
 * special care.
 */
static inline u16 sec_get_le16(const u8 *p)
{
	return (u16)(p[0] | (p[1] << 8));
}

static inline u32 sec_get_le32(const u8 *p)
{
	return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) |
	       ((u32)p[3] << 24);
}

static inline void sec_put_le16(u8 *p, u16 v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static inline void sec_put_le32(u8 *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

#endif /* _PEIOS_SEC_PORT_H */
