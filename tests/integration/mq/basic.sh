#!/bin/sh
# The message queue basics through glibc, as root.
. /tests/lib/check.sh
load_module
mkdir -p /dev/mqueue
mount -t mqueue none /dev/mqueue
# Root without CAP_SYS_RESOURCE: the namespace limits apply.
/tests/bin/run_as 0 0 sys_admin,fowner /tests/bin/mq_basic
rc=$?
umount /dev/mqueue
exit $rc
