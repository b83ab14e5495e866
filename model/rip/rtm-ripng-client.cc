/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RIPng on the wire: the IPv6 sockets, message encoding and decoding, and the IPv6 rules of
 * neighbours (link-local, hop limit 255) and carried prefixes. The protocol is RtmRipBase.
 */
#include "rtm-ripng-client.h"

#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipNgClient");
NS_OBJECT_ENSURE_REGISTERED(RtmRipNgClient);

namespace
{
/// IPv6 + UDP header bytes.
constexpr uint32_t kIp6UdpHeaders = 40 + 8;
} // namespace

Ipv6Address
RtmRipNgClient::RipNgGroup()
{
    return Ipv6Address("ff02::9");
}

TypeId
RtmRipNgClient::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmRipNgClient")
                            .SetParent<RtmRipBase>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmRipNgClient>()
                            .AddTraceSource("Tx",
                                            "A RIPng message was sent.",
                                            MakeTraceSourceAccessor(&RtmRipNgClient::m_txTrace),
                                            "ns3::RtmRipNgClient::MessageTracedCallback")
                            .AddTraceSource("Rx",
                                            "A well-formed RIPng message was received.",
                                            MakeTraceSourceAccessor(&RtmRipNgClient::m_rxTrace),
                                            "ns3::RtmRipNgClient::MessageTracedCallback");
    return tid;
}

RtmRipNgClient::RtmRipNgClient()
    : RtmRipBase(RTM_AF_INET6)
{
}

RtmRipNgClient::~RtmRipNgClient() = default;

void
RtmRipNgClient::DoDispose()
{
    RtmRipBase::DoDispose();
    m_ipv6 = nullptr;
}

bool
RtmRipNgClient::AttachIp(Ptr<Node> node)
{
    m_ipv6 = node->GetObject<Ipv6>();
    return m_ipv6 != nullptr;
}

uint32_t
RtmRipNgClient::GetNInterfaces() const
{
    return m_ipv6->GetNInterfaces();
}

bool
RtmRipNgClient::InterfaceUsable(uint32_t interface) const
{
    if (!m_ipv6->IsUp(interface))
    {
        return false;
    }
    Ptr<NetDevice> dev = m_ipv6->GetNetDevice(interface);
    if (!dev || DynamicCast<LoopbackNetDevice>(dev))
    {
        return false;
    }
    for (uint32_t j = 0; j < m_ipv6->GetNAddresses(interface); ++j)
    {
        if (m_ipv6->GetAddress(interface, j).GetScope() == Ipv6InterfaceAddress::LINKLOCAL)
        {
            return true;
        }
    }
    return false;
}

Ptr<Socket>
RtmRipNgClient::OpenSocket(uint32_t interface)
{
    Ptr<Socket> s = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    // Bound to the device and to (::, 521), the interface a member of ff02::9: the socket gets
    // the multicast updates of the link and the unicast messages to the link-local address. The
    // membership is the interface's, not the socket's (Ipv6JoinGroup): a socket that joined
    // leaves when closed, which asserts in ns-3 (3.48) when the node's IPv6 is disposed first.
    Ptr<Ipv6L3Protocol> l3 = DynamicCast<Ipv6L3Protocol>(m_ipv6);
    s->BindToNetDevice(m_ipv6->GetNetDevice(interface));
    if (!l3 || s->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), RIPNG_PORT)) != 0)
    {
        s->Close();
        return nullptr;
    }
    l3->AddMulticastAddress(RipNgGroup(), interface);
    s->SetIpv6RecvHopLimit(true);
    s->SetRecvCallback(MakeCallback(&RtmRipNgClient::Receive, this));
    return s;
}

void
RtmRipNgClient::CloseSocket(uint32_t interface, Ptr<Socket> s)
{
    // While the node is disposed, its IPv6 may have dropped its interfaces already.
    Ptr<Ipv6L3Protocol> l3 = DynamicCast<Ipv6L3Protocol>(m_ipv6);
    if (l3 && interface < l3->GetNInterfaces())
    {
        l3->RemoveMulticastAddress(RipNgGroup(), interface);
    }
    s->Close();
}

Address
RtmRipNgClient::GroupAddress() const
{
    return Inet6SocketAddress(RipNgGroup(), RIPNG_PORT);
}

bool
RtmRipNgClient::IsOwnAddress(const RtmNetAddress& address) const
{
    int32_t i = m_ipv6->GetInterfaceForAddress(address.GetIpv6());
    if (i < 0)
    {
        return false;
    }
    return i == 0 || GetInstance()->OwnsInterface(RTM_AF_INET6, static_cast<uint32_t>(i));
}

bool
RtmRipNgClient::IsNeighbour(uint32_t interface, const RtmNetAddress& address) const
{
    return address.addressFamily == RTM_AF_INET6 && address.numBits == 128 &&
           interface < m_ipv6->GetNInterfaces() && address.GetIpv6().IsLinkLocal() &&
           !IsOwnAddress(address);
}

bool
RtmRipNgClient::Carriable(const RtmNetAddress& prefix) const
{
    if (prefix.addressFamily != RTM_AF_INET6 || !prefix.IsCanonical())
    {
        return false;
    }
    if (prefix.numBits == 0)
    {
        return true; // the default route
    }
    Ipv6Address a = prefix.GetIpv6();
    uint8_t b[16];
    a.GetBytes(b);
    bool linkLocal = b[0] == 0xfe && (b[1] & 0xc0) == 0x80 && prefix.numBits >= 10;
    bool multicast = b[0] == 0xff && prefix.numBits >= 8;
    return !linkLocal && !multicast && !(prefix.numBits == 128 && (a.IsLocalhost() || a.IsAny()));
}

uint32_t
RtmRipNgClient::MaxEntries(uint32_t interface) const
{
    uint32_t mtu = m_ipv6->GetMtu(interface);
    uint32_t room =
        mtu > kIp6UdpHeaders + RtmRipNgHeader::HEADER_SIZE
            ? (mtu - kIp6UdpHeaders - RtmRipNgHeader::HEADER_SIZE) / RtmRipNgHeader::ENTRY_SIZE
            : 1;
    return std::max<uint32_t>(1, room);
}

// ---------------------------------------------------------------------- receiving

void
RtmRipNgClient::Receive(Ptr<Socket> socket)
{
    uint32_t iface = 0;
    bool known = InterfaceOfSocket(socket, iface);
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (!IsRunning() || !known || !Inet6SocketAddress::IsMatchingType(from))
        {
            continue;
        }
        Inet6SocketAddress in = Inet6SocketAddress::ConvertFrom(from);
        RtmNetAddress source = RtmNetAddress::FromIpv6(in.GetIpv6());
        if (IsOwnAddress(source))
        {
            continue; // our own message
        }
        SocketIpv6HopLimitTag hopLimit;
        bool hasHopLimit = p->RemovePacketTag(hopLimit);
        if (p->GetSize() + kIp6UdpHeaders > m_ipv6->GetMtu(iface))
        {
            Drop(RtmRipDropReason::Oversized, p, source, iface);
            continue;
        }
        RtmRipNgHeader h;
        RtmRipDropReason why;
        if (!RtmRipNgHeader::Parse(p, h, why))
        {
            Drop(why, p, source, iface);
            continue;
        }
        for (RtmRipDropReason r : h.GetEntryDrops())
        {
            Drop(r, p, source, iface);
        }
        for (uint32_t k = 0; k < h.GetIgnoredNextHops(); ++k)
        {
            Drop(RtmRipDropReason::NextHopOffLink, p, source, iface);
        }
        m_rxTrace(h, in.GetIpv6(), iface);
        RtmRipMessage m;
        m.request = h.GetCommand() == RtmRipNgHeader::REQUEST;
        m.wholeTable = m.request && h.IsWholeTableRequest();
        m.entries.reserve(h.GetNEntries());
        for (const auto& e : h.GetEntries())
        {
            RtmRipEntry r;
            r.prefix = RtmNetAddress::FromIpv6(e.prefix, e.prefixLength);
            r.metric = e.metric;
            r.tag = e.tag;
            if (!e.nextHop.IsAny())
            {
                r.nextHop = RtmNetAddress::FromIpv6(e.nextHop);
            }
            m.entries.push_back(r);
        }
        // RFC 2080 §2.4.2: a response must also arrive with hop limit 255.
        std::optional<RtmRipDropReason> linkDrop;
        if (!hasHopLimit || hopLimit.GetHopLimit() != 255)
        {
            linkDrop = RtmRipDropReason::BadHopLimit;
        }
        ProcessMessage(m,
                       p,
                       source,
                       in.GetPort() == RIPNG_PORT,
                       Inet6SocketAddress(in.GetIpv6(), in.GetPort()),
                       iface,
                       linkDrop);
    }
}

// ---------------------------------------------------------------------- sending

void
RtmRipNgClient::SendRequest(uint32_t interface)
{
    RtmRipNgHeader h;
    h.SetWholeTableRequest();
    SendMessage(interface, h, GroupAddress());
}

void
RtmRipNgClient::SendResponses(uint32_t interface,
                              const std::vector<RtmRipEntry>& entries,
                              const Address& to,
                              bool sendEmpty)
{
    RtmRipNgHeader h;
    h.SetCommand(RtmRipNgHeader::RESPONSE);
    h.SetMaxEntries(MaxEntries(interface));
    for (const auto& r : entries)
    {
        RtmRipNgHeader::Entry e;
        e.prefix = r.prefix.GetIpv6();
        e.prefixLength = static_cast<uint8_t>(r.prefix.numBits);
        e.tag = r.tag;
        e.metric = static_cast<uint8_t>(std::min<uint32_t>(r.metric, METRIC_INFINITY));
        if (!h.AddEntry(e))
        {
            SendMessage(interface, h, to);
            h.ClearEntries();
            h.AddEntry(e);
        }
    }
    if (h.GetNEntries() > 0 || sendEmpty)
    {
        SendMessage(interface, h, to);
    }
}

void
RtmRipNgClient::SendMessage(uint32_t interface, const RtmRipNgHeader& h, const Address& to)
{
    Ptr<Socket> s = SocketOf(interface);
    if (!s)
    {
        return;
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    SocketIpv6HopLimitTag hopLimit;
    hopLimit.SetHopLimit(255); // RFC 2080 §2.5.1
    p->AddPacketTag(hopLimit);
    if (s->SendTo(p, 0, to) < 0)
    {
        NS_LOG_WARN("node " << GetNode()->GetId() << ": cannot send RIPng on interface "
                            << interface);
        return;
    }
    CountSent(h.GetCommand() == RtmRipNgHeader::REQUEST);
    m_txTrace(h, Inet6SocketAddress::ConvertFrom(to).GetIpv6(), interface);
}

} // namespace ns3
