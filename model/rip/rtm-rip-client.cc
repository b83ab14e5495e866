/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 *
 * RIPv2 as an RTM client. The protocol keeps no routing table of its own: what it learned is in
 * the RTM (one route per destination and neighbour), and what it advertises is derived from the
 * RTM's best routes (the advertisement table m_adv is a cache of that, kept current by BEST
 * change notifications and re-read at every periodic update).
 */
#include "rtm-rip-client.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipClient");
NS_OBJECT_ENSURE_REGISTERED(RtmRipClient);

namespace
{
constexpr uint32_t kInfinity = RtmRipHeader::METRIC_INFINITY;
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
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmRipClient>()
            .AddAttribute("Preference",
                          "Preference of the routes RIP adds (lower is better; connected 1 < "
                          "static 3 < link-state 110 < RIP 120).",
                          UintegerValue(120),
                          MakeUintegerAccessor(&RtmRipClient::m_preference),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("UpdateInterval",
                          "Period of the unsolicited (periodic) updates (RFC 2453: 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&RtmRipClient::m_updateInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("UpdateJitter",
                          "Each periodic update is offset by a uniform random time in "
                          "[-UpdateJitter, +UpdateJitter] (RFC 2453 §3.8: up to 5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmRipClient::m_updateJitter),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TimeoutDelay",
                          "Route timeout: the TTL given to learned routes, restarted by each "
                          "re-advertisement (RFC 2453: 180 s).",
                          TimeValue(Seconds(180)),
                          MakeTimeAccessor(&RtmRipClient::m_timeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("GarbageCollectionDelay",
                          "Garbage-collection time: the RTM hold-down time of advertised "
                          "destinations, during which a lost destination is advertised with "
                          "metric 16 (RFC 2453: 120 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&RtmRipClient::m_garbage),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MinTriggeredCooldown",
                          "Minimum time between two triggered updates (RFC 2453: 1 s).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmRipClient::m_minCooldown),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MaxTriggeredCooldown",
                          "Maximum time between two triggered updates (RFC 2453: 5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmRipClient::m_maxCooldown),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StartupDelay",
                          "The protocol starts (requests, first update) after a uniform random "
                          "delay in [0, StartupDelay] after Start().",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmRipClient::m_startupDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "SplitHorizon",
                "Split-horizon mode: None, Simple (omit routes on the interface they "
                "use) or PoisonReverse (advertise them there with metric 16).",
                EnumValue(RtmRipClient::POISON_REVERSE),
                RtmMakeEnumAccessor<RtmRipClient::SplitHorizonMode>(&RtmRipClient::m_splitHorizon),
                MakeEnumChecker(RtmRipClient::NO_SPLIT_HORIZON,
                                "None",
                                RtmRipClient::SPLIT_HORIZON,
                                "Simple",
                                RtmRipClient::POISON_REVERSE,
                                "PoisonReverse"))
            .AddAttribute("DefaultInterfaceMetric",
                          "Metric added to routes received on an interface without its own "
                          "metric (SetInterfaceMetric).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRipClient::m_defaultMetric),
                          MakeUintegerChecker<uint8_t>(1, 15))
            .AddAttribute("RedistributedMetric",
                          "Metric with which routes of other clients (connected, static, ...) "
                          "are advertised; the receiver adds its interface metric.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRipClient::m_redistMetric),
                          MakeUintegerChecker<uint32_t>(1, 15))
            .AddAttribute("RedistributeConnected",
                          "Advertise destinations whose best route is a connected route.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmRipClient::m_redistConnected),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeStatic",
                          "Advertise destinations whose best route is a static route.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmRipClient::m_redistStatic),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeOther",
                          "Advertise destinations whose best route belongs to any other client "
                          "(not connected, static or this RIP).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmRipClient::m_redistOther),
                          MakeBooleanChecker())
            .AddAttribute("StrictHoldDown",
                          "true: a destination in RTM hold-down is advertised with metric 16 "
                          "until the hold ends, even if a new route arrived meanwhile (RTMv2 "
                          "hold-down). false: a new route is advertised at once (RFC 2453 "
                          "§3.9.2 garbage collection).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmRipClient::m_strictHold),
                          MakeBooleanChecker())
            .AddTraceSource("Malformed",
                            "A malformed RIP message was dropped.",
                            MakeTraceSourceAccessor(&RtmRipClient::m_malformedTrace),
                            "ns3::RtmRipClient::MalformedTracedCallback")
            .AddTraceSource("Tx",
                            "A RIP message was sent.",
                            MakeTraceSourceAccessor(&RtmRipClient::m_txTrace),
                            "ns3::RtmRipClient::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A well-formed RIP message was received.",
                            MakeTraceSourceAccessor(&RtmRipClient::m_rxTrace),
                            "ns3::RtmRipClient::MessageTracedCallback");
    return tid;
}

RtmRipClient::RtmRipClient()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

RtmRipClient::~RtmRipClient()
{
    Teardown();
}

void
RtmRipClient::Teardown()
{
    m_running = false;
    m_periodicEvent.Cancel();
    m_triggerEvent.Cancel();
    m_startupEvent.Cancel();
    for (auto& kv : m_sockets)
    {
        kv.second->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        kv.second->Close();
    }
    m_sockets.clear();
    m_socketIf.clear();
    if (m_reg)
    {
        m_reg->Deregister(); // the RTM removes the routes and next hops
    }
    m_reg = nullptr;
}

void
RtmRipClient::DoDispose()
{
    Teardown();
    m_learned.clear();
    m_byRoute.clear();
    m_hops.clear();
    m_adv.clear();
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_router = nullptr;
    m_instance = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

RtmStatus
RtmRipClient::Start(Ptr<Node> node, uint16_t instance)
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
    info.entityId.entityProtocolId = RTM_PROTO_IP_RIP;
    info.entityId.entityInstanceId = 0;
    RtmRegnProfile profile;
    RtmStatus st = m_instance->RegisterEntity(info,
                                              {},
                                              MakeCallback(&RtmRipClient::OnRtmEvent, this),
                                              false,
                                              profile,
                                              m_reg);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("RIP could not register with instance " << instance << ": " << st);
        m_reg = nullptr;
        return st;
    }
    m_reg->SetDefaultPreference(m_preference);
    m_self = m_reg->GetEntityHandle();
    m_maxEnum = std::max<uint32_t>(1, profile.maxHandlesInEnum);
    st = m_reg->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST,
                                              RTM_CHANGE_TYPE_BEST,
                                              0,
                                              m_notify);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("RIP could not register for change notification: " << st);
        m_reg->Deregister();
        m_reg = nullptr;
        return st;
    }
    // The router keeps a reference through the listener until it is disposed.
    m_router->AddInterfaceListener(
        MakeCallback(&RtmRipClient::InterfaceChanged, Ptr<RtmRipClient>(this)));
    m_running = true;
    m_startupPending = true;
    // The start-up delay is drawn when the simulation runs, so AssignStreams (called after
    // Install) decides it.
    RtmScheduleWithContext(node->GetId(), Seconds(0), [this]() {
        if (m_running)
        {
            Time delay = Seconds(m_rng->GetValue(0, m_startupDelay.GetSeconds()));
            m_startupEvent = Simulator::Schedule(delay, &RtmRipClient::Startup, this);
        }
    });
    return RtmStatus::Success;
}

void
RtmRipClient::ExcludeInterface(uint32_t interface)
{
    m_excluded.insert(interface);
    if (m_running && m_sockets.count(interface) != 0)
    {
        CloseInterface(interface);
    }
}

void
RtmRipClient::SetInterfaceMetric(uint32_t interface, uint8_t metric)
{
    m_metrics[interface] = std::min<uint8_t>(std::max<uint8_t>(metric, 1), kInfinity - 1);
}

uint8_t
RtmRipClient::GetInterfaceMetric(uint32_t interface) const
{
    auto it = m_metrics.find(interface);
    return it == m_metrics.end() ? m_defaultMetric : it->second;
}

int64_t
RtmRipClient::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

Ptr<RtmRegistration>
RtmRipClient::GetRegistration() const
{
    return m_reg;
}

uint16_t
RtmRipClient::GetInstanceId() const
{
    return m_instanceId;
}

std::vector<uint32_t>
RtmRipClient::GetRipInterfaces() const
{
    std::vector<uint32_t> out;
    for (const auto& kv : m_sockets)
    {
        out.push_back(kv.first);
    }
    return out;
}

uint32_t
RtmRipClient::GetNRoutes() const
{
    return static_cast<uint32_t>(m_learned.size());
}

uint32_t
RtmRipClient::GetNNextHops() const
{
    return static_cast<uint32_t>(m_hops.size());
}

uint64_t
RtmRipClient::GetUpdatesSent() const
{
    return m_updatesSent;
}

uint64_t
RtmRipClient::GetUpdatesReceived() const
{
    return m_updatesReceived;
}

uint64_t
RtmRipClient::GetPeriodicUpdates() const
{
    return m_periodic;
}

uint64_t
RtmRipClient::GetTriggeredUpdates() const
{
    return m_triggered;
}

uint64_t
RtmRipClient::GetRequestsSent() const
{
    return m_requestsSent;
}

uint64_t
RtmRipClient::GetRequestsReceived() const
{
    return m_requestsReceived;
}

uint64_t
RtmRipClient::GetMalformedCount() const
{
    return m_malformed;
}

uint64_t
RtmRipClient::GetIgnoredCount() const
{
    return m_ignored;
}

uint64_t
RtmRipClient::GetIgnoredEntries() const
{
    return m_ignoredEntries;
}

uint64_t
RtmRipClient::GetRoutesExpired() const
{
    return m_expired;
}

uint32_t
RtmRipClient::Ms(Time t)
{
    int64_t ms = t.GetMilliSeconds();
    if (ms < 1)
    {
        return 1;
    }
    if (ms >= static_cast<int64_t>(RTM_INFINITE))
    {
        return RTM_INFINITE - 1;
    }
    return static_cast<uint32_t>(ms);
}

// ---------------------------------------------------------------------- interfaces

bool
RtmRipClient::WantInterface(uint32_t interface) const
{
    if (interface == 0 || interface >= m_ipv4->GetNInterfaces() ||
        m_excluded.count(interface) != 0 || !m_ipv4->IsUp(interface) ||
        !m_instance->OwnsInterface(RTM_AF_INET, interface))
    {
        return false;
    }
    Ptr<NetDevice> dev = m_ipv4->GetNetDevice(interface);
    if (!dev || DynamicCast<LoopbackNetDevice>(dev))
    {
        return false;
    }
    for (uint32_t j = 0; j < m_ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(interface, j);
        if (a.GetLocal() != Ipv4Address::GetAny() && a.GetScope() != Ipv4InterfaceAddress::HOST)
        {
            return true;
        }
    }
    return false;
}

void
RtmRipClient::SyncInterfaces()
{
    std::vector<uint32_t> close;
    for (const auto& kv : m_sockets)
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
        if (m_sockets.count(i) == 0 && WantInterface(i))
        {
            OpenInterface(i);
        }
    }
}

void
RtmRipClient::OpenInterface(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    Ptr<Socket> s = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    // Bound to the device and to (any, 520): it receives the multicast updates of the link and
    // the unicast messages to this interface, and nothing from other interfaces.
    s->BindToNetDevice(m_ipv4->GetNetDevice(interface));
    if (s->Bind(InetSocketAddress(Ipv4Address::GetAny(), RIP_PORT)) != 0)
    {
        NS_LOG_WARN("cannot bind RIP socket on interface " << interface);
        s->Close();
        return;
    }
    s->SetRecvCallback(MakeCallback(&RtmRipClient::Receive, this));
    m_sockets[interface] = s;
    m_socketIf[PeekPointer(s)] = interface;
    SendRequest(interface);
    // The neighbours there have heard nothing from us yet: tell them everything soon.
    for (auto& kv : m_adv)
    {
        kv.second.changed = true;
    }
    ScheduleTriggered();
}

void
RtmRipClient::CloseInterface(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    auto it = m_sockets.find(interface);
    if (it != m_sockets.end())
    {
        it->second->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        it->second->Close();
        m_socketIf.erase(PeekPointer(it->second));
        m_sockets.erase(it);
    }
    // Routes through the interface are withdrawn: deleted, so they are held if armed.
    for (auto r = m_learned.begin(); r != m_learned.end();)
    {
        auto next = std::next(r);
        if (std::get<1>(r->first) == interface)
        {
            Forget(r);
        }
        r = next;
    }
}

void
RtmRipClient::InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up)
{
    if (!m_running || family != RTM_AF_INET)
    {
        return;
    }
    NS_LOG_FUNCTION(this << instance << interface << up);
    if (instance != m_instanceId || !up)
    {
        if (m_sockets.count(interface) != 0 || !up)
        {
            CloseInterface(interface);
        }
        return;
    }
    if (!m_startupPending)
    {
        SyncInterfaces();
    }
}

void
RtmRipClient::Startup()
{
    NS_LOG_FUNCTION(this);
    if (!m_running)
    {
        return;
    }
    m_startupPending = false;
    ReadTable();
    SyncInterfaces();
    ScheduleTriggered();
    m_periodicEvent = Simulator::Schedule(NextPeriodic(), &RtmRipClient::SendPeriodic, this);
}

Time
RtmRipClient::NextPeriodic()
{
    Time next = m_updateInterval +
                Seconds(m_rng->GetValue(-m_updateJitter.GetSeconds(), m_updateJitter.GetSeconds()));
    return std::max(next, MilliSeconds(1));
}

// ---------------------------------------------------------------------- receiving

bool
RtmRipClient::IsOwnAddress(Ipv4Address address) const
{
    // Own = an address of this virtual router: another instance of the node is a neighbour.
    int32_t i = m_ipv4->GetInterfaceForAddress(address);
    return i >= 0 && (i == 0 || m_instance->OwnsInterface(RTM_AF_INET, static_cast<uint32_t>(i)));
}

bool
RtmRipClient::IsOnLink(uint32_t iface, Ipv4Address address) const
{
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

void
RtmRipClient::Receive(Ptr<Socket> socket)
{
    auto sit = m_socketIf.find(PeekPointer(socket));
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (!m_running || sit == m_socketIf.end() || !InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        uint32_t iface = sit->second;
        InetSocketAddress in = InetSocketAddress::ConvertFrom(from);
        Ipv4Address src = in.GetIpv4();
        if (IsOwnAddress(src))
        {
            continue; // our own message (a broadcast medium may echo it)
        }
        RtmRipHeader h;
        std::string why;
        if (!RtmRipHeader::Parse(p, h, why))
        {
            ++m_malformed;
            NS_LOG_INFO("node " << m_node->GetId() << " drops a malformed RIP message from " << src
                                << " on interface " << iface << ": " << why);
            m_malformedTrace(p, src, iface, why);
            continue;
        }
        m_rxTrace(h, src, iface);
        if (h.GetCommand() == RtmRipHeader::REQUEST)
        {
            HandleRequest(h, src, in.GetPort(), iface);
        }
        else
        {
            HandleResponse(h, src, in.GetPort(), iface);
        }
    }
}

void
RtmRipClient::HandleRequest(const RtmRipHeader& h, Ipv4Address from, uint16_t port, uint32_t iface)
{
    ++m_requestsReceived;
    if (h.GetNEntries() == 0)
    {
        return; // RFC 2453 §3.9.1: no entries, no response
    }
    if (h.IsWholeTableRequest())
    {
        SendResponses(iface, BuildEntries(iface, true, nullptr), from, port, true);
        return;
    }
    // Specific entries: answer each with our metric, without split horizon (a diagnostic query).
    std::vector<RtmRipHeader::Entry> answer;
    for (auto e : h.GetEntries())
    {
        RtmNetAddress prefix = RtmNetAddress::FromIpv4(e.address, e.mask.GetPrefixLength());
        auto it = m_adv.find(prefix);
        e.metric = it != m_adv.end() ? it->second.metric : kInfinity;
        e.nextHop = Ipv4Address::GetAny();
        answer.push_back(e);
    }
    SendResponses(iface, answer, from, port, false);
}

bool
RtmRipClient::Carriable(const RtmNetAddress& prefix)
{
    if (prefix.addressFamily != RTM_AF_INET || !prefix.IsCanonical())
    {
        return false;
    }
    uint32_t a = prefix.GetIpv4().Get();
    uint32_t first = a >> 24;
    if (prefix.numBits == 0)
    {
        return true; // the default route
    }
    // "this network" 0/8, loopback 127/8, multicast, class E and broadcast never travel in RIP
    return first != 0 && first != 127 && first < 224;
}

void
RtmRipClient::HandleResponse(const RtmRipHeader& h, Ipv4Address from, uint16_t port, uint32_t iface)
{
    // RFC 2453 §3.9.2: only from the RIP port of a neighbour on the link.
    if (port != RIP_PORT || !IsOnLink(iface, from))
    {
        ++m_ignored;
        NS_LOG_INFO("node " << m_node->GetId() << " ignores a response from " << from << ":" << port
                            << " on interface " << iface);
        return;
    }
    ++m_updatesReceived;
    uint32_t cost = GetInterfaceMetric(iface);
    for (const auto& e : h.GetEntries())
    {
        RtmNetAddress prefix = RtmNetAddress::FromIpv4(e.address, e.mask.GetPrefixLength());
        if (!Carriable(prefix))
        {
            ++m_ignoredEntries;
            continue;
        }
        uint32_t metric = std::min<uint32_t>(e.metric + cost, kInfinity);
        Ipv4Address nextHop = from;
        if (e.nextHop != Ipv4Address::GetAny() && IsOnLink(iface, e.nextHop) &&
            !IsOwnAddress(e.nextHop))
        {
            nextHop = e.nextHop; // RFC 2453 §4.4: a better next hop on the same link
        }
        Learn(prefix, iface, from.Get(), nextHop.Get(), metric, e.tag);
    }
}

RtmNextHopHandle
RtmRipClient::RefHop(uint32_t iface, uint32_t address)
{
    Hop& h = m_hops[{iface, address}];
    if (h.uses == 0)
    {
        RtmNextHopInfo info;
        info.nextHopAddress = RtmNetAddress::FromIpv4(Ipv4Address(address));
        info.interfaceIndex = iface;
        uint32_t cf = 0;
        RtmStatus st = m_reg->AddNextHop(info, h.handle, cf);
        if (st != RtmStatus::Success)
        {
            NS_LOG_WARN("AddNextHop " << Ipv4Address(address) << " on " << iface << ": " << st);
            m_hops.erase({iface, address});
            return RtmNextHopHandle();
        }
    }
    ++h.uses;
    return h.handle;
}

void
RtmRipClient::UnrefHop(uint32_t iface, uint32_t address)
{
    auto it = m_hops.find({iface, address});
    if (it == m_hops.end())
    {
        return;
    }
    if (--it->second.uses == 0)
    {
        m_reg->DeleteNextHop(it->second.handle);
        m_hops.erase(it);
    }
}

void
RtmRipClient::Learn(const RtmNetAddress& prefix,
                    uint32_t iface,
                    uint32_t neighbour,
                    uint32_t nextHop,
                    uint32_t metric,
                    uint16_t tag)
{
    LearnedKey key(prefix, iface, neighbour);
    auto it = m_learned.find(key);
    if (metric >= kInfinity)
    {
        if (it != m_learned.end())
        {
            NS_LOG_LOGIC("node " << m_node->GetId() << ": " << prefix << " via "
                                 << Ipv4Address(neighbour) << " is unreachable");
            Forget(it);
        }
        return;
    }
    Learned l;
    bool fresh = it == m_learned.end();
    if (!fresh)
    {
        l = it->second;
    }
    bool newNextHop = fresh || l.nextHopAddress != nextHop;
    if (fresh)
    {
        l.neighbour = RefHop(iface, neighbour);
        if (l.neighbour.IsNull())
        {
            return;
        }
    }
    uint32_t oldNextHop = l.nextHopAddress;
    if (newNextHop)
    {
        l.nextHop = RefHop(iface, nextHop);
        if (l.nextHop.IsNull())
        {
            if (fresh)
            {
                UnrefHop(iface, neighbour);
            }
            return;
        }
        l.nextHopAddress = nextHop;
    }
    RtmRouteInfo info;
    info.neighbour = l.neighbour;
    info.nextHops = {l.nextHop};
    info.prefInfo.metric = metric;
    info.prefInfo.preference = 0; // the registration's default (Preference)
    info.belongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    info.flags = RTM_ROUTE_FLAGS_REMOTE;
    info.entitySpecificInfo = tag;
    uint32_t cf = 0;
    RtmRouteHandle route = l.route;
    RtmStatus st =
        m_reg->AddRouteToDest(route, prefix, info, Ms(m_timeout), RtmRouteListHandle(), cf);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": AddRouteToDest " << prefix << ": " << st);
        if (newNextHop)
        {
            UnrefHop(iface, nextHop);
        }
        if (fresh)
        {
            UnrefHop(iface, neighbour);
        }
        return;
    }
    if (newNextHop && !fresh)
    {
        UnrefHop(iface, oldNextHop);
    }
    l.route = route;
    l.metric = metric;
    l.tag = tag;
    m_learned[key] = l;
    m_byRoute[route] = key;
}

void
RtmRipClient::Forget(std::map<LearnedKey, Learned>::iterator it)
{
    uint32_t iface = std::get<1>(it->first);
    uint32_t neighbour = std::get<2>(it->first);
    Learned l = it->second;
    m_byRoute.erase(l.route);
    m_learned.erase(it);
    uint32_t cf = 0;
    m_reg->DeleteRouteToDest(l.route, cf); // held by the RTM if it was the last, armed route
    UnrefHop(iface, l.nextHopAddress);
    UnrefHop(iface, neighbour);
}

// ---------------------------------------------------------------------- RTM events

RtmStatus
RtmRipClient::OnRtmEvent(const RtmEvent& event)
{
    if (!m_running)
    {
        return RtmStatus::NotSupported;
    }
    switch (event.type)
    {
    case RtmEventType::RouteExpired: {
        auto k = m_byRoute.find(event.route);
        if (k == m_byRoute.end())
        {
            return RtmStatus::NotSupported; // not one we know: let the RTM delete it
        }
        auto it = m_learned.find(k->second);
        ++m_expired;
        NS_LOG_LOGIC("node " << m_node->GetId() << ": route to " << std::get<0>(k->second)
                             << " via " << Ipv4Address(std::get<2>(k->second)) << " timed out");
        // Unreachable now: deleting it makes it the destination's hold route (garbage
        // collection) if it was the last one.
        if (it != m_learned.end())
        {
            Forget(it);
        }
        return RtmStatus::Success;
    }
    case RtmEventType::ChangeNotification:
        ProcessChanges();
        return RtmStatus::Success;
    default:
        return RtmStatus::Success;
    }
}

void
RtmRipClient::ProcessChanges()
{
    if (!m_reg)
    {
        return;
    }
    bool changed = false;
    for (;;)
    {
        uint32_t num = m_maxEnum;
        std::vector<RtmDestInfo> dests;
        RtmStatus st = m_reg->GetChangedDests(m_notify, num, dests);
        for (uint32_t i = 0; i < num && i < dests.size(); ++i)
        {
            changed = UpdateAdv(dests[i]) || changed;
        }
        if (st != RtmStatus::Success || num == 0)
        {
            break;
        }
    }
    if (changed)
    {
        ScheduleTriggered();
    }
}

bool
RtmRipClient::PolicyAllows(RtmEntityHandle owner)
{
    if (owner == m_self)
    {
        return true;
    }
    auto it = m_protocolOf.find(owner);
    uint32_t protocol = 0;
    if (it != m_protocolOf.end())
    {
        protocol = it->second;
    }
    else
    {
        RtmEntityInfo info;
        if (m_reg->GetEntityInfo(owner, info) != RtmStatus::Success)
        {
            return false;
        }
        protocol = info.entityId.entityProtocolId;
        m_protocolOf[owner] = protocol;
    }
    switch (protocol)
    {
    case RTM_PROTO_IP_LOCAL:
        return m_redistConnected;
    case RTM_PROTO_IP_NETMGMT:
        return m_redistStatic;
    default:
        return m_redistOther;
    }
}

bool
RtmRipClient::ComputeAdv(const RtmDestInfo& info, Adv& adv)
{
    if (!Carriable(info.destAddress))
    {
        return false;
    }
    const RtmViewInfo* block = nullptr;
    for (const auto& v : info.viewInfo)
    {
        if (v.viewId == RTM_VIEW_ID_UCAST)
        {
            block = &v;
        }
    }
    if (block == nullptr)
    {
        return false;
    }
    adv.dest = info.destHandle;
    adv.held = !block->holdRoute.IsNull();
    bool live = !block->route.IsNull();
    if (adv.held && (m_strictHold || !live))
    {
        adv.state = AdvState::Held;
        adv.metric = kInfinity;
        return true;
    }
    if (!live)
    {
        return false;
    }
    RtmRouteInfo ri;
    if (m_reg->GetRouteInfo(block->route, &ri) != RtmStatus::Success)
    {
        return false;
    }
    const uint16_t never = RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOOPBACK |
                           RTM_ROUTE_FLAGS_MARTIAN | RTM_ROUTE_FLAGS_BLACKHOLE |
                           RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_INACTIVE |
                           RTM_ROUTE_FLAGS_ANY_MCAST | RTM_ROUTE_FLAGS_ANY_BCAST;
    if ((ri.flags & never) != 0)
    {
        return false;
    }
    bool own = block->owner == m_self;
    if (!own && !PolicyAllows(block->owner))
    {
        return false;
    }
    adv.state = AdvState::Reachable;
    adv.metric = own ? std::min<uint32_t>(ri.prefInfo.metric, kInfinity) : m_redistMetric;
    if (adv.metric >= kInfinity)
    {
        return false;
    }
    adv.tag = own ? static_cast<uint16_t>(ri.entitySpecificInfo & 0xffff) : 0;
    adv.connected = (ri.flags & RTM_ROUTE_FLAGS_LOCAL) != 0;
    adv.via.clear();
    for (const auto& nh : ri.nextHops)
    {
        RtmNextHopInfo ni;
        if (m_reg->GetNextHopInfo(nh, ni) == RtmStatus::Success &&
            (ni.flags & RTM_NEXTHOP_FLAGS_REMOTE) == 0)
        {
            adv.via.insert(ni.interfaceIndex);
        }
    }
    return true;
}

bool
RtmRipClient::DropAdv(const RtmNetAddress& prefix)
{
    auto it = m_adv.find(prefix);
    if (it == m_adv.end())
    {
        return false;
    }
    Adv& a = it->second;
    switch (a.state)
    {
    case AdvState::Reachable:
        // Not held by the RTM (policy, or never armed): poison it for the GC time ourselves.
        a.state = AdvState::Withdrawn;
        a.metric = kInfinity;
        a.via.clear();
        a.connected = false;
        a.held = false;
        a.until = Simulator::Now() + m_garbage;
        a.changed = true;
        return true;
    case AdvState::Held:
        m_adv.erase(it); // the hold, our garbage collection, is over
        return false;
    case AdvState::Withdrawn:
        return false;
    }
    return false;
}

bool
RtmRipClient::UpdateAdv(const RtmDestInfo& info)
{
    Adv n;
    if (!ComputeAdv(info, n))
    {
        return DropAdv(info.destAddress);
    }
    auto it = m_adv.find(info.destAddress);
    if (it == m_adv.end())
    {
        n.changed = true;
        m_adv[info.destAddress] = n;
        return true;
    }
    Adv& o = it->second;
    bool differs = o.state != n.state || o.metric != n.metric || o.tag != n.tag || o.via != n.via ||
                   o.connected != n.connected;
    n.changed = o.changed || differs;
    o = n;
    return differs;
}

void
RtmRipClient::ReadTable()
{
    if (!m_reg)
    {
        return;
    }
    std::set<RtmNetAddress> seen;
    RtmEnumHandle e;
    bool changed = false;
    if (m_reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, e) ==
        RtmStatus::Success)
    {
        for (;;)
        {
            uint32_t num = m_maxEnum;
            std::vector<RtmDestInfo> dests;
            RtmStatus st = m_reg->GetEnumDests(e, num, dests);
            for (uint32_t i = 0; i < num && i < dests.size(); ++i)
            {
                RtmDestInfo info;
                if (m_reg->GetDestInfo(dests[i].destHandle,
                                       RTM_BEST_PROTOCOL,
                                       RTM_VIEW_MASK_UCAST,
                                       info) != RtmStatus::Success)
                {
                    continue;
                }
                seen.insert(info.destAddress);
                changed = UpdateAdv(info) || changed;
            }
            if (st != RtmStatus::Success || num == 0)
            {
                break;
            }
        }
        m_reg->DeleteEnumHandle(e);
    }
    std::vector<RtmNetAddress> gone;
    for (const auto& kv : m_adv)
    {
        if (seen.count(kv.first) == 0)
        {
            gone.push_back(kv.first);
        }
    }
    for (const auto& p : gone)
    {
        changed = DropAdv(p) || changed;
    }
    // Withdrawn advertisements end after the garbage-collection time.
    Time now = Simulator::Now();
    for (auto it = m_adv.begin(); it != m_adv.end();)
    {
        if (it->second.state == AdvState::Withdrawn && it->second.until <= now)
        {
            it = m_adv.erase(it);
        }
        else
        {
            ++it;
        }
    }
    (void)changed;
}

// ---------------------------------------------------------------------- sending

void
RtmRipClient::ScheduleTriggered()
{
    if (!m_running || RtmIsPending(m_triggerEvent) || m_startupPending)
    {
        return;
    }
    Time delay = std::max(Seconds(0), m_cooldownEnd - Simulator::Now());
    m_triggerEvent = Simulator::Schedule(delay, &RtmRipClient::SendTriggered, this);
}

void
RtmRipClient::SendTriggered()
{
    if (!m_running)
    {
        return;
    }
    bool any =
        std::any_of(m_adv.begin(), m_adv.end(), [](const auto& kv) { return kv.second.changed; });
    if (!any)
    {
        return;
    }
    ++m_triggered;
    SendUpdate(false);
    m_cooldownEnd = Simulator::Now() +
                    Seconds(m_rng->GetValue(m_minCooldown.GetSeconds(),
                                            std::max(m_minCooldown, m_maxCooldown).GetSeconds()));
}

void
RtmRipClient::SendPeriodic()
{
    if (!m_running)
    {
        return;
    }
    ++m_periodic;
    SyncInterfaces();
    ReadTable();
    SendUpdate(true);
    m_periodicEvent = Simulator::Schedule(NextPeriodic(), &RtmRipClient::SendPeriodic, this);
}

void
RtmRipClient::SendUpdate(bool all)
{
    std::set<RtmNetAddress> advertised;
    for (const auto& kv : m_sockets)
    {
        std::vector<RtmRipHeader::Entry> entries = BuildEntries(kv.first, all, &advertised);
        if (!entries.empty())
        {
            SendResponses(kv.first, entries, RipGroup(), RIP_PORT, false);
        }
    }
    for (auto& kv : m_adv)
    {
        kv.second.changed = false;
    }
    // Arm hold-down on what was advertised as reachable: if its last route goes, the RTM keeps
    // it as the hold route for the garbage-collection time.
    for (const auto& p : advertised)
    {
        auto it = m_adv.find(p);
        if (it != m_adv.end() && it->second.state == AdvState::Reachable && !it->second.held)
        {
            m_reg->HoldDestination(it->second.dest, RTM_VIEW_MASK_UCAST, Ms(m_garbage));
        }
    }
}

std::vector<RtmRipHeader::Entry>
RtmRipClient::BuildEntries(uint32_t iface, bool all, std::set<RtmNetAddress>* armed)
{
    std::vector<RtmRipHeader::Entry> out;
    for (const auto& kv : m_adv)
    {
        const Adv& a = kv.second;
        if (!all && !a.changed)
        {
            continue;
        }
        bool back = a.via.count(iface) != 0;
        if (a.connected && back)
        {
            continue; // the subnet of this very interface: the neighbours have it connected
        }
        uint32_t metric = a.metric;
        if (back && metric < kInfinity)
        {
            if (m_splitHorizon == SPLIT_HORIZON)
            {
                continue;
            }
            if (m_splitHorizon == POISON_REVERSE)
            {
                metric = kInfinity;
            }
        }
        RtmRipHeader::Entry e;
        e.afi = RtmRipHeader::AFI_INET;
        e.tag = a.tag;
        e.address = kv.first.GetIpv4();
        e.mask = Ipv4Mask(kv.first.numBits == 0 ? 0u : 0xffffffffu << (32 - kv.first.numBits));
        e.nextHop = Ipv4Address::GetAny();
        e.metric = metric;
        out.push_back(e);
        if (armed != nullptr && a.state == AdvState::Reachable)
        {
            armed->insert(kv.first);
        }
    }
    return out;
}

void
RtmRipClient::SendResponses(uint32_t iface,
                            const std::vector<RtmRipHeader::Entry>& entries,
                            Ipv4Address to,
                            uint16_t port,
                            bool sendEmpty)
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    for (const auto& e : entries)
    {
        if (!h.AddEntry(e))
        {
            SendMessage(iface, h, to, port);
            h.ClearEntries();
            h.AddEntry(e);
        }
    }
    if (h.GetNEntries() > 0 || sendEmpty)
    {
        SendMessage(iface, h, to, port);
    }
}

void
RtmRipClient::SendRequest(uint32_t iface)
{
    RtmRipHeader h;
    h.SetWholeTableRequest();
    SendMessage(iface, h, RipGroup(), RIP_PORT);
}

void
RtmRipClient::SendMessage(uint32_t iface, const RtmRipHeader& h, Ipv4Address to, uint16_t port)
{
    auto it = m_sockets.find(iface);
    if (it == m_sockets.end())
    {
        return;
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    if (to.IsMulticast())
    {
        SocketIpTtlTag ttl;
        ttl.SetTtl(1);
        p->AddPacketTag(ttl);
    }
    if (it->second->SendTo(p, 0, InetSocketAddress(to, port)) < 0)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": cannot send RIP on interface " << iface);
        return;
    }
    if (h.GetCommand() == RtmRipHeader::REQUEST)
    {
        ++m_requestsSent;
    }
    else
    {
        ++m_updatesSent;
    }
    m_txTrace(h, to, iface);
}

// ---------------------------------------------------------------------- printing

void
RtmRipClient::Print(std::ostream& os) const
{
    os << "RIP of node " << (m_node ? m_node->GetId() : 0) << " instance " << m_instanceId
       << ": interfaces";
    for (const auto& kv : m_sockets)
    {
        os << " " << kv.first << "(metric " << static_cast<uint32_t>(GetInterfaceMetric(kv.first))
           << ")";
    }
    os << "\n  advertised:\n";
    for (const auto& kv : m_adv)
    {
        const Adv& a = kv.second;
        os << "    " << kv.first << " metric " << a.metric << " "
           << (a.state == AdvState::Reachable ? "reachable"
               : a.state == AdvState::Held    ? "held"
                                              : "withdrawn");
        if (!a.via.empty())
        {
            os << " via if";
            for (uint32_t i : a.via)
            {
                os << " " << i;
            }
        }
        os << "\n";
    }
    os << "  learned:\n";
    for (const auto& kv : m_learned)
    {
        os << "    " << std::get<0>(kv.first) << " from " << Ipv4Address(std::get<2>(kv.first))
           << " if " << std::get<1>(kv.first) << " metric " << kv.second.metric << "\n";
    }
}

} // namespace ns3
