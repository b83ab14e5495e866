/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpInternet: AS-level internets for experiments (one router per AS, Gao-Rexford
 * relationships), built with point-to-point links.
 */
#ifndef RTM_BGP_INTERNET_H
#define RTM_BGP_INTERNET_H

#include "rtm-bgp-helper.h"

#include "ns3/node-container.h"
#include "ns3/rtm-bgp-speaker.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief An AS-level internet for experiments: one router per AS, a point-to-point link per
 * business relationship (customer/provider or peer), Gao–Rexford policies on every session,
 * and one prefix originated per AS (AS number i of the list gets 20.i.0.0/16).
 *
 * \code
 *   RtmBgpInternet net = RtmBgpInternet::Small();   // 3 tier-1s, 5 transits, 8 stubs
 *   RtmBgpHelper bgp;
 *   net.Build(bgp);
 *   Simulator::Stop(Seconds(120));
 *   Simulator::Run();
 *   net.SpeakerOf(65101)->GetBest(net.PrefixOf(65301), attrs, peer);
 * \endcode
 */
class RtmBgpInternet
{
  public:
    /// One AS.
    struct As
    {
        uint32_t asn{0};  //!< AS number
        std::string name; //!< a name ("tier1-a", ...)
        uint32_t tier{0}; //!< 1 tier-1, 2 transit, 3 stub (informational)
    };

    /// One relationship (and link).
    struct Relationship
    {
        uint32_t a{0};                                             //!< an AS
        uint32_t b{0};                                             //!< another AS
        RtmBgpGaoRexford::Relation bIsToA{RtmBgpGaoRexford::PEER}; //!< b's role for a
    };

    /// Add an AS.
    void AddAs(uint32_t asn, const std::string& name, uint32_t tier);
    /// Add a relationship: \p b is \p bIsToA of \p a (CUSTOMER: b pays a).
    void AddRelationship(uint32_t a, uint32_t b, RtmBgpGaoRexford::Relation bIsToA);

    /**
     * \brief A small internet: tier-1s 65001-65003 peering in a full mesh; transits
     * 65101-65105, each a customer of one or two tier-1s, 65101-65102 and 65103-65104 peering;
     * stubs 65201-65208, customers of one or two transits.
     */
    static RtmBgpInternet Small();

    /**
     * \brief Create the nodes (RTM, IPv4), the links (10.x.y.0/30 per relationship), the
     * speakers with eBGP sessions, the policies (unless \p policies is false) and the
     * originated prefixes.
     * \param bgp the helper (speaker attributes)
     * \param policies apply Gao–Rexford
     * \param config template of every session
     */
    void Build(RtmBgpHelper& bgp,
               bool policies = true,
               const RtmBgpNeighborConfig& config = RtmBgpNeighborConfig());

    /// \return the ASes in the order given
    const std::vector<As>& GetAses() const
    {
        return m_ases;
    }

    /// \return the relationships
    const std::vector<Relationship>& GetRelationships() const
    {
        return m_rels;
    }

    /// \return all routers
    NodeContainer GetNodes() const
    {
        return m_nodes;
    }

    /// \return the router of \p asn
    Ptr<Node> NodeOf(uint32_t asn) const;
    /// \return the speaker of \p asn
    Ptr<RtmBgpSpeaker> SpeakerOf(uint32_t asn) const;
    /// \return the prefix \p asn originates
    RtmNetAddress PrefixOf(uint32_t asn) const;
    /// \return the link between \p a and \p b: (device at a, device at b); nulls if none
    std::pair<Ptr<NetDevice>, Ptr<NetDevice>> LinkOf(uint32_t a, uint32_t b) const;
    /**
     * \brief Fail or restore the link between \p a and \p b (both IPv4 interfaces down/up).
     * \return false if there is no such link
     */
    bool SetLinkUp(uint32_t a, uint32_t b, bool up) const;

    /**
     * \brief Is a path valley-free (RFC-free wording: up the provider chain, at most one peer
     * link, then down to customers) as seen at \p viewer?
     * \param viewer the AS holding the route
     * \param path its AS path (the viewer's neighbour first, the origin last)
     * \return true if valley-free (unknown relationships count as violations)
     */
    bool IsValleyFree(uint32_t viewer, const RtmBgpAsPath& path) const;

  private:
    int32_t IndexOf(uint32_t asn) const;

    std::vector<As> m_ases;                                         //!< ASes
    std::vector<Relationship> m_rels;                               //!< relationships
    NodeContainer m_nodes;                                          //!< routers by AS index
    std::vector<std::pair<Ptr<NetDevice>, Ptr<NetDevice>>> m_links; //!< devices by relationship
    std::map<std::pair<uint32_t, uint32_t>, RtmBgpGaoRexford::Relation>
        m_relOf; //!< (a,b)->b's role
};

} // namespace ns3

#endif /* RTM_BGP_INTERNET_H */
