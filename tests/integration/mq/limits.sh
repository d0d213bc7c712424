#!/bin/sh
# /proc/sys/fs/mqueue, queues_max, the hard maxima and RLIMIT_MSGQUEUE.
. /tests/lib/check.sh
load_module
run_tap /tests/bin/mq_limits
check "the module unloads" unload_module
check_done
