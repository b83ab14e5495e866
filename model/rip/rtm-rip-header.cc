/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RIPv2 wire format. Parse reads raw bytes and builds nothing from unchecked fields (masks stay
 * 32-bit words until checked); Serialize writes ToBytes(), which signs RFC 4822 messages.
 */
#include "rtm-rip-header.h"

#include <algorithm>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RtmRipHeader);

namespace
{

/// \return the big-endian 16-bit value at \p p
uint16_t
Get16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

/// \return the big-endian 32-bit value at \p p
uint32_t
Get32(const uint8_t* p)
{
    return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
           (static_cast<uint32_t>(p[2]) << 8) | static_cast<uint32_t>(p[3]);
}

/// Append a big-endian 16-bit value.
void
Put16(std::vector<uint8_t>& b, uint16_t v)
{
    b.push_back(v >> 8);
    b.push_back(v & 0xff);
}

/// Append a big-endian 32-bit value.
void
Put32(std::vector<uint8_t>& b, uint32_t v)
{
    Put16(b, v >> 16);
    Put16(b, v & 0xffff);
}

/// The RFC 4822 authentication data length field sent for \p key: the whole trailer for keyed
/// MD5 (what BIRD and Quagga send and expect), the digest for HMAC.
uint8_t
AuthDataLengthField(const RtmRipAuthKey& key)
{
    return static_cast<uint8_t>(key.DigestLength() +
                                (key.type == RtmRipAuthType::KEYED_MD5 ? 4 : 0));
}

} // namespace

uint8_t
RtmRipHeader::Entry::PrefixLength() const
{
    uint8_t n = 0;
    for (uint32_t m = mask; m & 0x80000000u; m <<= 1)
    {
        ++n;
    }
    return n;
}

bool
RtmRipHeader::Entry::operator==(const Entry& o) const
{
    return afi == o.afi && tag == o.tag && address == o.address && mask == o.mask &&
           nextHop == o.nextHop && metric == o.metric;
}

RtmRipHeader::RtmRipHeader() = default;

TypeId
RtmRipHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmRipHeader")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmRipHeader>();
    return tid;
}

TypeId
RtmRipHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmRipHeader::Print(std::ostream& os) const
{
    os << "RIPv" << static_cast<uint32_t>(m_version) << " "
       << (m_command == REQUEST    ? "request"
           : m_command == RESPONSE ? "response"
                                   : "command?")
       << " (" << m_entries.size() << " entries";
    if (m_key.type != RtmRipAuthType::NONE)
    {
        os << ", " << RtmRipAuthTypeName(m_key.type);
    }
    else if (m_auth.type != 0)
    {
        os << ", auth type " << m_auth.type;
    }
    os << ")";
    for (const auto& e : m_entries)
    {
        os << " [afi " << e.afi << " " << e.address << "/";
        if (IsContiguous(e.mask))
        {
            os << static_cast<uint32_t>(e.PrefixLength());
        }
        else
        {
            os << Ipv4Address(e.mask);
        }
        if (e.nextHop != Ipv4Address::GetAny())
        {
            os << " via " << e.nextHop;
        }
        if (e.tag != 0)
        {
            os << " tag " << e.tag;
        }
        os << " metric " << e.metric << "]";
    }
}

std::vector<uint8_t>
RtmRipHeader::ToBytes() const
{
    std::vector<uint8_t> b;
    b.reserve(GetSerializedSize());
    b.push_back(m_command);
    b.push_back(m_version);
    Put16(b, 0);
    bool crypto = m_key.DigestLength() != 0;
    if (m_key.type == RtmRipAuthType::SIMPLE_PASSWORD)
    {
        Put16(b, AFI_AUTH);
        Put16(b, AUTH_PASSWORD);
        for (std::size_t i = 0; i < 16; ++i)
        {
            b.push_back(i < m_key.key.size() ? static_cast<uint8_t>(m_key.key[i]) : 0);
        }
    }
    else if (crypto)
    {
        Put16(b, AFI_AUTH);
        Put16(b, AUTH_CRYPTO);
        Put16(b, static_cast<uint16_t>(HEADER_SIZE + ENTRY_SIZE * (m_entries.size() + 1)));
        b.push_back(m_key.keyId);
        b.push_back(AuthDataLengthField(m_key));
        Put32(b, m_sequence);
        Put32(b, 0);
        Put32(b, 0);
    }
    for (const auto& e : m_entries)
    {
        Put16(b, e.afi);
        Put16(b, e.tag);
        Put32(b, e.address.Get());
        Put32(b, e.mask);
        Put32(b, e.nextHop.Get());
        Put32(b, e.metric);
    }
    if (crypto)
    {
        Put16(b, AFI_AUTH);
        Put16(b, AUTH_TRAILER);
        b.resize(b.size() + m_key.DigestLength(), 0);
        RtmRipAuth::Sign(m_key, b);
    }
    return b;
}

uint32_t
RtmRipHeader::GetSerializedSize() const
{
    uint32_t size = HEADER_SIZE + ENTRY_SIZE * static_cast<uint32_t>(m_entries.size());
    if (m_key.type != RtmRipAuthType::NONE)
    {
        size += ENTRY_SIZE;
    }
    if (m_key.DigestLength() != 0)
    {
        size += 4 + m_key.DigestLength();
    }
    return size;
}

void
RtmRipHeader::Serialize(Buffer::Iterator start) const
{
    std::vector<uint8_t> b = ToBytes();
    start.Write(b.data(), static_cast<uint32_t>(b.size()));
}

uint32_t
RtmRipHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_entries.clear();
    m_entryDrops.clear();
    m_auth = Auth();
    m_key = RtmRipAuthKey();
    if (i.GetRemainingSize() < HEADER_SIZE)
    {
        return 0;
    }
    m_command = i.ReadU8();
    m_version = i.ReadU8();
    i.ReadU16();
    uint32_t n = i.GetRemainingSize() / ENTRY_SIZE;
    for (uint32_t k = 0; k < n; ++k)
    {
        Entry e;
        e.afi = i.ReadNtohU16();
        e.tag = i.ReadNtohU16();
        e.address = Ipv4Address(i.ReadNtohU32());
        e.mask = i.ReadNtohU32();
        e.nextHop = Ipv4Address(i.ReadNtohU32());
        e.metric = i.ReadNtohU32();
        m_entries.push_back(e);
    }
    return HEADER_SIZE + ENTRY_SIZE * n;
}

void
RtmRipHeader::SetCommand(uint8_t command)
{
    m_command = command;
}

uint8_t
RtmRipHeader::GetCommand() const
{
    return m_command;
}

void
RtmRipHeader::SetVersion(uint8_t version)
{
    m_version = version;
}

uint8_t
RtmRipHeader::GetVersion() const
{
    return m_version;
}

void
RtmRipHeader::SetAuthentication(const RtmRipAuthKey& key, uint32_t sequence)
{
    m_key = key;
    m_sequence = sequence;
}

const RtmRipHeader::Auth&
RtmRipHeader::GetAuth() const
{
    return m_auth;
}

uint32_t
RtmRipHeader::GetRoom() const
{
    // The whole datagram, authentication entry and RFC 4822 trailer included, stays within
    // RFC 2453's 512 octets: 25 entries, 24 with a password, 23 with keyed MD5, 22 with
    // HMAC-SHA-256 (BIRD refuses RIPv2 datagrams above 532 bytes, and sends these counts).
    uint32_t room = MAX_DATAGRAM - HEADER_SIZE;
    if (m_key.type != RtmRipAuthType::NONE)
    {
        room -= ENTRY_SIZE;
    }
    if (m_key.DigestLength() > 0)
    {
        room -= 4 + m_key.DigestLength(); // trailer: family 0xFFFF, type 1, digest
    }
    uint32_t max = std::min(MAX_ENTRIES, room / ENTRY_SIZE);
    return m_entries.size() >= max ? 0 : max - static_cast<uint32_t>(m_entries.size());
}

bool
RtmRipHeader::AddEntry(const Entry& e)
{
    if (GetRoom() == 0)
    {
        return false;
    }
    m_entries.push_back(e);
    return true;
}

const std::vector<RtmRipHeader::Entry>&
RtmRipHeader::GetEntries() const
{
    return m_entries;
}

uint32_t
RtmRipHeader::GetNEntries() const
{
    return static_cast<uint32_t>(m_entries.size());
}

void
RtmRipHeader::ClearEntries()
{
    m_entries.clear();
}

const std::vector<RtmRipDropReason>&
RtmRipHeader::GetEntryDrops() const
{
    return m_entryDrops;
}

void
RtmRipHeader::SetWholeTableRequest()
{
    m_command = REQUEST;
    m_entries.clear();
    Entry e;
    e.afi = AFI_UNSPECIFIED;
    e.metric = METRIC_INFINITY;
    m_entries.push_back(e);
}

bool
RtmRipHeader::IsWholeTableRequest(bool lenient) const
{
    if (m_command != REQUEST || m_entries.size() != 1 || !m_entryDrops.empty() ||
        m_entries[0].metric != METRIC_INFINITY)
    {
        return false;
    }
    const Entry& e = m_entries[0];
    return e.afi == AFI_UNSPECIFIED ||
           (lenient && e.afi == AFI_INET && e.address.Get() == 0 && e.mask == 0);
}

bool
RtmRipHeader::IsContiguous(uint32_t mask)
{
    uint32_t inverted = ~mask;
    // ones then zeros <=> the inverted mask is 2^k - 1
    return (inverted & (inverted + 1)) == 0;
}

uint32_t
RtmRipHeader::MaskOf(uint8_t length)
{
    return length == 0 ? 0u : 0xffffffffu << (32 - std::min<uint8_t>(length, 32));
}

bool
RtmRipHeader::Parse(Ptr<const Packet> packet, RtmRipHeader& header, RtmRipDropReason& why)
{
    if (!packet)
    {
        why = RtmRipDropReason::Short;
        return false;
    }
    std::vector<uint8_t> buf(packet->GetSize());
    packet->CopyData(buf.data(), static_cast<uint32_t>(buf.size()));
    return Parse(buf.data(), static_cast<uint32_t>(buf.size()), header, why);
}

bool
RtmRipHeader::Parse(const uint8_t* data, uint32_t size, RtmRipHeader& header, RtmRipDropReason& why)
{
    header.m_entries.clear();
    header.m_entryDrops.clear();
    header.m_auth = Auth();
    header.m_key = RtmRipAuthKey();
    if (data == nullptr || size < HEADER_SIZE)
    {
        why = RtmRipDropReason::Short;
        return false;
    }
    uint8_t command = data[0];
    if (command != REQUEST && command != RESPONSE)
    {
        why = RtmRipDropReason::BadCommand;
        return false;
    }
    if (data[1] != VERSION)
    {
        why = RtmRipDropReason::BadVersion;
        return false;
    }
    if (data[2] != 0 || data[3] != 0)
    {
        why = RtmRipDropReason::NonZeroHeader;
        return false;
    }
    uint32_t first = HEADER_SIZE; // first route entry
    uint32_t end = size;          // end of the entries
    Auth& auth = header.m_auth;
    if (size >= HEADER_SIZE + ENTRY_SIZE && Get16(data + HEADER_SIZE) == AFI_AUTH)
    {
        const uint8_t* a = data + HEADER_SIZE;
        auth.type = Get16(a + 2);
        first += ENTRY_SIZE;
        if (auth.type == AUTH_PASSWORD)
        {
            auth.password.assign(a + 4, a + 20);
        }
        else if (auth.type == AUTH_CRYPTO)
        {
            auth.packetLength = Get16(a + 4);
            auth.keyId = a[6];
            auth.authDataLength = a[7];
            auth.sequence = Get32(a + 8);
            if (auth.packetLength < first || auth.packetLength + 4u > size ||
                (auth.packetLength - first) % ENTRY_SIZE != 0)
            {
                why = RtmRipDropReason::BadLength;
                return false;
            }
            end = auth.packetLength;
            const uint8_t* t = data + end;
            if (Get16(t) != AFI_AUTH || Get16(t + 2) != AUTH_TRAILER)
            {
                why = RtmRipDropReason::AuthBadDigest;
                return false;
            }
            auth.digestLength = size - end - 4;
        }
    }
    if ((end - first) % ENTRY_SIZE != 0)
    {
        why = RtmRipDropReason::BadLength;
        return false;
    }
    uint32_t n = (end - first) / ENTRY_SIZE;
    header.m_command = command;
    header.m_version = VERSION;
    header.m_entries.reserve(n);
    for (uint32_t k = 0; k < n; ++k)
    {
        const uint8_t* p = data + first + k * ENTRY_SIZE;
        Entry e;
        e.afi = Get16(p);
        e.tag = Get16(p + 2);
        e.address = Ipv4Address(Get32(p + 4));
        e.mask = Get32(p + 8);
        e.nextHop = Ipv4Address(Get32(p + 12));
        e.metric = Get32(p + 16);
        if (e.afi == AFI_UNSPECIFIED && command == REQUEST && n == 1 && e.metric == METRIC_INFINITY)
        {
            header.m_entries.push_back(e); // the whole-table request (RFC 2453 §3.9.1)
            continue;
        }
        if (e.afi != AFI_INET)
        {
            header.m_entryDrops.push_back(RtmRipDropReason::BadAddressFamily);
            continue;
        }
        if (command == RESPONSE && (e.metric == 0 || e.metric > METRIC_INFINITY))
        {
            header.m_entryDrops.push_back(RtmRipDropReason::BadMetric);
            continue;
        }
        if (!IsContiguous(e.mask))
        {
            header.m_entryDrops.push_back(RtmRipDropReason::BadMask);
            continue;
        }
        if ((e.address.Get() & ~e.mask) != 0)
        {
            header.m_entryDrops.push_back(RtmRipDropReason::HostBits);
            continue;
        }
        header.m_entries.push_back(e);
    }
    return true;
}

std::ostream&
operator<<(std::ostream& os, const RtmRipHeader& h)
{
    h.Print(os);
    return os;
}

} // namespace ns3
