/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the destination and route enumerations (decision 15): address order (bits, then
 * length), START / NEXT / RANGE, OWN flags, view and protocol filters, matching criteria, batches
 * of at most MaxHandlesInEnum, NoMoreItems, and changes made between batches.
 */
#include "rtm-test-util.h"

#include "ns3/rtm-table.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmEnumTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        inst->SetAttribute("MaxHandlesInEnum", UintegerValue(3)); // before the table exists
        a = Register(kProtoA, 1);
        b = Register(kProtoB, 1);
        ASSERT_TRUE(a && b);
        ASSERT_EQ(a->profile.maxHandlesInEnum, 3u);
        nhA = AddNh(a, "10.255.0.1", 1);
        nhA2 = AddNh(a, "10.255.0.2", 2);
        nhB = AddNh(b, "10.255.0.9", 3);
    }

    /// Destinations added in scrambled order. a owns the best route except where noted.
    void BuildTable()
    {
        AddRoute(a, "192.168.1.0/24", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
        AddRoute(a, "10.0.0.0/8", Route(100, 1, {nhA}, kBoth));
        AddRoute(b, "0.0.0.0/0", Route(100, 1, {nhB}, kBoth)); // b's
        AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_MCAST));
        AddRoute(a, "10.0.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
        AddRoute(b, "10.0.0.0/16", Route(50, 1, {nhB}, RTM_VIEW_MASK_UCAST)); // b best
        AddRoute(a, "11.0.0.0/8", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
        AddRoute(a, "10.0.0.0/24", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
        AddRoute(a, "10.128.0.0/9", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    }

    /// \return a route enumeration of client a over every route (any view, from the start)
    RtmEnumHandle AllRoutesEnum()
    {
        RtmEnumHandle e;
        EXPECT_EQ(a->reg->CreateRouteEnum(RtmDestHandle(),
                                          RTM_VIEW_MASK_ANY,
                                          RTM_ENUM_START,
                                          nullptr,
                                          RTM_MATCH_NONE,
                                          nullptr,
                                          0,
                                          e),
                  RtmStatus::Success);
        return e;
    }

    /// Read the next route of enumeration \p e (client a) into \p seen. \return the status
    RtmStatus NextRoute(RtmEnumHandle e, std::vector<RtmRouteHandle>& seen)
    {
        std::vector<RtmRouteHandle> batch;
        uint32_t num = 1;
        RtmStatus st = a->reg->GetEnumRoutes(e, num, batch);
        seen.insert(seen.end(), batch.begin(), batch.end());
        return st;
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
    RtmNextHopHandle nhA;
    RtmNextHopHandle nhA2;
    RtmNextHopHandle nhB;
};

using Strings = std::vector<std::string>;

TEST_F(RtmEnumTest, DestOrderIsAddressThenLength)
{
    BuildTable();
    EXPECT_EQ(Prefixes(AllDests(a)),
              (Strings{"0.0.0.0/0",
                       "10.0.0.0/8",
                       "10.0.0.0/16",
                       "10.0.0.0/24",
                       "10.1.0.0/16",
                       "10.128.0.0/9",
                       "11.0.0.0/8",
                       "192.168.1.0/24"}));
    for (const auto& d : AllDests(a))
    {
        EXPECT_TRUE(d.viewInfo.empty()) << "ANY returns no view blocks";
        EXPECT_FALSE(d.destHandle.IsNull());
    }
}

TEST_F(RtmEnumTest, DestPositions)
{
    BuildTable();
    RtmNetAddress start = Pfx("10.0.0.0/16");
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &start)),
              (Strings{"10.0.0.0/16",
                       "10.0.0.0/24",
                       "10.1.0.0/16",
                       "10.128.0.0/9",
                       "11.0.0.0/8",
                       "192.168.1.0/24"}))
        << "NEXT includes its start";
    RtmNetAddress absent = Pfx("10.0.5.0/24");
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &absent)),
              (Strings{"10.1.0.0/16", "10.128.0.0/9", "11.0.0.0/8", "192.168.1.0/24"}));
    RtmNetAddress range8 = Pfx("10.0.0.0/8");
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &range8)),
              (Strings{"10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24", "10.1.0.0/16", "10.128.0.0/9"}));
    RtmNetAddress range16 = Pfx("10.0.0.0/16");
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &range16)),
              (Strings{"10.0.0.0/16", "10.0.0.0/24"}));
    RtmNetAddress range9 = Pfx("10.128.0.0/9");
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &range9)),
              (Strings{"10.128.0.0/9"}));
    RtmNetAddress all = Pfx("0.0.0.0/0");
    EXPECT_EQ(AllDests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &all).size(), 8u);
    RtmNetAddress none = Pfx("172.16.0.0/12");
    EXPECT_TRUE(AllDests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &none).empty());
}

TEST_F(RtmEnumTest, DestViewsOwnAndProtocolFilters)
{
    BuildTable();
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_MCAST)),
              (Strings{"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16"}));
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_UCAST)),
              (Strings{"0.0.0.0/0",
                       "10.0.0.0/8",
                       "10.0.0.0/16",
                       "10.0.0.0/24",
                       "10.128.0.0/9",
                       "11.0.0.0/8",
                       "192.168.1.0/24"}));
    for (const auto& d : AllDests(a, RTM_VIEW_MASK_MCAST))
    {
        ASSERT_EQ(d.viewInfo.size(), 1u);
        EXPECT_EQ(d.viewInfo[0].viewId, RTM_VIEW_ID_MCAST);
    }
    for (const auto& d : AllDests(a, RTM_VIEW_MASK_ALL))
    {
        EXPECT_EQ(d.viewInfo.size(), 2u);
    }
    // OWN_DESTS: where the caller owns the best route in one of the views.
    EXPECT_EQ(Prefixes(AllDests(b, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_DESTS)),
              (Strings{"0.0.0.0/0", "10.0.0.0/16"}));
    EXPECT_EQ(
        Prefixes(AllDests(a, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_DESTS)),
        (Strings{"10.0.0.0/8", "10.0.0.0/24", "10.128.0.0/9", "11.0.0.0/8", "192.168.1.0/24"}));
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_MCAST, RTM_ENUM_OWN_DESTS)),
              (Strings{"10.0.0.0/8", "10.1.0.0/16"}));
    RtmNetAddress range = Pfx("10.0.0.0/8");
    EXPECT_EQ(
        Prefixes(AllDests(b, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_DESTS | RTM_ENUM_RANGE, &range)),
        (Strings{"10.0.0.0/16"}));
    // The protocol filter picks the reported route and hides nothing.
    auto filtered = AllDests(b, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, nullptr, kProtoA);
    ASSERT_EQ(filtered.size(), 7u);
    EXPECT_EQ(filtered[0].destAddress, Pfx("0.0.0.0/0"));
    EXPECT_TRUE(filtered[0].viewInfo[0].route.IsNull()) << "a has no route to 0/0";
    EXPECT_EQ(filtered[2].destAddress, Pfx("10.0.0.0/16"));
    EXPECT_EQ(filtered[2].viewInfo[0].owner, a->Entity());
    EXPECT_EQ(filtered[2].viewInfo[0].numRoutes, 2u);
}

TEST_F(RtmEnumTest, DestBatches)
{
    BuildTable();
    RtmEnumHandle e;
    ASSERT_EQ(
        a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, e),
        RtmStatus::Success);
    std::vector<RtmDestInfo> batch;
    uint32_t num = 4; // above MaxHandlesInEnum
    EXPECT_EQ(a->reg->GetEnumDests(e, num, batch), RtmStatus::InvalidParameter);
    num = 0;
    EXPECT_EQ(a->reg->GetEnumDests(e, num, batch), RtmStatus::InvalidParameter);
    Strings seen;
    std::vector<uint32_t> sizes;
    RtmStatus st = RtmStatus::Success;
    while (st == RtmStatus::Success)
    {
        num = 3;
        batch.clear();
        st = a->reg->GetEnumDests(e, num, batch);
        ASSERT_TRUE(st == RtmStatus::Success || st == RtmStatus::NoMoreItems) << st;
        ASSERT_EQ(num, batch.size());
        sizes.push_back(num);
        for (const auto& d : batch)
        {
            seen.push_back(d.destAddress.ToString());
        }
    }
    EXPECT_EQ(sizes, (std::vector<uint32_t>{3, 3, 2}));
    EXPECT_EQ(seen, Prefixes(AllDests(a)));
    // After the end: NoMoreItems and nothing.
    num = 3;
    batch.clear();
    EXPECT_EQ(a->reg->GetEnumDests(e, num, batch), RtmStatus::NoMoreItems);
    EXPECT_EQ(num, 0u);
    EXPECT_EQ(a->reg->DeleteEnumHandle(e), RtmStatus::Success);
    num = 1;
    EXPECT_EQ(a->reg->GetEnumDests(e, num, batch), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteEnumHandle(e), RtmStatus::InvalidHandle);
}

TEST_F(RtmEnumTest, DestChangesBetweenBatches)
{
    for (int i = 1; i <= 9; ++i)
    {
        AddRoute(a, "10." + std::to_string(i * 10) + ".0.0/16", Route(100, 1, {nhA}));
    }
    RtmEnumHandle e;
    ASSERT_EQ(
        a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, e),
        RtmStatus::Success);
    Strings seen;
    auto next = [&](uint32_t n) {
        std::vector<RtmDestInfo> batch;
        uint32_t num = n;
        RtmStatus st = a->reg->GetEnumDests(e, num, batch);
        for (const auto& d : batch)
        {
            seen.push_back(d.destAddress.ToString());
        }
        return st;
    };
    ASSERT_EQ(next(3), RtmStatus::Success); // 10, 20, 30
    // Delete one already returned and one ahead; add one behind the cursor and one ahead;
    // change one ahead.
    RtmRouteInfo crit;
    RtmRouteHandle r20;
    ASSERT_EQ(a->reg->GetExactMatchRoute(Pfx("10.20.0.0/16"),
                                         RTM_MATCH_NONE,
                                         crit,
                                         0,
                                         RTM_VIEW_MASK_ANY,
                                         &r20),
              RtmStatus::Success);
    DelRoute(a, r20);
    RtmRouteHandle r50;
    ASSERT_EQ(a->reg->GetExactMatchRoute(Pfx("10.50.0.0/16"),
                                         RTM_MATCH_NONE,
                                         crit,
                                         0,
                                         RTM_VIEW_MASK_ANY,
                                         &r50),
              RtmStatus::Success);
    DelRoute(a, r50);
    AddRoute(a, "10.15.0.0/16", Route(100, 1, {nhA})); // behind: missed
    AddRoute(a, "10.75.0.0/16", Route(100, 1, {nhA})); // ahead: seen
    AddRoute(b, "10.60.0.0/16", Route(10, 1, {nhB}));  // a changed destination ahead
    ASSERT_EQ(next(3), RtmStatus::Success);
    ASSERT_EQ(next(3), RtmStatus::Success);
    EXPECT_EQ(next(3), RtmStatus::NoMoreItems);
    EXPECT_EQ(seen,
              (Strings{"10.10.0.0/16",
                       "10.20.0.0/16",
                       "10.30.0.0/16",
                       "10.40.0.0/16",
                       "10.60.0.0/16",
                       "10.70.0.0/16",
                       "10.75.0.0/16",
                       "10.80.0.0/16",
                       "10.90.0.0/16"}));
}

TEST_F(RtmEnumTest, DeletingTheCursorItem)
{
    std::vector<RtmRouteHandle> rs;
    for (int i = 1; i <= 6; ++i)
    {
        rs.push_back(AddRoute(a, "10." + std::to_string(i) + ".0.0/16", Route(100, 1, {nhA})));
    }
    RtmEnumHandle de;
    ASSERT_EQ(
        a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, de),
        RtmStatus::Success);
    RtmEnumHandle re = AllRoutesEnum();
    std::vector<RtmDestInfo> dests;
    std::vector<RtmRouteHandle> routes;
    uint32_t num = 3;
    ASSERT_EQ(a->reg->GetEnumDests(de, num, dests), RtmStatus::Success);
    num = 3;
    ASSERT_EQ(a->reg->GetEnumRoutes(re, num, routes), RtmStatus::Success);
    DelRoute(a, rs[2]); // the last item both enumerations returned; its destination goes
    num = 3;
    std::vector<RtmDestInfo> dests2;
    EXPECT_EQ(a->reg->GetEnumDests(de, num, dests2), RtmStatus::Success);
    EXPECT_EQ(Prefixes(dests2), (Strings{"10.4.0.0/16", "10.5.0.0/16", "10.6.0.0/16"}));
    num = 3;
    std::vector<RtmRouteHandle> routes2;
    EXPECT_EQ(a->reg->GetEnumRoutes(re, num, routes2), RtmStatus::Success);
    EXPECT_EQ(routes2, (std::vector<RtmRouteHandle>{rs[3], rs[4], rs[5]}));
}

TEST_F(RtmEnumTest, ThisProtocolInDestEnumeration)
{
    BuildTable();
    auto mine = AllDests(b, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, nullptr, RTM_THIS_PROTOCOL);
    ASSERT_EQ(mine.size(), 7u);
    for (const auto& d : mine)
    {
        const RtmViewInfo& v = d.viewInfo[0];
        if (d.destAddress == Pfx("0.0.0.0/0") || d.destAddress == Pfx("10.0.0.0/16"))
        {
            EXPECT_EQ(v.owner, b->Entity()) << d.destAddress;
        }
        else
        {
            EXPECT_TRUE(v.route.IsNull()) << d.destAddress;
        }
    }
}

TEST_F(RtmEnumTest, DestEnumErrors)
{
    BuildTable();
    RtmEnumHandle e;
    RtmNetAddress hostBits = Pfx("10.1.0.0/8");
    EXPECT_EQ(
        a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &hostBits, RTM_BEST_PROTOCOL, e),
        RtmStatus::InvalidParameter);
    RtmNetAddress v6 = Pfx("2001:db8::/32");
    EXPECT_EQ(a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &v6, RTM_BEST_PROTOCOL, e),
              RtmStatus::InvalidParameter);
    RtmNetAddress ok = Pfx("10.0.0.0/8");
    EXPECT_EQ(a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                     RTM_ENUM_NEXT | RTM_ENUM_RANGE,
                                     &ok,
                                     RTM_BEST_PROTOCOL,
                                     e),
              RtmStatus::InvalidParameter);
    EXPECT_EQ(a->reg->CreateDestEnum(0x4, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, e),
              RtmStatus::NotSupported);
    // Handles of another kind, another client, forged.
    RtmEnumHandle re = AllRoutesEnum();
    std::vector<RtmDestInfo> batch;
    uint32_t num = 1;
    EXPECT_EQ(a->reg->GetEnumDests(re, num, batch), RtmStatus::InvalidHandle);
    std::vector<RtmRouteHandle> routes;
    num = 1;
    EXPECT_ACCESS_DENIED(b->reg->GetEnumRoutes(re, num, routes));
    num = 1;
    EXPECT_EQ(a->reg->GetEnumRoutes(Forged(re), num, routes), RtmStatus::InvalidHandle);
    num = 1;
    EXPECT_EQ(a->reg->GetEnumDests(RtmEnumHandle(), num, batch), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteEnumHandle(RtmEnumHandle()), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteEnumHandle(Forged(re)), RtmStatus::InvalidHandle);
    TestClient* v6c = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6c, nullptr);
    RtmEnumHandle e6;
    ASSERT_EQ(
        v6c->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, e6),
        RtmStatus::Success);
    num = 1;
    EXPECT_EQ(a->reg->GetEnumDests(e6, num, batch), RtmStatus::InvalidHandle);
    // Nothing changed and the route enumeration still works.
    num = 3;
    routes.clear();
    EXPECT_EQ(a->reg->GetEnumRoutes(re, num, routes), RtmStatus::Success);
    EXPECT_EQ(num, 3u);
}

TEST_F(RtmEnumTest, RouteOrderViewsAndOwn)
{
    RtmRouteHandle a16 = AddRoute(a, "10.0.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmRouteHandle b16 = AddRoute(b, "10.0.0.0/16", Route(50, 1, {nhB}, kBoth));
    RtmRouteHandle a8 = AddRoute(a, "10.0.0.0/8", Route(100, 9, {nhA}, RTM_VIEW_MASK_MCAST));
    RtmRouteHandle b8 = AddRoute(b, "10.0.0.0/8", Route(100, 2, {nhB}, RTM_VIEW_MASK_UCAST));
    RtmRouteInfo second = Route(100, 5, {nhA2}, RTM_VIEW_MASK_UCAST);
    second.neighbour = nhA2;
    RtmRouteHandle a8b = AddRoute(a, "10.0.0.0/8", second);
    RtmRouteHandle b0 = AddRoute(b, "0.0.0.0/0", Route(100, 1, {nhB}, kBoth));
    using Rs = std::vector<RtmRouteHandle>;
    EXPECT_EQ(AllRoutes(a), (Rs{b0, b8, a8b, a8, b16, a16}));
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_UCAST), (Rs{b0, b8, a8b, b16, a16}));
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_MCAST), (Rs{b0, a8, b16}));
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ALL), (Rs{b0, b8, a8b, a8, b16, a16}));
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY, RTM_ENUM_OWN_ROUTES), (Rs{a8b, a8, a16}));
    EXPECT_EQ(AllRoutes(b, RTM_VIEW_MASK_MCAST, RTM_ENUM_OWN_ROUTES), (Rs{b0, b16}));
    // One destination.
    RtmDestHandle d8 = Info(a, a8).destHandle;
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, d8), (Rs{b8, a8b, a8}));
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_ROUTES, nullptr, d8), (Rs{a8b}));
    // Positions.
    RtmNetAddress from = Pfx("10.0.0.0/8");
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &from), (Rs{b8, a8b, a8, b16, a16}));
    RtmNetAddress range = Pfx("10.0.0.0/16");
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &range), (Rs{b16, a16}));
    // Matching criteria.
    RtmRouteInfo crit;
    crit.routeOwner = b->Entity();
    EXPECT_EQ(AllRoutes(a,
                        RTM_VIEW_MASK_ANY,
                        RTM_ENUM_START,
                        nullptr,
                        RtmDestHandle(),
                        RTM_MATCH_OWNER,
                        &crit),
              (Rs{b0, b8, b16}));
    EXPECT_EQ(AllRoutes(a,
                        RTM_VIEW_MASK_ANY,
                        RTM_ENUM_START,
                        nullptr,
                        RtmDestHandle(),
                        RTM_MATCH_INTERFACE,
                        nullptr,
                        2),
              (Rs{a8b}));
    crit = RtmRouteInfo();
    crit.nextHops = {nhA};
    EXPECT_EQ(AllRoutes(a,
                        RTM_VIEW_MASK_ANY,
                        RTM_ENUM_START,
                        nullptr,
                        RtmDestHandle(),
                        RTM_MATCH_NEXTHOP,
                        &crit),
              (Rs{a8, a16}));
    crit = RtmRouteInfo();
    crit.prefInfo.preference = 100;
    crit.prefInfo.metric = 1;
    EXPECT_EQ(AllRoutes(a,
                        RTM_VIEW_MASK_ANY,
                        RTM_ENUM_START,
                        nullptr,
                        RtmDestHandle(),
                        RTM_MATCH_PREF,
                        &crit),
              (Rs{b0, a16}));
}

TEST_F(RtmEnumTest, RouteBatchesAndChanges)
{
    std::vector<RtmRouteHandle> rs;
    for (int i = 1; i <= 8; ++i)
    {
        rs.push_back(AddRoute(a, "10." + std::to_string(i) + ".0.0/16", Route(100, 1, {nhA})));
    }
    RtmEnumHandle e = AllRoutesEnum();
    std::vector<RtmRouteHandle> seen;
    auto next = [&](uint32_t n, uint32_t* got = nullptr) {
        std::vector<RtmRouteHandle> batch;
        uint32_t num = n;
        RtmStatus st = a->reg->GetEnumRoutes(e, num, batch);
        if (st == RtmStatus::Success || st == RtmStatus::NoMoreItems)
        {
            EXPECT_EQ(num, batch.size());
        }
        if (got)
        {
            *got = num;
        }
        seen.insert(seen.end(), batch.begin(), batch.end());
        return st;
    };
    uint32_t got = 0;
    EXPECT_EQ(next(4, &got), RtmStatus::InvalidParameter);
    EXPECT_EQ(next(0, &got), RtmStatus::InvalidParameter);
    ASSERT_EQ(next(3, &got), RtmStatus::Success);
    EXPECT_EQ(got, 3u);
    DelRoute(a, rs[1]); // returned already
    DelRoute(a, rs[4]); // ahead: skipped
    ASSERT_EQ(next(3, &got), RtmStatus::Success);
    EXPECT_EQ(got, 3u);
    EXPECT_EQ(next(3, &got), RtmStatus::NoMoreItems);
    EXPECT_EQ(got, 1u);
    EXPECT_EQ(seen, (std::vector<RtmRouteHandle>{rs[0], rs[1], rs[2], rs[3], rs[5], rs[6], rs[7]}));
    EXPECT_EQ(a->reg->DeleteEnumHandle(e), RtmStatus::Success);
}

TEST_F(RtmEnumTest, RouteEnumSecondRouteOfSameDestinationAcrossBatches)
{
    // Three routes on one destination and one after it, read one at a time; the middle route is
    // deleted while the cursor is on the first: the others come exactly once.
    RtmRouteInfo i1 = Route(10, 1, {nhA});
    RtmRouteInfo i2 = Route(20, 1, {nhA2});
    i2.neighbour = nhA2;
    RtmRouteHandle r1 = AddRoute(a, "10.0.0.0/8", i1);
    RtmRouteHandle r2 = AddRoute(a, "10.0.0.0/8", i2);
    RtmRouteHandle r3 = AddRoute(b, "10.0.0.0/8", Route(30, 1, {nhB}));
    RtmRouteHandle r4 = AddRoute(b, "11.0.0.0/8", Route(30, 1, {nhB}));
    RtmEnumHandle e = AllRoutesEnum();
    std::vector<RtmRouteHandle> seen;
    ASSERT_EQ(NextRoute(e, seen), RtmStatus::Success);
    DelRoute(a, r2);
    for (int i = 0; i < 5 && NextRoute(e, seen) == RtmStatus::Success; ++i)
    {
    }
    EXPECT_EQ(seen, (std::vector<RtmRouteHandle>{r1, r3, r4}));
}

TEST_F(RtmEnumTest, RouteEnumAcrossRenumberingOfCreationOrder)
{
    // Routes tie on (preference, metric) and are ordered by creation (28 bits, decision 43). The
    // creation counter is made to overflow while an enumeration is under way: the routes are
    // renumbered and the cursor with them, so every route still comes once, in order.
    RtmTable<RtmIpv4Family>& t = inst->GetIpv4Table();
    t.SkipRouteSeq(1000); // live routes from order 1001 on: renumbering moves them
    RtmRouteHandle x1 = AddRoute(a, "10.0.0.0/8", Route(100, 1, {nhA}));
    RtmRouteHandle x2 = AddRoute(b, "10.0.0.0/8", Route(100, 1, {nhB}));
    RtmRouteHandle y1 = AddRoute(a, "11.0.0.0/8", Route(100, 1, {nhA}));
    RtmRouteHandle y2 = AddRoute(b, "11.0.0.0/8", Route(100, 1, {nhB}));
    RtmEnumHandle e = AllRoutesEnum();
    std::vector<RtmRouteHandle> seen;
    ASSERT_EQ(NextRoute(e, seen), RtmStatus::Success);
    t.SkipRouteSeq(0xFFFFFFFF);
    RtmRouteHandle z = AddRoute(a, "12.0.0.0/8", Route(100, 1, {nhA})); // renumbers
    RtmRouteInfo third = Route(100, 1, {nhA2});
    third.neighbour = nhA2;                               // a second route of a to 10/8
    RtmRouteHandle x3 = AddRoute(a, "10.0.0.0/8", third); // the newest: last of 10/8
    for (int i = 0; i < 10 && NextRoute(e, seen) == RtmStatus::Success; ++i)
    {
    }
    EXPECT_EQ(seen, (std::vector<RtmRouteHandle>{x1, x2, x3, y1, y2, z}));
    // The tie order survived: the oldest route of each destination is still its best.
    RtmViewSet views = 0;
    EXPECT_EQ(a->reg->IsBestRoute(x1, views), RtmStatus::Success);
    EXPECT_EQ(views, kBoth);
    EXPECT_EQ(a->reg->IsBestRoute(y1, views), RtmStatus::Success);
    EXPECT_EQ(views, kBoth);
    EXPECT_TRUE(t.CheckIndex());
    EXPECT_EQ(a->reg->DeleteEnumHandle(e), RtmStatus::Success);
}

TEST_F(RtmEnumTest, RouteEnumErrors)
{
    RtmRouteHandle r = AddRoute(a, "10.0.0.0/8", Route(100, 1, {nhA}));
    RtmDestHandle d = Info(a, r).destHandle;
    RtmEnumHandle e;
    EXPECT_EQ(
        a->reg->CreateRouteEnum(d, 0x4, RTM_ENUM_START, nullptr, RTM_MATCH_NONE, nullptr, 0, e),
        RtmStatus::NotSupported);
    EXPECT_EQ(a->reg->CreateRouteEnum(Forged(d),
                                      RTM_VIEW_MASK_ANY,
                                      RTM_ENUM_START,
                                      nullptr,
                                      RTM_MATCH_NONE,
                                      nullptr,
                                      0,
                                      e),
              RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->CreateRouteEnum(RtmDestHandle(),
                                      RTM_VIEW_MASK_ANY,
                                      RTM_ENUM_START,
                                      nullptr,
                                      RTM_MATCH_OWNER,
                                      nullptr,
                                      0,
                                      e),
              RtmStatus::InvalidParameter)
        << "criteria are needed with MATCH_OWNER";
    RtmNetAddress hostBits = Pfx("10.0.0.1/8");
    EXPECT_EQ(a->reg->CreateRouteEnum(RtmDestHandle(),
                                      RTM_VIEW_MASK_ANY,
                                      RTM_ENUM_RANGE,
                                      &hostBits,
                                      RTM_MATCH_NONE,
                                      nullptr,
                                      0,
                                      e),
              RtmStatus::InvalidParameter);
    RtmNetAddress ok = Pfx("10.0.0.0/8");
    EXPECT_EQ(a->reg->CreateRouteEnum(RtmDestHandle(),
                                      RTM_VIEW_MASK_ANY,
                                      RTM_ENUM_NEXT | RTM_ENUM_RANGE,
                                      &ok,
                                      RTM_MATCH_NONE,
                                      nullptr,
                                      0,
                                      e),
              RtmStatus::InvalidParameter);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmDestHandle d6 = Info(v6, AddRoute(v6, "2001:db8::/32", Route(100, 1))).destHandle;
    EXPECT_EQ(a->reg->CreateRouteEnum(d6,
                                      RTM_VIEW_MASK_ANY,
                                      RTM_ENUM_START,
                                      nullptr,
                                      RTM_MATCH_NONE,
                                      nullptr,
                                      0,
                                      e),
              RtmStatus::InvalidHandle);
}

TEST_F(RtmEnumTest, Ipv6Enumeration)
{
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    for (const char* p : {"2001:db8:1::/48",
                          "::/0",
                          "2001:db8::/32",
                          "fe80::/10",
                          "2001:db8::/48",
                          "2001:db8::1/128"})
    {
        AddRoute(v6, p, Route(100, 1));
    }
    EXPECT_EQ(Prefixes(AllDests(v6)),
              (Strings{"::/0",
                       "2001:db8::/32",
                       "2001:db8::/48",
                       "2001:db8::1/128",
                       "2001:db8:1::/48",
                       "fe80::/10"}));
    RtmNetAddress range = Pfx("2001:db8::/32");
    EXPECT_EQ(AllDests(v6, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &range).size(), 4u);
    EXPECT_TRUE(AllDests(a).empty()) << "the IPv4 table is another table";
}

} // namespace
