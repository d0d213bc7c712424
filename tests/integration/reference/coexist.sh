#!/bin/sh
# On a kernel with its own POSIX message queues (CONFIG_POSIX_MQUEUE=y) the
# module loads beside them: while it is loaded every mq_* call and every
# new `mount -t mqueue` reach the module, honouring the kernel's
# /proc/sys/fs/mqueue values; the kernel's queues are out of reach but
# intact, and after rmmod Linux's own mqueue answers again with them.
. /tests/lib/check.sh

MQ=/tests/bin/mqctl
mkdir -p /dev/mqueue /mnt/kmq /mnt/pmq
mount -t mqueue none /dev/mqueue

# A queue of Linux's own, holding one message, before the load.
expect "ok ok ok" "Linux's mq_open, send, close" $MQ open:/linuxq:wc:0600 send close
check "Linux's queue is in its mount" test -e /dev/mqueue/linuxq

# A descriptor of Linux's, held open across the load.
rm -f /tmp/go
$MQ open:/linuxq:w pause:/tmp/go send close > /tmp/held.out &
held=$!

dmesg -c > /dev/null
check "insmod succeeds beside the built-in mqueue" insmod "$PEIOS_KO"
touch /tmp/go
wait $held
expect "ok ok EBADF ok" "a descriptor of Linux's queue is not the module's (EBADF)" \
	cat /tmp/held.out
check "the log says the module stands in for the kernel's mqueue" \
	sh -c 'dmesg | grep -q "in place of the kernel.s own"'
expect "ENOENT" "Linux's queue is out of reach of mq_open while loaded" \
	$MQ open:/linuxq:r
expect "ok ok" "the module serves mq_open(O_CREAT)" $MQ open:/peiosq:wc:0600 close
check "mount -t mqueue gives the module's filesystem" mount -t mqueue none /mnt/pmq
check "the module's queue is in the new mount" test -e /mnt/pmq/peiosq
refute "Linux's queue is not in the module's mount" test -e /mnt/pmq/linuxq
check "queue files of the module carry a security descriptor" \
	/tests/bin/sdx get /mnt/pmq/peiosq
check "the mount made before the load is still the kernel's" \
	test -e /dev/mqueue/linuxq
refute "the kernel's mount does not show the module's queue" \
	test -e /dev/mqueue/peiosq

# The limits are the kernel's own sysctls, per namespace (mqctl asks for
# 4 messages of 64 bytes; a caller without CAP_SYS_RESOURCE is held to
# msg_max).
msg_max=$(cat /proc/sys/fs/mqueue/msg_max)
check "the module registers no second /proc/sys/fs/mqueue" \
	sh -c 'echo 3 > /proc/sys/fs/mqueue/msg_max'
expect "EINVAL" "a new queue is held to the kernel's msg_max" \
	/tests/bin/run_as 1000 1000 - $MQ open:/small:wc:0600
echo "$msg_max" > /proc/sys/fs/mqueue/msg_max
expect "ok ok" "and may have 4 messages again once it is 10" \
	/tests/bin/run_as 1000 1000 - $MQ open:/small:wc:0600 close
expect "ok" "unlink it" $MQ unlink:/small
expect "ok" "mq_unlink of the module's queue" $MQ unlink:/peiosq
umount /mnt/pmq

check "rmmod succeeds" unload_module
refute "module is gone" module_loaded
expect "ok ok" "Linux's queue answers mq_open again after rmmod" \
	$MQ open:/linuxq:r close
check "Linux's queue still holds its message" \
	sh -c 'grep -q "QSIZE:1 " /dev/mqueue/linuxq'
check "mount -t mqueue gives the kernel's filesystem again" \
	mount -t mqueue none /mnt/kmq
check "the kernel's new mount shows Linux's queue" test -e /mnt/kmq/linuxq
expect "ok" "Linux's mq_unlink" $MQ unlink:/linuxq
umount /mnt/kmq
umount /dev/mqueue
check_done
