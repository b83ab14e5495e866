/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-rip-dual-stack: RIPv2 and RIPng side by side on a dual-stack ring, through a link failure
 * and its repair, run twice on the same network: once with the RTM's clients (RtmRipHelper +
 * RtmRipNgHelper over RtmHelper + RtmIpv6Helper), once with ns-3's own Rip and RipNg. A host S
 * behind router 0 sends UDP over IPv4 and IPv6 to a host D behind router `routers/3`; the link on
 * the short path fails at --failAt and comes back at --repairAt. The program prints, per run,
 * what was delivered and how many routing messages were sent, and writes with ns-3's Gnuplot
 * classes a plot file (and, with Debian's gnuplot, a PNG) of delivered packets per second (IPv4,
 * IPv6) and routing messages per second over time, both runs on the same axes.
 *
 *   rtm-rip-dual-stack [--routers=6] [--simTime=200] [--failAt=60] [--repairAt=130] [--rate=20]
 *                      [--strictHoldDown=false] [--output=rtm-rip-dual-stack] [--png=true]
 */
#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rip-helper.h"
#include "ns3/ripng-helper.h"
#include "ns3/rtm-module.h"
#include "ns3/rtm-ns3-compat.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <vector>

using namespace ns3;

namespace
{

/// What one run measured, per second of simulated time.
struct Series
{
    std::map<int, uint32_t> v4;    //!< IPv4 packets delivered to D
    std::map<int, uint32_t> v6;    //!< IPv6 packets delivered to D
    std::map<int, uint32_t> rip;   //!< RIPv2 messages sent by the routers
    std::map<int, uint32_t> ripng; //!< RIPng messages sent by the routers
    uint32_t sent4{0};             //!< IPv4 packets S sent
    uint32_t sent6{0};             //!< IPv6 packets S sent
};

/// The options.
struct Options
{
    uint32_t routers{6};
    double simTime{200};
    double failAt{60};
    double repairAt{130};
    double rate{20};
    bool strict{false};
};

int
Second()
{
    return static_cast<int>(Simulator::Now().GetSeconds());
}

/// Count a RIP/RIPng message sent (UDP to port 520 or 521) from an IP-level Tx trace.
void
CountRouting(Series* s, uint8_t protocolOffset, Ptr<const Packet> packet)
{
    Ptr<Packet> p = packet->Copy();
    uint8_t buf[48];
    uint32_t n = p->CopyData(buf, sizeof(buf));
    // IPv4: protocol at byte 9, header length from byte 0; IPv6: next header at byte 6, 40 bytes.
    bool v6 = protocolOffset == 6;
    uint32_t hlen = v6 ? 40 : (buf[0] & 0x0f) * 4u;
    if (n < hlen + 4 || buf[protocolOffset] != 17)
    {
        return;
    }
    uint16_t dport = static_cast<uint16_t>((buf[hlen + 2] << 8) | buf[hlen + 3]);
    if (!v6 && dport == 520)
    {
        ++s->rip[Second()];
    }
    else if (v6 && dport == 521)
    {
        ++s->ripng[Second()];
    }
}

void
Tx4(Series* s, Ptr<const Packet> p, Ptr<Ipv4> ipv4, uint32_t interface)
{
    CountRouting(s, 9, p);
}

void
Tx6(Series* s, Ptr<const Packet> p, Ptr<Ipv6> ipv6, uint32_t interface)
{
    CountRouting(s, 6, p);
}

/// Run the scenario with the RTM's clients (\p rtm) or ns-3's.
Series
Run(bool rtm, const Options& o)
{
    Simulator::Destroy();
    Ipv4AddressGenerator::Reset();
    Ipv6AddressGenerator::Reset();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Series s;
    uint32_t n = std::max<uint32_t>(o.routers, 4);
    NodeContainer routers;
    routers.Create(n);
    NodeContainer hosts;
    hosts.Create(2);
    InternetStackHelper hostStack;
    hostStack.Install(hosts);
    InternetStackHelper routerStack;
    if (rtm)
    {
        RtmHelper rtm4;
        routerStack.SetRoutingHelper(rtm4);
        routerStack.SetRoutingHelper(RtmIpv6Helper(rtm4));
    }
    else
    {
        RipHelper rip;
        Ipv4ListRoutingHelper list4;
        list4.Add(rip, 0);
        list4.Add(Ipv4StaticRoutingHelper(), -10);
        RipNgHelper ripng;
        Ipv6ListRoutingHelper list6;
        list6.Add(ripng, 0);
        list6.Add(Ipv6StaticRoutingHelper(), -10);
        routerStack.SetRoutingHelper(list4);
        routerStack.SetRoutingHelper(list6);
    }
    routerStack.Install(routers);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    uint32_t net = 0;
    std::vector<NetDeviceContainer> ring;
    auto address = [&net](const NetDeviceContainer& d) {
        ++net;
        Ipv4AddressHelper a4;
        a4.SetBase(Ipv4Address((10u << 24) | (net << 8)), Ipv4Mask("255.255.255.0"));
        Ipv4InterfaceContainer i4 = a4.Assign(d);
        Ipv6AddressHelper a6;
        // Not 2001:db8::/32: ns-3 does not forward the documentation prefix.
        a6.SetBase(Ipv6Address(("2001:1:" + std::to_string(net) + "::").c_str()), Ipv6Prefix(64));
        Ipv6InterfaceContainer i6 = a6.Assign(d);
        for (uint32_t k = 0; k < i6.GetN(); ++k)
        {
            i6.SetForwarding(k, true);
        }
        return std::make_pair(i4, i6);
    };
    for (uint32_t i = 0; i < n; ++i)
    {
        NetDeviceContainer d = p2p.Install(routers.Get(i), routers.Get((i + 1) % n));
        address(d);
        ring.push_back(d);
    }
    uint32_t far = n / 3;
    auto sLink = address(p2p.Install(hosts.Get(0), routers.Get(0)));
    auto dLink = address(p2p.Install(hosts.Get(1), routers.Get(far)));
    // Hosts: default routes toward their router (ns-3's static routing on both runs).
    Ipv4StaticRoutingHelper sr4;
    Ipv6StaticRoutingHelper sr6;
    sr4.GetStaticRouting(hosts.Get(0)->GetObject<Ipv4>())
        ->SetDefaultRoute(sLink.first.GetAddress(1), 1);
    sr4.GetStaticRouting(hosts.Get(1)->GetObject<Ipv4>())
        ->SetDefaultRoute(dLink.first.GetAddress(1), 1);
    sr6.GetStaticRouting(hosts.Get(0)->GetObject<Ipv6>())
        ->SetDefaultRoute(sLink.second.GetAddress(1, 1), 1);
    sr6.GetStaticRouting(hosts.Get(1)->GetObject<Ipv6>())
        ->SetDefaultRoute(dLink.second.GetAddress(1, 1), 1);

    if (rtm)
    {
        RtmRipHelper rip;
        RtmRipNgHelper ripng;
        rip.Set("StrictHoldDown", BooleanValue(o.strict));
        ripng.Set("StrictHoldDown", BooleanValue(o.strict));
        rip.Install(routers);
        ripng.Install(routers);
        rip.AssignStreams(routers, 100);
        ripng.AssignStreams(routers, 200);
    }
    else
    {
        RipHelper().AssignStreams(routers, 100);
        RipNgHelper().AssignStreams(routers, 200);
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        routers.Get(i)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(&Tx4, &s));
        routers.Get(i)->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(&Tx6, &s));
    }

    // Traffic: S -> D over both families, from 5 s, `rate` packets per second each.
    Ptr<Socket> sink4 = Socket::CreateSocket(hosts.Get(1), UdpSocketFactory::GetTypeId());
    sink4->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink4->SetRecvCallback(MakeBoundCallback(
        +[](Series* x, Ptr<Socket> k) {
            while (k->Recv())
            {
                ++x->v4[Second()];
            }
        },
        &s));
    Ptr<Socket> sink6 = Socket::CreateSocket(hosts.Get(1), UdpSocketFactory::GetTypeId());
    sink6->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 9));
    sink6->SetRecvCallback(MakeBoundCallback(
        +[](Series* x, Ptr<Socket> k) {
            while (k->Recv())
            {
                ++x->v6[Second()];
            }
        },
        &s));
    Ptr<Socket> src4 = Socket::CreateSocket(hosts.Get(0), UdpSocketFactory::GetTypeId());
    src4->Bind();
    Ptr<Socket> src6 = Socket::CreateSocket(hosts.Get(0), UdpSocketFactory::GetTypeId());
    src6->Bind6();
    Ipv4Address d4 = dLink.first.GetAddress(0);
    Ipv6Address d6 = dLink.second.GetAddress(0, 1);
    for (double t = 5; t < o.simTime; t += 1.0 / o.rate)
    {
        RtmScheduleWithContext(hosts.Get(0)->GetId(), Seconds(t), [&s, src4, src6, d4, d6]() {
            s.sent4 += src4->SendTo(Create<Packet>(100), 0, InetSocketAddress(d4, 9)) >= 0;
            s.sent6 += src6->SendTo(Create<Packet>(100), 0, Inet6SocketAddress(d6, 9)) >= 0;
        });
    }

    // The link failure: router 0's ring link toward router 1 (on the short path to D).
    Ptr<Ipv4> a4 = routers.Get(0)->GetObject<Ipv4>();
    Ptr<Ipv4> b4 = routers.Get(1)->GetObject<Ipv4>();
    Ptr<Ipv6> a6 = routers.Get(0)->GetObject<Ipv6>();
    Ptr<Ipv6> b6 = routers.Get(1)->GetObject<Ipv6>();
    uint32_t ia4 = a4->GetInterfaceForDevice(ring[0].Get(0));
    uint32_t ib4 = b4->GetInterfaceForDevice(ring[0].Get(1));
    uint32_t ia6 = a6->GetInterfaceForDevice(ring[0].Get(0));
    uint32_t ib6 = b6->GetInterfaceForDevice(ring[0].Get(1));
    RtmSchedule(Seconds(o.failAt), [=]() {
        a4->SetDown(ia4);
        b4->SetDown(ib4);
        a6->SetDown(ia6);
        b6->SetDown(ib6);
    });
    RtmSchedule(Seconds(o.repairAt), [=]() {
        a4->SetUp(ia4);
        b4->SetUp(ib4);
        a6->SetUp(ia6);
        b6->SetUp(ib6);
        a6->SetForwarding(ia6, true);
        b6->SetForwarding(ib6, true);
    });
    Simulator::Stop(Seconds(o.simTime + 1));
    Simulator::Run();
    Simulator::Destroy();
    return s;
}

uint32_t
Total(const std::map<int, uint32_t>& m)
{
    uint32_t t = 0;
    for (const auto& kv : m)
    {
        t += kv.second;
    }
    return t;
}

/// Seconds without any delivery between the failure and the end.
uint32_t
Outage(const std::map<int, uint32_t>& m, const Options& o)
{
    uint32_t gap = 0;
    for (int t = static_cast<int>(o.failAt); t < static_cast<int>(o.simTime); ++t)
    {
        gap += m.count(t) == 0 ? 1 : 0;
    }
    return gap;
}

Gnuplot2dDataset
Line(const std::string& title,
     const std::map<int, uint32_t>& m,
     const Options& o,
     const std::string& look)
{
    Gnuplot2dDataset d(title);
    d.SetStyle(Gnuplot2dDataset::LINES);
    d.SetExtra(look);
    for (int t = 0; t < static_cast<int>(o.simTime); ++t)
    {
        auto it = m.find(t);
        d.Add(t, it == m.end() ? 0 : it->second);
    }
    return d;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    std::string output = "rtm-rip-dual-stack";
    bool png = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("routers", "routers on the ring (at least 4)", o.routers);
    cmd.AddValue("simTime", "simulated seconds", o.simTime);
    cmd.AddValue("failAt", "when the link fails (s)", o.failAt);
    cmd.AddValue("repairAt", "when it comes back (s)", o.repairAt);
    cmd.AddValue("rate", "packets per second per family", o.rate);
    cmd.AddValue("strictHoldDown", "the RTM clients' StrictHoldDown", o.strict);
    cmd.AddValue("output", "file name stem of the .plt (and .png)", output);
    cmd.AddValue("png", "run gnuplot on the .plt to make the PNG", png);
    cmd.Parse(argc, argv);

    Series r = Run(true, o);
    Series x = Run(false, o);
    for (const auto& [name, s] : {std::make_pair("rtm", &r), std::make_pair("ns-3", &x)})
    {
        std::cout << "[dual-stack] " << name << ": IPv4 delivered " << Total(s->v4) << "/"
                  << s->sent4 << " (outage " << Outage(s->v4, o) << " s), IPv6 delivered "
                  << Total(s->v6) << "/" << s->sent6 << " (outage " << Outage(s->v6, o)
                  << " s), RIPv2 messages " << Total(s->rip) << ", RIPng messages "
                  << Total(s->ripng) << std::endl;
    }

    GnuplotCollection plots(output + ".png");
    plots.SetTerminal("png size 1000,1000 font \",11\"");
    std::string marks = "set key outside right; set grid; set xrange [0:" +
                        std::to_string(static_cast<int>(o.simTime)) + "]; set arrow from " +
                        std::to_string(o.failAt) + ", graph 0 to " + std::to_string(o.failAt) +
                        ", graph 1 nohead lc rgb 'red'; set arrow from " +
                        std::to_string(o.repairAt) + ", graph 0 to " + std::to_string(o.repairAt) +
                        ", graph 1 nohead lc rgb 'forest-green'";
    Gnuplot v4;
    v4.SetTitle("IPv4 packets delivered per second (link down at red, up at green)");
    v4.SetLegend("simulated time (s)", "packets/s");
    std::string yrange =
        "; set yrange [0:" + std::to_string(static_cast<int>(o.rate * 1.4) + 1) + "]";
    const std::string rtmLook = "lw 4 lc rgb '#1f77b4'";
    const std::string ns3Look = "lw 2 dt 2 lc rgb '#ff7f0e'";
    v4.SetExtra("set multiplot layout 3,1\n" + marks + yrange);
    v4.AddDataset(Line("RTM RIPv2", r.v4, o, rtmLook));
    v4.AddDataset(Line("ns-3 Rip", x.v4, o, ns3Look));
    Gnuplot v6;
    v6.SetTitle("IPv6 packets delivered per second");
    v6.SetLegend("simulated time (s)", "packets/s");
    v6.SetExtra(marks + yrange);
    v6.AddDataset(Line("RTM RIPng", r.v6, o, rtmLook));
    v6.AddDataset(Line("ns-3 RipNg", x.v6, o, ns3Look));
    Gnuplot msgs;
    msgs.SetTitle("Routing messages sent per second (all routers)");
    msgs.SetLegend("simulated time (s)", "messages/s");
    msgs.SetExtra(marks + "; set yrange [0:*]");
    msgs.AddDataset(Line("RTM RIPv2", r.rip, o, "lw 2 lc rgb '#1f77b4'"));
    msgs.AddDataset(Line("RTM RIPng", r.ripng, o, "lw 2 lc rgb '#17becf'"));
    msgs.AddDataset(Line("ns-3 Rip", x.rip, o, "lw 1.5 dt 2 lc rgb '#ff7f0e'"));
    msgs.AddDataset(Line("ns-3 RipNg", x.ripng, o, "lw 1.5 dt 2 lc rgb '#d62728'"));
    plots.AddPlot(v4);
    plots.AddPlot(v6);
    plots.AddPlot(msgs);
    {
        std::ofstream plt(output + ".plt");
        plots.GenerateOutput(plt);
        plt << "unset multiplot" << std::endl;
    }
    std::cout << "[dual-stack] wrote " << output << ".plt" << std::endl;
    bool ok = true;
    if (png)
    {
        std::string command = "gnuplot " + output + ".plt";
        ok = std::system(command.c_str()) == 0;
        std::cout << "[dual-stack] " << (ok ? "wrote " + output + ".png" : "gnuplot failed: no PNG")
                  << std::endl;
    }
    // The RTM's clients deliver everything again in the last 10 s (after the repair).
    for (const auto* m : {&r.v4, &r.v6})
    {
        for (int t = static_cast<int>(o.simTime) - 10; t < static_cast<int>(o.simTime); ++t)
        {
            if (m->count(t) == 0 || m->at(t) + 1 < static_cast<uint32_t>(o.rate))
            {
                std::cout << "[dual-stack] RTM run: not delivering at " << t << " s" << std::endl;
                ok = false;
                break;
            }
        }
    }
    return ok ? 0 : 1;
}
