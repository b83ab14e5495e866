/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTableLoader: bulk loading with a hashed next-hop lookup (see rtm-table-loader.h).
 */
#include "rtm-table-loader.h"

namespace ns3
{

RtmTableLoader::RtmTableLoader(Ptr<RtmInstance> instance, uint32_t interface, uint32_t fanOut)
    : m_instance(instance),
      m_interface(interface),
      m_fanOut(fanOut)
{
    m_instance->AddInterface(RTM_AF_INET, interface);
    m_instance->AddInterface(RTM_AF_INET6, interface);
}

Ptr<RtmRegistration>
RtmTableLoader::GetRegistration(uint16_t family)
{
    Ptr<RtmRegistration>& reg = m_reg[family == RTM_AF_INET6 ? 1 : 0];
    if (!reg)
    {
        RtmEntityInfo info;
        info.rtmInstanceId = m_instance->GetInstanceId();
        info.addressFamily = family;
        info.entityId.entityProtocolId = RtmProtocolId(0, RTM_VENDOR_NS3, 5);
        RtmRegnProfile profile;
        m_instance->RegisterEntity(info, {}, RtmEventCallback(), false, profile, reg);
    }
    return reg;
}

RtmNextHopHandle
RtmTableLoader::NextHopFor(const RtmTableFileEntry& e)
{
    uint16_t family = e.prefix.addressFamily;
    RtmNetAddress address;
    std::string label;
    if (e.nextHop.addressFamily != 0)
    {
        address = e.nextHop;
        label = e.nextHop.AddressString();
    }
    else
    {
        uint32_t n = m_fanOut == 0 ? e.asn : e.asn % m_fanOut;
        auto known = m_asHops.find(uint64_t(family) << 32 | n);
        if (known != m_asHops.end())
        {
            return known->second;
        }
        label = m_fanOut == 0 ? "AS" + std::to_string(e.asn) : "NH" + std::to_string(n);
        address.addressFamily = family;
        address.numBits = family == RTM_AF_INET ? 32 : 128;
        // The stand-in address holds the number in its last four bytes.
        uint32_t last = address.numBits / 8;
        address.addrBits[last - 4] = static_cast<uint8_t>(n >> 24);
        address.addrBits[last - 3] = static_cast<uint8_t>(n >> 16);
        address.addrBits[last - 2] = static_cast<uint8_t>(n >> 8);
        address.addrBits[last - 1] = static_cast<uint8_t>(n);
    }
    auto key = std::make_pair(family, label);
    auto it = m_hops.find(key);
    if (it != m_hops.end())
    {
        return it->second;
    }
    RtmNextHopInfo info;
    info.nextHopAddress = address;
    info.interfaceIndex = m_interface;
    RtmNextHopHandle h;
    uint32_t flags = 0;
    if (GetRegistration(family)->AddNextHop(info, h, flags) != RtmStatus::Success)
    {
        return RtmNextHopHandle();
    }
    m_hops[key] = h;
    m_labels[h] = label;
    if (e.nextHop.addressFamily == 0)
    {
        m_asHops[uint64_t(family) << 32 | (m_fanOut == 0 ? e.asn : e.asn % m_fanOut)] = h;
    }
    return h;
}

uint32_t
RtmTableLoader::Load(const std::vector<RtmTableFileEntry>& entries,
                     uint32_t& failed,
                     std::vector<RtmRouteHandle>* handles)
{
    uint32_t loaded = 0;
    failed = 0;
    if (handles != nullptr)
    {
        handles->clear();
        handles->reserve(entries.size());
    }
    RtmRouteInfo route;
    for (const auto& e : entries)
    {
        RtmNextHopHandle h = NextHopFor(e);
        if (h.IsNull())
        {
            ++failed;
            if (handles != nullptr)
            {
                handles->push_back(RtmRouteHandle());
            }
            continue;
        }
        route.nextHops.assign(1, h);
        RtmRouteHandle r;
        uint32_t flags = 0;
        RtmStatus st =
            GetRegistration(e.prefix.addressFamily)
                ->AddRouteToDest(r, e.prefix, route, RTM_INFINITE, RtmRouteListHandle(), flags);
        if (handles != nullptr)
        {
            handles->push_back(st == RtmStatus::Success ? r : RtmRouteHandle());
        }
        if (st == RtmStatus::Success)
        {
            ++loaded;
        }
        else
        {
            ++failed;
        }
    }
    return loaded;
}

std::string
RtmTableLoader::GetLabel(RtmNextHopHandle nextHop) const
{
    auto it = m_labels.find(nextHop);
    return it == m_labels.end() ? "?" : it->second;
}

bool
RtmTableLoader::Lookup(const RtmNetAddress& address,
                       RtmNetAddress& prefix,
                       std::string& label) const
{
    RtmDestInfo dest;
    if (m_instance->Lookup(address, RTM_VIEW_ID_UCAST, dest) != RtmStatus::Success ||
        dest.viewInfo.empty() || dest.viewInfo[0].route.IsNull())
    {
        return false;
    }
    prefix = dest.destAddress;
    const Ptr<RtmRegistration>& reg = m_reg[address.addressFamily == RTM_AF_INET6 ? 1 : 0];
    RtmRouteInfo info;
    label = "-";
    if (reg && reg->GetRouteInfo(dest.viewInfo[0].route, &info) == RtmStatus::Success &&
        !info.nextHops.empty())
    {
        label = GetLabel(info.nextHops[0]);
    }
    return true;
}

} // namespace ns3
