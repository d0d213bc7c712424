#!/usr/bin/env bash
# make stress: the stress run and the load/unload cycles in the VM.
#   scripts/stress.sh [VARIANT]
# Environment: STRESS_SECONDS (default 180) bounds the stress run,
# STRESS_CYCLES (default 100) the load/workload/unload cycles; both reach
# the guest on the kernel command line (PEIOS_GUEST_ENV, qemu-run.sh).
# Ends with "stress (VARIANT): N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
secs=${STRESS_SECONDS:-180}
cycles=${STRESS_CYCLES:-100}
case "$secs$cycles" in *[!0-9]*) die "STRESS_SECONDS and STRESS_CYCLES are numbers" ;; esac
export PEIOS_GUEST_ENV="STRESS_SECONDS=$secs STRESS_CYCLES=$cycles"
# Boot, the run, draining and settling, and the cycles (7.4 s each
# measured on the debug kernel; 15 allowed).
export QEMU_TIMEOUT=${QEMU_TIMEOUT:-$((secs + cycles * 15 + 600))}
run_guest_suite stress "$variant" stress
