/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * BGP on the shared Topology Zoo graphs: every router its own AS with eBGP on every link,
 * originating its router address, no policy. Once converged, every AS path must be exactly as
 * long as the hop distance between the two routers in the graph (0 mismatches), and packets
 * between routers must take paths of that many hops (the path validator's walk through the
 * RTM forwarding planes). Links are 1 Gb/s, 1 ms (as rtm-topology --protocol=bgp has them).
 * Kdl (754 routers) is measured by make bench instead.
 */
#include "rtm-bgp-test-util.h"

#include "ns3/rtm-bgp-topology.h"
#include "ns3/rtm-path-validator.h"
#include "ns3/rtm-topology-helper.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace rtmbgp;

namespace
{

/// Build Topology Zoo graph \p name in a fresh simulation, or skip the test if it is absent.
#define RTM_BGP_ZOO_TOPOLOGY(name, topo)                                                           \
    std::string file = std::string(RTM_SHARED_DATA) + "/topologies/topology-zoo/" + (name);        \
    if (!std::filesystem::exists(file))                                                            \
    {                                                                                              \
        GTEST_SKIP() << file << " is absent";                                                      \
    }                                                                                              \
    FreshSimulation();                                                                             \
    RtmTopology topo;                                                                              \
    std::string error;                                                                             \
    ASSERT_TRUE(RtmBgpTopology::CreateTopology(file, topo, error)) << error

void
ValidateZoo(const std::string& name, bool walkPackets)
{
    RTM_BGP_ZOO_TOPOLOGY(name, topo);
    RtmBgpTopology bgp(topo);
    bgp.Install();
    // Converge: run until every router has every router address and nothing is queued.
    double seconds = bgp.RunUntilConverged(Seconds(1), Seconds(3), Seconds(600)).GetSeconds();
    ASSERT_GE(seconds, 0) << name << " did not converge";
    RtmBgpTopology::Check c = bgp.ValidatePathLengths(nullptr, 5);
    std::cout << "[bgp] " << name << ": routers=" << topo.GetNRouters()
              << " links=" << topo.links.size() << " converged by " << seconds
              << " s simulated, pairs=" << c.pairs << " mismatches=" << c.mismatches
              << " updates=" << bgp.GetUpdatesSent() << std::endl;
    RtmBgpTopology::SessionStats st = bgp.GetSessionStats();
    std::cout << "[bgp] sessions=" << st.sessions << " not_established=" << st.notEstablished
              << " reestablished=" << st.reestablished << " updates_out=" << st.updatesOut
              << " updates_in=" << st.updatesIn << std::endl;
    for (const auto& e : c.examples)
    {
        ADD_FAILURE() << e;
    }
    if (getenv("BGP_DEBUG"))
    {
        for (uint32_t v = 0; v < topo.GetNRouters(); ++v)
        {
            bgp.GetSpeaker(v)->Print(std::cout);
        }
    }
    EXPECT_EQ(c.mismatches, 0u);
    EXPECT_GT(c.pairs, 0u);
    EXPECT_EQ(st.reestablished, 0u);
    if (walkPackets)
    {
        RtmPathValidator v(topo, RtmPathOracle::HOPS, RtmPathValidator::ROUTER_ADDRESS);
        RtmPathValidator::Summary s = v.ValidateAll(nullptr, 5);
        for (const auto& e : s.examples)
        {
            ADD_FAILURE() << e;
        }
        EXPECT_EQ(s.mismatches, 0u);
    }
    Simulator::Destroy();
}

} // namespace

TEST(RtmBgpTopologyTest, AbileneHopDistances)
{
    ValidateZoo("Abilene.graphml", true);
}

TEST(RtmBgpTopologyTest, Internet2HopDistances)
{
    ValidateZoo("Internet2.graphml", true);
}

TEST(RtmBgpTopologyTest, Geant2012HopDistances)
{
    ValidateZoo("Geant2012.graphml", true);
}

TEST(RtmBgpTopologyTest, AttMplsHopDistances)
{
    ValidateZoo("AttMpls.graphml", true);
}

TEST(RtmBgpTopologyTest, ColtHopDistances)
{
    ValidateZoo("Colt.graphml", false);
}

TEST(RtmBgpTopologyTest, DialtelecomCzHopDistances)
{
    ValidateZoo("DialtelecomCz.graphml", false);
}

TEST(RtmBgpTopologyTest, CogentcoHopDistances)
{
    ValidateZoo("Cogentco.graphml", false);
}

// Convergence is not declared while a session is down: a reset session waits to connect again
// (ConnectRetry, 5 s) with its routes gone and longer paths in their place, a quiet state that
// is not the converged one.
TEST(RtmBgpTopologyTest, ConvergedWaitsForResetSessions)
{
    RTM_BGP_ZOO_TOPOLOGY("Abilene.graphml", topo);
    RtmBgpTopology bgp(topo);
    bgp.Install();
    EXPECT_FALSE(bgp.Converged()); // no session yet
    ASSERT_GE(bgp.RunUntilConverged(Seconds(1), Seconds(3), Seconds(60)).GetSeconds(), 0);
    EXPECT_TRUE(bgp.Converged());
    // Reset one session of a router with two neighbours or more: it has other paths.
    uint32_t v = 0;
    while (v < topo.GetNRouters() && bgp.GetSpeaker(v)->GetNNeighbors() < 2)
    {
        ++v;
    }
    ASSERT_LT(v, topo.GetNRouters());
    bgp.GetSpeaker(v)->ResetNeighbor(0);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_FALSE(bgp.Converged());
    EXPECT_GT(bgp.GetSessionStats().notEstablished, 0u);
    Time t = bgp.RunUntilConverged(Seconds(1), Seconds(3), Seconds(120));
    ASSERT_GE(t.GetSeconds(), 0);
    RtmBgpTopology::SessionStats st = bgp.GetSessionStats();
    EXPECT_EQ(st.notEstablished, 0u);
    EXPECT_GE(st.reestablished, 1u);
    EXPECT_EQ(st.updatesIn, st.updatesOut);
    EXPECT_EQ(bgp.ValidatePathLengths(nullptr, 0).mismatches, 0u);
    Simulator::Destroy();
}

// Kdl (754 routers) takes minutes: run by hand (--gtest_also_run_disabled_tests); make bench
// measures its convergence (bgp_converge_s_kdl).
TEST(RtmBgpTopologyTest, DISABLED_KdlHopDistances)
{
    ValidateZoo("Kdl.graphml", false);
}
