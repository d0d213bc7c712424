# Included by Makefile: the message queue tests' extra builds.
#
# Message queue programs also built against musl (Debian's musl-tools, when
# installed; NAME_musl) and as 32-bit programs (NAME32, the ia32 entry
# points), and the kernel's own mqueue selftests, built from the kernel
# source at test time (never copied into the project).
MQ_MUSL_PROGS := mq_basic mq_procs mq_notify mq_poll
MQ_M32_PROGS := mq_basic mq_procs mq_notify
MQ_MUSL_CC := $(shell command -v musl-gcc 2>/dev/null)

PEIOS_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/peios-ipc
KSRC ?= $(PEIOS_CACHE)/linux-source-7.2
KSELFTEST := $(KSRC)/tools/testing/selftests
MQ_SELFTESTS := $(if $(wildcard $(KSELFTEST)/mqueue/mq_open_tests.c),\
	$(OUT)/mq_open_tests $(OUT)/mq_perf_tests)

all: $(patsubst %,$(OUT)/%32,$(MQ_M32_PROGS)) $(MQ_SELFTESTS) \
	$(if $(MQ_MUSL_CC),$(patsubst %,$(OUT)/%_musl,$(MQ_MUSL_PROGS)))

$(OUT)/%32: %.c $(wildcard lib/*.h)
	@mkdir -p $(OUT)
	$(CC) -m32 $(CFLAGS) -o $@ $< -lpthread -lrt

$(OUT)/%_musl: %.c $(wildcard lib/*.h)
	@mkdir -p $(OUT)
	$(or $(MQ_MUSL_CC),musl-gcc) -O2 -Wall -Wextra -Werror -static -o $@ $<

$(OUT)/mq_open_tests: $(KSELFTEST)/mqueue/mq_open_tests.c
	@mkdir -p $(OUT)
	$(CC) -O2 -static -I$(KSELFTEST) -o $@ $< -lrt

$(OUT)/mq_perf_tests: $(KSELFTEST)/mqueue/mq_perf_tests.c
	@mkdir -p $(OUT)
	$(CC) -O2 -static -I$(KSELFTEST) -o $@ $< -lrt -lpthread -lpopt

