#!/usr/bin/env bash
# KUnit: load the module and its test module in the VM, parse the debugfs
# results of every suite.  Ends with "kunit: N passed, N failed, N skipped".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
out=$PROJECT_TOP/build/$variant
rc=0
"$PROJECT_TOP/scripts/vm-suite.sh" "$variant" kunit || rc=$?
python3 "$PROJECT_TOP/scripts/parse-kunit.py" "$out/kunit.out" || rc=1
exit $rc
