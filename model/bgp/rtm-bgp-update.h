/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpUpdate: the BGP UPDATE message (withdrawn routes, path attributes, NLRI; IPv6 through
 * MP_REACH_NLRI / MP_UNREACH_NLRI).
 */
#ifndef RTM_BGP_UPDATE_H
#define RTM_BGP_UPDATE_H

#include "rtm-bgp-attributes.h"
#include "rtm-bgp-error.h"

#include "ns3/rtm-net-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The UPDATE message (RFC 4271 §4.3) for IPv4 unicast (withdrawn routes, path
 * attributes, NLRI) and IPv6 unicast (MP_REACH_NLRI / MP_UNREACH_NLRI, RFC 4760).
 *
 * A parsed UPDATE lists the withdrawn prefixes of both families and the announced prefixes of
 * each family with their attributes (next hop filled in per family). When an error calls for
 * treat-as-withdraw (RFC 7606), Parse moves every announced prefix to the withdrawn list.
 * A message built for sending carries one family: IPv4 in the classic fields, IPv6 in the MP
 * attributes.
 */
class RtmBgpUpdate
{
  public:
    std::vector<RtmNetAddress> withdrawn;  //!< withdrawn prefixes (both families)
    std::vector<RtmNetAddress> announced4; //!< announced IPv4 prefixes
    Ptr<const RtmBgpAttributes> attrs4;    //!< their attributes (null if none announced)
    std::vector<RtmNetAddress> announced6; //!< announced IPv6 prefixes
    Ptr<const RtmBgpAttributes> attrs6;    //!< their attributes (null if none announced)

    /**
     * \brief Serialise for a peer: IPv4 prefixes in the classic fields; IPv6 ones in
     * MP_UNREACH_NLRI and MP_REACH_NLRI. The caller keeps the message within 4096 octets
     * (WireSize and PrefixSize help).
     * \param codec the session
     * \return the whole message
     */
    std::vector<uint8_t> Serialize(const RtmBgpCodec& codec) const;

    /**
     * \brief Parse an UPDATE body with the error handling of RFC 4271 §6.3 / RFC 7606.
     * \param body the body \param len its length
     * \param codec the session
     * \param[out] out the message
     * \param[out] result the errors (TreatAsWithdraw has already been applied to \p out)
     * \return false if the session must be reset
     */
    static bool Parse(const uint8_t* body,
                      std::size_t len,
                      const RtmBgpCodec& codec,
                      RtmBgpUpdate& out,
                      RtmBgpParseResult& result);

    /// \return the octets \p prefix takes in an NLRI field (length octet + address octets)
    static std::size_t PrefixSize(const RtmNetAddress& prefix);

    /**
     * \brief Encode prefixes as NLRI (length, then the significant octets).
     * \param prefixes the prefixes \param[out] out appended to
     */
    static void EncodePrefixes(const std::vector<RtmNetAddress>& prefixes,
                               std::vector<uint8_t>& out);

    /**
     * \brief Decode an NLRI field (RFC 7606 §5.3: a length beyond the family or an overrun
     * is an error of the whole field).
     * \param data the field \param len its length \param family RTM_AF_INET or RTM_AF_INET6
     * \param[out] out appended to (host bits beyond the length are cleared)
     * \return false if malformed
     */
    static bool DecodePrefixes(const uint8_t* data,
                               std::size_t len,
                               uint16_t family,
                               std::vector<RtmNetAddress>& out);
};

} // namespace ns3

#endif /* RTM_BGP_UPDATE_H */
