/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmFib: the per-view longest-prefix-match structure (the FIB), a Poptrie.
 *
 * Algorithm (Asai & Ohara, "Poptrie", SIGCOMM 2015), as implemented here:
 *  - Lookup side. A direct-pointing array D of 2^s uint32 entries is indexed by the top s bits of
 *    the address. An entry below kNodeFlag is a leaf: the value itself (0 = no route). An entry
 *    with kNodeFlag set is kNodeFlag | i, the root node i of that slot's subtree. A node consumes
 *    the next 6 bits (chunk c: the top 6 bits of key << off, zero padded past the end of the
 *    key) and holds: `vector` (bit c set: child c is an internal node), `leafvec` (bit c
 *    set: a leaf slot c starts a run of equal leaf values, internal slots being skipped), base1
 *    (index of its first child node; all its child nodes are contiguous in the node array) and
 *    base0 (index of its first leaf; all its leaves are contiguous in the leaf array). Child
 *    node = base1 + popcount(vector & bits(0..c)) - 1, leaf = base0 + popcount(leafvec &
 *    bits(0..c)) - 1. A lookup is one load from D and, where the slot has longer prefixes, one
 *    node load per 6 bits, then one leaf load; no allocation, no locks, no virtual calls.
 *  - The window (decision 40), small FIBs only (s = 8). When the prefixes longer than s of the
 *    densest direct slot all lie in one prefix W of length q well below s (a simulated network's
 *    addresses: every link subnet and router address inside 10.0.0.0/18), a second direct
 *    array of 2^t entries is indexed by the t bits below W (t <= kMaxWindowBits, 2^t about the
 *    slot's prefix count), its entries leaves or roots of subtrees in arrays of its own, built
 *    at offset q + t. A lookup of an address inside W reads D, then the window, and skips the
 *    node levels from s to q + t (Kdl: D, one window entry, one node, one leaf, instead of D,
 *    four nodes and a leaf). D's entry of the window's slot is kWindowEntry (a value no leaf or
 *    node index takes), so only lookups in that slot test the window; the slot's own entry is
 *    kept beside it for the addresses outside W. The subtrees stay complete, and the window
 *    is rebuilt whole at the Sync after its slot changed (the slot's subtree is rebuilt then
 *    anyway, from the same prefixes), and chosen again (the dirty slot with the most prefixes)
 *    at every Sync that rebuilds all slots or finds no window. It exists only where it saves a
 *    node level for the longest prefixes of the slot.
 *  - s is adaptive: 8 while the FIB is small (a 1 KiB D), 16 above kGrowThreshold prefixes and,
 *    for IPv4, 18 above kLargeGrowThreshold (a full table: /24s end at the first node level);
 *    back down below thresholds 4 and 2 times lower (hysteresis: re-partitioning costs O(N) and
 *    needs O(N) updates to recur). An empty FIB allocates nothing: D points at a shared static
 *    all-zero array of 2^8 entries.
 *  - Control side (the prefix store). Prefixes of length <= s live in a heap-indexed array of
 *    2^(s+1) values (index (1 << len) + top len bits). Longer prefixes live in one bucket per
 *    direct slot: a vector sorted by (prefix, len), i.e. binary-trie pre-order, followed by an
 *    unsorted tail of recent inserts (later ones win) that is merged on demand, so a bulk load of
 *    N prefixes is O(N log N) in total whatever their distribution over slots.
 *    A FIB built on an external store (RtmFibStore: the RIB's prefix index, decision 35) keeps no
 *    buckets: the store holds every prefix with its value in address order, the FIB is told of
 *    each change (Changed) and reads a slot's longer prefixes from the store when it rebuilds it
 *    (the full rebuild reads them in runs of kCollectSlots slots). It keeps the short-prefix
 *    array, its counts and the lookup structure only.
 *  - Updates. An update marks the direct slots it affects dirty (2^(s-len) slots for a prefix
 *    of length <= s, else one) and sets a dirty flag; Lookup() checks that flag and calls Sync(),
 *    which rebuilds only the dirty slots' subtrees, in address order, appending them to the node
 *    and leaf arrays (the old subtrees become garbage); with an external store the prefixes of
 *    nearby dirty slots are read with one scan of the store (decision 42). When garbage exceeds
 *    the live size, when too many slots are dirty, or when s changes, everything is rebuilt into
 *    compact arrays (amortised O(1)).
 *
 * Invariants, once Sync() has run (m_dirty false): D, the nodes and the leaves, and the window
 * for the addresses inside W, each answer exactly the longest-prefix match of the control store
 * (with an external store: of the short-prefix array and the store's prefixes longer than s); every
 * bucket is sorted, duplicate-free and non-empty; a slot's subtree is built from its bucket alone,
 * its leaves holding the slot's default value (the longest covering prefix of length <= s, or 0)
 * wherever no prefix of the bucket matches. Node indices never reach kNodeFlag and values never
 * exceed kMaxValue, so an entry of D is unambiguous.
 */
#ifndef RTM_FIB_H
#define RTM_FIB_H

#include "ns3/rtm-family.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

/**
 * \file
 * \ingroup rtm
 * The forwarding information base of a view: a Poptrie longest-prefix-match structure.
 */

namespace ns3
{

/// Shared all-zero direct-pointing array of every empty RtmFib (2^8 entries).
extern const uint32_t g_rtmFibEmptyDirect[256];

/// True if the CPU has the POPCNT instruction (detected once at load time; x86-64 only).
extern const bool g_rtmFibHasPopcnt;

/**
 * \brief Population count of a 64-bit word.
 *
 * The POPCNT instruction when the compiler targets it; on x86-64 without -mpopcnt (Debian's
 * baseline), POPCNT through inline assembly when the CPU has it (a predictable branch on a
 * flag set at load time), else a branch-free SWAR count.
 *
 * \param x the word
 * \return the number of set bits
 */
inline uint32_t
RtmPopcount64(uint64_t x)
{
#if defined(__POPCNT__)
    return static_cast<uint32_t>(__builtin_popcountll(x));
#else
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_expect(g_rtmFibHasPopcnt, 1))
    {
        uint64_t r;
        __asm__("popcntq %1, %0" : "=r"(r) : "rm"(x) : "cc");
        return static_cast<uint32_t>(r);
    }
#endif
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<uint32_t>((x * 0x0101010101010101ULL) >> 56);
#endif
}

/**
 * \ingroup rtm
 * \brief A prefix and its FIB value, as an external store hands it to the FIB.
 * \tparam F RtmIpv4Family or RtmIpv6Family
 */
template <typename F>
struct RtmFibPrefix
{
    typename F::Key prefix; //!< prefix bits (canonical)
    uint32_t value;         //!< its value (1 to RtmFib::kMaxValue)
    uint8_t len;            //!< its length
};

/**
 * \ingroup rtm
 * \brief The prefix store an RtmFib reads instead of keeping its own copy (decision 35).
 *
 * The store holds the prefixes and, for each FIB built on it, their values; the owner changes a
 * value in the store first and then tells the FIB (RtmFib::Changed).
 * \tparam F RtmIpv4Family or RtmIpv6Family
 */
template <typename F>
class RtmFibStore
{
  public:
    virtual ~RtmFibStore() = default;
    /**
     * \brief Append to \p out, in address order (by prefix bits, then length), every prefix
     * with a non-zero value for FIB \p view whose bits lie in [\p lo, \p hi] and whose length
     * lies in [\p minLen, \p maxLen].
     * \param view the FIB's view (given to the FIB's constructor)
     * \param lo the first prefix bits
     * \param hi the last prefix bits
     * \param minLen the shortest length
     * \param maxLen the longest length
     * \param out where the prefixes are appended
     */
    virtual void CollectFib(uint32_t view,
                            typename F::Key lo,
                            typename F::Key hi,
                            uint32_t minLen,
                            uint32_t maxLen,
                            std::vector<RtmFibPrefix<F>>& out) const = 0;
};

/**
 * \ingroup rtm
 * \brief A longest-prefix-match table from prefixes to 31-bit values (a Poptrie).
 *
 * Updates are cheap and lazy: the lookup structure is brought up to date by Sync(), which
 * Lookup() calls by itself when an update is pending. A const RtmFib may therefore still change
 * its internal state on Lookup(), Find() or Size(): it must not be used from two threads at once.
 *
 * \tparam F RtmIpv4Family or RtmIpv6Family
 */
template <typename F>
class RtmFib
{
  public:
    typedef typename F::Key Key; //!< the address as an integer (first bit most significant)

    static constexpr uint32_t kMaxValue = 0x7FFFFFFFu; //!< the largest storable value
    static constexpr uint32_t kSmallDirectBits = 8;    //!< s of a small FIB
    static constexpr uint32_t kMediumDirectBits = 16;  //!< s above kGrowThreshold prefixes
    /// s above kLargeGrowThreshold prefixes: 18 for IPv4 (a /24 ends at the first node level),
    /// 16 (no third size class) for IPv6
    static constexpr uint32_t kLargeDirectBits = F::kBits == 32 ? 18 : 16;
    static constexpr std::size_t kGrowThreshold = 16384;        //!< above: s = 16
    static constexpr std::size_t kShrinkThreshold = 4096;       //!< below: s = 8
    static constexpr std::size_t kLargeGrowThreshold = 131072;  //!< above: s = kLargeDirectBits
    static constexpr std::size_t kLargeShrinkThreshold = 65536; //!< below: s = 16 again

    /// An empty FIB (allocates nothing).
    RtmFib();
    /**
     * \brief An empty FIB on an external prefix store (allocates nothing). Its prefixes are
     * changed through Changed() only (Insert and Remove abort); copies share the store.
     * \param store the store (must outlive the FIB)
     * \param view the view passed back to RtmFibStore::CollectFib
     */
    RtmFib(const RtmFibStore<F>* store, uint32_t view);
    ~RtmFib();
    /**
     * \brief Deep copy.
     * \param other the FIB to copy
     */
    RtmFib(const RtmFib& other);
    /**
     * \brief Deep copy.
     * \param other the FIB to copy
     * \return *this
     */
    RtmFib& operator=(const RtmFib& other);
    /**
     * \brief Move; \p other is left empty.
     * \param other the FIB to move from
     */
    RtmFib(RtmFib&& other) noexcept;
    /**
     * \brief Move; \p other is left empty.
     * \param other the FIB to move from
     * \return *this
     */
    RtmFib& operator=(RtmFib&& other) noexcept;

    /**
     * \brief Add a prefix or replace its value.
     * \param prefix the prefix bits; bits beyond \p len must be zero (checked with NS_ASSERT)
     * \param len the prefix length, 0 to kBits
     * \param value the value, 1 to kMaxValue (0 removes the prefix)
     */
    void Insert(Key prefix, uint8_t len, uint32_t value);
    /**
     * \brief Remove a prefix.
     * \param prefix the prefix bits (canonical)
     * \param len the prefix length
     * \return false if the prefix was not present
     */
    bool Remove(Key prefix, uint8_t len);
    /**
     * \brief (External store) The value of a prefix changed in the store from \p oldValue to
     * \p newValue (0: absent); the store already holds the new value.
     * \param prefix the prefix bits (canonical)
     * \param len the prefix length
     * \param oldValue the value before (0 if the prefix was not in the FIB)
     * \param newValue the value now (0 if the prefix left the FIB), at most kMaxValue
     */
    void Changed(Key prefix, uint8_t len, uint32_t oldValue, uint32_t newValue);
    /**
     * \brief Longest-prefix match.
     * \param address the address
     * \return the value of the longest prefix covering \p address, 0 if none
     */
    uint32_t Lookup(Key address) const;
    /**
     * \brief Exact match.
     * \param prefix the prefix bits (canonical)
     * \param len the prefix length
     * \return the value of that prefix, 0 if absent
     */
    uint32_t Find(Key prefix, uint8_t len) const;
    /// \brief Apply pending updates to the lookup structure now.
    void Sync() const;
    /// \return the number of prefixes
    std::size_t Size() const;
    /// \return true if the FIB holds no prefix
    bool IsEmpty() const;
    /// \return the heap bytes of the lookup structure (direct array, nodes, leaves)
    std::size_t LookupBytes() const;
    /// \return the heap bytes of everything, the control-side prefix store included
    std::size_t TotalBytes() const;
    /// \brief Remove every prefix and release all memory.
    void Clear();
    /// \return s, the number of address bits the direct-pointing array resolves (8, 16 or 18)
    uint32_t DirectBits() const;
    /// Slots whose prefixes a full rebuild on an external store collects at once.
    static constexpr uint32_t kCollectSlots = 4096;
    /// The largest t of the window (2^t entries, 16 KiB).
    static constexpr uint32_t kMaxWindowBits = 12;
    /// The fewest prefixes longer than s a slot needs for a window.
    static constexpr uint32_t kMinWindowPrefixes = 32;
    /// \return the prefix length q of the window, 0 if there is none (after Sync)
    uint32_t WindowLength() const;

  private:
    /// A Poptrie internal node of stride 6.
    struct Node
    {
        uint64_t vector;  //!< bit c: child c is an internal node
        uint64_t leafvec; //!< bit c: leaf slot c starts a new run of leaf values
        uint32_t base0;   //!< index of the first leaf
        uint32_t base1;   //!< index of the first child node
    };

    struct Control; //!< the owned arrays and the prefix store (rtm-fib.cc)

    static constexpr uint32_t kNodeFlag = 0x80000000u; //!< direct entry: a node index
    /// direct entry of the window's slot (node indices stay below kNodeFlag / 2)
    static constexpr uint32_t kWindowEntry = 0xFFFFFFFFu;

    /// \return the direct slot of \p address
    uint32_t Top(Key address) const;
    /// \return the 6-bit chunk of \p address at bit offset \p off (< kBits)
    static uint32_t Chunk(Key address, uint32_t off);
    /// \return the value below node entry \p entry of \p nodes and \p leaves, \p rest
    /// holding the address bits below the node's offset, left-aligned
    static uint32_t Descend(const Node* nodes, const uint32_t* leaves, uint32_t entry, Key rest);
    /// \return the value of \p address, whose direct entry is kWindowEntry
    uint32_t LookupWindow(Key address) const;
    /// Point the lookup fields at the control's arrays (or at the static empty array).
    void UpdatePointers() const;
    /// Release everything (the empty state).
    void Reset() const;
    /// \return the control, created if needed
    Control& EnsureControl();
    /// Change s, re-partitioning the store.
    void Repartition(uint32_t s);
    /// Change s on an external store: only the short-prefix array is re-partitioned.
    void RepartitionExternal(uint32_t s);
    /// Adapt s to the size.
    void AdaptDirectBits();

    // Lookup fields (read by every Lookup: keep them together at the start).
    mutable const uint32_t* m_direct;       //!< direct-pointing array
    mutable const Node* m_nodes;            //!< node array
    mutable const uint32_t* m_leaves;       //!< leaf array
    mutable uint8_t m_shift;                //!< shift giving the direct slot (see Top())
    mutable uint8_t m_s;                    //!< s of the current lookup structure
    mutable bool m_dirty;                   //!< updates pending: Lookup() must Sync()
    mutable std::unique_ptr<Control> m_ctl; //!< null while empty
    const RtmFibStore<F>* m_store;          //!< the external prefix store, or null
    uint32_t m_view;                        //!< the view of this FIB in m_store
    // The window's lookup fields (read only when D's entry is kWindowEntry).
    mutable uint8_t m_winLen;            //!< q of the window (its prefix length)
    mutable uint8_t m_winBits;           //!< t of the window
    mutable uint32_t m_winSlotEntry;     //!< the direct entry of the window's slot itself
    mutable const uint32_t* m_win;       //!< the window's 2^t entries
    mutable const Node* m_winNodes;      //!< the window's node array
    mutable const uint32_t* m_winLeaves; //!< the window's leaf array
    mutable Key m_winKey;                //!< W, the window's prefix bits
};

template <typename F>
inline uint32_t
RtmFib<F>::Top(Key address) const
{
    if constexpr (F::kBits == 128)
    {
        return static_cast<uint32_t>(static_cast<uint64_t>(address >> 64) >> m_shift);
    }
    else
    {
        return static_cast<uint32_t>(address >> m_shift);
    }
}

template <typename F>
inline uint32_t
RtmFib<F>::Chunk(Key address, uint32_t off)
{
    if constexpr (F::kBits == 128)
    {
        return static_cast<uint32_t>(static_cast<uint64_t>((address << off) >> 122));
    }
    else
    {
        return static_cast<uint32_t>(static_cast<Key>(address << off) >> (F::kBits - 6));
    }
}

template <typename F>
inline uint32_t
RtmFib<F>::Descend(const Node* nodes, const uint32_t* leaves, uint32_t entry, Key rest)
{
    uint32_t idx = entry & ~kNodeFlag;
    // The remaining bits, left-aligned: each level takes the top 6 and shifts them out.
    while (true)
    {
        const Node& n = nodes[idx];
        uint32_t c;
        if constexpr (F::kBits == 128)
        {
            c = static_cast<uint32_t>(static_cast<uint64_t>(rest >> 64) >> 58);
        }
        else
        {
            c = static_cast<uint32_t>(rest >> (F::kBits - 6));
        }
        uint64_t upTo = (uint64_t(2) << c) - 1; // bits 0..c (all ones for c = 63)
        if ((n.vector >> c) & 1)
        {
            idx = n.base1 + RtmPopcount64(n.vector & upTo) - 1;
            rest = static_cast<Key>(rest << 6);
        }
        else
        {
            return leaves[n.base0 + RtmPopcount64(n.leafvec & upTo) - 1];
        }
    }
}

template <typename F>
inline uint32_t
RtmFib<F>::Lookup(Key address) const
{
    if (__builtin_expect(m_dirty, 0))
    {
        Sync();
    }
    uint32_t e = m_direct[Top(address)];
    if (e < kNodeFlag)
    {
        return e;
    }
    if (e == kWindowEntry)
    {
        return LookupWindow(address);
    }
    return Descend(m_nodes, m_leaves, e, static_cast<Key>(address << m_s));
}

template <typename F>
inline uint32_t
RtmFib<F>::LookupWindow(Key address) const
{
    if (static_cast<Key>((address ^ m_winKey) >> (F::kBits - m_winLen)) == Key(0))
    {
        // Inside W: the t bits below it index the window, its subtrees start at q + t.
        Key rest = static_cast<Key>(address << m_winLen);
        uint32_t w = m_win[static_cast<uint32_t>(rest >> (F::kBits - m_winBits))];
        if (w < kNodeFlag)
        {
            return w;
        }
        return Descend(m_winNodes, m_winLeaves, w, static_cast<Key>(rest << m_winBits));
    }
    // The rest of the window's slot: its own direct entry.
    uint32_t e = m_winSlotEntry;
    if (e < kNodeFlag)
    {
        return e;
    }
    return Descend(m_nodes, m_leaves, e, static_cast<Key>(address << m_s));
}

/// The IPv4 FIB.
typedef RtmFib<RtmIpv4Family> RtmFib4;
/// The IPv6 FIB.
typedef RtmFib<RtmIpv6Family> RtmFib6;

extern template class RtmFib<RtmIpv4Family>;
extern template class RtmFib<RtmIpv6Family>;

} // namespace ns3

#endif /* RTM_FIB_H */
