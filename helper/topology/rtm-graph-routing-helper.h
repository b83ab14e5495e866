/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmGraphRoutingHelper: runs the link-state client (RtmGraphClient) on a set of routers, one
 * RtmGraphDomain per Install call; under MPI, other ranks' routers join the graph without a client.
 */
#ifndef RTM_GRAPH_ROUTING_HELPER_H
#define RTM_GRAPH_ROUTING_HELPER_H

#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-graph-client.h"

#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Runs the link-state (graph) client on a set of routers.
 *
 * \code
 *   RtmGraphRoutingHelper graph;
 *   graph.SetDomainAttribute("Prefixes", StringValue("Routers")); // one prefix per router
 *   Ptr<RtmGraphDomain> d = graph.Install(routers);              // routes are there at once
 *   ...
 *   ipv4->SetDown(2);                                            // recomputed at this time step
 *
 *   graph.SetDomainAttribute("Family", StringValue("Ipv6"));      // the IPv6 topology
 *   Ptr<RtmGraphDomain> d6 = graph.Install(routers);             // a second domain, for IPv6
 * \endcode
 * The nodes need the RTM (RtmHelper, RtmIpv6Helper) and their addresses before Install. Every
 * Install call makes one domain of the family of its Family attribute: the routers of one call
 * compute over each other's links only. Under MPI a node of another rank (system id) joins the
 * graph but gets no client (RtmGraphDomain::AddRouter).
 */
class RtmGraphRoutingHelper
{
  public:
    RtmGraphRoutingHelper();

    /**
     * \brief Set an attribute of the clients (ns3::RtmGraphClient, e.g. Preference).
     * \param name the attribute
     * \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the domain (ns3::RtmGraphDomain: Family, Prefixes, Aggregate,
     * RecomputeOnInterfaceChange).
     * \param name the attribute
     * \param value its value
     */
    void SetDomainAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Give an interface a multicast weight (applied to the domains made from now on),
     * so that the multicast view follows another topology than the unicast one.
     * \param node the node
     * \param interface its interface (index of the family of the domains made)
     * \param metric the weight
     */
    void SetMulticastMetric(Ptr<Node> node, uint32_t interface, uint32_t metric);

    /**
     * \brief Start a client on (node, instance, family of the domain) of every node, put them in
     * one new domain and compute the routes now. Nodes without the RTM or already running the
     * client for that (instance, family) are skipped (logged).
     * \param nodes the routers (with the RTM: RtmHelper, RtmIpv6Helper)
     * \param instance the RTM instance
     * \return the domain
     */
    Ptr<RtmGraphDomain> Install(NodeContainer nodes, uint16_t instance = 0) const;

    /**
     * \param node the node
     * \param instance the RTM instance
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \return the graph client of (node, instance, family), or null
     */
    static Ptr<RtmGraphClient> GetGraphClient(Ptr<Node> node,
                                              uint16_t instance = 0,
                                              uint16_t family = RTM_AF_INET);

  private:
    ObjectFactory m_clientFactory;                                  //!< clients
    ObjectFactory m_domainFactory;                                  //!< domains
    std::vector<std::tuple<Ptr<Node>, uint32_t, uint32_t>> m_mcast; //!< multicast weights
};

} // namespace ns3

#endif /* RTM_GRAPH_ROUTING_HELPER_H */
