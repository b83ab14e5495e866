/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpSpeaker: a BGP-4 speaker as a client of one RTM instance (Adj-RIBs, decision process,
 * MRAI, route reflection, policies, redistribution, next-hop tracking).
 */
#ifndef RTM_BGP_SPEAKER_H
#define RTM_BGP_SPEAKER_H

#include "rtm-bgp-attributes.h"
#include "rtm-bgp-decision.h"
#include "rtm-bgp-policy.h"
#include "rtm-bgp-session.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <array>
#include <deque>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

/// Protocol id of the BGP client (routprot.h PROTO_IP_BGP).
constexpr uint32_t RTM_PROTO_IP_BGP = 14;

/// Hash of a prefix (family, length, address bits).
struct RtmBgpPrefixHash
{
    /// \return the hash
    std::size_t operator()(const RtmNetAddress& p) const;
};

/**
 * \ingroup rtm
 * \brief A BGP-4 speaker (RFC 4271) as a client of one RTM instance: its routes go into the RTM
 * with remote next hops that the RTM resolves through the IGP, and it learns what to
 * redistribute and how its next hops resolve from RTM change notifications.
 *
 * **Sessions.** One RtmBgpSession per neighbour (AddNeighbor), over TCP port 179, IPv4 or IPv6
 * transport, eBGP or iBGP by the neighbour's AS; IPv4 and IPv6 unicast through the
 * multiprotocol capability. A listening socket per local address accepts the neighbours'
 * connections. Sessions start after a random delay in [0, StartupDelay].
 *
 * **Routes.** Each accepted route (import policy, AS-path loop check, RFC 4456 originator and
 * cluster checks) is kept in the Adj-RIB-In of its neighbour; per destination the decision
 * process (RtmBgpDecide) picks the best route over all neighbours and the routes this speaker
 * originates (Originate, or redistribution of other clients' routes). The best route of a
 * destination learned from a neighbour is the client's one route in the RTM: preference
 * EbgpPreference (20) or IbgpPreference (200), metric the AS-path length, one REMOTE next hop
 * (the BGP NEXT_HOP), both views. Locally originated routes are not added to the RTM (the
 * client whose route is redistributed has it there already).
 *
 * **Next-hop tracking.** A next hop is resolvable when the RTM's unicast view has a route that
 * covers it and is not one of this speaker's own routes; its IGP cost is that route's metric.
 * The client registers for BEST changes of the unicast view; each change re-resolves the
 * tracked next hops the changed prefix covers (an ordered range, not a scan of all), and when a
 * next hop's resolvability or cost changed, the decision process runs again for every
 * destination with a route through it (each tracked next hop lists its destinations, so this
 * costs the routes through that next hop, not a scan of the RIB).
 *
 * **Advertising.** Per neighbour an Adj-RIB-Out records what was sent; destinations whose best
 * route changed are queued per neighbour and sent when the neighbour's MRAI timer allows
 * (MinRouteAdvertisementInterval, RFC 4271 §9.2.1.1: per neighbour, default 30 s eBGP and 5 s
 * iBGP, jittered by a factor in [0.75, 1]), in UPDATEs grouped by attributes, as fast as the TCP
 * connection takes them. What is sent follows RFC 4271 §9.1.3 and RFC 4456: never back to the
 * neighbour it came from; iBGP-learned routes to iBGP neighbours only by route reflection
 * (client → everyone, non-client → clients), with ORIGINATOR_ID and CLUSTER_LIST; eBGP gets our
 * AS prepended, our address as next hop, no LOCAL_PREF and no MED learned from another AS;
 * NO_EXPORT and NO_ADVERTISE honoured; then the export policy.
 */
class RtmBgpSpeaker : public Object, public RtmBgpSessionOwner
{
  public:
    static constexpr uint32_t LOCAL = 0xFFFFFFFF; //!< "peer" index of originated routes

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmBgpSpeaker();
    ~RtmBgpSpeaker() override;

    /**
     * \brief Register with RTM instance \p instance of \p node (both families) and start the
     * sessions of the neighbours added so far (later ones start when added).
     * \return Success, InvalidParameter (no RTM router or no IPv4), AlreadyExists, or a
     * registration error
     */
    RtmStatus Start(Ptr<Node> node, uint16_t instance);

    /**
     * \brief Add a neighbour (started at once if the speaker runs).
     * \param config the neighbour
     * \return its index
     */
    uint32_t AddNeighbor(const RtmBgpNeighborConfig& config);
    /// \return the number of neighbours
    uint32_t GetNNeighbors() const;
    /// \return neighbour \p n's configuration
    const RtmBgpNeighborConfig& GetNeighborConfig(uint32_t n) const;
    /// \return the index of the neighbour with address \p address, or -1
    int32_t FindNeighbor(const RtmNetAddress& address) const;
    /// \return the session state of neighbour \p n
    RtmBgpState GetState(uint32_t n) const;
    /// \return neighbour \p n's session (for its counters)
    const RtmBgpSession& GetSession(uint32_t n) const;
    /// \return the number of neighbours in Established
    uint32_t GetNEstablished() const;

    /// Stop neighbour \p n (Cease/Administrative Shutdown, no restart).
    void StopNeighbor(uint32_t n);
    /**
     * \brief Stop every session: with \p notify a Cease/Administrative Shutdown NOTIFICATION
     * each, else the TCP connections just close (a BGP process that exits). Disposing a speaker
     * does not close its connections (the peers notice through their hold timers).
     */
    void Shutdown(bool notify = true);
    /// Reset neighbour \p n's session (Cease/Administrative Reset; it restarts by itself).
    void ResetNeighbor(uint32_t n);

    /**
     * \brief Set the import policy of neighbour \p n. An established session is asked to send
     * its routes again (ROUTE-REFRESH) so the new policy applies; a peer without the route
     * refresh capability gets its session reset.
     */
    void SetImportPolicy(uint32_t n, Ptr<RtmBgpPolicy> policy);
    /// Set the export policy of neighbour \p n; what it changes is sent at once.
    void SetExportPolicy(uint32_t n, Ptr<RtmBgpPolicy> policy);
    /// Policy applied to routes redistributed from other RTM clients (null: accept all).
    void SetRedistributionPolicy(Ptr<RtmBgpPolicy> policy);

    /**
     * \brief Originate a prefix (ORIGIN IGP, empty AS path; our address as next hop when
     * sent), as a "network" statement does.
     * \param prefix a canonical prefix
     * \return false if malformed
     */
    bool Originate(const RtmNetAddress& prefix);
    /**
     * \brief Originate a prefix with given attributes (e.g. an AS path that makes this
     * speaker look like a border router that learned it: the real-table helper).
     * \param prefix the prefix \param attrs its attributes (the next hop is ignored)
     * \return false if malformed
     */
    bool Originate(const RtmNetAddress& prefix, Ptr<RtmBgpAttributes> attrs);
    /// Stop originating \p prefix. \return false if it was not originated
    bool WithdrawOriginated(const RtmNetAddress& prefix);

    /**
     * \brief The current best route of a prefix.
     * \param prefix the prefix
     * \param[out] attrs its attributes (null if none)
     * \param[out] peer the neighbour it came from, or LOCAL
     * \param[out] decidedBy the tie-break that chose it (may be null)
     * \return true if the prefix has a best route
     */
    bool GetBest(const RtmNetAddress& prefix,
                 Ptr<const RtmBgpAttributes>& attrs,
                 uint32_t& peer,
                 RtmBgpTieBreak* decidedBy = nullptr) const;
    /// \return every route of \p prefix: (neighbour or LOCAL, attributes), best first
    std::vector<std::pair<uint32_t, Ptr<const RtmBgpAttributes>>> GetRoutes(
        const RtmNetAddress& prefix) const;
    /// \return the number of destinations with a best route (the Loc-RIB)
    uint32_t GetNBest() const;
    /// \return the number of routes in neighbour \p n's Adj-RIB-In
    uint32_t GetAdjRibInSize(uint32_t n) const;
    /// \return the number of prefixes in neighbour \p n's Adj-RIB-Out
    uint32_t GetAdjRibOutSize(uint32_t n) const;
    /// \return true if neighbour \p n has queued changes not yet sent
    bool HasPendingOut(uint32_t n) const;
    /// \return true if next hop \p address currently resolves (and its IGP cost)
    bool IsNextHopResolvable(const RtmNetAddress& address, uint32_t* cost = nullptr) const;

    /// \return our AS
    uint32_t GetLocalAs() const;
    /// \return our BGP identifier
    uint32_t GetRouterId() const;
    /// \return the RTM registration of \p family
    Ptr<RtmRegistration> GetRegistration(uint16_t family = RTM_AF_INET) const;

    /// \return malformed or unexpected messages for \p reason (all neighbours)
    uint64_t GetErrorCount(RtmBgpReason reason) const;
    /// \return all errors counted
    uint64_t GetErrorTotal() const;
    /// \return routes dropped by the AS-path loop check
    uint64_t GetAsLoopDrops() const;
    /// \return routes dropped by the ORIGINATOR_ID / CLUSTER_LIST loop checks (RFC 4456)
    uint64_t GetReflectionLoopDrops() const;
    /// \return routes rejected by import policies
    uint64_t GetImportRejects() const;
    /// \return UPDATE messages received / sent (all neighbours)
    uint64_t GetUpdatesReceived() const;
    /// \return UPDATE messages sent
    uint64_t GetUpdatesSent() const;
    /// \return decision-process runs that changed a best route
    uint64_t GetBestChanges() const;
    /// \return distinct attribute sets held
    std::size_t GetNAttributeSets() const;

    /**
     * \brief Use fixed random streams (session start delays, MRAI jitter).
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// Print neighbours (state, counters) and the Loc-RIB.
    void Print(std::ostream& os) const;

    /**
     * TracedCallback signature of session state changes.
     * \param peer the neighbour's address \param from old state \param to new state
     */
    typedef void (*StateTracedCallback)(const RtmNetAddress& peer,
                                        RtmBgpState from,
                                        RtmBgpState to);
    /**
     * TracedCallback signature of errors in received messages.
     * \param peer the neighbour's address \param reason the reason \param action the action
     */
    typedef void (*ErrorTracedCallback)(const RtmNetAddress& peer,
                                        RtmBgpReason reason,
                                        RtmBgpAction action);
    /**
     * TracedCallback signature of best-route changes.
     * \param prefix the destination \param attrs the new best route's attributes (null: none)
     */
    typedef void (*BestTracedCallback)(const RtmNetAddress& prefix,
                                       Ptr<const RtmBgpAttributes> attrs);
    /**
     * TracedCallback signature of UPDATE messages sent or received.
     * \param peer the neighbour's address \param announced prefixes announced \param withdrawn
     * prefixes withdrawn
     */
    typedef void (*UpdateTracedCallback)(const RtmNetAddress& peer,
                                         uint32_t announced,
                                         uint32_t withdrawn);

  protected:
    void DoDispose() override;

  private:
    /// A route of a destination.
    struct Path
    {
        uint32_t peer{LOCAL};              //!< neighbour index or LOCAL
        Ptr<const RtmBgpAttributes> attrs; //!< attributes (interned)
    };

    /// A destination: its routes and what the RTM has of it.
    struct Dest
    {
        std::vector<Path> paths;                 //!< routes, one per neighbour (+ LOCAL)
        int32_t best{-1};                        //!< index of the best in paths
        uint32_t bestPeer{LOCAL};                //!< the best route's neighbour (last decision)
        Ptr<const RtmBgpAttributes> bestAttrs;   //!< its attributes (null: no best route)
        RtmBgpTieBreak by{RtmBgpTieBreak::None}; //!< how it was chosen
        RtmRouteHandle route;                    //!< our RTM route (null: none)
        Ptr<const RtmBgpAttributes> installed;   //!< attributes of the RTM route
    };

    /// A tracked next hop.
    struct NextHop
    {
        bool resolvable{false};  //!< resolves through a non-BGP route
        uint32_t cost{0};        //!< that route's metric
        uint32_t paths{0};       //!< routes of the RIB with this next hop
        uint32_t routes{0};      //!< RTM routes using rtmHop
        RtmNextHopHandle rtmHop; //!< our REMOTE next hop in the RTM
        /// Destinations that had a route through it (a superset, compacted when more than
        /// twice \c paths): what Retrack runs the decision again for. A deque: 20 bytes per
        /// route through the next hop, without a vector's up to twofold spare capacity.
        std::deque<RtmNetAddress> dests;
    };

    /// Per neighbour.
    struct Peer
    {
        std::unique_ptr<RtmBgpSession> session; //!< session
        std::unordered_map<RtmNetAddress, Ptr<const RtmBgpAttributes>, RtmBgpPrefixHash>
            adjOut;                                                 //!< Adj-RIB-Out
        std::deque<RtmNetAddress> pending;                          //!< queued
        std::unordered_set<RtmNetAddress, RtmBgpPrefixHash> queued; //!< dedup
        uint32_t adjIn{0};                                          //!< Adj-RIB-In
        EventId mrai;                                               //!< MRAI timer
        EventId drainEvent;                                         //!< drain now
        bool draining{false};                                       //!< sending
    };

    // RtmBgpSessionOwner
    void OnEstablished(uint32_t peer) override;
    void OnDown(uint32_t peer) override;
    void OnUpdate(uint32_t peer, const RtmBgpUpdate& update) override;
    void OnRouteRefresh(uint32_t peer, uint16_t afi, uint8_t safi) override;
    void OnWritable(uint32_t peer) override;
    void OnError(uint32_t peer, const RtmBgpParseResult& result) override;
    void OnStateChange(uint32_t peer, RtmBgpState from, RtmBgpState to) override;

    void Teardown();
    RtmStatus Register(uint16_t family);
    void StartSession(uint32_t n);
    void Listen(const RtmNetAddress& local, uint16_t family);
    bool AcceptRequest(Ptr<Socket> s, const Address& from);
    void NewConnection(Ptr<Socket> s, const Address& from);
    void InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up);
    RtmStatus OnRtmEvent(const RtmEvent& event);
    void ProcessChanges(uint16_t family);
    void ReadTable(uint16_t family);

    void Announce(uint32_t peer,
                  const std::vector<RtmNetAddress>& prefixes,
                  Ptr<const RtmBgpAttributes> attrs);
    void SetPath(const RtmNetAddress& prefix, uint32_t peer, Ptr<const RtmBgpAttributes> attrs);
    void RemovePath(const RtmNetAddress& prefix, uint32_t peer);
    void Decide(const RtmNetAddress& prefix, Dest& d);
    void Install(const RtmNetAddress& prefix, Dest& d);
    void TrackPath(const RtmNetAddress& prefix, const Path& p, int delta);
    void CompactDests(const RtmNetAddress& address, NextHop& nh);
    bool UsesNextHop(const RtmNetAddress& prefix, const RtmNetAddress& address) const;
    NextHop Resolve(const RtmNetAddress& address) const;
    void Retrack(const RtmNetAddress& changed);
    RtmNextHopHandle RefRtmHop(const RtmNetAddress& address);
    void UnrefRtmHop(const RtmNetAddress& address);
    void Redistribute(const RtmDestInfo& info, uint16_t family);

    bool Negotiated(uint32_t peer, uint16_t family) const;
    RtmNetAddress SelfNextHop(uint32_t peer, uint16_t family) const;
    Ptr<const RtmBgpAttributes> Export(uint32_t peer, const RtmNetAddress& prefix, const Dest* d);
    void Enqueue(const RtmNetAddress& prefix);
    void EnqueueAll(uint32_t peer, uint16_t family);
    void ScheduleDrain(uint32_t peer);
    void StartDrain(uint32_t peer);
    void MraiExpired(uint32_t peer);
    void Drain(uint32_t peer);
    void EmitAnnouncements(uint32_t peer,
                           uint16_t family,
                           Ptr<const RtmBgpAttributes> attrs,
                           const std::vector<RtmNetAddress>& prefixes);
    void EmitWithdrawals(uint32_t peer,
                         uint16_t family,
                         const std::vector<RtmNetAddress>& prefixes);
    Time MraiOf(uint32_t peer) const;

    // Attributes.
    uint32_t m_localAs;          //!< LocalAs
    Ipv4Address m_routerIdAttr;  //!< RouterId
    Ipv4Address m_clusterIdAttr; //!< ClusterId
    uint32_t m_ebgpPreference;   //!< EbgpPreference
    uint32_t m_ibgpPreference;   //!< IbgpPreference
    uint32_t m_defaultLocalPref; //!< DefaultLocalPref
    bool m_alwaysCompareMed;     //!< AlwaysCompareMed
    Time m_idleHold;             //!< IdleHoldTime
    Time m_startupDelay;         //!< StartupDelay
    Time m_mraiEbgp;             //!< MraiEbgp
    Time m_mraiIbgp;             //!< MraiIbgp
    bool m_mraiJitter;           //!< MraiJitter
    bool m_redistConnected;      //!< RedistributeConnected
    bool m_redistStatic;         //!< RedistributeStatic
    bool m_redistOther;          //!< RedistributeOther
    bool m_fastExternalFallover; //!< FastExternalFallover
    uint32_t m_tcpSegmentSize;   //!< TcpSegmentSize

    Ptr<Node> m_node;                 //!< the node
    Ptr<RtmRouter> m_router;          //!< its router manager
    Ptr<RtmInstance> m_instance;      //!< the instance
    uint16_t m_instanceId{0};         //!< its id
    Ptr<RtmRegistration> m_reg[2];    //!< IPv4, IPv6 registrations
    RtmEntityHandle m_self[2];        //!< our entity handles
    RtmNotifyHandle m_notify[2];      //!< BEST changes of the unicast view
    uint32_t m_maxEnum{1};            //!< MaxHandlesInEnum
    uint32_t m_routerId{0};           //!< BGP identifier
    uint32_t m_clusterId{0};          //!< cluster id
    bool m_running{false};            //!< started, not disposed
    Ptr<UniformRandomVariable> m_rng; //!< start delays, MRAI jitter
    Ptr<RtmBgpPolicy> m_redistPolicy; //!< redistribution policy

    std::vector<Peer> m_peers;                                          //!< neighbours
    std::map<std::pair<uint16_t, RtmNetAddress>, Ptr<Socket>> m_listen; //!< listening sockets
    std::unordered_map<RtmNetAddress, Dest, RtmBgpPrefixHash> m_rib;    //!< destinations
    std::map<RtmNetAddress, NextHop> m_nh;                              //!< tracked next hops
    std::set<RtmNetAddress> m_originated;                               //!< explicitly originated
    std::set<RtmNetAddress> m_redistributed;          //!< originated by redistribution
    std::map<RtmEntityHandle, uint32_t> m_protocolOf; //!< owner -> protocol id
    RtmBgpAttributeCache m_cache;                     //!< interned attributes
    uint32_t m_nBest{0};                              //!< destinations with a best route

    std::array<uint64_t, static_cast<std::size_t>(RtmBgpReason::Count)> m_errors{}; //!< by reason
    uint64_t m_asLoops{0};         //!< AS-path loops
    uint64_t m_reflectionLoops{0}; //!< originator / cluster loops
    uint64_t m_importRejects{0};   //!< import policy rejects
    uint64_t m_updatesIn{0};       //!< UPDATEs received
    uint64_t m_updatesOut{0};      //!< UPDATEs sent
    uint64_t m_bestChanges{0};     //!< best-route changes

    TracedCallback<const RtmNetAddress&, RtmBgpState, RtmBgpState> m_stateTrace;   //!< State
    TracedCallback<const RtmNetAddress&, RtmBgpReason, RtmBgpAction> m_errorTrace; //!< Error
    TracedCallback<const RtmNetAddress&, Ptr<const RtmBgpAttributes>> m_bestTrace; //!< Best
    TracedCallback<const RtmNetAddress&, uint32_t, uint32_t> m_rxTrace; //!< UpdateReceived
    TracedCallback<const RtmNetAddress&, uint32_t, uint32_t> m_txTrace; //!< UpdateSent
};

} // namespace ns3

#endif /* RTM_BGP_SPEAKER_H */
