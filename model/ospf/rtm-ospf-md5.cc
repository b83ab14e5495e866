/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 *
 * MD5 as specified in RFC 1321: 64-byte blocks, four rounds of sixteen steps over the state
 * (A, B, C, D), little-endian words, the message padded with 0x80, zeros and its bit length.
 * The step constants are floor(|sin(i + 1)| * 2^32), computed once.
 */
#include "rtm-ospf-md5.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ns3
{

namespace
{
/// Per-step left rotations, four per round.
constexpr uint32_t kShift[4][4] = {{7, 12, 17, 22},
                                   {5, 9, 14, 20},
                                   {4, 11, 16, 23},
                                   {6, 10, 15, 21}};

/// The 64 step constants.
const uint32_t*
Constants()
{
    static uint32_t k[64];
    static bool done = false;
    if (!done)
    {
        for (int i = 0; i < 64; ++i)
        {
            k[i] = static_cast<uint32_t>(
                std::floor(std::fabs(std::sin(double(i + 1))) * 4294967296.0));
        }
        done = true;
    }
    return k;
}

uint32_t
Rotl(uint32_t x, uint32_t c)
{
    return (x << c) | (x >> (32 - c));
}
} // namespace

RtmOspfMd5::RtmOspfMd5()
    : m_state{0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u}
{
}

void
RtmOspfMd5::Block(const uint8_t* b)
{
    const uint32_t* k = Constants();
    uint32_t m[16];
    for (int i = 0; i < 16; ++i)
    {
        m[i] = uint32_t(b[4 * i]) | (uint32_t(b[4 * i + 1]) << 8) | (uint32_t(b[4 * i + 2]) << 16) |
               (uint32_t(b[4 * i + 3]) << 24);
    }
    uint32_t a = m_state[0];
    uint32_t bb = m_state[1];
    uint32_t c = m_state[2];
    uint32_t d = m_state[3];
    for (int i = 0; i < 64; ++i)
    {
        uint32_t f;
        int g;
        int round = i / 16;
        switch (round)
        {
        case 0:
            f = (bb & c) | (~bb & d);
            g = i;
            break;
        case 1:
            f = (d & bb) | (~d & c);
            g = (5 * i + 1) % 16;
            break;
        case 2:
            f = bb ^ c ^ d;
            g = (3 * i + 5) % 16;
            break;
        default:
            f = c ^ (bb | ~d);
            g = (7 * i) % 16;
            break;
        }
        uint32_t t = d;
        d = c;
        c = bb;
        bb = bb + Rotl(a + f + k[i] + m[g], kShift[round][i % 4]);
        a = t;
    }
    m_state[0] += a;
    m_state[1] += bb;
    m_state[2] += c;
    m_state[3] += d;
}

void
RtmOspfMd5::Update(const uint8_t* data, std::size_t len)
{
    m_length += len;
    while (len > 0)
    {
        std::size_t take = std::min<std::size_t>(len, 64 - m_buffered);
        std::memcpy(m_buffer + m_buffered, data, take);
        m_buffered += take;
        data += take;
        len -= take;
        if (m_buffered == 64)
        {
            Block(m_buffer);
            m_buffered = 0;
        }
    }
}

std::array<uint8_t, 16>
RtmOspfMd5::Final()
{
    uint64_t bits = m_length * 8;
    uint8_t pad = 0x80;
    Update(&pad, 1);
    uint8_t zero = 0;
    while (m_buffered != 56)
    {
        Update(&zero, 1);
    }
    uint8_t len[8];
    for (int i = 0; i < 8; ++i)
    {
        len[i] = static_cast<uint8_t>(bits >> (8 * i));
    }
    Update(len, 8);
    std::array<uint8_t, 16> out;
    for (int i = 0; i < 4; ++i)
    {
        for (int j = 0; j < 4; ++j)
        {
            out[4 * i + j] = static_cast<uint8_t>(m_state[i] >> (8 * j));
        }
    }
    return out;
}

std::array<uint8_t, 16>
RtmOspfMd5::Digest(const std::vector<uint8_t>& data)
{
    RtmOspfMd5 md5;
    md5.Update(data.data(), data.size());
    return md5.Final();
}

} // namespace ns3
