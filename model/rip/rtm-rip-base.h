/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRipBase: the distance-vector engine RIPv2 and RIPng share (route entries, timeout and
 * garbage collection, split horizon / poison reverse, triggered updates, hold-down), written
 * once for both families.
 */
#ifndef RTM_RIP_BASE_H
#define RTM_RIP_BASE_H

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * Why a received RIP or RIPng message, or one of its entries, was dropped. Message-level
 * reasons drop the whole message; entry-level reasons (marked "entry") drop one route entry and
 * the others of the message are used.
 */
enum class RtmRipDropReason : uint8_t
{
    Short,            //!< shorter than the message header
    BadCommand,       //!< command other than request (1) or response (2)
    BadVersion,       //!< version other than 2 (RIPv2) or 1 (RIPng)
    NonZeroHeader,    //!< must-be-zero header bytes are not zero
    BadLength,        //!< length is not header + n whole entries (truncated or padded)
    Oversized,        //!< longer than the receiving interface's MTU allows
    BadSourcePort,    //!< a response not from the RIP port
    NotNeighbour,     //!< source not another host of the link (RIPng: not link-local)
    BadHopLimit,      //!< RIPng response whose hop limit is not 255
    AuthMissing,      //!< no authentication where the interface requires it
    AuthMismatch,     //!< authentication type, key id or password not the configured ones
    AuthBadDigest,    //!< keyed digest (RFC 4822) wrong, or trailer malformed
    AuthReplay,       //!< RFC 4822 sequence number below the neighbour's last one
    AuthUnexpected,   //!< authentication entry on an interface without authentication
    RequestRateLimit, //!< request beyond the interface's request rate (flood)
    BadAddressFamily, //!< entry: address family other than IPv4 (2) in a response
    BadMetric,        //!< entry: metric 0 or above 16
    BadMask,          //!< entry: non-contiguous mask (RIPv2) or prefix length above 128 (RIPng)
    HostBits,         //!< entry: address bits set beyond the prefix length
    NextHopOffLink,   //!< entry: next hop that is not another host of the link (ignored)
    NotCarried,       //!< entry: a destination RIP never carries (loopback, multicast, ...)
    Count,            //!< number of reasons
};

/// \return the name of \p reason
std::string RtmRipDropReasonName(RtmRipDropReason reason);
/// Print a drop reason.
std::ostream& operator<<(std::ostream& os, RtmRipDropReason reason);

/**
 * \ingroup rtm
 * \brief One route entry in the form both RIPv2 and RIPng share.
 */
struct RtmRipEntry
{
    RtmNetAddress prefix;  //!< destination
    RtmNetAddress nextHop; //!< next hop on the link (unset: the sender)
    uint32_t metric{16};   //!< 1..16
    uint16_t tag{0};       //!< route tag
};

/**
 * \ingroup rtm
 * \brief A received message in the form both RIPv2 and RIPng share: what the family code hands
 * to RtmRipBase::ProcessMessage once the datagram parsed and (RIPv2) authenticated.
 */
struct RtmRipMessage
{
    bool request{false};              //!< REQUEST (else RESPONSE)
    bool wholeTable{false};           //!< a request for the whole table (the family's rules)
    std::vector<RtmRipEntry> entries; //!< as received (nextHop set when the entry names one)
};

/**
 * \ingroup rtm
 * \brief The part of RIPv2 (RFC 2453) and RIPng (RFC 2080) that is the same for both, as a client
 * of one RTM instance and family: timers, the advertisement table, learned routes in the RTM,
 * split horizon and poisoned reverse, triggered updates, route TTLs, garbage collection through
 * RTM hold-down, requests and their rate limit, drop counters. RtmRipClient (IPv4) and
 * RtmRipNgClient (IPv6) add the sockets, the wire format and the link rules of their family.
 *
 * **Routes it adds.** Each advertisement of a neighbour is one route (destination, RIP,
 * neighbour): its neighbour handle and next hop are that neighbour (or the entry's next hop when
 * it names another router on the link), its metric the advertised metric plus the metric of the
 * receiving interface, its preference the registration's default (Preference, 120), its TTL
 * TimeoutDelay. A re-advertisement refreshes the TTL; a route advertised with metric 16 is deleted.
 * The RTM picks the best route per destination (lower metric; on a tie the older route stays).
 * When a TTL runs out the RTM sends RTM_ROUTE_EXPIRED and the client deletes the route. A response
 * that carries one destination several times counts once per neighbour, with its best (lowest)
 * metric: a withdrawal followed by a live entry in one message is a live route, never a loss.
 *
 * **Garbage collection is RTM hold-down.** Each time a destination is advertised as reachable
 * the client arms it with RtmHoldDestination(GarbageCollectionDelay). When its last route goes
 * (expiry, metric 16, interface down, a connected or static route withdrawn) the RTM keeps it as
 * the hold route; while a destination is held *and has no live route* the client advertises it
 * with metric 16 (RFC 2453 §3.9.2: a new route ends the garbage collection). With StrictHoldDown
 * (off by default) the metric 16 lasts until the hold ends, even if a new route has arrived
 * meanwhile (RTMv2 hold-down; the new route forwards at once). The end of a hold arrives as a BEST
 * change (design decision 5).
 *
 * **What it advertises.** It registers for BEST changes in the unicast view and pulls them with
 * GetChangedDests; every periodic update also re-reads the whole table with a destination
 * enumeration. It advertises the best unicast route of each destination whoever owns it, subject
 * to policy: its own routes always (with their metric), connected routes if
 * RedistributeConnected, static routes if RedistributeStatic, any other client's if
 * RedistributeOther (redistributed routes with metric RedistributedMetric and tag
 * RedistributedTag). Routes flagged
 * MYSELF, LOOPBACK, BLACKHOLE, DISCARD, MARTIAN, INACTIVE or multicast/broadcast and
 * destinations the family never carries are never advertised. A route that stops being
 * advertised without a hold (policy, or deleted before it was ever armed) is advertised with
 * metric 16 for GarbageCollectionDelay.
 *
 * **Bad input.** Whatever arrives is decoded without trust; every message or entry dropped is
 * counted per reason (GetDropCount) and reported by the Drop trace. Requests are answered at most
 * RequestBurst at once and RequestRate per second on average per interface (a token bucket);
 * the rest are dropped (RequestRateLimit).
 */
class RtmRipBase : public Object
{
  public:
    /// Split-horizon modes.
    enum SplitHorizonMode
    {
        NO_SPLIT_HORIZON, //!< advertise everything everywhere
        SPLIT_HORIZON,    //!< omit routes on the interface they were learned from
        POISON_REVERSE,   //!< advertise them there with metric 16
    };

    static constexpr uint32_t METRIC_INFINITY = 16; //!< unreachable

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \param family RTM_AF_INET or RTM_AF_INET6
    explicit RtmRipBase(uint16_t family);
    ~RtmRipBase() override;

    /**
     * \brief Register with instance \p instance of \p node's RTM (its forwarding plane for the
     * family must be installed) and start the protocol after a random delay in [0, StartupDelay].
     * \param node the node
     * \param instance the RTM instance (a virtual router)
     * \return Success; AlreadyExists if started before; InvalidParameter if the node has no RTM
     * router or no IP stack of the family; otherwise the RegisterEntity or
     * RegisterForChangeNotification error
     */
    RtmStatus Start(Ptr<Node> node, uint16_t instance);

    /**
     * \brief Do not run the protocol on an interface (no socket, nothing learned from it). Its
     * connected routes are still advertised elsewhere if RedistributeConnected.
     * \param interface the interface index of the family
     */
    void ExcludeInterface(uint32_t interface);

    /**
     * \brief Set the metric added to routes received on \p interface (default
     * DefaultInterfaceMetric).
     * \param interface the interface index
     * \param metric 1..15 (clamped)
     */
    void SetInterfaceMetric(uint32_t interface, uint8_t metric);

    /// \return the metric of \p interface
    uint8_t GetInterfaceMetric(uint32_t interface) const;

    /**
     * \brief Use fixed random streams.
     * \param stream the first stream
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \return the address family (RTM_AF_INET or RTM_AF_INET6)
    uint16_t GetFamily() const;
    /// \return the registration (null before Start or if it failed)
    Ptr<RtmRegistration> GetRegistration() const;
    /// \return the RTM instance
    uint16_t GetInstanceId() const;
    /// \return the interfaces that currently have a socket, ascending
    std::vector<uint32_t> GetRipInterfaces() const;
    /// \return the number of routes the client has in the RTM (one per destination and neighbour)
    uint32_t GetNRoutes() const;
    /// \return the number of next hops in its list
    uint32_t GetNNextHops() const;

    /// \return response messages sent (periodic, triggered and answers to requests)
    uint64_t GetUpdatesSent() const;
    /// \return response messages accepted from neighbours
    uint64_t GetUpdatesReceived() const;
    /// \return periodic updates done
    uint64_t GetPeriodicUpdates() const;
    /// \return triggered updates done
    uint64_t GetTriggeredUpdates() const;
    /// \return request messages sent
    uint64_t GetRequestsSent() const;
    /// \return request messages accepted (answered or not)
    uint64_t GetRequestsReceived() const;
    /// \return routes that reached their TTL
    uint64_t GetRoutesExpired() const;
    /// \return messages or entries dropped for \p reason
    uint64_t GetDropCount(RtmRipDropReason reason) const;
    /// \return messages and entries dropped for any reason
    uint64_t GetDropCount() const;

    /**
     * \brief Print the advertisement table (what the client sends and why) and its routes.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

    /**
     * TracedCallback signature of dropped messages and entries.
     * \param packet the UDP payload as received
     * \param from the sender's address (a host address of the family)
     * \param interface the receiving interface
     * \param reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const RtmNetAddress& from,
                                       uint32_t interface,
                                       RtmRipDropReason reason);

  protected:
    void DoDispose() override;

    // ------------------------------------------------- what a family provides

    /**
     * \brief Take the IP stack of the family from \p node.
     * \return false if it has none
     */
    virtual bool AttachIp(Ptr<Node> node) = 0;
    /// \return the number of interfaces of the family
    virtual uint32_t GetNInterfaces() const = 0;
    /// \return true if the protocol can run on \p interface (up, not loopback, addressed)
    virtual bool InterfaceUsable(uint32_t interface) const = 0;
    /// \return a socket for \p interface (bound, joined to the group, callback set), or null
    virtual Ptr<Socket> OpenSocket(uint32_t interface) = 0;
    /**
     * \brief Close \p s, the socket OpenSocket gave for \p interface, and leave what it joined.
     * Called also while the node is disposed, when the IP layer may have gone already. The
     * default closes the socket.
     */
    virtual void CloseSocket(uint32_t interface, Ptr<Socket> s);
    /// Send a whole-table request on \p interface.
    virtual void SendRequest(uint32_t interface) = 0;
    /**
     * \brief Send RESPONSE messages holding \p entries (as many messages as needed).
     * \param interface the interface
     * \param entries the route entries (next hop unset: the sender)
     * \param to the destination socket address (the group for updates)
     * \param sendEmpty send one empty message if there are no entries
     */
    virtual void SendResponses(uint32_t interface,
                               const std::vector<RtmRipEntry>& entries,
                               const Address& to,
                               bool sendEmpty) = 0;
    /// \return the socket address of the group and port updates go to
    virtual Address GroupAddress() const = 0;
    /// \return true if \p address is an address of this virtual router
    virtual bool IsOwnAddress(const RtmNetAddress& address) const = 0;
    /// \return true if \p address may be a neighbour on \p interface (another host of the link)
    virtual bool IsNeighbour(uint32_t interface, const RtmNetAddress& address) const = 0;
    /// \return true if RIP of this family may carry \p prefix at all
    virtual bool Carriable(const RtmNetAddress& prefix) const = 0;

    // ------------------------------------------------- what the family code calls

    /// \return the node
    Ptr<Node> GetNode() const;
    /// \return the RTM instance (null before Start)
    Ptr<RtmInstance> GetInstance() const;
    /// \return the interface of \p socket (false if unknown)
    bool InterfaceOfSocket(Ptr<Socket> socket, uint32_t& interface) const;
    /// \return the socket of \p interface, or null
    Ptr<Socket> SocketOf(uint32_t interface) const;
    /// \return true while the protocol runs
    bool IsRunning() const;
    /**
     * \brief Count and trace a drop.
     * \param reason why
     * \param packet the payload
     * \param from the sender
     * \param interface the receiving interface
     */
    void Drop(RtmRipDropReason reason,
              Ptr<const Packet> packet,
              const RtmNetAddress& from,
              uint32_t interface);
    /**
     * \brief Take a request into account (rate limit; the caller answers it if true is returned).
     * \return false if it exceeds the interface's request rate (counted as RequestRateLimit)
     */
    bool AdmitRequest(Ptr<const Packet> packet, const RtmNetAddress& from, uint32_t interface);
    /**
     * \brief The entries of a whole-table answer on \p interface (split horizon applied).
     */
    std::vector<RtmRipEntry> WholeTable(uint32_t interface);
    /**
     * \brief Answer a request for specific entries (RFC 2453 §3.9.1): each with the advertised
     * metric (16 if unknown), without split horizon.
     */
    std::vector<RtmRipEntry> AnswerEntries(const std::vector<RtmRipEntry>& asked) const;
    /**
     * \brief Act on a message that parsed (and authenticated), the same for both families: a
     * request is admitted (rate limit) and answered to \p back with the whole table or the
     * entries asked (none asked: no answer, RFC 2453 §3.9.1); a response must come from the
     * protocol's port (else BadSourcePort), from a neighbour on the link (NotNeighbour) and pass
     * the family's own link rule (\p linkDrop, e.g. RIPng's hop limit 255), then its entries
     * are checked (NotCarried; an off-link next hop is ignored as NextHopOffLink) and handed to
     * HandleResponse.
     * \param m the message
     * \param packet the datagram (for the Drop trace)
     * \param from the sender
     * \param fromProtocolPort the sender's port is the protocol's (520 or 521)
     * \param back the sender's socket address (answers to requests go there)
     * \param interface the receiving interface
     * \param linkDrop if set, the response breaks the family's link rule: dropped for it
     */
    void ProcessMessage(const RtmRipMessage& m,
                        Ptr<const Packet> packet,
                        const RtmNetAddress& from,
                        bool fromProtocolPort,
                        const Address& back,
                        uint32_t interface,
                        std::optional<RtmRipDropReason> linkDrop = std::nullopt);
    /**
     * \brief Process the route entries of a response accepted from \p from on \p interface
     * (already validated). Entries naming the same prefix count once, with their lowest metric.
     */
    void HandleResponse(const std::vector<RtmRipEntry>& entries,
                        const RtmNetAddress& from,
                        uint32_t interface);
    /// Count a message sent (request or response) for the counters.
    void CountSent(bool request);
    /// \return the duration as RTM milliseconds (at least 1)
    static uint32_t Ms(Time t);
    /// \return the TimeoutDelay attribute
    Time GetTimeout() const;

  private:
    /// What is advertised for one destination.
    enum class AdvState
    {
        Reachable, //!< its best route, with a metric below 16
        Held,      //!< in RTM hold-down: metric 16
        Withdrawn, //!< no longer advertised: metric 16 until `until`
    };

    /// One destination of the advertisement table.
    struct Adv
    {
        RtmDestHandle dest;                  //!< the RTM destination
        AdvState state{AdvState::Reachable}; //!< what is advertised
        uint32_t metric{16};                 //!< advertised metric (before split horizon)
        uint16_t tag{0};                     //!< route tag
        std::set<uint32_t> via;              //!< interfaces of the best route's next hops
        bool connected{false}; //!< the best route is on-link (LOCAL): never sent on `via`
        bool held{false};      //!< a hold is running (do not re-arm)
        bool changed{true};    //!< changed since the last update
        Time until;            //!< end of a Withdrawn advertisement
    };

    /// Key of a learned route: (prefix, interface, neighbour address).
    typedef std::tuple<RtmNetAddress, uint32_t, RtmNetAddress> LearnedKey;

    /// A route the client added.
    struct Learned
    {
        RtmRouteHandle route;         //!< the RTM route
        RtmNextHopHandle neighbour;   //!< the advertising neighbour
        RtmNextHopHandle nextHop;     //!< where packets go (the neighbour or the RTE's next hop)
        RtmNetAddress nextHopAddress; //!< address of nextHop
        uint32_t metric{16};          //!< metric in the RTM
        uint16_t tag{0};              //!< route tag
    };

    /// A next hop of the client's list and how many route references it has.
    struct Hop
    {
        RtmNextHopHandle handle; //!< the RTM next hop
        uint32_t uses{0};        //!< references (as neighbour or next hop of a route)
    };

    /// Request token bucket of one interface.
    struct Bucket
    {
        double tokens{0}; //!< available requests
        Time last;        //!< last refill
        bool init{false}; //!< filled once
    };

    /// Stop everything: timers, sockets, registration (DoDispose and the destructor).
    void Teardown();
    /// RTM event callback.
    RtmStatus OnRtmEvent(const RtmEvent& event);
    /// Router manager interface listener.
    void InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up);
    /// First actions after the start-up delay.
    void Startup();
    /// Open or close sockets to match the instance's usable interfaces.
    void SyncInterfaces();
    /// \return true if the protocol should run on \p interface
    bool WantInterface(uint32_t interface) const;
    /// Open the socket of \p interface and send a whole-table request there.
    void OpenInterface(uint32_t interface);
    /// Close the socket of \p interface and delete the routes learned through it.
    void CloseInterface(uint32_t interface);
    /// Add, refresh or delete the route of one entry.
    void Learn(const RtmNetAddress& prefix,
               uint32_t iface,
               const RtmNetAddress& neighbour,
               const RtmNetAddress& nextHop,
               uint32_t metric,
               uint16_t tag);
    /// Delete a learned route and release its next hops.
    void Forget(std::map<LearnedKey, Learned>::iterator it);
    /// \return my next hop (address, interface), created if needed, with one more use
    RtmNextHopHandle RefHop(uint32_t iface, const RtmNetAddress& address);
    /// Drop one use of a next hop (deleted at zero).
    void UnrefHop(uint32_t iface, const RtmNetAddress& address);
    /// Pull the pending changes and update the advertisement table.
    void ProcessChanges();
    /// Re-read the whole table (destination enumeration) into the advertisement table.
    void ReadTable();
    /// Update the advertisement of one destination. \return true if it changed
    bool UpdateAdv(const RtmDestInfo& info);
    /// The destination is no longer advertisable. \return true if that changed the table
    bool DropAdv(const RtmNetAddress& prefix);
    /// Compute what to advertise. \return false if nothing is advertised
    bool ComputeAdv(const RtmDestInfo& info, Adv& adv);
    /// \return true if the redistribution policy lets a route of \p owner be advertised
    bool PolicyAllows(RtmEntityHandle owner);
    /// Arrange a triggered update (now, or when the cooldown ends).
    void ScheduleTriggered();
    /// Send the triggered update.
    void SendTriggered();
    /// \return the delay to the next periodic update (interval ± jitter)
    Time NextPeriodic();
    /// Send the periodic update and schedule the next one.
    void SendPeriodic();
    /// Send the advertisement table (all of it, or only what changed) on every interface.
    void SendUpdate(bool all);
    /// The entries for \p iface (split horizon applied). \param armed receives advertised dests
    std::vector<RtmRipEntry> BuildEntries(uint32_t iface,
                                          bool all,
                                          std::set<RtmNetAddress>* armed) const;

    // Attributes.
    uint32_t m_preference;           //!< Preference
    Time m_updateInterval;           //!< UpdateInterval
    Time m_updateJitter;             //!< UpdateJitter
    Time m_timeout;                  //!< TimeoutDelay
    Time m_garbage;                  //!< GarbageCollectionDelay
    Time m_minCooldown;              //!< MinTriggeredCooldown
    Time m_maxCooldown;              //!< MaxTriggeredCooldown
    Time m_startupDelay;             //!< StartupDelay
    SplitHorizonMode m_splitHorizon; //!< SplitHorizon
    uint8_t m_defaultMetric;         //!< DefaultInterfaceMetric
    uint32_t m_redistMetric;         //!< RedistributedMetric
    uint16_t m_redistTag;            //!< RedistributedTag
    bool m_redistConnected;          //!< RedistributeConnected
    bool m_redistStatic;             //!< RedistributeStatic
    bool m_redistOther;              //!< RedistributeOther
    bool m_strictHold;               //!< StrictHoldDown
    double m_requestRate;            //!< RequestRate
    uint32_t m_requestBurst;         //!< RequestBurst

    uint16_t m_family;                //!< RTM_AF_INET or RTM_AF_INET6
    Ptr<Node> m_node;                 //!< the node
    Ptr<RtmRouter> m_router;          //!< its router manager
    Ptr<RtmInstance> m_instance;      //!< the RTM instance
    uint16_t m_instanceId{0};         //!< its id
    Ptr<RtmRegistration> m_reg;       //!< the registration
    RtmEntityHandle m_self;           //!< my entity handle
    RtmNotifyHandle m_notify;         //!< BEST changes of the unicast view
    uint32_t m_maxEnum{1};            //!< MaxHandlesInEnum of the profile
    Ptr<UniformRandomVariable> m_rng; //!< jitter and cooldowns
    bool m_running{false};            //!< started and not disposed
    bool m_listening{false};          //!< the interface listener is installed

    std::set<uint32_t> m_excluded;                            //!< excluded interfaces
    std::map<uint32_t, uint8_t> m_metrics;                    //!< interface metrics
    std::map<uint32_t, Ptr<Socket>> m_sockets;                //!< interface -> socket
    std::map<Socket*, uint32_t> m_socketIf;                   //!< socket -> interface
    std::map<uint32_t, Bucket> m_buckets;                     //!< interface -> request bucket
    std::map<RtmNetAddress, Adv> m_adv;                       //!< advertisement table
    std::map<LearnedKey, Learned> m_learned;                  //!< routes added
    std::map<RtmRouteHandle, LearnedKey> m_byRoute;           //!< route handle -> key
    std::map<std::pair<uint32_t, RtmNetAddress>, Hop> m_hops; //!< (interface, address) -> hop
    std::map<RtmEntityHandle, uint32_t> m_protocolOf;         //!< owner -> protocol id (cache)

    EventId m_periodicEvent;      //!< next periodic update
    EventId m_triggerEvent;       //!< pending triggered update
    EventId m_startupEvent;       //!< start-up
    bool m_startupPending{false}; //!< Start() was called, Startup() has not run yet
    Time m_cooldownEnd;           //!< no triggered update before this

    uint64_t m_updatesSent{0};      //!< responses sent
    uint64_t m_updatesReceived{0};  //!< responses accepted
    uint64_t m_periodic{0};         //!< periodic updates
    uint64_t m_triggered{0};        //!< triggered updates
    uint64_t m_requestsSent{0};     //!< requests sent
    uint64_t m_requestsReceived{0}; //!< requests received
    uint64_t m_expired{0};          //!< expired routes
    std::array<uint64_t, static_cast<std::size_t>(RtmRipDropReason::Count)> m_drops{}; //!< drops

    TracedCallback<Ptr<const Packet>, const RtmNetAddress&, uint32_t, RtmRipDropReason>
        m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* RTM_RIP_BASE_H */
