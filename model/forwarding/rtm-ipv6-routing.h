/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIpv6Routing: the IPv6 forwarding plane of a node, the counterpart of RtmIpv4Routing; routes
 * ns-3 installs by itself (RA, redirects) go to a notified-routes client.
 */
#ifndef RTM_IPV6_ROUTING_H
#define RTM_IPV6_ROUTING_H

#include "rtm-forwarding.h"

#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-router.h"
#include "ns3/rtm-table.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The IPv6 forwarding plane of a node: the IPv6 counterpart of RtmIpv4Routing. Every
 * packet is forwarded with a longest-prefix match on the unicast view of the RTM instance owning
 * the packet's interface; multicast is checked against the multicast view (reverse-path
 * forwarding) and forwarded by the router manager's (S, G) / (*, G) entries.
 *
 * Instances: RouteInput uses the instance of the input interface; RouteOutput the instance of
 * the socket's bound device, else the instance of the interface holding the header's source
 * address (when the caller set one), else instance 0. Local delivery is limited to the
 * addresses of the instance's own interfaces (virtual routers stay apart).
 *
 * Route flags, as for IPv4: BLACKHOLE drops silently, DISCARD and MARTIAN drop through the error
 * callback, INACTIVE routes are never best, LOCAL means on-link (the gateway is the destination
 * itself), MYSELF and LOOPBACK deliver locally. A route with several next hops spreads flows by
 * a hash of (source, destination, next header, ports, flow label) with the EcmpSeed attribute;
 * REMOTE next hops are resolved through the unicast view, one level deep. Ipv6Route objects are
 * cached per (interface, gateway, source) and multicast routes per (instance, S, G, iif): a
 * lookup allocates nothing once the caches are warm.
 *
 * Connected routes: after every interface or address event, all addresses of the interface
 * (global ones, the link-local fe80::/64 one, ::1/128 on the loopback) are given to the router's
 * connected-routes client of (instance, RTM_AF_INET6). An address added without the on-link
 * flag contributes its host route only (ns-3's Ipv6StaticRouting adds no network route for it
 * either).
 *
 * Routes notified by ns-3 (NotifyAddRoute / NotifyRemoveRoute: RA default routers and on-link
 * prefixes from Ipv6L3Protocol::AddAutoconfiguredAddress, host routes from accepted ICMPv6
 * Redirects) are owned by a separate client per instance, registered on first use with protocol
 * id RTM_PROTO_NS3_IPV6_NOTIFIED and the instance's default preference. A notified route
 * (dst/mask via nextHop on interface) becomes a route of the instance owning the interface with
 * one next hop (nextHop, interface) — (::, interface) and flag LOCAL when nextHop is :: (on-link)
 * — in both views; adding it again updates it, and NotifyRemoveRoute deletes the matching routes
 * (all next hops of dst/mask on that interface when nextHop is ::). The on-link route
 * Ipv6L3Protocol::AddAddress notifies for the prefix of an address of the interface is not
 * duplicated: the connected-routes client owns it. Like Ipv6StaticRouting, an interface going
 * down (or moving to another instance) deletes the notified routes through it; RA and redirects
 * install them again.
 *
 * Differences from IPv4 forced by ns-3's IPv6 layer: Ipv6L3Protocol::Receive delivers packets
 * for the ingress interface's addresses and joined multicast groups itself before RouteInput,
 * so RouteInput delivers only addresses of the instance's other interfaces and never hands a
 * multicast packet up again; link-scope multicast (scope 0-2, e.g. ff02::/16) is never
 * forwarded; a packet to forward with a link-local source or destination, an unspecified,
 * loopback or multicast source, or a 2001:db8::/32 destination (ns-3 drops those in IpForward)
 * is dropped as Martian; a link-local destination in RouteOutput needs the output device
 * (there is no scope id); and since Ipv6L3Protocol drops a packet without any trace when the
 * routing protocol declines it, RouteInput reports "no route" through the error callback when it
 * has one (it is the node's only protocol) and declines only inside an Ipv6ListRouting (which
 * passes a null error callback and reports the error itself).
 *
 * Works as a node's only IPv6 routing protocol and inside an Ipv6ListRouting.
 */
class RtmIpv6Routing : public Ipv6RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmIpv6Routing();
    ~RtmIpv6Routing() override;

    /// \param router the node's router manager
    void SetRouter(Ptr<RtmRouter> router);
    /// \return the node's router manager
    Ptr<RtmRouter> GetRouter() const;

    Ptr<Ipv6Route> RouteOutput(Ptr<Packet> p,
                               const Ipv6Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv6Header& header,
                    Ptr<const NetDevice> idev,
                    RtmRouteInputArg<Ipv6RoutingProtocol, 3> ucb,
                    RtmRouteInputArg<Ipv6RoutingProtocol, 4> mcb,
                    RtmRouteInputArg<Ipv6RoutingProtocol, 5> lcb,
                    RtmRouteInputArg<Ipv6RoutingProtocol, 6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    /**
     * \brief A route ns-3 installs by itself (RA default router or on-link prefix, ICMPv6
     * redirect): added to the notified-routes client of the instance owning \p interface (see
     * the class description).
     * \param dst destination prefix
     * \param mask its length
     * \param nextHop the gateway, or :: for an on-link prefix
     * \param interface the interface
     * \param prefixToUse source prefix hint (unused: source selection is per interface)
     */
    void NotifyAddRoute(Ipv6Address dst,
                        Ipv6Prefix mask,
                        Ipv6Address nextHop,
                        uint32_t interface,
                        Ipv6Address prefixToUse = Ipv6Address::GetZero()) override;
    /**
     * \brief Withdraw a route added by NotifyAddRoute: the notified routes to dst/mask on
     * \p interface whose next hop is \p nextHop (every next hop if \p nextHop is ::).
     * \param dst destination prefix
     * \param mask its length
     * \param nextHop the gateway, or :: for all
     * \param interface the interface
     * \param prefixToUse unused
     */
    void NotifyRemoveRoute(Ipv6Address dst,
                           Ipv6Prefix mask,
                           Ipv6Address nextHop,
                           uint32_t interface,
                           Ipv6Address prefixToUse = Ipv6Address::GetZero()) override;
    void SetIpv6(Ptr<Ipv6> ipv6) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /// Re-read every interface (after devices were given to other instances).
    void Resync();

    /// \return the RTM instance owning IPv6 interface \p interface
    uint16_t GetInstanceOfInterface(uint32_t interface) const;
    /// \return packets dropped for \p reason
    uint64_t GetDropCount(RtmDropReason reason) const;
    /// \return packets forwarded (unicast and multicast)
    uint64_t GetForwardCount() const;
    /// \return routes currently held by the notified-routes clients (all instances)
    uint32_t GetNotifiedRouteCount() const;

    /**
     * TracedCallback signature of forwarded packets (fired by RouteInput only; locally sent
     * packets are not traced).
     * \param packet the packet (without its IPv6 header)
     * \param header its IPv6 header, as received
     * \param iif input interface
     * \param oif output interface
     */
    typedef void (*ForwardTracedCallback)(Ptr<const Packet> packet,
                                          const Ipv6Header& header,
                                          int32_t iif,
                                          uint32_t oif);
    /**
     * TracedCallback signature of dropped packets.
     * \param packet the packet (without its IPv6 header; null for RouteOutput without packet)
     * \param header its IPv6 header
     * \param iif input interface (-1 for locally sent)
     * \param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const Ipv6Header& header,
                                       int32_t iif,
                                       RtmDropReason reason);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    typedef RtmTable<RtmIpv6Family> Table; //!< the IPv6 table
    typedef RtmIpv6Family::Key Key;        //!< an address as a 128-bit integer

    /// One usable next hop.
    struct Hop
    {
        uint32_t interface; //!< output interface
        Key gateway;        //!< gateway address (0: on-link)
    };

    /// Result of a unicast resolution.
    enum class Outcome
    {
        Forward, //!< send to the chosen hop
        Local,   //!< deliver locally (MYSELF / LOOPBACK)
        Drop     //!< drop for the given reason
    };

    /// An address of an interface (source selection).
    struct IfAddr
    {
        Key addr;       //!< the address
        uint8_t len;    //!< its prefix length
        bool linkLocal; //!< fe80::/10
    };

    /// Key of the Ipv6Route cache.
    struct RouteKey
    {
        uint32_t interface; //!< output interface
        Key gateway;        //!< gateway

        /// \return equality
        bool operator==(const RouteKey& o) const
        {
            return interface == o.interface && gateway == o.gateway;
        }
    };

    /// Hash of a RouteKey.
    struct RouteKeyHash
    {
        /// \return the hash
        std::size_t operator()(const RouteKey& k) const
        {
            return static_cast<std::size_t>(
                RtmMix64(static_cast<uint64_t>(k.gateway >> 64) ^
                         RtmMix64(static_cast<uint64_t>(k.gateway) ^ k.interface)));
        }
    };

    /// A cached multicast route.
    struct McastEntry
    {
        Ptr<Ipv6MulticastRoute> route; //!< null: no forwarding entry
        std::vector<uint32_t> oifs;    //!< its output interfaces
    };

    /// One notified route of a client.
    struct NotifiedRoute
    {
        RtmRouteHandle route;     //!< the route
        RtmNextHopHandle nextHop; //!< its next hop
    };

    /// The notified-routes client of one instance.
    struct NotifiedClient
    {
        Ptr<RtmRegistration> reg; //!< registration (null if it failed)
        /// (dst, len, next hop, interface) -> route
        std::map<std::tuple<Key, uint8_t, Key, uint32_t>, NotifiedRoute> routes;
    };

    /// \return the table of \p instance (created if needed)
    Table& TableOf(uint16_t instance);
    /// Resolve \p dst in \p t; \p oif < 0 means any interface.
    Outcome Resolve(Table& t, Key dst, uint64_t hash, int32_t oif, Hop& hop, RtmDropReason& why);
    /// Add the next hops of route \p r (resolving remote ones) to m_hops.
    void CollectHops(Table& t, uint32_t r, int32_t oif);
    /// \return the cached route for a hop
    Ptr<Ipv6Route> MakeRoute(uint32_t interface, Key gateway, Key source);
    /// \return the source address for sending to \p dst on \p interface of \p instance
    Key SelectSource(uint16_t instance, uint32_t interface, Key dst) const;
    /// \return the flow hash of a packet
    uint64_t FlowHash(Ptr<const Packet> p, const Ipv6Header& h) const;
    /// \return the interface holding \p address, or -1
    int32_t InterfaceOfAddress(Key address) const;
    /// \return true if \p dst is an address of the instance's interfaces (\p ifOut: which)
    bool IsLocalAddress(uint16_t instance, Key dst, uint32_t* ifOut = nullptr) const;
    /// Forward a multicast packet (RPF check, then the forwarding entry).
    bool RouteMulticast(Ptr<const Packet> p,
                        const Ipv6Header& header,
                        Ptr<const NetDevice> idev,
                        uint32_t iif,
                        uint16_t instance,
                        const MulticastForwardCallback& mcb);
    /// Bring the connected routes and the instance's interface set up to date.
    void SyncInterface(uint32_t interface);
    /// Rebuild the per-instance local address lists.
    void RebuildLocal();
    /// Delete the notified routes through \p interface in \p instance.
    void PurgeNotified(uint16_t instance, uint32_t interface);
    /// \return the notified-routes client of \p instance (registered on first use)
    NotifiedClient& NotifiedOf(uint16_t instance);
    /// Count and trace a drop.
    void Dropped(Ptr<const Packet> p, const Ipv6Header& h, int32_t iif, RtmDropReason why);

    /// \return the key of an address
    static Key ToKey(const Ipv6Address& a);
    /// \return the address of a key
    static Ipv6Address FromKey(Key k);

    Ptr<Ipv6> m_ipv6;                                                  //!< the node's IPv6
    Ptr<RtmRouter> m_router;                                           //!< the router manager
    uint64_t m_ecmpSeed;                                               //!< attribute EcmpSeed
    std::vector<uint16_t> m_ifInstance;                                //!< interface -> instance
    std::map<uint16_t, Table*> m_tables;                               //!< instance -> table
    std::map<uint16_t, std::vector<std::pair<Key, uint32_t>>> m_local; //!< instance -> (addr, if)
    std::vector<std::vector<IfAddr>> m_ifAddrs; //!< interface -> its addresses
    std::vector<Hop> m_hops;                    //!< scratch (no allocation per packet)
    /// (interface, gateway) -> (source, route) pairs
    std::unordered_map<RouteKey, std::vector<std::pair<Key, Ptr<Ipv6Route>>>, RouteKeyHash>
        m_routeCache;
    uint64_t m_mcastVersion{0}; //!< router's version of m_mcastCache
    std::map<std::tuple<uint16_t, Key, Key, uint32_t>, McastEntry>
        m_mcastCache;                              //!< (instance, S, G, iif) -> route
    std::map<uint16_t, NotifiedClient> m_notified; //!< instance -> notified-routes client
    std::array<uint64_t, static_cast<size_t>(RtmDropReason::Count)> m_drops{}; //!< drop counters
    uint64_t m_forwarded{0}; //!< forwarded packets
    TracedCallback<Ptr<const Packet>, const Ipv6Header&, int32_t, uint32_t>
        m_forwardTrace; //!< Forward
    TracedCallback<Ptr<const Packet>, const Ipv6Header&, int32_t, RtmDropReason>
        m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* RTM_IPV6_ROUTING_H */
