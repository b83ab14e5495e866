/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: running a topology over several MPI ranks (ns-3's distributed simulator).
 *
 * RtmMpiHelper::Partition assigns the routers (vertices) of a topology to ranks: a
 * breadth-first walk of the graph from vertex 0 (neighbours in ascending vertex order; the next
 * component from its lowest vertex) lists every vertex once; the list is cut into `ranks`
 * consecutive pieces of sizes differing by at most one (the first n % ranks pieces one longer).
 * It depends only on the graph, so every rank computes the same partition; neighbours tend to
 * share a rank, which keeps the links between ranks (point-to-point remote channels, whose
 * delay is the lookahead) few.
 *
 * RtmMpiScenario then runs one scenario identically on any number of ranks: every rank builds
 * the whole network (one node per router, created with its rank as system id, RTM on every
 * node, point-to-point links: PointToPointHelper makes the links between ranks remote
 * channels); routing protocols and traffic run only on the nodes local to the rank (a replica of
 * another rank's node stays inert):
 *  - the link-state client (RtmGraphRoutingHelper): the graph of all routers is built and
 *    computed on every rank, clients are installed on local nodes only;
 *  - RIP (RtmRipHelper) on local nodes, each client with its own random stream numbered by its
 *    node id (so jitter does not depend on the partition); its packets cross ranks;
 *  - UDP traffic between router pairs sampled with a fixed seed: a UdpServer at the destination
 *    (an address of its first link), a UdpClient at the source, after RIP has converged.
 * Each rank reports what its local nodes saw (RtmMpiScenario::Result); the union over ranks is
 * the same whatever the number of ranks and engine: packets delivered and dropped (per RTM drop
 * reason), the next hop of every router towards every sampled destination (hence the paths), and
 * the RIP convergence time (the last route RIP added or removed anywhere).
 */
#ifndef RTM_MPI_HELPER_H
#define RTM_MPI_HELPER_H

#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

struct RtmTopology;

/**
 * \ingroup rtm
 * \brief Partition of a topology over MPI ranks, and MPI set-up (see the file comment).
 */
class RtmMpiHelper
{
  public:
    /**
     * \brief The rank of every vertex (see the file comment for the rule).
     * \param topo the topology (its graph is read)
     * \param ranks the number of ranks (>= 1)
     * \return one rank per vertex
     */
    static std::vector<uint32_t> Partition(const RtmTopology& topo, uint32_t ranks);

    /**
     * \brief Creates one node per vertex, with the vertex's rank as system id, as the topology's
     * nodes (call it between RtmTopologyHelper::Read and Build).
     * \param topo the topology
     * \param rankOf the rank of every vertex
     */
    static void CreateNodes(RtmTopology& topo, const std::vector<uint32_t>& rankOf);

    /**
     * \param node a node
     * \return whether the node is simulated by this rank (always true without MPI)
     */
    static bool IsLocal(Ptr<Node> node);

    /**
     * \brief Starts MPI with the chosen synchronisation engine (before any node is created).
     * \param argc the program's argc
     * \param argv the program's argv
     * \param nullMessages NullMessageSimulatorImpl if true, else DistributedSimulatorImpl
     * \return false if this ns-3 has no MPI (the program then runs as one process)
     */
    static bool Enable(int* argc, char*** argv, bool nullMessages);

    /// \return this process's rank (0 without MPI)
    static uint32_t GetRank();

    /// \return the number of ranks (1 without MPI)
    static uint32_t GetSize();

    /// Ends MPI (after Simulator::Destroy); nothing without MPI.
    static void Disable();
};

/**
 * \ingroup rtm
 * \brief The scenario run the same on one or more ranks (see the file comment).
 */
class RtmMpiScenario
{
  public:
    /// What the scenario does.
    struct Config
    {
        bool graph{true};                 //!< run the link-state client
        bool rip{true};                   //!< run RIP
        uint32_t pairs{20};               //!< router pairs sampled for traffic
        uint32_t seed{1};                 //!< seed of the pair sample
        uint32_t packets{10};             //!< packets per pair
        Time trafficStart{Seconds(40)};   //!< first packet (after RIP converged)
        Time interval{MilliSeconds(100)}; //!< between packets of a pair
        Time stop{Seconds(60)};           //!< end of the simulation
        /// Links (Main): point-to-point at this rate and delay; the delay of the links between
        /// ranks is the engines' lookahead (ns-3's zero default would leave none).
        std::string dataRate{"1Gbps"};
        Time delay{MilliSeconds(1)}; //!< link delay (see dataRate)
    };

    /// What the local nodes of this rank saw.
    struct Result
    {
        uint32_t rank{0};                        //!< this rank
        uint32_t ranks{1};                       //!< number of ranks
        uint32_t localRouters{0};                //!< routers simulated here
        uint32_t remoteLinks{0};                 //!< links with ends on two ranks (global)
        uint64_t sent{0};                        //!< UDP packets sent by local sources
        uint64_t delivered{0};                   //!< UDP packets received by local servers
        std::map<std::string, uint64_t> dropped; //!< RTM drops at local routers, by reason
        double ripConvergence{0};                //!< last RIP route change here (s), 0: none
        /// (destination vertex, router vertex) -> next vertex (-1: none, -2: delivered here)
        std::map<std::pair<uint32_t, uint32_t>, int64_t> nextHop;
        std::vector<std::pair<uint32_t, uint32_t>> sampled; //!< the sampled (source, dest) pairs
    };

    /// \param config what to run
    explicit RtmMpiScenario(const Config& config);

    /**
     * \brief Installs the protocols and traffic on a built topology (nodes made by
     * RtmMpiHelper::CreateNodes), runs the simulation and collects this rank's result.
     * \param topo the topology (built)
     * \return what the local nodes saw
     */
    Result Run(RtmTopology& topo);

    /**
     * \brief Writes a result as lines `key value...` (merged over ranks by utils/check-mpi.py).
     * \param r the result
     * \param os where
     */
    static void Write(const Result& r, std::ostream& os);

    /**
     * \brief The whole distributed run of `rtm-topology --mpi`: starts MPI with the chosen
     * engine, reads the topology (hop weights), partitions it, builds it, runs the scenario and
     * writes this rank's result to `<out>.rank<R>` (or standard output), then stops MPI.
     * \param format graphml, inet, orbis or rocketfuel
     * \param file the topology file
     * \param config the scenario
     * \param nullMessages NullMessageSimulatorImpl if true, else DistributedSimulatorImpl
     * \param out the result file prefix (empty: standard output)
     * \param argc the program's argc
     * \param argv the program's argv
     * \return the program's exit status (0, or 2 on a bad topology or output file)
     */
    static int Main(const std::string& format,
                    const std::string& file,
                    const Config& config,
                    bool nullMessages,
                    const std::string& out,
                    int* argc,
                    char*** argv);

  private:
    /**
     * \return the (source, destination) vertex pairs sampled with the configured seed: the
     * same on every rank
     * \param n the number of vertices
     */
    std::vector<std::pair<uint32_t, uint32_t>> Sample(uint32_t n) const;

    Config m_config; //!< what to run
};

} // namespace ns3

#endif // RTM_MPI_HELPER_H
