/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Bad input to the RIPv2 client in a running simulation: every kind of malformed message or
 * entry, spoofed and off-link senders, floods of requests, and authentication (simple password,
 * keyed MD5, HMAC-SHA-256 with sequence numbers, per interface): each drop is counted under its
 * reason (GetDropCount) and reported by the Drop trace, nothing crashes, nothing bad is learned,
 * and the well-formed entries of a message with bad ones are used.
 */
#include "rtm-rip-test-util.h"

#include "ns3/rtm-ns3-compat.h"
#include "ns3/uinteger.h"

#include <functional>
#include <gtest/gtest.h>
#include <tuple>

using namespace ns3;
using namespace rtmrip;

namespace
{

/// R(0) runs RIP with a RIP neighbour N(1); T(2) is a neighbour that does not run RIP and sends
/// what a test wants from its own port-520 socket or as raw datagrams.
struct InputNet
{
    Scenario sc;
    Ptr<Node> r;
    Ptr<Node> t;
    Ptr<RtmRipClient> rr;
    Ptr<Socket> ts; //!< T's socket on port 520
    Ipv4Address rAddr;
    Ipv4Address tAddr;
    Ptr<NetDevice> tDev;
    std::map<RtmRipDropReason, uint32_t> traced;

    void Build(const RtmRipHelper& helper = RtmRipHelper())
    {
        Fresh();
        sc.Build(3, {{0, 1}, {0, 2}}, Stack::Rtm);
        RtmRipHelper rip = helper;
        rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1)));
        rip.AssignStreams(sc.nodes, 100);
        r = sc.nodes.Get(0);
        t = sc.nodes.Get(2);
        rr = RtmRipHelper::GetRipClient(r);
        rAddr = sc.edges[1].addrA;
        tAddr = sc.edges[1].addrB;
        tDev = sc.edges[1].devB;
        ts = Socket::CreateSocket(t, UdpSocketFactory::GetTypeId());
        ts->BindToNetDevice(tDev);
        ts->Bind(InetSocketAddress(Ipv4Address::GetAny(), 520));
        rr->TraceConnectWithoutContext(
            "Drop",
            RtmMakeCallback<void,
                            Ptr<const Packet>,
                            const RtmNetAddress&,
                            uint32_t,
                            RtmRipDropReason>(
                [this](Ptr<const Packet>, const RtmNetAddress&, uint32_t, RtmRipDropReason why) {
                    ++traced[why];
                }));
    }

    /// T sends \p bytes to R's port 520 at \p at (to the group if \p group).
    void Send(const std::vector<uint8_t>& bytes, Time at, bool group = false)
    {
        Ptr<Socket> s = ts;
        Ipv4Address to = group ? RtmRipClient::RipGroup() : rAddr;
        RtmScheduleWithContext(t->GetId(), at, [s, bytes, to]() {
            s->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, InetSocketAddress(to, 520));
        });
    }
};

/// \return a response with one entry per (address, length, metric)
RtmRipHeader
Response(const std::vector<std::tuple<std::string, uint8_t, uint32_t>>& entries)
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    for (const auto& x : entries)
    {
        RtmRipHeader::Entry e;
        e.address = Ipv4Address(std::get<0>(x).c_str());
        e.mask = RtmRipHeader::MaskOf(std::get<1>(x));
        e.metric = std::get<2>(x);
        h.AddEntry(e);
    }
    return h;
}

/// Put a big-endian 32-bit value at \p off.
void
Put32(std::vector<uint8_t>& b, std::size_t off, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
    {
        b[off + i] = static_cast<uint8_t>(v >> (24 - 8 * i));
    }
}

TEST(RtmRipInputTest, EveryMalformedMessageIsDroppedAndCountedByReason)
{
    InputNet net;
    net.Build();
    std::vector<uint8_t> good = MessageBytes(Response({{"172.16.0.0", 16, 1}}));
    std::map<RtmRipDropReason, uint32_t> expected;
    Time at = Seconds(10);
    auto send = [&](const std::vector<uint8_t>& b, RtmRipDropReason why) {
        net.Send(b, at);
        at += MilliSeconds(10);
        ++expected[why];
    };
    send({}, RtmRipDropReason::Short);
    send({2, 2, 0}, RtmRipDropReason::Short);
    send({7, 2, 0, 0}, RtmRipDropReason::BadCommand);
    send({2, 1, 0, 0}, RtmRipDropReason::BadVersion); // RIPv1
    send({2, 2, 0, 9}, RtmRipDropReason::NonZeroHeader);
    std::vector<uint8_t> b = good;
    b.pop_back();
    send(b, RtmRipDropReason::BadLength); // truncated
    b = good;
    b.resize(good.size() + 7, 0);
    send(b, RtmRipDropReason::BadLength); // padded
    // Oversized: more entries than the 1500-byte link carries in one datagram (fragmented).
    std::vector<RtmRipHeader::Entry> many;
    b = {2, 2, 0, 0};
    for (uint32_t i = 0; i < 80; ++i)
    {
        std::vector<uint8_t> e = {0, 2,   0,   0,   10, 200, static_cast<uint8_t>(i),
                                  0, 255, 255, 255, 0,  0,   0,
                                  0, 0,   0,   0,   0,  1};
        b.insert(b.end(), e.begin(), e.end());
    }
    send(b, RtmRipDropReason::Oversized);
    // Entry-level: the message is used, the bad entry is not.
    b = good;
    b[23] = 0;
    send(b, RtmRipDropReason::BadMetric);
    b = good;
    b[23] = 17;
    send(b, RtmRipDropReason::BadMetric);
    b = good;
    Put32(b, 12, 0xffff00ffu);
    send(b, RtmRipDropReason::BadMask); // non-contiguous: never an Ipv4Mask
    b = good;
    b[11] = 1;
    send(b, RtmRipDropReason::HostBits); // 172.16.0.1/16
    b = good;
    b[5] = 1;
    send(b, RtmRipDropReason::BadAddressFamily);
    send(MessageBytes(Response({{"127.0.0.0", 8, 1}})), RtmRipDropReason::NotCarried);
    send(MessageBytes(Response({{"224.0.0.0", 4, 1}})), RtmRipDropReason::NotCarried);
    // An authentication entry where none is configured.
    RtmRipHeader a = Response({{"172.16.0.0", 16, 1}});
    RtmRipAuthKey pw;
    pw.type = RtmRipAuthType::SIMPLE_PASSWORD;
    pw.key = "x";
    a.SetAuthentication(pw, 0);
    send(MessageBytes(a), RtmRipDropReason::AuthUnexpected);
    // Garbage to the group.
    std::vector<uint8_t> noise(200);
    for (std::size_t i = 0; i < noise.size(); ++i)
    {
        noise[i] = static_cast<uint8_t>(i * 37 + 11);
    }
    net.Send(noise, at, true);
    ++expected[RtmRipDropReason::BadCommand]; // 11 is no command
    // A good entry next to a bad one is learned; an off-link next hop is replaced by the sender.
    RtmRipHeader mixed = Response({{"172.20.0.0", 16, 3}, {"172.21.0.0", 16, 1}});
    b = MessageBytes(mixed);
    b[43] = 99;                                   // second entry's metric
    Put32(b, 16, Ipv4Address("192.0.2.7").Get()); // first entry: a next hop on no link of R
    net.Send(b, Seconds(12));
    ++expected[RtmRipDropReason::BadMetric];
    ++expected[RtmRipDropReason::NextHopOffLink];
    // Spoofed source (not a host of the link) and wrong source port, raw.
    InjectUdp(Seconds(12.1), net.tDev, Ipv4Address("99.99.99.99"), 520, net.rAddr, 520, good);
    ++expected[RtmRipDropReason::NotNeighbour];
    InjectUdp(Seconds(12.2), net.tDev, net.tAddr, 5000, net.rAddr, 520, good);
    ++expected[RtmRipDropReason::BadSourcePort];
    // The link's broadcast address is no neighbour either.
    InjectUdp(Seconds(12.3), net.tDev, Ipv4Address("10.0.2.255"), 520, net.rAddr, 520, good);
    ++expected[RtmRipDropReason::NotNeighbour];
    std::pair<uint32_t, bool> at13{};
    RtmSchedule(Seconds(13), [&]() { at13 = Best(net.r, Pfx("172.16.0.0/16")); });
    // Finally a valid response: accepted.
    net.Send(good, Seconds(14));
    Simulator::Stop(Seconds(15));
    Simulator::Run();

    uint64_t total = 0;
    for (uint8_t i = 0; i < static_cast<uint8_t>(RtmRipDropReason::Count); ++i)
    {
        auto reason = static_cast<RtmRipDropReason>(i);
        uint32_t want = expected.count(reason) ? expected[reason] : 0;
        EXPECT_EQ(net.rr->GetDropCount(reason), want) << reason;
        EXPECT_EQ(net.traced[reason], want) << reason;
        total += want;
    }
    EXPECT_EQ(net.rr->GetDropCount(), total);
    // Entry-level drops left the good entries of those messages: 172.16/16 was learned from the
    // messages with a bad entry only where the bad entry was another one... here every bad
    // variant of `good` has its only entry bad, so nothing before 13 s but the mixed message.
    EXPECT_EQ(at13.first, 0u);
    EXPECT_EQ(Best(net.r, Pfx("172.20.0.0/16")), std::make_pair(4u, true))
        << "the good entry of a message with a bad one, via the sender";
    EXPECT_EQ(Best(net.r, Pfx("172.21.0.0/16")).first, 0u);
    EXPECT_EQ(Best(net.r, Pfx("172.16.0.0/16")), std::make_pair(2u, true));
    EXPECT_EQ(Best(net.r, Pfx("127.0.0.0/8")).first, 0u);
    bool found = false;
    Ipv4Address gw = net.sc.NextHop(0, Ipv4Address("172.20.1.1"), found);
    EXPECT_TRUE(found);
    EXPECT_EQ(gw, net.tAddr) << "off-link next hop replaced by the sender";
    std::ostringstream os;
    net.rr->Print(os);
    EXPECT_NE(os.str().find("bad-metric=3"), std::string::npos) << os.str();
    Simulator::Destroy();
}

TEST(RtmRipInputTest, RequestsAreAnsweredAndFloodsLimited)
{
    // Requests from a diagnostic port: a whole-table request and specific entries are answered
    // by unicast; then a flood of 300 requests in one second is answered at most RequestBurst
    // + RequestRate times and the rest dropped as request-rate-limit.
    InputNet net;
    net.Build();
    std::vector<RtmRipHeader> answers;
    Ptr<Socket> diag = Socket::CreateSocket(net.t, UdpSocketFactory::GetTypeId());
    diag->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    diag->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([&answers](Ptr<Socket> s) {
        while (Ptr<Packet> p = s->Recv())
        {
            RtmRipHeader h;
            RtmRipDropReason why;
            EXPECT_TRUE(RtmRipHeader::Parse(p, h, why)) << why;
            answers.push_back(h);
        }
    }));
    auto ask = [&](const RtmRipHeader& req, Time at) {
        std::vector<uint8_t> b = MessageBytes(req);
        Ipv4Address to = net.rAddr;
        RtmScheduleWithContext(net.t->GetId(), at, [diag, b, to]() {
            diag->SendTo(Create<Packet>(b.data(), b.size()), 0, InetSocketAddress(to, 520));
        });
    };
    RtmRipHeader whole;
    whole.SetWholeTableRequest();
    RtmRipHeader specific;
    specific.SetCommand(RtmRipHeader::REQUEST);
    RtmRipHeader::Entry q1;
    q1.address = Ipv4Address("10.0.1.0"); // R-N: R has it connected
    q1.mask = RtmRipHeader::MaskOf(24);
    q1.metric = 16;
    RtmRipHeader::Entry q2 = q1;
    q2.address = Ipv4Address("10.200.0.0"); // unknown
    specific.AddEntry(q1);
    specific.AddEntry(q2);
    // From a port other than 520, family 2 with 0.0.0.0/0 is a query for the default route.
    RtmRipHeader defaultQuery;
    defaultQuery.SetCommand(RtmRipHeader::REQUEST);
    RtmRipHeader::Entry q3;
    q3.metric = 16;
    defaultQuery.AddEntry(q3);
    ask(whole, Seconds(12));
    ask(specific, Seconds(12.1));
    ask(defaultQuery, Seconds(12.2));
    uint64_t answeredBefore = 0;
    RtmSchedule(Seconds(19), [&]() { answeredBefore = answers.size(); });
    for (int i = 0; i < 300; ++i)
    {
        ask(whole, Seconds(20) + MilliSeconds(3 * i)); // 300 in 0.9 s
    }
    Simulator::Stop(Seconds(25));
    Simulator::Run();
    ASSERT_GE(answers.size(), 3u);
    const RtmRipHeader& wholeAnswer = answers[0];
    EXPECT_EQ(wholeAnswer.GetCommand(), RtmRipHeader::RESPONSE);
    bool hasRN = false;
    bool hasRT = false;
    for (const auto& x : wholeAnswer.GetEntries())
    {
        hasRN = hasRN || (x.address == Ipv4Address("10.0.1.0") && x.metric == 1);
        hasRT = hasRT || x.address == Ipv4Address("10.0.2.0");
    }
    EXPECT_TRUE(hasRN) << wholeAnswer;
    EXPECT_FALSE(hasRT) << "the subnet of the asking interface itself is not sent there";
    ASSERT_EQ(answers[1].GetNEntries(), 2u);
    EXPECT_EQ(answers[1].GetEntries()[0].metric, 1u);
    EXPECT_EQ(answers[1].GetEntries()[1].metric, 16u);
    ASSERT_EQ(answers[2].GetNEntries(), 1u) << "a query for the default route, answered as such";
    EXPECT_EQ(answers[2].GetEntries()[0].metric, 16u);
    EXPECT_EQ(answeredBefore, 3u);
    // The flood: the bucket (20 deep, 10 per second) had refilled; 300 in 0.9 s.
    uint64_t answeredFlood = answers.size() - answeredBefore;
    uint64_t limited = net.rr->GetDropCount(RtmRipDropReason::RequestRateLimit);
    EXPECT_EQ(answeredFlood + limited, 300u);
    EXPECT_GE(answeredFlood, 20u);
    EXPECT_LE(answeredFlood, 20u + 10u);
    EXPECT_EQ(net.traced[RtmRipDropReason::RequestRateLimit], limited);
    Simulator::Destroy();
}

/// A line A(0) - B(1) - C(2) - D(3, host) with RIP on A, B, C; returns A's client after 40 s.
struct AuthLine
{
    Scenario sc;
    std::vector<Ptr<RtmRipClient>> c;

    void Run(const std::function<void(RtmRipHelper&)>& configure, Time end = Seconds(40))
    {
        Fresh();
        sc.Build(4, Line(4), Stack::Rtm);
        RtmRipHelper rip;
        configure(rip);
        rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)));
        rip.AssignStreams(sc.nodes, 100);
        for (uint32_t i = 0; i < 3; ++i)
        {
            c.push_back(RtmRipHelper::GetRipClient(sc.nodes.Get(i)));
        }
        Simulator::Stop(end);
        Simulator::Run();
    }

    /// \return the metric of C-D at A (0: none)
    uint32_t FarMetricAtA() const
    {
        return Best(sc.nodes.Get(0), sc.edges[2].prefix).first;
    }
};

TEST(RtmRipInputTest, AuthenticatedNeighboursConverge)
{
    for (auto type :
         {RtmRipAuthType::SIMPLE_PASSWORD, RtmRipAuthType::KEYED_MD5, RtmRipAuthType::HMAC_SHA256})
    {
        AuthLine line;
        line.Run([type](RtmRipHelper& rip) {
            const char* names[] = {"None", "SimplePassword", "KeyedMd5", "HmacSha256"};
            rip.Set("AuthenticationType", StringValue(names[static_cast<int>(type)]));
            rip.Set("AuthenticationKey", StringValue("a shared secret"));
            rip.Set("AuthenticationKeyId", UintegerValue(9));
        });
        EXPECT_EQ(line.FarMetricAtA(), 3u) << RtmRipAuthTypeName(type);
        for (auto& c : line.c)
        {
            EXPECT_EQ(c->GetDropCount(), 0u) << RtmRipAuthTypeName(type);
        }
        Simulator::Destroy();
    }
}

TEST(RtmRipInputTest, WrongOrMissingAuthenticationIsDroppedAndCounted)
{
    struct Case
    {
        std::string name;
        RtmRipAuthKey atB;        //!< B's key on its link to A (A uses HMAC "k1", id 1)
        RtmRipDropReason seenByA; //!< what A counts for B's messages
        RtmRipDropReason seenByB; //!< what B counts for A's messages
    };

    RtmRipAuthKey none;
    RtmRipAuthKey wrongKey{RtmRipAuthType::HMAC_SHA256, "k2", 1};
    RtmRipAuthKey wrongId{RtmRipAuthType::HMAC_SHA256, "k1", 2};
    RtmRipAuthKey md5{RtmRipAuthType::KEYED_MD5, "k1", 1};
    RtmRipAuthKey password{RtmRipAuthType::SIMPLE_PASSWORD, "k1", 1};
    std::vector<Case> cases = {
        {"none", none, RtmRipDropReason::AuthMissing, RtmRipDropReason::AuthUnexpected},
        {"wrong key", wrongKey, RtmRipDropReason::AuthBadDigest, RtmRipDropReason::AuthBadDigest},
        {"wrong key id", wrongId, RtmRipDropReason::AuthMismatch, RtmRipDropReason::AuthMismatch},
        {"md5 against hmac", md5, RtmRipDropReason::AuthBadDigest, RtmRipDropReason::AuthBadDigest},
        {"password against hmac",
         password,
         RtmRipDropReason::AuthMismatch,
         RtmRipDropReason::AuthMismatch},
    };
    for (const auto& k : cases)
    {
        AuthLine line;
        line.Run([&](RtmRipHelper& rip) {
            rip.Set("AuthenticationType", StringValue("HmacSha256"));
            rip.Set("AuthenticationKey", StringValue("k1"));
            // B's interface toward A only (B-C stays HMAC k1).
            rip.SetInterfaceAuthentication(line.sc.nodes.Get(1), line.sc.edges[0].ifB, k.atB);
        });
        EXPECT_EQ(line.FarMetricAtA(), 0u) << k.name << ": nothing crosses A-B";
        EXPECT_EQ(Best(line.sc.nodes.Get(1), line.sc.edges[2].prefix), std::make_pair(2u, true))
            << k.name << ": B-C still works";
        EXPECT_GT(line.c[0]->GetDropCount(k.seenByA), 0u) << k.name;
        EXPECT_EQ(line.c[0]->GetDropCount(), line.c[0]->GetDropCount(k.seenByA)) << k.name;
        EXPECT_GT(line.c[1]->GetDropCount(k.seenByB), 0u) << k.name;
        EXPECT_EQ(line.c[2]->GetDropCount(), 0u) << k.name;
        Simulator::Destroy();
    }
}

TEST(RtmRipInputTest, ReplayedDigestMessagesAreDropped)
{
    // A and B authenticate with HMAC-SHA-256. T captures one of B's messages on the A-B link
    // and replays it 100 s later: its sequence number is below B's current one.
    Scenario sc;
    std::vector<uint8_t> captured;
    Fresh();
    sc.Build(4, Line(4), Stack::Rtm);
    RtmRipHelper rip;
    rip.Set("AuthenticationType", StringValue("HmacSha256"));
    rip.Set("AuthenticationKey", StringValue("k1"));
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(1), sc.nodes.Get(2)));
    rip.AssignStreams(sc.nodes, 100);
    Ptr<RtmRipClient> a = RtmRipHelper::GetRipClient(sc.nodes.Get(0));
    Ptr<RtmRipClient> b = RtmRipHelper::GetRipClient(sc.nodes.Get(1));
    uint32_t toA = sc.edges[0].ifB;
    b->TraceConnectWithoutContext("Tx",
                                  RtmMakeCallback<void, const RtmRipHeader&, Ipv4Address, uint32_t>(
                                      [&](const RtmRipHeader& h, Ipv4Address, uint32_t iface) {
                                          if (captured.empty() && iface == toA &&
                                              h.GetCommand() == RtmRipHeader::RESPONSE)
                                          {
                                              captured = h.ToBytes();
                                          }
                                      }));
    Ptr<NetDevice> devB = sc.edges[0].devB;
    Ipv4Address addrB = sc.edges[0].addrB;
    Ipv4Address group = RtmRipClient::RipGroup();
    RtmSchedule(Seconds(100), [&captured, devB, addrB, group]() {
        ASSERT_FALSE(captured.empty());
        InjectUdp(Seconds(0), devB, addrB, 520, group, 520, captured);
    });
    Simulator::Stop(Seconds(101));
    Simulator::Run();
    EXPECT_EQ(a->GetDropCount(RtmRipDropReason::AuthReplay), 1u);
    EXPECT_EQ(a->GetDropCount(), 1u);
    EXPECT_EQ(Best(sc.nodes.Get(0), sc.edges[2].prefix), std::make_pair(3u, true));
    Simulator::Destroy();
}

TEST(RtmRipInputTest, AuthenticationIsPerInterface)
{
    // B authenticates toward A (password) but not toward C: both sides converge.
    AuthLine line;
    line.Run([&](RtmRipHelper& rip) {
        RtmRipAuthKey pw{RtmRipAuthType::SIMPLE_PASSWORD, "open sesame", 1};
        rip.SetInterfaceAuthentication(line.sc.nodes.Get(0), line.sc.edges[0].ifA, pw);
        rip.SetInterfaceAuthentication(line.sc.nodes.Get(1), line.sc.edges[0].ifB, pw);
    });
    EXPECT_EQ(line.FarMetricAtA(), 3u);
    EXPECT_EQ(line.c[1]->GetInterfaceAuthentication(line.sc.edges[0].ifB).type,
              RtmRipAuthType::SIMPLE_PASSWORD);
    EXPECT_EQ(line.c[1]->GetInterfaceAuthentication(line.sc.edges[1].ifA).type,
              RtmRipAuthType::NONE);
    for (auto& c : line.c)
    {
        EXPECT_EQ(c->GetDropCount(), 0u);
    }
    Simulator::Destroy();
}

} // namespace
