/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: BGP figures.
 *  - bgp_full_table_load_s: the 2015 RouteViews IPv4 table (606,138 prefixes) announced by a
 *    simulated peer over one eBGP session, until the router has every prefix in its Loc-RIB and
 *    its RTM (wall-clock seconds, TCP and all);
 *  - bgp_full_table_chain_s: until the next router of a chain (fed by that router) has it too;
 *  - bgp_full_table_bytes_per_route: heap of the router's BGP state and RTM routes per prefix
 *    (malloc statistics: the heap freed when the router's speaker is disposed);
 *  - bgp_nexthop_change_ms: with the table in the router's RIB, the IGP cost of another
 *    neighbour's next hop (one route) changes: wall-clock milliseconds until the router has
 *    re-resolved it and run its decision again for the routes through it (and the CPU
 *    milliseconds: bgp_nexthop_change_cpu_ms);
 *  - bgp_converge_s_kdl: all-eBGP on Topology Zoo's Kdl (754 routers, one AS each, every
 *    router originating its address, MRAI 0, links 1 Gb/s and 1 ms as rtm-topology
 *    --protocol=bgp has them), wall-clock seconds until RtmBgpTopology::Converged (every
 *    router has a route to every router address, nothing is queued, every UPDATE sent was
 *    received) held for 3 s of simulated time; bgp_converge_sim_s_kdl is the simulated time
 *    that took, bgp_kdl_updates the UPDATEs sent, bgp_kdl_mismatches the best AS paths not as
 *    long as the hop distance (0 when correct).
 */
#include "rtm-bench-summary.h"

#include "ns3/core-module.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rtm-bgp-helper.h"
#include "ns3/rtm-bgp-topology.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-static-routing-helper.h"
#include "ns3/rtm-table-file.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <ctime>
#include <malloc.h>

using namespace ns3;

namespace
{

std::size_t
Heap()
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

void
BM_BgpFullTable(benchmark::State& state)
{
    std::string path = RtmBenchDataDir() + "/tables/ipasn6_20151101.dat.gz";
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    if (!RtmTableFile::Read(path, entries, rejected, errors))
    {
        state.SkipWithError("no 2015 table");
        return;
    }
    for (auto _ : state)
    {
        Simulator::Destroy();
        NodeContainer n;
        n.Create(4);
        RtmHelper rtm;
        InternetStackHelper stack;
        stack.SetRoutingHelper(rtm);
        stack.SetIpv6StackInstall(false);
        stack.Install(n);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        // Links 10.0.1.0/24 feeder-r1, 10.0.2.0/24 r1-r2, 10.0.3.0/24 r1-side.
        for (uint32_t i = 0; i < 3; ++i)
        {
            NetDeviceContainer d =
                i < 2 ? p2p.Install(n.Get(i), n.Get(i + 1)) : p2p.Install(n.Get(1), n.Get(3));
            for (uint32_t e = 0; e < 2; ++e)
            {
                Ptr<Ipv4> ip = d.Get(e)->GetNode()->GetObject<Ipv4>();
                int32_t itf = ip->AddInterface(d.Get(e));
                ip->AddAddress(
                    itf,
                    Ipv4InterfaceAddress(Ipv4Address((10u << 24) | ((i + 1) << 8) | (e + 1)),
                                         Ipv4Mask("/24")));
                ip->SetUp(itf);
            }
        }
        RtmBgpHelper bgp;
        bgp.Set("MraiEbgp", TimeValue(Seconds(0)));
        Ptr<RtmBgpSpeaker> feeder = bgp.Install(n.Get(0), 65100);
        Ptr<RtmBgpSpeaker> r1 = bgp.Install(n.Get(1), 65001);
        Ptr<RtmBgpSpeaker> r2 = bgp.Install(n.Get(2), 65002);
        Ptr<RtmBgpSpeaker> side = bgp.Install(n.Get(3), 65003);
        side->Originate(RtmNetAddress::FromIpv4(Ipv4Address("198.51.100.0"), 24));
        RtmBgpHelper::Peer(n.Get(0), n.Get(1));
        RtmBgpHelper::Peer(n.Get(1), n.Get(2));
        RtmBgpHelper::Peer(n.Get(1), n.Get(3));
        // Sessions up first, then the table is announced and the clock starts (announcing before
        // the sessions are up let the whole table cross the chain before the clock started).
        Simulator::Stop(Seconds(1.0));
        Simulator::Run();
        uint32_t announced = RtmBgpHelper::AnnounceTable(feeder, entries, RTM_AF_INET);
        // r1 and r2 have the side's prefix already.
        const uint32_t want1 = announced + r1->GetNBest();
        const uint32_t want2 = announced + r2->GetNBest();
        auto t0 = std::chrono::steady_clock::now();
        double loadS = 0;
        for (int t = 0; t < 600000 && r2->GetNBest() < want2; ++t) // 1 ms steps, 600 s
        {
            Simulator::Stop(MilliSeconds(1));
            Simulator::Run();
            if (loadS == 0 && r1->GetNBest() >= want1)
            {
                loadS =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            }
        }
        double chainS =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (r2->GetNBest() < want2)
        {
            state.SkipWithError("the table did not arrive");
            return;
        }
        // Next-hop tracking with a full table: the IGP cost of the side's next hop (one route
        // of the 606,139) changes; r1 runs its decision again for the routes through it.
        Ptr<Ipv4> ip1 = n.Get(1)->GetObject<Ipv4>();
        uint32_t sideIf =
            static_cast<uint32_t>(ip1->GetInterfaceForAddress(Ipv4Address("10.0.3.1")));
        auto r0 = std::chrono::steady_clock::now();
        std::clock_t c0 = std::clock();
        RtmStaticRoutingHelper::AddRoute(n.Get(1), "10.0.3.2/32", "10.0.3.2", sideIf, 7);
        Simulator::Stop(MilliSeconds(1));
        Simulator::Run();
        double retrackMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r0)
                .count();
        double retrackCpuMs = 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC;
        uint32_t cost = 0;
        if (!r1->IsNextHopResolvable(RtmNetAddress::FromIpv4(Ipv4Address("10.0.3.2")), &cost) ||
            cost != 7)
        {
            state.SkipWithError("the next hop's new cost was not seen");
            return;
        }
        RtmBenchReport("bgp_nexthop_change_ms", retrackMs);
        RtmBenchReport("bgp_nexthop_change_cpu_ms", retrackCpuMs);
        // Memory of r2 (the end of the chain: no Adj-RIB-Out): what its disposal frees.
        std::size_t before = Heap();
        r2->Dispose();
        std::size_t after = Heap();
        double perRoute = before > after ? double(before - after) / announced : 0.0;
        state.SetIterationTime(loadS);
        RtmBenchReport("bgp_full_table_load_s", loadS);
        RtmBenchReport("bgp_full_table_chain_s", chainS);
        RtmBenchReport("bgp_full_table_bytes_per_route", perRoute);
        RtmBenchReport("bgp_full_table_prefixes", announced);
        Simulator::Destroy();
    }
}

void
BM_BgpConvergeKdl(benchmark::State& state)
{
    std::string file = RtmBenchDataDir() + "/topologies/topology-zoo/Kdl.graphml";
    for (auto _ : state)
    {
        Simulator::Destroy();
        RtmTopology topo;
        std::string error;
        if (!RtmBgpTopology::CreateTopology(file, topo, error))
        {
            state.SkipWithError(error.c_str());
            return;
        }
        RtmBgpTopology bgp(topo);
        auto t0 = std::chrono::steady_clock::now();
        bgp.Install();
        double seconds = bgp.RunUntilConverged(Seconds(1), Seconds(3), Seconds(900)).GetSeconds();
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        RtmBgpTopology::Check c = bgp.ValidatePathLengths(nullptr, 0);
        state.SetIterationTime(s);
        RtmBenchReport("bgp_converge_s_kdl", s);
        RtmBenchReport("bgp_converge_sim_s_kdl", seconds);
        RtmBenchReport("bgp_kdl_mismatches", static_cast<double>(c.mismatches));
        RtmBenchReport("bgp_kdl_updates", static_cast<double>(bgp.GetUpdatesSent()));
        Simulator::Destroy();
    }
}

} // namespace

BENCHMARK(BM_BgpFullTable)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_BgpConvergeKdl)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
