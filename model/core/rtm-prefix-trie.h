/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPrefixTrie: the ordered index of a table's destinations.
 *
 * A path-compressed binary trie over (key, length) prefixes. Each node is either a *valued* node
 * (a prefix that is stored, carrying a 32-bit value: the destination slot) or a *glue* node (a
 * branching point that no stored prefix occupies). Invariants:
 *  - a child's prefix is strictly longer than its parent's and extends it; child[b] extends the
 *    parent with bit b at position parent.len;
 *  - a glue node always has two children (so every leaf is valued and the trie has fewer than
 *    2N nodes for N stored prefixes);
 *  - a pre-order walk (node, child[0] subtree, child[1] subtree) visits prefixes in address order:
 *    by key, then by length, ascending. Enumerations, RANGE walks (a subtree) and resumption
 *    after a cursor (LowerBound) all rely on this.
 * Lookups walk down from the root: longest match with a predicate (the view filter of RTMv2
 * queries) and less-specific walks need no parent scan. Nodes live in a segmented array with
 * uint32 links; freed nodes are reused; a valued node keeps its index until it is erased (only
 * glue nodes are freed when the trie is restructured).
 *
 * Exact-match hash (decision 29): beside the trie, an open-addressing table (linear probing,
 * power-of-two capacity, at most 3/4 full, halved below 1/8) maps (key, len) to the valued node
 * holding it, so Find and the "find" half of FindOrInsert cost one probe sequence instead of a
 * walk of about 20 nodes (a full IPv4 table): a churn re-adding routes at known prefixes never
 * walks the trie. An entry is 64 bits: the low 32 bits of the prefix's hash (its tag) above the
 * node index; the home slot is tag & mask, so growing, shrinking and backward-shift deletion need
 * no node reads, and a probe reads a node only when a tag matches (32 - log2(capacity) bits of
 * fingerprint beyond the home slot). Invariant: the hash holds exactly the valued nodes, each
 * once, under the tag of its own (key, len); Check() verifies it with the trie's structure.
 */
#ifndef RTM_PREFIX_TRIE_H
#define RTM_PREFIX_TRIE_H

#include "rtm-family.h"
#include "rtm-slab.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Path-compressed binary trie of prefixes in address order.
 * \tparam F address family traits
 */
template <typename F>
class RtmPrefixTrie
{
  public:
    typedef typename F::Key Key;                  //!< key type
    typedef RtmKeyOps<F> Ops;                     //!< key operations
    static constexpr uint32_t kNone = 0xFFFFFFFF; //!< no node / no value

    /// A trie node.
    struct Node
    {
        Key key;           //!< prefix bits (canonical)
        uint32_t parent;   //!< parent node or kNone
        uint32_t child[2]; //!< children or kNone
        uint32_t value;    //!< stored value, kNone for glue nodes
        uint8_t len;       //!< prefix length
    };

    /// \return the node storing exactly (key, len), or kNone (one probe of the exact-match hash)
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
     * \return the node now holding it
     */
    uint32_t Insert(Key key, uint32_t len, uint32_t value)
    {
        bool inserted;
        return FindOrInsert(key, len, value, inserted);
    }

    /**
     * \brief Find (key, len) or, when it is not stored, store it with \p value: one walk down
     * the trie for both.
     * \param inserted set to true if the prefix was stored by this call
     * \return the node holding the prefix
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
        uint32_t n = Place(key, len, value);
        HashInsert(n);
        return n;
    }

    /// Remove the value of node \p n (a valued node) and restore the invariants.
    void Erase(uint32_t n)
    {
        HashErase(n);
        m_nodes[n].value = kNone;
        Collapse(n);
    }

  private:
    /// Store (key, len), which is not stored, with \p value by one walk down the trie.
    /// \return the node now holding it
    uint32_t Place(Key key, uint32_t len, uint32_t value)
    {
        if (m_root == kNone)
        {
            m_root = NewNode(key, len, value, kNone);
            return m_root;
        }
        uint32_t n = m_root;
        while (true)
        {
            Node& x = m_nodes[n];
            uint32_t common = Ops::CommonLength(key, x.key);
            common = Min(common, Min(len, static_cast<uint32_t>(x.len)));
            if (common < x.len)
            {
                uint32_t parent = x.parent;
                Key xkey = x.key;
                if (common == len)
                {
                    // The new prefix sits above n.
                    uint32_t m = NewNode(key, len, value, parent);
                    m_nodes[m].child[Ops::Bit(xkey, len)] = n;
                    Relink(parent, n, m);
                    m_nodes[n].parent = m;
                    return m;
                }
                // They diverge at bit `common`: a glue node with both below it.
                uint32_t g = NewNode(Ops::Prefix(key, common), common, kNone, parent);
                uint32_t m = NewNode(key, len, value, g);
                m_nodes[g].child[Ops::Bit(key, common)] = m;
                m_nodes[g].child[Ops::Bit(xkey, common)] = n;
                Relink(parent, n, g);
                m_nodes[n].parent = g;
                return m;
            }
            if (x.len == len)
            {
                // A glue node of exactly this prefix becomes valued (a valued one would have
                // been found in the hash).
                x.value = value;
                return n;
            }
            uint32_t b = Ops::Bit(key, x.len);
            if (x.child[b] == kNone)
            {
                uint32_t m = NewNode(key, len, value, n);
                m_nodes[n].child[b] = m;
                return m;
            }
            n = x.child[b];
        }
    }

  public:
    /// \return the value of node \p n
    uint32_t Value(uint32_t n) const
    {
        return m_nodes[n].value;
    }

    /// \param n a valued node \param value its new value
    void SetValue(uint32_t n, uint32_t value)
    {
        m_nodes[n].value = value;
    }

    /// \return the node \p n
    const Node& At(uint32_t n) const
    {
        return m_nodes[n];
    }

    /// \return the first valued node in address order, or kNone
    uint32_t First() const
    {
        return m_root == kNone ? kNone : FirstIn(m_root);
    }

    /// \return the valued node after \p n in address order, or kNone
    uint32_t Next(uint32_t n) const
    {
        do
        {
            n = PreorderNext(n);
        } while (n != kNone && m_nodes[n].value == kNone);
        return n;
    }

    /// \return the first valued node whose (key, len) is >= (key, len) in address order
    uint32_t LowerBound(Key key, uint32_t len) const
    {
        uint32_t n = m_root;
        uint32_t fallback = kNone;
        while (n != kNone)
        {
            const Node& x = m_nodes[n];
            if (x.key > key || (x.key == key && x.len >= len))
            {
                return FirstIn(n);
            }
            if (x.len < len && Ops::Prefix(key, x.len) == x.key)
            {
                uint32_t b = Ops::Bit(key, x.len);
                if (b == 0 && x.child[1] != kNone)
                {
                    fallback = x.child[1];
                }
                n = x.child[b];
            }
            else
            {
                break;
            }
        }
        return fallback == kNone ? kNone : FirstIn(fallback);
    }

    /**
     * \brief The longest valued prefix of length <= \p len covering \p key for which
     * \p accept(value) holds.
     * \return the node, or kNone
     */
    template <typename Pred>
    uint32_t Longest(Key key, uint32_t len, Pred accept) const
    {
        uint32_t n = m_root;
        uint32_t best = kNone;
        while (n != kNone)
        {
            const Node& x = m_nodes[n];
            if (x.len > len || Ops::Prefix(key, x.len) != x.key)
            {
                break;
            }
            if (x.value != kNone && accept(x.value))
            {
                best = n;
            }
            if (x.len == len)
            {
                break;
            }
            n = x.child[Ops::Bit(key, x.len)];
        }
        return best;
    }

    /// \return the number of nodes in use (valued and glue)
    std::size_t NodeCount() const
    {
        return m_nodes.Size() - m_free.size();
    }

    /// \return heap bytes (nodes, free list and exact-match hash)
    std::size_t MemoryBytes() const
    {
        return m_nodes.MemoryBytes() + m_free.capacity() * sizeof(uint32_t) + HashBytes();
    }

    /// \return heap bytes of the exact-match hash
    std::size_t HashBytes() const
    {
        return m_hash.capacity() * sizeof(uint64_t);
    }

    /**
     * \brief Verify the invariants of the file comment: links, lengths, glue nodes with two
     * children, address order, and the exact-match hash holding exactly the valued nodes.
     * \return true if they hold
     */
    bool Check() const
    {
        std::size_t valued = 0;
        std::size_t reached = 0;
        bool haveLast = false;
        Key lastKey{};
        uint32_t lastLen = 0;
        std::vector<uint32_t> stack;
        if (m_root != kNone)
        {
            if (m_nodes[m_root].parent != kNone)
            {
                return false;
            }
            stack.push_back(m_root);
        }
        while (!stack.empty())
        {
            uint32_t n = stack.back();
            stack.pop_back();
            ++reached;
            const Node& x = m_nodes[n];
            if (Ops::Prefix(x.key, x.len) != x.key)
            {
                return false;
            }
            if (x.value != kNone)
            {
                ++valued;
                if (Find(x.key, x.len) != n)
                {
                    return false; // a valued node missing from the hash
                }
                if (haveLast && (x.key < lastKey || (x.key == lastKey && x.len <= lastLen)))
                {
                    return false; // pre-order is not address order
                }
                haveLast = true;
                lastKey = x.key;
                lastLen = x.len;
            }
            else if (x.child[0] == kNone || x.child[1] == kNone)
            {
                return false; // a glue node with fewer than two children
            }
            for (uint32_t b = 2; b-- > 0;)
            {
                uint32_t c = x.child[b];
                if (c == kNone)
                {
                    continue;
                }
                const Node& y = m_nodes[c];
                if (y.parent != n || y.len <= x.len || Ops::Prefix(y.key, x.len) != x.key ||
                    Ops::Bit(y.key, x.len) != b)
                {
                    return false;
                }
                stack.push_back(c); // child 1 first, so child 0 is visited first
            }
        }
        if (reached != NodeCount() || valued != m_hashCount)
        {
            return false;
        }
        std::size_t entries = 0;
        for (std::size_t i = 0; i < m_hash.size(); ++i)
        {
            uint64_t e = m_hash[i];
            if (e == kEmpty)
            {
                continue;
            }
            ++entries;
            uint32_t n = static_cast<uint32_t>(e);
            if (n >= m_nodes.Size() || m_nodes[n].value == kNone ||
                static_cast<uint32_t>(e >> 32) != Tag(m_nodes[n].key, m_nodes[n].len))
            {
                return false;
            }
        }
        return entries == m_hashCount && (m_hash.empty() || (m_hashCount * 4 <= m_hash.size() * 3));
    }

  private:
    /// \return the smaller of a and b
    static uint32_t Min(uint32_t a, uint32_t b)
    {
        return a < b ? a : b;
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

    /// \return a new node
    uint32_t NewNode(Key key, uint32_t len, uint32_t value, uint32_t parent)
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
        x.parent = parent;
        x.child[0] = kNone;
        x.child[1] = kNone;
        return i;
    }

    /// Replace child \p from of \p parent (or the root) by \p to.
    void Relink(uint32_t parent, uint32_t from, uint32_t to)
    {
        if (parent == kNone)
        {
            m_root = to;
        }
        else
        {
            Node& p = m_nodes[parent];
            p.child[p.child[0] == from ? 0 : 1] = to;
        }
    }

    /// Remove glue node \p n if it has fewer than two children, then its parent likewise.
    void Collapse(uint32_t n)
    {
        while (n != kNone && m_nodes[n].value == kNone)
        {
            Node& x = m_nodes[n];
            uint32_t parent = x.parent;
            if (x.child[0] != kNone && x.child[1] != kNone)
            {
                return;
            }
            uint32_t only = x.child[0] != kNone ? x.child[0] : x.child[1];
            Relink(parent, n, only);
            if (only != kNone)
            {
                m_nodes[only].parent = parent;
            }
            m_free.push_back(n);
            n = (only == kNone) ? parent : kNone;
        }
    }

    /// \return the first valued node in the subtree of \p n (glue nodes have two children)
    uint32_t FirstIn(uint32_t n) const
    {
        while (m_nodes[n].value == kNone)
        {
            n = m_nodes[n].child[0];
        }
        return n;
    }

    /// \return the node after \p n in pre-order, or kNone
    uint32_t PreorderNext(uint32_t n) const
    {
        const Node& x = m_nodes[n];
        if (x.child[0] != kNone)
        {
            return x.child[0];
        }
        if (x.child[1] != kNone)
        {
            return x.child[1];
        }
        while (true)
        {
            uint32_t p = m_nodes[n].parent;
            if (p == kNone)
            {
                return kNone;
            }
            if (m_nodes[p].child[0] == n && m_nodes[p].child[1] != kNone)
            {
                return m_nodes[p].child[1];
            }
            n = p;
        }
    }

    RtmSegmentedArray<Node> m_nodes; //!< nodes (never move)
    std::vector<uint32_t> m_free;    //!< free nodes
    uint32_t m_root{kNone};          //!< root node
    std::vector<uint64_t> m_hash;    //!< exact-match hash: (tag << 32 | node) or kEmpty
    std::size_t m_mask{0};           //!< hash capacity - 1
    std::size_t m_hashCount{0};      //!< valued nodes (= hash entries)
};

} // namespace ns3

#endif /* RTM_PREFIX_TRIE_H */
