#!/usr/bin/env bash
# The packages as an administrator installs them: `apt install` of
# peios-ipc-dkms and peios-ipc-tools (make deb) inside the Debian 13 build
# root, which holds the headers of Debian's stock kernels, so the dkms
# package's postinst builds and installs the module for each of them.
#
#   scripts/dkms-test.sh [SERIES...]        (default: 6.12 7.2 7.3)
#
# Shown: apt's output (DKMS's own lines among it) and the end of each
# kernel's DKMS make.log.  Each installed module is then booted in its
# unmodified kernel with the reference suite (loading beside the kernel's
# own mqueue); the run is in build/debian-SERIES/dkms/.
# Ends with "dkms: N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || set -- 6.12 7.2 7.3
root_sh=$PROJECT_TOP/scripts/debian-root.sh
"$root_sh" || exit 1
version=$(cat "$PROJECT_TOP/VERSION")
name=peios-ipc
passed=0
failed=0
result() {
	if [ "$1" = ok ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	echo "$1 - $2"
}

"$PROJECT_TOP/scripts/make-deb.sh" >/dev/null || die "make deb failed"
for series in "$@"; do
	"$root_sh" headers "$series" || die "no headers for $series"
done
debs=$DEBIAN_ROOT/tmp/peios-debs
rm -rf "$debs"
mkdir -p "$debs"
cp "$PROJECT_TOP"/build/deb/*_"$version"_*.deb "$debs/"

echo "=== apt install ./peios-ipc-dkms_${version}_all.deb ./peios-ipc-tools_${version}_amd64.deb"
start=$SECONDS
if "$root_sh" run sh -c "export DEBIAN_FRONTEND=noninteractive
	apt-get purge -y -qq $name-dkms $name-tools >/dev/null 2>&1
	# Whatever an earlier test left registered would be installed as is.
	dkms remove $name/$version --all >/dev/null 2>&1
	rm -rf /usr/src/$name-$version /var/lib/dkms/$name
	apt-get update -qq &&
	apt-get install -y --no-install-recommends \
		/tmp/peios-debs/$name-dkms_${version}_all.deb \
		/tmp/peios-debs/$name-tools_${version}_amd64.deb"; then
	result ok "apt install of both packages ($((SECONDS - start)) s)"
else
	result "not ok" "apt install of both packages"
fi
if [ "$("$root_sh" run peios-ipcctl --version 2>&1)" = "peios-ipcctl $version" ]; then
	result ok "peios-ipcctl --version from the tools package"
else
	result "not ok" "peios-ipcctl --version from the tools package"
fi
for f in /usr/lib/systemd/system/peios-ipc.service \
	/usr/lib/modules-load.d/peios-ipc.conf /usr/share/man/man8/peios-ipcctl.8.gz; do
	if [ -f "$DEBIAN_ROOT$f" ]; then
		result ok "the tools package installed $f"
	else
		result "not ok" "the tools package installed $f"
	fi
done

for series in "$@"; do
	release=$(cat "$(debian_kernel_dir "$series")/release")
	log=$DEBIAN_ROOT/var/lib/dkms/$name/$version/$release/x86_64/log/make.log
	[ -f "$log" ] || log=$(find "$DEBIAN_ROOT/var/lib/dkms/$name/$version" \
		-path "*$release*" -name make.log 2>/dev/null | head -n1)
	echo "--- DKMS make.log for $release (last 5 lines)"
	[ -n "$log" ] && tail -n 5 "$log"
	ko=$(find "$DEBIAN_ROOT/lib/modules/$release/updates" -name 'peios_ipc.ko*' \
		2>/dev/null | head -n1)
	if [ -z "$ko" ]; then
		result "not ok" "DKMS installed peios_ipc for $release"
		continue
	fi
	result ok "DKMS installed ${ko#"$DEBIAN_ROOT"}"
	# The installed module, not build-module.sh's, in the booted kernel;
	# busybox insmod takes it uncompressed.
	out=$PROJECT_TOP/build/debian-$series/dkms
	rm -rf "$out"
	mkdir -p "$out/module"
	case $ko in
	*.xz) xz -dc "$ko" > "$out/module/peios_ipc.ko" ;;
	*.zst) zstd -qdc "$ko" > "$out/module/peios_ipc.ko" ;;
	*) cp "$ko" "$out/module/peios_ipc.ko" ;;
	esac
	"$PROJECT_TOP/scripts/make-initramfs.sh" "$out/module" "$out/initramfs.cpio.gz"
	if "$PROJECT_TOP/scripts/qemu-run.sh" "debian-$series" "$out/initramfs.cpio.gz" \
		reference "$out/reference.log" >/dev/null 2>&1 &&
		grep -q "PEIOS-RESULT: [0-9]* passed, 0 failed" "$out/reference.log"; then
		result ok "the DKMS module in $release: $(grep -m1 'peios_ipc:' "$out/reference.log" |
			sed 's/^\[[^]]*\] //')"
	else
		result "not ok" "the DKMS module in $release (log: $out/reference.log)"
	fi
done
echo "dkms: $passed passed, $failed failed"
[ $failed -eq 0 ]
