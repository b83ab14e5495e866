/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmMpiHelper and RtmMpiScenario in one process (the MPI runs themselves are compared by
 * make check-mpi): the partition rule (every router on one rank, piece sizes within one,
 * breadth-first pieces, the same answer every time) and the scenario on Abilene (every packet of
 * every sampled pair delivered along a loop-free path, RIP converged before the traffic, every
 * router's next hop reported).
 */
#include "ns3/rtm-mpi-helper.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <set>
#include <string>
#include <unistd.h>

namespace
{

using namespace ns3;

std::string
Abilene()
{
    return std::string(RTM_SHARED_DATA) + "/topologies/topology-zoo/Abilene.graphml";
}

TEST(RtmMpi, PartitionCoversEveryRouterInBalancedBreadthFirstPieces)
{
    if (access(Abilene().c_str(), R_OK) != 0)
    {
        GTEST_SKIP() << "shared data absent: " << Abilene();
    }
    RtmTopology topo;
    std::string error;
    ASSERT_TRUE(RtmTopologyHelper::ReadGraphml(Abilene(), topo.graph, error)) << error;
    const uint32_t n = topo.GetNRouters();
    ASSERT_GT(n, 3u);
    for (uint32_t ranks : {1u, 2u, 3u, n, n + 2})
    {
        std::vector<uint32_t> part = RtmMpiHelper::Partition(topo, ranks);
        ASSERT_EQ(part.size(), n);
        EXPECT_EQ(part, RtmMpiHelper::Partition(topo, ranks)) << "deterministic";
        std::vector<uint32_t> size(ranks, 0);
        for (uint32_t r : part)
        {
            ASSERT_LT(r, ranks);
            ++size[r];
        }
        for (uint32_t r = 0; r < ranks; ++r)
        {
            EXPECT_EQ(size[r], n / ranks + (r < n % ranks ? 1 : 0))
                << ranks << " ranks, rank " << r;
        }
        EXPECT_EQ(part[0], 0u) << "the walk starts at vertex 0";
    }
    // Two ranks: the first piece is the first half of a breadth-first walk from vertex 0, so it
    // holds vertex 0's neighbours before anything farther (Abilene: 11 routers, 6 on rank 0).
    std::vector<uint32_t> two = RtmMpiHelper::Partition(topo, 2);
    auto adj = boost::adjacent_vertices(0, topo.graph);
    for (auto it = adj.first; it != adj.second; ++it)
    {
        EXPECT_EQ(two[*it], 0u) << "neighbour " << *it << " of vertex 0";
    }
}

TEST(RtmMpi, ScenarioDeliversEverySampledPairOnOneRank)
{
    if (access(Abilene().c_str(), R_OK) != 0)
    {
        GTEST_SKIP() << "shared data absent: " << Abilene();
    }
    RtmTopologyHelper helper;
    helper.SetWeightMode(RtmTopologyHelper::WEIGHTS_HOPS);
    helper.SetMetrics(false);
    RtmTopology topo;
    std::string error;
    ASSERT_TRUE(helper.Read("graphml", Abilene(), topo, error)) << error;
    RtmMpiHelper::CreateNodes(topo, RtmMpiHelper::Partition(topo, 1));
    helper.Build(topo);
    RtmMpiScenario::Config config;
    config.pairs = 8;
    config.packets = 3;
    RtmMpiScenario scenario(config);
    RtmMpiScenario::Result r = scenario.Run(topo);
    Simulator::Destroy();

    EXPECT_EQ(r.rank, 0u);
    EXPECT_EQ(r.ranks, 1u);
    EXPECT_EQ(r.localRouters, topo.GetNRouters());
    EXPECT_EQ(r.remoteLinks, 0u);
    ASSERT_EQ(r.sampled.size(), 8u);
    EXPECT_EQ(r.sent, 8u * 3u);
    EXPECT_EQ(r.delivered, r.sent);
    EXPECT_GT(r.ripConvergence, 0.0);
    EXPECT_LT(r.ripConvergence, config.trafficStart.GetSeconds());
    std::set<uint32_t> dests;
    for (const auto& p : r.sampled)
    {
        EXPECT_NE(p.first, p.second);
        dests.insert(p.second);
        // Walk the reported next hops: a loop-free path ending at the destination.
        uint32_t v = p.first;
        std::set<uint32_t> seen{v};
        while (v != p.second)
        {
            auto it = r.nextHop.find({p.second, v});
            ASSERT_NE(it, r.nextHop.end());
            ASSERT_GE(it->second, 0) << "no route at " << v << " towards " << p.second;
            v = static_cast<uint32_t>(it->second);
            ASSERT_TRUE(seen.insert(v).second) << "loop at " << v;
        }
        EXPECT_EQ(r.nextHop.at({p.second, p.second}), -2);
    }
    EXPECT_EQ(r.nextHop.size(), dests.size() * topo.GetNRouters());
}

} // namespace
