/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Topology tools: ns-3 networks built from real topology files, and their Boost.Graph.
 *
 * DOC: a topology is read into an undirected boost::adjacency_list (RtmTopologyGraph) whose
 * vertices keep the router ids of the input file and whose edges carry link weights:
 *  - GraphML (Topology Zoo; Boost.Graph read_graphml with ignore_other_properties): router id =
 *    the node's "id" data (else its position), label, Latitude/Longitude. Parallel edges are
 *    separate links; self-loops are kept in the graph but get no link (counted); isolated nodes
 *    and disconnected graphs are fine. Weights: 1 per link, or (WEIGHTS_DISTANCE) the
 *    great-circle distance between the endpoints in km, rounded, at least 1 (1 when a node has
 *    no coordinates).
 *  - Inet, Orbis, Rocketfuel (ns-3's TopologyReaderHelper): router id = the node name in the
 *    file (Inet/Orbis/Rocketfuel-maps numbers, Rocketfuel-weights names such as
 *    "San+Jose,+CA4062"); vertex order = the reader's node order. Weights (WEIGHTS_FILE): Inet's
 *    third column; Rocketfuel weights files' weight x 10 (the file has halves; ns-3's reader drops
 *    them, so the file is read again for them; weightScale = 10); 1 otherwise.
 * RtmTopologyHelper::Build then makes the ns-3 network: one node per vertex (the readers' own
 * nodes for Inet/Orbis/Rocketfuel), the internet stack of the families chosen (SetFamilies:
 * IPv4 by default, IPv6, or both; by default with the RTM as the only routing protocol: RtmHelper,
 * RtmIpv6Helper), one point-to-point link (or two-station CSMA segment) per edge, the link weight
 * as the interface metric on both ends (capped at 65535), and a router address per vertex on the
 * loopback interface (like a router's loopback: it is the address paths are validated towards,
 * and exists for isolated routers too). In edge order, link k gets
 *  - IPv4: its own /30 out of 10.0.0.0/8: 10.0.0.0 + 4k, ends .1 and .2; router v: 172.16.0.0 +
 *    v + 1 as a /32;
 *  - IPv6: its own /64 out of the unique local fd00:10::/32: fd00:10:K1:K0::/64 with K1:K0 = k
 *    (32 bits), ends ::1 and ::2, forwarding on (each end also has its link-local address);
 *    router v: fd00:172:16:: + v + 1 as a /128;
 *  - MAC: 02:K3:K2:K1:K0:01 and :02 (K3..K0 = k; locally administered), so link-local addresses
 *    and next hops depend on the topology only, not on what the process allocated before (ns-3
 *    before 3.36 never resets Mac48Address::Allocate's count).
 * (2001:db8::/32 is avoided: ns-3's IPv6 layer refuses to forward it.)
 */
#ifndef RTM_TOPOLOGY_HELPER_H
#define RTM_TOPOLOGY_HELPER_H

#include "ns3/attribute.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-net-address.h"

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/// A router of a topology file.
struct RtmTopologyVertex
{
    std::string id;                                             //!< router id as in the input file
    std::string label;                                          //!< GraphML label (may be empty)
    int graphmlId{-1};                                          //!< GraphML "id" data (int), if any
    double latitude{std::numeric_limits<double>::quiet_NaN()};  //!< GraphML Latitude
    double longitude{std::numeric_limits<double>::quiet_NaN()}; //!< GraphML Longitude
    uint32_t nodeId{0};                                         //!< ns-3 node id (after Build)
};

/// A link of a topology file.
struct RtmTopologyEdge
{
    uint32_t weight{1};        //!< link weight (interface metric of both ends)
    uint32_t link{UINT32_MAX}; //!< index in RtmTopology::links (after Build; none: self-loop)
};

/// The Boost.Graph of a topology.
typedef boost::
    adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, RtmTopologyVertex, RtmTopologyEdge>
        RtmTopologyGraph;

/// One built link.
struct RtmTopologyLink
{
    uint32_t a{0};                            //!< vertex of one end
    uint32_t b{0};                            //!< vertex of the other end
    Ptr<NetDevice> devA;                      //!< device at a
    Ptr<NetDevice> devB;                      //!< device at b
    uint32_t ifA{0};                          //!< IPv4 interface at a
    uint32_t ifB{0};                          //!< IPv4 interface at b
    Ipv4Address addrA{Ipv4Address::GetAny()}; //!< IPv4 address at a (0.0.0.0 without IPv4)
    Ipv4Address addrB{Ipv4Address::GetAny()}; //!< IPv4 address at b
    uint32_t if6A{0};                         //!< IPv6 interface at a
    uint32_t if6B{0};                         //!< IPv6 interface at b
    Ipv6Address addr6A;                       //!< global IPv6 address at a (:: without IPv6)
    Ipv6Address addr6B;                       //!< global IPv6 address at b
    uint32_t weight{1};                       //!< weight (metric of both ends)

    /**
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param endA the end at a (else the end at b)
     * \return the interface of that end in that family
     */
    uint32_t Interface(uint16_t family, bool endA) const;
    /**
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param endA the end at a (else the end at b)
     * \return the (global) address of that end in that family (family 0: none)
     */
    RtmNetAddress Address(uint16_t family, bool endA) const;
};

/**
 * \ingroup rtm
 * \brief A topology: its graph and, after RtmTopologyHelper::Build, its ns-3 network.
 */
struct RtmTopology
{
    RtmTopologyGraph graph;                  //!< the graph (vertex i is node nodes.Get(i))
    NodeContainer nodes;                     //!< the nodes, by vertex
    std::vector<RtmTopologyLink> links;      //!< the links, in edge order
    std::vector<Ipv4Address> routerAddress;  //!< per vertex (0.0.0.0: none)
    std::vector<Ipv6Address> routerAddress6; //!< per vertex (::: none)
    double weightScale{1};                   //!< metric units per unit of the file's weights
    uint32_t selfLoops{0};                   //!< edges skipped as self-loops
    std::string file;                        //!< the input file

    /// \return the number of routers
    uint32_t GetNRouters() const;
    /// \return the router id of vertex \p v as in the input file
    const std::string& RouterId(uint32_t v) const;
    /// \return the vertex of ns-3 node \p nodeId, or -1
    int32_t VertexOfNode(uint32_t nodeId) const;
    /**
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param v the vertex
     * \return the router address of \p v in that family (family 0: none)
     */
    RtmNetAddress RouterAddress(uint16_t family, uint32_t v) const;
    /// Write the graph in Graphviz format (Boost.Graph write_graphviz_dp: id, label, weight).
    void WriteGraphviz(std::ostream& os) const;
};

/**
 * \ingroup rtm
 * \brief Reads topology files and builds their ns-3 networks; see the file comment.
 */
class RtmTopologyHelper
{
  public:
    /// Where link weights come from.
    enum WeightMode
    {
        WEIGHTS_HOPS = 0,     //!< 1 per link
        WEIGHTS_FILE = 1,     //!< the file's weights (Inet, Rocketfuel weights), else 1
        WEIGHTS_DISTANCE = 2, //!< GraphML: great-circle km; other formats as WEIGHTS_FILE
    };

    /// Which address families the network gets (a bit set).
    enum Families
    {
        FAMILY_IPV4 = 1, //!< IPv4 only (default)
        FAMILY_IPV6 = 2, //!< IPv6 only
        FAMILY_DUAL = 3, //!< both
    };

    RtmTopologyHelper();

    /**
     * \brief Choose the address families: the stack installed (unless SetInternetStack gave one)
     * and the addresses assigned.
     * \param families FAMILY_IPV4 (default), FAMILY_IPV6 or FAMILY_DUAL
     */
    void SetFamilies(Families families);
    /// \return the address families
    Families GetFamilies() const;
    /**
     * \brief The default stack of Build: the internet stack of \p families only, each with the
     * RTM as its only routing protocol (RtmHelper, RtmIpv6Helper).
     * \param families the address families
     * \return the stack helper
     */
    static InternetStackHelper RtmStack(Families families);
    /// \param mode where link weights come from (default WEIGHTS_FILE)
    void SetWeightMode(WeightMode mode);
    /// \param csma build two-station CSMA segments instead of point-to-point links
    void SetCsma(bool csma);
    /// Set an attribute of the channels (PointToPointChannel or CsmaChannel, e.g. Delay).
    void SetChannelAttribute(const std::string& name, const AttributeValue& value);
    /// Set an attribute of the devices (e.g. DataRate of PointToPointNetDevice).
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param stack the internet stack to install (default: the families of SetFamilies, each
     * with the RTM as its only routing protocol); it must install those families
     */
    void SetInternetStack(const InternetStackHelper& stack);
    /// \param enable give each router a host router address on its loopback (default true)
    void SetRouterAddresses(bool enable);
    /// \param enable set the link weights as interface metrics (default true)
    void SetMetrics(bool enable);

    /**
     * \brief Read a GraphML file into a graph (no ns-3 objects).
     * \param file the file
     * \param[out] g the graph
     * \param[out] error why it failed
     * \param mode weights
     * \return false on error
     */
    static bool ReadGraphml(const std::string& file,
                            RtmTopologyGraph& g,
                            std::string& error,
                            WeightMode mode = WEIGHTS_HOPS);

    /**
     * \brief Read a file into topo.graph; for Inet/Orbis/Rocketfuel this also creates the nodes
     * (ns-3's readers do), for GraphML the nodes are made by Build.
     * \param format "graphml", "inet", "orbis" or "rocketfuel"
     * \param file the file
     * \param[out] topo the topology
     * \param[out] error why it failed
     * \return false on error
     */
    bool Read(const std::string& format,
              const std::string& file,
              RtmTopology& topo,
              std::string& error) const;

    /**
     * \brief Build the ns-3 network of topo.graph (nodes are created if topo.nodes is empty).
     * \param topo the topology
     */
    void Build(RtmTopology& topo) const;

    /// Read then Build. \return false on error
    bool Create(const std::string& format,
                const std::string& file,
                RtmTopology& topo,
                std::string& error) const;

    /**
     * \brief Great-circle distance (haversine, mean Earth radius 6371 km).
     * \return kilometres
     */
    static double DistanceKm(double lat1, double lon1, double lat2, double lon2);

  private:
    /// Inet / Orbis / Rocketfuel through TopologyReaderHelper.
    bool ReadWithReader(const std::string& type,
                        const std::string& file,
                        RtmTopology& topo,
                        std::string& error) const;

    WeightMode m_weights{WEIGHTS_FILE}; //!< weight mode
    bool m_csma{false};                 //!< CSMA instead of point-to-point
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_channelAttrs; //!< channel attrs
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_deviceAttrs;  //!< device attrs
    InternetStackHelper m_stack;                                             //!< the stack
    bool m_customStack{false};        //!< m_stack was given (SetInternetStack)
    Families m_families{FAMILY_IPV4}; //!< address families
    bool m_routerAddresses{true};     //!< loopback router addresses
    bool m_metrics{true};             //!< weights as metrics
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_HELPER_H */
