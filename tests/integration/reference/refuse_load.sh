#!/bin/sh
# On a kernel with its own POSIX message queues the module must refuse to
# load with one clear log line, leave the kernel's mqueue working, and oops
# nothing.
. /tests/lib/check.sh

dmesg -c > /dev/null
refute "insmod is refused on a kernel with built-in mqueue" insmod "$PEIOS_KO"
check "one clear log line says why" \
	sh -c 'dmesg | grep -q "already provides POSIX message queues"'
refute "module is not loaded" module_loaded
# The kernel's own implementation still answers (EBADF, not ENOSYS).
expect EBADF "built-in mq_getsetattr still serves" \
	/tests/bin/mq_probe getsetattr -1
check_done
