/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The five OSPF packet bodies: serialising and parsing, and RtmOspfPacket::Parse, which checks
 * a whole received packet and says why it is rejected.
 */
#include "rtm-ospf-packets.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RtmOspfHello);
NS_OBJECT_ENSURE_REGISTERED(RtmOspfDbDesc);
NS_OBJECT_ENSURE_REGISTERED(RtmOspfLsRequest);
NS_OBJECT_ENSURE_REGISTERED(RtmOspfLsUpdate);
NS_OBJECT_ENSURE_REGISTERED(RtmOspfLsAck);

namespace
{
uint16_t
Get16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t
Get32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

/// Read the rest of a buffer into bytes.
std::vector<uint8_t>
Rest(Buffer::Iterator i)
{
    std::vector<uint8_t> v(i.GetRemainingSize());
    i.Read(v.data(), v.size());
    return v;
}

RtmOspfLsaHeader
LsaHeaderAt(const uint8_t* p)
{
    RtmOspfLsaHeader h;
    h.age = Get16(p);
    h.options = p[2];
    h.type = p[3];
    h.lsid = Get32(p + 4);
    h.advRouter = Get32(p + 8);
    h.seq = static_cast<int32_t>(Get32(p + 12));
    h.checksum = Get16(p + 16);
    h.length = Get16(p + 18);
    return h;
}

// Body parsers over bytes: false if malformed.

bool
ParseHello(const uint8_t* b, uint32_t n, RtmOspfHello& h)
{
    if (n < 20 || (n - 20) % 4 != 0)
    {
        return false;
    }
    h.mask = Get32(b);
    h.helloInterval = Get16(b + 4);
    h.options = b[6];
    h.priority = b[7];
    h.deadInterval = Get32(b + 8);
    h.dr = Get32(b + 12);
    h.bdr = Get32(b + 16);
    h.neighbors.clear();
    for (uint32_t off = 20; off < n; off += 4)
    {
        h.neighbors.push_back(Get32(b + off));
    }
    return true;
}

bool
ParseDbDesc(const uint8_t* b, uint32_t n, RtmOspfDbDesc& d)
{
    if (n < 8 || (n - 8) % OSPF_LSA_HEADER_SIZE != 0)
    {
        return false;
    }
    d.mtu = Get16(b);
    d.options = b[2];
    d.flags = b[3];
    d.seq = Get32(b + 4);
    d.headers.clear();
    for (uint32_t off = 8; off < n; off += OSPF_LSA_HEADER_SIZE)
    {
        d.headers.push_back(LsaHeaderAt(b + off));
    }
    return true;
}

bool
ParseLsRequest(const uint8_t* b, uint32_t n, RtmOspfLsRequest& r)
{
    if (n % 12 != 0)
    {
        return false;
    }
    r.requests.clear();
    for (uint32_t off = 0; off < n; off += 12)
    {
        uint32_t type = Get32(b + off);
        if (type > 0xff)
        {
            return false;
        }
        r.requests.push_back(
            RtmOspfLsaKey{static_cast<uint8_t>(type), Get32(b + off + 4), Get32(b + off + 8)});
    }
    return true;
}

bool
ParseLsUpdate(const uint8_t* b, uint32_t n, RtmOspfLsUpdate& u)
{
    u.lsas.clear();
    u.bad.clear();
    if (n < 4)
    {
        return false;
    }
    uint32_t count = Get32(b);
    uint32_t off = 4;
    for (uint32_t k = 0; k < count; ++k)
    {
        uint32_t used = 0;
        RtmOspfDrop why = RtmOspfDrop::BadLsa;
        Ptr<RtmOspfLsa> lsa = RtmOspfLsa::Parse(b + off, n - off, used, why);
        if (used == 0)
        {
            return false; // the length cannot be trusted: the rest is unreadable
        }
        if (lsa)
        {
            u.lsas.push_back({lsa, lsa->hdr.age});
        }
        else
        {
            u.bad.emplace_back(LsaHeaderAt(b + off), why);
        }
        off += used;
    }
    return off == n;
}

bool
ParseLsAck(const uint8_t* b, uint32_t n, RtmOspfLsAck& a)
{
    if (n % OSPF_LSA_HEADER_SIZE != 0)
    {
        return false;
    }
    a.headers.clear();
    for (uint32_t off = 0; off < n; off += OSPF_LSA_HEADER_SIZE)
    {
        a.headers.push_back(LsaHeaderAt(b + off));
    }
    return true;
}
} // namespace

// ------------------------------------------------------------------------------ Hello

TypeId
RtmOspfHello::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfHello")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfHello>();
    return tid;
}

TypeId
RtmOspfHello::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmOspfHello::Print(std::ostream& os) const
{
    os << "Hello mask " << RtmOspfDotted(mask) << " hello " << helloInterval << " dead "
       << deadInterval << " pri " << uint32_t(priority) << " dr " << RtmOspfDotted(dr) << " bdr "
       << RtmOspfDotted(bdr) << " neighbors " << neighbors.size();
}

uint32_t
RtmOspfHello::GetSerializedSize() const
{
    return 20 + 4 * static_cast<uint32_t>(neighbors.size());
}

void
RtmOspfHello::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU32(mask);
    i.WriteHtonU16(helloInterval);
    i.WriteU8(options);
    i.WriteU8(priority);
    i.WriteHtonU32(deadInterval);
    i.WriteHtonU32(dr);
    i.WriteHtonU32(bdr);
    for (uint32_t n : neighbors)
    {
        i.WriteHtonU32(n);
    }
}

uint32_t
RtmOspfHello::Deserialize(Buffer::Iterator start)
{
    std::vector<uint8_t> v = Rest(start);
    ParseHello(v.data(), static_cast<uint32_t>(v.size()), *this);
    return static_cast<uint32_t>(v.size());
}

// ------------------------------------------------------------------------------ DD

TypeId
RtmOspfDbDesc::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfDbDesc")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfDbDesc>();
    return tid;
}

TypeId
RtmOspfDbDesc::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmOspfDbDesc::Print(std::ostream& os) const
{
    os << "DbDesc mtu " << mtu << " flags" << ((flags & OSPF_DD_I) ? " I" : "")
       << ((flags & OSPF_DD_M) ? " M" : "") << ((flags & OSPF_DD_MS) ? " MS" : "") << " seq " << seq
       << " headers " << headers.size();
}

uint32_t
RtmOspfDbDesc::GetSerializedSize() const
{
    return 8 + OSPF_LSA_HEADER_SIZE * static_cast<uint32_t>(headers.size());
}

void
RtmOspfDbDesc::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU16(mtu);
    i.WriteU8(options);
    i.WriteU8(flags);
    i.WriteHtonU32(seq);
    for (const auto& h : headers)
    {
        h.Serialize(i, h.age);
    }
}

uint32_t
RtmOspfDbDesc::Deserialize(Buffer::Iterator start)
{
    std::vector<uint8_t> v = Rest(start);
    ParseDbDesc(v.data(), static_cast<uint32_t>(v.size()), *this);
    return static_cast<uint32_t>(v.size());
}

// ------------------------------------------------------------------------------ LSR

TypeId
RtmOspfLsRequest::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfLsRequest")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfLsRequest>();
    return tid;
}

TypeId
RtmOspfLsRequest::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmOspfLsRequest::Print(std::ostream& os) const
{
    os << "LsRequest " << requests.size();
}

uint32_t
RtmOspfLsRequest::GetSerializedSize() const
{
    return 12 * static_cast<uint32_t>(requests.size());
}

void
RtmOspfLsRequest::Serialize(Buffer::Iterator i) const
{
    for (const auto& k : requests)
    {
        i.WriteHtonU32(k.type);
        i.WriteHtonU32(k.lsid);
        i.WriteHtonU32(k.advRouter);
    }
}

uint32_t
RtmOspfLsRequest::Deserialize(Buffer::Iterator start)
{
    std::vector<uint8_t> v = Rest(start);
    ParseLsRequest(v.data(), static_cast<uint32_t>(v.size()), *this);
    return static_cast<uint32_t>(v.size());
}

// ------------------------------------------------------------------------------ LSU

TypeId
RtmOspfLsUpdate::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfLsUpdate")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfLsUpdate>();
    return tid;
}

TypeId
RtmOspfLsUpdate::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmOspfLsUpdate::Print(std::ostream& os) const
{
    os << "LsUpdate " << lsas.size() << " LSAs";
}

uint32_t
RtmOspfLsUpdate::GetSerializedSize() const
{
    uint32_t n = 4;
    for (const auto& e : lsas)
    {
        n += e.lsa->hdr.length;
    }
    return n;
}

void
RtmOspfLsUpdate::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU32(static_cast<uint32_t>(lsas.size()));
    for (const auto& e : lsas)
    {
        e.lsa->Serialize(i, e.age);
    }
}

uint32_t
RtmOspfLsUpdate::Deserialize(Buffer::Iterator start)
{
    std::vector<uint8_t> v = Rest(start);
    ParseLsUpdate(v.data(), static_cast<uint32_t>(v.size()), *this);
    return static_cast<uint32_t>(v.size());
}

// ------------------------------------------------------------------------------ LSAck

TypeId
RtmOspfLsAck::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfLsAck")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfLsAck>();
    return tid;
}

TypeId
RtmOspfLsAck::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmOspfLsAck::Print(std::ostream& os) const
{
    os << "LsAck " << headers.size();
}

uint32_t
RtmOspfLsAck::GetSerializedSize() const
{
    return OSPF_LSA_HEADER_SIZE * static_cast<uint32_t>(headers.size());
}

void
RtmOspfLsAck::Serialize(Buffer::Iterator i) const
{
    for (const auto& h : headers)
    {
        h.Serialize(i, h.age);
    }
}

uint32_t
RtmOspfLsAck::Deserialize(Buffer::Iterator start)
{
    std::vector<uint8_t> v = Rest(start);
    ParseLsAck(v.data(), static_cast<uint32_t>(v.size()), *this);
    return static_cast<uint32_t>(v.size());
}

// ------------------------------------------------------------------------------ parse

bool
RtmOspfPacket::Parse(const uint8_t* d, uint32_t size, RtmOspfPacket& out, RtmOspfDrop& why)
{
    if (size < OSPF_HEADER_SIZE)
    {
        why = RtmOspfDrop::TooShort;
        return false;
    }
    RtmOspfHeader& h = out.header;
    h.version = d[0];
    h.type = d[1];
    h.length = Get16(d + 2);
    h.routerId = Get32(d + 4);
    h.areaId = Get32(d + 8);
    h.checksum = Get16(d + 12);
    h.auType = Get16(d + 14);
    std::copy(d + 16, d + 24, h.auth.begin());
    if (h.version != OSPF_VERSION)
    {
        why = RtmOspfDrop::BadVersion;
        return false;
    }
    if (h.length < OSPF_HEADER_SIZE || h.length > size)
    {
        why = h.length > size ? RtmOspfDrop::TooShort : RtmOspfDrop::BadLength;
        return false;
    }
    if (h.auType != OSPF_AUTH_CRYPTO && h.checksum != RtmOspfHeader::ComputeChecksum(d, h.length))
    {
        why = RtmOspfDrop::BadChecksum;
        return false;
    }
    const uint8_t* b = d + OSPF_HEADER_SIZE;
    uint32_t n = h.length - OSPF_HEADER_SIZE;
    bool ok = false;
    switch (h.type)
    {
    case 1:
        ok = ParseHello(b, n, out.hello);
        break;
    case 2:
        ok = ParseDbDesc(b, n, out.dd);
        break;
    case 3:
        ok = ParseLsRequest(b, n, out.lsr);
        break;
    case 4:
        ok = ParseLsUpdate(b, n, out.lsu);
        break;
    case 5:
        ok = ParseLsAck(b, n, out.ack);
        break;
    default:
        why = RtmOspfDrop::BadType;
        return false;
    }
    if (!ok)
    {
        why = RtmOspfDrop::BadBody;
        return false;
    }
    return true;
}

} // namespace ns3
