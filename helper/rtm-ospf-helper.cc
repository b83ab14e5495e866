/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfHelper: installing OSPF clients with their per-interface and per-area settings (see
 * rtm-ospf-helper.h).
 */
#include "rtm-ospf-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/rtm-client-base.h"
#include "ns3/rtm-router.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfHelper");

RtmOspfHelper::RtmOspfHelper()
{
    m_factory.SetTypeId(RtmOspfClient::GetTypeId());
}

void
RtmOspfHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

RtmOspfIfConfig&
RtmOspfHelper::Config(Ptr<Node> node, uint32_t interface)
{
    return m_ifs[{node->GetId(), interface}];
}

void
RtmOspfHelper::SetInterfaceConfig(Ptr<Node> node, uint32_t interface, const RtmOspfIfConfig& cfg)
{
    Config(node, interface) = cfg;
}

void
RtmOspfHelper::SetInterfaceArea(Ptr<Node> node, uint32_t interface, uint32_t area)
{
    Config(node, interface).area = area;
}

void
RtmOspfHelper::SetInterfaceCost(Ptr<Node> node, uint32_t interface, uint32_t cost)
{
    Config(node, interface).cost = cost;
}

void
RtmOspfHelper::SetInterfacePriority(Ptr<Node> node, uint32_t interface, uint8_t priority)
{
    Config(node, interface).priority = priority;
}

void
RtmOspfHelper::SetInterfaceAuth(Ptr<Node> node, uint32_t interface, const RtmOspfAuthConfig& auth)
{
    Config(node, interface).auth = auth;
}

void
RtmOspfHelper::ExcludeInterface(Ptr<Node> node, uint32_t interface)
{
    m_excluded.insert({node->GetId(), interface});
}

void
RtmOspfHelper::SetAreaConfig(uint32_t area, const RtmOspfAreaConfig& cfg)
{
    m_areas[area] = cfg;
}

void
RtmOspfHelper::AddVirtualLink(Ptr<Node> node,
                              uint32_t transitArea,
                              Ipv4Address peerRouterId,
                              const RtmOspfAuthConfig& auth)
{
    m_vlinks.emplace_back(node->GetId(), transitArea, peerRouterId.Get(), auth);
}

void
RtmOspfHelper::SetRouterAddressArea(Ptr<Node> node, uint32_t area)
{
    m_routerArea[node->GetId()] = area;
}

void
RtmOspfHelper::Install(NodeContainer nodes, uint16_t instance)
{
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
        NS_ABORT_MSG_IF(!router,
                        "RtmOspfHelper::Install: node " << node->GetId()
                                                        << " has no RTM (install RtmHelper first)");
        if (router->GetClient("ospf", instance, RTM_AF_INET))
        {
            NS_LOG_WARN("node " << node->GetId() << " already runs OSPF on instance " << instance);
            continue;
        }
        Ptr<RtmOspfClient> client = m_factory.Create<RtmOspfClient>();
        uint32_t id = node->GetId();
        for (const auto& kv : m_ifs)
        {
            if (kv.first.first == id)
            {
                client->SetInterfaceConfig(kv.first.second, kv.second);
            }
        }
        for (const auto& e : m_excluded)
        {
            if (e.first == id)
            {
                client->ExcludeInterface(e.second);
            }
        }
        for (const auto& kv : m_areas)
        {
            client->SetAreaConfig(kv.first, kv.second);
        }
        for (const auto& v : m_vlinks)
        {
            if (std::get<0>(v) == id)
            {
                client->AddVirtualLink(std::get<1>(v), std::get<2>(v), std::get<3>(v));
            }
        }
        auto ra = m_routerArea.find(id);
        if (ra != m_routerArea.end())
        {
            client->SetRouterAddressArea(ra->second);
        }
        RtmStatus st = client->Start(node, instance);
        NS_ABORT_MSG_IF(st != RtmStatus::Success,
                        "RtmOspfHelper::Install: OSPF cannot start on node "
                            << id << " instance " << instance << ": " << st);
        router->SetClient("ospf", instance, RTM_AF_INET, client);
    }
}

Ptr<RtmOspfClient>
RtmOspfHelper::GetOspfClient(Ptr<Node> node, uint16_t instance)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        return nullptr;
    }
    return DynamicCast<RtmOspfClient>(router->GetClient("ospf", instance, RTM_AF_INET));
}

int64_t
RtmOspfHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    return RtmAssignStreamsPerInstance(nodes,
                                       stream,
                                       [&](Ptr<Node> node, uint16_t id, int64_t first) {
                                           auto c = GetOspfClient(node, id);
                                           return c ? c->AssignStreams(first) : int64_t(0);
                                       });
}

} // namespace ns3
