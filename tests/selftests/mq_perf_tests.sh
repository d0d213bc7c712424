#!/bin/sh
# The kernel's tools/testing/selftests/mqueue/mq_perf_tests on the module's
# queues (about 75 s under TCG): its figures go to the log as comments.
. /tests/lib/check.sh
if [ ! -x /tests/bin/mq_perf_tests ]; then
	not_ok "mq_perf_tests was not built (no kernel source or libpopt-dev?)"
	check_done
	exit 1
fi
load_module
start=$(date +%s)
out=$(/tests/bin/mq_perf_tests 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
echo "# mq_perf_tests took $(($(date +%s) - start)) s"
check "mq_perf_tests exits 0" [ $rc -eq 0 ]
check "mq_perf_tests reported per-message figures" \
	sh -c "echo \"\$1\" | grep -q 'Send msg'" sh "$out"
check "the module unloads" unload_module
check_done
