/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmHopList: the resolved hops of a forwarding record, one hop inline.
 *
 * Nearly every best route forwards through one hop, so a forwarding record keeps that hop in
 * itself and a one-hop lookup reads the record's first cache line only (no heap block behind a
 * vector; issue 14, decision 37). Two or more hops (ECMP, REMOTE next hops resolving to several)
 * all live in a heap vector, in order, so begin()..end() is always one contiguous array.
 * Invariant: size() <= 1 <=> the hops are inline (the vector holds none); size() >= 2 <=> the
 * vector holds exactly size() hops and the inline hop is unused.
 */
#ifndef RTM_HOP_LIST_H
#define RTM_HOP_LIST_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A list of hops with the first one inline (heap only beyond one).
 * \tparam H the hop type (copyable, equality-comparable)
 */
template <typename H>
class RtmHopList
{
  public:
    /// \return the number of hops
    std::size_t size() const
    {
        return m_size;
    }

    /// \return true if there is no hop
    bool empty() const
    {
        return m_size == 0;
    }

    /// \return the first hop (the hops are contiguous)
    const H* begin() const
    {
        return m_size <= 1 ? &m_one : m_more.data();
    }

    /// \return one past the last hop
    const H* end() const
    {
        return begin() + m_size;
    }

    /**
     * \param i the position, < size()
     * \return hop \p i
     */
    const H& operator[](std::size_t i) const
    {
        return begin()[i];
    }

    /// Remove every hop (a heap block is kept for reuse).
    void clear()
    {
        m_size = 0;
        m_more.clear();
    }

    /**
     * \brief Append a hop.
     * \param h the hop
     */
    void push_back(const H& h)
    {
        if (m_size == 0)
        {
            m_one = h;
        }
        else
        {
            if (m_size == 1)
            {
                m_more.push_back(m_one);
            }
            m_more.push_back(h);
        }
        ++m_size;
    }

    /// \return the hops the heap block can hold (0 while every hop is inline)
    std::size_t HeapCapacity() const
    {
        return m_more.capacity();
    }

    /**
     * \param o another list
     * \return true if both hold the same hops in the same order
     */
    bool operator==(const RtmHopList& o) const
    {
        return m_size == o.m_size && std::equal(begin(), end(), o.begin());
    }

  private:
    uint32_t m_size{0};    //!< the number of hops
    H m_one{};             //!< the hop while there is at most one
    std::vector<H> m_more; //!< every hop while there are two or more
};

} // namespace ns3

#endif /* RTM_HOP_LIST_H */
