#!/bin/sh
# Message queues per IPC namespace, in C and with busybox unshare, and no
# leak after many namespaces (the figures are printed as comments).
. /tests/lib/check.sh
load_module
mkdir -p /dev/mqueue
run_tap /tests/bin/mq_ns 200
# busybox unshare -i: a shell in a new IPC namespace sees its own queues.
/tests/bin/mqctl open:/peios_sh_outer:rwc close >/dev/null
expect "ENOENT" "unshare -i: the outer queue is not there" \
	unshare -i /tests/bin/mqctl open:/peios_sh_outer:rw
expect "ok ok ENOENT
ENOENT" "unshare -i: a queue made inside is not seen outside" \
	sh -c 'unshare -i /tests/bin/mqctl open:/peios_sh_inner:rwc close \
		unlink:/peios_sh_outer; /tests/bin/mqctl open:/peios_sh_inner:rw'
/tests/bin/mqctl unlink:/peios_sh_outer >/dev/null
# kmem_cache_destroy() warns (and fails the run) if a queue inode is left.
check "the module unloads once the namespaces are gone" unload_module
check_done
