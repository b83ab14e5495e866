#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make check-waf: rtm as contrib/rtm of ns-3.35 (the last release built with waf), through the
# module's wscript: ./waf configure (g++ 12 needs --disable-werror for ns-3.35's own code), build,
# then ./test.py (ns-3.35 spells its no-build option --nowaf) runs every rtm suite (every
# fullness; RTM_TEST_FULLNESS to restrict). ns-3's examples stay off (waf has no per-module
# switch; they would double the build). See utils/ns3-tree.sh for the cache.
set -eu
. "$(dirname "$0")/ns3-tree.sh"
ns3_lock
ns3_tree 3.35
cd "$NS3"
options="-d release --disable-werror --disable-python --disable-examples --enable-tests
 --enable-modules=core,network,internet,point-to-point,csma,applications,topology-read,rtm"
if [ ! -f build/c4che/_cache.py ] || [ "$(cat .rtm-options 2>/dev/null)" != "$options" ]; then
    # shellcheck disable=SC2086
    python3 ./waf configure $options
    echo "$options" >.rtm-options
fi
python3 ./waf build -j "$JOBS"
suites=$(python3 ./test.py --nowaf --list 2>/dev/null | grep -o 'rtm-[a-z-]*' | sort -u)
[ -n "$suites" ] || { echo "check-waf: no rtm test suite registered" >&2; exit 1; }
status=0
for s in $suites; do
    python3 ./test.py --nowaf --fullness="${RTM_TEST_FULLNESS:-TAKES_FOREVER}" -s "$s" || status=1
done
# Once the suites have passed, .ci/run runs this check (a tree that never passed would only fail
# every CI run).
[ $status = 0 ] && touch .rtm-built
exit $status
