/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: benchmarks of the raw FIB (RtmFib), on the RouteViews tables of the shared data.
 *
 * Values are the origin ASNs mapped onto 1..N (N distinct ASNs of the table). Lookups use a
 * pre-generated array of addresses, one address per Lookup() call, results accumulated so that
 * none can be optimised away. Rates are per second of the benchmark thread's CPU time.
 */
#include "rtm-bench-summary.h"
#include "rtm-bench-tables.h"

#include "ns3/rtm-fib.h"

#include <benchmark/benchmark.h>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

typedef RtmBenchTable::Key6 Key6;
typedef RtmBenchTable Table;

const char* const kTable2014 = kRtmBenchTable2014;
const char* const kTable2015 = kRtmBenchTable2015;
constexpr std::size_t kAddresses = kRtmBenchAddresses;

/// \return CPU seconds since \p t0 (an RtmBenchThreadSeconds() value)
double
Since(double t0)
{
    return RtmBenchThreadSeconds() - t0;
}

/// IPv4 lookups of uniformly random addresses on a full table.
void
LookupIpv4(benchmark::State& state, const char* file, const char* key)
{
    const Table& t = RtmBenchLoadTable(file);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    const RtmFib4& fib = RtmBenchFib4(file);
    const std::vector<uint32_t>& addresses = RtmBenchIpv4Addresses();
    uint64_t sum = 0;
    double t0 = RtmBenchThreadSeconds();
    for (auto _ : state)
    {
        sum += RtmBenchFibPass(fib, addresses);
        benchmark::DoNotOptimize(sum);
    }
    double seconds = Since(t0);
    double lookups = static_cast<double>(state.iterations()) * kAddresses;
    state.SetItemsProcessed(static_cast<int64_t>(lookups));
    state.counters["prefixes"] = static_cast<double>(fib.Size());
    state.counters["lookup_B_per_prefix"] =
        static_cast<double>(fib.LookupBytes()) / static_cast<double>(fib.Size());
    state.counters["total_B_per_prefix"] =
        static_cast<double>(fib.TotalBytes()) / static_cast<double>(fib.Size());
    if (key != nullptr)
    {
        RtmBenchReport(key, std::round(lookups / seconds));
    }
    if (std::string(file) == kTable2015)
    {
        RtmBenchReport("fib_lookup_bytes_per_prefix_ipv4",
                       static_cast<double>(fib.LookupBytes()) / static_cast<double>(fib.Size()));
        RtmBenchReport("fib_total_bytes_per_prefix_ipv4",
                       static_cast<double>(fib.TotalBytes()) / static_cast<double>(fib.Size()));
    }
}

void
BM_FibLookupIpv4Table2015(benchmark::State& state)
{
    LookupIpv4(state, kTable2015, "fib_lookups_per_s_ipv4");
}

void
BM_FibLookupIpv4Table2014(benchmark::State& state)
{
    LookupIpv4(state, kTable2014, "fib_lookups_per_s_ipv4_2014");
}

/// IPv6 lookups on the 2015 IPv6 table: addresses in 2000::/3, every other one inside a prefix.
void
BM_FibLookupIpv6Table2015(benchmark::State& state)
{
    const Table& t = RtmBenchLoadTable(kTable2015);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    const RtmFib6& fib = RtmBenchFib6(kTable2015);
    const std::vector<Key6>& addresses = RtmBenchIpv6Addresses(t);
    uint64_t sum = 0;
    double t0 = RtmBenchThreadSeconds();
    for (auto _ : state)
    {
        sum += RtmBenchFibPass(fib, addresses);
        benchmark::DoNotOptimize(sum);
    }
    double seconds = Since(t0);
    double lookups = static_cast<double>(state.iterations()) * kAddresses;
    state.SetItemsProcessed(static_cast<int64_t>(lookups));
    double perPrefix = static_cast<double>(fib.LookupBytes()) / static_cast<double>(fib.Size());
    state.counters["prefixes"] = static_cast<double>(fib.Size());
    state.counters["lookup_B_per_prefix"] = perPrefix;
    RtmBenchReport("fib_lookups_per_s_ipv6", std::round(lookups / seconds));
    RtmBenchReport("fib_lookup_bytes_per_prefix_ipv6", perPrefix);
}

/// Building the full 2015 IPv4 FIB: every Insert() then Sync().
void
BM_FibLoadIpv4Table2015(benchmark::State& state)
{
    const Table& t = RtmBenchLoadTable(kTable2015);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    double seconds = 0;
    for (auto _ : state)
    {
        double t0 = RtmBenchThreadSeconds();
        RtmFib4 fib;
        RtmBenchFill(fib, t.v4, t.v4Values);
        benchmark::DoNotOptimize(fib.LookupBytes());
        seconds += Since(t0);
        state.PauseTiming(); // the destructor is not part of the load
        {
            RtmFib4 gone(std::move(fib));
        }
        state.ResumeTiming();
    }
    double prefixes = static_cast<double>(state.iterations()) * static_cast<double>(t.v4.size());
    state.SetItemsProcessed(static_cast<int64_t>(prefixes));
    RtmBenchReport("fib_load_prefixes_per_s_ipv4", std::round(prefixes / seconds));
}

/// One withdrawal or re-announcement of a random prefix of the full 2015 IPv4 table, then one
/// lookup (which brings the lookup structure up to date): the incremental update cost.
void
BM_FibUpdateThenLookupIpv4Table2015(benchmark::State& state)
{
    const Table& t = RtmBenchLoadTable(kTable2015);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    RtmFib4 fib;
    RtmBenchFill(fib, t.v4, t.v4Values);
    std::mt19937 rng(8);
    std::vector<bool> present(t.v4.size(), true);
    uint64_t sum = 0;
    double t0 = RtmBenchThreadSeconds();
    for (auto _ : state)
    {
        std::size_t i = rng() % t.v4.size();
        auto [p, len] = t.v4[i];
        if (present[i])
        {
            fib.Remove(p, len);
        }
        else
        {
            fib.Insert(p, len, t.v4Values[i]);
        }
        present[i] = !present[i];
        sum += fib.Lookup(p);
    }
    benchmark::DoNotOptimize(sum);
    double seconds = Since(t0);
    state.SetItemsProcessed(state.iterations());
    RtmBenchReport("fib_updates_per_s_ipv4",
                   std::round(static_cast<double>(state.iterations()) / seconds));
}

} // namespace

BENCHMARK(BM_FibLookupIpv4Table2015)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FibLookupIpv4Table2014)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FibLookupIpv6Table2015)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FibLoadIpv4Table2015)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FibUpdateThenLookupIpv4Table2015)->Unit(benchmark::kMicrosecond);
