/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmStaticClient: route and next-hop bookkeeping over RtmRegistration (see the header).
 */
#include "rtm-static-client.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmStaticClient");
NS_OBJECT_ENSURE_REGISTERED(RtmStaticClient);

TypeId
RtmStaticClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmStaticClient")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmStaticClient>()
            .AddAttribute("Preference",
                          "Preference of static routes added without one (lower is better; "
                          "connected 1 < static 3 < link-state 110 < RIP 120).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&RtmStaticClient::m_preference),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

RtmStaticClient::RtmStaticClient() = default;

RtmStaticClient::~RtmStaticClient() = default;

void
RtmStaticClient::DoDispose()
{
    if (m_reg)
    {
        m_reg->Deregister();
    }
    if (m_router)
    {
        m_router->RemoveInterfaceListener(MakeCallback(&RtmStaticClient::InterfaceChanged, this));
    }
    m_reg = nullptr;
    m_router = nullptr;
    m_routes.clear();
    m_hopUses.clear();
    Object::DoDispose();
}

RtmStatus
RtmStaticClient::Start(Ptr<RtmRouter> router, uint16_t instance, uint16_t family)
{
    m_router = router;
    m_instance = instance;
    m_family = family;
    RtmEntityInfo info;
    info.rtmInstanceId = instance;
    info.addressFamily = family;
    info.entityId.entityProtocolId = RTM_PROTO_IP_NETMGMT;
    RtmRegnProfile profile;
    RtmStatus st = router->CreateInstance(instance)
                       ->RegisterEntity(info, {}, RtmEventCallback(), false, profile, m_reg);
    if (st != RtmStatus::Success)
    {
        m_reg = nullptr;
        return st;
    }
    m_reg->SetDefaultPreference(m_preference);
    router->AddInterfaceListener(MakeCallback(&RtmStaticClient::InterfaceChanged, this));
    return st;
}

Ptr<RtmRegistration>
RtmStaticClient::GetRegistration() const
{
    return m_reg;
}

bool
RtmStaticClient::Usable(const Route& r) const
{
    if (r.hops.empty())
    {
        return true;
    }
    for (const auto& h : r.hops)
    {
        if (h.remote || m_router->IsInterfaceUp(m_family, h.interface))
        {
            return true;
        }
    }
    return false;
}

void
RtmStaticClient::ReleaseHops(const Route& r)
{
    for (const auto& h : r.handles)
    {
        auto it = m_hopUses.find(h);
        if (it != m_hopUses.end() && --it->second == 0)
        {
            m_hopUses.erase(it);
            m_reg->DeleteNextHop(h);
        }
    }
}

RtmStatus
RtmStaticClient::AddRoute(const RtmNetAddress& prefix,
                          const std::vector<RtmStaticNextHop>& nextHops,
                          uint32_t metric,
                          uint32_t preference,
                          RtmViewSet views,
                          uint16_t flags)
{
    if (!m_reg)
    {
        return RtmStatus::InvalidHandle;
    }
    Route r;
    r.hops = nextHops;
    for (const auto& h : nextHops)
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = h.address;
        nh.interfaceIndex = h.remote ? 0 : h.interface;
        nh.flags = h.remote ? RTM_NEXTHOP_FLAGS_REMOTE : 0;
        RtmNextHopHandle handle;
        uint32_t cf = 0;
        RtmStatus st = m_reg->AddNextHop(nh, handle, cf);
        if (st != RtmStatus::Success)
        {
            ReleaseHops(r);
            return st;
        }
        ++m_hopUses[handle];
        r.handles.push_back(handle);
    }
    r.info.nextHops = r.handles;
    r.info.prefInfo.metric = metric;
    r.info.prefInfo.preference = preference;
    r.info.belongsToViews = views;
    r.inactive = !Usable(r);
    r.info.flags = flags | (r.inactive ? RTM_ROUTE_FLAGS_INACTIVE : 0);
    auto old = m_routes.find(prefix);
    RtmRouteHandle handle = old != m_routes.end() ? old->second.handle : RtmRouteHandle();
    uint32_t cf = 0;
    RtmStatus st =
        m_reg->AddRouteToDest(handle, prefix, r.info, RTM_INFINITE, RtmRouteListHandle(), cf);
    if (st != RtmStatus::Success)
    {
        ReleaseHops(r);
        return st;
    }
    r.handle = handle;
    r.info.flags = flags; // the configured flags; INACTIVE is managed here
    if (old != m_routes.end())
    {
        ReleaseHops(old->second);
        old->second = r;
    }
    else
    {
        m_routes[prefix] = r;
    }
    return RtmStatus::Success;
}

RtmStatus
RtmStaticClient::RemoveRoute(const RtmNetAddress& prefix)
{
    auto it = m_routes.find(prefix);
    if (!m_reg || it == m_routes.end())
    {
        return RtmStatus::NotFound;
    }
    uint32_t cf = 0;
    m_reg->DeleteRouteToDest(it->second.handle, cf);
    ReleaseHops(it->second);
    m_routes.erase(it);
    return RtmStatus::Success;
}

uint32_t
RtmStaticClient::GetNRoutes() const
{
    return static_cast<uint32_t>(m_routes.size());
}

std::vector<RtmNetAddress>
RtmStaticClient::GetPrefixes() const
{
    std::vector<RtmNetAddress> out;
    for (const auto& kv : m_routes)
    {
        out.push_back(kv.first);
    }
    return out;
}

bool
RtmStaticClient::IsInactive(const RtmNetAddress& prefix) const
{
    auto it = m_routes.find(prefix);
    return it != m_routes.end() && it->second.inactive;
}

void
RtmStaticClient::InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up)
{
    if (!m_reg || instance != m_instance || family != m_family)
    {
        return;
    }
    for (auto& kv : m_routes)
    {
        Route& r = kv.second;
        bool inactive = !Usable(r);
        if (inactive == r.inactive)
        {
            continue;
        }
        r.inactive = inactive;
        RtmRouteInfo info = r.info;
        info.flags = r.info.flags | (inactive ? RTM_ROUTE_FLAGS_INACTIVE : 0);
        uint32_t cf = 0;
        m_reg->UpdateRoute(r.handle, info, RTM_INFINITE, RtmRouteListHandle(), cf);
    }
}

} // namespace ns3
