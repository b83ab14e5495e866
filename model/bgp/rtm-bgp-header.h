/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpHeader: the fixed header of every BGP message (marker, length, type) and the KEEPALIVE
 * message.
 */
#ifndef RTM_BGP_HEADER_H
#define RTM_BGP_HEADER_H

#include "rtm-bgp-error.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/// BGP message types (RFC 4271 §4.1, RFC 2918).
enum RtmBgpMessageType : uint8_t
{
    BGP_MSG_OPEN = 1,          //!< OPEN
    BGP_MSG_UPDATE = 2,        //!< UPDATE
    BGP_MSG_NOTIFICATION = 3,  //!< NOTIFICATION
    BGP_MSG_KEEPALIVE = 4,     //!< KEEPALIVE
    BGP_MSG_ROUTE_REFRESH = 5, //!< ROUTE-REFRESH (RFC 2918)
};

/// Address family identifiers and the one SAFI used (RFC 4760).
constexpr uint16_t BGP_AFI_IPV4 = 1;    //!< IPv4
constexpr uint16_t BGP_AFI_IPV6 = 2;    //!< IPv6
constexpr uint8_t BGP_SAFI_UNICAST = 1; //!< unicast

/**
 * \ingroup rtm
 * \brief The fixed header of every BGP message (RFC 4271 §4.1): a 16-octet marker of all ones,
 * a 2-octet length (19..4096, the header included) and a 1-octet type.
 *
 * BGP runs over a TCP byte stream; a receiver peeks at the header to learn how many bytes the
 * next message has. Check() applies the §6.1 rules (marker, length per type, known type).
 */
class RtmBgpHeader
{
  public:
    static constexpr std::size_t SIZE = 19;        //!< header bytes
    static constexpr std::size_t MAX_SIZE = 4096;  //!< largest message (RFC 4271)
    static constexpr std::size_t MARKER_SIZE = 16; //!< marker bytes

    uint16_t length{SIZE};           //!< total message length
    uint8_t type{BGP_MSG_KEEPALIVE}; //!< message type

    /**
     * \brief Read and check a header (RFC 4271 §6.1).
     * \param data at least SIZE bytes
     * \param[out] out the header
     * \param[out] result Connection Not Synchronized, Bad Message Length (data: the length) or
     * Bad Message Type (data: the type)
     * \return false on an error (always a session reset)
     */
    static bool Check(const uint8_t* data, RtmBgpHeader& out, RtmBgpParseResult& result);

    /**
     * \brief Start a message: marker, a length placeholder and the type.
     * \param type the type \param[out] out cleared, then the header
     */
    static void Begin(uint8_t type, std::vector<uint8_t>& out);
    /// Write the final length into a message started with Begin. \param msg the message
    static void Finish(std::vector<uint8_t>& msg);
};

} // namespace ns3

#endif /* RTM_BGP_HEADER_H */
