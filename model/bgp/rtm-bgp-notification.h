/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpNotification: the BGP NOTIFICATION message (RFC 4271 §4.5).
 */
#ifndef RTM_BGP_NOTIFICATION_H
#define RTM_BGP_NOTIFICATION_H

#include "rtm-bgp-error.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The NOTIFICATION message (RFC 4271 §4.5): error code, subcode and data. Sending one
 * closes the connection; receiving one ends the session.
 */
class RtmBgpNotification
{
  public:
    RtmBgpNotify error; //!< code, subcode, data

    /// \return the whole message (the data is cut so the message fits 4096 octets)
    std::vector<uint8_t> Serialize() const;

    /**
     * \brief Parse a NOTIFICATION body. Its minimum length is checked with the header, so any
     * body of at least two octets is valid (unknown codes included: RFC 4271 §6.4).
     * \return false (NotificationLength) if shorter than two octets
     */
    static bool Parse(const uint8_t* body,
                      std::size_t len,
                      RtmBgpNotification& out,
                      RtmBgpParseResult& result);
};

/**
 * \ingroup rtm
 * \brief The KEEPALIVE message (RFC 4271 §4.4): the header alone, exactly 19 octets (its
 * length is checked with the header, RtmBgpHeader::Check).
 */
class RtmBgpKeepalive
{
  public:
    /// \return the whole message
    static std::vector<uint8_t> Serialize();
};

/**
 * \ingroup rtm
 * \brief The ROUTE-REFRESH message (RFC 2918): ask the peer to send its Adj-RIB-Out of one
 * (AFI, SAFI) again. A body that is not exactly 4 octets is 7/1 (RFC 7313).
 */
class RtmBgpRouteRefresh
{
  public:
    uint16_t afi{1}; //!< address family
    uint8_t safi{1}; //!< subsequent address family

    /// \return the whole message
    std::vector<uint8_t> Serialize() const;

    /// \return false (RouteRefreshLength, session reset 7/1) if the body is not 4 octets
    static bool Parse(const uint8_t* body,
                      std::size_t len,
                      RtmBgpRouteRefresh& out,
                      RtmBgpParseResult& result);
};

} // namespace ns3

#endif /* RTM_BGP_NOTIFICATION_H */
