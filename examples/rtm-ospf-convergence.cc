/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-ospf-convergence: OSPF convergence through a link failure and its repair on a Topology
 * Zoo graph, side by side with the rtm RIP client, plotted with ns-3's Gnuplot classes.
 *
 * The topology is built from a GraphML file (every link costs 1, so both protocols minimise
 * hops; 100 Mb/s, 2 ms). Constant-rate UDP flows go from the routers farthest from a destination
 * router to an address of that router. The link that carries most of these flows (among those
 * whose loss leaves the graph connected) fails at --failAt and comes back at --repairAt. Every
 * --step seconds the program records
 *  - the packets delivered to the destination in that interval,
 *  - the routing messages all routers sent in that interval,
 *  - the routers still on a stale path: those whose RTM route toward the destination is missing
 *    or has a next hop that is not on a shortest path to the destination's subnet in the graph
 *    as it is now (Boost.Graph distances to the nearer of the subnet's two routers).
 * It runs once per protocol of --protocols: OSPF (RtmOspfHelper), the RTM's RIP (RtmRipHelper)
 * and ns-3's own RIP (ns3::Rip, "ns3rip", with ns-3's list routing instead of the RTM: its one
 * route is read with RouteOutput, its messages counted on UDP port 520), prints one summary
 * line per protocol (`<protocol>: reconverged after failure X s, after repair Y s, delivered
 * A of B`) and writes a three-panel PNG (--png) through gnuplot when it is installed (the
 * gnuplot script is always written next to it). It exits with status 1 when OSPF or the RTM's
 * RIP still has a router on a stale path just before the repair or at the end.
 *
 *   ./rtm-ospf-convergence --graphml=../shared/data/topologies/topology-zoo/Geant2012.graphml
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-ospf-topology-helper.h"
#include "ns3/rtm-path-oracle.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/udp-header.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmOspfConvergence");

namespace
{

/// The time series of one run.
struct Series
{
    Gnuplot2dDataset delivered; //!< packets delivered per second
    Gnuplot2dDataset messages;  //!< routing messages per second
    Gnuplot2dDataset stale;     //!< routers on a stale path
    double afterFailure{-1};    //!< seconds from the failure to the last stale sample
    double afterRepair{-1};     //!< seconds from the repair to the last stale sample
    uint64_t sent{0};           //!< packets sent by the flows
    uint64_t received{0};       //!< packets delivered
    uint32_t staleAtRepair{0};  //!< routers on a stale path at the last sample before the repair
    uint32_t staleAtEnd{0};     //!< routers on a stale path at the end
};

/// Counts the packets a sink receives.
struct RxCounter
{
    uint64_t received{0}; //!< packets

    /// PacketSink "Rx" sink.
    void Rx(Ptr<const Packet>, const Address&)
    {
        ++received;
    }
};

/// What a run needs.
struct Scenario
{
    std::string file; //!< GraphML file
    double failAt;    //!< failure time (s)
    double repairAt;  //!< repair time (s)
    double simTime;   //!< end (s)
    double step;      //!< sampling interval (s)
    uint32_t flows;   //!< number of flows
    double rate;      //!< packets per second per flow
};

/// Run one protocol; see the file comment.
Series
Run(const std::string& protocol, const Scenario& sc)
{
    Series out;
    Simulator::Destroy();
    Names::Clear();
    Ipv4AddressGenerator::Reset();
    const bool ospf = protocol == "ospf";
    const bool ns3Rip = protocol == "ns3rip";
    RtmTopologyHelper th;
    if (ns3Rip)
    {
        RipHelper rip;
        Ipv4ListRoutingHelper list;
        list.Add(rip, 0);
        InternetStackHelper stack;
        stack.SetIpv6StackInstall(false);
        stack.SetRoutingHelper(list);
        th.SetInternetStack(stack);
    }
    th.SetWeightMode(RtmTopologyHelper::WEIGHTS_HOPS);
    th.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    th.SetChannelAttribute("Delay", StringValue("2ms"));
    RtmTopology topo;
    std::string error;
    if (!th.Create("graphml", sc.file, topo, error))
    {
        std::cerr << "rtm-ospf-convergence: " << error << std::endl;
        std::exit(2);
    }
    const uint32_t n = topo.GetNRouters();

    // Destination: the router with the most links; sources: the routers farthest from it.
    uint32_t dst = 0;
    for (uint32_t v = 0; v < n; ++v)
    {
        if (boost::out_degree(v, topo.graph) > boost::out_degree(dst, topo.graph))
        {
            dst = v;
        }
    }
    RtmPathOracle full(topo.graph, RtmPathOracle::HOPS);
    std::vector<uint32_t> order;
    for (uint32_t v = 0; v < n; ++v)
    {
        if (v != dst && full.Distance(v, dst) != RtmPathOracle::kUnreachable)
        {
            order.push_back(v);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&full, dst](uint32_t a, uint32_t b) {
        return full.Distance(a, dst) > full.Distance(b, dst);
    });
    order.resize(std::min<std::size_t>(order.size(), sc.flows));

    // The link most flows cross (one shortest path each) whose loss keeps the graph connected.
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> linkOf;
    for (uint32_t k = 0; k < topo.links.size(); ++k)
    {
        linkOf.emplace(std::minmax(topo.links[k].a, topo.links[k].b), k);
    }
    std::map<uint32_t, uint32_t> uses;
    for (uint32_t s : order)
    {
        std::vector<uint32_t> p = full.Path(s, dst);
        for (std::size_t i = 1; i < p.size(); ++i)
        {
            ++uses[linkOf[std::minmax(p[i - 1], p[i])]];
        }
    }
    uint32_t failed = UINT32_MAX;
    uint32_t best = 0;
    for (const auto& kv : uses)
    {
        RtmTopologyGraph g = RtmOspfTopologyHelper::WithoutLink(topo, kv.first);
        RtmPathOracle o(g, RtmPathOracle::HOPS);
        bool connected = true;
        for (uint32_t s : order)
        {
            connected = connected && o.Distance(s, dst) != RtmPathOracle::kUnreachable;
        }
        if (connected && kv.second > best)
        {
            best = kv.second;
            failed = kv.first;
        }
    }
    // The destination address: dst's end of a link other than the failed one; its subnet is
    // also reached through the router at the other end (peer).
    Ipv4Address dstAddr;
    uint32_t peer = dst;
    for (uint32_t k = 0; k < topo.links.size(); ++k)
    {
        const auto& l = topo.links[k];
        if (k != failed && (l.a == dst || l.b == dst))
        {
            dstAddr = l.a == dst ? l.addrA : l.addrB;
            peer = l.a == dst ? l.b : l.a;
            break;
        }
    }

    // The protocol (ns-3's RIP came with the stack).
    if (ospf)
    {
        RtmOspfHelper h;
        h.Install(topo.nodes);
    }
    else if (!ns3Rip)
    {
        RtmRipHelper h;
        h.Install(topo.nodes);
    }
    uint64_t ns3RipMessages = 0; // ns-3's Rip keeps no counters: UDP datagrams to port 520
    if (ns3Rip)
    {
        auto count = [&ns3RipMessages](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t) {
            Ptr<Packet> copy = p->Copy();
            Ipv4Header ip;
            UdpHeader udp;
            if (copy->RemoveHeader(ip) > 0 && ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER &&
                copy->PeekHeader(udp) > 0 && udp.GetDestinationPort() == 520)
            {
                ++ns3RipMessages;
            }
        };
        for (uint32_t v = 0; v < n; ++v)
        {
            topo.nodes.Get(v)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                RtmMakeCallback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(count));
        }
    }
    auto messages = [&topo, ospf, ns3Rip, &ns3RipMessages]() {
        if (ns3Rip)
        {
            return ns3RipMessages;
        }
        uint64_t m = 0;
        for (uint32_t v = 0; v < topo.GetNRouters(); ++v)
        {
            if (ospf)
            {
                Ptr<RtmOspfClient> c = RtmOspfHelper::GetOspfClient(topo.nodes.Get(v));
                for (uint8_t t = 1; t <= 5; ++t)
                {
                    m += c->GetPacketsSent(static_cast<RtmOspfPacketType>(t));
                }
            }
            else
            {
                Ptr<RtmRipClient> c = RtmRipHelper::GetRipClient(topo.nodes.Get(v));
                m += c->GetUpdatesSent() + c->GetRequestsSent();
            }
        }
        return m;
    };
    // The interfaces of v's next hops toward the destination (none: no route): every next hop
    // of the RTM's best route, or the one route of ns-3's RIP.
    auto nextHops = [&topo, ospf, ns3Rip, dstAddr](uint32_t v) {
        std::vector<uint32_t> out;
        if (ns3Rip)
        {
            Ptr<Ipv4> ipv4 = topo.nodes.Get(v)->GetObject<Ipv4>();
            Ipv4Header h;
            h.SetDestination(dstAddr);
            h.SetProtocol(UdpL4Protocol::PROT_NUMBER);
            Socket::SocketErrno err;
            Ptr<Ipv4Route> r =
                ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), h, nullptr, err);
            if (r && r->GetOutputDevice())
            {
                out.push_back(ipv4->GetInterfaceForDevice(r->GetOutputDevice()));
            }
            return out;
        }
        Ptr<RtmRegistration> reg =
            ospf ? RtmOspfHelper::GetOspfClient(topo.nodes.Get(v))->GetRegistration()
                 : RtmRipHelper::GetRipClient(topo.nodes.Get(v))->GetRegistration();
        RtmDestInfo info;
        RtmRouteInfo ri;
        if (reg->GetMostSpecificDestination(RtmNetAddress::FromIpv4(dstAddr),
                                            RTM_BEST_PROTOCOL,
                                            RTM_VIEW_MASK_UCAST,
                                            info) == RtmStatus::Success &&
            !info.viewInfo.empty() && !info.viewInfo[0].route.IsNull() &&
            reg->GetRouteInfo(info.viewInfo[0].route, &ri) == RtmStatus::Success)
        {
            for (const auto& h : ri.nextHops)
            {
                RtmNextHopInfo ni;
                reg->GetNextHopInfo(h, ni);
                out.push_back(ni.interfaceIndex);
            }
        }
        return out;
    };

    // Traffic.
    uint16_t port = 9;
    PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinks = sink.Install(topo.nodes.Get(dst));
    RxCounter rx;
    sinks.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&RxCounter::Rx, &rx));
    const uint64_t& received = rx.received;
    for (uint32_t s : order)
    {
        UdpClientHelper client(dstAddr, port);
        client.SetAttribute("Interval", TimeValue(Seconds(1.0 / sc.rate)));
        client.SetAttribute("MaxPackets", UintegerValue(uint32_t(sc.simTime * sc.rate) + 1));
        client.SetAttribute("PacketSize", UintegerValue(200));
        ApplicationContainer a = client.Install(topo.nodes.Get(s));
        a.Start(Seconds(1));
        a.Stop(Seconds(sc.simTime));
    }

    // Sampling.
    RtmTopologyGraph without =
        failed != UINT32_MAX ? RtmOspfTopologyHelper::WithoutLink(topo, failed) : topo.graph;
    RtmPathOracle oracleFull(topo.graph, RtmPathOracle::HOPS);
    RtmPathOracle oracleFailed(without, RtmPathOracle::HOPS);
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> neighbourOf; // (v, interface) -> u
    for (const auto& l : topo.links)
    {
        neighbourOf[{l.a, l.ifA}] = l.b;
        neighbourOf[{l.b, l.ifB}] = l.a;
    }
    if (failed != UINT32_MAX)
    {
        const RtmTopologyLink l = topo.links[failed];
        Ptr<Ipv4> a = topo.nodes.Get(l.a)->GetObject<Ipv4>();
        Ptr<Ipv4> b = topo.nodes.Get(l.b)->GetObject<Ipv4>();
        RtmSchedule(Seconds(sc.failAt), [a, b, l]() {
            a->SetDown(l.ifA);
            b->SetDown(l.ifB);
        });
        RtmSchedule(Seconds(sc.repairAt), [a, b, l]() {
            a->SetUp(l.ifA);
            b->SetUp(l.ifB);
        });
    }
    uint64_t lastReceived = 0;
    uint64_t lastMessages = 0;
    double lastStaleFail = -1;
    double lastStaleRepair = -1;
    for (uint64_t i = 1; i * sc.step <= sc.simTime + 1e-9; ++i)
    {
        const double t = i * sc.step;
        Simulator::Stop(Seconds(t) - Simulator::Now());
        Simulator::Run();
        bool down = t > sc.failAt && t <= sc.repairAt;
        RtmPathOracle& o = down ? oracleFailed : oracleFull;
        // Hops to the destination's subnet: to the nearer of the two routers attached to it
        // (what both protocols route by: a /30 is as close as its nearer end).
        auto hops = [&o, dst, peer](uint32_t v) {
            return std::min(o.Distance(v, dst), o.Distance(v, peer));
        };
        uint32_t stale = 0;
        for (uint32_t v = 0; v < n; ++v)
        {
            if (v == dst || v == peer || hops(v) == RtmPathOracle::kUnreachable)
            {
                continue;
            }
            std::vector<uint32_t> ifs = nextHops(v);
            bool ok = !ifs.empty();
            for (uint32_t i : ifs)
            {
                auto it = neighbourOf.find({v, i});
                bool linkUp = it != neighbourOf.end() &&
                              !(down && failed != UINT32_MAX &&
                                ((topo.links[failed].a == v && topo.links[failed].ifA == i) ||
                                 (topo.links[failed].b == v && topo.links[failed].ifB == i)));
                ok = ok && linkUp && 1 + hops(it->second) == hops(v);
            }
            stale += ok ? 0 : 1;
        }
        uint64_t m = messages();
        out.delivered.Add(t, (received - lastReceived) / sc.step);
        out.messages.Add(t, (m - lastMessages) / sc.step);
        out.stale.Add(t, stale);
        lastReceived = received;
        lastMessages = m;
        if (stale > 0 && t > sc.failAt && t <= sc.repairAt)
        {
            lastStaleFail = t;
        }
        if (stale > 0 && t > sc.repairAt)
        {
            lastStaleRepair = t;
        }
        if (t <= sc.repairAt)
        {
            out.staleAtRepair = stale;
        }
        out.staleAtEnd = stale;
    }
    // (to the millisecond: the samples are multiples of the step)
    auto ms = [](double s) { return std::round(s * 1000) / 1000; };
    out.afterFailure = lastStaleFail < 0 ? 0 : ms(lastStaleFail - sc.failAt);
    out.afterRepair = lastStaleRepair < 0 ? 0 : ms(lastStaleRepair - sc.repairAt);
    out.received = received;
    out.sent = static_cast<uint64_t>(order.size() * (sc.simTime - 1) * sc.rate);
    std::cout << protocol << ": " << n << " routers, " << order.size() << " flows to "
              << topo.RouterId(dst) << ", link " << failed << " fails at " << sc.failAt
              << " s and returns at " << sc.repairAt << " s; reconverged after failure "
              << out.afterFailure << " s, after repair " << out.afterRepair << " s, delivered "
              << received << " of " << out.sent << std::endl;
    Simulator::Destroy();
    return out;
}

} // namespace

int
main(int argc, char* argv[])
{
    Scenario sc;
    sc.file = "../shared/data/topologies/topology-zoo/Geant2012.graphml";
    sc.failAt = 40;
    sc.repairAt = 140;
    sc.simTime = 200;
    sc.step = 0.1;
    sc.flows = 4;
    sc.rate = 50;
    std::string protocols = "ospf,rip,ns3rip";
    std::string png = "rtm-ospf-convergence.png";
    bool plot = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("graphml", "GraphML topology (Internet Topology Zoo)", sc.file);
    cmd.AddValue("protocols",
                 "comma-separated: ospf, rip (the RTM's RIP), ns3rip (ns-3's Rip)",
                 protocols);
    cmd.AddValue("failAt", "time of the link failure (s)", sc.failAt);
    cmd.AddValue("repairAt", "time of the repair (s)", sc.repairAt);
    cmd.AddValue("simTime", "simulated time (s)", sc.simTime);
    cmd.AddValue("step", "sampling interval (s)", sc.step);
    cmd.AddValue("flows", "number of UDP flows", sc.flows);
    cmd.AddValue("rate", "packets per second of each flow", sc.rate);
    cmd.AddValue("png", "output PNG (its gnuplot script is FILE.plt)", png);
    cmd.AddValue("plot", "run gnuplot on the script", plot);
    cmd.Parse(argc, argv);

    std::vector<std::pair<std::string, Series>> runs;
    std::string p;
    std::stringstream ss(protocols);
    while (std::getline(ss, p, ','))
    {
        if (p != "ospf" && p != "rip" && p != "ns3rip")
        {
            std::cerr << "rtm-ospf-convergence: unknown protocol " << p << std::endl;
            return 2;
        }
        runs.emplace_back(p, Run(p, sc));
    }

    // One PNG, three panels, each with every protocol.
    const char* titles[] = {"delivered packets per second",
                            "routing messages per second",
                            "routers on a stale path"};
    std::ofstream plt(png + ".plt");
    for (int panel = 0; panel < 3; ++panel)
    {
        Gnuplot g;
        if (panel == 0)
        {
            g.SetTerminal("png size 900,1100");
            g.SetOutputFilename(png);
            g.SetExtra("set multiplot layout 3,1\nset key top right\nset grid");
        }
        g.SetTitle(titles[panel]);
        g.SetLegend("time (s)", "");
        for (auto& r : runs)
        {
            Gnuplot2dDataset d = panel == 0   ? r.second.delivered
                                 : panel == 1 ? r.second.messages
                                              : r.second.stale;
            d.SetTitle(r.first == "ospf" ? "OSPF" : r.first == "rip" ? "RTM RIP" : "ns-3 Rip");
            d.SetStyle(Gnuplot2dDataset::LINES);
            g.AddDataset(d);
        }
        g.GenerateOutput(plt);
    }
    plt << "unset multiplot" << std::endl;
    plt.close();
    if (plot)
    {
        std::string command = "gnuplot " + png + ".plt";
        if (std::system("command -v gnuplot > /dev/null 2>&1") == 0 &&
            std::system(command.c_str()) == 0)
        {
            std::cout << "plot: " << png << std::endl;
        }
        else
        {
            std::cout << "plot: gnuplot not available, script in " << png << ".plt" << std::endl;
        }
    }
    // The RTM's protocols must have reconverged before the repair and by the end (ns-3's Rip is
    // only reported).
    int status = 0;
    for (const auto& r : runs)
    {
        if (r.first != "ns3rip" && (r.second.staleAtRepair > 0 || r.second.staleAtEnd > 0))
        {
            std::cout << r.first << ": NOT reconverged (" << r.second.staleAtRepair
                      << " routers on a stale path before the repair, " << r.second.staleAtEnd
                      << " at the end)" << std::endl;
            status = 1;
        }
    }
    return status;
}
