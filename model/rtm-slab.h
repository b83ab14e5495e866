/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 *
 * RtmSlab: objects in a vector, addressed by slot index and checked by generation.
 *
 * Every slot has a generation counter that is odd while the slot is live and even while it is
 * free; Alloc and Free each increment it. A handle records (slot, generation), so a handle of a
 * freed or reused slot, or a forged one, fails IsLive() and the caller answers InvalidHandle:
 * handles never dangle. Freed slots are reused (LIFO) and their object is reset to T{} so that
 * owned memory is returned at once.
 */
#ifndef RTM_SLAB_H
#define RTM_SLAB_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A vector of T with generation-checked slots.
 * \tparam T the object type (default-constructible, movable)
 */
template <typename T>
class RtmSlab
{
  public:
    /// \return a new live slot holding T{}
    uint32_t Alloc()
    {
        uint32_t i;
        if (!m_free.empty())
        {
            i = m_free.back();
            m_free.pop_back();
        }
        else
        {
            i = static_cast<uint32_t>(m_items.size());
            m_items.emplace_back();
            m_gen.push_back(0);
        }
        ++m_gen[i];
        ++m_live;
        return i;
    }

    /// \param i a live slot to free; its object is reset
    void Free(uint32_t i)
    {
        m_items[i] = T{};
        ++m_gen[i];
        m_free.push_back(i);
        --m_live;
    }

    /// Free slot \p i for good: it is never reused, so handles to it stay recognisably stale.
    void Retire(uint32_t i)
    {
        m_items[i] = T{};
        ++m_gen[i];
        --m_live;
    }

    /// \return the generation slot \p i had (or has) while live
    uint32_t LiveGen(uint32_t i) const
    {
        return (m_gen[i] & 1) != 0 ? m_gen[i] : m_gen[i] - 1;
    }

    /// \return true if slot \p i is live with generation \p gen
    bool IsLive(uint32_t i, uint32_t gen) const
    {
        return i < m_gen.size() && m_gen[i] == gen && (gen & 1) != 0;
    }

    /// \return true if slot \p i is live
    bool IsLive(uint32_t i) const
    {
        return i < m_gen.size() && (m_gen[i] & 1) != 0;
    }

    /// \return the generation of slot \p i
    uint32_t Gen(uint32_t i) const
    {
        return m_gen[i];
    }

    /// \return the object in slot \p i
    T& operator[](uint32_t i)
    {
        return m_items[i];
    }

    /// \return the object in slot \p i
    const T& operator[](uint32_t i) const
    {
        return m_items[i];
    }

    /// \return one past the highest slot ever used
    uint32_t Slots() const
    {
        return static_cast<uint32_t>(m_items.size());
    }

    /// \return the number of live slots
    uint32_t LiveCount() const
    {
        return m_live;
    }

    /// \return heap bytes of the slab itself (not of memory owned by the objects)
    std::size_t MemoryBytes() const
    {
        return m_items.capacity() * sizeof(T) + m_gen.capacity() * sizeof(uint32_t) +
               m_free.capacity() * sizeof(uint32_t);
    }

  private:
    std::vector<T> m_items;       //!< the objects
    std::vector<uint32_t> m_gen;  //!< generation per slot (odd: live)
    std::vector<uint32_t> m_free; //!< free slots
    uint32_t m_live{0};           //!< live slots
};

} // namespace ns3

#endif /* RTM_SLAB_H */
