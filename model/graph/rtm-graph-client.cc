/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmGraphClient and RtmGraphDomain: per-router Dijkstra over the shared network graph and the
 * routes it installs (see rtm-graph-client.h for the algorithm).
 */
#include "rtm-graph-client.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmGraphClient");
NS_OBJECT_ENSURE_REGISTERED(RtmGraphDomain);
NS_OBJECT_ENSURE_REGISTERED(RtmGraphClient);

// ------------------------------------------------------------------ RtmGraphDomain

TypeId
RtmGraphDomain::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmGraphDomain")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmGraphDomain>()
            .AddAttribute(
                "Prefixes",
                "Which prefixes the routers advertise: All (link subnets and router "
                "addresses), Routers (router addresses only: one prefix per router) or "
                "Links (link subnets only).",
                EnumValue(RtmNetworkGraph::PREFIXES_ALL),
                RtmMakeEnumAccessor<RtmNetworkGraph::PrefixMode>(&RtmGraphDomain::m_prefixMode),
                MakeEnumChecker(RtmNetworkGraph::PREFIXES_ALL,
                                "All",
                                RtmNetworkGraph::PREFIXES_ROUTERS,
                                "Routers",
                                RtmNetworkGraph::PREFIXES_LINKS,
                                "Links"))
            .AddAttribute("Family",
                          "The address family the domain routes: Ipv4 (the IPv4 topology and "
                          "prefixes) or Ipv6 (the IPv6 ones). A dual-stack network runs one "
                          "domain per family.",
                          EnumValue(FAMILY_IPV4),
                          RtmMakeEnumAccessor<Family>(&RtmGraphDomain::m_family),
                          MakeEnumChecker(FAMILY_IPV4, "Ipv4", FAMILY_IPV6, "Ipv6"))
            .AddAttribute("Aggregate",
                          "Install, per router, the smallest set of covering routes found that "
                          "forwards exactly like one route per prefix (sibling prefixes with "
                          "the same next hops merge; a block is covered by its most common "
                          "next-hop set and the exceptions are more specific). Exact for "
                          "forwarding with the connected routes; another client's routes inside "
                          "the domain's addresses may then win by longest match where a "
                          "per-prefix route would have won by preference. Not used with "
                          "multicast weights or overlapping prefixes.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RtmGraphDomain::m_aggregate),
                          MakeBooleanChecker())
            .AddAttribute("RecomputeOnInterfaceChange",
                          "Recompute the routes when an interface of a router goes up or down.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmGraphDomain::m_listen),
                          MakeBooleanChecker());
    return tid;
}

RtmGraphDomain::RtmGraphDomain() = default;

RtmGraphDomain::~RtmGraphDomain() = default;

void
RtmGraphDomain::DoDispose()
{
    m_pending.Cancel();
    std::map<std::pair<uint32_t, uint16_t>, Ptr<RtmGraphClient>> clients;
    clients.swap(m_clients);
    for (auto& kv : clients)
    {
        kv.second->m_domain = nullptr;
    }
    m_graph = RtmNetworkGraph();
    m_scratch.reset();
    Object::DoDispose();
}

bool
RtmGraphDomain::AddClient(Ptr<RtmGraphClient> client)
{
    if (client->GetFamily() != m_family)
    {
        NS_LOG_WARN("node " << client->GetNode()->GetId() << ": a client of family "
                            << client->GetFamily() << " cannot join a domain of family "
                            << m_family);
        return false;
    }
    auto key = std::make_pair(client->GetNode()->GetId(), client->GetInstance());
    m_clients[key] = client;
    m_graph.AddVertex(client->GetNode(), client->GetInstance());
    client->SetDomain(this);
    return true;
}

uint16_t
RtmGraphDomain::GetFamily() const
{
    return m_family;
}

void
RtmGraphDomain::AddRouter(Ptr<Node> node, uint16_t instance)
{
    m_graph.AddVertex(node, instance);
}

void
RtmGraphDomain::RemoveClient(RtmGraphClient* client)
{
    if (!client->GetNode())
    {
        return;
    }
    auto key = std::make_pair(client->GetNode()->GetId(), client->GetInstance());
    auto it = m_clients.find(key);
    if (it == m_clients.end() || PeekPointer(it->second) != client)
    {
        return;
    }
    m_graph.RemoveVertex(client->GetNode(), client->GetInstance());
    m_clients.erase(it);
    if (m_clients.empty())
    {
        m_pending.Cancel();
        m_graph = RtmNetworkGraph(); // drop the references to the nodes
        m_scratch.reset();
    }
}

std::vector<Ptr<RtmGraphClient>>
RtmGraphDomain::GetClients() const
{
    std::vector<Ptr<RtmGraphClient>> out;
    for (const auto& kv : m_clients)
    {
        out.push_back(kv.second);
    }
    return out;
}

void
RtmGraphDomain::SetMulticastMetric(Ptr<Node> node, uint32_t interface, uint32_t metric)
{
    m_graph.SetMulticastMetric(node->GetId(), interface, metric);
}

void
RtmGraphDomain::ScheduleRecompute()
{
    if (!m_listen || RtmIsPending(m_pending))
    {
        return;
    }
    m_pending = Simulator::ScheduleNow(&RtmGraphDomain::Recompute, this);
}

void
RtmGraphDomain::Recompute()
{
    auto t0 = std::chrono::steady_clock::now();
    m_pending.Cancel();
    if (!m_scratch)
    {
        m_scratch = std::make_unique<RtmGraphScratch>();
    }
    m_graph.SetPrefixMode(m_prefixMode);
    m_graph.SetFamily(m_family);
    m_graph.Build();
    for (auto& kv : m_clients)
    {
        int32_t v = m_graph.FindVertex(kv.first.first, kv.first.second);
        kv.second->Recompute(m_graph, v, *m_scratch);
        kv.second->m_scratch = nullptr;
    }
    ++m_recomputations;
    m_lastSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    NS_LOG_INFO("recomputation " << m_recomputations << ": " << m_clients.size() << " routers, "
                                 << GetNRoutes() << " routes, " << m_lastSeconds << " s");
}

const RtmNetworkGraph&
RtmGraphDomain::GetGraph() const
{
    return m_graph;
}

uint32_t
RtmGraphDomain::GetNRecomputations() const
{
    return m_recomputations;
}

uint64_t
RtmGraphDomain::GetNRoutes() const
{
    uint64_t n = 0;
    for (const auto& kv : m_clients)
    {
        n += kv.second->GetNRoutes();
    }
    return n;
}

double
RtmGraphDomain::GetLastRecomputeSeconds() const
{
    return m_lastSeconds;
}

void
RtmGraphDomain::WriteGraphviz(std::ostream& os) const
{
    m_graph.WriteGraphviz(os);
}

// ------------------------------------------------------------------ RtmGraphClient

TypeId
RtmGraphClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmGraphClient")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmGraphClient>()
            .AddAttribute("Preference",
                          "Preference of the link-state routes (lower is better; connected 1 < "
                          "static 3 < link-state 110 < RIP 120).",
                          UintegerValue(110),
                          MakeUintegerAccessor(&RtmGraphClient::m_preference),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

RtmGraphClient::RtmGraphClient() = default;

RtmGraphClient::~RtmGraphClient() = default;

void
RtmGraphClient::DoDispose()
{
    if (m_domain)
    {
        Ptr<RtmGraphDomain> d = m_domain;
        m_domain = nullptr;
        d->RemoveClient(this);
    }
    if (m_reg)
    {
        m_reg->Deregister();
    }
    if (m_router && m_listening)
    {
        m_router->RemoveInterfaceListener(MakeCallback(&RtmGraphClient::InterfaceChanged, this));
        m_listening = false;
    }
    m_reg = nullptr;
    m_router = nullptr;
    m_node = nullptr;
    m_unicast.clear();
    m_mcast.clear();
    m_hops.clear();
    m_hopIds.clear();
    m_sets.clear();
    m_setIds.clear();
    m_agg4.clear();
    m_agg6.clear();
    Object::DoDispose();
}

RtmStatus
RtmGraphClient::Start(Ptr<RtmRouter> router, uint16_t instance, uint16_t family)
{
    if (family != RTM_AF_INET && family != RTM_AF_INET6)
    {
        return RtmStatus::InvalidParameter;
    }
    m_router = router;
    m_node = router->GetObject<Node>();
    m_instance = instance;
    m_family = family;
    RtmEntityInfo info;
    info.rtmInstanceId = instance;
    info.addressFamily = family;
    info.entityId.entityProtocolId = RTM_PROTO_NS3_GRAPH;
    RtmRegnProfile profile;
    RtmStatus st = router->CreateInstance(instance)
                       ->RegisterEntity(info, {}, RtmEventCallback(), false, profile, m_reg);
    if (st != RtmStatus::Success)
    {
        m_reg = nullptr;
        return st;
    }
    m_reg->SetDefaultPreference(m_preference);
    m_maxNextHops = std::max<uint32_t>(profile.maxNextHopsInRoute, 1);
    if (!m_listening)
    {
        m_listening = true;
        router->AddInterfaceListener(MakeCallback(&RtmGraphClient::InterfaceChanged, this));
    }
    return st;
}

Ptr<Node>
RtmGraphClient::GetNode() const
{
    return m_node;
}

uint16_t
RtmGraphClient::GetInstance() const
{
    return m_instance;
}

uint16_t
RtmGraphClient::GetFamily() const
{
    return m_family;
}

Ptr<RtmRegistration>
RtmGraphClient::GetRegistration() const
{
    return m_reg;
}

Ptr<RtmGraphDomain>
RtmGraphClient::GetDomain() const
{
    return m_domain;
}

uint64_t
RtmGraphClient::GetNRoutes() const
{
    return m_nRoutes;
}

uint64_t
RtmGraphClient::GetLastWrites() const
{
    return m_lastWrites;
}

uint64_t
RtmGraphClient::GetTotalWrites() const
{
    return m_totalWrites;
}

uint32_t
RtmGraphClient::GetNNextHops() const
{
    uint32_t n = 0;
    for (const auto& h : m_hops)
    {
        n += h.handle.IsNull() ? 0 : 1;
    }
    return n;
}

std::size_t
RtmGraphClient::GetStateBytes() const
{
    std::size_t bytes = (m_unicast.capacity() + m_mcast.capacity()) * sizeof(Result) +
                        m_agg4.capacity() * sizeof(m_agg4[0]) +
                        m_agg6.capacity() * sizeof(m_agg6[0]) + m_hops.capacity() * sizeof(Hop) +
                        m_hopIds.size() * 64;
    for (const auto& s : m_sets)
    {
        bytes += sizeof(s) + s.capacity() * sizeof(uint32_t) * 2 + 64;
    }
    return bytes;
}

void
RtmGraphClient::SetDomain(Ptr<RtmGraphDomain> domain)
{
    m_domain = domain;
}

void
RtmGraphClient::InterfaceChanged(uint16_t instance, uint16_t family, uint32_t interface, bool up)
{
    if (m_reg && m_domain && family == m_family && instance == m_instance)
    {
        NS_LOG_INFO("node " << m_node->GetId() << " interface "
                            << interface << (up ? " up" : " down"));
        m_domain->ScheduleRecompute();
    }
}

RtmNextHopHandle
RtmGraphClient::HopHandle(uint32_t hop)
{
    Hop& h = m_hops[hop];
    if (h.handle.IsNull())
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = h.address;
        nh.interfaceIndex = h.interface;
        uint32_t cf = 0;
        RtmStatus st = m_reg->AddNextHop(nh, h.handle, cf);
        if (st != RtmStatus::Success)
        {
            NS_LOG_WARN("node " << m_node->GetId() << ": cannot add next hop " << h.address
                                << " on interface " << h.interface << ": " << st);
        }
    }
    return h.handle;
}

uint32_t
RtmGraphClient::Persist(const RtmSpfResult& spf, uint32_t runSet, std::vector<uint32_t>& cache)
{
    if (runSet == RtmSpfResult::kNoSet)
    {
        return kNone;
    }
    if (cache.size() <= runSet)
    {
        cache.resize(spf.GetNSets(), kNone);
    }
    if (cache[runSet] != kNone)
    {
        return cache[runSet];
    }
    std::vector<uint32_t>& hops = m_scratch->hops;
    hops.clear();
    auto positions = spf.GetSet(runSet);
    for (const uint32_t* p = positions.first; p != positions.second; ++p)
    {
        hops.push_back(m_arcHop[*p]);
    }
    std::sort(hops.begin(), hops.end());
    hops.erase(std::unique(hops.begin(), hops.end()), hops.end());
    if (hops.size() > m_maxNextHops)
    {
        hops.resize(m_maxNextHops);
    }
    auto it = m_setIds.find(hops);
    uint32_t id;
    if (it != m_setIds.end())
    {
        id = it->second;
    }
    else
    {
        id = static_cast<uint32_t>(m_sets.size());
        m_sets.push_back(hops);
        m_setIds.emplace(hops, id);
    }
    cache[runSet] = id;
    return id;
}

RtmGraphClient::Result
RtmGraphClient::PrefixResult(uint32_t prefix,
                             uint32_t vertex,
                             const RtmNetworkGraph& g,
                             RtmSpfResult& spf,
                             std::vector<uint32_t>& cache)
{
    Result none{kNone, 0};
    auto vs = g.GetAttached(prefix);
    if (vs.first == vs.second)
    {
        return none; // gone
    }
    uint64_t best = RtmSpfResult::kInfinity;
    for (const uint32_t* a = vs.first; a != vs.second; ++a)
    {
        if (*a == vertex)
        {
            return Result{kOwn, 0}; // attached to me: the connected client has it
        }
        best = std::min(best, spf.distance[*a]);
    }
    if (best == RtmSpfResult::kInfinity)
    {
        return none;
    }
    uint32_t set = RtmSpfResult::kNoSet;
    for (const uint32_t* it = vs.first; it != vs.second; ++it)
    {
        uint32_t a = *it;
        if (spf.distance[a] != best)
        {
            continue;
        }
        uint32_t s = spf.firstHops[a];
        if (set == RtmSpfResult::kNoSet)
        {
            set = s;
        }
        else if (s != set && s != RtmSpfResult::kNoSet)
        {
            set = spf.Union(set, s);
        }
    }
    Result r;
    r.set = Persist(spf, set, cache);
    r.metric = static_cast<uint32_t>(std::min<uint64_t>(best, 0xFFFFFFFEu));
    if (r.set == kNone)
    {
        return none;
    }
    return r;
}

void
RtmGraphClient::FillInfo(const Result& r, RtmViewSet views)
{
    m_info.nextHops.clear();
    for (uint32_t hop : m_sets[r.set])
    {
        m_info.nextHops.push_back(HopHandle(hop));
    }
    m_info.flags = RTM_ROUTE_FLAGS_REMOTE;
    m_info.prefInfo.metric = r.metric;
    m_info.prefInfo.preference = 0; // the registration's default (Preference attribute)
    m_info.belongsToViews = views;
    m_info.neighbour = RtmNextHopHandle();
}

void
RtmGraphClient::Write(const RtmNetAddress& prefix,
                      const Result& u,
                      const Result& m,
                      const Result& oldU,
                      const Result& oldM)
{
    struct Want
    {
        RtmViewSet views;
        Result r;
    };

    auto routes = [](const Result& a, const Result& b, Want* out) {
        uint32_t n = 0;
        if (a == b)
        {
            if (a.set != kNone)
            {
                out[n++] = Want{RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST, a};
            }
            return n;
        }
        if (a.set != kNone)
        {
            out[n++] = Want{RTM_VIEW_MASK_UCAST, a};
        }
        if (b.set != kNone)
        {
            out[n++] = Want{RTM_VIEW_MASK_MCAST, b};
        }
        return n;
    };
    Want want[2];
    Want have[2];
    uint32_t nWant = routes(u, m, want);
    uint32_t nHave = routes(oldU, oldM, have);
    uint32_t cf = 0;
    if (nHave == 0)
    {
        for (uint32_t i = 0; i < nWant; ++i)
        {
            FillInfo(want[i].r, want[i].views);
            RtmRouteHandle h;
            cf = RTM_ROUTE_CHANGE_NEW;
            RtmStatus st =
                m_reg->AddRouteToDest(h, prefix, m_info, RTM_INFINITE, RtmRouteListHandle(), cf);
            if (st != RtmStatus::Success)
            {
                NS_LOG_WARN("node " << m_node->GetId() << ": cannot add " << prefix << ": " << st);
                continue;
            }
            ++m_nRoutes;
            ++m_lastWrites;
        }
        return;
    }
    // Find my routes on the destination (one per view block in `have`).
    RtmRouteHandle handles[2];
    RtmRouteInfo criteria;
    criteria.routeOwner = m_reg->GetEntityHandle();
    for (uint32_t i = 0; i < nHave; ++i)
    {
        RtmViewSet probe =
            (have[i].views & RTM_VIEW_MASK_UCAST) ? RTM_VIEW_MASK_UCAST : RTM_VIEW_MASK_MCAST;
        RtmRouteInfo c = criteria;
        if (m_reg->GetExactMatchRoute(prefix, RTM_MATCH_OWNER, c, 0, probe, &handles[i]) !=
            RtmStatus::Success)
        {
            handles[i] = RtmRouteHandle();
        }
    }
    bool used[2] = {false, false};
    bool done[2] = {false, false};
    // Same views: update in place (only if the contents changed).
    for (uint32_t w = 0; w < nWant; ++w)
    {
        for (uint32_t h = 0; h < nHave; ++h)
        {
            if (!used[h] && have[h].views == want[w].views && !handles[h].IsNull())
            {
                used[h] = true;
                done[w] = true;
                if (!(have[h].r == want[w].r))
                {
                    FillInfo(want[w].r, want[w].views);
                    cf = 0;
                    m_reg->UpdateRoute(handles[h], m_info, RTM_INFINITE, RtmRouteListHandle(), cf);
                    ++m_lastWrites;
                }
                break;
            }
        }
    }
    // Other wanted routes: reuse a leftover route of mine (its views change), else add.
    for (uint32_t w = 0; w < nWant; ++w)
    {
        if (done[w])
        {
            continue;
        }
        FillInfo(want[w].r, want[w].views);
        bool reused = false;
        for (uint32_t h = 0; h < nHave; ++h)
        {
            if (!used[h] && !handles[h].IsNull())
            {
                used[h] = true;
                reused = true;
                cf = 0;
                m_reg->UpdateRoute(handles[h], m_info, RTM_INFINITE, RtmRouteListHandle(), cf);
                ++m_lastWrites;
                break;
            }
        }
        if (!reused)
        {
            RtmRouteHandle nh;
            cf = RTM_ROUTE_CHANGE_NEW;
            if (m_reg->AddRouteToDest(nh, prefix, m_info, RTM_INFINITE, RtmRouteListHandle(), cf) ==
                RtmStatus::Success)
            {
                ++m_nRoutes;
                ++m_lastWrites;
            }
        }
    }
    // Routes no longer wanted.
    for (uint32_t h = 0; h < nHave; ++h)
    {
        if (!used[h] && !handles[h].IsNull())
        {
            cf = 0;
            m_reg->DeleteRouteToDest(handles[h], cf);
            --m_nRoutes;
            ++m_lastWrites;
        }
    }
}

void
RtmGraphClient::WithdrawAll(const RtmNetworkGraph& g)
{
    const Result none{kNone, 0};
    if (m_aggregated)
    {
        if (m_family == RTM_AF_INET6)
        {
            m_scratch->agg6.fresh.clear();
            WriteAggregated<RtmIpv6Family>();
        }
        else
        {
            m_scratch->agg4.fresh.clear();
            WriteAggregated<RtmIpv4Family>();
        }
        m_aggregated = false;
        return;
    }
    const auto& prefixes = g.GetPrefixes();
    for (uint32_t p = 0; p < m_unicast.size() && p < prefixes.size(); ++p)
    {
        const Result oldU = m_unicast[p];
        const Result oldM = m_separate ? m_mcast[p] : oldU;
        if (oldU.set != kNone || oldM.set != kNone)
        {
            Write(prefixes[p].prefix, none, none, oldU, oldM);
        }
    }
    m_unicast.assign(m_unicast.size(), none);
    std::vector<Result>().swap(m_mcast);
    m_separate = false;
}

namespace
{
/**
 * \brief The number of addresses of a block of length \p length of family \p F, as the wide
 * sum type: exact, except that the whole IPv6 space (length 0) wraps to 0.
 */
template <typename F>
typename RtmGraphAggBuffers<F>::Wide
BlockSize(uint32_t length)
{
    typedef typename RtmGraphAggBuffers<F>::Wide Wide;
    const uint32_t shift = F::kBits - length;
    return shift >= 8 * sizeof(Wide) ? Wide(0) : Wide(1) << shift;
}
} // namespace

template <typename F>
void
RtmGraphClient::Aggregate(typename F::Key base,
                          uint32_t length,
                          uint32_t i,
                          uint32_t j,
                          uint32_t inherited,
                          const RtmNetworkGraph& g)
{
    if (i >= j)
    {
        return; // nothing here: no address of the block is routed
    }
    RtmGraphAggBuffers<F>& buf = m_scratch->Agg<F>();
    const auto& prefixes = g.GetPrefixes();
    const auto& order = g.GetPrefixOrder();
    const auto& keys = g.GetOrderedKeys<F>();
    const uint16_t firstLength = prefixes[order[i]].prefix.numBits;
    if (j - i == 1 || firstLength < length)
    {
        // One prefix, inside the block, the block itself or (only for a prefix shorter than the
        // block, which disjoint prefixes allow at the top only) around it: a route for the
        // prefix unless it inherits the right next hops.
        uint32_t v = m_scratch->val[i];
        if (v != kNone && v != kOwn && v != inherited)
        {
            buf.fresh.push_back(RtmGraphAggRoute<F>{keys[i], firstLength, v, m_scratch->met[i]});
        }
        return;
    }
    // All the prefixes in one half: no route fits at this level (the other half is unrouted, so
    // the block is not covered) and the recursion would only pass the same prefixes and the
    // same inherited value down. Go straight to the smallest block holding them all (disjoint
    // prefixes are all longer than their common prefix with one another).
    uint32_t common = length;
    const typename F::Key diff = keys[i] ^ keys[j - 1];
    while (common < F::kBits &&
           ((diff >> (F::kBits - 1 - common)) & typename F::Key(1)) == typename F::Key(0))
    {
        ++common;
    }
    if (common > length)
    {
        Aggregate<F>(keys[i] & RtmKeyOps<F>::Mask(common), common, i, j, inherited, g);
        return;
    }
    // Majority value (Boyer-Moore) among the routed prefixes of the block.
    uint32_t cand = kNone;
    uint32_t votes = 0;
    uint32_t own = 0;
    for (uint32_t k = i; k < j; ++k)
    {
        uint32_t v = m_scratch->val[k];
        if (v == kOwn)
        {
            ++own;
            continue;
        }
        if (v == kNone)
        {
            continue;
        }
        if (votes == 0)
        {
            cand = v;
            votes = 1;
        }
        else
        {
            votes += v == cand ? 1 : uint32_t(-1);
        }
    }
    uint32_t nCand = 0;
    uint32_t nInherited = 0;
    uint32_t metric = 0;
    for (uint32_t k = i; k < j; ++k)
    {
        if (m_scratch->val[k] == cand)
        {
            ++nCand;
            metric = std::max(metric, m_scratch->met[k]);
        }
        nInherited += inherited != kNone && m_scratch->val[k] == inherited ? 1 : 0;
    }
    if (cand == kNone && inherited == kNone)
    {
        return; // nothing routed here
    }
    if (inherited != kNone && nInherited + own == j - i)
    {
        return; // everything here already forwards right
    }
    uint32_t next = inherited;
    // No unrouted address in the block (a routed prefix is here, so a sum of 0 can only be the
    // whole IPv6 space wrapping around).
    bool covered = buf.cov[j] - buf.cov[i] == BlockSize<F>(length);
    if (covered && cand != kNone && cand != inherited && nCand > nInherited + 1)
    {
        buf.fresh.push_back(RtmGraphAggRoute<F>{base, length, cand, metric});
        next = cand;
    }
    // Split the block at its middle.
    typename F::Key mid = base | (typename F::Key(1) << (F::kBits - 1 - length));
    uint32_t k = static_cast<uint32_t>(std::lower_bound(keys.begin() + i, keys.begin() + j, mid) -
                                       keys.begin());
    Aggregate<F>(base, length + 1, i, k, next, g);
    Aggregate<F>(mid, length + 1, k, j, next, g);
}

template <typename F>
void
RtmGraphClient::WriteAggregated()
{
    typedef RtmGraphAggRoute<F> AggRoute;
    std::vector<AggRoute>& fresh = m_scratch->Agg<F>().fresh;
    std::vector<AggRoute>& held = Aggregated<F>();
    std::size_t a = 0;
    std::size_t b = 0;
    uint32_t cf = 0;
    RtmRouteInfo criteria;
    criteria.routeOwner = m_reg->GetEntityHandle();
    auto less = [](const AggRoute& x, const AggRoute& y) {
        return x.address < y.address || (x.address == y.address && x.length < y.length);
    };
    while (a < held.size() || b < fresh.size())
    {
        bool takeOld = b == fresh.size() || (a < held.size() && less(held[a], fresh[b]));
        bool takeNew = a == held.size() || (b < fresh.size() && less(fresh[b], held[a]));
        if (!takeOld && !takeNew)
        {
            // Same prefix: update if the contents changed.
            const AggRoute& o = held[a];
            const AggRoute& n = fresh[b];
            if (o.set != n.set || o.metric != n.metric)
            {
                RtmNetAddress prefix = RtmKeyOps<F>::ToNetAddress(n.address, n.length);
                RtmRouteHandle h;
                RtmRouteInfo c = criteria;
                FillInfo(Result{n.set, n.metric}, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
                if (m_reg->GetExactMatchRoute(prefix,
                                              RTM_MATCH_OWNER,
                                              c,
                                              0,
                                              RTM_VIEW_MASK_UCAST,
                                              &h) == RtmStatus::Success)
                {
                    cf = 0;
                    m_reg->UpdateRoute(h, m_info, RTM_INFINITE, RtmRouteListHandle(), cf);
                    ++m_lastWrites;
                }
            }
            ++a;
            ++b;
        }
        else if (takeOld)
        {
            const AggRoute& o = held[a++];
            RtmNetAddress prefix = RtmKeyOps<F>::ToNetAddress(o.address, o.length);
            RtmRouteHandle h;
            RtmRouteInfo c = criteria;
            if (m_reg->GetExactMatchRoute(prefix, RTM_MATCH_OWNER, c, 0, RTM_VIEW_MASK_UCAST, &h) ==
                RtmStatus::Success)
            {
                cf = 0;
                m_reg->DeleteRouteToDest(h, cf);
                --m_nRoutes;
                ++m_lastWrites;
            }
        }
        else
        {
            const AggRoute& n = fresh[b++];
            RtmNetAddress prefix = RtmKeyOps<F>::ToNetAddress(n.address, n.length);
            FillInfo(Result{n.set, n.metric}, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
            RtmRouteHandle h;
            cf = RTM_ROUTE_CHANGE_NEW;
            if (m_reg->AddRouteToDest(h, prefix, m_info, RTM_INFINITE, RtmRouteListHandle(), cf) ==
                RtmStatus::Success)
            {
                ++m_nRoutes;
                ++m_lastWrites;
            }
        }
    }
    held.swap(fresh);
    fresh.clear();
}

template <typename F>
void
RtmGraphClient::RecomputeAggregated(const RtmNetworkGraph& g, uint32_t vertex)
{
    const auto& prefixes = g.GetPrefixes();
    const auto& order = g.GetPrefixOrder();
    const uint32_t n = static_cast<uint32_t>(order.size());
    RtmGraphAggBuffers<F>& buf = m_scratch->Agg<F>();
    m_scratch->val.resize(n);
    m_scratch->met.resize(n);
    buf.cov.assign(n + 1, 0);
    for (uint32_t k = 0; k < n; ++k)
    {
        const auto& prefix = prefixes[order[k]];
        Result r = PrefixResult(order[k], vertex, g, m_scratch->spf, m_scratch->cacheU);
        m_scratch->val[k] = r.set;
        m_scratch->met[k] = r.metric;
        buf.cov[k + 1] = buf.cov[k] + (r.set == kNone ? 0 : BlockSize<F>(prefix.prefix.numBits));
    }
    buf.fresh.clear();
    Aggregate<F>(0, 0, 0, n, kNone, g);
    WriteAggregated<F>();
}

void
RtmGraphClient::Recompute(const RtmNetworkGraph& g, int32_t vertex, Scratch& scratch)
{
    if (!m_reg)
    {
        return;
    }
    m_scratch = &scratch;
    RtmSpfResult& spf = scratch.spf;
    RtmSpfResult& spfMcast = scratch.spfMcast;
    m_lastWrites = 0;
    const auto& prefixes = g.GetPrefixes();
    const bool separate = g.HasMulticastMetrics();
    const bool aggregate =
        m_domain && m_domain->m_aggregate && !separate && g.ArePrefixesDisjoint() && vertex >= 0;
    const Result none{kNone, 0};
    if (aggregate != m_aggregated)
    {
        WithdrawAll(g); // the representation changes: start from an empty table
    }
    std::vector<uint32_t>& cacheU = scratch.cacheU;
    std::vector<uint32_t>& cacheM = scratch.cacheM;
    cacheU.clear();
    cacheM.clear();
    const RtmNetworkGraphType& graph = g.GetGraph();
    if (vertex >= 0)
    {
        // Out-arc position -> persistent first hop.
        m_arcHop.assign(boost::out_degree(static_cast<uint32_t>(vertex), graph), 0);
        auto range = boost::out_edges(static_cast<uint32_t>(vertex), graph);
        for (auto it = range.first; it != range.second; ++it)
        {
            const RtmNetworkArc& arc = graph[*it];
            auto key = std::make_pair(arc.interface, arc.neighbour);
            auto f = m_hopIds.find(key);
            uint32_t id;
            if (f == m_hopIds.end())
            {
                id = static_cast<uint32_t>(m_hops.size());
                m_hops.push_back(Hop{arc.interface, arc.neighbour, RtmNextHopHandle()});
                m_hopIds.emplace(key, id);
            }
            else
            {
                id = f->second;
            }
            m_arcHop[arc.position] = id;
        }
        g.ShortestPaths(vertex, false, spf);
        if (separate)
        {
            g.ShortestPaths(vertex, true, spfMcast);
        }
    }
    if (aggregate)
    {
        if (m_family == RTM_AF_INET6)
        {
            RecomputeAggregated<RtmIpv6Family>(g, static_cast<uint32_t>(vertex));
        }
        else
        {
            RecomputeAggregated<RtmIpv4Family>(g, static_cast<uint32_t>(vertex));
        }
        m_aggregated = true;
        m_totalWrites += m_lastWrites;
        return;
    }
    if (m_unicast.size() < prefixes.size())
    {
        m_unicast.resize(prefixes.size(), none);
    }
    if (separate && !m_separate)
    {
        m_mcast = m_unicast; // the routes so far belong to both views
    }
    if ((separate || m_separate) && m_mcast.size() < prefixes.size())
    {
        m_mcast.resize(prefixes.size(), none);
    }
    for (uint32_t p = 0; p < prefixes.size(); ++p)
    {
        Result u = vertex >= 0 ? PrefixResult(p, vertex, g, spf, cacheU) : none;
        u = u.set == kOwn ? none : u;
        Result m = u;
        if (separate)
        {
            m = vertex >= 0 ? PrefixResult(p, vertex, g, spfMcast, cacheM) : none;
            m = m.set == kOwn ? none : m;
        }
        const Result oldU = m_unicast[p];
        const Result oldM = m_separate ? m_mcast[p] : oldU;
        if (u == oldU && m == oldM)
        {
            continue;
        }
        Write(prefixes[p].prefix, u, m, oldU, oldM);
        m_unicast[p] = u;
        if (separate)
        {
            m_mcast[p] = m;
        }
    }
    if (!separate)
    {
        std::vector<Result>().swap(m_mcast);
    }
    m_separate = separate;
    m_totalWrites += m_lastWrites;
}

} // namespace ns3
