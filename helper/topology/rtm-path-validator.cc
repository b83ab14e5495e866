/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPathValidator: the per-hop walk through RouteInput/RouteOutput and the comparison.
 */
#include "rtm-path-validator.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-list-routing.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6.h"
#include "ns3/loopback-net-device.h"
#include "ns3/packet.h"
#include "ns3/rtm-ip-stack.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-ipv6-routing.h"
#include "ns3/rtm-ns3-compat.h"

#include <cstring>
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

namespace
{
/// The UDP ports of every walk's packet: 49153 -> 9.
const uint8_t kUdpPorts[8] = {0xc0, 0x01, 0x00, 0x09, 0, 8, 0, 0};

/// What a walk needs of one family besides RtmIpStack: headers, routes, the routing protocols.
template <typename Ip>
struct RtmWalkStack;

/// IPv4.
template <>
struct RtmWalkStack<Ipv4> : public RtmIpStack<Ipv4>
{
    typedef Ipv4Header Header;           //!< header
    typedef Ipv4Route Route;             //!< unicast route
    typedef Ipv4RoutingProtocol Routing; //!< routing protocol
    typedef Ipv4ListRouting List;        //!< list routing
    typedef RtmIpv4Routing Rtm;          //!< the RTM forwarding plane

    /// \return the header of a walk's packet of \p payload bytes
    static Header MakeHeader(const RtmNetAddress& src, const RtmNetAddress& dst, uint32_t payload)
    {
        Ipv4Header h;
        h.SetSource(src.addressFamily != 0 ? src.GetIpv4() : Ipv4Address::GetAny());
        h.SetDestination(dst.GetIpv4());
        h.SetProtocol(17);
        h.SetTtl(64);
        h.SetPayloadSize(payload);
        return h;
    }

    /// \return the gateway of \p r (family 0: on-link)
    static RtmNetAddress Gateway(const Ptr<Route>& r)
    {
        Ipv4Address gw = r->GetGateway();
        return gw == Ipv4Address::GetAny() ? RtmNetAddress() : RtmNetAddress::FromIpv4(gw);
    }

    /// Ipv4L3Protocol leaves local delivery to the routing protocol.
    static constexpr bool kIpLayerDelivers = false;
};

/// IPv6.
template <>
struct RtmWalkStack<Ipv6> : public RtmIpStack<Ipv6>
{
    typedef Ipv6Header Header;           //!< header
    typedef Ipv6Route Route;             //!< unicast route
    typedef Ipv6RoutingProtocol Routing; //!< routing protocol
    typedef Ipv6ListRouting List;        //!< list routing
    typedef RtmIpv6Routing Rtm;          //!< the RTM forwarding plane

    /// \return the header of a walk's packet of \p payload bytes
    static Header MakeHeader(const RtmNetAddress& src, const RtmNetAddress& dst, uint32_t payload)
    {
        Ipv6Header h;
        h.SetSource(src.addressFamily != 0 ? src.GetIpv6() : Ipv6Address::GetAny());
        h.SetDestination(dst.GetIpv6());
        h.SetNextHeader(17);
        h.SetHopLimit(64);
        h.SetPayloadLength(payload);
        return h;
    }

    /// \return the gateway of \p r (family 0: on-link)
    static RtmNetAddress Gateway(const Ptr<Route>& r)
    {
        Ipv6Address gw = r->GetGateway();
        return gw.IsAny() ? RtmNetAddress() : RtmNetAddress::FromIpv6(gw);
    }

    /**
     * Ipv6L3Protocol::Receive delivers a packet for an address of the node before calling
     * RouteInput: of the ingress interface or (weak end system, the default) of any interface.
     */
    static constexpr bool kIpLayerDelivers = true;
};

/// Keep \p r in \p out (the route argument of a unicast callback).
template <typename R>
void
KeepRoute(Ptr<R>* out, const Ptr<R>& r)
{
    *out = r;
}

/// Ignore the other arguments of a unicast callback.
template <typename R, typename T>
void
KeepRoute(Ptr<R>*, const T&)
{
}

/**
 * \brief A callback of the routing protocol's type that records \p value in \p event (and, for
 * a unicast callback, the route among its arguments in \p route).
 * \param type a callback of the type wanted (its value is not used)
 * \param event where to record
 * \param value what to record
 * \param route where to keep the route (null: nothing)
 * \return the callback
 */
template <typename Cb, typename R>
Cb
Recorder(const Cb& /* type */, int* event, int value, Ptr<R>* route)
{
    // A generic lambda: ns-3.35's Callback pads its argument list with `empty` types, so the
    // arguments are not spelled out here.
    return RtmAsCallback<Cb>([event, value, route](const auto&... args) {
        *event = value;
        if (route)
        {
            (KeepRoute(route, args), ...);
        }
    });
}
} // namespace

/// The walk through one family's forwarding planes.
class RtmPathValidator::Plane
{
  public:
    virtual ~Plane() = default;
    /// \return the walk of a packet from \p s to \p t (see RtmPathValidator::Walk)
    virtual RtmWalk Walk(uint32_t s, uint32_t t) = 0;
    /// Index the addresses and devices of the topology (once, at construction).
    virtual void Index() = 0;
};

/// The walk of stack \p S (RtmWalkStack<Ipv4> or RtmWalkStack<Ipv6>), written once.
template <typename S>
class RtmPathValidator::FamilyPlane : public RtmPathValidator::Plane
{
  public:
    typedef typename S::Ip Ip; //!< Ipv4 or Ipv6

    /// \param v the validator
    explicit FamilyPlane(RtmPathValidator& v)
        : m_v(v),
          m_ip(v.m_topo.nodes.GetN()),
          m_routing(v.m_topo.nodes.GetN()),
          m_strong(v.m_topo.nodes.GetN(), -1)
    {
        for (uint32_t n = 0; n < v.m_topo.nodes.GetN(); ++n)
        {
            m_ip[n] = v.m_topo.nodes.Get(n)->GetObject<Ip>();
        }
        typedef typename S::Route Route;
        m_ucb = Recorder(m_ucb, &m_event, 1, &m_route);
        m_mcb = Recorder(m_mcb, &m_event, 4, static_cast<Ptr<Route>*>(nullptr));
        m_lcb = Recorder(m_lcb, &m_event, 2, static_cast<Ptr<Route>*>(nullptr));
        m_ecb = Recorder(m_ecb, &m_event, 3, static_cast<Ptr<Route>*>(nullptr));
    }

    void Index() override
    {
        const RtmTopology& topo = m_v.m_topo;
        for (uint32_t k = 0; k < topo.links.size(); ++k)
        {
            const RtmTopologyLink& l = topo.links[k];
            for (bool endA : {true, false})
            {
                uint32_t vertex = endA ? l.a : l.b;
                uint32_t i = l.Interface(S::kAf, endA);
                const Ptr<Ip>& ip = m_ip[vertex];
                Ptr<NetDevice> dev = endA ? l.devA : l.devB;
                if (!ip || i >= ip->GetNInterfaces() || ip->GetNetDevice(i) != dev)
                {
                    continue; // the link has no interface of this family
                }
                m_v.m_linkOfDevice[PeekPointer(dev)] = k;
                for (uint32_t j = 0; j < ip->GetNAddresses(i); ++j)
                {
                    RtmIfAddress a = S::GetAddress(ip, i, j);
                    if (!a.unspecified)
                    {
                        m_v.m_places[a.local] = Place{vertex, i, k};
                    }
                }
            }
        }
        if constexpr (S::kIpLayerDelivers)
        {
            // Every address of every node, for the IP layer's own delivery.
            for (uint32_t n = 0; n < m_ip.size(); ++n)
            {
                for (uint32_t i = 0; m_ip[n] && i < m_ip[n]->GetNInterfaces(); ++i)
                {
                    for (uint32_t j = 0; j < m_ip[n]->GetNAddresses(i); ++j)
                    {
                        m_holders[S::GetAddress(m_ip[n], i, j).local].emplace_back(n, i);
                    }
                }
            }
        }
    }

    RtmWalk Walk(uint32_t s, uint32_t t) override
    {
        const RtmTopology& topo = m_v.m_topo;
        RtmWalk w;
        w.vertices.push_back(s);
        RtmNetAddress dst = m_v.TargetAddress(s, t);
        if (dst.addressFamily == 0)
        {
            w.outcome = RtmWalk::NO_ROUTE;
            w.detail = "the destination has no address";
            return w;
        }
        Ptr<Packet> p = Create<Packet>(kUdpPorts, sizeof(kUdpPorts));
        typename S::Header h = S::MakeHeader(m_v.SourceAddress(s), dst, p->GetSize());
        Socket::SocketErrno err;
        Ptr<typename S::Route> route = RoutingOf(s)->RouteOutput(p, h, nullptr, err);
        if (!route)
        {
            w.outcome = RtmWalk::NO_ROUTE;
            return w;
        }
        const std::vector<std::pair<uint32_t, uint32_t>>* holders = nullptr;
        if constexpr (S::kIpLayerDelivers)
        {
            auto it = m_holders.find(dst);
            holders = it != m_holders.end() ? &it->second : nullptr;
        }
        const uint32_t n = topo.nodes.GetN();
        std::vector<bool> visited(n, false);
        visited[s] = true;
        uint32_t cur = s;
        for (uint32_t step = 0; step <= n; ++step)
        {
            Ptr<NetDevice> dev = route->GetOutputDevice();
            auto lk = dev ? m_v.m_linkOfDevice.find(PeekPointer(dev)) : m_v.m_linkOfDevice.end();
            if (lk == m_v.m_linkOfDevice.end())
            {
                int32_t oif = dev ? m_ip[cur]->GetInterfaceForDevice(dev) : -1;
                if (oif < 0 || DynamicCast<LoopbackNetDevice>(dev))
                {
                    w.outcome = cur == t ? RtmWalk::DELIVERED : RtmWalk::WRONG_NODE;
                    return w;
                }
                w.outcome = RtmWalk::BAD_HOP;
                w.detail = "output interface " + std::to_string(oif) + " is on no link";
                return w;
            }
            const RtmTopologyLink& l = topo.links[lk->second];
            bool fromA = l.devA == dev;
            uint32_t next = fromA ? l.b : l.a;
            RtmNetAddress gw = S::Gateway(route);
            if (gw.addressFamily != 0)
            {
                auto pl = m_v.m_places.find(gw);
                if (pl == m_v.m_places.end() || pl->second.vertex != next ||
                    pl->second.link != lk->second)
                {
                    std::ostringstream os;
                    os << "gateway " << gw.AddressString() << " is not the other end of link "
                       << lk->second;
                    w.outcome = RtmWalk::BAD_HOP;
                    w.detail = os.str();
                    return w;
                }
            }
            w.cost += m_v.m_oracle.GetMetric() == RtmPathOracle::HOPS ? 1 : l.weight;
            w.vertices.push_back(next);
            if (visited[next])
            {
                w.outcome = RtmWalk::LOOP;
                return w;
            }
            visited[next] = true;
            uint32_t iif = l.Interface(S::kAf, !fromA);
            for (std::size_t k = 0; holders && k < holders->size(); ++k)
            {
                const auto& holder = (*holders)[k];
                if (holder.first == next && (holder.second == iif || !StrongEndSystem(next)))
                {
                    w.outcome = next == t ? RtmWalk::DELIVERED : RtmWalk::WRONG_NODE;
                    return w;
                }
            }
            m_event = 0;
            m_route = nullptr;
            bool handled =
                RoutingOf(next)
                    ->RouteInput(p, h, fromA ? l.devB : l.devA, m_ucb, m_mcb, m_lcb, m_ecb);
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

  private:
    /// \return the RTM forwarding plane of vertex \p v
    Ptr<typename S::Rtm> RoutingOf(uint32_t v)
    {
        if (m_routing[v])
        {
            return m_routing[v];
        }
        Ptr<Node> node = m_v.m_topo.nodes.Get(v);
        Ptr<typename S::Routing> rp = m_ip[v] ? m_ip[v]->GetRoutingProtocol() : nullptr;
        Ptr<typename S::Rtm> rtm = DynamicCast<typename S::Rtm>(rp);
        Ptr<typename S::List> list = DynamicCast<typename S::List>(rp);
        for (uint32_t i = 0; !rtm && list && i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority;
            rtm = DynamicCast<typename S::Rtm>(list->GetRoutingProtocol(i, priority));
        }
        NS_ABORT_MSG_IF(!rtm,
                        "node " << node->GetId() << " has no RTM " << RtmFamilyName(S::kAf)
                                << " forwarding plane");
        m_routing[v] = rtm;
        return rtm;
    }

    /// \return true if the IP layer of vertex \p v is a strong end system (IPv6 attribute)
    bool StrongEndSystem(uint32_t v)
    {
        if (m_strong[v] < 0)
        {
            BooleanValue strong(false);
            Ptr<Ipv6L3Protocol> l3 = m_v.m_topo.nodes.Get(v)->GetObject<Ipv6L3Protocol>();
            if (l3)
            {
                l3->GetAttribute("StrongEndSystemModel", strong);
            }
            m_strong[v] = strong.Get() ? 1 : 0;
        }
        return m_strong[v] == 1;
    }

    RtmPathValidator& m_v;                       //!< the validator
    std::vector<Ptr<Ip>> m_ip;                   //!< per vertex: its IP object (null: none)
    std::vector<Ptr<typename S::Rtm>> m_routing; //!< per vertex (lazy)
    std::vector<int8_t> m_strong;                //!< per vertex: strong end system (lazy)
    /// Address -> (vertex, interface) of every node address (IPv6 only: the IP layer's delivery).
    std::unordered_map<RtmNetAddress, std::vector<std::pair<uint32_t, uint32_t>>, AddressHash>
        m_holders;
    int m_event{0};                 //!< RouteInput: 0 none, 1 unicast, 2 local, 3 error, 4 mcast
    Ptr<typename S::Route> m_route; //!< unicast route chosen
    typename S::Routing::UnicastForwardCallback m_ucb;   //!< unicast callback
    typename S::Routing::MulticastForwardCallback m_mcb; //!< multicast callback
    typename S::Routing::LocalDeliverCallback m_lcb;     //!< local-delivery callback
    typename S::Routing::ErrorCallback m_ecb;            //!< error callback
};

std::size_t
RtmPathValidator::AddressHash::operator()(const RtmNetAddress& a) const
{
    uint64_t x[2];
    std::memcpy(x, a.addrBits, sizeof(x));
    return std::hash<uint64_t>()(x[0] * 0x9E3779B97F4A7C15ull ^ x[1] ^ a.numBits);
}

RtmPathValidator::RtmPathValidator(const RtmTopology& topo,
                                   RtmPathOracle::Metric metric,
                                   Target target,
                                   uint16_t family)
    : m_topo(topo),
      m_oracle(topo.graph, metric),
      m_target(target),
      m_family(family == RTM_AF_INET6 ? RTM_AF_INET6 : RTM_AF_INET)
{
    if (m_family == RTM_AF_INET6)
    {
        m_plane = std::make_unique<FamilyPlane<RtmWalkStack<Ipv6>>>(*this);
    }
    else
    {
        m_plane = std::make_unique<FamilyPlane<RtmWalkStack<Ipv4>>>(*this);
    }
    m_plane->Index();
    for (uint32_t v = 0; v < topo.nodes.GetN(); ++v)
    {
        RtmNetAddress a = topo.RouterAddress(m_family, v);
        if (a.addressFamily != 0)
        {
            m_places[a] = Place{v, 0, UINT32_MAX};
        }
    }
}

RtmPathValidator::~RtmPathValidator() = default;

uint16_t
RtmPathValidator::GetFamily() const
{
    return m_family;
}

RtmPathOracle&
RtmPathValidator::GetOracle()
{
    return m_oracle;
}

RtmNetAddress
RtmPathValidator::SourceAddress(uint32_t s) const
{
    RtmNetAddress a = m_topo.RouterAddress(m_family, s);
    for (uint32_t k = 0; a.addressFamily == 0 && k < m_topo.links.size(); ++k)
    {
        const RtmTopologyLink& l = m_topo.links[k];
        if (l.a == s || l.b == s)
        {
            a = l.Address(m_family, l.a == s);
        }
    }
    return a;
}

RtmNetAddress
RtmPathValidator::TargetAddress(uint32_t s, uint32_t t)
{
    if (m_target == ROUTER_ADDRESS)
    {
        return m_topo.RouterAddress(m_family, t);
    }
    uint64_t d = m_oracle.Distance(s, t);
    RtmNetAddress best;
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
        RtmNetAddress mine = l.Address(m_family, l.a == t);
        uint64_t w = m_oracle.GetMetric() == RtmPathOracle::HOPS ? 1 : l.weight;
        if (d == RtmPathOracle::kUnreachable)
        {
            if (best.addressFamily == 0)
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
    return best.addressFamily == 0 ? m_topo.RouterAddress(m_family, t) : best;
}

RtmWalk
RtmPathValidator::Walk(uint32_t s, uint32_t t)
{
    return m_plane->Walk(s, t);
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
