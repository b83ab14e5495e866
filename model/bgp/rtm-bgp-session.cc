/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The BGP finite state machine (RFC 4271 §8) over ns-3 TCP sockets.
 *
 * Invariants: m_conn[0] is the connection we opened, m_conn[1] the one the peer opened; a slot
 * is in use iff its socket is not null. At most one connection is Established, and when one is,
 * the other slot is empty. m_up is true exactly while the owner has been told OnEstablished and
 * not yet OnDown. The reported state (m_state) is recomputed by ChangeState() after every
 * event, and the owner is told of every change.
 */
#include "rtm-bgp-session.h"

#include "rtm-bgp-header.h"
#include "rtm-bgp-notification.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmBgpSession");

namespace
{
constexpr uint16_t kBgpPort = 179;

Address
SocketAddress(const RtmNetAddress& a, uint16_t port)
{
    if (a.addressFamily == RTM_AF_INET6)
    {
        return Inet6SocketAddress(a.GetIpv6(), port);
    }
    return InetSocketAddress(a.GetIpv4(), port);
}
} // namespace

const char*
RtmBgpStateName(RtmBgpState s)
{
    switch (s)
    {
    case RtmBgpState::Idle:
        return "Idle";
    case RtmBgpState::Connect:
        return "Connect";
    case RtmBgpState::Active:
        return "Active";
    case RtmBgpState::OpenSent:
        return "OpenSent";
    case RtmBgpState::OpenConfirm:
        return "OpenConfirm";
    case RtmBgpState::Established:
        return "Established";
    }
    return "?";
}

RtmBgpSession::RtmBgpSession(RtmBgpSessionOwner* owner,
                             uint32_t index,
                             Ptr<Node> node,
                             const RtmBgpNeighborConfig& config,
                             uint32_t myAs,
                             uint32_t bgpId,
                             const Timers& timers)
    : m_owner(owner),
      m_index(index),
      m_node(node),
      m_config(config),
      m_myAs(myAs),
      m_bgpId(bgpId),
      m_timers(timers),
      m_local(config.localAddress)
{
}

RtmBgpSession::~RtmBgpSession()
{
    m_started = false;
    m_connectRetry.Cancel();
    m_restart.Cancel();
    for (int i = 0; i < 2; ++i)
    {
        if (m_conn[i].socket)
        {
            m_conn[i].holdTimer.Cancel();
            m_conn[i].keepaliveTimer.Cancel();
            m_conn[i].socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            m_conn[i].socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
            m_conn[i].socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                                MakeNullCallback<void, Ptr<Socket>>());
            m_conn[i].socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                                 MakeNullCallback<void, Ptr<Socket>>());
            // Not closed: the session goes with its speaker, maybe while the simulation is
            // being destroyed (devices and channels gone). Stop() closes connections.
            m_conn[i].socket = nullptr;
        }
    }
}

RtmBgpState
RtmBgpSession::GetState() const
{
    return m_state;
}

void
RtmBgpSession::ChangeState()
{
    RtmBgpState s = RtmBgpState::Idle;
    if (m_started && !RtmIsPending(m_restart))
    {
        s = RtmBgpState::Active;
        for (const auto& c : m_conn)
        {
            if (!c.socket)
            {
                continue;
            }
            RtmBgpState cs = c.state == ConnState::Connecting    ? RtmBgpState::Connect
                             : c.state == ConnState::OpenSent    ? RtmBgpState::OpenSent
                             : c.state == ConnState::OpenConfirm ? RtmBgpState::OpenConfirm
                                                                 : RtmBgpState::Established;
            s = std::max(s, cs);
        }
    }
    else if (m_started && RtmIsPending(m_restart) && (m_conn[0].socket || m_conn[1].socket))
    {
        s = RtmBgpState::Active; // a connection arrived during the start delay
    }
    if (s != m_state)
    {
        RtmBgpState old = m_state;
        m_state = s;
        m_lastChange = Simulator::Now();
        NS_LOG_INFO("node " << m_node->GetId() << " peer " << m_config.address << ": "
                            << RtmBgpStateName(old) << " -> " << RtmBgpStateName(s));
        m_owner->OnStateChange(m_index, old, s);
    }
}

Time
RtmBgpSession::Jitter(Time t) const
{
    return m_timers.rng ? t * m_timers.rng->GetValue(0.75, 1.0) : t;
}

void
RtmBgpSession::Start(Time delay)
{
    NS_LOG_FUNCTION(this << delay);
    if (m_started)
    {
        return;
    }
    m_started = true;
    if (m_local.addressFamily == 0)
    {
        // The address of the interface whose subnet holds the peer.
        if (m_config.address.addressFamily == RTM_AF_INET)
        {
            Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
            for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces() && !m_local.addressFamily; ++i)
            {
                for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
                {
                    Ipv4InterfaceAddress a = ipv4->GetAddress(i, j);
                    if (a.GetMask().IsMatch(a.GetLocal(), m_config.address.GetIpv4()) &&
                        a.GetMask().GetPrefixLength() > 0)
                    {
                        m_local = RtmNetAddress::FromIpv4(a.GetLocal());
                        break;
                    }
                }
            }
        }
        else
        {
            Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
            for (uint32_t i = 0; ipv6 && i < ipv6->GetNInterfaces() && !m_local.addressFamily; ++i)
            {
                for (uint32_t j = 0; j < ipv6->GetNAddresses(i); ++j)
                {
                    Ipv6InterfaceAddress a = ipv6->GetAddress(i, j);
                    if (a.GetScope() == Ipv6InterfaceAddress::GLOBAL &&
                        a.GetPrefix().IsMatch(a.GetAddress(), m_config.address.GetIpv6()))
                    {
                        m_local = RtmNetAddress::FromIpv6(a.GetAddress());
                        break;
                    }
                }
            }
        }
    }
    if (m_config.passive)
    {
        ChangeState();
        return;
    }
    m_restart = Simulator::Schedule(delay, &RtmBgpSession::Connect, this);
    ChangeState();
}

void
RtmBgpSession::Stop(bool notify)
{
    NS_LOG_FUNCTION(this << notify);
    for (int i = 0; notify && i < 2; ++i)
    {
        if (m_conn[i].socket && m_conn[i].state != ConnState::Connecting)
        {
            Notify(i, BGP_ERR_CEASE, BGP_SUB_CEASE_ADMIN_SHUTDOWN);
        }
    }
    DropAll();
    m_started = false;
    m_idleHold = false;
    m_connectRetry.Cancel();
    m_restart.Cancel();
    Down();
    ChangeState();
}

void
RtmBgpSession::Reset(uint8_t code, uint8_t subcode)
{
    for (int i = 0; i < 2; ++i)
    {
        if (m_conn[i].socket && m_conn[i].state != ConnState::Connecting)
        {
            Notify(i, code, subcode);
        }
    }
    Fail(-1, true);
}

void
RtmBgpSession::ConfigureSocket(Ptr<Socket> s)
{
    s->SetAttribute("SegmentSize", UintegerValue(m_timers.tcpSegmentSize));
    s->SetAttribute("SndBufSize", UintegerValue(m_timers.tcpBuffer));
    s->SetAttribute("RcvBufSize", UintegerValue(m_timers.tcpBuffer));
    RtmBgpSession::AvoidPersistTimer(s);
}

void
RtmBgpSession::EndAttemptBeforeConnectRetry(Ptr<Socket> s) const
{
    // RFC 4271 §8.2.2 drops an attempt still open when ConnectRetry expires; RFC 793 deletes a
    // SYN-SENT connection without a segment, but ns-3's Close() sends a RST, and a peer that
    // began to listen meanwhile takes that RST on its listening socket, where ns-3.48 reads the
    // RST's zero window, enters the persist state and asserts on the next SYN. So TCP's own SYN
    // retransmissions (ConnTimeout, doubled each time, ConnCount SYNs) are sized to give up
    // before the earliest (jittered) expiry: the timer then never meets a half-open attempt.
    Time earliest = m_timers.rng ? m_config.connectRetryTime * 0.75 : m_config.connectRetryTime;
    TimeValue tv;
    s->GetAttribute("ConnTimeout", tv);
    Time rto = std::min(tv.Get(), earliest * 0.5);
    uint32_t syns = 1; // the attempt fails rto * (2^syns - 1) after its first SYN
    while (syns < 6 &&
           rto.GetTimeStep() * ((int64_t(1) << (syns + 1)) - 1) < earliest.GetTimeStep())
    {
        ++syns;
    }
    s->SetAttribute("ConnTimeout", TimeValue(rto));
    s->SetAttribute("ConnCount", UintegerValue(syns));
}

void
RtmBgpSession::AvoidPersistTimer(Ptr<Socket> s)
{
    // BGP always reads what arrives, so zero-window probes are never needed; and ns-3.37's
    // TcpSocketBase::PersistTimeout dereferences a null packet when its timer fires with
    // nothing left to send (a connection closed while a dead link had stalled it), so the
    // timer is pushed beyond any simulation.
    s->SetAttribute("PersistTimeout", TimeValue(Days(365)));
}

void
RtmBgpSession::Connect()
{
    if (!m_started)
    {
        return;
    }
    if (m_conn[0].socket)
    {
        Drop(0); // a connection attempt that did not complete
    }
    if (m_conn[1].socket && m_conn[1].state == ConnState::Established)
    {
        ChangeState();
        return;
    }
    Ptr<Socket> s = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    ConfigureSocket(s);
    EndAttemptBeforeConnectRetry(s);
    int bound = m_local.addressFamily
                    ? s->Bind(SocketAddress(m_local, 0))
                    : (m_config.address.addressFamily == RTM_AF_INET6 ? s->Bind6() : s->Bind());
    if (bound != 0)
    {
        NS_LOG_WARN("cannot bind a BGP socket to " << m_local);
    }
    Attach(0, s);
    m_conn[0].outgoing = true;
    m_conn[0].state = ConnState::Connecting;
    s->SetConnectCallback(MakeCallback(&RtmBgpSession::ConnectSucceeded, this),
                          MakeCallback(&RtmBgpSession::ConnectFailed, this));
    s->Connect(SocketAddress(m_config.address, kBgpPort));
    m_connectRetry.Cancel();
    m_connectRetry = Simulator::Schedule(Jitter(m_config.connectRetryTime),
                                         &RtmBgpSession::ConnectRetryExpired,
                                         this);
    ChangeState();
}

void
RtmBgpSession::ConnectRetryExpired()
{
    if (!m_started)
    {
        return;
    }
    // RFC 4271 §8.2.2, Connect/Active: drop the attempt and try again.
    bool busy = (m_conn[0].socket && m_conn[0].state != ConnState::Connecting) ||
                (m_conn[1].socket != nullptr);
    if (busy || m_config.passive)
    {
        return;
    }
    Connect();
}

void
RtmBgpSession::AutomaticRestart()
{
    m_idleHold = false;
    ChangeState();
    if (m_started && !m_config.passive)
    {
        Connect();
    }
}

int
RtmBgpSession::Slot(Socket* s) const
{
    for (int i = 0; i < 2; ++i)
    {
        if (PeekPointer(m_conn[i].socket) == s)
        {
            return i;
        }
    }
    return -1;
}

RtmBgpSession::Conn*
RtmBgpSession::Find(Socket* s)
{
    int i = Slot(s);
    return i < 0 ? nullptr : &m_conn[i];
}

void
RtmBgpSession::Attach(int slot, Ptr<Socket> s)
{
    Conn& c = m_conn[slot];
    c = Conn();
    c.socket = s;
    c.outgoing = slot == 0;
    s->SetRecvCallback(MakeCallback(&RtmBgpSession::Receive, this));
    s->SetSendCallback(MakeCallback(&RtmBgpSession::Writable, this));
    s->SetCloseCallbacks(MakeCallback(&RtmBgpSession::Closed, this),
                         MakeCallback(&RtmBgpSession::Closed, this));
}

void
RtmBgpSession::Drop(int slot)
{
    Conn& c = m_conn[slot];
    if (!c.socket)
    {
        return;
    }
    c.holdTimer.Cancel();
    c.keepaliveTimer.Cancel();
    Ptr<Socket> s = c.socket;
    s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                         MakeNullCallback<void, Ptr<Socket>>());
    s->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                          MakeNullCallback<void, Ptr<Socket>>());
    c = Conn();
    s->Close();
}

void
RtmBgpSession::DropAll()
{
    Drop(0);
    Drop(1);
}

void
RtmBgpSession::Down()
{
    if (m_up)
    {
        m_up = false;
        m_owner->OnDown(m_index);
    }
}

void
RtmBgpSession::Fail(int slot, bool restart)
{
    // slot < 0: the whole session. Losing the established connection, or any error while no
    // other connection is still trying, ends the session (automatic restart after IdleHold).
    bool wasEstablished = slot >= 0 && m_conn[slot].state == ConnState::Established;
    int other = slot >= 0 ? 1 - slot : -1;
    if (slot >= 0 && !wasEstablished && m_conn[other].socket)
    {
        Drop(slot); // the other connection goes on
        ChangeState();
        return;
    }
    DropAll();
    Down();
    m_connectRetry.Cancel();
    m_restart.Cancel();
    if (m_started && restart)
    {
        m_idleHold = true;
        m_restart =
            Simulator::Schedule(Jitter(m_timers.idleHold), &RtmBgpSession::AutomaticRestart, this);
    }
    ChangeState();
}

void
RtmBgpSession::Notify(int slot, uint8_t code, uint8_t subcode, std::vector<uint8_t> data)
{
    Conn& c = m_conn[slot];
    if (!c.socket)
    {
        return;
    }
    RtmBgpNotification n;
    n.error.code = code;
    n.error.subcode = subcode;
    n.error.data = std::move(data);
    m_lastSent = n.error;
    NS_LOG_INFO("node " << m_node->GetId() << " peer " << m_config.address << ": NOTIFICATION sent "
                        << RtmBgpNotifyString(code, subcode));
    // Whatever is still queued is dropped: the NOTIFICATION is the last message.
    c.tx.clear();
    c.txOffset = 0;
    std::vector<uint8_t> msg = n.Serialize();
    c.socket->Send(msg.data(), static_cast<uint32_t>(msg.size()), 0);
    ++m_out[BGP_MSG_NOTIFICATION];
}

void
RtmBgpSession::SendOpen(int slot)
{
    RtmBgpOpen o;
    o.myAs = m_myAs;
    o.holdTime = m_config.holdTime;
    o.bgpId = m_bgpId;
    if (m_config.ipv4Unicast)
    {
        o.multiprotocol.emplace_back(BGP_AFI_IPV4, BGP_SAFI_UNICAST);
    }
    if (m_config.ipv6Unicast)
    {
        o.multiprotocol.emplace_back(BGP_AFI_IPV6, BGP_SAFI_UNICAST);
    }
    Queue(slot, o.Serialize());
    ++m_out[BGP_MSG_OPEN];
    m_conn[slot].state = ConnState::OpenSent;
    RestartHold(slot, static_cast<uint16_t>(m_timers.openHold.GetSeconds()));
}

void
RtmBgpSession::Queue(int slot, const std::vector<uint8_t>& msg)
{
    m_conn[slot].tx.push_back(msg);
    Flush(slot);
}

void
RtmBgpSession::Flush(int slot)
{
    Conn& c = m_conn[slot];
    while (c.socket && !c.tx.empty())
    {
        const std::vector<uint8_t>& m = c.tx.front();
        uint32_t room = c.socket->GetTxAvailable();
        uint32_t left = static_cast<uint32_t>(m.size() - c.txOffset);
        uint32_t n = std::min(room, left);
        if (n == 0)
        {
            return;
        }
        int sent = c.socket->Send(m.data() + c.txOffset, n, 0);
        if (sent <= 0)
        {
            return;
        }
        c.txOffset += static_cast<std::size_t>(sent);
        if (c.txOffset == m.size())
        {
            c.tx.pop_front();
            c.txOffset = 0;
        }
    }
}

bool
RtmBgpSession::Send(const std::vector<uint8_t>& msg)
{
    for (int i = 0; i < 2; ++i)
    {
        if (m_conn[i].socket && m_conn[i].state == ConnState::Established)
        {
            if (!msg.empty() && msg.size() >= RtmBgpHeader::SIZE)
            {
                uint8_t type = msg[18];
                ++m_out[type < m_out.size() ? type : 0];
                if (type == BGP_MSG_UPDATE && m_negotiatedHold > 0)
                {
                    // §10: sending an UPDATE restarts the keepalive timer.
                    m_conn[i].keepaliveTimer.Cancel();
                    m_conn[i].keepaliveTimer = Simulator::Schedule(Seconds(m_negotiatedHold / 3.0),
                                                                   &RtmBgpSession::KeepaliveExpired,
                                                                   this,
                                                                   i);
                }
            }
            Queue(i, msg);
            return true;
        }
    }
    return false;
}

uint32_t
RtmBgpSession::GetTxRoom() const
{
    for (int i = 0; i < 2; ++i)
    {
        const Conn& c = m_conn[i];
        if (c.socket && c.state == ConnState::Established)
        {
            if (!c.tx.empty())
            {
                return 0;
            }
            return c.socket->GetTxAvailable();
        }
    }
    return 0;
}

bool
RtmBgpSession::SendRouteRefresh(uint16_t afi, uint8_t safi)
{
    if (!IsEstablished() || !m_peerRefresh)
    {
        return false;
    }
    RtmBgpRouteRefresh rr;
    rr.afi = afi;
    rr.safi = safi;
    return Send(rr.Serialize());
}

void
RtmBgpSession::RestartHold(int slot, uint16_t seconds)
{
    Conn& c = m_conn[slot];
    c.holdTimer.Cancel();
    if (seconds > 0)
    {
        c.holdTimer =
            Simulator::Schedule(Seconds(seconds), &RtmBgpSession::HoldExpired, this, slot);
    }
}

void
RtmBgpSession::HoldExpired(int slot)
{
    NS_LOG_INFO("node " << m_node->GetId() << " peer " << m_config.address
                        << ": hold timer expired");
    Notify(slot, BGP_ERR_HOLD_TIMER, 0);
    Fail(slot, true);
}

void
RtmBgpSession::KeepaliveExpired(int slot)
{
    Conn& c = m_conn[slot];
    if (!c.socket || m_negotiatedHold == 0)
    {
        return;
    }
    Queue(slot, RtmBgpKeepalive::Serialize());
    ++m_out[BGP_MSG_KEEPALIVE];
    c.keepaliveTimer = Simulator::Schedule(Seconds(m_negotiatedHold / 3.0),
                                           &RtmBgpSession::KeepaliveExpired,
                                           this,
                                           slot);
}

void
RtmBgpSession::Accept(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (!m_started || m_idleHold)
    {
        // Idle refuses connections (RFC 4271 §8.2.2): closed without a NOTIFICATION, so the
        // peer sees a TCP failure, goes to Active and keeps accepting ours.
        socket->Close();
        return;
    }
    if ((m_conn[0].socket && m_conn[0].state == ConnState::Established) || m_conn[1].socket)
    {
        // Established already (§6.8: the new connection is closed), or a second incoming one.
        RtmBgpNotification n;
        n.error.code = BGP_ERR_CEASE;
        n.error.subcode = BGP_SUB_CEASE_COLLISION;
        std::vector<uint8_t> msg = n.Serialize();
        socket->Send(msg.data(), static_cast<uint32_t>(msg.size()), 0);
        socket->Close();
        return;
    }
    if (RtmIsPending(m_restart))
    {
        m_restart.Cancel(); // the peer is ready before our start delay ended
    }
    Attach(1, socket); // a forked socket: its TCP attributes are the listening socket's
    m_conn[1].outgoing = false;
    SendOpen(1);
    ChangeState();
}

void
RtmBgpSession::ConnectSucceeded(Ptr<Socket> s)
{
    int slot = Slot(PeekPointer(s));
    if (slot != 0)
    {
        return;
    }
    m_connectRetry.Cancel();
    if (m_local.addressFamily == 0)
    {
        Address name;
        s->GetSockName(name);
        if (InetSocketAddress::IsMatchingType(name))
        {
            m_local = RtmNetAddress::FromIpv4(InetSocketAddress::ConvertFrom(name).GetIpv4());
        }
        else if (Inet6SocketAddress::IsMatchingType(name))
        {
            m_local = RtmNetAddress::FromIpv6(Inet6SocketAddress::ConvertFrom(name).GetIpv6());
        }
    }
    SendOpen(0);
    ChangeState();
}

void
RtmBgpSession::ConnectFailed(Ptr<Socket> s)
{
    int slot = Slot(PeekPointer(s));
    if (slot < 0)
    {
        return;
    }
    NS_LOG_INFO("node " << m_node->GetId() << " peer " << m_config.address
                        << ": connection failed");
    // §8.2.2 Connect: TcpConnectionFails -> Active, ConnectRetry timer keeps running.
    Drop(slot);
    ChangeState();
}

void
RtmBgpSession::Closed(Ptr<Socket> s)
{
    int slot = Slot(PeekPointer(s));
    if (slot < 0)
    {
        return;
    }
    NS_LOG_INFO("node " << m_node->GetId() << " peer " << m_config.address
                        << ": connection closed by the peer");
    bool established = m_conn[slot].state == ConnState::Established;
    if (!established && m_conn[1 - slot].socket)
    {
        Drop(slot);
        ChangeState();
        return;
    }
    if (!established && slot == 0 && !m_config.passive)
    {
        // OpenSent/OpenConfirm: back to Active, ConnectRetry restarted (§8.2.2).
        Drop(slot);
        m_connectRetry.Cancel();
        m_connectRetry = Simulator::Schedule(Jitter(m_config.connectRetryTime),
                                             &RtmBgpSession::ConnectRetryExpired,
                                             this);
        ChangeState();
        return;
    }
    Fail(slot, true);
}

void
RtmBgpSession::Writable(Ptr<Socket> s, uint32_t)
{
    int slot = Slot(PeekPointer(s));
    if (slot < 0)
    {
        return;
    }
    Flush(slot);
    if (m_conn[slot].socket && m_conn[slot].state == ConnState::Established &&
        m_conn[slot].tx.empty())
    {
        m_owner->OnWritable(m_index);
    }
}

void
RtmBgpSession::Receive(Ptr<Socket> s)
{
    int slot = Slot(PeekPointer(s));
    if (slot < 0)
    {
        return;
    }
    while (Ptr<Packet> p = s->Recv())
    {
        if (Slot(PeekPointer(s)) != slot)
        {
            return; // dropped while handling an earlier message
        }
        Conn& c = m_conn[slot];
        std::size_t old = c.rx.size();
        c.rx.resize(old + p->GetSize());
        p->CopyData(c.rx.data() + old, p->GetSize());
        std::size_t pos = 0;
        while (c.rx.size() - pos >= RtmBgpHeader::SIZE)
        {
            RtmBgpHeader h;
            RtmBgpParseResult r;
            if (!RtmBgpHeader::Check(c.rx.data() + pos, h, r))
            {
                m_owner->OnError(m_index, r);
                Notify(slot, r.notify.code, r.notify.subcode, r.notify.data);
                Fail(slot, true);
                return;
            }
            if (c.rx.size() - pos < h.length)
            {
                break;
            }
            std::vector<uint8_t> body(c.rx.begin() + pos + RtmBgpHeader::SIZE,
                                      c.rx.begin() + pos + h.length);
            pos += h.length;
            if (!HandleMessage(slot, h.type, body.data(), body.size()))
            {
                return; // the connection is gone
            }
        }
        Conn& c2 = m_conn[slot];
        if (c2.socket)
        {
            c2.rx.erase(c2.rx.begin(), c2.rx.begin() + static_cast<std::ptrdiff_t>(pos));
        }
    }
}

bool
RtmBgpSession::HandleMessage(int slot, uint8_t type, const uint8_t* body, std::size_t len)
{
    Conn& c = m_conn[slot];
    ++m_in[type];
    auto fsmError = [&]() {
        RtmBgpParseResult r;
        uint8_t sub = c.state == ConnState::OpenSent      ? BGP_SUB_FSM_OPENSENT
                      : c.state == ConnState::OpenConfirm ? BGP_SUB_FSM_OPENCONFIRM
                                                          : BGP_SUB_FSM_ESTABLISHED;
        r.Add(RtmBgpReason::UnexpectedMessage, RtmBgpAction::SessionReset, BGP_ERR_FSM, sub);
        m_owner->OnError(m_index, r);
        Notify(slot, BGP_ERR_FSM, sub);
        Fail(slot, true);
        return false;
    };
    if (type == BGP_MSG_NOTIFICATION)
    {
        RtmBgpNotification n;
        RtmBgpParseResult r;
        if (RtmBgpNotification::Parse(body, len, n, r))
        {
            m_lastReceived = n.error;
            NS_LOG_INFO("node " << m_node->GetId() << " peer " << m_config.address
                                << ": NOTIFICATION received "
                                << RtmBgpNotifyString(n.error.code, n.error.subcode));
        }
        else
        {
            m_owner->OnError(m_index, r);
        }
        Fail(slot, true); // never answered with a NOTIFICATION (§6.4)
        return false;
    }
    switch (c.state)
    {
    case ConnState::Connecting:
        return fsmError();
    case ConnState::OpenSent:
        if (type != BGP_MSG_OPEN)
        {
            return fsmError();
        }
        return HandleOpen(slot, body, len);
    case ConnState::OpenConfirm:
        if (type != BGP_MSG_KEEPALIVE)
        {
            return fsmError();
        }
        RestartHold(slot, m_negotiatedHold);
        Established(slot);
        return m_conn[slot].socket != nullptr;
    case ConnState::Established:
        break;
    }
    RestartHold(slot, m_negotiatedHold);
    switch (type)
    {
    case BGP_MSG_KEEPALIVE:
        return true;
    case BGP_MSG_UPDATE: {
        RtmBgpUpdate u;
        RtmBgpParseResult r;
        bool ok = RtmBgpUpdate::Parse(body, len, m_codec, u, r);
        if (!r.reasons.empty())
        {
            m_owner->OnError(m_index, r);
        }
        if (!ok || r.IsReset())
        {
            Notify(slot, r.notify.code, r.notify.subcode, r.notify.data);
            Fail(slot, true);
            return false;
        }
        m_owner->OnUpdate(m_index, u);
        return m_conn[slot].socket != nullptr;
    }
    case BGP_MSG_ROUTE_REFRESH: {
        RtmBgpRouteRefresh rr;
        RtmBgpParseResult r;
        if (!RtmBgpRouteRefresh::Parse(body, len, rr, r))
        {
            m_owner->OnError(m_index, r);
            Notify(slot, r.notify.code, r.notify.subcode, r.notify.data);
            Fail(slot, true);
            return false;
        }
        bool known =
            rr.safi == BGP_SAFI_UNICAST && ((rr.afi == BGP_AFI_IPV4 && m_codec.ipv4Unicast) ||
                                            (rr.afi == BGP_AFI_IPV6 && m_codec.ipv6Unicast));
        if (known)
        {
            m_owner->OnRouteRefresh(m_index, rr.afi, rr.safi);
        }
        return m_conn[slot].socket != nullptr; // RFC 2918 §4: unknown AFI/SAFI ignored
    }
    default:
        return fsmError();
    }
}

bool
RtmBgpSession::HandleOpen(int slot, const uint8_t* body, std::size_t len)
{
    Conn& c = m_conn[slot];
    RtmBgpOpen o;
    RtmBgpParseResult r;
    bool ok = RtmBgpOpen::Parse(body, len, o, r);
    if (ok && o.myAs != m_config.remoteAs)
    {
        r.Add(RtmBgpReason::OpenPeerAs,
              RtmBgpAction::SessionReset,
              BGP_ERR_OPEN,
              BGP_SUB_BAD_PEER_AS);
        ok = false;
    }
    if (ok && IsInternal() && o.bgpId == m_bgpId)
    {
        r.Add(RtmBgpReason::OpenBgpId,
              RtmBgpAction::SessionReset,
              BGP_ERR_OPEN,
              BGP_SUB_BAD_BGP_ID);
        ok = false;
    }
    if (!ok)
    {
        m_owner->OnError(m_index, r);
        Notify(slot, r.notify.code, r.notify.subcode, r.notify.data);
        Fail(slot, true);
        return false;
    }
    c.peerOpen = o;
    c.state = ConnState::OpenConfirm;
    m_peerId = o.bgpId;
    if (!CheckCollision(slot))
    {
        return false;
    }
    // Negotiation (§4.2, RFC 5492): hold time = the smaller; 4-octet ASes if both; families in
    // both OPENs (a peer without multiprotocol capability speaks IPv4 unicast only).
    uint16_t hold = std::min(m_config.holdTime, o.holdTime);
    bool v4Peer = o.multiprotocol.empty() || o.HasFamily(BGP_AFI_IPV4, BGP_SAFI_UNICAST);
    bool v6Peer = o.HasFamily(BGP_AFI_IPV6, BGP_SAFI_UNICAST);
    m_negotiatedHold = hold;
    m_codec.fourOctetAs = o.fourOctetAs;
    m_codec.external = !IsInternal();
    m_codec.peerAs = m_config.remoteAs;
    m_codec.localAddress = m_local;
    m_codec.ipv4Unicast = m_config.ipv4Unicast && v4Peer;
    m_codec.ipv6Unicast = m_config.ipv6Unicast && v6Peer;
    m_peerRefresh = o.routeRefresh;
    Queue(slot, RtmBgpKeepalive::Serialize());
    ++m_out[BGP_MSG_KEEPALIVE];
    RestartHold(slot, hold);
    c.keepaliveTimer.Cancel();
    if (hold > 0)
    {
        c.keepaliveTimer =
            Simulator::Schedule(Seconds(hold / 3.0), &RtmBgpSession::KeepaliveExpired, this, slot);
    }
    ChangeState();
    return true;
}

bool
RtmBgpSession::CheckCollision(int slot)
{
    int other = 1 - slot;
    Conn& o = m_conn[other];
    if (!o.socket)
    {
        return true;
    }
    if (o.state == ConnState::Established)
    {
        Notify(slot, BGP_ERR_CEASE, BGP_SUB_CEASE_COLLISION);
        Drop(slot);
        ChangeState();
        return false;
    }
    if (o.state != ConnState::OpenConfirm && o.state != ConnState::OpenSent)
    {
        if (o.state == ConnState::Connecting)
        {
            Drop(other); // our attempt is not needed any more
        }
        return true;
    }
    if (o.state == ConnState::OpenSent)
    {
        return true; // §6.8: resolved when that connection's OPEN arrives
    }
    // §6.8: keep the connection opened by the speaker with the higher BGP identifier.
    int keep = m_bgpId < m_peerId ? 1 : 0; // 1 = the peer's connection
    int close = 1 - keep;
    NS_LOG_INFO("node " << m_node->GetId() << " peer " << m_config.address
                        << ": collision, closing the connection opened by "
                        << (close == 0 ? "us" : "the peer"));
    Notify(close, BGP_ERR_CEASE, BGP_SUB_CEASE_COLLISION);
    Drop(close);
    ChangeState();
    return close != slot;
}

void
RtmBgpSession::Established(int slot)
{
    m_conn[slot].state = ConnState::Established;
    int other = 1 - slot;
    if (m_conn[other].socket)
    {
        if (m_conn[other].state != ConnState::Connecting)
        {
            Notify(other, BGP_ERR_CEASE, BGP_SUB_CEASE_COLLISION);
        }
        Drop(other);
    }
    m_connectRetry.Cancel();
    ++m_establishedCount;
    ChangeState();
    m_up = true;
    m_owner->OnEstablished(m_index);
}

} // namespace ns3
