/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of RtmNetAddress: parsing, validation, ordering and conversion; and of the names
 * printed for protocol ids, route flags and event types.
 */
#include "ns3/rtm-family.h"
#include "ns3/rtm-net-address.h"
#include "ns3/rtm-types.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(RtmNetAddress, ParsesIpv4PrefixesAndHosts)
{
    RtmNetAddress a;
    ASSERT_TRUE(RtmNetAddress::Parse("10.1.0.0/16", a));
    EXPECT_EQ(a.addressFamily, RTM_AF_INET);
    EXPECT_EQ(a.numBits, 16);
    EXPECT_EQ(a.GetIpv4(), Ipv4Address("10.1.0.0"));
    EXPECT_TRUE(a.IsCanonical());
    ASSERT_TRUE(RtmNetAddress::Parse("192.168.1.7", a));
    EXPECT_EQ(a.numBits, 32);
    EXPECT_EQ(a.ToString(), "192.168.1.7/32");
}

TEST(RtmNetAddress, ParsesIpv6)
{
    RtmNetAddress a;
    ASSERT_TRUE(RtmNetAddress::Parse("2001:db8::/32", a));
    EXPECT_EQ(a.addressFamily, RTM_AF_INET6);
    EXPECT_EQ(a.numBits, 32);
    EXPECT_EQ(a.GetIpv6(), Ipv6Address("2001:db8::"));
    ASSERT_TRUE(RtmNetAddress::Parse("::/0", a));
    EXPECT_EQ(a.numBits, 0);
    ASSERT_TRUE(RtmNetAddress::Parse("1:2:3:4:5:6:7:8", a));
    EXPECT_EQ(a.numBits, 128);
    ASSERT_TRUE(RtmNetAddress::Parse("fe80::1", a));
    EXPECT_EQ(a.GetIpv6(), Ipv6Address("fe80::1"));
}

TEST(RtmNetAddress, RejectsMalformedText)
{
    RtmNetAddress a;
    for (const char* bad : {"",
                            "10.0.0",
                            "10.0.0.0.0",
                            "256.0.0.0/8",
                            "10.0.0.0/33",
                            "10.0.0.0/",
                            "1::2::3",
                            "2001:db8::/129",
                            "12345::",
                            "1:2:3:4:5:6:7:8:9",
                            "x.y.z.w",
                            "10.0.0.0/-1",
                            "10..0.0",
                            ":::"})
    {
        EXPECT_FALSE(RtmNetAddress::Parse(bad, a)) << bad;
    }
}

TEST(RtmNetAddress, DetectsHostBitsAndBadLengths)
{
    RtmNetAddress a;
    ASSERT_TRUE(RtmNetAddress::Parse("10.1.0.0/8", a));
    EXPECT_TRUE(a.IsValid());
    EXPECT_FALSE(a.IsCanonical());
    EXPECT_TRUE(a.Masked().IsCanonical());
    EXPECT_EQ(a.Masked().ToString(), "10.0.0.0/8");
    a.numBits = 40;
    EXPECT_FALSE(a.IsValid());
    RtmNetAddress none;
    EXPECT_FALSE(none.IsValid());
}

TEST(RtmNetAddress, OrdersLikeAPreorderTrieWalk)
{
    RtmNetAddress a, b, c, d;
    RtmNetAddress::Parse("10.0.0.0/8", a);
    RtmNetAddress::Parse("10.0.0.0/16", b);
    RtmNetAddress::Parse("10.1.0.0/16", c);
    RtmNetAddress::Parse("11.0.0.0/8", d);
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_LT(c, d);
    EXPECT_TRUE(a.Covers(c));
    EXPECT_FALSE(c.Covers(a));
    EXPECT_FALSE(d.Covers(c));
}

TEST(RtmKeyOps, ConvertsAndMasks)
{
    typedef RtmKeyOps<RtmIpv4Family> K4;
    typedef RtmKeyOps<RtmIpv6Family> K6;
    RtmNetAddress a;
    RtmNetAddress::Parse("10.1.2.3", a);
    EXPECT_EQ(K4::FromNetAddress(a), 0x0a010203u);
    EXPECT_EQ(K4::Prefix(0x0a010203u, 8), 0x0a000000u);
    EXPECT_EQ(K4::Mask(0), 0u);
    EXPECT_EQ(K4::Mask(32), 0xffffffffu);
    EXPECT_EQ(K4::Bit(0x80000000u, 0), 1u);
    EXPECT_EQ(K4::CommonLength(0x0a000000u, 0x0b000000u), 7u);
    EXPECT_EQ(K4::ToNetAddress(0x0a000000u, 8).ToString(), "10.0.0.0/8");
    RtmNetAddress::Parse("2001:db8::1", a);
    K6::Key k = K6::FromNetAddress(a);
    EXPECT_EQ(K6::ToNetAddress(k, 128), a);
    EXPECT_EQ(K6::Mask(128), ~K6::Key(0));
    EXPECT_EQ(K6::CommonLength(k, k ^ 1), 127u);
    EXPECT_EQ(K6::CommonLength(k, k ^ (K6::Key(1) << 127)), 0u);
}

TEST(RtmNames, ProtocolsFlagsAndEvents)
{
    EXPECT_EQ(RtmProtocolName(RTM_PROTO_IP_LOCAL), "connected");
    EXPECT_EQ(RtmProtocolName(RTM_PROTO_IP_NETMGMT), "static");
    EXPECT_EQ(RtmProtocolName(RTM_PROTO_IP_RIP), "RIP");
    EXPECT_EQ(RtmProtocolName(RTM_PROTO_IP_OSPF), "OSPF");
    EXPECT_EQ(RtmProtocolName(RTM_PROTO_NS3_GRAPH), "link-state");
    EXPECT_EQ(RtmProtocolName(RTM_PROTO_NS3_MCAST), "multicast-feeder");
    EXPECT_EQ(RtmProtocolName(RTM_PROTO_NS3_IPV6_NOTIFIED), "ipv6-notified");
    EXPECT_EQ(RtmProtocolName(77), "proto 77");
    EXPECT_EQ(RtmRouteFlagsString(0), "");
    EXPECT_EQ(RtmRouteFlagsString(RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF), "LOCAL|MYSELF");
    EXPECT_EQ(RtmRouteFlagsString(RTM_ROUTE_FLAGS_BLACKHOLE), "BLACKHOLE");
    EXPECT_STREQ(RtmEventTypeName(RtmEventType::RouteExpired), "RTM_ROUTE_EXPIRED");
    EXPECT_STREQ(RtmEventTypeName(RtmEventType::EntityRegistered), "RTM_ENTITY_REGISTERED");
}
