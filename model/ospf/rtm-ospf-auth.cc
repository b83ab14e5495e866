/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPF authentication (RFC 2328 appendix D): stamping the header, appending the keyed-MD5
 * trailer (digest over the packet and the key padded to 16 bytes, libnettle's MD5), verifying.
 */
#include "rtm-ospf-auth.h"

#include <algorithm>
#include <nettle/md5.h>
#include <vector>

namespace ns3
{

RtmOspfAuthConfig
RtmOspfAuthConfig::Simple(const std::string& password)
{
    RtmOspfAuthConfig c;
    c.type = OSPF_AUTH_SIMPLE;
    c.password = password.substr(0, 8);
    return c;
}

RtmOspfAuthConfig
RtmOspfAuthConfig::Md5(uint8_t keyId, const std::string& key)
{
    RtmOspfAuthConfig c;
    c.type = OSPF_AUTH_CRYPTO;
    c.keys[keyId] = key.substr(0, 16);
    c.sendKeyId = keyId;
    return c;
}

void
RtmOspfAuth::Stamp(RtmOspfHeader& h, const RtmOspfAuthConfig& c, uint32_t seq)
{
    h.auType = c.type;
    h.auth.fill(0);
    switch (c.type)
    {
    case OSPF_AUTH_SIMPLE:
        std::copy_n(c.password.begin(),
                    std::min<std::size_t>(8, c.password.size()),
                    h.auth.begin());
        break;
    case OSPF_AUTH_CRYPTO:
        h.SetCrypto(c.sendKeyId, OSPF_MD5_DIGEST_SIZE, seq);
        break;
    default:
        break;
    }
}

std::array<uint8_t, 16>
RtmOspfAuth::Digest(const uint8_t* packet, uint32_t length, const std::string& key)
{
    uint8_t padded[16] = {};
    std::copy_n(key.begin(), std::min<std::size_t>(16, key.size()), padded);
    md5_ctx md5;
    md5_init(&md5);
    md5_update(&md5, length, packet);
    md5_update(&md5, sizeof(padded), padded);
    std::array<uint8_t, 16> digest;
    md5_digest(&md5, digest.size(), digest.data());
    return digest;
}

void
RtmOspfAuth::Sign(Ptr<Packet> p, const RtmOspfAuthConfig& c)
{
    if (c.type != OSPF_AUTH_CRYPTO)
    {
        return;
    }
    auto it = c.keys.find(c.sendKeyId);
    std::string key = it != c.keys.end() ? it->second : std::string();
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    std::array<uint8_t, 16> d = Digest(bytes.data(), static_cast<uint32_t>(bytes.size()), key);
    p->AddAtEnd(Create<Packet>(d.data(), d.size()));
}

bool
RtmOspfAuth::Verify(const uint8_t* data,
                    uint32_t size,
                    const RtmOspfHeader& h,
                    const RtmOspfAuthConfig& c,
                    RtmOspfDrop& why)
{
    if (h.auType != c.type)
    {
        why = RtmOspfDrop::BadAuthType;
        return false;
    }
    why = RtmOspfDrop::BadAuth;
    switch (c.type)
    {
    case OSPF_AUTH_NULL:
        return true;
    case OSPF_AUTH_SIMPLE: {
        std::array<uint8_t, 8> want{};
        std::copy_n(c.password.begin(), std::min<std::size_t>(8, c.password.size()), want.begin());
        return want == h.auth;
    }
    case OSPF_AUTH_CRYPTO: {
        if (h.auth[0] != 0 || h.auth[1] != 0 || h.GetAuthDataLength() != OSPF_MD5_DIGEST_SIZE ||
            size < uint32_t(h.length) + OSPF_MD5_DIGEST_SIZE)
        {
            return false;
        }
        auto it = c.keys.find(h.GetKeyId());
        if (it == c.keys.end())
        {
            return false;
        }
        std::array<uint8_t, 16> d = Digest(data, h.length, it->second);
        return std::equal(d.begin(), d.end(), data + h.length);
    }
    default:
        why = RtmOspfDrop::BadAuthType;
        return false;
    }
}

} // namespace ns3
