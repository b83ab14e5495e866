/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: bad input from the wire in real ns-3 simulations (issue 3): packets without a route, with
 * TTL 1 (and 2), caught in a routing loop made on purpose, hitting BLACKHOLE, DISCARD and MARTIAN
 * routes or a route whose next hop's interface is down; hand-made packets with bogus headers put
 * on the wire (TTL 0, spoofed and unspecified sources, reserved destinations, truncated UDP,
 * fragments, lying length fields) and raw-socket packets with bogus headers. Every case is
 * counted where it should be, and nothing crashes.
 */
#include "rtm-sim-util.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;
using namespace rtmsim;

constexpr uint8_t kTimeExceeded = 11; //!< ICMP type

/*
 *  H0 --10.0.0.0/24-- R1 --10.0.12.0/24-- R2 --10.0.2.0/24-- H1
 *                      \
 *                       --10.0.13.0/24-- R3 (R1's side goes down at 0.5 s)
 * R1: 10.0.2.0/24 via R2; 10.99.0.0/16 via R2 and R2: 10.99.0.0/16 via R1 (a loop);
 * R1: 10.66.0.0/16 BLACKHOLE, 10.67.0.0/16 DISCARD, 10.68.0.0/16 MARTIAN, 10.70.0.0/16 via R3.
 */
struct BadNet
{
    NodeContainer all;                               //!< H0, R1, R2, H1, R3
    Ptr<Node> h0, r1, r2, h1, r3;                    //!< the nodes
    Link l0, l12, l2, l13;                           //!< the links
    std::vector<std::unique_ptr<SimClient>> clients; //!< route owners
};

void
BuildBad(BadNet& t)
{
    t.all = MakeRtmNodes(5);
    t.h0 = t.all.Get(0);
    t.r1 = t.all.Get(1);
    t.r2 = t.all.Get(2);
    t.h1 = t.all.Get(3);
    t.r3 = t.all.Get(4);
    t.l0 = P2p(t.h0, t.r1, "10.0.0.0/24");
    t.l12 = P2p(t.r1, t.r2, "10.0.12.0/24");
    t.l2 = P2p(t.r2, t.h1, "10.0.2.0/24");
    t.l13 = P2p(t.r1, t.r3, "10.0.13.0/24");
    auto client = [&t](Ptr<Node> n) {
        t.clients.push_back(std::make_unique<SimClient>());
        EXPECT_EQ(t.clients.back()->Register(n), RtmStatus::Success);
        return t.clients.back().get();
    };
    client(t.h0)->Add("0.0.0.0/0", {"10.0.0.2"});
    client(t.h1)->Add("0.0.0.0/0", {"10.0.2.1"});
    SimClient* r1 = client(t.r1);
    r1->Add("10.0.2.0/24", {"10.0.12.2"});
    r1->Add("10.99.0.0/16", {"10.0.12.2"});
    r1->Add("10.66.0.0/16", {}, 0, 0, kBothViews, RTM_ROUTE_FLAGS_BLACKHOLE);
    r1->Add("10.67.0.0/16", {}, 0, 0, kBothViews, RTM_ROUTE_FLAGS_DISCARD);
    r1->Add("10.68.0.0/16", {}, 0, 0, kBothViews, RTM_ROUTE_FLAGS_MARTIAN);
    r1->Add("10.70.0.0/16", {"10.0.13.2"});
    SimClient* r2 = client(t.r2);
    r2->Add("10.0.0.0/24", {"10.0.12.1"});
    r2->Add("10.99.0.0/16", {"10.0.12.1"});
    Ptr<Ipv4> r14 = Ipv4Of(t.r1);
    uint32_t down = t.l13.ifA;
    RtmSchedule(Seconds(0.5), [r14, down]() { r14->SetDown(down); });
}

TEST(RtmBadInputSim, NoRouteTtlLoopBlackholeDiscardAreCounted)
{
    FreshSimulation();
    BadNet t;
    BuildBad(t);
    RtmTraceLog log;
    log.Attach(t.all);
    L3Log l3;
    l3.Attach(t.all);
    UdpReceiver atH1(t.h1, 9);

    UdpSender noRoute(t.h0, 6001);
    noRoute.Schedule(Ipv4Address("10.200.0.1"), 9, 5, Seconds(1));
    UdpSender ttl1(t.h0, 6002);
    ttl1.socket->SetIpTtl(1);
    ttl1.Schedule(t.l2.addrB, 9, 4, Seconds(1.1));
    UdpSender ttl2(t.h0, 6003);
    ttl2.socket->SetIpTtl(2);
    ttl2.Schedule(t.l2.addrB, 9, 3, Seconds(1.2));
    UdpSender loop(t.h0, 6004);
    loop.Schedule(Ipv4Address("10.99.0.1"), 9, 2, Seconds(1.3));
    UdpSender hole(t.h0, 6005);
    hole.Schedule(Ipv4Address("10.66.0.1"), 9, 3, Seconds(1.4));
    hole.Schedule(Ipv4Address("10.67.0.1"), 9, 2, Seconds(1.5));
    hole.Schedule(Ipv4Address("10.68.0.1"), 9, 1, Seconds(1.6));
    UdpSender dead(t.h0, 6006);
    dead.Schedule(Ipv4Address("10.70.0.1"), 9, 2, Seconds(1.7));
    UdpSender ok(t.h0, 6007);
    ok.Schedule(t.l2.addrB, 9, 6, Seconds(1.8));
    // R1's own traffic goes through RouteOutput: refused, counted, nothing sent.
    UdpSender own(t.r1, 6008);
    own.Schedule(Ipv4Address("10.66.0.1"), 9, 1, Seconds(1.9));
    own.Schedule(Ipv4Address("10.200.0.1"), 9, 1, Seconds(1.9));
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    uint32_t r1 = t.r1->GetId(), r2 = t.r2->GetId(), h0 = t.h0->GetId();
    Ptr<RtmIpv4Routing> rr1 = RtmOf(t.r1);
    Ptr<RtmIpv4Routing> rr2 = RtmOf(t.r2);
    // No route: RTM declines, the IP layer drops (DROP_NO_ROUTE). The route whose only next
    // hop is on the interface that went down is not eligible any more (next-hop state), and no
    // other route covers its packets: no route either.
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::NoRoute), 5u + 2u + 1u);
    EXPECT_EQ(l3.Drops(r1, Ipv4L3Protocol::DROP_NO_ROUTE), 5u + 2u);
    // TTL 1 at R1 and TTL 2 at R2: counted, dropped by the IP layer with Time Exceeded.
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::TtlExpired), 4u);
    EXPECT_EQ(l3.Drops(r1, Ipv4L3Protocol::DROP_TTL_EXPIRED), 4u);
    // The loop: R1 receives TTL 64, 62, .., 2 and forwards them; R2 forwards 63, .., 3 and
    // gets TTL 1: 32 + 31 forwards and one expiry per packet, at R2.
    EXPECT_EQ(log.Forwarded(r1, Ipv4Address("10.99.0.1")), 2u * 32u);
    EXPECT_EQ(log.Forwarded(r2, Ipv4Address("10.99.0.1")), 2u * 31u);
    EXPECT_EQ(log.Dropped(r2, RtmDropReason::TtlExpired), 3u + 2u);
    EXPECT_EQ(l3.Drops(r2, Ipv4L3Protocol::DROP_TTL_EXPIRED), 3u + 2u);
    // Every expiry came back to H0 as ICMP Time Exceeded.
    uint32_t fromR1 = 0, fromR2 = 0;
    for (const auto& m : l3.icmp)
    {
        if (m.node == h0 && m.type == kTimeExceeded)
        {
            fromR1 += m.source == t.l0.addrB;
            fromR2 += m.source == t.l12.addrB;
        }
    }
    EXPECT_EQ(fromR1, 4u);
    EXPECT_EQ(fromR2, 3u + 2u);
    // BLACKHOLE drops silently; DISCARD and MARTIAN go through the error callback.
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::Blackhole), 3u + 1u);
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::Discard), 2u);
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::Martian), 1u);
    EXPECT_EQ(rr1->GetDropCount(RtmDropReason::Blackhole), 4u);
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::NoNextHop), 0u);
    EXPECT_EQ(l3.Drops(r1, Ipv4L3Protocol::DROP_ROUTE_ERROR), 2u + 1u);
    // R1's own packets were refused by RouteOutput.
    EXPECT_EQ(own.sent, 0u);
    EXPECT_EQ(own.failed, 2u);
    // Good traffic was not disturbed.
    EXPECT_EQ(atH1.From(t.l0.addrA, 6007), 6u);
    EXPECT_EQ(atH1.received, 6u);
    EXPECT_EQ(rr2->GetDropCount(RtmDropReason::NoRoute), 0u);
    Simulator::Destroy();
}

/// A header with the given fields.
Ipv4Header
Hdr(const char* src, const char* dst, uint8_t ttl, uint8_t protocol = 17)
{
    static uint16_t id = 1;
    Ipv4Header h;
    h.SetSource(Ipv4Address(src));
    h.SetDestination(Ipv4Address(dst));
    h.SetTtl(ttl);
    h.SetProtocol(protocol);
    h.SetIdentification(id++);
    return h;
}

TEST(RtmBadInputSim, BogusHeadersFromTheWireNeverCrash)
{
    FreshSimulation();
    BadNet t;
    BuildBad(t);
    RtmTraceLog log;
    log.Attach(t.all);
    L3Log l3;
    l3.Attach(t.all);
    UdpReceiver atH1(t.h1, 2222);
    Ptr<NetDevice> wire = t.l0.devA; // H0's device toward R1: a broken neighbour of R1
    Time at = Seconds(1);
    auto next = [&at]() {
        at += MilliSeconds(10);
        return at;
    };
    // TTL 0 (never valid on the wire): must not be forwarded.
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.0.2.2", 0), 10, true);
    // TTL 1 and TTL 2 hand-made: like the socket cases.
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.0.2.2", 1), 10, true);
    // Spoofed source (R2's own address), unspecified source, broadcast source: forwarded.
    InjectAt(next(), wire, Hdr("10.0.12.2", "10.0.2.2", 64), 10, true);
    InjectAt(next(), wire, Hdr("0.0.0.0", "10.0.2.2", 64), 10, true);
    InjectAt(next(), wire, Hdr("255.255.255.255", "10.0.2.2", 64), 10, true);
    // Reserved and odd destinations.
    InjectAt(next(), wire, Hdr("10.0.0.1", "0.0.0.0", 64), 10, true);
    InjectAt(next(), wire, Hdr("10.0.0.1", "255.255.255.255", 64), 10, true);
    InjectAt(next(), wire, Hdr("10.0.0.1", "127.0.0.1", 64), 10, true);
    InjectAt(next(), wire, Hdr("10.0.0.1", "240.0.0.1", 64), 10, true);
    InjectAt(next(), wire, Hdr("10.0.0.1", "239.9.9.9", 64), 10, true);
    InjectAt(next(), wire, Hdr("10.0.0.1", "224.0.0.9", 1), 10, true);
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.0.12.255", 64), 10, true); // directed broadcast
    // Protocol UDP but no room for ports; a non-first fragment; an unknown protocol.
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.200.0.1", 64), 0, false);
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.99.0.1", 64), 2, false); // loops, hashes each hop
    {
        Ipv4Header frag = Hdr("10.0.0.1", "10.200.0.1", 64);
        frag.SetFragmentOffset(64);
        frag.SetMoreFragments();
        InjectAt(next(), wire, frag, 16, false);
    }
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.0.2.2", 64, 253), 10, false);
    // Blackhole / discard destinations with TTL 0 and 1.
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.66.0.1", 0), 10, true);
    InjectAt(next(), wire, Hdr("10.0.0.1", "10.67.0.1", 1), 10, true);

    // Raw sockets with IpHeaderInclude: the application writes the header itself.
    Ptr<Socket> raw = Socket::CreateSocket(t.h0, Ipv4RawSocketFactory::GetTypeId());
    raw->SetAttribute("Protocol", UintegerValue(17));
    raw->SetAttribute("IpHeaderInclude", BooleanValue(true));
    auto rawSend = [raw](Ipv4Header h, uint32_t payload) {
        Ptr<Packet> p = Create<Packet>(payload);
        h.SetPayloadSize(payload);
        p->AddHeader(h);
        raw->SendTo(p, 0, InetSocketAddress(h.GetDestination(), 0));
    };
    RtmScheduleWithContext(t.h0->GetId(), Seconds(2), [&]() {
        rawSend(Hdr("0.0.0.0", "10.0.2.2", 0), 20);     // TTL 0
        rawSend(Hdr("0.0.0.0", "10.0.2.2", 1), 20);     // TTL 1
        rawSend(Hdr("0.0.0.0", "10.0.2.2", 64, 99), 0); // empty, unknown protocol
        rawSend(Hdr("0.0.0.0", "10.66.0.1", 64), 8);    // into the blackhole
        rawSend(Hdr("0.0.0.0", "10.99.0.1", 3), 8);     // into the loop, short TTL
    });
    Simulator::Stop(Seconds(4));
    Simulator::Run();

    uint32_t r1 = t.r1->GetId();
    // Nothing R1 forwarded had a TTL below 2 when it arrived.
    for (const auto& f : log.forwards)
    {
        EXPECT_GE(f.ttl, 2) << "node " << f.node << " forwarded a packet to " << f.dst
                            << " that arrived with TTL " << int(f.ttl);
    }
    // TtlExpired at R1: the TTL-0 and TTL-1 packets toward H1 (2 injected, 2 raw) and the raw
    // loop packet that comes back to R1 with TTL 1. Toward the BLACKHOLE and DISCARD prefixes
    // the route decides first (Blackhole, Discard), whatever the TTL.
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::TtlExpired), 5u);
    // H1 got the spoofed/unspecified/broadcast-source packets only: 3.
    EXPECT_EQ(atH1.received, 3u);
    // The TTL-0 packets with a real source got Time Exceeded like any expired packet.
    EXPECT_GE(l3.IcmpCount(t.h0->GetId(), kTimeExceeded), 2u);
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::Blackhole), 2u);
    EXPECT_EQ(log.Dropped(r1, RtmDropReason::Discard), 1u);
    // Both nodes still route normally afterwards.
    EXPECT_EQ(Simulator::Now(), Seconds(4));
    Simulator::Destroy();
}

/// After the bogus traffic the network still carries ordinary traffic.
TEST(RtmBadInputSim, NetworkStillWorksAfterGarbage)
{
    FreshSimulation();
    BadNet t;
    BuildBad(t);
    for (uint32_t i = 0; i < 50; ++i)
    {
        uint8_t ttl = static_cast<uint8_t>(i % 4);
        std::string dst = "10." + std::to_string(60 + i % 12) + ".0." + std::to_string(i);
        InjectAt(Seconds(1) + MilliSeconds(i),
                 t.l0.devA,
                 Hdr("10.0.0.1", dst.c_str(), ttl),
                 i,
                 i & 1);
    }
    UdpReceiver atH1(t.h1, 9);
    UdpSender ok(t.h0, 7000);
    ok.Schedule(t.l2.addrB, 9, 20, Seconds(2));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(atH1.received, 20u);
    Simulator::Destroy();
}

} // namespace
