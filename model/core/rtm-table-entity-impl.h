/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTable<F>, part 1: construction, handle checks, registration of clients and entity methods.
 * Included by rtm-table-ipv4.cc and rtm-table-ipv6.cc only.
 */
#ifndef RTM_TABLE_ENTITY_IMPL_H
#define RTM_TABLE_ENTITY_IMPL_H

#include "rtm-instance.h"
#include "rtm-table.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <set>

namespace ns3
{

template <typename F>
RtmTable<F>::RtmTable(RtmInstance* instance, const RtmTableConfig& config)
    : m_instance(instance),
      m_cfg(config),
      m_id(RtmAllocateTableId()),
      m_alive(std::make_shared<char>(0))
{
    m_opaque.resize(m_cfg.opaqueSlots);
    m_opaqueOwner.assign(m_cfg.opaqueSlots, -1);
    if (m_cfg.viewsSupported & RTM_VIEW_MASK_UCAST)
    {
        m_fib[0] = std::make_unique<RtmFib<F>>(&m_fibStore, RTM_VIEW_ID_UCAST);
    }
    // The multicast FIB is built on the first multicast lookup (EnableMulticastFib): a table
    // that never checks RPF never pays for it.
}

template <typename F>
RtmTable<F>::~RtmTable()
{
    Dispose();
}

template <typename F>
void
RtmTable<F>::Dispose()
{
    if (m_disposed)
    {
        return;
    }
    m_disposed = true;
    m_alive.reset();
    m_ttlEvent.Cancel();
    for (auto& kv : m_holds)
    {
        for (auto& h : kv.second.held)
        {
            h.event.Cancel();
        }
    }
    // Break reference cycles through client callbacks (client -> registration -> instance).
    for (uint32_t e : m_entityOrder)
    {
        m_entities[e].callback = RtmEventCallback();
        m_entities[e].methods.clear();
        m_entities[e].queued.clear();
    }
}

// ---------------------------------------------------------------- small helpers

template <typename F>
typename RtmTable<F>::Entity*
RtmTable<F>::Caller(uint32_t e, uint32_t g)
{
    if (m_disposed || !m_entities.IsLive(e, g))
    {
        return nullptr;
    }
    return &m_entities[e];
}

template <typename F>
const typename RtmTable<F>::Entity*
RtmTable<F>::Caller(uint32_t e, uint32_t g) const
{
    if (m_disposed || !m_entities.IsLive(e, g))
    {
        return nullptr;
    }
    return &m_entities[e];
}

template <typename F>
bool
RtmTable<F>::DestOk(const RtmDestHandle& h) const
{
    return h.table == m_id && m_dests.IsLive(h.index, h.gen);
}

template <typename F>
bool
RtmTable<F>::RouteOk(const RtmRouteHandle& h) const
{
    return h.table == m_id && m_routes.IsLive(h.index, h.gen);
}

template <typename F>
bool
RtmTable<F>::NextHopOk(const RtmNextHopHandle& h) const
{
    return h.table == m_id && m_nextHops.IsLive(h.index, h.gen);
}

template <typename F>
bool
RtmTable<F>::EntityOk(const RtmEntityHandle& h) const
{
    return h.table == m_id && m_entities.IsLive(h.index, h.gen);
}

template <typename F>
RtmEntityHandle
RtmTable<F>::EntityHandle(uint32_t e) const
{
    return RtmEntityHandle{m_id, e, m_entities.LiveGen(e)};
}

template <typename F>
RtmNextHopHandle
RtmTable<F>::NextHopHandle(uint32_t n) const
{
    return RtmNextHopHandle{m_id, n, m_nextHops.Gen(n)};
}

template <typename F>
RtmEntityInfo
RtmTable<F>::EntityInfo(uint32_t e) const
{
    return m_entities[e].info;
}

template <typename F>
RtmStatus
RtmTable<F>::CheckViews(RtmViewSet views) const
{
    if (views == RTM_VIEW_MASK_ALL || (views & ~m_cfg.viewsSupported) == 0)
    {
        return RtmStatus::Success;
    }
    return RtmStatus::NotSupported;
}

template <typename F>
RtmViewSet
RtmTable<F>::ResolveViews(RtmViewSet views) const
{
    return views == RTM_VIEW_MASK_ANY ? m_cfg.viewsSupported : (views & m_cfg.viewsSupported);
}

template <typename F>
RtmStatus
RtmTable<F>::CheckPrefix(const RtmNetAddress& a, Key& key) const
{
    if (a.addressFamily != F::kAf || !a.IsCanonical())
    {
        return RtmStatus::InvalidParameter;
    }
    key = Ops::FromNetAddress(a);
    return RtmStatus::Success;
}

template <typename F>
int64_t
RtmTable<F>::ProtocolFilter(uint32_t caller, uint32_t protocolId) const
{
    if (protocolId == RTM_BEST_PROTOCOL)
    {
        return -1;
    }
    if (protocolId == RTM_THIS_PROTOCOL)
    {
        return m_entities[caller].info.entityId.entityProtocolId;
    }
    return protocolId;
}

template <typename F>
RtmNetAddress
RtmTable<F>::DestAddress(uint32_t d) const
{
    const Dest& node = m_dests[d];
    return Ops::ToNetAddress(node.key, node.len);
}

template <typename F>
template <typename Fn>
void
RtmTable<F>::Post(Fn&& fn)
{
    std::weak_ptr<char> alive = m_alive;
    RtmSchedule(m_cfg.eventDelay, [alive, fn = std::forward<Fn>(fn)]() mutable {
        if (!alive.expired())
        {
            fn();
        }
    });
}

template <typename F>
void
RtmTable<F>::Broadcast(uint32_t except, RtmEventType type, uint32_t about)
{
    RtmEvent ev;
    ev.type = type;
    ev.entity = EntityHandle(about);
    ev.entityInfo = m_entities[about].info;
    for (uint32_t x : m_entityOrder)
    {
        if (x == except || m_entities[x].callback.IsNull())
        {
            continue;
        }
        uint32_t xg = m_entities.Gen(x);
        Post([this, x, xg, ev]() {
            if (m_entities.IsLive(x, xg) && !m_entities[x].callback.IsNull())
            {
                m_entities[x].callback(ev);
            }
        });
    }
}

// ---------------------------------------------------------------- registration

template <typename F>
RtmRegnProfile
RtmTable<F>::Profile() const
{
    RtmRegnProfile p;
    p.maxNextHopsInRoute = m_cfg.maxNextHopsInRoute;
    p.maxHandlesInEnum = m_cfg.maxHandlesInEnum;
    p.viewsSupported = m_cfg.viewsSupported;
    p.numberOfViews = static_cast<uint32_t>(__builtin_popcount(m_cfg.viewsSupported));
    return p;
}

template <typename F>
RtmStatus
RtmTable<F>::Register(const RtmEntityInfo& info,
                      const std::vector<RtmEntityMethod>& methods,
                      RtmEventCallback callback,
                      bool reserveOpaquePointer,
                      RtmRegnProfile& profile,
                      uint32_t& slot,
                      uint32_t& gen)
{
    if (m_disposed)
    {
        return RtmStatus::InvalidHandle;
    }
    if (info.rtmInstanceId != m_cfg.instanceId || info.addressFamily != F::kAf ||
        methods.size() > RTM_MAX_METHODS)
    {
        return RtmStatus::InvalidParameter;
    }
    for (uint32_t x : m_entityOrder)
    {
        if (m_entities[x].info.entityId.EntityId() == info.entityId.EntityId())
        {
            return RtmStatus::AlreadyExists;
        }
    }
    int32_t opaque = -1;
    if (reserveOpaquePointer)
    {
        for (uint32_t i = 0; i < m_opaqueOwner.size(); ++i)
        {
            if (m_opaqueOwner[i] < 0)
            {
                opaque = static_cast<int32_t>(i);
                break;
            }
        }
        if (opaque < 0)
        {
            return RtmStatus::NoSystemResources;
        }
    }
    if (!m_entities.HasFree() && m_entities.Slots() >= 0xFFFF)
    {
        return RtmStatus::NoSystemResources; // owner slots are 16 bits
    }
    uint32_t e = m_entities.Alloc();
    Entity& x = m_entities[e];
    x.info = info;
    x.callback = callback;
    x.methods = methods;
    x.defaultPref = m_cfg.defaultPreference;
    x.opaqueSlot = opaque;
    x.order = ++m_entitySeq;
    if (opaque >= 0)
    {
        m_opaqueOwner[opaque] = static_cast<int32_t>(e);
    }
    m_entityOrder.push_back(e);
    profile = Profile();
    slot = e;
    gen = m_entities.Gen(e);
    Broadcast(e, RtmEventType::EntityRegistered, e);
    return RtmStatus::Success;
}

template <typename F>
bool
RtmTable<F>::IsRegistered(uint32_t e, uint32_t g) const
{
    return Caller(e, g) != nullptr;
}

template <typename F>
RtmStatus
RtmTable<F>::Deregister(uint32_t e, uint32_t g)
{
    Entity* me = Caller(e, g);
    if (me == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    // Routes: ordinary deletions, so other clients hear of them and hold-down applies. Next-hop
    // tracking runs once, after the last one: the purge is one change of the table.
    std::vector<std::pair<Key, uint8_t>> purged;
    m_deferred = &purged;
    for (uint32_t r = 0; r < m_routes.Slots() && m_entities[e].routes > 0; ++r)
    {
        if (m_routes.IsLive(r) && m_routes[r].owner == e &&
            m_routes[r].state == RTM_ROUTE_STATE_CREATED)
        {
            uint32_t flags = 0;
            DeleteRoute(r, flags);
        }
    }
    m_deferred = nullptr;
    if (!purged.empty())
    {
        Batch b;
        b.prefixes.swap(purged);
        RunBatch(b);
    }
    // Next hops: out of the list; freed unless held routes still use them.
    std::map<std::pair<Key, uint32_t>, uint32_t> nhs;
    nhs.swap(m_entities[e].nextHops);
    for (auto& kv : nhs)
    {
        NextHop& nh = m_nextHops[kv.second];
        nh.state = RTM_NEXTHOP_STATE_DELETED;
        if (nh.uses == 0)
        {
            FreeNextHop(kv.second);
        }
    }
    // Route lists, enumerations and notification registrations.
    for (uint32_t l = 0; l < m_lists.Slots(); ++l)
    {
        if (m_lists.IsLive(l) && m_lists[l].owner == e)
        {
            for (auto& kv : m_lists[l].items)
            {
                m_listPos.erase(kv.second);
            }
            m_lists.Free(l);
        }
    }
    for (uint32_t en = 0; en < m_enums.Slots(); ++en)
    {
        if (m_enums.IsLive(en) && m_enums[en].owner == e)
        {
            m_enums.Free(en);
        }
    }
    std::vector<uint32_t> mine;
    for (uint32_t n : m_notifyList)
    {
        if (m_notifies[n].owner == e)
        {
            mine.push_back(n);
        }
    }
    for (uint32_t n : mine)
    {
        FreeNotify(n);
    }
    // Opaque slot.
    if (m_entities[e].opaqueSlot >= 0)
    {
        uint32_t s = static_cast<uint32_t>(m_entities[e].opaqueSlot);
        std::unordered_map<uint32_t, uint64_t> values;
        values.swap(m_opaque[s]);
        m_opaqueOwner[s] = -1;
        for (auto& kv : values)
        {
            Unref(kv.first);
        }
    }
    // Queued invocations of my methods fail.
    for (auto& q : m_entities[e].queued)
    {
        if (!q.done.IsNull())
        {
            RtmInvokeCallback done = q.done;
            Post([done]() { done(RtmStatus::InvalidHandle, {}); });
        }
    }
    m_entityOrder.erase(std::find(m_entityOrder.begin(), m_entityOrder.end(), e));
    RtmEntityInfo info = m_entities[e].info;
    RtmEvent ev;
    ev.type = RtmEventType::EntityDeregistered;
    ev.entity = RtmEntityHandle{m_id, e, g};
    ev.entityInfo = info;
    // The slot is reused only once no held route names this client as owner any more, so the
    // owner handle of a held route stays recognisably stale until the hold ends.
    std::set<uint32_t> held;
    for (const auto& kv : m_holds)
    {
        for (const auto& hv : kv.second.held)
        {
            if (m_routes[hv.route].owner == e)
            {
                held.insert(hv.route);
            }
        }
    }
    m_entities.Retire(e);
    if (held.empty())
    {
        m_entities.Reclaim(e);
    }
    else
    {
        m_retired[e] = static_cast<uint32_t>(held.size());
    }
    for (uint32_t x : m_entityOrder)
    {
        if (m_entities[x].callback.IsNull())
        {
            continue;
        }
        uint32_t xg = m_entities.Gen(x);
        Post([this, x, xg, ev]() {
            if (m_entities.IsLive(x, xg) && !m_entities[x].callback.IsNull())
            {
                m_entities[x].callback(ev);
            }
        });
    }
    return RtmStatus::Success;
}

template <typename F>
void
RtmTable<F>::SetDefaultPreference(uint32_t e, uint32_t g, uint32_t pref)
{
    Entity* me = Caller(e, g);
    if (me != nullptr)
    {
        me->defaultPref = pref;
    }
}

template <typename F>
uint32_t
RtmTable<F>::GetDefaultPreference(uint32_t e, uint32_t g) const
{
    const Entity* me = Caller(e, g);
    return me != nullptr ? me->defaultPref : 0;
}

template <typename F>
RtmStatus
RtmTable<F>::GetRegisteredEntities(uint32_t e,
                                   uint32_t g,
                                   uint32_t& num,
                                   std::vector<RtmEntityHandle>& handles,
                                   std::vector<RtmEntityInfo>* infos) const
{
    if (Caller(e, g) == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    uint32_t accept = num;
    handles.clear();
    if (infos != nullptr)
    {
        infos->clear();
    }
    for (uint32_t x : m_entityOrder)
    {
        if (handles.size() >= accept)
        {
            break;
        }
        handles.push_back(EntityHandle(x));
        if (infos != nullptr)
        {
            infos->push_back(m_entities[x].info);
        }
    }
    num = static_cast<uint32_t>(m_entityOrder.size());
    return num > accept ? RtmStatus::InsufficientBuffer : RtmStatus::Success;
}

template <typename F>
RtmStatus
RtmTable<F>::GetEntityInfo(uint32_t e, uint32_t g, RtmEntityHandle h, RtmEntityInfo& info) const
{
    if (Caller(e, g) == nullptr || !EntityOk(h))
    {
        return RtmStatus::InvalidHandle;
    }
    info = m_entities[h.index].info;
    return RtmStatus::Success;
}

// ---------------------------------------------------------------- entity methods

template <typename F>
RtmStatus
RtmTable<F>::GetEntityMethods(uint32_t e,
                              uint32_t g,
                              RtmEntityHandle h,
                              uint32_t& num,
                              std::vector<uint32_t>& types) const
{
    if (Caller(e, g) == nullptr || !EntityOk(h))
    {
        return RtmStatus::InvalidHandle;
    }
    std::vector<uint32_t> all;
    const auto& methods = m_entities[h.index].methods;
    for (uint32_t i = 0; i < methods.size(); ++i)
    {
        if (!methods[i].IsNull())
        {
            all.push_back(1u << i);
        }
    }
    types.clear();
    if (num == 0)
    {
        num = static_cast<uint32_t>(all.size());
        return RtmStatus::Success;
    }
    uint32_t n = std::min<uint32_t>(num, static_cast<uint32_t>(all.size()));
    types.assign(all.begin(), all.begin() + n);
    RtmStatus st = n < all.size() ? RtmStatus::InsufficientBuffer : RtmStatus::Success;
    num = n;
    return st;
}

template <typename F>
void
RtmTable<F>::RunInvocation(uint32_t caller,
                           uint32_t target,
                           const RtmEntityMethodInput& input,
                           uint32_t& outputSize,
                           std::vector<RtmEntityMethodOutput>& outputs,
                           RtmStatus& status)
{
    uint32_t targetGen = m_entities.Gen(target);
    uint32_t limit = outputSize;
    uint32_t used = 0;
    outputs.clear();
    status = RtmStatus::Success;
    for (uint32_t i = 0; i < RTM_MAX_METHODS; ++i)
    {
        if (!m_entities.IsLive(target, targetGen))
        {
            break; // the method deregistered its own client
        }
        const auto& methods = m_entities[target].methods;
        if (!(input.methodType & (1u << i)) || i >= methods.size() || methods[i].IsNull())
        {
            continue;
        }
        RtmEntityMethodOutput out;
        out.methodType = 1u << i;
        RtmEntityMethod m = methods[i];
        m(EntityHandle(caller), EntityHandle(target), input, out);
        uint32_t size = 12 + static_cast<uint32_t>(out.outputData.size());
        if (used + size > limit)
        {
            status = RtmStatus::InsufficientBuffer;
            break;
        }
        used += size;
        outputs.push_back(std::move(out));
    }
    outputSize = used;
}

template <typename F>
RtmStatus
RtmTable<F>::InvokeMethod(uint32_t e,
                          uint32_t g,
                          RtmEntityHandle h,
                          const RtmEntityMethodInput& input,
                          uint32_t& outputSize,
                          std::vector<RtmEntityMethodOutput>& outputs,
                          RtmInvokeCallback done)
{
    if (Caller(e, g) == nullptr || !EntityOk(h))
    {
        return RtmStatus::InvalidHandle;
    }
    Entity& target = m_entities[h.index];
    uint32_t exported = 0;
    for (uint32_t i = 0; i < target.methods.size(); ++i)
    {
        if (!target.methods[i].IsNull())
        {
            exported |= 1u << i;
        }
    }
    if ((input.methodType & exported) == 0)
    {
        return RtmStatus::InvalidParameter;
    }
    if (target.blocked)
    {
        target.queued.push_back(typename Entity::Queued{e, g, input, outputSize, done});
        outputs.clear();
        outputSize = 0;
        return RtmStatus::Pending;
    }
    RtmStatus st;
    RunInvocation(e, h.index, input, outputSize, outputs, st);
    return st;
}

template <typename F>
RtmStatus
RtmTable<F>::BlockMethods(uint32_t e, uint32_t g, uint32_t flag, uint32_t targetType)
{
    Entity* me = Caller(e, g);
    if (me == nullptr)
    {
        return RtmStatus::InvalidHandle;
    }
    if (targetType != RTM_TARGET_NONE)
    {
        return RtmStatus::NotSupported;
    }
    if (flag == RTM_BLOCK_METHODS)
    {
        me->blocked = true;
        return RtmStatus::Success;
    }
    if (flag != RTM_RESUME_METHODS)
    {
        return RtmStatus::InvalidParameter;
    }
    me->blocked = false;
    std::vector<typename Entity::Queued> queued;
    queued.swap(me->queued);
    if (!queued.empty())
    {
        Post([this, e, g, queued]() {
            for (auto it = queued.begin(); it != queued.end(); ++it)
            {
                const auto& q = *it;
                if (!m_entities.IsLive(e, g))
                {
                    if (!q.done.IsNull())
                    {
                        q.done(RtmStatus::InvalidHandle, {});
                    }
                    continue;
                }
                if (m_entities[e].blocked)
                {
                    // Blocked again before the queue ran: keep the rest, in order, for the
                    // next resume.
                    auto& waiting = m_entities[e].queued;
                    waiting.insert(waiting.begin(), it, queued.end());
                    return;
                }
                if (!m_entities.IsLive(q.caller, q.callerGen))
                {
                    continue;
                }
                uint32_t size = q.outputSize;
                std::vector<RtmEntityMethodOutput> outputs;
                RtmStatus st;
                RunInvocation(q.caller, e, q.input, size, outputs, st);
                if (!q.done.IsNull())
                {
                    q.done(st, outputs);
                }
            }
        });
    }
    return RtmStatus::Success;
}

} // namespace ns3

#endif /* RTM_TABLE_ENTITY_IMPL_H */
