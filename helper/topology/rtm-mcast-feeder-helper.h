/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmMcastFeederHelper: multicast groups whose forwarding entries are shortest-path trees
 * computed over the network graph (RtmMcastFeeder).
 */
#ifndef RTM_MCAST_FEEDER_HELPER_H
#define RTM_MCAST_FEEDER_HELPER_H

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
 * Boost.Graph and installed through each router's RtmMcastFeeder client.
 *
 * \code
 *   RtmMcastFeederHelper feeder;
 *   feeder.Install(routers);                          // feeders on every router (and the source)
 *   RtmMcastTree t = feeder.AddGroup(Ipv4Address("239.1.2.3"), sourceNode, receivers);
 * \endcode
 * The topology is read (RtmNetworkGraph) when a group is added, so add groups after the links
 * and addresses exist. The source node must be one of the installed nodes; see RtmMcastFeeder
 * for why it should have one tree child.
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
     * \param interface its IPv4 interface
     * \param metric the weight
     */
    void SetMulticastMetric(Ptr<Node> node, uint32_t interface, uint32_t metric);

    /**
     * \brief Start a feeder on (node, instance) of every node; they form the graph the trees
     * are computed on.
     * \param nodes the nodes (with RtmHelper's RTM)
     * \param instance the RTM instance
     */
    void Install(NodeContainer nodes, uint16_t instance = 0);

    /**
     * \brief Compute the tree of a group and install it.
     * \param group the group address
     * \param source the source node
     * \param receivers the receiver nodes
     * \param sourceAddress the source address the packets carry; any (default): the address of
     * the source's interface towards its first tree child (what ns-3 picks)
     * \return the tree (empty if the source is not an installed node)
     */
    RtmMcastTree AddGroup(Ipv4Address group,
                          Ptr<Node> source,
                          NodeContainer receivers,
                          Ipv4Address sourceAddress = Ipv4Address::GetAny());

    /**
     * \brief Remove the tree of (source address, group) from every router.
     * \return the number of routers it was removed from
     */
    uint32_t RemoveGroup(Ipv4Address group, Ipv4Address sourceAddress);

    /// \return the feeder of (node, instance), or null
    static Ptr<RtmMcastFeeder> GetFeeder(Ptr<Node> node, uint16_t instance = 0);

    /// \return the graph of the last AddGroup
    const RtmNetworkGraph& GetGraph() const;

  private:
    ObjectFactory m_factory; //!< feeders
    RtmNetworkGraph m_graph; //!< the installed nodes
    uint16_t m_instance{0};  //!< instance of the last Install
    std::map<std::pair<uint32_t, uint32_t>, std::vector<std::pair<Ptr<Node>, uint16_t>>>
        m_groups; //!< (source, group) -> routers holding a part
};

} // namespace ns3

#endif /* RTM_MCAST_FEEDER_HELPER_H */
