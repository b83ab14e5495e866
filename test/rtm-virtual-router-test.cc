/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: virtual routers in real ns-3 simulations (issue 3). One node runs two RTM instances
 * (RtmHelper::AssignDevice) that carry the SAME prefixes (10.1.0.0/24, 10.9.0.0/30,
 * 10.200.0.0/16); each instance forwards its own traffic on its own interfaces only, and a
 * client of one instance can neither see nor touch the other's routes.
 */
#include "rtm-sim-util.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace
{

using namespace ns3;
using namespace rtmsim;

/*
 *   instance 0:  H1 (10.1.0.2) --10.1.0.0/24-- V --10.9.0.0/30-- H2 (10.9.0.2, 10.200.0.5)
 *   instance 1:  H3 (10.1.0.2) --10.1.0.0/24-- V --10.9.0.0/30-- H4 (10.9.0.2, 10.200.0.5,
 *                                                                        10.201.0.1)
 * V's devices 0 and 1 belong to instance 0, devices 2 and 3 to instance 1; both instances
 * have the same addresses on their interfaces and a route 10.200.0.0/16 via 10.9.0.2.
 * Instance 1 alone has 10.201.0.0/16.
 */
struct VrNet
{
    NodeContainer all;                             //!< V, H1, H2, H3, H4
    Ptr<Node> v, h1, h2, h3, h4;                   //!< the nodes
    std::vector<Ptr<NetDevice>> vDevs;             //!< V's devices toward H1..H4
    std::vector<uint32_t> vIfs;                    //!< V's IPv4 interfaces toward H1..H4
    SimClient v0;                                  //!< client of instance 0 on V
    SimClient v1;                                  //!< client of instance 1 on V
    RtmRouteHandle v0Route;                        //!< v0's 10.200.0.0/16
    RtmRouteHandle v1Route;                        //!< v1's 10.200.0.0/16
    RtmNextHopHandle v0Hop;                        //!< v0's next hop
    std::vector<std::unique_ptr<SimClient>> hosts; //!< the hosts' clients
};

void
BuildVr(VrNet& t)
{
    RtmHelper rtm;
    t.all = MakeRtmNodes(5, rtm);
    t.v = t.all.Get(0);
    t.h1 = t.all.Get(1);
    t.h2 = t.all.Get(2);
    t.h3 = t.all.Get(3);
    t.h4 = t.all.Get(4);
    std::vector<Ptr<Node>> hosts{t.h1, t.h2, t.h3, t.h4};
    std::vector<std::string> nets{"10.1.0.", "10.9.0.", "10.1.0.", "10.9.0."};
    std::vector<std::string> lens{"/24", "/30", "/24", "/30"};
    for (uint32_t i = 0; i < 4; ++i)
    {
        NetDeviceContainer d = P2pDevices(t.v, hosts[i]);
        // The device goes to its instance before it gets an address.
        EXPECT_TRUE(rtm.AssignDevice(t.v, d.Get(0)->GetIfIndex(), i < 2 ? 0 : 1));
        t.vDevs.push_back(d.Get(0));
        t.vIfs.push_back(AddAddress(d.Get(0), nets[i] + "1" + lens[i]));
        uint32_t hif = AddAddress(d.Get(1), nets[i] + "2" + lens[i]);
        if (i == 1 || i == 3)
        {
            Ipv4Of(hosts[i])->AddAddress(hif,
                                         Ipv4InterfaceAddress("10.200.0.5", "255.255.255.255"));
        }
        if (i == 3)
        {
            Ipv4Of(hosts[i])->AddAddress(hif,
                                         Ipv4InterfaceAddress("10.201.0.1", "255.255.255.255"));
        }
        t.hosts.push_back(std::make_unique<SimClient>());
        EXPECT_EQ(t.hosts.back()->Register(hosts[i]), RtmStatus::Success);
        t.hosts.back()->Add("0.0.0.0/0", {nets[i] + "1"});
    }
    // A device given to an instance twice is fine; to another instance it is refused.
    EXPECT_TRUE(rtm.AssignDevice(t.v, t.vDevs[2]->GetIfIndex(), 1));
    EXPECT_FALSE(rtm.AssignDevice(t.v, t.vDevs[2]->GetIfIndex(), 0));

    EXPECT_EQ(t.v0.Register(t.v, 0), RtmStatus::Success);
    EXPECT_EQ(t.v1.Register(t.v, 1), RtmStatus::Success);
    t.v0Hop = t.v0.NextHop(Ipv4Address("10.9.0.2"), t.vIfs[1]);
    t.v0Route = t.v0.AddWith("10.200.0.0/16", {t.v0Hop});
    t.v1Route = t.v1.AddWith("10.200.0.0/16", {t.v1.NextHop(Ipv4Address("10.9.0.2"), t.vIfs[3])});
    t.v1.AddWith("10.201.0.0/16", {t.v1.NextHop(Ipv4Address("10.9.0.2"), t.vIfs[3])});
}

TEST(RtmVirtualRouterSim, OverlappingPrefixesStayInTheirInstance)
{
    FreshSimulation();
    VrNet t;
    BuildVr(t);
    Ptr<RtmIpv4Routing> vr = RtmOf(t.v);
    ASSERT_TRUE(vr);
    EXPECT_EQ(vr->GetInstanceOfInterface(t.vIfs[0]), 0);
    EXPECT_EQ(vr->GetInstanceOfInterface(t.vIfs[1]), 0);
    EXPECT_EQ(vr->GetInstanceOfInterface(t.vIfs[2]), 1);
    EXPECT_EQ(vr->GetInstanceOfInterface(t.vIfs[3]), 1);
    EXPECT_EQ(RouterOf(t.v)->GetInstance(0)->GetInterfaces(RTM_AF_INET),
              (std::vector<uint32_t>{t.vIfs[0], t.vIfs[1]}));
    EXPECT_EQ(RouterOf(t.v)->GetInstance(1)->GetInterfaces(RTM_AF_INET),
              (std::vector<uint32_t>{t.vIfs[2], t.vIfs[3]}));

    RtmTraceLog log;
    log.Attach(t.v);
    UdpReceiver r1(t.h1, 9), r2(t.h2, 9), r3(t.h3, 9), r4(t.h4, 9);
    UdpSender s1(t.h1, 1001), s2(t.h2, 1002), s3(t.h3, 1003), s4(t.h4, 1004);
    Ipv4Address far("10.200.0.5"), near("10.1.0.2");
    s1.Schedule(far, 9, 10, Seconds(1));                      // H1 -> H2
    s3.Schedule(far, 9, 7, Seconds(1.001));                   // H3 -> H4
    s2.Schedule(near, 9, 5, Seconds(1.002));                  // H2 -> H1
    s4.Schedule(near, 9, 3, Seconds(1.003));                  // H4 -> H3
    s1.Schedule(Ipv4Address("10.201.0.1"), 9, 4, Seconds(2)); // instance 0 has no route
    s3.Schedule(Ipv4Address("10.201.0.1"), 9, 6, Seconds(2)); // instance 1 has one: to H4
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    // Each instance delivered to its own host only (sources are told apart by port).
    EXPECT_EQ(r2.received, 10u);
    EXPECT_EQ(r4.received, 7u + 6u);
    EXPECT_EQ(r1.received, 5u);
    EXPECT_EQ(r3.received, 3u);
    EXPECT_EQ(r2.From(Ipv4Address("10.1.0.2"), 1001), 10u);
    EXPECT_EQ(r4.From(Ipv4Address("10.1.0.2"), 1003), 7u + 6u);
    EXPECT_EQ(r1.From(Ipv4Address("10.9.0.2"), 1002), 5u);
    EXPECT_EQ(r3.From(Ipv4Address("10.9.0.2"), 1004), 3u);
    // 10.201.0.0/16: dropped by instance 0 (no route), delivered to H4 by instance 1.
    uint32_t noRoute0 = 0;
    for (const auto& d : log.drops)
    {
        noRoute0 += d.dst == Ipv4Address("10.201.0.1") && d.reason == RtmDropReason::NoRoute &&
                    vr->GetInstanceOfInterface(d.iif) == 0;
    }
    EXPECT_EQ(noRoute0, 4u);
    // Every packet V forwarded left on an interface of the instance it arrived on.
    uint32_t forwarded = 0;
    for (const auto& f : log.forwards)
    {
        ++forwarded;
        EXPECT_EQ(vr->GetInstanceOfInterface(f.iif), vr->GetInstanceOfInterface(f.oif))
            << "packet to " << f.dst << " crossed instances (" << f.iif << " -> " << f.oif << ")";
        if (f.dst == Ipv4Address("10.201.0.1"))
        {
            EXPECT_EQ(vr->GetInstanceOfInterface(f.iif), 1);
        }
    }
    EXPECT_GE(forwarded, 25u);

    // The printed table shows both instances with the same prefixes.
    std::string text = RoutingTableText(t.v);
    EXPECT_NE(text.find("RTM instance 0"), std::string::npos) << text;
    EXPECT_NE(text.find("RTM instance 1"), std::string::npos) << text;
    std::size_t first = text.find("10.200.0.0/16");
    ASSERT_NE(first, std::string::npos);
    EXPECT_NE(text.find("10.200.0.0/16", first + 1), std::string::npos) << text;
    Simulator::Destroy();
}

/// Collect every route handle an enumeration of \p c returns.
std::vector<RtmRouteHandle>
AllRoutes(SimClient& c)
{
    std::vector<RtmRouteHandle> all;
    RtmEnumHandle e;
    EXPECT_EQ(c.reg->CreateRouteEnum(RtmDestHandle(),
                                     RTM_VIEW_MASK_ANY,
                                     RTM_ENUM_START,
                                     nullptr,
                                     RTM_MATCH_NONE,
                                     nullptr,
                                     0,
                                     e),
              RtmStatus::Success);
    RtmStatus st;
    do
    {
        uint32_t num = 64;
        std::vector<RtmRouteHandle> batch;
        st = c.reg->GetEnumRoutes(e, num, batch);
        all.insert(all.end(), batch.begin(), batch.end());
    } while (st == RtmStatus::Success);
    EXPECT_EQ(st, RtmStatus::NoMoreItems);
    c.reg->DeleteEnumHandle(e);
    return all;
}

/// Collect every destination prefix an enumeration of \p c returns.
std::vector<std::string>
AllDests(SimClient& c)
{
    std::vector<std::string> all;
    RtmEnumHandle e;
    EXPECT_EQ(c.reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, 0, e),
              RtmStatus::Success);
    RtmStatus st;
    do
    {
        uint32_t num = 64;
        std::vector<RtmDestInfo> batch;
        st = c.reg->GetEnumDests(e, num, batch);
        for (const auto& d : batch)
        {
            all.push_back(d.destAddress.ToString());
        }
    } while (st == RtmStatus::Success);
    c.reg->DeleteEnumHandle(e);
    return all;
}

TEST(RtmVirtualRouterSim, ClientsCannotSeeOrTouchTheOtherInstance)
{
    FreshSimulation();
    VrNet t;
    BuildVr(t);
    SimClient& a = t.v0; // instance 0
    SimClient& b = t.v1; // instance 1

    // Handles of instance 0 are foreign to instance 1: InvalidHandle, never AccessDenied or
    // success.
    RtmRouteInfo ri;
    EXPECT_EQ(b.reg->GetRouteInfo(t.v0Route, &ri), RtmStatus::InvalidHandle);
    RtmViewSet views = 0;
    EXPECT_EQ(b.reg->IsBestRoute(t.v0Route, views), RtmStatus::InvalidHandle);
    uint32_t changed = 0;
    EXPECT_EQ(b.reg->DeleteRouteToDest(t.v0Route, changed), RtmStatus::InvalidHandle);
    RtmRouteInfo upd;
    upd.nextHops = {};
    upd.flags = RTM_ROUTE_FLAGS_BLACKHOLE;
    EXPECT_EQ(b.reg->UpdateRoute(t.v0Route, upd, RTM_INFINITE, RtmRouteListHandle(), changed),
              RtmStatus::InvalidHandle);
    RtmRouteHandle target = t.v0Route;
    changed = 0;
    EXPECT_EQ(b.reg->AddRouteToDest(target,
                                    Prefix("10.200.0.0/16"),
                                    upd,
                                    RTM_INFINITE,
                                    RtmRouteListHandle(),
                                    changed),
              RtmStatus::InvalidHandle);
    RtmNextHopInfo nhi;
    EXPECT_EQ(b.reg->GetNextHopInfo(t.v0Hop, nhi), RtmStatus::InvalidHandle);
    EXPECT_EQ(b.reg->DeleteNextHop(t.v0Hop), RtmStatus::InvalidHandle);
    RtmRouteInfo withForeignHop;
    withForeignHop.nextHops = {t.v0Hop};
    RtmRouteHandle nr;
    changed = RTM_ROUTE_CHANGE_NEW;
    EXPECT_EQ(b.reg->AddRouteToDest(nr,
                                    Prefix("10.202.0.0/16"),
                                    withForeignHop,
                                    RTM_INFINITE,
                                    RtmRouteListHandle(),
                                    changed),
              RtmStatus::InvalidHandle);
    RtmDestHandle d0 = a.Dest("10.200.0.0/16");
    ASSERT_FALSE(d0.IsNull());
    RtmDestInfo di;
    EXPECT_EQ(b.reg->GetDestInfo(d0, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, di),
              RtmStatus::InvalidHandle);
    EXPECT_EQ(b.reg->HoldDestination(d0, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::InvalidHandle);
    RtmEntityInfo ei;
    EXPECT_EQ(b.reg->GetEntityInfo(a.reg->GetEntityHandle(), ei), RtmStatus::InvalidHandle);
    // A next hop on an interface of the other instance is refused.
    RtmStatus st;
    b.NextHop(Ipv4Address("10.1.0.2"), t.vIfs[0], 0, &st);
    EXPECT_EQ(st, RtmStatus::InvalidParameter);
    // The same prefix exists in both, as two different destinations.
    RtmDestHandle d1 = b.Dest("10.200.0.0/16");
    ASSERT_FALSE(d1.IsNull());
    EXPECT_NE(d0, d1);

    // Nothing above changed instance 0.
    EXPECT_EQ(a.reg->GetRouteInfo(t.v0Route, &ri), RtmStatus::Success);
    EXPECT_EQ(ri.flags, 0);
    EXPECT_EQ(a.reg->GetNextHopInfo(t.v0Hop, nhi), RtmStatus::Success);

    // Enumerations show only the caller's instance.
    std::vector<RtmRouteHandle> ra = AllRoutes(a), rb = AllRoutes(b);
    EXPECT_NE(std::find(ra.begin(), ra.end(), t.v0Route), ra.end());
    EXPECT_EQ(std::find(ra.begin(), ra.end(), t.v1Route), ra.end());
    EXPECT_NE(std::find(rb.begin(), rb.end(), t.v1Route), rb.end());
    EXPECT_EQ(std::find(rb.begin(), rb.end(), t.v0Route), rb.end());
    for (const auto& r : rb)
    {
        EXPECT_EQ(b.reg->GetRouteInfo(r, &ri), RtmStatus::Success);
        EXPECT_EQ(a.reg->GetRouteInfo(r, &ri), RtmStatus::InvalidHandle);
    }
    std::vector<std::string> da = AllDests(a), db = AllDests(b);
    EXPECT_EQ(std::count(da.begin(), da.end(), "10.201.0.0/16"), 0);
    EXPECT_EQ(std::count(db.begin(), db.end(), "10.201.0.0/16"), 1);
    EXPECT_EQ(std::count(da.begin(), da.end(), "10.200.0.0/16"), 1);
    EXPECT_EQ(std::count(db.begin(), db.end(), "10.200.0.0/16"), 1);
    EXPECT_EQ(std::count(da.begin(), da.end(), "10.1.0.0/24"), 1);
    EXPECT_EQ(std::count(db.begin(), db.end(), "10.1.0.0/24"), 1);
    // Registered entities: the connected-routes client and the caller, per instance.
    uint32_t num = 16;
    std::vector<RtmEntityHandle> ents;
    std::vector<RtmEntityInfo> infos;
    EXPECT_EQ(b.reg->GetRegisteredEntities(num, ents, &infos), RtmStatus::Success);
    EXPECT_GE(num, 2u);
    for (const auto& i : infos)
    {
        EXPECT_EQ(i.rtmInstanceId, 1);
    }
    EXPECT_EQ(std::find(ents.begin(), ents.end(), a.reg->GetEntityHandle()), ents.end());
    // Forwarding lookups of the two instances disagree on the same address.
    RtmDestInfo l0, l1;
    ASSERT_EQ(RouterOf(t.v)->GetInstance(0)->Lookup(Prefix("10.201.0.1/32"), RTM_VIEW_ID_UCAST, l0),
              RtmStatus::NotFound);
    ASSERT_EQ(RouterOf(t.v)->GetInstance(1)->Lookup(Prefix("10.201.0.1/32"), RTM_VIEW_ID_UCAST, l1),
              RtmStatus::Success);
    Simulator::Destroy();
}

/// A device moved to another instance after it got its address takes its connected routes.
TEST(RtmVirtualRouterSim, MovingADeviceMovesItsConnectedRoutes)
{
    FreshSimulation();
    RtmHelper rtm;
    NodeContainer n = MakeRtmNodes(3, rtm);
    Link a = P2p(n.Get(0), n.Get(1), "10.1.0.0/24");
    Link b = P2p(n.Get(0), n.Get(2), "10.2.0.0/24");
    Ptr<RtmRouter> router = RouterOf(n.Get(0));
    RtmDestInfo info;
    EXPECT_EQ(router->GetInstance(0)->Lookup(Prefix("10.2.0.9/32"), RTM_VIEW_ID_UCAST, info),
              RtmStatus::Success);
    ASSERT_TRUE(rtm.AssignDevice(n.Get(0), b.devA->GetIfIndex(), 1));
    EXPECT_EQ(RtmOf(n.Get(0))->GetInstanceOfInterface(b.ifA), 1);
    EXPECT_EQ(router->GetInstance(0)->Lookup(Prefix("10.2.0.9/32"), RTM_VIEW_ID_UCAST, info),
              RtmStatus::NotFound);
    EXPECT_EQ(router->GetInstance(1)->Lookup(Prefix("10.2.0.9/32"), RTM_VIEW_ID_UCAST, info),
              RtmStatus::Success);
    EXPECT_EQ(router->GetInstance(0)->Lookup(Prefix("10.1.0.9/32"), RTM_VIEW_ID_UCAST, info),
              RtmStatus::Success);
    EXPECT_EQ(router->GetInstance(1)->Lookup(Prefix("10.1.0.9/32"), RTM_VIEW_ID_UCAST, info),
              RtmStatus::NotFound);
    // Traffic follows: node 2 reaches node 0's address on its link (instance 1, local), node 1
    // cannot reach node 2's network through node 0 (instance 0 does not know it).
    SimClient c1, c2;
    ASSERT_EQ(c1.Register(n.Get(1)), RtmStatus::Success);
    ASSERT_EQ(c2.Register(n.Get(2)), RtmStatus::Success);
    c1.Add("0.0.0.0/0", {"10.1.0.1"});
    c2.Add("0.0.0.0/0", {"10.2.0.1"});
    RtmTraceLog log;
    log.Attach(n.Get(0));
    UdpReceiver at0(n.Get(0), 9), at2(n.Get(2), 9);
    UdpSender from2(n.Get(2)), from1(n.Get(1));
    from2.Schedule(b.addrA, 9, 5, Seconds(1));
    from1.Schedule(b.addrB, 9, 4, Seconds(1));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(at0.received, 5u);
    EXPECT_EQ(at2.received, 0u);
    EXPECT_EQ(log.Dropped(n.Get(0)->GetId(), RtmDropReason::NoRoute), 4u);
    (void)a;
    Simulator::Destroy();
}

} // namespace

namespace
{

using namespace ns3;
using namespace rtmsim;

/// Records the router manager's interface events: (instance, family, interface, up).
struct InterfaceEvents
{
    std::vector<std::tuple<uint16_t, uint16_t, uint32_t, bool>> events; //!< in order

    /// Listen to \p router.
    void Attach(Ptr<RtmRouter> router)
    {
        router->AddInterfaceListener(MakeCallback(&InterfaceEvents::On, this));
    }

    void On(uint16_t instance, uint16_t family, uint32_t interface, bool up)
    {
        events.emplace_back(instance, family, interface, up);
    }
};

/// Checks, at the moment each packet is forwarded, that it leaves in the instance it came in.
struct CrossingLog
{
    Ptr<RtmIpv4Routing> vr;                                //!< the router's plane
    uint32_t forwarded{0};                                 //!< packets forwarded
    uint32_t crossed{0};                                   //!< of which crossed instances
    std::map<std::pair<int, uint16_t>, uint32_t> bySecond; //!< (second, instance) -> packets

    /// Listen to \p routing's Forward trace.
    void Attach(Ptr<RtmIpv4Routing> routing)
    {
        vr = routing;
        vr->TraceConnectWithoutContext("Forward", MakeBoundCallback(&CrossingLog::On, this));
    }

    static void On(CrossingLog* self,
                   Ptr<const Packet>,
                   const Ipv4Header&,
                   int32_t iif,
                   uint32_t oif)
    {
        ++self->forwarded;
        uint16_t in = self->vr->GetInstanceOfInterface(iif);
        self->crossed += in != self->vr->GetInstanceOfInterface(oif);
        ++self->bySecond[{static_cast<int>(Simulator::Now().GetSeconds()), in}];
    }
};

/*
 * Issue 10, behaviour 1 (regression): a client of instance 0 has 10.100.0.0/16 via H3 on V's
 * third device; at 2 s RtmHelper::AssignDevice gives that device to instance 1. From then on
 * instance 0 must not send anything out of it: H1's packets (instance 0) are dropped at V and
 * counted, H3 gets only those forwarded before the move. The move is an event: instance 0 hears
 * the interface go down and loses its connected routes, instance 1 hears it come up.
 *
 *   H1 --10.1.0.0/24-- V --10.3.0.0/24-- H3 (10.3.0.2, 10.100.0.1)
 *                      |
 *                      +--10.2.0.0/24-- H2
 */
TEST(RtmVirtualRouterSim, DeviceMoveStopsTheOldInstanceUsingIt)
{
    FreshSimulation();
    RtmHelper rtm;
    NodeContainer n = MakeRtmNodes(4, rtm);
    Ptr<Node> v = n.Get(0), h1 = n.Get(1), h2 = n.Get(2), h3 = n.Get(3);
    Link l1 = P2p(v, h1, "10.1.0.0/24");
    Link l2 = P2p(v, h2, "10.2.0.0/24");
    Link l3 = P2p(v, h3, "10.3.0.0/24");
    Ipv4Of(h3)->AddAddress(l3.ifB, Ipv4InterfaceAddress("10.100.0.1", "255.255.255.255"));
    SimClient c1, c0;
    ASSERT_EQ(c1.Register(h1), RtmStatus::Success);
    c1.Add("0.0.0.0/0", {"10.1.0.1"});
    ASSERT_EQ(c0.Register(v, 0), RtmStatus::Success);
    c0.Add("10.100.0.0/16", {"10.3.0.2"});
    Ptr<RtmRouter> router = RouterOf(v);
    InterfaceEvents ev;
    ev.Attach(router);
    RtmSchedule(Seconds(2), [&]() { EXPECT_TRUE(rtm.AssignDevice(v, l3.devA->GetIfIndex(), 1)); });

    RtmTraceLog log;
    log.Attach(v);
    UdpReceiver rx(h3, 9);
    UdpSender tx(h1, 5000);
    tx.Schedule(Ipv4Address("10.100.0.1"), 9, 200, Seconds(1.005), MilliSeconds(10)); // to 2.995
    Simulator::Stop(Seconds(4));
    Simulator::Run();

    Ptr<RtmIpv4Routing> vr = RtmOf(v);
    EXPECT_EQ(vr->GetInstanceOfInterface(l3.ifA), 1);
    uint32_t before = 0, after = 0;
    for (const auto& f : log.forwards)
    {
        EXPECT_LT(f.t, Seconds(2)) << "instance 0 forwarded out of a device it gave away";
        before += f.t < Seconds(2) && f.oif == l3.ifA;
        after += f.t >= Seconds(2);
    }
    EXPECT_EQ(before, 100u);
    EXPECT_EQ(after, 0u);
    EXPECT_EQ(rx.received, 100u);
    uint32_t dropped = 0;
    for (const auto& d : log.drops)
    {
        dropped += d.t >= Seconds(2) && d.iif == static_cast<int32_t>(l1.ifB);
    }
    EXPECT_EQ(dropped, 100u);
    // The move was an event for both instances.
    auto down0 = std::make_tuple(uint16_t(0), uint16_t(RTM_AF_INET), l3.ifA, false);
    auto up1 = std::make_tuple(uint16_t(1), uint16_t(RTM_AF_INET), l3.ifA, true);
    auto d0 = std::find(ev.events.begin(), ev.events.end(), down0);
    auto u1 = std::find(ev.events.begin(), ev.events.end(), up1);
    ASSERT_NE(d0, ev.events.end());
    ASSERT_NE(u1, ev.events.end());
    EXPECT_LT(d0 - ev.events.begin(), u1 - ev.events.begin());
    EXPECT_FALSE(router->GetInstance(0)->OwnsInterface(RTM_AF_INET, l3.ifA));
    EXPECT_TRUE(router->GetInstance(1)->OwnsInterface(RTM_AF_INET, l3.ifA));
    RtmDestInfo info;
    EXPECT_EQ(router->GetInstance(0)->Lookup(Prefix("10.3.0.2/32"), RTM_VIEW_ID_UCAST, info),
              RtmStatus::NotFound);
    EXPECT_EQ(router->GetInstance(1)->Lookup(Prefix("10.3.0.2/32"), RTM_VIEW_ID_UCAST, info),
              RtmStatus::Success);
    (void)l2;
    Simulator::Destroy();
}

/*
 * Devices move back and forth during a run with traffic in both instances. V has H1 (instance 0),
 * H3 (instance 1) and a device D toward H5 (10.50.0.1) that starts in instance 0, moves to
 * instance 1 at 2 s (RtmRouter::MoveDevice), back to 0 at 3 s and to 1 at 4 s. Both instances
 * route 10.50.0.0/16 to H5 once they have owned D. H1 and H3 send all along. Whatever instance D
 * is in, only that instance's packets reach H5; no packet ever leaves V in another instance than
 * it arrived in; everything else is a counted drop at V.
 */
TEST(RtmVirtualRouterSim, DeviceMovesDuringARunNeverLetPacketsCrossInstances)
{
    FreshSimulation();
    RtmHelper rtm;
    NodeContainer n = MakeRtmNodes(4, rtm);
    Ptr<Node> v = n.Get(0), h1 = n.Get(1), h3 = n.Get(2), h5 = n.Get(3);
    NetDeviceContainer d3 = P2pDevices(v, h3);
    ASSERT_TRUE(rtm.AssignDevice(v, d3.Get(0)->GetIfIndex(), 1));
    Link l1 = P2p(v, h1, "10.1.0.0/24");
    uint32_t if3 = AddAddress(d3.Get(0), "10.1.0.1/24"); // the same subnet in instance 1
    uint32_t h3if = AddAddress(d3.Get(1), "10.1.0.2/24");
    Link l5 = P2p(v, h5, "10.5.0.0/24");
    Ipv4Of(h5)->AddAddress(l5.ifB, Ipv4InterfaceAddress("10.50.0.1", "255.255.255.255"));
    Ptr<RtmIpv4Routing> vr = RtmOf(v);
    Ptr<RtmRouter> router = RouterOf(v);
    ASSERT_EQ(vr->GetInstanceOfInterface(if3), 1);
    ASSERT_EQ(vr->GetInstanceOfInterface(l5.ifA), 0);
    (void)h3if;

    SimClient c1, c3, v0, v1;
    ASSERT_EQ(c1.Register(h1), RtmStatus::Success);
    ASSERT_EQ(c3.Register(h3), RtmStatus::Success);
    c1.Add("0.0.0.0/0", {"10.1.0.1"});
    c3.Add("0.0.0.0/0", {"10.1.0.1"});
    ASSERT_EQ(v0.Register(v, 0), RtmStatus::Success);
    ASSERT_EQ(v1.Register(v, 1), RtmStatus::Success);
    v0.Add("10.50.0.0/16", {"10.5.0.2"});
    uint32_t dev5 = l5.devA->GetIfIndex();
    RtmSchedule(Seconds(2), [&]() {
        router->MoveDevice(dev5, 1);
        v1.AddWith("10.50.0.0/16", {v1.NextHop(Ipv4Address("10.5.0.2"), l5.ifA)});
    });
    RtmSchedule(Seconds(3), [&]() { router->MoveDevice(dev5, 0); });
    RtmSchedule(Seconds(4), [&]() { router->MoveDevice(dev5, 1); });

    CrossingLog crossing;
    crossing.Attach(vr);
    UdpReceiver rx(h5, 9);
    UdpSender s1(h1, 1001), s3(h3, 1003);
    Ipv4Address dst("10.50.0.1");
    s1.Schedule(dst, 9, 400, Seconds(1.005), MilliSeconds(10)); // 1.005 .. 4.995
    s3.Schedule(dst, 9, 400, Seconds(1.007), MilliSeconds(10));
    Simulator::Stop(Seconds(6));
    Simulator::Run();

    EXPECT_EQ(crossing.crossed, 0u);
    // D in instance 0 during [1, 2) and [3, 4): only H1's packets; in instance 1 during [2, 3)
    // and [4, 5): only H3's.
    for (int s = 1; s <= 4; ++s)
    {
        uint16_t owner = (s == 2 || s == 4) ? 1 : 0;
        EXPECT_EQ((crossing.bySecond[{s, owner}]), 100u) << "second " << s;
        EXPECT_EQ((crossing.bySecond[{s, uint16_t(1 - owner)}]), 0u) << "second " << s;
    }
    EXPECT_EQ(crossing.forwarded, 400u);
    EXPECT_EQ(rx.received, 400u);
    EXPECT_EQ(rx.From(l1.addrB, 1001), 200u);
    EXPECT_EQ(rx.From(Ipv4Address("10.1.0.2"), 1003), 200u);
    uint64_t drops = 0;
    for (uint32_t r = 0; r < static_cast<uint32_t>(RtmDropReason::Count); ++r)
    {
        drops += vr->GetDropCount(static_cast<RtmDropReason>(r));
    }
    EXPECT_EQ(drops, 800u - 400u);
    Simulator::Destroy();
}

/*
 * A virtual router originates its own traffic (issue 10): a socket on V bound to an address of
 * an instance-1 interface (10.77.0.1, on V's interface toward H4) sends to 10.201.0.1, which only
 * instance 1 routes, and to 10.200.0.5, which both instances route (to H2 in instance 0, to H4 in
 * instance 1). Both go through instance 1, to H4.
 */
TEST(RtmVirtualRouterSim, SocketBoundToAVirtualRoutersAddressUsesItsInstance)
{
    FreshSimulation();
    VrNet t;
    BuildVr(t);
    Ipv4Of(t.v)->AddAddress(t.vIfs[3], Ipv4InterfaceAddress("10.77.0.1", "255.255.255.255"));
    Ptr<RtmIpv4Routing> vr = RtmOf(t.v);

    // RouteOutput itself: a header with the source set and no device.
    Ipv4Header h;
    h.SetSource(Ipv4Address("10.77.0.1"));
    h.SetDestination(Ipv4Address("10.200.0.5"));
    h.SetProtocol(17);
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route = vr->RouteOutput(Create<Packet>(8), h, nullptr, err);
    ASSERT_TRUE(route);
    EXPECT_EQ(route->GetOutputDevice(), t.vDevs[3]);

    RtmTraceLog log;
    log.Attach(t.v);
    UdpReceiver r2(t.h2, 9), r4(t.h4, 9);
    Ptr<Socket> s = Socket::CreateSocket(t.v, UdpSocketFactory::GetTypeId());
    ASSERT_EQ(s->Bind(InetSocketAddress(Ipv4Address("10.77.0.1"), 4000)), 0);
    uint32_t sent = 0;
    for (int i = 0; i < 5; ++i)
    {
        RtmSchedule(Seconds(1) + MilliSeconds(10 * i), [&]() {
            sent += s->SendTo(Create<Packet>(50), 0, InetSocketAddress("10.201.0.1", 9)) > 0;
            sent += s->SendTo(Create<Packet>(50), 0, InetSocketAddress("10.200.0.5", 9)) > 0;
        });
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(sent, 10u);
    EXPECT_EQ(r4.received, 10u);
    EXPECT_EQ(r4.From(Ipv4Address("10.77.0.1"), 4000), 10u);
    EXPECT_EQ(r2.received, 0u);
    EXPECT_TRUE(log.drops.empty());
    Simulator::Destroy();
}

/*
 * A route that still names an interface of another instance is never followed: here a user
 * gives instance 1 an interface whose device belongs to instance 0 by hand
 * (RtmInstance::AddInterface), so a client of instance 1 can put a next hop on it. The forwarding
 * plane knows better: H3's packets (instance 1) to that route are dropped as ForeignInterface,
 * counted and traced, and never reach instance 0's H1.
 */
TEST(RtmVirtualRouterSim, RouteThroughAnotherInstancesInterfaceIsAForeignInterfaceDrop)
{
    FreshSimulation();
    VrNet t;
    BuildVr(t);
    Ptr<RtmInstance> i1 = RouterOf(t.v)->GetInstance(1);
    i1->AddInterface(RTM_AF_INET, t.vIfs[0]);
    RtmStatus st;
    RtmNextHopHandle hop = t.v1.NextHop(Ipv4Address("10.1.0.2"), t.vIfs[0], 0, &st);
    ASSERT_EQ(st, RtmStatus::Success);
    t.v1.AddWith("10.202.0.0/16", {hop});
    Ipv4Of(t.h1)->AddAddress(1, Ipv4InterfaceAddress("10.202.0.1", "255.255.255.255"));

    RtmTraceLog log;
    log.Attach(t.v);
    UdpReceiver r1(t.h1, 9);
    UdpSender s3(t.h3, 1003);
    s3.Schedule(Ipv4Address("10.202.0.1"), 9, 6, Seconds(1));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    Ptr<RtmIpv4Routing> vr = RtmOf(t.v);
    EXPECT_EQ(r1.received, 0u);
    EXPECT_EQ(vr->GetDropCount(RtmDropReason::ForeignInterface), 6u);
    EXPECT_EQ(log.Dropped(t.v->GetId(), RtmDropReason::ForeignInterface), 6u);
    for (const auto& d : log.drops)
    {
        EXPECT_EQ(d.iif, static_cast<int32_t>(t.vIfs[2]));
    }
    EXPECT_TRUE(log.forwards.empty());
    EXPECT_EQ(RtmDropReasonName(RtmDropReason::ForeignInterface), std::string("ForeignInterface"));
    Simulator::Destroy();
}

} // namespace
