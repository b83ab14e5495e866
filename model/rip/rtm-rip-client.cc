/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RIPv2 on the wire: the IPv4 sockets, message encoding and decoding, authentication, and the
 * IPv4 rules of neighbours and carried prefixes. The protocol itself is RtmRipBase.
 */
#include "rtm-rip-client.h"

#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/log.h"
#include "ns3/rtm-client-base.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipClient");
NS_OBJECT_ENSURE_REGISTERED(RtmRipClient);

namespace
{
/// IPv4 + UDP header bytes.
constexpr uint32_t kIpUdpHeaders = 20 + 8;
} // namespace

Ipv4Address
RtmRipClient::RipGroup()
{
    return Ipv4Address("224.0.0.9");
}

TypeId
RtmRipClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmRipClient")
            .SetParent<RtmRipBase>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmRipClient>()
            .AddAttribute("AuthenticationType",
                          "Authentication of every interface without its own "
                          "(SetInterfaceAuthentication): None, SimplePassword (RFC 2453 §4.1), "
                          "KeyedMd5 or HmacSha256 (RFC 4822).",
                          EnumValue((RtmRipAuthType::NONE)),
                          RtmMakeEnumAccessor<RtmRipAuthType>(&RtmRipClient::m_authType),
                          MakeEnumChecker((RtmRipAuthType::NONE),
                                          "None",
                                          (RtmRipAuthType::SIMPLE_PASSWORD),
                                          "SimplePassword",
                                          (RtmRipAuthType::KEYED_MD5),
                                          "KeyedMd5",
                                          (RtmRipAuthType::HMAC_SHA256),
                                          "HmacSha256"))
            .AddAttribute("AuthenticationKey",
                          "The password (first 16 bytes) or the RFC 4822 secret.",
                          StringValue(""),
                          MakeStringAccessor(&RtmRipClient::m_authKey),
                          MakeStringChecker())
            .AddAttribute("AuthenticationKeyId",
                          "The RFC 4822 key id sent and required.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRipClient::m_authKeyId),
                          MakeUintegerChecker<uint8_t>())
            .AddTraceSource("Tx",
                            "A RIP message was sent.",
                            MakeTraceSourceAccessor(&RtmRipClient::m_txTrace),
                            "ns3::RtmRipClient::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A well-formed, authenticated RIP message was received.",
                            MakeTraceSourceAccessor(&RtmRipClient::m_rxTrace),
                            "ns3::RtmRipClient::MessageTracedCallback");
    return tid;
}

RtmRipClient::RtmRipClient()
    : RtmRipBase(RTM_AF_INET)
{
}

RtmRipClient::~RtmRipClient() = default;

void
RtmRipClient::DoDispose()
{
    RtmRipBase::DoDispose();
    m_ipv4 = nullptr;
    m_peers.clear();
}

void
RtmRipClient::SetInterfaceAuthentication(uint32_t interface, const RtmRipAuthKey& key)
{
    m_auth[interface] = key;
}

RtmRipAuthKey
RtmRipClient::GetInterfaceAuthentication(uint32_t interface) const
{
    auto it = m_auth.find(interface);
    if (it != m_auth.end())
    {
        return it->second;
    }
    RtmRipAuthKey key;
    key.type = m_authType;
    key.key = m_authKey;
    key.keyId = m_authKeyId;
    return key;
}

bool
RtmRipClient::AttachIp(Ptr<Node> node)
{
    m_ipv4 = node->GetObject<Ipv4>();
    return m_ipv4 != nullptr;
}

uint32_t
RtmRipClient::GetNInterfaces() const
{
    return m_ipv4->GetNInterfaces();
}

bool
RtmRipClient::InterfaceUsable(uint32_t interface) const
{
    return RtmIpv4InterfaceUsable(m_ipv4, interface);
}

Ptr<Socket>
RtmRipClient::OpenSocket(uint32_t interface)
{
    Ptr<Socket> s = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    // Bound to the device and to (any, 520): it receives the multicast updates of the link and
    // the unicast messages to this interface, and nothing from other interfaces.
    s->BindToNetDevice(m_ipv4->GetNetDevice(interface));
    if (s->Bind(InetSocketAddress(Ipv4Address::GetAny(), RIP_PORT)) != 0)
    {
        s->Close();
        return nullptr;
    }
    s->SetRecvCallback(MakeCallback(&RtmRipClient::Receive, this));
    return s;
}

Address
RtmRipClient::GroupAddress() const
{
    return InetSocketAddress(RipGroup(), RIP_PORT);
}

bool
RtmRipClient::IsOwnAddress(const RtmNetAddress& address) const
{
    // Own = an address of this virtual router: another instance of the node is a neighbour.
    int32_t i = m_ipv4->GetInterfaceForAddress(address.GetIpv4());
    if (i < 0)
    {
        return false;
    }
    if (i == 0)
    {
        return true;
    }
    return GetInstance()->OwnsInterface(RTM_AF_INET, static_cast<uint32_t>(i));
}

bool
RtmRipClient::IsNeighbour(uint32_t iface, const RtmNetAddress& host) const
{
    if (host.addressFamily != RTM_AF_INET || iface >= m_ipv4->GetNInterfaces() ||
        IsOwnAddress(host))
    {
        return false;
    }
    Ipv4Address address = host.GetIpv4();
    for (uint32_t j = 0; j < m_ipv4->GetNAddresses(iface); ++j)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(iface, j);
        if (a.GetLocal() == address || !a.GetMask().IsMatch(a.GetLocal(), address))
        {
            continue;
        }
        // Network and broadcast addresses are not hosts, except on /31 and /32 links.
        if (a.GetMask().GetPrefixLength() >= 31 ||
            (address != a.GetBroadcast() && address != a.GetLocal().CombineMask(a.GetMask())))
        {
            return true;
        }
    }
    return false;
}

bool
RtmRipClient::Carriable(const RtmNetAddress& prefix) const
{
    if (prefix.addressFamily != RTM_AF_INET || !prefix.IsCanonical())
    {
        return false;
    }
    if (prefix.numBits == 0)
    {
        return true; // the default route
    }
    uint32_t first = prefix.GetIpv4().Get() >> 24;
    // "this network" 0/8, loopback 127/8, multicast, class E and broadcast never travel in RIP
    return first != 0 && first != 127 && first < 224;
}

// ---------------------------------------------------------------------- receiving

bool
RtmRipClient::CheckAuth(const RtmRipHeader& h,
                        const std::vector<uint8_t>& bytes,
                        Ipv4Address from,
                        uint32_t interface,
                        RtmRipDropReason& why)
{
    RtmRipAuthKey key = GetInterfaceAuthentication(interface);
    const RtmRipHeader::Auth& a = h.GetAuth();
    if (key.type == RtmRipAuthType::NONE)
    {
        why = RtmRipDropReason::AuthUnexpected;
        return a.type == 0;
    }
    if (a.type == 0)
    {
        why = RtmRipDropReason::AuthMissing;
        return false;
    }
    why = RtmRipDropReason::AuthMismatch;
    if (key.type == RtmRipAuthType::SIMPLE_PASSWORD)
    {
        if (a.type != RtmRipHeader::AUTH_PASSWORD)
        {
            return false;
        }
        std::vector<uint8_t> mine(16, 0);
        std::copy_n(key.key.begin(), std::min<std::size_t>(16, key.key.size()), mine.begin());
        return a.password == mine;
    }
    uint32_t len = key.DigestLength();
    if (a.type != RtmRipHeader::AUTH_CRYPTO || a.keyId != key.keyId)
    {
        return false;
    }
    why = RtmRipDropReason::AuthBadDigest;
    // The length field is the digest's or the whole trailer's (both are in use).
    if (a.digestLength != len || (a.authDataLength != len && a.authDataLength != len + 4) ||
        !RtmRipAuth::Verify(key, bytes))
    {
        return false;
    }
    Peer& peer = m_peers[{interface, from.Get()}];
    bool known = peer.heard != Time() || peer.sequence != 0;
    if (known && a.sequence < peer.sequence && Simulator::Now() - peer.heard < GetTimeout())
    {
        why = RtmRipDropReason::AuthReplay;
        return false;
    }
    peer.sequence = a.sequence;
    peer.heard = Simulator::Now();
    return true;
}

void
RtmRipClient::Receive(Ptr<Socket> socket)
{
    uint32_t iface = 0;
    bool known = InterfaceOfSocket(socket, iface);
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (!IsRunning() || !known || !InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        InetSocketAddress in = InetSocketAddress::ConvertFrom(from);
        Ipv4Address src = in.GetIpv4();
        RtmNetAddress source = RtmNetAddress::FromIpv4(src);
        if (IsOwnAddress(source))
        {
            continue; // our own message (a broadcast medium may echo it)
        }
        if (p->GetSize() + kIpUdpHeaders > m_ipv4->GetMtu(iface))
        {
            Drop(RtmRipDropReason::Oversized, p, source, iface);
            continue;
        }
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
        RtmRipHeader h;
        RtmRipDropReason why;
        if (!RtmRipHeader::Parse(bytes.data(), static_cast<uint32_t>(bytes.size()), h, why) ||
            !CheckAuth(h, bytes, src, iface, why))
        {
            Drop(why, p, source, iface);
            continue;
        }
        for (RtmRipDropReason r : h.GetEntryDrops())
        {
            Drop(r, p, source, iface);
        }
        m_rxTrace(h, src, iface);
        RtmRipMessage m;
        m.request = h.GetCommand() == RtmRipHeader::REQUEST;
        m.wholeTable = m.request && h.IsWholeTableRequest(in.GetPort() == RIP_PORT);
        m.entries.reserve(h.GetNEntries());
        for (const auto& e : h.GetEntries())
        {
            RtmRipEntry r;
            r.prefix = RtmNetAddress::FromIpv4(e.address, e.PrefixLength());
            r.metric = e.metric;
            r.tag = e.tag;
            if (e.nextHop != Ipv4Address::GetAny())
            {
                r.nextHop = RtmNetAddress::FromIpv4(e.nextHop);
            }
            m.entries.push_back(r);
        }
        ProcessMessage(m,
                       p,
                       source,
                       in.GetPort() == RIP_PORT,
                       InetSocketAddress(src, in.GetPort()),
                       iface);
    }
}

// ---------------------------------------------------------------------- sending

RtmRipHeader
RtmRipClient::NewMessage(uint32_t interface, uint8_t command)
{
    RtmRipHeader h;
    h.SetCommand(command);
    h.SetAuthentication(GetInterfaceAuthentication(interface), 0);
    return h;
}

void
RtmRipClient::SendRequest(uint32_t interface)
{
    RtmRipHeader h = NewMessage(interface, RtmRipHeader::REQUEST);
    RtmRipHeader::Entry e;
    e.afi = RtmRipHeader::AFI_UNSPECIFIED;
    e.metric = RtmRipHeader::METRIC_INFINITY;
    h.AddEntry(e);
    SendMessage(interface, h, GroupAddress());
}

void
RtmRipClient::SendResponses(uint32_t interface,
                            const std::vector<RtmRipEntry>& entries,
                            const Address& to,
                            bool sendEmpty)
{
    RtmRipHeader h = NewMessage(interface, RtmRipHeader::RESPONSE);
    for (const auto& r : entries)
    {
        RtmRipHeader::Entry e;
        e.afi = RtmRipHeader::AFI_INET;
        e.tag = r.tag;
        e.address = r.prefix.GetIpv4();
        e.mask = RtmRipHeader::MaskOf(static_cast<uint8_t>(r.prefix.numBits));
        e.metric = r.metric;
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
RtmRipClient::SendMessage(uint32_t interface, RtmRipHeader& h, const Address& to)
{
    Ptr<Socket> s = SocketOf(interface);
    if (!s)
    {
        return;
    }
    uint32_t& seq = m_sequence[interface];
    h.SetAuthentication(GetInterfaceAuthentication(interface), ++seq);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    InetSocketAddress dst = InetSocketAddress::ConvertFrom(to);
    if (dst.GetIpv4().IsMulticast())
    {
        SocketIpTtlTag ttl;
        ttl.SetTtl(1);
        p->AddPacketTag(ttl);
    }
    if (s->SendTo(p, 0, to) < 0)
    {
        NS_LOG_WARN("node " << GetNode()->GetId() << ": cannot send RIP on interface "
                            << interface);
        return;
    }
    CountSent(h.GetCommand() == RtmRipHeader::REQUEST);
    m_txTrace(h, dst.GetIpv4(), interface);
}

} // namespace ns3
