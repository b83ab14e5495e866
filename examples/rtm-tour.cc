/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-tour: a guided tour of the rtm module, printed step by step.
 *
 * Part "core": one RTM instance and two clients (a RIP-like and an OSPF-like protocol) share a
 * routing table: preferences decide the best route per view, changes arrive as pulled and
 * coalesced notifications, a hold-down keeps a deleted route, a route expires.
 * Part "forwarding": a router with two virtual routers (RTM instances) forwards real UDP
 * traffic in both families, each instance on its own interfaces with overlapping prefixes, and
 * forwards a multicast stream after the reverse-path check on the multicast view.
 * Part "protocols": static routes, RIPv2 on the wire and the link-state client on one network;
 * preferences pick the best route, a link failure and a withdrawn route move it.
 *
 *   ./rtm-tour [--part=all|core|forwarding|protocols] [--verbose]
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-module.h"
#include "ns3/rtm-network-module.h"
#include "ns3/rtm-ns3-compat.h"

#include <iostream>

using namespace ns3;

namespace
{

bool g_verbose = false;

RtmNetAddress
Addr(const std::string& text)
{
    RtmNetAddress a;
    if (!RtmNetAddress::Parse(text, a))
    {
        NS_FATAL_ERROR("bad address " << text);
    }
    return a;
}

void
Say(const std::string& text)
{
    std::cout << text << std::endl;
}

void
Step(const std::string& title)
{
    std::cout << "\n== " << title << " ==" << std::endl;
}

/// A protocol client of the tour: registration, one next hop and an event log.
struct TourClient
{
    std::string name;
    Ptr<RtmRegistration> reg;
    RtmNextHopHandle nextHop;
    RtmNotifyHandle notify;

    RtmStatus OnEvent(const RtmEvent& ev)
    {
        std::cout << "   [" << Simulator::Now().As(Time::S) << "] " << name << " gets "
                  << RtmEventTypeName(ev.type) << std::endl;
        if (ev.type == RtmEventType::ChangeNotification)
        {
            Pull();
        }
        if (ev.type == RtmEventType::RouteExpired)
        {
            std::cout << "      its route expired; answering NotSupported: RTM deletes it"
                      << std::endl;
            return RtmStatus::NotSupported;
        }
        return RtmStatus::Success;
    }

    void Pull()
    {
        std::vector<RtmDestInfo> dests;
        RtmStatus st;
        do
        {
            uint32_t num = 16;
            st = reg->GetChangedDests(notify, num, dests);
            for (const auto& d : dests)
            {
                std::cout << "      changed: " << d.destAddress;
                for (const auto& v : d.viewInfo)
                {
                    RtmEntityInfo owner;
                    std::string who = "none";
                    if (!v.route.IsNull() &&
                        reg->GetEntityInfo(v.owner, owner) == RtmStatus::Success)
                    {
                        who = RtmProtocolName(owner.entityId.entityProtocolId);
                    }
                    std::cout << (v.viewId == RTM_VIEW_ID_UCAST ? "  unicast best: "
                                                                : "  multicast best: ")
                              << who << " (" << v.numRoutes << " routes)";
                    if (!v.holdRoute.IsNull())
                    {
                        std::cout << " [holding a deleted route]";
                    }
                }
                std::cout << std::endl;
            }
        } while (st == RtmStatus::Success);
    }
};

void
RunFor(Time t)
{
    Simulator::Stop(t);
    Simulator::Run();
}

void
PrintTable(Ptr<RtmInstance> inst)
{
    std::cout << "   table now:" << std::endl;
    inst->Print(std::cout);
}

void
CoreTour()
{
    Step("1. An RTM instance and two clients");
    Ptr<RtmInstance> inst = CreateObject<RtmInstance>();
    inst->AddInterface(RTM_AF_INET, 1); // IPv4 interfaces 1 and 2 (IPv6 counts its own)
    inst->AddInterface(RTM_AF_INET, 2);
    auto rip = std::make_shared<TourClient>();
    auto ospf = std::make_shared<TourClient>();
    rip->name = "RIP";
    ospf->name = "OSPF";
    RtmRegnProfile profile;
    RtmEntityInfo info;
    info.addressFamily = RTM_AF_INET;
    info.entityId.entityProtocolId = RTM_PROTO_IP_RIP;
    inst->RegisterEntity(
        info,
        {},
        RtmAsCallback<RtmEventCallback>([rip](const RtmEvent& e) { return rip->OnEvent(e); }),
        false,
        profile,
        rip->reg);
    info.entityId.entityProtocolId = RTM_PROTO_IP_OSPF;
    inst->RegisterEntity(
        info,
        {},
        RtmAsCallback<RtmEventCallback>([ospf](const RtmEvent& e) { return ospf->OnEvent(e); }),
        false,
        profile,
        ospf->reg);
    rip->reg->SetDefaultPreference(120);
    ospf->reg->SetDefaultPreference(110);
    Say("   RIP registered (default preference 120), OSPF registered (110).");
    Say("   Profile: MaxNextHopsInRoute=" + std::to_string(profile.maxNextHopsInRoute) +
        ", MaxHandlesInEnum=" + std::to_string(profile.maxHandlesInEnum) +
        ", views=" + std::to_string(profile.numberOfViews));
    rip->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ALL,
                                            RTM_CHANGE_TYPE_BEST,
                                            0,
                                            rip->notify);
    ospf->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ALL,
                                             RTM_CHANGE_TYPE_BEST,
                                             0,
                                             ospf->notify);
    RunFor(Seconds(1)); // deliver the registration events

    Step("2. Each client adds a next hop and a route to 10.1.0.0/16");
    uint32_t flags = 0;
    RtmNextHopInfo nh;
    nh.nextHopAddress = Addr("192.168.1.2");
    nh.interfaceIndex = 1;
    rip->reg->AddNextHop(nh, rip->nextHop, flags);
    nh.nextHopAddress = Addr("192.168.2.2");
    nh.interfaceIndex = 2;
    ospf->reg->AddNextHop(nh, ospf->nextHop, flags);
    RtmRouteInfo route;
    route.prefInfo.metric = 2;
    route.nextHops = {rip->nextHop};
    RtmRouteHandle ripRoute;
    flags = 0;
    rip->reg->AddRouteToDest(ripRoute, Addr("10.1.0.0/16"), route, RTM_INFINITE, {}, flags);
    Say("   RIP added it first (metric 2).");
    route.prefInfo.metric = 20;
    route.nextHops = {ospf->nextHop};
    RtmRouteHandle ospfRoute;
    flags = 0;
    ospf->reg->AddRouteToDest(ospfRoute, Addr("10.1.0.0/16"), route, RTM_INFINITE, {}, flags);
    Say("   OSPF added it second (metric 20): preference 110 beats 120, metric is not compared.");
    Say("   Notifications are signalled once and pulled; ten changes to one destination would");
    Say("   still be one record (coalescing):");
    RunFor(Seconds(1));
    PrintTable(inst);

    Step("3. Views: OSPF's route leaves the multicast view");
    route.belongsToViews = RTM_VIEW_MASK_UCAST;
    flags = 0;
    ospf->reg->UpdateRoute(ospfRoute, route, RTM_INFINITE, {}, flags);
    Say("   Unicast still uses OSPF; the multicast view (RPF) now uses RIP's route.");
    RunFor(Seconds(1));

    Step("4. Hold-down: RIP arms 10.1.0.0/16, then withdraws its route");
    RtmDestInfo dest;
    rip->reg->GetExactMatchDestination(Addr("10.1.0.0/16"),
                                       RTM_BEST_PROTOCOL,
                                       RTM_VIEW_MASK_ALL,
                                       dest);
    rip->reg->HoldDestination(dest.destHandle, RTM_VIEW_MASK_MCAST, 120000);
    flags = 0;
    rip->reg->DeleteRouteToDest(ripRoute, flags);
    Say("   It was the last multicast route: it becomes the multicast view's hold route for");
    Say("   120 s (never used for forwarding; hold-down protocols keep advertising it as gone).");
    RunFor(Seconds(1));
    PrintTable(inst);

    Step("5. Ageing: OSPF adds 10.9.0.0/16 with a 5-second time to live");
    RtmRouteHandle shortLived;
    route.belongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    flags = 0;
    ospf->reg->AddRouteToDest(shortLived, Addr("10.9.0.0/16"), route, 5000, {}, flags);
    RunFor(Seconds(200));
    Say("   After 200 s: the route expired at 5 s and the hold ended at 120 s (both above).");
    PrintTable(inst);

    Step("6. RIP leaves; RTM removes whatever it still owned and tells OSPF");
    rip->reg->Deregister();
    RunFor(Seconds(1));
    inst->Dispose();
    Simulator::Destroy();
}

/// Counts packets received by an application sink.
void
CountRx(uint32_t* counter, Ptr<const Packet>, const Address&)
{
    ++*counter;
}

/// A UDP sink on \p node, port \p port, counting into \p counter.
void
Sink(Ptr<Node> node, const Address& any, uint32_t* counter)
{
    PacketSinkHelper sink("ns3::UdpSocketFactory", any);
    ApplicationContainer app = sink.Install(node);
    app.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, counter));
}

/// A one-second constant-rate UDP flow from \p node to \p to, starting at \p start.
void
Flow(Ptr<Node> node, const Address& to, double start)
{
    OnOffHelper onoff("ns3::UdpSocketFactory", to);
    onoff.SetConstantRate(DataRate("100kbps"), 500);
    onoff.SetAttribute("StartTime", TimeValue(Seconds(start)));
    onoff.SetAttribute("StopTime", TimeValue(Seconds(start + 1)));
    onoff.Install(node);
}

void
ForwardingTour()
{
    Step("7. A router with two virtual routers (RTM instances 0 and 1), IPv4 and IPv6");
    // a0 -- R -- b0   (instance 0)          a1 -- R -- b1   (instance 1)
    // Both instances use the SAME prefixes: 10.0.1.0/24, 10.0.2.0/24, fd00:1::/64,
    // fd00:2::/64.
    NodeContainer hosts;
    hosts.Create(4); // a0 b0 a1 b1
    Ptr<Node> r = CreateObject<Node>();
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer links[4];
    for (int i = 0; i < 4; ++i)
    {
        links[i] = p2p.Install(hosts.Get(i), r);
    }
    RtmHelper rtm;
    rtm.AssignDevice(r, links[2].Get(1)->GetIfIndex(), 1);
    rtm.AssignDevice(r, links[3].Get(1)->GetIfIndex(), 1);
    RtmIpv6Helper rtm6(rtm);
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.SetRoutingHelper(rtm6);
    stack.Install(hosts);
    stack.Install(r);
    // Overlapping address plans cannot go through the address helpers (they refuse duplicates
    // across the whole simulation), so the addresses are set by hand.
    const char* v4[] = {"10.0.1", "10.0.2", "10.0.1", "10.0.2"};
    const char* v6[] = {"fd00:1::", "fd00:2::", "fd00:1::", "fd00:2::"};
    for (int i = 0; i < 4; ++i)
    {
        for (int side = 0; side < 2; ++side)
        {
            Ptr<NetDevice> dev = links[i].Get(side);
            Ptr<Ipv4> ip = dev->GetNode()->GetObject<Ipv4>();
            int32_t ifIndex = ip->AddInterface(dev);
            std::string a = std::string(v4[i]) + (side == 0 ? ".1" : ".2");
            ip->AddAddress(ifIndex, Ipv4InterfaceAddress(Ipv4Address(a.c_str()), "255.255.255.0"));
            ip->SetUp(ifIndex);
            Ptr<Ipv6> ip6 = dev->GetNode()->GetObject<Ipv6>();
            int32_t if6 = ip6->AddInterface(dev);
            std::string a6 = std::string(v6[i]) + (side == 0 ? "1" : "2");
            ip6->AddAddress(if6, Ipv6InterfaceAddress(Ipv6Address(a6.c_str()), Ipv6Prefix(64)));
            ip6->SetUp(if6);
            ip6->SetForwarding(if6, side == 1);
        }
    }
    for (int i = 0; i < 4; ++i)
    {
        RtmStaticRoutingHelper::AddRoute(hosts.Get(i), "0.0.0.0/0", std::string(v4[i]) + ".2", 1);
        RtmStaticRoutingHelper::AddRoute(hosts.Get(i), "::/0", std::string(v6[i]) + "2", 1);
    }
    // Multicast: group 225.1.1.1 flows from each a host to its b host, in each instance. The
    // forwarding entry says where copies go; the multicast view decides where they may come from.
    Ptr<RtmRouter> manager = r->GetObject<RtmRouter>();
    Ptr<Ipv4> rip = r->GetObject<Ipv4>();
    RtmNetAddress anySource;
    anySource.addressFamily = RTM_AF_INET;
    RtmNetAddress group = RtmNetAddress::FromIpv4(Ipv4Address("225.1.1.1"));
    manager->AddMulticastRoute(0, anySource, group, {2});
    manager->AddMulticastRoute(1, anySource, group, {4});
    Say("   Each host has default routes to R (IPv4 and IPv6); R's devices 3 and 4 belong to");
    Say("   instance 1. R's table, per instance, per family, per view:");
    Ptr<OutputStreamWrapper> out = Create<OutputStreamWrapper>(&std::cout);
    Ipv4RoutingHelper::PrintRoutingTableAt(Seconds(0.5), r, out);
    Ipv6RoutingHelper::PrintRoutingTableAt(Seconds(0.5), r, out);

    uint32_t rx4[4] = {0, 0, 0, 0};
    uint32_t rx6[4] = {0, 0, 0, 0};
    uint32_t rxm[4] = {0, 0, 0, 0};
    for (int i : {1, 3})
    {
        Sink(hosts.Get(i), InetSocketAddress(Ipv4Address::GetAny(), 9), &rx4[i]);
        Sink(hosts.Get(i), Inet6SocketAddress(Ipv6Address::GetAny(), 10), &rx6[i]);
        Sink(hosts.Get(i), InetSocketAddress(Ipv4Address::GetAny(), 11), &rxm[i]);
    }
    for (int i : {0, 2})
    {
        Flow(hosts.Get(i), InetSocketAddress(Ipv4Address("10.0.2.1"), 9), 1);
        Flow(hosts.Get(i), Inet6SocketAddress(Ipv6Address("fd00:2::1"), 10), 3);
        Flow(hosts.Get(i), InetSocketAddress(Ipv4Address("225.1.1.1"), 11), 5);
    }
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    Ptr<RtmIpv4Routing> fwd = r->GetObject<RtmIpv4Routing>();
    Ptr<RtmIpv6Routing> fwd6 = r->GetObject<RtmIpv6Routing>();
    std::cout << "   a0 and a1 both sent to the same addresses, one second each:\n"
              << "     IPv4 unicast 10.0.2.1:      b0 got " << rx4[1] << ", b1 got " << rx4[3]
              << "\n     IPv6 unicast fd00:2::1:     b0 got " << rx6[1] << ", b1 got " << rx6[3]
              << "\n     IPv4 multicast 225.1.1.1:   b0 got " << rxm[1] << ", b1 got " << rxm[3]
              << " (after the RPF check on the multicast view; RPF drops: "
              << fwd->GetDropCount(RtmDropReason::RpfFailure) << ")\n"
              << "   R forwarded " << fwd->GetForwardCount() << " IPv4 and "
              << fwd6->GetForwardCount() << " IPv6 packets, each within its own instance."
              << std::endl;
    Simulator::Destroy();
}

/// Print the routes of one prefix at one router, with their owners.
void
ShowPrefix(Ptr<Node> node, const std::string& prefix)
{
    Ptr<RtmInstance> inst = node->GetObject<RtmRouter>()->GetInstance(0);
    Ptr<RtmRegistration> reg = RtmStaticRoutingHelper::GetStaticClient(node)->GetRegistration();
    RtmDestInfo dest;
    std::cout << "   [" << Simulator::Now().As(Time::S) << "] routes to " << prefix << " at node "
              << node->GetId() << ":";
    if (reg->GetExactMatchDestination(Addr(prefix), RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, dest) !=
        RtmStatus::Success)
    {
        std::cout << " none" << std::endl;
        return;
    }
    RtmEnumHandle en;
    reg->CreateRouteEnum(dest.destHandle,
                         RTM_VIEW_MASK_UCAST,
                         RTM_ENUM_START,
                         nullptr,
                         RTM_MATCH_NONE,
                         nullptr,
                         0,
                         en);
    std::vector<RtmRouteHandle> routes;
    uint32_t num = 16;
    reg->GetEnumRoutes(en, num, routes);
    reg->DeleteEnumHandle(en);
    for (const auto& h : routes)
    {
        RtmRouteInfo info;
        RtmEntityInfo owner;
        reg->GetRouteInfo(h, &info);
        reg->GetEntityInfo(info.routeOwner, owner);
        uint32_t p = owner.entityId.entityProtocolId;
        std::string name = p == RTM_PROTO_IP_LOCAL     ? "connected"
                           : p == RTM_PROTO_IP_NETMGMT ? "static"
                           : p == RTM_PROTO_IP_RIP     ? "RIP"
                           : p == RTM_PROTO_NS3_GRAPH  ? "link-state"
                                                       : std::to_string(p);
        std::cout << (h == dest.viewInfo[0].route ? "  *" : "   ") << name << " (pref "
                  << info.prefInfo.preference << ", metric " << info.prefInfo.metric << ")";
    }
    std::cout << std::endl;
}

void
ProtocolsTour()
{
    Step("8. Protocols as clients: static, RIPv2 and link-state routes on one network");
    // A ring of four routers, each with a stub LAN (10.9.i.0/24):
    //   R0 -- R1
    //   |      |
    //   R3 -- R2
    NodeContainer routers;
    routers.Create(4);
    NodeContainer lanHosts;
    lanHosts.Create(4);
    PointToPointHelper p2p;
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    RtmHelper rtm;
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.SetIpv6StackInstall(false);
    stack.Install(routers);
    stack.Install(lanHosts);
    Ipv4AddressHelper addr;
    NetDeviceContainer ring[4];
    for (int i = 0; i < 4; ++i)
    {
        ring[i] = p2p.Install(routers.Get(i), routers.Get((i + 1) % 4));
        addr.SetBase(("10.0." + std::to_string(i) + ".0").c_str(), "255.255.255.252");
        addr.Assign(ring[i]);
    }
    for (int i = 0; i < 4; ++i)
    {
        NetDeviceContainer lan = p2p.Install(routers.Get(i), lanHosts.Get(i));
        addr.SetBase(("10.9." + std::to_string(i) + ".0").c_str(), "255.255.255.0");
        addr.Assign(lan);
        RtmStaticRoutingHelper::AddRoute(lanHosts.Get(i),
                                         "0.0.0.0/0",
                                         "10.9." + std::to_string(i) + ".1",
                                         1);
    }
    Say("   RIP runs on every router (preference 120) and advertises the connected LANs.");
    RtmRipHelper rip;
    rip.Install(routers);
    Say("   The link-state client computes shortest paths with Boost.Graph (preference 110).");
    RtmGraphRoutingHelper graph;
    graph.Install(routers);
    Say("   R0 also has a static route to 10.9.2.0/24 via R3 (preference 3), and a static");
    Say("   blackhole for 192.0.2.0/24.");
    RtmStaticRoutingHelper::AddRoute(routers.Get(0), "10.9.2.0/24", "10.0.3.1", 2);
    RtmStaticRoutingHelper::AddRoute(routers.Get(0),
                                     "192.0.2.0/24",
                                     "",
                                     0,
                                     0,
                                     0,
                                     RTM_VIEW_MASK_UCAST,
                                     RTM_ROUTE_FLAGS_BLACKHOLE);
    Simulator::Schedule(Seconds(40), &ShowPrefix, routers.Get(0), "10.9.1.0/24");
    Simulator::Schedule(Seconds(40), &ShowPrefix, routers.Get(0), "10.9.2.0/24");
    RtmSchedule(Seconds(40), [routers]() {
        Say("   The link R0-R1 goes down: the link-state client recomputes at once, RIP withdraws");
        Say("   what it learnt over it; traffic to 10.9.1.0/24 goes round the ring.");
        routers.Get(0)->GetObject<Ipv4>()->SetDown(1);
        routers.Get(1)->GetObject<Ipv4>()->SetDown(1);
    });
    Simulator::Schedule(Seconds(41), &ShowPrefix, routers.Get(0), "10.9.1.0/24");
    RtmSchedule(Seconds(60), [routers]() {
        Say("   The static route is withdrawn; the link-state route to 10.9.2.0/24 is promoted.");
        RtmStaticRoutingHelper::RemoveRoute(routers.Get(0), "10.9.2.0/24");
    });
    Simulator::Schedule(Seconds(61), &ShowPrefix, routers.Get(0), "10.9.2.0/24");
    uint32_t rx = 0;
    Sink(lanHosts.Get(1), InetSocketAddress(Ipv4Address::GetAny(), 9), &rx);
    Flow(lanHosts.Get(0), InetSocketAddress(Ipv4Address("10.9.1.2"), 9), 42);
    Simulator::Stop(Seconds(65));
    Simulator::Run();
    std::cout << "   After the failure, host 0 sent to host 1 round the ring: " << rx
              << " packets arrived." << std::endl;
    Ptr<RtmRipClient> r0 = RtmRipHelper::GetRipClient(routers.Get(0));
    std::cout << "   R0's full table at the end:" << std::endl;
    routers.Get(0)->GetObject<RtmRouter>()->Print(std::cout);
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string part = "all";
    CommandLine cmd(__FILE__);
    cmd.AddValue("part", "which part of the tour: all, core, forwarding, protocols", part);
    cmd.AddValue("verbose", "enable RTM logging", g_verbose);
    cmd.Parse(argc, argv);
    if (g_verbose)
    {
        LogComponentEnable("RtmIpv4Routing", LOG_LEVEL_INFO);
        LogComponentEnable("RtmInstance", LOG_LEVEL_INFO);
    }
    std::cout << "rtm-tour: the Routing Table Manager (RTMv2 architecture) in ns-3" << std::endl;
    if (part == "all" || part == "core")
    {
        CoreTour();
    }
    if (part == "all" || part == "forwarding")
    {
        ForwardingTour();
    }
    if (part == "all" || part == "protocols")
    {
        ProtocolsTour();
    }
    return 0;
}
