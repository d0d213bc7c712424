#!/bin/sh
# The syscall redirection: with the module the six mq_* syscalls reach it,
# without it the kernel answers again: -ENOSYS on a CONFIG_POSIX_MQUEUE=n
# kernel, Linux's own mqueue on a kernel that has one (every distribution
# kernel); loading twice and unloading while a call is inside the module
# behave cleanly.
. /tests/lib/check.sh

probes="mq_probe"
[ -x /tests/bin/mq_probe32 ] && probes="$probes mq_probe32"

expect_all() {
	_tag=$1
	_p=$2
	shift 2
	for _call in "open q" "unlink q" "send -1" "receive -1" "notify -1" \
		"getsetattr -1"; do
		_want=$1
		shift
		# shellcheck disable=SC2086
		expect "$_want" "$_tag: $_p $_call" /tests/bin/$_p $_call
	done
}

unload_module
mq=/tests/bin/mqctl
if [ "$(/tests/bin/mq_probe getsetattr -1)" = EBADF ]; then
	# Linux's own mqueue answers as the module does, so a queue only
	# Linux can see tells the two apart.
	absent="ENOENT ENOENT EBADF EBADF EBADF EBADF"
	expect "ok ok" "Linux's own mq_open(O_CREAT) of a queue" \
		$mq open:/linuxq:wc:0600 close
	kernel_answers() { [ "$($mq open:/linuxq:r close)" = "ok ok" ]; }
	module_answers() { [ "$($mq open:/linuxq:r)" = ENOENT ]; }
else
	absent="ENOSYS ENOSYS ENOSYS ENOSYS ENOSYS ENOSYS"
	kernel_answers() { [ "$(/tests/bin/mq_probe notify -1)" = ENOSYS ]; }
	module_answers() { [ "$(/tests/bin/mq_probe notify -1)" = EBADF ]; }
fi
for p in $probes; do
	# shellcheck disable=SC2086
	expect_all "without module" "$p" $absent
done

check "insmod peios_ipc" load_module
check "the module answers, not the kernel" module_answers
for p in $probes; do
	expect_all "with module" "$p" ENOENT ENOENT EBADF EBADF EBADF EBADF
	expect ENAMETOOLONG "$p: name of NAME_MAX+1 bytes" /tests/bin/$p longname
	expect EFAULT "$p: mq_open with a bad name pointer" /tests/bin/$p badptr open
	expect EFAULT "$p: mq_unlink with a bad name pointer" /tests/bin/$p badptr unlink
	expect EACCES "$p: name with a slash" /tests/bin/$p open a/b
	# Linux's getname(): ENOENT (proven by reference/hostile_mq.sh).
	expect ENOENT "$p: empty name" /tests/bin/$p open ""
	expect EBADF "$p: fd of a regular file is not a queue" /tests/bin/$p send 0
done

# A second load must fail without disturbing the first.
refute "second insmod is refused" insmod "$PEIOS_KO"
expect EBADF "module still serves after the refused load" \
	/tests/bin/mq_probe getsetattr -1

# Mounted filesystems pin the module.
mkdir -p /tmp/mq /tmp/shm
check "mount -t mqueue" mount -t mqueue none /tmp/mq
check "mount -t peios_shm" mount -t peios_shm none /tmp/shm
check "mqueue root is listable" ls /tmp/mq
expect 19800202 "mqueue statfs magic" stat -f -c %t /tmp/mq
refute "rmmod refused while mounted" rmmod peios_ipc
check "umount mqueue" umount /tmp/mq
check "umount peios_shm" umount /tmp/shm

# Unload while a call sleeps inside the module: refused while it is there,
# the call completes normally, then unload succeeds.
echo 2000 > /sys/module/peios_ipc/parameters/test_entry_delay_ms
/tests/bin/mq_probe getsetattr -1 > /tmp/sleeper.out &
sleeper=$!
sleep 1
refute "rmmod refused while a call is inside the module" rmmod peios_ipc
wait $sleeper
expect EBADF "the sleeping call completed normally" cat /tmp/sleeper.out
echo 0 > /sys/module/peios_ipc/parameters/test_entry_delay_ms
check "rmmod after the call returned" unload_module

for p in $probes; do
	# shellcheck disable=SC2086
	expect_all "after rmmod" "$p" $absent
done
check "the kernel answers again after rmmod" kernel_answers

# Load and unload repeatedly with calls in between.
i=0
cycles_ok=1
while [ $i -lt 20 ]; do
	load_module && module_answers && unload_module && kernel_answers ||
		cycles_ok=0
	i=$((i + 1))
done
check "20 load/call/unload cycles" [ $cycles_ok -eq 1 ]
if [ "${absent%% *}" = ENOENT ]; then
	expect "ok" "Linux's own queue is intact; mq_unlink" $mq unlink:/linuxq
fi

check_done
