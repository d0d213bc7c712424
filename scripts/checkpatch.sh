#!/usr/bin/env bash
# Run the kernel's checkpatch.pl over every kernel C file of the project.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$PROJECT_TOP/scripts/fetch-kernel.sh"
cd "$PROJECT_TOP"
files=$(git ls-files '*.c' '*.h' | grep -Ev '^(tests/(host|fuzz|integration)|tools)/')
# shellcheck disable=SC2086
"$KSRC/scripts/checkpatch.pl" --no-tree --terse --show-types \
	--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES -f $files
