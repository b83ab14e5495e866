/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPFv2 LSAs: serialising and parsing the header and the five bodies, the Fletcher checksum
 * (RFC 2328 §12.1.7) and the instance comparison of §13.1.
 */
#include "rtm-ospf-lsa.h"

#include <algorithm>
#include <cstdlib>

namespace ns3
{

namespace
{
uint16_t
Get16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t
Get24(const uint8_t* p)
{
    return (uint32_t(p[0]) << 16) | (uint32_t(p[1]) << 8) | p[2];
}

uint32_t
Get32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

void
Write24(Buffer::Iterator& i, uint32_t v)
{
    i.WriteU8(static_cast<uint8_t>(v >> 16));
    i.WriteU8(static_cast<uint8_t>(v >> 8));
    i.WriteU8(static_cast<uint8_t>(v));
}

/// Offset of the checksum within the bytes the checksum covers (the LSA without its age).
constexpr uint32_t kChecksumPos = 14;
} // namespace

// ------------------------------------------------------------------------------ header

RtmOspfLsaKey
RtmOspfLsaHeader::Key() const
{
    return RtmOspfLsaKey{type, lsid, advRouter};
}

void
RtmOspfLsaHeader::Serialize(Buffer::Iterator& i, uint16_t a) const
{
    i.WriteHtonU16(a);
    i.WriteU8(options);
    i.WriteU8(type);
    i.WriteHtonU32(lsid);
    i.WriteHtonU32(advRouter);
    i.WriteHtonU32(static_cast<uint32_t>(seq));
    i.WriteHtonU16(checksum);
    i.WriteHtonU16(length);
}

void
RtmOspfLsaHeader::Deserialize(Buffer::Iterator& i)
{
    age = i.ReadNtohU16();
    options = i.ReadU8();
    type = i.ReadU8();
    lsid = i.ReadNtohU32();
    advRouter = i.ReadNtohU32();
    seq = static_cast<int32_t>(i.ReadNtohU32());
    checksum = i.ReadNtohU16();
    length = i.ReadNtohU16();
}

int
RtmOspfLsaHeader::Compare(const RtmOspfLsaHeader& o) const
{
    if (seq != o.seq)
    {
        return seq > o.seq ? 1 : -1;
    }
    if (checksum != o.checksum)
    {
        return checksum > o.checksum ? 1 : -1;
    }
    bool maxA = age >= OSPF_MAX_AGE;
    bool maxB = o.age >= OSPF_MAX_AGE;
    if (maxA != maxB)
    {
        return maxA ? 1 : -1;
    }
    if (std::abs(int(age) - int(o.age)) > OSPF_MAX_AGE_DIFF)
    {
        return age < o.age ? 1 : -1;
    }
    return 0;
}

std::ostream&
operator<<(std::ostream& os, const RtmOspfLsaHeader& h)
{
    os << RtmOspfLsaTypeName(h.type) << " id " << RtmOspfDotted(h.lsid) << " adv "
       << RtmOspfDotted(h.advRouter) << " seq 0x" << std::hex << static_cast<uint32_t>(h.seq)
       << " cksum 0x" << h.checksum << std::dec << " age " << h.age << " len " << h.length;
    return os;
}

// ------------------------------------------------------------------------------ LSA

bool
RtmOspfLsa::Link::operator==(const Link& o) const
{
    return id == o.id && data == o.data && type == o.type && metric == o.metric && tos == o.tos;
}

bool
RtmOspfLsa::HasMaskAndMetric() const
{
    return hdr.type == OSPF_LSA_SUMMARY_NET || hdr.type == OSPF_LSA_SUMMARY_ASBR ||
           hdr.type == OSPF_LSA_EXTERNAL || hdr.type == OSPF_LSA_NSSA;
}

uint32_t
RtmOspfLsa::BodySize() const
{
    switch (hdr.type)
    {
    case OSPF_LSA_ROUTER: {
        uint32_t n = 4;
        for (const auto& l : links)
        {
            n += 12 + 4 * static_cast<uint32_t>(l.tos.size());
        }
        return n;
    }
    case OSPF_LSA_NETWORK:
        return 4 + 4 * static_cast<uint32_t>(attached.size());
    case OSPF_LSA_SUMMARY_NET:
    case OSPF_LSA_SUMMARY_ASBR:
        return 8 + static_cast<uint32_t>(extra.size());
    case OSPF_LSA_EXTERNAL:
    case OSPF_LSA_NSSA:
        return 16 + static_cast<uint32_t>(extra.size());
    default:
        return 0;
    }
}

void
RtmOspfLsa::Serialize(Buffer::Iterator& i, uint16_t age) const
{
    hdr.Serialize(i, age);
    switch (hdr.type)
    {
    case OSPF_LSA_ROUTER:
        i.WriteU8(rtrFlags);
        i.WriteU8(rtrReserved);
        i.WriteHtonU16(static_cast<uint16_t>(links.size()));
        for (const auto& l : links)
        {
            i.WriteHtonU32(l.id);
            i.WriteHtonU32(l.data);
            i.WriteU8(l.type);
            i.WriteU8(static_cast<uint8_t>(l.tos.size()));
            i.WriteHtonU16(l.metric);
            for (uint32_t t : l.tos)
            {
                i.WriteHtonU32(t);
            }
        }
        break;
    case OSPF_LSA_NETWORK:
        i.WriteHtonU32(mask);
        for (uint32_t r : attached)
        {
            i.WriteHtonU32(r);
        }
        break;
    case OSPF_LSA_SUMMARY_NET:
    case OSPF_LSA_SUMMARY_ASBR:
    case OSPF_LSA_EXTERNAL:
    case OSPF_LSA_NSSA:
        i.WriteHtonU32(mask);
        i.WriteU8(bits);
        Write24(i, metric);
        if (hdr.type == OSPF_LSA_EXTERNAL || hdr.type == OSPF_LSA_NSSA)
        {
            i.WriteHtonU32(forward);
            i.WriteHtonU32(tag);
        }
        for (uint8_t b : extra)
        {
            i.WriteU8(b);
        }
        break;
    default:
        break;
    }
}

std::vector<uint8_t>
RtmOspfLsa::ToBytes(uint16_t age) const
{
    uint32_t len = OSPF_LSA_HEADER_SIZE + BodySize();
    Buffer b;
    b.AddAtStart(len);
    Buffer::Iterator i = b.Begin();
    Serialize(i, age);
    std::vector<uint8_t> out(len);
    b.CopyData(out.data(), len);
    return out;
}

void
RtmOspfLsa::Finalize()
{
    hdr.length = static_cast<uint16_t>(OSPF_LSA_HEADER_SIZE + BodySize());
    hdr.checksum = 0;
    std::vector<uint8_t> bytes = ToBytes(hdr.age);
    hdr.checksum = Fletcher(bytes.data(), hdr.length);
}

uint16_t
RtmOspfLsa::Fletcher(const uint8_t* lsa, uint32_t len)
{
    // ISO 8473 annex C over the LSA from its options byte (the age is left out), with the two
    // checksum bytes counted as zero.
    const uint8_t* d = lsa + 2;
    uint32_t n = len - 2;
    int64_t c0 = 0;
    int64_t c1 = 0;
    for (uint32_t k = 0; k < n; ++k)
    {
        uint8_t b = (k == kChecksumPos || k == kChecksumPos + 1) ? 0 : d[k];
        c0 = (c0 + b) % 255;
        c1 = (c1 + c0) % 255;
    }
    int64_t x = ((int64_t(n) - kChecksumPos - 1) * c0 - c1) % 255;
    if (x <= 0)
    {
        x += 255;
    }
    int64_t y = (510 - c0 - x) % 255;
    if (y <= 0)
    {
        y += 255;
    }
    return static_cast<uint16_t>((x << 8) | y);
}

bool
RtmOspfLsa::FletcherOk(const uint8_t* lsa, uint32_t len)
{
    if (len < OSPF_LSA_HEADER_SIZE || Get16(lsa + 16) == 0)
    {
        return false;
    }
    int64_t c0 = 0;
    int64_t c1 = 0;
    for (uint32_t k = 2; k < len; ++k)
    {
        c0 = (c0 + lsa[k]) % 255;
        c1 = (c1 + c0) % 255;
    }
    return c0 == 0 && c1 == 0;
}

Ptr<RtmOspfLsa>
RtmOspfLsa::Parse(const uint8_t* data, uint32_t avail, uint32_t& used, RtmOspfDrop& why)
{
    used = 0;
    if (avail < OSPF_LSA_HEADER_SIZE)
    {
        why = RtmOspfDrop::BadBody;
        return nullptr;
    }
    uint16_t length = Get16(data + 18);
    if (length < OSPF_LSA_HEADER_SIZE || length > avail)
    {
        why = RtmOspfDrop::BadBody;
        return nullptr;
    }
    used = length;
    Ptr<RtmOspfLsa> lsa = Create<RtmOspfLsa>();
    RtmOspfLsaHeader& h = lsa->hdr;
    h.age = std::min<uint16_t>(Get16(data), OSPF_MAX_AGE);
    h.options = data[2];
    h.type = data[3];
    h.lsid = Get32(data + 4);
    h.advRouter = Get32(data + 8);
    h.seq = static_cast<int32_t>(Get32(data + 12));
    h.checksum = Get16(data + 16);
    h.length = length;
    if (!RtmOspfKnownLsaType(h.type))
    {
        why = RtmOspfDrop::BadLsaType;
        return nullptr;
    }
    if (!FletcherOk(data, length))
    {
        why = RtmOspfDrop::BadLsaChecksum;
        return nullptr;
    }
    if (h.seq == INT32_MIN)
    {
        why = RtmOspfDrop::BadLsa; // 0x80000000 is reserved
        return nullptr;
    }
    const uint8_t* b = data + OSPF_LSA_HEADER_SIZE;
    uint32_t blen = length - OSPF_LSA_HEADER_SIZE;
    why = RtmOspfDrop::BadLsa;
    switch (h.type)
    {
    case OSPF_LSA_ROUTER: {
        if (blen < 4)
        {
            return nullptr;
        }
        lsa->rtrFlags = b[0];
        lsa->rtrReserved = b[1];
        uint32_t n = Get16(b + 2);
        uint32_t off = 4;
        for (uint32_t k = 0; k < n; ++k)
        {
            if (off + 12 > blen)
            {
                return nullptr;
            }
            Link l;
            l.id = Get32(b + off);
            l.data = Get32(b + off + 4);
            l.type = b[off + 8];
            uint32_t ntos = b[off + 9];
            l.metric = Get16(b + off + 10);
            off += 12;
            if (l.type < OSPF_LINK_P2P || l.type > OSPF_LINK_VIRTUAL || off + 4 * ntos > blen)
            {
                return nullptr;
            }
            for (uint32_t t = 0; t < ntos; ++t)
            {
                l.tos.push_back(Get32(b + off));
                off += 4;
            }
            lsa->links.push_back(std::move(l));
        }
        if (off != blen)
        {
            return nullptr;
        }
        break;
    }
    case OSPF_LSA_NETWORK:
        if (blen < 4 || blen % 4 != 0)
        {
            return nullptr;
        }
        lsa->mask = Get32(b);
        for (uint32_t off = 4; off < blen; off += 4)
        {
            lsa->attached.push_back(Get32(b + off));
        }
        break;
    case OSPF_LSA_SUMMARY_NET:
    case OSPF_LSA_SUMMARY_ASBR:
    case OSPF_LSA_EXTERNAL:
    case OSPF_LSA_NSSA: {
        bool ext = h.type == OSPF_LSA_EXTERNAL || h.type == OSPF_LSA_NSSA;
        uint32_t fixed = ext ? 16 : 8;
        uint32_t entry = ext ? 12 : 4;
        if (blen < fixed || (blen - fixed) % entry != 0)
        {
            return nullptr;
        }
        lsa->mask = Get32(b);
        lsa->bits = b[4];
        lsa->metric = Get24(b + 5);
        if (ext)
        {
            lsa->forward = Get32(b + 8);
            lsa->tag = Get32(b + 12);
        }
        lsa->extra.assign(b + fixed, b + blen);
        break;
    }
    default:
        return nullptr;
    }
    return lsa;
}

bool
RtmOspfLsa::SameBody(const RtmOspfLsa& o) const
{
    return hdr.type == o.hdr.type && rtrFlags == o.rtrFlags && rtrReserved == o.rtrReserved &&
           links == o.links && mask == o.mask && attached == o.attached && bits == o.bits &&
           metric == o.metric && forward == o.forward && tag == o.tag && extra == o.extra;
}

bool
RtmOspfLsa::ContentsDiffer(const RtmOspfLsa& o, uint16_t myAge, uint16_t otherAge) const
{
    if (hdr.options != o.hdr.options || hdr.length != o.hdr.length)
    {
        return true;
    }
    if ((myAge >= OSPF_MAX_AGE) != (otherAge >= OSPF_MAX_AGE))
    {
        return true;
    }
    return !SameBody(o);
}

void
RtmOspfLsa::Print(std::ostream& os) const
{
    os << hdr;
    switch (hdr.type)
    {
    case OSPF_LSA_ROUTER:
        os << " flags 0x" << std::hex << uint32_t(rtrFlags) << std::dec << " links";
        for (const auto& l : links)
        {
            os << " [" << uint32_t(l.type) << " " << RtmOspfDotted(l.id) << " "
               << RtmOspfDotted(l.data) << " " << l.metric << "]";
        }
        break;
    case OSPF_LSA_NETWORK:
        os << " mask " << RtmOspfDotted(mask) << " routers";
        for (uint32_t r : attached)
        {
            os << " " << RtmOspfDotted(r);
        }
        break;
    default:
        if (HasMaskAndMetric())
        {
            os << " mask " << RtmOspfDotted(mask) << " metric " << metric;
            if (hdr.type == OSPF_LSA_EXTERNAL || hdr.type == OSPF_LSA_NSSA)
            {
                os << ((bits & 0x80) ? " E2" : " E1") << " fwd " << RtmOspfDotted(forward)
                   << " tag " << tag;
            }
        }
        break;
    }
}

} // namespace ns3
