/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpTopology: BGP on a whole RtmTopologyHelper topology (every router its own AS, eBGP on
 * every link), convergence and the hop-distance validation.
 */
#ifndef RTM_BGP_TOPOLOGY_H
#define RTM_BGP_TOPOLOGY_H

#include "ns3/nstime.h"
#include "ns3/rtm-bgp-speaker.h"
#include "ns3/rtm-topology-helper.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief BGP on a whole topology (RtmTopologyHelper): every router its own AS with an eBGP
 * session on every link, originating its router address; and the check that, without policy,
 * every converged AS path is as long as the hop distance in the graph.
 *
 * \code
 *   RtmTopology topo;
 *   topoHelper.Create("graphml", file, topo, error);   // router addresses enabled
 *   RtmBgpTopology bgp(topo);
 *   bgp.Install();
 *   Simulator::Stop(Seconds(60));
 *   Simulator::Run();
 *   RtmBgpTopology::Check c = bgp.ValidatePathLengths(&std::cout, 10);
 * \endcode
 */
class RtmBgpTopology
{
  public:
    /// How the speakers are set up.
    struct Options
    {
        uint32_t firstAs{65000};       //!< AS of vertex 0 (vertex v: firstAs + v; 4-octet ASes
                                       //!< when that passes 65535)
        Time mrai{Seconds(0)};         //!< MRAI of every session
        uint16_t holdTime{90};         //!< hold time of every session
        Time startupDelay{Seconds(1)}; //!< random session start delay
    };

    /// The outcome of a validation.
    struct Check
    {
        uint64_t pairs{0};                 //!< ordered pairs checked
        uint64_t mismatches{0};            //!< AS path length differs from the hop distance
        uint64_t unreachable{0};           //!< pairs disconnected in the graph
        std::vector<std::string> examples; //!< the first mismatches, described
    };

    /// \param topo a built topology with router addresses
    explicit RtmBgpTopology(RtmTopology& topo);
    ~RtmBgpTopology();
    RtmBgpTopology(const RtmBgpTopology&) = delete;
    RtmBgpTopology& operator=(const RtmBgpTopology&) = delete;

    /**
     * \brief Build a topology the way the BGP runs of the tests and benchmarks do: from a
     * GraphML file, hop weights, no interface metrics, point-to-point links of 1 Gb/s and 1 ms.
     * \param graphml the file \param[out] topo the topology \param[out] error why it failed
     * \return false on failure
     */
    static bool CreateTopology(const std::string& graphml, RtmTopology& topo, std::string& error);

    /// Install the speakers and sessions. \param options the set-up
    void Install(const Options& options);
    /// Install with the default options.
    void Install();

    /// \return the AS of vertex \p v
    uint32_t AsOf(uint32_t v) const;
    /// \return the speaker of vertex \p v
    Ptr<RtmBgpSpeaker> GetSpeaker(uint32_t v) const;
    /**
     * \brief Whether BGP has converged: every session is Established (a session that was reset
     * and waits to connect again leaves longer paths in place, quietly), every speaker has a
     * best route to every router address it can reach and nothing queued for any neighbour,
     * and no UPDATE is in flight (UpdatesInFlight: none is still in a TCP connection, whose
     * retransmission timeouts can hold one back for seconds).
     * \return true if converged
     */
    bool Converged() const;
    /**
     * \brief Run the simulation in steps of \p step until Converged() holds and no best route
     * changed for \p quiet, or \p limit of simulated time passed.
     * \return the simulated time it took (negative if it did not converge)
     */
    Time RunUntilConverged(Time step, Time quiet, Time limit);
    /// \return the sum of best-route changes of all speakers
    uint64_t GetBestChanges() const;

    /**
     * \brief For every ordered pair (s, d), the AS path of s's best route to d's router address
     * must have as many ASes as the hop distance between s and d.
     * \param paths if not null, one line per pair: `SRC DST HOPS ASPATH`
     * \param maxExamples how many mismatches to describe
     * \return the counts
     */
    Check ValidatePathLengths(std::ostream* paths, uint32_t maxExamples = 10) const;

    /// \return the sum of UPDATEs sent by all speakers
    uint64_t GetUpdatesSent() const;

    /// What the sessions of the whole topology are doing.
    struct SessionStats
    {
        uint32_t sessions{0};       //!< neighbour sessions (two per link)
        uint32_t notEstablished{0}; //!< sessions not in Established now
        uint64_t reestablished{0};  //!< times sessions came up again after their first time
        uint64_t updatesOut{0};     //!< UPDATEs sent, all sessions
        uint64_t updatesIn{0};      //!< UPDATEs received, all sessions
    };

    /// \return the sessions' state
    SessionStats GetSessionStats() const;
    /**
     * \brief UPDATEs sent on the current connection of a session and not yet received by the
     * other end, summed over all sessions (counted from each end's last Established: what a
     * connection that broke carried is lost, not in flight).
     * \return the UPDATEs in flight
     */
    uint64_t UpdatesInFlight() const;

  private:
    RtmTopology& m_topo;                        //!< the topology
    Options m_options;                          //!< set-up
    std::vector<Ptr<RtmBgpSpeaker>> m_speakers; //!< by vertex
    std::vector<uint32_t> m_reachable;          //!< router addresses in each vertex's component

    /// One end of a link's session: vertex and neighbour index.
    struct SessionEnd
    {
        uint32_t v; //!< vertex
        uint32_t k; //!< neighbour index at v
    };

    /// UPDATE counters of a session when it last reached Established.
    struct Base
    {
        uint64_t out{0}; //!< UPDATEs sent until then
        uint64_t in{0};  //!< UPDATEs received until then
    };

    std::vector<std::pair<SessionEnd, SessionEnd>> m_sessionPairs; //!< both ends, per link
    std::vector<std::vector<Base>> m_base;                         //!< by vertex, neighbour
    /// The State trace sinks connected to each speaker (disconnected on destruction).
    std::vector<Callback<void, const RtmNetAddress&, RtmBgpState, RtmBgpState>> m_stateTraces;
};

} // namespace ns3

#endif /* RTM_BGP_TOPOLOGY_H */
