/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPF authentication (RFC 2328 appendix D) of one interface: null, simple password, or
 * cryptographic (keyed MD5). Sending: Stamp fills the common header's AuType and authentication
 * field before the header is added to the packet, Sign then appends the MD5 trailer. Receiving:
 * Verify checks AuType, the password, or the digest with the key named by the key id; the
 * cryptographic sequence number is checked against the neighbour by the caller (it must not
 * decrease).
 */
#ifndef RTM_OSPF_AUTH_H
#define RTM_OSPF_AUTH_H

#include "rtm-ospf-header.h"

#include "ns3/packet.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Authentication settings of an OSPF interface (all routers of a network must agree).
 */
struct RtmOspfAuthConfig
{
    uint16_t type{OSPF_AUTH_NULL};       //!< RtmOspfAuthType
    std::string password;                //!< simple: up to 8 bytes (zero padded)
    std::map<uint8_t, std::string> keys; //!< cryptographic: key id -> key (up to 16 bytes)
    uint8_t sendKeyId{0};                //!< cryptographic: the key sent with

    /// \return a configuration for a simple password
    static RtmOspfAuthConfig Simple(const std::string& password);
    /// \return a configuration for one MD5 key
    static RtmOspfAuthConfig Md5(uint8_t keyId, const std::string& key);
};

/**
 * \ingroup rtm
 * \brief Sign and verify OSPF packets; see the file comment.
 */
class RtmOspfAuth
{
  public:
    /**
     * \brief Fill AuType and the authentication field of \p h.
     * \param h the header about to be added
     * \param c the interface's settings
     * \param seq the cryptographic sequence number (cryptographic only)
     */
    static void Stamp(RtmOspfHeader& h, const RtmOspfAuthConfig& c, uint32_t seq);

    /**
     * \brief Append the MD5 trailer (cryptographic only; nothing otherwise).
     * \param p the OSPF packet, common header included
     * \param c the interface's settings
     */
    static void Sign(Ptr<Packet> p, const RtmOspfAuthConfig& c);

    /**
     * \brief Check a received packet (already parsed, so its length field is sound).
     * \param data the bytes from the common header on, trailer included
     * \param size how many
     * \param h the parsed header
     * \param c the receiving interface's settings
     * \param[out] why BadAuthType or BadAuth when false is returned
     * \return true if it authenticates
     */
    static bool Verify(const uint8_t* data,
                       uint32_t size,
                       const RtmOspfHeader& h,
                       const RtmOspfAuthConfig& c,
                       RtmOspfDrop& why);

    /**
     * \brief The digest RFC 2328 D.4.3 defines: MD5 of the packet followed by the key padded
     * to 16 bytes.
     * \param packet the OSPF packet (length bytes, authentication field filled)
     * \param length its length
     * \param key the key
     * \return the digest
     */
    static std::array<uint8_t, 16> Digest(const uint8_t* packet,
                                          uint32_t length,
                                          const std::string& key);
};

} // namespace ns3

#endif /* RTM_OSPF_AUTH_H */
