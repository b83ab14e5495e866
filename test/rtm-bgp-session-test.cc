/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of BGP sessions (RtmBgpSession inside RtmBgpSpeaker) in real ns-3 simulations over TCP:
 * establishment and route exchange into the RTM, session loss and re-establishment (hold timer
 * expiry on a dead link, a peer that closes its connection without NOTIFICATION, a refused
 * connection, an administrative reset with NOTIFICATION), OPEN errors answered with the right
 * NOTIFICATION, and malformed UPDATEs from a raw peer handled as RFC 7606 says on a live session.
 */
#include "rtm-bgp-test-util.h"

#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/pointer.h"
#include "ns3/rtm-ns3-compat.h"

#include <gtest/gtest.h>

using namespace rtmbgp;

namespace
{

/// Two routers A (AS 65001) and B (AS 65002) on 10.0.12.0/24, each with a speaker.
struct Pair
{
    NodeContainer nodes;
    Link link;
    Ptr<RtmBgpSpeaker> a;
    Ptr<RtmBgpSpeaker> b;
};

Pair
MakePair(RtmBgpNeighborConfig config = FastConfig(), bool speakerOnB = true)
{
    Pair p;
    p.nodes = MakeRtmNodes(2);
    p.link = P2p(p.nodes.Get(0), p.nodes.Get(1), "10.0.12.0/24");
    RtmBgpHelper bgp = FastHelper();
    p.a = bgp.Install(p.nodes.Get(0), 65001);
    if (speakerOnB)
    {
        p.b = bgp.Install(p.nodes.Get(1), 65002);
        RtmBgpHelper::Peer(p.nodes.Get(0), p.nodes.Get(1), config);
    }
    return p;
}

/// Drop every packet on both ends of \p l (true) or none (false).
void
Cut(const Link& l, bool cut)
{
    for (Ptr<NetDevice> d : {l.devA, l.devB})
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        em->SetAttribute("ErrorRate", DoubleValue(cut ? 1.0 : 0.0));
        d->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
}

} // namespace

TEST(RtmBgpSessionTest, EbgpSessionExchangesRoutesIntoTheRtm)
{
    FreshSimulation();
    Pair p = MakePair();
    p.a->Originate(Pfx("192.0.2.0/24"));
    p.b->Originate(Pfx("198.51.100.0/24"));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    ASSERT_EQ(p.a->GetState(0), RtmBgpState::Established);
    ASSERT_EQ(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_EQ(p.a->GetSession(0).GetEstablishedCount(), 1u);
    EXPECT_EQ(p.a->GetSession(0).GetNegotiatedHoldTime(), 9);
    EXPECT_TRUE(p.a->GetSession(0).GetCodec().fourOctetAs);
    EXPECT_TRUE(p.a->GetSession(0).PeerSupportsRefresh());
    Ptr<const RtmBgpAttributes> attrs;
    uint32_t from = 0;
    ASSERT_TRUE(p.b->GetBest(Pfx("192.0.2.0/24"), attrs, from));
    EXPECT_EQ(from, 0u);
    EXPECT_EQ(attrs->asPath.ToString(), "65001");
    EXPECT_EQ(attrs->nextHop, RtmNetAddress::FromIpv4(p.link.addrA));
    EXPECT_FALSE(attrs->hasLocalPref);
    // In B's RTM: preference 20 (eBGP), one REMOTE next hop, resolved through the link.
    RtmRouteInfo route;
    ASSERT_TRUE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24", &route));
    EXPECT_EQ(route.prefInfo.preference, 20u);
    ASSERT_EQ(route.nextHops.size(), 1u);
    RtmNextHopInfo hop;
    p.b->GetRegistration()->GetNextHopInfo(route.nextHops[0], hop);
    EXPECT_TRUE(hop.flags & RTM_NEXTHOP_FLAGS_REMOTE);
    EXPECT_EQ(hop.nextHopAddress, RtmNetAddress::FromIpv4(p.link.addrA));
    RtmDestInfo fib;
    ASSERT_EQ(
        RouterOf(p.nodes.Get(1))->GetInstance(0)->Lookup(Pfx("192.0.2.77"), RTM_VIEW_ID_UCAST, fib),
        RtmStatus::Success);
    EXPECT_EQ(fib.destAddress, Pfx("192.0.2.0/24"));
    // Locally originated routes are not added to the RTM by BGP.
    EXPECT_FALSE(RtmHasBgpRoute(p.nodes.Get(0), "192.0.2.0/24"));
    EXPECT_TRUE(RtmHasBgpRoute(p.nodes.Get(0), "198.51.100.0/24"));
    EXPECT_EQ(p.a->GetAdjRibInSize(0), 1u);
    EXPECT_EQ(p.a->GetAdjRibOutSize(0), 1u);
    EXPECT_EQ(p.a->GetErrorTotal(), 0u);
    // Withdrawal reaches B and leaves its RTM.
    RtmSchedule(Seconds(1), [&]() { p.a->WithdrawOriginated(Pfx("192.0.2.0/24")); });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_FALSE(p.b->GetBest(Pfx("192.0.2.0/24"), attrs, from));
    EXPECT_FALSE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    Simulator::Destroy();
}

TEST(RtmBgpSessionTest, HoldTimerExpiryEndsTheSessionAndItComesBack)
{
    FreshSimulation();
    Pair p = MakePair(FastConfig(9));
    p.b->SetAttribute("FastExternalFallover", BooleanValue(false));
    p.a->Originate(Pfx("192.0.2.0/24"));
    std::vector<std::pair<Time, RtmBgpState>> states;
    p.b->TraceConnectWithoutContext("State",
                                    MakeCallback(+[](std::vector<std::pair<Time, RtmBgpState>>* v,
                                                     const RtmNetAddress&,
                                                     RtmBgpState,
                                                     RtmBgpState to) {
                                        v->emplace_back(Simulator::Now(), to);
                                    }).Bind(&states));
    Simulator::Schedule(Seconds(20), &Cut, p.link, true);
    Simulator::Schedule(Seconds(45), &Cut, p.link, false);
    Simulator::Stop(Seconds(25));
    Simulator::Run();
    EXPECT_EQ(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_TRUE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    Simulator::Stop(Seconds(10)); // t = 35: more than the 9 s hold time after the cut
    Simulator::Run();
    EXPECT_NE(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_EQ(p.b->GetSession(0).GetLastNotificationSent().code, BGP_ERR_HOLD_TIMER);
    EXPECT_EQ(p.a->GetSession(0).GetLastNotificationSent().code, BGP_ERR_HOLD_TIMER);
    EXPECT_FALSE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    // The session left Established between 29 s (last keepalive at >= 20 - 3 s, + 9 s) and 30 s.
    Time down;
    for (const auto& s : states)
    {
        if (down.IsZero() && s.first > Seconds(20) && s.second != RtmBgpState::Established)
        {
            down = s.first;
        }
    }
    EXPECT_GE(down, Seconds(26));
    EXPECT_LE(down, Seconds(30));
    Simulator::Stop(Seconds(40)); // the link is back at 45 s
    Simulator::Run();
    EXPECT_EQ(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_EQ(p.b->GetSession(0).GetEstablishedCount(), 2u);
    EXPECT_TRUE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    Simulator::Destroy();
}

TEST(RtmBgpSessionTest, NotificationResetAndConnectionLossAreRecovered)
{
    FreshSimulation();
    Pair p = MakePair();
    p.a->Originate(Pfx("192.0.2.0/24"));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    ASSERT_EQ(p.b->GetState(0), RtmBgpState::Established);
    // An administrative reset: Cease/Administrative Reset reaches B, both restart.
    p.a->ResetNeighbor(0);
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_NE(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_EQ(p.b->GetSession(0).GetLastNotificationReceived().code, BGP_ERR_CEASE);
    EXPECT_EQ(p.b->GetSession(0).GetLastNotificationReceived().subcode, BGP_SUB_CEASE_ADMIN_RESET);
    EXPECT_FALSE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_TRUE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    // The speaker of A exits (its connection closes without a NOTIFICATION, as when the
    // process dies): B loses the session and the routes; a new speaker on A comes back.
    uint32_t notificationsBefore = p.b->GetSession(0).GetMessagesIn()[BGP_MSG_NOTIFICATION];
    p.a->Shutdown(false);
    p.a->Dispose();
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_NE(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_EQ(p.b->GetSession(0).GetMessagesIn()[BGP_MSG_NOTIFICATION], notificationsBefore);
    EXPECT_FALSE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    Ptr<RtmBgpSpeaker> a2 = CreateObject<RtmBgpSpeaker>();
    a2->SetAttribute("LocalAs", UintegerValue(65001));
    ASSERT_EQ(a2->Start(p.nodes.Get(0), 0), RtmStatus::Success);
    RouterOf(p.nodes.Get(0))->SetClient("bgp", 0, RTM_AF_INET, a2);
    RtmBgpNeighborConfig c = FastConfig();
    c.address = RtmNetAddress::FromIpv4(p.link.addrB);
    c.remoteAs = 65002;
    a2->AddNeighbor(c);
    a2->Originate(Pfx("192.0.2.0/24"));
    Simulator::Stop(Seconds(15));
    Simulator::Run();
    EXPECT_EQ(p.b->GetState(0), RtmBgpState::Established);
    EXPECT_TRUE(RtmHasBgpRoute(p.nodes.Get(1), "192.0.2.0/24"));
    Simulator::Destroy();
}

TEST(RtmBgpSessionTest, RefusedConnectionsAreRetriedAfterConnectRetry)
{
    FreshSimulation();
    Pair p = MakePair(FastConfig(), false);
    RtmBgpNeighborConfig c = FastConfig();
    c.address = RtmNetAddress::FromIpv4(p.link.addrB);
    c.remoteAs = 65002;
    p.a->AddNeighbor(c);
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    // Nobody listens on B: the connection is refused (TCP RST), A waits in Active.
    EXPECT_EQ(p.a->GetState(0), RtmBgpState::Active);
    EXPECT_EQ(p.a->GetSession(0).GetEstablishedCount(), 0u);
    RtmBgpHelper bgp = FastHelper();
    p.b = bgp.Install(p.nodes.Get(1), 65002);
    RtmBgpNeighborConfig cb = FastConfig();
    cb.address = RtmNetAddress::FromIpv4(p.link.addrA);
    cb.remoteAs = 65001;
    cb.passive = true; // only A connects: the ConnectRetry timer must bring the session up
    p.b->AddNeighbor(cb);
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    EXPECT_EQ(p.a->GetState(0), RtmBgpState::Established);
    EXPECT_EQ(p.b->GetState(0), RtmBgpState::Established);
    Simulator::Destroy();
}

TEST(RtmBgpSessionTest, OpenErrorsGetTheirNotification)
{
    FreshSimulation();
    Pair p = MakePair(FastConfig(), false);
    RtmBgpHelper bgp = FastHelper();
    p.b = bgp.Install(p.nodes.Get(1), 65002);
    RtmBgpNeighborConfig ca = FastConfig();
    ca.address = RtmNetAddress::FromIpv4(p.link.addrB);
    ca.remoteAs = 65009; // wrong
    p.a->AddNeighbor(ca);
    RtmBgpNeighborConfig cb = FastConfig();
    cb.address = RtmNetAddress::FromIpv4(p.link.addrA);
    cb.remoteAs = 65001;
    p.b->AddNeighbor(cb);
    Simulator::Stop(Seconds(1.5)); // sessions start within 1 s: one OPEN exchange
    Simulator::Run();
    EXPECT_EQ(p.b->GetSession(0).GetLastNotificationReceived().code, BGP_ERR_OPEN);
    EXPECT_EQ(p.b->GetSession(0).GetLastNotificationReceived().subcode, BGP_SUB_BAD_PEER_AS);
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_EQ(p.a->GetSession(0).GetEstablishedCount(), 0u);
    EXPECT_EQ(p.b->GetSession(0).GetEstablishedCount(), 0u);
    EXPECT_GE(p.a->GetErrorCount(RtmBgpReason::OpenPeerAs), 1u);
    EXPECT_EQ(p.a->GetSession(0).GetLastNotificationSent().code, BGP_ERR_OPEN);
    EXPECT_EQ(p.a->GetSession(0).GetLastNotificationSent().subcode, BGP_SUB_BAD_PEER_AS);
    Simulator::Destroy();
}

namespace
{

/// An OPEN of AS 65002 with hold time 30.
std::vector<uint8_t>
RawOpen()
{
    RtmBgpOpen o;
    o.myAs = 65002;
    o.holdTime = 30;
    o.bgpId = Ipv4Address("10.0.12.2").Get();
    o.multiprotocol = {{BGP_AFI_IPV4, 1}};
    return o.Serialize();
}

/// An UPDATE announcing 203.0.113.0/24 from AS 65002 with extra attribute bytes.
std::vector<uint8_t>
RawUpdate(const std::vector<uint8_t>& extraAttrs, const std::vector<uint8_t>& nlri)
{
    std::vector<uint8_t> attrs = {0x40, 1, 1, 0,                        // ORIGIN IGP
                                  0x40, 2, 6, 2,  1, 0,  0, 0xFD, 0xEA, // AS_PATH 65002
                                  0x40, 3, 4, 10, 0, 12, 2};            // NEXT_HOP
    attrs.insert(attrs.end(), extraAttrs.begin(), extraAttrs.end());
    std::vector<uint8_t> m;
    RtmBgpHeader::Begin(BGP_MSG_UPDATE, m);
    m.push_back(0);
    m.push_back(0);
    m.push_back(static_cast<uint8_t>(attrs.size() >> 8));
    m.push_back(static_cast<uint8_t>(attrs.size()));
    m.insert(m.end(), attrs.begin(), attrs.end());
    m.insert(m.end(), nlri.begin(), nlri.end());
    RtmBgpHeader::Finish(m);
    return m;
}

} // namespace

TEST(RtmBgpSessionTest, MalformedUpdatesOnALiveSession)
{
    FreshSimulation();
    Pair p = MakePair(FastConfig(), false);
    RawPeer raw(p.nodes.Get(1));
    RtmBgpNeighborConfig c = FastConfig(30);
    c.address = RtmNetAddress::FromIpv4(p.link.addrB);
    c.remoteAs = 65002;
    p.a->AddNeighbor(c);
    std::vector<uint8_t> nlri = {24, 203, 0, 113};
    raw.SendAt(Seconds(2), RawOpen());
    raw.SendAt(Seconds(2.1), RtmBgpKeepalive::Serialize());
    raw.SendAt(Seconds(3), RawUpdate({}, nlri));
    // COMMUNITIES of 3 octets: treat-as-withdraw, the session stays.
    raw.SendAt(Seconds(5), RawUpdate({0xC0, 8, 3, 1, 2, 3}, nlri));
    raw.SendAt(Seconds(6), RawUpdate({}, nlri));
    // ATOMIC_AGGREGATE with a length: attribute discarded, the route stays.
    raw.SendAt(Seconds(7), RawUpdate({0x40, 6, 1, 0}, {24, 203, 0, 114}));
    // A 33-bit prefix: session reset with 3/10.
    raw.SendAt(Seconds(9), RawUpdate({}, {33, 1, 2, 3, 4, 5}));
    Ptr<const RtmBgpAttributes> attrs;
    uint32_t from = 0;
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    ASSERT_TRUE(raw.Connected());
    ASSERT_EQ(p.a->GetState(0), RtmBgpState::Established);
    EXPECT_TRUE(p.a->GetBest(Pfx("203.0.113.0/24"), attrs, from));
    Simulator::Stop(Seconds(1.5)); // 5.5 s
    Simulator::Run();
    EXPECT_EQ(p.a->GetErrorCount(RtmBgpReason::CommunitiesMalformed), 1u);
    EXPECT_FALSE(p.a->GetBest(Pfx("203.0.113.0/24"), attrs, from));
    EXPECT_EQ(p.a->GetState(0), RtmBgpState::Established);
    Simulator::Stop(Seconds(2)); // 7.5 s
    Simulator::Run();
    EXPECT_TRUE(p.a->GetBest(Pfx("203.0.113.0/24"), attrs, from));
    EXPECT_TRUE(p.a->GetBest(Pfx("203.0.114.0/24"), attrs, from));
    EXPECT_FALSE(attrs->atomicAggregate);
    EXPECT_EQ(p.a->GetErrorCount(RtmBgpReason::AtomicAggregateMalformed), 1u);
    Simulator::Stop(Seconds(2)); // 9.5 s
    Simulator::Run();
    EXPECT_EQ(p.a->GetErrorCount(RtmBgpReason::NlriMalformed), 1u);
    EXPECT_NE(p.a->GetState(0), RtmBgpState::Established);
    ASSERT_FALSE(raw.notifications.empty());
    EXPECT_EQ(raw.notifications.back().code, BGP_ERR_UPDATE);
    EXPECT_EQ(raw.notifications.back().subcode, BGP_SUB_INVALID_NETWORK);
    EXPECT_FALSE(p.a->GetBest(Pfx("203.0.113.0/24"), attrs, from));
    EXPECT_FALSE(RtmHasBgpRoute(p.nodes.Get(0), "203.0.114.0/24"));
    Simulator::Destroy();
}

TEST(RtmBgpSessionTest, HeaderErrorsAndUnexpectedMessagesResetTheSession)
{
    FreshSimulation();
    Pair p = MakePair(FastConfig(), false);
    RawPeer raw(p.nodes.Get(1));
    RtmBgpNeighborConfig c = FastConfig(30);
    c.address = RtmNetAddress::FromIpv4(p.link.addrB);
    c.remoteAs = 65002;
    p.a->AddNeighbor(c);
    // A KEEPALIVE before any OPEN: FSM error (5/1, OpenSent).
    raw.SendAt(Seconds(2), RtmBgpKeepalive::Serialize());
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    ASSERT_FALSE(raw.notifications.empty());
    EXPECT_EQ(raw.notifications.back().code, BGP_ERR_FSM);
    EXPECT_EQ(raw.notifications.back().subcode, BGP_SUB_FSM_OPENSENT);
    EXPECT_EQ(p.a->GetErrorCount(RtmBgpReason::UnexpectedMessage), 1u);
    Simulator::Destroy();

    FreshSimulation();
    Pair q = MakePair(FastConfig(), false);
    RawPeer raw2(q.nodes.Get(1));
    q.a->AddNeighbor(c);
    std::vector<uint8_t> bad = RtmBgpKeepalive::Serialize();
    bad[0] = 0;
    raw2.SendAt(Seconds(2), RawOpen());
    raw2.SendAt(Seconds(2.1), RtmBgpKeepalive::Serialize());
    raw2.SendAt(Seconds(3), bad);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    ASSERT_FALSE(raw2.notifications.empty());
    EXPECT_EQ(raw2.notifications.back().code, BGP_ERR_HEADER);
    EXPECT_EQ(raw2.notifications.back().subcode, BGP_SUB_CONN_NOT_SYNC);
    EXPECT_EQ(q.a->GetErrorCount(RtmBgpReason::HeaderMarker), 1u);
    EXPECT_EQ(q.a->GetSession(0).GetEstablishedCount(), 1u);
    Simulator::Destroy();
}
