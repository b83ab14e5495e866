#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install everything rtm needs on Debian 12, with apt-get only. A no-op when all is present.
set -eu
PKGS="libns3-dev ns3 libgsl-dev libsqlite3-dev libxml2-dev libboost-graph-dev libgtest-dev \
libgmock-dev libbenchmark-dev zlib1g-dev nettle-dev gnuplot-nox cmake g++ make libopenmpi-dev \
openmpi-bin python3-sphinx ninja-build xz-utils clang libclang-rt-dev ccache libdpdk-dev pkg-config \
bird2 iproute2 iputils-ping python3"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
# bird2 is for the interop harness, which starts its own BIRD in a network namespace: the
# package's system service (if a systemd runs here) must not route the host.
case " $missing " in
*" bird2 "*)
    if [ -d /run/systemd/system ]; then
        $SUDO systemctl disable --now bird.service >/dev/null 2>&1 || true
    fi
    ;;
esac
