# SPDX-License-Identifier: GPL-2.0-only
# Sourced by utils/check-intree.sh, check-waf.sh and check-mpi.sh: the ns-3 source trees those
# checks build rtm in, unpacked from the release tarballs beside the checkout
# (../shared/ns-3/ns-3.X.tar.xz, sha256 checked) into a cache outside the clone
# (RTM_NS3_CACHE, default ~/.cache/rtm-ns3/ns-3.X), with contrib/rtm a symbolic link to the
# checkout that runs the check. The ns-3 build stays in the cache, so a second run rebuilds rtm
# only.
HERE=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${RTM_NS3_CACHE:-$HOME/.cache/rtm-ns3}
SOURCES=${RTM_NS3_SOURCES:-$HERE/../shared/ns-3}
RTM_SHARED_DATA=${RTM_SHARED_DATA:-$(cd "$HERE/../shared/data" 2>/dev/null && pwd || true)}
export RTM_SHARED_DATA
JOBS=${JOBS:-2}

# ns3_tree VERSION: sets NS3 to the unpacked tree of ns-3.VERSION (unpacking it if needed) and
# links contrib/rtm to this checkout.
ns3_tree() {
    NS3="$CACHE/ns-$1"
    if [ ! -f "$NS3/.rtm-unpacked" ]; then
        tarball="$SOURCES/ns-$1.tar.xz"
        [ -f "$tarball" ] || { echo "$(basename "$0"): no $tarball" >&2; exit 1; }
        echo "$(basename "$0"): unpacking $tarball into $NS3"
        (cd "$SOURCES" && sha256sum -c "ns-$1.tar.xz.sha256" >/dev/null) ||
            { echo "$(basename "$0"): sha256 mismatch for $tarball" >&2; exit 1; }
        mkdir -p "$CACHE"
        rm -rf "$NS3"
        tar xJf "$tarball" -C "$CACHE"
        touch "$NS3/.rtm-unpacked"
    fi
    ln -sfn "$HERE" "$NS3/contrib/rtm"
}

# ns3_lock: one check at a time per cache (they share the ns-3 build).
ns3_lock() {
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lock"
    flock 9
}

# ns3_build_48 [TARGET...]: configures (when never configured, or configured otherwise) and builds
# the ns-3.48 tree: release modules rtm needs, MPI, FdNetDevice, nix-vector routing (for
# rtm-sim-bench), examples and tests of rtm only. With targets, builds only those.
ns3_build_48() {
    options="-G Ninja -d default --enable-mpi --enable-examples --enable-tests
 --filter-module-examples-and-tests rtm;rtm-tables;rtm-network
 --enable-modules core;network;internet;point-to-point;csma;applications;topology-read;mpi;stats;fd-net-device;nix-vector-routing;rtm"
    if [ ! -f "$NS3/cmake-cache/CMakeCache.txt" ] ||
        [ "$(cat "$NS3/.rtm-options" 2>/dev/null)" != "$options" ]; then
        # shellcheck disable=SC2086
        (cd "$NS3" && ./ns3 configure $options -- -DRTM_SHARED_DATA="$RTM_SHARED_DATA")
        echo "$options" >"$NS3/.rtm-options"
    fi
    # (./ns3 build -j N may run ninja with one job: build through CMake directly.)
    if [ $# -gt 0 ]; then
        cmake --build "$NS3/cmake-cache" -j "$JOBS" --target "$@"
    else
        cmake --build "$NS3/cmake-cache" -j "$JOBS"
    fi
    # (check-intree marks the tree .rtm-built once its tests pass: .ci/run runs the in-tree
    # checks only where that mark exists.)
}
