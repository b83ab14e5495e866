/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPathValidator: walks a packet through the RTM forwarding planes for every ordered pair of
 * routers of a built topology and compares its path with RtmPathOracle.
 */
#ifndef RTM_PATH_VALIDATOR_H
#define RTM_PATH_VALIDATOR_H

#include "rtm-path-oracle.h"
#include "rtm-topology-helper.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/rtm-ipv4-routing.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/// The path a packet takes, hop by hop, through the forwarding planes.
struct RtmWalk
{
    /// How the walk ended.
    enum Outcome
    {
        DELIVERED = 0,  //!< delivered locally at the destination router
        NO_ROUTE = 1,   //!< the source has no route
        DROPPED = 2,    //!< a router on the way dropped it (no route, discard, ...)
        LOOP = 3,       //!< a router was visited twice
        WRONG_NODE = 4, //!< delivered locally at another router
        BAD_HOP = 5,    //!< the chosen gateway is not on the chosen link
    };

    Outcome outcome{NO_ROUTE};      //!< the end
    std::vector<uint32_t> vertices; //!< routers visited, from the source
    uint64_t cost{0};               //!< sum of the weights of the links taken
    std::string detail;             //!< what went wrong

    /// \return the outcome's name
    static const char* OutcomeName(Outcome o);
};

/**
 * \ingroup rtm
 * \brief Validates the routes of a built topology: for every ordered pair of routers, the path a
 * packet takes through the RTM forwarding planes (RtmIpv4Routing::RouteOutput at the source,
 * RouteInput at every next router, towards the destination's router address) is compared with
 * RtmPathOracle. A pair matches when the packet is delivered at the destination over a path
 * whose cost (sum of the weights of the links taken, or hops) is the shortest distance, or, when
 * the oracle has no path, when the source has no route. The walk stops at the first router seen
 * twice (a loop). One flow per pair (UDP, fixed ports), so a multipath route is followed along
 * the next hop its flow hash picks.
 */
class RtmPathValidator
{
  public:
    /// What ValidateAll found.
    struct Summary
    {
        uint64_t pairs{0};                 //!< ordered pairs checked
        uint64_t mismatches{0};            //!< pairs that differ from the oracle
        uint64_t unreachable{0};           //!< pairs with no path in the oracle
        uint64_t totalHops{0};             //!< hops of the delivered paths
        std::vector<std::string> examples; //!< the first mismatches, described
    };

    /// Which address of the destination router packets are sent to.
    enum Target
    {
        /**
         * Its router address (loopback /32; what the link-state client advertises in its All and
         * Routers prefix modes).
         */
        ROUTER_ADDRESS = 0,
        /**
         * Its address on the cheapest link from a predecessor on a shortest path from the
         * source (for protocols that advertise link subnets only, such as RIP, which never
         * advertises host routes of a router's own addresses). A correct protocol brings the
         * packet to that predecessor at the predecessor's distance and then over that link, so
         * the path still costs exactly the shortest distance; ties between the two ends of a
         * link cannot lengthen it. Unreachable destinations: any of its addresses.
         */
        PREDECESSOR_LINK = 1,
    };

    /**
     * \param topo the built topology (with router addresses)
     * \param metric what the routing protocol minimises
     * \param target which address of the destination is used
     */
    RtmPathValidator(const RtmTopology& topo,
                     RtmPathOracle::Metric metric,
                     Target target = ROUTER_ADDRESS);

    /// \return the destination address used for the pair (s, t)
    Ipv4Address TargetAddress(uint32_t s, uint32_t t);

    /**
     * \brief Walk a packet from router \p s to the router address of \p t.
     * \return the walk
     */
    RtmWalk Walk(uint32_t s, uint32_t t);

    /**
     * \brief Does \p walk from \p s to \p t match the oracle?
     * \param[out] why the difference, if any
     * \return true if it matches
     */
    bool Check(uint32_t s, uint32_t t, const RtmWalk& walk, std::string& why);

    /**
     * \brief Check every ordered pair.
     * \param paths if not null, one line per pair: `SRC DST HOPS COST NODE...` (router ids of the
     * file; COST in the file's weight units, or hops for HOPS) or `SRC DST none`
     * \param maxExamples how many mismatches to describe
     * \return the summary
     */
    Summary ValidateAll(std::ostream* paths, uint32_t maxExamples = 10);

    /// \return the oracle
    RtmPathOracle& GetOracle();

  private:
    /// Where an address lives.
    struct Place
    {
        uint32_t vertex;    //!< router
        uint32_t interface; //!< its interface
        uint32_t link;      //!< link index (UINT32_MAX: router address)
    };

    /// Forwarding-plane callbacks of RouteInput.
    void OnUnicast(Ptr<Ipv4Route> route, Ptr<const Packet> p, const Ipv4Header& h);
    /// \copydoc OnUnicast
    void OnMulticast(Ptr<Ipv4MulticastRoute> route, Ptr<const Packet> p, const Ipv4Header& h);
    /// \copydoc OnUnicast
    void OnLocal(Ptr<const Packet> p, const Ipv4Header& h, uint32_t iif);
    /// \copydoc OnUnicast
    void OnError(Ptr<const Packet> p, const Ipv4Header& h, Socket::SocketErrno err);
    /// \return the RTM forwarding plane of vertex \p v
    Ptr<RtmIpv4Routing> RoutingOf(uint32_t v);

    const RtmTopology& m_topo;                                  //!< the topology
    RtmPathOracle m_oracle;                                     //!< the oracle
    Target m_target;                                            //!< destination address kind
    std::unordered_map<uint32_t, Place> m_places;               //!< address -> place
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> m_linkOf; //!< (vertex, if) -> link
    std::vector<Ptr<RtmIpv4Routing>> m_routing;                 //!< per vertex (lazy)
    // RouteInput outcome
    int m_event{0};         //!< 0 none, 1 unicast, 2 local, 3 error, 4 multicast
    Ptr<Ipv4Route> m_route; //!< unicast route chosen
    Ipv4RoutingProtocol::UnicastForwardCallback m_ucb;   //!< OnUnicast
    Ipv4RoutingProtocol::MulticastForwardCallback m_mcb; //!< OnMulticast
    Ipv4RoutingProtocol::LocalDeliverCallback m_lcb;     //!< OnLocal
    Ipv4RoutingProtocol::ErrorCallback m_ecb;            //!< OnError
};

} // namespace ns3

#endif /* RTM_PATH_VALIDATOR_H */
