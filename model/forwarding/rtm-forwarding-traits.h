/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the two address families really differ in, for the forwarding plane
 * (RtmForwardingPlane<P>): the ns-3 types of the family, the conversion of an address to the
 * table's key, the classes of addresses (multicast, link scope, loopback, martians), the header
 * fields and a few facts about ns-3's IP layer of that family. One template; each rule shows both
 * families side by side (`if constexpr`), as ns-3's NixVectorRouting<T> does. Everything else is
 * written once in the plane.
 */
#ifndef RTM_FORWARDING_TRAITS_H
#define RTM_FORWARDING_TRAITS_H

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/rtm-family.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Family traits of the forwarding plane.
 * \tparam P the ns-3 routing protocol base class: Ipv4RoutingProtocol or Ipv6RoutingProtocol
 */
template <typename P>
struct RtmForwardingTraits
{
    static constexpr bool kIpv6 = std::is_same_v<P, Ipv6RoutingProtocol>; //!< the family
    /// the table family
    typedef std::conditional_t<kIpv6, RtmIpv6Family, RtmIpv4Family> Family;
    typedef typename Family::Key Key;                                    //!< address as an integer
    typedef std::conditional_t<kIpv6, Ipv6, Ipv4> Ip;                    //!< the node's IP layer
    typedef std::conditional_t<kIpv6, Ipv6Header, Ipv4Header> Header;    //!< IP header
    typedef std::conditional_t<kIpv6, Ipv6Route, Ipv4Route> Route;       //!< unicast route
    typedef std::conditional_t<kIpv6, Ipv6Address, Ipv4Address> Address; //!< address
    /// multicast route
    typedef std::conditional_t<kIpv6, Ipv6MulticastRoute, Ipv4MulticastRoute> MulticastRoute;
    /// interface address
    typedef std::conditional_t<kIpv6, Ipv6InterfaceAddress, Ipv4InterfaceAddress> IfAddress;

    static constexpr const char* kName = kIpv6 ? "IPv6" : "IPv4"; //!< family name (printing)
    static constexpr const char* kShell = kIpv6 ? "RtmIpv6Routing" : "RtmIpv4Routing"; //!< class
    /// Ipv6L3Protocol::Receive delivers the ingress interface's addresses and joined groups
    /// itself before RouteInput; Ipv4L3Protocol leaves local delivery to RouteInput.
    static constexpr bool kL3DeliversOwnTraffic = kIpv6;
    /// Ipv4L3Protocol traces a packet that every protocol declined (DROP_NO_ROUTE);
    /// Ipv6L3Protocol drops it without any trace.
    static constexpr bool kL3ReportsDeclined = !kIpv6;

    /// \return the key of \p a (the address bits, most significant first)
    static Key ToKey(const Address& a)
    {
        if constexpr (kIpv6)
        {
            uint8_t b[16];
            a.GetBytes(b);
            uint64_t hi;
            uint64_t lo;
            std::memcpy(&hi, b, 8);
            std::memcpy(&lo, b + 8, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            hi = __builtin_bswap64(hi);
            lo = __builtin_bswap64(lo);
#endif
            return (static_cast<Key>(hi) << 64) | lo;
        }
        else
        {
            return a.Get();
        }
    }

    /// \return the source of \p h
    static Key Source(const Header& h)
    {
        return ToKey(h.GetSource());
    }

    /// \return the destination of \p h
    static Key Destination(const Header& h)
    {
        return ToKey(h.GetDestination());
    }

    /// \return the address of key \p k
    static Address FromKey(Key k)
    {
        if constexpr (kIpv6)
        {
            uint8_t b[16];
            for (int i = 15; i >= 0; --i, k >>= 8)
            {
                b[i] = static_cast<uint8_t>(k);
            }
            return Ipv6Address(b);
        }
        else
        {
            return Ipv4Address(k);
        }
    }

    /// \return true for a multicast address (224.0.0.0/4, ff00::/8)
    static bool IsMulticast(Key k)
    {
        return static_cast<uint8_t>(k >> (Family::kBits - 8)) >= (kIpv6 ? 0xff : 0xe0) &&
               static_cast<uint8_t>(k >> (Family::kBits - 8)) <= (kIpv6 ? 0xff : 0xef);
    }

    /// \return true for multicast that never leaves its link: 224.0.0.0/24; IPv6 scopes 0 to 2
    /// (interface, link, reserved: ff02::/16 ...)
    static bool IsLinkScopeMulticast(Key k)
    {
        if constexpr (kIpv6)
        {
            return IsMulticast(k) && (static_cast<uint32_t>(k >> 112) & 0xf) <= 2;
        }
        else
        {
            return (k & 0xFFFFFF00u) == 0xE0000000u;
        }
    }

    /// \return true for an address that means nothing without an interface (there is no scope
    /// id): IPv6 link-local unicast (fe80::/10) and link-scope multicast. IPv4 has none (ns-3's
    /// IPv4 sends 224.0.0.0/24 by the routes like other groups).
    static bool NeedsZone(Key k)
    {
        if constexpr (kIpv6)
        {
            return static_cast<uint32_t>(k >> 118) == 0x3fa || IsLinkScopeMulticast(k);
        }
        else
        {
            return false;
        }
    }

    /// \return true for a loopback address (127.0.0.0/8, ::1)
    static bool IsLoopback(Key k)
    {
        return kIpv6 ? k == 1 : (k >> (Family::kBits - 8)) == 127;
    }

    /// \return true for the limited broadcast 255.255.255.255 (IPv6 has none)
    static bool IsLimitedBroadcast(Key k)
    {
        return !kIpv6 && k == static_cast<Key>(~Key(0));
    }

    /// \return true for a source a router never forwards. IPv6 (RFC 4443 2.4 (e), RFC 4291
    /// 2.5.6): ::, ::1, multicast, link-local. IPv4: none; the table filters (MARTIAN routes),
    /// as RFC 1812 5.3.7 only says SHOULD NOT and ns-3's own IPv4 routing forwards them.
    static bool IsMartianSource(Key k)
    {
        return kIpv6 && (k == 0 || IsLoopback(k) || IsMulticast(k) || NeedsZone(k));
    }

    /// \return true for a unicast destination never forwarded. IPv6: link-local, ::, ::1, and
    /// 2001:db8::/32, which ns-3's Ipv6L3Protocol::IpForward drops. IPv4: none (the table).
    static bool IsMartianDestination(Key k)
    {
        return kIpv6 && (NeedsZone(k) || k == 0 || IsLoopback(k) ||
                         static_cast<uint32_t>(k >> (Family::kBits - 32)) == 0x20010db8u);
    }

    /// \return the TTL (IPv4) or hop limit (IPv6)
    static uint8_t Ttl(const Header& h)
    {
        if constexpr (kIpv6)
        {
            return h.GetHopLimit();
        }
        else
        {
            return h.GetTtl();
        }
    }

    /// Set the TTL (IPv4) or hop limit (IPv6).
    static void SetTtl(Header& h, uint8_t ttl)
    {
        if constexpr (kIpv6)
        {
            h.SetHopLimit(ttl);
        }
        else
        {
            h.SetTtl(ttl);
        }
    }

    /// \return the transport protocol (IPv6: next header)
    static uint8_t Protocol(const Header& h)
    {
        if constexpr (kIpv6)
        {
            return h.GetNextHeader();
        }
        else
        {
            return h.GetProtocol();
        }
    }

    /// \return the 20-bit flow label (IPv4: 0)
    static uint32_t FlowLabel(const Header& h)
    {
        if constexpr (kIpv6)
        {
            return h.GetFlowLabel() & 0xFFFFF;
        }
        else
        {
            return 0;
        }
    }

    /// \return true if the payload starts with the transport header: not a later IPv4
    /// fragment (routers see whole IPv6 packets: IPv6 routers never fragment)
    static bool HasTransportHeader(const Header& h)
    {
        if constexpr (kIpv6)
        {
            return true;
        }
        else
        {
            return h.GetFragmentOffset() == 0 && h.IsLastFragment();
        }
    }

    /**
     * \brief Read address \p j of interface \p i. An IPv6 address without the on-link flag is a
     * host address (its prefix is not on the link).
     * \param ip the IP layer \param i the interface \param j the address index
     * \param[out] key the address \param[out] len its prefix length
     * \return false for the unspecified address (skipped)
     */
    static bool ReadAddress(const Ip& ip, uint32_t i, uint32_t j, Key& key, uint8_t& len)
    {
        IfAddress a = ip.GetAddress(i, j);
        if constexpr (kIpv6)
        {
            key = ToKey(a.GetAddress());
            len = a.GetOnLink() ? a.GetPrefix().GetPrefixLength() : 128;
        }
        else
        {
            key = ToKey(a.GetLocal());
            len = static_cast<uint8_t>(a.GetMask().GetPrefixLength());
        }
        return key != 0;
    }
};

} // namespace ns3

#endif /* RTM_FORWARDING_TRAITS_H */
