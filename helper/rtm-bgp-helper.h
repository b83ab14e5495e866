/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpHelper: installing BGP speakers on nodes with the RTM, peering them over shared
 * subnets, announcing a real table from a simulated peer.
 */
#ifndef RTM_BGP_HELPER_H
#define RTM_BGP_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-bgp-speaker.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Installs BGP speakers (RtmBgpSpeaker) on nodes that have the RTM (RtmHelper) and sets
 * up their sessions.
 *
 * \code
 *   RtmBgpHelper bgp;
 *   bgp.Set("MraiEbgp", TimeValue(Seconds(5)));
 *   Ptr<RtmBgpSpeaker> a = bgp.Install(n0, 65001);     // instance 0
 *   Ptr<RtmBgpSpeaker> b = bgp.Install(n1, 65002);
 *   RtmBgpHelper::Peer(n0, n1);                        // eBGP over their shared subnet
 *   a->Originate(prefix);                              // or RedistributeConnected
 * \endcode
 */
class RtmBgpHelper
{
  public:
    RtmBgpHelper();

    /**
     * \brief Set an attribute of the speakers installed from now on.
     * \param name an attribute of ns3::RtmBgpSpeaker \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Start a speaker of AS \p asn on RTM instance \p instance of \p node (kept by the
     * router manager as client kind "bgp"). Aborts if the node has no RTM.
     * \return the speaker
     */
    Ptr<RtmBgpSpeaker> Install(Ptr<Node> node, uint32_t asn, uint16_t instance = 0);

    /// \return the speaker of (node, instance), or null
    static Ptr<RtmBgpSpeaker> GetSpeaker(Ptr<Node> node, uint16_t instance = 0);

    /**
     * \brief Configure a session both ways between the speakers of \p a and \p b over the
     * first IPv4 subnet they share (eBGP or iBGP by their ASes).
     * \param config a template for both sides (address, AS and local address are filled in)
     * \return false if they share no subnet or a node has no speaker
     */
    static bool Peer(Ptr<Node> a,
                     Ptr<Node> b,
                     const RtmBgpNeighborConfig& config = RtmBgpNeighborConfig(),
                     uint16_t instance = 0);

    /**
     * \brief Configure a session both ways between given addresses (iBGP over an IGP,
     * multihop eBGP, IPv6 transport).
     * \param configA what \p a configures (address and AS are filled in from \p b)
     * \param configB what \p b configures
     * \return false if a node has no speaker
     */
    static bool Peer(Ptr<Node> a,
                     const RtmNetAddress& addressA,
                     Ptr<Node> b,
                     const RtmNetAddress& addressB,
                     RtmBgpNeighborConfig configA = RtmBgpNeighborConfig(),
                     RtmBgpNeighborConfig configB = RtmBgpNeighborConfig(),
                     uint16_t instance = 0);

    /**
     * \brief Make a speaker announce a real routing table: each entry of an `ipasn` file
     * (prefix, origin AS) is originated with AS_PATH = the origin AS (nothing if it is the
     * speaker's own AS), so the speaker's neighbours see it as a border router that learned the
     * table. Entries of other families than \p family are skipped.
     * \param speaker the speaker (a simulated peer of the router that should carry the table)
     * \param entries the table: anything with the fields `prefix` (RtmNetAddress) and `asn`
     *        (uint32_t), such as the RtmTableFileEntry list of RtmTableFile::Read (the helper
     *        is a template so that the rtm library does not depend on rtm-tables)
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \return the number of prefixes originated
     */
    template <class Entry>
    static uint32_t AnnounceTable(Ptr<RtmBgpSpeaker> speaker,
                                  const std::vector<Entry>& entries,
                                  uint16_t family = RTM_AF_INET)
    {
        uint32_t n = 0;
        std::map<uint32_t, Ptr<RtmBgpAttributes>> byOrigin;
        for (const Entry& e : entries)
        {
            if (e.prefix.addressFamily == family)
            {
                n += AnnounceOne(speaker, e.prefix, e.asn, byOrigin) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * \brief Originate one prefix of a table with AS_PATH = \p originAs (see AnnounceTable).
     * \param speaker the speaker
     * \param prefix the prefix
     * \param originAs its origin AS (0 or the speaker's AS: an empty AS_PATH)
     * \param byOrigin attributes already made, by origin AS (shared between the prefixes)
     * \return whether the prefix was originated (RtmBgpSpeaker::Originate)
     */
    static bool AnnounceOne(Ptr<RtmBgpSpeaker> speaker,
                            const RtmNetAddress& prefix,
                            uint32_t originAs,
                            std::map<uint32_t, Ptr<RtmBgpAttributes>>& byOrigin);

    /// \return the number of speakers of \p nodes (instance 0) with every session Established
    static uint32_t CountFullyEstablished(NodeContainer nodes, uint16_t instance = 0);

    /**
     * \brief Fix the random streams of the speakers (all instances) of \p nodes.
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    ObjectFactory m_factory; //!< RtmBgpSpeaker
};

/**
 * \ingroup rtm
 * \brief Gao–Rexford policies (customer / peer / provider) for an AS-level topology: routes
 * from customers are preferred to routes from peers, which are preferred to routes from
 * providers (LOCAL_PREF 200 / 100 / 50), and the export is valley-free: to peers and
 * providers only our own routes and our customers' routes; to customers everything.
 *
 * Routes are tagged on import with a community of our AS (myAs:1 customer, :2 peer,
 * :3 provider; the AS taken modulo 65536), which the export policies test and remove.
 */
class RtmBgpGaoRexford
{
  public:
    /// What a neighbour is to us.
    enum Relation
    {
        CUSTOMER, //!< it pays us
        PEER,     //!< settlement-free peer
        PROVIDER, //!< we pay it
    };

    static constexpr uint32_t LOCAL_PREF_CUSTOMER = 200; //!< routes from customers
    static constexpr uint32_t LOCAL_PREF_PEER = 100;     //!< routes from peers
    static constexpr uint32_t LOCAL_PREF_PROVIDER = 50;  //!< routes from providers

    /// \return the tag community of \p relation for \p myAs
    static uint32_t Tag(uint32_t myAs, Relation relation);
    /// \return the import policy toward a neighbour of relation \p relation
    static Ptr<RtmBgpPolicy> ImportPolicy(uint32_t myAs, Relation relation);
    /// \return the export policy toward a neighbour of relation \p relation
    static Ptr<RtmBgpPolicy> ExportPolicy(uint32_t myAs, Relation relation);
    /// Set both policies of neighbour \p n of \p speaker.
    static void Apply(Ptr<RtmBgpSpeaker> speaker, uint32_t n, Relation relation);

    /// One business relationship: \p a's relation to \p b (CAIDA as-rel: -1 = a provider of b).
    struct Link
    {
        uint32_t a{0};         //!< an AS
        uint32_t b{0};         //!< another AS
        Relation bIsToA{PEER}; //!< what b is to a
    };

    /**
     * \brief Parse CAIDA "as-rel" lines: "A|B|-1" (A is B's provider) or "A|B|0" (peers);
     * '#' starts a comment.
     * \return false on a malformed line
     */
    static bool ParseRelationships(const std::string& text, std::vector<Link>& out);

    /**
     * \brief Apply the policies to every neighbour of every speaker of \p nodes (instance 0)
     * from a relationship list; neighbours whose AS pair has no relationship are left alone.
     * \return the number of neighbours configured
     */
    static uint32_t ApplyAll(NodeContainer nodes, const std::vector<Link>& links);
};

} // namespace ns3

#endif /* RTM_BGP_HELPER_H */
