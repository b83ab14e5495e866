/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the BGP policy API (RtmBgpPolicy): prefix lists with length ranges, AS-path regular
 * expressions and membership, origin and neighbour AS, communities, next hops, path length;
 * every action (accept, reject, LOCAL_PREF, MED, communities, prepend, next hop); term order,
 * NEXT terms and the default verdict; and the Gao–Rexford policies built from them.
 */
#include "ns3/rtm-bgp-helper.h"
#include "ns3/rtm-bgp-policy.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

RtmNetAddress
Pfx(const std::string& s)
{
    RtmNetAddress a;
    RtmNetAddress::Parse(s, a);
    return a;
}

RtmBgpAttributes
Route(std::vector<uint32_t> path, std::vector<uint32_t> communities = {})
{
    RtmBgpAttributes a;
    a.asPath = RtmBgpAsPath(path);
    a.nextHop = Pfx("10.0.0.1");
    for (uint32_t c : communities)
    {
        a.AddCommunity(c);
    }
    return a;
}

} // namespace

TEST(RtmBgpPolicyTest, PrefixRanges)
{
    RtmBgpPrefixRange r;
    ASSERT_TRUE(RtmBgpPrefixRange::Parse("10.0.0.0/8", r));
    EXPECT_TRUE(r.Matches(Pfx("10.0.0.0/8")));
    EXPECT_FALSE(r.Matches(Pfx("10.1.0.0/16")));
    ASSERT_TRUE(RtmBgpPrefixRange::Parse("10.0.0.0/8 le 24", r));
    EXPECT_TRUE(r.Matches(Pfx("10.0.0.0/8")));
    EXPECT_TRUE(r.Matches(Pfx("10.1.2.0/24")));
    EXPECT_FALSE(r.Matches(Pfx("10.1.2.128/25")));
    EXPECT_FALSE(r.Matches(Pfx("11.0.0.0/8")));
    ASSERT_TRUE(RtmBgpPrefixRange::Parse("10.0.0.0/8 ge 16", r));
    EXPECT_FALSE(r.Matches(Pfx("10.0.0.0/8")));
    EXPECT_TRUE(r.Matches(Pfx("10.1.0.0/16")));
    EXPECT_TRUE(r.Matches(Pfx("10.1.2.3/32")));
    ASSERT_TRUE(RtmBgpPrefixRange::Parse("2001:db8::/32 ge 40 le 48", r));
    EXPECT_TRUE(r.Matches(Pfx("2001:db8:100::/40")));
    EXPECT_FALSE(r.Matches(Pfx("2001:db8::/56")));
    EXPECT_FALSE(r.Matches(Pfx("10.0.0.0/8")));
    EXPECT_FALSE(RtmBgpPrefixRange::Parse("10.0.0.1/8", r)); // host bits
    EXPECT_FALSE(RtmBgpPrefixRange::Parse("10.0.0.0/8 le 33", r));
    EXPECT_FALSE(RtmBgpPrefixRange::Parse("10.0.0.0/8 lt 9", r));
    EXPECT_FALSE(RtmBgpPrefixRange::Parse("", r));
}

TEST(RtmBgpPolicyTest, EveryMatchCondition)
{
    RtmBgpAttributes a = Route({65001, 3356, 15169}, {RtmBgpCommunity(65001, 7)});
    RtmNetAddress p = Pfx("8.8.8.0/24");
    RtmBgpPolicyMatch m;
    EXPECT_TRUE(RtmBgpPolicy::Matches(m, p, a)); // empty: everything
    m.asPathContains = {3356};
    EXPECT_TRUE(RtmBgpPolicy::Matches(m, p, a));
    m.asPathContains = {174, 1299};
    EXPECT_FALSE(RtmBgpPolicy::Matches(m, p, a));
    m = RtmBgpPolicyMatch();
    m.originAs = 15169;
    EXPECT_TRUE(RtmBgpPolicy::Matches(m, p, a));
    m.originAs = 3356;
    EXPECT_FALSE(RtmBgpPolicy::Matches(m, p, a));
    m = RtmBgpPolicyMatch();
    m.neighborAs = 65001;
    EXPECT_TRUE(RtmBgpPolicy::Matches(m, p, a));
    m.neighborAs = 3356;
    EXPECT_FALSE(RtmBgpPolicy::Matches(m, p, a));
    m = RtmBgpPolicyMatch();
    m.communitiesAny = {1, RtmBgpCommunity(65001, 7)};
    EXPECT_TRUE(RtmBgpPolicy::Matches(m, p, a));
    m.communitiesAll = {1, RtmBgpCommunity(65001, 7)};
    EXPECT_FALSE(RtmBgpPolicy::Matches(m, p, a));
    m = RtmBgpPolicyMatch();
    m.nextHopIn = {Pfx("10.0.0.0/30")};
    EXPECT_TRUE(RtmBgpPolicy::Matches(m, p, a));
    m.nextHopIn = {Pfx("10.0.1.0/24")};
    EXPECT_FALSE(RtmBgpPolicy::Matches(m, p, a));
    m = RtmBgpPolicyMatch();
    m.maxAsPathLength = 3;
    EXPECT_TRUE(RtmBgpPolicy::Matches(m, p, a));
    m.maxAsPathLength = 2;
    EXPECT_FALSE(RtmBgpPolicy::Matches(m, p, a));

    // AS-path regular expressions over the text form.
    auto regexMatches = [&](const std::string& re, const RtmBgpAttributes& x) {
        Ptr<RtmBgpPolicy> pol = Create<RtmBgpPolicy>();
        RtmBgpPolicyMatch mm;
        mm.asPathRegex = re;
        pol->AddTerm(mm, RtmBgpPolicy::Reject());
        RtmBgpAttributes copy = x;
        return !pol->Apply(p, copy, RtmBgpPolicy::Context());
    };
    EXPECT_TRUE(regexMatches("(^| )3356( |$)", a));
    EXPECT_FALSE(regexMatches("(^| )335( |$)", a));
    EXPECT_TRUE(regexMatches("^65001 ", a));
    EXPECT_TRUE(regexMatches("15169$", a));
    EXPECT_FALSE(regexMatches("^$", a));
    EXPECT_TRUE(regexMatches("^$", Route({})));
    RtmBgpAttributes withSet = Route({65001});
    RtmBgpAsPath::Segment set;
    set.type = RtmBgpAsPath::AS_SET;
    set.asns = {64512, 64513};
    withSet.asPath.AddSegment(set);
    EXPECT_TRUE(regexMatches("\\{64512,64513\\}$", withSet));
}

TEST(RtmBgpPolicyTest, ActionsTermOrderAndDefault)
{
    RtmNetAddress p = Pfx("192.0.2.0/24");
    RtmBgpPolicy::Context ctx;
    ctx.myAs = 65000;
    Ptr<RtmBgpPolicy> pol = Create<RtmBgpPolicy>();
    // Term 1 (NEXT): tag everything and set MED 7; evaluation goes on.
    RtmBgpPolicyAction tag;
    tag.verdict = RtmBgpPolicyAction::NEXT;
    tag.addCommunities = {RtmBgpCommunity(65000, 1)};
    tag.setMed = 7;
    pol->AddTerm(RtmBgpPolicyMatch(), tag);
    // Term 2: reject bogons.
    RtmBgpPolicyMatch bogon;
    RtmBgpPrefixRange r;
    RtmBgpPrefixRange::Parse("10.0.0.0/8 le 32", r);
    bogon.prefixes.push_back(r);
    pol->AddTerm(bogon, RtmBgpPolicy::Reject());
    // Term 3: via AS 3356 → LOCAL_PREF 80, prepend twice, remove a community, new next hop.
    RtmBgpPolicyMatch transit;
    transit.asPathContains = {3356};
    RtmBgpPolicyAction lower;
    lower.setLocalPref = 80;
    lower.prepend = 2;
    lower.removeCommunities = {RtmBgpCommunity(1, 1)};
    lower.setNextHop = Pfx("10.9.9.9");
    lower.clearMed = true;
    pol->AddTerm(transit, lower);
    // Term 4: everything else with community 1:2 replaced and prepended by 64999.
    RtmBgpPolicyMatch tagged;
    tagged.communitiesAny = {RtmBgpCommunity(1, 2)};
    RtmBgpPolicyAction rewrite;
    rewrite.clearCommunities = true;
    rewrite.addCommunities = {RtmBgpCommunity(2, 2)};
    rewrite.prepend = 1;
    rewrite.prependAs = 64999;
    pol->AddTerm(tagged, rewrite);
    pol->SetDefault(false);
    EXPECT_EQ(pol->GetNTerms(), 4u);

    RtmBgpAttributes a = Route({3356, 1}, {RtmBgpCommunity(1, 1)});
    ASSERT_TRUE(pol->Apply(p, a, ctx));
    EXPECT_TRUE(a.hasLocalPref);
    EXPECT_EQ(a.localPref, 80u);
    EXPECT_EQ(a.asPath.ToString(), "65000 65000 3356 1");
    EXPECT_FALSE(a.HasCommunity(RtmBgpCommunity(1, 1)));
    EXPECT_TRUE(a.HasCommunity(RtmBgpCommunity(65000, 1)));
    EXPECT_FALSE(a.hasMed); // set by term 1, cleared by term 3
    EXPECT_EQ(a.nextHop, Pfx("10.9.9.9"));

    RtmBgpAttributes b = Route({3356}, {});
    EXPECT_FALSE(pol->Apply(Pfx("10.1.0.0/16"), b, ctx)); // bogon, whatever the path

    RtmBgpAttributes c = Route({174}, {RtmBgpCommunity(1, 2)});
    ASSERT_TRUE(pol->Apply(p, c, ctx));
    EXPECT_EQ(c.communities, std::vector<uint32_t>{RtmBgpCommunity(2, 2)});
    EXPECT_EQ(c.asPath.ToString(), "64999 174");
    EXPECT_TRUE(c.hasMed);
    EXPECT_EQ(c.med, 7u);

    RtmBgpAttributes d = Route({174});
    EXPECT_FALSE(pol->Apply(p, d, ctx)); // no term decides: default reject
    pol->SetDefault(true);
    RtmBgpAttributes e = Route({174});
    EXPECT_TRUE(pol->Apply(p, e, ctx));
}

TEST(RtmBgpPolicyTest, GaoRexfordPolicies)
{
    const uint32_t me = 65010;
    RtmBgpPolicy::Context ctx;
    ctx.myAs = me;
    RtmNetAddress p = Pfx("192.0.2.0/24");
    using GR = RtmBgpGaoRexford;
    // Import: LOCAL_PREF by relation, tagged.
    for (auto rel : {GR::CUSTOMER, GR::PEER, GR::PROVIDER})
    {
        RtmBgpAttributes a = Route({1, 2});
        ASSERT_TRUE(GR::ImportPolicy(me, rel)->Apply(p, a, ctx));
        EXPECT_EQ(a.localPref, rel == GR::CUSTOMER ? 200u : rel == GR::PEER ? 100u : 50u);
        EXPECT_TRUE(a.HasCommunity(GR::Tag(me, rel)));
    }
    // Export (after our AS is prepended): customers get everything; peers and providers only
    // customer routes and our own.
    auto exported = [&](GR::Relation learnedFrom, GR::Relation to, bool own) {
        RtmBgpAttributes a = Route(own ? std::vector<uint32_t>{} : std::vector<uint32_t>{1, 2});
        if (!own)
        {
            GR::ImportPolicy(me, learnedFrom)->Apply(p, a, ctx);
        }
        a.asPath.Prepend(me);
        bool ok = GR::ExportPolicy(me, to)->Apply(p, a, ctx);
        EXPECT_FALSE(ok && a.HasCommunity(GR::Tag(me, learnedFrom))); // tags never leave
        return ok;
    };
    for (auto to : {GR::CUSTOMER, GR::PEER, GR::PROVIDER})
    {
        EXPECT_TRUE(exported(GR::CUSTOMER, to, false));
        EXPECT_TRUE(exported(GR::CUSTOMER, to, true));
        EXPECT_EQ(exported(GR::PEER, to, false), to == GR::CUSTOMER);
        EXPECT_EQ(exported(GR::PROVIDER, to, false), to == GR::CUSTOMER);
    }
    std::vector<GR::Link> links;
    EXPECT_TRUE(GR::ParseRelationships("# comment\n1|2|-1\n2|3|0\n\n", links));
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].bIsToA, GR::CUSTOMER);
    EXPECT_EQ(links[1].bIsToA, GR::PEER);
    EXPECT_FALSE(GR::ParseRelationships("1|2|5\n", links));
    EXPECT_FALSE(GR::ParseRelationships("1|x|0\n", links));
}
