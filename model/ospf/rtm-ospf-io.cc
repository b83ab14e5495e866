/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfClient, packets in and out: receive processing (RFC 2328 §8.2: parse and checks,
 * area and virtual-link matching, AllDRouters, authentication, neighbour lookup, dispatch by
 * type) and sending (common header, authentication, TTL 1 on the link, or unicast through the
 * transit area for virtual links). Every rejected packet or LSA is counted and traced with its
 * reason.
 */
#include "rtm-ospf-client.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfIo");

void
RtmOspfClient::Drop(uint32_t interface, uint32_t source, RtmOspfDrop reason)
{
    if (reason >= RtmOspfDrop::Count)
    {
        return;
    }
    ++m_drops[static_cast<size_t>(reason)];
    NS_LOG_INFO("router " << RtmOspfDotted(m_routerId) << " if " << interface << " drops from "
                          << RtmOspfDotted(source) << ": " << RtmOspfDropName(reason));
    m_dropTrace(interface, Ipv4Address(source), reason);
}

RtmOspfInterface*
RtmOspfClient::VirtualLinkFor(uint32_t transitArea, uint32_t routerId)
{
    for (auto& v : m_vlinks)
    {
        if (v->transitArea == transitArea && v->peerRouterId == routerId)
        {
            return v.get();
        }
    }
    return nullptr;
}

void
RtmOspfClient::Receive(Ptr<Socket> socket)
{
    auto sit = m_socketIf.find(PeekPointer(socket));
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (!m_running || !m_started || sit == m_socketIf.end())
        {
            continue;
        }
        RtmOspfInterface& itf = *sit->second;
        Ipv4Header ip;
        p->RemoveHeader(ip);
        uint32_t src = ip.GetSource().Get();
        uint32_t dst = ip.GetDestination().Get();
        if (itf.state == RtmOspfIfState::Down)
        {
            continue;
        }
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        if (IsOwnAddress(src))
        {
            Drop(itf.index, src, RtmOspfDrop::OwnPacket);
            continue;
        }
        RtmOspfPacket pkt;
        RtmOspfDrop why = RtmOspfDrop::Count;
        if (!RtmOspfPacket::Parse(bytes.data(), static_cast<uint32_t>(bytes.size()), pkt, why))
        {
            Drop(itf.index, src, why);
            continue;
        }
        if (pkt.header.routerId == m_routerId)
        {
            Drop(itf.index, src, RtmOspfDrop::OwnPacket);
            continue;
        }
        Dispatch(itf, pkt, bytes, src, dst);
    }
}

void
RtmOspfClient::Dispatch(RtmOspfInterface& phys,
                        const RtmOspfPacket& pkt,
                        const std::vector<uint8_t>& bytes,
                        uint32_t src,
                        uint32_t dst)
{
    const RtmOspfHeader& h = pkt.header;
    RtmOspfInterface* itf = &phys;
    if (h.areaId != phys.cfg.area)
    {
        // A backbone packet on a non-backbone interface belongs to a virtual link (§8.2).
        RtmOspfInterface* v =
            h.areaId == OSPF_BACKBONE ? VirtualLinkFor(phys.cfg.area, h.routerId) : nullptr;
        if (v == nullptr || v->state == RtmOspfIfState::Down || !IsOwnAddress(dst))
        {
            Drop(phys.index, src, RtmOspfDrop::AreaMismatch);
            return;
        }
        itf = v;
    }
    else if (!phys.IsVirtual() && !phys.IsBroadcast() && !Ipv4Address(dst).IsMulticast() &&
             !IsOwnAddress(dst))
    {
        Drop(phys.index, src, RtmOspfDrop::NotForMe);
        return;
    }
    if (dst == OSPF_ALL_D_ROUTERS && !itf->IsDrOrBackup())
    {
        Drop(phys.index, src, RtmOspfDrop::NotForMe);
        return;
    }
    if (itf->IsBroadcast() && (src & itf->mask) != (itf->address & itf->mask))
    {
        Drop(phys.index, src, RtmOspfDrop::NotForMe);
        return;
    }
    RtmOspfDrop why = RtmOspfDrop::Count;
    if (!RtmOspfAuth::Verify(bytes.data(),
                             static_cast<uint32_t>(bytes.size()),
                             h,
                             itf->cfg.auth,
                             why))
    {
        Drop(itf->index, src, why);
        return;
    }
    bool crypto = h.auType == OSPF_AUTH_CRYPTO;
    RtmOspfNeighbor* nbr = itf->FindNeighbor(h.routerId, src);
    if (crypto && nbr != nullptr && nbr->haveCryptoSeq && h.GetCryptoSeq() < nbr->cryptoSeq)
    {
        Drop(itf->index, src, RtmOspfDrop::CryptoSeqOld);
        return;
    }
    RtmOspfPacketType type = static_cast<RtmOspfPacketType>(h.type);
    if (type == RtmOspfPacketType::Hello)
    {
        RtmOspfDrop r = itf->ReceiveHello(h, pkt.hello, src);
        if (r != RtmOspfDrop::Count)
        {
            Drop(itf->index, src, r);
            return;
        }
        nbr = itf->FindNeighbor(h.routerId, src);
    }
    else if (nbr == nullptr)
    {
        Drop(itf->index, src, RtmOspfDrop::UnknownNeighbor);
        return;
    }
    if (crypto && nbr != nullptr)
    {
        nbr->haveCryptoSeq = true;
        nbr->cryptoSeq = h.GetCryptoSeq();
    }
    ++m_recv[h.type];
    m_rxTrace(h.type, itf->index, Ipv4Address(src), h.length);
    switch (type)
    {
    case RtmOspfPacketType::Hello:
        break;
    case RtmOspfPacketType::DbDesc:
        if (!itf->IsVirtual() && pkt.dd.mtu > itf->mtu)
        {
            Drop(itf->index, src, RtmOspfDrop::MtuMismatch);
            return;
        }
        nbr->ReceiveDbDesc(pkt.dd);
        break;
    case RtmOspfPacketType::LsRequest:
        nbr->ReceiveLsRequest(pkt.lsr);
        break;
    case RtmOspfPacketType::LsUpdate:
        for (const auto& b : pkt.lsu.bad)
        {
            Drop(itf->index, src, b.second);
        }
        if (nbr->state < RtmOspfNbrState::Exchange)
        {
            Drop(itf->index, src, RtmOspfDrop::NeighborState);
            return;
        }
        ReceiveLsUpdate(*nbr, pkt.lsu);
        break;
    case RtmOspfPacketType::LsAck:
        if (nbr->state < RtmOspfNbrState::Exchange)
        {
            Drop(itf->index, src, RtmOspfDrop::NeighborState);
            return;
        }
        ReceiveLsAck(*nbr, pkt.ack);
        break;
    }
}

void
RtmOspfClient::Send(RtmOspfInterface& itf, uint32_t dst, RtmOspfPacketType type, const Header& body)
{
    if (!m_running || itf.state == RtmOspfIfState::Down || itf.cfg.passive)
    {
        return;
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(body);
    RtmOspfHeader h;
    h.type = static_cast<uint8_t>(type);
    h.routerId = m_routerId;
    h.areaId = itf.IsVirtual() ? OSPF_BACKBONE : itf.cfg.area;
    uint32_t seq = 0;
    if (itf.cfg.auth.type == OSPF_AUTH_CRYPTO)
    {
        // Non-decreasing across restarts: at least the simulation time in milliseconds.
        seq = std::max<uint32_t>(m_cryptoSeq,
                                 static_cast<uint32_t>(Simulator::Now().GetMilliSeconds()));
        m_cryptoSeq = seq;
    }
    RtmOspfAuth::Stamp(h, itf.cfg.auth, seq);
    p->AddHeader(h);
    RtmOspfAuth::Sign(p, itf.cfg.auth);
    uint32_t size = p->GetSize();
    if (itf.IsVirtual())
    {
        auto out = m_ifs.find(itf.outInterface);
        if (out == m_ifs.end() || itf.outGateway == 0)
        {
            return;
        }
        Ptr<Ipv4Route> route = Create<Ipv4Route>();
        route->SetDestination(Ipv4Address(dst));
        route->SetGateway(Ipv4Address(itf.outGateway));
        route->SetSource(Ipv4Address(out->second->address));
        route->SetOutputDevice(m_ipv4->GetNetDevice(itf.outInterface));
        SocketIpTosTag tos;
        tos.SetTos(0xc0);
        p->AddPacketTag(tos);
        m_ipv4->Send(p, route->GetSource(), Ipv4Address(dst), OSPF_IP_PROTOCOL, route);
    }
    else
    {
        if (!itf.socket)
        {
            return;
        }
        SocketIpTtlTag ttl;
        ttl.SetTtl(1);
        p->AddPacketTag(ttl);
        if (itf.socket->SendTo(p, 0, InetSocketAddress(Ipv4Address(dst), 0)) < 0)
        {
            NS_LOG_WARN("router " << RtmOspfDotted(m_routerId) << " cannot send on interface "
                                  << itf.index);
            return;
        }
    }
    ++m_sent[static_cast<size_t>(type)];
    m_bytesSent += size;
    m_txTrace(h.type, itf.index, Ipv4Address(dst), size);
}

void
RtmOspfClient::SendLsUpdate(RtmOspfInterface& itf,
                            uint32_t dst,
                            const std::vector<Ptr<const RtmOspfLsa>>& lsas)
{
    uint32_t scope = itf.IsVirtual() ? OSPF_BACKBONE : itf.cfg.area;
    uint32_t max = itf.MaxLsuBytes();
    uint16_t delay = static_cast<uint16_t>(m_transDelay.GetSeconds());
    RtmOspfLsUpdate u;
    uint32_t bytes = 0;
    for (const auto& lsa : lsas)
    {
        uint32_t s = ScopeOf(scope, lsa->hdr.type);
        uint16_t age = std::min<uint32_t>(OSPF_MAX_AGE, CurrentAge(*lsa, s) + delay);
        if (!u.lsas.empty() && bytes + lsa->hdr.length > max)
        {
            Send(itf, dst, RtmOspfPacketType::LsUpdate, u);
            u.lsas.clear();
            bytes = 0;
        }
        u.lsas.push_back({lsa, age});
        bytes += lsa->hdr.length;
    }
    if (!u.lsas.empty())
    {
        Send(itf, dst, RtmOspfPacketType::LsUpdate, u);
    }
}

} // namespace ns3
