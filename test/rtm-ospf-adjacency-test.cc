/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the OSPF client in real ns-3 simulations, on single networks: adjacencies on a
 * point-to-point link (every neighbour state passed through, identical databases, routes in the
 * RTM with preference 110), DR/BDR election on a CSMA segment (priorities, router ids, the
 * Network-LSA, DROthers staying 2-Way), DR failure and re-election, a neighbour lost by the
 * dead interval, database exchange after a router restarts with an empty database (its old
 * Router-LSA overtaken, RFC 2328 §13.4), virtual routers running separate OSPF.
 */
#include "rtm-ospf-test-util.h"

#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ospftest;

namespace
{

/// The neighbour-state changes of one client, as "routerId:from>to".
struct NbrLog
{
    std::vector<std::pair<RtmOspfNbrState, RtmOspfNbrState>> changes; //!< (from, to)

    /// Trace sink.
    void Changed(uint32_t itf, Ipv4Address rid, RtmOspfNbrState from, RtmOspfNbrState to)
    {
        changes.emplace_back(from, to);
    }
};

/// Two routers on a point-to-point link, each with a stub network (a host link) and a
/// loopback address.
struct PairNet
{
    NodeContainer nodes;
    Link link;
    Link stubA;
    Link stubB;

    PairNet()
    {
        FreshSimulation();
        nodes = MakeRtmNodes(4); // 0, 1 routers; 2, 3 hosts
        AddLoopbacks(nodes, 2);
        link = P2p(nodes.Get(0), nodes.Get(1), "10.0.0.0/30");
        stubA = P2p(nodes.Get(0), nodes.Get(2), "10.1.0.0/24");
        stubB = P2p(nodes.Get(1), nodes.Get(3), "10.2.0.0/24");
    }
};

} // namespace

TEST(RtmOspfAdjacencyTest, PointToPointAdjacencyGoesThroughEveryStateToFull)
{
    PairNet net;
    RtmOspfHelper ospf;
    RtmOspfIfConfig passive; // host links: advertised, no OSPF packets
    passive.passive = true;
    ospf.SetInterfaceConfig(net.nodes.Get(0), net.stubA.ifA, passive);
    ospf.SetInterfaceConfig(net.nodes.Get(1), net.stubB.ifA, passive);
    ospf.Install(NodeContainer(net.nodes.Get(0), net.nodes.Get(1)));
    NbrLog log;
    Ospf(net.nodes.Get(0))
        ->TraceConnectWithoutContext("NeighborState", MakeCallback(&NbrLog::Changed, &log));
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    Ptr<RtmOspfClient> a = Ospf(net.nodes.Get(0));
    Ptr<RtmOspfClient> b = Ospf(net.nodes.Get(1));
    EXPECT_EQ(a->GetRouterId(), Ipv4Address("172.16.0.1"));
    EXPECT_EQ(b->GetRouterId(), Ipv4Address("172.16.0.2"));
    EXPECT_EQ(NbrState(net.nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
    EXPECT_EQ(NbrState(net.nodes.Get(1), Ipv4Address("172.16.0.1")), RtmOspfNbrState::Full);
    EXPECT_EQ(a->GetInterfaceState(net.link.ifA), RtmOspfIfState::PointToPoint);
    // Down -> Init -> ExStart -> Exchange -> (Loading ->) Full, in that order.
    ASSERT_GE(log.changes.size(), 4u);
    EXPECT_EQ(log.changes[0].first, RtmOspfNbrState::Down);
    EXPECT_EQ(log.changes[0].second, RtmOspfNbrState::Init);
    EXPECT_EQ(log.changes[1].second, RtmOspfNbrState::ExStart);
    EXPECT_EQ(log.changes[2].second, RtmOspfNbrState::Exchange);
    EXPECT_EQ(log.changes.back().second, RtmOspfNbrState::Full);
    // Both databases: the two Router-LSAs, identical.
    std::string why;
    EXPECT_TRUE(SameLsdb({a, b}, 0, &why)) << why;
    EXPECT_EQ(a->GetLsdb(0).size(), 2u);
    // Routes: the far stub network and loopback through the neighbour, preference 110, cost.
    Best r = BestRoute(net.nodes.Get(0), "10.2.0.0/24");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.protocol, RTM_PROTO_IP_OSPF);
    EXPECT_EQ(r.preference, 110u);
    EXPECT_EQ(r.metric, 2u);
    std::set<std::pair<uint32_t, uint32_t>> via{{net.link.ifA, net.link.addrB.Get()}};
    EXPECT_EQ(r.hops, via);
    r = BestRoute(net.nodes.Get(0), "172.16.0.2/32");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.metric, 1u);
    // The attached networks stay connected routes.
    r = BestRoute(net.nodes.Get(0), "10.0.0.0/30");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.protocol, RTM_PROTO_IP_LOCAL);
    EXPECT_GT(a->GetPacketsSent(RtmOspfPacketType::Hello), 0u);
    EXPECT_GT(a->GetPacketsSent(RtmOspfPacketType::DbDesc), 0u);
    EXPECT_EQ(a->GetTotalDrops(), 0u);
    Simulator::Destroy();
}

namespace
{

/// Four routers on one CSMA segment (priorities 1, 1, 2, 0), each with a loopback address.
struct LanNet
{
    NodeContainer nodes;
    Lan lan;

    LanNet()
    {
        FreshSimulation();
        nodes = MakeRtmNodes(4);
        AddLoopbacks(nodes, 4);
        lan = Csma(nodes, "192.168.1.0/24");
        RtmOspfHelper ospf;
        const uint8_t priority[] = {1, 1, 2, 0};
        for (uint32_t i = 0; i < 4; ++i)
        {
            ospf.SetInterfacePriority(nodes.Get(i), lan.ifs[i], priority[i]);
        }
        ospf.Install(nodes);
    }

    /// \return router i's OSPF client
    Ptr<RtmOspfClient> C(uint32_t i) const
    {
        return Ospf(nodes.Get(i));
    }

    /// \return the state router i has of router j
    RtmOspfNbrState S(uint32_t i, uint32_t j) const
    {
        return NbrState(nodes.Get(i), Ipv4Address(("172.16.0." + std::to_string(j + 1)).c_str()));
    }
};

} // namespace

TEST(RtmOspfAdjacencyTest, CsmaSegmentElectsDrAndBackupAndFormsOnlyTheirAdjacencies)
{
    LanNet net;
    // Before the Wait timer (RouterDeadInterval) ends, nobody is DR.
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(net.C(0)->GetInterfaceState(net.lan.ifs[0]), RtmOspfIfState::Waiting);
    EXPECT_EQ(net.C(3)->GetInterfaceState(net.lan.ifs[3]), RtmOspfIfState::DrOther); // priority 0
    EXPECT_EQ(net.S(0, 1), RtmOspfNbrState::TwoWay);
    Simulator::Stop(Seconds(40));
    Simulator::Run();
    // Priority 2 wins the DR, then the highest router id among priority 1 for the BDR.
    EXPECT_EQ(net.C(2)->GetInterfaceState(net.lan.ifs[2]), RtmOspfIfState::Dr);
    EXPECT_EQ(net.C(1)->GetInterfaceState(net.lan.ifs[1]), RtmOspfIfState::Backup);
    EXPECT_EQ(net.C(0)->GetInterfaceState(net.lan.ifs[0]), RtmOspfIfState::DrOther);
    EXPECT_EQ(net.C(3)->GetInterfaceState(net.lan.ifs[3]), RtmOspfIfState::DrOther);
    for (uint32_t i = 0; i < 4; ++i)
    {
        EXPECT_EQ(net.C(i)->GetDr(net.lan.ifs[i]), net.lan.addrs[2]) << i;
        EXPECT_EQ(net.C(i)->GetBdr(net.lan.ifs[i]), net.lan.addrs[1]) << i;
    }
    // Adjacencies only with the DR and the BDR; the two DROthers stay 2-Way.
    for (uint32_t i : {0u, 3u})
    {
        EXPECT_EQ(net.S(i, 2), RtmOspfNbrState::Full) << i;
        EXPECT_EQ(net.S(i, 1), RtmOspfNbrState::Full) << i;
    }
    EXPECT_EQ(net.S(0, 3), RtmOspfNbrState::TwoWay);
    EXPECT_EQ(net.S(3, 0), RtmOspfNbrState::TwoWay);
    EXPECT_EQ(net.S(1, 2), RtmOspfNbrState::Full);
    // The DR's Network-LSA lists the four routers.
    Ptr<const RtmOspfLsa> n = net.C(0)->GetLsa(
        0,
        RtmOspfLsaKey{OSPF_LSA_NETWORK, net.lan.addrs[2].Get(), Ipv4Address("172.16.0.3").Get()});
    ASSERT_TRUE(n);
    EXPECT_EQ(n->mask, 0xffffff00u);
    std::set<uint32_t> attached(n->attached.begin(), n->attached.end());
    EXPECT_EQ(attached.size(), 4u);
    std::string why;
    EXPECT_TRUE(SameLsdb({net.C(0), net.C(1), net.C(2), net.C(3)}, 0, &why)) << why;
    // A DROther reaches another DROther directly across the segment (cost 1, the network
    // costs 0 to leave).
    Best r = BestRoute(net.nodes.Get(0), "172.16.0.4/32");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.metric, 1u);
    std::set<std::pair<uint32_t, uint32_t>> via{{net.lan.ifs[0], net.lan.addrs[3].Get()}};
    EXPECT_EQ(r.hops, via);
    Simulator::Destroy();
}

TEST(RtmOspfAdjacencyTest, DrFailureMakesTheBackupDrAndElectsANewBackup)
{
    LanNet net;
    Simulator::Stop(Seconds(70));
    Simulator::Run();
    ASSERT_EQ(net.C(2)->GetInterfaceState(net.lan.ifs[2]), RtmOspfIfState::Dr);
    // The DR goes silent (its interface down: its neighbours notice by the dead interval).
    Ipv4Of(net.nodes.Get(2))->SetDown(net.lan.ifs[2]);
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(net.C(1)->GetInterfaceState(net.lan.ifs[1]), RtmOspfIfState::Backup); // not yet
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(net.C(1)->GetInterfaceState(net.lan.ifs[1]), RtmOspfIfState::Dr);
    EXPECT_EQ(net.C(0)->GetInterfaceState(net.lan.ifs[0]), RtmOspfIfState::Backup);
    EXPECT_EQ(net.C(3)->GetInterfaceState(net.lan.ifs[3]), RtmOspfIfState::DrOther);
    EXPECT_EQ(net.S(3, 0), RtmOspfNbrState::Full); // the new BDR is now adjacent
    EXPECT_EQ(net.S(3, 1), RtmOspfNbrState::Full);
    EXPECT_EQ(net.S(0, 2), RtmOspfNbrState::Down);
    Ptr<const RtmOspfLsa> n = net.C(3)->GetLsa(
        0,
        RtmOspfLsaKey{OSPF_LSA_NETWORK, net.lan.addrs[1].Get(), Ipv4Address("172.16.0.2").Get()});
    ASSERT_TRUE(n);
    EXPECT_EQ(n->attached.size(), 3u);
    std::string why;
    EXPECT_TRUE(SameLsdb({net.C(0), net.C(1), net.C(3)}, 0, &why)) << why;
    EXPECT_FALSE(BestRoute(net.nodes.Get(0), "172.16.0.3/32").found);
    EXPECT_TRUE(BestRoute(net.nodes.Get(0), "172.16.0.4/32").found);
    Simulator::Destroy();
}

TEST(RtmOspfAdjacencyTest, NeighbourLostByTheDeadIntervalTakesItsRoutesAway)
{
    PairNet net;
    RtmOspfHelper ospf;
    ospf.Install(NodeContainer(net.nodes.Get(0), net.nodes.Get(1)));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    ASSERT_EQ(NbrState(net.nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
    ASSERT_TRUE(BestRoute(net.nodes.Get(0), "172.16.0.2/32").found);
    // From now on router 0 hears nothing on the link.
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(1.0));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    net.link.devA->SetAttribute("ReceiveErrorModel", PointerValue(em));
    Simulator::Stop(Seconds(25));
    Simulator::Run();
    EXPECT_EQ(NbrState(net.nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_EQ(NbrState(net.nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Down);
    // Router 1 still hears router 0, whose Hellos no longer list it: back to Init.
    EXPECT_EQ(NbrState(net.nodes.Get(1), Ipv4Address("172.16.0.1")), RtmOspfNbrState::Init);
    EXPECT_FALSE(BestRoute(net.nodes.Get(0), "172.16.0.2/32").found);
    EXPECT_FALSE(BestRoute(net.nodes.Get(1), "172.16.0.1/32").found);
    Simulator::Destroy();
}

TEST(RtmOspfAdjacencyTest, RestartedRouterOvertakesItsOldLsasInTheDatabaseExchange)
{
    FreshSimulation();
    NodeContainer nodes = MakeRtmNodes(3);
    AddLoopbacks(nodes, 3);
    P2p(nodes.Get(0), nodes.Get(1), "10.0.1.0/30");
    P2p(nodes.Get(1), nodes.Get(2), "10.0.2.0/30");
    RtmOspfHelper ospf;
    ospf.Install(nodes);
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    const RtmOspfLsaKey key{OSPF_LSA_ROUTER,
                            Ipv4Address("172.16.0.2").Get(),
                            Ipv4Address("172.16.0.2").Get()};
    Ptr<const RtmOspfLsa> before = Ospf(nodes.Get(0))->GetLsa(0, key);
    ASSERT_TRUE(before);
    ASSERT_GT(before->hdr.seq, OSPF_INITIAL_SEQ);
    // Router 1's OSPF dies (its routes go with its registration) and its neighbours notice.
    Ospf(nodes.Get(1))->Dispose();
    Simulator::Stop(Seconds(50));
    Simulator::Run();
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Down);
    EXPECT_FALSE(BestRoute(nodes.Get(0), "172.16.0.3/32").found);
    // A new OSPF process with an empty database starts on router 1.
    Ptr<RtmOspfClient> fresh = CreateObject<RtmOspfClient>();
    ASSERT_EQ(fresh->Start(nodes.Get(1), 0), RtmStatus::Success);
    RouterOf(nodes.Get(1))->SetClient("ospf", 0, RTM_AF_INET, fresh);
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    Ptr<const RtmOspfLsa> after = Ospf(nodes.Get(0))->GetLsa(0, key);
    ASSERT_TRUE(after);
    EXPECT_GT(after->hdr.seq, before->hdr.seq);
    std::string why;
    EXPECT_TRUE(SameLsdb({Ospf(nodes.Get(0)), Ospf(nodes.Get(1)), Ospf(nodes.Get(2))}, 0, &why))
        << why;
    EXPECT_TRUE(BestRoute(nodes.Get(0), "172.16.0.3/32").found);
    EXPECT_TRUE(BestRoute(nodes.Get(2), "172.16.0.1/32").found);
    Simulator::Destroy();
}
