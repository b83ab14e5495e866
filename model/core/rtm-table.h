/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTable<F>: one routing table of one RTM instance and one address family.
 *
 * Objects: entities (clients), next hops (in per-client lists), destinations (prefixes), routes,
 * change-notification registrations, enumerations and route lists, each in an RtmSlab so that
 * handles are (table id, slot, generation) and are checked on every call. A route record (32 B)
 * leaves the fields most tables never set to lazy columns by route slot (decisions 38, 43:
 * owner's word, neighbour, tracking slot, RTMv1 flags, count of views holding it), which take no
 * memory until set; a freed route's are zero. A route's next hops and a destination's routes are
 * RtmSlotLists of 32 bits (decision 43): one element inline, two or more in the table's pools
 * (m_hopLists, m_routeLists), pooled exactly when they must be; freeing a record first empties its
 * list through the pool. The IPv4 destination record is 20 B (its last-change time in two
 * 32-bit words). A route's creation order (its tie-break) has 28 bits and is renumbered, with the
 * cursors of route enumerations, when it would overflow (NextSeq).
 *
 * Invariants:
 *  - a destination's live routes are kept sorted by (preference, metric, age); the best route of
 *    a view is the first live route of that view that is not INACTIVE, so it is found by a short
 *    scan of a usually one-element vector and never stored;
 *  - the destination index (RtmPrefixIndex, keyed by destination slot: a destination holds its
 *    own key and length, decision 36) holds every destination object, also empty ones kept
 *    alive by marks, pending changes, opaque values or held routes (decision 8); queries skip
 *    destinations that are not visible in the requested views;
 *  - the unicast and multicast views each have an RtmFib (poptrie) holding exactly the prefixes
 *    whose destination has a best route in that view; it is updated with every change, and
 *    rebuilt lazily in the regions that changed. The FIBs keep no copy of the prefixes
 *    (decision 35): they read them from the destination index through m_fibStore. The unicast
 *    value of each prefix is m_fibBest[destination slot], kept equal to the forwarding record
 *    slot of its best unicast route + 1 (0: none; decision 37), so a packet's lookup ends at the
 *    record; the multicast value is the best multicast route + 1, computed (BestRoute);
 *  - forwarding records: every destination with a best route in the unicast view names
 *    (m_fibBest, decision 41: the destination holds the record, not the route) an interned
 *    Forward record equal to that route's flags and usable hops (one hop inline), refreshed by
 *    Publish whenever a change touches the destination, before the FIB is told, and released
 *    when it has no best route left; records are shared and reference counted (by destination)
 *    and never change in place, so the forwarding path reads one small hot record, never the
 *    route;
 *  - every mutation is done as: snapshot the per-view best routes, change, snapshot again, then
 *    one ChangeSet (views with ALL / BEST / FORWARDING changes) is emitted: FIB update,
 *    notification queues (coalesced by one pending bit per registration and destination), traces;
 *  - a destination's reference count counts pending changes, marks, non-zero opaque values and
 *    held routes; a destination with no live route and no reference is freed at once;
 *  - next-hop state (rtm-table-nexthop-impl.h): a route is eligible as best only if it is
 *    reachable (Route::reach: a usable hop, no next hop at all, or flags that need none); a
 *    local next hop's usable bit is (interface owned and up, read from the instance) and not
 *    DOWN; a route with a REMOTE next hop has an m_tracked record holding its resolved hops
 *    (Route::tracked set, its slot in the lazy column m_trackedOf);
 *    every cached bit and record equals what a fresh evaluation of the table would give once a
 *    call returns;
 *  - indexes for next-hop state, never scans: m_ifNextHops lists the local next hops of each
 *    interface; NextHop::users lists the live routes having the next hop among their next hops
 *    (a route knows its own position there: Route::userPos for its first next hop, m_userPos
 *    for the others, so unlinking is O(1) per next hop); m_remoteAddrs orders the REMOTE next
 *    hops by address, so a change at a destination finds the next hops inside its prefix with
 *    one range query; NextHop::deep lists the tracked routes whose resolution chain looked up
 *    that (REMOTE) next hop's address below its first level.
 * Timers: TTLs are kept in a min-heap with one ns-3 event for the earliest; holds use one ns-3
 * event per held view. Events to clients are scheduled, never delivered inside a client's call
 * (decision 3).
 */
#ifndef RTM_TABLE_H
#define RTM_TABLE_H

#include "rtm-family.h"
#include "rtm-hop-list.h"
#include "rtm-index-vector.h"
#include "rtm-ns3-compat.h"
#include "rtm-prefix-index.h"
#include "rtm-slab.h"
#include "rtm-types.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/rtm-fib.h"

#include <deque>
#include <map>
#include <memory>
#include <ostream>
#include <queue>
#include <unordered_map>
#include <vector>

namespace ns3
{

class RtmInstance;

/// \return a process-wide unique table id (never 0), carried in every handle of the table
uint32_t RtmAllocateTableId();

/**
 * \ingroup rtm
 * \brief Settings of one table (from the attributes of its RtmInstance).
 */
struct RtmTableConfig
{
    uint16_t instanceId{0};          //!< the instance id
    uint32_t maxNextHopsInRoute{16}; //!< next hops per route
    uint32_t maxHandlesInEnum{256};  //!< items per Get call
    RtmViewSet viewsSupported{0x3};  //!< views of the table
    uint32_t opaqueSlots{8};         //!< opaque pointer slots
    uint32_t maxNotify{32};          //!< notification registrations
    uint32_t defaultPreference{150}; //!< preference of routes added with 0
    Time eventDelay;                 //!< delay of client events
};

/**
 * \ingroup rtm
 * \brief One routing table (instance, family). See the file comment for the invariants.
 *
 * The operations mirror RtmRegistration, with the caller's entity slot and generation first;
 * RtmRegistration documents them. The forwarding plane uses the read-only accessors at the end.
 * \tparam F RtmIpv4Family or RtmIpv6Family
 */
template <typename F>
class RtmTable
{
  public:
    typedef typename F::Key Key;                  //!< address key
    typedef RtmKeyOps<F> Ops;                     //!< key operations
    static constexpr uint32_t kNone = 0xFFFFFFFF; //!< no slot

    /**
     * \param instance the owning instance (traces, interface ownership)
     * \param config the settings
     */
    RtmTable(RtmInstance* instance, const RtmTableConfig& config);
    ~RtmTable();
    RtmTable(const RtmTable&) = delete;
    RtmTable& operator=(const RtmTable&) = delete;
    RtmTable(RtmTable&&) = delete;            // m_fibStore points at the table
    RtmTable& operator=(RtmTable&&) = delete; // m_fibStore points at the table

    /// Cancel timers and pending events; afterwards every call fails with InvalidHandle.
    void Dispose();

    /// \return the table id carried by its handles
    uint32_t GetId() const
    {
        return m_id;
    }

    /// \return the settings
    const RtmTableConfig& GetConfig() const
    {
        return m_cfg;
    }

    // ------------------------------------------------------------ registration
    /// RtmRegisterEntity; on success \p slot and \p gen identify the entity.
    RtmStatus Register(const RtmEntityInfo& info,
                       const std::vector<RtmEntityMethod>& methods,
                       RtmEventCallback callback,
                       bool reserveOpaquePointer,
                       RtmRegnProfile& profile,
                       uint32_t& slot,
                       uint32_t& gen);
    /// \return true if (slot, gen) is a registered entity
    bool IsRegistered(uint32_t e, uint32_t g) const;
    RtmStatus Deregister(uint32_t e, uint32_t g);                     //!< see RtmRegistration
    RtmEntityHandle EntityHandle(uint32_t e) const;                   //!< handle of entity slot
    RtmEntityInfo EntityInfo(uint32_t e) const;                       //!< identity of entity slot
    RtmRegnProfile Profile() const;                                   //!< the profile
    void SetDefaultPreference(uint32_t e, uint32_t g, uint32_t pref); //!< see RtmRegistration
    uint32_t GetDefaultPreference(uint32_t e, uint32_t g) const;      //!< see RtmRegistration
    RtmStatus GetRegisteredEntities(
        uint32_t e,
        uint32_t g,
        uint32_t& num,
        std::vector<RtmEntityHandle>& handles,
        std::vector<RtmEntityInfo>* infos) const; //!< see RtmRegistration
    RtmStatus GetEntityInfo(uint32_t e,
                            uint32_t g,
                            RtmEntityHandle h,
                            RtmEntityInfo& info) const; //!< see RtmRegistration
    RtmStatus GetEntityMethods(uint32_t e,
                               uint32_t g,
                               RtmEntityHandle h,
                               uint32_t& num,
                               std::vector<uint32_t>& types) const; //!< see RtmRegistration
    RtmStatus InvokeMethod(uint32_t e,
                           uint32_t g,
                           RtmEntityHandle h,
                           const RtmEntityMethodInput& input,
                           uint32_t& outputSize,
                           std::vector<RtmEntityMethodOutput>& outputs,
                           RtmInvokeCallback done); //!< see RtmRegistration
    RtmStatus BlockMethods(uint32_t e,
                           uint32_t g,
                           uint32_t flag,
                           uint32_t targetType); //!< see RtmRegistration

    // ------------------------------------------------------------ next hops
    RtmStatus AddNextHop(uint32_t e,
                         uint32_t g,
                         const RtmNextHopInfo& info,
                         RtmNextHopHandle& h,
                         uint32_t& changeFlags); //!< see RtmRegistration
    RtmStatus FindNextHop(uint32_t e,
                          uint32_t g,
                          const RtmNextHopInfo& info,
                          RtmNextHopHandle& h) const; //!< see RtmRegistration
    RtmStatus DeleteNextHop(uint32_t e,
                            uint32_t g,
                            RtmNextHopHandle h,
                            const RtmNextHopInfo* info); //!< see RtmRegistration
    RtmStatus GetNextHopInfo(uint32_t e,
                             uint32_t g,
                             RtmNextHopHandle h,
                             RtmNextHopInfo& info) const; //!< see RtmRegistration
    RtmStatus CreateNextHopEnum(uint32_t e,
                                uint32_t g,
                                uint32_t flags,
                                const RtmNetAddress* address,
                                RtmEnumHandle& h); //!< see RtmRegistration
    RtmStatus GetEnumNextHops(uint32_t e,
                              uint32_t g,
                              RtmEnumHandle h,
                              uint32_t& num,
                              std::vector<RtmNextHopHandle>& out); //!< see RtmRegistration

    // ------------------------------------------------------------ routes
    RtmStatus AddRouteToDest(uint32_t e,
                             uint32_t g,
                             RtmRouteHandle& route,
                             const RtmNetAddress& dest,
                             const RtmRouteInfo& info,
                             uint32_t ttl,
                             RtmRouteListHandle list,
                             uint32_t& changeFlags); //!< see RtmRegistration
    RtmStatus UpdateRoute(uint32_t e,
                          uint32_t g,
                          RtmRouteHandle route,
                          const RtmRouteInfo& info,
                          uint32_t ttl,
                          RtmRouteListHandle list,
                          uint32_t& changeFlags); //!< see RtmRegistration
    RtmStatus DeleteRouteToDest(uint32_t e,
                                uint32_t g,
                                RtmRouteHandle route,
                                uint32_t& changeFlags); //!< see RtmRegistration
    RtmStatus HoldDestination(uint32_t e,
                              uint32_t g,
                              RtmDestHandle dest,
                              RtmViewSet views,
                              uint32_t holdTime); //!< see RtmRegistration
    RtmStatus GetRouteInfo(uint32_t e,
                           uint32_t g,
                           RtmRouteHandle route,
                           RtmRouteInfo* info,
                           RtmNetAddress* dest) const; //!< see RtmRegistration
    RtmStatus IsBestRoute(uint32_t e,
                          uint32_t g,
                          RtmRouteHandle route,
                          RtmViewSet& views) const; //!< see RtmRegistration

    // ------------------------------------------------------------ queries
    RtmStatus GetDestInfo(uint32_t e,
                          uint32_t g,
                          RtmDestHandle dest,
                          uint32_t protocolId,
                          RtmViewSet views,
                          RtmDestInfo& info) const; //!< see RtmRegistration
    RtmStatus GetExactMatchDestination(uint32_t e,
                                       uint32_t g,
                                       const RtmNetAddress& dest,
                                       uint32_t protocolId,
                                       RtmViewSet views,
                                       RtmDestInfo& info) const; //!< see RtmRegistration
    RtmStatus GetMostSpecificDestination(uint32_t e,
                                         uint32_t g,
                                         const RtmNetAddress& address,
                                         uint32_t protocolId,
                                         RtmViewSet views,
                                         RtmDestInfo& info) const; //!< see RtmRegistration
    RtmStatus GetLessSpecificDestination(uint32_t e,
                                         uint32_t g,
                                         RtmDestHandle dest,
                                         uint32_t protocolId,
                                         RtmViewSet views,
                                         RtmDestInfo& info) const; //!< see RtmRegistration
    RtmStatus GetExactMatchRoute(uint32_t e,
                                 uint32_t g,
                                 const RtmNetAddress& dest,
                                 uint32_t matchFlags,
                                 RtmRouteInfo& criteria,
                                 uint32_t interfaceIndex,
                                 RtmViewSet views,
                                 RtmRouteHandle* route) const; //!< see RtmRegistration

    // ------------------------------------------------------------ enumerations
    RtmStatus CreateDestEnum(uint32_t e,
                             uint32_t g,
                             RtmViewSet views,
                             uint32_t flags,
                             const RtmNetAddress* address,
                             uint32_t protocolId,
                             RtmEnumHandle& h); //!< see RtmRegistration
    RtmStatus GetEnumDests(uint32_t e,
                           uint32_t g,
                           RtmEnumHandle h,
                           uint32_t& num,
                           std::vector<RtmDestInfo>& out); //!< see RtmRegistration
    RtmStatus CreateRouteEnum(uint32_t e,
                              uint32_t g,
                              RtmDestHandle dest,
                              RtmViewSet views,
                              uint32_t flags,
                              const RtmNetAddress* start,
                              uint32_t matchFlags,
                              const RtmRouteInfo* criteria,
                              uint32_t interfaceIndex,
                              RtmEnumHandle& h); //!< see RtmRegistration
    RtmStatus GetEnumRoutes(uint32_t e,
                            uint32_t g,
                            RtmEnumHandle h,
                            uint32_t& num,
                            std::vector<RtmRouteHandle>& out);           //!< see RtmRegistration
    RtmStatus DeleteEnumHandle(uint32_t e, uint32_t g, RtmEnumHandle h); //!< see RtmRegistration

    // ------------------------------------------------------------ notifications
    RtmStatus RegisterForChangeNotification(uint32_t e,
                                            uint32_t g,
                                            RtmViewSet views,
                                            uint32_t flags,
                                            uint64_t context,
                                            RtmNotifyHandle& h); //!< see RtmRegistration
    RtmStatus GetChangedDests(uint32_t e,
                              uint32_t g,
                              RtmNotifyHandle h,
                              uint32_t& num,
                              std::vector<RtmDestInfo>& out); //!< see RtmRegistration
    RtmStatus GetChangeStatus(uint32_t e,
                              uint32_t g,
                              RtmNotifyHandle h,
                              RtmDestHandle dest,
                              bool& pending) const; //!< see RtmRegistration
    RtmStatus IgnoreChangedDests(uint32_t e,
                                 uint32_t g,
                                 RtmNotifyHandle h,
                                 const std::vector<RtmDestHandle>& dests); //!< see RtmRegistration
    RtmStatus MarkDestForChangeNotification(uint32_t e,
                                            uint32_t g,
                                            RtmNotifyHandle h,
                                            RtmDestHandle dest,
                                            bool mark); //!< see RtmRegistration
    RtmStatus IsMarkedForChangeNotification(uint32_t e,
                                            uint32_t g,
                                            RtmNotifyHandle h,
                                            RtmDestHandle dest,
                                            bool& marked) const; //!< see RtmRegistration
    RtmStatus DeregisterFromChangeNotification(uint32_t e,
                                               uint32_t g,
                                               RtmNotifyHandle h); //!< see RtmRegistration

    // ------------------------------------------------------------ route lists, opaque
    RtmStatus CreateRouteList(uint32_t e,
                              uint32_t g,
                              RtmRouteListHandle& list); //!< see RtmRegistration
    RtmStatus InsertInRouteList(uint32_t e,
                                uint32_t g,
                                RtmRouteListHandle list,
                                const std::vector<RtmRouteHandle>& routes); //!< see RtmRegistration
    RtmStatus CreateRouteListEnum(uint32_t e,
                                  uint32_t g,
                                  RtmRouteListHandle list,
                                  RtmEnumHandle& h); //!< see RtmRegistration
    RtmStatus GetListEnumRoutes(uint32_t e,
                                uint32_t g,
                                RtmEnumHandle h,
                                uint32_t& num,
                                std::vector<RtmRouteHandle>& out); //!< see RtmRegistration
    RtmStatus DeleteRouteList(uint32_t e,
                              uint32_t g,
                              RtmRouteListHandle list); //!< see RtmRegistration
    RtmStatus GetOpaquePointer(uint32_t e,
                               uint32_t g,
                               RtmDestHandle dest,
                               uint64_t& value) const; //!< see RtmRegistration
    RtmStatus SetOpaquePointer(uint32_t e,
                               uint32_t g,
                               RtmDestHandle dest,
                               uint64_t value); //!< see RtmRegistration

    // ------------------------------------------------------------ forwarding plane (read-only)
    /**
     * \brief Longest-prefix match in the FIB of \p view (unicast or multicast): the best route
     * of the longest matching prefix that has one in that view. Multicast (the RPF check): one
     * poptrie lookup, whose values are routes. Unicast: the unicast FIB's values are forwarding
     * records (decision 37), so the same prefix is found in the destination index (the longest
     * prefix with a unicast FIB value, one hash probe per length in use) and its best route
     * read; packets use FibLookupForward instead.
     * \return the route slot, or kNone
     */
    uint32_t FibLookupRoute(RtmViewId view, Key address) const
    {
        if (view == RTM_VIEW_ID_UCAST)
        {
            if (!m_fib[0])
            {
                return kNone;
            }
            uint32_t d = m_prefixes.Longest(address, F::kBits, [this](uint32_t n) {
                return n < m_fibBest.Size() && m_fibBest[n] != 0;
            });
            return d == kNone ? kNone : BestRoute(d, RTM_VIEW_ID_UCAST);
        }
        if (view != RTM_VIEW_ID_MCAST)
        {
            return kNone;
        }
        const RtmFib<F>* fib = m_fib[1] ? m_fib[1].get() : EnableMulticastFib();
        if (fib == nullptr)
        {
            return kNone;
        }
        uint32_t v = fib->Lookup(address);
        return v == 0 ? kNone : v - 1;
    }

    /**
     * \brief Longest-prefix match in the FIB of \p view.
     * \return the destination slot, or kNone
     */
    uint32_t FibLookup(RtmViewId view, Key address) const
    {
        uint32_t r = FibLookupRoute(view, address);
        return r == kNone ? kNone : m_routes[r].dest;
    }

    /// \return the best route slot of destination slot \p d in \p view, or kNone
    uint32_t BestRoute(uint32_t d, RtmViewId view) const;
    /// \return the best route of \p d in \p view among routes passing \p filter, or kNone
    uint32_t BestRouteFiltered(uint32_t d, RtmViewId view, int64_t filter) const;

    /// \return the next-hop slots of route slot \p r (valid until the table changes)
    RtmSlotSpan RouteNextHops(uint32_t r) const
    {
        return NextHopsOf(m_routes[r]);
    }

    /**
     * \brief One usable hop of a route after resolution: where the forwarder sends a packet.
     * A gateway of 0 means on-link: the packet goes to its own destination address.
     */
    struct Hop
    {
        uint32_t ifIndex; //!< outgoing interface
        Key gateway;      //!< next-hop address, 0 for on-link

        /// \return true if both hops are the same
        bool operator==(const Hop& o) const
        {
            return ifIndex == o.ifIndex && gateway == o.gateway;
        }

        /// \return true if the hops differ
        bool operator!=(const Hop& o) const
        {
            return !(*this == o);
        }
    };

    /**
     * \brief Number of usable hops of route slot \p r: its usable local next hops, and the hops
     * its REMOTE next hops resolve to (recursively, through the unicast view), in next-hop
     * order. The notifications follow exactly these hops (FORWARDING when a best route's hops
     * change). No allocation: local-only routes are read in place, resolved routes from the
     * cache that next-hop tracking keeps up to date.
     * \param r a live route slot
     * \return the count (0: no usable next hop)
     */
    uint32_t HopCount(uint32_t r) const
    {
        const Route& x = m_routes[r];
        if (x.tracked)
        {
            return static_cast<uint32_t>(m_tracked[TrackedOf(r)].hops.size());
        }
        uint32_t count = 0;
        for (uint32_t n : NextHopsOf(x))
        {
            count += m_nextHops[n].usable;
        }
        return count;
    }

    /**
     * \brief Hop \p i of route slot \p r (see HopCount).
     * \param r a live route slot \param i an index below HopCount(r)
     * \return the hop
     */
    Hop GetHop(uint32_t r, uint32_t i) const
    {
        const Route& x = m_routes[r];
        if (x.tracked)
        {
            return m_tracked[TrackedOf(r)].hops[i];
        }
        for (uint32_t n : NextHopsOf(x))
        {
            if (m_nextHops[n].usable && i-- == 0)
            {
                return LocalHop(x.flags, n);
            }
        }
        return Hop{kNone, Key(0)};
    }

    /**
     * \brief What the forwarding plane needs of a unicast FIB entry: the best route's flags and
     * its usable hops, exactly as RouteFlags, HopCount and GetHop give them. One record is shared
     * by every best route that forwards the same way (interned, reference counted), so the few
     * records a table holds stay in cache and a lookup never touches the route record.
     */
    struct Forward
    {
        uint16_t flags{0};    //!< RTM_ROUTE_FLAGS_* of the route
        RtmHopList<Hop> hops; //!< its usable hops, resolved, in next-hop order (one inline)

        /// \return true if both records forward the same way
        bool operator==(const Forward& o) const
        {
            return flags == o.flags && hops == o.hops;
        }
    };

    /**
     * \brief Longest-prefix match in the unicast FIB, for forwarding: the forwarding record of
     * the best route of the longest matching prefix. One poptrie lookup whose leaf is the
     * record's slot + 1 (decision 37), one record shared by many routes, its single hop inline;
     * no allocation.
     * \param address the destination
     * \return the record (valid until the table changes), or nullptr if no prefix matches
     */
    const Forward* FibLookupForward(Key address) const
    {
        const RtmFib<F>* fib = m_fib[0].get();
        if (fib == nullptr)
        {
            return nullptr;
        }
        uint32_t v = fib->Lookup(address);
        return v == 0 ? nullptr : &m_fwd[v - 1].rec;
    }

    /**
     * \brief Checks the invariant of the forwarding records (for tests): every best route of the
     * unicast view has a record equal to its flags and hops, every record's reference count
     * is the number of routes naming it, and the FIB's answer for each destination's own address
     * (FibLookupForward) is the record of the best route FibLookupRoute finds in the index.
     * \return true if it holds
     */
    bool CheckForwardRecords() const;

    /**
     * \brief Checks the invariants of the destination index (for tests): the prefix index's
     * order and exact-match hash (RtmPrefixIndex::Check), every live destination and live
     * prefix record naming each other, and the routes' lazy columns (CheckRouteColumns).
     * \return true if they hold
     */
    bool CheckIndex() const;

    /**
     * \return true if route slot \p r may be a best route as far as its next hops go: it has
     * a usable hop, or no next hop at all, or flags that need none (MYSELF, LOOPBACK,
     * BLACKHOLE, DISCARD, MARTIAN). Views and INACTIVE decide the rest.
     */
    bool RouteReachable(uint32_t r) const
    {
        return m_routes[r].reach != 0;
    }

    /// \return true if next-hop slot \p n is usable (local: interface owned and up, not DOWN;
    /// remote: not DOWN, resolution is per route)
    bool NextHopUsable(uint32_t n) const
    {
        return m_nextHops[n].usable;
    }

    /// Most REMOTE next hops in one resolution chain (doc/rtm-decisions.rst, "Next-hop tracking").
    static constexpr uint32_t kMaxRecursion = 4;

    /**
     * \brief The instance tells the table that an interface changed (ownership or up/down):
     * the next hops on it become usable or not, routes are re-selected and notified.
     * \param ifIndex the interface
     */
    void InterfaceChanged(uint32_t ifIndex);

    /// \return the flags of route slot \p r
    uint16_t RouteFlags(uint32_t r) const
    {
        return m_routes[r].flags;
    }

    /// \return the key of next-hop slot \p n
    Key NextHopAddress(uint32_t n) const
    {
        return m_nextHops[n].addr;
    }

    /// \return the interface of next-hop slot \p n
    uint32_t NextHopInterface(uint32_t n) const
    {
        return m_nextHops[n].ifIndex;
    }

    /// \return the flags of next-hop slot \p n
    uint16_t NextHopFlags(uint32_t n) const
    {
        return m_nextHops[n].flags;
    }

    /// \return (key, length) of destination slot \p d
    RtmNetAddress DestAddress(uint32_t d) const;

    /// \return the handle of destination slot \p d
    RtmDestHandle DestHandle(uint32_t d) const
    {
        return RtmDestHandle{m_id, d, m_dests.Gen(d)};
    }

    /// \return the handle of route slot \p r
    RtmRouteHandle RouteHandle(uint32_t r) const
    {
        return RtmRouteHandle{m_id, r, m_routes.Gen(r)};
    }

    /// Fill a destination info for slot \p d (no caller checks).
    void FillDestInfo(uint32_t d,
                      int64_t protocolFilter,
                      RtmViewSet views,
                      RtmDestInfo& info) const;

    /// \return live destinations
    uint32_t DestCount() const
    {
        return m_dests.LiveCount();
    }

    /**
     * \brief Count \p count route creations without creating routes (for tests: the creation
     * order of routes, their tie-break, has 28 bits and is renumbered when it would overflow).
     * \param count the creations to skip (the order stops at its largest value)
     */
    void SkipRouteSeq(uint32_t count);

    /// \return live and held routes
    uint32_t RouteCount() const
    {
        return m_routes.LiveCount();
    }

    /// \return heap bytes used by the table
    std::size_t MemoryBytes() const;
    /// Print the heap bytes of each part of the table (diagnostics, benchmarks).
    void PrintMemory(std::ostream& os) const;
    /// \return heap bytes of the FIB lookup structures
    std::size_t FibLookupBytes() const;
    /// Print every destination with its routes, per view, best marked.
    void Print(std::ostream& os) const;

  private:
    // ------------------------------------------------------------ objects
    /// A registered client.
    struct Entity
    {
        RtmEntityInfo info;                   //!< identity
        RtmEventCallback callback;            //!< event callback
        std::vector<RtmEntityMethod> methods; //!< exported methods
        uint32_t defaultPref{0};              //!< preference for routes added with 0
        int32_t opaqueSlot{-1};               //!< reserved opaque slot or -1
        bool blocked{false};                  //!< methods blocked
        uint64_t order{0};                    //!< registration order
        std::map<std::pair<Key, uint32_t>, uint32_t> nextHops; //!< (address, interface) -> slot
        uint32_t routes{0};                                    //!< live routes owned

        /// A method invocation queued while blocked.
        struct Queued
        {
            uint32_t caller;            //!< caller entity slot
            uint32_t callerGen;         //!< its generation
            RtmEntityMethodInput input; //!< input
            uint32_t outputSize;        //!< bytes accepted
            RtmInvokeCallback done;     //!< completion
        };

        std::vector<Queued> queued; //!< queued invocations (a vector: empty costs nothing)
    };

    /// A next hop.
    struct NextHop
    {
        Key addr{};                  //!< address
        uint32_t ifIndex{0};         //!< interface
        uint64_t entityInfo{0};      //!< owner's private word
        uint32_t uses{0};            //!< live or held routes referencing it (next hop or neighbour)
        uint16_t owner{0};           //!< owner entity slot
        uint16_t state{0};           //!< RTM_NEXTHOP_STATE_*
        uint16_t flags{0};           //!< RTM_NEXTHOP_FLAGS_*
        uint8_t usable{0};           //!< local: interface usable and not DOWN; remote: not DOWN
        std::vector<uint32_t> users; //!< live routes having it among their next hops (any order)
        std::vector<uint32_t> deep;  //!< tracked routes whose resolution went through its address
    };

    /// A route (live, or held by a hold-down): 32 B (decision 43).
    struct Route
    {
        Route()
            : seq(0),
              state(0),
              reach(1),
              tracked(0)
        {
        }

        uint32_t seq : 28;    //!< creation order (tie-break; renumbered when it would overflow)
        uint32_t state : 2;   //!< RTM_ROUTE_STATE_*
        uint32_t reach : 1;   //!< a usable hop, or none needed (RouteReachable)
        uint32_t tracked : 1; //!< it has an m_tracked record (m_trackedOf: routes with a
                              //!< REMOTE next hop)
        uint32_t dest{kNone}; //!< destination slot
        uint32_t pref{0};     //!< preference
        uint32_t metric{0};   //!< metric
        RtmViewSet views{0};  //!< views
        uint32_t userPos{0};  //!< its position in users of its first next hop
        RtmSlotList nextHops; //!< next-hop slots (m_hopLists; NextHopsOf)
        uint16_t owner{0};    //!< owner entity slot
        uint16_t flags{0};    //!< RTM_ROUTE_FLAGS_*
        // The owner's private word, the neighbour, the RTMv1 flags and the count of views holding
        // it are in lazy columns by route slot (m_routeInfo, m_routeNeighbour, m_routeFlags1,
        // m_routeHolds; decisions 38, 43): most tables never set them.
    };

    static_assert(sizeof(Route) == 32, "the route record is 32 B (decision 43)");

    /// The largest creation order (Route::seq): 28 bits.
    static constexpr uint32_t kMaxSeq = 0x0FFFFFFF;

    /// An interned forwarding record and the number of routes naming it (0: free).
    struct ForwardSlot
    {
        Forward rec;      //!< the record
        uint32_t refs{0}; //!< destinations whose m_fibBest names it
    };

    /// Hash of a forwarding record (its flags and hops).
    struct ForwardHash
    {
        /// \return the hash of \p f
        std::size_t operator()(const Forward& f) const;
    };

    /// Resolution state of a route with a REMOTE next hop (next-hop tracking).
    struct Tracked
    {
        uint32_t route{kNone};      //!< the route slot
        std::vector<Hop> hops;      //!< its usable hops, resolved, in next-hop order
        std::vector<uint32_t> deep; //!< next hops whose deep list names this route
    };

    /// What happened to a route in a next-hop state batch.
    enum RouteMark : uint8_t
    {
        kMarkHops = 1, //!< its hops or reachability changed: ALL, FORWARDING where best
        kMarkInfo = 2, //!< a next hop's private word changed: ALL
        kMarkEdit = 4  //!< a next hop's flags changed: ALL, BEST and FORWARDING where best
    };

    /// The largest reference count of a destination (24 bits).
    static constexpr uint32_t kMaxDestRefs = 0xFFFFFF;

    /// A destination; its slot is its prefix's id in the destination index (decision 36).
    struct Dest
    {
        Dest()
            : refs(0),
              len(0)
        {
        }

        /// \return Time ticks of the last change
        int64_t LastChanged() const
        {
            return static_cast<int64_t>((static_cast<uint64_t>(changedHi) << 32) | changedLo);
        }

        /// Set the Time ticks of the last change to \p t.
        void SetLastChanged(int64_t t)
        {
            changedLo = static_cast<uint32_t>(static_cast<uint64_t>(t));
            changedHi = static_cast<uint32_t>(static_cast<uint64_t>(t) >> 32);
        }

        // The last change in two words, so that the record is 4-byte aligned: 20 B for IPv4
        // (decision 43).
        uint32_t changedLo{0}; //!< Time ticks of the last change, low half
        uint32_t changedHi{0}; //!< high half
        RtmSlotList routes;    //!< live routes, sorted (m_routeLists; RoutesOf)
        Key key{0};            //!< prefix bits (canonical)
        uint32_t refs : 24;    //!< pending + marks + opaque values + held views
        uint32_t len : 8;      //!< prefix length
    };

    static_assert(F::kBits != 32 || sizeof(Dest) == 20,
                  "an IPv4 destination is 20 B (decision 43)");

    /// Hold-down state of a destination (rare: a side table).
    struct Hold
    {
        RtmViewSet armed{0}; //!< armed views
        uint32_t holdMs{0};  //!< largest hold time armed

        /// One held view.
        struct View
        {
            RtmViewId view; //!< the view
            uint32_t route; //!< held route slot
            int64_t expiry; //!< Time ticks
            EventId event;  //!< expiry event
        };

        std::vector<View> held; //!< held views
    };

    /// A change-notification registration.
    struct Notify
    {
        uint16_t owner{0};             //!< owner entity slot
        RtmViewSet views{0};           //!< target views (resolved: never ANY)
        uint32_t flags{0};             //!< change types | ONLY_MARKED
        uint64_t context{0};           //!< context for the callback
        std::vector<uint64_t> pending; //!< pending bit per destination slot
        std::vector<uint64_t> marks;   //!< mark bit per destination slot
        std::deque<uint32_t> fifo;     //!< destination slots in pending order (may be stale)
        uint32_t pendingCount{0};      //!< destinations pending
        bool signalScheduled{false};   //!< a ChangeNotification is on its way
    };

    /// Kinds of enumeration.
    enum class EnumKind : uint8_t
    {
        Dest,
        Route,
        NextHop,
        List
    };

    /// An enumeration in progress.
    struct Enum
    {
        EnumKind kind{EnumKind::Dest}; //!< kind
        uint16_t owner{0};             //!< owner entity slot
        RtmViewSet views{0};           //!< target views as given (0: ANY)
        uint32_t flags{0};             //!< enumeration flags
        uint32_t protocolId{0};        //!< protocol filter
        uint32_t matchFlags{0};        //!< route matching
        RtmRouteInfo criteria;         //!< route matching criteria
        uint32_t ifIndex{0};           //!< interface criterion
        bool ranged{false};            //!< RANGE
        Key rangeKey{};                //!< range prefix
        uint8_t rangeLen{0};           //!< range length
        uint32_t destSlot{kNone};      //!< single destination (route enum), or kNone
        uint32_t destGen{0};           //!< its generation
        bool started{false};           //!< a first item was returned
        bool done{false};              //!< exhausted
        Key curKey{};                  //!< cursor: last prefix / next-hop address returned
        uint8_t curLen{0};             //!< cursor length
        uint32_t curIf{0};             //!< cursor interface (next hops)
        uint64_t curRoute[3]{};        //!< cursor route key (pref, metric, seq); held: pref = max+1
        uint32_t list{kNone};          //!< list slot
        uint32_t listGen{0};           //!< its generation
        uint64_t listSeq{0};           //!< cursor in the list
    };

    /// A route list.
    struct RouteList
    {
        uint16_t owner{0};                  //!< owner entity slot
        uint64_t nextSeq{1};                //!< next insertion sequence
        std::map<uint64_t, uint32_t> items; //!< sequence -> route slot
    };

    /// The changes of one mutation, by view.
    struct ChangeSet
    {
        RtmViewSet all{0};  //!< views with any change
        RtmViewSet best{0}; //!< views whose best route changed
        RtmViewSet fwd{0};  //!< views with a forwarding change
    };

    /// Best route per supported view.
    struct BestSnapshot
    {
        uint32_t route[RTM_MAX_VIEWS]; //!< best route per view id (kNone)
    };

    /// Destinations changed by next-hop state (interfaces, next-hop edits, resolution), emitted
    /// together: one ChangeSet per destination, in address order.
    struct Batch
    {
        std::vector<uint32_t> dests;                       //!< touched destinations
        std::vector<BestSnapshot> before;                  //!< their best routes before
        std::vector<std::pair<uint32_t, uint8_t>> routes;  //!< (route, RouteMark)
        std::vector<std::pair<Key, uint8_t>> prefixes;     //!< prefixes changed at the base
        std::vector<uint32_t> nextHops;                    //!< remote next hops whose flags changed
        std::unordered_map<uint32_t, uint32_t> destIndex;  //!< destination -> position in dests
        std::unordered_map<uint32_t, uint32_t> routeIndex; //!< route -> position in routes
    };

    /// A TTL heap entry.
    struct TtlEntry
    {
        int64_t when;   //!< Time ticks
        uint32_t route; //!< route slot
        uint32_t gen;   //!< route generation
        uint32_t stamp; //!< route ttlStamp

        /// Min-heap order.
        bool operator>(const TtlEntry& o) const
        {
            return when > o.when || (when == o.when && route > o.route);
        }
    };

    // ------------------------------------------------------------ helpers
    Entity* Caller(uint32_t e, uint32_t g);
    const Entity* Caller(uint32_t e, uint32_t g) const;
    bool DestOk(const RtmDestHandle& h) const;
    bool RouteOk(const RtmRouteHandle& h) const;
    bool NextHopOk(const RtmNextHopHandle& h) const;
    bool EntityOk(const RtmEntityHandle& h) const;
    RtmNextHopHandle NextHopHandle(uint32_t n) const;
    RtmStatus CheckViews(RtmViewSet views) const;
    RtmViewSet ResolveViews(RtmViewSet views) const;
    RtmStatus CheckPrefix(const RtmNetAddress& a, Key& key) const;
    int64_t ProtocolFilter(uint32_t caller, uint32_t protocolId) const;
    bool Eligible(const Route& r, RtmViewId v, int64_t protocolFilter) const;
    bool LessRoute(uint32_t a, uint32_t b) const;
    bool VisibleIn(uint32_t d, RtmViewSet views) const;
    bool ForwardsIn(uint32_t d, RtmViewSet views) const;
    bool RouteMatches(uint32_t r,
                      uint32_t matchFlags,
                      const RtmRouteInfo& criteria,
                      uint32_t ifIndex) const;
    void FillRouteInfo(uint32_t r, RtmRouteInfo& info) const;
    void Snapshot(uint32_t d, BestSnapshot& s) const;
    RtmStatus ValidateRoute(uint32_t e, const RtmRouteInfo& info, RtmRouteListHandle list) const;

    /// \return the destination slot of (key, len), created if absent (\p created tells)
    uint32_t FindOrCreateDest(Key key, uint32_t len, bool& created);
    void MaybeFreeDest(uint32_t d);
    void Ref(uint32_t d);
    void Unref(uint32_t d);
    void PlaceRoute(uint32_t d, uint32_t r);
    void UnplaceRoute(uint32_t d, uint32_t r);
    void SetNextHops(uint32_t r, const RtmRouteInfo& info);
    void ReleaseRouteRefs(uint32_t r);
    void FreeRoute(uint32_t r);
    RtmStatus ApplyUpdate(uint32_t e,
                          uint32_t r,
                          const RtmRouteInfo& info,
                          uint32_t ttl,
                          RtmRouteListHandle list,
                          uint32_t& changeFlags,
                          bool created);
    void DeleteRoute(uint32_t r, uint32_t& changeFlags);
    void Emit(uint32_t d,
              const BestSnapshot& before,
              const ChangeSet& extra,
              uint32_t changedRoute,
              bool contentChanged,
              bool fwdContentChanged,
              uint32_t& changeFlags);
    void EmitChange(uint32_t d, const ChangeSet& c);
    void Publish(uint32_t d,
                 const BestSnapshot& before,
                 const BestSnapshot& after,
                 const ChangeSet& c);
    /// Tell the FIBs of destination slot \p d's change (\p oldUcast: its unicast value before).
    void UpdateFib(uint32_t d,
                   const BestSnapshot& before,
                   const BestSnapshot& after,
                   uint32_t oldUcast);
    /// Gives destination slot \p d the forwarding record of route slot \p r (its best unicast
    /// route) as the route stands: m_fibBest[d] = record + 1.
    void SetForward(uint32_t d, uint32_t r);
    /// Drops destination slot \p d's forwarding record, if it has one (m_fibBest[d] = 0).
    void ReleaseForward(uint32_t d);

    /// \return the unicast FIB value of destination slot \p d (its record + 1, 0: none)
    uint32_t FibValue(uint32_t d) const
    {
        return d < m_fibBest.Size() ? m_fibBest[d] : 0;
    }

    /// \return the forwarding record of route slot \p r as it stands
    Forward ComputeForward(uint32_t r) const;
    void ComputeForwardInto(uint32_t r, Forward& f) const; //!< ComputeForward into \p f (reused)
    RtmFib<F>* EnableMulticastFib() const;
    uint32_t NextSeq();
    bool TtlValid(const TtlEntry& t) const;
    void NextHopChanged(uint32_t n, bool flagsChanged);

    // next-hop state and tracking (rtm-table-nexthop-impl.h)
    /// \return the hop of local next hop \p n in a route with flags \p routeFlags
    Hop LocalHop(uint16_t routeFlags, uint32_t n) const
    {
        const NextHop& x = m_nextHops[n];
        bool onLink =
            (routeFlags & (RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF)) || x.addr == Key(0);
        return Hop{x.ifIndex, onLink ? Key(0) : x.addr};
    }

    bool LocalReach(const Route& x) const;
    void IndexNextHop(uint32_t n);
    void FreeNextHop(uint32_t n);
    void LinkUsers(uint32_t r);
    void UnlinkUsers(uint32_t r);
    void SetReach(uint32_t r);
    bool EvalRoute(uint32_t r,
                   uint32_t* chain,
                   uint32_t depth,
                   std::vector<Hop>& hops,
                   std::vector<uint32_t>* deep) const;
    void Resolve(Key addr,
                 uint32_t* chain,
                 uint32_t depth,
                 std::vector<Hop>& out,
                 std::vector<uint32_t>* deep) const;
    bool Retrack(uint32_t r);
    void Untrack(uint32_t r);

    /// \return the m_tracked slot of route \p r (Route::tracked set)
    uint32_t TrackedOf(uint32_t r) const
    {
        return m_trackedOf.Get(r);
    }

    /// \return the next-hop slots of route \p x (valid until its list changes)
    RtmSlotSpan NextHopsOf(const Route& x) const
    {
        return m_hopLists.Items(x.nextHops);
    }

    /// \return the routes of destination \p x, sorted (valid until its list changes)
    RtmSlotSpan RoutesOf(const Dest& x) const
    {
        return m_routeLists.Items(x.routes);
    }

    /// One view fewer holds route \p r. \return true if none holds it any more
    bool DropHold(uint32_t r)
    {
        uint8_t left = static_cast<uint8_t>(m_routeHolds.Get(r) - 1);
        m_routeHolds.Set(r, left);
        return left == 0;
    }

    /// \return the neighbour next-hop slot of route \p r, or kNone
    uint32_t NeighbourOf(uint32_t r) const
    {
        return m_routeNeighbour.Get(r) - 1;
    }

    /// \return true if the lazy route columns agree with the routes (part of CheckIndex)
    bool CheckRouteColumns() const;
    void Unwatch(uint32_t t);
    void Touch(Batch& b, uint32_t d);
    void MarkRoute(Batch& b, uint32_t r, uint8_t mark);
    void RunBatch(Batch& b);
    void Cascade(uint32_t d);
    void TouchBase(Batch& b, uint32_t d);

    void StartHold(uint32_t d, uint32_t r, RtmViewSet lastInViews);
    void HoldExpired(uint32_t d, uint32_t dgen, RtmViewId view, uint32_t route);
    void ClearHolds(uint32_t d);
    const Hold* HoldOf(uint32_t d) const;

    void SetTtl(uint32_t r, uint32_t ttl);
    void ScheduleTtl();
    void TtlFired();

    void Enqueue(uint32_t n, uint32_t d);
    bool TakePending(uint32_t n, uint32_t d);
    void ScheduleSignal(uint32_t n);
    void FreeNotify(uint32_t n);
    static bool TestBit(const std::vector<uint64_t>& bits, uint32_t i);
    static void SetBit(std::vector<uint64_t>& bits, uint32_t i, bool v);

    template <typename Fn>
    void Post(Fn&& fn);
    void Broadcast(uint32_t except, RtmEventType type, uint32_t about);

    bool NextDest(Enum& en, uint32_t& d) const;
    bool NextRoute(Enum& en, uint32_t& r) const;
    void RemoveFromList(uint32_t r);
    void FreeEnum(uint32_t en);
    RtmStatus CheckEnum(uint32_t e, RtmEnumHandle h, EnumKind kind, uint32_t num) const;
    RtmStatus CreateEnumCommon(uint32_t e,
                               uint32_t flags,
                               const RtmNetAddress* address,
                               Enum& en) const;
    void RunInvocation(uint32_t caller,
                       uint32_t target,
                       const RtmEntityMethodInput& input,
                       uint32_t& outputSize,
                       std::vector<RtmEntityMethodOutput>& outputs,
                       RtmStatus& status);

    // ------------------------------------------------------------ state
    RtmInstance* m_instance;       //!< owning instance
    RtmTableConfig m_cfg;          //!< settings
    uint32_t m_id;                 //!< table id in handles
    bool m_disposed{false};        //!< after Dispose
    std::shared_ptr<char> m_alive; //!< guards scheduled lambdas
    RtmSlab<Entity> m_entities;    //!< clients
    RtmSlab<NextHop> m_nextHops;   //!< next hops
    RtmSlab<Route> m_routes;       //!< routes
    RtmSlab<Dest> m_dests;         //!< destinations
    RtmSlab<Notify> m_notifies;    //!< notification registrations
    RtmSlab<Enum> m_enums;         //!< enumerations
    RtmSlab<RouteList> m_lists;    //!< route lists
    RtmSlab<Tracked> m_tracked;    //!< routes with a REMOTE next hop

    // The routes' lazy columns (decision 38).
    RtmLazyColumn<uint32_t> m_trackedOf;      //!< route slot -> its m_tracked slot (if tracked)
    RtmLazyColumn<uint32_t> m_routeNeighbour; //!< route slot -> neighbour slot + 1 (0: none)
    RtmLazyColumn<uint64_t> m_routeInfo;      //!< route slot -> owner's private word
    RtmLazyColumn<uint8_t> m_routeFlags1;     //!< route slot -> RTMv1 flags (decision 43)
    RtmLazyColumn<uint8_t> m_routeHolds;      //!< route slot -> views holding it (held route)
    RtmSlotPool m_hopLists;   //!< routes' lists of two next hops or more (decision 43)
    RtmSlotPool m_routeLists; //!< destinations' lists of two routes or more (decision 43)
    std::unordered_map<uint32_t, std::vector<uint32_t>> m_userPos; //!< route -> positions of
                                                                   //!< nextHops[1..] in users
    std::multimap<Key, uint32_t> m_remoteAddrs;                    //!< address -> REMOTE next hop
    std::map<uint32_t, std::vector<uint32_t>> m_ifNextHops;        //!< interface -> local next hops
    std::vector<std::pair<Key, uint8_t>>* m_deferred{nullptr};     //!< cascades held back (purge)

    /// The destination index's view of the destinations: their keys and lengths.
    struct DestKeys
    {
        const RtmSlab<Dest>* dests; //!< the destinations

        /// \return the prefix bits of destination \p d
        Key KeyOf(uint32_t d) const
        {
            return (*dests)[d].key;
        }

        /// \return the prefix length of destination \p d
        uint32_t LenOf(uint32_t d) const
        {
            return (*dests)[d].len;
        }
    };

    RtmPrefixIndex<F, DestKeys> m_prefixes{DestKeys{&m_dests}}; //!< destination index

    /// The destination index as the FIBs' prefix store (decision 35).
    class FibStore final : public RtmFibStore<F>
    {
      public:
        /// \param t the table
        explicit FibStore(const RtmTable* t)
            : m_t(t)
        {
        }

        void CollectFib(uint32_t view,
                        Key lo,
                        Key hi,
                        uint32_t minLen,
                        uint32_t maxLen,
                        std::vector<RtmFibPrefix<F>>& out) const override;

      private:
        const RtmTable* m_t; //!< the table
    };

    FibStore m_fibStore{this};             //!< the FIBs' prefix store
    RtmSegmentedArray<uint32_t> m_fibBest; //!< destination slot -> unicast FIB value (best + 1,
                                           //!< 0: none), in blocks (decision 35)
    mutable std::unique_ptr<RtmFib<F>> m_fib[2];                   //!< unicast and multicast FIBs
    std::vector<ForwardSlot> m_fwd;                                //!< forwarding records
    std::vector<uint32_t> m_fwdFree;                               //!< free record slots
    std::unordered_map<Forward, uint32_t, ForwardHash> m_fwdIndex; //!< record -> its slot
    Forward m_fwdScratch;                //!< SetForward's candidate record (its vector is reused)
    std::vector<uint32_t> m_entityOrder; //!< entities in registration order
    std::vector<uint32_t> m_notifyList;  //!< live notification slots
    std::unordered_map<uint32_t, Hold> m_holds; //!< hold-down state by destination
    std::vector<std::unordered_map<uint32_t, uint64_t>> m_opaque; //!< per slot: dest -> value
    std::vector<int32_t> m_opaqueOwner;                           //!< per slot: entity or -1
    std::unordered_map<uint32_t, std::pair<uint32_t, uint64_t>> m_listPos; //!< route -> (list, seq)
    std::priority_queue<TtlEntry, std::vector<TtlEntry>, std::greater<TtlEntry>>
        m_ttl;                                         //!< TTL heap
    EventId m_ttlEvent;                                //!< earliest TTL event
    int64_t m_ttlEventWhen{0};                         //!< its time
    uint32_t m_routeSeq{0};                            //!< creation counter
    uint32_t m_ttlCounter{0};                          //!< TTL stamps
    std::unordered_map<uint32_t, uint32_t> m_ttlStamp; //!< route -> stamp of its TTL entry
    std::unordered_map<uint32_t, uint32_t> m_retired;  //!< departed entity -> its held routes
    uint64_t m_entitySeq{0};                           //!< registration counter
};

extern template class RtmTable<RtmIpv4Family>;
extern template class RtmTable<RtmIpv6Family>;

} // namespace ns3

#endif /* RTM_TABLE_H */
