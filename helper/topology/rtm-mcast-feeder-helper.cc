/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmMcastFeederHelper: installing feeders and their groups (see the header).
 */
#include "rtm-mcast-feeder-helper.h"

#include "ns3/log.h"
#include "ns3/rtm-ip-stack.h"
#include "ns3/rtm-router.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmMcastFeederHelper");

RtmMcastFeederHelper::RtmMcastFeederHelper()
{
    m_factory.SetTypeId(RtmMcastFeeder::GetTypeId());
    m_graph4.SetFamily(RTM_AF_INET);
    m_graph6.SetFamily(RTM_AF_INET6);
}

void
RtmMcastFeederHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

RtmNetworkGraph&
RtmMcastFeederHelper::GraphOf(uint16_t family)
{
    return family == RTM_AF_INET6 ? m_graph6 : m_graph4;
}

const RtmNetworkGraph&
RtmMcastFeederHelper::GetGraph(uint16_t family) const
{
    return family == RTM_AF_INET6 ? m_graph6 : m_graph4;
}

void
RtmMcastFeederHelper::SetMulticastMetric(Ptr<Node> node,
                                         uint32_t interface,
                                         uint32_t metric,
                                         uint16_t family)
{
    GraphOf(family).SetMulticastMetric(node->GetId(), interface, metric);
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
        for (uint16_t family : {RTM_AF_INET, RTM_AF_INET6})
        {
            bool hasStack = RtmWithIpStack(family, [&](auto stack) {
                return (*it)->GetObject<typename decltype(stack)::Ip>() != nullptr;
            });
            if (!hasStack)
            {
                continue;
            }
            if (!GetFeeder(*it, instance, family))
            {
                Ptr<RtmMcastFeeder> f = m_factory.Create<RtmMcastFeeder>();
                if (f->Start(router, instance, family) != RtmStatus::Success)
                {
                    NS_LOG_WARN("node " << (*it)->GetId() << ": " << RtmFamilyName(family)
                                        << " feeder not registered");
                    continue;
                }
                router->SetClient("mcast-feeder", instance, family, f);
            }
            GraphOf(family).AddVertex(*it, instance);
        }
    }
}

RtmMcastTree
RtmMcastFeederHelper::AddGroup(const RtmNetAddress& group,
                               Ptr<Node> source,
                               NodeContainer receivers,
                               RtmNetAddress sourceAddress)
{
    RtmMcastTree tree;
    tree.group = group;
    const uint16_t family = group.addressFamily;
    if (family != RTM_AF_INET && family != RTM_AF_INET6)
    {
        NS_LOG_WARN("group " << group << " has no known family");
        return tree;
    }
    RtmNetworkGraph& graph = GraphOf(family);
    graph.Build();
    int32_t s = graph.FindVertex(source->GetId(), m_instance);
    if (s < 0)
    {
        NS_LOG_WARN("source node " << source->GetId() << " has no feeder");
        return tree;
    }
    std::vector<uint32_t> rv;
    for (auto it = receivers.Begin(); it != receivers.End(); ++it)
    {
        int32_t v = graph.FindVertex((*it)->GetId(), m_instance);
        if (v >= 0)
        {
            rv.push_back(static_cast<uint32_t>(v));
        }
        else
        {
            NS_LOG_WARN("receiver node " << (*it)->GetId() << " has no feeder: ignored");
        }
    }
    RtmComputeMcastTree(graph, s, rv, graph.HasMulticastMetrics(), tree);
    tree.group = group;
    if (sourceAddress.addressFamily == 0)
    {
        for (const auto& t : tree.nodes)
        {
            if (!t.isSource || t.outputs.empty())
            {
                continue;
            }
            RtmWithIpStack(family, [&](auto stack) {
                typedef decltype(stack) S;
                auto ip = source->GetObject<typename S::Ip>();
                for (uint32_t j = 0; j < ip->GetNAddresses(t.outputs.front()); ++j)
                {
                    RtmIfAddress a = S::GetAddress(ip, t.outputs.front(), j);
                    if (a.IsRoutable())
                    {
                        sourceAddress = a.local;
                        break;
                    }
                }
            });
            if (t.outputs.size() > 1)
            {
                NS_LOG_WARN("the source has " << t.outputs.size()
                                              << " tree children; ns-3 sends locally "
                                                 "originated multicast on the first only");
            }
        }
    }
    tree.source = sourceAddress;
    RemoveGroup(group, sourceAddress);
    auto& holders = m_groups[std::make_pair(sourceAddress, group)];
    for (const auto& t : tree.nodes)
    {
        Ptr<RtmMcastFeeder> f = GetFeeder(t.node, t.instance, family);
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

RtmMcastTree
RtmMcastFeederHelper::AddGroup(Ipv4Address group,
                               Ptr<Node> source,
                               NodeContainer receivers,
                               Ipv4Address sourceAddress)
{
    return AddGroup(RtmNetAddress::FromIpv4(group),
                    source,
                    receivers,
                    sourceAddress == Ipv4Address::GetAny()
                        ? RtmNetAddress()
                        : RtmNetAddress::FromIpv4(sourceAddress));
}

RtmMcastTree
RtmMcastFeederHelper::AddGroup(Ipv6Address group,
                               Ptr<Node> source,
                               NodeContainer receivers,
                               Ipv6Address sourceAddress)
{
    return AddGroup(RtmNetAddress::FromIpv6(group),
                    source,
                    receivers,
                    sourceAddress.IsAny() ? RtmNetAddress()
                                          : RtmNetAddress::FromIpv6(sourceAddress));
}

uint32_t
RtmMcastFeederHelper::RemoveGroup(const RtmNetAddress& group, const RtmNetAddress& sourceAddress)
{
    auto it = m_groups.find(std::make_pair(sourceAddress, group));
    if (it == m_groups.end())
    {
        return 0;
    }
    uint32_t n = 0;
    for (const auto& h : it->second)
    {
        Ptr<RtmMcastFeeder> f = GetFeeder(h.first, h.second, group.addressFamily);
        if (f && f->RemoveTreeNode(sourceAddress, group))
        {
            ++n;
        }
    }
    m_groups.erase(it);
    return n;
}

uint32_t
RtmMcastFeederHelper::RemoveGroup(Ipv4Address group, Ipv4Address sourceAddress)
{
    return RemoveGroup(RtmNetAddress::FromIpv4(group), RtmNetAddress::FromIpv4(sourceAddress));
}

uint32_t
RtmMcastFeederHelper::RemoveGroup(Ipv6Address group, Ipv6Address sourceAddress)
{
    return RemoveGroup(RtmNetAddress::FromIpv6(group), RtmNetAddress::FromIpv6(sourceAddress));
}

Ptr<RtmMcastFeeder>
RtmMcastFeederHelper::GetFeeder(Ptr<Node> node, uint16_t instance, uint16_t family)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        return nullptr;
    }
    return DynamicCast<RtmMcastFeeder>(router->GetClient("mcast-feeder", instance, family));
}

} // namespace ns3
