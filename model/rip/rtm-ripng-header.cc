/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RIPng wire format (RFC 2080). Parse reads raw bytes; next-hop entries apply to the entries
 * after them and are not entries themselves.
 */
#include "rtm-ripng-header.h"

#include <algorithm>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RtmRipNgHeader);

bool
RtmRipNgHeader::Entry::operator==(const Entry& o) const
{
    return prefix == o.prefix && tag == o.tag && prefixLength == o.prefixLength &&
           metric == o.metric && nextHop == o.nextHop;
}

RtmRipNgHeader::RtmRipNgHeader() = default;

TypeId
RtmRipNgHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmRipNgHeader")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmRipNgHeader>();
    return tid;
}

TypeId
RtmRipNgHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmRipNgHeader::Print(std::ostream& os) const
{
    os << "RIPng "
       << (m_command == REQUEST    ? "request"
           : m_command == RESPONSE ? "response"
                                   : "?")
       << " (" << m_entries.size() << " entries)";
    for (const auto& e : m_entries)
    {
        os << " [" << e.prefix << "/" << static_cast<uint32_t>(e.prefixLength);
        if (!e.nextHop.IsAny())
        {
            os << " via " << e.nextHop;
        }
        if (e.tag != 0)
        {
            os << " tag " << e.tag;
        }
        os << " metric " << static_cast<uint32_t>(e.metric) << "]";
    }
}

uint32_t
RtmRipNgHeader::GetSerializedSize() const
{
    return HEADER_SIZE + ENTRY_SIZE * static_cast<uint32_t>(m_entries.size());
}

void
RtmRipNgHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_command);
    i.WriteU8(m_version);
    i.WriteU16(0);
    for (const auto& e : m_entries)
    {
        uint8_t a[16];
        e.prefix.GetBytes(a);
        i.Write(a, 16);
        i.WriteHtonU16(e.tag);
        i.WriteU8(e.prefixLength);
        i.WriteU8(e.metric);
    }
}

uint32_t
RtmRipNgHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_entries.clear();
    m_entryDrops.clear();
    m_ignoredNextHops = 0;
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
        uint8_t a[16];
        i.Read(a, 16);
        Entry e;
        e.prefix = Ipv6Address(a);
        e.tag = i.ReadNtohU16();
        e.prefixLength = i.ReadU8();
        e.metric = i.ReadU8();
        m_entries.push_back(e);
    }
    return HEADER_SIZE + ENTRY_SIZE * n;
}

void
RtmRipNgHeader::SetCommand(uint8_t command)
{
    m_command = command;
}

uint8_t
RtmRipNgHeader::GetCommand() const
{
    return m_command;
}

void
RtmRipNgHeader::SetMaxEntries(uint32_t max)
{
    m_max = std::max<uint32_t>(1, max);
}

bool
RtmRipNgHeader::AddEntry(const Entry& e)
{
    if (m_entries.size() >= m_max)
    {
        return false;
    }
    m_entries.push_back(e);
    return true;
}

const std::vector<RtmRipNgHeader::Entry>&
RtmRipNgHeader::GetEntries() const
{
    return m_entries;
}

uint32_t
RtmRipNgHeader::GetNEntries() const
{
    return static_cast<uint32_t>(m_entries.size());
}

void
RtmRipNgHeader::ClearEntries()
{
    m_entries.clear();
}

const std::vector<RtmRipDropReason>&
RtmRipNgHeader::GetEntryDrops() const
{
    return m_entryDrops;
}

uint32_t
RtmRipNgHeader::GetIgnoredNextHops() const
{
    return m_ignoredNextHops;
}

void
RtmRipNgHeader::SetWholeTableRequest()
{
    m_command = REQUEST;
    m_entries.clear();
    m_entries.emplace_back();
}

bool
RtmRipNgHeader::IsWholeTableRequest() const
{
    return m_command == REQUEST && m_entries.size() == 1 && m_entryDrops.empty() &&
           m_entries[0].prefix.IsAny() && m_entries[0].prefixLength == 0 &&
           m_entries[0].metric == METRIC_INFINITY;
}

bool
RtmRipNgHeader::Parse(Ptr<const Packet> packet, RtmRipNgHeader& header, RtmRipDropReason& why)
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
RtmRipNgHeader::Parse(const uint8_t* data,
                      uint32_t size,
                      RtmRipNgHeader& header,
                      RtmRipDropReason& why)
{
    header.m_entries.clear();
    header.m_entryDrops.clear();
    header.m_ignoredNextHops = 0;
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
    if ((size - HEADER_SIZE) % ENTRY_SIZE != 0)
    {
        why = RtmRipDropReason::BadLength;
        return false;
    }
    header.m_command = command;
    header.m_version = VERSION;
    uint32_t n = (size - HEADER_SIZE) / ENTRY_SIZE;
    Ipv6Address nextHop = Ipv6Address::GetAny();
    for (uint32_t k = 0; k < n; ++k)
    {
        const uint8_t* p = data + HEADER_SIZE + k * ENTRY_SIZE;
        Entry e;
        e.prefix = Ipv6Address(const_cast<uint8_t*>(p));
        e.tag = static_cast<uint16_t>((p[16] << 8) | p[17]);
        e.prefixLength = p[18];
        e.metric = p[19];
        if (e.metric == METRIC_NEXT_HOP && command == RESPONSE)
        {
            // RFC 2080 §2.1.1: a next hop that is not link-local means the sender.
            nextHop = e.prefix.IsLinkLocal() ? e.prefix : Ipv6Address::GetAny();
            header.m_ignoredNextHops += e.prefix.IsLinkLocal() || e.prefix.IsAny() ? 0 : 1;
            continue;
        }
        if (e.prefixLength > 128)
        {
            header.m_entryDrops.push_back(RtmRipDropReason::BadMask);
            continue;
        }
        if (command == RESPONSE && (e.metric == 0 || e.metric > METRIC_INFINITY))
        {
            header.m_entryDrops.push_back(RtmRipDropReason::BadMetric);
            continue;
        }
        uint8_t bytes[16];
        e.prefix.GetBytes(bytes);
        bool hostBits = false;
        for (uint32_t bit = e.prefixLength; bit < 128 && !hostBits; ++bit)
        {
            hostBits = (bytes[bit / 8] >> (7 - bit % 8)) & 1;
        }
        if (hostBits)
        {
            header.m_entryDrops.push_back(RtmRipDropReason::HostBits);
            continue;
        }
        e.nextHop = nextHop;
        header.m_entries.push_back(e);
    }
    return true;
}

std::ostream&
operator<<(std::ostream& os, const RtmRipNgHeader& h)
{
    h.Print(os);
    return os;
}

} // namespace ns3
