/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of BGP routes through the RTM in real simulations: packets follow BGP routes over a
 * chain of ASes (REMOTE next hops resolved by the RTM), iBGP route reflection (RFC 4456:
 * ORIGINATOR_ID, CLUSTER_LIST, client/non-client rules, no loops between redundant reflectors),
 * next-hop tracking (the IGP route to a next hop changes cost or disappears and BGP re-selects,
 * for one route and for 200 after churn),
 * IPv6 unicast over MP_REACH_NLRI, import policy changes through ROUTE-REFRESH, redistribution
 * both ways, and the MRAI timer spacing updates.
 */
#include "rtm-bgp-test-util.h"

#include "ns3/ipv6-address-helper.h"
#include "ns3/rtm-ipv6-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-static-routing-helper.h"

#include <functional>
#include <gtest/gtest.h>

using namespace rtmbgp;

namespace
{

/// \return the AS path of the best route of \p prefix at \p node ("-" if none)
std::string
PathAt(Ptr<Node> node, const std::string& prefix)
{
    Ptr<const RtmBgpAttributes> a;
    uint32_t peer = 0;
    if (!RtmBgpHelper::GetSpeaker(node)->GetBest(Pfx(prefix), a, peer))
    {
        return "-";
    }
    return a->asPath.ToString();
}

/// r (AS 65000) with iBGP sessions to p1 and p2, which have eBGP sessions to e1 and e2 (AS
/// 65001); r reaches e1's and e2's next hops through static routes (the IGP here) of metric 5
/// (via p1) and 10 (via p2).
struct TwoExits
{
    NodeContainer n;       //!< r, p1, p2, e1, e2
    Link rp1;              //!< r - p1
    Link rp2;              //!< r - p2
    Ptr<RtmBgpSpeaker> sr; //!< r's speaker
    Ptr<RtmBgpSpeaker> e1; //!< e1's
    Ptr<RtmBgpSpeaker> e2; //!< e2's
};

TwoExits
MakeTwoExits()
{
    TwoExits t;
    t.n = MakeRtmNodes(5);
    Ptr<Node> r = t.n.Get(0);
    t.rp1 = P2p(r, t.n.Get(1), "10.0.1.0/24");
    t.rp2 = P2p(r, t.n.Get(2), "10.0.2.0/24");
    P2p(t.n.Get(1), t.n.Get(3), "10.0.11.0/24");
    P2p(t.n.Get(2), t.n.Get(4), "10.0.22.0/24");
    RtmStaticRoutingHelper::AddRoute(r, "10.0.11.0/24", "10.0.1.2", t.rp1.ifA, 5);
    RtmStaticRoutingHelper::AddRoute(r, "10.0.22.0/24", "10.0.2.2", t.rp2.ifA, 10);
    RtmBgpHelper bgp = FastHelper();
    t.sr = bgp.Install(r, 65000);
    bgp.Install(t.n.Get(1), 65000);
    bgp.Install(t.n.Get(2), 65000);
    t.e1 = bgp.Install(t.n.Get(3), 65001);
    t.e2 = bgp.Install(t.n.Get(4), 65001);
    RtmBgpHelper::Peer(r, t.n.Get(1), FastConfig());
    RtmBgpHelper::Peer(r, t.n.Get(2), FastConfig());
    RtmBgpHelper::Peer(t.n.Get(1), t.n.Get(3), FastConfig());
    RtmBgpHelper::Peer(t.n.Get(2), t.n.Get(4), FastConfig());
    return t;
}

} // namespace

TEST(RtmBgpRoutesTest, PacketsFollowBgpRoutesOverAChainOfAses)
{
    FreshSimulation();
    // h1 - a(65001) - b(65002) - c(65003) - h2; a and c originate their host subnets by
    // redistributing connected routes; hosts use static default routes.
    NodeContainer n = MakeRtmNodes(5);
    Link l1 = P2p(n.Get(0), n.Get(1), "192.168.1.0/24");
    Link l2 = P2p(n.Get(1), n.Get(2), "10.0.12.0/24");
    Link l3 = P2p(n.Get(2), n.Get(3), "10.0.23.0/24");
    Link l4 = P2p(n.Get(3), n.Get(4), "192.168.2.0/24");
    RtmStaticRoutingHelper::AddRoute(n.Get(0), "0.0.0.0/0", "192.168.1.2", l1.ifA);
    RtmStaticRoutingHelper::AddRoute(n.Get(4), "0.0.0.0/0", "192.168.2.1", l4.ifB);
    RtmBgpHelper bgp = FastHelper(Seconds(1));
    bgp.Set("RedistributeConnected", BooleanValue(true));
    bgp.Install(n.Get(1), 65001);
    bgp.Install(n.Get(2), 65002);
    bgp.Install(n.Get(3), 65003);
    RtmBgpHelper::Peer(n.Get(1), n.Get(2), FastConfig());
    RtmBgpHelper::Peer(n.Get(2), n.Get(3), FastConfig());
    UdpReceiver rx(n.Get(4), 9);
    UdpSender tx(n.Get(0));
    tx.Schedule(l4.addrB, 9, 20, Seconds(10));
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    EXPECT_EQ(PathAt(n.Get(1), "192.168.2.0/24"), "65002 65003");
    EXPECT_EQ(PathAt(n.Get(3), "192.168.1.0/24"), "65002 65001");
    // The link between a and b is connected at both: never taken from BGP.
    EXPECT_FALSE(RtmHasBgpRoute(n.Get(1), "10.0.12.0/24"));
    EXPECT_TRUE(RtmHasBgpRoute(n.Get(1), "10.0.23.0/24"));
    EXPECT_EQ(rx.received, 20u);
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, RouteReflectionFollowsRfc4456)
{
    FreshSimulation();
    // r reflects for clients c1, c2 and non-clients n1, n2, all in AS 65000 on a star.
    NodeContainer n = MakeRtmNodes(5);
    Ptr<Node> r = n.Get(0);
    std::vector<Link> links;
    for (uint32_t i = 1; i < 5; ++i)
    {
        links.push_back(P2p(r, n.Get(i), "10.0." + std::to_string(i) + ".0/24"));
        // Next hops of reflected routes are the originators' addresses: reach them via r.
        RtmStaticRoutingHelper::AddRoute(n.Get(i),
                                         "10.0.0.0/16",
                                         "10.0." + std::to_string(i) + ".1",
                                         links.back().ifB);
    }
    RtmBgpHelper bgp = FastHelper();
    std::vector<Ptr<RtmBgpSpeaker>> s;
    for (uint32_t i = 0; i < 5; ++i)
    {
        s.push_back(bgp.Install(n.Get(i), 65000));
    }
    for (uint32_t i = 1; i < 5; ++i)
    {
        RtmBgpNeighborConfig toSpoke = FastConfig();
        toSpoke.routeReflectorClient = i <= 2;
        RtmBgpHelper::Peer(r,
                           RtmNetAddress::FromIpv4(links[i - 1].addrA),
                           n.Get(i),
                           RtmNetAddress::FromIpv4(links[i - 1].addrB),
                           toSpoke,
                           FastConfig());
        s[i]->Originate(Pfx("172.16." + std::to_string(i) + ".0/24"));
    }
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    Ptr<const RtmBgpAttributes> a;
    uint32_t peer = 0;
    // Client -> client: reflected with ORIGINATOR_ID and CLUSTER_LIST, next hop unchanged.
    ASSERT_TRUE(s[2]->GetBest(Pfx("172.16.1.0/24"), a, peer));
    EXPECT_TRUE(a->hasOriginatorId);
    EXPECT_EQ(a->originatorId, s[1]->GetRouterId());
    EXPECT_EQ(a->clusterList, std::vector<uint32_t>{s[0]->GetRouterId()});
    EXPECT_EQ(a->nextHop, RtmNetAddress::FromIpv4(links[0].addrB));
    EXPECT_TRUE(RtmHasBgpRoute(n.Get(2), "172.16.1.0/24"));
    RtmRouteInfo route;
    RtmHasBgpRoute(n.Get(2), "172.16.1.0/24", &route);
    EXPECT_EQ(route.prefInfo.preference, 200u); // iBGP
    // Client -> non-client, non-client -> client.
    EXPECT_TRUE(s[3]->GetBest(Pfx("172.16.1.0/24"), a, peer));
    EXPECT_TRUE(s[1]->GetBest(Pfx("172.16.3.0/24"), a, peer));
    // Non-client -> non-client: never.
    EXPECT_FALSE(s[4]->GetBest(Pfx("172.16.3.0/24"), a, peer));
    EXPECT_FALSE(s[3]->GetBest(Pfx("172.16.4.0/24"), a, peer));
    // The reflector itself has everything, nobody saw a loop.
    for (uint32_t i = 1; i < 5; ++i)
    {
        EXPECT_TRUE(s[0]->GetBest(Pfx("172.16." + std::to_string(i) + ".0/24"), a, peer));
        EXPECT_EQ(s[i]->GetReflectionLoopDrops(), 0u);
    }
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, RedundantReflectorsDoNotLoop)
{
    FreshSimulation();
    // Two reflectors r1, r2 of one cluster, both serving client c; r1 and r2 peer as
    // non-clients. c's route reaches r2 directly and through r1: the copy through r1 carries
    // the cluster id and is dropped; nothing comes back to c.
    NodeContainer n = MakeRtmNodes(3);
    Link a = P2p(n.Get(0), n.Get(2), "10.0.1.0/24"); // r1 - c
    Link b = P2p(n.Get(1), n.Get(2), "10.0.2.0/24"); // r2 - c
    Link c = P2p(n.Get(0), n.Get(1), "10.0.3.0/24"); // r1 - r2
    RtmBgpHelper bgp = FastHelper();
    bgp.Set("ClusterId", Ipv4AddressValue("1.1.1.1"));
    Ptr<RtmBgpSpeaker> r1 = bgp.Install(n.Get(0), 65000);
    Ptr<RtmBgpSpeaker> r2 = bgp.Install(n.Get(1), 65000);
    RtmBgpHelper plain = FastHelper();
    Ptr<RtmBgpSpeaker> client = plain.Install(n.Get(2), 65000);
    RtmBgpNeighborConfig toClient = FastConfig();
    toClient.routeReflectorClient = true;
    RtmBgpHelper::Peer(n.Get(0),
                       RtmNetAddress::FromIpv4(a.addrA),
                       n.Get(2),
                       RtmNetAddress::FromIpv4(a.addrB),
                       toClient,
                       FastConfig());
    RtmBgpHelper::Peer(n.Get(1),
                       RtmNetAddress::FromIpv4(b.addrA),
                       n.Get(2),
                       RtmNetAddress::FromIpv4(b.addrB),
                       toClient,
                       FastConfig());
    RtmBgpHelper::Peer(n.Get(0), n.Get(1), FastConfig());
    client->Originate(Pfx("172.16.9.0/24"));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_GE(r1->GetReflectionLoopDrops() + r2->GetReflectionLoopDrops(), 1u);
    Ptr<const RtmBgpAttributes> best;
    uint32_t peer = 0;
    ASSERT_TRUE(r2->GetBest(Pfx("172.16.9.0/24"), best, peer));
    EXPECT_EQ(r2->GetNeighborConfig(peer).address, RtmNetAddress::FromIpv4(b.addrB));
    EXPECT_TRUE(best->clusterList.empty());
    ASSERT_TRUE(client->GetBest(Pfx("172.16.9.0/24"), best, peer));
    EXPECT_EQ(peer, RtmBgpSpeaker::LOCAL);
    EXPECT_EQ(client->GetRoutes(Pfx("172.16.9.0/24")).size(), 1u); // nothing came back
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, NextHopTrackingReselectsWhenTheIgpChanges)
{
    FreshSimulation();
    // r learns 203.0.113.0/24 from e1 and e2 through p1 and p2, with the external next hops.
    TwoExits t = MakeTwoExits();
    Ptr<Node> r = t.n.Get(0);
    Ptr<RtmBgpSpeaker> sr = t.sr;
    Link rp1 = t.rp1;
    Link rp2 = t.rp2;
    t.e1->Originate(Pfx("203.0.113.0/24"));
    t.e2->Originate(Pfx("203.0.113.0/24"));
    auto nextHopAtR = [&]() {
        Ptr<const RtmBgpAttributes> a;
        uint32_t peer = 0;
        RtmBgpTieBreak by;
        if (!sr->GetBest(Pfx("203.0.113.0/24"), a, peer, &by))
        {
            return std::string("-");
        }
        return a->nextHop.AddressString() + " " + RtmBgpTieBreakName(by);
    };
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(nextHopAtR(), "10.0.11.2 igp-cost");
    uint32_t cost = 0;
    EXPECT_TRUE(sr->IsNextHopResolvable(Pfx("10.0.11.2"), &cost));
    EXPECT_EQ(cost, 5u);
    RtmRouteInfo route;
    ASSERT_TRUE(RtmHasBgpRoute(r, "203.0.113.0/24", &route));
    // The IGP route to 10.0.11.2 becomes costlier than the other: r re-selects through p2.
    RtmStaticRoutingHelper::AddRoute(r, "10.0.11.0/24", "10.0.1.2", rp1.ifA, 20);
    Simulator::Stop(Seconds(0.1));
    Simulator::Run();
    EXPECT_EQ(nextHopAtR(), "10.0.22.2 igp-cost");
    // The IGP route to 10.0.22.2 disappears: unresolvable, back to p1.
    RtmStaticRoutingHelper::RemoveRoute(r, "10.0.22.0/24");
    Simulator::Stop(Seconds(0.1));
    Simulator::Run();
    EXPECT_FALSE(sr->IsNextHopResolvable(Pfx("10.0.22.2")));
    EXPECT_EQ(nextHopAtR(), "10.0.11.2 only");
    // No IGP route at all: no BGP route in the RTM either.
    RtmStaticRoutingHelper::RemoveRoute(r, "10.0.11.0/24");
    Simulator::Stop(Seconds(0.1));
    Simulator::Run();
    EXPECT_EQ(nextHopAtR(), "-");
    EXPECT_FALSE(RtmHasBgpRoute(r, "203.0.113.0/24"));
    // The IGP comes back: so does the route.
    RtmStaticRoutingHelper::AddRoute(r, "10.0.22.0/24", "10.0.2.2", rp2.ifA, 10);
    Simulator::Stop(Seconds(0.1));
    Simulator::Run();
    EXPECT_EQ(nextHopAtR(), "10.0.22.2 only");
    EXPECT_TRUE(RtmHasBgpRoute(r, "203.0.113.0/24"));
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, NextHopTrackingReselectsEveryRouteThroughTheNextHopAfterChurn)
{
    FreshSimulation();
    // As above, with 200 prefixes: e1 announces all, e2 the even ones. e1 then withdraws the
    // first 100 and announces the first 50 again, so r's list of the destinations through e1's
    // next hop holds stale entries (and is compacted). Each IGP change must re-decide exactly
    // the destinations through the changed next hop: every prefix ends where it should.
    TwoExits t = MakeTwoExits();
    Ptr<Node> r = t.n.Get(0);
    Ptr<RtmBgpSpeaker> sr = t.sr;
    Ptr<RtmBgpSpeaker> e1 = t.e1;
    Ptr<RtmBgpSpeaker> e2 = t.e2;
    const uint32_t kN = 200;
    auto prefix = [](uint32_t k) { return "198.18." + std::to_string(k) + ".0/24"; };
    for (uint32_t k = 0; k < kN; ++k)
    {
        e1->Originate(Pfx(prefix(k)));
        if (k % 2 == 0)
        {
            e2->Originate(Pfx(prefix(k)));
        }
    }
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    for (uint32_t k = 0; k < 100; ++k)
    {
        e1->WithdrawOriginated(Pfx(prefix(k)));
    }
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    for (uint32_t k = 0; k < 50; ++k)
    {
        e1->Originate(Pfx(prefix(k)));
    }
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    // e1 has k < 50 and k >= 100; e2 the even ones.
    auto fromE1 = [](uint32_t k) { return k < 50 || k >= 100; };
    // \return the next hop of r's best route of prefix k ("-" if none), checking the RTM agrees
    auto hopAt = [&](uint32_t k) {
        Ptr<const RtmBgpAttributes> a;
        uint32_t peer = 0;
        bool has = sr->GetBest(Pfx(prefix(k)), a, peer);
        EXPECT_EQ(has, RtmHasBgpRoute(r, prefix(k))) << prefix(k);
        return has ? a->nextHop.AddressString() : std::string("-");
    };
    auto expectAll = [&](const std::function<std::string(uint32_t)>& want, const char* step) {
        for (uint32_t k = 0; k < kN; ++k)
        {
            EXPECT_EQ(hopAt(k), want(k)) << step << ": " << prefix(k);
        }
    };
    expectAll([&](uint32_t k) { return fromE1(k)    ? "10.0.11.2"
                                       : k % 2 == 0 ? "10.0.22.2"
                                                    : "-"; },
              "converged");
    // p1's path becomes costlier: every even prefix e1 has moves to e2's next hop.
    RtmStaticRoutingHelper::AddRoute(r, "10.0.11.0/24", "10.0.1.2", t.rp1.ifA, 20);
    Simulator::Stop(Seconds(0.1));
    Simulator::Run();
    expectAll([&](uint32_t k) { return k % 2 == 0  ? "10.0.22.2"
                                       : fromE1(k) ? "10.0.11.2"
                                                   : "-"; },
              "p1 costlier");
    // e2's next hop stops resolving: back to e1 where it has the prefix.
    RtmStaticRoutingHelper::RemoveRoute(r, "10.0.22.0/24");
    Simulator::Stop(Seconds(0.1));
    Simulator::Run();
    expectAll([&](uint32_t k) { return fromE1(k) ? "10.0.11.2" : "-"; }, "p2 unresolvable");
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, ImportPolicyChangesApplyThroughRouteRefresh)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(2);
    P2p(n.Get(0), n.Get(1), "10.0.12.0/24");
    RtmBgpHelper bgp = FastHelper();
    Ptr<RtmBgpSpeaker> a = bgp.Install(n.Get(0), 65001);
    Ptr<RtmBgpSpeaker> b = bgp.Install(n.Get(1), 65002);
    RtmBgpHelper::Peer(n.Get(0), n.Get(1), FastConfig());
    for (int i = 0; i < 4; ++i)
    {
        a->Originate(Pfx("198.18." + std::to_string(i) + ".0/24"));
    }
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(b->GetAdjRibInSize(0), 4u);
    Ptr<RtmBgpPolicy> in = Create<RtmBgpPolicy>();
    RtmBgpPolicyMatch m;
    RtmBgpPrefixRange r;
    RtmBgpPrefixRange::Parse("198.18.2.0/23 le 24", r);
    m.prefixes.push_back(r);
    in->AddTerm(m, RtmBgpPolicy::Reject());
    b->SetImportPolicy(0, in);
    uint64_t refreshIn = a->GetSession(0).GetMessagesIn()[BGP_MSG_ROUTE_REFRESH];
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_EQ(a->GetSession(0).GetMessagesIn()[BGP_MSG_ROUTE_REFRESH], refreshIn + 1);
    EXPECT_EQ(b->GetAdjRibInSize(0), 2u);
    EXPECT_GE(b->GetImportRejects(), 2u);
    EXPECT_EQ(b->GetState(0), RtmBgpState::Established); // no session reset
    // An export policy on a: prepend twice toward b.
    Ptr<RtmBgpPolicy> out = Create<RtmBgpPolicy>();
    RtmBgpPolicyAction pre;
    pre.prepend = 2;
    out->AddTerm(RtmBgpPolicyMatch(), pre);
    a->SetExportPolicy(0, out);
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_EQ(PathAt(n.Get(1), "198.18.0.0/24"), "65001 65001 65001");
    Simulator::Destroy();
}

namespace
{

/// Two dual-stack RTM nodes on a point-to-point link: 10.0.K.1/24 and 10.0.K.2/24,
/// 2001:db8:K::/64 (interface address 1 of each: the global one). \return the IPv6 addresses
Ipv6InterfaceContainer
DualStackPair(NodeContainer& n, const std::string& k)
{
    n.Create(2);
    RtmHelper rtm;
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.SetRoutingHelper(RtmIpv6Helper(rtm));
    stack.Install(n);
    NetDeviceContainer d = P2pDevices(n.Get(0), n.Get(1));
    Ipv6AddressHelper ah;
    ah.SetBase(Ipv6Address(("2001:db8:" + k + "::").c_str()), Ipv6Prefix(64));
    Ipv6InterfaceContainer ic = ah.Assign(d);
    AddAddress(d.Get(0), "10.0." + k + ".1/24");
    AddAddress(d.Get(1), "10.0." + k + ".2/24");
    return ic;
}

} // namespace

TEST(RtmBgpRoutesTest, Ipv6UnicastOverMpReachNlri)
{
    FreshSimulation();
    NodeContainer n;
    Ipv6InterfaceContainer ic = DualStackPair(n, "12");
    RtmBgpHelper bgp = FastHelper();
    Ptr<RtmBgpSpeaker> a = bgp.Install(n.Get(0), 65001);
    Ptr<RtmBgpSpeaker> b = bgp.Install(n.Get(1), 65002);
    RtmBgpNeighborConfig ca = FastConfig();
    ca.ipv6Unicast = true;
    RtmBgpNeighborConfig cb = ca;
    RtmBgpHelper::Peer(n.Get(0),
                       RtmNetAddress::FromIpv6(ic.GetAddress(0, 1)),
                       n.Get(1),
                       RtmNetAddress::FromIpv6(ic.GetAddress(1, 1)),
                       ca,
                       cb);
    a->Originate(Pfx("2001:db8:100::/48"));
    a->Originate(Pfx("192.0.2.0/24"));
    Simulator::Stop(Seconds(15));
    Simulator::Run();
    ASSERT_EQ(b->GetState(0), RtmBgpState::Established);
    EXPECT_TRUE(b->GetSession(0).GetCodec().ipv6Unicast);
    Ptr<const RtmBgpAttributes> attrs;
    uint32_t peer = 0;
    ASSERT_TRUE(b->GetBest(Pfx("2001:db8:100::/48"), attrs, peer));
    EXPECT_EQ(attrs->nextHop, RtmNetAddress::FromIpv6(ic.GetAddress(0, 1)));
    EXPECT_TRUE(RtmHasBgpRoute(n.Get(1), "2001:db8:100::/48"));
    RtmDestInfo fib;
    EXPECT_EQ(
        RouterOf(n.Get(1))->GetInstance(0)->Lookup(Pfx("2001:db8:100::1"), RTM_VIEW_ID_UCAST, fib),
        RtmStatus::Success);
    // An IPv4 route over an IPv6 session needs an IPv4 next hop of ours: none configured, so
    // it is not sent; with nextHop4 it is.
    EXPECT_FALSE(b->GetBest(Pfx("192.0.2.0/24"), attrs, peer));
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, Ipv6UnicastOverIpv4TransportTakesTheInterfacesGlobalAddress)
{
    // Found by BIRD (make check-interop, bgp-ebgp): with IPv6 unicast over an IPv4 session and
    // no nextHop6 configured, the speaker sent no IPv6 route at all (its next hop was null);
    // the default is the first global IPv6 address of the interface the session runs on.
    FreshSimulation();
    NodeContainer n;
    Ipv6InterfaceContainer ic = DualStackPair(n, "13");
    RtmBgpHelper bgp = FastHelper();
    Ptr<RtmBgpSpeaker> a = bgp.Install(n.Get(0), 65001);
    Ptr<RtmBgpSpeaker> b = bgp.Install(n.Get(1), 65002);
    RtmBgpNeighborConfig c = FastConfig();
    c.ipv6Unicast = true;
    ASSERT_TRUE(RtmBgpHelper::Peer(n.Get(0), n.Get(1), c)); // IPv4 transport
    a->Originate(Pfx("2001:db8:200::/48"));
    Simulator::Stop(Seconds(15));
    Simulator::Run();
    ASSERT_EQ(b->GetState(0), RtmBgpState::Established);
    Ptr<const RtmBgpAttributes> attrs;
    uint32_t peer = 0;
    ASSERT_TRUE(b->GetBest(Pfx("2001:db8:200::/48"), attrs, peer));
    EXPECT_EQ(attrs->nextHop, RtmNetAddress::FromIpv6(ic.GetAddress(0, 1)));
    EXPECT_TRUE(RtmHasBgpRoute(n.Get(1), "2001:db8:200::/48"));
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, RedistributionBothWaysWithRip)
{
    FreshSimulation();
    // igp (RIP) - border (RIP + BGP 65001) - ext (BGP 65002). The IGP's routes go into BGP, and
    // the external route goes into RIP through the RTM (RIP's RedistributeOther).
    NodeContainer n = MakeRtmNodes(4);
    P2p(n.Get(0), n.Get(1), "10.1.0.0/24");
    Link be = P2p(n.Get(1), n.Get(2), "10.9.0.0/24");
    P2p(n.Get(0), n.Get(3), "10.1.5.0/24"); // a stub subnet of the IGP
    RtmRipHelper rip;
    rip.Set("RedistributeOther", BooleanValue(true));
    rip.ExcludeInterface(n.Get(1), be.ifA);
    rip.Install(NodeContainer(n.Get(0), n.Get(1)));
    RtmBgpHelper bgp = FastHelper();
    bgp.Set("RedistributeOther", BooleanValue(true)); // RIP routes into BGP
    bgp.Install(n.Get(1), 65001);
    bgp.Install(n.Get(2), 65002)->Originate(Pfx("203.0.113.0/24"));
    RtmBgpHelper::Peer(n.Get(1), n.Get(2), FastConfig());
    Simulator::Stop(Seconds(40));
    Simulator::Run();
    // RIP route 10.1.5.0/24 at the border, redistributed into BGP, at ext with path 65001.
    EXPECT_EQ(PathAt(n.Get(2), "10.1.5.0/24"), "65001");
    Ptr<const RtmBgpAttributes> a;
    uint32_t peer = 0;
    RtmBgpHelper::GetSpeaker(n.Get(2))->GetBest(Pfx("10.1.5.0/24"), a, peer);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->origin, BGP_ORIGIN_INCOMPLETE);
    // The external route reaches the IGP router through RIP.
    RtmDestInfo info;
    ASSERT_EQ(
        RouterOf(n.Get(0))->GetInstance(0)->Lookup(Pfx("203.0.113.1"), RTM_VIEW_ID_UCAST, info),
        RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("203.0.113.0/24"));
    Simulator::Destroy();
}

TEST(RtmBgpRoutesTest, MraiSpacesUpdatesToANeighbour)
{
    FreshSimulation();
    NodeContainer n = MakeRtmNodes(2);
    P2p(n.Get(0), n.Get(1), "10.0.12.0/24");
    RtmBgpHelper bgp = FastHelper(Seconds(10));
    bgp.Set("MraiJitter", BooleanValue(false));
    Ptr<RtmBgpSpeaker> a = bgp.Install(n.Get(0), 65001);
    Ptr<RtmBgpSpeaker> b = bgp.Install(n.Get(1), 65002);
    RtmBgpHelper::Peer(n.Get(0), n.Get(1), FastConfig(30));
    std::vector<Time> sent;
    a->TraceConnectWithoutContext(
        "UpdateSent",
        MakeCallback(+[](std::vector<Time>* v, const RtmNetAddress&, uint32_t, uint32_t) {
            v->push_back(Simulator::Now());
        }).Bind(&sent));
    // Changes every second from 20 s to 40 s.
    for (int i = 0; i < 20; ++i)
    {
        RtmSchedule(Seconds(20 + i),
                    [a, i]() { a->Originate(Pfx("198.18." + std::to_string(i) + ".0/24")); });
    }
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    EXPECT_EQ(b->GetAdjRibInSize(0), 20u);
    std::vector<Time> late;
    for (Time t : sent)
    {
        if (t >= Seconds(20))
        {
            late.push_back(t);
        }
    }
    // One UPDATE per MRAI (10 s): at 20 s, then at the timer's expiries.
    ASSERT_GE(late.size(), 2u);
    EXPECT_LE(late.size(), 4u);
    for (std::size_t i = 1; i < late.size(); ++i)
    {
        EXPECT_GE(late[i] - late[i - 1], Seconds(10) - MilliSeconds(1));
    }
    Simulator::Destroy();
}
