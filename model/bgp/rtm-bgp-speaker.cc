/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The BGP speaker as an RTM client.
 *
 * State: m_rib maps each destination to its routes (one per neighbour that announced it and
 * was accepted, plus LOCAL for what we originate): the union of the Adj-RIBs-In, with the
 * Loc-RIB as the best route of each. Every change of a destination's routes runs the decision
 * process for that destination (Decide); a change of its best route updates the client's one
 * RTM route of the destination (Install) and queues the destination for every established
 * neighbour (Enqueue). Each neighbour sends its queue under its MRAI timer (Drain), comparing
 * with its Adj-RIB-Out so only real changes go on the wire.
 *
 * Invariants: a destination is in m_rib iff it has at least one route; Dest::best indexes the
 * best usable route or is -1; Dest::route is non-null iff the best route was learned from a
 * neighbour; m_nh[a].paths counts the routes of m_rib whose next hop is a, m_nh[a].routes the
 * RTM routes that use the REMOTE next hop a; an entry goes when both are 0. m_nh[a].dests
 * holds every destination with a route through a (and stale ones: routes replaced or removed
 * since, at most about as many as live ones; CompactDests drops them), so a change of a's
 * resolution re-decides only those destinations. Attributes are
 * interned (m_cache), so equal attributes are equal pointers.
 */
#include "rtm-bgp-speaker.h"

#include "rtm-bgp-header.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/rtm-client-base.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmBgpSpeaker");
NS_OBJECT_ENSURE_REGISTERED(RtmBgpSpeaker);

namespace
{
constexpr uint16_t kBgpPort = 179;

int
FamilyIndex(uint16_t family)
{
    return family == RTM_AF_INET6 ? 1 : 0;
}

uint16_t
FamilyOf(int index)
{
    return index == 1 ? RTM_AF_INET6 : RTM_AF_INET;
}

RtmNetAddress
FromSocketAddress(const Address& a)
{
    if (InetSocketAddress::IsMatchingType(a))
    {
        return RtmNetAddress::FromIpv4(InetSocketAddress::ConvertFrom(a).GetIpv4());
    }
    if (Inet6SocketAddress::IsMatchingType(a))
    {
        return RtmNetAddress::FromIpv6(Inet6SocketAddress::ConvertFrom(a).GetIpv6());
    }
    return RtmNetAddress();
}

} // namespace

std::size_t
RtmBgpPrefixHash::operator()(const RtmNetAddress& p) const
{
    uint64_t h = (uint64_t(p.addressFamily) << 8) ^ p.numBits;
    std::size_t n = p.addressFamily == RTM_AF_INET ? 4 : RTM_MAX_ADDRESS_SIZE;
    for (std::size_t i = 0; i < n; ++i)
    {
        h = (h ^ p.addrBits[i]) * 0x100000001b3ULL;
    }
    return static_cast<std::size_t>(h ^ (h >> 29));
}

TypeId
RtmBgpSpeaker::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmBgpSpeaker")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmBgpSpeaker>()
            .AddAttribute("LocalAs",
                          "The speaker's autonomous system number (4-octet).",
                          UintegerValue(65000),
                          MakeUintegerAccessor(&RtmBgpSpeaker::m_localAs),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("RouterId",
                          "The BGP identifier; 0.0.0.0: the highest IPv4 address of the node.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&RtmBgpSpeaker::m_routerIdAttr),
                          MakeIpv4AddressChecker())
            .AddAttribute("ClusterId",
                          "Route-reflection cluster id (RFC 4456); 0.0.0.0: the router id.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&RtmBgpSpeaker::m_clusterIdAttr),
                          MakeIpv4AddressChecker())
            .AddAttribute("EbgpPreference",
                          "RTM preference of routes learned over eBGP (lower is better).",
                          UintegerValue(20),
                          MakeUintegerAccessor(&RtmBgpSpeaker::m_ebgpPreference),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("IbgpPreference",
                          "RTM preference of routes learned over iBGP.",
                          UintegerValue(200),
                          MakeUintegerAccessor(&RtmBgpSpeaker::m_ibgpPreference),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("DefaultLocalPref",
                          "LOCAL_PREF of routes that carry none (eBGP-learned, originated).",
                          UintegerValue(100),
                          MakeUintegerAccessor(&RtmBgpSpeaker::m_defaultLocalPref),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AlwaysCompareMed",
                          "Compare MED between routes from different neighbour ASes.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmBgpSpeaker::m_alwaysCompareMed),
                          MakeBooleanChecker())
            .AddAttribute("IdleHoldTime",
                          "Delay of the automatic restart of a session after an error.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmBgpSpeaker::m_idleHold),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("StartupDelay",
                          "Sessions open their connection after a uniform random delay in "
                          "[0, StartupDelay] (listening starts at once).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmBgpSpeaker::m_startupDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MraiEbgp",
                          "MinRouteAdvertisementInterval toward eBGP neighbours (RFC 4271: 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&RtmBgpSpeaker::m_mraiEbgp),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MraiIbgp",
                          "MinRouteAdvertisementInterval toward iBGP neighbours (RFC 4271: 5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmBgpSpeaker::m_mraiIbgp),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MraiJitter",
                          "Multiply each MRAI by a uniform factor in [0.75, 1] (RFC 4271 §10).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmBgpSpeaker::m_mraiJitter),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeConnected",
                          "Originate the destinations whose best RTM route is a connected route.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmBgpSpeaker::m_redistConnected),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeStatic",
                          "Originate the destinations whose best RTM route is a static route.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmBgpSpeaker::m_redistStatic),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeOther",
                          "Originate the destinations whose best RTM route belongs to another "
                          "client (an IGP: RIP, link-state, OSPF...).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmBgpSpeaker::m_redistOther),
                          MakeBooleanChecker())
            .AddAttribute("FastExternalFallover",
                          "Reset an eBGP session at once when the interface holding its local "
                          "address goes down (else the hold timer ends it).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmBgpSpeaker::m_fastExternalFallover),
                          MakeBooleanChecker())
            .AddAttribute("TcpSegmentSize",
                          "TCP segment size of the sessions' sockets.",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&RtmBgpSpeaker::m_tcpSegmentSize),
                          MakeUintegerChecker<uint32_t>(536))
            .AddTraceSource("State",
                            "A session changed state.",
                            MakeTraceSourceAccessor(&RtmBgpSpeaker::m_stateTrace),
                            "ns3::RtmBgpSpeaker::StateTracedCallback")
            .AddTraceSource("Error",
                            "A received message was malformed or unexpected.",
                            MakeTraceSourceAccessor(&RtmBgpSpeaker::m_errorTrace),
                            "ns3::RtmBgpSpeaker::ErrorTracedCallback")
            .AddTraceSource("BestChange",
                            "The best route of a destination changed.",
                            MakeTraceSourceAccessor(&RtmBgpSpeaker::m_bestTrace),
                            "ns3::RtmBgpSpeaker::BestTracedCallback")
            .AddTraceSource("UpdateReceived",
                            "An UPDATE was received.",
                            MakeTraceSourceAccessor(&RtmBgpSpeaker::m_rxTrace),
                            "ns3::RtmBgpSpeaker::UpdateTracedCallback")
            .AddTraceSource("UpdateSent",
                            "An UPDATE was sent.",
                            MakeTraceSourceAccessor(&RtmBgpSpeaker::m_txTrace),
                            "ns3::RtmBgpSpeaker::UpdateTracedCallback");
    return tid;
}

RtmBgpSpeaker::RtmBgpSpeaker()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

RtmBgpSpeaker::~RtmBgpSpeaker()
{
    Teardown();
}

void
RtmBgpSpeaker::Teardown()
{
    m_running = false;
    for (auto& p : m_peers)
    {
        p.mrai.Cancel();
        p.drainEvent.Cancel();
        p.session.reset();
    }
    for (auto& kv : m_listen)
    {
        kv.second->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                     MakeNullCallback<void, Ptr<Socket>, const Address&>());
        kv.second->Close();
    }
    m_listen.clear();
    for (auto& r : m_reg)
    {
        if (r)
        {
            r->Deregister();
        }
        r = nullptr;
    }
}

void
RtmBgpSpeaker::DoDispose()
{
    if (m_running && m_router)
    {
        m_router->RemoveInterfaceListener(
            MakeCallback(&RtmBgpSpeaker::InterfaceChanged, Ptr<RtmBgpSpeaker>(this)));
    }
    Teardown();
    m_peers.clear();
    m_rib.clear();
    m_nh.clear();
    m_node = nullptr;
    m_router = nullptr;
    m_instance = nullptr;
    m_rng = nullptr;
    m_redistPolicy = nullptr;
    Object::DoDispose();
}

RtmStatus
RtmBgpSpeaker::Register(uint16_t family)
{
    int f = FamilyIndex(family);
    RtmEntityInfo info;
    info.rtmInstanceId = m_instanceId;
    info.addressFamily = family;
    info.entityId.entityProtocolId = RTM_PROTO_IP_BGP;
    RtmRegnProfile profile;
    RtmStatus st = m_instance->RegisterEntity(info,
                                              {},
                                              MakeCallback(&RtmBgpSpeaker::OnRtmEvent, this),
                                              false,
                                              profile,
                                              m_reg[f]);
    if (st != RtmStatus::Success)
    {
        m_reg[f] = nullptr;
        return st;
    }
    m_reg[f]->SetDefaultPreference(m_ebgpPreference);
    m_self[f] = m_reg[f]->GetEntityHandle();
    m_maxEnum = std::max<uint32_t>(1, profile.maxHandlesInEnum);
    st = m_reg[f]->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST,
                                                 RTM_CHANGE_TYPE_BEST,
                                                 static_cast<uint64_t>(f),
                                                 m_notify[f]);
    return st;
}

RtmStatus
RtmBgpSpeaker::Start(Ptr<Node> node, uint16_t instance)
{
    NS_LOG_FUNCTION(this << node << instance);
    if (m_running)
    {
        return RtmStatus::AlreadyExists;
    }
    if (!node || !node->GetObject<RtmRouter>() || !node->GetObject<Ipv4>())
    {
        return RtmStatus::InvalidParameter;
    }
    m_node = node;
    m_router = node->GetObject<RtmRouter>();
    m_instanceId = instance;
    m_instance = m_router->CreateInstance(instance);
    for (uint16_t family : {RTM_AF_INET, RTM_AF_INET6})
    {
        RtmStatus st = Register(family);
        if (st != RtmStatus::Success)
        {
            Teardown();
            return st;
        }
    }
    m_routerId = m_routerIdAttr.Get();
    if (m_routerId == 0)
    {
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
        {
            for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
            {
                Ipv4Address a = ipv4->GetAddress(i, j).GetLocal();
                if (!a.IsLocalhost())
                {
                    m_routerId = std::max(m_routerId, a.Get());
                }
            }
        }
    }
    if (m_routerId == 0)
    {
        m_routerId = node->GetId() + 1; // a node without addresses: any non-zero identifier
    }
    m_clusterId = m_clusterIdAttr.Get() ? m_clusterIdAttr.Get() : m_routerId;
    m_running = true;
    m_router->AddInterfaceListener(
        MakeCallback(&RtmBgpSpeaker::InterfaceChanged, Ptr<RtmBgpSpeaker>(this)));
    RtmScheduleWithContext(node->GetId(), Seconds(0), [this]() {
        // What the table held before we registered was never notified: read it once.
        ReadTable(RTM_AF_INET);
        ReadTable(RTM_AF_INET6);
        for (uint32_t n = 0; m_running && n < m_peers.size(); ++n)
        {
            StartSession(n);
        }
    });
    return RtmStatus::Success;
}

uint32_t
RtmBgpSpeaker::AddNeighbor(const RtmBgpNeighborConfig& config)
{
    Peer p;
    RtmBgpSession::Timers t;
    t.idleHold = m_idleHold;
    t.tcpSegmentSize = m_tcpSegmentSize;
    auto n = static_cast<uint32_t>(m_peers.size());
    p.session = std::make_unique<RtmBgpSession>(this, n, m_node, config, m_localAs, m_routerId, t);
    m_peers.push_back(std::move(p));
    if (m_running && Simulator::Now() > Seconds(0))
    {
        StartSession(n);
    }
    return n;
}

void
RtmBgpSpeaker::StartSession(uint32_t n)
{
    Peer& p = m_peers[n];
    if (!p.session || p.session->GetState() != RtmBgpState::Idle)
    {
        return;
    }
    // The session was made before Start() knew the node and the router id: remake it.
    RtmBgpSession::Timers t;
    t.idleHold = m_idleHold;
    t.tcpSegmentSize = m_tcpSegmentSize;
    t.rng = m_rng;
    RtmBgpNeighborConfig config = p.session->GetConfig();
    p.session = std::make_unique<RtmBgpSession>(this, n, m_node, config, m_localAs, m_routerId, t);
    p.session->Start(Seconds(m_rng->GetValue(0, m_startupDelay.GetSeconds())));
    const RtmNetAddress& local = p.session->GetLocalAddress();
    Listen(local, config.address.addressFamily);
}

void
RtmBgpSpeaker::Listen(const RtmNetAddress& local, uint16_t family)
{
    RtmNetAddress key = local;
    if (key.addressFamily == 0)
    {
        key.addressFamily = family; // any address of the family
        key.numBits = 0;
    }
    auto k = std::make_pair(family, key);
    if (m_listen.count(k))
    {
        return;
    }
    Ptr<Socket> s = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    s->SetAttribute("SegmentSize", UintegerValue(m_tcpSegmentSize));
    s->SetAttribute("SndBufSize", UintegerValue(1 << 20));
    s->SetAttribute("RcvBufSize", UintegerValue(1 << 20));
    RtmBgpSession::AvoidPersistTimer(s);
    int st = 0;
    if (local.addressFamily == RTM_AF_INET)
    {
        st = s->Bind(InetSocketAddress(local.GetIpv4(), kBgpPort));
    }
    else if (local.addressFamily == RTM_AF_INET6)
    {
        st = s->Bind(Inet6SocketAddress(local.GetIpv6(), kBgpPort));
    }
    else if (family == RTM_AF_INET6)
    {
        st = s->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kBgpPort));
    }
    else
    {
        st = s->Bind(InetSocketAddress(Ipv4Address::GetAny(), kBgpPort));
    }
    if (st != 0)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": cannot listen on " << key << " port 179");
        s->Close();
        return;
    }
    s->Listen();
    s->SetAcceptCallback(MakeCallback(&RtmBgpSpeaker::AcceptRequest, this),
                         MakeCallback(&RtmBgpSpeaker::NewConnection, this));
    m_listen[k] = s;
}

bool
RtmBgpSpeaker::AcceptRequest(Ptr<Socket>, const Address& from)
{
    return m_running && FindNeighbor(FromSocketAddress(from)) >= 0;
}

void
RtmBgpSpeaker::NewConnection(Ptr<Socket> s, const Address& from)
{
    int32_t n = FindNeighbor(FromSocketAddress(from));
    if (n < 0 || !m_running)
    {
        s->Close();
        return;
    }
    m_peers[n].session->Accept(s);
}

int32_t
RtmBgpSpeaker::FindNeighbor(const RtmNetAddress& address) const
{
    for (uint32_t n = 0; n < m_peers.size(); ++n)
    {
        if (m_peers[n].session->GetConfig().address == address)
        {
            return static_cast<int32_t>(n);
        }
    }
    return -1;
}

uint32_t
RtmBgpSpeaker::GetNNeighbors() const
{
    return static_cast<uint32_t>(m_peers.size());
}

const RtmBgpNeighborConfig&
RtmBgpSpeaker::GetNeighborConfig(uint32_t n) const
{
    return m_peers.at(n).session->GetConfig();
}

RtmBgpState
RtmBgpSpeaker::GetState(uint32_t n) const
{
    return m_peers.at(n).session->GetState();
}

const RtmBgpSession&
RtmBgpSpeaker::GetSession(uint32_t n) const
{
    return *m_peers.at(n).session;
}

uint32_t
RtmBgpSpeaker::GetNEstablished() const
{
    uint32_t k = 0;
    for (const auto& p : m_peers)
    {
        k += p.session->IsEstablished() ? 1 : 0;
    }
    return k;
}

void
RtmBgpSpeaker::StopNeighbor(uint32_t n)
{
    m_peers.at(n).session->Stop();
}

void
RtmBgpSpeaker::Shutdown(bool notify)
{
    for (auto& p : m_peers)
    {
        p.session->Stop(notify);
    }
}

void
RtmBgpSpeaker::ResetNeighbor(uint32_t n)
{
    m_peers.at(n).session->Reset();
}

void
RtmBgpSpeaker::SetImportPolicy(uint32_t n, Ptr<RtmBgpPolicy> policy)
{
    RtmBgpSession& s = *m_peers.at(n).session;
    s.GetConfig().importPolicy = policy;
    if (!s.IsEstablished())
    {
        return;
    }
    if (!s.PeerSupportsRefresh())
    {
        s.Reset();
        return;
    }
    if (s.GetCodec().ipv4Unicast)
    {
        s.SendRouteRefresh(BGP_AFI_IPV4, BGP_SAFI_UNICAST);
    }
    if (s.GetCodec().ipv6Unicast)
    {
        s.SendRouteRefresh(BGP_AFI_IPV6, BGP_SAFI_UNICAST);
    }
}

void
RtmBgpSpeaker::SetExportPolicy(uint32_t n, Ptr<RtmBgpPolicy> policy)
{
    m_peers.at(n).session->GetConfig().exportPolicy = policy;
    if (m_peers[n].session->IsEstablished())
    {
        EnqueueAll(n, RTM_AF_INET);
        EnqueueAll(n, RTM_AF_INET6);
        ScheduleDrain(n);
    }
}

void
RtmBgpSpeaker::SetRedistributionPolicy(Ptr<RtmBgpPolicy> policy)
{
    m_redistPolicy = policy;
}

uint32_t
RtmBgpSpeaker::GetLocalAs() const
{
    return m_localAs;
}

uint32_t
RtmBgpSpeaker::GetRouterId() const
{
    return m_routerId;
}

Ptr<RtmRegistration>
RtmBgpSpeaker::GetRegistration(uint16_t family) const
{
    return m_reg[FamilyIndex(family)];
}

uint64_t
RtmBgpSpeaker::GetErrorCount(RtmBgpReason reason) const
{
    return m_errors[static_cast<std::size_t>(reason)];
}

uint64_t
RtmBgpSpeaker::GetErrorTotal() const
{
    uint64_t t = 0;
    for (uint64_t v : m_errors)
    {
        t += v;
    }
    return t;
}

uint64_t
RtmBgpSpeaker::GetAsLoopDrops() const
{
    return m_asLoops;
}

uint64_t
RtmBgpSpeaker::GetReflectionLoopDrops() const
{
    return m_reflectionLoops;
}

uint64_t
RtmBgpSpeaker::GetImportRejects() const
{
    return m_importRejects;
}

uint64_t
RtmBgpSpeaker::GetUpdatesReceived() const
{
    return m_updatesIn;
}

uint64_t
RtmBgpSpeaker::GetUpdatesSent() const
{
    return m_updatesOut;
}

uint64_t
RtmBgpSpeaker::GetBestChanges() const
{
    return m_bestChanges;
}

std::size_t
RtmBgpSpeaker::GetNAttributeSets() const
{
    return m_cache.Size();
}

int64_t
RtmBgpSpeaker::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

// ---------------------------------------------------------------------- session events

void
RtmBgpSpeaker::OnStateChange(uint32_t peer, RtmBgpState from, RtmBgpState to)
{
    m_stateTrace(m_peers[peer].session->GetConfig().address, from, to);
}

void
RtmBgpSpeaker::OnError(uint32_t peer, const RtmBgpParseResult& result)
{
    for (RtmBgpReason r : result.reasons)
    {
        ++m_errors[static_cast<std::size_t>(r)];
        NS_LOG_INFO("node " << m_node->GetId() << " peer "
                            << m_peers[peer].session->GetConfig().address << ": "
                            << RtmBgpReasonName(r) << " (" << RtmBgpActionName(result.action)
                            << ")");
        m_errorTrace(m_peers[peer].session->GetConfig().address, r, result.action);
    }
}

void
RtmBgpSpeaker::OnEstablished(uint32_t peer)
{
    NS_LOG_INFO("node " << m_node->GetId() << ": session with "
                        << m_peers[peer].session->GetConfig().address << " established");
    Peer& p = m_peers[peer];
    p.adjOut.clear();
    p.pending.clear();
    p.queued.clear();
    p.mrai.Cancel();
    EnqueueAll(peer, RTM_AF_INET);
    EnqueueAll(peer, RTM_AF_INET6);
    ScheduleDrain(peer);
}

void
RtmBgpSpeaker::OnDown(uint32_t peer)
{
    Peer& p = m_peers[peer];
    NS_LOG_INFO("node " << m_node->GetId() << ": session with " << p.session->GetConfig().address
                        << " down, " << p.adjIn << " routes withdrawn");
    p.adjOut.clear();
    p.pending.clear();
    p.queued.clear();
    p.mrai.Cancel();
    p.drainEvent.Cancel();
    p.draining = false;
    if (p.adjIn == 0)
    {
        return;
    }
    std::vector<RtmNetAddress> gone;
    for (const auto& kv : m_rib)
    {
        for (const auto& path : kv.second.paths)
        {
            if (path.peer == peer)
            {
                gone.push_back(kv.first);
                break;
            }
        }
    }
    for (const auto& prefix : gone)
    {
        RemovePath(prefix, peer);
    }
}

void
RtmBgpSpeaker::OnWritable(uint32_t peer)
{
    if (m_peers[peer].draining)
    {
        Drain(peer);
    }
}

void
RtmBgpSpeaker::OnRouteRefresh(uint32_t peer, uint16_t afi, uint8_t)
{
    uint16_t family = afi == BGP_AFI_IPV6 ? RTM_AF_INET6 : RTM_AF_INET;
    Peer& p = m_peers[peer];
    for (auto it = p.adjOut.begin(); it != p.adjOut.end();)
    {
        it = it->first.addressFamily == family ? p.adjOut.erase(it) : std::next(it);
    }
    EnqueueAll(peer, family);
    ScheduleDrain(peer);
}

void
RtmBgpSpeaker::OnUpdate(uint32_t peer, const RtmBgpUpdate& u)
{
    ++m_updatesIn;
    m_rxTrace(m_peers[peer].session->GetConfig().address,
              static_cast<uint32_t>(u.announced4.size() + u.announced6.size()),
              static_cast<uint32_t>(u.withdrawn.size()));
    for (const auto& prefix : u.withdrawn)
    {
        RemovePath(prefix, peer);
    }
    if (!u.announced4.empty() && u.attrs4)
    {
        Announce(peer, u.announced4, u.attrs4);
    }
    if (!u.announced6.empty() && u.attrs6)
    {
        Announce(peer, u.announced6, u.attrs6);
    }
}

void
RtmBgpSpeaker::Announce(uint32_t peer,
                        const std::vector<RtmNetAddress>& prefixes,
                        Ptr<const RtmBgpAttributes> attrs)
{
    const RtmBgpSession& s = *m_peers[peer].session;
    // Loop detection (RFC 4271 §9.1.2, RFC 4456 §8): the whole update is a loop or not.
    bool loop = attrs->asPath.Contains(m_localAs);
    bool reflectionLoop =
        !s.GetCodec().external &&
        ((attrs->hasOriginatorId && attrs->originatorId == m_routerId) ||
         std::find(attrs->clusterList.begin(), attrs->clusterList.end(), m_clusterId) !=
             attrs->clusterList.end());
    if (loop || reflectionLoop)
    {
        (loop ? m_asLoops : m_reflectionLoops) += prefixes.size();
        for (const auto& prefix : prefixes)
        {
            RemovePath(prefix, peer);
        }
        return;
    }
    Ptr<RtmBgpPolicy> policy = s.GetConfig().importPolicy;
    if (!policy)
    {
        Ptr<const RtmBgpAttributes> shared = m_cache.Intern(Create<RtmBgpAttributes>(*attrs));
        for (const auto& prefix : prefixes)
        {
            SetPath(prefix, peer, shared);
        }
        return;
    }
    RtmBgpPolicy::Context ctx;
    ctx.myAs = m_localAs;
    for (const auto& prefix : prefixes)
    {
        Ptr<RtmBgpAttributes> a = Create<RtmBgpAttributes>(*attrs);
        if (!policy->Apply(prefix, *a, ctx))
        {
            ++m_importRejects;
            RemovePath(prefix, peer);
            continue;
        }
        SetPath(prefix, peer, m_cache.Intern(a));
    }
}

// ---------------------------------------------------------------------- RIB

void
RtmBgpSpeaker::TrackPath(const RtmNetAddress& prefix, const Path& p, int delta)
{
    if (p.peer == LOCAL || !p.attrs || p.attrs->nextHop.addressFamily == 0)
    {
        return;
    }
    const RtmNetAddress& a = p.attrs->nextHop;
    auto it = m_nh.find(a);
    if (delta > 0)
    {
        if (it == m_nh.end())
        {
            NextHop nh = Resolve(a);
            it = m_nh.emplace(a, nh).first;
        }
        NextHop& nh = it->second;
        // Stale entries (routes since replaced or removed) are dropped once they outnumber
        // the live ones, before this destination's route is in its Dest: amortized O(1).
        if (nh.dests.size() >= 2 * std::size_t(nh.paths) + 16)
        {
            CompactDests(a, nh);
        }
        nh.dests.push_back(prefix);
        ++nh.paths;
        return;
    }
    if (it == m_nh.end() || --it->second.paths > 0)
    {
        return;
    }
    if (it->second.routes == 0)
    {
        m_nh.erase(it);
        return;
    }
    std::deque<RtmNetAddress>().swap(it->second.dests);
}

bool
RtmBgpSpeaker::UsesNextHop(const RtmNetAddress& prefix, const RtmNetAddress& address) const
{
    auto d = m_rib.find(prefix);
    if (d == m_rib.end())
    {
        return false;
    }
    for (const auto& p : d->second.paths)
    {
        if (p.peer != LOCAL && p.attrs->nextHop == address)
        {
            return true;
        }
    }
    return false;
}

void
RtmBgpSpeaker::CompactDests(const RtmNetAddress& address, NextHop& nh)
{
    std::sort(nh.dests.begin(), nh.dests.end());
    nh.dests.erase(std::unique(nh.dests.begin(), nh.dests.end()), nh.dests.end());
    nh.dests.erase(
        std::remove_if(nh.dests.begin(),
                       nh.dests.end(),
                       [&](const RtmNetAddress& prefix) { return !UsesNextHop(prefix, address); }),
        nh.dests.end());
}

void
RtmBgpSpeaker::SetPath(const RtmNetAddress& prefix,
                       uint32_t peer,
                       Ptr<const RtmBgpAttributes> attrs)
{
    Dest& d = m_rib[prefix];
    for (auto& p : d.paths)
    {
        if (p.peer == peer)
        {
            if (p.attrs == attrs)
            {
                return; // a re-announcement of the same route
            }
            TrackPath(prefix, p, -1);
            p.attrs = attrs;
            TrackPath(prefix, p, +1);
            Decide(prefix, d);
            return;
        }
    }
    Path p;
    p.peer = peer;
    p.attrs = attrs;
    TrackPath(prefix, p, +1);
    d.paths.push_back(p);
    if (peer != LOCAL)
    {
        ++m_peers[peer].adjIn;
    }
    Decide(prefix, d);
}

void
RtmBgpSpeaker::RemovePath(const RtmNetAddress& prefix, uint32_t peer)
{
    auto it = m_rib.find(prefix);
    if (it == m_rib.end())
    {
        return;
    }
    Dest& d = it->second;
    for (std::size_t i = 0; i < d.paths.size(); ++i)
    {
        if (d.paths[i].peer != peer)
        {
            continue;
        }
        Path gone = d.paths[i];
        d.paths.erase(d.paths.begin() + static_cast<std::ptrdiff_t>(i));
        if (d.best == static_cast<int32_t>(i))
        {
            d.best = -2; // the best route went: always a change
        }
        else if (d.best > static_cast<int32_t>(i))
        {
            --d.best;
        }
        if (peer != LOCAL)
        {
            --m_peers[peer].adjIn;
        }
        Decide(prefix, d); // may erase d
        TrackPath(prefix, gone, -1);
        return;
    }
}

RtmBgpSpeaker::NextHop
RtmBgpSpeaker::Resolve(const RtmNetAddress& address) const
{
    NextHop out;
    Ptr<RtmRegistration> reg = m_reg[FamilyIndex(address.addressFamily)];
    if (!reg)
    {
        return out;
    }
    const RtmEntityHandle self = m_self[FamilyIndex(address.addressFamily)];
    RtmDestInfo info;
    RtmStatus st =
        reg->GetMostSpecificDestination(address, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info);
    for (int depth = 0; st == RtmStatus::Success && depth < 130; ++depth)
    {
        const RtmViewInfo* v = info.viewInfo.empty() ? nullptr : &info.viewInfo[0];
        if (v && !v->route.IsNull() && v->owner != self)
        {
            RtmRouteInfo ri;
            if (reg->GetRouteInfo(v->route, &ri) != RtmStatus::Success ||
                (ri.flags &
                 (RTM_ROUTE_FLAGS_BLACKHOLE | RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_MARTIAN)))
            {
                return out;
            }
            out.resolvable = true;
            out.cost = ri.prefInfo.metric;
            return out;
        }
        st = reg->GetLessSpecificDestination(info.destHandle,
                                             RTM_BEST_PROTOCOL,
                                             RTM_VIEW_MASK_UCAST,
                                             info);
    }
    return out;
}

bool
RtmBgpSpeaker::IsNextHopResolvable(const RtmNetAddress& address, uint32_t* cost) const
{
    auto it = m_nh.find(address);
    if (it == m_nh.end())
    {
        NextHop nh = Resolve(address);
        if (cost)
        {
            *cost = nh.cost;
        }
        return nh.resolvable;
    }
    if (cost)
    {
        *cost = it->second.cost;
    }
    return it->second.resolvable;
}

void
RtmBgpSpeaker::Decide(const RtmNetAddress& prefix, Dest& d)
{
    // The previous best is remembered by (neighbour, attributes): the caller may already have
    // replaced the attributes of the route in place.
    bool hadBest = static_cast<bool>(d.bestAttrs);
    std::vector<RtmBgpCandidate> c(d.paths.size());
    for (std::size_t i = 0; i < d.paths.size(); ++i)
    {
        const Path& p = d.paths[i];
        RtmBgpCandidate& x = c[i];
        x.attrs = PeekPointer(p.attrs);
        x.local = p.peer == LOCAL;
        x.defaultLocalPref = m_defaultLocalPref;
        if (!x.local)
        {
            const RtmBgpSession& s = *m_peers[p.peer].session;
            x.external = !s.IsInternal();
            x.peerId = s.GetPeerId();
            x.peerAddress = s.GetConfig().address;
            auto nh = m_nh.find(p.attrs->nextHop);
            x.resolvable = nh != m_nh.end() && nh->second.resolvable;
            x.igpCost = nh != m_nh.end() ? nh->second.cost : 0;
        }
    }
    RtmBgpTieBreak by = RtmBgpTieBreak::None;
    int best = RtmBgpDecide(c, m_alwaysCompareMed, &by);
    d.best = best;
    d.by = by;
    bool changed = best < 0 ? hadBest
                            : (!hadBest || d.paths[best].peer != d.bestPeer ||
                               d.paths[best].attrs != d.bestAttrs);
    if (!changed)
    {
        if (d.paths.empty() && d.route.IsNull())
        {
            m_rib.erase(prefix);
        }
        return;
    }
    d.bestPeer = best >= 0 ? d.paths[best].peer : LOCAL;
    d.bestAttrs = best >= 0 ? d.paths[best].attrs : nullptr;
    ++m_bestChanges;
    if (best >= 0 && !hadBest)
    {
        ++m_nBest;
    }
    else if (best < 0 && hadBest)
    {
        --m_nBest;
    }
    Install(prefix, d);
    m_bestTrace(prefix, best >= 0 ? d.paths[best].attrs : Ptr<const RtmBgpAttributes>());
    Enqueue(prefix);
    if (d.paths.empty() && d.route.IsNull())
    {
        m_rib.erase(prefix);
    }
}

RtmNextHopHandle
RtmBgpSpeaker::RefRtmHop(const RtmNetAddress& address)
{
    NextHop& nh = m_nh[address];
    if (nh.routes == 0 || nh.rtmHop.IsNull())
    {
        RtmNextHopInfo info;
        info.nextHopAddress = address;
        info.interfaceIndex = 0;
        info.flags = RTM_NEXTHOP_FLAGS_REMOTE;
        uint32_t cf = 0;
        RtmStatus st = m_reg[FamilyIndex(address.addressFamily)]->AddNextHop(info, nh.rtmHop, cf);
        if (st != RtmStatus::Success)
        {
            NS_LOG_WARN("AddNextHop " << address << ": " << st);
            return RtmNextHopHandle();
        }
    }
    ++nh.routes;
    return nh.rtmHop;
}

void
RtmBgpSpeaker::UnrefRtmHop(const RtmNetAddress& address)
{
    auto it = m_nh.find(address);
    if (it == m_nh.end() || it->second.routes == 0)
    {
        return;
    }
    if (--it->second.routes == 0)
    {
        m_reg[FamilyIndex(address.addressFamily)]->DeleteNextHop(it->second.rtmHop);
        it->second.rtmHop = RtmNextHopHandle();
        if (it->second.paths == 0)
        {
            m_nh.erase(it);
        }
    }
}

void
RtmBgpSpeaker::Install(const RtmNetAddress& prefix, Dest& d)
{
    Ptr<RtmRegistration> reg = m_reg[FamilyIndex(prefix.addressFamily)];
    if (!reg)
    {
        return;
    }
    bool want = d.best >= 0 && d.paths[d.best].peer != LOCAL;
    if (!want)
    {
        if (!d.route.IsNull())
        {
            uint32_t cf = 0;
            reg->DeleteRouteToDest(d.route, cf);
            d.route = RtmRouteHandle();
            UnrefRtmHop(d.installed->nextHop);
            d.installed = nullptr;
        }
        return;
    }
    const Path& b = d.paths[d.best];
    const RtmBgpSession& s = *m_peers[b.peer].session;
    RtmNextHopHandle hop = RefRtmHop(b.attrs->nextHop);
    if (hop.IsNull())
    {
        return;
    }
    RtmRouteInfo info;
    info.nextHops = {hop};
    info.flags = RTM_ROUTE_FLAGS_REMOTE;
    info.prefInfo.preference = s.IsInternal() ? m_ibgpPreference : m_ebgpPreference;
    info.prefInfo.metric = b.attrs->asPath.Length();
    info.belongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    info.entitySpecificInfo = b.peer;
    uint32_t cf = 0;
    RtmStatus st =
        reg->AddRouteToDest(d.route, prefix, info, RTM_INFINITE, RtmRouteListHandle(), cf);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": AddRouteToDest " << prefix << ": " << st);
        UnrefRtmHop(b.attrs->nextHop);
        return;
    }
    if (d.installed)
    {
        UnrefRtmHop(d.installed->nextHop);
    }
    d.installed = b.attrs;
}

// ---------------------------------------------------------------------- RTM notifications

RtmStatus
RtmBgpSpeaker::OnRtmEvent(const RtmEvent& event)
{
    if (!m_running)
    {
        return RtmStatus::NotSupported;
    }
    if (event.type == RtmEventType::ChangeNotification)
    {
        ProcessChanges(FamilyOf(static_cast<int>(event.notifyContext)));
    }
    return event.type == RtmEventType::RouteExpired ? RtmStatus::NotSupported : RtmStatus::Success;
}

void
RtmBgpSpeaker::ProcessChanges(uint16_t family)
{
    int f = FamilyIndex(family);
    if (!m_reg[f])
    {
        return;
    }
    std::set<RtmNetAddress> retrack;
    RtmDrainChangedDests(*m_reg[f], m_notify[f], m_maxEnum, [&](const RtmDestInfo& info) {
        // Next hops this destination covers may resolve differently now.
        RtmNetAddress lo = info.destAddress;
        lo.numBits = lo.FamilyBits();
        for (auto it = m_nh.lower_bound(lo); it != m_nh.end() && info.destAddress.Covers(it->first);
             ++it)
        {
            retrack.insert(it->first);
        }
        Redistribute(info, family);
    });
    for (const auto& a : retrack)
    {
        Retrack(a);
    }
}

void
RtmBgpSpeaker::ReadTable(uint16_t family)
{
    int f = FamilyIndex(family);
    if (!m_running || !m_reg[f] || !(m_redistConnected || m_redistStatic || m_redistOther))
    {
        return;
    }
    RtmForEachBestDest(*m_reg[f], RTM_VIEW_MASK_UCAST, m_maxEnum, [&](const RtmDestInfo& info) {
        Redistribute(info, family);
    });
}

void
RtmBgpSpeaker::Retrack(const RtmNetAddress& address)
{
    auto it = m_nh.find(address);
    if (it == m_nh.end())
    {
        return;
    }
    NextHop now = Resolve(address);
    if (now.resolvable == it->second.resolvable && now.cost == it->second.cost)
    {
        return;
    }
    NS_LOG_INFO("node " << m_node->GetId() << ": next hop " << address << " "
                        << (now.resolvable ? "resolves" : "does not resolve")
                        << (now.resolvable ? " with cost " + std::to_string(now.cost) : ""));
    it->second.resolvable = now.resolvable;
    it->second.cost = now.cost;
    if (it->second.paths == 0)
    {
        return;
    }
    // Run the decision again for every destination with a route through this next hop (the
    // list is copied: deciding may add or drop other next hops' entries).
    CompactDests(address, it->second);
    const std::vector<RtmNetAddress> affected(it->second.dests.begin(), it->second.dests.end());
    for (const auto& prefix : affected)
    {
        auto d = m_rib.find(prefix);
        if (d != m_rib.end())
        {
            Decide(prefix, d->second);
        }
    }
}

void
RtmBgpSpeaker::Redistribute(const RtmDestInfo& info, uint16_t family)
{
    int f = FamilyIndex(family);
    const RtmNetAddress& prefix = info.destAddress;
    bool want = false;
    uint32_t protocol = 0;
    const RtmViewInfo* v = info.viewInfo.empty() ? nullptr : &info.viewInfo[0];
    if (v && !v->route.IsNull() && v->owner != m_self[f] &&
        (m_redistConnected || m_redistStatic || m_redistOther))
    {
        auto pit = m_protocolOf.find(v->owner);
        if (pit != m_protocolOf.end())
        {
            protocol = pit->second;
        }
        else
        {
            RtmEntityInfo ei;
            if (m_reg[f]->GetEntityInfo(v->owner, ei) == RtmStatus::Success)
            {
                protocol = ei.entityId.entityProtocolId;
                m_protocolOf[v->owner] = protocol;
            }
        }
        want = protocol == RTM_PROTO_IP_LOCAL     ? m_redistConnected
               : protocol == RTM_PROTO_IP_NETMGMT ? m_redistStatic
                                                  : (protocol != 0 && m_redistOther);
        RtmRouteInfo ri;
        const uint16_t never = RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOOPBACK |
                               RTM_ROUTE_FLAGS_MARTIAN | RTM_ROUTE_FLAGS_BLACKHOLE |
                               RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_ANY_MCAST |
                               RTM_ROUTE_FLAGS_ANY_BCAST;
        if (want && (m_reg[f]->GetRouteInfo(v->route, &ri) != RtmStatus::Success ||
                     (ri.flags & never) || prefix.numBits == prefix.FamilyBits()))
        {
            want = false; // own addresses, host routes, special destinations stay local
        }
        if (family == RTM_AF_INET6 && want && prefix.addrBits[0] == 0xfe &&
            (prefix.addrBits[1] & 0xc0) == 0x80)
        {
            want = false; // link-local
        }
    }
    Ptr<RtmBgpAttributes> a;
    if (want)
    {
        a = Create<RtmBgpAttributes>();
        a->origin = BGP_ORIGIN_INCOMPLETE;
        if (m_redistPolicy)
        {
            RtmBgpPolicy::Context ctx;
            ctx.myAs = m_localAs;
            want = m_redistPolicy->Apply(prefix, *a, ctx);
        }
    }
    if (want && m_originated.count(prefix) == 0)
    {
        m_redistributed.insert(prefix);
        SetPath(prefix, LOCAL, m_cache.Intern(a));
    }
    else if (!want && m_redistributed.erase(prefix) != 0 && m_originated.count(prefix) == 0)
    {
        RemovePath(prefix, LOCAL);
    }
}

bool
RtmBgpSpeaker::Originate(const RtmNetAddress& prefix)
{
    Ptr<RtmBgpAttributes> a = Create<RtmBgpAttributes>();
    a->origin = BGP_ORIGIN_IGP;
    return Originate(prefix, a);
}

bool
RtmBgpSpeaker::Originate(const RtmNetAddress& prefix, Ptr<RtmBgpAttributes> attrs)
{
    if (!prefix.IsCanonical() ||
        (prefix.addressFamily != RTM_AF_INET && prefix.addressFamily != RTM_AF_INET6) || !attrs)
    {
        return false;
    }
    Ptr<RtmBgpAttributes> a = attrs;
    if (a->nextHop.addressFamily != 0)
    {
        a = Create<RtmBgpAttributes>(*attrs);
        a->nextHop = RtmNetAddress();
    }
    m_originated.insert(prefix);
    SetPath(prefix, LOCAL, m_cache.Intern(a));
    return true;
}

bool
RtmBgpSpeaker::WithdrawOriginated(const RtmNetAddress& prefix)
{
    if (m_originated.erase(prefix) == 0)
    {
        return false;
    }
    if (m_redistributed.count(prefix) == 0)
    {
        RemovePath(prefix, LOCAL);
    }
    return true;
}

bool
RtmBgpSpeaker::GetBest(const RtmNetAddress& prefix,
                       Ptr<const RtmBgpAttributes>& attrs,
                       uint32_t& peer,
                       RtmBgpTieBreak* decidedBy) const
{
    auto it = m_rib.find(prefix);
    if (it == m_rib.end() || it->second.best < 0)
    {
        attrs = nullptr;
        return false;
    }
    const Path& p = it->second.paths[it->second.best];
    attrs = p.attrs;
    peer = p.peer;
    if (decidedBy)
    {
        *decidedBy = it->second.by;
    }
    return true;
}

std::vector<std::pair<uint32_t, Ptr<const RtmBgpAttributes>>>
RtmBgpSpeaker::GetRoutes(const RtmNetAddress& prefix) const
{
    std::vector<std::pair<uint32_t, Ptr<const RtmBgpAttributes>>> out;
    auto it = m_rib.find(prefix);
    if (it == m_rib.end())
    {
        return out;
    }
    const Dest& d = it->second;
    if (d.best >= 0)
    {
        out.emplace_back(d.paths[d.best].peer, d.paths[d.best].attrs);
    }
    for (std::size_t i = 0; i < d.paths.size(); ++i)
    {
        if (static_cast<int32_t>(i) != d.best)
        {
            out.emplace_back(d.paths[i].peer, d.paths[i].attrs);
        }
    }
    return out;
}

uint32_t
RtmBgpSpeaker::GetNBest() const
{
    return m_nBest;
}

uint32_t
RtmBgpSpeaker::GetAdjRibInSize(uint32_t n) const
{
    return m_peers.at(n).adjIn;
}

uint32_t
RtmBgpSpeaker::GetAdjRibOutSize(uint32_t n) const
{
    return static_cast<uint32_t>(m_peers.at(n).adjOut.size());
}

bool
RtmBgpSpeaker::HasPendingOut(uint32_t n) const
{
    return !m_peers.at(n).pending.empty();
}

// ---------------------------------------------------------------------- advertising

bool
RtmBgpSpeaker::Negotiated(uint32_t peer, uint16_t family) const
{
    const RtmBgpSession& s = *m_peers[peer].session;
    return s.IsEstablished() &&
           (family == RTM_AF_INET ? s.GetCodec().ipv4Unicast : s.GetCodec().ipv6Unicast);
}

RtmNetAddress
RtmBgpSpeaker::SelfNextHop(uint32_t peer, uint16_t family) const
{
    const RtmBgpSession& s = *m_peers[peer].session;
    if (s.GetLocalAddress().addressFamily == family)
    {
        return s.GetLocalAddress();
    }
    const RtmBgpNeighborConfig& c = s.GetConfig();
    if (family != RTM_AF_INET6 || c.nextHop6.addressFamily != 0)
    {
        return family == RTM_AF_INET6 ? c.nextHop6 : c.nextHop4;
    }
    // IPv6 over an IPv4 session, nextHop6 not configured: the first global IPv6 address of the
    // interface that holds the session's local address (RtmBgpNeighborConfig::nextHop6).
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
    int32_t i4 = s.GetLocalAddress().addressFamily == RTM_AF_INET && ipv4 && ipv6
                     ? ipv4->GetInterfaceForAddress(s.GetLocalAddress().GetIpv4())
                     : -1;
    int32_t i6 = i4 < 0 ? -1 : ipv6->GetInterfaceForDevice(ipv4->GetNetDevice(i4));
    for (uint32_t a = 0; i6 >= 0 && a < ipv6->GetNAddresses(i6); ++a)
    {
        Ipv6InterfaceAddress ia = ipv6->GetAddress(i6, a);
        if (ia.GetScope() == Ipv6InterfaceAddress::GLOBAL)
        {
            return RtmNetAddress::FromIpv6(ia.GetAddress());
        }
    }
    return c.nextHop6;
}

Time
RtmBgpSpeaker::MraiOf(uint32_t peer) const
{
    const RtmBgpSession& s = *m_peers[peer].session;
    Time t = s.GetConfig().mrai;
    if (t.IsNegative())
    {
        t = s.IsInternal() ? m_mraiIbgp : m_mraiEbgp;
    }
    return t;
}

Ptr<const RtmBgpAttributes>
RtmBgpSpeaker::Export(uint32_t peer, const RtmNetAddress& prefix, const Dest* d)
{
    if (!d || d->best < 0)
    {
        return nullptr;
    }
    const Path& b = d->paths[d->best];
    if (b.peer == peer)
    {
        return nullptr;
    }
    const RtmBgpSession& to = *m_peers[peer].session;
    bool toInternal = to.IsInternal();
    bool fromInternal = b.peer != LOCAL && m_peers[b.peer].session->IsInternal();
    if (fromInternal && toInternal)
    {
        // RFC 4456 §6: a client's routes go to every iBGP peer, a non-client's only to clients.
        bool fromClient = m_peers[b.peer].session->GetConfig().routeReflectorClient;
        if (!fromClient && !to.GetConfig().routeReflectorClient)
        {
            return nullptr;
        }
        if (b.attrs->hasOriginatorId && b.attrs->originatorId == to.GetPeerId())
        {
            return nullptr;
        }
    }
    if (b.attrs->HasCommunity(BGP_COMMUNITY_NO_ADVERTISE) ||
        (!toInternal && b.attrs->HasCommunity(BGP_COMMUNITY_NO_EXPORT)))
    {
        return nullptr;
    }
    Ptr<RtmBgpAttributes> a = Create<RtmBgpAttributes>(*b.attrs);
    if (!toInternal)
    {
        a->asPath.Prepend(m_localAs);
        a->nextHop = SelfNextHop(peer, prefix.addressFamily);
        a->hasLocalPref = false;
        if (b.peer != LOCAL)
        {
            a->hasMed = false; // RFC 4271 §5.1.4: not passed on to another AS
            a->med = 0;
        }
        a->hasOriginatorId = false;
        a->clusterList.clear();
    }
    else
    {
        if (!a->hasLocalPref)
        {
            a->hasLocalPref = true;
            a->localPref = m_defaultLocalPref;
        }
        if (b.peer == LOCAL || to.GetConfig().nextHopSelf)
        {
            a->nextHop = SelfNextHop(peer, prefix.addressFamily);
        }
        if (fromInternal)
        {
            if (!a->hasOriginatorId)
            {
                a->hasOriginatorId = true;
                a->originatorId = m_peers[b.peer].session->GetPeerId();
            }
            a->clusterList.insert(a->clusterList.begin(), m_clusterId);
        }
    }
    Ptr<RtmBgpPolicy> policy = to.GetConfig().exportPolicy;
    if (policy)
    {
        RtmBgpPolicy::Context ctx;
        ctx.myAs = m_localAs;
        if (!policy->Apply(prefix, *a, ctx))
        {
            return nullptr;
        }
    }
    if (a->nextHop.addressFamily != prefix.addressFamily)
    {
        return nullptr; // no next hop of the route's family toward this neighbour
    }
    return m_cache.Intern(a);
}

void
RtmBgpSpeaker::Enqueue(const RtmNetAddress& prefix)
{
    for (uint32_t n = 0; n < m_peers.size(); ++n)
    {
        if (!Negotiated(n, prefix.addressFamily))
        {
            continue;
        }
        Peer& p = m_peers[n];
        if (p.queued.insert(prefix).second)
        {
            p.pending.push_back(prefix);
        }
        ScheduleDrain(n);
    }
}

void
RtmBgpSpeaker::EnqueueAll(uint32_t peer, uint16_t family)
{
    if (!Negotiated(peer, family))
    {
        return;
    }
    Peer& p = m_peers[peer];
    // Everything in the Loc-RIB, plus what was sent and may have to be withdrawn. The dump
    // bypasses the dedup set: a destination queued twice is sent once (Drain compares with
    // the Adj-RIB-Out). Destinations sharing best-route attributes are queued together, so
    // Drain packs them into the same UPDATEs.
    std::vector<std::pair<const RtmBgpAttributes*, RtmNetAddress>> all;
    all.reserve(m_rib.size());
    for (const auto& kv : m_rib)
    {
        if (kv.first.addressFamily == family && kv.second.best >= 0)
        {
            all.emplace_back(PeekPointer(kv.second.bestAttrs), kv.first);
        }
    }
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
        return x.first < y.first || (x.first == y.first && x.second < y.second);
    });
    for (const auto& e : all)
    {
        p.pending.push_back(e.second);
    }
    for (const auto& kv : p.adjOut)
    {
        if (kv.first.addressFamily == family)
        {
            auto it = m_rib.find(kv.first);
            if (it == m_rib.end() || it->second.best < 0)
            {
                p.pending.push_back(kv.first);
            }
        }
    }
}

void
RtmBgpSpeaker::ScheduleDrain(uint32_t peer)
{
    Peer& p = m_peers[peer];
    if (p.pending.empty() || RtmIsPending(p.mrai) || RtmIsPending(p.drainEvent) || p.draining)
    {
        return;
    }
    // Collect every change of the current event before sending.
    p.drainEvent = Simulator::ScheduleNow(&RtmBgpSpeaker::StartDrain, this, peer);
}

void
RtmBgpSpeaker::StartDrain(uint32_t peer)
{
    Peer& p = m_peers[peer];
    if (!p.session->IsEstablished() || p.pending.empty())
    {
        return;
    }
    Time mrai = MraiOf(peer);
    if (mrai.IsStrictlyPositive())
    {
        double factor = m_mraiJitter ? m_rng->GetValue(0.75, 1.0) : 1.0;
        p.mrai = Simulator::Schedule(mrai * factor, &RtmBgpSpeaker::MraiExpired, this, peer);
    }
    p.draining = true;
    Drain(peer);
}

void
RtmBgpSpeaker::MraiExpired(uint32_t peer)
{
    Peer& p = m_peers[peer];
    if (!p.pending.empty() && !p.draining)
    {
        StartDrain(peer);
    }
}

void
RtmBgpSpeaker::Drain(uint32_t peer)
{
    Peer& p = m_peers[peer];
    RtmBgpSession& s = *p.session;
    const std::size_t kBatch = 4096;
    while (!p.pending.empty() && s.IsEstablished() && s.GetTxRoom() >= 8192)
    {
        std::vector<RtmNetAddress> withdraw[2];
        std::vector<std::pair<Ptr<const RtmBgpAttributes>, std::vector<RtmNetAddress>>> groups[2];
        std::unordered_map<const RtmBgpAttributes*, std::size_t> groupOf[2];
        for (std::size_t k = 0; k < kBatch && !p.pending.empty(); ++k)
        {
            RtmNetAddress prefix = p.pending.front();
            p.pending.pop_front();
            p.queued.erase(prefix);
            auto it = m_rib.find(prefix);
            Ptr<const RtmBgpAttributes> now =
                Export(peer, prefix, it == m_rib.end() ? nullptr : &it->second);
            auto out = p.adjOut.find(prefix);
            int f = FamilyIndex(prefix.addressFamily);
            if (!now)
            {
                if (out != p.adjOut.end())
                {
                    p.adjOut.erase(out);
                    withdraw[f].push_back(prefix);
                }
                continue;
            }
            if (out != p.adjOut.end() && out->second == now)
            {
                continue;
            }
            p.adjOut[prefix] = now;
            auto g = groupOf[f].find(PeekPointer(now));
            if (g == groupOf[f].end())
            {
                groupOf[f][PeekPointer(now)] = groups[f].size();
                groups[f].emplace_back(now, std::vector<RtmNetAddress>{prefix});
            }
            else
            {
                groups[f][g->second].second.push_back(prefix);
            }
        }
        for (int f = 0; f < 2; ++f)
        {
            if (!withdraw[f].empty())
            {
                EmitWithdrawals(peer, FamilyOf(f), withdraw[f]);
            }
            for (const auto& g : groups[f])
            {
                EmitAnnouncements(peer, FamilyOf(f), g.first, g.second);
            }
        }
    }
    if (p.pending.empty())
    {
        p.draining = false;
    }
}

void
RtmBgpSpeaker::EmitWithdrawals(uint32_t peer,
                               uint16_t family,
                               const std::vector<RtmNetAddress>& prefixes)
{
    RtmBgpSession& s = *m_peers[peer].session;
    const std::size_t room = RtmBgpHeader::MAX_SIZE - 23 - (family == RTM_AF_INET6 ? 7 : 0);
    RtmBgpUpdate u;
    std::size_t used = 0;
    auto flush = [&]() {
        if (u.withdrawn.empty())
        {
            return;
        }
        s.Send(u.Serialize(s.GetCodec()));
        ++m_updatesOut;
        m_txTrace(s.GetConfig().address, 0, static_cast<uint32_t>(u.withdrawn.size()));
        u.withdrawn.clear();
        used = 0;
    };
    for (const auto& prefix : prefixes)
    {
        std::size_t n = RtmBgpUpdate::PrefixSize(prefix);
        if (used + n > room)
        {
            flush();
        }
        u.withdrawn.push_back(prefix);
        used += n;
    }
    flush();
}

void
RtmBgpSpeaker::EmitAnnouncements(uint32_t peer,
                                 uint16_t family,
                                 Ptr<const RtmBgpAttributes> attrs,
                                 const std::vector<RtmNetAddress>& prefixes)
{
    RtmBgpSession& s = *m_peers[peer].session;
    std::vector<uint8_t> encoded;
    RtmBgpEncodeAttributes(*attrs, s.GetCodec(), family == RTM_AF_INET, encoded);
    std::size_t fixed = 23 + encoded.size() + (family == RTM_AF_INET6 ? 4 + 3 + 1 + 16 + 1 : 0);
    if (fixed + 17 > RtmBgpHeader::MAX_SIZE)
    {
        NS_LOG_WARN("attributes too large to send " << attrs->ToString());
        return;
    }
    const std::size_t room = RtmBgpHeader::MAX_SIZE - fixed;
    RtmBgpUpdate u;
    std::vector<RtmNetAddress>& list = family == RTM_AF_INET ? u.announced4 : u.announced6;
    (family == RTM_AF_INET ? u.attrs4 : u.attrs6) = attrs;
    std::size_t used = 0;
    auto flush = [&]() {
        if (list.empty())
        {
            return;
        }
        s.Send(u.Serialize(s.GetCodec()));
        ++m_updatesOut;
        m_txTrace(s.GetConfig().address, static_cast<uint32_t>(list.size()), 0);
        list.clear();
        used = 0;
    };
    for (const auto& prefix : prefixes)
    {
        std::size_t n = RtmBgpUpdate::PrefixSize(prefix);
        if (used + n > room)
        {
            flush();
        }
        list.push_back(prefix);
        used += n;
    }
    flush();
}

// ---------------------------------------------------------------------- interfaces

void
RtmBgpSpeaker::InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up)
{
    if (!m_running || up || instance != m_instanceId || !m_fastExternalFallover)
    {
        return;
    }
    // Fast external fallover: an eBGP session whose local address is on the interface ends.
    for (auto& p : m_peers)
    {
        RtmBgpSession& s = *p.session;
        const RtmNetAddress& local = s.GetLocalAddress();
        if (s.IsInternal() || local.addressFamily != family || s.GetState() == RtmBgpState::Idle)
        {
            continue;
        }
        bool onIt = false;
        if (family == RTM_AF_INET)
        {
            Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
            onIt = ipv4 &&
                   ipv4->GetInterfaceForAddress(local.GetIpv4()) == static_cast<int32_t>(interface);
        }
        else
        {
            Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
            onIt = ipv6 &&
                   ipv6->GetInterfaceForAddress(local.GetIpv6()) == static_cast<int32_t>(interface);
        }
        if (onIt)
        {
            NS_LOG_INFO("node " << m_node->GetId() << ": interface "
                                << interface << " down, session with " << s.GetConfig().address
                                << " reset");
            s.Reset(BGP_ERR_CEASE, BGP_SUB_CEASE_ADMIN_RESET);
        }
    }
}

void
RtmBgpSpeaker::Print(std::ostream& os) const
{
    os << "BGP AS " << m_localAs << " router-id " << Ipv4Address(m_routerId) << " node "
       << (m_node ? m_node->GetId() : 0) << " instance " << m_instanceId << "\n";
    for (uint32_t n = 0; n < m_peers.size(); ++n)
    {
        const RtmBgpSession& s = *m_peers[n].session;
        os << "  neighbour " << s.GetConfig().address << " AS " << s.GetConfig().remoteAs << " "
           << RtmBgpStateName(s.GetState()) << " in " << m_peers[n].adjIn << " out "
           << m_peers[n].adjOut.size() << "\n";
    }
    std::map<RtmNetAddress, const Dest*> sorted;
    for (const auto& kv : m_rib)
    {
        sorted[kv.first] = &kv.second;
    }
    for (const auto& kv : sorted)
    {
        const Dest& d = *kv.second;
        for (std::size_t i = 0; i < d.paths.size(); ++i)
        {
            const Path& p = d.paths[i];
            os << (static_cast<int32_t>(i) == d.best ? "  *> " : "     ") << kv.first << " "
               << (p.peer == LOCAL ? std::string("local")
                                   : m_peers[p.peer].session->GetConfig().address.AddressString())
               << " " << p.attrs->ToString() << "\n";
        }
    }
}

} // namespace ns3
