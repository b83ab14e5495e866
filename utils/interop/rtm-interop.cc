/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-interop: the simulated side of the real-daemon harness (utils/interop/interop.py, `make
 * check-interop`). Simulated RTM routers r1..rN in a line, run by the real-time simulator
 * (RealtimeSimulatorImpl, hard limit); r1's interface 1 is an FdNetDevice on a Linux tap device
 * (attached by name in the network namespace the program runs in), so a routing daemon using
 * the tap's kernel side talks to r1 as to any router on that link. Behind rN: a host (the ping
 * target) and stub subnets. The address plan is in rtm-interop.h.
 *
 *   rtm-interop --device=IFNAME --protocol=rip|ripng|ospf|bgp[,...] [--routers=3] [--stubs=30]
 *               [--ring] [--failLink=K] [--address=10.77.0.2/24] [--address6=fd00:77::2/64]
 *               [--duration=120] [--hardLimit=0.5] [--tables=FILE] [plug-in options]
 *               [--ns3::Type::Attr=V]
 *
 * With --ring a last link joins rN to r1. With --failLink=K, SIGUSR1 takes internal link K
 * down (both ends, both families: Ipv4/Ipv6::SetDown) and SIGUSR2 brings it back up; each
 * prints a `link op=down|up k=K` line once done.
 *
 * Output, one line per fact, `kind t=SECONDS key=value...` (t is simulated = real time since
 * the start), flushed at once:
 *   ready     the network is built and the protocols are installed (mac=, ll6= of r1's device)
 *   network   a subnet: kind=external|link|host|stub prefix4= prefix6= routers=r1,r2
 *   route     op=add|del node= family=ipv4|ipv6 prefix= proto= metric= pref= info= nexthop= if=
 *             best=0|1 — every route of every router's RTM tables except connected ones, from
 *             the RTM's change notifications (a changed route is a del and an add)
 *   (plug-in lines, e.g. drop)
 *   counters  at the end, per router and protocol
 *   end       the run stopped (duration reached, or SIGTERM/SIGINT)
 * With --tables=FILE the routers' routing tables (PrintRoutingTable, both families) are written
 * there at the end.
 */
#include "rtm-interop.h"

#include "ns3/core-module.h"
#include "ns3/fd-net-device-helper.h"
#include "ns3/fd-net-device.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-bgp-speaker.h"
#include "ns3/rtm-module.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <linux/if_tun.h>
#include <map>
#include <net/if.h>
#include <set>
#include <sstream>
#include <sys/ioctl.h>

using namespace ns3;

namespace rtminterop
{

void
Emit(const std::string& kind, const std::string& fields)
{
    std::cout << kind << " t=" << std::fixed << std::setprecision(3)
              << Simulator::Now().GetSeconds() << " " << fields << std::endl;
}

std::string
RouterName(uint32_t k)
{
    return "r" + std::to_string(k + 1);
}

namespace
{

std::atomic<bool> g_stop{false};   //!< set by SIGTERM / SIGINT
std::atomic<int> g_linkCommand{0}; //!< set by SIGUSR1 (1: down) / SIGUSR2 (2: up)

void
OnSignal(int)
{
    g_stop = true;
}

void
OnLinkSignal(int signal)
{
    g_linkCommand = signal == SIGUSR1 ? 1 : 2;
}

/// Take the link \p link down or bring it up (both ends, both families).
void
SetLink(const Lab& lab, uint32_t k, bool up)
{
    const Link& link = lab.links.at(k - 1);
    for (auto end : {std::make_pair(link.a, link.ifA), std::make_pair(link.b, link.ifB)})
    {
        Ptr<Node> node = lab.routers.Get(end.first);
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
        if (up)
        {
            ipv4->SetUp(end.second);
            if (lab.ipv6)
            {
                ipv6->SetUp(end.second);
            }
        }
        else
        {
            ipv4->SetDown(end.second);
            if (lab.ipv6)
            {
                ipv6->SetDown(end.second);
            }
        }
    }
    Emit("link", std::string("op=") + (up ? "up" : "down") + " k=" + std::to_string(k));
}

/// Poll the stop flag and the link commands (signals cannot touch the simulator themselves).
void
WatchSignals(const Lab* lab, uint32_t failLink)
{
    if (g_stop)
    {
        Simulator::Stop();
        return;
    }
    int command = g_linkCommand.exchange(0);
    if (command != 0 && failLink >= 1 && failLink <= lab->links.size())
    {
        SetLink(*lab, failLink, command == 2);
    }
    Simulator::Schedule(MilliSeconds(100), &WatchSignals, lab, failLink);
}

/**
 * Attach to the tap \p name of the current network namespace (the harness made it with `ip
 * tuntap add ... mode tap`) and return its file descriptor: Ethernet frames, no packet
 * information header, no offloads (so the kernel hands over whole checksums).
 */
int
OpenTap(const std::string& name)
{
    int fd = open("/dev/net/tun", O_RDWR);
    NS_ABORT_MSG_IF(fd < 0, "rtm-interop: cannot open /dev/net/tun: " << std::strerror(errno));
    struct ifreq ifr;
    std::memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    NS_ABORT_MSG_IF(name.size() >= IFNAMSIZ, "rtm-interop: device name too long: " << name);
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    NS_ABORT_MSG_IF(ioctl(fd, TUNSETIFF, &ifr) < 0,
                    "rtm-interop: cannot attach to tap " << name << ": " << std::strerror(errno));
    return fd;
}

/// \return the name of a protocol id, one word (the RTM's name; "BGP" for RTM_PROTO_IP_BGP)
std::string
ProtocolName(uint32_t id)
{
    std::string name = id == RTM_PROTO_IP_BGP ? "BGP" : RtmProtocolName(id);
    for (auto& c : name)
    {
        c = c == ' ' ? '-' : c;
    }
    return name;
}

/**
 * Watches one RTM table of a router: registers as a passive client, subscribes to every change
 * of the unicast view, and prints each route that appears or goes as a `route` line.
 */
class TableWatch
{
  public:
    TableWatch(Ptr<Node> node, uint32_t index, uint16_t family)
        : m_name(RouterName(index)),
          m_family(family)
    {
        Ptr<RtmInstance> instance = RtmRouter::Of(node)->CreateInstance(0);
        RtmEntityInfo info;
        info.rtmInstanceId = 0;
        info.addressFamily = family;
        info.entityId.entityProtocolId = RtmProtocolId(0, RTM_VENDOR_NS3, 0x100);
        RtmRegnProfile profile;
        NS_ABORT_MSG_IF(instance->RegisterEntity(info,
                                                 {},
                                                 MakeCallback(&TableWatch::OnEvent, this),
                                                 false,
                                                 profile,
                                                 m_reg) != RtmStatus::Success,
                        "rtm-interop: cannot watch the table of " << m_name);
        m_maxEnum = std::max<uint32_t>(1, profile.maxHandlesInEnum);
        NS_ABORT_IF(m_reg->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST,
                                                         RTM_CHANGE_TYPE_ALL,
                                                         0,
                                                         m_notify) != RtmStatus::Success);
    }

  private:
    /// RTM event callback: pull the changed destinations, print them once the change is done.
    RtmStatus OnEvent(const RtmEvent& event)
    {
        if (event.type != RtmEventType::ChangeNotification)
        {
            return RtmStatus::Success;
        }
        for (;;)
        {
            uint32_t num = m_maxEnum;
            std::vector<RtmDestInfo> dests;
            RtmStatus st = m_reg->GetChangedDests(m_notify, num, dests);
            for (uint32_t i = 0; i < num && i < dests.size(); ++i)
            {
                m_dirty.insert(dests[i].destAddress);
            }
            if (st != RtmStatus::Success || num == 0)
            {
                break;
            }
        }
        if (!m_dirty.empty() && !m_flushPending)
        {
            m_flushPending = true;
            RtmSchedule(Seconds(0), [this]() { Flush(); });
        }
        return RtmStatus::Success;
    }

    /// The route lines of \p prefix now.
    std::set<std::string> Read(const RtmNetAddress& prefix) const
    {
        std::set<std::string> lines;
        RtmDestInfo dest;
        if (m_reg->GetExactMatchDestination(prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, dest) !=
            RtmStatus::Success)
        {
            return lines;
        }
        RtmEnumHandle en;
        if (m_reg->CreateRouteEnum(dest.destHandle,
                                   RTM_VIEW_MASK_UCAST,
                                   RTM_ENUM_START,
                                   nullptr,
                                   RTM_MATCH_NONE,
                                   nullptr,
                                   0,
                                   en) != RtmStatus::Success)
        {
            return lines;
        }
        for (;;)
        {
            uint32_t num = m_maxEnum;
            std::vector<RtmRouteHandle> routes;
            RtmStatus st = m_reg->GetEnumRoutes(en, num, routes);
            for (uint32_t i = 0; i < num && i < routes.size(); ++i)
            {
                std::string line = Describe(prefix, routes[i]);
                if (!line.empty())
                {
                    lines.insert(line);
                }
            }
            if (st != RtmStatus::Success || num == 0)
            {
                break;
            }
        }
        m_reg->DeleteEnumHandle(en);
        return lines;
    }

    /// One route as `key=value` fields ("" for connected routes).
    std::string Describe(const RtmNetAddress& prefix, RtmRouteHandle route) const
    {
        RtmRouteInfo ri;
        RtmEntityInfo owner;
        if (m_reg->GetRouteInfo(route, &ri) != RtmStatus::Success ||
            m_reg->GetEntityInfo(ri.routeOwner, owner) != RtmStatus::Success ||
            owner.entityId.entityProtocolId == RTM_PROTO_IP_LOCAL)
        {
            return "";
        }
        RtmViewSet best = 0;
        m_reg->IsBestRoute(route, best);
        std::ostringstream os;
        os << "node=" << m_name << " family=" << (m_family == RTM_AF_INET ? "ipv4" : "ipv6")
           << " prefix=" << prefix.ToString()
           << " proto=" << ProtocolName(owner.entityId.entityProtocolId)
           << " metric=" << ri.prefInfo.metric << " pref=" << ri.prefInfo.preference
           << " info=" << ri.entitySpecificInfo;
        for (const auto& nh : ri.nextHops)
        {
            RtmNextHopInfo ni;
            if (m_reg->GetNextHopInfo(nh, ni) == RtmStatus::Success)
            {
                os << " nexthop=" << ni.nextHopAddress.AddressString()
                   << " if=" << ni.interfaceIndex;
            }
        }
        os << " best=" << ((best & RTM_VIEW_MASK_UCAST) != 0 ? 1 : 0);
        return os.str();
    }

    /// Print what changed on the dirty destinations.
    void Flush()
    {
        m_flushPending = false;
        std::set<RtmNetAddress> dirty;
        dirty.swap(m_dirty);
        for (const auto& prefix : dirty)
        {
            std::set<std::string> now = Read(prefix);
            std::set<std::string>& before = m_lines[prefix];
            for (const auto& l : before)
            {
                if (now.count(l) == 0)
                {
                    Emit("route", "op=del " + l);
                }
            }
            for (const auto& l : now)
            {
                if (before.count(l) == 0)
                {
                    Emit("route", "op=add " + l);
                }
            }
            before.swap(now);
        }
    }

    std::string m_name;                                     //!< "rK"
    uint16_t m_family;                                      //!< RTM_AF_INET or RTM_AF_INET6
    Ptr<RtmRegistration> m_reg;                             //!< the watch's registration
    RtmNotifyHandle m_notify;                               //!< every change, unicast view
    uint32_t m_maxEnum{1};                                  //!< MaxHandlesInEnum
    std::set<RtmNetAddress> m_dirty;                        //!< changed, not printed yet
    bool m_flushPending{false};                             //!< a Flush is scheduled
    std::map<RtmNetAddress, std::set<std::string>> m_lines; //!< what was printed, per prefix
};

/// Split "a.b.c.d/len" (or an IPv6 prefix) into address and length.
bool
SplitPrefix(const std::string& text, std::string& address, uint32_t& length)
{
    auto slash = text.find('/');
    if (slash == std::string::npos)
    {
        return false;
    }
    address = text.substr(0, slash);
    length = static_cast<uint32_t>(std::stoul(text.substr(slash + 1)));
    return true;
}

/// Address an interface (IPv4 and, if given, IPv6) and bring it up.
void
AddressInterface(Ptr<Node> node,
                 uint32_t if4,
                 uint32_t if6,
                 const std::string& address4,
                 uint32_t len4,
                 const std::string& address6,
                 uint32_t len6)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    ipv4->AddAddress(if4,
                     Ipv4InterfaceAddress(Ipv4Address(address4.c_str()),
                                          Ipv4Mask(len4 == 0 ? 0 : 0xffffffffu << (32 - len4))));
    ipv4->SetMetric(if4, 1);
    ipv4->SetUp(if4);
    if (!address6.empty())
    {
        Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
        ipv6->SetUp(if6);
        ipv6->AddAddress(if6,
                         Ipv6InterfaceAddress(Ipv6Address(address6.c_str()),
                                              Ipv6Prefix(static_cast<uint8_t>(len6))));
        ipv6->SetMetric(if6, 1);
        ipv6->SetForwarding(if6, true);
    }
}

/// Add \p dev to both stacks of its node. \return the interface indices (IPv4, IPv6)
std::pair<uint32_t, uint32_t>
AddInterface(Ptr<NetDevice> dev, bool ipv6)
{
    Ptr<Node> node = dev->GetNode();
    uint32_t if4 = node->GetObject<Ipv4>()->AddInterface(dev);
    uint32_t if6 = ipv6 ? node->GetObject<Ipv6>()->AddInterface(dev) : if4;
    // Both stacks number interfaces alike here (plug-ins may use one index for both).
    NS_ABORT_MSG_IF(if4 != if6, "rtm-interop: IPv4 and IPv6 interface numbers differ");
    return {if4, if6};
}

/// \return \p prefix as the RTM writes it ("fd00:79:0::/64" -> "fd00:79::/64"; "" stays "")
std::string
Canonical(const std::string& prefix)
{
    RtmNetAddress a;
    if (prefix.empty() || !RtmNetAddress::Parse(prefix, a))
    {
        return prefix;
    }
    return a.Masked().ToString();
}

std::string
Join(const std::vector<uint32_t>& routers)
{
    std::string s;
    for (auto r : routers)
    {
        s += (s.empty() ? "" : ",") + RouterName(r);
    }
    return s;
}

} // namespace
} // namespace rtminterop

using namespace rtminterop;

int
main(int argc, char* argv[])
{
    std::string device;
    std::string protocols = "rip";
    uint32_t nRouters = 3;
    uint32_t nStubs = 30;
    std::string address4 = "10.77.0.2/24";
    std::string address6 = "fd00:77::2/64";
    double duration = 120;
    double hardLimit = 0.5;
    std::string tables;
    bool ring = false;
    uint32_t failLink = 0;

    std::vector<std::unique_ptr<Protocol>> plugins;
    plugins.push_back(MakeRipProtocol());
    plugins.push_back(MakeRipNgProtocol());
    plugins.push_back(MakeOspfProtocol());
    plugins.push_back(MakeBgpProtocol());

    CommandLine cmd(__FILE__);
    cmd.AddValue("device",
                 "the tap device (in this network namespace) of r1's FdNetDevice",
                 device);
    cmd.AddValue("protocol",
                 "protocols to run, comma-separated (rip, ripng, ospf, bgp)",
                 protocols);
    cmd.AddValue("routers", "simulated routers in the line (2..9)", nRouters);
    cmd.AddValue("ring", "join the last router to r1 (a ring of 3 or more)", ring);
    cmd.AddValue("failLink",
                 "internal link that SIGUSR1 takes down, SIGUSR2 up (0: none)",
                 failLink);
    cmd.AddValue("stubs", "stub subnets behind the last router (0..200)", nStubs);
    cmd.AddValue("address", "r1's IPv4 address on the external link (a.b.c.d/len)", address4);
    cmd.AddValue("address6", "r1's IPv6 address there (empty: no IPv6)", address6);
    cmd.AddValue("duration", "seconds to run at most (SIGTERM stops earlier)", duration);
    cmd.AddValue("hardLimit", "seconds the simulator may fall behind real time", hardLimit);
    cmd.AddValue("tables", "write the routing tables there at the end", tables);
    for (auto& p : plugins)
    {
        p->AddOptions(cmd);
    }
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(device.empty(), "rtm-interop: --device is required");
    nRouters = std::max<uint32_t>(2, std::min<uint32_t>(nRouters, 9));
    nStubs = std::min<uint32_t>(nStubs, 200);

    std::vector<Protocol*> chosen;
    std::stringstream names(protocols);
    for (std::string name; std::getline(names, name, ',');)
    {
        Protocol* found = nullptr;
        for (auto& p : plugins)
        {
            found = p->Name() == name ? p.get() : found;
        }
        NS_ABORT_MSG_IF(found == nullptr, "rtm-interop: unknown protocol " << name);
        chosen.push_back(found);
    }

    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    Config::SetDefault("ns3::RealtimeSimulatorImpl::SynchronizationMode", StringValue("HardLimit"));
    Config::SetDefault("ns3::RealtimeSimulatorImpl::HardLimit", TimeValue(Seconds(hardLimit)));
    // Real stacks check IP, UDP and ICMP checksums.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    std::string ext4;
    std::string ext6;
    uint32_t len4 = 0;
    uint32_t len6 = 0;
    NS_ABORT_MSG_IF(!SplitPrefix(address4, ext4, len4), "rtm-interop: bad --address");
    Lab lab;
    lab.ipv6 = !address6.empty();
    NS_ABORT_MSG_IF(lab.ipv6 && !SplitPrefix(address6, ext6, len6), "rtm-interop: bad --address6");

    lab.routers.Create(nRouters);
    lab.host = CreateObject<Node>();
    RtmHelper rtm;
    InternetStackHelper routerStack;
    routerStack.SetRoutingHelper(rtm);
    routerStack.SetRoutingHelper(RtmIpv6Helper(rtm));
    routerStack.SetIpv6StackInstall(lab.ipv6);
    routerStack.Install(lab.routers);
    InternetStackHelper hostStack;
    hostStack.SetIpv6StackInstall(lab.ipv6);
    hostStack.Install(lab.host);

    // r1's external device first (interface 1 of both families).
    FdNetDeviceHelper fdHelper;
    Ptr<FdNetDevice> fdDevice =
        DynamicCast<FdNetDevice>(fdHelper.Install(lab.routers.Get(0)).Get(0));
    fdDevice->SetIsBroadcast(true);
    fdDevice->SetIsMulticast(true);
    fdDevice->SetFileDescriptor(OpenTap(device));
    lab.external = fdDevice;
    auto ext = AddInterface(lab.external, lab.ipv6);
    lab.externalIf4 = ext.first;
    lab.externalIf6 = ext.second;
    AddressInterface(lab.routers.Get(0), ext.first, ext.second, ext4, len4, ext6, len6);
    {
        Network n;
        n.kind = "external";
        n.prefix4 = RtmNetAddress::FromIpv4(Ipv4Address(ext4.c_str()), len4).Masked().ToString();
        n.prefix6 =
            lab.ipv6 ? RtmNetAddress::FromIpv6(Ipv6Address(ext6.c_str()), len6).Masked().ToString()
                     : "";
        n.routers = {0};
        lab.networks.push_back(n);
    }

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    auto v6 = [&lab](const std::string& a) { return lab.ipv6 ? a : std::string(); };
    uint32_t nLinks = nRouters - 1 + (ring && nRouters >= 3 ? 1 : 0);
    for (uint32_t k = 0; k < nLinks; ++k)
    {
        Link link;
        link.a = k;
        link.b = (k + 1) % nRouters; // the ring's link: rN (.1) to r1 (.2)
        NetDeviceContainer d = p2p.Install(lab.routers.Get(link.a), lab.routers.Get(link.b));
        std::string net = std::to_string(k + 1);
        for (uint32_t side = 0; side < 2; ++side)
        {
            auto ifs = AddInterface(d.Get(side), lab.ipv6);
            (side == 0 ? link.ifA : link.ifB) = ifs.first;
            AddressInterface(lab.routers.Get(side == 0 ? link.a : link.b),
                             ifs.first,
                             ifs.second,
                             "10.78." + net + "." + std::to_string(side + 1),
                             24,
                             v6("fd00:78:" + net + "::" + std::to_string(side + 1)),
                             64);
        }
        lab.links.push_back(link);
        lab.networks.push_back({"link",
                                "10.78." + net + ".0/24",
                                v6("fd00:78:" + net + "::/64"),
                                {std::min(link.a, link.b), std::max(link.a, link.b)}});
    }
    // The host behind rN, with default routes to it.
    uint32_t last = nRouters - 1;
    Ptr<Node> rN = lab.routers.Get(last);
    {
        NetDeviceContainer d = p2p.Install(rN, lab.host);
        auto r = AddInterface(d.Get(0), lab.ipv6);
        auto h = AddInterface(d.Get(1), lab.ipv6);
        AddressInterface(rN, r.first, r.second, "10.78.200.1", 24, v6("fd00:78:200::1"), 64);
        AddressInterface(lab.host, h.first, h.second, "10.78.200.2", 24, v6("fd00:78:200::2"), 64);
        lab.edge.push_back(r.first);
        Ipv4StaticRoutingHelper sr4;
        sr4.GetStaticRouting(lab.host->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("10.78.200.1"), h.first);
        if (lab.ipv6)
        {
            Ipv6StaticRoutingHelper sr6;
            sr6.GetStaticRouting(lab.host->GetObject<Ipv6>())
                ->SetDefaultRoute(Ipv6Address("fd00:78:200::1"), h.second);
        }
        lab.networks.push_back({"host", "10.78.200.0/24", v6("fd00:78:200::/64"), {last}});
    }
    for (uint32_t j = 0; j < nStubs; ++j)
    {
        Ptr<SimpleNetDevice> dev = CreateObject<SimpleNetDevice>();
        dev->SetAddress(Mac48Address::Allocate());
        dev->SetChannel(CreateObject<SimpleChannel>());
        rN->AddDevice(dev);
        auto ifs = AddInterface(dev, lab.ipv6);
        std::string net = std::to_string(j);
        AddressInterface(rN,
                         ifs.first,
                         ifs.second,
                         "10.79." + net + ".1",
                         24,
                         v6("fd00:79:" + net + "::1"),
                         64);
        lab.edge.push_back(ifs.first);
        lab.networks.push_back(
            {"stub", "10.79." + net + ".0/24", v6("fd00:79:" + net + "::/64"), {last}});
    }

    // Watch every table before the protocols start.
    std::vector<std::unique_ptr<TableWatch>> watches;
    for (uint32_t k = 0; k < nRouters; ++k)
    {
        watches.push_back(std::make_unique<TableWatch>(lab.routers.Get(k), k, RTM_AF_INET));
        if (lab.ipv6)
        {
            watches.push_back(std::make_unique<TableWatch>(lab.routers.Get(k), k, RTM_AF_INET6));
        }
    }
    for (Protocol* p : chosen)
    {
        p->Install(lab);
    }

    std::signal(SIGTERM, &OnSignal);
    std::signal(SIGINT, &OnSignal);
    std::signal(SIGUSR1, &OnLinkSignal);
    std::signal(SIGUSR2, &OnLinkSignal);
    Simulator::Schedule(Seconds(0), &WatchSignals, &lab, failLink);
    RtmSchedule(Seconds(0), [&]() {
        for (const auto& n : lab.networks)
        {
            Emit("network",
                 "kind=" + n.kind + " prefix4=" + Canonical(n.prefix4) +
                     (n.prefix6.empty() ? "" : " prefix6=" + Canonical(n.prefix6)) +
                     " routers=" + Join(n.routers));
        }
        std::ostringstream os;
        os << "protocol=" << protocols << " routers=" << nRouters << " device=" << device
           << " mac=" << Mac48Address::ConvertFrom(lab.external->GetAddress());
        Ptr<Ipv6> ipv6 = lab.routers.Get(0)->GetObject<Ipv6>();
        for (uint32_t a = 0; lab.ipv6 && a < ipv6->GetNAddresses(lab.externalIf6); ++a)
        {
            Ipv6Address address = ipv6->GetAddress(lab.externalIf6, a).GetAddress();
            if (address.IsLinkLocal())
            {
                os << " ll6=" << address;
            }
        }
        Emit("ready", os.str());
    });
    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    for (Protocol* p : chosen)
    {
        p->PrintCounters();
    }
    if (!tables.empty())
    {
        auto out = Create<OutputStreamWrapper>(tables, std::ios::out);
        for (uint32_t k = 0; k < nRouters; ++k)
        {
            *out->GetStream() << "== " << RouterName(k) << "\n";
            Ptr<Node> node = lab.routers.Get(k);
            node->GetObject<Ipv4>()->GetRoutingProtocol()->PrintRoutingTable(out);
            if (lab.ipv6)
            {
                node->GetObject<Ipv6>()->GetRoutingProtocol()->PrintRoutingTable(out);
            }
        }
    }
    Emit("end", "stopped=" + std::string(g_stop ? "signal" : "duration"));
    Simulator::Destroy(); // before the watches go: disposing the tables may still notify them
    return 0;
}
