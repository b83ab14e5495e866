/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: libFuzzer target for the receive path of the RIP clients (model/rip/): RIPv2
 * (RtmRipClient, binary rtm-fuzz-rip) and RIPng (RtmRipNgClient, binary rtm-fuzz-ripng, the same
 * source built with RTM_FUZZ_RIPNG=1).
 *
 * Each input is a short conversation: a sequence of UDP datagrams that a hostile neighbour T
 * sends, over a real ns-3 point-to-point link, to a router R running the RTM and the RIP client;
 * R also has a RIP neighbour S on a second link, so that whatever R learns is advertised again.
 * The bytes go through the whole receive path (socket, the header's Parse, requests, responses,
 * learning into the RTM table, timers, garbage collection, triggered and periodic updates,
 * answers to requests).
 *
 * Input: records [control][length][4 * length bytes of datagram], up to 16. Control bit 0: from
 * a UDP port other than RIP's (else from RIP's port); bit 1: to the RIP group (224.0.0.9,
 * ff02::9; else to R's address, link-local for RIPng); bits 2-5: seconds to wait before sending
 * it; RIPng only: bit 6: hop limit 64 (else 255, as RFC 2080 wants), bit 7: from T's global
 * address (else its link-local one). The simulation runs 400 s past the last datagram (routes
 * time out, are garbage collected).
 *
 * Findings: a crash or sanitizer report; a datagram from T that R neither drops before parsing
 * it (Drop trace, a message-level reason) nor traces as received (Rx), or does both; S ever
 * dropping a message of R as unparsable (what R sends must parse, whatever it learned); R's RIP
 * routes in its RTM table that RIP could not carry (metric above 16, host bits, martians).
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-ipv6-helper.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-rip-client.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-ripng-client.h"
#include "ns3/rtm-router.h"

#include <cstdio>
#include <cstdlib>

using namespace ns3;

namespace
{

void
Fail(const std::string& what)
{
    std::fprintf(stderr, "rtm-fuzz-rip%s: %s\n", RTM_FUZZ_RIPNG ? "ng" : "", what.c_str());
    std::abort();
}

struct Datagram
{
    bool ripPort;     //!< from RIP's port
    bool group;       //!< to the RIP group
    uint32_t wait;    //!< seconds before it
    bool hopLimit255; //!< RIPng: hop limit 255
    bool linkLocal;   //!< RIPng: from T's link-local address
    std::vector<uint8_t> bytes;
};

/// R, T and S with their links, R and S running the family's RIP client, T two sockets.
struct Scene
{
    NodeContainer nodes;                 //!< R, T, S
    Ptr<RtmRipBase> r;                   //!< R's client
    Ptr<RtmRipBase> s;                   //!< S's client
    std::vector<RtmNetAddress> tSources; //!< T's addresses on the R-T link
    Address rAddress;                    //!< R's unicast address (RIP port)
    Address group;                       //!< the RIP group (RIP port)
    Ptr<Socket> fromRip;                 //!< T's socket on the RIP port
    Ptr<Socket> fromOther;               //!< T's socket on port 5000
    Ptr<Socket> globalFromRip;           //!< RIPng: T's socket on its global address, RIP port
};

Ptr<Socket>
TSocket(Ptr<Node> t, Ptr<NetDevice> dev, const Address& local)
{
    Ptr<Socket> k = Socket::CreateSocket(t, UdpSocketFactory::GetTypeId());
    k->Bind(local);
    k->BindToNetDevice(dev);
    return k;
}

/// Builds the scene; \p rxFromT counts R's Rx traces of messages from T.
void
Build(Scene& sc, uint32_t& rxFromT)
{
    sc.nodes.Create(3);
    InternetStackHelper internet;
    RtmHelper rtm;
    internet.SetRoutingHelper(rtm);
#if RTM_FUZZ_RIPNG
    internet.SetRoutingHelper(RtmIpv6Helper(rtm));
    internet.SetIpv4StackInstall(false);
#else
    internet.SetIpv6StackInstall(false);
#endif
    internet.Install(sc.nodes);
    PointToPointHelper p2p;
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer rt = p2p.Install(sc.nodes.Get(0), sc.nodes.Get(1));
    NetDeviceContainer rs = p2p.Install(sc.nodes.Get(0), sc.nodes.Get(2));
    Ptr<Node> t = sc.nodes.Get(1);
#if RTM_FUZZ_RIPNG
    Ipv6AddressHelper addr;
    addr.SetBase(Ipv6Address("2001:1:0:1::"), Ipv6Prefix(64));
    Ipv6InterfaceContainer rtIf = addr.Assign(rt);
    addr.SetBase(Ipv6Address("2001:1:0:2::"), Ipv6Prefix(64));
    Ipv6InterfaceContainer rsIf = addr.Assign(rs);
    for (auto* c : {&rtIf, &rsIf})
    {
        c->SetForwarding(0, true);
        c->SetForwarding(1, true);
    }
    RtmRipNgHelper rip;
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(2)));
    rip.AssignStreams(sc.nodes, 100);
    sc.r = RtmRipNgHelper::GetRipNgClient(sc.nodes.Get(0));
    sc.s = RtmRipNgHelper::GetRipNgClient(sc.nodes.Get(2));
    Ipv6Address tLinkLocal = rtIf.GetLinkLocalAddress(1);
    Ipv6Address tGlobal = rtIf.GetAddress(1, 1);
    sc.tSources = {RtmNetAddress::FromIpv6(tLinkLocal), RtmNetAddress::FromIpv6(tGlobal)};
    sc.rAddress = Inet6SocketAddress(rtIf.GetLinkLocalAddress(0), RtmRipNgClient::RIPNG_PORT);
    sc.group = Inet6SocketAddress(RtmRipNgClient::RipNgGroup(), RtmRipNgClient::RIPNG_PORT);
    uint16_t port = RtmRipNgClient::RIPNG_PORT;
    sc.fromRip = TSocket(t, rt.Get(1), Inet6SocketAddress(Ipv6Address::GetAny(), port));
    sc.fromOther = TSocket(t, rt.Get(1), Inet6SocketAddress(Ipv6Address::GetAny(), 5000));
    sc.globalFromRip = TSocket(t, rt.Get(1), Inet6SocketAddress(tGlobal, port));
    std::vector<RtmNetAddress> sources = sc.tSources;
    sc.r->TraceConnectWithoutContext(
        "Rx",
        Callback<void, const RtmRipNgHeader&, Ipv6Address, uint32_t>(
            [&rxFromT, sources](const RtmRipNgHeader&, Ipv6Address from, uint32_t) {
                RtmNetAddress f = RtmNetAddress::FromIpv6(from);
                rxFromT += (f == sources[0] || f == sources[1]) ? 1 : 0;
            }));
#else
    Ipv4AddressHelper addr;
    addr.SetBase("10.0.1.0", "255.255.255.0");
    Ipv4InterfaceContainer rtIf = addr.Assign(rt);
    addr.SetBase("10.0.2.0", "255.255.255.0");
    addr.Assign(rs);
    RtmRipHelper rip;
    rip.Install(NodeContainer(sc.nodes.Get(0), sc.nodes.Get(2)));
    rip.AssignStreams(sc.nodes, 100);
    sc.r = RtmRipHelper::GetRipClient(sc.nodes.Get(0));
    sc.s = RtmRipHelper::GetRipClient(sc.nodes.Get(2));
    Ipv4Address tAddr = rtIf.GetAddress(1);
    sc.tSources = {RtmNetAddress::FromIpv4(tAddr)};
    sc.rAddress = InetSocketAddress(rtIf.GetAddress(0), RtmRipClient::RIP_PORT);
    sc.group = InetSocketAddress(RtmRipClient::RipGroup(), RtmRipClient::RIP_PORT);
    uint16_t port = RtmRipClient::RIP_PORT;
    sc.fromRip = TSocket(t, rt.Get(1), InetSocketAddress(Ipv4Address::GetAny(), port));
    sc.fromOther = TSocket(t, rt.Get(1), InetSocketAddress(Ipv4Address::GetAny(), 5000));
    sc.globalFromRip = sc.fromRip;
    sc.r->TraceConnectWithoutContext(
        "Rx",
        Callback<void, const RtmRipHeader&, Ipv4Address, uint32_t>(
            [&rxFromT, tAddr](const RtmRipHeader&, Ipv4Address from, uint32_t) {
                rxFromT += from == tAddr ? 1 : 0;
            }));
#endif
}

/// \return true if RIP can carry \p dest (the clients' own rule, written again)
bool
Carriable(const RtmNetAddress& dest)
{
    if (!dest.IsCanonical() || dest.numBits == 0)
    {
        return dest.IsCanonical();
    }
#if RTM_FUZZ_RIPNG
    uint8_t b[16];
    dest.GetIpv6().GetBytes(b);
    bool linkLocal = b[0] == 0xfe && (b[1] & 0xc0) == 0x80 && dest.numBits >= 10;
    bool multicast = b[0] == 0xff && dest.numBits >= 8;
    return dest.addressFamily == RTM_AF_INET6 && !linkLocal && !multicast;
#else
    uint32_t first = dest.GetIpv4().Get() >> 24;
    return dest.addressFamily == RTM_AF_INET && first != 0 && first != 127 && first < 224;
#endif
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<Datagram> msgs;
    size_t pos = 0;
    while (pos + 2 <= size && msgs.size() < 16)
    {
        uint8_t ctl = data[pos];
        size_t len = data[pos + 1];
        pos += 2;
        len = std::min(len * 4, size - pos); // RIP messages are 4 + 20 n bytes: reach 504+
        Datagram d;
        d.ripPort = (ctl & 1) == 0;
        d.group = (ctl & 2) != 0;
        d.wait = (ctl >> 2) & 0xf;
        d.hopLimit255 = (ctl & 0x40) == 0;
        d.linkLocal = (ctl & 0x80) == 0;
        d.bytes.assign(data + pos, data + pos + len);
        pos += len;
        msgs.push_back(std::move(d));
    }
    if (msgs.empty())
    {
        return 0;
    }

    Simulator::Destroy();
    Ipv4AddressGenerator::Reset();
    Ipv6AddressGenerator::Reset();
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(1);
    uint32_t rxFromT = 0;    // datagrams from T traced as received by R (parsed)
    uint32_t malformedT = 0; // datagrams from T dropped before parsing completed
    uint32_t malformedS = 0; // messages S dropped so (from R)
    Scene sc;
    Build(sc, rxFromT);

    // A message dropped before it is traced as received (it did not parse, or failed its
    // authentication or size checks), as opposed to one dropped after (source port, neighbour,
    // hop limit, rate) or an entry of a message dropped.
    auto beforeRx = [](RtmRipDropReason why) {
        return why < RtmRipDropReason::BadSourcePort ||
               (why >= RtmRipDropReason::AuthMissing && why <= RtmRipDropReason::AuthUnexpected);
    };
    std::vector<RtmNetAddress> tSources = sc.tSources;
    using DropCallback =
        Callback<void, Ptr<const Packet>, const RtmNetAddress&, uint32_t, RtmRipDropReason>;
    sc.r->TraceConnectWithoutContext(
        "Drop",
        DropCallback([&malformedT, tSources, beforeRx](Ptr<const Packet>,
                                                       const RtmNetAddress& from,
                                                       uint32_t,
                                                       RtmRipDropReason why) {
            bool fromT = std::find(tSources.begin(), tSources.end(), from) != tSources.end();
            malformedT += fromT && beforeRx(why) ? 1 : 0;
        }));
    sc.s->TraceConnectWithoutContext("Drop",
                                     DropCallback([&malformedS, beforeRx](Ptr<const Packet>,
                                                                          const RtmNetAddress&,
                                                                          uint32_t,
                                                                          RtmRipDropReason why) {
                                         malformedS += beforeRx(why) ? 1 : 0;
                                     }));

    Ptr<Node> t = sc.nodes.Get(1);
    Time at = Seconds(5); // after RIP's start-up requests
    for (const auto& m : msgs)
    {
        at += Seconds(m.wait);
        Ptr<Socket> sock = !m.ripPort ? sc.fromOther : m.linkLocal ? sc.fromRip : sc.globalFromRip;
        Address to = m.group ? sc.group : sc.rAddress;
        std::vector<uint8_t> bytes = m.bytes;
        uint8_t hop = m.hopLimit255 ? 255 : 64;
        RtmScheduleWithContext(t->GetId(), at, [sock, bytes, to, hop]() {
            Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
            if (RTM_FUZZ_RIPNG)
            {
                SocketIpv6HopLimitTag tag;
                tag.SetHopLimit(hop);
                p->AddPacketTag(tag);
            }
            sock->SendTo(p, 0, to);
        });
        at += MilliSeconds(1);
    }
    Simulator::Stop(at + Seconds(400));
    Simulator::Run();

    if (rxFromT + malformedT != msgs.size())
    {
        Fail("datagrams sent " + std::to_string(msgs.size()) + ", received " +
             std::to_string(rxFromT) + " + dropped unparsed " + std::to_string(malformedT));
    }
    if (malformedS != 0)
    {
        Fail("R sent a malformed message to S");
    }
    // R's RIP routes are routes RIP can carry.
    Ptr<RtmRegistration> reg = sc.r->GetRegistration();
    RtmEnumHandle e;
    if (reg->CreateRouteEnum(RtmDestHandle(),
                             RTM_VIEW_MASK_ANY,
                             RTM_ENUM_START | RTM_ENUM_OWN_ROUTES,
                             nullptr,
                             RTM_MATCH_NONE,
                             nullptr,
                             0,
                             e) != RtmStatus::Success)
    {
        Fail("route enumeration");
    }
    for (int guard = 0; guard < 100000; ++guard)
    {
        uint32_t num = reg->GetProfile().maxHandlesInEnum;
        std::vector<RtmRouteHandle> batch;
        RtmStatus st = reg->GetEnumRoutes(e, num, batch);
        for (uint32_t i = 0; i < num; ++i)
        {
            RtmRouteInfo info;
            RtmNetAddress dest;
            if (reg->GetRouteInfo(batch[i], &info, &dest) != RtmStatus::Success)
            {
                Fail("GetRouteInfo of an enumerated route");
            }
            if (info.prefInfo.metric > 16 || !Carriable(dest))
            {
                Fail("R keeps a RIP route RIP cannot carry: " + dest.ToString() + " metric " +
                     std::to_string(info.prefInfo.metric));
            }
        }
        if (st != RtmStatus::Success)
        {
            break;
        }
    }
    reg->DeleteEnumHandle(e);
    Simulator::Destroy();
    return 0;
}
