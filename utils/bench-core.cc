/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the RTM core with a real table (issue 2 figures).
 *
 * The 2015 RouteViews IPv4 table (606k prefixes) is loaded through one client (next hops: the
 * origin AS modulo 300, a realistic fan-out), then:
 *  - load: routes/s, file order and shuffled, including best selection and the unicast FIB,
 *    brought up to date by one packet lookup (FibLookupForward: FibLookup of the unicast view
 *    reads the destination index since decision 37, so it left the FIB's rebuild unmeasured);
 *  - lookups: random uniform IPv4 addresses through the unicast view (FIB + best route);
 *  - churn: delete and re-add a random 10% of the routes with three notification registrations
 *    (ALL, BEST, FORWARDING) pulled after each batch;
 *  - interface flap: the interface of every next hop goes down (no route is eligible, the FIB
 *    empties) and up again, with a FORWARDING registration pulled after each step;
 *  - memory: heap bytes per route (malloc statistics around the load) and for an empty instance.
 * Summary: load_routes_per_s, lookups_per_s, churn_updates_per_s, interface_flap_routes_per_s,
 * bytes_per_route, empty_instance_bytes (and more).
 */
#include "rtm-bench-summary.h"
#include "rtm-bench-tables.h"

#include "ns3/rtm-instance.h"
#include "ns3/rtm-table-file.h"
#include "ns3/rtm-table-loader.h"
#include "ns3/rtm-table.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <iostream>
#include <malloc.h>
#include <memory>
#include <random>

using namespace ns3;

namespace
{

/// The IPv4 entries of the 2015 table, read once.
const std::vector<RtmTableFileEntry>&
Table2015()
{
    // Start (and finish) an empty simulation first: before Simulator::Run, ns-3 records every
    // Time object in a global set (for resolution changes), which a simulation does not pay.
    static bool started = false;
    if (!started)
    {
        started = true;
        Simulator::Run();
    }
    static std::vector<RtmTableFileEntry> v4;
    static bool done = false;
    if (!done)
    {
        done = true;
        std::vector<RtmTableFileEntry> all;
        uint32_t rejected = 0;
        std::vector<std::string> errors;
        RtmTableFile::Read(RtmBenchDataDir() + "/tables/ipasn6_20151101.dat.gz",
                           all,
                           rejected,
                           errors);
        for (const auto& e : all)
        {
            if (e.prefix.addressFamily == RTM_AF_INET)
            {
                v4.push_back(e);
            }
        }
    }
    return v4;
}

std::size_t
HeapInUse()
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/// Load \p entries into a fresh instance and bring the FIB up to date.
uint32_t
LoadAll(Ptr<RtmInstance> inst,
        RtmTableLoader& loader,
        const std::vector<RtmTableFileEntry>& entries)
{
    uint32_t failed = 0;
    uint32_t n = loader.Load(entries, failed);
    inst->GetIpv4Table().FibLookupForward(0x08080808u);
    return n;
}

void
BM_CoreLoad(benchmark::State& state)
{
    std::vector<RtmTableFileEntry> entries = Table2015();
    if (entries.empty())
    {
        state.SkipWithError("table ipasn6_20151101.dat.gz is absent (set RTM_SHARED_DATA)");
        return;
    }
    bool shuffled = state.range(0) != 0;
    if (shuffled)
    {
        std::mt19937 rng(1);
        std::shuffle(entries.begin(), entries.end(), rng);
    }
    uint64_t routes = 0;
    double seconds = 0;
    for (auto _ : state)
    {
        auto start = std::chrono::steady_clock::now();
        Ptr<RtmInstance> inst = CreateObject<RtmInstance>();
        RtmTableLoader loader(inst, 1, 300);
        routes += LoadAll(inst, loader, entries);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.PauseTiming();
        inst->Dispose();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<int64_t>(routes));
    RtmBenchReport(shuffled ? "load_routes_per_s_shuffled" : "load_routes_per_s", routes / seconds);
}

/// Shared state of the lookup and churn benchmarks: one loaded instance.
struct Loaded
{
    Ptr<RtmInstance> inst;
    std::unique_ptr<RtmTableLoader> loader;
    std::vector<RtmTableFileEntry> entries;
    uint32_t routes{0};
};

Loaded&
GetLoaded()
{
    static Loaded l;
    if (!l.inst && !Table2015().empty())
    {
        l.entries = Table2015();
        std::size_t before = HeapInUse();
        l.inst = CreateObject<RtmInstance>();
        l.loader = std::make_unique<RtmTableLoader>(l.inst, 1, 300);
        l.routes = LoadAll(l.inst, *l.loader, l.entries);
        std::size_t bytes = HeapInUse() - before;
        RtmBenchReport("routes_loaded", l.routes);
        std::cout << "memory of the loaded IPv4 table:\n";
        l.inst->GetIpv4Table().PrintMemory(std::cout);
        RtmBenchReport("bytes_per_route", static_cast<double>(bytes) / l.routes);
        RtmBenchReport("instance_memory_estimate_bytes_per_route",
                       static_cast<double>(l.inst->GetMemoryBytes()) / l.routes);
        RtmBenchReport("fib_lookup_bytes_per_prefix_in_table",
                       static_cast<double>(l.inst->GetIpv4Table().FibLookupBytes()) / 2 / l.routes);
    }
    return l;
}

void
BM_CoreLookup(benchmark::State& state)
{
    Loaded& l = GetLoaded();
    if (!l.inst)
    {
        state.SkipWithError("table absent");
        return;
    }
    RtmTable<RtmIpv4Family>& t = l.inst->GetIpv4Table();
    std::mt19937 rng(7);
    std::vector<uint32_t> addrs(1 << 20);
    for (auto& a : addrs)
    {
        a = rng();
    }
    uint64_t found = 0;
    std::size_t i = 0;
    auto start = std::chrono::steady_clock::now();
    for (auto _ : state)
    {
        // What a packet reads: the FIB leaf and the best route's forwarding record (decision 37).
        const auto* f = t.FibLookupForward(addrs[i++ & (addrs.size() - 1)]);
        found += f == nullptr ? 0 : f->flags + 1;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations());
    RtmBenchReport("lookups_per_s", state.iterations() / seconds);
}

void
BM_CoreChurn(benchmark::State& state)
{
    Loaded& l = GetLoaded();
    if (!l.inst)
    {
        state.SkipWithError("table absent");
        return;
    }
    // Three other clients, each with one notification registration of another change type.
    RtmBenchWatchers watchers(l.inst, 1000);
    Ptr<RtmRegistration> owner = l.loader->GetRegistration(RTM_AF_INET);
    // A random 10% of the table, with the handles of its routes.
    std::vector<std::size_t> pick = RtmBenchChurnPick(l.entries.size());
    std::vector<RtmTableFileEntry> batch;
    std::vector<RtmRouteHandle> handles;
    for (std::size_t i : pick)
    {
        batch.push_back(l.entries[i]);
        RtmRouteInfo crit;
        crit.routeOwner = owner->GetEntityHandle();
        RtmRouteHandle h;
        owner->GetExactMatchRoute(l.entries[i].prefix,
                                  RTM_MATCH_OWNER,
                                  crit,
                                  0,
                                  RTM_VIEW_MASK_ANY,
                                  &h);
        handles.push_back(h);
    }
    uint64_t pulled = watchers.Drain();
    uint64_t updates = 0;
    double seconds = 0;
    double phase[4] = {0, 0, 0, 0}; // delete, add, FIB sync, notification drain
    auto lap = [](std::chrono::steady_clock::time_point& t) {
        auto now = std::chrono::steady_clock::now();
        double s = std::chrono::duration<double>(now - t).count();
        t = now;
        return s;
    };
    for (auto _ : state)
    {
        auto start = std::chrono::steady_clock::now();
        auto t = start;
        uint32_t flags = 0;
        for (auto& h : handles)
        {
            owner->DeleteRouteToDest(h, flags);
        }
        phase[0] += lap(t);
        uint32_t failed = 0;
        updates += batch.size() + l.loader->Load(batch, failed, &handles);
        phase[1] += lap(t);
        l.inst->GetIpv4Table().FibLookupForward(0x08080808u);
        phase[2] += lap(t);
        pulled += watchers.Drain();
        phase[3] += lap(t);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    state.SetItemsProcessed(static_cast<int64_t>(updates));
    state.counters["notifications_pulled"] = static_cast<double>(pulled);
    // Where the time goes, as shares of the churn's total.
    state.counters["share_delete"] = phase[0] / seconds;
    state.counters["share_add"] = phase[1] / seconds;
    state.counters["share_fib_sync"] = phase[2] / seconds;
    state.counters["share_drain"] = phase[3] / seconds;
    RtmBenchReport("churn_updates_per_s", updates / seconds);
}

/// Next-hop state: the interface carrying the whole table goes down (every route loses its best
/// route, the FIB empties, one FORWARDING registration pulls every destination) and comes back.
void
BM_CoreInterfaceFlap(benchmark::State& state)
{
    Loaded& l = GetLoaded();
    if (!l.inst)
    {
        state.SkipWithError("table absent");
        return;
    }
    RtmEntityInfo info;
    info.addressFamily = RTM_AF_INET;
    info.entityId.entityProtocolId = 1100;
    RtmRegnProfile profile;
    Ptr<RtmRegistration> watcher;
    l.inst->RegisterEntity(info, {}, RtmEventCallback(), false, profile, watcher);
    RtmNotifyHandle notify;
    watcher->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST,
                                           RTM_CHANGE_TYPE_FORWARDING,
                                           0,
                                           notify);
    RtmTable<RtmIpv4Family>& t = l.inst->GetIpv4Table();
    std::vector<RtmDestInfo> dests;
    uint64_t pulled = 0;
    auto drain = [&]() {
        RtmStatus st;
        do
        {
            uint32_t num = 256;
            st = watcher->GetChangedDests(notify, num, dests);
            pulled += num;
        } while (st == RtmStatus::Success);
    };
    drain();
    uint64_t reselected = 0;
    double seconds = 0;
    for (auto _ : state)
    {
        auto start = std::chrono::steady_clock::now();
        for (bool up : {false, true})
        {
            l.inst->SetInterfaceState(RTM_AF_INET, 1, up);
            t.FibLookupForward(0x08080808u);
            drain();
            reselected += l.routes;
        }
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    state.SetItemsProcessed(static_cast<int64_t>(reselected));
    state.counters["notifications_pulled"] = static_cast<double>(pulled);
    RtmBenchReport("interface_flap_routes_per_s", reselected / seconds);
    watcher->Deregister();
}

void
BM_CoreEmptyInstance(benchmark::State& state)
{
    for (auto _ : state)
    {
        const int n = 1000;
        std::vector<Ptr<RtmInstance>> v;
        v.reserve(n);
        std::size_t before = HeapInUse();
        for (int i = 0; i < n; ++i)
        {
            v.push_back(CreateObject<RtmInstance>());
        }
        std::size_t empty = HeapInUse() - before;
        before = HeapInUse();
        for (auto& inst : v)
        {
            inst->GetIpv4Table();
            inst->GetIpv6Table();
        }
        std::size_t tables = HeapInUse() - before;
        RtmBenchReport("empty_instance_bytes", static_cast<double>(empty) / n);
        RtmBenchReport("empty_instance_with_tables_bytes", static_cast<double>(empty + tables) / n);
        for (auto& inst : v)
        {
            inst->Dispose();
        }
    }
}

} // namespace

BENCHMARK(BM_CoreLoad)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_CoreLookup);
BENCHMARK(BM_CoreChurn)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_CoreInterfaceFlap)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_CoreEmptyInstance)->Iterations(1);
