/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmStaticRoutingHelper: parsing route text and adding it through RtmStaticClient.
 */
#include "rtm-static-routing-helper.h"

#include "ns3/rtm-router.h"

namespace ns3
{

Ptr<RtmStaticClient>
RtmStaticRoutingHelper::GetStaticClient(Ptr<Node> node, uint16_t instance, uint16_t family)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    if (!router)
    {
        return nullptr;
    }
    Ptr<Object> o = router->GetClient("static", instance, family);
    if (o)
    {
        return DynamicCast<RtmStaticClient>(o);
    }
    Ptr<RtmStaticClient> c = CreateObject<RtmStaticClient>();
    if (c->Start(router, instance, family) != RtmStatus::Success)
    {
        return nullptr;
    }
    router->SetClient("static", instance, family, c);
    return c;
}

bool
RtmStaticRoutingHelper::ParseNextHop(const std::string& text,
                                     uint32_t interface,
                                     RtmStaticNextHop& hop)
{
    std::string addr = text;
    hop.remote = false;
    const std::string suffix = "%remote";
    if (addr.size() > suffix.size() &&
        addr.compare(addr.size() - suffix.size(), suffix.size(), suffix) == 0)
    {
        hop.remote = true;
        addr = addr.substr(0, addr.size() - suffix.size());
    }
    if (!RtmNetAddress::Parse(addr, hop.address) || hop.address.numBits != hop.address.FamilyBits())
    {
        return false;
    }
    hop.interface = interface;
    return true;
}

RtmStatus
RtmStaticRoutingHelper::AddRoute(Ptr<Node> node,
                                 const std::string& prefix,
                                 const std::string& nextHop,
                                 uint32_t interface,
                                 uint32_t metric,
                                 uint32_t preference,
                                 RtmViewSet views,
                                 uint16_t flags,
                                 uint16_t instance)
{
    RtmNetAddress p;
    if (!RtmNetAddress::Parse(prefix, p))
    {
        return RtmStatus::InvalidParameter;
    }
    std::vector<RtmStaticNextHop> hops;
    if (!nextHop.empty())
    {
        RtmStaticNextHop h;
        if (!ParseNextHop(nextHop, interface, h))
        {
            return RtmStatus::InvalidParameter;
        }
        hops.push_back(h);
    }
    Ptr<RtmStaticClient> c = GetStaticClient(node, instance, p.addressFamily);
    if (!c)
    {
        return RtmStatus::InvalidHandle;
    }
    return c->AddRoute(p, hops, metric, preference, views, flags);
}

RtmStatus
RtmStaticRoutingHelper::AddMultipathRoute(
    Ptr<Node> node,
    const std::string& prefix,
    const std::vector<std::pair<std::string, uint32_t>>& nextHops,
    uint32_t metric,
    uint32_t preference,
    RtmViewSet views,
    uint16_t instance)
{
    RtmNetAddress p;
    if (!RtmNetAddress::Parse(prefix, p))
    {
        return RtmStatus::InvalidParameter;
    }
    std::vector<RtmStaticNextHop> hops;
    for (const auto& nh : nextHops)
    {
        RtmStaticNextHop h;
        if (!ParseNextHop(nh.first, nh.second, h))
        {
            return RtmStatus::InvalidParameter;
        }
        hops.push_back(h);
    }
    Ptr<RtmStaticClient> c = GetStaticClient(node, instance, p.addressFamily);
    if (!c)
    {
        return RtmStatus::InvalidHandle;
    }
    return c->AddRoute(p, hops, metric, preference, views, 0);
}

RtmStatus
RtmStaticRoutingHelper::RemoveRoute(Ptr<Node> node, const std::string& prefix, uint16_t instance)
{
    RtmNetAddress p;
    if (!RtmNetAddress::Parse(prefix, p))
    {
        return RtmStatus::InvalidParameter;
    }
    Ptr<RtmStaticClient> c = GetStaticClient(node, instance, p.addressFamily);
    if (!c)
    {
        return RtmStatus::InvalidHandle;
    }
    return c->RemoveRoute(p);
}

} // namespace ns3
