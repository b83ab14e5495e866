/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What only the IPv6 forwarding plane has: the routes ns-3 notifies itself (RA, redirects),
 * kept by one client per instance.
 */
#include "rtm-ipv6-routing.h"

namespace ns3
{

namespace
{
typedef RtmKeyOps<RtmIpv6Family> K6;
} // namespace

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
    RtmForwardingPlane<Ipv6RoutingProtocol>::DoDispose();
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
RtmIpv6Routing::DeleteNextHop(NotifiedClient& c, Key gateway, uint32_t interface)
{
    RtmNextHopInfo nh;
    nh.nextHopAddress = RtmNetAddress::FromIpv6(Traits::FromKey(gateway));
    nh.interfaceIndex = interface;
    c.reg->DeleteNextHop(RtmNextHopHandle(), &nh);
}

void
RtmIpv6Routing::NotifyAddRoute(Ipv6Address dst,
                               Ipv6Prefix mask,
                               Ipv6Address nextHop,
                               uint32_t interface,
                               Ipv6Address prefixToUse)
{
    NS_LOG_FUNCTION(this << dst << mask << nextHop << interface << prefixToUse);
    if (!m_ip || !m_router || interface >= m_ip->GetNInterfaces())
    {
        return;
    }
    if (!IsKnownInterface(interface))
    {
        SyncInterface(interface);
    }
    uint8_t len = mask.GetPrefixLength();
    Key dk = K6::Prefix(Traits::ToKey(dst), len);
    Key nk = Traits::ToKey(nextHop);
    if (nk == 0)
    {
        // Ipv6L3Protocol::AddAddress notifies the on-link prefix of every address it adds: the
        // connected-routes client owns that route already.
        for (const auto& a : AddressesOf(interface))
        {
            if (a.second == len && K6::Prefix(a.first, len) == dk)
            {
                NS_LOG_LOGIC("on-link prefix of an interface address: connected route");
                return;
            }
        }
    }
    NotifiedClient& c = NotifiedOf(GetInstanceOfInterface(interface));
    if (!c.reg)
    {
        return;
    }
    RtmNextHopInfo nh;
    nh.nextHopAddress = RtmNetAddress::FromIpv6(nextHop);
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
                               K6::ToNetAddress(dk, len),
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
    Key dk = K6::Prefix(Traits::ToKey(dst), len);
    Key nk = Traits::ToKey(nextHop);
    std::vector<Key> gateways;
    for (auto it = c.routes.begin(); it != c.routes.end();)
    {
        const auto& k = it->first;
        if (std::get<0>(k) == dk && std::get<1>(k) == len && std::get<3>(k) == interface &&
            (nk == 0 || std::get<2>(k) == nk))
        {
            uint32_t changed = 0;
            c.reg->DeleteRouteToDest(it->second.route, changed);
            gateways.push_back(std::get<2>(k));
            it = c.routes.erase(it);
        }
        else
        {
            ++it;
        }
    }
    // Next hops no longer used by any notified route go too.
    for (Key g : gateways)
    {
        bool used = false;
        for (const auto& kv : c.routes)
        {
            used = used || (std::get<2>(kv.first) == g && std::get<3>(kv.first) == interface);
        }
        if (!used)
        {
            DeleteNextHop(c, g, interface);
        }
    }
}

void
RtmIpv6Routing::InterfaceLeaving(uint16_t instance, uint32_t interface)
{
    auto cit = m_notified.find(instance);
    if (cit == m_notified.end() || !cit->second.reg)
    {
        return;
    }
    NotifiedClient& c = cit->second;
    std::vector<Key> gateways;
    for (auto it = c.routes.begin(); it != c.routes.end();)
    {
        if (std::get<3>(it->first) == interface)
        {
            uint32_t changed = 0;
            c.reg->DeleteRouteToDest(it->second.route, changed);
            gateways.push_back(std::get<2>(it->first));
            it = c.routes.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (Key g : gateways)
    {
        DeleteNextHop(c, g, interface); // NotFound for the second of a pair
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

} // namespace ns3
