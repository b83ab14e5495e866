/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the full 2014 RouteViews IPv4 table (512,621 prefixes) loaded through one client, and a
 * sample of lookups checked against the naive reference model (rtm-reference-model.h).
 *
 * The reference model answers every query by a linear scan, so it cannot hold half a million
 * routes. It does not need to: the longest-prefix match of an address depends only on the
 * prefixes that cover it. For each sampled address the test collects, from the file, every
 * prefix covering it (at most 33), loads the union of those into the model (with the same next
 * hop per origin AS as the loader), and compares, address by address, the model's answers with
 * the RTM's: the most-specific destination through the client API (the trie), and the lookup
 * that forwarding uses (the FIB), prefix and next hop.
 */
#include "rtm-reference-model.h"

#include "ns3/rtm-family.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-table-file.h"
#include "ns3/rtm-table-loader.h"
#include "ns3/simulator.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace
{

using namespace ns3;
typedef RtmKeyOps<RtmIpv4Family> Ops;

/// The origin AS of each prefix of the file, by length then key.
typedef std::vector<std::unordered_map<uint32_t, uint32_t>> ByLength;

/// \return the label the loader gives to the next hop of \p asn
std::string
AsLabel(uint32_t asn)
{
    return "AS" + std::to_string(asn);
}

/// \return the AS that the model's best route of \p d in the unicast view points to, or 0
uint32_t
ModelAs(const rtmref::Model& m, rtmref::Id client, const rtmref::DestOut& d)
{
    if (d.views.empty() || d.views[0].route == 0)
    {
        return 0;
    }
    rtmref::RouteOut route;
    RtmNetAddress prefix;
    if (m.GetRouteInfo(client, d.views[0].route, route, prefix) != RtmStatus::Success ||
        route.nextHops.empty())
    {
        return 0;
    }
    rtmref::NextHopOut hop;
    if (m.GetNextHopInfo(client, route.nextHops[0], hop) != RtmStatus::Success)
    {
        return 0;
    }
    return hop.addr.GetIpv4().Get();
}

/// \return the AS that the RTM's best unicast route of \p info points to, or 0
uint32_t
RtmAs(Ptr<RtmRegistration> reg, const RtmDestInfo& info)
{
    if (info.viewInfo.empty() || info.viewInfo[0].route.IsNull())
    {
        return 0;
    }
    RtmRouteInfo route;
    if (reg->GetRouteInfo(info.viewInfo[0].route, &route) != RtmStatus::Success ||
        route.nextHops.empty())
    {
        return 0;
    }
    RtmNextHopInfo hop;
    if (reg->GetNextHopInfo(route.nextHops[0], hop) != RtmStatus::Success)
    {
        return 0;
    }
    return hop.nextHopAddress.GetIpv4().Get();
}

} // namespace

TEST(RtmRealTable, Full2014TableAgreesWithTheReferenceModelOnASample)
{
    std::string path = std::string(RTM_SHARED_DATA) + "/tables/ipasn_20140513.dat.gz";
    if (!std::filesystem::exists(path))
    {
        GTEST_SKIP() << "reference table " << path << " is absent";
    }
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    ASSERT_TRUE(RtmTableFile::Read(path, entries, rejected, errors));
    ASSERT_EQ(rejected, 0u);

    // The RTM side: the whole table through one client, one next hop per origin AS.
    Ptr<RtmInstance> inst = CreateObject<RtmInstance>();
    RtmTableLoader loader(inst, 1, 0);
    uint32_t failed = 0;
    ASSERT_EQ(loader.Load(entries, failed), 512621u);
    ASSERT_EQ(failed, 0u);
    Ptr<RtmRegistration> reg = loader.GetRegistration(RTM_AF_INET);
    ASSERT_NE(reg, nullptr);

    ByLength byLen(33);
    std::vector<std::pair<uint32_t, uint32_t>> prefixes;
    for (const auto& e : entries)
    {
        uint32_t key = Ops::FromNetAddress(e.prefix);
        byLen[e.prefix.numBits][key] = e.asn;
        prefixes.emplace_back(key, e.prefix.numBits);
    }

    // The sample: edges, random addresses, and addresses inside random prefixes of the file.
    std::mt19937_64 rng(20140513);
    std::vector<uint32_t> sample = {0u, 0xFFFFFFFFu, 0x08080808u, 0x7F000001u};
    for (int i = 0; i < 4000; ++i)
    {
        uint32_t a = static_cast<uint32_t>(rng());
        if (i % 2 == 1)
        {
            auto [p, len] = prefixes[rng() % prefixes.size()];
            a = p | (a & ~Ops::Mask(len));
        }
        sample.push_back(a);
    }

    // The model side: every prefix covering a sampled address.
    rtmref::Config cfg;
    cfg.interfaces = {1};
    rtmref::Model model(cfg);
    rtmref::Id client = 0;
    ASSERT_EQ(model.Register(1, 0, false, rtmref::ExpiryMode::NoCallback, client),
              RtmStatus::Success);
    std::map<uint32_t, rtmref::Id> hopOfAs;
    std::set<std::pair<uint32_t, uint32_t>> loaded;
    for (uint32_t a : sample)
    {
        for (uint32_t len = 0; len <= 32; ++len)
        {
            uint32_t key = Ops::Prefix(a, len);
            auto it = byLen[len].find(key);
            if (it == byLen[len].end() || !loaded.insert({key, len}).second)
            {
                continue;
            }
            uint32_t cf = 0;
            auto hop = hopOfAs.find(it->second);
            if (hop == hopOfAs.end())
            {
                rtmref::Id h = 0;
                ASSERT_EQ(model.AddNextHop(client,
                                           RtmNetAddress::FromIpv4(Ipv4Address(it->second)),
                                           1,
                                           0,
                                           0,
                                           h,
                                           cf),
                          RtmStatus::Success);
                hop = hopOfAs.emplace(it->second, h).first;
            }
            rtmref::RouteIn in;
            in.nextHops = {hop->second};
            rtmref::Id route = 0;
            cf = 0;
            ASSERT_EQ(
                model.AddRoute(client, route, Ops::ToNetAddress(key, len), in, RTM_INFINITE, 0, cf),
                RtmStatus::Success);
        }
    }
    ASSERT_GT(loaded.size(), 2000u);

    uint32_t matched = 0;
    for (uint32_t a : sample)
    {
        RtmNetAddress address = Ops::ToNetAddress(a, 32);
        SCOPED_TRACE(address.ToString());
        rtmref::DestOut expect;
        RtmStatus want = model.GetMostSpecificDestination(client,
                                                          address,
                                                          RTM_BEST_PROTOCOL,
                                                          RTM_VIEW_MASK_UCAST,
                                                          expect);
        RtmDestInfo got;
        RtmStatus st =
            reg->GetMostSpecificDestination(address, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, got);
        ASSERT_EQ(st, want);
        // The forwarding lookup (FIB) agrees with the model's FIB lookup.
        rtmref::DestOut fib;
        RtmStatus fibWant = model.Lookup(address, RTM_VIEW_ID_UCAST, fib);
        RtmNetAddress prefix;
        std::string label;
        bool found = loader.Lookup(address, prefix, label);
        ASSERT_EQ(found, fibWant == RtmStatus::Success);
        if (want != RtmStatus::Success)
        {
            continue;
        }
        ++matched;
        ASSERT_EQ(got.destAddress, expect.addr);
        uint32_t as = ModelAs(model, client, expect);
        ASSERT_NE(as, 0u);
        ASSERT_EQ(RtmAs(reg, got), as);
        ASSERT_EQ(prefix, fib.addr);
        ASSERT_EQ(label, AsLabel(ModelAs(model, client, fib)));
    }
    // Most of the sample is routed (the inside-a-prefix half at least).
    EXPECT_GT(matched, 2000u);
    inst->Dispose();
    Simulator::Destroy();
}
