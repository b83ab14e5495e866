/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfTopologyHelper: OSPF over a topology built by RtmTopologyHelper (see its header).
 */
#include "rtm-ospf-topology-helper.h"

#include "ns3/ipv4.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <boost/graph/connected_components.hpp>
#include <chrono>
#include <set>
#include <sstream>

namespace ns3
{

RtmOspfTopologyHelper::RtmOspfTopologyHelper(RtmTopology& topo)
    : m_topo(topo)
{
}

RtmOspfHelper&
RtmOspfTopologyHelper::GetOspfHelper()
{
    return m_ospf;
}

void
RtmOspfTopologyHelper::SetAreas(const std::vector<uint32_t>& linkArea,
                                const std::vector<uint32_t>& routerArea)
{
    std::vector<int64_t> first(m_topo.GetNRouters(), -1);
    for (uint32_t k = 0; k < m_topo.links.size() && k < linkArea.size(); ++k)
    {
        const RtmTopologyLink& l = m_topo.links[k];
        m_ospf.SetInterfaceArea(m_topo.nodes.Get(l.a), l.ifA, linkArea[k]);
        m_ospf.SetInterfaceArea(m_topo.nodes.Get(l.b), l.ifB, linkArea[k]);
        for (uint32_t v : {l.a, l.b})
        {
            if (first[v] < 0)
            {
                first[v] = linkArea[k];
            }
        }
    }
    for (uint32_t v = 0; v < m_topo.GetNRouters(); ++v)
    {
        if (v < routerArea.size())
        {
            m_ospf.SetRouterAddressArea(m_topo.nodes.Get(v), routerArea[v]);
        }
        else if (first[v] >= 0)
        {
            m_ospf.SetRouterAddressArea(m_topo.nodes.Get(v), static_cast<uint32_t>(first[v]));
        }
    }
}

void
RtmOspfTopologyHelper::Install()
{
    m_ospf.Install(m_topo.nodes);
    m_clients.clear();
    for (uint32_t v = 0; v < m_topo.GetNRouters(); ++v)
    {
        m_clients.push_back(RtmOspfHelper::GetOspfClient(m_topo.nodes.Get(v)));
    }
}

uint64_t
RtmOspfTopologyHelper::TotalPackets() const
{
    uint64_t n = 0;
    for (const auto& c : m_clients)
    {
        for (uint8_t t = 1; t <= 5; ++t)
        {
            n += c->GetPacketsSent(static_cast<RtmOspfPacketType>(t));
        }
    }
    return n;
}

RtmOspfTopologyHelper::Convergence
RtmOspfTopologyHelper::RunUntilConverged(Time quiet, Time limit, Time poll)
{
    Convergence c;
    uint64_t rx0 = 0;
    uint64_t rx = 0;
    auto snapshot = [this, &rx](uint64_t& packets,
                                uint64_t& bytes,
                                uint64_t& lsas,
                                uint64_t& spf,
                                uint64_t& writes,
                                uint64_t& received) {
        packets = TotalPackets();
        bytes = lsas = spf = writes = received = rx = 0;
        for (const auto& x : m_clients)
        {
            rx += x->GetLsaRetransmissions();
            bytes += x->GetBytesSent();
            lsas += x->GetLsasOriginated();
            spf += x->GetSpfRuns();
            writes += x->GetRouteWrites();
            received += x->GetLsasReceived();
        }
    };
    uint64_t p0, b0, l0, s0, w0, r0;
    snapshot(p0, b0, l0, s0, w0, r0);
    rx0 = rx;
    auto wall0 = std::chrono::steady_clock::now();
    Time start = Simulator::Now();
    Time lastActivity = start;
    uint64_t lastL = l0;
    uint64_t lastW = w0;
    uint64_t lastR = r0;
    while (Simulator::Now() - start < limit)
    {
        Simulator::Stop(poll);
        Simulator::Run();
        uint64_t p, b, l, s, w, r;
        snapshot(p, b, l, s, w, r);
        bool started =
            std::all_of(m_clients.begin(), m_clients.end(), [](const Ptr<RtmOspfClient>& x) {
                return x->GetRouterId() != Ipv4Address::GetAny();
            });
        if (l != lastL || w != lastW || r != lastR || !started)
        {
            lastActivity = Simulator::Now();
            lastL = l;
            lastW = w;
            lastR = r;
        }
        else if (Simulator::Now() - lastActivity >= quiet)
        {
            c.converged = true;
            break;
        }
    }
    Time last = start;
    for (const auto& x : m_clients)
    {
        last = std::max(last, x->GetLastRouteChange());
    }
    uint64_t p, b, l, s, w, r;
    snapshot(p, b, l, s, w, r);
    c.seconds = (last - start).GetSeconds();
    c.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    c.packets = p - p0;
    c.bytes = b - b0;
    c.lsas = l - l0;
    c.spfRuns = s - s0;
    c.routeWrites = w - w0;
    c.retransmissions = rx - rx0;
    return c;
}

void
RtmOspfTopologyHelper::FailLink(uint32_t k)
{
    const RtmTopologyLink& l = m_topo.links.at(k);
    m_topo.nodes.Get(l.a)->GetObject<Ipv4>()->SetDown(l.ifA);
    m_topo.nodes.Get(l.b)->GetObject<Ipv4>()->SetDown(l.ifB);
}

void
RtmOspfTopologyHelper::RestoreLink(uint32_t k)
{
    const RtmTopologyLink& l = m_topo.links.at(k);
    m_topo.nodes.Get(l.a)->GetObject<Ipv4>()->SetUp(l.ifA);
    m_topo.nodes.Get(l.b)->GetObject<Ipv4>()->SetUp(l.ifB);
}

RtmTopologyGraph
RtmOspfTopologyHelper::WithoutLink(const RtmTopology& topo, uint32_t k)
{
    RtmTopologyGraph g = topo.graph;
    auto range = boost::edges(g);
    for (auto it = range.first; it != range.second; ++it)
    {
        if (g[*it].link == k)
        {
            boost::remove_edge(*it, g);
            break;
        }
    }
    return g;
}

uint32_t
RtmOspfTopologyHelper::ChooseLinkToFail() const
{
    // Links whose failure keeps the graph connected as it was (same number of components).
    std::vector<int> comp(boost::num_vertices(m_topo.graph));
    int base = boost::connected_components(m_topo.graph, comp.data());
    RtmPathOracle oracle(m_topo.graph, RtmPathOracle::WEIGHTS);
    // Use count: links on one shortest path from vertex 0 to every vertex.
    std::vector<uint32_t> uses(m_topo.links.size(), 0);
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> linkOf;
    for (uint32_t k = 0; k < m_topo.links.size(); ++k)
    {
        const auto& l = m_topo.links[k];
        auto key = std::minmax(l.a, l.b);
        auto it = linkOf.find(key);
        if (it == linkOf.end() || l.weight < m_topo.links[it->second].weight)
        {
            linkOf[key] = k;
        }
    }
    for (uint32_t t = 1; t < m_topo.GetNRouters(); ++t)
    {
        std::vector<uint32_t> path = oracle.Path(0, t);
        for (std::size_t i = 1; i < path.size(); ++i)
        {
            auto it = linkOf.find(std::minmax(path[i - 1], path[i]));
            if (it != linkOf.end())
            {
                ++uses[it->second];
            }
        }
    }
    std::vector<uint32_t> order(m_topo.links.size());
    for (uint32_t k = 0; k < order.size(); ++k)
    {
        order[k] = k;
    }
    std::stable_sort(order.begin(), order.end(), [&uses](uint32_t a, uint32_t b) {
        return uses[a] > uses[b];
    });
    for (uint32_t k : order)
    {
        RtmTopologyGraph g = WithoutLink(m_topo, k);
        std::vector<int> c(boost::num_vertices(g));
        if (boost::connected_components(g, c.data()) == base)
        {
            return k;
        }
    }
    return UINT32_MAX;
}

RtmOspfTopologyHelper::EcmpSummary
RtmOspfTopologyHelper::CheckEcmp(RtmPathOracle& oracle, uint32_t failed, uint32_t maxExamples) const
{
    EcmpSummary sum;
    const uint32_t n = m_topo.GetNRouters();

    // Links at each router: (link index, neighbour vertex, interface, neighbour address).
    struct Adj
    {
        uint32_t link;
        uint32_t other;
        uint32_t itf;
        uint32_t address;
        uint64_t weight;
    };

    std::vector<std::vector<Adj>> adj(n);
    for (uint32_t k = 0; k < m_topo.links.size(); ++k)
    {
        if (k == failed)
        {
            continue;
        }
        const auto& l = m_topo.links[k];
        adj[l.a].push_back(Adj{k, l.b, l.ifA, l.addrB.Get(), l.weight});
        adj[l.b].push_back(Adj{k, l.a, l.ifB, l.addrA.Get(), l.weight});
    }
    auto describe = [&](uint32_t s, uint32_t t, const std::string& what) {
        if (sum.examples.size() < maxExamples)
        {
            sum.examples.push_back(m_topo.RouterId(s) + " -> " + m_topo.RouterId(t) + ": " + what);
        }
    };
    for (uint32_t s = 0; s < n; ++s)
    {
        Ptr<RtmOspfClient> c = m_clients.at(s);
        Ptr<RtmRegistration> reg = c->GetRegistration();
        uint32_t maxHops = reg->GetProfile().maxNextHopsInRoute;
        for (uint32_t t = 0; t < n; ++t)
        {
            if (t == s || m_topo.routerAddress[t] == Ipv4Address::GetAny())
            {
                continue;
            }
            ++sum.pairs;
            uint64_t d = oracle.Distance(s, t);
            RtmDestInfo info;
            RtmStatus st =
                reg->GetExactMatchDestination(RtmNetAddress::FromIpv4(m_topo.routerAddress[t], 32),
                                              RTM_BEST_PROTOCOL,
                                              RTM_VIEW_MASK_UCAST,
                                              info);
            bool found = st == RtmStatus::Success && !info.viewInfo.empty() &&
                         !info.viewInfo[0].route.IsNull();
            if (d == RtmPathOracle::kUnreachable)
            {
                ++sum.unreachable;
                if (found)
                {
                    ++sum.mismatches;
                    describe(s, t, "a route to an unreachable router");
                }
                continue;
            }
            if (!found)
            {
                ++sum.mismatches;
                describe(s, t, "no route");
                continue;
            }
            if (info.viewInfo[0].owner != reg->GetEntityHandle())
            {
                ++sum.mismatches;
                describe(s, t, "best route is not OSPF's");
                continue;
            }
            RtmRouteInfo ri;
            reg->GetRouteInfo(info.viewInfo[0].route, &ri);
            std::set<std::pair<uint32_t, uint32_t>> got;
            for (const auto& h : ri.nextHops)
            {
                RtmNextHopInfo ni;
                if (reg->GetNextHopInfo(h, ni) == RtmStatus::Success)
                {
                    got.insert({ni.interfaceIndex, ni.nextHopAddress.GetIpv4().Get()});
                }
            }
            std::set<std::pair<uint32_t, uint32_t>> want;
            for (const auto& a : adj[s])
            {
                uint64_t dn = oracle.Distance(a.other, t);
                if (dn != RtmPathOracle::kUnreachable && a.weight + dn == d)
                {
                    want.insert({a.itf, a.address});
                }
            }
            sum.nextHops += got.size();
            if (want.size() > 1)
            {
                ++sum.multipath;
            }
            bool ok = false;
            if (want.size() > maxHops)
            {
                ++sum.capped;
                ok = got.size() == maxHops &&
                     std::includes(want.begin(), want.end(), got.begin(), got.end());
            }
            else
            {
                ok = got == want;
            }
            if (!ok || ri.prefInfo.metric != d)
            {
                ++sum.mismatches;
                std::ostringstream os;
                os << "metric " << ri.prefInfo.metric << " (shortest " << d << "), next hops "
                   << got.size() << " (expected " << want.size() << ")";
                describe(s, t, os.str());
            }
        }
    }
    return sum;
}

} // namespace ns3
