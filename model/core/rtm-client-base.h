/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What every RTM protocol client (RIPv2 and RIPng, OSPFv2, BGP-4) does the same way, written
 * once: draining its change notifications, reading the whole table once, deciding whether an
 * IPv4 interface can carry the protocol, and assigning random streams to the clients of a set of
 * nodes (their helpers).
 *
 * Draining: GetChangedDests hands out at most \c batch destinations per call (the instance's
 * MaxHandlesInEnum) and returns a status other than Success, or none, once the client's queue is
 * empty; the loop calls it until then, so one ChangeNotification event empties the queue (the
 * table raises the next event only for later changes). Reading the table: the same loop over a
 * destination enumeration, each destination's best unicast route read with GetDestInfo (the
 * enumeration names the destinations; their best route is asked in the unicast view), and the
 * enumeration handle deleted at the end, whatever happened.
 */
#ifndef RTM_CLIENT_BASE_H
#define RTM_CLIENT_BASE_H

#include "rtm-registration.h"

#include "ns3/node-container.h"

#include <cstdint>
#include <functional>

namespace ns3
{

class Ipv4;

/**
 * \ingroup rtm
 * \brief Empty a client's change-notification queue.
 * \param reg the client's registration
 * \param notify its change-notification handle
 * \param batch destinations asked for per call (at least 1)
 * \param each called for every changed destination, in the order the table reports them
 * \return the number of destinations reported
 */
uint32_t RtmDrainChangedDests(RtmRegistration& reg,
                              RtmNotifyHandle notify,
                              uint32_t batch,
                              const std::function<void(const RtmDestInfo&)>& each);

/**
 * \ingroup rtm
 * \brief Read every destination of the table once, with its best route of any protocol in the
 * unicast view (GetDestInfo with RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST).
 * \param reg the client's registration
 * \param views the views whose destinations are enumerated (RTM_VIEW_MASK_UCAST, _ANY, ...)
 * \param batch destinations asked for per call (at least 1)
 * \param each called for every destination
 * \return false if the enumeration could not be created (nothing was read)
 */
bool RtmForEachBestDest(RtmRegistration& reg,
                        RtmViewSet views,
                        uint32_t batch,
                        const std::function<void(const RtmDestInfo&)>& each);

/**
 * \ingroup rtm
 * \brief Whether an IPv4 interface can carry a routing protocol: up, not the loopback, with an
 * address that is neither unset nor of host scope.
 * \param ipv4 the node's IPv4 \param interface the interface index (any value)
 * \return true if usable
 */
bool RtmIpv4InterfaceUsable(const Ptr<Ipv4>& ipv4, uint32_t interface);

/**
 * \ingroup rtm
 * \brief A helper's AssignStreams: for every node with a router manager and every instance of
 * it, in that order, \p assign gives the instance's client (if any) streams from the current
 * number on and returns how many it used.
 * \param nodes the nodes \param stream the first stream number
 * \param assign (node, instance id, first stream) -> streams used (0 when there is no client)
 * \return the number of streams used in all
 */
int64_t RtmAssignStreamsPerInstance(
    NodeContainer nodes,
    int64_t stream,
    const std::function<int64_t(Ptr<Node> node, uint16_t instance, int64_t stream)>& assign);

} // namespace ns3

#endif /* RTM_CLIENT_BASE_H */
