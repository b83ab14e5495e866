/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTable<F>, part 2: next hops, routes, best-route selection, change sets, the FIB,
 * hold-down and TTL ageing. Included by rtm-table-ipv4.cc and rtm-table-ipv6.cc only.
 *
 * Every mutation of a destination follows one pattern: Snapshot (best route per supported view)
 * -> change the routes -> Emit, which snapshots again, derives the ChangeSet (views with ALL,
 * BEST and FORWARDING changes, decisions 2 and 5), updates the FIBs where a destination entered
 * or left a view, and queues notifications. Nothing else touches the notification queues.
 */
#ifndef RTM_TABLE_ROUTE_IMPL_H
#define RTM_TABLE_ROUTE_IMPL_H

#include "rtm-instance.h"
#include "rtm-table.h"

#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

// ---------------------------------------------------------------- best routes

template <typename F>
bool
RtmTable<F>::Eligible(const Route& r, RtmViewId v, int64_t filter) const
{
    if (!(r.views & RtmViewMask(v)) || (r.flags & RTM_ROUTE_FLAGS_INACTIVE) || !r.reach)
    {
        return false;
    }
    return filter < 0 || m_entities[r.owner].info.entityId.entityProtocolId == filter;
}

template <typename F>
uint32_t
RtmTable<F>::BestRouteFiltered(uint32_t d, RtmViewId view, int64_t filter) const
{
    for (uint32_t r : RoutesOf(m_dests[d]))
    {
        if (Eligible(m_routes[r], view, filter))
        {
            return r;
        }
    }
    return kNone;
}

template <typename F>
uint32_t
RtmTable<F>::BestRoute(uint32_t d, RtmViewId view) const
{
    return BestRouteFiltered(d, view, -1);
}

template <typename F>
bool
RtmTable<F>::LessRoute(uint32_t a, uint32_t b) const
{
    const Route& x = m_routes[a];
    const Route& y = m_routes[b];
    if (x.pref != y.pref)
    {
        return x.pref < y.pref;
    }
    if (x.metric != y.metric)
    {
        return x.metric < y.metric;
    }
    return x.seq < y.seq;
}

template <typename F>
void
RtmTable<F>::Snapshot(uint32_t d, BestSnapshot& s) const
{
    for (RtmViewSet vs = m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
    {
        RtmViewId v = __builtin_ctz(vs);
        s.route[v] = BestRoute(d, v);
    }
}

template <typename F>
void
RtmTable<F>::PlaceRoute(uint32_t d, uint32_t r)
{
    RtmSlotSpan rs = RoutesOf(m_dests[d]);
    uint32_t pos = 0;
    while (pos < rs.size() && LessRoute(rs[pos], r))
    {
        ++pos;
    }
    m_routeLists.Insert(m_dests[d].routes, pos, r);
}

template <typename F>
void
RtmTable<F>::UnplaceRoute(uint32_t d, uint32_t r)
{
    uint32_t pos = RoutesOf(m_dests[d]).Find(r);
    if (pos < RoutesOf(m_dests[d]).size())
    {
        m_routeLists.Erase(m_dests[d].routes, pos);
    }
}

// ---------------------------------------------------------------- destinations

template <typename F>
uint32_t
RtmTable<F>::FindOrCreateDest(Key key, uint32_t len, bool& created)
{
    uint32_t found = m_prefixes.Find(key, len);
    created = found == kNone;
    if (!created)
    {
        return found;
    }
    uint32_t d = m_dests.Alloc();
    Dest& x = m_dests[d];
    x.key = key;
    x.len = len;
    x.SetLastChanged(Simulator::Now().GetTimeStep());
    m_prefixes.Insert(d);
    return d;
}

template <typename F>
void
RtmTable<F>::Ref(uint32_t d)
{
    NS_ABORT_MSG_IF(m_dests[d].refs == kMaxDestRefs, "RtmTable: destination reference count full");
    ++m_dests[d].refs;
}

template <typename F>
void
RtmTable<F>::Unref(uint32_t d)
{
    --m_dests[d].refs;
    MaybeFreeDest(d);
}

template <typename F>
void
RtmTable<F>::MaybeFreeDest(uint32_t d)
{
    Dest& x = m_dests[d];
    if (!x.routes.empty() || x.refs != 0)
    {
        return;
    }
    m_prefixes.Erase(d);
    m_holds.erase(d);
    m_dests.Free(d);
}

template <typename F>
const typename RtmTable<F>::Hold*
RtmTable<F>::HoldOf(uint32_t d) const
{
    auto it = m_holds.find(d);
    return it == m_holds.end() ? nullptr : &it->second;
}

template <typename F>
bool
RtmTable<F>::VisibleIn(uint32_t d, RtmViewSet views) const
{
    const Dest& x = m_dests[d];
    if (views == RTM_VIEW_MASK_ANY)
    {
        if (!x.routes.empty())
        {
            return true;
        }
        const Hold* h = HoldOf(d);
        return h != nullptr && !h->held.empty();
    }
    for (uint32_t r : RoutesOf(x))
    {
        if (m_routes[r].views & views)
        {
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------- change sets

template <typename F>
void
RtmTable<F>::UpdateFib(uint32_t d,
                       const BestSnapshot& before,
                       const BestSnapshot& after,
                       uint32_t oldUcast)
{
    for (RtmViewId v = 0; v < 2; ++v)
    {
        if (!m_fib[v])
        {
            continue;
        }
        uint32_t oldValue;
        uint32_t newValue;
        if (v == RTM_VIEW_ID_UCAST)
        {
            // The destination's forwarding record (decisions 37, 41; Publish has set it in the
            // store): a new best route forwarding the same way changes nothing here.
            oldValue = oldUcast;
            newValue = FibValue(d);
        }
        else
        {
            if (before.route[v] == after.route[v])
            {
                continue;
            }
            oldValue = before.route[v] == kNone ? 0 : before.route[v] + 1;
            newValue = after.route[v] == kNone ? 0 : after.route[v] + 1;
        }
        if (oldValue == newValue)
        {
            continue;
        }
        const Dest& node = m_dests[d];
        m_fib[v]->Changed(node.key, node.len, oldValue, newValue);
    }
}

template <typename F>
void
RtmTable<F>::FibStore::CollectFib(uint32_t view,
                                  Key lo,
                                  Key hi,
                                  uint32_t minLen,
                                  uint32_t maxLen,
                                  std::vector<RtmFibPrefix<F>>& out) const
{
    const RtmTable& t = *m_t;
    t.m_prefixes.Scan(lo, [&](const typename RtmPrefixIndex<F, DestKeys>::Entry& x) {
        if (x.key > hi)
        {
            return false;
        }
        if (x.len >= minLen && x.len <= maxLen)
        {
            uint32_t value;
            if (view == RTM_VIEW_ID_UCAST)
            {
                value = x.node < t.m_fibBest.Size() ? t.m_fibBest[x.node] : 0;
            }
            else
            {
                uint32_t r = t.BestRoute(x.node, view);
                value = r == kNone ? 0 : r + 1;
            }
            if (value != 0)
            {
                out.push_back(RtmFibPrefix<F>{x.key, value, x.len});
            }
        }
        return true;
    });
}

template <typename F>
std::size_t
RtmTable<F>::ForwardHash::operator()(const Forward& f) const
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ f.flags;
    auto mix = [&h](uint64_t x) { h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2); };
    for (const Hop& x : f.hops)
    {
        mix(x.ifIndex);
        mix(static_cast<uint64_t>(x.gateway));
        if constexpr (sizeof(Key) > 8)
        {
            mix(static_cast<uint64_t>(x.gateway >> 64));
        }
    }
    return static_cast<std::size_t>(h);
}

template <typename F>
typename RtmTable<F>::Forward
RtmTable<F>::ComputeForward(uint32_t r) const
{
    Forward f;
    ComputeForwardInto(r, f);
    return f;
}

template <typename F>
void
RtmTable<F>::ComputeForwardInto(uint32_t r, Forward& f) const
{
    f.flags = m_routes[r].flags;
    uint32_t count = HopCount(r);
    f.hops.clear();
    for (uint32_t i = 0; i < count; ++i)
    {
        f.hops.push_back(GetHop(r, i));
    }
}

template <typename F>
void
RtmTable<F>::SetForward(uint32_t d, uint32_t r)
{
    // The candidate is built in a reused record, so finding an existing record allocates nothing.
    Forward& f = m_fwdScratch;
    ComputeForwardInto(r, f);
    uint32_t old = FibValue(d);
    auto it = m_fwdIndex.find(f);
    uint32_t id;
    if (it != m_fwdIndex.end())
    {
        id = it->second;
        if (id + 1 == old)
        {
            return; // unchanged
        }
    }
    else
    {
        if (!m_fwdFree.empty())
        {
            id = m_fwdFree.back();
            m_fwdFree.pop_back();
        }
        else
        {
            id = static_cast<uint32_t>(m_fwd.size());
            m_fwd.emplace_back();
        }
        m_fwd[id].rec = f;
        m_fwdIndex.emplace(f, id);
    }
    ++m_fwd[id].refs; // taken before the old record is dropped: it may be the same one
    ReleaseForward(d);
    while (m_fibBest.Size() <= d)
    {
        m_fibBest.Grow(); // in blocks: never moved, no slack beyond the last block
    }
    m_fibBest[d] = id + 1;
}

template <typename F>
void
RtmTable<F>::ReleaseForward(uint32_t d)
{
    uint32_t old = FibValue(d);
    if (old == 0)
    {
        return;
    }
    ForwardSlot& x = m_fwd[old - 1];
    if (--x.refs == 0)
    {
        m_fwdIndex.erase(x.rec);
        x.rec = Forward{};
        m_fwdFree.push_back(old - 1);
    }
    m_fibBest[d] = 0;
}

template <typename F>
bool
RtmTable<F>::CheckForwardRecords() const
{
    if (!m_fib[0])
    {
        return true;
    }
    std::vector<uint32_t> refs(m_fwd.size(), 0);
    for (uint32_t d = 0; d < m_fibBest.Size(); ++d)
    {
        uint32_t value = m_fibBest[d];
        if (value != 0)
        {
            if (!m_dests.IsLive(d) || value > m_fwd.size())
            {
                return false; // a freed destination kept its record
            }
            ++refs[value - 1];
        }
    }
    for (uint32_t i = 0; i < m_fwd.size(); ++i)
    {
        auto it = m_fwdIndex.find(m_fwd[i].rec);
        if (refs[i] != m_fwd[i].refs ||
            (refs[i] != 0 && (it == m_fwdIndex.end() || it->second != i)))
        {
            return false;
        }
    }
    for (uint32_t d = 0; d < m_dests.Slots(); ++d)
    {
        if (!m_dests.IsLive(d))
        {
            continue;
        }
        uint32_t r = BestRoute(d, RTM_VIEW_ID_UCAST);
        uint32_t value = FibValue(d);
        if ((r == kNone) != (value == 0) ||
            (r != kNone && !(m_fwd[value - 1].rec == ComputeForward(r))))
        {
            return false;
        }
        // The FIB leaf is the record (decision 37): the packet path and the index agree.
        const Forward* f = FibLookupForward(m_dests[d].key);
        uint32_t viaIndex = FibLookupRoute(RTM_VIEW_ID_UCAST, m_dests[d].key);
        if ((f == nullptr) != (viaIndex == kNone) ||
            (f != nullptr && !(*f == ComputeForward(viaIndex))))
        {
            return false;
        }
    }
    return true;
}

template <typename F>
bool
RtmTable<F>::CheckIndex() const
{
    if (!m_prefixes.Check())
    {
        return false;
    }
    std::size_t live = 0;
    uint32_t pooled = 0;
    for (uint32_t d = 0; d < m_dests.Slots(); ++d)
    {
        if (!m_dests.IsLive(d))
        {
            continue;
        }
        ++live;
        if (m_prefixes.Find(m_dests[d].key, m_dests[d].len) != d)
        {
            return false;
        }
        // Its routes (decision 43): a normal list, live routes of this destination, sorted.
        const Dest& x = m_dests[d];
        RtmSlotSpan rs = RoutesOf(x);
        pooled += RtmSlotPool::IsPooled(x.routes);
        if (!m_routeLists.IsNormal(x.routes))
        {
            return false;
        }
        for (uint32_t i = 0; i < rs.size(); ++i)
        {
            if (!m_routes.IsLive(rs[i]) || m_routes[rs[i]].dest != d ||
                (i > 0 && !LessRoute(rs[i - 1], rs[i])))
            {
                return false;
            }
        }
        // The unicast FIB's value of the prefix (decisions 35, 37, 41): the forwarding record of
        // its best unicast route + 1, equal to what the route forwards as it stands.
        uint32_t best = m_fib[0] ? BestRoute(d, RTM_VIEW_ID_UCAST) : kNone;
        uint32_t value = FibValue(d);
        if (best == kNone ? value != 0
                          : (value == 0 || value > m_fwd.size() ||
                             !(m_fwd[value - 1].rec == ComputeForward(best))))
        {
            return false;
        }
    }
    std::size_t valued = 0;
    for (uint32_t n = m_prefixes.First(); n != kNone; n = m_prefixes.Next(n))
    {
        if (!m_dests.IsLive(n))
        {
            return false;
        }
        ++valued;
    }
    return live == valued && pooled == m_routeLists.PooledCount() && CheckRouteColumns();
}

template <typename F>
bool
RtmTable<F>::CheckRouteColumns() const
{
    // The lazy columns (decisions 38, 43): a freed slot has nothing in them; a live route's
    // tracking record names it back, and every tracking record belongs to a live tracked route; a
    // neighbour is a live next hop; a route is held by some view exactly when it is deleted. The
    // next-hop lists (decision 43): pooled exactly when they must be, the pool holding no other.
    uint32_t tracked = 0;
    uint32_t pooled = 0;
    for (uint32_t r = 0; r < m_routes.Slots(); ++r)
    {
        const Route& x = m_routes[r];
        uint32_t neighbour = NeighbourOf(r);
        if (!m_routes.IsLive(r))
        {
            if (x.tracked || m_trackedOf.Get(r) != 0 || neighbour != kNone ||
                m_routeInfo.Get(r) != 0 || m_routeFlags1.Get(r) != 0 || m_routeHolds.Get(r) != 0 ||
                !x.nextHops.empty())
            {
                return false;
            }
            continue;
        }
        pooled += RtmSlotPool::IsPooled(x.nextHops);
        if (!m_hopLists.IsNormal(x.nextHops) ||
            (neighbour != kNone && !m_nextHops.IsLive(neighbour)) ||
            (x.state == RTM_ROUTE_STATE_DELETED) != (m_routeHolds.Get(r) != 0))
        {
            return false;
        }
        if (!x.tracked)
        {
            if (m_trackedOf.Get(r) != 0)
            {
                return false;
            }
            continue;
        }
        uint32_t t = TrackedOf(r);
        if (!m_tracked.IsLive(t) || m_tracked[t].route != r)
        {
            return false;
        }
        ++tracked;
    }
    return tracked == m_tracked.LiveCount() && pooled == m_hopLists.PooledCount();
}

template <typename F>
RtmFib<F>*
RtmTable<F>::EnableMulticastFib() const
{
    if (!(m_cfg.viewsSupported & RTM_VIEW_MASK_MCAST) || m_disposed)
    {
        return nullptr;
    }
    m_fib[1] = std::make_unique<RtmFib<F>>(&m_fibStore, RTM_VIEW_ID_MCAST);
    for (uint32_t n = m_prefixes.First(); n != kNone; n = m_prefixes.Next(n))
    {
        uint32_t r = BestRoute(n, RTM_VIEW_ID_MCAST);
        if (r != kNone)
        {
            m_fib[1]->Changed(m_dests[n].key, m_dests[n].len, 0, r + 1);
        }
    }
    return m_fib[1].get();
}

template <typename F>
uint32_t
RtmTable<F>::NextSeq()
{
    if (m_routeSeq >= kMaxSeq)
    {
        // Renumber the live routes in their order (Route::seq has 28 bits, decision 43: after
        // about 268 million creations), and move the cursors of route enumerations with them: a
        // cursor at old order s goes to the number of live routes at or before s, so an
        // enumeration neither skips nor repeats a route.
        std::vector<std::pair<uint32_t, uint32_t>> live;
        for (uint32_t r = 0; r < m_routes.Slots(); ++r)
        {
            if (m_routes.IsLive(r))
            {
                live.emplace_back(static_cast<uint32_t>(m_routes[r].seq), r);
            }
        }
        std::sort(live.begin(), live.end());
        for (uint32_t i = 0; i < m_enums.Slots(); ++i)
        {
            if (m_enums.IsLive(i) && m_enums[i].kind == EnumKind::Route)
            {
                uint64_t& cursor = m_enums[i].curRoute[2];
                auto at = std::upper_bound(live.begin(),
                                           live.end(),
                                           std::make_pair(static_cast<uint32_t>(cursor), kNone));
                cursor = static_cast<uint64_t>(at - live.begin());
            }
        }
        m_routeSeq = 0;
        for (const auto& x : live)
        {
            m_routes[x.second].seq = ++m_routeSeq;
        }
    }
    return ++m_routeSeq;
}

template <typename F>
void
RtmTable<F>::SkipRouteSeq(uint32_t count)
{
    m_routeSeq = count > kMaxSeq - m_routeSeq ? kMaxSeq : m_routeSeq + count;
}

template <typename F>
void
RtmTable<F>::Emit(uint32_t d,
                  const BestSnapshot& before,
                  const ChangeSet& extra,
                  uint32_t changedRoute,
                  bool contentChanged,
                  bool fwdContentChanged,
                  uint32_t& changeFlags)
{
    BestSnapshot after;
    Snapshot(d, after);
    ChangeSet c = extra;
    bool bestFlag = false;
    for (RtmViewSet vs = m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
    {
        RtmViewId v = __builtin_ctz(vs);
        RtmViewSet bit = RtmViewMask(v);
        if (before.route[v] != after.route[v])
        {
            c.all |= bit;
            c.best |= bit;
            c.fwd |= bit;
            bestFlag = true;
        }
        else if (after.route[v] != kNone && after.route[v] == changedRoute && contentChanged)
        {
            c.best |= bit;
            if (fwdContentChanged)
            {
                c.fwd |= bit;
            }
        }
        if (changedRoute != kNone &&
            (before.route[v] == changedRoute || after.route[v] == changedRoute))
        {
            bestFlag = true;
        }
    }
    if (bestFlag)
    {
        changeFlags |= RTM_ROUTE_CHANGE_BEST;
    }
    Publish(d, before, after, c);
}

template <typename F>
void
RtmTable<F>::Publish(uint32_t d,
                     const BestSnapshot& before,
                     const BestSnapshot& after,
                     const ChangeSet& c)
{
    uint32_t best = m_fib[0] ? after.route[RTM_VIEW_ID_UCAST] : kNone;
    uint32_t oldUcast = FibValue(d);
    if (best == kNone)
    {
        ReleaseForward(d);
    }
    else if (best != before.route[RTM_VIEW_ID_UCAST] ||
             ((c.all | c.best | c.fwd) & RTM_VIEW_MASK_UCAST) != 0 || oldUcast == 0)
    {
        SetForward(d, best); // what the route forwarding this prefix now does, as it stands
    }
    UpdateFib(d, before, after, oldUcast); // after the record: it is the unicast FIB's value

    if (c.best != 0 && !m_instance->m_bestChanged.IsEmpty())
    {
        const RtmNetAddress prefix = DestAddress(d);
        for (RtmViewSet vs = c.best; vs != 0; vs &= vs - 1)
        {
            RtmViewId v = __builtin_ctz(vs);
            m_instance->m_bestChanged(F::kAf, prefix, v, after.route[v] != kNone);
        }
    }
    if ((c.all | c.best | c.fwd) != 0)
    {
        EmitChange(d, c);
    }
}

template <typename F>
void
RtmTable<F>::EmitChange(uint32_t d, const ChangeSet& c)
{
    m_dests[d].SetLastChanged(Simulator::Now().GetTimeStep());
    for (uint32_t n : m_notifyList)
    {
        const Notify& x = m_notifies[n];
        bool match = ((x.flags & RTM_CHANGE_TYPE_ALL) && (c.all & x.views)) ||
                     ((x.flags & RTM_CHANGE_TYPE_BEST) && (c.best & x.views)) ||
                     ((x.flags & RTM_CHANGE_TYPE_FORWARDING) && (c.fwd & x.views));
        if (!match)
        {
            continue;
        }
        if ((x.flags & RTM_NOTIFY_ONLY_MARKED_DESTS) && !TestBit(x.marks, d))
        {
            continue;
        }
        Enqueue(n, d);
    }
}

// ---------------------------------------------------------------- next hops

template <typename F>
RtmStatus
RtmTable<F>::AddNextHop(uint32_t e,
                        uint32_t g,
                        const RtmNextHopInfo& info,
                        RtmNextHopHandle& h,
                        uint32_t& changeFlags)
{
    Entity* me = Caller(e, g);
    if (me == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    const RtmNetAddress& a = info.nextHopAddress;
    if (a.addressFamily != F::kAf || a.numBits != F::kBits)
    {
        return RtmStatus::InvalidParameter;
    }
    bool remote = (info.flags & RTM_NEXTHOP_FLAGS_REMOTE) != 0;
    uint32_t ifIndex = remote ? 0 : info.interfaceIndex;
    if (!remote && !m_instance->OwnsInterface(F::kAf, ifIndex))
    {
        return RtmStatus::InvalidParameter;
    }
    Key key = Ops::FromNetAddress(a);
    uint32_t n;
    bool created = false;
    if (!h.IsNull())
    {
        if (!NextHopOk(h))
        {
            return RtmStatus::InvalidHandle;
        }
        n = h.index;
        const NextHop& x = m_nextHops[n];
        if (x.owner != e)
        {
            return RtmStatus::AccessDenied;
        }
        if (x.state == RTM_NEXTHOP_STATE_DELETED || x.addr != key || x.ifIndex != ifIndex ||
            ((x.flags ^ info.flags) & RTM_NEXTHOP_FLAGS_REMOTE))
        {
            return RtmStatus::InvalidParameter;
        }
    }
    else
    {
        auto it = me->nextHops.find({key, ifIndex});
        if (it != me->nextHops.end())
        {
            n = it->second;
            if ((m_nextHops[n].flags ^ info.flags) & RTM_NEXTHOP_FLAGS_REMOTE)
            {
                return RtmStatus::InvalidParameter;
            }
        }
        else
        {
            n = m_nextHops.Alloc();
            NextHop& x = m_nextHops[n];
            x.addr = key;
            x.ifIndex = ifIndex;
            x.owner = static_cast<uint16_t>(e);
            x.state = RTM_NEXTHOP_STATE_CREATED;
            x.flags = info.flags;
            x.entityInfo = info.entitySpecificInfo;
            m_entities[e].nextHops[{key, ifIndex}] = n;
            IndexNextHop(n);
            created = true;
        }
    }
    NextHop& x = m_nextHops[n];
    bool flagsChanged = !created && x.flags != info.flags;
    bool infoChanged = !created && x.entityInfo != info.entitySpecificInfo;
    x.flags = info.flags;
    x.entityInfo = info.entitySpecificInfo;
    changeFlags = created ? RTM_NEXTHOP_CHANGE_NEW : 0;
    h = NextHopHandle(n);
    if (flagsChanged || infoChanged)
    {
        NextHopChanged(n, flagsChanged);
    }
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::FindNextHop(uint32_t e,
                         uint32_t g,
                         const RtmNextHopInfo& info,
                         RtmNextHopHandle& h) const
{
    const Entity* me = Caller(e, g);
    if (me == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    const RtmNetAddress& a = info.nextHopAddress;
    if (a.addressFamily != F::kAf || a.numBits != F::kBits)
    {
        return RtmStatus::InvalidParameter;
    }
    bool remote = (info.flags & RTM_NEXTHOP_FLAGS_REMOTE) != 0;
    auto it = me->nextHops.find({Ops::FromNetAddress(a), remote ? 0 : info.interfaceIndex});
    if (it == me->nextHops.end())
    {
        return RtmStatus::NotFound;
    }
    h = NextHopHandle(it->second);
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::DeleteNextHop(uint32_t e, uint32_t g, RtmNextHopHandle h, const RtmNextHopInfo* info)
{
    Entity* me = Caller(e, g);
    if (me == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    uint32_t n;
    if (!h.IsNull())
    {
        if (!NextHopOk(h))
        {
            return RtmStatus::InvalidHandle;
        }
        n = h.index;
        if (m_nextHops[n].owner != e)
        {
            return RtmStatus::AccessDenied;
        }
        if (m_nextHops[n].state == RTM_NEXTHOP_STATE_DELETED)
        {
            return RtmStatus::NotFound;
        }
    }
    else if (info != nullptr)
    {
        RtmNextHopHandle found;
        RtmStatus st = FindNextHop(e, g, *info, found);
        if (st != RtmStatus::Success)
        {
            return st;
        }
        n = found.index;
    }
    else
    {
        return RtmStatus::InvalidParameter;
    }
    NextHop& x = m_nextHops[n];
    me->nextHops.erase({x.addr, x.ifIndex});
    x.state = RTM_NEXTHOP_STATE_DELETED;
    if (x.uses == 0)
    {
        FreeNextHop(n);
    }
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::GetNextHopInfo(uint32_t e, uint32_t g, RtmNextHopHandle h, RtmNextHopInfo& info) const
{
    if (Caller(e, g) == nullptr || !NextHopOk(h))
    {
        return RtmStatus::InvalidHandle;
    }
    const NextHop& x = m_nextHops[h.index];
    info.nextHopAddress = Ops::ToNetAddress(x.addr, F::kBits);
    info.nextHopOwner = EntityHandle(x.owner);
    info.interfaceIndex = x.ifIndex;
    info.state = x.state;
    info.flags = x.flags;
    info.entitySpecificInfo = x.entityInfo;
    info.remoteNextHop = RtmDestHandle();
    if (x.flags & RTM_NEXTHOP_FLAGS_REMOTE)
    {
        uint32_t node = m_prefixes.Longest(x.addr, F::kBits, [this](uint32_t d) {
            return BestRoute(d, RTM_VIEW_ID_UCAST) != kNone;
        });
        if (node != kNone)
        {
            info.remoteNextHop = DestHandle(node);
        }
    }
    return RtmStatus::Success;
}

// ---------------------------------------------------------------- routes

template <typename F>
RtmStatus
RtmTable<F>::ValidateRoute(uint32_t e, const RtmRouteInfo& info, RtmRouteListHandle list) const
{
    if (info.belongsToViews == 0)
    {
        return RtmStatus::InvalidParameter;
    }
    if (info.belongsToViews & ~m_cfg.viewsSupported)
    {
        return RtmStatus::NotSupported;
    }
    if (info.nextHops.size() > m_cfg.maxNextHopsInRoute)
    {
        return RtmStatus::InvalidParameter;
    }
    for (std::size_t i = 0; i < info.nextHops.size(); ++i)
    {
        const RtmNextHopHandle& h = info.nextHops[i];
        if (!NextHopOk(h))
        {
            return RtmStatus::InvalidHandle;
        }
        if (m_nextHops[h.index].owner != e)
        {
            return RtmStatus::AccessDenied;
        }
        if (m_nextHops[h.index].state == RTM_NEXTHOP_STATE_DELETED)
        {
            return RtmStatus::InvalidParameter;
        }
        for (std::size_t j = 0; j < i; ++j)
        {
            if (info.nextHops[j] == h)
            {
                return RtmStatus::InvalidParameter;
            }
        }
    }
    if (!info.neighbour.IsNull())
    {
        if (!NextHopOk(info.neighbour))
        {
            return RtmStatus::InvalidHandle;
        }
        if (m_nextHops[info.neighbour.index].owner != e)
        {
            return RtmStatus::AccessDenied;
        }
        if (m_nextHops[info.neighbour.index].state == RTM_NEXTHOP_STATE_DELETED)
        {
            return RtmStatus::InvalidParameter;
        }
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
    return RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::SetNextHops(uint32_t slot, const RtmRouteInfo& info)
{
    Route& r = m_routes[slot];
    // Take the new references before dropping the old ones, so a kept next hop is never freed.
    uint32_t neighbour = info.neighbour.IsNull() ? kNone : info.neighbour.index;
    for (const auto& h : info.nextHops)
    {
        ++m_nextHops[h.index].uses;
    }
    if (neighbour != kNone)
    {
        ++m_nextHops[neighbour].uses;
    }
    auto release = [this](uint32_t n) {
        NextHop& x = m_nextHops[n];
        if (--x.uses == 0 && x.state == RTM_NEXTHOP_STATE_DELETED)
        {
            FreeNextHop(n);
        }
    };
    uint32_t oldNeighbour = NeighbourOf(slot);
    if (oldNeighbour != kNone)
    {
        release(oldNeighbour);
    }
    for (uint32_t n : NextHopsOf(r))
    {
        release(n);
    }
    uint32_t count = static_cast<uint32_t>(info.nextHops.size());
    if (count <= 1)
    {
        uint32_t one = count == 1 ? info.nextHops[0].index : 0;
        m_hopLists.Assign(r.nextHops, &one, count);
    }
    else
    {
        std::vector<uint32_t> slots(count);
        for (uint32_t i = 0; i < count; ++i)
        {
            slots[i] = info.nextHops[i].index;
        }
        m_hopLists.Assign(r.nextHops, slots.data(), count);
    }
    m_routeNeighbour.Set(slot, neighbour + 1);
}

template <typename F>
void
RtmTable<F>::ReleaseRouteRefs(uint32_t r)
{
    RtmRouteInfo none;
    SetNextHops(r, none);
}

template <typename F>
void
RtmTable<F>::FreeRoute(uint32_t r)
{
    ReleaseRouteRefs(r);
    Untrack(r);
    m_routeInfo.Set(r, 0);
    m_routeFlags1.Set(r, 0);
    auto it = m_retired.find(m_routes[r].owner);
    if (it != m_retired.end() && --it->second == 0)
    {
        m_entities.Reclaim(it->first); // its last held route is gone
        m_retired.erase(it);
    }
    m_routes.Free(r);
}

template <typename F>
RtmStatus
RtmTable<F>::AddRouteToDest(uint32_t e,
                            uint32_t g,
                            RtmRouteHandle& route,
                            const RtmNetAddress& dest,
                            const RtmRouteInfo& info,
                            uint32_t ttl,
                            RtmRouteListHandle list,
                            uint32_t& changeFlags)
{
    Entity* me = Caller(e, g);
    if (me == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    Key key;
    RtmStatus st = CheckPrefix(dest, key);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    uint32_t inFlags = changeFlags;
    if ((inFlags & RTM_ROUTE_CHANGE_NEW) && (inFlags & RTM_ROUTE_CHANGE_FIRST))
    {
        return RtmStatus::InvalidParameter;
    }
    uint32_t r = kNone;
    if (!route.IsNull())
    {
        if (!RouteOk(route) || m_routes[route.index].state != RTM_ROUTE_STATE_CREATED)
        {
            return RtmStatus::InvalidHandle;
        }
        if (m_routes[route.index].owner != e)
        {
            return RtmStatus::AccessDenied;
        }
        const Dest& node = m_dests[m_routes[route.index].dest];
        if (node.key != key || node.len != dest.numBits)
        {
            return RtmStatus::InvalidParameter;
        }
        r = route.index;
    }
    st = ValidateRoute(e, info, list);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    // Without a route handle: find the destination, or create it, with one hash probe (and an
    // insertion into the prefix index).
    uint32_t d = kNone;
    bool newDest = false;
    if (r == kNone)
    {
        d = FindOrCreateDest(key, dest.numBits, newDest);
    }
    if (r == kNone && !newDest && !(inFlags & RTM_ROUTE_CHANGE_NEW))
    {
        uint32_t neighbour = info.neighbour.IsNull() ? kNone : info.neighbour.index;
        for (uint32_t x : RoutesOf(m_dests[d]))
        {
            if (m_routes[x].owner == e &&
                ((inFlags & RTM_ROUTE_CHANGE_FIRST) || NeighbourOf(x) == neighbour))
            {
                r = x;
                break;
            }
        }
    }
    bool created = false;
    if (r == kNone)
    {
        if (RoutesOf(m_dests[d]).size() >= 0xFFFF)
        {
            return RtmStatus::NoSystemResources;
        }
        r = m_routes.Alloc();
        Route& x = m_routes[r];
        x.seq = NextSeq();
        x.dest = d;
        x.owner = static_cast<uint16_t>(e);
        x.state = RTM_ROUTE_STATE_CREATED;
        created = true;
    }
    changeFlags = 0;
    st = ApplyUpdate(e, r, info, ttl, list, changeFlags, created);
    route = RouteHandle(r);
    return st;
}

template <typename F>
RtmStatus
RtmTable<F>::UpdateRoute(uint32_t e,
                         uint32_t g,
                         RtmRouteHandle route,
                         const RtmRouteInfo& info,
                         uint32_t ttl,
                         RtmRouteListHandle list,
                         uint32_t& changeFlags)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    if (!RouteOk(route) || m_routes[route.index].state != RTM_ROUTE_STATE_CREATED)
    {
        return RtmStatus::InvalidHandle;
    }
    if (m_routes[route.index].owner != e)
    {
        return RtmStatus::AccessDenied;
    }
    RtmStatus st = ValidateRoute(e, info, list);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    changeFlags = 0;
    return ApplyUpdate(e, route.index, info, ttl, list, changeFlags, false);
}

template <typename F>
RtmStatus
RtmTable<F>::ApplyUpdate(uint32_t e,
                         uint32_t r,
                         const RtmRouteInfo& info,
                         uint32_t ttl,
                         RtmRouteListHandle list,
                         uint32_t& changeFlags,
                         bool created)
{
    uint32_t d = m_routes[r].dest;
    BestSnapshot before;
    Snapshot(d, before);
    Route& x = m_routes[r];
    uint32_t pref =
        info.prefInfo.preference != 0 ? info.prefInfo.preference : m_entities[e].defaultPref;
    RtmViewSet oldViews = created ? 0 : x.views;
    bool prefChanged = created || x.pref != pref || x.metric != info.prefInfo.metric;
    RtmSlotSpan oldHops = NextHopsOf(x);
    bool hopsChanged = created || oldHops.size() != info.nextHops.size();
    for (uint32_t i = 0; !hopsChanged && i < oldHops.size(); ++i)
    {
        hopsChanged = oldHops[i] != info.nextHops[i].index;
    }
    uint32_t neighbour = info.neighbour.IsNull() ? kNone : info.neighbour.index;
    uint16_t flagDiff = created ? 0xFFFF : (x.flags ^ info.flags);
    bool neighbourChanged = NeighbourOf(r) != neighbour;
    bool otherChanged = created || x.views != info.belongsToViews ||
                        m_routeFlags1.Get(r) != info.flags1 ||
                        m_routeInfo.Get(r) != info.entitySpecificInfo || neighbourChanged;
    bool anyChange = prefChanged || hopsChanged || flagDiff != 0 || otherChanged;
    if (!created && prefChanged)
    {
        UnplaceRoute(d, r);
    }
    x.pref = pref;
    x.metric = info.prefInfo.metric;
    x.views = info.belongsToViews;
    x.flags = info.flags;
    m_routeFlags1.Set(r, info.flags1);
    m_routeInfo.Set(r, info.entitySpecificInfo);
    if (hopsChanged || neighbourChanged)
    {
        if (!created)
        {
            UnlinkUsers(r);
        }
        SetNextHops(r, info);
        LinkUsers(r);
    }
    if (created || prefChanged)
    {
        PlaceRoute(d, r);
    }
    if (anyChange)
    {
        SetReach(r); // placed first: its own destination is part of its resolution
    }
    if (created)
    {
        ++m_entities[e].routes;
    }
    SetTtl(r, ttl);
    if (!list.IsNull())
    {
        RemoveFromList(r);
        RouteList& l = m_lists[list.index];
        uint64_t seq = l.nextSeq++;
        l.items[seq] = r;
        m_listPos[r] = {list.index, seq};
    }
    if (anyChange)
    {
        ChangeSet extra;
        extra.all = oldViews | info.belongsToViews;
        bool content = prefChanged || hopsChanged || flagDiff != 0;
        bool fwd = prefChanged || hopsChanged || (flagDiff & RTM_ROUTE_FLAGS_FORWARDING_RELEVANT);
        Emit(d, before, extra, r, content, fwd, changeFlags);
        Cascade(d);
    }
    else
    {
        // Nothing changed but the TTL: still report whether this route is a best route.
        BestSnapshot after;
        Snapshot(d, after);
        for (RtmViewSet vs = m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
        {
            if (after.route[__builtin_ctz(vs)] == r)
            {
                changeFlags |= RTM_ROUTE_CHANGE_BEST;
            }
        }
    }
    if (created)
    {
        changeFlags |= RTM_ROUTE_CHANGE_NEW;
        if (!m_instance->m_routeAdded.IsEmpty())
        {
            m_instance->m_routeAdded(F::kAf,
                                     DestAddress(d),
                                     m_entities[e].info.entityId.entityProtocolId);
        }
    }
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::DeleteRouteToDest(uint32_t e, uint32_t g, RtmRouteHandle route, uint32_t& changeFlags)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    if (!RouteOk(route) || m_routes[route.index].state != RTM_ROUTE_STATE_CREATED)
    {
        return RtmStatus::InvalidHandle;
    }
    if (m_routes[route.index].owner != e)
    {
        return RtmStatus::AccessDenied;
    }
    changeFlags = 0;
    DeleteRoute(route.index, changeFlags);
    return RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::DeleteRoute(uint32_t r, uint32_t& changeFlags)
{
    uint32_t d = m_routes[r].dest;
    BestSnapshot before;
    Snapshot(d, before);
    UnplaceRoute(d, r);
    RemoveFromList(r);
    UnlinkUsers(r);
    Untrack(r);
    Route& x = m_routes[r];
    --m_entities[x.owner].routes;
    m_ttlStamp.erase(r);
    x.state = RTM_ROUTE_STATE_DELETED;
    RtmViewSet lastIn = 0;
    for (RtmViewSet vs = x.views & m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
    {
        RtmViewSet bit = vs & (~vs + 1);
        bool other = false;
        for (uint32_t y : RoutesOf(m_dests[d]))
        {
            if (m_routes[y].views & bit)
            {
                other = true;
                break;
            }
        }
        if (!other)
        {
            lastIn |= bit;
        }
    }
    uint32_t protocol = m_entities[x.owner].info.entityId.entityProtocolId;
    StartHold(d, r, lastIn);
    ChangeSet extra;
    extra.all = m_routes[r].views;
    Emit(d, before, extra, kNone, false, false, changeFlags);
    Cascade(d);
    if (!m_instance->m_routeDeleted.IsEmpty())
    {
        m_instance->m_routeDeleted(F::kAf, DestAddress(d), protocol);
    }
    if (m_routeHolds.Get(r) == 0)
    {
        FreeRoute(r);
    }
    MaybeFreeDest(d);
}

template <typename F>
RtmStatus
RtmTable<F>::GetRouteInfo(uint32_t e,
                          uint32_t g,
                          RtmRouteHandle route,
                          RtmRouteInfo* info,
                          RtmNetAddress* dest) const
{
    if (Caller(e, g) == nullptr || !RouteOk(route))
    {
        return RtmStatus::InvalidHandle;
    }
    if (info != nullptr)
    {
        FillRouteInfo(route.index, *info);
    }
    if (dest != nullptr)
    {
        *dest = DestAddress(m_routes[route.index].dest);
    }
    return RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::FillRouteInfo(uint32_t r, RtmRouteInfo& info) const
{
    const Route& x = m_routes[r];
    info.destHandle = DestHandle(x.dest);
    info.routeOwner = EntityHandle(x.owner);
    uint32_t neighbour = NeighbourOf(r);
    info.neighbour = neighbour == kNone ? RtmNextHopHandle() : NextHopHandle(neighbour);
    info.state = x.state;
    info.flags1 = m_routeFlags1.Get(r);
    info.flags = x.flags;
    info.prefInfo.preference = x.pref;
    info.prefInfo.metric = x.metric;
    info.belongsToViews = x.views;
    info.entitySpecificInfo = m_routeInfo.Get(r);
    info.nextHops.clear();
    for (uint32_t n : NextHopsOf(x))
    {
        info.nextHops.push_back(NextHopHandle(n));
    }
}

template <typename F>
RtmStatus
RtmTable<F>::IsBestRoute(uint32_t e, uint32_t g, RtmRouteHandle route, RtmViewSet& views) const
{
    if (Caller(e, g) == nullptr || !RouteOk(route))
    {
        return RtmStatus::InvalidHandle;
    }
    views = 0;
    const Route& x = m_routes[route.index];
    if (x.state != RTM_ROUTE_STATE_CREATED)
    {
        return RtmStatus::Success;
    }
    for (RtmViewSet vs = x.views & m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
    {
        RtmViewId v = __builtin_ctz(vs);
        if (BestRoute(x.dest, v) == route.index)
        {
            views |= RtmViewMask(v);
        }
    }
    return RtmStatus::Success;
}

// ---------------------------------------------------------------- hold-down

template <typename F>
RtmStatus
RtmTable<F>::HoldDestination(uint32_t e,
                             uint32_t g,
                             RtmDestHandle dest,
                             RtmViewSet views,
                             uint32_t holdTime)
{
    if (Caller(e, g) == nullptr || !DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckViews(views); // arguments in order (decisions: bad input)
    if (st != RtmStatus::Success)
    {
        return st;
    }
    if (holdTime == 0)
    {
        return RtmStatus::InvalidParameter;
    }
    views = ResolveViews(views);
    uint32_t d = dest.index;
    Hold& h = m_holds[d];
    h.armed |= views;
    h.holdMs = std::max(h.holdMs, holdTime); // decision 6: 0 again once nothing is armed
    // A running hold of these views lasts at least until now + holdTime (RTM_INFINITE: no end).
    int64_t until = holdTime == RTM_INFINITE
                        ? INT64_MAX
                        : (Simulator::Now() + MilliSeconds(holdTime)).GetTimeStep();
    for (auto& hv : h.held)
    {
        if ((views & RtmViewMask(hv.view)) && hv.expiry < until)
        {
            hv.expiry = until;
            hv.event.Cancel();
            if (until == INT64_MAX)
            {
                continue;
            }
            uint32_t dgen = m_dests.Gen(d);
            RtmViewId v = hv.view;
            uint32_t route = hv.route;
            std::weak_ptr<char> alive = m_alive;
            hv.event =
                RtmSchedule(TimeStep(until) - Simulator::Now(), [this, alive, d, dgen, v, route]() {
                    if (!alive.expired())
                    {
                        HoldExpired(d, dgen, v, route);
                    }
                });
        }
    }
    return RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::StartHold(uint32_t d, uint32_t r, RtmViewSet lastIn)
{
    auto it = m_holds.find(d);
    if (it == m_holds.end())
    {
        return;
    }
    Hold& h = it->second;
    RtmViewSet views = lastIn & h.armed;
    if (views == 0)
    {
        return;
    }
    int64_t now = Simulator::Now().GetTimeStep();
    bool infinite = h.holdMs == RTM_INFINITE;
    int64_t until =
        infinite ? INT64_MAX : (Simulator::Now() + MilliSeconds(h.holdMs)).GetTimeStep();
    uint32_t dgen = m_dests.Gen(d);
    for (RtmViewSet vs = views; vs != 0; vs &= vs - 1)
    {
        RtmViewId v = __builtin_ctz(vs);
        int64_t expiry = until;
        for (auto hv = h.held.begin(); hv != h.held.end(); ++hv)
        {
            if (hv->view == v)
            {
                // A newer last route replaces the held one; its hold ends at now + the hold
                // time (decision 6: so an RTM_INFINITE hold ends when re-armed and replaced).
                hv->event.Cancel();
                uint32_t old = hv->route;
                h.held.erase(hv);
                --m_dests[d].refs; // taken again below for the new held route
                if (DropHold(old))
                {
                    FreeRoute(old);
                }
                break;
            }
        }
        typename Hold::View held{v, r, expiry, EventId()};
        if (expiry != INT64_MAX)
        {
            std::weak_ptr<char> alive = m_alive;
            held.event = RtmSchedule(TimeStep(expiry - now), [this, alive, d, dgen, v, r]() {
                if (!alive.expired())
                {
                    HoldExpired(d, dgen, v, r);
                }
            });
        }
        h.held.push_back(held);
        m_routeHolds.Set(r, static_cast<uint8_t>(m_routeHolds.Get(r) + 1));
        Ref(d);
    }
    h.armed &= ~views;
    if (h.armed == 0)
    {
        h.holdMs = 0;
    }
}

template <typename F>
void
RtmTable<F>::HoldExpired(uint32_t d, uint32_t dgen, RtmViewId view, uint32_t route)
{
    if (!m_dests.IsLive(d, dgen))
    {
        return;
    }
    auto it = m_holds.find(d);
    if (it == m_holds.end())
    {
        return;
    }
    Hold& h = it->second;
    for (auto hv = h.held.begin(); hv != h.held.end(); ++hv)
    {
        if (hv->view == view && hv->route == route)
        {
            h.held.erase(hv);
            if (h.held.empty() && h.armed == 0)
            {
                m_holds.erase(it);
            }
            ChangeSet c;
            c.all = RtmViewMask(view);
            c.best = RtmViewMask(view);
            EmitChange(d, c);
            if (DropHold(route))
            {
                FreeRoute(route);
            }
            Unref(d);
            return;
        }
    }
}

// ---------------------------------------------------------------- TTL

template <typename F>
void
RtmTable<F>::SetTtl(uint32_t r, uint32_t ttl)
{
    if (ttl == RTM_INFINITE)
    {
        m_ttlStamp.erase(r);
        return;
    }
    uint32_t stamp = ++m_ttlCounter;
    m_ttlStamp[r] = stamp;
    int64_t when = (Simulator::Now() + MilliSeconds(ttl)).GetTimeStep();
    m_ttl.push(TtlEntry{when, r, m_routes.Gen(r), stamp});
    if (!RtmIsPending(m_ttlEvent) || when < m_ttlEventWhen)
    {
        ScheduleTtl();
    }
}

template <typename F>
bool
RtmTable<F>::TtlValid(const TtlEntry& t) const
{
    if (!m_routes.IsLive(t.route, t.gen) || m_routes[t.route].state != RTM_ROUTE_STATE_CREATED)
    {
        return false;
    }
    auto it = m_ttlStamp.find(t.route);
    return it != m_ttlStamp.end() && it->second == t.stamp;
}

template <typename F>
void
RtmTable<F>::ScheduleTtl()
{
    // Drop stale entries at the top so the event is not scheduled for nothing.
    while (!m_ttl.empty() && !TtlValid(m_ttl.top()))
    {
        m_ttl.pop();
    }
    m_ttlEvent.Cancel();
    if (m_ttl.empty())
    {
        return;
    }
    m_ttlEventWhen = m_ttl.top().when;
    std::weak_ptr<char> alive = m_alive;
    m_ttlEvent = RtmSchedule(TimeStep(m_ttlEventWhen) - Simulator::Now(), [this, alive]() {
        if (!alive.expired())
        {
            TtlFired();
        }
    });
}

template <typename F>
void
RtmTable<F>::TtlFired()
{
    int64_t now = Simulator::Now().GetTimeStep();
    while (!m_ttl.empty() && m_ttl.top().when <= now && !m_disposed)
    {
        TtlEntry t = m_ttl.top();
        m_ttl.pop();
        if (!TtlValid(t))
        {
            continue;
        }
        uint32_t r = t.route;
        m_ttlStamp.erase(r);
        uint32_t owner = m_routes[r].owner;
        RtmStatus answer = RtmStatus::NotSupported;
        if (!m_entities[owner].callback.IsNull())
        {
            RtmEvent ev;
            ev.type = RtmEventType::RouteExpired;
            ev.route = RouteHandle(r);
            FillRouteInfo(r, ev.routeInfo);
            RtmEventCallback cb = m_entities[owner].callback;
            answer = cb(ev);
        }
        if (answer == RtmStatus::NotSupported && m_routes.IsLive(t.route, t.gen) &&
            m_routes[r].state == RTM_ROUTE_STATE_CREATED && !m_disposed)
        {
            uint32_t flags = 0;
            DeleteRoute(r, flags);
        }
    }
    if (!m_disposed)
    {
        ScheduleTtl();
    }
}

} // namespace ns3

#endif /* RTM_TABLE_ROUTE_IMPL_H */
