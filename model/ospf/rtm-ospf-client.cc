/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPFv2 as an RTM client: life cycle, configuration, interfaces and sockets, state queries.
 * The other parts of RtmOspfClient are in rtm-ospf-io.cc (packets in and out),
 * rtm-ospf-flooding.cc (reliable flooding, aging), rtm-ospf-originate.cc (own LSAs) and
 * rtm-ospf-routes.cc (SPF scheduling, RTM writes, redistribution).
 */
#include "rtm-ospf-client.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/rtm-client-base.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfClient");
NS_OBJECT_ENSURE_REGISTERED(RtmOspfClient);

TypeId
RtmOspfClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmOspfClient")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmOspfClient>()
            .AddAttribute("Preference",
                          "Preference of the routes OSPF adds (lower is better; connected 1 < "
                          "static 3 < OSPF 110 < RIP 120).",
                          UintegerValue(110),
                          MakeUintegerAccessor(&RtmOspfClient::m_preference),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("HelloInterval",
                          "HelloInterval (RFC 2328: 10 s); whole seconds on the wire, all "
                          "routers of a network must agree.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&RtmOspfClient::m_helloInterval),
                          MakeTimeChecker(Seconds(1), Seconds(65535)))
            .AddAttribute("RouterDeadInterval",
                          "RouterDeadInterval: a neighbour silent this long is dropped; also "
                          "the Wait time of broadcast interfaces (RFC 2328: 4 x HelloInterval, "
                          "40 s).",
                          TimeValue(Seconds(40)),
                          MakeTimeAccessor(&RtmOspfClient::m_deadInterval),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("RxmtInterval",
                          "RxmtInterval: retransmission of LSAs, DDs and requests (RFC 2328: "
                          "5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmOspfClient::m_rxmtInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("InfTransDelay",
                          "InfTransDelay: added to the age of LSAs sent (RFC 2328: 1 s).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmOspfClient::m_transDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("AckDelay",
                          "Delay of delayed acknowledgments (RFC 2328 §13.5: less than "
                          "RxmtInterval).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmOspfClient::m_ackDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FloodPacing",
                          "Least time between two flooded Link State Updates on an interface: "
                          "an update leaves at once unless one left less than this ago; LSAs "
                          "flooded meanwhile leave together at the end of the interval (0: every "
                          "LSA at once).",
                          TimeValue(MilliSeconds(33)),
                          MakeTimeAccessor(&RtmOspfClient::m_floodPacing),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SpfDelay",
                          "SPF throttling: delay from the first change to the SPF run.",
                          TimeValue(MilliSeconds(200)),
                          MakeTimeAccessor(&RtmOspfClient::m_spfDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SpfHoldTime",
                          "SPF throttling: least time between two SPF runs; doubled while "
                          "changes keep coming, back to this after SpfMaxHoldTime of calm.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmOspfClient::m_spfHold),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SpfMaxHoldTime",
                          "SPF throttling: the largest hold time.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&RtmOspfClient::m_spfMaxHold),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MinLSInterval",
                          "MinLSInterval: least time between two originations of one LSA "
                          "(RFC 2328: 5 s).",
                          TimeValue(Seconds(OSPF_MIN_LS_INTERVAL)),
                          MakeTimeAccessor(&RtmOspfClient::m_minLsInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MinLSArrival",
                          "MinLSArrival: a newer instance arriving sooner than this after the "
                          "last one was installed is ignored (RFC 2328: 1 s).",
                          TimeValue(Seconds(OSPF_MIN_LS_ARRIVAL)),
                          MakeTimeAccessor(&RtmOspfClient::m_minLsArrival),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StartupDelay",
                          "OSPF starts after a uniform random delay in [0, StartupDelay] after "
                          "Start().",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmOspfClient::m_startupDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RouterId",
                          "Router id (0.0.0.0: the largest address of the loopback interface, "
                          "else the largest interface address of the instance).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&RtmOspfClient::m_routerIdAttr),
                          MakeIpv4AddressChecker())
            .AddAttribute("ExternalMetric",
                          "Metric of the AS-external-LSAs of redistributed routes.",
                          UintegerValue(20),
                          MakeUintegerAccessor(&RtmOspfClient::m_externalMetric),
                          MakeUintegerChecker<uint32_t>(1, OSPF_LS_INFINITY - 1))
            .AddAttribute("ExternalMetricType",
                          "Type of the external metric: 1 (comparable to OSPF costs) or 2 "
                          "(larger than any OSPF cost).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&RtmOspfClient::m_externalType),
                          MakeUintegerChecker<uint32_t>(1, 2))
            .AddAttribute("ExternalTag",
                          "External route tag of redistributed routes.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmOspfClient::m_externalTag),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RedistributeConnected",
                          "Originate AS-external-LSAs for destinations whose best route is a "
                          "connected route.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmOspfClient::m_redistConnected),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeStatic",
                          "... whose best route is a static route.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmOspfClient::m_redistStatic),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeRip",
                          "... whose best route is a RIP route.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmOspfClient::m_redistRip),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeOther",
                          "... whose best route belongs to any other client.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmOspfClient::m_redistOther),
                          MakeBooleanChecker())
            .AddTraceSource("NeighborState",
                            "A neighbour changed state.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_nbrTrace),
                            "ns3::RtmOspfClient::NeighborStateTracedCallback")
            .AddTraceSource("InterfaceState",
                            "An interface changed state.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_ifTrace),
                            "ns3::RtmOspfClient::InterfaceStateTracedCallback")
            .AddTraceSource("LsaOriginated",
                            "This router originated (or flushed) an LSA.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_originateTrace),
                            "ns3::RtmOspfClient::LsaTracedCallback")
            .AddTraceSource("LsaReceived",
                            "An LSA newer than the database copy arrived by flooding.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_receiveTrace),
                            "ns3::RtmOspfClient::LsaTracedCallback")
            .AddTraceSource("Spf",
                            "An SPF run ended.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_spfTrace),
                            "ns3::RtmOspfClient::SpfTracedCallback")
            .AddTraceSource("Tx",
                            "An OSPF packet was sent.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_txTrace),
                            "ns3::RtmOspfClient::PacketTracedCallback")
            .AddTraceSource("Rx",
                            "An OSPF packet was accepted.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_rxTrace),
                            "ns3::RtmOspfClient::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "A received packet or LSA was dropped.",
                            MakeTraceSourceAccessor(&RtmOspfClient::m_dropTrace),
                            "ns3::RtmOspfClient::DropTracedCallback");
    return tid;
}

RtmOspfClient::RtmOspfClient()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

RtmOspfClient::~RtmOspfClient()
{
    Teardown();
}

void
RtmOspfClient::Teardown()
{
    bool wasRunning = m_running;
    m_running = false;
    m_startupEvent.Cancel();
    m_spfEvent.Cancel();
    m_routerLsaEvent.Cancel();
    m_agingEvent.Cancel();
    m_sweepEvent.Cancel();
    m_externalEvent.Cancel();
    for (auto& kv : m_pending)
    {
        kv.second.event.Cancel();
    }
    m_pending.clear();
    for (auto& kv : m_ifs)
    {
        if (kv.second->socket)
        {
            kv.second->socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            kv.second->socket->Close();
            kv.second->socket = nullptr;
        }
    }
    m_ifs.clear();
    m_vlinks.clear();
    m_socketIf.clear();
    if (wasRunning && m_router)
    {
        m_router->RemoveInterfaceListener(MakeCallback(&RtmOspfClient::InterfaceChanged, this));
    }
    if (m_reg)
    {
        m_reg->Deregister(); // the RTM removes the routes and next hops
    }
    m_reg = nullptr;
}

void
RtmOspfClient::DoDispose()
{
    Teardown();
    m_areas.clear();
    m_external.Clear();
    m_installed.clear();
    m_hops.clear();
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_router = nullptr;
    m_instance = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

// ------------------------------------------------------------------------------ configuration

void
RtmOspfClient::SetInterfaceConfig(uint32_t interface, const RtmOspfIfConfig& cfg)
{
    m_ifConfig[interface] = cfg;
}

RtmOspfIfConfig
RtmOspfClient::GetInterfaceConfig(uint32_t interface) const
{
    auto it = m_ifConfig.find(interface);
    return it == m_ifConfig.end() ? RtmOspfIfConfig() : it->second;
}

void
RtmOspfClient::ExcludeInterface(uint32_t interface)
{
    m_excluded.insert(interface);
    if (m_started && m_ifs.count(interface) != 0)
    {
        CloseInterface(interface);
    }
}

void
RtmOspfClient::SetAreaConfig(uint32_t area, const RtmOspfAreaConfig& cfg)
{
    m_areaConfig[area] = cfg;
    auto it = m_areas.find(area);
    if (it != m_areas.end())
    {
        it->second->cfg = cfg;
    }
}

void
RtmOspfClient::AddVirtualLink(uint32_t transitArea,
                              uint32_t peerRouterId,
                              const RtmOspfAuthConfig& auth)
{
    m_vlinkConfig.push_back(VirtualLinkConfig{transitArea, peerRouterId, auth});
}

void
RtmOspfClient::SetRouterAddressArea(uint32_t area)
{
    m_routerAddressArea = area;
}

int64_t
RtmOspfClient::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

// ------------------------------------------------------------------------------ life cycle

RtmStatus
RtmOspfClient::Start(Ptr<Node> node, uint16_t instance)
{
    NS_LOG_FUNCTION(this << node << instance);
    if (m_reg || !node)
    {
        return m_reg ? RtmStatus::AlreadyExists : RtmStatus::InvalidParameter;
    }
    m_node = node;
    m_ipv4 = node->GetObject<Ipv4>();
    m_router = node->GetObject<RtmRouter>();
    if (!m_ipv4 || !m_router)
    {
        NS_LOG_WARN("node " << node->GetId() << " has no IPv4 or no RTM router");
        return RtmStatus::InvalidParameter;
    }
    m_instanceId = instance;
    m_instance = m_router->CreateInstance(instance);
    RtmEntityInfo info;
    info.rtmInstanceId = instance;
    info.addressFamily = RTM_AF_INET;
    info.entityId.entityProtocolId = RTM_PROTO_IP_OSPF;
    info.entityId.entityInstanceId = 0;
    RtmRegnProfile profile;
    RtmStatus st = m_instance->RegisterEntity(info,
                                              {},
                                              MakeCallback(&RtmOspfClient::OnRtmEvent, this),
                                              false,
                                              profile,
                                              m_reg);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("OSPF could not register with instance " << instance << ": " << st);
        m_reg = nullptr;
        return st;
    }
    m_reg->SetDefaultPreference(m_preference);
    m_self = m_reg->GetEntityHandle();
    m_maxNextHops = std::max<uint32_t>(1, profile.maxNextHopsInRoute);
    m_maxEnum = std::max<uint32_t>(1, profile.maxHandlesInEnum);
    st = m_reg->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST,
                                              RTM_CHANGE_TYPE_BEST,
                                              0,
                                              m_notify);
    if (st != RtmStatus::Success)
    {
        m_reg->Deregister();
        m_reg = nullptr;
        return st;
    }
    m_router->AddInterfaceListener(MakeCallback(&RtmOspfClient::InterfaceChanged, this));
    m_running = true;
    m_currentHold = m_spfHold;
    RtmScheduleWithContext(node->GetId(), Seconds(0), [this]() {
        if (m_running)
        {
            Time delay = Seconds(m_rng->GetValue(0, m_startupDelay.GetSeconds()));
            m_startupEvent = Simulator::Schedule(delay, &RtmOspfClient::Startup, this);
        }
    });
    return RtmStatus::Success;
}

void
RtmOspfClient::Startup()
{
    if (!m_running)
    {
        return;
    }
    m_started = true;
    m_routerId = ChooseRouterId();
    NS_LOG_INFO("node " << m_node->GetId() << " instance " << m_instanceId << ": OSPF router id "
                        << RtmOspfDotted(m_routerId));
    for (const auto& kv : m_areaConfig)
    {
        GetOrCreateArea(kv.first);
    }
    if (!m_vlinkConfig.empty())
    {
        GetOrCreateArea(OSPF_BACKBONE);
    }
    uint32_t n = 0;
    for (const auto& v : m_vlinkConfig)
    {
        RtmOspfIfConfig cfg;
        cfg.area = OSPF_BACKBONE;
        cfg.type = RtmOspfNetworkType::Virtual;
        cfg.auth = v.auth;
        auto itf =
            std::make_unique<RtmOspfInterface>(this, RtmOspfInterface::kVirtualBase + n++, cfg);
        itf->transitArea = v.transitArea;
        itf->peerRouterId = v.peer;
        GetOrCreateArea(v.transitArea);
        m_vlinks.push_back(std::move(itf));
    }
    SyncInterfaces();
    for (const auto& kv : m_areas)
    {
        ScheduleRouterLsa(kv.first);
    }
    // Learn what to redistribute from the whole table once; then from notifications.
    RtmForEachBestDest(*m_reg, RTM_VIEW_MASK_UCAST, m_maxEnum, [&](const RtmDestInfo& info) {
        UpdateRedistributed(info);
    });
    ProcessChanges();
    if (!m_redistributed.empty())
    {
        m_externalEvent = Simulator::ScheduleNow(&RtmOspfClient::OriginateExternals, this);
    }
}

RtmStatus
RtmOspfClient::OnRtmEvent(const RtmEvent& event)
{
    if (!m_running)
    {
        return RtmStatus::NotSupported;
    }
    switch (event.type)
    {
    case RtmEventType::RouteExpired:
        return RtmStatus::NotSupported; // OSPF routes have no TTL
    case RtmEventType::ChangeNotification:
        if (m_started)
        {
            ProcessChanges();
        }
        return RtmStatus::Success;
    default:
        return RtmStatus::Success;
    }
}

void
RtmOspfClient::InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up)
{
    if (!m_running || !m_started || family != RTM_AF_INET)
    {
        return;
    }
    NS_LOG_FUNCTION(this << instance << interface << up);
    if (instance != m_instanceId || !up)
    {
        if (m_ifs.count(interface) != 0)
        {
            CloseInterface(interface);
        }
        return;
    }
    SyncInterfaces();
}

uint32_t
RtmOspfClient::ChooseRouterId() const
{
    if (m_routerIdAttr != Ipv4Address::GetAny())
    {
        return m_routerIdAttr.Get();
    }
    uint32_t loop = 0;
    uint32_t any = 0;
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        bool isLoop = i == 0 || DynamicCast<LoopbackNetDevice>(m_ipv4->GetNetDevice(i));
        if ((i == 0 && m_instanceId != 0) || (i != 0 && !m_instance->OwnsInterface(RTM_AF_INET, i)))
        {
            continue;
        }
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
        {
            uint32_t a = m_ipv4->GetAddress(i, j).GetLocal().Get();
            if ((a >> 24) == 127 || a == 0)
            {
                continue;
            }
            if (isLoop)
            {
                loop = std::max(loop, a);
            }
            else
            {
                any = std::max(any, a);
            }
        }
    }
    return loop != 0 ? loop : any;
}

RtmOspfArea&
RtmOspfClient::GetOrCreateArea(uint32_t id)
{
    auto it = m_areas.find(id);
    if (it == m_areas.end())
    {
        auto a = std::make_unique<RtmOspfArea>();
        a->id = id;
        auto c = m_areaConfig.find(id);
        if (c != m_areaConfig.end())
        {
            a->cfg = c->second;
        }
        it = m_areas.emplace(id, std::move(a)).first;
    }
    return *it->second;
}

RtmOspfArea*
RtmOspfClient::FindArea(uint32_t id)
{
    auto it = m_areas.find(id);
    return it == m_areas.end() ? nullptr : it->second.get();
}

const RtmOspfArea*
RtmOspfClient::FindArea(uint32_t id) const
{
    auto it = m_areas.find(id);
    return it == m_areas.end() ? nullptr : it->second.get();
}

bool
RtmOspfClient::IsOwnAddress(uint32_t address) const
{
    int32_t i = m_ipv4->GetInterfaceForAddress(Ipv4Address(address));
    return i >= 0 && (i == 0 || m_instance->OwnsInterface(RTM_AF_INET, static_cast<uint32_t>(i)));
}

// ------------------------------------------------------------------------------ interfaces

bool
RtmOspfClient::WantInterface(uint32_t interface) const
{
    return interface != 0 && m_excluded.count(interface) == 0 &&
           RtmIpv4InterfaceUsable(m_ipv4, interface) &&
           m_instance->OwnsInterface(RTM_AF_INET, interface);
}

void
RtmOspfClient::SyncInterfaces()
{
    std::vector<uint32_t> close;
    for (const auto& kv : m_ifs)
    {
        if (!WantInterface(kv.first))
        {
            close.push_back(kv.first);
        }
    }
    for (uint32_t i : close)
    {
        CloseInterface(i);
    }
    for (uint32_t i = 1; i < m_ipv4->GetNInterfaces(); ++i)
    {
        if (m_ifs.count(i) == 0 && WantInterface(i))
        {
            OpenInterface(i);
        }
    }
}

void
RtmOspfClient::OpenInterface(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    RtmOspfIfConfig cfg = GetInterfaceConfig(interface);
    auto itf = std::make_unique<RtmOspfInterface>(this, interface, cfg);
    Ptr<NetDevice> dev = m_ipv4->GetNetDevice(interface);
    if (itf->type == RtmOspfNetworkType::Auto || itf->type == RtmOspfNetworkType::Virtual)
    {
        itf->type = dev->IsPointToPoint() ? RtmOspfNetworkType::PointToPoint
                                          : RtmOspfNetworkType::Broadcast;
    }
    for (uint32_t j = 0; j < m_ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(interface, j);
        if (a.GetLocal() != Ipv4Address::GetAny() && a.GetScope() != Ipv4InterfaceAddress::HOST)
        {
            itf->address = a.GetLocal().Get();
            itf->mask = a.GetMask().Get();
            break;
        }
    }
    uint32_t cost = cfg.cost != 0 ? cfg.cost : m_ipv4->GetMetric(interface);
    itf->cost = static_cast<uint16_t>(std::min<uint32_t>(std::max<uint32_t>(cost, 1), 65535));
    itf->mtu = static_cast<uint16_t>(std::min<uint32_t>(m_ipv4->GetMtu(interface), 65535));
    GetOrCreateArea(cfg.area);
    if (!cfg.passive)
    {
        Ptr<Socket> s = Socket::CreateSocket(m_node, Ipv4RawSocketFactory::GetTypeId());
        s->SetAttribute("Protocol", UintegerValue(OSPF_IP_PROTOCOL));
        s->BindToNetDevice(dev);
        s->SetIpTos(0xc0); // precedence internetwork control (RFC 2328 A.1)
        s->SetRecvCallback(MakeCallback(&RtmOspfClient::Receive, this));
        itf->socket = s;
        m_socketIf[PeekPointer(s)] = itf.get();
    }
    RtmOspfInterface* raw = itf.get();
    m_ifs[interface] = std::move(itf);
    raw->Up();
}

void
RtmOspfClient::CloseInterface(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    auto it = m_ifs.find(interface);
    if (it == m_ifs.end())
    {
        return;
    }
    RtmOspfInterface& itf = *it->second;
    itf.Down();
    if (itf.socket)
    {
        itf.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        itf.socket->Close();
        m_socketIf.erase(PeekPointer(itf.socket));
        itf.socket = nullptr;
    }
    uint32_t area = itf.cfg.area;
    m_ifs.erase(it);
    ScheduleRouterLsa(area);
    ScheduleSpf();
}

// ------------------------------------------------------------------------------ state

Ipv4Address
RtmOspfClient::GetRouterId() const
{
    return Ipv4Address(m_routerId);
}

Ptr<RtmRegistration>
RtmOspfClient::GetRegistration() const
{
    return m_reg;
}

std::vector<RtmOspfClient::NeighborInfo>
RtmOspfClient::GetNeighbors() const
{
    std::vector<NeighborInfo> out;
    auto add = [&out](const RtmOspfInterface& itf) {
        for (const auto& kv : itf.nbrs)
        {
            const RtmOspfNeighbor& n = *kv.second;
            NeighborInfo i;
            i.interface = itf.index;
            i.routerId = Ipv4Address(n.routerId);
            i.address = Ipv4Address(n.address);
            i.state = n.state;
            i.priority = n.priority;
            i.dr = Ipv4Address(n.dr);
            i.bdr = Ipv4Address(n.bdr);
            out.push_back(i);
        }
    };
    for (const RtmOspfInterface* itf : AllInterfaces())
    {
        add(*itf);
    }
    return out;
}

uint32_t
RtmOspfClient::GetNFullNeighbors() const
{
    uint32_t n = 0;
    for (const auto& i : GetNeighbors())
    {
        n += i.state == RtmOspfNbrState::Full ? 1 : 0;
    }
    return n;
}

RtmOspfIfState
RtmOspfClient::GetInterfaceState(uint32_t interface) const
{
    auto it = m_ifs.find(interface);
    return it == m_ifs.end() ? RtmOspfIfState::Down : it->second->state;
}

Ipv4Address
RtmOspfClient::GetDr(uint32_t interface) const
{
    auto it = m_ifs.find(interface);
    return Ipv4Address(it == m_ifs.end() ? 0 : it->second->dr);
}

Ipv4Address
RtmOspfClient::GetBdr(uint32_t interface) const
{
    auto it = m_ifs.find(interface);
    return Ipv4Address(it == m_ifs.end() ? 0 : it->second->bdr);
}

std::vector<uint32_t>
RtmOspfClient::GetAreas() const
{
    std::vector<uint32_t> out;
    for (const auto& kv : m_areas)
    {
        out.push_back(kv.first);
    }
    return out;
}

std::vector<RtmOspfLsaHeader>
RtmOspfClient::GetLsdb(uint32_t area) const
{
    std::vector<RtmOspfLsaHeader> out;
    const RtmOspfLsdb* db = nullptr;
    if (area == kExternalScope)
    {
        db = &m_external;
    }
    else if (const RtmOspfArea* a = FindArea(area))
    {
        db = &a->lsdb;
    }
    if (db != nullptr)
    {
        Time now = Simulator::Now();
        for (const auto& kv : db->Entries())
        {
            out.push_back(RtmOspfLsdb::Header(kv.second, now));
        }
    }
    return out;
}

Ptr<const RtmOspfLsa>
RtmOspfClient::GetLsa(uint32_t area, const RtmOspfLsaKey& key) const
{
    const RtmOspfLsdb* db = nullptr;
    if (area == kExternalScope)
    {
        db = &m_external;
    }
    else if (const RtmOspfArea* a = FindArea(area))
    {
        db = &a->lsdb;
    }
    const RtmOspfLsdb::Entry* e = db == nullptr ? nullptr : db->Find(key);
    return e == nullptr ? nullptr : e->lsa;
}

const RtmOspfRoutingTable&
RtmOspfClient::GetRoutingTable() const
{
    return m_table;
}

bool
RtmOspfClient::IsAreaBorderRouter() const
{
    return m_abr;
}

RtmOspfNbrState
RtmOspfClient::GetVirtualLinkState(uint32_t n) const
{
    if (n >= m_vlinks.size() || m_vlinks[n]->nbrs.empty())
    {
        return RtmOspfNbrState::Down;
    }
    return m_vlinks[n]->nbrs.begin()->second->state;
}

uint64_t
RtmOspfClient::GetPacketsSent(RtmOspfPacketType type) const
{
    return m_sent[static_cast<size_t>(type)];
}

uint64_t
RtmOspfClient::GetPacketsReceived(RtmOspfPacketType type) const
{
    return m_recv[static_cast<size_t>(type)];
}

uint64_t
RtmOspfClient::GetBytesSent() const
{
    return m_bytesSent;
}

uint64_t
RtmOspfClient::GetDrops(RtmOspfDrop reason) const
{
    return reason < RtmOspfDrop::Count ? m_drops[static_cast<size_t>(reason)] : 0;
}

uint64_t
RtmOspfClient::GetTotalDrops() const
{
    uint64_t n = 0;
    for (uint64_t d : m_drops)
    {
        n += d;
    }
    return n;
}

uint64_t
RtmOspfClient::GetLsasOriginated() const
{
    return m_originated;
}

uint64_t
RtmOspfClient::GetLsasReceived() const
{
    return m_received;
}

uint64_t
RtmOspfClient::GetLsaRetransmissions() const
{
    return m_retransmitted;
}

uint64_t
RtmOspfClient::GetSpfRuns() const
{
    return m_spfRuns;
}

uint64_t
RtmOspfClient::GetRouteWrites() const
{
    return m_routeWrites;
}

uint32_t
RtmOspfClient::GetNRoutes() const
{
    return static_cast<uint32_t>(m_installed.size());
}

Time
RtmOspfClient::GetLastRouteChange() const
{
    return m_lastRouteChange;
}

void
RtmOspfClient::Print(std::ostream& os) const
{
    Time now = Simulator::Now();
    os << "OSPF router " << RtmOspfDotted(m_routerId) << " (node " << (m_node ? m_node->GetId() : 0)
       << " instance " << m_instanceId << ")" << (m_abr ? " ABR" : "") << "\n";
    auto printIf = [&os](const RtmOspfInterface& itf) {
        os << "  interface " << itf.index << " area " << RtmOspfDotted(itf.cfg.area) << " "
           << RtmOspfDotted(itf.address) << " cost " << itf.cost << " "
           << RtmOspfIfStateName(itf.state);
        if (itf.IsBroadcast())
        {
            os << " DR " << RtmOspfDotted(itf.dr) << " BDR " << RtmOspfDotted(itf.bdr);
        }
        if (itf.IsVirtual())
        {
            os << " virtual link via " << RtmOspfDotted(itf.transitArea) << " to "
               << RtmOspfDotted(itf.peerRouterId);
        }
        os << "\n";
        for (const auto& kv : itf.nbrs)
        {
            os << "    neighbour " << RtmOspfDotted(kv.second->routerId) << " "
               << RtmOspfDotted(kv.second->address) << " " << RtmOspfNbrStateName(kv.second->state)
               << "\n";
        }
    };
    for (const RtmOspfInterface* itf : AllInterfaces())
    {
        printIf(*itf);
    }
    auto printDb = [&os, now](const std::string& name, const RtmOspfLsdb& db) {
        os << "  database " << name << " (" << db.Size() << " LSAs)\n";
        for (const auto& kv : db.Entries())
        {
            os << "    " << RtmOspfLsdb::Header(kv.second, now) << "\n";
        }
    };
    for (const auto& kv : m_areas)
    {
        printDb("area " + RtmOspfDotted(kv.first), kv.second->lsdb);
    }
    printDb("AS-external", m_external);
    os << "  routes:\n";
    for (const auto& kv : m_table.networks)
    {
        os << "    " << kv.first << " " << kv.second << "\n";
    }
}

} // namespace ns3
