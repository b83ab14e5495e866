/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIpv4Routing: the IPv4 forwarding plane of a node, an Ipv4RoutingProtocol that forwards
 * every packet by longest-prefix match in the unicast FIB of the input (or socket) interface's
 * instance, checks multicast against the multicast view (RPF), and counts and traces drops.
 */
#ifndef RTM_IPV4_ROUTING_H
#define RTM_IPV4_ROUTING_H

#include "rtm-forwarding-plane.h"

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The IPv4 forwarding plane of a node: an Ipv4RoutingProtocol that forwards every packet
 * with a longest-prefix match on the unicast view of the RTM instance owning the packet's
 * interface, and checks multicast against the multicast view (reverse-path forwarding).
 *
 * Everything is RtmForwardingPlane<Ipv4RoutingProtocol> (one template for both families; see
 * rtm-forwarding-plane.h and the "Forwarding plane" section of doc/rtm.rst): instance choice
 * (input interface; for RouteOutput the bound device, else the interface holding the source
 * address, else instance 0), route flags, ECMP (EcmpSeed), remote next hops, RPF, drops and
 * their counters and traces, the route cache, local delivery per instance, PrintRoutingTable.
 * This class only connects it to ns-3's IPv4 (SetIpv4); its TypeId is
 * RtmForwardingPlane::GetTypeId.
 *
 * Works as a node's only routing protocol and inside an Ipv4ListRouting.
 */
class RtmIpv4Routing : public RtmForwardingPlane<Ipv4RoutingProtocol>
{
  public:
    /// \param ipv4 the node's IPv4: every interface is read
    void SetIpv4(Ptr<Ipv4> ipv4) override
    {
        Attach(ipv4);
    }
};

} // namespace ns3

#endif /* RTM_IPV4_ROUTING_H */
