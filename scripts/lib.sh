# Shared settings for the project's scripts.  Sourced, not run.
# shellcheck shell=bash

# Everything that outlives a checkout (kernel source, kernel builds, ccache)
# lives here, so a fresh clone (CI's) reuses what an earlier run built.
PEIOS_CACHE=${PEIOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/peios-ipc}
KVER_SERIES=${KVER_SERIES:-7.2}
KSRC=$PEIOS_CACHE/linux-source-$KVER_SERIES
PROJECT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build directory of a kernel variant (project, debug, reference).
kernel_build_dir() {
	echo "$PEIOS_CACHE/build-$1"
}

die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

# Run guest suite SUITE on VARIANT and print "LABEL (VARIANT): N passed,
# N failed" from the guest's PEIOS-RESULT line; a run that printed none,
# or whose guest passed but whose VM failed (kernel report, hang), counts
# one failure.  Returns the run's status.
run_guest_suite() {
	local label=$1 variant=$2 suite=$3 res line rc=0

	res=$(mktemp)
	"$PROJECT_TOP/scripts/vm-suite.sh" "$variant" "$suite" "$res" || rc=$?
	grep -v '^PEIOS-' "$res"
	line=$(sed -n 's/^PEIOS-RESULT: //p' "$res" | tail -n 1)
	rm -f "$res"
	if [ -z "$line" ]; then
		echo "$label ($variant): 0 passed, 1 failed"
		return 1
	fi
	if [ $rc -ne 0 ] && [ "${line#* passed, }" = "0 failed" ]; then
		echo "$label ($variant): ${line%%,*}, 1 failed"
		return 1
	fi
	echo "$label ($variant): $line"
	return $rc
}
