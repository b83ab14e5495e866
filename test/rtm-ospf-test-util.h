/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers of the OSPF tests: the best RTM route of a destination as seen by a node's OSPF
 * client, link-state database comparison between routers, neighbour-state lookups, loopback
 * router addresses, and hand-made OSPF packets put on a link as a broken or hostile neighbour
 * would send them.
 */
#ifndef RTM_OSPF_TEST_UTIL_H
#define RTM_OSPF_TEST_UTIL_H

#include "rtm-sim-util.h"

#include "ns3/rtm-ospf-auth.h"
#include "ns3/rtm-ospf-client.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-ospf-packets.h"

#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ospftest
{

using namespace ns3;
using namespace rtmsim;

/// A best route as the RTM holds it.
struct Best
{
    bool found{false};                            //!< a best unicast route exists
    uint32_t protocol{0};                         //!< its owner's protocol id
    uint32_t preference{0};                       //!< preference
    uint32_t metric{0};                           //!< metric
    std::set<std::pair<uint32_t, uint32_t>> hops; //!< (interface, gateway) of its next hops
};

/// \return the best unicast route of \p prefix in the RTM of \p node (instance \p instance)
inline Best
BestRoute(Ptr<Node> node, const std::string& prefix, uint16_t instance = 0)
{
    Best b;
    Ptr<RtmOspfClient> c = RtmOspfHelper::GetOspfClient(node, instance);
    if (!c || !c->GetRegistration())
    {
        return b;
    }
    Ptr<RtmRegistration> reg = c->GetRegistration();
    RtmDestInfo info;
    if (reg->GetExactMatchDestination(Prefix(prefix),
                                      RTM_BEST_PROTOCOL,
                                      RTM_VIEW_MASK_UCAST,
                                      info) != RtmStatus::Success ||
        info.viewInfo.empty() || info.viewInfo[0].route.IsNull())
    {
        return b;
    }
    RtmRouteInfo ri;
    if (reg->GetRouteInfo(info.viewInfo[0].route, &ri) != RtmStatus::Success)
    {
        return b;
    }
    RtmEntityInfo owner;
    reg->GetEntityInfo(info.viewInfo[0].owner, owner);
    b.found = true;
    b.protocol = owner.entityId.entityProtocolId;
    b.preference = ri.prefInfo.preference;
    b.metric = ri.prefInfo.metric;
    for (const auto& nh : ri.nextHops)
    {
        RtmNextHopInfo ni;
        if (reg->GetNextHopInfo(nh, ni) == RtmStatus::Success)
        {
            b.hops.insert({ni.interfaceIndex, ni.nextHopAddress.GetIpv4().Get()});
        }
    }
    return b;
}

/// \return the OSPF client of \p node (instance 0)
inline Ptr<RtmOspfClient>
Ospf(Ptr<Node> node, uint16_t instance = 0)
{
    return RtmOspfHelper::GetOspfClient(node, instance);
}

/// \return the state of the neighbour \p routerId of \p node (Down if unknown)
inline RtmOspfNbrState
NbrState(Ptr<Node> node, Ipv4Address routerId, uint16_t instance = 0)
{
    for (const auto& n : Ospf(node, instance)->GetNeighbors())
    {
        if (n.routerId == routerId)
        {
            return n.state;
        }
    }
    return RtmOspfNbrState::Down;
}

/// \return the database of an area as "type lsid adv seq cksum" lines (ages left out)
inline std::string
LsdbText(Ptr<RtmOspfClient> c, uint32_t area)
{
    std::ostringstream os;
    for (const auto& h : c->GetLsdb(area))
    {
        if (h.age >= OSPF_MAX_AGE)
        {
            continue; // being flushed: may linger on one side a little longer
        }
        os << RtmOspfLsaTypeName(h.type) << " " << RtmOspfDotted(h.lsid) << " "
           << RtmOspfDotted(h.advRouter) << " " << std::hex << static_cast<uint32_t>(h.seq) << " "
           << h.checksum << std::dec << "\n";
    }
    return os.str();
}

/**
 * \brief Do all the clients hold the same database of \p area?
 * \param why the first difference
 */
inline bool
SameLsdb(const std::vector<Ptr<RtmOspfClient>>& clients, uint32_t area, std::string* why = nullptr)
{
    std::string first = LsdbText(clients.front(), area);
    for (std::size_t k = 1; k < clients.size(); ++k)
    {
        std::string t = LsdbText(clients[k], area);
        if (t != first)
        {
            if (why != nullptr)
            {
                *why = "databases differ:\n--- " +
                       RtmOspfDotted(clients.front()->GetRouterId().Get()) + "\n" + first + "--- " +
                       RtmOspfDotted(clients[k]->GetRouterId().Get()) + "\n" + t;
            }
            return false;
        }
    }
    return true;
}

/// Give \p node a router address on its loopback interface (a /32).
inline void
AddLoopback(Ptr<Node> node, const std::string& address)
{
    Ipv4Of(node)->AddAddress(0,
                             Ipv4InterfaceAddress(Ipv4Address(address.c_str()), Ipv4Mask("/32")));
}

/// Give the first \p count of \p nodes the router addresses 172.16.0.1, 172.16.0.2, ...
inline void
AddLoopbacks(const NodeContainer& nodes, uint32_t count)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        AddLoopback(nodes.Get(i), "172.16.0." + std::to_string(i + 1));
    }
}

/// \return the bytes of an OSPF packet (common header + \p body), optionally authenticated
inline std::vector<uint8_t>
OspfBytes(const Header& body,
          RtmOspfPacketType type,
          uint32_t routerId,
          uint32_t area,
          const RtmOspfAuthConfig& auth = RtmOspfAuthConfig(),
          uint32_t seq = 0)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(body);
    RtmOspfHeader h;
    h.type = static_cast<uint8_t>(type);
    h.routerId = routerId;
    h.areaId = area;
    RtmOspfAuth::Stamp(h, auth, seq);
    p->AddHeader(h);
    RtmOspfAuth::Sign(p, auth);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// Recompute the OSPF checksum of \p b after editing it.
inline void
FixOspfChecksum(std::vector<uint8_t>& b)
{
    uint16_t len = static_cast<uint16_t>((b[2] << 8) | b[3]);
    uint16_t c = RtmOspfHeader::ComputeChecksum(b.data(), std::min<uint32_t>(len, b.size()));
    b[12] = static_cast<uint8_t>(c >> 8);
    b[13] = static_cast<uint8_t>(c);
}

/**
 * \brief Put \p bytes on the link of \p dev \p at from now as an IP packet of protocol 89 from \p
 * src to \p dst (TTL 1), as if a neighbour had sent it.
 */
inline void
InjectOspf(Time at,
           Ptr<NetDevice> dev,
           Ipv4Address src,
           Ipv4Address dst,
           std::vector<uint8_t> bytes)
{
    RtmScheduleWithContext(dev->GetNode()->GetId(), at, [dev, src, dst, bytes]() {
        Ptr<Packet> p = Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
        Ipv4Header ip;
        ip.SetSource(src);
        ip.SetDestination(dst);
        ip.SetProtocol(OSPF_IP_PROTOCOL);
        ip.SetTtl(1);
        ip.SetPayloadSize(p->GetSize());
        p->AddHeader(ip);
        Address to = dev->GetBroadcast();
        if (dst.IsMulticast())
        {
            to = dev->GetMulticast(dst);
        }
        dev->Send(p, to, Ipv4L3Protocol::PROT_NUMBER);
    });
}

} // namespace ospftest

#endif /* RTM_OSPF_TEST_UTIL_H */
