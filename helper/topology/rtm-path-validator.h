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

#include "ns3/rtm-net-address.h"

#include <cstdint>
#include <memory>
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
 * \brief Validates the routes of a built topology in one address family: for every ordered pair
 * of routers, the path a packet takes through the RTM forwarding planes (RtmIpv4Routing or
 * RtmIpv6Routing: RouteOutput at the source, RouteInput at every next router, towards the
 * destination's router address) is compared with RtmPathOracle. A pair matches when the packet is
 * delivered at the destination over a path whose cost (sum of the weights of the links taken, or
 * hops) is the shortest distance, or, when the oracle has no path, when the source has no route.
 * The walk stops at the first router seen twice (a loop). One flow per pair (UDP, fixed ports),
 * so a multipath route is followed along the next hop its flow hash picks. The walk is written
 * once for both families; for IPv6 it also does what Ipv6L3Protocol::Receive does before
 * RouteInput: a packet for an address of the receiving node is delivered there (on any
 * interface, or only on the ingress one with the StrongEndSystemModel attribute). Gateways may be
 * global or (IPv6) link-local addresses of the link's far end. The topology's addresses and
 * devices are indexed when the validator is made: make it after the addresses are final (routes
 * may change between walks).
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
         * Its router address (loopback host address; what the link-state client advertises in
         * its All and Routers prefix modes).
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
     * \param topo the built topology (with router addresses, in \p family)
     * \param metric what the routing protocol minimises
     * \param target which address of the destination is used
     * \param family RTM_AF_INET (default) or RTM_AF_INET6: the addresses, stack and forwarding
     * plane walked
     */
    RtmPathValidator(const RtmTopology& topo,
                     RtmPathOracle::Metric metric,
                     Target target = ROUTER_ADDRESS,
                     uint16_t family = RTM_AF_INET);
    ~RtmPathValidator();

    /// \return the family validated
    uint16_t GetFamily() const;

    /// \return the destination address used for the pair (s, t) (family 0: none)
    RtmNetAddress TargetAddress(uint32_t s, uint32_t t);

    /**
     * \brief Walk a packet from router \p s to the target address of \p t.
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

    /// Hash of an address (the places table).
    struct AddressHash
    {
        /// \return the hash of \p a
        std::size_t operator()(const RtmNetAddress& a) const;
    };

    /// The forwarding planes of the validated family (defined in the .cc).
    class Plane;
    /// Plane of one family, from its stack traits (defined in the .cc).
    template <typename S>
    class FamilyPlane;

    /// \return the source address of the packets from \p s (family 0: none)
    RtmNetAddress SourceAddress(uint32_t s) const;

    const RtmTopology& m_topo;                                      //!< the topology
    RtmPathOracle m_oracle;                                         //!< the oracle
    Target m_target;                                                //!< destination kind
    uint16_t m_family;                                              //!< family
    std::unordered_map<RtmNetAddress, Place, AddressHash> m_places; //!< address -> place
    std::unordered_map<const NetDevice*, uint32_t> m_linkOfDevice;  //!< device -> link
    std::unique_ptr<Plane> m_plane;                                 //!< the walk
};

} // namespace ns3

#endif /* RTM_PATH_VALIDATOR_H */
