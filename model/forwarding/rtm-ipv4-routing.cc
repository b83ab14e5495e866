/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IPv4 forwarding plane. A packet costs one FIB lookup (poptrie) in its instance's unicast
 * view, a short walk to the best route and its next hops, and a cache hit for the Ipv4Route:
 * nothing is allocated per packet once the caches are warm.
 */
#include "rtm-ipv4-routing.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/rtm-local-client.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmIpv4Routing");
NS_OBJECT_ENSURE_REGISTERED(RtmIpv4Routing);

namespace
{
typedef RtmKeyOps<RtmIpv4Family> K4;
const uint32_t kNone = RtmTable<RtmIpv4Family>::kNone;
} // namespace

TypeId
RtmIpv4Routing::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmIpv4Routing")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmIpv4Routing>()
            .AddAttribute("EcmpSeed",
                          "Seed of the per-flow hash that spreads flows over the next hops of a "
                          "multipath route; the same seed gives the same choices.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmIpv4Routing::m_ecmpSeed),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Forward",
                            "A packet that arrived was forwarded by the RTM forwarding plane.",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_forwardTrace),
                            "ns3::RtmIpv4Routing::ForwardTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped by the RTM forwarding plane, with the reason.",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_dropTrace),
                            "ns3::RtmIpv4Routing::DropTracedCallback");
    return tid;
}

RtmIpv4Routing::RtmIpv4Routing()
{
    NS_LOG_FUNCTION(this);
}

RtmIpv4Routing::~RtmIpv4Routing() = default;

void
RtmIpv4Routing::DoInitialize()
{
    Ipv4RoutingProtocol::DoInitialize();
}

void
RtmIpv4Routing::DoDispose()
{
    m_if.clear();
    m_mcastCache.clear();
    m_tables.clear();
    m_ipv4 = nullptr;
    m_router = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
RtmIpv4Routing::SetRouter(Ptr<RtmRouter> router)
{
    m_router = router;
}

Ptr<RtmRouter>
RtmIpv4Routing::GetRouter() const
{
    return m_router;
}

void
RtmIpv4Routing::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
    if (!m_router)
    {
        m_router = RtmRouter::Of(ipv4->GetObject<Node>());
    }
    m_router->CreateInstance(0);
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        SyncInterface(i);
    }
}

RtmIpv4Routing::Table&
RtmIpv4Routing::TableOf(uint16_t instance)
{
    if (instance < m_tables.size() && m_tables[instance] != nullptr)
    {
        return *m_tables[instance];
    }
    Table& t = m_router->CreateInstance(instance)->GetIpv4Table();
    if (m_tables.size() <= instance)
    {
        m_tables.resize(instance + 1, nullptr);
    }
    m_tables[instance] = &t;
    return t;
}

uint16_t
RtmIpv4Routing::GetInstanceOfInterface(uint32_t interface) const
{
    return interface < m_if.size() ? m_if[interface].instance : 0;
}

void
RtmIpv4Routing::SyncInterface(uint32_t interface)
{
    if (!m_ipv4 || interface >= m_ipv4->GetNInterfaces())
    {
        return;
    }
    Ptr<NetDevice> dev = m_ipv4->GetNetDevice(interface);
    uint16_t instance = dev ? m_router->GetInstanceOfDevice(dev->GetIfIndex()) : 0;
    if (m_if.size() <= interface)
    {
        m_if.resize(interface + 1);
    }
    uint16_t previous = m_if[interface].instance;
    if (previous != instance)
    {
        // The device moved to another instance: the old one forgets the interface.
        m_router->GetLocalClient(previous, RTM_AF_INET)->SetInterface(interface, false, {}, false);
        m_router->CreateInstance(previous)->RemoveInterface(RTM_AF_INET, interface);
    }
    m_if[interface].instance = instance;
    Ptr<RtmInstance> inst = m_router->CreateInstance(instance);
    if (interface != 0)
    {
        // The loopback is usable by every instance and not listed (RtmInstance::GetInterfaces).
        inst->AddInterface(RTM_AF_INET, interface);
    }
    TableOf(instance);
    RefreshInterfaces();
    bool up = m_ipv4->IsUp(interface);
    std::vector<RtmLocalClient::InterfaceAddress> addrs;
    for (uint32_t j = 0; j < m_ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(interface, j);
        if (a.GetLocal() == Ipv4Address::GetAny())
        {
            continue;
        }
        addrs.emplace_back(RtmNetAddress::FromIpv4(a.GetLocal()), a.GetMask().GetPrefixLength());
    }
    bool loopback = interface == 0;
    m_router->GetLocalClient(instance, RTM_AF_INET)->SetInterface(interface, up, addrs, loopback);
    m_router->NotifyInterface(instance, RTM_AF_INET, interface, up);
}

void
RtmIpv4Routing::RefreshInterfaces()
{
    m_local.clear();
    m_mcastCache.clear();
    uint32_t n = m_ipv4->GetNInterfaces();
    if (m_if.size() < n)
    {
        m_if.resize(n);
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        Interface& x = m_if[i];
        x.up = m_ipv4->IsUp(i);
        x.routes.clear(); // sources or devices may have changed
        uint32_t addresses = m_ipv4->GetNAddresses(i);
        x.source = addresses == 1 ? m_ipv4->GetAddress(i, 0).GetLocal().Get() : 0;
        for (uint32_t j = 0; j < addresses; ++j)
        {
            Ipv4InterfaceAddress a = m_ipv4->GetAddress(i, j);
            m_local[x.instance].push_back(a.GetLocal().Get());
            if (a.GetMask().GetPrefixLength() < 31)
            {
                m_local[x.instance].push_back(a.GetBroadcast().Get());
            }
        }
    }
}

void
RtmIpv4Routing::Resync()
{
    if (!m_ipv4)
    {
        return;
    }
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        SyncInterface(i);
    }
}

void
RtmIpv4Routing::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    SyncInterface(interface);
}

void
RtmIpv4Routing::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    SyncInterface(interface);
}

void
RtmIpv4Routing::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    SyncInterface(interface);
}

void
RtmIpv4Routing::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    SyncInterface(interface);
}

bool
RtmIpv4Routing::IsLocalAddress(uint16_t instance, Ipv4Address dst) const
{
    auto it = m_local.find(instance);
    if (it == m_local.end())
    {
        return false;
    }
    uint32_t d = dst.Get();
    for (uint32_t a : it->second)
    {
        if (a == d)
        {
            return true;
        }
    }
    return false;
}

bool
RtmIpv4Routing::Usable(uint32_t interface, int32_t oif) const
{
    return (oif < 0 || interface == static_cast<uint32_t>(oif)) && interface < m_if.size() &&
           m_if[interface].up;
}

void
RtmIpv4Routing::CollectHops(Table& t, uint32_t r, int32_t oif)
{
    uint16_t flags = t.RouteFlags(r);
    uint32_t limit = t.GetConfig().maxNextHopsInRoute;
    for (uint32_t n : t.RouteNextHops(r))
    {
        uint32_t addr = t.NextHopAddress(n);
        if (!(t.NextHopFlags(n) & RTM_NEXTHOP_FLAGS_REMOTE))
        {
            bool onLink = (flags & (RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF)) || addr == 0;
            if (Usable(t.NextHopInterface(n), oif))
            {
                m_hops.push_back(Hop{t.NextHopInterface(n), onLink ? 0 : addr});
            }
            continue;
        }
        // A remote next hop: one more lookup on its address, in the same view (one level deep).
        uint32_t r2 = t.FibLookupRoute(RTM_VIEW_ID_UCAST, addr);
        if (r2 == kNone)
        {
            continue;
        }
        uint16_t flags2 = t.RouteFlags(r2);
        if (flags2 &
            (RTM_ROUTE_FLAGS_BLACKHOLE | RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_MARTIAN))
        {
            continue;
        }
        uint32_t used = 0;
        for (uint32_t n2 : t.RouteNextHops(r2))
        {
            if ((t.NextHopFlags(n2) & RTM_NEXTHOP_FLAGS_REMOTE) || used >= limit)
            {
                continue;
            }
            uint32_t addr2 = t.NextHopAddress(n2);
            bool onLink = (flags2 & RTM_ROUTE_FLAGS_LOCAL) || addr2 == 0;
            if (Usable(t.NextHopInterface(n2), oif))
            {
                m_hops.push_back(Hop{t.NextHopInterface(n2), onLink ? addr : addr2});
            }
            ++used;
        }
    }
}

RtmIpv4Routing::Outcome
RtmIpv4Routing::Resolve(Table& t,
                        uint32_t dst,
                        const Flow& flow,
                        int32_t oif,
                        Hop& hop,
                        RtmDropReason& why)
{
    uint32_t r = t.FibLookupRoute(RTM_VIEW_ID_UCAST, dst);
    if (r == kNone)
    {
        why = RtmDropReason::NoRoute;
        return Outcome::Drop;
    }
    uint16_t flags = t.RouteFlags(r);
    if (flags & (RTM_ROUTE_FLAGS_BLACKHOLE | RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_MARTIAN))
    {
        why = (flags & RTM_ROUTE_FLAGS_BLACKHOLE) ? RtmDropReason::Blackhole
              : (flags & RTM_ROUTE_FLAGS_DISCARD) ? RtmDropReason::Discard
                                                  : RtmDropReason::Martian;
        return Outcome::Drop;
    }
    Outcome ok = (flags & (RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOOPBACK)) ? Outcome::Local
                                                                               : Outcome::Forward;
    const auto& hops = t.RouteNextHops(r);
    if (hops.size() == 1 && !(t.NextHopFlags(hops[0]) & RTM_NEXTHOP_FLAGS_REMOTE))
    {
        // The common case: one local next hop, no scratch list, no hash.
        uint32_t n = hops[0];
        uint32_t interface = t.NextHopInterface(n);
        if (!Usable(interface, oif))
        {
            why = RtmDropReason::NoNextHop;
            hop = Hop{kNone, 0};
            return ok == Outcome::Local ? Outcome::Local : Outcome::Drop;
        }
        uint32_t addr = t.NextHopAddress(n);
        bool onLink = (flags & (RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF)) || addr == 0;
        hop = Hop{interface, onLink ? 0 : addr};
        return ok;
    }
    m_hops.clear();
    CollectHops(t, r, oif);
    if (m_hops.empty())
    {
        why = RtmDropReason::NoNextHop;
        hop = Hop{kNone, 0};
        return ok == Outcome::Local ? Outcome::Local : Outcome::Drop;
    }
    hop = m_hops[m_hops.size() == 1 ? 0 : FlowHash(flow) % m_hops.size()];
    return ok;
}

Ptr<Ipv4Route>
RtmIpv4Routing::MakeRoute(uint32_t interface, uint32_t gateway, Ipv4Address dst)
{
    Interface& x = m_if[interface];
    uint32_t source =
        x.source != 0 ? x.source : m_ipv4->SourceAddressSelection(interface, dst).Get();
    for (const auto& e : x.routes)
    {
        if (std::get<0>(e) == gateway && std::get<1>(e) == source)
        {
            return std::get<2>(e);
        }
    }
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(Ipv4Address(gateway));
    route->SetGateway(Ipv4Address(gateway));
    route->SetSource(Ipv4Address(source));
    route->SetOutputDevice(m_ipv4->GetNetDevice(interface));
    x.routes.emplace_back(gateway, source, route);
    return route;
}

uint64_t
RtmIpv4Routing::FlowHash(const Flow& flow) const
{
    const Ipv4Header& h = *flow.header;
    uint64_t ports = 0;
    uint8_t proto = h.GetProtocol();
    const Ptr<const Packet>& p = flow.packet;
    if (p && (proto == 6 || proto == 17) && h.GetFragmentOffset() == 0 && h.IsLastFragment() &&
        p->GetSize() >= 4)
    {
        uint8_t buf[4];
        p->CopyData(buf, 4);
        ports =
            (uint64_t(buf[0]) << 24) | (uint64_t(buf[1]) << 16) | (uint64_t(buf[2]) << 8) | buf[3];
    }
    return RtmFlowHash(m_ecmpSeed,
                       h.GetSource().Get(),
                       h.GetDestination().Get(),
                       (ports << 8) | proto);
}

void
RtmIpv4Routing::Dropped(Ptr<const Packet> p, const Ipv4Header& h, int32_t iif, RtmDropReason why)
{
    ++m_drops[static_cast<size_t>(why)];
    m_dropTrace(p, h, iif, why);
}

uint64_t
RtmIpv4Routing::GetDropCount(RtmDropReason reason) const
{
    return reason < RtmDropReason::Count ? m_drops[static_cast<size_t>(reason)] : 0;
}

uint64_t
RtmIpv4Routing::GetForwardCount() const
{
    return m_forwarded;
}

Ptr<Ipv4Route>
RtmIpv4Routing::RouteOutput(Ptr<Packet> p,
                            const Ipv4Header& header,
                            Ptr<NetDevice> oif,
                            Socket::SocketErrno& sockerr)
{
    Ipv4Address dst = header.GetDestination();
    uint32_t dstBits = dst.Get();
    int32_t oifIndex = oif ? m_ipv4->GetInterfaceForDevice(oif) : -1;
    uint16_t instance = oifIndex >= 0 ? GetInstanceOfInterface(oifIndex) : 0;
    sockerr = Socket::ERROR_NOTERROR;
    // (multicast 224.0.0.0/4 or limited broadcast, tested on the bits: no library calls)
    bool multicast = (dstBits & 0xF0000000u) == 0xE0000000u;
    if (multicast || dstBits == 0xFFFFFFFFu)
    {
        if (oifIndex >= 0)
        {
            return MakeRoute(oifIndex, 0, dst);
        }
        if (multicast)
        {
            RtmNetAddress src;
            src.addressFamily = RTM_AF_INET;
            const RtmMulticastEntry* e =
                m_router->FindMulticastRoute(instance, src, RtmNetAddress::FromIpv4(dst));
            if (e != nullptr && !e->outputInterfaces.empty())
            {
                uint32_t out = e->outputInterfaces.front();
                if (out < m_ipv4->GetNInterfaces())
                {
                    return MakeRoute(out, 0, dst);
                }
            }
        }
    }
    Hop hop;
    RtmDropReason why;
    Flow flow{&header, nullptr};
    Outcome o = Resolve(TableOf(instance), dstBits, flow, oifIndex, hop, why);
    if (o == Outcome::Drop)
    {
        Dropped(p, header, -1, why);
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    if (hop.interface == kNone)
    {
        // An address of this node whose route has no usable next hop (e.g. the socket is
        // bound to another device): send it on the interface holding the address, which
        // delivers it locally; the loopback interface if no interface holds it.
        int32_t holder = m_ipv4->GetInterfaceForAddress(dst);
        hop = Hop{holder >= 0 ? static_cast<uint32_t>(holder) : 0u, 0};
    }
    return MakeRoute(hop.interface, hop.gateway, dst);
}

bool
RtmIpv4Routing::RouteInput(Ptr<const Packet> p,
                           const Ipv4Header& header,
                           Ptr<const NetDevice> idev,
                           RtmRouteInputArg<Ipv4RoutingProtocol, 3> ucb,
                           RtmRouteInputArg<Ipv4RoutingProtocol, 4> mcb,
                           RtmRouteInputArg<Ipv4RoutingProtocol, 5> lcb,
                           RtmRouteInputArg<Ipv4RoutingProtocol, 6> ecb)
{
    int32_t iifSigned = m_ipv4->GetInterfaceForDevice(idev);
    if (iifSigned < 0)
    {
        return false;
    }
    uint32_t iif = static_cast<uint32_t>(iifSigned);
    uint16_t instance = GetInstanceOfInterface(iif);
    Ipv4Address dst = header.GetDestination();

    if (dst.IsMulticast())
    {
        bool delivered = false;
        if (!lcb.IsNull())
        {
            lcb(p, header, iif);
            delivered = true;
        }
        if (dst.IsLocalMulticast())
        {
            return delivered; // 224.0.0.0/24 never leaves the link
        }
        return RouteMulticast(p, header, iif, instance, mcb, delivered);
    }
    if (dst.IsBroadcast() || IsLocalAddress(instance, dst))
    {
        if (lcb.IsNull())
        {
            return false;
        }
        lcb(p, header, iif);
        return true;
    }
    if (!m_ipv4->IsForwarding(iif))
    {
        Dropped(p, header, iif, RtmDropReason::ForwardingDisabled);
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    Hop hop;
    RtmDropReason why;
    Flow flow{&header, p};
    Outcome o = Resolve(TableOf(instance), dst.Get(), flow, -1, hop, why);
    switch (o)
    {
    case Outcome::Local:
        if (lcb.IsNull())
        {
            return false;
        }
        lcb(p, header, iif);
        return true;
    case Outcome::Drop:
        Dropped(p, header, iif, why);
        if (why == RtmDropReason::NoRoute)
        {
            return false; // another protocol of a list may know better; else DROP_NO_ROUTE
        }
        if (why != RtmDropReason::Blackhole)
        {
            ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        }
        return true;
    case Outcome::Forward:
        break;
    }
    if (header.GetTtl() <= 1)
    {
        // The IP layer drops it and sends Time Exceeded; count it here too.
        Dropped(p, header, iif, RtmDropReason::TtlExpired);
    }
    else
    {
        ++m_forwarded;
        m_forwardTrace(p, header, iif, hop.interface);
    }
    Ptr<Ipv4Route> route = MakeRoute(hop.interface, hop.gateway, dst);
    if (header.GetTtl() == 0)
    {
        // Only a broken or hostile sender puts TTL 0 on the wire. Ipv4L3Protocol::IpForward
        // decrements without checking, so 0 would wrap to 255 and the packet would be forwarded:
        // hand it over as TTL 1, the IP layer then drops it and sends Time Exceeded.
        Ipv4Header expired = header;
        expired.SetTtl(1);
        ucb(route, p, expired);
        return true;
    }
    ucb(route, p, header);
    return true;
}

bool
RtmIpv4Routing::RouteMulticast(Ptr<const Packet> p,
                               const Ipv4Header& header,
                               uint32_t iif,
                               uint16_t instance,
                               const MulticastForwardCallback& mcb,
                               bool delivered)
{
    // 1. The forwarding entry (S, G) or (*, G), cached per input interface.
    if (m_mcastVersion != m_router->GetMulticastVersion())
    {
        m_mcastCache.clear();
        m_mcastVersion = m_router->GetMulticastVersion();
    }
    uint32_t src = header.GetSource().Get();
    uint32_t grp = header.GetDestination().Get();
    auto key = std::make_tuple(instance, src, grp, iif);
    auto it = m_mcastCache.find(key);
    Ptr<Ipv4MulticastRoute> mroute;
    if (it != m_mcastCache.end())
    {
        mroute = it->second;
    }
    else
    {
        const RtmMulticastEntry* e =
            m_router->FindMulticastRoute(instance,
                                         RtmNetAddress::FromIpv4(header.GetSource()),
                                         RtmNetAddress::FromIpv4(header.GetDestination()));
        if (e != nullptr)
        {
            mroute = Create<Ipv4MulticastRoute>();
            mroute->SetGroup(header.GetDestination());
            mroute->SetOrigin(header.GetSource());
            mroute->SetParent(iif);
            for (uint32_t oif : e->outputInterfaces)
            {
                if (oif != iif && oif < m_ipv4->GetNInterfaces() &&
                    GetInstanceOfInterface(oif) == instance)
                {
                    mroute->SetOutputTtl(oif, Ipv4MulticastRoute::MAX_TTL - 1);
                }
            }
        }
        m_mcastCache[key] = mroute;
    }
    if (!mroute)
    {
        // Nothing to forward (a receiver, or a router outside the tree): counted, not an error.
        Dropped(p, header, iif, RtmDropReason::NoMulticastRoute);
        return delivered;
    }
    // 2. Reverse-path check on the multicast view: only the interface toward the source.
    Table& t = TableOf(instance);
    uint32_t r = t.FibLookupRoute(RTM_VIEW_ID_MCAST, src);
    bool rpfOk = false;
    if (r != kNone)
    {
        for (uint32_t n : t.RouteNextHops(r))
        {
            if (t.NextHopFlags(n) & RTM_NEXTHOP_FLAGS_REMOTE)
            {
                uint32_t r2 = t.FibLookupRoute(RTM_VIEW_ID_MCAST, t.NextHopAddress(n));
                if (r2 == kNone)
                {
                    continue;
                }
                for (uint32_t n2 : t.RouteNextHops(r2))
                {
                    rpfOk = rpfOk || t.NextHopInterface(n2) == iif;
                }
            }
            else
            {
                rpfOk = rpfOk || t.NextHopInterface(n) == iif;
            }
        }
    }
    if (!rpfOk)
    {
        Dropped(p, header, iif, RtmDropReason::RpfFailure);
        return delivered;
    }
    if (mroute->GetOutputTtlMap().empty())
    {
        return delivered;
    }
    if (header.GetTtl() <= 1)
    {
        Dropped(p, header, iif, RtmDropReason::TtlExpired);
        return delivered;
    }
    ++m_forwarded;
    for (const auto& kv : mroute->GetOutputTtlMap())
    {
        m_forwardTrace(p, header, iif, kv.first);
    }
    mcb(mroute, p, header);
    return true;
}

void
RtmIpv4Routing::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream* os = stream->GetStream();
    Ptr<Node> node = m_ipv4 ? m_ipv4->GetObject<Node>() : nullptr;
    *os << "Node: " << (node ? node->GetId() : 0) << ", Time: " << Now().As(unit)
        << ", Local time: " << (node ? node->GetLocalTime().As(unit) : Now().As(unit))
        << ", RtmIpv4Routing table\n";
    if (!m_router)
    {
        return;
    }
    for (uint16_t id : m_router->GetInstanceIds())
    {
        Ptr<RtmInstance> inst = m_router->GetInstance(id);
        *os << "RTM instance " << id << ", IPv4 interfaces:";
        for (uint32_t i = 0; i < m_if.size(); ++i)
        {
            if (m_if[i].instance == id)
            {
                *os << " " << i;
            }
        }
        *os << "\n";
        if (inst->PeekIpv4Table() != nullptr)
        {
            inst->PeekIpv4Table()->Print(*os);
        }
        for (const auto& e : m_router->GetMulticastRoutes(id))
        {
            if (e.group.addressFamily != RTM_AF_INET)
            {
                continue;
            }
            *os << "  multicast ("
                << (e.source.numBits == 0 ? std::string("*") : e.source.AddressString()) << ", "
                << e.group.AddressString() << ") ->";
            for (uint32_t i : e.outputInterfaces)
            {
                *os << " if " << i;
            }
            *os << "\n";
        }
    }
    *os << "\n";
}

} // namespace ns3
