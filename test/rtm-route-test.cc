/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the route operations: AddRouteToDest (new, update by handle / neighbour / FIRST,
 * forced NEW), UpdateRoute, DeleteRouteToDest, GetRouteInfo, IsBestRoute, best-route selection
 * (decision 1: preference, metric, age; INACTIVE never best; per view) and every error status,
 * each checked to leave the table unchanged.
 */
#include "rtm-test-util.h"

#include "ns3/rtm-table.h"

#include <sstream>

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmRouteTest : public RtmTest
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
        nhB = AddNh(b, "10.0.0.9", 1);
    }

    /// AddRouteToDest expected to fail with \p expected and to change nothing.
    void AddFails(TestClient* c,
                  const std::string& prefix,
                  const RtmRouteInfo& info,
                  RtmStatus expected,
                  RtmRouteHandle route = RtmRouteHandle(),
                  RtmRouteListHandle list = RtmRouteListHandle(),
                  uint32_t inFlags = 0)
    {
        std::string before = Snapshot(c);
        RtmRouteHandle r = route;
        uint32_t flags = inFlags;
        EXPECT_EQ(c->reg->AddRouteToDest(r, Pfx(prefix), info, RTM_INFINITE, list, flags), expected)
            << "route to " << prefix;
        EXPECT_EQ(Snapshot(c), before) << "route to " << prefix;
    }

    /// AddRouteToDest with a raw prefix, expected to fail and change nothing.
    void AddFailsRaw(TestClient* c, const RtmNetAddress& prefix, RtmStatus expected)
    {
        std::string before = Snapshot(c);
        RtmRouteHandle r;
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->AddRouteToDest(r,
                                         prefix,
                                         Route(100, 1, {}),
                                         RTM_INFINITE,
                                         RtmRouteListHandle(),
                                         flags),
                  expected)
            << prefix.ToString();
        EXPECT_EQ(Snapshot(c), before);
    }

    /// UpdateRoute expected to fail with \p expected and to change nothing.
    void UpdateFails(TestClient* c,
                     RtmRouteHandle route,
                     const RtmRouteInfo& info,
                     RtmStatus expected,
                     RtmRouteListHandle list = RtmRouteListHandle())
    {
        std::string before = Snapshot(c);
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->UpdateRoute(route, info, RTM_INFINITE, list, flags), expected);
        EXPECT_EQ(Snapshot(c), before);
    }

    /// \return the views in which \p r is best
    RtmViewSet BestIn(RtmRouteHandle r)
    {
        RtmViewSet v = 0xdead;
        EXPECT_EQ(a->reg->IsBestRoute(r, v), RtmStatus::Success);
        return v;
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
    RtmNextHopHandle nhA1;
    RtmNextHopHandle nhA2;
    RtmNextHopHandle nhB;
};

TEST_F(RtmRouteTest, AddStoresTheRoute)
{
    RtmRouteInfo in = Route(120, 7, {nhA1, nhA2}, kBoth, RTM_ROUTE_FLAGS_REMOTE);
    in.neighbour = nhA1;
    in.flags1 = 0x5a;
    in.entitySpecificInfo = 0x1122334455667788ULL;
    in.routeOwner = b->Entity();        // ignored
    in.state = RTM_ROUTE_STATE_DELETED; // ignored
    RtmRouteHandle r;
    uint32_t flags = 0;
    ASSERT_EQ(
        a->reg
            ->AddRouteToDest(r, Pfx("10.1.0.0/16"), in, RTM_INFINITE, RtmRouteListHandle(), flags),
        RtmStatus::Success);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RtmRouteInfo out;
    RtmNetAddress dest;
    ASSERT_EQ(b->reg->GetRouteInfo(r, &out, &dest), RtmStatus::Success) << "anyone may read it";
    EXPECT_EQ(dest, Pfx("10.1.0.0/16"));
    EXPECT_FALSE(out.destHandle.IsNull());
    EXPECT_EQ(out.routeOwner, a->Entity());
    EXPECT_EQ(out.state, RTM_ROUTE_STATE_CREATED);
    EXPECT_EQ(out.neighbour, nhA1);
    EXPECT_EQ(out.flags1, 0x5a);
    EXPECT_EQ(out.flags, RTM_ROUTE_FLAGS_REMOTE);
    EXPECT_EQ(out.prefInfo.preference, 120u);
    EXPECT_EQ(out.prefInfo.metric, 7u);
    EXPECT_EQ(out.belongsToViews, kBoth);
    EXPECT_EQ(out.entitySpecificInfo, 0x1122334455667788ULL);
    EXPECT_EQ(out.nextHops, (std::vector<RtmNextHopHandle>{nhA1, nhA2}));
    // Outputs are optional.
    EXPECT_EQ(a->reg->GetRouteInfo(r, nullptr, &dest), RtmStatus::Success);
    EXPECT_EQ(a->reg->GetRouteInfo(r, &out, nullptr), RtmStatus::Success);
    EXPECT_EQ(a->reg->GetRouteInfo(r, nullptr, nullptr), RtmStatus::Success);
    // The destination exists and reports the route.
    RtmDestInfo d = Dest(a, "10.1.0.0/16");
    EXPECT_EQ(d.destHandle, out.destHandle);
    EXPECT_EQ(d.belongsToViews, kBoth);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).route, r);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).owner, a->Entity());
    EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).destFlags, RTM_ROUTE_FLAGS_REMOTE);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).numRoutes, 1u);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_MCAST).route, r);
}

TEST_F(RtmRouteTest, RouteWithoutNextHopsIsAllowed)
{
    RtmRouteHandle r =
        AddRoute(a, "10.9.0.0/16", Route(100, 1, {}, kBoth, RTM_ROUTE_FLAGS_BLACKHOLE));
    EXPECT_TRUE(Info(a, r).nextHops.empty());
    EXPECT_EQ(Best(a, "10.9.0.0/16"), r);
}

TEST_F(RtmRouteTest, PreferenceDecidesNotInstallationOrder)
{
    // Worse first, better second.
    uint32_t f1 = 0;
    uint32_t f2 = 0;
    RtmRouteHandle worse = AddRoute(a, "10.1.0.0/16", Route(200, 1, {nhA1}), RTM_INFINITE, 0, &f1);
    RtmRouteHandle better = AddRoute(b, "10.1.0.0/16", Route(100, 50, {nhB}), RTM_INFINITE, 0, &f2);
    EXPECT_EQ(f1, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(f2, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(Best(a, "10.1.0.0/16"), better);
    // Better first, worse second.
    RtmRouteHandle better2 =
        AddRoute(b, "10.2.0.0/16", Route(100, 50, {nhB}), RTM_INFINITE, 0, &f1);
    RtmRouteHandle worse2 = AddRoute(a, "10.2.0.0/16", Route(200, 1, {nhA1}), RTM_INFINITE, 0, &f2);
    EXPECT_EQ(f2, RTM_ROUTE_CHANGE_NEW) << "a worse new route does not change the best";
    EXPECT_EQ(Best(a, "10.2.0.0/16"), better2);
    // Route enumeration of a destination is in preference order.
    RtmDestHandle d1 = Info(a, worse).destHandle;
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, d1),
              (std::vector<RtmRouteHandle>{better, worse}));
    RtmDestHandle d2 = Info(a, worse2).destHandle;
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, d2),
              (std::vector<RtmRouteHandle>{better2, worse2}));
}

TEST_F(RtmRouteTest, MetricThenAgeBreakTies)
{
    RtmRouteHandle older = AddRoute(a, "10.1.0.0/16", Route(100, 5, {nhA1}));
    RtmRouteHandle lowMetric = AddRoute(b, "10.1.0.0/16", Route(100, 3, {nhB}));
    EXPECT_EQ(Best(a, "10.1.0.0/16"), lowMetric);
    RtmRouteHandle same;
    {
        RtmRouteInfo i = Route(100, 3, {nhA2});
        i.neighbour = nhA2; // a second route of a (another neighbour)
        same = AddRoute(a, "10.1.0.0/16", i);
    }
    EXPECT_EQ(Best(a, "10.1.0.0/16"), lowMetric) << "equal (preference, metric): the older wins";
    // An update keeps a route's age: lowMetric goes worse then back, and is best again.
    uint32_t cf = 0;
    ASSERT_EQ(b->reg->UpdateRoute(lowMetric,
                                  Route(100, 9, {nhB}),
                                  RTM_INFINITE,
                                  RtmRouteListHandle(),
                                  cf),
              RtmStatus::Success);
    EXPECT_EQ(Best(a, "10.1.0.0/16"), same);
    ASSERT_EQ(b->reg->UpdateRoute(lowMetric,
                                  Route(100, 3, {nhB}),
                                  RTM_INFINITE,
                                  RtmRouteListHandle(),
                                  cf),
              RtmStatus::Success);
    EXPECT_EQ(Best(a, "10.1.0.0/16"), lowMetric);
    RtmDestHandle d = Info(a, older).destHandle;
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, d),
              (std::vector<RtmRouteHandle>{lowMetric, same, older}));
}

TEST_F(RtmRouteTest, InactiveIsNeverBest)
{
    RtmRouteHandle inactive =
        AddRoute(a, "10.1.0.0/16", Route(1, 1, {nhA1}, kBoth, RTM_ROUTE_FLAGS_INACTIVE));
    RtmDestInfo d = Dest(a, "10.1.0.0/16");
    EXPECT_TRUE(Block(d, RTM_VIEW_ID_UCAST).route.IsNull());
    EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).numRoutes, 1u) << "the inactive route is stored";
    EXPECT_EQ(BestIn(inactive), 0u);
    RtmRouteHandle active = AddRoute(b, "10.1.0.0/16", Route(200, 99, {nhB}));
    EXPECT_EQ(Best(a, "10.1.0.0/16"), active);
    EXPECT_EQ(BestIn(active), kBoth);
    // Becoming inactive loses the best; becoming active wins it back.
    uint32_t cf = 0;
    ASSERT_EQ(
        a->reg->UpdateRoute(inactive, Route(1, 1, {nhA1}), RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::Success);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(Best(a, "10.1.0.0/16"), inactive);
    ASSERT_EQ(a->reg->UpdateRoute(inactive,
                                  Route(1, 1, {nhA1}, kBoth, RTM_ROUTE_FLAGS_INACTIVE),
                                  RTM_INFINITE,
                                  RtmRouteListHandle(),
                                  cf),
              RtmStatus::Success);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(Best(a, "10.1.0.0/16"), active);
}

TEST_F(RtmRouteTest, PerViewBestRoutes)
{
    RtmRouteHandle ucast = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}, RTM_VIEW_MASK_UCAST));
    RtmRouteHandle both = AddRoute(b, "10.1.0.0/16", Route(200, 1, {nhB}, kBoth));
    RtmRouteHandle mcast = AddRoute(a, "10.1.0.0/16", [&] {
        RtmRouteInfo i = Route(300, 1, {nhA2}, RTM_VIEW_MASK_MCAST);
        i.neighbour = nhA2;
        return i;
    }());
    RtmDestInfo d = Dest(a, "10.1.0.0/16");
    EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).route, ucast);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).numRoutes, 2u);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_MCAST).route, both);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_MCAST).numRoutes, 2u);
    EXPECT_EQ(Block(d, RTM_VIEW_ID_MCAST).owner, b->Entity());
    EXPECT_EQ(BestIn(ucast), RTM_VIEW_MASK_UCAST);
    EXPECT_EQ(BestIn(both), RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(BestIn(mcast), 0u);
    // Move the unicast route into both views: best in both.
    uint32_t cf = 0;
    ASSERT_EQ(a->reg->UpdateRoute(ucast,
                                  Route(100, 1, {nhA1}, kBoth),
                                  RTM_INFINITE,
                                  RtmRouteListHandle(),
                                  cf),
              RtmStatus::Success);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(BestIn(ucast), kBoth);
    EXPECT_EQ(BestIn(both), 0u);
}

TEST_F(RtmRouteTest, ChangeFlagsOfUpdatesAndDeletes)
{
    uint32_t cf = 0;
    RtmRouteHandle best = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    RtmRouteHandle other = AddRoute(b, "10.1.0.0/16", Route(200, 1, {nhB}));
    // A non-best route that stays non-best: no BEST.
    ASSERT_EQ(
        b->reg->UpdateRoute(other, Route(200, 5, {nhB}), RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::Success);
    EXPECT_EQ(cf, 0u);
    // The best route's metric: BEST.
    ASSERT_EQ(
        a->reg->UpdateRoute(best, Route(100, 2, {nhA1}), RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::Success);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_BEST);
    // The non-best becomes best: BEST.
    ASSERT_EQ(
        b->reg->UpdateRoute(other, Route(50, 5, {nhB}), RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::Success);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(Best(a, "10.1.0.0/16"), other);
    // Deleting a non-best route: no BEST; the best: BEST.
    EXPECT_EQ(DelRoute(a, best), 0u);
    EXPECT_EQ(DelRoute(b, other), RTM_ROUTE_CHANGE_BEST);
}

TEST_F(RtmRouteTest, UpdateByNeighbourNewAndFirst)
{
    RtmRouteInfo i1 = Route(100, 1, {nhA1});
    i1.neighbour = nhA1;
    uint32_t cf = 0;
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", i1, RTM_INFINITE, 0, &cf);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    // Same owner and neighbour, null handle: the route is updated.
    i1.prefInfo.metric = 4;
    RtmRouteHandle again = AddRoute(a, "10.1.0.0/16", i1, RTM_INFINITE, 0, &cf);
    EXPECT_EQ(again, r1);
    EXPECT_EQ(cf & RTM_ROUTE_CHANGE_NEW, 0u);
    EXPECT_EQ(Info(a, r1).prefInfo.metric, 4u);
    // Another neighbour: a new route.
    RtmRouteInfo i2 = Route(100, 9, {nhA2});
    i2.neighbour = nhA2;
    RtmRouteHandle r2 = AddRoute(a, "10.1.0.0/16", i2, RTM_INFINITE, 0, &cf);
    EXPECT_NE(r2, r1);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_NEW);
    // Another client with the same neighbour value would be another route anyway.
    EXPECT_EQ(AllRoutes(a).size(), 2u);
    // CHANGE_NEW forces a new route despite the (owner, neighbour) match.
    RtmRouteHandle r3 = AddRoute(a, "10.1.0.0/16", i1, RTM_INFINITE, RTM_ROUTE_CHANGE_NEW, &cf);
    EXPECT_NE(r3, r1);
    EXPECT_NE(r3, r2);
    EXPECT_EQ(cf & RTM_ROUTE_CHANGE_NEW, RTM_ROUTE_CHANGE_NEW);
    EXPECT_EQ(AllRoutes(a).size(), 3u);
    // Null neighbours match each other.
    RtmRouteHandle n1 = AddRoute(a, "10.2.0.0/16", Route(100, 1, {nhA1}));
    RtmRouteHandle n2 = AddRoute(a, "10.2.0.0/16", Route(100, 2, {nhA1}), RTM_INFINITE, 0, &cf);
    EXPECT_EQ(n2, n1);
    EXPECT_EQ(cf & RTM_ROUTE_CHANGE_NEW, 0u);
    EXPECT_EQ(Info(a, n1).prefInfo.metric, 2u);
    // CHANGE_FIRST: my (only) route, whatever its neighbour.
    RtmRouteInfo i3 = Route(100, 7, {nhA2});
    i3.neighbour = nhA2;
    RtmRouteHandle f = AddRoute(a, "10.2.0.0/16", i3, RTM_INFINITE, RTM_ROUTE_CHANGE_FIRST, &cf);
    EXPECT_EQ(f, n1);
    EXPECT_EQ(cf & RTM_ROUTE_CHANGE_NEW, 0u);
    EXPECT_EQ(Info(a, n1).neighbour, nhA2);
    EXPECT_EQ(Info(a, n1).prefInfo.metric, 7u);
    // CHANGE_FIRST does not touch another client's route.
    RtmRouteHandle rb = AddRoute(b, "10.3.0.0/16", Route(100, 1, {nhB}));
    RtmRouteHandle fa = AddRoute(a,
                                 "10.3.0.0/16",
                                 Route(100, 3, {nhA1}),
                                 RTM_INFINITE,
                                 RTM_ROUTE_CHANGE_FIRST,
                                 &cf);
    EXPECT_NE(fa, rb);
    EXPECT_EQ(Info(b, rb).prefInfo.metric, 1u);
    // NEW and FIRST together are refused.
    AddFails(a,
             "10.2.0.0/16",
             i3,
             RtmStatus::InvalidParameter,
             RtmRouteHandle(),
             RtmRouteListHandle(),
             RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_FIRST);
}

TEST_F(RtmRouteTest, UpdateByHandle)
{
    RtmRouteInfo i1 = Route(100, 1, {nhA1});
    i1.neighbour = nhA1;
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", i1);
    RtmRouteInfo i2 = Route(100, 2, {nhA2});
    i2.neighbour = nhA2;
    RtmRouteHandle r2 = AddRoute(a, "10.1.0.0/16", i2);
    // Through r1's handle, even with r2's neighbour: r1 is the one updated.
    RtmRouteHandle h = r1;
    uint32_t cf = 0;
    RtmRouteInfo upd = Route(100, 5, {nhA1});
    upd.neighbour = nhA1;
    upd.entitySpecificInfo = 99;
    ASSERT_EQ(
        a->reg->AddRouteToDest(h, Pfx("10.1.0.0/16"), upd, RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::Success);
    EXPECT_EQ(h, r1);
    EXPECT_EQ(cf & RTM_ROUTE_CHANGE_NEW, 0u);
    EXPECT_EQ(Info(a, r1).prefInfo.metric, 5u);
    EXPECT_EQ(Info(a, r1).entitySpecificInfo, 99u);
    EXPECT_EQ(Info(a, r2).prefInfo.metric, 2u);
    EXPECT_EQ(AllRoutes(a).size(), 2u);
    // The handle's destination must be the given prefix.
    AddFails(a, "10.2.0.0/16", upd, RtmStatus::InvalidParameter, r1);
}

TEST_F(RtmRouteTest, UpdateRouteEditsEveryEditableField)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    RtmDestHandle d = Info(a, r).destHandle;
    RtmRouteInfo upd = Route(90, 8, {nhA2, nhA1}, RTM_VIEW_MASK_MCAST, RTM_ROUTE_FLAGS_LOCAL);
    upd.neighbour = nhA2;
    upd.flags1 = 3;
    upd.entitySpecificInfo = 1234;
    upd.destHandle = RtmDestHandle();    // ignored
    upd.routeOwner = b->Entity();        // ignored
    upd.state = RTM_ROUTE_STATE_DELETED; // ignored
    uint32_t cf = 0;
    ASSERT_EQ(a->reg->UpdateRoute(r, upd, RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_BEST);
    RtmRouteInfo out = Info(a, r);
    EXPECT_EQ(out.destHandle, d);
    EXPECT_EQ(out.routeOwner, a->Entity());
    EXPECT_EQ(out.state, RTM_ROUTE_STATE_CREATED);
    EXPECT_EQ(out.neighbour, nhA2);
    EXPECT_EQ(out.flags, RTM_ROUTE_FLAGS_LOCAL);
    EXPECT_EQ(out.flags1, 3);
    EXPECT_EQ(out.prefInfo.preference, 90u);
    EXPECT_EQ(out.prefInfo.metric, 8u);
    EXPECT_EQ(out.belongsToViews, RTM_VIEW_MASK_MCAST);
    EXPECT_EQ(out.entitySpecificInfo, 1234u);
    EXPECT_EQ(out.nextHops, (std::vector<RtmNextHopHandle>{nhA2, nhA1}));
    RtmDestInfo di = Dest(a, "10.1.0.0/16");
    EXPECT_EQ(di.belongsToViews, RTM_VIEW_MASK_MCAST);
    EXPECT_TRUE(Block(di, RTM_VIEW_ID_UCAST).route.IsNull());
    EXPECT_EQ(Block(di, RTM_VIEW_ID_UCAST).numRoutes, 0u);
    EXPECT_EQ(Block(di, RTM_VIEW_ID_MCAST).route, r);
    // Preference 0 in an update means the default preference.
    ASSERT_EQ(a->reg->UpdateRoute(r, Route(0, 8, {nhA1}), RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    EXPECT_EQ(Info(a, r).prefInfo.preference, a->reg->GetDefaultPreference());
}

TEST_F(RtmRouteTest, AddRouteBadPrefixes)
{
    AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    AddFailsRaw(a, Pfx("10.1.0.0/8"), RtmStatus::InvalidParameter); // host bits
    RtmNetAddress tooLong = Pfx("10.1.0.0/16");
    tooLong.numBits = 33;
    AddFailsRaw(a, tooLong, RtmStatus::InvalidParameter);
    AddFailsRaw(a, Pfx("2001:db8::/32"), RtmStatus::InvalidParameter); // wrong family
    RtmNetAddress unknown = Pfx("10.1.0.0/16");
    unknown.addressFamily = 99;
    AddFailsRaw(a, unknown, RtmStatus::InvalidParameter);
    AddFailsRaw(a, RtmNetAddress(), RtmStatus::InvalidParameter); // family 0
}

TEST_F(RtmRouteTest, AddRouteBadContents)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    // Views: empty is InvalidParameter, unsupported is NotSupported.
    AddFails(a, "10.2.0.0/16", Route(100, 1, {nhA1}, 0), RtmStatus::InvalidParameter);
    AddFails(a, "10.2.0.0/16", Route(100, 1, {nhA1}, 0x4), RtmStatus::NotSupported);
    AddFails(a, "10.2.0.0/16", Route(100, 1, {nhA1}, 0x5), RtmStatus::NotSupported);
    // Next hops: repeated, too many, deleted.
    AddFails(a, "10.2.0.0/16", Route(100, 1, {nhA1, nhA2, nhA1}), RtmStatus::InvalidParameter);
    std::vector<RtmNextHopHandle> many;
    for (int i = 1; i <= 17; ++i)
    {
        many.push_back(AddNh(a, "10.5.0." + std::to_string(i), 3));
    }
    AddFails(a, "10.2.0.0/16", Route(100, 1, many), RtmStatus::InvalidParameter);
    many.pop_back();
    RtmRouteHandle sixteen = AddRoute(a, "10.3.0.0/16", Route(100, 1, many));
    EXPECT_EQ(Info(a, sixteen).nextHops.size(), 16u);
    RtmNextHopHandle dying = AddNh(a, "10.0.0.77", 1);
    AddRoute(a, "10.4.0.0/16", Route(100, 1, {dying}));
    ASSERT_EQ(a->reg->DeleteNextHop(dying), RtmStatus::Success); // DELETED, still referenced
    AddFails(a, "10.2.0.0/16", Route(100, 1, {dying}), RtmStatus::InvalidParameter);
    // Another client's next hop, neighbour, route or list.
    AddFails(a, "10.2.0.0/16", Route(100, 1, {nhB}), RtmStatus::AccessDenied);
    RtmRouteInfo withTheirNeighbour = Route(100, 1, {nhA1});
    withTheirNeighbour.neighbour = nhB;
    AddFails(a, "10.2.0.0/16", withTheirNeighbour, RtmStatus::AccessDenied);
    RtmRouteHandle rb = AddRoute(b, "10.1.0.0/16", Route(200, 1, {nhB}));
    AddFails(a, "10.1.0.0/16", Route(100, 1, {nhA1}), RtmStatus::AccessDenied, rb);
    RtmRouteListHandle theirList;
    ASSERT_EQ(b->reg->CreateRouteList(theirList), RtmStatus::Success);
    AddFails(a,
             "10.2.0.0/16",
             Route(100, 1, {nhA1}),
             RtmStatus::AccessDenied,
             RtmRouteHandle(),
             theirList);
    // Stale, forged and foreign handles.
    RtmNextHopHandle gone = AddNh(a, "10.0.0.88", 1);
    ASSERT_EQ(a->reg->DeleteNextHop(gone), RtmStatus::Success); // unused: freed
    AddFails(a, "10.2.0.0/16", Route(100, 1, {gone}), RtmStatus::InvalidHandle);
    AddFails(a, "10.2.0.0/16", Route(100, 1, {Forged(nhA1)}), RtmStatus::InvalidHandle);
    RtmRouteInfo forgedNeighbour = Route(100, 1, {nhA1});
    forgedNeighbour.neighbour = WrongGen(nhA1);
    AddFails(a, "10.2.0.0/16", forgedNeighbour, RtmStatus::InvalidHandle);
    RtmRouteHandle dead = AddRoute(a, "10.6.0.0/16", Route(100, 1, {nhA1}));
    DelRoute(a, dead);
    AddFails(a, "10.6.0.0/16", Route(100, 1, {nhA1}), RtmStatus::InvalidHandle, dead);
    AddFails(a, "10.1.0.0/16", Route(100, 1, {nhA1}), RtmStatus::InvalidHandle, Forged(r));
    RtmRouteListHandle myList;
    ASSERT_EQ(a->reg->CreateRouteList(myList), RtmStatus::Success);
    ASSERT_EQ(a->reg->DeleteRouteList(myList), RtmStatus::Success);
    AddFails(a,
             "10.2.0.0/16",
             Route(100, 1, {nhA1}),
             RtmStatus::InvalidHandle,
             RtmRouteHandle(),
             myList);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmNextHopHandle nh6 = AddNh(v6, "fe80::1", 1);
    AddFails(a, "10.2.0.0/16", Route(100, 1, {nh6}), RtmStatus::InvalidHandle);
    Ptr<RtmInstance> other = NewInstance();
    TestClient* o = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, other);
    ASSERT_NE(o, nullptr);
    RtmNextHopHandle nho = AddNh(o, "10.0.0.1", 1);
    AddFails(a, "10.2.0.0/16", Route(100, 1, {nho}), RtmStatus::InvalidHandle);
    RtmRouteHandle ro = AddRoute(o, "10.1.0.0/16", Route(100, 1, {nho}));
    AddFails(a, "10.1.0.0/16", Route(100, 1, {nhA1}), RtmStatus::InvalidHandle, ro);
}

TEST_F(RtmRouteTest, MaxNextHopsAttribute)
{
    Ptr<RtmInstance> small = NewInstance();
    small->SetAttribute("MaxNextHopsInRoute", UintegerValue(2));
    TestClient* c = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, small);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->profile.maxNextHopsInRoute, 2u);
    RtmNextHopHandle n1 = AddNh(c, "10.0.0.1", 1);
    RtmNextHopHandle n2 = AddNh(c, "10.0.0.2", 1);
    RtmNextHopHandle n3 = AddNh(c, "10.0.0.3", 1);
    AddRoute(c, "10.1.0.0/16", Route(100, 1, {n1, n2}));
    AddFails(c, "10.2.0.0/16", Route(100, 1, {n1, n2, n3}), RtmStatus::InvalidParameter);
}

TEST_F(RtmRouteTest, UpdateRouteErrors)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    RtmRouteHandle rb = AddRoute(b, "10.1.0.0/16", Route(200, 1, {nhB}));
    UpdateFails(a, rb, Route(100, 1, {nhA1}), RtmStatus::AccessDenied);
    UpdateFails(a, r, Route(100, 1, {nhB}), RtmStatus::AccessDenied);
    RtmRouteInfo theirNeighbour = Route(100, 1, {nhA1});
    theirNeighbour.neighbour = nhB;
    UpdateFails(a, r, theirNeighbour, RtmStatus::AccessDenied);
    RtmRouteListHandle theirList;
    ASSERT_EQ(b->reg->CreateRouteList(theirList), RtmStatus::Success);
    UpdateFails(a, r, Route(100, 1, {nhA1}), RtmStatus::AccessDenied, theirList);
    UpdateFails(a, r, Route(100, 1, {nhA1}, 0), RtmStatus::InvalidParameter);
    UpdateFails(a, r, Route(100, 1, {nhA1}, 0x8), RtmStatus::NotSupported);
    UpdateFails(a, r, Route(100, 1, {nhA1, nhA1}), RtmStatus::InvalidParameter);
    UpdateFails(a, r, Route(100, 1, {Forged(nhA1)}), RtmStatus::InvalidHandle);
    UpdateFails(a, RtmRouteHandle(), Route(100, 1, {nhA1}), RtmStatus::InvalidHandle);
    UpdateFails(a, Forged(r), Route(100, 1, {nhA1}), RtmStatus::InvalidHandle);
    UpdateFails(a, WrongGen(r), Route(100, 1, {nhA1}), RtmStatus::InvalidHandle);
    RtmRouteHandle dead = AddRoute(a, "10.2.0.0/16", Route(100, 1, {nhA1}));
    DelRoute(a, dead);
    UpdateFails(a, dead, Route(100, 1, {nhA1}), RtmStatus::InvalidHandle);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmRouteHandle r6 = AddRoute(v6, "2001:db8::/32", Route(100, 1));
    UpdateFails(a, r6, Route(100, 1, {nhA1}), RtmStatus::InvalidHandle);
}

TEST_F(RtmRouteTest, DeleteRoute)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    RtmRouteHandle rb = AddRoute(b, "10.1.0.0/16", Route(200, 1, {nhB}));
    std::string before = Snapshot(a);
    uint32_t cf = 0;
    EXPECT_EQ(a->reg->DeleteRouteToDest(rb, cf), RtmStatus::AccessDenied);
    EXPECT_EQ(a->reg->DeleteRouteToDest(RtmRouteHandle(), cf), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteRouteToDest(Forged(r), cf), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteRouteToDest(WrongGen(r), cf), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteRouteToDest(NoTable<RtmRouteHandle>(), cf), RtmStatus::InvalidHandle);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmRouteHandle r6 = AddRoute(v6, "2001:db8::/32", Route(100, 1));
    EXPECT_EQ(a->reg->DeleteRouteToDest(r6, cf), RtmStatus::InvalidHandle);
    Ptr<RtmInstance> other = NewInstance();
    TestClient* o = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, other);
    ASSERT_NE(o, nullptr);
    RtmRouteHandle ro = AddRoute(o, "10.1.0.0/16", Route(100, 1));
    EXPECT_EQ(a->reg->DeleteRouteToDest(ro, cf), RtmStatus::InvalidHandle);
    EXPECT_EQ(Snapshot(a), before);

    EXPECT_EQ(DelRoute(a, r), RTM_ROUTE_CHANGE_BEST);
    RtmRouteInfo info;
    EXPECT_EQ(a->reg->GetRouteInfo(r, &info), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteRouteToDest(r, cf), RtmStatus::InvalidHandle);
    EXPECT_EQ(Best(a, "10.1.0.0/16"), rb);
    EXPECT_EQ(Block(Dest(a, "10.1.0.0/16"), RTM_VIEW_ID_UCAST).numRoutes, 1u);
}

TEST_F(RtmRouteTest, GetRouteInfoAndIsBestRouteBadHandles)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmRouteHandle r6 = AddRoute(v6, "2001:db8::/32", Route(100, 1));
    RtmRouteInfo info;
    RtmViewSet views = 0;
    for (RtmRouteHandle bad :
         {RtmRouteHandle(), Forged(r), WrongGen(r), r6, NoTable<RtmRouteHandle>()})
    {
        EXPECT_EQ(a->reg->GetRouteInfo(bad, &info), RtmStatus::InvalidHandle) << bad;
        EXPECT_EQ(a->reg->IsBestRoute(bad, views), RtmStatus::InvalidHandle) << bad;
    }
    EXPECT_EQ(b->reg->IsBestRoute(r, views), RtmStatus::Success) << "anyone may ask";
    EXPECT_EQ(views, kBoth);
}

TEST_F(RtmRouteTest, HoldDestinationErrors)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA1}));
    RtmDestHandle d = Info(a, r).destHandle;
    std::string before = Snapshot(a);
    EXPECT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 0), RtmStatus::InvalidParameter);
    EXPECT_EQ(a->reg->HoldDestination(d, 0x4, 100), RtmStatus::NotSupported);
    EXPECT_EQ(a->reg->HoldDestination(RtmDestHandle(), RTM_VIEW_MASK_UCAST, 100),
              RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->HoldDestination(Forged(d), RTM_VIEW_MASK_UCAST, 100),
              RtmStatus::InvalidHandle);
    EXPECT_EQ(Snapshot(a), before);
    // None of them armed anything: deleting the route leaves no hold route.
    DelRoute(a, r);
    RtmDestInfo di;
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               di),
              RtmStatus::NotFound);
}

TEST_F(RtmRouteTest, Ipv6Routes)
{
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    TestClient* w6 = Register(kProtoB, 1, RTM_AF_INET6);
    ASSERT_TRUE(v6 && w6);
    RtmNextHopHandle n1 = AddNh(v6, "fe80::1", 1);
    RtmNextHopHandle n2 = AddNh(w6, "fe80::2", 2);
    uint32_t cf = 0;
    RtmRouteHandle worse = AddRoute(v6, "2001:db8::/32", Route(200, 1, {n1}), RTM_INFINITE, 0, &cf);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RtmRouteHandle better =
        AddRoute(w6, "2001:db8::/32", Route(100, 1, {n2}), RTM_INFINITE, 0, &cf);
    EXPECT_EQ(cf, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(Best(v6, "2001:db8::/32"), better);
    RtmNetAddress dest;
    RtmRouteInfo info;
    ASSERT_EQ(v6->reg->GetRouteInfo(worse, &info, &dest), RtmStatus::Success);
    EXPECT_EQ(dest, Pfx("2001:db8::/32"));
    AddRoute(v6, "2001:db8:1::/48", Route(100, 1, {n1}));
    AddRoute(v6, "::/0", Route(100, 1, {n1}));
    std::string before = Snapshot(v6);
    RtmRouteHandle r;
    cf = 0;
    EXPECT_EQ(v6->reg->AddRouteToDest(r,
                                      Pfx("2001:db8::/16"),
                                      Route(100, 1),
                                      RTM_INFINITE,
                                      RtmRouteListHandle(),
                                      cf),
              RtmStatus::InvalidParameter);
    RtmNetAddress tooLong = Pfx("2001:db8::/32");
    tooLong.numBits = 129;
    EXPECT_EQ(
        v6->reg->AddRouteToDest(r, tooLong, Route(100, 1), RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::InvalidParameter);
    EXPECT_EQ(v6->reg->AddRouteToDest(r,
                                      Pfx("10.0.0.0/8"),
                                      Route(100, 1),
                                      RTM_INFINITE,
                                      RtmRouteListHandle(),
                                      cf),
              RtmStatus::InvalidParameter);
    EXPECT_EQ(Snapshot(v6), before);
    EXPECT_EQ(DelRoute(w6, better), RTM_ROUTE_CHANGE_BEST);
    EXPECT_EQ(Best(v6, "2001:db8::/32"), worse);
    RtmNetAddress host = Pfx("2001:db8:1::5");
    RtmDestInfo fib;
    ASSERT_EQ(inst->Lookup(host, RTM_VIEW_ID_UCAST, fib), RtmStatus::Success);
    EXPECT_EQ(fib.destAddress, Pfx("2001:db8:1::/48"));
    ASSERT_EQ(inst->Lookup(Pfx("2001:db9::1"), RTM_VIEW_ID_UCAST, fib), RtmStatus::Success);
    EXPECT_EQ(fib.destAddress, Pfx("::/0"));
}

} // namespace

// Decision 38: a route's owner's word, neighbour and tracking slot live in lazy columns by route
// slot. A table whose routes set none of them keeps no column memory; setting, changing and
// clearing them through adds, updates and deletes (slots freed and reused) keeps every column in
// step with the routes (RtmTable::CheckIndex checks it) and the values read back are those set.
TEST_F(RtmRouteTest, RouteColumnsFollowAddsUpdatesAndDeletes)
{
    const RtmTable<RtmIpv4Family>& t = inst->GetIpv4Table();
    auto columns = [&t]() {
        std::ostringstream os;
        t.PrintMemory(os);
        std::string s = os.str();
        return s.substr(s.find("lazy columns"),
                        s.find('\n', s.find("lazy columns")) - s.find("lazy columns"));
    };
    std::vector<RtmRouteHandle> routes;
    for (int i = 0; i < 200; ++i)
    {
        RtmRouteHandle r;
        uint32_t flags = 0;
        std::string p = "10." + std::to_string(i) + ".0.0/16";
        ASSERT_EQ(a->reg->AddRouteToDest(r,
                                         Pfx(p),
                                         Route(100, 1, {nhA1}),
                                         RTM_INFINITE,
                                         RtmRouteListHandle(),
                                         flags),
                  RtmStatus::Success);
        routes.push_back(r);
    }
    const std::string none = "lazy columns: owner's words 0 B, neighbours 0 B, tracking slots 0 B, "
                             "RTMv1 flags 0 B, holds 0 B";
    EXPECT_EQ(columns(), none);
    ASSERT_TRUE(t.CheckIndex());
    // Give every third route a neighbour, an owner's word and RTMv1 flags (decision 43), then
    // change, clear, delete.
    for (int round = 0; round < 4; ++round)
    {
        for (std::size_t i = round % 3; i < routes.size(); i += 3)
        {
            RtmRouteInfo in = Route(100, 1, {nhA1});
            in.neighbour = round == 3 ? RtmNextHopHandle() : (round % 2 ? nhA2 : nhA1);
            in.entitySpecificInfo = round == 3 ? 0 : 1000 + i * 7 + round;
            in.flags1 = round == 3 ? 0 : static_cast<uint8_t>(1 + round);
            uint32_t flags = 0;
            ASSERT_EQ(a->reg->UpdateRoute(routes[i], in, RTM_INFINITE, RtmRouteListHandle(), flags),
                      RtmStatus::Success);
            RtmRouteInfo out;
            ASSERT_EQ(a->reg->GetRouteInfo(routes[i], &out, nullptr), RtmStatus::Success);
            EXPECT_EQ(out.neighbour, in.neighbour);
            EXPECT_EQ(out.entitySpecificInfo, in.entitySpecificInfo);
            EXPECT_EQ(out.flags1, in.flags1);
        }
        ASSERT_TRUE(t.CheckIndex()) << "round " << round;
    }
    EXPECT_NE(columns(), none);
    // Delete half (their slots are freed with empty columns), re-add with words: reused slots.
    for (std::size_t i = 0; i < routes.size(); i += 2)
    {
        uint32_t flags = 0;
        ASSERT_EQ(a->reg->DeleteRouteToDest(routes[i], flags), RtmStatus::Success);
        ASSERT_TRUE(t.CheckIndex());
    }
    for (std::size_t i = 0; i < routes.size(); i += 2)
    {
        RtmRouteInfo in = Route(100, 1, {nhA1});
        in.neighbour = nhA2;
        in.entitySpecificInfo = 5 + i;
        in.flags1 = 0x80;
        RtmRouteHandle r;
        uint32_t flags = 0;
        ASSERT_EQ(a->reg->AddRouteToDest(r,
                                         Pfx("10." + std::to_string(i) + ".0.0/16"),
                                         in,
                                         RTM_INFINITE,
                                         RtmRouteListHandle(),
                                         flags),
                  RtmStatus::Success);
        RtmRouteInfo out;
        ASSERT_EQ(a->reg->GetRouteInfo(r, &out, nullptr), RtmStatus::Success);
        EXPECT_EQ(out.neighbour, nhA2);
        EXPECT_EQ(out.entitySpecificInfo, 5 + i);
        EXPECT_EQ(out.flags1, 0x80);
    }
    ASSERT_TRUE(t.CheckIndex());
}
