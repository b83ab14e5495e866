/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmLocalClient: following interface and address events (see rtm-local-client.h).
 */
#include "rtm-local-client.h"

#include "ns3/log.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmLocalClient");

RtmLocalClient::RtmLocalClient(Ptr<RtmInstance> instance, uint16_t family, uint32_t preference)
{
    RtmEntityInfo info;
    info.rtmInstanceId = instance->GetInstanceId();
    info.addressFamily = family;
    info.entityId.entityProtocolId = RTM_PROTO_IP_LOCAL;
    info.entityId.entityInstanceId = 0;
    RtmRegnProfile profile;
    RtmStatus st = instance->RegisterEntity(info, {}, RtmEventCallback(), false, profile, m_reg);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("connected-routes client could not register: " << st);
        m_reg = nullptr;
        return;
    }
    m_reg->SetDefaultPreference(preference);
}

RtmLocalClient::~RtmLocalClient() = default;

Ptr<RtmRegistration>
RtmLocalClient::GetRegistration() const
{
    return m_reg;
}

void
RtmLocalClient::Dispose()
{
    if (m_reg)
    {
        m_reg->Deregister();
        m_reg = nullptr;
    }
    m_entries.clear();
}

void
RtmLocalClient::SetInterface(uint32_t interface,
                             bool up,
                             const std::vector<InterfaceAddress>& addresses,
                             bool loopback)
{
    if (!m_reg)
    {
        return;
    }
    std::set<RtmNetAddress> want;
    if (up)
    {
        for (const auto& a : addresses)
        {
            want.insert(a.first);
        }
    }
    // Remove what is no longer there, then add what is new.
    for (auto it = m_entries.begin(); it != m_entries.end();)
    {
        if (it->first.first == interface && want.count(it->first.second) == 0)
        {
            Remove(it->second);
            it = m_entries.erase(it);
        }
        else
        {
            ++it;
        }
    }
    if (!up)
    {
        return;
    }
    for (const auto& a : addresses)
    {
        if (m_entries.count({interface, a.first}) == 0)
        {
            Add(interface, a, loopback);
        }
    }
}

void
RtmLocalClient::Add(uint32_t interface, const InterfaceAddress& a, bool loopback)
{
    Entry e;
    RtmNextHopInfo nh;
    nh.nextHopAddress = a.first;
    nh.interfaceIndex = interface;
    uint32_t flags = 0;
    if (m_reg->AddNextHop(nh, e.nextHop, flags) != RtmStatus::Success)
    {
        NS_LOG_WARN("cannot add next hop " << a.first << " on interface " << interface);
        return;
    }
    uint16_t extra = loopback ? RTM_ROUTE_FLAGS_LOOPBACK : 0;
    RtmRouteInfo route;
    route.neighbour = e.nextHop;
    route.nextHops = {e.nextHop};
    route.belongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    uint16_t width = a.first.FamilyBits();
    if (a.second < width)
    {
        RtmNetAddress subnet = a.first;
        subnet.numBits = a.second;
        subnet = subnet.Masked();
        route.flags = RTM_ROUTE_FLAGS_LOCAL | extra;
        flags = 0;
        m_reg->AddRouteToDest(e.subnet, subnet, route, RTM_INFINITE, RtmRouteListHandle(), flags);
    }
    RtmNetAddress host = a.first;
    host.numBits = width;
    route.flags = RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOCAL | extra;
    flags = 0;
    m_reg->AddRouteToDest(e.host, host, route, RTM_INFINITE, RtmRouteListHandle(), flags);
    m_entries[{interface, a.first}] = e;
}

void
RtmLocalClient::Remove(const Entry& e)
{
    uint32_t flags = 0;
    if (!e.subnet.IsNull())
    {
        m_reg->DeleteRouteToDest(e.subnet, flags);
    }
    if (!e.host.IsNull())
    {
        m_reg->DeleteRouteToDest(e.host, flags);
    }
    m_reg->DeleteNextHop(e.nextHop);
}

} // namespace ns3
