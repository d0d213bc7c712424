/* SPDX-License-Identifier: GPL-2.0 */
/* Descriptors of new objects, remembered (fs/base/new_sd.c). */
#ifndef _PEIOS_NEW_SD_H
#define _PEIOS_NEW_SD_H

#include <linux/types.h>

struct peios_identity;
struct peios_sdv;

struct peios_sdv *peios_new_sd_find(const struct peios_sdv *parent,
				    const struct peios_identity *id, u32 mode);
void peios_new_sd_remember(struct peios_sdv *parent,
			   struct peios_identity *id, u32 mode,
			   struct peios_sdv *result);
void peios_new_sd_flush(void);

#endif /* _PEIOS_NEW_SD_H */
