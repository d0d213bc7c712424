#!/usr/bin/env bash
# Fetch and extract Debian's linux-source-$KVER_SERIES into the cache.
#
# The package lives in trixie-backports (else sid), which this Debian 12 machine
# does not list: it comes through the project's private apt state (lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$KSRC/Makefile" ] && exit 0

apt_state_update

# Prefer trixie-backports; fall back to whatever sid carries.
pkg=linux-source-$KVER_SERIES
ver=$(apt-cache "${APT_OPTS[@]}" madison "$pkg" | awk -F'|' '
	$3 ~ /trixie-backports/ { gsub(/ /, "", $2); print $2; exit }')
[ -n "$ver" ] || ver=$(apt-cache "${APT_OPTS[@]}" madison "$pkg" |
	awk -F'|' '{ gsub(/ /, "", $2); print $2; exit }')
[ -n "$ver" ] || die "$pkg not found in trixie-backports or sid"

mkdir -p "$PEIOS_CACHE"
work=$(mktemp -d "$PEIOS_CACHE/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get "${APT_OPTS[@]}" download "$pkg=$ver" >/dev/null)
dpkg-deb -x "$work"/"$pkg"_*.deb "$work/deb"
tarball=$(ls "$work"/deb/usr/src/"$pkg".tar.*)
echo "fetch-kernel: extracting $pkg $ver"
tar -C "$work" -xf "$tarball"
rm -rf "$KSRC"
mv "$work/$pkg" "$KSRC"
echo "$ver" > "$KSRC/.debian-version"
echo "fetch-kernel: $KSRC ready"
