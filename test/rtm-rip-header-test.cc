/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the RIPv2 message (RtmRipHeader): serialisation round trips, the whole-table request
 * (RFC 2453 and ns-3's form), datagrams of any number of entries, every kind of malformed message
 * or entry Parse rejects (by reason), authentication entries and RFC 4822 digests checked against
 * known answers computed with another implementation (Python's hashlib/hmac), and random garbage
 * (never a crash).
 */
#include "ns3/packet.h"
#include "ns3/rtm-rip-header.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

typedef RtmRipHeader::Entry Rte;

/// \return an IPv4 RTE
Rte
MakeRte(const char* address,
        uint16_t length,
        uint32_t metric,
        const char* nextHop = "0.0.0.0",
        uint16_t tag = 0)
{
    Rte e;
    e.afi = RtmRipHeader::AFI_INET;
    e.tag = tag;
    e.address = Ipv4Address(address);
    e.mask = RtmRipHeader::MaskOf(static_cast<uint8_t>(length));
    e.nextHop = Ipv4Address(nextHop);
    e.metric = metric;
    return e;
}

/// \return the serialised bytes of \p h
std::vector<uint8_t>
Bytes(const RtmRipHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// \return a packet holding exactly \p b
Ptr<Packet>
Pkt(const std::vector<uint8_t>& b)
{
    return Create<Packet>(b.data(), static_cast<uint32_t>(b.size()));
}

/// Put a big-endian 32-bit value at \p off.
void
Put32(std::vector<uint8_t>& b, std::size_t off, uint32_t v)
{
    b[off] = v >> 24;
    b[off + 1] = (v >> 16) & 0xff;
    b[off + 2] = (v >> 8) & 0xff;
    b[off + 3] = v & 0xff;
}

/// Put a big-endian 16-bit value at \p off.
void
Put16(std::vector<uint8_t>& b, std::size_t off, uint16_t v)
{
    b[off] = v >> 8;
    b[off + 1] = v & 0xff;
}

/// A valid two-entry response, as bytes.
std::vector<uint8_t>
ValidResponse()
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    h.AddEntry(MakeRte("10.1.0.0", 16, 1));
    h.AddEntry(MakeRte("192.168.3.0", 24, 15, "10.0.0.9", 77));
    return Bytes(h);
}

/// \return Parse's verdict on \p b; \p why receives the reason
bool
Check(const std::vector<uint8_t>& b, RtmRipDropReason& why, RtmRipHeader* out = nullptr)
{
    RtmRipHeader h;
    bool ok = RtmRipHeader::Parse(Pkt(b), h, why);
    if (out != nullptr)
    {
        *out = h;
    }
    return ok;
}

/// Expect \p b to be rejected as a whole for \p reason.
void
ExpectRejected(const std::vector<uint8_t>& b, RtmRipDropReason reason)
{
    RtmRipDropReason why = RtmRipDropReason::Count;
    EXPECT_FALSE(Check(b, why)) << "should be rejected: " << reason;
    EXPECT_EQ(why, reason);
}

/// Expect \p b to be accepted with its entries dropped for \p reasons and \p kept entries left.
void
ExpectEntriesDropped(const std::vector<uint8_t>& b,
                     const std::vector<RtmRipDropReason>& reasons,
                     uint32_t kept)
{
    RtmRipDropReason why = RtmRipDropReason::Count;
    RtmRipHeader h;
    ASSERT_TRUE(Check(b, why, &h)) << why;
    EXPECT_EQ(h.GetEntryDrops(), reasons);
    EXPECT_EQ(h.GetNEntries(), kept);
}

/// \return \p hex as bytes
std::vector<uint8_t>
Hex(const std::string& hex)
{
    std::vector<uint8_t> b;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    {
        b.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    return b;
}

TEST(RtmRipHeaderTest, ResponseRoundTrip)
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    std::vector<Rte> rtes = {MakeRte("10.1.0.0", 16, 1),
                             MakeRte("192.168.3.0", 24, 15, "10.0.0.9", 77),
                             MakeRte("0.0.0.0", 0, 16),
                             MakeRte("172.16.5.4", 32, 2, "0.0.0.0", 0xffff)};
    for (const auto& e : rtes)
    {
        ASSERT_TRUE(h.AddEntry(e));
    }
    EXPECT_EQ(h.GetSerializedSize(), 4u + 20u * rtes.size());
    std::vector<uint8_t> b = Bytes(h);
    ASSERT_EQ(b.size(), 84u);
    EXPECT_EQ(b[0], 2);
    EXPECT_EQ(b[1], 2);
    EXPECT_EQ(b[2], 0);
    EXPECT_EQ(b[3], 0);
    // The second entry on the wire: AFI 2, tag 77, 192.168.3.0, 255.255.255.0, 10.0.0.9, 15.
    const std::vector<uint8_t> second = {0,   2, 0,  77, 192, 168, 3, 0, 255, 255,
                                         255, 0, 10, 0,  0,   9,   0, 0, 0,   15};
    EXPECT_EQ(std::vector<uint8_t>(b.begin() + 24, b.begin() + 44), second);

    // Deserialize (the ns-3 Header way).
    Ptr<Packet> p = Pkt(b);
    RtmRipHeader d;
    EXPECT_EQ(p->RemoveHeader(d), 84u);
    EXPECT_EQ(d.GetCommand(), RtmRipHeader::RESPONSE);
    EXPECT_EQ(d.GetVersion(), 2);
    EXPECT_EQ(d.GetEntries(), rtes);

    // Parse (the checked way).
    RtmRipHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_EQ(q.GetEntries(), rtes);
    EXPECT_TRUE(q.GetEntryDrops().empty());
    EXPECT_EQ(q.GetAuth().type, 0u);
    EXPECT_EQ(Bytes(q), b);
    std::ostringstream os;
    os << q;
    EXPECT_NE(os.str().find("192.168.3.0/24 via 10.0.0.9 tag 77 metric 15"), std::string::npos)
        << os.str();
}

TEST(RtmRipHeaderTest, WholeTableRequest)
{
    RtmRipHeader h;
    h.SetWholeTableRequest();
    EXPECT_TRUE(h.IsWholeTableRequest());
    std::vector<uint8_t> b = Bytes(h);
    std::vector<uint8_t> expect(24, 0);
    expect[0] = 1;
    expect[1] = 2;
    expect[23] = 16;
    EXPECT_EQ(b, expect);
    RtmRipHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_TRUE(q.IsWholeTableRequest());
    EXPECT_EQ(q.GetCommand(), RtmRipHeader::REQUEST);

    // ns-3's Rip asks with family 2 and 0.0.0.0/0 at metric 16: whole-table only when lenient
    // (the client is lenient for requests from port 520).
    RtmRipHeader ns3;
    ns3.SetCommand(RtmRipHeader::REQUEST);
    ns3.AddEntry(MakeRte("0.0.0.0", 0, 16));
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(Bytes(ns3)), q, why)) << why;
    EXPECT_FALSE(q.IsWholeTableRequest());
    EXPECT_TRUE(q.IsWholeTableRequest(true));

    // A request for specific entries is not a whole-table request, lenient or not.
    RtmRipHeader r;
    r.SetCommand(RtmRipHeader::REQUEST);
    r.AddEntry(MakeRte("10.1.0.0", 16, 16));
    EXPECT_FALSE(r.IsWholeTableRequest(true));
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(Bytes(r)), q, why)) << why;
    EXPECT_FALSE(q.IsWholeTableRequest(true));
    r.AddEntry(MakeRte("0.0.0.0", 0, 16));
    EXPECT_FALSE(r.IsWholeTableRequest(true)) << "two entries";
}

TEST(RtmRipHeaderTest, TwentyFiveEntriesSentAnyNumberAccepted)
{
    RtmRipHeader h;
    for (uint32_t i = 0; i < RtmRipHeader::MAX_ENTRIES; ++i)
    {
        Rte e = MakeRte("10.0.0.0", 24, 1 + i % 16);
        e.address = Ipv4Address(0x0a000000u + (i << 8));
        EXPECT_TRUE(h.AddEntry(e));
    }
    EXPECT_FALSE(h.AddEntry(MakeRte("10.99.0.0", 16, 1))) << "a 26th entry is not sent";
    EXPECT_EQ(h.GetNEntries(), 25u);
    std::vector<uint8_t> b = Bytes(h);
    EXPECT_EQ(b.size(), 504u);
    RtmRipHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_EQ(q.GetEntries(), h.GetEntries());
    h.ClearEntries();
    EXPECT_EQ(h.GetNEntries(), 0u);
    // An empty response is well formed (4 bytes, n = 0).
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(Bytes(h)), q, why)) << why;
    EXPECT_EQ(q.GetNEntries(), 0u);
    // A receiver takes every entry of a datagram: ns-3's Rip fills the MTU (73 entries at
    // 1500 bytes), and nothing in RFC 2453 bounds what is accepted.
    for (uint32_t n : {26u, 33u, 73u, 500u})
    {
        std::vector<uint8_t> m = {2, 2, 0, 0};
        for (uint32_t i = 0; i < n; ++i)
        {
            std::vector<uint8_t> e(20, 0);
            Put16(e, 0, 2);
            Put32(e, 4, 0x0a000000u + (i << 8));
            Put32(e, 8, 0xffffff00u);
            Put32(e, 16, 1 + i % 16);
            m.insert(m.end(), e.begin(), e.end());
        }
        ASSERT_TRUE(RtmRipHeader::Parse(Pkt(m), q, why)) << n << ": " << why;
        EXPECT_EQ(q.GetNEntries(), n);
        EXPECT_EQ(q.GetEntries().back().address, Ipv4Address(0x0a000000u + ((n - 1) << 8)));
    }
}

TEST(RtmRipHeaderTest, MalformedShort)
{
    ExpectRejected({}, RtmRipDropReason::Short);
    ExpectRejected({2}, RtmRipDropReason::Short);
    ExpectRejected({2, 2, 0}, RtmRipDropReason::Short);
    RtmRipDropReason why;
    RtmRipHeader h;
    EXPECT_FALSE(RtmRipHeader::Parse(Ptr<const Packet>(), h, why));
    EXPECT_FALSE(RtmRipHeader::Parse(nullptr, 10, h, why));
}

TEST(RtmRipHeaderTest, MalformedCommandAndVersion)
{
    for (uint8_t c : {0, 3, 4, 5, 9, 255})
    {
        std::vector<uint8_t> b = ValidResponse();
        b[0] = c;
        ExpectRejected(b, RtmRipDropReason::BadCommand);
    }
    for (uint8_t v : {0, 1, 3, 255})
    {
        std::vector<uint8_t> b = ValidResponse();
        b[1] = v;
        ExpectRejected(b, RtmRipDropReason::BadVersion);
    }
}

TEST(RtmRipHeaderTest, MalformedMustBeZero)
{
    std::vector<uint8_t> b = ValidResponse();
    b[2] = 1;
    ExpectRejected(b, RtmRipDropReason::NonZeroHeader);
    b = ValidResponse();
    b[3] = 0x80;
    ExpectRejected(b, RtmRipDropReason::NonZeroHeader);
}

TEST(RtmRipHeaderTest, MalformedLength)
{
    std::vector<uint8_t> b = ValidResponse();
    for (int cut : {1, 5, 19})
    {
        std::vector<uint8_t> c(b.begin(), b.end() - cut);
        ExpectRejected(c, RtmRipDropReason::BadLength);
    }
    std::vector<uint8_t> longer = b;
    longer.push_back(0);
    ExpectRejected(longer, RtmRipDropReason::BadLength);
    longer.resize(b.size() + 21, 0);
    ExpectRejected(longer, RtmRipDropReason::BadLength);
    std::vector<uint8_t> huge(4 + 20 * 25 + 3, 0);
    huge[0] = 2;
    huge[1] = 2;
    ExpectRejected(huge, RtmRipDropReason::BadLength);
}

TEST(RtmRipHeaderTest, MalformedAddressFamilyDropsTheEntry)
{
    std::vector<uint8_t> b = ValidResponse();
    Put16(b, 24, 1);
    ExpectEntriesDropped(b, {RtmRipDropReason::BadAddressFamily}, 1);
    // Family 0 in a response, or next to other entries in a request.
    b = ValidResponse();
    Put16(b, 4, 0);
    ExpectEntriesDropped(b, {RtmRipDropReason::BadAddressFamily}, 1);
    RtmRipHeader h;
    h.SetWholeTableRequest();
    b = Bytes(h);
    std::vector<uint8_t> more = ValidResponse();
    b.insert(b.end(), more.begin() + 4, more.end());
    ExpectEntriesDropped(b, {RtmRipDropReason::BadAddressFamily}, 2);
    // A family-0 request with a metric other than 16 is no whole-table request.
    h.SetWholeTableRequest();
    b = Bytes(h);
    Put32(b, 20, 1);
    ExpectEntriesDropped(b, {RtmRipDropReason::BadAddressFamily}, 0);
    // An authentication entry anywhere but first.
    b = ValidResponse();
    Put16(b, 24, 0xffff);
    ExpectEntriesDropped(b, {RtmRipDropReason::BadAddressFamily}, 1);
}

TEST(RtmRipHeaderTest, MalformedMetricDropsTheEntry)
{
    for (uint32_t m : {0u, 17u, 255u, 0x01000001u, 0xffffffffu})
    {
        std::vector<uint8_t> b = ValidResponse();
        Put32(b, 40, m);
        ExpectEntriesDropped(b, {RtmRipDropReason::BadMetric}, 1);
    }
    for (uint32_t m : {1u, 15u, 16u})
    {
        std::vector<uint8_t> b = ValidResponse();
        Put32(b, 40, m);
        ExpectEntriesDropped(b, {}, 2);
    }
}

TEST(RtmRipHeaderTest, MalformedMaskDropsTheEntry)
{
    EXPECT_TRUE(RtmRipHeader::IsContiguous(0u));
    EXPECT_TRUE(RtmRipHeader::IsContiguous(0xffffffffu));
    EXPECT_TRUE(RtmRipHeader::IsContiguous(0xfffffe00u));
    EXPECT_FALSE(RtmRipHeader::IsContiguous(0xff00ff00u));
    EXPECT_FALSE(RtmRipHeader::IsContiguous(0x00ffffffu));
    EXPECT_FALSE(RtmRipHeader::IsContiguous(0xfffffff7u));
    for (uint32_t mask : {0xff00ff00u, 0x00ffffffu, 0xfffffff7u, 0x80000001u})
    {
        std::vector<uint8_t> b = ValidResponse();
        Put32(b, 8, 0);
        Put32(b, 12, mask);
        ExpectEntriesDropped(b, {RtmRipDropReason::BadMask}, 1);
        // Printing a message with such a mask builds no Ipv4Mask from it.
        RtmRipHeader d;
        Pkt(b)->PeekHeader(d);
        std::ostringstream os;
        os << d;
        EXPECT_NE(os.str().find("0.0.0.0/"), std::string::npos) << os.str();
    }
}

TEST(RtmRipHeaderTest, MalformedHostBitsDropTheEntry)
{
    std::vector<uint8_t> b = ValidResponse();
    Put32(b, 8, 0x0a010001u); // 10.1.0.1/16
    ExpectEntriesDropped(b, {RtmRipDropReason::HostBits}, 1);
    b = ValidResponse();
    Put32(b, 8, 0x0a010000u);
    Put32(b, 12, 0); // 10.1.0.0/0
    ExpectEntriesDropped(b, {RtmRipDropReason::HostBits}, 1);
}

TEST(RtmRipHeaderTest, AuthenticatedMessagesStayWithin512Bytes)
{
    // The authentication entry and the RFC 4822 trailer take the room of route entries: BIRD
    // refuses RIPv2 datagrams above 532 bytes (an HMAC-SHA-256 message of 24 entries has 540).
    const std::vector<std::pair<RtmRipAuthType, uint32_t>> cases = {
        {RtmRipAuthType::NONE, 25},
        {RtmRipAuthType::SIMPLE_PASSWORD, 24},
        {RtmRipAuthType::KEYED_MD5, 23},
        {RtmRipAuthType::HMAC_SHA256, 22},
    };
    for (const auto& c : cases)
    {
        RtmRipHeader h;
        h.SetCommand(RtmRipHeader::RESPONSE);
        RtmRipAuthKey key;
        key.type = c.first;
        key.key = "key";
        h.SetAuthentication(key, 7);
        EXPECT_EQ(h.GetRoom(), c.second) << RtmRipAuthTypeName(c.first);
        uint32_t n = 0;
        while (h.AddEntry(MakeRte("10.0.0.0", 24, 1)))
        {
            ++n;
        }
        EXPECT_EQ(n, c.second) << RtmRipAuthTypeName(c.first);
        std::vector<uint8_t> b = Bytes(h);
        EXPECT_LE(b.size(), RtmRipHeader::MAX_DATAGRAM) << RtmRipAuthTypeName(c.first);
        EXPECT_GT(b.size() + RtmRipHeader::ENTRY_SIZE, RtmRipHeader::MAX_DATAGRAM)
            << "one entry more would not fit, " << RtmRipAuthTypeName(c.first);
    }
}

TEST(RtmRipHeaderTest, BadEntriesLeaveTheGoodOnes)
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    for (int i = 0; i < 10; ++i)
    {
        Rte e = MakeRte("10.0.0.0", 24, 2);
        e.address = Ipv4Address(0x0a000000u + (i << 8));
        h.AddEntry(e);
    }
    std::vector<uint8_t> b = Bytes(h);
    Put32(b, 4 + 20 * 9 + 16, 0);          // last entry: metric 0
    Put32(b, 4 + 20 * 3 + 8, 0xff00ff00u); // fourth: non-contiguous mask
    RtmRipHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_EQ(
        q.GetEntryDrops(),
        (std::vector<RtmRipDropReason>{RtmRipDropReason::BadMask, RtmRipDropReason::BadMetric}));
    ASSERT_EQ(q.GetNEntries(), 8u);
    EXPECT_EQ(q.GetEntries()[3].address, Ipv4Address("10.0.4.0"));
}

TEST(RtmRipHeaderTest, SimplePasswordEntry)
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    RtmRipAuthKey key;
    key.type = RtmRipAuthType::SIMPLE_PASSWORD;
    key.key = "sesame";
    h.SetAuthentication(key, 0);
    EXPECT_EQ(h.GetRoom(), 24u) << "the authentication entry takes one place";
    h.AddEntry(MakeRte("10.1.0.0", 16, 1));
    std::vector<uint8_t> b = Bytes(h);
    ASSERT_EQ(b.size(), 44u);
    EXPECT_EQ(b[4], 0xff);
    EXPECT_EQ(b[5], 0xff);
    EXPECT_EQ(b[7], 2);
    EXPECT_EQ(std::string(b.begin() + 8, b.begin() + 14), "sesame");
    EXPECT_EQ(b[14], 0);
    RtmRipHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_EQ(q.GetAuth().type, RtmRipHeader::AUTH_PASSWORD);
    std::vector<uint8_t> pw(16, 0);
    std::copy_n(key.key.begin(), key.key.size(), pw.begin());
    EXPECT_EQ(q.GetAuth().password, pw);
    ASSERT_EQ(q.GetNEntries(), 1u);
    EXPECT_EQ(q.GetEntries()[0], MakeRte("10.1.0.0", 16, 1));
}

/// A one-entry response signed with \p type, key "secret" (or \p secret), key id 5, sequence 7.
std::vector<uint8_t>
Signed(RtmRipAuthType type, const std::string& secret = "secret")
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    RtmRipAuthKey key;
    key.type = type;
    key.key = secret;
    key.keyId = 5;
    h.SetAuthentication(key, 7);
    h.AddEntry(MakeRte("10.1.0.0", 16, 1));
    return Bytes(h);
}

TEST(RtmRipHeaderTest, Rfc4822DigestsMatchAnotherImplementation)
{
    // Expected digests computed with Python's hashlib.md5 and hmac/sha256 over the same bytes
    // (keyed MD5: key padded into the digest field; HMAC: Apad there; a 40-byte HMAC key is
    // first hashed, RFC 4822 section 2.5).
    struct Case
    {
        RtmRipAuthType type;
        std::string secret;
        std::string digest;
        uint8_t lengthField;
    };

    std::vector<Case> cases = {
        {RtmRipAuthType::KEYED_MD5, "secret", "d848e9783262491dcea9125c4e74dc8d", 20},
        {RtmRipAuthType::HMAC_SHA256,
         "secret",
         "b3df7c2d3a4af12b9074a19cf8e11877fe41d26b94ebc6b7d536d81f7206a253",
         32},
        {RtmRipAuthType::HMAC_SHA256,
         std::string(40, 'x'),
         "b95662a66d4c0d0b1a97feb98b0d7f32b4c0fec13274269d92d10ad5f2703473",
         32},
    };
    for (const auto& c : cases)
    {
        std::vector<uint8_t> b = Signed(c.type, c.secret);
        std::vector<uint8_t> d = Hex(c.digest);
        ASSERT_EQ(b.size(), 44u + 4u + d.size());
        // Authentication header: 0xFFFF, type 3, packet length 44, key id 5, length, seq 7.
        EXPECT_EQ(b[7], 3);
        EXPECT_EQ(b[8] * 256 + b[9], 44);
        EXPECT_EQ(b[10], 5);
        EXPECT_EQ(b[11], c.lengthField);
        EXPECT_EQ(b[15], 7);
        // Trailer: 0xFFFF 0x0001, then the digest.
        EXPECT_EQ(std::vector<uint8_t>(b.begin() + 44, b.begin() + 48),
                  (std::vector<uint8_t>{0xff, 0xff, 0, 1}));
        EXPECT_EQ(std::vector<uint8_t>(b.begin() + 48, b.end()), d) << c.digest;
        RtmRipAuthKey key;
        key.type = c.type;
        key.key = c.secret;
        EXPECT_TRUE(RtmRipAuth::Verify(key, b));
        key.key = c.secret + "!";
        EXPECT_FALSE(RtmRipAuth::Verify(key, b)) << "another key";
        key.key = c.secret;
        std::vector<uint8_t> tampered = b;
        tampered[43] ^= 1; // the metric
        EXPECT_FALSE(RtmRipAuth::Verify(key, tampered));
        RtmRipHeader q;
        RtmRipDropReason why;
        ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
        EXPECT_EQ(q.GetAuth().type, RtmRipHeader::AUTH_CRYPTO);
        EXPECT_EQ(q.GetAuth().keyId, 5);
        EXPECT_EQ(q.GetAuth().sequence, 7u);
        EXPECT_EQ(q.GetAuth().digestLength, d.size());
        ASSERT_EQ(q.GetNEntries(), 1u) << "the trailer is not an entry";
        EXPECT_EQ(q.GetEntries()[0], MakeRte("10.1.0.0", 16, 1));
    }
}

TEST(RtmRipHeaderTest, MalformedAuthentication)
{
    std::vector<uint8_t> b = Signed(RtmRipAuthType::HMAC_SHA256);
    std::vector<uint8_t> c = b;
    c[47] = 2; // trailer type 2
    ExpectRejected(c, RtmRipDropReason::AuthBadDigest);
    c = b;
    Put16(c, 8, 200); // packet length beyond the datagram
    ExpectRejected(c, RtmRipDropReason::BadLength);
    c = b;
    Put16(c, 8, 30); // packet length not 4 + 20 n
    ExpectRejected(c, RtmRipDropReason::BadLength);
    c = b;
    Put16(c, 8, 10); // inside the authentication entry
    ExpectRejected(c, RtmRipDropReason::BadLength);
    c.assign(b.begin(), b.begin() + 46); // trailer cut
    ExpectRejected(c, RtmRipDropReason::BadLength);
}

TEST(RtmRipHeaderTest, GarbageNeverCrashes)
{
    std::mt19937 rng(2453);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> len(0, 600);
    uint32_t accepted = 0;
    std::vector<std::vector<uint8_t>> seeds = {ValidResponse(),
                                               Signed(RtmRipAuthType::KEYED_MD5),
                                               Signed(RtmRipAuthType::HMAC_SHA256),
                                               Signed(RtmRipAuthType::SIMPLE_PASSWORD)};
    for (int k = 0; k < 20000; ++k)
    {
        std::vector<uint8_t> b;
        if (k % 2 == 0)
        {
            b.resize(len(rng));
            for (auto& x : b)
            {
                x = byte(rng);
            }
            if (b.size() >= 2 && k % 4 == 0)
            {
                b[0] = 2; // a valid header more often
                b[1] = 2;
            }
        }
        else
        {
            // Mutations of valid messages: flip a few bytes, maybe truncate or extend.
            b = seeds[(k / 2) % seeds.size()];
            int flips = 1 + k % 3;
            for (int f = 0; f < flips; ++f)
            {
                b[std::uniform_int_distribution<std::size_t>(0, b.size() - 1)(rng)] = byte(rng);
            }
            if (k % 7 == 0)
            {
                b.resize(std::uniform_int_distribution<std::size_t>(0, 90)(rng), 0);
            }
        }
        RtmRipHeader h;
        RtmRipDropReason why;
        if (RtmRipHeader::Parse(Pkt(b), h, why))
        {
            ++accepted;
            for (const auto& e : h.GetEntries())
            {
                if (e.afi == RtmRipHeader::AFI_INET && h.GetCommand() == RtmRipHeader::RESPONSE)
                {
                    EXPECT_GE(e.metric, 1u);
                    EXPECT_LE(e.metric, 16u);
                    EXPECT_TRUE(RtmRipHeader::IsContiguous(e.mask));
                    EXPECT_EQ(e.address.Get() & ~e.mask, 0u);
                }
            }
        }
        else
        {
            EXPECT_NE(why, RtmRipDropReason::Count);
        }
    }
    EXPECT_GT(accepted, 0u) << "some mutations stay valid";
}

} // namespace
