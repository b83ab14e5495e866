#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make check-mpi: the RtmMpiScenario (rtm-topology --mpi) on ns-3.48's MPI engine, on one rank
# and on two (mpirun -np 2), with both synchronisation engines (DistributedSimulatorImpl and
# NullMessageSimulatorImpl); utils/check-mpi.py checks that every run gives the same packets
# delivered and dropped, the same paths for the sampled pairs and the same RIP convergence time.
# Topologies: Kdl (Topology Zoo, 754 routers) always; RTM_MPI_TOPOLOGIES adds more
# ("Kdl Inet": Inet_toposample, 3,037 routers). Uses the ns-3.48 tree of make check-intree
# (built if needed); wall times are printed per run.
set -eu
. "$(dirname "$0")/ns3-tree.sh"
ns3_lock
ns3_tree 3.48
ns3_build_48
BIN=$(ls "$NS3"/build/contrib/rtm/examples/ns3.48-rtm-topology* | head -1)
OUT=${RTM_MPI_OUT:-$CACHE/mpi-results}
mkdir -p "$OUT"
MPIRUN="mpirun --allow-run-as-root --oversubscribe"
status=0
for topo in ${RTM_MPI_TOPOLOGIES:-Kdl}; do
    case $topo in
    Inet) arg="--inet=$RTM_SHARED_DATA/topologies/ns3-samples/Inet_toposample.txt" ;;
    *) arg="--graphml=$RTM_SHARED_DATA/topologies/topology-zoo/$topo.graphml" ;;
    esac
    runs=""
    for engine in distributed null; do
        flag=""
        [ $engine = null ] && flag="--nullMessages=true"
        for np in 1 2; do
            prefix="$OUT/$topo-$engine-$np"
            rm -f "$prefix".rank*
            t0=$(date +%s%N)
            # shellcheck disable=SC2086
            $MPIRUN -np $np "$BIN" $arg --mpi $flag --mpiOut="$prefix" >"$prefix.log" 2>&1 ||
                { echo "check-mpi: $topo $engine np=$np failed:"; tail -20 "$prefix.log"; status=1; }
            t1=$(date +%s%N)
            echo "check-mpi: $topo engine=$engine ranks=$np wall_ms=$(((t1 - t0) / 1000000))"
            runs="$runs $prefix@$np"
        done
    done
    # shellcheck disable=SC2086
    python3 "$(dirname "$0")/check-mpi.py" $runs || status=1
done
exit $status
