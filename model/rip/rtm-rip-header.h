/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRipHeader: a RIPv2 message (RFC 2453 §4) with its route entries: building, serialising and
 * parsing with every malformation reported, never trusted.
 */
#ifndef RTM_RIP_HEADER_H
#define RTM_RIP_HEADER_H

#include "rtm-rip-auth.h"
#include "rtm-rip-base.h"

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A RIPv2 message (RFC 2453 §4): a 4-byte header (command, version, two must-be-zero
 * bytes) followed by route entries of 20 bytes (address family, route tag, IPv4 address, subnet
 * mask, next hop, metric), optionally led by an authentication entry (family 0xFFFF: a simple
 * password, RFC 2453 §4.1, or the RFC 4822 cryptographic header, then followed by the
 * authentication trailer with the digest).
 *
 * Sending: AddEntry takes at most as many entries as keep the datagram, authentication
 * included, within 512 octets: 25 without authentication, 24 with a simple password, 23 with
 * keyed MD5 and 22 with HMAC-SHA-256;
 * SetAuthentication makes Serialize write the authentication entry, the trailer and the digest.
 * Receiving: Parse checks everything and never fails on garbage: it takes every well-formed
 * entry of a datagram of any length (RFC 2453 bounds what is sent, not what is accepted),
 * reports the entries it rejects one by one, and rejects the message only when its header or
 * length is wrong. Masks are kept as raw 32-bit words: an Ipv4Mask is never built from a mask
 * that was not checked to be contiguous.
 */
class RtmRipHeader : public Header
{
  public:
    /// RIP commands.
    enum Command : uint8_t
    {
        REQUEST = 1,  //!< ask for (part of) a routing table
        RESPONSE = 2, //!< routing information (update or answer)
    };

    static constexpr uint8_t VERSION = 2;           //!< the only version understood
    static constexpr uint32_t HEADER_SIZE = 4;      //!< bytes before the entries
    static constexpr uint32_t ENTRY_SIZE = 20;      //!< bytes per route entry
    static constexpr uint32_t MAX_ENTRIES = 25;     //!< entries per message sent
    static constexpr uint32_t MAX_DATAGRAM = 512;   //!< bytes per message sent (RFC 2453)
    static constexpr uint16_t AFI_INET = 2;         //!< address family of IPv4 entries
    static constexpr uint16_t AFI_UNSPECIFIED = 0;  //!< the whole-table request's family
    static constexpr uint16_t AFI_AUTH = 0xFFFF;    //!< authentication entry
    static constexpr uint16_t AUTH_PASSWORD = 2;    //!< RFC 2453 simple password
    static constexpr uint16_t AUTH_CRYPTO = 3;      //!< RFC 4822 cryptographic authentication
    static constexpr uint16_t AUTH_TRAILER = 1;     //!< type of the RFC 4822 trailer
    static constexpr uint32_t METRIC_INFINITY = 16; //!< unreachable

    /// One route entry (RTE).
    struct Entry
    {
        uint16_t afi{AFI_INET};                     //!< address family identifier
        uint16_t tag{0};                            //!< route tag
        Ipv4Address address{Ipv4Address::GetAny()}; //!< destination network
        uint32_t mask{0};                           //!< subnet mask as on the wire
        Ipv4Address nextHop{Ipv4Address::GetAny()}; //!< next hop (0.0.0.0: the sender)
        uint32_t metric{METRIC_INFINITY};           //!< 1..16

        /// \return the prefix length of a contiguous mask (undefined otherwise)
        uint8_t PrefixLength() const;
        /// \return true if every field is equal
        bool operator==(const Entry& o) const;
    };

    /// The authentication entry of a received message.
    struct Auth
    {
        uint16_t type{0};              //!< 0: no authentication entry; 2, 3 or another type
        std::vector<uint8_t> password; //!< type 2: the 16 password bytes
        uint16_t packetLength{0};      //!< type 3: offset of the trailer
        uint8_t keyId{0};              //!< type 3: key id
        uint8_t authDataLength{0};     //!< type 3: authentication data length field
        uint32_t sequence{0};          //!< type 3: sequence number
        uint32_t digestLength{0};      //!< type 3: bytes of digest in the trailer
    };

    RtmRipHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * \brief Read a message without checks (every whole entry; authentication entries are read
     * as entries). Received messages should go through Parse().
     * \return the bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /// \param command REQUEST or RESPONSE
    void SetCommand(uint8_t command);
    /// \return the command
    uint8_t GetCommand() const;
    /// \param version the version field (2 unless testing)
    void SetVersion(uint8_t version);
    /// \return the version field
    uint8_t GetVersion() const;

    /**
     * \brief Authenticate the message when it is serialised.
     * \param key the interface's key (None: no authentication)
     * \param sequence the RFC 4822 sequence number (ignored by the simple password)
     */
    void SetAuthentication(const RtmRipAuthKey& key, uint32_t sequence);
    /// \return the authentication of a parsed message
    const Auth& GetAuth() const;
    /// \return the number of route entries the message may still take: a message sent holds at
    /// most 25 and, with its authentication entry and trailer, at most MAX_DATAGRAM bytes
    uint32_t GetRoom() const;

    /**
     * \brief Append a route entry.
     * \param e the entry
     * \return false (nothing added) if the message is full (see GetRoom)
     */
    bool AddEntry(const Entry& e);
    /// \return the route entries
    const std::vector<Entry>& GetEntries() const;
    /// \return the number of route entries
    uint32_t GetNEntries() const;
    /// Remove every route entry.
    void ClearEntries();
    /// \return the reasons of the entries Parse dropped, in order
    const std::vector<RtmRipDropReason>& GetEntryDrops() const;

    /// Make this a whole-table request: REQUEST with one entry of family 0 and metric 16.
    void SetWholeTableRequest();
    /**
     * \return true for a request with one entry of metric 16 that is family 0 (RFC 2453
     * §3.9.1) or, if \p lenient, family 2 with 0.0.0.0/0 (what ns-3's Rip sends)
     */
    bool IsWholeTableRequest(bool lenient = false) const;

    /**
     * \brief Check and decode a received RIPv2 message.
     *
     * The message is rejected (false, \p why) if: shorter than 4 bytes (Short); the command is
     * not 1 or 2 (BadCommand); the version is not 2 (BadVersion); the must-be-zero bytes are not
     * zero (NonZeroHeader); the entries do not fill it exactly, 20 bytes each, up to the RFC 4822
     * trailer if there is one (BadLength); an RFC 4822 trailer does not start with 0xFFFF 0x0001
     * (AuthBadDigest). Entries are dropped one by one (GetEntryDrops): a family other than 2
     * (family 0 is the whole-table request's single entry, 0xFFFF only first)
     * (BadAddressFamily); in a response a metric of 0 or above 16 (BadMetric); a non-contiguous
     * mask (BadMask); address bits beyond the mask (HostBits).
     * \param data the UDP payload
     * \param size its length
     * \param[out] header the message (meaningful when true is returned)
     * \param[out] why the reason when false is returned
     * \return true if the message is well formed
     */
    static bool Parse(const uint8_t* data,
                      uint32_t size,
                      RtmRipHeader& header,
                      RtmRipDropReason& why);
    /// \overload on a packet
    static bool Parse(Ptr<const Packet> packet, RtmRipHeader& header, RtmRipDropReason& why);

    /// \return true if \p mask is contiguous (ones, then zeros)
    static bool IsContiguous(uint32_t mask);
    /// \return the mask of a prefix length (0..32)
    static uint32_t MaskOf(uint8_t length);

    /// \return the serialised message (authentication and digest included)
    std::vector<uint8_t> ToBytes() const;

  private:
    uint8_t m_command{RESPONSE};                //!< command
    uint8_t m_version{VERSION};                 //!< version
    std::vector<Entry> m_entries;               //!< route entries
    RtmRipAuthKey m_key;                        //!< authentication when sent
    uint32_t m_sequence{0};                     //!< RFC 4822 sequence number when sent
    Auth m_auth;                                //!< authentication of a parsed message
    std::vector<RtmRipDropReason> m_entryDrops; //!< entries Parse dropped
};

/// Print a header.
std::ostream& operator<<(std::ostream& os, const RtmRipHeader& h);

} // namespace ns3

#endif /* RTM_RIP_HEADER_H */
