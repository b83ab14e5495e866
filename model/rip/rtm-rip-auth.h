/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RIPv2 authentication (RFC 2453 simple password, RFC 4822 keyed MD5 and HMAC-SHA-256 with
 * sequence numbers): per-interface settings and the digests, computed with Debian's libnettle.
 */
#ifndef RTM_RIP_AUTH_H
#define RTM_RIP_AUTH_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The authentication of one interface: method, key (password) and key id.
 */
struct RtmRipAuthKey
{
    /// Authentication methods (an ns-3 enum attribute, so not an enum class).
    enum Type : uint8_t
    {
        NONE,            //!< no authentication entry
        SIMPLE_PASSWORD, //!< RFC 2453 §4.1: a 16-byte clear-text password (type 2)
        KEYED_MD5,       //!< RFC 4822 keyed MD5 (type 3, 16-byte digest)
        HMAC_SHA256,     //!< RFC 4822 HMAC-SHA-256 (type 3, 32-byte digest)
    };

    Type type{NONE};  //!< method
    std::string key;  //!< password or secret (password: 16 bytes used)
    uint8_t keyId{1}; //!< RFC 4822 key id

    /// \return the digest length of the method (0 without a digest)
    uint32_t DigestLength() const;
};

/// The authentication methods.
typedef RtmRipAuthKey::Type RtmRipAuthType;

/// \return the name of \p type ("none", "password", "md5", "hmac-sha256")
std::string RtmRipAuthTypeName(RtmRipAuthType type);

/**
 * \ingroup rtm
 * \brief The digests of RFC 4822 over a whole RIPv2 message (Debian's libnettle computes the
 * hashes). \p message holds the message up to and including the authentication trailer, whose
 * last DigestLength() bytes are the digest field.
 *
 * Keyed MD5: the digest field holds the key zero-padded to 16 bytes while MD5 runs over the
 * message. HMAC-SHA-256: it holds Apad (0x878FE1F3 repeated) while HMAC-SHA-256 runs over the
 * message with the key (a key longer than 32 bytes is first hashed, RFC 4822 §2.5).
 */
class RtmRipAuth
{
  public:
    /**
     * \brief Fill the digest field of \p message.
     * \param key the key (KeyedMd5 or HmacSha256)
     * \param message the message with its trailer (the digest field last)
     * \return false if the method has no digest or the message is too short
     */
    static bool Sign(const RtmRipAuthKey& key, std::vector<uint8_t>& message);

    /**
     * \brief Check the digest field of \p message.
     * \param key the key
     * \param message the message as received, trailer included
     * \return true if the digest is right
     */
    static bool Verify(const RtmRipAuthKey& key, const std::vector<uint8_t>& message);

  private:
    /// \return the digest of \p message with the field prepared as the method says
    static std::vector<uint8_t> Digest(const RtmRipAuthKey& key, std::vector<uint8_t> message);
};

} // namespace ns3

#endif /* RTM_RIP_AUTH_H */
