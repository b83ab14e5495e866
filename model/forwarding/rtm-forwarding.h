/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Pieces shared by the IPv4 and IPv6 forwarding planes: drop reasons and the ECMP flow hash.
 */
#ifndef RTM_FORWARDING_H
#define RTM_FORWARDING_H

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Why the forwarding plane dropped a packet (Drop trace, drop counters).
 */
enum class RtmDropReason : uint8_t
{
    NoRoute = 0,        //!< no route in the unicast view (the RTM declined the packet)
    RpfFailure,         //!< multicast packet on another interface than the RPF interface
    Blackhole,          //!< best route flagged BLACKHOLE: dropped silently
    Discard,            //!< best route flagged DISCARD: dropped, unreachable reported
    Martian,            //!< best route flagged MARTIAN
    TtlExpired,         //!< TTL / hop limit would reach 0 (the IP layer sends the ICMP error)
    NoNextHop,          //!< route without a usable next hop (none, interface down, unresolved)
    ForwardingDisabled, //!< the input interface does not forward
    NoMulticastRoute,   //!< no multicast forwarding entry for (S, G)
    ForeignInterface,   //!< the route's only usable hops are on interfaces of another instance
    Count               //!< number of reasons
};

/// \return the name of a drop reason ("NoRoute", ...)
inline const char*
RtmDropReasonName(RtmDropReason r)
{
    static const char* names[] = {"NoRoute",
                                  "RpfFailure",
                                  "Blackhole",
                                  "Discard",
                                  "Martian",
                                  "TtlExpired",
                                  "NoNextHop",
                                  "ForwardingDisabled",
                                  "NoMulticastRoute",
                                  "ForeignInterface"};
    return r < RtmDropReason::Count ? names[static_cast<int>(r)] : "?";
}

/// Print a drop reason.
inline std::ostream&
operator<<(std::ostream& os, RtmDropReason r)
{
    return os << RtmDropReasonName(r);
}

/**
 * \brief Mix a 64-bit value (the splitmix64 finaliser): a good, cheap hash for flow keys.
 * \param x the value
 * \return the mixed value
 */
inline uint64_t
RtmMix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/**
 * \brief ECMP flow hash: the same flow always gets the same value for a given seed.
 * \param seed the router's ECMP seed
 * \param a first word of the flow key (e.g. source address bits)
 * \param b second word (destination address bits)
 * \param c third word (protocol and ports)
 * \return the hash
 */
inline uint64_t
RtmFlowHash(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    return RtmMix64(seed ^ RtmMix64(a ^ RtmMix64(b ^ RtmMix64(c))));
}

} // namespace ns3

#endif /* RTM_FORWARDING_H */
