/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmGraphRoutingHelper: starting graph clients and their domain (see the header).
 */
#include "rtm-graph-routing-helper.h"

#include "ns3/log.h"
#include "ns3/rtm-router.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmGraphRoutingHelper");

RtmGraphRoutingHelper::RtmGraphRoutingHelper()
{
    m_clientFactory.SetTypeId(RtmGraphClient::GetTypeId());
    m_domainFactory.SetTypeId(RtmGraphDomain::GetTypeId());
}

void
RtmGraphRoutingHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
RtmGraphRoutingHelper::SetDomainAttribute(const std::string& name, const AttributeValue& value)
{
    m_domainFactory.Set(name, value);
}

void
RtmGraphRoutingHelper::SetMulticastMetric(Ptr<Node> node, uint32_t interface, uint32_t metric)
{
    m_mcast.emplace_back(node, interface, metric);
}

Ptr<RtmGraphDomain>
RtmGraphRoutingHelper::Install(NodeContainer nodes, uint16_t instance) const
{
    Ptr<RtmGraphDomain> domain = m_domainFactory.Create<RtmGraphDomain>();
    const uint16_t family = domain->GetFamily();
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<RtmRouter> router = (*it)->GetObject<RtmRouter>();
        if (!router)
        {
            NS_LOG_WARN("node " << (*it)->GetId() << " has no RTM router: skipped");
            continue;
        }
        if ((*it)->GetSystemId() != Simulator::GetSystemId())
        {
            // Simulated by another MPI rank: in the graph, but no client here.
            domain->AddRouter(*it, instance);
            continue;
        }
        if (router->GetClient("graph", instance, family))
        {
            NS_LOG_WARN("node " << (*it)->GetId() << " instance " << instance << " family "
                                << family << " runs the graph client already: skipped");
            continue;
        }
        Ptr<RtmGraphClient> client = m_clientFactory.Create<RtmGraphClient>();
        RtmStatus st = client->Start(router, instance, family);
        if (st != RtmStatus::Success)
        {
            NS_LOG_WARN("node " << (*it)->GetId() << ": graph client not registered: " << st);
            continue;
        }
        router->SetClient("graph", instance, family, client);
        domain->AddClient(client);
    }
    for (const auto& m : m_mcast)
    {
        domain->SetMulticastMetric(std::get<0>(m), std::get<1>(m), std::get<2>(m));
    }
    domain->Recompute();
    return domain;
}

Ptr<RtmGraphClient>
RtmGraphRoutingHelper::GetGraphClient(Ptr<Node> node, uint16_t instance, uint16_t family)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        return nullptr;
    }
    return DynamicCast<RtmGraphClient>(router->GetClient("graph", instance, family));
}

} // namespace ns3
