#!/bin/sh
# Hostile arguments to the mq_* syscalls (native and ia32), to the other
# calls on queue descriptors and to the mqueue sysctls, on the module.  The
# same programs run on the reference kernel (reference/hostile_mq.sh),
# which proves every expected errno against Linux's own mqueue.
. /tests/lib/check.sh
load_module
mkdir -p /dev/mqueue
mount -t mqueue none /dev/mqueue
total=0
for prog in hostile_mq hostile_mq32; do
	# Root without CAP_SYS_RESOURCE: the namespace limits apply.
	run_tap /tests/bin/run_as 0 0 sys_admin,fowner /tests/bin/$prog \
		> /tmp/hostile.out
	cat /tmp/hostile.out
	n=$(sed -n 's/^# hostile cases tried: \([0-9]*\).*/\1/p' /tmp/hostile.out)
	total=$((total + ${n:-0}))
done
echo "# hostile cases tried: $total in hostile_mq.sh"
umount /dev/mqueue
check_done
