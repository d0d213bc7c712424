#!/usr/bin/env bash
# make run: boot the project kernel with the module loaded, /dev/mqueue and
# /dev/shm mounted, run the demo, and give a shell when started from a
# terminal (exits after the demo otherwise).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-project}
if [ -t 0 ] && [ -t 1 ]; then
	export PEIOS_INTERACTIVE=1
fi
exec "$PROJECT_TOP/scripts/vm-suite.sh" "$variant" demo
