/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: several clients on one node (connected, static, RIP, graph): the documented default
 * preferences (connected 1 < static 3 < link-state 110 < RIP 120) pick the best route,
 * withdrawing the best promotes the next, and RIP redistributes static routes when its policy
 * says so.
 */
#include "rtm-graph-test-util.h"

#include "ns3/boolean.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-static-routing-helper.h"
#include "ns3/uinteger.h"

#include <memory>

using namespace ns3;
using namespace rtmgraph;

namespace
{

/// \return the protocol id of the best route of \p prefix in the unicast view, or 0 if none
uint32_t
BestProtocol(Ptr<RtmRegistration> obs, const std::string& prefix)
{
    RtmNetAddress p;
    EXPECT_TRUE(RtmNetAddress::Parse(prefix, p));
    RtmDestInfo info;
    if (obs->GetExactMatchDestination(p, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info) !=
            RtmStatus::Success ||
        info.viewInfo.empty() || info.viewInfo[0].route.IsNull())
    {
        return 0;
    }
    RtmEntityInfo owner;
    EXPECT_EQ(obs->GetEntityInfo(info.viewInfo[0].owner, owner), RtmStatus::Success);
    return owner.entityId.entityProtocolId;
}

/// \return the number of live routes of \p prefix in the unicast view
uint32_t
RouteCount(Ptr<RtmRegistration> obs, const std::string& prefix)
{
    RtmNetAddress p;
    EXPECT_TRUE(RtmNetAddress::Parse(prefix, p));
    RtmDestInfo info;
    if (obs->GetExactMatchDestination(p, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info) !=
            RtmStatus::Success ||
        info.viewInfo.empty())
    {
        return 0;
    }
    return info.viewInfo[0].numRoutes;
}

} // namespace

TEST(RtmMultiClient, PreferencesPickTheBestAndWithdrawalsPromoteTheNext)
{
    Fresh();
    // Routers 0-1-2 run RIP and the graph client; 3 is a host behind 2 (static route at 2).
    RtmTopology t = MakeTopology(4, {Edge{0, 1, 1}, Edge{1, 2, 1}, Edge{2, 3, 1}});
    NodeContainer routers(t.nodes.Get(0), t.nodes.Get(1), t.nodes.Get(2));
    Ptr<Node> n0 = t.nodes.Get(0);
    std::ostringstream host;
    host << AddrOf(t, 2, 3);
    ASSERT_EQ(
        RtmStaticRoutingHelper::AddRoute(t.nodes.Get(2), "192.0.2.0/24", host.str(), IfOf(t, 2, 2)),
        RtmStatus::Success);
    RtmRipHelper rip;
    rip.Set("RedistributeStatic", BooleanValue(true));
    rip.Install(routers);
    RtmGraphRoutingHelper graph;
    graph.Install(routers);
    Simulator::Stop(Seconds(60));
    Simulator::Run();

    Ptr<RtmRegistration> obs = Observer(n0);
    // Connected beats everything on the router's own subnet.
    EXPECT_EQ(BestProtocol(obs, "10.0.0.0/30"), RTM_PROTO_IP_LOCAL);
    // The subnet of link 1-2: graph (110) and RIP (120) both have a route; graph wins.
    const std::string subnet = "10.0.0.4/30";
    EXPECT_EQ(RouteCount(obs, subnet), 2u);
    EXPECT_EQ(BestProtocol(obs, subnet), RTM_PROTO_NS3_GRAPH);
    // A static route (3) beats both, and leaves again.
    std::ostringstream via1;
    via1 << AddrOf(t, 0, 1);
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(n0, subnet, via1.str(), IfOf(t, 0, 0)),
              RtmStatus::Success);
    EXPECT_EQ(RouteCount(obs, subnet), 3u);
    EXPECT_EQ(BestProtocol(obs, subnet), RTM_PROTO_IP_NETMGMT);
    ASSERT_EQ(RtmStaticRoutingHelper::RemoveRoute(n0, subnet), RtmStatus::Success);
    EXPECT_EQ(BestProtocol(obs, subnet), RTM_PROTO_NS3_GRAPH);
    // A static route on the connected subnet does not beat the connected route.
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(n0, "10.0.0.0/30", via1.str(), IfOf(t, 0, 0)),
              RtmStatus::Success);
    EXPECT_EQ(BestProtocol(obs, "10.0.0.0/30"), RTM_PROTO_IP_LOCAL);
    // RIP redistributed node 2's static route: node 0 learned it over two hops.
    EXPECT_EQ(BestProtocol(obs, "192.0.2.0/24"), RTM_PROTO_IP_RIP);
    // The graph client leaves node 0: RIP's route is promoted.
    RtmGraphRoutingHelper::GetGraphClient(n0)->Dispose();
    EXPECT_EQ(RouteCount(obs, subnet), 1u);
    EXPECT_EQ(BestProtocol(obs, subnet), RTM_PROTO_IP_RIP);
    // The documented default preference of the link-state client.
    EXPECT_EQ(GraphRoute(t.nodes.Get(1), "10.0.0.8/30").preference, 110u);
    Simulator::Destroy();
}

TEST(RtmMultiClient, PreferenceOverridesPerClientAndPerRoute)
{
    Fresh();
    RtmTopology t = MakeTopology(3, {Edge{0, 1, 1}, Edge{1, 2, 1}});
    RtmGraphRoutingHelper graph;
    graph.Set("Preference", UintegerValue(2)); // link-state before static on these routers
    graph.Install(t.nodes);
    Ptr<Node> n0 = t.nodes.Get(0);
    std::ostringstream dst;
    dst << t.routerAddress[2] << "/32";
    std::ostringstream via1;
    via1 << AddrOf(t, 0, 1);
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(n0, dst.str(), via1.str(), IfOf(t, 0, 0)),
              RtmStatus::Success);
    Ptr<RtmRegistration> obs = Observer(n0);
    EXPECT_EQ(GraphRoute(n0, dst.str()).preference, 2u);
    EXPECT_EQ(BestProtocol(obs, dst.str()), RTM_PROTO_NS3_GRAPH);
    // Per route: a static route with preference 1 wins again.
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(n0, dst.str(), via1.str(), IfOf(t, 0, 0), 0, 1),
              RtmStatus::Success);
    EXPECT_EQ(BestProtocol(obs, dst.str()), RTM_PROTO_IP_NETMGMT);
    Simulator::Destroy();
}

// Teardown (issue 14): a router disposes its instances before its clients, so the tables go
// whole: the clients find their registrations invalid and withdraw nothing route by route (no
// RouteDeleted per route, no notification, no FIB update at Simulator::Destroy).
TEST(RtmMultiClient, RouterTeardownReleasesTablesWithoutPerRouteWithdrawals)
{
    Fresh();
    RtmTopology t = MakeTopology(4, {Edge{0, 1, 1}, Edge{0, 2, 1}, Edge{1, 3, 1}, Edge{2, 3, 1}});
    RtmGraphRoutingHelper graph;
    Ptr<RtmGraphDomain> d = graph.Install(t.nodes);
    ASSERT_EQ(d->GetNRoutes(), 20u);
    auto deleted = std::make_shared<uint64_t>(0);
    for (uint32_t v = 0; v < t.nodes.GetN(); ++v)
    {
        t.nodes.Get(v)->GetObject<RtmRouter>()->GetInstance(0)->TraceConnectWithoutContext(
            "RouteDeleted",
            RtmMakeCallback<void, uint16_t, const RtmNetAddress&, uint32_t>(
                [deleted](uint16_t, const RtmNetAddress&, uint32_t) { ++*deleted; }));
    }
    Ptr<RtmRegistration> reg =
        RtmGraphRoutingHelper::GetGraphClient(t.nodes.Get(0))->GetRegistration();
    ASSERT_TRUE(reg && reg->IsRegistered());
    Simulator::Destroy();
    EXPECT_EQ(*deleted, 0u);
    EXPECT_FALSE(reg->IsRegistered());
    EXPECT_EQ(reg->Deregister(), RtmStatus::InvalidHandle);
}
