# SPDX-License-Identifier: GPL-2.0-only
# rtm — the two commands of the README (`make run`, `make test`) and a few more.
# Every target first installs missing Debian packages (utils/install-deps.sh, apt-get only).

BUILD ?= build
JOBS ?= 2
BUILD_TYPE ?= RelWithDebInfo
# The sanitizer build: clang, ASan + UBSan (+ LeakSanitizer) on everything, libFuzzer targets.
SAN_BUILD ?= build-sanitize
# ccache (installed by install-deps.sh) keeps compiled objects between builds and clones; with
# CCACHE_BASEDIR at the checkout (and the working directory left out of the key, which only names
# the build folder in the debug information) its keys do not depend on where the checkout is. Cold
# it costs nothing measurable; warm (a second clone on the same machine, as in CI) it saves the
# compilation.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
LAUNCHER = $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = api rip ripng table-file topology
# Every report aborts the test that triggers it (a report fails the run); suppressions: utils/lsan.supp.
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/utils/lsan.supp:print_suppressions=0

.PHONY: all deps configure build run test test-quick bench bench-scale bench-sim-intree check-intree check-waf check-mpi check-interop format clean \
	sanitize sanitize-build fuzz

all: build

deps:
	./utils/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(LAUNCHER)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# The flagship example.
run: build
	./$(BUILD)/examples/rtm-tour

# Every test, through CTest (GoogleTest cases, simulations, topology validations, the fuzz
# targets' corpus replay and a short random-mutation smoke of each, label fuzz).
test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The tests without the long topology validations (CTest label "long").
test-quick: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) -LE long

# The whole CTest suite again, built with clang, -fsanitize=address,undefined (leaks checked,
# no recovery), NS_ASSERTs on, plus the libFuzzer targets: their corpus replayed and a short
# coverage-guided smoke of each (CTest label fuzz). Reduced under the sanitizers: the long
# topology validations (label long) and the minutes-long GoogleTest cases (test/sanitize.cmake).
# .ci/run runs it after make test.
sanitize-build: deps
	cmake -S . -B $(SAN_BUILD) -DCMAKE_CXX_COMPILER=clang++ $(LAUNCHER) -DCMAKE_BUILD_TYPE=Debug \
		-DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DRTM_SANITIZE=ON -DRTM_FUZZ=ON
	$(SAN_ENV) cmake --build $(SAN_BUILD) -j$(JOBS)

sanitize: sanitize-build
	cd $(SAN_BUILD) && $(SAN_ENV) ctest --output-on-failure -j$(JOBS) -LE long

# Each fuzz target for FUZZ_SECONDS seconds (new inputs go to $(SAN_BUILD)/fuzz-work/NAME; a
# crash leaves its input as $(SAN_BUILD)/fuzz-work/crash-NAME-*: add it to test/fuzz/corpus/NAME).
fuzz: sanitize-build
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $(SAN_BUILD)/fuzz-work/$$t && \
		$(SAN_ENV) ./$(SAN_BUILD)/test/fuzz/rtm-fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
			-print_final_stats=1 -timeout=20 -rss_limit_mb=4096 \
			-artifact_prefix=$(SAN_BUILD)/fuzz-work/crash-$$t- \
			$(SAN_BUILD)/fuzz-work/$$t test/fuzz/corpus/$$t || exit 1; \
	done

# Google Benchmark figures, side by side with ns-3's own routing; ends with a summary.
bench: build
	cmake --build $(BUILD) -j$(JOBS) --target rtm-bench
	./$(BUILD)/utils/rtm-bench

# How the cost of a whole simulation grows (generated topologies of 100 to 10,000 routers, Kdl
# with 200 to 20,000 flows; rtm beside ns-3's global and nix-vector routing): tables and PNG plots
# in doc/figures (utils/rtm-sim-scale.cc). About half an hour on two cores; SCALE_ARGS passes
# options (e.g. SCALE_ARGS="--sizes=100,300 --flows=200 --capS=30" for a quick look).
bench-scale: build
	cmake --build $(BUILD) -j$(JOBS) --target rtm-sim-scale
	./$(BUILD)/utils/rtm-sim-scale --out=doc/figures $(SCALE_ARGS)

# Issue 14's whole simulations (Rocketfuel, Kdl, Inet; rtm, rtm with Aggregate=true, nix-vector,
# global routing; 3 runs each) on the installed ns-3 (3.37) and on ns-3.48 in its own tree (the
# cache of check-intree), interleaved, with min / median tables (utils/bench-sim-versions.py).
# About 40 minutes on two cores; SIM_ARGS passes options (e.g. SIM_ARGS="--topologies=kdl --runs=1").
bench-sim-intree: build
	cmake --build $(BUILD) -j$(JOBS) --target rtm-sim-bench
	./utils/bench-sim-versions.sh $(BUILD)/utils/rtm-sim-bench $(SIM_ARGS)

# rtm inside ns-3.48's own source tree (contrib/rtm, MPI on): ./test.py, every rtm suite and the
# examples. The ns-3 build is cached outside the clone (utils/ns3-tree.sh).
check-intree: deps
	./utils/check-intree.sh

# rtm inside ns-3.35 through the wscript (waf): ./test.py for every rtm suite. Cached likewise.
check-waf: deps
	./utils/check-waf.sh

# The MPI scenario on one and two ranks, both engines, compared (ns-3.48 tree of check-intree).
check-mpi: deps
	./utils/check-mpi.sh

# Real daemons on the wire (root): Debian's BIRD 2 in a network namespace against simulated RTM
# routers (utils/interop/interop.py; ONLY=rip,ripng picks scenarios).
check-interop: build
	./utils/interop/interop.py --build $(BUILD) $(if $(ONLY),--only=$(ONLY))

format:
	find model helper examples test utils -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
