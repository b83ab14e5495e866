#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench-sim-intree: issue 14's whole simulations on the installed ns-3 (Debian's 3.37; the
# out-of-tree rtm-sim-bench given as the first argument) and on ns-3.48 (rtm-sim-bench built in
# the ns-3.48 tree of check-intree, see ns3-tree.sh: only that target, the tree locked while it
# builds), run side by side by bench-sim-versions.py; the other arguments go to it.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 OUT-OF-TREE-RTM-SIM-BENCH [bench-sim-versions.py options]" >&2; exit 2; }
oot=$1
shift
. "$(dirname "$0")/ns3-tree.sh"
(
    ns3_lock
    ns3_tree 3.48
    ns3_build_48 rtm-sim-bench
)
installed=$(dpkg-query -W -f='${Version}' libns3-dev 2>/dev/null | sed 's/[-+~].*//')
exec "$HERE/utils/bench-sim-versions.py" --program "${installed:-installed}=$oot" \
    --program "3.48=$CACHE/ns-3.48/build/contrib/rtm/utils/rtm-sim-bench" "$@"
