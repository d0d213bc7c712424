#!/usr/bin/env bash
# Build the module with DKMS, as an administrator's machine would, against
# the headers of Debian's stock kernels, inside the Debian 13 build root.
#
#   scripts/dkms-test.sh [SERIES...]        (default: 6.12 7.2 7.3)
#
# dkms is installed in the root with apt (once), the source is put in
# /usr/src/peios-ipc-VERSION with dkms.conf, and `dkms build -k RELEASE`
# runs for each kernel; its make.log is shown.  Each result is then booted
# in its unmodified kernel with the reference suite (loading beside the
# kernel's own mqueue); the run is in build/debian-SERIES/dkms/.
# Ends with "dkms: N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || set -- 6.12 7.2 7.3
root_sh=$PROJECT_TOP/scripts/debian-root.sh
"$root_sh" || exit 1
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$PROJECT_TOP/dkms.conf")
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$PROJECT_TOP/dkms.conf")

if [ ! -x "$DEBIAN_ROOT/usr/sbin/dkms" ]; then
	echo "dkms-test: installing dkms in the build root"
	"$root_sh" run sh -c 'export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq &&
		apt-get install -y -qq --no-install-recommends dkms >/dev/null' ||
		{ echo "dkms: 0 passed, 1 failed"; exit 1; }
fi

# The source as a package would install it: the tracked and new files of
# the checkout (not its build products).
src=$DEBIAN_ROOT/usr/src/$name-$version
rm -rf "$src"
mkdir -p "$src"
git -C "$PROJECT_TOP" ls-files -co --exclude-standard -z |
	rsync -a --from0 --ignore-missing-args --files-from=- "$PROJECT_TOP/" "$src/"
"$root_sh" run sh -c "dkms remove $name/$version --all >/dev/null 2>&1; \
	dkms add $name/$version" || { echo "dkms: 0 passed, 1 failed"; exit 1; }

passed=0
failed=0
for series in "$@"; do
	"$root_sh" headers "$series" || { failed=$((failed + 1)); continue; }
	release=$(cat "$(debian_kernel_dir "$series")/release")
	echo "=== dkms build $name/$version -k $release"
	start=$SECONDS
	if "$root_sh" run dkms build "$name/$version" -k "$release"; then
		rc=0
	else
		rc=1
	fi
	# dkms 3 keeps the log with the result, or in build/ on failure.
	log=$(find "$DEBIAN_ROOT/var/lib/dkms/$name/$version/$release" \
		"$DEBIAN_ROOT/var/lib/dkms/$name/$version/build" -name make.log \
		2>/dev/null | head -n1)
	echo "--- ${log#"$DEBIAN_ROOT"} (last 15 lines)"
	[ -z "$log" ] || tail -n 15 "$log"
	ko=$(find "$DEBIAN_ROOT/var/lib/dkms/$name/$version/$release" -name 'peios_ipc.ko*' 2>/dev/null | head -n1)
	if [ $rc -ne 0 ] || [ -z "$ko" ]; then
		echo "not ok - dkms build for $release"
		failed=$((failed + 1))
		continue
	fi
	echo "ok - dkms build for $release ($((SECONDS - start)) s): ${ko#"$DEBIAN_ROOT"}"
	passed=$((passed + 1))
	# The DKMS result, not build-module.sh's, in the booted stock kernel.
	out=$PROJECT_TOP/build/debian-$series/dkms
	rm -rf "$out"
	mkdir -p "$out/module"
	cp "$ko" "$out/module/"
	"$PROJECT_TOP/scripts/make-initramfs.sh" "$out/module" "$out/initramfs.cpio.gz"
	if "$PROJECT_TOP/scripts/qemu-run.sh" "debian-$series" "$out/initramfs.cpio.gz" \
		reference "$out/reference.log" >/dev/null 2>&1; then
		echo "ok - the DKMS module in $release: $(grep -m1 'peios_ipc:' "$out/reference.log" |
			sed 's/^\[[^]]*\] //')"
		passed=$((passed + 1))
	else
		echo "not ok - the DKMS module in $release (log: $out/reference.log)"
		failed=$((failed + 1))
	fi
done
echo "dkms: $passed passed, $failed failed"
[ $failed -eq 0 ]
