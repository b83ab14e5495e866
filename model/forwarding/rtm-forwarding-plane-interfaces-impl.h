/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmForwardingPlane<P>, part 1: the life of the plane and of its interfaces. Every interface
 * event (up, down, address added or removed) and every device move re-reads one interface:
 * which instance owns its device, whether it is up, its addresses; the connected-routes client of
 * the instance is given the address set, the instance its ownership and state (its table makes
 * the next hops on it usable or not), the router manager the state (which tells the interface
 * listeners). A device that moved leaves its old instance first, exactly as if it went down
 * there. Included by rtm-forwarding-plane.cc only.
 */
#ifndef RTM_FORWARDING_PLANE_INTERFACES_IMPL_H
#define RTM_FORWARDING_PLANE_INTERFACES_IMPL_H

#include "rtm-ipv4-routing.h"
#include "rtm-ipv6-routing.h"

#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/rtm-local-client.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

template <typename P>
RtmForwardingPlane<P>::RtmForwardingPlane()
{
    NS_LOG_FUNCTION(this);
}

template <typename P>
RtmForwardingPlane<P>::~RtmForwardingPlane() = default;

template <typename P>
TypeId
RtmForwardingPlane<P>::GetTypeId()
{
    typedef std::conditional_t<kIpv6, RtmIpv6Routing, RtmIpv4Routing> Shell;
    std::string shell = std::string("ns3::") + Traits::kShell;
    static TypeId tid =
        TypeId(shell.c_str())
            .template SetParent<P>()
            .SetGroupName("Rtm")
            .template AddConstructor<Shell>()
            .AddAttribute("EcmpSeed",
                          "Seed of the per-flow hash that spreads flows over the next hops of a "
                          "multipath route; the same seed gives the same choices.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmForwardingPlane::m_ecmpSeed),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Forward",
                            "A packet that arrived was forwarded by the RTM forwarding plane.",
                            MakeTraceSourceAccessor(&RtmForwardingPlane::m_forwardTrace),
                            shell + "::ForwardTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped by the RTM forwarding plane, with the reason.",
                            MakeTraceSourceAccessor(&RtmForwardingPlane::m_dropTrace),
                            shell + "::DropTracedCallback");
    return tid;
}

template <typename P>
void
RtmForwardingPlane<P>::DoDispose()
{
    if (m_router && m_listening)
    {
        m_router->RemoveDeviceListener(MakeCallback(&RtmForwardingPlane::DeviceMoved, this));
    }
    m_listening = false;
    m_if.clear();
    m_local.clear();
    m_tables.clear();
    FlushCaches();
    m_ip = nullptr;
    m_router = nullptr;
    P::DoDispose();
}

template <typename P>
void
RtmForwardingPlane<P>::SetRouter(Ptr<RtmRouter> router)
{
    m_router = router;
}

template <typename P>
Ptr<RtmRouter>
RtmForwardingPlane<P>::GetRouter() const
{
    return m_router;
}

template <typename P>
void
RtmForwardingPlane<P>::Attach(Ptr<Ip> ip)
{
    NS_LOG_FUNCTION(this << ip);
    m_ip = ip;
    if (!m_router)
    {
        m_router = RtmRouter::Of(ip->template GetObject<Node>());
    }
    m_router->CreateInstance(0);
    if (!m_listening)
    {
        m_router->AddDeviceListener(MakeCallback(&RtmForwardingPlane::DeviceMoved, this));
        m_listening = true;
    }
    Resync();
}

template <typename P>
void
RtmForwardingPlane<P>::InterfaceLeaving(uint16_t instance, uint32_t interface)
{
}

template <typename P>
void
RtmForwardingPlane<P>::Resync()
{
    if (!m_ip)
    {
        return;
    }
    for (uint32_t i = 0; i < m_ip->GetNInterfaces(); ++i)
    {
        SyncInterface(i);
    }
}

template <typename P>
uint16_t
RtmForwardingPlane<P>::GetInstanceOfInterface(uint32_t interface) const
{
    return interface < m_if.size() ? m_if[interface].instance : 0;
}

template <typename P>
bool
RtmForwardingPlane<P>::IsKnownInterface(uint32_t interface) const
{
    return interface < m_if.size() && m_if[interface].known;
}

template <typename P>
const std::vector<std::pair<typename RtmForwardingPlane<P>::Key, uint8_t>>&
RtmForwardingPlane<P>::AddressesOf(uint32_t interface) const
{
    static const std::vector<std::pair<Key, uint8_t>> kNoAddresses;
    return interface < m_if.size() ? m_if[interface].addrs : kNoAddresses;
}

template <typename P>
void
RtmForwardingPlane<P>::LeaveInstance(uint16_t instance, uint32_t interface)
{
    NS_LOG_FUNCTION(this << instance << interface);
    InterfaceLeaving(instance, interface);
    m_router->GetLocalClient(instance, Family::kAf)
        ->SetInterface(interface, false, {}, m_if[interface].loopback);
    m_router->CreateInstance(instance)->RemoveInterface(Family::kAf, interface);
    m_router->NotifyInterface(instance, Family::kAf, interface, false);
}

template <typename P>
void
RtmForwardingPlane<P>::SyncInterface(uint32_t interface)
{
    if (!m_ip || !m_router || interface >= m_ip->GetNInterfaces())
    {
        return;
    }
    Ptr<NetDevice> dev = m_ip->GetNetDevice(interface);
    uint16_t instance = dev ? m_router->GetInstanceOfDevice(dev->GetIfIndex()) : 0;
    if (m_if.size() <= interface)
    {
        m_if.resize(interface + 1);
    }
    Interface& x = m_if[interface];
    if (x.known && x.instance != instance)
    {
        // The device moved: for its old instance the interface goes away.
        LeaveInstance(x.instance, interface);
    }
    x.known = true;
    x.instance = instance;
    x.loopback = dev && DynamicCast<LoopbackNetDevice>(dev);
    x.up = m_ip->IsUp(interface);
    x.addrs.clear();
    x.source = 0;
    x.linkLocal = 0;
    uint32_t globals = 0;
    std::vector<RtmLocalClient::InterfaceAddress> connected;
    for (uint32_t j = 0; j < m_ip->GetNAddresses(interface); ++j)
    {
        Key k;
        uint8_t len;
        if (!Traits::ReadAddress(*m_ip, interface, j, k, len))
        {
            continue;
        }
        x.addrs.emplace_back(k, len);
        connected.emplace_back(RtmKeyOps<Family>::ToNetAddress(k, Family::kBits), len);
        if (Traits::NeedsZone(k))
        {
            x.linkLocal = x.linkLocal != 0 ? x.linkLocal : k;
        }
        else if (!Traits::IsLoopback(k))
        {
            x.source = k;
            ++globals;
        }
    }
    if (globals != 1)
    {
        x.source = 0;
    }
    Ptr<RtmInstance> inst = m_router->CreateInstance(instance);
    // The table's next hops on the interface follow its state: usable or not, routes
    // re-selected and notified (doc/rtm-decisions.rst, "Next-hop state").
    inst->SetInterfaceState(Family::kAf, interface, x.up);
    if (!x.loopback)
    {
        // The loopback is usable by every instance and not listed (RtmInstance::GetInterfaces).
        inst->AddInterface(Family::kAf, interface);
    }
    TableOf(instance);
    m_router->GetLocalClient(instance, Family::kAf)
        ->SetInterface(interface, x.up, connected, x.loopback);
    if (!x.up)
    {
        InterfaceLeaving(instance, interface);
    }
    m_router->NotifyInterface(instance, Family::kAf, interface, x.up);
    RebuildLocal();
    FlushCaches();
}

template <typename P>
void
RtmForwardingPlane<P>::DeviceMoved(uint32_t deviceIndex, uint16_t from, uint16_t to)
{
    NS_LOG_FUNCTION(this << deviceIndex << from << to);
    Ptr<Node> node = m_ip ? m_ip->template GetObject<Node>() : nullptr;
    if (!node || deviceIndex >= node->GetNDevices())
    {
        return;
    }
    int32_t interface = m_ip->GetInterfaceForDevice(node->GetDevice(deviceIndex));
    if (interface >= 0)
    {
        SyncInterface(static_cast<uint32_t>(interface));
    }
}

template <typename P>
void
RtmForwardingPlane<P>::RebuildLocal()
{
    m_local.clear();
    m_virtual = false;
    for (uint32_t i = 0; i < m_if.size(); ++i)
    {
        const Interface& x = m_if[i];
        m_virtual = m_virtual || x.instance != 0;
        for (const auto& a : x.addrs)
        {
            m_local.push_back(LocalAddress{a.first, i, x.instance, false});
            if constexpr (!kIpv6)
            {
                if (a.second < 31)
                {
                    Key bcast = a.first | ~RtmKeyOps<Family>::Mask(a.second);
                    m_local.push_back(LocalAddress{bcast, i, x.instance, true});
                }
            }
        }
    }
    std::sort(m_local.begin(), m_local.end());
}

template <typename P>
bool
RtmForwardingPlane<P>::IsLocalAddress(uint16_t instance, Key dst, uint32_t* ifOut) const
{
    auto it = std::lower_bound(m_local.begin(), m_local.end(), LocalAddress{dst, 0, 0, false});
    for (; it != m_local.end() && it->addr == dst; ++it)
    {
        if (it->instance == instance)
        {
            if (ifOut != nullptr)
            {
                *ifOut = it->interface;
            }
            return true;
        }
    }
    return false;
}

template <typename P>
int32_t
RtmForwardingPlane<P>::InterfaceOfAddress(Key address) const
{
    auto it = std::lower_bound(m_local.begin(), m_local.end(), LocalAddress{address, 0, 0, false});
    for (; it != m_local.end() && it->addr == address; ++it)
    {
        if (!it->broadcast)
        {
            return static_cast<int32_t>(it->interface);
        }
    }
    return -1;
}

template <typename P>
void
RtmForwardingPlane<P>::FlushCaches()
{
    m_routeCache.clear();
    m_mcastCache.clear();
    for (auto& x : m_if)
    {
        x.memo = nullptr;
    }
}

template <typename P>
std::size_t
RtmForwardingPlane<P>::GetCacheEntryCount() const
{
    return m_routeCache.size() + m_mcastCache.size();
}

template <typename P>
void
RtmForwardingPlane<P>::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    SyncInterface(interface);
}

template <typename P>
void
RtmForwardingPlane<P>::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    SyncInterface(interface);
}

template <typename P>
void
RtmForwardingPlane<P>::NotifyAddAddress(uint32_t interface, IfAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    SyncInterface(interface);
}

template <typename P>
void
RtmForwardingPlane<P>::NotifyRemoveAddress(uint32_t interface, IfAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    SyncInterface(interface);
}

template <typename P>
void
RtmForwardingPlane<P>::Dropped(Ptr<const Packet> p, const Header& h, int32_t iif, RtmDropReason why)
{
    NS_LOG_LOGIC("drop " << h.GetSource() << " -> " << h.GetDestination() << ": " << why);
    ++m_drops[static_cast<size_t>(why)];
    m_dropTrace(p, h, iif, why);
}

template <typename P>
uint64_t
RtmForwardingPlane<P>::GetDropCount(RtmDropReason reason) const
{
    return reason < RtmDropReason::Count ? m_drops[static_cast<size_t>(reason)] : 0;
}

template <typename P>
uint64_t
RtmForwardingPlane<P>::GetForwardCount() const
{
    return m_forwarded;
}

template <typename P>
void
RtmForwardingPlane<P>::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream* os = stream->GetStream();
    Ptr<Node> node = m_ip ? m_ip->template GetObject<Node>() : nullptr;
    *os << "Node: " << (node ? node->GetId() : 0) << ", Time: " << Now().As(unit)
        << ", Local time: " << (node ? node->GetLocalTime().As(unit) : Now().As(unit)) << ", "
        << Traits::kShell << " table\n";
    if (!m_router)
    {
        return;
    }
    for (uint16_t id : m_router->GetInstanceIds())
    {
        Ptr<RtmInstance> inst = m_router->GetInstance(id);
        *os << "RTM instance " << id << ", " << Traits::kName << " interfaces:";
        for (uint32_t i = 0; i < m_if.size(); ++i)
        {
            if (m_if[i].known && m_if[i].instance == id)
            {
                *os << " " << i;
            }
        }
        *os << "\n";
        const Table* t;
        if constexpr (kIpv6)
        {
            t = inst->PeekIpv6Table();
        }
        else
        {
            t = inst->PeekIpv4Table();
        }
        if (t != nullptr)
        {
            t->Print(*os);
        }
        for (const auto& e : m_router->GetMulticastRoutes(id))
        {
            if (e.group.addressFamily != Family::kAf)
            {
                continue;
            }
            *os << "  multicast ("
                << (e.source.numBits == 0 ? std::string("*") : e.source.AddressString()) << ", "
                << e.group.AddressString() << ") ->";
            for (uint32_t i : e.outputInterfaces)
            {
                *os << " if " << i;
            }
            *os << "\n";
        }
    }
    *os << "\n";
}

} // namespace ns3

#endif /* RTM_FORWARDING_PLANE_INTERFACES_IMPL_H */
