/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpOpen: the BGP OPEN message with its capabilities (RFC 4271 §4.2, RFC 5492, RFC 4760,
 * RFC 6793, RFC 2918).
 */
#ifndef RTM_BGP_OPEN_H
#define RTM_BGP_OPEN_H

#include "rtm-bgp-error.h"

#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The OPEN message (RFC 4271 §4.2) with its capabilities (RFC 5492): multiprotocol
 * (RFC 4760, code 1), route refresh (RFC 2918, code 2) and 4-octet AS numbers (RFC 6793,
 * code 65). A speaker whose AS does not fit two octets sends AS_TRANS in My Autonomous System.
 */
class RtmBgpOpen
{
  public:
    static constexpr uint8_t VERSION = 4;            //!< BGP-4
    static constexpr uint8_t CAP_MULTIPROTOCOL = 1;  //!< RFC 4760
    static constexpr uint8_t CAP_ROUTE_REFRESH = 2;  //!< RFC 2918
    static constexpr uint8_t CAP_FOUR_OCTET_AS = 65; //!< RFC 6793
    static constexpr uint8_t PARAM_CAPABILITIES = 2; //!< optional parameter type

    /// A capability this implementation does not interpret.
    struct Capability
    {
        uint8_t code{0};            //!< capability code
        std::vector<uint8_t> value; //!< its value
    };

    uint8_t version{VERSION};                                //!< version
    uint32_t myAs{0};                                        //!< the sender's AS (4-octet)
    uint16_t holdTime{90};                                   //!< proposed hold time, s
    uint32_t bgpId{0};                                       //!< BGP identifier
    bool fourOctetAs{true};                                  //!< 4-octet AS capability
    bool routeRefresh{true};                                 //!< route refresh capability
    std::vector<std::pair<uint16_t, uint8_t>> multiprotocol; //!< (AFI, SAFI) pairs
    std::vector<Capability> otherCapabilities;               //!< capabilities kept as they came

    /// \return true if (afi, safi) is announced
    bool HasFamily(uint16_t afi, uint8_t safi) const;

    /// \return the whole message (header included)
    std::vector<uint8_t> Serialize() const;

    /**
     * \brief Parse an OPEN body (after the 19-octet header) with the checks of RFC 4271 §6.2
     * that need no configuration: version (2/1, data: the version we support), hold time 1 or 2
     * (2/6), BGP identifier 0 (2/3), unknown optional parameters (2/4), malformed parameters or
     * capabilities (2/0). The peer's AS is checked by the session (2/2).
     * \param body the body \param len its length
     * \param[out] out the message \param[out] result the errors
     * \return true if the message is acceptable
     */
    static bool Parse(const uint8_t* body,
                      std::size_t len,
                      RtmBgpOpen& out,
                      RtmBgpParseResult& result);

    /// Print the message on one line.
    void Print(std::ostream& os) const;
};

} // namespace ns3

#endif /* RTM_BGP_OPEN_H */
