/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmHelper: the Ipv4RoutingHelper that installs the RTM (router manager and IPv4 forwarding
 * plane) on nodes through InternetStackHelper, with instances and device assignment.
 */
#ifndef RTM_HELPER_H
#define RTM_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-router.h"

#include <map>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Installs the RTM on nodes: an Ipv4RoutingHelper for InternetStackHelper.
 *
 * \code
 *   RtmHelper rtm;
 *   rtm.AssignDevice(router, 2, 1);            // device 2 of `router` goes to instance 1
 *   InternetStackHelper stack;
 *   stack.SetRoutingHelper(rtm);               // RTM is the node's routing protocol
 *   stack.Install(nodes);
 * \endcode
 * Create() aggregates an RtmRouter (the router manager, with instance 0) and the
 * RtmIpv4Routing to the node, so both are found with node->GetObject<...>() and initialised
 * with the node. The helper also works inside an Ipv4ListRoutingHelper, next to ns-3's own
 * protocols.
 */
class RtmHelper : public Ipv4RoutingHelper
{
  public:
    RtmHelper();
    /// Copy (InternetStackHelper keeps a copy).
    RtmHelper(const RtmHelper& o);
    RtmHelper& operator=(const RtmHelper&) = delete;
    ~RtmHelper() override;

    /// \return a copy of this helper
    RtmHelper* Copy() const override;

    /**
     * \brief Make the RTM forwarding plane of \p node (and its router manager if needed).
     * \param node the node
     * \return the routing protocol (an RtmIpv4Routing)
     */
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * \brief Set an attribute of the RtmIpv4Routing objects created (e.g. EcmpSeed).
     * \param name the attribute
     * \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the RtmInstance objects (e.g. MaxNextHopsInRoute). InstanceId
     * is not settable this way: each instance gets the id it is created with.
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
     * \brief Give a device of a node to an RTM instance (a virtual router). Takes effect when the
     * node's RTM is created, or at once if it exists already: then it is a device move
     * (RtmRouter::AssignDevice, RtmRouter::MoveDevice), an event for both instances.
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

    /// \return the router manager of \p node, or null
    static Ptr<RtmRouter> GetRouter(Ptr<Node> node);

    /**
     * \brief Get (creating if needed) the router manager of \p node, configured like this helper.
     * \param node the node
     * \return the router manager
     */
    Ptr<RtmRouter> InstallRouter(Ptr<Node> node) const;

  private:
    ObjectFactory m_routingFactory; //!< RtmIpv4Routing
    ObjectFactory m_routerFactory;  //!< RtmRouter
    std::vector<std::pair<std::string, Ptr<AttributeValue>>>
        m_instanceAttributes; //!< instance attrs
    std::map<uint32_t, std::vector<std::pair<uint32_t, uint16_t>>>
        m_assign;            //!< node -> (dev, inst)
    uint16_t m_instances{1}; //!< instances per node
};

} // namespace ns3

#endif /* RTM_HELPER_H */
