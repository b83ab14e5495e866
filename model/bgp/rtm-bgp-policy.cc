/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpPolicy: matching and applying policy terms (see rtm-bgp-policy.h).
 */
#include "rtm-bgp-policy.h"

#include "ns3/abort.h"

#include <algorithm>
#include <regex.h>
#include <sstream>

namespace ns3
{

bool
RtmBgpPrefixRange::Parse(const std::string& text, RtmBgpPrefixRange& out)
{
    std::istringstream is(text);
    std::string p;
    if (!(is >> p))
    {
        return false;
    }
    RtmBgpPrefixRange r;
    if (!RtmNetAddress::Parse(p, r.prefix) || !r.prefix.IsCanonical())
    {
        return false;
    }
    std::string kw;
    while (is >> kw)
    {
        int n = -1;
        if (!(is >> n) || n < 0 || n > r.prefix.FamilyBits())
        {
            return false;
        }
        if (kw == "ge")
        {
            r.ge = static_cast<uint8_t>(n);
        }
        else if (kw == "le")
        {
            r.le = static_cast<uint8_t>(n);
        }
        else
        {
            return false;
        }
    }
    out = r;
    return true;
}

bool
RtmBgpPrefixRange::Matches(const RtmNetAddress& p) const
{
    if (!prefix.Covers(p))
    {
        return false;
    }
    uint16_t lo = ge ? ge : prefix.numBits;
    uint16_t hi = le ? le : (ge ? p.FamilyBits() : prefix.numBits);
    return p.numBits >= lo && p.numBits <= hi;
}

RtmBgpPolicyAction
RtmBgpPolicy::Reject()
{
    RtmBgpPolicyAction a;
    a.verdict = RtmBgpPolicyAction::REJECT;
    return a;
}

RtmBgpPolicyAction
RtmBgpPolicy::Accept()
{
    return RtmBgpPolicyAction();
}

RtmBgpPolicy&
RtmBgpPolicy::AddTerm(const RtmBgpPolicyMatch& match, const RtmBgpPolicyAction& action)
{
    Term t;
    t.match = match;
    t.action = action;
    if (!match.asPathRegex.empty())
    {
        // POSIX regular expressions (regcomp): the module must not instantiate std::regex,
        // whose template instances would be exported and interposed on ns-3's own.
        auto* re = new regex_t;
        int err = regcomp(re, match.asPathRegex.c_str(), REG_EXTENDED | REG_NOSUB);
        if (err != 0)
        {
            char why[256];
            regerror(err, re, why, sizeof(why));
            delete re;
            NS_ABORT_MSG("RtmBgpPolicy: invalid AS-path regex \"" << match.asPathRegex
                                                                  << "\": " << why);
        }
        t.regex = std::shared_ptr<void>(re, [](void* p) {
            regfree(static_cast<regex_t*>(p));
            delete static_cast<regex_t*>(p);
        });
    }
    m_terms.push_back(std::move(t));
    return *this;
}

void
RtmBgpPolicy::SetDefault(bool accept)
{
    m_default = accept;
}

bool
RtmBgpPolicy::Matches(const RtmBgpPolicyMatch& m,
                      const RtmNetAddress& prefix,
                      const RtmBgpAttributes& a)
{
    if (!m.prefixes.empty() &&
        std::none_of(m.prefixes.begin(), m.prefixes.end(), [&](const RtmBgpPrefixRange& r) {
            return r.Matches(prefix);
        }))
    {
        return false;
    }
    if (!m.asPathContains.empty() &&
        std::none_of(m.asPathContains.begin(), m.asPathContains.end(), [&](uint32_t as) {
            return a.asPath.Contains(as);
        }))
    {
        return false;
    }
    if (m.originAs != 0 && a.asPath.OriginAs() != m.originAs)
    {
        return false;
    }
    if (m.neighborAs != 0 && a.asPath.FirstAs() != m.neighborAs)
    {
        return false;
    }
    if (!m.communitiesAny.empty() && std::none_of(m.communitiesAny.begin(),
                                                  m.communitiesAny.end(),
                                                  [&](uint32_t c) { return a.HasCommunity(c); }))
    {
        return false;
    }
    for (uint32_t c : m.communitiesAll)
    {
        if (!a.HasCommunity(c))
        {
            return false;
        }
    }
    if (!m.nextHopIn.empty() &&
        std::none_of(m.nextHopIn.begin(), m.nextHopIn.end(), [&](const RtmNetAddress& p) {
            return p.Covers(a.nextHop);
        }))
    {
        return false;
    }
    if (m.maxAsPathLength >= 0 && a.asPath.Length() > static_cast<uint32_t>(m.maxAsPathLength))
    {
        return false;
    }
    return true;
}

bool
RtmBgpPolicy::Apply(const RtmNetAddress& prefix, RtmBgpAttributes& a, const Context& ctx) const
{
    for (const auto& t : m_terms)
    {
        if (!Matches(t.match, prefix, a))
        {
            continue;
        }
        if (t.regex && regexec(static_cast<regex_t*>(t.regex.get()),
                               a.asPath.ToString().c_str(),
                               0,
                               nullptr,
                               0) != 0)
        {
            continue;
        }
        const RtmBgpPolicyAction& x = t.action;
        if (x.verdict == RtmBgpPolicyAction::REJECT)
        {
            return false;
        }
        if (x.setLocalPref >= 0)
        {
            a.hasLocalPref = true;
            a.localPref = static_cast<uint32_t>(x.setLocalPref);
        }
        if (x.clearMed)
        {
            a.hasMed = false;
            a.med = 0;
        }
        if (x.setMed >= 0)
        {
            a.hasMed = true;
            a.med = static_cast<uint32_t>(x.setMed);
        }
        if (x.clearCommunities)
        {
            a.communities.clear();
        }
        for (uint32_t c : x.removeCommunities)
        {
            a.RemoveCommunity(c);
        }
        for (uint32_t c : x.addCommunities)
        {
            a.AddCommunity(c);
        }
        if (x.prepend > 0)
        {
            a.asPath.Prepend(x.prependAs ? x.prependAs : ctx.myAs, x.prepend);
        }
        if (x.setNextHop.addressFamily == a.nextHop.addressFamily && x.setNextHop.addressFamily)
        {
            a.nextHop = x.setNextHop;
        }
        if (x.verdict == RtmBgpPolicyAction::ACCEPT)
        {
            return true;
        }
    }
    return m_default;
}

} // namespace ns3
