#!/usr/bin/env bash
# Fetch and extract Debian's linux-source-$KVER_SERIES into the cache.
#
# The package lives in trixie-backports (else sid), which this Debian 12 machine
# does not list.  A private apt state directory is pointed at the mirror the
# machine is already configured with, so the system's apt setup is untouched
# and no repository host is written into the project.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$KSRC/Makefile" ] && exit 0

# The first "deb" URI of the main Debian archive in the machine's apt config.
mirror_uri() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '
			/^URIs:/ { uri = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) ok = 1 }
			/^$/ { if (ok && uri) { print uri; exit } ok = 0; uri = "" }
			END { if (ok && uri) print uri }
		' "$f"
	done
	if [ -f /etc/apt/sources.list ]; then
		awk '$1 == "deb" && $0 !~ /security/ {
			for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit }
		}' /etc/apt/sources.list
	fi
}

uri=$(mirror_uri | grep -v security | head -n1)
[ -n "$uri" ] || die "no Debian mirror found in /etc/apt"

state=$PEIOS_CACHE/apt
mkdir -p "$state/lists/partial" "$state/archives/partial" "$PEIOS_CACHE"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
{
	echo "deb [signed-by=$keyring] $uri trixie-backports main"
	echo "deb [signed-by=$keyring] $uri sid main"
} > "$state/sources.list"

apt_opts=(
	-o "Dir::Etc::sourcelist=$state/sources.list"
	-o Dir::Etc::sourceparts=/dev/null
	-o "Dir::State::Lists=$state/lists"
	-o "Dir::Cache::Archives=$state/archives"
	-o "Dir::Cache::pkgcache=$state/pkgcache.bin"
	-o "Dir::Cache::srcpkgcache=$state/srcpkgcache.bin"
	-o Debug::NoLocking=1
	-o APT::Get::List-Cleanup=0
)
echo "fetch-kernel: updating private apt lists from $uri"
apt-get "${apt_opts[@]}" update -qq

# Prefer trixie-backports; fall back to whatever sid carries.
pkg=linux-source-$KVER_SERIES
ver=$(apt-cache "${apt_opts[@]}" madison "$pkg" | awk -F'|' '
	$3 ~ /trixie-backports/ { gsub(/ /, "", $2); print $2; exit }')
[ -n "$ver" ] || ver=$(apt-cache "${apt_opts[@]}" madison "$pkg" |
	awk -F'|' '{ gsub(/ /, "", $2); print $2; exit }')
[ -n "$ver" ] || die "$pkg not found in trixie-backports or sid"

work=$(mktemp -d "$PEIOS_CACHE/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get "${apt_opts[@]}" download "$pkg=$ver" >/dev/null)
dpkg-deb -x "$work"/"$pkg"_*.deb "$work/deb"
tarball=$(ls "$work"/deb/usr/src/"$pkg".tar.*)
echo "fetch-kernel: extracting $pkg $ver"
tar -C "$work" -xf "$tarball"
rm -rf "$KSRC"
mv "$work/$pkg" "$KSRC"
echo "$ver" > "$KSRC/.debian-version"
echo "fetch-kernel: $KSRC ready"
