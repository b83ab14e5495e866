/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 */
#include "rtm-rip-header.h"

#include <sstream>

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

} // namespace

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
       << " (" << m_entries.size() << " entries)";
    for (const auto& e : m_entries)
    {
        os << " [afi " << e.afi << " " << e.address << "/" << e.mask.GetPrefixLength();
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

uint32_t
RtmRipHeader::GetSerializedSize() const
{
    return HEADER_SIZE + ENTRY_SIZE * static_cast<uint32_t>(m_entries.size());
}

void
RtmRipHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_command);
    i.WriteU8(m_version);
    i.WriteU16(0);
    for (const auto& e : m_entries)
    {
        i.WriteHtonU16(e.afi);
        i.WriteHtonU16(e.tag);
        i.WriteHtonU32(e.address.Get());
        i.WriteHtonU32(e.mask.Get());
        i.WriteHtonU32(e.nextHop.Get());
        i.WriteHtonU32(e.metric);
    }
}

uint32_t
RtmRipHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_entries.clear();
    if (i.GetRemainingSize() < HEADER_SIZE)
    {
        return 0;
    }
    m_command = i.ReadU8();
    m_version = i.ReadU8();
    i.ReadU16();
    uint32_t n = i.GetRemainingSize() / ENTRY_SIZE;
    if (n > MAX_ENTRIES)
    {
        n = MAX_ENTRIES;
    }
    for (uint32_t k = 0; k < n; ++k)
    {
        Entry e;
        e.afi = i.ReadNtohU16();
        e.tag = i.ReadNtohU16();
        e.address = Ipv4Address(i.ReadNtohU32());
        e.mask = Ipv4Mask(i.ReadNtohU32());
        e.nextHop = Ipv4Address(i.ReadNtohU32());
        e.metric = i.ReadNtohU32();
        m_entries.push_back(e);
    }
    return GetSerializedSize();
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

bool
RtmRipHeader::AddEntry(const Entry& e)
{
    if (m_entries.size() >= MAX_ENTRIES)
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
RtmRipHeader::IsWholeTableRequest() const
{
    return m_command == REQUEST && m_entries.size() == 1 && m_entries[0].afi == AFI_UNSPECIFIED &&
           m_entries[0].metric == METRIC_INFINITY;
}

bool
RtmRipHeader::IsContiguous(Ipv4Mask mask)
{
    uint32_t inverted = ~mask.Get();
    // ones then zeros <=> the inverted mask is 2^k - 1
    return (inverted & (inverted + 1)) == 0;
}

bool
RtmRipHeader::Parse(Ptr<const Packet> packet, RtmRipHeader& header, std::string& why)
{
    if (!packet)
    {
        why = "no packet";
        return false;
    }
    uint32_t size = packet->GetSize();
    const uint32_t maxSize = HEADER_SIZE + ENTRY_SIZE * MAX_ENTRIES;
    if (size > maxSize)
    {
        why = (size - HEADER_SIZE) % ENTRY_SIZE == 0
                  ? "too many entries (" + std::to_string((size - HEADER_SIZE) / ENTRY_SIZE) + ")"
                  : "length " + std::to_string(size) + " is not 4 + 20 n";
        return false;
    }
    uint8_t buf[HEADER_SIZE + ENTRY_SIZE * MAX_ENTRIES];
    uint32_t copied = packet->CopyData(buf, size);
    return Parse(buf, copied, header, why);
}

bool
RtmRipHeader::Parse(const uint8_t* data, uint32_t size, RtmRipHeader& header, std::string& why)
{
    header.m_entries.clear();
    if (data == nullptr || size < HEADER_SIZE)
    {
        why = "short message (" + std::to_string(size) + " bytes)";
        return false;
    }
    uint8_t command = data[0];
    uint8_t version = data[1];
    if (command != REQUEST && command != RESPONSE)
    {
        why = "bad command " + std::to_string(command);
        return false;
    }
    if (version != VERSION)
    {
        why = "bad version " + std::to_string(version);
        return false;
    }
    if (data[2] != 0 || data[3] != 0)
    {
        why = "must-be-zero header bytes are not zero";
        return false;
    }
    if ((size - HEADER_SIZE) % ENTRY_SIZE != 0)
    {
        why = "length " + std::to_string(size) + " is not 4 + 20 n";
        return false;
    }
    uint32_t n = (size - HEADER_SIZE) / ENTRY_SIZE;
    if (n > MAX_ENTRIES)
    {
        why = "too many entries (" + std::to_string(n) + ")";
        return false;
    }
    header.m_command = command;
    header.m_version = version;
    for (uint32_t k = 0; k < n; ++k)
    {
        const uint8_t* p = data + HEADER_SIZE + k * ENTRY_SIZE;
        Entry e;
        e.afi = Get16(p);
        e.tag = Get16(p + 2);
        e.address = Ipv4Address(Get32(p + 4));
        e.mask = Ipv4Mask(Get32(p + 8));
        e.nextHop = Ipv4Address(Get32(p + 12));
        e.metric = Get32(p + 16);
        std::string at = "entry " + std::to_string(k) + ": ";
        if (e.afi == AFI_UNSPECIFIED)
        {
            // Only the whole-table request: one entry, family 0, metric 16, nothing else.
            if (command != REQUEST || n != 1)
            {
                why = at + "address family 0 outside a whole-table request";
                header.m_entries.clear();
                return false;
            }
            if (e.metric != METRIC_INFINITY)
            {
                why = at + "whole-table request with metric " + std::to_string(e.metric);
                header.m_entries.clear();
                return false;
            }
            if (e.tag != 0 || e.address.Get() != 0 || e.mask.Get() != 0 || e.nextHop.Get() != 0)
            {
                why = at + "whole-table request with non-zero fields";
                header.m_entries.clear();
                return false;
            }
            header.m_entries.push_back(e);
            continue;
        }
        if (e.afi != AFI_INET)
        {
            why = at + (e.afi == AFI_AUTH ? std::string("authentication is not supported")
                                          : "bad address family " + std::to_string(e.afi));
            header.m_entries.clear();
            return false;
        }
        if (e.metric == 0 || e.metric > METRIC_INFINITY)
        {
            why = at + "bad metric " + std::to_string(e.metric);
            header.m_entries.clear();
            return false;
        }
        if (!IsContiguous(e.mask))
        {
            std::ostringstream os;
            os << at << "non-contiguous mask " << e.mask;
            why = os.str();
            header.m_entries.clear();
            return false;
        }
        if ((e.address.Get() & ~e.mask.Get()) != 0)
        {
            std::ostringstream os;
            os << at << "host bits set in " << e.address << "/" << e.mask.GetPrefixLength();
            why = os.str();
            header.m_entries.clear();
            return false;
        }
        header.m_entries.push_back(e);
    }
    why.clear();
    return true;
}

std::ostream&
operator<<(std::ostream& os, const RtmRipHeader& h)
{
    h.Print(os);
    return os;
}

} // namespace ns3
