/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpHeader: writing and checking the BGP message header (RFC 4271 §4.1, §6.1).
 */
#include "rtm-bgp-header.h"

#include "rtm-bgp-buffer.h"

namespace ns3
{

bool
RtmBgpHeader::Check(const uint8_t* data, RtmBgpHeader& out, RtmBgpParseResult& result)
{
    for (std::size_t i = 0; i < MARKER_SIZE; ++i)
    {
        if (data[i] != 0xFF)
        {
            result.Add(RtmBgpReason::HeaderMarker,
                       RtmBgpAction::SessionReset,
                       BGP_ERR_HEADER,
                       BGP_SUB_CONN_NOT_SYNC);
            return false;
        }
    }
    out.length = static_cast<uint16_t>((data[16] << 8) | data[17]);
    out.type = data[18];
    std::vector<uint8_t> lengthData = {data[16], data[17]};
    if (out.length < SIZE || out.length > MAX_SIZE)
    {
        result.Add(RtmBgpReason::HeaderLength,
                   RtmBgpAction::SessionReset,
                   BGP_ERR_HEADER,
                   BGP_SUB_BAD_LENGTH,
                   lengthData);
        return false;
    }
    if (out.type < BGP_MSG_OPEN || out.type > BGP_MSG_ROUTE_REFRESH)
    {
        result.Add(RtmBgpReason::HeaderType,
                   RtmBgpAction::SessionReset,
                   BGP_ERR_HEADER,
                   BGP_SUB_BAD_TYPE,
                   {out.type});
        return false;
    }
    // §6.1: the length is also wrong when it is shorter than the type's fixed part, or not
    // exactly 19 for a KEEPALIVE. (ROUTE-REFRESH length errors are 7/1, RFC 7313.)
    std::size_t minimum = out.type == BGP_MSG_OPEN           ? 29
                          : out.type == BGP_MSG_UPDATE       ? 23
                          : out.type == BGP_MSG_NOTIFICATION ? 21
                                                             : SIZE;
    bool bad = out.length < minimum || (out.type == BGP_MSG_KEEPALIVE && out.length != SIZE);
    if (bad)
    {
        RtmBgpReason why = out.type == BGP_MSG_OPEN           ? RtmBgpReason::OpenLength
                           : out.type == BGP_MSG_UPDATE       ? RtmBgpReason::UpdateLength
                           : out.type == BGP_MSG_NOTIFICATION ? RtmBgpReason::NotificationLength
                                                              : RtmBgpReason::KeepaliveLength;
        result.Add(why, RtmBgpAction::SessionReset, BGP_ERR_HEADER, BGP_SUB_BAD_LENGTH, lengthData);
        return false;
    }
    return true;
}

void
RtmBgpHeader::Begin(uint8_t type, std::vector<uint8_t>& out)
{
    out.assign(MARKER_SIZE, 0xFF);
    out.push_back(0);
    out.push_back(0);
    out.push_back(type);
}

void
RtmBgpHeader::Finish(std::vector<uint8_t>& msg)
{
    RtmBgpWriter(msg).Patch16(MARKER_SIZE, static_cast<uint16_t>(msg.size()));
}

} // namespace ns3
