#!/usr/bin/env bash
# Build the module and initramfs for a kernel variant and run one guest suite.
#   scripts/vm-suite.sh VARIANT SUITE [RESULT]
# The guest's own output (between its start and exit markers) goes to
# build/VARIANT/SUITE.out and, when given, is copied to RESULT; the exit
# code is the guest's verdict.
#
# One run at a time per checkout and variant: runs share build/VARIANT, so
# a second run waits for the first (flock) instead of clobbering it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: vm-suite.sh VARIANT SUITE [RESULT]}
suite=${2:?suite}
result=${3:-}
out=$PROJECT_TOP/build/$variant
mkdir -p "$out/module"
exec 8>"$out/.vm.lock"
flock 8
# Results of an earlier run must never be read as this run's.
rm -f "$out/$suite.log" "$out/$suite.out"
[ -z "$result" ] || : > "$result"

"$PROJECT_TOP/scripts/build-module.sh" "$variant"
"$PROJECT_TOP/scripts/make-initramfs.sh" "$out/module" "$out/initramfs.cpio.gz"
rc=0
"$PROJECT_TOP/scripts/qemu-run.sh" "$variant" "$out/initramfs.cpio.gz" \
	"$suite" "$out/$suite.log" || rc=$?
[ -f "$out/$suite.log" ] || exit $rc
sed -n "/^PEIOS-START: $suite/,/^PEIOS-EXIT:/p" "$out/$suite.log" |
	grep -v '^PEIOS-START' > "$out/$suite.out" || true
[ -z "$result" ] || cp "$out/$suite.out" "$result"
exit $rc
