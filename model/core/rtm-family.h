/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Address-family traits (RtmIpv4Family, RtmIpv6Family) and key operations: the table, its trie and
 * the FIB are templates over them. A key is the address as an unsigned integer whose most
 * significant bit is the address's first bit; a prefix is its top `len` bits, the rest zero.
 */
#ifndef RTM_FAMILY_H
#define RTM_FAMILY_H

#include "rtm-net-address.h"

#include <cstdint>

/**
 * \file
 * \ingroup rtm
 * Address-family traits. The table, its index and its lookup structure are written once as
 * templates over these traits: a key is the address as an unsigned integer whose most significant
 * bit is the first bit of the address (uint32_t for IPv4, unsigned __int128 for IPv6). Bit i of a
 * key counts from the most significant end, so prefix bits are the top `len` bits.
 */

namespace ns3
{

/// IPv4 traits.
struct RtmIpv4Family
{
    typedef uint32_t Key;                        //!< the address as an integer
    static constexpr uint16_t kBits = 32;        //!< width in bits
    static constexpr uint16_t kAf = RTM_AF_INET; //!< address family value
};

/// IPv6 traits.
struct RtmIpv6Family
{
    __extension__ typedef unsigned __int128 Key;  //!< the address as an integer (__extension__:
                                                  //!< no -Wpedantic warning in ns-3 trees)
    static constexpr uint16_t kBits = 128;        //!< width in bits
    static constexpr uint16_t kAf = RTM_AF_INET6; //!< address family value
};

/**
 * \brief Key operations of a family.
 * \tparam F RtmIpv4Family or RtmIpv6Family
 */
template <typename F>
struct RtmKeyOps
{
    typedef typename F::Key Key; //!< key type

    /// \return the mask of the top \p len bits
    static Key Mask(uint32_t len)
    {
        return len == 0 ? Key(0) : static_cast<Key>(~Key(0) << (F::kBits - len));
    }

    /// \return \p key with every bit beyond \p len cleared
    static Key Prefix(Key key, uint32_t len)
    {
        return key & Mask(len);
    }

    /// \return bit \p i of \p key, counting from the most significant (i < kBits)
    static uint32_t Bit(Key key, uint32_t i)
    {
        return static_cast<uint32_t>((key >> (F::kBits - 1 - i)) & 1);
    }

    /// \return the length of the common leading bits of \p a and \p b (kBits if equal)
    static uint32_t CommonLength(Key a, Key b)
    {
        Key x = a ^ b;
        if (x == 0)
        {
            return F::kBits;
        }
        uint32_t n = 0;
        if constexpr (F::kBits == 128)
        {
            uint64_t hi = static_cast<uint64_t>(x >> 64);
            if (hi != 0)
            {
                return static_cast<uint32_t>(__builtin_clzll(hi));
            }
            n = 64;
            return n + static_cast<uint32_t>(__builtin_clzll(static_cast<uint64_t>(x)));
        }
        else
        {
            return static_cast<uint32_t>(__builtin_clz(x));
        }
    }

    /// \return true if prefix (\p ak, \p al) comes before (\p bk, \p bl) in address order (by
    /// key, then by length)
    static bool Before(Key ak, uint32_t al, Key bk, uint32_t bl)
    {
        return ak < bk || (ak == bk && al < bl);
    }

    /// \return true if prefix (\p pkey, \p plen) covers the address \p key
    static bool Covers(Key pkey, uint32_t plen, Key key)
    {
        return Prefix(key, plen) == pkey;
    }

    /// \return the key of the address bytes of \p a (its family is not checked)
    static Key FromNetAddress(const RtmNetAddress& a)
    {
        Key k = 0;
        for (uint32_t i = 0; i < F::kBits / 8; ++i)
        {
            k = static_cast<Key>((k << 8) | a.addrBits[i]);
        }
        return k;
    }

    /// \return the RtmNetAddress of prefix (\p key, \p len)
    static RtmNetAddress ToNetAddress(Key key, uint32_t len)
    {
        RtmNetAddress a;
        a.addressFamily = F::kAf;
        a.numBits = static_cast<uint16_t>(len);
        for (uint32_t i = 0; i < F::kBits / 8; ++i)
        {
            a.addrBits[i] = static_cast<uint8_t>(key >> (F::kBits - 8 - 8 * i));
        }
        return a;
    }
};

} // namespace ns3

#endif /* RTM_FAMILY_H */
