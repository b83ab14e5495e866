/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPrefixIndex: the ordered index of a table's destinations.
 *
 * The index keeps no records of its own (decision 36): the owner's records (the table's
 * destinations) hold each prefix's key and length, and the index names a prefix by its owner's
 * 32-bit id (the destination slot), reading key and length through the accessor K (KeyOf,
 * LenOf). Two parts (decision 33):
 *  - the exact-match hash (decisions 29, 39): an open-addressing table (linear probing,
 *    power-of-two capacity) maps (key, len) to its id, so Find costs one probe sequence. An entry
 *    is 32 bits: id + 2 in its low m_idBits bits (widened, in place, when an id needs more), the
 *    top bits of the prefix's 64-bit hash above them (its tag: 12 bits for a million ids); 0 is
 *    a free slot, 1 a tombstone. The home slot is the hash's low bits, which the entry does not
 *    keep: deletion leaves a tombstone (no record read), and growing, shrinking and clearing the
 *    tombstones rebuild the hash from the ordered sequence, which holds every key and length
 *    (sequential reads, no record read). Free slots and tombstones together stay above 1/4 of the
 *    slots (rebuilt at the same size when tombstones fill it, doubled when the entries need it,
 *    halved below 1/8 full). A probe reads a record (the destination the caller wants anyway)
 *    only when a tag matches;
 *  - the order: a sorted sequence of (key, len, record) entries in address order (by key, then by
 *    length, ascending) cut into blocks of at most kBlock entries, with a directory holding each
 *    block's first entry. Insert and erase: a binary search of the directory (a few kB, cached),
 *    one of the block, and a move of at most kBlock entries inside it: two or three cache misses
 *    where the binary trie this replaces walked about 20 nodes for a full IPv4 table. A full
 *    block splits in two (at the end: a new block, so loading in address order fills blocks);
 *    a block that falls below a quarter merges with a neighbour when both fit in 3/4 of a block;
 *    an empty block goes. Enumeration (First, Next, LowerBound, Scan) walks the sequence; the
 *    table's FIBs read their prefixes with Scan instead of keeping a copy (decision 35).
 * Longest matches probe the hash once per prefix length in use, longest first (a full IPv4 table
 * uses about 25 lengths; the answer is usually among the first few).
 * Invariants (Check): the sequence is strictly increasing and each entry's (key, len) is that of
 * its id's record; the directory holds each block's first entry; no block is empty; the hash
 * holds exactly the ids of the sequence, each once, under the tag of its record's (key, len),
 * and counts its tombstones;
 * the per-length counts are those of the sequence. (That every live record of the owner is
 * stored is the owner's to check: RtmTable::CheckIndex.)
 */
#ifndef RTM_PREFIX_INDEX_H
#define RTM_PREFIX_INDEX_H

#include "rtm-family.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Prefixes in address order with an exact-match hash and longest-match queries.
 * \tparam F address family traits
 * \tparam K the owner's record accessor: Key KeyOf(uint32_t id) const and
 * uint32_t LenOf(uint32_t id) const, valid for every stored id
 */
template <typename F, typename K>
class RtmPrefixIndex
{
  public:
    typedef typename F::Key Key;                  //!< key type
    typedef RtmKeyOps<F> Ops;                     //!< key operations
    static constexpr uint32_t kNone = 0xFFFFFFFF; //!< no id
    /// Entries per block of the order: about 1.5 kB of IPv4 entries, 2 kB of IPv6 ones.
    static constexpr uint32_t kBlock = F::kBits == 32 ? 128 : 64;

    /// \param keys the accessor of the owner's records
    explicit RtmPrefixIndex(const K& keys)
        : m_keys(keys)
    {
    }

    /// \return the id storing exactly (key, len), or kNone (one probe of the exact-match hash)
    uint32_t Find(Key key, uint32_t len) const
    {
        if (m_hash.empty())
        {
            return kNone;
        }
        uint64_t h = Mix(key, len);
        uint32_t idMask = IdMask();
        uint32_t tag = TagOf(h) & ~idMask;
        for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask)
        {
            uint32_t e = m_hash[i];
            if (e == kEmpty)
            {
                return kNone;
            }
            if (e != kTomb && (e & ~idMask) == tag)
            {
                uint32_t n = (e & idMask) - 2;
                if (m_keys.KeyOf(n) == key && m_keys.LenOf(n) == len)
                {
                    return n;
                }
            }
        }
    }

    /**
     * \brief Store the prefix of record \p n (its key and length as the accessor reads them). The
     * prefix must not be stored yet.
     * \param n the owner's id
     */
    void Insert(uint32_t n)
    {
        Key key = m_keys.KeyOf(n);
        uint32_t len = m_keys.LenOf(n);
        HashInsert(n, key, len);
        OrderInsert(Entry{key, n, static_cast<uint8_t>(len)});
        if (m_lenCount.empty())
        {
            m_lenCount.assign(F::kBits + 1, 0);
        }
        ++m_lenCount[len];
    }

    /// An entry of the ordered sequence.
    struct Entry
    {
        Key key;       //!< prefix bits
        uint32_t node; //!< its id
        uint8_t len;   //!< prefix length
    };

    /**
     * \brief Call \p fn on the entries from the first whose key is >= \p key, in address order,
     * until it returns false or the sequence ends.
     * \param key the first prefix bits
     * \param fn a callable taking (const Entry&) and returning bool (continue)
     */
    template <typename Fn>
    void Scan(Key key, Fn fn) const
    {
        if (m_blocks.empty())
        {
            return;
        }
        Entry want{key, 0, 0};
        std::size_t b = BlockOf(want);
        const Block* blk = m_blocks[b].get();
        std::size_t i = std::lower_bound(blk->e, blk->e + blk->count, want, LessFn()) - blk->e;
        while (true)
        {
            for (; i < blk->count; ++i)
            {
                if (!fn(blk->e[i]))
                {
                    return;
                }
            }
            if (++b == m_blocks.size())
            {
                return;
            }
            blk = m_blocks[b].get();
            i = 0;
        }
    }

    /// Remove the prefix of stored id \p n (its record must still give its key and length).
    void Erase(uint32_t n)
    {
        Key key = m_keys.KeyOf(n);
        uint32_t len = m_keys.LenOf(n);
        OrderErase(Entry{key, n, static_cast<uint8_t>(len)});
        HashErase(n, key, len); // after: a shrinking hash is rebuilt from the order
        --m_lenCount[len];
        if (m_hashCount == 0)
        {
            // An empty index keeps nothing: the counts and the order's vectors go.
            std::vector<uint32_t>().swap(m_lenCount);
            std::vector<std::unique_ptr<Block>>().swap(m_blocks);
            std::vector<Entry>().swap(m_first);
        }
    }

    /// \return the id of the first prefix in address order, or kNone
    uint32_t First() const
    {
        return m_blocks.empty() ? kNone : m_blocks[0]->e[0].node;
    }

    /// \return the id of the prefix after that of stored id \p n in address order, or kNone
    uint32_t Next(uint32_t n) const
    {
        Entry want{m_keys.KeyOf(n), n, static_cast<uint8_t>(m_keys.LenOf(n))};
        std::size_t b = BlockOf(want);
        const Block& blk = *m_blocks[b];
        std::size_t i = std::lower_bound(blk.e, blk.e + blk.count, want, LessFn()) - blk.e;
        return EntryAt(b, i + 1);
    }

    /// \return the id of the first prefix whose (key, len) is >= (key, len) in address order
    uint32_t LowerBound(Key key, uint32_t len) const
    {
        if (m_blocks.empty())
        {
            return kNone;
        }
        Entry want{key, 0, static_cast<uint8_t>(len)};
        std::size_t b = BlockOf(want);
        const Block& blk = *m_blocks[b];
        std::size_t i = std::lower_bound(blk.e, blk.e + blk.count, want, LessFn()) - blk.e;
        return EntryAt(b, i);
    }

    /**
     * \brief The longest stored prefix of length <= \p len covering \p key for which
     * \p accept(id) holds: one hash probe per prefix length in use, longest first.
     * \return the id, or kNone
     */
    template <typename Pred>
    uint32_t Longest(Key key, uint32_t len, Pred accept) const
    {
        if (m_hash.empty())
        {
            return kNone;
        }
        for (uint32_t l = len + 1; l-- > 0;)
        {
            if (m_lenCount[l] == 0)
            {
                continue;
            }
            uint32_t n = Find(Ops::Prefix(key, l), l);
            if (n != kNone && accept(n))
            {
                return n;
            }
        }
        return kNone;
    }

    /// \return the number of stored prefixes
    std::size_t NodeCount() const
    {
        return m_hashCount;
    }

    /// \return heap bytes (ordered blocks, directory, per-length counts and hash)
    std::size_t MemoryBytes() const
    {
        return OrderBytes() + HashBytes();
    }

    /// \return heap bytes of the ordered blocks and their directory
    std::size_t OrderBytes() const
    {
        return m_blocks.size() * sizeof(Block) +
               m_blocks.capacity() * sizeof(std::unique_ptr<Block>) +
               m_first.capacity() * sizeof(Entry) + m_lenCount.capacity() * sizeof(uint32_t);
    }

    /// \return the number of blocks of the ordered sequence
    std::size_t BlockCount() const
    {
        return m_blocks.size();
    }

    /// \return heap bytes of the exact-match hash
    std::size_t HashBytes() const
    {
        return m_hash.capacity() * sizeof(uint32_t);
    }

    /**
     * \brief Verify the invariants of the file comment.
     * \return true if they hold
     */
    bool Check() const
    {
        if (m_first.size() != m_blocks.size())
        {
            return false;
        }
        std::size_t entries = 0;
        uint32_t lenCount[F::kBits + 1] = {};
        const Entry* last = nullptr;
        for (std::size_t b = 0; b < m_blocks.size(); ++b)
        {
            const Block& blk = *m_blocks[b];
            if (blk.count == 0 || blk.count > kBlock || !Same(m_first[b], blk.e[0]))
            {
                return false;
            }
            for (uint32_t i = 0; i < blk.count; ++i)
            {
                const Entry& y = blk.e[i];
                if (last != nullptr && !Less(*last, y))
                {
                    return false; // not in address order
                }
                last = &y;
                if (m_keys.KeyOf(y.node) != y.key || m_keys.LenOf(y.node) != y.len ||
                    Ops::Prefix(y.key, y.len) != y.key || Find(y.key, y.len) != y.node)
                {
                    return false;
                }
                ++entries;
                ++lenCount[y.len];
            }
        }
        if (entries != m_hashCount ||
            (m_lenCount.empty()
                 ? entries != 0
                 : !std::equal(lenCount, lenCount + F::kBits + 1, m_lenCount.begin())))
        {
            return false;
        }
        std::size_t hashed = 0;
        std::size_t tombs = 0;
        uint32_t idMask = IdMask();
        for (std::size_t i = 0; i < m_hash.size(); ++i)
        {
            uint32_t e = m_hash[i];
            if (e == kEmpty || e == kTomb)
            {
                tombs += e == kTomb;
                continue;
            }
            ++hashed;
            uint32_t n = (e & idMask) - 2;
            if ((e & ~idMask) != (TagOf(Mix(m_keys.KeyOf(n), m_keys.LenOf(n))) & ~idMask) ||
                Find(m_keys.KeyOf(n), m_keys.LenOf(n)) != n)
            {
                return false;
            }
        }
        return hashed == m_hashCount && tombs == m_tombs &&
               (m_hash.empty() || ((m_hashCount + m_tombs) * 4 <= m_hash.size() * 3));
    }

  private:
    /// A block of the ordered sequence.
    struct Block
    {
        uint32_t count{0}; //!< entries in use
        Entry e[kBlock];   //!< the entries, strictly increasing
    };

    /// \return true if \p a comes before \p b in address order
    static bool Less(const Entry& a, const Entry& b)
    {
        return Ops::Before(a.key, a.len, b.key, b.len);
    }

    /// Less as a function object (inlined by the standard algorithms, where a pointer is not).
    struct LessFn
    {
        /// \return Less(a, b)
        bool operator()(const Entry& a, const Entry& b) const
        {
            return Less(a, b);
        }
    };

    /// \return true if \p a and \p b are the same prefix of the same id
    static bool Same(const Entry& a, const Entry& b)
    {
        return a.key == b.key && a.len == b.len && a.node == b.node;
    }

    /// \return the block that holds, or would hold, \p x (the last whose first entry is <= x)
    std::size_t BlockOf(const Entry& x) const
    {
        std::size_t b =
            std::upper_bound(m_first.begin(), m_first.end(), x, LessFn()) - m_first.begin();
        return b == 0 ? 0 : b - 1;
    }

    /// \return the record of entry \p i of block \p b (the next block's first past its end)
    uint32_t EntryAt(std::size_t b, std::size_t i) const
    {
        if (i < m_blocks[b]->count)
        {
            return m_blocks[b]->e[i].node;
        }
        return b + 1 < m_blocks.size() ? m_blocks[b + 1]->e[0].node : kNone;
    }

    /// Insert \p x (absent) into the ordered sequence.
    void OrderInsert(const Entry& x)
    {
        if (m_blocks.empty())
        {
            m_blocks.emplace_back(new Block);
            m_first.push_back(x);
            m_blocks[0]->e[0] = x;
            m_blocks[0]->count = 1;
            return;
        }
        std::size_t b = BlockOf(x);
        Block* blk = m_blocks[b].get();
        std::size_t i = std::lower_bound(blk->e, blk->e + blk->count, x, LessFn()) - blk->e;
        if (blk->count == kBlock)
        {
            // Split: at the end a new block of its own (loads in address order fill blocks),
            // elsewhere the upper half moves to a new block.
            std::size_t keep = i == kBlock ? kBlock : kBlock / 2;
            std::unique_ptr<Block> upper(new Block);
            upper->count = kBlock - keep;
            std::copy(blk->e + keep, blk->e + kBlock, upper->e);
            blk->count = keep;
            if (i >= keep)
            {
                i -= keep;
                blk = upper.get();
            }
            Entry first = upper->count > 0 ? upper->e[0] : x;
            m_blocks.insert(m_blocks.begin() + b + 1, std::move(upper));
            m_first.insert(m_first.begin() + b + 1, first);
            if (blk != m_blocks[b].get())
            {
                ++b;
            }
        }
        std::copy_backward(blk->e + i, blk->e + blk->count, blk->e + blk->count + 1);
        blk->e[i] = x;
        ++blk->count;
        if (i == 0)
        {
            m_first[b] = x;
        }
    }

    /// Remove \p x (present) from the ordered sequence.
    void OrderErase(const Entry& x)
    {
        std::size_t b = BlockOf(x);
        Block* blk = m_blocks[b].get();
        std::size_t i = std::lower_bound(blk->e, blk->e + blk->count, x, LessFn()) - blk->e;
        std::copy(blk->e + i + 1, blk->e + blk->count, blk->e + i);
        --blk->count;
        if (blk->count == 0)
        {
            m_blocks.erase(m_blocks.begin() + b);
            m_first.erase(m_first.begin() + b);
            return;
        }
        m_first[b] = blk->e[0];
        if (blk->count >= kBlock / 4)
        {
            return;
        }
        // Merge with a neighbour when both fit in 3/4 of a block (the right one into the left).
        if (b + 1 < m_blocks.size() && MergeRight(b))
        {
            return;
        }
        if (b > 0)
        {
            MergeRight(b - 1);
        }
    }

    /// Move block \p b + 1 into block \p b if both fit in 3/4 of a block. \return true if done
    bool MergeRight(std::size_t b)
    {
        Block& l = *m_blocks[b];
        Block& r = *m_blocks[b + 1];
        if (l.count + r.count > kBlock * 3 / 4)
        {
            return false;
        }
        std::copy(r.e, r.e + r.count, l.e + l.count);
        l.count += r.count;
        m_blocks.erase(m_blocks.begin() + b + 1);
        m_first.erase(m_first.begin() + b + 1);
        return true;
    }

    static constexpr uint32_t kEmpty = 0;       //!< a free hash entry
    static constexpr uint32_t kTomb = 1;        //!< an erased hash entry (probes go on past it)
    static constexpr std::size_t kMinHash = 16; //!< smallest hash capacity

    /// \return a 64-bit mix of (key, len): its low bits give the home slot, its top bits the tag
    static uint64_t Mix(Key key, uint32_t len)
    {
        uint64_t x = static_cast<uint64_t>(key);
        if constexpr (sizeof(Key) > 8)
        {
            x ^= static_cast<uint64_t>(key >> 64) * 0xC2B2AE3D27D4EB4Full;
        }
        x = (x ^ (uint64_t(len) << 57) ^ len) * 0x9E3779B97F4A7C15ull;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 29;
        return x;
    }

    /// \return the tag bits of mix \p h (its top 32; an entry keeps those above IdMask())
    static uint32_t TagOf(uint64_t h)
    {
        return static_cast<uint32_t>(h >> 32);
    }

    /// \return the mask of an entry's id bits
    uint32_t IdMask() const
    {
        return m_idBits >= 32 ? ~uint32_t(0) : (uint32_t(1) << m_idBits) - 1;
    }

    /// Put id \p n of mix \p h into the first free or erased slot of its probe sequence.
    void HashPut(uint32_t n, uint64_t h)
    {
        std::size_t i = h & m_mask;
        while (m_hash[i] != kEmpty && m_hash[i] != kTomb)
        {
            i = (i + 1) & m_mask;
        }
        m_tombs -= m_hash[i] == kTomb;
        uint32_t idMask = IdMask();
        m_hash[i] = (TagOf(h) & ~idMask) | (n + 2);
    }

    /// Rebuild the hash with \p capacity slots (a power of two) from the ordered sequence.
    void Rehash(std::size_t capacity)
    {
        m_hash.assign(capacity, kEmpty);
        m_hash.shrink_to_fit();
        m_mask = capacity - 1;
        m_tombs = 0;
        for (const auto& blk : m_blocks)
        {
            for (uint32_t i = 0; i < blk->count; ++i)
            {
                HashPut(blk->e[i].node, Mix(blk->e[i].key, blk->e[i].len));
            }
        }
    }

    /// Widen the entries' id bits so that id \p n fits (the tags lose their low bits, in place).
    void WidenIds(uint32_t n)
    {
        uint32_t bits = m_idBits;
        while (bits < 32 && uint64_t(n) + 2 > ((uint64_t(1) << bits) - 1))
        {
            ++bits;
        }
        uint32_t oldMask = IdMask();
        m_idBits = bits;
        uint32_t idMask = IdMask();
        for (uint32_t& e : m_hash)
        {
            if (e != kEmpty && e != kTomb)
            {
                e = (e & ~idMask) | (e & oldMask);
            }
        }
    }

    /// Enter id \p n of prefix (key, len) into the hash (the order does not hold it yet).
    void HashInsert(uint32_t n, Key key, uint32_t len)
    {
        if (uint64_t(n) + 2 > IdMask())
        {
            WidenIds(n);
        }
        if ((m_hashCount + m_tombs + 1) * 4 > m_hash.size() * 3)
        {
            // Double when the entries need it, else clear the tombstones at the same size.
            std::size_t cap = m_hash.empty() ? kMinHash : m_hash.size();
            Rehash((m_hashCount + 1) * 2 > cap ? cap * 2 : cap);
        }
        HashPut(n, Mix(key, len));
        ++m_hashCount;
    }

    /// Remove id \p n of prefix (key, len) from the hash (a tombstone; halved below 1/8 full,
    /// from the order, which no longer holds it).
    void HashErase(uint32_t n, Key key, uint32_t len)
    {
        uint64_t h = Mix(key, len);
        uint32_t idMask = IdMask();
        std::size_t i = h & m_mask;
        while (m_hash[i] == kEmpty || m_hash[i] == kTomb || (m_hash[i] & idMask) != n + 2)
        {
            i = (i + 1) & m_mask;
        }
        m_hash[i] = kTomb;
        ++m_tombs;
        --m_hashCount;
        if (m_hashCount == 0)
        {
            std::vector<uint32_t>().swap(m_hash);
            m_mask = 0;
            m_tombs = 0;
        }
        else if (m_hash.size() > kMinHash && m_hashCount * 8 < m_hash.size())
        {
            Rehash(m_hash.size() / 2);
        }
    }

    K m_keys;                                     //!< the owner's records (key, length)
    std::vector<std::unique_ptr<Block>> m_blocks; //!< the ordered sequence, in blocks
    std::vector<Entry> m_first;                   //!< first entry of each block
    std::vector<uint32_t> m_lenCount;             //!< stored prefixes per length
    std::vector<uint32_t> m_hash; //!< exact-match hash: tag bits | (id + 2), kEmpty or kTomb
    std::size_t m_mask{0};        //!< hash capacity - 1
    std::size_t m_hashCount{0};   //!< stored prefixes (= live hash entries)
    std::size_t m_tombs{0};       //!< tombstones in the hash
    uint32_t m_idBits{16};        //!< low bits of an entry holding id + 2
};

} // namespace ns3

#endif /* RTM_PREFIX_INDEX_H */
