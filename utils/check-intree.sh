#!/bin/sh
# Build rtm the in-tree way: inside ns-3's own source tree (Debian's ns3 3.37 source package,
# fetched with apt-get only), as contrib/rtm, then run ./test.py -s rtm.
# The ns-3 tree and its build are cached outside the clone (RTM_INTREE_CACHE, default
# ~/.cache/rtm-intree), so a second run only rebuilds rtm.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${RTM_INTREE_CACHE:-$HOME/.cache/rtm-intree}
DATA=${RTM_SHARED_DATA:-$HERE/../shared/data}
JOBS=${JOBS:-2}
NS3="$CACHE/ns-3.37"
mkdir -p "$CACHE"

if [ ! -x "$NS3/ns3" ]; then
    echo "check-intree: fetching ns-3 3.37 source (Debian source package ns3)"
    tmp=$(mktemp -d)
    mkdir -p "$tmp/lists/partial"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$tmp/src.sources"
    o="-o Dir::Etc::sourcelist=$tmp/src.sources -o Dir::Etc::sourceparts=- -o Dir::State::Lists=$tmp/lists"
    # shellcheck disable=SC2086
    apt-get $o update -qq
    # shellcheck disable=SC2086
    (cd "$tmp" && apt-get $o source --download-only ns3)
    tar xjf "$tmp"/ns3_3.37.orig.tar.bz2 -C "$tmp"
    rm -rf "$NS3"
    mv "$tmp"/ns-allinone-3.37/ns-3.37 "$NS3"
    rm -rf "$tmp"
fi

# Drop the module in as contrib/rtm (without build outputs or git metadata).
rm -rf "$NS3/contrib/rtm"
mkdir -p "$NS3/contrib/rtm"
(cd "$HERE" && tar cf - --exclude=./build --exclude='./build-*' --exclude=./.git .) |
    (cd "$NS3/contrib/rtm" && tar xf -)

cd "$NS3"
./ns3 configure -d release \
    --enable-modules "core;network;internet;point-to-point;csma;applications;topology-read;rtm" \
    --enable-examples --enable-tests -- -DRTM_SHARED_DATA="$DATA"
# (./ns3 build -j N runs ninja with one job in 3.37 whatever N is: build through CMake directly.)
cmake --build cmake-cache -j "$JOBS"
./test.py --no-build -s rtm
