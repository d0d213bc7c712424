# Included by tests/integration/Makefile: the message queue tests' extra
# builds.
#
# Message queue programs also built against musl (Debian's musl-tools, when
# installed; NAME_musl) and as 32-bit programs (NAME32, the ia32 entry
# points), and the kernel's own mqueue selftests, built from the kernel
# source at test time (never copied into the project).
M32_PROGS += mq_basic mq_procs mq_notify
MQ_MUSL_CC := $(shell command -v musl-gcc 2>/dev/null)
MUSL_PROGS += $(if $(MQ_MUSL_CC),mq_basic mq_procs mq_notify mq_poll)

PEIOS_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/peios-ipc
KSRC ?= $(PEIOS_CACHE)/linux-source-7.2
KSELFTEST := $(KSRC)/tools/testing/selftests
MQ_SELFTESTS := $(if $(wildcard $(KSELFTEST)/mqueue/mq_open_tests.c),\
	$(OUT)/mq_open_tests $(OUT)/mq_perf_tests)

all: $(MQ_SELFTESTS)

$(OUT)/mq_open_tests: $(KSELFTEST)/mqueue/mq_open_tests.c
	@mkdir -p $(OUT)
	$(CC) -O2 -static -I$(KSELFTEST) -o $@ $< -lrt

$(OUT)/mq_perf_tests: $(KSELFTEST)/mqueue/mq_perf_tests.c
	@mkdir -p $(OUT)
	$(CC) -O2 -static -I$(KSELFTEST) -o $@ $< -lrt -lpthread -lpopt
