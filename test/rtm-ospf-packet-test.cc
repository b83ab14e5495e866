/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the OSPFv2 wire format: every LSA type and every packet type round-trips through
 * ns-3 packets, the LSA Fletcher checksum is the one ISO 8473 verification accepts (checked
 * against a brute-force search), the packet checksum leaves out the authentication field, the
 * instance comparison of RFC 2328 §13.1, the keyed-MD5 digest (RFC 2328 D.4.3) against
 * vectors computed with another MD5 implementation (Python's hashlib), authentication
 * (simple and keyed MD5: right, wrong key, unknown key id, tampered byte, wrong AuType), and
 * every malformed packet and LSA rejected with its reason (plus random garbage: never a crash).
 */
#include "ns3/packet.h"
#include "ns3/rtm-ospf-auth.h"
#include "ns3/rtm-ospf-lsdb.h"
#include "ns3/rtm-ospf-packets.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// \return a finalized Router-LSA with a link of every kind
Ptr<RtmOspfLsa>
RouterLsa()
{
    Ptr<RtmOspfLsa> l = Create<RtmOspfLsa>();
    l->hdr.type = OSPF_LSA_ROUTER;
    l->hdr.lsid = 0x0a000001;
    l->hdr.advRouter = 0x0a000001;
    l->hdr.options = OSPF_OPT_E;
    l->hdr.seq = OSPF_INITIAL_SEQ + 5;
    l->hdr.age = 17;
    l->rtrFlags = OSPF_RTR_B | OSPF_RTR_E;
    RtmOspfLsa::Link p2p{0x0a000002, 0xc0a80101, OSPF_LINK_P2P, 10, {}};
    RtmOspfLsa::Link transit{0xc0a80201, 0xc0a80202, OSPF_LINK_TRANSIT, 1, {0x05000007}};
    RtmOspfLsa::Link stub{0xc0a80100, 0xffffff00, OSPF_LINK_STUB, 10, {}};
    RtmOspfLsa::Link vlink{0x0a000009, 0xc0a80101, OSPF_LINK_VIRTUAL, 30, {}};
    l->links = {p2p, transit, stub, vlink};
    l->Finalize();
    return l;
}

/// \return a finalized LSA of \p type with a mask and metric (summary, external, NSSA)
Ptr<RtmOspfLsa>
MetricLsa(uint8_t type)
{
    Ptr<RtmOspfLsa> l = Create<RtmOspfLsa>();
    l->hdr.type = type;
    l->hdr.lsid = 0xac100000;
    l->hdr.advRouter = 0x0a000003;
    l->hdr.options = type == OSPF_LSA_NSSA ? OSPF_OPT_NP : OSPF_OPT_E;
    l->hdr.seq = OSPF_INITIAL_SEQ;
    l->mask = type == OSPF_LSA_SUMMARY_ASBR ? 0 : 0xffff0000;
    l->metric = 0x123456;
    if (type == OSPF_LSA_EXTERNAL || type == OSPF_LSA_NSSA)
    {
        l->bits = 0x80;
        l->forward = 0xc0a80909;
        l->tag = 77;
        l->extra = {0x81, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 9};
    }
    else
    {
        l->extra = {0x01, 0, 0, 3};
    }
    l->Finalize();
    return l;
}

/// \return a finalized Network-LSA
Ptr<RtmOspfLsa>
NetworkLsa()
{
    Ptr<RtmOspfLsa> l = Create<RtmOspfLsa>();
    l->hdr.type = OSPF_LSA_NETWORK;
    l->hdr.lsid = 0xc0a80201;
    l->hdr.advRouter = 0x0a000002;
    l->hdr.options = OSPF_OPT_E;
    l->hdr.seq = 0x12345678;
    l->mask = 0xffffff00;
    l->attached = {0x0a000002, 0x0a000001, 0x0a000005};
    l->Finalize();
    return l;
}

/// \return every kind of LSA
std::vector<Ptr<RtmOspfLsa>>
AllLsas()
{
    return {RouterLsa(),
            NetworkLsa(),
            MetricLsa(OSPF_LSA_SUMMARY_NET),
            MetricLsa(OSPF_LSA_SUMMARY_ASBR),
            MetricLsa(OSPF_LSA_EXTERNAL),
            MetricLsa(OSPF_LSA_NSSA)};
}

/// ISO 8473 verification of an LSA's bytes (age excluded).
bool
IsoVerify(const std::vector<uint8_t>& b)
{
    uint32_t c0 = 0;
    uint32_t c1 = 0;
    for (std::size_t k = 2; k < b.size(); ++k)
    {
        c0 = (c0 + b[k]) % 255;
        c1 = (c1 + c0) % 255;
    }
    return c0 == 0 && c1 == 0;
}

/// \return the bytes of an OSPF packet made of \p body and a common header
std::vector<uint8_t>
PacketBytes(const Header& body,
            uint8_t type,
            const RtmOspfAuthConfig& auth = RtmOspfAuthConfig(),
            uint32_t seq = 0)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(body);
    RtmOspfHeader h;
    h.type = type;
    h.routerId = 0x0a000001;
    h.areaId = 0x00000003;
    RtmOspfAuth::Stamp(h, auth, seq);
    p->AddHeader(h);
    RtmOspfAuth::Sign(p, auth);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// Parse \p b, expecting success.
RtmOspfPacket
ParseOk(const std::vector<uint8_t>& b)
{
    RtmOspfPacket pkt;
    RtmOspfDrop why = RtmOspfDrop::Count;
    EXPECT_TRUE(RtmOspfPacket::Parse(b.data(), static_cast<uint32_t>(b.size()), pkt, why))
        << RtmOspfDropName(why);
    return pkt;
}

/// \return the drop reason of \p b (Count if accepted)
RtmOspfDrop
ParseWhy(const std::vector<uint8_t>& b)
{
    RtmOspfPacket pkt;
    RtmOspfDrop why = RtmOspfDrop::Count;
    if (RtmOspfPacket::Parse(b.data(), static_cast<uint32_t>(b.size()), pkt, why))
    {
        return RtmOspfDrop::Count;
    }
    return why;
}

/// Recompute the packet checksum after a change.
void
FixChecksum(std::vector<uint8_t>& b)
{
    uint16_t len = static_cast<uint16_t>((b[2] << 8) | b[3]);
    uint16_t c = RtmOspfHeader::ComputeChecksum(b.data(), std::min<uint32_t>(len, b.size()));
    b[12] = static_cast<uint8_t>(c >> 8);
    b[13] = static_cast<uint8_t>(c);
}

/// \return the hex of a digest
std::string
Hex(const std::array<uint8_t, 16>& d)
{
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (uint8_t c : d)
    {
        s += digits[c >> 4];
        s += digits[c & 15];
    }
    return s;
}

} // namespace

TEST(RtmOspfPacketTest, LsaChecksumIsTheOneIsoVerificationAccepts)
{
    for (const auto& lsa : AllLsas())
    {
        std::vector<uint8_t> b = lsa->ToBytes(lsa->hdr.age);
        ASSERT_EQ(b.size(), lsa->hdr.length);
        EXPECT_TRUE(IsoVerify(b)) << RtmOspfLsaTypeName(lsa->hdr.type);
        EXPECT_TRUE(RtmOspfLsa::FletcherOk(b.data(), lsa->hdr.length));
        // Brute force: exactly one (x, y) in 1..255 verifies, and it is ours.
        uint32_t found = 0;
        uint16_t which = 0;
        for (uint32_t x = 1; x <= 255; ++x)
        {
            for (uint32_t y = 1; y <= 255; ++y)
            {
                b[16] = static_cast<uint8_t>(x);
                b[17] = static_cast<uint8_t>(y);
                if (IsoVerify(b))
                {
                    ++found;
                    which = static_cast<uint16_t>((x << 8) | y);
                }
            }
        }
        EXPECT_EQ(found, 1u);
        EXPECT_EQ(which, lsa->hdr.checksum);
        // The age is not covered; any other byte is.
        std::vector<uint8_t> c = lsa->ToBytes(3599);
        EXPECT_TRUE(RtmOspfLsa::FletcherOk(c.data(), lsa->hdr.length));
        for (std::size_t k = 2; k < c.size(); ++k)
        {
            std::vector<uint8_t> d = c;
            d[k] ^= 0x10;
            EXPECT_FALSE(RtmOspfLsa::FletcherOk(d.data(), lsa->hdr.length)) << "byte " << k;
        }
    }
}

TEST(RtmOspfPacketTest, EveryLsaTypeRoundTrips)
{
    for (const auto& lsa : AllLsas())
    {
        std::vector<uint8_t> b = lsa->ToBytes(42);
        uint32_t used = 0;
        RtmOspfDrop why = RtmOspfDrop::Count;
        Ptr<RtmOspfLsa> back = RtmOspfLsa::Parse(b.data(), b.size(), used, why);
        ASSERT_TRUE(back) << RtmOspfLsaTypeName(lsa->hdr.type) << " " << RtmOspfDropName(why);
        EXPECT_EQ(used, b.size());
        EXPECT_TRUE(back->SameBody(*lsa));
        EXPECT_EQ(back->hdr.age, 42);
        EXPECT_EQ(back->hdr.seq, lsa->hdr.seq);
        EXPECT_EQ(back->hdr.checksum, lsa->hdr.checksum);
        EXPECT_EQ(back->hdr.length, lsa->hdr.length);
        EXPECT_EQ(back->hdr.options, lsa->hdr.options);
        EXPECT_EQ(back->hdr.Key(), lsa->hdr.Key());
        EXPECT_EQ(back->ToBytes(42), b); // re-serialised byte for byte
        EXPECT_FALSE(back->ContentsDiffer(*lsa, 42, 10));
        EXPECT_TRUE(back->ContentsDiffer(*lsa, OSPF_MAX_AGE, 10)); // MaxAge differs
    }
}

TEST(RtmOspfPacketTest, MalformedLsasAreRejectedWithTheirReason)
{
    Ptr<RtmOspfLsa> r = RouterLsa();
    std::vector<uint8_t> good = r->ToBytes(1);
    uint32_t used = 0;
    RtmOspfDrop why = RtmOspfDrop::Count;

    std::vector<uint8_t> b = good;
    b[30] ^= 1; // a body byte
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadLsaChecksum);
    EXPECT_EQ(used, b.size()); // the rest of the packet stays readable

    b = good;
    b[16] = b[17] = 0; // a zero checksum is never valid
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadLsaChecksum);

    b = good;
    b[3] = 6; // MOSPF group-membership: not understood
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadLsaType);

    // Length field beyond the bytes, or below the header: nothing after it can be read.
    b = good;
    b[18] = 0x7f;
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadBody);
    EXPECT_EQ(used, 0u);
    b = good;
    b[18] = 0;
    b[19] = 8;
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(used, 0u);
    EXPECT_FALSE(RtmOspfLsa::Parse(good.data(), 10, used, why));

    // A Router-LSA announcing one link more than it holds (checksum made right).
    Ptr<RtmOspfLsa> lie = Create<RtmOspfLsa>(*r);
    lie->links.pop_back();
    lie->Finalize();
    b = lie->ToBytes(1);
    b[23] = static_cast<uint8_t>(r->links.size());
    uint16_t c = RtmOspfLsa::Fletcher(b.data(), b.size());
    b[16] = static_cast<uint8_t>(c >> 8);
    b[17] = static_cast<uint8_t>(c);
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadLsa);

    // A link of an unknown type; a Network-LSA whose length is not whole routers; the reserved
    // sequence number 0x80000000.
    auto resum = [](std::vector<uint8_t>& v) {
        uint16_t k = RtmOspfLsa::Fletcher(v.data(), v.size());
        v[16] = static_cast<uint8_t>(k >> 8);
        v[17] = static_cast<uint8_t>(k);
    };
    b = good;
    b[24 + 8] = 9;
    resum(b);
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadLsa);
    b = NetworkLsa()->ToBytes(1);
    b.push_back(0);
    b[19] = static_cast<uint8_t>(b.size());
    resum(b);
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadLsa);
    b = good;
    b[12] = 0x80;
    b[13] = b[14] = b[15] = 0;
    resum(b);
    EXPECT_FALSE(RtmOspfLsa::Parse(b.data(), b.size(), used, why));
    EXPECT_EQ(why, RtmOspfDrop::BadLsa);
}

TEST(RtmOspfPacketTest, InstanceComparisonFollowsRfc2328Section13_1)
{
    RtmOspfLsaHeader a;
    a.seq = 10;
    a.checksum = 100;
    a.age = 5;
    RtmOspfLsaHeader b = a;
    EXPECT_EQ(a.Compare(b), 0);
    b.seq = 11;
    EXPECT_LT(a.Compare(b), 0); // higher sequence number is newer
    EXPECT_GT(b.Compare(a), 0);
    b = a;
    b.checksum = 101;
    EXPECT_LT(a.Compare(b), 0); // then the larger checksum
    b = a;
    b.age = OSPF_MAX_AGE;
    EXPECT_LT(a.Compare(b), 0); // then MaxAge
    b = a;
    b.age = 5 + OSPF_MAX_AGE_DIFF + 1;
    EXPECT_GT(a.Compare(b), 0); // then the younger, if more than MaxAgeDiff apart
    b.age = 5 + OSPF_MAX_AGE_DIFF;
    EXPECT_EQ(a.Compare(b), 0);
    b = a;
    b.seq = OSPF_INITIAL_SEQ; // signed: 0x80000001 is the oldest
    EXPECT_GT(a.Compare(b), 0);
}

TEST(RtmOspfPacketTest, EveryPacketTypeRoundTripsWithItsChecksum)
{
    RtmOspfHello hello;
    hello.mask = 0xffffff00;
    hello.helloInterval = 10;
    hello.options = OSPF_OPT_E;
    hello.priority = 7;
    hello.deadInterval = 40;
    hello.dr = 0xc0a80101;
    hello.bdr = 0xc0a80102;
    hello.neighbors = {1, 2, 3};
    RtmOspfPacket p = ParseOk(PacketBytes(hello, 1));
    EXPECT_EQ(p.header.type, 1);
    EXPECT_EQ(p.header.routerId, 0x0a000001u);
    EXPECT_EQ(p.header.areaId, 3u);
    EXPECT_EQ(p.header.length, 24 + 20 + 12);
    EXPECT_EQ(p.hello.mask, hello.mask);
    EXPECT_EQ(p.hello.priority, 7);
    EXPECT_EQ(p.hello.deadInterval, 40u);
    EXPECT_EQ(p.hello.dr, hello.dr);
    EXPECT_EQ(p.hello.bdr, hello.bdr);
    EXPECT_EQ(p.hello.neighbors, hello.neighbors);

    RtmOspfDbDesc dd;
    dd.mtu = 1500;
    dd.flags = OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS;
    dd.seq = 0xdeadbeef;
    for (const auto& l : AllLsas())
    {
        dd.headers.push_back(l->hdr);
    }
    p = ParseOk(PacketBytes(dd, 2));
    EXPECT_EQ(p.dd.mtu, 1500);
    EXPECT_EQ(p.dd.flags, dd.flags);
    EXPECT_EQ(p.dd.seq, dd.seq);
    ASSERT_EQ(p.dd.headers.size(), dd.headers.size());
    for (std::size_t k = 0; k < dd.headers.size(); ++k)
    {
        EXPECT_EQ(p.dd.headers[k].Key(), dd.headers[k].Key());
        EXPECT_EQ(p.dd.headers[k].Compare(dd.headers[k]), 0);
        EXPECT_EQ(p.dd.headers[k].length, dd.headers[k].length);
    }

    RtmOspfLsRequest lsr;
    for (const auto& l : AllLsas())
    {
        lsr.requests.push_back(l->hdr.Key());
    }
    p = ParseOk(PacketBytes(lsr, 3));
    ASSERT_EQ(p.lsr.requests.size(), lsr.requests.size());
    for (std::size_t k = 0; k < lsr.requests.size(); ++k)
    {
        EXPECT_EQ(p.lsr.requests[k], lsr.requests[k]);
    }

    RtmOspfLsUpdate lsu;
    for (const auto& l : AllLsas())
    {
        lsu.lsas.push_back({l, 123});
    }
    p = ParseOk(PacketBytes(lsu, 4));
    ASSERT_EQ(p.lsu.lsas.size(), lsu.lsas.size());
    EXPECT_TRUE(p.lsu.bad.empty());
    for (std::size_t k = 0; k < lsu.lsas.size(); ++k)
    {
        EXPECT_TRUE(p.lsu.lsas[k].lsa->SameBody(*lsu.lsas[k].lsa));
        EXPECT_EQ(p.lsu.lsas[k].age, 123);
    }

    RtmOspfLsAck ack;
    for (const auto& l : AllLsas())
    {
        ack.headers.push_back(l->hdr);
    }
    p = ParseOk(PacketBytes(ack, 5));
    ASSERT_EQ(p.ack.headers.size(), ack.headers.size());
    EXPECT_EQ(p.ack.headers[2].Key(), ack.headers[2].Key());

    // The bodies also deserialise through the ns-3 Header interface.
    Ptr<Packet> pk = Create<Packet>();
    pk->AddHeader(hello);
    RtmOspfHello h2;
    pk->RemoveHeader(h2);
    EXPECT_EQ(h2.neighbors, hello.neighbors);
    pk = Create<Packet>();
    pk->AddHeader(lsu);
    RtmOspfLsUpdate u2;
    pk->RemoveHeader(u2);
    EXPECT_EQ(u2.lsas.size(), lsu.lsas.size());
}

TEST(RtmOspfPacketTest, ChecksumLeavesOutTheAuthenticationField)
{
    RtmOspfHello hello;
    std::vector<uint8_t> b = PacketBytes(hello, 1, RtmOspfAuthConfig::Simple("pw"));
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::Count);
    b[16] ^= 0xff; // the password changes, the checksum does not notice
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::Count);
    b[30] ^= 0x01; // a body byte
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadChecksum);
}

TEST(RtmOspfPacketTest, MalformedPacketsAreRejectedWithTheirReason)
{
    RtmOspfHello hello;
    hello.neighbors = {9};
    const std::vector<uint8_t> good = PacketBytes(hello, 1);
    std::vector<uint8_t> b(good.begin(), good.begin() + 20);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::TooShort);
    b = good;
    b[0] = 3;
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadVersion);
    b = good;
    b[3] = static_cast<uint8_t>(good.size() + 4); // longer than the packet
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::TooShort);
    b = good;
    b[2] = 0;
    b[3] = 20; // shorter than a header
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadLength);
    b = good;
    b[13] ^= 1;
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadChecksum);
    b = good;
    b[1] = 6;
    FixChecksum(b);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadType);
    b = good;
    b[3] -= 2; // a Hello body of 22 bytes
    FixChecksum(b);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadBody);

    // DD headers not whole; an LSR entry with a type beyond 8 bits; an LSAck with a stray byte.
    RtmOspfDbDesc dd;
    dd.headers.push_back(RouterLsa()->hdr);
    b = PacketBytes(dd, 2);
    b.pop_back();
    b[3] -= 1;
    FixChecksum(b);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadBody);
    RtmOspfLsRequest lsr;
    lsr.requests.push_back(RtmOspfLsaKey{1, 2, 3});
    b = PacketBytes(lsr, 3);
    b[24 + 2] = 1;
    FixChecksum(b);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadBody);
    RtmOspfLsAck ack;
    ack.headers.push_back(RouterLsa()->hdr);
    b = PacketBytes(ack, 5);
    b.push_back(0);
    b[3] += 1;
    FixChecksum(b);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadBody);

    // An LSU whose count promises more LSAs than it holds, or fewer.
    RtmOspfLsUpdate lsu;
    lsu.lsas.push_back({RouterLsa(), 1});
    lsu.lsas.push_back({NetworkLsa(), 1});
    b = PacketBytes(lsu, 4);
    b[24 + 3] = 3;
    FixChecksum(b);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadBody);
    b[24 + 3] = 1;
    FixChecksum(b);
    EXPECT_EQ(ParseWhy(b), RtmOspfDrop::BadBody);

    // A bad LSA inside an LSU drops that LSA only.
    b = PacketBytes(lsu, 4);
    b[24 + 4 + 30] ^= 0x40; // inside the Router-LSA's body
    FixChecksum(b);
    RtmOspfPacket pkt = ParseOk(b);
    ASSERT_EQ(pkt.lsu.lsas.size(), 1u);
    EXPECT_EQ(pkt.lsu.lsas[0].lsa->hdr.type, OSPF_LSA_NETWORK);
    ASSERT_EQ(pkt.lsu.bad.size(), 1u);
    EXPECT_EQ(pkt.lsu.bad[0].second, RtmOspfDrop::BadLsaChecksum);
    EXPECT_EQ(pkt.lsu.bad[0].first.type, OSPF_LSA_ROUTER);
}

TEST(RtmOspfPacketTest, RandomBytesNeverCrashTheParser)
{
    std::mt19937 rng(15);
    RtmOspfLsUpdate lsu;
    for (const auto& l : AllLsas())
    {
        lsu.lsas.push_back({l, 1});
    }
    const std::vector<uint8_t> base = PacketBytes(lsu, 4);
    uint32_t accepted = 0;
    for (int k = 0; k < 20000; ++k)
    {
        std::vector<uint8_t> b;
        if (k % 2 == 0)
        {
            b.resize(rng() % 200);
            for (auto& x : b)
            {
                x = static_cast<uint8_t>(rng());
            }
            if (b.size() >= 24)
            {
                b[0] = 2;
                b[1] = static_cast<uint8_t>(1 + rng() % 5);
                b[2] = 0;
                b[3] = static_cast<uint8_t>(b.size());
                FixChecksum(b);
            }
        }
        else
        {
            b = base;
            for (int f = 0; f < 3; ++f)
            {
                b[rng() % b.size()] = static_cast<uint8_t>(rng());
            }
            FixChecksum(b);
        }
        RtmOspfPacket pkt;
        RtmOspfDrop why;
        accepted += RtmOspfPacket::Parse(b.data(), b.size(), pkt, why) ? 1 : 0;
    }
    EXPECT_GT(accepted, 0u);
}

TEST(RtmOspfPacketTest, KeyedDigestIsMd5OfThePacketAndTheZeroPaddedKey)
{
    // Expected values: hashlib.md5(packet + key + zeros up to 16 bytes) in Python.
    auto digest = [](const std::string& packet, const std::string& key) {
        return Hex(RtmOspfAuth::Digest(reinterpret_cast<const uint8_t*>(packet.data()),
                                       static_cast<uint32_t>(packet.size()),
                                       key));
    };
    EXPECT_EQ(digest("abc", ""), "eb5143cd3258a10e6b6994d87349d233");
    EXPECT_EQ(digest("message digest", "secret"), "4072f4676368a95822a58cc9d94fd5be");
    EXPECT_EQ(digest("message digest", "0123456789abcdef"), "d33925fe5d32501b0a1b230c223cfc83");
    // Only the first 16 bytes of a longer key count.
    EXPECT_EQ(digest("message digest", "0123456789abcdefXYZ"), "d33925fe5d32501b0a1b230c223cfc83");
}

TEST(RtmOspfPacketTest, AuthenticationIsReallyChecked)
{
    RtmOspfHello hello;
    auto verify = [](const std::vector<uint8_t>& b, const RtmOspfAuthConfig& c) {
        RtmOspfPacket pkt;
        RtmOspfDrop why = RtmOspfDrop::Count;
        if (!RtmOspfPacket::Parse(b.data(), b.size(), pkt, why))
        {
            return why;
        }
        return RtmOspfAuth::Verify(b.data(), b.size(), pkt.header, c, why) ? RtmOspfDrop::Count
                                                                           : why;
    };
    RtmOspfAuthConfig none;
    RtmOspfAuthConfig simple = RtmOspfAuthConfig::Simple("s3cret");
    RtmOspfAuthConfig md5 = RtmOspfAuthConfig::Md5(7, "key-seven");
    std::vector<uint8_t> plain = PacketBytes(hello, 1);
    std::vector<uint8_t> pw = PacketBytes(hello, 1, simple);
    std::vector<uint8_t> signed_ = PacketBytes(hello, 1, md5, 1000);
    EXPECT_EQ(verify(plain, none), RtmOspfDrop::Count);
    EXPECT_EQ(verify(pw, simple), RtmOspfDrop::Count);
    EXPECT_EQ(verify(signed_, md5), RtmOspfDrop::Count);
    // The crypto trailer is not part of the OSPF length; the checksum is not computed.
    EXPECT_EQ(signed_.size(), plain.size() + OSPF_MD5_DIGEST_SIZE);
    EXPECT_EQ(signed_[12], 0);
    EXPECT_EQ(signed_[13], 0);
    RtmOspfPacket pkt = ParseOk(signed_);
    EXPECT_EQ(pkt.header.GetKeyId(), 7);
    EXPECT_EQ(pkt.header.GetAuthDataLength(), 16);
    EXPECT_EQ(pkt.header.GetCryptoSeq(), 1000u);

    EXPECT_EQ(verify(plain, simple), RtmOspfDrop::BadAuthType);
    EXPECT_EQ(verify(pw, none), RtmOspfDrop::BadAuthType);
    EXPECT_EQ(verify(pw, RtmOspfAuthConfig::Simple("s3cre")), RtmOspfDrop::BadAuth);
    EXPECT_EQ(verify(signed_, RtmOspfAuthConfig::Md5(7, "key-eight")), RtmOspfDrop::BadAuth);
    EXPECT_EQ(verify(signed_, RtmOspfAuthConfig::Md5(8, "key-seven")), RtmOspfDrop::BadAuth);
    std::vector<uint8_t> t = signed_;
    t[30] ^= 1; // tampered body
    EXPECT_EQ(verify(t, md5), RtmOspfDrop::BadAuth);
    t = signed_;
    t[23] ^= 1; // tampered sequence number
    EXPECT_EQ(verify(t, md5), RtmOspfDrop::BadAuth);
    t = signed_;
    t.resize(t.size() - 1); // truncated trailer
    EXPECT_EQ(verify(t, md5), RtmOspfDrop::BadAuth);
    // Several keys: the key id picks the key.
    RtmOspfAuthConfig both = md5;
    both.keys[8] = "key-eight";
    EXPECT_EQ(verify(signed_, both), RtmOspfDrop::Count);
    EXPECT_EQ(verify(PacketBytes(hello, 1, RtmOspfAuthConfig::Md5(8, "key-eight"), 5), both),
              RtmOspfDrop::Count);
}

TEST(RtmOspfPacketTest, DatabaseAgesAndSchedulesMaxAgeAndRefresh)
{
    RtmOspfLsdb db;
    Ptr<RtmOspfLsa> r = RouterLsa();
    r->hdr.age = 100;
    db.Install(r, Seconds(10), false, true);
    const RtmOspfLsdb::Entry* e = db.Find(r->hdr.Key());
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(RtmOspfLsdb::Age(*e, Seconds(10)), 100);
    EXPECT_EQ(RtmOspfLsdb::Age(*e, Seconds(15.7)), 105);
    EXPECT_EQ(RtmOspfLsdb::Age(*e, Seconds(10 + 5000)), OSPF_MAX_AGE);
    EXPECT_EQ(db.NextEvent(), Seconds(10 + OSPF_LS_REFRESH_TIME));
    EXPECT_TRUE(db.PopRefreshDue(Seconds(1000)).empty());
    EXPECT_EQ(db.PopRefreshDue(Seconds(10 + OSPF_LS_REFRESH_TIME)).size(), 1u);
    EXPECT_EQ(db.NextEvent(), Seconds(10 + OSPF_MAX_AGE - 100));
    // A replaced instance no longer expires at the old time.
    Ptr<RtmOspfLsa> r2 = Create<RtmOspfLsa>(*r);
    r2->hdr.age = 0;
    db.Install(r2, Seconds(20), true, false);
    EXPECT_TRUE(db.PopMaxAged(Seconds(10 + OSPF_MAX_AGE - 100)).empty());
    EXPECT_EQ(db.PopMaxAged(Seconds(20 + OSPF_MAX_AGE)).size(), 1u);
    // Types are contiguous ranges.
    for (const auto& l : AllLsas())
    {
        db.Install(l, Seconds(30), true, false);
    }
    uint32_t n = 0;
    for (auto it = db.TypeBegin(OSPF_LSA_SUMMARY_NET); it != db.TypeEnd(OSPF_LSA_SUMMARY_NET); ++it)
    {
        EXPECT_EQ(it->first.type, OSPF_LSA_SUMMARY_NET);
        ++n;
    }
    EXPECT_EQ(n, 1u);
    EXPECT_EQ(db.Size(), 6u);
}
