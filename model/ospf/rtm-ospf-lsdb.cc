/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One OSPF link-state database: LSAs by key with their arrival times, aging and lookups.
 */
#include "rtm-ospf-lsdb.h"

#include <algorithm>

namespace ns3
{

RtmOspfLsdb::Entry*
RtmOspfLsdb::Find(const RtmOspfLsaKey& key)
{
    auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
}

const RtmOspfLsdb::Entry*
RtmOspfLsdb::Find(const RtmOspfLsaKey& key) const
{
    auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
}

uint16_t
RtmOspfLsdb::Age(const Entry& e, Time now)
{
    int64_t age = int64_t(e.lsa->hdr.age) + (now - e.installed).GetSeconds();
    return static_cast<uint16_t>(std::min<int64_t>(std::max<int64_t>(age, 0), OSPF_MAX_AGE));
}

RtmOspfLsaHeader
RtmOspfLsdb::Header(const Entry& e, Time now)
{
    RtmOspfLsaHeader h = e.lsa->hdr;
    h.age = Age(e, now);
    return h;
}

RtmOspfLsdb::Entry&
RtmOspfLsdb::Install(Ptr<const RtmOspfLsa> lsa, Time now, bool flooded, bool self)
{
    RtmOspfLsaKey key = lsa->hdr.Key();
    Entry& e = m_entries[key];
    e.lsa = lsa;
    e.installed = now;
    e.flooded = flooded;
    if (lsa->hdr.age < OSPF_MAX_AGE)
    {
        m_maxAge.push(Due{now + Seconds(OSPF_MAX_AGE - lsa->hdr.age), key, now});
        if (self)
        {
            m_refresh.push(Due{now + Seconds(OSPF_LS_REFRESH_TIME), key, now});
        }
    }
    return e;
}

void
RtmOspfLsdb::Remove(const RtmOspfLsaKey& key)
{
    m_entries.erase(key);
}

const RtmOspfLsdb::Map&
RtmOspfLsdb::Entries() const
{
    return m_entries;
}

RtmOspfLsdb::Map::const_iterator
RtmOspfLsdb::TypeBegin(uint8_t type) const
{
    return m_entries.lower_bound(RtmOspfLsaKey{type, 0, 0});
}

RtmOspfLsdb::Map::const_iterator
RtmOspfLsdb::TypeEnd(uint8_t type) const
{
    if (type == 0xff)
    {
        return m_entries.end();
    }
    return m_entries.lower_bound(RtmOspfLsaKey{static_cast<uint8_t>(type + 1), 0, 0});
}

std::size_t
RtmOspfLsdb::Size() const
{
    return m_entries.size();
}

Time
RtmOspfLsdb::NextEvent() const
{
    Time t = Seconds(-1);
    if (!m_maxAge.empty())
    {
        t = m_maxAge.top().at;
    }
    if (!m_refresh.empty() && (t.IsNegative() || m_refresh.top().at < t))
    {
        t = m_refresh.top().at;
    }
    return t;
}

std::vector<RtmOspfLsaKey>
RtmOspfLsdb::Pop(Heap& heap, Time now)
{
    std::vector<RtmOspfLsaKey> out;
    while (!heap.empty() && heap.top().at <= now)
    {
        Due d = heap.top();
        heap.pop();
        auto it = m_entries.find(d.key);
        if (it != m_entries.end() && it->second.installed == d.installed)
        {
            out.push_back(d.key);
        }
    }
    return out;
}

std::vector<RtmOspfLsaKey>
RtmOspfLsdb::PopMaxAged(Time now)
{
    return Pop(m_maxAge, now);
}

std::vector<RtmOspfLsaKey>
RtmOspfLsdb::PopRefreshDue(Time now)
{
    return Pop(m_refresh, now);
}

void
RtmOspfLsdb::Clear()
{
    m_entries.clear();
    m_maxAge = Heap();
    m_refresh = Heap();
}

} // namespace ns3
