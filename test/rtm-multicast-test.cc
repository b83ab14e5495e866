/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: multicast forwarding in real ns-3 simulations (issue 3). A source and four receivers
 * across a topology with a loop; the multicast view holds the RPF routes, which differ from the
 * unicast routes on one router (incongruent topology), and each view is used for its own job;
 * forwarding entries come from RtmRouter::AddMulticastRoute and flood every interface, so only
 * the RPF check keeps copies from looping: each receiver gets exactly one copy of each packet,
 * and copies arriving on a non-RPF interface are dropped and counted as RpfFailure.
 */
#include "rtm-sim-util.h"

#include "ns3/rtm-ns3-compat.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;
using namespace rtmsim;

const Ipv4Address kGroup("225.1.2.3"); //!< the group
constexpr uint16_t kPort = 5000;       //!< the group's UDP port

/*
 *            R2 ---- H2
 *          /    \
 *  S --- R1      R4 ==LAN== H4a, H4b
 *          \    /
 *            R3 ---- H3
 *
 * The square R1-R2-R4-R3 is a loop. Unicast and multicast views agree everywhere except on R4:
 * R4's unicast route to the source network goes through R3, its multicast (RPF) route through
 * R2.
 */
struct McastNet
{
    NodeContainer all;                               //!< S, R1..R4, H2, H3, H4a, H4b
    Ptr<Node> s, r1, r2, r3, r4, h2, h3, h4a, h4b;   //!< the nodes
    Link sr1, r1r2, r1r3, r2r4, r3r4, r2h2, r3h3;    //!< the point-to-point links
    Lan lan;                                         //!< R4, H4a, H4b
    std::vector<std::unique_ptr<SimClient>> clients; //!< route owners

    /// \return the routers
    std::vector<Ptr<Node>> Routers() const
    {
        return {r1, r2, r3, r4};
    }
};

/// Every IPv4 interface of \p node but the loopback.
std::vector<uint32_t>
AllInterfaces(Ptr<Node> node)
{
    std::vector<uint32_t> v;
    for (uint32_t i = 1; i < Ipv4Of(node)->GetNInterfaces(); ++i)
    {
        v.push_back(i);
    }
    return v;
}

McastNet
BuildMcast()
{
    McastNet t;
    t.all = MakeRtmNodes(9);
    t.s = t.all.Get(0);
    t.r1 = t.all.Get(1);
    t.r2 = t.all.Get(2);
    t.r3 = t.all.Get(3);
    t.r4 = t.all.Get(4);
    t.h2 = t.all.Get(5);
    t.h3 = t.all.Get(6);
    t.h4a = t.all.Get(7);
    t.h4b = t.all.Get(8);
    t.sr1 = P2p(t.s, t.r1, "10.0.0.0/24");
    t.r1r2 = P2p(t.r1, t.r2, "10.0.12.0/24");
    t.r1r3 = P2p(t.r1, t.r3, "10.0.13.0/24");
    t.r2r4 = P2p(t.r2, t.r4, "10.0.24.0/24");
    t.r3r4 = P2p(t.r3, t.r4, "10.0.34.0/24");
    t.r2h2 = P2p(t.r2, t.h2, "10.2.0.0/24");
    t.r3h3 = P2p(t.r3, t.h3, "10.3.0.0/24");
    t.lan = Csma(NodeContainer(t.r4, t.h4a, t.h4b), "10.4.0.0/24");

    auto client = [&t](Ptr<Node> n) {
        t.clients.push_back(std::make_unique<SimClient>());
        EXPECT_EQ(t.clients.back()->Register(n), RtmStatus::Success);
        return t.clients.back().get();
    };
    // Routes to the source network 10.0.0.0/24.
    client(t.r2)->Add("10.0.0.0/24", {"10.0.12.1"}, 0, 0, kBothViews);
    client(t.r3)->Add("10.0.0.0/24", {"10.0.13.1"}, 0, 0, kBothViews);
    SimClient* r4c = client(t.r4);
    r4c->Add("10.0.0.0/24", {"10.0.24.1"}, 0, 0, RTM_VIEW_MASK_MCAST); // RPF via R2
    r4c->Add("10.0.0.0/24", {"10.0.34.1"}, 0, 0, RTM_VIEW_MASK_UCAST); // unicast via R3
    client(t.h4a)->Add("0.0.0.0/0", {"10.4.0.1"}, 0, 0, RTM_VIEW_MASK_UCAST);

    // Forwarding entries: the source sends on its only link; routers flood every interface.
    RtmNetAddress any;
    any.addressFamily = RTM_AF_INET;
    RtmNetAddress group = RtmNetAddress::FromIpv4(kGroup);
    EXPECT_TRUE(RouterOf(t.s)->AddMulticastRoute(0, any, group, {t.sr1.ifA}));
    for (Ptr<Node> r : t.Routers())
    {
        EXPECT_TRUE(RouterOf(r)->AddMulticastRoute(0, any, group, AllInterfaces(r)));
    }
    return t;
}

/// Copies of group packets dropped on \p node for \p reason, by input interface.
std::map<int32_t, uint32_t>
DropsByIif(const RtmTraceLog& log, Ptr<Node> node, RtmDropReason reason)
{
    std::map<int32_t, uint32_t> m;
    for (const auto& d : log.drops)
    {
        if (d.node == node->GetId() && d.reason == reason && d.dst == kGroup)
        {
            ++m[d.iif];
        }
    }
    return m;
}

TEST(RtmMulticastSim, EachReceiverGetsOneCopyAndRpfStopsTheLoop)
{
    FreshSimulation();
    McastNet t = BuildMcast();
    RtmTraceLog log;
    log.Attach(t.all);
    UdpReceiver h2(t.h2, kPort), h3(t.h3, kPort), h4a(t.h4a, kPort), h4b(t.h4b, kPort);
    UdpSender src(t.s, 4000);
    constexpr uint32_t kPackets = 25;
    src.Schedule(kGroup, kPort, kPackets, Seconds(1), MilliSeconds(20));

    // Unicast from H4a back to the source: R4's unicast view sends it through R3.
    UdpReceiver atSource(t.s, 7000);
    UdpSender back(t.h4a, 7001);
    back.Schedule(t.sr1.addrA, 7000, 10, Seconds(2), MilliSeconds(10));

    Simulator::Stop(Seconds(3));
    Simulator::Run();

    EXPECT_EQ(src.sent, kPackets);
    EXPECT_EQ(src.failed, 0u);
    // Exactly one copy of each packet at each receiver.
    EXPECT_EQ(h2.received, kPackets);
    EXPECT_EQ(h3.received, kPackets);
    EXPECT_EQ(h4a.received, kPackets);
    EXPECT_EQ(h4b.received, kPackets);

    // RPF failures: R4 drops the copies coming from R3 (its multicast view points to R2), R3
    // drops the copies R4 floods back to it; R1 and R2 see none.
    EXPECT_EQ(DropsByIif(log, t.r4, RtmDropReason::RpfFailure),
              (std::map<int32_t, uint32_t>{{static_cast<int32_t>(t.r3r4.ifB), kPackets}}));
    EXPECT_EQ(DropsByIif(log, t.r3, RtmDropReason::RpfFailure),
              (std::map<int32_t, uint32_t>{{static_cast<int32_t>(t.r3r4.ifA), kPackets}}));
    EXPECT_TRUE(DropsByIif(log, t.r1, RtmDropReason::RpfFailure).empty());
    EXPECT_TRUE(DropsByIif(log, t.r2, RtmDropReason::RpfFailure).empty());
    EXPECT_EQ(RtmOf(t.r4)->GetDropCount(RtmDropReason::RpfFailure), kPackets);

    // Forwarded copies (one Forward record per output interface): R1 -> R2, R3; R2 -> H2, R4;
    // R3 -> H3, R4; R4 -> LAN, R3 (never back to R2, its input).
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> out;
    for (const auto& f : log.forwards)
    {
        if (f.dst == kGroup)
        {
            ++out[{f.node, f.oif}];
        }
    }
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> expected{
        {{t.r1->GetId(), t.r1r2.ifA}, kPackets},
        {{t.r1->GetId(), t.r1r3.ifA}, kPackets},
        {{t.r2->GetId(), t.r2h2.ifA}, kPackets},
        {{t.r2->GetId(), t.r2r4.ifA}, kPackets},
        {{t.r3->GetId(), t.r3h3.ifA}, kPackets},
        {{t.r3->GetId(), t.r3r4.ifA}, kPackets},
        {{t.r4->GetId(), t.lan.ifs[0]}, kPackets},
        {{t.r4->GetId(), t.r3r4.ifB}, kPackets},
    };
    EXPECT_EQ(out, expected);

    // The unicast job of the same router used the unicast view: R4 -> R3 -> R1.
    EXPECT_EQ(atSource.received, 10u);
    Ipv4Address s = t.sr1.addrA;
    EXPECT_EQ(log.Forwarders(s), (std::set<uint32_t>{t.r4->GetId(), t.r3->GetId(), t.r1->GetId()}));
    for (const auto& f : log.forwards)
    {
        if (f.node == t.r4->GetId() && f.dst == s)
        {
            EXPECT_EQ(f.oif, t.r3r4.ifB);
        }
    }
    Simulator::Destroy();
}

/// The multicast and unicast views answer their own queries on R4.
TEST(RtmMulticastSim, ViewsDisagreeOnTheIncongruentRouter)
{
    FreshSimulation();
    McastNet t = BuildMcast();
    Ptr<RtmInstance> inst = RouterOf(t.r4)->GetInstance(0);
    RtmDestInfo u, m;
    ASSERT_EQ(inst->Lookup(RtmNetAddress::FromIpv4(t.sr1.addrA), RTM_VIEW_ID_UCAST, u),
              RtmStatus::Success);
    ASSERT_EQ(inst->Lookup(RtmNetAddress::FromIpv4(t.sr1.addrA), RTM_VIEW_ID_MCAST, m),
              RtmStatus::Success);
    SimClient& c = *t.clients[2];
    RtmRouteInfo ur, mr;
    ASSERT_EQ(c.reg->GetRouteInfo(u.viewInfo.at(0).route, &ur), RtmStatus::Success);
    ASSERT_EQ(c.reg->GetRouteInfo(m.viewInfo.at(0).route, &mr), RtmStatus::Success);
    RtmNextHopInfo un, mn;
    ASSERT_EQ(c.reg->GetNextHopInfo(ur.nextHops.at(0), un), RtmStatus::Success);
    ASSERT_EQ(c.reg->GetNextHopInfo(mr.nextHops.at(0), mn), RtmStatus::Success);
    EXPECT_EQ(un.interfaceIndex, t.r3r4.ifB);
    EXPECT_EQ(mn.interfaceIndex, t.r2r4.ifB);
    std::string text = RoutingTableText(t.r4);
    EXPECT_NE(text.find("view unicast"), std::string::npos) << text;
    EXPECT_NE(text.find("view multicast"), std::string::npos) << text;
    EXPECT_NE(text.find("multicast (*, 225.1.2.3)"), std::string::npos) << text;
    Simulator::Destroy();
}

/*
 * Scoping and entry changes: with a multicast TTL of 2 the copies die at R2 and R3 (counted
 * TtlExpired, never forwarded); an (S, G) entry on R1 that lists only R2 overrides the flooding
 * (*, G) entry; removing R2's entry leaves its copies without a forwarding entry
 * (NoMulticastRoute).
 */
TEST(RtmMulticastSim, TtlScopingAndEntryChanges)
{
    FreshSimulation();
    McastNet t = BuildMcast();
    RtmTraceLog log;
    log.Attach(t.all);
    UdpReceiver h2(t.h2, kPort), h3(t.h3, kPort), h4a(t.h4a, kPort);

    // Phase 1 (1 s): TTL 2.
    UdpSender scoped(t.s, 4001);
    scoped.socket->SetAttribute("IpMulticastTtl", UintegerValue(2));
    scoped.Schedule(kGroup, kPort, 10, Seconds(1), MilliSeconds(10));

    // Phase 2 (2 s): (S, G) on R1 toward R2 only.
    RtmNetAddress src = RtmNetAddress::FromIpv4(t.sr1.addrA);
    RtmNetAddress group = RtmNetAddress::FromIpv4(kGroup);
    RtmSchedule(Seconds(1.9), [&]() {
        EXPECT_TRUE(RouterOf(t.r1)->AddMulticastRoute(0, src, group, {t.r1r2.ifA}));
    });
    UdpSender sg(t.s, 4002);
    sg.Schedule(kGroup, kPort, 10, Seconds(2), MilliSeconds(10));

    // Phase 3 (3 s): R1 floods again (its (S, G) entry goes), R2 loses its (*, G) entry.
    RtmSchedule(Seconds(2.9), [&]() {
        EXPECT_TRUE(RouterOf(t.r1)->RemoveMulticastRoute(0, src, group));
        RtmNetAddress any;
        any.addressFamily = RTM_AF_INET;
        EXPECT_TRUE(RouterOf(t.r2)->RemoveMulticastRoute(0, any, group));
        EXPECT_FALSE(RouterOf(t.r2)->RemoveMulticastRoute(0, any, group));
    });
    UdpSender late(t.s, 4003);
    late.Schedule(kGroup, kPort, 10, Seconds(3), MilliSeconds(10));

    Simulator::Stop(Seconds(4));
    Simulator::Run();

    Ipv4Address s = t.sr1.addrA;
    // Phase 1: R1 forwards with TTL 1, R2 and R3 count TtlExpired and forward nothing; no
    // receiver gets a copy.
    EXPECT_EQ(h2.From(s, 4001), 0u);
    EXPECT_EQ(h3.From(s, 4001), 0u);
    EXPECT_EQ(h4a.From(s, 4001), 0u);
    uint32_t ttlR2 = 0, ttlR3 = 0;
    for (const auto& d : log.drops)
    {
        if (d.reason == RtmDropReason::TtlExpired && d.sport == 4001)
        {
            ttlR2 += d.node == t.r2->GetId();
            ttlR3 += d.node == t.r3->GetId();
        }
    }
    EXPECT_EQ(ttlR2, 10u);
    EXPECT_EQ(ttlR3, 10u);
    // Phase 2: only R2's side: H2 and (through R4) H4a; not H3 (R3 only gets R4's copies, which
    // fail RPF).
    EXPECT_EQ(h2.From(s, 4002), 10u);
    EXPECT_EQ(h4a.From(s, 4002), 10u);
    EXPECT_EQ(h3.From(s, 4002), 0u);
    // Phase 3: R2 has no entry, so H2 and H4a get nothing (R4 drops R3's copies: RPF says
    // R2); H3 gets them through R3.
    EXPECT_EQ(h2.From(s, 4003), 0u);
    EXPECT_EQ(h3.From(s, 4003), 10u);
    EXPECT_EQ(h4a.From(s, 4003), 0u);
    uint32_t noEntryR2 = 0;
    for (const auto& d : log.drops)
    {
        noEntryR2 += d.node == t.r2->GetId() && d.reason == RtmDropReason::NoMulticastRoute &&
                     d.sport == 4003;
    }
    EXPECT_EQ(noEntryR2, 10u);
    Simulator::Destroy();
}

} // namespace
