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

#include "ns3/rtm-fib.h"
#include "ns3/rtm-table-file.h"

#include <benchmark/benchmark.h>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <time.h>
#include <unordered_map>
#include <vector>

using namespace ns3;

namespace
{

typedef RtmIpv6Family::Key Key6;

/// The prefixes of one table file, with their values.
struct Table
{
    bool ok{false};                               //!< the file was read
    std::string message;                          //!< why not
    std::vector<std::pair<uint32_t, uint8_t>> v4; //!< IPv4 prefixes
    std::vector<uint32_t> v4Values;               //!< their values
    std::vector<std::pair<Key6, uint8_t>> v6;     //!< IPv6 prefixes
    std::vector<uint32_t> v6Values;               //!< their values
};

/// \return the table of a file of tables/ (read once)
const Table&
LoadTable(const std::string& name)
{
    static std::map<std::string, Table> cache;
    auto it = cache.find(name);
    if (it != cache.end())
    {
        return it->second;
    }
    Table& t = cache[name];
    std::string path = RtmBenchDataDir() + "/tables/" + name;
    if (!std::filesystem::exists(path))
    {
        t.message = "reference table " + path + " is absent (set RTM_SHARED_DATA)";
        return t;
    }
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    if (!RtmTableFile::Read(path, entries, rejected, errors))
    {
        t.message = "cannot read " + path;
        return t;
    }
    std::unordered_map<uint32_t, uint32_t> asnValue;
    for (const auto& e : entries)
    {
        uint32_t v =
            asnValue.emplace(e.asn, static_cast<uint32_t>(asnValue.size() + 1)).first->second;
        if (e.prefix.addressFamily == RTM_AF_INET)
        {
            t.v4.emplace_back(RtmKeyOps<RtmIpv4Family>::FromNetAddress(e.prefix),
                              static_cast<uint8_t>(e.prefix.numBits));
            t.v4Values.push_back(v);
        }
        else
        {
            t.v6.emplace_back(RtmKeyOps<RtmIpv6Family>::FromNetAddress(e.prefix),
                              static_cast<uint8_t>(e.prefix.numBits));
            t.v6Values.push_back(v);
        }
    }
    t.ok = true;
    return t;
}

template <typename F, typename P>
void
Fill(RtmFib<F>& fib, const P& prefixes, const std::vector<uint32_t>& values)
{
    for (std::size_t i = 0; i < prefixes.size(); ++i)
    {
        fib.Insert(prefixes[i].first, prefixes[i].second, values[i]);
    }
    fib.Sync();
}

/// \return the IPv4 FIB of a table file (built once)
const RtmFib4&
Fib4(const std::string& name)
{
    static std::map<std::string, RtmFib4> cache;
    auto it = cache.find(name);
    if (it == cache.end())
    {
        it = cache.emplace(name, RtmFib4()).first;
        const Table& t = LoadTable(name);
        Fill(it->second, t.v4, t.v4Values);
    }
    return it->second;
}

/// \return the IPv6 FIB of a table file (built once)
const RtmFib6&
Fib6(const std::string& name)
{
    static std::map<std::string, RtmFib6> cache;
    auto it = cache.find(name);
    if (it == cache.end())
    {
        it = cache.emplace(name, RtmFib6()).first;
        const Table& t = LoadTable(name);
        Fill(it->second, t.v6, t.v6Values);
    }
    return it->second;
}

constexpr std::size_t kAddresses = 1 << 20; //!< addresses per pass (4 MiB of IPv4 addresses)

const char* const kTable2014 = "ipasn_20140513.dat.gz";
const char* const kTable2015 = "ipasn6_20151101.dat.gz";

/// \return the CPU time of the calling thread, in seconds (like Google Benchmark's CPU time, it
///         leaves out the time other processes hold the core: the machine may be shared)
double
ThreadSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

/// \return CPU seconds since \p t0 (a ThreadSeconds() value)
double
Since(double t0)
{
    return ThreadSeconds() - t0;
}

/// IPv4 lookups of uniformly random addresses on a full table.
void
LookupIpv4(benchmark::State& state, const char* file, const char* key)
{
    const Table& t = LoadTable(file);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    const RtmFib4& fib = Fib4(file);
    std::vector<uint32_t> addresses(kAddresses);
    std::mt19937 rng(4);
    for (auto& a : addresses)
    {
        a = rng();
    }
    uint64_t sum = 0;
    double t0 = ThreadSeconds();
    for (auto _ : state)
    {
        for (uint32_t a : addresses)
        {
            sum += fib.Lookup(a);
        }
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
    const Table& t = LoadTable(kTable2015);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    const RtmFib6& fib = Fib6(kTable2015);
    std::vector<Key6> addresses(kAddresses);
    std::mt19937_64 rng(6);
    for (std::size_t i = 0; i < addresses.size(); ++i)
    {
        Key6 r = (static_cast<Key6>(rng()) << 64) | rng();
        if (i % 2 == 0)
        {
            // Uniform in 2000::/3.
            addresses[i] = (Key6(1) << 125) | (r & ~RtmKeyOps<RtmIpv6Family>::Mask(3));
        }
        else
        {
            auto [p, len] = t.v6[rng() % t.v6.size()];
            addresses[i] = p | (r & ~RtmKeyOps<RtmIpv6Family>::Mask(len));
        }
    }
    uint64_t sum = 0;
    double t0 = ThreadSeconds();
    for (auto _ : state)
    {
        for (const Key6& a : addresses)
        {
            sum += fib.Lookup(a);
        }
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
    const Table& t = LoadTable(kTable2015);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    double seconds = 0;
    for (auto _ : state)
    {
        double t0 = ThreadSeconds();
        RtmFib4 fib;
        Fill(fib, t.v4, t.v4Values);
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
    const Table& t = LoadTable(kTable2015);
    if (!t.ok)
    {
        state.SkipWithError(t.message.c_str());
        return;
    }
    RtmFib4 fib;
    Fill(fib, t.v4, t.v4Values);
    std::mt19937 rng(8);
    std::vector<bool> present(t.v4.size(), true);
    uint64_t sum = 0;
    double t0 = ThreadSeconds();
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
