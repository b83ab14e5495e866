/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the change-notification calls at the API level: RegisterForChangeNotification (flags,
 * views, the MaxNotifyRegistrations cap), GetChangedDests (counts, NoMoreItems), GetChangeStatus,
 * IgnoreChangedDests, Mark/IsMarkedForChangeNotification, DeregisterFromChangeNotification, and
 * the destination lifetime of decision 8. The exact event and notification streams are checked
 * with the mock client in rtm-notify-stream-test.cc.
 */
#include "rtm-test-util.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmNotifyTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        a = Register(kProtoA, 1);
        b = Register(kProtoB, 1, RTM_AF_INET, true, true); // with an opaque slot
        ASSERT_TRUE(a && b);
        nhA = AddNh(a, "10.255.0.1", 1);
    }

    RtmNotifyHandle Notify(TestClient* c,
                           uint32_t flags = RTM_CHANGE_TYPE_ALL,
                           RtmViewSet views = RTM_VIEW_MASK_ANY,
                           uint64_t context = 0)
    {
        RtmNotifyHandle n;
        EXPECT_EQ(c->reg->RegisterForChangeNotification(views, flags, context, n),
                  RtmStatus::Success);
        EXPECT_FALSE(n.IsNull());
        return n;
    }

    /// Pull everything pending; \return the prefixes (sorted)
    std::vector<std::string> Pull(TestClient* c, RtmNotifyHandle n)
    {
        std::vector<std::string> out;
        for (int i = 0; i < 1000; ++i)
        {
            uint32_t num = c->profile.maxHandlesInEnum;
            std::vector<RtmDestInfo> batch;
            RtmStatus st = c->reg->GetChangedDests(n, num, batch);
            EXPECT_TRUE(st == RtmStatus::Success || st == RtmStatus::NoMoreItems) << st;
            EXPECT_EQ(num, batch.size());
            for (const auto& d : batch)
            {
                out.push_back(d.destAddress.ToString());
            }
            if (st != RtmStatus::Success)
            {
                break;
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    bool Pending(TestClient* c, RtmNotifyHandle n, RtmDestHandle d)
    {
        bool p = false;
        EXPECT_EQ(c->reg->GetChangeStatus(n, d, p), RtmStatus::Success);
        return p;
    }

    bool Alive(RtmDestHandle d)
    {
        RtmDestInfo info;
        return a->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info) ==
               RtmStatus::Success;
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
    RtmNextHopHandle nhA;
};

using Strings = std::vector<std::string>;

TEST_F(RtmNotifyTest, RegisterErrors)
{
    RtmNotifyHandle n;
    EXPECT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, 0, 0, n),
              RtmStatus::InvalidParameter)
        << "at least one change type";
    EXPECT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY,
                                                    RTM_NOTIFY_ONLY_MARKED_DESTS,
                                                    0,
                                                    n),
              RtmStatus::InvalidParameter);
    EXPECT_EQ(a->reg->RegisterForChangeNotification(0x4, RTM_CHANGE_TYPE_ALL, 0, n),
              RtmStatus::NotSupported);
    // Every valid combination works.
    for (uint32_t t = 1; t <= 7; ++t)
    {
        Notify(a, t, RTM_VIEW_MASK_UCAST);
        Notify(a, t | RTM_NOTIFY_ONLY_MARKED_DESTS, RTM_VIEW_MASK_ALL);
    }
}

TEST_F(RtmNotifyTest, RegistrationCapIsTableWide)
{
    std::vector<RtmNotifyHandle> hs;
    for (int i = 0; i < 31; ++i)
    {
        hs.push_back(Notify(a));
    }
    hs.push_back(Notify(b)); // the 32nd
    RtmNotifyHandle n;
    EXPECT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, n),
              RtmStatus::NoSystemResources);
    EXPECT_EQ(b->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_BEST, 0, n),
              RtmStatus::NoSystemResources);
    // The IPv6 table has its own cap.
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    Notify(v6);
    // Dropping one makes room for one.
    EXPECT_EQ(a->reg->DeregisterFromChangeNotification(hs[3]), RtmStatus::Success);
    Notify(b);
    EXPECT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, n),
              RtmStatus::NoSystemResources);
}

TEST_F(RtmNotifyTest, CapAttribute)
{
    Ptr<RtmInstance> small = NewInstance();
    small->SetAttribute("MaxNotifyRegistrations", UintegerValue(1));
    TestClient* c = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, small);
    ASSERT_NE(c, nullptr);
    Notify(c);
    RtmNotifyHandle n;
    EXPECT_EQ(c->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, n),
              RtmStatus::NoSystemResources);
}

TEST_F(RtmNotifyTest, GetChangedDestsCounts)
{
    RtmNotifyHandle n = Notify(b);
    std::vector<RtmDestInfo> batch;
    uint32_t num = 5;
    EXPECT_EQ(b->reg->GetChangedDests(n, num, batch), RtmStatus::NoMoreItems);
    EXPECT_EQ(num, 0u) << "nothing pending";
    for (int i = 1; i <= 3; ++i)
    {
        AddRoute(a, "10." + std::to_string(i) + ".0.0/16", Route(100, 1, {nhA}));
    }
    num = 0;
    EXPECT_EQ(b->reg->GetChangedDests(n, num, batch), RtmStatus::InvalidParameter);
    num = b->profile.maxHandlesInEnum + 1;
    EXPECT_EQ(b->reg->GetChangedDests(n, num, batch), RtmStatus::InvalidParameter);
    num = 2;
    batch.clear();
    EXPECT_EQ(b->reg->GetChangedDests(n, num, batch), RtmStatus::Success);
    EXPECT_EQ(num, 2u);
    EXPECT_EQ(batch.size(), 2u);
    num = 2;
    batch.clear();
    EXPECT_EQ(b->reg->GetChangedDests(n, num, batch), RtmStatus::NoMoreItems)
        << "the last short batch comes with NoMoreItems";
    EXPECT_EQ(num, 1u);
    EXPECT_EQ(batch.size(), 1u);
    num = 2;
    batch.clear();
    EXPECT_EQ(b->reg->GetChangedDests(n, num, batch), RtmStatus::NoMoreItems);
    EXPECT_EQ(num, 0u);
}

TEST_F(RtmNotifyTest, BadNotifyHandles)
{
    RtmNotifyHandle n = Notify(b);
    RtmNotifyHandle mine = Notify(a);
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d = Info(a, r).destHandle;
    RtmNotifyHandle dropped = Notify(b);
    ASSERT_EQ(b->reg->DeregisterFromChangeNotification(dropped), RtmStatus::Success);
    EXPECT_EQ(b->reg->DeregisterFromChangeNotification(dropped), RtmStatus::InvalidHandle);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmNotifyHandle n6 = Notify(v6);
    std::vector<RtmDestInfo> batch;
    bool flag = false;
    for (RtmNotifyHandle bad : {RtmNotifyHandle(), dropped, Forged(n), WrongGen(n), n6})
    {
        uint32_t num = 1;
        EXPECT_EQ(b->reg->GetChangedDests(bad, num, batch), RtmStatus::InvalidHandle) << bad;
        EXPECT_EQ(b->reg->GetChangeStatus(bad, d, flag), RtmStatus::InvalidHandle) << bad;
        EXPECT_EQ(b->reg->IgnoreChangedDests(bad, {d}), RtmStatus::InvalidHandle) << bad;
        EXPECT_EQ(b->reg->MarkDestForChangeNotification(bad, d, true), RtmStatus::InvalidHandle)
            << bad;
        EXPECT_EQ(b->reg->IsMarkedForChangeNotification(bad, d, flag), RtmStatus::InvalidHandle)
            << bad;
        EXPECT_EQ(b->reg->DeregisterFromChangeNotification(bad), RtmStatus::InvalidHandle) << bad;
    }
    // Another client's registration.
    uint32_t num = 1;
    EXPECT_ACCESS_DENIED(b->reg->GetChangedDests(mine, num, batch));
    EXPECT_ACCESS_DENIED(b->reg->MarkDestForChangeNotification(mine, d, true));
    EXPECT_ACCESS_DENIED(b->reg->DeregisterFromChangeNotification(mine));
    bool marked = true;
    ASSERT_EQ(a->reg->IsMarkedForChangeNotification(mine, d, marked), RtmStatus::Success);
    EXPECT_FALSE(marked);
    EXPECT_TRUE(Pending(a, mine, d)) << "a's registration still works";
    // Bad destination handles.
    for (RtmDestHandle bad : {RtmDestHandle(), Forged(d), WrongGen(d)})
    {
        EXPECT_EQ(b->reg->GetChangeStatus(n, bad, flag), RtmStatus::InvalidHandle);
        EXPECT_EQ(b->reg->MarkDestForChangeNotification(n, bad, true), RtmStatus::InvalidHandle);
        EXPECT_EQ(b->reg->IsMarkedForChangeNotification(n, bad, flag), RtmStatus::InvalidHandle);
    }
}

TEST_F(RtmNotifyTest, ChangeStatusAndIgnore)
{
    RtmNotifyHandle n = Notify(b);
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmRouteHandle r2 = AddRoute(a, "10.2.0.0/16", Route(100, 1, {nhA}));
    RtmRouteHandle r3 = AddRoute(a, "10.3.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d1 = Info(a, r1).destHandle;
    RtmDestHandle d2 = Info(a, r2).destHandle;
    RtmDestHandle d3 = Info(a, r3).destHandle;
    EXPECT_TRUE(Pending(b, n, d1));
    EXPECT_TRUE(Pending(b, n, d2));
    // Ignore two of them, one bad handle in the middle: InvalidHandle, the others processed.
    EXPECT_EQ(b->reg->IgnoreChangedDests(n, {d1, Forged(d2), d2}), RtmStatus::InvalidHandle);
    EXPECT_FALSE(Pending(b, n, d1));
    EXPECT_FALSE(Pending(b, n, d2));
    EXPECT_TRUE(Pending(b, n, d3));
    EXPECT_EQ(Pull(b, n), (Strings{"10.3.0.0/16"}));
    EXPECT_FALSE(Pending(b, n, d3));
    // A later change queues it again.
    uint32_t cf = 0;
    ASSERT_EQ(a->reg->UpdateRoute(r1, Route(100, 2, {nhA}), RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    EXPECT_TRUE(Pending(b, n, d1));
    EXPECT_EQ(b->reg->IgnoreChangedDests(n, {d1}), RtmStatus::Success);
    EXPECT_EQ(b->reg->IgnoreChangedDests(n, {d1}), RtmStatus::Success) << "nothing pending: fine";
    EXPECT_TRUE(Pull(b, n).empty());
}

TEST_F(RtmNotifyTest, MarksBelongToEachRegistration)
{
    RtmNotifyHandle marked = Notify(b, RTM_CHANGE_TYPE_ALL | RTM_NOTIFY_ONLY_MARKED_DESTS);
    RtmNotifyHandle other = Notify(b, RTM_CHANGE_TYPE_ALL | RTM_NOTIFY_ONLY_MARKED_DESTS);
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmRouteHandle r2 = AddRoute(a, "10.2.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d1 = Info(a, r1).destHandle;
    EXPECT_TRUE(Pull(b, marked).empty()) << "nothing is marked yet";
    bool m = true;
    ASSERT_EQ(b->reg->IsMarkedForChangeNotification(marked, d1, m), RtmStatus::Success);
    EXPECT_FALSE(m);
    ASSERT_EQ(b->reg->MarkDestForChangeNotification(marked, d1, true), RtmStatus::Success);
    ASSERT_EQ(b->reg->IsMarkedForChangeNotification(marked, d1, m), RtmStatus::Success);
    EXPECT_TRUE(m);
    ASSERT_EQ(b->reg->IsMarkedForChangeNotification(other, d1, m), RtmStatus::Success);
    EXPECT_FALSE(m) << "marks belong to each registration";
    EXPECT_TRUE(Pull(b, marked).empty()) << "marking queues nothing";
    uint32_t cf = 0;
    ASSERT_EQ(a->reg->UpdateRoute(r1, Route(100, 2, {nhA}), RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    ASSERT_EQ(a->reg->UpdateRoute(r2, Route(100, 2, {nhA}), RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    EXPECT_EQ(Pull(b, marked), (Strings{"10.1.0.0/16"}));
    EXPECT_TRUE(Pull(b, other).empty());
    ASSERT_EQ(b->reg->MarkDestForChangeNotification(marked, d1, false), RtmStatus::Success);
    ASSERT_EQ(b->reg->IsMarkedForChangeNotification(marked, d1, m), RtmStatus::Success);
    EXPECT_FALSE(m);
    ASSERT_EQ(a->reg->UpdateRoute(r1, Route(100, 3, {nhA}), RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    EXPECT_TRUE(Pull(b, marked).empty());
}

TEST_F(RtmNotifyTest, DeregisterDropsPending)
{
    RtmNotifyHandle n = Notify(b);
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d = Info(a, r).destHandle;
    DelRoute(a, r);
    EXPECT_TRUE(Alive(d)) << "kept while its deletion is pending for n";
    ASSERT_EQ(b->reg->DeregisterFromChangeNotification(n), RtmStatus::Success);
    EXPECT_FALSE(Alive(d)) << "nothing keeps it any more";
    Deliver();
    EXPECT_EQ(b->Count(RtmEventType::ChangeNotification), 0u)
        << "a signal for a registration that is gone is not delivered";
}

// Decision 8: a destination lives while it has live or held routes, pending changes, marks or
// non-zero opaque values; without routes it is reachable only by handle.
TEST_F(RtmNotifyTest, DestinationLifetimeMarked)
{
    RtmNotifyHandle n = Notify(b, RTM_CHANGE_TYPE_BEST | RTM_NOTIFY_ONLY_MARKED_DESTS);
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(b->reg->MarkDestForChangeNotification(n, d, true), RtmStatus::Success);
    DelRoute(a, r);
    EXPECT_EQ(Pull(b, n), (Strings{"10.1.0.0/16"}));
    ASSERT_TRUE(Alive(d)) << "marked: kept";
    RtmDestInfo info;
    ASSERT_EQ(b->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success);
    EXPECT_EQ(info.destAddress, Pfx("10.1.0.0/16"));
    EXPECT_EQ(Block(info, 0).numRoutes, 0u);
    EXPECT_TRUE(Block(info, 0).route.IsNull());
    EXPECT_EQ(info.belongsToViews, 0u);
    // Invisible to prefix queries and enumerations.
    EXPECT_EQ(b->reg->GetExactMatchDestination(Pfx("10.1.0.0/16"),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY,
                                               info),
              RtmStatus::NotFound);
    EXPECT_EQ(b->reg->GetMostSpecificDestination(Pfx("10.1.0.1"),
                                                 RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_ANY,
                                                 info),
              RtmStatus::NotFound);
    EXPECT_TRUE(AllDests(b).empty());
    // A route coming back while it is kept returns to the same destination, and the marked
    // registration hears of it.
    RtmRouteHandle back = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    EXPECT_EQ(Info(a, back).destHandle, d);
    EXPECT_EQ(Pull(b, n), (Strings{"10.1.0.0/16"}));
    DelRoute(a, back);
    EXPECT_EQ(Pull(b, n), (Strings{"10.1.0.0/16"}));
    // Unmarked: freed.
    ASSERT_EQ(b->reg->MarkDestForChangeNotification(n, d, false), RtmStatus::Success);
    EXPECT_FALSE(Alive(d));
    RtmRouteHandle fresh = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    EXPECT_NE(Info(a, fresh).destHandle, d) << "a freed destination is not reused";
}

TEST_F(RtmNotifyTest, DestinationLifetimePendingInEveryRegistration)
{
    RtmNotifyHandle n1 = Notify(b);
    RtmNotifyHandle n2 = Notify(a, RTM_CHANGE_TYPE_BEST);
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d = Info(a, r).destHandle;
    DelRoute(a, r);
    EXPECT_TRUE(Alive(d));
    EXPECT_EQ(Pull(b, n1), (Strings{"10.1.0.0/16"}));
    EXPECT_TRUE(Alive(d)) << "still pending for n2";
    EXPECT_TRUE(Pending(a, n2, d));
    EXPECT_EQ(a->reg->IgnoreChangedDests(n2, {d}), RtmStatus::Success);
    EXPECT_FALSE(Alive(d));
}

TEST_F(RtmNotifyTest, DestinationLifetimeOpaqueValue)
{
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(b->reg->SetOpaquePointer(d, 77), RtmStatus::Success);
    DelRoute(a, r);
    ASSERT_TRUE(Alive(d));
    uint64_t v = 0;
    ASSERT_EQ(b->reg->GetOpaquePointer(d, v), RtmStatus::Success);
    EXPECT_EQ(v, 77u);
    ASSERT_EQ(b->reg->SetOpaquePointer(d, 0), RtmStatus::Success);
    EXPECT_FALSE(Alive(d));
    EXPECT_EQ(b->reg->GetOpaquePointer(d, v), RtmStatus::InvalidHandle);
}

TEST_F(RtmNotifyTest, DeregisteringANotificationDropsItsMarks)
{
    RtmNotifyHandle n = Notify(b, RTM_CHANGE_TYPE_ALL | RTM_NOTIFY_ONLY_MARKED_DESTS);
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}));
    RtmDestHandle d = Info(a, r).destHandle;
    ASSERT_EQ(b->reg->MarkDestForChangeNotification(n, d, true), RtmStatus::Success);
    DelRoute(a, r);
    EXPECT_EQ(Pull(b, n), (Strings{"10.1.0.0/16"}));
    ASSERT_TRUE(Alive(d)) << "marked";
    ASSERT_EQ(b->reg->DeregisterFromChangeNotification(n), RtmStatus::Success);
    EXPECT_FALSE(Alive(d)) << "its mark went with the registration";
}

TEST_F(RtmNotifyTest, AllViewsRegistrationReportsEverySupportedView)
{
    RtmNotifyHandle n = Notify(b, RTM_CHANGE_TYPE_ALL, RTM_VIEW_MASK_ALL);
    RtmNotifyHandle any = Notify(b, RTM_CHANGE_TYPE_ALL, RTM_VIEW_MASK_ANY);
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nhA}, RTM_VIEW_MASK_MCAST));
    for (RtmNotifyHandle h : {n, any})
    {
        uint32_t num = 10;
        std::vector<RtmDestInfo> got;
        EXPECT_EQ(b->reg->GetChangedDests(h, num, got), RtmStatus::NoMoreItems);
        ASSERT_EQ(got.size(), 1u);
        ASSERT_EQ(got[0].viewInfo.size(), 2u);
        EXPECT_EQ(got[0].viewInfo[0].viewId, RTM_VIEW_ID_UCAST);
        EXPECT_TRUE(got[0].viewInfo[0].route.IsNull());
        EXPECT_EQ(got[0].viewInfo[1].viewId, RTM_VIEW_ID_MCAST);
        EXPECT_EQ(got[0].viewInfo[1].route, r);
        EXPECT_EQ(got[0].belongsToViews, RTM_VIEW_MASK_MCAST);
    }
}

} // namespace
