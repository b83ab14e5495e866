/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 */
#ifndef RTM_RIP_CLIENT_H
#define RTM_RIP_CLIENT_H

#include "rtm-rip-header.h"

#include "ns3/event-id.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief RIPv2 (RFC 2453) for IPv4 as a client of one RTM instance of a node: it registers as
 * (RTM_PROTO_IP_RIP, 0), keeps its neighbours in its own next-hop list and adds the routes they
 * advertise, and learns what to advertise from the RTM itself.
 *
 * **On the wire.** One UDP socket per interface of the instance (bound to the device, port 520;
 * excluded interfaces have none) sends updates to 224.0.0.9 with TTL 1 and answers requests by
 * unicast. At start-up (and when an interface comes up) it sends a whole-table request.
 * Periodic updates go out every UpdateInterval ± UpdateJitter; triggered updates carry only
 * what changed and are spaced by a random cooldown in [MinTriggeredCooldown,
 * MaxTriggeredCooldown]. Split horizon is None, Simple or PoisonReverse.
 *
 * **Routes it adds.** Each advertisement of a neighbour is one route (destination, RIP,
 * neighbour): its neighbour handle and next hop are that neighbour (or the RTE's next-hop field
 * when it names another router on the link), its metric the advertised metric plus the metric of
 * the receiving interface, its preference the registration's default (Preference, 120), its
 * TTL TimeoutDelay. A re-advertisement refreshes the TTL; a route advertised with metric 16 is
 * deleted. The RTM picks the best route per destination (lower metric; on a tie the older route
 * stays). When a TTL runs out the RTM sends RTM_ROUTE_EXPIRED and the client deletes the route.
 *
 * **Garbage collection is RTM hold-down.** Each time a destination is advertised as reachable
 * the client arms it with RtmHoldDestination(GarbageCollectionDelay). When its last route goes
 * (expiry, metric 16, interface down, a connected or static route withdrawn) the RTM keeps it as
 * the hold route; while a destination is held the client advertises it with metric 16. With
 * StrictHoldDown (default) that lasts until the hold ends, even if a new route has arrived
 * meanwhile (which is forwarded on at once; RTMv2's hold-down semantics); without it a new route
 * is advertised as soon as it exists (RFC 2453 §3.9.2). The end of a hold arrives as a BEST
 * change (design decision 5).
 *
 * **What it advertises.** It registers for BEST changes in the unicast view and pulls them with
 * GetChangedDests; every periodic update also re-reads the whole table with a destination
 * enumeration. It advertises the best unicast route of each destination whoever owns it, subject
 * to policy: its own routes always (with their metric), connected routes if
 * RedistributeConnected, static routes if RedistributeStatic, any other client's if
 * RedistributeOther (redistributed routes with metric RedistributedMetric). Host routes of the
 * router's own addresses, loopback, multicast and broadcast destinations and routes flagged
 * BLACKHOLE, DISCARD or MARTIAN are never advertised. A route that stops being advertised
 * without a hold (policy, or deleted before it was ever armed) is advertised with metric 16
 * for GarbageCollectionDelay.
 */
class RtmRipClient : public Object
{
  public:
    /// Split-horizon modes.
    enum SplitHorizonMode
    {
        NO_SPLIT_HORIZON, //!< advertise everything everywhere
        SPLIT_HORIZON,    //!< omit routes on the interface they were learned from
        POISON_REVERSE,   //!< advertise them there with metric 16
    };

    static constexpr uint16_t RIP_PORT = 520; //!< the RIP UDP port
    /// The RIPv2 multicast group (224.0.0.9).
    static Ipv4Address RipGroup();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmRipClient();
    ~RtmRipClient() override;

    /**
     * \brief Register with instance \p instance of \p node's RTM (RtmHelper must have installed
     * it) and start the protocol after a random delay in [0, StartupDelay].
     * \param node the node
     * \param instance the RTM instance (a virtual router)
     * \return the registration status (InvalidParameter if the node has no RTM or no IPv4)
     */
    RtmStatus Start(Ptr<Node> node, uint16_t instance);

    /**
     * \brief Do not run RIP on an interface (no socket, nothing learned from it). Its connected
     * routes are still advertised elsewhere if RedistributeConnected.
     * \param interface the IPv4 interface index
     */
    void ExcludeInterface(uint32_t interface);

    /**
     * \brief Set the metric added to routes received on \p interface (default 1).
     * \param interface the IPv4 interface index
     * \param metric 1..15
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

    /// \return the registration (null before Start or if it failed)
    Ptr<RtmRegistration> GetRegistration() const;
    /// \return the RTM instance
    uint16_t GetInstanceId() const;
    /// \return the interfaces that currently have a RIP socket, ascending
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
    /// \return request messages received
    uint64_t GetRequestsReceived() const;
    /// \return malformed messages dropped
    uint64_t GetMalformedCount() const;
    /// \return well-formed messages ignored (not from port 520, not from a neighbour on the link)
    uint64_t GetIgnoredCount() const;
    /// \return route entries ignored (destinations RIP never carries)
    uint64_t GetIgnoredEntries() const;
    /// \return routes that reached their TTL
    uint64_t GetRoutesExpired() const;

    /**
     * \brief Print the advertisement table (what the client sends and why) and its routes.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

    /**
     * TracedCallback signature of malformed messages.
     * \param packet the UDP payload
     * \param from the sender
     * \param interface the receiving interface
     * \param why the reason it was rejected
     */
    typedef void (*MalformedTracedCallback)(Ptr<const Packet> packet,
                                            Ipv4Address from,
                                            uint32_t interface,
                                            const std::string& why);
    /**
     * TracedCallback signature of RIP messages sent or received.
     * \param header the message
     * \param peer the destination (sent) or the source (received)
     * \param interface the interface
     */
    typedef void (*MessageTracedCallback)(const RtmRipHeader& header,
                                          Ipv4Address peer,
                                          uint32_t interface);

  protected:
    void DoDispose() override;

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
    typedef std::tuple<RtmNetAddress, uint32_t, uint32_t> LearnedKey;

    /// A route the client added.
    struct Learned
    {
        RtmRouteHandle route;       //!< the RTM route
        RtmNextHopHandle neighbour; //!< the advertising neighbour
        RtmNextHopHandle nextHop;   //!< where packets go (the neighbour or the RTE's next hop)
        uint32_t nextHopAddress{0}; //!< address of nextHop
        uint32_t metric{16};        //!< metric in the RTM
        uint16_t tag{0};            //!< route tag
    };

    /// A next hop of the client's list and how many route references it has.
    struct Hop
    {
        RtmNextHopHandle handle; //!< the RTM next hop
        uint32_t uses{0};        //!< references (as neighbour or next hop of a route)
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
    /// \return true if RIP should run on \p interface
    bool WantInterface(uint32_t interface) const;
    /// Open the socket of \p interface and send a whole-table request there.
    void OpenInterface(uint32_t interface);
    /// Close the socket of \p interface and delete the routes learned through it.
    void CloseInterface(uint32_t interface);
    /// Socket receive callback.
    void Receive(Ptr<Socket> socket);
    /// Answer a request.
    void HandleRequest(const RtmRipHeader& h, Ipv4Address from, uint16_t port, uint32_t iface);
    /// Process a response.
    void HandleResponse(const RtmRipHeader& h, Ipv4Address from, uint16_t port, uint32_t iface);
    /// Add, refresh or delete the route of one RTE.
    void Learn(const RtmNetAddress& prefix,
               uint32_t iface,
               uint32_t neighbour,
               uint32_t nextHop,
               uint32_t metric,
               uint16_t tag);
    /// Delete a learned route and release its next hops.
    void Forget(std::map<LearnedKey, Learned>::iterator it);
    /// \return my next hop (address, interface), created if needed, with one more use
    RtmNextHopHandle RefHop(uint32_t iface, uint32_t address);
    /// Drop one use of a next hop (deleted at zero).
    void UnrefHop(uint32_t iface, uint32_t address);
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
    /// \return true if RIP may carry \p prefix at all
    static bool Carriable(const RtmNetAddress& prefix);
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
    /// The RTEs for \p iface (split horizon applied). \param armed receives advertised dests
    std::vector<RtmRipHeader::Entry> BuildEntries(uint32_t iface,
                                                  bool all,
                                                  std::set<RtmNetAddress>* armed);
    /// Send RESPONSE messages of at most 25 entries (at least one message).
    void SendResponses(uint32_t iface,
                       const std::vector<RtmRipHeader::Entry>& entries,
                       Ipv4Address to,
                       uint16_t port,
                       bool sendEmpty);
    /// Send one message.
    void SendMessage(uint32_t iface, const RtmRipHeader& h, Ipv4Address to, uint16_t port);
    /// Send a whole-table request on \p iface.
    void SendRequest(uint32_t iface);
    /// \return true if \p address is one of this node's addresses
    bool IsOwnAddress(Ipv4Address address) const;
    /// \return true if \p address is another host of a subnet of \p iface
    bool IsOnLink(uint32_t iface, Ipv4Address address) const;
    /// \return the duration as RTM milliseconds (at least 1)
    static uint32_t Ms(Time t);

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
    bool m_redistConnected;          //!< RedistributeConnected
    bool m_redistStatic;             //!< RedistributeStatic
    bool m_redistOther;              //!< RedistributeOther
    bool m_strictHold;               //!< StrictHoldDown

    Ptr<Node> m_node;                 //!< the node
    Ptr<Ipv4> m_ipv4;                 //!< its IPv4
    Ptr<RtmRouter> m_router;          //!< its router manager
    Ptr<RtmInstance> m_instance;      //!< the RTM instance
    uint16_t m_instanceId{0};         //!< its id
    Ptr<RtmRegistration> m_reg;       //!< the registration
    RtmEntityHandle m_self;           //!< my entity handle
    RtmNotifyHandle m_notify;         //!< BEST changes of the unicast view
    uint32_t m_maxEnum{1};            //!< MaxHandlesInEnum of the profile
    Ptr<UniformRandomVariable> m_rng; //!< jitter and cooldowns
    bool m_running{false};            //!< started and not disposed

    std::set<uint32_t> m_excluded;                       //!< excluded interfaces
    std::map<uint32_t, uint8_t> m_metrics;               //!< interface metrics
    std::map<uint32_t, Ptr<Socket>> m_sockets;           //!< interface -> socket
    std::map<Socket*, uint32_t> m_socketIf;              //!< socket -> interface
    std::map<RtmNetAddress, Adv> m_adv;                  //!< advertisement table
    std::map<LearnedKey, Learned> m_learned;             //!< routes added
    std::map<RtmRouteHandle, LearnedKey> m_byRoute;      //!< route handle -> key
    std::map<std::pair<uint32_t, uint32_t>, Hop> m_hops; //!< (interface, address) -> next hop
    std::map<RtmEntityHandle, uint32_t> m_protocolOf;    //!< owner -> protocol id (cache)

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
    uint64_t m_malformed{0};        //!< malformed messages
    uint64_t m_ignored{0};          //!< ignored messages
    uint64_t m_ignoredEntries{0};   //!< ignored RTEs
    uint64_t m_expired{0};          //!< expired routes

    TracedCallback<Ptr<const Packet>, Ipv4Address, uint32_t, const std::string&>
        m_malformedTrace;                                                 //!< Malformed
    TracedCallback<const RtmRipHeader&, Ipv4Address, uint32_t> m_txTrace; //!< Tx
    TracedCallback<const RtmRipHeader&, Ipv4Address, uint32_t> m_rxTrace; //!< Rx
};

} // namespace ns3

#endif /* RTM_RIP_CLIENT_H */
