/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RIPv2 interoperation: the RTM's RIP client and ns-3's own ns3::Rip alternating on one network
 * (even routers RTM, odd routers ns-3), with both StrictHoldDown settings. Regression tests of the
 * four faults found when the two met (issue 13):
 *  - ns-3's Rip fills a response up to the MTU (more than 25 entries): every entry is taken;
 *  - after a link repair on a ring ns-3 sent the repaired subnet twice in one response (metric
 *    16, then 1): no hold-down may hide the live route;
 *  - ns-3's whole-table request (family 2, 0.0.0.0/0, metric 16) is answered with the whole table;
 *  - lines, rings with a failure and a repair, and many stub subnets converge to hop-count paths
 *    and carry traffic.
 */
#include "rtm-rip-test-util.h"

#include "ns3/ipv4-list-routing.h"
#include "ns3/rip.h"
#include "ns3/rtm-ns3-compat.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace rtmrip;

namespace
{

/// Run a mixed topology with both hold-down settings and check it (convergence, tables, UDP).
void
MixedConverges(const std::string& name,
               uint32_t n,
               const std::vector<std::pair<uint32_t, uint32_t>>& links)
{
    for (bool strict : {false, true})
    {
        Convergence c = RunTopology(Stack::Mixed, n, links, -1, Seconds(0), Seconds(0), strict);
        std::cout << "[rip] mixed " << name << " (" << n << " routers, RTM and ns-3 Rip "
                  << "alternating, StrictHoldDown=" << strict << "): convergence " << c.initial
                  << " s" << std::endl;
        EXPECT_GE(c.initial, 0) << c.why;
        EXPECT_TRUE(c.tablesOk) << c.why;
        EXPECT_EQ(c.sent, n * (n - 1));
        EXPECT_EQ(c.received, c.sent) << "UDP across RTM and ns-3 routers";
    }
}

TEST(RtmRipInteropTest, MixedLineConverges)
{
    MixedConverges("line", 6, Line(6));
}

TEST(RtmRipInteropTest, MixedMeshConverges)
{
    MixedConverges("mesh", 12, Mesh(4, 3));
}

TEST(RtmRipInteropTest, MixedRingReconvergesAfterFailureAndRepair)
{
    // Ring of 8: link 2-3 (RTM - ns-3) fails at 60 s and comes back at 250 s; the repaired subnet
    // must be reached by shortest paths everywhere again (the issue: one ns-3 router stayed on
    // the longer path for good when the RTM hid the route in a new hold-down).
    std::vector<std::pair<uint32_t, uint32_t>> links = Ring(8);
    const int fail = 2;
    ASSERT_EQ(links[fail], std::make_pair(2u, 3u));
    for (bool strict : {false, true})
    {
        Convergence c = RunTopology(Stack::Mixed,
                                    8,
                                    links,
                                    fail,
                                    Seconds(60),
                                    Seconds(250),
                                    strict,
                                    Seconds(450));
        std::cout << "[rip] mixed ring of 8, link 2-3 down at 60 s, up at 250 s (StrictHoldDown="
                  << strict << "): reconvergence after the repair " << c.afterRepair << " s"
                  << std::endl;
        EXPECT_GE(c.afterRepair, 0) << c.why;
        // ns-3's Rip learns a new route at its next update after a triggered one, or at its
        // next periodic update (30 s + up to 15 s of ns-3's own jitter), and a ring of 8 is 4
        // hops across.
        EXPECT_LE(c.afterRepair, 60.0) << "StrictHoldDown=" << strict;
        EXPECT_TRUE(c.tablesOk) << c.why;
        EXPECT_EQ(c.received, c.sent) << "StrictHoldDown=" << strict;
    }
}

TEST(RtmRipInteropTest, ManyStubSubnetsCrossBothWays)
{
    // R0 (RTM, 30 stubs) - R1 (ns-3) - R2 (RTM) - R3 (ns-3, 30 stubs). ns-3's R1 and R3 send
    // responses of up to 73 entries (their MTU); the RTM sends 25 per message.
    for (bool strict : {false, true})
    {
        Fresh();
        Scenario sc;
        sc.Build(4, Line(4), Stack::Mixed);
        sc.AddStubs(0, 30);
        sc.AddStubs(3, 30);
        RtmRipHelper rip;
        rip.Set("StrictHoldDown", BooleanValue(strict));
        sc.InstallRtmRip(rip);
        sc.AssignNs3Streams();
        uint32_t bigMessages = 0;
        Ptr<RtmRipClient> r2 = RtmRipHelper::GetRipClient(sc.nodes.Get(2));
        r2->TraceConnectWithoutContext(
            "Rx",
            RtmMakeCallback<void, const RtmRipHeader&, Ipv4Address, uint32_t>(
                [&bigMessages](const RtmRipHeader& h, Ipv4Address, uint32_t) {
                    bigMessages += h.GetNEntries() > RtmRipHeader::MAX_ENTRIES;
                }));
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        EXPECT_GT(bigMessages, 0u) << "ns-3 sent more than 25 entries in a message";
        std::string why;
        EXPECT_TRUE(sc.ForwardingOk(&why)) << why;
        EXPECT_TRUE(sc.RtmTablesOk(&why)) << why;
        // R2 has every stub: R3's at metric 2, R0's at metric 3.
        uint32_t fromR3 = 0;
        uint32_t fromR0 = 0;
        for (const auto& st : sc.stubs)
        {
            auto b = Best(sc.nodes.Get(2), st.prefix);
            fromR3 += st.router == 3 && b == std::make_pair(2u, true);
            fromR0 += st.router == 0 && b == std::make_pair(3u, true);
        }
        EXPECT_EQ(fromR3, 30u);
        EXPECT_EQ(fromR0, 30u);
        EXPECT_EQ(r2->GetDropCount(), 0u);
        // Traffic from each end to every stub of the other end.
        std::vector<std::unique_ptr<Sink>> sinks;
        sinks.push_back(std::make_unique<Sink>(sc.nodes.Get(0), 9));
        sinks.push_back(std::make_unique<Sink>(sc.nodes.Get(3), 9));
        uint32_t sent = 0;
        for (const auto& st : sc.stubs)
        {
            Ptr<Node> from = sc.nodes.Get(st.router == 0 ? 3 : 0);
            SendUdpAt(from, st.address, 9, Seconds(61), &sent);
        }
        Simulator::Stop(Seconds(63));
        Simulator::Run();
        EXPECT_EQ(sent, 60u);
        EXPECT_EQ(sinks[0]->received + sinks[1]->received, 60u) << "StrictHoldDown=" << strict;
        Simulator::Destroy();
    }
}

TEST(RtmRipInteropTest, Ns3WholeTableRequestGetsTheWholeTable)
{
    // R0 (RTM) - R1 (ns-3): R1 starts 5 s after R0 has its table and asks for the whole table
    // (family 2, 0.0.0.0/0, metric 16): the answer is R0's table by unicast to port 520, not a
    // one-entry answer about the default route.
    Fresh();
    Scenario sc;
    sc.Build(2, Line(2), Stack::Mixed);
    sc.AddStubs(0, 3);
    RtmRipHelper rip;
    rip.Set("StartupDelay", TimeValue(Seconds(0)));
    sc.InstallRtmRip(rip);
    sc.AssignNs3Streams();
    Ptr<RtmRipClient> r0 = RtmRipHelper::GetRipClient(sc.nodes.Get(0));
    uint32_t ns3Requests = 0;
    uint32_t wholeAnswers = 0;
    uint32_t entriesInAnswer = 0;
    Ipv4Address r1 = sc.edges[0].addrB;
    r0->TraceConnectWithoutContext(
        "Rx",
        RtmMakeCallback<void, const RtmRipHeader&, Ipv4Address, uint32_t>(
            [&](const RtmRipHeader& h, Ipv4Address from, uint32_t) {
                ns3Requests += from == r1 && h.IsWholeTableRequest(true) &&
                               h.GetEntries()[0].afi == RtmRipHeader::AFI_INET;
            }));
    r0->TraceConnectWithoutContext(
        "Tx",
        RtmMakeCallback<void, const RtmRipHeader&, Ipv4Address, uint32_t>(
            [&](const RtmRipHeader& h, Ipv4Address to, uint32_t) {
                if (to == r1 && h.GetCommand() == RtmRipHeader::RESPONSE)
                {
                    ++wholeAnswers;
                    entriesInAnswer = h.GetNEntries();
                    for (const auto& e : h.GetEntries())
                    {
                        EXPECT_NE(e.mask, 0u) << "no entry about 0.0.0.0/0";
                    }
                }
            }));
    Ptr<Rip> ns3rip;
    Ptr<Ipv4ListRouting> list =
        DynamicCast<Ipv4ListRouting>(sc.nodes.Get(1)->GetObject<Ipv4>()->GetRoutingProtocol());
    ASSERT_TRUE(list);
    int16_t prio = 0;
    ns3rip = DynamicCast<Rip>(list->GetRoutingProtocol(0, prio));
    ASSERT_TRUE(ns3rip);
    // ns-3's Rip asks when it starts (StartupDelay): delay it past R0's start.
    ns3rip->SetAttribute("StartupDelay", TimeValue(Seconds(5)));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_GE(ns3Requests, 1u);
    EXPECT_GE(wholeAnswers, 1u);
    EXPECT_EQ(entriesInAnswer, 3u) << "the three stubs (the link's own subnet is not sent there)";
    EXPECT_EQ(r0->GetRequestsReceived(), ns3Requests);
    Simulator::Destroy();
}

/// Send a hand-made response from T (node 1) to R (node 0) at \p at.
void
SendFromT(Ptr<Socket> ts, Ipv4Address to, const RtmRipHeader& h, Time at)
{
    std::vector<uint8_t> b = MessageBytes(h);
    RtmScheduleWithContext(ts->GetNode()->GetId(), at, [ts, b, to]() {
        ts->SendTo(Create<Packet>(b.data(), b.size()), 0, InetSocketAddress(to, 520));
    });
}

TEST(RtmRipInteropTest, WithdrawalThenLiveEntryInOneResponseIsNoLoss)
{
    // T(1) - R(0, RTM) - N(2, RTM). T (a hand-made neighbour) advertises P at 10 s, then at 20 s
    // sends P twice in one response, metric 16 then metric 1 (what ns-3's Rip sent after a
    // repair). R must keep P live, start no hold-down, and N must keep metric 3 — in both modes.
    for (bool strict : {false, true})
    {
        Fresh();
        Scenario sc;
        sc.Build(3, {{0, 1}, {0, 2}}, Stack::Rtm);
        RtmRipHelper rip;
        rip.Set("StrictHoldDown", BooleanValue(strict));
        rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(2)));
        rip.AssignStreams(sc.nodes, 100);
        Ptr<Node> t = sc.nodes.Get(1);
        Ptr<Socket> ts = Socket::CreateSocket(t, UdpSocketFactory::GetTypeId());
        ts->BindToNetDevice(sc.edges[0].devB);
        ts->Bind(InetSocketAddress(Ipv4Address::GetAny(), 520));
        RtmNetAddress p = Pfx("10.77.0.0/16");
        RtmRipHeader::Entry live;
        live.address = Ipv4Address("10.77.0.0");
        live.mask = RtmRipHeader::MaskOf(16);
        live.metric = 1;
        RtmRipHeader::Entry dead = live;
        dead.metric = 16;
        RtmRipHeader first;
        first.AddEntry(live);
        RtmRipHeader both;
        both.AddEntry(dead);
        both.AddEntry(live);
        Ipv4Address r = sc.edges[0].addrA;
        SendFromT(ts, r, first, Seconds(10));
        SendFromT(ts, r, both, Seconds(20));
        SendFromT(ts, r, first, Seconds(40)); // T keeps it fresh
        std::map<std::string, std::pair<uint32_t, bool>> atR;
        std::map<std::string, std::pair<uint32_t, bool>> atN;
        std::map<std::string, bool> heldR;
        auto probe = [&](const std::string& label) {
            atR[label] = Best(sc.nodes.Get(0), p);
            atN[label] = Best(sc.nodes.Get(2), p);
            heldR[label] = Held(sc.nodes.Get(0), p);
        };
        RtmSchedule(Seconds(19), [&]() { probe("before"); });
        RtmSchedule(Seconds(20.5), [&]() { probe("just after"); });
        RtmSchedule(Seconds(55), [&]() { probe("later"); });
        Simulator::Stop(Seconds(56));
        Simulator::Run();
        for (const char* label : {"before", "just after", "later"})
        {
            EXPECT_EQ(atR[label], std::make_pair(2u, true)) << label << " strict " << strict;
            EXPECT_EQ(atN[label], std::make_pair(3u, true)) << label << " strict " << strict;
            EXPECT_FALSE(heldR[label]) << label << " strict " << strict;
        }
        Simulator::Destroy();
    }
}

TEST(RtmRipInteropTest, NewRouteDuringHoldIsAdvertisedByDefault)
{
    // The RFC behaviour is the default: T advertises P, withdraws it (a hold starts at R), and
    // advertises it again 10 s later. By default R advertises the new route at once (N learns
    // it); with StrictHoldDown R keeps advertising metric 16 until the hold ends (120 s).
    for (bool strict : {false, true})
    {
        Fresh();
        Scenario sc;
        sc.Build(3, {{0, 1}, {0, 2}}, Stack::Rtm);
        RtmRipHelper rip;
        if (strict)
        {
            rip.Set("StrictHoldDown", BooleanValue(true));
        }
        rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(2)));
        rip.AssignStreams(sc.nodes, 100);
        Ptr<Node> t = sc.nodes.Get(1);
        Ptr<Socket> ts = Socket::CreateSocket(t, UdpSocketFactory::GetTypeId());
        ts->BindToNetDevice(sc.edges[0].devB);
        ts->Bind(InetSocketAddress(Ipv4Address::GetAny(), 520));
        RtmRipHeader::Entry e;
        e.address = Ipv4Address("10.77.0.0");
        e.mask = RtmRipHeader::MaskOf(16);
        e.metric = 1;
        RtmRipHeader up;
        up.AddEntry(e);
        e.metric = 16;
        RtmRipHeader down;
        down.AddEntry(e);
        Ipv4Address r = sc.edges[0].addrA;
        SendFromT(ts, r, up, Seconds(10));
        SendFromT(ts, r, down, Seconds(20));
        for (int k = 0; k < 5; ++k)
        {
            SendFromT(ts, r, up, Seconds(30 + 25 * k));
        }
        std::pair<uint32_t, bool> atN{};
        RtmSchedule(Seconds(45), [&]() { atN = Best(sc.nodes.Get(2), Pfx("10.77.0.0/16")); });
        Simulator::Stop(Seconds(46));
        Simulator::Run();
        EXPECT_EQ(Best(sc.nodes.Get(0), Pfx("10.77.0.0/16")), std::make_pair(2u, true))
            << "R forwards on the new route at once in both modes";
        if (strict)
        {
            EXPECT_EQ(atN.first, 0u) << "strict: still advertised unreachable during the hold";
        }
        else
        {
            EXPECT_EQ(atN, std::make_pair(3u, true)) << "RFC: the new route is advertised";
        }
        Simulator::Destroy();
    }
}

} // namespace
