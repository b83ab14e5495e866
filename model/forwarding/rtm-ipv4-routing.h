/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIpv4Routing: the IPv4 forwarding plane of a node, an Ipv4RoutingProtocol that forwards
 * every packet by longest-prefix match in the unicast FIB of the input (or socket) interface's
 * instance, checks multicast against the multicast view (RPF), and counts and traces drops.
 */
#ifndef RTM_IPV4_ROUTING_H
#define RTM_IPV4_ROUTING_H

#include "rtm-forwarding.h"

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-router.h"
#include "ns3/rtm-table.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The IPv4 forwarding plane of a node: an Ipv4RoutingProtocol that forwards every packet
 * with a longest-prefix match on the unicast view of the RTM instance owning the packet's
 * interface, and checks multicast against the multicast view (reverse-path forwarding).
 *
 * RouteInput uses the instance of the input interface; RouteOutput the instance of the socket's
 * bound device, else instance 0. Local delivery is limited to the addresses of the instance's own
 * interfaces (virtual routers stay apart). Route flags: BLACKHOLE drops silently, DISCARD and
 * MARTIAN drop through the error callback, INACTIVE routes are never best, LOCAL means on-link
 * (the gateway is the destination itself), MYSELF and LOOPBACK deliver locally. A route with
 * several next hops spreads flows by a hash of (source, destination, protocol, ports) with the
 * EcmpSeed attribute. REMOTE next hops are resolved through the unicast view, one level deep.
 * Ipv4Route objects are cached per (interface, gateway, source): a lookup allocates nothing.
 *
 * Works as a node's only routing protocol and inside an Ipv4ListRouting.
 */
class RtmIpv4Routing : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmIpv4Routing();
    ~RtmIpv4Routing() override;

    /// \param router the node's router manager
    void SetRouter(Ptr<RtmRouter> router);
    /// \return the node's router manager
    Ptr<RtmRouter> GetRouter() const;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    RtmRouteInputArg<Ipv4RoutingProtocol, 3> ucb,
                    RtmRouteInputArg<Ipv4RoutingProtocol, 4> mcb,
                    RtmRouteInputArg<Ipv4RoutingProtocol, 5> lcb,
                    RtmRouteInputArg<Ipv4RoutingProtocol, 6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /// Re-read every interface (after devices were given to other instances).
    void Resync();

    /// \return the RTM instance owning IPv4 interface \p interface
    uint16_t GetInstanceOfInterface(uint32_t interface) const;
    /// \return packets dropped for \p reason
    uint64_t GetDropCount(RtmDropReason reason) const;
    /// \return packets forwarded (unicast and multicast)
    uint64_t GetForwardCount() const;

    /**
     * TracedCallback signature of forwarded packets (fired by RouteInput only: packets that
     * arrive and leave again; locally sent packets are not traced).
     * \param packet the packet
     * \param header its IP header
     * \param iif input interface
     * \param oif output interface
     */
    typedef void (*ForwardTracedCallback)(Ptr<const Packet> packet,
                                          const Ipv4Header& header,
                                          int32_t iif,
                                          uint32_t oif);
    /**
     * TracedCallback signature of dropped packets.
     * \param packet the packet
     * \param header its IP header
     * \param iif input interface (-1 for locally sent)
     * \param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const Ipv4Header& header,
                                       int32_t iif,
                                       RtmDropReason reason);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    typedef RtmTable<RtmIpv4Family> Table; //!< the IPv4 table

    /// One usable next hop.
    struct Hop
    {
        uint32_t interface; //!< output interface
        uint32_t gateway;   //!< gateway address (0: on-link)
    };

    /// Result of a unicast resolution.
    enum class Outcome
    {
        Forward, //!< send to the chosen hop
        Local,   //!< deliver locally (MYSELF / LOOPBACK)
        Drop     //!< drop for the given reason
    };

    /// What the ECMP hash of a packet is made of (computed only for multipath routes).
    struct Flow
    {
        const Ipv4Header* header; //!< the packet's header
        Ptr<const Packet> packet; //!< the packet (L4 header first), or null
    };

    /// What the forwarding path needs to know of an interface, refreshed on interface events.
    struct Interface
    {
        uint16_t instance{0}; //!< owning instance
        bool up{false};       //!< up
        uint32_t source{0};   //!< its only address (every route's source), 0 if not exactly one
        std::vector<std::tuple<uint32_t, uint32_t, Ptr<Ipv4Route>>> routes; //!< (gw, src, route)
    };

    /// \return the table of instance \p instance (created if needed)
    Table& TableOf(uint16_t instance);
    /// \return the ECMP hash of a flow
    uint64_t FlowHash(const Flow& flow) const;
    /// Resolve \p dst in \p t; \p oif < 0 means any interface.
    Outcome Resolve(Table& t,
                    uint32_t dst,
                    const Flow& flow,
                    int32_t oif,
                    Hop& hop,
                    RtmDropReason& why);
    /// Add the usable next hops of route \p r (resolving remote ones) to m_hops.
    void CollectHops(Table& t, uint32_t r, int32_t oif);
    /// \return true if \p interface is up (and \p oif allows it)
    bool Usable(uint32_t interface, int32_t oif) const;
    /// \return the cached route out of \p interface via \p gateway (0: on-link) toward \p dst
    Ptr<Ipv4Route> MakeRoute(uint32_t interface, uint32_t gateway, Ipv4Address dst);
    /// \return true if \p dst is an address or subnet broadcast of the instance's interfaces
    bool IsLocalAddress(uint16_t instance, Ipv4Address dst) const;
    /// Forward a multicast packet (the forwarding entry, then the RPF check).
    bool RouteMulticast(Ptr<const Packet> p,
                        const Ipv4Header& header,
                        uint32_t iif,
                        uint16_t instance,
                        const MulticastForwardCallback& mcb,
                        bool delivered);
    /// Bring the connected routes and the instance's interface set up to date.
    void SyncInterface(uint32_t interface);
    /// Refresh m_if and m_local from the IPv4 interfaces.
    void RefreshInterfaces();
    /// Count and trace a drop.
    void Dropped(Ptr<const Packet> p, const Ipv4Header& h, int32_t iif, RtmDropReason why);

    Ptr<Ipv4> m_ipv4;                                  //!< the node's IPv4
    Ptr<RtmRouter> m_router;                           //!< the router manager
    uint64_t m_ecmpSeed;                               //!< attribute EcmpSeed
    std::vector<Interface> m_if;                       //!< per interface
    std::vector<Table*> m_tables;                      //!< instance id -> table (null: not created)
    std::map<uint16_t, std::vector<uint32_t>> m_local; //!< instance -> local addresses
    std::vector<Hop> m_hops;                           //!< scratch (no allocation per packet)
    uint64_t m_mcastVersion{0};                        //!< router's version of m_mcastCache
    std::map<std::tuple<uint16_t, uint32_t, uint32_t, uint32_t>, Ptr<Ipv4MulticastRoute>>
        m_mcastCache; //!< (instance, S, G, iif) -> route
    std::array<uint64_t, static_cast<size_t>(RtmDropReason::Count)> m_drops{}; //!< drop counters
    uint64_t m_forwarded{0}; //!< forwarded packets
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, int32_t, uint32_t>
        m_forwardTrace; //!< Forward
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, int32_t, RtmDropReason>
        m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* RTM_IPV4_ROUTING_H */
