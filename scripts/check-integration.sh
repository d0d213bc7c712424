#!/usr/bin/env bash
# Integration tests: static programs and scripts in the VM with the module.
# On the project kernel (or debug) the main suite; on the reference kernel
# the refuse-to-load suite; check-integration.sh VARIANT SUITE runs another
# guest suite.  Ends with "integration: N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
suite=integration
[ "$variant" = reference ] && suite=reference
# A second argument names another guest suite (selftests: make check-selftests).
suite=${2:-$suite}
res=$(mktemp)
trap 'rm -f "$res"' EXIT
rc=0
"$PROJECT_TOP/scripts/vm-suite.sh" "$variant" "$suite" "$res" || rc=$?
grep -v '^PEIOS-' "$res"
line=$(sed -n 's/^PEIOS-RESULT: //p' "$res" | tail -n 1)
if [ -z "$line" ]; then
	echo "integration ($variant): 0 passed, 1 failed"
	exit 1
fi
if [ $rc -ne 0 ] && [ "${line#* passed, }" = "0 failed" ]; then
	# The guest's tests passed but the run failed (kernel report, hang).
	echo "integration ($variant): ${line%%,*}, 1 failed"
	exit 1
fi
echo "integration ($variant): $line"
exit $rc
