#!/bin/sh
# Load, run a short workload (tests/stress/workload.c), unload: CYCLES
# times (default $STRESS_CYCLES, else 100), then compare memory with the
# figures before the first load and, on a kmemleak kernel, scan for leaks.
# Prints the figures and "N passed, N failed".
. /tests/lib/check.sh

cycles=${1:-${STRESS_CYCLES:-100}}

# Drop the page cache and shrink every slab cache (which also flushes
# KASAN's quarantine), then print "SUnreclaim MemFree" in kB.
settle() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 > "$f" 2>/dev/null
	done
	sleep 0.2
	awk '/^SUnreclaim:/ { s = $2 } /^MemFree:/ { f = $2 } END { print s, f }' \
		/proc/meminfo
}

# The module stays busy ~1 s after its last queue and up to ~1 s more
# for a dead namespace's queues: retry for up to 10 s.
unload_patiently() {
	_i=0
	while module_loaded; do
		rmmod peios_ipc 2>/dev/null && return 0
		_i=$((_i + 1))
		[ $_i -ge 100 ] && return 1
		sleep 0.1
	done
}

unload_patiently
mkdir -p /dev/mqueue /dev/shm
# One cycle first, so one-time kernel allocations (module loader
# caches, sysfs and kernfs nodes) are in the baseline.
insmod "$PEIOS_KO" && mount -t mqueue none /dev/mqueue &&
	mount -t peios_shm none /dev/shm && /tests/bin/peios_stress workload
umount /dev/mqueue 2>/dev/null
umount /dev/shm 2>/dev/null
unload_patiently
set -- $(settle)
slab0=$1 free0=$2

start=$(date +%s)
done_ok=0
i=0
while [ $i -lt "$cycles" ]; do
	i=$((i + 1))
	if insmod "$PEIOS_KO" && mount -t mqueue none /dev/mqueue &&
		mount -t peios_shm none /dev/shm &&
		/tests/bin/peios_stress workload && umount /dev/mqueue &&
		umount /dev/shm && unload_patiently; then
		done_ok=$((done_ok + 1))
	else
		echo "# cycle $i failed"
		umount /dev/mqueue 2>/dev/null
		umount /dev/shm 2>/dev/null
		unload_patiently
	fi
	[ $((i % 10)) -ne 0 ] || echo "# $i cycles, $(($(date +%s) - start)) s"
done
took=$(($(date +%s) - start))
set -- $(settle)
slab1=$1 free1=$2
echo "# $cycles cycles in $took s"
echo "# before: SUnreclaim $slab0 kB, MemFree $free0 kB; after: SUnreclaim $slab1 kB, MemFree $free1 kB"
echo "# change: SUnreclaim $((slab1 - slab0)) kB, MemFree $((free1 - free0)) kB"
check "$cycles load/workload/unload cycles ($done_ok completed)" [ $done_ok -eq "$cycles" ]
# The tolerances of tests/stress/main.c: what a shrink cannot give back
# is someone else's objects pinning slabs, plus per-CPU page lists; one
# module instance left behind (its text alone) would exceed them.
check "unreclaimable slab back within 512 kB ($((slab1 - slab0)) kB)" \
	[ $((slab1 - slab0)) -le 512 ]
check "free memory back within 4096 kB ($((free1 - free0)) kB)" \
	[ $((free0 - free1)) -le 4096 ]
if [ -w /sys/kernel/debug/kmemleak ]; then
	# kmemleak reports only objects older than 5 s.
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	leaks=$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak)
	[ "$leaks" -eq 0 ] || head -n 40 /sys/kernel/debug/kmemleak
	check "kmemleak finds no leak after the cycles ($leaks)" [ "$leaks" -eq 0 ]
	echo clear > /sys/kernel/debug/kmemleak
fi
check_done
