/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the forwarding plane against ns-3's own static routing (issue 3 and 10 figures).
 *
 * For each family, two nodes with the same point-to-point link and the same N routes (N = 1k,
 * 10k, 100k prefixes, all via the same gateway: /24s 11.0.0.0/24, 11.0.1.0/24, ... for IPv4,
 * /48s 2011:0:0::/48, 2011:0:1::/48, ... for IPv6): one runs the RTM (RtmIpv4Routing,
 * RtmIpv6Routing), the other ns-3's Ipv4StaticRouting / Ipv6StaticRouting. Both answer
 * RouteOutput for random destinations inside the table, in the same run. Summary:
 * routeoutput_lookups_per_s_<N>, ns3_static_lookups_per_s_<N>, ratio_vs_ns3_static_100k, and
 * for IPv6 routeoutput6_lookups_per_s_<N>, ns3_static6_lookups_per_s_<N>,
 * ratio6_vs_ns3_static_100k.
 */
#include "rtm-bench-summary.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ipv6-helper.h"
#include "ns3/rtm-static-routing-helper.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <map>
#include <random>

using namespace ns3;

namespace
{

/// What differs between the two families of the benchmark.
template <bool V6>
struct Fam
{
    typedef std::conditional_t<V6, Ipv6RoutingProtocol, Ipv4RoutingProtocol> Routing; //!< base
    typedef std::conditional_t<V6, Ipv6Header, Ipv4Header> Header;                    //!< header
    typedef std::conditional_t<V6, Ipv6Address, Ipv4Address> Address;                 //!< address

    /// \return the first address of destination prefix i
    static Address PrefixAddress(uint32_t i)
    {
        if constexpr (V6)
        {
            uint8_t b[16] = {0x20, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            b[3] = static_cast<uint8_t>(i >> 16);
            b[4] = static_cast<uint8_t>(i >> 8);
            b[5] = static_cast<uint8_t>(i);
            return Ipv6Address(b);
        }
        else
        {
            return Ipv4Address((11u << 24) + (i << 8));
        }
    }

    /// \return a random host of destination prefix i
    static Address Host(uint32_t i, std::mt19937& rng)
    {
        if constexpr (V6)
        {
            uint8_t b[16];
            PrefixAddress(i).GetBytes(b);
            for (int k = 8; k < 16; ++k)
            {
                b[k] = static_cast<uint8_t>(rng());
            }
            b[15] |= 1;
            return Ipv6Address(b);
        }
        else
        {
            return Ipv4Address(PrefixAddress(i).Get() + 1 + rng() % 250);
        }
    }

    /// \return the prefix length of the destinations
    static uint16_t Length()
    {
        return V6 ? 48 : 24;
    }

    /// \return the IP layer of \p node
    static auto Ip(Ptr<Node> node)
    {
        if constexpr (V6)
        {
            return node->GetObject<Ipv6>();
        }
        else
        {
            return node->GetObject<Ipv4>();
        }
    }

    /// \return the peer's address on the link (the gateway of every route)
    static Address Gateway(Ptr<Node> node)
    {
        if constexpr (V6)
        {
            // The peer's global address: the same interface id + 1 (Ipv6AddressHelper counts up).
            Ptr<Ipv6> ip = Ip(node);
            for (uint32_t j = 0; j < ip->GetNAddresses(1); ++j)
            {
                Ipv6Address a = ip->GetAddress(1, j).GetAddress();
                if (!a.IsLinkLocal())
                {
                    uint8_t b[16];
                    a.GetBytes(b);
                    ++b[15];
                    return Ipv6Address(b);
                }
            }
            return Ipv6Address();
        }
        else
        {
            return Ipv4Address(Ip(node)->GetAddress(1, 0).GetLocal().Get() + 1);
        }
    }

    /// \return the link's subnet of the bed with \p n routes
    static const char* Subnet(bool rtm, uint32_t n)
    {
        static const char* names[2][2][3] = {{{"192.169.1.0", "192.169.2.0", "192.169.3.0"},
                                              {"192.168.1.0", "192.168.2.0", "192.168.3.0"}},
                                             {{"fd00:1:1::", "fd00:1:2::", "fd00:1:3::"},
                                              {"fd00:2:1::", "fd00:2:2::", "fd00:2:3::"}}};
        return names[V6 ? 1 : 0][rtm ? 1 : 0][n == 1000 ? 0 : n == 10000 ? 1 : 2];
    }

    /// \return a header to \p dst
    static Header Make(Address dst)
    {
        Header h;
        h.SetDestination(dst);
        if constexpr (V6)
        {
            h.SetNextHeader(17);
        }
        else
        {
            h.SetProtocol(17);
        }
        return h;
    }
};

/// One node of each kind, with N routes, built once per N.
template <bool V6>
struct Bed
{
    Ptr<Node> node;                         //!< the node
    Ptr<typename Fam<V6>::Routing> routing; //!< its routing protocol
    double insertSeconds{0};                //!< time to add the routes (ns-3 side)
};

/// A node of a connected pair with \p rtm or ns-3's static routing, its link on \p subnet.
template <bool V6>
Ptr<Node>
MakeNode(bool rtm, const char* subnet)
{
    NodeContainer pair;
    pair.Create(2);
    PointToPointHelper p2p;
    NetDeviceContainer d = p2p.Install(pair);
    InternetStackHelper stack;
    RtmHelper rtm4;
    RtmIpv6Helper rtm6(rtm4);
    Ipv4StaticRoutingHelper static4;
    Ipv6StaticRoutingHelper static6;
    if (rtm)
    {
        stack.SetRoutingHelper(rtm4);
        stack.SetRoutingHelper(rtm6);
    }
    else
    {
        stack.SetRoutingHelper(static4);
        stack.SetRoutingHelper(static6);
    }
    stack.Install(pair);
    if constexpr (V6)
    {
        Ipv6AddressHelper addr;
        addr.SetBase(Ipv6Address(subnet), Ipv6Prefix(64));
        addr.Assign(d);
    }
    else
    {
        Ipv4AddressHelper addr;
        addr.SetBase(subnet, "255.255.255.0");
        addr.Assign(d);
    }
    return pair.Get(0);
}

/// The node of one kind with \p n routes (built once).
template <bool V6>
Bed<V6>&
GetBed(uint32_t n, bool rtmSide)
{
    typedef Fam<V6> F;
    static std::map<std::pair<uint32_t, bool>, Bed<V6>> beds;
    auto key = std::make_pair(n, rtmSide);
    auto it = beds.find(key);
    if (it != beds.end())
    {
        return it->second;
    }
    static bool started = false;
    if (!started)
    {
        started = true;
        Simulator::Run(); // leave the Time-marking phase of an unstarted simulation
    }
    Bed<V6>& b = beds[key];
    b.node = MakeNode<V6>(rtmSide, F::Subnet(rtmSide, n));
    auto gw = F::Gateway(b.node);
    b.routing = F::Ip(b.node)->GetRoutingProtocol();
    auto start = std::chrono::steady_clock::now();
    if (rtmSide)
    {
        uint16_t af = V6 ? RTM_AF_INET6 : RTM_AF_INET;
        Ptr<RtmStaticClient> client = RtmStaticRoutingHelper::GetStaticClient(b.node, 0, af);
        RtmNetAddress g;
        if constexpr (V6)
        {
            g = RtmNetAddress::FromIpv6(gw);
        }
        else
        {
            g = RtmNetAddress::FromIpv4(gw);
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            RtmNetAddress p;
            if constexpr (V6)
            {
                p = RtmNetAddress::FromIpv6(F::PrefixAddress(i), F::Length());
            }
            else
            {
                p = RtmNetAddress::FromIpv4(F::PrefixAddress(i), F::Length());
            }
            client->AddRoute(p, {{g, 1, false}});
        }
    }
    else if constexpr (V6)
    {
        Ptr<Ipv6StaticRouting> sr = Ipv6StaticRoutingHelper().GetStaticRouting(F::Ip(b.node));
        for (uint32_t i = 0; i < n; ++i)
        {
            sr->AddNetworkRouteTo(F::PrefixAddress(i), Ipv6Prefix(F::Length()), gw, 1);
        }
    }
    else
    {
        Ptr<Ipv4StaticRouting> sr = Ipv4StaticRoutingHelper().GetStaticRouting(F::Ip(b.node));
        for (uint32_t i = 0; i < n; ++i)
        {
            sr->AddNetworkRouteTo(F::PrefixAddress(i), Ipv4Mask("255.255.255.0"), gw, 1);
        }
    }
    b.insertSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return b;
}

/// RouteOutput per second for random destinations of the table.
template <bool V6>
double
Measure(benchmark::State& state, Ptr<typename Fam<V6>::Routing> routing, uint32_t n)
{
    typedef Fam<V6> F;
    std::mt19937 rng(11);
    std::vector<typename F::Address> dsts;
    for (uint32_t k = 0; k < 4096; ++k)
    {
        dsts.push_back(F::Host(rng() % n, rng));
    }
    typename F::Header header = F::Make(dsts[0]);
    Socket::SocketErrno err;
    std::size_t i = 0;
    uint64_t hits = 0;
    auto start = std::chrono::steady_clock::now();
    for (auto _ : state)
    {
        header.SetDestination(dsts[i++ & 4095]);
        auto r = routing->RouteOutput(nullptr, header, nullptr, err);
        hits += r ? 1 : 0;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (hits != static_cast<uint64_t>(state.iterations()))
    {
        state.SkipWithError("a destination had no route");
    }
    state.SetItemsProcessed(state.iterations());
    return state.iterations() / seconds;
}

std::string
Suffix(uint32_t n)
{
    return n == 1000 ? "1k" : n == 10000 ? "10k" : "100k";
}

/// Lookups per second measured: [family][rtm side][n].
std::map<uint32_t, double> g_rate[2][2];

void
Report(bool v6, bool rtmSide, uint32_t n, double rate, double insertSeconds)
{
    g_rate[v6][rtmSide][n] = rate;
    std::string fam = v6 ? "6" : "";
    RtmBenchReport((rtmSide ? "routeoutput" + fam : "ns3_static" + fam) + "_lookups_per_s_" +
                       Suffix(n),
                   rate);
    if (!rtmSide)
    {
        RtmBenchReport("ns3_static" + fam + "_insert_s_" + Suffix(n), insertSeconds);
    }
    auto& rtm = g_rate[v6][1];
    auto& ns3 = g_rate[v6][0];
    if (rtm.count(100000) && ns3.count(100000) && ns3[100000] > 0)
    {
        RtmBenchReport("ratio" + fam + "_vs_ns3_static_100k", rtm[100000] / ns3[100000]);
    }
}

template <bool V6, bool Rtm>
void
BM_RouteOutput(benchmark::State& state)
{
    uint32_t n = static_cast<uint32_t>(state.range(0));
    Bed<V6>& b = GetBed<V6>(n, Rtm);
    Report(V6, Rtm, n, Measure<V6>(state, b.routing, n), b.insertSeconds);
}

/// Registers the four benchmarks (ns-3's side gets at least a second: its lookups are slow).
[[maybe_unused]] const bool g_registered = [] {
    struct
    {
        const char* name;
        void (*run)(benchmark::State&);
        bool ns3;
    } const all[] = {{"BM_RouteOutputRtm", &BM_RouteOutput<false, true>, false},
                     {"BM_RouteOutputNs3Static", &BM_RouteOutput<false, false>, true},
                     {"BM_RouteOutput6Rtm", &BM_RouteOutput<true, true>, false},
                     {"BM_RouteOutput6Ns3Static", &BM_RouteOutput<true, false>, true}};
    for (const auto& b : all)
    {
        auto* r = benchmark::RegisterBenchmark(b.name, b.run)->Arg(1000)->Arg(10000)->Arg(100000);
        if (b.ns3)
        {
            r->MinTime(1.0);
        }
    }
    return true;
}();

} // namespace
