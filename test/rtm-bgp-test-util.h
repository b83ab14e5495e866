/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: helpers of the BGP tests: routers with the RTM and a BGP speaker joined by point-to-point
 * links, and a raw BGP peer (a bare TCP socket speaking hand-made messages) to put malformed
 * messages on a real session.
 */
#ifndef RTM_BGP_TEST_UTIL_H
#define RTM_BGP_TEST_UTIL_H

#include "rtm-sim-util.h"

#include "ns3/rtm-bgp-header.h"
#include "ns3/rtm-bgp-helper.h"
#include "ns3/rtm-bgp-notification.h"
#include "ns3/rtm-bgp-open.h"
#include "ns3/rtm-bgp-speaker.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <vector>

namespace rtmbgp
{

using namespace ns3;
using namespace rtmsim;

/// \return the prefix parsed from \p text
inline RtmNetAddress
Pfx(const std::string& text)
{
    RtmNetAddress a;
    RtmNetAddress::Parse(text, a);
    return a;
}

/// A neighbour template with short timers for tests.
inline RtmBgpNeighborConfig
FastConfig(uint16_t hold = 9)
{
    RtmBgpNeighborConfig c;
    c.holdTime = hold;
    c.connectRetryTime = Seconds(5);
    return c;
}

/// A helper with short MRAIs.
inline RtmBgpHelper
FastHelper(Time mrai = Seconds(0))
{
    RtmBgpHelper h;
    h.Set("MraiEbgp", TimeValue(mrai));
    h.Set("MraiIbgp", TimeValue(mrai));
    h.Set("IdleHoldTime", TimeValue(Seconds(2)));
    return h;
}

/// \return the BGP route of \p prefix in the unicast view of \p node's instance 0 (null if none)
inline bool
RtmHasBgpRoute(Ptr<Node> node, const std::string& prefix, RtmRouteInfo* out = nullptr)
{
    Ptr<RtmBgpSpeaker> s = RtmBgpHelper::GetSpeaker(node);
    RtmNetAddress p = Pfx(prefix);
    Ptr<RtmRegistration> reg = s->GetRegistration(p.addressFamily);
    RtmDestInfo info;
    if (reg->GetExactMatchDestination(p, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info) !=
            RtmStatus::Success ||
        info.viewInfo.empty() || info.viewInfo[0].owner != reg->GetEntityHandle())
    {
        return false;
    }
    if (out)
    {
        reg->GetRouteInfo(info.viewInfo[0].route, out);
    }
    return true;
}

/**
 * A raw BGP peer: a TCP socket on port 179 of a node that accepts one connection and sends
 * whatever bytes the test gives it; it records the types of the messages it receives and the
 * NOTIFICATIONs.
 */
class RawPeer
{
  public:
    /// Listen on \p node port 179.
    explicit RawPeer(Ptr<Node> node)
    {
        m_listen = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        m_listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), 179));
        m_listen->Listen();
        m_listen->SetAcceptCallback(MakeCallback(&RawPeer::Request, this),
                                    MakeCallback(&RawPeer::Accepted, this));
    }

    ~RawPeer()
    {
        m_listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeNullCallback<void, Ptr<Socket>, const Address&>());
        if (m_socket)
        {
            m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        }
    }

    /// Send \p bytes at time \p at.
    void SendAt(Time at, std::vector<uint8_t> bytes)
    {
        RtmSchedule(at, [this, bytes]() {
            if (m_socket)
            {
                m_socket->Send(bytes.data(), static_cast<uint32_t>(bytes.size()), 0);
            }
        });
    }

    /// \return true once a connection was accepted
    bool Connected() const
    {
        return m_socket != nullptr;
    }

    std::vector<uint8_t> types;              //!< types of the messages received
    std::vector<RtmBgpNotify> notifications; //!< NOTIFICATIONs received
    bool closed{false};                      //!< the speaker closed the connection

  private:
    bool Request(Ptr<Socket>, const Address&)
    {
        return !m_socket;
    }

    void Accepted(Ptr<Socket> s, const Address&)
    {
        m_socket = s;
        s->SetRecvCallback(MakeCallback(&RawPeer::Receive, this));
        s->SetCloseCallbacks(MakeCallback(&RawPeer::Closed, this),
                             MakeCallback(&RawPeer::Closed, this));
    }

    void Closed(Ptr<Socket>)
    {
        closed = true;
    }

    void Receive(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            std::size_t old = m_rx.size();
            m_rx.resize(old + p->GetSize());
            p->CopyData(m_rx.data() + old, p->GetSize());
        }
        while (m_rx.size() >= 19)
        {
            uint16_t len = static_cast<uint16_t>((m_rx[16] << 8) | m_rx[17]);
            if (len < 19 || m_rx.size() < len)
            {
                break;
            }
            types.push_back(m_rx[18]);
            if (m_rx[18] == BGP_MSG_NOTIFICATION)
            {
                RtmBgpNotification n;
                RtmBgpParseResult r;
                RtmBgpNotification::Parse(m_rx.data() + 19, len - 19, n, r);
                notifications.push_back(n.error);
            }
            m_rx.erase(m_rx.begin(), m_rx.begin() + len);
        }
    }

    Ptr<Socket> m_listen;      //!< listening socket
    Ptr<Socket> m_socket;      //!< the connection
    std::vector<uint8_t> m_rx; //!< bytes received
};

} // namespace rtmbgp

#endif /* RTM_BGP_TEST_UTIL_H */
