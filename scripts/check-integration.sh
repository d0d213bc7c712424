#!/usr/bin/env bash
# Integration tests: static programs and scripts in the VM with the module.
# On the project kernel (or debug) the main suite; on the reference kernel
# the refuse-to-load suite.  Ends with "integration: N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
suite=integration
[ "$variant" = reference ] && suite=reference
out=$PROJECT_TOP/build/$variant
rc=0
"$PROJECT_TOP/scripts/vm-suite.sh" "$variant" "$suite" || rc=$?
[ -f "$out/$suite.out" ] && grep -v '^PEIOS-' "$out/$suite.out"
line=$(sed -n 's/^PEIOS-RESULT: //p' "$out/$suite.out" 2>/dev/null | tail -n 1)
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
