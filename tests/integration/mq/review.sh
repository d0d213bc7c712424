#!/bin/sh
# Regression cases from the security review (Documentation/security-review.md):
# mq_open with O_PATH, mqueue mounts from a user namespace, and a dead
# namespace's leftover mount (the unload proves nothing stayed pinned).
. /tests/lib/check.sh
load_module
run_tap /tests/bin/mq_review
check "the module unloads afterwards" unload_module
check_done
