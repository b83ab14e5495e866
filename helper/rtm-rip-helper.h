/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 */
#ifndef RTM_RIP_HELPER_H
#define RTM_RIP_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-rip-client.h"

#include <map>
#include <set>
#include <string>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Installs RIPv2 clients (RtmRipClient) on nodes that already have the RTM (RtmHelper),
 * one per (node, RTM instance).
 *
 * \code
 *   RtmHelper rtm;                       // the RTM is the nodes' routing
 *   InternetStackHelper stack;
 *   stack.SetRoutingHelper(rtm);
 *   stack.Install(routers);
 *   // ... devices and addresses ...
 *   RtmRipHelper rip;
 *   rip.Set("SplitHorizon", EnumValue(RtmRipClient::POISON_REVERSE));
 *   rip.ExcludeInterface(edge, 2);       // no RIP toward a host
 *   rip.SetInterfaceMetric(core, 1, 3);  // a costlier link
 *   rip.Install(routers);                // instance 0
 *   rip.AssignStreams(routers, 100);
 * \endcode
 * Exclusions and interface metrics are given to the clients at Install time.
 */
class RtmRipHelper
{
  public:
    RtmRipHelper();

    /**
     * \brief Set an attribute of the clients installed from now on.
     * \param name an attribute of ns3::RtmRipClient
     * \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Do not run RIP on an interface of a node (its subnet is still advertised elsewhere
     * when connected routes are redistributed).
     * \param node the node
     * \param interface the IPv4 interface index
     */
    void ExcludeInterface(Ptr<Node> node, uint32_t interface);

    /**
     * \brief Set the metric added to routes received on an interface (default 1).
     * \param node the node
     * \param interface the IPv4 interface index
     * \param metric 1..15
     */
    void SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint8_t metric);

    /**
     * \brief Start a RIP client for RTM instance \p instance on each node (a node that has one
     * for that instance already is skipped). The nodes must have the RTM (RtmHelper); the client
     * is kept by the router manager as kind "rip".
     * \param nodes the nodes
     * \param instance the RTM instance (a virtual router)
     */
    void Install(NodeContainer nodes, uint16_t instance = 0);

    /**
     * \brief The RIP client of (node, instance).
     * \param node the node
     * \param instance the instance
     * \return the client, or null
     */
    static Ptr<RtmRipClient> GetRipClient(Ptr<Node> node, uint16_t instance = 0);

    /**
     * \brief Fix the random streams of the RIP clients (all instances) of \p nodes.
     * \param nodes the nodes
     * \param stream the first stream
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    ObjectFactory m_factory;                                   //!< RtmRipClient
    std::map<uint32_t, std::set<uint32_t>> m_excluded;         //!< node -> interfaces
    std::map<uint32_t, std::map<uint32_t, uint8_t>> m_metrics; //!< node -> if -> metric
};

} // namespace ns3

#endif /* RTM_RIP_HELPER_H */
