/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the forwarding plane against ns-3's own static routing (issue 3 figures).
 *
 * Two nodes with the same point-to-point link and the same N routes (N = 1k, 10k, 100k /24s,
 * all via the same gateway): one runs the RTM (RtmIpv4Routing), the other ns-3's
 * Ipv4StaticRouting. Both answer RouteOutput for random destinations inside the table, in the
 * same run. Summary: routeoutput_lookups_per_s_<N>, ns3_static_lookups_per_s_<N>,
 * ratio_vs_ns3_static_100k.
 */
#include "rtm-bench-summary.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-static-routing-helper.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <map>
#include <random>

using namespace ns3;

namespace
{

/// Destination prefix i: 11.0.0.0/24, 11.0.1.0/24, ... (never the link's own subnet).
Ipv4Address
PrefixAddress(uint32_t i)
{
    return Ipv4Address((11u << 24) + (i << 8));
}

/// One node of each kind, with N routes, built once per N.
struct Bed
{
    Ptr<Node> rtm;
    Ptr<Node> ns3;
    Ptr<Ipv4RoutingProtocol> rtmRouting;
    Ptr<Ipv4RoutingProtocol> ns3Routing;
    double ns3InsertSeconds{0};
};

Ptr<Node>
MakeNode(const Ipv4RoutingHelper& routing, const char* base)
{
    NodeContainer pair;
    pair.Create(2);
    PointToPointHelper p2p;
    NetDeviceContainer d = p2p.Install(pair);
    InternetStackHelper stack;
    stack.SetRoutingHelper(routing);
    stack.Install(pair);
    Ipv4AddressHelper addr;
    addr.SetBase(base, "255.255.255.0");
    addr.Assign(d);
    return pair.Get(0);
}

const char*
Subnet(bool rtm, uint32_t n)
{
    static const char* names[2][3] = {{"192.169.1.0", "192.169.2.0", "192.169.3.0"},
                                      {"192.168.1.0", "192.168.2.0", "192.168.3.0"}};
    return names[rtm ? 1 : 0][n == 1000 ? 0 : n == 10000 ? 1 : 2];
}

/// The node of one kind with \p n routes (built once).
Bed&
GetBed(uint32_t n, bool rtmSide)
{
    static std::map<std::pair<uint32_t, bool>, Bed> beds;
    auto key = std::make_pair(n, rtmSide);
    auto it = beds.find(key);
    if (it != beds.end())
    {
        return it->second;
    }
    static bool started = false;
    if (!started)
    {
        started = true;
        Simulator::Run(); // leave the Time-marking phase of an unstarted simulation
    }
    Bed& b = beds[key];
    if (rtmSide)
    {
        RtmHelper rtm;
        b.rtm = MakeNode(rtm, Subnet(true, n));
        Ptr<RtmStaticClient> client = RtmStaticRoutingHelper::GetStaticClient(b.rtm);
        Ptr<Ipv4> ip = b.rtm->GetObject<Ipv4>();
        RtmNetAddress gw =
            RtmNetAddress::FromIpv4(Ipv4Address(ip->GetAddress(1, 0).GetLocal().Get() + 1));
        for (uint32_t i = 0; i < n; ++i)
        {
            client->AddRoute(RtmNetAddress::FromIpv4(PrefixAddress(i), 24), {{gw, 1, false}});
        }
        b.rtmRouting = ip->GetRoutingProtocol();
        return b;
    }
    Ipv4StaticRoutingHelper staticHelper;
    b.ns3 = MakeNode(staticHelper, Subnet(false, n));
    Ptr<Ipv4> ip = b.ns3->GetObject<Ipv4>();
    Ptr<Ipv4StaticRouting> sr = staticHelper.GetStaticRouting(ip);
    Ipv4Address gw(ip->GetAddress(1, 0).GetLocal().Get() + 1);
    auto start = std::chrono::steady_clock::now();
    for (uint32_t i = 0; i < n; ++i)
    {
        sr->AddNetworkRouteTo(PrefixAddress(i), Ipv4Mask("255.255.255.0"), gw, 1);
    }
    b.ns3InsertSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    b.ns3Routing = ip->GetRoutingProtocol();
    return b;
}

double
Measure(benchmark::State& state, Ptr<Ipv4RoutingProtocol> routing, uint32_t n)
{
    std::mt19937 rng(11);
    std::vector<Ipv4Address> dsts(4096);
    for (auto& d : dsts)
    {
        d = Ipv4Address(PrefixAddress(rng() % n).Get() + 1 + rng() % 250);
    }
    Ipv4Header header;
    header.SetProtocol(17);
    Socket::SocketErrno err;
    std::size_t i = 0;
    uint64_t hits = 0;
    auto start = std::chrono::steady_clock::now();
    for (auto _ : state)
    {
        header.SetDestination(dsts[i++ & 4095]);
        Ptr<Ipv4Route> r = routing->RouteOutput(nullptr, header, nullptr, err);
        hits += r ? 1 : 0;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (hits != static_cast<uint64_t>(state.iterations()))
    {
        state.SkipWithError("a destination had no route");
    }
    state.SetItemsProcessed(state.iterations());
    return state.iterations() / seconds;
}

std::string
Suffix(uint32_t n)
{
    return n == 1000 ? "1k" : n == 10000 ? "10k" : "100k";
}

std::map<uint32_t, double> g_rtm;
std::map<uint32_t, double> g_ns3;

void
Ratio()
{
    if (g_rtm.count(100000) && g_ns3.count(100000) && g_ns3[100000] > 0)
    {
        RtmBenchReport("ratio_vs_ns3_static_100k", g_rtm[100000] / g_ns3[100000]);
    }
}

void
BM_RouteOutputRtm(benchmark::State& state)
{
    uint32_t n = static_cast<uint32_t>(state.range(0));
    Bed& b = GetBed(n, true);
    g_rtm[n] = Measure(state, b.rtmRouting, n);
    RtmBenchReport("routeoutput_lookups_per_s_" + Suffix(n), g_rtm[n]);
    Ratio();
}

void
BM_RouteOutputNs3Static(benchmark::State& state)
{
    uint32_t n = static_cast<uint32_t>(state.range(0));
    Bed& b = GetBed(n, false);
    g_ns3[n] = Measure(state, b.ns3Routing, n);
    RtmBenchReport("ns3_static_lookups_per_s_" + Suffix(n), g_ns3[n]);
    RtmBenchReport("ns3_static_insert_s_" + Suffix(n), b.ns3InsertSeconds);
    Ratio();
}

} // namespace

BENCHMARK(BM_RouteOutputRtm)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_RouteOutputNs3Static)->Arg(1000)->Arg(10000)->Arg(100000)->MinTime(1.0);
