/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmInstance: attributes (limits of decision 19), entity registration across the two families,
 * traces (see rtm-instance.h).
 */
#include "rtm-instance.h"

#include "rtm-table.h"

#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/uinteger.h"

#include <atomic>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmInstance");
NS_OBJECT_ENSURE_REGISTERED(RtmInstance);

uint32_t
RtmAllocateTableId()
{
    static std::atomic<uint32_t> next{1};
    return next++;
}

TypeId
RtmInstance::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmInstance")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmInstance>()
            .AddAttribute("InstanceId",
                          "The RTM instance id (RTM_ENTITY_INFO.RtmInstanceId of its clients).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmInstance::m_instanceId),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MaxNextHopsInRoute",
                          "Most equal-cost next hops in one route, and most local next hops a "
                          "remote next hop resolves to (RTM_REGN_PROFILE.MaxNextHopsInRoute).",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RtmInstance::m_maxNextHopsInRoute),
                          MakeUintegerChecker<uint32_t>(1, 65535))
            .AddAttribute("MaxHandlesInEnum",
                          "Most items one enumeration or change-list call returns "
                          "(RTM_REGN_PROFILE.MaxHandlesInEnum).",
                          UintegerValue(256),
                          MakeUintegerAccessor(&RtmInstance::m_maxHandlesInEnum),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ViewsSupported",
                          "Mask of the views of each table (bit i = view i; 0x1 unicast, 0x2 "
                          "multicast; up to 32 views).",
                          UintegerValue(0x3),
                          MakeUintegerAccessor(&RtmInstance::m_viewsSupported),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("OpaqueSlots",
                          "Number of opaque pointer slots clients can reserve per table.",
                          UintegerValue(8),
                          MakeUintegerAccessor(&RtmInstance::m_opaqueSlots),
                          MakeUintegerChecker<uint32_t>(0, 1024))
            .AddAttribute("MaxNotifyRegistrations",
                          "Most change-notification registrations per table.",
                          UintegerValue(32),
                          MakeUintegerAccessor(&RtmInstance::m_maxNotify),
                          MakeUintegerChecker<uint32_t>(0))
            .AddAttribute("DefaultPreference",
                          "Preference of routes added with preference 0 by clients that set no "
                          "default of their own (lower is better).",
                          UintegerValue(150),
                          MakeUintegerAccessor(&RtmInstance::m_defaultPreference),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("EventDelay",
                          "Delay between a change and the delivery of the client events it "
                          "causes (registration, change notification).",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&RtmInstance::m_eventDelay),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("RouteAdded",
                            "A route was created (family, prefix, owner's protocol id).",
                            MakeTraceSourceAccessor(&RtmInstance::m_routeAdded),
                            "ns3::RtmInstance::RouteTracedCallback")
            .AddTraceSource("RouteDeleted",
                            "A route was deleted (family, prefix, owner's protocol id).",
                            MakeTraceSourceAccessor(&RtmInstance::m_routeDeleted),
                            "ns3::RtmInstance::RouteTracedCallback")
            .AddTraceSource("BestChanged",
                            "The best route of a destination in a view changed (family, prefix, "
                            "view, whether there is a best route now).",
                            MakeTraceSourceAccessor(&RtmInstance::m_bestChanged),
                            "ns3::RtmInstance::BestTracedCallback");
    return tid;
}

RtmInstance::RtmInstance()
{
    NS_LOG_FUNCTION(this);
}

RtmInstance::~RtmInstance()
{
    NS_LOG_FUNCTION(this);
}

void
RtmInstance::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_t4)
    {
        m_t4->Dispose();
    }
    if (m_t6)
    {
        m_t6->Dispose();
    }
    m_t4.reset();
    m_t6.reset();
    m_disposed = true;
    Object::DoDispose();
}

void
RtmInstance::SetInstanceId(uint16_t id)
{
    m_instanceId = id;
}

uint16_t
RtmInstance::GetInstanceId() const
{
    return m_instanceId;
}

void
RtmInstance::AddInterface(uint16_t family, uint32_t interface)
{
    NS_LOG_FUNCTION(this << family << interface);
    if ((family == RTM_AF_INET6 ? m_interfaces6 : m_interfaces4).insert(interface).second)
    {
        InterfaceChanged(family, interface);
    }
}

void
RtmInstance::RemoveInterface(uint16_t family, uint32_t interface)
{
    NS_LOG_FUNCTION(this << family << interface);
    if ((family == RTM_AF_INET6 ? m_interfaces6 : m_interfaces4).erase(interface) != 0)
    {
        InterfaceChanged(family, interface);
    }
}

bool
RtmInstance::OwnsInterface(uint16_t family, uint32_t interface) const
{
    const std::set<uint32_t>& s = family == RTM_AF_INET6 ? m_interfaces6 : m_interfaces4;
    return interface == 0 || s.count(interface) != 0;
}

void
RtmInstance::SetInterfaceState(uint16_t family, uint32_t interface, bool up)
{
    NS_LOG_FUNCTION(this << family << interface << up);
    if (family != RTM_AF_INET && family != RTM_AF_INET6)
    {
        NS_LOG_WARN("SetInterfaceState: unknown family " << family << ", ignored");
        return;
    }
    std::set<uint32_t>& down = family == RTM_AF_INET6 ? m_down6 : m_down4;
    bool changed = up ? down.erase(interface) != 0 : down.insert(interface).second;
    if (changed)
    {
        InterfaceChanged(family, interface);
    }
}

bool
RtmInstance::IsInterfaceUp(uint16_t family, uint32_t interface) const
{
    return (family == RTM_AF_INET6 ? m_down6 : m_down4).count(interface) == 0;
}

bool
RtmInstance::IsInterfaceUsable(uint16_t family, uint32_t interface) const
{
    return OwnsInterface(family, interface) && IsInterfaceUp(family, interface);
}

void
RtmInstance::InterfaceChanged(uint16_t family, uint32_t interface)
{
    if (family == RTM_AF_INET && m_t4)
    {
        m_t4->InterfaceChanged(interface);
    }
    else if (family == RTM_AF_INET6 && m_t6)
    {
        m_t6->InterfaceChanged(interface);
    }
}

std::vector<uint32_t>
RtmInstance::GetInterfaces(uint16_t family) const
{
    const std::set<uint32_t>& s = family == RTM_AF_INET6 ? m_interfaces6 : m_interfaces4;
    return std::vector<uint32_t>(s.begin(), s.end());
}

namespace
{

RtmTableConfig
MakeTableConfig(uint16_t id,
                uint32_t maxNextHops,
                uint32_t maxHandles,
                uint32_t views,
                uint32_t slots,
                uint32_t maxNotify,
                uint32_t pref,
                Time delay)
{
    RtmTableConfig c;
    c.instanceId = id;
    c.maxNextHopsInRoute = maxNextHops;
    c.maxHandlesInEnum = maxHandles;
    c.viewsSupported = views;
    c.opaqueSlots = slots;
    c.maxNotify = maxNotify;
    c.defaultPreference = pref;
    c.eventDelay = delay;
    return c;
}

} // namespace

RtmTable<RtmIpv4Family>&
RtmInstance::GetIpv4Table()
{
    if (!m_t4)
    {
        m_t4 = std::make_unique<RtmTable<RtmIpv4Family>>(this,
                                                         MakeTableConfig(m_instanceId,
                                                                         m_maxNextHopsInRoute,
                                                                         m_maxHandlesInEnum,
                                                                         m_viewsSupported,
                                                                         m_opaqueSlots,
                                                                         m_maxNotify,
                                                                         m_defaultPreference,
                                                                         m_eventDelay));
    }
    return *m_t4;
}

RtmTable<RtmIpv6Family>&
RtmInstance::GetIpv6Table()
{
    if (!m_t6)
    {
        m_t6 = std::make_unique<RtmTable<RtmIpv6Family>>(this,
                                                         MakeTableConfig(m_instanceId,
                                                                         m_maxNextHopsInRoute,
                                                                         m_maxHandlesInEnum,
                                                                         m_viewsSupported,
                                                                         m_opaqueSlots,
                                                                         m_maxNotify,
                                                                         m_defaultPreference,
                                                                         m_eventDelay));
    }
    return *m_t6;
}

RtmTable<RtmIpv4Family>*
RtmInstance::PeekIpv4Table() const
{
    return m_t4.get();
}

RtmTable<RtmIpv6Family>*
RtmInstance::PeekIpv6Table() const
{
    return m_t6.get();
}

RtmStatus
RtmInstance::RegisterEntity(const RtmEntityInfo& info,
                            const std::vector<RtmEntityMethod>& exportMethods,
                            RtmEventCallback callback,
                            bool reserveOpaquePointer,
                            RtmRegnProfile& profile,
                            Ptr<RtmRegistration>& registration)
{
    NS_LOG_FUNCTION(this << info.addressFamily << info.entityId.entityProtocolId
                         << info.entityId.entityInstanceId);
    if (m_disposed)
    {
        return RtmStatus::InvalidHandle;
    }
    uint32_t slot = 0;
    uint32_t gen = 0;
    RtmStatus st;
    if (info.addressFamily == RTM_AF_INET)
    {
        st = GetIpv4Table()
                 .Register(info, exportMethods, callback, reserveOpaquePointer, profile, slot, gen);
    }
    else if (info.addressFamily == RTM_AF_INET6)
    {
        st = GetIpv6Table()
                 .Register(info, exportMethods, callback, reserveOpaquePointer, profile, slot, gen);
    }
    else
    {
        return RtmStatus::InvalidParameter;
    }
    if (st == RtmStatus::Success)
    {
        registration = Ptr<RtmRegistration>(
            new RtmRegistration(Ptr<RtmInstance>(this), info.addressFamily, slot, gen),
            false);
    }
    return st;
}

RtmStatus
RtmInstance::Lookup(const RtmNetAddress& address, RtmViewId view, RtmDestInfo& info) const
{
    if (view != RTM_VIEW_ID_UCAST && view != RTM_VIEW_ID_MCAST)
    {
        return RtmStatus::InvalidParameter;
    }
    if (!address.IsValid() || address.numBits != address.FamilyBits())
    {
        return RtmStatus::InvalidParameter;
    }
    if (address.addressFamily == RTM_AF_INET)
    {
        if (!m_t4)
        {
            return RtmStatus::NotFound;
        }
        uint32_t d = m_t4->FibLookup(view, RtmKeyOps<RtmIpv4Family>::FromNetAddress(address));
        if (d == RtmTable<RtmIpv4Family>::kNone)
        {
            return RtmStatus::NotFound;
        }
        m_t4->FillDestInfo(d, -1, RtmViewMask(view), info);
        return RtmStatus::Success;
    }
    if (!m_t6)
    {
        return RtmStatus::NotFound;
    }
    uint32_t d = m_t6->FibLookup(view, RtmKeyOps<RtmIpv6Family>::FromNetAddress(address));
    if (d == RtmTable<RtmIpv6Family>::kNone)
    {
        return RtmStatus::NotFound;
    }
    m_t6->FillDestInfo(d, -1, RtmViewMask(view), info);
    return RtmStatus::Success;
}

void
RtmInstance::Print(std::ostream& os) const
{
    os << "RTM instance " << m_instanceId << "\n";
    if (m_t4)
    {
        m_t4->Print(os);
    }
    if (m_t6)
    {
        m_t6->Print(os);
    }
    if (!m_t4 && !m_t6)
    {
        os << "  (no table)\n";
    }
}

std::size_t
RtmInstance::GetMemoryBytes() const
{
    std::size_t bytes =
        sizeof(*this) +
        (m_interfaces4.size() + m_interfaces6.size() + m_down4.size() + m_down6.size()) * 40;
    if (m_t4)
    {
        bytes += m_t4->MemoryBytes();
    }
    if (m_t6)
    {
        bytes += m_t6->MemoryBytes();
    }
    return bytes;
}

} // namespace ns3
