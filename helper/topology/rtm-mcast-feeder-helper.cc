/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmMcastFeederHelper: installing feeders and their groups (see the header).
 */
#include "rtm-mcast-feeder-helper.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/rtm-router.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmMcastFeederHelper");

RtmMcastFeederHelper::RtmMcastFeederHelper()
{
    m_factory.SetTypeId(RtmMcastFeeder::GetTypeId());
}

void
RtmMcastFeederHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
RtmMcastFeederHelper::SetMulticastMetric(Ptr<Node> node, uint32_t interface, uint32_t metric)
{
    m_graph.SetMulticastMetric(node->GetId(), interface, metric);
}

void
RtmMcastFeederHelper::Install(NodeContainer nodes, uint16_t instance)
{
    m_instance = instance;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<RtmRouter> router = (*it)->GetObject<RtmRouter>();
        if (!router)
        {
            NS_LOG_WARN("node " << (*it)->GetId() << " has no RTM router: skipped");
            continue;
        }
        if (!GetFeeder(*it, instance))
        {
            Ptr<RtmMcastFeeder> f = m_factory.Create<RtmMcastFeeder>();
            if (f->Start(router, instance) != RtmStatus::Success)
            {
                NS_LOG_WARN("node " << (*it)->GetId() << ": feeder not registered");
                continue;
            }
            router->SetClient("mcast-feeder", instance, RTM_AF_INET, f);
        }
        m_graph.AddVertex(*it, instance);
    }
}

RtmMcastTree
RtmMcastFeederHelper::AddGroup(Ipv4Address group,
                               Ptr<Node> source,
                               NodeContainer receivers,
                               Ipv4Address sourceAddress)
{
    RtmMcastTree tree;
    tree.group = group;
    m_graph.Build();
    int32_t s = m_graph.FindVertex(source->GetId(), m_instance);
    if (s < 0)
    {
        NS_LOG_WARN("source node " << source->GetId() << " has no feeder");
        return tree;
    }
    std::vector<uint32_t> rv;
    for (auto it = receivers.Begin(); it != receivers.End(); ++it)
    {
        int32_t v = m_graph.FindVertex((*it)->GetId(), m_instance);
        if (v >= 0)
        {
            rv.push_back(static_cast<uint32_t>(v));
        }
        else
        {
            NS_LOG_WARN("receiver node " << (*it)->GetId() << " has no feeder: ignored");
        }
    }
    RtmComputeMcastTree(m_graph, s, rv, m_graph.HasMulticastMetrics(), tree);
    tree.group = group;
    if (sourceAddress == Ipv4Address::GetAny())
    {
        Ptr<Ipv4> ipv4 = source->GetObject<Ipv4>();
        for (const auto& t : tree.nodes)
        {
            if (t.isSource && !t.outputs.empty())
            {
                sourceAddress = ipv4->GetAddress(t.outputs.front(), 0).GetLocal();
                if (t.outputs.size() > 1)
                {
                    NS_LOG_WARN("the source has " << t.outputs.size()
                                                  << " tree children; ns-3 sends locally "
                                                     "originated multicast on the first only");
                }
            }
        }
    }
    tree.source = sourceAddress;
    RemoveGroup(group, sourceAddress);
    auto& holders = m_groups[std::make_pair(sourceAddress.Get(), group.Get())];
    for (const auto& t : tree.nodes)
    {
        Ptr<RtmMcastFeeder> f = GetFeeder(t.node, t.instance);
        if (f && f->SetTreeNode(sourceAddress, group, t))
        {
            holders.emplace_back(t.node, t.instance);
        }
        else
        {
            NS_LOG_WARN("node " << t.node->GetId() << ": tree part not installed");
        }
    }
    return tree;
}

uint32_t
RtmMcastFeederHelper::RemoveGroup(Ipv4Address group, Ipv4Address sourceAddress)
{
    auto it = m_groups.find(std::make_pair(sourceAddress.Get(), group.Get()));
    if (it == m_groups.end())
    {
        return 0;
    }
    uint32_t n = 0;
    for (const auto& h : it->second)
    {
        Ptr<RtmMcastFeeder> f = GetFeeder(h.first, h.second);
        if (f && f->RemoveTreeNode(sourceAddress, group))
        {
            ++n;
        }
    }
    m_groups.erase(it);
    return n;
}

Ptr<RtmMcastFeeder>
RtmMcastFeederHelper::GetFeeder(Ptr<Node> node, uint16_t instance)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        return nullptr;
    }
    return DynamicCast<RtmMcastFeeder>(router->GetClient("mcast-feeder", instance, RTM_AF_INET));
}

const RtmNetworkGraph&
RtmMcastFeederHelper::GetGraph() const
{
    return m_graph;
}

} // namespace ns3
