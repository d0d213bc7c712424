#!/usr/bin/env bash
# make bench: the benchmarks on the project kernel with the module, then on
# the reference kernel (Linux's own mqueue, tmpfs at /dev/shm), in the same
# QEMU settings, then the side-by-side report.
#
#   scripts/bench.sh
# Environment: BENCH_SCALE (iteration counts times this, default 1),
# BENCH_RUNS (repeats of each figure, default 7), BENCH_ROUNDS (boots of
# each kernel, alternating, default 2), QEMU_SMP (default 2; the
# 4P/4C throughput wants more than one CPU), QEMU_MEM.
# Writes bench/results/latest.{txt,json,csv} and the two guest outputs
# (module.out, reference.out); exits non-zero when a run failed or
# figures are missing, never because a target was missed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

results=$PROJECT_TOP/bench/results
mkdir -p "$results"
scale=${BENCH_SCALE:-1}
runs=${BENCH_RUNS:-7}
rounds=${BENCH_ROUNDS:-2}
# Under TCG on a loaded host the guest's PIT calibration of the TSC fails
# and it falls back to jiffies (4 ms steps), so tell it the frequency: TCG's
# TSC is the host's.  BENCH_TSC_KHZ overrides.
tsc_khz=${BENCH_TSC_KHZ:-$(awk '/^cpu MHz/ { printf "%d", $4 * 1000; exit }' /proc/cpuinfo)}
export QEMU_APPEND="PEIOS_BENCH_SCALE=$scale PEIOS_BENCH_RUNS=$runs${tsc_khz:+ tsc_early_khz=$tsc_khz}"
# A bench run takes minutes per kernel under TCG; allow for a loaded host.
export QEMU_TIMEOUT=${QEMU_TIMEOUT:-2400}
accel=$(sed -n 's/.*-accel \([a-z]*\).*/\1/p' "$PROJECT_TOP/scripts/qemu-run.sh" | head -n 1)

# The commit whose code runs, taken before the builds.
commit=$(git -C "$PROJECT_TOP" rev-parse --short=12 HEAD 2>/dev/null || echo '?')
[ -z "$(git -C "$PROJECT_TOP" status --porcelain --untracked-files=no 2>/dev/null)" ] ||
	commit="$commit (with uncommitted changes)"

rc=0
load=()
one=$(mktemp)
trap 'rm -f "$one"' EXIT
: > "$results/module.out"
: > "$results/reference.out"
# The kernels alternate, round after round, so a change of host load
# falls on both sides; the report takes the median of the rounds.
for round in $(seq "$rounds"); do
	for side in module reference; do
		variant=project
		[ $side = reference ] && variant=reference
		load+=("$(cut -d' ' -f1-3 /proc/loadavg)")
		echo "=== round $round of $rounds: the $variant kernel ($side)"
		"$PROJECT_TOP/scripts/vm-suite.sh" "$variant" bench "$one" ||
			rc=1
		grep -c '^BENCH ' "$one" | sed 's/$/ figures/'
		cat "$one" >> "$results/$side.out"
	done
done
load+=("$(cut -d' ' -f1-3 /proc/loadavg)")

echo "=== report"
python3 "$PROJECT_TOP/scripts/bench-report.py" \
	"$results/module.out" "$results/reference.out" \
	--json "$results/latest.json" --csv "$results/latest.csv" \
	--meta "accel=${accel:-?} (scripts/qemu-run.sh)" \
	--meta "commit=$commit" \
	--meta "qemu_smp=${QEMU_SMP:-2}" \
	--meta "qemu_mem=${QEMU_MEM:-512M}" \
	--meta "scale=$scale, runs=$runs, rounds=$rounds (kernels alternating)" \
	--meta "guest_cmdline_extra=$QEMU_APPEND" \
	--meta "host_load=${load[*]} (before each boot, then after; 1-min 5-min 15-min)" \
	> "$results/latest.txt" || rc=1
cat "$results/latest.txt"
exit $rc
