#!/bin/sh
# The message queue programs in every build: glibc, musl (when the VM has
# the musl builds) and 32-bit (the ia32 entry points with their compat
# layouts).  mq_basic runs as root without CAP_SYS_RESOURCE so that the
# namespace limits apply; the others as root.
. /tests/lib/check.sh
load_module
mkdir -p /dev/mqueue
mount -t mqueue none /dev/mqueue
bin=/tests/bin
for p in mq_basic_musl mq_basic32; do
	[ -x $bin/$p ] || continue
	echo "# $p"
	run_tap $bin/run_as 0 0 sys_admin,fowner $bin/$p
done
for p in mq_procs mq_procs_musl mq_procs32 mq_notify mq_notify_musl \
	mq_notify32 mq_poll mq_poll_musl; do
	[ -x $bin/$p ] || continue
	echo "# $p"
	run_tap $bin/$p
done
expect "" "no queue left behind" ls /dev/mqueue
umount /dev/mqueue
check "the module unloads" unload_module
check_done
