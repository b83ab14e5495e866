/*
 * Tests of the RIPv2 client (RtmRipClient, RtmRipHelper) in real ns-3 simulations over the RTM
 * forwarding plane: convergence to hop-count shortest paths (line, ring, mesh) compared with
 * ns-3's own ns3::Rip on the same topologies, reconvergence after a link failure, route timeout
 * (TTL + RTM_ROUTE_EXPIRED) and garbage collection (RTM hold-down), count to infinity without
 * split horizon and not with poisoned reverse, several clients on one node (connected, static,
 * RIP) with preferences and redistribution, malformed messages, requests, virtual routers,
 * interface metrics and excluded interfaces.
 */
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-generator.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/names.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/rip-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-rip-client.h"
#include "ns3/rtm-rip-header.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-router.h"
#include "ns3/rtm-static-routing-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Which routing runs on the routers.
enum class Stack
{
    Rtm,    //!< RTM forwarding plane + RtmRipClient
    Ns3Rip, //!< ns-3's ns3::Rip (RipHelper) in an Ipv4ListRouting
};

constexpr int kUnreachable = std::numeric_limits<int>::max() / 4;

/// Start a simulation from a clean global state.
void
Fresh(uint32_t run = 1)
{
    Simulator::Destroy();
    Ipv4AddressGenerator::Reset();
    Names::Clear();
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(run);
}

/// \return the prefix a.b.c.d/len
RtmNetAddress
Pfx(const std::string& text)
{
    RtmNetAddress a;
    EXPECT_TRUE(RtmNetAddress::Parse(text, a)) << text;
    return a;
}

/// Give \p dev an address (adding its interface if needed) and bring it up.
uint32_t
AddAddress(Ptr<NetDevice> dev, Ipv4Address address, uint16_t length)
{
    Ptr<Ipv4> ipv4 = dev->GetNode()->GetObject<Ipv4>();
    int32_t i = ipv4->GetInterfaceForDevice(dev);
    if (i < 0)
    {
        i = static_cast<int32_t>(ipv4->AddInterface(dev));
    }
    ipv4->AddAddress(i, Ipv4InterfaceAddress(address, Ipv4Mask(0xffffffffu << (32 - length))));
    ipv4->SetMetric(i, 1);
    ipv4->SetUp(i);
    return static_cast<uint32_t>(i);
}

/// A point-to-point link of a scenario.
struct Edge
{
    uint32_t a{0};        //!< first node (index)
    uint32_t b{0};        //!< second node
    Ptr<NetDevice> devA;  //!< device on a
    Ptr<NetDevice> devB;  //!< device on b
    uint32_t ifA{0};      //!< IPv4 interface on a
    uint32_t ifB{0};      //!< IPv4 interface on b
    Ipv4Address addrA;    //!< a's address (.1)
    Ipv4Address addrB;    //!< b's address (.2)
    RtmNetAddress prefix; //!< the /24
    bool up{true};        //!< not failed
};

/**
 * Routers joined by point-to-point links (link k is 10.k/256.k%256.0/24: .1 on its first node,
 * .2 on the second), running RIP either as the RTM client or as ns-3's Rip, with the checks of
 * hop-count shortest-path routing.
 */
class Scenario
{
  public:
    /**
     * \param n routers
     * \param links node pairs
     * \param stack RTM or ns-3 Rip
     * \param rtm the RTM helper (virtual routers)
     */
    void Build(uint32_t n,
               const std::vector<std::pair<uint32_t, uint32_t>>& links,
               Stack stack,
               const RtmHelper& rtm = RtmHelper())
    {
        m_stack = stack;
        nodes.Create(n);
        InternetStackHelper internet;
        internet.SetIpv6StackInstall(false);
        if (stack == Stack::Rtm)
        {
            internet.SetRoutingHelper(rtm);
        }
        else
        {
            RipHelper rip;
            Ipv4ListRoutingHelper list;
            list.Add(rip, 0);
            Ipv4StaticRoutingHelper st;
            list.Add(st, -10);
            internet.SetRoutingHelper(list);
        }
        internet.Install(nodes);
        for (const auto& l : links)
        {
            AddLink(l.first, l.second);
        }
    }

    /// Add a link between routers \p a and \p b. \return its index
    uint32_t AddLink(uint32_t a, uint32_t b, const std::string& delay = "1ms")
    {
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue(delay));
        NetDeviceContainer d = p2p.Install(nodes.Get(a), nodes.Get(b));
        uint32_t k = static_cast<uint32_t>(edges.size()) + 1;
        Edge e;
        e.a = a;
        e.b = b;
        e.devA = d.Get(0);
        e.devB = d.Get(1);
        uint32_t net = (10u << 24) | (k << 8);
        e.addrA = Ipv4Address(net + 1);
        e.addrB = Ipv4Address(net + 2);
        e.prefix = RtmNetAddress::FromIpv4(Ipv4Address(net), 24);
        e.ifA = AddAddress(e.devA, e.addrA, 24);
        e.ifB = AddAddress(e.devB, e.addrB, 24);
        owner[e.addrA.Get()] = a;
        owner[e.addrB.Get()] = b;
        edges.push_back(e);
        return k - 1;
    }

    /// Start RTM RIP on every router with \p helper (instance 0).
    void InstallRtmRip(RtmRipHelper& helper)
    {
        helper.Install(nodes);
        helper.AssignStreams(nodes, 100);
    }

    /// Fix the ns-3 Rip random streams.
    void AssignNs3Streams()
    {
        RipHelper rip;
        rip.AssignStreams(nodes, 100);
    }

    /// \return hop distances from router \p from over the links that are up
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
                if (!e.up || (e.a != u && e.b != u))
                {
                    continue;
                }
                uint32_t v = e.a == u ? e.b : e.a;
                if (d[v] == kUnreachable)
                {
                    d[v] = d[u] + 1;
                    q.push(v);
                }
            }
        }
        return d;
    }

    /// \return hops from \p s to the nearest router of link \p e (kUnreachable if none)
    int MinDist(const std::vector<int>& d, const Edge& e) const
    {
        if (!e.up)
        {
            return kUnreachable;
        }
        return std::min(d[e.a], d[e.b]);
    }

    /// \return the forwarding decision of router \p s for \p dst: the gateway, or 0.0.0.0
    /// for none (\p found false)
    Ipv4Address NextHop(uint32_t s, Ipv4Address dst, bool& found) const
    {
        Ptr<Ipv4> ipv4 = nodes.Get(s)->GetObject<Ipv4>();
        Ipv4Header h;
        h.SetDestination(dst);
        h.SetProtocol(17);
        Socket::SocketErrno err;
        Ptr<Ipv4Route> r =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), h, nullptr, err);
        found = r != nullptr;
        return r ? r->GetGateway() : Ipv4Address::GetAny();
    }

    /**
     * \brief Shortest-path forwarding everywhere: for every router s and every link L not
     * attached to s, packets to L go to a neighbour one hop closer to L; a failed link's subnet
     * has no route.
     */
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
                Ipv4Address gw = NextHop(s, e.addrA, found);
                if (md >= kUnreachable)
                {
                    if (found)
                    {
                        return Fail(why, s, e, "has a route to a dead subnet");
                    }
                    continue;
                }
                if (!found || gw == Ipv4Address::GetAny())
                {
                    return Fail(why, s, e, "no route");
                }
                auto o = owner.find(gw.Get());
                if (o == owner.end())
                {
                    return Fail(why, s, e, "gateway is not a router");
                }
                std::vector<int> dn = Dist(o->second);
                if (MinDist(dn, e) != md - 1)
                {
                    return Fail(why, s, e, "not a shortest path");
                }
            }
        }
        return true;
    }

    /**
     * \brief The RTM tables: every link not attached to a router has a best unicast route owned
     * by its RIP client with metric 1 + hops to the link; attached links have the connected
     * route as best.
     */
    bool RtmTablesOk(std::string* why = nullptr) const
    {
        for (uint32_t s = 0; s < nodes.GetN(); ++s)
        {
            Ptr<RtmRipClient> c = RtmRipHelper::GetRipClient(nodes.Get(s));
            if (!c)
            {
                return Fail(why, s, edges.front(), "no RIP client");
            }
            Ptr<RtmRegistration> reg = c->GetRegistration();
            std::vector<int> d = Dist(s);
            for (const auto& e : edges)
            {
                RtmDestInfo info;
                RtmStatus st = reg->GetExactMatchDestination(e.prefix,
                                                             RTM_BEST_PROTOCOL,
                                                             RTM_VIEW_MASK_UCAST,
                                                             info);
                int md = MinDist(d, e);
                if (md >= kUnreachable)
                {
                    if (st == RtmStatus::Success)
                    {
                        return Fail(why, s, e, "dead subnet still in the table");
                    }
                    continue;
                }
                if (st != RtmStatus::Success || info.viewInfo.empty() ||
                    info.viewInfo[0].route.IsNull())
                {
                    return Fail(why, s, e, "not in the RTM");
                }
                bool mine = info.viewInfo[0].owner == reg->GetEntityHandle();
                if (md == 0)
                {
                    if (mine)
                    {
                        return Fail(why, s, e, "connected subnet owned by RIP");
                    }
                    continue;
                }
                RtmRouteInfo ri;
                reg->GetRouteInfo(info.viewInfo[0].route, &ri);
                if (!mine || ri.prefInfo.metric != static_cast<uint32_t>(md + 1) ||
                    ri.prefInfo.preference != 120)
                {
                    std::ostringstream os;
                    os << "best route: mine " << mine << " metric " << ri.prefInfo.metric
                       << " preference " << ri.prefInfo.preference << ", expected metric "
                       << md + 1;
                    return Fail(why, s, e, os.str());
                }
            }
        }
        return true;
    }

    /// Fail link \p k at \p at (both interfaces down), or bring it back (\p up).
    void ScheduleLink(uint32_t k, Time at, bool up)
    {
        RtmSchedule(at, [this, k, up]() {
            Edge& e = edges[k];
            Ptr<Ipv4> ia = nodes.Get(e.a)->GetObject<Ipv4>();
            Ptr<Ipv4> ib = nodes.Get(e.b)->GetObject<Ipv4>();
            e.up = up;
            if (up)
            {
                ia->SetUp(e.ifA);
                ib->SetUp(e.ifB);
            }
            else
            {
                ia->SetDown(e.ifA);
                ib->SetDown(e.ifB);
            }
        });
    }

    NodeContainer nodes;                //!< routers
    std::vector<Edge> edges;            //!< links
    std::map<uint32_t, uint32_t> owner; //!< address -> router

  private:
    static bool Fail(std::string* why, uint32_t s, const Edge& e, const std::string& what)
    {
        if (why != nullptr)
        {
            std::ostringstream os;
            os << "node " << s << ", link " << e.prefix << ": " << what;
            *why = os.str();
        }
        return false;
    }

    Stack m_stack{Stack::Rtm}; //!< the routing in use
};

/**
 * Samples a predicate every \p step from \p from to \p until and remembers the last time it was
 * false: the convergence time is the first sample after which it stayed true.
 */
class Poller
{
  public:
    Poller(std::function<bool()> ok, Time from, Time step, Time until)
        : m_ok(std::move(ok)),
          m_from(from),
          m_step(step)
    {
        for (Time t = from; t <= until; t += step)
        {
            Simulator::Schedule(t, &Poller::Sample, this);
        }
    }

    /// \return seconds from the start until the predicate held for good (< 0: it never did)
    double Converged() const
    {
        if (!m_lastOk)
        {
            return -1;
        }
        return m_everBad ? (m_lastBad + m_step - m_from).GetSeconds() : 0.0;
    }

  private:
    void Sample()
    {
        m_lastOk = m_ok();
        if (!m_lastOk)
        {
            m_lastBad = Simulator::Now();
            m_everBad = true;
        }
    }

    std::function<bool()> m_ok; //!< the predicate
    Time m_from;                //!< start
    Time m_step;                //!< sampling period
    Time m_lastBad;             //!< last false sample
    bool m_everBad{false};      //!< some sample was false
    bool m_lastOk{false};       //!< the last sample
};

/// A UDP sink counting packets.
class Sink
{
  public:
    Sink(Ptr<Node> node, uint16_t port)
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        m_socket->SetRecvCallback(MakeCallback(&Sink::Recv, this));
    }

    uint32_t received{0}; //!< packets

  private:
    void Recv(Ptr<Socket> s)
    {
        while (s->Recv())
        {
            ++received;
        }
    }

    Ptr<Socket> m_socket; //!< the socket
};

/// Send one UDP packet from \p node to dst:port at \p at. \param sent counts the successes
void
SendUdpAt(Ptr<Node> node, Ipv4Address dst, uint16_t port, Time at, uint32_t* sent)
{
    RtmScheduleWithContext(node->GetId(), at, [node, dst, port, sent]() {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s->Bind();
        if (s->SendTo(Create<Packet>(64), 0, InetSocketAddress(dst, port)) >= 0)
        {
            ++*sent;
        }
        s->Close();
    });
}

/**
 * Every router sends one UDP packet to an address of every other router at \p at.
 * \return (sent, received) after running to at + 2 s
 */
std::pair<uint32_t, uint32_t>
AllPairsUdp(Scenario& sc, Time at)
{
    std::vector<std::unique_ptr<Sink>> sinks;
    std::vector<Ipv4Address> addr(sc.nodes.GetN());
    for (uint32_t i = 0; i < sc.nodes.GetN(); ++i)
    {
        sinks.push_back(std::make_unique<Sink>(sc.nodes.Get(i), 9));
    }
    for (const auto& kv : sc.owner)
    {
        addr[kv.second] = Ipv4Address(kv.first); // any address of the router
    }
    uint32_t sent = 0;
    for (uint32_t s = 0; s < sc.nodes.GetN(); ++s)
    {
        for (uint32_t t = 0; t < sc.nodes.GetN(); ++t)
        {
            if (s != t)
            {
                SendUdpAt(sc.nodes.Get(s), addr[t], 9, at, &sent);
            }
        }
    }
    Simulator::Stop(at + Seconds(2));
    Simulator::Run();
    uint32_t received = 0;
    for (const auto& k : sinks)
    {
        received += k->received;
    }
    return {sent, received};
}

/// Result of one convergence run.
struct Convergence
{
    double initial{-1};     //!< seconds to converge from the start
    double afterFail{-1};   //!< seconds to reconverge after the failure (if any)
    double afterRepair{-1}; //!< seconds to reconverge after the repair (if any)
    bool tablesOk{false};   //!< RTM tables as expected at the end (RTM only)
    std::string why;        //!< first discrepancy at the end
    uint32_t sent{0};       //!< UDP packets sent at the end
    uint32_t received{0};   //!< and received
};

/**
 * \brief Run RIP on a topology: converge, optionally fail a link at \p failAt and repair it at
 * \p repairAt, then check tables and UDP delivery.
 * \param strictHold the RTM client's StrictHoldDown
 */
Convergence
RunTopology(Stack stack,
            uint32_t n,
            const std::vector<std::pair<uint32_t, uint32_t>>& links,
            int failLink = -1,
            Time failAt = Seconds(0),
            Time repairAt = Seconds(0),
            bool strictHold = true,
            Time end = Seconds(60))
{
    Fresh();
    Scenario sc;
    sc.Build(n, links, stack);
    if (stack == Stack::Rtm)
    {
        RtmRipHelper rip;
        rip.Set("StrictHoldDown", BooleanValue(strictHold));
        sc.InstallRtmRip(rip);
    }
    else
    {
        sc.AssignNs3Streams();
    }
    Time step = MilliSeconds(100);
    auto ok = [&sc]() { return sc.ForwardingOk(); };
    Time firstEnd = failLink >= 0 ? failAt - step : end;
    Poller initial(ok, Seconds(0), step, firstEnd);
    std::unique_ptr<Poller> afterFail;
    std::unique_ptr<Poller> afterRepair;
    if (failLink >= 0)
    {
        sc.ScheduleLink(failLink, failAt, false);
        Time failEnd = repairAt > failAt ? repairAt - step : end;
        afterFail = std::make_unique<Poller>(ok, failAt, step, failEnd);
        if (repairAt > failAt)
        {
            sc.ScheduleLink(failLink, repairAt, true);
            afterRepair = std::make_unique<Poller>(ok, repairAt, step, end);
        }
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
    else if (stack == Stack::Rtm)
    {
        c.tablesOk = sc.RtmTablesOk(&c.why);
    }
    auto udp = AllPairsUdp(sc, end + Seconds(1));
    c.sent = udp.first;
    c.received = udp.second;
    Simulator::Destroy();
    return c;
}

/// Links of a line 0-1-...-(n-1).
std::vector<std::pair<uint32_t, uint32_t>>
Line(uint32_t n)
{
    std::vector<std::pair<uint32_t, uint32_t>> l;
    for (uint32_t i = 0; i + 1 < n; ++i)
    {
        l.emplace_back(i, i + 1);
    }
    return l;
}

/// Links of a ring of n.
std::vector<std::pair<uint32_t, uint32_t>>
Ring(uint32_t n)
{
    std::vector<std::pair<uint32_t, uint32_t>> l = Line(n);
    l.emplace_back(n - 1, 0);
    return l;
}

/// Links of a w x h grid (a partial mesh), plus two diagonals.
std::vector<std::pair<uint32_t, uint32_t>>
Mesh(uint32_t w, uint32_t h)
{
    std::vector<std::pair<uint32_t, uint32_t>> l;
    for (uint32_t y = 0; y < h; ++y)
    {
        for (uint32_t x = 0; x < w; ++x)
        {
            uint32_t i = y * w + x;
            if (x + 1 < w)
            {
                l.emplace_back(i, i + 1);
            }
            if (y + 1 < h)
            {
                l.emplace_back(i, i + w);
            }
        }
    }
    l.emplace_back(0, w + 1);
    l.emplace_back(w * h - 1, w * h - w - 2);
    return l;
}

/// Converge a topology with both implementations, check and print.
void
CompareConvergence(const std::string& name,
                   uint32_t n,
                   const std::vector<std::pair<uint32_t, uint32_t>>& links)
{
    Convergence rtm = RunTopology(Stack::Rtm, n, links);
    Convergence ns3rip = RunTopology(Stack::Ns3Rip, n, links);
    std::cout << "[rip] " << name << " (" << n << " routers, " << links.size()
              << " links): convergence RTM RIP " << rtm.initial << " s, ns-3 Rip " << ns3rip.initial
              << " s" << std::endl;
    EXPECT_GE(rtm.initial, 0) << rtm.why;
    EXPECT_TRUE(rtm.tablesOk) << rtm.why;
    EXPECT_EQ(rtm.sent, n * (n - 1));
    EXPECT_EQ(rtm.received, rtm.sent) << "UDP over RIP routes";
    // Triggered updates spread the tables long before the first periodic update.
    EXPECT_LT(rtm.initial, 30.0);
    EXPECT_GE(ns3rip.initial, 0) << "ns-3 Rip (the reference) converges too: " << ns3rip.why;
    EXPECT_EQ(ns3rip.received, ns3rip.sent);
}

TEST(RtmRipTest, LineConvergesToHopCountPaths)
{
    CompareConvergence("line", 6, Line(6));
}

TEST(RtmRipTest, RingConvergesToHopCountPaths)
{
    CompareConvergence("ring", 7, Ring(7));
}

TEST(RtmRipTest, MeshConvergesToHopCountPaths)
{
    CompareConvergence("mesh", 12, Mesh(4, 3));
}

TEST(RtmRipTest, LinkFailureReconvergesWithinTheRfcTimers)
{
    // A 3x3 mesh; the link 4-5 (centre to the east side) fails at 100 s and comes back at 400 s.
    std::vector<std::pair<uint32_t, uint32_t>> links = Mesh(3, 3);
    int fail = -1;
    for (uint32_t k = 0; k < links.size(); ++k)
    {
        if (links[k] == std::make_pair(4u, 5u))
        {
            fail = static_cast<int>(k);
        }
    }
    ASSERT_GE(fail, 0);
    Time failAt = Seconds(100);
    Time repairAt = Seconds(400);
    Time end = Seconds(700);
    Convergence strict = RunTopology(Stack::Rtm, 9, links, fail, failAt, repairAt, true, end);
    Convergence rfc = RunTopology(Stack::Rtm, 9, links, fail, failAt, repairAt, false, end);
    Convergence ns3rip = RunTopology(Stack::Ns3Rip, 9, links, fail, failAt, repairAt, true, end);
    std::cout << "[rip] mesh 3x3, link 4-5 down at 100 s, up at 400 s: reconvergence after the "
                 "failure RTM RIP "
              << strict.afterFail << " s (strict hold-down), " << rfc.afterFail
              << " s (RFC garbage collection), ns-3 Rip " << ns3rip.afterFail
              << " s; after the repair " << strict.afterRepair << " / " << rfc.afterRepair << " / "
              << ns3rip.afterRepair << " s" << std::endl;
    // The failure is seen at once (interfaces down): the routes through it are deleted and held;
    // in the worst case a router waits for the end of a hold (GarbageCollectionDelay) and the
    // news then travels by triggered updates (at most MaxTriggeredCooldown per hop, diameter
    // hops), or by the next periodic update (UpdateInterval + UpdateJitter).
    const double gc = 120;
    const double periodic = 30 + 5;
    const double cooldown = 5;
    const double diameter = 4;
    const double bound = gc + std::max(periodic, cooldown * diameter);
    for (const Convergence* c : {&strict, &rfc})
    {
        EXPECT_GE(c->afterFail, 0) << c->why;
        EXPECT_LE(c->afterFail, bound);
        EXPECT_GE(c->afterRepair, 0) << c->why;
        // A new link: triggered updates only.
        EXPECT_LE(c->afterRepair, cooldown * (diameter + 1) + 1);
        EXPECT_TRUE(c->tablesOk) << c->why;
        EXPECT_EQ(c->received, c->sent);
    }
    EXPECT_LE(rfc.afterFail, periodic + cooldown * diameter)
        << "without strict hold-down no router waits for a hold";
    // ns-3's Rip is only the reference here, not checked: in this scenario (ns-3.37) it keeps
    // forwarding on a metric-16 route to the dead link's subnet (an RTE of metric 16 from another
    // neighbour replaces its invalid route as a valid one), so it may never pass the check.
    if (ns3rip.afterFail < 0)
    {
        std::cout << "[rip] ns-3 Rip did not reconverge between the failure and the repair"
                  << std::endl;
    }
}

/// Best unicast route of \p prefix at a router, as (metric, owned by RIP), metric 0 if none.
std::pair<uint32_t, bool>
Best(Ptr<Node> node, const RtmNetAddress& prefix)
{
    Ptr<RtmRipClient> c = RtmRipHelper::GetRipClient(node);
    RtmDestInfo info;
    if (!c ||
        c->GetRegistration()->GetExactMatchDestination(prefix,
                                                       RTM_BEST_PROTOCOL,
                                                       RTM_VIEW_MASK_UCAST,
                                                       info) != RtmStatus::Success ||
        info.viewInfo.empty() || info.viewInfo[0].route.IsNull())
    {
        return {0, false};
    }
    RtmRouteInfo ri;
    c->GetRegistration()->GetRouteInfo(info.viewInfo[0].route, &ri);
    return {ri.prefInfo.metric, info.viewInfo[0].owner == c->GetRegistration()->GetEntityHandle()};
}

/// \return true if \p prefix is held (hold route, no live route in the unicast view)
bool
Held(Ptr<Node> node, const RtmNetAddress& prefix)
{
    Ptr<RtmRipClient> c = RtmRipHelper::GetRipClient(node);
    RtmDestInfo info;
    if (c->GetRegistration()->GetExactMatchDestination(prefix,
                                                       RTM_BEST_PROTOCOL,
                                                       RTM_VIEW_MASK_ANY,
                                                       info) != RtmStatus::Success)
    {
        return false;
    }
    RtmDestInfo u;
    c->GetRegistration()->GetDestInfo(info.destHandle, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, u);
    return !u.viewInfo.empty() && !u.viewInfo[0].holdRoute.IsNull();
}

/// \return true if \p prefix exists in the table at all (live or held)
bool
Known(Ptr<Node> node, const RtmNetAddress& prefix)
{
    Ptr<RtmRipClient> c = RtmRipHelper::GetRipClient(node);
    RtmDestInfo info;
    return c->GetRegistration()->GetExactMatchDestination(prefix,
                                                          RTM_BEST_PROTOCOL,
                                                          RTM_VIEW_MASK_ANY,
                                                          info) == RtmStatus::Success;
}

/**
 * A line A(0) - B(1) - C(2) - D(3): D is a host without RIP behind C; its link (the "network
 * N" of C) goes down at \p failAt. The metrics of N in the RTMs of A, B and C are sampled every
 * 100 ms.
 */
struct CountScenario
{
    Scenario sc;
    RtmNetAddress n;                           //!< C's network toward D
    std::vector<std::vector<uint32_t>> series; //!< per router: metric samples (0: no route)
    std::vector<Time> times;                   //!< sample times

    void Run(RtmRipClient::SplitHorizonMode mode, Time failAt, Time end)
    {
        Fresh();
        sc.Build(4, Line(4), Stack::Rtm);
        n = sc.edges[2].prefix;
        RtmRipHelper rip;
        rip.Set("SplitHorizon", EnumValue(mode));
        rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)));
        rip.AssignStreams(sc.nodes, 100);
        sc.ScheduleLink(2, failAt, false);
        series.assign(3, {});
        for (Time t = Seconds(0); t < end; t += MilliSeconds(100))
        {
            RtmSchedule(t, [this]() {
                times.push_back(Simulator::Now());
                for (uint32_t r = 0; r < 3; ++r)
                {
                    series[r].push_back(Best(sc.nodes.Get(r), n).first);
                }
            });
        }
        Simulator::Stop(end);
        Simulator::Run();
    }

    /// \return the largest metric router \p r had for N at or after \p from
    uint32_t MaxFrom(uint32_t r, Time from) const
    {
        uint32_t m = 0;
        for (std::size_t i = 0; i < times.size(); ++i)
        {
            if (times[i] >= from)
            {
                m = std::max(m, series[r][i]);
            }
        }
        return m;
    }

    /// \return the metric of router \p r for N at time \p t (sample just before)
    uint32_t At(uint32_t r, Time t) const
    {
        uint32_t m = 0;
        for (std::size_t i = 0; i < times.size() && times[i] <= t; ++i)
        {
            m = series[r][i];
        }
        return m;
    }

    /// \return the last time any router had a live route to N
    Time LastLive() const
    {
        Time last;
        for (std::size_t i = 0; i < times.size(); ++i)
        {
            for (uint32_t r = 0; r < 3; ++r)
            {
                if (series[r][i] != 0)
                {
                    last = times[i];
                }
            }
        }
        return last;
    }

    /// \return the distinct metrics router \p r had after \p from, in order of appearance
    std::vector<uint32_t> Distinct(uint32_t r, Time from) const
    {
        std::vector<uint32_t> out;
        for (std::size_t i = 0; i < times.size(); ++i)
        {
            if (times[i] >= from && series[r][i] != 0 &&
                std::find(out.begin(), out.end(), series[r][i]) == out.end())
            {
                out.push_back(series[r][i]);
            }
        }
        return out;
    }
};

std::string
Join(const std::vector<uint32_t>& v)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < v.size(); ++i)
    {
        os << (i ? " " : "") << v[i];
    }
    return os.str();
}

TEST(RtmRipTest, CountToInfinityWithoutSplitHorizon)
{
    CountScenario cs;
    Time failAt = Seconds(60);
    cs.Run(RtmRipClient::NO_SPLIT_HORIZON, failAt, Seconds(420));
    // Before: C has it connected, B at metric 2, A at 3.
    EXPECT_EQ(cs.At(0, failAt - Seconds(1)), 3u);
    EXPECT_EQ(cs.At(1, failAt - Seconds(1)), 2u);
    std::cout << "[rip] no split horizon, N lost at 60 s: metrics of N at A: "
              << Join(cs.Distinct(0, failAt)) << "; at B: " << Join(cs.Distinct(1, failAt))
              << "; at C: " << Join(cs.Distinct(2, failAt)) << "; last live route at "
              << cs.LastLive().GetSeconds() << " s" << std::endl;
    // The routers count up to infinity: B learns N back from A and C learns it from B, and each
    // round adds to the metric until 16 is reached.
    uint32_t top = std::max({cs.MaxFrom(0, failAt), cs.MaxFrom(1, failAt), cs.MaxFrom(2, failAt)});
    EXPECT_GE(top, 14u) << "counted up to infinity";
    EXPECT_LE(top, 15u) << "a metric of 16 is unreachable, never a live route";
    EXPECT_GE(cs.Distinct(0, failAt).size() + cs.Distinct(1, failAt).size(), 8u);
    // ... and stop: no live route left, and after the hold (120 s) nothing at all.
    EXPECT_LT(cs.LastLive(), failAt + Seconds(150));
    EXPECT_EQ(cs.At(0, Seconds(419)) + cs.At(1, Seconds(419)) + cs.At(2, Seconds(419)), 0u);
    for (uint32_t r = 0; r < 3; ++r)
    {
        EXPECT_FALSE(Known(cs.sc.nodes.Get(r), cs.n)) << "router " << r;
    }
    Simulator::Destroy();
}

TEST(RtmRipTest, NoCountToInfinityWithPoisonReverseOrSplitHorizon)
{
    for (auto mode : {RtmRipClient::POISON_REVERSE, RtmRipClient::SPLIT_HORIZON})
    {
        CountScenario cs;
        Time failAt = Seconds(60);
        cs.Run(mode, failAt, Seconds(300));
        EXPECT_EQ(cs.At(0, failAt - Seconds(1)), 3u);
        EXPECT_EQ(cs.At(1, failAt - Seconds(1)), 2u);
        EXPECT_LE(cs.MaxFrom(0, failAt), 3u) << "mode " << mode;
        EXPECT_LE(cs.MaxFrom(1, failAt), 2u) << "mode " << mode;
        EXPECT_EQ(cs.MaxFrom(2, failAt + Seconds(0.1)), 0u) << "C never learns N back";
        // The loss travels by triggered updates: two hops.
        EXPECT_LE(cs.LastLive(), failAt + Seconds(10)) << "mode " << mode;
        std::cout << "[rip] split horizon mode " << mode << ": N unreachable everywhere "
                  << (cs.LastLive() - failAt).GetSeconds() + 0.1 << " s after the loss"
                  << std::endl;
        Simulator::Destroy();
    }
}

TEST(RtmRipTest, RouteTimeoutAndGarbageCollectionThroughTheRtm)
{
    // A - B - C - D(host). At 60 s A stops hearing B (every packet from B is lost): A's routes
    // through B time out 180 s after the last update (TTL + RTM_ROUTE_EXPIRED), are then held
    // for 120 s (RtmHoldDestination) and advertised as unreachable, and go.
    Fresh();
    Scenario sc;
    sc.Build(4, Line(4), Stack::Rtm);
    RtmRipHelper rip;
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)));
    rip.AssignStreams(sc.nodes, 100);
    Ptr<RtmRipClient> a = RtmRipHelper::GetRipClient(sc.nodes.Get(0));
    RtmNetAddress bc = sc.edges[1].prefix;
    RtmNetAddress n = sc.edges[2].prefix;
    Time t0 = Seconds(60);
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(1.0));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    Ptr<NetDevice> devA = sc.edges[0].devA;
    RtmSchedule(t0, [devA, em]() { devA->SetAttribute("ReceiveErrorModel", PointerValue(em)); });
    std::map<std::string, std::pair<uint32_t, bool>> seen;
    std::map<std::string, bool> held;
    auto probe = [&](const std::string& label) {
        seen[label] = Best(sc.nodes.Get(0), n);
        held[label] = Held(sc.nodes.Get(0), n);
    };
    RtmSchedule(t0 - Seconds(1), [&]() { probe("before"); });
    RtmSchedule(t0 + Seconds(140), [&]() { probe("t0+140"); });
    RtmSchedule(t0 + Seconds(181), [&]() { probe("t0+181"); });
    RtmSchedule(t0 + Seconds(301), [&]() { probe("t0+301"); });
    uint64_t expiredAt140 = 0;
    RtmSchedule(t0 + Seconds(140), [&]() { expiredAt140 = a->GetRoutesExpired(); });
    Simulator::Stop(t0 + Seconds(302));
    Simulator::Run();
    EXPECT_EQ(seen["before"], std::make_pair(3u, true));
    // The last update from B arrived in (t0 - 35 s, t0]: still valid 140 s later.
    EXPECT_EQ(seen["t0+140"], std::make_pair(3u, true));
    EXPECT_EQ(expiredAt140, 0u);
    // 181 s later it has timed out: no live route, the destination is held (garbage collection).
    EXPECT_EQ(seen["t0+181"].first, 0u);
    EXPECT_TRUE(held["t0+181"]);
    EXPECT_GE(a->GetRoutesExpired(), 2u) << "routes to B-C and to N expired";
    // 120 s of hold later, nothing is left.
    EXPECT_EQ(seen["t0+301"].first, 0u);
    EXPECT_FALSE(held["t0+301"]);
    EXPECT_FALSE(Known(sc.nodes.Get(0), n));
    EXPECT_FALSE(Known(sc.nodes.Get(0), bc));
    EXPECT_EQ(a->GetNRoutes(), 0u);
    EXPECT_EQ(a->GetNNextHops(), 0u) << "the neighbour's next hop is gone with its routes";
    // B never stopped hearing A: B still has everything.
    EXPECT_EQ(Best(sc.nodes.Get(1), n), std::make_pair(2u, true));
    Simulator::Destroy();
}

TEST(RtmRipTest, InterfaceDownWithdrawsAndHoldsThenRelearns)
{
    // A - B - C: B's interface toward C goes down at 30 s and up at 200 s.
    Fresh();
    Scenario sc;
    sc.Build(3, Line(3), Stack::Rtm);
    RtmRipHelper rip;
    rip.Set("MaxTriggeredCooldown", TimeValue(Seconds(2)));
    sc.InstallRtmRip(rip);
    RtmNetAddress bc = sc.edges[1].prefix;
    Ptr<Node> a = sc.nodes.Get(0);
    Ptr<Node> b = sc.nodes.Get(1);
    Ptr<RtmRipClient> rb = RtmRipHelper::GetRipClient(b);
    std::vector<uint32_t> ifsBefore;
    std::vector<uint32_t> ifsDown;
    RtmSchedule(Seconds(29), [&]() { ifsBefore = rb->GetRipInterfaces(); });
    sc.ScheduleLink(1, Seconds(30), false);
    RtmSchedule(Seconds(31), [&]() { ifsDown = rb->GetRipInterfaces(); });
    std::pair<uint32_t, bool> atA29{};
    std::pair<uint32_t, bool> atA40{};
    bool heldA40 = false;
    RtmSchedule(Seconds(29), [&]() { atA29 = Best(a, bc); });
    RtmSchedule(Seconds(40), [&]() {
        atA40 = Best(a, bc);
        heldA40 = Held(a, bc);
    });
    sc.ScheduleLink(1, Seconds(200), true);
    Simulator::Stop(Seconds(230));
    Simulator::Run();
    EXPECT_EQ(ifsBefore, (std::vector<uint32_t>{sc.edges[0].ifB, sc.edges[1].ifA}));
    EXPECT_EQ(ifsDown, (std::vector<uint32_t>{sc.edges[0].ifB}));
    EXPECT_EQ(atA29, std::make_pair(2u, true));
    EXPECT_EQ(atA40.first, 0u) << "withdrawn: B advertised it with metric 16";
    EXPECT_TRUE(heldA40);
    std::string why;
    EXPECT_TRUE(sc.RtmTablesOk(&why)) << why << " (relearned after the interface came back)";
    EXPECT_EQ(RtmRipHelper::GetRipClient(b)->GetRipInterfaces().size(), 2u);
    Simulator::Destroy();
}

TEST(RtmRipTest, SeveralClientsOnOneNode)
{
    // X(0) - Y(1) - Z(2) - S(3, host). Network P = Z-S. X has connected, static and RIP routes.
    Fresh();
    Scenario sc;
    sc.Build(4, Line(4), Stack::Rtm);
    RtmRipHelper rip;
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)));
    rip.AssignStreams(sc.nodes, 100);
    Ptr<Node> x = sc.nodes.Get(0);
    RtmNetAddress p = sc.edges[2].prefix;
    RtmNetAddress xy = sc.edges[0].prefix;
    std::string gw = "10.0.1.2"; // Y on X-Y
    uint32_t ifX = sc.edges[0].ifA;
    Ptr<RtmRipClient> rx = RtmRipHelper::GetRipClient(x);

    struct Probe
    {
        std::pair<uint32_t, bool> best;
        uint32_t owner{0};
        uint32_t numRoutes{0};
        uint32_t preference{0};
    };

    auto probe = [&](const RtmNetAddress& prefix) {
        Probe pr;
        Ptr<RtmRegistration> reg = rx->GetRegistration();
        RtmDestInfo info;
        if (reg->GetExactMatchDestination(prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info) !=
            RtmStatus::Success)
        {
            return pr;
        }
        pr.numRoutes = info.viewInfo[0].numRoutes;
        RtmEntityInfo ei;
        reg->GetEntityInfo(info.viewInfo[0].owner, ei);
        pr.owner = ei.entityId.entityProtocolId;
        RtmRouteInfo ri;
        reg->GetRouteInfo(info.viewInfo[0].route, &ri);
        pr.preference = ri.prefInfo.preference;
        pr.best = Best(x, prefix);
        return pr;
    };
    std::map<std::string, Probe> at;
    RtmSchedule(Seconds(20), [&]() {
        at["rip only"] = probe(p);
        ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(x, p.ToString(), gw, ifX), RtmStatus::Success);
        // A static route for a connected prefix does not beat the connected route (1 < 3).
        ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(x, xy.ToString(), gw, ifX), RtmStatus::Success);
        at["static added"] = probe(p);
        at["connected"] = probe(xy);
    });
    RtmSchedule(Seconds(25), [&]() {
        ASSERT_EQ(RtmStaticRoutingHelper::RemoveRoute(x, p.ToString()), RtmStatus::Success);
        at["static removed"] = probe(p);
    });
    Sink sink(sc.nodes.Get(3), 9);
    uint32_t sent = 0;
    Ipv4Address dst = sc.edges[2].addrB;
    SendUdpAt(x, dst, 9, Seconds(22), &sent); // through the static route
    SendUdpAt(x, dst, 9, Seconds(27), &sent); // through RIP's
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(at["rip only"].owner, RTM_PROTO_IP_RIP);
    EXPECT_EQ(at["rip only"].best, std::make_pair(3u, true));
    EXPECT_EQ(at["rip only"].numRoutes, 1u);
    EXPECT_EQ(at["rip only"].preference, 120u);
    EXPECT_EQ(at["static added"].owner, RTM_PROTO_IP_NETMGMT) << "static (3) beats RIP (120)";
    EXPECT_EQ(at["static added"].preference, 3u);
    EXPECT_EQ(at["static added"].numRoutes, 2u) << "RIP's route is still there, not best";
    EXPECT_EQ(at["connected"].owner, RTM_PROTO_IP_LOCAL) << "connected (1) beats static (3)";
    EXPECT_EQ(at["connected"].numRoutes, 2u);
    EXPECT_EQ(at["static removed"].owner, RTM_PROTO_IP_RIP) << "RIP's route is promoted";
    EXPECT_EQ(at["static removed"].best, std::make_pair(3u, true));
    EXPECT_EQ(at["static removed"].numRoutes, 1u);
    EXPECT_EQ(sent, 2u);
    EXPECT_EQ(sink.received, 2u);
    Simulator::Destroy();
}

TEST(RtmRipTest, RedistributesStaticRoutesExactlyWhenThePolicySaysSo)
{
    // X(0) - Y(1), and a host H(2) behind X. X has a static route to 192.168.50.0/24 via H.
    // RedistributeStatic is false at first, true from 60 s, false again from 150 s.
    Fresh();
    Scenario sc;
    sc.Build(3, {{0, 1}, {0, 2}}, Stack::Rtm);
    RtmRipHelper rip;
    rip.ExcludeInterface(sc.nodes.Get(0), sc.edges[1].ifA); // no RIP toward the host
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1)));
    rip.AssignStreams(sc.nodes, 100);
    Ptr<Node> x = sc.nodes.Get(0);
    Ptr<Node> y = sc.nodes.Get(1);
    RtmNetAddress q = Pfx("192.168.50.0/24");
    RtmNetAddress xh = sc.edges[1].prefix;
    ASSERT_EQ(RtmStaticRoutingHelper::AddRoute(x,
                                               "192.168.50.0/24",
                                               "10.0.2.2", // H on X-H
                                               sc.edges[1].ifA),
              RtmStatus::Success);
    Ptr<RtmRipClient> rx = RtmRipHelper::GetRipClient(x);
    std::map<std::string, std::pair<uint32_t, bool>> atY;
    std::map<std::string, std::pair<uint32_t, bool>> connectedAtY;
    auto probe = [&](const std::string& label) {
        atY[label] = Best(y, q);
        connectedAtY[label] = Best(y, xh);
    };
    RtmSchedule(Seconds(59), [&]() { probe("off"); });
    RtmSchedule(Seconds(60), [&]() { rx->SetAttribute("RedistributeStatic", BooleanValue(true)); });
    // The policy is applied when the table is next read: the periodic update (30 s +- 5 s).
    RtmSchedule(Seconds(60 + 36), [&]() { probe("on"); });
    RtmSchedule(Seconds(150),
                [&]() { rx->SetAttribute("RedistributeStatic", BooleanValue(false)); });
    RtmSchedule(Seconds(150 + 36), [&]() { probe("off again"); });
    Simulator::Stop(Seconds(190));
    Simulator::Run();
    EXPECT_EQ(atY["off"].first, 0u) << "Y must not learn the static prefix";
    EXPECT_EQ(atY["on"], std::make_pair(2u, true)) << "Y learns it from X with metric 1 + 1";
    EXPECT_EQ(atY["off again"].first, 0u) << "withdrawn (metric 16) when the policy changed";
    EXPECT_TRUE(Held(y, q)) << "and held at Y for the garbage-collection time";
    // Connected routes are redistributed by default, also from the excluded interface.
    for (const auto& kv : connectedAtY)
    {
        EXPECT_EQ(kv.second, std::make_pair(2u, true)) << kv.first;
    }
    Simulator::Destroy();
}

/**
 * Put a hand-made UDP datagram (\p payload) from src:sport to dst:dport on the wire of \p dev,
 * as a broken or hostile neighbour (or a spoofer) would.
 */
void
InjectUdp(Time at,
          Ptr<NetDevice> dev,
          Ipv4Address src,
          uint16_t sport,
          Ipv4Address dst,
          uint16_t dport,
          const std::vector<uint8_t>& payload)
{
    Ptr<Packet> p = Create<Packet>(payload.data(), static_cast<uint32_t>(payload.size()));
    UdpHeader u;
    u.SetSourcePort(sport);
    u.SetDestinationPort(dport);
    p->AddHeader(u);
    Ipv4Header h;
    h.SetSource(src);
    h.SetDestination(dst);
    h.SetProtocol(17);
    h.SetTtl(1);
    h.SetPayloadSize(p->GetSize());
    p->AddHeader(h);
    RtmScheduleWithContext(dev->GetNode()->GetId(), at, [dev, p]() {
        dev->Send(p, dev->GetBroadcast(), Ipv4L3Protocol::PROT_NUMBER);
    });
}

/// \return the bytes of a RIP message
std::vector<uint8_t>
MessageBytes(const RtmRipHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

TEST(RtmRipTest, MalformedMessagesAreCountedAndIgnoredRequestsAreAnswered)
{
    // R(0) runs RIP with a RIP neighbour N(1) and a neighbour T(2) that does not run RIP: T sends
    // garbage, spoofed and valid messages, and requests.
    Fresh();
    Scenario sc;
    sc.Build(3, {{0, 1}, {0, 2}}, Stack::Rtm);
    RtmRipHelper rip;
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1)));
    rip.AssignStreams(sc.nodes, 100);
    Ptr<Node> r = sc.nodes.Get(0);
    Ptr<Node> t = sc.nodes.Get(2);
    Ptr<RtmRipClient> rr = RtmRipHelper::GetRipClient(r);
    uint32_t traced = 0;
    std::vector<std::string> reasons;
    rr->TraceConnectWithoutContext(
        "Malformed",
        Callback<void, Ptr<const Packet>, Ipv4Address, uint32_t, const std::string&>(
            [&](Ptr<const Packet>, Ipv4Address from, uint32_t, const std::string& why) {
                ++traced;
                reasons.push_back(why);
            }));
    Ipv4Address rAddr = sc.edges[1].addrA; // R on R-T
    Ipv4Address tAddr = sc.edges[1].addrB;
    Ptr<NetDevice> tDev = sc.edges[1].devB;

    std::vector<std::vector<uint8_t>> garbage;
    garbage.push_back({});                                   // empty
    garbage.push_back({2, 2, 0});                            // short
    garbage.push_back({7, 2, 0, 0});                         // bad command
    garbage.push_back({2, 1, 0, 0});                         // RIPv1
    garbage.push_back({2, 2, 0, 9});                         // must-be-zero
    garbage.push_back(std::vector<uint8_t>(4 + 20 * 26, 0)); // too long
    garbage.back()[0] = 2;
    garbage.back()[1] = 2;
    RtmRipHeader good;
    good.SetCommand(RtmRipHeader::RESPONSE);
    RtmRipHeader::Entry e;
    e.address = Ipv4Address("172.16.0.0");
    e.mask = Ipv4Mask("255.255.0.0");
    e.metric = 1;
    good.AddEntry(e);
    std::vector<uint8_t> g = MessageBytes(good);
    std::vector<uint8_t> bad = g;
    bad[23] = 0; // metric 0
    garbage.push_back(bad);
    bad = g;
    bad[23] = 17; // metric 17
    garbage.push_back(bad);
    bad = g;
    bad[15] = 0xff; // mask 255.255.0.255
    garbage.push_back(bad);
    bad = g;
    bad[11] = 1; // 172.16.0.1/16
    garbage.push_back(bad);
    bad = g;
    bad[5] = 1; // AFI 1
    garbage.push_back(bad);
    bad = g;
    bad.pop_back(); // 23 bytes
    garbage.push_back(bad);
    std::vector<uint8_t> noise(200);
    for (std::size_t i = 0; i < noise.size(); ++i)
    {
        noise[i] = static_cast<uint8_t>(i * 37 + 11);
    }
    garbage.push_back(noise);

    // From T's own UDP socket (port 520), unicast and multicast.
    Ptr<Socket> ts = Socket::CreateSocket(t, UdpSocketFactory::GetTypeId());
    ts->BindToNetDevice(tDev);
    ts->Bind(InetSocketAddress(Ipv4Address::GetAny(), 520));
    Time at = Seconds(10);
    for (const auto& b : garbage)
    {
        RtmScheduleWithContext(t->GetId(), at, [ts, b, rAddr]() {
            ts->SendTo(Create<Packet>(b.data(), b.size()), 0, InetSocketAddress(rAddr, 520));
        });
        at += MilliSeconds(10);
    }
    RtmScheduleWithContext(t->GetId(), at, [ts, noise]() {
        ts->SendTo(Create<Packet>(noise.data(), noise.size()),
                   0,
                   InetSocketAddress(RtmRipClient::RipGroup(), 520));
    });
    const uint32_t malformedSent = static_cast<uint32_t>(garbage.size()) + 1;
    // Raw injection: garbage, and well-formed messages that must be ignored: from a source that
    // is not on the link (spoofed), and from a port other than 520.
    InjectUdp(Seconds(11), tDev, tAddr, 520, rAddr, 520, {1, 2, 3, 4, 5});
    InjectUdp(Seconds(11.1), tDev, Ipv4Address("99.99.99.99"), 520, rAddr, 520, g);
    InjectUdp(Seconds(11.2), tDev, tAddr, 5000, rAddr, 520, g);

    // A whole-table request and a specific request from a diagnostic port: answered by unicast.
    std::vector<RtmRipHeader> answers;
    Ptr<Socket> diag = Socket::CreateSocket(t, UdpSocketFactory::GetTypeId());
    diag->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    diag->SetRecvCallback(Callback<void, Ptr<Socket>>([&answers](Ptr<Socket> s) {
        while (Ptr<Packet> p = s->Recv())
        {
            RtmRipHeader h;
            std::string why;
            EXPECT_TRUE(RtmRipHeader::Parse(p, h, why)) << why;
            answers.push_back(h);
        }
    }));
    RtmRipHeader whole;
    whole.SetWholeTableRequest();
    RtmRipHeader specific;
    specific.SetCommand(RtmRipHeader::REQUEST);
    RtmRipHeader::Entry q1;
    q1.address = Ipv4Address("10.0.1.0"); // R-N: R has it connected
    q1.mask = Ipv4Mask("255.255.255.0");
    q1.metric = 16;
    RtmRipHeader::Entry q2 = q1;
    q2.address = Ipv4Address("10.200.0.0"); // unknown
    specific.AddEntry(q1);
    specific.AddEntry(q2);
    for (const auto& req : {whole, specific})
    {
        std::vector<uint8_t> b = MessageBytes(req);
        RtmScheduleWithContext(t->GetId(), Seconds(12), [diag, b, rAddr]() {
            diag->SendTo(Create<Packet>(b.data(), b.size()), 0, InetSocketAddress(rAddr, 520));
        });
    }
    uint64_t malformedAt9 = 0;
    RtmSchedule(Seconds(9), [&]() { malformedAt9 = rr->GetMalformedCount(); });
    // Finally a valid response from T:520: accepted from a neighbour on the link.
    RtmScheduleWithContext(t->GetId(), Seconds(13), [ts, g, rAddr]() {
        ts->SendTo(Create<Packet>(g.data(), g.size()), 0, InetSocketAddress(rAddr, 520));
    });
    std::pair<uint32_t, bool> learnedAt12{};
    RtmSchedule(Seconds(12.5), [&]() { learnedAt12 = Best(r, Pfx("172.16.0.0/16")); });
    Simulator::Stop(Seconds(14));
    Simulator::Run();

    EXPECT_EQ(malformedAt9, 0u);
    EXPECT_EQ(rr->GetMalformedCount(), malformedSent + 1) << "the raw garbage too";
    EXPECT_EQ(traced, malformedSent + 1);
    ASSERT_GE(reasons.size(), 6u);
    EXPECT_NE(reasons[0].find("short"), std::string::npos) << reasons[0];
    EXPECT_NE(reasons[2].find("bad command"), std::string::npos) << reasons[2];
    EXPECT_NE(reasons[3].find("bad version"), std::string::npos) << reasons[3];
    EXPECT_EQ(rr->GetIgnoredCount(), 2u) << "spoofed source and wrong port";
    EXPECT_EQ(learnedAt12.first, 0u) << "nothing learned from the bad or ignored messages";
    EXPECT_EQ(Best(r, Pfx("172.16.0.0/16")), std::make_pair(2u, true))
        << "the valid response was accepted";
    // R still routes toward its RIP neighbour's side.
    EXPECT_GE(rr->GetUpdatesReceived(), 2u);
    EXPECT_GE(rr->GetRequestsReceived(), 2u);
    ASSERT_EQ(answers.size(), 2u);
    const RtmRipHeader& wholeAnswer = answers[0];
    EXPECT_EQ(wholeAnswer.GetCommand(), RtmRipHeader::RESPONSE);
    bool hasRN = false;
    bool hasRT = false;
    for (const auto& x : wholeAnswer.GetEntries())
    {
        hasRN = hasRN || (x.address == Ipv4Address("10.0.1.0") && x.metric == 1);
        hasRT = hasRT || x.address == Ipv4Address("10.0.2.0");
    }
    EXPECT_TRUE(hasRN) << wholeAnswer;
    EXPECT_FALSE(hasRT) << "the subnet of the asking interface itself is not sent there";
    const RtmRipHeader& specificAnswer = answers[1];
    ASSERT_EQ(specificAnswer.GetNEntries(), 2u);
    EXPECT_EQ(specificAnswer.GetEntries()[0].metric, 1u);
    EXPECT_EQ(specificAnswer.GetEntries()[1].metric, 16u);
    Simulator::Destroy();
}

TEST(RtmRipTest, VirtualRoutersRunSeparateRip)
{
    // A(0) - V(1) - B(2), with host links A - HA(3) and B - HB(4). V's device toward B belongs
    // to RTM instance 1: V is two virtual routers, each with its own RIP.
    Fresh();
    Scenario sc;
    sc.Build(5, {{0, 1}, {1, 2}, {0, 3}, {2, 4}}, Stack::Rtm);
    Ptr<Node> v = sc.nodes.Get(1);
    RtmHelper rtm;
    ASSERT_TRUE(rtm.AssignDevice(v, sc.edges[1].devA->GetIfIndex(), 1));
    RtmRipHelper rip;
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)), 0);
    rip.Install(NodeContainer(v), 1);
    rip.AssignStreams(sc.nodes, 100);
    Simulator::Stop(Seconds(40));
    Simulator::Run();
    Ptr<RtmRipClient> v0 = RtmRipHelper::GetRipClient(v, 0);
    Ptr<RtmRipClient> v1 = RtmRipHelper::GetRipClient(v, 1);
    ASSERT_TRUE(v0 && v1);
    EXPECT_NE(v0, v1);
    EXPECT_EQ(v0->GetRipInterfaces(), std::vector<uint32_t>{sc.edges[0].ifB});
    EXPECT_EQ(v1->GetRipInterfaces(), std::vector<uint32_t>{sc.edges[1].ifA});
    auto best = [](Ptr<RtmRipClient> c, const RtmNetAddress& p) {
        RtmDestInfo info;
        if (c->GetRegistration()->GetExactMatchDestination(p,
                                                           RTM_BEST_PROTOCOL,
                                                           RTM_VIEW_MASK_UCAST,
                                                           info) != RtmStatus::Success)
        {
            return 0u;
        }
        RtmRouteInfo ri;
        c->GetRegistration()->GetRouteInfo(info.viewInfo[0].route, &ri);
        return ri.prefInfo.metric;
    };
    RtmNetAddress ha = sc.edges[2].prefix;
    RtmNetAddress hb = sc.edges[3].prefix;
    RtmNetAddress vb = sc.edges[1].prefix;
    RtmNetAddress av = sc.edges[0].prefix;
    EXPECT_EQ(best(v0, ha), 2u) << "instance 0 learns A's side";
    EXPECT_EQ(best(v0, hb), 0u) << "instance 0 knows nothing of B's side";
    EXPECT_EQ(best(v1, hb), 2u) << "instance 1 learns B's side";
    EXPECT_EQ(best(v1, ha), 0u);
    Ptr<RtmRipClient> a = RtmRipHelper::GetRipClient(sc.nodes.Get(0));
    Ptr<RtmRipClient> b = RtmRipHelper::GetRipClient(sc.nodes.Get(2));
    EXPECT_EQ(best(a, vb), 0u) << "A never hears of V's instance-1 link";
    EXPECT_EQ(best(a, hb), 0u);
    EXPECT_EQ(best(b, av), 0u);
    EXPECT_EQ(best(b, ha), 0u);
    Simulator::Destroy();
}

TEST(RtmRipTest, InterfaceMetricsAndExcludedInterfaces)
{
    // Triangle A(0), B(1), C(2) and a host D(3) behind C. A's link to C costs 3: A reaches N
    // (C-D) through B with metric 3 rather than directly with metric 4.
    {
        Fresh();
        Scenario sc;
        sc.Build(4, {{0, 1}, {1, 2}, {2, 0}, {2, 3}}, Stack::Rtm);
        RtmRipHelper rip;
        rip.SetInterfaceMetric(sc.nodes.Get(0), sc.edges[2].ifB, 3);
        rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)));
        rip.AssignStreams(sc.nodes, 100);
        Simulator::Stop(Seconds(40));
        Simulator::Run();
        Ptr<RtmRipClient> a = RtmRipHelper::GetRipClient(sc.nodes.Get(0));
        EXPECT_EQ(a->GetInterfaceMetric(sc.edges[2].ifB), 3);
        EXPECT_EQ(a->GetInterfaceMetric(sc.edges[0].ifA), 1);
        EXPECT_EQ(Best(sc.nodes.Get(0), sc.edges[3].prefix), std::make_pair(3u, true));
        bool found = false;
        Ipv4Address gw = sc.NextHop(0, sc.edges[3].addrB, found);
        EXPECT_TRUE(found);
        EXPECT_EQ(gw, sc.edges[0].addrB) << "through B";
        Simulator::Destroy();
    }
    // Line A - B - C - D(host): B excludes its interface toward C. A learns B-C (connected at
    // B, redistributed) but not C-D; B learns nothing from C.
    {
        Fresh();
        Scenario sc;
        sc.Build(4, Line(4), Stack::Rtm);
        RtmRipHelper rip;
        rip.ExcludeInterface(sc.nodes.Get(1), sc.edges[1].ifA);
        rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)));
        rip.AssignStreams(sc.nodes, 100);
        Simulator::Stop(Seconds(40));
        Simulator::Run();
        Ptr<RtmRipClient> b = RtmRipHelper::GetRipClient(sc.nodes.Get(1));
        EXPECT_EQ(b->GetRipInterfaces(), std::vector<uint32_t>{sc.edges[0].ifB});
        EXPECT_EQ(Best(sc.nodes.Get(0), sc.edges[1].prefix), std::make_pair(2u, true));
        EXPECT_EQ(Best(sc.nodes.Get(0), sc.edges[2].prefix).first, 0u);
        EXPECT_EQ(Best(sc.nodes.Get(1), sc.edges[2].prefix).first, 0u);
        EXPECT_EQ(b->GetNRoutes(), 0u);
        Ptr<RtmRipClient> c = RtmRipHelper::GetRipClient(sc.nodes.Get(2));
        EXPECT_EQ(c->GetUpdatesReceived(), 0u) << "B never talks to C";
        Simulator::Destroy();
    }
}

TEST(RtmRipTest, CountersAndPeriodicUpdates)
{
    Fresh();
    Scenario sc;
    sc.Build(2, Line(2), Stack::Rtm);
    RtmRipHelper rip;
    sc.InstallRtmRip(rip);
    uint32_t tx = 0;
    uint32_t rx = 0;
    Ptr<RtmRipClient> a = RtmRipHelper::GetRipClient(sc.nodes.Get(0));
    a->TraceConnectWithoutContext("Tx",
                                  Callback<void, const RtmRipHeader&, Ipv4Address, uint32_t>(
                                      [&](const RtmRipHeader&, Ipv4Address, uint32_t) { ++tx; }));
    a->TraceConnectWithoutContext("Rx",
                                  Callback<void, const RtmRipHeader&, Ipv4Address, uint32_t>(
                                      [&](const RtmRipHeader&, Ipv4Address, uint32_t) { ++rx; }));
    Simulator::Stop(Seconds(301));
    Simulator::Run();
    // 300 s: about ten periodic updates (30 s +- 5 s).
    EXPECT_GE(a->GetPeriodicUpdates(), 8u);
    EXPECT_LE(a->GetPeriodicUpdates(), 12u);
    EXPECT_GE(a->GetRequestsSent(), 1u);
    Ptr<RtmRipClient> b = RtmRipHelper::GetRipClient(sc.nodes.Get(1));
    // The router that starts last finds the other listening: its request is answered.
    EXPECT_EQ(a->GetRequestsReceived() + b->GetRequestsReceived(), 1u);
    EXPECT_GE(a->GetTriggeredUpdates(), 1u);
    EXPECT_EQ(tx, a->GetUpdatesSent() + a->GetRequestsSent());
    EXPECT_GE(rx, a->GetUpdatesReceived());
    EXPECT_EQ(a->GetMalformedCount(), 0u);
    EXPECT_EQ(a->GetIgnoredCount(), 0u);
    EXPECT_EQ(a->GetRoutesExpired(), 0u) << "periodic updates keep refreshing the TTLs";
    std::ostringstream os;
    a->Print(os);
    EXPECT_NE(os.str().find("advertised"), std::string::npos);
    Simulator::Destroy();
}

} // namespace
