/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the multicast feeder, each test in IPv4 and in IPv6: shortest-path trees from Boost.Graph
 * on a square and on Geant2012, the RPF routes and forwarding entries it installs (and removes),
 * the multicast weight set, what it refuses, and a simulation in which every receiver gets every
 * packet exactly once.
 */
#include "rtm-graph-test-util.h"

#include "ns3/ipv6-l3-protocol.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rtm-mcast-feeder-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-path-oracle.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

using namespace ns3;
using namespace rtmgraph;

namespace
{

/// A host attached to router \p r of \p t by one point-to-point link (192.168.100.0/30, or
/// fd00:168:100::/64 in IPv6).
struct Host
{
    Ptr<Node> node;        //!< the host
    RtmNetAddress address; //!< its address (the source address of its packets)
    uint32_t routerIf;     //!< the router's interface towards it
};

Host
AttachHost(const RtmTopology& t, uint32_t r, uint16_t family)
{
    const bool v6 = family == RTM_AF_INET6;
    Host h;
    NodeContainer hc;
    hc.Create(1);
    h.node = hc.Get(0);
    RtmTopologyHelper::RtmStack(FamiliesOf(family)).Install(hc);
    PointToPointHelper p2p;
    NetDeviceContainer d = p2p.Install(h.node, t.nodes.Get(r));
    Configure(d.Get(0), v6 ? "fd00:168:100::1/64" : "192.168.100.1/30");
    h.routerIf = Configure(d.Get(1), v6 ? "fd00:168:100::2/64" : "192.168.100.2/30");
    RtmNetAddress::Parse(v6 ? "fd00:168:100::1" : "192.168.100.1", h.address);
    return h;
}

/// Receivers count packets by sequence number (the first 4 bytes of the payload).
struct Receivers
{
    std::map<uint32_t, std::map<uint32_t, uint32_t>> got; //!< node id -> seq -> copies
    std::vector<Ptr<Socket>> sockets;                     //!< keep them alive

    /// Listen on \p n at \p port for \p group (IPv6: the node joins the group).
    void Listen(Ptr<Node> n, uint16_t port, const RtmNetAddress& group)
    {
        if (group.addressFamily == RTM_AF_INET6)
        {
            n->GetObject<Ipv6L3Protocol>()->AddMulticastAddress(group.GetIpv6());
        }
        Ptr<Socket> s = Socket::CreateSocket(n, UdpSocketFactory::GetTypeId());
        EXPECT_EQ(s->Bind(AnySocketAddress(group.addressFamily, port)), 0);
        uint32_t id = n->GetId();
        s->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([this, id](Ptr<Socket> sock) {
            while (Ptr<Packet> p = sock->Recv())
            {
                uint8_t buf[4];
                p->CopyData(buf, 4);
                uint32_t seq = (uint32_t(buf[0]) << 24) | (uint32_t(buf[1]) << 16) |
                               (uint32_t(buf[2]) << 8) | buf[3];
                ++got[id][seq];
            }
        }));
        sockets.push_back(s);
    }
};

/// Send \p count packets to (group, port) from \p src, one every 10 ms from 1.1 s (after IPv6's
/// duplicate address detection).
Ptr<Socket>
Sender(Ptr<Node> src, const RtmNetAddress& group, uint16_t port, uint32_t count)
{
    Ptr<Socket> s = Socket::CreateSocket(src, UdpSocketFactory::GetTypeId());
    s->Bind(AnySocketAddress(group.addressFamily, 0));
    s->Connect(SocketAddressOf(group, port));
    for (uint32_t seq = 0; seq < count; ++seq)
    {
        RtmSchedule(MilliSeconds(1100 + 10 * seq), [s, seq]() {
            uint8_t buf[64] = {0};
            buf[0] = seq >> 24;
            buf[1] = seq >> 16;
            buf[2] = seq >> 8;
            buf[3] = seq;
            s->Send(Create<Packet>(buf, sizeof(buf)));
        });
    }
    return s;
}

/// \return \p text parsed
RtmNetAddress
Net(const std::string& text)
{
    RtmNetAddress a;
    EXPECT_TRUE(RtmNetAddress::Parse(text, a)) << text;
    return a;
}

/// The any-source prefix of \p family.
RtmNetAddress
AnySource(uint16_t family)
{
    RtmNetAddress any;
    any.addressFamily = family;
    return any;
}

} // namespace

/// The tests that hold for both families, run once per family.
RTM_FAMILY_TEST_SUITE(RtmMcastFeederFamily);

TEST_P(RtmMcastFeederFamily, TreeOnASquareFollowsTheMulticastWeights)
{
    const uint16_t f = GetParam();
    for (bool weighted : {false, true})
    {
        Fresh();
        RtmTopology t = MakeTopology(4,
                                     {Edge{0, 1, 1}, Edge{0, 2, 1}, Edge{1, 3, 1}, Edge{2, 3, 1}},
                                     false,
                                     FamiliesOf(f));
        Host h = AttachHost(t, 0, f);
        NodeContainer all(h.node, t.nodes);
        RtmMcastFeederHelper feeder;
        if (weighted)
        {
            feeder.SetMulticastMetric(t.nodes.Get(0), IfOf(t, 0, 0, f), 10, f);
        }
        feeder.Install(all);
        // Feeders of the family the nodes have, only.
        EXPECT_FALSE(
            RtmMcastFeederHelper::GetFeeder(h.node,
                                            0,
                                            f == RTM_AF_INET6 ? RTM_AF_INET : RTM_AF_INET6));
        RtmNetAddress group = Net(f == RTM_AF_INET6 ? "ff0e::1:1" : "239.1.1.1");
        RtmMcastTree tree = feeder.AddGroup(group, h.node, NodeContainer(t.nodes.Get(3)));
        EXPECT_EQ(tree.source, h.address);
        EXPECT_EQ(tree.group, group);
        ASSERT_EQ(tree.nodes.size(), 4u); // host, 0, 1 or 2, 3
        EXPECT_EQ(tree.GetNLinks(), 3u);
        EXPECT_TRUE(tree.unreachable.empty());
        uint32_t middle = weighted ? 2 : 1;
        std::set<uint32_t> ids;
        for (const auto& n : tree.nodes)
        {
            ids.insert(n.node->GetId());
        }
        EXPECT_TRUE(ids.count(t.nodes.Get(middle)->GetId())) << weighted;
        // Router 3: RPF route to the source in the multicast view only, through `middle`.
        Ptr<Node> n3 = t.nodes.Get(3);
        Ptr<RtmMcastFeeder> f3 = RtmMcastFeederHelper::GetFeeder(n3, 0, f);
        ASSERT_TRUE(f3);
        EXPECT_EQ(f3->GetFamily(), f);
        EXPECT_EQ(f3->GetNGroups(), 1u);
        EXPECT_EQ(f3->GetNRoutes(), 1u);
        uint32_t k = middle == 1 ? 2 : 3; // link 1-3 or 2-3
        const RtmNetAddress& src = h.address;
        RouteView m = RouteOf(f3->GetRegistration(),
                              f3->GetRegistration()->GetEntityHandle(),
                              src,
                              RTM_VIEW_MASK_MCAST);
        ASSERT_TRUE(m.found);
        EXPECT_EQ(m.views, RTM_VIEW_MASK_MCAST);
        EXPECT_EQ(m.preference, 100u);
        EXPECT_EQ(m.hops,
                  (std::set<std::pair<std::string, uint32_t>>{
                      {AddrText(t, k, middle, f), IfOf(t, k, 3, f)}}));
        EXPECT_FALSE(RouteOf(f3->GetRegistration(),
                             f3->GetRegistration()->GetEntityHandle(),
                             src,
                             RTM_VIEW_MASK_UCAST)
                         .found);
        // Forwarding entries: the source's (*, G), router 0's (S, G) towards `middle`, a leaf
        // entry without outputs at 3.
        Ptr<RtmRouter> r0 = t.nodes.Get(0)->GetObject<RtmRouter>();
        const RtmMulticastEntry* e0 = r0->FindMulticastRoute(0, src, group);
        ASSERT_NE(e0, nullptr);
        EXPECT_EQ(e0->outputInterfaces,
                  (std::vector<uint32_t>{IfOf(t, middle == 1 ? 0 : 1, 0, f)}));
        const RtmMulticastEntry* e3 = n3->GetObject<RtmRouter>()->FindMulticastRoute(0, src, group);
        ASSERT_NE(e3, nullptr);
        EXPECT_TRUE(e3->outputInterfaces.empty());
        EXPECT_NE(h.node->GetObject<RtmRouter>()->FindMulticastRoute(0, AnySource(f), group),
                  nullptr);
        // The feeder refuses the other family's addresses and non-host sources.
        RtmMcastTreeNode part;
        EXPECT_FALSE(f3->SetTreeNode(Net(f == RTM_AF_INET6 ? "10.0.0.1" : "fd00::1"),
                                     Net(f == RTM_AF_INET6 ? "239.1.1.1" : "ff0e::1:1"),
                                     part));
        RtmNetAddress subnet = src;
        subnet.numBits = 24;
        EXPECT_FALSE(f3->SetTreeNode(subnet.Masked(), group, part));
        // Removing the group removes everything.
        EXPECT_EQ(feeder.RemoveGroup(group, h.address), 4u);
        EXPECT_EQ(f3->GetNRoutes(), 0u);
        EXPECT_EQ(r0->FindMulticastRoute(0, src, group), nullptr);
        Simulator::Destroy();
    }
}

TEST_P(RtmMcastFeederFamily, Geant2012EveryReceiverGetsEveryPacketOnce)
{
    const uint16_t f = GetParam();
    std::string path = DataDir() + "/topologies/topology-zoo/Geant2012.graphml";
    if (!Readable(path))
    {
        GTEST_SKIP() << "shared data absent: " << path;
    }
    Fresh();
    RtmTopologyHelper helper;
    helper.SetFamilies(FamiliesOf(f));
    RtmTopology t;
    std::string error;
    ASSERT_TRUE(helper.Create("graphml", path, t, error)) << error;
    const uint32_t root = 7;
    Host h = AttachHost(t, root, f);
    NodeContainer all(h.node, t.nodes);
    RtmMcastFeederHelper feeder;
    feeder.Install(all);
    // Two groups from the same source: the RPF routes are shared.
    RtmNetAddress g1 = Net(f == RTM_AF_INET6 ? "ff0e::10:1" : "239.10.0.1");
    RtmNetAddress g2 = Net(f == RTM_AF_INET6 ? "ff0e::10:2" : "239.10.0.2");
    std::vector<uint32_t> rv1{0, 5, 11, 17, 23, 29, 33, 39};
    std::vector<uint32_t> rv2{1, 2, 3, 20, 21, 22};
    NodeContainer r1;
    NodeContainer r2;
    for (uint32_t v : rv1)
    {
        r1.Add(t.nodes.Get(v));
    }
    for (uint32_t v : rv2)
    {
        r2.Add(t.nodes.Get(v));
    }
    RtmMcastTree t1 = feeder.AddGroup(g1, h.node, r1);
    RtmMcastTree t2 = feeder.AddGroup(g2, h.node, r2);
    EXPECT_TRUE(t1.unreachable.empty());
    EXPECT_EQ(t1.GetNLinks(), t1.nodes.size() - 1);
    EXPECT_EQ(feeder.GetGraph(f).GetFamily(), f);
    // Tree costs are the shortest distances (host link + Geant2012 hops from the root router).
    RtmPathOracle oracle(t.graph, RtmPathOracle::HOPS);
    uint32_t receiversInTree = 0;
    for (const auto& n : t1.nodes)
    {
        if (n.isSource)
        {
            EXPECT_EQ(n.node, h.node);
            continue;
        }
        int32_t v = t.VertexOfNode(n.node->GetId());
        ASSERT_GE(v, 0);
        EXPECT_EQ(n.cost, 1 + oracle.Distance(root, v));
        EXPECT_EQ(n.depth, n.cost);
        receiversInTree += n.isReceiver ? 1 : 0;
        // Every tree router has an RPF route to the source, through a global address of its
        // parent on the tree link.
        Ptr<RtmMcastFeeder> fd = RtmMcastFeederHelper::GetFeeder(n.node, 0, f);
        EXPECT_GE(fd->GetNRoutes(), 1u);
        EXPECT_EQ(n.rpfNeighbour.addressFamily, f);
        EXPECT_EQ(n.rpfNeighbour.numBits, n.rpfNeighbour.FamilyBits());
        EXPECT_EQ(n.rpfNeighbour.AddressString().rfind("fe80", 0), std::string::npos);
    }
    EXPECT_EQ(receiversInTree, rv1.size());
    Ptr<RtmMcastFeeder> rootFeeder = RtmMcastFeederHelper::GetFeeder(t.nodes.Get(root), 0, f);
    EXPECT_EQ(rootFeeder->GetNGroups(), 2u);
    EXPECT_EQ(rootFeeder->GetNRoutes(), 1u);

    Receivers rx;
    for (uint32_t v : rv1)
    {
        rx.Listen(t.nodes.Get(v), 5000, g1);
    }
    for (uint32_t v : rv2)
    {
        rx.Listen(t.nodes.Get(v), 5002, g2);
    }
    // Non-receivers listen (and join) too: they must get nothing.
    std::vector<uint32_t> others{4, 6, 8, 30};
    for (uint32_t v : others)
    {
        rx.Listen(t.nodes.Get(v), 5000, g1);
    }
    const uint32_t count = 20;
    Ptr<Socket> s1 = Sender(h.node, g1, 5000, count);
    Ptr<Socket> s2 = Sender(h.node, g2, 5002, count);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    for (uint32_t v : rv1)
    {
        uint32_t id = t.nodes.Get(v)->GetId();
        ASSERT_EQ(rx.got[id].size(), count) << "receiver " << t.RouterId(v);
        for (const auto& kv : rx.got[id])
        {
            EXPECT_EQ(kv.second, 1u) << "receiver " << t.RouterId(v) << " seq " << kv.first;
        }
    }
    for (uint32_t v : rv2)
    {
        uint32_t id = t.nodes.Get(v)->GetId();
        ASSERT_EQ(rx.got[id].size(), count) << "receiver " << t.RouterId(v);
        for (const auto& kv : rx.got[id])
        {
            EXPECT_EQ(kv.second, 1u);
        }
    }
    for (uint32_t v : others)
    {
        bool inTree = false;
        for (const auto& n : t1.nodes)
        {
            inTree = inTree || n.node == t.nodes.Get(v);
        }
        if (!inTree)
        {
            EXPECT_TRUE(rx.got[t.nodes.Get(v)->GetId()].empty()) << t.RouterId(v);
        }
    }
    Simulator::Destroy();
}
