#!/bin/sh
# Module unload in every busy state: refused while the module is in use
# (delete_module answers EAGAIN, "in use"), then released and unloaded.
# One state completes instead: a shared mapping of a /dev/shm file holds
# no module reference (its VMA belongs to the private tmpfs file), so the
# module unloads under it and the mapping keeps working.
. /tests/lib/check.sh

hold=/tests/bin/unload_hold
mqctl=/tests/bin/mqctl

mounts() {
	mkdir -p /dev/mqueue /dev/shm
	mount -t mqueue none /dev/mqueue && mount -t peios_shm none /dev/shm
}

# start STATE: run unload_hold STATE in the background and wait until it
# is set up (and, for the blocking states, asleep in its call).
start() {
	rm -f /tmp/hold.ready /tmp/hold.go /tmp/hold.out
	$hold "$1" > /tmp/hold.out 2>&1 &
	holder=$!
	_i=0
	while [ ! -e /tmp/hold.ready ] && [ $_i -lt 300 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	sleep 0.5
}

finish() {
	wait $holder
	_rc=$?
	cat /tmp/hold.out
	return $_rc
}

refused() {
	expect EAGAIN "rmmod refused (in use): $1" $hold rmmod
}

unloads() {
	check "then the module unloads: $1" unload_module
	load_module
}

unload_module
load_module

# A queue alone: the namespace's internal mount holds the module.
$mqctl open:/u_q:rwc close > /dev/null
refused "a queue exists, no mount, no descriptor"
$mqctl unlink:/u_q > /dev/null
unloads "queue unlinked"

# Mounts.
mounts
refused "mqueue and peios_shm mounted"
umount /dev/mqueue
refused "peios_shm mounted"
umount /dev/shm
unloads "both unmounted"

start fd
refused "an open queue descriptor"
touch /tmp/hold.go
check "the descriptor works after the refused rmmod" finish
$mqctl unlink:/u_q > /dev/null
unloads "descriptor closed, queue unlinked"

for state in recv poll notify notifythread; do
	start $state
	refused "a process in $state"
	$mqctl open:/u_q:w send close > /dev/null
	check "$state completes normally" finish
	$mqctl unlink:/u_q > /dev/null
	unloads "after $state"
done

# Semaphores need /dev/shm.  A kernel-path waiter holds its descriptor,
# which alone keeps the module once the mount is detached; the post goes
# through a descriptor this shell opened before the detach.
mounts
umount /dev/mqueue
start semk
exec 7<>/dev/shm/sem.u_s
umount -l /dev/shm
refused "blocked in a kernel-path wait (descriptors held, mount detached)"
check "post through a descriptor of the detached file" $hold postfd 7
exec 7<&-
check "the kernel-path wait completes" finish
mounts
start semg
refused "blocked in glibc's sem_wait with peios_shm mounted"
/tools/peios-sem post /dev/shm/sem.u_s
check "the glibc wait completes" finish
rm -f /dev/shm/sem.u_s
umount /dev/mqueue
umount /dev/shm
unloads "semaphores done"

# A mapping without a descriptor: the mount holds the module, nothing else.
mounts
umount /dev/mqueue
start mmap
refused "peios_shm mounted with a mapping of its file"
umount -l /dev/shm
check "with only the mapping left the module unloads" unload_module
touch /tmp/hold.go
check "and the mapping still works, shared" finish
load_module

# A queue in another, live namespace; its death frees it.
start ns
refused "a queue in a live IPC namespace"
touch /tmp/hold.go
finish > /dev/null
check "the namespace died and the module unloads" unload_module
load_module

# A call inside the module at rmmod is lifecycle/redirect.sh's test; here, the
# module still serves after all those refusals.
expect "ok ok ok" "queues still work after the refused unloads" \
	$mqctl open:/u_q:rwcn send recv
$mqctl unlink:/u_q > /dev/null
check "final unload" unload_module
check_done
