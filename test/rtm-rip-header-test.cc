/*
 * Tests of the RIPv2 message (RtmRipHeader): serialisation round trips, the whole-table request,
 * every kind of malformed message Parse rejects, and random garbage (never a crash).
 */
#include "ns3/packet.h"
#include "ns3/rtm-rip-header.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <random>
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
    e.mask = Ipv4Mask(length == 0 ? 0u : 0xffffffffu << (32 - length));
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
Check(const std::vector<uint8_t>& b, std::string& why)
{
    RtmRipHeader h;
    return RtmRipHeader::Parse(Pkt(b), h, why);
}

/// Expect \p b to be rejected with a reason containing \p reason.
void
ExpectRejected(const std::vector<uint8_t>& b, const std::string& reason)
{
    std::string why;
    EXPECT_FALSE(Check(b, why)) << "should be rejected: " << reason;
    EXPECT_NE(why.find(reason), std::string::npos) << "reason was: " << why;
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
    std::string why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_EQ(q.GetEntries(), rtes);
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
    std::string why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_TRUE(q.IsWholeTableRequest());
    EXPECT_EQ(q.GetCommand(), RtmRipHeader::REQUEST);

    // A request for specific entries is not a whole-table request.
    RtmRipHeader r;
    r.SetCommand(RtmRipHeader::REQUEST);
    r.AddEntry(MakeRte("10.1.0.0", 16, 16));
    EXPECT_FALSE(r.IsWholeTableRequest());
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(Bytes(r)), q, why)) << why;
    EXPECT_FALSE(q.IsWholeTableRequest());
}

TEST(RtmRipHeaderTest, TwentyFiveEntriesAtMost)
{
    RtmRipHeader h;
    for (uint32_t i = 0; i < RtmRipHeader::MAX_ENTRIES; ++i)
    {
        Rte e = MakeRte("10.0.0.0", 24, 1 + i % 16);
        e.address = Ipv4Address(0x0a000000u + (i << 8));
        EXPECT_TRUE(h.AddEntry(e));
    }
    EXPECT_FALSE(h.AddEntry(MakeRte("10.99.0.0", 16, 1))) << "a 26th entry does not fit";
    EXPECT_EQ(h.GetNEntries(), 25u);
    std::vector<uint8_t> b = Bytes(h);
    EXPECT_EQ(b.size(), 504u);
    RtmRipHeader q;
    std::string why;
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(b), q, why)) << why;
    EXPECT_EQ(q.GetEntries(), h.GetEntries());
    h.ClearEntries();
    EXPECT_EQ(h.GetNEntries(), 0u);
    // An empty response is well formed (4 bytes, n = 0).
    ASSERT_TRUE(RtmRipHeader::Parse(Pkt(Bytes(h)), q, why)) << why;
    EXPECT_EQ(q.GetNEntries(), 0u);
}

TEST(RtmRipHeaderTest, MalformedShort)
{
    ExpectRejected({}, "short");
    ExpectRejected({2}, "short");
    ExpectRejected({2, 2, 0}, "short");
    std::string why;
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
        ExpectRejected(b, "bad command");
    }
    for (uint8_t v : {0, 1, 3, 255})
    {
        std::vector<uint8_t> b = ValidResponse();
        b[1] = v;
        ExpectRejected(b, "bad version");
    }
}

TEST(RtmRipHeaderTest, MalformedMustBeZero)
{
    std::vector<uint8_t> b = ValidResponse();
    b[2] = 1;
    ExpectRejected(b, "must-be-zero");
    b = ValidResponse();
    b[3] = 0x80;
    ExpectRejected(b, "must-be-zero");
    // The whole-table request's other fields must be zero too.
    RtmRipHeader h;
    h.SetWholeTableRequest();
    for (std::size_t off : {6, 8, 12, 16})
    {
        b = Bytes(h);
        b[off + 1] = 1;
        ExpectRejected(b, "non-zero fields");
    }
}

TEST(RtmRipHeaderTest, MalformedLength)
{
    std::vector<uint8_t> b = ValidResponse();
    for (int cut : {1, 5, 19})
    {
        std::vector<uint8_t> c(b.begin(), b.end() - cut);
        ExpectRejected(c, "not 4 + 20 n");
    }
    std::vector<uint8_t> longer = b;
    longer.push_back(0);
    ExpectRejected(longer, "not 4 + 20 n");
    longer.resize(b.size() + 21, 0);
    ExpectRejected(longer, "not 4 + 20 n");
    // Longer than 25 entries, and not a multiple either.
    std::vector<uint8_t> huge(4 + 20 * 25 + 3, 0);
    huge[0] = 2;
    huge[1] = 2;
    ExpectRejected(huge, "not 4 + 20 n");
}

TEST(RtmRipHeaderTest, MalformedTooManyEntries)
{
    std::vector<uint8_t> b = {2, 2, 0, 0};
    for (int i = 0; i < 26; ++i)
    {
        std::vector<uint8_t> e(20, 0);
        Put16(e, 0, 2);
        Put32(e, 4, 0x0a000000u + (i << 8));
        Put32(e, 8, 0xffffff00u);
        Put32(e, 16, 1);
        b.insert(b.end(), e.begin(), e.end());
    }
    ExpectRejected(b, "too many entries");
    std::vector<uint8_t> ok(b.begin(), b.end() - 20);
    std::string why;
    EXPECT_TRUE(Check(ok, why)) << why;
}

TEST(RtmRipHeaderTest, MalformedAddressFamily)
{
    std::vector<uint8_t> b = ValidResponse();
    Put16(b, 24, 1);
    ExpectRejected(b, "bad address family 1");
    b = ValidResponse();
    Put16(b, 4, 0xffff);
    ExpectRejected(b, "authentication is not supported");
    // Family 0 in a response, or next to other entries in a request.
    b = ValidResponse();
    Put16(b, 4, 0);
    ExpectRejected(b, "address family 0");
    RtmRipHeader h;
    h.SetWholeTableRequest();
    b = Bytes(h);
    std::vector<uint8_t> more = ValidResponse();
    b.insert(b.end(), more.begin() + 4, more.end());
    ExpectRejected(b, "address family 0");
    // The whole-table request must carry metric 16.
    h.SetWholeTableRequest();
    b = Bytes(h);
    Put32(b, 20, 1);
    ExpectRejected(b, "whole-table request with metric 1");
}

TEST(RtmRipHeaderTest, MalformedMetric)
{
    for (uint32_t m : {0u, 17u, 255u, 0x01000001u, 0xffffffffu})
    {
        std::vector<uint8_t> b = ValidResponse();
        Put32(b, 40, m);
        ExpectRejected(b, "bad metric " + std::to_string(m));
    }
    for (uint32_t m : {1u, 15u, 16u})
    {
        std::vector<uint8_t> b = ValidResponse();
        Put32(b, 40, m);
        std::string why;
        EXPECT_TRUE(Check(b, why)) << m << ": " << why;
    }
}

TEST(RtmRipHeaderTest, MalformedMask)
{
    EXPECT_TRUE(RtmRipHeader::IsContiguous(Ipv4Mask(0u)));
    EXPECT_TRUE(RtmRipHeader::IsContiguous(Ipv4Mask(0xffffffffu)));
    EXPECT_TRUE(RtmRipHeader::IsContiguous(Ipv4Mask(0xfffffe00u)));
    EXPECT_FALSE(RtmRipHeader::IsContiguous(Ipv4Mask(0xff00ff00u)));
    EXPECT_FALSE(RtmRipHeader::IsContiguous(Ipv4Mask(0x00ffffffu)));
    EXPECT_FALSE(RtmRipHeader::IsContiguous(Ipv4Mask(0xfffffff7u)));
    for (uint32_t mask : {0xff00ff00u, 0x00ffffffu, 0xfffffff7u, 0x80000001u})
    {
        std::vector<uint8_t> b = ValidResponse();
        Put32(b, 8, 0);
        Put32(b, 12, mask);
        ExpectRejected(b, "non-contiguous mask");
    }
}

TEST(RtmRipHeaderTest, MalformedHostBits)
{
    std::vector<uint8_t> b = ValidResponse();
    Put32(b, 8, 0x0a010001u); // 10.1.0.1/16
    ExpectRejected(b, "host bits set in 10.1.0.1/16");
    b = ValidResponse();
    Put32(b, 8, 0x0a010000u);
    Put32(b, 12, 0); // 10.1.0.0/0
    ExpectRejected(b, "host bits");
}

TEST(RtmRipHeaderTest, MalformedLaterEntryRejectsTheMessage)
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
    Put32(b, 4 + 20 * 9 + 16, 0); // last entry: metric 0
    RtmRipHeader q;
    std::string why;
    EXPECT_FALSE(RtmRipHeader::Parse(Pkt(b), q, why));
    EXPECT_NE(why.find("entry 9"), std::string::npos) << why;
    EXPECT_EQ(q.GetNEntries(), 0u) << "nothing of a rejected message is kept";
}

TEST(RtmRipHeaderTest, GarbageNeverCrashes)
{
    std::mt19937 rng(2453);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> len(0, 600);
    uint32_t accepted = 0;
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
        }
        else
        {
            // Mutations of a valid message: flip a few bytes, maybe truncate or extend.
            b = ValidResponse();
            int flips = 1 + k % 3;
            for (int f = 0; f < flips; ++f)
            {
                b[std::uniform_int_distribution<std::size_t>(0, b.size() - 1)(rng)] = byte(rng);
            }
            if (k % 7 == 0)
            {
                b.resize(std::uniform_int_distribution<std::size_t>(0, 60)(rng), 0);
            }
        }
        RtmRipHeader h;
        std::string why;
        if (RtmRipHeader::Parse(Pkt(b), h, why))
        {
            ++accepted;
            // What is accepted re-serialises to exactly the same bytes.
            EXPECT_EQ(Bytes(h), b);
            for (const auto& e : h.GetEntries())
            {
                if (e.afi == RtmRipHeader::AFI_INET)
                {
                    EXPECT_GE(e.metric, 1u);
                    EXPECT_LE(e.metric, 16u);
                    EXPECT_TRUE(RtmRipHeader::IsContiguous(e.mask));
                    EXPECT_EQ(e.address.Get() & ~e.mask.Get(), 0u);
                }
            }
        }
        else
        {
            EXPECT_FALSE(why.empty());
        }
    }
    EXPECT_GT(accepted, 0u) << "some mutations stay valid";
}

} // namespace
