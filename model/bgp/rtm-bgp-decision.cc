/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The decision process as an elimination over the candidate set: each step keeps the
 * candidates that are best on one criterion among those still in; the first step after which
 * one candidate is left is the tie-break that decided.
 */
#include "rtm-bgp-decision.h"

#include <algorithm>
#include <functional>
#include <map>

namespace ns3
{

const char*
RtmBgpTieBreakName(RtmBgpTieBreak t)
{
    switch (t)
    {
    case RtmBgpTieBreak::None:
        return "none";
    case RtmBgpTieBreak::Only:
        return "only";
    case RtmBgpTieBreak::Local:
        return "local";
    case RtmBgpTieBreak::LocalPref:
        return "local-pref";
    case RtmBgpTieBreak::AsPathLength:
        return "as-path-length";
    case RtmBgpTieBreak::Origin:
        return "origin";
    case RtmBgpTieBreak::Med:
        return "med";
    case RtmBgpTieBreak::External:
        return "ebgp-over-ibgp";
    case RtmBgpTieBreak::IgpCost:
        return "igp-cost";
    case RtmBgpTieBreak::RouterId:
        return "router-id";
    case RtmBgpTieBreak::ClusterListLength:
        return "cluster-list-length";
    case RtmBgpTieBreak::PeerAddress:
        return "peer-address";
    }
    return "?";
}

namespace
{

/// Keep the candidates with the smallest key.
void
KeepMin(std::vector<int>& in,
        const std::vector<RtmBgpCandidate>& c,
        const std::function<uint64_t(const RtmBgpCandidate&)>& key)
{
    uint64_t best = UINT64_MAX;
    for (int i : in)
    {
        best = std::min(best, key(c[i]));
    }
    in.erase(std::remove_if(in.begin(), in.end(), [&](int i) { return key(c[i]) != best; }),
             in.end());
}

} // namespace

int
RtmBgpDecide(const std::vector<RtmBgpCandidate>& c,
             bool alwaysCompareMed,
             RtmBgpTieBreak* decidedBy)
{
    RtmBgpTieBreak dummy;
    RtmBgpTieBreak& by = decidedBy ? *decidedBy : dummy;
    std::vector<int> in;
    for (std::size_t i = 0; i < c.size(); ++i)
    {
        if (c[i].resolvable && c[i].attrs)
        {
            in.push_back(static_cast<int>(i));
        }
    }
    if (in.empty())
    {
        by = RtmBgpTieBreak::None;
        return -1;
    }
    if (in.size() == 1)
    {
        by = RtmBgpTieBreak::Only;
        return in[0];
    }
    for (int i : in)
    {
        if (c[i].local)
        {
            by = RtmBgpTieBreak::Local;
            return i;
        }
    }
    auto step = [&](RtmBgpTieBreak t, const std::function<uint64_t(const RtmBgpCandidate&)>& key) {
        KeepMin(in, c, key);
        if (in.size() == 1)
        {
            by = t;
            return true;
        }
        return false;
    };
    if (step(RtmBgpTieBreak::LocalPref, [](const RtmBgpCandidate& x) {
            uint32_t lp = x.attrs->hasLocalPref ? x.attrs->localPref : x.defaultLocalPref;
            return uint64_t(UINT32_MAX - lp);
        }))
    {
        return in[0];
    }
    if (step(RtmBgpTieBreak::AsPathLength,
             [](const RtmBgpCandidate& x) { return uint64_t(x.attrs->asPath.Length()); }))
    {
        return in[0];
    }
    if (step(RtmBgpTieBreak::Origin,
             [](const RtmBgpCandidate& x) { return uint64_t(x.attrs->origin); }))
    {
        return in[0];
    }
    // MED: remove a route if another route from the same neighbour AS has a lower MED.
    {
        std::map<uint32_t, uint32_t> lowest;
        auto group = [&](const RtmBgpCandidate& x) {
            return alwaysCompareMed ? 0u : x.attrs->asPath.FirstAs();
        };
        auto med = [](const RtmBgpCandidate& x) { return x.attrs->hasMed ? x.attrs->med : 0u; };
        for (int i : in)
        {
            auto it = lowest.find(group(c[i]));
            if (it == lowest.end() || med(c[i]) < it->second)
            {
                lowest[group(c[i])] = med(c[i]);
            }
        }
        in.erase(std::remove_if(in.begin(),
                                in.end(),
                                [&](int i) { return med(c[i]) != lowest[group(c[i])]; }),
                 in.end());
        if (in.size() == 1)
        {
            by = RtmBgpTieBreak::Med;
            return in[0];
        }
    }
    if (step(RtmBgpTieBreak::External,
             [](const RtmBgpCandidate& x) { return uint64_t(x.external ? 0 : 1); }))
    {
        return in[0];
    }
    if (step(RtmBgpTieBreak::IgpCost, [](const RtmBgpCandidate& x) { return uint64_t(x.igpCost); }))
    {
        return in[0];
    }
    if (step(RtmBgpTieBreak::RouterId, [](const RtmBgpCandidate& x) {
            return uint64_t(x.attrs->hasOriginatorId ? x.attrs->originatorId : x.peerId);
        }))
    {
        return in[0];
    }
    if (step(RtmBgpTieBreak::ClusterListLength,
             [](const RtmBgpCandidate& x) { return uint64_t(x.attrs->clusterList.size()); }))
    {
        return in[0];
    }
    // Lowest peer address (bytes in network order).
    int best = in[0];
    for (int i : in)
    {
        if (c[i].peerAddress < c[best].peerAddress)
        {
            best = i;
        }
    }
    by = RtmBgpTieBreak::PeerAddress;
    return best;
}

} // namespace ns3
