/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the native and ia32 entry points. */
#ifndef _PEIOS_SYSCALL_ENTRY_H
#define _PEIOS_SYSCALL_ENTRY_H

void peios_syscall_test_delay(void);

#ifdef CONFIG_IA32_EMULATION
int peios_syscalls_ia32_init(void);
void peios_syscalls_ia32_exit(void);
#else
static inline int peios_syscalls_ia32_init(void) { return 0; }
static inline void peios_syscalls_ia32_exit(void) { }
#endif

#endif /* _PEIOS_SYSCALL_ENTRY_H */
