/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRouter: instance life cycle, interface ownership and interface-event fan-out, the
 * connected-routes clients, multicast entries (see rtm-router.h).
 */
#include "rtm-router.h"

#include "ns3/log.h"
#include "ns3/rtm-local-client.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRouter");
NS_OBJECT_ENSURE_REGISTERED(RtmRouter);

namespace
{

/// Remove every callback of \p list equal to \p callback.
template <typename C>
void
EraseEqual(std::vector<C>& list, const C& callback)
{
    list.erase(
        std::remove_if(list.begin(), list.end(), [&](const C& c) { return c.IsEqual(callback); }),
        list.end());
}

} // namespace

TypeId
RtmRouter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmRouter")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmRouter>()
            .AddAttribute("ConnectedPreference",
                          "Preference of the connected (interface) routes the router manager "
                          "adds; lower is better, so connected routes win by default.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRouter::m_localPreference),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

Ptr<RtmRouter>
RtmRouter::Of(Ptr<Node> node)
{
    Ptr<RtmRouter> router = node ? node->GetObject<RtmRouter>() : nullptr;
    if (!router)
    {
        router = CreateObject<RtmRouter>();
        if (node)
        {
            node->AggregateObject(router);
        }
    }
    return router;
}

RtmRouter::RtmRouter()
{
    m_instanceFactory.SetTypeId(RtmInstance::GetTypeId());
}

RtmRouter::~RtmRouter() = default;

void
RtmRouter::DoDispose()
{
    // The instances go first: their tables are released whole, and the clients disposed after
    // them find their registrations invalid (every call returns InvalidHandle), so they do not
    // withdraw their routes one by one, each with its notifications and FIB update, into tables
    // that are being thrown away (on Inet, 24 M routes: 15 s of CPU at Simulator::Destroy).
    for (auto& kv : m_instances)
    {
        kv.second->Dispose();
    }
    m_instances.clear();
    // A client may deregister itself from m_clients while it is disposed: iterate a copy.
    auto clients = std::move(m_clients);
    m_clients.clear();
    for (auto& kv : clients)
    {
        kv.second->Dispose();
    }
    for (auto& kv : m_local)
    {
        kv.second->Dispose();
    }
    m_local.clear();
    m_mcast.clear();
    m_listeners.clear();
    m_deviceListeners.clear();
    Object::DoDispose();
}

void
RtmRouter::SetInstanceAttribute(const std::string& name, const AttributeValue& value)
{
    m_instanceFactory.Set(name, value);
}

Ptr<RtmInstance>
RtmRouter::CreateInstance(uint16_t id)
{
    auto it = m_instances.find(id);
    if (it != m_instances.end())
    {
        return it->second;
    }
    Ptr<RtmInstance> inst = m_instanceFactory.Create<RtmInstance>();
    inst->SetInstanceId(id);
    m_instances[id] = inst;
    return inst;
}

Ptr<RtmInstance>
RtmRouter::GetInstance(uint16_t id) const
{
    auto it = m_instances.find(id);
    return it == m_instances.end() ? nullptr : it->second;
}

std::vector<uint16_t>
RtmRouter::GetInstanceIds() const
{
    std::vector<uint16_t> ids;
    for (const auto& kv : m_instances)
    {
        ids.push_back(kv.first);
    }
    return ids;
}

bool
RtmRouter::AssignDevice(uint32_t deviceIndex, uint16_t instance)
{
    auto it = m_deviceInstance.find(deviceIndex);
    if (it != m_deviceInstance.end() && it->second != instance)
    {
        NS_LOG_WARN("device " << deviceIndex << " already belongs to instance " << it->second);
        return false;
    }
    MoveDevice(deviceIndex, instance);
    return true;
}

void
RtmRouter::MoveDevice(uint32_t deviceIndex, uint16_t instance)
{
    NS_LOG_FUNCTION(this << deviceIndex << instance);
    CreateInstance(instance);
    uint16_t from = GetInstanceOfDevice(deviceIndex);
    m_deviceInstance[deviceIndex] = instance;
    if (from == instance)
    {
        return;
    }
    std::vector<DeviceListener> listeners = m_deviceListeners;
    for (auto& l : listeners)
    {
        l(deviceIndex, from, instance);
    }
}

void
RtmRouter::AddDeviceListener(DeviceListener listener)
{
    m_deviceListeners.push_back(listener);
}

void
RtmRouter::RemoveDeviceListener(DeviceListener listener)
{
    EraseEqual(m_deviceListeners, listener);
}

uint16_t
RtmRouter::GetInstanceOfDevice(uint32_t deviceIndex) const
{
    auto it = m_deviceInstance.find(deviceIndex);
    return it == m_deviceInstance.end() ? 0 : it->second;
}

bool
RtmRouter::AddMulticastRoute(uint16_t instance,
                             const RtmNetAddress& source,
                             const RtmNetAddress& group,
                             const std::vector<uint32_t>& outputInterfaces)
{
    if (m_instances.count(instance) == 0 || !group.IsValid() ||
        group.numBits != group.FamilyBits() || source.addressFamily != group.addressFamily ||
        (source.numBits != 0 && source.numBits != source.FamilyBits()) || !source.IsCanonical())
    {
        return false;
    }
    bool multicast = group.addressFamily == RTM_AF_INET ? group.GetIpv4().IsMulticast()
                                                        : group.GetIpv6().IsMulticast();
    if (!multicast)
    {
        return false;
    }
    RtmMulticastEntry e{source, group, outputInterfaces};
    m_mcast[std::make_tuple(instance, group, source)] = e;
    ++m_mcastVersion;
    return true;
}

bool
RtmRouter::RemoveMulticastRoute(uint16_t instance,
                                const RtmNetAddress& source,
                                const RtmNetAddress& group)
{
    if (m_mcast.erase(std::make_tuple(instance, group, source)) == 0)
    {
        return false;
    }
    ++m_mcastVersion; // invalidates the forwarding planes' cached multicast routes
    return true;
}

const RtmMulticastEntry*
RtmRouter::FindMulticastRoute(uint16_t instance,
                              const RtmNetAddress& source,
                              const RtmNetAddress& group) const
{
    auto it = m_mcast.find(std::make_tuple(instance, group, source));
    if (it != m_mcast.end())
    {
        return &it->second;
    }
    RtmNetAddress any;
    any.addressFamily = group.addressFamily;
    it = m_mcast.find(std::make_tuple(instance, group, any));
    return it == m_mcast.end() ? nullptr : &it->second;
}

std::vector<RtmMulticastEntry>
RtmRouter::GetMulticastRoutes(uint16_t instance) const
{
    std::vector<RtmMulticastEntry> out;
    for (const auto& kv : m_mcast)
    {
        if (std::get<0>(kv.first) == instance)
        {
            out.push_back(kv.second);
        }
    }
    return out;
}

Ptr<RtmLocalClient>
RtmRouter::GetLocalClient(uint16_t instance, uint16_t family)
{
    auto key = std::make_pair(instance, family);
    auto it = m_local.find(key);
    if (it != m_local.end())
    {
        return it->second;
    }
    Ptr<RtmLocalClient> c =
        Create<RtmLocalClient>(CreateInstance(instance), family, m_localPreference);
    m_local[key] = c;
    return c;
}

void
RtmRouter::SetClient(const std::string& kind,
                     uint16_t instance,
                     uint16_t family,
                     Ptr<Object> client)
{
    m_clients[std::make_tuple(kind, instance, family)] = client;
}

Ptr<Object>
RtmRouter::GetClient(const std::string& kind, uint16_t instance, uint16_t family) const
{
    auto it = m_clients.find(std::make_tuple(kind, instance, family));
    return it == m_clients.end() ? nullptr : it->second;
}

void
RtmRouter::AddInterfaceListener(InterfaceListener listener)
{
    m_listeners.push_back(listener);
}

void
RtmRouter::RemoveInterfaceListener(InterfaceListener listener)
{
    EraseEqual(m_listeners, listener);
}

void
RtmRouter::NotifyInterface(uint16_t instance, uint16_t family, uint32_t interface, bool up)
{
    auto key = std::make_pair(family, interface);
    auto state = std::make_pair(instance, up);
    auto it = m_ifState.find(key);
    if (it != m_ifState.end() && it->second == state)
    {
        return;
    }
    m_ifState[key] = state;
    std::vector<InterfaceListener> listeners = m_listeners;
    for (auto& l : listeners)
    {
        l(instance, family, interface, up);
    }
}

bool
RtmRouter::IsInterfaceUp(uint16_t family, uint32_t interface) const
{
    auto it = m_ifState.find(std::make_pair(family, interface));
    return it != m_ifState.end() && it->second.second;
}

void
RtmRouter::Print(std::ostream& os) const
{
    for (const auto& kv : m_instances)
    {
        kv.second->Print(os);
        std::vector<RtmMulticastEntry> entries = GetMulticastRoutes(kv.first);
        if (!entries.empty())
        {
            os << "  multicast forwarding entries\n";
            for (const auto& e : entries)
            {
                os << "    ("
                   << (e.source.numBits == 0 ? std::string("*") : e.source.AddressString()) << ", "
                   << e.group.AddressString() << ") ->";
                for (uint32_t i : e.outputInterfaces)
                {
                    os << " if " << i;
                }
                os << "\n";
            }
        }
    }
}

} // namespace ns3
