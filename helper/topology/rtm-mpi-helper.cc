/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: partition of a topology over MPI ranks and the scenario run the same on any number of
 * ranks (see rtm-mpi-helper.h).
 */
#include "rtm-mpi-helper.h"

#include "rtm-graph-routing-helper.h"
#include "rtm-topology-helper.h"

#include "ns3/global-value.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-router.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/udp-server.h"
#include "ns3/uinteger.h"

#ifdef RTM_HAVE_MPI
#include "ns3/mpi-interface.h"
#endif

#include <algorithm>
#include <chrono>
#include <deque>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <random>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmMpiHelper");

std::vector<uint32_t>
RtmMpiHelper::Partition(const RtmTopology& topo, uint32_t ranks)
{
    const uint32_t n = static_cast<uint32_t>(boost::num_vertices(topo.graph));
    ranks = std::max<uint32_t>(ranks, 1);
    // Breadth-first order, neighbours ascending, components from their lowest vertex.
    std::vector<uint32_t> order;
    order.reserve(n);
    std::vector<bool> seen(n, false);
    for (uint32_t root = 0; root < n; ++root)
    {
        if (seen[root])
        {
            continue;
        }
        std::deque<uint32_t> queue{root};
        seen[root] = true;
        while (!queue.empty())
        {
            uint32_t v = queue.front();
            queue.pop_front();
            order.push_back(v);
            std::vector<uint32_t> next;
            auto adj = boost::adjacent_vertices(v, topo.graph);
            for (auto it = adj.first; it != adj.second; ++it)
            {
                next.push_back(static_cast<uint32_t>(*it));
            }
            std::sort(next.begin(), next.end());
            for (uint32_t w : next)
            {
                if (!seen[w])
                {
                    seen[w] = true;
                    queue.push_back(w);
                }
            }
        }
    }
    // Consecutive pieces; the first n % ranks pieces are one longer.
    std::vector<uint32_t> rankOf(n, 0);
    uint32_t pos = 0;
    for (uint32_t r = 0; r < ranks; ++r)
    {
        uint32_t size = n / ranks + (r < n % ranks ? 1 : 0);
        for (uint32_t k = 0; k < size; ++k)
        {
            rankOf[order[pos++]] = r;
        }
    }
    return rankOf;
}

void
RtmMpiHelper::CreateNodes(RtmTopology& topo, const std::vector<uint32_t>& rankOf)
{
    topo.nodes = NodeContainer();
    for (uint32_t rank : rankOf)
    {
        topo.nodes.Add(CreateObject<Node>(rank));
    }
}

bool
RtmMpiHelper::IsLocal(Ptr<Node> node)
{
    return node->GetSystemId() == Simulator::GetSystemId();
}

bool
RtmMpiHelper::Enable(int* argc, char*** argv, bool nullMessages)
{
#ifdef RTM_HAVE_MPI
    GlobalValue::Bind("SimulatorImplementationType",
                      StringValue(nullMessages ? "ns3::NullMessageSimulatorImpl"
                                               : "ns3::DistributedSimulatorImpl"));
    MpiInterface::Enable(argc, argv);
    return true;
#else
    return false;
#endif
}

uint32_t
RtmMpiHelper::GetRank()
{
#ifdef RTM_HAVE_MPI
    if (MpiInterface::IsEnabled())
    {
        return MpiInterface::GetSystemId();
    }
#endif
    return 0;
}

uint32_t
RtmMpiHelper::GetSize()
{
#ifdef RTM_HAVE_MPI
    if (MpiInterface::IsEnabled())
    {
        return MpiInterface::GetSize();
    }
#endif
    return 1;
}

void
RtmMpiHelper::Disable()
{
#ifdef RTM_HAVE_MPI
    if (MpiInterface::IsEnabled())
    {
        MpiInterface::Disable();
    }
#endif
}

RtmMpiScenario::RtmMpiScenario(const Config& config)
    : m_config(config)
{
}

std::vector<std::pair<uint32_t, uint32_t>>
RtmMpiScenario::Sample(uint32_t n) const
{
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    if (n < 2)
    {
        return pairs;
    }
    // std::mt19937 is specified exactly, so every rank (and platform) draws the same pairs.
    std::mt19937 rng(m_config.seed);
    for (uint32_t i = 0; i < m_config.pairs; ++i)
    {
        uint32_t s = rng() % n;
        uint32_t d = rng() % (n - 1);
        d = d >= s ? d + 1 : d;
        pairs.emplace_back(s, d);
    }
    return pairs;
}

RtmMpiScenario::Result
RtmMpiScenario::Run(RtmTopology& topo)
{
    Result res;
    res.rank = RtmMpiHelper::GetRank();
    res.ranks = RtmMpiHelper::GetSize();
    const uint32_t n = topo.GetNRouters();
    NodeContainer local;
    std::vector<uint32_t> localVertex; // vertex of local.Get(i)
    for (uint32_t v = 0; v < n; ++v)
    {
        if (RtmMpiHelper::IsLocal(topo.nodes.Get(v)))
        {
            local.Add(topo.nodes.Get(v));
            localVertex.push_back(v);
        }
    }
    res.localRouters = local.GetN();
    std::map<uint32_t, uint32_t> vertexOfAddress; // link address -> vertex
    std::vector<int64_t> firstLink(n, -1);
    for (uint32_t k = 0; k < topo.links.size(); ++k)
    {
        const RtmTopologyLink& l = topo.links[k];
        vertexOfAddress[l.addrA.Get()] = l.a;
        vertexOfAddress[l.addrB.Get()] = l.b;
        for (uint32_t end : {l.a, l.b})
        {
            if (firstLink[end] < 0)
            {
                firstLink[end] = k;
            }
        }
        if (topo.nodes.Get(l.a)->GetSystemId() != topo.nodes.Get(l.b)->GetSystemId())
        {
            ++res.remoteLinks;
        }
    }
    auto destination = [&](uint32_t d) {
        const RtmTopologyLink& l = topo.links[firstLink[d]];
        return l.a == d ? l.addrA : l.addrB;
    };

    // The link-state client: the graph of every router on every rank, clients on local nodes
    // (RtmGraphRoutingHelper skips remote nodes). Installed when the simulation starts: ns-3
    // keeps every Time made before Simulator::Run in a set, which would slow the computation.
    Ptr<RtmGraphDomain> domain;
    RtmGraphRoutingHelper graph;
    if (m_config.graph)
    {
        RtmSchedule(Seconds(0), [&]() { domain = graph.Install(topo.nodes); });
    }

    // What the trace sinks record lives on the heap, owned by the sinks: they stay connected after
    // Run returns (Simulator::Destroy withdraws routes and still fires them).
    auto ripLast = std::make_shared<Time>();
    auto dropped = std::make_shared<std::map<std::string, uint64_t>>();

    // RIP on local nodes, one random stream block per node id; convergence = last change.
    if (m_config.rip)
    {
        RtmRipHelper rip;
        rip.Install(local);
        for (uint32_t i = 0; i < local.GetN(); ++i)
        {
            rip.AssignStreams(NodeContainer(local.Get(i)),
                              1000 + 16 * int64_t(local.Get(i)->GetId()));
        }
        auto onChange = RtmMakeCallback<void, uint16_t, const RtmNetAddress&, uint32_t>(
            [ripLast](uint16_t, const RtmNetAddress&, uint32_t protocol) {
                if (protocol == RTM_PROTO_IP_RIP)
                {
                    *ripLast = Simulator::Now();
                }
            });
        for (uint32_t i = 0; i < local.GetN(); ++i)
        {
            Ptr<RtmInstance> inst = local.Get(i)->GetObject<RtmRouter>()->GetInstance(0);
            inst->TraceConnectWithoutContext("RouteAdded", onChange);
            inst->TraceConnectWithoutContext("RouteDeleted", onChange);
        }
    }

    // Drops at local routers, by reason (the RTM's own and IPv4's).
    for (uint32_t i = 0; i < local.GetN(); ++i)
    {
        Ptr<Ipv4> ipv4 = local.Get(i)->GetObject<Ipv4>();
        Ptr<RtmIpv4Routing> routing = DynamicCast<RtmIpv4Routing>(ipv4->GetRoutingProtocol());
        if (routing)
        {
            routing->TraceConnectWithoutContext(
                "Drop",
                RtmMakeCallback<void, Ptr<const Packet>, const Ipv4Header&, int32_t, RtmDropReason>(
                    [dropped](Ptr<const Packet>, const Ipv4Header&, int32_t, RtmDropReason r) {
                        ++(*dropped)[std::string("rtm:") + RtmDropReasonName(r)];
                    }));
        }
        ipv4->TraceConnectWithoutContext(
            "Drop",
            RtmMakeCallback<void,
                            const Ipv4Header&,
                            Ptr<const Packet>,
                            Ipv4L3Protocol::DropReason,
                            Ptr<Ipv4>,
                            uint32_t>([dropped](const Ipv4Header&,
                                                Ptr<const Packet>,
                                                Ipv4L3Protocol::DropReason r,
                                                Ptr<Ipv4>,
                                                uint32_t) {
                ++(*dropped)["ipv4:" + std::to_string(static_cast<int>(r))];
            }));
    }

    // Traffic between the sampled pairs (only routers with a link take part).
    std::vector<uint32_t> linked;
    for (uint32_t v = 0; v < n; ++v)
    {
        if (firstLink[v] >= 0)
        {
            linked.push_back(v);
        }
    }
    for (const auto& p : Sample(static_cast<uint32_t>(linked.size())))
    {
        res.sampled.emplace_back(linked[p.first], linked[p.second]);
    }
    std::vector<Ptr<UdpServer>> servers;
    for (uint32_t i = 0; i < res.sampled.size(); ++i)
    {
        uint32_t s = res.sampled[i].first;
        uint32_t d = res.sampled[i].second;
        uint16_t port = static_cast<uint16_t>(10000 + i);
        if (RtmMpiHelper::IsLocal(topo.nodes.Get(d)))
        {
            UdpServerHelper server(port);
            ApplicationContainer a = server.Install(topo.nodes.Get(d));
            a.Start(Seconds(0));
            a.Stop(m_config.stop);
            servers.push_back(DynamicCast<UdpServer>(a.Get(0)));
        }
        if (RtmMpiHelper::IsLocal(topo.nodes.Get(s)))
        {
            UdpClientHelper client(destination(d), port);
            client.SetAttribute("MaxPackets", UintegerValue(m_config.packets));
            client.SetAttribute("Interval", TimeValue(m_config.interval));
            client.SetAttribute("PacketSize", UintegerValue(64));
            ApplicationContainer a = client.Install(topo.nodes.Get(s));
            a.Start(m_config.trafficStart + MicroSeconds(100 * i));
            a.Stop(m_config.stop);
            res.sent += m_config.packets;
        }
    }

    Simulator::Stop(m_config.stop);
    Simulator::Run();

    for (const Ptr<UdpServer>& s : servers)
    {
        res.delivered += s->GetReceived();
    }
    res.ripConvergence = ripLast->GetSeconds();
    res.dropped = *dropped;
    // Next hop of every local router towards every sampled destination.
    std::set<uint32_t> dests;
    for (const auto& p : res.sampled)
    {
        dests.insert(p.second);
    }
    for (uint32_t d : dests)
    {
        Ipv4Header h;
        h.SetDestination(destination(d));
        for (uint32_t i = 0; i < local.GetN(); ++i)
        {
            Ptr<Node> node = local.Get(i);
            uint32_t v = localVertex[i];
            int64_t next = -1;
            if (v == d)
            {
                next = -2;
            }
            else
            {
                Socket::SocketErrno err;
                Ptr<Ipv4RoutingProtocol> routing = node->GetObject<Ipv4>()->GetRoutingProtocol();
                Ptr<Ipv4Route> route = routing->RouteOutput(nullptr, h, nullptr, err);
                if (route)
                {
                    Ipv4Address via = route->GetGateway() == Ipv4Address::GetAny()
                                          ? h.GetDestination()
                                          : route->GetGateway();
                    auto it = vertexOfAddress.find(via.Get());
                    next = it == vertexOfAddress.end() ? -1 : it->second;
                }
            }
            res.nextHop[{d, v}] = next;
        }
    }
    return res;
}

void
RtmMpiScenario::Write(const Result& r, std::ostream& os)
{
    os << "rank " << r.rank << " " << r.ranks << "\n";
    os << "local_routers " << r.localRouters << "\n";
    os << "remote_links " << r.remoteLinks << "\n";
    os << "sent " << r.sent << "\n";
    os << "delivered " << r.delivered << "\n";
    for (const auto& d : r.dropped)
    {
        os << "dropped " << d.first << " " << d.second << "\n";
    }
    os << "rip_convergence_s " << std::fixed << std::setprecision(9) << r.ripConvergence
       << std::defaultfloat << "\n";
    for (const auto& p : r.sampled)
    {
        os << "pair " << p.first << " " << p.second << "\n";
    }
    for (const auto& h : r.nextHop)
    {
        os << "nexthop " << h.first.first << " " << h.first.second << " " << h.second << "\n";
    }
}

int
RtmMpiScenario::Main(const std::string& format,
                     const std::string& file,
                     const Config& config,
                     bool nullMessages,
                     const std::string& out,
                     int* argc,
                     char*** argv)
{
    auto t0 = std::chrono::steady_clock::now();
    bool mpi = RtmMpiHelper::Enable(argc, argv, nullMessages);
    const uint32_t rank = RtmMpiHelper::GetRank();
    RtmTopologyHelper helper;
    helper.SetWeightMode(RtmTopologyHelper::WEIGHTS_HOPS);
    helper.SetMetrics(false);
    helper.SetDeviceAttribute("DataRate", StringValue(config.dataRate));
    helper.SetChannelAttribute("Delay", TimeValue(config.delay));
    RtmTopology topo;
    std::string error;
    int status = 0;
    if (!helper.Read(format, file, topo, error))
    {
        std::cerr << "rtm-topology: " << error << std::endl;
        status = 2;
    }
    else
    {
        RtmMpiHelper::CreateNodes(topo, RtmMpiHelper::Partition(topo, RtmMpiHelper::GetSize()));
        helper.Build(topo);
        RtmMpiScenario scenario(config);
        Result r = scenario.Run(topo);
        double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::ofstream f;
        if (!out.empty())
        {
            f.open(out + ".rank" + std::to_string(rank));
        }
        std::ostream& os = out.empty() ? std::cout : f;
        Write(r, os);
        std::cout << "mpi: rank=" << rank << " ranks=" << r.ranks << " mpi=" << mpi
                  << " engine=" << (nullMessages ? "null-message" : "distributed")
                  << " local_routers=" << r.localRouters << " remote_links=" << r.remoteLinks
                  << " wall_s=" << wall << std::endl;
        if (!out.empty() && !f)
        {
            std::cerr << "rtm-topology: cannot write " << out << ".rank" << rank << std::endl;
            status = 2;
        }
    }
    Simulator::Destroy();
    RtmMpiHelper::Disable();
    return status;
}

} // namespace ns3
