/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-sim-bench: one whole simulation of issue 14's scenario with one routing, measured from
 * inside a fresh process (rtm-bench's bench-sim.cc runs it once per topology and routing; it is
 * also the program to profile).
 *
 * The scenario: a topology of the shared data (rocketfuel: Rocketfuel AS1239, 315 routers;
 * kdl: Topology Zoo Kdl, 754; inet: Inet, 3,037 nodes; or any file with --format; or a graph
 * generated with Boost.Graph's generators, --topology=smallworld or powerlaw with --routers=N, see
 * Generate) built by RtmTopologyHelper with hop-count weights (every interface metric 1), 1 Gbps /
 * 1 ms point-to-point links; `pairs` (source, destination) router pairs drawn with
 * std::mt19937(seed) among the routers with a link; each source sends `rate` 64-byte UDP packets
 * per second for `seconds` seconds to its destination's address on its first link (UdpClient /
 * UdpServer), the flows starting 1 s in, 0.5 ms apart (closer when there are more than 2,000 flows:
 * all start within the first second). Routing (--routing):
 *  - rtm: the RTM (RtmHelper, the topology helper's default stack) and the link-state client
 *    with its default attributes (RtmGraphRoutingHelper::Install), or the Prefixes and Aggregate
 *    given with --prefixes and --aggregate;
 *  - global: ns-3's InternetStackHelper default (static + global routing) and
 *    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
 *  - nix: ns-3's Ipv4NixVectorHelper as the stack's routing (paths computed per flow, on demand).
 * IPv6 is not installed on any side.
 *
 * Phases, each timed in wall seconds and in CPU seconds of the process (user + system: on a
 * shared machine the CPU figures move less): build (read the file, nodes, stacks, links,
 * addresses), populate (rtm: the client's install; global: PopulateRoutingTables; nix: nothing, its
 * work is in the run), apps (the UDP applications), run (Simulator::Run), destroy
 * (Simulator::Destroy and the release of the topology). An empty Simulator::Run() comes first so
 * that no side pays ns-3's bookkeeping of Time objects created before the first run (ns-3 3.37
 * records them all).
 *
 * What was delivered: every UDP packet delivered locally at a destination (Ipv4L3Protocol
 * LocalDeliver) counts for its flow (by port) with its sequence number (SeqTsHeader) and its
 * hop count (links crossed: 64 - TTL + 1). delivery_digest is an order-independent hash of the
 * (flow, sequence number) pairs: equal digests and counts mean the same packets arrived. Every
 * packet's hop count is checked against the shortest path of the graph (breadth-first): with
 * hop-count metrics each routing takes a shortest path to the destination router, or one link
 * more when it routes towards the link subnet of the address and reaches the subnet's other
 * router first (global routing, rtm's link subnets); anything else counts as hops_wrong.
 *
 * With --buildOnly the program stops after the build (the stacks with no route installed: the
 * program to heap-profile what a router costs before its routes); with --populateOnly it stops
 * after the population (bench-populate.cc: population
 * time, CPU time, heap growth and peak RSS of the rtm configurations and of ns-3's global
 * routing); --weights=file takes the file's link weights instead of hop counts.
 *
 * Output: `key value` lines on standard output, flushed after each phase (so a run stopped by a
 * time cap still tells how far it got); peak_rss_mb is the process's own high-water mark
 * (VmHWM of /proc/self/status, read last), routes the routes installed (rtm: the domain's;
 * global: every Ipv4GlobalRouting's; nix: 0). Exit status 0, 2 on bad options or topology, 3
 * when --memCapMb was exceeded (std::bad_alloc).
 */
#include "rtm-bench-child.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/nix-vector-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-graph-routing-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/seq-ts-header.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/udp-header.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/plod_generator.hpp>
#include <boost/graph/small_world_generator.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <memory>
#include <new>
#include <random>
#include <set>
#include <string>
#include <sys/resource.h>
#include <vector>

#include RTM_NS3_GLOBAL_ROUTING_H // Ipv4GlobalRouting

using namespace ns3;

namespace
{

/// A flow and what arrived of it.
struct Flow
{
    uint32_t source{0};      //!< source vertex
    uint32_t destination{0}; //!< destination vertex
    uint32_t shortest{0};    //!< links on a shortest path
    uint64_t received{0};    //!< packets delivered
    uint64_t extraHop{0};    //!< delivered over shortest + 1 links
    uint64_t wrongHops{0};   //!< delivered over any other number of links
    uint64_t hops{0};        //!< links crossed, summed
};

/// \return a figure of this process's /proc/self/status in MB (e.g. "VmHWM:"), 0 if absent
double
StatusMb(const std::string& field)
{
    return RtmBenchStatusMb(0, field);
}

/// 64-bit mix (splitmix64's finaliser): spreads a (flow, sequence) key over the digest.
uint64_t
Mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Wall-clock and process CPU stopwatch.
class Stopwatch
{
  public:
    /// \return wall seconds since the last call (or construction); Cpu() gives the CPU seconds
    double Lap()
    {
        auto now = std::chrono::steady_clock::now();
        double cpu = ProcessCpu();
        double s = std::chrono::duration<double>(now - m_last).count();
        m_lapCpu = cpu - m_lastCpu;
        m_last = now;
        m_lastCpu = cpu;
        return s;
    }

    /// \return the process CPU seconds (user + system) of the last lap
    double Cpu() const
    {
        return m_lapCpu;
    }

  private:
    /// \return user + system CPU seconds of this process
    static double ProcessCpu()
    {
        rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               1e-6 * static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
    }

    std::chrono::steady_clock::time_point m_last{std::chrono::steady_clock::now()}; //!< last
    double m_lastCpu{ProcessCpu()}; //!< CPU seconds at the last lap
    double m_lapCpu{0};             //!< CPU seconds of the last lap
};

/// Print a figure and flush.
template <typename T>
void
Out(const std::string& key, const T& value)
{
    std::cout << key << " " << value << std::endl;
}

/// What to run (the command line).
struct Options
{
    std::string topology{"kdl"}; //!< rocketfuel, kdl, inet or a file
    std::string format;          //!< the file's format
    std::string file;            //!< the topology file
    std::string routing{"rtm"};  //!< rtm, global or nix
    std::string prefixes;        //!< rtm: Prefixes ("": the default)
    std::string aggregate;       //!< rtm: Aggregate ("": the default)
    std::string weights{"hops"}; //!< hops (metric 1) or file (the file's weights)
    uint32_t routers{1000};      //!< generated topologies: routers
    uint32_t graphSeed{1};       //!< generated topologies: seed of the generator
    bool buildOnly{false};       //!< stop after the build
    bool populateOnly{false};    //!< stop after the population
    uint32_t pairs{200};         //!< flows
    uint32_t seed{1};            //!< seed of the pairs
    double rate{10};             //!< packets per second per flow
    double seconds{10};          //!< seconds each flow sends
};

/// \return bytes of heap in use
double
HeapBytes()
{
    struct mallinfo2 mi = mallinfo2();
    return static_cast<double>(mi.uordblks + mi.hblkhd);
}

/**
 * \brief A generated topology graph (no ns-3 objects yet), seeded with boost::mt19937(seed):
 *  - smallworld: Watts-Strogatz (boost::small_world_iterator), a ring lattice of \p n routers
 *    each linked to its 4 nearest, every link rewired with probability 0.05 (2n links);
 *  - powerlaw: power-law out-degree (boost::plod_iterator: a router drawing x uniformly in
 *    [0, n) gets beta x^-0.7 link ends, beta chosen for a mean of 3 ends per router, so the
 *    largest degree is beta, about 0.9 n^0.7), then every component other than the largest
 *    joined to it by one link from its first router (so every pair of routers is connected).
 * Self-loops and repeated links are dropped. Vertex ids are the vertex numbers.
 * \return false for another kind
 */
bool
Generate(const std::string& kind, uint32_t n, uint32_t seed, RtmTopologyGraph& g)
{
    boost::mt19937 rng(seed);
    std::set<std::pair<uint32_t, uint32_t>> edges;
    auto add = [&edges](uint32_t a, uint32_t b) {
        if (a != b)
        {
            edges.insert(std::minmax(a, b));
        }
    };
    if (kind == "smallworld")
    {
        typedef boost::small_world_iterator<boost::mt19937, RtmTopologyGraph> It;
        for (It it(rng, n, 4, 0.05), end; it != end; ++it)
        {
            add(it->first, it->second);
        }
    }
    else if (kind == "powerlaw")
    {
        typedef boost::plod_iterator<boost::mt19937, RtmTopologyGraph> It;
        const double alpha = 0.7;
        double sum = 0;
        for (uint32_t x = 1; x < n; ++x)
        {
            sum += std::pow(static_cast<double>(x), -alpha);
        }
        const double beta = 3.0 * n / sum;
        for (It it(rng, n, alpha, beta), end; it != end; ++it)
        {
            add(it->first, it->second);
        }
    }
    else
    {
        return false;
    }
    g = RtmTopologyGraph(n);
    for (uint32_t v = 0; v < n; ++v)
    {
        g[v].id = std::to_string(v);
    }
    for (const auto& e : edges)
    {
        boost::add_edge(e.first, e.second, g);
    }
    // Join the components to the largest one.
    std::vector<uint32_t> component(n);
    const uint32_t nc = boost::connected_components(g, component.data());
    std::vector<uint32_t> size(nc, 0);
    std::vector<int64_t> first(nc, -1);
    for (uint32_t v = 0; v < n; ++v)
    {
        ++size[component[v]];
        first[component[v]] = first[component[v]] < 0 ? v : first[component[v]];
    }
    const uint32_t giant =
        static_cast<uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    for (uint32_t c = 0; c < nc; ++c)
    {
        if (c != giant)
        {
            boost::add_edge(static_cast<uint32_t>(first[c]),
                            static_cast<uint32_t>(first[giant]),
                            g);
        }
    }
    return true;
}

/// The program, after the options.
int
Simulate(const Options& o)
{
    const std::string& routing = o.routing;
    const double seconds = o.seconds;
    const double rate = o.rate;
    Simulator::Run(); // ns-3 stops recording every Time made (both sides alike)
    Stopwatch watch;
    double total = 0;

    // Build.
    auto topo = std::make_unique<RtmTopology>();
    {
        RtmTopologyHelper helper;
        helper.SetWeightMode(o.weights == "file" ? RtmTopologyHelper::WEIGHTS_FILE
                                                 : RtmTopologyHelper::WEIGHTS_HOPS);
        helper.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
        helper.SetChannelAttribute("Delay", StringValue("1ms"));
        if (routing != "rtm")
        {
            InternetStackHelper stack;
            stack.SetIpv6StackInstall(false);
            if (routing == "nix")
            {
                Ipv4NixVectorHelper nix;
                stack.SetRoutingHelper(nix);
            }
            helper.SetInternetStack(stack);
        }
        std::string error;
        if (o.format == "generated")
        {
            Generate(o.topology, o.routers, o.graphSeed, topo->graph);
            topo->file = o.topology;
            helper.Build(*topo);
        }
        else if (!helper.Create(o.format, o.file, *topo, error))
        {
            std::cerr << "rtm-sim-bench: " << error << std::endl;
            return 2;
        }
    }
    const uint32_t n = topo->GetNRouters();
    double build = watch.Lap();
    total += build;
    double totalCpu = watch.Cpu();
    Out("routers", n);
    Out("links", topo->links.size());
    Out("build_s", build);
    Out("build_cpu_s", watch.Cpu());
    if (o.buildOnly)
    {
        Out("rss_after_build_mb", StatusMb("VmRSS:"));
        Out("heap_after_build_mb", HeapBytes() / 1048576.0);
        Out("peak_rss_mb", StatusMb("VmHWM:"));
        std::_Exit(0); // no teardown: this run measures the build only
    }

    // Populate.
    Ptr<RtmGraphDomain> domain;
    uint64_t routes = 0;
    const double rssBefore = StatusMb("VmRSS:");
    const double heapBefore = HeapBytes();
    watch.Lap();
    if (routing == "rtm")
    {
        RtmGraphRoutingHelper graph;
        if (!o.prefixes.empty())
        {
            graph.SetDomainAttribute("Prefixes", StringValue(o.prefixes));
        }
        if (!o.aggregate.empty())
        {
            graph.SetDomainAttribute("Aggregate", StringValue(o.aggregate));
        }
        domain = graph.Install(topo->nodes);
    }
    else if (routing == "global")
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }
    double populate = watch.Lap();
    const double populateCpu = watch.Cpu();
    totalCpu += populateCpu;
    const double heapMb = (HeapBytes() - heapBefore) / 1048576.0;
    total += populate;
    if (domain)
    {
        routes = domain->GetNRoutes();
    }
    else if (routing == "global")
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(
                topo->nodes.Get(i)->GetObject<Ipv4>()->GetRoutingProtocol());
            for (uint32_t k = 0; list && k < list->GetNRoutingProtocols(); ++k)
            {
                int16_t priority;
                Ptr<Ipv4GlobalRouting> g =
                    DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(k, priority));
                routes += g ? g->GetNRoutes() : 0;
            }
        }
    }
    Out("populate_s", populate);
    Out("populate_cpu_s", populateCpu);
    Out("routes", routes);
    Out("rss_before_populate_mb", rssBefore);
    Out("rss_after_populate_mb", StatusMb("VmRSS:"));
    Out("populate_heap_mb", heapMb);
    if (o.populateOnly)
    {
        Out("peak_rss_mb", StatusMb("VmHWM:"));
        std::_Exit(0); // no teardown: this run measures the population only
    }
    watch.Lap();

    // The flows: pairs of distinct routers that have a link.
    std::vector<int64_t> firstLink(n, -1);
    for (uint32_t k = 0; k < topo->links.size(); ++k)
    {
        for (uint32_t end : {topo->links[k].a, topo->links[k].b})
        {
            if (firstLink[end] < 0)
            {
                firstLink[end] = k;
            }
        }
    }
    std::vector<uint32_t> linked;
    for (uint32_t v = 0; v < n; ++v)
    {
        if (firstLink[v] >= 0)
        {
            linked.push_back(v);
        }
    }
    if (linked.size() < 2)
    {
        std::cerr << "rtm-sim-bench: fewer than two linked routers" << std::endl;
        return 2;
    }
    std::vector<Flow> flows(o.pairs);
    std::mt19937 rng(o.seed);
    for (Flow& f : flows)
    {
        uint32_t s = rng() % linked.size();
        uint32_t d = rng() % (linked.size() - 1);
        f.source = linked[s];
        f.destination = linked[d >= s ? d + 1 : d];
    }
    const uint16_t basePort = 10000;
    const uint32_t packets = static_cast<uint32_t>(rate * seconds + 0.5);
    uint64_t digest = 0;
    std::vector<bool> serverAt(n, false);
    const Time spacing = flows.size() <= 2000 ? MicroSeconds(500) : Seconds(1.0 / flows.size());
    for (uint32_t i = 0; i < flows.size(); ++i)
    {
        const Flow& f = flows[i];
        const RtmTopologyLink& l = topo->links[firstLink[f.destination]];
        Ipv4Address to = l.a == f.destination ? l.addrA : l.addrB;
        uint16_t port = static_cast<uint16_t>(basePort + i);
        UdpServerHelper server(port);
        ApplicationContainer a = server.Install(topo->nodes.Get(f.destination));
        a.Start(Seconds(0));
        a.Stop(Seconds(seconds + 3));
        UdpClientHelper client(to, port);
        client.SetAttribute("MaxPackets", UintegerValue(packets));
        client.SetAttribute("Interval", TimeValue(Seconds(1.0 / rate)));
        client.SetAttribute("PacketSize", UintegerValue(64));
        ApplicationContainer c = client.Install(topo->nodes.Get(f.source));
        c.Start(Seconds(1) + spacing * i);
        c.Stop(Seconds(seconds + 2));
        serverAt[f.destination] = true;
    }
    // Deliveries, at the destinations' IPv4.
    auto onDeliver = [&flows, &digest](const Ipv4Header& h, Ptr<const Packet> p, uint32_t) {
        if (h.GetProtocol() != UdpL4Protocol::PROT_NUMBER)
        {
            return;
        }
        Ptr<Packet> copy = p->Copy();
        UdpHeader udp;
        copy->RemoveHeader(udp);
        uint32_t i = udp.GetDestinationPort() - basePort;
        if (udp.GetDestinationPort() < basePort || i >= flows.size())
        {
            return;
        }
        SeqTsHeader seq;
        copy->PeekHeader(seq);
        Flow& f = flows[i];
        uint32_t hops = 64u - h.GetTtl() + 1u;
        ++f.received;
        f.hops += hops;
        f.extraHop += hops == f.shortest + 1;
        f.wrongHops += hops != f.shortest && hops != f.shortest + 1;
        digest += Mix((uint64_t(i) << 32) | seq.GetSeq());
    };
    for (uint32_t v = 0; v < n; ++v)
    {
        if (serverAt[v])
        {
            topo->nodes.Get(v)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "LocalDeliver",
                RtmMakeCallback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(onDeliver));
        }
    }
    // Shortest paths (links) from every destination, breadth-first over the topology graph.
    {
        std::vector<uint32_t> dist(n);
        for (Flow& f : flows)
        {
            std::fill(dist.begin(), dist.end(), UINT32_MAX);
            dist[f.destination] = 0;
            boost::breadth_first_search(
                topo->graph,
                boost::vertex(f.destination, topo->graph),
                boost::visitor(boost::make_bfs_visitor(boost::record_distances(
                    boost::make_iterator_property_map(dist.begin(),
                                                      get(boost::vertex_index, topo->graph)),
                    boost::on_tree_edge()))));
            f.shortest = dist[f.source];
        }
    }
    double apps = watch.Lap();
    total += apps;
    totalCpu += watch.Cpu();
    Out("apps_s", apps);

    // Run.
    Simulator::Stop(Seconds(seconds + 3));
    Simulator::Run();
    double run = watch.Lap();
    total += run;
    totalCpu += watch.Cpu();
    const double runCpu = watch.Cpu();
    uint64_t events = Simulator::GetEventCount();
    Out("run_s", run);
    Out("run_cpu_s", runCpu);
    Out("events", events);
    Out("events_per_s", run > 0 ? static_cast<double>(events) / run : 0);

    // What arrived.
    uint64_t delivered = 0;
    uint64_t complete = 0;
    uint64_t hops = 0;
    uint64_t extra = 0;
    uint64_t wrong = 0;
    uint64_t unreachable = 0;
    for (const Flow& f : flows)
    {
        delivered += f.received;
        complete += f.received == packets;
        hops += f.hops;
        extra += f.extraHop;
        wrong += f.wrongHops;
        unreachable += f.shortest == UINT32_MAX;
    }
    Out("flows", flows.size());
    Out("unreachable_flows", unreachable);
    Out("sent", static_cast<uint64_t>(packets) * flows.size());
    Out("delivered", delivered);
    Out("flows_complete", complete);
    Out("delivery_digest", digest);
    Out("hops_mean", delivered > 0 ? static_cast<double>(hops) / delivered : 0);
    Out("hops_extra", extra);
    Out("hops_wrong", wrong);
    Out("rss_after_run_mb", StatusMb("VmRSS:"));

    // Destroy.
    watch.Lap();
    Simulator::Destroy();
    domain = nullptr;
    topo.reset();
    double destroy = watch.Lap();
    total += destroy;
    totalCpu += watch.Cpu();
    Out("destroy_s", destroy);
    Out("destroy_cpu_s", watch.Cpu());
    Out("total_s", total);
    Out("total_cpu_s", totalCpu);
    Out("peak_rss_mb", StatusMb("VmHWM:"));
    return 0;
}

} // namespace

int
main(int argc, char** argv)
{
    Options o;
    std::string data;
    uint32_t memCapMb = 0;
    CommandLine cmd(__FILE__);
    cmd.AddValue("topology",
                 "rocketfuel (AS1239), kdl (Topology Zoo), inet, smallworld or powerlaw "
                 "(generated, --routers), or a topology file (--format)",
                 o.topology);
    cmd.AddValue("routers", "smallworld, powerlaw: routers", o.routers);
    cmd.AddValue("graphSeed", "smallworld, powerlaw: seed of the generator", o.graphSeed);
    cmd.AddValue("format",
                 "format of a topology file: graphml, inet, orbis or rocketfuel",
                 o.format);
    cmd.AddValue("routing", "rtm (link-state client), global or nix", o.routing);
    cmd.AddValue("prefixes",
                 "rtm: the link-state domain's Prefixes (All, Routers, Links; default: its own)",
                 o.prefixes);
    cmd.AddValue("aggregate",
                 "rtm: the link-state domain's Aggregate (true, false; default: its own)",
                 o.aggregate);
    cmd.AddValue("weights", "link weights: hops (every metric 1) or file", o.weights);
    cmd.AddValue("buildOnly", "stop after the build (no routes, no traffic)", o.buildOnly);
    cmd.AddValue("populateOnly", "stop after the population (no traffic)", o.populateOnly);
    cmd.AddValue("data", "the shared data folder (default: $RTM_SHARED_DATA, else built in)", data);
    cmd.AddValue("pairs", "router pairs with a flow", o.pairs);
    cmd.AddValue("seed", "seed of the pair sample", o.seed);
    cmd.AddValue("rate", "packets per second per flow", o.rate);
    cmd.AddValue("seconds", "seconds each flow sends", o.seconds);
    cmd.AddValue("memCapMb",
                 "address-space limit in MB (0: none); exceeding it exits with 3",
                 memCapMb);
    cmd.Parse(argc, argv);
    if (o.routing != "rtm" && o.routing != "global" && o.routing != "nix")
    {
        std::cerr << "rtm-sim-bench: --routing must be rtm, global or nix" << std::endl;
        return 2;
    }
    if (o.weights != "hops" && o.weights != "file")
    {
        std::cerr << "rtm-sim-bench: --weights must be hops or file" << std::endl;
        return 2;
    }
    if (data.empty())
    {
        const char* env = std::getenv("RTM_SHARED_DATA");
        data = env != nullptr && *env != '\0' ? env : RTM_SHARED_DATA;
    }
    o.file = o.topology;
    if (o.topology == "rocketfuel")
    {
        o.format = "rocketfuel";
        o.file = data + "/topologies/ns3-samples/RocketFuel_toposample_1239_weights.txt";
    }
    else if (o.topology == "kdl")
    {
        o.format = "graphml";
        o.file = data + "/topologies/topology-zoo/Kdl.graphml";
    }
    else if (o.topology == "inet")
    {
        o.format = "inet";
        o.file = data + "/topologies/ns3-samples/Inet_toposample.txt";
    }
    else if (o.topology == "smallworld" || o.topology == "powerlaw")
    {
        o.format = "generated";
        if (o.routers < 10)
        {
            std::cerr << "rtm-sim-bench: --routers must be at least 10" << std::endl;
            return 2;
        }
    }
    else if (o.format.empty())
    {
        std::cerr << "rtm-sim-bench: a topology file needs --format" << std::endl;
        return 2;
    }
    if (o.rate <= 0 || o.seconds <= 0 || o.pairs == 0 || o.pairs > 55535)
    {
        std::cerr << "rtm-sim-bench: --rate and --seconds must be positive, --pairs in [1, 55535]"
                  << std::endl;
        return 2;
    }
    if (memCapMb > 0)
    {
        rlimit limit;
        limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(memCapMb) << 20;
        setrlimit(RLIMIT_AS, &limit);
    }
    Out("topology", o.topology);
    Out("routing", o.routing);
    try
    {
        return Simulate(o);
    }
    catch (const std::bad_alloc&)
    {
        Out("capped_memory", 1);
        return 3;
    }
}
