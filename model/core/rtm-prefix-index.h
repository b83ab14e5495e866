/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPrefixIndex: the ordered index of a table's destinations.
 *
 * Three parts (decision 33):
 *  - prefix records: one record per stored prefix (key, length, the 32-bit value: the destination
 *    slot), addressed by a record index that stays the same until the prefix is erased (the
 *    table keeps it in its destination record; At() gives its key and length);
 *  - the exact-match hash (decision 29): an open-addressing table (linear probing, power-of-two
 *    capacity, at most 3/4 full, halved below 1/8) maps (key, len) to its record, so Find and the
 *    "find" half of FindOrInsert cost one probe sequence. An entry is 64 bits: the low 32 bits of
 *    the prefix's hash (its tag) above the record index; the home slot is tag & mask, so growing,
 *    shrinking and backward-shift deletion need no record reads, and a probe reads a record only
 *    when a tag matches;
 *  - the order: a sorted sequence of (key, len, record) entries in address order (by key, then by
 *    length, ascending) cut into blocks of at most kBlock entries, with a directory holding each
 *    block's first entry. Insert and erase: a binary search of the directory (a few kB, cached),
 *    one of the block, and a move of at most kBlock entries inside it: two or three cache misses
 *    where the binary trie this replaces walked about 20 nodes for a full IPv4 table. A full
 *    block splits in two (at the end: a new block, so loading in address order fills blocks);
 *    a block that falls below a quarter merges with a neighbour when both fit in 3/4 of a block;
 *    an empty block goes. Enumeration (First, Next, LowerBound) walks the sequence.
 * Longest matches probe the hash once per prefix length in use, longest first (a full IPv4 table
 * uses about 25 lengths; the answer is usually among the first few).
 * Invariants (Check): the sequence is strictly increasing, holds exactly the live records, each
 * once; the directory holds each block's first entry; no block is empty; the hash holds exactly
 * the live records, each once, under the tag of its own (key, len); the per-length counts are
 * those of the live records.
 */
#ifndef RTM_PREFIX_INDEX_H
#define RTM_PREFIX_INDEX_H

#include "rtm-family.h"
#include "rtm-slab.h"

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
 */
template <typename F>
class RtmPrefixIndex
{
  public:
    typedef typename F::Key Key;                  //!< key type
    typedef RtmKeyOps<F> Ops;                     //!< key operations
    static constexpr uint32_t kNone = 0xFFFFFFFF; //!< no record / no value
    /// Entries per block of the order: about 1.5 kB of IPv4 entries, 2 kB of IPv6 ones.
    static constexpr uint32_t kBlock = F::kBits == 32 ? 128 : 64;

    /// A prefix record.
    struct Node
    {
        Key key;        //!< prefix bits (canonical)
        uint32_t value; //!< stored value, kNone while the record is free
        uint8_t len;    //!< prefix length
    };

    /// \return the record storing exactly (key, len), or kNone (one probe of the exact-match hash)
    uint32_t Find(Key key, uint32_t len) const
    {
        if (m_hash.empty())
        {
            return kNone;
        }
        uint32_t tag = Tag(key, len);
        for (std::size_t i = tag & m_mask;; i = (i + 1) & m_mask)
        {
            uint64_t e = m_hash[i];
            if (e == kEmpty)
            {
                return kNone;
            }
            if (static_cast<uint32_t>(e >> 32) == tag)
            {
                uint32_t n = static_cast<uint32_t>(e);
                const Node& x = m_nodes[n];
                if (x.key == key && x.len == len)
                {
                    return n;
                }
            }
        }
    }

    /**
     * \brief Store (key, len) with \p value. The prefix must not be stored yet.
     * \return the record now holding it
     */
    uint32_t Insert(Key key, uint32_t len, uint32_t value)
    {
        bool inserted;
        return FindOrInsert(key, len, value, inserted);
    }

    /**
     * \brief Find (key, len) or, when it is not stored, store it with \p value.
     * \param inserted set to true if the prefix was stored by this call
     * \return the record holding the prefix
     */
    uint32_t FindOrInsert(Key key, uint32_t len, uint32_t value, bool& inserted)
    {
        uint32_t found = Find(key, len);
        if (found != kNone)
        {
            inserted = false;
            return found;
        }
        inserted = true;
        uint32_t n = NewNode(key, len, value);
        HashInsert(n);
        OrderInsert(Entry{key, n, static_cast<uint8_t>(len)});
        if (m_lenCount.empty())
        {
            m_lenCount.assign(F::kBits + 1, 0);
        }
        ++m_lenCount[len];
        return n;
    }

    /// Remove the prefix of record \p n (a live record); the record is freed.
    void Erase(uint32_t n)
    {
        HashErase(n);
        Node& x = m_nodes[n];
        OrderErase(Entry{x.key, n, x.len});
        --m_lenCount[x.len];
        x.value = kNone;
        m_free.push_back(n);
        if (m_hashCount == 0)
        {
            // An empty index keeps only its records: the counts and the order's vectors go.
            std::vector<uint32_t>().swap(m_lenCount);
            std::vector<std::unique_ptr<Block>>().swap(m_blocks);
            std::vector<Entry>().swap(m_first);
        }
    }

    /// \return the value of record \p n
    uint32_t Value(uint32_t n) const
    {
        return m_nodes[n].value;
    }

    /// \param n a live record \param value its new value
    void SetValue(uint32_t n, uint32_t value)
    {
        m_nodes[n].value = value;
    }

    /// \return the record \p n
    const Node& At(uint32_t n) const
    {
        return m_nodes[n];
    }

    /// \return the record of the first prefix in address order, or kNone
    uint32_t First() const
    {
        return m_blocks.empty() ? kNone : m_blocks[0]->e[0].node;
    }

    /// \return the record of the prefix after that of record \p n in address order, or kNone
    uint32_t Next(uint32_t n) const
    {
        const Node& x = m_nodes[n];
        Entry want{x.key, n, x.len};
        std::size_t b = BlockOf(want);
        const Block& blk = *m_blocks[b];
        std::size_t i = std::lower_bound(blk.e, blk.e + blk.count, want, LessFn()) - blk.e;
        return EntryAt(b, i + 1);
    }

    /// \return the record of the first prefix whose (key, len) is >= (key, len) in address order
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
     * \p accept(value) holds: one hash probe per prefix length in use, longest first.
     * \return the record, or kNone
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
            if (n != kNone && accept(m_nodes[n].value))
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

    /// \return heap bytes (records, free list, ordered blocks, directory and hash)
    std::size_t MemoryBytes() const
    {
        return m_nodes.MemoryBytes() + m_free.capacity() * sizeof(uint32_t) + OrderBytes() +
               HashBytes();
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
        return m_hash.capacity() * sizeof(uint64_t);
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
                if (y.node >= m_nodes.Size() || m_nodes[y.node].value == kNone ||
                    m_nodes[y.node].key != y.key || m_nodes[y.node].len != y.len ||
                    Ops::Prefix(y.key, y.len) != y.key || Find(y.key, y.len) != y.node)
                {
                    return false;
                }
                ++entries;
            }
        }
        std::size_t live = 0;
        uint32_t lenCount[F::kBits + 1] = {};
        for (uint32_t n = 0; n < m_nodes.Size(); ++n)
        {
            if (m_nodes[n].value != kNone)
            {
                ++live;
                ++lenCount[m_nodes[n].len];
            }
        }
        if (entries != live || live != m_hashCount || live + m_free.size() != m_nodes.Size() ||
            (m_lenCount.empty()
                 ? live != 0
                 : !std::equal(lenCount, lenCount + F::kBits + 1, m_lenCount.begin())))
        {
            return false;
        }
        std::size_t hashed = 0;
        for (std::size_t i = 0; i < m_hash.size(); ++i)
        {
            uint64_t e = m_hash[i];
            if (e == kEmpty)
            {
                continue;
            }
            ++hashed;
            uint32_t n = static_cast<uint32_t>(e);
            if (n >= m_nodes.Size() || m_nodes[n].value == kNone ||
                static_cast<uint32_t>(e >> 32) != Tag(m_nodes[n].key, m_nodes[n].len))
            {
                return false;
            }
        }
        return hashed == m_hashCount && (m_hash.empty() || (m_hashCount * 4 <= m_hash.size() * 3));
    }

  private:
    /// An entry of the ordered sequence.
    struct Entry
    {
        Key key;       //!< prefix bits
        uint32_t node; //!< its record
        uint8_t len;   //!< prefix length
    };

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

    /// \return true if \p a and \p b are the same prefix of the same record
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

    /// \return a new record
    uint32_t NewNode(Key key, uint32_t len, uint32_t value)
    {
        uint32_t i;
        if (!m_free.empty())
        {
            i = m_free.back();
            m_free.pop_back();
        }
        else
        {
            i = m_nodes.Size();
            m_nodes.Grow();
        }
        Node& x = m_nodes[i];
        x.key = key;
        x.len = static_cast<uint8_t>(len);
        x.value = value;
        return i;
    }

    static constexpr uint64_t kEmpty = ~uint64_t(0); //!< a free hash entry
    static constexpr std::size_t kMinHash = 16;      //!< smallest hash capacity

    /// \return the hash tag of (key, len): the low 32 bits of a 64-bit mix of both
    static uint32_t Tag(Key key, uint32_t len)
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
        return static_cast<uint32_t>(x);
    }

    /// Put \p e (tag << 32 | node) into the first free slot of its probe sequence.
    void HashPut(uint64_t e)
    {
        std::size_t i = static_cast<uint32_t>(e >> 32) & m_mask;
        while (m_hash[i] != kEmpty)
        {
            i = (i + 1) & m_mask;
        }
        m_hash[i] = e;
    }

    /// Rebuild the hash with \p capacity slots (a power of two) from its own entries.
    void Rehash(std::size_t capacity)
    {
        std::vector<uint64_t> old;
        old.swap(m_hash);
        m_hash.assign(capacity, kEmpty);
        m_mask = capacity - 1;
        for (uint64_t e : old)
        {
            if (e != kEmpty)
            {
                HashPut(e);
            }
        }
    }

    /// Enter valued node \p n into the hash (growing it past 3/4 full).
    void HashInsert(uint32_t n)
    {
        if ((m_hashCount + 1) * 4 > m_hash.size() * 3)
        {
            Rehash(m_hash.empty() ? kMinHash : m_hash.size() * 2);
        }
        HashPut(uint64_t(Tag(m_nodes[n].key, m_nodes[n].len)) << 32 | n);
        ++m_hashCount;
    }

    /// Remove valued node \p n from the hash (backward-shift deletion; halved below 1/8 full).
    void HashErase(uint32_t n)
    {
        uint64_t want = uint64_t(Tag(m_nodes[n].key, m_nodes[n].len)) << 32 | n;
        std::size_t i = static_cast<uint32_t>(want >> 32) & m_mask;
        while (m_hash[i] != want)
        {
            i = (i + 1) & m_mask;
        }
        // Move later entries of the cluster back over the hole when their home slot allows.
        std::size_t hole = i;
        for (std::size_t j = (i + 1) & m_mask; m_hash[j] != kEmpty; j = (j + 1) & m_mask)
        {
            std::size_t home = static_cast<uint32_t>(m_hash[j] >> 32) & m_mask;
            // j may move to the hole unless its home lies cyclically in (hole, j].
            bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays)
            {
                m_hash[hole] = m_hash[j];
                hole = j;
            }
        }
        m_hash[hole] = kEmpty;
        --m_hashCount;
        if (m_hashCount == 0)
        {
            std::vector<uint64_t>().swap(m_hash);
            m_mask = 0;
        }
        else if (m_hash.size() > kMinHash && m_hashCount * 8 < m_hash.size())
        {
            Rehash(m_hash.size() / 2);
        }
    }

    RtmSegmentedArray<Node> m_nodes;              //!< prefix records (never move)
    std::vector<uint32_t> m_free;                 //!< free records
    std::vector<std::unique_ptr<Block>> m_blocks; //!< the ordered sequence, in blocks
    std::vector<Entry> m_first;                   //!< first entry of each block
    std::vector<uint32_t> m_lenCount;             //!< stored prefixes per length
    std::vector<uint64_t> m_hash; //!< exact-match hash: (tag << 32 | record) or kEmpty
    std::size_t m_mask{0};        //!< hash capacity - 1
    std::size_t m_hashCount{0};   //!< stored prefixes (= hash entries)
};

} // namespace ns3

#endif /* RTM_PREFIX_INDEX_H */
