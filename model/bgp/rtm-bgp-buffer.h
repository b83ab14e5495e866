/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpWriter / RtmBgpReader: bounds-checked big-endian writing and reading of BGP messages
 * (a read past the end fails and is reported, never reads outside the buffer).
 */
#ifndef RTM_BGP_BUFFER_H
#define RTM_BGP_BUFFER_H

#include <cstddef>
#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup rtm
 * Bounds-checked big-endian reading and writing of BGP wire formats. A reader never reads past
 * its end: a read that does not fit returns false and leaves the value untouched, so a parser
 * can turn every truncation into a counted error instead of undefined behaviour.
 */

namespace ns3
{

/// Big-endian writer appending to a byte vector.
class RtmBgpWriter
{
  public:
    /// \param out the vector appended to
    explicit RtmBgpWriter(std::vector<uint8_t>& out)
        : m_out(out)
    {
    }

    /// \param v the byte
    void U8(uint8_t v)
    {
        m_out.push_back(v);
    }

    /// \param v the 16-bit value
    void U16(uint16_t v)
    {
        m_out.push_back(static_cast<uint8_t>(v >> 8));
        m_out.push_back(static_cast<uint8_t>(v));
    }

    /// \param v the 32-bit value
    void U32(uint32_t v)
    {
        U16(static_cast<uint16_t>(v >> 16));
        U16(static_cast<uint16_t>(v));
    }

    /// \param data the bytes \param n how many
    void Bytes(const uint8_t* data, std::size_t n)
    {
        m_out.insert(m_out.end(), data, data + n);
    }

    /// \return the current size (a position for Patch16)
    std::size_t Size() const
    {
        return m_out.size();
    }

    /// Overwrite the 16-bit value at \p pos. \param pos position \param v value
    void Patch16(std::size_t pos, uint16_t v)
    {
        m_out[pos] = static_cast<uint8_t>(v >> 8);
        m_out[pos + 1] = static_cast<uint8_t>(v);
    }

  private:
    std::vector<uint8_t>& m_out; //!< destination
};

/// Big-endian bounds-checked reader over a byte range.
class RtmBgpReader
{
  public:
    /// \param data the bytes \param size how many
    RtmBgpReader(const uint8_t* data, std::size_t size)
        : m_data(data),
          m_size(size)
    {
    }

    /// \return bytes left
    std::size_t Left() const
    {
        return m_size - m_pos;
    }

    /// \return the current position
    std::size_t Pos() const
    {
        return m_pos;
    }

    /// \return a pointer to the current position
    const uint8_t* Here() const
    {
        return m_data + m_pos;
    }

    /// \param[out] v the byte \return false if none is left
    bool U8(uint8_t& v)
    {
        if (Left() < 1)
        {
            return false;
        }
        v = m_data[m_pos++];
        return true;
    }

    /// \param[out] v the value \return false if it does not fit
    bool U16(uint16_t& v)
    {
        if (Left() < 2)
        {
            return false;
        }
        v = static_cast<uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
        m_pos += 2;
        return true;
    }

    /// \param[out] v the value \return false if it does not fit
    bool U32(uint32_t& v)
    {
        if (Left() < 4)
        {
            return false;
        }
        v = (uint32_t(m_data[m_pos]) << 24) | (uint32_t(m_data[m_pos + 1]) << 16) |
            (uint32_t(m_data[m_pos + 2]) << 8) | uint32_t(m_data[m_pos + 3]);
        m_pos += 4;
        return true;
    }

    /// \param n bytes to skip \return false if fewer are left (nothing skipped)
    bool Skip(std::size_t n)
    {
        if (Left() < n)
        {
            return false;
        }
        m_pos += n;
        return true;
    }

  private:
    const uint8_t* m_data; //!< the bytes
    std::size_t m_size;    //!< their number
    std::size_t m_pos{0};  //!< read position
};

} // namespace ns3

#endif /* RTM_BGP_BUFFER_H */
