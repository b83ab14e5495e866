/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: whole simulations (issue 14): the scenario of rtm-sim-bench (200 seeded router
 * pairs, 10 UDP packets/s each for 10 s, 1 Gbps / 1 ms point-to-point links, hop-count metrics)
 * on Rocketfuel AS1239 (315 routers), Topology Zoo Kdl (754) and Inet (3,037 nodes), three ways:
 * rtm with the link-state client's defaults, ns-3's global routing and ns-3's nix-vector routing,
 * and, as a fourth side, rtm with the client's Aggregate=true (side rtm_agg: the scale switch).
 *
 * Each side runs in its own process: rtm-sim-bench (built next to rtm-bench) started with
 * posix_spawn, so its memory figures are its own (a fork of this process would start with this
 * process's resident pages; its peak is read from the child's own VmHWM, which counts only the
 * exec'd program). A side still running after the time cap (environment variable
 * RTM_BENCH_SIM_CAP_S, default 60 s) is killed: its wall time is reported as the cap, its peak
 * RSS as its VmHWM at that moment, and `sim_capped_<topology>_<side>` is 1. An address-space cap
 * (RTM_BENCH_SIM_MEM_CAP_MB, default 16384) stops a side that would exhaust the machine; it is
 * reported as capped likewise.
 *
 * The sides must deliver the same packets: `sim_same_packets_<topology>` is 1 when every side
 * that finished delivered the same number of packets with the same (flow, sequence number)
 * digest and no packet took a path that is not a shortest path (see rtm-sim-bench.cc), else the
 * benchmark fails with the difference.
 * Summary: sim_wall_s_<t>_<side> (build + populate + apps + run + destroy, wall seconds),
 * sim_cpu_s_ (the same in CPU seconds of the process, steadier on a shared machine),
 * sim_{build,populate,run,destroy}_s_ and _cpu_s_, sim_events_per_s_, sim_peak_rss_mb_,
 * sim_delivered_, sim_routes_, sim_capped_ (t: rocketfuel, kdl, inet; side: rtm, global, nix,
 * rtm_agg),
 * sim_same_packets_<t>, and sim_wall_rtm_vs_nix_<t>, sim_cpu_rtm_vs_nix_<t>,
 * sim_rss_rtm_vs_nix_<t> (the targets: wall <= 1 and RSS <= 1.5), and the same three
 * ratios for rtm_agg (sim_wall_rtm_agg_vs_nix_<t>, ...).
 */
#include "rtm-bench-child.h"
#include "rtm-bench-summary.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// What one side reported.
struct SideResult : public RtmBenchChild
{
    std::string side; //!< rtm, global, nix or rtm_agg
};

/// Run rtm-sim-bench for \p topology and \p side, with the caps.
SideResult
RunSide(const std::string& topology, const std::string& side)
{
    SideResult r;
    std::vector<std::string> args = {"--topology=" + topology,
                                     "--routing=" + (side == "rtm_agg" ? "rtm" : side),
                                     "--data=" + RtmBenchDataDir()};
    if (side == "rtm_agg")
    {
        args.push_back("--aggregate=true");
    }
    static_cast<RtmBenchChild&>(r) =
        RtmBenchRunSimBench(args,
                            RtmBenchEnvUnsigned("RTM_BENCH_SIM_CAP_S", 60),
                            RtmBenchEnvUnsigned("RTM_BENCH_SIM_MEM_CAP_MB", 16384));
    r.side = side;
    return r;
}

/// Run the three sides on \p topology, report, check that they delivered the same packets.
void
SimulateTopology(benchmark::State& state, const std::string& topology)
{
    for (auto _ : state)
    {
        std::vector<SideResult> sides;
        for (const char* side : {"rtm", "nix", "global", "rtm_agg"})
        {
            sides.push_back(RunSide(topology, side));
        }
        std::string problem;
        const SideResult* reference = nullptr;
        for (const SideResult& r : sides)
        {
            const std::string k = topology + "_" + r.side;
            if (!r.finished && !r.capped)
            {
                problem += r.side + ": " + r.error + "; ";
                continue;
            }
            RtmBenchReport("sim_wall_s_" + k, r.Get("total_s"));
            RtmBenchReport("sim_peak_rss_mb_" + k, r.Get("peak_rss_mb"));
            RtmBenchReport("sim_capped_" + k, r.capped ? 1 : 0);
            if (r.capped)
            {
                std::fprintf(stderr,
                             "bench-sim: %s on %s: %s\n",
                             r.side.c_str(),
                             topology.c_str(),
                             r.error.c_str());
                continue;
            }
            RtmBenchReport("sim_cpu_s_" + k, r.Get("total_cpu_s"));
            for (const char* phase : {"build", "populate", "run", "destroy"})
            {
                RtmBenchReport(std::string("sim_") + phase + "_s_" + k,
                               r.Get(std::string(phase) + "_s"));
                RtmBenchReport(std::string("sim_") + phase + "_cpu_s_" + k,
                               r.Get(std::string(phase) + "_cpu_s"));
            }
            RtmBenchReport("sim_events_per_s_" + k, r.Get("events_per_s"));
            RtmBenchReport("sim_delivered_" + k, r.Get("delivered"));
            RtmBenchReport("sim_routes_" + k, r.Get("routes"));
            state.counters[r.side + "_s"] = r.Get("total_s");
            state.counters[r.side + "_MB"] = r.Get("peak_rss_mb");
            if (r.Get("hops_wrong") != 0 || r.Get("unreachable_flows") != 0)
            {
                problem += r.side + " delivered packets over paths that are not shortest; ";
            }
            if (reference == nullptr)
            {
                reference = &r;
            }
            else if (r.values.at("delivered") != reference->values.at("delivered") ||
                     r.values.at("delivery_digest") != reference->values.at("delivery_digest"))
            {
                problem += r.side + " delivered " + r.values.at("delivered") + " packets, " +
                           reference->side + " " + reference->values.at("delivered") +
                           " (or other ones); ";
            }
        }
        RtmBenchReport("sim_same_packets_" + topology, problem.empty() ? 1 : 0);
        const SideResult& nix = sides[1];
        for (const SideResult* rtm : {&sides[0], &sides[3]})
        {
            if (rtm->finished && nix.finished && nix.Get("total_s") > 0 &&
                nix.Get("peak_rss_mb") > 0)
            {
                const std::string k = rtm->side + "_vs_nix_" + topology;
                RtmBenchReport("sim_wall_" + k, rtm->Get("total_s") / nix.Get("total_s"));
                RtmBenchReport("sim_cpu_" + k, rtm->Get("total_cpu_s") / nix.Get("total_cpu_s"));
                RtmBenchReport("sim_rss_" + k, rtm->Get("peak_rss_mb") / nix.Get("peak_rss_mb"));
            }
        }
        const SideResult& rtm = sides[0];
        state.SetIterationTime(rtm.Get("total_s"));
        if (!problem.empty())
        {
            state.SkipWithError(("bench-sim " + topology + ": " + problem).c_str());
        }
    }
}

void
BM_SimRocketfuel(benchmark::State& state)
{
    SimulateTopology(state, "rocketfuel");
}

void
BM_SimKdl(benchmark::State& state)
{
    SimulateTopology(state, "kdl");
}

void
BM_SimInet(benchmark::State& state)
{
    SimulateTopology(state, "inet");
}

} // namespace

BENCHMARK(BM_SimRocketfuel)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimKdl)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimInet)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
