/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpAttributes: the path attributes of a BGP route (RFC 4271 §5, RFC 1997, RFC 4456,
 * RFC 4760), interned and shared, and RtmBgpCodec, their wire encoding with RFC 7606 error
 * handling.
 */
#ifndef RTM_BGP_ATTRIBUTES_H
#define RTM_BGP_ATTRIBUTES_H

#include "rtm-bgp-as-path.h"
#include "rtm-bgp-error.h"

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"
#include "ns3/rtm-net-address.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace ns3
{

/// Path attribute type codes (RFC 4271, 1997, 4456, 4760, 6793).
enum RtmBgpAttrType : uint8_t
{
    BGP_ATTR_ORIGIN = 1,           //!< ORIGIN
    BGP_ATTR_AS_PATH = 2,          //!< AS_PATH
    BGP_ATTR_NEXT_HOP = 3,         //!< NEXT_HOP
    BGP_ATTR_MED = 4,              //!< MULTI_EXIT_DISC
    BGP_ATTR_LOCAL_PREF = 5,       //!< LOCAL_PREF
    BGP_ATTR_ATOMIC_AGGREGATE = 6, //!< ATOMIC_AGGREGATE
    BGP_ATTR_AGGREGATOR = 7,       //!< AGGREGATOR
    BGP_ATTR_COMMUNITIES = 8,      //!< COMMUNITIES (RFC 1997)
    BGP_ATTR_ORIGINATOR_ID = 9,    //!< ORIGINATOR_ID (RFC 4456)
    BGP_ATTR_CLUSTER_LIST = 10,    //!< CLUSTER_LIST (RFC 4456)
    BGP_ATTR_MP_REACH = 14,        //!< MP_REACH_NLRI (RFC 4760)
    BGP_ATTR_MP_UNREACH = 15,      //!< MP_UNREACH_NLRI (RFC 4760)
    BGP_ATTR_AS4_PATH = 17,        //!< AS4_PATH (RFC 6793)
    BGP_ATTR_AS4_AGGREGATOR = 18,  //!< AS4_AGGREGATOR (RFC 6793)
};

/// Attribute flag bits.
enum RtmBgpAttrFlags : uint8_t
{
    BGP_FLAG_OPTIONAL = 0x80,   //!< optional (else well-known)
    BGP_FLAG_TRANSITIVE = 0x40, //!< transitive
    BGP_FLAG_PARTIAL = 0x20,    //!< partial
    BGP_FLAG_EXTENDED = 0x10,   //!< two-octet length
};

/// ORIGIN values.
enum RtmBgpOrigin : uint8_t
{
    BGP_ORIGIN_IGP = 0,        //!< IGP
    BGP_ORIGIN_EGP = 1,        //!< EGP
    BGP_ORIGIN_INCOMPLETE = 2, //!< INCOMPLETE
};

/// Well-known communities (RFC 1997).
constexpr uint32_t BGP_COMMUNITY_NO_EXPORT = 0xFFFFFF01;           //!< NO_EXPORT
constexpr uint32_t BGP_COMMUNITY_NO_ADVERTISE = 0xFFFFFF02;        //!< NO_ADVERTISE
constexpr uint32_t BGP_COMMUNITY_NO_EXPORT_SUBCONFED = 0xFFFFFF03; //!< NO_EXPORT_SUBCONFED

/// \return the community asn:value
constexpr uint32_t
RtmBgpCommunity(uint16_t asn, uint16_t value)
{
    return (uint32_t(asn) << 16) | value;
}

/**
 * \ingroup rtm
 * \brief The path attributes of a route (RFC 4271 §5), immutable once shared: routes with equal
 * attributes share one object (RtmBgpAttributeCache), which is what keeps a full table small.
 *
 * nextHop is the route's next hop in its own family: the NEXT_HOP attribute for IPv4 unicast,
 * the MP_REACH_NLRI next hop for IPv6 unicast (RFC 4760). Unknown optional transitive attributes
 * are kept as they came (with the Partial bit set when passed on, RFC 4271 §5).
 */
class RtmBgpAttributes : public SimpleRefCount<RtmBgpAttributes>
{
  public:
    /// An attribute this implementation does not know (optional transitive, kept).
    struct Raw
    {
        uint8_t flags{0};           //!< its flags
        uint8_t type{0};            //!< its type code
        std::vector<uint8_t> value; //!< its value

        /// \return true if equal
        bool operator==(const Raw& o) const
        {
            return flags == o.flags && type == o.type && value == o.value;
        }
    };

    uint8_t origin{BGP_ORIGIN_IGP};    //!< ORIGIN
    RtmBgpAsPath asPath;               //!< AS_PATH (4-octet ASes)
    RtmNetAddress nextHop;             //!< the next hop (family of the route)
    bool hasMed{false};                //!< MULTI_EXIT_DISC present
    uint32_t med{0};                   //!< MULTI_EXIT_DISC
    bool hasLocalPref{false};          //!< LOCAL_PREF present
    uint32_t localPref{100};           //!< LOCAL_PREF
    bool atomicAggregate{false};       //!< ATOMIC_AGGREGATE present
    bool hasAggregator{false};         //!< AGGREGATOR present
    uint32_t aggregatorAs{0};          //!< AGGREGATOR AS (4-octet)
    Ipv4Address aggregatorAddress;     //!< AGGREGATOR address
    std::vector<uint32_t> communities; //!< COMMUNITIES, sorted, no duplicates
    bool hasOriginatorId{false};       //!< ORIGINATOR_ID present
    uint32_t originatorId{0};          //!< ORIGINATOR_ID
    std::vector<uint32_t> clusterList; //!< CLUSTER_LIST (first = the last reflector)
    std::vector<Raw> unknown;          //!< unknown optional transitive attributes

    /// \return true if \p c is among the communities
    bool HasCommunity(uint32_t c) const;
    /// Add a community (kept sorted, no duplicate).
    void AddCommunity(uint32_t c);
    /// Remove a community.
    void RemoveCommunity(uint32_t c);

    /// \return true if every attribute is equal
    bool operator==(const RtmBgpAttributes& o) const;
    /// \return a hash of every attribute
    std::size_t Hash() const;
    /// \return a one-line description ("origin IGP, path 1 2, next hop 10.0.0.1, ...")
    std::string ToString() const;
};

/// How a peer speaks: what the attribute codec needs to know about the session.
struct RtmBgpCodec
{
    bool fourOctetAs{true};     //!< both sides announced the 4-octet AS capability (RFC 6793)
    bool external{true};        //!< the peer is in another AS (eBGP)
    uint32_t peerAs{0};         //!< the peer's AS (first-AS check on eBGP)
    bool checkFirstAs{true};    //!< enforce RFC 4271 §6.3 first-AS on eBGP
    RtmNetAddress localAddress; //!< our address on the session (a NEXT_HOP must not be it)
    bool ipv4Unicast{true};     //!< IPv4 unicast negotiated
    bool ipv6Unicast{false};    //!< IPv6 unicast negotiated (RFC 4760)
};

/**
 * \brief The decoded attribute section of an UPDATE: the attributes (without a next hop yet),
 * the IPv4 NEXT_HOP if present, and where the MP_REACH_NLRI / MP_UNREACH_NLRI values are.
 */
struct RtmBgpAttrSection
{
    Ptr<RtmBgpAttributes> attrs;    //!< the attributes
    bool hasOrigin{false};          //!< ORIGIN seen
    bool hasAsPath{false};          //!< AS_PATH seen
    bool hasNextHop{false};         //!< NEXT_HOP seen (and well formed)
    Ipv4Address nextHop;            //!< NEXT_HOP
    bool nextHopValid{true};        //!< NEXT_HOP semantically valid
    std::vector<uint8_t> mpReach;   //!< MP_REACH_NLRI value (empty if absent)
    bool hasMpReach{false};         //!< MP_REACH_NLRI seen
    std::vector<uint8_t> mpUnreach; //!< MP_UNREACH_NLRI value
    bool hasMpUnreach{false};       //!< MP_UNREACH_NLRI seen
};

/**
 * \brief Decode a path attribute section with the error handling of RFC 4271 §6.3 as revised
 * by RFC 7606: every error is recorded in \p result with its action. AS4_PATH and
 * AS4_AGGREGATOR of a 2-octet session are merged (RFC 6793 §4.2.3).
 * \param data the section \param len its length (the Total Path Attribute Length)
 * \param codec the session
 * \param[out] out the decoded section
 * \param[in,out] result errors found
 */
void RtmBgpDecodeAttributes(const uint8_t* data,
                            std::size_t len,
                            const RtmBgpCodec& codec,
                            RtmBgpAttrSection& out,
                            RtmBgpParseResult& result);

/**
 * \brief Encode attributes for a peer (AS4_PATH / AS4_AGGREGATOR added when the peer speaks
 * 2-octet ASes and some AS needs 4, RFC 6793 §4.2.2).
 * \param a the attributes
 * \param codec the session
 * \param withNextHop write the NEXT_HOP attribute from a.nextHop (IPv4 unicast NLRI)
 * \param[out] out appended to
 */
void RtmBgpEncodeAttributes(const RtmBgpAttributes& a,
                            const RtmBgpCodec& codec,
                            bool withNextHop,
                            std::vector<uint8_t>& out);

/// Append one attribute (flags, type, length with the extended bit when needed, value).
void RtmBgpEncodeAttribute(uint8_t flags,
                           uint8_t type,
                           const std::vector<uint8_t>& value,
                           std::vector<uint8_t>& out);

/**
 * \ingroup rtm
 * \brief Interns attribute sets: equal attributes get one shared object. Entries nobody else
 * references are dropped by Purge() (called periodically by the speaker).
 */
class RtmBgpAttributeCache
{
  public:
    /// \return the shared object equal to \p a
    Ptr<const RtmBgpAttributes> Intern(Ptr<RtmBgpAttributes> a);
    /// Drop the entries only the cache references.
    void Purge();

    /// \return the number of distinct attribute sets
    std::size_t Size() const
    {
        return m_set.size();
    }

  private:
    /// Hash by content.
    struct Hash
    {
        std::size_t operator()(const Ptr<const RtmBgpAttributes>& a) const
        {
            return a->Hash();
        }
    };

    /// Equality by content.
    struct Eq
    {
        bool operator()(const Ptr<const RtmBgpAttributes>& a,
                        const Ptr<const RtmBgpAttributes>& b) const
        {
            return *a == *b;
        }
    };

    std::unordered_set<Ptr<const RtmBgpAttributes>, Hash, Eq> m_set; //!< the shared sets
    std::size_t m_sinceLastPurge{0};                                 //!< interned since purge
};

} // namespace ns3

#endif /* RTM_BGP_ATTRIBUTES_H */
