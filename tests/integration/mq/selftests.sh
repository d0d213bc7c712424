#!/bin/sh
# The kernel's own tools/testing/selftests/mqueue/mq_open_tests, built
# from the kernel source (tests/integration/mq/mq.mk), on the module's queues.
# Each "PASS" line counts as passed, each "FAIL" line as failed.
# mq_perf_tests runs in its own suite (make check-selftests): ~75 s.
. /tests/lib/check.sh
if [ ! -x /tests/bin/mq_open_tests ]; then
	not_ok "mq_open_tests was not built (no kernel source?)"
	check_done
	exit 1
fi
load_module
out=$(/tests/bin/mq_open_tests /peios_selftest 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
n_pass=$(echo "$out" | grep -c 'PASS$')
n_fail=$(echo "$out" | grep -c 'FAIL$')
# One result line per PASS/FAIL line (the counts are added below: the
# loop runs in a subshell).
echo "$out" | grep -E '(PASS|FAIL)$' | tr -s '\t' ' ' | while read -r l; do
	case "$l" in
	*PASS) echo "ok - mq_open_tests: ${l% PASS}" ;;
	*) echo "not ok - mq_open_tests: ${l% FAIL}" ;;
	esac
done
_passed=$((_passed + n_pass))
_failed=$((_failed + n_fail))
check "mq_open_tests exits 0" [ $rc -eq 0 ]
check "mq_open_tests reported results" [ "$n_pass" -gt 0 ]
check "it left no queue" sh -c '! /tests/bin/mqctl open:/peios_selftest:r | grep -q ok'
check "the module unloads" unload_module
check_done
