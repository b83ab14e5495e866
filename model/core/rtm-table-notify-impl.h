/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTable<F>, part 4: change notification (pull model, coalesced).
 * Included by rtm-table-ipv4.cc and rtm-table-ipv6.cc only.
 *
 * Each registration keeps one pending bit per destination slot and a FIFO of destination slots;
 * a destination is queued at most once however often it changes (its bit is set), and
 * GetChangedDests reports its state at pull time. FIFO entries whose bit was cleared (ignored)
 * are skipped. Every pending bit and every mark holds a reference on its destination, so a
 * destination that lost its last route survives until every registration has seen it
 * (decisions 4 and 8). The owner is signalled when the pending set goes from empty to
 * non-empty (decision 3).
 */
#ifndef RTM_TABLE_NOTIFY_IMPL_H
#define RTM_TABLE_NOTIFY_IMPL_H

#include "rtm-table.h"

#include <algorithm>

namespace ns3
{

template <typename F>
bool
RtmTable<F>::TestBit(const std::vector<uint64_t>& bits, uint32_t i)
{
    return (i >> 6) < bits.size() && ((bits[i >> 6] >> (i & 63)) & 1) != 0;
}

template <typename F>
void
RtmTable<F>::SetBit(std::vector<uint64_t>& bits, uint32_t i, bool v)
{
    if ((i >> 6) >= bits.size())
    {
        if (!v)
        {
            return;
        }
        bits.resize((i >> 6) + 1, 0);
    }
    if (v)
    {
        bits[i >> 6] |= uint64_t(1) << (i & 63);
    }
    else
    {
        bits[i >> 6] &= ~(uint64_t(1) << (i & 63));
    }
}

template <typename F>
void
RtmTable<F>::Enqueue(uint32_t n, uint32_t d)
{
    Notify& x = m_notifies[n];
    if (TestBit(x.pending, d))
    {
        return;
    }
    SetBit(x.pending, d, true);
    x.fifo.push_back(d);
    Ref(d);
    if (++x.pendingCount == 1)
    {
        ScheduleSignal(n);
    }
}

template <typename F>
bool
RtmTable<F>::TakePending(uint32_t n, uint32_t d)
{
    Notify& x = m_notifies[n];
    if (!TestBit(x.pending, d))
    {
        return false;
    }
    SetBit(x.pending, d, false);
    --x.pendingCount;
    return true;
}

template <typename F>
void
RtmTable<F>::ScheduleSignal(uint32_t n)
{
    Notify& x = m_notifies[n];
    if (x.signalScheduled || m_entities[x.owner].callback.IsNull())
    {
        return;
    }
    x.signalScheduled = true;
    uint32_t gen = m_notifies.Gen(n);
    Post([this, n, gen]() {
        if (!m_notifies.IsLive(n, gen))
        {
            return;
        }
        Notify& y = m_notifies[n];
        y.signalScheduled = false;
        if (y.pendingCount == 0 || m_entities[y.owner].callback.IsNull())
        {
            return;
        }
        RtmEvent ev;
        ev.type = RtmEventType::ChangeNotification;
        ev.notify = RtmNotifyHandle{m_id, n, gen};
        ev.notifyContext = y.context;
        RtmEventCallback cb = m_entities[y.owner].callback;
        cb(ev);
    });
}

template <typename F>
RtmStatus
RtmTable<F>::RegisterForChangeNotification(uint32_t e,
                                           uint32_t g,
                                           RtmViewSet views,
                                           uint32_t flags,
                                           uint64_t context,
                                           RtmNotifyHandle& h)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RtmStatus st = CheckViews(views); // arguments in order (decisions: bad input)
    if (st != RtmStatus::Success)
    {
        return st;
    }
    uint32_t types = RTM_CHANGE_TYPE_ALL | RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING;
    if ((flags & types) == 0 || (flags & ~(types | RTM_NOTIFY_ONLY_MARKED_DESTS)) != 0)
    {
        return RtmStatus::InvalidParameter;
    }
    if (m_notifyList.size() >= m_cfg.maxNotify)
    {
        return RtmStatus::NoSystemResources;
    }
    uint32_t n = m_notifies.Alloc();
    Notify& x = m_notifies[n];
    x.owner = static_cast<uint16_t>(e);
    x.views = ResolveViews(views);
    x.flags = flags;
    x.context = context;
    m_notifyList.push_back(n);
    h = RtmNotifyHandle{m_id, n, m_notifies.Gen(n)};
    return RtmStatus::Success;
}

/// Check a notification handle of the caller: InvalidHandle, AccessDenied or Success.
#define RTM_CHECK_NOTIFY(h, e)                                                                     \
    do                                                                                             \
    {                                                                                              \
        if ((h).table != m_id || !m_notifies.IsLive((h).index, (h).gen))                           \
        {                                                                                          \
            return RtmStatus::InvalidHandle;                                                       \
        }                                                                                          \
        if (m_notifies[(h).index].owner != (e))                                                    \
        {                                                                                          \
            return RtmStatus::AccessDenied;                                                        \
        }                                                                                          \
    } while (false)

template <typename F>
RtmStatus
RtmTable<F>::GetChangedDests(uint32_t e,
                             uint32_t g,
                             RtmNotifyHandle h,
                             uint32_t& num,
                             std::vector<RtmDestInfo>& out)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RTM_CHECK_NOTIFY(h, e);
    if (num == 0 || num > m_cfg.maxHandlesInEnum)
    {
        return RtmStatus::InvalidParameter;
    }
    // The caller's vector is refilled in place: its elements (and their viewInfo vectors) are
    // reused from one pull to the next, so a steady stream of pulls does not allocate.
    std::size_t used = 0;
    Notify& x = m_notifies[h.index];
    while (used < num && !x.fifo.empty())
    {
        // The queued destinations are scattered over the table: ask for the destination record
        // kAhead entries ahead and, once it has arrived, for its first route (the record holds
        // the prefix),
        // so the misses of several destinations overlap instead of adding up.
        constexpr std::size_t kAhead = 8;
        if (x.fifo.size() > kAhead)
        {
            __builtin_prefetch(&m_dests[x.fifo[kAhead]]);
            const Dest& y = m_dests[x.fifo[kAhead / 2]];
            if (!y.routes.empty())
            {
                __builtin_prefetch(&m_routes[*RoutesOf(y).begin()]);
            }
        }
        uint32_t d = x.fifo.front();
        x.fifo.pop_front();
        if (!TakePending(h.index, d))
        {
            continue;
        }
        if (used == out.size())
        {
            out.emplace_back();
        }
        FillDestInfo(d, -1, x.views, out[used++]);
        Unref(d);
    }
    out.resize(used);
    if (x.pendingCount == 0)
    {
        x.fifo.clear();
    }
    bool shortBatch = used < num;
    num = static_cast<uint32_t>(used);
    return shortBatch ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::GetChangeStatus(uint32_t e,
                             uint32_t g,
                             RtmNotifyHandle h,
                             RtmDestHandle dest,
                             bool& pending) const
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RTM_CHECK_NOTIFY(h, e);
    if (!DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    pending = TestBit(m_notifies[h.index].pending, dest.index);
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::IgnoreChangedDests(uint32_t e,
                                uint32_t g,
                                RtmNotifyHandle h,
                                const std::vector<RtmDestHandle>& dests)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RTM_CHECK_NOTIFY(h, e);
    RtmStatus result = RtmStatus::Success;
    for (const auto& d : dests)
    {
        if (!DestOk(d))
        {
            result = RtmStatus::InvalidHandle;
            continue;
        }
        if (TakePending(h.index, d.index))
        {
            Unref(d.index);
        }
    }
    if (m_notifies[h.index].pendingCount == 0)
    {
        m_notifies[h.index].fifo.clear();
    }
    return result;
}

template <typename F>
RtmStatus
RtmTable<F>::MarkDestForChangeNotification(uint32_t e,
                                           uint32_t g,
                                           RtmNotifyHandle h,
                                           RtmDestHandle dest,
                                           bool mark)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RTM_CHECK_NOTIFY(h, e);
    if (!DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    Notify& x = m_notifies[h.index];
    bool marked = TestBit(x.marks, dest.index);
    if (mark && !marked)
    {
        SetBit(x.marks, dest.index, true);
        Ref(dest.index);
    }
    else if (!mark && marked)
    {
        SetBit(x.marks, dest.index, false);
        Unref(dest.index);
    }
    return RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::IsMarkedForChangeNotification(uint32_t e,
                                           uint32_t g,
                                           RtmNotifyHandle h,
                                           RtmDestHandle dest,
                                           bool& marked) const
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RTM_CHECK_NOTIFY(h, e);
    if (!DestOk(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    marked = TestBit(m_notifies[h.index].marks, dest.index);
    return RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::FreeNotify(uint32_t n)
{
    Notify& x = m_notifies[n];
    std::vector<uint32_t> release;
    for (uint32_t d : x.fifo)
    {
        if (TakePending(n, d))
        {
            release.push_back(d);
        }
    }
    for (uint32_t w = 0; w < x.marks.size(); ++w)
    {
        for (uint64_t bits = x.marks[w]; bits != 0; bits &= bits - 1)
        {
            release.push_back(w * 64 + static_cast<uint32_t>(__builtin_ctzll(bits)));
        }
    }
    m_notifyList.erase(std::find(m_notifyList.begin(), m_notifyList.end(), n));
    m_notifies.Free(n);
    for (uint32_t d : release)
    {
        Unref(d);
    }
}

template <typename F>
RtmStatus
RtmTable<F>::DeregisterFromChangeNotification(uint32_t e, uint32_t g, RtmNotifyHandle h)
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    RTM_CHECK_NOTIFY(h, e);
    FreeNotify(h.index);
    return RtmStatus::Success;
}

#undef RTM_CHECK_NOTIFY

} // namespace ns3

#endif /* RTM_TABLE_NOTIFY_IMPL_H */
