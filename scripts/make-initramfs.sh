#!/usr/bin/env bash
# Build the test VM's initramfs: busybox, /init, the modules, the static test
# programs, the test scripts and the guest-side runners.
#
#   scripts/make-initramfs.sh MODULE_DIR OUT.cpio.gz
set -euo pipefail
. "$(dirname "$0")/lib.sh"

moddir=${1:?usage: make-initramfs.sh MODULE_DIR OUT}
out=${2:?usage: make-initramfs.sh MODULE_DIR OUT}
bindir=$(dirname "$out")/bin
toolsdir=$PROJECT_TOP/build/tools
make -s -C "$PROJECT_TOP/tests/integration" OUT="$bindir"
make -s -C "$PROJECT_TOP/tests/stress" OUT="$bindir"
make -s -C "$PROJECT_TOP/tools" OUT="$toolsdir"

root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root,etc}
mkdir -p "$root"/{peios/run,tests/bin,tools}
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list | grep -vx busybox); do
	ln -sf busybox "$root/bin/$applet"
done
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
echo "root:x:0:" > "$root/etc/group"
install -m 755 "$PROJECT_TOP/scripts/guest/init" "$root/init"
install -m 755 "$PROJECT_TOP"/scripts/guest/* "$root/peios/run/"
rm -f "$root/peios/run/init"
cp "$moddir"/*.ko "$root/peios/"
cp "$bindir"/* "$root/tests/bin/"
cp -r "$PROJECT_TOP/tests/integration/lib" "$root/tests/"
# Each integration folder's scripts keep their folder (FEATURE/NAME.sh,
# reference/): scripts/guest/integration runs them folder by folder.
for t in "$PROJECT_TOP"/tests/integration/*/*.sh; do
	dir=$(basename "$(dirname "$t")")
	[ "$dir" = lib ] && continue
	mkdir -p "$root/tests/integration/$dir"
	cp "$t" "$root/tests/integration/$dir/"
done
# Guest suites outside the default integration run (make check-selftests).
mkdir -p "$root/tests/selftests"
cp "$PROJECT_TOP"/tests/selftests/*.sh "$root/tests/selftests/" 2>/dev/null || true
# The stress suite's scripts (make stress).
mkdir -p "$root/tests/stress"
cp "$PROJECT_TOP"/tests/stress/*.sh "$root/tests/stress/"
cp "$toolsdir"/* "$root/tools/"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out.tmp"
mv "$out.tmp" "$out"
