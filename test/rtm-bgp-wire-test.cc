/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the BGP wire format (model/bgp): every message round-trips through Serialize and
 * Parse, and every malformed case of RFC 4271 §6 / RFC 7606 gets its reason and its action
 * (attribute discard, treat-as-withdraw, session reset with the right NOTIFICATION), never a
 * crash. Messages are built field by field here, independently of the encoder, where a test
 * needs bytes the encoder would never produce.
 */
#include "ns3/rtm-bgp-attributes.h"
#include "ns3/rtm-bgp-header.h"
#include "ns3/rtm-bgp-notification.h"
#include "ns3/rtm-bgp-open.h"
#include "ns3/rtm-bgp-update.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>

using namespace ns3;

namespace
{

RtmNetAddress
Pfx(const std::string& s)
{
    RtmNetAddress a;
    EXPECT_TRUE(RtmNetAddress::Parse(s, a)) << s;
    return a;
}

/// Check the header of \p msg and return its body.
std::vector<uint8_t>
Body(const std::vector<uint8_t>& msg, uint8_t type)
{
    RtmBgpHeader h;
    RtmBgpParseResult r;
    EXPECT_TRUE(RtmBgpHeader::Check(msg.data(), h, r));
    EXPECT_EQ(h.type, type);
    EXPECT_EQ(h.length, msg.size());
    return std::vector<uint8_t>(msg.begin() + RtmBgpHeader::SIZE, msg.end());
}

bool
HasReason(const RtmBgpParseResult& r, RtmBgpReason why)
{
    return std::find(r.reasons.begin(), r.reasons.end(), why) != r.reasons.end();
}

/// An attribute: flags, type, value.
void
Attr(std::vector<uint8_t>& out, uint8_t flags, uint8_t type, std::vector<uint8_t> value)
{
    out.push_back(flags);
    out.push_back(type);
    out.push_back(static_cast<uint8_t>(value.size()));
    out.insert(out.end(), value.begin(), value.end());
}

/// A well-formed IPv4 attribute section for AS 65001 (4-octet), next hop 10.0.0.1.
std::vector<uint8_t>
GoodAttrs(bool withNextHop = true)
{
    std::vector<uint8_t> a;
    Attr(a, 0x40, BGP_ATTR_ORIGIN, {0});
    Attr(a, 0x40, BGP_ATTR_AS_PATH, {2, 1, 0, 0, 0xFD, 0xE9});
    if (withNextHop)
    {
        Attr(a, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
    }
    return a;
}

/// An UPDATE body: withdrawn, attributes, NLRI.
std::vector<uint8_t>
UpdateBody(const std::vector<uint8_t>& withdrawn,
           const std::vector<uint8_t>& attrs,
           const std::vector<uint8_t>& nlri)
{
    std::vector<uint8_t> b;
    b.push_back(static_cast<uint8_t>(withdrawn.size() >> 8));
    b.push_back(static_cast<uint8_t>(withdrawn.size()));
    b.insert(b.end(), withdrawn.begin(), withdrawn.end());
    b.push_back(static_cast<uint8_t>(attrs.size() >> 8));
    b.push_back(static_cast<uint8_t>(attrs.size()));
    b.insert(b.end(), attrs.begin(), attrs.end());
    b.insert(b.end(), nlri.begin(), nlri.end());
    return b;
}

RtmBgpCodec
Ebgp(uint32_t peerAs = 65001)
{
    RtmBgpCodec c;
    c.external = true;
    c.peerAs = peerAs;
    c.fourOctetAs = true;
    c.ipv6Unicast = true;
    return c;
}

RtmBgpParseResult
ParseUpdate(const std::vector<uint8_t>& body, const RtmBgpCodec& c, RtmBgpUpdate& u)
{
    RtmBgpParseResult r;
    RtmBgpUpdate::Parse(body.data(), body.size(), c, u, r);
    return r;
}

const std::vector<uint8_t> kNlri = {24, 192, 0, 2}; // 192.0.2.0/24

} // namespace

TEST(RtmBgpWireTest, HeaderChecksMarkerLengthAndType)
{
    std::vector<uint8_t> ka = RtmBgpKeepalive::Serialize();
    ASSERT_EQ(ka.size(), 19u);
    Body(ka, BGP_MSG_KEEPALIVE);
    RtmBgpHeader h;
    {
        auto m = ka;
        m[3] = 0xFE;
        RtmBgpParseResult r;
        EXPECT_FALSE(RtmBgpHeader::Check(m.data(), h, r));
        EXPECT_EQ(r.notify.code, BGP_ERR_HEADER);
        EXPECT_EQ(r.notify.subcode, BGP_SUB_CONN_NOT_SYNC);
        EXPECT_TRUE(HasReason(r, RtmBgpReason::HeaderMarker));
    }
    for (uint16_t bad : {0, 18, 4097, 65535})
    {
        auto m = ka;
        m[16] = static_cast<uint8_t>(bad >> 8);
        m[17] = static_cast<uint8_t>(bad);
        RtmBgpParseResult r;
        EXPECT_FALSE(RtmBgpHeader::Check(m.data(), h, r)) << bad;
        EXPECT_EQ(r.notify.subcode, BGP_SUB_BAD_LENGTH);
        EXPECT_EQ(r.notify.data, (std::vector<uint8_t>{m[16], m[17]})); // §6.1: the length
        EXPECT_TRUE(r.IsReset());
    }
    for (uint8_t bad : {0, 6, 255})
    {
        auto m = ka;
        m[18] = bad;
        RtmBgpParseResult r;
        EXPECT_FALSE(RtmBgpHeader::Check(m.data(), h, r));
        EXPECT_EQ(r.notify.subcode, BGP_SUB_BAD_TYPE);
        EXPECT_EQ(r.notify.data, std::vector<uint8_t>{bad});
    }

    // Per-type minimum lengths, and a KEEPALIVE of 20 octets.
    struct
    {
        uint8_t type;
        uint16_t length;
        RtmBgpReason why;
    } cases[] = {{BGP_MSG_OPEN, 28, RtmBgpReason::OpenLength},
                 {BGP_MSG_UPDATE, 22, RtmBgpReason::UpdateLength},
                 {BGP_MSG_NOTIFICATION, 20, RtmBgpReason::NotificationLength},
                 {BGP_MSG_KEEPALIVE, 20, RtmBgpReason::KeepaliveLength}};

    for (const auto& c : cases)
    {
        auto m = ka;
        m[16] = 0;
        m[17] = static_cast<uint8_t>(c.length);
        m[18] = c.type;
        RtmBgpParseResult r;
        EXPECT_FALSE(RtmBgpHeader::Check(m.data(), h, r));
        EXPECT_TRUE(HasReason(r, c.why)) << unsigned(c.type);
        EXPECT_EQ(r.notify.code, BGP_ERR_HEADER);
        EXPECT_EQ(r.notify.subcode, BGP_SUB_BAD_LENGTH);
    }
}

TEST(RtmBgpWireTest, OpenRoundTripsWithCapabilities)
{
    RtmBgpOpen o;
    o.myAs = 4200000001u; // needs 4 octets: AS_TRANS in the fixed field
    o.holdTime = 180;
    o.bgpId = Ipv4Address("10.9.8.7").Get();
    o.multiprotocol = {{BGP_AFI_IPV4, 1}, {BGP_AFI_IPV6, 1}};
    o.otherCapabilities.push_back({70, {1, 2}});
    auto msg = o.Serialize();
    EXPECT_EQ(msg[20], 0x5B); // 23456 = 0x5BA0
    EXPECT_EQ(msg[21], 0xA0);
    auto body = Body(msg, BGP_MSG_OPEN);
    RtmBgpOpen p;
    RtmBgpParseResult r;
    ASSERT_TRUE(RtmBgpOpen::Parse(body.data(), body.size(), p, r));
    EXPECT_EQ(p.myAs, o.myAs);
    EXPECT_EQ(p.holdTime, 180);
    EXPECT_EQ(p.bgpId, o.bgpId);
    EXPECT_TRUE(p.fourOctetAs);
    EXPECT_TRUE(p.routeRefresh);
    EXPECT_TRUE(p.HasFamily(BGP_AFI_IPV6, 1));
    EXPECT_TRUE(p.HasFamily(BGP_AFI_IPV4, 1));
    ASSERT_EQ(p.otherCapabilities.size(), 1u);
    EXPECT_EQ(p.otherCapabilities[0].code, 70);

    // An old speaker: no capabilities at all.
    RtmBgpOpen old;
    old.myAs = 65000;
    old.bgpId = 1;
    old.fourOctetAs = false;
    old.routeRefresh = false;
    auto ob = Body(old.Serialize(), BGP_MSG_OPEN);
    EXPECT_EQ(ob.size(), 10u);
    ASSERT_TRUE(RtmBgpOpen::Parse(ob.data(), ob.size(), p, r));
    EXPECT_FALSE(p.fourOctetAs);
    EXPECT_EQ(p.myAs, 65000u);
    EXPECT_TRUE(p.multiprotocol.empty());
}

TEST(RtmBgpWireTest, OpenMalformedCases)
{
    RtmBgpOpen o;
    o.myAs = 65000;
    o.bgpId = 7;
    const auto good = Body(o.Serialize(), BGP_MSG_OPEN);
    auto expect = [](std::vector<uint8_t> body, RtmBgpReason why, uint8_t code, uint8_t sub) {
        RtmBgpOpen p;
        RtmBgpParseResult r;
        EXPECT_FALSE(RtmBgpOpen::Parse(body.data(), body.size(), p, r)) << RtmBgpReasonName(why);
        EXPECT_TRUE(HasReason(r, why)) << RtmBgpReasonName(why);
        EXPECT_EQ(r.notify.code, code) << RtmBgpReasonName(why);
        EXPECT_EQ(r.notify.subcode, sub) << RtmBgpReasonName(why);
        return r;
    };
    {
        auto b = good;
        b[0] = 3;
        auto r = expect(b, RtmBgpReason::OpenVersion, BGP_ERR_OPEN, BGP_SUB_UNSUPPORTED_VERSION);
        EXPECT_EQ(r.notify.data, (std::vector<uint8_t>{0, 4}));
    }
    for (uint8_t hold : {1, 2})
    {
        auto b = good;
        b[3] = 0;
        b[4] = hold;
        expect(b, RtmBgpReason::OpenHoldTime, BGP_ERR_OPEN, BGP_SUB_UNACCEPTABLE_HOLD);
    }
    {
        auto b = good;
        std::fill(b.begin() + 5, b.begin() + 9, 0);
        expect(b, RtmBgpReason::OpenBgpId, BGP_ERR_OPEN, BGP_SUB_BAD_BGP_ID);
    }
    // Truncated fixed part, and an optional-parameter length that disagrees with the body.
    expect(std::vector<uint8_t>(good.begin(), good.begin() + 7),
           RtmBgpReason::OpenLength,
           BGP_ERR_HEADER,
           BGP_SUB_BAD_LENGTH);
    {
        auto b = good;
        b[9] = static_cast<uint8_t>(b[9] + 1);
        expect(b, RtmBgpReason::OpenLength, BGP_ERR_HEADER, BGP_SUB_BAD_LENGTH);
    }
    // An optional parameter that is not capabilities (type 1, authentication, deprecated).
    {
        std::vector<uint8_t> b(good.begin(), good.begin() + 9);
        b.insert(b.end(), {3, 1, 1, 0});
        expect(b, RtmBgpReason::OpenOptionalParameter, BGP_ERR_OPEN, BGP_SUB_UNSUPPORTED_OPT_PARAM);
    }
    // Malformed capabilities: 4-octet AS of length 2, MP of length 3, refresh of length 1, and
    // a capability that overruns its parameter.
    for (std::vector<uint8_t> cap : std::vector<std::vector<uint8_t>>{{65, 2, 0, 1},
                                                                      {1, 3, 0, 1, 0},
                                                                      {2, 1, 0},
                                                                      {65, 9, 0, 0, 0, 1}})
    {
        std::vector<uint8_t> b(good.begin(), good.begin() + 9);
        b.push_back(static_cast<uint8_t>(cap.size() + 2));
        b.push_back(2);
        b.push_back(static_cast<uint8_t>(cap.size()));
        b.insert(b.end(), cap.begin(), cap.end());
        expect(b, RtmBgpReason::OpenCapability, BGP_ERR_OPEN, BGP_SUB_UNSPECIFIC);
    }
}

TEST(RtmBgpWireTest, NotificationKeepaliveRouteRefreshRoundTrip)
{
    RtmBgpNotification n;
    n.error.code = BGP_ERR_CEASE;
    n.error.subcode = BGP_SUB_CEASE_ADMIN_RESET;
    n.error.data = {1, 2, 3};
    auto body = Body(n.Serialize(), BGP_MSG_NOTIFICATION);
    RtmBgpNotification p;
    RtmBgpParseResult r;
    ASSERT_TRUE(RtmBgpNotification::Parse(body.data(), body.size(), p, r));
    EXPECT_EQ(p.error.code, BGP_ERR_CEASE);
    EXPECT_EQ(p.error.subcode, BGP_SUB_CEASE_ADMIN_RESET);
    EXPECT_EQ(p.error.data, n.error.data);
    EXPECT_FALSE(RtmBgpNotification::Parse(body.data(), 1, p, r));
    EXPECT_TRUE(HasReason(r, RtmBgpReason::NotificationLength));

    RtmBgpRouteRefresh rr;
    rr.afi = BGP_AFI_IPV6;
    auto rb = Body(rr.Serialize(), BGP_MSG_ROUTE_REFRESH);
    RtmBgpRouteRefresh q;
    RtmBgpParseResult r2;
    ASSERT_TRUE(RtmBgpRouteRefresh::Parse(rb.data(), rb.size(), q, r2));
    EXPECT_EQ(q.afi, BGP_AFI_IPV6);
    EXPECT_EQ(q.safi, 1);
    rb.push_back(0);
    EXPECT_FALSE(RtmBgpRouteRefresh::Parse(rb.data(), rb.size(), q, r2));
    EXPECT_EQ(r2.notify.code, BGP_ERR_ROUTE_REFRESH);
    EXPECT_EQ(r2.notify.subcode, BGP_SUB_RR_INVALID_LENGTH);
}

TEST(RtmBgpWireTest, UpdateRoundTripsEveryAttributeBothFamilies)
{
    auto a = Create<RtmBgpAttributes>();
    a->origin = BGP_ORIGIN_EGP;
    a->asPath = RtmBgpAsPath({65001, 4200000000u, 3356});
    RtmBgpAsPath::Segment set;
    set.type = RtmBgpAsPath::AS_SET;
    set.asns = {64512, 64513};
    a->asPath.AddSegment(set);
    a->nextHop = Pfx("10.0.0.1");
    a->hasMed = true;
    a->med = 77;
    a->hasLocalPref = true;
    a->localPref = 250;
    a->atomicAggregate = true;
    a->hasAggregator = true;
    a->aggregatorAs = 4200000000u;
    a->aggregatorAddress = Ipv4Address("1.2.3.4");
    a->AddCommunity(RtmBgpCommunity(65001, 100));
    a->AddCommunity(BGP_COMMUNITY_NO_EXPORT);
    a->hasOriginatorId = true;
    a->originatorId = 0x01020304;
    a->clusterList = {5, 6};
    a->unknown.push_back({BGP_FLAG_OPTIONAL | BGP_FLAG_TRANSITIVE, 99, {9, 9}});
    for (bool four : {true, false})
    {
        for (bool external : {false, true})
        {
            RtmBgpCodec c = Ebgp(65001);
            c.fourOctetAs = four;
            c.external = external;
            RtmBgpUpdate u;
            u.withdrawn = {Pfx("10.1.0.0/16"), Pfx("0.0.0.0/0"), Pfx("2001:db8:1::/48")};
            u.announced4 = {Pfx("192.0.2.0/24"), Pfx("198.51.100.128/25"), Pfx("1.2.3.4/32")};
            u.attrs4 = a;
            auto body = Body(u.Serialize(c), BGP_MSG_UPDATE);
            RtmBgpUpdate p;
            auto r = ParseUpdate(body, c, p);
            EXPECT_EQ(r.action, RtmBgpAction::None) << four << external;
            EXPECT_EQ(p.withdrawn, u.withdrawn);
            EXPECT_EQ(p.announced4, u.announced4);
            ASSERT_TRUE(p.attrs4);
            RtmBgpAttributes want = *a;
            if (external)
            {
                // Not sent to (and not accepted from) an external peer.
                want.hasLocalPref = false;
                want.hasOriginatorId = false;
                want.clusterList.clear();
            }
            want.unknown[0].flags |= BGP_FLAG_PARTIAL;
            EXPECT_EQ(p.attrs4->asPath.ToString(), "65001 4200000000 3356 {64512,64513}");
            EXPECT_TRUE(*p.attrs4 == want) << p.attrs4->ToString() << "\n" << want.ToString();
        }
    }
    // IPv6 in MP_REACH_NLRI / MP_UNREACH_NLRI.
    auto a6 = Create<RtmBgpAttributes>(*a);
    a6->nextHop = Pfx("2001:db8::1");
    RtmBgpUpdate u;
    u.announced6 = {Pfx("2001:db8:100::/40"), Pfx("::/0"), Pfx("2001:db8::5/128")};
    u.attrs6 = a6;
    u.withdrawn = {Pfx("2001:db8:200::/40")};
    RtmBgpCodec c = Ebgp();
    c.external = false;
    auto body = Body(u.Serialize(c), BGP_MSG_UPDATE);
    RtmBgpUpdate p;
    auto r = ParseUpdate(body, c, p);
    EXPECT_EQ(r.action, RtmBgpAction::None);
    EXPECT_EQ(p.announced6, u.announced6);
    EXPECT_EQ(p.withdrawn, u.withdrawn);
    ASSERT_TRUE(p.attrs6);
    EXPECT_EQ(p.attrs6->nextHop, Pfx("2001:db8::1"));
    EXPECT_TRUE(p.announced4.empty());
    // Not negotiated: ignored and counted.
    c.ipv6Unicast = false;
    RtmBgpUpdate q;
    r = ParseUpdate(body, c, q);
    EXPECT_TRUE(HasReason(r, RtmBgpReason::MpNotNegotiated));
    EXPECT_TRUE(q.announced6.empty());
    EXPECT_NE(r.action, RtmBgpAction::SessionReset);
}

TEST(RtmBgpWireTest, TwoOctetSessionsCarryAs4PathAndAs4Aggregator)
{
    RtmBgpCodec two = Ebgp(65001);
    two.fourOctetAs = false;
    auto a = Create<RtmBgpAttributes>();
    a->asPath = RtmBgpAsPath({65001, 4200000000u, 64999});
    a->nextHop = Pfx("10.0.0.1");
    a->hasAggregator = true;
    a->aggregatorAs = 4200000001u;
    RtmBgpUpdate u;
    u.announced4 = {Pfx("192.0.2.0/24")};
    u.attrs4 = a;
    auto body = Body(u.Serialize(two), BGP_MSG_UPDATE);
    RtmBgpUpdate p;
    auto r = ParseUpdate(body, two, p);
    ASSERT_EQ(r.action, RtmBgpAction::None);
    EXPECT_EQ(p.attrs4->asPath.ToString(), "65001 4200000000 64999");
    EXPECT_EQ(p.attrs4->aggregatorAs, 4200000001u);
    // A 2-octet speaker that prepended more ASes in front than AS4_PATH holds (RFC 6793
    // §4.2.3): the merge keeps its leading ASes. AS_PATH 65002 65001 23456 64999, AS4_PATH
    // 4200000000 64999.
    std::vector<uint8_t> attrs;
    Attr(attrs, 0x40, BGP_ATTR_ORIGIN, {0});
    Attr(attrs, 0x40, BGP_ATTR_AS_PATH, {2, 4, 0xFD, 0xEA, 0xFD, 0xE9, 0x5B, 0xA0, 0xFD, 0xE7});
    Attr(attrs, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
    Attr(attrs, 0xC0, BGP_ATTR_AS4_PATH, {2, 2, 0xFA, 0x56, 0xEA, 0x00, 0, 0, 0xFD, 0xE7});
    RtmBgpUpdate q;
    two.peerAs = 65002;
    r = ParseUpdate(UpdateBody({}, attrs, kNlri), two, q);
    ASSERT_EQ(r.action, RtmBgpAction::None);
    EXPECT_EQ(q.attrs4->asPath.ToString(), "65002 65001 4200000000 64999");
    // A longer AS4_PATH than AS_PATH is ignored.
    attrs.clear();
    Attr(attrs, 0x40, BGP_ATTR_ORIGIN, {0});
    Attr(attrs, 0x40, BGP_ATTR_AS_PATH, {2, 1, 0xFD, 0xEA});
    Attr(attrs, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
    Attr(attrs, 0xC0, BGP_ATTR_AS4_PATH, {2, 2, 0, 0, 0xFD, 0xEA, 0, 0, 0, 1});
    r = ParseUpdate(UpdateBody({}, attrs, kNlri), two, q);
    EXPECT_EQ(q.attrs4->asPath.ToString(), "65002");
    // A malformed AS4_PATH is discarded, the route kept.
    attrs.clear();
    Attr(attrs, 0x40, BGP_ATTR_ORIGIN, {0});
    Attr(attrs, 0x40, BGP_ATTR_AS_PATH, {2, 1, 0xFD, 0xEA});
    Attr(attrs, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
    Attr(attrs, 0xC0, BGP_ATTR_AS4_PATH, {2, 3, 0, 0});
    RtmBgpUpdate m;
    r = ParseUpdate(UpdateBody({}, attrs, kNlri), two, m);
    EXPECT_EQ(r.action, RtmBgpAction::AttributeDiscard);
    EXPECT_TRUE(HasReason(r, RtmBgpReason::As4PathMalformed));
    EXPECT_EQ(m.announced4.size(), 1u);
}

/// One malformed-UPDATE case: the attribute section and what must happen.
struct BadCase
{
    const char* name;
    std::vector<uint8_t> attrs;
    RtmBgpReason why;
    RtmBgpAction action;
    bool external;
};

TEST(RtmBgpWireTest, EveryMalformedAttributeGetsItsRfc7606Action)
{
    const auto W = RtmBgpAction::TreatAsWithdraw;
    const auto D = RtmBgpAction::AttributeDiscard;
    const auto R = RtmBgpAction::SessionReset;
    auto with = [](std::vector<uint8_t> extra, bool nh = true) {
        auto a = GoodAttrs(nh);
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    };
    auto raw = [](uint8_t f, uint8_t t, std::vector<uint8_t> v) {
        std::vector<uint8_t> a;
        Attr(a, f, t, v);
        return a;
    };
    std::vector<uint8_t> badOrigin;
    Attr(badOrigin, 0x40, BGP_ATTR_ORIGIN, {3});
    Attr(badOrigin, 0x40, BGP_ATTR_AS_PATH, {2, 1, 0, 0, 0xFD, 0xE9});
    Attr(badOrigin, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
    std::vector<uint8_t> longOrigin;
    Attr(longOrigin, 0x40, BGP_ATTR_ORIGIN, {0, 0});
    Attr(longOrigin, 0x40, BGP_ATTR_AS_PATH, {2, 1, 0, 0, 0xFD, 0xE9});
    Attr(longOrigin, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
    auto path = [](std::vector<uint8_t> seg) {
        std::vector<uint8_t> a;
        Attr(a, 0x40, BGP_ATTR_ORIGIN, {0});
        Attr(a, 0x40, BGP_ATTR_AS_PATH, seg);
        Attr(a, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
        return a;
    };
    auto nexthop = [](std::vector<uint8_t> nh) {
        std::vector<uint8_t> a;
        Attr(a, 0x40, BGP_ATTR_ORIGIN, {0});
        Attr(a, 0x40, BGP_ATTR_AS_PATH, {2, 1, 0, 0, 0xFD, 0xE9});
        Attr(a, 0x40, BGP_ATTR_NEXT_HOP, nh);
        return a;
    };
    std::vector<uint8_t> overrun = GoodAttrs();
    overrun.insert(overrun.end(), {0x80, BGP_ATTR_MED, 10, 0, 0});
    std::vector<uint8_t> noOrigin;
    Attr(noOrigin, 0x40, BGP_ATTR_AS_PATH, {2, 1, 0, 0, 0xFD, 0xE9});
    Attr(noOrigin, 0x40, BGP_ATTR_NEXT_HOP, {10, 0, 0, 1});
    std::vector<BadCase> cases = {
        {"origin value", badOrigin, RtmBgpReason::OriginMalformed, W, true},
        {"origin length", longOrigin, RtmBgpReason::OriginMalformed, W, true},
        {"as-path segment type",
         path({5, 1, 0, 0, 0xFD, 0xE9}),
         RtmBgpReason::AsPathMalformed,
         W,
         true},
        {"as-path zero segment", path({2, 0}), RtmBgpReason::AsPathMalformed, W, true},
        {"as-path overrun", path({2, 2, 0, 0, 0xFD, 0xE9}), RtmBgpReason::AsPathMalformed, W, true},
        {"as-path first AS", path({2, 1, 0, 0, 0xFD, 0xEA}), RtmBgpReason::AsPathFirstAs, W, true},
        {"next hop length", nexthop({10, 0, 0}), RtmBgpReason::NextHopMalformed, W, true},
        {"next hop zero", nexthop({0, 0, 0, 0}), RtmBgpReason::NextHopInvalid, W, true},
        {"next hop multicast", nexthop({224, 0, 0, 5}), RtmBgpReason::NextHopInvalid, W, true},
        {"next hop ours", nexthop({10, 0, 0, 2}), RtmBgpReason::NextHopInvalid, W, true},
        {"med length", with(raw(0x80, BGP_ATTR_MED, {1, 2})), RtmBgpReason::MedMalformed, W, true},
        {"local-pref length",
         with(raw(0x40, BGP_ATTR_LOCAL_PREF, {1})),
         RtmBgpReason::LocalPrefMalformed,
         W,
         false},
        {"local-pref from eBGP",
         with(raw(0x40, BGP_ATTR_LOCAL_PREF, {0, 0, 0, 1})),
         RtmBgpReason::LocalPrefFromEbgp,
         D,
         true},
        {"atomic-aggregate length",
         with(raw(0x40, BGP_ATTR_ATOMIC_AGGREGATE, {1})),
         RtmBgpReason::AtomicAggregateMalformed,
         D,
         true},
        {"aggregator length",
         with(raw(0xC0, BGP_ATTR_AGGREGATOR, {1, 2, 3, 4, 5, 6})),
         RtmBgpReason::AggregatorMalformed,
         D,
         true},
        {"communities length",
         with(raw(0xC0, BGP_ATTR_COMMUNITIES, {1, 2, 3})),
         RtmBgpReason::CommunitiesMalformed,
         W,
         true},
        {"communities empty",
         with(raw(0xC0, BGP_ATTR_COMMUNITIES, {})),
         RtmBgpReason::CommunitiesMalformed,
         W,
         true},
        {"originator-id length",
         with(raw(0x80, BGP_ATTR_ORIGINATOR_ID, {1, 2})),
         RtmBgpReason::OriginatorIdMalformed,
         W,
         false},
        {"originator-id from eBGP",
         with(raw(0x80, BGP_ATTR_ORIGINATOR_ID, {1, 2, 3, 4})),
         RtmBgpReason::ReflectionFromEbgp,
         D,
         true},
        {"cluster-list length",
         with(raw(0x80, BGP_ATTR_CLUSTER_LIST, {1, 2, 3, 4, 5})),
         RtmBgpReason::ClusterListMalformed,
         W,
         false},
        {"cluster-list from eBGP",
         with(raw(0x80, BGP_ATTR_CLUSTER_LIST, {1, 2, 3, 4})),
         RtmBgpReason::ReflectionFromEbgp,
         D,
         true},
        {"well-known flagged optional",
         with(raw(0xC0, BGP_ATTR_ATOMIC_AGGREGATE, {})),
         RtmBgpReason::AttrFlags,
         W,
         true},
        {"optional flagged well-known",
         with(raw(0x40, BGP_ATTR_MED, {0, 0, 0, 1})),
         RtmBgpReason::AttrFlags,
         W,
         true},
        {"duplicate", with(raw(0x40, BGP_ATTR_ORIGIN, {1})), RtmBgpReason::AttrDuplicate, D, true},
        {"unrecognized well-known",
         with(raw(0x40, 77, {1})),
         RtmBgpReason::AttrUnrecognizedWellKnown,
         R,
         true},
        {"attribute overrun", overrun, RtmBgpReason::AttrOverrun, W, true},
        {"missing origin", noOrigin, RtmBgpReason::MissingWellKnown, W, true},
        {"missing next hop", GoodAttrs(false), RtmBgpReason::MissingWellKnown, W, true},
        {"mp-reach truncated",
         with(raw(0x80, BGP_ATTR_MP_REACH, {0, 2, 1, 16, 0})),
         RtmBgpReason::MpReachMalformed,
         R,
         true},
        {"mp-reach bad prefix",
         with(raw(0x80, BGP_ATTR_MP_REACH, {0, 2, 1, 16, 0x20, 1, 0x0d, 0xb8, 0, 0, 0,   0,
                                            0, 0, 0, 0,  0,    0, 0,    0,    1, 0, 200, 0x20})),
         RtmBgpReason::MpReachMalformed,
         R,
         true},
        {"mp-unreach truncated",
         with(raw(0x80, BGP_ATTR_MP_UNREACH, {0})),
         RtmBgpReason::MpUnreachMalformed,
         R,
         true},
        {"mp-unreach overrun",
         with(raw(0x80, BGP_ATTR_MP_UNREACH, {0, 2, 1, 64, 0x20})),
         RtmBgpReason::MpUnreachMalformed,
         R,
         true},
        {"mp flags",
         with(raw(0xC0, BGP_ATTR_MP_UNREACH, {0, 2, 1})),
         RtmBgpReason::AttrFlags,
         R,
         true},
        {"mp duplicate",
         with([] {
             std::vector<uint8_t> a;
             Attr(a, 0x80, BGP_ATTR_MP_UNREACH, {0, 2, 1});
             Attr(a, 0x80, BGP_ATTR_MP_UNREACH, {0, 2, 1});
             return a;
         }()),
         RtmBgpReason::MpDuplicate,
         R,
         true},
    };
    for (const auto& c : cases)
    {
        RtmBgpCodec codec = Ebgp(65001);
        codec.external = c.external;
        codec.localAddress = Pfx("10.0.0.2");
        RtmBgpUpdate u;
        auto r = ParseUpdate(UpdateBody({}, c.attrs, kNlri), codec, u);
        EXPECT_TRUE(HasReason(r, c.why)) << c.name;
        EXPECT_EQ(r.action, c.action) << c.name << ": " << RtmBgpActionName(r.action);
        if (c.action == W)
        {
            EXPECT_TRUE(u.announced4.empty()) << c.name;
            EXPECT_EQ(u.withdrawn, std::vector<RtmNetAddress>{Pfx("192.0.2.0/24")}) << c.name;
        }
        if (c.action == D)
        {
            EXPECT_EQ(u.announced4.size(), 1u) << c.name;
        }
        if (c.action == R)
        {
            EXPECT_EQ(r.notify.code, BGP_ERR_UPDATE) << c.name;
        }
    }
}

TEST(RtmBgpWireTest, UpdateLengthAndNlriErrorsResetTheSession)
{
    RtmBgpCodec c = Ebgp();
    RtmBgpUpdate u;
    // Withdrawn length beyond the message.
    std::vector<uint8_t> b = {0, 10, 24, 10, 0};
    auto r = ParseUpdate(b, c, u);
    EXPECT_TRUE(HasReason(r, RtmBgpReason::UpdateLength));
    EXPECT_EQ(r.notify.subcode, BGP_SUB_MALFORMED_ATTR_LIST);
    // Attribute length beyond the message.
    b = {0, 0, 0, 50, 0x40, 1, 1, 0};
    r = ParseUpdate(b, c, u);
    EXPECT_TRUE(HasReason(r, RtmBgpReason::UpdateLength));
    // A prefix longer than 32, and an NLRI overrun, in the NLRI and the withdrawn fields.
    for (std::vector<uint8_t> nlri :
         {std::vector<uint8_t>{33, 1, 2, 3, 4, 5}, std::vector<uint8_t>{24, 10, 0}})
    {
        RtmBgpUpdate v;
        r = ParseUpdate(UpdateBody({}, GoodAttrs(), nlri), c, v);
        EXPECT_TRUE(HasReason(r, RtmBgpReason::NlriMalformed));
        EXPECT_EQ(r.notify.subcode, BGP_SUB_INVALID_NETWORK);
        RtmBgpUpdate w;
        r = ParseUpdate(UpdateBody(nlri, {}, {}), c, w);
        EXPECT_TRUE(HasReason(r, RtmBgpReason::NlriMalformed));
    }
    // Host bits beyond the length are cleared, not an error.
    RtmBgpUpdate v;
    r = ParseUpdate(UpdateBody({}, GoodAttrs(), {23, 192, 0, 3}), c, v);
    EXPECT_EQ(r.action, RtmBgpAction::None);
    ASSERT_EQ(v.announced4.size(), 1u);
    EXPECT_EQ(v.announced4[0], Pfx("192.0.2.0/23"));
    // NLRI without attributes: withdrawn. End-of-RIB (empty UPDATE): nothing, no error.
    RtmBgpUpdate e;
    r = ParseUpdate(UpdateBody({}, {}, kNlri), c, e);
    EXPECT_EQ(r.action, RtmBgpAction::TreatAsWithdraw);
    EXPECT_EQ(e.withdrawn.size(), 1u);
    RtmBgpUpdate eor;
    r = ParseUpdate(UpdateBody({}, {}, {}), c, eor);
    EXPECT_EQ(r.action, RtmBgpAction::None);
    // Attributes without NLRI need no NEXT_HOP.
    RtmBgpUpdate n;
    r = ParseUpdate(UpdateBody({}, GoodAttrs(false), {}), c, n);
    EXPECT_EQ(r.action, RtmBgpAction::None);
    // An unknown optional non-transitive attribute is dropped quietly; an unknown optional
    // transitive one is kept with Partial set.
    std::vector<uint8_t> attrs = GoodAttrs();
    Attr(attrs, 0x80, 200, {1});
    Attr(attrs, 0xC0, 201, {2});
    RtmBgpUpdate k;
    r = ParseUpdate(UpdateBody({}, attrs, kNlri), c, k);
    EXPECT_EQ(r.action, RtmBgpAction::None);
    ASSERT_EQ(k.attrs4->unknown.size(), 1u);
    EXPECT_EQ(k.attrs4->unknown[0].type, 201);
    EXPECT_TRUE(k.attrs4->unknown[0].flags & BGP_FLAG_PARTIAL);
}

TEST(RtmBgpWireTest, RandomBytesNeverCrashAndValidMessagesSurviveTruncation)
{
    std::mt19937 rng(42);
    RtmBgpCodec c = Ebgp();
    for (int i = 0; i < 20000; ++i)
    {
        std::vector<uint8_t> b(rng() % 80);
        for (auto& x : b)
        {
            x = static_cast<uint8_t>(rng());
        }
        RtmBgpUpdate u;
        RtmBgpParseResult r;
        RtmBgpUpdate::Parse(b.data(), b.size(), c, u, r);
        RtmBgpOpen o;
        RtmBgpOpen::Parse(b.data(), b.size(), o, r);
    }
    // Every truncation of a valid UPDATE is either an error or a shorter valid message.
    auto a = Create<RtmBgpAttributes>();
    a->asPath = RtmBgpAsPath({65001, 2});
    a->nextHop = Pfx("10.0.0.1");
    a->AddCommunity(5);
    RtmBgpUpdate u;
    u.announced4 = {Pfx("192.0.2.0/24"), Pfx("10.0.0.0/8")};
    u.attrs4 = a;
    auto body = Body(u.Serialize(c), BGP_MSG_UPDATE);
    for (std::size_t n = 0; n < body.size(); ++n)
    {
        RtmBgpUpdate p;
        RtmBgpParseResult r;
        bool ok = RtmBgpUpdate::Parse(body.data(), n, c, p, r);
        EXPECT_TRUE(!ok || r.action != RtmBgpAction::SessionReset) << n;
    }
}
