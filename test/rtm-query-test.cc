/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the queries: GetDestInfo (view blocks, protocol filters of decision 14),
 * GetExactMatchDestination, GetMostSpecificDestination, GetLessSpecificDestination (view filters
 * and the 0/0-then-NotFound walk of decision 13), GetExactMatchRoute with every RTM_MATCH_* flag,
 * and RtmInstance::Lookup.
 */
#include "rtm-test-util.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmQueryTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        a = Register(kProtoA, 1);
        b = Register(kProtoB, 1);
        ASSERT_TRUE(a && b);
        nhA1 = AddNh(a, "10.0.0.1", 1);
        nhA2 = AddNh(a, "10.0.0.2", 2);
        nhA3 = AddNh(a, "10.0.0.3", 3);
        nhB = AddNh(b, "10.0.0.9", 1);
        nhB2 = AddNh(b, "10.0.0.10", 2);
    }

    /// Build the prefix tree of the walk tests: 0/0 both, 10/8 ucast, 10.1/16 mcast,
    /// 10.1.2/24 ucast, 10.1.2.128/25 ucast inactive.
    void BuildTree(bool withDefault = true)
    {
        if (withDefault)
        {
            rDefault = AddRoute(b, "0.0.0.0/0", Route(100, 1, {nhB}, kBoth));
        }
        r8 = AddRoute(a, "10.0.0.0/8", Route(100, 1, {nhA1}, RTM_VIEW_MASK_UCAST));
        r16 = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}, RTM_VIEW_MASK_MCAST));
        r24 = AddRoute(a, "10.1.2.0/24", Route(100, 1, {nhA2}, RTM_VIEW_MASK_UCAST));
        r25 = AddRoute(a,
                       "10.1.2.128/25",
                       Route(100, 1, {nhA2}, RTM_VIEW_MASK_UCAST, RTM_ROUTE_FLAGS_INACTIVE));
    }

    /// \return the prefix of the most specific destination (or "NotFound" / the status)
    std::string Most(const std::string& address, RtmViewSet views)
    {
        RtmDestInfo d;
        RtmStatus st =
            a->reg->GetMostSpecificDestination(Pfx(address), RTM_BEST_PROTOCOL, views, d);
        if (st != RtmStatus::Success)
        {
            return RtmStatusName(st);
        }
        return d.destAddress.ToString();
    }

    /// \return the prefixes met walking up from \p start with \p views, ending with the status
    std::vector<std::string> Walk(RtmDestHandle start, RtmViewSet views)
    {
        std::vector<std::string> out;
        RtmDestHandle cur = start;
        for (int i = 0; i < 40; ++i)
        {
            RtmDestInfo d;
            RtmStatus st = a->reg->GetLessSpecificDestination(cur, RTM_BEST_PROTOCOL, views, d);
            if (st != RtmStatus::Success)
            {
                out.push_back(RtmStatusName(st));
                break;
            }
            out.push_back(d.destAddress.ToString());
            cur = d.destHandle;
        }
        return out;
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
    RtmNextHopHandle nhA1;
    RtmNextHopHandle nhA2;
    RtmNextHopHandle nhA3;
    RtmNextHopHandle nhB;
    RtmNextHopHandle nhB2;
    RtmRouteHandle rDefault;
    RtmRouteHandle r8;
    RtmRouteHandle r16;
    RtmRouteHandle r24;
    RtmRouteHandle r25;
};

TEST_F(RtmQueryTest, DestInfoViewBlocks)
{
    RtmRouteHandle r = AddRoute(a,
                                "10.1.0.0/16",
                                Route(100, 1, {nhA1}, RTM_VIEW_MASK_UCAST, RTM_ROUTE_FLAGS_REMOTE));
    RtmDestHandle d = Info(a, r).destHandle;
    RtmDestInfo info;
    // ANY: every view, no block.
    ASSERT_EQ(b->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info),
              RtmStatus::Success);
    EXPECT_EQ(info.destHandle, d);
    EXPECT_EQ(info.destAddress, Pfx("10.1.0.0/16"));
    EXPECT_EQ(info.belongsToViews, RTM_VIEW_MASK_UCAST);
    EXPECT_TRUE(info.viewInfo.empty());
    // ALL: one block per supported view, ascending.
    ASSERT_EQ(b->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success);
    ASSERT_EQ(info.viewInfo.size(), 2u);
    EXPECT_EQ(info.viewInfo[0].viewId, RTM_VIEW_ID_UCAST);
    EXPECT_EQ(info.viewInfo[0].numRoutes, 1u);
    EXPECT_EQ(info.viewInfo[0].route, r);
    EXPECT_EQ(info.viewInfo[0].owner, a->Entity());
    EXPECT_EQ(info.viewInfo[0].destFlags, RTM_ROUTE_FLAGS_REMOTE);
    EXPECT_TRUE(info.viewInfo[0].holdRoute.IsNull());
    EXPECT_EQ(info.viewInfo[1].viewId, RTM_VIEW_ID_MCAST);
    EXPECT_EQ(info.viewInfo[1].numRoutes, 0u);
    EXPECT_TRUE(info.viewInfo[1].route.IsNull());
    EXPECT_TRUE(info.viewInfo[1].owner.IsNull());
    // One view.
    ASSERT_EQ(b->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_MCAST, info),
              RtmStatus::Success);
    ASSERT_EQ(info.viewInfo.size(), 1u);
    EXPECT_EQ(info.viewInfo[0].viewId, RTM_VIEW_ID_MCAST);
    ASSERT_EQ(b->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, kBoth, info), RtmStatus::Success);
    EXPECT_EQ(info.viewInfo.size(), 2u);
    // An unsupported view.
    EXPECT_EQ(b->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, 0x4, info), RtmStatus::NotSupported);
}

TEST_F(RtmQueryTest, LastChangedIsTheTimeOfTheLastChange)
{
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    Time t1 = Simulator::Now();
    RunFor(50);
    RtmRouteHandle r2 = AddRoute(a, "10.2.0.0/16", Route(100, 1, {nhA1}));
    Time t2 = Simulator::Now();
    EXPECT_EQ(Dest(a, "10.1.0.0/16").lastChanged, t1);
    EXPECT_EQ(Dest(a, "10.2.0.0/16").lastChanged, t2);
    RunFor(30);
    uint32_t cf = 0;
    ASSERT_EQ(
        a->reg->UpdateRoute(r1, Route(100, 2, {nhA1}), RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::Success);
    EXPECT_EQ(Dest(a, "10.1.0.0/16").lastChanged, Simulator::Now());
    EXPECT_EQ(Dest(a, "10.2.0.0/16").lastChanged, t2);
    (void)r2;
}

TEST_F(RtmQueryTest, DestInfoBadHandles)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    RtmDestHandle d = Info(a, r).destHandle;
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmRouteHandle r6 = AddRoute(v6, "2001:db8::/32", Route(100, 1));
    RtmDestHandle d6 = Info(v6, r6).destHandle;
    Ptr<RtmInstance> other = NewInstance();
    TestClient* o = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, other);
    ASSERT_NE(o, nullptr);
    RtmDestHandle dOther = Info(o, AddRoute(o, "10.1.0.0/16", Route(100, 1))).destHandle;
    RtmRouteHandle gone = AddRoute(a, "10.9.0.0/16", Route(100, 1, {nhA1}));
    RtmDestHandle dGone = Info(a, gone).destHandle;
    DelRoute(a, gone); // no mark, hold, pending change or opaque value: freed
    RtmDestInfo info;
    for (RtmDestHandle bad :
         {RtmDestHandle(), Forged(d), WrongGen(d), d6, dOther, dGone, NoTable<RtmDestHandle>()})
    {
        EXPECT_EQ(a->reg->GetDestInfo(bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
                  RtmStatus::InvalidHandle)
            << bad;
        EXPECT_EQ(
            a->reg->GetLessSpecificDestination(bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info),
            RtmStatus::InvalidHandle)
            << bad;
    }
    // A new route to the freed prefix makes a new destination.
    RtmRouteHandle back = AddRoute(a, "10.9.0.0/16", Route(100, 1, {nhA1}));
    EXPECT_NE(Info(a, back).destHandle, dGone);
    EXPECT_EQ(a->reg->GetDestInfo(dGone, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::InvalidHandle);
}

// Decision 14: the protocol filter selects Route, Owner and DestFlags of each block; NumRoutes,
// HoldRoute and BelongsToViews describe the whole destination; nothing is hidden.
TEST_F(RtmQueryTest, ProtocolFilters)
{
    TestClient* a2 = Register(kProtoA, 2);
    TestClient* c = Register(kProtoC, 1);
    ASSERT_TRUE(a2 && c);
    RtmNextHopHandle nhA2x = AddNh(a2, "10.0.0.4", 4);
    RtmNextHopHandle nhC = AddNh(c, "10.0.0.5", 4);
    RtmRouteHandle rB =
        AddRoute(b, "10.1.0.0/16", Route(100, 1, {nhB}, kBoth, RTM_ROUTE_FLAGS_REMOTE));
    RtmRouteHandle rA2 =
        AddRoute(a2,
                 "10.1.0.0/16",
                 Route(150, 1, {nhA2x}, RTM_VIEW_MASK_UCAST, RTM_ROUTE_FLAGS_LOCAL));
    RtmRouteHandle rA1 = AddRoute(a, "10.1.0.0/16", Route(200, 1, {nhA1}, kBoth));
    AddRoute(c, "10.1.0.0/16", Route(1, 1, {nhC}, kBoth, RTM_ROUTE_FLAGS_INACTIVE));
    RtmDestHandle d = Info(a, rA1).destHandle;
    RtmDestInfo info;

    ASSERT_EQ(a->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success);
    EXPECT_EQ(Block(info, 0).route, rB);
    EXPECT_EQ(Block(info, 0).owner, b->Entity());
    EXPECT_EQ(Block(info, 0).destFlags, RTM_ROUTE_FLAGS_REMOTE);
    EXPECT_EQ(Block(info, 0).numRoutes, 4u);
    EXPECT_EQ(Block(info, 1).route, rB);
    EXPECT_EQ(Block(info, 1).numRoutes, 3u);

    // An explicit protocol id: every instance of that protocol.
    ASSERT_EQ(b->reg->GetDestInfo(d, kProtoA, RTM_VIEW_MASK_ALL, info), RtmStatus::Success);
    EXPECT_EQ(Block(info, 0).route, rA2);
    EXPECT_EQ(Block(info, 0).owner, a2->Entity());
    EXPECT_EQ(Block(info, 0).destFlags, RTM_ROUTE_FLAGS_LOCAL);
    EXPECT_EQ(Block(info, 0).numRoutes, 4u) << "NumRoutes is the whole destination's";
    EXPECT_EQ(Block(info, 1).route, rA1) << "rA2 is not in the multicast view";
    EXPECT_EQ(Block(info, 1).owner, a->Entity());
    EXPECT_EQ(Block(info, 1).numRoutes, 3u);
    EXPECT_EQ(info.belongsToViews, kBoth);

    // THIS: the caller's protocol.
    ASSERT_EQ(a->reg->GetDestInfo(d, RTM_THIS_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success);
    EXPECT_EQ(Block(info, 0).route, rA2);
    EXPECT_EQ(Block(info, 1).route, rA1);
    ASSERT_EQ(b->reg->GetDestInfo(d, RTM_THIS_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success);
    EXPECT_EQ(Block(info, 0).route, rB);

    // A protocol whose only route is inactive, and one without routes: null blocks, but the
    // destination is still reported.
    for (uint32_t proto : {kProtoC, uint32_t(4242)})
    {
        ASSERT_EQ(a->reg->GetDestInfo(d, proto, RTM_VIEW_MASK_ALL, info), RtmStatus::Success);
        EXPECT_TRUE(Block(info, 0).route.IsNull()) << proto;
        EXPECT_TRUE(Block(info, 0).owner.IsNull()) << proto;
        EXPECT_EQ(Block(info, 0).destFlags, 0u) << proto;
        EXPECT_EQ(Block(info, 0).numRoutes, 4u) << proto;
        EXPECT_TRUE(Block(info, 1).route.IsNull()) << proto;
        EXPECT_EQ(info.belongsToViews, kBoth);
    }
    ASSERT_EQ(c->reg->GetDestInfo(d, RTM_THIS_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success);
    EXPECT_TRUE(Block(info, 0).route.IsNull());

    // The same filter applies to the prefix queries.
    ASSERT_EQ(
        b->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"), kProtoA, RTM_VIEW_MASK_UCAST, info),
        RtmStatus::Success);
    ASSERT_EQ(info.viewInfo.size(), 1u);
    EXPECT_EQ(info.viewInfo[0].route, rA2);
    ASSERT_EQ(b->reg->GetMostSpecificDestination(Pfx("10.1.7.7"), 4242, RTM_VIEW_MASK_UCAST, info),
              RtmStatus::Success)
        << "the filter never hides a destination";
    EXPECT_EQ(info.destAddress, Pfx("10.1.0.0/16"));
    EXPECT_TRUE(info.viewInfo[0].route.IsNull());
}

TEST_F(RtmQueryTest, ProtocolFilterKeepsHoldRoute)
{
    RtmRouteHandle rA = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, rA).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 10000), RtmStatus::Success);
    DelRoute(a, rA);
    RtmRouteHandle rB = AddRoute(b, "10.1.0.0/16", Route(100, 1, {nhB}, RTM_VIEW_MASK_UCAST));
    RtmDestInfo info;
    ASSERT_EQ(a->reg->GetDestInfo(d, kProtoC, RTM_VIEW_MASK_UCAST, info), RtmStatus::Success);
    EXPECT_TRUE(info.viewInfo[0].route.IsNull());
    EXPECT_EQ(info.viewInfo[0].holdRoute, rA);
    EXPECT_EQ(info.viewInfo[0].numRoutes, 1u);
    ASSERT_EQ(a->reg->GetDestInfo(d, kProtoB, RTM_VIEW_MASK_UCAST, info), RtmStatus::Success);
    EXPECT_EQ(info.viewInfo[0].route, rB);
    EXPECT_EQ(info.viewInfo[0].holdRoute, rA);
}

TEST_F(RtmQueryTest, ExactMatchDestination)
{
    BuildTree();
    RtmDestInfo info;
    ASSERT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.2.0/24"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST,
                                               info),
              RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("10.1.2.0/24"));
    EXPECT_EQ(info.destHandle, Info(a, r24).destHandle);
    ASSERT_EQ(info.viewInfo.size(), 1u);
    EXPECT_EQ(info.viewInfo[0].route, r24);
    // Exact means exact.
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.2.0/23"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               info),
              RtmStatus::NotFound);
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.2.0/26"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               info),
              RtmStatus::NotFound);
    // View filter: 10.1/16 only has a multicast route.
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST,
                                               info),
              RtmStatus::NotFound);
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_MCAST,
                                               info),
              RtmStatus::Success);
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ALL,
                                               info),
              RtmStatus::Success);
    EXPECT_EQ(info.viewInfo.size(), 2u);
    ASSERT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               info),
              RtmStatus::Success);
    EXPECT_TRUE(info.viewInfo.empty());
    // Errors.
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.2.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               info),
              RtmStatus::InvalidParameter);
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("2001:db8::/32"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               info),
              RtmStatus::InvalidParameter);
    RtmNetAddress tooLong = Pfx("10.1.2.0/24");
    tooLong.numBits = 40;
    EXPECT_EQ(a->reg->GetExactMatchDestination(tooLong, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info),
              RtmStatus::InvalidParameter);
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.2.0/24"), RTM_BEST_PROTOCOL, 0x10, info),
              RtmStatus::NotSupported);
}

TEST_F(RtmQueryTest, MostSpecificWithViewFilters)
{
    BuildTree();
    EXPECT_EQ(Most("10.1.2.3", RTM_VIEW_MASK_UCAST), "10.1.2.0/24");
    EXPECT_EQ(Most("10.1.2.3", RTM_VIEW_MASK_MCAST), "10.1.0.0/16");
    EXPECT_EQ(Most("10.1.2.3", RTM_VIEW_MASK_ANY), "10.1.2.0/24");
    EXPECT_EQ(Most("10.1.3.3", RTM_VIEW_MASK_UCAST), "10.0.0.0/8");
    EXPECT_EQ(Most("10.1.3.3", RTM_VIEW_MASK_MCAST), "10.1.0.0/16");
    EXPECT_EQ(Most("10.200.0.1", RTM_VIEW_MASK_MCAST), "0.0.0.0/0");
    EXPECT_EQ(Most("11.0.0.1", RTM_VIEW_MASK_UCAST), "0.0.0.0/0");
    // A destination with only an INACTIVE route has no best route: the answer is the FIB's
    // (decision 26), the covering /24; an exact match still finds it.
    EXPECT_EQ(Most("10.1.2.200", RTM_VIEW_MASK_UCAST), "10.1.2.0/24");
    RtmDestInfo inactive;
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.2.128/25"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST,
                                               inactive),
              RtmStatus::Success);
    // A prefix argument: the longest prefix covering it, itself included.
    EXPECT_EQ(Most("10.1.2.0/24", RTM_VIEW_MASK_UCAST), "10.1.2.0/24");
    EXPECT_EQ(Most("10.1.0.0/16", RTM_VIEW_MASK_UCAST), "10.0.0.0/8");
    // Errors.
    EXPECT_EQ(Most("10.1.0.0/8", RTM_VIEW_MASK_UCAST), "InvalidParameter");
    EXPECT_EQ(Most("2001:db8::1", RTM_VIEW_MASK_UCAST), "InvalidParameter");
    EXPECT_EQ(Most("10.1.2.3", 0x4), "NotSupported");
}

TEST_F(RtmQueryTest, MostSpecificWithoutDefault)
{
    BuildTree(false);
    EXPECT_EQ(Most("11.0.0.1", RTM_VIEW_MASK_UCAST), "NotFound");
    EXPECT_EQ(Most("10.200.0.1", RTM_VIEW_MASK_MCAST), "NotFound");
    EXPECT_EQ(Most("10.200.0.1", RTM_VIEW_MASK_UCAST), "10.0.0.0/8");
}

TEST_F(RtmQueryTest, LessSpecificWalksEndWithDefaultThenNotFound)
{
    BuildTree();
    RtmDestHandle d25 = Info(a, r25).destHandle;
    RtmDestHandle d24 = Info(a, r24).destHandle;
    EXPECT_EQ(Walk(d25, RTM_VIEW_MASK_UCAST),
              (std::vector<std::string>{"10.1.2.0/24", "10.0.0.0/8", "0.0.0.0/0", "NotFound"}));
    EXPECT_EQ(Walk(d24, RTM_VIEW_MASK_MCAST),
              (std::vector<std::string>{"10.1.0.0/16", "0.0.0.0/0", "NotFound"}));
    EXPECT_EQ(Walk(d25, RTM_VIEW_MASK_ANY),
              (std::vector<std::string>{"10.1.2.0/24",
                                        "10.1.0.0/16",
                                        "10.0.0.0/8",
                                        "0.0.0.0/0",
                                        "NotFound"}));
    RtmDestHandle d0 = Info(b, rDefault).destHandle;
    EXPECT_EQ(Walk(d0, RTM_VIEW_MASK_ANY), (std::vector<std::string>{"NotFound"}));
    RtmDestInfo info;
    EXPECT_EQ(a->reg->GetLessSpecificDestination(d24, RTM_BEST_PROTOCOL, 0x4, info),
              RtmStatus::NotSupported);
    // The returned blocks follow the views asked.
    ASSERT_EQ(a->reg->GetLessSpecificDestination(d24, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("10.1.0.0/16"));
    EXPECT_EQ(info.viewInfo.size(), 2u);
}

TEST_F(RtmQueryTest, LessSpecificWithoutDefault)
{
    BuildTree(false);
    EXPECT_EQ(Walk(Info(a, r24).destHandle, RTM_VIEW_MASK_UCAST),
              (std::vector<std::string>{"10.0.0.0/8", "NotFound"}));
}

class RtmExactRouteTest : public RtmQueryTest
{
  protected:
    void SetUp() override
    {
        RtmQueryTest::SetUp();
        RtmRouteInfo ia = Route(100, 5, {nhA1}, kBoth);
        ia.neighbour = nhA1;
        rA = AddRoute(a, "10.1.0.0/16", ia);
        RtmRouteInfo ia2 = Route(100, 7, {nhA2, nhA3}, RTM_VIEW_MASK_UCAST);
        ia2.neighbour = nhA2;
        rA2 = AddRoute(a, "10.1.0.0/16", ia2);
        rB = AddRoute(b, "10.1.0.0/16", Route(50, 1, {nhB}, RTM_VIEW_MASK_MCAST));
        RtmRouteInfo ib0 = Route(300, 1, {}, RTM_VIEW_MASK_UCAST, RTM_ROUTE_FLAGS_BLACKHOLE);
        ib0.neighbour = nhB2;
        rB0 = AddRoute(b, "10.1.0.0/16", ib0);
    }

    /// \return the route found, or a null handle (and the status in \p status)
    RtmRouteHandle Match(uint32_t flags,
                         RtmRouteInfo criteria,
                         RtmViewSet views,
                         uint32_t itf = 0,
                         RtmStatus* status = nullptr,
                         const std::string& prefix = "10.1.0.0/16")
    {
        RtmRouteHandle r;
        RtmStatus st = a->reg->GetExactMatchRoute(Pfx(prefix), flags, criteria, itf, views, &r);
        if (status)
        {
            *status = st;
        }
        if (st != RtmStatus::Success)
        {
            EXPECT_EQ(st, RtmStatus::NotFound);
            return RtmRouteHandle();
        }
        // The criteria are overwritten with the route found.
        RtmRouteInfo stored = Info(a, r);
        EXPECT_EQ(criteria.routeOwner, stored.routeOwner);
        EXPECT_EQ(criteria.prefInfo.metric, stored.prefInfo.metric);
        EXPECT_EQ(criteria.nextHops, stored.nextHops);
        return r;
    }

    RtmRouteHandle rA;
    RtmRouteHandle rA2;
    RtmRouteHandle rB;
    RtmRouteHandle rB0;
};

TEST_F(RtmExactRouteTest, MatchNone)
{
    EXPECT_EQ(Match(RTM_MATCH_NONE, RtmRouteInfo(), RTM_VIEW_MASK_ANY), rB);
    EXPECT_EQ(Match(RTM_MATCH_NONE, RtmRouteInfo(), RTM_VIEW_MASK_UCAST), rA);
    EXPECT_EQ(Match(RTM_MATCH_NONE, RtmRouteInfo(), RTM_VIEW_MASK_MCAST), rB);
    // The route output is optional.
    RtmRouteInfo crit;
    EXPECT_EQ(a->reg->GetExactMatchRoute(Pfx("10.1.0.0/16"),
                                         RTM_MATCH_NONE,
                                         crit,
                                         0,
                                         RTM_VIEW_MASK_ANY,
                                         nullptr),
              RtmStatus::Success);
    EXPECT_EQ(crit.routeOwner, b->Entity());
}

TEST_F(RtmExactRouteTest, MatchOwner)
{
    RtmRouteInfo c;
    c.routeOwner = a->Entity();
    EXPECT_EQ(Match(RTM_MATCH_OWNER, c, RTM_VIEW_MASK_ANY), rA);
    c.routeOwner = b->Entity();
    EXPECT_EQ(Match(RTM_MATCH_OWNER, c, RTM_VIEW_MASK_UCAST), rB0);
    c.routeOwner = b->Entity();
    EXPECT_EQ(Match(RTM_MATCH_OWNER, c, RTM_VIEW_MASK_MCAST), rB);
}

TEST_F(RtmExactRouteTest, MatchNeighbour)
{
    RtmRouteInfo c;
    c.neighbour = nhA2;
    EXPECT_EQ(Match(RTM_MATCH_NEIGHBOUR, c, RTM_VIEW_MASK_ANY), rA2);
    c.neighbour = nhA2;
    EXPECT_EQ(Match(RTM_MATCH_NEIGHBOUR, c, RTM_VIEW_MASK_MCAST), RtmRouteHandle());
    c = RtmRouteInfo(); // null neighbour: rB
    EXPECT_EQ(Match(RTM_MATCH_NEIGHBOUR, c, RTM_VIEW_MASK_ANY), rB);
    c = RtmRouteInfo();
    EXPECT_EQ(Match(RTM_MATCH_NEIGHBOUR, c, RTM_VIEW_MASK_UCAST), RtmRouteHandle());
}

TEST_F(RtmExactRouteTest, MatchPref)
{
    RtmRouteInfo c;
    c.prefInfo.preference = 100;
    c.prefInfo.metric = 7;
    EXPECT_EQ(Match(RTM_MATCH_PREF, c, RTM_VIEW_MASK_ANY), rA2);
    c = RtmRouteInfo();
    c.prefInfo.preference = 100;
    c.prefInfo.metric = 6;
    EXPECT_EQ(Match(RTM_MATCH_PREF, c, RTM_VIEW_MASK_ANY), RtmRouteHandle());
    c.prefInfo.preference = 300;
    c.prefInfo.metric = 1;
    EXPECT_EQ(Match(RTM_MATCH_PREF, c, RTM_VIEW_MASK_UCAST), rB0);
}

TEST_F(RtmExactRouteTest, MatchNextHop)
{
    RtmRouteInfo c;
    c.nextHops = {nhA3};
    EXPECT_EQ(Match(RTM_MATCH_NEXTHOP, c, RTM_VIEW_MASK_ANY), rA2) << "one next hop in common";
    c.nextHops = {nhA3, nhB};
    EXPECT_EQ(Match(RTM_MATCH_NEXTHOP, c, RTM_VIEW_MASK_ANY), rB);
    c.nextHops = {nhA3, nhB};
    EXPECT_EQ(Match(RTM_MATCH_NEXTHOP, c, RTM_VIEW_MASK_UCAST), rA2);
    c.nextHops = {};
    EXPECT_EQ(Match(RTM_MATCH_NEXTHOP, c, RTM_VIEW_MASK_ANY), rB0)
        << "an empty list matches the routes without next hops";
    c.nextHops = {nhB2};
    EXPECT_EQ(Match(RTM_MATCH_NEXTHOP, c, RTM_VIEW_MASK_ANY), RtmRouteHandle());
}

TEST_F(RtmExactRouteTest, MatchInterface)
{
    EXPECT_EQ(Match(RTM_MATCH_INTERFACE, RtmRouteInfo(), RTM_VIEW_MASK_ANY, 3), rA2);
    EXPECT_EQ(Match(RTM_MATCH_INTERFACE, RtmRouteInfo(), RTM_VIEW_MASK_ANY, 1), rB);
    EXPECT_EQ(Match(RTM_MATCH_INTERFACE, RtmRouteInfo(), RTM_VIEW_MASK_UCAST, 1), rA);
    EXPECT_EQ(Match(RTM_MATCH_INTERFACE, RtmRouteInfo(), RTM_VIEW_MASK_ANY, 4), RtmRouteHandle());
}

TEST_F(RtmExactRouteTest, CombinedAndFull)
{
    RtmRouteInfo c;
    c.routeOwner = a->Entity();
    EXPECT_EQ(Match(RTM_MATCH_OWNER | RTM_MATCH_INTERFACE, c, RTM_VIEW_MASK_ANY, 2), rA2);
    c = RtmRouteInfo();
    c.routeOwner = b->Entity();
    EXPECT_EQ(Match(RTM_MATCH_OWNER | RTM_MATCH_INTERFACE, c, RTM_VIEW_MASK_ANY, 2),
              RtmRouteHandle());
    c = Info(a, rA2);
    EXPECT_EQ(Match(RTM_MATCH_FULL, c, RTM_VIEW_MASK_ANY, 2), rA2);
    c = Info(a, rA);
    EXPECT_EQ(Match(RTM_MATCH_FULL, c, RTM_VIEW_MASK_ANY, 1), rA);
    c = Info(a, rA);
    c.prefInfo.metric = 6;
    EXPECT_EQ(Match(RTM_MATCH_FULL, c, RTM_VIEW_MASK_ANY, 1), RtmRouteHandle());
}

TEST_F(RtmExactRouteTest, Errors)
{
    RtmRouteInfo c;
    RtmRouteHandle r;
    EXPECT_EQ(
        a->reg->GetExactMatchRoute(Pfx("10.1.0.0/17"), RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_ANY, &r),
        RtmStatus::NotFound);
    EXPECT_EQ(
        a->reg->GetExactMatchRoute(Pfx("10.0.0.0/8"), RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_ANY, &r),
        RtmStatus::NotFound);
    EXPECT_EQ(
        a->reg->GetExactMatchRoute(Pfx("10.1.0.0/8"), RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_ANY, &r),
        RtmStatus::InvalidParameter);
    EXPECT_EQ(
        a->reg
            ->GetExactMatchRoute(Pfx("2001:db8::/32"), RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_ANY, &r),
        RtmStatus::InvalidParameter);
    EXPECT_EQ(a->reg->GetExactMatchRoute(Pfx("10.1.0.0/16"), RTM_MATCH_NONE, c, 0, 0x4, &r),
              RtmStatus::NotSupported);
}

TEST_F(RtmQueryTest, LookupUsesTheForwardingView)
{
    BuildTree();
    RtmDestInfo info;
    ASSERT_EQ(inst->Lookup(Pfx("10.1.2.3"), RTM_VIEW_ID_UCAST, info), RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("10.1.2.0/24"));
    EXPECT_EQ(Block(info, RTM_VIEW_ID_UCAST).route, r24);
    ASSERT_EQ(inst->Lookup(Pfx("10.1.2.3"), RTM_VIEW_ID_MCAST, info), RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("10.1.0.0/16"));
    EXPECT_EQ(Block(info, RTM_VIEW_ID_MCAST).route, r16);
    // The inactive /25 has no best route: forwarding falls through to the /24.
    ASSERT_EQ(inst->Lookup(Pfx("10.1.2.200"), RTM_VIEW_ID_UCAST, info), RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("10.1.2.0/24"));
    ASSERT_EQ(inst->Lookup(Pfx("99.0.0.1"), RTM_VIEW_ID_UCAST, info), RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("0.0.0.0/0"));
    EXPECT_EQ(Block(info, RTM_VIEW_ID_UCAST).route, rDefault);
    // Changes reach the lookup structure at once.
    DelRoute(a, r24);
    ASSERT_EQ(inst->Lookup(Pfx("10.1.2.3"), RTM_VIEW_ID_UCAST, info), RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("10.0.0.0/8"));
    DelRoute(b, rDefault);
    EXPECT_EQ(inst->Lookup(Pfx("99.0.0.1"), RTM_VIEW_ID_UCAST, info), RtmStatus::NotFound);
    // Errors.
    EXPECT_EQ(inst->Lookup(Pfx("10.1.2.3"), 2, info), RtmStatus::InvalidParameter);
    EXPECT_EQ(inst->Lookup(Pfx("10.1.2.3"), -1, info), RtmStatus::InvalidParameter);
    EXPECT_EQ(inst->Lookup(RtmNetAddress(), RTM_VIEW_ID_UCAST, info), RtmStatus::InvalidParameter);
}

TEST_F(RtmQueryTest, LookupOnEmptyTables)
{
    Ptr<RtmInstance> fresh = NewInstance();
    RtmDestInfo info;
    EXPECT_EQ(fresh->Lookup(Pfx("10.1.2.3"), RTM_VIEW_ID_UCAST, info), RtmStatus::NotFound);
    EXPECT_EQ(fresh->Lookup(Pfx("2001:db8::1"), RTM_VIEW_ID_UCAST, info), RtmStatus::NotFound);
}

} // namespace
