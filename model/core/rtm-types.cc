/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Printing of the RTMv2 types and flags (symbolic names).
 */
#include "rtm-types.h"

namespace ns3
{

const char*
RtmEventTypeName(RtmEventType type)
{
    switch (type)
    {
    case RtmEventType::EntityRegistered:
        return "RTM_ENTITY_REGISTERED";
    case RtmEventType::EntityDeregistered:
        return "RTM_ENTITY_DEREGISTERED";
    case RtmEventType::RouteExpired:
        return "RTM_ROUTE_EXPIRED";
    case RtmEventType::ChangeNotification:
        return "RTM_CHANGE_NOTIFICATION";
    }
    return "?";
}

std::string
RtmProtocolName(uint32_t protocolId)
{
    switch (protocolId)
    {
    case RTM_PROTO_IP_LOCAL:
        return "connected";
    case RTM_PROTO_IP_NETMGMT:
        return "static";
    case RTM_PROTO_IP_RIP:
        return "RIP";
    case RTM_PROTO_IP_OSPF:
        return "OSPF";
    case RTM_PROTO_NS3_GRAPH:
        return "link-state";
    case RTM_PROTO_NS3_MCAST:
        return "multicast-feeder";
    case RTM_PROTO_NS3_IPV6_NOTIFIED:
        return "ipv6-notified";
    default:
        return "proto " + std::to_string(protocolId);
    }
}

std::string
RtmRouteFlagsString(uint16_t flags)
{
    static const struct
    {
        uint16_t bit;
        const char* name;
    } kNames[] = {{RTM_ROUTE_FLAGS_MARTIAN, "MARTIAN"},
                  {RTM_ROUTE_FLAGS_BLACKHOLE, "BLACKHOLE"},
                  {RTM_ROUTE_FLAGS_DISCARD, "DISCARD"},
                  {RTM_ROUTE_FLAGS_INACTIVE, "INACTIVE"},
                  {RTM_ROUTE_FLAGS_LOCAL, "LOCAL"},
                  {RTM_ROUTE_FLAGS_REMOTE, "REMOTE"},
                  {RTM_ROUTE_FLAGS_MYSELF, "MYSELF"},
                  {RTM_ROUTE_FLAGS_LOOPBACK, "LOOPBACK"},
                  {RTM_ROUTE_FLAGS_MCAST, "MCAST"},
                  {RTM_ROUTE_FLAGS_LOCAL_MCAST, "LOCAL_MCAST"},
                  {RTM_ROUTE_FLAGS_LIMITED_BC, "LIMITED_BC"},
                  {RTM_ROUTE_FLAGS_ZEROS_NETBC, "ZEROS_NETBC"},
                  {RTM_ROUTE_FLAGS_ZEROS_SUBNETBC, "ZEROS_SUBNETBC"},
                  {RTM_ROUTE_FLAGS_ONES_NETBC, "ONES_NETBC"},
                  {RTM_ROUTE_FLAGS_ONES_SUBNETBC, "ONES_SUBNETBC"}};

    std::string out;
    for (const auto& n : kNames)
    {
        if (flags & n.bit)
        {
            out += (out.empty() ? "" : "|") + std::string(n.name);
        }
    }
    return out;
}

} // namespace ns3
