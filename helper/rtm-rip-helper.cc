/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 */
#include "rtm-rip-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/rtm-router.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipHelper");

RtmRipHelper::RtmRipHelper()
{
    m_factory.SetTypeId(RtmRipClient::GetTypeId());
}

void
RtmRipHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
RtmRipHelper::ExcludeInterface(Ptr<Node> node, uint32_t interface)
{
    m_excluded[node->GetId()].insert(interface);
}

void
RtmRipHelper::SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint8_t metric)
{
    m_metrics[node->GetId()][interface] = metric;
}

void
RtmRipHelper::Install(NodeContainer nodes, uint16_t instance)
{
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
        NS_ABORT_MSG_IF(!router,
                        "RtmRipHelper::Install: node " << node->GetId()
                                                       << " has no RTM (install RtmHelper first)");
        if (router->GetClient("rip", instance, RTM_AF_INET))
        {
            NS_LOG_WARN("node " << node->GetId() << " already runs RIP on instance " << instance);
            continue;
        }
        Ptr<RtmRipClient> client = m_factory.Create<RtmRipClient>();
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
        RtmStatus st = client->Start(node, instance);
        NS_ABORT_MSG_IF(st != RtmStatus::Success,
                        "RtmRipHelper::Install: RIP cannot start on node "
                            << node->GetId() << " instance " << instance << ": " << st);
        router->SetClient("rip", instance, RTM_AF_INET, client);
    }
}

Ptr<RtmRipClient>
RtmRipHelper::GetRipClient(Ptr<Node> node, uint16_t instance)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        return nullptr;
    }
    return DynamicCast<RtmRipClient>(router->GetClient("rip", instance, RTM_AF_INET));
}

int64_t
RtmRipHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<RtmRouter> router = nodes.Get(i)->GetObject<RtmRouter>();
        if (!router)
        {
            continue;
        }
        for (uint16_t id : router->GetInstanceIds())
        {
            Ptr<RtmRipClient> c = GetRipClient(nodes.Get(i), id);
            if (c)
            {
                current += c->AssignStreams(current);
            }
        }
    }
    return current - stream;
}

} // namespace ns3
