#!/bin/sh
# Hostile input to the module's own interfaces: the system.peios.sd
# xattr, the semaphore ioctls, the securityfs tables and the mount options
# (obj.c, built as hostile_obj; its semaphore part also as the 32-bit
# hostile_obj32, for the compat ioctl path).
. /tests/lib/check.sh
load_module
mkdir -p /dev/mqueue /dev/shm
mount -t mqueue none /dev/mqueue
mount -t peios_shm none /dev/shm
total=0
count() {
	cat /tmp/hostile.out
	n=$(sed -n 's/^# hostile cases tried: \([0-9]*\).*/\1/p' /tmp/hostile.out)
	total=$((total + ${n:-0}))
}
run_tap /tests/bin/hostile_obj > /tmp/hostile.out
count
# The 32-bit build for the compat ioctl path (the rest is the same code).
run_tap /tests/bin/hostile_obj32 sem > /tmp/hostile.out
count

# Unprivileged callers: the tables are root's alone, and nothing changes.
sfs=/sys/kernel/security/peios_ipc
before=$(cat $sfs/identity_map $sfs/trust_table)
run_tap /tests/bin/run_as 1000 1000 - /tests/bin/hostile_obj nonroot 13 \
	> /tmp/hostile.out
count
run_tap /tests/bin/run_as 0 0 dac_override /tests/bin/hostile_obj dac_only \
	> /tmp/hostile.out
count
after=$(cat $sfs/identity_map $sfs/trust_table)
if [ "$before" = "$after" ]; then
	ok "unprivileged callers changed no table"
else
	not_ok "unprivileged callers changed a table"
fi
echo "# hostile cases tried: $total in hostile/obj.sh"
umount /dev/shm
umount /dev/mqueue
check_done
