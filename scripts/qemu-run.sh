#!/usr/bin/env bash
# Boot a kernel variant with an initramfs in QEMU (TCG) and run one guest
# suite.  The exit code is the guest's verdict; a panic, oops, BUG, warning,
# KASAN/UBSAN/lockdep report or a hung guest fails the run and shows the log.
#
#   scripts/qemu-run.sh VARIANT INITRAMFS SUITE [LOG]
# Environment: QEMU_TIMEOUT (s, default 1500), QEMU_SMP (default 2),
# QEMU_MEM (default 512M, 1G for debug), PEIOS_INTERACTIVE=1 for a shell,
# QEMU_APPEND: more kernel parameters; NAME=VALUE ones without a dot reach
# the guest suite as environment variables (e.g. PEIOS_BENCH_SCALE=2).
# PEIOS_GUEST_ENV: the same, for the stress suite ("NAME=value ...").
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: qemu-run.sh VARIANT INITRAMFS SUITE [LOG]}
initrd=${2:?initramfs}
suite=${3:?suite}
log=${4:-$(dirname "$initrd")/$suite.log}
kernel=$(kernel_image "$variant")
[ -f "$kernel" ] || die "no kernel at $kernel; run scripts/build-module.sh $variant"

smp=${QEMU_SMP:-2}
mem=${QEMU_MEM:-512M}
[ "$variant" = debug ] && mem=${QEMU_MEM:-1G}
timeout_s=${QEMU_TIMEOUT:-1500}
append="console=ttyS0 loglevel=4 panic=-1 oops=panic tsc=reliable"
append="$append peios.run=$suite${QEMU_APPEND:+ $QEMU_APPEND}"
[ -z "${PEIOS_GUEST_ENV:-}" ] || append="$append $PEIOS_GUEST_ENV"

qemu=(qemu-system-x86_64 -accel tcg -m "$mem"
	-smp "$smp,sockets=$smp,cores=1,threads=1"
	-kernel "$kernel" -initrd "$initrd" -no-reboot -nographic)
[ -f /usr/share/qemu/qboot.rom ] && qemu+=(-bios /usr/share/qemu/qboot.rom)

if [ "${PEIOS_INTERACTIVE:-0}" = 1 ]; then
	exec "${qemu[@]}" -append "$append peios.interactive=1"
fi

boot() {
	set +e
	timeout --foreground -k 5 "$timeout_s" "${qemu[@]}" -append "$append" \
		</dev/null >"$log" 2>&1
	qrc=$?
	set -e
	tr -d '\r' < "$log" > "$log.clean" && mv "$log.clean" "$log"
}

# Kernel reports anywhere in the log fail the run, whatever the tests said.
# (KASAN reports start with "BUG: KASAN:", UBSAN's with "UBSAN:".)
pattern='Kernel panic|Oops|BUG:|WARNING:|UBSAN:|kmemleak: [1-9]|'
pattern+='possible recursive locking|possible circular locking|'
pattern+='inconsistent lock state|sleeping function called|general protection'

boot
# A kernel that dies before /init started (no PEIOS-START: nothing of ours
# ran, the module was never loaded) is the emulator's text patching at
# boot (Documentation/build-and-test.md, "Boot-time oopses under TCG"):
# one more boot, said on stderr.
if grep -Eq "$pattern" "$log" && ! grep -q 'PEIOS-START:' "$log"; then
	echo "qemu-run: $suite on $variant: the kernel died before /init" \
		"($(grep -Em1 "$pattern" "$log")); booting once more" >&2
	cp "$log" "$log.first-boot"
	boot
fi

fail() {
	echo "qemu-run: $suite on $variant: $*" >&2
	echo "----- serial log ($log) -----" >&2
	tail -n 150 "$log" >&2
	exit 1
}

[ $qrc -eq 124 ] || [ $qrc -eq 137 ] && fail "guest hung (timeout ${timeout_s}s)"
if grep -Eq "$pattern" "$log"; then
	fail "kernel reported a problem: $(grep -Em1 "$pattern" "$log")"
fi
verdict=$(sed -n 's/^PEIOS-EXIT: \([0-9]*\)$/\1/p' "$log" | tail -n 1)
[ -n "$verdict" ] || fail "guest gave no verdict (qemu exit $qrc)"
exit "$verdict"
