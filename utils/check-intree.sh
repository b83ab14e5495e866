#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make check-intree: rtm as contrib/rtm of ns-3.48 (the current release), built by ns-3's own
# CMake build with examples and tests (of rtm only) and MPI, then ./test.py runs every rtm suite
# (every fullness; RTM_TEST_FULLNESS=QUICK for the quick ones) and the examples of test/examples-to-run.py. See utils/ns3-tree.sh for
# the cache; the first run builds ns-3 (long), later runs rebuild rtm only.
set -eu
. "$(dirname "$0")/ns3-tree.sh"
ns3_lock
ns3_tree 3.48
ns3_build_48
cd "$NS3"
# Only rtm's tests and examples are built (--filter-module-examples-and-tests): test.py runs
# every rtm suite and every example of rtm's test/examples-to-run.py.
./test.py --no-build --fullness="${RTM_TEST_FULLNESS:-TAKES_FOREVER}"
# The cache has passed once: from now on .ci/run runs the in-tree checks (a build that never
# passed would only fail every CI run).
touch .rtm-built
