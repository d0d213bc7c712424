#!/usr/bin/env bash
# Build the module for a kernel variant into build/VARIANT/module/.
#
#   scripts/build-module.sh VARIANT
#
# project, debug, reference: the kernel is built first (build-kernel.sh)
# and both modules (peios_ipc.ko, peios_ipc_kunit.ko) are built against
# its tree with kbuild's MO=.
#
# debian-SERIES (debian-6.12, debian-7.2, debian-7.3): Debian's stock
# kernel and its linux-headers packages are fetched (fetch-debian-kernel.sh)
# and put at their real paths in the Debian 13 build root (debian-root.sh),
# and peios_ipc.ko is built there as DKMS builds it: a
# copy of the source, `make -C /lib/modules/RELEASE/build M=COPY`, with the
# compiler the headers name (their .kernelvariables set CC to the kernel's
# own gcc).  These kernels have no KUnit, so there is no test module.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: build-module.sh VARIANT}
out=$PROJECT_TOP/build/$variant

case "$variant" in
debian-*) ;;
*)
	"$PROJECT_TOP/scripts/build-kernel.sh" "$variant"
	mkdir -p "$out/module"
	exec make -s -C "$(kernel_build_dir "$variant")" M="$PROJECT_TOP" \
		MO="$out/module" modules
	;;
esac

series=${variant#debian-}
"$PROJECT_TOP/scripts/debian-root.sh" headers "$series"
release=$(cat "$(debian_kernel_dir "$series")/release")
headers=$DEBIAN_ROOT/usr/src/linux-headers-$release

# The kernel was built by the compiler its config names; the root must
# have that one (the headers' .kernelvariables select it).
cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\) .*/\1/p' "$headers/.config")
[ -x "$DEBIAN_ROOT/usr/bin/$cc" ] ||
	die "the build root lacks $cc, the compiler $release was built with"

# A copy, as DKMS copies the source to /var/lib/dkms: kbuild of 6.12 has
# no MO=, and builds in the source tree.  Build products are excluded from
# the copy (and so kept by --delete) for incremental rebuilds.
mkdir -p "$out/src" "$out/module"
start=$SECONDS
rsync -a --delete --exclude=/build --exclude=/.git --exclude='*.o' \
	--exclude='*.ko' --exclude='.*.cmd' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude=Module.symvers --exclude=modules.order \
	"$PROJECT_TOP/" "$out/src/"
"$PROJECT_TOP/scripts/debian-root.sh" run -b "$out/src:/peios/src" \
	make -s -j"$(nproc)" -C "/lib/modules/$release/build" M=/peios/src modules
rm -f "$out/module/"*.ko
cp "$out/src/peios_ipc.ko" "$out/module/"
echo "build-module: peios_ipc.ko for $release in $((SECONDS - start)) s"
