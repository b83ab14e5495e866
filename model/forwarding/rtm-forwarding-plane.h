/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmForwardingPlane<P>: the forwarding plane of a node for one address family, written once as
 * a template over the ns-3 routing protocol base P (Ipv4RoutingProtocol or Ipv6RoutingProtocol;
 * ns-3's NixVectorRouting<T> is the pattern). RtmIpv4Routing and RtmIpv6Routing are thin shells
 * around it (TypeId, SetIpv4/SetIpv6, IPv6's notified routes). What really differs between the
 * families is in RtmForwardingTraits<P> (types, address classes) and a few `if constexpr`.
 *
 * Algorithm (per packet): the instance is that of the input interface (RouteInput) or of the
 * bound device, else of the interface holding the source address, else instance 0
 * (RouteOutput); one FIB lookup (poptrie) in that instance's unicast view gives the best route;
 * its flags decide (drop, deliver, forward); its hops are those the table resolved
 * (RtmTable::HopCount/GetHop: usable local next hops, REMOTE next hops resolved recursively),
 * kept only on up interfaces the instance owns; one is chosen by a flow hash when there are
 * several; the ns-3 route object comes from a cache.
 *
 * Invariants:
 *  - m_if[i] mirrors IPv4/IPv6 interface i (instance, up, addresses), refreshed on every
 *    interface, address and device-move event; a packet never leaves on an interface whose
 *    instance differs from the packet's instance (ForeignInterface drop), the loopback excepted;
 *  - m_local holds the addresses (and IPv4 subnet broadcasts) of every interface, sorted by
 *    address, with their instance: local delivery is per instance;
 *  - the route cache holds one ns-3 route per (interface, gateway, source): gateways come from
 *    the table's next hops and sources from the interfaces, so it is bounded by what the table
 *    and the node hold; it is emptied on interface events and when it reaches kMaxCachedRoutes;
 *  - the multicast cache holds one ns-3 multicast route per (router entry, input interface),
 *    never per source: it is bounded by the router's entries times the interfaces, emptied
 *    when an entry changes (the router's multicast version) and on interface events. Packets
 *    without an entry are not cached at all;
 *  - nothing is allocated per packet once the caches are warm.
 */
#ifndef RTM_FORWARDING_PLANE_H
#define RTM_FORWARDING_PLANE_H

#include "rtm-forwarding-traits.h"
#include "rtm-forwarding.h"

#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-router.h"
#include "ns3/rtm-table.h"
#include "ns3/traced-callback.h"

#include <array>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace ns3
{

class RtmIpv4Routing;
class RtmIpv6Routing;

/**
 * \ingroup rtm
 * \brief The RTM forwarding plane of one address family (see the file comment). Use
 * RtmIpv4Routing or RtmIpv6Routing.
 * \tparam P Ipv4RoutingProtocol or Ipv6RoutingProtocol
 */
template <typename P>
class RtmForwardingPlane : public P
{
    static_assert(std::is_same_v<P, Ipv4RoutingProtocol> || std::is_same_v<P, Ipv6RoutingProtocol>,
                  "RtmForwardingPlane is for Ipv4RoutingProtocol or Ipv6RoutingProtocol");

  public:
    typedef RtmForwardingTraits<P> Traits;                  //!< family traits
    typedef typename Traits::Family Family;                 //!< table family
    typedef typename Traits::Key Key;                       //!< address key
    typedef typename Traits::Ip Ip;                         //!< Ipv4 or Ipv6
    typedef typename Traits::Header Header;                 //!< IP header
    typedef typename Traits::Route Route;                   //!< unicast route
    typedef typename Traits::MulticastRoute MulticastRoute; //!< multicast route
    typedef typename Traits::IfAddress IfAddress;           //!< interface address
    typedef typename P::UnicastForwardCallback UcbType;     //!< unicast forward callback
    typedef typename P::MulticastForwardCallback McbType;   //!< multicast forward callback
    typedef typename P::LocalDeliverCallback LcbType;       //!< local delivery callback
    typedef typename P::ErrorCallback EcbType;              //!< error callback
    /// How this ns-3 release passes RouteInput's callback number \p N (by value or reference).
    template <int N>
    using RouteInputArg = RtmRouteInputArg<P, N>;
    typedef RtmTable<Family> Table;                 //!< the family's table
    static constexpr bool kIpv6 = Traits::kIpv6;    //!< family
    static constexpr uint32_t kNone = Table::kNone; //!< no slot / no interface
    /// Most ns-3 routes the route cache holds before it is emptied.
    static constexpr std::size_t kMaxCachedRoutes = 4096;

    /**
     * \brief Get the type ID of the family's class: ns3::RtmIpv4Routing or ns3::RtmIpv6Routing
     * (attribute EcmpSeed, trace sources Forward and Drop).
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmForwardingPlane();
    ~RtmForwardingPlane() override;

    /// \param router the node's router manager (before the IP layer is set)
    void SetRouter(Ptr<RtmRouter> router);
    /// \return the node's router manager
    Ptr<RtmRouter> GetRouter() const;

    Ptr<Route> RouteOutput(Ptr<Packet> p,
                           const Header& header,
                           Ptr<NetDevice> oif,
                           Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Header& header,
                    Ptr<const NetDevice> idev,
                    RouteInputArg<3> ucb,
                    RouteInputArg<4> mcb,
                    RouteInputArg<5> lcb,
                    RouteInputArg<6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, IfAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, IfAddress address) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /// Re-read every interface (instances, states, addresses, connected routes).
    void Resync();

    /// \return the RTM instance owning interface \p interface of this family
    uint16_t GetInstanceOfInterface(uint32_t interface) const;
    /// \return packets dropped for \p reason
    uint64_t GetDropCount(RtmDropReason reason) const;
    /// \return packets forwarded (unicast and multicast)
    uint64_t GetForwardCount() const;
    /**
     * \brief What the plane caches: ns-3 routes (per interface, gateway and source) and
     * multicast routes (per router entry and input interface). Bounded by the tables and the
     * router's entries, whatever the traffic (see the file comment).
     * \return the number of cached objects
     */
    std::size_t GetCacheEntryCount() const;

    /**
     * TracedCallback signature of forwarded packets (fired by RouteInput only: packets that
     * arrive and leave again; locally sent packets are not traced).
     * \param packet the packet (without its IP header)
     * \param header its IP header, as received
     * \param iif input interface
     * \param oif output interface
     */
    typedef void (*ForwardTracedCallback)(Ptr<const Packet> packet,
                                          const Header& header,
                                          int32_t iif,
                                          uint32_t oif);
    /**
     * TracedCallback signature of dropped packets.
     * \param packet the packet (without its IP header; null for RouteOutput without packet)
     * \param header its IP header
     * \param iif input interface (-1 for locally sent)
     * \param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const Header& header,
                                       int32_t iif,
                                       RtmDropReason reason);

  protected:
    /// Start on the node's IP layer: every interface is read (SetIpv4 / SetIpv6).
    void Attach(Ptr<Ip> ip);
    void DoDispose() override;

    /**
     * \brief An interface leaves \p instance (it went down, or its device moved): hook for the
     * shells' own routes through it (IPv6's notified routes).
     * \param instance the instance it leaves
     * \param interface the interface
     */
    virtual void InterfaceLeaving(uint16_t instance, uint32_t interface);

    /// Bring interface \p interface up to date (instance, state, addresses, connected routes).
    void SyncInterface(uint32_t interface);
    /// \return true if interface \p interface has been read
    bool IsKnownInterface(uint32_t interface) const;
    /// \return the addresses of interface \p interface: (key, prefix length)
    const std::vector<std::pair<Key, uint8_t>>& AddressesOf(uint32_t interface) const;

    Ptr<Ip> m_ip;            //!< the node's IP layer
    Ptr<RtmRouter> m_router; //!< the router manager
    /// The log component of the family ("RtmIpv4Routing", "RtmIpv6Routing"); NS_LOG uses it.
    static LogComponent g_log;

  private:
    /// One usable hop: output interface (ifIndex) and gateway (0: on-link), as the table
    /// resolves it.
    typedef typename Table::Hop Hop;

    /// Result of a unicast resolution.
    enum class Outcome
    {
        Forward, //!< send to the chosen hop
        Local,   //!< deliver locally (MYSELF / LOOPBACK)
        Drop     //!< drop for the given reason
    };

    /// What the forwarding path needs to know of an interface.
    struct Interface
    {
        bool known{false};                          //!< read at least once
        bool up{false};                             //!< up
        bool loopback{false};                       //!< the loopback (usable by every instance)
        uint16_t instance{0};                       //!< owning instance
        Key source{0};                              //!< its only global address (0: not one)
        Key linkLocal{0};                           //!< its first zone-scoped address
        std::vector<std::pair<Key, uint8_t>> addrs; //!< its addresses and prefix lengths
        Key memoGateway{0};                         //!< gateway of the last route handed out
        Key memoSource{0};                          //!< source of the last route handed out
        Ptr<Route> memo;                            //!< the last route handed out (or null)
    };

    /// An address of the node (sorted by address).
    struct LocalAddress
    {
        Key addr;           //!< the address (or an IPv4 subnet broadcast)
        uint32_t interface; //!< its interface
        uint16_t instance;  //!< that interface's instance
        bool broadcast;     //!< an IPv4 subnet broadcast, not an address

        /// \return the order: address, then interface
        bool operator<(const LocalAddress& o) const
        {
            return addr != o.addr ? addr < o.addr : interface < o.interface;
        }
    };

    /// Key of the route cache.
    struct RouteKey
    {
        uint32_t interface; //!< output interface
        Key gateway;        //!< gateway
        Key source;         //!< source

        /// \return equality
        bool operator==(const RouteKey& o) const
        {
            return interface == o.interface && gateway == o.gateway && source == o.source;
        }
    };

    /// Hash of a RouteKey.
    struct RouteKeyHash
    {
        /// \return the hash
        std::size_t operator()(const RouteKey& k) const
        {
            return static_cast<std::size_t>(
                RtmMix64(Fold(k.gateway) ^ RtmMix64(Fold(k.source)) ^ k.interface));
        }
    };

    /// Key of the multicast cache: a router entry and an input interface.
    struct McastKey
    {
        const RtmMulticastEntry* entry; //!< the router's entry
        uint32_t iif;                   //!< input interface

        /// \return equality
        bool operator==(const McastKey& o) const
        {
            return entry == o.entry && iif == o.iif;
        }
    };

    /// Hash of a McastKey.
    struct McastKeyHash
    {
        /// \return the hash
        std::size_t operator()(const McastKey& k) const
        {
            return static_cast<std::size_t>(
                RtmMix64(reinterpret_cast<std::uintptr_t>(k.entry) ^ (uint64_t(k.iif) << 48)));
        }
    };

    /// A cached multicast decision.
    struct McastRoute
    {
        Ptr<MulticastRoute> route;  //!< the ns-3 route
        std::vector<uint32_t> oifs; //!< its output interfaces
    };

    /// \return a 64-bit digest of a key (flow hash)
    static uint64_t Fold(Key k)
    {
        if constexpr (Family::kBits == 128)
        {
            return RtmMix64(static_cast<uint64_t>(k >> 64)) ^ static_cast<uint64_t>(k);
        }
        else
        {
            return k;
        }
    }

    // unicast (rtm-forwarding-plane-unicast-impl.h)
    /// \return the table of \p instance (created if needed)
    Table& TableOf(uint16_t instance);
    /// Resolve \p dst in \p instance; \p oif < 0 means any interface.
    Outcome Resolve(uint16_t instance,
                    Key dst,
                    const Header& header,
                    Ptr<const Packet> p,
                    int32_t oif,
                    Hop& hop,
                    RtmDropReason& why);

    /// \return true if a packet of \p instance may leave on \p interface (and \p oif allows it);
    /// \p foreign is set if only the instance forbids it
    bool HopAllowed(uint32_t interface, uint16_t instance, int32_t oif, bool& foreign) const
    {
        if (interface >= m_if.size() || !m_if[interface].up ||
            (oif >= 0 && interface != static_cast<uint32_t>(oif)))
        {
            return false;
        }
        const Interface& x = m_if[interface];
        if (x.instance != instance && !x.loopback)
        {
            foreign = true; // a route names an interface its instance does not own
            return false;
        }
        return true;
    }

    /// \return the ECMP hash of a packet (\p p may be null: no ports)
    uint64_t FlowHash(const Header& h, Ptr<const Packet> p) const;
    /// \return the cached route out of \p interface via \p gateway (0: on-link) from \p source
    Ptr<Route> MakeRoute(uint32_t interface, Key gateway, Key source);

    /// \return the source address for sending to \p dst on (known) \p interface of \p instance
    Key SourceFor(uint16_t instance, uint32_t interface, Key dst) const
    {
        const Interface& x = m_if[interface];
        if (x.source != 0 && !Traits::NeedsZone(dst) && !Traits::IsLoopback(dst))
        {
            return x.source; // the common case: the interface's only global address
        }
        return SelectSource(instance, interface, dst);
    }

    /// \return the source address for sending to \p dst on \p interface of \p instance: a
    /// zone-scoped address for a zone-scoped destination, else an address whose prefix covers
    /// it, else the interface's first global address, else one of the instance
    Key SelectSource(uint16_t instance, uint32_t interface, Key dst) const;
    /// Hand a packet to the IP layer's unicast forward callback.
    static void Forward(const UcbType& ucb,
                        Ptr<const NetDevice> idev,
                        Ptr<Route> route,
                        Ptr<const Packet> p,
                        const Header& header);
    /// Call the error callback if there is one.
    static void ReportError(const EcbType& ecb, Ptr<const Packet> p, const Header& header);

    // multicast (rtm-forwarding-plane-multicast-impl.h)
    /// Forward a multicast packet: martian source, the forwarding entry, then the RPF check.
    /// \return true if it was forwarded
    bool RouteMulticast(uint32_t iif,
                        Ptr<const Packet> p,
                        const Header& header,
                        Ptr<const NetDevice> idev,
                        const McbType& mcb);
    /// \return true if \p iif is the interface toward \p src in the multicast view
    bool RpfCheck(Table& t, Key src, uint32_t iif) const;
    /// \return the interface of the (*, G) entry of \p instance for locally sent \p group, or -1
    int32_t MulticastOutput(uint16_t instance, Key group) const;

    // interfaces (rtm-forwarding-plane-interfaces-impl.h)
    /// \return true if \p dst is an address of \p instance (\p ifOut: which interface)
    bool IsLocalAddress(uint16_t instance, Key dst, uint32_t* ifOut = nullptr) const;
    /// \return the interface (lowest index) holding address \p address, or -1
    int32_t InterfaceOfAddress(Key address) const;
    /// The interface leaves \p instance: its connected routes go, the instance loses it, the
    /// listeners hear it is down there.
    void LeaveInstance(uint16_t instance, uint32_t interface);
    /// Rebuild m_local.
    void RebuildLocal();
    /// Empty the route and multicast caches.
    void FlushCaches();
    /// The router manager moved a device between instances.
    void DeviceMoved(uint32_t deviceIndex, uint16_t from, uint16_t to);
    /// Count and trace a drop.
    void Dropped(Ptr<const Packet> p, const Header& h, int32_t iif, RtmDropReason why);

    uint64_t m_ecmpSeed{0};            //!< attribute EcmpSeed
    std::vector<Interface> m_if;       //!< per interface
    std::vector<Table*> m_tables;      //!< instance id -> table (null: not looked up yet)
    std::vector<LocalAddress> m_local; //!< the node's addresses, sorted
    std::vector<Hop> m_hops;           //!< scratch (no allocation per packet)
    std::unordered_map<RouteKey, Ptr<Route>, RouteKeyHash> m_routeCache; //!< ns-3 routes
    std::unordered_map<McastKey, McastRoute, McastKeyHash> m_mcastCache; //!< multicast
    uint64_t m_mcastVersion{0}; //!< router's multicast version of m_mcastCache
    bool m_listening{false};    //!< registered as the router's device listener
    bool m_virtual{false};      //!< some interface belongs to another instance than 0
    std::array<uint64_t, static_cast<size_t>(RtmDropReason::Count)> m_drops{}; //!< counters
    uint64_t m_forwarded{0}; //!< forwarded packets
    TracedCallback<Ptr<const Packet>, const Header&, int32_t, uint32_t> m_forwardTrace; //!< Forward
    TracedCallback<Ptr<const Packet>, const Header&, int32_t, RtmDropReason> m_dropTrace; //!< Drop
};

/// \cond
template <>
LogComponent RtmForwardingPlane<Ipv4RoutingProtocol>::g_log;
template <>
LogComponent RtmForwardingPlane<Ipv6RoutingProtocol>::g_log;
extern template class RtmForwardingPlane<Ipv4RoutingProtocol>;
extern template class RtmForwardingPlane<Ipv6RoutingProtocol>;
/// \endcond

} // namespace ns3

#endif /* RTM_FORWARDING_PLANE_H */
