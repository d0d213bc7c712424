#!/bin/sh
# The hostile-input programs of the mq_* syscalls against Linux's own
# mqueue: the oracle for every errno that tests/integration/hostile_mq.sh
# expects of the module.
. /tests/lib/check.sh
mkdir -p /dev/mqueue
mount -t mqueue none /dev/mqueue
total=0
for prog in hostile_mq hostile_mq32; do
	run_tap /tests/bin/run_as 0 0 sys_admin,fowner /tests/bin/$prog \
		> /tmp/hostile.out
	cat /tmp/hostile.out
	n=$(sed -n 's/^# hostile cases tried: \([0-9]*\).*/\1/p' /tmp/hostile.out)
	total=$((total + ${n:-0}))
done
echo "# hostile cases tried: $total in reference/hostile_mq.sh"
umount /dev/mqueue
check_done
