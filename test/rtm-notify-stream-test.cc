/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Exact event and change-notification streams, checked with the scripted mock client
 * (rtm-mock-client.h): coalescing and signalling (decision 3), BEST / FORWARDING / ALL
 * (decision 2), view filters and marked destinations (doc/rtm-spec.rst §3.3), GetChangeStatus and
 * IgnoreChangedDests, the report of a deleted destination (decision 4), expiry (decision 7),
 * hold-down (decisions 5 and 6), next-hop edits (decision 5) and the (de)registration events.
 */
#include "rtm-mock-client.h"
#include "rtm-test-util.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

const RtmRouteHandle kNone;

class RtmNotifyStreamTest : public RtmTest
{
  protected:
    void TearDown() override
    {
        RtmTest::TearDown();
        mocks.clear(); // after Simulator::Destroy: nothing is delivered any more
    }

    /**
     * Register a mock client; every mock already registered with a callback must receive
     * exactly one EntityRegistered for it, and the new one nothing.
     */
    RtmMockClient* Join(const std::string& name,
                        uint32_t protocol,
                        uint32_t instanceId = 1,
                        bool withCallback = true)
    {
        auto m = std::make_unique<RtmMockClient>(inst, name, protocol, instanceId, withCallback);
        for (std::size_t i = 0; i < mocks.size(); ++i)
        {
            if (withCb[i])
            {
                mocks[i]->ExpectRegistered(m->Entity());
            }
        }
        mocks.push_back(std::move(m));
        withCb.push_back(withCallback);
        Deliver();
        VerifyAllEvents("join " + name);
        return mocks.back().get();
    }

    void VerifyAllEvents(const std::string& where)
    {
        for (auto& m : mocks)
        {
            m->VerifyEvents(where);
        }
    }

    RtmNextHopHandle Nh(RtmMockClient* c, const std::string& address, uint32_t itf)
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = Pfx(address);
        nh.interfaceIndex = itf;
        RtmNextHopHandle h;
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->AddNextHop(nh, h, flags), RtmStatus::Success);
        return h;
    }

    RtmRouteHandle Add(RtmMockClient* c,
                       const std::string& prefix,
                       const RtmRouteInfo& info,
                       uint32_t ttl = RTM_INFINITE)
    {
        RtmRouteHandle r;
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->AddRouteToDest(r, Pfx(prefix), info, ttl, RtmRouteListHandle(), flags),
                  RtmStatus::Success)
            << prefix;
        return r;
    }

    void Update(RtmMockClient* c, RtmRouteHandle r, const RtmRouteInfo& info)
    {
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->UpdateRoute(r, info, RTM_INFINITE, RtmRouteListHandle(), flags),
                  RtmStatus::Success);
    }

    void Delete(RtmMockClient* c, RtmRouteHandle r)
    {
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->DeleteRouteToDest(r, flags), RtmStatus::Success);
    }

    RtmRouteInfo Get(RtmMockClient* c, RtmRouteHandle r)
    {
        RtmRouteInfo info;
        EXPECT_EQ(c->reg->GetRouteInfo(r, &info), RtmStatus::Success);
        return info;
    }

    std::vector<std::unique_ptr<RtmMockClient>> mocks; //!< every mock
    std::vector<bool> withCb;                          //!< whether each has a callback
};

TEST_F(RtmNotifyStreamTest, RegistrationEventsGoToTheOthersOnly)
{
    RtmMockClient* a = Join("a", kProtoA);
    RtmMockClient* b = Join("b", kProtoB);
    RtmMockClient* quiet = Join("quiet", kProtoC, 1, false);
    RtmMockClient* c = Join("c", kProtoC, 2);
    // Another family's clients are not told.
    RtmMockClient v6(inst, "v6", kProtoA, 1, true, RTM_AF_INET6);
    Deliver();
    VerifyAllEvents("v6 registered");

    RtmEntityHandle bh = b->Entity();
    a->ExpectDeregistered(bh);
    c->ExpectDeregistered(bh);
    ASSERT_EQ(b->reg->Deregister(), RtmStatus::Success);
    Deliver();
    VerifyAllEvents("b left");
    RtmEntityHandle qh = quiet->Entity();
    a->ExpectDeregistered(qh);
    c->ExpectDeregistered(qh);
    ASSERT_EQ(quiet->reg->Deregister(), RtmStatus::Success);
    Deliver();
    VerifyAllEvents("quiet left");
    v6.VerifyEvents("v6");
}

TEST_F(RtmNotifyStreamTest, CoalescingAndSignalling)
{
    RtmMockClient* owner = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 7);
    RtmNextHopHandle nh = Nh(owner, "10.255.0.1", 1);
    RtmRouteHandle r = Add(owner, "10.1.0.0/16", Route(100, 1, {nh}, RTM_VIEW_MASK_UCAST));
    for (uint32_t m = 2; m <= 10; ++m)
    {
        Update(owner, r, Route(100, m, {nh}, RTM_VIEW_MASK_UCAST));
    }
    // Ten changes: one signal, one record with the final state.
    w->ExpectChangeNotification(n, 7);
    Deliver();
    w->VerifyEvents("ten changes");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, r).View(1, 0, kNone);
    w->VerifyChanges(n, "ten changes");
    EXPECT_EQ(Get(owner, r).prefInfo.metric, 10u);
    Deliver();
    w->VerifyEvents("nothing more");

    // Drained: the next change signals again.
    Update(owner, r, Route(100, 11, {nh}, RTM_VIEW_MASK_UCAST));
    w->ExpectChangeNotification(n, 7);
    Deliver();
    w->VerifyEvents("after drain");
    // Not drained: further changes, even to other destinations, do not signal.
    RtmRouteHandle r2 = Add(owner, "10.2.0.0/16", Route(100, 1, {nh}, RTM_VIEW_MASK_UCAST));
    Deliver();
    w->VerifyEvents("not drained");
    // A partial pull does not empty the set: still no signal.
    uint32_t num = 1;
    std::vector<RtmDestInfo> first;
    ASSERT_EQ(w->reg->GetChangedDests(n, num, first), RtmStatus::Success);
    ASSERT_EQ(num, 1u);
    Update(owner, r2, Route(100, 2, {nh}, RTM_VIEW_MASK_UCAST));
    Deliver();
    w->VerifyEvents("partially drained");
    if (first[0].destAddress == Pfx("10.2.0.0/16"))
    {
        w->ExpectDest(n, "10.1.0.0/16").View(0, 1, r).View(1, 0, kNone);
    }
    w->ExpectDest(n, "10.2.0.0/16").View(0, 1, r2).View(1, 0, kNone);
    w->VerifyChanges(n, "rest");
    // A signal whose set is emptied before delivery is dropped.
    Update(owner, r2, Route(100, 3, {nh}, RTM_VIEW_MASK_UCAST));
    w->ExpectDest(n, "10.2.0.0/16").View(0, 1, r2).View(1, 0, kNone);
    w->VerifyChanges(n, "pulled before delivery");
    Deliver();
    w->VerifyEvents("dropped signal");
    // Same with IgnoreChangedDests.
    Update(owner, r2, Route(100, 4, {nh}, RTM_VIEW_MASK_UCAST));
    bool pending = false;
    ASSERT_EQ(w->reg->GetChangeStatus(n, Get(owner, r2).destHandle, pending), RtmStatus::Success);
    EXPECT_TRUE(pending);
    ASSERT_EQ(w->reg->IgnoreChangedDests(n, {Get(owner, r2).destHandle}), RtmStatus::Success);
    ASSERT_EQ(w->reg->GetChangeStatus(n, Get(owner, r2).destHandle, pending), RtmStatus::Success);
    EXPECT_FALSE(pending);
    Deliver();
    w->VerifyEvents("ignored before delivery");
    w->VerifyNoChanges(n, "ignored");
    // And the next change signals again.
    Update(owner, r2, Route(100, 5, {nh}, RTM_VIEW_MASK_UCAST));
    w->ExpectChangeNotification(n, 7);
    Deliver();
    w->VerifyEvents("after ignore");
    w->ExpectDest(n, "10.2.0.0/16").View(0, 1, r2).View(1, 0, kNone);
    w->VerifyChanges(n, "after ignore");
}

TEST_F(RtmNotifyStreamTest, EachRegistrationSignalsWithItsOwnContext)
{
    RtmMockClient* owner = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmNotifyHandle n1 = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 11);
    RtmNotifyHandle n2 = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, 22);
    RtmNotifyHandle n3 = w->Subscribe(RTM_VIEW_MASK_MCAST, RTM_CHANGE_TYPE_ALL, 33);
    RtmRouteHandle r = Add(owner, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    w->ExpectChangeNotification(n1, 11).ExpectChangeNotification(n2, 22);
    Deliver();
    w->VerifyEvents("two registrations");
    w->ExpectDest(n1, "10.1.0.0/16").View(0, 1, r);
    w->VerifyChanges(n1);
    w->ExpectDest(n2, "10.1.0.0/16").View(0, 1, r);
    w->VerifyChanges(n2);
    w->VerifyNoChanges(n3);
}

class RtmChangeTypeTest : public RtmNotifyStreamTest
{
  protected:
    void SetUp() override
    {
        RtmNotifyStreamTest::SetUp();
        b = Join("b", kProtoB);
        c = Join("c", kProtoC);
        wAll = Join("all", kProtoA, 1);
        wBest = Join("best", kProtoA, 2);
        wFwd = Join("fwd", kProtoA, 3);
        nb1 = Nh(b, "10.255.0.1", 1);
        nb2 = Nh(b, "10.255.0.2", 2);
        nc = Nh(c, "10.255.0.3", 3);
        rbInfo = Route(100, 1, {nb1}, RTM_VIEW_MASK_UCAST);
        rb = Add(b, "10.1.0.0/16", rbInfo);
        rc = Add(c, "10.1.0.0/16", Route(200, 1, {nc}, RTM_VIEW_MASK_UCAST));
        nAll = wAll->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 1);
        nBest = wBest->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, 2);
        nFwd = wFwd->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_FORWARDING, 3);
    }

    /**
     * After a change: the watchers flagged true get one signal and the record
     * {v0 n=numRoutes best=best}; the others get nothing.
     */
    void Expect(const std::string& step,
                bool all,
                bool best,
                bool fwd,
                uint32_t numRoutes,
                RtmRouteHandle bestRoute)
    {
        struct W
        {
            RtmMockClient* m;
            RtmNotifyHandle n;
            uint64_t ctx;
            bool on;
        };

        for (const W& w : {W{wAll, nAll, 1, all}, W{wBest, nBest, 2, best}, W{wFwd, nFwd, 3, fwd}})
        {
            if (w.on)
            {
                w.m->ExpectChangeNotification(w.n, w.ctx);
            }
        }
        Deliver();
        for (const W& w : {W{wAll, nAll, 1, all}, W{wBest, nBest, 2, best}, W{wFwd, nFwd, 3, fwd}})
        {
            w.m->VerifyEvents(step);
            if (w.on)
            {
                w.m->ExpectDest(w.n, "10.1.0.0/16").View(0, numRoutes, bestRoute);
            }
            w.m->VerifyChanges(w.n, step);
        }
    }

    RtmMockClient* b{nullptr};
    RtmMockClient* c{nullptr};
    RtmMockClient* wAll{nullptr};
    RtmMockClient* wBest{nullptr};
    RtmMockClient* wFwd{nullptr};
    RtmNextHopHandle nb1;
    RtmNextHopHandle nb2;
    RtmNextHopHandle nc;
    RtmRouteInfo rbInfo;
    RtmRouteHandle rb;
    RtmRouteHandle rc;
    RtmNotifyHandle nAll;
    RtmNotifyHandle nBest;
    RtmNotifyHandle nFwd;
};

TEST_F(RtmChangeTypeTest, NonBestRouteChangeIsAllOnly)
{
    Update(c, rc, Route(200, 5, {nc}, RTM_VIEW_MASK_UCAST));
    Expect("non-best metric", true, false, false, 2, rb);
}

TEST_F(RtmChangeTypeTest, BestMetricIsBestAndForwarding)
{
    rbInfo.prefInfo.metric = 2;
    Update(b, rb, rbInfo);
    Expect("best metric", true, true, true, 2, rb);
}

TEST_F(RtmChangeTypeTest, NonForwardingFlagIsBestOnly)
{
    rbInfo.flags = RTM_ROUTE_FLAGS_ZEROS_NETBC;
    Update(b, rb, rbInfo);
    Expect("flag outside FORWARDING_RELEVANT", true, true, false, 2, rb);
    rbInfo.flags = RTM_ROUTE_FLAGS_ZEROS_NETBC | RTM_ROUTE_FLAGS_MCAST;
    Update(b, rb, rbInfo);
    Expect("another such flag", true, true, false, 2, rb);
}

TEST_F(RtmChangeTypeTest, ForwardingRelevantFlagsAreForwarding)
{
    for (uint16_t f : {RTM_ROUTE_FLAGS_LOCAL,
                       RTM_ROUTE_FLAGS_BLACKHOLE,
                       RTM_ROUTE_FLAGS_LOOPBACK,
                       RTM_ROUTE_FLAGS_LIMITED_BC,
                       RTM_ROUTE_FLAGS_MYSELF})
    {
        rbInfo.flags = f;
        Update(b, rb, rbInfo);
        Expect("flag " + std::to_string(f), true, true, true, 2, rb);
    }
}

TEST_F(RtmChangeTypeTest, Flags1NeighbourAndEntityInfoAreAllOnly)
{
    rbInfo.flags1 = 9;
    Update(b, rb, rbInfo);
    Expect("flags1", true, false, false, 2, rb);
    rbInfo.neighbour = nb2;
    Update(b, rb, rbInfo);
    Expect("neighbour", true, false, false, 2, rb);
    rbInfo.entitySpecificInfo = 1234;
    Update(b, rb, rbInfo);
    Expect("entity-specific info", true, false, false, 2, rb);
}

TEST_F(RtmChangeTypeTest, NextHopsOfTheBestAreForwarding)
{
    rbInfo.nextHops = {nb1, nb2};
    Update(b, rb, rbInfo);
    Expect("next hops", true, true, true, 2, rb);
}

TEST_F(RtmChangeTypeTest, UnchangedReAdvertisementQueuesNothing)
{
    RtmRouteHandle h = rb;
    uint32_t flags = 0;
    ASSERT_EQ(
        b->reg->AddRouteToDest(h, Pfx("10.1.0.0/16"), rbInfo, 30000, RtmRouteListHandle(), flags),
        RtmStatus::Success);
    RtmRouteHandle byNeighbour = Add(b, "10.1.0.0/16", rbInfo);
    EXPECT_EQ(byNeighbour, rb);
    Expect("re-advertisement", false, false, false, 2, rb);
}

TEST_F(RtmChangeTypeTest, BestRouteReplacedAddedAndDeleted)
{
    RtmRouteInfo worse = rbInfo;
    worse.prefInfo.preference = 300;
    Update(b, rb, worse);
    Expect("best loses", true, true, true, 2, rc);
    Update(b, rb, rbInfo);
    Expect("best regains", true, true, true, 2, rb);
    RtmRouteHandle rd = Add(c, "10.1.0.0/16", [&] {
        RtmRouteInfo i = Route(400, 1, {nc}, RTM_VIEW_MASK_UCAST);
        i.neighbour = nc;
        return i;
    }());
    Expect("worse route added", true, false, false, 3, rb);
    Delete(c, rd);
    Expect("worse route deleted", true, false, false, 2, rb);
    RtmRouteHandle re = Add(c, "10.1.0.0/16", [&] {
        RtmRouteInfo i = Route(50, 1, {nc}, RTM_VIEW_MASK_UCAST);
        i.neighbour = nc;
        return i;
    }());
    Expect("better route added", true, true, true, 3, re);
    Delete(c, re);
    Expect("best route deleted", true, true, true, 2, rb);
    rbInfo.flags = RTM_ROUTE_FLAGS_INACTIVE;
    Update(b, rb, rbInfo);
    Expect("best made inactive", true, true, true, 2, rc);
}

TEST_F(RtmChangeTypeTest, NextHopEdits)
{
    // rb (best on 10.1/16) and rb2 (not best on 10.2/16) use nb1.
    RtmRouteHandle rc2 = Add(c, "10.2.0.0/16", Route(10, 1, {nc}, RTM_VIEW_MASK_UCAST));
    RtmRouteHandle rb2 = Add(b, "10.2.0.0/16", Route(100, 1, {nb1}, RTM_VIEW_MASK_UCAST));
    wAll->ExpectChangeNotification(nAll, 1);
    wBest->ExpectChangeNotification(nBest, 2);
    wFwd->ExpectChangeNotification(nFwd, 3);
    Deliver();
    VerifyAllEvents("setup");
    for (RtmMockClient* m : {wAll, wBest, wFwd})
    {
        m->ExpectDest(m == wAll ? nAll : (m == wBest ? nBest : nFwd), "10.2.0.0/16")
            .View(0, 2, rc2);
    }
    wAll->VerifyChanges(nAll, "setup");
    wBest->VerifyChanges(nBest, "setup");
    wFwd->VerifyChanges(nFwd, "setup");

    // A flag of the next hop (one without a meaning to RTM; DOWN is in
    // rtm-nexthop-state-test.cc): ALL on both destinations, BEST and FORWARDING where it is best.
    RtmNextHopInfo edit;
    edit.nextHopAddress = Pfx("10.255.0.1");
    edit.interfaceIndex = 1;
    edit.flags = 0x8;
    RtmNextHopHandle h = nb1;
    uint32_t cf = 0;
    ASSERT_EQ(b->reg->AddNextHop(edit, h, cf), RtmStatus::Success);
    wAll->ExpectChangeNotification(nAll, 1);
    wBest->ExpectChangeNotification(nBest, 2);
    wFwd->ExpectChangeNotification(nFwd, 3);
    Deliver();
    VerifyAllEvents("next-hop flag");
    wAll->ExpectDest(nAll, "10.1.0.0/16").View(0, 2, rb);
    wAll->ExpectDest(nAll, "10.2.0.0/16").View(0, 2, rc2);
    wAll->VerifyChanges(nAll, "next-hop flag");
    wBest->ExpectDest(nBest, "10.1.0.0/16").View(0, 2, rb);
    wBest->VerifyChanges(nBest, "next-hop flag");
    wFwd->ExpectDest(nFwd, "10.1.0.0/16").View(0, 2, rb);
    wFwd->VerifyChanges(nFwd, "next-hop flag");

    // Only its entity-specific word: ALL only.
    edit.entitySpecificInfo = 77;
    ASSERT_EQ(b->reg->AddNextHop(edit, h, cf), RtmStatus::Success);
    wAll->ExpectChangeNotification(nAll, 1);
    Deliver();
    VerifyAllEvents("next-hop word");
    wAll->ExpectDest(nAll, "10.1.0.0/16").View(0, 2, rb);
    wAll->ExpectDest(nAll, "10.2.0.0/16").View(0, 2, rc2);
    wAll->VerifyChanges(nAll, "next-hop word");
    wBest->VerifyNoChanges(nBest, "next-hop word");
    wFwd->VerifyNoChanges(nFwd, "next-hop word");
    (void)rb2;
}

TEST_F(RtmNotifyStreamTest, ViewsFilterChanges)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* p = Join("other", kProtoB);
    RtmMockClient* w = Join("watcher", kProtoC);
    RtmNotifyHandle nU = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 1);
    RtmNotifyHandle nM = w->Subscribe(RTM_VIEW_MASK_MCAST, RTM_CHANGE_TYPE_ALL, 2);
    RtmNotifyHandle nAny = w->Subscribe(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 3);
    RtmNotifyHandle nBestU = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, 4);

    RtmRouteInfo uInfo = Route(100, 1, {}, RTM_VIEW_MASK_UCAST);
    RtmRouteHandle rU = Add(o, "10.1.0.0/16", uInfo);
    w->ExpectChangeNotification(nU, 1).ExpectChangeNotification(nAny, 3).ExpectChangeNotification(
        nBestU,
        4);
    Deliver();
    w->VerifyEvents("unicast route");
    w->ExpectDest(nU, "10.1.0.0/16").View(0, 1, rU);
    w->VerifyChanges(nU, "unicast route");
    w->VerifyNoChanges(nM, "unicast route");
    w->ExpectDest(nAny, "10.1.0.0/16").View(0, 1, rU).View(1, 0, kNone);
    w->VerifyChanges(nAny, "unicast route");
    w->ExpectDest(nBestU, "10.1.0.0/16").View(0, 1, rU);
    w->VerifyChanges(nBestU, "unicast route");

    // A multicast-only route, and a change of it, do not reach unicast registrations.
    RtmRouteHandle rM = Add(p, "10.1.0.0/16", Route(200, 1, {}, RTM_VIEW_MASK_MCAST));
    Update(p, rM, Route(200, 2, {}, RTM_VIEW_MASK_MCAST));
    w->ExpectChangeNotification(nM, 2).ExpectChangeNotification(nAny, 3);
    Deliver();
    w->VerifyEvents("multicast route");
    w->VerifyNoChanges(nU, "multicast route");
    w->ExpectDest(nM, "10.1.0.0/16").View(1, 1, rM);
    w->VerifyChanges(nM, "multicast route");
    w->ExpectDest(nAny, "10.1.0.0/16").View(0, 1, rU).View(1, 1, rM);
    w->VerifyChanges(nAny, "multicast route");
    w->VerifyNoChanges(nBestU, "multicast route");

    // Moving rU into both views: ALL in the old and the new view; the unicast best route did
    // not change in preference, metric, next hops or flags: no unicast BEST change.
    uInfo.belongsToViews = kBoth;
    Update(o, rU, uInfo);
    w->ExpectChangeNotification(nU, 1).ExpectChangeNotification(nM, 2).ExpectChangeNotification(
        nAny,
        3);
    Deliver();
    w->VerifyEvents("view edit");
    w->ExpectDest(nU, "10.1.0.0/16").View(0, 1, rU);
    w->VerifyChanges(nU, "view edit");
    w->ExpectDest(nM, "10.1.0.0/16").View(1, 2, rU);
    w->VerifyChanges(nM, "view edit");
    w->ExpectDest(nAny, "10.1.0.0/16").View(0, 1, rU).View(1, 2, rU);
    w->VerifyChanges(nAny, "view edit");
    w->VerifyNoChanges(nBestU, "view edit");
}

TEST_F(RtmNotifyStreamTest, MarkedDestinationsOnly)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmNotifyHandle n =
        w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST | RTM_NOTIFY_ONLY_MARKED_DESTS, 5);
    RtmRouteHandle r1 = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    RtmRouteHandle r2 = Add(o, "10.2.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    Deliver();
    w->VerifyEvents("unmarked");
    w->VerifyNoChanges(n, "unmarked");
    ASSERT_EQ(w->reg->MarkDestForChangeNotification(n, Get(o, r1).destHandle, true),
              RtmStatus::Success);
    Deliver();
    w->VerifyEvents("marking");
    w->VerifyNoChanges(n, "marking");
    Update(o, r1, Route(100, 2, {}, RTM_VIEW_MASK_UCAST));
    Update(o, r2, Route(100, 2, {}, RTM_VIEW_MASK_UCAST));
    w->ExpectChangeNotification(n, 5);
    Deliver();
    w->VerifyEvents("marked change");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, r1);
    w->VerifyChanges(n, "marked change");
}

TEST_F(RtmNotifyStreamTest, DeletedDestinationIsReportedOnceThenGoes)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmMockClient* w2 = Join("watcher2", kProtoC);
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 1);
    RtmNotifyHandle n2 = w2->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_FORWARDING, 2);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, kBoth));
    RtmDestHandle d = Get(o, r).destHandle;
    w->ExpectChangeNotification(n, 1);
    w2->ExpectChangeNotification(n2, 2);
    Deliver();
    VerifyAllEvents("add");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, r).View(1, 1, r);
    w->VerifyChanges(n, "add");
    w2->ExpectDest(n2, "10.1.0.0/16").View(0, 1, r);
    w2->VerifyChanges(n2, "add");

    Delete(o, r);
    w->ExpectChangeNotification(n, 1);
    w2->ExpectChangeNotification(n2, 2);
    Deliver();
    VerifyAllEvents("delete");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 0, kNone).View(1, 0, kNone);
    auto recs = w->VerifyChanges(n, "delete");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].destHandle, d);
    w->VerifyNoChanges(n, "reported once");
    RtmDestInfo info;
    EXPECT_EQ(w->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::Success)
        << "still pending for watcher2";
    w2->ExpectDest(n2, "10.1.0.0/16").View(0, 0, kNone);
    w2->VerifyChanges(n2, "delete");
    EXPECT_EQ(w->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
              RtmStatus::InvalidHandle)
        << "stale once everyone has pulled it";
    // A new route: a new destination, reported as such.
    RtmRouteHandle again = Add(o, "10.1.0.0/16", Route(100, 1, {}, kBoth));
    EXPECT_NE(Get(o, again).destHandle, d);
    w->ExpectChangeNotification(n, 1);
    w2->ExpectChangeNotification(n2, 2);
    Deliver();
    VerifyAllEvents("again");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, again).View(1, 1, again);
    w->VerifyChanges(n, "again");
    w2->ExpectDest(n2, "10.1.0.0/16").View(0, 1, again);
    w2->VerifyChanges(n2, "again");
}

TEST_F(RtmNotifyStreamTest, ExpiryLetRtmDelete)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 1);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST), 100);
    w->ExpectChangeNotification(n, 1);
    Deliver();
    w->VerifyEvents("add");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, r);
    w->VerifyChanges(n, "add");
    o->ExpectExpired(r, RtmStatus::NotSupported);
    w->ExpectChangeNotification(n, 1);
    RunFor(101);
    VerifyAllEvents("expired");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 0, kNone);
    w->VerifyChanges(n, "expired");
}

TEST_F(RtmNotifyStreamTest, ExpiryHandledByTheOwner)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST), 100);
    RtmRouteHandle keep = Add(o, "10.2.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST), 100);
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 1);
    // r: the owner raises the metric and keeps the route; keep: the owner does nothing.
    o->ExpectExpired(r, RtmStatus::Success, [&](const RtmEvent& e) {
        RtmRouteInfo info = e.routeInfo;
        info.prefInfo.metric = 16;
        uint32_t cf = 0;
        EXPECT_EQ(o->reg->UpdateRoute(e.route, info, RTM_INFINITE, RtmRouteListHandle(), cf),
                  RtmStatus::Success);
    });
    o->ExpectExpired(keep, RtmStatus::Success);
    w->ExpectChangeNotification(n, 1);
    RunFor(101);
    VerifyAllEvents("expired");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, r);
    w->VerifyChanges(n, "expired");
    EXPECT_EQ(Get(o, r).prefInfo.metric, 16u);
    EXPECT_EQ(Get(o, keep).prefInfo.metric, 1u);
    RunFor(1000);
    VerifyAllEvents("later");
}

TEST_F(RtmNotifyStreamTest, ExpiryWithoutCallback)
{
    RtmMockClient* o = Join("owner", kProtoA, 1, false);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST), 100);
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, 1);
    w->ExpectChangeNotification(n, 1);
    RunFor(101);
    VerifyAllEvents("expired");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 0, kNone);
    w->VerifyChanges(n, "expired");
    RtmRouteInfo info;
    EXPECT_EQ(w->reg->GetRouteInfo(r, &info), RtmStatus::InvalidHandle);
}

TEST_F(RtmNotifyStreamTest, HoldDown)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* p = Join("newcomer", kProtoB);
    RtmMockClient* wAll = Join("all", kProtoC, 1);
    RtmMockClient* wBest = Join("best", kProtoC, 2);
    RtmMockClient* wFwd = Join("fwd", kProtoC, 3);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Get(o, r).destHandle;
    ASSERT_EQ(o->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    RtmNotifyHandle nAll = wAll->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 1);
    RtmNotifyHandle nBest = wBest->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, 2);
    RtmNotifyHandle nFwd = wFwd->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_FORWARDING, 3);
    Deliver();
    VerifyAllEvents("armed: nothing");

    // The last route goes: it is held; for everyone this is the deletion of the best route.
    Delete(o, r);
    wAll->ExpectChangeNotification(nAll, 1);
    wBest->ExpectChangeNotification(nBest, 2);
    wFwd->ExpectChangeNotification(nFwd, 3);
    Deliver();
    VerifyAllEvents("hold starts");
    wAll->ExpectDest(nAll, "10.1.0.0/16").View(0, 0, kNone, r);
    wAll->VerifyChanges(nAll, "hold starts");
    wBest->ExpectDest(nBest, "10.1.0.0/16").View(0, 0, kNone, r);
    wBest->VerifyChanges(nBest, "hold starts");
    wFwd->ExpectDest(nFwd, "10.1.0.0/16").View(0, 0, kNone, r);
    wFwd->VerifyChanges(nFwd, "hold starts");

    // A new route is forwarded through, and the hold stays.
    RunFor(300);
    RtmRouteHandle r2 = Add(p, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    wAll->ExpectChangeNotification(nAll, 1);
    wBest->ExpectChangeNotification(nBest, 2);
    wFwd->ExpectChangeNotification(nFwd, 3);
    Deliver();
    VerifyAllEvents("new route");
    wAll->ExpectDest(nAll, "10.1.0.0/16").View(0, 1, r2, r);
    wAll->VerifyChanges(nAll, "new route");
    wBest->ExpectDest(nBest, "10.1.0.0/16").View(0, 1, r2, r);
    wBest->VerifyChanges(nBest, "new route");
    wFwd->ExpectDest(nFwd, "10.1.0.0/16").View(0, 1, r2, r);
    wFwd->VerifyChanges(nFwd, "new route");
    RtmDestInfo fib;
    ASSERT_EQ(inst->Lookup(Pfx("10.1.0.1"), RTM_VIEW_ID_UCAST, fib), RtmStatus::Success);
    EXPECT_EQ(Block(fib, RTM_VIEW_ID_UCAST).route, r2);

    // The hold ends: ALL and BEST, not FORWARDING.
    RunFor(698);
    VerifyAllEvents("hold running");
    wAll->ExpectChangeNotification(nAll, 1);
    wBest->ExpectChangeNotification(nBest, 2);
    RunFor(3);
    VerifyAllEvents("hold ends");
    wAll->ExpectDest(nAll, "10.1.0.0/16").View(0, 1, r2);
    wAll->VerifyChanges(nAll, "hold ends");
    wBest->ExpectDest(nBest, "10.1.0.0/16").View(0, 1, r2);
    wBest->VerifyChanges(nBest, "hold ends");
    wFwd->VerifyNoChanges(nFwd, "hold ends");
}

TEST_F(RtmNotifyStreamTest, DeregistrationChangesThenEvent)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmMockClient* other = Join("other", kProtoC);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 9);
    RtmEntityHandle oh = o->Entity();
    ASSERT_EQ(o->reg->Deregister(), RtmStatus::Success);
    w->ExpectChangeNotification(n, 9).ExpectDeregistered(oh);
    other->ExpectDeregistered(oh);
    Deliver();
    VerifyAllEvents("owner left");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 0, kNone);
    w->VerifyChanges(n, "owner left");
    (void)r;
}

TEST_F(RtmNotifyStreamTest, HoldEndOnAnEmptyDestinationIsReportedThenItGoes)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, kBoth));
    RtmDestHandle d = Get(o, r).destHandle;
    ASSERT_EQ(o->reg->HoldDestination(d, kBoth, 500), RtmStatus::Success);
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_ALL, RTM_CHANGE_TYPE_BEST, 4);
    Delete(o, r);
    w->ExpectChangeNotification(n, 4);
    Deliver();
    w->VerifyEvents("hold starts");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 0, kNone, r).View(1, 0, kNone, r);
    w->VerifyChanges(n, "hold starts");
    w->ExpectChangeNotification(n, 4);
    RunFor(501);
    w->VerifyEvents("hold ends");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 0, kNone).View(1, 0, kNone);
    w->VerifyChanges(n, "hold ends");
    RtmDestInfo info;
    EXPECT_EQ(w->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info),
              RtmStatus::InvalidHandle);
}

TEST_F(RtmNotifyStreamTest, HoldIsPerView)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, kBoth));
    RtmDestHandle d = Get(o, r).destHandle;
    ASSERT_EQ(o->reg->HoldDestination(d, kBoth, 500), RtmStatus::Success);
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 4);
    Delete(o, r);
    RtmRouteHandle u = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    w->ExpectChangeNotification(n, 4);
    Deliver();
    w->VerifyEvents("held in both, new unicast route");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, u, r).View(1, 0, kNone, r);
    w->VerifyChanges(n, "held in both");
    w->ExpectChangeNotification(n, 4);
    RunFor(501);
    w->VerifyEvents("hold ends in both views");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, u).View(1, 0, kNone);
    w->VerifyChanges(n, "hold ends");
}

TEST_F(RtmNotifyStreamTest, DeleteAndReAddBeforePullingIsOneRecord)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* w = Join("watcher", kProtoB);
    RtmRouteHandle r = Add(o, "10.1.0.0/16", Route(100, 1, {}, RTM_VIEW_MASK_UCAST));
    RtmDestHandle d = Get(o, r).destHandle;
    RtmNotifyHandle n = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 4);
    Delete(o, r);
    RtmRouteHandle r2 = Add(o, "10.1.0.0/16", Route(100, 2, {}, RTM_VIEW_MASK_UCAST));
    EXPECT_EQ(Get(o, r2).destHandle, d) << "kept by the pending change: the same destination";
    w->ExpectChangeNotification(n, 4);
    Deliver();
    w->VerifyEvents("delete and re-add");
    w->ExpectDest(n, "10.1.0.0/16").View(0, 1, r2);
    w->VerifyChanges(n, "delete and re-add");
}

TEST_F(RtmNotifyStreamTest, ViewEditChangesTheMulticastBest)
{
    RtmMockClient* o = Join("owner", kProtoA);
    RtmMockClient* p = Join("other", kProtoB);
    RtmMockClient* w = Join("watcher", kProtoC);
    RtmRouteInfo uInfo = Route(100, 1, {}, RTM_VIEW_MASK_UCAST);
    RtmRouteHandle rU = Add(o, "10.1.0.0/16", uInfo);
    RtmRouteHandle rM = Add(p, "10.1.0.0/16", Route(200, 1, {}, RTM_VIEW_MASK_MCAST));
    RtmNotifyHandle nBestM = w->Subscribe(RTM_VIEW_MASK_MCAST, RTM_CHANGE_TYPE_BEST, 1);
    RtmNotifyHandle nFwdU = w->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_FORWARDING, 2);
    uInfo.belongsToViews = kBoth;
    Update(o, rU, uInfo);
    w->ExpectChangeNotification(nBestM, 1);
    Deliver();
    w->VerifyEvents("rU joins the multicast view and wins it");
    w->ExpectDest(nBestM, "10.1.0.0/16").View(1, 2, rU);
    w->VerifyChanges(nBestM, "view edit");
    w->VerifyNoChanges(nFwdU, "view edit");
    // Leaving the unicast view: the unicast best is gone (BEST and FORWARDING there).
    uInfo.belongsToViews = RTM_VIEW_MASK_MCAST;
    Update(o, rU, uInfo);
    w->ExpectChangeNotification(nFwdU, 2);
    Deliver();
    w->VerifyEvents("rU leaves the unicast view");
    w->ExpectDest(nFwdU, "10.1.0.0/16").View(0, 0, kNone);
    w->VerifyChanges(nFwdU, "left unicast");
    w->VerifyNoChanges(nBestM, "left unicast");
    (void)rM;
}

TEST_F(RtmNotifyStreamTest, EventDelayAttribute)
{
    inst->SetAttribute("EventDelay", TimeValue(MilliSeconds(5)));
    RtmMockClient* a = Join("a", kProtoA);
    RtmMockClient b(inst, "b", kProtoB);
    a->ExpectRegistered(b.Entity());
    RunFor(4);
    EXPECT_TRUE(a->Received().empty()) << "not before the event delay";
    RunFor(2);
    a->VerifyEvents("after the delay");
}

} // namespace
