/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmHelper: creating (or reusing) a node's RtmRouter and RtmIpv4Routing (see rtm-helper.h).
 */
#include "rtm-helper.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/rtm-ipv4-routing.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmHelper");

RtmHelper::RtmHelper()
{
    m_routingFactory.SetTypeId(RtmIpv4Routing::GetTypeId());
    m_routerFactory.SetTypeId(RtmRouter::GetTypeId());
}

RtmHelper::RtmHelper(const RtmHelper& o)
    : m_routingFactory(o.m_routingFactory),
      m_routerFactory(o.m_routerFactory),
      m_instanceAttributes(o.m_instanceAttributes),
      m_assign(o.m_assign),
      m_instances(o.m_instances)
{
}

RtmHelper::~RtmHelper() = default;

RtmHelper*
RtmHelper::Copy() const
{
    return new RtmHelper(*this);
}

void
RtmHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_routingFactory.Set(name, value);
}

void
RtmHelper::SetInstanceAttribute(const std::string& name, const AttributeValue& value)
{
    m_instanceAttributes.emplace_back(name, value.Copy());
}

void
RtmHelper::SetRouterAttribute(const std::string& name, const AttributeValue& value)
{
    m_routerFactory.Set(name, value);
}

void
RtmHelper::SetInstances(uint16_t count)
{
    m_instances = count == 0 ? 1 : count;
}

Ptr<RtmRouter>
RtmHelper::GetRouter(Ptr<Node> node)
{
    return node->GetObject<RtmRouter>();
}

Ptr<RtmRouter>
RtmHelper::InstallRouter(Ptr<Node> node) const
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        router = m_routerFactory.Create<RtmRouter>();
        for (const auto& a : m_instanceAttributes)
        {
            router->SetInstanceAttribute(a.first, *a.second);
        }
        node->AggregateObject(router);
    }
    for (uint16_t i = 0; i < m_instances; ++i)
    {
        router->CreateInstance(i);
    }
    auto it = m_assign.find(node->GetId());
    if (it != m_assign.end())
    {
        for (const auto& a : it->second)
        {
            router->AssignDevice(a.first, a.second);
        }
    }
    return router;
}

bool
RtmHelper::AssignDevice(Ptr<Node> node, uint32_t deviceIndex, uint16_t instance)
{
    auto& list = m_assign[node->GetId()];
    for (const auto& a : list)
    {
        if (a.first == deviceIndex && a.second != instance)
        {
            return false;
        }
    }
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (router && !router->AssignDevice(deviceIndex, instance))
    {
        return false;
    }
    // With a router already there the move is done: the router told the forwarding planes.
    list.emplace_back(deviceIndex, instance);
    return true;
}

Ptr<Ipv4RoutingProtocol>
RtmHelper::Create(Ptr<Node> node) const
{
    Ptr<RtmRouter> router = InstallRouter(node);
    Ptr<RtmIpv4Routing> routing = m_routingFactory.Create<RtmIpv4Routing>();
    routing->SetRouter(router);
    if (!node->GetObject<RtmIpv4Routing>())
    {
        node->AggregateObject(routing);
    }
    return routing;
}

} // namespace ns3
