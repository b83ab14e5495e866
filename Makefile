# SPDX-License-Identifier: GPL-2.0-only
# rtm — the two commands of the README (`make run`, `make test`) and a few more.
# Every target first installs missing Debian packages (utils/install-deps.sh, apt-get only).

BUILD ?= build
JOBS ?= 2
BUILD_TYPE ?= RelWithDebInfo

.PHONY: all deps configure build run test test-quick bench check-intree check-waf check-mpi format clean

all: build

deps:
	./utils/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# The flagship example.
run: build
	./$(BUILD)/examples/rtm-tour

# Every test, through CTest (GoogleTest cases, simulations, topology validations).
test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The tests without the long topology validations (CTest label "long").
test-quick: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) -LE long

# Google Benchmark figures, side by side with ns-3's own routing; ends with a summary.
bench: build
	cmake --build $(BUILD) -j$(JOBS) --target rtm-bench
	./$(BUILD)/utils/rtm-bench

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

format:
	find model helper examples test utils -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
