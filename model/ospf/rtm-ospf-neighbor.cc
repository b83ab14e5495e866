/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An OSPF neighbour: the neighbour state machine (RFC 2328 §10.3), database exchange (§10.6,
 * §10.8), Link State Requests (§10.9) and the retransmission list (§13.6).
 */
#include "rtm-ospf-neighbor.h"

#include "rtm-ospf-client.h"
#include "rtm-ospf-interface.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfNeighbor");

RtmOspfNeighbor::RtmOspfNeighbor(RtmOspfInterface* i, uint32_t rid, uint32_t addr)
    : itf(i),
      client(i->client),
      routerId(rid),
      address(addr)
{
}

RtmOspfNeighbor::~RtmOspfNeighbor()
{
    inactivityTimer.Cancel();
    ddTimer.Cancel();
    lsrTimer.Cancel();
    rxmtTimer.Cancel();
}

void
RtmOspfNeighbor::SetState(RtmOspfNbrState s)
{
    if (s == state)
    {
        return;
    }
    RtmOspfNbrState from = state;
    state = s;
    NS_LOG_LOGIC("router " << RtmOspfDotted(client->m_routerId) << " if " << itf->index
                           << " neighbour " << RtmOspfDotted(routerId) << ": "
                           << RtmOspfNbrStateName(from) << " -> " << RtmOspfNbrStateName(s));
    client->NeighborStateChanged(*this, from);
}

bool
RtmOspfNeighbor::ShouldBeAdjacent() const
{
    if (!itf->IsBroadcast())
    {
        return true;
    }
    return itf->IsDrOrBackup() || address == itf->dr || address == itf->bdr;
}

// ------------------------------------------------------------------------------ events

void
RtmOspfNeighbor::HelloReceived()
{
    lastHello = Simulator::Now();
    inactivityTimer.Cancel();
    inactivityTimer =
        Simulator::Schedule(client->m_deadInterval, &RtmOspfInterface::NeighborDead, itf, this);
    if (state == RtmOspfNbrState::Down)
    {
        SetState(RtmOspfNbrState::Init);
    }
}

void
RtmOspfNeighbor::TwoWayReceived()
{
    if (state != RtmOspfNbrState::Init)
    {
        return;
    }
    if (ShouldBeAdjacent())
    {
        StartExchange();
    }
    else
    {
        SetState(RtmOspfNbrState::TwoWay);
    }
}

void
RtmOspfNeighbor::OneWayReceived()
{
    if (state >= RtmOspfNbrState::TwoWay)
    {
        ClearLists();
        SetState(RtmOspfNbrState::Init);
    }
}

void
RtmOspfNeighbor::AdjOk()
{
    if (state == RtmOspfNbrState::TwoWay && ShouldBeAdjacent())
    {
        StartExchange();
    }
    else if (state >= RtmOspfNbrState::ExStart && !ShouldBeAdjacent())
    {
        ClearLists();
        SetState(RtmOspfNbrState::TwoWay);
    }
}

void
RtmOspfNeighbor::ExchangeDone()
{
    ddTimer.Cancel();
    if (requests.empty())
    {
        SetState(RtmOspfNbrState::Full);
    }
    else
    {
        SetState(RtmOspfNbrState::Loading);
        SendLsRequest();
    }
}

void
RtmOspfNeighbor::LoadingDone()
{
    lsrTimer.Cancel();
    SetState(RtmOspfNbrState::Full);
}

void
RtmOspfNeighbor::SeqNumberMismatch()
{
    if (state >= RtmOspfNbrState::Exchange)
    {
        NS_LOG_INFO("router " << RtmOspfDotted(client->m_routerId) << ": exchange with "
                              << RtmOspfDotted(routerId) << " restarts");
        StartExchange();
    }
}

void
RtmOspfNeighbor::BadLsReq()
{
    SeqNumberMismatch();
}

void
RtmOspfNeighbor::Kill()
{
    ClearLists();
    inactivityTimer.Cancel();
    haveCryptoSeq = false;
    SetState(RtmOspfNbrState::Down);
}

void
RtmOspfNeighbor::ClearLists()
{
    summary.clear();
    requests.clear();
    outstanding.clear();
    rxmt.clear();
    ddTimer.Cancel();
    lsrTimer.Cancel();
    rxmtTimer.Cancel();
    haveLastDd = false;
    lastSentCount = 0;
}

// ------------------------------------------------------------------------------ exchange

void
RtmOspfNeighbor::StartExchange()
{
    ClearLists();
    ddSeq = ddSeq == 0 ? client->m_rng->GetInteger(1, 0x7fffffff) : ddSeq + 1;
    master = true;
    SetState(RtmOspfNbrState::ExStart);
    lastSentDd = RtmOspfDbDesc();
    lastSentDd.mtu = itf->IsVirtual() ? 0 : itf->mtu;
    lastSentDd.options =
        client->FindArea(itf->IsVirtual() ? OSPF_BACKBONE : itf->cfg.area)->Options();
    lastSentDd.flags = OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS;
    lastSentDd.seq = ddSeq;
    lastSentCount = 0;
    ResendDd();
    ddTimer = Simulator::Schedule(client->m_rxmtInterval, &RtmOspfNeighbor::DdTimeout, this);
}

void
RtmOspfNeighbor::ResendDd()
{
    client->Send(*itf, itf->UnicastAddress(*this), RtmOspfPacketType::DbDesc, lastSentDd);
}

void
RtmOspfNeighbor::DdTimeout()
{
    if (master && (state == RtmOspfNbrState::ExStart || state == RtmOspfNbrState::Exchange))
    {
        ResendDd();
        ddTimer = Simulator::Schedule(client->m_rxmtInterval, &RtmOspfNeighbor::DdTimeout, this);
    }
}

void
RtmOspfNeighbor::NegotiationDone()
{
    ddTimer.Cancel();
    SetState(RtmOspfNbrState::Exchange);
    uint32_t scope = itf->IsVirtual() ? OSPF_BACKBONE : itf->cfg.area;
    Time now = Simulator::Now();
    for (const RtmOspfLsaKey& k : client->SummaryKeys(*itf))
    {
        const RtmOspfLsdb* db = client->ScopeLsdb(scope, k.type);
        const RtmOspfLsdb::Entry* e = db->Find(k);
        if (RtmOspfLsdb::Age(*e, now) >= OSPF_MAX_AGE)
        {
            AddRxmt(e->lsa);
        }
        else
        {
            summary.push_back(k);
        }
    }
}

void
RtmOspfNeighbor::ReceiveDbDesc(const RtmOspfDbDesc& dd)
{
    bool dup =
        haveLastDd && dd.flags == lastDdFlags && dd.options == lastDdOptions && dd.seq == lastDdSeq;
    switch (state)
    {
    case RtmOspfNbrState::Down:
    case RtmOspfNbrState::Attempt:
        client->Drop(itf->index, address, RtmOspfDrop::NeighborState);
        return;
    case RtmOspfNbrState::TwoWay:
        return;
    case RtmOspfNbrState::Init:
        TwoWayReceived();
        if (state != RtmOspfNbrState::ExStart)
        {
            return;
        }
        [[fallthrough]];
    case RtmOspfNbrState::ExStart: {
        const uint8_t all = OSPF_DD_I | OSPF_DD_M | OSPF_DD_MS;
        if ((dd.flags & all) == all && dd.headers.empty() && routerId > client->m_routerId)
        {
            master = false;
            ddSeq = dd.seq;
        }
        else if ((dd.flags & (OSPF_DD_I | OSPF_DD_MS)) == 0 && dd.seq == ddSeq &&
                 routerId < client->m_routerId)
        {
            master = true;
        }
        else
        {
            return;
        }
        options = dd.options;
        NegotiationDone();
        ProcessDd(dd);
        return;
    }
    case RtmOspfNbrState::Exchange:
        if (dup)
        {
            if (!master)
            {
                ResendDd();
            }
            return;
        }
        if (((dd.flags & OSPF_DD_MS) != 0) == master || (dd.flags & OSPF_DD_I) != 0 ||
            dd.options != options || dd.seq != (master ? ddSeq : ddSeq + 1))
        {
            SeqNumberMismatch();
            return;
        }
        ProcessDd(dd);
        return;
    case RtmOspfNbrState::Loading:
    case RtmOspfNbrState::Full:
        if (dup)
        {
            if (!master)
            {
                ResendDd();
            }
            return;
        }
        SeqNumberMismatch();
        return;
    }
}

void
RtmOspfNeighbor::ProcessDd(const RtmOspfDbDesc& dd)
{
    haveLastDd = true;
    lastDdFlags = dd.flags;
    lastDdOptions = dd.options;
    lastDdSeq = dd.seq;
    uint32_t scope = itf->IsVirtual() ? OSPF_BACKBONE : itf->cfg.area;
    const RtmOspfArea* area = client->FindArea(scope);
    Time now = Simulator::Now();
    for (const auto& h : dd.headers)
    {
        bool allowed = RtmOspfKnownLsaType(h.type);
        if (h.type == OSPF_LSA_EXTERNAL && (area->NoExternals() || itf->IsVirtual()))
        {
            allowed = false;
        }
        if (h.type == OSPF_LSA_NSSA && area->cfg.type != RtmOspfAreaType::Nssa)
        {
            allowed = false;
        }
        if (!allowed)
        {
            SeqNumberMismatch();
            return;
        }
        const RtmOspfLsdb* db = client->ScopeLsdb(scope, h.type);
        const RtmOspfLsdb::Entry* e = db->Find(h.Key());
        if (e == nullptr || RtmOspfLsdb::Header(*e, now).Compare(h) < 0)
        {
            requests[h.Key()] = h;
        }
    }
    // What we sent last has been answered (master) or acknowledged by this packet (slave).
    for (std::size_t k = 0; k < lastSentCount && !summary.empty(); ++k)
    {
        summary.pop_front();
    }
    lastSentCount = 0;
    if (master)
    {
        ddTimer.Cancel();
        if ((dd.flags & OSPF_DD_M) == 0 && summary.empty())
        {
            ExchangeDone();
        }
        else
        {
            ++ddSeq;
            SendNextDd(OSPF_DD_MS);
            ddTimer =
                Simulator::Schedule(client->m_rxmtInterval, &RtmOspfNeighbor::DdTimeout, this);
        }
    }
    else
    {
        ddSeq = dd.seq;
        SendNextDd(0);
        if ((dd.flags & OSPF_DD_M) == 0 && (lastSentDd.flags & OSPF_DD_M) == 0)
        {
            ExchangeDone();
        }
    }
    if (state == RtmOspfNbrState::Exchange || state == RtmOspfNbrState::Loading)
    {
        SendLsRequest();
    }
}

void
RtmOspfNeighbor::SendNextDd(uint8_t flags)
{
    uint32_t scope = itf->IsVirtual() ? OSPF_BACKBONE : itf->cfg.area;
    Time now = Simulator::Now();
    std::size_t n = std::min<std::size_t>(summary.size(), itf->MaxDdHeaders());
    RtmOspfDbDesc dd;
    dd.mtu = itf->IsVirtual() ? 0 : itf->mtu;
    dd.options = client->FindArea(scope)->Options();
    dd.flags = flags | (summary.size() > n ? OSPF_DD_M : 0);
    dd.seq = ddSeq;
    for (std::size_t k = 0; k < n; ++k)
    {
        const RtmOspfLsaKey& key = summary[k];
        const RtmOspfLsdb::Entry* e = client->ScopeLsdb(scope, key.type)->Find(key);
        if (e != nullptr)
        {
            dd.headers.push_back(RtmOspfLsdb::Header(*e, now));
        }
    }
    lastSentDd = dd;
    lastSentCount = n;
    ResendDd();
}

// ------------------------------------------------------------------------------ requests

void
RtmOspfNeighbor::ReceiveLsRequest(const RtmOspfLsRequest& r)
{
    if (state < RtmOspfNbrState::Exchange)
    {
        client->Drop(itf->index, address, RtmOspfDrop::NeighborState);
        return;
    }
    uint32_t scope = itf->IsVirtual() ? OSPF_BACKBONE : itf->cfg.area;
    std::vector<Ptr<const RtmOspfLsa>> lsas;
    for (const auto& k : r.requests)
    {
        const RtmOspfLsdb* db = client->ScopeLsdb(scope, k.type);
        const RtmOspfLsdb::Entry* e = db == nullptr ? nullptr : db->Find(k);
        if (e == nullptr)
        {
            BadLsReq();
            return;
        }
        lsas.push_back(e->lsa);
    }
    client->SendLsUpdate(*itf, itf->UnicastAddress(*this), lsas);
}

void
RtmOspfNeighbor::SendLsRequest(bool retransmit)
{
    if (state != RtmOspfNbrState::Exchange && state != RtmOspfNbrState::Loading)
    {
        return;
    }
    if (!retransmit && !outstanding.empty())
    {
        return; // wait for the answer to the previous request
    }
    lsrTimer.Cancel();
    outstanding.clear();
    if (requests.empty())
    {
        return;
    }
    RtmOspfLsRequest r;
    uint32_t max = itf->MaxLsrEntries();
    for (const auto& kv : requests)
    {
        if (r.requests.size() >= max)
        {
            break;
        }
        r.requests.push_back(kv.first);
        outstanding.push_back(kv.first);
    }
    client->Send(*itf, itf->UnicastAddress(*this), RtmOspfPacketType::LsRequest, r);
    lsrTimer =
        Simulator::Schedule(client->m_rxmtInterval, &RtmOspfNeighbor::SendLsRequest, this, true);
}

bool
RtmOspfNeighbor::PruneRequest(const RtmOspfLsaHeader& h)
{
    auto it = requests.find(h.Key());
    if (it == requests.end())
    {
        return false;
    }
    int c = h.Compare(it->second);
    if (c < 0)
    {
        return true;
    }
    requests.erase(it);
    return c == 0;
}

void
RtmOspfNeighbor::ContinueLoading()
{
    std::vector<RtmOspfLsaKey> still;
    for (const auto& k : outstanding)
    {
        if (requests.count(k) != 0)
        {
            still.push_back(k);
        }
    }
    outstanding.swap(still);
    if (!outstanding.empty())
    {
        return;
    }
    lsrTimer.Cancel();
    if (requests.empty())
    {
        if (state == RtmOspfNbrState::Loading)
        {
            LoadingDone();
        }
        return;
    }
    SendLsRequest();
}

// ------------------------------------------------------------------------------ retransmission

bool
RtmOspfNeighbor::OnRxmtList(const RtmOspfLsaKey& key) const
{
    return rxmt.count(key) != 0;
}

void
RtmOspfNeighbor::AddRxmt(Ptr<const RtmOspfLsa> lsa)
{
    rxmt[lsa->hdr.Key()] = Rxmt{lsa, Simulator::Now()};
    if (!RtmIsPending(rxmtTimer))
    {
        rxmtTimer =
            Simulator::Schedule(client->m_rxmtInterval, &RtmOspfNeighbor::RetransmitLsas, this);
    }
}

void
RtmOspfNeighbor::RetransmitLsas()
{
    if (rxmt.empty() || state < RtmOspfNbrState::Exchange)
    {
        return;
    }
    Time now = Simulator::Now();
    Time earliest = Time::Max();
    std::vector<Ptr<const RtmOspfLsa>> due;
    for (auto& kv : rxmt)
    {
        if (kv.second.sent + client->m_rxmtInterval <= now)
        {
            due.push_back(kv.second.lsa);
            kv.second.sent = now;
        }
        earliest = std::min(earliest, kv.second.sent + client->m_rxmtInterval);
    }
    if (!due.empty())
    {
        client->m_retransmitted += due.size();
        client->SendLsUpdate(*itf, itf->UnicastAddress(*this), due);
    }
    rxmtTimer = Simulator::Schedule(earliest - now, &RtmOspfNeighbor::RetransmitLsas, this);
}

} // namespace ns3
