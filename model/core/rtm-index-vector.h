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
 */
#ifndef RTM_INDEX_VECTOR_H
#define RTM_INDEX_VECTOR_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

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

} // namespace ns3

#endif /* RTM_INDEX_VECTOR_H */
