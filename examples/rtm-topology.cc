/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-topology: routing over a real topology, validated against Boost.Graph shortest paths.
 *
 * Builds an ns-3 network from a topology file (GraphML from the Internet Topology Zoo, or ns-3's
 * Inet / Orbis / Rocketfuel formats; see RtmTopologyHelper), runs a routing protocol as an RTM
 * client on every router, and with --validate walks a packet through the RTM forwarding planes
 * for every ordered pair of routers, comparing its path with the shortest paths of the topology
 * graph (RtmPathValidator / RtmPathOracle). It prints exactly one line
 *     validation: pairs=N mismatches=M
 * and exits with status 1 when M > 0.
 *
 *   ./rtm-topology --graphml=../shared/data/topologies/topology-zoo/Geant2012.graphml --validate
 *   ./rtm-topology --rocketfuel=.../RocketFuel_toposample_1239_weights.txt --validate --paths=p.txt
 *   ./rtm-topology --graphml=.../Abilene.graphml --protocol=rip --validate
 *
 * Protocols:
 *  - graph: the link-state client (RtmGraphRoutingHelper), routes computed at once; link weights
 *    (--weights) are the interface metrics and the validation compares path costs;
 *  - rip: the RIPv2 client (RtmRipHelper), every link costs 1; the simulation runs --simTime
 *    seconds so RIP converges, and the validation compares hop counts. RIP does not advertise the
 *    routers' own host routes, so packets go to the destination's address on the link from a
 *    shortest-path predecessor (RtmPathValidator::PREDECESSOR_LINK; also --target=link).
 * --paths=FILE writes one line per ordered pair: `SRC DST HOPS COST NODE...` (router ids as in
 * the file, COST in the file's weight units, or `none`); --dot=FILE writes the topology in
 * Graphviz format.
 * --mpi runs the scenario of RtmMpiScenario instead (link-state client, RIP and UDP traffic
 * between sampled router pairs) over the MPI ranks it was started on (--nullMessages picks the
 * NullMessageSimulatorImpl engine), each rank writing its result to --mpiOut.rankR:
 *   mpirun -np 2 ./rtm-topology --graphml=.../Kdl.graphml --mpi --mpiOut=kdl
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/rtm-graph-routing-helper.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-mpi-helper.h"
#include "ns3/rtm-path-validator.h"
#include "ns3/rtm-topology-helper.h"

#if __has_include("ns3/rtm-rip-helper.h")
#include "ns3/rtm-rip-helper.h"
#define RTM_TOPOLOGY_HAVE_RIP 1
#endif

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sys/resource.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmTopology");

namespace
{
/// \return the peak resident set size of this process in MB
double
PeakRssMb()
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string graphml;
    std::string inet;
    std::string orbis;
    std::string rocketfuel;
    std::string protocol = "graph";
    std::string weights = "file";
    std::string prefixes = "All";
    std::string target;
    std::string paths;
    std::string dot;
    bool validate = false;
    bool csma = false;
    double simTime = 300;
    uint32_t examples = 10;

    CommandLine cmd(__FILE__);
    cmd.AddValue("graphml", "GraphML topology file (Internet Topology Zoo)", graphml);
    cmd.AddValue("inet", "Inet topology file (ns-3 topology-read)", inet);
    cmd.AddValue("orbis", "Orbis topology file (ns-3 topology-read)", orbis);
    cmd.AddValue("rocketfuel", "Rocketfuel topology file (ns-3 topology-read)", rocketfuel);
    cmd.AddValue("protocol", "graph (link-state client) or rip (RIPv2 client)", protocol);
    cmd.AddValue("weights",
                 "link weights for graph: file (Rocketfuel/Inet weights, else 1), hops, distance "
                 "(GraphML: great-circle km)",
                 weights);
    cmd.AddValue("prefixes", "graph client prefixes: All, Routers or Links", prefixes);
    cmd.AddValue("csma", "build two-station CSMA segments instead of point-to-point links", csma);
    cmd.AddValue("validate",
                 "compare every pair's path with the Boost.Graph shortest paths",
                 validate);
    cmd.AddValue("target",
                 "validation destination: router (loopback address) or link (address on a "
                 "shortest-path predecessor's link); default: link for rip and --prefixes=Links, "
                 "else router",
                 target);
    cmd.AddValue("paths", "write `SRC DST HOPS COST NODE...` per ordered pair to this file", paths);
    cmd.AddValue("dot", "write the topology graph in Graphviz format to this file", dot);
    cmd.AddValue("simTime", "seconds of simulation before validating (rip)", simTime);
    cmd.AddValue("examples", "mismatches to describe on stderr", examples);
    bool mpi = false;
    bool nullMessages = false;
    std::string mpiOut;
    RtmMpiScenario::Config mpiConfig;
    cmd.AddValue("mpi", "run the MPI scenario (RtmMpiScenario) on the ranks started", mpi);
    cmd.AddValue("nullMessages", "MPI engine: NullMessageSimulatorImpl", nullMessages);
    cmd.AddValue("mpiOut", "MPI scenario: write each rank's result to this prefix", mpiOut);
    cmd.AddValue("pairs", "MPI scenario: sampled router pairs", mpiConfig.pairs);
    cmd.Parse(argc, argv);

    std::string format;
    std::string file;
    int given = 0;
    for (const auto& f : {std::make_pair(std::string("graphml"), graphml),
                          std::make_pair(std::string("inet"), inet),
                          std::make_pair(std::string("orbis"), orbis),
                          std::make_pair(std::string("rocketfuel"), rocketfuel)})
    {
        if (!f.second.empty())
        {
            format = f.first;
            file = f.second;
            ++given;
        }
    }
    if (given != 1)
    {
        std::cerr << "rtm-topology: give exactly one of --graphml, --inet, --orbis, --rocketfuel"
                  << std::endl;
        return 2;
    }
    if (mpi)
    {
        return RtmMpiScenario::Main(format, file, mpiConfig, nullMessages, mpiOut, &argc, &argv);
    }
    if (protocol != "graph" && protocol != "rip")
    {
        std::cerr << "rtm-topology: --protocol must be graph or rip" << std::endl;
        return 2;
    }
#ifndef RTM_TOPOLOGY_HAVE_RIP
    if (protocol == "rip")
    {
        std::cerr << "rtm-topology: this build has no RIP client (RtmRipHelper)" << std::endl;
        return 2;
    }
#endif
    const bool rip = protocol == "rip";

    RtmTopologyHelper topoHelper;
    if (rip || weights == "hops")
    {
        topoHelper.SetWeightMode(RtmTopologyHelper::WEIGHTS_HOPS);
    }
    else if (weights == "distance")
    {
        topoHelper.SetWeightMode(RtmTopologyHelper::WEIGHTS_DISTANCE);
    }
    else if (weights != "file")
    {
        std::cerr << "rtm-topology: --weights must be file, hops or distance" << std::endl;
        return 2;
    }
    topoHelper.SetMetrics(!rip);
    topoHelper.SetCsma(csma);
    RtmTopology topo;
    std::string error;
    auto t0 = std::chrono::steady_clock::now();
    if (!topoHelper.Create(format, file, topo, error))
    {
        std::cerr << "rtm-topology: " << error << std::endl;
        return 2;
    }
    double buildS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "topology: " << file << " routers=" << topo.GetNRouters()
              << " links=" << topo.links.size() << " self-loops=" << topo.selfLoops
              << " build_s=" << buildS << std::endl;
    if (!dot.empty())
    {
        std::ofstream os(dot);
        topo.WriteGraphviz(os);
    }

    if (rip)
    {
#ifdef RTM_TOPOLOGY_HAVE_RIP
        RtmRipHelper ripHelper;
        ripHelper.Install(topo.nodes);
        Simulator::Stop(Seconds(simTime));
        auto r0 = std::chrono::steady_clock::now();
        Simulator::Run();
        double runS = std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
        std::cout << "rip: simulated " << simTime << " s in " << runS << " s" << std::endl;
#endif
    }
    else
    {
        // Start the simulator first: until Simulator::Run, ns-3 records every Time object in a
        // global set (for resolution changes), which the RTM's bookkeeping would pay for.
        Simulator::Run();
        RtmGraphRoutingHelper graph;
        graph.SetDomainAttribute("Prefixes", StringValue(prefixes));
        auto p0 = std::chrono::steady_clock::now();
        std::clock_t c0 = std::clock();
        Ptr<RtmGraphDomain> domain = graph.Install(topo.nodes);
        double populateCpuS = double(std::clock() - c0) / CLOCKS_PER_SEC;
        double populateS =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();
        std::cout << "graph: populate_s=" << populateS << " populate_cpu_s=" << populateCpuS
                  << " routes=" << domain->GetNRoutes()
                  << " prefixes=" << domain->GetGraph().GetPrefixes().size()
                  << " peak_rss_mb=" << PeakRssMb() << std::endl;
    }

    int status = 0;
    if (validate || !paths.empty())
    {
        // RIP and the Links prefix mode advertise no router addresses: aim at link addresses.
        RtmPathValidator::Target tgt = rip || prefixes == "Links"
                                           ? RtmPathValidator::PREDECESSOR_LINK
                                           : RtmPathValidator::ROUTER_ADDRESS;
        if (target == "router")
        {
            tgt = RtmPathValidator::ROUTER_ADDRESS;
        }
        else if (target == "link")
        {
            tgt = RtmPathValidator::PREDECESSOR_LINK;
        }
        else if (!target.empty())
        {
            std::cerr << "rtm-topology: --target must be router or link" << std::endl;
            return 2;
        }
        RtmPathValidator validator(topo, rip ? RtmPathOracle::HOPS : RtmPathOracle::WEIGHTS, tgt);
        std::ofstream pathFile;
        if (!paths.empty())
        {
            pathFile.open(paths);
            if (!pathFile)
            {
                std::cerr << "rtm-topology: cannot write " << paths << std::endl;
                return 2;
            }
        }
        auto v0 = std::chrono::steady_clock::now();
        RtmPathValidator::Summary sum =
            validator.ValidateAll(paths.empty() ? nullptr : &pathFile, examples);
        double validateS =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - v0).count();
        for (const auto& e : sum.examples)
        {
            std::cerr << "mismatch: " << e << std::endl;
        }
        std::cerr << "validated in " << validateS << " s; unreachable pairs " << sum.unreachable
                  << ", delivered hops " << sum.totalHops << std::endl;
        if (validate)
        {
            std::cout << "validation: pairs=" << sum.pairs << " mismatches=" << sum.mismatches
                      << std::endl;
            status = sum.mismatches > 0 ? 1 : 0;
        }
    }
    Simulator::Destroy();
    return status;
}
