/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An OSPF interface: the interface state machine (RFC 2328 §9.3), Hello timer and packets
 * (§9.5), and the DR/BDR election (§9.4).
 */
#include "rtm-ospf-interface.h"

#include "rtm-ospf-client.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfInterface");

RtmOspfInterface::RtmOspfInterface(RtmOspfClient* c, uint32_t idx, const RtmOspfIfConfig& config)
    : client(c),
      index(idx),
      cfg(config),
      type(config.type)
{
}

RtmOspfInterface::~RtmOspfInterface()
{
    helloTimer.Cancel();
    waitTimer.Cancel();
    ackTimer.Cancel();
    floodEvent.Cancel();
    nbrs.clear();
}

bool
RtmOspfInterface::IsBroadcast() const
{
    return type == RtmOspfNetworkType::Broadcast;
}

bool
RtmOspfInterface::IsVirtual() const
{
    return type == RtmOspfNetworkType::Virtual;
}

bool
RtmOspfInterface::IsDr() const
{
    return state == RtmOspfIfState::Dr;
}

bool
RtmOspfInterface::IsDrOrBackup() const
{
    return state == RtmOspfIfState::Dr || state == RtmOspfIfState::Backup;
}

uint32_t
RtmOspfInterface::CountFull() const
{
    uint32_t n = 0;
    for (const auto& kv : nbrs)
    {
        n += kv.second->state == RtmOspfNbrState::Full ? 1 : 0;
    }
    return n;
}

uint32_t
RtmOspfInterface::FloodAddress() const
{
    if (IsVirtual())
    {
        return peerAddress;
    }
    if (IsBroadcast() && !IsDrOrBackup())
    {
        return OSPF_ALL_D_ROUTERS;
    }
    return OSPF_ALL_SPF_ROUTERS;
}

uint32_t
RtmOspfInterface::UnicastAddress(const RtmOspfNeighbor& n) const
{
    if (IsVirtual())
    {
        return peerAddress;
    }
    return IsBroadcast() ? n.address : OSPF_ALL_SPF_ROUTERS;
}

namespace
{
/// OSPF payload bytes of one packet on an interface of MTU \p mtu (IP header excluded).
uint32_t
Payload(const RtmOspfInterface& itf)
{
    uint32_t mtu = itf.mtu == 0 ? 1500 : itf.mtu;
    uint32_t trailer = itf.cfg.auth.type == OSPF_AUTH_CRYPTO ? OSPF_MD5_DIGEST_SIZE : 0;
    uint32_t overhead = 20 + OSPF_HEADER_SIZE + trailer;
    return mtu > overhead + 64 ? mtu - overhead : 64;
}
} // namespace

uint32_t
RtmOspfInterface::MaxDdHeaders() const
{
    return std::max<uint32_t>(1, (Payload(*this) - 8) / OSPF_LSA_HEADER_SIZE);
}

uint32_t
RtmOspfInterface::MaxLsuBytes() const
{
    return Payload(*this) - 4;
}

uint32_t
RtmOspfInterface::MaxLsrEntries() const
{
    return std::max<uint32_t>(1, Payload(*this) / 12);
}

// ------------------------------------------------------------------------------ state machine

void
RtmOspfInterface::SetState(RtmOspfIfState s)
{
    if (s == state)
    {
        return;
    }
    RtmOspfIfState from = state;
    state = s;
    NS_LOG_LOGIC("router " << RtmOspfDotted(client->m_routerId) << " if " << index << ": "
                           << RtmOspfIfStateName(from) << " -> " << RtmOspfIfStateName(s));
    client->InterfaceStateChanged(*this, from);
}

void
RtmOspfInterface::Up()
{
    if (state != RtmOspfIfState::Down)
    {
        return;
    }
    dr = 0;
    bdr = 0;
    if (!IsBroadcast())
    {
        SetState(RtmOspfIfState::PointToPoint);
    }
    else if (cfg.priority == 0 || cfg.passive)
    {
        SetState(RtmOspfIfState::DrOther);
    }
    else
    {
        SetState(RtmOspfIfState::Waiting);
        waitTimer =
            Simulator::Schedule(client->m_deadInterval, &RtmOspfInterface::WaitTimeout, this);
    }
    if (!cfg.passive)
    {
        HelloTimeout();
    }
}

void
RtmOspfInterface::Down()
{
    helloTimer.Cancel();
    waitTimer.Cancel();
    ackTimer.Cancel();
    floodEvent.Cancel();
    delayedAcks.clear();
    floodQueue.clear();
    dr = 0;
    bdr = 0;
    SetState(RtmOspfIfState::Down);
    // Kill every neighbour (each tells the client), then forget them.
    for (auto& kv : nbrs)
    {
        kv.second->Kill();
    }
    nbrs.clear();
}

void
RtmOspfInterface::HelloTimeout()
{
    SendHello();
    helloTimer =
        Simulator::Schedule(client->m_helloInterval, &RtmOspfInterface::HelloTimeout, this);
}

void
RtmOspfInterface::WaitTimeout()
{
    if (state == RtmOspfIfState::Waiting)
    {
        ElectDr();
    }
}

void
RtmOspfInterface::NeighborChange()
{
    if (state == RtmOspfIfState::Dr || state == RtmOspfIfState::Backup ||
        state == RtmOspfIfState::DrOther)
    {
        ElectDr();
    }
}

void
RtmOspfInterface::NeighborDead(RtmOspfNeighbor* n)
{
    NS_LOG_INFO("router " << RtmOspfDotted(client->m_routerId) << " if " << index << ": neighbour "
                          << RtmOspfDotted(n->routerId) << " is dead");
    n->Kill();
    for (auto it = nbrs.begin(); it != nbrs.end(); ++it)
    {
        if (it->second.get() == n)
        {
            nbrs.erase(it);
            break;
        }
    }
}

void
RtmOspfInterface::SendHello()
{
    if (state == RtmOspfIfState::Down || cfg.passive)
    {
        return;
    }
    RtmOspfHello h;
    h.mask = IsVirtual() ? 0 : mask;
    h.helloInterval = static_cast<uint16_t>(client->m_helloInterval.GetSeconds());
    h.deadInterval = static_cast<uint32_t>(client->m_deadInterval.GetSeconds());
    h.options = client->FindArea(IsVirtual() ? OSPF_BACKBONE : cfg.area)->Options();
    h.priority = IsBroadcast() ? cfg.priority : 0;
    h.dr = dr;
    h.bdr = bdr;
    for (const auto& kv : nbrs)
    {
        if (kv.second->state >= RtmOspfNbrState::Init)
        {
            h.neighbors.push_back(kv.second->routerId);
        }
    }
    client->Send(*this,
                 IsVirtual() ? peerAddress : OSPF_ALL_SPF_ROUTERS,
                 RtmOspfPacketType::Hello,
                 h);
}

RtmOspfNeighbor*
RtmOspfInterface::FindNeighbor(uint32_t routerId, uint32_t source) const
{
    auto it = nbrs.find(IsBroadcast() ? source : routerId);
    return it == nbrs.end() ? nullptr : it->second.get();
}

RtmOspfNeighbor*
RtmOspfInterface::FindNeighborById(uint32_t routerId) const
{
    for (const auto& kv : nbrs)
    {
        if (kv.second->routerId == routerId)
        {
            return kv.second.get();
        }
    }
    return nullptr;
}

RtmOspfDrop
RtmOspfInterface::ReceiveHello(const RtmOspfHeader& hdr, const RtmOspfHello& hello, uint32_t source)
{
    if (IsBroadcast() && hello.mask != mask)
    {
        return RtmOspfDrop::HelloMismatch;
    }
    if (hello.helloInterval != static_cast<uint16_t>(client->m_helloInterval.GetSeconds()) ||
        hello.deadInterval != static_cast<uint32_t>(client->m_deadInterval.GetSeconds()))
    {
        return RtmOspfDrop::HelloMismatch;
    }
    uint8_t mine = client->FindArea(IsVirtual() ? OSPF_BACKBONE : cfg.area)->Options();
    if ((hello.options & (OSPF_OPT_E | OSPF_OPT_NP)) != (mine & (OSPF_OPT_E | OSPF_OPT_NP)))
    {
        return RtmOspfDrop::HelloMismatch;
    }
    uint32_t key = IsBroadcast() ? source : hdr.routerId;
    auto it = nbrs.find(key);
    if (it == nbrs.end())
    {
        it = nbrs.emplace(key, std::make_unique<RtmOspfNeighbor>(this, hdr.routerId, source)).first;
    }
    RtmOspfNeighbor& n = *it->second;
    bool fresh = n.state == RtmOspfNbrState::Down;
    uint8_t oldPriority = n.priority;
    bool wasDr = n.dr == n.address;
    bool wasBdr = n.bdr == n.address;
    n.routerId = hdr.routerId;
    n.address = source;
    n.priority = hello.priority;
    n.dr = hello.dr;
    n.bdr = hello.bdr;
    if (n.state < RtmOspfNbrState::ExStart)
    {
        n.options = hello.options;
    }
    n.HelloReceived();
    bool twoWay = std::find(hello.neighbors.begin(), hello.neighbors.end(), client->m_routerId) !=
                  hello.neighbors.end();
    if (!twoWay)
    {
        n.OneWayReceived();
        if (fresh)
        {
            SendHello(); // let it learn us now rather than a HelloInterval later
        }
        return RtmOspfDrop::Count;
    }
    n.TwoWayReceived();
    if (!IsBroadcast())
    {
        return RtmOspfDrop::Count;
    }
    bool change = oldPriority != n.priority;
    bool declDr = n.dr == n.address;
    bool declBdr = n.bdr == n.address;
    bool backupSeen = false;
    if (declDr && n.bdr == 0 && state == RtmOspfIfState::Waiting)
    {
        backupSeen = true;
    }
    else if (declDr != wasDr)
    {
        change = true;
    }
    if (declBdr && state == RtmOspfIfState::Waiting)
    {
        backupSeen = true;
    }
    else if (declBdr != wasBdr)
    {
        change = true;
    }
    if (backupSeen)
    {
        waitTimer.Cancel();
        ElectDr();
    }
    else if (change)
    {
        NeighborChange();
    }
    return RtmOspfDrop::Count;
}

// ------------------------------------------------------------------------------ DR election

namespace
{
/// A router taking part in the election.
struct Candidate
{
    uint32_t id;      //!< router id
    uint32_t address; //!< interface address
    uint8_t priority; //!< priority
    uint32_t dr;      //!< declared DR
    uint32_t bdr;     //!< declared BDR
};

/// The best candidate by (priority, router id), or null.
const Candidate*
Best(const std::vector<const Candidate*>& v)
{
    const Candidate* best = nullptr;
    for (const Candidate* c : v)
    {
        if (best == nullptr || std::tie(c->priority, c->id) > std::tie(best->priority, best->id))
        {
            best = c;
        }
    }
    return best;
}

/// Steps 2 and 3 of §9.4: the BDR, then the DR, as addresses.
std::pair<uint32_t, uint32_t>
Elect(const std::vector<Candidate>& cands)
{
    std::vector<const Candidate*> bdrDeclared;
    std::vector<const Candidate*> notDr;
    std::vector<const Candidate*> drDeclared;
    for (const auto& c : cands)
    {
        if (c.dr != c.address)
        {
            notDr.push_back(&c);
            if (c.bdr == c.address)
            {
                bdrDeclared.push_back(&c);
            }
        }
        else
        {
            drDeclared.push_back(&c);
        }
    }
    const Candidate* b = Best(bdrDeclared.empty() ? notDr : bdrDeclared);
    const Candidate* d = Best(drDeclared);
    uint32_t bdr = b != nullptr ? b->address : 0;
    uint32_t dr = d != nullptr ? d->address : bdr;
    return {dr, bdr};
}
} // namespace

void
RtmOspfInterface::ElectDr()
{
    std::vector<Candidate> cands;
    if (cfg.priority > 0)
    {
        cands.push_back(Candidate{client->m_routerId, address, cfg.priority, dr, bdr});
    }
    for (const auto& kv : nbrs)
    {
        const RtmOspfNeighbor& n = *kv.second;
        if (n.state >= RtmOspfNbrState::TwoWay && n.priority > 0)
        {
            cands.push_back(Candidate{n.routerId, n.address, n.priority, n.dr, n.bdr});
        }
    }
    uint32_t oldDr = dr;
    uint32_t oldBdr = bdr;
    auto res = Elect(cands);
    // Step 4: if this router's own role changed, run steps 2 and 3 again with it declared.
    bool roleChanged = (res.first == address) != (oldDr == address) ||
                       (res.second == address) != (oldBdr == address);
    if (cfg.priority > 0 && roleChanged)
    {
        cands[0].dr = res.first;
        cands[0].bdr = res.second;
        res = Elect(cands);
    }
    dr = res.first;
    bdr = res.second;
    if (dr == address)
    {
        SetState(RtmOspfIfState::Dr);
    }
    else if (bdr == address)
    {
        SetState(RtmOspfIfState::Backup);
    }
    else
    {
        SetState(RtmOspfIfState::DrOther);
    }
    if (dr != oldDr || bdr != oldBdr)
    {
        NS_LOG_INFO("router " << RtmOspfDotted(client->m_routerId) << " if " << index << ": DR "
                              << RtmOspfDotted(dr) << " BDR " << RtmOspfDotted(bdr));
        std::vector<RtmOspfNeighbor*> list;
        for (auto& kv : nbrs)
        {
            list.push_back(kv.second.get());
        }
        for (RtmOspfNeighbor* n : list)
        {
            if (n->state >= RtmOspfNbrState::TwoWay)
            {
                n->AdjOk();
            }
        }
        client->ScheduleRouterLsa(cfg.area);
        client->ScheduleNetworkLsa(*this);
    }
}

// ------------------------------------------------------------------------------ queues

void
RtmOspfInterface::QueueFlood(Ptr<const RtmOspfLsa> lsa)
{
    // Flood pacing: an update leaves at once unless one left less than FloodPacing ago; then
    // what accumulates meanwhile leaves together when the pacing interval ends.
    auto same = std::find_if(floodQueue.begin(), floodQueue.end(), [&lsa](const auto& q) {
        return q->hdr.Key() == lsa->hdr.Key();
    });
    if (same != floodQueue.end())
    {
        *same = lsa; // a newer instance replaces the one waiting
    }
    else
    {
        floodQueue.push_back(lsa);
    }
    if (!RtmIsPending(floodEvent))
    {
        Time now = Simulator::Now();
        Time at = std::max(now, lastFlood + client->m_floodPacing);
        floodEvent = Simulator::Schedule(at - now, &RtmOspfInterface::FlushFlood, this);
    }
}

void
RtmOspfInterface::FlushFlood()
{
    std::vector<Ptr<const RtmOspfLsa>> q;
    q.swap(floodQueue);
    if (state != RtmOspfIfState::Down && !q.empty())
    {
        lastFlood = Simulator::Now();
        client->SendLsUpdate(*this, FloodAddress(), q);
    }
}

void
RtmOspfInterface::QueueDelayedAck(const RtmOspfLsaHeader& h)
{
    delayedAcks.push_back(h);
    if (!RtmIsPending(ackTimer))
    {
        ackTimer = Simulator::Schedule(client->m_ackDelay, &RtmOspfInterface::FlushAcks, this);
    }
}

void
RtmOspfInterface::FlushAcks()
{
    if (state == RtmOspfIfState::Down || delayedAcks.empty())
    {
        delayedAcks.clear();
        return;
    }
    uint32_t max = std::max<uint32_t>(1, MaxLsuBytes() / OSPF_LSA_HEADER_SIZE);
    RtmOspfLsAck ack;
    for (const auto& h : delayedAcks)
    {
        ack.headers.push_back(h);
        if (ack.headers.size() >= max)
        {
            client->Send(*this, FloodAddress(), RtmOspfPacketType::LsAck, ack);
            ack.headers.clear();
        }
    }
    if (!ack.headers.empty())
    {
        client->Send(*this, FloodAddress(), RtmOspfPacketType::LsAck, ack);
    }
    delayedAcks.clear();
}

} // namespace ns3
