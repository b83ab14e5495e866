/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Redistribution with the OSPF client: static routes of the RTM become AS-external-LSAs by
 * policy (RedistributeStatic; type 2 by default, type 1 on request; flushed when the static
 * route goes; nothing without the policy), OSPF routes go into RIP by RIP's policy
 * (RedistributeOther), and OSPF's preference 110 beats RIP's 120 for a destination both know.
 */
#include "rtm-ospf-test-util.h"

#include "ns3/boolean.h"
#include "ns3/rtm-rip-client.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-static-routing-helper.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ospftest;

namespace
{

/// R0 - R1 - R2 running OSPF, R2 - R3 running RIP; R0 has a host link 192.168.50.0/24 and a
/// static route to 192.168.51.0/24 through it.
struct Net
{
    NodeContainer nodes;
    Link l01;
    Link l12;
    Link l23;
    Link host;

    Net()
    {
        FreshSimulation();
        nodes = MakeRtmNodes(5);
        AddLoopbacks(nodes, 4);
        l01 = P2p(nodes.Get(0), nodes.Get(1), "10.0.1.0/30");
        l12 = P2p(nodes.Get(1), nodes.Get(2), "10.0.2.0/30");
        l23 = P2p(nodes.Get(2), nodes.Get(3), "10.0.3.0/30");
        host = P2p(nodes.Get(0), nodes.Get(4), "192.168.50.0/24");
        RtmStaticRoutingHelper::AddRoute(nodes.Get(0), "192.168.51.0/24", "192.168.50.2", host.ifA);
    }

    /// OSPF on R0-R2 (not on the host link, not toward R3) with \p attr on R0.
    void InstallOspf(const std::string& attr = "", const AttributeValue* value = nullptr)
    {
        RtmOspfHelper ospf;
        ospf.ExcludeInterface(nodes.Get(0), host.ifA);
        ospf.ExcludeInterface(nodes.Get(2), l23.ifA);
        ospf.Install(NodeContainer(nodes.Get(1), nodes.Get(2)));
        RtmOspfHelper r0 = ospf;
        if (value != nullptr)
        {
            r0.Set(attr, *value);
        }
        r0.Install(NodeContainer(nodes.Get(0)));
    }
};

} // namespace

TEST(RtmOspfRedistributionTest, StaticRoutesBecomeExternalsByPolicyAndAreFlushedWhenTheyGo)
{
    for (uint32_t type : {2u, 1u})
    {
        Net net;
        RtmOspfHelper ospf;
        ospf.ExcludeInterface(net.nodes.Get(0), net.host.ifA);
        ospf.ExcludeInterface(net.nodes.Get(2), net.l23.ifA);
        ospf.Install(NodeContainer(net.nodes.Get(1), net.nodes.Get(2)));
        RtmOspfHelper r0 = ospf;
        r0.Set("RedistributeStatic", BooleanValue(true));
        r0.Set("ExternalMetricType", UintegerValue(type));
        r0.Set("ExternalMetric", UintegerValue(30));
        r0.Set("ExternalTag", UintegerValue(4242));
        r0.Install(NodeContainer(net.nodes.Get(0)));
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        Ptr<RtmOspfClient> c2 = Ospf(net.nodes.Get(2));
        auto ext = c2->GetLsdb(RtmOspfClient::kExternalScope);
        ASSERT_EQ(ext.size(), 1u);
        Ptr<const RtmOspfLsa> l = c2->GetLsa(RtmOspfClient::kExternalScope, ext[0].Key());
        ASSERT_TRUE(l);
        EXPECT_EQ(l->hdr.lsid, Ipv4Address("192.168.51.0").Get());
        EXPECT_EQ(l->mask, 0xffffff00u);
        EXPECT_EQ(l->metric, 30u);
        EXPECT_EQ(l->tag, 4242u);
        EXPECT_EQ((l->bits & 0x80) != 0, type == 2);
        // R0 is an ASBR (E bit), and R2 routes to the external through R1.
        Ptr<const RtmOspfLsa> rl = c2->GetLsa(0,
                                              RtmOspfLsaKey{OSPF_LSA_ROUTER,
                                                            Ipv4Address("172.16.0.1").Get(),
                                                            Ipv4Address("172.16.0.1").Get()});
        ASSERT_TRUE(rl);
        EXPECT_NE(rl->rtrFlags & OSPF_RTR_E, 0);
        Best b = BestRoute(net.nodes.Get(2), "192.168.51.0/24");
        ASSERT_TRUE(b.found);
        EXPECT_EQ(b.protocol, RTM_PROTO_IP_OSPF);
        EXPECT_EQ(b.metric, type == 2 ? 30u : 32u); // type 1: 2 links + 30
        std::set<std::pair<uint32_t, uint32_t>> via{{net.l12.ifB, net.l12.addrA.Get()}};
        EXPECT_EQ(b.hops, via);
        // The connected host link is not redistributed (RedistributeConnected is false).
        EXPECT_FALSE(BestRoute(net.nodes.Get(2), "192.168.50.0/24").found);
        // The static route goes: the LSA is flushed and the route disappears everywhere.
        RtmStaticRoutingHelper::RemoveRoute(net.nodes.Get(0), "192.168.51.0/24");
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        EXPECT_FALSE(BestRoute(net.nodes.Get(2), "192.168.51.0/24").found);
        EXPECT_FALSE(BestRoute(net.nodes.Get(1), "192.168.51.0/24").found);
        uint32_t live = 0;
        for (const auto& h : c2->GetLsdb(RtmOspfClient::kExternalScope))
        {
            live += h.age < OSPF_MAX_AGE ? 1 : 0;
        }
        EXPECT_EQ(live, 0u);
        Simulator::Destroy();
    }
}

TEST(RtmOspfRedistributionTest, NothingIsRedistributedWithoutThePolicy)
{
    Net net;
    net.InstallOspf();
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_TRUE(Ospf(net.nodes.Get(2))->GetLsdb(RtmOspfClient::kExternalScope).empty());
    EXPECT_FALSE(BestRoute(net.nodes.Get(2), "192.168.51.0/24").found);
    EXPECT_TRUE(BestRoute(net.nodes.Get(2), "172.16.0.1/32").found);
    Simulator::Destroy();
}

TEST(RtmOspfRedistributionTest, OspfRoutesGoIntoRipByPolicy)
{
    for (bool policy : {false, true})
    {
        Net net;
        net.InstallOspf();
        RtmRipHelper rip;
        rip.Set("RedistributeOther", BooleanValue(policy));
        rip.ExcludeInterface(net.nodes.Get(2), net.l12.ifB); // RIP only toward R3
        rip.Install(NodeContainer(net.nodes.Get(2), net.nodes.Get(3)));
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        // R3 learns the OSPF destinations from R2's RIP only with the policy.
        Ptr<RtmRipClient> r3 = RtmRipHelper::GetRipClient(net.nodes.Get(3));
        RtmDestInfo info;
        bool known = r3->GetRegistration()->GetExactMatchDestination(Prefix("10.0.1.0/30"),
                                                                     RTM_BEST_PROTOCOL,
                                                                     RTM_VIEW_MASK_UCAST,
                                                                     info) == RtmStatus::Success &&
                     !info.viewInfo.empty() && !info.viewInfo[0].route.IsNull();
        EXPECT_EQ(known, policy);
        if (known)
        {
            RtmRouteInfo ri;
            r3->GetRegistration()->GetRouteInfo(info.viewInfo[0].route, &ri);
            EXPECT_EQ(info.viewInfo[0].owner, r3->GetRegistration()->GetEntityHandle());
            EXPECT_EQ(ri.prefInfo.metric, 2u); // RedistributedMetric 1 + the link
        }
        // The connected link R2-R3 is advertised either way (RedistributeConnected).
        // R2 itself: OSPF's route (preference 110) to R0's loopback, not a RIP one.
        Best b = BestRoute(net.nodes.Get(2), "172.16.0.1/32");
        ASSERT_TRUE(b.found);
        EXPECT_EQ(b.protocol, RTM_PROTO_IP_OSPF);
        EXPECT_EQ(b.preference, 110u);
        Simulator::Destroy();
    }
}
