#!/usr/bin/env bash
# Fetch one of Debian's stock cloud-amd64 kernels, unmodified, and its
# linux-headers packages into the cache, once.
#
#   scripts/fetch-debian-kernel.sh SERIES     (6.12, 7.2, 7.3, ...)
#
# 6.12 is Debian 13's own kernel (trixie main); 7.x come from
# trixie-backports.  The newest build of the series in that suite is taken,
# through the project's private apt state (lib.sh).  Result, in
# $PEIOS_CACHE/debian-SERIES/: vmlinuz, config, release (the kernel's
# uname -r), version (the Debian package version) and debs/ holding the
# headers packages (linux-headers-*-cloud-amd64, its -common, linux-kbuild-*).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

series=${1:?usage: fetch-debian-kernel.sh SERIES}
dir=$(debian_kernel_dir "$series")
[ -f "$dir/.ready" ] && exit 0

case "$series" in
6.12) suite=trixie ;;
*) suite=trixie-backports ;;
esac

mkdir -p "$PEIOS_CACHE"
exec 9>"$dir.lock"
flock 9
[ -f "$dir/.ready" ] && exit 0
start=$SECONDS
apt_state_update

# "VERSION" of PACKAGE in $suite, empty when the suite does not carry it.
suite_version() {
	apt-cache "${APT_OPTS[@]}" madison "$1" | awk -F'|' -v s=" $suite/main " '
		index($3, s) { gsub(/ /, "", $2); print $2; exit }'
}

# The packages PACKAGE depends on whose names match REGEX.
depends_matching() {
	apt-cache "${APT_OPTS[@]}" show "$1=$2" | sed -n 's/^Depends: //p' |
		head -n1 | tr ',|' '\n\n' | awk -v re="$3" '$1 ~ re { print $1 }'
}

# The newest linux-image-SERIES.N+debX-cloud-amd64 the suite carries.
release=
for pkg in $(apt-cache "${APT_OPTS[@]}" pkgnames "linux-image-$series." |
	grep -E "^linux-image-$series\.[0-9]+\+[^-]+-cloud-amd64\$" | sort -rV); do
	if [ -n "$(suite_version "$pkg")" ]; then
		release=${pkg#linux-image-}
		break
	fi
done
[ -n "$release" ] || die "no $series cloud-amd64 kernel in $suite"
version=$(suite_version "linux-image-$release")
release_re=$(printf '%s' "$release" | sed 's/[.+]/\\&/g')

# 7.x split the image: vmlinuz in linux-binary-*, config in linux-base-*;
# 6.12's linux-image-* holds both itself.
image_pkgs=$(depends_matching "linux-image-$release" "$version" \
	"^linux-(binary|base)-$release_re\$")
[ -n "$image_pkgs" ] || image_pkgs=linux-image-$release
header_pkgs="linux-headers-$release $(depends_matching "linux-headers-$release" \
	"$version" "^linux-(headers-.*-common|kbuild-.*)\$")"

echo "fetch-debian-kernel: $release ($version, $suite)"
work=$(mktemp -d "$PEIOS_CACHE/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/image"
pins=()
for pkg in $image_pkgs $header_pkgs; do
	pins+=("$pkg=$version")
done
(cd "$work/debs" && apt-get "${APT_OPTS[@]}" download "${pins[@]}" >/dev/null)
for pkg in $image_pkgs; do
	dpkg-deb -x "$work/debs/${pkg}_"*.deb "$work/image"
	rm "$work/debs/${pkg}_"*.deb
done
mkdir -p "$work/out"
vmlinuz=$(find "$work/image" -name "vmlinuz*" -type f | head -n1)
config=$(find "$work/image" -path "*/modules/$release/config" -o -name "config-$release" |
	head -n1)
[ -n "$vmlinuz" ] && [ -n "$config" ] || die "no vmlinuz or config in $image_pkgs"
mv "$vmlinuz" "$work/out/vmlinuz"
mv "$config" "$work/out/config"
mv "$work/debs" "$work/out/debs"
echo "$release" > "$work/out/release"
echo "$version" > "$work/out/version"
touch "$work/out/.ready"
rm -rf "$dir"
mv "$work/out" "$dir"
echo "fetch-debian-kernel: $dir ready in $((SECONDS - start)) s"
