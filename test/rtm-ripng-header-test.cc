/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the RIPng message (RtmRipNgHeader, RFC 2080): the wire layout, the whole-table
 * request, next-hop entries, every malformed message or entry Parse rejects (by reason), and
 * that ns-3's own RipNgHeader reads what RtmRipNgHeader writes and the other way round.
 */
#include "ns3/packet.h"
#include "ns3/ripng-header.h"
#include "ns3/rtm-ripng-header.h"

#include <gtest/gtest.h>
#include <random>
#include <vector>

using namespace ns3;

namespace
{

typedef RtmRipNgHeader::Entry Rte;

/// \return a route entry
Rte
MakeRte(const char* prefix, uint8_t length, uint8_t metric, uint16_t tag = 0)
{
    Rte e;
    e.prefix = Ipv6Address(prefix);
    e.prefixLength = length;
    e.metric = metric;
    e.tag = tag;
    return e;
}

/// \return the bytes of \p h
std::vector<uint8_t>
Bytes(const RtmRipNgHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// \return Parse's verdict
bool
Check(const std::vector<uint8_t>& b, RtmRipNgHeader& h, RtmRipDropReason& why)
{
    return RtmRipNgHeader::Parse(b.data(), static_cast<uint32_t>(b.size()), h, why);
}

TEST(RtmRipNgHeaderTest, WireLayoutAndRoundTrip)
{
    RtmRipNgHeader h;
    h.AddEntry(MakeRte("2001:db8:1::", 48, 1, 7));
    h.AddEntry(MakeRte("::", 0, 16));
    std::vector<uint8_t> b = Bytes(h);
    ASSERT_EQ(b.size(), 44u);
    EXPECT_EQ(b[0], 2);
    EXPECT_EQ(b[1], 1);
    EXPECT_EQ(b[4], 0x20);
    EXPECT_EQ(b[5], 0x01);
    EXPECT_EQ(b[21], 7);  // tag
    EXPECT_EQ(b[22], 48); // prefix length
    EXPECT_EQ(b[23], 1);  // metric
    RtmRipNgHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(Check(b, q, why)) << why;
    EXPECT_EQ(q.GetEntries(), h.GetEntries());
    // ns-3's RipNgHeader reads it the same way.
    Ptr<Packet> p = Create<Packet>(b.data(), b.size());
    RipNgHeader ns3;
    p->RemoveHeader(ns3);
    ASSERT_EQ(ns3.GetRteNumber(), 2u);
    EXPECT_EQ(ns3.GetRteList().front().GetPrefix(), Ipv6Address("2001:db8:1::"));
    EXPECT_EQ(ns3.GetRteList().front().GetPrefixLen(), 48);
    EXPECT_EQ(ns3.GetRteList().front().GetRouteTag(), 7);
    EXPECT_EQ(ns3.GetRteList().front().GetRouteMetric(), 1);
    // And what ns-3 writes, RtmRipNgHeader parses.
    RipNgHeader mine;
    mine.SetCommand(RipNgHeader::RESPONSE);
    RipNgRte rte;
    rte.SetPrefix(Ipv6Address("2001:db8:5::"));
    rte.SetPrefixLen(64);
    rte.SetRouteMetric(3);
    rte.SetRouteTag(9);
    mine.AddRte(rte);
    Ptr<Packet> p2 = Create<Packet>();
    p2->AddHeader(mine);
    ASSERT_TRUE(RtmRipNgHeader::Parse(p2, q, why)) << why;
    ASSERT_EQ(q.GetNEntries(), 1u);
    EXPECT_EQ(q.GetEntries()[0], MakeRte("2001:db8:5::", 64, 3, 9));
}

TEST(RtmRipNgHeaderTest, WholeTableRequestAndMaxEntries)
{
    RtmRipNgHeader h;
    h.SetWholeTableRequest();
    EXPECT_TRUE(h.IsWholeTableRequest());
    std::vector<uint8_t> b = Bytes(h);
    std::vector<uint8_t> expect(24, 0);
    expect[0] = 1;
    expect[1] = 1;
    expect[23] = 16;
    EXPECT_EQ(b, expect);
    RtmRipNgHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(Check(b, q, why));
    EXPECT_TRUE(q.IsWholeTableRequest());
    b[22] = 64; // ::/64 is a query, not the whole table
    ASSERT_TRUE(Check(b, q, why));
    EXPECT_FALSE(q.IsWholeTableRequest());
    RtmRipNgHeader m;
    m.SetMaxEntries(2);
    EXPECT_TRUE(m.AddEntry(MakeRte("2001:db8:1::", 48, 1)));
    EXPECT_TRUE(m.AddEntry(MakeRte("2001:db8:2::", 48, 1)));
    EXPECT_FALSE(m.AddEntry(MakeRte("2001:db8:3::", 48, 1)));
}

TEST(RtmRipNgHeaderTest, NextHopEntriesApplyToTheFollowingEntries)
{
    RtmRipNgHeader h;
    h.AddEntry(MakeRte("2001:db8:1::", 48, 1));
    h.AddEntry(MakeRte("fe80::5", 0, 0xff)); // next hop fe80::5
    h.AddEntry(MakeRte("2001:db8:2::", 48, 2));
    h.AddEntry(MakeRte("2001:db8:ffff::1", 0, 0xff)); // not link-local: the sender
    h.AddEntry(MakeRte("2001:db8:3::", 48, 3));
    RtmRipNgHeader q;
    RtmRipDropReason why;
    ASSERT_TRUE(Check(Bytes(h), q, why));
    ASSERT_EQ(q.GetNEntries(), 3u) << "next-hop entries are not routes";
    EXPECT_TRUE(q.GetEntries()[0].nextHop.IsAny());
    EXPECT_EQ(q.GetEntries()[1].nextHop, Ipv6Address("fe80::5"));
    EXPECT_TRUE(q.GetEntries()[2].nextHop.IsAny());
    EXPECT_EQ(q.GetIgnoredNextHops(), 1u);
}

TEST(RtmRipNgHeaderTest, MalformedMessagesAndEntries)
{
    RtmRipNgHeader h;
    h.AddEntry(MakeRte("2001:db8:1::", 48, 1));
    std::vector<uint8_t> good = Bytes(h);
    RtmRipNgHeader q;
    RtmRipDropReason why;
    auto rejected = [&](std::vector<uint8_t> b, RtmRipDropReason reason) {
        EXPECT_FALSE(Check(b, q, why)) << reason;
        EXPECT_EQ(why, reason);
    };
    auto entryDropped = [&](std::vector<uint8_t> b, RtmRipDropReason reason) {
        ASSERT_TRUE(Check(b, q, why)) << why;
        EXPECT_EQ(q.GetEntryDrops(), std::vector<RtmRipDropReason>{reason});
        EXPECT_EQ(q.GetNEntries(), 0u);
    };
    rejected({}, RtmRipDropReason::Short);
    rejected({2, 1}, RtmRipDropReason::Short);
    std::vector<uint8_t> b = good;
    b[0] = 3;
    rejected(b, RtmRipDropReason::BadCommand);
    b = good;
    b[1] = 2;
    rejected(b, RtmRipDropReason::BadVersion);
    b = good;
    b[3] = 1;
    rejected(b, RtmRipDropReason::NonZeroHeader);
    b = good;
    b.pop_back();
    rejected(b, RtmRipDropReason::BadLength);
    b = good;
    b[22] = 129;
    entryDropped(b, RtmRipDropReason::BadMask);
    b = good;
    b[23] = 0;
    entryDropped(b, RtmRipDropReason::BadMetric);
    b = good;
    b[23] = 17;
    entryDropped(b, RtmRipDropReason::BadMetric);
    b = good;
    b[19] = 1; // 2001:db8:1::1/48
    entryDropped(b, RtmRipDropReason::HostBits);
    // A datagram of any length is taken whole (the sender fills its MTU).
    std::vector<uint8_t> big = {2, 1, 0, 0};
    for (uint32_t i = 0; i < 300; ++i)
    {
        std::vector<uint8_t> e(20, 0);
        e[0] = 0x20;
        e[1] = 0x01;
        e[2] = i >> 8;
        e[3] = i & 0xff;
        e[18] = 32;
        e[19] = 1;
        big.insert(big.end(), e.begin(), e.end());
    }
    ASSERT_TRUE(Check(big, q, why)) << why;
    EXPECT_EQ(q.GetNEntries(), 300u);
}

TEST(RtmRipNgHeaderTest, GarbageNeverCrashes)
{
    std::mt19937 rng(2080);
    std::uniform_int_distribution<int> byte(0, 255);
    RtmRipNgHeader h;
    h.AddEntry(MakeRte("2001:db8:1::", 48, 1));
    h.AddEntry(MakeRte("fe80::1", 0, 0xff));
    h.AddEntry(MakeRte("2001:db8:2::", 64, 4));
    std::vector<uint8_t> seed = Bytes(h);
    uint32_t accepted = 0;
    for (int k = 0; k < 20000; ++k)
    {
        std::vector<uint8_t> b = seed;
        for (int f = 0; f < 1 + k % 4; ++f)
        {
            b[std::uniform_int_distribution<std::size_t>(0, b.size() - 1)(rng)] = byte(rng);
        }
        if (k % 5 == 0)
        {
            b.resize(std::uniform_int_distribution<std::size_t>(0, 80)(rng), 0);
        }
        RtmRipNgHeader q;
        RtmRipDropReason why;
        if (Check(b, q, why))
        {
            ++accepted;
            for (const auto& e : q.GetEntries())
            {
                EXPECT_LE(e.prefixLength, 128);
                if (q.GetCommand() == RtmRipNgHeader::RESPONSE)
                {
                    EXPECT_GE(e.metric, 1);
                    EXPECT_LE(e.metric, 16);
                }
            }
        }
    }
    EXPECT_GT(accepted, 0u);
}

} // namespace
