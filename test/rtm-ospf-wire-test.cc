/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPF packets on the wire from a broken or hostile neighbour: each malformed or unacceptable
 * packet is dropped, counted under its reason and traced, and the adjacency and routes stay as
 * they were. Authentication in simulations: keyed MD5 and simple passwords form adjacencies
 * when both ends agree; a wrong key, a wrong password or a different AuType never does (the
 * drops are counted), and an old cryptographic sequence number replayed later is refused.
 */
#include "rtm-ospf-test-util.h"

#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ospftest;

namespace
{

/// Drops seen on the Drop trace, by reason.
struct DropLog
{
    std::map<RtmOspfDrop, uint32_t> count; //!< per reason

    /// Trace sink.
    void Dropped(uint32_t itf, Ipv4Address src, RtmOspfDrop why)
    {
        ++count[why];
    }
};

/// A valid Hello of router \p rid for the link.
RtmOspfHello
HelloFor(uint32_t knownNeighbor)
{
    RtmOspfHello h;
    h.mask = 0xfffffffc;
    h.helloInterval = 10;
    h.deadInterval = 40;
    h.options = OSPF_OPT_E;
    h.priority = 0;
    h.neighbors = {knownNeighbor};
    return h;
}

} // namespace

TEST(RtmOspfWireTest, MalformedAndUnacceptablePacketsAreDroppedCountedAndTraced)
{
    FreshSimulation();
    NodeContainer nodes = MakeRtmNodes(2);
    AddLoopbacks(nodes, 2);
    Link l = P2p(nodes.Get(0), nodes.Get(1), "10.0.0.0/30");
    RtmOspfHelper ospf;
    ospf.Install(nodes);
    DropLog log;
    Ptr<RtmOspfClient> r0 = Ospf(nodes.Get(0));
    r0->TraceConnectWithoutContext("Drop", MakeCallback(&DropLog::Dropped, &log));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    ASSERT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
    ASSERT_EQ(r0->GetTotalDrops(), 0u);
    std::string before = LsdbText(r0, 0);
    uint32_t r1 = Ipv4Address("172.16.0.2").Get();
    uint32_t me = Ipv4Address("172.16.0.1").Get();
    Ipv4Address all("224.0.0.5");
    Time t = Seconds(1); // from now
    auto inject = [&](std::vector<uint8_t> b, Ipv4Address dst = Ipv4Address("224.0.0.5")) {
        InjectOspf(t, l.devB, l.addrB, dst, b);
        t += MilliSeconds(10);
    };
    std::vector<uint8_t> hello = OspfBytes(HelloFor(me), RtmOspfPacketType::Hello, r1, 0);
    std::vector<uint8_t> b = hello;
    b[13] ^= 0x5a;
    inject(b); // bad checksum
    b = hello;
    b[0] = 3;
    FixOspfChecksum(b);
    inject(b);                                                       // version 3
    inject(std::vector<uint8_t>(hello.begin(), hello.begin() + 10)); // too short
    b = hello;
    b[3] = 60; // length beyond the packet
    FixOspfChecksum(b);
    inject(b);
    b = hello;
    b[1] = 9;
    FixOspfChecksum(b);
    inject(b); // unknown type
    b = hello;
    b[3] -= 2;
    FixOspfChecksum(b);
    inject(b);                                                        // hello body not whole
    inject(OspfBytes(HelloFor(me), RtmOspfPacketType::Hello, r1, 5)); // another area
    RtmOspfHello slow = HelloFor(me);
    slow.helloInterval = 30;
    inject(OspfBytes(slow, RtmOspfPacketType::Hello, r1, 0)); // HelloInterval differs
    RtmOspfHello noE = HelloFor(me);
    noE.options = 0;
    inject(OspfBytes(noE, RtmOspfPacketType::Hello, r1, 0)); // stub-area options
    RtmOspfDbDesc dd;
    inject(OspfBytes(dd, RtmOspfPacketType::DbDesc, Ipv4Address("9.9.9.9").Get(), 0)); // stranger
    inject(OspfBytes(HelloFor(me), RtmOspfPacketType::Hello, me, 0)); // our own router id
    inject(OspfBytes(HelloFor(me), RtmOspfPacketType::Hello, r1, 0), Ipv4Address("224.0.0.6"));
    inject(
        OspfBytes(HelloFor(me), RtmOspfPacketType::Hello, r1, 0, RtmOspfAuthConfig::Simple("x")));
    // An update from the neighbour with one LSA whose checksum is wrong and one of an unknown
    // type (made valid): both LSAs dropped, the packet itself accepted.
    Ptr<RtmOspfLsa> bad = Create<RtmOspfLsa>();
    bad->hdr.type = OSPF_LSA_SUMMARY_NET;
    bad->hdr.lsid = Ipv4Address("10.99.0.0").Get();
    bad->hdr.advRouter = r1;
    bad->mask = 0xffff0000;
    bad->metric = 1;
    bad->Finalize();
    RtmOspfLsUpdate u;
    u.lsas.push_back({bad, 1});
    std::vector<uint8_t> lsu = OspfBytes(u, RtmOspfPacketType::LsUpdate, r1, 0);
    lsu[24 + 4 + 25] ^= 1; // inside the LSA's body
    FixOspfChecksum(lsu);
    inject(lsu);
    std::vector<uint8_t> lsu2 = OspfBytes(u, RtmOspfPacketType::LsUpdate, r1, 0);
    lsu2[24 + 4 + 3] = 6; // LS type 6 (MOSPF)
    {
        uint16_t c = RtmOspfLsa::Fletcher(lsu2.data() + 28, bad->hdr.length);
        lsu2[28 + 16] = static_cast<uint8_t>(c >> 8);
        lsu2[28 + 17] = static_cast<uint8_t>(c);
    }
    FixOspfChecksum(lsu2);
    inject(lsu2);
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    const std::pair<RtmOspfDrop, uint32_t> expected[] = {
        {RtmOspfDrop::BadChecksum, 1},
        {RtmOspfDrop::BadVersion, 1},
        {RtmOspfDrop::TooShort, 2},
        {RtmOspfDrop::BadType, 1},
        {RtmOspfDrop::BadBody, 1},
        {RtmOspfDrop::AreaMismatch, 1},
        {RtmOspfDrop::HelloMismatch, 2},
        {RtmOspfDrop::UnknownNeighbor, 1},
        {RtmOspfDrop::OwnPacket, 1},
        {RtmOspfDrop::NotForMe, 1},
        {RtmOspfDrop::BadAuthType, 1},
        {RtmOspfDrop::BadLsaChecksum, 1},
        {RtmOspfDrop::BadLsaType, 1},
    };
    uint32_t total = 0;
    for (const auto& e : expected)
    {
        EXPECT_EQ(r0->GetDrops(e.first), e.second) << RtmOspfDropName(e.first);
        EXPECT_EQ(log.count[e.first], e.second) << RtmOspfDropName(e.first);
        total += e.second;
    }
    EXPECT_EQ(r0->GetTotalDrops(), total);
    // Nothing changed: still Full, same database, the routes are there.
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
    EXPECT_EQ(LsdbText(r0, 0), before);
    EXPECT_TRUE(BestRoute(nodes.Get(0), "172.16.0.2/32").found);
    EXPECT_FALSE(BestRoute(nodes.Get(0), "10.99.0.0/16").found);
    Simulator::Destroy();
}

TEST(RtmOspfWireTest, AuthenticationIsCheckedOnEveryLink)
{
    // R0 is in the middle: R1 (MD5, same key), R2 (MD5, other key), R3 (simple, same
    // password), R4 (simple, other password), R5 (no authentication while R0 wants MD5).
    FreshSimulation();
    NodeContainer nodes = MakeRtmNodes(6);
    std::vector<Link> links;
    AddLoopbacks(nodes, 6);
    for (uint32_t i = 1; i < 6; ++i)
    {
        links.push_back(P2p(nodes.Get(0), nodes.Get(i), "10.0." + std::to_string(i) + ".0/30"));
    }
    RtmOspfHelper ospf;
    auto both = [&](uint32_t k, const RtmOspfAuthConfig& mine, const RtmOspfAuthConfig& theirs) {
        ospf.SetInterfaceAuth(nodes.Get(0), links[k].ifA, mine);
        ospf.SetInterfaceAuth(nodes.Get(k + 1), links[k].ifB, theirs);
    };
    RtmOspfAuthConfig md5 = RtmOspfAuthConfig::Md5(1, "secret");
    both(0, md5, md5);
    both(1, md5, RtmOspfAuthConfig::Md5(1, "guess"));
    both(2, RtmOspfAuthConfig::Simple("pw"), RtmOspfAuthConfig::Simple("pw"));
    both(3, RtmOspfAuthConfig::Simple("pw"), RtmOspfAuthConfig::Simple("wp"));
    both(4, md5, RtmOspfAuthConfig());
    ospf.Install(nodes);
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    Ptr<RtmOspfClient> r0 = Ospf(nodes.Get(0));
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.3")), RtmOspfNbrState::Down);
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.4")), RtmOspfNbrState::Full);
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.5")), RtmOspfNbrState::Down);
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.6")), RtmOspfNbrState::Down);
    EXPECT_GE(r0->GetDrops(RtmOspfDrop::BadAuth), 4u); // R2's and R4's Hellos, every 10 s
    EXPECT_GE(r0->GetDrops(RtmOspfDrop::BadAuthType), 2u);
    EXPECT_GE(Ospf(nodes.Get(2))->GetDrops(RtmOspfDrop::BadAuth), 2u);
    EXPECT_TRUE(BestRoute(nodes.Get(1), "172.16.0.4/32").found); // through R0, both links agree
    EXPECT_FALSE(BestRoute(nodes.Get(1), "172.16.0.3/32").found);

    // A replayed MD5 packet with an old sequence number is refused; a fresh one is not.
    uint64_t old = r0->GetDrops(RtmOspfDrop::CryptoSeqOld);
    RtmOspfHello h = HelloFor(Ipv4Address("172.16.0.1").Get());
    std::vector<uint8_t> replay =
        OspfBytes(h, RtmOspfPacketType::Hello, Ipv4Address("172.16.0.2").Get(), 0, md5, 5);
    InjectOspf(Seconds(1), links[0].devB, links[0].addrB, Ipv4Address("224.0.0.5"), replay);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(r0->GetDrops(RtmOspfDrop::CryptoSeqOld), old + 1);
    EXPECT_EQ(NbrState(nodes.Get(0), Ipv4Address("172.16.0.2")), RtmOspfNbrState::Full);
    Simulator::Destroy();
}
