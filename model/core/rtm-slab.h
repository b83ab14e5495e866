/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmSlab: objects addressed by slot index and checked by generation.
 *
 * Every slot has a generation counter that is odd while the slot is live and even while it is
 * free; Alloc and Free each increment it. A handle records (slot, generation), so a handle of a
 * freed or reused slot, or a forged one, fails IsLive() and the caller answers InvalidHandle:
 * handles never dangle. Freed slots are reused (LIFO) and their object is reset to T{} so that
 * owned memory is returned at once; Retire() frees a slot for good.
 *
 * Storage is segmented (RtmSegmentedArray): blocks of 4, 8, ... 4096 objects, then blocks of
 * 4096 (a table of a few objects, e.g. the one or two clients of a router, holds a few). Objects
 * never move, growth never copies, and at most one partly used block is wasted, where a std::vector
 * would keep up to twice the memory after growing.
 *
 * RtmLazyColumn: a field of a slab's objects kept beside them, by slot, for fields that most tables
 * never set (decision 38: a route's owner's word, neighbour, tracking record). It is a segmented
 * array that takes no memory until a slot is given a non-zero value, and then grows to that slot
 * only: a table that never sets the field pays nothing, one that sets it for every object pays
 * what a field in the object would.
 */
#ifndef RTM_SLAB_H
#define RTM_SLAB_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief An append-only array in blocks of growing size (16 .. 4096 elements).
 * \tparam T the element type (default-constructible)
 */
template <typename T>
class RtmSegmentedArray
{
  public:
    /// \return element \p i
    T& operator[](uint32_t i)
    {
        uint32_t b;
        uint32_t off;
        Locate(i, b, off);
        return m_blocks[b][off];
    }

    /// \return element \p i
    const T& operator[](uint32_t i) const
    {
        uint32_t b;
        uint32_t off;
        Locate(i, b, off);
        return m_blocks[b][off];
    }

    /// \return the number of elements
    uint32_t Size() const
    {
        return m_size;
    }

    /// Append a default element.
    void Grow()
    {
        uint32_t b;
        uint32_t off;
        Locate(m_size, b, off);
        if (b == m_blocks.size())
        {
            m_blocks.emplace_back(new T[BlockSize(b)]());
            m_capacity += BlockSize(b);
        }
        ++m_size;
    }

    /// \return heap bytes
    std::size_t MemoryBytes() const
    {
        return m_capacity * sizeof(T) + m_blocks.capacity() * sizeof(m_blocks[0]);
    }

  private:
    static constexpr uint32_t kFirstShift = 2; //!< the first block holds 4
    static constexpr uint32_t kLastShift = 12; //!< blocks stop growing at 4096
    static constexpr uint32_t kRamp = (1u << (kLastShift + 1)) - (1u << kFirstShift); //!< 8188

    /// \return the size of block \p b
    static uint32_t BlockSize(uint32_t b)
    {
        return b <= kLastShift - kFirstShift ? (1u << (b + kFirstShift)) : (1u << kLastShift);
    }

    /// Find block and offset of element \p i.
    static void Locate(uint32_t i, uint32_t& b, uint32_t& off)
    {
        if (i < kRamp)
        {
            uint32_t x = i + (1u << kFirstShift);
            uint32_t top = 31 - static_cast<uint32_t>(__builtin_clz(x));
            b = top - kFirstShift;
            off = x - (1u << top);
        }
        else
        {
            uint32_t j = i - kRamp;
            b = kLastShift - kFirstShift + 1 + (j >> kLastShift);
            off = j & ((1u << kLastShift) - 1);
        }
    }

    std::vector<std::unique_ptr<T[]>> m_blocks; //!< the blocks
    uint32_t m_size{0};                         //!< elements
    std::size_t m_capacity{0};                  //!< elements in all blocks
};

/**
 * \ingroup rtm
 * \brief A column of values by slot, all zero until set, with no memory until a non-zero is set.
 * \tparam T the value type (zero-initialised: T{} is "unset")
 */
template <typename T>
class RtmLazyColumn
{
  public:
    /// \return the value of slot \p i (T{} if never set)
    T Get(uint32_t i) const
    {
        return i < m_items.Size() ? m_items[i] : T{};
    }

    /// Set the value of slot \p i to \p v (setting T{} beyond the grown part costs nothing).
    void Set(uint32_t i, T v)
    {
        if (i >= m_items.Size())
        {
            if (v == T{})
            {
                return;
            }
            while (m_items.Size() <= i)
            {
                m_items.Grow();
            }
        }
        m_items[i] = v;
    }

    /// \return one past the highest slot the column holds (every slot beyond reads T{})
    uint32_t Size() const
    {
        return m_items.Size();
    }

    /// \return heap bytes
    std::size_t MemoryBytes() const
    {
        return m_items.MemoryBytes();
    }

  private:
    RtmSegmentedArray<T> m_items; //!< values of slots 0 .. Size() - 1
};

/**
 * \ingroup rtm
 * \brief Objects with generation-checked slots.
 * \tparam T the object type (default-constructible, move-assignable)
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
            i = m_items.Size();
            m_items.Grow();
            m_gen.Grow();
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

    /// Make a retired slot \p i reusable (its handles stay stale: the generation moves on).
    void Reclaim(uint32_t i)
    {
        m_free.push_back(i);
    }

    /// \return true if Alloc() can reuse a slot
    bool HasFree() const
    {
        return !m_free.empty();
    }

    /// \return the generation slot \p i had (or has) while live
    uint32_t LiveGen(uint32_t i) const
    {
        return (m_gen[i] & 1) != 0 ? m_gen[i] : m_gen[i] - 1;
    }

    /// \return true if slot \p i is live with generation \p gen
    bool IsLive(uint32_t i, uint32_t gen) const
    {
        return i < m_gen.Size() && m_gen[i] == gen && (gen & 1) != 0;
    }

    /// \return true if slot \p i is live
    bool IsLive(uint32_t i) const
    {
        return i < m_gen.Size() && (m_gen[i] & 1) != 0;
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
        return m_items.Size();
    }

    /// \return the number of live slots
    uint32_t LiveCount() const
    {
        return m_live;
    }

    /// \return heap bytes of the slab itself (not of memory owned by the objects)
    std::size_t MemoryBytes() const
    {
        return m_items.MemoryBytes() + m_gen.MemoryBytes() + m_free.capacity() * sizeof(uint32_t);
    }

  private:
    RtmSegmentedArray<T> m_items;      //!< the objects
    RtmSegmentedArray<uint32_t> m_gen; //!< generation per slot (odd: live)
    std::vector<uint32_t> m_free;      //!< free slots
    uint32_t m_live{0};                //!< live slots
};

} // namespace ns3

#endif /* RTM_SLAB_H */
