/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of RtmFib: a randomized differential test against a deliberately naive reference (a
 * linear scan over a std::map of prefixes) for both families, with the FIB's own prefix store
 * and with an external one (RtmFibStore: the reference's map, decision 35), special cases, and
 * the full 2015 RouteViews IPv4 table against a per-length hash reference.
 */
#include "ns3/rtm-fib.h"
#include "ns3/rtm-table-file.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <unordered_map>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

/// The naive reference: a std::map of prefixes, looked up by a linear scan.
template <typename F>
class NaiveLpm
{
  public:
    typedef typename F::Key Key;
    typedef RtmKeyOps<F> Ops;

    void Insert(Key p, uint8_t len, uint32_t v)
    {
        m_map[{p, len}] = v;
        m_stale = true;
    }

    bool Remove(Key p, uint8_t len)
    {
        m_stale = true;
        return m_map.erase({p, len}) > 0;
    }

    uint32_t Find(Key p, uint8_t len) const
    {
        auto it = m_map.find({p, len});
        return it == m_map.end() ? 0 : it->second;
    }

    /// Longest-prefix match by scanning every prefix.
    uint32_t Lookup(Key a) const
    {
        if (m_stale)
        {
            // A flat copy of the map, only to make the scan cache-friendly.
            m_keys.clear();
            m_masks.clear();
            m_lens.clear();
            m_values.clear();
            for (const auto& [k, v] : m_map)
            {
                m_keys.push_back(k.first);
                m_masks.push_back(Ops::Mask(k.second));
                m_lens.push_back(k.second);
                m_values.push_back(v);
            }
            m_stale = false;
        }
        int best = -1;
        uint32_t value = 0;
        for (std::size_t i = 0; i < m_keys.size(); ++i)
        {
            if ((a & m_masks[i]) == m_keys[i] && static_cast<int>(m_lens[i]) > best)
            {
                best = m_lens[i];
                value = m_values[i];
            }
        }
        return value;
    }

    std::size_t Size() const
    {
        return m_map.size();
    }

    void Clear()
    {
        m_map.clear();
        m_stale = true;
    }

    const std::map<std::pair<Key, uint8_t>, uint32_t>& Map() const
    {
        return m_map;
    }

  private:
    std::map<std::pair<Key, uint8_t>, uint32_t> m_map;
    mutable bool m_stale{true};
    mutable std::vector<Key> m_keys;
    mutable std::vector<Key> m_masks;
    mutable std::vector<uint8_t> m_lens;
    mutable std::vector<uint32_t> m_values;
};

/// The reference's map as a FIB's external prefix store (std::pair orders by key, then length:
/// address order).
template <typename F>
class MapStore : public RtmFibStore<F>
{
  public:
    typedef typename F::Key Key;

    explicit MapStore(const NaiveLpm<F>& ref)
        : m_ref(ref)
    {
    }

    void CollectFib(uint32_t view,
                    Key lo,
                    Key hi,
                    uint32_t minLen,
                    uint32_t maxLen,
                    std::vector<RtmFibPrefix<F>>& out) const override
    {
        EXPECT_EQ(view, 3u);
        const auto& map = m_ref.Map();
        for (auto it = map.lower_bound({lo, 0}); it != map.end() && it->first.first <= hi; ++it)
        {
            if (it->first.second >= minLen && it->first.second <= maxLen)
            {
                out.push_back({it->first.first, it->second, it->first.second});
            }
        }
    }

  private:
    const NaiveLpm<F>& m_ref;
};

/// Random prefixes, addresses and values, biased towards nesting and the structure's boundaries.
template <typename F>
class Generator
{
  public:
    typedef typename F::Key Key;
    typedef RtmKeyOps<F> Ops;

    explicit Generator(uint64_t seed)
        : m_rng(seed)
    {
        for (int i = 0; i < 6; ++i)
        {
            m_regions.push_back(RandomBits());
        }
    }

    uint64_t Next()
    {
        return m_rng();
    }

    uint64_t Below(uint64_t n)
    {
        return m_rng() % n;
    }

    Key RandomBits()
    {
        if constexpr (F::kBits == 128)
        {
            return (static_cast<Key>(m_rng()) << 64) | static_cast<Key>(m_rng());
        }
        else
        {
            return static_cast<Key>(m_rng());
        }
    }

    /// A random key, usually inside one of a few regions (so that prefixes share slots).
    Key RandomKey()
    {
        Key k = RandomBits();
        if (Below(10) < 8)
        {
            uint32_t regionLen = static_cast<uint32_t>(Below(14));
            Key r = m_regions[Below(m_regions.size())];
            k = Ops::Prefix(r, regionLen) | (k & ~Ops::Mask(regionLen));
        }
        return k;
    }

    /// A random length, biased towards 0, full length and the strides' boundaries.
    uint8_t RandomLen()
    {
        static const uint32_t kInteresting[] = {0,  1,  7,  8,  9,  13, 14, 15, 16, 17, 20, 21, 22,
                                                23, 24, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};
        uint64_t r = Below(20);
        if (r == 0)
        {
            return 0;
        }
        if (r == 1)
        {
            return F::kBits;
        }
        if (r < 10)
        {
            uint32_t l = kInteresting[Below(sizeof(kInteresting) / sizeof(kInteresting[0]))];
            return static_cast<uint8_t>(std::min<uint32_t>(l, F::kBits));
        }
        if (F::kBits == 128 && r < 14)
        {
            return static_cast<uint8_t>(40 + Below(30)); // /40 to /69: IPv6 allocation sizes
        }
        return static_cast<uint8_t>(Below(F::kBits + 1));
    }

    /// A value: mostly from a small set (runs of equal leaves), sometimes any 31-bit value.
    uint32_t RandomValue()
    {
        if (Below(4) == 0)
        {
            return static_cast<uint32_t>(1 + Below(RtmFib<F>::kMaxValue));
        }
        return static_cast<uint32_t>(1 + Below(6));
    }

    /// A new prefix, usually derived from an existing one (extended, truncated or duplicated).
    std::pair<Key, uint8_t> RandomPrefix(const std::vector<std::pair<Key, uint8_t>>& pool)
    {
        uint64_t r = Below(100);
        if (!pool.empty() && r < 45)
        {
            // Extend an existing prefix by 1 to 14 bits.
            auto [p, len] = pool[Below(pool.size())];
            uint32_t nlen =
                std::min<uint32_t>(F::kBits, len + 1 + static_cast<uint32_t>(Below(14)));
            Key k = p | (RandomBits() & ~Ops::Mask(len));
            return {Ops::Prefix(k, nlen), static_cast<uint8_t>(nlen)};
        }
        if (!pool.empty() && r < 60)
        {
            // Truncate an existing prefix.
            auto [p, len] = pool[Below(pool.size())];
            uint32_t nlen = len == 0 ? 0 : static_cast<uint32_t>(Below(len));
            return {Ops::Prefix(p, nlen), static_cast<uint8_t>(nlen)};
        }
        if (!pool.empty() && r < 68)
        {
            return pool[Below(pool.size())]; // a duplicate
        }
        if (!pool.empty() && r < 74)
        {
            // A host route inside an existing prefix.
            auto [p, len] = pool[Below(pool.size())];
            return {p | (RandomBits() & ~Ops::Mask(len)), static_cast<uint8_t>(F::kBits)};
        }
        uint8_t len = RandomLen();
        return {Ops::Prefix(RandomKey(), len), len};
    }

    /// An address to look up: inside, at the edges of or just outside a known prefix, or random.
    Key RandomAddress(const std::vector<std::pair<Key, uint8_t>>& pool)
    {
        uint64_t r = Below(10);
        if (pool.empty() || r == 0)
        {
            return RandomKey();
        }
        auto [p, len] = pool[Below(pool.size())];
        Key host = ~Ops::Mask(len);
        switch (r)
        {
        case 1:
            return p;
        case 2:
            return p | host;
        case 3:
            return static_cast<Key>((p | host) + 1);
        case 4:
            return static_cast<Key>(p - 1);
        default:
            return p | (RandomBits() & host);
        }
    }

  private:
    std::mt19937_64 m_rng;
    std::vector<Key> m_regions;
};

/// Differential driver: applies the same operations to the FIB and the reference.
template <typename F>
class Differential
{
  public:
    typedef typename F::Key Key;

    /// \param seed the seed \param external true: the FIB reads the reference's map (MapStore)
    Differential(uint64_t seed, bool external)
        : m_gen(seed),
          m_store(m_ref),
          m_external(external),
          m_fib(external ? RtmFib<F>(&m_store, 3) : RtmFib<F>())
    {
    }

    /// Set (p, len) to \p v (0: remove) in the reference and the FIB. \return true if it was there
    bool Set(Key p, uint8_t len, uint32_t v)
    {
        uint32_t old = m_ref.Find(p, len);
        if (v == 0)
        {
            m_ref.Remove(p, len);
        }
        else
        {
            m_ref.Insert(p, len, v);
        }
        if (m_external)
        {
            m_fib.Changed(p, len, old, v);
            return old != 0;
        }
        if (v == 0)
        {
            return m_fib.Remove(p, len);
        }
        m_fib.Insert(p, len, v);
        return old != 0;
    }

    /// Set (p, len) to \p v and keep it in the pool of prefixes that addresses are drawn around.
    void SetPooled(Key p, uint8_t len, uint32_t v)
    {
        Set(p, len, v);
        m_pool.push_back({p, len});
    }

    /// One random update (insert, replace or remove); \p insertBias in percent.
    void RandomUpdate(uint32_t insertBias)
    {
        if (m_pool.empty() || m_gen.Below(100) < insertBias)
        {
            auto [p, len] = m_gen.RandomPrefix(m_pool);
            Set(p, len, m_gen.RandomValue());
            m_pool.push_back({p, len});
            ++m_inserts;
        }
        else
        {
            // Remove a prefix of the pool (often a covering one, since the pool holds them too).
            std::size_t i = m_gen.Below(m_pool.size());
            auto [p, len] = m_pool[i];
            m_pool[i] = m_pool.back();
            m_pool.pop_back();
            bool expected = m_ref.Find(p, len) != 0;
            ASSERT_EQ(Set(p, len, 0), expected);
            ++m_removes;
        }
    }

    /// Remove the shortest prefixes (the covering ones) of the pool.
    void RemoveCovering(std::size_t n)
    {
        std::sort(m_pool.begin(), m_pool.end(), [](const auto& a, const auto& b) {
            return a.second < b.second;
        });
        for (std::size_t i = 0; i < n && i < m_pool.size(); ++i)
        {
            auto [p, len] = m_pool[i];
            bool expected = m_ref.Find(p, len) != 0;
            ASSERT_EQ(Set(p, len, 0), expected);
        }
        m_pool.erase(m_pool.begin(),
                     m_pool.begin() + static_cast<std::ptrdiff_t>(std::min(n, m_pool.size())));
    }

    /// Compare \p n lookups, and Find on \p finds pool prefixes, and the sizes.
    void Check(std::size_t n, std::size_t finds)
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            Key a = m_gen.RandomAddress(m_pool);
            uint32_t expected = m_ref.Lookup(a);
            uint32_t got = m_fib.Lookup(a);
            ++m_lookups;
            if (got != expected)
            {
                FAIL() << "lookup mismatch at address #" << m_lookups << " "
                       << RtmKeyOps<F>::ToNetAddress(a, F::kBits) << ": fib " << got
                       << ", reference " << expected << " (size " << m_ref.Size() << ", s "
                       << m_fib.DirectBits() << ")";
            }
        }
        for (std::size_t i = 0; i < finds && !m_pool.empty(); ++i)
        {
            auto [p, len] = m_pool[m_gen.Below(m_pool.size())];
            ASSERT_EQ(m_fib.Find(p, len), m_ref.Find(p, len)) << RtmKeyOps<F>::ToNetAddress(p, len);
        }
        ASSERT_EQ(m_fib.Size(), m_ref.Size());
    }

    /// Compare Find for every prefix of the reference.
    void CheckAllFinds()
    {
        for (const auto& [k, v] : m_ref.Map())
        {
            ASSERT_EQ(m_fib.Find(k.first, k.second), v)
                << RtmKeyOps<F>::ToNetAddress(k.first, k.second);
        }
    }

    void Clear()
    {
        m_fib.Clear();
        m_ref.Clear();
        m_pool.clear();
    }

    RtmFib<F>& Fib()
    {
        return m_fib;
    }

    std::size_t Size() const
    {
        return m_ref.Size();
    }

    std::size_t Lookups() const
    {
        return m_lookups;
    }

  private:
    Generator<F> m_gen;
    NaiveLpm<F> m_ref;
    MapStore<F> m_store;
    bool m_external;
    RtmFib<F> m_fib;
    std::vector<std::pair<Key, uint8_t>> m_pool;
    std::size_t m_lookups{0};
    std::size_t m_inserts{0};
    std::size_t m_removes{0};
};

template <typename F>
class RtmFibTyped : public ::testing::Test
{
};

typedef ::testing::Types<RtmIpv4Family, RtmIpv6Family> Families;
TYPED_TEST_SUITE(RtmFibTyped, Families);

} // namespace

TYPED_TEST(RtmFibTyped, EmptyFibAllocatesNothing)
{
    typedef typename TypeParam::Key Key;
    RtmFib<TypeParam> fib;
    EXPECT_LE(sizeof(fib), 128u);
    EXPECT_EQ(fib.Size(), 0u);
    EXPECT_EQ(fib.TotalBytes(), 0u);
    EXPECT_EQ(fib.LookupBytes(), 0u);
    EXPECT_EQ(fib.Lookup(Key(0)), 0u);
    EXPECT_EQ(fib.Lookup(~Key(0)), 0u);
    EXPECT_EQ(fib.Find(Key(0), 0), 0u);
    EXPECT_FALSE(fib.Remove(Key(0), 0));
    fib.Sync();
    EXPECT_EQ(fib.TotalBytes(), 0u);

    // Back to nothing after the last prefix goes, and after Clear().
    fib.Insert(Key(0), 0, 5);
    EXPECT_EQ(fib.Lookup(Key(12345)), 5u);
    EXPECT_GT(fib.TotalBytes(), 0u);
    EXPECT_TRUE(fib.Remove(Key(0), 0));
    EXPECT_EQ(fib.Lookup(Key(12345)), 0u);
    EXPECT_EQ(fib.TotalBytes(), 0u);
    fib.Insert(~Key(0), TypeParam::kBits, 9);
    EXPECT_EQ(fib.Lookup(~Key(0)), 9u);
    fib.Clear();
    EXPECT_EQ(fib.TotalBytes(), 0u);
    EXPECT_EQ(fib.Lookup(~Key(0)), 0u);
}

TYPED_TEST(RtmFibTyped, SpecialPrefixes)
{
    typedef typename TypeParam::Key Key;
    typedef RtmKeyOps<TypeParam> Ops;
    const uint32_t kBits = TypeParam::kBits;
    RtmFib<TypeParam> fib;
    Key top = Key(1) << (kBits - 1);
    fib.Insert(Key(0), 0, 1);                    // default route
    fib.Insert(top, 1, 2);                       // upper half
    fib.Insert(Ops::Prefix(~Key(0), 8), 8, 3);   // exactly s bits
    fib.Insert(Ops::Prefix(~Key(0), 14), 14, 4); // one stride below s
    fib.Insert(~Key(0), kBits, 5);               // the last address
    fib.Insert(Key(1), kBits, 6);                // the second address
    EXPECT_EQ(fib.Lookup(Key(0)), 1u);
    EXPECT_EQ(fib.Lookup(Key(1)), 6u);
    EXPECT_EQ(fib.Lookup(Key(2)), 1u);
    EXPECT_EQ(fib.Lookup(top), 2u);
    EXPECT_EQ(fib.Lookup(Ops::Prefix(~Key(0), 8)), 3u);
    EXPECT_EQ(fib.Lookup(Ops::Prefix(~Key(0), 14)), 4u);
    EXPECT_EQ(fib.Lookup(static_cast<Key>(~Key(0) - 1)), 4u);
    EXPECT_EQ(fib.Lookup(~Key(0)), 5u);
    EXPECT_EQ(fib.Size(), 6u);
    // Replacement, and removal of covering prefixes.
    fib.Insert(Ops::Prefix(~Key(0), 8), 8, 7);
    EXPECT_EQ(fib.Lookup(Ops::Prefix(~Key(0), 8)), 7u);
    EXPECT_EQ(fib.Size(), 6u);
    EXPECT_TRUE(fib.Remove(Ops::Prefix(~Key(0), 14), 14));
    EXPECT_EQ(fib.Lookup(static_cast<Key>(~Key(0) - 1)), 7u);
    EXPECT_TRUE(fib.Remove(Ops::Prefix(~Key(0), 8), 8));
    EXPECT_FALSE(fib.Remove(Ops::Prefix(~Key(0), 8), 8));
    EXPECT_EQ(fib.Lookup(static_cast<Key>(~Key(0) - 1)), 2u);
    EXPECT_TRUE(fib.Remove(Key(0), 0));
    EXPECT_EQ(fib.Lookup(Key(0)), 0u);
    EXPECT_EQ(fib.Lookup(Key(1)), 6u);
    EXPECT_EQ(fib.Lookup(~Key(0)), 5u);
    EXPECT_EQ(fib.Find(Key(1), kBits), 6u);
    EXPECT_EQ(fib.Find(Key(0), kBits), 0u);
    // Value 0 removes; the largest value is kept intact.
    fib.Insert(Key(1), kBits, 0);
    EXPECT_EQ(fib.Lookup(Key(1)), 0u);
    fib.Insert(top, 1, RtmFib<TypeParam>::kMaxValue);
    EXPECT_EQ(fib.Lookup(~Key(0) - 7), RtmFib<TypeParam>::kMaxValue);
    EXPECT_EQ(fib.Size(), 2u);
}

TYPED_TEST(RtmFibTyped, CopyAndMove)
{
    typedef typename TypeParam::Key Key;
    RtmFib<TypeParam> fib;
    for (uint32_t i = 0; i < 100; ++i)
    {
        fib.Insert(static_cast<Key>(Key(i) << (TypeParam::kBits - 12)), 12, i + 1);
    }
    RtmFib<TypeParam> copy(fib);
    fib.Insert(Key(0), 12, 77);
    EXPECT_EQ(copy.Lookup(Key(0)), 1u);
    EXPECT_EQ(fib.Lookup(Key(0)), 77u);
    RtmFib<TypeParam> moved(std::move(fib));
    EXPECT_EQ(moved.Lookup(Key(0)), 77u);
    EXPECT_EQ(fib.Size(), 0u); // NOLINT(bugprone-use-after-move): moved-from is empty
    EXPECT_EQ(fib.Lookup(Key(0)), 0u);
    copy = moved;
    EXPECT_EQ(copy.Lookup(Key(0)), 77u);
    EXPECT_EQ(copy.Size(), 100u);
}

namespace
{

/// The randomized scenario of RandomizedAgainstNaiveReference (own and external store).
template <typename F>
void
RunRandomized(Differential<F>& d)
{
    typedef RtmFib<F> Fib;
    auto failed = [] { return ::testing::Test::HasFatalFailure(); };

    // 1. Single updates interleaved with lookups, growing to about a thousand prefixes.
    for (int i = 0; i < 4000 && !failed(); ++i)
    {
        d.RandomUpdate(70);
        d.Check(150, 2);
    }
    ASSERT_FALSE(failed());
    d.CheckAllFinds();
    EXPECT_EQ(d.Fib().DirectBits(), Fib::kSmallDirectBits);

    // 2. Covering prefixes removed, then more single updates.
    d.RemoveCovering(50);
    d.Check(20000, 200);
    ASSERT_FALSE(failed());

    // 3. Bulk batches then lookups, crossing the s = 8 -> 16 threshold upwards.
    while (d.Size() <= Fib::kGrowThreshold + 1000 && !failed())
    {
        for (int i = 0; i < 3000; ++i)
        {
            d.RandomUpdate(95);
        }
        d.Check(10000, 500);
    }
    ASSERT_FALSE(failed());
    EXPECT_EQ(d.Fib().DirectBits(), Fib::kMediumDirectBits);
    d.CheckAllFinds();

    // 4. Single updates on the large table (incremental rebuilds of single slots).
    for (int i = 0; i < 300 && !failed(); ++i)
    {
        d.RandomUpdate(50);
        d.Check(10, 2);
    }
    ASSERT_FALSE(failed());
    d.RemoveCovering(200);
    d.Check(5000, 500);
    ASSERT_FALSE(failed());

    // 5. Bulk removals, crossing the 16 -> 8 threshold downwards, then single updates around it.
    while (d.Size() >= Fib::kShrinkThreshold - 500 && !failed())
    {
        for (int i = 0; i < 2500; ++i)
        {
            d.RandomUpdate(5);
        }
        d.Check(5000, 500);
    }
    ASSERT_FALSE(failed());
    EXPECT_EQ(d.Fib().DirectBits(), Fib::kSmallDirectBits);
    d.CheckAllFinds();
    for (int i = 0; i < 2000 && !failed(); ++i)
    {
        d.RandomUpdate(40);
        d.Check(40, 1);
    }
    ASSERT_FALSE(failed());

    // 6. Clear(), then a fresh small table with interleaved updates.
    d.Clear();
    EXPECT_EQ(d.Fib().TotalBytes(), 0u);
    d.Check(1000, 0);
    for (int i = 0; i < 3000 && !failed(); ++i)
    {
        d.RandomUpdate(i % 500 < 400 ? 80 : 10);
        d.Check(80, 2);
    }
    ASSERT_FALSE(failed());
    d.CheckAllFinds();
    EXPECT_GE(d.Lookups(), 1000000u);
}

} // namespace

TYPED_TEST(RtmFibTyped, RandomizedAgainstNaiveReference)
{
    Differential<TypeParam> d(TypeParam::kBits * 1000 + 7, false);
    RunRandomized(d);
}

TYPED_TEST(RtmFibTyped, ExternalStoreRandomizedAgainstNaiveReference)
{
    Differential<TypeParam> d(TypeParam::kBits * 1000 + 11, true);
    RunRandomized(d);
    // Without prefixes of its own, an external-store FIB is empty once its last prefix goes.
    d.Clear();
    EXPECT_EQ(d.Fib().TotalBytes(), 0u);
}

/// Decision 42: an incremental Sync on an external store rebuilds its dirty slots in address order,
/// reading nearby dirty slots (up to RtmFib's run gap apart) in one scan of the store. Every slot
/// holds long prefixes, and each round changes a prefix in a cluster of slots 1 to 12 apart, so
/// runs hold dirty slots with clean slots full of prefixes between them (which must not leak
/// into their neighbours), and runs end at gaps beyond the run gap; lookups checked each round.
template <typename F>
void
RunDirtyRuns()
{
    typedef typename F::Key Key;
    typedef RtmKeyOps<F> Ops;
    auto failed = [] { return ::testing::Test::HasFatalFailure(); };
    Differential<F> d(F::kBits * 1000 + 29, true);
    std::mt19937_64 rng(11);
    const uint32_t s = RtmFib<F>::kSmallDirectBits;
    auto inSlot = [&](uint32_t slot, uint32_t len) {
        Key k = static_cast<Key>(static_cast<Key>(slot) << (F::kBits - s));
        Key low = static_cast<Key>(rng());
        if constexpr (sizeof(Key) > 8)
        {
            low = static_cast<Key>(low << 64 | static_cast<Key>(rng()));
        }
        return Ops::Prefix(static_cast<Key>(k | (low & ~Ops::Mask(s))), len);
    };
    auto longLen = [&]() { return static_cast<uint32_t>(s + 1 + rng() % (F::kBits - s)); };
    auto value = [&]() { return static_cast<uint32_t>(1 + rng() % 50); };
    for (uint32_t slot = 0; slot < (1u << s); ++slot)
    {
        for (int i = 0; i < 3; ++i)
        {
            uint32_t len = longLen();
            d.SetPooled(inSlot(slot, len), static_cast<uint8_t>(len), value());
        }
    }
    d.SetPooled(Key(0), 0, 99); // a default under every slot
    d.Check(20000, 200);
    ASSERT_FALSE(failed());
    ASSERT_EQ(d.Fib().DirectBits(), s);
    for (int round = 0; round < 300 && !failed(); ++round)
    {
        uint32_t slot = static_cast<uint32_t>(rng() % (1u << s));
        for (int k = 0; k < 12 && slot < (1u << s); ++k)
        {
            uint32_t len = longLen();
            d.SetPooled(inSlot(slot, len), static_cast<uint8_t>(len), value());
            slot += 1 + static_cast<uint32_t>(rng() % 12);
        }
        for (int k = 0; k < round % 4; ++k)
        {
            d.RandomUpdate(0); // removals too
        }
        d.Check(2000, 20);
    }
    ASSERT_FALSE(failed());
    d.CheckAllFinds();
}

TYPED_TEST(RtmFibTyped, ExternalStoreDirtyRunsAgainstNaiveReference)
{
    RunDirtyRuns<TypeParam>();
}

/// The window of decision 38 (small FIBs whose long prefixes share a prefix well below s, as in
/// a simulated network): built, chosen again when the prefixes spread, rebuilt after single
/// updates inside and around it, dropped when it saves nothing; every lookup checked against the
/// reference, on the FIB's own store and on an external one.
template <typename F>
void
RunWindow(bool external)
{
    typedef typename F::Key Key;
    typedef RtmKeyOps<F> Ops;
    auto failed = [] { return ::testing::Test::HasFatalFailure(); };
    Differential<F> d(F::kBits * 1000 + (external ? 23 : 19), external);
    std::mt19937_64 rng(external ? 5 : 3);
    const uint32_t q = F::kBits == 32 ? 18 : 110; // the cluster, like Kdl's 10.0.0.0/18
    Key cluster = Ops::Prefix(static_cast<Key>(static_cast<Key>(0x0A) << (F::kBits - 8)), q);
    auto inside = [&](uint32_t len) {
        Key k = static_cast<Key>(cluster | (static_cast<Key>(rng()) & ~Ops::Mask(q)));
        return Ops::Prefix(k, len);
    };
    auto value = [&]() { return static_cast<uint32_t>(1 + rng() % 7); };
    // Link subnets (/30) and router addresses (/32) inside the cluster, a loopback elsewhere.
    for (int i = 0; i < 1500; ++i)
    {
        uint8_t len = static_cast<uint8_t>(F::kBits - (rng() % 3 == 0 ? 0 : 2));
        d.SetPooled(inside(len), len, value());
    }
    d.SetPooled(Ops::Prefix(static_cast<Key>(static_cast<Key>(0x7F) << (F::kBits - 8)), 8), 8, 9);
    d.SetPooled(
        Ops::Prefix(static_cast<Key>(static_cast<Key>(0x7F) << (F::kBits - 8)) | 1, F::kBits),
        F::kBits,
        9);
    d.Check(20000, 100);
    ASSERT_FALSE(failed());
    EXPECT_GE(d.Fib().WindowLength(), q); // built, at the cluster's prefix or below it
    EXPECT_GT(d.Fib().WindowLength(), RtmFib<F>::kSmallDirectBits);
    // Covering prefixes inside the slot: the cluster itself, shorter ones, the slot's /8, 0/0.
    d.SetPooled(cluster, static_cast<uint8_t>(q), 11);
    d.SetPooled(Ops::Prefix(cluster, q - 3), static_cast<uint8_t>(q - 3), 12);
    d.SetPooled(Ops::Prefix(cluster, 8), 8, 13);
    d.SetPooled(Key(0), 0, 14);
    d.Check(20000, 100);
    ASSERT_FALSE(failed());
    // Single updates inside the cluster interleaved with lookups (the window rebuilt each time).
    for (int i = 0; i < 1500 && !failed(); ++i)
    {
        uint32_t len = q + 1 + static_cast<uint32_t>(rng() % (F::kBits - q));
        Key p = inside(len);
        d.SetPooled(p, static_cast<uint8_t>(len), i % 5 == 0 ? 0 : value());
        d.Check(40, 1);
    }
    ASSERT_FALSE(failed());
    // A prefix in the same slot outside the cluster: the window moves up (a shorter q).
    Key outside = static_cast<Key>(cluster ^ (Key(1) << (F::kBits - 12)));
    d.SetPooled(Ops::Prefix(outside, F::kBits - 2), static_cast<uint8_t>(F::kBits - 2), 15);
    d.Check(20000, 100);
    ASSERT_FALSE(failed());
    EXPECT_LE(d.Fib().WindowLength(), 12u);
    // Removing most of the cluster drops the window (too few prefixes to pay for it).
    // Every prefix present is in the pool, so removing pool prefixes empties the FIB.
    for (int i = 0; d.Size() > 0 && !failed(); ++i)
    {
        d.RandomUpdate(0);
        if (i % 50 == 0)
        {
            d.Check(400, 10);
        }
    }
    d.Check(5000, 0);
    ASSERT_FALSE(failed());
    EXPECT_EQ(d.Size(), 0u);
    EXPECT_EQ(d.Fib().WindowLength(), 0u);
}

TYPED_TEST(RtmFibTyped, WindowAgainstNaiveReference)
{
    RunWindow<TypeParam>(false);
    RunWindow<TypeParam>(true);
}

TEST(RtmFib, FullRouteViews2015Ipv4Table)
{
    std::string path = std::string(RTM_SHARED_DATA) + "/tables/ipasn6_20151101.dat.gz";
    if (!std::filesystem::exists(path))
    {
        GTEST_SKIP() << "reference table " << path << " is absent";
    }
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    ASSERT_TRUE(RtmTableFile::Read(path, entries, rejected, errors));
    typedef RtmKeyOps<RtmIpv4Family> Ops;
    RtmFib4 fib;
    std::unordered_map<uint32_t, uint32_t> asnValue;
    std::vector<std::unordered_map<uint32_t, uint32_t>> byLen(33);
    std::vector<std::pair<uint32_t, uint8_t>> prefixes;
    for (const auto& e : entries)
    {
        if (e.prefix.addressFamily != RTM_AF_INET)
        {
            continue;
        }
        uint32_t v = asnValue.emplace(e.asn, asnValue.size() + 1).first->second;
        uint32_t key = Ops::FromNetAddress(e.prefix);
        uint8_t len = static_cast<uint8_t>(e.prefix.numBits);
        fib.Insert(key, len, v);
        byLen[len][key] = v;
        prefixes.push_back({key, len});
    }
    ASSERT_EQ(fib.Size(), 606138u);
    fib.Sync();
    EXPECT_EQ(fib.DirectBits(), RtmFib4::kLargeDirectBits);
    double perPrefix = static_cast<double>(fib.LookupBytes()) / static_cast<double>(fib.Size());
    EXPECT_LE(perPrefix, 8.0) << "lookup structure bytes per prefix";

    auto reference = [&byLen](uint32_t a) -> uint32_t {
        for (int len = 32; len >= 0; --len)
        {
            const auto& m = byLen[len];
            auto it = m.find(Ops::Prefix(a, len));
            if (it != m.end())
            {
                return it->second;
            }
        }
        return 0;
    };
    std::mt19937_64 rng(2015);
    for (int i = 0; i < 100000; ++i)
    {
        uint32_t a = static_cast<uint32_t>(rng());
        if (i % 2 == 1)
        {
            auto [p, len] = prefixes[rng() % prefixes.size()];
            a = p | (a & ~Ops::Mask(len));
        }
        ASSERT_EQ(fib.Lookup(a), reference(a)) << Ops::ToNetAddress(a, 32);
    }
    for (int i = 0; i < 10000; ++i)
    {
        auto [p, len] = prefixes[rng() % prefixes.size()];
        ASSERT_EQ(fib.Find(p, len), byLen[len][p]);
    }
    // Withdraw the table one prefix at a time (in file order, so whole regions go while others
    // stay), checking lookups on the way: s goes back from 18 to 16, then to 8.
    auto check = [&](int n) {
        for (int i = 0; i < n; ++i)
        {
            uint32_t a = static_cast<uint32_t>(rng());
            if (i % 2 == 1)
            {
                auto [p, len] = prefixes[rng() % prefixes.size()];
                a = p | (a & ~Ops::Mask(len));
            }
            ASSERT_EQ(fib.Lookup(a), reference(a)) << Ops::ToNetAddress(a, 32);
        }
    };
    std::size_t remaining = prefixes.size();
    std::vector<uint32_t> directBits;
    for (std::size_t i = 0; i < prefixes.size() && remaining > 3000; ++i)
    {
        // Every prefix but one in 400 goes; those left get a new value.
        auto [p, len] = prefixes[i];
        if (i % 400 == 0)
        {
            fib.Insert(p, len, 7);
            byLen[len][p] = 7;
            continue;
        }
        ASSERT_TRUE(fib.Remove(p, len));
        byLen[len].erase(p);
        --remaining;
        if (i % 20000 == 1)
        {
            check(2000);
            ASSERT_FALSE(HasFatalFailure());
            if (directBits.empty() || directBits.back() != fib.DirectBits())
            {
                directBits.push_back(fib.DirectBits());
            }
        }
    }
    if (directBits.empty() || directBits.back() != fib.DirectBits())
    {
        directBits.push_back(fib.DirectBits());
    }
    check(20000);
    ASSERT_EQ(fib.Size(), remaining);
    EXPECT_EQ(fib.DirectBits(), RtmFib4::kSmallDirectBits);
    EXPECT_EQ(directBits, (std::vector<uint32_t>{18, 16, 8}));
}
