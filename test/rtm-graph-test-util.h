/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: helpers of the GoogleTest tests of the topology tools, the link-state (graph) client and
 * the multicast feeder: small hand-made topologies, route inspection through a registration, a
 * table snapshot and a change-notification watcher.
 */
#ifndef RTM_GRAPH_TEST_UTIL_H
#define RTM_GRAPH_TEST_UTIL_H

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-address-generator.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/names.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/rtm-graph-routing-helper.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-ip-stack.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace rtmgraph
{

using namespace ns3;

/// \return the shared data folder (compile definition RTM_SHARED_DATA)
inline std::string
DataDir()
{
#ifdef RTM_SHARED_DATA
    return RTM_SHARED_DATA;
#else
    return "../shared/data";
#endif
}

/// \return true if \p path can be read
inline bool
Readable(const std::string& path)
{
    std::ifstream in(path);
    return in.good();
}

/// Start from a clean simulator (one process runs many tests).
inline void
Fresh()
{
    Simulator::Destroy();
    Names::Clear();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
}

/// A link of a hand-made topology: (a, b, weight).
typedef std::tuple<uint32_t, uint32_t, uint32_t> Edge;

/**
 * \brief Build a hand-made topology: routers 0..n-1 (router ids "0".."n-1", router addresses
 * 172.16.0.(v+1) and fd00:172:16::(v+1)), one point-to-point link per edge (IPv4: /30 from
 * 10.0.0.0, link k: 10.0.0.4k+1 and +2; IPv6: fd00:10:0:k::/64, ends ::1 and ::2), the weight as
 * both interface metrics, RTM as the only routing protocol of each family.
 * \param n routers
 * \param edges links
 * \param csma two-station CSMA segments instead of point-to-point
 * \param families the address families
 * \return the topology
 */
inline RtmTopology
MakeTopology(uint32_t n,
             const std::vector<Edge>& edges,
             bool csma = false,
             RtmTopologyHelper::Families families = RtmTopologyHelper::FAMILY_IPV4)
{
    RtmTopology topo;
    for (uint32_t v = 0; v < n; ++v)
    {
        auto d = boost::add_vertex(topo.graph);
        topo.graph[d].id = std::to_string(v);
    }
    for (const auto& e : edges)
    {
        RtmTopologyEdge p;
        p.weight = std::get<2>(e);
        boost::add_edge(std::get<0>(e), std::get<1>(e), p, topo.graph);
    }
    RtmTopologyHelper helper;
    helper.SetCsma(csma);
    helper.SetFamilies(families);
    helper.Build(topo);
    return topo;
}

/// \return the topology families that hold \p family
inline RtmTopologyHelper::Families
FamiliesOf(uint16_t family)
{
    return family == RTM_AF_INET6 ? RtmTopologyHelper::FAMILY_IPV6 : RtmTopologyHelper::FAMILY_IPV4;
}

/// \return the interface (of \p family) of vertex \p v on link \p k
inline uint32_t
IfOf(const RtmTopology& t, uint32_t k, uint32_t v, uint16_t family = RTM_AF_INET)
{
    return t.links[k].Interface(family, t.links[k].a == v);
}

/// \return the address (of \p family) of vertex \p v on link \p k, as text
inline std::string
AddrText(const RtmTopology& t, uint32_t k, uint32_t v, uint16_t family)
{
    return t.links[k].Address(family, t.links[k].a == v).AddressString();
}

/// \return the subnet (of \p family) of link \p k, as text ("10.0.0.8/30", "fd00:10:0:2::/64")
inline std::string
LinkPrefix(const RtmTopology& t, uint32_t k, uint16_t family)
{
    RtmNetAddress a = t.links[k].Address(family, true);
    a.numBits = family == RTM_AF_INET6 ? 64 : 30;
    return a.Masked().ToString();
}

/// \return the host prefix of the router address (of \p family) of vertex \p v, as text
inline std::string
RouterPrefix(const RtmTopology& t, uint32_t v, uint16_t family = RTM_AF_INET)
{
    return t.RouterAddress(family, v).ToString();
}

/// \return the hop (gateway, interface) from \p v over link \p k in \p family
inline std::pair<std::string, uint32_t>
Hop(const RtmTopology& t, uint32_t k, uint32_t v, uint16_t family = RTM_AF_INET)
{
    const RtmTopologyLink& l = t.links[k];
    return std::make_pair(AddrText(t, k, l.a == v ? l.b : l.a, family), IfOf(t, k, v, family));
}

/// Set the metric of interface \p i (of \p family) of \p node.
inline void
SetIfMetric(Ptr<Node> node, uint32_t i, uint16_t metric, uint16_t family)
{
    RtmWithIpStack(family, [&](auto stack) {
        node->GetObject<typename decltype(stack)::Ip>()->SetMetric(i, metric);
    });
}

/// Bring interface \p i (of \p family) of \p node up or down.
inline void
SetIfUp(Ptr<Node> node, uint32_t i, bool up, uint16_t family)
{
    RtmWithIpStack(family, [&](auto stack) {
        auto ip = node->GetObject<typename decltype(stack)::Ip>();
        if (up)
        {
            ip->SetUp(i);
        }
        else
        {
            ip->SetDown(i);
        }
    });
}

/**
 * \brief Give \p dev's interface of the address's family the address \p cidr ("a.b.c.d/len"
 * or "x::y/len"), \p metric, forwarding (IPv6), and bring it up.
 * \return the interface
 */
inline uint32_t
Configure(Ptr<NetDevice> dev, const std::string& cidr, uint16_t metric = 1)
{
    RtmNetAddress a;
    EXPECT_TRUE(RtmNetAddress::Parse(cidr, a)) << cidr;
    Ptr<Node> node = dev->GetNode();
    if (a.addressFamily == RTM_AF_INET6)
    {
        Ptr<Ipv6> ip = node->GetObject<Ipv6>();
        int32_t i = ip->GetInterfaceForDevice(dev);
        i = i < 0 ? static_cast<int32_t>(ip->AddInterface(dev)) : i;
        ip->SetMetric(i, metric);
        ip->SetForwarding(i, true);
        ip->SetUp(i);
        ip->AddAddress(i, Ipv6InterfaceAddress(a.GetIpv6(), Ipv6Prefix(a.numBits)));
        return static_cast<uint32_t>(i);
    }
    Ptr<Ipv4> ip = node->GetObject<Ipv4>();
    int32_t i = ip->GetInterfaceForDevice(dev);
    i = i < 0 ? ip->AddInterface(dev) : i;
    Ipv4Mask mask(a.numBits == 0 ? 0u : ~0u << (32 - a.numBits));
    ip->AddAddress(i, Ipv4InterfaceAddress(a.GetIpv4(), mask));
    ip->SetMetric(i, metric);
    ip->SetUp(i);
    return static_cast<uint32_t>(i);
}

/// \return the socket address (port \p port) of the host address \p a
inline Address
SocketAddressOf(const RtmNetAddress& a, uint16_t port)
{
    if (a.addressFamily == RTM_AF_INET6)
    {
        return Inet6SocketAddress(a.GetIpv6(), port);
    }
    return InetSocketAddress(a.GetIpv4(), port);
}

/// \return the socket address of every address of \p family at port \p port
inline Address
AnySocketAddress(uint16_t family, uint16_t port)
{
    if (family == RTM_AF_INET6)
    {
        return Inet6SocketAddress(Ipv6Address::GetAny(), port);
    }
    return InetSocketAddress(Ipv4Address::GetAny(), port);
}

/// \return "ipv4" or "ipv6" for GoogleTest parameter names
inline std::string
FamilyParamName(const ::testing::TestParamInfo<uint16_t>& info)
{
    return RtmFamilyName(info.param);
}

/**
 * Declare the fixture \p Name of tests run once per address family (instances Families/Name.X/ipv4
 * and /ipv6; GetParam() is RTM_AF_INET or RTM_AF_INET6).
 */
#define RTM_FAMILY_TEST_SUITE(Name)                                                                \
    class Name : public ::testing::TestWithParam<uint16_t>                                         \
    {                                                                                              \
    };                                                                                             \
    INSTANTIATE_TEST_SUITE_P(Families,                                                             \
                             Name,                                                                 \
                             ::testing::Values(ns3::RTM_AF_INET, ns3::RTM_AF_INET6),               \
                             ::rtmgraph::FamilyParamName)

/// A UDP socket of \p family on \p node at \p port that counts the datagrams it receives.
inline Ptr<Socket>
CountingSink(Ptr<Node> node, uint16_t family, uint16_t port, uint32_t* count)
{
    Ptr<Socket> sink = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    EXPECT_EQ(sink->Bind(AnySocketAddress(family, port)), 0);
    sink->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([count](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++*count;
        }
    }));
    return sink;
}

/// \return the address of vertex \p v on link \p k
inline Ipv4Address
AddrOf(const RtmTopology& t, uint32_t k, uint32_t v)
{
    return t.links[k].a == v ? t.links[k].addrA : t.links[k].addrB;
}

/// A route as seen through the RTM.
struct RouteView
{
    bool found{false};                               //!< a route exists
    std::set<std::pair<std::string, uint32_t>> hops; //!< (gateway, interface)
    uint32_t metric{0};                              //!< metric
    uint32_t preference{0};                          //!< preference
    RtmViewSet views{0};                             //!< views
    RtmRouteHandle handle;                           //!< the route
};

/// \return the registration of a throw-away observer client of (node, instance 0, family)
inline Ptr<RtmRegistration>
Observer(Ptr<Node> node,
         uint32_t protocol = RtmProtocolId(0, 0x123, 7),
         uint16_t family = RTM_AF_INET)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    Ptr<RtmInstance> inst = router->GetInstance(0);
    RtmEntityInfo info;
    info.rtmInstanceId = 0;
    info.addressFamily = family;
    info.entityId.entityProtocolId = protocol;
    RtmRegnProfile profile;
    Ptr<RtmRegistration> reg;
    RtmStatus st = inst->RegisterEntity(info, {}, RtmEventCallback(), false, profile, reg);
    EXPECT_EQ(st, RtmStatus::Success);
    return reg;
}

/**
 * \brief The route of \p owner for exactly \p prefix in \p view.
 * \param obs a registration of the same table
 * \param owner the owner's entity handle
 * \param prefix the prefix
 * \param view RTM_VIEW_MASK_UCAST or RTM_VIEW_MASK_MCAST
 * \return the route
 */
inline RouteView
RouteOf(Ptr<RtmRegistration> obs,
        RtmEntityHandle owner,
        const RtmNetAddress& prefix,
        RtmViewSet view = RTM_VIEW_MASK_UCAST)
{
    RouteView r;
    RtmRouteInfo c;
    c.routeOwner = owner;
    if (obs->GetExactMatchRoute(prefix, RTM_MATCH_OWNER, c, 0, view, &r.handle) !=
        RtmStatus::Success)
    {
        return r;
    }
    RtmRouteInfo info;
    EXPECT_EQ(obs->GetRouteInfo(r.handle, &info), RtmStatus::Success);
    r.found = true;
    r.metric = info.prefInfo.metric;
    r.preference = info.prefInfo.preference;
    r.views = info.belongsToViews;
    for (const auto& h : info.nextHops)
    {
        RtmNextHopInfo nh;
        EXPECT_EQ(obs->GetNextHopInfo(h, nh), RtmStatus::Success);
        r.hops.emplace(nh.nextHopAddress.AddressString(), nh.interfaceIndex);
    }
    return r;
}

/// \return the graph client's route of (node, prefix) in \p view (the client of the prefix's
/// family)
inline RouteView
GraphRoute(Ptr<Node> node,
           const std::string& prefix,
           RtmViewSet view = RTM_VIEW_MASK_UCAST,
           Ptr<RtmRegistration> obs = nullptr)
{
    RtmNetAddress p;
    EXPECT_TRUE(RtmNetAddress::Parse(prefix, p)) << prefix;
    Ptr<RtmGraphClient> c = RtmGraphRoutingHelper::GetGraphClient(node, 0, p.addressFamily);
    EXPECT_TRUE(c);
    if (!c)
    {
        return RouteView();
    }
    return RouteOf(obs ? obs : c->GetRegistration(),
                   c->GetRegistration()->GetEntityHandle(),
                   p,
                   view);
}

/**
 * \brief Every route of a table, by destination: "[owner pref metric views flags hops]" per
 * route, the routes of a destination in sorted order (equal routes may change places).
 * \param reg a registration of the table
 * \param handles if not null, receives the route handles by destination
 * \return destination -> description
 */
inline std::map<std::string, std::string>
Snapshot(Ptr<RtmRegistration> reg,
         std::map<std::string, std::vector<RtmRouteHandle>>* handles = nullptr)
{
    std::map<std::string, std::vector<std::string>> routesOf;
    RtmEnumHandle e;
    EXPECT_EQ(reg->CreateRouteEnum(RtmDestHandle(),
                                   RTM_VIEW_MASK_ANY,
                                   RTM_ENUM_START,
                                   nullptr,
                                   RTM_MATCH_NONE,
                                   nullptr,
                                   0,
                                   e),
              RtmStatus::Success);
    for (;;)
    {
        uint32_t num = 100;
        std::vector<RtmRouteHandle> routes;
        RtmStatus st = reg->GetEnumRoutes(e, num, routes);
        for (const auto& r : routes)
        {
            RtmRouteInfo info;
            RtmNetAddress dest;
            EXPECT_EQ(reg->GetRouteInfo(r, &info, &dest), RtmStatus::Success);
            RtmEntityInfo owner;
            reg->GetEntityInfo(info.routeOwner, owner);
            std::ostringstream os;
            os << "[" << owner.entityId.entityProtocolId << " p" << info.prefInfo.preference << " m"
               << info.prefInfo.metric << " v" << info.belongsToViews << " f" << info.flags;
            std::set<std::string> hops;
            for (const auto& h : info.nextHops)
            {
                RtmNextHopInfo nh;
                reg->GetNextHopInfo(h, nh);
                hops.insert(nh.nextHopAddress.AddressString() + "%" +
                            std::to_string(nh.interfaceIndex));
            }
            for (const auto& h : hops)
            {
                os << " " << h;
            }
            os << "]";
            routesOf[dest.ToString()].push_back(os.str());
            if (handles)
            {
                (*handles)[dest.ToString()].push_back(r);
            }
        }
        if (st != RtmStatus::Success)
        {
            break;
        }
    }
    reg->DeleteEnumHandle(e);
    std::map<std::string, std::string> out;
    for (auto& kv : routesOf)
    {
        std::sort(kv.second.begin(), kv.second.end());
        for (const auto& r : kv.second)
        {
            out[kv.first] += r;
        }
    }
    return out;
}

/// \return the destinations whose description differs between two snapshots
inline std::set<std::string>
Diff(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b)
{
    std::set<std::string> d;
    for (const auto& kv : a)
    {
        auto it = b.find(kv.first);
        if (it == b.end() || it->second != kv.second)
        {
            d.insert(kv.first);
        }
    }
    for (const auto& kv : b)
    {
        if (a.count(kv.first) == 0)
        {
            d.insert(kv.first);
        }
    }
    return d;
}

/**
 * \brief Pull every pending change of a notification registration.
 * \return the changed destinations
 */
inline std::set<std::string>
Drain(Ptr<RtmRegistration> reg, RtmNotifyHandle h)
{
    std::set<std::string> out;
    for (;;)
    {
        uint32_t num = 100;
        std::vector<RtmDestInfo> dests;
        RtmStatus st = reg->GetChangedDests(h, num, dests);
        for (const auto& d : dests)
        {
            out.insert(d.destAddress.ToString());
        }
        if (st != RtmStatus::Success)
        {
            break;
        }
    }
    return out;
}

} // namespace rtmgraph

#endif /* RTM_GRAPH_TEST_UTIL_H */
