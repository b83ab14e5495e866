/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 4822 digests of RIPv2 messages, with libnettle's MD5, SHA-256 and HMAC.
 */
#include "rtm-rip-auth.h"

#include <algorithm>
#include <nettle/hmac.h>
#include <nettle/md5.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>

namespace ns3
{

std::string
RtmRipAuthTypeName(RtmRipAuthType type)
{
    switch (type)
    {
    case RtmRipAuthType::NONE:
        return "none";
    case RtmRipAuthType::SIMPLE_PASSWORD:
        return "password";
    case RtmRipAuthType::KEYED_MD5:
        return "md5";
    case RtmRipAuthType::HMAC_SHA256:
        return "hmac-sha256";
    }
    return "unknown";
}

uint32_t
RtmRipAuthKey::DigestLength() const
{
    switch (type)
    {
    case RtmRipAuthType::KEYED_MD5:
        return MD5_DIGEST_SIZE;
    case RtmRipAuthType::HMAC_SHA256:
        return SHA256_DIGEST_SIZE;
    default:
        return 0;
    }
}

std::vector<uint8_t>
RtmRipAuth::Digest(const RtmRipAuthKey& key, std::vector<uint8_t> message)
{
    uint32_t len = key.DigestLength();
    std::vector<uint8_t> out(len);
    uint8_t* field = message.data() + message.size() - len;
    if (key.type == RtmRipAuthType::KEYED_MD5)
    {
        std::fill(field, field + len, 0);
        std::copy_n(key.key.begin(), std::min<std::size_t>(len, key.key.size()), field);
        md5_ctx ctx;
        md5_init(&ctx);
        md5_update(&ctx, message.size(), message.data());
        md5_digest(&ctx, len, out.data());
        return out;
    }
    static const uint8_t apad[4] = {0x87, 0x8f, 0xe1, 0xf3};
    for (uint32_t i = 0; i < len; ++i)
    {
        field[i] = apad[i % 4];
    }
    std::vector<uint8_t> k(key.key.begin(), key.key.end());
    if (k.size() > len)
    {
        sha256_ctx h;
        sha256_init(&h);
        sha256_update(&h, k.size(), k.data());
        k.assign(len, 0);
        sha256_digest(&h, len, k.data());
    }
    hmac_sha256_ctx ctx;
    hmac_sha256_set_key(&ctx, k.size(), k.data());
    hmac_sha256_update(&ctx, message.size(), message.data());
    hmac_sha256_digest(&ctx, len, out.data());
    return out;
}

bool
RtmRipAuth::Sign(const RtmRipAuthKey& key, std::vector<uint8_t>& message)
{
    uint32_t len = key.DigestLength();
    if (len == 0 || message.size() < len)
    {
        return false;
    }
    std::vector<uint8_t> d = Digest(key, message);
    std::copy(d.begin(), d.end(), message.end() - len);
    return true;
}

bool
RtmRipAuth::Verify(const RtmRipAuthKey& key, const std::vector<uint8_t>& message)
{
    uint32_t len = key.DigestLength();
    if (len == 0 || message.size() < len)
    {
        return false;
    }
    std::vector<uint8_t> d = Digest(key, message);
    return memeql_sec(d.data(), message.data() + message.size() - len, len) != 0;
}

} // namespace ns3
