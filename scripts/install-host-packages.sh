#!/usr/bin/env bash
# Install the Debian packages the project builds and tests with.  Idempotent:
# packages already present are not fetched again, and apt's lists are only
# refreshed when something is missing.
set -euo pipefail

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev cpio ccache xz-utils
	busybox-static qemu-system-x86 qemu-utils kmod libcap-dev libkmod-dev
	libcap2-bin attr gcc-multilib musl-tools clang llvm libclang-rt-14-dev
	python3 rsync dwarves zstd libpopt-dev pkg-config debootstrap
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-host-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
