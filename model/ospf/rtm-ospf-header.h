/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfHeader: the OSPF common packet header (RFC 2328 A.3.1).
 */
#ifndef RTM_OSPF_HEADER_H
#define RTM_OSPF_HEADER_H

#include "rtm-ospf-types.h"

#include "ns3/header.h"

#include <array>
#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The OSPF common packet header (RFC 2328 A.3.1): version, type, packet length, router
 * id, area id, checksum, AuType and the 64-bit authentication field.
 *
 * It is added after the packet body, so Serialize sees the body: the length field becomes 24 +
 * the body's size (unless SetLength forces a value), and the checksum is the Internet checksum
 * of the whole packet with the authentication field left out, except with cryptographic
 * authentication, where the checksum is 0 and the MD5 trailer (RtmOspfAuth) authenticates.
 */
class RtmOspfHeader : public Header
{
  public:
    RtmOspfHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * \brief The Internet checksum of an OSPF packet without its authentication field.
     * \param packet the packet bytes from the common header
     * \param length the OSPF packet length (without a cryptographic trailer)
     * \return the checksum (the value of the checksum field that makes it verify)
     */
    static uint16_t ComputeChecksum(const uint8_t* packet, uint32_t length);

    uint8_t version{OSPF_VERSION};   //!< version (2)
    uint8_t type{1};                 //!< RtmOspfPacketType
    uint16_t length{0};              //!< packet length (0: computed when serialised)
    uint32_t routerId{0};            //!< sender's router id
    uint32_t areaId{0};              //!< area id
    uint16_t checksum{0};            //!< as read (Serialize computes its own)
    bool forceChecksum{false};       //!< write `checksum` as is (tests of bad packets)
    uint16_t auType{OSPF_AUTH_NULL}; //!< authentication type
    std::array<uint8_t, 8> auth{};   //!< authentication field

    /// \return the key id of a cryptographic authentication field
    uint8_t GetKeyId() const;
    /// \return the authentication data length of a cryptographic field
    uint8_t GetAuthDataLength() const;
    /// \return the cryptographic sequence number
    uint32_t GetCryptoSeq() const;
    /// Fill the field for cryptographic authentication.
    void SetCrypto(uint8_t keyId, uint8_t dataLength, uint32_t seq);
};

} // namespace ns3

#endif /* RTM_OSPF_HEADER_H */
