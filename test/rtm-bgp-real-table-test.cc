/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The full 2015 RouteViews IPv4 table (606,138 prefixes) announced over BGP by a simulated peer
 * (AS 65100, every prefix with its origin AS from the ipasn file) to a router, and propagated
 * over a chain of two more routers (eBGP on every hop). At the end of the chain, a sample of
 * lookups is checked against the naive reference model (rtm-reference-model.h) loaded with the
 * prefixes covering the sampled addresses: the FIB's matching prefix must be the model's, the
 * BGP route of that prefix must carry the whole chain's AS path ending in the file's origin AS,
 * and its next hop must be the previous router of the chain.
 */
#include "rtm-bgp-test-util.h"
#include "rtm-reference-model.h"

#include "ns3/rtm-family.h"
#include "ns3/rtm-table-file.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <unordered_map>

using namespace rtmbgp;

namespace
{
typedef RtmKeyOps<RtmIpv4Family> Ops;
} // namespace

// Run by CTest as bgp-full-table-chain (label long).
TEST(RtmBgpRealTable, DISABLED_Full2015TableOverAChainAgreesWithTheReferenceModel)
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
    FreshSimulation();
    // feeder(65100) - r1(65001) - r2(65002) - r3(65003), 10 Gb/s links.
    NodeContainer n = MakeRtmNodes(4);
    std::vector<Link> links;
    for (uint32_t i = 0; i < 3; ++i)
    {
        NetDeviceContainer d = P2pDevices(n.Get(i), n.Get(i + 1), "10Gbps", "1ms");
        Link l;
        l.addrA = Ipv4Address((10u << 24) | ((i + 1) << 8) | 1);
        l.addrB = Ipv4Address((10u << 24) | ((i + 1) << 8) | 2);
        l.ifA = AddAddress(d.Get(0), l.addrA, 24);
        l.ifB = AddAddress(d.Get(1), l.addrB, 24);
        links.push_back(l);
    }
    RtmBgpHelper bgp = FastHelper();
    Ptr<RtmBgpSpeaker> feeder = bgp.Install(n.Get(0), 65100);
    std::vector<Ptr<RtmBgpSpeaker>> r;
    for (uint32_t i = 1; i <= 3; ++i)
    {
        r.push_back(bgp.Install(n.Get(i), 65000 + i));
    }
    for (uint32_t i = 0; i < 3; ++i)
    {
        RtmBgpHelper::Peer(n.Get(i), n.Get(i + 1), FastConfig(90));
    }
    uint32_t announced = RtmBgpHelper::AnnounceTable(feeder, entries, RTM_AF_INET);
    ASSERT_EQ(announced, 606138u);
    // Run until the last router has the table (checked every simulated second).
    for (int t = 0; t < 120 && r[2]->GetNBest() < announced; ++t)
    {
        Simulator::Stop(Seconds(1));
        Simulator::Run();
    }
    ASSERT_EQ(r[0]->GetNBest(), announced);
    ASSERT_EQ(r[2]->GetNBest(), announced);
    EXPECT_EQ(r[2]->GetAdjRibInSize(0), announced);
    EXPECT_EQ(r[0]->GetErrorTotal() + r[1]->GetErrorTotal() + r[2]->GetErrorTotal(), 0u);
    std::cout << "[bgp] full table: " << announced << " prefixes at the end of the chain after "
              << Simulator::Now().GetSeconds() << " s simulated, " << r[2]->GetUpdatesReceived()
              << " UPDATEs, " << r[2]->GetNAttributeSets() << " attribute sets" << std::endl;

    // Origin AS by (length, key).
    std::vector<std::unordered_map<uint32_t, uint32_t>> byLen(33);
    std::vector<std::pair<uint32_t, uint32_t>> prefixes;
    for (const auto& e : entries)
    {
        if (e.prefix.addressFamily == RTM_AF_INET)
        {
            uint32_t key = Ops::FromNetAddress(e.prefix);
            byLen[e.prefix.numBits][key] = e.asn;
            prefixes.emplace_back(key, e.prefix.numBits);
        }
    }
    std::mt19937_64 rng(20151101);
    std::vector<uint32_t> sample = {0u, 0xFFFFFFFFu, 0x08080808u};
    for (int i = 0; i < 3000; ++i)
    {
        uint32_t a = static_cast<uint32_t>(rng());
        if (i % 2 == 1)
        {
            auto [p, len] = prefixes[rng() % prefixes.size()];
            a = p | (a & ~Ops::Mask(len));
        }
        sample.push_back(a);
    }
    rtmref::Config cfg;
    cfg.interfaces = {1};
    rtmref::Model model(cfg);
    rtmref::Id client = 0;
    ASSERT_EQ(model.Register(1, 0, false, rtmref::ExpiryMode::NoCallback, client),
              RtmStatus::Success);
    rtmref::Id hop = 0;
    uint32_t cf = 0;
    ASSERT_EQ(model.AddNextHop(client, Pfx("10.0.2.1"), 1, 0, 0, hop, cf), RtmStatus::Success);
    std::set<std::pair<uint32_t, uint32_t>> loaded;
    for (uint32_t a : sample)
    {
        for (uint32_t len = 0; len <= 32; ++len)
        {
            uint32_t key = Ops::Prefix(a, len);
            if (byLen[len].count(key) == 0 || !loaded.insert({key, len}).second)
            {
                continue;
            }
            rtmref::RouteIn in;
            in.nextHops = {hop};
            rtmref::Id route = 0;
            cf = 0;
            ASSERT_EQ(
                model.AddRoute(client, route, Ops::ToNetAddress(key, len), in, RTM_INFINITE, 0, cf),
                RtmStatus::Success);
        }
    }
    Ptr<RtmInstance> inst = RouterOf(n.Get(3))->GetInstance(0);
    uint32_t matched = 0;
    for (uint32_t a : sample)
    {
        RtmNetAddress address = Ops::ToNetAddress(a, 32);
        SCOPED_TRACE(address.ToString());
        rtmref::DestOut expect;
        RtmStatus want = model.Lookup(address, RTM_VIEW_ID_UCAST, expect);
        RtmDestInfo got;
        RtmStatus st = inst->Lookup(address, RTM_VIEW_ID_UCAST, got);
        if (want != RtmStatus::Success)
        {
            // Only the router's own link subnets and loopback may match what the table does not
            // cover.
            if (st == RtmStatus::Success)
            {
                ASSERT_TRUE(Pfx("10.0.0.0/8").Covers(got.destAddress) ||
                            Pfx("127.0.0.0/8").Covers(got.destAddress))
                    << got.destAddress;
            }
            continue;
        }
        ASSERT_EQ(st, RtmStatus::Success);
        ++matched;
        ASSERT_EQ(got.destAddress, expect.addr);
        Ptr<const RtmBgpAttributes> attrs;
        uint32_t peer = 0;
        ASSERT_TRUE(r[2]->GetBest(got.destAddress, attrs, peer));
        uint32_t origin = byLen[got.destAddress.numBits][Ops::FromNetAddress(got.destAddress)];
        std::string want4 =
            "65002 65001 65100" + (origin == 65100 ? std::string() : " " + std::to_string(origin));
        ASSERT_EQ(attrs->asPath.ToString(), want4);
        ASSERT_EQ(attrs->nextHop, RtmNetAddress::FromIpv4(links[2].addrA));
        RtmRouteInfo route;
        ASSERT_TRUE(RtmHasBgpRoute(n.Get(3), got.destAddress.ToString(), &route));
        ASSERT_EQ(route.prefInfo.preference, 20u);
    }
    EXPECT_GT(matched, 1500u);
    Simulator::Destroy();
}
