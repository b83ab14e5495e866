/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTable<F>, part 5: printing and memory accounting.
 * Included by rtm-table-ipv4.cc and rtm-table-ipv6.cc only.
 */
#ifndef RTM_TABLE_PRINT_IMPL_H
#define RTM_TABLE_PRINT_IMPL_H

#include "rtm-table.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

template <typename F>
void
RtmTable<F>::Print(std::ostream& os) const
{
    static const char* kViewNames[] = {"unicast", "multicast"};
    for (RtmViewSet vs = m_cfg.viewsSupported; vs != 0; vs &= vs - 1)
    {
        RtmViewId v = __builtin_ctz(vs);
        os << "  view " << (v < 2 ? kViewNames[v] : std::to_string(v).c_str()) << " ("
           << (F::kAf == RTM_AF_INET ? "IPv4" : "IPv6") << "; * best, H held)\n";
        bool any = false;
        for (uint32_t n = m_prefixes.First(); n != kNone; n = m_prefixes.Next(n))
        {
            uint32_t d = n;
            const Hold* hold = HoldOf(d);
            bool heldHere = false;
            if (hold != nullptr)
            {
                for (const auto& hv : hold->held)
                {
                    heldHere = heldHere || hv.view == v;
                }
            }
            if (!VisibleIn(d, RtmViewMask(v)) && !heldHere)
            {
                continue;
            }
            any = true;
            os << "    " << DestAddress(d) << "\n";
            uint32_t best = BestRoute(d, v);
            auto line = [&](uint32_t r, const char* mark) {
                const Route& x = m_routes[r];
                const RtmEntityId& id = m_entities[x.owner].info.entityId;
                os << "      " << mark << " " << RtmProtocolName(id.entityProtocolId);
                if (id.entityInstanceId != 0)
                {
                    os << "/" << id.entityInstanceId;
                }
                os << " pref " << x.pref << " metric " << x.metric;
                if (x.flags != 0)
                {
                    os << " [" << RtmRouteFlagsString(x.flags) << "]";
                }
                os << " via";
                if (x.nextHops.empty())
                {
                    os << " -";
                }
                for (uint32_t h : NextHopsOf(x))
                {
                    const NextHop& nh = m_nextHops[h];
                    os << " " << Ops::ToNetAddress(nh.addr, F::kBits).AddressString();
                    if (nh.flags & RTM_NEXTHOP_FLAGS_REMOTE)
                    {
                        os << " (remote)";
                    }
                    else
                    {
                        os << " if " << nh.ifIndex;
                    }
                    if (!nh.usable)
                    {
                        os << " (down)";
                    }
                }
                if (x.state == RTM_ROUTE_STATE_CREATED && !x.reach)
                {
                    os << " (no usable next hop)";
                }
                os << "\n";
            };
            for (uint32_t r : RoutesOf(m_dests[d]))
            {
                if (m_routes[r].views & RtmViewMask(v))
                {
                    line(r, r == best ? "*" : " ");
                }
            }
            if (heldHere)
            {
                for (const auto& hv : hold->held)
                {
                    if (hv.view == v)
                    {
                        line(hv.route, "H");
                    }
                }
            }
        }
        if (!any)
        {
            os << "    (empty)\n";
        }
    }
}

template <typename F>
void
RtmTable<F>::PrintMemory(std::ostream& os) const
{
    std::size_t routeHeap = m_hopLists.MemoryBytes();
    std::size_t destHeap = m_routeLists.MemoryBytes();
    os << "routes: " << m_routes.LiveCount() << " x " << sizeof(Route) << " B, slab "
       << m_routes.MemoryBytes() << " B, lists of 2+ next hops " << m_hopLists.PooledCount() << ", "
       << routeHeap << " B; lazy columns: owner's words " << m_routeInfo.MemoryBytes()
       << " B, neighbours " << m_routeNeighbour.MemoryBytes() << " B, tracking slots "
       << m_trackedOf.MemoryBytes() << " B, RTMv1 flags " << m_routeFlags1.MemoryBytes()
       << " B, holds " << m_routeHolds.MemoryBytes() << " B\n";
    os << "destinations: " << m_dests.LiveCount() << " x " << sizeof(Dest) << " B, slab "
       << m_dests.MemoryBytes() << " B, lists of 2+ routes " << m_routeLists.PooledCount() << ", "
       << destHeap << " B\n";
    os << "prefix index: " << m_prefixes.NodeCount() << " prefixes (records: the destinations), "
       << m_prefixes.MemoryBytes() << " B (order " << m_prefixes.OrderBytes() << " B, hash "
       << m_prefixes.HashBytes() << " B)\n";
    for (int v = 0; v < 2; ++v)
    {
        if (m_fib[v])
        {
            os << (v == 0 ? "unicast" : "multicast") << " FIB: " << m_fib[v]->Size()
               << " prefixes, lookup " << m_fib[v]->LookupBytes() << " B, total "
               << m_fib[v]->TotalBytes() << " B\n";
        }
    }
    std::size_t userHeap = 0;
    for (uint32_t n = 0; n < m_nextHops.Slots(); ++n)
    {
        userHeap +=
            (m_nextHops[n].users.capacity() + m_nextHops[n].deep.capacity()) * sizeof(uint32_t);
    }
    os << "next hops: " << m_nextHops.LiveCount() << ", slab " << m_nextHops.MemoryBytes()
       << " B, route lists (next-hop state index) " << userHeap << " B; tracked routes "
       << m_tracked.LiveCount() << "\n";
    os << "forwarding records: " << m_fwdIndex.size() << " for "
       << (m_fib[0] ? m_fib[0]->Size() : 0)
       << " unicast FIB prefixes, FIB values (record by destination) " << m_fibBest.MemoryBytes()
       << " B\n";
    os << "TTL heap entries: " << m_ttl.size() << ", TTL stamps: " << m_ttlStamp.size() << "\n";
    os << "total (estimate): " << MemoryBytes() << " B\n";
}

template <typename F>
std::size_t
RtmTable<F>::FibLookupBytes() const
{
    std::size_t bytes = 0;
    for (const auto& fib : m_fib)
    {
        if (fib)
        {
            bytes += fib->LookupBytes();
        }
    }
    return bytes;
}

template <typename F>
std::size_t
RtmTable<F>::MemoryBytes() const
{
    std::size_t bytes = sizeof(*this);
    bytes += m_entities.MemoryBytes() + m_nextHops.MemoryBytes() + m_routes.MemoryBytes() +
             m_dests.MemoryBytes() + m_notifies.MemoryBytes() + m_enums.MemoryBytes() +
             m_lists.MemoryBytes() + m_prefixes.MemoryBytes();
    bytes += m_hopLists.MemoryBytes() + m_routeLists.MemoryBytes();
    for (uint32_t e : m_entityOrder)
    {
        // std::map nodes: key, value and about 32 bytes of tree links.
        bytes += m_entities[e].nextHops.size() * (sizeof(Key) + 8 + 32);
    }
    for (uint32_t n : m_notifyList)
    {
        const Notify& x = m_notifies[n];
        bytes += (x.pending.capacity() + x.marks.capacity()) * sizeof(uint64_t) +
                 x.fifo.size() * sizeof(uint32_t);
    }
    for (const auto& fib : m_fib)
    {
        if (fib)
        {
            bytes += sizeof(RtmFib<F>) + fib->TotalBytes();
        }
    }
    bytes +=
        m_entityOrder.capacity() * sizeof(uint32_t) + m_notifyList.capacity() * sizeof(uint32_t);
    bytes += m_opaque.capacity() * sizeof(m_opaque[0]) + m_opaqueOwner.capacity() * sizeof(int32_t);
    bytes += m_holds.size() * (sizeof(Hold) + 32) + m_listPos.size() * 48;
    bytes += m_ttl.size() * sizeof(TtlEntry);
    // Next-hop state: route lists per next hop, tracked routes, the two next-hop indexes.
    for (uint32_t n = 0; n < m_nextHops.Slots(); ++n)
    {
        bytes +=
            (m_nextHops[n].users.capacity() + m_nextHops[n].deep.capacity()) * sizeof(uint32_t);
    }
    bytes += m_routeInfo.MemoryBytes() + m_routeNeighbour.MemoryBytes() +
             m_routeFlags1.MemoryBytes() + m_routeHolds.MemoryBytes();
    bytes += m_tracked.MemoryBytes() + m_trackedOf.MemoryBytes() + m_userPos.size() * 64 +
             m_remoteAddrs.size() * 48 + m_ifNextHops.size() * 56;
    for (uint32_t t = 0; t < m_tracked.Slots(); ++t)
    {
        bytes += m_tracked[t].hops.capacity() * sizeof(Hop) +
                 m_tracked[t].deep.capacity() * sizeof(uint32_t);
    }
    for (const auto& kv : m_ifNextHops)
    {
        bytes += kv.second.capacity() * sizeof(uint32_t);
    }
    // Forwarding records: one word per destination slot (m_fibBest), the interned records (each
    // also a key of the index: a hash node of about 32 bytes besides the record).
    bytes += m_fibBest.MemoryBytes();
    bytes += m_fwdFree.capacity() * sizeof(uint32_t) + m_fwd.capacity() * sizeof(ForwardSlot) +
             m_fwdIndex.size() * (sizeof(Forward) + 32);
    for (const auto& x : m_fwd)
    {
        bytes += 2 * x.rec.hops.HeapCapacity() * sizeof(Hop);
    }
    return bytes;
}

} // namespace ns3

#endif /* RTM_TABLE_PRINT_IMPL_H */
