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
