/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmNetworkGraph: the simulated IPv4 or IPv6 topology (one family per graph, SetFamily) as a
 * Boost.Graph, read from ns-3's nodes, devices and channels, for the clients that compute routes
 * over the whole topology (the link-state client and the multicast feeder). The reading is
 * written once for both families (RtmIpStack).
 *
 * Vertices are (node, RTM instance) pairs: a virtual router is a vertex of its own. Arcs are
 * directed: for every up interface (of the graph's family) of a vertex and every other device on
 * the same channel (point-to-point: the other end; CSMA: every other station) whose node is a
 * vertex, whose instance owns that device and whose interface is up too, one arc tail -> head.
 * Its weight is the metric of the tail's interface (Ipv4/Ipv6::GetMetric, at least 1), so the two
 * directions of a link can cost differently, as in OSPF; a second, optional weight
 * (SetMulticastMetric) feeds the multicast view. A CSMA segment with k routers is a full mesh of
 * k(k-1) arcs, which is what OSPF's pseudo-node with zero-cost exits computes. The arc's gateway
 * is the head's address in a subnet of the tail's interface; IPv6 links without a shared global
 * subnet use the head's link-local address (as OSPFv3 and RIPng always do).
 *
 * Prefixes: every routable address of an up interface of a vertex attaches a prefix to the
 * vertex: the subnet (address & mask) of an interface address, a host prefix (/32, /128) of an
 * address on the loopback interface (a router address, like a router's loopback; 127/8 and ::1
 * are ignored) or of a full-length interface address. Link-local addresses (fe80::/10) are never
 * prefixes. Which kinds are kept is the PrefixMode: all of them, only the router addresses (one
 * prefix per router; a vertex without one contributes its interface addresses as host prefixes
 * instead), or only the link subnets. Prefix indices are stable across rebuilds (a prefix that
 * disappears keeps its index, with no attachment), so clients can keep per-prefix state in plain
 * vectors.
 *
 * Everything is deterministic: vertices are sorted by (node id, instance), arcs follow interface
 * and channel order, prefixes are numbered in discovery order. Nothing here is global: the
 * object belongs to whoever built it.
 */
#ifndef RTM_NETWORK_GRAPH_H
#define RTM_NETWORK_GRAPH_H

#include "rtm-ip-stack.h"

#include "ns3/node.h"
#include "ns3/ptr.h"
#include "ns3/rtm-family.h"
#include "ns3/rtm-net-address.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <map>
#include <ostream>
#include <utility>
#include <vector>

namespace ns3
{

/// A vertex of RtmNetworkGraph: one RTM instance of one node.
struct RtmNetworkVertex
{
    Ptr<Node> node;       //!< the node
    uint16_t instance{0}; //!< the RTM instance
};

/// An arc of RtmNetworkGraph: from an interface of the tail to a neighbour on the same channel.
struct RtmNetworkArc
{
    uint32_t interface {
        0
    };                              //!< output interface at the tail (index of the family)
    uint32_t neighbourInterface{0}; //!< input interface at the head (index of the family)
    RtmNetAddress neighbour;        //!< the head's address on that link (the gateway)
    uint32_t metric{1};             //!< unicast weight (tail interface metric, >= 1)
    uint32_t mcastMetric{1};        //!< multicast weight (>= 1)
    uint32_t position{0};           //!< index of the arc among its tail's out-arcs
};

/**
 * The Boost.Graph type: a compressed sparse row graph (read-only once built, contiguous, so
 * thousands of Dijkstra runs stay in cache), directed, with in-edges for the equal-cost
 * predecessor walk.
 */
typedef boost::compressed_sparse_row_graph<boost::bidirectionalS,
                                           RtmNetworkVertex,
                                           RtmNetworkArc,
                                           boost::no_property,
                                           uint32_t,
                                           uint32_t>
    RtmNetworkGraphType;

/**
 * \ingroup rtm
 * \brief The shortest-path result of one source (see RtmNetworkGraph::ShortestPaths): distance
 * of every vertex and, for every reachable vertex, the set of the source's out-arcs that start a
 * shortest path to it (all equal-cost first hops).
 *
 * One result is reused for source after source (a domain keeps one for all its clients): its
 * buffers (distances, the heap, the sets, their hash index) keep their capacity, so a run
 * allocates nothing once they have grown to the graph's size. The first-hop sets are stored
 * flat (the positions of set i are setData[setStart[i] .. setStart[i + 1])) and interned through
 * an open-addressing hash index, so equal sets have one id within a run.
 */
struct RtmSpfResult
{
    static constexpr uint64_t kInfinity = UINT64_MAX; //!< unreachable
    static constexpr uint32_t kNoSet = UINT32_MAX;    //!< no first-hop set
    std::vector<uint64_t> distance;                   //!< per vertex
    std::vector<uint32_t> firstHops;                  //!< per vertex: a set id, or kNoSet
    std::vector<uint32_t> order; //!< vertices in the order Dijkstra settled them

    /// \return the number of first-hop sets of the run (ids 0 .. GetNSets() - 1)
    uint32_t GetNSets() const
    {
        return static_cast<uint32_t>(m_setStart.size()) - 1;
    }

    /**
     * \param id a set id of the run
     * \return [begin, end) of its out-arc positions, ascending
     */
    std::pair<const uint32_t*, const uint32_t*> GetSet(uint32_t id) const
    {
        const uint32_t* base = m_setData.data();
        return std::make_pair(base + m_setStart[id], base + m_setStart[id + 1]);
    }

    /**
     * \brief Intern a set (not one of this result's own: the storage may move).
     * \param begin first of its out-arc positions, sorted and distinct
     * \param end past the last
     * \return its id
     */
    uint32_t Intern(const uint32_t* begin, const uint32_t* end);

    /**
     * \brief Intern the union of two sets of the run.
     * \param a a set id \param b a set id
     * \return the union's id
     */
    uint32_t Union(uint32_t a, uint32_t b);

    /// Forget the sets (a new run), keeping the buffers.
    void ClearSets();

    std::vector<std::pair<uint64_t, uint32_t>> heap; //!< Dijkstra's queue: (distance, vertex)
    std::vector<uint32_t> singleton; //!< per out-arc position of the source: its one-arc set

  private:
    std::vector<uint32_t> m_setStart{0}; //!< per set: start in m_setData (and the end)
    std::vector<uint32_t> m_setData;     //!< the sets' positions, set after set
    std::vector<uint32_t> m_slots;       //!< hash index: set id + 1, or 0 (empty)
    std::vector<uint32_t> m_merged;      //!< Union's buffer
};

/**
 * \ingroup rtm
 * \brief The IPv4 or IPv6 topology of a set of (node, instance) vertices as a Boost.Graph; see
 * the file comment.
 */
class RtmNetworkGraph
{
  public:
    /// Which prefixes the vertices advertise.
    enum PrefixMode
    {
        PREFIXES_ALL = 0,     //!< link subnets and router addresses
        PREFIXES_ROUTERS = 1, //!< router (loopback) addresses only: one prefix per router
        PREFIXES_LINKS = 2,   //!< link subnets only
    };

    /// A prefix and the vertices it is attached to.
    struct Prefix
    {
        RtmNetAddress prefix;           //!< the prefix
        std::vector<uint32_t> vertices; //!< attached vertices, ascending (empty: gone)
    };

    RtmNetworkGraph();

    /**
     * \brief Choose the family the graph is read in (takes effect at the next Build).
     * \param family RTM_AF_INET (default) or RTM_AF_INET6; anything else is taken as RTM_AF_INET
     */
    void SetFamily(uint16_t family);

    /// \return the family (RTM_AF_INET or RTM_AF_INET6)
    uint16_t GetFamily() const;

    /**
     * \brief Add a vertex (before Build). Duplicates are ignored.
     * \param node the node (needs the family's IP stack, else it has no arcs and no prefixes)
     * \param instance the RTM instance
     */
    void AddVertex(Ptr<Node> node, uint16_t instance);

    /// Remove a vertex (takes effect at the next Build).
    void RemoveVertex(Ptr<Node> node, uint16_t instance);

    /// \return the number of vertices
    uint32_t GetNVertices() const;

    /// \return the vertex of (node id, instance), or -1
    int32_t FindVertex(uint32_t nodeId, uint16_t instance) const;

    /// \param mode the prefixes to collect at the next Build
    void SetPrefixMode(PrefixMode mode);

    /// \return the prefix mode
    PrefixMode GetPrefixMode() const;

    /**
     * \brief Give an interface a multicast weight (the multicast view's topology); interfaces
     * without one use their unicast metric. Takes effect at the next Build.
     * \param nodeId the node
     * \param interface the interface (index of the graph's family)
     * \param metric the weight (0 is taken as 1)
     */
    void SetMulticastMetric(uint32_t nodeId, uint32_t interface, uint32_t metric);

    /// \return true if some multicast weight was set (multicast and unicast views may differ)
    bool HasMulticastMetrics() const;

    /// Read the current ns-3 state (interfaces, channels, metrics, addresses) into the graph.
    void Build();

    /// \return the graph (valid after Build)
    const RtmNetworkGraphType& GetGraph() const;

    /// \return every prefix ever seen, by stable index
    const std::vector<Prefix>& GetPrefixes() const;

    /// \return the indices of the prefixes in address order (address, then length)
    const std::vector<uint32_t>& GetPrefixOrder() const;

    /// \return true if no prefix overlaps another (needed for aggregation)
    bool ArePrefixesDisjoint() const;

    /**
     * \brief The address of each prefix in address order (as GetPrefixOrder), as a key of
     * family \p F (valid for the graph's family only; the other family's list is empty).
     * \tparam F RtmIpv4Family or RtmIpv6Family
     * \return the keys
     */
    template <typename F>
    const std::vector<typename F::Key>& GetOrderedKeys() const
    {
        if constexpr (F::kBits == 32)
        {
            return m_orderKey4;
        }
        else
        {
            return m_orderKey6;
        }
    }

    /**
     * \brief The gateway address \p mine's interface \p myIf uses to reach \p theirs's interface
     * \p theirIf on their common link: \p theirs's address in a subnet of \p myIf, else (IPv6)
     * its link-local address, else its first address.
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param mine the node that sends
     * \param myIf its interface on the link
     * \param theirs the neighbour
     * \param theirIf the neighbour's interface on the link
     * \return the address (family 0 if the neighbour's interface has none)
     */
    static RtmNetAddress NeighbourAddress(uint16_t family,
                                          Ptr<Node> mine,
                                          uint32_t myIf,
                                          Ptr<Node> theirs,
                                          uint32_t theirIf);

    /**
     * \brief The vertices prefix \p p is attached to, from one flat array (what the clients
     * read for every prefix on every run).
     * \param p the prefix index
     * \return [begin, end) of the ascending vertex list
     */
    std::pair<const uint32_t*, const uint32_t*> GetAttached(uint32_t p) const
    {
        const uint32_t* base = m_attached.data();
        return std::make_pair(base + m_attachedStart[p], base + m_attachedStart[p + 1]);
    }

    /**
     * \brief Dijkstra from \p source over the Boost.Graph CSR graph (a binary heap of
     * (distance, vertex) with lazy deletion, ties settled by vertex index), and the equal-cost
     * first hops of every vertex as it is settled: a vertex's first hops are the union of those
     * of its tight predecessors (the source's own arc for a neighbour), all settled before it
     * since every weight is at least 1. Nothing is allocated once \p r's buffers have grown.
     * \param source the source vertex
     * \param multicast use the multicast weights
     * \param[out] r the result (its buffers are reused)
     */
    void ShortestPaths(uint32_t source, bool multicast, RtmSpfResult& r) const;

    /**
     * \brief Shortest-path tree from \p source (Boost.Graph Dijkstra with a predecessor arc per
     * vertex; ties go to the first arc relaxed, so the tree is deterministic).
     * \param source the source vertex
     * \param multicast use the multicast weights
     * \param[out] distance per vertex (RtmSpfResult::kInfinity: unreachable)
     * \param[out] parentArc per vertex, the tree arc entering it (the source and unreachable
     * vertices: none, with hasParent false)
     * \param[out] hasParent per vertex
     */
    void ShortestPathTree(uint32_t source,
                          bool multicast,
                          std::vector<uint64_t>& distance,
                          std::vector<RtmNetworkGraphType::edge_descriptor>& parentArc,
                          std::vector<bool>& hasParent) const;

    /**
     * \brief Write the graph in Graphviz format (boost::write_graphviz): vertices labelled
     * "node/instance", arcs with their interfaces and weights.
     * \param os the stream
     */
    void WriteGraphviz(std::ostream& os) const;

  private:
    /// Attach \p prefix to vertex \p v.
    void Attach(const RtmNetAddress& prefix, uint32_t v);
    /// Build from the stack \p S (RtmIpStack<Ipv4> or RtmIpStack<Ipv6>).
    template <typename S>
    void BuildWith(S);
    /// Address order, disjointness and the ordered keys of family \p F.
    template <typename F>
    void OrderPrefixes();

    std::vector<std::pair<Ptr<Node>, uint16_t>> m_vertices; //!< sorted by (node id, instance)
    uint16_t m_family{RTM_AF_INET};                         //!< the family
    RtmNetworkGraphType m_graph;                            //!< the graph
    PrefixMode m_mode{PREFIXES_ALL};                        //!< prefix mode
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> m_mcastMetric; //!< (node, if) -> weight
    std::vector<Prefix> m_prefixes;                                  //!< prefixes by stable index
    std::map<RtmNetAddress, uint32_t> m_prefixIndex;                 //!< prefix -> index
    std::vector<uint32_t> m_order;               //!< prefix indices in address order
    std::vector<RtmIpv4Family::Key> m_orderKey4; //!< their addresses (IPv4 graph)
    std::vector<RtmIpv6Family::Key> m_orderKey6; //!< their addresses (IPv6 graph)
    std::vector<uint32_t> m_attachedStart;       //!< per prefix: start in m_attached
    std::vector<uint32_t> m_attached;            //!< attached vertices, prefix by prefix
    bool m_disjoint{true};                       //!< no two prefixes overlap
};

} // namespace ns3

#endif /* RTM_NETWORK_GRAPH_H */
