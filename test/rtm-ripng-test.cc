/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the RIPng client (RtmRipNgClient, RtmRipNgHelper) in real ns-3 simulations over the
 * RTM IPv6 forwarding plane: convergence to hop-count shortest paths on lines, rings and meshes,
 * compared with ns-3's own ns3::RipNg on the same topologies (the times are printed as
 * `[ripng]` lines); RTM routers and ns-3 RipNg routers alternating on one network with a link
 * failure and repair, both StrictHoldDown settings; IPv6 traffic over the learned routes; and
 * RIPng-specific input rules (hop limit 255, link-local sources, port 521) dropped and counted.
 */
#include "rtm-rip-test-util.h"

#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-address-generator.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-list-routing-helper.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ripng-helper.h"
#include "ns3/rtm-ipv6-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-ripng-client.h"
#include "ns3/rtm-ripng-header.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace rtmrip;

namespace
{

/// A point-to-point link of an IPv6 scenario.
struct Edge6
{
    uint32_t a{0};        //!< first router
    uint32_t b{0};        //!< second router
    uint32_t ifA{0};      //!< IPv6 interface on a
    uint32_t ifB{0};      //!< IPv6 interface on b
    Ipv6Address addrA;    //!< a's global address
    Ipv6Address addrB;    //!< b's global address
    RtmNetAddress prefix; //!< the /64 (2001:1:0:k::/64)
    bool up{true};        //!< not failed
};

/**
 * Routers joined by point-to-point links with IPv6 (link k: 2001:1:0:k::/64), running RIPng as
 * the RTM client or as ns-3's RipNg, or alternating (Stack::Mixed: even routers RTM).
 */
class Scenario6
{
  public:
    void Build(uint32_t n, const std::vector<std::pair<uint32_t, uint32_t>>& links, Stack stack)
    {
        m_stack = stack;
        nodes.Create(n);
        for (uint32_t i = 0; i < n; ++i)
        {
            InternetStackHelper internet;
            if (RunsRtm(i))
            {
                RtmHelper rtm;
                internet.SetRoutingHelper(rtm);
                internet.SetRoutingHelper(RtmIpv6Helper(rtm));
            }
            else
            {
                RipNgHelper ripng;
                Ipv6ListRoutingHelper list;
                list.Add(ripng, 0);
                Ipv6StaticRoutingHelper st;
                list.Add(st, -10);
                internet.SetRoutingHelper(list);
            }
            internet.Install(nodes.Get(i));
            // ns-3's routers too answer on every address of the node (from 3.41 on, the IPv6
            // layer's default strong end-system model would drop the traffic below, sent to
            // one address per router, when it arrives on another link; decision 28).
            RtmIpv6UseWeakEndSystem(nodes.Get(i)->GetObject<Ipv6>());
        }
        for (const auto& l : links)
        {
            AddLink(l.first, l.second);
        }
    }

    /// \return true if router \p i runs the RTM
    bool RunsRtm(uint32_t i) const
    {
        return m_stack == Stack::Rtm || (m_stack == Stack::Mixed && i % 2 == 0);
    }

    void AddLink(uint32_t a, uint32_t b)
    {
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        NetDeviceContainer d = p2p.Install(nodes.Get(a), nodes.Get(b));
        uint32_t k = static_cast<uint32_t>(edges.size()) + 1;
        std::ostringstream net;
        net << "2001:1:0:" << std::hex << k << "::"; // not 2001:db8::/32: ns-3 never forwards it
        Ipv6AddressHelper ah;
        ah.SetBase(Ipv6Address(net.str().c_str()), Ipv6Prefix(64));
        Ipv6InterfaceContainer ic = ah.Assign(d);
        ic.SetForwarding(0, true);
        ic.SetForwarding(1, true);
        Edge6 e;
        e.a = a;
        e.b = b;
        e.ifA = ic.GetInterfaceIndex(0);
        e.ifB = ic.GetInterfaceIndex(1);
        e.addrA = ic.GetAddress(0, 1);
        e.addrB = ic.GetAddress(1, 1);
        e.prefix = RtmNetAddress::FromIpv6(Ipv6Address(net.str().c_str()), 64);
        owner[ic.GetLinkLocalAddress(0)] = a;
        owner[ic.GetLinkLocalAddress(1)] = b;
        owner[e.addrA] = a;
        owner[e.addrB] = b;
        edges.push_back(e);
    }

    /// Start RTM RIPng on the RTM routers and fix every random stream.
    void InstallRip(RtmRipNgHelper& helper)
    {
        NodeContainer rtm;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            if (RunsRtm(i))
            {
                rtm.Add(nodes.Get(i));
            }
            else
            {
                RipNgHelper().AssignStreams(NodeContainer(nodes.Get(i)), 100 + 10 * i);
            }
        }
        helper.Install(rtm);
        helper.AssignStreams(rtm, 100);
    }

    /// \return hop distances from \p from over the links that are up
    std::vector<int> Dist(uint32_t from) const
    {
        std::vector<int> d(nodes.GetN(), kUnreachable);
        std::queue<uint32_t> q;
        d[from] = 0;
        q.push(from);
        while (!q.empty())
        {
            uint32_t u = q.front();
            q.pop();
            for (const auto& e : edges)
            {
                uint32_t v = e.a == u ? e.b : e.a;
                if (e.up && (e.a == u || e.b == u) && d[v] == kUnreachable)
                {
                    d[v] = d[u] + 1;
                    q.push(v);
                }
            }
        }
        return d;
    }

    /// \return hops from the router of \p d to the nearest router of \p e
    static int MinDist(const std::vector<int>& d, const Edge6& e)
    {
        return e.up ? std::min(d[e.a], d[e.b]) : kUnreachable;
    }

    /// \return router \p s's gateway toward \p dst (found false if no route)
    Ipv6Address NextHop(uint32_t s, Ipv6Address dst, bool& found) const
    {
        Ptr<Ipv6> ipv6 = nodes.Get(s)->GetObject<Ipv6>();
        Ipv6Header h;
        h.SetDestination(dst);
        h.SetNextHeader(17);
        Socket::SocketErrno err;
        Ptr<Ipv6Route> r =
            ipv6->GetRoutingProtocol()->RouteOutput(Create<Packet>(), h, nullptr, err);
        found = r != nullptr;
        return r ? r->GetGateway() : Ipv6Address::GetAny();
    }

    /// Shortest-path forwarding everywhere (as Scenario::ForwardingOk, for IPv6).
    bool ForwardingOk(std::string* why = nullptr) const
    {
        for (uint32_t s = 0; s < nodes.GetN(); ++s)
        {
            std::vector<int> d = Dist(s);
            for (const auto& e : edges)
            {
                if (e.up && (e.a == s || e.b == s))
                {
                    continue;
                }
                int md = MinDist(d, e);
                bool found = false;
                Ipv6Address gw = NextHop(s, e.addrA, found);
                std::string fail;
                if (md >= kUnreachable)
                {
                    fail = found ? "has a route to a dead subnet" : "";
                }
                else if (!found || gw.IsAny())
                {
                    fail = "no route";
                }
                else if (owner.count(gw) == 0)
                {
                    fail = "gateway is not a router";
                }
                else if (MinDist(Dist(owner.at(gw)), e) != md - 1)
                {
                    fail = "not a shortest path";
                }
                if (!fail.empty())
                {
                    if (why != nullptr)
                    {
                        *why = "node " + std::to_string(s) + ", link " + e.prefix.ToString() +
                               ": " + fail;
                    }
                    return false;
                }
            }
        }
        return true;
    }

    /// The RTM routers' tables: remote links by RIPng with metric 1 + hops, preference 120.
    bool RtmTablesOk(std::string* why = nullptr) const
    {
        for (uint32_t s = 0; s < nodes.GetN(); ++s)
        {
            if (!RunsRtm(s))
            {
                continue;
            }
            Ptr<RtmRipNgClient> c = RtmRipNgHelper::GetRipNgClient(nodes.Get(s));
            std::vector<int> d = Dist(s);
            for (const auto& e : edges)
            {
                int md = MinDist(d, e);
                if (md == 0 || md >= kUnreachable)
                {
                    continue;
                }
                RtmDestInfo info;
                Ptr<RtmRegistration> reg = c->GetRegistration();
                RtmRouteInfo ri;
                bool ok = reg->GetExactMatchDestination(e.prefix,
                                                        RTM_BEST_PROTOCOL,
                                                        RTM_VIEW_MASK_UCAST,
                                                        info) == RtmStatus::Success &&
                          !info.viewInfo.empty() && !info.viewInfo[0].route.IsNull() &&
                          info.viewInfo[0].owner == reg->GetEntityHandle() &&
                          reg->GetRouteInfo(info.viewInfo[0].route, &ri) == RtmStatus::Success &&
                          ri.prefInfo.metric == static_cast<uint32_t>(md + 1) &&
                          ri.prefInfo.preference == 120;
                if (!ok)
                {
                    if (why != nullptr)
                    {
                        *why = "node " + std::to_string(s) + ": " + e.prefix.ToString() +
                               " not by RIPng with metric " + std::to_string(md + 1);
                    }
                    return false;
                }
            }
        }
        return true;
    }

    /// Fail link \p k at \p at, or bring it back (\p up).
    void ScheduleLink(uint32_t k, Time at, bool up)
    {
        RtmSchedule(at, [this, k, up]() {
            Edge6& e = edges[k];
            Ptr<Ipv6> ia = nodes.Get(e.a)->GetObject<Ipv6>();
            Ptr<Ipv6> ib = nodes.Get(e.b)->GetObject<Ipv6>();
            e.up = up;
            if (up)
            {
                // ns-3's Ipv6Interface::SetDown removes every address: give them back.
                ia->SetUp(e.ifA);
                ib->SetUp(e.ifB);
                ia->AddAddress(e.ifA, Ipv6InterfaceAddress(e.addrA, Ipv6Prefix(64)));
                ib->AddAddress(e.ifB, Ipv6InterfaceAddress(e.addrB, Ipv6Prefix(64)));
                ia->SetForwarding(e.ifA, true);
                ib->SetForwarding(e.ifB, true);
            }
            else
            {
                ia->SetDown(e.ifA);
                ib->SetDown(e.ifB);
            }
        });
    }

    /// Every router sends one UDP packet to a global address of every other router from \p at;
    /// \return (sent, received) a few seconds later
    std::pair<uint32_t, uint32_t> AllPairsUdp(Time at)
    {
        std::vector<Ptr<Socket>> sinks;
        uint32_t received = 0;
        std::vector<Ipv6Address> addr(nodes.GetN());
        for (const auto& e : edges)
        {
            addr[e.a] = e.addrA;
            addr[e.b] = e.addrB;
        }
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<Socket> s = Socket::CreateSocket(nodes.Get(i), UdpSocketFactory::GetTypeId());
            s->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 9));
            s->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([&received](Ptr<Socket> k) {
                while (k->Recv())
                {
                    ++received;
                }
            }));
            sinks.push_back(s);
        }
        uint32_t sent = 0;
        for (uint32_t s = 0; s < nodes.GetN(); ++s)
        {
            for (uint32_t t = 0; t < nodes.GetN(); ++t)
            {
                if (s == t)
                {
                    continue;
                }
                Ptr<Node> node = nodes.Get(s);
                Ipv6Address dst = addr[t];
                // Spread out: a burst toward a neighbour not yet resolved by neighbour discovery
                // overflows its queue of 3 packets (NdiscCache UnresolvedQueueSize).
                Time when = at + MilliSeconds(20 * (s * nodes.GetN() + t));
                RtmScheduleWithContext(node->GetId(), when, [node, dst, &sent]() {
                    Ptr<Socket> k = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
                    k->Bind6();
                    sent += k->SendTo(Create<Packet>(64), 0, Inet6SocketAddress(dst, 9)) >= 0;
                    k->Close();
                });
            }
        }
        Simulator::Stop(at + MilliSeconds(20 * nodes.GetN() * nodes.GetN()) + Seconds(2));
        Simulator::Run();
        return {sent, received};
    }

    NodeContainer nodes;                   //!< routers
    std::vector<Edge6> edges;              //!< links
    std::map<Ipv6Address, uint32_t> owner; //!< address (global and link-local) -> router

  private:
    Stack m_stack{Stack::Rtm}; //!< the routing in use
};

/// Start an IPv6 simulation from a clean global state.
void
Fresh6()
{
    Fresh();
    Ipv6AddressGenerator::Reset();
}

/// Run RIPng on a topology as Scenario's RunTopology does for RIPv2.
Convergence
RunTopology6(Stack stack,
             uint32_t n,
             const std::vector<std::pair<uint32_t, uint32_t>>& links,
             int failLink = -1,
             Time failAt = Seconds(0),
             Time repairAt = Seconds(0),
             bool strictHold = false,
             Time end = Seconds(60))
{
    Fresh6();
    Scenario6 sc;
    sc.Build(n, links, stack);
    RtmRipNgHelper rip;
    rip.Set("StrictHoldDown", BooleanValue(strictHold));
    sc.InstallRip(rip);
    Time step = MilliSeconds(100);
    auto ok = [&sc]() { return sc.ForwardingOk(); };
    Poller initial(ok, Seconds(0), step, failLink >= 0 ? failAt - step : end);
    std::unique_ptr<Poller> afterFail;
    std::unique_ptr<Poller> afterRepair;
    if (failLink >= 0)
    {
        sc.ScheduleLink(failLink, failAt, false);
        afterFail = std::make_unique<Poller>(ok, failAt, step, repairAt - step);
        sc.ScheduleLink(failLink, repairAt, true);
        afterRepair = std::make_unique<Poller>(ok, repairAt, step, end);
    }
    Simulator::Stop(end);
    Simulator::Run();
    Convergence c;
    c.initial = initial.Converged();
    c.afterFail = afterFail ? afterFail->Converged() : -1;
    c.afterRepair = afterRepair ? afterRepair->Converged() : -1;
    if (!sc.ForwardingOk(&c.why))
    {
        c.why = "forwarding: " + c.why;
    }
    else
    {
        c.tablesOk = sc.RtmTablesOk(&c.why);
    }
    auto udp = sc.AllPairsUdp(end + Seconds(1));
    c.sent = udp.first;
    c.received = udp.second;
    Simulator::Destroy();
    return c;
}

/// Converge a topology with RTM RIPng and ns-3's RipNg, check and print.
void
CompareConvergence6(const std::string& name,
                    uint32_t n,
                    const std::vector<std::pair<uint32_t, uint32_t>>& links)
{
    Convergence rtm = RunTopology6(Stack::Rtm, n, links);
    Convergence ns3 = RunTopology6(Stack::Ns3Rip, n, links);
    Convergence mixed = RunTopology6(Stack::Mixed, n, links);
    std::cout << "[ripng] " << name << " (" << n << " routers, " << links.size()
              << " links): convergence RTM RIPng " << rtm.initial << " s, ns-3 RipNg "
              << ns3.initial << " s, mixed " << mixed.initial << " s" << std::endl;
    for (const Convergence* c : {&rtm, &mixed})
    {
        EXPECT_GE(c->initial, 0) << c->why;
        EXPECT_TRUE(c->tablesOk) << c->why;
        EXPECT_EQ(c->sent, n * (n - 1));
        EXPECT_EQ(c->received, c->sent) << "UDP over RIPng routes";
        EXPECT_LT(c->initial, 30.0) << "triggered updates, before the first periodic one";
    }
    EXPECT_GE(ns3.initial, 0) << "ns-3 RipNg (the reference) converges too: " << ns3.why;
    EXPECT_EQ(ns3.received, ns3.sent);
    // Agreement with ns-3: both spread the tables by triggered updates (ns-3 draws its first
    // one in [1, 5] s after start, the RTM client within its StartupDelay and cooldowns).
    EXPECT_LE(rtm.initial, ns3.initial + 10.0);
}

TEST(RtmRipNgTest, LineConvergesToHopCountPaths)
{
    CompareConvergence6("line", 6, Line(6));
}

TEST(RtmRipNgTest, RingConvergesToHopCountPaths)
{
    CompareConvergence6("ring", 7, Ring(7));
}

TEST(RtmRipNgTest, MeshConvergesToHopCountPaths)
{
    CompareConvergence6("mesh", 12, Mesh(4, 3));
}

TEST(RtmRipNgTest, MixedRingReconvergesAfterFailureAndRepair)
{
    std::vector<std::pair<uint32_t, uint32_t>> links = Ring(8);
    for (bool strict : {false, true})
    {
        Convergence c = RunTopology6(Stack::Mixed,
                                     8,
                                     links,
                                     2,
                                     Seconds(60),
                                     Seconds(250),
                                     strict,
                                     Seconds(450));
        std::cout << "[ripng] mixed ring of 8, link 2-3 down at 60 s, up at 250 s "
                  << "(StrictHoldDown=" << strict << "): reconvergence after the failure "
                  << c.afterFail << " s, after the repair " << c.afterRepair << " s" << std::endl;
        EXPECT_GE(c.afterRepair, 0) << c.why;
        EXPECT_LE(c.afterRepair, 60.0);
        EXPECT_TRUE(c.tablesOk) << c.why;
        EXPECT_EQ(c.received, c.sent);
    }
}

TEST(RtmRipNgTest, RtmRingReconvergesAfterFailureAndRepair)
{
    Convergence c =
        RunTopology6(Stack::Rtm, 7, Ring(7), 3, Seconds(60), Seconds(250), false, Seconds(350));
    std::cout << "[ripng] ring of 7, link 3-4 down at 60 s, up at 250 s: reconvergence after the "
                 "failure "
              << c.afterFail << " s, after the repair " << c.afterRepair << " s" << std::endl;
    EXPECT_GE(c.afterFail, 0) << c.why;
    EXPECT_LE(c.afterFail, 35.0 + 5 * 4) << "periodic update or triggered updates";
    EXPECT_GE(c.afterRepair, 0) << c.why;
    EXPECT_LE(c.afterRepair, 5.0 * 5);
    EXPECT_TRUE(c.tablesOk) << c.why;
    EXPECT_EQ(c.received, c.sent);
}

TEST(RtmRipNgTest, RipNgInputRulesAreEnforced)
{
    // R(0, RTM) - T(1, no RIPng). T sends a valid response with hop limit 64 (not 255), one from
    // a port other than 521, one from a global (not link-local) source, malformed ones, then a
    // valid one: only the last is used, every other is counted under its reason.
    Fresh6();
    Scenario6 sc;
    sc.Build(2, Line(2), Stack::Rtm);
    RtmRipNgHelper rip;
    rip.Install(NodeContainer(sc.nodes.Get(0)));
    rip.AssignStreams(sc.nodes, 100);
    Ptr<RtmRipNgClient> r = RtmRipNgHelper::GetRipNgClient(sc.nodes.Get(0));
    Ptr<Node> t = sc.nodes.Get(1);
    Ptr<NetDevice> tDev = t->GetObject<Ipv6>()->GetNetDevice(sc.edges[0].ifB);
    Ipv6Address rLinkLocal;
    for (const auto& kv : sc.owner)
    {
        if (kv.second == 0 && kv.first.IsLinkLocal())
        {
            rLinkLocal = kv.first;
        }
    }
    RtmRipNgHeader good;
    RtmRipNgHeader::Entry e;
    e.prefix = Ipv6Address("2001:db8:99::");
    e.prefixLength = 48;
    e.metric = 1;
    good.AddEntry(e);
    auto bytesOf = [](const RtmRipNgHeader& h) {
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        return b;
    };
    std::vector<uint8_t> g = bytesOf(good);
    auto socketAt = [&](Address local) {
        Ptr<Socket> k = Socket::CreateSocket(t, UdpSocketFactory::GetTypeId());
        k->BindToNetDevice(tDev);
        EXPECT_EQ(k->Bind(local), 0);
        return k;
    };
    Ptr<Socket> s521 = socketAt(Inet6SocketAddress(Ipv6Address::GetAny(), 521));
    Ptr<Socket> s1234 = socketAt(Inet6SocketAddress(Ipv6Address::GetAny(), 1234));
    Ptr<Socket> sGlobal = socketAt(Inet6SocketAddress(sc.edges[0].addrB, 521));
    auto send =
        [&](Ptr<Socket> k, Ipv6Address to, std::vector<uint8_t> bytes, uint8_t hop, Time at) {
            RtmScheduleWithContext(t->GetId(), at, [k, to, bytes, hop]() {
                Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
                SocketIpv6HopLimitTag tag;
                tag.SetHopLimit(hop);
                p->AddPacketTag(tag);
                k->SendTo(p, 0, Inet6SocketAddress(to, 521));
            });
        };
    Ipv6Address group = RtmRipNgClient::RipNgGroup();
    send(s521, group, g, 64, Seconds(10));                   // hop limit 64
    send(s1234, rLinkLocal, g, 255, Seconds(10.1));          // wrong port
    send(sGlobal, sc.edges[0].addrA, g, 255, Seconds(10.2)); // global source
    std::vector<uint8_t> b = g;
    b[1] = 2;
    send(s521, group, b, 255, Seconds(10.3)); // version 2
    b = g;
    b[22] = 200; // prefix length
    send(s521, group, b, 255, Seconds(10.4));
    b = g;
    b[23] = 17; // metric
    send(s521, group, b, 255, Seconds(10.5));
    b = g;
    b[10] = 1; // 2001:db8:99:100::/48: host bits
    send(s521, group, b, 255, Seconds(10.6));
    RtmRipNgHeader linkLocal;
    e.prefix = Ipv6Address("fe80::");
    e.prefixLength = 64;
    linkLocal.AddEntry(e);
    send(s521, group, bytesOf(linkLocal), 255, Seconds(10.7)); // never carried
    std::pair<uint32_t, bool> before{};
    auto best = [&]() {
        RtmDestInfo info;
        Ptr<RtmRegistration> reg = r->GetRegistration();
        if (reg->GetExactMatchDestination(Pfx("2001:db8:99::/48"),
                                          RTM_BEST_PROTOCOL,
                                          RTM_VIEW_MASK_UCAST,
                                          info) != RtmStatus::Success)
        {
            return std::make_pair(0u, false);
        }
        RtmRouteInfo ri;
        reg->GetRouteInfo(info.viewInfo[0].route, &ri);
        return std::make_pair(ri.prefInfo.metric, info.viewInfo[0].owner == reg->GetEntityHandle());
    };
    RtmSchedule(Seconds(11), [&]() { before = best(); });
    send(s521, group, g, 255, Seconds(12));
    Simulator::Stop(Seconds(13));
    Simulator::Run();
    EXPECT_EQ(before.first, 0u) << "nothing learned from the bad messages";
    EXPECT_EQ(best(), std::make_pair(2u, true)) << "the valid one is learned";
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::BadHopLimit), 1u);
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::BadSourcePort), 1u);
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::NotNeighbour), 1u);
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::BadVersion), 1u);
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::BadMask), 1u);
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::BadMetric), 1u);
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::HostBits), 1u);
    EXPECT_EQ(r->GetDropCount(RtmRipDropReason::NotCarried), 1u);
    EXPECT_EQ(r->GetDropCount(), 8u);
    // The route goes through T's link-local address on R's interface.
    bool found = false;
    Ipv6Address gw = sc.NextHop(0, Ipv6Address("2001:db8:99::1"), found);
    EXPECT_TRUE(found);
    EXPECT_TRUE(gw.IsLinkLocal()) << gw;
    EXPECT_EQ(sc.owner[gw], 1u);
    Simulator::Destroy();
}

} // namespace
