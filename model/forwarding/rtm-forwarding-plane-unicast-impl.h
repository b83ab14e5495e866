/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmForwardingPlane<P>, part 2: unicast. RouteOutput and RouteInput choose the instance, sort
 * out the addresses that are never routed (local, broadcast, martian), then Resolve: one FIB
 * lookup in the instance's unicast view gives the best route's forwarding record (its flags and
 * usable hops, interned and kept in step by the table; the route record is never read), the
 * common case of one hop is taken in place, with neither scratch list nor hash; a flow hash over
 * several; MakeRoute returns the cached ns-3 route for the hop (a one-entry memo per interface in
 * front of the cache). Included by rtm-forwarding-plane.cc only.
 */
#ifndef RTM_FORWARDING_PLANE_UNICAST_IMPL_H
#define RTM_FORWARDING_PLANE_UNICAST_IMPL_H

#include "rtm-forwarding-plane.h"

namespace ns3
{

template <typename P>
typename RtmForwardingPlane<P>::Table&
RtmForwardingPlane<P>::TableOf(uint16_t instance)
{
    if (instance < m_tables.size() && m_tables[instance] != nullptr)
    {
        return *m_tables[instance];
    }
    Table* t;
    if constexpr (kIpv6)
    {
        t = &m_router->CreateInstance(instance)->GetIpv6Table();
    }
    else
    {
        t = &m_router->CreateInstance(instance)->GetIpv4Table();
    }
    if (m_tables.size() <= instance)
    {
        m_tables.resize(instance + 1, nullptr);
    }
    m_tables[instance] = t;
    return *t;
}

template <typename P>
typename RtmForwardingPlane<P>::Outcome
RtmForwardingPlane<P>::Resolve(uint16_t instance,
                               Key dst,
                               const Header& header,
                               Ptr<const Packet> p,
                               int32_t oif,
                               Hop& hop,
                               RtmDropReason& why)
{
    const typename Table::Forward* f = TableOf(instance).FibLookupForward(dst);
    if (f == nullptr)
    {
        why = RtmDropReason::NoRoute;
        return Outcome::Drop;
    }
    uint16_t flags = f->flags;
    if (flags & (RTM_ROUTE_FLAGS_BLACKHOLE | RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_MARTIAN))
    {
        why = (flags & RTM_ROUTE_FLAGS_BLACKHOLE) ? RtmDropReason::Blackhole
              : (flags & RTM_ROUTE_FLAGS_DISCARD) ? RtmDropReason::Discard
                                                  : RtmDropReason::Martian;
        return Outcome::Drop;
    }
    Outcome ok = (flags & (RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOOPBACK)) ? Outcome::Local
                                                                               : Outcome::Forward;
    bool foreign = false;
    if (f->hops.size() == 1)
    {
        // The common case: one hop, read in place; no scratch list, no hash.
        if (HopAllowed(f->hops[0].ifIndex, instance, oif, foreign))
        {
            hop = f->hops[0];
            return ok;
        }
    }
    else if (!f->hops.empty())
    {
        // Several hops (ECMP, or REMOTE next hops resolving to several): the allowed ones, one
        // picked by the flow hash.
        m_hops.clear();
        for (const Hop& h : f->hops)
        {
            if (HopAllowed(h.ifIndex, instance, oif, foreign))
            {
                m_hops.push_back(h);
            }
        }
        if (!m_hops.empty())
        {
            hop = m_hops[m_hops.size() == 1 ? 0 : FlowHash(header, p) % m_hops.size()];
            return ok;
        }
    }
    // No usable hop: a local route still delivers (the caller picks the interface).
    hop = Hop{kNone, Key(0)};
    why = foreign ? RtmDropReason::ForeignInterface : RtmDropReason::NoNextHop;
    return ok == Outcome::Local ? Outcome::Local : Outcome::Drop;
}

template <typename P>
uint64_t
RtmForwardingPlane<P>::FlowHash(const Header& h, Ptr<const Packet> p) const
{
    uint64_t ports = 0;
    uint8_t proto = Traits::Protocol(h);
    if (p && (proto == 6 || proto == 17) && Traits::HasTransportHeader(h) && p->GetSize() >= 4)
    {
        uint8_t buf[4];
        p->CopyData(buf, 4);
        ports =
            (uint64_t(buf[0]) << 24) | (uint64_t(buf[1]) << 16) | (uint64_t(buf[2]) << 8) | buf[3];
    }
    return RtmFlowHash(m_ecmpSeed,
                       Fold(Traits::Source(h)),
                       Fold(Traits::Destination(h)),
                       (ports << 28) | (uint64_t(Traits::FlowLabel(h)) << 8) | proto);
}

template <typename P>
typename RtmForwardingPlane<P>::Key
RtmForwardingPlane<P>::SelectSource(uint16_t instance, uint32_t interface, Key dst) const
{
    if (Traits::IsLoopback(dst))
    {
        return dst;
    }
    const Interface& x = m_if[interface];
    bool zone = Traits::NeedsZone(dst);
    if (zone && x.linkLocal != 0)
    {
        return x.linkLocal;
    }
    // An address whose prefix covers the destination, else the first global one.
    Key first = 0;
    for (const auto& a : x.addrs)
    {
        if (Traits::NeedsZone(a.first) || Traits::IsLoopback(a.first))
        {
            continue;
        }
        if (!zone && a.second < Family::kBits &&
            RtmKeyOps<Family>::Prefix(a.first, a.second) ==
                RtmKeyOps<Family>::Prefix(dst, a.second))
        {
            return a.first;
        }
        first = first != 0 ? first : a.first;
    }
    if (first != 0)
    {
        return first;
    }
    // No global address on that interface: any global address of the instance.
    for (const auto& l : m_local)
    {
        if (l.instance == instance && !l.broadcast && !Traits::NeedsZone(l.addr) &&
            !Traits::IsLoopback(l.addr))
        {
            return l.addr;
        }
    }
    if (x.linkLocal != 0)
    {
        return x.linkLocal;
    }
    return x.addrs.empty() ? Key(0) : x.addrs.front().first;
}

template <typename P>
Ptr<typename RtmForwardingPlane<P>::Route>
RtmForwardingPlane<P>::MakeRoute(uint32_t interface, Key gateway, Key source)
{
    Interface& x = m_if[interface];
    if (x.memo && x.memoGateway == gateway && x.memoSource == source)
    {
        return x.memo;
    }
    RouteKey key{interface, gateway, source};
    auto it = m_routeCache.find(key);
    if (it == m_routeCache.end())
    {
        if (m_routeCache.size() >= kMaxCachedRoutes)
        {
            FlushCaches(); // more gateways and sources than any table should give: start over
        }
        Ptr<Route> route = Create<Route>();
        route->SetDestination(Traits::FromKey(gateway));
        route->SetGateway(Traits::FromKey(gateway));
        route->SetSource(Traits::FromKey(source));
        route->SetOutputDevice(m_ip->GetNetDevice(interface));
        it = m_routeCache.emplace(key, route).first;
    }
    x.memoGateway = gateway;
    x.memoSource = source;
    x.memo = it->second;
    return it->second;
}

template <typename P>
void
RtmForwardingPlane<P>::Forward(const UcbType& ucb,
                               Ptr<const NetDevice> idev,
                               Ptr<Route> route,
                               Ptr<const Packet> p,
                               const Header& header)
{
    if constexpr (kIpv6)
    {
        ucb(idev, route, p, header);
    }
    else
    {
        ucb(route, p, header);
    }
}

template <typename P>
void
RtmForwardingPlane<P>::ReportError(const EcbType& ecb, Ptr<const Packet> p, const Header& header)
{
    if (!ecb.IsNull())
    {
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
    }
}

template <typename P>
Ptr<typename RtmForwardingPlane<P>::Route>
RtmForwardingPlane<P>::RouteOutput(Ptr<Packet> p,
                                   const Header& header,
                                   Ptr<NetDevice> oif,
                                   Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST;
    if (!m_ip || !m_router)
    {
        return nullptr;
    }
    Key dst = Traits::Destination(header);
    int32_t oifIndex = -1;
    uint16_t instance = 0;
    if (oif)
    {
        oifIndex = m_ip->GetInterfaceForDevice(oif);
        if (oifIndex < 0)
        {
            return nullptr; // not a device of this family on this node
        }
        if (!IsKnownInterface(oifIndex))
        {
            SyncInterface(oifIndex); // added to the IP layer without any event yet
        }
        instance = GetInstanceOfInterface(oifIndex);
    }
    else if (m_virtual)
    {
        // A caller that chose its source address (a bound socket, a reply): the instance of
        // the interface holding it, so a virtual router's own traffic stays in it.
        int32_t holder = InterfaceOfAddress(Traits::Source(header));
        instance = holder >= 0 ? GetInstanceOfInterface(holder) : 0;
    }
    if (dst == 0)
    {
        Dropped(p, header, -1, RtmDropReason::Martian);
        return nullptr;
    }
    bool multicast = Traits::IsMulticast(dst);
    if (multicast || Traits::IsLimitedBroadcast(dst) || Traits::NeedsZone(dst))
    {
        if (oifIndex >= 0)
        {
            sockerr = Socket::ERROR_NOTERROR;
            return MakeRoute(oifIndex, 0, SourceFor(instance, oifIndex, dst));
        }
        if (Traits::NeedsZone(dst))
        {
            // Link scope without an interface: there is no scope id to pick one.
            Dropped(p, header, -1, RtmDropReason::NoRoute);
            return nullptr;
        }
        int32_t out = multicast ? MulticastOutput(instance, dst) : -1;
        if (out >= 0)
        {
            sockerr = Socket::ERROR_NOTERROR;
            return MakeRoute(out, 0, SourceFor(instance, out, dst));
        }
        // Else the unicast view decides (a route covering the group, or a default route).
    }
    Hop hop;
    RtmDropReason why;
    Outcome o = Resolve(instance, dst, header, nullptr, oifIndex, hop, why);
    if (o == Outcome::Drop)
    {
        Dropped(p, header, -1, why);
        return nullptr;
    }
    if (hop.ifIndex == kNone)
    {
        // An address of this node whose route has no usable hop (e.g. the socket is bound to
        // another device): the interface holding it, which delivers it; else the loopback.
        uint32_t holder = 0;
        hop = Hop{IsLocalAddress(instance, dst, &holder) ? holder : 0u, Key(0)};
    }
    if (multicast)
    {
        hop.gateway = 0; // multicast is never sent to a gateway
    }
    sockerr = Socket::ERROR_NOTERROR;
    return MakeRoute(hop.ifIndex, hop.gateway, SourceFor(instance, hop.ifIndex, dst));
}

template <typename P>
bool
RtmForwardingPlane<P>::RouteInput(Ptr<const Packet> p,
                                  const Header& header,
                                  Ptr<const NetDevice> idev,
                                  RouteInputArg<3> ucb,
                                  RouteInputArg<4> mcb,
                                  RouteInputArg<5> lcb,
                                  RouteInputArg<6> ecb)
{
    if (!m_ip || !m_router)
    {
        return false;
    }
    int32_t iifSigned = m_ip->GetInterfaceForDevice(idev);
    if (iifSigned < 0)
    {
        return false;
    }
    uint32_t iif = static_cast<uint32_t>(iifSigned);
    if (!IsKnownInterface(iif))
    {
        SyncInterface(iif); // added to the IP layer without any event yet
    }
    uint16_t instance = m_if[iif].instance;
    Key dst = Traits::Destination(header);

    if (Traits::IsMulticast(dst))
    {
        bool delivered = false;
        if (!Traits::kL3DeliversOwnTraffic && !lcb.IsNull())
        {
            lcb(p, header, iif);
            delivered = true;
        }
        if (Traits::IsLinkScopeMulticast(dst))
        {
            return delivered; // never leaves the link
        }
        return RouteMulticast(iif, p, header, idev, mcb) || delivered;
    }
    // Local delivery, limited to the instance's own addresses. A loopback address is local only
    // on the loopback; a zone-scoped one only on its own interface, which the IP layer has
    // delivered already (IPv6).
    bool local = Traits::IsLoopback(dst)
                     ? m_if[iif].loopback
                     : Traits::IsLimitedBroadcast(dst) ||
                           (!Traits::NeedsZone(dst) && IsLocalAddress(instance, dst));
    if (local)
    {
        if (lcb.IsNull())
        {
            return false;
        }
        lcb(p, header, iif);
        return true;
    }
    if (!m_ip->IsForwarding(iif))
    {
        Dropped(p, header, iif, RtmDropReason::ForwardingDisabled);
        ReportError(ecb, p, header);
        return true;
    }
    if (Traits::IsMartianSource(Traits::Source(header)))
    {
        // Never forwarded, and nobody to report to.
        Dropped(p, header, iif, RtmDropReason::Martian);
        return true;
    }
    if (Traits::IsMartianDestination(dst))
    {
        Dropped(p, header, iif, RtmDropReason::Martian);
        ReportError(ecb, p, header);
        return true;
    }
    Hop hop;
    RtmDropReason why;
    switch (Resolve(instance, dst, header, p, -1, hop, why))
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
        if (why == RtmDropReason::NoRoute && (Traits::kL3ReportsDeclined || ecb.IsNull()))
        {
            return false; // another protocol of a list may know better
        }
        if (why != RtmDropReason::Blackhole)
        {
            ReportError(ecb, p, header);
        }
        return true;
    case Outcome::Forward:
        break;
    }
    Ptr<Route> route = MakeRoute(hop.ifIndex, hop.gateway, SourceFor(instance, hop.ifIndex, dst));
    uint8_t ttl = Traits::Ttl(header);
    if (ttl > 1)
    {
        ++m_forwarded;
        m_forwardTrace(p, header, iif, hop.ifIndex);
        Forward(ucb, idev, route, p, header);
        return true;
    }
    // The IP layer drops it and sends Time Exceeded; count it here too.
    Dropped(p, header, iif, RtmDropReason::TtlExpired);
    if (ttl == 0)
    {
        // Only a broken or hostile sender puts 0 on the wire. The IP layer's IpForward
        // decrements without checking, so 0 would wrap to 255 and the packet would be forwarded:
        // hand it over as 1, the IP layer then drops it and sends Time Exceeded.
        Header expired = header;
        Traits::SetTtl(expired, 1);
        Forward(ucb, idev, route, p, expired);
        return true;
    }
    Forward(ucb, idev, route, p, header);
    return true;
}

} // namespace ns3

#endif /* RTM_FORWARDING_PLANE_UNICAST_IMPL_H */
