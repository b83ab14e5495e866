/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmNetAddress: an address or prefix of either family (RTM_NET_ADDRESS): family, length and
 * bits, left-aligned. Invariant of a valid prefix: no bit set beyond its length (bad input is
 * refused, never masked).
 */
#ifndef RTM_NET_ADDRESS_H
#define RTM_NET_ADDRESS_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/// Address family of IPv4 tables (the POSIX AF_INET value).
constexpr uint16_t RTM_AF_INET = 2;
/// Address family of IPv6 tables (the Linux AF_INET6 value).
constexpr uint16_t RTM_AF_INET6 = 10;
/// Bytes in the widest address (RTM_MAX_ADDRESS_SIZE).
constexpr uint32_t RTM_MAX_ADDRESS_SIZE = 16;

/**
 * \ingroup rtm
 * \brief An address or prefix of either family (RTMv2's RTM_NET_ADDRESS).
 *
 * The prefix bits are stored left-aligned in network byte order in addrBits; numBits is the
 * prefix length. A host address is a prefix of full length (32 or 128). RTM operations reject
 * (InvalidParameter) a prefix whose bits beyond numBits are not zero, a length beyond the family's
 * width and an unknown family; nothing is silently masked.
 */
struct RtmNetAddress
{
    uint16_t addressFamily{0};                //!< RTM_AF_INET or RTM_AF_INET6 (0: unset)
    uint16_t numBits{0};                      //!< prefix length in bits
    uint8_t addrBits[RTM_MAX_ADDRESS_SIZE]{}; //!< address bits, left-aligned, network order

    /**
     * \brief An IPv4 prefix (no validation: see IsValid()).
     * \param address the address
     * \param length the prefix length
     * \return the prefix
     */
    static RtmNetAddress FromIpv4(Ipv4Address address, uint16_t length = 32);
    /**
     * \brief An IPv4 prefix from an address and a mask (the mask's prefix length is used).
     * \param address the address
     * \param mask a contiguous mask
     * \return the prefix
     */
    static RtmNetAddress FromIpv4(Ipv4Address address, Ipv4Mask mask);
    /**
     * \brief An IPv6 prefix (no validation: see IsValid()).
     * \param address the address
     * \param length the prefix length
     * \return the prefix
     */
    static RtmNetAddress FromIpv6(Ipv6Address address, uint16_t length = 128);
    /**
     * \brief Parse "10.0.0.0/8", "2001:db8::/32" or a bare address (a host prefix).
     * \param text the text
     * \param[out] out the parsed prefix
     * \return true on success; false leaves \p out unchanged
     */
    static bool Parse(const std::string& text, RtmNetAddress& out);

    /// \return the family's width in bits (32, 128), or 0 for an unknown family
    uint16_t FamilyBits() const;
    /// \return true if the family is known and numBits does not exceed its width
    bool IsValid() const;
    /// \return true if IsValid() and no bit beyond numBits is set
    bool IsCanonical() const;
    /// \return a copy with every bit beyond numBits cleared
    RtmNetAddress Masked() const;
    /// \return true if this prefix covers \p other (same family, shorter or equal, same bits)
    bool Covers(const RtmNetAddress& other) const;
    /// \return the IPv4 address (first four bytes)
    Ipv4Address GetIpv4() const;
    /// \return the IPv6 address
    Ipv6Address GetIpv6() const;
    /// \return "a.b.c.d/len" or "x::y/len"
    std::string ToString() const;
    /// \return the address alone, without "/len"
    std::string AddressString() const;
};

/// \return true if both have the same family, length and bits
bool operator==(const RtmNetAddress& a, const RtmNetAddress& b);
/// \return the negation of ==
bool operator!=(const RtmNetAddress& a, const RtmNetAddress& b);
/// Address order: family, then bits, then length (a pre-order walk of a binary trie).
bool operator<(const RtmNetAddress& a, const RtmNetAddress& b);
/// Print ToString().
std::ostream& operator<<(std::ostream& os, const RtmNetAddress& a);

} // namespace ns3

#endif /* RTM_NET_ADDRESS_H */
