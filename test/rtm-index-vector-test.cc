/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of RtmIndexVector, the one-word vector of slot indices of route and destination
 * records: random assignments, insertions, erasures, copies and moves compared after every step
 * with a std::vector, through the inline form (0 or 1 element, any value including 0 and
 * 0xFFFFFFFF) and the heap form (growth by doubling, shrinking back inside the block).
 * Tests of RtmSlotList and its RtmSlotPool (decision 43), the 32-bit lists of the records: the
 * same random operations on many lists of one pool, compared with std::vector, and after every
 * step the normal form (pooled exactly when two elements or more, or one of 2^31 or above) and
 * the pool's count of pooled lists.
 */
#include "ns3/rtm-index-vector.h"

#include <gtest/gtest.h>
#include <random>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

void
ExpectSame(const RtmIndexVector& v, const std::vector<uint32_t>& ref)
{
    ASSERT_EQ(v.size(), ref.size());
    ASSERT_EQ(v.empty(), ref.empty());
    ASSERT_EQ(static_cast<std::size_t>(v.end() - v.begin()), ref.size());
    for (uint32_t i = 0; i < ref.size(); ++i)
    {
        ASSERT_EQ(v[i], ref[i]);
    }
    for (uint32_t x : ref)
    {
        uint32_t pos = v.Find(x);
        ASSERT_LT(pos, ref.size());
        ASSERT_EQ(v[pos], x);
    }
    if (ref.size() <= 1)
    {
        // One element or none stays inline unless a heap block was taken before.
        ASSERT_TRUE(v.HeapBytes() == 0 || v.HeapBytes() >= 2 * sizeof(uint32_t));
    }
    else
    {
        ASSERT_GE(v.HeapBytes(), ref.size() * sizeof(uint32_t));
    }
}

uint32_t
Value(std::mt19937& rng)
{
    switch (rng() % 4)
    {
    case 0:
        return 0;
    case 1:
        return 0xFFFFFFFFu;
    default:
        return rng();
    }
}

} // namespace

TEST(RtmIndexVector, OneWord)
{
    EXPECT_EQ(sizeof(RtmIndexVector), 8u);
    RtmIndexVector v;
    EXPECT_TRUE(v.empty());
    EXPECT_EQ(v.HeapBytes(), 0u);
    uint32_t one = 0xFFFFFFFFu;
    v.Assign(&one, 1);
    EXPECT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0], 0xFFFFFFFFu);
    EXPECT_EQ(v.HeapBytes(), 0u); // one element needs no heap block
    v.Insert(0, 7);
    EXPECT_GT(v.HeapBytes(), 0u);
    EXPECT_EQ(v[0], 7u);
    EXPECT_EQ(v[1], 0xFFFFFFFFu);
}

TEST(RtmIndexVector, RandomOperationsAgreeWithStdVector)
{
    std::mt19937 rng(5);
    std::vector<RtmIndexVector> vs(8);
    std::vector<std::vector<uint32_t>> refs(8);
    for (int step = 0; step < 200000; ++step)
    {
        std::size_t i = rng() % vs.size();
        RtmIndexVector& v = vs[i];
        std::vector<uint32_t>& ref = refs[i];
        switch (rng() % 8)
        {
        case 0: {
            std::vector<uint32_t> src(rng() % 6);
            for (auto& x : src)
            {
                x = Value(rng);
            }
            v.Assign(src.data(), static_cast<uint32_t>(src.size()));
            ref = src;
            break;
        }
        case 1:
        case 2:
            if (ref.size() < 40)
            {
                uint32_t pos = rng() % (ref.size() + 1);
                uint32_t x = Value(rng);
                v.Insert(pos, x);
                ref.insert(ref.begin() + pos, x);
            }
            break;
        case 3:
        case 4:
            if (!ref.empty())
            {
                uint32_t pos = rng() % ref.size();
                v.Erase(pos);
                ref.erase(ref.begin() + pos);
            }
            break;
        case 5: {
            std::size_t j = rng() % vs.size();
            vs[j] = vs[i]; // copy-assign (also to itself)
            refs[j] = refs[i];
            break;
        }
        case 6: {
            std::size_t j = rng() % vs.size();
            if (j != i)
            {
                vs[j] = std::move(vs[i]);
                refs[j] = std::move(refs[i]);
                refs[i].clear();
                ExpectSame(vs[i], refs[i]); // moved-from: empty
            }
            break;
        }
        default: {
            RtmIndexVector copy(v);
            RtmIndexVector moved(std::move(copy));
            ExpectSame(moved, ref);
            ExpectSame(copy, {});
            if (!ref.empty())
            {
                v[0] = v[0] ^ 1u; // element access writes through
                ref[0] ^= 1u;
            }
            break;
        }
        }
        ExpectSame(vs[i], refs[i]);
    }
}

TEST(RtmSlotList, RandomOperationsAgreeWithStdVector)
{
    EXPECT_EQ(sizeof(RtmSlotList), 4u);
    std::mt19937 rng(11);
    RtmSlotPool pool;
    std::vector<RtmSlotList> ls(16);
    std::vector<std::vector<uint32_t>> refs(16);
    auto small = [&rng]() {
        // Mostly slot-like values, some at or above 2^31 (pooled even alone).
        return rng() % 8 == 0 ? 0x80000000u | rng() : rng() % 1000;
    };
    for (int step = 0; step < 200000; ++step)
    {
        std::size_t i = rng() % ls.size();
        RtmSlotList& l = ls[i];
        std::vector<uint32_t>& ref = refs[i];
        switch (rng() % 5)
        {
        case 0: {
            std::vector<uint32_t> src(rng() % 5);
            for (auto& x : src)
            {
                x = small();
            }
            pool.Assign(l, src.data(), static_cast<uint32_t>(src.size()));
            ref = src;
            break;
        }
        case 1:
        case 2:
            if (ref.size() < 20)
            {
                uint32_t pos = rng() % (ref.size() + 1);
                uint32_t x = small();
                pool.Insert(l, pos, x);
                ref.insert(ref.begin() + pos, x);
            }
            break;
        default:
            if (!ref.empty())
            {
                uint32_t pos = rng() % ref.size();
                pool.Erase(l, pos);
                ref.erase(ref.begin() + pos);
            }
            break;
        }
        RtmSlotSpan span = pool.Items(l);
        ASSERT_EQ(span.size(), ref.size());
        ASSERT_EQ(span.empty(), ref.empty());
        ASSERT_EQ(l.empty(), ref.empty());
        for (uint32_t k = 0; k < ref.size(); ++k)
        {
            ASSERT_EQ(span[k], ref[k]);
            ASSERT_EQ(span[span.Find(ref[k])], ref[k]);
        }
        ASSERT_EQ(span.Find(0xFFFFFFFFu), span.size()); // never stored
        ASSERT_TRUE(pool.IsNormal(l));
        ASSERT_EQ(RtmSlotPool::IsPooled(l),
                  ref.size() >= 2 || (ref.size() == 1 && ref[0] >= 0x80000000u));
        uint32_t pooled = 0;
        for (const auto& x : ls)
        {
            pooled += RtmSlotPool::IsPooled(x);
        }
        ASSERT_EQ(pool.PooledCount(), pooled);
    }
    // Emptied lists give their entries back: the pool holds no list.
    for (auto& l : ls)
    {
        pool.Assign(l, nullptr, 0);
    }
    EXPECT_EQ(pool.PooledCount(), 0u);
}
