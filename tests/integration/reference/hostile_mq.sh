#!/bin/sh
# The hostile-input programs of the mq_* syscalls against Linux's own
# mqueue: the oracle for every errno that tests/integration/hostile/mq.sh
# expects of the module.
. /tests/lib/check.sh
. /tests/lib/hostile_mq.sh
run_hostile_mq reference/hostile_mq.sh
check_done
