/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: a deliberately naive reference model of ONE RTMv2 routing table (one instance, one address
 * family), used by the randomized differential test (rtm-differential-test.cc).
 *
 * Written from doc/rtm-spec.rst and doc/rtm-decisions.rst only, for obviousness rather
 * than speed: plain maps of plain structs, every query a linear scan, best routes recomputed by
 * brute force, no handles (objects are named by small integer ids that are never reused), no
 * ns-3 time (the caller passes the time by AdvanceTo).
 *
 * Rules the decisions leave to the model and that it fixes (the differential test reports when
 * the real table disagrees):
 *  - Timers due at the same millisecond run in the order they were armed (FIFO, as ns-3 runs
 *    events of equal time). The order of same-time timers is not decided (the real table orders
 *    TTL ties by an internal slot number), so the differential driver never lets a TTL share its
 *    time with another timer; TakeTieFlag() reports when it happened anyway.
 *  - A route held in two views appears once in route enumerations (at its first view).
 *  - A next hop is "used" by a route (and so kept alive when DELETED) when it is one of the
 *    route's next hops or its neighbour, the route live or held. Next-hop edits notify the routes
 *    having it among their next hops.
 *  - RTM_ROUTE_CHANGE_BEST (output) follows doc/rtm-spec.rst §2.3: the added/updated route is or
 *    was best in some view, or some other route became best; DeleteRouteToDest: the best route
 *    changed.
 *  - lastChanged is the time of the last change that queues a notification (decision 5 list),
 *    whether or not a registration wanted it.
 *
 * Next-hop state and tracking ("Next-hop state" and "Next-hop tracking" in the decisions) are
 * modelled by brute force: the reachability and the resolved hops of every live route are
 * computed from scratch (a plain recursive walk over all destinations) whenever the table
 * changed, and every mutating call compares the whole state before and after: a route whose
 * hops or reachability changed is an ALL change in its views, a FORWARDING change where it is
 * best, and a different best route is ALL, BEST and FORWARDING. Deregistration is compared once,
 * after the whole purge (the real table runs its tracking once after it too).
 */
#ifndef RTM_REFERENCE_MODEL_H
#define RTM_REFERENCE_MODEL_H

#include "ns3/rtm-net-address.h"
#include "ns3/rtm-status.h"
#include "ns3/rtm-types.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace rtmref
{

/// An object id of the model: 0 is the null handle; ids are never reused. Any id the model never
/// issued (for example one standing for another table's handle) is simply invalid.
typedef uint32_t Id;

/// How a client answers RouteExpired.
enum class ExpiryMode
{
    NoCallback,   //!< no event callback at all: RTM deletes
    NotSupported, //!< returns NotSupported: RTM deletes
    DeleteItself, //!< deletes the route itself, returns Success
    UpdateItself, //!< metric < 5: UpdateRoute(metric + 1, TTL INFINITE); else deletes; Success
    Ignore,       //!< returns Success and does nothing (the route stays, no timer)
};

/// Table settings (RtmInstance attributes).
struct Config
{
    uint16_t family{RTM_AF_INET};    //!< RTM_AF_INET or RTM_AF_INET6
    uint32_t maxNextHops{16};        //!< MaxNextHopsInRoute
    uint32_t maxHandles{256};        //!< MaxHandlesInEnum
    uint32_t viewsSupported{0x3};    //!< ViewsSupported
    uint32_t opaqueSlots{8};         //!< OpaqueSlots
    uint32_t maxNotify{32};          //!< MaxNotifyRegistrations
    uint32_t defaultPreference{150}; //!< DefaultPreference
    std::set<uint32_t> interfaces;   //!< interfaces the instance owns (0 always usable)
    std::set<uint32_t> down;         //!< interfaces set down (owned or not)
};

/// A usable hop of a route after resolution (gateway all-zero: on-link).
struct HopOut
{
    uint32_t ifIndex{0};
    RtmNetAddress gateway;

    bool operator==(const HopOut& o) const
    {
        return ifIndex == o.ifIndex && gateway == o.gateway;
    }
};

/// A route as given to add/update.
struct RouteIn
{
    Id neighbour{0};
    uint8_t flags1{0};
    uint16_t flags{0};
    uint32_t metric{0};
    uint32_t pref{0};
    uint32_t views{RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST};
    uint64_t esi{0};
    std::vector<Id> nextHops;
};

/// A route as reported (RtmRouteInfo).
struct RouteOut
{
    Id dest{0};
    Id owner{0};
    Id neighbour{0};
    uint8_t state{0};
    uint8_t flags1{0};
    uint16_t flags{0};
    uint32_t metric{0};
    uint32_t pref{0};
    uint32_t views{0};
    uint64_t esi{0};
    std::vector<Id> nextHops;
};

/// One view block (RtmViewInfo).
struct ViewOut
{
    int32_t view{0};
    uint32_t numRoutes{0};
    Id route{0};
    Id owner{0};
    uint32_t destFlags{0};
    Id hold{0};
};

/// A destination as reported (RtmDestInfo).
struct DestOut
{
    Id dest{0};
    RtmNetAddress addr;
    int64_t lastChangedMs{0};
    uint32_t belongsToViews{0};
    std::vector<ViewOut> views;
};

/// A next hop as reported (RtmNextHopInfo).
struct NextHopOut
{
    RtmNetAddress addr;
    Id owner{0};
    uint32_t ifIndex{0};
    uint16_t state{0};
    uint16_t flags{0};
    uint64_t esi{0};
    Id remote{0};
};

/// Route matching criteria (RTM_MATCH_*).
struct Criteria
{
    Id owner{0};
    Id neighbour{0};
    uint32_t pref{0};
    uint32_t metric{0};
    std::vector<Id> nextHops;
};

/// What happened in a RouteExpired callback (what the client saw and did).
struct ExpiryRecord
{
    Id client{0};
    Id route{0};
    RouteOut info;                              //!< the route info passed with the event
    bool acted{false};                          //!< the client called RTM
    RtmStatus actionStatus{RtmStatus::Success}; //!< status of that call
    uint32_t actionChangeFlags{0};              //!< its change flags
};

/// An EntityRegistered / EntityDeregistered event owed to a client.
struct EntityEvent
{
    Id to{0};
    bool registered{true};
    Id entity{0};
};

/// One deregistration whose HoldRoute choice depends on the order RTM purged the routes.
struct HoldAmbiguity
{
    Id dest{0};
    int32_t view{0};
    std::vector<Id> candidates; //!< the deregistering client's routes live in that view
};

/**
 * The reference model of one routing table.
 */
class Model
{
  public:
    explicit Model(const Config& config);

    const Config& GetConfig() const
    {
        return m_cfg;
    }

    int64_t Now() const
    {
        return m_now;
    }

    // -------------------------------------------------------------- registration
    RtmStatus Register(uint32_t proto,
                       uint32_t inst,
                       bool reserveSlot,
                       ExpiryMode mode,
                       Id& client);
    /// The (dest, view) pairs whose held route after Deregister(client) depends on the order in
    /// which RTM purges the client's routes (the decisions do not fix that order).
    std::vector<HoldAmbiguity> DeregAmbiguities(Id client) const;
    /// Purge and leave. The client's routes are deleted one by one, oldest first, except that for
    /// each (dest, view) in \p chosen the given route is deleted last among that view's
    /// candidates (so it becomes the held route). \p consistent is false when no deletion order
    /// can produce \p chosen.
    RtmStatus Deregister(Id client,
                         const std::map<std::pair<Id, int32_t>, Id>& chosen,
                         bool& consistent);
    bool IsRegistered(Id client) const;
    void SetDefaultPreference(Id client, uint32_t pref);
    /// Registered clients in registration order.
    std::vector<Id> RegisteredClients() const;
    uint32_t ProtocolOf(Id client) const;

    // -------------------------------------------------------------- next hops
    RtmStatus AddNextHop(Id client,
                         const RtmNetAddress& addr,
                         uint32_t ifIndex,
                         uint16_t flags,
                         uint64_t esi,
                         Id& handle,
                         uint32_t& changeFlags);
    RtmStatus FindNextHop(Id client, const RtmNetAddress& addr, uint32_t ifIndex, Id& handle) const;
    RtmStatus DeleteNextHop(Id client,
                            Id handle,
                            bool byInfo,
                            const RtmNetAddress& addr,
                            uint32_t ifIndex);
    RtmStatus GetNextHopInfo(Id client, Id handle, NextHopOut& out) const;
    RtmStatus CreateNextHopEnum(Id client, uint32_t flags, const RtmNetAddress* addr, Id& handle);
    RtmStatus GetEnumNextHops(Id client, Id handle, uint32_t& num, std::vector<Id>& out);

    // -------------------------------------------------------------- routes
    RtmStatus AddRoute(Id client,
                       Id& route,
                       const RtmNetAddress& dest,
                       const RouteIn& in,
                       uint32_t ttl,
                       Id list,
                       uint32_t& changeFlags);
    RtmStatus UpdateRoute(Id client,
                          Id route,
                          const RouteIn& in,
                          uint32_t ttl,
                          Id list,
                          uint32_t& changeFlags);
    RtmStatus DeleteRoute(Id client, Id route, uint32_t& changeFlags);
    RtmStatus HoldDestination(Id client, Id dest, uint32_t views, uint32_t holdTime);
    RtmStatus GetRouteInfo(Id client, Id route, RouteOut& out, RtmNetAddress& addr) const;
    RtmStatus IsBestRoute(Id client, Id route, uint32_t& views) const;

    // -------------------------------------------------------------- queries
    RtmStatus GetDestInfo(Id client, Id dest, uint32_t proto, uint32_t views, DestOut& out) const;
    RtmStatus GetExactMatchDestination(Id client,
                                       const RtmNetAddress& a,
                                       uint32_t proto,
                                       uint32_t views,
                                       DestOut& out) const;
    RtmStatus GetMostSpecificDestination(Id client,
                                         const RtmNetAddress& a,
                                         uint32_t proto,
                                         uint32_t views,
                                         DestOut& out) const;
    RtmStatus GetLessSpecificDestination(Id client,
                                         Id dest,
                                         uint32_t proto,
                                         uint32_t views,
                                         DestOut& out) const;
    RtmStatus GetExactMatchRoute(Id client,
                                 const RtmNetAddress& a,
                                 uint32_t match,
                                 const Criteria& c,
                                 uint32_t ifIndex,
                                 uint32_t views,
                                 Id& route,
                                 RouteOut& out) const;
    /// Longest-prefix match of the FIB of \p view: the longest prefix with a best route there.
    RtmStatus Lookup(const RtmNetAddress& a, int32_t view, DestOut& out) const;

    // -------------------------------------------------------------- interfaces, next-hop state
    void SetInterfaceState(uint32_t ifIndex, bool up);
    void AddInterface(uint32_t ifIndex);
    void RemoveInterface(uint32_t ifIndex);
    /// The usable hops of a live route, resolved, in next-hop order.
    std::vector<HopOut> Hops(Id route) const;
    /// Whether a live route may be best as far as its next hops go.
    bool Reachable(Id route) const;
    /// Whether a route has a REMOTE next hop.
    bool HasRemote(Id route) const;
    /// Most REMOTE next hops in one resolution chain.
    static constexpr uint32_t kMaxRecursion = 4;

    // -------------------------------------------------------------- enumerations
    RtmStatus CreateDestEnum(Id client,
                             uint32_t views,
                             uint32_t flags,
                             const RtmNetAddress* addr,
                             uint32_t proto,
                             Id& handle);
    RtmStatus GetEnumDests(Id client, Id handle, uint32_t& num, std::vector<DestOut>& out);
    RtmStatus CreateRouteEnum(Id client,
                              Id dest,
                              uint32_t views,
                              uint32_t flags,
                              const RtmNetAddress* start,
                              uint32_t match,
                              const Criteria* c,
                              uint32_t ifIndex,
                              Id& handle);
    RtmStatus GetEnumRoutes(Id client, Id handle, uint32_t& num, std::vector<Id>& out);
    RtmStatus DeleteEnum(Id client, Id handle);

    // -------------------------------------------------------------- notifications
    RtmStatus RegisterNotify(Id client, uint32_t views, uint32_t flags, uint64_t ctx, Id& handle);
    /// The pending destinations of \p handle (the caller picks which \p num of them it got).
    RtmStatus PendingOf(Id client, Id handle, uint32_t num, std::set<Id>& pending) const;
    /// GetChangedDests when RTM returned \p chosen (a subset of the pending set, of the size the
    /// call allows): the records (current state) and the status, and the set is updated.
    RtmStatus GetChangedDests(Id client,
                              Id handle,
                              uint32_t num,
                              const std::vector<Id>& chosen,
                              std::vector<DestOut>& out);
    RtmStatus GetChangeStatus(Id client, Id handle, Id dest, bool& pending) const;
    RtmStatus IgnoreChangedDests(Id client, Id handle, const std::vector<Id>& dests);
    RtmStatus MarkDest(Id client, Id handle, Id dest, bool mark);
    RtmStatus IsMarked(Id client, Id handle, Id dest, bool& marked) const;
    RtmStatus DeregisterNotify(Id client, Id handle);
    /// Context of a notification registration (0 if gone).
    uint64_t NotifyContext(Id handle) const;
    Id NotifyOwner(Id handle) const;
    bool NotifyAlive(Id handle) const;
    /// Empty-to-non-empty transitions of each registration since the last call, and whether its
    /// set is non-empty now; the counters restart.
    std::map<Id, std::pair<uint32_t, bool>> TakeSignalCounts();

    // -------------------------------------------------------------- route lists
    RtmStatus CreateRouteList(Id client, Id& list);
    RtmStatus InsertInRouteList(Id client, Id list, const std::vector<Id>& routes);
    RtmStatus CreateListEnum(Id client, Id list, Id& handle);
    RtmStatus GetListEnumRoutes(Id client, Id handle, uint32_t& num, std::vector<Id>& out);
    RtmStatus DeleteRouteList(Id client, Id list);

    // -------------------------------------------------------------- opaque pointers
    RtmStatus GetOpaque(Id client, Id dest, uint64_t& value) const;
    RtmStatus SetOpaque(Id client, Id dest, uint64_t value);

    // -------------------------------------------------------------- time
    /// Run every TTL expiry and hold end due at or before \p ms, in time order (FIFO ties).
    void AdvanceTo(int64_t ms);
    /// The earliest pending timer, or -1.
    int64_t NextDue() const;
    /// The due times of the armed TTLs.
    std::set<int64_t> TtlDues() const;
    /// Whether two timers were ever due at the same time (ties) since the last call.
    bool TakeTieFlag();
    std::vector<ExpiryRecord> TakeExpiries();
    std::vector<EntityEvent> TakeEntityEvents();

    // -------------------------------------------------------------- introspection for the driver
    std::vector<Id> LiveDests() const; //!< every live destination (any content)
    std::vector<Id> AllRoutes() const; //!< live and held routes
    std::vector<Id> LiveRoutesOf(Id client) const;
    std::vector<Id> HeldRoutes() const;
    std::vector<Id> NextHopsOf(Id client) const; //!< in the client's list (not DELETED)
    std::vector<Id> AllNextHops() const;         //!< every next hop alive (DELETED ones too)
    std::vector<Id> ListsOf(Id client) const;
    std::vector<Id> EnumsOf(Id client) const;
    std::vector<Id> NotifiesOf(Id client) const;
    bool RouteAlive(Id r) const;
    bool RouteLive(Id r) const;
    bool DestAlive(Id d) const;
    bool NextHopAlive(Id n) const;
    bool NextHopDeleted(Id n) const;
    bool ListAlive(Id l) const;
    bool EnumAlive(Id e) const;
    Id OwnerOfRoute(Id r) const;
    Id OwnerOfNextHop(Id n) const;
    Id DestOfRoute(Id r) const;
    RtmNetAddress PrefixOf(Id d) const;
    bool EnumOfList(Id e, Id& list) const;
    int EnumKindOf(Id e) const; //!< 0 dest, 1 route, 2 next hop, 3 list, -1 none
    bool HasSlot(Id client) const;
    size_t NumLiveRoutes() const;
    /// A textual dump for failure messages.
    std::string Dump() const;
    static std::string Str(const RtmNetAddress& a);

  private:
    struct Client
    {
        Id id{0};
        uint32_t proto{0};
        uint32_t inst{0};
        bool registered{false};
        bool slot{false};
        uint32_t defPref{0};
        ExpiryMode mode{ExpiryMode::NoCallback};
    };

    struct NextHop
    {
        Id id{0};
        Id owner{0};
        RtmNetAddress addr;
        uint32_t ifIndex{0};
        uint16_t flags{0};
        uint64_t esi{0};
        bool deleted{false};
    };

    struct Route
    {
        Id id{0};
        Id dest{0};
        Id owner{0};
        Id neighbour{0};
        uint8_t flags1{0};
        uint16_t flags{0};
        uint32_t pref{0};
        uint32_t metric{0};
        uint32_t views{0};
        uint64_t esi{0};
        std::vector<Id> nhs;
        bool live{true};
        uint64_t age{0};
        bool ttlArmed{false};
        int64_t ttlDue{0};
        uint64_t ttlSeq{0};
        Id list{0};
        uint64_t listSeq{0};
    };

    struct Hold
    {
        Id route{0};
        bool infinite{false};
        int64_t end{0};
        uint64_t seq{0};
    };

    struct Dest
    {
        Id id{0};
        RtmNetAddress prefix;
        int64_t lastChanged{0};
        std::map<int32_t, Hold> holds;
        uint32_t armed{0};
        uint32_t holdTime{0};
        std::map<Id, uint64_t> opaque;
    };

    struct Notify
    {
        Id id{0};
        Id owner{0};
        uint32_t views{0};
        uint32_t flags{0};
        uint64_t ctx{0};
        std::set<Id> pending;
        std::set<Id> marks;
        uint32_t transitions{0};
    };

    struct List
    {
        Id id{0};
        Id owner{0};
    };

    enum class EnumKind
    {
        Dest,
        Route,
        NextHop,
        List
    };

    /// A route enumeration position: (prefix, class, a, b, c); class 0 live (pref, metric, age),
    /// class 1 held (view).
    struct RoutePos
    {
        RtmNetAddress prefix;
        int cls{0};
        uint64_t a{0};
        uint64_t b{0};
        uint64_t c{0};
    };

    struct Enum
    {
        Id id{0};
        Id owner{0};
        EnumKind kind{EnumKind::Dest};
        uint32_t views{0};
        uint32_t flags{0};
        bool hasStart{false};
        RtmNetAddress start;
        uint32_t proto{0};
        Id dest{0};
        uint32_t match{0};
        Criteria crit;
        uint32_t ifIndex{0};
        Id list{0};
        bool started{false};
        bool done{false};         //!< answered NoMoreItems (not list enums)
        RtmNetAddress lastPrefix; //!< dest enums
        RoutePos lastRoute;       //!< route enums
        RtmNetAddress lastNhAddr; //!< next-hop enums
        uint32_t lastNhIf{0};
        uint64_t lastListSeq{0}; //!< list enums
    };

    typedef std::map<int32_t, uint32_t> ViewTypes; //!< view -> change types

    /// What the best route of a view looks like (for change detection).
    struct BestSnap
    {
        Id route{0};
        uint32_t pref{0};
        uint32_t metric{0};
        uint16_t flags{0};
        std::vector<Id> nhs;
    };

    // helpers
    bool WellFormed(const RtmNetAddress& a) const;
    bool IsHost(const RtmNetAddress& a) const;
    static bool Bit(const RtmNetAddress& a, uint32_t i);
    bool Covers(const RtmNetAddress& p, const RtmNetAddress& a) const;
    int CmpAddrBits(const RtmNetAddress& a, const RtmNetAddress& b) const;
    bool PrefixLess(const RtmNetAddress& a, const RtmNetAddress& b) const;
    bool SamePrefix(const RtmNetAddress& a, const RtmNetAddress& b) const;
    std::vector<int32_t> ViewIds(uint32_t mask) const; //!< supported views in mask
    uint32_t ExpandViews(uint32_t views) const;        //!< ANY/ALL -> supported
    bool ViewsOk(uint32_t views) const;                //!< no unsupported bit (ALL allowed)
    static bool RouteBefore(const Route& x, const Route& y);
    std::vector<const Route*> LiveRoutes(Id dest) const; //!< in (pref, metric, age) order
    const Route* Best(Id dest, int32_t view, bool filter, uint32_t proto) const;
    BestSnap Snap(Id dest, int32_t view) const;
    std::map<int32_t, BestSnap> SnapAll(Id dest) const;
    void BestChanges(const std::map<int32_t, BestSnap>& before,
                     const std::map<int32_t, BestSnap>& after,
                     ViewTypes& types) const;
    bool AnyBest(const ViewTypes& types) const;
    bool HasLiveIn(Id dest, uint32_t views) const; //!< a live route in one of views
    bool HasHeld(Id dest) const;
    bool QueryVisible(Id dest, uint32_t views) const; //!< decision 13 / enumeration filter
    Id DestAt(const RtmNetAddress& prefix) const;     //!< live dest of that prefix, or 0
    bool Forwards(Id dest, uint32_t views) const;     //!< a best route in one of views
    void FillDest(Id client, Id dest, uint32_t proto, uint32_t views, DestOut& out) const;
    void FillRoute(const Route& r, RouteOut& out) const;
    bool RouteMatches(const Route& r, uint32_t match, const Criteria& c, uint32_t ifIndex) const;
    uint32_t ResolveProto(Id client, uint32_t proto) const;
    void Queue(Id dest, const ViewTypes& types);
    void GcDest(Id dest);
    void GcNextHop(Id nh);
    void FreeRoute(Id route);
    void ReleaseHeld(Id dest, int32_t view); //!< drop the hold of a view (no notification)
    /// Delete a live route as an ordinary delete (notifications, hold-down), possibly keeping it
    /// as a held route. Returns the BEST flag.
    bool DeleteLive(Id route);
    RtmStatus CheckRouteInput(Id client, const RouteIn& in, Id list) const;
    /// Apply new contents to route r (or create it when r == 0); returns change flags.
    uint32_t ApplyRoute(Id client, Id r, Id dest, const RouteIn& in, uint32_t ttl, Id list);
    void MoveToList(Route& r, Id list);
    void ArmTtl(Route& r, uint32_t ttl);
    bool ValidEnumNum(uint32_t num) const;
    Id FindNhByIdentity(Id client, const RtmNetAddress& a, uint32_t ifIndex) const;
    bool NhUsed(Id nh) const;
    Id ResolveRemote(const RtmNetAddress& a) const;
    bool RoutePosLess(const RoutePos& x, const RoutePos& y) const;
    void Expire(Id route);

    /// Reachability and hops of a live route.
    struct RState
    {
        bool reach{true};
        std::vector<HopOut> hops;
    };

    /// What the state comparison of a mutating call looks at.
    struct StateSnap
    {
        std::map<Id, RState> routes;              //!< live routes
        std::map<Id, std::map<int32_t, Id>> best; //!< live dest -> view -> best route
    };

    /// Compares the state around one mutating call (constructed first, destroyed last).
    struct StateGuard
    {
        StateGuard(Model* m, bool force = false);
        ~StateGuard();
        Model* model;
        StateSnap before;
        bool outer;
    };

    typedef std::map<Id, std::vector<const Route*>> ByDest; //!< live routes per dest, in order
    ByDest GroupByDest() const;
    bool LocalUsable(const NextHop& n) const;
    bool EvalRoute(const Route& r,
                   std::vector<Id>& chain,
                   std::vector<HopOut>& hops,
                   const ByDest& byDest) const;
    void ResolveAddr(const RtmNetAddress& a,
                     std::vector<Id>& chain,
                     std::vector<HopOut>& out,
                     const ByDest& byDest) const;
    const std::map<Id, RState>& States() const;

    void Dirty()
    {
        m_statesValid = false;
    }

    void Dirty(Id route);
    bool AnyRemote() const;

    StateSnap TakeStateSnap() const;
    void QueueStateDiff(const StateSnap& before);

    Config m_cfg;
    uint32_t m_width;
    int64_t m_now{0};
    uint64_t m_seq{0};     //!< timer arming sequence
    uint64_t m_age{0};     //!< route creation sequence
    uint64_t m_listSeq{0}; //!< list insertion sequence
    Id m_nextId{1};
    bool m_tie{false};
    std::vector<Id> m_regOrder;
    std::map<Id, Client> m_clients;
    std::map<Id, NextHop> m_nhs;
    std::map<Id, Route> m_routes;
    std::map<Id, Dest> m_dests;
    std::map<Id, Notify> m_notifies;
    std::map<Id, List> m_lists;
    std::map<Id, Enum> m_enums;
    std::map<Id, Id> m_slotOwner; //!< clients holding an opaque slot
    std::vector<ExpiryRecord> m_expiries;
    std::vector<EntityEvent> m_entityEvents;
    std::vector<std::string> m_timerLog;   //!< the last timers run (for failure messages)
    mutable std::map<Id, RState> m_states; //!< reachability and hops of the live routes
    mutable bool m_statesValid{false};     //!< m_states is up to date
    mutable std::set<Id> m_dirtyRoutes;    //!< ... except for these routes
    bool m_frozen{false};                  //!< a purge runs: m_states stays as it was
    int m_guards{0};                       //!< StateGuards alive
};

} // namespace rtmref
} // namespace ns3

#endif /* RTM_REFERENCE_MODEL_H */
