/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTable<F>, part 3: destination queries, enumerations, route lists and opaque pointers.
 * Included by rtm-table-ipv4.cc and rtm-table-ipv6.cc only.
 *
 * Enumerations keep a cursor key, never a pointer (decision 15): destinations resume at the
 * first prefix after (curKey, curLen) in address order (RtmPrefixIndex::LowerBound), routes after
 * the (preference, metric, age) key of the last route returned within its destination, next hops
 * after the last (address, interface), and list enumerations after the insertion sequence of the
 * last route. So an enumeration survives any change of the table between two batches.
 */
#ifndef RTM_TABLE_QUERY_IMPL_H
#define RTM_TABLE_QUERY_IMPL_H

#include "rtm-instance.h"
#include "rtm-table.h"

#include "ns3/simulator.h"

#include <algorithm>
#include <tuple>

namespace ns3
{

// ---------------------------------------------------------------- destination infos

template <typename F>
void
RtmTable<F>::FillDestInfo(uint32_t d, int64_t filter, RtmViewSet views, RtmDestInfo& info) const
{
    const Dest& x = m_dests[d];
    info.destHandle = DestHandle(d);
    info.destAddress = DestAddress(d);
    info.lastChanged = TimeStep(x.LastChanged());
    info.belongsToViews = 0;
    for (uint32_t r : RoutesOf(x))
    {
        info.belongsToViews |= m_routes[r].views;
    }
    info.viewInfo.clear();
    if (views == RTM_VIEW_MASK_ANY)
    {
        return;
    }
    const Hold* hold = HoldOf(d);
    for (RtmViewSet vs = views & m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
    {
        RtmViewId v = __builtin_ctz(vs);
        RtmViewInfo vi;
        vi.viewId = v;
        for (uint32_t r : RoutesOf(x))
        {
            if (m_routes[r].views & RtmViewMask(v))
            {
                ++vi.numRoutes;
            }
        }
        uint32_t best = BestRouteFiltered(d, v, filter);
        if (best != kNone)
        {
            vi.route = RouteHandle(best);
            vi.owner = EntityHandle(m_routes[best].owner);
            vi.destFlags = m_routes[best].flags;
        }
        if (hold != nullptr)
        {
            for (const auto& hv : hold->held)
            {
                if (hv.view == v)
                {
                    vi.holdRoute = RouteHandle(hv.route);
                }
            }
        }
        info.viewInfo.push_back(vi);
    }
}

template <typename F>
RtmStatus
RtmTable<F>::GetDestInfo(uint32_t e,
                         uint32_t g,
                         RtmDestHandle dest,
                         uint32_t protocolId,
                         RtmViewSet views,
                         RtmDestInfo& info) const
{
    if (Caller(e, g) == nullptr || !DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckViews(views);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    FillDestInfo(dest.index, ProtocolFilter(e, protocolId), views, info);
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::GetExactMatchDestination(uint32_t e,
                                      uint32_t g,
                                      const RtmNetAddress& dest,
                                      uint32_t protocolId,
                                      RtmViewSet views,
                                      RtmDestInfo& info) const
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    Key key;
    RtmStatus st = CheckPrefix(dest, key);
    if (st == RtmStatus::Success)
    {
        st = CheckViews(views);
    }
    if (st != RtmStatus::Success)
    {
        return st;
    }
    uint32_t node = m_prefixes.Find(key, dest.numBits);
    if (node == kNone)
    {
        return RtmStatus::NotFound;
    }
    uint32_t d = node;
    if (!VisibleIn(d, views))
    {
        return RtmStatus::NotFound;
    }
    FillDestInfo(d, ProtocolFilter(e, protocolId), views, info);
    return RtmStatus::Success;
}

template <typename F>
bool
RtmTable<F>::ForwardsIn(uint32_t d, RtmViewSet views) const
{
    // Decision 13 as amended by "One answer everywhere": the longest-match walks see what the
    // FIB of each view holds, destinations with a best route there.
    for (RtmViewSet vs = ResolveViews(views); vs != 0; vs &= vs - 1)
    {
        if (BestRoute(d, __builtin_ctz(vs)) != kNone)
        {
            return true;
        }
    }
    return false;
}

template <typename F>
RtmStatus
RtmTable<F>::GetMostSpecificDestination(uint32_t e,
                                        uint32_t g,
                                        const RtmNetAddress& address,
                                        uint32_t protocolId,
                                        RtmViewSet views,
                                        RtmDestInfo& info) const
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    Key key;
    RtmStatus st = CheckPrefix(address, key);
    if (st == RtmStatus::Success)
    {
        st = CheckViews(views);
    }
    if (st != RtmStatus::Success)
    {
        return st;
    }
    uint32_t node = m_prefixes.Longest(key, address.numBits, [this, views](uint32_t d) {
        return ForwardsIn(d, views);
    });
    if (node == kNone)
    {
        return RtmStatus::NotFound;
    }
    FillDestInfo(node, ProtocolFilter(e, protocolId), views, info);
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::GetLessSpecificDestination(uint32_t e,
                                        uint32_t g,
                                        RtmDestHandle dest,
                                        uint32_t protocolId,
                                        RtmViewSet views,
                                        RtmDestInfo& info) const
{
    if (Caller(e, g) == nullptr || !DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckViews(views);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    const Dest& at = m_dests[dest.index];
    if (at.len == 0)
    {
        return RtmStatus::NotFound;
    }
    uint32_t node = m_prefixes.Longest(at.key, at.len - 1u, [this, views](uint32_t d) {
        return ForwardsIn(d, views);
    });
    if (node == kNone)
    {
        return RtmStatus::NotFound;
    }
    FillDestInfo(node, ProtocolFilter(e, protocolId), views, info);
    return RtmStatus::Success;
}

template <typename F>
bool
RtmTable<F>::RouteMatches(uint32_t r,
                          uint32_t matchFlags,
                          const RtmRouteInfo& criteria,
                          uint32_t ifIndex) const
{
    const Route& x = m_routes[r];
    if ((matchFlags & RTM_MATCH_OWNER) && EntityHandle(x.owner) != criteria.routeOwner)
    {
        return false;
    }
    if (matchFlags & RTM_MATCH_NEIGHBOUR)
    {
        uint32_t neighbour = NeighbourOf(r);
        RtmNextHopHandle n = neighbour == kNone ? RtmNextHopHandle() : NextHopHandle(neighbour);
        if (n != criteria.neighbour)
        {
            return false;
        }
    }
    if ((matchFlags & RTM_MATCH_PREF) &&
        (x.pref != criteria.prefInfo.preference || x.metric != criteria.prefInfo.metric))
    {
        return false;
    }
    if (matchFlags & RTM_MATCH_NEXTHOP)
    {
        if (criteria.nextHops.empty())
        {
            if (!x.nextHops.empty())
            {
                return false;
            }
        }
        else
        {
            bool common = false;
            for (uint32_t n : NextHopsOf(x))
            {
                for (const auto& h : criteria.nextHops)
                {
                    common = common || NextHopHandle(n) == h;
                }
            }
            if (!common)
            {
                return false;
            }
        }
    }
    if (matchFlags & RTM_MATCH_INTERFACE)
    {
        bool on = false;
        for (uint32_t n : NextHopsOf(x))
        {
            on = on || m_nextHops[n].ifIndex == ifIndex;
        }
        if (!on)
        {
            return false;
        }
    }
    return true;
}

template <typename F>
RtmStatus
RtmTable<F>::GetExactMatchRoute(uint32_t e,
                                uint32_t g,
                                const RtmNetAddress& dest,
                                uint32_t matchFlags,
                                RtmRouteInfo& criteria,
                                uint32_t interfaceIndex,
                                RtmViewSet views,
                                RtmRouteHandle* route) const
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    Key key;
    RtmStatus st = CheckPrefix(dest, key);
    if (st == RtmStatus::Success)
    {
        st = CheckViews(views);
    }
    if (st != RtmStatus::Success)
    {
        return st;
    }
    uint32_t node = m_prefixes.Find(key, dest.numBits);
    if (node == kNone)
    {
        return RtmStatus::NotFound;
    }
    for (uint32_t r : RoutesOf(m_dests[node]))
    {
        if (views != RTM_VIEW_MASK_ANY && !(m_routes[r].views & views))
        {
            continue;
        }
        if (RouteMatches(r, matchFlags, criteria, interfaceIndex))
        {
            FillRouteInfo(r, criteria);
            if (route != nullptr)
            {
                *route = RouteHandle(r);
            }
            return RtmStatus::Success;
        }
    }
    return RtmStatus::NotFound;
}

// ---------------------------------------------------------------- enumerations

template <typename F>
RtmStatus
RtmTable<F>::CreateEnumCommon(uint32_t e,
                              uint32_t flags,
                              const RtmNetAddress* address,
                              Enum& en) const
{
    uint32_t position = flags & 0x3;
    if (position == 0x3)
    {
        return RtmStatus::InvalidParameter;
    }
    en.owner = static_cast<uint16_t>(e);
    en.flags = flags;
    if (position != RTM_ENUM_START)
    {
        Key key;
        if (address == nullptr || CheckPrefix(*address, key) != RtmStatus::Success)
        {
            return RtmStatus::InvalidParameter;
        }
        en.curKey = key;
        en.curLen = static_cast<uint8_t>(address->numBits);
        if (position == RTM_ENUM_RANGE)
        {
            en.ranged = true;
            en.rangeKey = key;
            en.rangeLen = static_cast<uint8_t>(address->numBits);
        }
    }
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::CheckEnum(uint32_t e, RtmEnumHandle h, EnumKind kind, uint32_t num) const
{
    if (h.table != m_id || !m_enums.IsLive(h.index, h.gen) || m_enums[h.index].kind != kind)
    {
        return RtmStatus::InvalidHandle;
    }
    if (m_enums[h.index].owner != e)
    {
        return RtmStatus::AccessDenied;
    }
    if (num == 0 || num > m_cfg.maxHandlesInEnum)
    {
        return RtmStatus::InvalidParameter;
    }
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::CreateDestEnum(uint32_t e,
                            uint32_t g,
                            RtmViewSet views,
                            uint32_t flags,
                            const RtmNetAddress* address,
                            uint32_t protocolId,
                            RtmEnumHandle& h)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckViews(views);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    if (flags & ~(0x3u | RTM_ENUM_OWN_DESTS))
    {
        return RtmStatus::InvalidParameter;
    }
    Enum en;
    en.kind = EnumKind::Dest;
    en.views = views;
    en.protocolId = protocolId;
    st = CreateEnumCommon(e, flags, address, en);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    uint32_t x = m_enums.Alloc();
    m_enums[x] = en;
    h = RtmEnumHandle{m_id, x, m_enums.Gen(x)};
    return RtmStatus::Success;
}

template <typename F>
bool
RtmTable<F>::NextDest(Enum& en, uint32_t& d) const
{
    if (en.done)
    {
        return false;
    }
    uint32_t n;
    if (!en.started)
    {
        n = (en.flags & 0x3) == RTM_ENUM_START ? m_prefixes.First()
                                               : m_prefixes.LowerBound(en.curKey, en.curLen);
    }
    else
    {
        n = m_prefixes.LowerBound(en.curKey, en.curLen);
        if (n != kNone && m_dests[n].key == en.curKey && m_dests[n].len == en.curLen)
        {
            n = m_prefixes.Next(n);
        }
    }
    RtmViewSet own = ResolveViews(en.views);
    for (; n != kNone; n = m_prefixes.Next(n))
    {
        const Dest& node = m_dests[n];
        if (en.ranged &&
            (node.len < en.rangeLen || !Ops::Covers(en.rangeKey, en.rangeLen, node.key)))
        {
            break;
        }
        uint32_t x = n;
        if (!VisibleIn(x, en.views))
        {
            continue;
        }
        if (en.flags & RTM_ENUM_OWN_DESTS)
        {
            bool mine = false;
            for (RtmViewSet vs = own; vs != 0 && !mine; vs &= vs - 1)
            {
                uint32_t b = BestRoute(x, __builtin_ctz(vs));
                mine = b != kNone && m_routes[b].owner == en.owner;
            }
            if (!mine)
            {
                continue;
            }
        }
        en.started = true;
        en.curKey = node.key;
        en.curLen = node.len;
        d = x;
        return true;
    }
    en.done = true;
    return false;
}

template <typename F>
RtmStatus
RtmTable<F>::GetEnumDests(uint32_t e,
                          uint32_t g,
                          RtmEnumHandle h,
                          uint32_t& num,
                          std::vector<RtmDestInfo>& out)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckEnum(e, h, EnumKind::Dest, num);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    Enum& en = m_enums[h.index];
    int64_t filter = ProtocolFilter(e, en.protocolId);
    out.clear();
    uint32_t d;
    while (out.size() < num && NextDest(en, d))
    {
        out.emplace_back();
        FillDestInfo(d, filter, en.views, out.back());
    }
    bool shortBatch = out.size() < num;
    num = static_cast<uint32_t>(out.size());
    return shortBatch ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::CreateRouteEnum(uint32_t e,
                             uint32_t g,
                             RtmDestHandle dest,
                             RtmViewSet views,
                             uint32_t flags,
                             const RtmNetAddress* start,
                             uint32_t matchFlags,
                             const RtmRouteInfo* criteria,
                             uint32_t interfaceIndex,
                             RtmEnumHandle& h)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    if (!dest.IsNull() && !DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckViews(views);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    if (flags & ~(0x3u | RTM_ENUM_OWN_ROUTES))
    {
        return RtmStatus::InvalidParameter;
    }
    uint32_t needCriteria =
        RTM_MATCH_OWNER | RTM_MATCH_NEIGHBOUR | RTM_MATCH_PREF | RTM_MATCH_NEXTHOP;
    if ((matchFlags & needCriteria) && criteria == nullptr)
    {
        return RtmStatus::InvalidParameter;
    }
    Enum en;
    en.kind = EnumKind::Route;
    en.views = views;
    en.matchFlags = matchFlags;
    if (criteria != nullptr)
    {
        en.criteria = *criteria;
    }
    en.ifIndex = interfaceIndex;
    if (!dest.IsNull())
    {
        en.owner = static_cast<uint16_t>(e);
        en.flags = flags & RTM_ENUM_OWN_ROUTES;
        en.destSlot = dest.index;
        en.destGen = dest.gen;
    }
    else
    {
        st = CreateEnumCommon(e, flags, start, en);
        if (st != RtmStatus::Success)
        {
            return st;
        }
    }
    uint32_t x = m_enums.Alloc();
    m_enums[x] = en;
    h = RtmEnumHandle{m_id, x, m_enums.Gen(x)};
    return RtmStatus::Success;
}

template <typename F>
bool
RtmTable<F>::NextRoute(Enum& en, uint32_t& r) const
{
    if (en.done)
    {
        return false;
    }
    typedef std::tuple<uint64_t, uint64_t, uint64_t> RouteKey;
    RouteKey cursor(en.curRoute[0], en.curRoute[1], en.curRoute[2]);
    // Candidates of one destination, in enumeration order, after the cursor if it is there.
    auto pick = [&](uint32_t d, bool afterCursor) -> bool {
        bool found = false;
        RouteKey bestKey;
        uint32_t best = kNone;
        auto consider = [&](uint32_t x, const RouteKey& k) {
            const Route& rt = m_routes[x];
            if (en.views != RTM_VIEW_MASK_ANY && !(rt.views & en.views))
            {
                return;
            }
            if ((en.flags & RTM_ENUM_OWN_ROUTES) && rt.owner != en.owner)
            {
                return;
            }
            if (!RouteMatches(x, en.matchFlags, en.criteria, en.ifIndex))
            {
                return;
            }
            if (afterCursor && !(cursor < k))
            {
                return;
            }
            if (!found || k < bestKey)
            {
                found = true;
                bestKey = k;
                best = x;
            }
        };
        for (uint32_t x : RoutesOf(m_dests[d]))
        {
            consider(x, RouteKey(m_routes[x].pref, m_routes[x].metric, m_routes[x].seq));
        }
        if (en.views == RTM_VIEW_MASK_ANY)
        {
            const Hold* hold = HoldOf(d);
            if (hold != nullptr)
            {
                // decision 15: held routes after the live ones, by view; a route held in several
                // views comes once, at its first view
                for (const auto& hv : hold->held)
                {
                    bool earlier = false;
                    for (const auto& other : hold->held)
                    {
                        earlier |= other.route == hv.route && other.view < hv.view;
                    }
                    if (!earlier)
                    {
                        consider(hv.route, RouteKey(uint64_t(1) << 33, uint64_t(hv.view), 0));
                    }
                }
            }
        }
        if (!found)
        {
            return false;
        }
        r = best;
        en.curRoute[0] = std::get<0>(bestKey);
        en.curRoute[1] = std::get<1>(bestKey);
        en.curRoute[2] = std::get<2>(bestKey);
        return true;
    };
    if (en.destSlot != kNone)
    {
        if (!m_dests.IsLive(en.destSlot, en.destGen) || !pick(en.destSlot, en.started))
        {
            en.done = true;
            return false;
        }
        en.started = true;
        return true;
    }
    uint32_t n;
    bool sameDest = false;
    if (!en.started)
    {
        n = (en.flags & 0x3) == RTM_ENUM_START ? m_prefixes.First()
                                               : m_prefixes.LowerBound(en.curKey, en.curLen);
    }
    else
    {
        n = m_prefixes.LowerBound(en.curKey, en.curLen);
        sameDest = n != kNone && m_dests[n].key == en.curKey && m_dests[n].len == en.curLen;
    }
    for (; n != kNone; n = m_prefixes.Next(n), sameDest = false)
    {
        const Dest& node = m_dests[n];
        if (en.ranged &&
            (node.len < en.rangeLen || !Ops::Covers(en.rangeKey, en.rangeLen, node.key)))
        {
            break;
        }
        if (pick(n, sameDest))
        {
            en.started = true;
            en.curKey = node.key;
            en.curLen = node.len;
            return true;
        }
    }
    en.done = true;
    return false;
}

template <typename F>
RtmStatus
RtmTable<F>::GetEnumRoutes(uint32_t e,
                           uint32_t g,
                           RtmEnumHandle h,
                           uint32_t& num,
                           std::vector<RtmRouteHandle>& out)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckEnum(e, h, EnumKind::Route, num);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    Enum& en = m_enums[h.index];
    out.clear();
    uint32_t r;
    while (out.size() < num && NextRoute(en, r))
    {
        out.push_back(RouteHandle(r));
    }
    bool shortBatch = out.size() < num;
    num = static_cast<uint32_t>(out.size());
    return shortBatch ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::CreateNextHopEnum(uint32_t e,
                               uint32_t g,
                               uint32_t flags,
                               const RtmNetAddress* address,
                               RtmEnumHandle& h)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    if (flags & ~0x3u)
    {
        return RtmStatus::InvalidParameter;
    }
    Enum en;
    en.kind = EnumKind::NextHop;
    RtmStatus st = CreateEnumCommon(e, flags, address, en);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    uint32_t x = m_enums.Alloc();
    m_enums[x] = en;
    h = RtmEnumHandle{m_id, x, m_enums.Gen(x)};
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::GetEnumNextHops(uint32_t e,
                             uint32_t g,
                             RtmEnumHandle h,
                             uint32_t& num,
                             std::vector<RtmNextHopHandle>& out)
{
    const Entity* me = Caller(e, g);
    if (me == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckEnum(e, h, EnumKind::NextHop, num);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    Enum& en = m_enums[h.index];
    out.clear();
    if (!en.done)
    {
        auto it = !en.started ? ((en.flags & 0x3) == RTM_ENUM_START
                                     ? me->nextHops.begin()
                                     : me->nextHops.lower_bound({en.curKey, 0}))
                              : me->nextHops.upper_bound({en.curKey, en.curIf});
        for (; it != me->nextHops.end() && out.size() < num; ++it)
        {
            if (en.ranged && !Ops::Covers(en.rangeKey, en.rangeLen, it->first.first))
            {
                break;
            }
            out.push_back(NextHopHandle(it->second));
            en.started = true;
            en.curKey = it->first.first;
            en.curIf = it->first.second;
        }
        if (out.size() < num)
        {
            en.done = true;
        }
    }
    bool shortBatch = out.size() < num;
    num = static_cast<uint32_t>(out.size());
    return shortBatch ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::FreeEnum(uint32_t en)
{
    m_enums.Free(en);
}

template <typename F>
RtmStatus
RtmTable<F>::DeleteEnumHandle(uint32_t e, uint32_t g, RtmEnumHandle h)
{
    if (Caller(e, g) == nullptr || h.table != m_id || !m_enums.IsLive(h.index, h.gen))
    {
        return RtmStatus::InvalidHandle;
    }
    if (m_enums[h.index].owner != e)
    {
        return RtmStatus::AccessDenied;
    }
    FreeEnum(h.index);
    return RtmStatus::Success;
}

// ---------------------------------------------------------------- route lists

template <typename F>
RtmStatus
RtmTable<F>::CreateRouteList(uint32_t e, uint32_t g, RtmRouteListHandle& list)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    uint32_t l = m_lists.Alloc();
    m_lists[l].owner = static_cast<uint16_t>(e);
    list = RtmRouteListHandle{m_id, l, m_lists.Gen(l)};
    return RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::RemoveFromList(uint32_t r)
{
    auto it = m_listPos.find(r);
    if (it == m_listPos.end())
    {
        return;
    }
    m_lists[it->second.first].items.erase(it->second.second);
    m_listPos.erase(it);
}

template <typename F>
RtmStatus
RtmTable<F>::InsertInRouteList(uint32_t e,
                               uint32_t g,
                               RtmRouteListHandle list,
                               const std::vector<RtmRouteHandle>& routes)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    if (!list.IsNull())
    {
        if (list.table != m_id || !m_lists.IsLive(list.index, list.gen))
        {
            return RtmStatus::InvalidHandle;
        }
        if (m_lists[list.index].owner != e)
        {
            return RtmStatus::AccessDenied;
        }
    }
    RtmStatus result = RtmStatus::Success;
    for (const auto& h : routes)
    {
        if (!RouteOk(h) || m_routes[h.index].state != RTM_ROUTE_STATE_CREATED)
        {
            result = RtmStatus::InvalidHandle;
            continue;
        }
        if (m_routes[h.index].owner != e)
        {
            if (result == RtmStatus::Success)
            {
                result = RtmStatus::AccessDenied;
            }
            continue;
        }
        RemoveFromList(h.index);
        if (!list.IsNull())
        {
            RouteList& l = m_lists[list.index];
            uint64_t seq = l.nextSeq++;
            l.items[seq] = h.index;
            m_listPos[h.index] = {list.index, seq};
        }
    }
    return result;
}

template <typename F>
RtmStatus
RtmTable<F>::CreateRouteListEnum(uint32_t e, uint32_t g, RtmRouteListHandle list, RtmEnumHandle& h)
{
    if (Caller(e, g) == nullptr || list.table != m_id || !m_lists.IsLive(list.index, list.gen))
    {
        return RtmStatus::InvalidHandle;
    }
    if (m_lists[list.index].owner != e)
    {
        return RtmStatus::AccessDenied;
    }
    Enum en;
    en.kind = EnumKind::List;
    en.owner = static_cast<uint16_t>(e);
    en.list = list.index;
    en.listGen = list.gen;
    uint32_t x = m_enums.Alloc();
    m_enums[x] = en;
    h = RtmEnumHandle{m_id, x, m_enums.Gen(x)};
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::GetListEnumRoutes(uint32_t e,
                               uint32_t g,
                               RtmEnumHandle h,
                               uint32_t& num,
                               std::vector<RtmRouteHandle>& out)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckEnum(e, h, EnumKind::List, num);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    Enum& en = m_enums[h.index];
    out.clear();
    if (m_lists.IsLive(en.list, en.listGen))
    {
        const RouteList& l = m_lists[en.list];
        for (auto it = l.items.upper_bound(en.listSeq); it != l.items.end() && out.size() < num;
             ++it)
        {
            out.push_back(RouteHandle(it->second));
            en.listSeq = it->first;
        }
    }
    num = static_cast<uint32_t>(out.size());
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::DeleteRouteList(uint32_t e, uint32_t g, RtmRouteListHandle list)
{
    if (Caller(e, g) == nullptr || list.table != m_id || !m_lists.IsLive(list.index, list.gen))
    {
        return RtmStatus::InvalidHandle;
    }
    if (m_lists[list.index].owner != e)
    {
        return RtmStatus::AccessDenied;
    }
    for (auto& kv : m_lists[list.index].items)
    {
        m_listPos.erase(kv.second);
    }
    m_lists.Free(list.index);
    return RtmStatus::Success;
}

// ---------------------------------------------------------------- opaque pointers

template <typename F>
RtmStatus
RtmTable<F>::GetOpaquePointer(uint32_t e, uint32_t g, RtmDestHandle dest, uint64_t& value) const
{
    const Entity* me = Caller(e, g);
    if (me == nullptr || !DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    if (me->opaqueSlot < 0)
    {
        return RtmStatus::NotFound;
    }
    const auto& slot = m_opaque[me->opaqueSlot];
    auto it = slot.find(dest.index);
    value = it == slot.end() ? 0 : it->second;
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::SetOpaquePointer(uint32_t e, uint32_t g, RtmDestHandle dest, uint64_t value)
{
    Entity* me = Caller(e, g);
    if (me == nullptr || !DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    if (me->opaqueSlot < 0)
    {
        return RtmStatus::NotFound;
    }
    auto& slot = m_opaque[me->opaqueSlot];
    auto it = slot.find(dest.index);
    if (value != 0)
    {
        if (it == slot.end())
        {
            slot[dest.index] = value;
            Ref(dest.index);
        }
        else
        {
            it->second = value;
        }
    }
    else if (it != slot.end())
    {
        slot.erase(it);
        Unref(dest.index);
    }
    return RtmStatus::Success;
}

} // namespace ns3

#endif /* RTM_TABLE_QUERY_IMPL_H */
