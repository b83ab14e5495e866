/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: topology tools: GraphML (Topology Zoo), Inet, Orbis and Rocketfuel loading with the node
 * and edge counts of shared/data/README.md, the ns-3 networks built from them (multi-edges,
 * self-loops, isolated routers, addresses, metrics) in IPv4, IPv6 and dual stack, Graphviz
 * output, the path oracle and the path validator in both families (which must catch wrong
 * paths, loops, gateways off the link and missing routes).
 */
#include "rtm-graph-test-util.h"

#include "ns3/rtm-path-oracle.h"
#include "ns3/rtm-path-validator.h"
#include "ns3/rtm-static-routing-helper.h"
#include "ns3/string.h"

#include <boost/graph/connected_components.hpp>
#include <cstdio>

using namespace ns3;
using namespace rtmgraph;

namespace
{

/// \return the Topology Zoo file \p name
std::string
Zoo(const std::string& name)
{
    return DataDir() + "/topologies/topology-zoo/" + name + ".graphml";
}

/// \return the ns-3 sample \p name
std::string
Sample(const std::string& name)
{
    return DataDir() + "/topologies/ns3-samples/" + name;
}

/// \return the number of connected components of \p g
uint32_t
Components(const RtmTopologyGraph& g)
{
    std::vector<int> comp(boost::num_vertices(g));
    return boost::connected_components(g, comp.data());
}

/// Write \p text to a temporary file; \return its path
std::string
TempFile(const std::string& text)
{
    char name[] = "/tmp/rtm-topology-test-XXXXXX";
    int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    FILE* f = fdopen(fd, "w");
    fputs(text.c_str(), f);
    fclose(f);
    return name;
}

/// A small GraphML file: 5 nodes (4 has no link), a double edge 0-1, a self-loop on 2.
const char* kSmallGraphml = R"(<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="d1" />
  <key attr.name="Latitude" attr.type="double" for="node" id="d2" />
  <key attr.name="Longitude" attr.type="double" for="node" id="d3" />
  <key attr.name="id" attr.type="int" for="node" id="d4" />
  <key attr.name="LinkLabel" attr.type="string" for="edge" id="d5" />
  <graph edgedefault="undirected">
    <node id="0"><data key="d1">Paris</data><data key="d2">48.8566</data><data key="d3">2.3522</data><data key="d4">10</data></node>
    <node id="1"><data key="d1">Berlin</data><data key="d2">52.52</data><data key="d3">13.405</data><data key="d4">11</data></node>
    <node id="2"><data key="d1">Nowhere</data><data key="d4">12</data></node>
    <node id="3"><data key="d1">Rome</data><data key="d2">41.9028</data><data key="d3">12.4964</data><data key="d4">13</data></node>
    <node id="4"><data key="d1">Alone</data><data key="d4">14</data></node>
    <edge source="0" target="1"><data key="d5">a</data></edge>
    <edge source="0" target="1"><data key="d5">b</data></edge>
    <edge source="1" target="2" />
    <edge source="2" target="2" />
    <edge source="1" target="3" />
  </graph>
</graphml>
)";

} // namespace

TEST(RtmTopology, TopologyZooCountsMatchTheReadme)
{
    const std::vector<std::tuple<std::string, uint32_t, uint32_t>> files{
        {"Abilene", 11, 14},
        {"Internet2", 20, 26},
        {"AttMpls", 25, 57},
        {"Geant2012", 40, 61},
        {"Colt", 153, 191},
        {"Cogentco", 197, 245},
        {"DialtelecomCz", 193, 151},
        {"Kdl", 754, 899},
    };
    for (const auto& f : files)
    {
        std::string path = Zoo(std::get<0>(f));
        if (!Readable(path))
        {
            GTEST_SKIP() << "shared data absent: " << path;
        }
        RtmTopologyGraph g;
        std::string error;
        ASSERT_TRUE(RtmTopologyHelper::ReadGraphml(path, g, error)) << error;
        EXPECT_EQ(boost::num_vertices(g), std::get<1>(f)) << path;
        EXPECT_EQ(boost::num_edges(g), std::get<2>(f)) << path;
        // Router ids are the file's node ids.
        EXPECT_EQ(g[0].id, "0");
        EXPECT_EQ(g[boost::num_vertices(g) - 1].id, std::to_string(std::get<1>(f) - 1));
        if (std::get<0>(f) == "DialtelecomCz")
        {
            EXPECT_EQ(boost::out_degree(0, g), 0u);
            EXPECT_GT(Components(g), 1u);
        }
        else if (std::get<0>(f) == "Abilene")
        {
            EXPECT_FALSE(g[0].label.empty());
            EXPECT_TRUE(std::isfinite(g[0].latitude));
        }
    }
}

TEST(RtmTopology, GraphmlDistanceWeights)
{
    std::string path = TempFile(kSmallGraphml);
    RtmTopologyGraph g;
    std::string error;
    ASSERT_TRUE(RtmTopologyHelper::ReadGraphml(path, g, error, RtmTopologyHelper::WEIGHTS_DISTANCE))
        << error;
    EXPECT_EQ(g[0].id, "10");
    EXPECT_EQ(g[0].label, "Paris");
    auto e01 = boost::edge(0, 1, g);
    ASSERT_TRUE(e01.second);
    // Paris - Berlin: about 878 km.
    EXPECT_NEAR(g[e01.first].weight, 878, 5);
    // No coordinates on node 2: weight 1.
    EXPECT_EQ(g[boost::edge(1, 2, g).first].weight, 1u);
    EXPECT_NEAR(RtmTopologyHelper::DistanceKm(0, 0, 0, 180), 20015, 1);
    std::remove(path.c_str());
    RtmTopologyGraph bad;
    EXPECT_FALSE(RtmTopologyHelper::ReadGraphml("/nonexistent.graphml", bad, error));
    EXPECT_FALSE(error.empty());
}

TEST(RtmTopology, BuildsMultiEdgesSelfLoopsAndIsolatedRouters)
{
    Fresh();
    std::string path = TempFile(kSmallGraphml);
    RtmTopologyHelper helper;
    RtmTopology t;
    std::string error;
    ASSERT_TRUE(helper.Create("graphml", path, t, error)) << error;
    std::remove(path.c_str());
    EXPECT_EQ(t.nodes.GetN(), 5u);
    EXPECT_EQ(t.links.size(), 4u); // the self-loop makes no link
    EXPECT_EQ(t.selfLoops, 1u);
    // Two links between 0 and 1, each its own /30, in edge order.
    EXPECT_EQ(t.links[0].addrA, Ipv4Address("10.0.0.1"));
    EXPECT_EQ(t.links[0].addrB, Ipv4Address("10.0.0.2"));
    EXPECT_EQ(t.links[1].addrA, Ipv4Address("10.0.0.5"));
    EXPECT_EQ(t.links[0].a, 0u);
    EXPECT_EQ(t.links[1].b, 1u);
    Ptr<Ipv4> ipv4 = t.nodes.Get(0)->GetObject<Ipv4>();
    EXPECT_EQ(ipv4->GetNInterfaces(), 3u); // loopback + 2 links
    EXPECT_EQ(ipv4->GetAddress(0, 1).GetLocal(), Ipv4Address("172.16.0.1"));
    // The isolated router has only its loopback, with its router address.
    Ptr<Ipv4> lone = t.nodes.Get(4)->GetObject<Ipv4>();
    EXPECT_EQ(lone->GetNInterfaces(), 1u);
    EXPECT_EQ(t.routerAddress[4], Ipv4Address("172.16.0.5"));
    EXPECT_EQ(t.RouterId(4), "14");
    EXPECT_EQ(t.VertexOfNode(t.nodes.Get(3)->GetId()), 3);
    // Graphviz (Boost write_graphviz_dp) names the routers by their ids.
    std::ostringstream dot;
    t.WriteGraphviz(dot);
    EXPECT_NE(dot.str().find("graph G {"), std::string::npos);
    EXPECT_NE(dot.str().find("14"), std::string::npos);
    EXPECT_NE(dot.str().find("Berlin"), std::string::npos);

    Simulator::Destroy();
}

TEST(RtmTopology, BuildsEveryFamilyAndRoutesTheSamePaths)
{
    for (auto families : {RtmTopologyHelper::FAMILY_IPV4,
                          RtmTopologyHelper::FAMILY_IPV6,
                          RtmTopologyHelper::FAMILY_DUAL})
    {
        Fresh();
        std::string path = TempFile(kSmallGraphml);
        RtmTopologyHelper helper;
        helper.SetFamilies(families);
        EXPECT_EQ(helper.GetFamilies(), families);
        RtmTopology t;
        std::string error;
        ASSERT_TRUE(helper.Create("graphml", path, t, error)) << error;
        std::remove(path.c_str());
        const bool v4 = (families & RtmTopologyHelper::FAMILY_IPV4) != 0;
        const bool v6 = (families & RtmTopologyHelper::FAMILY_IPV6) != 0;
        EXPECT_EQ(t.links.size(), 4u);
        EXPECT_EQ(t.nodes.Get(0)->GetObject<Ipv4>() != nullptr, v4);
        EXPECT_EQ(t.nodes.Get(0)->GetObject<Ipv6>() != nullptr, v6);
        EXPECT_EQ(t.RouterAddress(RTM_AF_INET, 0).addressFamily, v4 ? RTM_AF_INET : 0);
        EXPECT_EQ(t.links[0].addrA, v4 ? Ipv4Address("10.0.0.1") : Ipv4Address::GetAny());
        EXPECT_EQ(t.RouterAddress(RTM_AF_INET6, 0).addressFamily, v6 ? RTM_AF_INET6 : 0);
        if (v6)
        {
            // IPv6: link k is fd00:10:0:k::/64 with ends ::1 and ::2, in edge order.
            EXPECT_EQ(t.links[0].addr6A, Ipv6Address("fd00:10::1"));
            EXPECT_EQ(t.links[0].addr6B, Ipv6Address("fd00:10::2"));
            EXPECT_EQ(t.links[1].addr6A, Ipv6Address("fd00:10:0:1::1"));
            EXPECT_EQ(t.links[3].Address(RTM_AF_INET6, false).ToString(), "fd00:10:0:3::2/128");
            EXPECT_EQ(t.routerAddress6[4], Ipv6Address("fd00:172:16::5"));
            EXPECT_EQ(t.RouterAddress(RTM_AF_INET6, 0).ToString(), "fd00:172:16::1/128");
            Ptr<Ipv6> ip = t.nodes.Get(0)->GetObject<Ipv6>();
            EXPECT_EQ(ip->GetNInterfaces(), 3u); // loopback + 2 links
            uint32_t i = t.links[0].if6A;
            EXPECT_EQ(ip->GetNetDevice(i), t.links[0].devA);
            EXPECT_TRUE(ip->IsUp(i));
            EXPECT_TRUE(ip->IsForwarding(i));
            EXPECT_EQ(ip->GetMetric(i), 1u);
            EXPECT_EQ(ip->GetNAddresses(i), 2u); // link-local + global
            // The isolated router has only its loopback: ::1 and its router address.
            Ptr<Ipv6> lone = t.nodes.Get(4)->GetObject<Ipv6>();
            EXPECT_EQ(lone->GetNInterfaces(), 1u);
            EXPECT_EQ(lone->GetNAddresses(0), 2u);
        }

        // Graph client + validation in every family: 5 routers, 20 ordered pairs, node 4
        // unreachable both ways, the same shortest paths in both families.
        std::vector<std::string> paths;
        for (uint16_t f : {RTM_AF_INET, RTM_AF_INET6})
        {
            if ((f == RTM_AF_INET && !v4) || (f == RTM_AF_INET6 && !v6))
            {
                continue;
            }
            RtmGraphRoutingHelper graph;
            graph.SetDomainAttribute("Family", StringValue(f == RTM_AF_INET6 ? "Ipv6" : "Ipv4"));
            graph.Install(t.nodes);
            RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, f);
            std::ostringstream os;
            RtmPathValidator::Summary s = v.ValidateAll(&os);
            EXPECT_EQ(s.pairs, 20u);
            EXPECT_EQ(s.unreachable, 8u);
            EXPECT_EQ(s.mismatches, 0u) << (s.examples.empty() ? "" : s.examples.front());
            EXPECT_NE(os.str().find("10 14 none\n"), std::string::npos);
            EXPECT_NE(os.str().find("10 13 2 2 10 11 13\n"), std::string::npos);
            paths.push_back(os.str());
        }
        ASSERT_EQ(paths.size(), v4 && v6 ? 2u : 1u);
        EXPECT_EQ(paths.front(), paths.back());
        Simulator::Destroy();
    }
}

TEST(RtmTopology, Ns3ReadersKeepFileIdsAndWeights)
{
    if (!Readable(Sample("Inet_toposample.txt")))
    {
        GTEST_SKIP() << "shared data absent";
    }

    struct Case
    {
        std::string format;
        std::string file;
        uint32_t nodes;
        uint32_t edges;
    };

    const std::vector<Case> cases{
        {"inet", "Inet_toposample.txt", 3037, 4788},
        // The README's "956 nodes" is the file's first line, which ns-3's Orbis reader takes
        // for a link like every other line: 1423 routers, 2768 links + that one.
        {"orbis", "Orbis_toposample.txt", 1423, 2769},
        {"rocketfuel", "RocketFuel_toposample_1239_weights.txt", 315, 972},
        {"inet", "Inet_small_toposample.txt", 10, 9},
    };
    for (const auto& c : cases)
    {
        Fresh();
        RtmTopologyHelper helper;
        RtmTopology t;
        std::string error;
        ASSERT_TRUE(helper.Read(c.format, Sample(c.file), t, error)) << error;
        EXPECT_EQ(boost::num_vertices(t.graph), c.nodes) << c.file;
        EXPECT_EQ(boost::num_edges(t.graph), c.edges) << c.file;
        EXPECT_EQ(t.nodes.GetN(), c.nodes);
        if (c.file == "Inet_small_toposample.txt")
        {
            // First link of the file: 0 1 1973.
            auto e = *boost::edges(t.graph).first;
            EXPECT_EQ(t.RouterId(boost::source(e, t.graph)), "0");
            EXPECT_EQ(t.RouterId(boost::target(e, t.graph)), "1");
            EXPECT_EQ(t.graph[e].weight, 1973u);
        }
        if (c.format == "rocketfuel")
        {
            // First line: San+Jose,+CA4062 Anaheim,+CA4101 2.5 -> 25 (tenths).
            EXPECT_EQ(t.weightScale, 10);
            EXPECT_EQ(t.RouterId(0), "San+Jose,+CA4062");
            bool found = false;
            auto range = boost::out_edges(0, t.graph);
            for (auto it = range.first; it != range.second; ++it)
            {
                if (t.RouterId(boost::target(*it, t.graph)) == "Anaheim,+CA4101")
                {
                    EXPECT_EQ(t.graph[*it].weight, 25u);
                    found = true;
                }
            }
            EXPECT_TRUE(found);
            EXPECT_EQ(Components(t.graph), 1u);
        }
        Simulator::Destroy();
    }
    RtmTopologyHelper helper;
    RtmTopology t;
    std::string error;
    EXPECT_FALSE(helper.Read("inet", "/nonexistent.txt", t, error));
    EXPECT_FALSE(helper.Read("pajek", Sample("Inet_small_toposample.txt"), t, error));
}

TEST(RtmTopology, OracleDistancesAndEqualCostPaths)
{
    // 0-1 (1), 1-3 (1), 0-2 (1), 2-3 (1), 0-3 (3), 3-4 (2), two 4-5 links (1 and 5), 6 apart.
    RtmTopologyGraph g;
    for (int v = 0; v < 7; ++v)
    {
        boost::add_vertex(g);
    }
    auto add = [&g](uint32_t a, uint32_t b, uint32_t w) {
        RtmTopologyEdge e;
        e.weight = w;
        boost::add_edge(a, b, e, g);
    };
    add(0, 1, 1);
    add(1, 3, 1);
    add(0, 2, 1);
    add(2, 3, 1);
    add(0, 3, 3);
    add(3, 4, 2);
    add(4, 5, 1);
    add(4, 5, 5);
    RtmPathOracle w(g, RtmPathOracle::WEIGHTS);
    RtmPathOracle h(g, RtmPathOracle::HOPS);
    EXPECT_EQ(w.Distance(0, 3), 2u);
    EXPECT_EQ(h.Distance(0, 3), 1u);
    EXPECT_EQ(w.Distance(0, 5), 5u);
    EXPECT_EQ(h.Distance(0, 5), 3u);
    EXPECT_EQ(w.Distance(0, 6), RtmPathOracle::kUnreachable);
    EXPECT_TRUE(w.Path(0, 6).empty());
    EXPECT_EQ(w.CountShortestPaths(0, 3), 2u); // via 1 and via 2
    EXPECT_EQ(w.CountShortestPaths(0, 5), 2u);
    EXPECT_EQ(h.CountShortestPaths(0, 5), 2u); // both parallel 4-5 links count as one hop
    EXPECT_EQ(w.LinkCost(4, 5), 1u);
    EXPECT_EQ(w.LinkCost(0, 4), RtmPathOracle::kUnreachable);
    EXPECT_TRUE(w.IsShortestPath({0, 1, 3}));
    EXPECT_TRUE(w.IsShortestPath({0, 2, 3}));
    EXPECT_FALSE(w.IsShortestPath({0, 3}));
    EXPECT_TRUE(h.IsShortestPath({0, 3}));
    EXPECT_FALSE(w.IsShortestPath({0, 4}));
    EXPECT_FALSE(w.IsShortestPath({0, 1, 3, 4, 5}, 9)); // the expensive 4-5 link was taken
    EXPECT_TRUE(w.IsShortestPath({0, 1, 3, 4, 5}, 5));
    std::vector<uint32_t> p = w.Path(0, 5);
    ASSERT_EQ(p.size(), 5u);
    EXPECT_TRUE(w.IsShortestPath(p));
}

/// The validator's tests, run once per family.
RTM_FAMILY_TEST_SUITE(RtmValidatorFamily);

TEST_P(RtmValidatorFamily, CatchesWrongPathsLoopsBadHopsAndMissingRoutes)
{
    const uint16_t f = GetParam();
    Fresh();
    // 0-1-2 line plus an expensive 0-2 shortcut (weight 5).
    RtmTopology t =
        MakeTopology(3, {Edge{0, 1, 1}, Edge{1, 2, 1}, Edge{0, 2, 5}}, false, FamiliesOf(f));
    RtmGraphRoutingHelper graph;
    graph.SetDomainAttribute("Family", StringValue(f == RTM_AF_INET6 ? "Ipv6" : "Ipv4"));
    graph.Install(t.nodes);
    RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, f);
    EXPECT_EQ(v.GetFamily(), f);
    RtmWalk w = v.Walk(0, 2);
    EXPECT_EQ(w.outcome, RtmWalk::DELIVERED);
    EXPECT_EQ(w.cost, 2u);
    EXPECT_EQ(w.vertices, (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u);

    // A better static route at 0 through the expensive link: delivered, but not shortest.
    const std::string dst = RouterPrefix(t, 2, f);
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(t.nodes.Get(0),
                                               dst,
                                               AddrText(t, 2, 2, f),
                                               IfOf(t, 2, 0, f)),
              RtmStatus::Success);
    std::string why;
    w = v.Walk(0, 2);
    EXPECT_EQ(w.cost, 5u);
    EXPECT_FALSE(v.Check(0, 2, w, why));
    EXPECT_NE(why.find("path cost 5, shortest 2"), std::string::npos) << why;
    EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 1u);

    // A gateway that is not on the chosen link: 2's address on the shortcut, out towards 1.
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(t.nodes.Get(0),
                                               dst,
                                               AddrText(t, 2, 2, f),
                                               IfOf(t, 0, 0, f)),
              RtmStatus::Success);
    w = v.Walk(0, 2);
    EXPECT_EQ(w.outcome, RtmWalk::BAD_HOP);
    EXPECT_NE(w.detail.find("is not the other end of link 0"), std::string::npos) << w.detail;

    // A loop: 1 sends 2's traffic back to 0, which sends it to 1.
    RtmStaticRoutingHelper::RemoveRoute(t.nodes.Get(0), dst);
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(t.nodes.Get(1),
                                               dst,
                                               AddrText(t, 0, 0, f),
                                               IfOf(t, 0, 1, f)),
              RtmStatus::Success);
    w = v.Walk(0, 2);
    EXPECT_EQ(w.outcome, RtmWalk::LOOP);
    EXPECT_FALSE(v.Check(0, 2, w, why));

    // No route: a black hole at the source is not "no route" at the source... it is dropped.
    RtmStaticRoutingHelper::RemoveRoute(t.nodes.Get(1), dst);
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(t.nodes.Get(1),
                                               dst,
                                               "",
                                               0,
                                               0,
                                               0,
                                               RTM_VIEW_MASK_UCAST,
                                               RTM_ROUTE_FLAGS_DISCARD),
              RtmStatus::Success);
    w = v.Walk(0, 2);
    EXPECT_EQ(w.outcome, RtmWalk::DROPPED);
    EXPECT_FALSE(v.Check(0, 2, w, why));
    Simulator::Destroy();
}

TEST_P(RtmValidatorFamily, PredecessorLinkTargets)
{
    const uint16_t f = GetParam();
    Fresh();
    // 0-1-2-3 line and 0-3 direct (weight 3); to 3 from 0 the predecessor is 0 itself (direct
    // link, cost 3 = 1 + 1 + 1 also via 2: the cheapest predecessor link is chosen).
    RtmTopology t = MakeTopology(4,
                                 {Edge{0, 1, 1}, Edge{1, 2, 1}, Edge{2, 3, 1}, Edge{0, 3, 3}},
                                 false,
                                 FamiliesOf(f));
    RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::PREDECESSOR_LINK, f);
    EXPECT_EQ(v.TargetAddress(0, 3).AddressString(), AddrText(t, 2, 3, f)); // 2-3 weighs 1 < 3
    EXPECT_EQ(v.TargetAddress(1, 3).AddressString(), AddrText(t, 2, 3, f));
    EXPECT_EQ(v.TargetAddress(0, 1).AddressString(), AddrText(t, 0, 1, f));
    RtmGraphRoutingHelper graph;
    graph.SetDomainAttribute("Prefixes", StringValue("Links"));
    graph.SetDomainAttribute("Family", StringValue(f == RTM_AF_INET6 ? "Ipv6" : "Ipv4"));
    graph.Install(t.nodes);
    EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u);
    Simulator::Destroy();
}
