# Shared settings for the project's scripts.  Sourced, not run.
# shellcheck shell=bash

# Everything that outlives a checkout (kernel source, kernel builds, ccache)
# lives here, so a fresh clone (CI's) reuses what an earlier run built.
PEIOS_CACHE=${PEIOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/peios-ipc}
KVER_SERIES=${KVER_SERIES:-7.2}
KSRC=$PEIOS_CACHE/linux-source-$KVER_SERIES
PROJECT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build directory of a kernel variant (project, debug, reference).
kernel_build_dir() {
	echo "$PEIOS_CACHE/build-$1"
}

die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}
