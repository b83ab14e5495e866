/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPF over a topology built by RtmTopologyHelper: installation (one area, or areas given per
 * link), running the simulation until OSPF has converged, failing and restoring links, and the
 * ECMP check of the converged tables against the Boost.Graph shortest paths.
 *
 * DOC: convergence is watched by polling every client once per PollInterval of simulated time:
 * the network has converged when, for QuietTime, no client has written a route into the RTM,
 * originated or accepted an LSA, and every client has started. The convergence time of an event
 * is the time of the last RTM write after it (the moment the last router's table became what it
 * is now). The ECMP check looks at every router s and every other router t: the RTM's best
 * route to t's router address (a /32 stub link of cost 0) must be an OSPF route whose next
 * hops are exactly the (interface, neighbour address) pairs of the links (s, n) with
 * weight(s, n) + d(n, t) = d(s, t), or none at all when t is unreachable; when more next hops
 * are equal than a route may hold (MaxNextHopsInRoute), the route must hold that many of them.
 */
#ifndef RTM_OSPF_TOPOLOGY_HELPER_H
#define RTM_OSPF_TOPOLOGY_HELPER_H

#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-path-oracle.h"
#include "ns3/rtm-topology-helper.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Run OSPF on a built topology and check it; see the file comment.
 */
class RtmOspfTopologyHelper
{
  public:
    /// What one convergence took.
    struct Convergence
    {
        bool converged{false}; //!< quiet before the limit
        double seconds{0}; //!< simulated seconds from the start of the run to the last RTM write
        double wallSeconds{0};       //!< wall-clock seconds of the run
        uint64_t packets{0};         //!< OSPF packets sent during the run (all routers)
        uint64_t bytes{0};           //!< their bytes (OSPF packet, IP header excluded)
        uint64_t lsas{0};            //!< LSAs originated during the run
        uint64_t spfRuns{0};         //!< SPF runs during the run
        uint64_t routeWrites{0};     //!< RTM writes during the run
        uint64_t retransmissions{0}; //!< LSAs retransmitted during the run
    };

    /// What CheckEcmp found.
    struct EcmpSummary
    {
        uint64_t pairs{0};                 //!< (router, destination router) pairs
        uint64_t mismatches{0};            //!< pairs whose route differs from the oracle
        uint64_t unreachable{0};           //!< pairs with no path
        uint64_t multipath{0};             //!< pairs with more than one equal-cost next hop
        uint64_t capped{0};                //!< pairs with more equal next hops than a route holds
        uint64_t nextHops{0};              //!< next hops checked
        std::vector<std::string> examples; //!< the first mismatches, described
    };

    /**
     * \param topo a built topology (RtmTopologyHelper::Build, with router addresses and link
     * weights as metrics); it must outlive the helper
     */
    explicit RtmOspfTopologyHelper(RtmTopology& topo);

    /// \return the OSPF helper used by Install (set attributes, areas, ... before)
    RtmOspfHelper& GetOspfHelper();

    /**
     * \brief Put each link into an area (both ends), and each router's address into the area
     * of its lowest-numbered link (or \p routerArea when given).
     * \param linkArea area per link index
     * \param routerArea area per vertex (empty: the area of the vertex's first link)
     */
    void SetAreas(const std::vector<uint32_t>& linkArea,
                  const std::vector<uint32_t>& routerArea = {});

    /// Install OSPF on every router.
    void Install();

    /**
     * \brief Run the simulation until OSPF is quiet.
     * \param quiet how long nothing must happen
     * \param limit the longest run
     * \param poll polling interval
     * \return what it took
     */
    Convergence RunUntilConverged(Time quiet = Seconds(20),
                                  Time limit = Seconds(600),
                                  Time poll = Seconds(1));

    /// Fail link \p k now (both interfaces down).
    void FailLink(uint32_t k);
    /// Restore link \p k now (both interfaces up).
    void RestoreLink(uint32_t k);

    /**
     * \brief The topology graph without link \p k (for the oracle after a failure).
     * \return the graph
     */
    static RtmTopologyGraph WithoutLink(const RtmTopology& topo, uint32_t k);

    /**
     * \brief Check every router's next hops to every other router; see the file comment.
     * \param oracle the oracle over the graph as it is now (weights metric)
     * \param failed a failed link to leave out (UINT32_MAX: none)
     * \param maxExamples mismatches to describe
     * \return the summary
     */
    EcmpSummary CheckEcmp(RtmPathOracle& oracle,
                          uint32_t failed = UINT32_MAX,
                          uint32_t maxExamples = 10) const;

    /// \return a link whose failure leaves the graph connected (the one used by most shortest
    /// paths from vertex 0 among them), or UINT32_MAX
    uint32_t ChooseLinkToFail() const;

    /// \return OSPF packets sent by all routers so far
    uint64_t TotalPackets() const;

  private:
    RtmTopology& m_topo;                       //!< the topology
    RtmOspfHelper m_ospf;                      //!< installs the clients
    std::vector<Ptr<RtmOspfClient>> m_clients; //!< per vertex
};

} // namespace ns3

#endif /* RTM_OSPF_TOPOLOGY_HELPER_H */
