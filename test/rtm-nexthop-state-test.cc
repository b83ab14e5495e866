/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Next-hop state and next-hop tracking at table level (issue 10), in both families: interfaces
 * going down or away and next hops flagged DOWN make routes ineligible, the destination falls
 * back to its next route or the FIB to the covering prefix, and back when the interface returns;
 * REMOTE next hops resolve recursively and every route using one is re-evaluated and reported
 * when its resolution changes; loops are refused and the depth is limited; the queries agree
 * with the FIB. Notification streams are asserted exactly with the scripted mock client.
 *
 * Every address is written in IPv4 notation; the IPv6 runs map a.b.c.d/len to
 * fd00::a.b.c.d/(96 + len), which keeps every covering relation.
 */
#include "rtm-mock-client.h"
#include "rtm-test-util.h"

#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-table.h"

#include <cstdio>

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmNextHopStateTest : public RtmTest, public ::testing::WithParamInterface<uint16_t>
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        fam = GetParam();
    }

    void TearDown() override
    {
        RtmTest::TearDown();
        mocks.clear();
    }

    /// \return \p v4 ("a.b.c.d" or "a.b.c.d/len") in the family of the run
    std::string A(const std::string& v4) const
    {
        if (fam == RTM_AF_INET)
        {
            return v4;
        }
        unsigned a;
        unsigned b;
        unsigned c;
        unsigned d;
        int len = -1;
        if (std::sscanf(v4.c_str(), "%u.%u.%u.%u/%d", &a, &b, &c, &d, &len) < 4)
        {
            ADD_FAILURE() << "test bug: " << v4;
        }
        char buf[64];
        std::snprintf(buf, sizeof(buf), "fd00::%x:%x", (a << 8) | b, (c << 8) | d);
        std::string s = buf;
        if (len >= 0)
        {
            s += "/" + std::to_string(96 + len);
        }
        return s;
    }

    /// \return the canonical text of \p v4 in the family of the run (as records print it)
    std::string S(const std::string& v4) const
    {
        return Pfx(A(v4)).ToString();
    }

    RtmMockClient* Join(const std::string& name, uint32_t protocol, uint32_t instanceId = 1)
    {
        auto m = std::make_unique<RtmMockClient>(inst, name, protocol, instanceId, true, fam);
        for (auto& other : mocks)
        {
            other->ExpectRegistered(m->Entity());
        }
        mocks.push_back(std::move(m));
        Deliver();
        Verify("join " + name);
        return mocks.back().get();
    }

    void Verify(const std::string& where)
    {
        for (auto& m : mocks)
        {
            m->VerifyEvents(where);
        }
    }

    RtmNextHopHandle Nh(RtmMockClient* c,
                        const std::string& v4,
                        uint32_t itf,
                        uint16_t flags = 0,
                        RtmNextHopHandle h = RtmNextHopHandle())
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = Pfx(A(v4));
        nh.interfaceIndex = itf;
        nh.flags = flags;
        uint32_t cf = 0;
        EXPECT_EQ(c->reg->AddNextHop(nh, h, cf), RtmStatus::Success) << v4;
        return h;
    }

    RtmNextHopHandle Remote(RtmMockClient* c, const std::string& v4)
    {
        return Nh(c, v4, 0, RTM_NEXTHOP_FLAGS_REMOTE);
    }

    RtmRouteHandle Add(RtmMockClient* c, const std::string& v4, const RtmRouteInfo& info)
    {
        RtmRouteHandle r;
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->AddRouteToDest(r, Pfx(A(v4)), info, RTM_INFINITE, {}, flags),
                  RtmStatus::Success)
            << v4;
        return r;
    }

    void Update(RtmMockClient* c, RtmRouteHandle r, const RtmRouteInfo& info)
    {
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->UpdateRoute(r, info, RTM_INFINITE, {}, flags), RtmStatus::Success);
    }

    void Delete(RtmMockClient* c, RtmRouteHandle r)
    {
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->DeleteRouteToDest(r, flags), RtmStatus::Success);
    }

    /// \return the usable hops of \p r as the forwarding plane reads them: "if gateway"
    std::vector<std::string> Hops(RtmRouteHandle r)
    {
        return fam == RTM_AF_INET ? HopsOf(inst->GetIpv4Table(), r)
                                  : HopsOf(inst->GetIpv6Table(), r);
    }

    template <typename F>
    static std::vector<std::string> HopsOf(RtmTable<F>& t, RtmRouteHandle r)
    {
        std::vector<std::string> out;
        for (uint32_t i = 0; i < t.HopCount(r.index); ++i)
        {
            auto h = t.GetHop(r.index, i);
            out.push_back(std::to_string(h.ifIndex) + " " +
                          (h.gateway == 0
                               ? std::string("on-link")
                               : RtmKeyOps<F>::ToNetAddress(h.gateway, F::kBits).AddressString()));
        }
        return out;
    }

    /// \return "if gateway" with \p v4 in the family of the run
    std::string H(uint32_t itf, const std::string& v4) const
    {
        return std::to_string(itf) + " " + (v4.empty() ? "on-link" : Pfx(A(v4)).AddressString());
    }

    /// \return the forwarding record the unicast FIB gives for \p v4 (FibLookupForward) and its
    /// hops as "if gateway" (the record is null and the hops empty if no prefix matches)
    std::pair<const void*, std::vector<std::string>> Forward(const std::string& v4)
    {
        return fam == RTM_AF_INET ? ForwardOf(inst->GetIpv4Table(), v4)
                                  : ForwardOf(inst->GetIpv6Table(), v4);
    }

    template <typename F>
    std::pair<const void*, std::vector<std::string>> ForwardOf(RtmTable<F>& t,
                                                               const std::string& v4)
    {
        const auto* f = t.FibLookupForward(RtmKeyOps<F>::FromNetAddress(Pfx(A(v4))));
        std::vector<std::string> out;
        if (f != nullptr)
        {
            for (const auto& h : f->hops)
            {
                out.push_back(
                    std::to_string(h.ifIndex) + " " +
                    (h.gateway == 0
                         ? std::string("on-link")
                         : RtmKeyOps<F>::ToNetAddress(h.gateway, F::kBits).AddressString()));
            }
        }
        return {f, out};
    }

    /// Checks both tables' FIB values, forwarding records and index (CheckIndex,
    /// CheckForwardRecords), naming \p where on failure.
    void CheckTables(const std::string& where)
    {
        EXPECT_TRUE(inst->GetIpv4Table().CheckIndex() && inst->GetIpv6Table().CheckIndex())
            << where;
        EXPECT_TRUE(inst->GetIpv4Table().CheckForwardRecords() &&
                    inst->GetIpv6Table().CheckForwardRecords())
            << where;
    }

    /// \return the prefix the FIB of the unicast view matches for \p v4 ("none" if none)
    std::string Fib(const std::string& v4)
    {
        RtmDestInfo d;
        RtmStatus st = inst->Lookup(Pfx(A(v4)), RTM_VIEW_ID_UCAST, d);
        return st == RtmStatus::Success ? d.destAddress.ToString() : "none";
    }

    /// \return GetMostSpecificDestination of \p v4 in the unicast view ("none" if NotFound),
    /// after checking that the best route it reports is the one the FIB forwards with
    std::string MostSpecific(RtmMockClient* c, const std::string& v4)
    {
        RtmDestInfo d;
        RtmStatus st = c->reg->GetMostSpecificDestination(Pfx(A(v4)),
                                                          RTM_BEST_PROTOCOL,
                                                          RTM_VIEW_MASK_UCAST,
                                                          d);
        RtmDestInfo f;
        RtmStatus fs = inst->Lookup(Pfx(A(v4)), RTM_VIEW_ID_UCAST, f);
        EXPECT_EQ(st, fs) << v4;
        if (st != RtmStatus::Success)
        {
            return "none";
        }
        EXPECT_EQ(d.viewInfo.size(), 1u);
        EXPECT_FALSE(d.viewInfo[0].route.IsNull()) << v4;
        EXPECT_EQ(d.viewInfo[0].route, f.viewInfo[0].route) << v4;
        return d.destAddress.ToString();
    }

    /// \return the views in which \p r is best
    RtmViewSet IsBest(RtmMockClient* c, RtmRouteHandle r)
    {
        RtmViewSet v = 0;
        EXPECT_EQ(c->reg->IsBestRoute(r, v), RtmStatus::Success);
        return v;
    }

    /// A watcher with one registration of each change type on the unicast view.
    struct Watch
    {
        RtmMockClient* m;
        RtmNotifyHandle all;
        RtmNotifyHandle best;
        RtmNotifyHandle fwd;
    };

    Watch Watcher()
    {
        Watch w;
        w.m = Join("watcher", kProtoC);
        w.all = w.m->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL, 1);
        w.best = w.m->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, 2);
        w.fwd = w.m->Subscribe(RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_FORWARDING, 3);
        return w;
    }

    /// One expected record: prefix (IPv4 notation), routes in the view, best route.
    struct Rec
    {
        std::string prefix;
        uint32_t routes;
        RtmRouteHandle best;
    };

    /**
     * Deliver, then require exactly: a signal and the records \p all on the ALL registration,
     * \p best on the BEST one, \p fwd on the FORWARDING one (nothing where empty). The signals
     * come in the order the registrations got their first change: \p order lists them (0 ALL,
     * 1 BEST, 2 FORWARDING); destinations changed together are queued in address order.
     */
    void Expect(const Watch& w,
                const std::string& step,
                const std::vector<Rec>& all,
                const std::vector<Rec>& best,
                const std::vector<Rec>& fwd,
                const std::vector<int>& order = {0, 1, 2})
    {
        struct One
        {
            RtmNotifyHandle n;
            uint64_t ctx;
            const std::vector<Rec>* recs;
        };

        const One ones[] = {One{w.all, 1, &all}, One{w.best, 2, &best}, One{w.fwd, 3, &fwd}};
        for (int i : order)
        {
            if (!ones[i].recs->empty())
            {
                w.m->ExpectChangeNotification(ones[i].n, ones[i].ctx);
            }
        }
        Deliver();
        Verify(step);
        for (const One& o : {One{w.all, 1, &all}, One{w.best, 2, &best}, One{w.fwd, 3, &fwd}})
        {
            for (const Rec& r : *o.recs)
            {
                w.m->ExpectDest(o.n, S(r.prefix)).View(RTM_VIEW_ID_UCAST, r.routes, r.best);
            }
            w.m->VerifyChanges(o.n, step);
        }
    }

    /// Drain every registration of \p w after a set-up step (whatever it reports).
    void Drain(const Watch& w)
    {
        Deliver();
        for (RtmNotifyHandle n : {w.all, w.best, w.fwd})
        {
            for (int i = 0; i < 1000; ++i)
            {
                uint32_t num = 256;
                std::vector<RtmDestInfo> got;
                if (w.m->reg->GetChangedDests(n, num, got) != RtmStatus::Success)
                {
                    break;
                }
            }
        }
        // The set-up signals: one per registration that had something.
        Deliver();
    }

    uint16_t fam{RTM_AF_INET};
    std::vector<std::unique_ptr<RtmMockClient>> mocks;
};

const RtmRouteHandle kNoRoute;

// ---------------------------------------------------------------------------- behaviour 4

// A best route whose only next hop is on an interface that goes down gives way to the next route
// of its destination, and without one the FIB falls back to the covering prefix; when the
// interface comes back the route is best again. Each step is a BEST/FORWARDING change.
TEST_P(RtmNextHopStateTest, InterfaceDownFallsBackToTheNextRouteThenTheCoveringPrefix)
{
    RtmMockClient* a = Join("a", kProtoA);
    RtmMockClient* b = Join("b", kProtoB);
    Watch w = Watcher();
    Drain(w);
    RtmRouteHandle r8 = Add(a, "10.0.0.0/8", Route(10, 1, {Nh(a, "10.1.0.1", 1)}, kBoth));
    RtmRouteHandle r16a = Add(a, "10.100.0.0/16", Route(10, 1, {Nh(a, "10.2.0.1", 2)}, kBoth));
    RtmRouteHandle r16b = Add(b, "10.100.0.0/16", Route(20, 1, {Nh(b, "10.3.0.1", 3)}, kBoth));
    w.m->ExpectChangeNotification(w.all, 1);
    w.m->ExpectChangeNotification(w.best, 2);
    w.m->ExpectChangeNotification(w.fwd, 3);
    Drain(w);
    Verify("set-up");
    EXPECT_EQ(IsBest(a, r16a), kBoth);

    // Interface 2 down: r16a is not eligible, r16b (interface 3) takes over.
    inst->SetInterfaceState(fam, 2, false);
    Expect(w,
           "if 2 down",
           {{"10.100.0.0/16", 2, r16b}},
           {{"10.100.0.0/16", 2, r16b}},
           {{"10.100.0.0/16", 2, r16b}});
    EXPECT_EQ(IsBest(a, r16a), 0u);
    EXPECT_EQ(IsBest(b, r16b), kBoth);
    EXPECT_EQ(Fib("10.100.0.5"), S("10.100.0.0/16"));
    EXPECT_TRUE(Hops(r16a).empty());

    // Interface 3 down too: no route left at the /16, the FIB forwards by the /8.
    inst->SetInterfaceState(fam, 3, false);
    Expect(w,
           "if 3 down",
           {{"10.100.0.0/16", 2, kNoRoute}},
           {{"10.100.0.0/16", 2, kNoRoute}},
           {{"10.100.0.0/16", 2, kNoRoute}});
    EXPECT_EQ(Fib("10.100.0.5"), S("10.0.0.0/8"));
    EXPECT_EQ(MostSpecific(a, "10.100.0.5"), S("10.0.0.0/8"));
    // The multicast view follows the same routes.
    RtmDestInfo m;
    ASSERT_EQ(inst->Lookup(Pfx(A("10.100.0.5")), RTM_VIEW_ID_MCAST, m), RtmStatus::Success);
    EXPECT_EQ(m.destAddress.ToString(), S("10.0.0.0/8"));

    // Interface 2 up: r16a is best again.
    inst->SetInterfaceState(fam, 2, true);
    Expect(w,
           "if 2 up",
           {{"10.100.0.0/16", 2, r16a}},
           {{"10.100.0.0/16", 2, r16a}},
           {{"10.100.0.0/16", 2, r16a}});
    EXPECT_EQ(Fib("10.100.0.5"), S("10.100.0.0/16"));
    EXPECT_EQ(Hops(r16a), std::vector<std::string>{H(2, "10.2.0.1")});

    // Interface 3 up: r16b becomes usable but is not best: ALL only.
    inst->SetInterfaceState(fam, 3, true);
    Expect(w, "if 3 up", {{"10.100.0.0/16", 2, r16a}}, {}, {});
    // Setting a state twice changes nothing.
    inst->SetInterfaceState(fam, 3, true);
    Expect(w, "if 3 up again", {}, {}, {});
    (void)r8;
}

// The same through the calls that existed before next-hop state: an interface taken away from
// the instance (RemoveInterface) and a next hop flagged DOWN by its owner.
TEST_P(RtmNextHopStateTest, RemovedInterfaceAndDownFlagMakeNextHopsUnusable)
{
    RtmMockClient* a = Join("a", kProtoA);
    Watch w = Watcher();
    Drain(w);
    RtmRouteHandle r8 = Add(a, "10.0.0.0/8", Route(10, 1, {Nh(a, "10.1.0.1", 1)}, kBoth));
    RtmNextHopHandle n2 = Nh(a, "10.2.0.1", 2);
    RtmRouteHandle r16 = Add(a, "10.100.0.0/16", Route(10, 1, {n2}, kBoth));
    w.m->ExpectChangeNotification(w.all, 1);
    w.m->ExpectChangeNotification(w.best, 2);
    w.m->ExpectChangeNotification(w.fwd, 3);
    Drain(w);
    Verify("set-up");

    inst->RemoveInterface(fam, 2);
    Expect(w,
           "interface 2 removed",
           {{"10.100.0.0/16", 1, kNoRoute}},
           {{"10.100.0.0/16", 1, kNoRoute}},
           {{"10.100.0.0/16", 1, kNoRoute}});
    EXPECT_EQ(Fib("10.100.0.5"), S("10.0.0.0/8"));
    // The next hop stays in its owner's list; a new one on the interface is refused.
    RtmNextHopInfo info;
    EXPECT_EQ(a->reg->GetNextHopInfo(n2, info), RtmStatus::Success);
    info.interfaceIndex = 2;
    info.nextHopAddress = Pfx(A("10.2.0.9"));
    RtmNextHopHandle refused;
    uint32_t cf = 0;
    EXPECT_EQ(a->reg->AddNextHop(info, refused, cf), RtmStatus::InvalidParameter);

    inst->AddInterface(fam, 2);
    Expect(w,
           "interface 2 given back",
           {{"10.100.0.0/16", 1, r16}},
           {{"10.100.0.0/16", 1, r16}},
           {{"10.100.0.0/16", 1, r16}});
    EXPECT_EQ(Fib("10.100.0.5"), S("10.100.0.0/16"));

    // The owner flags its next hop DOWN (a next-hop edit: BEST and FORWARDING anyway).
    Nh(a, "10.2.0.1", 2, RTM_NEXTHOP_FLAGS_DOWN, n2);
    Expect(w,
           "flagged DOWN",
           {{"10.100.0.0/16", 1, kNoRoute}},
           {{"10.100.0.0/16", 1, kNoRoute}},
           {{"10.100.0.0/16", 1, kNoRoute}});
    EXPECT_EQ(Fib("10.100.0.5"), S("10.0.0.0/8"));
    EXPECT_TRUE(inst->IsInterfaceUsable(fam, 2));
    Nh(a, "10.2.0.1", 2, 0, n2);
    Expect(w,
           "DOWN cleared",
           {{"10.100.0.0/16", 1, r16}},
           {{"10.100.0.0/16", 1, r16}},
           {{"10.100.0.0/16", 1, r16}});
    (void)r8;
}

// Interface state is per family (ns-3 numbers IPv4 and IPv6 interfaces separately): the same
// index of the other family, or of a family that does not exist, changes nothing here.
TEST_P(RtmNextHopStateTest, InterfaceStateIsPerFamily)
{
    RtmMockClient* a = Join("a", kProtoA);
    Watch w = Watcher();
    Drain(w);
    Add(a, "10.0.0.0/8", Route(10, 1, {Nh(a, "10.1.0.1", 1)}, kBoth));
    Add(a, "10.100.0.0/16", Route(10, 1, {Nh(a, "10.2.0.1", 2)}, kBoth));
    w.m->ExpectChangeNotification(w.all, 1);
    w.m->ExpectChangeNotification(w.best, 2);
    w.m->ExpectChangeNotification(w.fwd, 3);
    Drain(w);
    Verify("set-up");

    uint16_t other = fam == RTM_AF_INET ? RTM_AF_INET6 : RTM_AF_INET;
    for (uint16_t f : {other, uint16_t(99)})
    {
        inst->SetInterfaceState(f, 2, false);
        Expect(w, "interface 2 of family " + std::to_string(f) + " down", {}, {}, {});
        EXPECT_TRUE(inst->IsInterfaceUp(fam, 2));
        EXPECT_EQ(Fib("10.100.0.5"), S("10.100.0.0/16"));
    }
    EXPECT_FALSE(inst->IsInterfaceUp(other, 2));
}

// Routes that need no next hop stay eligible whatever happens to their next hops' interfaces;
// so do routes without any next hop.
TEST_P(RtmNextHopStateTest, RoutesThatNeedNoNextHopStayEligible)
{
    RtmMockClient* a = Join("a", kProtoA);
    RtmNextHopHandle n2 = Nh(a, "10.2.0.1", 2);
    RtmRouteHandle own = Add(a, "10.2.0.1/32", Route(10, 1, {n2}, kBoth, RTM_ROUTE_FLAGS_MYSELF));
    RtmRouteHandle lo = Add(a, "10.2.0.2/32", Route(10, 1, {n2}, kBoth, RTM_ROUTE_FLAGS_LOOPBACK));
    RtmRouteHandle bh = Add(a, "10.9.0.0/16", Route(10, 1, {n2}, kBoth, RTM_ROUTE_FLAGS_BLACKHOLE));
    RtmRouteHandle dc = Add(a, "10.8.0.0/16", Route(10, 1, {n2}, kBoth, RTM_ROUTE_FLAGS_DISCARD));
    RtmRouteHandle none = Add(a, "10.7.0.0/16", Route(10, 1, {}, kBoth));
    RtmRouteHandle plain = Add(a, "10.6.0.0/16", Route(10, 1, {n2}, kBoth));
    inst->SetInterfaceState(fam, 2, false);
    for (RtmRouteHandle r : {own, lo, bh, dc, none})
    {
        EXPECT_EQ(IsBest(a, r), kBoth);
    }
    EXPECT_EQ(IsBest(a, plain), 0u);
    EXPECT_TRUE(Hops(own).empty()); // still delivered locally: the forwarder needs no hop
}

// ---------------------------------------------------------------------------- behaviour 3

// An INACTIVE-only /24 under an active /8: every query answers with the /8, as the FIB does
// (rtmv2.md §7's recipe: GetMostSpecificDestination, then its best route's next hops).
TEST_P(RtmNextHopStateTest, QueriesAgreeWithTheFibOverInactiveAndUnusableRoutes)
{
    RtmMockClient* a = Join("a", kProtoA);
    RtmRouteHandle r8 = Add(a, "20.0.0.0/8", Route(10, 1, {Nh(a, "10.1.0.1", 1)}, kBoth));
    RtmRouteHandle r24 = Add(a,
                             "20.0.0.0/24",
                             Route(10, 1, {Nh(a, "10.2.0.1", 2)}, kBoth, RTM_ROUTE_FLAGS_INACTIVE));
    EXPECT_EQ(Fib("20.0.0.5"), S("20.0.0.0/8"));
    EXPECT_EQ(MostSpecific(a, "20.0.0.5"), S("20.0.0.0/8"));
    // The /24 is still there for an exact match (and an enumeration).
    RtmDestInfo d24;
    ASSERT_EQ(a->reg->GetExactMatchDestination(Pfx(A("20.0.0.0/24")),
                                               RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST,
                                               d24),
              RtmStatus::Success);
    EXPECT_TRUE(d24.viewInfo[0].route.IsNull());
    // Walking up from the /24 gives the /8, then nothing.
    RtmDestInfo up;
    ASSERT_EQ(a->reg->GetLessSpecificDestination(d24.destHandle,
                                                 RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST,
                                                 up),
              RtmStatus::Success);
    EXPECT_EQ(up.destAddress.ToString(), S("20.0.0.0/8"));
    EXPECT_EQ(up.viewInfo[0].route, r8);
    EXPECT_EQ(a->reg->GetLessSpecificDestination(up.destHandle,
                                                 RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST,
                                                 up),
              RtmStatus::NotFound);
    // Active again, it answers; its interface down, the /8 answers again.
    Update(a, r24, Route(10, 1, {Nh(a, "10.2.0.1", 2)}, kBoth));
    EXPECT_EQ(MostSpecific(a, "20.0.0.5"), S("20.0.0.0/24"));
    inst->SetInterfaceState(fam, 2, false);
    EXPECT_EQ(MostSpecific(a, "20.0.0.5"), S("20.0.0.0/8"));
    // A view the /24 is not in: the multicast FIB and query agree as well.
    RtmDestInfo m;
    ASSERT_EQ(a->reg->GetMostSpecificDestination(Pfx(A("20.0.0.5")),
                                                 RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_MCAST,
                                                 m),
              RtmStatus::Success);
    EXPECT_EQ(m.destAddress.ToString(), S("20.0.0.0/8"));
}

// ---------------------------------------------------------------------------- behaviour 2

// When the route that resolves a REMOTE next hop moves to another link, the routes using the
// next hop are reported (ALL and FORWARDING; not BEST: they are still the best routes).
TEST_P(RtmNextHopStateTest, ResolvingRouteMovesAndDependentsAreReported)
{
    RtmMockClient* igp = Join("igp", kProtoA);
    RtmMockClient* bgp = Join("bgp", kProtoB);
    Watch w = Watcher();
    Drain(w);
    RtmRouteInfo via1 = Route(10, 1, {Nh(igp, "10.1.0.2", 1)}, kBoth);
    RtmRouteHandle r24 = Add(igp, "172.16.0.0/24", via1);
    RtmRouteHandle r16 =
        Add(bgp, "10.100.0.0/16", Route(20, 1, {Remote(bgp, "172.16.0.1")}, kBoth));
    w.m->ExpectChangeNotification(w.all, 1);
    w.m->ExpectChangeNotification(w.best, 2);
    w.m->ExpectChangeNotification(w.fwd, 3);
    Drain(w);
    Verify("set-up");
    EXPECT_EQ(Hops(r16), std::vector<std::string>{H(1, "10.1.0.2")});

    Update(igp, r24, Route(10, 1, {Nh(igp, "10.2.0.2", 2)}, kBoth));
    Expect(w,
           "resolving route moved",
           {{"172.16.0.0/24", 1, r24}, {"10.100.0.0/16", 1, r16}},
           {{"172.16.0.0/24", 1, r24}},
           {{"172.16.0.0/24", 1, r24}, {"10.100.0.0/16", 1, r16}});
    EXPECT_EQ(Hops(r16), std::vector<std::string>{H(2, "10.2.0.2")});

    // The resolving route goes: the next hop does not resolve, the /16 has no best route.
    Delete(igp, r24);
    Expect(w,
           "resolving route deleted",
           {{"172.16.0.0/24", 0, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}},
           {{"172.16.0.0/24", 0, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}},
           {{"172.16.0.0/24", 0, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}});
    EXPECT_TRUE(Hops(r16).empty());
    EXPECT_EQ(Fib("10.100.0.5"), "none");

    // A covering route appears: it resolves the next hop, on-link (a LOCAL route).
    RtmRouteHandle r12 =
        Add(igp,
            "172.16.0.0/12",
            Route(10, 1, {Nh(igp, "172.16.0.9", 3)}, kBoth, RTM_ROUTE_FLAGS_LOCAL));
    Expect(w,
           "covering route added",
           {{"172.16.0.0/12", 1, r12}, {"10.100.0.0/16", 1, r16}},
           {{"172.16.0.0/12", 1, r12}, {"10.100.0.0/16", 1, r16}},
           {{"172.16.0.0/12", 1, r12}, {"10.100.0.0/16", 1, r16}});
    EXPECT_EQ(Hops(r16), std::vector<std::string>{H(3, "172.16.0.1")});

    // The resolving route's interface goes down: eligibility changes, so BEST too.
    inst->SetInterfaceState(fam, 3, false);
    Expect(w,
           "resolving interface down",
           {{"172.16.0.0/12", 1, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}},
           {{"172.16.0.0/12", 1, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}},
           {{"172.16.0.0/12", 1, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}});
    inst->SetInterfaceState(fam, 3, true);
    Expect(w,
           "resolving interface up",
           {{"172.16.0.0/12", 1, r12}, {"10.100.0.0/16", 1, r16}},
           {{"172.16.0.0/12", 1, r12}, {"10.100.0.0/16", 1, r16}},
           {{"172.16.0.0/12", 1, r12}, {"10.100.0.0/16", 1, r16}});

    // A more specific route that is not eligible does not capture the next hop.
    Add(igp,
        "172.16.0.0/30",
        Route(10, 1, {Nh(igp, "10.4.0.2", 4)}, kBoth, RTM_ROUTE_FLAGS_INACTIVE));
    Expect(w, "inactive more specific", {{"172.16.0.0/30", 1, kNoRoute}}, {}, {});
    EXPECT_EQ(Hops(r16), std::vector<std::string>{H(3, "172.16.0.1")});
}

// Tracking through two levels of recursion, with the exact streams of each change.
TEST_P(RtmNextHopStateTest, TwoLevelsOfRecursion)
{
    RtmMockClient* igp = Join("igp", kProtoA);
    RtmMockClient* bgp = Join("bgp", kProtoB);
    RtmMockClient* bgp2 = Join("bgp2", kProtoB, 2);
    Watch w = Watcher();
    Drain(w);
    // 10.100/16 via 172.16.0.1 (remote) -> 172.16.0.0/24 via 192.168.1.1 (remote)
    //   -> 192.168.1.0/24 on-link on interface 1.
    RtmRouteHandle lan =
        Add(igp,
            "192.168.1.0/24",
            Route(10, 1, {Nh(igp, "192.168.1.254", 1)}, kBoth, RTM_ROUTE_FLAGS_LOCAL));
    RtmRouteHandle mid =
        Add(bgp, "172.16.0.0/24", Route(20, 1, {Remote(bgp, "192.168.1.1")}, kBoth));
    RtmRouteHandle top =
        Add(bgp2, "10.100.0.0/16", Route(20, 1, {Remote(bgp2, "172.16.0.1")}, kBoth));
    w.m->ExpectChangeNotification(w.all, 1);
    w.m->ExpectChangeNotification(w.best, 2);
    w.m->ExpectChangeNotification(w.fwd, 3);
    Drain(w);
    Verify("set-up");
    EXPECT_EQ(Hops(mid), std::vector<std::string>{H(1, "192.168.1.1")});
    EXPECT_EQ(Hops(top), std::vector<std::string>{H(1, "192.168.1.1")});

    // The LAN route moves to interface 2: FORWARDING for all three, BEST for the LAN only.
    Update(igp, lan, Route(10, 1, {Nh(igp, "192.168.1.254", 2)}, kBoth, RTM_ROUTE_FLAGS_LOCAL));
    Expect(w,
           "LAN moved",
           {{"192.168.1.0/24", 1, lan}, {"172.16.0.0/24", 1, mid}, {"10.100.0.0/16", 1, top}},
           {{"192.168.1.0/24", 1, lan}},
           {{"192.168.1.0/24", 1, lan}, {"172.16.0.0/24", 1, mid}, {"10.100.0.0/16", 1, top}});
    EXPECT_EQ(Hops(top), std::vector<std::string>{H(2, "192.168.1.1")});

    // Interface 2 down: nothing resolves any more; three BEST changes.
    inst->SetInterfaceState(fam, 2, false);
    Expect(w,
           "interface 2 down",
           {{"192.168.1.0/24", 1, kNoRoute},
            {"172.16.0.0/24", 1, kNoRoute},
            {"10.100.0.0/16", 1, kNoRoute}},
           {{"192.168.1.0/24", 1, kNoRoute},
            {"172.16.0.0/24", 1, kNoRoute},
            {"10.100.0.0/16", 1, kNoRoute}},
           {{"192.168.1.0/24", 1, kNoRoute},
            {"172.16.0.0/24", 1, kNoRoute},
            {"10.100.0.0/16", 1, kNoRoute}});
    EXPECT_EQ(Fib("10.100.0.5"), "none");

    // A second LAN route (another client, worse) on interface 3 is used meanwhile.
    RtmRouteHandle lan3 =
        Add(bgp,
            "192.168.1.0/24",
            Route(30, 1, {Nh(bgp, "192.168.1.253", 3)}, kBoth, RTM_ROUTE_FLAGS_LOCAL));
    Expect(w,
           "second LAN route",
           {{"192.168.1.0/24", 2, lan3}, {"172.16.0.0/24", 1, mid}, {"10.100.0.0/16", 1, top}},
           {{"192.168.1.0/24", 2, lan3}, {"172.16.0.0/24", 1, mid}, {"10.100.0.0/16", 1, top}},
           {{"192.168.1.0/24", 2, lan3}, {"172.16.0.0/24", 1, mid}, {"10.100.0.0/16", 1, top}});
    EXPECT_EQ(Hops(top), std::vector<std::string>{H(3, "192.168.1.1")});

    // Interface 2 up: the first LAN route is best again, the others follow (FORWARDING only;
    // 10.100/16 comes first in address order, so the FORWARDING signal precedes the BEST one).
    inst->SetInterfaceState(fam, 2, true);
    Expect(w,
           "interface 2 up",
           {{"192.168.1.0/24", 2, lan}, {"172.16.0.0/24", 1, mid}, {"10.100.0.0/16", 1, top}},
           {{"192.168.1.0/24", 2, lan}},
           {{"192.168.1.0/24", 2, lan}, {"172.16.0.0/24", 1, mid}, {"10.100.0.0/16", 1, top}},
           {0, 2, 1});
    EXPECT_EQ(Hops(top), std::vector<std::string>{H(2, "192.168.1.1")});

    // The middle route's next hop flagged DOWN: only the top route loses its way.
    Nh(bgp,
       "192.168.1.1",
       0,
       RTM_NEXTHOP_FLAGS_REMOTE | RTM_NEXTHOP_FLAGS_DOWN,
       RtmNextHopHandle());
    Expect(w,
           "middle next hop DOWN",
           {{"172.16.0.0/24", 1, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}},
           {{"172.16.0.0/24", 1, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}},
           {{"172.16.0.0/24", 1, kNoRoute}, {"10.100.0.0/16", 1, kNoRoute}});
}

// A next hop that would resolve through its own route, or through a chain leading back to it,
// is a loop and does not resolve; the route is not eligible.
TEST_P(RtmNextHopStateTest, LoopsAreRefused)
{
    RtmMockClient* a = Join("a", kProtoA);
    RtmMockClient* b = Join("b", kProtoB);
    // Through itself: 10/8 via 10.1.1.1; the default route is there, but the /8 would capture it.
    RtmRouteHandle dflt = Add(a, "0.0.0.0/0", Route(10, 1, {Nh(a, "192.0.2.1", 1)}, kBoth));
    RtmRouteHandle self = Add(b, "10.0.0.0/8", Route(10, 1, {Remote(b, "10.1.1.1")}, kBoth));
    EXPECT_EQ(IsBest(b, self), 0u);
    EXPECT_TRUE(Hops(self).empty());
    EXPECT_EQ(Fib("10.1.1.1"), S("0.0.0.0/0"));
    EXPECT_EQ(MostSpecific(b, "10.1.1.1"), S("0.0.0.0/0"));

    // Two routes resolving through each other, no default route: neither resolves.
    Delete(a, dflt);
    RtmRouteHandle p2 = Add(b, "20.0.0.0/8", Route(10, 1, {Remote(b, "10.2.2.2")}, kBoth));
    Update(b, self, Route(10, 1, {Remote(b, "20.1.1.1")}, kBoth));
    EXPECT_EQ(IsBest(b, self), 0u);
    EXPECT_EQ(IsBest(b, p2), 0u);

    // With the default route back, each one's chain meets itself, is refused there, and falls
    // back to the default route: both resolve through it, the forwarding is loop-free.
    dflt = Add(a, "0.0.0.0/0", Route(10, 1, {Nh(a, "192.0.2.1", 1)}, kBoth));
    EXPECT_EQ(IsBest(b, self), kBoth);
    EXPECT_EQ(IsBest(b, p2), kBoth);
    EXPECT_EQ(Hops(self), std::vector<std::string>{H(1, "192.0.2.1")});
    EXPECT_EQ(Hops(p2), std::vector<std::string>{H(1, "192.0.2.1")});
}

// A REMOTE next hop resolves through at most kMaxRecursion REMOTE next hops in a chain.
TEST_P(RtmNextHopStateTest, RecursionDepthIsLimited)
{
    RtmMockClient* a = Join("a", kProtoA);
    ASSERT_EQ(RtmTable<RtmIpv4Family>::kMaxRecursion, 4u);
    Add(a, "192.168.0.0/24", Route(10, 1, {Nh(a, "192.168.0.1", 1)}, kBoth));
    // Level k (k = 1..5) is 10.k.0.0/16 via 10.(k-1).0.1, level 0 being 192.168.0.1's LAN.
    std::vector<RtmRouteHandle> level;
    std::string via = "192.168.0.9";
    for (int k = 1; k <= 5; ++k)
    {
        RtmMockClient* c = Join("c" + std::to_string(k), kProtoB, k);
        std::string prefix = "10." + std::to_string(k) + ".0.0/16";
        level.push_back(Add(c, prefix, Route(10, 1, {Remote(c, via)}, kBoth)));
        via = "10." + std::to_string(k) + ".0.1";
    }
    for (int k = 1; k <= 4; ++k)
    {
        EXPECT_EQ(IsBest(a, level[k - 1]), kBoth) << "level " << k;
        EXPECT_EQ(Hops(level[k - 1]), std::vector<std::string>{H(1, "192.168.0.1")});
    }
    EXPECT_EQ(IsBest(a, level[4]), 0u) << "a chain of five remote next hops";
    EXPECT_EQ(Fib("10.5.0.1"), "none");
}

// A REMOTE next hop that is one of the router's own addresses does not resolve (a MYSELF
// route): the router cannot forward to itself. Inside a LOCAL subnet it is on-link.
TEST_P(RtmNextHopStateTest, RemoteNextHopThroughOwnAddressDoesNotResolve)
{
    RtmMockClient* local = Join("local", RTM_PROTO_IP_LOCAL);
    RtmMockClient* b = Join("b", kProtoB);
    RtmNextHopHandle me = Nh(local, "10.1.0.1", 1);
    Add(local, "10.1.0.0/24", Route(1, 1, {me}, kBoth, RTM_ROUTE_FLAGS_LOCAL));
    Add(local,
        "10.1.0.1/32",
        Route(1, 1, {me}, kBoth, RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF));
    RtmRouteHandle viaMe = Add(b, "10.100.0.0/16", Route(20, 1, {Remote(b, "10.1.0.1")}, kBoth));
    RtmRouteHandle viaPeer = Add(b, "10.101.0.0/16", Route(20, 1, {Remote(b, "10.1.0.2")}, kBoth));
    EXPECT_EQ(IsBest(b, viaMe), 0u);
    EXPECT_TRUE(Hops(viaMe).empty());
    EXPECT_EQ(IsBest(b, viaPeer), kBoth);
    EXPECT_EQ(Hops(viaPeer), std::vector<std::string>{H(1, "10.1.0.2")});
}

// ECMP: one of two next hops down leaves the route best with one hop (FORWARDING, not BEST).
TEST_P(RtmNextHopStateTest, OneOfTwoNextHopsDown)
{
    RtmMockClient* a = Join("a", kProtoA);
    Watch w = Watcher();
    Drain(w);
    RtmRouteHandle r =
        Add(a, "10.100.0.0/16", Route(10, 1, {Nh(a, "10.1.0.2", 1), Nh(a, "10.2.0.2", 2)}, kBoth));
    w.m->ExpectChangeNotification(w.all, 1);
    w.m->ExpectChangeNotification(w.best, 2);
    w.m->ExpectChangeNotification(w.fwd, 3);
    Drain(w);
    Verify("set-up");
    EXPECT_EQ(Hops(r), (std::vector<std::string>{H(1, "10.1.0.2"), H(2, "10.2.0.2")}));
    inst->SetInterfaceState(fam, 1, false);
    Expect(w, "if 1 down", {{"10.100.0.0/16", 1, r}}, {}, {{"10.100.0.0/16", 1, r}});
    EXPECT_EQ(Hops(r), std::vector<std::string>{H(2, "10.2.0.2")});
    EXPECT_EQ(IsBest(a, r), kBoth);
}

// The BestChanged trace follows eligibility like any other best-route change.
TEST_P(RtmNextHopStateTest, BestChangedTraceFollowsInterfaces)
{
    RtmMockClient* a = Join("a", kProtoA);
    std::vector<std::string> trace;
    inst->TraceConnectWithoutContext(
        "BestChanged",
        RtmMakeCallback<void, uint16_t, const RtmNetAddress&, RtmViewId, bool>(
            [&trace](uint16_t, const RtmNetAddress& p, RtmViewId v, bool has) {
                trace.push_back(p.ToString() + " " + std::to_string(v) + (has ? " +" : " -"));
            }));
    Add(a, "10.100.0.0/16", Route(10, 1, {Nh(a, "10.2.0.1", 2)}, RTM_VIEW_MASK_UCAST));
    trace.clear();
    inst->SetInterfaceState(fam, 2, false);
    inst->SetInterfaceState(fam, 2, true);
    EXPECT_EQ(trace,
              (std::vector<std::string>{S("10.100.0.0/16") + " 0 -", S("10.100.0.0/16") + " 0 +"}));
}

// Decision 37: the unicast FIB's leaf is the best route's forwarding record, so what a packet
// reads must follow every change of the best route's hops: prefixes forwarding the same way share
// one record, an ECMP update gives the prefix its own, interface state moves it back and forth,
// and a new best route that forwards the same way keeps it.
TEST_P(RtmNextHopStateTest, FibLeafIsTheBestRoutesForwardingRecord)
{
    RtmMockClient* a = Join("a", kProtoA);
    RtmMockClient* b = Join("b", kProtoB);
    RtmRouteHandle r1 = Add(a, "10.1.0.0/16", Route(10, 1, {Nh(a, "10.2.0.1", 2)}, kBoth));
    RtmRouteHandle r2 = Add(a, "10.2.0.0/16", Route(10, 1, {Nh(a, "10.2.0.1", 2)}, kBoth));
    auto same = [this](const std::string& x, const std::string& y) {
        return Forward(x).first == Forward(y).first;
    };
    const std::vector<std::string> via2{H(2, "10.2.0.1")};
    const std::vector<std::string> via23{H(2, "10.2.0.1"), H(3, "10.3.0.1")};
    EXPECT_EQ(Forward("10.1.0.5").second, via2);
    EXPECT_TRUE(same("10.1.0.5", "10.2.0.5")); // one record, one leaf value
    CheckTables("same way");

    // ECMP on the second prefix: its own record with both hops, the first keeps its record.
    Update(a, r2, Route(10, 1, {Nh(a, "10.2.0.1", 2), Nh(a, "10.3.0.1", 3)}, kBoth));
    EXPECT_EQ(Forward("10.2.0.5").second, via23);
    EXPECT_EQ(Forward("10.1.0.5").second, via2);
    EXPECT_FALSE(same("10.1.0.5", "10.2.0.5"));
    CheckTables("ecmp");

    // Interface 3 down: one usable hop left, the same record as the first prefix's again.
    inst->SetInterfaceState(fam, 3, false);
    EXPECT_EQ(Forward("10.2.0.5").second, via2);
    EXPECT_TRUE(same("10.1.0.5", "10.2.0.5"));
    CheckTables("if 3 down");
    inst->SetInterfaceState(fam, 3, true);
    EXPECT_EQ(Forward("10.2.0.5").second, via23);
    CheckTables("if 3 up");

    // Interface 2 down: the first prefix has no usable route (no record, no FIB entry), the
    // second forwards by interface 3 alone.
    inst->SetInterfaceState(fam, 2, false);
    EXPECT_EQ(Forward("10.1.0.5").first, nullptr);
    EXPECT_EQ(Forward("10.2.0.5").second, std::vector<std::string>{H(3, "10.3.0.1")});
    CheckTables("if 2 down");
    inst->SetInterfaceState(fam, 2, true);
    EXPECT_EQ(Forward("10.1.0.5").second, via2);
    CheckTables("if 2 up");

    // A better route of another client that forwards the same way: the best route changes, the
    // record (the leaf) does not; then it forwards another way, and is deleted again.
    const void* before = Forward("10.1.0.5").first;
    RtmRouteHandle b1 = Add(b, "10.1.0.0/16", Route(5, 1, {Nh(b, "10.2.0.1", 2)}, kBoth));
    EXPECT_EQ(IsBest(b, b1), kBoth);
    EXPECT_EQ(Forward("10.1.0.5").first, before);
    CheckTables("better, same way");
    Update(b, b1, Route(5, 1, {Nh(b, "10.3.0.1", 3)}, kBoth));
    EXPECT_EQ(Forward("10.1.0.5").second, std::vector<std::string>{H(3, "10.3.0.1")});
    CheckTables("better, another way");
    Delete(b, b1);
    EXPECT_EQ(Forward("10.1.0.5").second, via2);
    CheckTables("deleted");
    Delete(a, r1);
    EXPECT_EQ(Forward("10.1.0.5").first, nullptr);
    CheckTables("first prefix gone");
}

INSTANTIATE_TEST_SUITE_P(Families,
                         RtmNextHopStateTest,
                         ::testing::Values(RTM_AF_INET, RTM_AF_INET6),
                         [](const ::testing::TestParamInfo<uint16_t>& i) {
                             return std::string(i.param == RTM_AF_INET ? "Ipv4" : "Ipv6");
                         });

} // namespace
