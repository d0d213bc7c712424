#!/bin/sh
# Hostile arguments to the mq_* syscalls (native and ia32), to the other
# calls on queue descriptors and to the mqueue sysctls, on the module.  The
# same programs run on the reference kernel (reference/hostile_mq.sh),
# which proves every expected errno against Linux's own mqueue.
. /tests/lib/check.sh
. /tests/lib/hostile_mq.sh
load_module
run_hostile_mq hostile/mq.sh
check_done
