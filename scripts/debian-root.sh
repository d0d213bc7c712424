#!/usr/bin/env bash
# The cached Debian 13 (trixie) build root in which modules for Debian's
# stock kernels are built: those kernels are built with trixie's gcc-14,
# which this Debian 12 machine lacks.  One root serves every Debian kernel;
# their linux-headers packages are installed in it side by side.
#
#   scripts/debian-root.sh                      make the root (once)
#   scripts/debian-root.sh headers SERIES       and put the headers of Debian's
#                                               kernel SERIES in it (once)
#   scripts/debian-root.sh run [-b HOST:PATH]... CMD...
#                                               run CMD inside it, with /proc
#                                               (objtool reads /proc/self/limits)
#                                               and /dev mounted and each HOST
#                                               directory bound at PATH; the
#                                               mounts vanish with CMD
set -euo pipefail
. "$(dirname "$0")/lib.sh"

root=$DEBIAN_ROOT
# dwarves: pahole, for the module's BTF (the kernels have DEBUG_INFO_BTF).
pkgs=gcc-14,make,libc6-dev,bc,bison,flex,libelf-dev,kmod,dwarves

create() {
	local stamp start
	stamp=$(echo "trixie $pkgs" | sha256sum | cut -c1-16)
	[ "$(cat "$root/.peios-root" 2>/dev/null)" = "$stamp" ] && return 0
	exec 9>"$root.lock"
	flock 9
	[ "$(cat "$root/.peios-root" 2>/dev/null)" = "$stamp" ] && return 0
	command -v debootstrap >/dev/null ||
		die "debootstrap is missing (scripts/install-host-packages.sh)"
	echo "debian-root: debootstrap trixie into $root"
	start=$SECONDS
	rm -rf "$root" "$root.new"
	debootstrap --variant=minbase --include="$pkgs" trixie "$root.new" \
		"$(debian_mirror)" >"$PEIOS_CACHE/debian-root.log" 2>&1 || {
		tail -n 20 "$PEIOS_CACHE/debian-root.log"
		die "debootstrap failed (log: $PEIOS_CACHE/debian-root.log)"
	}
	echo "$stamp" > "$root.new/.peios-root"
	mv "$root.new" "$root"
	echo "debian-root: ready in $((SECONDS - start)) s"
}

# The headers, at their real paths: their Makefile includes the -common
# tree by absolute path.  Unpacked rather than installed with dpkg, whose
# dependencies (the image, linux-base-*) the root need not carry.
headers() {
	local series=${1:?headers SERIES} kdir release dir deb
	"$PROJECT_TOP/scripts/fetch-debian-kernel.sh" "$series"
	create
	kdir=$(debian_kernel_dir "$series")
	release=$(cat "$kdir/release")
	dir=$root/usr/src/linux-headers-$release
	[ "$(cat "$dir/.peios-version" 2>/dev/null)" = "$(cat "$kdir/version")" ] &&
		return 0
	exec 9>"$root.lock"
	flock 9
	echo "debian-root: unpacking the $release headers"
	for deb in "$kdir"/debs/*.deb; do
		dpkg-deb -x "$deb" "$root"
	done
	cp "$kdir/version" "$dir/.peios-version"
	flock -u 9
}

run() {
	local binds=() b
	while [ "${1:-}" = -b ]; do
		binds+=("$2")
		shift 2
	done
	[ $# -gt 0 ] || die "run: no command"
	create
	# A private mount namespace: nothing stays mounted if CMD dies.
	local script='set -e; r=$1; shift; n=$1; shift
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		while [ "$n" -gt 0 ]; do
			mkdir -p "$r/${1#*:}"
			mount --bind "${1%%:*}" "$r/${1#*:}"
			shift; n=$((n - 1))
		done
		exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LC_ALL=C.UTF-8 "$@"'
	unshare --mount --propagation private \
		sh -c "$script" sh "$root" "${#binds[@]}" ${binds[@]+"${binds[@]}"} "$@"
}

case "${1:-create}" in
create) create ;;
headers) headers "${2:-}" ;;
run) shift; run "$@" ;;
*) die "usage: debian-root.sh [create | headers SERIES | run [-b HOST:PATH]... CMD...]" ;;
esac
