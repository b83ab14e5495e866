/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpAsPath: AS_PATH operations and wire encodings (see rtm-bgp-as-path.h).
 */
#include "rtm-bgp-as-path.h"

#include "rtm-bgp-buffer.h"

#include <sstream>

namespace ns3
{

RtmBgpAsPath::RtmBgpAsPath(const std::vector<uint32_t>& sequence)
{
    Segment s;
    s.type = AS_SEQUENCE;
    for (uint32_t a : sequence)
    {
        s.asns.push_back(a);
        if (s.asns.size() == 255)
        {
            AddSegment(s);
            s.asns.clear();
        }
    }
    AddSegment(s);
}

void
RtmBgpAsPath::AddSegment(const Segment& s)
{
    if (!s.asns.empty())
    {
        m_segments.push_back(s);
    }
}

uint32_t
RtmBgpAsPath::Length() const
{
    uint32_t n = 0;
    for (const auto& s : m_segments)
    {
        if (s.type == AS_SEQUENCE)
        {
            n += static_cast<uint32_t>(s.asns.size());
        }
        else if (s.type == AS_SET)
        {
            n += 1;
        }
    }
    return n;
}

uint32_t
RtmBgpAsPath::CountForMerge() const
{
    uint32_t n = 0;
    for (const auto& s : m_segments)
    {
        n += s.type == AS_SET || s.type == AS_CONFED_SET ? 1 : static_cast<uint32_t>(s.asns.size());
    }
    return n;
}

bool
RtmBgpAsPath::Contains(uint32_t asn) const
{
    return Occurrences(asn) != 0;
}

uint32_t
RtmBgpAsPath::Occurrences(uint32_t asn) const
{
    uint32_t n = 0;
    for (const auto& s : m_segments)
    {
        for (uint32_t a : s.asns)
        {
            n += a == asn ? 1 : 0;
        }
    }
    return n;
}

uint32_t
RtmBgpAsPath::FirstAs() const
{
    if (m_segments.empty() || m_segments.front().type != AS_SEQUENCE)
    {
        return 0;
    }
    return m_segments.front().asns.front();
}

uint32_t
RtmBgpAsPath::OriginAs() const
{
    if (m_segments.empty() || m_segments.back().type != AS_SEQUENCE)
    {
        return 0;
    }
    return m_segments.back().asns.back();
}

void
RtmBgpAsPath::Prepend(uint32_t asn, uint32_t times)
{
    for (uint32_t i = 0; i < times; ++i)
    {
        if (m_segments.empty() || m_segments.front().type != AS_SEQUENCE ||
            m_segments.front().asns.size() >= 255)
        {
            Segment s;
            s.type = AS_SEQUENCE;
            m_segments.insert(m_segments.begin(), s);
        }
        auto& v = m_segments.front().asns;
        v.insert(v.begin(), asn);
    }
}

bool
RtmBgpAsPath::NeedsFourOctets() const
{
    for (const auto& s : m_segments)
    {
        for (uint32_t a : s.asns)
        {
            if (a > 0xFFFF)
            {
                return true;
            }
        }
    }
    return false;
}

RtmBgpAsPath
RtmBgpAsPath::WithAsTrans() const
{
    RtmBgpAsPath p = *this;
    for (auto& s : p.m_segments)
    {
        for (auto& a : s.asns)
        {
            a = a > 0xFFFF ? AS_TRANS : a;
        }
    }
    return p;
}

RtmBgpAsPath
RtmBgpAsPath::MergeAs4(const RtmBgpAsPath& as4) const
{
    uint32_t n = CountForMerge();
    uint32_t n4 = as4.CountForMerge();
    if (n4 > n)
    {
        return *this; // RFC 6793 §4.2.3: AS4_PATH is ignored
    }
    // Keep the first (n - n4) ASes of this path, then the AS4_PATH.
    uint32_t keep = n - n4;
    RtmBgpAsPath out;
    for (const auto& s : m_segments)
    {
        if (keep == 0)
        {
            break;
        }
        bool isSet = s.type == AS_SET || s.type == AS_CONFED_SET;
        if (isSet)
        {
            out.m_segments.push_back(s);
            --keep;
            continue;
        }
        Segment part;
        part.type = s.type;
        for (uint32_t a : s.asns)
        {
            if (keep == 0)
            {
                break;
            }
            part.asns.push_back(a);
            --keep;
        }
        out.AddSegment(part);
    }
    for (const auto& s : as4.m_segments)
    {
        if (!out.m_segments.empty() && s.type == AS_SEQUENCE &&
            out.m_segments.back().type == AS_SEQUENCE &&
            out.m_segments.back().asns.size() + s.asns.size() <= 255)
        {
            auto& v = out.m_segments.back().asns;
            v.insert(v.end(), s.asns.begin(), s.asns.end());
        }
        else
        {
            out.m_segments.push_back(s);
        }
    }
    return out;
}

std::string
RtmBgpAsPath::ToString() const
{
    std::ostringstream os;
    bool first = true;
    for (const auto& s : m_segments)
    {
        bool isSet = s.type == AS_SET || s.type == AS_CONFED_SET;
        if (isSet)
        {
            os << (first ? "" : " ") << (s.type == AS_SET ? "{" : "({");
            for (std::size_t i = 0; i < s.asns.size(); ++i)
            {
                os << (i ? "," : "") << s.asns[i];
            }
            os << (s.type == AS_SET ? "}" : "})");
            first = false;
            continue;
        }
        for (uint32_t a : s.asns)
        {
            os << (first ? "" : " ") << (s.type == AS_CONFED_SEQUENCE ? "(" : "") << a
               << (s.type == AS_CONFED_SEQUENCE ? ")" : "");
            first = false;
        }
    }
    return os.str();
}

void
RtmBgpAsPath::Encode(std::vector<uint8_t>& out, bool fourOctet) const
{
    RtmBgpWriter w(out);
    for (const auto& s : m_segments)
    {
        w.U8(s.type);
        w.U8(static_cast<uint8_t>(s.asns.size()));
        for (uint32_t a : s.asns)
        {
            if (fourOctet)
            {
                w.U32(a);
            }
            else
            {
                w.U16(static_cast<uint16_t>(a > 0xFFFF ? AS_TRANS : a));
            }
        }
    }
}

bool
RtmBgpAsPath::Decode(const uint8_t* data, std::size_t len, bool fourOctet, RtmBgpAsPath& out)
{
    RtmBgpReader r(data, len);
    RtmBgpAsPath p;
    while (r.Left() > 0)
    {
        uint8_t type = 0;
        uint8_t count = 0;
        if (!r.U8(type) || !r.U8(count))
        {
            return false; // a segment header cut short
        }
        if (type < AS_SET || type > AS_CONFED_SET || count == 0)
        {
            return false; // RFC 7606 §7.2: unknown type or zero-length segment
        }
        Segment s;
        s.type = type;
        s.asns.reserve(count);
        for (uint8_t i = 0; i < count; ++i)
        {
            uint32_t a = 0;
            uint16_t a2 = 0;
            if (fourOctet ? !r.U32(a) : !r.U16(a2))
            {
                return false; // overrun
            }
            s.asns.push_back(fourOctet ? a : a2);
        }
        p.m_segments.push_back(std::move(s));
    }
    out = std::move(p);
    return true;
}

std::size_t
RtmBgpAsPath::Hash() const
{
    std::size_t h = 1469598103934665603ULL;
    for (const auto& s : m_segments)
    {
        h = (h ^ s.type) * 1099511628211ULL;
        for (uint32_t a : s.asns)
        {
            h = (h ^ a) * 1099511628211ULL;
        }
    }
    return h;
}

} // namespace ns3
