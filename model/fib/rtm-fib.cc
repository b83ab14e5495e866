/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmFib: see rtm-fib.h for the algorithm and its invariants. Sync's incremental rebuild
 * (RebuildDirty) takes the dirty slots in address order; on an external store the prefixes of a
 * run of dirty slots each at most kRunGap (8) slots after the one before are read with one scan
 * of the store and split per slot (decision 42).
 */
#include "rtm-fib.h"

#include "ns3/abort.h"
#include "ns3/assert.h"

#include <algorithm>
#include <vector>

namespace ns3
{

const uint32_t g_rtmFibEmptyDirect[256] = {};

namespace
{

bool
DetectPopcnt()
{
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("popcnt");
#else
    return false;
#endif
}

} // namespace

// Before this initializer runs (another library's static constructor), lookups use the SWAR count.
const bool g_rtmFibHasPopcnt = DetectPopcnt();

template <typename F>
struct RtmFib<F>::Control
{
    /// A prefix longer than s (in a bucket, or collected from the external store).
    typedef RtmFibPrefix<F> Entry;

    /// The prefixes longer than s of one direct slot.
    struct Bucket
    {
        std::vector<Entry> entries; //!< [0, sorted): sorted, unique; then recent appends
        std::size_t sorted{0};      //!< length of the sorted part
    };

    uint32_t s{kSmallDirectBits}; //!< direct bits of the store (and of the next rebuild)

    // The external store (null: the buckets below hold the prefixes longer than s).
    const RtmFibStore<F>* store{nullptr}; //!< the store
    uint32_t view{0};                     //!< this FIB's view in the store
    std::vector<Entry> scratch;           //!< prefixes collected for the slots being built
    /// A dirty slot at most this many slots after another is read with it in one scan of the
    /// store (decision 42): the prefixes between them cost less than a second search.
    static constexpr uint32_t kRunGap = 8;

    // The lookup structure.
    std::vector<uint32_t> direct; //!< 2^s entries
    std::vector<Node> nodes;      //!< node array
    std::vector<uint32_t> leaves; //!< leaf array

    // The prefix store.
    std::vector<uint32_t> shortValues;    //!< 2^(s+1) values of prefixes <= s (empty if none)
    std::vector<uint32_t> slotBucket;     //!< 2^s: 1 + bucket id, 0 if none (empty if none)
    std::vector<Bucket> buckets;          //!< buckets (some free)
    std::vector<uint32_t> freeBuckets;    //!< ids of free buckets
    std::vector<uint32_t> pendingBuckets; //!< ids of buckets that may have an unsorted tail
    std::size_t shortCount{0};            //!< prefixes of length <= s
    std::size_t longCount{0};             //!< prefixes in the sorted parts of the buckets
                                          //!< (external store: prefixes longer than s)
    std::size_t pendingCount{0};          //!< entries in unsorted tails

    // Dirty tracking.
    std::vector<uint64_t> dirtyBits;  //!< one bit per direct slot
    std::vector<uint32_t> dirtySlots; //!< the slots whose bit is set
    bool fullRebuild{true};           //!< rebuild everything at the next Sync

    // The window (decision 40): built whole from the prefixes of slot winSlot.
    static constexpr uint32_t kNoSlot = 0xFFFFFFFFu; //!< no window
    uint32_t winSlot{kNoSlot};                       //!< the direct slot the window lies in
    uint32_t winSlotEntry{0};        //!< its direct entry (direct[winSlot] is kWindowEntry)
    uint32_t winLen{0};              //!< q: the window's prefix length
    uint32_t winBits{0};             //!< t: its entries are 2^t
    Key winKey{0};                   //!< W: the window's prefix bits
    std::vector<uint32_t> window;    //!< 2^t entries (leaf value, or kNodeFlag | root)
    std::vector<Node> winNodes;      //!< the window's subtrees' nodes
    std::vector<uint32_t> winLeaves; //!< the window's subtrees' leaves
    uint32_t densestSlot{kNoSlot};   //!< the slot with the most long prefixes built at this Sync
    std::size_t densestCount{0};     //!< its prefixes longer than s

    // Garbage accounting (in array elements).
    std::size_t liveNodes{0};     //!< nodes reachable from direct
    std::size_t liveLeaves{0};    //!< leaves reachable from direct
    std::size_t garbageNodes{0};  //!< unreachable nodes
    std::size_t garbageLeaves{0}; //!< unreachable leaves

    Control(uint32_t directBits, const RtmFibStore<F>* st, uint32_t v)
        : store(st),
          view(v)
    {
        Init(directBits);
    }

    void Init(uint32_t directBits)
    {
        s = directBits;
        direct.assign(std::size_t(1) << s, 0);
        direct.shrink_to_fit();
        nodes = std::vector<Node>();
        leaves = std::vector<uint32_t>();
        shortValues = std::vector<uint32_t>();
        slotBucket = std::vector<uint32_t>();
        buckets = std::vector<Bucket>();
        freeBuckets = std::vector<uint32_t>();
        pendingBuckets = std::vector<uint32_t>();
        shortCount = longCount = pendingCount = 0;
        dirtyBits.assign(std::max<std::size_t>(1, (std::size_t(1) << s) / 64), 0);
        dirtyBits.shrink_to_fit();
        dirtySlots = std::vector<uint32_t>();
        fullRebuild = true;
        liveNodes = liveLeaves = garbageNodes = garbageLeaves = 0;
        ClearWindow();
    }

    /// Put the window slot's own entry back into D (before its slots are rebuilt).
    void UnmarkWindow()
    {
        if (winSlot != kNoSlot)
        {
            direct[winSlot] = winSlotEntry;
        }
    }

    /// Point D's entry of the window's slot at the window.
    void MarkWindow()
    {
        if (winSlot != kNoSlot)
        {
            winSlotEntry = direct[winSlot];
            direct[winSlot] = kWindowEntry;
        }
    }

    /// Drop the window.
    void ClearWindow()
    {
        winSlot = kNoSlot;
        winSlotEntry = 0;
        winLen = winBits = 0;
        winKey = 0;
        window = std::vector<uint32_t>();
        winNodes = std::vector<Node>();
        winLeaves = std::vector<uint32_t>();
    }

    /// Note that slot \p slot was built from \p n prefixes longer than s (window candidates).
    void NoteSlot(uint32_t slot, std::size_t n)
    {
        if (n > densestCount)
        {
            densestSlot = slot;
            densestCount = n;
        }
    }

    /**
     * Rebuild the window at the end of a Sync: in the slot it lies in if that slot was rebuilt,
     * else (or if there is none, or after a full rebuild) in the densest slot built.
     * \param rebuiltWindowSlot true if the window's slot was among those rebuilt
     * \param all true after a full rebuild
     */
    void UpdateWindow(bool rebuiltWindowSlot, bool all)
    {
        uint32_t slot = kNoSlot;
        if (s != kSmallDirectBits)
        {
            ClearWindow();
        }
        else if (all || winSlot == kNoSlot)
        {
            slot = densestCount >= kMinWindowPrefixes ? densestSlot : kNoSlot;
            if (slot == kNoSlot && all)
            {
                ClearWindow();
            }
        }
        else if (rebuiltWindowSlot)
        {
            slot = winSlot;
        }
        densestSlot = kNoSlot;
        densestCount = 0;
        if (slot != kNoSlot)
        {
            BuildWindow(slot);
        }
        MarkWindow(); // the new window, or the one kept
    }

    /// Build (or drop) the window over the prefixes of slot \p slot.
    void BuildWindow(uint32_t slot)
    {
        const Entry* e;
        std::size_t n;
        if (store != nullptr)
        {
            CollectSlots(slot, 1);
            e = scratch.data();
            n = scratch.size();
        }
        else
        {
            Bucket* b = FindBucket(slot);
            e = b == nullptr ? nullptr : b->entries.data();
            n = b == nullptr ? 0 : b->entries.size();
        }
        ClearWindow();
        if (n < kMinWindowPrefixes)
        {
            return;
        }
        // q: the prefix all of them share (sorted: the first and last bound the spread), no
        // longer than the shortest of them.
        uint32_t minLen = F::kBits;
        uint32_t maxLen = 0;
        for (std::size_t i = 0; i < n; ++i)
        {
            minLen = std::min<uint32_t>(minLen, e[i].len);
            maxLen = std::max<uint32_t>(maxLen, e[i].len);
        }
        uint32_t q = std::min(RtmKeyOps<F>::CommonLength(e[0].prefix, e[n - 1].prefix), minLen);
        uint32_t t = 1;
        while (t < kMaxWindowBits && (std::size_t(1) << t) < n)
        {
            ++t;
        }
        t = std::min(t, F::kBits - q);
        // Node levels to the longest prefix without and with the window: it must save one.
        uint32_t without = (maxLen - s + 5) / 6;
        uint32_t with = maxLen > q + t ? (maxLen - q - t + 5) / 6 : 0;
        if (q <= s || with >= without)
        {
            return;
        }
        winSlot = slot;
        winLen = q;
        winBits = t;
        winKey = RtmKeyOps<F>::Prefix(e[0].prefix, q);
        // The window's default: the slot's (prefixes of length <= s) or a prefix of length q.
        uint32_t def = SlotDefault(slot);
        std::vector<uint32_t> val(std::size_t(1) << t, def);
        std::vector<uint32_t> lo(std::size_t(1) << t, 0);
        std::vector<uint32_t> hi(std::size_t(1) << t, 0);
        const uint32_t end = q + t;
        for (std::size_t i = 0; i < n; ++i)
        {
            const Entry& x = e[i];
            uint32_t c = static_cast<uint32_t>(static_cast<Key>(x.prefix << q) >> (F::kBits - t));
            if (x.len > end)
            {
                if (hi[c] == 0)
                {
                    lo[c] = static_cast<uint32_t>(i);
                }
                hi[c] = static_cast<uint32_t>(i + 1);
            }
            else
            {
                // Pre-order: a covering prefix is painted before the prefixes it covers.
                std::size_t span = std::size_t(1) << (end - x.len);
                std::fill(val.begin() + c, val.begin() + c + span, x.value);
            }
        }
        // The subtrees below q + t, built by BuildNode into the window's own arrays.
        std::swap(nodes, winNodes);
        std::swap(leaves, winLeaves);
        window.assign(std::size_t(1) << t, 0);
        for (std::size_t c = 0; c < window.size(); ++c)
        {
            if (hi[c] == 0)
            {
                window[c] = val[c];
                continue;
            }
            uint32_t root = static_cast<uint32_t>(nodes.size());
            nodes.emplace_back();
            BuildNode(root, e + lo[c], hi[c] - lo[c], end, val[c]);
            window[c] = kNodeFlag | root;
        }
        std::swap(nodes, winNodes);
        std::swap(leaves, winLeaves);
        winNodes.shrink_to_fit();
        winLeaves.shrink_to_fit();
        if (store != nullptr)
        {
            TrimScratch();
        }
    }

    /// (External store) Collect into scratch the prefixes longer than s of the slots
    /// [first, first + count), in address order.
    void CollectSlots(std::size_t first, std::size_t count)
    {
        scratch.clear();
        Key lo = static_cast<Key>(Key(first) << (F::kBits - s));
        Key hi = static_cast<Key>((Key(first + count - 1) << (F::kBits - s)) |
                                  (static_cast<Key>(~Key(0)) >> s));
        store->CollectFib(view, lo, hi, s + 1, F::kBits, scratch);
    }

    /// Release the scratch vector if a full rebuild left it large.
    void TrimScratch()
    {
        if (scratch.capacity() > 1024)
        {
            std::vector<Entry>().swap(scratch);
        }
    }

    /// \return the direct slot of a key
    uint32_t SlotOf(Key key) const
    {
        return static_cast<uint32_t>(key >> (F::kBits - s));
    }

    /// \return the heap index of a prefix of length <= s
    static std::size_t HeapIndex(Key prefix, uint32_t len)
    {
        std::size_t bits = len == 0 ? 0 : static_cast<std::size_t>(prefix >> (F::kBits - len));
        return (std::size_t(1) << len) + bits;
    }

    /// \return an upper bound of the number of prefixes (exact when nothing is pending)
    std::size_t ApproxSize() const
    {
        return shortCount + longCount + pendingCount;
    }

    void MarkSlot(uint32_t slot)
    {
        if (fullRebuild)
        {
            return;
        }
        uint64_t bit = uint64_t(1) << (slot & 63);
        if (dirtyBits[slot >> 6] & bit)
        {
            return;
        }
        if (dirtySlots.size() >= (std::size_t(1) << s) / 4)
        {
            fullRebuild = true;
            return;
        }
        dirtyBits[slot >> 6] |= bit;
        dirtySlots.push_back(slot);
    }

    void MarkRange(uint32_t first, std::size_t count)
    {
        if (fullRebuild)
        {
            return;
        }
        if (dirtySlots.size() + count > (std::size_t(1) << s) / 4)
        {
            fullRebuild = true;
            return;
        }
        for (std::size_t i = 0; i < count; ++i)
        {
            MarkSlot(static_cast<uint32_t>(first + i));
        }
    }

    static bool Less(const Entry& a, const Entry& b)
    {
        return RtmKeyOps<F>::Before(a.prefix, a.len, b.prefix, b.len);
    }

    /// Less as a function object: the standard algorithms inline it, where a pointer is not.
    struct LessFn
    {
        bool operator()(const Entry& a, const Entry& b) const
        {
            return Less(a, b);
        }
    };

    static bool Same(const Entry& a, const Entry& b)
    {
        return a.prefix == b.prefix && a.len == b.len;
    }

    /// Merge the unsorted tail of bucket \p b into its sorted part (the tail wins on duplicates).
    void Normalize(Bucket& b)
    {
        std::vector<Entry>& e = b.entries;
        if (b.sorted == e.size())
        {
            return;
        }
        std::size_t tailLen = e.size() - b.sorted;
        if (tailLen == 1)
        {
            // A single update (the common case): insert it in place, no allocation.
            auto sortedEnd = e.begin() + static_cast<std::ptrdiff_t>(b.sorted);
            auto pos = std::lower_bound(e.begin(), sortedEnd, e.back(), LessFn());
            if (pos != sortedEnd && Same(*pos, e.back()))
            {
                pos->value = e.back().value;
                e.pop_back();
            }
            else
            {
                std::rotate(pos, e.end() - 1, e.end());
                ++longCount;
            }
            --pendingCount;
            b.sorted = e.size();
            return;
        }
        auto tailBegin = e.begin() + static_cast<std::ptrdiff_t>(b.sorted);
        std::stable_sort(tailBegin, e.end(), LessFn());
        // Keep the last of each run of equal keys in the tail.
        auto out = tailBegin;
        for (auto it = tailBegin; it != e.end(); ++it)
        {
            if (it + 1 != e.end() && Same(*it, *(it + 1)))
            {
                continue;
            }
            *out++ = *it;
        }
        e.erase(out, e.end());
        std::size_t before = b.sorted;
        std::size_t added = 0;
        if (before == 0)
        {
            added = e.size();
            // A bucket filled by a bulk load keeps the slack of its doublings otherwise (about
            // a third of its entries on a full table); single updates later insert in place.
            if (e.capacity() > e.size() + e.size() / 8 + 1)
            {
                e.shrink_to_fit();
            }
        }
        else
        {
            std::vector<Entry> merged;
            merged.reserve(e.size());
            auto a = e.begin();
            auto aEnd = e.begin() + static_cast<std::ptrdiff_t>(before);
            auto t = aEnd;
            while (a != aEnd || t != e.end())
            {
                if (t == e.end() || (a != aEnd && Less(*a, *t)))
                {
                    merged.push_back(*a++);
                }
                else
                {
                    if (a != aEnd && Same(*a, *t))
                    {
                        ++a; // replaced by the newer tail entry
                    }
                    else
                    {
                        ++added;
                    }
                    merged.push_back(*t++);
                }
            }
            e.swap(merged);
        }
        longCount += added;
        pendingCount -= tailLen;
        b.sorted = e.size();
    }

    /// Normalize every bucket with a tail.
    void FlushPending()
    {
        if (pendingCount == 0)
        {
            pendingBuckets.clear();
            return;
        }
        for (uint32_t id : pendingBuckets)
        {
            Normalize(buckets[id]);
        }
        pendingBuckets.clear();
    }

    /// \return the bucket of a slot, or null
    Bucket* FindBucket(uint32_t slot)
    {
        if (slotBucket.empty() || slotBucket[slot] == 0)
        {
            return nullptr;
        }
        return &buckets[slotBucket[slot] - 1];
    }

    /// Append a prefix longer than s to its bucket's tail.
    void Append(Key prefix, uint8_t len, uint32_t value)
    {
        uint32_t slot = SlotOf(prefix);
        if (slotBucket.empty())
        {
            slotBucket.assign(std::size_t(1) << s, 0);
        }
        uint32_t id;
        if (slotBucket[slot] == 0)
        {
            if (!freeBuckets.empty())
            {
                id = freeBuckets.back();
                freeBuckets.pop_back();
            }
            else
            {
                id = static_cast<uint32_t>(buckets.size());
                buckets.emplace_back();
            }
            slotBucket[slot] = id + 1;
        }
        else
        {
            id = slotBucket[slot] - 1;
        }
        Bucket& b = buckets[id];
        if (b.sorted == b.entries.size())
        {
            pendingBuckets.push_back(id);
        }
        b.entries.push_back(Entry{prefix, value, len});
        ++pendingCount;
        MarkSlot(slot);
    }

    /// Set the value of a prefix of length <= s (0: remove). \return the old value
    uint32_t SetShort(Key prefix, uint32_t len, uint32_t value)
    {
        if (shortValues.empty())
        {
            if (value == 0)
            {
                return 0;
            }
            shortValues.assign(std::size_t(2) << s, 0);
        }
        uint32_t& v = shortValues[HeapIndex(prefix, len)];
        uint32_t old = v;
        if (old == value)
        {
            return old;
        }
        v = value;
        shortCount = shortCount + (value != 0) - (old != 0);
        uint32_t first = SlotOf(prefix);
        MarkRange(first, std::size_t(1) << (s - len));
        if (shortCount == 0)
        {
            shortValues = std::vector<uint32_t>();
        }
        return old;
    }

    /// Append the prefixes of the short-prefix array of length <= \p maxLen to \p out.
    void ShortPrefixes(uint32_t maxLen, std::vector<Entry>& out) const
    {
        if (shortValues.empty())
        {
            return;
        }
        for (uint32_t len = 0; len <= maxLen; ++len)
        {
            std::size_t first = std::size_t(1) << len;
            for (std::size_t i = 0; i < first; ++i)
            {
                uint32_t v = shortValues[first + i];
                if (v != 0)
                {
                    Key prefix = len == 0 ? Key(0) : static_cast<Key>(Key(i) << (F::kBits - len));
                    out.push_back({prefix, v, static_cast<uint8_t>(len)});
                }
            }
        }
    }

    /// \return the value of the longest prefix of length <= s covering \p slot
    uint32_t SlotDefault(uint32_t slot) const
    {
        if (shortValues.empty())
        {
            return 0;
        }
        for (int32_t len = static_cast<int32_t>(s); len >= 0; --len)
        {
            uint32_t v = shortValues[(std::size_t(1) << len) + (slot >> (s - len))];
            if (v != 0)
            {
                return v;
            }
        }
        return 0;
    }

    /// Count the nodes and leaves of the subtree rooted at node \p idx.
    void CountSubtree(uint32_t idx, std::size_t& n, std::size_t& l) const
    {
        const Node& node = nodes[idx];
        ++n;
        l += RtmPopcount64(node.leafvec);
        uint32_t children = RtmPopcount64(node.vector);
        for (uint32_t i = 0; i < children; ++i)
        {
            CountSubtree(node.base1 + i, n, l);
        }
    }

    /**
     * Build node \p ni (already allocated) at bit offset \p off from the entries [e, e + n),
     * all longer than off and sorted by (prefix, len), with default value \p def.
     */
    void BuildNode(uint32_t ni, const Entry* e, std::size_t n, uint32_t off, uint32_t def)
    {
        uint32_t val[64];
        uint32_t lo[64];
        uint32_t hi[64];
        std::fill(val, val + 64, def);
        uint64_t vec = 0;
        const uint32_t end = off + 6;
        for (std::size_t i = 0; i < n; ++i)
        {
            const Entry& x = e[i];
            uint32_t c = Chunk(x.prefix, off);
            if (x.len > end)
            {
                if (!((vec >> c) & 1))
                {
                    vec |= uint64_t(1) << c;
                    lo[c] = static_cast<uint32_t>(i);
                }
                hi[c] = static_cast<uint32_t>(i + 1);
            }
            else
            {
                // Pre-order: a covering prefix is painted before the prefixes it covers.
                uint32_t span = 1u << (end - x.len);
                std::fill(val + c, val + c + span, x.value);
            }
        }
        uint32_t base1 = static_cast<uint32_t>(nodes.size());
        nodes.resize(nodes.size() + RtmPopcount64(vec));
        uint32_t base0 = static_cast<uint32_t>(leaves.size());
        uint64_t leafvec = 0;
        bool first = true;
        uint32_t prev = 0;
        for (uint32_t c = 0; c < 64; ++c)
        {
            if ((vec >> c) & 1)
            {
                continue;
            }
            if (first || val[c] != prev)
            {
                leafvec |= uint64_t(1) << c;
                leaves.push_back(val[c]);
                prev = val[c];
                first = false;
            }
        }
        nodes[ni] = Node{vec, leafvec, base0, base1};
        uint32_t child = base1;
        for (uint32_t c = 0; c < 64; ++c)
        {
            if ((vec >> c) & 1)
            {
                BuildNode(child++, e + lo[c], hi[c] - lo[c], end, val[c]);
            }
        }
    }

    /// \return the direct entry of a slot with default value \p def and the prefixes
    /// [e, e + n) longer than s (sorted)
    uint32_t BuildFrom(const Entry* e, std::size_t n, uint32_t def)
    {
        if (n == 0)
        {
            return def;
        }
        NS_ABORT_MSG_IF(nodes.size() >= kNodeFlag / 2, "RtmFib: node array full");
        uint32_t root = static_cast<uint32_t>(nodes.size());
        nodes.emplace_back();
        BuildNode(root, e, n, s, def);
        return kNodeFlag | root;
    }

    /**
     * Build the direct entry of \p slot from the collected prefixes (scratch, in address order)
     * from index \p i on, skipping those of earlier slots, with default value \p def.
     * \return the index past the slot's prefixes
     */
    std::size_t BuildCollected(uint32_t slot, std::size_t i, uint32_t def)
    {
        while (i < scratch.size() && SlotOf(scratch[i].prefix) < slot)
        {
            ++i;
        }
        std::size_t j = i;
        while (j < scratch.size() && SlotOf(scratch[j].prefix) == slot)
        {
            ++j;
        }
        NoteSlot(slot, j - i);
        direct[slot] = BuildFrom(scratch.data() + i, j - i, def);
        return j;
    }

    /// \return the direct entry of \p slot built from its bucket (or the store) and default value
    uint32_t BuildSlot(uint32_t slot, uint32_t def)
    {
        if (store != nullptr)
        {
            CollectSlots(slot, 1);
            NoteSlot(slot, scratch.size());
            return BuildFrom(scratch.data(), scratch.size(), def);
        }
        Bucket* b = FindBucket(slot);
        if (b == nullptr || b->entries.empty())
        {
            return def;
        }
        NS_ASSERT(b->sorted == b->entries.size());
        NoteSlot(slot, b->entries.size());
        return BuildFrom(b->entries.data(), b->entries.size(), def);
    }

    void ClearDirty()
    {
        if (fullRebuild)
        {
            std::fill(dirtyBits.begin(), dirtyBits.end(), 0);
        }
        else
        {
            for (uint32_t slot : dirtySlots)
            {
                dirtyBits[slot >> 6] = 0;
            }
        }
        dirtySlots.clear();
        fullRebuild = false;
    }

    void RebuildAll()
    {
        FlushPending();
        nodes.clear();
        leaves.clear();
        std::size_t slots = std::size_t(1) << s;
        std::vector<uint32_t> inherited;
        if (!shortValues.empty())
        {
            inherited.assign(std::size_t(2) << s, 0);
            inherited[1] = shortValues[1];
            for (std::size_t i = 2; i < inherited.size(); ++i)
            {
                inherited[i] = shortValues[i] != 0 ? shortValues[i] : inherited[i >> 1];
            }
        }
        if (store == nullptr)
        {
            for (std::size_t slot = 0; slot < slots; ++slot)
            {
                uint32_t def = inherited.empty() ? 0 : inherited[slots + slot];
                direct[slot] = BuildSlot(static_cast<uint32_t>(slot), def);
            }
        }
        else
        {
            // The store's prefixes longer than s, a run of slots at a time, in address order.
            for (std::size_t first = 0; first < slots; first += kCollectSlots)
            {
                std::size_t count = std::min<std::size_t>(kCollectSlots, slots - first);
                CollectSlots(first, count);
                std::size_t i = 0;
                for (std::size_t slot = first; slot < first + count; ++slot)
                {
                    uint32_t def = inherited.empty() ? 0 : inherited[slots + slot];
                    i = BuildCollected(static_cast<uint32_t>(slot), i, def);
                }
            }
            TrimScratch();
        }
        if (nodes.capacity() > nodes.size() + nodes.size() / 8 + 16)
        {
            nodes.shrink_to_fit();
        }
        if (leaves.capacity() > leaves.size() + leaves.size() / 8 + 64)
        {
            leaves.shrink_to_fit();
        }
        liveNodes = nodes.size();
        liveLeaves = leaves.size();
        garbageNodes = garbageLeaves = 0;
        fullRebuild = true; // clears every dirty bit
        ClearDirty();
        UpdateWindow(false, true);
    }

    void RebuildDirty()
    {
        FlushPending();
        UnmarkWindow();
        bool windowSlot = false;
        if (store != nullptr)
        {
            // In address order (decision 42): the store's prefixes of nearby dirty slots are read
            // in one scan, and each slot's reads (store, short-prefix array) follow the last.
            std::sort(dirtySlots.begin(), dirtySlots.end());
        }
        for (std::size_t k = 0; k < dirtySlots.size();)
        {
            // A run [k, m) of dirty slots, each at most kRunGap slots after the one before.
            std::size_t m = k + 1;
            if (store != nullptr)
            {
                while (m < dirtySlots.size() && dirtySlots[m] - dirtySlots[m - 1] <= kRunGap &&
                       dirtySlots[m] - dirtySlots[k] < kCollectSlots)
                {
                    ++m;
                }
                CollectSlots(dirtySlots[k], dirtySlots[m - 1] - dirtySlots[k] + 1);
            }
            std::size_t i = 0; // the run's first scratch entry not yet built
            for (; k < m; ++k)
            {
                uint32_t slot = dirtySlots[k];
                windowSlot = windowSlot || slot == winSlot;
                uint32_t old = direct[slot];
                if (old & kNodeFlag)
                {
                    std::size_t n = 0;
                    std::size_t l = 0;
                    CountSubtree(old & ~kNodeFlag, n, l);
                    liveNodes -= n;
                    liveLeaves -= l;
                    garbageNodes += n;
                    garbageLeaves += l;
                }
                std::size_t n0 = nodes.size();
                std::size_t l0 = leaves.size();
                if (store != nullptr)
                {
                    i = BuildCollected(slot, i, SlotDefault(slot));
                }
                else
                {
                    direct[slot] = BuildSlot(slot, SlotDefault(slot));
                }
                liveNodes += nodes.size() - n0;
                liveLeaves += leaves.size() - l0;
            }
        }
        ClearDirty();
        if (store != nullptr)
        {
            TrimScratch();
        }
        if (garbageNodes * sizeof(Node) + garbageLeaves * sizeof(uint32_t) >
            liveNodes * sizeof(Node) + liveLeaves * sizeof(uint32_t) + 4096)
        {
            RebuildAll(); // chooses the window again
            return;
        }
        UpdateWindow(windowSlot, false);
        if (store != nullptr)
        {
            TrimScratch();
        }
    }

    /// \return the heap bytes of the lookup structure
    std::size_t LookupBytes() const
    {
        return direct.capacity() * sizeof(uint32_t) + nodes.capacity() * sizeof(Node) +
               leaves.capacity() * sizeof(uint32_t) + window.capacity() * sizeof(uint32_t) +
               winNodes.capacity() * sizeof(Node) + winLeaves.capacity() * sizeof(uint32_t);
    }

    /// \return every heap byte
    std::size_t TotalBytes() const
    {
        std::size_t bytes = sizeof(Control) + LookupBytes();
        bytes += shortValues.capacity() * sizeof(uint32_t);
        bytes += slotBucket.capacity() * sizeof(uint32_t);
        bytes += buckets.capacity() * sizeof(Bucket);
        for (const Bucket& b : buckets)
        {
            bytes += b.entries.capacity() * sizeof(Entry);
        }
        bytes += freeBuckets.capacity() * sizeof(uint32_t);
        bytes += pendingBuckets.capacity() * sizeof(uint32_t);
        bytes += dirtyBits.capacity() * sizeof(uint64_t);
        bytes += dirtySlots.capacity() * sizeof(uint32_t);
        bytes += scratch.capacity() * sizeof(Entry);
        return bytes;
    }
};

template <typename F>
RtmFib<F>::RtmFib()
    : m_direct(g_rtmFibEmptyDirect),
      m_nodes(nullptr),
      m_leaves(nullptr),
      m_shift(0),
      m_s(kSmallDirectBits),
      m_dirty(false),
      m_store(nullptr),
      m_view(0),
      m_winLen(0),
      m_winBits(0),
      m_winSlotEntry(0),
      m_win(nullptr),
      m_winNodes(nullptr),
      m_winLeaves(nullptr),
      m_winKey(0)
{
    m_shift = static_cast<uint8_t>((F::kBits == 128 ? 64 : F::kBits) - kSmallDirectBits);
}

template <typename F>
RtmFib<F>::RtmFib(const RtmFibStore<F>* store, uint32_t view)
    : RtmFib()
{
    m_store = store;
    m_view = view;
}

template <typename F>
RtmFib<F>::~RtmFib() = default;

template <typename F>
RtmFib<F>::RtmFib(const RtmFib& other)
    : RtmFib()
{
    *this = other;
}

template <typename F>
RtmFib<F>&
RtmFib<F>::operator=(const RtmFib& other)
{
    if (this == &other)
    {
        return *this;
    }
    m_store = other.m_store;
    m_view = other.m_view;
    if (other.m_ctl)
    {
        m_ctl = std::make_unique<Control>(*other.m_ctl);
        m_s = other.m_s;
        m_dirty = other.m_dirty;
        UpdatePointers();
    }
    else
    {
        Reset();
    }
    return *this;
}

template <typename F>
RtmFib<F>::RtmFib(RtmFib&& other) noexcept
    : RtmFib()
{
    *this = std::move(other);
}

template <typename F>
RtmFib<F>&
RtmFib<F>::operator=(RtmFib&& other) noexcept
{
    if (this == &other)
    {
        return *this;
    }
    m_ctl = std::move(other.m_ctl);
    m_store = other.m_store;
    m_view = other.m_view;
    m_dirty = other.m_dirty;
    UpdatePointers(); // the lookup fields, from the control just taken over
    other.Reset();
    return *this;
}

template <typename F>
void
RtmFib<F>::Reset() const
{
    m_ctl.reset();
    m_dirty = false;
    m_s = kSmallDirectBits;
    UpdatePointers();
}

template <typename F>
void
RtmFib<F>::UpdatePointers() const
{
    uint32_t wordBits = F::kBits == 128 ? 64 : F::kBits;
    if (!m_ctl)
    {
        m_direct = g_rtmFibEmptyDirect;
        m_nodes = nullptr;
        m_leaves = nullptr;
        m_s = kSmallDirectBits;
        m_win = nullptr;
    }
    else
    {
        m_direct = m_ctl->direct.data();
        m_nodes = m_ctl->nodes.data();
        m_leaves = m_ctl->leaves.data();
        m_s = static_cast<uint8_t>(m_ctl->s);
        const Control& c = *m_ctl;
        m_win = c.window.empty() ? nullptr : c.window.data();
        m_winNodes = c.winNodes.data();
        m_winLeaves = c.winLeaves.data();
        m_winLen = static_cast<uint8_t>(c.winLen);
        m_winBits = static_cast<uint8_t>(c.winBits);
        m_winSlotEntry = c.winSlotEntry;
        m_winKey = c.winKey;
    }
    m_shift = static_cast<uint8_t>(wordBits - m_s);
}

template <typename F>
typename RtmFib<F>::Control&
RtmFib<F>::EnsureControl()
{
    if (!m_ctl)
    {
        m_ctl = std::make_unique<Control>(kSmallDirectBits, m_store, m_view);
        UpdatePointers();
    }
    return *m_ctl;
}

template <typename F>
void
RtmFib<F>::Repartition(uint32_t s)
{
    Control& c = *m_ctl;
    if (c.store != nullptr)
    {
        RepartitionExternal(s);
        return;
    }
    c.FlushPending();
    std::vector<typename Control::Entry> all;
    all.reserve(c.shortCount + c.longCount);
    c.ShortPrefixes(c.s, all);
    for (const auto& b : c.buckets)
    {
        all.insert(all.end(), b.entries.begin(), b.entries.end());
    }
    c.Init(s);
    for (const auto& x : all)
    {
        if (x.len <= s)
        {
            c.SetShort(x.prefix, x.len, x.value);
        }
        else
        {
            c.Append(x.prefix, x.len, x.value);
        }
    }
    c.FlushPending();
    c.fullRebuild = true;
    m_dirty = true;
}

template <typename F>
void
RtmFib<F>::RepartitionExternal(uint32_t s)
{
    Control& c = *m_ctl;
    std::size_t total = c.shortCount + c.longCount;
    // The short prefixes that stay short, then (growing) those of the store that become short.
    std::vector<typename Control::Entry> keep;
    c.ShortPrefixes(std::min(c.s, s), keep);
    uint32_t oldS = c.s;
    if (s > oldS)
    {
        c.store->CollectFib(c.view, Key(0), static_cast<Key>(~Key(0)), oldS + 1, s, keep);
    }
    c.Init(s);
    for (const auto& x : keep)
    {
        c.SetShort(x.prefix, x.len, x.value);
    }
    c.longCount = total - c.shortCount;
    c.fullRebuild = true;
    m_dirty = true;
}

template <typename F>
void
RtmFib<F>::Changed(Key prefix, uint8_t len, uint32_t oldValue, uint32_t newValue)
{
    NS_ABORT_MSG_IF(m_store == nullptr, "RtmFib::Changed: the FIB has no external store");
    NS_ABORT_MSG_IF(len > F::kBits, "RtmFib::Changed: prefix length " << +len << " too long");
    NS_ABORT_MSG_IF(newValue > kMaxValue, "RtmFib::Changed: value " << newValue << " out of range");
    if (oldValue == newValue)
    {
        return;
    }
    if (!m_ctl && newValue == 0)
    {
        return;
    }
    Control& c = EnsureControl();
    if (len <= c.s)
    {
        c.SetShort(prefix, len, newValue);
    }
    else
    {
        c.longCount = c.longCount + (newValue != 0) - (oldValue != 0);
        c.MarkSlot(c.SlotOf(prefix));
    }
    m_dirty = true;
    AdaptDirectBits();
}

template <typename F>
void
RtmFib<F>::AdaptDirectBits()
{
    Control& c = *m_ctl;
    uint32_t want = c.s;
    std::size_t size = c.ApproxSize();
    if (c.s == kSmallDirectBits && size > kGrowThreshold)
    {
        want = kMediumDirectBits;
    }
    if (c.s != kLargeDirectBits && size > kLargeGrowThreshold)
    {
        want = kLargeDirectBits;
    }
    if (want > c.s)
    {
        // The approximate size counts pending duplicates: confirm with the exact one.
        c.FlushPending();
        size = c.ApproxSize();
        want = size > kLargeGrowThreshold ? kLargeDirectBits
               : size > kGrowThreshold    ? kMediumDirectBits
                                          : c.s;
        want = std::max(want, c.s);
    }
    else if (c.s != kSmallDirectBits && size < kShrinkThreshold)
    {
        want = kSmallDirectBits;
    }
    else if (c.s == kLargeDirectBits && size < kLargeShrinkThreshold)
    {
        want = kMediumDirectBits;
    }
    if (want != c.s)
    {
        Repartition(want);
    }
}

template <typename F>
void
RtmFib<F>::Insert(Key prefix, uint8_t len, uint32_t value)
{
    NS_ABORT_MSG_IF(m_store != nullptr, "RtmFib::Insert: the FIB reads an external store");
    NS_ABORT_MSG_IF(len > F::kBits, "RtmFib::Insert: prefix length " << +len << " too long");
    NS_ABORT_MSG_IF(value > kMaxValue, "RtmFib::Insert: value " << value << " out of range");
    NS_ASSERT_MSG(prefix == RtmKeyOps<F>::Prefix(prefix, len),
                  "RtmFib::Insert: bits set beyond the prefix length");
    prefix = RtmKeyOps<F>::Prefix(prefix, len);
    if (value == 0)
    {
        Remove(prefix, len);
        return;
    }
    Control& c = EnsureControl();
    if (len <= c.s)
    {
        c.SetShort(prefix, len, value);
    }
    else
    {
        c.Append(prefix, len, value);
        if (c.pendingCount > 2 * (c.longCount + 1024))
        {
            // Keep the tails from growing far beyond the table (repeated replacements).
            c.FlushPending();
        }
    }
    m_dirty = true;
    AdaptDirectBits();
}

template <typename F>
bool
RtmFib<F>::Remove(Key prefix, uint8_t len)
{
    NS_ABORT_MSG_IF(m_store != nullptr, "RtmFib::Remove: the FIB reads an external store");
    if (!m_ctl || len > F::kBits)
    {
        return false;
    }
    NS_ASSERT_MSG(prefix == RtmKeyOps<F>::Prefix(prefix, len),
                  "RtmFib::Remove: bits set beyond the prefix length");
    prefix = RtmKeyOps<F>::Prefix(prefix, len);
    Control& c = *m_ctl;
    if (len <= c.s)
    {
        if (c.SetShort(prefix, len, 0) == 0)
        {
            return false;
        }
    }
    else
    {
        uint32_t slot = c.SlotOf(prefix);
        typename Control::Bucket* b = c.FindBucket(slot);
        if (b == nullptr)
        {
            return false;
        }
        c.Normalize(*b);
        typename Control::Entry key{prefix, 0, len};
        auto it =
            std::lower_bound(b->entries.begin(), b->entries.end(), key, typename Control::LessFn());
        if (it == b->entries.end() || !Control::Same(*it, key))
        {
            return false;
        }
        b->entries.erase(it);
        b->sorted = b->entries.size();
        --c.longCount;
        if (b->entries.empty())
        {
            b->entries = std::vector<typename Control::Entry>();
            c.freeBuckets.push_back(c.slotBucket[slot] - 1);
            c.slotBucket[slot] = 0;
        }
        c.MarkSlot(slot);
    }
    m_dirty = true;
    AdaptDirectBits();
    return true;
}

template <typename F>
uint32_t
RtmFib<F>::Find(Key prefix, uint8_t len) const
{
    if (!m_ctl || len > F::kBits)
    {
        return 0;
    }
    prefix = RtmKeyOps<F>::Prefix(prefix, len);
    Control& c = *m_ctl;
    if (len <= c.s)
    {
        return c.shortValues.empty() ? 0 : c.shortValues[Control::HeapIndex(prefix, len)];
    }
    if (c.store != nullptr)
    {
        std::vector<typename Control::Entry> found;
        c.store->CollectFib(c.view, prefix, prefix, len, len, found);
        return found.empty() ? 0 : found[0].value;
    }
    typename Control::Bucket* b = c.FindBucket(c.SlotOf(prefix));
    if (b == nullptr)
    {
        return 0;
    }
    c.Normalize(*b);
    typename Control::Entry key{prefix, 0, len};
    auto it =
        std::lower_bound(b->entries.begin(), b->entries.end(), key, typename Control::LessFn());
    return it != b->entries.end() && Control::Same(*it, key) ? it->value : 0;
}

template <typename F>
void
RtmFib<F>::Sync() const
{
    if (!m_dirty)
    {
        return;
    }
    m_dirty = false;
    if (!m_ctl)
    {
        return;
    }
    Control& c = *m_ctl;
    c.FlushPending();
    if (c.shortCount + c.longCount == 0)
    {
        Reset();
        return;
    }
    if (c.fullRebuild)
    {
        c.RebuildAll();
    }
    else
    {
        c.RebuildDirty();
    }
    UpdatePointers();
}

template <typename F>
std::size_t
RtmFib<F>::Size() const
{
    if (!m_ctl)
    {
        return 0;
    }
    m_ctl->FlushPending();
    return m_ctl->shortCount + m_ctl->longCount;
}

template <typename F>
bool
RtmFib<F>::IsEmpty() const
{
    return Size() == 0;
}

template <typename F>
std::size_t
RtmFib<F>::LookupBytes() const
{
    return m_ctl ? m_ctl->LookupBytes() : 0;
}

template <typename F>
std::size_t
RtmFib<F>::TotalBytes() const
{
    return m_ctl ? m_ctl->TotalBytes() : 0;
}

template <typename F>
void
RtmFib<F>::Clear()
{
    Reset();
}

template <typename F>
uint32_t
RtmFib<F>::DirectBits() const
{
    return m_ctl ? m_ctl->s : kSmallDirectBits;
}

template <typename F>
uint32_t
RtmFib<F>::WindowLength() const
{
    Sync();
    return m_win == nullptr ? 0 : m_winLen;
}

template class RtmFib<RtmIpv4Family>;
template class RtmFib<RtmIpv6Family>;

} // namespace ns3
