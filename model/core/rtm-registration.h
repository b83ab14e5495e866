/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRegistration: a client's registration with one (instance, family); every RTMv2 call that
 * takes a registration handle is a method here, forwarded to the family's RtmTable with the
 * entity handle, so ownership is checked by the table on every call.
 */
#ifndef RTM_REGISTRATION_H
#define RTM_REGISTRATION_H

#include "rtm-types.h"

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <vector>

namespace ns3
{

template <typename F>
class RtmTable;
struct RtmIpv4Family;
struct RtmIpv6Family;
class RtmInstance;

/**
 * \ingroup rtm
 * \brief A client's registration with one (RTM instance, address family): every RTMv2 call that
 * takes a registration handle is a method here.
 *
 * Obtain one with RtmInstance::RegisterEntity. All calls are atomic (the simulator has one
 * thread), so RTMv2's lock calls are not needed: RtmLockRoute + RtmUpdateAndUnlockRoute is one
 * UpdateRoute call. Handles are values checked on every call; nothing needs releasing.
 * After Deregister (or once the instance is disposed) every call returns InvalidHandle.
 *
 * Statuses common to every call, not repeated below: InvalidHandle if the registration is no
 * longer valid.
 */
class RtmRegistration : public SimpleRefCount<RtmRegistration>
{
  public:
    ~RtmRegistration();

    // ------------------------------------------------------------------ registration

    /**
     * \brief RtmDeregisterEntity: leave the table. Everything the client still owns is removed:
     * its routes (as ordinary deletions, so others are notified and hold-down applies), next
     * hops, route lists, enumerations, notification registrations and its opaque slot. The
     * other clients then receive EntityDeregistered.
     * \return Success, InvalidHandle
     */
    RtmStatus Deregister();

    /// \return true until Deregister (or the table is gone)
    bool IsRegistered() const;

    /// \return this client's entity handle (the route owner others see); null if deregistered
    RtmEntityHandle GetEntityHandle() const;

    /// \return this client's identity; an empty identity once deregistered
    RtmEntityInfo GetEntityInfo() const;

    /// \return the registration profile; a zero profile once deregistered
    RtmRegnProfile GetProfile() const;

    /**
     * \brief Set the preference given to routes added with preference 0 (default: the instance's
     * DefaultPreference attribute; the clients of this module set their documented defaults).
     * \param preference the preference (lower is better)
     */
    void SetDefaultPreference(uint32_t preference);

    /// \return the preference used for routes added with preference 0
    uint32_t GetDefaultPreference() const;

    /**
     * \brief RtmGetRegisteredEntities: the clients of this instance and family, the caller
     * included, in registration order.
     * \param[in,out] numEntities in: how many the caller accepts; out: how many are registered
     * \param[out] handles their handles (at most the accepted number)
     * \param[out] infos their identities, if not null
     * \return Success; InsufficientBuffer when more are registered than accepted (the first ones
     * are returned and numEntities holds the total)
     */
    RtmStatus GetRegisteredEntities(uint32_t& numEntities,
                                    std::vector<RtmEntityHandle>& handles,
                                    std::vector<RtmEntityInfo>* infos = nullptr) const;

    /**
     * \brief RtmGetEntityInfo.
     * \param entity a client of this instance and family
     * \param[out] info its identity
     * \return Success, InvalidHandle
     */
    RtmStatus GetEntityInfo(RtmEntityHandle entity, RtmEntityInfo& info) const;

    /**
     * \brief RtmGetEntityMethods: the method types (one bit each) a client exports.
     * \param entity the client
     * \param[in,out] numMethods in: how many the caller accepts (0: just count); out: how many
     * \param[out] methodTypes the method bits, ascending
     * \return Success (also when numMethods was 0); InsufficientBuffer (partial list);
     * InvalidHandle
     */
    RtmStatus GetEntityMethods(RtmEntityHandle entity,
                               uint32_t& numMethods,
                               std::vector<uint32_t>& methodTypes) const;

    /**
     * \brief RtmInvokeMethod: run the methods of \p entity selected by input.methodType (bit i =
     * exported method i), in ascending bit order, one output record each. A record counts 12
     * bytes plus its data against \p outputSize; when a record does not fit, the invocation
     * stops there.
     * If the target has blocked its methods the call is queued and completed after it resumes:
     * then Pending is returned and \p done (if not null) receives the outcome.
     * \param entity the target
     * \param input the selector and input data
     * \param[in,out] outputSize in: bytes accepted; out: bytes used
     * \param[out] outputs the records
     * \param done completion of a queued invocation
     * \return Success, InsufficientBuffer, Pending, InvalidHandle (target gone or
     * deregistering), InvalidParameter (no exported method selected)
     */
    RtmStatus InvokeMethod(RtmEntityHandle entity,
                           const RtmEntityMethodInput& input,
                           uint32_t& outputSize,
                           std::vector<RtmEntityMethodOutput>& outputs,
                           RtmInvokeCallback done = RtmInvokeCallback());

    /**
     * \brief RtmBlockMethods: block or resume calls into this client's methods. Only the whole
     * set can be blocked (target null, type RTM_TARGET_NONE).
     * \param flag RTM_BLOCK_METHODS or RTM_RESUME_METHODS
     * \param targetType RTM_TARGET_NONE (DEST/ROUTE/NEXTHOP_TYPE: NotSupported)
     * \return Success, InvalidParameter (flag), NotSupported (a single target)
     */
    RtmStatus BlockMethods(uint32_t flag, uint32_t targetType = RTM_TARGET_NONE);

    // ------------------------------------------------------------------ next hops

    /**
     * \brief RtmAddNextHop: create a next hop in my list, or update one.
     * If \p handle is not null that next hop is updated; otherwise my list is searched for
     * (address, interface) and the match updated or a new next hop created. Only Flags,
     * EntitySpecificInfo (and nothing that identifies the next hop) can change; the owner, state
     * and RemoteNextHop inputs are ignored. A REMOTE next hop has interface 0.
     * \param info the next hop (address: a host address of the table's family)
     * \param[in,out] handle in: the next hop to update, or null; out: its handle
     * \param[out] changeFlags RTM_NEXTHOP_CHANGE_NEW if created, else 0
     * \return Success; InvalidParameter (wrong family, not a host address, interface not owned
     * by the instance, identity changed through a handle); AccessDenied (handle of another
     * client's next hop); InvalidHandle (stale handle)
     */
    RtmStatus AddNextHop(const RtmNextHopInfo& info,
                         RtmNextHopHandle& handle,
                         uint32_t& changeFlags);

    /**
     * \brief RtmFindNextHop: look (address, interface) up in my list.
     * \param info address and interfaceIndex to find
     * \param[out] handle the next hop
     * \return Success, NotFound, InvalidParameter (malformed address)
     */
    RtmStatus FindNextHop(const RtmNextHopInfo& info, RtmNextHopHandle& handle) const;

    /**
     * \brief RtmDeleteNextHop: remove a next hop from my list (by handle, or by info if the
     * handle is null). Routes still using it keep it, marked DELETED, until they drop it.
     * \param handle the next hop, or null
     * \param info its (address, interface) if handle is null
     * \return Success, NotFound, AccessDenied, InvalidHandle, InvalidParameter (neither given)
     */
    RtmStatus DeleteNextHop(RtmNextHopHandle handle, const RtmNextHopInfo* info = nullptr);

    /**
     * \brief RtmGetNextHopInfo (any client's next hop of this table).
     * \param handle the next hop
     * \param[out] info its contents; remoteNextHop is the destination that currently resolves a
     * REMOTE next hop in the unicast view (null if unresolved)
     * \return Success, InvalidHandle
     */
    RtmStatus GetNextHopInfo(RtmNextHopHandle handle, RtmNextHopInfo& info) const;

    /**
     * \brief RtmCreateNextHopEnum over my next-hop list, in (address, interface) order.
     * \param enumFlags RTM_ENUM_START, RTM_ENUM_NEXT (from \p address, included) or
     * RTM_ENUM_RANGE (addresses within \p address)
     * \param address the start or range prefix (ignored for START)
     * \param[out] handle the enumeration
     * \return Success, InvalidParameter (flags, malformed address), NoSystemResources
     */
    RtmStatus CreateNextHopEnum(uint32_t enumFlags,
                                const RtmNetAddress* address,
                                RtmEnumHandle& handle);

    /**
     * \brief RtmGetEnumNextHops: the next batch.
     * \param handle a next-hop enumeration of mine
     * \param[in,out] num in: at most this many (1..MaxHandlesInEnum); out: returned
     * \param[out] nextHops the handles
     * \return Success; NoMoreItems when fewer than asked were returned (maybe none);
     * InvalidParameter (num); InvalidHandle
     */
    RtmStatus GetEnumNextHops(RtmEnumHandle handle,
                              uint32_t& num,
                              std::vector<RtmNextHopHandle>& nextHops);

    // ------------------------------------------------------------------ routes

    /**
     * \brief RtmAddRouteToDest: add a route, or update one of mine.
     * Which route: \p route if not null (its destination must be \p dest); else with
     * RTM_ROUTE_CHANGE_FIRST in changeFlags my first route on the destination; else with
     * RTM_ROUTE_CHANGE_NEW a new route; else my route with the same neighbour, if any; else a
     * new route (and destination). Routing owner and state inputs are ignored; a preference of
     * 0 means my default preference. The TTL (ms, RTM_INFINITE: never) restarts.
     * \param[in,out] route the route to update or null; out: the route's handle
     * \param dest the destination prefix (canonical, of the table's family)
     * \param info the route
     * \param timeToLive in ms; RTM_INFINITE for no ageing
     * \param list if not null, move the route onto this list of mine
     * \param[in,out] changeFlags in: RTM_ROUTE_CHANGE_NEW / _FIRST; out: RTM_ROUTE_CHANGE_NEW
     * if created, | RTM_ROUTE_CHANGE_BEST if the best route changed in some view
     * \return Success; InvalidParameter (malformed or wrong-family prefix, no view, too many or
     * repeated next hops, a DELETED next hop, route not on \p dest, both NEW and FIRST);
     * NotSupported (a view the table does not have); AccessDenied (a route, next hop,
     * neighbour or list of another client); InvalidHandle (stale handles)
     */
    RtmStatus AddRouteToDest(RtmRouteHandle& route,
                             const RtmNetAddress& dest,
                             const RtmRouteInfo& info,
                             uint32_t timeToLive,
                             RtmRouteListHandle list,
                             uint32_t& changeFlags);

    /**
     * \brief RtmLockRoute + RtmUpdateAndUnlockRoute: edit a route of mine in place. Editable:
     * neighbour, flags, flags1, prefInfo, belongsToViews, entitySpecificInfo, nextHops (the
     * union of the header's and the documentation's lists). The route is re-sorted, best routes
     * recomputed, notifications queued and the TTL restarted.
     * \param route my route
     * \param info the new contents (destHandle, routeOwner and state are ignored)
     * \param timeToLive in ms; RTM_INFINITE for no ageing
     * \param list if not null, move the route onto this list of mine
     * \param[out] changeFlags RTM_ROUTE_CHANGE_BEST if the best route changed in some view
     * \return as AddRouteToDest
     */
    RtmStatus UpdateRoute(RtmRouteHandle route,
                          const RtmRouteInfo& info,
                          uint32_t timeToLive,
                          RtmRouteListHandle list,
                          uint32_t& changeFlags);

    /**
     * \brief RtmDeleteRouteToDest: delete a route of mine. If it was the last route of an armed
     * view it becomes that view's hold route (see HoldDestination).
     * \param route my route
     * \param[out] changeFlags RTM_ROUTE_CHANGE_BEST if the best route changed in some view
     * \return Success, AccessDenied, InvalidHandle
     */
    RtmStatus DeleteRouteToDest(RtmRouteHandle route, uint32_t& changeFlags);

    /**
     * \brief RtmHoldDestination: arm hold-down on a destination. When the last route of an armed
     * view goes, it is kept as that view's HoldRoute (never used for forwarding) until
     * deletion time + the destination's largest armed hold time; calling this during a hold
     * extends it to at least now + holdTime.
     * \param dest the destination
     * \param views the views to arm (RTM_VIEW_MASK_ANY: all)
     * \param holdTime in ms, not 0
     * \return Success, InvalidParameter (holdTime 0), NotSupported (view), InvalidHandle
     */
    RtmStatus HoldDestination(RtmDestHandle dest, RtmViewSet views, uint32_t holdTime);

    /**
     * \brief RtmGetRouteInfo (any client's route of this table, held routes too).
     * \param route the route
     * \param[out] info its contents, if not null
     * \param[out] destAddress its destination prefix, if not null
     * \return Success, InvalidHandle
     */
    RtmStatus GetRouteInfo(RtmRouteHandle route,
                           RtmRouteInfo* info,
                           RtmNetAddress* destAddress = nullptr) const;

    /**
     * \brief RtmIsBestRoute: the views in which this route is the best.
     * \param route the route
     * \param[out] views the views
     * \return Success, InvalidHandle
     */
    RtmStatus IsBestRoute(RtmRouteHandle route, RtmViewSet& views) const;

    // ------------------------------------------------------------------ queries

    /**
     * \brief RtmGetDestInfo.
     * \param dest the destination (also an empty one kept alive by a mark or pending change)
     * \param protocolId RTM_BEST_PROTOCOL, RTM_THIS_PROTOCOL or a protocol id: which route the
     * view blocks report
     * \param views the views to report (RTM_VIEW_MASK_ANY: none)
     * \param[out] info the destination
     * \return Success, InvalidHandle, NotSupported (view)
     */
    RtmStatus GetDestInfo(RtmDestHandle dest,
                          uint32_t protocolId,
                          RtmViewSet views,
                          RtmDestInfo& info) const;

    /**
     * \brief RtmGetExactMatchDestination: the destination of exactly this prefix that has a
     * route in one of \p views (ANY: a live or held route).
     * \return Success, NotFound, InvalidParameter (malformed prefix), NotSupported (view)
     */
    RtmStatus GetExactMatchDestination(const RtmNetAddress& dest,
                                       uint32_t protocolId,
                                       RtmViewSet views,
                                       RtmDestInfo& info) const;

    /**
     * \brief RtmGetMostSpecificDestination: the longest prefix covering \p address that has a
     * route in one of \p views (ANY: a live or held route).
     * \return Success, NotFound, InvalidParameter, NotSupported
     */
    RtmStatus GetMostSpecificDestination(const RtmNetAddress& address,
                                         uint32_t protocolId,
                                         RtmViewSet views,
                                         RtmDestInfo& info) const;

    /**
     * \brief RtmGetLessSpecificDestination: the next shorter prefix covering \p dest that has a
     * route in one of \p views. Walks up to 0/0, then NotFound.
     * \return Success, NotFound, InvalidHandle, NotSupported
     */
    RtmStatus GetLessSpecificDestination(RtmDestHandle dest,
                                         uint32_t protocolId,
                                         RtmViewSet views,
                                         RtmDestInfo& info) const;

    /**
     * \brief RtmGetExactMatchRoute: the first route (in preference order) on the destination
     * of exactly \p dest that is in one of \p views (ANY: any live route) and matches
     * \p criteria in the fields selected by \p matchFlags (RTM_MATCH_*). NEXTHOP: a next hop in
     * common (an empty criteria list matches routes without next hops); INTERFACE: a next hop
     * on \p interfaceIndex.
     * \param dest the destination prefix
     * \param matchFlags RTM_MATCH_*
     * \param[in,out] criteria in: the fields to match; out: the route found
     * \param interfaceIndex for RTM_MATCH_INTERFACE
     * \param views the views
     * \param[out] route the route found, if not null
     * \return Success, NotFound, InvalidParameter, NotSupported
     */
    RtmStatus GetExactMatchRoute(const RtmNetAddress& dest,
                                 uint32_t matchFlags,
                                 RtmRouteInfo& criteria,
                                 uint32_t interfaceIndex,
                                 RtmViewSet views,
                                 RtmRouteHandle* route) const;

    // ------------------------------------------------------------------ enumerations

    /**
     * \brief RtmCreateDestEnum: destinations in address order (address bits, then length).
     * With views ≠ ANY a destination is included if it has a live route in one of them; with
     * ANY, also if it only has a held route (and no view blocks are returned).
     * \param views the views
     * \param enumFlags START / NEXT / RANGE, | RTM_ENUM_OWN_DESTS (destinations where I own the
     * best route in one of the views)
     * \param address start or range prefix (ignored for START)
     * \param protocolId as in GetDestInfo
     * \param[out] handle the enumeration
     * \return Success, InvalidParameter, NotSupported, NoSystemResources
     */
    RtmStatus CreateDestEnum(RtmViewSet views,
                             uint32_t enumFlags,
                             const RtmNetAddress* address,
                             uint32_t protocolId,
                             RtmEnumHandle& handle);

    /**
     * \brief RtmGetEnumDests: the next batch.
     * \return Success; NoMoreItems when fewer than asked were returned; InvalidParameter (num
     * 0 or above MaxHandlesInEnum); InvalidHandle
     */
    RtmStatus GetEnumDests(RtmEnumHandle handle, uint32_t& num, std::vector<RtmDestInfo>& dests);

    /**
     * \brief RtmCreateRouteEnum: routes of one destination (\p dest not null) or of all, in
     * address order then preference order. A route is included if it is in one of \p views
     * (ANY: every live route and held routes, after the live ones of their destination) and
     * matches the criteria as in GetExactMatchRoute.
     * \param dest a destination, or null for all
     * \param views the views
     * \param enumFlags START / NEXT / RANGE (by \p startDest, when dest is null), |
     * RTM_ENUM_OWN_ROUTES
     * \param startDest start or range prefix
     * \param matchFlags RTM_MATCH_*
     * \param criteria the fields to match (may be null with MATCH_NONE or MATCH_INTERFACE)
     * \param interfaceIndex for RTM_MATCH_INTERFACE
     * \param[out] handle the enumeration
     * \return Success, InvalidParameter, NotSupported, InvalidHandle, NoSystemResources
     */
    RtmStatus CreateRouteEnum(RtmDestHandle dest,
                              RtmViewSet views,
                              uint32_t enumFlags,
                              const RtmNetAddress* startDest,
                              uint32_t matchFlags,
                              const RtmRouteInfo* criteria,
                              uint32_t interfaceIndex,
                              RtmEnumHandle& handle);

    /**
     * \brief RtmGetEnumRoutes: the next batch of route handles.
     * \return as GetEnumDests
     */
    RtmStatus GetEnumRoutes(RtmEnumHandle handle,
                            uint32_t& num,
                            std::vector<RtmRouteHandle>& routes);

    /**
     * \brief RtmDeleteEnumHandle (any kind of enumeration of mine).
     * \return Success, InvalidHandle
     */
    RtmStatus DeleteEnumHandle(RtmEnumHandle handle);

    // ------------------------------------------------------------------ change notification

    /**
     * \brief RtmRegisterForChangeNotification. Changes of the selected types in the selected
     * views are queued per destination (coalesced); the callback gets ChangeNotification
     * when the queue goes from empty to non-empty.
     * \param views the views (ANY: all)
     * \param notifyFlags RTM_CHANGE_TYPE_* (at least one), | RTM_NOTIFY_ONLY_MARKED_DESTS
     * \param context returned with each ChangeNotification event
     * \param[out] handle the registration
     * \return Success, InvalidParameter (flags), NotSupported (view), NoSystemResources (the
     * table's MaxNotifyRegistrations reached)
     */
    RtmStatus RegisterForChangeNotification(RtmViewSet views,
                                            uint32_t notifyFlags,
                                            uint64_t context,
                                            RtmNotifyHandle& handle);

    /**
     * \brief RtmGetChangedDests: pull changed destinations (current state, one per destination
     * however often it changed), with one view block per view of the registration. A
     * destination whose last route went is reported once with no route.
     * \return Success; NoMoreItems when fewer than asked were returned (maybe with some);
     * InvalidParameter (num); InvalidHandle
     */
    RtmStatus GetChangedDests(RtmNotifyHandle handle,
                              uint32_t& num,
                              std::vector<RtmDestInfo>& dests);

    /**
     * \brief RtmGetChangeStatus: whether a change of \p dest is waiting for this registration.
     * \return Success, InvalidHandle
     */
    RtmStatus GetChangeStatus(RtmNotifyHandle handle, RtmDestHandle dest, bool& pending) const;

    /**
     * \brief RtmIgnoreChangedDests: drop the pending changes of these destinations.
     * \return Success, InvalidHandle (the registration or one destination; the others are
     * still processed)
     */
    RtmStatus IgnoreChangedDests(RtmNotifyHandle handle, const std::vector<RtmDestHandle>& dests);

    /**
     * \brief RtmMarkDestForChangeNotification: (un)mark a destination for this registration.
     * A marked destination is kept while marked, even without routes.
     * \return Success, InvalidHandle
     */
    RtmStatus MarkDestForChangeNotification(RtmNotifyHandle handle, RtmDestHandle dest, bool mark);

    /**
     * \brief RtmIsMarkedForChangeNotification.
     * \return Success, InvalidHandle
     */
    RtmStatus IsMarkedForChangeNotification(RtmNotifyHandle handle,
                                            RtmDestHandle dest,
                                            bool& marked) const;

    /**
     * \brief RtmDeregisterFromChangeNotification: drop the registration and what is pending.
     * \return Success, InvalidHandle
     */
    RtmStatus DeregisterFromChangeNotification(RtmNotifyHandle handle);

    // ------------------------------------------------------------------ route lists

    /**
     * \brief RtmCreateRouteList: a private list of my routes.
     * \return Success, NoSystemResources
     */
    RtmStatus CreateRouteList(RtmRouteListHandle& list);

    /**
     * \brief RtmInsertInRouteList: move routes of mine onto \p list (at its end), or off any
     * list when \p list is null. A route is on at most one list.
     * \return Success, AccessDenied (a route or list of another client), InvalidHandle (all
     * valid routes are still moved)
     */
    RtmStatus InsertInRouteList(RtmRouteListHandle list, const std::vector<RtmRouteHandle>& routes);

    /**
     * \brief RtmCreateRouteListEnum: enumerate a list of mine in insertion order; the
     * enumeration survives removal of routes it already returned.
     * \return Success, InvalidHandle, NoSystemResources
     */
    RtmStatus CreateRouteListEnum(RtmRouteListHandle list, RtmEnumHandle& handle);

    /**
     * \brief RtmGetListEnumRoutes: the next batch; the end is a short (or empty) batch.
     * \return Success, InvalidParameter (num), InvalidHandle
     */
    RtmStatus GetListEnumRoutes(RtmEnumHandle handle,
                                uint32_t& num,
                                std::vector<RtmRouteHandle>& routes);

    /**
     * \brief RtmDeleteRouteList: empty and free a list (its routes stay).
     * \return Success, InvalidHandle, AccessDenied
     */
    RtmStatus DeleteRouteList(RtmRouteListHandle list);

    // ------------------------------------------------------------------ opaque pointers

    /**
     * \brief RtmGetOpaqueInformationPointer (read): my slot in \p dest.
     * \return Success, NotFound (I reserved no slot), InvalidHandle
     */
    RtmStatus GetOpaquePointer(RtmDestHandle dest, uint64_t& value) const;

    /**
     * \brief RtmGetOpaqueInformationPointer (write): set my slot in \p dest; a destination
     * whose slot holds a non-zero value is kept even without routes.
     * \return Success, NotFound (I reserved no slot), InvalidHandle
     */
    RtmStatus SetOpaquePointer(RtmDestHandle dest, uint64_t value);

  private:
    friend class RtmInstance;
    /// Made by RtmInstance::RegisterEntity.
    RtmRegistration(Ptr<RtmInstance> instance,
                    uint16_t family,
                    uint32_t entity,
                    uint32_t generation);

    /// Run \p fn on the table of this registration's family.
    template <typename Fn>
    RtmStatus Dispatch(Fn&& fn) const;

    Ptr<RtmInstance> m_instance; //!< the instance (its tables go when it is disposed)
    uint16_t m_family;           //!< RTM_AF_INET or RTM_AF_INET6
    uint32_t m_entity;           //!< entity slot in the table
    uint32_t m_generation;       //!< its generation
};

} // namespace ns3

#endif /* RTM_REGISTRATION_H */
