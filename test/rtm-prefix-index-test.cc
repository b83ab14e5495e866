/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of RtmPrefixIndex, the ordered destination index with its exact-match hash: random
 * inserts and erases of prefixes sharing keys and lengths (so hash tags collide in their home
 * slots and deletions shift clusters back), compared with a std::map (exact finds, address order,
 * lower bounds, longest match with and without a predicate) and checked with
 * RtmPrefixIndex::Check, through growth to thousands of entries (ordered blocks splitting) and
 * back down to empty (blocks merging and going), for both families; and a load in address order
 * followed by erasing every other prefix; ids past 16 and 17 bits (the hash entries' id bits
 * widened in place) and a steady churn of new prefixes (tombstones, the hash rebuilt at the same
 * size from the order). The records (key and length by id) are the test's, as
 * the destinations are the table's (decision 36); freed ids are reused.
 */
#include "ns3/rtm-family.h"
#include "ns3/rtm-prefix-index.h"

#include <gtest/gtest.h>
#include <map>
#include <random>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

/// The test's records: (key, length) by id, with a free list.
template <typename F>
struct Records
{
    typedef typename F::Key Key;

    std::vector<std::pair<Key, uint32_t>> recs; //!< by id
    std::vector<uint32_t> free;                 //!< freed ids

    uint32_t New(Key key, uint32_t len)
    {
        if (!free.empty())
        {
            uint32_t n = free.back();
            free.pop_back();
            recs[n] = {key, len};
            return n;
        }
        recs.emplace_back(key, len);
        return static_cast<uint32_t>(recs.size() - 1);
    }

    void Free(uint32_t n)
    {
        recs[n] = {Key(0), 0};
        free.push_back(n);
    }
};

/// The index's accessor of the test's records.
template <typename F>
struct RecordKeys
{
    const Records<F>* r;

    typename F::Key KeyOf(uint32_t n) const
    {
        return r->recs[n].first;
    }

    uint32_t LenOf(uint32_t n) const
    {
        return r->recs[n].second;
    }
};

template <typename F>
class IndexAgainstMap
{
  public:
    typedef typename F::Key Key;
    typedef RtmKeyOps<F> Ops;
    typedef RtmPrefixIndex<F, RecordKeys<F>> Index;

    explicit IndexAgainstMap(uint32_t seed)
        : m_rng(seed),
          m_index(RecordKeys<F>{&m_recs})
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
        uint32_t n = m_index.Find(p.first, p.second);
        auto it = m_map.find(p);
        ASSERT_EQ(n == Index::kNone, it == m_map.end());
        if (n == Index::kNone)
        {
            n = m_recs.New(p.first, p.second);
            m_index.Insert(n);
            m_map[p] = n;
            ASSERT_EQ(m_index.Find(p.first, p.second), n);
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
        m_index.Erase(it->second);
        m_recs.Free(it->second);
        m_map.erase(it);
    }

    void Compare()
    {
        ASSERT_TRUE(m_index.Check());
        // Exact finds: every stored prefix, and as many random ones (mostly absent).
        for (const auto& x : m_map)
        {
            ASSERT_EQ(m_index.Find(x.first.first, x.first.second), x.second);
        }
        for (int i = 0; i < 64; ++i)
        {
            auto p = Pick();
            auto it = m_map.find(p);
            ASSERT_EQ(m_index.Find(p.first, p.second),
                      it == m_map.end() ? Index::kNone : it->second);
        }
        // Address order: the trie's walk is the map's order.
        auto it = m_map.begin();
        for (uint32_t n = m_index.First(); n != Index::kNone; n = m_index.Next(n), ++it)
        {
            ASSERT_NE(it, m_map.end());
            ASSERT_EQ(n, it->second);
        }
        ASSERT_EQ(it, m_map.end());
        // Longest match of a random address.
        auto p = Pick();
        uint32_t expect = Index::kNone;
        for (const auto& x : m_map)
        {
            if (Ops::Covers(x.first.first, x.first.second, p.first))
            {
                expect = x.second; // the map's order puts longer covering prefixes later
            }
        }
        ASSERT_EQ(m_index.Longest(p.first, F::kBits, [](uint32_t) { return true; }), expect);
        // Longest match accepting only even ids, and no longer than a random length.
        uint32_t upTo = m_rng() % (F::kBits + 1);
        expect = Index::kNone;
        for (const auto& x : m_map)
        {
            if (x.first.second <= upTo && Ops::Covers(x.first.first, x.first.second, p.first) &&
                x.second % 2 == 0)
            {
                expect = x.second;
            }
        }
        ASSERT_EQ(m_index.Longest(p.first, upTo, [](uint32_t v) { return v % 2 == 0; }), expect);
        // Lower bounds of random prefixes.
        for (int i = 0; i < 16; ++i)
        {
            auto q = Pick();
            auto lb = m_map.lower_bound(q);
            ASSERT_EQ(m_index.LowerBound(q.first, q.second),
                      lb == m_map.end() ? Index::kNone : lb->second);
        }
    }

    std::size_t Size() const
    {
        return m_map.size();
    }

    std::size_t HashBytes() const
    {
        return m_index.HashBytes();
    }

    std::size_t Blocks() const
    {
        return m_index.BlockCount();
    }

  private:
    Records<F> m_recs;
    std::mt19937 m_rng;
    Index m_index;
    std::map<std::pair<Key, uint32_t>, uint32_t> m_map;
};

template <typename F>
void
GrowAndShrink(uint32_t seed)
{
    IndexAgainstMap<F> t(seed);
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
    EXPECT_GT(grown, 2000u * 4);  // 4-byte entries, at most 3/4 full
    EXPECT_EQ(t.HashBytes(), 0u); // an empty index gives its hash and its blocks back
    EXPECT_EQ(t.Blocks(), 0u);
}

} // namespace

TEST(RtmPrefixIndex, HashAndOrderAgreeWithMapIpv4)
{
    for (uint32_t seed = 1; seed <= 3; ++seed)
    {
        GrowAndShrink<RtmIpv4Family>(seed);
    }
}

TEST(RtmPrefixIndex, HashAndOrderAgreeWithMapIpv6)
{
    for (uint32_t seed = 11; seed <= 13; ++seed)
    {
        GrowAndShrink<RtmIpv6Family>(seed);
    }
}

namespace
{

template <typename F>
void
LoadInOrderThenThin()
{
    typedef RtmPrefixIndex<F, RecordKeys<F>> Index;
    typedef typename F::Key Key;
    Records<F> recs;
    Index index(RecordKeys<F>{&recs});
    const uint32_t n = 10000;
    std::vector<uint32_t> records;
    for (uint32_t i = 0; i < n; ++i)
    {
        Key key = static_cast<Key>(i) << (F::kBits - 24);
        records.push_back(recs.New(key, 24));
        index.Insert(records.back());
    }
    ASSERT_TRUE(index.Check());
    // Loading in address order fills every block but the last.
    EXPECT_EQ(index.BlockCount(), (n + Index::kBlock - 1) / Index::kBlock);
    for (uint32_t i = 0; i < n; i += 2)
    {
        index.Erase(records[i]);
    }
    ASSERT_TRUE(index.Check());
    uint32_t seen = 0;
    for (uint32_t r = index.First(); r != Index::kNone; r = index.Next(r), ++seen)
    {
        ASSERT_EQ(r, 2 * seen + 1);
    }
    EXPECT_EQ(seen, n / 2);
    for (uint32_t i = 1; i < n; i += 2)
    {
        index.Erase(records[i]);
    }
    ASSERT_TRUE(index.Check());
    EXPECT_EQ(index.BlockCount(), 0u);
    EXPECT_EQ(index.First(), Index::kNone);
}

} // namespace

TEST(RtmPrefixIndex, AddressOrderLoadFillsBlocks)
{
    LoadInOrderThenThin<RtmIpv4Family>();
    LoadInOrderThenThin<RtmIpv6Family>();
}

namespace
{

template <typename F>
void
WideIdsAndSteadyChurn()
{
    Records<F> recs;
    RtmPrefixIndex<F, RecordKeys<F>> index(RecordKeys<F>{&recs});
    using Index = decltype(index);
    using Key = typename F::Key;
    std::vector<uint32_t> live;
    uint32_t next = 0;
    auto add = [&]() {
        Key key = static_cast<Key>(next++) << (F::kBits - 24);
        live.push_back(recs.New(key, 24));
        index.Insert(live.back());
    };
    auto findAll = [&]() {
        ASSERT_TRUE(index.Check());
        for (uint32_t n : live)
        {
            ASSERT_EQ(index.Find(recs.recs[n].first, recs.recs[n].second), n);
        }
        ASSERT_EQ(index.Find(static_cast<Key>(next) << (F::kBits - 24), 24), Index::kNone);
    };
    for (int i = 0; i < 300; ++i)
    {
        add();
    }
    findAll();
    // Ids that need 17, then 18 bits: the entries already stored keep their ids and lose tag bits.
    recs.recs.resize(70000);
    for (int i = 0; i < 300; ++i)
    {
        add();
    }
    ASSERT_GE(live.back(), 70000u);
    findAll();
    recs.recs.resize(140000);
    for (int i = 0; i < 300; ++i)
    {
        add();
    }
    findAll();
    // Steady churn: erase a random prefix, add a new one. Each erase leaves a tombstone; the hash
    // is rebuilt at its size when they fill it, so it never grows.
    std::size_t bytes = index.HashBytes();
    std::mt19937 rng(7);
    for (int step = 0; step < 20000; ++step)
    {
        std::size_t i = rng() % live.size();
        index.Erase(live[i]);
        recs.Free(live[i]);
        live[i] = live.back();
        live.pop_back();
        add();
        if (step % 2000 == 0)
        {
            findAll();
        }
    }
    findAll();
    EXPECT_EQ(index.HashBytes(), bytes);
}

} // namespace

TEST(RtmPrefixIndex, WideIdsAndSteadyChurn)
{
    WideIdsAndSteadyChurn<RtmIpv4Family>();
    WideIdsAndSteadyChurn<RtmIpv6Family>();
}
