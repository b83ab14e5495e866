/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bgp-path-exploration: a link failure, BGP path exploration over time, and what the MRAI
 * timer does to it.
 *
 * N transit ASes C0..C(N-1) form a full mesh (eBGP, no policy). An origin AS O is attached to
 * C0 and, through two more ASes X and Y, to C1: every Ci reaches O's prefix through C0 (path
 * "C0 O"; the stale alternatives "Cj C0 O" are shorter than the backup "C1 Y X O", so they are
 * explored first), the path through X is the backup. At --failAt the link O-C0 fails (its
 * interfaces go down; the sessions over it end at once). The ASes then explore the longer paths
 * through the mesh that still lead to C0 — all stale — before they settle on the path through X.
 *
 * The scenario runs twice, with --mraiA and --mraiB seconds of MinRouteAdvertisementInterval.
 * Per simulated --bin seconds it records the UPDATEs sent by all routers and the routers still
 * on a stale path (a best route that crosses the failed link, or no route), writes both series
 * as Gnuplot scripts (ns-3's Gnuplot classes) and renders them to PNG when gnuplot is present:
 *     OUTPUT-updates.plt/.png, OUTPUT-stale.plt/.png
 * and prints per run `exploration: mrai=S updates=U stale_until=T` (the time of the last stale
 * router after the failure).
 *
 *   ./rtm-bgp-path-exploration [--n=8] [--mraiA=0] [--mraiB=30] [--output=bgp-exploration]
 */
#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rtm-bgp-helper.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ns3-compat.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

using namespace ns3;

namespace
{

/// The outcome of one run: per bin, UPDATEs sent and stale routers.
struct Series
{
    std::map<int, uint64_t> updates; //!< bin -> UPDATEs
    std::map<int, uint32_t> stale;   //!< bin -> routers on a stale path
    uint64_t total{0};               //!< UPDATEs after the failure
    double staleUntil{0};            //!< last time a router was stale
};

void
CountUpdate(Series* s, double bin, double failAt, const RtmNetAddress&, uint32_t, uint32_t)
{
    double t = Simulator::Now().GetSeconds();
    ++s->updates[static_cast<int>(t / bin)];
    if (t >= failAt)
    {
        ++s->total;
    }
}

Series
Run(uint32_t n, double mrai, double failAt, double simTime, double bin)
{
    Simulator::Destroy();
    RngSeedManager::SetRun(1);
    // Nodes: 0..n-1 the mesh, n = O, n+1 = X, n+2 = Y.
    NodeContainer nodes;
    nodes.Create(n + 3);
    RtmHelper rtm;
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.SetIpv6StackInstall(false);
    stack.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    RtmBgpHelper bgp;
    bgp.Set("MraiEbgp", TimeValue(Seconds(mrai)));
    std::vector<Ptr<RtmBgpSpeaker>> s;
    for (uint32_t i = 0; i < n + 3; ++i)
    {
        s.push_back(bgp.Install(nodes.Get(i), 64600 + i));
    }
    uint32_t subnet = 0;
    std::vector<Ptr<NetDevice>> failed;
    auto link = [&](uint32_t a, uint32_t b) {
        NetDeviceContainer d = p2p.Install(nodes.Get(a), nodes.Get(b));
        uint32_t net = (10u << 24) | (++subnet << 2);
        for (int e = 0; e < 2; ++e)
        {
            Ptr<Ipv4> ip = d.Get(e)->GetNode()->GetObject<Ipv4>();
            int32_t itf = ip->AddInterface(d.Get(e));
            ip->AddAddress(itf, Ipv4InterfaceAddress(Ipv4Address(net + 1 + e), Ipv4Mask("/30")));
            ip->SetUp(itf);
        }
        RtmBgpHelper::Peer(nodes.Get(a), nodes.Get(b));
        return d;
    };
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = i + 1; j < n; ++j)
        {
            link(i, j);
        }
    }
    NetDeviceContainer oc0 = link(n, 0);
    link(n, n + 1);
    link(n + 1, n + 2);
    link(n + 2, 1);
    RtmNetAddress prefix = RtmNetAddress::FromIpv4(Ipv4Address("20.0.0.0"), 16);
    s[n]->Originate(prefix);
    Series out;
    for (auto& sp : s)
    {
        sp->TraceConnectWithoutContext("UpdateSent",
                                       MakeBoundCallback(&CountUpdate, &out, bin, failAt));
    }
    RtmSchedule(Seconds(failAt), [oc0]() {
        for (uint32_t e = 0; e < 2; ++e)
        {
            Ptr<Ipv4> ip = oc0.Get(e)->GetNode()->GetObject<Ipv4>();
            ip->SetDown(ip->GetInterfaceForDevice(oc0.Get(e)));
        }
    });
    const std::string via = std::to_string(64600 + n + 1) + " " + std::to_string(64600 + n);
    for (double t = bin; t <= simTime + 1e-9; t += bin)
    {
        Simulator::Stop(Seconds(bin));
        Simulator::Run();
        uint32_t stale = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<const RtmBgpAttributes> a;
            uint32_t peer = 0;
            bool has = s[i]->GetBest(prefix, a, peer);
            std::string path = has ? a->asPath.ToString() : "";
            // After the failure only paths ending "X O" are real.
            bool ok = has && (t < failAt || path.size() >= via.size()) &&
                      (t < failAt || path.compare(path.size() - via.size(), via.size(), via) == 0);
            if (!ok)
            {
                ++stale;
            }
        }
        out.stale[static_cast<int>(t / bin) - 1] = stale;
        if (stale > 0 && t > failAt)
        {
            out.staleUntil = t;
        }
    }
    Simulator::Destroy();
    return out;
}

void
Plot(const std::string& file,
     const std::string& title,
     const std::string& ylabel,
     const std::vector<std::pair<std::string, std::map<int, double>>>& series,
     double bin)
{
    Gnuplot plot(file + ".png", title);
    plot.SetTerminal("png size 800,480");
    plot.SetLegend("simulated time (s)", ylabel);
    for (const auto& s : series)
    {
        Gnuplot2dDataset d(s.first);
        d.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        for (const auto& kv : s.second)
        {
            d.Add(kv.first * bin, kv.second);
        }
        plot.AddDataset(d);
    }
    std::ofstream os(file + ".plt");
    plot.GenerateOutput(os);
    os.close();
    if (std::system("command -v gnuplot > /dev/null 2>&1") == 0)
    {
        if (std::system(("gnuplot " + file + ".plt").c_str()) != 0)
        {
            std::cerr << "gnuplot failed on " << file << ".plt" << std::endl;
        }
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t n = 8;
    double mraiA = 0;
    double mraiB = 30;
    double failAt = 60;
    double simTime = 300;
    double bin = 1;
    std::string output = "bgp-exploration";
    CommandLine cmd(__FILE__);
    cmd.AddValue("n", "ASes in the mesh", n);
    cmd.AddValue("mraiA", "MRAI of the first run, s", mraiA);
    cmd.AddValue("mraiB", "MRAI of the second run, s", mraiB);
    cmd.AddValue("failAt", "time of the link failure, s", failAt);
    cmd.AddValue("simTime", "simulated seconds per run", simTime);
    cmd.AddValue("bin", "width of a time bin, s", bin);
    cmd.AddValue("output", "prefix of the plot files", output);
    cmd.Parse(argc, argv);
    if (n < 3 || bin <= 0 || failAt >= simTime)
    {
        std::cerr << "rtm-bgp-path-exploration: need n >= 3, bin > 0, failAt < simTime"
                  << std::endl;
        return 2;
    }
    std::vector<std::pair<std::string, std::map<int, double>>> updates;
    std::vector<std::pair<std::string, std::map<int, double>>> stale;
    for (double mrai : {mraiA, mraiB})
    {
        Series s = Run(n, mrai, failAt, simTime, bin);
        std::string name = "MRAI " + std::to_string(static_cast<int>(mrai)) + " s";
        std::map<int, double> u;
        std::map<int, double> st;
        for (int b = 0; b * bin < simTime; ++b)
        {
            u[b] = s.updates.count(b) ? s.updates.at(b) / bin : 0.0;
            st[b] = s.stale.count(b) ? s.stale.at(b) : 0.0;
        }
        updates.emplace_back(name, u);
        stale.emplace_back(name, st);
        std::cout << "exploration: mrai=" << mrai << " updates=" << s.total
                  << " stale_until=" << s.staleUntil << std::endl;
    }
    Plot(output + "-updates", "UPDATEs per second after a link failure", "UPDATEs/s", updates, bin);
    Plot(output + "-stale", "Routers on a stale path", "routers", stale, bin);
    return 0;
}
