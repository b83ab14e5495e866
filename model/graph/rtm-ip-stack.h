/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIpStack<Ip>: what the topology code (RtmNetworkGraph, the multicast feeder, the topology
 * helper and the path validator) reads from ns-3's Ipv4 or Ipv6 object, so that each of them is
 * written once for both families. Both objects already share the interface calls the code needs
 * (GetNInterfaces, GetNetDevice, GetInterfaceForDevice, IsUp, GetMetric, GetNAddresses); what
 * differs is the address type, which RtmIpStack turns into an RtmIfAddress (the address as an
 * RtmNetAddress, its prefix length and what kind of address it is).
 *
 * RtmWithIpStack(family, f) calls f(RtmIpStack<Ipv4>()) or f(RtmIpStack<Ipv6>()): a generic
 * lambda then holds the family-independent code once.
 */
#ifndef RTM_IP_STACK_H
#define RTM_IP_STACK_H

#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/node.h"
#include "ns3/rtm-family.h"
#include "ns3/rtm-net-address.h"

#include <cstdint>

namespace ns3
{

/// One address of an interface, family-independent.
struct RtmIfAddress
{
    RtmNetAddress local;     //!< the address (full length)
    uint16_t length{0};      //!< the prefix length it was configured with
    bool unspecified{false}; //!< 0.0.0.0 or ::
    bool loopbackNet{false}; //!< 127/8 or ::1: never a routed prefix
    bool linkLocal{false};   //!< fe80::/10: never a routed prefix, a next hop on its link only

    /// \return true if the address may name a prefix or a gateway beyond its own link
    bool IsRoutable() const
    {
        return !unspecified && !loopbackNet && !linkLocal;
    }

    /// \return the subnet of the address (its prefix, bits beyond the length cleared)
    RtmNetAddress Subnet() const
    {
        RtmNetAddress s = local;
        s.numBits = length;
        return s.Masked();
    }
};

/// Traits of one family's ns-3 IP object; see the file comment.
template <typename Ip>
struct RtmIpStack;

/// IPv4.
template <>
struct RtmIpStack<Ipv4>
{
    typedef Ipv4 Ip;                             //!< the ns-3 object
    typedef RtmIpv4Family Family;                //!< the table family
    static constexpr uint16_t kAf = RTM_AF_INET; //!< the family value

    /// \return address \p j of interface \p i
    static RtmIfAddress GetAddress(const Ptr<Ipv4>& ip, uint32_t i, uint32_t j)
    {
        Ipv4InterfaceAddress a = ip->GetAddress(i, j);
        RtmIfAddress r;
        r.local = RtmNetAddress::FromIpv4(a.GetLocal());
        r.length = a.GetMask().GetPrefixLength();
        r.unspecified = a.GetLocal() == Ipv4Address::GetAny();
        r.loopbackNet = (a.GetLocal().Get() >> 24) == 127;
        return r;
    }
};

/// IPv6.
template <>
struct RtmIpStack<Ipv6>
{
    typedef Ipv6 Ip;                              //!< the ns-3 object
    typedef RtmIpv6Family Family;                 //!< the table family
    static constexpr uint16_t kAf = RTM_AF_INET6; //!< the family value

    /// \return address \p j of interface \p i
    static RtmIfAddress GetAddress(const Ptr<Ipv6>& ip, uint32_t i, uint32_t j)
    {
        Ipv6InterfaceAddress a = ip->GetAddress(i, j);
        Ipv6Address local = a.GetAddress();
        RtmIfAddress r;
        r.local = RtmNetAddress::FromIpv6(local);
        r.length = a.GetPrefix().GetPrefixLength();
        r.unspecified = local.IsAny();
        r.loopbackNet = local.IsLocalhost();
        r.linkLocal = local.IsLinkLocal();
        return r;
    }
};

/**
 * \brief Call \p f with the stack traits of \p family: f(RtmIpStack<Ipv4>()) for RTM_AF_INET,
 * f(RtmIpStack<Ipv6>()) for RTM_AF_INET6.
 * \param family the family
 * \param f a callable taking either traits object (a generic lambda)
 * \return what \p f returns
 */
template <typename Fn>
auto
RtmWithIpStack(uint16_t family, Fn&& f)
{
    if (family == RTM_AF_INET6)
    {
        return f(RtmIpStack<Ipv6>());
    }
    return f(RtmIpStack<Ipv4>());
}

/// \return "ipv4" or "ipv6"
inline const char*
RtmFamilyName(uint16_t family)
{
    return family == RTM_AF_INET6 ? "ipv6" : "ipv4";
}

} // namespace ns3

#endif /* RTM_IP_STACK_H */
