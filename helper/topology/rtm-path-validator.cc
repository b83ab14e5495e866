/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPathValidator: the per-hop walk through RouteInput/RouteOutput and the comparison.
 */
#include "rtm-path-validator.h"

#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/loopback-net-device.h"
#include "ns3/packet.h"
#include "ns3/rtm-ipv4-routing.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

const char*
RtmWalk::OutcomeName(Outcome o)
{
    switch (o)
    {
    case DELIVERED:
        return "delivered";
    case NO_ROUTE:
        return "no route";
    case DROPPED:
        return "dropped";
    case LOOP:
        return "loop";
    case WRONG_NODE:
        return "delivered at another router";
    case BAD_HOP:
        return "bad hop";
    }
    return "?";
}

RtmPathValidator::RtmPathValidator(const RtmTopology& topo,
                                   RtmPathOracle::Metric metric,
                                   Target target)
    : m_topo(topo),
      m_oracle(topo.graph, metric),
      m_target(target),
      m_routing(topo.nodes.GetN())
{
    for (uint32_t k = 0; k < topo.links.size(); ++k)
    {
        const RtmTopologyLink& l = topo.links[k];
        m_places[l.addrA.Get()] = Place{l.a, l.ifA, k};
        m_places[l.addrB.Get()] = Place{l.b, l.ifB, k};
        m_linkOf[std::make_pair(l.a, l.ifA)] = k;
        m_linkOf[std::make_pair(l.b, l.ifB)] = k;
    }
    m_ucb = MakeCallback(&RtmPathValidator::OnUnicast, this);
    m_mcb = MakeCallback(&RtmPathValidator::OnMulticast, this);
    m_lcb = MakeCallback(&RtmPathValidator::OnLocal, this);
    m_ecb = MakeCallback(&RtmPathValidator::OnError, this);
    for (uint32_t v = 0; v < topo.routerAddress.size(); ++v)
    {
        if (topo.routerAddress[v] != Ipv4Address::GetAny())
        {
            m_places[topo.routerAddress[v].Get()] = Place{v, 0, UINT32_MAX};
        }
    }
}

RtmPathOracle&
RtmPathValidator::GetOracle()
{
    return m_oracle;
}

Ptr<RtmIpv4Routing>
RtmPathValidator::RoutingOf(uint32_t v)
{
    if (m_routing[v])
    {
        return m_routing[v];
    }
    Ptr<Ipv4> ipv4 = m_topo.nodes.Get(v)->GetObject<Ipv4>();
    Ptr<Ipv4RoutingProtocol> rp = ipv4 ? ipv4->GetRoutingProtocol() : nullptr;
    Ptr<RtmIpv4Routing> rtm = DynamicCast<RtmIpv4Routing>(rp);
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(rp);
    for (uint32_t i = 0; !rtm && list && i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        rtm = DynamicCast<RtmIpv4Routing>(list->GetRoutingProtocol(i, priority));
    }
    NS_ABORT_MSG_IF(!rtm, "node " << m_topo.nodes.Get(v)->GetId() << " has no RtmIpv4Routing");
    m_routing[v] = rtm;
    return rtm;
}

void
RtmPathValidator::OnUnicast(Ptr<Ipv4Route> route, Ptr<const Packet> p, const Ipv4Header& h)
{
    m_event = 1;
    m_route = route;
}

void
RtmPathValidator::OnMulticast(Ptr<Ipv4MulticastRoute> route,
                              Ptr<const Packet> p,
                              const Ipv4Header& h)
{
    m_event = 4;
}

void
RtmPathValidator::OnLocal(Ptr<const Packet> p, const Ipv4Header& h, uint32_t iif)
{
    m_event = 2;
}

void
RtmPathValidator::OnError(Ptr<const Packet> p, const Ipv4Header& h, Socket::SocketErrno err)
{
    m_event = 3;
}

Ipv4Address
RtmPathValidator::TargetAddress(uint32_t s, uint32_t t)
{
    if (m_target == ROUTER_ADDRESS)
    {
        return m_topo.routerAddress[t];
    }
    uint64_t d = m_oracle.Distance(s, t);
    Ipv4Address any = Ipv4Address::GetAny();
    Ipv4Address best = any;
    uint64_t bestWeight = RtmPathOracle::kUnreachable;
    auto range = boost::out_edges(t, m_topo.graph);
    for (auto it = range.first; it != range.second; ++it)
    {
        uint32_t k = m_topo.graph[*it].link;
        if (k == UINT32_MAX)
        {
            continue;
        }
        const RtmTopologyLink& l = m_topo.links[k];
        uint32_t u = l.a == t ? l.b : l.a;
        Ipv4Address mine = l.a == t ? l.addrA : l.addrB;
        uint64_t w = m_oracle.GetMetric() == RtmPathOracle::HOPS ? 1 : l.weight;
        if (d == RtmPathOracle::kUnreachable)
        {
            if (best == any)
            {
                best = mine;
            }
            continue;
        }
        uint64_t du = m_oracle.Distance(s, u);
        if (du != RtmPathOracle::kUnreachable && du + w == d && w < bestWeight)
        {
            best = mine;
            bestWeight = w;
        }
    }
    return best == any ? m_topo.routerAddress[t] : best;
}

RtmWalk
RtmPathValidator::Walk(uint32_t s, uint32_t t)
{
    RtmWalk w;
    w.vertices.push_back(s);
    Ipv4Address dst = TargetAddress(s, t);
    if (dst == Ipv4Address::GetAny())
    {
        w.outcome = RtmWalk::NO_ROUTE;
        w.detail = "the destination has no address";
        return w;
    }
    Ipv4Header h;
    h.SetSource(m_topo.routerAddress[s]);
    h.SetDestination(dst);
    h.SetProtocol(17);
    h.SetTtl(64);
    const uint8_t ports[8] = {0xc0, 0x01, 0x00, 0x09, 0, 8, 0, 0}; // UDP 49153 -> 9
    Ptr<Packet> p = Create<Packet>(ports, sizeof(ports));
    h.SetPayloadSize(p->GetSize());
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route = RoutingOf(s)->RouteOutput(p, h, nullptr, err);
    if (!route)
    {
        w.outcome = RtmWalk::NO_ROUTE;
        return w;
    }
    std::vector<bool> visited(m_topo.nodes.GetN(), false);
    visited[s] = true;
    uint32_t cur = s;
    const uint32_t n = m_topo.nodes.GetN();
    for (uint32_t step = 0; step <= n; ++step)
    {
        Ptr<Ipv4> ipv4 = m_topo.nodes.Get(cur)->GetObject<Ipv4>();
        Ptr<NetDevice> dev = route->GetOutputDevice();
        int32_t oif = dev ? ipv4->GetInterfaceForDevice(dev) : -1;
        if (oif < 0 || DynamicCast<LoopbackNetDevice>(dev))
        {
            w.outcome = cur == t ? RtmWalk::DELIVERED : RtmWalk::WRONG_NODE;
            return w;
        }
        auto lk = m_linkOf.find(std::make_pair(cur, static_cast<uint32_t>(oif)));
        if (lk == m_linkOf.end())
        {
            w.outcome = RtmWalk::BAD_HOP;
            w.detail = "output interface " + std::to_string(oif) + " is on no link";
            return w;
        }
        const RtmTopologyLink& l = m_topo.links[lk->second];
        bool fromA = l.a == cur && l.ifA == static_cast<uint32_t>(oif);
        uint32_t next = fromA ? l.b : l.a;
        Ipv4Address gw = route->GetGateway();
        if (gw != Ipv4Address::GetAny())
        {
            auto pl = m_places.find(gw.Get());
            if (pl == m_places.end() || pl->second.vertex != next || pl->second.link != lk->second)
            {
                std::ostringstream os;
                os << "gateway " << gw << " is not the other end of link " << lk->second;
                w.outcome = RtmWalk::BAD_HOP;
                w.detail = os.str();
                return w;
            }
        }
        w.cost += m_oracle.GetMetric() == RtmPathOracle::HOPS ? 1 : l.weight;
        w.vertices.push_back(next);
        if (visited[next])
        {
            w.outcome = RtmWalk::LOOP;
            return w;
        }
        visited[next] = true;
        Ptr<NetDevice> idev = fromA ? l.devB : l.devA;
        m_event = 0;
        m_route = nullptr;
        bool handled = RoutingOf(next)->RouteInput(p, h, idev, m_ucb, m_mcb, m_lcb, m_ecb);
        if (m_event == 2)
        {
            w.outcome = next == t ? RtmWalk::DELIVERED : RtmWalk::WRONG_NODE;
            return w;
        }
        if (m_event != 1 || !m_route)
        {
            w.outcome = RtmWalk::DROPPED;
            w.detail = handled ? "dropped by the forwarding plane" : "no route";
            return w;
        }
        route = m_route;
        cur = next;
    }
    w.outcome = RtmWalk::LOOP;
    return w;
}

bool
RtmPathValidator::Check(uint32_t s, uint32_t t, const RtmWalk& walk, std::string& why)
{
    uint64_t d = m_oracle.Distance(s, t);
    std::ostringstream os;
    os << m_topo.RouterId(s) << " -> " << m_topo.RouterId(t) << ": ";
    if (d == RtmPathOracle::kUnreachable)
    {
        if (walk.outcome == RtmWalk::NO_ROUTE)
        {
            return true;
        }
        os << "expected no route, got " << RtmWalk::OutcomeName(walk.outcome);
    }
    else if (walk.outcome != RtmWalk::DELIVERED)
    {
        os << "expected a path of cost " << d << ", got " << RtmWalk::OutcomeName(walk.outcome);
        if (!walk.detail.empty())
        {
            os << " (" << walk.detail << ")";
        }
    }
    else if (walk.cost != d)
    {
        os << "path cost " << walk.cost << ", shortest " << d;
    }
    else
    {
        return true;
    }
    os << "; path";
    for (uint32_t v : walk.vertices)
    {
        os << " " << m_topo.RouterId(v);
    }
    why = os.str();
    return false;
}

RtmPathValidator::Summary
RtmPathValidator::ValidateAll(std::ostream* paths, uint32_t maxExamples)
{
    Summary sum;
    const uint32_t n = m_topo.nodes.GetN();
    const bool hops = m_oracle.GetMetric() == RtmPathOracle::HOPS;
    for (uint32_t s = 0; s < n; ++s)
    {
        for (uint32_t t = 0; t < n; ++t)
        {
            if (s == t)
            {
                continue;
            }
            ++sum.pairs;
            RtmWalk w = Walk(s, t);
            std::string why;
            if (m_oracle.Distance(s, t) == RtmPathOracle::kUnreachable)
            {
                ++sum.unreachable;
            }
            if (!Check(s, t, w, why))
            {
                ++sum.mismatches;
                if (sum.examples.size() < maxExamples)
                {
                    sum.examples.push_back(why);
                }
            }
            if (w.outcome == RtmWalk::DELIVERED)
            {
                sum.totalHops += w.vertices.size() - 1;
            }
            if (!paths)
            {
                continue;
            }
            *paths << m_topo.RouterId(s) << " " << m_topo.RouterId(t);
            if (w.outcome != RtmWalk::DELIVERED)
            {
                *paths << " none\n";
                continue;
            }
            *paths << " " << (w.vertices.size() - 1) << " ";
            if (hops || m_topo.weightScale == 1)
            {
                *paths << w.cost;
            }
            else
            {
                *paths << std::setprecision(15) << static_cast<double>(w.cost) / m_topo.weightScale;
            }
            for (uint32_t v : w.vertices)
            {
                *paths << " " << m_topo.RouterId(v);
            }
            *paths << "\n";
        }
    }
    return sum;
}

} // namespace ns3
