/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The intra-area shortest-path calculation of OSPF (RFC 2328 §16.1), over one area's
 * link-state database, with Boost.Graph.
 *
 * DOC: the vertices are the routers (Router-LSAs) and transit networks (Network-LSAs) of the
 * area. An arc exists only when the LSA at its far end points back (§16.1 step 2b): a
 * point-to-point or virtual link needs a link of the same kind back, a router-to-network arc
 * needs the Network-LSA to list the router, and a network-to-router arc (cost 0) needs the
 * router's transit link to that network. Boost.Graph's Dijkstra computes the distances; the
 * next hops are then propagated over the shortest-path DAG (every arc with d(u) + w = d(v)),
 * visiting vertices by distance with networks before routers at equal distance, which is a
 * topological order of that DAG because only network-to-router arcs cost 0. So every
 * equal-cost path counts (ECMP). Next hops (§16.1.1): an arc leaving the root gives (its
 * interface, the neighbour's address on it) for a point-to-point link, (its interface, direct)
 * for a transit network, and the transit area's next hops to the endpoint for a virtual link;
 * an arc leaving a network the root is attached to replaces "direct" by the far router's address
 * on that network; any other arc inherits its tail's next hops.
 *
 * Stage 2 adds the stub networks of every reachable router (cost d(R) + link cost). The result
 * lists the reachable routers (with their B/E/V flags) and networks of the area, both as
 * sorted vectors. The graph is a Boost compressed sparse row graph built from the arc list,
 * and everything the calculation needs lives in a few flat vectors (it runs after every
 * change, on every router).
 */
#ifndef RTM_OSPF_SPF_H
#define RTM_OSPF_SPF_H

#include "rtm-ospf-lsdb.h"

#include <boost/container/small_vector.hpp>
#include <functional>
#include <map>
#include <vector>

namespace ns3
{

/// A next hop of an OSPF route: an interface and a gateway (0: directly attached).
struct RtmOspfNextHop
{
    uint32_t ifIndex{0}; //!< IPv4 interface index
    uint32_t gateway{0}; //!< neighbour address (0: on-link)

    /// \return ordering by (interface, gateway)
    bool operator<(const RtmOspfNextHop& o) const
    {
        return ifIndex != o.ifIndex ? ifIndex < o.ifIndex : gateway < o.gateway;
    }

    /// \return true if equal
    bool operator==(const RtmOspfNextHop& o) const
    {
        return ifIndex == o.ifIndex && gateway == o.gateway;
    }
};

/// A set of next hops, sorted, without duplicates (two kept inline: most routes have one or two).
typedef boost::container::small_vector<RtmOspfNextHop, 2> RtmOspfNextHops;

/// Add the next hops of \p b to \p a (both sorted, result sorted).
void RtmOspfMergeNextHops(RtmOspfNextHops& a, const RtmOspfNextHops& b);

/// An IPv4 prefix (address with the host bits clear, length).
struct RtmOspfPrefix
{
    uint32_t address{0}; //!< network address
    uint8_t length{0};   //!< prefix length

    /// \return ordering by (address, length)
    bool operator<(const RtmOspfPrefix& o) const
    {
        return address != o.address ? address < o.address : length < o.length;
    }

    /// \return true if equal
    bool operator==(const RtmOspfPrefix& o) const
    {
        return address == o.address && length == o.length;
    }

    /// \return the prefix of \p address / \p mask
    static RtmOspfPrefix FromMask(uint32_t address, uint32_t mask);
    /// \return the mask
    uint32_t Mask() const;
};

/// Print "a.b.c.d/len".
std::ostream& operator<<(std::ostream& os, const RtmOspfPrefix& p);

/// The result of one area's SPF.
struct RtmOspfSpfResult
{
    /// A reachable router.
    struct Router
    {
        uint32_t cost{0};          //!< distance
        RtmOspfNextHops nh;        //!< next hops
        uint8_t flags{0};          //!< its Router-LSA flags (B, E, V)
        Ptr<const RtmOspfLsa> lsa; //!< its Router-LSA
    };

    /// A reachable network (transit or stub).
    struct Network
    {
        uint32_t cost{0};   //!< distance
        RtmOspfNextHops nh; //!< next hops (a gateway of 0: attached to this router)
    };

    std::vector<std::pair<uint32_t, Router>> routers;        //!< by router id (root excluded)
    std::vector<std::pair<RtmOspfPrefix, Network>> networks; //!< by prefix, ascending
    bool transitCapability{false}; //!< a reachable Router-LSA has the V bit

    /// \return the reachable router \p id, or null
    const Router* FindRouter(uint32_t id) const;
    uint32_t vertices{0}; //!< vertices of the graph
    uint32_t arcs{0};     //!< arcs of the graph
};

/**
 * \ingroup rtm
 * \brief The root's own view of its links, needed for next hops; see the file comment.
 */
struct RtmOspfSpfContext
{
    uint32_t rootId{0}; //!< the calculating router
    /// Interface index of the root's interface with this address (0 if none).
    std::function<uint32_t(uint32_t address)> ifOfAddress;
    /// Address of neighbour \p routerId on interface \p ifIndex (0 if unknown).
    std::function<uint32_t(uint32_t ifIndex, uint32_t routerId)> neighborAddress;
    /// Next hops to the other end of a virtual link (empty: unreachable).
    std::function<RtmOspfNextHops(uint32_t routerId)> virtualNextHops;
};

/**
 * \ingroup rtm
 * \brief Run the intra-area calculation; see the file comment.
 * \param lsdb the area's database
 * \param ctx the root and its interfaces
 * \param now the time (MaxAge LSAs are left out)
 * \return routers and networks reachable in the area
 */
RtmOspfSpfResult RtmOspfRunSpf(const RtmOspfLsdb& lsdb, const RtmOspfSpfContext& ctx, Time now);

} // namespace ns3

#endif /* RTM_OSPF_SPF_H */
