#!/usr/bin/env bash
# Configure and build a kernel variant: project (default), debug or reference.
#
#   scripts/build-kernel.sh [project|debug|reference]
#
# The build tree lives in the cache; ccache makes a rebuild after a config or
# source change cheap.  A variant is rebuilt only when its fragments changed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
case "$variant" in
project) frags=(project) ;;
debug) frags=(project debug) ;;
reference) frags=(project reference) ;;
*) die "unknown kernel variant '$variant' (project, debug, reference)" ;;
esac

"$PROJECT_TOP/scripts/fetch-kernel.sh"
out=$(kernel_build_dir "$variant")
mkdir -p "$out"
# Two builds in one tree corrupt it: the second waits for the first.
exec 9>"$out.lock"
flock 9

paths=()
for f in "${frags[@]}"; do
	paths+=("$PROJECT_TOP/scripts/kconfig/$f.config")
done
stamp=$(cat "${paths[@]}" "$KSRC/.debian-version" | sha256sum | cut -c1-16)
if [ -f "$out/.peios-stamp" ] && [ "$(cat "$out/.peios-stamp")" = "$stamp" ] &&
	[ -f "$out/arch/x86/boot/bzImage" ] && [ -f "$out/Module.symvers" ]; then
	exit 0
fi

export CCACHE_DIR=${CCACHE_DIR:-$PEIOS_CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# The build path differs between checkouts only in O=, which lives in the
# cache; the source tree is shared, so hashing paths relative to it is safe.
export CCACHE_BASEDIR=$PEIOS_CACHE
export CCACHE_NOHASHDIR=1
cc="gcc"
command -v ccache >/dev/null && cc="ccache gcc"
kmake=(make -C "$KSRC" O="$out" ARCH=x86_64 CC="$cc" -j"$(nproc)")

echo "build-kernel: configuring $variant"
"${kmake[@]}" tinyconfig >/dev/null
"$KSRC/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${paths[@]}" >/dev/null
"${kmake[@]}" olddefconfig >/dev/null

# olddefconfig silently drops symbols whose dependencies are missing.  A
# later fragment overrides an earlier one, so only the last value counts.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n) sym=${line%=n}
		grep -q "^$sym=" "$out/.config" && { echo "build-kernel: $sym should be off"; bad=1; } ;;
	CONFIG_*=*) grep -qx "$line" "$out/.config" ||
		{ echo "build-kernel: '$line' did not stick"; bad=1; } ;;
	esac
done < <(cat "${paths[@]}" | grep '^CONFIG_' |
	awk -F= '{ v[$1] = $0; o[$1] = NR } END { for (k in v) print o[k], v[k] }' |
	sort -n | cut -d' ' -f2-)
[ $bad -eq 0 ] || die "kernel config for $variant is incomplete"

echo "build-kernel: building $variant in $out"
start=$SECONDS
"${kmake[@]}" bzImage modules >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log"
	die "kernel build failed (log: $out/build.log)"
}
echo "build-kernel: $variant built in $((SECONDS - start)) s"
echo "$stamp" > "$out/.peios-stamp"
