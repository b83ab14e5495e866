/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfClient: OSPFv2 (RFC 2328) as a client of one RTM instance of a node (see the class
 * comment for the whole picture; its parts are implemented in the rtm-ospf-*.cc files named there).
 */
#ifndef RTM_OSPF_CLIENT_H
#define RTM_OSPF_CLIENT_H

#include "rtm-ospf-area.h"
#include "rtm-ospf-interface.h"
#include "rtm-ospf-routing.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"
#include "ns3/traced-callback.h"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief OSPFv2 (RFC 2328) as a client of one RTM instance of a node: one process per
 * (node, instance), so virtual routers run separate OSPF.
 *
 * **On the wire.** IP protocol 89 through one ns-3 raw socket (Ipv4RawSocketFactory) per
 * interface, bound to its device: Hellos, DDs and flooding to 224.0.0.5 (AllSPFRouters) and
 * 224.0.0.6 (AllDRouters) with TTL 1 and IP precedence internetwork control; unicasts to
 * neighbours on broadcast networks; virtual-link packets unicast to the other endpoint through
 * the transit area's next hop. Packets are checked completely (RtmOspfPacket::Parse: lengths,
 * checksum, bodies; LSA Fletcher checksums), authenticated (RtmOspfAuth: null, simple,
 * keyed MD5 with non-decreasing sequence numbers per neighbour), and every drop is counted per
 * reason (GetDrops) and traced (Drop).
 *
 * **Protocol.** Interfaces are point-to-point or broadcast (DR/BDR election), chosen from the
 * device (NetDevice::IsPointToPoint) unless configured; cost from the ns-3 interface metric
 * unless configured. Neighbours run the full state machine with database exchange; flooding is
 * reliable (retransmission lists, direct and delayed acknowledgments, implied
 * acknowledgments); LSAs age, are refreshed every LSRefreshTime, flushed at MaxAge, rate-limited
 * by MinLSInterval and MinLSArrival. Areas: the backbone, normal, stub and NSSA areas, area
 * border routers (Summary-LSAs types 3 and 4, default summary into stub areas) and virtual
 * links.
 *
 * **Routes.** After an LSA changes, SPF runs after SpfDelay, and never sooner than a hold time
 * after the previous run (SpfHoldTime, doubled while changes keep coming, up to
 * SpfMaxHoldTime). Every area's SPF (Boost.Graph) and the routing-table calculation give one
 * route per destination with all its equal-cost next hops; the client compares it with what it
 * installed and writes only the differences into the RTM (preference Preference, 110; metric the
 * OSPF cost, the type-2 cost for type-2 externals). Networks attached to the router are left
 * to the connected-routes client.
 *
 * **Redistribution.** The client registers for BEST changes of the unicast view and originates
 * an AS-external-LSA (an NSSA-LSA if the router is only in NSSAs) for every destination whose
 * best route belongs to a client the policy names (RedistributeConnected, RedistributeStatic,
 * RedistributeRip, RedistributeOther), with ExternalMetric and ExternalMetricType; it flushes
 * the LSA when the route goes or the policy no longer allows it.
 */
class RtmOspfClient : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmOspfClient();
    ~RtmOspfClient() override;

    // ------------------------------------------------------------------ configuration

    /**
     * \brief Configure an interface (before Start). Interfaces not configured run OSPF in the
     * backbone with the defaults.
     * \param interface the IPv4 interface index
     * \param cfg the configuration
     */
    void SetInterfaceConfig(uint32_t interface, const RtmOspfIfConfig& cfg);
    /// \return the configuration of \p interface
    RtmOspfIfConfig GetInterfaceConfig(uint32_t interface) const;
    /// Do not run OSPF on \p interface at all (its network is not advertised).
    void ExcludeInterface(uint32_t interface);
    /**
     * \brief Configure an area (before Start).
     * \param area the area id
     * \param cfg its configuration
     */
    void SetAreaConfig(uint32_t area, const RtmOspfAreaConfig& cfg);
    /**
     * \brief Add a virtual link through \p transitArea to the router \p peerRouterId (both
     * ends must configure it).
     * \param transitArea the transit area (not the backbone, not a stub area)
     * \param peerRouterId the other endpoint's router id
     * \param auth the virtual link's authentication
     */
    void AddVirtualLink(uint32_t transitArea,
                        uint32_t peerRouterId,
                        const RtmOspfAuthConfig& auth = RtmOspfAuthConfig());
    /**
     * \brief The area in which the router's own host addresses (those of loopback devices)
     * are advertised (default: the area of the lowest-numbered OSPF interface).
     * \param area the area id
     */
    void SetRouterAddressArea(uint32_t area);

    /**
     * \brief Register with instance \p instance of \p node's RTM and start OSPF after a random
     * delay in [0, StartupDelay].
     * \param node the node (with RtmHelper installed)
     * \param instance the RTM instance
     * \return the registration status (InvalidParameter without RTM or IPv4)
     */
    RtmStatus Start(Ptr<Node> node, uint16_t instance);

    /**
     * \brief Use fixed random streams.
     * \param stream the first stream
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    // ------------------------------------------------------------------ state

    /// A neighbour as seen from outside.
    struct NeighborInfo
    {
        uint32_t interface = 0;                       //!< interface (or virtual-link index)
        Ipv4Address routerId;                         //!< its router id
        Ipv4Address address;                          //!< its address
        RtmOspfNbrState state{RtmOspfNbrState::Down}; //!< state
        uint8_t priority{0};                          //!< its priority
        Ipv4Address dr;                               //!< DR it declares
        Ipv4Address bdr;                              //!< BDR it declares
    };

    /// \return the router id (0.0.0.0 before the start-up)
    Ipv4Address GetRouterId() const;
    /// \return the registration (null before Start)
    Ptr<RtmRegistration> GetRegistration() const;
    /// \return every neighbour of every interface
    std::vector<NeighborInfo> GetNeighbors() const;
    /// \return the number of neighbours in state Full
    uint32_t GetNFullNeighbors() const;
    /// \return the state of \p interface (Down if OSPF does not run there)
    RtmOspfIfState GetInterfaceState(uint32_t interface) const;
    /// \return the DR of \p interface (0.0.0.0 if none)
    Ipv4Address GetDr(uint32_t interface) const;
    /// \return the BDR of \p interface (0.0.0.0 if none)
    Ipv4Address GetBdr(uint32_t interface) const;
    /// \return the areas this router is in, ascending
    std::vector<uint32_t> GetAreas() const;
    /**
     * \brief The LSAs of a database with their current ages.
     * \param area the area id, or kExternalScope for AS-external-LSAs
     * \return the headers, in key order
     */
    std::vector<RtmOspfLsaHeader> GetLsdb(uint32_t area) const;
    /// \return an LSA of a database (null if absent)
    Ptr<const RtmOspfLsa> GetLsa(uint32_t area, const RtmOspfLsaKey& key) const;
    /// \return the current routing table
    const RtmOspfRoutingTable& GetRoutingTable() const;
    /// \return true if this router is an area border router
    bool IsAreaBorderRouter() const;
    /// \return the state of virtual link \p n (Down if it has no adjacency)
    RtmOspfNbrState GetVirtualLinkState(uint32_t n) const;

    static constexpr uint32_t kExternalScope = 0xFFFFFFFF; //!< GetLsdb: the AS-external scope

    /// \return packets sent of \p type
    uint64_t GetPacketsSent(RtmOspfPacketType type) const;
    /// \return packets received (well formed and authenticated) of \p type
    uint64_t GetPacketsReceived(RtmOspfPacketType type) const;
    /// \return bytes of OSPF packets sent (IP header excluded)
    uint64_t GetBytesSent() const;
    /// \return packets or LSAs dropped for \p reason
    uint64_t GetDrops(RtmOspfDrop reason) const;
    /// \return packets and LSAs dropped for any reason
    uint64_t GetTotalDrops() const;
    /// \return LSAs originated (new instances, flushes included)
    uint64_t GetLsasOriginated() const;
    /// \return LSAs received by flooding that were newer than the database copy
    uint64_t GetLsasReceived() const;
    /// \return LSAs retransmitted (not acknowledged within RxmtInterval)
    uint64_t GetLsaRetransmissions() const;
    /// \return SPF runs
    uint64_t GetSpfRuns() const;
    /// \return route adds, updates and deletes written into the RTM
    uint64_t GetRouteWrites() const;
    /// \return routes the client has in the RTM
    uint32_t GetNRoutes() const;
    /// \return the time of the last write into the RTM (-1 s: none)
    Time GetLastRouteChange() const;

    /**
     * \brief Print interfaces, neighbours, databases and routes.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

    // ------------------------------------------------------------------ traces

    /**
     * TracedCallback signature of neighbour state changes.
     * \param interface the interface (or virtual-link index)
     * \param routerId the neighbour's router id
     * \param from the old state
     * \param to the new state
     */
    typedef void (*NeighborStateTracedCallback)(uint32_t interface,
                                                Ipv4Address routerId,
                                                RtmOspfNbrState from,
                                                RtmOspfNbrState to);
    /**
     * TracedCallback signature of interface state changes.
     * \param interface the interface (or virtual-link index)
     * \param from the old state
     * \param to the new state
     */
    typedef void (*InterfaceStateTracedCallback)(uint32_t interface,
                                                 RtmOspfIfState from,
                                                 RtmOspfIfState to);
    /**
     * TracedCallback signature of LSAs originated or received.
     * \param lsa the LSA
     * \param scope its area, or kExternalScope
     */
    typedef void (*LsaTracedCallback)(Ptr<const RtmOspfLsa> lsa, uint32_t scope);
    /**
     * TracedCallback signature of SPF runs.
     * \param routes routes in the routing table
     * \param writes RTM writes the run caused
     */
    typedef void (*SpfTracedCallback)(uint32_t routes, uint32_t writes);
    /**
     * TracedCallback signature of packets sent or received.
     * \param type the packet type
     * \param interface the interface (or virtual-link index)
     * \param peer destination (sent) or source (received)
     * \param size OSPF packet size in bytes
     */
    typedef void (*PacketTracedCallback)(uint8_t type,
                                         uint32_t interface,
                                         Ipv4Address peer,
                                         uint32_t size);
    /**
     * TracedCallback signature of drops.
     * \param interface the receiving interface
     * \param source the sender
     * \param reason why
     */
    typedef void (*DropTracedCallback)(uint32_t interface, Ipv4Address source, RtmOspfDrop reason);

  protected:
    void DoDispose() override;

  private:
    friend class RtmOspfInterface;
    friend class RtmOspfNeighbor;

    // ---------------------------------------------------------------- life cycle (client.cc)
    void Teardown();
    void Startup();
    RtmStatus OnRtmEvent(const RtmEvent& event);
    void InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up);
    void SyncInterfaces();
    bool WantInterface(uint32_t interface) const;
    void OpenInterface(uint32_t interface);
    void CloseInterface(uint32_t interface);
    uint32_t ChooseRouterId() const;
    RtmOspfArea& GetOrCreateArea(uint32_t id);
    RtmOspfArea* FindArea(uint32_t id);
    const RtmOspfArea* FindArea(uint32_t id) const;
    bool IsOwnAddress(uint32_t address) const;

    // ---------------------------------------------------------------- packets (io.cc)
    void Receive(Ptr<Socket> socket);
    void Dispatch(RtmOspfInterface& itf,
                  const RtmOspfPacket& pkt,
                  const std::vector<uint8_t>& bytes,
                  uint32_t source,
                  uint32_t destination);
    void Send(RtmOspfInterface& itf, uint32_t dst, RtmOspfPacketType type, const Header& body);
    void SendLsUpdate(RtmOspfInterface& itf,
                      uint32_t dst,
                      const std::vector<Ptr<const RtmOspfLsa>>& lsas);
    void Drop(uint32_t interface, uint32_t source, RtmOspfDrop reason);
    RtmOspfInterface* VirtualLinkFor(uint32_t transitArea, uint32_t routerId);

    // ---------------------------------------------------------------- flooding (flooding.cc)
    void ReceiveLsUpdate(RtmOspfNeighbor& nbr, const RtmOspfLsUpdate& u);
    void ReceiveLsAck(RtmOspfNeighbor& nbr, const RtmOspfLsAck& a);
    bool Flood(Ptr<const RtmOspfLsa> lsa, uint32_t scopeArea, RtmOspfNeighbor* from);
    void InstallLsa(Ptr<const RtmOspfLsa> lsa, uint32_t scopeArea, bool flooded);
    void RemoveFromRxmtLists(const RtmOspfLsaKey& key, uint32_t scopeArea);
    bool OnAnyRxmtList(const RtmOspfLsaKey& key, uint32_t scopeArea) const;
    bool AnyNeighborExchanging(uint32_t scopeArea) const;
    /// \return true if \p pred holds for a neighbour on an interface or virtual link in scope
    bool AnyNeighborInScope(uint32_t scopeArea,
                            const std::function<bool(const RtmOspfNeighbor&)>& pred) const;
    /// \return the interfaces, then the virtual links
    std::vector<RtmOspfInterface*> AllInterfaces() const;
    /// \return the areas with an interface (or, for the backbone, a virtual link) not Down
    std::set<uint32_t> ActiveAreas() const;
    RtmOspfLsdb* ScopeLsdb(uint32_t area, uint8_t type);
    uint32_t ScopeOf(uint32_t area, uint8_t type) const;
    bool InScope(const RtmOspfInterface& itf, uint32_t scopeArea) const;
    uint16_t CurrentAge(const RtmOspfLsa& lsa, uint32_t scopeArea) const;
    std::vector<RtmOspfLsaKey> SummaryKeys(const RtmOspfInterface& itf) const;
    void ScheduleAging();
    void AgingTimeout();
    void SweepMaxAge();

    // ---------------------------------------------------------------- origination (originate.cc)
    void ScheduleRouterLsa(uint32_t area);
    void ScheduleNetworkLsa(RtmOspfInterface& itf);
    /// Schedule the LSAs that describe \p itf: the Router-LSA(s) of its area(s), its Network-LSA
    void ScheduleLsasOf(RtmOspfInterface& itf);
    void RefreshOwnLsas();
    Ptr<RtmOspfLsa> BuildRouterLsa(uint32_t area) const;
    Ptr<RtmOspfLsa> BuildNetworkLsa(const RtmOspfInterface& itf) const;
    void Originate(uint32_t scopeArea, const RtmOspfLsaKey& key, Ptr<RtmOspfLsa> want, bool force);
    void DoOriginate(uint32_t scopeArea, const RtmOspfLsaKey& key);
    void Flush(uint32_t scopeArea, const RtmOspfLsaKey& key);
    bool IsSelfOriginated(const RtmOspfLsa& lsa) const;
    void SelfOriginatedReceived(Ptr<const RtmOspfLsa> lsa, uint32_t scopeArea);
    void OriginateSummaries();
    void OriginateExternals();
    void SyncDerived(uint8_t type,
                     uint32_t scope,
                     const std::map<RtmOspfLsaKey, Ptr<RtmOspfLsa>>& want);
    void NeighborStateChanged(RtmOspfNeighbor& n, RtmOspfNbrState from);
    void InterfaceStateChanged(RtmOspfInterface& itf, RtmOspfIfState from);

    // ---------------------------------------------------------------- routes (routes.cc)
    void ScheduleSpf();
    void RunSpf();
    void UpdateVirtualLinks();
    void WriteRoutes(const RtmOspfRoutingTable& next, uint32_t& writes);
    RtmNextHopHandle RefHop(const RtmOspfNextHop& h);
    void UnrefHop(const RtmOspfNextHop& h);
    void ProcessChanges();
    bool Redistributable(const RtmDestInfo& info, uint32_t& metric) const;
    /// Bring m_redistributed up to date for one destination. \return true if it changed
    bool UpdateRedistributed(const RtmDestInfo& info);
    uint32_t AreaOfInterface(uint32_t ifIndex) const;

    // ---------------------------------------------------------------- attributes
    uint32_t m_preference;      //!< Preference
    Time m_helloInterval;       //!< HelloInterval
    Time m_deadInterval;        //!< RouterDeadInterval
    Time m_rxmtInterval;        //!< RxmtInterval
    Time m_transDelay;          //!< InfTransDelay
    Time m_ackDelay;            //!< AckDelay
    Time m_floodPacing;         //!< FloodPacing
    Time m_spfDelay;            //!< SpfDelay
    Time m_spfHold;             //!< SpfHoldTime
    Time m_spfMaxHold;          //!< SpfMaxHoldTime
    Time m_startupDelay;        //!< StartupDelay
    Time m_minLsInterval;       //!< MinLSInterval
    Time m_minLsArrival;        //!< MinLSArrival
    Ipv4Address m_routerIdAttr; //!< RouterId
    uint32_t m_externalMetric;  //!< ExternalMetric
    uint32_t m_externalType;    //!< ExternalMetricType
    uint32_t m_externalTag;     //!< ExternalTag
    bool m_redistConnected;     //!< RedistributeConnected
    bool m_redistStatic;        //!< RedistributeStatic
    bool m_redistRip;           //!< RedistributeRip
    bool m_redistOther;         //!< RedistributeOther

    // ---------------------------------------------------------------- configuration
    std::map<uint32_t, RtmOspfIfConfig> m_ifConfig;     //!< per interface
    std::set<uint32_t> m_excluded;                      //!< excluded interfaces
    std::map<uint32_t, RtmOspfAreaConfig> m_areaConfig; //!< per area

    /// Virtual links: (transit area, peer, auth).
    struct VirtualLinkConfig
    {
        uint32_t transitArea;   //!< transit area
        uint32_t peer;          //!< other endpoint
        RtmOspfAuthConfig auth; //!< authentication
    };

    std::vector<VirtualLinkConfig> m_vlinkConfig; //!< virtual links
    int64_t m_routerAddressArea{-1};              //!< SetRouterAddressArea (-1: automatic)

    // ---------------------------------------------------------------- state
    Ptr<Node> m_node;                 //!< the node
    Ptr<Ipv4> m_ipv4;                 //!< its IPv4
    Ptr<RtmRouter> m_router;          //!< its router manager
    Ptr<RtmInstance> m_instance;      //!< the RTM instance
    uint16_t m_instanceId{0};         //!< its id
    Ptr<RtmRegistration> m_reg;       //!< the registration
    RtmEntityHandle m_self;           //!< my entity handle
    RtmNotifyHandle m_notify;         //!< BEST changes of the unicast view
    uint32_t m_maxNextHops{16};       //!< from the profile
    uint32_t m_maxEnum{1};            //!< from the profile
    Ptr<UniformRandomVariable> m_rng; //!< start-up delay, DD sequence numbers
    bool m_running{false};            //!< started and not disposed
    bool m_started{false};            //!< Startup() ran
    uint32_t m_routerId{0};           //!< router id
    uint32_t m_cryptoSeq{0};          //!< last cryptographic sequence number sent
    EventId m_startupEvent;           //!< start-up

    std::map<uint32_t, std::unique_ptr<RtmOspfArea>> m_areas;    //!< attached areas
    RtmOspfLsdb m_external;                                      //!< AS-external-LSAs
    std::map<uint32_t, std::unique_ptr<RtmOspfInterface>> m_ifs; //!< by interface index
    std::map<Socket*, RtmOspfInterface*> m_socketIf;             //!< socket -> interface
    std::vector<std::unique_ptr<RtmOspfInterface>> m_vlinks;     //!< virtual links

    /// An own LSA waiting for MinLSInterval.
    struct Pending
    {
        Ptr<RtmOspfLsa> want; //!< what to originate (null: flush)
        EventId event;        //!< when
    };

    std::map<std::pair<uint32_t, RtmOspfLsaKey>, Time> m_lastOriginated; //!< MinLSInterval
    std::map<std::pair<uint32_t, RtmOspfLsaKey>, Pending> m_pending;     //!< deferred
    std::set<uint32_t> m_routerLsaDirty;                                 //!< areas
    EventId m_routerLsaEvent;                                            //!< origination pass
    EventId m_agingEvent;                                                //!< next LSDB event
    EventId m_sweepEvent;                                                //!< MaxAge removal
    std::set<std::pair<uint32_t, RtmOspfLsaKey>> m_maxAged;              //!< awaiting removal

    EventId m_spfEvent;            //!< scheduled SPF
    Time m_lastSpf{Seconds(-1e6)}; //!< start of the last SPF
    Time m_currentHold;            //!< current hold time
    RtmOspfRoutingTable m_table;   //!< current routing table
    bool m_abr{false};             //!< area border router (last SPF)
    bool m_asbr{false};            //!< AS boundary router (originates AS-external/NSSA LSAs)

    /// A route written into the RTM.
    struct Installed
    {
        RtmRouteHandle handle; //!< RTM route
        RtmOspfRoute route;    //!< what it says
    };

    std::map<RtmOspfPrefix, Installed> m_installed; //!< routes in the RTM

    /// Next hops of the client's list with their route references.
    struct Hop
    {
        RtmNextHopHandle handle; //!< RTM next hop
        uint32_t uses{0};        //!< routes using it
    };

    std::map<RtmOspfNextHop, Hop> m_hops;              //!< next hops
    std::map<RtmOspfPrefix, uint32_t> m_redistributed; //!< destinations exported, with metric
    /// Summary, external and NSSA LSAs this router wants to exist (by scope and key).
    std::map<std::pair<uint32_t, RtmOspfLsaKey>, Ptr<RtmOspfLsa>> m_desired;
    std::map<RtmEntityHandle, uint32_t> m_protocolOf; //!< owner -> protocol id (cache)
    EventId m_externalEvent;                          //!< external origination pass

    // ---------------------------------------------------------------- counters and traces
    std::array<uint64_t, 6> m_sent{};                                        //!< per packet type
    std::array<uint64_t, 6> m_recv{};                                        //!< per packet type
    uint64_t m_bytesSent{0};                                                 //!< bytes sent
    std::array<uint64_t, static_cast<size_t>(RtmOspfDrop::Count)> m_drops{}; //!< per reason
    uint64_t m_originated{0};                                                //!< LSAs originated
    uint64_t m_received{0};              //!< newer LSAs received
    uint64_t m_retransmitted{0};         //!< LSAs retransmitted
    uint64_t m_spfRuns{0};               //!< SPF runs
    uint64_t m_routeWrites{0};           //!< RTM writes
    Time m_lastRouteChange{Seconds(-1)}; //!< last RTM write

    TracedCallback<uint32_t, Ipv4Address, RtmOspfNbrState, RtmOspfNbrState>
        m_nbrTrace;                                                     //!< NeighborState
    TracedCallback<uint32_t, RtmOspfIfState, RtmOspfIfState> m_ifTrace; //!< InterfaceState
    TracedCallback<Ptr<const RtmOspfLsa>, uint32_t> m_originateTrace;   //!< LsaOriginated
    TracedCallback<Ptr<const RtmOspfLsa>, uint32_t> m_receiveTrace;     //!< LsaReceived
    TracedCallback<uint32_t, uint32_t> m_spfTrace;                      //!< Spf
    TracedCallback<uint8_t, uint32_t, Ipv4Address, uint32_t> m_txTrace; //!< Tx
    TracedCallback<uint8_t, uint32_t, Ipv4Address, uint32_t> m_rxTrace; //!< Rx
    TracedCallback<uint32_t, Ipv4Address, RtmOspfDrop> m_dropTrace;     //!< Drop
};

} // namespace ns3

#endif /* RTM_OSPF_CLIENT_H */
