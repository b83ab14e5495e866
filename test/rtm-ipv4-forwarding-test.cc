/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the IPv4 forwarding plane in real ns-3 simulations (issue 3): packets of ns-3 applications
 * follow the paths the RTM tables say over point-to-point and CSMA links; preference decides
 * between clients whatever the order of installation, longest-prefix match beats preference;
 * interface down/up moves traffic to a backup route and back; hold-down keeps a held route that
 * is never used for forwarding; ECMP spreads flows and keeps each flow on one path.
 */
#include "rtm-sim-util.h"

#include "ns3/rtm-ns3-compat.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;
using namespace rtmsim;

/// Counts the packets of a trace source ("Rx" of the UDP echo applications).
void
CountPacket(uint32_t* counter, Ptr<const Packet>)
{
    ++*counter;
}

/// Counts the packets of an "RxWithAddresses" trace source (the UDP echo server's "Rx" changed
/// its signature in ns-3.47; this one is the same in every release).
void
CountPacketWithAddresses(uint32_t* counter, Ptr<const Packet>, const Address&, const Address&)
{
    ++*counter;
}

// ------------------------------------------------------------------------------------------------
// Paths over point-to-point links
// ------------------------------------------------------------------------------------------------

/*
 *            R2 -------- R3
 *   H0 -- R1 |            | -- H1
 *            R4 ---------
 * Requests H0 -> H1 are routed R1 -> R4 -> R3, replies H1 -> H0 R3 -> R2 -> R1 (asymmetric on
 * purpose, so a test that passed by luck on a shortest path would fail here).
 */
TEST(RtmForwardingSim, ApplicationsFollowTheTablesOverPointToPoint)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(6);
    Ptr<Node> h0 = n.Get(0), r1 = n.Get(1), r2 = n.Get(2), r3 = n.Get(3), r4 = n.Get(4),
              h1 = n.Get(5);
    Link l0 = P2p(h0, r1, "10.0.0.0/24");
    Link l12 = P2p(r1, r2, "10.0.12.0/24");
    Link l23 = P2p(r2, r3, "10.0.23.0/24");
    Link l14 = P2p(r1, r4, "10.0.14.0/24");
    Link l43 = P2p(r4, r3, "10.0.43.0/24");
    Link l3 = P2p(r3, h1, "10.0.3.0/24");

    std::vector<SimClient> c(6);
    for (uint32_t i = 0; i < 6; ++i)
    {
        ASSERT_EQ(c[i].Register(n.Get(i)), RtmStatus::Success);
    }
    c[0].Add("0.0.0.0/0", {"10.0.0.2"});
    c[5].Add("0.0.0.0/0", {"10.0.3.1"});
    c[1].Add("10.0.3.0/24", {"10.0.14.2"}); // R1 -> R4
    c[4].Add("10.0.3.0/24", {"10.0.43.2"}); // R4 -> R3
    c[3].Add("10.0.0.0/24", {"10.0.23.1"}); // R3 -> R2
    c[2].Add("10.0.0.0/24", {"10.0.12.1"}); // R2 -> R1

    RtmTraceLog log;
    log.Attach(n);

    Ipv4Address h0a = l0.addrA;
    Ipv4Address h1a = l3.addrB;
    UdpEchoServerHelper echoServer(9);
    ApplicationContainer sa = echoServer.Install(h1);
    sa.Start(Seconds(0.5));
    UdpEchoClientHelper echoClient(h1a, 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(10));
    echoClient.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    echoClient.SetAttribute("PacketSize", UintegerValue(64));
    ApplicationContainer ca = echoClient.Install(h0);
    ca.Start(Seconds(1));
    uint32_t serverRx = 0, clientRx = 0;
    sa.Get(0)->TraceConnectWithoutContext("RxWithAddresses",
                                          MakeBoundCallback(&CountPacketWithAddresses, &serverRx));
    ca.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountPacket, &clientRx));

    UdpServerHelper udpServer(4000);
    ApplicationContainer us = udpServer.Install(h1);
    us.Start(Seconds(0.5));
    UdpClientHelper udpClient(h1a, 4000);
    udpClient.SetAttribute("MaxPackets", UintegerValue(50));
    udpClient.SetAttribute("Interval", TimeValue(MilliSeconds(10)));
    udpClient.SetAttribute("PacketSize", UintegerValue(200));
    ApplicationContainer uc = udpClient.Install(h0);
    uc.Start(Seconds(1.2));

    Simulator::Stop(Seconds(4));
    Simulator::Run();

    EXPECT_EQ(serverRx, 10u);
    EXPECT_EQ(clientRx, 10u);
    EXPECT_EQ(DynamicCast<UdpServer>(us.Get(0))->GetReceived(), 50u);
    // Requests and the UDP flow: R1 -> R4 -> R3 only.
    EXPECT_EQ(log.Forwarders(h1a), (std::set<uint32_t>{r1->GetId(), r4->GetId(), r3->GetId()}));
    EXPECT_EQ(log.Forwarded(r1->GetId(), h1a), 60u);
    EXPECT_EQ(log.Forwarded(r4->GetId(), h1a), 60u);
    EXPECT_EQ(log.Forwarded(r3->GetId(), h1a), 60u);
    EXPECT_EQ(log.Forwarded(r2->GetId(), h1a), 0u);
    for (const auto& f : log.forwards)
    {
        if (f.node == r1->GetId() && f.dst == h1a)
        {
            EXPECT_EQ(f.iif, static_cast<int32_t>(l0.ifB));
            EXPECT_EQ(f.oif, l14.ifA);
        }
    }
    // Replies: R3 -> R2 -> R1.
    EXPECT_EQ(log.Forwarders(h0a), (std::set<uint32_t>{r3->GetId(), r2->GetId(), r1->GetId()}));
    EXPECT_EQ(log.Forwarded(r2->GetId(), h0a), 10u);
    EXPECT_EQ(log.Forwarded(r4->GetId(), h0a), 0u);
    EXPECT_TRUE(log.drops.empty());
    EXPECT_EQ(RtmOf(r1)->GetForwardCount(), 70u);
    (void)l12;
    Simulator::Destroy();
}

// ------------------------------------------------------------------------------------------------
// Paths over CSMA segments, and a table change during the run
// ------------------------------------------------------------------------------------------------

/*
 *  LAN A 10.1.0.0/24: H0 (.1), R1 (.2), R2 (.3)
 *  LAN B 10.2.0.0/24: R1 (.1), R2 (.2), H1 (.3)
 * H0's default route goes through R2, H1's through R1. At 1.55 s H0 gets a better default route
 * (lower preference) through R1 and the following requests take it.
 */
TEST(RtmForwardingSim, ApplicationsFollowTheTablesOverCsma)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(4);
    Ptr<Node> h0 = n.Get(0), r1 = n.Get(1), r2 = n.Get(2), h1 = n.Get(3);
    Lan a = Csma(NodeContainer(h0, r1, r2), "10.1.0.0/24");
    Lan b = Csma(NodeContainer(r1, r2, h1), "10.2.0.0/24");

    SimClient c0, c3;
    ASSERT_EQ(c0.Register(h0), RtmStatus::Success);
    ASSERT_EQ(c3.Register(h1), RtmStatus::Success);
    c0.Add("0.0.0.0/0", {"10.1.0.3"}); // via R2, default preference (150)
    c3.Add("0.0.0.0/0", {"10.2.0.1"}); // via R1
    RtmSchedule(Seconds(1.55), [&c0]() { c0.Add("0.0.0.0/0", {"10.1.0.2"}, 5); });

    RtmTraceLog log;
    log.Attach(n);
    Ipv4Address h0a = a.addrs[0];
    Ipv4Address h1a = b.addrs[2];

    UdpEchoServerHelper echoServer(9);
    ApplicationContainer sa = echoServer.Install(h1);
    sa.Start(Seconds(0.5));
    UdpEchoClientHelper echoClient(h1a, 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(20));
    echoClient.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    ApplicationContainer ca = echoClient.Install(h0);
    ca.Start(Seconds(1));
    uint32_t clientRx = 0;
    ca.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountPacket, &clientRx));

    Simulator::Stop(Seconds(4));
    Simulator::Run();

    EXPECT_EQ(clientRx, 20u);
    // Requests at 1.0 .. 1.5 s went through R2, the 14 later ones through R1.
    EXPECT_EQ(log.Forwarded(r2->GetId(), h1a), 6u);
    EXPECT_EQ(log.Forwarded(r1->GetId(), h1a), 14u);
    // Every reply went through R1 (H1's table), none through R2.
    EXPECT_EQ(log.Forwarded(r1->GetId(), h0a), 20u);
    EXPECT_EQ(log.Forwarded(r2->GetId(), h0a), 0u);
    for (const auto& f : log.forwards)
    {
        if (f.node == r2->GetId())
        {
            EXPECT_EQ(f.iif, static_cast<int32_t>(a.ifs[2]));
            EXPECT_EQ(f.oif, b.ifs[1]);
            EXPECT_LT(f.t, Seconds(1.55));
        }
    }
    EXPECT_TRUE(log.drops.empty());
    Simulator::Destroy();
}

// ------------------------------------------------------------------------------------------------
// Preference between clients, and longest-prefix match across clients
// ------------------------------------------------------------------------------------------------

/// Which client installs first.
enum class Order
{
    AFirst,
    BFirst
};

/// The result of one run of the two-path topology.
struct TwoPathResult
{
    uint32_t viaA{0};     //!< packets R1 forwarded toward RA
    uint32_t viaB{0};     //!< packets R1 forwarded toward RB
    uint32_t received{0}; //!< packets H1 received
    std::string table;    //!< R1's table after the run
};

/**
 * Run the two-path topology with two clients on R1: client A (NETMGMT, preference 10) adds
 * \p prefixA via RA, client B (RIP, preference 120) adds \p prefixB via RB, in \p order.
 * H0 sends 20 packets to H1.
 */
TwoPathResult
RunTwoClients(Order order, const std::string& prefixA, const std::string& prefixB)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(7);
    TwoPathNet t = BuildTwoPath(n);
    std::vector<std::unique_ptr<SimClient>> keep;
    AddTwoPathTransitRoutes(t, keep);
    SimClient a, b;
    EXPECT_EQ(a.Register(t.r1, 0, RTM_PROTO_IP_NETMGMT, 0, 10), RtmStatus::Success);
    EXPECT_EQ(b.Register(t.r1, 0, RTM_PROTO_IP_RIP, 0, 120), RtmStatus::Success);
    if (order == Order::AFirst)
    {
        a.Add(prefixA, {"10.0.1.2"});
        b.Add(prefixB, {"10.0.4.2"});
    }
    else
    {
        b.Add(prefixB, {"10.0.4.2"});
        a.Add(prefixA, {"10.0.1.2"});
    }
    RtmTraceLog log;
    log.Attach(n);
    UdpReceiver rx(t.h1, 9);
    UdpSender tx(t.h0);
    tx.Schedule(t.Dest(), 9, 20, Seconds(1));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    TwoPathResult r;
    for (const auto& f : log.forwards)
    {
        if (f.node == t.r1->GetId())
        {
            r.viaA += f.oif == t.r1ra.ifA;
            r.viaB += f.oif == t.r1rb.ifA;
        }
    }
    r.received = rx.received;
    r.table = RoutingTableText(t.r1);
    EXPECT_EQ(log.Forwarded(t.ra->GetId()), r.viaA);
    EXPECT_EQ(log.Forwarded(t.rb->GetId()), r.viaB);
    Simulator::Destroy();
    return r;
}

class RtmTwoClientOrder : public testing::TestWithParam<Order>
{
};

TEST_P(RtmTwoClientOrder, PreferenceDecidesNotInstallationOrder)
{
    TwoPathResult r = RunTwoClients(GetParam(), "10.9.1.0/24", "10.9.1.0/24");
    EXPECT_EQ(r.received, 20u);
    EXPECT_EQ(r.viaA, 20u) << r.table;
    EXPECT_EQ(r.viaB, 0u);
    // Both routes are in the table, A's is marked best.
    EXPECT_NE(r.table.find("* static pref 10"), std::string::npos) << r.table;
    EXPECT_NE(r.table.find("  RIP pref 120"), std::string::npos) << r.table;
}

TEST_P(RtmTwoClientOrder, LongerPrefixOfWorsePreferenceWins)
{
    TwoPathResult r = RunTwoClients(GetParam(), "10.0.0.0/8", "10.9.1.0/24");
    EXPECT_EQ(r.received, 20u);
    EXPECT_EQ(r.viaB, 20u) << r.table;
    EXPECT_EQ(r.viaA, 0u);
}

INSTANTIATE_TEST_SUITE_P(BothOrders,
                         RtmTwoClientOrder,
                         testing::Values(Order::AFirst, Order::BFirst),
                         [](const testing::TestParamInfo<Order>& i) {
                             return i.param == Order::AFirst ? std::string("AFirst")
                                                             : std::string("BFirst");
                         });

/// When the preferred client withdraws its route the next candidate takes over, and back.
TEST(RtmForwardingSim, WithdrawnBestRouteFallsBackToNextCandidate)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(7);
    TwoPathNet t = BuildTwoPath(n);
    std::vector<std::unique_ptr<SimClient>> keep;
    AddTwoPathTransitRoutes(t, keep);
    SimClient a, b;
    ASSERT_EQ(a.Register(t.r1, 0, RTM_PROTO_IP_NETMGMT, 0, 10), RtmStatus::Success);
    ASSERT_EQ(b.Register(t.r1, 0, RTM_PROTO_IP_RIP, 0, 120), RtmStatus::Success);
    RtmRouteHandle ra = a.Add("10.9.1.0/24", {"10.0.1.2"});
    b.Add("10.9.1.0/24", {"10.0.4.2"});
    RtmSchedule(Seconds(2), [&a, &ra]() { EXPECT_EQ(a.Delete(ra), RtmStatus::Success); });
    RtmSchedule(Seconds(3), [&a]() { a.Add("10.9.1.0/24", {"10.0.1.2"}); });
    RtmTraceLog log;
    log.Attach(n);
    UdpReceiver rx(t.h1, 9);
    UdpSender tx(t.h0);
    tx.Schedule(t.Dest(), 9, 300, Seconds(1.005), MilliSeconds(10)); // 1.005 .. 3.995 s
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(rx.received, 300u);
    uint32_t aBefore = 0, bDuring = 0, aAfter = 0, wrong = 0;
    for (const auto& f : log.forwards)
    {
        if (f.node != t.r1->GetId())
        {
            continue;
        }
        bool viaA = f.oif == t.r1ra.ifA;
        bool viaB = f.oif == t.r1rb.ifA;
        if (f.t < Seconds(2))
        {
            aBefore += viaA;
            wrong += !viaA;
        }
        else if (f.t < Seconds(3))
        {
            bDuring += viaB;
            wrong += !viaB;
        }
        else
        {
            aAfter += viaA;
            wrong += !viaA;
        }
    }
    EXPECT_EQ(aBefore, 100u);
    EXPECT_EQ(bDuring, 100u);
    EXPECT_EQ(aAfter, 100u);
    EXPECT_EQ(wrong, 0u);
    Simulator::Destroy();
}

// ------------------------------------------------------------------------------------------------
// Interface down / up, backup routes and hold-down
// ------------------------------------------------------------------------------------------------

/*
 *  H0 --(10.0.0.0/24)-- R1 --(10.0.13.0/24)-- R3
 *                        |                     |
 *                     LAN 10.4.0.0/24: R1 (.1), R3 (.2), D (.3); D also owns 10.7.0.1/32
 * R1 reaches the LAN through its connected route (preference 1); client B on R1 has a backup
 * route to 10.4.0.0/24 via R3 (preference 50). R1's LAN interface goes down at 2 s and up at
 * 4 s. Client A on R1 has 10.7.0.0/24 via R3 and the covering 10.7.0.0/16 straight to D; at 5 s
 * it arms hold-down on 10.7.0.0/24 (1 s) and withdraws the route there.
 */
TEST(RtmForwardingSim, InterfaceDownMovesTrafficToBackupAndBack)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(4);
    Ptr<Node> h0 = n.Get(0), r1 = n.Get(1), r3 = n.Get(2), d = n.Get(3);
    Link l0 = P2p(h0, r1, "10.0.0.0/24");
    Link l13 = P2p(r1, r3, "10.0.13.0/24");
    Lan lan = Csma(NodeContainer(r1, r3, d), "10.4.0.0/24");
    Ptr<Ipv4> d4 = Ipv4Of(d);
    d4->AddAddress(lan.ifs[2], Ipv4InterfaceAddress("10.7.0.1", "255.255.255.255"));
    uint32_t r1Lan = lan.ifs[0];

    SimClient h0c, dc, a, b, r3c;
    ASSERT_EQ(h0c.Register(h0), RtmStatus::Success);
    ASSERT_EQ(dc.Register(d), RtmStatus::Success);
    ASSERT_EQ(a.Register(r1, 0, RTM_PROTO_IP_NETMGMT, 0, 10), RtmStatus::Success);
    ASSERT_EQ(b.Register(r1, 0, RTM_PROTO_IP_RIP, 0, 50), RtmStatus::Success);
    ASSERT_EQ(r3c.Register(r3), RtmStatus::Success);
    h0c.Add("0.0.0.0/0", {"10.0.0.2"});
    dc.Add("0.0.0.0/0", {"10.4.0.1"});
    b.Add("10.4.0.0/24", {"10.0.13.2"});
    RtmRouteHandle held = a.Add("10.7.0.0/24", {"10.0.13.2"});
    a.Add("10.7.0.0/16", {"10.4.0.3"});
    r3c.Add("10.7.0.0/24", {"10.4.0.3"});
    r3c.Add("10.0.0.0/24", {"10.0.13.1"});

    // Arm hold-down on the LAN prefix: with B's backup alive, losing the connected route must
    // not produce a held route (decision 6: only the last live route of a view is held).
    RtmDestHandle lanDest = a.Dest("10.4.0.0/24", RTM_VIEW_MASK_UCAST);
    ASSERT_FALSE(lanDest.IsNull());
    EXPECT_EQ(a.reg->HoldDestination(lanDest, RTM_VIEW_MASK_UCAST, 10000), RtmStatus::Success);

    Ptr<Ipv4> r14 = Ipv4Of(r1);
    RtmSchedule(Seconds(2), [r14, r1Lan]() { r14->SetDown(r1Lan); });
    RtmSchedule(Seconds(4), [r14, r1Lan]() { r14->SetUp(r1Lan); });

    // Who owns the best unicast route to the LAN prefix, at a given time.
    auto bestOwner = [&a]() {
        RtmDestInfo info;
        RtmStatus st = a.reg->GetExactMatchDestination(Prefix("10.4.0.0/24"),
                                                       RTM_BEST_PROTOCOL,
                                                       RTM_VIEW_MASK_UCAST,
                                                       info);
        EXPECT_EQ(st, RtmStatus::Success);
        RtmEntityInfo owner;
        EXPECT_EQ(a.reg->GetEntityInfo(info.viewInfo.at(0).owner, owner), RtmStatus::Success);
        EXPECT_TRUE(info.viewInfo.at(0).holdRoute.IsNull());
        return owner.entityId.entityProtocolId;
    };
    uint32_t owner1 = 0, owner3 = 0, owner5 = 0;
    RtmSchedule(Seconds(1.5), [&]() { owner1 = bestOwner(); });
    RtmSchedule(Seconds(3), [&]() { owner3 = bestOwner(); });
    RtmSchedule(Seconds(5), [&]() { owner5 = bestOwner(); });

    // Hold-down of 10.7.0.0/24 from 5.5 s; checks at 6 s (held) and 7 s (hold over).
    RtmSchedule(Seconds(5.5), [&]() {
        RtmDestHandle dh = a.Dest("10.7.0.0/24", RTM_VIEW_MASK_UCAST);
        ASSERT_FALSE(dh.IsNull());
        EXPECT_EQ(a.reg->HoldDestination(dh, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
        EXPECT_EQ(a.Delete(held), RtmStatus::Success);
    });
    bool heldVisibleAny = false, heldHiddenUcast = false, heldEnumAny = false, heldEnumUcast = true,
         heldGone = false;
    RtmSchedule(Seconds(6), [&]() {
        RtmDestInfo info;
        heldHiddenUcast = a.reg->GetExactMatchDestination(Prefix("10.7.0.0/24"),
                                                          RTM_BEST_PROTOCOL,
                                                          RTM_VIEW_MASK_UCAST,
                                                          info) == RtmStatus::NotFound;
        if (a.reg->GetExactMatchDestination(Prefix("10.7.0.0/24"),
                                            RTM_BEST_PROTOCOL,
                                            RTM_VIEW_MASK_ANY,
                                            info) == RtmStatus::Success)
        {
            RtmDestInfo blocks;
            EXPECT_EQ(
                a.reg->GetDestInfo(info.destHandle, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, blocks),
                RtmStatus::Success);
            heldVisibleAny = blocks.viewInfo.size() == 1 && blocks.viewInfo[0].holdRoute == held &&
                             blocks.viewInfo[0].route.IsNull() && blocks.viewInfo[0].numRoutes == 0;
            RtmRouteInfo ri;
            EXPECT_EQ(a.reg->GetRouteInfo(held, &ri), RtmStatus::Success);
            EXPECT_EQ(ri.state, RTM_ROUTE_STATE_DELETED);
        }
        // Route enumeration of the destination: only ANY shows the held route.
        for (RtmViewSet views : {RTM_VIEW_MASK_ANY, RTM_VIEW_MASK_UCAST})
        {
            RtmEnumHandle e;
            RtmNetAddress start = Prefix("10.7.0.0/24");
            if (a.reg->CreateRouteEnum(RtmDestHandle(),
                                       views,
                                       RTM_ENUM_RANGE,
                                       &start,
                                       RTM_MATCH_NONE,
                                       nullptr,
                                       0,
                                       e) != RtmStatus::Success)
            {
                ADD_FAILURE() << "CreateRouteEnum";
                continue;
            }
            uint32_t num = 16;
            std::vector<RtmRouteHandle> routes;
            a.reg->GetEnumRoutes(e, num, routes);
            bool found = std::find(routes.begin(), routes.end(), held) != routes.end();
            if (views == RTM_VIEW_MASK_ANY)
            {
                heldEnumAny = found;
            }
            else
            {
                heldEnumUcast = found;
            }
            a.reg->DeleteEnumHandle(e);
        }
    });
    RtmSchedule(Seconds(7), [&]() {
        RtmDestInfo info;
        heldGone = a.reg->GetExactMatchDestination(Prefix("10.7.0.0/24"),
                                                   RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_ANY,
                                                   info) == RtmStatus::NotFound;
    });

    RtmTraceLog log;
    log.Attach(n);
    UdpReceiver rx(d, 9);
    UdpSender toLan(h0, 5000);
    toLan.Schedule(lan.addrs[2], 9, 500, Seconds(1.005), MilliSeconds(10)); // 1.005 .. 5.995
    UdpSender toHeld(h0, 5001);
    toHeld.Schedule(Ipv4Address("10.7.0.1"), 9, 300, Seconds(5.005), MilliSeconds(10));
    Simulator::Stop(Seconds(8.5));
    Simulator::Run();

    EXPECT_EQ(owner1, RTM_PROTO_IP_LOCAL);
    EXPECT_EQ(owner3, RTM_PROTO_IP_RIP);
    EXPECT_EQ(owner5, RTM_PROTO_IP_LOCAL);

    Ipv4Address dAddr = lan.addrs[2];
    uint32_t direct = 0, backup = 0, r3Fwd = 0, misplaced = 0;
    for (const auto& f : log.forwards)
    {
        if (f.dst != dAddr)
        {
            continue;
        }
        bool down = f.t >= Seconds(2) && f.t < Seconds(4);
        if (f.node == r1->GetId())
        {
            direct += f.oif == r1Lan;
            backup += f.oif == l13.ifA;
            misplaced += down ? f.oif != l13.ifA : f.oif != r1Lan;
        }
        if (f.node == r3->GetId())
        {
            ++r3Fwd;
            misplaced += !down;
        }
    }
    EXPECT_EQ(backup, 200u);
    EXPECT_EQ(r3Fwd, 200u);
    EXPECT_EQ(direct, 300u);
    EXPECT_EQ(misplaced, 0u);
    EXPECT_EQ(rx.From(l0.addrA, 5000), 500u);

    // 10.7.0.1: via R3 (the /24) until 5.5 s, then straight to D through the /16 while the
    // /24 is held: the held route is never used.
    uint32_t heldViaR3 = 0, heldDirect = 0, heldWrong = 0;
    for (const auto& f : log.forwards)
    {
        if (f.dst != Ipv4Address("10.7.0.1") || f.node != r1->GetId())
        {
            continue;
        }
        bool before = f.t < Seconds(5.5);
        heldViaR3 += f.oif == l13.ifA;
        heldDirect += f.oif == r1Lan;
        heldWrong += before ? f.oif != l13.ifA : f.oif != r1Lan;
    }
    EXPECT_EQ(heldViaR3, 50u);
    EXPECT_EQ(heldDirect, 250u);
    EXPECT_EQ(heldWrong, 0u);
    EXPECT_EQ(rx.From(l0.addrA, 5001), 300u);
    EXPECT_TRUE(heldVisibleAny);
    EXPECT_TRUE(heldHiddenUcast);
    EXPECT_TRUE(heldEnumAny);
    EXPECT_FALSE(heldEnumUcast);
    EXPECT_TRUE(heldGone);
    EXPECT_EQ(log.Dropped(RtmDropReason::NoRoute), 0u);
    EXPECT_EQ(log.Dropped(RtmDropReason::NoNextHop), 0u);
    Simulator::Destroy();
}

// ------------------------------------------------------------------------------------------------
// ECMP
// ------------------------------------------------------------------------------------------------

/// What one ECMP run observed at R1.
struct EcmpRun
{
    std::map<uint16_t, std::set<uint32_t>> flowPaths; //!< source port -> output interfaces used
    std::map<uint32_t, uint32_t> flowsPerPath;        //!< output interface -> flows
    std::vector<uint32_t> pathIfs;                    //!< R1's interfaces toward M0..M3
    uint32_t received{0};                             //!< packets H1 received
};

constexpr uint32_t kFlows = 96;         //!< flows per ECMP run
constexpr uint32_t kPacketsPerFlow = 4; //!< packets per flow

/*
 *  H0 -- R1 == M0..M3 == R2 -- H1 (10.9.0.0/24); R1's route to 10.9.0.0/24 has \p paths next
 *  hops (M0 .. M(paths-1)). kFlows UDP flows (source ports 10000 + i) of kPacketsPerFlow packets.
 */
EcmpRun
RunEcmp(uint32_t paths, uint64_t seed)
{
    FreshSimulation();
    RtmHelper rtm;
    rtm.Set("EcmpSeed", UintegerValue(seed));
    NodeContainer n = MakeRtmNodes(8, rtm);
    Ptr<Node> h0 = n.Get(0), r1 = n.Get(1), r2 = n.Get(6), h1 = n.Get(7);
    P2p(h0, r1, "10.0.0.0/24");
    EcmpRun run;
    std::vector<std::unique_ptr<SimClient>> keep;
    for (uint32_t i = 0; i < 4; ++i)
    {
        Ptr<Node> m = n.Get(2 + i);
        Link up = P2p(r1, m, "10.1." + std::to_string(i) + ".0/24");
        P2p(m, r2, "10.2." + std::to_string(i) + ".0/24");
        run.pathIfs.push_back(up.ifA);
        keep.push_back(std::make_unique<SimClient>());
        EXPECT_EQ(keep.back()->Register(m), RtmStatus::Success);
        keep.back()->Add("10.9.0.0/24", {"10.2." + std::to_string(i) + ".2"});
    }
    Link last = P2p(r2, h1, "10.9.0.0/24");
    SimClient hc, rc;
    EXPECT_EQ(hc.Register(h0), RtmStatus::Success);
    hc.Add("0.0.0.0/0", {"10.0.0.2"});
    EXPECT_EQ(rc.Register(r1), RtmStatus::Success);
    std::vector<std::string> gws;
    for (uint32_t i = 0; i < paths; ++i)
    {
        gws.push_back("10.1." + std::to_string(i) + ".2");
    }
    rc.Add("10.9.0.0/24", gws);

    RtmTraceLog log;
    log.Attach(r1);
    UdpReceiver rx(h1, 9);
    std::vector<std::unique_ptr<UdpSender>> senders;
    for (uint32_t i = 0; i < kFlows; ++i)
    {
        senders.push_back(std::make_unique<UdpSender>(h0, 10000 + i));
        senders.back()->Schedule(last.addrB,
                                 9,
                                 kPacketsPerFlow,
                                 Seconds(1) + MicroSeconds(500 * i),
                                 MilliSeconds(100));
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    for (const auto& f : log.forwards)
    {
        run.flowPaths[f.sport].insert(f.oif);
    }
    for (const auto& fp : run.flowPaths)
    {
        if (fp.second.size() == 1)
        {
            ++run.flowsPerPath[*fp.second.begin()];
        }
    }
    run.received = rx.received;
    Simulator::Destroy();
    return run;
}

class RtmEcmpPaths : public testing::TestWithParam<uint32_t>
{
};

TEST_P(RtmEcmpPaths, FlowsSpreadOverEveryNextHopAndStayOnTheirPath)
{
    uint32_t paths = GetParam();
    EcmpRun run = RunEcmp(paths, 0);
    EXPECT_EQ(run.received, kFlows * kPacketsPerFlow);
    ASSERT_EQ(run.flowPaths.size(), kFlows);
    for (const auto& fp : run.flowPaths)
    {
        EXPECT_EQ(fp.second.size(), 1u) << "flow from port " << fp.first << " used several paths";
    }
    uint32_t fair = kFlows / paths;
    for (uint32_t i = 0; i < 4; ++i)
    {
        uint32_t flows = run.flowsPerPath[run.pathIfs[i]];
        if (i < paths)
        {
            // A reasonable share: at least 40 % of the fair share, at most 180 %.
            EXPECT_GE(flows * 10, fair * 4) << "next hop " << i << " of " << paths;
            EXPECT_LE(flows * 10, fair * 18) << "next hop " << i << " of " << paths;
        }
        else
        {
            EXPECT_EQ(flows, 0u) << "M" << i << " is not a next hop";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(TwoToFour, RtmEcmpPaths, testing::Values(2u, 3u, 4u));

TEST(RtmForwardingSim, EcmpSeedMakesChoicesReproducible)
{
    auto choice = [](const EcmpRun& r) {
        std::map<uint16_t, uint32_t> m;
        for (const auto& fp : r.flowPaths)
        {
            m[fp.first] = *fp.second.begin();
        }
        return m;
    };
    std::map<uint16_t, uint32_t> first = choice(RunEcmp(4, 7));
    std::map<uint16_t, uint32_t> again = choice(RunEcmp(4, 7));
    std::map<uint16_t, uint32_t> other = choice(RunEcmp(4, 8));
    ASSERT_EQ(first.size(), kFlows);
    EXPECT_EQ(first, again);
    ASSERT_EQ(other.size(), kFlows);
    uint32_t moved = 0;
    for (const auto& kv : first)
    {
        moved += other[kv.first] != kv.second;
    }
    // Another seed re-deals the flows (about 3/4 of them move with 4 next hops).
    EXPECT_GT(moved, kFlows / 4);
}

} // namespace

namespace
{

/// Counts what a socket receives.
void
CountReceived(uint32_t* counter, Ptr<Socket> socket)
{
    while (socket->Recv())
    {
        ++*counter;
    }
}

} // namespace

/*
 * A socket bound to one device sends to an address the node holds on another interface: the
 * route to that address (MYSELF) has no next hop usable through the bound device, so the packet
 * goes out on the interface holding the address, which delivers it locally.
 */
TEST(RtmForwardingSim, OwnAddressOnAnotherInterfaceFromABoundSocket)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(3);
    Link l1 = P2p(n.Get(0), n.Get(1), "10.0.1.0/24");
    Link l2 = P2p(n.Get(0), n.Get(2), "10.0.2.0/24");

    // Directly: RouteOutput with the first link's device as output device.
    Ipv4Header h;
    h.SetDestination(l2.addrA);
    h.SetProtocol(17);
    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    Ptr<Ipv4Route> route = RtmOf(n.Get(0))->RouteOutput(Create<Packet>(8), h, l1.devA, err);
    ASSERT_NE(route, nullptr);
    EXPECT_EQ(err, Socket::ERROR_NOTERROR);
    EXPECT_EQ(route->GetOutputDevice(), l2.devA);

    // And with real sockets.
    TypeId udp = TypeId::LookupByName("ns3::UdpSocketFactory");
    Ptr<Socket> rx = Socket::CreateSocket(n.Get(0), udp);
    ASSERT_EQ(rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9)), 0);
    uint32_t received = 0;
    rx->SetRecvCallback(MakeBoundCallback(&CountReceived, &received));
    Ptr<Socket> tx = Socket::CreateSocket(n.Get(0), udp);
    ASSERT_EQ(tx->Bind(), 0);
    tx->BindToNetDevice(l1.devA);
    for (int i = 0; i < 3; ++i)
    {
        RtmSchedule(Seconds(1 + i), [tx, l2]() {
            tx->SendTo(Create<Packet>(20), 0, InetSocketAddress(l2.addrA, 9));
        });
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 3u);
    Simulator::Destroy();
}

/*
 * Bounded state (issue 10): R forwards 10^5 multicast packets from 10^5 distinct sources
 * (a (*, G) entry, sources in 20.0.0.0/8 routed toward the sender in the multicast view), then
 * 10^5 unicast packets between 10^5 distinct sources and destinations. What the forwarding plane
 * caches stays the same from the first thousand packets to the last, and the table does not
 * change size.
 *
 *   S --10.0.1.0/24-- R --10.0.2.0/24-- D
 */
TEST(RtmForwardingSim, FloodOfDistinctSourcesKeepsTheCachesFlat)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(3);
    Ptr<Node> s = n.Get(0), r = n.Get(1), d = n.Get(2);
    Link sr = P2p(s, r, "10.0.1.0/24", "10Gbps", "0ms");
    Link rd = P2p(r, d, "10.0.2.0/24", "10Gbps", "0ms");
    SimClient c;
    ASSERT_EQ(c.Register(r), RtmStatus::Success);
    c.Add("20.0.0.0/8", {"10.0.1.1"});
    c.Add("30.0.0.0/8", {"10.0.2.2"});
    Ipv4Address group("239.1.1.1");
    RtmNetAddress any;
    any.addressFamily = RTM_AF_INET;
    ASSERT_TRUE(RouterOf(r)->AddMulticastRoute(0, any, RtmNetAddress::FromIpv4(group), {rd.ifA}));

    constexpr uint32_t kPackets = 100000;
    auto header = [](uint32_t src, uint32_t dst) {
        Ipv4Header h;
        h.SetSource(Ipv4Address(src));
        h.SetDestination(Ipv4Address(dst));
        h.SetProtocol(UdpL4Protocol::PROT_NUMBER);
        h.SetTtl(64);
        return h;
    };
    Flood<Ipv4Header> mcast{sr.devA, kPackets, MicroSeconds(1)};
    mcast.make = [&](uint32_t i) { return header((20u << 24) + 1 + i, group.Get()); };
    Flood<Ipv4Header> ucast{sr.devA, kPackets, MicroSeconds(1)};
    ucast.make = [&](uint32_t i) { return header((20u << 24) + 1 + i, (30u << 24) + 1 + i); };
    mcast.Start(Seconds(1));
    ucast.Start(Seconds(2));

    Ptr<RtmIpv4Routing> rr = RtmOf(r);
    Ptr<RtmInstance> inst = RouterOf(r)->GetInstance(0);
    std::size_t tableBytes = 0;      // once both views' FIBs have been used (built on first use)
    std::vector<std::size_t> caches; // after 1000 and all packets of each flood
    for (double t : {1.001, 1.5, 2.001, 2.5})
    {
        RtmSchedule(Seconds(t), [&]() { caches.push_back(rr->GetCacheEntryCount()); });
    }
    RtmSchedule(Seconds(2.001), [&]() { tableBytes = inst->GetMemoryBytes(); });
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    ASSERT_EQ(mcast.sent, kPackets);
    ASSERT_EQ(ucast.sent, kPackets);
    EXPECT_EQ(rr->GetForwardCount(), 2u * kPackets);
    ASSERT_EQ(caches.size(), 4u);
    EXPECT_EQ(caches[0], 1u); // the (*, G) decision on S's interface
    EXPECT_EQ(caches[1], caches[0]);
    EXPECT_EQ(caches[2], 2u); // and the route toward D
    EXPECT_EQ(caches[3], caches[2]);
    EXPECT_EQ(inst->GetMemoryBytes(), tableBytes);
    Simulator::Destroy();
}

/*
 * Issue 10, behaviour 4 (regression), with real packets: no client repairs anything. R1's client
 * A has 10.100.0.0/16 via link a (preference 10); client B has the same prefix via link b
 * (preference 50) and the covering 10.0.0.0/8 via link b. R1's side of link a goes down at 2 s:
 * B's /16 forwards at once; B withdraws its /16 at 3 s: the covering /8 forwards; link a comes
 * back at 4 s: A's route is best again. H0 sends 10 packets a second to 10.100.0.1 (D).
 *
 *   H0 --10.0.0.0/24-- R1 ==link a 10.0.1.0/24, link b 10.0.2.0/24== D (10.100.0.1)
 */
TEST(RtmForwardingSim, DownInterfaceFallsBackToTheNextRouteThenTheCoveringPrefixAndBack)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(3);
    Ptr<Node> h0 = n.Get(0), r1 = n.Get(1), d = n.Get(2);
    Link l0 = P2p(h0, r1, "10.0.0.0/24");
    Link a = P2p(r1, d, "10.0.1.0/24");
    Link b = P2p(r1, d, "10.0.2.0/24");
    Ipv4Of(d)->AddAddress(b.ifB, Ipv4InterfaceAddress("10.100.0.1", "255.255.255.255"));
    SimClient c0, ca, cb;
    ASSERT_EQ(c0.Register(h0), RtmStatus::Success);
    c0.Add("0.0.0.0/0", {"10.0.0.2"});
    ASSERT_EQ(ca.Register(r1, 0, RTM_PROTO_IP_NETMGMT), RtmStatus::Success);
    ASSERT_EQ(cb.Register(r1, 0, RTM_PROTO_IP_RIP), RtmStatus::Success);
    ca.Add("10.100.0.0/16", {"10.0.1.2"}, 10);
    RtmRouteHandle bRoute = cb.Add("10.100.0.0/16", {"10.0.2.2"}, 50);
    cb.Add("10.0.0.0/8", {"10.0.2.2"}, 50);
    Ptr<Ipv4> ip1 = Ipv4Of(r1);
    uint32_t ifA = a.ifA;
    RtmSchedule(Seconds(2), [ip1, ifA]() { ip1->SetDown(ifA); });
    RtmSchedule(Seconds(3), [&cb, bRoute]() { EXPECT_EQ(cb.Delete(bRoute), RtmStatus::Success); });
    RtmSchedule(Seconds(4), [ip1, ifA]() { ip1->SetUp(ifA); });

    RtmTraceLog log;
    log.Attach(r1);
    UdpReceiver rx(d, 9);
    UdpSender tx(h0, 5000);
    tx.Schedule(Ipv4Address("10.100.0.1"), 9, 40, Seconds(1.05), MilliSeconds(100)); // to 4.95
    Simulator::Stop(Seconds(6));
    Simulator::Run();

    // A's /16, B's /16, the covering /8, A's /16 again.
    ExpectOutputBySecond(log.forwards, {{1, a.ifA}, {2, b.ifA}, {3, b.ifA}, {4, a.ifA}}, 10);
    EXPECT_EQ(rx.received, 40u);
    EXPECT_TRUE(log.drops.empty());
    (void)l0;
    Simulator::Destroy();
}
