/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPF routing table calculation after the per-area SPF (RFC 2328 §16.1 - §16.4, RFC 3101
 * §2.5 for NSSA-LSAs): intra-area routes of every attached area, inter-area routes from the
 * Summary-LSAs (of the backbone only, on an area border router), the transit-area shortcut of
 * §16.3 (an ABR with virtual links finds better paths to backbone destinations through its
 * transit areas), AS boundary router selection (§16.4.1, RFC1583Compatibility off: intra-area
 * paths through non-backbone areas first, then cost, then the largest area id) and external
 * routes (type 1 before type 2, forwarding addresses resolved through intra/inter-area routes).
 *
 * DOC: this is a pure function from the databases and SPF results to a table; the client
 * compares successive tables and writes only the differences into the RTM. The table keeps the
 * routes to networks this router is attached to (next hop with gateway 0 on interface index 0 or
 * on the attached interface) because an ABR summarises them; they are not written to the RTM
 * (the connected-routes client has them).
 */
#ifndef RTM_OSPF_ROUTING_H
#define RTM_OSPF_ROUTING_H

#include "rtm-ospf-spf.h"

#include <map>
#include <vector>

namespace ns3
{

/// An OSPF route (to a network or to an area border / AS boundary router).
struct RtmOspfRoute
{
    /// Path types, in order of preference.
    enum Type : uint8_t
    {
        INTRA = 0, //!< intra-area
        INTER = 1, //!< inter-area
        EXT1 = 2,  //!< external type 1
        EXT2 = 3,  //!< external type 2
    };

    Type type{INTRA};   //!< path type
    uint32_t area{0};   //!< associated area (externals: the area of the ASBR path)
    uint32_t cost{0};   //!< cost (type 2: the distance to the ASBR or forwarding address)
    uint32_t type2{0};  //!< type 2 external cost
    RtmOspfNextHops nh; //!< next hops
    uint32_t tag{0};    //!< external route tag
    uint32_t origin{0}; //!< advertising router of the LSA that gave the route (0 intra)
    uint8_t flags{0};   //!< router routes: B/E flags of the router

    /// \return true if a gateway-0 next hop says the network is attached here
    bool Attached() const;

    /// \return true if the two routes forward the same way with the same cost
    bool operator==(const RtmOspfRoute& o) const;
};

/// The routing table.
struct RtmOspfRoutingTable
{
    std::map<RtmOspfPrefix, RtmOspfRoute> networks; //!< network routes
    /// Area border and AS boundary routers, per (area, router id): intra-area entries of each
    /// area, inter-area entries (ASBRs from type 4 summaries) of the area they were learned in.
    std::map<std::pair<uint32_t, uint32_t>, RtmOspfRoute> routers;
    std::map<uint32_t, RtmOspfRoute> asbrs; //!< the selected path to each AS boundary router
};

/// One attached area as the calculation sees it.
struct RtmOspfAreaView
{
    uint32_t id{0};                       //!< area id
    bool nssa{false};                     //!< NSSA
    const RtmOspfLsdb* lsdb{nullptr};     //!< its database
    const RtmOspfSpfResult* spf{nullptr}; //!< its SPF result
};

/**
 * \ingroup rtm
 * \brief Compute the routing table; see the file comment.
 * \param areas the attached, active areas (ascending id)
 * \param externals the AS-external-LSAs
 * \param routerId this router
 * \param abr true if this router is an area border router
 * \param now the time (MaxAge LSAs are left out)
 * \return the table
 */
RtmOspfRoutingTable RtmOspfComputeRoutes(const std::vector<RtmOspfAreaView>& areas,
                                         const RtmOspfLsdb& externals,
                                         uint32_t routerId,
                                         bool abr,
                                         Time now);

/// Print a route ("intra area 0.0.0.1 cost 3 via 1/10.0.0.2 ...").
std::ostream& operator<<(std::ostream& os, const RtmOspfRoute& r);

} // namespace ns3

#endif /* RTM_OSPF_ROUTING_H */
