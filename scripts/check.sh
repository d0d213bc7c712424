#!/usr/bin/env bash
# make check: every test layer, then the total.
#   1. checkpatch over the kernel sources Kbuild builds (seconds)
#   2. host unit tests of security/ (ASan + UBSan, no kernel)
#   3. host tests of the userspace tools and of the benchmark report
#   4. KUnit suites in the VM (not on debian-*: those kernels have no KUnit)
#   5. integration tests in the VM (project kernel)
#   6. loading beside Linux's own mqueue, on the reference kernel
#   7. on Debian's stock 6.12, 7.2 and 7.3 kernels (DEBIAN_SERIES): the
#      integration suite, then the suite of loading beside their mqueue
# Each layer prints "<layer>: N passed, N failed"; the last line is the sum.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
total_p=0
total_f=0
total_s=0
logdir=$PROJECT_TOP/build/check
mkdir -p "$logdir"

# Add a layer's closing line to the totals; a layer without one failed.
count() {
	local name=$1 log=$2 rc=$3 line p f s
	line=$(grep -E '([0-9]+) passed, ([0-9]+) failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$name: no result line (exit $rc)"
		total_f=$((total_f + 1))
		return
	fi
	p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
	f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
	s=$(echo "$line" | grep -oE '[0-9]+ skipped' | grep -oE '[0-9]+' || true)
	total_p=$((total_p + p))
	total_f=$((total_f + f))
	total_s=$((total_s + ${s:-0}))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: exited $rc although no case failed"
		total_f=$((total_f + 1))
	fi
}

layer() {
	local name=$1 rc=0
	shift
	echo "=== $name"
	"$@" 2>&1 | tee "$logdir/$name.log"
	rc=${PIPESTATUS[0]}
	count "$name" "$logdir/$name.log" "$rc"
}

start=$SECONDS
layer checkpatch "$PROJECT_TOP/scripts/checkpatch.sh"
layer host make -s -C "$PROJECT_TOP/tests/host"
layer tools make -s -C "$PROJECT_TOP/tools" test
layer bench-report python3 "$PROJECT_TOP/tests/bench/test_bench_report.py"
# Debian's stock kernels have no KUnit.
case "$variant" in
debian-*) ;;
*) layer kunit "$PROJECT_TOP/scripts/check-kunit.sh" "$variant" ;;
esac
layer integration "$PROJECT_TOP/scripts/check-integration.sh" "$variant"
if [ "$variant" = project ]; then
	layer reference "$PROJECT_TOP/scripts/check-integration.sh" reference
	# Debian's unmodified kernels, with the module built against their
	# headers as DKMS builds it (vm-suite.sh builds each one in the
	# Debian 13 build root): the whole integration suite, then loading
	# beside their own mqueue and giving it back.
	for series in $DEBIAN_SERIES; do
		layer "debian-$series" "$PROJECT_TOP/scripts/check-integration.sh" \
			"debian-$series" integration
		layer "debian-$series-reference" \
			"$PROJECT_TOP/scripts/check-integration.sh" \
			"debian-$series" reference
	done
fi
echo "=== total ($((SECONDS - start)) s)"
if [ $total_s -gt 0 ]; then
	echo "$total_p passed, $total_f failed, $total_s skipped"
else
	echo "$total_p passed, $total_f failed"
fi
[ $total_f -eq 0 ]
