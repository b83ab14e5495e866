/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfHelper: installs OSPFv2 clients (RtmOspfClient) on nodes that have the RTM, with
 * attributes, interface areas, costs, types, priorities, authentication, area settings and
 * virtual links.
 */
#ifndef RTM_OSPF_HELPER_H
#define RTM_OSPF_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-ospf-client.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Installs OSPFv2 clients (RtmOspfClient) on nodes that already have the RTM
 * (RtmHelper), one per (node, RTM instance).
 *
 * \code
 *   RtmOspfHelper ospf;
 *   ospf.Set("HelloInterval", TimeValue(Seconds(5)));
 *   ospf.SetInterfaceArea(abr, 2, 1);               // interface 2 of abr in area 0.0.0.1
 *   ospf.SetAreaConfig(1, RtmOspfAreaConfig{RtmOspfAreaType::Stub, 10, false});
 *   ospf.SetInterfaceAuth(core, 1, RtmOspfAuthConfig::Md5(1, "secret"));
 *   ospf.Install(routers);                          // instance 0
 * \endcode
 * Settings are given to the clients at Install time.
 */
class RtmOspfHelper
{
  public:
    RtmOspfHelper();

    /**
     * \brief Set an attribute of the clients installed from now on.
     * \param name an attribute of ns3::RtmOspfClient
     * \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /// Configure an interface of a node (area, network type, cost, priority, passive, auth).
    void SetInterfaceConfig(Ptr<Node> node, uint32_t interface, const RtmOspfIfConfig& cfg);
    /// Put an interface of a node into \p area (the rest of its configuration unchanged).
    void SetInterfaceArea(Ptr<Node> node, uint32_t interface, uint32_t area);
    /// Set the output cost of an interface (instead of its ns-3 metric).
    void SetInterfaceCost(Ptr<Node> node, uint32_t interface, uint32_t cost);
    /// Set the router priority of an interface.
    void SetInterfacePriority(Ptr<Node> node, uint32_t interface, uint8_t priority);
    /// Set the authentication of an interface.
    void SetInterfaceAuth(Ptr<Node> node, uint32_t interface, const RtmOspfAuthConfig& auth);
    /// Do not run OSPF on an interface of a node.
    void ExcludeInterface(Ptr<Node> node, uint32_t interface);
    /// Configure an area on every node installed from now on.
    void SetAreaConfig(uint32_t area, const RtmOspfAreaConfig& cfg);
    /// Add a virtual link on \p node through \p transitArea to router \p peerRouterId.
    void AddVirtualLink(Ptr<Node> node,
                        uint32_t transitArea,
                        Ipv4Address peerRouterId,
                        const RtmOspfAuthConfig& auth = RtmOspfAuthConfig());
    /// The area of \p node's own host (loopback) addresses.
    void SetRouterAddressArea(Ptr<Node> node, uint32_t area);

    /**
     * \brief Start an OSPF client for RTM instance \p instance on each node (a node that has
     * one already is skipped). The client is kept by the router manager as kind "ospf".
     * \param nodes the nodes (with RtmHelper installed)
     * \param instance the RTM instance
     */
    void Install(NodeContainer nodes, uint16_t instance = 0);

    /// \return the OSPF client of (node, instance), or null
    static Ptr<RtmOspfClient> GetOspfClient(Ptr<Node> node, uint16_t instance = 0);

    /**
     * \brief Fix the random streams of the OSPF clients (all instances) of \p nodes.
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    /// The configuration of (node, interface), created with the defaults.
    RtmOspfIfConfig& Config(Ptr<Node> node, uint32_t interface);

    ObjectFactory m_factory;                                        //!< RtmOspfClient
    std::map<std::pair<uint32_t, uint32_t>, RtmOspfIfConfig> m_ifs; //!< (node, if) -> config
    std::set<std::pair<uint32_t, uint32_t>> m_excluded;             //!< (node, if)
    std::map<uint32_t, RtmOspfAreaConfig> m_areas;                  //!< area -> config
    std::vector<std::tuple<uint32_t, uint32_t, uint32_t, RtmOspfAuthConfig>> m_vlinks; //!< vlinks
    std::map<uint32_t, uint32_t> m_routerArea; //!< node -> area
};

} // namespace ns3

#endif /* RTM_OSPF_HELPER_H */
