/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmIndexVector: a vector of uint32_t slot indices that keeps one element inline.
 *
 * Most destinations have one route and most routes one next hop, so the common case needs no
 * heap block at all; larger sets move to a heap array that grows by doubling.
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
 * \brief A small vector of uint32_t with one inline element (16 bytes; heap only beyond one).
 */
class RtmIndexVector
{
  public:
    RtmIndexVector() = default;

    ~RtmIndexVector()
    {
        if (m_cap > 1)
        {
            delete[] m_u.heap;
        }
    }

    /// Copy.
    RtmIndexVector(const RtmIndexVector& o)
    {
        Assign(o.data(), o.m_size);
    }

    /// Move.
    RtmIndexVector(RtmIndexVector&& o) noexcept
        : m_u(o.m_u),
          m_size(o.m_size),
          m_cap(o.m_cap)
    {
        o.m_size = 0;
        o.m_cap = 1;
    }

    /// Copy-assign.
    RtmIndexVector& operator=(const RtmIndexVector& o)
    {
        if (this != &o)
        {
            Assign(o.data(), o.m_size);
        }
        return *this;
    }

    /// Move-assign.
    RtmIndexVector& operator=(RtmIndexVector&& o) noexcept
    {
        if (this != &o)
        {
            this->~RtmIndexVector();
            m_u = o.m_u;
            m_size = o.m_size;
            m_cap = o.m_cap;
            o.m_size = 0;
            o.m_cap = 1;
        }
        return *this;
    }

    /// \return the number of elements
    uint32_t size() const
    {
        return m_size;
    }

    /// \return true if empty
    bool empty() const
    {
        return m_size == 0;
    }

    /// \return the elements
    uint32_t* data()
    {
        return m_cap > 1 ? m_u.heap : &m_u.one;
    }

    /// \return the elements
    const uint32_t* data() const
    {
        return m_cap > 1 ? m_u.heap : &m_u.one;
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
        return data() + m_size;
    }

    /// Replace the contents with \p n elements from \p src.
    void Assign(const uint32_t* src, uint32_t n)
    {
        uint32_t tmp = n == 1 ? src[0] : 0;
        if (n > m_cap)
        {
            uint32_t* block = new uint32_t[n];
            std::memcpy(block, src, n * sizeof(uint32_t));
            Release();
            m_u.heap = block;
            m_cap = n;
        }
        else if (n == 1 && m_cap == 1)
        {
            m_u.one = tmp;
        }
        else if (n > 0)
        {
            std::memmove(data(), src, n * sizeof(uint32_t));
        }
        m_size = n;
    }

    /// Insert \p v before position \p pos.
    void Insert(uint32_t pos, uint32_t v)
    {
        if (m_size == m_cap)
        {
            uint32_t cap = m_cap * 2;
            uint32_t* block = new uint32_t[cap];
            std::memcpy(block, data(), m_size * sizeof(uint32_t));
            Release();
            m_u.heap = block;
            m_cap = cap;
        }
        uint32_t* d = data();
        std::memmove(d + pos + 1, d + pos, (m_size - pos) * sizeof(uint32_t));
        d[pos] = v;
        ++m_size;
    }

    /// Remove the element at \p pos.
    void Erase(uint32_t pos)
    {
        uint32_t* d = data();
        std::memmove(d + pos, d + pos + 1, (m_size - pos - 1) * sizeof(uint32_t));
        --m_size;
    }

    /// \return the position of \p v, or size() if absent
    uint32_t Find(uint32_t v) const
    {
        const uint32_t* d = data();
        for (uint32_t i = 0; i < m_size; ++i)
        {
            if (d[i] == v)
            {
                return i;
            }
        }
        return m_size;
    }

    /// \return heap bytes owned
    std::size_t HeapBytes() const
    {
        return m_cap > 1 ? m_cap * sizeof(uint32_t) : 0;
    }

  private:
    /// Free the heap block, back to inline storage.
    void Release()
    {
        if (m_cap > 1)
        {
            delete[] m_u.heap;
        }
        m_cap = 1;
    }

    union {
        uint32_t one;   //!< the inline element (m_cap == 1)
        uint32_t* heap; //!< the heap block (m_cap > 1)
    } m_u{};            //!< storage

    uint32_t m_size{0}; //!< elements
    uint32_t m_cap{1};  //!< capacity (1: inline)
};

} // namespace ns3

#endif /* RTM_INDEX_VECTOR_H */
