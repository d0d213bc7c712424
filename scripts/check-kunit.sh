#!/usr/bin/env bash
# KUnit: load the module and its test module in the VM, parse the debugfs
# results of every suite.  Ends with "kunit: N passed, N failed, N skipped".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
case "$variant" in
debian-*) die "Debian's stock kernels have no KUnit: run it on project (or debug)" ;;
esac
res=$(mktemp)
trap 'rm -f "$res"' EXIT
rc=0
"$PROJECT_TOP/scripts/vm-suite.sh" "$variant" kunit "$res" || rc=$?
python3 "$PROJECT_TOP/scripts/parse-kunit.py" "$res" || rc=1
exit $rc
