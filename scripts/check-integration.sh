#!/usr/bin/env bash
# Integration tests: static programs and scripts in the VM with the module.
# The main suite on every kernel but the reference one, which runs the
# suite of loading beside Linux's own mqueue (make check runs that on
# Debian's stock kernels too); check-integration.sh VARIANT SUITE runs
# another guest suite.  Ends with "integration: N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
suite=integration
[ "$variant" = reference ] && suite=reference
# A second argument names another guest suite (selftests: make check-selftests).
suite=${2:-$suite}
run_guest_suite integration "$variant" "$suite"
