/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRegistration forwards every call to the table of its family, with the caller's identity.
 */
#include "rtm-registration.h"

#include "rtm-instance.h"
#include "rtm-table.h"

namespace ns3
{

RtmRegistration::RtmRegistration(Ptr<RtmInstance> instance,
                                 uint16_t family,
                                 uint32_t entity,
                                 uint32_t generation)
    : m_instance(instance),
      m_family(family),
      m_entity(entity),
      m_generation(generation)
{
}

RtmRegistration::~RtmRegistration() = default;

template <typename Fn>
RtmStatus
RtmRegistration::Dispatch(Fn&& fn) const
{
    if (m_family == RTM_AF_INET)
    {
        RtmTable<RtmIpv4Family>* t = m_instance->PeekIpv4Table();
        return t != nullptr ? fn(*t) : RtmStatus::InvalidHandle;
    }
    RtmTable<RtmIpv6Family>* t = m_instance->PeekIpv6Table();
    return t != nullptr ? fn(*t) : RtmStatus::InvalidHandle;
}

bool
RtmRegistration::IsRegistered() const
{
    return Dispatch([&](auto& t) {
               return t.IsRegistered(m_entity, m_generation) ? RtmStatus::Success
                                                             : RtmStatus::InvalidHandle;
           }) == RtmStatus::Success;
}

RtmEntityHandle
RtmRegistration::GetEntityHandle() const
{
    RtmEntityHandle h;
    Dispatch([&](auto& t) {
        if (!t.IsRegistered(m_entity, m_generation))
        {
            return RtmStatus::InvalidHandle; // the slot may be another client's by now
        }
        h = t.EntityHandle(m_entity);
        return RtmStatus::Success;
    });
    return h;
}

RtmEntityInfo
RtmRegistration::GetEntityInfo() const
{
    RtmEntityInfo info;
    Dispatch([&](auto& t) {
        if (!t.IsRegistered(m_entity, m_generation))
        {
            return RtmStatus::InvalidHandle; // the slot may be another client's by now
        }
        info = t.EntityInfo(m_entity);
        return RtmStatus::Success;
    });
    return info;
}

RtmRegnProfile
RtmRegistration::GetProfile() const
{
    RtmRegnProfile p;
    Dispatch([&](auto& t) {
        if (!t.IsRegistered(m_entity, m_generation))
        {
            return RtmStatus::InvalidHandle; // the slot may be another client's by now
        }
        p = t.Profile();
        return RtmStatus::Success;
    });
    return p;
}

void
RtmRegistration::SetDefaultPreference(uint32_t preference)
{
    Dispatch([&](auto& t) {
        t.SetDefaultPreference(m_entity, m_generation, preference);
        return RtmStatus::Success;
    });
}

uint32_t
RtmRegistration::GetDefaultPreference() const
{
    uint32_t p = 0;
    Dispatch([&](auto& t) {
        p = t.GetDefaultPreference(m_entity, m_generation);
        return RtmStatus::Success;
    });
    return p;
}

RtmStatus
RtmRegistration::Deregister()
{
    return Dispatch([&](auto& t) { return t.Deregister(m_entity, m_generation); });
}

RtmStatus
RtmRegistration::GetRegisteredEntities(uint32_t& numEntities,
                                       std::vector<RtmEntityHandle>& handles,
                                       std::vector<RtmEntityInfo>* infos) const
{
    return Dispatch([&](auto& t) {
        return t.GetRegisteredEntities(m_entity, m_generation, numEntities, handles, infos);
    });
}

RtmStatus
RtmRegistration::GetEntityInfo(RtmEntityHandle entity, RtmEntityInfo& info) const
{
    return Dispatch([&](auto& t) { return t.GetEntityInfo(m_entity, m_generation, entity, info); });
}

RtmStatus
RtmRegistration::GetEntityMethods(RtmEntityHandle entity,
                                  uint32_t& numMethods,
                                  std::vector<uint32_t>& methodTypes) const
{
    return Dispatch([&](auto& t) {
        return t.GetEntityMethods(m_entity, m_generation, entity, numMethods, methodTypes);
    });
}

RtmStatus
RtmRegistration::InvokeMethod(RtmEntityHandle entity,
                              const RtmEntityMethodInput& input,
                              uint32_t& outputSize,
                              std::vector<RtmEntityMethodOutput>& outputs,
                              RtmInvokeCallback done)
{
    return Dispatch([&](auto& t) {
        return t.InvokeMethod(m_entity, m_generation, entity, input, outputSize, outputs, done);
    });
}

RtmStatus
RtmRegistration::BlockMethods(uint32_t flag, uint32_t targetType)
{
    return Dispatch(
        [&](auto& t) { return t.BlockMethods(m_entity, m_generation, flag, targetType); });
}

RtmStatus
RtmRegistration::AddNextHop(const RtmNextHopInfo& info,
                            RtmNextHopHandle& handle,
                            uint32_t& changeFlags)
{
    return Dispatch(
        [&](auto& t) { return t.AddNextHop(m_entity, m_generation, info, handle, changeFlags); });
}

RtmStatus
RtmRegistration::FindNextHop(const RtmNextHopInfo& info, RtmNextHopHandle& handle) const
{
    return Dispatch([&](auto& t) { return t.FindNextHop(m_entity, m_generation, info, handle); });
}

RtmStatus
RtmRegistration::DeleteNextHop(RtmNextHopHandle handle, const RtmNextHopInfo* info)
{
    return Dispatch([&](auto& t) { return t.DeleteNextHop(m_entity, m_generation, handle, info); });
}

RtmStatus
RtmRegistration::GetNextHopInfo(RtmNextHopHandle handle, RtmNextHopInfo& info) const
{
    return Dispatch(
        [&](auto& t) { return t.GetNextHopInfo(m_entity, m_generation, handle, info); });
}

RtmStatus
RtmRegistration::CreateNextHopEnum(uint32_t enumFlags,
                                   const RtmNetAddress* address,
                                   RtmEnumHandle& handle)
{
    return Dispatch([&](auto& t) {
        return t.CreateNextHopEnum(m_entity, m_generation, enumFlags, address, handle);
    });
}

RtmStatus
RtmRegistration::GetEnumNextHops(RtmEnumHandle handle,
                                 uint32_t& num,
                                 std::vector<RtmNextHopHandle>& nextHops)
{
    return Dispatch(
        [&](auto& t) { return t.GetEnumNextHops(m_entity, m_generation, handle, num, nextHops); });
}

RtmStatus
RtmRegistration::AddRouteToDest(RtmRouteHandle& route,
                                const RtmNetAddress& dest,
                                const RtmRouteInfo& info,
                                uint32_t timeToLive,
                                RtmRouteListHandle list,
                                uint32_t& changeFlags)
{
    return Dispatch([&](auto& t) {
        return t.AddRouteToDest(m_entity,
                                m_generation,
                                route,
                                dest,
                                info,
                                timeToLive,
                                list,
                                changeFlags);
    });
}

RtmStatus
RtmRegistration::UpdateRoute(RtmRouteHandle route,
                             const RtmRouteInfo& info,
                             uint32_t timeToLive,
                             RtmRouteListHandle list,
                             uint32_t& changeFlags)
{
    return Dispatch([&](auto& t) {
        return t.UpdateRoute(m_entity, m_generation, route, info, timeToLive, list, changeFlags);
    });
}

RtmStatus
RtmRegistration::DeleteRouteToDest(RtmRouteHandle route, uint32_t& changeFlags)
{
    return Dispatch(
        [&](auto& t) { return t.DeleteRouteToDest(m_entity, m_generation, route, changeFlags); });
}

RtmStatus
RtmRegistration::HoldDestination(RtmDestHandle dest, RtmViewSet views, uint32_t holdTime)
{
    return Dispatch(
        [&](auto& t) { return t.HoldDestination(m_entity, m_generation, dest, views, holdTime); });
}

RtmStatus
RtmRegistration::GetRouteInfo(RtmRouteHandle route,
                              RtmRouteInfo* info,
                              RtmNetAddress* destAddress) const
{
    return Dispatch(
        [&](auto& t) { return t.GetRouteInfo(m_entity, m_generation, route, info, destAddress); });
}

RtmStatus
RtmRegistration::IsBestRoute(RtmRouteHandle route, RtmViewSet& views) const
{
    return Dispatch([&](auto& t) { return t.IsBestRoute(m_entity, m_generation, route, views); });
}

RtmStatus
RtmRegistration::GetDestInfo(RtmDestHandle dest,
                             uint32_t protocolId,
                             RtmViewSet views,
                             RtmDestInfo& info) const
{
    return Dispatch([&](auto& t) {
        return t.GetDestInfo(m_entity, m_generation, dest, protocolId, views, info);
    });
}

RtmStatus
RtmRegistration::GetExactMatchDestination(const RtmNetAddress& dest,
                                          uint32_t protocolId,
                                          RtmViewSet views,
                                          RtmDestInfo& info) const
{
    return Dispatch([&](auto& t) {
        return t.GetExactMatchDestination(m_entity, m_generation, dest, protocolId, views, info);
    });
}

RtmStatus
RtmRegistration::GetMostSpecificDestination(const RtmNetAddress& address,
                                            uint32_t protocolId,
                                            RtmViewSet views,
                                            RtmDestInfo& info) const
{
    return Dispatch([&](auto& t) {
        return t
            .GetMostSpecificDestination(m_entity, m_generation, address, protocolId, views, info);
    });
}

RtmStatus
RtmRegistration::GetLessSpecificDestination(RtmDestHandle dest,
                                            uint32_t protocolId,
                                            RtmViewSet views,
                                            RtmDestInfo& info) const
{
    return Dispatch([&](auto& t) {
        return t.GetLessSpecificDestination(m_entity, m_generation, dest, protocolId, views, info);
    });
}

RtmStatus
RtmRegistration::GetExactMatchRoute(const RtmNetAddress& dest,
                                    uint32_t matchFlags,
                                    RtmRouteInfo& criteria,
                                    uint32_t interfaceIndex,
                                    RtmViewSet views,
                                    RtmRouteHandle* route) const
{
    return Dispatch([&](auto& t) {
        return t.GetExactMatchRoute(m_entity,
                                    m_generation,
                                    dest,
                                    matchFlags,
                                    criteria,
                                    interfaceIndex,
                                    views,
                                    route);
    });
}

RtmStatus
RtmRegistration::CreateDestEnum(RtmViewSet views,
                                uint32_t enumFlags,
                                const RtmNetAddress* address,
                                uint32_t protocolId,
                                RtmEnumHandle& handle)
{
    return Dispatch([&](auto& t) {
        return t
            .CreateDestEnum(m_entity, m_generation, views, enumFlags, address, protocolId, handle);
    });
}

RtmStatus
RtmRegistration::GetEnumDests(RtmEnumHandle handle, uint32_t& num, std::vector<RtmDestInfo>& dests)
{
    return Dispatch(
        [&](auto& t) { return t.GetEnumDests(m_entity, m_generation, handle, num, dests); });
}

RtmStatus
RtmRegistration::CreateRouteEnum(RtmDestHandle dest,
                                 RtmViewSet views,
                                 uint32_t enumFlags,
                                 const RtmNetAddress* startDest,
                                 uint32_t matchFlags,
                                 const RtmRouteInfo* criteria,
                                 uint32_t interfaceIndex,
                                 RtmEnumHandle& handle)
{
    return Dispatch([&](auto& t) {
        return t.CreateRouteEnum(m_entity,
                                 m_generation,
                                 dest,
                                 views,
                                 enumFlags,
                                 startDest,
                                 matchFlags,
                                 criteria,
                                 interfaceIndex,
                                 handle);
    });
}

RtmStatus
RtmRegistration::GetEnumRoutes(RtmEnumHandle handle,
                               uint32_t& num,
                               std::vector<RtmRouteHandle>& routes)
{
    return Dispatch(
        [&](auto& t) { return t.GetEnumRoutes(m_entity, m_generation, handle, num, routes); });
}

RtmStatus
RtmRegistration::DeleteEnumHandle(RtmEnumHandle handle)
{
    return Dispatch([&](auto& t) { return t.DeleteEnumHandle(m_entity, m_generation, handle); });
}

RtmStatus
RtmRegistration::RegisterForChangeNotification(RtmViewSet views,
                                               uint32_t notifyFlags,
                                               uint64_t context,
                                               RtmNotifyHandle& handle)
{
    return Dispatch([&](auto& t) {
        return t.RegisterForChangeNotification(m_entity,
                                               m_generation,
                                               views,
                                               notifyFlags,
                                               context,
                                               handle);
    });
}

RtmStatus
RtmRegistration::GetChangedDests(RtmNotifyHandle handle,
                                 uint32_t& num,
                                 std::vector<RtmDestInfo>& dests)
{
    return Dispatch(
        [&](auto& t) { return t.GetChangedDests(m_entity, m_generation, handle, num, dests); });
}

RtmStatus
RtmRegistration::GetChangeStatus(RtmNotifyHandle handle, RtmDestHandle dest, bool& pending) const
{
    return Dispatch(
        [&](auto& t) { return t.GetChangeStatus(m_entity, m_generation, handle, dest, pending); });
}

RtmStatus
RtmRegistration::IgnoreChangedDests(RtmNotifyHandle handle, const std::vector<RtmDestHandle>& dests)
{
    return Dispatch(
        [&](auto& t) { return t.IgnoreChangedDests(m_entity, m_generation, handle, dests); });
}

RtmStatus
RtmRegistration::MarkDestForChangeNotification(RtmNotifyHandle handle,
                                               RtmDestHandle dest,
                                               bool mark)
{
    return Dispatch([&](auto& t) {
        return t.MarkDestForChangeNotification(m_entity, m_generation, handle, dest, mark);
    });
}

RtmStatus
RtmRegistration::IsMarkedForChangeNotification(RtmNotifyHandle handle,
                                               RtmDestHandle dest,
                                               bool& marked) const
{
    return Dispatch([&](auto& t) {
        return t.IsMarkedForChangeNotification(m_entity, m_generation, handle, dest, marked);
    });
}

RtmStatus
RtmRegistration::DeregisterFromChangeNotification(RtmNotifyHandle handle)
{
    return Dispatch([&](auto& t) {
        return t.DeregisterFromChangeNotification(m_entity, m_generation, handle);
    });
}

RtmStatus
RtmRegistration::CreateRouteList(RtmRouteListHandle& list)
{
    return Dispatch([&](auto& t) { return t.CreateRouteList(m_entity, m_generation, list); });
}

RtmStatus
RtmRegistration::InsertInRouteList(RtmRouteListHandle list,
                                   const std::vector<RtmRouteHandle>& routes)
{
    return Dispatch(
        [&](auto& t) { return t.InsertInRouteList(m_entity, m_generation, list, routes); });
}

RtmStatus
RtmRegistration::CreateRouteListEnum(RtmRouteListHandle list, RtmEnumHandle& handle)
{
    return Dispatch(
        [&](auto& t) { return t.CreateRouteListEnum(m_entity, m_generation, list, handle); });
}

RtmStatus
RtmRegistration::GetListEnumRoutes(RtmEnumHandle handle,
                                   uint32_t& num,
                                   std::vector<RtmRouteHandle>& routes)
{
    return Dispatch(
        [&](auto& t) { return t.GetListEnumRoutes(m_entity, m_generation, handle, num, routes); });
}

RtmStatus
RtmRegistration::DeleteRouteList(RtmRouteListHandle list)
{
    return Dispatch([&](auto& t) { return t.DeleteRouteList(m_entity, m_generation, list); });
}

RtmStatus
RtmRegistration::GetOpaquePointer(RtmDestHandle dest, uint64_t& value) const
{
    return Dispatch(
        [&](auto& t) { return t.GetOpaquePointer(m_entity, m_generation, dest, value); });
}

RtmStatus
RtmRegistration::SetOpaquePointer(RtmDestHandle dest, uint64_t value)
{
    return Dispatch(
        [&](auto& t) { return t.SetOpaquePointer(m_entity, m_generation, dest, value); });
}

} // namespace ns3
