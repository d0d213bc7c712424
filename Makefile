# SPDX-License-Identifier: GPL-2.0
#
# peios-ipc: the module, its kernels, its tests and its tools.
#
#   make            build peios_ipc.ko against the project kernel
#   make run        set everything up, boot the VM with the module, run a demo
#                   and give a shell (from a terminal)
#   make check      set everything up and run every test layer
#
# KERNEL=project|debug|reference picks the kernel variant.  Kernel source,
# kernel builds and ccache live in $(PEIOS_CACHE) so fresh clones reuse them.
# KERNEL=debian-6.12|debian-7.2|debian-7.3: Debian's unmodified stock kernel,
# the module built against its linux-headers in a Debian 13 build root
# (Documentation/build-and-test.md, "Debian stock kernels"); no KUnit there.

KERNEL ?= project
PEIOS_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/peios-ipc
export PEIOS_CACHE

TOP := $(CURDIR)

.PHONY: all setup kernel module check check-host check-kunit \
	check-integration check-selftests check-debug run clean checkpatch \
	fuzz bench-host bench stress deb

all: module

setup:
	@scripts/install-host-packages.sh
	@scripts/fetch-kernel.sh

ifneq ($(filter debian-%,$(KERNEL)),)
kernel: setup
	@scripts/fetch-debian-kernel.sh $(patsubst debian-%,%,$(KERNEL))
else
kernel: setup
	@scripts/build-kernel.sh $(KERNEL)
endif

# Kernel modules always rebuild through kbuild, which knows what changed.
module: kernel
	@scripts/build-module.sh $(KERNEL)

check: setup
	@scripts/check.sh $(KERNEL)

# Every KUnit and integration test on the debug kernel (KASAN, lockdep,
# atomic-sleep checks, kmemleak, UBSAN): any report fails the run.
check-debug: setup
	@scripts/check.sh debug

check-host: setup
	@$(MAKE) -s -C tests/host

check-kunit: module
	@scripts/check-kunit.sh $(KERNEL)

check-integration: module
	@scripts/check-integration.sh $(KERNEL)

# The kernel's mq_perf_tests (about 75 s in the VM), not part of make check.
check-selftests: module
	@scripts/check-integration.sh $(KERNEL) selftests

# Many processes on queues and semaphores at once, then load/unload
# cycles, in the VM (STRESS_SECONDS, default 180; STRESS_CYCLES, default
# 100); not part of make check.  make stress KERNEL=debug is the point.
stress: module
	@scripts/stress.sh $(KERNEL)

# make run boots Debian's stock 7.3 kernel unless KERNEL is given: a
# newcomer's first run fetches a kernel instead of building one.
RUN_KERNEL := $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),debian-7.3)

run:
	@$(MAKE) -s module KERNEL=$(RUN_KERNEL)
	@scripts/run-demo.sh $(RUN_KERNEL)

fuzz: setup
	@$(MAKE) -s -C tests/host fuzz

bench-host: setup
	@$(MAKE) -s -C tests/host bench

# Every VM benchmark on the project kernel with the module, then on the
# reference kernel, and the side-by-side report in bench/results/ (about
# 10 to 15 min under TCG; BENCH_SCALE, BENCH_RUNS).  Not part of make check.
bench: setup
	@scripts/bench.sh

checkpatch: setup
	@scripts/checkpatch.sh

# peios-ipc-dkms_VERSION_all.deb and peios-ipc-tools_VERSION_amd64.deb in
# build/deb/ (Documentation/install.md).
deb:
	@scripts/make-deb.sh

clean:
	rm -rf build
	-@$(MAKE) -s -C tests/host clean
