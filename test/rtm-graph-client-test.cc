/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the link-state (graph) client on small hand-made topologies, each test in IPv4 and in
 * IPv6: equal-cost next hops, weights (asymmetric too), interface down and up (recomputed at
 * once, only real changes written and notified, unchanged routes keep their handles), the
 * multicast weight set, prefix modes, aggregation, CSMA segments, determinism and real packets.
 * Then what is IPv6's own: dual-stack domains side by side, families kept apart, link-local next
 * hops on links without a global subnet, overlapping IPv6 prefixes.
 */
#include "rtm-graph-test-util.h"

#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/packet.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-path-validator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"

using namespace ns3;
using namespace rtmgraph;

namespace
{

/// The square 0-1, 0-2, 1-3, 2-3 (links 0..3), all weights 1, in \p families.
RtmTopology
Square(RtmTopologyHelper::Families families)
{
    return MakeTopology(4,
                        {Edge{0, 1, 1}, Edge{0, 2, 1}, Edge{1, 3, 1}, Edge{2, 3, 1}},
                        false,
                        families);
}

/// \return a graph helper whose domains route \p family
RtmGraphRoutingHelper
GraphHelper(uint16_t family)
{
    RtmGraphRoutingHelper graph;
    graph.SetDomainAttribute("Family", StringValue(family == RTM_AF_INET6 ? "Ipv6" : "Ipv4"));
    return graph;
}

/// Hops as a set.
typedef std::set<std::pair<std::string, uint32_t>> Hops;

} // namespace

/// The tests that hold for both families, run once per family.
RTM_FAMILY_TEST_SUITE(RtmGraphClientFamily);

TEST_P(RtmGraphClientFamily, EqualCostNextHopsInOneRoute)
{
    const uint16_t f = GetParam();
    Fresh();
    RtmTopology t = Square(FamiliesOf(f));
    Ptr<RtmGraphDomain> d = GraphHelper(f).Install(t.nodes);
    EXPECT_EQ(d->GetFamily(), f);
    EXPECT_EQ(d->GetClients().size(), 4u);
    EXPECT_EQ(d->GetNRecomputations(), 1u);
    Ptr<Node> n0 = t.nodes.Get(0);

    RouteView r3 = GraphRoute(n0, RouterPrefix(t, 3, f));
    ASSERT_TRUE(r3.found);
    EXPECT_EQ(r3.metric, 2u);
    EXPECT_EQ(r3.preference, 110u);
    EXPECT_EQ(r3.views, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(r3.hops, (Hops{Hop(t, 0, 0, f), Hop(t, 1, 0, f)}));

    RouteView r1 = GraphRoute(n0, RouterPrefix(t, 1, f));
    ASSERT_TRUE(r1.found);
    EXPECT_EQ(r1.metric, 1u);
    EXPECT_EQ(r1.hops, (Hops{Hop(t, 0, 0, f)}));

    // Link subnets: 1-3 (link 2) through 1 at the cost of reaching 1; own subnets and own router
    // address are left to the connected client.
    RouteView s13 = GraphRoute(n0, LinkPrefix(t, 2, f));
    ASSERT_TRUE(s13.found);
    EXPECT_EQ(s13.metric, 1u);
    EXPECT_EQ(s13.hops, (Hops{Hop(t, 0, 0, f)}));
    EXPECT_FALSE(GraphRoute(n0, LinkPrefix(t, 0, f)).found);
    EXPECT_FALSE(GraphRoute(n0, RouterPrefix(t, 0, f)).found);

    // 4 router addresses + 4 link subnets (no link-local, loopback or ::1 prefix); each router
    // lacks its own 1 + 2 = 3: 5 routes each.
    EXPECT_EQ(d->GetNRoutes(), 20u);
    EXPECT_EQ(d->GetGraph().GetPrefixes().size(), 8u);
    EXPECT_EQ(RtmGraphRoutingHelper::GetGraphClient(n0, 0, f)->GetNNextHops(), 2u);
    // No client of the other family.
    EXPECT_FALSE(
        RtmGraphRoutingHelper::GetGraphClient(n0,
                                              0,
                                              f == RTM_AF_INET6 ? RTM_AF_INET : RTM_AF_INET6));

    RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, f);
    RtmPathValidator::Summary s = v.ValidateAll(nullptr);
    EXPECT_EQ(s.pairs, 12u);
    EXPECT_EQ(s.mismatches, 0u) << (s.examples.empty() ? "" : s.examples.front());
    Simulator::Destroy();
}

TEST_P(RtmGraphClientFamily, ParallelLinksAreTwoNextHops)
{
    const uint16_t f = GetParam();
    Fresh();
    RtmTopology t =
        MakeTopology(2, {Edge{0, 1, 3}, Edge{0, 1, 3}, Edge{0, 1, 4}}, false, FamiliesOf(f));
    GraphHelper(f).Install(t.nodes);
    RouteView r = GraphRoute(t.nodes.Get(0), RouterPrefix(t, 1, f));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.metric, 3u);
    EXPECT_EQ(r.hops, (Hops{Hop(t, 0, 0, f), Hop(t, 1, 0, f)}));
    Simulator::Destroy();
}

TEST_P(RtmGraphClientFamily, WeightsAreInterfaceMetricsPerDirection)
{
    const uint16_t f = GetParam();
    Fresh();
    RtmTopology t = Square(FamiliesOf(f));
    Ptr<RtmGraphDomain> d = GraphHelper(f).Install(t.nodes);
    // Node 0's interface on link 0 costs 5 from now on (node 1's side stays 1).
    SetIfMetric(t.nodes.Get(0), IfOf(t, 0, 0, f), 5, f);
    d->Recompute();
    RouteView r3 = GraphRoute(t.nodes.Get(0), RouterPrefix(t, 3, f));
    EXPECT_EQ(r3.metric, 2u);
    EXPECT_EQ(r3.hops, (Hops{Hop(t, 1, 0, f)}));
    RouteView r1 = GraphRoute(t.nodes.Get(0), RouterPrefix(t, 1, f));
    EXPECT_EQ(r1.metric, 3u); // 0-2-3-1 beats the direct link of cost 5
    EXPECT_EQ(r1.hops, (Hops{Hop(t, 1, 0, f)}));
    // The other direction still uses the direct link.
    RouteView back = GraphRoute(t.nodes.Get(1), RouterPrefix(t, 0, f));
    EXPECT_EQ(back.metric, 1u);
    EXPECT_EQ(back.hops, (Hops{Hop(t, 0, 1, f)}));
    Simulator::Destroy();
}

TEST_P(RtmGraphClientFamily, InterfaceDownRecomputesAndWritesOnlyChanges)
{
    const uint16_t f = GetParam();
    Fresh();
    RtmTopology t = Square(FamiliesOf(f));
    Ptr<RtmGraphDomain> d = GraphHelper(f).Install(t.nodes);
    Ptr<Node> n0 = t.nodes.Get(0);
    Ptr<Node> n3 = t.nodes.Get(3);
    Ptr<RtmRegistration> obs = Observer(n0, RtmProtocolId(0, 0x123, 7), f);
    RtmNotifyHandle nh;
    ASSERT_EQ(obs->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                                 RTM_CHANGE_TYPE_ALL,
                                                 0,
                                                 nh),
              RtmStatus::Success);
    std::map<std::string, std::vector<RtmRouteHandle>> handlesBefore;
    std::map<std::string, std::string> before = Snapshot(obs, &handlesBefore);
    EXPECT_TRUE(Drain(obs, nh).empty());
    Ptr<RtmGraphClient> c0 = RtmGraphRoutingHelper::GetGraphClient(n0, 0, f);
    uint64_t writesBefore = c0->GetTotalWrites();

    uint32_t down = IfOf(t, 0, 0, f);
    Simulator::Schedule(Seconds(1), &SetIfUp, n0, down, false, f);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(d->GetNRecomputations(), 2u);

    std::map<std::string, std::vector<RtmRouteHandle>> handlesAfter;
    std::map<std::string, std::string> after = Snapshot(obs, &handlesAfter);
    std::set<std::string> changed = Diff(before, after);
    std::set<std::string> notified = Drain(obs, nh);
    EXPECT_EQ(notified, changed);
    // What changed at node 0: its connected subnet of link 0 went (the graph now reaches it via
    // 2), and everything behind node 1 moved to node 2.
    EXPECT_TRUE(changed.count(LinkPrefix(t, 0, f)));
    EXPECT_TRUE(changed.count(RouterPrefix(t, 1, f)));
    EXPECT_TRUE(changed.count(RouterPrefix(t, 3, f)));
    EXPECT_FALSE(changed.count(RouterPrefix(t, 2, f)));
    EXPECT_FALSE(changed.count(LinkPrefix(t, 3, f))); // 2-3, still through 2 at cost 1
    // Unchanged destinations keep their route handles.
    for (const auto& kv : handlesBefore)
    {
        if (!changed.count(kv.first))
        {
            EXPECT_EQ(handlesAfter[kv.first], kv.second) << kv.first;
        }
    }
    // The graph client wrote exactly its changed routes (link 0's subnet added, /1, /3 and the
    // 1-3 subnet updated).
    uint32_t graphChanges = 0;
    for (const auto& p : changed)
    {
        graphChanges += (before[p].find(std::to_string(RTM_PROTO_NS3_GRAPH)) != std::string::npos ||
                         after[p].find(std::to_string(RTM_PROTO_NS3_GRAPH)) != std::string::npos)
                            ? 1
                            : 0;
    }
    EXPECT_EQ(c0->GetTotalWrites() - writesBefore, graphChanges);
    EXPECT_EQ(c0->GetLastWrites(), graphChanges);
    RouteView r3 = GraphRoute(n0, RouterPrefix(t, 3, f));
    EXPECT_EQ(r3.hops, (Hops{Hop(t, 1, 0, f)}));
    // Other routers recomputed too: 3 reaches 0 through 2 only.
    RouteView back = GraphRoute(n3, RouterPrefix(t, 0, f));
    EXPECT_EQ(back.hops, (Hops{Hop(t, 3, 3, f)}));

    // Back up: the same table as at the start. ns-3's IPv6 layer drops an interface's addresses
    // when it goes down: the address is given back in the same time step, before the
    // recomputation the interface event scheduled.
    RtmSchedule(Seconds(1), [&]() {
        SetIfUp(n0, down, true, f);
        if (f == RTM_AF_INET6)
        {
            n0->GetObject<Ipv6>()->AddAddress(
                down,
                Ipv6InterfaceAddress(t.links[0].addr6A, Ipv6Prefix(64)));
        }
    });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(Snapshot(obs), before);
    EXPECT_EQ(d->GetNRecomputations(), 3u);
    Simulator::Destroy();
}

TEST_P(RtmGraphClientFamily, MulticastWeightsMakeTheMulticastViewDiffer)
{
    const uint16_t f = GetParam();
    Fresh();
    RtmTopology t = Square(FamiliesOf(f));
    RtmGraphRoutingHelper graph = GraphHelper(f);
    Ptr<Node> n0 = t.nodes.Get(0);
    graph.SetMulticastMetric(n0, IfOf(t, 0, 0, f), 10);
    graph.Install(t.nodes);
    RouteView u3 = GraphRoute(n0, RouterPrefix(t, 3, f), RTM_VIEW_MASK_UCAST);
    RouteView m3 = GraphRoute(n0, RouterPrefix(t, 3, f), RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(u3.hops, (Hops{Hop(t, 0, 0, f), Hop(t, 1, 0, f)}));
    EXPECT_EQ(u3.views, RTM_VIEW_MASK_UCAST);
    EXPECT_EQ(m3.hops, (Hops{Hop(t, 1, 0, f)}));
    EXPECT_EQ(m3.views, RTM_VIEW_MASK_MCAST);
    RouteView u1 = GraphRoute(n0, RouterPrefix(t, 1, f), RTM_VIEW_MASK_UCAST);
    RouteView m1 = GraphRoute(n0, RouterPrefix(t, 1, f), RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(u1.metric, 1u);
    EXPECT_EQ(m1.metric, 3u);
    EXPECT_NE(u1.handle, m1.handle);
    // Where both views agree, one route serves both.
    RouteView u2 = GraphRoute(n0, RouterPrefix(t, 2, f), RTM_VIEW_MASK_UCAST);
    EXPECT_EQ(u2.views, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    // Unicast forwarding is unaffected.
    RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, f);
    EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u);
    Simulator::Destroy();
}

TEST_P(RtmGraphClientFamily, PrefixModes)
{
    const uint16_t f = GetParam();
    const std::vector<Edge> line{Edge{0, 1, 1}, Edge{1, 2, 1}, Edge{2, 3, 1}};
    // All: 4 router addresses + 3 subnets; Routers: 4; Links: 3.
    const std::vector<std::pair<std::string, uint64_t>> modes{{"All", 4 * 7 - 4 - 6},
                                                              {"Routers", 4 * 3},
                                                              {"Links", 4 * 3 - 6}};
    for (const auto& m : modes)
    {
        Fresh();
        RtmTopology t = MakeTopology(4, line, false, FamiliesOf(f));
        RtmGraphRoutingHelper graph = GraphHelper(f);
        graph.SetDomainAttribute("Prefixes", StringValue(m.first));
        Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
        EXPECT_EQ(d->GetNRoutes(), m.second) << m.first;
        RtmPathValidator v(t,
                           RtmPathOracle::WEIGHTS,
                           m.first == "Links" ? RtmPathValidator::PREDECESSOR_LINK
                                              : RtmPathValidator::ROUTER_ADDRESS,
                           f);
        EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u) << m.first;
        Simulator::Destroy();
    }
}

TEST_P(RtmGraphClientFamily, AggregationForwardsExactlyWithFewerRoutes)
{
    const uint16_t f = GetParam();
    // A ring of 12 with chords and uneven weights, then a link failure.
    std::vector<Edge> edges;
    for (uint32_t i = 0; i < 12; ++i)
    {
        edges.emplace_back(i, (i + 1) % 12, 1 + i % 3);
    }
    edges.emplace_back(0, 6, 2);
    edges.emplace_back(3, 9, 1);
    edges.emplace_back(2, 7, 4);
    uint64_t plain = 0;
    for (bool aggregate : {false, true})
    {
        Fresh();
        RtmTopology t = MakeTopology(12, edges, false, FamiliesOf(f));
        RtmGraphRoutingHelper graph = GraphHelper(f);
        graph.SetDomainAttribute("Aggregate", BooleanValue(aggregate));
        Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
        EXPECT_TRUE(d->GetGraph().ArePrefixesDisjoint());
        if (!aggregate)
        {
            plain = d->GetNRoutes();
        }
        else
        {
            EXPECT_LT(d->GetNRoutes(), plain);
        }
        RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, f);
        EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u) << aggregate;
        // Link 12 (0-6) fails at node 6.
        Simulator::Schedule(Seconds(1), &SetIfUp, t.nodes.Get(6), IfOf(t, 12, 6, f), false, f);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        RtmTopology cut = t;
        auto e = boost::edge(0, 6, cut.graph);
        ASSERT_TRUE(e.second);
        boost::remove_edge(e.first, cut.graph);
        RtmPathValidator v2(cut, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, f);
        RtmPathValidator::Summary s = v2.ValidateAll(nullptr);
        EXPECT_EQ(s.mismatches, 0u)
            << aggregate << " " << (s.examples.empty() ? "" : s.examples.front());
        Simulator::Destroy();
    }
}

TEST_P(RtmGraphClientFamily, CsmaSegmentIsAFullMesh)
{
    const uint16_t f = GetParam();
    const bool v6 = f == RTM_AF_INET6;
    Fresh();
    NodeContainer nodes;
    nodes.Create(4);
    RtmTopologyHelper::RtmStack(FamiliesOf(f)).Install(nodes);
    CsmaHelper csma;
    NetDeviceContainer lan = csma.Install(NodeContainer(nodes.Get(0), nodes.Get(1), nodes.Get(2)));
    NetDeviceContainer p2p = csma.Install(NodeContainer(nodes.Get(2), nodes.Get(3)));
    Configure(lan.Get(0), v6 ? "fd00:1:0:1::1/64" : "192.168.1.1/24", 1);
    Configure(lan.Get(1), v6 ? "fd00:1:0:1::2/64" : "192.168.1.2/24", 1);
    Configure(lan.Get(2), v6 ? "fd00:1:0:1::3/64" : "192.168.1.3/24", 2);
    Configure(p2p.Get(0), v6 ? "fd00:1:0:2::1/64" : "192.168.2.1/24", 1);
    Configure(p2p.Get(1), v6 ? "fd00:1:0:2::2/64" : "192.168.2.2/24", 1);
    Ptr<RtmGraphDomain> d = GraphHelper(f).Install(nodes);
    EXPECT_EQ(boost::num_edges(d->GetGraph().GetGraph()), 8u); // 3*2 on the LAN + 2
    RouteView r = GraphRoute(nodes.Get(0), v6 ? "fd00:1:0:2::/64" : "192.168.2.0/24");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.metric, 1u);
    EXPECT_EQ(r.hops, (Hops{std::make_pair(v6 ? "fd00:1:0:1::3" : "192.168.1.3", 1u)}));
    RouteView back = GraphRoute(nodes.Get(3), v6 ? "fd00:1:0:1::/64" : "192.168.1.0/24");
    EXPECT_EQ(back.metric, 1u);
    std::ostringstream dot;
    d->WriteGraphviz(dot);
    EXPECT_NE(dot.str().find("digraph"), std::string::npos);
    Simulator::Destroy();
}

TEST_P(RtmGraphClientFamily, DeterministicAcrossRuns)
{
    const uint16_t f = GetParam();
    std::vector<Edge> edges;
    for (uint32_t i = 0; i < 10; ++i)
    {
        edges.emplace_back(i, (i + 1) % 10, 1);
        edges.emplace_back(i, (i + 5) % 10, 1);
    }
    std::vector<std::map<std::string, std::string>> snaps;
    for (int run = 0; run < 2; ++run)
    {
        Fresh();
        RtmTopology t = MakeTopology(10, edges, false, FamiliesOf(f));
        GraphHelper(f).Install(t.nodes);
        std::map<std::string, std::string> all;
        for (uint32_t v = 0; v < 10; ++v)
        {
            Ptr<RtmRegistration> reg =
                RtmGraphRoutingHelper::GetGraphClient(t.nodes.Get(v), 0, f)->GetRegistration();
            for (const auto& kv : Snapshot(reg))
            {
                all[std::to_string(v) + " " + kv.first] = kv.second;
            }
        }
        snaps.push_back(all);
        Simulator::Destroy();
    }
    EXPECT_EQ(snaps[0].size(), snaps[1].size());
    for (const auto& kv : snaps[0])
    {
        auto it = snaps[1].find(kv.first);
        EXPECT_TRUE(it != snaps[1].end() && it->second == kv.second)
            << kv.first << ": " << kv.second << " then "
            << (it == snaps[1].end() ? std::string("absent") : it->second);
    }
}

TEST_P(RtmGraphClientFamily, PacketsFollowTheRoutes)
{
    const uint16_t f = GetParam();
    Fresh();
    RtmTopology t =
        MakeTopology(5,
                     {Edge{0, 1, 1}, Edge{0, 2, 1}, Edge{1, 3, 1}, Edge{2, 3, 1}, Edge{3, 4, 2}},
                     false,
                     FamiliesOf(f));
    GraphHelper(f).Install(t.nodes);
    uint32_t received = 0;
    Ptr<Socket> sink = CountingSink(t.nodes.Get(4), f, 9, &received);
    std::vector<Ptr<Socket>> senders;
    for (uint32_t i = 0; i < 20; ++i)
    {
        Ptr<Socket> s = Socket::CreateSocket(t.nodes.Get(0), UdpSocketFactory::GetTypeId());
        s->Bind(AnySocketAddress(f, 0));
        s->Connect(SocketAddressOf(t.RouterAddress(f, 4), 9));
        senders.push_back(s);
        // After IPv6's duplicate address detection (1 s).
        RtmSchedule(Seconds(1) + MilliSeconds(10 + i), [s]() { s->Send(Create<Packet>(100)); });
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(received, 20u);
    Simulator::Destroy();
}

// ------------------------------------------------------------------------------------------------
// IPv6 and dual stack
// ------------------------------------------------------------------------------------------------

TEST(RtmGraphClient6, DualStackDomainsAreIndependent)
{
    Fresh();
    RtmTopology t = Square(RtmTopologyHelper::FAMILY_DUAL);
    Ptr<RtmGraphDomain> d4 = GraphHelper(RTM_AF_INET).Install(t.nodes);
    Ptr<RtmGraphDomain> d6 = GraphHelper(RTM_AF_INET6).Install(t.nodes);
    Ptr<Node> n0 = t.nodes.Get(0);
    EXPECT_EQ(d4->GetNRoutes(), 20u);
    EXPECT_EQ(d6->GetNRoutes(), 20u);
    Ptr<RtmGraphClient> c4 = RtmGraphRoutingHelper::GetGraphClient(n0, 0, RTM_AF_INET);
    Ptr<RtmGraphClient> c6 = RtmGraphRoutingHelper::GetGraphClient(n0, 0, RTM_AF_INET6);
    ASSERT_TRUE(c4 && c6);
    EXPECT_NE(c4, c6);
    EXPECT_EQ(c6->GetRegistration()->GetEntityHandle().IsNull(), false);
    // A second Install of the same family skips the routers that run it already.
    EXPECT_EQ(GraphHelper(RTM_AF_INET6).Install(t.nodes)->GetClients().size(), 0u);
    std::map<std::string, std::string> v4 = Snapshot(c4->GetRegistration());
    std::map<std::string, std::string> v6 = Snapshot(c6->GetRegistration());
    for (uint16_t f : {RTM_AF_INET, RTM_AF_INET6})
    {
        RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, f);
        EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u) << RtmFamilyName(f);
    }
    // An IPv6 interface going down recomputes the IPv6 domain only.
    Simulator::Schedule(Seconds(1), &SetIfUp, n0, IfOf(t, 0, 0, RTM_AF_INET6), false, RTM_AF_INET6);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(d4->GetNRecomputations(), 1u);
    EXPECT_EQ(d6->GetNRecomputations(), 2u);
    EXPECT_EQ(Snapshot(c4->GetRegistration()), v4);
    EXPECT_NE(Snapshot(c6->GetRegistration()), v6);
    EXPECT_EQ(GraphRoute(n0, RouterPrefix(t, 1, RTM_AF_INET6)).metric, 3u);
    EXPECT_EQ(GraphRoute(n0, RouterPrefix(t, 1, RTM_AF_INET)).metric, 1u);
    // An IPv4 one, the IPv4 domain only.
    Simulator::Schedule(Seconds(1), &SetIfUp, n0, IfOf(t, 1, 0, RTM_AF_INET), false, RTM_AF_INET);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(d4->GetNRecomputations(), 2u);
    EXPECT_EQ(d6->GetNRecomputations(), 2u);
    Simulator::Destroy();
}

TEST(RtmGraphClient6, ClientsAndDomainsOfOneFamily)
{
    Fresh();
    RtmTopology t = MakeTopology(2, {Edge{0, 1, 1}}, false, RtmTopologyHelper::FAMILY_DUAL);
    Ptr<RtmRouter> router = t.nodes.Get(0)->GetObject<RtmRouter>();
    Ptr<RtmGraphClient> bad = CreateObject<RtmGraphClient>();
    EXPECT_EQ(bad->Start(router, 0, 7), RtmStatus::InvalidParameter);
    Ptr<RtmGraphClient> c6 = CreateObject<RtmGraphClient>();
    ASSERT_EQ(c6->Start(router, 0, RTM_AF_INET6), RtmStatus::Success);
    EXPECT_EQ(c6->GetFamily(), RTM_AF_INET6);
    Ptr<RtmGraphDomain> d4 = CreateObject<RtmGraphDomain>();
    EXPECT_FALSE(d4->AddClient(c6)); // an IPv6 client in an IPv4 domain
    EXPECT_TRUE(d4->GetClients().empty());
    Ptr<RtmGraphDomain> d6 = CreateObject<RtmGraphDomain>();
    d6->SetAttribute("Family", StringValue("Ipv6"));
    EXPECT_TRUE(d6->AddClient(c6));
    d6->Recompute();
    // Node 1 is no vertex: only node 0's own prefixes, nothing to route.
    EXPECT_EQ(d6->GetGraph().GetNVertices(), 1u);
    EXPECT_EQ(d6->GetNRoutes(), 0u);
    c6->Dispose();
    d4->Dispose();
    d6->Dispose();
    Simulator::Destroy();
}

/*
 * IPv6 links need no global subnet: without one, the gateway is the neighbour's link-local
 * address (as OSPFv3 and RIPng use), and packets still get through.
 */
TEST(RtmGraphClient6, LinkLocalNextHopsWithoutAGlobalSubnet)
{
    Fresh();
    RtmTopology t = Square(RtmTopologyHelper::FAMILY_IPV6);
    // Link 0 (0-1) keeps its link-local addresses only.
    for (bool endA : {true, false})
    {
        Ptr<Ipv6> ip = t.nodes.Get(endA ? 0 : 1)->GetObject<Ipv6>();
        uint32_t i = t.links[0].Interface(RTM_AF_INET6, endA);
        ASSERT_TRUE(ip->RemoveAddress(i, endA ? t.links[0].addr6A : t.links[0].addr6B));
    }
    Ptr<RtmGraphDomain> d = GraphHelper(RTM_AF_INET6).Install(t.nodes);
    EXPECT_EQ(d->GetGraph().GetPrefixes().size(), 7u); // link 0's subnet is gone
    Ptr<Ipv6> ip1 = t.nodes.Get(1)->GetObject<Ipv6>();
    Ipv6Address ll1 = ip1->GetAddress(IfOf(t, 0, 1, RTM_AF_INET6), 0).GetAddress();
    ASSERT_TRUE(ll1.IsLinkLocal());
    RouteView r1 = GraphRoute(t.nodes.Get(0), RouterPrefix(t, 1, RTM_AF_INET6));
    ASSERT_TRUE(r1.found);
    std::ostringstream ll;
    ll << ll1;
    EXPECT_EQ(r1.hops, (Hops{std::make_pair(ll.str(), IfOf(t, 0, 0, RTM_AF_INET6))}));
    RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, RTM_AF_INET6);
    RtmWalk w = v.Walk(0, 1);
    EXPECT_EQ(w.outcome, RtmWalk::DELIVERED);
    EXPECT_EQ(w.vertices, (std::vector<uint32_t>{0, 1}));
    EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u);
    // Real packets over the link-local next hop (neighbour discovery on the link).
    uint32_t received = 0;
    Ptr<Socket> sink = CountingSink(t.nodes.Get(1), RTM_AF_INET6, 9, &received);
    Ptr<Socket> tx = Socket::CreateSocket(t.nodes.Get(0), UdpSocketFactory::GetTypeId());
    tx->Bind(AnySocketAddress(RTM_AF_INET6, 0));
    tx->Connect(SocketAddressOf(t.RouterAddress(RTM_AF_INET6, 1), 9));
    for (uint32_t i = 0; i < 5; ++i)
    {
        RtmSchedule(Seconds(1.5) + MilliSeconds(i), [tx]() { tx->Send(Create<Packet>(50)); });
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(received, 5u);
    Simulator::Destroy();
}

TEST(RtmGraphClient6, OverlappingPrefixesTurnAggregationOff)
{
    Fresh();
    RtmTopology t =
        MakeTopology(3, {Edge{0, 1, 1}, Edge{1, 2, 1}}, false, RtmTopologyHelper::FAMILY_IPV6);
    // Node 2's loopback also holds fd00:10::99, inside link 0's subnet fd00:10::/64.
    t.nodes.Get(2)->GetObject<Ipv6>()->AddAddress(
        0,
        Ipv6InterfaceAddress(Ipv6Address("fd00:10::99"), Ipv6Prefix(128)));
    RtmGraphRoutingHelper graph = GraphHelper(RTM_AF_INET6);
    graph.SetDomainAttribute("Aggregate", BooleanValue(true));
    Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
    const RtmNetworkGraph& g = d->GetGraph();
    EXPECT_FALSE(g.ArePrefixesDisjoint());
    // Address order of the keys.
    const auto& keys = g.GetOrderedKeys<RtmIpv6Family>();
    ASSERT_EQ(keys.size(), g.GetPrefixOrder().size());
    EXPECT_TRUE(g.GetOrderedKeys<RtmIpv4Family>().empty());
    for (std::size_t i = 1; i < keys.size(); ++i)
    {
        EXPECT_LT(keys[i - 1], keys[i]);
    }
    // Not aggregated: one route per prefix; the host route inside the subnet wins there.
    RouteView host = GraphRoute(t.nodes.Get(0), "fd00:10::99/128");
    ASSERT_TRUE(host.found);
    EXPECT_EQ(host.metric, 2u);
    RtmPathValidator v(t, RtmPathOracle::WEIGHTS, RtmPathValidator::ROUTER_ADDRESS, RTM_AF_INET6);
    EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u);
    Simulator::Destroy();
}
