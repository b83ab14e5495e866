/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfClient, routes: SPF throttling, the per-area SPF (non-backbone areas first, so that
 * virtual links know their transit paths before the backbone's calculation), virtual links
 * brought up or down by their transit area, the routing-table calculation, and the RTM side:
 * writing only the routes whose result changed, and learning from RTM change notifications
 * what to redistribute.
 */
#include "rtm-ospf-client.h"

#include "ns3/log.h"
#include "ns3/rtm-client-base.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfRoutes");

void
RtmOspfClient::ScheduleSpf()
{
    if (!m_running || !m_started || RtmIsPending(m_spfEvent))
    {
        return;
    }
    Time now = Simulator::Now();
    Time at = std::max(now + m_spfDelay, m_lastSpf + m_currentHold);
    m_spfEvent = Simulator::Schedule(at - now, &RtmOspfClient::RunSpf, this);
}

void
RtmOspfClient::RunSpf()
{
    if (!m_running)
    {
        return;
    }
    Time now = Simulator::Now();
    // Throttling: the hold time doubles while runs follow each other closely.
    if (now - m_lastSpf < m_spfMaxHold)
    {
        m_currentHold = std::min(m_currentHold * 2, m_spfMaxHold);
    }
    else
    {
        m_currentHold = m_spfHold;
    }
    m_lastSpf = now;
    ++m_spfRuns;

    RtmOspfSpfContext ctx;
    ctx.rootId = m_routerId;
    ctx.ifOfAddress = [this](uint32_t address) -> uint32_t {
        for (const auto& kv : m_ifs)
        {
            if (kv.second->address == address && kv.second->state != RtmOspfIfState::Down)
            {
                return kv.first;
            }
        }
        return 0;
    };
    ctx.neighborAddress = [this](uint32_t ifIndex, uint32_t routerId) -> uint32_t {
        auto it = m_ifs.find(ifIndex);
        if (it == m_ifs.end())
        {
            return 0;
        }
        RtmOspfNeighbor* n = it->second->FindNeighborById(routerId);
        return n == nullptr ? 0 : n->address;
    };
    ctx.virtualNextHops = [this](uint32_t routerId) -> RtmOspfNextHops {
        for (const auto& v : m_vlinks)
        {
            if (v->peerRouterId != routerId || v->state == RtmOspfIfState::Down)
            {
                continue;
            }
            const RtmOspfArea* t = FindArea(v->transitArea);
            if (t == nullptr)
            {
                continue;
            }
            if (const RtmOspfSpfResult::Router* r = t->spf.FindRouter(routerId))
            {
                return r->nh;
            }
        }
        return {};
    };
    // Non-backbone areas first: virtual links need their transit areas.
    for (auto& kv : m_areas)
    {
        if (kv.first != OSPF_BACKBONE)
        {
            kv.second->spf = RtmOspfRunSpf(kv.second->lsdb, ctx, now);
        }
    }
    UpdateVirtualLinks();
    const std::set<uint32_t> active = ActiveAreas();
    if (RtmOspfArea* b = FindArea(OSPF_BACKBONE))
    {
        b->spf = RtmOspfRunSpf(b->lsdb, ctx, now);
    }
    bool abr = active.size() > 1;
    if (abr != m_abr)
    {
        m_abr = abr;
        for (const auto& kv : m_areas)
        {
            ScheduleRouterLsa(kv.first);
        }
    }
    std::vector<RtmOspfAreaView> views;
    for (const auto& kv : m_areas)
    {
        if (active.count(kv.first) != 0)
        {
            views.push_back(RtmOspfAreaView{kv.first,
                                            kv.second->cfg.type == RtmOspfAreaType::Nssa,
                                            &kv.second->lsdb,
                                            &kv.second->spf});
        }
    }
    RtmOspfRoutingTable next = RtmOspfComputeRoutes(views, m_external, m_routerId, m_abr, now);
    uint32_t writes = 0;
    WriteRoutes(next, writes);
    m_table = std::move(next);
    OriginateSummaries();
    OriginateExternals(); // NSSA translation follows the new SPF
    NS_LOG_LOGIC("router " << RtmOspfDotted(m_routerId) << " SPF: " << m_table.networks.size()
                           << " routes, " << writes << " RTM writes");
    m_spfTrace(static_cast<uint32_t>(m_table.networks.size()), writes);
}

void
RtmOspfClient::UpdateVirtualLinks()
{
    for (auto& v : m_vlinks)
    {
        const RtmOspfArea* t = FindArea(v->transitArea);
        const RtmOspfSpfResult::Router* r = nullptr;
        if (t != nullptr && t->cfg.type == RtmOspfAreaType::Normal)
        {
            r = t->spf.FindRouter(v->peerRouterId);
        }
        uint32_t peerAddress = 0;
        if (r != nullptr)
        {
            for (const auto& l : r->lsa->links)
            {
                if (l.type == OSPF_LINK_P2P || l.type == OSPF_LINK_TRANSIT)
                {
                    peerAddress = l.data;
                    break;
                }
            }
        }
        auto out = r == nullptr || r->nh.empty() ? m_ifs.end() : m_ifs.find(r->nh.front().ifIndex);
        if (r == nullptr || peerAddress == 0 || out == m_ifs.end())
        {
            if (v->state != RtmOspfIfState::Down)
            {
                v->Down();
            }
            continue;
        }
        uint16_t cost = static_cast<uint16_t>(std::min<uint32_t>(r->cost, 65535));
        bool changed = cost != v->cost || peerAddress != v->peerAddress;
        v->cost = cost;
        v->peerAddress = peerAddress;
        v->outInterface = out->first;
        v->outGateway = r->nh.front().gateway;
        v->address = out->second->address;
        v->mtu = out->second->mtu;
        if (v->state == RtmOspfIfState::Down)
        {
            v->Up();
        }
        else if (changed)
        {
            ScheduleRouterLsa(OSPF_BACKBONE);
        }
    }
}

// ------------------------------------------------------------------------------ RTM writes

RtmNextHopHandle
RtmOspfClient::RefHop(const RtmOspfNextHop& h)
{
    Hop& hop = m_hops[h];
    if (hop.uses == 0)
    {
        RtmNextHopInfo info;
        info.nextHopAddress = RtmNetAddress::FromIpv4(Ipv4Address(h.gateway));
        info.interfaceIndex = h.ifIndex;
        uint32_t cf = 0;
        RtmStatus st = m_reg->AddNextHop(info, hop.handle, cf);
        if (st != RtmStatus::Success)
        {
            NS_LOG_WARN("AddNextHop " << RtmOspfDotted(h.gateway) << " on " << h.ifIndex << ": "
                                      << st);
            m_hops.erase(h);
            return RtmNextHopHandle();
        }
    }
    ++hop.uses;
    return hop.handle;
}

void
RtmOspfClient::UnrefHop(const RtmOspfNextHop& h)
{
    auto it = m_hops.find(h);
    if (it != m_hops.end() && --it->second.uses == 0)
    {
        m_reg->DeleteNextHop(it->second.handle);
        m_hops.erase(it);
    }
}

void
RtmOspfClient::WriteRoutes(const RtmOspfRoutingTable& next, uint32_t& writes)
{
    writes = 0;
    // Both tables are in prefix order: walk them together. What goes into the RTM: routes with
    // next hops through other routers; networks this router is attached to are the
    // connected-routes client's.
    auto remove = [this, &writes](std::map<RtmOspfPrefix, Installed>::iterator it) {
        uint32_t cf = 0;
        m_reg->DeleteRouteToDest(it->second.handle, cf);
        for (const auto& h : it->second.route.nh)
        {
            UnrefHop(h);
        }
        ++writes;
        return m_installed.erase(it);
    };
    auto it = m_installed.begin();
    for (const auto& kv : next.networks)
    {
        while (it != m_installed.end() && it->first < kv.first)
        {
            it = remove(it);
        }
        bool have = it != m_installed.end() && it->first == kv.first;
        const RtmOspfRoute& r = kv.second;
        if (r.nh.empty() || r.Attached())
        {
            if (have)
            {
                it = remove(it);
            }
            continue;
        }
        RtmOspfRoute w = r;
        if (w.nh.size() > m_maxNextHops)
        {
            w.nh.resize(m_maxNextHops);
        }
        if (have && it->second.route == w)
        {
            ++it;
            continue;
        }
        RtmRouteInfo info;
        RtmOspfNextHops refd;
        for (const auto& h : w.nh)
        {
            RtmNextHopHandle nh = RefHop(h);
            if (!nh.IsNull())
            {
                info.nextHops.push_back(nh);
                refd.push_back(h);
            }
        }
        if (info.nextHops.empty())
        {
            if (have)
            {
                it = remove(it);
            }
            continue;
        }
        info.prefInfo.metric = w.type == RtmOspfRoute::EXT2 ? w.type2 : w.cost;
        info.prefInfo.preference = 0; // the registration's default (Preference)
        info.belongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
        info.flags = RTM_ROUTE_FLAGS_REMOTE;
        info.entitySpecificInfo = (uint64_t(w.type) << 32) | w.tag;
        RtmRouteHandle handle = have ? it->second.handle : RtmRouteHandle();
        uint32_t cf = 0;
        RtmStatus st = m_reg->AddRouteToDest(
            handle,
            RtmNetAddress::FromIpv4(Ipv4Address(kv.first.address), kv.first.length),
            info,
            RTM_INFINITE,
            RtmRouteListHandle(),
            cf);
        if (st != RtmStatus::Success)
        {
            NS_LOG_WARN("router " << RtmOspfDotted(m_routerId) << ": AddRouteToDest " << kv.first
                                  << ": " << st);
            for (const auto& h : refd)
            {
                UnrefHop(h);
            }
            if (have)
            {
                ++it;
            }
            continue;
        }
        w.nh = refd;
        ++writes;
        if (have)
        {
            for (const auto& h : it->second.route.nh)
            {
                UnrefHop(h);
            }
            it->second = Installed{handle, std::move(w)};
            ++it;
        }
        else
        {
            m_installed.emplace_hint(it, kv.first, Installed{handle, std::move(w)});
        }
    }
    while (it != m_installed.end())
    {
        it = remove(it);
    }
    if (writes > 0)
    {
        m_routeWrites += writes;
        m_lastRouteChange = Simulator::Now();
    }
}

// ------------------------------------------------------------------------------ redistribution

bool
RtmOspfClient::Redistributable(const RtmDestInfo& info, uint32_t& metric) const
{
    if (info.destAddress.addressFamily != RTM_AF_INET)
    {
        return false;
    }
    uint32_t first = info.destAddress.GetIpv4().Get() >> 24;
    if (info.destAddress.numBits != 0 && (first == 0 || first == 127 || first >= 224))
    {
        return false;
    }
    const RtmViewInfo* block = nullptr;
    for (const auto& v : info.viewInfo)
    {
        if (v.viewId == RTM_VIEW_ID_UCAST)
        {
            block = &v;
        }
    }
    if (block == nullptr || block->route.IsNull() || block->owner == m_self)
    {
        return false;
    }
    const uint16_t never = RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOOPBACK |
                           RTM_ROUTE_FLAGS_MARTIAN | RTM_ROUTE_FLAGS_BLACKHOLE |
                           RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_INACTIVE |
                           RTM_ROUTE_FLAGS_ANY_MCAST | RTM_ROUTE_FLAGS_ANY_BCAST;
    if ((block->destFlags & never) != 0)
    {
        return false;
    }
    uint32_t protocol = 0;
    auto it = m_protocolOf.find(block->owner);
    if (it != m_protocolOf.end())
    {
        protocol = it->second;
    }
    else
    {
        RtmEntityInfo e;
        if (m_reg->GetEntityInfo(block->owner, e) != RtmStatus::Success)
        {
            return false;
        }
        protocol = e.entityId.entityProtocolId;
        const_cast<RtmOspfClient*>(this)->m_protocolOf[block->owner] = protocol;
    }
    bool allowed = false;
    switch (protocol)
    {
    case RTM_PROTO_IP_LOCAL:
        allowed = m_redistConnected;
        break;
    case RTM_PROTO_IP_NETMGMT:
        allowed = m_redistStatic;
        break;
    case RTM_PROTO_IP_RIP:
        allowed = m_redistRip;
        break;
    case RTM_PROTO_IP_OSPF:
        allowed = false;
        break;
    default:
        allowed = m_redistOther;
        break;
    }
    metric = m_externalMetric;
    return allowed;
}

bool
RtmOspfClient::UpdateRedistributed(const RtmDestInfo& d)
{
    if (d.destAddress.addressFamily != RTM_AF_INET)
    {
        return false;
    }
    RtmOspfPrefix p{d.destAddress.GetIpv4().Get(), static_cast<uint8_t>(d.destAddress.numBits)};
    uint32_t metric = 0;
    auto it = m_redistributed.find(p);
    if (Redistributable(d, metric))
    {
        if (it == m_redistributed.end() || it->second != metric)
        {
            m_redistributed[p] = metric;
            return true;
        }
        return false;
    }
    if (it != m_redistributed.end())
    {
        m_redistributed.erase(it);
        return true;
    }
    return false;
}

void
RtmOspfClient::ProcessChanges()
{
    if (!m_reg)
    {
        return;
    }
    bool changed = false;
    RtmDrainChangedDests(*m_reg, m_notify, m_maxEnum, [&](const RtmDestInfo& d) {
        changed = UpdateRedistributed(d) || changed;
    });
    if (changed && !RtmIsPending(m_externalEvent))
    {
        m_externalEvent = Simulator::ScheduleNow(&RtmOspfClient::OriginateExternals, this);
    }
}

} // namespace ns3
