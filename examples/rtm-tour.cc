/*
 * rtm-tour: a guided tour of the rtm module, printed step by step.
 *
 * Part "core": one RTM instance and two clients (a RIP-like and an OSPF-like protocol) share a
 * routing table: preferences decide the best route per view, changes arrive as pulled and
 * coalesced notifications, a hold-down keeps a deleted route, a route expires.
 * Part "forwarding": a router with two virtual routers (RTM instances) forwards real UDP
 * traffic, each instance on its own interfaces with overlapping prefixes, and forwards a
 * multicast stream after the reverse-path check on the multicast view.
 *
 *   ./rtm-tour [--part=all|core|forwarding] [--verbose]
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-module.h"

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
                        who = "protocol " + std::to_string(owner.entityId.entityProtocolId);
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
    inst->AddInterface(1);
    inst->AddInterface(2);
    auto rip = std::make_shared<TourClient>();
    auto ospf = std::make_shared<TourClient>();
    rip->name = "RIP";
    ospf->name = "OSPF";
    RtmRegnProfile profile;
    RtmEntityInfo info;
    info.addressFamily = RTM_AF_INET;
    info.entityId.entityProtocolId = RTM_PROTO_IP_RIP;
    inst->RegisterEntity(info,
                         {},
                         RtmEventCallback([rip](const RtmEvent& e) { return rip->OnEvent(e); }),
                         false,
                         profile,
                         rip->reg);
    info.entityId.entityProtocolId = 13; // PROTO_IP_OSPF
    inst->RegisterEntity(info,
                         {},
                         RtmEventCallback([ospf](const RtmEvent& e) { return ospf->OnEvent(e); }),
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

void
ForwardingTour()
{
    Step("7. A router with two virtual routers (RTM instances 0 and 1)");
    // a0 -- R -- b0   (instance 0)          a1 -- R -- b1   (instance 1)
    // Both instances use the SAME prefixes 10.0.1.0/24 and 10.0.2.0/24.
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
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.Install(hosts);
    stack.Install(r);
    // Overlapping address plans cannot go through Ipv4AddressHelper (it refuses duplicates
    // across the whole simulation), so the addresses are set by hand.
    const char* subnets[] = {"10.0.1", "10.0.2", "10.0.1", "10.0.2"};
    for (int i = 0; i < 4; ++i)
    {
        for (int side = 0; side < 2; ++side)
        {
            Ptr<NetDevice> dev = links[i].Get(side);
            Ptr<Ipv4> ip = dev->GetNode()->GetObject<Ipv4>();
            int32_t ifIndex = ip->AddInterface(dev);
            std::string a = std::string(subnets[i]) + (side == 0 ? ".1" : ".2");
            ip->AddAddress(ifIndex, Ipv4InterfaceAddress(Ipv4Address(a.c_str()), "255.255.255.0"));
            ip->SetUp(ifIndex);
        }
    }
    for (int i = 0; i < 4; ++i)
    {
        RtmStaticRoutingHelper::AddRoute(hosts.Get(i),
                                         "0.0.0.0/0",
                                         std::string(subnets[i]) + ".2",
                                         1);
    }
    Say("   Each host has a default route to R; R's interfaces 3 and 4 belong to instance 1.");
    Ptr<OutputStreamWrapper> out = Create<OutputStreamWrapper>(&std::cout);
    Ipv4RoutingHelper::PrintRoutingTableAt(Seconds(0.5), r, out);

    uint32_t rx[4] = {0, 0, 0, 0};
    for (int i : {1, 3})
    {
        PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
        ApplicationContainer app = sink.Install(hosts.Get(i));
        app.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, &rx[i]));
    }
    for (int i : {0, 2})
    {
        OnOffHelper onoff("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address("10.0.2.1"), 9));
        onoff.SetConstantRate(DataRate("100kbps"), 500);
        onoff.SetAttribute("StartTime", TimeValue(Seconds(1)));
        onoff.SetAttribute("StopTime", TimeValue(Seconds(2)));
        onoff.Install(hosts.Get(i));
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    Ptr<RtmIpv4Routing> fwd = r->GetObject<RtmIpv4Routing>();
    std::cout << "   a0 and a1 both sent to 10.0.2.1 for one second. Received by b0: " << rx[1]
              << ", by b1: " << rx[3] << "; R forwarded " << fwd->GetForwardCount()
              << " packets, each within its own instance." << std::endl;
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string part = "all";
    CommandLine cmd(__FILE__);
    cmd.AddValue("part", "which part of the tour: all, core, forwarding", part);
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
    return 0;
}
