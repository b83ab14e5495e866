/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTable<F>, part 6: next-hop state and next-hop tracking. Included by rtm-table-ipv4.cc and
 * rtm-table-ipv6.cc only.
 *
 * Usability. A local next hop is usable when its interface is owned by the instance and up and
 * its owner did not flag it DOWN; the bit is cached in the next hop and flipped by
 * InterfaceChanged and AddNextHop. A REMOTE next hop is usable when not DOWN and it resolves;
 * resolution depends on the route that uses it (see below), so it is kept per route.
 *
 * Reachability. A route is reachable (Route::reach, read by Eligible) when it has a usable hop,
 * or no next hop at all, or one of RTM_ROUTE_FLAGS_NO_NEXTHOP_NEEDED. Routes without a REMOTE
 * next hop compute it from their next hops' bits; routes with one are "tracked": their hops
 * (interface, gateway) after resolution are cached in an m_tracked record (Route::tracked set; its
 * slot in the lazy column m_trackedOf, decision 38).
 *
 * Resolution (Resolve, EvalRoute). A REMOTE next hop of route R resolves like a packet to its
 * address: the covering destinations of the address are tried longest first, and in each the
 * routes of the unicast view that are not INACTIVE, in order; the first reachable one resolves
 * it, except that
 *  - a candidate already on the resolution chain (R itself, or a route R resolves through) is
 *    a loop: the next hop does not resolve;
 *  - a tracked candidate is evaluated again for this chain (never from its cache), so the answer
 *    is a function of the table alone, whatever order changes arrive in;
 *  - a chain of more than kMaxRecursion REMOTE next hops does not resolve;
 *  - a resolving route that needs no next hop (MYSELF, BLACKHOLE ...) or has none resolves
 *    nothing.
 * The hops are the resolving route's hops, the on-link ones (gateway 0) becoming the next hop's
 * own address, at most MaxNextHopsInRoute per REMOTE next hop.
 *
 * Tracking. What an evaluation reads is the routes of the destinations covering the addresses
 * it looked up, and the bits of their local next hops. So: after any change at destination Q
 * (a route added, updated or deleted, or a next hop of one of its routes changing state), the
 * tracked routes that looked up an address inside Q are evaluated again: the users of the
 * REMOTE next hops whose address is inside Q (m_remoteAddrs, a range query), and the routes
 * that went through such a next hop deeper in their chain (NextHop::deep). Addresses whose
 * walk stops at a longer destination than Q whatever the chain (one with a reachable route
 * without REMOTE next hops) are skipped: no evaluation reads Q for them. Re-evaluations read
 * no cache of another tracked route, so one pass is exact and nothing cascades. A route whose
 * hops or reachability changed is reported as changed: ALL in its views, FORWARDING where it is
 * best, and BEST, FORWARDING and ALL where the best route changed.
 */
#ifndef RTM_TABLE_NEXTHOP_IMPL_H
#define RTM_TABLE_NEXTHOP_IMPL_H

#include "rtm-instance.h"
#include "rtm-table.h"

#include <algorithm>

namespace ns3
{

// ---------------------------------------------------------------- indexes

template <typename F>
void
RtmTable<F>::IndexNextHop(uint32_t n)
{
    NextHop& x = m_nextHops[n];
    bool down = (x.flags & RTM_NEXTHOP_FLAGS_DOWN) != 0;
    if (x.flags & RTM_NEXTHOP_FLAGS_REMOTE)
    {
        m_remoteAddrs.emplace(x.addr, n);
        x.usable = !down;
    }
    else
    {
        m_ifNextHops[x.ifIndex].push_back(n);
        x.usable = !down && m_instance->IsInterfaceUsable(F::kAf, x.ifIndex);
    }
}

template <typename F>
void
RtmTable<F>::FreeNextHop(uint32_t n)
{
    const NextHop& x = m_nextHops[n];
    if (x.flags & RTM_NEXTHOP_FLAGS_REMOTE)
    {
        auto range = m_remoteAddrs.equal_range(x.addr);
        for (auto it = range.first; it != range.second; ++it)
        {
            if (it->second == n)
            {
                m_remoteAddrs.erase(it);
                break;
            }
        }
    }
    else
    {
        auto it = m_ifNextHops.find(x.ifIndex);
        if (it != m_ifNextHops.end())
        {
            std::vector<uint32_t>& v = it->second;
            v.erase(std::find(v.begin(), v.end(), n));
            if (v.empty())
            {
                m_ifNextHops.erase(it);
            }
        }
    }
    m_nextHops.Free(n);
}

template <typename F>
void
RtmTable<F>::LinkUsers(uint32_t r)
{
    Route& x = m_routes[r];
    RtmSlotSpan hops = NextHopsOf(x);
    for (uint32_t i = 0; i < hops.size(); ++i)
    {
        std::vector<uint32_t>& users = m_nextHops[hops[i]].users;
        uint32_t pos = static_cast<uint32_t>(users.size());
        users.push_back(r);
        if (i == 0)
        {
            x.userPos = pos;
        }
        else
        {
            m_userPos[r].push_back(pos);
        }
    }
}

template <typename F>
void
RtmTable<F>::UnlinkUsers(uint32_t r)
{
    const Route& x = m_routes[r];
    auto extra = m_userPos.find(r);
    RtmSlotSpan hops = NextHopsOf(x);
    for (uint32_t i = 0; i < hops.size(); ++i)
    {
        uint32_t n = hops[i];
        uint32_t pos = i == 0 ? x.userPos : extra->second[i - 1];
        std::vector<uint32_t>& users = m_nextHops[n].users;
        uint32_t moved = users.back();
        users[pos] = moved;
        users.pop_back();
        if (moved != r)
        {
            // The last user took this place: its position for next hop n changes.
            uint32_t j = NextHopsOf(m_routes[moved]).Find(n);
            if (j == 0)
            {
                m_routes[moved].userPos = pos;
            }
            else
            {
                m_userPos[moved][j - 1] = pos;
            }
        }
    }
    if (extra != m_userPos.end())
    {
        m_userPos.erase(extra);
    }
}

// ---------------------------------------------------------------- reachability and resolution

template <typename F>
bool
RtmTable<F>::LocalReach(const Route& x) const
{
    if (x.nextHops.empty() || (x.flags & RTM_ROUTE_FLAGS_NO_NEXTHOP_NEEDED))
    {
        return true;
    }
    for (uint32_t n : NextHopsOf(x))
    {
        if (m_nextHops[n].usable)
        {
            return true;
        }
    }
    return false;
}

template <typename F>
void
RtmTable<F>::SetReach(uint32_t r)
{
    Route& x = m_routes[r];
    bool remote = false;
    for (uint32_t n : NextHopsOf(x))
    {
        remote = remote || (m_nextHops[n].flags & RTM_NEXTHOP_FLAGS_REMOTE);
    }
    if (remote)
    {
        Retrack(r);
        return;
    }
    if (x.tracked)
    {
        Untrack(r);
    }
    x.reach = LocalReach(x);
}

template <typename F>
bool
RtmTable<F>::EvalRoute(uint32_t r,
                       uint32_t* chain,
                       uint32_t depth,
                       std::vector<Hop>& hops,
                       std::vector<uint32_t>* deep) const
{
    const Route& x = m_routes[r];
    for (uint32_t n : NextHopsOf(x))
    {
        const NextHop& h = m_nextHops[n];
        if (!(h.flags & RTM_NEXTHOP_FLAGS_REMOTE))
        {
            if (h.usable)
            {
                hops.push_back(LocalHop(x.flags, n));
            }
            continue;
        }
        if (depth > 1)
        {
            deep->push_back(n); // a route R goes through: R watches this next hop too
        }
        if (h.usable)
        {
            Resolve(h.addr, chain, depth, hops, deep);
        }
    }
    return x.nextHops.empty() || (x.flags & RTM_ROUTE_FLAGS_NO_NEXTHOP_NEEDED) || !hops.empty();
}

template <typename F>
void
RtmTable<F>::Resolve(Key addr,
                     uint32_t* chain,
                     uint32_t depth,
                     std::vector<Hop>& out,
                     std::vector<uint32_t>* deep) const
{
    if (depth > kMaxRecursion)
    {
        return;
    }
    // The destinations covering the address (longest first).
    uint32_t covering[F::kBits + 1];
    uint32_t count = 0;
    m_prefixes.Longest(addr, F::kBits, [&covering, &count](uint32_t d) {
        covering[count++] = d;
        return false;
    });
    for (uint32_t c = 0; c < count; ++c)
    {
        uint32_t d = covering[c];
        for (uint32_t r2 : RoutesOf(m_dests[d]))
        {
            const Route& y = m_routes[r2];
            if (!(y.views & RTM_VIEW_MASK_UCAST) || (y.flags & RTM_ROUTE_FLAGS_INACTIVE))
            {
                continue;
            }
            if (std::find(chain, chain + depth, r2) != chain + depth)
            {
                return; // a loop: the next hop would resolve through a route resolving it
            }
            std::vector<Hop> nested;
            bool reach;
            if (y.tracked)
            {
                chain[depth] = r2;
                reach = EvalRoute(r2, chain, depth + 1, nested, deep);
            }
            else
            {
                reach = y.reach != 0;
            }
            if (!reach)
            {
                continue;
            }
            if ((y.flags & RTM_ROUTE_FLAGS_NO_NEXTHOP_NEEDED) || y.nextHops.empty())
            {
                return; // own address, blackhole ...: nothing to send the packet to
            }
            uint32_t limit = m_cfg.maxNextHopsInRoute;
            auto add = [&out, addr](const Hop& h) {
                out.push_back(Hop{h.ifIndex, h.gateway == Key(0) ? addr : h.gateway});
            };
            if (y.tracked)
            {
                for (uint32_t i = 0; i < nested.size() && i < limit; ++i)
                {
                    add(nested[i]);
                }
                return;
            }
            uint32_t used = 0;
            for (uint32_t n2 : NextHopsOf(y))
            {
                if (m_nextHops[n2].usable && used++ < limit)
                {
                    add(LocalHop(y.flags, n2));
                }
            }
            return;
        }
    }
}

template <typename F>
bool
RtmTable<F>::Retrack(uint32_t r)
{
    Route& x = m_routes[r];
    if (!x.tracked)
    {
        uint32_t t = m_tracked.Alloc();
        m_tracked[t].route = r;
        m_trackedOf.Set(r, t);
        x.tracked = 1;
    }
    std::vector<Hop> hops;
    std::vector<uint32_t> deep;
    uint32_t chain[kMaxRecursion + 1];
    chain[0] = r;
    uint8_t reach = EvalRoute(r, chain, 1, hops, &deep) ? 1 : 0;
    std::sort(deep.begin(), deep.end());
    deep.erase(std::unique(deep.begin(), deep.end()), deep.end());
    Tracked& t = m_tracked[TrackedOf(r)];
    bool changed = reach != x.reach || hops != t.hops;
    x.reach = reach;
    t.hops.swap(hops);
    if (deep != t.deep)
    {
        Unwatch(TrackedOf(r));
        for (uint32_t n : deep)
        {
            m_nextHops[n].deep.push_back(r);
        }
        t.deep.swap(deep);
    }
    return changed;
}

template <typename F>
void
RtmTable<F>::Unwatch(uint32_t t)
{
    Tracked& x = m_tracked[t];
    for (uint32_t n : x.deep)
    {
        // The slot may have been freed (and reused) since: then the route is not in its list.
        std::vector<uint32_t>& v = m_nextHops[n].deep;
        auto it = std::find(v.begin(), v.end(), x.route);
        if (it != v.end())
        {
            *it = v.back();
            v.pop_back();
        }
    }
    x.deep.clear();
}

template <typename F>
void
RtmTable<F>::Untrack(uint32_t r)
{
    Route& x = m_routes[r];
    if (!x.tracked)
    {
        return;
    }
    uint32_t t = TrackedOf(r);
    Unwatch(t);
    m_tracked.Free(t);
    m_trackedOf.Set(r, 0);
    x.tracked = 0;
}

// ---------------------------------------------------------------- batches of state changes

template <typename F>
void
RtmTable<F>::Touch(Batch& b, uint32_t d)
{
    if (b.destIndex.emplace(d, static_cast<uint32_t>(b.dests.size())).second)
    {
        b.dests.push_back(d);
        b.before.emplace_back();
        Snapshot(d, b.before.back());
    }
}

template <typename F>
void
RtmTable<F>::MarkRoute(Batch& b, uint32_t r, uint8_t mark)
{
    auto it = b.routeIndex.emplace(r, static_cast<uint32_t>(b.routes.size()));
    if (it.second)
    {
        b.routes.emplace_back(r, mark);
    }
    else
    {
        b.routes[it.first->second].second |= mark;
    }
}

template <typename F>
void
RtmTable<F>::RunBatch(Batch& b)
{
    // 1. Routes without a REMOTE next hop follow their next hops' bits.
    for (const auto& rm : b.routes)
    {
        Route& x = m_routes[rm.first];
        if (!x.tracked)
        {
            x.reach = LocalReach(x);
        }
    }
    // 2. Tracked routes to evaluate again: the marked ones, the users (direct or deep) of the
    //    REMOTE next hops whose address is inside a changed destination or whose flags changed.
    std::vector<uint32_t> todo;
    for (const auto& rm : b.routes)
    {
        if (m_routes[rm.first].tracked)
        {
            todo.push_back(rm.first);
        }
    }
    auto watchers = [this, &todo](uint32_t n) {
        const NextHop& x = m_nextHops[n];
        todo.insert(todo.end(), x.users.begin(), x.users.end());
        todo.insert(todo.end(), x.deep.begin(), x.deep.end());
    };
    // A walk to an address never reaches a destination of length len when a longer destination
    // covering the address holds a route that stops every walk: unicast, not INACTIVE, not
    // tracked (its reachability is the same for every chain) and reachable. A change at a short
    // prefix (a default route) then skips the next hops resolved below it; the destinations that
    // changed below it have their own range query.
    auto shadowed = [this](Key addr, uint8_t len) {
        bool found = false;
        m_prefixes.Longest(addr, F::kBits, [this, len, &found](uint32_t d) {
            if (found || m_dests[d].len <= len)
            {
                return false;
            }
            for (uint32_t r : RoutesOf(m_dests[d]))
            {
                const Route& y = m_routes[r];
                if ((y.views & RTM_VIEW_MASK_UCAST) && !(y.flags & RTM_ROUTE_FLAGS_INACTIVE) &&
                    !y.tracked && y.reach)
                {
                    found = true;
                    break;
                }
            }
            return false;
        });
        return found;
    };
    if (!m_remoteAddrs.empty())
    {
        std::sort(b.prefixes.begin(), b.prefixes.end());
        b.prefixes.erase(std::unique(b.prefixes.begin(), b.prefixes.end()), b.prefixes.end());
        for (const auto& p : b.prefixes)
        {
            Key last = p.first | static_cast<Key>(~Ops::Mask(p.second));
            bool known = false;
            Key addr{};
            bool skip = false;
            for (auto it = m_remoteAddrs.lower_bound(p.first);
                 it != m_remoteAddrs.end() && it->first <= last;
                 ++it)
            {
                if (!known || it->first != addr)
                {
                    known = true;
                    addr = it->first;
                    skip = shadowed(addr, p.second);
                }
                if (!skip)
                {
                    watchers(it->second);
                }
            }
        }
    }
    for (uint32_t n : b.nextHops)
    {
        watchers(n);
    }
    std::sort(todo.begin(), todo.end());
    todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
    // 3. Evaluate them (each from the table itself, so the order does not matter).
    for (uint32_t r : todo)
    {
        if (!m_routes[r].tracked)
        {
            continue;
        }
        Touch(b, m_routes[r].dest);
        if (Retrack(r))
        {
            MarkRoute(b, r, kMarkHops);
        }
    }
    // 4. One change set per destination, in address order.
    uint32_t nd = static_cast<uint32_t>(b.dests.size());
    std::vector<BestSnapshot> after(nd);
    std::vector<ChangeSet> changes(nd);
    for (uint32_t i = 0; i < nd; ++i)
    {
        Snapshot(b.dests[i], after[i]);
    }
    for (uint32_t i = 0; i < nd; ++i)
    {
        for (RtmViewSet vs = m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
        {
            RtmViewId v = __builtin_ctz(vs);
            if (b.before[i].route[v] != after[i].route[v])
            {
                changes[i].all |= RtmViewMask(v);
                changes[i].best |= RtmViewMask(v);
                changes[i].fwd |= RtmViewMask(v);
            }
        }
    }
    for (const auto& rm : b.routes)
    {
        const Route& x = m_routes[rm.first];
        uint32_t i = b.destIndex[x.dest];
        ChangeSet& c = changes[i];
        c.all |= x.views;
        for (RtmViewSet vs = x.views & m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
        {
            RtmViewId v = __builtin_ctz(vs);
            if (after[i].route[v] != rm.first)
            {
                continue;
            }
            if (rm.second & (kMarkHops | kMarkEdit))
            {
                c.fwd |= RtmViewMask(v);
            }
            if (rm.second & kMarkEdit)
            {
                c.best |= RtmViewMask(v);
            }
        }
    }
    std::vector<uint32_t> order(nd);
    for (uint32_t i = 0; i < nd; ++i)
    {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [this, &b](uint32_t x, uint32_t y) {
        const Dest& a = m_dests[b.dests[x]];
        const Dest& c = m_dests[b.dests[y]];
        return a.key < c.key || (a.key == c.key && a.len < c.len);
    });
    for (uint32_t i : order)
    {
        Publish(b.dests[i], b.before[i], after[i], changes[i]);
    }
}

template <typename F>
void
RtmTable<F>::TouchBase(Batch& b, uint32_t d)
{
    Touch(b, d);
    const Dest& node = m_dests[d];
    b.prefixes.emplace_back(node.key, node.len);
}

template <typename F>
void
RtmTable<F>::Cascade(uint32_t d)
{
    if (m_remoteAddrs.empty())
    {
        return;
    }
    const Dest& node = m_dests[d];
    if (m_deferred != nullptr)
    {
        m_deferred->emplace_back(node.key, node.len);
        return;
    }
    Batch b;
    b.prefixes.emplace_back(node.key, node.len);
    RunBatch(b);
}

template <typename F>
void
RtmTable<F>::InterfaceChanged(uint32_t ifIndex)
{
    if (m_disposed)
    {
        return;
    }
    auto it = m_ifNextHops.find(ifIndex);
    if (it == m_ifNextHops.end())
    {
        return;
    }
    uint8_t usable = m_instance->IsInterfaceUsable(F::kAf, ifIndex) ? 1 : 0;
    Batch b;
    for (uint32_t n : it->second)
    {
        NextHop& x = m_nextHops[n];
        uint8_t now = (x.flags & RTM_NEXTHOP_FLAGS_DOWN) ? 0 : usable;
        if (now == x.usable)
        {
            continue;
        }
        x.usable = now;
        for (uint32_t r : x.users)
        {
            TouchBase(b, m_routes[r].dest);
            MarkRoute(b, r, kMarkHops);
        }
    }
    RunBatch(b);
}

template <typename F>
void
RtmTable<F>::NextHopChanged(uint32_t n, bool flagsChanged)
{
    NextHop& x = m_nextHops[n];
    uint8_t now = (x.flags & RTM_NEXTHOP_FLAGS_DOWN) ? 0 : 1;
    if (!(x.flags & RTM_NEXTHOP_FLAGS_REMOTE) && now)
    {
        now = m_instance->IsInterfaceUsable(F::kAf, x.ifIndex) ? 1 : 0;
    }
    bool flipped = now != x.usable;
    x.usable = now;
    Batch b;
    if (flipped && (x.flags & RTM_NEXTHOP_FLAGS_REMOTE))
    {
        b.nextHops.push_back(n);
    }
    uint8_t mark = flagsChanged ? kMarkEdit : kMarkInfo;
    if (flipped && !(x.flags & RTM_NEXTHOP_FLAGS_REMOTE))
    {
        mark |= kMarkHops;
    }
    for (uint32_t r : x.users)
    {
        TouchBase(b, m_routes[r].dest);
        MarkRoute(b, r, mark);
    }
    RunBatch(b);
}

} // namespace ns3

#endif /* RTM_TABLE_NEXTHOP_IMPL_H */
