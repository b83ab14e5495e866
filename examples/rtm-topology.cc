/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-topology: routing over a real topology, validated against Boost.Graph shortest paths.
 *
 * Builds an ns-3 network from a topology file (GraphML from the Internet Topology Zoo, or ns-3's
 * Inet / Orbis / Rocketfuel formats; see RtmTopologyHelper) in IPv4, IPv6 or both (--family),
 * runs a routing protocol as an RTM client on every router, and with --validate walks a packet
 * through the RTM forwarding planes for every ordered pair of routers, comparing its path with
 * the shortest paths of the topology graph (RtmPathValidator / RtmPathOracle). It prints exactly
 * one line
 *     validation: pairs=N mismatches=M
 * (with --family=dual, after one `validation ipv4: ...` and one `validation ipv6: ...` line, the
 * sums of both) and exits with status 1 when M > 0.
 *
 *   ./rtm-topology --graphml=../shared/data/topologies/topology-zoo/Geant2012.graphml --validate
 *   ./rtm-topology --graphml=.../Geant2012.graphml --family=ipv6 --validate
 *   ./rtm-topology --rocketfuel=.../RocketFuel_toposample_1239_weights.txt --validate --paths=p.txt
 *   ./rtm-topology --graphml=.../Abilene.graphml --protocol=rip --validate
 *   ./rtm-topology --graphml=.../Abilene.graphml --protocol=ripng --validate
 *
 * Protocols (the table Protocols() below; a new protocol is one more entry):
 *  - graph: the link-state client (RtmGraphRoutingHelper; IPv4 and IPv6, one domain per family),
 *    routes computed at once; link weights (--weights) are the interface metrics and the
 *    validation compares path costs;
 *  - rip: the RIPv2 client (RtmRipHelper; IPv4), every link costs 1; the simulation runs
 *    --simTime seconds so RIP converges, and the validation compares hop counts. RIP does not
 *    advertise the routers' own host routes, so packets go to the destination's address on the
 *    link from a shortest-path predecessor (RtmPathValidator::PREDECESSOR_LINK; also
 *    --target=link);
 *  - ripng: the RIPng client (RtmRipNgHelper; IPv6), validated as rip is;
 *  - ospf: the OSPFv2 client (RtmOspfTopologyHelper; IPv4), link weights as interface costs,
 *    point-to-point links set to 1 Gb/s and 1 ms (OSPF floods its whole database at the start);
 *    the simulation runs until OSPF is quiet (at most --simTime seconds), and the validation
 *    compares path costs towards the routers' addresses;
 *  - bgp: the BGP-4 client (RtmBgpTopology; IPv4), every router its own AS with eBGP on every
 *    link, originating its router address, no policy; links as for ospf; the simulation runs
 *    until BGP has converged (at most --simTime seconds). --validate walks packets (hop
 *    counts, towards the routers' addresses) and also checks that every best AS path is as
 *    long as the hop distance (`bgp: as_path_pairs=N as_path_mismatches=M`; M is added to the
 *    validation line's mismatches); --paths also writes `SRC DST HOPS ASPATH` per ordered pair
 *    to FILE.bgp.
 * --paths=FILE writes one line per ordered pair: `SRC DST HOPS COST NODE...` (router ids as in
 * the file, COST in the file's weight units, or `none`; with --family=dual FILE.ipv4 and
 * FILE.ipv6); --dot=FILE writes the topology in Graphviz format.
 * --mpi runs the scenario of RtmMpiScenario instead (link-state client, RIP and UDP traffic
 * between sampled router pairs) over the MPI ranks it was started on (--nullMessages picks the
 * NullMessageSimulatorImpl engine; --pairs, --trafficStart and --stop shape it), each rank
 * writing its result to --mpiOut.rankR:
 *   mpirun -np 2 ./rtm-topology --graphml=.../Kdl.graphml --mpi --mpiOut=kdl
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/rtm-bgp-topology.h"
#include "ns3/rtm-graph-routing-helper.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ip-stack.h"
#include "ns3/rtm-mpi-helper.h"
#include "ns3/rtm-ospf-topology-helper.h"
#include "ns3/rtm-path-validator.h"
#include "ns3/rtm-topology-helper.h"

#if __has_include("ns3/rtm-rip-helper.h")
#include "ns3/rtm-rip-helper.h"
#define RTM_TOPOLOGY_HAVE_RIP 1
#endif

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
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

/// The options a protocol's installation may read.
struct Options
{
    std::string prefixes{"All"}; //!< graph: the domain's Prefixes attribute
    double simTime{300};         //!< rip, ripng: the simulated time; ospf, bgp: the longest run
};

/// A routing protocol rtm-topology runs: which families, how it is validated, how it starts.
struct Protocol
{
    std::string name;               //!< the --protocol value
    std::vector<uint16_t> families; //!< families it routes; the first is the default
    bool hops;                      //!< every link costs 1 (no metrics; the oracle counts hops)
    bool linkPrefixes;              //!< advertises link subnets only (validate towards links)
    bool simulates;                 //!< converges in simulated time (runs --simTime seconds)
    /// Start it on every router for one family.
    std::function<void(const Options&, RtmTopology&, uint16_t family)> install;
    /// With --validate or --paths, besides the packet walk (may be empty): check the
    /// protocol's own state, print its line, write its per-pair lines to \p paths (if not null),
    /// describe up to \p examples mismatches on stderr. \return the mismatches found
    std::function<uint64_t(std::ostream* paths, uint32_t examples)> check;
};

/// Point-to-point links at 1 Gb/s and 1 ms (ospf, bgp: their start floods whole tables, which
/// ns-3's default 32 kb/s links would take minutes of simulated time to carry).
void
FastLinks()
{
    Config::SetFailSafe("/NodeList/*/DeviceList/*/$ns3::PointToPointNetDevice/DataRate",
                        StringValue("1Gbps"));
    Config::SetFailSafe("/ChannelList/*/$ns3::PointToPointChannel/Delay", StringValue("1ms"));
}

#ifdef RTM_TOPOLOGY_HAVE_RIP
/// \return RIPv2 (RtmRipHelper) or RIPng (RtmRipNgHelper): hop counts, link prefixes, simulated
template <typename Helper>
Protocol
RipProtocol(const std::string& name, uint16_t family)
{
    return Protocol{name,
                    {family},
                    true,
                    true,
                    true,
                    [](const Options&, RtmTopology& topo, uint16_t) {
                        Helper helper;
                        helper.Install(topo.nodes);
                    },
                    nullptr};
}
#endif

/// \return the protocols of this build
std::vector<Protocol>
Protocols()
{
    std::vector<Protocol> all;
    all.push_back(Protocol{
        "graph",
        {RTM_AF_INET, RTM_AF_INET6},
        false,
        false,
        false,
        [](const Options& o, RtmTopology& topo, uint16_t family) {
            RtmGraphRoutingHelper graph;
            graph.SetDomainAttribute("Prefixes", StringValue(o.prefixes));
            graph.SetDomainAttribute("Family",
                                     StringValue(family == RTM_AF_INET6 ? "Ipv6" : "Ipv4"));
            auto p0 = std::chrono::steady_clock::now();
            std::clock_t c0 = std::clock();
            Ptr<RtmGraphDomain> domain = graph.Install(topo.nodes);
            double populateCpuS = double(std::clock() - c0) / CLOCKS_PER_SEC;
            double populateS =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();
            std::cout << "graph: family=" << RtmFamilyName(family) << " populate_s=" << populateS
                      << " populate_cpu_s=" << populateCpuS << " routes=" << domain->GetNRoutes()
                      << " prefixes=" << domain->GetGraph().GetPrefixes().size()
                      << " peak_rss_mb=" << PeakRssMb() << std::endl;
        },
        nullptr});
#ifdef RTM_TOPOLOGY_HAVE_RIP
    all.push_back(RipProtocol<RtmRipHelper>("rip", RTM_AF_INET));
    all.push_back(RipProtocol<RtmRipNgHelper>("ripng", RTM_AF_INET6));
#endif
    // OSPF runs until it is quiet, inside its installation.
    all.push_back(Protocol{"ospf",
                           {RTM_AF_INET},
                           false,
                           false,
                           false,
                           [](const Options& o, RtmTopology& topo, uint16_t) {
                               FastLinks();
                               RtmOspfTopologyHelper ospf(topo);
                               ospf.Install();
                               RtmOspfTopologyHelper::Convergence c =
                                   ospf.RunUntilConverged(Seconds(20), Seconds(o.simTime));
                               std::cout << "ospf: converged=" << (c.converged ? "yes" : "no")
                                         << " converge_s=" << c.seconds
                                         << " wall_s=" << c.wallSeconds << " packets=" << c.packets
                                         << " bytes=" << c.bytes << " lsas=" << c.lsas
                                         << " spf_runs=" << c.spfRuns
                                         << " peak_rss_mb=" << PeakRssMb() << std::endl;
                           },
                           nullptr});
    // BGP runs until it has converged, inside its installation; its check reads its Loc-RIBs.
    auto bgp = std::make_shared<std::unique_ptr<RtmBgpTopology>>();
    all.push_back(Protocol{
        "bgp",
        {RTM_AF_INET},
        true,
        false,
        false,
        [bgp](const Options& o, RtmTopology& topo, uint16_t) {
            FastLinks();
            *bgp = std::make_unique<RtmBgpTopology>(topo);
            (*bgp)->Install();
            auto w0 = std::chrono::steady_clock::now();
            Time t = (*bgp)->RunUntilConverged(Seconds(1), Seconds(3), Seconds(o.simTime));
            double wallS =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
            std::cout << "bgp: converged=" << (t.IsPositive() || t.IsZero() ? "yes" : "no")
                      << " converge_s=" << t.GetSeconds() << " wall_s=" << wallS
                      << " updates=" << (*bgp)->GetUpdatesSent()
                      << " best_changes=" << (*bgp)->GetBestChanges()
                      << " peak_rss_mb=" << PeakRssMb() << std::endl;
        },
        [bgp](std::ostream* paths, uint32_t examples) -> uint64_t {
            RtmBgpTopology::Check c = (*bgp)->ValidatePathLengths(paths, examples);
            for (const auto& e : c.examples)
            {
                std::cerr << "mismatch (AS path): " << e << std::endl;
            }
            std::cout << "bgp: as_path_pairs=" << c.pairs << " as_path_mismatches=" << c.mismatches
                      << std::endl;
            return c.mismatches;
        }});
    return all;
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string graphml;
    std::string inet;
    std::string orbis;
    std::string rocketfuel;
    std::string protocolName = "graph";
    std::string familyName;
    std::string weights = "file";
    Options options;
    std::string target;
    std::string paths;
    std::string dot;
    bool validate = false;
    bool csma = false;
    uint32_t examples = 10;
    const std::vector<Protocol> protocols = Protocols();
    std::string names;
    for (const auto& p : protocols)
    {
        names += (names.empty() ? "" : ", ") + p.name;
    }

    CommandLine cmd(__FILE__);
    cmd.AddValue("graphml", "GraphML topology file (Internet Topology Zoo)", graphml);
    cmd.AddValue("inet", "Inet topology file (ns-3 topology-read)", inet);
    cmd.AddValue("orbis", "Orbis topology file (ns-3 topology-read)", orbis);
    cmd.AddValue("rocketfuel", "Rocketfuel topology file (ns-3 topology-read)", rocketfuel);
    cmd.AddValue("protocol",
                 "routing protocol: graph (link-state client), rip (RIPv2 client), ripng "
                 "(RIPng client), ospf (OSPFv2 client) or bgp (BGP-4 client, an AS per router); "
                 "this build has: " +
                     names,
                 protocolName);
    cmd.AddValue("family",
                 "address families: ipv4, ipv6 or dual (both, validated one after the other); "
                 "default: the protocol's first family (ipv4 for graph and rip, ipv6 for ripng)",
                 familyName);
    cmd.AddValue("weights",
                 "link weights for graph: file (Rocketfuel/Inet weights, else 1), hops, distance "
                 "(GraphML: great-circle km)",
                 weights);
    cmd.AddValue("prefixes", "graph client prefixes: All, Routers or Links", options.prefixes);
    cmd.AddValue("csma", "build two-station CSMA segments instead of point-to-point links", csma);
    cmd.AddValue("validate",
                 "compare every pair's path with the Boost.Graph shortest paths",
                 validate);
    cmd.AddValue("target",
                 "validation destination: router (loopback address) or link (address on a "
                 "shortest-path predecessor's link); default: link for rip and --prefixes=Links, "
                 "else router",
                 target);
    cmd.AddValue("paths",
                 "write `SRC DST HOPS COST NODE...` per ordered pair to this file (dual: "
                 "FILE.ipv4 and FILE.ipv6)",
                 paths);
    cmd.AddValue("dot", "write the topology graph in Graphviz format to this file", dot);
    cmd.AddValue("simTime",
                 "seconds of simulation before validating (rip, ripng; ospf, bgp: at most)",
                 options.simTime);
    cmd.AddValue("examples", "mismatches to describe on stderr", examples);
    bool mpi = false;
    bool nullMessages = false;
    std::string mpiOut;
    RtmMpiScenario::Config mpiConfig;
    cmd.AddValue("mpi", "run the MPI scenario (RtmMpiScenario) on the ranks started", mpi);
    cmd.AddValue("nullMessages", "MPI engine: NullMessageSimulatorImpl", nullMessages);
    cmd.AddValue("mpiOut", "MPI scenario: write each rank's result to this prefix", mpiOut);
    cmd.AddValue("pairs", "MPI scenario: sampled router pairs", mpiConfig.pairs);
    cmd.AddValue("trafficStart",
                 "MPI scenario: first packet of each pair (after RIP has converged)",
                 mpiConfig.trafficStart);
    cmd.AddValue("stop", "MPI scenario: end of the simulation", mpiConfig.stop);
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
    const Protocol* protocol = nullptr;
    for (const auto& p : protocols)
    {
        protocol = p.name == protocolName ? &p : protocol;
    }
    if (!protocol)
    {
        std::cerr << "rtm-topology: --protocol must be one of: " << names << std::endl;
        return 2;
    }
    std::vector<uint16_t> families;
    if (familyName.empty())
    {
        families.push_back(protocol->families.front());
    }
    else if (familyName == "ipv4" || familyName == "ipv6")
    {
        families.push_back(familyName == "ipv4" ? RTM_AF_INET : RTM_AF_INET6);
    }
    else if (familyName == "dual")
    {
        families = {RTM_AF_INET, RTM_AF_INET6};
    }
    else
    {
        std::cerr << "rtm-topology: --family must be ipv4, ipv6 or dual" << std::endl;
        return 2;
    }
    for (uint16_t f : families)
    {
        if (std::find(protocol->families.begin(), protocol->families.end(), f) ==
            protocol->families.end())
        {
            std::cerr << "rtm-topology: " << protocol->name << " does not route "
                      << RtmFamilyName(f) << std::endl;
            return 2;
        }
    }

    RtmTopologyHelper topoHelper;
    if (protocol->hops || weights == "hops")
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
    RtmPathValidator::Target tgt = protocol->linkPrefixes || options.prefixes == "Links"
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
    topoHelper.SetMetrics(!protocol->hops);
    topoHelper.SetCsma(csma);
    topoHelper.SetFamilies(families.size() == 2          ? RtmTopologyHelper::FAMILY_DUAL
                           : families[0] == RTM_AF_INET6 ? RtmTopologyHelper::FAMILY_IPV6
                                                         : RtmTopologyHelper::FAMILY_IPV4);
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

    if (!protocol->simulates)
    {
        // Start the simulator first: until Simulator::Run, ns-3 records every Time object in a
        // global set (for resolution changes), which the RTM's bookkeeping would pay for. (This
        // also completes IPv6 duplicate address detection.)
        Simulator::Run();
    }
    for (uint16_t f : families)
    {
        protocol->install(options, topo, f);
    }
    if (protocol->simulates)
    {
        Simulator::Stop(Seconds(options.simTime));
        auto r0 = std::chrono::steady_clock::now();
        Simulator::Run();
        double runS = std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
        std::cout << protocol->name << ": simulated " << options.simTime << " s in " << runS << " s"
                  << std::endl;
    }

    int status = 0;
    if (validate || !paths.empty())
    {
        RtmPathValidator::Summary total;
        for (uint16_t f : families)
        {
            RtmPathValidator validator(topo,
                                       protocol->hops ? RtmPathOracle::HOPS
                                                      : RtmPathOracle::WEIGHTS,
                                       tgt,
                                       f);
            std::ofstream pathFile;
            if (!paths.empty())
            {
                std::string name = families.size() > 1 ? paths + "." + RtmFamilyName(f) : paths;
                pathFile.open(name);
                if (!pathFile)
                {
                    std::cerr << "rtm-topology: cannot write " << name << std::endl;
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
                std::cerr << "mismatch (" << RtmFamilyName(f) << "): " << e << std::endl;
            }
            std::cerr << RtmFamilyName(f) << " validated in " << validateS
                      << " s; unreachable pairs " << sum.unreachable << ", delivered hops "
                      << sum.totalHops << std::endl;
            if (validate && families.size() > 1)
            {
                std::cout << "validation " << RtmFamilyName(f) << ": pairs=" << sum.pairs
                          << " mismatches=" << sum.mismatches << std::endl;
            }
            total.pairs += sum.pairs;
            total.mismatches += sum.mismatches;
        }
        if (protocol->check)
        {
            std::ofstream checkFile;
            if (!paths.empty())
            {
                checkFile.open(paths + "." + protocol->name);
            }
            total.mismatches += protocol->check(paths.empty() ? nullptr : &checkFile, examples);
        }
        if (validate)
        {
            std::cout << "validation: pairs=" << total.pairs << " mismatches=" << total.mismatches
                      << std::endl;
            status = total.mismatches > 0 ? 1 : 0;
        }
    }
    Simulator::Destroy();
    return status;
}
