/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: helpers of the GoogleTest tests that run real ns-3 simulations over the RTM forwarding
 * plane: topology builders (point-to-point, CSMA) with explicit addresses, a route-adding client,
 * UDP senders and receivers, and recorders of the RtmIpv4Routing "Forward"/"Drop" traces and of
 * the Ipv4L3Protocol traces.
 *
 * Every simulation of a test starts with FreshSimulation() (one process runs many tests, so the
 * global address generator, names and RNG run are reset) and ends with Simulator::Destroy().
 * Addresses are assigned by hand (AddAddress), never through Ipv4AddressHelper, so tests can give
 * the same prefix to two virtual routers of one node.
 */
#ifndef RTM_SIM_UTIL_H
#define RTM_SIM_UTIL_H

#include "ns3/csma-helper.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/icmpv4.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-generator.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/names.h"
#include "ns3/node-container.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/udp-socket-factory.h"

#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace rtmsim
{

using namespace ns3;

/// Both views.
constexpr RtmViewSet kBothViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;

/**
 * \brief Parse "a.b.c.d/len" (or a bare address: /32).
 * \param text the text
 * \return address and prefix length
 */
inline std::pair<Ipv4Address, uint16_t>
ParseCidr(const std::string& text)
{
    std::size_t slash = text.find('/');
    if (slash == std::string::npos)
    {
        return {Ipv4Address(text.c_str()), 32};
    }
    return {Ipv4Address(text.substr(0, slash).c_str()),
            static_cast<uint16_t>(std::stoi(text.substr(slash + 1)))};
}

/**
 * \brief An RtmNetAddress prefix from "a.b.c.d/len".
 * \param text the text
 * \return the prefix
 */
inline RtmNetAddress
Prefix(const std::string& text)
{
    auto p = ParseCidr(text);
    return RtmNetAddress::FromIpv4(p.first, p.second);
}

/// \return \p a + \p n
inline Ipv4Address
Offset(Ipv4Address a, uint32_t n)
{
    return Ipv4Address(a.Get() + n);
}

/**
 * \brief Start a simulation from a clean global state (one process runs many tests).
 * \param run the RNG run number
 */
inline void
FreshSimulation(uint32_t run = 1)
{
    Simulator::Destroy();
    Ipv4AddressGenerator::Reset();
    Names::Clear();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
}

/**
 * \brief Create nodes with the internet stack and RTM as their only routing protocol.
 * \param n how many
 * \param rtm the helper (attributes, virtual routers)
 * \return the nodes
 */
inline NodeContainer
MakeRtmNodes(uint32_t n, const RtmHelper& rtm = RtmHelper())
{
    NodeContainer c;
    c.Create(n);
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.SetIpv6StackInstall(false);
    stack.Install(c);
    return c;
}

/// \return the RTM forwarding plane of \p node (null if it has none)
inline Ptr<RtmIpv4Routing>
RtmOf(Ptr<Node> node)
{
    return node->GetObject<RtmIpv4Routing>();
}

/// \return the RTM router manager of \p node
inline Ptr<RtmRouter>
RouterOf(Ptr<Node> node)
{
    return node->GetObject<RtmRouter>();
}

/// \return the IPv4 of \p node
inline Ptr<Ipv4>
Ipv4Of(Ptr<Node> node)
{
    return node->GetObject<Ipv4>();
}

/**
 * \brief Give \p dev an IPv4 interface (if it has none) with address \p cidr, and bring it up.
 * \param dev the device (its node has the internet stack)
 * \param cidr "a.b.c.d/len"
 * \return the IPv4 interface index
 */
inline uint32_t
AddAddress(Ptr<NetDevice> dev, Ipv4Address address, uint16_t length)
{
    Ptr<Ipv4> ipv4 = Ipv4Of(dev->GetNode());
    int32_t i = ipv4->GetInterfaceForDevice(dev);
    if (i < 0)
    {
        i = static_cast<int32_t>(ipv4->AddInterface(dev));
    }
    std::string mask = "/" + std::to_string(length);
    ipv4->AddAddress(i, Ipv4InterfaceAddress(address, Ipv4Mask(mask.c_str())));
    ipv4->SetMetric(i, 1);
    ipv4->SetUp(i);
    return static_cast<uint32_t>(i);
}

/// \overload with "a.b.c.d/len"
inline uint32_t
AddAddress(Ptr<NetDevice> dev, const std::string& cidr)
{
    auto p = ParseCidr(cidr);
    return AddAddress(dev, p.first, p.second);
}

/// A point-to-point link and its addresses.
struct Link
{
    Ptr<Node> a;         //!< first node
    Ptr<Node> b;         //!< second node
    Ptr<NetDevice> devA; //!< device on a
    Ptr<NetDevice> devB; //!< device on b
    uint32_t ifA{0};     //!< IPv4 interface on a
    uint32_t ifB{0};     //!< IPv4 interface on b
    Ipv4Address addrA;   //!< address of a (network + 1)
    Ipv4Address addrB;   //!< address of b (network + 2)
};

/**
 * \brief Two point-to-point devices between \p a and \p b, without addresses.
 * \return devices (a's first)
 */
inline NetDeviceContainer
P2pDevices(Ptr<Node> a,
           Ptr<Node> b,
           const std::string& rate = "100Mbps",
           const std::string& delay = "1ms")
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000p"));
    return p2p.Install(a, b);
}

/**
 * \brief A point-to-point link between \p a and \p b on network \p net ("10.0.1.0/24"): a gets
 * the first host address, b the second.
 * \return the link
 */
inline Link
P2p(Ptr<Node> a,
    Ptr<Node> b,
    const std::string& net,
    const std::string& rate = "100Mbps",
    const std::string& delay = "1ms")
{
    NetDeviceContainer d = P2pDevices(a, b, rate, delay);
    auto p = ParseCidr(net);
    Link l;
    l.a = a;
    l.b = b;
    l.devA = d.Get(0);
    l.devB = d.Get(1);
    l.addrA = Offset(p.first, 1);
    l.addrB = Offset(p.first, 2);
    l.ifA = AddAddress(l.devA, l.addrA, p.second);
    l.ifB = AddAddress(l.devB, l.addrB, p.second);
    return l;
}

/// A CSMA segment and its addresses.
struct Lan
{
    NetDeviceContainer devs;        //!< device i belongs to node i
    std::vector<uint32_t> ifs;      //!< IPv4 interface of node i
    std::vector<Ipv4Address> addrs; //!< address of node i (network + i + 1)
};

/**
 * \brief A CSMA segment over \p nodes on network \p net: node i gets host address i + 1.
 * \return the segment
 */
inline Lan
Csma(const NodeContainer& nodes,
     const std::string& net,
     const std::string& rate = "100Mbps",
     const std::string& delay = "10us")
{
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue(rate));
    csma.SetChannelAttribute("Delay", StringValue(delay));
    csma.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000p"));
    Lan lan;
    lan.devs = csma.Install(nodes);
    auto p = ParseCidr(net);
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ipv4Address a = Offset(p.first, i + 1);
        lan.addrs.push_back(a);
        lan.ifs.push_back(AddAddress(lan.devs.Get(i), a, p.second));
    }
    return lan;
}

/**
 * \brief The IPv4 interface of \p node whose subnet contains \p address (loopback excluded).
 * \return the interface, or -1
 */
inline int32_t
InterfaceToward(Ptr<Node> node, Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = Ipv4Of(node);
    for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            Ipv4InterfaceAddress a = ipv4->GetAddress(i, j);
            if (a.GetMask().IsMatch(a.GetLocal(), address))
            {
                return static_cast<int32_t>(i);
            }
        }
    }
    return -1;
}

/**
 * A routing client of one (node, RTM instance), as a static-route client would be: it registers
 * an entity and adds next hops and routes on request.
 */
class SimClient
{
  public:
    /**
     * \brief Register with instance \p instance of \p node.
     * \param node the node
     * \param instance the RTM instance
     * \param protocol the entity protocol id
     * \param protocolInstance the entity instance id
     * \param defaultPreference preference of routes added with preference 0 (0: the instance's)
     * \return Success or the RegisterEntity error
     */
    RtmStatus Register(Ptr<Node> node,
                       uint16_t instance = 0,
                       uint32_t protocol = RTM_PROTO_IP_NETMGMT,
                       uint32_t protocolInstance = 0,
                       uint32_t defaultPreference = 0)
    {
        m_node = node;
        m_instance = instance;
        Ptr<RtmInstance> inst = RouterOf(node)->GetInstance(instance);
        if (!inst)
        {
            return RtmStatus::InvalidParameter;
        }
        RtmEntityInfo info;
        info.rtmInstanceId = instance;
        info.addressFamily = RTM_AF_INET;
        info.entityId.entityProtocolId = protocol;
        info.entityId.entityInstanceId = protocolInstance;
        RtmRegnProfile profile;
        RtmStatus st = inst->RegisterEntity(info, {}, RtmEventCallback(), false, profile, reg);
        if (st == RtmStatus::Success && defaultPreference != 0)
        {
            reg->SetDefaultPreference(defaultPreference);
        }
        return st;
    }

    /**
     * \brief Find or create my next hop toward gateway \p gw.
     * \param gw the gateway (on-link)
     * \param interface its interface; -1: the interface whose subnet holds \p gw
     * \param flags next-hop flags (RTM_NEXTHOP_FLAGS_REMOTE: a recursive next hop, interface 0)
     * \param st if not null, the status
     * \return the handle (null on error)
     */
    RtmNextHopHandle NextHop(Ipv4Address gw,
                             int32_t interface = -1,
                             uint16_t flags = 0,
                             RtmStatus* st = nullptr)
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = RtmNetAddress::FromIpv4(gw);
        nh.flags = flags;
        if (flags & RTM_NEXTHOP_FLAGS_REMOTE)
        {
            nh.interfaceIndex = 0;
        }
        else
        {
            int32_t i = interface >= 0 ? interface : InterfaceToward(m_node, gw);
            EXPECT_GE(i, 0) << "no interface of node " << m_node->GetId() << " toward " << gw;
            nh.interfaceIndex = i < 0 ? 0 : static_cast<uint32_t>(i);
        }
        RtmNextHopHandle h;
        uint32_t changed = 0;
        RtmStatus s = reg->AddNextHop(nh, h, changed);
        if (st != nullptr)
        {
            *st = s;
        }
        else
        {
            EXPECT_EQ(s, RtmStatus::Success)
                << "AddNextHop " << gw << " on node " << m_node->GetId();
        }
        return h;
    }

    /**
     * \brief Add a route (always a new one).
     * \param prefix "a.b.c.d/len"
     * \param gateways on-link gateways, one next hop each (may be empty)
     * \param preference 0: my default preference
     * \param metric the metric
     * \param views the views
     * \param flags route flags
     * \param st if not null, receives the status (no expectation is checked then)
     * \return the route (null on error)
     */
    RtmRouteHandle Add(const std::string& prefix,
                       const std::vector<std::string>& gateways,
                       uint32_t preference = 0,
                       uint32_t metric = 0,
                       RtmViewSet views = kBothViews,
                       uint16_t flags = 0,
                       RtmStatus* st = nullptr)
    {
        std::vector<RtmNextHopHandle> hops;
        for (const auto& g : gateways)
        {
            hops.push_back(NextHop(Ipv4Address(g.c_str())));
        }
        return AddWith(prefix, hops, preference, metric, views, flags, st);
    }

    /**
     * \brief Add a route with next hops made by NextHop().
     * \return the route (null on error)
     */
    RtmRouteHandle AddWith(const std::string& prefix,
                           const std::vector<RtmNextHopHandle>& hops,
                           uint32_t preference = 0,
                           uint32_t metric = 0,
                           RtmViewSet views = kBothViews,
                           uint16_t flags = 0,
                           RtmStatus* st = nullptr)
    {
        RtmRouteInfo r;
        r.prefInfo.preference = preference;
        r.prefInfo.metric = metric;
        r.belongsToViews = views;
        r.flags = flags;
        r.nextHops = hops;
        r.neighbour = hops.empty() ? RtmNextHopHandle() : hops.front();
        RtmRouteHandle h;
        uint32_t changed = RTM_ROUTE_CHANGE_NEW;
        RtmStatus s =
            reg->AddRouteToDest(h, Prefix(prefix), r, RTM_INFINITE, RtmRouteListHandle(), changed);
        if (st != nullptr)
        {
            *st = s;
        }
        else
        {
            EXPECT_EQ(s, RtmStatus::Success)
                << "AddRouteToDest " << prefix << " on node " << m_node->GetId();
        }
        return h;
    }

    /// Delete a route of mine.
    RtmStatus Delete(RtmRouteHandle route)
    {
        uint32_t changed = 0;
        return reg->DeleteRouteToDest(route, changed);
    }

    /// \return the destination of exactly \p prefix with a route in \p views (null if none)
    RtmDestHandle Dest(const std::string& prefix, RtmViewSet views = RTM_VIEW_MASK_ANY) const
    {
        RtmDestInfo info;
        if (reg->GetExactMatchDestination(Prefix(prefix), RTM_BEST_PROTOCOL, views, info) !=
            RtmStatus::Success)
        {
            return RtmDestHandle();
        }
        return info.destHandle;
    }

    Ptr<RtmRegistration> reg; //!< the registration

  private:
    Ptr<Node> m_node;       //!< the node
    uint16_t m_instance{0}; //!< the instance
};

/// One packet seen by a trace.
struct PacketRecord
{
    uint32_t node{0};                           //!< node id
    int32_t iif{-1};                            //!< input interface
    uint32_t oif{0};                            //!< output interface (Forward) or 0
    RtmDropReason reason{RtmDropReason::Count}; //!< drop reason (Drop)
    Ipv4Address src;                            //!< source
    Ipv4Address dst;                            //!< destination
    uint8_t protocol{0};                        //!< IP protocol
    uint8_t ttl{0};                             //!< TTL as received
    uint16_t sport{0};                          //!< UDP source port (0 if not UDP)
    uint16_t dport{0};                          //!< UDP destination port
    Time t;                                     //!< simulation time
};

/// Fill the UDP ports of \p r from \p p (a packet without IP header).
inline void
ReadPorts(PacketRecord& r, Ptr<const Packet> p, const Ipv4Header& h)
{
    if (p && h.GetProtocol() == UdpL4Protocol::PROT_NUMBER && h.GetFragmentOffset() == 0 &&
        p->GetSize() >= 8)
    {
        UdpHeader u;
        p->PeekHeader(u);
        r.sport = u.GetSourcePort();
        r.dport = u.GetDestinationPort();
    }
}

/// Records the RtmIpv4Routing "Forward" and "Drop" traces of the nodes it is attached to.
class RtmTraceLog
{
  public:
    /// Attach to every node of \p nodes that runs RTM.
    void Attach(const NodeContainer& nodes)
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Attach(nodes.Get(i));
        }
    }

    /// Attach to \p node.
    void Attach(Ptr<Node> node)
    {
        Ptr<RtmIpv4Routing> r = RtmOf(node);
        if (!r)
        {
            return;
        }
        r->TraceConnectWithoutContext(
            "Forward",
            MakeBoundCallback(&RtmTraceLog::OnForward, this, node->GetId()));
        r->TraceConnectWithoutContext("Drop",
                                      MakeBoundCallback(&RtmTraceLog::OnDrop, this, node->GetId()));
    }

    /// \return forwarded packets of \p node (to \p dst if not any)
    uint32_t Forwarded(uint32_t node, Ipv4Address dst = Ipv4Address::GetAny()) const
    {
        uint32_t n = 0;
        for (const auto& r : forwards)
        {
            n += r.node == node && (dst == Ipv4Address::GetAny() || r.dst == dst);
        }
        return n;
    }

    /// \return the ids of the nodes that forwarded packets to \p dst
    std::set<uint32_t> Forwarders(Ipv4Address dst) const
    {
        std::set<uint32_t> s;
        for (const auto& r : forwards)
        {
            if (r.dst == dst)
            {
                s.insert(r.node);
            }
        }
        return s;
    }

    /// \return drops of \p node for \p reason
    uint32_t Dropped(uint32_t node, RtmDropReason reason) const
    {
        uint32_t n = 0;
        for (const auto& r : drops)
        {
            n += r.node == node && r.reason == reason;
        }
        return n;
    }

    /// \return drops of any node for \p reason
    uint32_t Dropped(RtmDropReason reason) const
    {
        uint32_t n = 0;
        for (const auto& r : drops)
        {
            n += r.reason == reason;
        }
        return n;
    }

    std::vector<PacketRecord> forwards; //!< Forward trace, in order
    std::vector<PacketRecord> drops;    //!< Drop trace, in order

  private:
    static PacketRecord Make(uint32_t node, Ptr<const Packet> p, const Ipv4Header& h, int32_t iif)
    {
        PacketRecord r;
        r.node = node;
        r.iif = iif;
        r.src = h.GetSource();
        r.dst = h.GetDestination();
        r.protocol = h.GetProtocol();
        r.ttl = h.GetTtl();
        r.t = Simulator::Now();
        ReadPorts(r, p, h);
        return r;
    }

    static void OnForward(RtmTraceLog* self,
                          uint32_t node,
                          Ptr<const Packet> p,
                          const Ipv4Header& h,
                          int32_t iif,
                          uint32_t oif)
    {
        PacketRecord r = Make(node, p, h, iif);
        r.oif = oif;
        self->forwards.push_back(r);
    }

    static void OnDrop(RtmTraceLog* self,
                       uint32_t node,
                       Ptr<const Packet> p,
                       const Ipv4Header& h,
                       int32_t iif,
                       RtmDropReason reason)
    {
        PacketRecord r = Make(node, p, h, iif);
        r.reason = reason;
        self->drops.push_back(r);
    }
};

/// Records Ipv4L3Protocol traces (any routing protocol): drops by reason, local deliveries and
/// unicast forwards.
class L3Log
{
  public:
    /// Attach to every node of \p nodes.
    void Attach(const NodeContainer& nodes)
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Attach(nodes.Get(i));
        }
    }

    /// Attach to \p node.
    void Attach(Ptr<Node> node)
    {
        Ptr<Ipv4L3Protocol> l3 = node->GetObject<Ipv4L3Protocol>();
        uint32_t id = node->GetId();
        l3->TraceConnectWithoutContext("Drop", MakeBoundCallback(&L3Log::OnDrop, this, id));
        l3->TraceConnectWithoutContext("LocalDeliver",
                                       MakeBoundCallback(&L3Log::OnLocal, this, id));
        l3->TraceConnectWithoutContext("UnicastForward",
                                       MakeBoundCallback(&L3Log::OnForward, this, id));
    }

    /// \return drops of \p node for \p reason
    uint32_t Drops(uint32_t node, Ipv4L3Protocol::DropReason reason) const
    {
        auto it = drops.find({node, reason});
        return it == drops.end() ? 0 : it->second;
    }

    /// \return packets of IP protocol \p protocol delivered locally at \p node
    uint32_t Delivered(uint32_t node, uint8_t protocol) const
    {
        auto it = delivered.find({node, protocol});
        return it == delivered.end() ? 0 : it->second;
    }

    /// \return unicast packets forwarded by \p node to \p dst (any: all)
    uint32_t Forwarded(uint32_t node, Ipv4Address dst = Ipv4Address::GetAny()) const
    {
        uint32_t n = 0;
        for (const auto& f : forwards)
        {
            n += f.first == node && (dst == Ipv4Address::GetAny() || f.second == dst);
        }
        return n;
    }

    std::map<std::pair<uint32_t, int>, uint32_t> drops;         //!< (node, reason) -> count
    std::map<std::pair<uint32_t, uint8_t>, uint32_t> delivered; //!< (node, protocol) -> count
    std::vector<std::pair<uint32_t, Ipv4Address>> forwards;     //!< (node, destination)

    /// A delivered ICMP message.
    struct Icmp
    {
        uint32_t node;      //!< where it was delivered
        Ipv4Address source; //!< who sent it
        uint8_t type;       //!< ICMP type (11: time exceeded)
    };

    std::vector<Icmp> icmp; //!< delivered ICMP messages

    /// \return ICMP messages of \p type delivered at \p node
    uint32_t IcmpCount(uint32_t node, uint8_t type) const
    {
        uint32_t n = 0;
        for (const auto& m : icmp)
        {
            n += m.node == node && m.type == type;
        }
        return n;
    }

  private:
    static void OnDrop(L3Log* self,
                       uint32_t node,
                       const Ipv4Header& h,
                       Ptr<const Packet> p,
                       Ipv4L3Protocol::DropReason reason,
                       Ptr<Ipv4> ipv4,
                       uint32_t interface)
    {
        ++self->drops[{node, static_cast<int>(reason)}];
    }

    static void OnLocal(L3Log* self,
                        uint32_t node,
                        const Ipv4Header& h,
                        Ptr<const Packet> p,
                        uint32_t interface)
    {
        ++self->delivered[{node, h.GetProtocol()}];
        if (h.GetProtocol() == Icmpv4L4Protocol::PROT_NUMBER && p->GetSize() >= 4)
        {
            Icmpv4Header icmp;
            p->PeekHeader(icmp);
            self->icmp.push_back({node, h.GetSource(), icmp.GetType()});
        }
    }

    static void OnForward(L3Log* self,
                          uint32_t node,
                          const Ipv4Header& h,
                          Ptr<const Packet> p,
                          uint32_t interface)
    {
        self->forwards.emplace_back(node, h.GetDestination());
    }
};

/// A UDP socket bound to (any, port) that counts what it receives, by source.
class UdpReceiver
{
  public:
    /**
     * \param node the node
     * \param port the port
     */
    UdpReceiver(Ptr<Node> node, uint16_t port)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        socket->SetRecvCallback(MakeCallback(&UdpReceiver::OnRecv, this));
    }

    /// \return packets received from (\p address, \p port)
    uint32_t From(Ipv4Address address, uint16_t port) const
    {
        auto it = from.find({address, port});
        return it == from.end() ? 0 : it->second;
    }

    uint32_t received{0};                                      //!< packets
    std::map<std::pair<Ipv4Address, uint16_t>, uint32_t> from; //!< (address, port) -> packets
    Ptr<Socket> socket;                                        //!< the socket

  private:
    void OnRecv(Ptr<Socket> s)
    {
        Address a;
        while (Ptr<Packet> p = s->RecvFrom(a))
        {
            ++received;
            InetSocketAddress in = InetSocketAddress::ConvertFrom(a);
            ++from[{in.GetIpv4(), in.GetPort()}];
        }
    }
};

/// A UDP socket that sends packets at scheduled times.
class UdpSender
{
  public:
    /**
     * \param node the node
     * \param port local port (0: ephemeral)
     */
    UdpSender(Ptr<Node> node, uint16_t port = 0)
        : m_node(node)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        if (port != 0)
        {
            socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        }
        else
        {
            socket->Bind();
        }
    }

    /**
     * \brief Send \p count packets of \p size bytes to dst:port, from \p start every \p interval.
     */
    void Schedule(Ipv4Address dst,
                  uint16_t port,
                  uint32_t count,
                  Time start,
                  Time interval = MilliSeconds(10),
                  uint32_t size = 100)
    {
        for (uint32_t i = 0; i < count; ++i)
        {
            Simulator::ScheduleWithContext(m_node->GetId(),
                                           start + interval * i,
                                           &UdpSender::SendOne,
                                           this,
                                           dst,
                                           port,
                                           size);
        }
    }

    uint32_t sent{0};   //!< accepted by the socket
    uint32_t failed{0}; //!< refused (no route)
    Ptr<Socket> socket; //!< the socket

  private:
    void SendOne(Ipv4Address dst, uint16_t port, uint32_t size)
    {
        if (socket->SendTo(Create<Packet>(size), 0, InetSocketAddress(dst, port)) >= 0)
        {
            ++sent;
        }
        else
        {
            ++failed;
        }
    }

    Ptr<Node> m_node; //!< the node
};

/**
 * \brief Put a hand-made IPv4 packet on the wire: \p header followed by \p payload bytes (a UDP
 * header first if \p udp), sent by device \p dev at time \p at. The receiving node's IP layer
 * sees it exactly as if a broken or hostile neighbour had sent it.
 */
inline void
InjectAt(Time at, Ptr<NetDevice> dev, Ipv4Header header, uint32_t payload, bool udp = false)
{
    Ptr<Packet> p = Create<Packet>(payload);
    if (udp)
    {
        UdpHeader u;
        u.SetSourcePort(1111);
        u.SetDestinationPort(2222);
        p->AddHeader(u);
    }
    header.SetPayloadSize(p->GetSize());
    p->AddHeader(header);
    RtmScheduleWithContext(dev->GetNode()->GetId(), at, [dev, p]() {
        dev->Send(p, dev->GetBroadcast(), Ipv4L3Protocol::PROT_NUMBER);
    });
}

/**
 * Sends \p count hand-made packets (a UDP header and 8 bytes after \p make's IP header) from a
 * device, one every \p interval: a flood of distinct flows, for IPv4 (Ipv4Header) or IPv6
 * (Ipv6Header).
 */
template <typename Header>
struct Flood
{
    Ptr<NetDevice> dev;                   //!< the sending device
    uint32_t count{0};                    //!< packets to send
    Time interval;                        //!< between two packets
    std::function<Header(uint32_t)> make; //!< IP header of packet i
    uint32_t sent{0};                     //!< packets sent

    /// Start at \p at.
    void Start(Time at)
    {
        Simulator::ScheduleWithContext(dev->GetNode()->GetId(), at, &Flood::Next, this);
    }

  private:
    void Next()
    {
        Ptr<Packet> p = Create<Packet>(8);
        UdpHeader u;
        u.SetSourcePort(1000 + sent % 1000);
        u.SetDestinationPort(9);
        p->AddHeader(u);
        Header h = make(sent);
        uint16_t protocol;
        if constexpr (std::is_same_v<Header, Ipv4Header>)
        {
            h.SetPayloadSize(p->GetSize());
            protocol = Ipv4L3Protocol::PROT_NUMBER;
        }
        else
        {
            h.SetPayloadLength(p->GetSize());
            protocol = Ipv6L3Protocol::PROT_NUMBER;
        }
        p->AddHeader(h);
        dev->Send(p, dev->GetBroadcast(), protocol);
        if (++sent < count)
        {
            Simulator::Schedule(interval, &Flood::Next, this);
        }
    }
};

/**
 * \brief Check where forwarded packets left, second by second: in each whole second s of
 * \p expected, exactly \p perSecond of the Forward trace records \p forwards (fields t and oif;
 * IPv4 or IPv6 records) left, all on interface expected[s].
 */
template <typename Record>
void
ExpectOutputBySecond(const std::vector<Record>& forwards,
                     const std::map<int, uint32_t>& expected,
                     uint32_t perSecond)
{
    std::map<int, std::map<uint32_t, uint32_t>> bySecond; // second -> interface -> packets
    for (const auto& f : forwards)
    {
        ++bySecond[static_cast<int>(f.t.GetSeconds())][f.oif];
    }
    for (const auto& e : expected)
    {
        EXPECT_EQ(bySecond[e.first], (std::map<uint32_t, uint32_t>{{e.second, perSecond}}))
            << "second " << e.first;
    }
}

/**
 * \brief Print the routing table of \p node (whatever its protocol) into a string.
 */
inline std::string
RoutingTableText(Ptr<Node> node)
{
    std::ostringstream os;
    Ptr<OutputStreamWrapper> w = Create<OutputStreamWrapper>(&os);
    Ipv4Of(node)->GetRoutingProtocol()->PrintRoutingTable(w);
    return os.str();
}

/**
 * The two-path topology of the preference tests (7 nodes):
 * \verbatim
 *                 RA ---- RX
 *  H0 ---- R1 <            \
 *                 RB ------ R2 ---- H1 (10.9.1.0/24)
 * \endverbatim
 * The path through RA and RX is one hop longer than the one through RB.
 */
struct TwoPathNet
{
    NodeContainer all; //!< H0, R1, RA, RX, RB, R2, H1
    Ptr<Node> h0;      //!< source host
    Ptr<Node> r1;      //!< the router that chooses
    Ptr<Node> ra;      //!< first hop of the long path
    Ptr<Node> rx;      //!< second hop of the long path
    Ptr<Node> rb;      //!< the short path
    Ptr<Node> r2;      //!< last router
    Ptr<Node> h1;      //!< destination host
    Link h0r1;         //!< 10.0.0.0/24
    Link r1ra;         //!< 10.0.1.0/24
    Link rarx;         //!< 10.0.2.0/24
    Link rxr2;         //!< 10.0.3.0/24
    Link r1rb;         //!< 10.0.4.0/24
    Link rbr2;         //!< 10.0.5.0/24
    Link r2h1;         //!< 10.9.1.0/24

    /// The destination host's address.
    Ipv4Address Dest() const
    {
        return r2h1.addrB;
    }
};

/**
 * \brief Wire the two-path topology over 7 nodes that already have an internet stack.
 * \param nodes H0, R1, RA, RX, RB, R2, H1
 * \return the topology
 */
inline TwoPathNet
BuildTwoPath(const NodeContainer& nodes)
{
    TwoPathNet t;
    t.all = nodes;
    t.h0 = nodes.Get(0);
    t.r1 = nodes.Get(1);
    t.ra = nodes.Get(2);
    t.rx = nodes.Get(3);
    t.rb = nodes.Get(4);
    t.r2 = nodes.Get(5);
    t.h1 = nodes.Get(6);
    t.h0r1 = P2p(t.h0, t.r1, "10.0.0.0/24");
    t.r1ra = P2p(t.r1, t.ra, "10.0.1.0/24");
    t.rarx = P2p(t.ra, t.rx, "10.0.2.0/24");
    t.rxr2 = P2p(t.rx, t.r2, "10.0.3.0/24");
    t.r1rb = P2p(t.r1, t.rb, "10.0.4.0/24");
    t.rbr2 = P2p(t.rb, t.r2, "10.0.5.0/24");
    t.r2h1 = P2p(t.r2, t.h1, "10.9.1.0/24");
    return t;
}

/**
 * \brief The routes every RTM node of the two-path topology needs apart from R1's: H0's default
 * route and RA/RX/RB's routes toward 10.9.1.0/24 (clients are kept in \p keep).
 */
inline void
AddTwoPathTransitRoutes(const TwoPathNet& t, std::vector<std::unique_ptr<SimClient>>& keep)
{
    auto add = [&](Ptr<Node> n, const std::string& prefix, const std::string& gw) {
        if (!RtmOf(n))
        {
            return;
        }
        keep.push_back(std::make_unique<SimClient>());
        EXPECT_EQ(keep.back()->Register(n), RtmStatus::Success);
        keep.back()->Add(prefix, {gw});
    };
    add(t.h0, "0.0.0.0/0", "10.0.0.2");
    add(t.ra, "10.9.1.0/24", "10.0.2.2");
    add(t.rx, "10.9.1.0/24", "10.0.3.2");
    add(t.rb, "10.9.1.0/24", "10.0.5.2");
}

} // namespace rtmsim

#endif /* RTM_SIM_UTIL_H */
