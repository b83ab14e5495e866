/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the FIB and the RIB side by side with DPDK's LPM libraries in the same process, on
 * the same tables and the same query streams (issue 14). Built when CMake finds Debian's
 * libdpdk-dev with pkg-config (RTM_HAVE_DPDK); without it this file is empty.
 *
 * DPDK's environment (EAL) starts once, on first use, without hugepages and without touching the
 * host: --no-huge with -m 1024 (1 GiB of ordinary anonymous memory), --no-shconf (no shared
 * configuration files), --no-pci, --no-telemetry, a file prefix of its own (rtm-bench-PID); the
 * runtime folder EAL still makes (/var/run/dpdk/PREFIX as root) is removed at exit, with
 * /var/run/dpdk if EAL made it, after rte_eal_cleanup(); the CPU affinity it gives the main thread
 * is put back afterwards, so both sides run on whatever core the scheduler picks. rtm's FIB lives
 * on ordinary pages too (transparent huge pages only where madvised), so neither side has huge-page
 * TLB reach the other lacks.
 *
 *  - IPv4 lookups: the 2015 RouteViews IPv4 table (606,138 prefixes, values = origin ASN index)
 *    in rtm's FIB (poptrie), rte_lpm and rte_fib (DIR-24-8, 4-byte next hops). First every one of
 *    the 2^20 random addresses is looked up in all three and the answers must agree (else the
 *    benchmark fails). Then each iteration times, in turn, one pass over the stream per
 *    implementation and mode: single-address (rtm Lookup(); rte_lpm_lookup(); rte_fib has only a
 *    bulk call, so rte_fib_lookup_bulk() with n = 1) and bulk (bursts of 32 addresses, as DPDK's
 *    own perf tests: rte_lpm_lookup_bulk(), rte_fib_lookup_bulk(); rtm has no bulk call, so its
 *    burst is the same loop writing 32 results). rtm's passes are the functions of
 *    rtm-bench-tables.cc, compiled with rtm's flags (this file gets DPDK's, -march=corei7, and
 *    calls no inline code of rtm's FIB, so no second copy of it is compiled with those flags).
 *    Interleaving the passes makes the ratios immune
 *    to the drift of a shared machine. CPU time of the thread.
 *  - IPv6 lookups: the 27.7k-prefix IPv6 table in rtm's FIB and rte_lpm6, the stream of
 *    bench-fib (half uniform in 2000::/3, half inside table prefixes), checked and timed alike
 *    (rte_lpm6_lookup(), rte_lpm6_lookup_bulk_func()).
 *  - load: the IPv4 table added to an empty rte_fib (its binary-trie RIB plus DIR-24-8), file
 *    order and shuffled (the permutation of bench-core's shuffled load); creation not timed.
 *    Wall time, as bench-core's load.
 *  - churn: delete and re-add the 10 % sample of bench-core's churn, in rte_fib. Wall time.
 * Summary: rte_lpm_lookups_per_s, rte_fib_lookups_per_s, rte_lpm6_lookups_per_s (and _bulk_),
 * the rtm passes of the same run (peers_fib_*), ratio_fib_vs_rte_lpm, ratio_fib_vs_rte_fib,
 * ratio_fib6_vs_rte_lpm6 (and _bulk_ ratios), rte_fib_load_routes_per_s(_shuffled),
 * rte_fib_churn_updates_per_s, and the ratios of bench-core's figures to them:
 * ratio_load_vs_rte_fib, ratio_load_shuffled_vs_rte_fib, ratio_churn_vs_rte_fib.
 */
#ifdef RTM_HAVE_DPDK

#include "rtm-bench-summary.h"
#include "rtm-bench-tables.h"

#include <algorithm>
#include <array>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fib.h>
#include <rte_lpm.h>
#include <rte_lpm6.h>
#include <sched.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

constexpr unsigned kBurst = 32; //!< addresses per bulk call

/// The runtime folders EAL made (as root: /var/run/dpdk/<prefix>), removed at exit.
std::vector<std::string> g_ealMadeDirs;

/// At exit: stop EAL and remove the folders it made (the prefix's, then its parent if EAL made
/// it and it is empty).
void
EalCleanup()
{
    rte_eal_cleanup();
    std::error_code ignored;
    for (auto it = g_ealMadeDirs.rbegin(); it != g_ealMadeDirs.rend(); ++it)
    {
        if (it == g_ealMadeDirs.rbegin())
        {
            std::filesystem::remove_all(*it, ignored); // our own prefix's folder
        }
        else
        {
            std::filesystem::remove(*it, ignored); // a parent: only if now empty
        }
    }
}

/// \return true if DPDK's EAL is up (started on the first call); \p why says why not
bool
EalUp(std::string& why)
{
    static int state = 0; // 0: not tried, 1: up, -1: failed
    static std::string error;
    if (state == 0)
    {
        // A file prefix of our own, so that the runtime folder EAL makes is ours alone.
        std::string prefix = "--file-prefix=rtm-bench-" + std::to_string(getpid());
        // Where EAL puts its runtime folder: <base>/dpdk/<prefix>, base /var/run for root, else
        // $XDG_RUNTIME_DIR or /tmp.
        const char* xdg = std::getenv("XDG_RUNTIME_DIR");
        const std::string base =
            std::string(getuid() == 0 ? "/var/run" : (xdg != nullptr ? xdg : "/tmp")) + "/dpdk";
        const bool baseExisted = std::filesystem::exists(base);
        cpu_set_t affinity;
        CPU_ZERO(&affinity);
        bool haveAffinity = sched_getaffinity(0, sizeof(affinity), &affinity) == 0;
        const char* args[] = {"rtm-bench",
                              "--no-huge",
                              "-m",
                              "1024",
                              "--no-shconf",
                              "--no-pci",
                              "--no-telemetry",
                              "--log-level=error",
                              prefix.c_str()};
        std::vector<char*> argv;
        for (const char* a : args)
        {
            argv.push_back(const_cast<char*>(a));
        }
        argv.push_back(nullptr);
        int ret = rte_eal_init(static_cast<int>(argv.size() - 1), argv.data());
        if (haveAffinity)
        {
            sched_setaffinity(0, sizeof(affinity), &affinity);
        }
        state = ret < 0 ? -1 : 1;
        if (ret < 0)
        {
            error = std::string("rte_eal_init failed: ") + rte_strerror(rte_errno);
        }
        else
        {
            // Remember what did not exist before: the prefix's folder, and its parent if new.
            std::filesystem::path dir(rte_eal_get_runtime_dir());
            if (!baseExisted && dir.parent_path() == std::filesystem::path(base))
            {
                g_ealMadeDirs.push_back(base);
            }
            g_ealMadeDirs.push_back(dir.string());
            std::atexit(EalCleanup);
        }
    }
    why = error;
    return state == 1;
}

/// The 2015 table, or skip the benchmark; \return null if skipped
const RtmBenchTable*
TableOrSkip(benchmark::State& state)
{
    const RtmBenchTable& t = RtmBenchLoadTable(kRtmBenchTable2015);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return nullptr;
    }
    std::string why;
    if (!EalUp(why))
    {
        state.SkipWithError(why.c_str());
        return nullptr;
    }
    return &t;
}

/// rte_lpm holding the IPv4 prefixes of \p t (file order); null on failure
rte_lpm*
MakeLpm(const RtmBenchTable& t, std::string& why)
{
    rte_lpm_config config{};
    config.max_rules = static_cast<uint32_t>(t.v4.size() + 1024);
    config.number_tbl8s = 1 << 14;
    rte_lpm* lpm = rte_lpm_create("rtm_bench_lpm", SOCKET_ID_ANY, &config);
    if (lpm == nullptr)
    {
        why = std::string("rte_lpm_create: ") + rte_strerror(rte_errno);
        return nullptr;
    }
    for (std::size_t i = 0; i < t.v4.size(); ++i)
    {
        int r = rte_lpm_add(lpm, t.v4[i].first, t.v4[i].second, t.v4Values[i]);
        if (r < 0)
        {
            why = "rte_lpm_add: " + std::string(rte_strerror(-r));
            rte_lpm_free(lpm);
            return nullptr;
        }
    }
    return lpm;
}

/// An empty rte_fib (DIR-24-8, 4-byte next hops, 0 when no prefix matches); null on failure
rte_fib*
MakeFib(std::size_t routes, std::string& why)
{
    rte_fib_conf conf{};
    conf.type = RTE_FIB_DIR24_8;
    conf.default_nh = 0;
    // The RIB's binary trie needs a node per route plus its branching nodes (up to one less).
    conf.max_routes = static_cast<int>(2 * routes + 1024);
    conf.rib_ext_sz = 0;
    conf.dir24_8.nh_sz = RTE_FIB_DIR24_8_4B;
    conf.dir24_8.num_tbl8 = 1 << 15;
    rte_fib* fib = rte_fib_create("rtm_bench_fib", SOCKET_ID_ANY, &conf);
    if (fib == nullptr)
    {
        why = std::string("rte_fib_create: ") + rte_strerror(rte_errno);
    }
    return fib;
}

/// Add prefixes \p order of \p t to \p fib, with their values (or, if \p indexValues, the
/// prefix's index + 1); \return false (with \p why) on failure
bool
AddToFib(rte_fib* fib,
         const RtmBenchTable& t,
         const std::vector<std::size_t>& order,
         std::string& why,
         bool indexValues = false)
{
    for (std::size_t i : order)
    {
        uint64_t value = indexValues ? i + 1 : t.v4Values[i];
        int r = rte_fib_add(fib, t.v4[i].first, t.v4[i].second, value);
        if (r < 0)
        {
            why = "rte_fib_add: " + std::string(rte_strerror(-r));
            return false;
        }
    }
    return true;
}

/// \return 0..n-1
std::vector<std::size_t>
FileOrder(std::size_t n)
{
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        order[i] = i;
    }
    return order;
}

/// Time of one pass, accumulated: CPU seconds and lookups.
struct Pass
{
    double seconds{0}; //!< CPU seconds
    double lookups{0}; //!< lookups

    /// Time \p f (one pass over \p n addresses).
    template <typename Fn>
    void Run(std::size_t n, Fn&& f)
    {
        double t0 = RtmBenchThreadSeconds();
        f();
        seconds += RtmBenchThreadSeconds() - t0;
        lookups += static_cast<double>(n);
    }

    /// \return lookups per second
    double Rate() const
    {
        return seconds > 0 ? lookups / seconds : 0;
    }
};

/// Report a pass and the ratio of rtm's pass to a peer's.
void
ReportRates(benchmark::State& state,
            const char* rtmKey,
            const Pass& rtm,
            const std::vector<std::pair<std::string, const Pass*>>& peers)
{
    RtmBenchReport(rtmKey, std::round(rtm.Rate()));
    state.counters[rtmKey] = rtm.Rate();
    for (const auto& [key, pass] : peers)
    {
        RtmBenchReport(key, std::round(pass->Rate()));
        state.counters[key] = pass->Rate();
    }
}

void
BM_PeersIpv4Lookup(benchmark::State& state)
{
    const RtmBenchTable* t = TableOrSkip(state);
    if (t == nullptr)
    {
        return;
    }
    const RtmFib4& fib = RtmBenchFib4(kRtmBenchTable2015);
    const std::vector<uint32_t>& addresses = RtmBenchIpv4Addresses();
    std::string why;
    rte_lpm* lpm = MakeLpm(*t, why);
    rte_fib* dir = lpm ? MakeFib(t->v4.size(), why) : nullptr;
    if (dir == nullptr || !AddToFib(dir, *t, FileOrder(t->v4.size()), why))
    {
        state.SkipWithError(why.c_str());
        rte_fib_free(dir);
        rte_lpm_free(lpm);
        return;
    }
    const std::size_t n = addresses.size();
    std::vector<uint32_t> ips(addresses); // rte_fib_lookup_bulk takes a non-const array
    std::vector<uint32_t> out32(n);
    std::vector<uint64_t> out64(n);
    // The three agree on every address of the stream (0: no prefix covers it).
    rte_lpm_lookup_bulk(lpm, ips.data(), out32.data(), static_cast<unsigned>(n));
    rte_fib_lookup_bulk(dir, ips.data(), out64.data(), static_cast<int>(n));
    std::vector<uint32_t> answers(n);
    RtmBenchFibBurstPass(fib, addresses, answers.data(), kBurst);
    std::size_t disagree = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        uint32_t l = (out32[i] & RTE_LPM_LOOKUP_SUCCESS) ? (out32[i] & 0x00FFFFFFu) : 0;
        disagree += (l != answers[i]) + (out64[i] != answers[i]);
    }
    if (disagree != 0)
    {
        state.SkipWithError("rtm's FIB, rte_lpm and rte_fib disagree on the IPv4 stream");
        rte_fib_free(dir);
        rte_lpm_free(lpm);
        return;
    }
    Pass rtm1, lpm1, fib1, rtmB, lpmB, fibB;
    uint64_t sum = 0;
    for (auto _ : state)
    {
        rtm1.Run(n, [&] { sum += RtmBenchFibPass(fib, addresses); });
        lpm1.Run(n, [&] {
            for (uint32_t a : addresses)
            {
                uint32_t hop = 0;
                rte_lpm_lookup(lpm, a, &hop);
                sum += hop;
            }
        });
        fib1.Run(n, [&] {
            for (uint32_t& a : ips)
            {
                uint64_t hop;
                rte_fib_lookup_bulk(dir, &a, &hop, 1);
                sum += hop;
            }
        });
        rtmB.Run(n, [&] { sum += RtmBenchFibBurstPass(fib, addresses, out32.data(), kBurst); });
        lpmB.Run(n, [&] {
            for (std::size_t i = 0; i < n; i += kBurst)
            {
                rte_lpm_lookup_bulk(lpm, &ips[i], &out32[i], kBurst);
                sum += out32[i];
            }
        });
        fibB.Run(n, [&] {
            for (std::size_t i = 0; i < n; i += kBurst)
            {
                rte_fib_lookup_bulk(dir, &ips[i], &out64[i], kBurst);
                sum += out64[i];
            }
        });
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<int64_t>(rtm1.lookups * 6));
    ReportRates(state,
                "peers_fib_lookups_per_s_ipv4",
                rtm1,
                {{"rte_lpm_lookups_per_s", &lpm1}, {"rte_fib_lookups_per_s", &fib1}});
    ReportRates(state,
                "peers_fib_bulk_lookups_per_s_ipv4",
                rtmB,
                {{"rte_lpm_bulk_lookups_per_s", &lpmB}, {"rte_fib_bulk_lookups_per_s", &fibB}});
    RtmBenchReport("ratio_fib_vs_rte_lpm", rtm1.Rate() / lpm1.Rate());
    RtmBenchReport("ratio_fib_vs_rte_fib", rtm1.Rate() / fib1.Rate());
    RtmBenchReport("ratio_fib_bulk_vs_rte_lpm_bulk", rtmB.Rate() / lpmB.Rate());
    RtmBenchReport("ratio_fib_bulk_vs_rte_fib_bulk", rtmB.Rate() / fibB.Rate());
    rte_fib_free(dir);
    rte_lpm_free(lpm);
}

void
BM_PeersIpv6Lookup(benchmark::State& state)
{
    const RtmBenchTable* t = TableOrSkip(state);
    if (t == nullptr)
    {
        return;
    }
    const RtmFib6& fib = RtmBenchFib6(kRtmBenchTable2015);
    const std::vector<RtmBenchTable::Key6>& addresses = RtmBenchIpv6Addresses(*t);
    auto bytes = [](RtmBenchTable::Key6 k, uint8_t* b) {
        for (int i = 15; i >= 0; --i, k >>= 8)
        {
            b[i] = static_cast<uint8_t>(k);
        }
    };
    rte_lpm6_config config{};
    config.max_rules = static_cast<uint32_t>(t->v6.size() + 1024);
    config.number_tbl8s = 1 << 16;
    rte_lpm6* lpm6 = rte_lpm6_create("rtm_bench_lpm6", SOCKET_ID_ANY, &config);
    if (lpm6 == nullptr)
    {
        state.SkipWithError((std::string("rte_lpm6_create: ") + rte_strerror(rte_errno)).c_str());
        return;
    }
    for (std::size_t i = 0; i < t->v6.size(); ++i)
    {
        uint8_t b[RTE_LPM6_IPV6_ADDR_SIZE];
        bytes(t->v6[i].first, b);
        int r = rte_lpm6_add(lpm6, b, t->v6[i].second, t->v6Values[i]);
        if (r < 0)
        {
            state.SkipWithError(("rte_lpm6_add: " + std::string(rte_strerror(-r))).c_str());
            rte_lpm6_free(lpm6);
            return;
        }
    }
    const std::size_t n = addresses.size();
    std::vector<std::array<uint8_t, RTE_LPM6_IPV6_ADDR_SIZE>> ips(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        bytes(addresses[i], ips[i].data());
    }
    auto raw = reinterpret_cast<uint8_t(*)[RTE_LPM6_IPV6_ADDR_SIZE]>(ips.data());
    std::vector<int32_t> out(n);
    std::vector<uint32_t> outRtm(n);
    rte_lpm6_lookup_bulk_func(lpm6, raw, out.data(), static_cast<unsigned>(n));
    RtmBenchFibBurstPass(fib, addresses, outRtm.data(), kBurst);
    std::size_t disagree = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        uint32_t l = out[i] < 0 ? 0 : static_cast<uint32_t>(out[i]);
        disagree += l != outRtm[i];
    }
    if (disagree != 0)
    {
        state.SkipWithError("rtm's FIB and rte_lpm6 disagree on the IPv6 stream");
        rte_lpm6_free(lpm6);
        return;
    }
    Pass rtm1, lpm1, rtmB, lpmB;
    uint64_t sum = 0;
    for (auto _ : state)
    {
        rtm1.Run(n, [&] { sum += RtmBenchFibPass(fib, addresses); });
        lpm1.Run(n, [&] {
            for (const auto& a : ips)
            {
                uint32_t hop = 0;
                rte_lpm6_lookup(lpm6, a.data(), &hop);
                sum += hop;
            }
        });
        rtmB.Run(n, [&] { sum += RtmBenchFibBurstPass(fib, addresses, outRtm.data(), kBurst); });
        lpmB.Run(n, [&] {
            for (std::size_t i = 0; i < n; i += kBurst)
            {
                rte_lpm6_lookup_bulk_func(lpm6, raw + i, &out[i], kBurst);
                sum += static_cast<uint32_t>(out[i]);
            }
        });
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<int64_t>(rtm1.lookups * 4));
    ReportRates(state, "peers_fib_lookups_per_s_ipv6", rtm1, {{"rte_lpm6_lookups_per_s", &lpm1}});
    ReportRates(state,
                "peers_fib_bulk_lookups_per_s_ipv6",
                rtmB,
                {{"rte_lpm6_bulk_lookups_per_s", &lpmB}});
    RtmBenchReport("ratio_fib6_vs_rte_lpm6", rtm1.Rate() / lpm1.Rate());
    RtmBenchReport("ratio_fib6_bulk_vs_rte_lpm6_bulk", rtmB.Rate() / lpmB.Rate());
    rte_lpm6_free(lpm6);
}

/// rte_fib loading the IPv4 table: file order (arg 0) or bench-core's shuffled order (arg 1).
void
BM_PeersLoad(benchmark::State& state)
{
    const RtmBenchTable* t = TableOrSkip(state);
    if (t == nullptr)
    {
        return;
    }
    bool shuffled = state.range(0) != 0;
    std::vector<std::size_t> order = FileOrder(t->v4.size());
    if (shuffled)
    {
        std::mt19937 rng(1); // bench-core's BM_CoreLoad shuffle: the same permutation
        std::shuffle(order.begin(), order.end(), rng);
    }
    double seconds = 0;
    double createSeconds = 0;
    double routes = 0;
    for (auto _ : state)
    {
        state.PauseTiming();
        std::string why;
        auto c0 = std::chrono::steady_clock::now();
        rte_fib* dir = MakeFib(t->v4.size(), why);
        createSeconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
        state.ResumeTiming();
        if (dir == nullptr)
        {
            state.SkipWithError(why.c_str());
            return;
        }
        auto start = std::chrono::steady_clock::now();
        bool ok = AddToFib(dir, *t, order, why);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        routes += static_cast<double>(order.size());
        state.PauseTiming();
        rte_fib_free(dir);
        state.ResumeTiming();
        if (!ok)
        {
            state.SkipWithError(why.c_str());
            return;
        }
    }
    state.SetItemsProcessed(static_cast<int64_t>(routes));
    RtmBenchReport(shuffled ? "rte_fib_load_routes_per_s_shuffled" : "rte_fib_load_routes_per_s",
                   std::round(routes / seconds));
    RtmBenchReport("rte_fib_create_s", createSeconds / static_cast<double>(state.iterations()));
}

/// rte_fib: delete and re-add bench-core's churn sample of the loaded IPv4 table.
///
/// The values here are the prefixes' indices + 1, not the origin ASNs: DPDK 22.11's DIR-24-8
/// reserves no tbl8 group for a prefix longer than /24 added under a parent of the same next hop,
/// but releases one when it is deleted, so with the ASNs the reservation count wraps and every
/// later add of such a prefix fails with ENOSPC (on this table in the fifth round).
void
BM_PeersChurn(benchmark::State& state)
{
    const RtmBenchTable* t = TableOrSkip(state);
    if (t == nullptr)
    {
        return;
    }
    std::string why;
    rte_fib* dir = MakeFib(t->v4.size(), why);
    if (dir == nullptr || !AddToFib(dir, *t, FileOrder(t->v4.size()), why, true))
    {
        state.SkipWithError(why.c_str());
        rte_fib_free(dir);
        return;
    }
    std::vector<std::size_t> pick = RtmBenchChurnPick(t->v4.size());
    double seconds = 0;
    double updates = 0;
    for (auto _ : state)
    {
        auto start = std::chrono::steady_clock::now();
        for (std::size_t i : pick)
        {
            rte_fib_delete(dir, t->v4[i].first, t->v4[i].second);
        }
        bool ok = AddToFib(dir, *t, pick, why, true);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        updates += 2.0 * static_cast<double>(pick.size());
        if (!ok)
        {
            state.SkipWithError(why.c_str());
            rte_fib_free(dir);
            return;
        }
    }
    // The churned FIB answers like one loaded once (the table has no duplicate prefix).
    rte_fib* fresh = nullptr;
    std::vector<uint32_t> ips(RtmBenchIpv4Addresses());
    std::vector<uint64_t> out(ips.size());
    std::vector<uint64_t> expected(ips.size());
    rte_fib_lookup_bulk(dir, ips.data(), out.data(), static_cast<int>(ips.size()));
    rte_fib_free(dir); // one DIR-24-8 at a time in EAL's memory
    fresh = MakeFib(t->v4.size(), why);
    if (fresh == nullptr || !AddToFib(fresh, *t, FileOrder(t->v4.size()), why, true))
    {
        state.SkipWithError(why.c_str());
        rte_fib_free(fresh);
        return;
    }
    rte_fib_lookup_bulk(fresh, ips.data(), expected.data(), static_cast<int>(ips.size()));
    rte_fib_free(fresh);
    if (out != expected)
    {
        state.SkipWithError("rte_fib answers differently after the churn");
        return;
    }
    state.SetItemsProcessed(static_cast<int64_t>(updates));
    RtmBenchReport("rte_fib_churn_updates_per_s", std::round(updates / seconds));
}

/// The ratios of bench-core's RIB figures to rte_fib's, printed with the summary.
int
DeclareRatios()
{
    RtmBenchRatio("ratio_load_vs_rte_fib", "load_routes_per_s", "rte_fib_load_routes_per_s");
    RtmBenchRatio("ratio_load_shuffled_vs_rte_fib",
                  "load_routes_per_s_shuffled",
                  "rte_fib_load_routes_per_s_shuffled");
    RtmBenchRatio("ratio_churn_vs_rte_fib", "churn_updates_per_s", "rte_fib_churn_updates_per_s");
    return 0;
}

[[maybe_unused]] const int g_ratiosDeclared = DeclareRatios();

} // namespace

BENCHMARK(BM_PeersIpv4Lookup)->Unit(benchmark::kMillisecond)->Iterations(8);
BENCHMARK(BM_PeersIpv6Lookup)->Unit(benchmark::kMillisecond)->Iterations(8);
BENCHMARK(BM_PeersLoad)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PeersChurn)->Unit(benchmark::kMillisecond)->Iterations(5);

#endif // RTM_HAVE_DPDK
