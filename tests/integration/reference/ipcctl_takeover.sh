#!/bin/sh
# peios-ipcctl load on a kernel with its own mqueue, as a booted
# distribution has it: /dev/mqueue mounted from the kernel's mqueue and
# /dev/shm a tmpfs.  load mounts the module's filesystems over them (over a
# tmpfs holding files only when asked), unload takes off only its own.
. /tests/lib/check.sh

ctl=/tools/peios-ipcctl
MQ=/tests/bin/mqctl
mkdir -p /dev/mqueue /dev/shm
mount -t mqueue none /dev/mqueue
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
expect "ok ok ok" "a queue of Linux's own" $MQ open:/kq:wc:0600 send close
echo data > /dev/shm/leftover

$ctl load "$PEIOS_KO" > /tmp/load.out 2>&1
rc=$?
if [ $rc -eq 1 ]; then
	ok "load with files in a tmpfs /dev/shm exits 1"
else
	not_ok "load with files in a tmpfs /dev/shm exits 1 (got $rc)"
	cat /tmp/load.out
fi
if module_loaded; then
	ok "the module is loaded all the same"
else
	not_ok "the module is loaded all the same"
	sed 's/^/# /' /tmp/load.out
	dmesg | tail -n 5 | sed 's/^/# /'
fi
check "it says why /dev/shm was left alone" \
	grep -q -- --over-shm /tmp/load.out
check "/dev/mqueue now carries the module's descriptor" \
	/tests/bin/sdx get /dev/mqueue
check "the tmpfs /dev/shm is still there" test -e /dev/shm/leftover
check "load --over-shm mounts peios_shm over it" $ctl load --over-shm "$PEIOS_KO"
refute "the tmpfs file is covered" test -e /dev/shm/leftover
expect "ok ok" "a queue of the module's" $MQ open:/mq1:wc:0600 close
check "it is in /dev/mqueue" test -e /dev/mqueue/mq1
expect "ok" "unlink it" $MQ unlink:/mq1
check "unload" sh -c "sleep 1.5; $ctl unload"
refute "the module is gone" module_loaded
check "the kernel's /dev/mqueue is back with its queue" test -e /dev/mqueue/kq
check "the tmpfs /dev/shm is back with its file" test -e /dev/shm/leftover
expect "ok" "Linux's mq_unlink of its queue" $MQ unlink:/kq
umount /dev/shm
umount /dev/mqueue
check_done
