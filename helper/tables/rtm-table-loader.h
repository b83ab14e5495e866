/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTableLoader: loads RtmTableFile entries into an RTM instance through one client, with next
 * hops interned (one next hop per distinct address).
 */
#ifndef RTM_TABLE_LOADER_H
#define RTM_TABLE_LOADER_H

#include "rtm-table-file.h"

#include "ns3/rtm-instance.h"
#include "ns3/rtm-registration.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Loads a routing table (RtmTableFile entries) into an RTM instance through one client
 * per family, as a protocol would: each distinct next hop becomes one next hop of the client's
 * list, each prefix one route.
 *
 * Lines with a next-hop address use it; lines with an origin AS number (RouteViews `ipasn`
 * dumps) get a stand-in next hop per AS (address = the AS number, label "AS<n>"), or, with
 * a fan-out N > 0, one of N next hops (AS number modulo N), which gives a realistic number of
 * next hops for benchmarks.
 */
class RtmTableLoader
{
  public:
    /**
     * \param instance the instance to load into (its interface \p interface is used)
     * \param interface the interface of every next hop
     * \param fanOut 0: one next hop per AS; N: AS number modulo N
     */
    RtmTableLoader(Ptr<RtmInstance> instance, uint32_t interface = 1, uint32_t fanOut = 0);

    /**
     * \brief Add every entry as a route (preference 0: the client's default; both views).
     * \param entries the entries
     * \param[out] failed entries RTM refused
     * \param[out] handles if not null, the route handle of each entry (null if refused)
     * \return the number of routes added
     */
    uint32_t Load(const std::vector<RtmTableFileEntry>& entries,
                  uint32_t& failed,
                  std::vector<RtmRouteHandle>* handles = nullptr);

    /// \return the registration of \p family (registered on first use)
    Ptr<RtmRegistration> GetRegistration(uint16_t family);

    /// \return the label of a next hop ("10.0.0.1" or "AS3356"), "?" if unknown
    std::string GetLabel(RtmNextHopHandle nextHop) const;

    /**
     * \brief Longest-prefix match through the unicast-view lookup forwarding uses.
     * \param address a host address
     * \param[out] prefix the matching prefix
     * \param[out] label the label of the best route's first next hop
     * \return true if a route matches
     */
    bool Lookup(const RtmNetAddress& address, RtmNetAddress& prefix, std::string& label) const;

  private:
    /// \return the next hop for an entry (created on first use)
    RtmNextHopHandle NextHopFor(const RtmTableFileEntry& e);

    Ptr<RtmInstance> m_instance;                                         //!< target
    uint32_t m_interface;                                                //!< next-hop interface
    uint32_t m_fanOut;                                                   //!< AS fan-out
    Ptr<RtmRegistration> m_reg[2];                                       //!< IPv4, IPv6 clients
    std::map<std::pair<uint16_t, std::string>, RtmNextHopHandle> m_hops; //!< (family, label)
    std::unordered_map<uint64_t, RtmNextHopHandle> m_asHops; //!< (family << 32 | AS or slot)
    std::map<RtmNextHopHandle, std::string> m_labels;        //!< next hop -> label
};

} // namespace ns3

#endif /* RTM_TABLE_LOADER_H */
