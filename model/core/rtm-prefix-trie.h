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
 * Lookups walk down from the root: exact match, longest match with a predicate (the view filter
 * of RTMv2 queries) and less-specific walks need no parent scan. Nodes live in a vector with
 * uint32 links; freed nodes are reused.
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

    /// \return the node storing exactly (key, len), or kNone
    uint32_t Find(Key key, uint32_t len) const
    {
        uint32_t n = m_root;
        while (n != kNone)
        {
            const Node& x = m_nodes[n];
            if (x.len > len || Ops::Prefix(key, x.len) != x.key)
            {
                return kNone;
            }
            if (x.len == len)
            {
                return x.value != kNone ? n : kNone;
            }
            n = x.child[Ops::Bit(key, x.len)];
        }
        return kNone;
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
        inserted = true;
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
                if (x.value != kNone)
                {
                    inserted = false; // already stored
                    return n;
                }
                // A glue node of exactly this prefix becomes valued.
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

    /// Remove the value of node \p n (a valued node) and restore the invariants.
    void Erase(uint32_t n)
    {
        m_nodes[n].value = kNone;
        Collapse(n);
    }

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

    /// \return heap bytes
    std::size_t MemoryBytes() const
    {
        return m_nodes.MemoryBytes() + m_free.capacity() * sizeof(uint32_t);
    }

  private:
    /// \return the smaller of a and b
    static uint32_t Min(uint32_t a, uint32_t b)
    {
        return a < b ? a : b;
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
};

} // namespace ns3

#endif /* RTM_PREFIX_TRIE_H */
