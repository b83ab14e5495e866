/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmStaticRoutingHelper: static routes given as text, added through the static client of a
 * node's (instance, family).
 */
#ifndef RTM_STATIC_ROUTING_HELPER_H
#define RTM_STATIC_ROUTING_HELPER_H

#include "ns3/node.h"
#include "ns3/rtm-static-client.h"

#include <string>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Static routes through the RTM's static client (management entity).
 *
 * \code
 *   RtmStaticRoutingHelper sr;
 *   sr.AddRoute(n0, "10.2.0.0/16", "10.0.1.2", 1);                 // via 10.0.1.2 on if 1
 *   sr.AddRoute(n0, "0.0.0.0/0", "10.0.1.2", 1, 10, 50);           // default, metric 10, pref 50
 *   sr.AddRoute(n0, "192.0.2.0/24", "", 0, 0, 0, RTM_VIEW_MASK_UCAST,
 *               RTM_ROUTE_FLAGS_BLACKHOLE);                         // blackhole, pref 3
 * \endcode
 * The client of (node, instance, family) is started on first use; the node must have the RTM
 * (RtmHelper / RtmIpv6Helper). Next-hop strings may end in "%remote" for recursive next hops.
 */
class RtmStaticRoutingHelper
{
  public:
    /**
     * \brief The static client of (node, instance, family), started if needed.
     * \return the client, or null if the node has no RTM router
     */
    static Ptr<RtmStaticClient> GetStaticClient(Ptr<Node> node,
                                                uint16_t instance = 0,
                                                uint16_t family = RTM_AF_INET);

    /**
     * \brief Add (or replace) a static route with one next hop.
     * \param node the node
     * \param prefix "10.1.0.0/16" or "2001:db8::/32"
     * \param nextHop gateway address ("%remote" suffix: recursive); "" for none
     * \param interface outgoing interface index
     * \param metric metric
     * \param preference preference (0: the client's default, 3)
     * \param views views
     * \param flags route flags
     * \param instance RTM instance
     * \return the RTM status (InvalidParameter for text that does not parse)
     */
    static RtmStatus AddRoute(Ptr<Node> node,
                              const std::string& prefix,
                              const std::string& nextHop,
                              uint32_t interface,
                              uint32_t metric = 0,
                              uint32_t preference = 0,
                              RtmViewSet views = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                              uint16_t flags = 0,
                              uint16_t instance = 0);

    /**
     * \brief Add (or replace) a static route with several equal-cost next hops.
     * \return the RTM status
     */
    static RtmStatus AddMultipathRoute(
        Ptr<Node> node,
        const std::string& prefix,
        const std::vector<std::pair<std::string, uint32_t>>& nextHops,
        uint32_t metric = 0,
        uint32_t preference = 0,
        RtmViewSet views = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
        uint16_t instance = 0);

    /**
     * \brief Remove the static route of \p prefix.
     * \return Success, NotFound, InvalidParameter
     */
    static RtmStatus RemoveRoute(Ptr<Node> node, const std::string& prefix, uint16_t instance = 0);

  private:
    /// Parse a next-hop string ("addr" or "addr%remote").
    static bool ParseNextHop(const std::string& text, uint32_t interface, RtmStaticNextHop& hop);
};

} // namespace ns3

#endif /* RTM_STATIC_ROUTING_HELPER_H */
