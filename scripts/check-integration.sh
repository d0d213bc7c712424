#!/usr/bin/env bash
# Integration tests: static programs and scripts in the VM with the module.
# On the project kernel (or debug) the main suite; on the reference kernel
# the suite of loading beside Linux's own mqueue, and on Debian's stock
# kernels (built-in mqueue too) the same; check-integration.sh VARIANT SUITE
# runs another guest suite.  Ends with "integration: N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
suite=integration
case "$variant" in
reference | debian-*) suite=reference ;;
esac
# A second argument names another guest suite (selftests: make check-selftests).
suite=${2:-$suite}
run_guest_suite integration "$variant" "$suite"
