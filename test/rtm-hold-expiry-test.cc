/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of hold-down (RtmHoldDestination, decision 6) and route ageing (TTL and RouteExpired,
 * decision 7), in simulation time.
 */
#include "rtm-test-util.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmHoldTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        a = Register(kProtoA, 1);
        b = Register(kProtoB, 1);
        ASSERT_TRUE(a && b);
        nhA = AddNh(a, "10.255.0.1", 1);
        nhB = AddNh(b, "10.255.0.9", 2);
    }

    /// \return the destination's block of \p view (by handle)
    RtmViewInfo View(RtmDestHandle d, RtmViewId view)
    {
        RtmDestInfo info;
        EXPECT_EQ(a->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
                  RtmStatus::Success);
        return Block(info, view);
    }

    bool Alive(RtmDestHandle d)
    {
        RtmDestInfo info;
        return a->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info) ==
               RtmStatus::Success;
    }

    bool RouteAlive(RtmRouteHandle r)
    {
        RtmRouteInfo info;
        return a->reg->GetRouteInfo(r, &info) == RtmStatus::Success;
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
    RtmNextHopHandle nhA;
    RtmNextHopHandle nhB;
};

TEST_F(RtmHoldTest, DeletedLastRouteIsHeldInArmedViewsOnly)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, kBoth));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(b->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    RunFor(10);
    EXPECT_EQ(View(d, 0).route, r) << "arming holds nothing yet";
    EXPECT_TRUE(View(d, 0).holdRoute.IsNull());
    EXPECT_EQ(DelRoute(a, r), RTM_ROUTE_CHANGE_BEST);

    EXPECT_TRUE(View(d, 0).route.IsNull());
    EXPECT_EQ(View(d, 0).holdRoute, r);
    EXPECT_EQ(View(d, 0).numRoutes, 0u);
    EXPECT_TRUE(View(d, 1).route.IsNull());
    EXPECT_TRUE(View(d, 1).holdRoute.IsNull()) << "the multicast view was not armed";
    RtmRouteInfo info;
    ASSERT_EQ(b->reg->GetRouteInfo(r, &info), RtmStatus::Success);
    EXPECT_EQ(info.state, RTM_ROUTE_STATE_DELETED);
    RtmViewSet best = 0xff;
    ASSERT_EQ(a->reg->IsBestRoute(r, best), RtmStatus::Success);
    EXPECT_EQ(best, 0u);
    // Never forwarded through.
    RtmDestInfo fib;
    EXPECT_EQ(inst->Lookup(Pfx("10.1.0.1"), RTM_VIEW_ID_UCAST, fib), RtmStatus::NotFound);
    // Visible only with RTM_VIEW_MASK_ANY.
    RtmDestInfo q;
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST,
                                               q),
              RtmStatus::NotFound);
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ALL,
                                               q),
              RtmStatus::NotFound);
    EXPECT_EQ(a->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               q),
              RtmStatus::Success);
    EXPECT_EQ(a->reg->GetMostSpecificDestination(Pfx("10.1.0.1"),
                                                 RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST,
                                                 q),
              RtmStatus::NotFound);
    // A held route forwards nothing: the longest-match queries do not return its destination,
    // even with ANY (decision 26); the exact match above does.
    EXPECT_EQ(a->reg->GetMostSpecificDestination(Pfx("10.1.0.1"),
                                                 RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_ANY,
                                                 q),
              RtmStatus::NotFound);
    EXPECT_TRUE(AllDests(a, RTM_VIEW_MASK_UCAST).empty());
    EXPECT_EQ(Prefixes(AllDests(a, RTM_VIEW_MASK_ANY)), std::vector<std::string>{"10.1.0.0/16"});
    EXPECT_TRUE(AllRoutes(a, RTM_VIEW_MASK_UCAST).empty());
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY), std::vector<RtmRouteHandle>{r});
    RtmRouteInfo crit;
    EXPECT_EQ(a->reg->GetExactMatchRoute(Pfx("10.1.0.0/16"),
                                         RTM_MATCH_NONE,
                                         crit,
                                         0,
                                         RTM_VIEW_MASK_ANY,
                                         nullptr),
              RtmStatus::NotFound)
        << "exact-match route only returns live routes";

    // The hold ends 1000 ms after the deletion.
    RunFor(999);
    EXPECT_EQ(View(d, 0).holdRoute, r);
    RunFor(2);
    EXPECT_FALSE(RouteAlive(r));
    EXPECT_FALSE(Alive(d)) << "nothing keeps the destination any more";
    EXPECT_TRUE(AllDests(a, RTM_VIEW_MASK_ANY).empty());
}

TEST_F(RtmHoldTest, NewRoutesForwardButTheHoldRemains)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_ANY, 500), RtmStatus::Success);
    DelRoute(a, r);
    RunFor(100);
    RtmRouteHandle r2 = AddRoute(b, "10.1.0.0/16", Route(200, 5, {nhB}, RTM_VIEW_MASK_UCAST));
    EXPECT_EQ(Info(b, r2).destHandle, d) << "the held destination is reused";
    EXPECT_EQ(View(d, 0).route, r2);
    EXPECT_EQ(View(d, 0).holdRoute, r);
    EXPECT_EQ(View(d, 0).numRoutes, 1u);
    RtmDestInfo fib;
    ASSERT_EQ(inst->Lookup(Pfx("10.1.0.1"), RTM_VIEW_ID_UCAST, fib), RtmStatus::Success);
    EXPECT_EQ(Block(fib, RTM_VIEW_ID_UCAST).route, r2);
    // Held routes come after the live ones, with ANY only.
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_ANY), (std::vector<RtmRouteHandle>{r2, r}));
    EXPECT_EQ(AllRoutes(a, RTM_VIEW_MASK_UCAST), (std::vector<RtmRouteHandle>{r2}));
    RunFor(399);
    EXPECT_EQ(View(d, 0).holdRoute, r);
    RunFor(2);
    EXPECT_TRUE(View(d, 0).holdRoute.IsNull());
    EXPECT_EQ(View(d, 0).route, r2);
    EXPECT_FALSE(RouteAlive(r));
}

TEST_F(RtmHoldTest, HoldTimeIsTheLargestArmed)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 500), RtmStatus::Success);
    ASSERT_EQ(b->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 2000), RtmStatus::Success);
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 100), RtmStatus::Success);
    DelRoute(a, r);
    RunFor(1999);
    EXPECT_EQ(View(d, 0).holdRoute, r);
    RunFor(2);
    EXPECT_FALSE(RouteAlive(r));
}

TEST_F(RtmHoldTest, HoldTimeRestartsWithEachHold)
{
    // The largest time counts only since the last hold began.
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 2000), RtmStatus::Success);
    DelRoute(a, r);
    RtmRouteHandle r2 = AddRoute(b, "10.1.0.0/16", Route(100, 1, {nhB}, RTM_VIEW_MASK_UCAST));
    RunFor(2001);
    EXPECT_TRUE(View(d, 0).holdRoute.IsNull());
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 100), RtmStatus::Success);
    DelRoute(b, r2);
    EXPECT_EQ(View(d, 0).holdRoute, r2);
    RunFor(99);
    EXPECT_EQ(View(d, 0).holdRoute, r2);
    RunFor(2);
    EXPECT_FALSE(RouteAlive(r2));
}

TEST_F(RtmHoldTest, HoldDuringAHoldExtendsIt)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    DelRoute(a, r);
    RunFor(500);
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    RunFor(900); // 1400 after the deletion
    EXPECT_EQ(View(d, 0).holdRoute, r);
    RunFor(200); // 1600
    EXPECT_FALSE(RouteAlive(r));
}

TEST_F(RtmHoldTest, InfiniteHoldDuringAHoldExtendsItForever)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 100), RtmStatus::Success);
    DelRoute(a, r);
    RunFor(50);
    // "extends it to at least now + t": with t = RTM_INFINITE the hold no longer ends.
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, RTM_INFINITE), RtmStatus::Success);
    RunFor(100000);
    EXPECT_EQ(View(d, 0).holdRoute, r);
    // A shorter hold does not shorten it.
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 10), RtmStatus::Success);
    RunFor(1000);
    EXPECT_EQ(View(d, 0).holdRoute, r);
}

TEST_F(RtmHoldTest, ArmingIsConsumedAndANewerRouteReplacesTheHeldOne)
{
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, r1).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 10000), RtmStatus::Success);
    DelRoute(a, r1);
    RtmRouteHandle r2 = AddRoute(b, "10.1.0.0/16", Route(100, 1, {nhB}, RTM_VIEW_MASK_UCAST));
    DelRoute(b, r2); // not armed any more: simply deleted
    EXPECT_FALSE(RouteAlive(r2));
    EXPECT_EQ(View(d, 0).holdRoute, r1);
    // Re-armed: the next last route replaces the held one.
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 10000), RtmStatus::Success);
    RtmRouteHandle r3 = AddRoute(b, "10.1.0.0/16", Route(100, 1, {nhB}, RTM_VIEW_MASK_UCAST));
    DelRoute(b, r3);
    EXPECT_EQ(View(d, 0).holdRoute, r3);
    EXPECT_FALSE(RouteAlive(r1));
}

TEST_F(RtmHoldTest, OnlyTheLastRouteOfAViewIsHeld)
{
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_UCAST));
    RtmRouteHandle r2 = AddRoute(b, "10.1.0.0/16", Route(200, 1, {nhB}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Info(a, r1).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    DelRoute(a, r1);
    EXPECT_FALSE(RouteAlive(r1)) << "not the last route: deleted outright";
    EXPECT_TRUE(View(d, 0).holdRoute.IsNull());
    DelRoute(b, r2);
    EXPECT_EQ(View(d, 0).holdRoute, r2);
}

TEST_F(RtmHoldTest, InfiniteHold)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_MCAST));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_MCAST, RTM_INFINITE), RtmStatus::Success);
    DelRoute(a, r);
    RunFor(10000000);
    EXPECT_EQ(View(d, 1).holdRoute, r);
    EXPECT_TRUE(View(d, 0).holdRoute.IsNull());
}

TEST_F(RtmHoldTest, ExpiryAndDeregistrationAlsoHold)
{
    TestClient* silent = Register(kProtoC, 1, RTM_AF_INET, false); // no callback: RTM deletes
    ASSERT_NE(silent, nullptr);
    RtmRouteHandle r = AddRoute(silent, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST), 100);
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    RunFor(101);
    EXPECT_EQ(View(d, 0).holdRoute, r);
    RtmRouteHandle r2 = AddRoute(silent, "10.2.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d2 = Info(a, r2).destHandle;
    ASSERT_EQ(a->reg->HoldDestination(d2, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    ASSERT_EQ(silent->reg->Deregister(), RtmStatus::Success);
    EXPECT_EQ(View(d2, 0).holdRoute, r2);
}

class RtmExpiryTest : public RtmHoldTest
{
};

TEST_F(RtmExpiryTest, ExpiredGoesToTheOwnerWhichLetsRtmDelete)
{
    a->expiredReply = RtmStatus::NotSupported;
    RtmRouteInfo in = Route(100, 3, {nhA}, RTM_VIEW_MASK_UCAST);
    in.entitySpecificInfo = 42;
    Time added = Simulator::Now();
    Time firedAt;
    a->hook = [&](const RtmEvent& e) {
        firedAt = Simulator::Now();
        return e.type == RtmEventType::RouteExpired ? RtmStatus::NotSupported : RtmStatus::Success;
    };
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", in, 100);
    RtmRouteHandle rb = AddRoute(b, "10.1.0.0/16", Route(200, 1, {nhB}, RTM_VIEW_MASK_UCAST));
    Deliver();
    a->events.clear();
    b->events.clear();
    RunFor(99);
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 0u);
    EXPECT_TRUE(RouteAlive(r));
    RunFor(2);
    ASSERT_EQ(a->Count(RtmEventType::RouteExpired), 1u);
    RtmEvent e = a->Of(RtmEventType::RouteExpired)[0];
    EXPECT_EQ(e.route, r);
    EXPECT_EQ(e.routeInfo.entitySpecificInfo, 42u);
    EXPECT_EQ(e.routeInfo.prefInfo.metric, 3u);
    EXPECT_EQ(e.routeInfo.routeOwner, a->Entity());
    EXPECT_EQ(firedAt - added, MilliSeconds(100)) << "delivered from the TTL timer itself";
    EXPECT_EQ(b->Count(RtmEventType::RouteExpired), 0u) << "only the owner is told";
    EXPECT_FALSE(RouteAlive(r)) << "NotSupported: RTM deletes it";
    EXPECT_EQ(Best(a, "10.1.0.0/16"), rb);
}

TEST_F(RtmExpiryTest, HandledByTheClientTheRouteStays)
{
    a->expiredReply = RtmStatus::Success;
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 3, {nhA}), 100);
    RunFor(5000);
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 1u) << "the TTL fires once";
    EXPECT_TRUE(RouteAlive(r));
    EXPECT_EQ(Best(a, "10.1.0.0/16"), r);
}

TEST_F(RtmExpiryTest, NoCallbackRtmDeletes)
{
    TestClient* silent = Register(kProtoC, 1, RTM_AF_INET, false);
    ASSERT_NE(silent, nullptr);
    RtmRouteHandle r = AddRoute(silent, "10.1.0.0/16", Route(100, 3), 100);
    RunFor(99);
    EXPECT_TRUE(RouteAlive(r));
    RunFor(2);
    EXPECT_FALSE(RouteAlive(r));
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 0u);
}

TEST_F(RtmExpiryTest, ClientUpdatesTheRouteInsideTheCallback)
{
    RtmRouteHandle r;
    a->hook = [&](const RtmEvent& e) {
        if (e.type != RtmEventType::RouteExpired)
        {
            return RtmStatus::Success;
        }
        RtmRouteInfo info = e.routeInfo;
        info.prefInfo.metric = 16;
        uint32_t cf = 0;
        EXPECT_EQ(a->reg->UpdateRoute(e.route, info, RTM_INFINITE, RtmRouteListHandle(), cf),
                  RtmStatus::Success);
        return RtmStatus::Success;
    };
    r = AddRoute(a, "10.1.0.0/16", Route(100, 3, {nhA}), 100);
    RunFor(5000);
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 1u);
    ASSERT_TRUE(RouteAlive(r));
    EXPECT_EQ(Info(a, r).prefInfo.metric, 16u);
}

TEST_F(RtmExpiryTest, ClientDeletesTheRouteInsideTheCallback)
{
    a->hook = [&](const RtmEvent& e) {
        if (e.type == RtmEventType::RouteExpired)
        {
            uint32_t cf = 0;
            EXPECT_EQ(a->reg->DeleteRouteToDest(e.route, cf), RtmStatus::Success);
        }
        return RtmStatus::Success;
    };
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 3, {nhA}), 100);
    RunFor(200);
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 1u);
    EXPECT_FALSE(RouteAlive(r));
}

TEST_F(RtmExpiryTest, UpdatesRestartTheTtl)
{
    a->expiredReply = RtmStatus::NotSupported;
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 3, {nhA}), 100);
    RunFor(60);
    uint32_t cf = 0;
    ASSERT_EQ(a->reg->UpdateRoute(r, Route(100, 3, {nhA}), 100, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    RunFor(60); // 120: the first TTL would have run out
    EXPECT_TRUE(RouteAlive(r));
    // A re-advertisement by neighbour match restarts it too, with its own TTL.
    RtmRouteHandle same = AddRoute(a, "10.1.0.0/16", Route(100, 3, {nhA}), 300);
    EXPECT_EQ(same, r);
    RunFor(250); // 370
    EXPECT_TRUE(RouteAlive(r));
    RunFor(60); // 430 > 120 + 300
    EXPECT_FALSE(RouteAlive(r));
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 1u);
}

TEST_F(RtmExpiryTest, InfiniteStopsAgeing)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 3, {nhA}), 100);
    uint32_t cf = 0;
    ASSERT_EQ(a->reg->UpdateRoute(r, Route(100, 4, {nhA}), RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    RunFor(100000);
    EXPECT_TRUE(RouteAlive(r));
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 0u);
}

TEST_F(RtmExpiryTest, DeletedRouteDoesNotExpire)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 3, {nhA}), 100);
    DelRoute(a, r);
    RunFor(1000);
    EXPECT_EQ(a->Count(RtmEventType::RouteExpired), 0u);
}

} // namespace
