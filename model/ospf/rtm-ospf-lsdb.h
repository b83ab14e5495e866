/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One OSPF link-state database: the LSAs of one flooding scope (an area, or the AS for
 * AS-external-LSAs).
 *
 * DOC: entries are kept in key order (type, link state id, advertising router), so the LSAs of
 * one type are a contiguous range. An entry holds the shared, immutable LSA, the simulation time
 * it was installed and whether it arrived by flooding; its current age is the age it had then
 * plus the whole seconds since, capped at MaxAge (so nothing ticks per second). The times at
 * which entries reach MaxAge, and at which this router's own LSAs are due for refresh, are kept
 * in two heaps checked lazily (an entry replaced meanwhile is skipped), so the owner needs one
 * timer for the earliest of them.
 */
#ifndef RTM_OSPF_LSDB_H
#define RTM_OSPF_LSDB_H

#include "rtm-ospf-lsa.h"

#include "ns3/nstime.h"

#include <functional>
#include <map>
#include <queue>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief An OSPF link-state database; see the file comment.
 */
class RtmOspfLsdb
{
  public:
    /// One LSA of the database.
    struct Entry
    {
        Ptr<const RtmOspfLsa> lsa;     //!< the instance
        Time installed;                //!< when it was installed
        bool flooded{false};           //!< received by flooding (MinLSArrival applies)
        Time sentBack{Seconds(-1000)}; //!< last time it was sent back to a neighbour (§13 step 8)
    };

    typedef std::map<RtmOspfLsaKey, Entry> Map; //!< entries by key

    /// \return the entry of \p key, or null
    Entry* Find(const RtmOspfLsaKey& key);
    /// \return the entry of \p key, or null
    const Entry* Find(const RtmOspfLsaKey& key) const;

    /// \return the current age of \p e at \p now
    static uint16_t Age(const Entry& e, Time now);

    /// \return the header of \p e with its current age
    static RtmOspfLsaHeader Header(const Entry& e, Time now);

    /**
     * \brief Install an instance (replacing the one with its key).
     * \param lsa the instance
     * \param now the time
     * \param flooded true if it was received by flooding
     * \param self true if this router originated it (schedules its refresh)
     * \return the entry
     */
    Entry& Install(Ptr<const RtmOspfLsa> lsa, Time now, bool flooded, bool self);

    /// Remove the entry of \p key (if any).
    void Remove(const RtmOspfLsaKey& key);

    /// \return the entries
    const Map& Entries() const;

    /// \return the first entry of LS type \p type (or end)
    Map::const_iterator TypeBegin(uint8_t type) const;
    /// \return the entry after the last of LS type \p type
    Map::const_iterator TypeEnd(uint8_t type) const;

    /// \return the number of LSAs
    std::size_t Size() const;

    /// \return the earliest time an entry may reach MaxAge or be due for refresh (or -1 s)
    Time NextEvent() const;

    /**
     * \brief Entries that have reached MaxAge by \p now (each returned once per instance).
     * \param now the time
     * \return their keys
     */
    std::vector<RtmOspfLsaKey> PopMaxAged(Time now);

    /**
     * \brief Own entries due for refresh (LSRefreshTime after they were installed).
     * \param now the time
     * \return their keys
     */
    std::vector<RtmOspfLsaKey> PopRefreshDue(Time now);

    /// Drop everything.
    void Clear();

  private:
    /// A time and the instance it is for.
    struct Due
    {
        Time at;           //!< when
        RtmOspfLsaKey key; //!< which LSA
        Time installed;    //!< which instance (its installation time)

        /// \return min-heap order
        bool operator>(const Due& o) const
        {
            return at > o.at;
        }
    };

    typedef std::priority_queue<Due, std::vector<Due>, std::greater<Due>> Heap; //!< min-heap

    /// Pop the due elements of \p heap that still name a current instance.
    std::vector<RtmOspfLsaKey> Pop(Heap& heap, Time now);

    Map m_entries;  //!< the LSAs
    Heap m_maxAge;  //!< when entries reach MaxAge
    Heap m_refresh; //!< when own entries are due for refresh
};

} // namespace ns3

#endif /* RTM_OSPF_LSDB_H */
