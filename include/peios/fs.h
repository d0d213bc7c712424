/* SPDX-License-Identifier: GPL-2.0 */
/* The module's two filesystems: mqueue and peios_shm. */
#ifndef _PEIOS_FS_H
#define _PEIOS_FS_H

#define PEIOS_MQUEUE_MAGIC	0x19800202	/* Linux's mqueue statfs magic */
#define PEIOS_SHM_MAGIC		0x01021994	/* tmpfs's, as programs expect */

int peios_mqueue_fs_init(void);
void peios_mqueue_fs_exit(void);
int peios_shm_fs_init(void);
void peios_shm_fs_exit(void);

#endif /* _PEIOS_FS_H */
