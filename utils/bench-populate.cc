/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: whole-topology route population (README, "Performance"), the link-state client
 * (RtmGraphRoutingHelper) side by side with ns-3's Ipv4GlobalRoutingHelper::PopulateRoutingTables
 * on the same topologies in the same run: Rocketfuel AS1239 (315 routers) and Inet (3,037
 * nodes) from shared/data/topologies/ns3-samples.
 *
 * Every measurement runs in its own process, rtm-sim-bench --populateOnly started by
 * RtmBenchRunSimBench (rtm-bench-child.h): its peak resident set (the child's own VmHWM) is its
 * own, and a crash or a time cap cannot take the benchmark down. (Until issue 14 these were
 * forks of rtm-bench, whose peak RSS included every page rtm-bench held at the time.) The child
 * builds the topology (RtmTopologyHelper: point-to-point links, /30 per link, a router address
 * per router, the file's link weights), starts the simulator (so neither side pays ns-3's
 * bookkeeping of Time objects created before Simulator::Run), then times the population alone
 * (wall and CPU). The ns-3 side gets a time cap (environment variable RTM_BENCH_NS3_CAP_S,
 * default 120 s); when it hits the cap, the cap is reported as its time, with a `_capped` key
 * set to 1.
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
#include "rtm-bench-child.h"
#include "rtm-bench-summary.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

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
    std::string topology;            //!< rocketfuel or inet (rtm-sim-bench --topology)
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

/// \return the time cap of the ns-3 side in seconds
unsigned
Ns3CapSeconds()
{
    return RtmBenchEnvUnsigned("RTM_BENCH_NS3_CAP_S", 120);
}

/// Run \p run in rtm-sim-bench --populateOnly (with \p capS seconds at most if not 0).
Result
Measure(const Run& run, unsigned capS)
{
    std::vector<std::string> args = {"--topology=" + run.topology,
                                     "--data=" + RtmBenchDataDir(),
                                     "--weights=file",
                                     "--populateOnly=true"};
    if (run.side == Side::Rtm)
    {
        args.push_back("--routing=rtm");
        args.push_back("--prefixes=" + run.prefixes);
        args.push_back(std::string("--aggregate=") + (run.aggregate ? "true" : "false"));
    }
    else
    {
        args.push_back("--routing=global");
    }
    RtmBenchChild c = RtmBenchRunSimBench(args, capS > 0 ? capS : 24 * 3600, 0);
    Result r;
    r.capped = c.capped;
    r.error = c.error;
    r.ok = c.finished && c.Get("routers") > 0;
    r.wallS = c.Get("populate_s");
    r.cpuS = c.Get("populate_cpu_s");
    r.rssBeforeMb = c.Get("rss_before_populate_mb");
    r.peakRssMb = c.Get("peak_rss_mb");
    r.heapMb = c.Get("populate_heap_mb");
    r.routes = c.Get("routes");
    r.routers = static_cast<uint32_t>(c.Get("routers"));
    if (!r.ok && r.error.empty())
    {
        r.error = "no routers";
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
        Result scale = Measure(Run{"rocketfuel", Side::Rtm, "Routers", true}, 0);
        Result perPrefix = Measure(Run{"rocketfuel", Side::Rtm, "Routers", false}, 0);
        Result all = Measure(Run{"rocketfuel", Side::Rtm, "All", false}, 0);
        Result ns3 = Measure(Run{"rocketfuel", Side::Ns3Global}, cap);
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
        Result scale = Measure(Run{"inet", Side::Rtm, "Routers", true}, 0);
        Result perPrefix = Measure(Run{"inet", Side::Rtm, "Routers", false}, 0);
        Result ns3 = Measure(Run{"inet", Side::Ns3Global}, cap);
        ReportRtm(state, scale, "inet", true);
        ReportRtm(state, perPrefix, "inet_per_prefix", false);
        ReportNs3(state, ns3, "inet", cap);
        state.SetIterationTime(scale.ok ? scale.wallS : 0);
    }
}

} // namespace

BENCHMARK(BM_PopulateRocketfuel)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PopulateInet)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
