/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIndexVector: a vector of uint32_t slot indices in one 8-byte word, one element inline.
 *
 * Most destinations have one route and most routes one next hop, so the common case needs no
 * heap block at all; larger sets move to a heap array that grows by doubling.
 *
 * Layout (issue 14: route and destination records packed): the word is either
 *  - inline: the low 32 bits are a tag, 1 | size << 1 (size 0 or 1), the high 32 bits the
 *    element; or
 *  - a pointer to a heap block [size, capacity, elements...] (operator new[] aligns it to at
 *    least 8 bytes, so its low bit is 0).
 * The low bit of the word tells the two apart. The tag overlays the low half of the pointer,
 * which needs a little-endian machine (checked at compile time). A heap block, once taken, is
 * kept until the vector dies or grows (Assign of fewer elements reuses it).
 *
 * RtmSlotList (decision 43): the same in one 32-bit word, for the route and destination records
 * (a route's next hops, a destination's routes). The word is RtmSlotList::kEmpty (no element),
 * a value below kPooled (the one element, inline), or kPooled | i: the elements are list i of an
 * RtmSlotPool that the owner keeps beside its records (an RtmIndexVector each). Every operation
 * but empty() goes through the pool. A list is pooled exactly when it has two elements or more, or
 * one element of kPooled or above: so a list of one or none holds no pool entry, a pool entry
 * is freed as soon as its list shrinks to one, and a list reset to kEmpty without the pool leaks
 * nothing but a pooled list (the owner clears lists through the pool before freeing a record).
 */
#ifndef RTM_INDEX_VECTOR_H
#define RTM_INDEX_VECTOR_H

#include "rtm-slab.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A small vector of uint32_t with one inline element (8 bytes; heap only beyond one).
 */
class RtmIndexVector
{
  public:
    RtmIndexVector()
    {
        SetEmptyInline();
    }

    ~RtmIndexVector()
    {
        Release();
    }

    /// Copy.
    RtmIndexVector(const RtmIndexVector& o)
    {
        SetEmptyInline();
        Assign(o.data(), o.size());
    }

    /// Move.
    RtmIndexVector(RtmIndexVector&& o) noexcept
        : m_u(o.m_u)
    {
        o.SetEmptyInline();
    }

    /// Copy-assign.
    RtmIndexVector& operator=(const RtmIndexVector& o)
    {
        if (this != &o)
        {
            Assign(o.data(), o.size());
        }
        return *this;
    }

    /// Move-assign.
    RtmIndexVector& operator=(RtmIndexVector&& o) noexcept
    {
        if (this != &o)
        {
            Release();
            m_u = o.m_u;
            o.SetEmptyInline();
        }
        return *this;
    }

    /// \return the number of elements
    uint32_t size() const
    {
        return IsInline() ? m_u.in.tag >> 1 : m_u.heap[0];
    }

    /// \return true if empty
    bool empty() const
    {
        return size() == 0;
    }

    /// \return the elements
    uint32_t* data()
    {
        return IsInline() ? &m_u.in.one : m_u.heap + kHeader;
    }

    /// \return the elements
    const uint32_t* data() const
    {
        return IsInline() ? &m_u.in.one : m_u.heap + kHeader;
    }

    /// \return element \p i
    uint32_t operator[](uint32_t i) const
    {
        return data()[i];
    }

    /// \return element \p i
    uint32_t& operator[](uint32_t i)
    {
        return data()[i];
    }

    /// \return first element
    const uint32_t* begin() const
    {
        return data();
    }

    /// \return one past the last element
    const uint32_t* end() const
    {
        return data() + size();
    }

    /// Replace the contents with \p n elements from \p src.
    void Assign(const uint32_t* src, uint32_t n)
    {
        if (n > Capacity())
        {
            uint32_t* block = NewBlock(n);
            std::memcpy(block + kHeader, src, n * sizeof(uint32_t));
            Release();
            m_u.heap = block;
        }
        else if (n > 0)
        {
            std::memmove(data(), src, n * sizeof(uint32_t));
        }
        SetSize(n);
    }

    /// Insert \p v before position \p pos.
    void Insert(uint32_t pos, uint32_t v)
    {
        uint32_t n = size();
        if (n == Capacity())
        {
            uint32_t* block = NewBlock(n * 2);
            std::memcpy(block + kHeader, data(), n * sizeof(uint32_t));
            Release();
            m_u.heap = block;
        }
        uint32_t* d = data();
        std::memmove(d + pos + 1, d + pos, (n - pos) * sizeof(uint32_t));
        d[pos] = v;
        SetSize(n + 1);
    }

    /// Remove the element at \p pos.
    void Erase(uint32_t pos)
    {
        uint32_t n = size();
        uint32_t* d = data();
        std::memmove(d + pos, d + pos + 1, (n - pos - 1) * sizeof(uint32_t));
        SetSize(n - 1);
    }

    /// \return the position of \p v, or size() if absent
    uint32_t Find(uint32_t v) const
    {
        const uint32_t* d = data();
        uint32_t n = size();
        for (uint32_t i = 0; i < n; ++i)
        {
            if (d[i] == v)
            {
                return i;
            }
        }
        return n;
    }

    /// \return heap bytes owned
    std::size_t HeapBytes() const
    {
        return IsInline() ? 0 : (Capacity() + kHeader) * sizeof(uint32_t);
    }

  private:
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
                  "the inline tag overlays the low half of the heap pointer");

    static constexpr uint32_t kHeader = 2; //!< words before the elements of a heap block

    /// \return true in inline mode (the low bit of the word)
    bool IsInline() const
    {
        return (m_u.in.tag & 1) != 0;
    }

    /// \return the capacity (1 inline)
    uint32_t Capacity() const
    {
        return IsInline() ? 1 : m_u.heap[1];
    }

    /// Set the size (the capacity is not changed).
    void SetSize(uint32_t n)
    {
        if (IsInline())
        {
            m_u.in.tag = 1 | (n << 1);
        }
        else
        {
            m_u.heap[0] = n;
        }
    }

    /// Inline mode, no element.
    void SetEmptyInline()
    {
        m_u.in.tag = 1;
        m_u.in.one = 0;
    }

    /// \return a heap block of capacity \p cap (its size field left to the caller)
    static uint32_t* NewBlock(uint32_t cap)
    {
        uint32_t* block = new uint32_t[cap + kHeader];
        block[0] = 0;
        block[1] = cap;
        return block;
    }

    /// Free the heap block, back to inline storage (empty).
    void Release()
    {
        if (!IsInline())
        {
            delete[] m_u.heap;
        }
        SetEmptyInline();
    }

    /// The word: a heap block or the inline tag and element.
    union Storage {
        uint32_t* heap; //!< heap block [size, capacity, elements...] (low bit 0)

        /// Inline mode.
        struct
        {
            uint32_t tag; //!< 1 | size << 1
            uint32_t one; //!< the element
        } in;
    } m_u; //!< storage
};

static_assert(sizeof(RtmIndexVector) == 8, "RtmIndexVector is one word");

/**
 * \ingroup rtm
 * \brief The elements of a list, read-only (valid until the list or its pool changes).
 */
struct RtmSlotSpan
{
    const uint32_t* first; //!< first element
    const uint32_t* last;  //!< one past the last element

    /// \return first element
    const uint32_t* begin() const
    {
        return first;
    }

    /// \return one past the last element
    const uint32_t* end() const
    {
        return last;
    }

    /// \return the number of elements
    uint32_t size() const
    {
        return static_cast<uint32_t>(last - first);
    }

    /// \return true if empty
    bool empty() const
    {
        return first == last;
    }

    /// \return element \p i
    uint32_t operator[](uint32_t i) const
    {
        return first[i];
    }

    /// \return the position of \p v, or size() if absent
    uint32_t Find(uint32_t v) const
    {
        for (const uint32_t* p = first; p != last; ++p)
        {
            if (*p == v)
            {
                return static_cast<uint32_t>(p - first);
            }
        }
        return size();
    }
};

/**
 * \ingroup rtm
 * \brief A list of uint32_t in one 32-bit word: none, one inline, or a list of an RtmSlotPool.
 */
class RtmSlotList
{
  public:
    /// \return true if the list has no element (needs no pool)
    bool empty() const
    {
        return m_w == kEmpty;
    }

  private:
    friend class RtmSlotPool;
    static constexpr uint32_t kEmpty = 0xFFFFFFFF;  //!< the word of an empty list
    static constexpr uint32_t kPooled = 0x80000000; //!< the flag of a pooled list

    uint32_t m_w{kEmpty}; //!< the word
};

static_assert(sizeof(RtmSlotList) == 4, "RtmSlotList is 32 bits");

/**
 * \ingroup rtm
 * \brief The lists of two elements or more of a set of RtmSlotList (see the file comment).
 */
class RtmSlotPool
{
  public:
    /// \return the elements of \p l
    RtmSlotSpan Items(const RtmSlotList& l) const
    {
        if (l.m_w < RtmSlotList::kPooled)
        {
            return RtmSlotSpan{&l.m_w, &l.m_w + 1};
        }
        if (l.m_w == RtmSlotList::kEmpty)
        {
            return RtmSlotSpan{nullptr, nullptr};
        }
        const RtmIndexVector& v = m_lists[l.m_w & ~RtmSlotList::kPooled];
        return RtmSlotSpan{v.begin(), v.end()};
    }

    /// Replace the contents of \p l with \p n elements from \p src (not inside \p l's own).
    void Assign(RtmSlotList& l, const uint32_t* src, uint32_t n)
    {
        if (n == 0 || (n == 1 && src[0] < RtmSlotList::kPooled))
        {
            Release(l);
            l.m_w = n == 0 ? RtmSlotList::kEmpty : src[0];
            return;
        }
        Pooled(l).Assign(src, n);
    }

    /// Insert \p v before position \p pos of \p l.
    void Insert(RtmSlotList& l, uint32_t pos, uint32_t v)
    {
        if (l.m_w == RtmSlotList::kEmpty)
        {
            Assign(l, &v, 1);
            return;
        }
        if (l.m_w < RtmSlotList::kPooled)
        {
            uint32_t two[2] = {l.m_w, l.m_w};
            two[pos == 0 ? 0 : 1] = v;
            Assign(l, two, 2);
            return;
        }
        m_lists[l.m_w & ~RtmSlotList::kPooled].Insert(pos, v);
    }

    /// Remove the element at \p pos of \p l.
    void Erase(RtmSlotList& l, uint32_t pos)
    {
        if (l.m_w < RtmSlotList::kPooled)
        {
            l.m_w = RtmSlotList::kEmpty;
            return;
        }
        RtmIndexVector& v = m_lists[l.m_w & ~RtmSlotList::kPooled];
        v.Erase(pos);
        if (v.size() <= 1 && (v.empty() || v[0] < RtmSlotList::kPooled))
        {
            uint32_t rest = v.empty() ? RtmSlotList::kEmpty : v[0];
            Release(l);
            l.m_w = rest;
        }
    }

    /// \return the number of pooled lists
    uint32_t PooledCount() const
    {
        return m_live;
    }

    /// \return true if \p l is pooled exactly when it must be, with a live entry (for checks)
    bool IsNormal(const RtmSlotList& l) const
    {
        if (!IsPooled(l))
        {
            return true;
        }
        uint32_t i = l.m_w & ~RtmSlotList::kPooled;
        if (i >= m_lists.Size())
        {
            return false;
        }
        const RtmIndexVector& v = m_lists[i];
        return v.size() >= 2 || (v.size() == 1 && v[0] >= RtmSlotList::kPooled);
    }

    /// \return true if \p l is a pooled list (for checks)
    static bool IsPooled(const RtmSlotList& l)
    {
        return l.m_w != RtmSlotList::kEmpty && l.m_w >= RtmSlotList::kPooled;
    }

    /// \return heap bytes of the pool and its lists
    std::size_t MemoryBytes() const
    {
        std::size_t bytes = m_lists.MemoryBytes() + m_free.capacity() * sizeof(uint32_t);
        for (uint32_t i = 0; i < m_lists.Size(); ++i)
        {
            bytes += m_lists[i].HeapBytes();
        }
        return bytes;
    }

  private:
    /// \return the pooled vector of \p l, made pooled if it is not
    RtmIndexVector& Pooled(RtmSlotList& l)
    {
        if (!IsPooled(l))
        {
            uint32_t i;
            if (!m_free.empty())
            {
                i = m_free.back();
                m_free.pop_back();
            }
            else
            {
                i = m_lists.Size();
                m_lists.Grow();
            }
            ++m_live;
            l.m_w = RtmSlotList::kPooled | i;
        }
        return m_lists[l.m_w & ~RtmSlotList::kPooled];
    }

    /// Free the pool entry of \p l, if any (the list is left empty).
    void Release(RtmSlotList& l)
    {
        if (IsPooled(l))
        {
            uint32_t i = l.m_w & ~RtmSlotList::kPooled;
            m_lists[i] = RtmIndexVector();
            m_free.push_back(i);
            --m_live;
        }
        l.m_w = RtmSlotList::kEmpty;
    }

    RtmSegmentedArray<RtmIndexVector> m_lists; //!< the pooled lists
    std::vector<uint32_t> m_free;              //!< free entries
    uint32_t m_live{0};                        //!< pooled lists
};

} // namespace ns3

#endif /* RTM_INDEX_VECTOR_H */
