#!/usr/bin/env bash
# make deb: the two Debian packages an administrator installs.
#   peios-ipc-dkms_VERSION_all.deb    the module's source for DKMS, built for
#                                     every kernel with headers at install
#   peios-ipc-tools_VERSION_amd64.deb the tools, their man pages, the
#                                     semaphore library, the boot unit
# Plain dpkg-deb, no debhelper: the packages are small and their scripts are
# the few dkms and systemctl calls below.  Output: build/deb/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$PROJECT_TOP"
version=$(cat VERSION)
dkms_version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
[ "$version" = "$dkms_version" ] ||
	die "VERSION ($version) and dkms.conf ($dkms_version) disagree"
out=$PROJECT_TOP/build/deb
stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage"
maint="peios-ipc developers <peios-ipc@invalid>"

# ---- peios-ipc-dkms: exactly the files Kbuild and DKMS read ------------
d=$stage/dkms
src=$d/usr/src/peios-ipc-$version
mkdir -p "$src" "$d/DEBIAN"
git ls-files -z Kbuild VERSION dkms.conf module security identity fs ipc \
	syscall include tests/kunit tests/cases |
	rsync -a --from0 --files-from=- ./ "$src/"
cat > "$d/DEBIAN/control" <<CTL
Package: peios-ipc-dkms
Version: $version
Architecture: all
Section: kernel
Priority: optional
Depends: dkms (>= 3)
Maintainer: $maint
Description: Peios POSIX IPC kernel module (DKMS source)
 peios_ipc.ko serves the POSIX message queue syscalls and /dev/shm with
 every use decided by a Windows-compatible security descriptor.  DKMS
 builds it for each installed kernel that has its headers.
CTL
cat > "$d/DEBIAN/postinst" <<SH
#!/bin/sh
set -e
[ "\$1" = configure ] || exit 0
dkms add peios-ipc/$version >/dev/null 2>&1 || true
# Every kernel whose headers are installed, not only the running one (an
# image being built in a chroot runs the host's kernel).
for build in /lib/modules/*/build; do
	[ -e "\$build" ] || continue
	k=\${build%/build}
	k=\${k##*/}
	dkms install peios-ipc/$version -k "\$k" ||
		echo "peios-ipc-dkms: no module for \$k (see its DKMS make.log)" >&2
done
SH
cat > "$d/DEBIAN/prerm" <<SH
#!/bin/sh
set -e
dkms remove peios-ipc/$version --all >/dev/null 2>&1 || true
SH
chmod 755 "$d/DEBIAN/postinst" "$d/DEBIAN/prerm"

# ---- peios-ipc-tools --------------------------------------------------
make -s -C tools >/dev/null
t=$stage/tools
mkdir -p "$t/DEBIAN" "$t/usr/bin" "$t/usr/sbin" "$t/usr/include" \
	"$t/usr/lib/x86_64-linux-gnu" "$t/usr/share/man/man1" \
	"$t/usr/share/man/man8" "$t/usr/lib/systemd/system" \
	"$t/usr/lib/modules-load.d"
install -m 755 build/tools/peios-sd build/tools/peios-sem "$t/usr/bin/"
install -m 755 build/tools/peios-ipcctl "$t/usr/sbin/"
install -m 644 build/lib/libpeios_sem.a "$t/usr/lib/x86_64-linux-gnu/"
install -m 644 build/lib/include/peios_sem.h "$t/usr/include/"
gzip -9n < tools/peios-sd/peios-sd.1 > "$t/usr/share/man/man1/peios-sd.1.gz"
gzip -9n < tools/peios-ipcctl/peios-ipcctl.8 > "$t/usr/share/man/man8/peios-ipcctl.8.gz"
install -m 644 packaging/peios-ipc.service "$t/usr/lib/systemd/system/"
install -m 644 packaging/modules-load.conf "$t/usr/lib/modules-load.d/peios-ipc.conf"
cat > "$t/DEBIAN/control" <<CTL
Package: peios-ipc-tools
Version: $version
Architecture: amd64
Section: admin
Priority: optional
Recommends: peios-ipc-dkms (= $version)
Maintainer: $maint
Description: Peios POSIX IPC tools
 peios-sd shows, edits and checks security descriptors in SDDL;
 peios-ipcctl loads the module, mounts /dev/mqueue and /dev/shm and keeps
 the identity map and trust table; peios-sem drives named semaphores
 through the kernel path.  Also the boot unit peios-ipc.service.
CTL
cat > "$t/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
[ "$1" = configure ] || exit 0
# Enabled at install, so the next boot mounts the module's filesystems
# before services start; systemctl enable works in a chroot too.
if command -v systemctl >/dev/null 2>&1; then
	systemctl enable peios-ipc.service >/dev/null 2>&1 || true
fi
SH
cat > "$t/DEBIAN/postrm" <<'SH'
#!/bin/sh
set -e
if [ "$1" = purge ] && command -v systemctl >/dev/null 2>&1; then
	systemctl disable peios-ipc.service >/dev/null 2>&1 || true
fi
SH
chmod 755 "$t/DEBIAN/postinst" "$t/DEBIAN/postrm"

for p in dkms tools; do
	dpkg-deb --root-owner-group -Zxz --build "$stage/$p" "$out" >/dev/null
done
rm -rf "$stage"
ls "$out"/*_"$version"_*.deb
