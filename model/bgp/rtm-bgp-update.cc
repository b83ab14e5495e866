/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * UPDATE messages. Parsing checks the two length fields against the message (a mismatch
 * cannot be repaired: 3/1, session reset), decodes the attributes (rtm-bgp-attributes.cc
 * records each error with its RFC 7606 action), decodes the NLRI fields and the MP attributes,
 * checks the well-known attributes that announced prefixes require, and finally applies
 * treat-as-withdraw if any error asked for it.
 */
#include "rtm-bgp-update.h"

#include "rtm-bgp-buffer.h"
#include "rtm-bgp-header.h"

namespace ns3
{

std::size_t
RtmBgpUpdate::PrefixSize(const RtmNetAddress& prefix)
{
    return 1 + (prefix.numBits + 7) / 8;
}

void
RtmBgpUpdate::EncodePrefixes(const std::vector<RtmNetAddress>& prefixes, std::vector<uint8_t>& out)
{
    for (const auto& p : prefixes)
    {
        out.push_back(static_cast<uint8_t>(p.numBits));
        out.insert(out.end(), p.addrBits, p.addrBits + (p.numBits + 7) / 8);
    }
}

bool
RtmBgpUpdate::DecodePrefixes(const uint8_t* data,
                             std::size_t len,
                             uint16_t family,
                             std::vector<RtmNetAddress>& out)
{
    uint16_t width = family == RTM_AF_INET ? 32 : 128;
    RtmBgpReader r(data, len);
    while (r.Left() > 0)
    {
        uint8_t bits = 0;
        r.U8(bits);
        std::size_t octets = (bits + 7u) / 8u;
        if (bits > width || r.Left() < octets)
        {
            return false;
        }
        RtmNetAddress p;
        p.addressFamily = family;
        p.numBits = bits;
        for (std::size_t i = 0; i < octets; ++i)
        {
            p.addrBits[i] = r.Here()[i];
        }
        r.Skip(octets);
        out.push_back(p.Masked()); // RFC 4271 §4.3: trailing bits are irrelevant
    }
    return true;
}

std::vector<uint8_t>
RtmBgpUpdate::Serialize(const RtmBgpCodec& codec) const
{
    std::vector<uint8_t> msg;
    RtmBgpHeader::Begin(BGP_MSG_UPDATE, msg);
    RtmBgpWriter w(msg);
    std::vector<RtmNetAddress> w4;
    std::vector<RtmNetAddress> w6;
    for (const auto& p : withdrawn)
    {
        (p.addressFamily == RTM_AF_INET ? w4 : w6).push_back(p);
    }
    std::vector<uint8_t> field;
    EncodePrefixes(w4, field);
    w.U16(static_cast<uint16_t>(field.size()));
    w.Bytes(field.data(), field.size());
    std::size_t attrLenPos = w.Size();
    w.U16(0);
    std::size_t attrStart = w.Size();
    if (!w6.empty())
    {
        std::vector<uint8_t> v;
        RtmBgpWriter vw(v);
        vw.U16(BGP_AFI_IPV6);
        vw.U8(BGP_SAFI_UNICAST);
        EncodePrefixes(w6, v);
        RtmBgpEncodeAttribute(BGP_FLAG_OPTIONAL, BGP_ATTR_MP_UNREACH, v, msg);
    }
    if (!announced6.empty() && attrs6)
    {
        std::vector<uint8_t> v;
        RtmBgpWriter vw(v);
        vw.U16(BGP_AFI_IPV6);
        vw.U8(BGP_SAFI_UNICAST);
        vw.U8(16);
        vw.Bytes(attrs6->nextHop.addrBits, 16);
        vw.U8(0);
        EncodePrefixes(announced6, v);
        RtmBgpEncodeAttribute(BGP_FLAG_OPTIONAL, BGP_ATTR_MP_REACH, v, msg);
        RtmBgpEncodeAttributes(*attrs6, codec, false, msg);
    }
    else if (!announced4.empty() && attrs4)
    {
        RtmBgpEncodeAttributes(*attrs4, codec, true, msg);
    }
    w.Patch16(attrLenPos, static_cast<uint16_t>(w.Size() - attrStart));
    if (!announced4.empty() && attrs4 && announced6.empty())
    {
        EncodePrefixes(announced4, msg);
    }
    RtmBgpHeader::Finish(msg);
    return msg;
}

bool
RtmBgpUpdate::Parse(const uint8_t* body,
                    std::size_t len,
                    const RtmBgpCodec& codec,
                    RtmBgpUpdate& out,
                    RtmBgpParseResult& result)
{
    const auto R = RtmBgpAction::SessionReset;
    const auto W = RtmBgpAction::TreatAsWithdraw;
    RtmBgpReader r(body, len);
    uint16_t wlen = 0;
    if (!r.U16(wlen) || r.Left() < wlen)
    {
        result.Add(RtmBgpReason::UpdateLength, R, BGP_ERR_UPDATE, BGP_SUB_MALFORMED_ATTR_LIST);
        return false;
    }
    const uint8_t* wdata = r.Here();
    r.Skip(wlen);
    uint16_t alen = 0;
    if (!r.U16(alen) || r.Left() < alen)
    {
        result.Add(RtmBgpReason::UpdateLength, R, BGP_ERR_UPDATE, BGP_SUB_MALFORMED_ATTR_LIST);
        return false;
    }
    const uint8_t* adata = r.Here();
    r.Skip(alen);
    const uint8_t* ndata = r.Here();
    std::size_t nlen = r.Left();
    if (!DecodePrefixes(wdata, wlen, RTM_AF_INET, out.withdrawn))
    {
        result.Add(RtmBgpReason::NlriMalformed, R, BGP_ERR_UPDATE, BGP_SUB_INVALID_NETWORK);
        return false;
    }
    std::vector<RtmNetAddress> nlri;
    if (!DecodePrefixes(ndata, nlen, RTM_AF_INET, nlri))
    {
        result.Add(RtmBgpReason::NlriMalformed, R, BGP_ERR_UPDATE, BGP_SUB_INVALID_NETWORK);
        return false;
    }
    if (alen == 0)
    {
        if (!nlri.empty())
        {
            // Prefixes without any attribute: RFC 7606 §5.2 treat-as-withdraw.
            result.Add(RtmBgpReason::MissingWellKnown,
                       W,
                       BGP_ERR_UPDATE,
                       BGP_SUB_MISSING_WELL_KNOWN);
            out.withdrawn.insert(out.withdrawn.end(), nlri.begin(), nlri.end());
        }
        return true;
    }
    RtmBgpAttrSection s;
    RtmBgpDecodeAttributes(adata, alen, codec, s, result);
    if (result.IsReset())
    {
        return false;
    }
    // MP_UNREACH_NLRI: AFI, SAFI, withdrawn routes.
    if (s.hasMpUnreach)
    {
        RtmBgpReader m(s.mpUnreach.data(), s.mpUnreach.size());
        uint16_t afi = 0;
        uint8_t safi = 0;
        if (!m.U16(afi) || !m.U8(safi))
        {
            result.Add(RtmBgpReason::MpUnreachMalformed, R, BGP_ERR_UPDATE, BGP_SUB_OPTIONAL_ATTR);
            return false;
        }
        bool known = safi == BGP_SAFI_UNICAST && ((afi == BGP_AFI_IPV6 && codec.ipv6Unicast) ||
                                                  (afi == BGP_AFI_IPV4 && codec.ipv4Unicast));
        if (!known)
        {
            result.Add(RtmBgpReason::MpNotNegotiated, RtmBgpAction::None);
        }
        else if (!DecodePrefixes(m.Here(),
                                 m.Left(),
                                 afi == BGP_AFI_IPV6 ? RTM_AF_INET6 : RTM_AF_INET,
                                 out.withdrawn))
        {
            result.Add(RtmBgpReason::MpUnreachMalformed, R, BGP_ERR_UPDATE, BGP_SUB_OPTIONAL_ATTR);
            return false;
        }
    }
    // MP_REACH_NLRI: AFI, SAFI, next hop, reserved octet, NLRI.
    std::vector<RtmNetAddress> mpNlri;
    uint16_t mpFamily = 0;
    RtmNetAddress mpNextHop;
    if (s.hasMpReach)
    {
        RtmBgpReader m(s.mpReach.data(), s.mpReach.size());
        uint16_t afi = 0;
        uint8_t safi = 0;
        uint8_t nhLen = 0;
        if (!m.U16(afi) || !m.U8(safi) || !m.U8(nhLen) || m.Left() < nhLen + 1u)
        {
            result.Add(RtmBgpReason::MpReachMalformed, R, BGP_ERR_UPDATE, BGP_SUB_OPTIONAL_ATTR);
            return false;
        }
        const uint8_t* nh = m.Here();
        m.Skip(nhLen + 1u);
        bool known = safi == BGP_SAFI_UNICAST && ((afi == BGP_AFI_IPV6 && codec.ipv6Unicast) ||
                                                  (afi == BGP_AFI_IPV4 && codec.ipv4Unicast));
        if (!known)
        {
            result.Add(RtmBgpReason::MpNotNegotiated, RtmBgpAction::None);
        }
        else
        {
            mpFamily = afi == BGP_AFI_IPV6 ? RTM_AF_INET6 : RTM_AF_INET;
            std::size_t want = mpFamily == RTM_AF_INET6 ? 16 : 4;
            if ((nhLen != want && !(mpFamily == RTM_AF_INET6 && nhLen == 32)) ||
                !DecodePrefixes(m.Here(), m.Left(), mpFamily, mpNlri))
            {
                result.Add(RtmBgpReason::MpReachMalformed,
                           R,
                           BGP_ERR_UPDATE,
                           BGP_SUB_OPTIONAL_ATTR);
                return false;
            }
            mpNextHop.addressFamily = mpFamily;
            mpNextHop.numBits = mpFamily == RTM_AF_INET6 ? 128 : 32;
            for (std::size_t i = 0; i < want; ++i)
            {
                mpNextHop.addrBits[i] = nh[i];
            }
            bool invalid =
                mpFamily == RTM_AF_INET6
                    ? (mpNextHop.GetIpv6().IsAny() || mpNextHop.GetIpv6().IsMulticast() ||
                       mpNextHop == codec.localAddress)
                    : (mpNextHop.GetIpv4().Get() == 0 || mpNextHop == codec.localAddress);
            if (invalid && !mpNlri.empty())
            {
                result.Add(RtmBgpReason::NextHopInvalid, W);
            }
        }
    }
    bool announces = !nlri.empty() || !mpNlri.empty();
    if (announces && (!s.hasOrigin || !s.hasAsPath || (!nlri.empty() && !s.hasNextHop)))
    {
        // A malformed ORIGIN/AS_PATH/NEXT_HOP was already recorded; only a truly absent one is
        // a missing well-known attribute (RFC 7606 §3 d).
        result.Add(RtmBgpReason::MissingWellKnown, W, BGP_ERR_UPDATE, BGP_SUB_MISSING_WELL_KNOWN);
    }
    if (result.action == W)
    {
        out.withdrawn.insert(out.withdrawn.end(), nlri.begin(), nlri.end());
        out.withdrawn.insert(out.withdrawn.end(), mpNlri.begin(), mpNlri.end());
        return true;
    }
    if (!nlri.empty())
    {
        Ptr<RtmBgpAttributes> a4 = Create<RtmBgpAttributes>(*s.attrs);
        a4->nextHop = RtmNetAddress::FromIpv4(s.nextHop);
        out.attrs4 = a4;
        out.announced4 = std::move(nlri);
    }
    if (!mpNlri.empty())
    {
        Ptr<RtmBgpAttributes> a = Create<RtmBgpAttributes>(*s.attrs);
        a->nextHop = mpNextHop;
        if (mpFamily == RTM_AF_INET6)
        {
            out.attrs6 = a;
            out.announced6 = std::move(mpNlri);
        }
        else
        {
            out.attrs4 = a;
            out.announced4.insert(out.announced4.end(), mpNlri.begin(), mpNlri.end());
        }
    }
    return true;
}

} // namespace ns3
