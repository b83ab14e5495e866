/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmForwardingPlane<P>, part 3: multicast. A packet to a group is forwarded when the router
 * manager has an (S, G) or else (*, G) entry for it in the input interface's instance and it
 * arrived on the interface toward its source in the multicast view (reverse-path forwarding).
 * The ns-3 multicast route of a decision is cached per (router entry, input interface), never per
 * source, so a stream of distinct sources adds nothing; packets without an entry are not cached.
 * Included by rtm-forwarding-plane.cc only.
 */
#ifndef RTM_FORWARDING_PLANE_MULTICAST_IMPL_H
#define RTM_FORWARDING_PLANE_MULTICAST_IMPL_H

#include "rtm-forwarding-plane.h"

namespace ns3
{

template <typename P>
bool
RtmForwardingPlane<P>::RpfCheck(Table& t, Key src, uint32_t iif) const
{
    uint32_t r = t.FibLookupRoute(RTM_VIEW_ID_MCAST, src);
    if (r == kNone)
    {
        return false;
    }
    for (uint32_t n : t.RouteNextHops(r))
    {
        if (!(t.NextHopFlags(n) & RTM_NEXTHOP_FLAGS_REMOTE))
        {
            if (t.NextHopInterface(n) == iif)
            {
                return true;
            }
            continue;
        }
        // A remote next hop: resolved once, in the multicast view.
        uint32_t r2 = t.FibLookupRoute(RTM_VIEW_ID_MCAST, t.NextHopAddress(n));
        if (r2 == kNone)
        {
            continue;
        }
        for (uint32_t n2 : t.RouteNextHops(r2))
        {
            if (t.NextHopInterface(n2) == iif)
            {
                return true;
            }
        }
    }
    return false;
}

template <typename P>
int32_t
RtmForwardingPlane<P>::MulticastOutput(uint16_t instance, Key group) const
{
    RtmNetAddress any;
    any.addressFamily = Family::kAf;
    const RtmMulticastEntry* e =
        m_router->FindMulticastRoute(instance,
                                     any,
                                     RtmKeyOps<Family>::ToNetAddress(group, Family::kBits));
    if (e == nullptr || e->outputInterfaces.empty() ||
        e->outputInterfaces.front() >= m_ip->GetNInterfaces())
    {
        return -1;
    }
    return static_cast<int32_t>(e->outputInterfaces.front());
}

template <typename P>
bool
RtmForwardingPlane<P>::RouteMulticast(uint32_t iif,
                                      Ptr<const Packet> p,
                                      const Header& header,
                                      Ptr<const NetDevice> idev,
                                      const McbType& mcb)
{
    uint16_t instance = m_if[iif].instance;
    Key src = Traits::Source(header);
    if (Traits::IsMartianSource(src))
    {
        Dropped(p, header, iif, RtmDropReason::Martian);
        return false;
    }
    // 1. The forwarding entry, (S, G) or else (*, G).
    const RtmMulticastEntry* e = m_router->FindMulticastRoute(
        instance,
        RtmKeyOps<Family>::ToNetAddress(src, Family::kBits),
        RtmKeyOps<Family>::ToNetAddress(Traits::Destination(header), Family::kBits));
    if (e == nullptr)
    {
        // Nothing to forward (a receiver, or a router outside the tree): counted, not an error.
        Dropped(p, header, iif, RtmDropReason::NoMulticastRoute);
        return false;
    }
    // 2. Reverse-path check on the multicast view: only the interface toward the source.
    if (!RpfCheck(TableOf(instance), src, iif))
    {
        Dropped(p, header, iif, RtmDropReason::RpfFailure);
        return false;
    }
    // 3. The ns-3 route of the entry on this input interface.
    if (m_mcastVersion != m_router->GetMulticastVersion())
    {
        m_mcastCache.clear();
        m_mcastVersion = m_router->GetMulticastVersion();
    }
    McastKey key{e, iif};
    auto it = m_mcastCache.find(key);
    if (it == m_mcastCache.end())
    {
        McastRoute m;
        m.route = Create<MulticastRoute>();
        m.route->SetGroup(Traits::FromKey(RtmKeyOps<Family>::FromNetAddress(e->group)));
        m.route->SetOrigin(Traits::FromKey(RtmKeyOps<Family>::FromNetAddress(e->source)));
        m.route->SetParent(iif);
        for (uint32_t oif : e->outputInterfaces)
        {
            if (oif != iif && oif < m_if.size() && m_if[oif].instance == instance)
            {
                m.route->SetOutputTtl(oif, MulticastRoute::MAX_TTL - 1);
                m.oifs.push_back(oif);
            }
        }
        it = m_mcastCache.emplace(key, std::move(m)).first;
    }
    const McastRoute& m = it->second;
    if (m.oifs.empty())
    {
        return false;
    }
    if (Traits::Ttl(header) <= 1)
    {
        Dropped(p, header, iif, RtmDropReason::TtlExpired);
        return false;
    }
    ++m_forwarded;
    for (uint32_t oif : m.oifs)
    {
        m_forwardTrace(p, header, iif, oif);
    }
    if constexpr (kIpv6)
    {
        mcb(idev, m.route, p, header);
    }
    else
    {
        mcb(m.route, p, header);
    }
    return true;
}

} // namespace ns3

#endif /* RTM_FORWARDING_PLANE_MULTICAST_IMPL_H */
