/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the link-state (graph) client on small hand-made topologies: equal-cost next hops,
 * weights (asymmetric too), interface down and up (recomputed at once, only real changes
 * written and notified, unchanged routes keep their handles), the multicast weight set, prefix
 * modes, aggregation, CSMA segments, determinism and real packets.
 */
#include "rtm-graph-test-util.h"

#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/packet.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-path-validator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"

using namespace ns3;
using namespace rtmgraph;

namespace
{

/// The square 0-1, 0-2, 1-3, 2-3 (links 0..3), all weights 1.
RtmTopology
Square()
{
    return MakeTopology(4, {Edge{0, 1, 1}, Edge{0, 2, 1}, Edge{1, 3, 1}, Edge{2, 3, 1}});
}

/// \return "a.b.c.d/32" of the router address of vertex \p v
std::string
RouterPrefix(const RtmTopology& t, uint32_t v)
{
    std::ostringstream os;
    os << t.routerAddress[v] << "/32";
    return os.str();
}

/// \return the hop (gateway, interface) from \p v over link \p k
std::pair<std::string, uint32_t>
Hop(const RtmTopology& t, uint32_t k, uint32_t v)
{
    const RtmTopologyLink& l = t.links[k];
    uint32_t other = l.a == v ? l.b : l.a;
    std::ostringstream os;
    os << AddrOf(t, k, other);
    return std::make_pair(os.str(), IfOf(t, k, v));
}

} // namespace

TEST(RtmGraphClient, EqualCostNextHopsInOneRoute)
{
    Fresh();
    RtmTopology t = Square();
    RtmGraphRoutingHelper graph;
    Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
    EXPECT_EQ(d->GetClients().size(), 4u);
    EXPECT_EQ(d->GetNRecomputations(), 1u);
    Ptr<Node> n0 = t.nodes.Get(0);

    RouteView r3 = GraphRoute(n0, RouterPrefix(t, 3));
    ASSERT_TRUE(r3.found);
    EXPECT_EQ(r3.metric, 2u);
    EXPECT_EQ(r3.preference, 110u);
    EXPECT_EQ(r3.views, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(r3.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 0, 0), Hop(t, 1, 0)}));

    RouteView r1 = GraphRoute(n0, RouterPrefix(t, 1));
    ASSERT_TRUE(r1.found);
    EXPECT_EQ(r1.metric, 1u);
    EXPECT_EQ(r1.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 0, 0)}));

    // Link subnets: 1-3 (10.0.0.8/30) through 1 at the cost of reaching 1; own subnets and own
    // router address are left to the connected client.
    RouteView s13 = GraphRoute(n0, "10.0.0.8/30");
    ASSERT_TRUE(s13.found);
    EXPECT_EQ(s13.metric, 1u);
    EXPECT_EQ(s13.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 0, 0)}));
    EXPECT_FALSE(GraphRoute(n0, "10.0.0.0/30").found);
    EXPECT_FALSE(GraphRoute(n0, RouterPrefix(t, 0)).found);

    // 4 router addresses + 4 link subnets; each router lacks its own 1 + 2 = 3: 5 routes each.
    EXPECT_EQ(d->GetNRoutes(), 20u);
    EXPECT_EQ(RtmGraphRoutingHelper::GetGraphClient(n0)->GetNNextHops(), 2u);

    RtmPathValidator v(t, RtmPathOracle::WEIGHTS);
    RtmPathValidator::Summary s = v.ValidateAll(nullptr);
    EXPECT_EQ(s.pairs, 12u);
    EXPECT_EQ(s.mismatches, 0u) << (s.examples.empty() ? "" : s.examples.front());
    Simulator::Destroy();
}

TEST(RtmGraphClient, ParallelLinksAreTwoNextHops)
{
    Fresh();
    RtmTopology t = MakeTopology(2, {Edge{0, 1, 3}, Edge{0, 1, 3}, Edge{0, 1, 4}});
    RtmGraphRoutingHelper graph;
    graph.Install(t.nodes);
    RouteView r = GraphRoute(t.nodes.Get(0), RouterPrefix(t, 1));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.metric, 3u);
    EXPECT_EQ(r.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 0, 0), Hop(t, 1, 0)}));
    Simulator::Destroy();
}

TEST(RtmGraphClient, WeightsAreInterfaceMetricsPerDirection)
{
    Fresh();
    RtmTopology t = Square();
    RtmGraphRoutingHelper graph;
    Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
    // Node 0's interface on link 0 costs 5 from now on (node 1's side stays 1).
    t.nodes.Get(0)->GetObject<Ipv4>()->SetMetric(IfOf(t, 0, 0), 5);
    d->Recompute();
    RouteView r3 = GraphRoute(t.nodes.Get(0), RouterPrefix(t, 3));
    EXPECT_EQ(r3.metric, 2u);
    EXPECT_EQ(r3.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 1, 0)}));
    RouteView r1 = GraphRoute(t.nodes.Get(0), RouterPrefix(t, 1));
    EXPECT_EQ(r1.metric, 3u); // 0-2-3-1 beats the direct link of cost 5
    EXPECT_EQ(r1.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 1, 0)}));
    // The other direction still uses the direct link.
    RouteView back = GraphRoute(t.nodes.Get(1), RouterPrefix(t, 0));
    EXPECT_EQ(back.metric, 1u);
    EXPECT_EQ(back.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 0, 1)}));
    Simulator::Destroy();
}

TEST(RtmGraphClient, InterfaceDownRecomputesAndWritesOnlyChanges)
{
    Fresh();
    RtmTopology t = Square();
    RtmGraphRoutingHelper graph;
    Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
    Ptr<Node> n0 = t.nodes.Get(0);
    Ptr<Node> n3 = t.nodes.Get(3);
    Ptr<RtmRegistration> obs = Observer(n0);
    RtmNotifyHandle nh;
    ASSERT_EQ(obs->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                                 RTM_CHANGE_TYPE_ALL,
                                                 0,
                                                 nh),
              RtmStatus::Success);
    std::map<std::string, std::vector<RtmRouteHandle>> handlesBefore;
    std::map<std::string, std::string> before = Snapshot(obs, &handlesBefore);
    EXPECT_TRUE(Drain(obs, nh).empty());
    Ptr<RtmGraphClient> c0 = RtmGraphRoutingHelper::GetGraphClient(n0);
    uint64_t writesBefore = c0->GetTotalWrites();

    Ptr<Ipv4> ipv4 = n0->GetObject<Ipv4>();
    uint32_t down = IfOf(t, 0, 0);
    Simulator::Schedule(Seconds(1), &Ipv4::SetDown, ipv4, down);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(d->GetNRecomputations(), 2u);

    std::map<std::string, std::vector<RtmRouteHandle>> handlesAfter;
    std::map<std::string, std::string> after = Snapshot(obs, &handlesAfter);
    std::set<std::string> changed = Diff(before, after);
    std::set<std::string> notified = Drain(obs, nh);
    EXPECT_EQ(notified, changed);
    // What changed at node 0: the connected 10.0.0.0/30 went (the graph now reaches it via 2),
    // and everything behind node 1 moved to node 2.
    EXPECT_TRUE(changed.count("10.0.0.0/30"));
    EXPECT_TRUE(changed.count(RouterPrefix(t, 1)));
    EXPECT_TRUE(changed.count(RouterPrefix(t, 3)));
    EXPECT_FALSE(changed.count(RouterPrefix(t, 2)));
    EXPECT_FALSE(changed.count("10.0.0.12/30")); // 2-3, still through 2 at cost 1
    // Unchanged destinations keep their route handles.
    for (const auto& kv : handlesBefore)
    {
        if (!changed.count(kv.first))
        {
            EXPECT_EQ(handlesAfter[kv.first], kv.second) << kv.first;
        }
    }
    // The graph client wrote exactly its changed routes (10.0.0.0/30 added, /1, /3 and the 1-3
    // subnet updated).
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
    RouteView r3 = GraphRoute(n0, RouterPrefix(t, 3));
    EXPECT_EQ(r3.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 1, 0)}));
    // Other routers recomputed too: 3 reaches 0 through 2 only.
    RouteView back = GraphRoute(n3, RouterPrefix(t, 0));
    EXPECT_EQ(back.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 3, 3)}));

    // Back up: the same table as at the start.
    Simulator::Schedule(Seconds(1), &Ipv4::SetUp, ipv4, down);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(Snapshot(obs), before);
    EXPECT_EQ(d->GetNRecomputations(), 3u);
    Simulator::Destroy();
}

TEST(RtmGraphClient, MulticastWeightsMakeTheMulticastViewDiffer)
{
    Fresh();
    RtmTopology t = Square();
    RtmGraphRoutingHelper graph;
    Ptr<Node> n0 = t.nodes.Get(0);
    graph.SetMulticastMetric(n0, IfOf(t, 0, 0), 10);
    graph.Install(t.nodes);
    RouteView u3 = GraphRoute(n0, RouterPrefix(t, 3), RTM_VIEW_MASK_UCAST);
    RouteView m3 = GraphRoute(n0, RouterPrefix(t, 3), RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(u3.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 0, 0), Hop(t, 1, 0)}));
    EXPECT_EQ(u3.views, RTM_VIEW_MASK_UCAST);
    EXPECT_EQ(m3.hops, (std::set<std::pair<std::string, uint32_t>>{Hop(t, 1, 0)}));
    EXPECT_EQ(m3.views, RTM_VIEW_MASK_MCAST);
    RouteView u1 = GraphRoute(n0, RouterPrefix(t, 1), RTM_VIEW_MASK_UCAST);
    RouteView m1 = GraphRoute(n0, RouterPrefix(t, 1), RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(u1.metric, 1u);
    EXPECT_EQ(m1.metric, 3u);
    EXPECT_NE(u1.handle, m1.handle);
    // Where both views agree, one route serves both.
    RouteView u2 = GraphRoute(n0, RouterPrefix(t, 2), RTM_VIEW_MASK_UCAST);
    EXPECT_EQ(u2.views, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    // Unicast forwarding is unaffected.
    RtmPathValidator v(t, RtmPathOracle::WEIGHTS);
    EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u);
    Simulator::Destroy();
}

TEST(RtmGraphClient, PrefixModes)
{
    const std::vector<Edge> line{Edge{0, 1, 1}, Edge{1, 2, 1}, Edge{2, 3, 1}};
    // All: 4 router addresses + 3 subnets; Routers: 4; Links: 3.
    const std::vector<std::pair<std::string, uint64_t>> modes{{"All", 4 * 7 - 4 - 6},
                                                              {"Routers", 4 * 3},
                                                              {"Links", 4 * 3 - 6}};
    for (const auto& m : modes)
    {
        Fresh();
        RtmTopology t = MakeTopology(4, line);
        RtmGraphRoutingHelper graph;
        graph.SetDomainAttribute("Prefixes", StringValue(m.first));
        Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
        EXPECT_EQ(d->GetNRoutes(), m.second) << m.first;
        RtmPathValidator v(t,
                           RtmPathOracle::WEIGHTS,
                           m.first == "Links" ? RtmPathValidator::PREDECESSOR_LINK
                                              : RtmPathValidator::ROUTER_ADDRESS);
        EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u) << m.first;
        Simulator::Destroy();
    }
}

TEST(RtmGraphClient, AggregationForwardsExactlyWithFewerRoutes)
{
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
        RtmTopology t = MakeTopology(12, edges);
        RtmGraphRoutingHelper graph;
        graph.SetDomainAttribute("Aggregate", BooleanValue(aggregate));
        Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
        if (!aggregate)
        {
            plain = d->GetNRoutes();
        }
        else
        {
            EXPECT_LT(d->GetNRoutes(), plain);
        }
        RtmPathValidator v(t, RtmPathOracle::WEIGHTS);
        EXPECT_EQ(v.ValidateAll(nullptr).mismatches, 0u) << aggregate;
        // Link 12 (0-6) fails at node 6.
        Simulator::Schedule(Seconds(1),
                            &Ipv4::SetDown,
                            t.nodes.Get(6)->GetObject<Ipv4>(),
                            IfOf(t, 12, 6));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        RtmTopology cut = t;
        auto e = boost::edge(0, 6, cut.graph);
        ASSERT_TRUE(e.second);
        boost::remove_edge(e.first, cut.graph);
        RtmPathValidator v2(cut, RtmPathOracle::WEIGHTS);
        RtmPathValidator::Summary s = v2.ValidateAll(nullptr);
        EXPECT_EQ(s.mismatches, 0u)
            << aggregate << " " << (s.examples.empty() ? "" : s.examples.front());
        Simulator::Destroy();
    }
}

TEST(RtmGraphClient, CsmaSegmentIsAFullMesh)
{
    Fresh();
    NodeContainer nodes;
    nodes.Create(4);
    InternetStackHelper stack;
    stack.SetRoutingHelper(RtmHelper());
    stack.SetIpv6StackInstall(false);
    stack.Install(nodes);
    CsmaHelper csma;
    NetDeviceContainer lan = csma.Install(NodeContainer(nodes.Get(0), nodes.Get(1), nodes.Get(2)));
    NetDeviceContainer p2p = csma.Install(NodeContainer(nodes.Get(2), nodes.Get(3)));
    auto assign = [](Ptr<NetDevice> dev, const char* addr, const char* mask, uint16_t metric) {
        Ptr<Ipv4> ipv4 = dev->GetNode()->GetObject<Ipv4>();
        int32_t i = ipv4->AddInterface(dev);
        ipv4->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(addr), Ipv4Mask(mask)));
        ipv4->SetMetric(i, metric);
        ipv4->SetUp(i);
    };
    assign(lan.Get(0), "192.168.1.1", "255.255.255.0", 1);
    assign(lan.Get(1), "192.168.1.2", "255.255.255.0", 1);
    assign(lan.Get(2), "192.168.1.3", "255.255.255.0", 2);
    assign(p2p.Get(0), "192.168.2.1", "255.255.255.0", 1);
    assign(p2p.Get(1), "192.168.2.2", "255.255.255.0", 1);
    RtmGraphRoutingHelper graph;
    Ptr<RtmGraphDomain> d = graph.Install(nodes);
    EXPECT_EQ(boost::num_edges(d->GetGraph().GetGraph()), 8u); // 3*2 on the LAN + 2
    RouteView r = GraphRoute(nodes.Get(0), "192.168.2.0/24");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.metric, 1u);
    EXPECT_EQ(r.hops,
              (std::set<std::pair<std::string, uint32_t>>{std::make_pair("192.168.1.3", 1u)}));
    RouteView back = GraphRoute(nodes.Get(3), "192.168.1.0/24");
    EXPECT_EQ(back.metric, 1u);
    std::ostringstream dot;
    d->WriteGraphviz(dot);
    EXPECT_NE(dot.str().find("digraph"), std::string::npos);
    Simulator::Destroy();
}

TEST(RtmGraphClient, DeterministicAcrossRuns)
{
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
        RtmTopology t = MakeTopology(10, edges);
        RtmGraphRoutingHelper graph;
        graph.Install(t.nodes);
        std::map<std::string, std::string> all;
        for (uint32_t v = 0; v < 10; ++v)
        {
            Ptr<RtmRegistration> reg =
                RtmGraphRoutingHelper::GetGraphClient(t.nodes.Get(v))->GetRegistration();
            for (const auto& kv : Snapshot(reg))
            {
                all[std::to_string(v) + " " + kv.first] = kv.second;
            }
        }
        snaps.push_back(all);
        Simulator::Destroy();
    }
    EXPECT_EQ(snaps[0], snaps[1]);
}

TEST(RtmGraphClient, PacketsFollowTheRoutes)
{
    Fresh();
    RtmTopology t =
        MakeTopology(5,
                     {Edge{0, 1, 1}, Edge{0, 2, 1}, Edge{1, 3, 1}, Edge{2, 3, 1}, Edge{3, 4, 2}});
    RtmGraphRoutingHelper graph;
    graph.Install(t.nodes);
    Ptr<Socket> sink = Socket::CreateSocket(t.nodes.Get(4), UdpSocketFactory::GetTypeId());
    ASSERT_EQ(sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9)), 0);
    uint32_t received = 0;
    sink->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([&received](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++received;
        }
    }));
    std::vector<Ptr<Socket>> senders;
    for (uint32_t i = 0; i < 20; ++i)
    {
        Ptr<Socket> s = Socket::CreateSocket(t.nodes.Get(0), UdpSocketFactory::GetTypeId());
        s->Bind();
        s->Connect(InetSocketAddress(t.routerAddress[4], 9));
        senders.push_back(s);
        RtmSchedule(MilliSeconds(10 + i), [s]() { s->Send(Create<Packet>(100)); });
    }
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_EQ(received, 20u);
    Simulator::Destroy();
}
