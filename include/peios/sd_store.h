/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Descriptor versions shared between inodes (fs/base/sd_store.c).  Objects
 * created alike (one creator, one mode, one directory) carry identical
 * descriptors; each distinct one is validated, compacted and stored once.
 */
#ifndef _PEIOS_SD_STORE_H
#define _PEIOS_SD_STORE_H

#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <peios/security/sd.h>

/* Immutable once stored; readers find it through an inode under RCU. */
struct peios_sdv {
	struct rcu_head rcu;
	struct hlist_node link;		/* in the store, by hash */
	refcount_t ref;
	u32 hash;
	u32 mode;			/* the rwx bits stat shows */
	struct peios_sd *sd;		/* compact form, raw bytes inside */
	u8 mem[] __aligned(8);
};

struct peios_sdv *peios_sdv_get(const u8 *raw, size_t len);
void peios_sdv_put(struct peios_sdv *v);
unsigned int peios_sdv_count(void);

#endif /* _PEIOS_SD_STORE_H */
