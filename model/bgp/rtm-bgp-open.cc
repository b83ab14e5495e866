/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpOpen: serialising and parsing OPEN messages with the checks of RFC 4271 §6.2.
 */
#include "rtm-bgp-open.h"

#include "rtm-bgp-as-path.h"
#include "rtm-bgp-buffer.h"
#include "rtm-bgp-header.h"

#include "ns3/ipv4-address.h"

namespace ns3
{

bool
RtmBgpOpen::HasFamily(uint16_t afi, uint8_t safi) const
{
    for (const auto& f : multiprotocol)
    {
        if (f.first == afi && f.second == safi)
        {
            return true;
        }
    }
    return false;
}

std::vector<uint8_t>
RtmBgpOpen::Serialize() const
{
    std::vector<uint8_t> msg;
    RtmBgpHeader::Begin(BGP_MSG_OPEN, msg);
    RtmBgpWriter w(msg);
    w.U8(version);
    w.U16(static_cast<uint16_t>(myAs > 0xFFFF ? RtmBgpAsPath::AS_TRANS : myAs));
    w.U16(holdTime);
    w.U32(bgpId);
    std::vector<uint8_t> caps;
    RtmBgpWriter c(caps);
    for (const auto& f : multiprotocol)
    {
        c.U8(CAP_MULTIPROTOCOL);
        c.U8(4);
        c.U16(f.first);
        c.U8(0);
        c.U8(f.second);
    }
    if (routeRefresh)
    {
        c.U8(CAP_ROUTE_REFRESH);
        c.U8(0);
    }
    if (fourOctetAs)
    {
        c.U8(CAP_FOUR_OCTET_AS);
        c.U8(4);
        c.U32(myAs);
    }
    for (const auto& o : otherCapabilities)
    {
        c.U8(o.code);
        c.U8(static_cast<uint8_t>(o.value.size()));
        c.Bytes(o.value.data(), o.value.size());
    }
    if (caps.empty())
    {
        w.U8(0);
    }
    else
    {
        w.U8(static_cast<uint8_t>(caps.size() + 2));
        w.U8(PARAM_CAPABILITIES);
        w.U8(static_cast<uint8_t>(caps.size()));
        w.Bytes(caps.data(), caps.size());
    }
    RtmBgpHeader::Finish(msg);
    return msg;
}

bool
RtmBgpOpen::Parse(const uint8_t* body, std::size_t len, RtmBgpOpen& out, RtmBgpParseResult& result)
{
    const auto R = RtmBgpAction::SessionReset;
    RtmBgpReader r(body, len);
    uint16_t as2 = 0;
    uint8_t optLen = 0;
    if (!r.U8(out.version) || !r.U16(as2) || !r.U16(out.holdTime) || !r.U32(out.bgpId) ||
        !r.U8(optLen))
    {
        result.Add(RtmBgpReason::OpenLength, R, BGP_ERR_HEADER, BGP_SUB_BAD_LENGTH);
        return false;
    }
    if (out.version != VERSION)
    {
        result.Add(RtmBgpReason::OpenVersion,
                   R,
                   BGP_ERR_OPEN,
                   BGP_SUB_UNSUPPORTED_VERSION,
                   {0, VERSION});
        return false;
    }
    if (optLen != r.Left())
    {
        result.Add(RtmBgpReason::OpenLength, R, BGP_ERR_HEADER, BGP_SUB_BAD_LENGTH);
        return false;
    }
    out.myAs = as2;
    out.fourOctetAs = false;
    out.routeRefresh = false;
    out.multiprotocol.clear();
    out.otherCapabilities.clear();
    while (r.Left() > 0)
    {
        uint8_t ptype = 0;
        uint8_t plen = 0;
        if (!r.U8(ptype) || !r.U8(plen) || r.Left() < plen)
        {
            result.Add(RtmBgpReason::OpenOptionalParameter, R, BGP_ERR_OPEN, BGP_SUB_UNSPECIFIC);
            return false;
        }
        if (ptype != PARAM_CAPABILITIES)
        {
            result.Add(RtmBgpReason::OpenOptionalParameter,
                       R,
                       BGP_ERR_OPEN,
                       BGP_SUB_UNSUPPORTED_OPT_PARAM);
            return false;
        }
        RtmBgpReader c(r.Here(), plen);
        r.Skip(plen);
        while (c.Left() > 0)
        {
            uint8_t code = 0;
            uint8_t clen = 0;
            if (!c.U8(code) || !c.U8(clen) || c.Left() < clen)
            {
                result.Add(RtmBgpReason::OpenCapability, R, BGP_ERR_OPEN, BGP_SUB_UNSPECIFIC);
                return false;
            }
            RtmBgpReader v(c.Here(), clen);
            c.Skip(clen);
            switch (code)
            {
            case CAP_MULTIPROTOCOL: {
                uint16_t afi = 0;
                uint8_t reserved = 0;
                uint8_t safi = 0;
                if (clen != 4 || !v.U16(afi) || !v.U8(reserved) || !v.U8(safi))
                {
                    result.Add(RtmBgpReason::OpenCapability, R, BGP_ERR_OPEN, BGP_SUB_UNSPECIFIC);
                    return false;
                }
                out.multiprotocol.emplace_back(afi, safi);
                break;
            }
            case CAP_ROUTE_REFRESH:
                if (clen != 0)
                {
                    result.Add(RtmBgpReason::OpenCapability, R, BGP_ERR_OPEN, BGP_SUB_UNSPECIFIC);
                    return false;
                }
                out.routeRefresh = true;
                break;
            case CAP_FOUR_OCTET_AS: {
                uint32_t as4 = 0;
                if (clen != 4 || !v.U32(as4))
                {
                    result.Add(RtmBgpReason::OpenCapability, R, BGP_ERR_OPEN, BGP_SUB_UNSPECIFIC);
                    return false;
                }
                out.fourOctetAs = true;
                out.myAs = as4;
                break;
            }
            default: {
                Capability o;
                o.code = code;
                o.value.assign(v.Here(), v.Here() + clen);
                out.otherCapabilities.push_back(std::move(o)); // RFC 5492 §3: ignored
                break;
            }
            }
        }
    }
    if (out.holdTime == 1 || out.holdTime == 2)
    {
        result.Add(RtmBgpReason::OpenHoldTime, R, BGP_ERR_OPEN, BGP_SUB_UNACCEPTABLE_HOLD);
        return false;
    }
    if (out.bgpId == 0)
    {
        result.Add(RtmBgpReason::OpenBgpId, R, BGP_ERR_OPEN, BGP_SUB_BAD_BGP_ID);
        return false;
    }
    return true;
}

void
RtmBgpOpen::Print(std::ostream& os) const
{
    os << "OPEN v" << unsigned(version) << " AS " << myAs << " hold " << holdTime << " id "
       << Ipv4Address(bgpId) << (fourOctetAs ? " as4" : "") << (routeRefresh ? " refresh" : "");
    for (const auto& f : multiprotocol)
    {
        os << " mp" << f.first << "/" << unsigned(f.second);
    }
}

} // namespace ns3
