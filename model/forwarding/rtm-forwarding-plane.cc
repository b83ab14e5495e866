/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The two instantiations of RtmForwardingPlane<P> (the template's parts are in the
 * rtm-forwarding-plane-*-impl.h files), each with the log component of its family, and the
 * registration of the two ns-3 classes, RtmIpv4Routing and RtmIpv6Routing.
 */
#include "rtm-forwarding-plane-interfaces-impl.h"
#include "rtm-forwarding-plane-multicast-impl.h"
#include "rtm-forwarding-plane-unicast-impl.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RtmIpv4Routing);
NS_OBJECT_ENSURE_REGISTERED(RtmIpv6Routing);

/// \cond
template <>
LogComponent RtmForwardingPlane<Ipv4RoutingProtocol>::g_log{"RtmIpv4Routing", __FILE__};
template <>
LogComponent RtmForwardingPlane<Ipv6RoutingProtocol>::g_log{"RtmIpv6Routing", __FILE__};

template class RtmForwardingPlane<Ipv4RoutingProtocol>;
template class RtmForwardingPlane<Ipv6RoutingProtocol>;
/// \endcond

} // namespace ns3
