/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The multicast feeder: source-rooted shortest-path trees (Boost.Graph) turned into RTM state,
 * for IPv4 and IPv6 groups alike (one code path; the family is that of the graph and the group).
 *
 * DOC: for a group G, its source S and its receivers, RtmComputeMcastTree runs Dijkstra from the
 * source's vertex of an RtmNetworkGraph (multicast weights if set) and keeps the union of the
 * tree paths to the receivers. On every router of the tree except the source, the router's
 * RtmMcastFeeder client of G's family (entity RTM_PROTO_NS3_MCAST, default preference 100) adds
 *  - an RPF route S/32 (IPv6: S/128) in the multicast view only, next hop = the parent's address
 *    on the tree link (IPv6: its global address in the link's subnet, else its link-local one),
 *    on the interface the packets come in on (the forwarding plane's reverse-path check), and
 *  - the forwarding entry (S, G) -> interfaces towards its children
 *    (RtmRouter::AddMulticastRoute; a leaf gets an entry with no output, so it only delivers).
 * On the source node it adds the (*, G) entry that RouteOutput uses for locally sent packets.
 * ns-3 sends a locally originated multicast packet on one interface only (the first of the
 * entry), so a source should have one tree child: typically a host attached to a router by one
 * link. Groups of one source share the source's RPF route (reference counted). Each feeder
 * writes only its own node's state. (IPv6 receivers must also join the group at their IP layer,
 * Ipv6L3Protocol::AddMulticastAddress, for ns-3 to deliver it locally.)
 */
#ifndef RTM_MCAST_FEEDER_H
#define RTM_MCAST_FEEDER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/object.h"
#include "ns3/rtm-network-graph.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"

#include <map>
#include <vector>

namespace ns3
{

/// One router's part of a multicast tree.
struct RtmMcastTreeNode
{
    uint32_t vertex{0};            //!< vertex in the RtmNetworkGraph
    Ptr<Node> node;                //!< the node
    uint16_t instance{0};          //!< its RTM instance
    bool isSource{false};          //!< the tree's root
    bool isReceiver{false};        //!< a receiver of the group
    uint32_t rpfInterface{0};      //!< interface towards the parent (not for the source)
    RtmNetAddress rpfNeighbour;    //!< the parent's address on that link
    std::vector<uint32_t> outputs; //!< interfaces towards the children, ascending
    uint64_t cost{0};              //!< path cost from the source
    uint32_t depth{0};             //!< hops from the source
};

/// A source-rooted multicast tree.
struct RtmMcastTree
{
    RtmNetAddress source;                //!< source address (S)
    RtmNetAddress group;                 //!< group address (G)
    std::vector<RtmMcastTreeNode> nodes; //!< the routers of the tree, by vertex
    std::vector<uint32_t> unreachable;   //!< receiver vertices with no path from the source
    /// \return the number of tree links
    uint32_t GetNLinks() const;
};

/**
 * \ingroup rtm
 * \brief Compute the shortest-path tree of a group with Boost.Graph's Dijkstra.
 * \param g the graph (built)
 * \param sourceVertex the source's vertex
 * \param receivers the receivers' vertices
 * \param multicastWeights use the graph's multicast weights
 * \param[out] tree the tree (source and group are left as they are)
 * \return false if the source vertex does not exist
 */
bool RtmComputeMcastTree(const RtmNetworkGraph& g,
                         uint32_t sourceVertex,
                         const std::vector<uint32_t>& receivers,
                         bool multicastWeights,
                         RtmMcastTree& tree);

/**
 * \ingroup rtm
 * \brief The multicast feeder client of one (node, instance); see the file comment.
 */
class RtmMcastFeeder : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmMcastFeeder();
    ~RtmMcastFeeder() override;

    /**
     * \brief Register with (instance, family) of a router.
     * \param router the router manager
     * \param instance the instance
     * \param family RTM_AF_INET (default) or RTM_AF_INET6
     * \return the registration status (InvalidParameter for another family)
     */
    RtmStatus Start(Ptr<RtmRouter> router, uint16_t instance, uint16_t family = RTM_AF_INET);

    /**
     * \brief Install this router's part of the tree of (source, group), replacing an earlier
     * one of the same pair.
     * \param source the source address (a host address of the feeder's family)
     * \param group the group address (same family)
     * \param part the router's part of the tree
     * \return false if not started, for another family or not host addresses, or if the RTM
     * refused the route or the entry
     */
    bool SetTreeNode(const RtmNetAddress& source,
                     const RtmNetAddress& group,
                     const RtmMcastTreeNode& part);

    /**
     * \brief Remove this router's part of the tree of (source, group).
     * \return false if it had none
     */
    bool RemoveTreeNode(const RtmNetAddress& source, const RtmNetAddress& group);

    /// \return (source, group) pairs this router is on the tree of
    uint32_t GetNGroups() const;
    /// \return RPF routes this client has in the RTM
    uint32_t GetNRoutes() const;
    /// \return the registration
    Ptr<RtmRegistration> GetRegistration() const;
    /// \return the family (RTM_AF_INET or RTM_AF_INET6)
    uint16_t GetFamily() const;

  protected:
    void DoDispose() override;

  private:
    /// The RPF route of one source.
    struct Rpf
    {
        RtmRouteHandle route; //!< the route
        RtmNextHopHandle hop; //!< its next hop
        uint32_t interface {
            0
        };                       //!< RPF interface
        RtmNetAddress neighbour; //!< parent address
        uint32_t refs{0};        //!< groups using it
    };

    /// One (source, group) entry of this router.
    struct Entry
    {
        bool isSource{false}; //!< root of the tree
        uint32_t interface {
            0
        };                       //!< RPF interface
        RtmNetAddress neighbour; //!< parent address
    };

    /// Add or move the RPF route of \p source; \return success
    bool HoldRpf(const RtmNetAddress& source, uint32_t interface, const RtmNetAddress& neighbour);
    /// Drop one use of the RPF route of \p source.
    void ReleaseRpf(const RtmNetAddress& source);
    /// \return the any-source prefix of the family (the (*, G) entries)
    RtmNetAddress AnySource() const;

    Ptr<RtmRouter> m_router;                                            //!< router manager
    Ptr<RtmRegistration> m_reg;                                         //!< registration
    uint16_t m_instance{0};                                             //!< instance
    uint16_t m_family{RTM_AF_INET};                                     //!< family
    uint32_t m_preference;                                              //!< attribute Preference
    std::map<RtmNetAddress, Rpf> m_rpf;                                 //!< source -> RPF route
    std::map<std::pair<RtmNetAddress, RtmNetAddress>, Entry> m_entries; //!< (S, G) -> entry
};

} // namespace ns3

#endif /* RTM_MCAST_FEEDER_H */
