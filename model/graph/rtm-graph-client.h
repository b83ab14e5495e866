/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The link-state ("graph") client: shortest-path routes computed with Boost.Graph over the
 * simulated IPv4 or IPv6 topology.
 *
 * DOC: a domain (RtmGraphDomain) is the set of (node, instance) routers that run the client
 * together, i.e. what one OSPF area floods to, for one address family (attribute Family: the
 * IPv4 or the IPv6 topology; a dual-stack network runs one domain per family, as OSPFv2 and
 * OSPFv3 run side by side). It reads the topology from ns-3 (RtmNetworkGraph: devices, channels,
 * interface states and metrics) and, when something changed, asks every client to recompute.
 * Each client (RtmGraphClient, one registration per (node instance, family), entity
 * RTM_PROTO_NS3_GRAPH, default preference 110) runs Dijkstra from its own vertex and installs,
 * into its own node's RTM only, one route per reachable prefix with all equal-cost next hops
 * (several next hops in one route = ECMP), metric = path cost. It keeps, per prefix, the next-hop
 * set and metric it installed (8 bytes per route, 16 with a multicast weight set) and writes only
 * the prefixes whose result changed, so RTM's change notifications show only real changes and
 * unchanged routes keep their handles.
 *
 * Unicast and multicast views: with no multicast weight set, each route belongs to both views.
 * With one (RtmGraphDomain::SetMulticastMetric), the client runs Dijkstra twice and a prefix
 * whose two results differ gets one route per view.
 *
 * Scale: the Prefixes attribute of the domain chooses what is routed: All (every link subnet and
 * every router address: N + L prefixes), Routers (one /32 per router: N(N-1) routes in all) or
 * Links. With Aggregate, each client installs instead the fewest covering routes it finds that
 * forward every address exactly like the per-prefix routes would (a block is covered by its most
 * common next-hop set and the exceptions are more specific; a block is only covered when every
 * address in it is routed or is the router's own connected prefix, so "no route" stays "no
 * route"); on Inet (3,037 routers) that is about 100 routes per router instead of 3,036. The
 * client then keeps its aggregated route list (16 bytes per route for IPv4, 32 for IPv6) instead
 * of the per-prefix results. The aggregation is one template over the family (address keys of 32
 * or 128 bits). Recomputation scratch buffers belong to the domain, not to each client.
 *
 * Recomputation: every client listens to its router's interface events
 * (RtmRouter::AddInterfaceListener); an event schedules one recomputation of the whole domain at
 * the same simulation time (several events of one time step are coalesced). Metric changes raise
 * no event: call RtmGraphDomain::Recompute after Ipv4::SetMetric.
 *
 * Determinism and distribution: a domain is made by a helper call, not a singleton; vertices,
 * arcs and prefixes are ordered by node id, instance and interface, Dijkstra breaks ties the
 * same way every run, and each client writes only its own node's tables.
 */
#ifndef RTM_GRAPH_CLIENT_H
#define RTM_GRAPH_CLIENT_H

#include "rtm-network-graph.h"

#include "ns3/event-id.h"
#include "ns3/object.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"

#include <map>
#include <memory>
#include <ostream>
#include <type_traits>
#include <vector>

namespace ns3
{

class RtmGraphClient;

/**
 * An aggregated route of a graph client (Aggregate mode).
 * \tparam F RtmIpv4Family or RtmIpv6Family
 */
template <typename F>
struct RtmGraphAggRoute
{
    typename F::Key address; //!< prefix address
    uint32_t length;         //!< prefix length
    uint32_t set;            //!< next-hop set
    uint32_t metric;         //!< largest path cost it covers
};

/**
 * What the aggregation of family \p F works with: the route lists and the covered-address
 * prefix sums (an integer one bit wider than the addresses where it can be: 64 bits for IPv4; for
 * IPv6 128 bits, in which only the whole address space wraps, to 0).
 * \tparam F RtmIpv4Family or RtmIpv6Family
 */
template <typename F>
struct RtmGraphAggBuffers
{
    typedef std::conditional_t<F::kBits == 32, uint64_t, RtmIpv6Family::Key> Wide; //!< sums
    std::vector<RtmGraphAggRoute<F>> fresh; //!< the new aggregated routes
    std::vector<Wide> cov;                  //!< covered-address prefix sums
};

/**
 * Buffers of one recomputation, shared by the clients of a domain (they run one at a time), so
 * that a client's memory is only what it keeps between runs.
 */
struct RtmGraphScratch
{
    RtmSpfResult spf;                       //!< unicast SPF
    RtmSpfResult spfMcast;                  //!< multicast SPF
    RtmGraphAggBuffers<RtmIpv4Family> agg4; //!< aggregation buffers (IPv4 domains)
    RtmGraphAggBuffers<RtmIpv6Family> agg6; //!< aggregation buffers (IPv6 domains)
    std::vector<uint32_t> val;              //!< per sorted position: set / kNone / kOwn
    std::vector<uint32_t> met;              //!< per sorted position: metric
    std::vector<uint32_t> cacheU;           //!< run set -> persistent set (unicast)
    std::vector<uint32_t> cacheM;           //!< run set -> persistent set (multicast)
    std::vector<uint32_t> hops;             //!< Persist's buffer

    /// \return the aggregation buffers of family \p F
    template <typename F>
    RtmGraphAggBuffers<F>& Agg()
    {
        if constexpr (F::kBits == 32)
        {
            return agg4;
        }
        else
        {
            return agg6;
        }
    }
};

/**
 * \ingroup rtm
 * \brief The routers that run the link-state client together; see the file comment.
 */
class RtmGraphDomain : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// The values of the Family attribute (the RTM family values).
    enum Family
    {
        FAMILY_IPV4 = RTM_AF_INET,  //!< IPv4
        FAMILY_IPV6 = RTM_AF_INET6, //!< IPv6
    };

    RtmGraphDomain();
    ~RtmGraphDomain() override;

    /**
     * \brief Add a client (its vertex joins the graph at the next recomputation).
     * \param client the client (already started, for the domain's family)
     * \return false (and nothing added) if the client was started for another family
     */
    bool AddClient(Ptr<RtmGraphClient> client);

    /// \return the family (attribute Family: RTM_AF_INET or RTM_AF_INET6)
    uint16_t GetFamily() const;

    /// Remove a client (when it is disposed).
    void RemoveClient(RtmGraphClient* client);

    /**
     * \brief Add a router that takes part in the graph without a client here: a node another
     * MPI rank simulates (RtmGraphRoutingHelper adds such nodes this way, so every rank computes
     * the same graph and installs routes only on its own nodes).
     * \param node the node (its addresses and interfaces are read at recomputation)
     * \param instance its RTM instance
     */
    void AddRouter(Ptr<Node> node, uint16_t instance);

    /// \return the clients, ordered by (node id, instance)
    std::vector<Ptr<RtmGraphClient>> GetClients() const;

    /**
     * \brief Give an interface a multicast weight (a second topology for the multicast view).
     * Call Recompute afterwards if routes were already computed.
     * \param node the node
     * \param interface its interface (index of the domain's family)
     * \param metric the weight
     */
    void SetMulticastMetric(Ptr<Node> node, uint32_t interface, uint32_t metric);

    /**
     * \brief Rebuild the graph from the current ns-3 state and let every client recompute and
     * write what changed. Done at once (not scheduled).
     */
    void Recompute();

    /// Schedule one Recompute at the current time (coalesces requests of one time step).
    void ScheduleRecompute();

    /// \return the graph (as of the last recomputation)
    const RtmNetworkGraph& GetGraph() const;

    /// \return how many recomputations ran
    uint32_t GetNRecomputations() const;

    /// \return routes currently installed by all clients
    uint64_t GetNRoutes() const;

    /// \return wall-clock seconds of the last recomputation (graph, Dijkstra, RTM writes)
    double GetLastRecomputeSeconds() const;

    /// Write the graph in Graphviz format (Boost.Graph write_graphviz).
    void WriteGraphviz(std::ostream& os) const;

  protected:
    void DoDispose() override;

  private:
    std::map<std::pair<uint32_t, uint16_t>, Ptr<RtmGraphClient>> m_clients; //!< by vertex key
    RtmNetworkGraph m_graph;                                                //!< the topology
    RtmNetworkGraph::PrefixMode m_prefixMode;                               //!< attribute Prefixes
    Family m_family;                                                        //!< attribute Family
    bool m_aggregate;                                                       //!< attribute Aggregate
    bool m_listen;                              //!< attribute RecomputeOnInterfaceChange
    EventId m_pending;                          //!< scheduled recomputation
    uint32_t m_recomputations{0};               //!< count
    double m_lastSeconds{0};                    //!< duration of the last recomputation
    std::unique_ptr<RtmGraphScratch> m_scratch; //!< buffers shared by the clients
    friend class RtmGraphClient;
};

/**
 * \ingroup rtm
 * \brief The link-state client of one (node, instance); see the file comment.
 */
class RtmGraphClient : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmGraphClient();
    ~RtmGraphClient() override;

    /**
     * \brief Register with (instance, family) of a router.
     * \param router the node's router manager (aggregated to the node)
     * \param instance the instance
     * \param family RTM_AF_INET or RTM_AF_INET6 (the family of the domain it will join)
     * \return the registration status (InvalidParameter for another family)
     */
    RtmStatus Start(Ptr<RtmRouter> router, uint16_t instance, uint16_t family = RTM_AF_INET);

    /// \return the node
    Ptr<Node> GetNode() const;
    /// \return the instance
    uint16_t GetInstance() const;
    /// \return the family (RTM_AF_INET or RTM_AF_INET6)
    uint16_t GetFamily() const;
    /// \return the registration (null before Start)
    Ptr<RtmRegistration> GetRegistration() const;
    /// \return the domain (null if none)
    Ptr<RtmGraphDomain> GetDomain() const;

    /// \return routes this client has in the RTM now
    uint64_t GetNRoutes() const;
    /// \return route adds, updates and deletes of the last recomputation
    uint64_t GetLastWrites() const;
    /// \return route adds, updates and deletes since Start
    uint64_t GetTotalWrites() const;
    /// \return RTM next hops this client created
    uint32_t GetNNextHops() const;
    /// \return heap bytes of the client's own state (per-prefix results, next-hop sets)
    std::size_t GetStateBytes() const;

  protected:
    void DoDispose() override;

  private:
    friend class RtmGraphDomain;

    /// What the client installed for one prefix in one view.
    struct Result
    {
        uint32_t set;    //!< persistent next-hop set, or kNone
        uint32_t metric; //!< path cost

        /// \return true if equal
        bool operator==(const Result& o) const
        {
            return set == o.set && metric == o.metric;
        }
    };

    static constexpr uint32_t kNone = 0xFFFFFFFF; //!< no route
    static constexpr uint32_t kOwn = 0xFFFFFFFE;  //!< attached to this router (no route)

    typedef RtmGraphScratch Scratch; //!< the domain's buffers

    /// Join a domain (called by RtmGraphDomain::AddClient).
    void SetDomain(Ptr<RtmGraphDomain> domain);
    /// Interface listener.
    void InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up);
    /**
     * \brief Recompute from the domain's graph and write the changes.
     * \param g the graph
     * \param vertex this client's vertex (or -1: withdraw everything)
     * \param scratch the domain's buffers
     */
    void Recompute(const RtmNetworkGraph& g, int32_t vertex, Scratch& scratch);
    /// Map the out-arc set \p runSet of this run to a persistent next-hop set (\p cache: per
    /// run set, the persistent one).
    uint32_t Persist(const RtmSpfResult& spf, uint32_t runSet, std::vector<uint32_t>& cache);
    /// The result of \p prefix from one SPF run.
    Result PrefixResult(uint32_t prefix,
                        uint32_t vertex,
                        const RtmNetworkGraph& g,
                        RtmSpfResult& spf,
                        std::vector<uint32_t>& cache);
    /// Compute the aggregated routes of family \p F from the SPF result and write them.
    template <typename F>
    void RecomputeAggregated(const RtmNetworkGraph& g, uint32_t vertex);
    /**
     * \brief Aggregation (exact for forwarding): cover the address block [base, base +
     * 2^(bits - length)) holding sorted prefix positions [i, j), given the value \p inherited of
     * the nearest covering route placed so far, appending routes to the scratch's fresh list.
     */
    template <typename F>
    void Aggregate(typename F::Key base,
                   uint32_t length,
                   uint32_t i,
                   uint32_t j,
                   uint32_t inherited,
                   const RtmNetworkGraph& g);
    /// Write the difference between the aggregated routes and the scratch's fresh list, then
    /// keep the fresh list.
    template <typename F>
    void WriteAggregated();

    /// \return the aggregated routes of family \p F in the RTM
    template <typename F>
    std::vector<RtmGraphAggRoute<F>>& Aggregated()
    {
        if constexpr (F::kBits == 32)
        {
            return m_agg4;
        }
        else
        {
            return m_agg6;
        }
    }

    /// Withdraw every route of this client.
    void WithdrawAll(const RtmNetworkGraph& g);
    /// Make the RTM hold \p u / \p m for \p prefix (previously \p oldU / \p oldM).
    void Write(const RtmNetAddress& prefix,
               const Result& u,
               const Result& m,
               const Result& oldU,
               const Result& oldM);
    /// Fill m_info for a route.
    void FillInfo(const Result& r, RtmViewSet views);
    /// \return the RTM next hop of first hop \p hop (created on first use)
    RtmNextHopHandle HopHandle(uint32_t hop);

    Ptr<RtmRouter> m_router;        //!< router manager
    Ptr<RtmRegistration> m_reg;     //!< registration
    Ptr<RtmGraphDomain> m_domain;   //!< domain
    Ptr<Node> m_node;               //!< node
    uint16_t m_instance{0};         //!< instance
    uint16_t m_family{RTM_AF_INET}; //!< family
    uint32_t m_preference;          //!< attribute Preference
    uint32_t m_maxNextHops{16};     //!< from the registration profile
    std::vector<Result> m_unicast;  //!< per domain prefix index
    std::vector<Result> m_mcast;    //!< per domain prefix index (only with multicast weights)
    bool m_separate{false};         //!< the last run had multicast weights
    bool m_aggregated{false};       //!< the routes in the RTM are aggregated (m_agg)
    std::vector<RtmGraphAggRoute<RtmIpv4Family>> m_agg4; //!< aggregated routes (IPv4), in order
    std::vector<RtmGraphAggRoute<RtmIpv6Family>> m_agg6; //!< aggregated routes (IPv6), in order
    Scratch* m_scratch{nullptr}; //!< the domain's scratch (during Recompute only)

    /// A first hop: (interface, neighbour address) and its RTM next hop.
    struct Hop
    {
        uint32_t interface;      //!< output interface
        RtmNetAddress address;   //!< neighbour address
        RtmNextHopHandle handle; //!< RTM next hop (null until used)
    };

    std::vector<Hop> m_hops;        //!< first hops (persistent)
    std::vector<uint32_t> m_arcHop; //!< out-arc position (this run) -> first hop
    std::map<std::pair<uint32_t, RtmNetAddress>, uint32_t> m_hopIds; //!< (if, addr) -> hop
    std::vector<std::vector<uint32_t>> m_sets;                       //!< next-hop sets (hop ids)
    std::map<std::vector<uint32_t>, uint32_t> m_setIds;              //!< set -> id
    RtmRouteInfo m_info;                                             //!< scratch route
    uint64_t m_nRoutes{0};                                           //!< routes in the RTM
    uint64_t m_lastWrites{0};                                        //!< writes of last run
    uint64_t m_totalWrites{0};                                       //!< writes since Start
    bool m_listening{false};                                         //!< listener installed
};

} // namespace ns3

#endif /* RTM_GRAPH_CLIENT_H */
