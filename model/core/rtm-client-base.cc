/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the RTM's protocol clients share (see rtm-client-base.h).
 */
#include "rtm-client-base.h"

#include "rtm-router.h"

#include "ns3/ipv4.h"
#include "ns3/loopback-net-device.h"

namespace ns3
{

uint32_t
RtmDrainChangedDests(RtmRegistration& reg,
                     RtmNotifyHandle notify,
                     uint32_t batch,
                     const std::function<void(const RtmDestInfo&)>& each)
{
    uint32_t seen = 0;
    for (;;)
    {
        uint32_t num = std::max<uint32_t>(batch, 1);
        std::vector<RtmDestInfo> dests;
        RtmStatus st = reg.GetChangedDests(notify, num, dests);
        for (uint32_t i = 0; i < num && i < dests.size(); ++i)
        {
            each(dests[i]);
            ++seen;
        }
        if (st != RtmStatus::Success || num == 0)
        {
            return seen;
        }
    }
}

bool
RtmForEachBestDest(RtmRegistration& reg,
                   RtmViewSet views,
                   uint32_t batch,
                   const std::function<void(const RtmDestInfo&)>& each)
{
    RtmEnumHandle e;
    if (reg.CreateDestEnum(views, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, e) !=
        RtmStatus::Success)
    {
        return false;
    }
    for (;;)
    {
        uint32_t num = std::max<uint32_t>(batch, 1);
        std::vector<RtmDestInfo> dests;
        RtmStatus st = reg.GetEnumDests(e, num, dests);
        for (uint32_t i = 0; i < num && i < dests.size(); ++i)
        {
            RtmDestInfo info;
            if (reg.GetDestInfo(dests[i].destHandle,
                                RTM_BEST_PROTOCOL,
                                RTM_VIEW_MASK_UCAST,
                                info) == RtmStatus::Success)
            {
                each(info);
            }
        }
        if (st != RtmStatus::Success || num == 0)
        {
            break;
        }
    }
    reg.DeleteEnumHandle(e);
    return true;
}

bool
RtmIpv4InterfaceUsable(const Ptr<Ipv4>& ipv4, uint32_t interface)
{
    if (!ipv4 || interface >= ipv4->GetNInterfaces() || !ipv4->IsUp(interface))
    {
        return false;
    }
    Ptr<NetDevice> dev = ipv4->GetNetDevice(interface);
    if (!dev || DynamicCast<LoopbackNetDevice>(dev))
    {
        return false;
    }
    for (uint32_t j = 0; j < ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress a = ipv4->GetAddress(interface, j);
        if (a.GetLocal() != Ipv4Address::GetAny() && a.GetScope() != Ipv4InterfaceAddress::HOST)
        {
            return true;
        }
    }
    return false;
}

int64_t
RtmAssignStreamsPerInstance(
    NodeContainer nodes,
    int64_t stream,
    const std::function<int64_t(Ptr<Node> node, uint16_t instance, int64_t stream)>& assign)
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
            current += assign(nodes.Get(i), id, current);
        }
    }
    return current - stream;
}

} // namespace ns3
