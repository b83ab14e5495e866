/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the BGP decision process (RtmBgpDecide), step by step: each tie-break of RFC 4271
 * §9.1.2.2 and RFC 4456 §9 decides exactly when every earlier step ties, the MED comparison is
 * limited to routes from the same neighbour AS (and its set elimination does not depend on the
 * order of the candidates), unresolvable next hops are never chosen, and originated routes win.
 */
#include "ns3/rtm-bgp-decision.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// A candidate builder: eBGP from peer id 1, address 10.0.0.1, path "65001 1".
struct Cand
{
    RtmBgpAttributes a;
    RtmBgpCandidate c;

    Cand()
    {
        a.asPath = RtmBgpAsPath({65001, 1});
        a.nextHop = RtmNetAddress::FromIpv4(Ipv4Address("10.0.0.1"));
        c.external = true;
        c.peerId = 1;
        c.peerAddress = RtmNetAddress::FromIpv4(Ipv4Address("10.0.0.1"));
    }
};

int
Decide(std::vector<Cand>& v, RtmBgpTieBreak& by, bool alwaysMed = false)
{
    std::vector<RtmBgpCandidate> c;
    for (auto& x : v)
    {
        x.c.attrs = &x.a;
        c.push_back(x.c);
    }
    return RtmBgpDecide(c, alwaysMed, &by);
}

} // namespace

TEST(RtmBgpDecisionTest, EachTieBreakDecidesWhenTheEarlierOnesTie)
{
    // Criterion k, in decision order: how to make a candidate better, and worse, on it.
    struct Criterion
    {
        RtmBgpTieBreak step;
        void (*better)(Cand&);
        void (*worse)(Cand&);
    };

    const std::vector<Criterion> criteria = {
        {RtmBgpTieBreak::LocalPref,
         [](Cand& x) { x.a.localPref = 150; },
         [](Cand& x) { x.a.localPref = 50; }},
        {RtmBgpTieBreak::AsPathLength,
         [](Cand& x) { x.a.asPath = RtmBgpAsPath({65001}); },
         [](Cand& x) {
             x.a.asPath = RtmBgpAsPath({65001, 2, 3});
         }},
        {RtmBgpTieBreak::Origin,
         [](Cand& x) { x.a.origin = BGP_ORIGIN_IGP; },
         [](Cand& x) { x.a.origin = BGP_ORIGIN_INCOMPLETE; }},
        {RtmBgpTieBreak::Med, [](Cand& x) { x.a.med = 5; }, [](Cand& x) { x.a.med = 50; }},
        {RtmBgpTieBreak::External, [](Cand& x) { x.c.external = true; }, [](Cand&) {}},
        {RtmBgpTieBreak::IgpCost,
         [](Cand& x) { x.c.igpCost = 1; },
         [](Cand& x) { x.c.igpCost = 100; }},
        {RtmBgpTieBreak::RouterId,
         [](Cand& x) { x.c.peerId = 0; },
         [](Cand& x) { x.c.peerId = 0xFFFFFFFF; }},
        {RtmBgpTieBreak::ClusterListLength,
         [](Cand& x) { x.a.clusterList.clear(); },
         [](Cand& x) {
             x.a.clusterList = {1, 2, 3};
         }},
        {RtmBgpTieBreak::PeerAddress,
         [](Cand& x) { x.c.peerAddress = RtmNetAddress::FromIpv4(Ipv4Address("10.0.0.0")); },
         [](Cand& x) { x.c.peerAddress = RtmNetAddress::FromIpv4(Ipv4Address("10.0.0.250")); }},
    };
    for (std::size_t s = 0; s < criteria.size(); ++s)
    {
        // Two candidates equal on every criterion (iBGP, so eBGP can be "better")...
        std::vector<Cand> v(2);
        for (auto& x : v)
        {
            x.a.hasLocalPref = true;
            x.a.localPref = 100;
            x.a.origin = BGP_ORIGIN_EGP;
            x.a.hasMed = true;
            x.a.med = 10;
            x.c.external = false;
            x.c.igpCost = 10;
            x.c.peerId = 5;
            x.a.clusterList = {9};
            x.c.peerAddress = RtmNetAddress::FromIpv4(Ipv4Address("10.0.0.5"));
        }
        // ...then candidate 1 is better on criterion s and worse on every later one: only
        // step s can choose it.
        criteria[s].better(v[1]);
        for (std::size_t t = s + 1; t < criteria.size(); ++t)
        {
            criteria[t].worse(v[1]);
        }
        RtmBgpTieBreak by;
        for (int order = 0; order < 2; ++order)
        {
            int best = Decide(v, by);
            EXPECT_EQ(best, order == 0 ? 1 : 0) << RtmBgpTieBreakName(criteria[s].step);
            EXPECT_EQ(by, criteria[s].step)
                << RtmBgpTieBreakName(criteria[s].step) << " got " << RtmBgpTieBreakName(by);
            std::swap(v[0], v[1]);
        }
    }
}

TEST(RtmBgpDecisionTest, MedComparesOnlyWithinANeighbourAs)
{
    RtmBgpTieBreak by;
    // A: AS 100 MED 10, B: AS 200 MED 0, C: AS 100 MED 5. Per neighbour AS, C beats A; B and
    // C are not compared on MED: the router id decides between them.
    std::vector<Cand> v(3);
    v[0].a.asPath = RtmBgpAsPath({100, 9});
    v[0].a.hasMed = true;
    v[0].a.med = 10;
    v[0].c.peerId = 1;
    v[1].a.asPath = RtmBgpAsPath({200, 9});
    v[1].a.hasMed = true;
    v[1].a.med = 0;
    v[1].c.peerId = 3;
    v[2].a.asPath = RtmBgpAsPath({100, 9});
    v[2].a.hasMed = true;
    v[2].a.med = 5;
    v[2].c.peerId = 2;
    std::vector<int> perm = {0, 1, 2};
    do
    {
        std::vector<Cand> w;
        for (int i : perm)
        {
            w.push_back(v[i]);
        }
        int best = Decide(w, by);
        ASSERT_GE(best, 0);
        EXPECT_EQ(w[best].c.peerId, 2u); // C, whatever the order
        EXPECT_EQ(by, RtmBgpTieBreak::RouterId);
    } while (std::next_permutation(perm.begin(), perm.end()));
    // With always-compare-med, B (MED 0) wins at the MED step.
    int best = Decide(v, by, true);
    EXPECT_EQ(best, 1);
    EXPECT_EQ(by, RtmBgpTieBreak::Med);
    // A missing MED counts as 0.
    v[1].a.asPath = RtmBgpAsPath({100, 9});
    v[1].a.hasMed = false;
    best = Decide(v, by);
    EXPECT_EQ(best, 1);
    EXPECT_EQ(by, RtmBgpTieBreak::Med);
}

TEST(RtmBgpDecisionTest, UnresolvableLocalDefaultsAndOriginatorId)
{
    RtmBgpTieBreak by;
    std::vector<Cand> v(2);
    v[1].a.hasLocalPref = true;
    v[1].a.localPref = 500;
    v[1].c.resolvable = false;
    EXPECT_EQ(Decide(v, by), 0);
    EXPECT_EQ(by, RtmBgpTieBreak::Only);
    v[0].c.resolvable = false;
    EXPECT_EQ(Decide(v, by), -1);
    EXPECT_EQ(by, RtmBgpTieBreak::None);
    // Originated routes win over anything learned.
    std::vector<Cand> w(2);
    w[0].a.hasLocalPref = true;
    w[0].a.localPref = 1000;
    w[1].c.local = true;
    w[1].a.asPath = RtmBgpAsPath();
    EXPECT_EQ(Decide(w, by), 1);
    EXPECT_EQ(by, RtmBgpTieBreak::Local);
    // A route without LOCAL_PREF gets the default: 100 beats an explicit 90.
    std::vector<Cand> x(2);
    x[0].a.hasLocalPref = true;
    x[0].a.localPref = 90;
    EXPECT_EQ(Decide(x, by), 1);
    EXPECT_EQ(by, RtmBgpTieBreak::LocalPref);
    // The ORIGINATOR_ID replaces the peer's router id (RFC 4456 §9).
    std::vector<Cand> y(2);
    y[0].c.external = y[1].c.external = false;
    y[0].c.peerId = 1;
    y[0].a.hasOriginatorId = true;
    y[0].a.originatorId = 50;
    y[1].c.peerId = 20;
    EXPECT_EQ(Decide(y, by), 1);
    EXPECT_EQ(by, RtmBgpTieBreak::RouterId);
    // An AS_SET counts one.
    std::vector<Cand> z(2);
    RtmBgpAsPath::Segment set;
    set.type = RtmBgpAsPath::AS_SET;
    set.asns = {1, 2, 3, 4, 5};
    z[0].a.asPath = RtmBgpAsPath({65001});
    z[0].a.asPath.AddSegment(set);
    z[1].a.asPath = RtmBgpAsPath({65001, 7, 8});
    EXPECT_EQ(Decide(z, by), 0);
    EXPECT_EQ(by, RtmBgpTieBreak::AsPathLength);
}
