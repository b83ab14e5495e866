/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Path attributes on the wire. Decoding walks the attribute section once; each attribute's
 * flags, length and value are checked against its specification, and each error is recorded
 * with the action RFC 7606 assigns to it (§7 per attribute; §3 for flags, duplicates, missing
 * well-known attributes and unrecognized well-known ones). Decoding never stops early unless
 * the section cannot be delimited any more.
 */
#include "rtm-bgp-attributes.h"

#include "rtm-bgp-buffer.h"

#include <algorithm>
#include <bitset>
#include <sstream>

namespace ns3
{

bool
RtmBgpAttributes::HasCommunity(uint32_t c) const
{
    return std::binary_search(communities.begin(), communities.end(), c);
}

void
RtmBgpAttributes::AddCommunity(uint32_t c)
{
    auto it = std::lower_bound(communities.begin(), communities.end(), c);
    if (it == communities.end() || *it != c)
    {
        communities.insert(it, c);
    }
}

void
RtmBgpAttributes::RemoveCommunity(uint32_t c)
{
    auto it = std::lower_bound(communities.begin(), communities.end(), c);
    if (it != communities.end() && *it == c)
    {
        communities.erase(it);
    }
}

bool
RtmBgpAttributes::operator==(const RtmBgpAttributes& o) const
{
    return origin == o.origin && nextHop == o.nextHop && hasMed == o.hasMed &&
           (!hasMed || med == o.med) && hasLocalPref == o.hasLocalPref &&
           (!hasLocalPref || localPref == o.localPref) && atomicAggregate == o.atomicAggregate &&
           hasAggregator == o.hasAggregator &&
           (!hasAggregator ||
            (aggregatorAs == o.aggregatorAs && aggregatorAddress == o.aggregatorAddress)) &&
           hasOriginatorId == o.hasOriginatorId &&
           (!hasOriginatorId || originatorId == o.originatorId) && asPath == o.asPath &&
           communities == o.communities && clusterList == o.clusterList && unknown == o.unknown;
}

std::size_t
RtmBgpAttributes::Hash() const
{
    std::size_t h = asPath.Hash();
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 1099511628211ULL; };
    mix(origin);
    mix(nextHop.addressFamily);
    for (uint32_t i = 0; i < RTM_MAX_ADDRESS_SIZE; ++i)
    {
        mix(nextHop.addrBits[i]);
    }
    mix(hasMed ? med + 1 : 0);
    mix(hasLocalPref ? localPref + 1 : 0);
    mix(atomicAggregate);
    mix(hasAggregator ? aggregatorAs + 1 : 0);
    mix(hasOriginatorId ? originatorId + 1 : 0);
    for (uint32_t c : communities)
    {
        mix(c);
    }
    for (uint32_t c : clusterList)
    {
        mix(c);
    }
    mix(unknown.size());
    return h;
}

std::string
RtmBgpAttributes::ToString() const
{
    static const char* const origins[] = {"IGP", "EGP", "INCOMPLETE"};
    std::ostringstream os;
    os << "origin " << (origin < 3 ? origins[origin] : "?") << ", path \"" << asPath.ToString()
       << "\", next hop " << nextHop.AddressString();
    if (hasMed)
    {
        os << ", med " << med;
    }
    if (hasLocalPref)
    {
        os << ", local-pref " << localPref;
    }
    if (atomicAggregate)
    {
        os << ", atomic-aggregate";
    }
    if (hasAggregator)
    {
        os << ", aggregator " << aggregatorAs << " " << aggregatorAddress;
    }
    if (!communities.empty())
    {
        os << ", communities";
        for (uint32_t c : communities)
        {
            os << " " << (c >> 16) << ":" << (c & 0xFFFF);
        }
    }
    if (hasOriginatorId)
    {
        os << ", originator " << Ipv4Address(originatorId);
    }
    if (!clusterList.empty())
    {
        os << ", cluster-list";
        for (uint32_t c : clusterList)
        {
            os << " " << Ipv4Address(c);
        }
    }
    return os.str();
}

namespace
{

/// The (optional, transitive) flags an attribute type must have; false for unknown types.
bool
ExpectedFlags(uint8_t type, uint8_t& expected)
{
    const uint8_t wk = BGP_FLAG_TRANSITIVE;
    const uint8_t ot = BGP_FLAG_OPTIONAL | BGP_FLAG_TRANSITIVE;
    const uint8_t on = BGP_FLAG_OPTIONAL;
    switch (type)
    {
    case BGP_ATTR_ORIGIN:
    case BGP_ATTR_AS_PATH:
    case BGP_ATTR_NEXT_HOP:
    case BGP_ATTR_LOCAL_PREF:
    case BGP_ATTR_ATOMIC_AGGREGATE:
        expected = wk;
        return true;
    case BGP_ATTR_MED:
    case BGP_ATTR_ORIGINATOR_ID:
    case BGP_ATTR_CLUSTER_LIST:
    case BGP_ATTR_MP_REACH:
    case BGP_ATTR_MP_UNREACH:
        expected = on;
        return true;
    case BGP_ATTR_AGGREGATOR:
    case BGP_ATTR_COMMUNITIES:
    case BGP_ATTR_AS4_PATH:
    case BGP_ATTR_AS4_AGGREGATOR:
        expected = ot;
        return true;
    default:
        return false;
    }
}

/// \return the attribute's header bytes (flags, type, length) as NOTIFICATION data
std::vector<uint8_t>
AttrData(const uint8_t* start, std::size_t n)
{
    return std::vector<uint8_t>(start, start + n);
}

uint32_t
Get32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

} // namespace

void
RtmBgpDecodeAttributes(const uint8_t* data,
                       std::size_t len,
                       const RtmBgpCodec& codec,
                       RtmBgpAttrSection& out,
                       RtmBgpParseResult& result)
{
    const auto W = RtmBgpAction::TreatAsWithdraw;
    const auto D = RtmBgpAction::AttributeDiscard;
    const auto R = RtmBgpAction::SessionReset;
    out.attrs = Create<RtmBgpAttributes>();
    RtmBgpAttributes& a = *out.attrs;
    std::bitset<256> seen;
    bool hasAs4Path = false;
    RtmBgpAsPath as4Path;
    bool hasAs4Aggregator = false;
    uint32_t as4AggregatorAs = 0;
    Ipv4Address as4AggregatorAddress;
    RtmBgpReader r(data, len);
    while (r.Left() > 0)
    {
        const uint8_t* start = r.Here();
        uint8_t flags = 0;
        uint8_t type = 0;
        if (!r.U8(flags) || !r.U8(type))
        {
            result.Add(RtmBgpReason::AttrOverrun, W);
            break;
        }
        uint16_t alen = 0;
        if (flags & BGP_FLAG_EXTENDED)
        {
            if (!r.U16(alen))
            {
                result.Add(RtmBgpReason::AttrOverrun, W);
                break;
            }
        }
        else
        {
            uint8_t l8 = 0;
            if (!r.U8(l8))
            {
                result.Add(RtmBgpReason::AttrOverrun, W);
                break;
            }
            alen = l8;
        }
        std::size_t headerLen = r.Pos() - (start - data);
        if (r.Left() < alen)
        {
            // RFC 7606 §4: the attribute cannot be delimited; the NLRI still can (its position
            // comes from the Total Path Attribute Length), so the update is withdrawn.
            result.Add(RtmBgpReason::AttrOverrun,
                       type == BGP_ATTR_MP_REACH || type == BGP_ATTR_MP_UNREACH ? R : W,
                       BGP_ERR_UPDATE,
                       BGP_SUB_ATTR_LENGTH,
                       AttrData(start, headerLen));
            break;
        }
        const uint8_t* v = r.Here();
        r.Skip(alen);
        bool isMp = type == BGP_ATTR_MP_REACH || type == BGP_ATTR_MP_UNREACH;
        if (seen[type])
        {
            if (isMp)
            {
                result.Add(RtmBgpReason::MpDuplicate,
                           R,
                           BGP_ERR_UPDATE,
                           BGP_SUB_MALFORMED_ATTR_LIST);
            }
            else
            {
                result.Add(RtmBgpReason::AttrDuplicate, D); // RFC 7606 §3 g: keep the first
            }
            continue;
        }
        seen[type] = true;
        uint8_t expected = 0;
        if (!ExpectedFlags(type, expected))
        {
            if (!(flags & BGP_FLAG_OPTIONAL))
            {
                result.Add(RtmBgpReason::AttrUnrecognizedWellKnown,
                           R,
                           BGP_ERR_UPDATE,
                           BGP_SUB_UNRECOGNIZED_WELL_KNOWN,
                           AttrData(start, headerLen + alen));
            }
            else if (flags & BGP_FLAG_TRANSITIVE)
            {
                RtmBgpAttributes::Raw raw;
                raw.flags = static_cast<uint8_t>((flags & ~BGP_FLAG_EXTENDED) | BGP_FLAG_PARTIAL);
                raw.type = type;
                raw.value.assign(v, v + alen);
                a.unknown.push_back(std::move(raw));
            }
            continue; // unknown optional non-transitive: quietly ignored (RFC 4271 §5)
        }
        if ((flags & (BGP_FLAG_OPTIONAL | BGP_FLAG_TRANSITIVE)) != expected)
        {
            result.Add(RtmBgpReason::AttrFlags,
                       isMp ? R : W,
                       BGP_ERR_UPDATE,
                       BGP_SUB_ATTR_FLAGS,
                       AttrData(start, headerLen + alen));
            continue;
        }
        switch (type)
        {
        case BGP_ATTR_ORIGIN:
            if (alen != 1 || v[0] > BGP_ORIGIN_INCOMPLETE)
            {
                result.Add(RtmBgpReason::OriginMalformed, W);
                break;
            }
            a.origin = v[0];
            out.hasOrigin = true;
            break;
        case BGP_ATTR_AS_PATH: {
            RtmBgpAsPath p;
            if (!RtmBgpAsPath::Decode(v, alen, codec.fourOctetAs, p))
            {
                result.Add(RtmBgpReason::AsPathMalformed, W);
                break;
            }
            a.asPath = p;
            out.hasAsPath = true;
            break;
        }
        case BGP_ATTR_NEXT_HOP: {
            if (alen != 4)
            {
                result.Add(RtmBgpReason::NextHopMalformed, W);
                break;
            }
            Ipv4Address nh(Get32(v));
            out.hasNextHop = true;
            out.nextHop = nh;
            uint32_t first = nh.Get() >> 24;
            bool own = codec.localAddress.addressFamily == RTM_AF_INET &&
                       codec.localAddress.GetIpv4() == nh;
            if (nh.Get() == 0 || first >= 224 || first == 127 || own)
            {
                // RFC 4271 §6.3: semantically incorrect, the route is ignored, no NOTIFICATION.
                out.nextHopValid = false;
                result.Add(RtmBgpReason::NextHopInvalid, W);
            }
            break;
        }
        case BGP_ATTR_MED:
            if (alen != 4)
            {
                result.Add(RtmBgpReason::MedMalformed, W);
                break;
            }
            a.hasMed = true;
            a.med = Get32(v);
            break;
        case BGP_ATTR_LOCAL_PREF:
            if (codec.external)
            {
                result.Add(RtmBgpReason::LocalPrefFromEbgp, D); // RFC 7606 §7.5
                break;
            }
            if (alen != 4)
            {
                result.Add(RtmBgpReason::LocalPrefMalformed, W);
                break;
            }
            a.hasLocalPref = true;
            a.localPref = Get32(v);
            break;
        case BGP_ATTR_ATOMIC_AGGREGATE:
            if (alen != 0)
            {
                result.Add(RtmBgpReason::AtomicAggregateMalformed, D);
                break;
            }
            a.atomicAggregate = true;
            break;
        case BGP_ATTR_AGGREGATOR: {
            std::size_t want = codec.fourOctetAs ? 8 : 6;
            if (alen != want)
            {
                result.Add(RtmBgpReason::AggregatorMalformed, D);
                break;
            }
            a.hasAggregator = true;
            a.aggregatorAs = codec.fourOctetAs ? Get32(v) : (uint32_t(v[0]) << 8 | v[1]);
            a.aggregatorAddress = Ipv4Address(Get32(v + want - 4));
            break;
        }
        case BGP_ATTR_COMMUNITIES:
            if (alen == 0 || alen % 4 != 0)
            {
                result.Add(RtmBgpReason::CommunitiesMalformed, W);
                break;
            }
            for (std::size_t i = 0; i < alen; i += 4)
            {
                a.AddCommunity(Get32(v + i));
            }
            break;
        case BGP_ATTR_ORIGINATOR_ID:
            if (codec.external)
            {
                result.Add(RtmBgpReason::ReflectionFromEbgp, D); // RFC 7606 §7.9
                break;
            }
            if (alen != 4)
            {
                result.Add(RtmBgpReason::OriginatorIdMalformed, W);
                break;
            }
            a.hasOriginatorId = true;
            a.originatorId = Get32(v);
            break;
        case BGP_ATTR_CLUSTER_LIST:
            if (codec.external)
            {
                result.Add(RtmBgpReason::ReflectionFromEbgp, D); // RFC 7606 §7.10
                break;
            }
            if (alen == 0 || alen % 4 != 0)
            {
                result.Add(RtmBgpReason::ClusterListMalformed, W);
                break;
            }
            for (std::size_t i = 0; i < alen; i += 4)
            {
                a.clusterList.push_back(Get32(v + i));
            }
            break;
        case BGP_ATTR_MP_REACH:
            out.hasMpReach = true;
            out.mpReach.assign(v, v + alen);
            break;
        case BGP_ATTR_MP_UNREACH:
            out.hasMpUnreach = true;
            out.mpUnreach.assign(v, v + alen);
            break;
        case BGP_ATTR_AS4_PATH:
            // RFC 6793 §6: a malformed AS4_PATH is discarded; on a 4-octet session it is
            // meaningless and discarded too.
            if (!RtmBgpAsPath::Decode(v, alen, true, as4Path))
            {
                result.Add(RtmBgpReason::As4PathMalformed, D);
                break;
            }
            hasAs4Path = !codec.fourOctetAs;
            break;
        case BGP_ATTR_AS4_AGGREGATOR:
            if (alen != 8)
            {
                result.Add(RtmBgpReason::As4AggregatorMalformed, D);
                break;
            }
            hasAs4Aggregator = !codec.fourOctetAs;
            as4AggregatorAs = Get32(v);
            as4AggregatorAddress = Ipv4Address(Get32(v + 4));
            break;
        default:
            break;
        }
    }
    // RFC 6793 §4.2.3: a 2-octet peer's AS4_AGGREGATOR applies only if its AGGREGATOR names
    // AS_TRANS; otherwise both AS4 attributes are ignored.
    if (hasAs4Aggregator && a.hasAggregator && a.aggregatorAs == RtmBgpAsPath::AS_TRANS)
    {
        a.aggregatorAs = as4AggregatorAs;
        a.aggregatorAddress = as4AggregatorAddress;
    }
    else if (hasAs4Aggregator && a.hasAggregator)
    {
        hasAs4Path = false;
    }
    if (hasAs4Path && out.hasAsPath)
    {
        a.asPath = a.asPath.MergeAs4(as4Path);
    }
    if (codec.external && codec.checkFirstAs && out.hasAsPath && a.asPath.FirstAs() != codec.peerAs)
    {
        result.Add(RtmBgpReason::AsPathFirstAs, W); // RFC 4271 §6.3, RFC 7606 §7.2
    }
}

void
RtmBgpEncodeAttribute(uint8_t flags,
                      uint8_t type,
                      const std::vector<uint8_t>& value,
                      std::vector<uint8_t>& out)
{
    RtmBgpWriter w(out);
    bool ext = value.size() > 255;
    w.U8(static_cast<uint8_t>((flags & ~BGP_FLAG_EXTENDED) | (ext ? BGP_FLAG_EXTENDED : 0)));
    w.U8(type);
    if (ext)
    {
        w.U16(static_cast<uint16_t>(value.size()));
    }
    else
    {
        w.U8(static_cast<uint8_t>(value.size()));
    }
    w.Bytes(value.data(), value.size());
}

void
RtmBgpEncodeAttributes(const RtmBgpAttributes& a,
                       const RtmBgpCodec& codec,
                       bool withNextHop,
                       std::vector<uint8_t>& out)
{
    const uint8_t wk = BGP_FLAG_TRANSITIVE;
    const uint8_t ot = BGP_FLAG_OPTIONAL | BGP_FLAG_TRANSITIVE;
    const uint8_t on = BGP_FLAG_OPTIONAL;
    std::vector<uint8_t> v;
    RtmBgpWriter w(v);
    // In type order (RFC 4271 §5: SHOULD be ordered by type code).
    v = {a.origin};
    RtmBgpEncodeAttribute(wk, BGP_ATTR_ORIGIN, v, out);
    v.clear();
    a.asPath.Encode(v, codec.fourOctetAs);
    RtmBgpEncodeAttribute(wk, BGP_ATTR_AS_PATH, v, out);
    if (withNextHop)
    {
        v.clear();
        w.U32(a.nextHop.GetIpv4().Get());
        RtmBgpEncodeAttribute(wk, BGP_ATTR_NEXT_HOP, v, out);
    }
    if (a.hasMed)
    {
        v.clear();
        w.U32(a.med);
        RtmBgpEncodeAttribute(on, BGP_ATTR_MED, v, out);
    }
    if (a.hasLocalPref && !codec.external)
    {
        v.clear();
        w.U32(a.localPref);
        RtmBgpEncodeAttribute(wk, BGP_ATTR_LOCAL_PREF, v, out);
    }
    if (a.atomicAggregate)
    {
        v.clear();
        RtmBgpEncodeAttribute(wk, BGP_ATTR_ATOMIC_AGGREGATE, v, out);
    }
    bool as4Aggregator = false;
    if (a.hasAggregator)
    {
        v.clear();
        if (codec.fourOctetAs)
        {
            w.U32(a.aggregatorAs);
        }
        else
        {
            as4Aggregator = a.aggregatorAs > 0xFFFF;
            w.U16(static_cast<uint16_t>(as4Aggregator ? RtmBgpAsPath::AS_TRANS : a.aggregatorAs));
        }
        w.U32(a.aggregatorAddress.Get());
        RtmBgpEncodeAttribute(ot, BGP_ATTR_AGGREGATOR, v, out);
    }
    if (!a.communities.empty())
    {
        v.clear();
        for (uint32_t c : a.communities)
        {
            w.U32(c);
        }
        RtmBgpEncodeAttribute(ot, BGP_ATTR_COMMUNITIES, v, out);
    }
    if (!codec.external && a.hasOriginatorId)
    {
        v.clear();
        w.U32(a.originatorId);
        RtmBgpEncodeAttribute(on, BGP_ATTR_ORIGINATOR_ID, v, out);
    }
    if (!codec.external && !a.clusterList.empty())
    {
        v.clear();
        for (uint32_t c : a.clusterList)
        {
            w.U32(c);
        }
        RtmBgpEncodeAttribute(on, BGP_ATTR_CLUSTER_LIST, v, out);
    }
    if (!codec.fourOctetAs && a.asPath.NeedsFourOctets())
    {
        v.clear();
        a.asPath.Encode(v, true);
        RtmBgpEncodeAttribute(ot, BGP_ATTR_AS4_PATH, v, out);
    }
    if (as4Aggregator)
    {
        v.clear();
        w.U32(a.aggregatorAs);
        w.U32(a.aggregatorAddress.Get());
        RtmBgpEncodeAttribute(ot, BGP_ATTR_AS4_AGGREGATOR, v, out);
    }
    for (const auto& raw : a.unknown)
    {
        RtmBgpEncodeAttribute(raw.flags | BGP_FLAG_PARTIAL, raw.type, raw.value, out);
    }
}

Ptr<const RtmBgpAttributes>
RtmBgpAttributeCache::Intern(Ptr<RtmBgpAttributes> a)
{
    Ptr<const RtmBgpAttributes> c = a;
    auto it = m_set.find(c);
    if (it != m_set.end())
    {
        return *it;
    }
    m_set.insert(c);
    if (++m_sinceLastPurge > 4 * m_set.size() + 1024)
    {
        Purge();
    }
    return c;
}

void
RtmBgpAttributeCache::Purge()
{
    m_sinceLastPurge = 0;
    for (auto it = m_set.begin(); it != m_set.end();)
    {
        if ((*it)->GetReferenceCount() == 1)
        {
            it = m_set.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

} // namespace ns3
