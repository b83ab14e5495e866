/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: living with ns-3 (issue 3). ns-3's Ipv4ListRouting picks the first protocol that answers,
 * so a /8 of a higher-priority protocol beats a /24 of a lower-priority one (static + static, or
 * static + global routing) and traffic takes the wrong path; RTM, given the same two routes from
 * two clients, forwards by longest-prefix match. RTM also works inside an Ipv4ListRouting next to
 * Ipv4StaticRouting (helpers find both), and its tables print through
 * Ipv4RoutingHelper::PrintRoutingTableAllAt and NetAnim's route tracking.
 */
#include "rtm-sim-util.h"

#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#ifdef RTM_HAVE_NETANIM
#include "ns3/animation-interface.h"

#include <unistd.h>
#endif

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>

#include RTM_NS3_GLOBAL_ROUTING_H // Ipv4GlobalRouting

namespace
{

using namespace ns3;
using namespace rtmsim;

/// Where the traffic of one run went.
struct PathCount
{
    uint32_t viaRa{0};    //!< packets forwarded by RA (the long path, via the /8)
    uint32_t viaRb{0};    //!< packets forwarded by RB (the short path, via the /24)
    uint32_t received{0}; //!< packets that reached H1
};

/// Send 20 packets H0 -> H1 over \p t and count where they went (RA/RB forwarding by the IP layer).
PathCount
SendAcross(const TwoPathNet& t)
{
    L3Log l3;
    l3.Attach(t.all);
    UdpReceiver rx(t.h1, 9);
    UdpSender tx(t.h0);
    tx.Schedule(t.Dest(), 9, 20, Seconds(1));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    PathCount c;
    c.viaRa = l3.Forwarded(t.ra->GetId(), t.Dest());
    c.viaRb = l3.Forwarded(t.rb->GetId(), t.Dest());
    c.received = rx.received;
    return c;
}

/// Install the internet stack with \p helper on the node \p index of \p nodes.
void
InstallOn(const NodeContainer& nodes, uint32_t index, const Ipv4RoutingHelper& helper)
{
    InternetStackHelper stack;
    stack.SetRoutingHelper(helper);
    stack.SetIpv6StackInstall(false);
    stack.Install(nodes.Get(index));
}

/// RTM on R1: client A (preference 10) has 10.0.0.0/8 via RA, client B (120) 10.9.1.0/24 via RB.
TEST(RtmListRoutingSim, RtmUsesLongestPrefixAcrossClients)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(7);
    TwoPathNet t = BuildTwoPath(n);
    std::vector<std::unique_ptr<SimClient>> keep;
    AddTwoPathTransitRoutes(t, keep);
    SimClient a, b;
    ASSERT_EQ(a.Register(t.r1, 0, RTM_PROTO_IP_NETMGMT, 0, 10), RtmStatus::Success);
    ASSERT_EQ(b.Register(t.r1, 0, RTM_PROTO_IP_RIP, 0, 120), RtmStatus::Success);
    a.Add("10.0.0.0/8", {"10.0.1.2"});
    b.Add("10.9.1.0/24", {"10.0.4.2"});
    PathCount c = SendAcross(t);
    EXPECT_EQ(c.received, 20u);
    EXPECT_EQ(c.viaRb, 20u);
    EXPECT_EQ(c.viaRa, 0u);
    Simulator::Destroy();
}

/*
 * ns-3: R1 runs Ipv4ListRouting with two Ipv4StaticRouting protocols, the /8 via RA at priority
 * 10 and the /24 via RB at priority 0 (the other nodes run RTM with the same transit routes).
 * The list asks the priority-10 protocol first, which answers with its /8: traffic goes the long
 * way, through RA.
 */
TEST(RtmListRoutingSim, ListRoutingStaticPlusStaticPicksTheShorterPrefix)
{
    FreshSimulation();
    NodeContainer n;
    n.Create(7);
    Ipv4StaticRoutingHelper staticHelper;
    Ipv4ListRoutingHelper list;
    list.Add(staticHelper, 10);
    list.Add(staticHelper, 0);
    RtmHelper rtm;
    for (uint32_t i = 0; i < 7; ++i)
    {
        if (i == 1)
        {
            InstallOn(n, i, list);
        }
        else
        {
            InstallOn(n, i, rtm);
        }
    }
    TwoPathNet t = BuildTwoPath(n);
    std::vector<std::unique_ptr<SimClient>> keep;
    AddTwoPathTransitRoutes(t, keep);
    Ptr<Ipv4> ipv4 = Ipv4Of(t.r1);
    Ptr<Ipv4ListRouting> lr = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
    ASSERT_TRUE(lr);
    ASSERT_EQ(lr->GetNRoutingProtocols(), 2u);
    int16_t p0 = 0, p1 = 0;
    Ptr<Ipv4StaticRouting> high = DynamicCast<Ipv4StaticRouting>(lr->GetRoutingProtocol(0, p0));
    Ptr<Ipv4StaticRouting> low = DynamicCast<Ipv4StaticRouting>(lr->GetRoutingProtocol(1, p1));
    ASSERT_TRUE(high && low);
    EXPECT_EQ(p0, 10);
    EXPECT_EQ(p1, 0);
    high->AddNetworkRouteTo("10.0.0.0", "255.0.0.0", "10.0.1.2", t.r1ra.ifA);
    low->AddNetworkRouteTo("10.9.1.0", "255.255.255.0", "10.0.4.2", t.r1rb.ifA);
    PathCount c = SendAcross(t);
    EXPECT_EQ(c.received, 20u);
    EXPECT_EQ(c.viaRa, 20u) << "ns-3's list routing was expected to prefer the /8";
    EXPECT_EQ(c.viaRb, 0u);
    Simulator::Destroy();
}

/*
 * ns-3: every node runs the default list {static @0, global @-10}; R1's static protocol has the
 * /8 via RA. Global routing alone would send H1's traffic via RB (its shortest path, which the
 * test checks in its table), but static answers first.
 */
TEST(RtmListRoutingSim, ListRoutingStaticPlusGlobalPicksTheShorterPrefix)
{
    FreshSimulation();
    NodeContainer n;
    n.Create(7);
    Ipv4StaticRoutingHelper staticHelper;
    Ipv4GlobalRoutingHelper globalHelper;
    Ipv4ListRoutingHelper list;
    list.Add(staticHelper, 0);
    list.Add(globalHelper, -10);
    InternetStackHelper stack;
    stack.SetRoutingHelper(list);
    stack.SetIpv6StackInstall(false);
    stack.Install(n);
    TwoPathNet t = BuildTwoPath(n);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    Ptr<Ipv4> ipv4 = Ipv4Of(t.r1);
    Ptr<Ipv4GlobalRouting> global =
        Ipv4RoutingHelper::GetRouting<Ipv4GlobalRouting>(ipv4->GetRoutingProtocol());
    ASSERT_TRUE(global);
    bool globalViaRb = false;
    for (uint32_t i = 0; i < global->GetNRoutes(); ++i)
    {
        Ipv4RoutingTableEntry* e = global->GetRoute(i);
        if (e->GetDest() == Ipv4Address("10.9.1.0") ||
            e->GetDest() == Ipv4Address("10.9.1.2")) // network or host route
        {
            globalViaRb = globalViaRb || e->GetGateway() == Ipv4Address("10.0.4.2");
        }
    }
    EXPECT_TRUE(globalViaRb) << "global routing's own answer should be the short path";
    staticHelper.GetStaticRouting(ipv4)->AddNetworkRouteTo("10.0.0.0",
                                                           "255.0.0.0",
                                                           "10.0.1.2",
                                                           t.r1ra.ifA);
    PathCount c = SendAcross(t);
    EXPECT_EQ(c.received, 20u);
    EXPECT_EQ(c.viaRa, 20u) << "ns-3's list routing was expected to prefer the static /8";
    EXPECT_EQ(c.viaRb, 0u);
    Simulator::Destroy();
}

/*
 * RTM inside an Ipv4ListRouting (RTM @10, static @0) on every node of a chain
 * H0 - R1 - R2 - H1. Some routes are in RTM, some in static routing: H0's and H1's default
 * routes (static), R1's route to H1's network (RTM), R2's route back to H0's network (static).
 */
TEST(RtmListRoutingSim, RtmInsideListRoutingNextToStatic)
{
    FreshSimulation();
    NodeContainer n;
    n.Create(4);
    RtmHelper rtm;
    Ipv4StaticRoutingHelper staticHelper;
    Ipv4ListRoutingHelper list;
    list.Add(rtm, 10);
    list.Add(staticHelper, 0);
    InternetStackHelper stack;
    stack.SetRoutingHelper(list);
    stack.SetIpv6StackInstall(false);
    stack.Install(n);
    Ptr<Node> h0 = n.Get(0), r1 = n.Get(1), r2 = n.Get(2), h1 = n.Get(3);
    Link l0 = P2p(h0, r1, "10.0.0.0/24");
    Link l12 = P2p(r1, r2, "10.0.12.0/24");
    Link l2 = P2p(r2, h1, "10.0.2.0/24");

    for (uint32_t i = 0; i < 4; ++i)
    {
        Ptr<Ipv4> ipv4 = Ipv4Of(n.Get(i));
        Ptr<RtmIpv4Routing> found =
            Ipv4RoutingHelper::GetRouting<RtmIpv4Routing>(ipv4->GetRoutingProtocol());
        EXPECT_TRUE(found) << "node " << i;
        EXPECT_EQ(found, RtmOf(n.Get(i)));
        EXPECT_TRUE(staticHelper.GetStaticRouting(ipv4)) << "node " << i;
        EXPECT_TRUE(RouterOf(n.Get(i)));
    }
    staticHelper.GetStaticRouting(Ipv4Of(h0))->SetDefaultRoute("10.0.0.2", l0.ifA);
    staticHelper.GetStaticRouting(Ipv4Of(h1))->SetDefaultRoute("10.0.2.1", l2.ifB);
    staticHelper.GetStaticRouting(Ipv4Of(r2))
        ->AddNetworkRouteTo("10.0.0.0", "255.255.255.0", "10.0.12.1", l12.ifB);
    SimClient c;
    ASSERT_EQ(c.Register(r1), RtmStatus::Success);
    c.Add("10.0.2.0/24", {"10.0.12.2"});

    RtmTraceLog log;
    log.Attach(n);
    L3Log l3;
    l3.Attach(n);
    UdpEchoServerHelper server(9);
    ApplicationContainer sa = server.Install(h1);
    sa.Start(Seconds(0.5));
    UdpEchoClientHelper client(l2.addrB, 9);
    client.SetAttribute("MaxPackets", UintegerValue(10));
    client.SetAttribute("Interval", TimeValue(MilliSeconds(50)));
    ApplicationContainer ca = client.Install(h0);
    ca.Start(Seconds(1));
    uint32_t echoed = 0;
    ca.Get(0)->TraceConnectWithoutContext("Rx",
                                          MakeBoundCallback(
                                              +[](uint32_t* count, Ptr<const Packet>) { ++*count; },
                                              &echoed));
    std::ostringstream printed;
    Ptr<OutputStreamWrapper> out = Create<OutputStreamWrapper>(&printed);
    Ipv4RoutingHelper::PrintRoutingTableAt(Seconds(2), r1, out);
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    EXPECT_EQ(echoed, 10u);
    // R1 forwarded requests with its RTM route and replies with RTM's connected route.
    EXPECT_EQ(log.Forwarded(r1->GetId(), l2.addrB), 10u);
    EXPECT_EQ(log.Forwarded(r1->GetId(), l0.addrA), 10u);
    // R2: requests by RTM (connected), replies by static routing (RTM has no route: declined).
    EXPECT_EQ(log.Forwarded(r2->GetId(), l2.addrB), 10u);
    EXPECT_EQ(log.Forwarded(r2->GetId(), l0.addrA), 0u);
    EXPECT_EQ(l3.Forwarded(r2->GetId(), l0.addrA), 10u);
    EXPECT_EQ(l3.Drops(r2->GetId(), Ipv4L3Protocol::DROP_NO_ROUTE), 0u);
    // The list prints both protocols.
    std::string text = printed.str();
    EXPECT_NE(text.find("ns3::RtmIpv4Routing"), std::string::npos) << text;
    EXPECT_NE(text.find("RtmIpv4Routing table"), std::string::npos) << text;
    EXPECT_NE(text.find("Ipv4StaticRouting table"), std::string::npos) << text;
    EXPECT_NE(text.find("10.0.2.0/24"), std::string::npos) << text;
    Simulator::Destroy();
}

/// PrintRoutingTableAllAt prints every node's RTM tables: instance, views, best marker.
TEST(RtmListRoutingSim, PrintRoutingTableAllAt)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(3);
    Link a = P2p(n.Get(0), n.Get(1), "10.0.0.0/24");
    Link b = P2p(n.Get(1), n.Get(2), "10.0.1.0/24");
    SimClient c0, c1;
    ASSERT_EQ(c0.Register(n.Get(0)), RtmStatus::Success);
    ASSERT_EQ(c1.Register(n.Get(1), 0, RTM_PROTO_IP_RIP, 0, 120), RtmStatus::Success);
    c0.Add("0.0.0.0/0", {"10.0.0.2"}, 0, 0, RTM_VIEW_MASK_UCAST);
    c1.Add("10.0.0.0/24", {"10.0.1.2"}); // loses to the connected route
    std::ostringstream printed;
    Ptr<OutputStreamWrapper> out = Create<OutputStreamWrapper>(&printed);
    Ipv4RoutingHelper::PrintRoutingTableAllAt(Seconds(1), out);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::string text = printed.str();
    for (uint32_t i = 0; i < 3; ++i)
    {
        EXPECT_NE(text.find("Node: " + std::to_string(i) + ", Time: "), std::string::npos) << text;
    }
    EXPECT_NE(text.find("RtmIpv4Routing table"), std::string::npos) << text;
    EXPECT_NE(text.find("RTM instance 0"), std::string::npos) << text;
    EXPECT_NE(text.find("view unicast (IPv4; * best, H held)"), std::string::npos) << text;
    EXPECT_NE(text.find("view multicast (IPv4; * best, H held)"), std::string::npos) << text;
    EXPECT_NE(text.find("0.0.0.0/0"), std::string::npos) << text;
    // On node 1, 10.0.0.0/24 has the connected route (best, '*') and RIP's (not best).
    std::size_t node1 = text.find("Node: 1,");
    ASSERT_NE(node1, std::string::npos);
    std::size_t dest = text.find("    10.0.0.0/24\n", node1);
    ASSERT_NE(dest, std::string::npos) << text;
    std::size_t line1 = text.find('\n', dest + 5) + 1;
    std::string best = text.substr(line1, text.find('\n', line1) - line1);
    EXPECT_NE(best.find("* connected pref 1"), std::string::npos) << best;
    std::size_t line2 = text.find('\n', line1) + 1;
    std::string other = text.substr(line2, text.find('\n', line2) - line2);
    EXPECT_NE(other.find("  RIP pref 120"), std::string::npos) << other;
    EXPECT_EQ(other.find('*'), std::string::npos) << other;
    (void)a;
    (void)b;
    Simulator::Destroy();
}

/// NetAnim's route tracking writes RTM's tables and the route path from RouteOutput.
TEST(RtmListRoutingSim, NetAnimRouteTracking)
{
#ifndef RTM_HAVE_NETANIM
    GTEST_SKIP() << "built without NetAnim";
#else
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(4);
    Ptr<Node> h0 = n.Get(0), r1 = n.Get(1), r2 = n.Get(2), h1 = n.Get(3);
    Link l0 = P2p(h0, r1, "10.0.0.0/24");
    Link l12 = P2p(r1, r2, "10.0.12.0/24");
    Link l2 = P2p(r2, h1, "10.0.2.0/24");
    SimClient c0, c1, c3;
    ASSERT_EQ(c0.Register(h0), RtmStatus::Success);
    ASSERT_EQ(c1.Register(r1), RtmStatus::Success);
    ASSERT_EQ(c3.Register(h1), RtmStatus::Success);
    c0.Add("0.0.0.0/0", {"10.0.0.2"});
    c1.Add("10.0.2.0/24", {"10.0.12.2"});
    c3.Add("0.0.0.0/0", {"10.0.2.1"});
    for (uint32_t i = 0; i < 4; ++i)
    {
        AnimationInterface::SetConstantPosition(n.Get(i), 10.0 * i, 10.0);
    }
    std::string base = testing::TempDir() + "rtm-netanim-" + std::to_string(::getpid());
    std::string animFile = base + ".xml";
    std::string routeFile = base + "-routes.xml";
    {
        AnimationInterface anim(animFile);
        anim.EnableIpv4RouteTracking(routeFile, Seconds(0.5), Seconds(2), Seconds(1));
        anim.AddSourceDestination(h0->GetId(), "10.0.2.2");
        Simulator::Stop(Seconds(2.5));
        Simulator::Run();
    }
    Simulator::Destroy();
    std::ifstream in(routeFile);
    ASSERT_TRUE(in.good()) << routeFile;
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove(animFile.c_str());
    std::remove(routeFile.c_str());
    EXPECT_NE(xml.find("<rt "), std::string::npos) << xml.substr(0, 2000);
    EXPECT_NE(xml.find("RtmIpv4Routing table"), std::string::npos);
    EXPECT_NE(xml.find("RTM instance 0"), std::string::npos);
    EXPECT_NE(xml.find("view unicast"), std::string::npos);
    // The route path H0 -> R1 -> R2 -> H1 computed with RTM's RouteOutput on each node.
    std::size_t rp = xml.find("<rp ");
    ASSERT_NE(rp, std::string::npos) << xml.substr(0, 2000);
    std::string path = xml.substr(rp, xml.find("</rp>", rp) - rp);
    EXPECT_NE(path.find("d=\"10.0.2.2\""), std::string::npos) << path;
    EXPECT_NE(path.find("n=\"0\" nH=\"10.0.0.2\""), std::string::npos) << path;
    EXPECT_NE(path.find("n=\"1\" nH=\"10.0.12.2\""), std::string::npos) << path;
    EXPECT_NE(path.find("n=\"2\" nH=\"C\""), std::string::npos) << path;
    EXPECT_NE(path.find("n=\"3\" nH=\"L\""), std::string::npos) << path;
    (void)l0;
    (void)l12;
    (void)l2;
#endif
}

} // namespace
