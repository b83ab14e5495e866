/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmMcastFeederHelper: multicast groups whose forwarding entries are shortest-path trees
 * computed over the network graph (RtmMcastFeeder).
 */
#ifndef RTM_MCAST_FEEDER_HELPER_H
#define RTM_MCAST_FEEDER_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-mcast-feeder.h"
#include "ns3/rtm-network-graph.h"

#include <map>
#include <utility>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Multicast groups without hand-written entries: shortest-path trees computed with
 * Boost.Graph and installed through each router's RtmMcastFeeder client, for IPv4 and IPv6
 * groups (the family of a group is that of its address).
 *
 * \code
 *   RtmMcastFeederHelper feeder;
 *   feeder.Install(routers);                          // feeders on every router (and the source)
 *   RtmMcastTree t = feeder.AddGroup(Ipv4Address("239.1.2.3"), sourceNode, receivers);
 *   RtmMcastTree t6 = feeder.AddGroup(Ipv6Address("ff0e::1:2:3"), sourceNode, receivers);
 * \endcode
 * Install starts a feeder for each family whose IP stack a node has. The topology of the group's
 * family is read (RtmNetworkGraph) when a group is added, so add groups after the links and
 * addresses exist. The source node must be one of the installed nodes; see RtmMcastFeeder for
 * why it should have one tree child, and why IPv6 receivers must join the group.
 */
class RtmMcastFeederHelper
{
  public:
    RtmMcastFeederHelper();

    /**
     * \brief Set an attribute of the feeders (ns3::RtmMcastFeeder, e.g. Preference).
     * \param name the attribute
     * \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Give an interface a multicast weight (the tree follows these weights; interfaces
     * without one use their unicast metric).
     * \param node the node
     * \param interface its interface (index of \p family)
     * \param metric the weight
     * \param family RTM_AF_INET (default) or RTM_AF_INET6: the trees it applies to
     */
    void SetMulticastMetric(Ptr<Node> node,
                            uint32_t interface,
                            uint32_t metric,
                            uint16_t family = RTM_AF_INET);

    /**
     * \brief Start a feeder on (node, instance) of every node, for each family whose IP stack
     * the node has; they form the graphs the trees are computed on.
     * \param nodes the nodes (with the RTM: RtmHelper, RtmIpv6Helper)
     * \param instance the RTM instance
     */
    void Install(NodeContainer nodes, uint16_t instance = 0);

    /**
     * \brief Compute the tree of a group and install it.
     * \param group the group address (IPv4 or IPv6: the family of the tree)
     * \param source the source node
     * \param receivers the receiver nodes
     * \param sourceAddress the source address the packets carry; unset (family 0, the default):
     * the first routable address of the source's interface towards its first tree child (what
     * ns-3 picks for a global group)
     * \return the tree (empty if the source is not an installed node of that family)
     */
    RtmMcastTree AddGroup(const RtmNetAddress& group,
                          Ptr<Node> source,
                          NodeContainer receivers,
                          RtmNetAddress sourceAddress = RtmNetAddress());
    /// AddGroup of an IPv4 group (\p sourceAddress 0.0.0.0: chosen as above).
    RtmMcastTree AddGroup(Ipv4Address group,
                          Ptr<Node> source,
                          NodeContainer receivers,
                          Ipv4Address sourceAddress = Ipv4Address::GetAny());
    /// AddGroup of an IPv6 group (\p sourceAddress ::: chosen as above).
    RtmMcastTree AddGroup(Ipv6Address group,
                          Ptr<Node> source,
                          NodeContainer receivers,
                          Ipv6Address sourceAddress = Ipv6Address::GetAny());

    /**
     * \brief Remove the tree of (source address, group) from every router.
     * \return the number of routers it was removed from
     */
    uint32_t RemoveGroup(const RtmNetAddress& group, const RtmNetAddress& sourceAddress);
    /// RemoveGroup of an IPv4 group.
    uint32_t RemoveGroup(Ipv4Address group, Ipv4Address sourceAddress);
    /// RemoveGroup of an IPv6 group.
    uint32_t RemoveGroup(Ipv6Address group, Ipv6Address sourceAddress);

    /**
     * \param node the node
     * \param instance the RTM instance
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \return the feeder of (node, instance, family), or null
     */
    static Ptr<RtmMcastFeeder> GetFeeder(Ptr<Node> node,
                                         uint16_t instance = 0,
                                         uint16_t family = RTM_AF_INET);

    /// \return the graph of \p family (as of the last AddGroup of that family)
    const RtmNetworkGraph& GetGraph(uint16_t family = RTM_AF_INET) const;

  private:
    /// \return the graph of \p family
    RtmNetworkGraph& GraphOf(uint16_t family);

    ObjectFactory m_factory;  //!< feeders
    RtmNetworkGraph m_graph4; //!< the installed nodes with IPv4
    RtmNetworkGraph m_graph6; //!< the installed nodes with IPv6
    uint16_t m_instance{0};   //!< instance of the last Install
    std::map<std::pair<RtmNetAddress, RtmNetAddress>, std::vector<std::pair<Ptr<Node>, uint16_t>>>
        m_groups; //!< (source, group) -> routers holding a part
};

} // namespace ns3

#endif /* RTM_MCAST_FEEDER_HELPER_H */
