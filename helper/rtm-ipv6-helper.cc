/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIpv6Helper: creating a node's RtmIpv6Routing next to its router manager (see the header).
 */
#include "rtm-ipv6-helper.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-ipv6-routing.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmIpv6Helper");

RtmIpv6Helper::RtmIpv6Helper()
{
    m_routingFactory.SetTypeId(RtmIpv6Routing::GetTypeId());
}

RtmIpv6Helper::RtmIpv6Helper(const RtmHelper& rtm)
    : m_rtm(rtm)
{
    m_routingFactory.SetTypeId(RtmIpv6Routing::GetTypeId());
}

RtmIpv6Helper::RtmIpv6Helper(const RtmIpv6Helper& o)
    : m_rtm(o.m_rtm),
      m_routingFactory(o.m_routingFactory)
{
}

RtmIpv6Helper::~RtmIpv6Helper() = default;

RtmIpv6Helper*
RtmIpv6Helper::Copy() const
{
    return new RtmIpv6Helper(*this);
}

void
RtmIpv6Helper::Set(const std::string& name, const AttributeValue& value)
{
    m_routingFactory.Set(name, value);
}

void
RtmIpv6Helper::SetInstanceAttribute(const std::string& name, const AttributeValue& value)
{
    m_rtm.SetInstanceAttribute(name, value);
}

void
RtmIpv6Helper::SetRouterAttribute(const std::string& name, const AttributeValue& value)
{
    m_rtm.SetRouterAttribute(name, value);
}

void
RtmIpv6Helper::SetInstances(uint16_t count)
{
    m_rtm.SetInstances(count);
}

bool
RtmIpv6Helper::AssignDevice(Ptr<Node> node, uint32_t deviceIndex, uint16_t instance)
{
    return m_rtm.AssignDevice(node, deviceIndex, instance);
}

Ptr<RtmRouter>
RtmIpv6Helper::InstallRouter(Ptr<Node> node) const
{
    return m_rtm.InstallRouter(node);
}

Ptr<RtmIpv6Routing>
RtmIpv6Helper::GetRouting(Ptr<Node> node)
{
    return node->GetObject<RtmIpv6Routing>();
}

Ptr<Ipv6RoutingProtocol>
RtmIpv6Helper::Create(Ptr<Node> node) const
{
    Ptr<RtmRouter> router = InstallRouter(node);
    Ptr<RtmIpv6Routing> routing = m_routingFactory.Create<RtmIpv6Routing>();
    routing->SetRouter(router);
    if (!node->GetObject<RtmIpv6Routing>())
    {
        node->AggregateObject(routing);
    }
    // Devices this helper assigned may belong to interfaces the IPv4 plane already knows.
    Ptr<RtmIpv4Routing> v4 = node->GetObject<RtmIpv4Routing>();
    if (v4)
    {
        v4->Resync();
    }
    return routing;
}

} // namespace ns3
