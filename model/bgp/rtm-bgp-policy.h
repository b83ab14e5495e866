/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpPolicy: import and export policies of BGP neighbours (ordered terms of matches and
 * actions) and RtmBgpGaoRexford, customer / peer / provider policies.
 */
#ifndef RTM_BGP_POLICY_H
#define RTM_BGP_POLICY_H

#include "rtm-bgp-attributes.h"

#include "ns3/rtm-net-address.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A prefix with a range of lengths, as in router prefix lists: "10.0.0.0/8 le 24"
 * matches every prefix inside 10.0.0.0/8 of length 8 to 24.
 */
struct RtmBgpPrefixRange
{
    RtmNetAddress prefix; //!< the covering prefix
    uint8_t ge{0};        //!< shortest length matched (0: the prefix's own length)
    uint8_t le{0};        //!< longest length matched (0: the prefix's own length)

    /**
     * \brief Parse "P", "P le N", "P ge N", "P ge N le M".
     * \return true on success
     */
    static bool Parse(const std::string& text, RtmBgpPrefixRange& out);
    /// \return true if \p p is inside the prefix with a length in [ge, le]
    bool Matches(const RtmNetAddress& p) const;
};

/**
 * \ingroup rtm
 * \brief What a policy term matches. Every condition that is set must hold (an empty list or
 * an unset value matches everything).
 */
struct RtmBgpPolicyMatch
{
    std::vector<RtmBgpPrefixRange> prefixes; //!< the prefix is in one of these ranges
    std::string asPathRegex; //!< POSIX extended regex searched in the AS path's text form
                             //!< ("65001 3356 {1,2}"; "^$" is an empty path)
    std::vector<uint32_t> asPathContains; //!< one of these ASes is in the path
    uint32_t originAs{0};                 //!< the last AS of the path (0: any)
    uint32_t neighborAs{0};               //!< the first AS of the path (0: any)
    std::vector<uint32_t> communitiesAny; //!< carries at least one of these communities
    std::vector<uint32_t> communitiesAll; //!< carries all of these communities
    std::vector<RtmNetAddress> nextHopIn; //!< the next hop is inside one of these prefixes
    int32_t maxAsPathLength{-1};          //!< path length at most this (-1: any)
};

/**
 * \ingroup rtm
 * \brief What a policy term does with a route it matches.
 */
struct RtmBgpPolicyAction
{
    /// The verdict of a term.
    enum Verdict : uint8_t
    {
        ACCEPT, //!< apply the changes and accept
        REJECT, //!< reject the route
        NEXT,   //!< apply the changes and go on with the next term
    };

    Verdict verdict{ACCEPT};                 //!< verdict
    int64_t setLocalPref{-1};                //!< LOCAL_PREF to set (-1: unchanged)
    int64_t setMed{-1};                      //!< MED to set (-1: unchanged)
    bool clearMed{false};                    //!< remove the MED
    bool clearCommunities{false};            //!< remove every community first
    std::vector<uint32_t> addCommunities;    //!< communities to add
    std::vector<uint32_t> removeCommunities; //!< communities to remove
    uint32_t prepend{0};                     //!< prepend this many times
    uint32_t prependAs{0};                   //!< the AS to prepend (0: the speaker's own AS)
    RtmNetAddress setNextHop;                //!< next hop to set (null: unchanged)
};

/**
 * \ingroup rtm
 * \brief An import or export policy of a BGP neighbour: an ordered list of terms (match →
 * action); the first term with a verdict ACCEPT or REJECT decides, a NEXT term applies its
 * changes and evaluation goes on; if no term decides, the default verdict does (ACCEPT unless
 * SetDefault says otherwise).
 *
 * \code
 *   Ptr<RtmBgpPolicy> in = Create<RtmBgpPolicy>();
 *   RtmBgpPolicyMatch bogons;                              // reject RFC 1918 space, any length
 *   RtmBgpPrefixRange r;
 *   RtmBgpPrefixRange::Parse("10.0.0.0/8 le 32", r);
 *   bogons.prefixes.push_back(r);
 *   in->AddTerm(bogons, RtmBgpPolicy::Reject());
 *   RtmBgpPolicyMatch viaTransit;                          // paths through AS 3356: less preferred
 *   viaTransit.asPathRegex = "(^| )3356( |$)";
 *   RtmBgpPolicyAction lower;
 *   lower.setLocalPref = 80;
 *   in->AddTerm(viaTransit, lower);
 *   speaker->SetImportPolicy(peer, in);
 * \endcode
 */
class RtmBgpPolicy : public SimpleRefCount<RtmBgpPolicy>
{
  public:
    /// What a policy sees besides the route.
    struct Context
    {
        uint32_t myAs{0}; //!< the speaker's AS (for prepending)
    };

    /// \return an action that rejects
    static RtmBgpPolicyAction Reject();
    /// \return an action that accepts without changes
    static RtmBgpPolicyAction Accept();

    /**
     * \brief Append a term.
     * \param match what it matches
     * \param action what it does
     * \return this policy
     */
    RtmBgpPolicy& AddTerm(const RtmBgpPolicyMatch& match, const RtmBgpPolicyAction& action);
    /// \param accept the verdict when no term decides
    void SetDefault(bool accept);

    /**
     * \brief Run the policy on a route.
     * \param prefix the route's prefix
     * \param[in,out] attrs its attributes (changed by the actions that apply)
     * \param ctx the speaker
     * \return true if accepted
     */
    bool Apply(const RtmNetAddress& prefix, RtmBgpAttributes& attrs, const Context& ctx) const;

    /// \return true if \p m matches the route
    static bool Matches(const RtmBgpPolicyMatch& m,
                        const RtmNetAddress& prefix,
                        const RtmBgpAttributes& attrs);

    /// \return the number of terms
    std::size_t GetNTerms() const
    {
        return m_terms.size();
    }

  private:
    /// One term with its compiled regular expression.
    struct Term
    {
        RtmBgpPolicyMatch match;     //!< match
        RtmBgpPolicyAction action;   //!< action
        std::shared_ptr<void> regex; //!< compiled asPathRegex (a POSIX regex_t)
    };

    std::vector<Term> m_terms; //!< the terms
    bool m_default{true};      //!< default verdict
};

} // namespace ns3

#endif /* RTM_BGP_POLICY_H */
