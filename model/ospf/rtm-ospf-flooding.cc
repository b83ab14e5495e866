/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfClient, reliable flooding and database upkeep (RFC 2328 §13, §14): receiving Link
 * State Updates (the eight steps of §13, MinLSArrival, self-originated LSAs, requests,
 * implied acknowledgments, sending the newer database copy back), the flooding procedure
 * (§13.3: request lists, retransmission lists, not back to the DR/BDR, Backup stays silent),
 * direct and delayed acknowledgments (§13.5), acknowledgments received, LSA aging (MaxAge
 * LSAs re-flooded and removed once acknowledged everywhere) and the refresh of own LSAs.
 *
 * Scopes: an LSA lives in the database of its area, except AS-external-LSAs, which are in one
 * AS-wide database (scope kExternalScope) and are flooded on every interface of a normal area
 * (never into stub areas or NSSAs, never over virtual links).
 */
#include "rtm-ospf-client.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfFlooding");

// ------------------------------------------------------------------------------ scopes

uint32_t
RtmOspfClient::ScopeOf(uint32_t area, uint8_t type) const
{
    return type == OSPF_LSA_EXTERNAL ? kExternalScope : area;
}

RtmOspfLsdb*
RtmOspfClient::ScopeLsdb(uint32_t area, uint8_t type)
{
    if (type == OSPF_LSA_EXTERNAL || area == kExternalScope)
    {
        return &m_external;
    }
    RtmOspfArea* a = FindArea(area);
    return a == nullptr ? nullptr : &a->lsdb;
}

bool
RtmOspfClient::InScope(const RtmOspfInterface& itf, uint32_t scope) const
{
    uint32_t area = itf.IsVirtual() ? OSPF_BACKBONE : itf.cfg.area;
    if (scope == kExternalScope)
    {
        const RtmOspfArea* a = FindArea(area);
        return !itf.IsVirtual() && a != nullptr && !a->NoExternals();
    }
    return area == scope;
}

uint16_t
RtmOspfClient::CurrentAge(const RtmOspfLsa& lsa, uint32_t scope) const
{
    const RtmOspfLsdb* db = nullptr;
    if (scope == kExternalScope)
    {
        db = &m_external;
    }
    else if (const RtmOspfArea* a = FindArea(scope))
    {
        db = &a->lsdb;
    }
    const RtmOspfLsdb::Entry* e = db == nullptr ? nullptr : db->Find(lsa.hdr.Key());
    if (e != nullptr && PeekPointer(e->lsa) == &lsa)
    {
        return RtmOspfLsdb::Age(*e, Simulator::Now());
    }
    return lsa.hdr.age;
}

std::vector<RtmOspfLsaKey>
RtmOspfClient::SummaryKeys(const RtmOspfInterface& itf) const
{
    std::vector<RtmOspfLsaKey> out;
    uint32_t area = itf.IsVirtual() ? OSPF_BACKBONE : itf.cfg.area;
    if (const RtmOspfArea* a = FindArea(area))
    {
        for (const auto& kv : a->lsdb.Entries())
        {
            out.push_back(kv.first);
        }
    }
    if (InScope(itf, kExternalScope))
    {
        for (const auto& kv : m_external.Entries())
        {
            out.push_back(kv.first);
        }
    }
    return out;
}

std::vector<RtmOspfInterface*>
RtmOspfClient::AllInterfaces() const
{
    std::vector<RtmOspfInterface*> all;
    all.reserve(m_ifs.size() + m_vlinks.size());
    for (const auto& kv : m_ifs)
    {
        all.push_back(kv.second.get());
    }
    for (const auto& v : m_vlinks)
    {
        all.push_back(v.get());
    }
    return all;
}

bool
RtmOspfClient::AnyNeighborInScope(uint32_t scope,
                                  const std::function<bool(const RtmOspfNeighbor&)>& pred) const
{
    for (const RtmOspfInterface* itf : AllInterfaces())
    {
        if (InScope(*itf, scope) &&
            std::any_of(itf->nbrs.begin(), itf->nbrs.end(), [&pred](const auto& kv) {
                return pred(*kv.second);
            }))
        {
            return true;
        }
    }
    return false;
}

bool
RtmOspfClient::AnyNeighborExchanging(uint32_t scope) const
{
    return AnyNeighborInScope(scope, [](const RtmOspfNeighbor& n) {
        return n.state == RtmOspfNbrState::Exchange || n.state == RtmOspfNbrState::Loading;
    });
}

bool
RtmOspfClient::OnAnyRxmtList(const RtmOspfLsaKey& key, uint32_t scope) const
{
    return AnyNeighborInScope(scope,
                              [&key](const RtmOspfNeighbor& n) { return n.OnRxmtList(key); });
}

void
RtmOspfClient::RemoveFromRxmtLists(const RtmOspfLsaKey& key, uint32_t scope)
{
    for (RtmOspfInterface* itf : AllInterfaces())
    {
        if (InScope(*itf, scope))
        {
            for (auto& kv : itf->nbrs)
            {
                kv.second->rxmt.erase(key);
            }
        }
    }
}

// ------------------------------------------------------------------------------ install, flood

void
RtmOspfClient::InstallLsa(Ptr<const RtmOspfLsa> lsa, uint32_t scope, bool flooded)
{
    RtmOspfLsdb* db = scope == kExternalScope ? &m_external : &FindArea(scope)->lsdb;
    Time now = Simulator::Now();
    const RtmOspfLsdb::Entry* cur = db->Find(lsa->hdr.Key());
    bool changed =
        cur == nullptr || cur->lsa->ContentsDiffer(*lsa, RtmOspfLsdb::Age(*cur, now), lsa->hdr.age);
    bool self = IsSelfOriginated(*lsa);
    db->Install(lsa, now, flooded, self);
    if (lsa->hdr.age >= OSPF_MAX_AGE)
    {
        m_maxAged.insert({scope, lsa->hdr.Key()});
        if (!RtmIsPending(m_sweepEvent))
        {
            m_sweepEvent = Simulator::Schedule(Seconds(1), &RtmOspfClient::SweepMaxAge, this);
        }
    }
    if (changed)
    {
        ScheduleSpf();
    }
    ScheduleAging();
}

bool
RtmOspfClient::Flood(Ptr<const RtmOspfLsa> lsa, uint32_t scope, RtmOspfNeighbor* from)
{
    bool back = false;
    auto floodOn = [&](RtmOspfInterface& itf) {
        if (itf.state == RtmOspfIfState::Down || itf.cfg.passive || !InScope(itf, scope))
        {
            return;
        }
        bool added = false;
        for (auto& kv : itf.nbrs)
        {
            RtmOspfNeighbor& n = *kv.second;
            if (n.state < RtmOspfNbrState::Exchange)
            {
                continue;
            }
            if (n.state != RtmOspfNbrState::Full && n.PruneRequest(lsa->hdr))
            {
                continue;
            }
            if (&n == from)
            {
                continue;
            }
            n.AddRxmt(lsa);
            added = true;
        }
        if (!added)
        {
            return;
        }
        if (from != nullptr && from->itf == &itf)
        {
            if (itf.IsBroadcast() && (from->address == itf.dr || from->address == itf.bdr))
            {
                return;
            }
            if (itf.state == RtmOspfIfState::Backup)
            {
                return;
            }
            back = true;
        }
        itf.QueueFlood(lsa);
    };
    for (auto& kv : m_ifs)
    {
        floodOn(*kv.second);
    }
    for (auto& v : m_vlinks)
    {
        floodOn(*v);
    }
    return back;
}

// ------------------------------------------------------------------------------ receiving

void
RtmOspfClient::ReceiveLsUpdate(RtmOspfNeighbor& nbr, const RtmOspfLsUpdate& u)
{
    RtmOspfInterface& itf = *nbr.itf;
    uint32_t area = itf.IsVirtual() ? OSPF_BACKBONE : itf.cfg.area;
    const RtmOspfArea* a = FindArea(area);
    Time now = Simulator::Now();
    RtmOspfLsAck direct;
    for (const auto& e : u.lsas)
    {
        Ptr<const RtmOspfLsa> lsa = e.lsa;
        const RtmOspfLsaHeader& h = lsa->hdr;
        // Step 3: AS-external-LSAs never in stub areas, NSSAs or over virtual links; NSSA-LSAs
        // only in NSSAs.
        if ((h.type == OSPF_LSA_EXTERNAL && (a->NoExternals() || itf.IsVirtual())) ||
            (h.type == OSPF_LSA_NSSA && a->cfg.type != RtmOspfAreaType::Nssa))
        {
            Drop(itf.index, nbr.address, RtmOspfDrop::BadLsaType);
            continue;
        }
        uint32_t scope = ScopeOf(area, h.type);
        RtmOspfLsdb* db = ScopeLsdb(area, h.type);
        RtmOspfLsdb::Entry* cur = db->Find(h.Key());
        // Step 4: a MaxAge LSA we do not have, with nobody exchanging: acknowledge, forget.
        if (h.age >= OSPF_MAX_AGE && cur == nullptr && !AnyNeighborExchanging(scope))
        {
            direct.headers.push_back(h);
            continue;
        }
        int cmp = cur == nullptr ? 1 : h.Compare(RtmOspfLsdb::Header(*cur, now));
        if (cmp > 0)
        {
            // Step 5.
            if (cur != nullptr && cur->flooded && now - cur->installed < m_minLsArrival)
            {
                continue; // (a) MinLSArrival
            }
            ++m_received;
            m_receiveTrace(lsa, scope);
            RemoveFromRxmtLists(h.Key(), scope); // (c) the old instance
            bool back = Flood(lsa, scope, &nbr); // (b)
            InstallLsa(lsa, scope, true);        // (d)
            if (!back)                           // (e)
            {
                if (itf.state != RtmOspfIfState::Backup || nbr.address == itf.dr)
                {
                    itf.QueueDelayedAck(h);
                }
            }
            if (IsSelfOriginated(*lsa)) // (f)
            {
                SelfOriginatedReceived(lsa, scope);
            }
            continue;
        }
        // Step 6: something we asked for, and it is not newer: the exchange went wrong.
        if (nbr.requests.count(h.Key()) != 0)
        {
            nbr.BadLsReq();
            return;
        }
        if (cmp == 0)
        {
            // Step 7: the same instance.
            auto r = nbr.rxmt.find(h.Key());
            if (r != nbr.rxmt.end())
            {
                nbr.rxmt.erase(r); // implied acknowledgment
                if (itf.state == RtmOspfIfState::Backup && nbr.address == itf.dr)
                {
                    itf.QueueDelayedAck(h);
                }
            }
            else
            {
                direct.headers.push_back(h);
            }
            continue;
        }
        // Step 8: ours is newer.
        if (RtmOspfLsdb::Age(*cur, now) >= OSPF_MAX_AGE && cur->lsa->hdr.seq == OSPF_MAX_SEQ)
        {
            continue;
        }
        if (now - cur->sentBack >= m_minLsArrival)
        {
            cur->sentBack = now;
            SendLsUpdate(itf, itf.UnicastAddress(nbr), {cur->lsa});
        }
    }
    if (!direct.headers.empty())
    {
        Send(itf, itf.UnicastAddress(nbr), RtmOspfPacketType::LsAck, direct);
    }
    nbr.ContinueLoading();
}

void
RtmOspfClient::ReceiveLsAck(RtmOspfNeighbor& nbr, const RtmOspfLsAck& a)
{
    uint32_t area = nbr.itf->IsVirtual() ? OSPF_BACKBONE : nbr.itf->cfg.area;
    for (const auto& h : a.headers)
    {
        auto r = nbr.rxmt.find(h.Key());
        if (r == nbr.rxmt.end())
        {
            continue;
        }
        RtmOspfLsaHeader mine = r->second.lsa->hdr;
        mine.age = CurrentAge(*r->second.lsa, ScopeOf(area, h.type));
        if (h.Compare(mine) == 0)
        {
            nbr.rxmt.erase(r);
        }
    }
}

// ------------------------------------------------------------------------------ aging

void
RtmOspfClient::ScheduleAging()
{
    Time next = m_external.NextEvent();
    for (const auto& kv : m_areas)
    {
        Time t = kv.second->lsdb.NextEvent();
        if (!t.IsNegative() && (next.IsNegative() || t < next))
        {
            next = t;
        }
    }
    if (next.IsNegative())
    {
        return;
    }
    Time now = Simulator::Now();
    if (RtmIsPending(m_agingEvent) && Time(m_agingEvent.GetTs()) <= next)
    {
        return;
    }
    m_agingEvent.Cancel();
    m_agingEvent =
        Simulator::Schedule(std::max(next - now, Seconds(0)), &RtmOspfClient::AgingTimeout, this);
}

void
RtmOspfClient::AgingTimeout()
{
    if (!m_running)
    {
        return;
    }
    Time now = Simulator::Now();
    auto run = [&](uint32_t scope, RtmOspfLsdb& db) {
        for (const auto& key : db.PopMaxAged(now))
        {
            const RtmOspfLsdb::Entry* e = db.Find(key);
            NS_LOG_LOGIC("router " << RtmOspfDotted(m_routerId) << ": " << key
                                   << " reached MaxAge");
            m_maxAged.insert({scope, key});
            Flood(e->lsa, scope, nullptr);
            ScheduleSpf();
        }
        for (const auto& key : db.PopRefreshDue(now))
        {
            const RtmOspfLsdb::Entry* e = db.Find(key);
            if (IsSelfOriginated(*e->lsa) && RtmOspfLsdb::Age(*e, now) < OSPF_MAX_AGE)
            {
                Ptr<RtmOspfLsa> copy = Create<RtmOspfLsa>(*e->lsa);
                Originate(scope, key, copy, true);
            }
        }
    };
    run(kExternalScope, m_external);
    for (auto& kv : m_areas)
    {
        run(kv.first, kv.second->lsdb);
    }
    if (!m_maxAged.empty() && !RtmIsPending(m_sweepEvent))
    {
        m_sweepEvent = Simulator::Schedule(Seconds(1), &RtmOspfClient::SweepMaxAge, this);
    }
    ScheduleAging();
}

void
RtmOspfClient::SweepMaxAge()
{
    if (!m_running)
    {
        return;
    }
    Time now = Simulator::Now();
    for (auto it = m_maxAged.begin(); it != m_maxAged.end();)
    {
        uint32_t scope = it->first;
        const RtmOspfLsaKey& key = it->second;
        RtmOspfLsdb* db = scope == kExternalScope ? &m_external : ScopeLsdb(scope, key.type);
        const RtmOspfLsdb::Entry* e = db == nullptr ? nullptr : db->Find(key);
        if (e == nullptr || RtmOspfLsdb::Age(*e, now) < OSPF_MAX_AGE)
        {
            it = m_maxAged.erase(it); // replaced meanwhile
            continue;
        }
        if (OnAnyRxmtList(key, scope) || AnyNeighborExchanging(scope))
        {
            ++it;
            continue;
        }
        NS_LOG_LOGIC("router " << RtmOspfDotted(m_routerId) << ": " << key << " removed");
        db->Remove(key);
        auto pk = std::make_pair(scope, key);
        auto p = m_pending.find(pk);
        it = m_maxAged.erase(it);
        if (p != m_pending.end() && p->second.want && !RtmIsPending(p->second.event))
        {
            DoOriginate(scope, key); // the sequence number wrapped: start again
        }
    }
    if (!m_maxAged.empty())
    {
        m_sweepEvent = Simulator::Schedule(Seconds(1), &RtmOspfClient::SweepMaxAge, this);
    }
}

} // namespace ns3
