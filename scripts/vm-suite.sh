#!/usr/bin/env bash
# Build the module and initramfs for a kernel variant and run one guest suite.
#   scripts/vm-suite.sh VARIANT SUITE
# Prints the guest's output; exit code is the guest's verdict.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: vm-suite.sh VARIANT SUITE}
suite=${2:?suite}
out=$PROJECT_TOP/build/$variant
# Results of an earlier run must never be read as this run's.
rm -f "$out/$suite.log" "$out/$suite.out"

"$PROJECT_TOP/scripts/build-kernel.sh" "$variant"
mkdir -p "$out/module"
make -s -C "$(kernel_build_dir "$variant")" M="$PROJECT_TOP" \
	MO="$out/module" modules
"$PROJECT_TOP/scripts/make-initramfs.sh" "$out/module" "$out/initramfs.cpio.gz"
rc=0
"$PROJECT_TOP/scripts/qemu-run.sh" "$variant" "$out/initramfs.cpio.gz" \
	"$suite" "$out/$suite.log" || rc=$?
# The guest's own lines: everything between the start and exit markers.
[ -f "$out/$suite.log" ] || exit $rc
sed -n "/^PEIOS-START: $suite/,/^PEIOS-EXIT:/p" "$out/$suite.log" |
	grep -v '^PEIOS-START' > "$out/$suite.out" || true
exit $rc
