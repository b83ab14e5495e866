/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfClient, its own LSAs (RFC 2328 §12.4): Router-LSAs (one per attached area), Network-LSAs
 * (as DR of a broadcast network with at least one Full neighbour), Summary-LSAs of an area
 * border router (§12.4.3: intra-area routes into the other areas, inter-area routes only into
 * non-backbone areas and not back where their next hops are, ASBRs as type 4 except into stub
 * areas and NSSAs, a default summary into stub areas and NSSAs, link state ids per appendix E),
 * AS-external-LSAs (NSSA-LSAs in NSSAs) of redistributed routes.
 *
 * DOC: every origination goes through Originate(scope, key, want): nothing happens when the
 * database already holds the same contents, a new instance waits for MinLSInterval after the
 * previous one (the latest wish wins), sequence numbers follow the database copy (so an
 * instance left by an earlier life of the router is overtaken, §13.4), and a null wish flushes
 * the LSA by premature aging. Router- and Network-LSAs are rebuilt in one pass scheduled at the
 * current time, so a burst of state changes gives one origination.
 */
#include "rtm-ospf-client.h"

#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfOriginate");

bool
RtmOspfClient::IsSelfOriginated(const RtmOspfLsa& lsa) const
{
    if (lsa.hdr.advRouter == m_routerId)
    {
        return true;
    }
    if (lsa.hdr.type == OSPF_LSA_NETWORK)
    {
        for (const auto& kv : m_ifs)
        {
            if (kv.second->address == lsa.hdr.lsid)
            {
                return true;
            }
        }
    }
    return false;
}

void
RtmOspfClient::NeighborStateChanged(RtmOspfNeighbor& n, RtmOspfNbrState from)
{
    RtmOspfInterface& itf = *n.itf;
    m_nbrTrace(itf.index, Ipv4Address(n.routerId), from, n.state);
    bool wasFull = from == RtmOspfNbrState::Full;
    bool isFull = n.state == RtmOspfNbrState::Full;
    if (wasFull != isFull)
    {
        ScheduleLsasOf(itf);
    }
    if (itf.IsBroadcast() &&
        (from >= RtmOspfNbrState::TwoWay) != (n.state >= RtmOspfNbrState::TwoWay))
    {
        itf.NeighborChange();
    }
}

void
RtmOspfClient::ScheduleLsasOf(RtmOspfInterface& itf)
{
    if (itf.IsVirtual())
    {
        ScheduleRouterLsa(OSPF_BACKBONE);
        ScheduleRouterLsa(itf.transitArea);
    }
    else
    {
        ScheduleRouterLsa(itf.cfg.area);
        ScheduleNetworkLsa(itf);
    }
}

void
RtmOspfClient::InterfaceStateChanged(RtmOspfInterface& itf, RtmOspfIfState from)
{
    m_ifTrace(itf.index, from, itf.state);
    ScheduleLsasOf(itf);
    // Whether this router is an area border router may have changed.
    for (const auto& kv : m_areas)
    {
        ScheduleRouterLsa(kv.first);
    }
    ScheduleSpf();
}

// ------------------------------------------------------------------------------ Router, Network

void
RtmOspfClient::ScheduleRouterLsa(uint32_t area)
{
    if (!m_running || !m_started)
    {
        return;
    }
    m_routerLsaDirty.insert(area);
    if (!RtmIsPending(m_routerLsaEvent))
    {
        m_routerLsaEvent = Simulator::ScheduleNow(&RtmOspfClient::RefreshOwnLsas, this);
    }
}

void
RtmOspfClient::ScheduleNetworkLsa(RtmOspfInterface& itf)
{
    ScheduleRouterLsa(itf.IsVirtual() ? OSPF_BACKBONE : itf.cfg.area);
}

void
RtmOspfClient::RefreshOwnLsas()
{
    if (!m_running)
    {
        return;
    }
    std::set<uint32_t> dirty;
    dirty.swap(m_routerLsaDirty);
    for (uint32_t area : dirty)
    {
        if (FindArea(area) == nullptr)
        {
            continue;
        }
        Originate(area,
                  RtmOspfLsaKey{OSPF_LSA_ROUTER, m_routerId, m_routerId},
                  BuildRouterLsa(area),
                  false);
        // Network-LSAs of the area: one per interface where this router is DR with a Full
        // neighbour; any other of ours is flushed.
        std::set<RtmOspfLsaKey> wanted;
        for (const auto& kv : m_ifs)
        {
            const RtmOspfInterface& itf = *kv.second;
            if (itf.cfg.area != area)
            {
                continue;
            }
            Ptr<RtmOspfLsa> n = BuildNetworkLsa(itf);
            if (n)
            {
                RtmOspfLsaKey k{OSPF_LSA_NETWORK, itf.address, m_routerId};
                wanted.insert(k);
                Originate(area, k, n, false);
            }
        }
        RtmOspfArea* a = FindArea(area);
        std::vector<RtmOspfLsaKey> stale;
        for (auto it = a->lsdb.TypeBegin(OSPF_LSA_NETWORK); it != a->lsdb.TypeEnd(OSPF_LSA_NETWORK);
             ++it)
        {
            if (it->first.advRouter == m_routerId && wanted.count(it->first) == 0)
            {
                stale.push_back(it->first);
            }
        }
        for (const auto& k : stale)
        {
            Originate(area, k, nullptr, false);
        }
    }
}

std::set<uint32_t>
RtmOspfClient::ActiveAreas() const
{
    std::set<uint32_t> active;
    for (const RtmOspfInterface* itf : AllInterfaces())
    {
        if (itf->state != RtmOspfIfState::Down)
        {
            active.insert(itf->IsVirtual() ? OSPF_BACKBONE : itf->cfg.area);
        }
    }
    return active;
}

Ptr<RtmOspfLsa>
RtmOspfClient::BuildRouterLsa(uint32_t area) const
{
    Ptr<RtmOspfLsa> lsa = Create<RtmOspfLsa>();
    const RtmOspfArea* a = FindArea(area);
    // Area border router: interfaces up in more than one area.
    if (ActiveAreas().size() > 1)
    {
        lsa->rtrFlags |= OSPF_RTR_B;
    }
    if (m_asbr && a->cfg.type != RtmOspfAreaType::Stub)
    {
        lsa->rtrFlags |= OSPF_RTR_E;
    }
    for (const auto& v : m_vlinks)
    {
        if (v->transitArea == area && v->CountFull() > 0)
        {
            lsa->rtrFlags |= OSPF_RTR_V;
        }
    }
    auto stub = [&lsa](uint32_t address, uint32_t mask, uint16_t cost) {
        RtmOspfLsa::Link l;
        l.type = OSPF_LINK_STUB;
        l.id = address & mask;
        l.data = mask;
        l.metric = cost;
        lsa->links.push_back(l);
    };
    for (const auto& kv : m_ifs)
    {
        const RtmOspfInterface& itf = *kv.second;
        if (itf.cfg.area != area || itf.state == RtmOspfIfState::Down)
        {
            continue;
        }
        if (itf.cfg.passive)
        {
            stub(itf.address, itf.mask, itf.cost);
            continue;
        }
        if (!itf.IsBroadcast())
        {
            for (const auto& n : itf.nbrs)
            {
                if (n.second->state == RtmOspfNbrState::Full)
                {
                    RtmOspfLsa::Link l;
                    l.type = OSPF_LINK_P2P;
                    l.id = n.second->routerId;
                    l.data = itf.address;
                    l.metric = itf.cost;
                    lsa->links.push_back(l);
                }
            }
            stub(itf.address, itf.mask, itf.cost);
            continue;
        }
        bool transit = false;
        if (itf.state != RtmOspfIfState::Waiting && itf.dr != 0)
        {
            if (itf.IsDr())
            {
                transit = itf.CountFull() > 0;
            }
            else
            {
                auto d = itf.nbrs.find(itf.dr);
                transit = d != itf.nbrs.end() && d->second->state == RtmOspfNbrState::Full;
            }
        }
        if (transit)
        {
            RtmOspfLsa::Link l;
            l.type = OSPF_LINK_TRANSIT;
            l.id = itf.dr;
            l.data = itf.address;
            l.metric = itf.cost;
            lsa->links.push_back(l);
        }
        else
        {
            stub(itf.address, itf.mask, itf.cost);
        }
    }
    if (area == OSPF_BACKBONE)
    {
        for (const auto& v : m_vlinks)
        {
            if (v->CountFull() > 0)
            {
                RtmOspfLsa::Link l;
                l.type = OSPF_LINK_VIRTUAL;
                l.id = v->peerRouterId;
                l.data = v->address;
                l.metric = v->cost;
                lsa->links.push_back(l);
            }
        }
    }
    // The router's own host addresses (loopback), in their area.
    uint32_t hostArea = OSPF_BACKBONE;
    if (m_routerAddressArea >= 0)
    {
        hostArea = static_cast<uint32_t>(m_routerAddressArea);
    }
    else if (!m_ifs.empty())
    {
        hostArea = m_ifs.begin()->second->cfg.area;
    }
    if (area == hostArea && m_instanceId == 0)
    {
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(0); ++j)
        {
            uint32_t addr = m_ipv4->GetAddress(0, j).GetLocal().Get();
            if (addr != 0 && (addr >> 24) != 127)
            {
                stub(addr, 0xffffffffu, 0);
            }
        }
    }
    lsa->hdr.type = OSPF_LSA_ROUTER;
    lsa->hdr.lsid = m_routerId;
    lsa->hdr.advRouter = m_routerId;
    lsa->hdr.options = a->Options();
    return lsa;
}

Ptr<RtmOspfLsa>
RtmOspfClient::BuildNetworkLsa(const RtmOspfInterface& itf) const
{
    if (!itf.IsBroadcast() || !itf.IsDr() || itf.CountFull() == 0)
    {
        return nullptr;
    }
    Ptr<RtmOspfLsa> lsa = Create<RtmOspfLsa>();
    lsa->hdr.type = OSPF_LSA_NETWORK;
    lsa->hdr.lsid = itf.address;
    lsa->hdr.advRouter = m_routerId;
    lsa->hdr.options = FindArea(itf.cfg.area)->Options();
    lsa->mask = itf.mask;
    lsa->attached.push_back(m_routerId);
    for (const auto& kv : itf.nbrs)
    {
        if (kv.second->state == RtmOspfNbrState::Full)
        {
            lsa->attached.push_back(kv.second->routerId);
        }
    }
    std::sort(lsa->attached.begin() + 1, lsa->attached.end());
    return lsa;
}

// ------------------------------------------------------------------------------ origination

void
RtmOspfClient::Originate(uint32_t scope, const RtmOspfLsaKey& key, Ptr<RtmOspfLsa> want, bool force)
{
    auto pk = std::make_pair(scope, key);
    RtmOspfLsdb* db = ScopeLsdb(scope, key.type);
    if (db == nullptr)
    {
        return;
    }
    Time now = Simulator::Now();
    const RtmOspfLsdb::Entry* cur = db->Find(key);
    bool curLive = cur != nullptr && RtmOspfLsdb::Age(*cur, now) < OSPF_MAX_AGE;
    if (!want)
    {
        auto p = m_pending.find(pk);
        if (p != m_pending.end())
        {
            p->second.event.Cancel();
            m_pending.erase(p);
        }
        if (curLive)
        {
            Flush(scope, key);
        }
        return;
    }
    want->hdr.type = key.type;
    want->hdr.lsid = key.lsid;
    want->hdr.advRouter = key.advRouter;
    want->hdr.age = 0;
    if (!force && curLive && cur->lsa->hdr.advRouter == m_routerId &&
        !cur->lsa->ContentsDiffer(*want, 0, 0))
    {
        auto p = m_pending.find(pk);
        if (p != m_pending.end())
        {
            p->second.event.Cancel();
            m_pending.erase(p);
        }
        return;
    }
    Pending& p = m_pending[pk];
    p.want = want;
    auto last = m_lastOriginated.find(pk);
    if (last != m_lastOriginated.end() && now - last->second < m_minLsInterval)
    {
        if (!RtmIsPending(p.event))
        {
            p.event = Simulator::Schedule(last->second + m_minLsInterval - now,
                                          &RtmOspfClient::DoOriginate,
                                          this,
                                          scope,
                                          key);
        }
        return;
    }
    p.event.Cancel();
    DoOriginate(scope, key);
}

void
RtmOspfClient::DoOriginate(uint32_t scope, const RtmOspfLsaKey& key)
{
    auto pk = std::make_pair(scope, key);
    auto p = m_pending.find(pk);
    if (p == m_pending.end() || !p->second.want || !m_running)
    {
        return;
    }
    RtmOspfLsdb* db = ScopeLsdb(scope, key.type);
    const RtmOspfLsdb::Entry* cur = db->Find(key);
    int32_t seq = OSPF_INITIAL_SEQ;
    if (cur != nullptr)
    {
        if (cur->lsa->hdr.seq == OSPF_MAX_SEQ)
        {
            // Sequence number wrap (§12.1.6): flush; SweepMaxAge originates once it is gone.
            if (RtmOspfLsdb::Age(*cur, Simulator::Now()) < OSPF_MAX_AGE)
            {
                Flush(scope, key);
            }
            return;
        }
        seq = cur->lsa->hdr.seq + 1;
    }
    Ptr<RtmOspfLsa> lsa = p->second.want;
    m_pending.erase(p);
    lsa->hdr.seq = seq;
    lsa->hdr.age = 0;
    lsa->Finalize();
    RemoveFromRxmtLists(key, scope);
    InstallLsa(lsa, scope, false);
    Flood(lsa, scope, nullptr);
    m_lastOriginated[pk] = Simulator::Now();
    ++m_originated;
    NS_LOG_LOGIC("router " << RtmOspfDotted(m_routerId) << " originates " << lsa->hdr);
    m_originateTrace(lsa, scope);
}

void
RtmOspfClient::Flush(uint32_t scope, const RtmOspfLsaKey& key)
{
    RtmOspfLsdb* db = ScopeLsdb(scope, key.type);
    const RtmOspfLsdb::Entry* cur = db == nullptr ? nullptr : db->Find(key);
    if (cur == nullptr)
    {
        return;
    }
    Ptr<RtmOspfLsa> copy = Create<RtmOspfLsa>(*cur->lsa);
    copy->hdr.age = OSPF_MAX_AGE; // the age is not covered by the checksum
    RemoveFromRxmtLists(key, scope);
    InstallLsa(copy, scope, false);
    Flood(copy, scope, nullptr);
    ++m_originated;
    NS_LOG_LOGIC("router " << RtmOspfDotted(m_routerId) << " flushes " << copy->hdr);
    m_originateTrace(copy, scope);
}

void
RtmOspfClient::SelfOriginatedReceived(Ptr<const RtmOspfLsa> lsa, uint32_t scope)
{
    // §13.4: an instance of one of our LSAs newer than ours (an earlier life, or a network we
    // were DR of): overtake it with our current wish, or flush it.
    const RtmOspfLsaKey key = lsa->hdr.Key();
    Ptr<RtmOspfLsa> want;
    if (key.type == OSPF_LSA_ROUTER && key.advRouter == m_routerId)
    {
        want = BuildRouterLsa(scope);
    }
    else if (key.type == OSPF_LSA_NETWORK)
    {
        for (const auto& kv : m_ifs)
        {
            if (kv.second->address == key.lsid && key.advRouter == m_routerId)
            {
                want = BuildNetworkLsa(*kv.second);
            }
        }
    }
    else
    {
        auto d = m_desired.find({scope, key});
        if (d != m_desired.end())
        {
            want = Create<RtmOspfLsa>(*d->second);
        }
    }
    if (!want)
    {
        if (lsa->hdr.age < OSPF_MAX_AGE)
        {
            Flush(scope, key);
        }
        return;
    }
    auto pk = std::make_pair(scope, key);
    want->hdr.type = key.type;
    want->hdr.lsid = key.lsid;
    want->hdr.advRouter = key.advRouter;
    m_pending[pk].event.Cancel();
    m_pending[pk].want = want;
    DoOriginate(scope, key);
}

// ------------------------------------------------------------------------------ summaries

uint32_t
RtmOspfClient::AreaOfInterface(uint32_t ifIndex) const
{
    auto it = m_ifs.find(ifIndex);
    return it == m_ifs.end() ? kExternalScope : it->second->cfg.area;
}

void
RtmOspfClient::SyncDerived(uint8_t type,
                           uint32_t scope,
                           const std::map<RtmOspfLsaKey, Ptr<RtmOspfLsa>>& want)
{
    RtmOspfLsdb* db = ScopeLsdb(scope, type);
    if (db == nullptr)
    {
        return;
    }
    std::vector<RtmOspfLsaKey> stale;
    for (auto it = db->TypeBegin(type); it != db->TypeEnd(type); ++it)
    {
        if (it->first.advRouter == m_routerId && want.count(it->first) == 0)
        {
            stale.push_back(it->first);
        }
    }
    for (const auto& k : stale)
    {
        m_desired.erase({scope, k});
        Originate(scope, k, nullptr, false);
    }
    for (const auto& kv : want)
    {
        m_desired[{scope, kv.first}] = kv.second;
        Originate(scope, kv.first, Create<RtmOspfLsa>(*kv.second), false);
    }
}

namespace
{
/// Link state ids of appendix E: the network address, or with the host bits set when a
/// shorter prefix with the same address took it.
uint32_t
AssignLsid(std::map<uint32_t, uint8_t>& used, const RtmOspfPrefix& p)
{
    auto it = used.find(p.address);
    if (it == used.end())
    {
        used[p.address] = p.length;
        return p.address;
    }
    uint32_t alt = p.address | ~p.Mask();
    if (used.count(alt) != 0)
    {
        return 0xffffffffu; // no id left (never with ordinary address plans)
    }
    used[alt] = p.length;
    return alt;
}
} // namespace

void
RtmOspfClient::OriginateSummaries()
{
    for (const auto& ak : m_areas)
    {
        const RtmOspfArea& a = *ak.second;
        std::map<RtmOspfLsaKey, Ptr<RtmOspfLsa>> net;
        std::map<RtmOspfLsaKey, Ptr<RtmOspfLsa>> asbr;
        bool attached = false;
        for (const auto& kv : m_ifs)
        {
            attached = attached ||
                       (kv.second->cfg.area == a.id && kv.second->state != RtmOspfIfState::Down);
        }
        if (a.id == OSPF_BACKBONE)
        {
            for (const auto& v : m_vlinks)
            {
                attached = attached || v->state != RtmOspfIfState::Down;
            }
        }
        if (m_abr && attached)
        {
            auto nextHopsIn = [this](const RtmOspfRoute& r, uint32_t area) {
                return std::any_of(r.nh.begin(), r.nh.end(), [this, area](const RtmOspfNextHop& h) {
                    return AreaOfInterface(h.ifIndex) == area;
                });
            };
            auto advertise = [&](const RtmOspfRoute& r) {
                if (r.type > RtmOspfRoute::INTER || r.area == a.id || r.cost >= OSPF_LS_INFINITY)
                {
                    return false;
                }
                if (r.type == RtmOspfRoute::INTER && (a.id == OSPF_BACKBONE || nextHopsIn(r, a.id)))
                {
                    return false;
                }
                return true;
            };
            std::map<uint32_t, uint8_t> used;
            bool stubLike = a.NoExternals();
            if (a.cfg.type == RtmOspfAreaType::Stub ||
                (a.cfg.type == RtmOspfAreaType::Nssa && a.cfg.noSummary))
            {
                Ptr<RtmOspfLsa> d = Create<RtmOspfLsa>();
                d->hdr.options = a.Options();
                d->metric = a.cfg.defaultCost;
                used[0] = 0;
                net[RtmOspfLsaKey{OSPF_LSA_SUMMARY_NET, 0, m_routerId}] = d;
            }
            if (!(stubLike && a.cfg.noSummary))
            {
                for (const auto& kv : m_table.networks)
                {
                    if (!advertise(kv.second) || (stubLike && kv.first.length == 0))
                    {
                        continue;
                    }
                    uint32_t lsid = AssignLsid(used, kv.first);
                    if (lsid == 0xffffffffu)
                    {
                        continue;
                    }
                    Ptr<RtmOspfLsa> s = Create<RtmOspfLsa>();
                    s->hdr.options = a.Options();
                    s->mask = kv.first.Mask();
                    s->metric = kv.second.cost;
                    net[RtmOspfLsaKey{OSPF_LSA_SUMMARY_NET, lsid, m_routerId}] = s;
                }
            }
            if (!stubLike)
            {
                for (const auto& kv : m_table.asbrs)
                {
                    if (kv.first == m_routerId || !advertise(kv.second))
                    {
                        continue;
                    }
                    Ptr<RtmOspfLsa> s = Create<RtmOspfLsa>();
                    s->hdr.options = a.Options();
                    s->metric = kv.second.cost;
                    asbr[RtmOspfLsaKey{OSPF_LSA_SUMMARY_ASBR, kv.first, m_routerId}] = s;
                }
            }
        }
        SyncDerived(OSPF_LSA_SUMMARY_NET, a.id, net);
        SyncDerived(OSPF_LSA_SUMMARY_ASBR, a.id, asbr);
    }
}

void
RtmOspfClient::OriginateExternals()
{
    if (!m_running || !m_started)
    {
        return;
    }
    bool normal = false;
    for (const auto& kv : m_areas)
    {
        normal = normal || !kv.second->NoExternals();
    }
    auto build = [this](const RtmOspfPrefix& p, uint32_t metric, uint8_t options) {
        Ptr<RtmOspfLsa> l = Create<RtmOspfLsa>();
        l->hdr.options = options;
        l->mask = p.Mask();
        l->bits = m_externalType == 2 ? 0x80 : 0;
        l->metric = metric;
        l->tag = m_externalTag;
        return l;
    };
    // AS-external-LSAs if the router is in a normal area, else NSSA-LSAs in its NSSAs.
    std::map<RtmOspfLsaKey, Ptr<RtmOspfLsa>> ext;
    if (normal)
    {
        std::map<uint32_t, uint8_t> used;
        for (const auto& kv : m_redistributed)
        {
            uint32_t lsid = AssignLsid(used, kv.first);
            if (lsid != 0xffffffffu)
            {
                ext[RtmOspfLsaKey{OSPF_LSA_EXTERNAL, lsid, m_routerId}] =
                    build(kv.first, kv.second, OSPF_OPT_E);
            }
        }
    }
    // An NSSA border router elected translator (RFC 3101 §3: the highest router id among the
    // NSSA's reachable border routers) turns the NSSA-LSAs with the P bit and a forwarding
    // address into AS-external-LSAs, keeping metric, type, forwarding address and tag.
    if (normal && m_abr)
    {
        std::map<uint32_t, uint8_t> used;
        for (const auto& kv : ext)
        {
            used[kv.first.lsid] = 32;
        }
        Time now = Simulator::Now();
        for (const auto& ak : m_areas)
        {
            const RtmOspfArea& a = *ak.second;
            if (a.cfg.type != RtmOspfAreaType::Nssa)
            {
                continue;
            }
            bool elected = true;
            for (const auto& r : a.spf.routers)
            {
                if ((r.second.flags & OSPF_RTR_B) != 0 && r.first > m_routerId)
                {
                    elected = false;
                }
            }
            if (!elected)
            {
                continue;
            }
            for (auto it = a.lsdb.TypeBegin(OSPF_LSA_NSSA); it != a.lsdb.TypeEnd(OSPF_LSA_NSSA);
                 ++it)
            {
                const RtmOspfLsa& l = *it->second.lsa;
                if (l.hdr.advRouter == m_routerId || (l.hdr.options & OSPF_OPT_NP) == 0 ||
                    l.forward == 0 || RtmOspfLsdb::Age(it->second, now) >= OSPF_MAX_AGE ||
                    a.spf.FindRouter(l.hdr.advRouter) == nullptr)
                {
                    continue;
                }
                RtmOspfPrefix p = RtmOspfPrefix::FromMask(l.hdr.lsid, l.mask);
                if (m_redistributed.count(p) != 0)
                {
                    continue; // our own redistribution of the same prefix wins
                }
                uint32_t lsid = AssignLsid(used, p);
                if (lsid == 0xffffffffu)
                {
                    continue;
                }
                Ptr<RtmOspfLsa> t = Create<RtmOspfLsa>();
                t->hdr.options = OSPF_OPT_E;
                t->mask = l.mask;
                t->bits = l.bits & 0x80;
                t->metric = l.metric;
                t->forward = l.forward;
                t->tag = l.tag;
                ext[RtmOspfLsaKey{OSPF_LSA_EXTERNAL, lsid, m_routerId}] = t;
            }
        }
    }
    SyncDerived(OSPF_LSA_EXTERNAL, kExternalScope, ext);
    for (const auto& ak : m_areas)
    {
        const RtmOspfArea& a = *ak.second;
        std::map<RtmOspfLsaKey, Ptr<RtmOspfLsa>> nssa;
        if (a.cfg.type == RtmOspfAreaType::Nssa && !normal)
        {
            // RFC 3101 §2.3: P set, forwarding address one of the router's NSSA addresses.
            uint32_t fwd = 0;
            for (const auto& kv : m_ifs)
            {
                if (kv.second->cfg.area == a.id && kv.second->state != RtmOspfIfState::Down)
                {
                    fwd = kv.second->address;
                    break;
                }
            }
            std::map<uint32_t, uint8_t> used;
            for (const auto& kv : m_redistributed)
            {
                uint32_t lsid = AssignLsid(used, kv.first);
                if (lsid != 0xffffffffu && fwd != 0)
                {
                    Ptr<RtmOspfLsa> l = build(kv.first, kv.second, OSPF_OPT_NP);
                    l->forward = fwd;
                    nssa[RtmOspfLsaKey{OSPF_LSA_NSSA, lsid, m_routerId}] = l;
                }
            }
        }
        SyncDerived(OSPF_LSA_NSSA, a.id, nssa);
    }
    // The E bit of the Router-LSAs follows (own externals, or translated ones).
    bool asbr = !m_redistributed.empty() || !ext.empty();
    if (asbr != m_asbr)
    {
        m_asbr = asbr;
        for (const auto& kv : m_areas)
        {
            ScheduleRouterLsa(kv.first);
        }
    }
}

} // namespace ns3
