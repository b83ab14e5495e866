/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The protocol engine RIPv2 and RIPng share, as an RTM client. It keeps no routing table of its
 * own: what it learned is in the RTM (one route per destination and neighbour), and what it
 * advertises is derived from the RTM's best routes (the advertisement table m_adv is a cache of
 * that, kept current by BEST change notifications and re-read at every periodic update).
 *
 * Invariants: every entry of m_learned is a live RTM route of this registration, and m_byRoute
 * is its inverse; every next hop in m_hops is used (uses > 0) by the neighbour or next-hop field
 * of at least one learned route; a socket exists exactly for the interfaces WantInterface
 * accepts (re-checked at start-up, on interface events and at every periodic update).
 */
#include "rtm-rip-base.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/rtm-client-base.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipBase");
NS_OBJECT_ENSURE_REGISTERED(RtmRipBase);

namespace
{
constexpr uint32_t kInfinity = RtmRipBase::METRIC_INFINITY;
} // namespace

std::string
RtmRipDropReasonName(RtmRipDropReason reason)
{
    switch (reason)
    {
    case RtmRipDropReason::Short:
        return "short";
    case RtmRipDropReason::BadCommand:
        return "bad-command";
    case RtmRipDropReason::BadVersion:
        return "bad-version";
    case RtmRipDropReason::NonZeroHeader:
        return "non-zero-header";
    case RtmRipDropReason::BadLength:
        return "bad-length";
    case RtmRipDropReason::Oversized:
        return "oversized";
    case RtmRipDropReason::BadSourcePort:
        return "bad-source-port";
    case RtmRipDropReason::NotNeighbour:
        return "not-neighbour";
    case RtmRipDropReason::BadHopLimit:
        return "bad-hop-limit";
    case RtmRipDropReason::AuthMissing:
        return "auth-missing";
    case RtmRipDropReason::AuthMismatch:
        return "auth-mismatch";
    case RtmRipDropReason::AuthBadDigest:
        return "auth-bad-digest";
    case RtmRipDropReason::AuthReplay:
        return "auth-replay";
    case RtmRipDropReason::AuthUnexpected:
        return "auth-unexpected";
    case RtmRipDropReason::RequestRateLimit:
        return "request-rate-limit";
    case RtmRipDropReason::BadAddressFamily:
        return "bad-address-family";
    case RtmRipDropReason::BadMetric:
        return "bad-metric";
    case RtmRipDropReason::BadMask:
        return "bad-mask";
    case RtmRipDropReason::HostBits:
        return "host-bits";
    case RtmRipDropReason::NextHopOffLink:
        return "next-hop-off-link";
    case RtmRipDropReason::NotCarried:
        return "not-carried";
    case RtmRipDropReason::Count:
        break;
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, RtmRipDropReason reason)
{
    return os << RtmRipDropReasonName(reason);
}

TypeId
RtmRipBase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmRipBase")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddAttribute("Preference",
                          "Preference of the routes RIP adds (lower is better; connected 1 < "
                          "static 3 < link-state 110 < RIP 120).",
                          UintegerValue(120),
                          MakeUintegerAccessor(&RtmRipBase::m_preference),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("UpdateInterval",
                          "Period of the unsolicited (periodic) updates (RFC 2453/2080: 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&RtmRipBase::m_updateInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("UpdateJitter",
                          "Each periodic update is offset by a uniform random time in "
                          "[-UpdateJitter, +UpdateJitter] (RFC 2453 §3.8: up to 5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmRipBase::m_updateJitter),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TimeoutDelay",
                          "Route timeout: the TTL given to learned routes, restarted by each "
                          "re-advertisement (RFC 2453: 180 s).",
                          TimeValue(Seconds(180)),
                          MakeTimeAccessor(&RtmRipBase::m_timeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("GarbageCollectionDelay",
                          "Garbage-collection time: the RTM hold-down time of advertised "
                          "destinations, during which a lost destination is advertised with "
                          "metric 16 (RFC 2453: 120 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&RtmRipBase::m_garbage),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MinTriggeredCooldown",
                          "Minimum time between two triggered updates (RFC 2453: 1 s).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmRipBase::m_minCooldown),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MaxTriggeredCooldown",
                          "Maximum time between two triggered updates (RFC 2453: 5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmRipBase::m_maxCooldown),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StartupDelay",
                          "The protocol starts (requests, first update) after a uniform random "
                          "delay in [0, StartupDelay] after Start().",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmRipBase::m_startupDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "SplitHorizon",
                "Split-horizon mode: None, Simple (omit routes on the interface they "
                "use) or PoisonReverse (advertise them there with metric 16).",
                EnumValue(RtmRipBase::POISON_REVERSE),
                RtmMakeEnumAccessor<RtmRipBase::SplitHorizonMode>(&RtmRipBase::m_splitHorizon),
                MakeEnumChecker(RtmRipBase::NO_SPLIT_HORIZON,
                                "None",
                                RtmRipBase::SPLIT_HORIZON,
                                "Simple",
                                RtmRipBase::POISON_REVERSE,
                                "PoisonReverse"))
            .AddAttribute("DefaultInterfaceMetric",
                          "Metric added to routes received on an interface without its own "
                          "metric (SetInterfaceMetric).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRipBase::m_defaultMetric),
                          MakeUintegerChecker<uint8_t>(1, 15))
            .AddAttribute("RedistributedMetric",
                          "Metric with which routes of other clients (connected, static, ...) "
                          "are advertised; the receiver adds its interface metric.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRipBase::m_redistMetric),
                          MakeUintegerChecker<uint32_t>(1, 15))
            .AddAttribute("RedistributedTag",
                          "Route tag with which routes of other clients (connected, static, ...) "
                          "are advertised (RFC 2453 §3.4: marks external routes; RIP routes keep "
                          "the tag they were learned with).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmRipBase::m_redistTag),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("RedistributeConnected",
                          "Advertise destinations whose best route is a connected route.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmRipBase::m_redistConnected),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeStatic",
                          "Advertise destinations whose best route is a static route.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmRipBase::m_redistStatic),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeOther",
                          "Advertise destinations whose best route belongs to any other client "
                          "(not connected, static or this RIP).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmRipBase::m_redistOther),
                          MakeBooleanChecker())
            .AddAttribute("StrictHoldDown",
                          "false (RFC 2453 §3.9.2): a destination in RTM hold-down is advertised "
                          "with metric 16 only while it has no live route; a new route is "
                          "advertised at once. true (RTMv2 hold-down): metric 16 until the hold "
                          "ends, even if a new route arrived meanwhile (it forwards at once).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmRipBase::m_strictHold),
                          MakeBooleanChecker())
            .AddAttribute("RequestRate",
                          "Requests answered per second and interface on average (token bucket; "
                          "further requests are dropped as request-rate-limit).",
                          DoubleValue(10.0),
                          MakeDoubleAccessor(&RtmRipBase::m_requestRate),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("RequestBurst",
                          "Requests answered at once per interface (the token bucket's depth).",
                          UintegerValue(20),
                          MakeUintegerAccessor(&RtmRipBase::m_requestBurst),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Drop",
                            "A received message, or one entry of it, was dropped.",
                            MakeTraceSourceAccessor(&RtmRipBase::m_dropTrace),
                            "ns3::RtmRipBase::DropTracedCallback");
    return tid;
}

RtmRipBase::RtmRipBase(uint16_t family)
    : m_family(family),
      m_rng(CreateObject<UniformRandomVariable>())
{
}

RtmRipBase::~RtmRipBase()
{
    Teardown();
}

void
RtmRipBase::Teardown()
{
    m_running = false;
    m_periodicEvent.Cancel();
    m_triggerEvent.Cancel();
    m_startupEvent.Cancel();
    for (auto& kv : m_sockets)
    {
        kv.second->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        CloseSocket(kv.first, kv.second);
    }
    m_sockets.clear();
    m_socketIf.clear();
    if (m_listening && m_router)
    {
        m_router->RemoveInterfaceListener(MakeCallback(&RtmRipBase::InterfaceChanged, this));
    }
    m_listening = false;
    if (m_reg)
    {
        m_reg->Deregister(); // the RTM removes the routes and next hops
    }
    m_reg = nullptr;
}

void
RtmRipBase::DoDispose()
{
    Teardown();
    m_learned.clear();
    m_byRoute.clear();
    m_hops.clear();
    m_adv.clear();
    m_node = nullptr;
    m_router = nullptr;
    m_instance = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

RtmStatus
RtmRipBase::Start(Ptr<Node> node, uint16_t instance)
{
    NS_LOG_FUNCTION(this << node << instance);
    if (m_reg || !node)
    {
        return m_reg ? RtmStatus::AlreadyExists : RtmStatus::InvalidParameter;
    }
    m_node = node;
    m_router = node->GetObject<RtmRouter>();
    if (!m_router || !AttachIp(node))
    {
        NS_LOG_WARN("node " << node->GetId() << " has no IP stack of family " << m_family
                            << " or no RTM router");
        return RtmStatus::InvalidParameter;
    }
    m_instanceId = instance;
    m_instance = m_router->CreateInstance(instance);
    RtmEntityInfo info;
    info.rtmInstanceId = instance;
    info.addressFamily = m_family;
    info.entityId.entityProtocolId = RTM_PROTO_IP_RIP;
    info.entityId.entityInstanceId = 0;
    RtmRegnProfile profile;
    RtmStatus st = m_instance->RegisterEntity(info,
                                              {},
                                              MakeCallback(&RtmRipBase::OnRtmEvent, this),
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
    m_router->AddInterfaceListener(MakeCallback(&RtmRipBase::InterfaceChanged, this));
    m_listening = true;
    m_running = true;
    m_startupPending = true;
    // The start-up delay is drawn when the simulation runs, so AssignStreams (called after
    // Install) decides it.
    RtmScheduleWithContext(node->GetId(), Seconds(0), [this]() {
        if (m_running)
        {
            Time delay = Seconds(m_rng->GetValue(0, m_startupDelay.GetSeconds()));
            m_startupEvent = Simulator::Schedule(delay, &RtmRipBase::Startup, this);
        }
    });
    return RtmStatus::Success;
}

void
RtmRipBase::ExcludeInterface(uint32_t interface)
{
    m_excluded.insert(interface);
    if (m_running && m_sockets.count(interface) != 0)
    {
        CloseInterface(interface);
    }
}

void
RtmRipBase::SetInterfaceMetric(uint32_t interface, uint8_t metric)
{
    m_metrics[interface] = std::min<uint8_t>(std::max<uint8_t>(metric, 1), kInfinity - 1);
}

uint8_t
RtmRipBase::GetInterfaceMetric(uint32_t interface) const
{
    auto it = m_metrics.find(interface);
    return it == m_metrics.end() ? m_defaultMetric : it->second;
}

int64_t
RtmRipBase::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint16_t
RtmRipBase::GetFamily() const
{
    return m_family;
}

Ptr<RtmRegistration>
RtmRipBase::GetRegistration() const
{
    return m_reg;
}

uint16_t
RtmRipBase::GetInstanceId() const
{
    return m_instanceId;
}

std::vector<uint32_t>
RtmRipBase::GetRipInterfaces() const
{
    std::vector<uint32_t> out;
    for (const auto& kv : m_sockets)
    {
        out.push_back(kv.first);
    }
    return out;
}

uint32_t
RtmRipBase::GetNRoutes() const
{
    return static_cast<uint32_t>(m_learned.size());
}

uint32_t
RtmRipBase::GetNNextHops() const
{
    return static_cast<uint32_t>(m_hops.size());
}

uint64_t
RtmRipBase::GetUpdatesSent() const
{
    return m_updatesSent;
}

uint64_t
RtmRipBase::GetUpdatesReceived() const
{
    return m_updatesReceived;
}

uint64_t
RtmRipBase::GetPeriodicUpdates() const
{
    return m_periodic;
}

uint64_t
RtmRipBase::GetTriggeredUpdates() const
{
    return m_triggered;
}

uint64_t
RtmRipBase::GetRequestsSent() const
{
    return m_requestsSent;
}

uint64_t
RtmRipBase::GetRequestsReceived() const
{
    return m_requestsReceived;
}

uint64_t
RtmRipBase::GetRoutesExpired() const
{
    return m_expired;
}

uint64_t
RtmRipBase::GetDropCount(RtmRipDropReason reason) const
{
    std::size_t i = static_cast<std::size_t>(reason);
    return i < m_drops.size() ? m_drops[i] : 0;
}

uint64_t
RtmRipBase::GetDropCount() const
{
    uint64_t n = 0;
    for (uint64_t d : m_drops)
    {
        n += d;
    }
    return n;
}

Ptr<Node>
RtmRipBase::GetNode() const
{
    return m_node;
}

Ptr<RtmInstance>
RtmRipBase::GetInstance() const
{
    return m_instance;
}

bool
RtmRipBase::InterfaceOfSocket(Ptr<Socket> socket, uint32_t& interface) const
{
    auto it = m_socketIf.find(PeekPointer(socket));
    if (it == m_socketIf.end())
    {
        return false;
    }
    interface = it->second;
    return true;
}

Ptr<Socket>
RtmRipBase::SocketOf(uint32_t interface) const
{
    auto it = m_sockets.find(interface);
    return it == m_sockets.end() ? nullptr : it->second;
}

bool
RtmRipBase::IsRunning() const
{
    return m_running;
}

Time
RtmRipBase::GetTimeout() const
{
    return m_timeout;
}

void
RtmRipBase::Drop(RtmRipDropReason reason,
                 Ptr<const Packet> packet,
                 const RtmNetAddress& from,
                 uint32_t interface)
{
    std::size_t i = static_cast<std::size_t>(reason);
    if (i < m_drops.size())
    {
        ++m_drops[i];
    }
    NS_LOG_INFO("node " << m_node->GetId() << " drops RIP input from " << from.AddressString()
                        << " on interface " << interface << ": " << reason);
    m_dropTrace(packet, from, interface, reason);
}

bool
RtmRipBase::AdmitRequest(Ptr<const Packet> packet, const RtmNetAddress& from, uint32_t interface)
{
    Bucket& b = m_buckets[interface];
    Time now = Simulator::Now();
    if (!b.init)
    {
        b.tokens = m_requestBurst;
        b.init = true;
    }
    else
    {
        b.tokens = std::min<double>(m_requestBurst,
                                    b.tokens + (now - b.last).GetSeconds() * m_requestRate);
    }
    b.last = now;
    if (b.tokens < 1.0)
    {
        Drop(RtmRipDropReason::RequestRateLimit, packet, from, interface);
        return false;
    }
    b.tokens -= 1.0;
    ++m_requestsReceived;
    return true;
}

void
RtmRipBase::CountSent(bool request)
{
    if (request)
    {
        ++m_requestsSent;
    }
    else
    {
        ++m_updatesSent;
    }
}

uint32_t
RtmRipBase::Ms(Time t)
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
RtmRipBase::WantInterface(uint32_t interface) const
{
    return interface != 0 && interface < GetNInterfaces() && m_excluded.count(interface) == 0 &&
           m_instance->OwnsInterface(m_family, interface) && InterfaceUsable(interface);
}

void
RtmRipBase::SyncInterfaces()
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
    for (uint32_t i = 1; i < GetNInterfaces(); ++i)
    {
        if (m_sockets.count(i) == 0 && WantInterface(i))
        {
            OpenInterface(i);
        }
    }
}

void
RtmRipBase::OpenInterface(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    Ptr<Socket> s = OpenSocket(interface);
    if (!s)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": no RIP socket on interface " << interface);
        return;
    }
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
RtmRipBase::CloseSocket(uint32_t /* interface */, Ptr<Socket> s)
{
    s->Close();
}

void
RtmRipBase::CloseInterface(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    auto it = m_sockets.find(interface);
    if (it != m_sockets.end())
    {
        it->second->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        CloseSocket(interface, it->second);
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
RtmRipBase::InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up)
{
    if (!m_running || family != m_family)
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
RtmRipBase::Startup()
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
    m_periodicEvent = Simulator::Schedule(NextPeriodic(), &RtmRipBase::SendPeriodic, this);
}

Time
RtmRipBase::NextPeriodic()
{
    Time next = m_updateInterval +
                Seconds(m_rng->GetValue(-m_updateJitter.GetSeconds(), m_updateJitter.GetSeconds()));
    return std::max(next, MilliSeconds(1));
}

// ---------------------------------------------------------------------- receiving

std::vector<RtmRipEntry>
RtmRipBase::WholeTable(uint32_t interface)
{
    return BuildEntries(interface, true, nullptr);
}

std::vector<RtmRipEntry>
RtmRipBase::AnswerEntries(const std::vector<RtmRipEntry>& asked) const
{
    std::vector<RtmRipEntry> answer;
    for (RtmRipEntry e : asked)
    {
        auto it = m_adv.find(e.prefix);
        e.metric = it != m_adv.end() ? it->second.metric : kInfinity;
        e.nextHop = RtmNetAddress();
        answer.push_back(e);
    }
    return answer;
}

void
RtmRipBase::ProcessMessage(const RtmRipMessage& m,
                           Ptr<const Packet> packet,
                           const RtmNetAddress& from,
                           bool fromProtocolPort,
                           const Address& back,
                           uint32_t interface,
                           std::optional<RtmRipDropReason> linkDrop)
{
    if (m.request)
    {
        if (!AdmitRequest(packet, from, interface) || m.entries.empty())
        {
            return; // RFC 2453 §3.9.1: no entries, no response
        }
        SendResponses(interface,
                      m.wholeTable ? WholeTable(interface) : AnswerEntries(m.entries),
                      back,
                      m.wholeTable);
        return;
    }
    // RFC 2453 §3.9.2, RFC 2080 §2.4.2: only from the protocol's port of a neighbour on the link.
    if (!fromProtocolPort)
    {
        Drop(RtmRipDropReason::BadSourcePort, packet, from, interface);
        return;
    }
    if (!IsNeighbour(interface, from))
    {
        Drop(RtmRipDropReason::NotNeighbour, packet, from, interface);
        return;
    }
    if (linkDrop)
    {
        Drop(*linkDrop, packet, from, interface);
        return;
    }
    std::vector<RtmRipEntry> entries;
    entries.reserve(m.entries.size());
    for (RtmRipEntry r : m.entries)
    {
        if (!Carriable(r.prefix))
        {
            Drop(RtmRipDropReason::NotCarried, packet, from, interface);
            continue;
        }
        if (r.nextHop.IsValid() && !IsNeighbour(interface, r.nextHop))
        {
            Drop(RtmRipDropReason::NextHopOffLink, packet, from, interface); // use the sender
            r.nextHop = RtmNetAddress();
        }
        entries.push_back(r);
    }
    HandleResponse(entries, from, interface);
}

void
RtmRipBase::HandleResponse(const std::vector<RtmRipEntry>& entries,
                           const RtmNetAddress& from,
                           uint32_t interface)
{
    ++m_updatesReceived;
    uint32_t cost = GetInterfaceMetric(interface);
    // One destination named several times counts once, with its lowest metric (the first of
    // the lowest for the tag and next hop): a withdrawal next to a live entry is no loss.
    std::map<RtmNetAddress, const RtmRipEntry*> best;
    std::vector<RtmNetAddress> order;
    for (const auto& e : entries)
    {
        auto it = best.find(e.prefix);
        if (it == best.end())
        {
            best[e.prefix] = &e;
            order.push_back(e.prefix);
        }
        else if (e.metric < it->second->metric)
        {
            it->second = &e;
        }
    }
    for (const auto& p : order)
    {
        const RtmRipEntry& e = *best[p];
        uint32_t metric = std::min<uint32_t>(e.metric + cost, kInfinity);
        RtmNetAddress nextHop = from;
        if (e.nextHop.IsValid() && IsNeighbour(interface, e.nextHop))
        {
            nextHop = e.nextHop; // RFC 2453 §4.4, RFC 2080 §2.1.1: a better next hop on the link
        }
        Learn(e.prefix, interface, from, nextHop, metric, e.tag);
    }
}

RtmNextHopHandle
RtmRipBase::RefHop(uint32_t iface, const RtmNetAddress& address)
{
    Hop& h = m_hops[{iface, address}];
    if (h.uses == 0)
    {
        RtmNextHopInfo info;
        info.nextHopAddress = address;
        info.interfaceIndex = iface;
        uint32_t cf = 0;
        RtmStatus st = m_reg->AddNextHop(info, h.handle, cf);
        if (st != RtmStatus::Success)
        {
            NS_LOG_WARN("AddNextHop " << address << " on " << iface << ": " << st);
            m_hops.erase({iface, address});
            return RtmNextHopHandle();
        }
    }
    ++h.uses;
    return h.handle;
}

void
RtmRipBase::UnrefHop(uint32_t iface, const RtmNetAddress& address)
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
RtmRipBase::Learn(const RtmNetAddress& prefix,
                  uint32_t iface,
                  const RtmNetAddress& neighbour,
                  const RtmNetAddress& nextHop,
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
                                 << neighbour.AddressString() << " is unreachable");
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
    RtmNetAddress oldNextHop = l.nextHopAddress;
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
RtmRipBase::Forget(std::map<LearnedKey, Learned>::iterator it)
{
    uint32_t iface = std::get<1>(it->first);
    RtmNetAddress neighbour = std::get<2>(it->first);
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
RtmRipBase::OnRtmEvent(const RtmEvent& event)
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
                             << " via " << std::get<2>(k->second).AddressString() << " timed out");
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
RtmRipBase::ProcessChanges()
{
    if (!m_reg)
    {
        return;
    }
    bool changed = false;
    RtmDrainChangedDests(*m_reg, m_notify, m_maxEnum, [&](const RtmDestInfo& info) {
        changed = UpdateAdv(info) || changed;
    });
    if (changed)
    {
        ScheduleTriggered();
    }
}

bool
RtmRipBase::PolicyAllows(RtmEntityHandle owner)
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
RtmRipBase::ComputeAdv(const RtmDestInfo& info, Adv& adv)
{
    if (info.destAddress.addressFamily != m_family || !info.destAddress.IsCanonical() ||
        !Carriable(info.destAddress))
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
    adv.tag = own ? static_cast<uint16_t>(ri.entitySpecificInfo & 0xffff) : m_redistTag;
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
RtmRipBase::DropAdv(const RtmNetAddress& prefix)
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
RtmRipBase::UpdateAdv(const RtmDestInfo& info)
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
RtmRipBase::ReadTable()
{
    if (!m_reg)
    {
        return;
    }
    std::set<RtmNetAddress> seen;
    RtmForEachBestDest(*m_reg, RTM_VIEW_MASK_ANY, m_maxEnum, [&](const RtmDestInfo& info) {
        seen.insert(info.destAddress);
        UpdateAdv(info);
    });
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
        DropAdv(p);
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
}

// ---------------------------------------------------------------------- sending

void
RtmRipBase::ScheduleTriggered()
{
    if (!m_running || RtmIsPending(m_triggerEvent) || m_startupPending)
    {
        return;
    }
    Time delay = std::max(Seconds(0), m_cooldownEnd - Simulator::Now());
    m_triggerEvent = Simulator::Schedule(delay, &RtmRipBase::SendTriggered, this);
}

void
RtmRipBase::SendTriggered()
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
RtmRipBase::SendPeriodic()
{
    if (!m_running)
    {
        return;
    }
    ++m_periodic;
    SyncInterfaces();
    ReadTable();
    SendUpdate(true);
    m_periodicEvent = Simulator::Schedule(NextPeriodic(), &RtmRipBase::SendPeriodic, this);
}

void
RtmRipBase::SendUpdate(bool all)
{
    std::set<RtmNetAddress> advertised;
    std::vector<uint32_t> ifaces = GetRipInterfaces(); // sending may not change the sockets
    for (uint32_t i : ifaces)
    {
        std::vector<RtmRipEntry> entries = BuildEntries(i, all, &advertised);
        if (!entries.empty())
        {
            SendResponses(i, entries, GroupAddress(), false);
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

std::vector<RtmRipEntry>
RtmRipBase::BuildEntries(uint32_t iface, bool all, std::set<RtmNetAddress>* armed) const
{
    std::vector<RtmRipEntry> out;
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
        RtmRipEntry e;
        e.prefix = kv.first;
        e.tag = a.tag;
        e.metric = metric;
        out.push_back(e);
        if (armed != nullptr && a.state == AdvState::Reachable)
        {
            armed->insert(kv.first);
        }
    }
    return out;
}

// ---------------------------------------------------------------------- printing

void
RtmRipBase::Print(std::ostream& os) const
{
    os << (m_family == RTM_AF_INET ? "RIP" : "RIPng") << " of node "
       << (m_node ? m_node->GetId() : 0) << " instance " << m_instanceId << ": interfaces";
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
        os << "    " << std::get<0>(kv.first) << " from " << std::get<2>(kv.first).AddressString()
           << " if " << std::get<1>(kv.first) << " metric " << kv.second.metric << "\n";
    }
    os << "  dropped:";
    for (std::size_t i = 0; i < m_drops.size(); ++i)
    {
        if (m_drops[i] != 0)
        {
            os << " " << static_cast<RtmRipDropReason>(i) << "=" << m_drops[i];
        }
    }
    os << "\n";
}

} // namespace ns3
