/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the soak (issue 11). Does memory stay flat over a long churn?
 *
 * The 2014 RouteViews IPv4 table (about 512k prefixes) is loaded through one client (next hops:
 * origin AS modulo 300), three other clients register for change notifications (ALL, BEST,
 * FORWARDING changes in the unicast view) and pull them every 1,000 operations, then 10^7 churn
 * operations run, each one RTM write call chosen at random:
 *  - 40%: delete a route and add it again (two operations);
 *  - 30%: change a route's metric; 15%: move a route to another next hop (UpdateRoute);
 *  - 15%: add a more-specific route inside a table prefix, or delete the oldest such route
 *    once 10,000 exist (so their number stays bounded);
 * plus, every 10,000 operations, a destination enumeration started, read for one batch and
 * deleted. Every 10^6 operations the FIB is brought up to date, the notifications drained, and
 * the process's resident set (/proc/self/statm) and malloc's heap in use (mallinfo2) sampled.
 *
 * Summary: soak_ops, soak_rss_growth_percent and soak_heap_growth_percent (growth from the
 * sample after the first million operations to the last one: the table is then in its steady
 * state; target below 1 %), soak_ops_per_s.
 */
#include "rtm-bench-summary.h"
#include "rtm-bench-tables.h"

#include "ns3/rtm-instance.h"
#include "ns3/rtm-table-file.h"
#include "ns3/rtm-table-loader.h"
#include "ns3/rtm-table.h"
#include "ns3/simulator.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <deque>
#include <iostream>
#include <malloc.h>
#include <random>
#include <set>
#include <unistd.h>

using namespace ns3;

namespace
{

constexpr uint64_t kSoakOps = 10000000;
constexpr uint64_t kSampleEvery = 1000000;
constexpr uint64_t kPullEvery = 1000;
constexpr uint64_t kEnumEvery = 10000;
constexpr std::size_t kMaxExtra = 10000;

/// Resident set size of this process, bytes.
double
RssBytes()
{
    long pages = 0;
    long resident = 0;
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (f != nullptr)
    {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
        {
            resident = 0;
        }
        std::fclose(f);
    }
    return static_cast<double>(resident) * sysconf(_SC_PAGESIZE);
}

/// Heap in use (malloc's statistics), bytes.
double
HeapBytes()
{
    struct mallinfo2 mi = mallinfo2();
    return static_cast<double>(mi.uordblks + mi.hblkhd);
}

void
BM_Soak(benchmark::State& state)
{
    std::vector<RtmTableFileEntry> entries;
    {
        std::vector<RtmTableFileEntry> all;
        uint32_t rejected = 0;
        std::vector<std::string> errors;
        RtmTableFile::Read(RtmBenchDataDir() + "/tables/ipasn_20140513.dat.gz",
                           all,
                           rejected,
                           errors);
        for (const auto& e : all)
        {
            if (e.prefix.addressFamily == RTM_AF_INET)
            {
                entries.push_back(e);
            }
        }
    }
    if (entries.empty())
    {
        state.SkipWithError("table ipasn_20140513.dat.gz is absent (set RTM_SHARED_DATA)");
        return;
    }
    Simulator::Run(); // an empty run: ns-3 stops recording Time objects (see bench-core.cc)
    for (auto _ : state)
    {
        Ptr<RtmInstance> inst = CreateObject<RtmInstance>();
        RtmTableLoader loader(inst, 1, 300);
        std::vector<RtmRouteHandle> routes;
        uint32_t failed = 0;
        loader.Load(entries, failed, &routes);
        {
            // A prefix listed twice is one route: keep each handle once.
            std::set<RtmRouteHandle> seen;
            std::vector<RtmRouteHandle> unique;
            for (const auto& h : routes)
            {
                if (!h.IsNull() && seen.insert(h).second)
                {
                    unique.push_back(h);
                }
            }
            routes.swap(unique);
        }
        Ptr<RtmRegistration> owner = loader.GetRegistration(RTM_AF_INET);

        RtmBenchWatchers watchers(inst, 2000);
        std::vector<RtmDestInfo> dests;
        uint64_t pulled = watchers.Drain();

        // The owner's next hops (the loader made one per AS modulo 300).
        std::vector<RtmNextHopHandle> hops;
        {
            RtmEnumHandle e;
            owner->CreateNextHopEnum(RTM_ENUM_START, nullptr, e);
            RtmStatus st;
            do
            {
                uint32_t num = 256;
                std::vector<RtmNextHopHandle> batch;
                st = owner->GetEnumNextHops(e, num, batch);
                hops.insert(hops.end(), batch.begin(), batch.begin() + num);
            } while (st == RtmStatus::Success);
            owner->DeleteEnumHandle(e);
        }

        std::mt19937_64 rng(11);
        std::deque<RtmRouteHandle> extra;
        uint64_t ops = 0;
        uint64_t refused = 0;
        std::vector<double> rss;
        std::vector<double> heap;
        auto check = [&refused](RtmStatus st) { refused += st != RtmStatus::Success; };
        auto start = std::chrono::steady_clock::now();
        while (ops < kSoakOps)
        {
            uint32_t r = rng() % 100;
            std::size_t i = rng() % routes.size();
            RtmRouteInfo info;
            RtmNetAddress prefix;
            uint32_t cf = 0;
            if (r < 85)
            {
                check(owner->GetRouteInfo(routes[i], &info, &prefix));
            }
            if (r < 40)
            {
                check(owner->DeleteRouteToDest(routes[i], cf));
                RtmRouteHandle h;
                cf = 0;
                check(owner->AddRouteToDest(h, prefix, info, RTM_INFINITE, {}, cf));
                routes[i] = h;
                ops += 2;
            }
            else if (r < 70)
            {
                info.prefInfo.metric = (info.prefInfo.metric + 1) % 16;
                check(owner->UpdateRoute(routes[i], info, RTM_INFINITE, {}, cf));
                ++ops;
            }
            else if (r < 85)
            {
                info.nextHops = {hops[rng() % hops.size()]};
                check(owner->UpdateRoute(routes[i], info, RTM_INFINITE, {}, cf));
                ++ops;
            }
            else if (extra.size() < kMaxExtra)
            {
                const RtmNetAddress& base = entries[i].prefix;
                RtmNetAddress more = base;
                more.numBits = std::min<uint16_t>(32, base.numBits + 1 + rng() % 8);
                uint32_t bits = static_cast<uint32_t>(rng());
                for (uint32_t b = base.numBits; b < more.numBits; ++b)
                {
                    if (bits & (1u << (b % 32)))
                    {
                        more.addrBits[b / 8] |= static_cast<uint8_t>(0x80 >> (b % 8));
                    }
                }
                RtmRouteInfo add;
                add.nextHops = {hops[rng() % hops.size()]};
                add.belongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
                RtmRouteHandle h;
                cf = RTM_ROUTE_CHANGE_NEW;
                check(owner->AddRouteToDest(h, more, add, RTM_INFINITE, {}, cf));
                extra.push_back(h);
                ++ops;
            }
            else if (!extra.empty())
            {
                check(owner->DeleteRouteToDest(extra.front(), cf));
                extra.pop_front();
                ++ops;
            }
            if (ops % kPullEvery < 2)
            {
                pulled += watchers.Drain();
            }
            if (ops % kEnumEvery < 2)
            {
                RtmEnumHandle e;
                watchers.First()->CreateDestEnum(RTM_VIEW_MASK_UCAST,
                                                 RTM_ENUM_START,
                                                 nullptr,
                                                 RTM_BEST_PROTOCOL,
                                                 e);
                uint32_t num = 64;
                watchers.First()->GetEnumDests(e, num, dests);
                watchers.First()->DeleteEnumHandle(e);
            }
            if (ops / kSampleEvery > rss.size())
            {
                inst->GetIpv4Table().FibLookupForward(0x08080808u);
                pulled += watchers.Drain();
                rss.push_back(RssBytes());
                heap.push_back(HeapBytes());
                std::cout << "soak: ops=" << ops << " rss_mb=" << rss.back() / 1e6
                          << " heap_mb=" << heap.back() / 1e6 << " extra_routes=" << extra.size()
                          << std::endl;
            }
        }
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.counters["refused"] = static_cast<double>(refused);
        state.counters["notifications_pulled"] = static_cast<double>(pulled);
        RtmBenchReport("soak_ops", static_cast<double>(ops));
        RtmBenchReport("soak_ops_per_s", ops / seconds);
        RtmBenchReport("soak_refused_ops", static_cast<double>(refused));
        if (rss.size() >= 2)
        {
            RtmBenchReport("soak_rss_growth_percent", 100.0 * (rss.back() - rss[0]) / rss[0]);
            RtmBenchReport("soak_heap_growth_percent", 100.0 * (heap.back() - heap[0]) / heap[0]);
        }
        watchers.Deregister();
        inst->Dispose();
    }
}

} // namespace

BENCHMARK(BM_Soak)->Unit(benchmark::kSecond)->Iterations(1);
