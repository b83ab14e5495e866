/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPF areas. A Topology Zoo graph is split into areas: a connected core around the
 * best-connected router is the backbone; every other router joins the area of its nearest core
 * router (multi-source BFS), with its links to that region and to the core; links between two
 * regions are left out of OSPF. Core routers with a link into a region are area border routers.
 * Every router's converged route to every router address is compared with the cost OSPF's area
 * rules allow (intra-area paths first; from the backbone, the best ABR of the destination's
 * area; from inside an area, the best ABR of the source's area plus that ABR's own route), and
 * the next hops must be exactly the links of the route's area on which those rules continue at
 * that cost (every equal-cost next hop). (The next router's own route may cost more than that:
 * an ABR prefers its intra-area path even when the backbone offers a shorter one, which OSPF's
 * rules allow.) Convergence time and control
 * traffic are printed ("[ospf-areas]").
 * Then: stub and totally stubby areas (default summary, no externals), a virtual link joining
 * an area that does not touch the backbone, an NSSA whose ASBR's type-7 LSA is translated into
 * an AS-external-LSA by the ABR.
 */
#include "rtm-ospf-test-util.h"

#include "ns3/rtm-ospf-topology-helper.h"
#include "ns3/rtm-static-routing-helper.h"
#include "ns3/rtm-topology-helper.h"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <limits>
#include <queue>
#include <sys/stat.h>

using namespace ns3;
using namespace ospftest;

namespace
{

constexpr uint64_t kInf = std::numeric_limits<uint64_t>::max() / 4;

/// An area plan of a topology.
struct AreaPlan
{
    std::vector<uint32_t> linkArea;     //!< per link (kExcluded: not OSPF)
    std::vector<uint32_t> routerArea;   //!< per vertex: the area of its address
    std::vector<std::set<uint32_t>> of; //!< per vertex: its areas
    std::set<uint32_t> areas;           //!< all areas
    uint32_t core{0};                   //!< core routers
    static constexpr uint32_t kExcluded = 0xFFFFFFFF;
};

/// Split \p topo into areas; see the file comment.
AreaPlan
Split(const RtmTopology& topo, uint32_t radius)
{
    const uint32_t n = topo.GetNRouters();
    AreaPlan plan;
    uint32_t center = 0;
    for (uint32_t v = 0; v < n; ++v)
    {
        if (boost::out_degree(v, topo.graph) > boost::out_degree(center, topo.graph))
        {
            center = v;
        }
    }
    // Core: the ball of hop radius `radius` around the center.
    std::vector<uint32_t> hop(n, UINT32_MAX);
    std::queue<uint32_t> q;
    hop[center] = 0;
    q.push(center);
    while (!q.empty())
    {
        uint32_t u = q.front();
        q.pop();
        for (auto e : boost::make_iterator_range(boost::out_edges(u, topo.graph)))
        {
            uint32_t v = boost::target(e, topo.graph);
            if (hop[v] == UINT32_MAX)
            {
                hop[v] = hop[u] + 1;
                q.push(v);
            }
        }
    }
    std::vector<int64_t> region(n, -1);
    std::vector<bool> isCore(n, false);
    for (uint32_t v = 0; v < n; ++v)
    {
        if (hop[v] <= radius)
        {
            isCore[v] = true;
            region[v] = v;
            q.push(v);
            ++plan.core;
        }
    }
    // Regions: nearest core router (multi-source BFS, ties to the earlier one).
    while (!q.empty())
    {
        uint32_t u = q.front();
        q.pop();
        for (auto e : boost::make_iterator_range(boost::out_edges(u, topo.graph)))
        {
            uint32_t v = boost::target(e, topo.graph);
            if (region[v] < 0)
            {
                region[v] = region[u];
                q.push(v);
            }
        }
    }
    std::map<int64_t, uint32_t> areaOfRegion;
    auto areaOf = [&](int64_t r) {
        auto it = areaOfRegion.find(r);
        if (it == areaOfRegion.end())
        {
            uint32_t id = static_cast<uint32_t>(areaOfRegion.size() + 1);
            it = areaOfRegion.emplace(r, id).first;
        }
        return it->second;
    };
    plan.of.resize(n);
    plan.routerArea.assign(n, OSPF_BACKBONE);
    for (const auto& l : topo.links)
    {
        uint32_t area = AreaPlan::kExcluded;
        if (isCore[l.a] && isCore[l.b])
        {
            area = OSPF_BACKBONE;
        }
        else if (!isCore[l.a] && !isCore[l.b])
        {
            area = region[l.a] == region[l.b] && region[l.a] >= 0 ? areaOf(region[l.a])
                                                                  : AreaPlan::kExcluded;
        }
        else
        {
            uint32_t out = isCore[l.a] ? l.b : l.a;
            area = region[out] >= 0 ? areaOf(region[out]) : AreaPlan::kExcluded;
        }
        plan.linkArea.push_back(area);
        if (area != AreaPlan::kExcluded)
        {
            plan.of[l.a].insert(area);
            plan.of[l.b].insert(area);
            plan.areas.insert(area);
        }
    }
    for (uint32_t v = 0; v < n; ++v)
    {
        if (!isCore[v] && region[v] >= 0)
        {
            plan.routerArea[v] = areaOf(region[v]);
            plan.of[v].insert(plan.routerArea[v]);
        }
    }
    return plan;
}

/// Distances within one area's links (all pairs from each source, on demand).
class AreaDistances
{
  public:
    AreaDistances(const RtmTopology& topo, const AreaPlan& plan)
        : m_topo(topo),
          m_plan(plan)
    {
    }

    /// \return the distance from s to t over the links of \p area
    uint64_t D(uint32_t area, uint32_t s, uint32_t t)
    {
        auto key = std::make_pair(area, s);
        auto it = m_rows.find(key);
        if (it == m_rows.end())
        {
            it = m_rows.emplace(key, Row(area, s)).first;
        }
        return it->second[t];
    }

  private:
    std::vector<uint64_t> Row(uint32_t area, uint32_t s)
    {
        const uint32_t n = m_topo.GetNRouters();
        std::vector<uint64_t> d(n, kInf);
        typedef std::pair<uint64_t, uint32_t> QE;
        std::priority_queue<QE, std::vector<QE>, std::greater<QE>> pq;
        d[s] = 0;
        pq.push({0, s});
        while (!pq.empty())
        {
            auto [du, u] = pq.top();
            pq.pop();
            if (du != d[u])
            {
                continue;
            }
            for (uint32_t k = 0; k < m_topo.links.size(); ++k)
            {
                const auto& l = m_topo.links[k];
                if (m_plan.linkArea[k] != area || (l.a != u && l.b != u))
                {
                    continue;
                }
                uint32_t v = l.a == u ? l.b : l.a;
                if (du + l.weight < d[v])
                {
                    d[v] = du + l.weight;
                    pq.push({d[v], v});
                }
            }
        }
        return d;
    }

    const RtmTopology& m_topo;                                             //!< topology
    const AreaPlan& m_plan;                                                //!< areas
    std::map<std::pair<uint32_t, uint32_t>, std::vector<uint64_t>> m_rows; //!< cache
};

/// The cost OSPF's area rules give from s to t's router address.
class AreaOracle
{
  public:
    AreaOracle(const RtmTopology& topo, const AreaPlan& plan)
        : m_plan(plan),
          m_d(topo, plan)
    {
        for (uint32_t v = 0; v < topo.GetNRouters(); ++v)
        {
            if (plan.of[v].size() > 1 && plan.of[v].count(OSPF_BACKBONE) != 0)
            {
                for (uint32_t a : plan.of[v])
                {
                    if (a != OSPF_BACKBONE)
                    {
                        m_abrs[a].push_back(v);
                    }
                }
            }
        }
    }

    /// \return the cost, or kInf
    uint64_t Cost(uint32_t s, uint32_t t)
    {
        uint32_t x = m_plan.routerArea[t];
        if (m_plan.of[s].count(x) != 0)
        {
            return m_d.D(x, s, t);
        }
        if (m_plan.of[s].count(OSPF_BACKBONE) != 0)
        {
            return FromBackbone(s, t);
        }
        uint64_t best = kInf;
        for (uint32_t y : m_plan.of[s])
        {
            for (uint32_t b : m_abrs[y])
            {
                uint64_t c = Add(m_d.D(y, s, b), AbrCost(b, t));
                best = std::min(best, c);
            }
        }
        return best;
    }

    /**
     * \brief The links at \p s on which OSPF's rules continue at the least cost toward t:
     * links of the area the route comes from whose weight plus the cost the route's rule gives
     * from the far end equals Cost(s, t).
     */
    std::set<uint32_t> NextLinks(const RtmTopology& topo, uint32_t s, uint32_t t)
    {
        std::set<uint32_t> out;
        uint64_t cost = Cost(s, t);
        if (cost >= kInf)
        {
            return out;
        }
        uint32_t x = m_plan.routerArea[t];
        uint32_t area = x;
        std::function<uint64_t(uint32_t)> cont;
        if (m_plan.of[s].count(x) != 0)
        {
            cont = [this, x, t](uint32_t n) { return m_d.D(x, n, t); };
        }
        else if (m_plan.of[s].count(OSPF_BACKBONE) != 0)
        {
            area = OSPF_BACKBONE;
            cont = [this, t](uint32_t n) { return FromBackbone(n, t); };
        }
        else
        {
            area = *m_plan.of[s].begin();
            cont = [this, area, t](uint32_t n) {
                uint64_t best = kInf;
                for (uint32_t b : m_abrs[area])
                {
                    best = std::min(best, Add(m_d.D(area, n, b), AbrCost(b, t)));
                }
                return best;
            };
        }
        for (uint32_t k = 0; k < topo.links.size(); ++k)
        {
            const auto& l = topo.links[k];
            if (m_plan.linkArea[k] != area || (l.a != s && l.b != s))
            {
                continue;
            }
            uint32_t n = l.a == s ? l.b : l.a;
            if (Add(l.weight, cont(n)) == cost)
            {
                out.insert(k);
            }
        }
        return out;
    }

  private:
    static uint64_t Add(uint64_t a, uint64_t b)
    {
        return a >= kInf || b >= kInf ? kInf : a + b;
    }

    /// Through the backbone's summaries of t's area.
    uint64_t FromBackbone(uint32_t s, uint32_t t)
    {
        uint32_t x = m_plan.routerArea[t];
        uint64_t best = kInf;
        for (uint32_t b : m_abrs[x])
        {
            best = std::min(best, Add(m_d.D(OSPF_BACKBONE, s, b), m_d.D(x, b, t)));
        }
        return best;
    }

    /// An ABR's own route to t.
    uint64_t AbrCost(uint32_t b, uint32_t t)
    {
        uint32_t x = m_plan.routerArea[t];
        if (m_plan.of[b].count(x) != 0)
        {
            return m_d.D(x, b, t);
        }
        return FromBackbone(b, t);
    }

    const AreaPlan& m_plan;                           //!< areas
    AreaDistances m_d;                                //!< per-area distances
    std::map<uint32_t, std::vector<uint32_t>> m_abrs; //!< area -> its ABRs (on the backbone)
};

/// \return true if \p path exists
bool
Exists(const std::string& path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0;
}

/// Split a Topology Zoo graph, converge, and check every pair against the area rules.
void
RunAreas(const std::string& name, uint32_t radius)
{
    std::string file =
        std::string(RTM_SHARED_DATA) + "/topologies/topology-zoo/" + name + ".graphml";
    if (!Exists(file))
    {
        GTEST_SKIP() << file << " not found";
    }
    FreshSimulation();
    RtmTopologyHelper th;
    th.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    th.SetChannelAttribute("Delay", StringValue("1ms"));
    RtmTopology topo;
    std::string error;
    ASSERT_TRUE(th.Create("graphml", file, topo, error)) << error;
    AreaPlan plan = Split(topo, radius);
    RtmOspfTopologyHelper ospf(topo);
    std::vector<uint32_t> linkArea = plan.linkArea;
    for (uint32_t k = 0; k < topo.links.size(); ++k)
    {
        if (linkArea[k] == AreaPlan::kExcluded)
        {
            ospf.GetOspfHelper().ExcludeInterface(topo.nodes.Get(topo.links[k].a),
                                                  topo.links[k].ifA);
            ospf.GetOspfHelper().ExcludeInterface(topo.nodes.Get(topo.links[k].b),
                                                  topo.links[k].ifB);
            linkArea[k] = OSPF_BACKBONE; // (not used)
        }
    }
    ospf.SetAreas(linkArea, plan.routerArea);
    ospf.Install();
    RtmOspfTopologyHelper::Convergence c = ospf.RunUntilConverged();
    uint32_t abrs = 0;
    for (uint32_t v = 0; v < topo.GetNRouters(); ++v)
    {
        abrs += Ospf(topo.nodes.Get(v))->IsAreaBorderRouter() ? 1 : 0;
    }
    std::cout << "[ospf-areas] " << name << ": " << topo.GetNRouters() << " routers, "
              << plan.areas.size() << " areas, " << plan.core << " in the backbone, " << abrs
              << " ABRs; converged in " << c.seconds << " s simulated (" << c.wallSeconds
              << " s wall), " << c.packets << " packets, " << c.bytes << " bytes, " << c.lsas
              << " LSAs originated" << std::endl;
    ASSERT_TRUE(c.converged);
    EXPECT_GT(abrs, 1u);
    EXPECT_GT(plan.areas.size(), 2u);

    AreaOracle oracle(topo, plan);
    const uint32_t n = topo.GetNRouters();
    // metric[s][t] as installed (kInf: no route; 0 for s == t).
    std::vector<std::vector<uint64_t>> metric(n, std::vector<uint64_t>(n, kInf));
    std::vector<std::vector<std::set<std::pair<uint32_t, uint32_t>>>> hops(
        n,
        std::vector<std::set<std::pair<uint32_t, uint32_t>>>(n));
    uint64_t pairs = 0;
    uint64_t mismatches = 0;
    uint64_t inter = 0;
    for (uint32_t s = 0; s < n; ++s)
    {
        metric[s][s] = 0;
        for (uint32_t t = 0; t < n; ++t)
        {
            if (s == t)
            {
                continue;
            }
            Best b = BestRoute(topo.nodes.Get(s),
                               topo.routerAddress[t].Get() == 0
                                   ? "0.0.0.0/32"
                                   : RtmOspfDotted(topo.routerAddress[t].Get()) + "/32");
            if (b.found && b.protocol == RTM_PROTO_IP_OSPF)
            {
                metric[s][t] = b.metric;
                hops[s][t] = b.hops;
            }
            ++pairs;
            uint64_t want = oracle.Cost(s, t);
            inter += plan.of[s].count(plan.routerArea[t]) == 0 ? 1 : 0;
            if (metric[s][t] != want)
            {
                if (++mismatches <= 10)
                {
                    std::cout << "[ospf-areas] " << name << " mismatch " << topo.RouterId(s)
                              << " -> " << topo.RouterId(t) << ": cost " << metric[s][t]
                              << ", area rules " << want << std::endl;
                }
            }
        }
    }
    // The next hops are exactly the links on which the rules continue at that cost.
    uint64_t hopMismatches = 0;
    for (uint32_t s = 0; s < n; ++s)
    {
        for (uint32_t t = 0; t < n; ++t)
        {
            if (s == t || metric[s][t] == kInf)
            {
                continue;
            }
            std::set<std::pair<uint32_t, uint32_t>> want;
            for (uint32_t k : oracle.NextLinks(topo, s, t))
            {
                const auto& l = topo.links[k];
                want.insert(l.a == s ? std::make_pair(l.ifA, l.addrB.Get())
                                     : std::make_pair(l.ifB, l.addrA.Get()));
            }
            bool ok = want.size() > 16
                          ? hops[s][t].size() == 16 && std::includes(want.begin(),
                                                                     want.end(),
                                                                     hops[s][t].begin(),
                                                                     hops[s][t].end())
                          : hops[s][t] == want;
            if (!ok && ++hopMismatches <= 10)
            {
                std::cout << "[ospf-areas] " << name << " next hops of " << topo.RouterId(s)
                          << " -> " << topo.RouterId(t) << ": " << hops[s][t].size()
                          << ", the rules allow " << want.size() << std::endl;
            }
        }
    }
    std::cout << "[ospf-areas] " << name << ": pairs " << pairs << " (inter-area " << inter
              << "), cost mismatches " << mismatches << ", next-hop mismatches " << hopMismatches
              << std::endl;
    EXPECT_EQ(mismatches, 0u);
    EXPECT_EQ(hopMismatches, 0u);
    EXPECT_GT(inter, 0u);
    Simulator::Destroy();
}

} // namespace

TEST(RtmOspfAreaTest, Geant2012SplitIntoAreasFollowsTheAreaRules)
{
    RunAreas("Geant2012", 1);
}

TEST(RtmOspfAreaTest, CogentcoSplitIntoAreasFollowsTheAreaRules)
{
    RunAreas("Cogentco", 3);
}

namespace
{

/// A line of routers R0 - R1 - ... with a /30 per link and loopbacks 172.16.0.(i+1).
struct Line
{
    NodeContainer nodes;
    std::vector<Link> links;

    explicit Line(uint32_t n, uint32_t hosts = 0)
    {
        FreshSimulation();
        nodes = MakeRtmNodes(n + hosts);
        AddLoopbacks(nodes, n);
        for (uint32_t i = 0; i + 1 < n; ++i)
        {
            links.push_back(
                P2p(nodes.Get(i), nodes.Get(i + 1), "10.0." + std::to_string(i + 1) + ".0/30"));
        }
    }

    /// \return the routers (the first \p n nodes)
    NodeContainer Routers(uint32_t n) const
    {
        NodeContainer c;
        for (uint32_t i = 0; i < n; ++i)
        {
            c.Add(nodes.Get(i));
        }
        return c;
    }
};

/// Put link \p k of \p line into \p area (both ends).
void
LinkArea(RtmOspfHelper& h, const Line& line, uint32_t k, uint32_t area)
{
    h.SetInterfaceArea(line.nodes.Get(k), line.links[k].ifA, area);
    h.SetInterfaceArea(line.nodes.Get(k + 1), line.links[k].ifB, area);
}

/// \return the number of LSAs of \p type in a database
uint32_t
CountType(Ptr<RtmOspfClient> c, uint32_t scope, uint8_t type)
{
    uint32_t n = 0;
    for (const auto& h : c->GetLsdb(scope))
    {
        n += h.type == type && h.age < OSPF_MAX_AGE ? 1 : 0;
    }
    return n;
}

} // namespace

TEST(RtmOspfAreaTest, StubAndTotallyStubbyAreasGetADefaultAndNoExternals)
{
    for (bool totally : {false, true})
    {
        // R0 -a0- R1 -a1(stub)- R2; R0 redistributes a static route.
        Line line(3, 1);
        Link host = P2p(line.nodes.Get(0), line.nodes.Get(3), "192.168.100.0/24");
        RtmStaticRoutingHelper::AddRoute(line.nodes.Get(0),
                                         "192.168.101.0/24",
                                         "192.168.100.2",
                                         host.ifA);
        RtmOspfHelper ospf;
        ospf.Set("RedistributeStatic", BooleanValue(true));
        ospf.ExcludeInterface(line.nodes.Get(0), host.ifA);
        LinkArea(ospf, line, 0, 0);
        LinkArea(ospf, line, 1, 1);
        ospf.SetRouterAddressArea(line.nodes.Get(1), 0);
        RtmOspfAreaConfig stub;
        stub.type = RtmOspfAreaType::Stub;
        stub.defaultCost = 7;
        stub.noSummary = totally;
        ospf.SetAreaConfig(1, stub);
        ospf.Install(line.Routers(3));
        Simulator::Stop(Seconds(40));
        Simulator::Run();
        Ptr<RtmOspfClient> r1 = Ospf(line.nodes.Get(1));
        Ptr<RtmOspfClient> r2 = Ospf(line.nodes.Get(2));
        EXPECT_TRUE(r1->IsAreaBorderRouter());
        EXPECT_EQ(NbrState(line.nodes.Get(2), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
        // The backbone knows the external; the stub area does not.
        EXPECT_EQ(CountType(r1, RtmOspfClient::kExternalScope, OSPF_LSA_EXTERNAL), 1u);
        EXPECT_EQ(CountType(r2, RtmOspfClient::kExternalScope, OSPF_LSA_EXTERNAL), 0u);
        EXPECT_EQ(CountType(r2, 1, OSPF_LSA_SUMMARY_ASBR), 0u);
        EXPECT_TRUE(BestRoute(line.nodes.Get(1), "192.168.101.0/24").found);
        EXPECT_FALSE(BestRoute(line.nodes.Get(2), "192.168.101.0/24").found);
        // The default summary, at 1 + the stub default cost.
        Best d = BestRoute(line.nodes.Get(2), "0.0.0.0/0");
        ASSERT_TRUE(d.found) << totally;
        EXPECT_EQ(d.metric, 8u);
        std::set<std::pair<uint32_t, uint32_t>> via{{line.links[1].ifB, line.links[1].addrA.Get()}};
        EXPECT_EQ(d.hops, via);
        // Inter-area routes only in a plain stub area.
        EXPECT_EQ(BestRoute(line.nodes.Get(2), "172.16.0.1/32").found, !totally);
        EXPECT_EQ(CountType(r2, 1, OSPF_LSA_SUMMARY_NET), totally ? 1u : 4u) << totally;
        Simulator::Destroy();
    }
}

TEST(RtmOspfAreaTest, StubAreaMismatchPreventsTheAdjacency)
{
    Line line(2);
    RtmOspfHelper ospf;
    LinkArea(ospf, line, 0, 1);
    ospf.Install(NodeContainer(line.nodes.Get(0)));
    RtmOspfHelper stubbed;
    LinkArea(stubbed, line, 0, 1);
    RtmOspfAreaConfig stub;
    stub.type = RtmOspfAreaType::Stub;
    stubbed.SetAreaConfig(1, stub);
    stubbed.Install(NodeContainer(line.nodes.Get(1)));
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(NbrState(line.nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Down);
    EXPECT_GT(Ospf(line.nodes.Get(0))->GetDrops(RtmOspfDrop::HelloMismatch), 0u);
    EXPECT_GT(Ospf(line.nodes.Get(1))->GetDrops(RtmOspfDrop::HelloMismatch), 0u);
    Simulator::Destroy();
}

TEST(RtmOspfAreaTest, VirtualLinkJoinsAnAreaThatDoesNotTouchTheBackbone)
{
    for (bool withLink : {false, true})
    {
        // R0 -a0- R1 -a1- R2 -a2- R3: area 2 reaches the backbone only through a virtual link
        // R1 <-> R2 across area 1.
        Line line(4);
        RtmOspfHelper ospf;
        LinkArea(ospf, line, 0, 0);
        LinkArea(ospf, line, 1, 1);
        LinkArea(ospf, line, 2, 2);
        ospf.SetRouterAddressArea(line.nodes.Get(1), 0);
        ospf.SetRouterAddressArea(line.nodes.Get(2), 1);
        if (withLink)
        {
            ospf.AddVirtualLink(line.nodes.Get(1), 1, Ipv4Address("172.16.0.3"));
            ospf.AddVirtualLink(line.nodes.Get(2), 1, Ipv4Address("172.16.0.2"));
        }
        ospf.Install(line.Routers(4));
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        Ptr<RtmOspfClient> r1 = Ospf(line.nodes.Get(1));
        Ptr<RtmOspfClient> r2 = Ospf(line.nodes.Get(2));
        Best toR0 = BestRoute(line.nodes.Get(3), "172.16.0.1/32");
        Best toR3 = BestRoute(line.nodes.Get(0), "172.16.0.4/32");
        if (!withLink)
        {
            EXPECT_FALSE(toR0.found);
            EXPECT_FALSE(toR3.found);
            Simulator::Destroy();
            continue;
        }
        EXPECT_EQ(r1->GetVirtualLinkState(0), RtmOspfNbrState::Full);
        EXPECT_EQ(r2->GetVirtualLinkState(0), RtmOspfNbrState::Full);
        // R1's backbone Router-LSA has the virtual link (cost = the transit path, 1), its
        // area-1 Router-LSA the V bit.
        Ptr<const RtmOspfLsa> b = r2->GetLsa(0,
                                             RtmOspfLsaKey{OSPF_LSA_ROUTER,
                                                           Ipv4Address("172.16.0.2").Get(),
                                                           Ipv4Address("172.16.0.2").Get()});
        ASSERT_TRUE(b);
        bool vlink = false;
        for (const auto& l : b->links)
        {
            vlink = vlink || (l.type == OSPF_LINK_VIRTUAL &&
                              l.id == Ipv4Address("172.16.0.3").Get() && l.metric == 1);
        }
        EXPECT_TRUE(vlink);
        Ptr<const RtmOspfLsa> t = r2->GetLsa(1,
                                             RtmOspfLsaKey{OSPF_LSA_ROUTER,
                                                           Ipv4Address("172.16.0.2").Get(),
                                                           Ipv4Address("172.16.0.2").Get()});
        ASSERT_TRUE(t);
        EXPECT_NE(t->rtrFlags & OSPF_RTR_V, 0);
        std::string why;
        EXPECT_TRUE(SameLsdb({Ospf(line.nodes.Get(0)), r1, r2}, 0, &why)) << why;
        ASSERT_TRUE(toR0.found);
        ASSERT_TRUE(toR3.found);
        EXPECT_EQ(toR0.metric, 3u);
        EXPECT_EQ(toR3.metric, 3u);
        // R2 forwards to R0 through the transit area.
        Best r2toR0 = BestRoute(line.nodes.Get(2), "172.16.0.1/32");
        std::set<std::pair<uint32_t, uint32_t>> via{{line.links[1].ifB, line.links[1].addrA.Get()}};
        EXPECT_EQ(r2toR0.hops, via);
        Simulator::Destroy();
    }
}

TEST(RtmOspfAreaTest, NssaExternalIsTranslatedByTheAreaBorderRouter)
{
    // R0 -a0- R1 -a1(NSSA)- R2; R2 redistributes a static route.
    Line line(3, 1);
    Link host = P2p(line.nodes.Get(2), line.nodes.Get(3), "192.168.200.0/24");
    RtmStaticRoutingHelper::AddRoute(line.nodes.Get(2),
                                     "192.168.201.0/24",
                                     "192.168.200.2",
                                     host.ifA);
    RtmOspfHelper ospf;
    LinkArea(ospf, line, 0, 0);
    LinkArea(ospf, line, 1, 1);
    ospf.SetRouterAddressArea(line.nodes.Get(1), 0);
    RtmOspfAreaConfig nssa;
    nssa.type = RtmOspfAreaType::Nssa;
    ospf.SetAreaConfig(1, nssa);
    ospf.ExcludeInterface(line.nodes.Get(2), host.ifA);
    ospf.Install(line.Routers(2));
    RtmOspfHelper asbr = ospf;
    asbr.Set("RedistributeStatic", BooleanValue(true));
    asbr.Install(NodeContainer(line.nodes.Get(2)));
    Simulator::Stop(Seconds(40));
    Simulator::Run();
    Ptr<RtmOspfClient> r0 = Ospf(line.nodes.Get(0));
    Ptr<RtmOspfClient> r1 = Ospf(line.nodes.Get(1));
    Ptr<RtmOspfClient> r2 = Ospf(line.nodes.Get(2));
    // Type 7 inside the NSSA, type 5 (by the ABR) outside; none of type 5 in the NSSA.
    EXPECT_EQ(CountType(r2, 1, OSPF_LSA_NSSA), 1u);
    EXPECT_EQ(CountType(r1, 1, OSPF_LSA_NSSA), 1u);
    EXPECT_EQ(CountType(r2, RtmOspfClient::kExternalScope, OSPF_LSA_EXTERNAL), 0u);
    ASSERT_EQ(CountType(r0, RtmOspfClient::kExternalScope, OSPF_LSA_EXTERNAL), 1u);
    for (const auto& h : r0->GetLsdb(RtmOspfClient::kExternalScope))
    {
        EXPECT_EQ(h.advRouter, Ipv4Address("172.16.0.2").Get()); // translated by R1
    }
    Best atR1 = BestRoute(line.nodes.Get(1), "192.168.201.0/24");
    ASSERT_TRUE(atR1.found);
    EXPECT_EQ(atR1.protocol, RTM_PROTO_IP_OSPF);
    EXPECT_EQ(atR1.metric, 20u); // type 2, the default external metric
    Best atR0 = BestRoute(line.nodes.Get(0), "192.168.201.0/24");
    ASSERT_TRUE(atR0.found);
    EXPECT_EQ(atR0.metric, 20u);
    std::set<std::pair<uint32_t, uint32_t>> via{{line.links[0].ifA, line.links[0].addrB.Get()}};
    EXPECT_EQ(atR0.hops, via);
    Simulator::Destroy();
}
