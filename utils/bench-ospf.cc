/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: OSPF convergence on Topology Zoo's Kdl (754 routers, 895 links; 1 Gb/s, 1 ms
 * point-to-point links, cost 1 per link): OSPF starts on every router at once, and the
 * benchmark reports when the network is quiet again (RtmOspfTopologyHelper::RunUntilConverged):
 *  - ospf_converge_s_kdl: simulated seconds from the start to the last RTM write;
 *  - ospf_wall_s_kdl: wall seconds of the whole run (topology built, OSPF converged, one link
 *    failed and reconverged);
 *  - ospf_reconverge_s_kdl: simulated seconds from a link failure to the last RTM write;
 *  - ospf_packets_kdl, ospf_bytes_kdl, ospf_lsas_kdl, ospf_spf_runs_kdl: the start-up's control
 *    traffic and work; ospf_peak_rss_mb_kdl: the run's peak resident set.
 * The run happens in a forked child (its own peak RSS, and a crash cannot take the benchmark
 * down). Next to it, in another child, the converged oracle: the link-state client populating
 * the same topology at once (graph_populate_s_kdl), what OSPF's distributed computation
 * replaces.
 */
#include "rtm-bench-summary.h"

#include "ns3/rtm-graph-routing-helper.h"
#include "ns3/rtm-ospf-topology-helper.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ns3;

namespace
{

/// The child: run, write "key value" lines to \p fd, exit without cleaning up.
[[noreturn]] void
Child(int fd, const std::string& file, bool graph)
{
    std::ostringstream out;
    auto w0 = std::chrono::steady_clock::now();
    RtmTopologyHelper th;
    th.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    th.SetChannelAttribute("Delay", StringValue("1ms"));
    RtmTopology topo;
    std::string error;
    if (!th.Create("graphml", file, topo, error))
    {
        out << "error " << error << "\n";
    }
    else if (graph)
    {
        Simulator::Run();
        auto g0 = std::chrono::steady_clock::now();
        RtmGraphRoutingHelper g;
        g.SetDomainAttribute("Prefixes", StringValue("Routers"));
        g.Install(topo.nodes);
        out << "graph_populate_s "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count() << "\n";
    }
    else
    {
        RtmOspfTopologyHelper ospf(topo);
        ospf.Install();
        RtmOspfTopologyHelper::Convergence c = ospf.RunUntilConverged();
        out << "converged " << (c.converged ? 1 : 0) << "\n";
        out << "converge_s " << c.seconds << "\n";
        out << "packets " << c.packets << "\n";
        out << "bytes " << c.bytes << "\n";
        out << "lsas " << c.lsas << "\n";
        out << "spf_runs " << c.spfRuns << "\n";
        out << "start_wall_s " << c.wallSeconds << "\n";
        uint32_t k = ospf.ChooseLinkToFail();
        if (k != UINT32_MAX)
        {
            ospf.FailLink(k);
            RtmOspfTopologyHelper::Convergence f = ospf.RunUntilConverged();
            out << "reconverge_s " << f.seconds << "\n";
        }
        out << "wall_s "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count() << "\n";
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        out << "peak_rss_mb " << ru.ru_maxrss / 1024.0 << "\n";
    }
    std::string s = out.str();
    ssize_t n = write(fd, s.data(), s.size());
    (void)n;
    _exit(0);
}

/// Run the child and read its figures.
std::map<std::string, double>
Measure(const std::string& file, bool graph)
{
    std::map<std::string, double> r;
    int fds[2];
    if (pipe(fds) != 0)
    {
        return r;
    }
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        Child(fds[1], file, graph);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    ssize_t got;
    while ((got = read(fds[0], buf, sizeof(buf))) > 0)
    {
        text.append(buf, got);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    std::istringstream in(text);
    std::string key;
    while (in >> key)
    {
        if (key == "error")
        {
            std::string rest;
            std::getline(in, rest);
            std::fprintf(stderr, "bench-ospf: %s\n", rest.c_str());
            continue;
        }
        double v = 0;
        in >> v;
        r[key] = v;
    }
    return r;
}

/// OSPF on Kdl.
void
BM_OspfKdl(benchmark::State& state)
{
    std::string file = RtmBenchDataDir() + "/topologies/topology-zoo/Kdl.graphml";
    struct stat st;
    if (stat(file.c_str(), &st) != 0)
    {
        state.SkipWithError("Kdl.graphml not found");
        return;
    }
    for (auto _ : state)
    {
        std::map<std::string, double> r = Measure(file, false);
        std::map<std::string, double> g = Measure(file, true);
        if (r.count("converge_s") == 0)
        {
            state.SkipWithError("the OSPF run failed");
            return;
        }
        RtmBenchReport("ospf_converge_s_kdl", r["converge_s"]);
        RtmBenchReport("ospf_wall_s_kdl", r["wall_s"]);
        RtmBenchReport("ospf_converged_kdl", r["converged"]);
        RtmBenchReport("ospf_reconverge_s_kdl", r["reconverge_s"]);
        RtmBenchReport("ospf_start_wall_s_kdl", r["start_wall_s"]);
        RtmBenchReport("ospf_packets_kdl", r["packets"]);
        RtmBenchReport("ospf_bytes_kdl", r["bytes"]);
        RtmBenchReport("ospf_lsas_kdl", r["lsas"]);
        RtmBenchReport("ospf_spf_runs_kdl", r["spf_runs"]);
        RtmBenchReport("ospf_peak_rss_mb_kdl", r["peak_rss_mb"]);
        RtmBenchReport("graph_populate_s_kdl", g["graph_populate_s"]);
        state.counters["converge_s"] = r["converge_s"];
        state.counters["packets"] = r["packets"];
        state.SetIterationTime(r["wall_s"]);
    }
}

} // namespace

BENCHMARK(BM_OspfKdl)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
