# The VM benchmarks (tools/bench/*_bench.c, but access_check_bench, which
# runs on the host), built static into $(OUT) by tests/integration/Makefile
# for the initramfs.  Run by the guest suites bench, mq-bench, sem-bench.
BENCH_DIR := $(CURDIR)/../../tools/bench
BENCH_MQ := mq_bench mq_prio_bench mq_open_bench mq_mem_bench cpu_control

all: $(addprefix $(OUT)/,$(BENCH_MQ) sem_bench)

$(addprefix $(OUT)/,$(BENCH_MQ)): $(OUT)/%: $(BENCH_DIR)/%.c $(BENCH_DIR)/bench.h
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -o $@ $< -lrt

$(OUT)/sem_bench: $(BENCH_DIR)/sem_bench.c $(BENCH_DIR)/bench.h $(SEMLIB)
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -o $@ $< $(SEMLIB) -lpthread -lrt

# The kernel sampling profiler, for profiles inside the VM.
all: $(OUT)/kprof

$(OUT)/kprof: $(BENCH_DIR)/kprof.c
	@mkdir -p $(OUT)
	$(CC) $(CFLAGS) -o $@ $<
