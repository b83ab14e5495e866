/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRipHelper: starting, configuring and finding RIP clients (see rtm-rip-helper.h).
 */
#include "rtm-rip-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/rtm-client-base.h"
#include "ns3/rtm-router.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipHelper");

RtmRipHelperBase::RtmRipHelperBase(TypeId tid, const std::string& kind, uint16_t family)
    : m_kind(kind),
      m_family(family)
{
    m_factory.SetTypeId(tid);
}

RtmRipHelperBase::~RtmRipHelperBase() = default;

void
RtmRipHelperBase::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
RtmRipHelperBase::ExcludeInterface(Ptr<Node> node, uint32_t interface)
{
    m_excluded[node->GetId()].insert(interface);
}

void
RtmRipHelperBase::SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint8_t metric)
{
    m_metrics[node->GetId()][interface] = metric;
}

void
RtmRipHelperBase::Configure(Ptr<RtmRipBase> client, Ptr<Node> node) const
{
}

void
RtmRipHelperBase::Install(NodeContainer nodes, uint16_t instance)
{
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
        NS_ABORT_MSG_IF(!router,
                        "RtmRipHelper::Install: node " << node->GetId()
                                                       << " has no RTM (install RtmHelper first)");
        if (router->GetClient(m_kind, instance, m_family))
        {
            NS_LOG_WARN("node " << node->GetId() << " already runs " << m_kind << " on instance "
                                << instance);
            continue;
        }
        Ptr<RtmRipBase> client = m_factory.Create<RtmRipBase>();
        auto ex = m_excluded.find(node->GetId());
        if (ex != m_excluded.end())
        {
            for (uint32_t itf : ex->second)
            {
                client->ExcludeInterface(itf);
            }
        }
        auto me = m_metrics.find(node->GetId());
        if (me != m_metrics.end())
        {
            for (const auto& kv : me->second)
            {
                client->SetInterfaceMetric(kv.first, kv.second);
            }
        }
        Configure(client, node);
        RtmStatus st = client->Start(node, instance);
        NS_ABORT_MSG_IF(st != RtmStatus::Success,
                        "RtmRipHelper::Install: " << m_kind << " cannot start on node "
                                                  << node->GetId() << " instance " << instance
                                                  << ": " << st);
        router->SetClient(m_kind, instance, m_family, client);
    }
}

Ptr<RtmRipBase>
RtmRipHelperBase::GetClient(Ptr<Node> node,
                            uint16_t instance,
                            const std::string& kind,
                            uint16_t family)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        return nullptr;
    }
    return DynamicCast<RtmRipBase>(router->GetClient(kind, instance, family));
}

int64_t
RtmRipHelperBase::AssignStreams(NodeContainer nodes, int64_t stream)
{
    return RtmAssignStreamsPerInstance(nodes,
                                       stream,
                                       [&](Ptr<Node> node, uint16_t id, int64_t first) {
                                           auto c = GetClient(node, id, m_kind, m_family);
                                           return c ? c->AssignStreams(first) : int64_t(0);
                                       });
}

RtmRipHelper::RtmRipHelper()
    : RtmRipHelperBase(RtmRipClient::GetTypeId(), "rip", RTM_AF_INET)
{
}

void
RtmRipHelper::SetInterfaceAuthentication(Ptr<Node> node,
                                         uint32_t interface,
                                         const RtmRipAuthKey& key)
{
    m_auth[node->GetId()][interface] = key;
}

void
RtmRipHelper::Configure(Ptr<RtmRipBase> client, Ptr<Node> node) const
{
    Ptr<RtmRipClient> rip = DynamicCast<RtmRipClient>(client);
    auto au = m_auth.find(node->GetId());
    if (rip && au != m_auth.end())
    {
        for (const auto& kv : au->second)
        {
            rip->SetInterfaceAuthentication(kv.first, kv.second);
        }
    }
}

Ptr<RtmRipClient>
RtmRipHelper::GetRipClient(Ptr<Node> node, uint16_t instance)
{
    return DynamicCast<RtmRipClient>(GetClient(node, instance, "rip", RTM_AF_INET));
}

RtmRipNgHelper::RtmRipNgHelper()
    : RtmRipHelperBase(RtmRipNgClient::GetTypeId(), "ripng", RTM_AF_INET6)
{
}

Ptr<RtmRipNgClient>
RtmRipNgHelper::GetRipNgClient(Ptr<Node> node, uint16_t instance)
{
    return DynamicCast<RtmRipNgClient>(GetClient(node, instance, "ripng", RTM_AF_INET6));
}

} // namespace ns3
