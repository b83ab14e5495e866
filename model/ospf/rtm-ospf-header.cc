/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPF common packet header: serialising (length and Internet checksum over the packet
 * without the authentication field) and parsing.
 */
#include "rtm-ospf-header.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RtmOspfHeader);

RtmOspfHeader::RtmOspfHeader()
{
}

TypeId
RtmOspfHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfHeader")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfHeader>();
    return tid;
}

TypeId
RtmOspfHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmOspfHeader::Print(std::ostream& os) const
{
    os << "OSPFv" << uint32_t(version) << " " << RtmOspfPacketTypeName(type) << " len " << length
       << " router " << RtmOspfDotted(routerId) << " area " << RtmOspfDotted(areaId) << " autype "
       << auType;
}

uint32_t
RtmOspfHeader::GetSerializedSize() const
{
    return OSPF_HEADER_SIZE;
}

uint16_t
RtmOspfHeader::ComputeChecksum(const uint8_t* p, uint32_t length)
{
    uint32_t sum = 0;
    for (uint32_t k = 0; k + 1 < length; k += 2)
    {
        if (k == 12 || (k >= 16 && k < 24))
        {
            continue; // the checksum itself and the authentication field
        }
        sum += (uint32_t(p[k]) << 8) | p[k + 1];
    }
    if (length % 2 == 1)
    {
        sum += uint32_t(p[length - 1]) << 8;
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum & 0xffff);
}

void
RtmOspfHeader::Serialize(Buffer::Iterator start) const
{
    uint32_t total = start.GetSize();
    uint16_t len = length != 0 ? length : static_cast<uint16_t>(total);
    Buffer::Iterator i = start;
    i.WriteU8(version);
    i.WriteU8(type);
    i.WriteHtonU16(len);
    i.WriteHtonU32(routerId);
    i.WriteHtonU32(areaId);
    i.WriteHtonU16(0);
    i.WriteHtonU16(auType);
    i.Write(auth.data(), auth.size());
    uint16_t cks = 0;
    if (forceChecksum)
    {
        cks = checksum;
    }
    else if (auType != OSPF_AUTH_CRYPTO)
    {
        uint32_t n = std::min<uint32_t>(len, total);
        std::vector<uint8_t> bytes(n);
        Buffer::Iterator r = start;
        r.Read(bytes.data(), n);
        cks = ComputeChecksum(bytes.data(), n);
    }
    Buffer::Iterator w = start;
    w.Next(12);
    w.WriteHtonU16(cks);
}

uint32_t
RtmOspfHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    version = i.ReadU8();
    type = i.ReadU8();
    length = i.ReadNtohU16();
    routerId = i.ReadNtohU32();
    areaId = i.ReadNtohU32();
    checksum = i.ReadNtohU16();
    auType = i.ReadNtohU16();
    i.Read(auth.data(), auth.size());
    return OSPF_HEADER_SIZE;
}

uint8_t
RtmOspfHeader::GetKeyId() const
{
    return auth[2];
}

uint8_t
RtmOspfHeader::GetAuthDataLength() const
{
    return auth[3];
}

uint32_t
RtmOspfHeader::GetCryptoSeq() const
{
    return (uint32_t(auth[4]) << 24) | (uint32_t(auth[5]) << 16) | (uint32_t(auth[6]) << 8) |
           auth[7];
}

void
RtmOspfHeader::SetCrypto(uint8_t keyId, uint8_t dataLength, uint32_t seq)
{
    auth.fill(0);
    auth[2] = keyId;
    auth[3] = dataLength;
    auth[4] = static_cast<uint8_t>(seq >> 24);
    auth[5] = static_cast<uint8_t>(seq >> 16);
    auth[6] = static_cast<uint8_t>(seq >> 8);
    auth[7] = static_cast<uint8_t>(seq);
}

} // namespace ns3
