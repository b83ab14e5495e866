# SPDX-License-Identifier: GPL-2.0-only
# The file lists of the rtm module, by layer. Read by CMakeLists.txt (in an ns-3 tree and out of
# tree) and by wscript (ns-3 <= 3.35), which expands ${name} references the same way.
#
# Three libraries (see doc/rtm.rst, "Libraries"):
#  - rtm          the RTM and the clients that need nothing but ns-3's core, network, internet;
#  - rtm-tables   routing table files (RouteViews dumps, gzipped or not): adds zlib;
#  - rtm-network  the link-state client over Boost.Graph, the multicast feeder and the topology
#                 tools (topology-read, point-to-point, csma, applications, MPI when present).

# ---------------------------------------------------------------------------------- rtm
# model/core: table template, slabs, handles, registration, instance, router manager.
set(rtm_core_sources
    model/core/rtm-status.cc
    model/core/rtm-net-address.cc
    model/core/rtm-types.cc
    model/core/rtm-table-ipv4.cc
    model/core/rtm-table-ipv6.cc
    model/core/rtm-instance.cc
    model/core/rtm-registration.cc
    model/core/rtm-router.cc
    model/core/rtm-client-base.cc
)
set(rtm_core_headers
    model/core/rtm-ns3-compat.h
    model/core/rtm-status.h
    model/core/rtm-net-address.h
    model/core/rtm-handle.h
    model/core/rtm-types.h
    model/core/rtm-family.h
    model/core/rtm-slab.h
    model/core/rtm-hop-list.h
    model/core/rtm-index-vector.h
    model/core/rtm-prefix-index.h
    model/core/rtm-table.h
    model/core/rtm-registration.h
    model/core/rtm-instance.h
    model/core/rtm-router.h
    model/core/rtm-client-base.h
)
# model/fib: the poptrie FIB of a view.
set(rtm_fib_sources model/fib/rtm-fib.cc)
set(rtm_fib_headers model/fib/rtm-fib.h)
# model/forwarding: the IPv4 and IPv6 routing protocols ns-3 calls per packet.
set(rtm_forwarding_sources
    model/forwarding/rtm-forwarding-plane.cc
    model/forwarding/rtm-ipv6-routing.cc
)
set(rtm_forwarding_headers
    model/forwarding/rtm-forwarding.h
    model/forwarding/rtm-forwarding-traits.h
    model/forwarding/rtm-forwarding-plane.h
    model/forwarding/rtm-ipv4-routing.h
    model/forwarding/rtm-ipv6-routing.h
)
# Clients that need only the core: connected routes, static routes, RIP.
set(rtm_clients_sources
    model/local/rtm-local-client.cc
    model/static/rtm-static-client.cc
    model/rip/rtm-rip-base.cc
    model/rip/rtm-rip-auth.cc
    model/rip/rtm-rip-header.cc
    model/rip/rtm-rip-client.cc
    model/rip/rtm-ripng-header.cc
    model/rip/rtm-ripng-client.cc
    model/bgp/rtm-bgp-error.cc
    model/bgp/rtm-bgp-as-path.cc
    model/bgp/rtm-bgp-attributes.cc
    model/bgp/rtm-bgp-header.cc
    model/bgp/rtm-bgp-open.cc
    model/bgp/rtm-bgp-notification.cc
    model/bgp/rtm-bgp-update.cc
    model/bgp/rtm-bgp-session.cc
    model/bgp/rtm-bgp-policy.cc
    model/bgp/rtm-bgp-decision.cc
    model/bgp/rtm-bgp-speaker.cc
)
set(rtm_clients_headers
    model/local/rtm-local-client.h
    model/static/rtm-static-client.h
    model/rip/rtm-rip-base.h
    model/rip/rtm-rip-auth.h
    model/rip/rtm-rip-header.h
    model/rip/rtm-rip-client.h
    model/rip/rtm-ripng-header.h
    model/rip/rtm-ripng-client.h
    model/bgp/rtm-bgp-buffer.h
    model/bgp/rtm-bgp-error.h
    model/bgp/rtm-bgp-as-path.h
    model/bgp/rtm-bgp-attributes.h
    model/bgp/rtm-bgp-header.h
    model/bgp/rtm-bgp-open.h
    model/bgp/rtm-bgp-notification.h
    model/bgp/rtm-bgp-update.h
    model/bgp/rtm-bgp-session.h
    model/bgp/rtm-bgp-policy.h
    model/bgp/rtm-bgp-decision.h
    model/bgp/rtm-bgp-speaker.h
)
# helper: installing the RTM (InternetStackHelper routing helpers) and its clients.
set(rtm_helper_sources
    helper/rtm-helper.cc
    helper/rtm-ipv6-helper.cc
    helper/rtm-static-routing-helper.cc
    helper/rtm-rip-helper.cc
    helper/rtm-bgp-helper.cc
)
set(rtm_helper_headers
    helper/rtm-helper.h
    helper/rtm-ipv6-helper.h
    helper/rtm-static-routing-helper.h
    helper/rtm-rip-helper.h
    helper/rtm-bgp-helper.h
)
set(rtm_sources ${rtm_core_sources} ${rtm_fib_sources} ${rtm_forwarding_sources}
    ${rtm_clients_sources} ${rtm_helper_sources})
set(rtm_headers ${rtm_core_headers} ${rtm_fib_headers} ${rtm_forwarding_headers}
    ${rtm_clients_headers} ${rtm_helper_headers})

# --------------------------------------------------------------------------- rtm-tables
set(rtm_tables_sources
    helper/tables/rtm-table-file.cc
    helper/tables/rtm-table-loader.cc
)
set(rtm_tables_headers
    helper/tables/rtm-table-file.h
    helper/tables/rtm-table-loader.h
)

# -------------------------------------------------------------------------- rtm-network
# model/graph (link-state client, network graph), model/mcast (multicast feeder),
# helper/topology (topology builder, path oracle and validator, their helpers), model/ospf (the
# OSPFv2 client: its SPF runs over Boost.Graph) with its helpers.
set(rtm_network_sources
    model/graph/rtm-network-graph.cc
    model/graph/rtm-graph-client.cc
    model/mcast/rtm-mcast-feeder.cc
    helper/topology/rtm-graph-routing-helper.cc
    helper/topology/rtm-mcast-feeder-helper.cc
    helper/topology/rtm-topology-helper.cc
    helper/topology/rtm-path-oracle.cc
    helper/topology/rtm-path-validator.cc
    helper/topology/rtm-mpi-helper.cc
    helper/rtm-bgp-internet.cc
    helper/rtm-bgp-topology.cc
    model/ospf/rtm-ospf-types.cc
    model/ospf/rtm-ospf-lsa.cc
    model/ospf/rtm-ospf-header.cc
    model/ospf/rtm-ospf-packets.cc
    model/ospf/rtm-ospf-auth.cc
    model/ospf/rtm-ospf-lsdb.cc
    model/ospf/rtm-ospf-spf.cc
    model/ospf/rtm-ospf-routing.cc
    model/ospf/rtm-ospf-neighbor.cc
    model/ospf/rtm-ospf-interface.cc
    model/ospf/rtm-ospf-client.cc
    model/ospf/rtm-ospf-io.cc
    model/ospf/rtm-ospf-flooding.cc
    model/ospf/rtm-ospf-originate.cc
    model/ospf/rtm-ospf-routes.cc
    helper/rtm-ospf-helper.cc
    helper/rtm-ospf-topology-helper.cc
)
set(rtm_network_headers
    model/graph/rtm-ip-stack.h
    model/graph/rtm-network-graph.h
    model/graph/rtm-graph-client.h
    model/mcast/rtm-mcast-feeder.h
    helper/topology/rtm-graph-routing-helper.h
    helper/topology/rtm-mcast-feeder-helper.h
    helper/topology/rtm-topology-helper.h
    helper/topology/rtm-path-oracle.h
    helper/topology/rtm-path-validator.h
    helper/topology/rtm-mpi-helper.h
    helper/rtm-bgp-internet.h
    helper/rtm-bgp-topology.h
    model/ospf/rtm-ospf-types.h
    model/ospf/rtm-ospf-lsa.h
    model/ospf/rtm-ospf-header.h
    model/ospf/rtm-ospf-packets.h
    model/ospf/rtm-ospf-auth.h
    model/ospf/rtm-ospf-lsdb.h
    model/ospf/rtm-ospf-spf.h
    model/ospf/rtm-ospf-routing.h
    model/ospf/rtm-ospf-area.h
    model/ospf/rtm-ospf-neighbor.h
    model/ospf/rtm-ospf-interface.h
    model/ospf/rtm-ospf-client.h
    helper/rtm-ospf-helper.h
    helper/rtm-ospf-topology-helper.h
)

# -------------------------------------------------------------------------------- tests
# GoogleTest sources, by area. Out of tree they form the rtm-gtest executable (CTest); in an
# ns-3 tree they form the rtm test library, where test/rtm-test-suite.cc registers one ns-3
# TestSuite "rtm-<area>" per area below, running that area's cases, with the duration given in
# rtm_test_areas (QUICK: seconds; EXTENSIVE: a minute or so; TAKES_FOREVER: longer).
# A new test file goes into one area (the suite "rtm-areas" fails on a case in none).
# Measured with CTest here (2 cores shared with other builds, so slower than usual): table
# (AtMost65535Clients alone 215 s) and fib (randomized against a naive reference, 50 s) are
# EXTENSIVE; the differential test (10^6 operations per family, 650 s) TAKES_FOREVER; the full
# RouteViews table (60 s) EXTENSIVE; every other area runs in seconds. bgp (real TCP sessions,
# three Topology Zoo graphs all-eBGP: 25 s in one process) is EXTENSIVE; its full-table chain
# (67 s, 1.3 GB) is a DISABLED_ case that CTest runs as bgp-full-table-chain (label long).
set(rtm_test_areas
    table:EXTENSIVE
    fib:EXTENSIVE
    notify:QUICK
    differential:TAKES_FOREVER
    forwarding:QUICK
    rip:QUICK
    clients:QUICK
    graph:QUICK
    mcast:QUICK
    topology:QUICK
    tables:EXTENSIVE
    bgp:EXTENSIVE
    ospf:QUICK
)
set(rtm_test_table
    test/rtm-net-address-test.cc
    test/rtm-registration-test.cc
    test/rtm-nexthop-test.cc
    test/rtm-route-test.cc
    test/rtm-query-test.cc
    test/rtm-enum-test.cc
    test/rtm-list-method-test.cc
    test/rtm-nexthop-state-test.cc
    test/rtm-error-test.cc
    test/rtm-hold-expiry-test.cc
    test/rtm-prefix-index-test.cc
    test/rtm-index-vector-test.cc
)
set(rtm_test_fib test/rtm-fib-test.cc)
set(rtm_test_notify
    test/rtm-notify-test.cc
    test/rtm-notify-stream-test.cc
)
set(rtm_test_differential test/rtm-differential-test.cc)
set(rtm_test_forwarding
    test/rtm-ipv4-forwarding-test.cc
    test/rtm-ipv6-forwarding-test.cc
    test/rtm-multicast-test.cc
    test/rtm-virtual-router-test.cc
    test/rtm-list-routing-test.cc
    test/rtm-bad-input-test.cc
)
set(rtm_test_rip
    test/rtm-rip-header-test.cc
    test/rtm-rip-test.cc
    test/rtm-rip-interop-test.cc
    test/rtm-rip-input-test.cc
    test/rtm-ripng-header-test.cc
    test/rtm-ripng-test.cc
)
set(rtm_test_clients test/rtm-multi-client-test.cc test/rtm-adversarial-test.cc)
set(rtm_test_graph test/rtm-graph-client-test.cc)
set(rtm_test_mcast test/rtm-mcast-feeder-test.cc)
set(rtm_test_topology
    test/rtm-topology-test.cc
    test/rtm-mpi-test.cc
)
set(rtm_test_tables
    test/rtm-table-file-test.cc
    test/rtm-real-table-test.cc
)
set(rtm_test_bgp
    test/rtm-bgp-wire-test.cc
    test/rtm-bgp-session-test.cc
    test/rtm-bgp-decision-test.cc
    test/rtm-bgp-policy-test.cc
    test/rtm-bgp-routes-test.cc
    test/rtm-bgp-real-table-test.cc
    test/rtm-bgp-topology-test.cc
)
set(rtm_test_ospf
    test/rtm-ospf-packet-test.cc
    test/rtm-ospf-wire-test.cc
    test/rtm-ospf-adjacency-test.cc
    test/rtm-ospf-redistribution-test.cc
    test/rtm-ospf-area-test.cc
    test/rtm-ospf-topology-test.cc
)
# Shared by the tests (not tests themselves).
set(rtm_test_support test/rtm-reference-model.cc)
set(rtm_gtest_sources ${rtm_test_support} ${rtm_test_table} ${rtm_test_fib} ${rtm_test_notify}
    ${rtm_test_differential} ${rtm_test_forwarding} ${rtm_test_rip} ${rtm_test_clients}
    ${rtm_test_graph} ${rtm_test_mcast} ${rtm_test_topology} ${rtm_test_tables}
    ${rtm_test_bgp} ${rtm_test_ospf})
