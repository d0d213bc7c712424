# The hostile-input programs of the mq_* syscalls, native and ia32, as
# root without CAP_SYS_RESOURCE (the namespace limits apply), on whatever
# mqueue the kernel has: the module's (hostile/mq.sh) or Linux's own
# (reference/hostile_mq.sh).  Sourced after check.sh.
#   run_hostile_mq NAME: run both, add their counts, print the total.
run_hostile_mq() {
	_total=0
	mkdir -p /dev/mqueue
	mount -t mqueue none /dev/mqueue
	for _prog in hostile_mq hostile_mq32; do
		run_tap /tests/bin/run_as 0 0 sys_admin,fowner \
			/tests/bin/$_prog > /tmp/hostile.out
		cat /tmp/hostile.out
		_n=$(sed -n 's/^# hostile cases tried: \([0-9]*\).*/\1/p' /tmp/hostile.out)
		_total=$((_total + ${_n:-0}))
	done
	echo "# hostile cases tried: $_total in $1"
	umount /dev/mqueue
}
