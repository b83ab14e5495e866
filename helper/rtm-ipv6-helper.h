/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIpv6Helper: the Ipv6RoutingHelper that installs the RTM IPv6 forwarding plane on nodes.
 */
#ifndef RTM_IPV6_HELPER_H
#define RTM_IPV6_HELPER_H

#include "rtm-helper.h"

#include "ns3/ipv6-routing-helper.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-router.h"

namespace ns3
{

class RtmIpv6Routing;

/**
 * \ingroup rtm
 * \brief Installs the RTM IPv6 forwarding plane on nodes: an Ipv6RoutingHelper for
 * InternetStackHelper.
 *
 * \code
 *   RtmHelper rtm;                              // IPv4, and the router configuration
 *   rtm.AssignDevice(router, 2, 1);             // device 2 of `router` goes to instance 1
 *   RtmIpv6Helper rtm6(rtm);                    // IPv6, same router configuration
 *   InternetStackHelper stack;
 *   stack.SetRoutingHelper(rtm);
 *   stack.SetRoutingHelper(rtm6);
 *   stack.Install(nodes);
 * \endcode
 *
 * The router manager (RtmRouter) is made by an RtmHelper held inside this helper (its
 * InstallRouter), so the router configuration — AssignDevice, SetInstances,
 * SetInstanceAttribute, SetRouterAttribute — is the same code path as for IPv4. A node keeps one
 * RtmRouter whichever helper runs first: the second one finds it aggregated to the node and
 * reuses it (its instances, its device assignment), so IPv4 and IPv6 share one set of instances.
 * Router and instance attributes only take effect where the router is created; device
 * assignments of both helpers are applied (a device already given to another instance keeps its
 * instance). Create() aggregates the RtmIpv6Routing to the node, so it is found with
 * node->GetObject<RtmIpv6Routing>() and initialised with the node. The helper also works inside
 * an Ipv6ListRoutingHelper.
 */
class RtmIpv6Helper : public Ipv6RoutingHelper
{
  public:
    RtmIpv6Helper();
    /**
     * \brief A helper with the router configuration (instances, device assignments, instance and
     * router attributes) of an IPv4 RtmHelper.
     * \param rtm the IPv4 helper to copy the configuration from
     */
    explicit RtmIpv6Helper(const RtmHelper& rtm);
    /// Copy (InternetStackHelper keeps a copy).
    RtmIpv6Helper(const RtmIpv6Helper& o);
    RtmIpv6Helper& operator=(const RtmIpv6Helper&) = delete;
    ~RtmIpv6Helper() override;

    /// \return a copy of this helper
    RtmIpv6Helper* Copy() const override;

    /**
     * \brief Make the RTM IPv6 forwarding plane of \p node (and its router manager if needed).
     * \param node the node
     * \return the routing protocol (an RtmIpv6Routing)
     */
    Ptr<Ipv6RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * \brief Set an attribute of the RtmIpv6Routing objects created (e.g. EcmpSeed).
     * \param name the attribute
     * \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the RtmInstance objects (e.g. MaxNextHopsInRoute).
     * \param name the attribute
     * \param value its value
     */
    void SetInstanceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the RtmRouter objects (e.g. ConnectedPreference).
     * \param name the attribute
     * \param value its value
     */
    void SetRouterAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Give a device of a node to an RTM instance (a virtual router), for both families.
     * Takes effect when the node's RTM is created, or at once if it exists already (both
     * forwarding planes re-read their interfaces).
     * \param node the node
     * \param deviceIndex the device (Node::GetDevice index)
     * \param instance the instance (started if needed)
     * \return false if the device already belongs to another instance
     */
    bool AssignDevice(Ptr<Node> node, uint32_t deviceIndex, uint16_t instance);

    /**
     * \brief Start \p count instances (0 .. count-1) on each node created by this helper.
     * \param count number of instances
     */
    void SetInstances(uint16_t count);

    /**
     * \brief Get (creating if needed) the router manager of \p node, configured like this helper.
     * \param node the node
     * \return the router manager
     */
    Ptr<RtmRouter> InstallRouter(Ptr<Node> node) const;

    /// \return the RTM IPv6 forwarding plane of \p node, or null
    static Ptr<RtmIpv6Routing> GetRouting(Ptr<Node> node);

  private:
    RtmHelper m_rtm;                //!< router configuration and creation
    ObjectFactory m_routingFactory; //!< RtmIpv6Routing
};

} // namespace ns3

#endif /* RTM_IPV6_HELPER_H */
