/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: helpers of the RIP simulation tests: routers joined by point-to-point links running the
 * RTM's RIP, ns-3's own Rip, or both alternating on one network (Stack::Mixed), checks of
 * hop-count shortest-path forwarding and of the RTM tables, convergence timing, UDP delivery,
 * hand-made datagrams.
 */
#ifndef RTM_RIP_TEST_UTIL_H
#define RTM_RIP_TEST_UTIL_H

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
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
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

namespace rtmrip
{

using namespace ns3;

/// Which routing runs on the routers.
enum class Stack
{
    Rtm,    //!< RTM forwarding plane + RtmRipClient
    Ns3Rip, //!< ns-3's ns3::Rip (RipHelper) in an Ipv4ListRouting
    Mixed,  //!< alternating: even routers RTM, odd routers ns-3's Rip
};

constexpr int kUnreachable = std::numeric_limits<int>::max() / 4;

/// Start a simulation from a clean global state.
inline void
Fresh(uint32_t run = 1)
{
    Simulator::Destroy();
    Ipv4AddressGenerator::Reset();
    Names::Clear();
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(run);
}

/// \return the prefix a.b.c.d/len
inline RtmNetAddress
Pfx(const std::string& text)
{
    RtmNetAddress a;
    EXPECT_TRUE(RtmNetAddress::Parse(text, a)) << text;
    return a;
}

/// Give \p dev an address (adding its interface if needed) and bring it up.
inline uint32_t
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
        for (uint32_t i = 0; i < n; ++i)
        {
            InternetStackHelper internet;
            internet.SetIpv6StackInstall(false);
            if (RunsRtm(i))
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
            internet.Install(nodes.Get(i));
        }
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

    /// A stub subnet: a device of its router alone on a channel.
    struct Stub
    {
        uint32_t router{0};   //!< the router
        RtmNetAddress prefix; //!< its /24
        Ipv4Address address;  //!< the router's address there (.1)
    };

    /**
     * \brief Give router \p r \p count stub subnets 172.(16 + r).j.0/24 (j = 0..count-1), each
     * on a device of its own (a SimpleNetDevice alone on its channel).
     */
    void AddStubs(uint32_t r, uint32_t count)
    {
        for (uint32_t j = 0; j < count; ++j)
        {
            Ptr<SimpleNetDevice> dev = CreateObject<SimpleNetDevice>();
            dev->SetAddress(Mac48Address::Allocate());
            dev->SetChannel(CreateObject<SimpleChannel>());
            nodes.Get(r)->AddDevice(dev);
            Stub st;
            st.router = r;
            uint32_t net = (172u << 24) | ((16u + r) << 16) | (j << 8);
            st.prefix = RtmNetAddress::FromIpv4(Ipv4Address(net), 24);
            st.address = Ipv4Address(net + 1);
            AddAddress(dev, st.address, 24);
            owner[st.address.Get()] = r;
            stubs.push_back(st);
        }
    }

    /// \return the links and the stubs (as links from their router to itself)
    std::vector<Edge> Destinations() const
    {
        std::vector<Edge> out = edges;
        for (const auto& st : stubs)
        {
            Edge e;
            e.a = st.router;
            e.b = st.router;
            e.addrA = st.address;
            e.addrB = st.address;
            e.prefix = st.prefix;
            out.push_back(e);
        }
        return out;
    }

    /// \return true if router \p i runs the RTM (else ns-3's Rip)
    bool RunsRtm(uint32_t i) const
    {
        return m_stack == Stack::Rtm || (m_stack == Stack::Mixed && i % 2 == 0);
    }

    /// \return the routers running the RTM
    NodeContainer RtmNodes() const
    {
        NodeContainer c;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            if (RunsRtm(i))
            {
                c.Add(nodes.Get(i));
            }
        }
        return c;
    }

    /// Start RTM RIP on every RTM router with \p helper (instance 0).
    void InstallRtmRip(RtmRipHelper& helper)
    {
        helper.Install(RtmNodes());
        helper.AssignStreams(RtmNodes(), 100);
    }

    /// Fix the ns-3 Rip random streams.
    void AssignNs3Streams()
    {
        RipHelper rip;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            if (!RunsRtm(i))
            {
                rip.AssignStreams(NodeContainer(nodes.Get(i)), 100 + 10 * i);
            }
        }
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
            for (const auto& e : Destinations())
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
            if (!RunsRtm(s))
            {
                continue;
            }
            Ptr<RtmRipClient> c = RtmRipHelper::GetRipClient(nodes.Get(s));
            if (!c)
            {
                return Fail(why, s, edges.front(), "no RIP client");
            }
            Ptr<RtmRegistration> reg = c->GetRegistration();
            std::vector<int> d = Dist(s);
            for (const auto& e : Destinations())
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
    std::vector<Stub> stubs;            //!< stub subnets
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
inline void
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
inline std::pair<uint32_t, uint32_t>
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
inline Convergence
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
    RtmRipHelper rip;
    rip.Set("StrictHoldDown", BooleanValue(strictHold));
    sc.InstallRtmRip(rip);
    sc.AssignNs3Streams();
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
    else if (stack != Stack::Ns3Rip)
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
inline std::vector<std::pair<uint32_t, uint32_t>>
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
inline std::vector<std::pair<uint32_t, uint32_t>>
Ring(uint32_t n)
{
    std::vector<std::pair<uint32_t, uint32_t>> l = Line(n);
    l.emplace_back(n - 1, 0);
    return l;
}

/// Links of a w x h grid (a partial mesh), plus two diagonals.
inline std::vector<std::pair<uint32_t, uint32_t>>
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
inline void
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

/// Best unicast route of \p prefix at a router, as (metric, owned by RIP), metric 0 if none.
inline std::pair<uint32_t, bool>
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
inline bool
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
inline bool
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
 * Put a hand-made UDP datagram (\p payload) from src:sport to dst:dport on the wire of \p dev,
 * as a broken or hostile neighbour (or a spoofer) would.
 */
inline void
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
inline std::vector<uint8_t>
MessageBytes(const RtmRipHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

} // namespace rtmrip

#endif /* RTM_RIP_TEST_UTIL_H */
