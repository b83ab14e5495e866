/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmNetAddress: conversions from and to ns-3 addresses, parsing and printing.
 */
#include "rtm-net-address.h"

#include <cstring>
#include <sstream>

namespace ns3
{

RtmNetAddress
RtmNetAddress::FromIpv4(Ipv4Address address, uint16_t length)
{
    RtmNetAddress a;
    a.addressFamily = RTM_AF_INET;
    a.numBits = length;
    address.Serialize(a.addrBits);
    return a;
}

RtmNetAddress
RtmNetAddress::FromIpv4(Ipv4Address address, Ipv4Mask mask)
{
    return FromIpv4(address, mask.GetPrefixLength());
}

RtmNetAddress
RtmNetAddress::FromIpv6(Ipv6Address address, uint16_t length)
{
    RtmNetAddress a;
    a.addressFamily = RTM_AF_INET6;
    a.numBits = length;
    address.Serialize(a.addrBits);
    return a;
}

namespace
{

bool
ParseUnsigned(const std::string& s, uint32_t max, uint32_t& out)
{
    if (s.empty() || s.size() > 3)
    {
        return false;
    }
    uint32_t v = 0;
    for (char c : s)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
        v = v * 10 + static_cast<uint32_t>(c - '0');
    }
    if (v > max)
    {
        return false;
    }
    out = v;
    return true;
}

bool
ParseIpv4(const std::string& s, uint8_t bytes[4])
{
    uint32_t part = 0;
    std::size_t pos = 0;
    for (int i = 0; i < 4; ++i)
    {
        std::size_t dot = s.find('.', pos);
        if ((i < 3) != (dot != std::string::npos))
        {
            return false;
        }
        std::string field = s.substr(pos, i < 3 ? dot - pos : std::string::npos);
        if (!ParseUnsigned(field, 255, part))
        {
            return false;
        }
        bytes[i] = static_cast<uint8_t>(part);
        pos = dot + 1;
    }
    return true;
}

int
HexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

/// Parse a group list "x:y:z" (no "::") into 16-bit groups; false on any malformed group.
bool
ParseGroups(const std::string& s, uint16_t* groups, int& count, int max)
{
    count = 0;
    if (s.empty())
    {
        return true;
    }
    std::size_t pos = 0;
    while (true)
    {
        std::size_t colon = s.find(':', pos);
        std::string g = s.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
        if (g.empty() || g.size() > 4 || count >= max)
        {
            return false;
        }
        uint16_t v = 0;
        for (char c : g)
        {
            int h = HexValue(c);
            if (h < 0)
            {
                return false;
            }
            v = static_cast<uint16_t>((v << 4) | h);
        }
        groups[count++] = v;
        if (colon == std::string::npos)
        {
            return true;
        }
        pos = colon + 1;
    }
}

bool
ParseIpv6(const std::string& s, uint8_t bytes[16])
{
    uint16_t head[8];
    uint16_t tail[8];
    int nHead = 0;
    int nTail = 0;
    std::size_t dbl = s.find("::");
    if (dbl == std::string::npos)
    {
        if (!ParseGroups(s, head, nHead, 8) || nHead != 8)
        {
            return false;
        }
    }
    else
    {
        if (s.find("::", dbl + 1) != std::string::npos)
        {
            return false;
        }
        if (!ParseGroups(s.substr(0, dbl), head, nHead, 7) ||
            !ParseGroups(s.substr(dbl + 2), tail, nTail, 7) || nHead + nTail > 7)
        {
            return false;
        }
    }
    uint16_t all[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < nHead; ++i)
    {
        all[i] = head[i];
    }
    for (int i = 0; i < nTail; ++i)
    {
        all[8 - nTail + i] = tail[i];
    }
    for (int i = 0; i < 8; ++i)
    {
        bytes[2 * i] = static_cast<uint8_t>(all[i] >> 8);
        bytes[2 * i + 1] = static_cast<uint8_t>(all[i] & 0xff);
    }
    return true;
}

} // namespace

bool
RtmNetAddress::Parse(const std::string& text, RtmNetAddress& out)
{
    std::string addr = text;
    std::string len;
    std::size_t slash = text.find('/');
    if (slash != std::string::npos)
    {
        addr = text.substr(0, slash);
        len = text.substr(slash + 1);
    }
    RtmNetAddress a;
    if (addr.find(':') != std::string::npos)
    {
        a.addressFamily = RTM_AF_INET6;
        if (!ParseIpv6(addr, a.addrBits))
        {
            return false;
        }
    }
    else
    {
        a.addressFamily = RTM_AF_INET;
        if (!ParseIpv4(addr, a.addrBits))
        {
            return false;
        }
    }
    uint32_t bits = a.FamilyBits();
    if (slash != std::string::npos && !ParseUnsigned(len, a.FamilyBits(), bits))
    {
        return false;
    }
    a.numBits = static_cast<uint16_t>(bits);
    out = a;
    return true;
}

uint16_t
RtmNetAddress::FamilyBits() const
{
    switch (addressFamily)
    {
    case RTM_AF_INET:
        return 32;
    case RTM_AF_INET6:
        return 128;
    default:
        return 0;
    }
}

bool
RtmNetAddress::IsValid() const
{
    uint16_t w = FamilyBits();
    return w != 0 && numBits <= w;
}

bool
RtmNetAddress::IsCanonical() const
{
    if (!IsValid())
    {
        return false;
    }
    uint32_t full = numBits / 8;
    uint32_t rest = numBits % 8;
    if (rest != 0 && (addrBits[full] & static_cast<uint8_t>(0xFF >> rest)) != 0)
    {
        return false;
    }
    for (uint32_t i = full + (rest != 0 ? 1 : 0); i < RTM_MAX_ADDRESS_SIZE; ++i)
    {
        if (addrBits[i] != 0)
        {
            return false;
        }
    }
    return true;
}

RtmNetAddress
RtmNetAddress::Masked() const
{
    RtmNetAddress a = *this;
    for (uint32_t bit = numBits; bit < RTM_MAX_ADDRESS_SIZE * 8; ++bit)
    {
        a.addrBits[bit / 8] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
    }
    return a;
}

bool
RtmNetAddress::Covers(const RtmNetAddress& other) const
{
    if (addressFamily != other.addressFamily || numBits > other.numBits)
    {
        return false;
    }
    for (uint32_t bit = 0; bit < numBits; ++bit)
    {
        uint8_t m = 0x80 >> (bit % 8);
        if ((addrBits[bit / 8] & m) != (other.addrBits[bit / 8] & m))
        {
            return false;
        }
    }
    return true;
}

Ipv4Address
RtmNetAddress::GetIpv4() const
{
    return Ipv4Address::Deserialize(addrBits);
}

Ipv6Address
RtmNetAddress::GetIpv6() const
{
    return Ipv6Address::Deserialize(addrBits);
}

std::string
RtmNetAddress::AddressString() const
{
    std::ostringstream os;
    if (addressFamily == RTM_AF_INET)
    {
        os << GetIpv4();
    }
    else if (addressFamily == RTM_AF_INET6)
    {
        os << GetIpv6();
    }
    else
    {
        os << "?";
    }
    return os.str();
}

std::string
RtmNetAddress::ToString() const
{
    return AddressString() + "/" + std::to_string(numBits);
}

bool
operator==(const RtmNetAddress& a, const RtmNetAddress& b)
{
    return a.addressFamily == b.addressFamily && a.numBits == b.numBits &&
           std::memcmp(a.addrBits, b.addrBits, RTM_MAX_ADDRESS_SIZE) == 0;
}

bool
operator!=(const RtmNetAddress& a, const RtmNetAddress& b)
{
    return !(a == b);
}

bool
operator<(const RtmNetAddress& a, const RtmNetAddress& b)
{
    if (a.addressFamily != b.addressFamily)
    {
        return a.addressFamily < b.addressFamily;
    }
    int c = std::memcmp(a.addrBits, b.addrBits, RTM_MAX_ADDRESS_SIZE);
    if (c != 0)
    {
        return c < 0;
    }
    return a.numBits < b.numBits;
}

std::ostream&
operator<<(std::ostream& os, const RtmNetAddress& a)
{
    return os << a.ToString();
}

} // namespace ns3
