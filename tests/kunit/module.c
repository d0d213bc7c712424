// SPDX-License-Identifier: GPL-2.0
/*
 * peios_ipc_kunit.ko: every KUnit suite of the project in one module.  The
 * suites run when it is loaded; peios_ipc.ko must be loaded first.
 */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites of peios_ipc");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
