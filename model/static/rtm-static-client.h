/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmStaticClient: the static-routes client of one (instance, family) (a management entity):
 * routes with their next hops, added, replaced and removed by prefix.
 */
#ifndef RTM_STATIC_CLIENT_H
#define RTM_STATIC_CLIENT_H

#include "ns3/object.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"

#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief One next hop of a static route.
 */
struct RtmStaticNextHop
{
    RtmNetAddress address; //!< gateway address (a host address of the route's family)
    uint32_t interface {
        0
    };                  //!< outgoing interface (ignored for remote next hops)
    bool remote{false}; //!< resolve the gateway through the table (recursive)
};

/**
 * \ingroup rtm
 * \brief The static-routes client (management entity, RTM_PROTO_IP_NETMGMT) of one
 * (instance, family).
 *
 * It owns at most one route per prefix. Rules for interfaces (Windows' behaviour for
 * non-persistent static routes, decided in doc/rtm.rst): a static route whose local next hops are
 * all on interfaces that are down is kept but flagged INACTIVE, so it is never best and the next
 * candidate (another client's route) takes over; it becomes active again when one of its
 * interfaces comes back up. Remote next hops are always considered usable.
 */
class RtmStaticClient : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmStaticClient();
    ~RtmStaticClient() override;

    /**
     * \brief Register with (instance, family) of a router.
     * \param router the router manager
     * \param instance the instance
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \return the registration status
     */
    RtmStatus Start(Ptr<RtmRouter> router, uint16_t instance, uint16_t family);

    /**
     * \brief Add a static route, or replace the one of this prefix.
     * \param prefix the destination prefix
     * \param nextHops its next hops (none: only with BLACKHOLE / DISCARD / LOCAL flags)
     * \param metric the metric
     * \param preference the preference (0: the client's Preference attribute)
     * \param views the views (unicast and multicast by default)
     * \param flags route flags (e.g. RTM_ROUTE_FLAGS_BLACKHOLE)
     * \return the RTM status (InvalidParameter for a malformed prefix or next hop, an interface
     * the instance does not own, ...)
     */
    RtmStatus AddRoute(const RtmNetAddress& prefix,
                       const std::vector<RtmStaticNextHop>& nextHops,
                       uint32_t metric = 0,
                       uint32_t preference = 0,
                       RtmViewSet views = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                       uint16_t flags = 0);

    /**
     * \brief Remove the static route of \p prefix.
     * \return Success, NotFound
     */
    RtmStatus RemoveRoute(const RtmNetAddress& prefix);

    /// \return the number of static routes
    uint32_t GetNRoutes() const;

    /// \return the prefixes of the static routes, in address order
    std::vector<RtmNetAddress> GetPrefixes() const;

    /// \return true if the route of \p prefix is currently INACTIVE (its interfaces are down)
    bool IsInactive(const RtmNetAddress& prefix) const;

    /// \return the registration (null before Start)
    Ptr<RtmRegistration> GetRegistration() const;

  protected:
    void DoDispose() override;

  private:
    /// A static route.
    struct Route
    {
        std::vector<RtmStaticNextHop> hops;    //!< configured next hops
        std::vector<RtmNextHopHandle> handles; //!< their RTM next hops
        RtmRouteInfo info;                     //!< what was added
        RtmRouteHandle handle;                 //!< the RTM route
        bool inactive{false};                  //!< flagged INACTIVE because interfaces are down
    };

    /// \return true if some next hop of \p r is usable
    bool Usable(const Route& r) const;
    /// Interface listener.
    void InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up);
    /// Drop our references to the next hops of \p r (deleting unused ones).
    void ReleaseHops(const Route& r);

    Ptr<RtmRouter> m_router;                        //!< router manager
    Ptr<RtmRegistration> m_reg;                     //!< registration
    uint16_t m_instance{0};                         //!< instance
    uint16_t m_family{RTM_AF_INET};                 //!< family
    uint32_t m_preference;                          //!< attribute Preference
    std::map<RtmNetAddress, Route> m_routes;        //!< routes by prefix
    std::map<RtmNextHopHandle, uint32_t> m_hopUses; //!< next hop -> routes using it
};

} // namespace ns3

#endif /* RTM_STATIC_CLIENT_H */
