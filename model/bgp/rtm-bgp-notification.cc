/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpNotification: serialising and parsing NOTIFICATION messages.
 */
#include "rtm-bgp-notification.h"

#include "rtm-bgp-buffer.h"
#include "rtm-bgp-header.h"

#include <algorithm>

namespace ns3
{

std::vector<uint8_t>
RtmBgpNotification::Serialize() const
{
    std::vector<uint8_t> msg;
    RtmBgpHeader::Begin(BGP_MSG_NOTIFICATION, msg);
    RtmBgpWriter w(msg);
    w.U8(error.code);
    w.U8(error.subcode);
    std::size_t n = std::min(error.data.size(), RtmBgpHeader::MAX_SIZE - 21);
    w.Bytes(error.data.data(), n);
    RtmBgpHeader::Finish(msg);
    return msg;
}

bool
RtmBgpNotification::Parse(const uint8_t* body,
                          std::size_t len,
                          RtmBgpNotification& out,
                          RtmBgpParseResult& result)
{
    if (len < 2)
    {
        result.Add(RtmBgpReason::NotificationLength,
                   RtmBgpAction::SessionReset,
                   BGP_ERR_HEADER,
                   BGP_SUB_BAD_LENGTH);
        return false;
    }
    out.error.code = body[0];
    out.error.subcode = body[1];
    out.error.data.assign(body + 2, body + len);
    return true;
}

std::vector<uint8_t>
RtmBgpKeepalive::Serialize()
{
    std::vector<uint8_t> msg;
    RtmBgpHeader::Begin(BGP_MSG_KEEPALIVE, msg);
    RtmBgpHeader::Finish(msg);
    return msg;
}

std::vector<uint8_t>
RtmBgpRouteRefresh::Serialize() const
{
    std::vector<uint8_t> msg;
    RtmBgpHeader::Begin(BGP_MSG_ROUTE_REFRESH, msg);
    RtmBgpWriter w(msg);
    w.U16(afi);
    w.U8(0);
    w.U8(safi);
    RtmBgpHeader::Finish(msg);
    return msg;
}

bool
RtmBgpRouteRefresh::Parse(const uint8_t* body,
                          std::size_t len,
                          RtmBgpRouteRefresh& out,
                          RtmBgpParseResult& result)
{
    if (len != 4)
    {
        std::vector<uint8_t> data(body, body + std::min<std::size_t>(len, 64));
        result.Add(RtmBgpReason::RouteRefreshLength,
                   RtmBgpAction::SessionReset,
                   BGP_ERR_ROUTE_REFRESH,
                   BGP_SUB_RR_INVALID_LENGTH,
                   data);
        return false;
    }
    out.afi = static_cast<uint16_t>((body[0] << 8) | body[1]);
    out.safi = body[3];
    return true;
}

} // namespace ns3
