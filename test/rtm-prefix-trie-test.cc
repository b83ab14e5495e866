/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of RtmPrefixTrie, the ordered destination index with its exact-match hash: random
 * inserts and erases of prefixes sharing keys and lengths (so hash tags collide in their home
 * slots and deletions shift clusters back), compared after every step with a std::map (exact
 * finds, address order, longest match) and checked with RtmPrefixTrie::Check, through growth
 * of the hash to thousands of entries and back down to empty, for both families.
 */
#include "ns3/rtm-family.h"
#include "ns3/rtm-prefix-trie.h"

#include <gtest/gtest.h>
#include <map>
#include <random>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

template <typename F>
class TrieAgainstMap
{
  public:
    typedef typename F::Key Key;
    typedef RtmKeyOps<F> Ops;
    typedef RtmPrefixTrie<F> Trie;

    explicit TrieAgainstMap(uint32_t seed)
        : m_rng(seed)
    {
    }

    /// A random prefix from a small pool of keys (many lengths per key, nested prefixes).
    std::pair<Key, uint32_t> Pick()
    {
        Key k = static_cast<Key>(m_rng() % 64) << (F::kBits - 8);
        k |= static_cast<Key>(m_rng() % 4096) << (F::kBits - 24);
        uint32_t len = m_rng() % (F::kBits + 1);
        return {Ops::Prefix(k, len), len};
    }

    void Insert()
    {
        auto p = Pick();
        uint32_t value = m_next++;
        bool inserted = false;
        uint32_t n = m_trie.FindOrInsert(p.first, p.second, value, inserted);
        auto it = m_map.find(p);
        ASSERT_EQ(inserted, it == m_map.end());
        if (inserted)
        {
            m_map[p] = n;
            ASSERT_EQ(m_trie.Value(n), value);
        }
        else
        {
            ASSERT_EQ(n, it->second);
        }
    }

    void Erase()
    {
        if (m_map.empty())
        {
            return;
        }
        auto it = m_map.begin();
        std::advance(it, m_rng() % m_map.size());
        m_trie.Erase(it->second);
        m_map.erase(it);
    }

    void Compare()
    {
        ASSERT_TRUE(m_trie.Check());
        // Exact finds: every stored prefix, and as many random ones (mostly absent).
        for (const auto& x : m_map)
        {
            ASSERT_EQ(m_trie.Find(x.first.first, x.first.second), x.second);
        }
        for (int i = 0; i < 64; ++i)
        {
            auto p = Pick();
            auto it = m_map.find(p);
            ASSERT_EQ(m_trie.Find(p.first, p.second), it == m_map.end() ? Trie::kNone : it->second);
        }
        // Address order: the trie's walk is the map's order.
        auto it = m_map.begin();
        for (uint32_t n = m_trie.First(); n != Trie::kNone; n = m_trie.Next(n), ++it)
        {
            ASSERT_NE(it, m_map.end());
            ASSERT_EQ(n, it->second);
        }
        ASSERT_EQ(it, m_map.end());
        // Longest match of a random address.
        auto p = Pick();
        uint32_t expect = Trie::kNone;
        for (const auto& x : m_map)
        {
            if (Ops::Covers(x.first.first, x.first.second, p.first))
            {
                expect = x.second; // the map's order puts longer covering prefixes later
            }
        }
        ASSERT_EQ(m_trie.Longest(p.first, F::kBits, [](uint32_t) { return true; }), expect);
    }

    std::size_t Size() const
    {
        return m_map.size();
    }

    std::size_t HashBytes() const
    {
        return m_trie.HashBytes();
    }

  private:
    std::mt19937 m_rng;
    Trie m_trie;
    std::map<std::pair<Key, uint32_t>, uint32_t> m_map;
    uint32_t m_next{0};
};

template <typename F>
void
GrowAndShrink(uint32_t seed)
{
    TrieAgainstMap<F> t(seed);
    // Grow to a few thousand prefixes (mostly inserts), then shrink to nothing.
    std::mt19937 rng(seed + 1);
    for (int step = 0; step < 6000; ++step)
    {
        if (rng() % 5 == 0)
        {
            t.Erase();
        }
        else
        {
            t.Insert();
        }
        if (step % 500 == 0)
        {
            t.Compare();
        }
    }
    t.Compare();
    ASSERT_GT(t.Size(), 2000u);
    std::size_t grown = t.HashBytes();
    while (t.Size() > 0)
    {
        t.Erase();
        if (t.Size() % 97 == 0)
        {
            t.Compare();
        }
    }
    t.Compare();
    EXPECT_GT(grown, 2000u * 8);
    EXPECT_EQ(t.HashBytes(), 0u); // an empty trie gives its hash back
}

} // namespace

TEST(RtmPrefixTrie, HashAndOrderAgreeWithMapIpv4)
{
    for (uint32_t seed = 1; seed <= 3; ++seed)
    {
        GrowAndShrink<RtmIpv4Family>(seed);
    }
}

TEST(RtmPrefixTrie, HashAndOrderAgreeWithMapIpv6)
{
    for (uint32_t seed = 11; seed <= 13; ++seed)
    {
        GrowAndShrink<RtmIpv6Family>(seed);
    }
}
