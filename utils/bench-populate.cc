/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: whole-topology route population (README, "Performance"), the link-state client
 * (RtmGraphRoutingHelper) side by side with ns-3's Ipv4GlobalRoutingHelper::PopulateRoutingTables
 * on the same topologies in the same run: Rocketfuel AS1239 (315 routers) and Inet (3,037
 * nodes) from shared/data/topologies/ns3-samples.
 *
 * Every measurement runs in a forked child process, so its peak resident set size
 * (getrusage of the child) is its own and a crash or a time cap cannot take the benchmark down.
 * The child builds the topology (RtmTopologyHelper: point-to-point links, /30 per link, a router
 * address per router), starts the simulator (so neither side pays ns-3's bookkeeping of Time
 * objects created before Simulator::Run), then times the population alone (wall and CPU).
 * The ns-3 side gets a time cap (SIGALRM; environment variable RTM_BENCH_NS3_CAP_S, default
 * 120 s); when it hits the cap, the cap is reported as its time, with a `_capped` key set to 1.
 *
 * Link-state configurations:
 *  - scale (the summary keys populate_s_*): one prefix per router (Prefixes=Routers) and
 *    Aggregate=true (per router, the fewest covering routes that forward exactly like one route
 *    per router address);
 *  - per_prefix: one route per router address (Prefixes=Routers, no aggregation): N(N-1)
 *    routes; and, on Rocketfuel only, all: router addresses and link subnets, one route each.
 * Summary: populate_s_rocketfuel, ns3_global_populate_s_rocketfuel, populate_s_inet,
 * populate_peak_rss_mb_inet, ns3_global_populate_s_inet (the cap if hit), and more.
 */
#include "rtm-bench-summary.h"

#include "ns3/boolean.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/rtm-graph-routing-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <malloc.h>
#include <map>
#include <signal.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include RTM_NS3_GLOBAL_ROUTING_H // Ipv4GlobalRouting

using namespace ns3;

namespace
{

/// Who populates.
enum class Side
{
    Rtm,       //!< the link-state client
    Ns3Global, //!< Ipv4GlobalRoutingHelper::PopulateRoutingTables
};

/// A measurement.
struct Run
{
    std::string format;              //!< topology format
    std::string file;                //!< topology file
    Side side;                       //!< who populates
    std::string prefixes{"Routers"}; //!< RtmGraphDomain::Prefixes
    bool aggregate{true};            //!< RtmGraphDomain::Aggregate
};

/// What a child measured.
struct Result
{
    bool ok{false};        //!< finished
    bool capped{false};    //!< killed by the time cap
    std::string error;     //!< why not ok
    double wallS{0};       //!< population wall time
    double cpuS{0};        //!< population CPU time
    double rssBeforeMb{0}; //!< resident set before the population (topology built)
    double peakRssMb{0};   //!< peak resident set of the child
    double heapMb{0};      //!< heap growth during the population
    double routes{0};      //!< routes created
    uint32_t routers{0};   //!< routers
};

/// \return the current resident set size in MB
double
CurrentRssMb()
{
    std::ifstream in("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    in >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024.0) / 1024.0;
}

/// \return bytes of heap in use
double
HeapBytes()
{
    struct mallinfo2 mi = mallinfo2();
    return static_cast<double>(mi.uordblks + mi.hblkhd);
}

/// \return the time cap of the ns-3 side in seconds
unsigned
Ns3CapSeconds()
{
    const char* env = std::getenv("RTM_BENCH_NS3_CAP_S");
    long v = env ? std::strtol(env, nullptr, 10) : 0;
    return v > 0 ? static_cast<unsigned>(v) : 120;
}

/// The child: build, populate, write "key value" lines to \p fd, exit without cleaning up.
[[noreturn]] void
Child(int fd, const Run& run)
{
    std::ostringstream out;
    Simulator::Run(); // leave the pre-run Time bookkeeping behind (both sides alike)
    RtmTopologyHelper helper;
    if (run.side == Side::Ns3Global)
    {
        InternetStackHelper stack; // ns-3's default: static + global routing in a list
        stack.SetIpv6StackInstall(false);
        helper.SetInternetStack(stack);
    }
    RtmTopology topo;
    std::string error;
    if (!helper.Create(run.format, run.file, topo, error))
    {
        out << "error " << error << "\n";
    }
    else
    {
        double rss0 = CurrentRssMb();
        double heap0 = HeapBytes();
        auto t0 = std::chrono::steady_clock::now();
        std::clock_t c0 = std::clock();
        double routes = 0;
        if (run.side == Side::Rtm)
        {
            RtmGraphRoutingHelper graph;
            graph.SetDomainAttribute("Prefixes", StringValue(run.prefixes));
            graph.SetDomainAttribute("Aggregate", BooleanValue(run.aggregate));
            Ptr<RtmGraphDomain> d = graph.Install(topo.nodes);
            routes = static_cast<double>(d->GetNRoutes());
        }
        else
        {
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        }
        double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
        double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        double heap = HeapBytes() - heap0;
        if (run.side == Side::Ns3Global)
        {
            for (uint32_t i = 0; i < topo.nodes.GetN(); ++i)
            {
                Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(
                    topo.nodes.Get(i)->GetObject<Ipv4>()->GetRoutingProtocol());
                for (uint32_t k = 0; list && k < list->GetNRoutingProtocols(); ++k)
                {
                    int16_t prio;
                    Ptr<Ipv4GlobalRouting> g =
                        DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(k, prio));
                    routes += g ? g->GetNRoutes() : 0;
                }
            }
        }
        out << "wall " << wall << "\ncpu " << cpu << "\nrss0 " << rss0 << "\nheap "
            << heap / 1048576.0 << "\nroutes " << routes << "\nrouters " << topo.GetNRouters()
            << "\n";
    }
    std::string s = out.str();
    ssize_t ignored = write(fd, s.data(), s.size());
    (void)ignored;
    close(fd);
    _exit(0);
}

/// Fork, run \p run in the child (with \p capS seconds at most if not 0), collect the result.
Result
Measure(const Run& run, unsigned capS)
{
    Result r;
    int fds[2];
    if (pipe(fds) != 0)
    {
        r.error = "pipe failed";
        return r;
    }
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0)
    {
        r.error = "fork failed";
        return r;
    }
    if (pid == 0)
    {
        close(fds[0]);
        if (capS > 0)
        {
            alarm(capS);
        }
        Child(fds[1], run);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        text.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    r.peakRssMb = ru.ru_maxrss / 1024.0;
    if (WIFSIGNALED(status))
    {
        r.capped = WTERMSIG(status) == SIGALRM;
        r.error = r.capped ? "time cap hit" : "child killed by a signal";
        return r;
    }
    std::istringstream in(text);
    std::string key;
    while (in >> key)
    {
        if (key == "error")
        {
            std::getline(in, r.error);
            return r;
        }
        double v;
        in >> v;
        if (key == "wall")
        {
            r.wallS = v;
        }
        else if (key == "cpu")
        {
            r.cpuS = v;
        }
        else if (key == "rss0")
        {
            r.rssBeforeMb = v;
        }
        else if (key == "heap")
        {
            r.heapMb = v;
        }
        else if (key == "routes")
        {
            r.routes = v;
        }
        else if (key == "routers")
        {
            r.routers = static_cast<uint32_t>(v);
        }
    }
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && r.routers > 0;
    if (!r.ok && r.error.empty())
    {
        r.error = "child failed";
    }
    return r;
}

/// \return the sample file \p name, or "" (and skip) if absent
std::string
SampleOrSkip(benchmark::State& state, const std::string& name)
{
    std::string path = RtmBenchDataDir() + "/topologies/ns3-samples/" + name;
    std::ifstream probe(path);
    if (!probe)
    {
        state.SkipWithError(("topology " + path + " is absent (set RTM_SHARED_DATA)").c_str());
        return "";
    }
    return path;
}

/// Report one RTM configuration under \p suffix.
void
ReportRtm(benchmark::State& state, const Result& r, const std::string& suffix, bool summary)
{
    if (!r.ok)
    {
        std::fprintf(stderr, "bench-populate %s: %s\n", suffix.c_str(), r.error.c_str());
        return;
    }
    RtmBenchReport("populate_s_" + suffix, r.wallS);
    RtmBenchReport("populate_cpu_s_" + suffix, r.cpuS);
    RtmBenchReport("populate_peak_rss_mb_" + suffix, r.peakRssMb);
    RtmBenchReport("populate_rss_before_mb_" + suffix, r.rssBeforeMb);
    RtmBenchReport("populate_heap_mb_" + suffix, r.heapMb);
    RtmBenchReport("populate_routes_" + suffix, r.routes);
    if (r.routes > 0)
    {
        RtmBenchReport("populate_heap_bytes_per_route_" + suffix, r.heapMb * 1048576.0 / r.routes);
    }
    if (summary)
    {
        state.counters["routes"] = r.routes;
        state.counters["peak_rss_MB"] = r.peakRssMb;
        state.counters["cpu_s"] = r.cpuS;
    }
}

/// Report the ns-3 side under \p suffix.
void
ReportNs3(benchmark::State& state, const Result& r, const std::string& suffix, unsigned cap)
{
    RtmBenchReport("ns3_global_populate_cap_s", cap);
    if (r.capped)
    {
        std::fprintf(stderr,
                     "bench-populate: ns-3 global routing on %s hit the %u s cap\n",
                     suffix.c_str(),
                     cap);
        RtmBenchReport("ns3_global_populate_s_" + suffix, cap);
        RtmBenchReport("ns3_global_populate_capped_" + suffix, 1);
        state.counters["ns3_global_s"] = cap;
        return;
    }
    if (!r.ok)
    {
        std::fprintf(stderr, "bench-populate ns-3 %s: %s\n", suffix.c_str(), r.error.c_str());
        return;
    }
    RtmBenchReport("ns3_global_populate_s_" + suffix, r.wallS);
    RtmBenchReport("ns3_global_populate_cpu_s_" + suffix, r.cpuS);
    RtmBenchReport("ns3_global_populate_capped_" + suffix, 0);
    RtmBenchReport("ns3_global_populate_peak_rss_mb_" + suffix, r.peakRssMb);
    RtmBenchReport("ns3_global_populate_routes_" + suffix, r.routes);
    state.counters["ns3_global_s"] = r.wallS;
}

/// Rocketfuel AS1239: RTM (scale, per-prefix, all) and ns-3's global routing.
void
BM_PopulateRocketfuel(benchmark::State& state)
{
    std::string file = SampleOrSkip(state, "RocketFuel_toposample_1239_weights.txt");
    if (file.empty())
    {
        return;
    }
    unsigned cap = Ns3CapSeconds();
    for (auto _ : state)
    {
        Result scale = Measure(Run{"rocketfuel", file, Side::Rtm, "Routers", true}, 0);
        Result perPrefix = Measure(Run{"rocketfuel", file, Side::Rtm, "Routers", false}, 0);
        Result all = Measure(Run{"rocketfuel", file, Side::Rtm, "All", false}, 0);
        Result ns3 = Measure(Run{"rocketfuel", file, Side::Ns3Global}, cap);
        ReportRtm(state, scale, "rocketfuel", true);
        ReportRtm(state, perPrefix, "rocketfuel_per_prefix", false);
        ReportRtm(state, all, "rocketfuel_all_prefixes", false);
        ReportNs3(state, ns3, "rocketfuel", cap);
        state.SetIterationTime(scale.ok ? scale.wallS : 0);
        if (scale.ok && ns3.ok && scale.wallS > 0)
        {
            RtmBenchReport("populate_speedup_vs_ns3_rocketfuel", ns3.wallS / scale.wallS);
        }
    }
}

/// Inet (3,037 nodes): RTM (scale, per-prefix) and ns-3's global routing (capped).
void
BM_PopulateInet(benchmark::State& state)
{
    std::string file = SampleOrSkip(state, "Inet_toposample.txt");
    if (file.empty())
    {
        return;
    }
    unsigned cap = Ns3CapSeconds();
    for (auto _ : state)
    {
        Result scale = Measure(Run{"inet", file, Side::Rtm, "Routers", true}, 0);
        Result perPrefix = Measure(Run{"inet", file, Side::Rtm, "Routers", false}, 0);
        Result ns3 = Measure(Run{"inet", file, Side::Ns3Global}, cap);
        ReportRtm(state, scale, "inet", true);
        ReportRtm(state, perPrefix, "inet_per_prefix", false);
        ReportNs3(state, ns3, "inet", cap);
        state.SetIterationTime(scale.ok ? scale.wallS : 0);
    }
}

} // namespace

BENCHMARK(BM_PopulateRocketfuel)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PopulateInet)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
