/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IPv6 forwarding plane. A packet costs one FIB lookup (poptrie) in its instance's unicast
 * view, a short walk to the best route and its next hops, and a cache hit for the Ipv6Route:
 * nothing is allocated per packet once the caches are warm.
 */
#include "rtm-ipv6-routing.h"

#include "ns3/ipv6-route.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/rtm-local-client.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmIpv6Routing");
NS_OBJECT_ENSURE_REGISTERED(RtmIpv6Routing);

namespace
{
typedef RtmKeyOps<RtmIpv6Family> K6;
typedef RtmIpv6Family::Key Key6;
const uint32_t kNone = RtmTable<RtmIpv6Family>::kNone;

/// \return true for a multicast address (ff00::/8)
inline bool
IsMulticastKey(Key6 k)
{
    return static_cast<uint8_t>(k >> 120) == 0xff;
}

/// \return the scope of a multicast address (its 4 low bits of the second byte)
inline uint32_t
McastScope(Key6 k)
{
    return static_cast<uint32_t>(k >> 112) & 0xf;
}

/// \return true for a link-local unicast address (fe80::/10)
inline bool
IsLinkLocalKey(Key6 k)
{
    return static_cast<uint32_t>(k >> 118) == 0x3fa;
}

/// \return true for a documentation address (2001:db8::/32), which ns-3 never forwards
inline bool
IsDocumentationKey(Key6 k)
{
    return static_cast<uint32_t>(k >> 96) == 0x20010db8u;
}

/// \return a 64-bit digest of a key, for the flow hash
inline uint64_t
Fold(Key6 k)
{
    return RtmMix64(static_cast<uint64_t>(k >> 64)) ^ static_cast<uint64_t>(k);
}
} // namespace

TypeId
RtmIpv6Routing::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmIpv6Routing")
            .SetParent<Ipv6RoutingProtocol>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmIpv6Routing>()
            .AddAttribute("EcmpSeed",
                          "Seed of the per-flow hash that spreads flows over the next hops of a "
                          "multipath route; the same seed gives the same choices.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmIpv6Routing::m_ecmpSeed),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Forward",
                            "A packet was forwarded by the RTM IPv6 forwarding plane.",
                            MakeTraceSourceAccessor(&RtmIpv6Routing::m_forwardTrace),
                            "ns3::RtmIpv6Routing::ForwardTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped by the RTM IPv6 forwarding plane, with the "
                            "reason.",
                            MakeTraceSourceAccessor(&RtmIpv6Routing::m_dropTrace),
                            "ns3::RtmIpv6Routing::DropTracedCallback");
    return tid;
}

RtmIpv6Routing::RtmIpv6Routing()
{
    NS_LOG_FUNCTION(this);
}

RtmIpv6Routing::~RtmIpv6Routing() = default;

void
RtmIpv6Routing::DoInitialize()
{
    Ipv6RoutingProtocol::DoInitialize();
}

void
RtmIpv6Routing::DoDispose()
{
    for (auto& kv : m_notified)
    {
        if (kv.second.reg && kv.second.reg->IsRegistered())
        {
            kv.second.reg->Deregister();
        }
    }
    m_notified.clear();
    m_routeCache.clear();
    m_mcastCache.clear();
    m_tables.clear();
    m_ipv6 = nullptr;
    m_router = nullptr;
    Ipv6RoutingProtocol::DoDispose();
}

RtmIpv6Routing::Key
RtmIpv6Routing::ToKey(const Ipv6Address& a)
{
    uint8_t b[16];
    a.GetBytes(b);
    uint64_t hi;
    uint64_t lo;
    std::memcpy(&hi, b, 8);
    std::memcpy(&lo, b + 8, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    hi = __builtin_bswap64(hi);
    lo = __builtin_bswap64(lo);
#endif
    return (static_cast<Key>(hi) << 64) | lo;
}

Ipv6Address
RtmIpv6Routing::FromKey(Key k)
{
    uint64_t hi = static_cast<uint64_t>(k >> 64);
    uint64_t lo = static_cast<uint64_t>(k);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    hi = __builtin_bswap64(hi);
    lo = __builtin_bswap64(lo);
#endif
    uint8_t b[16];
    std::memcpy(b, &hi, 8);
    std::memcpy(b + 8, &lo, 8);
    return Ipv6Address(b);
}

void
RtmIpv6Routing::SetRouter(Ptr<RtmRouter> router)
{
    m_router = router;
}

Ptr<RtmRouter>
RtmIpv6Routing::GetRouter() const
{
    return m_router;
}

void
RtmIpv6Routing::SetIpv6(Ptr<Ipv6> ipv6)
{
    NS_LOG_FUNCTION(this << ipv6);
    m_ipv6 = ipv6;
    if (!m_router)
    {
        m_router = RtmRouter::Of(ipv6->GetObject<Node>());
    }
    m_router->CreateInstance(0);
    for (uint32_t i = 0; i < m_ipv6->GetNInterfaces(); ++i)
    {
        SyncInterface(i);
    }
}

RtmIpv6Routing::Table&
RtmIpv6Routing::TableOf(uint16_t instance)
{
    auto it = m_tables.find(instance);
    if (it != m_tables.end())
    {
        return *it->second;
    }
    Table& t = m_router->CreateInstance(instance)->GetIpv6Table();
    m_tables[instance] = &t;
    return t;
}

uint16_t
RtmIpv6Routing::GetInstanceOfInterface(uint32_t interface) const
{
    return interface < m_ifInstance.size() ? m_ifInstance[interface] : 0;
}

void
RtmIpv6Routing::SyncInterface(uint32_t interface)
{
    if (!m_ipv6 || !m_router || interface >= m_ipv6->GetNInterfaces())
    {
        return;
    }
    Ptr<NetDevice> dev = m_ipv6->GetNetDevice(interface);
    uint16_t instance = dev ? m_router->GetInstanceOfDevice(dev->GetIfIndex()) : 0;
    if (m_ifInstance.size() <= interface)
    {
        m_ifInstance.resize(interface + 1, 0);
    }
    uint16_t previous = m_ifInstance[interface];
    if (previous != instance)
    {
        // The device moved to another instance: the old one forgets the interface.
        PurgeNotified(previous, interface);
        m_router->GetLocalClient(previous, RTM_AF_INET6)->SetInterface(interface, false, {}, false);
        m_router->CreateInstance(previous)->RemoveInterface(RTM_AF_INET6, interface);
    }
    m_ifInstance[interface] = instance;
    Ptr<RtmInstance> inst = m_router->CreateInstance(instance);
    if (interface != 0)
    {
        // The loopback is usable by every instance and not listed (RtmInstance::GetInterfaces).
        inst->AddInterface(RTM_AF_INET6, interface);
    }
    TableOf(instance);
    bool up = m_ipv6->IsUp(interface);
    std::vector<RtmLocalClient::InterfaceAddress> addrs;
    for (uint32_t j = 0; j < m_ipv6->GetNAddresses(interface); ++j)
    {
        Ipv6InterfaceAddress a = m_ipv6->GetAddress(interface, j);
        if (a.GetAddress().IsAny())
        {
            continue;
        }
        uint16_t len = a.GetOnLink() ? a.GetPrefix().GetPrefixLength() : 128;
        addrs.emplace_back(RtmNetAddress::FromIpv6(a.GetAddress()), len);
    }
    bool loopback = dev && DynamicCast<LoopbackNetDevice>(dev);
    m_router->GetLocalClient(instance, RTM_AF_INET6)->SetInterface(interface, up, addrs, loopback);
    if (!up)
    {
        PurgeNotified(instance, interface);
    }
    m_router->NotifyInterface(instance, RTM_AF_INET6, interface, up);
    RebuildLocal();
    m_routeCache.clear();
    m_mcastCache.clear();
}

void
RtmIpv6Routing::RebuildLocal()
{
    m_local.clear();
    uint32_t n = m_ipv6->GetNInterfaces();
    m_ifAddrs.assign(n, {});
    for (uint32_t i = 0; i < n; ++i)
    {
        uint16_t in = GetInstanceOfInterface(i);
        for (uint32_t j = 0; j < m_ipv6->GetNAddresses(i); ++j)
        {
            Ipv6InterfaceAddress a = m_ipv6->GetAddress(i, j);
            Key k = ToKey(a.GetAddress());
            if (k == 0)
            {
                continue;
            }
            m_local[in].emplace_back(k, i);
            uint8_t len = a.GetOnLink() ? a.GetPrefix().GetPrefixLength() : 128;
            m_ifAddrs[i].push_back(IfAddr{k, len, IsLinkLocalKey(k)});
        }
    }
}

void
RtmIpv6Routing::Resync()
{
    if (!m_ipv6)
    {
        return;
    }
    for (uint32_t i = 0; i < m_ipv6->GetNInterfaces(); ++i)
    {
        SyncInterface(i);
    }
}

void
RtmIpv6Routing::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    SyncInterface(interface);
}

void
RtmIpv6Routing::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    SyncInterface(interface);
}

void
RtmIpv6Routing::NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    SyncInterface(interface);
}

void
RtmIpv6Routing::NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    SyncInterface(interface);
}

RtmIpv6Routing::NotifiedClient&
RtmIpv6Routing::NotifiedOf(uint16_t instance)
{
    auto it = m_notified.find(instance);
    if (it != m_notified.end())
    {
        return it->second;
    }
    NotifiedClient& c = m_notified[instance];
    RtmEntityInfo info;
    info.rtmInstanceId = instance;
    info.addressFamily = RTM_AF_INET6;
    info.entityId.entityProtocolId = RTM_PROTO_NS3_IPV6_NOTIFIED;
    info.entityId.entityInstanceId = 0;
    RtmRegnProfile profile;
    RtmStatus st = m_router->CreateInstance(instance)
                       ->RegisterEntity(info, {}, RtmEventCallback(), false, profile, c.reg);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("notified-routes client of instance " << instance
                                                          << " could not register: " << st);
        c.reg = nullptr;
    }
    return c;
}

void
RtmIpv6Routing::NotifyAddRoute(Ipv6Address dst,
                               Ipv6Prefix mask,
                               Ipv6Address nextHop,
                               uint32_t interface,
                               Ipv6Address prefixToUse)
{
    NS_LOG_FUNCTION(this << dst << mask << nextHop << interface << prefixToUse);
    if (!m_ipv6 || !m_router || interface >= m_ipv6->GetNInterfaces())
    {
        return;
    }
    if (interface >= m_ifInstance.size())
    {
        SyncInterface(interface);
    }
    uint8_t len = mask.GetPrefixLength();
    Key dk = K6::Prefix(ToKey(dst), len);
    Key nk = ToKey(nextHop);
    if (nk == 0 && interface < m_ifAddrs.size())
    {
        // Ipv6L3Protocol::AddAddress notifies the on-link prefix of every address it adds: the
        // connected-routes client owns that route already.
        for (const auto& a : m_ifAddrs[interface])
        {
            if (a.len == len && K6::Prefix(a.addr, len) == dk)
            {
                NS_LOG_LOGIC("on-link prefix of an interface address: connected route");
                return;
            }
        }
    }
    uint16_t instance = GetInstanceOfInterface(interface);
    NotifiedClient& c = NotifiedOf(instance);
    if (!c.reg)
    {
        return;
    }
    RtmNextHopInfo nh;
    nh.nextHopAddress = RtmNetAddress::FromIpv6(FromKey(nk));
    nh.interfaceIndex = interface;
    RtmNextHopHandle nhh;
    uint32_t changed = 0;
    RtmStatus st = c.reg->AddNextHop(nh, nhh, changed);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("notified route " << dst << "/" << +len << ": next hop " << nextHop
                                      << " on interface " << interface << ": " << st);
        return;
    }
    auto key = std::make_tuple(dk, len, nk, interface);
    auto it = c.routes.find(key);
    RtmRouteHandle rh = it != c.routes.end() ? it->second.route : RtmRouteHandle();
    RtmRouteInfo ri;
    ri.neighbour = nhh;
    ri.nextHops = {nhh};
    ri.flags = nk == 0 ? RTM_ROUTE_FLAGS_LOCAL : RTM_ROUTE_FLAGS_REMOTE;
    ri.belongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    changed = 0;
    st = c.reg->AddRouteToDest(rh,
                               RtmNetAddress::FromIpv6(FromKey(dk), len),
                               ri,
                               RTM_INFINITE,
                               RtmRouteListHandle(),
                               changed);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("notified route " << dst << "/" << +len << " via " << nextHop << ": " << st);
        if (it == c.routes.end())
        {
            c.reg->DeleteNextHop(nhh);
        }
        return;
    }
    c.routes[key] = NotifiedRoute{rh, nhh};
}

void
RtmIpv6Routing::NotifyRemoveRoute(Ipv6Address dst,
                                  Ipv6Prefix mask,
                                  Ipv6Address nextHop,
                                  uint32_t interface,
                                  Ipv6Address prefixToUse)
{
    NS_LOG_FUNCTION(this << dst << mask << nextHop << interface << prefixToUse);
    auto cit = m_notified.find(GetInstanceOfInterface(interface));
    if (cit == m_notified.end() || !cit->second.reg)
    {
        return;
    }
    NotifiedClient& c = cit->second;
    uint8_t len = mask.GetPrefixLength();
    Key dk = K6::Prefix(ToKey(dst), len);
    Key nk = ToKey(nextHop);
    std::vector<std::pair<Key, uint32_t>> hops;
    for (auto it = c.routes.begin(); it != c.routes.end();)
    {
        const auto& k = it->first;
        if (std::get<0>(k) == dk && std::get<1>(k) == len && std::get<3>(k) == interface &&
            (nk == 0 || std::get<2>(k) == nk))
        {
            uint32_t changed = 0;
            c.reg->DeleteRouteToDest(it->second.route, changed);
            hops.emplace_back(std::get<2>(k), interface);
            it = c.routes.erase(it);
        }
        else
        {
            ++it;
        }
    }
    // Next hops no longer used by any notified route go too.
    for (const auto& h : hops)
    {
        bool used = false;
        for (const auto& kv : c.routes)
        {
            used = used || (std::get<2>(kv.first) == h.first && std::get<3>(kv.first) == h.second);
        }
        if (!used)
        {
            RtmNextHopInfo nh;
            nh.nextHopAddress = RtmNetAddress::FromIpv6(FromKey(h.first));
            nh.interfaceIndex = h.second;
            c.reg->DeleteNextHop(RtmNextHopHandle(), &nh);
        }
    }
    m_routeCache.clear();
}

void
RtmIpv6Routing::PurgeNotified(uint16_t instance, uint32_t interface)
{
    auto cit = m_notified.find(instance);
    if (cit == m_notified.end() || !cit->second.reg)
    {
        return;
    }
    NotifiedClient& c = cit->second;
    std::vector<Key> hops;
    for (auto it = c.routes.begin(); it != c.routes.end();)
    {
        if (std::get<3>(it->first) == interface)
        {
            uint32_t changed = 0;
            c.reg->DeleteRouteToDest(it->second.route, changed);
            hops.push_back(std::get<2>(it->first));
            it = c.routes.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (Key h : hops)
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = RtmNetAddress::FromIpv6(FromKey(h));
        nh.interfaceIndex = interface;
        c.reg->DeleteNextHop(RtmNextHopHandle(), &nh); // NotFound for the second of a pair
    }
}

uint32_t
RtmIpv6Routing::GetNotifiedRouteCount() const
{
    uint32_t n = 0;
    for (const auto& kv : m_notified)
    {
        n += static_cast<uint32_t>(kv.second.routes.size());
    }
    return n;
}

bool
RtmIpv6Routing::IsLocalAddress(uint16_t instance, Key dst, uint32_t* ifOut) const
{
    auto it = m_local.find(instance);
    if (it == m_local.end())
    {
        return false;
    }
    for (const auto& a : it->second)
    {
        if (a.first == dst)
        {
            if (ifOut != nullptr)
            {
                *ifOut = a.second;
            }
            return true;
        }
    }
    return false;
}

int32_t
RtmIpv6Routing::InterfaceOfAddress(Key address) const
{
    for (uint32_t i = 0; i < m_ifAddrs.size(); ++i)
    {
        for (const auto& a : m_ifAddrs[i])
        {
            if (a.addr == address)
            {
                return static_cast<int32_t>(i);
            }
        }
    }
    return -1;
}

RtmIpv6Routing::Key
RtmIpv6Routing::SelectSource(uint16_t instance, uint32_t interface, Key dst) const
{
    if (dst == 1)
    {
        return 1; // ::1
    }
    static const std::vector<IfAddr> kEmpty;
    const std::vector<IfAddr>& addrs = interface < m_ifAddrs.size() ? m_ifAddrs[interface] : kEmpty;
    bool linkScope = IsLinkLocalKey(dst) || (IsMulticastKey(dst) && McastScope(dst) <= 2);
    Key linkLocal = 0;
    Key firstGlobal = 0;
    for (const auto& a : addrs)
    {
        if (a.linkLocal)
        {
            if (linkLocal == 0)
            {
                linkLocal = a.addr;
            }
            continue;
        }
        if (a.addr == 1)
        {
            continue;
        }
        if (!linkScope && a.len < 128 && K6::Covers(K6::Prefix(a.addr, a.len), a.len, dst))
        {
            return a.addr;
        }
        if (firstGlobal == 0)
        {
            firstGlobal = a.addr;
        }
    }
    if (linkScope && linkLocal != 0)
    {
        return linkLocal;
    }
    if (firstGlobal != 0)
    {
        return firstGlobal;
    }
    // No global address on that interface: any global address of the instance.
    auto it = m_local.find(instance);
    if (it != m_local.end())
    {
        for (const auto& a : it->second)
        {
            if (a.first != 1 && !IsLinkLocalKey(a.first))
            {
                return a.first;
            }
        }
    }
    return linkLocal;
}

void
RtmIpv6Routing::CollectHops(Table& t, uint32_t r, int32_t oif)
{
    uint16_t flags = t.RouteFlags(r);
    uint32_t limit = t.GetConfig().maxNextHopsInRoute;
    uint32_t nIf = m_ipv6->GetNInterfaces();
    auto add = [&](uint32_t interface, Key gateway) {
        if ((oif >= 0 && interface != static_cast<uint32_t>(oif)) || interface >= nIf ||
            !m_ipv6->IsUp(interface))
        {
            return;
        }
        m_hops.push_back(Hop{interface, gateway});
    };
    for (uint32_t n : t.RouteNextHops(r))
    {
        Key addr = t.NextHopAddress(n);
        if (!(t.NextHopFlags(n) & RTM_NEXTHOP_FLAGS_REMOTE))
        {
            bool onLink = (flags & (RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF)) || addr == 0;
            add(t.NextHopInterface(n), onLink ? Key(0) : addr);
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
            Key addr2 = t.NextHopAddress(n2);
            bool onLink = (flags2 & (RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF)) || addr2 == 0;
            add(t.NextHopInterface(n2), onLink ? addr : addr2);
            ++used;
        }
    }
}

RtmIpv6Routing::Outcome
RtmIpv6Routing::Resolve(Table& t, Key dst, uint64_t hash, int32_t oif, Hop& hop, RtmDropReason& why)
{
    uint32_t r = t.FibLookupRoute(RTM_VIEW_ID_UCAST, dst);
    if (r == kNone)
    {
        why = RtmDropReason::NoRoute;
        return Outcome::Drop;
    }
    uint16_t flags = t.RouteFlags(r);
    if (flags & RTM_ROUTE_FLAGS_BLACKHOLE)
    {
        why = RtmDropReason::Blackhole;
        return Outcome::Drop;
    }
    if (flags & RTM_ROUTE_FLAGS_DISCARD)
    {
        why = RtmDropReason::Discard;
        return Outcome::Drop;
    }
    if (flags & RTM_ROUTE_FLAGS_MARTIAN)
    {
        why = RtmDropReason::Martian;
        return Outcome::Drop;
    }
    m_hops.clear();
    CollectHops(t, r, oif);
    bool local = flags & (RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOOPBACK);
    if (m_hops.empty())
    {
        if (local)
        {
            hop = Hop{kNone, 0};
            return Outcome::Local;
        }
        why = RtmDropReason::NoNextHop;
        return Outcome::Drop;
    }
    hop = m_hops[m_hops.size() == 1 ? 0 : hash % m_hops.size()];
    return local ? Outcome::Local : Outcome::Forward;
}

Ptr<Ipv6Route>
RtmIpv6Routing::MakeRoute(uint32_t interface, Key gateway, Key source)
{
    auto& slot = m_routeCache[RouteKey{interface, gateway}];
    for (const auto& e : slot)
    {
        if (e.first == source)
        {
            return e.second;
        }
    }
    Ptr<Ipv6Route> route = Create<Ipv6Route>();
    Ipv6Address gw = FromKey(gateway);
    route->SetDestination(gw);
    route->SetGateway(gw);
    route->SetSource(FromKey(source));
    route->SetOutputDevice(m_ipv6->GetNetDevice(interface));
    slot.emplace_back(source, route);
    return route;
}

uint64_t
RtmIpv6Routing::FlowHash(Ptr<const Packet> p, const Ipv6Header& h) const
{
    uint64_t ports = 0;
    uint8_t nh = h.GetNextHeader();
    if (p && (nh == 6 || nh == 17) && p->GetSize() >= 4)
    {
        uint8_t buf[4];
        p->CopyData(buf, 4);
        ports =
            (uint64_t(buf[0]) << 24) | (uint64_t(buf[1]) << 16) | (uint64_t(buf[2]) << 8) | buf[3];
    }
    uint64_t flow = h.GetFlowLabel() & 0xFFFFF;
    return RtmFlowHash(m_ecmpSeed,
                       Fold(ToKey(h.GetSource())),
                       Fold(ToKey(h.GetDestination())),
                       (ports << 28) | (flow << 8) | nh);
}

void
RtmIpv6Routing::Dropped(Ptr<const Packet> p, const Ipv6Header& h, int32_t iif, RtmDropReason why)
{
    NS_LOG_LOGIC("drop " << h.GetSource() << " -> " << h.GetDestination() << ": " << why);
    ++m_drops[static_cast<size_t>(why)];
    m_dropTrace(p, h, iif, why);
}

uint64_t
RtmIpv6Routing::GetDropCount(RtmDropReason reason) const
{
    return reason < RtmDropReason::Count ? m_drops[static_cast<size_t>(reason)] : 0;
}

uint64_t
RtmIpv6Routing::GetForwardCount() const
{
    return m_forwarded;
}

Ptr<Ipv6Route>
RtmIpv6Routing::RouteOutput(Ptr<Packet> p,
                            const Ipv6Header& header,
                            Ptr<NetDevice> oif,
                            Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this << header << oif);
    sockerr = Socket::ERROR_NOROUTETOHOST;
    if (!m_ipv6 || !m_router)
    {
        return nullptr;
    }
    Key dst = ToKey(header.GetDestination());
    int32_t oifIndex = -1;
    uint16_t instance = 0;
    if (oif)
    {
        oifIndex = m_ipv6->GetInterfaceForDevice(oif);
        if (oifIndex < 0)
        {
            return nullptr; // not an IPv6 device of this node
        }
        instance = GetInstanceOfInterface(oifIndex);
    }
    else
    {
        // A caller that chose its source address (a bound socket, a reply): the instance of the
        // interface holding it.
        Key src = ToKey(header.GetSource());
        int32_t holder = src == 0 ? -1 : InterfaceOfAddress(src);
        if (holder >= 0)
        {
            instance = GetInstanceOfInterface(holder);
        }
    }
    if (dst == 0)
    {
        Dropped(p, header, -1, RtmDropReason::Martian);
        return nullptr;
    }
    bool multicast = IsMulticastKey(dst);
    if (multicast || IsLinkLocalKey(dst))
    {
        if (oifIndex >= 0)
        {
            sockerr = Socket::ERROR_NOTERROR;
            return MakeRoute(oifIndex, 0, SelectSource(instance, oifIndex, dst));
        }
        if (!multicast || McastScope(dst) <= 2)
        {
            // Link scope without an interface: there is no scope id to pick one.
            Dropped(p, header, -1, RtmDropReason::NoRoute);
            return nullptr;
        }
        RtmNetAddress anySource;
        anySource.addressFamily = RTM_AF_INET6;
        const RtmMulticastEntry* e =
            m_router->FindMulticastRoute(instance,
                                         anySource,
                                         RtmNetAddress::FromIpv6(header.GetDestination()));
        if (e != nullptr && !e->outputInterfaces.empty())
        {
            uint32_t out = e->outputInterfaces.front();
            if (out < m_ipv6->GetNInterfaces())
            {
                sockerr = Socket::ERROR_NOTERROR;
                return MakeRoute(out, 0, SelectSource(instance, out, dst));
            }
        }
        // Else the unicast view decides (a route to ff00::/8 or a default route), as
        // SetDefaultMulticastRoute does for ns-3's static routing.
    }
    Table& t = TableOf(instance);
    Hop hop;
    RtmDropReason why;
    uint64_t hash =
        RtmFlowHash(m_ecmpSeed, Fold(ToKey(header.GetSource())), Fold(dst), header.GetNextHeader());
    Outcome o = Resolve(t, dst, hash, oifIndex, hop, why);
    if (o == Outcome::Drop)
    {
        Dropped(p, header, -1, why);
        return nullptr;
    }
    if (hop.interface == kNone)
    {
        // A local destination without a usable next hop: the interface holding the address.
        uint32_t i = 0;
        hop = Hop{IsLocalAddress(instance, dst, &i) ? i : 0, 0};
    }
    if (multicast)
    {
        hop.gateway = 0; // multicast is never sent to a gateway
    }
    sockerr = Socket::ERROR_NOTERROR;
    return MakeRoute(hop.interface, hop.gateway, SelectSource(instance, hop.interface, dst));
}

bool
RtmIpv6Routing::RouteInput(Ptr<const Packet> p,
                           const Ipv6Header& header,
                           Ptr<const NetDevice> idev,
                           RtmRouteInputArg<Ipv6RoutingProtocol, 3> ucb,
                           RtmRouteInputArg<Ipv6RoutingProtocol, 4> mcb,
                           RtmRouteInputArg<Ipv6RoutingProtocol, 5> lcb,
                           RtmRouteInputArg<Ipv6RoutingProtocol, 6> ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    if (!m_ipv6 || !m_router)
    {
        return false;
    }
    int32_t iifSigned = m_ipv6->GetInterfaceForDevice(idev);
    if (iifSigned < 0)
    {
        return false;
    }
    uint32_t iif = static_cast<uint32_t>(iifSigned);
    uint16_t instance = GetInstanceOfInterface(iif);
    Key dst = ToKey(header.GetDestination());

    if (IsMulticastKey(dst))
    {
        // Ipv6L3Protocol::Receive has delivered it locally already if a socket joined the group.
        if (McastScope(dst) <= 2)
        {
            return false; // interface- and link-scope multicast never leaves the link
        }
        return RouteMulticast(p, header, idev, iif, instance, mcb);
    }
    bool linkLocalDst = IsLinkLocalKey(dst);
    // ::1 only exists on the loopback, whose packets Ipv6L3Protocol::Receive has delivered.
    if (!linkLocalDst && dst != 1 && IsLocalAddress(instance, dst))
    {
        // An address of another interface of this instance (the ingress interface's own
        // addresses were delivered by Ipv6L3Protocol::Receive).
        if (lcb.IsNull())
        {
            return false;
        }
        lcb(p, header, iif);
        return true;
    }
    if (!m_ipv6->IsForwarding(iif))
    {
        Dropped(p, header, iif, RtmDropReason::ForwardingDisabled);
        if (!ecb.IsNull())
        {
            ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        }
        return true;
    }
    Key src = ToKey(header.GetSource());
    if (src == 0 || src == 1 || IsMulticastKey(src) || IsLinkLocalKey(src))
    {
        // Never forwarded, and nobody to report to (RFC 4443 2.4 (e), RFC 4291 2.5.6).
        Dropped(p, header, iif, RtmDropReason::Martian);
        return true;
    }
    if (linkLocalDst || dst == 0 || dst == 1 || IsDocumentationKey(dst))
    {
        Dropped(p, header, iif, RtmDropReason::Martian);
        if (!ecb.IsNull())
        {
            ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        }
        return true;
    }
    Table& t = TableOf(instance);
    Hop hop;
    RtmDropReason why;
    Outcome o = Resolve(t, dst, FlowHash(p, header), -1, hop, why);
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
        if (why == RtmDropReason::NoRoute && ecb.IsNull())
        {
            return false; // inside a list: another protocol may know better
        }
        if (why != RtmDropReason::Blackhole && !ecb.IsNull())
        {
            ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        }
        return true;
    case Outcome::Forward:
        break;
    }
    Ptr<Ipv6Route> route =
        MakeRoute(hop.interface, hop.gateway, SelectSource(instance, hop.interface, dst));
    uint8_t hopLimit = header.GetHopLimit();
    if (hopLimit > 1)
    {
        ++m_forwarded;
        m_forwardTrace(p, header, iif, hop.interface);
        ucb(idev, route, p, header);
        return true;
    }
    // The IP layer drops it and sends Time Exceeded; count it here too.
    Dropped(p, header, iif, RtmDropReason::TtlExpired);
    if (hopLimit == 0)
    {
        // Only a broken or hostile sender puts hop limit 0 on the wire. Ipv6L3Protocol::IpForward
        // decrements without checking, so 0 would wrap to 255 and the packet would be forwarded:
        // hand it over as hop limit 1.
        Ipv6Header expired = header;
        expired.SetHopLimit(1);
        ucb(idev, route, p, expired);
        return true;
    }
    ucb(idev, route, p, header);
    return true;
}

bool
RtmIpv6Routing::RouteMulticast(Ptr<const Packet> p,
                               const Ipv6Header& header,
                               Ptr<const NetDevice> idev,
                               uint32_t iif,
                               uint16_t instance,
                               const MulticastForwardCallback& mcb)
{
    Key src = ToKey(header.GetSource());
    if (src == 0 || src == 1 || IsMulticastKey(src) || IsLinkLocalKey(src))
    {
        Dropped(p, header, iif, RtmDropReason::Martian);
        return false;
    }
    Table& t = TableOf(instance);
    // Reverse-path check on the multicast view.
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
        return false;
    }
    if (m_mcastVersion != m_router->GetMulticastVersion())
    {
        m_mcastCache.clear();
        m_mcastVersion = m_router->GetMulticastVersion();
    }
    Key grp = ToKey(header.GetDestination());
    auto key = std::make_tuple(instance, src, grp, iif);
    auto it = m_mcastCache.find(key);
    if (it == m_mcastCache.end())
    {
        McastEntry entry;
        const RtmMulticastEntry* e =
            m_router->FindMulticastRoute(instance,
                                         RtmNetAddress::FromIpv6(header.GetSource()),
                                         RtmNetAddress::FromIpv6(header.GetDestination()));
        if (e != nullptr)
        {
            entry.route = Create<Ipv6MulticastRoute>();
            entry.route->SetGroup(header.GetDestination());
            entry.route->SetOrigin(header.GetSource());
            entry.route->SetParent(iif);
            for (uint32_t oif : e->outputInterfaces)
            {
                if (oif != iif && oif < m_ipv6->GetNInterfaces() &&
                    GetInstanceOfInterface(oif) == instance)
                {
                    entry.route->SetOutputTtl(oif, Ipv6MulticastRoute::MAX_TTL - 1);
                    entry.oifs.push_back(oif);
                }
            }
        }
        it = m_mcastCache.emplace(key, std::move(entry)).first;
    }
    const McastEntry& entry = it->second;
    if (!entry.route)
    {
        Dropped(p, header, iif, RtmDropReason::NoMulticastRoute);
        return false;
    }
    if (entry.oifs.empty())
    {
        return false;
    }
    if (header.GetHopLimit() <= 1)
    {
        Dropped(p, header, iif, RtmDropReason::TtlExpired);
        return false;
    }
    ++m_forwarded;
    for (uint32_t oif : entry.oifs)
    {
        m_forwardTrace(p, header, iif, oif);
    }
    mcb(idev, entry.route, p, header);
    return true;
}

void
RtmIpv6Routing::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream* os = stream->GetStream();
    Ptr<Node> node = m_ipv6 ? m_ipv6->GetObject<Node>() : nullptr;
    *os << "Node: " << (node ? node->GetId() : 0) << ", Time: " << Now().As(unit)
        << ", Local time: " << (node ? node->GetLocalTime().As(unit) : Now().As(unit))
        << ", RtmIpv6Routing table\n";
    if (!m_router)
    {
        return;
    }
    for (uint16_t id : m_router->GetInstanceIds())
    {
        Ptr<RtmInstance> inst = m_router->GetInstance(id);
        *os << "RTM instance " << id << ", IPv6 interfaces:";
        for (uint32_t i = 0; i < m_ifInstance.size(); ++i)
        {
            if (m_ifInstance[i] == id)
            {
                *os << " " << i;
            }
        }
        *os << "\n";
        if (inst->PeekIpv6Table() != nullptr)
        {
            inst->PeekIpv6Table()->Print(*os);
        }
        for (const auto& e : m_router->GetMulticastRoutes(id))
        {
            if (e.group.addressFamily != RTM_AF_INET6)
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
