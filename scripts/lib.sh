# Shared settings for the project's scripts.  Sourced, not run.
# shellcheck shell=bash

# Everything that outlives a checkout (kernel source, kernel builds, ccache)
# lives here, so a fresh clone (CI's) reuses what an earlier run built.
PEIOS_CACHE=${PEIOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/peios-ipc}
KVER_SERIES=${KVER_SERIES:-7.2}
# Debian's stock kernels make check runs on (DEBIAN_SERIES= for none).
DEBIAN_SERIES=${DEBIAN_SERIES-6.12 7.2 7.3}
KSRC=$PEIOS_CACHE/linux-source-$KVER_SERIES
PROJECT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The Debian 13 build root for modules of Debian's stock kernels
# (scripts/debian-root.sh).
DEBIAN_ROOT=$PEIOS_CACHE/debian-root

# Where scripts/fetch-debian-kernel.sh puts Debian's stock kernel SERIES.
debian_kernel_dir() {
	echo "$PEIOS_CACHE/debian-$1"
}

# Build directory of a kernel variant (project, debug, reference).
kernel_build_dir() {
	echo "$PEIOS_CACHE/build-$1"
}

# The first "deb" URI of the main Debian archive in the machine's apt
# config: the project writes no repository host of its own.
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

# The project's private apt state: the suites it fetches kernels from,
# pointed at the machine's mirror, without touching the system's apt setup.
APT_STATE=$PEIOS_CACHE/apt
APT_OPTS=(
	-o "Dir::Etc::sourcelist=$APT_STATE/sources.list"
	-o Dir::Etc::sourceparts=/dev/null
	-o "Dir::State::Lists=$APT_STATE/lists"
	-o "Dir::Cache::Archives=$APT_STATE/archives"
	-o "Dir::Cache::pkgcache=$APT_STATE/pkgcache.bin"
	-o "Dir::Cache::srcpkgcache=$APT_STATE/srcpkgcache.bin"
	-o Debug::NoLocking=1
	-o APT::Sandbox::User=root
	-o APT::Get::List-Cleanup=0
)

# The mirror URI, or die.
debian_mirror() {
	local uri
	uri=$(mirror_uri | grep -v security | head -n1)
	[ -n "$uri" ] || die "no Debian mirror found in /etc/apt"
	echo "$uri"
}

# Write the private sources.list and refresh its lists once per
# $APT_MAX_AGE minutes (default 360), under a lock: several scripts and
# checkouts share the state.  trixie carries Debian 13's own kernel (6.12),
# trixie-backports the 7.x ones and linux-source-7.x, sid the newest.
apt_state_update() {
	local uri keyring=/usr/share/keyrings/debian-archive-keyring.gpg list
	uri=$(debian_mirror)
	mkdir -p "$APT_STATE/lists/partial" "$APT_STATE/archives/partial"
	list=$(printf 'deb [signed-by=%s] %s %s main\n' \
		"$keyring" "$uri" trixie "$keyring" "$uri" trixie-backports \
		"$keyring" "$uri" sid)
	exec 7>"$APT_STATE.lock"
	flock 7
	if [ "$(cat "$APT_STATE/sources.list" 2>/dev/null)" != "$list" ] ||
		[ -z "$(find "$APT_STATE/.updated" -mmin -"${APT_MAX_AGE:-360}" 2>/dev/null)" ]; then
		echo "$list" > "$APT_STATE/sources.list"
		echo "$(basename "$0"): updating private apt lists from $uri"
		apt-get "${APT_OPTS[@]}" update -qq
		touch "$APT_STATE/.updated"
	fi
	flock -u 7
	exec 7>&-
}

# The kernel image QEMU boots for a variant: a built bzImage, or Debian's
# unmodified vmlinuz for debian-SERIES.
kernel_image() {
	case "$1" in
	debian-*) echo "$(debian_kernel_dir "${1#debian-}")/vmlinuz" ;;
	*) echo "$(kernel_build_dir "$1")/arch/x86/boot/bzImage" ;;
	esac
}

die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

# Run guest suite SUITE on VARIANT and print "LABEL (VARIANT): N passed,
# N failed" from the guest's PEIOS-RESULT line; a run that printed none,
# or whose guest passed but whose VM failed (kernel report, hang), counts
# one failure.  Returns the run's status.
run_guest_suite() {
	local label=$1 variant=$2 suite=$3 res line rc=0

	res=$(mktemp)
	"$PROJECT_TOP/scripts/vm-suite.sh" "$variant" "$suite" "$res" || rc=$?
	grep -v '^PEIOS-' "$res"
	line=$(sed -n 's/^PEIOS-RESULT: //p' "$res" | tail -n 1)
	rm -f "$res"
	if [ -z "$line" ]; then
		echo "$label ($variant): 0 passed, 1 failed"
		return 1
	fi
	if [ $rc -ne 0 ] && [ "${line#* passed, }" = "0 failed" ]; then
		echo "$label ($variant): ${line%%,*}, 1 failed"
		return 1
	fi
	echo "$label ($variant): $line"
	return $rc
}
