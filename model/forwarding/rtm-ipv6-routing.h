/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIpv6Routing: the IPv6 forwarding plane of a node, the counterpart of RtmIpv4Routing; routes
 * ns-3 installs by itself (RA, redirects) go to a notified-routes client.
 */
#ifndef RTM_IPV6_ROUTING_H
#define RTM_IPV6_ROUTING_H

#include "rtm-forwarding-plane.h"

#include "ns3/rtm-registration.h"

#include <map>
#include <tuple>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The IPv6 forwarding plane of a node: the IPv6 instantiation of the forwarding plane
 * (RtmForwardingPlane<Ipv6RoutingProtocol>, the same template as RtmIpv4Routing; see
 * rtm-forwarding-plane.h and the "Forwarding plane" section of doc/rtm.rst). Every packet is
 * forwarded with a longest-prefix match on the unicast view of the RTM instance owning the
 * packet's interface; multicast is checked against the multicast view (reverse-path forwarding)
 * and forwarded by the router manager's (S, G) / (*, G) entries.
 *
 * This class connects it to ns-3's IPv6 (SetIpv6; its TypeId is RtmForwardingPlane::GetTypeId)
 * and adds what only IPv6 has: routes ns-3 notifies itself
 * (NotifyAddRoute / NotifyRemoveRoute: RA default routers and on-link prefixes from
 * Ipv6L3Protocol::AddAutoconfiguredAddress, host routes from accepted ICMPv6 Redirects). They
 * are owned by a separate client per instance, registered on first use with protocol id
 * RTM_PROTO_NS3_IPV6_NOTIFIED and the instance's default preference. A notified route
 * (dst/mask via nextHop on interface) becomes a route of the instance owning the interface with
 * one next hop (nextHop, interface) — (::, interface) and flag LOCAL when nextHop is :: (on-link)
 * — in both views; adding it again updates it, and NotifyRemoveRoute deletes the matching routes
 * (all next hops of dst/mask on that interface when nextHop is ::). The on-link route
 * Ipv6L3Protocol::AddAddress notifies for the prefix of an address of the interface is not
 * duplicated: the connected-routes client owns it. Like Ipv6StaticRouting, an interface going
 * down (or moving to another instance) deletes the notified routes through it; RA and redirects
 * install them again.
 *
 * Works as a node's only IPv6 routing protocol and inside an Ipv6ListRouting.
 */
class RtmIpv6Routing : public RtmForwardingPlane<Ipv6RoutingProtocol>
{
  public:
    /**
     * \brief A route ns-3 installs by itself (RA default router or on-link prefix, ICMPv6
     * redirect): added to the notified-routes client of the instance owning \p interface (see
     * the class description).
     * \param dst destination prefix
     * \param mask its length
     * \param nextHop the gateway, or :: for an on-link prefix
     * \param interface the interface
     * \param prefixToUse source prefix hint (unused: source selection is per interface)
     */
    void NotifyAddRoute(Ipv6Address dst,
                        Ipv6Prefix mask,
                        Ipv6Address nextHop,
                        uint32_t interface,
                        Ipv6Address prefixToUse = Ipv6Address::GetZero()) override;
    /**
     * \brief Withdraw a route added by NotifyAddRoute: the notified routes to dst/mask on
     * \p interface whose next hop is \p nextHop (every next hop if \p nextHop is ::).
     * \param dst destination prefix
     * \param mask its length
     * \param nextHop the gateway, or :: for all
     * \param interface the interface
     * \param prefixToUse unused
     */
    void NotifyRemoveRoute(Ipv6Address dst,
                           Ipv6Prefix mask,
                           Ipv6Address nextHop,
                           uint32_t interface,
                           Ipv6Address prefixToUse = Ipv6Address::GetZero()) override;

    /**
     * \param ipv6 the node's IPv6: every interface is read. On ns-3 3.41 and later, its weak
     * end-system model is selected (RtmIpv6UseWeakEndSystem, decision 28): the router's
     * addresses answer on every interface, as on earlier releases.
     */
    void SetIpv6(Ptr<Ipv6> ipv6) override
    {
        RtmIpv6UseWeakEndSystem(ipv6);
        Attach(ipv6);
    }

    /// \return routes currently held by the notified-routes clients (all instances)
    uint32_t GetNotifiedRouteCount() const;

  protected:
    void DoDispose() override;
    void InterfaceLeaving(uint16_t instance, uint32_t interface) override;

  private:
    /// One notified route of a client.
    struct NotifiedRoute
    {
        RtmRouteHandle route;     //!< the route
        RtmNextHopHandle nextHop; //!< its next hop
    };

    /// The notified-routes client of one instance.
    struct NotifiedClient
    {
        Ptr<RtmRegistration> reg; //!< registration (null if it failed)
        /// (dst, len, next hop, interface) -> route
        std::map<std::tuple<Key, uint8_t, Key, uint32_t>, NotifiedRoute> routes;
    };

    /// \return the notified-routes client of \p instance (registered on first use)
    NotifiedClient& NotifiedOf(uint16_t instance);
    /// Delete the next hop (\p gateway, \p interface) of client \p c.
    static void DeleteNextHop(NotifiedClient& c, Key gateway, uint32_t interface);

    std::map<uint16_t, NotifiedClient> m_notified; //!< instance -> notified-routes client
};

} // namespace ns3

#endif /* RTM_IPV6_ROUTING_H */
