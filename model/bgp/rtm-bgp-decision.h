/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpDecide: the BGP decision process (RFC 4271 §9.1.2.2, RFC 4456 §9) over the candidate
 * routes of one destination, and which tie-break decided.
 */
#ifndef RTM_BGP_DECISION_H
#define RTM_BGP_DECISION_H

#include "rtm-bgp-attributes.h"

#include "ns3/rtm-net-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/// The step of the decision process that chose the best route.
enum class RtmBgpTieBreak : uint8_t
{
    None,              //!< no usable candidate
    Only,              //!< a single usable candidate
    Local,             //!< a locally originated route wins outright
    LocalPref,         //!< highest LOCAL_PREF (§9.1.1 degree of preference)
    AsPathLength,      //!< shortest AS_PATH (§9.1.2.2 a)
    Origin,            //!< lowest ORIGIN (b)
    Med,               //!< lowest MED among routes from the same neighbour AS (c)
    External,          //!< eBGP over iBGP (d)
    IgpCost,           //!< lowest IGP cost to the next hop (e)
    RouterId,          //!< lowest BGP identifier / ORIGINATOR_ID (f, RFC 4456 §9)
    ClusterListLength, //!< shortest CLUSTER_LIST (RFC 4456 §9)
    PeerAddress,       //!< lowest peer address (g)
};

/// \return the name of \p t
const char* RtmBgpTieBreakName(RtmBgpTieBreak t);

/**
 * \ingroup rtm
 * \brief One route of a destination as the decision process sees it.
 */
struct RtmBgpCandidate
{
    const RtmBgpAttributes* attrs{nullptr}; //!< its attributes
    bool local{false};                      //!< originated by this speaker
    bool external{false};                   //!< learned over eBGP
    bool resolvable{true};                  //!< its next hop resolves (§9.1.2.1)
    uint32_t igpCost{0};                    //!< IGP cost to the next hop
    uint32_t peerId{0};                     //!< BGP identifier of the peer it came from
    RtmNetAddress peerAddress;              //!< address of that peer
    uint32_t defaultLocalPref{100};         //!< LOCAL_PREF when the route has none
};

/**
 * \ingroup rtm
 * \brief The BGP decision process (RFC 4271 §9.1.1-9.1.2.2 with RFC 4456 §9): choose the best
 * of a destination's routes.
 *
 * Unresolvable routes are removed first. A locally originated route wins outright (the "weight"
 * of common implementations; a local route is the speaker's own policy). Then, as in §9.1.2.2,
 * candidates are removed step by step: lower LOCAL_PREF; longer AS_PATH (a set counts 1);
 * higher ORIGIN; higher MED than another route from the same neighbour AS (a missing MED is 0;
 * with alwaysCompareMed, across all routes); iBGP routes if an eBGP route remains; higher IGP
 * cost; higher BGP identifier (the ORIGINATOR_ID when present); longer CLUSTER_LIST; higher
 * peer address. The MED step is the RFC's set elimination, so the result does not depend on
 * the order of the candidates.
 *
 * \param c the candidates
 * \param alwaysCompareMed compare MED across neighbour ASes
 * \param[out] decidedBy the step that left one candidate (may be null)
 * \return the index of the best candidate, or -1 if none is usable
 */
int RtmBgpDecide(const std::vector<RtmBgpCandidate>& c,
                 bool alwaysCompareMed,
                 RtmBgpTieBreak* decidedBy);

} // namespace ns3

#endif /* RTM_BGP_DECISION_H */
