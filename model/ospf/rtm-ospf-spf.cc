/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The intra-area SPF (RFC 2328 §16.1): the area's LSAs become a compressed sparse row graph of
 * routers and transit networks (links only where both ends list each other), Dijkstra runs once,
 * and equal-cost next hops are collected in distance order.
 */
#include "rtm-ospf-spf.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>

namespace ns3
{

void
RtmOspfMergeNextHops(RtmOspfNextHops& a, const RtmOspfNextHops& b)
{
    if (b.empty())
    {
        return;
    }
    if (a.empty())
    {
        a = b;
        return;
    }
    RtmOspfNextHops out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    a.swap(out);
}

RtmOspfPrefix
RtmOspfPrefix::FromMask(uint32_t address, uint32_t mask)
{
    RtmOspfPrefix p;
    uint8_t len = 0;
    while (len < 32 && (mask & (0x80000000u >> len)) != 0)
    {
        ++len;
    }
    p.length = len;
    p.address = address & p.Mask();
    return p;
}

uint32_t
RtmOspfPrefix::Mask() const
{
    return length == 0 ? 0u : 0xffffffffu << (32 - length);
}

std::ostream&
operator<<(std::ostream& os, const RtmOspfPrefix& p)
{
    return os << RtmOspfDotted(p.address) << "/" << uint32_t(p.length);
}

const RtmOspfSpfResult::Router*
RtmOspfSpfResult::FindRouter(uint32_t id) const
{
    auto it = std::lower_bound(
        routers.begin(),
        routers.end(),
        id,
        [](const std::pair<uint32_t, Router>& r, uint32_t x) { return r.first < x; });
    return it != routers.end() && it->first == id ? &it->second : nullptr;
}

namespace
{
/// An arc of the SPF graph.
struct Arc
{
    uint32_t from{0};     //!< tail vertex
    uint32_t to{0};       //!< head vertex
    uint32_t weight{0};   //!< cost
    uint32_t linkData{0}; //!< tail router's link data; for network tails, the head's address
    uint8_t kind{0};      //!< link type (0 for network-to-router)
};

/// Arc property of the CSR graph.
struct ArcWeight
{
    uint32_t weight{0}; //!< cost
};

typedef boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ArcWeight> Graph;

/// \return the position of \p id in the sorted \p ids, or -1
int64_t
IndexOf(const std::vector<uint32_t>& ids, uint32_t id)
{
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    return it != ids.end() && *it == id ? it - ids.begin() : -1;
}
} // namespace

RtmOspfSpfResult
RtmOspfRunSpf(const RtmOspfLsdb& lsdb, const RtmOspfSpfContext& ctx, Time now)
{
    RtmOspfSpfResult res;
    // Vertices: routers (sorted by id, as the database is), then transit networks.
    std::vector<Ptr<const RtmOspfLsa>> lsa;
    std::vector<uint32_t> routerIds;
    for (auto it = lsdb.TypeBegin(OSPF_LSA_ROUTER); it != lsdb.TypeEnd(OSPF_LSA_ROUTER); ++it)
    {
        const RtmOspfLsa& l = *it->second.lsa;
        if (l.hdr.lsid != l.hdr.advRouter || RtmOspfLsdb::Age(it->second, now) >= OSPF_MAX_AGE ||
            (!routerIds.empty() && routerIds.back() == l.hdr.advRouter))
        {
            continue;
        }
        routerIds.push_back(l.hdr.advRouter);
        lsa.push_back(it->second.lsa);
    }
    const int64_t rootPos = IndexOf(routerIds, ctx.rootId);
    if (rootPos < 0)
    {
        return res;
    }
    const uint32_t root = static_cast<uint32_t>(rootPos);
    const uint32_t nRouters = static_cast<uint32_t>(routerIds.size());
    std::vector<uint32_t> netIds;
    for (auto it = lsdb.TypeBegin(OSPF_LSA_NETWORK); it != lsdb.TypeEnd(OSPF_LSA_NETWORK); ++it)
    {
        const RtmOspfLsa& l = *it->second.lsa;
        if (RtmOspfLsdb::Age(it->second, now) >= OSPF_MAX_AGE ||
            (!netIds.empty() && netIds.back() == l.hdr.lsid))
        {
            continue;
        }
        netIds.push_back(l.hdr.lsid);
        lsa.push_back(it->second.lsa);
    }
    const uint32_t nv = static_cast<uint32_t>(lsa.size());
    auto isNet = [nRouters](uint32_t v) { return v >= nRouters; };
    // Each router's links as sorted (type, id): the back-link checks of §16.1 step 2b.
    std::vector<uint32_t> backStart(nRouters + 1, 0);
    std::vector<std::pair<uint8_t, uint32_t>> back;
    for (uint32_t r = 0; r < nRouters; ++r)
    {
        backStart[r] = static_cast<uint32_t>(back.size());
        for (const auto& link : lsa[r]->links)
        {
            back.emplace_back(link.type, link.id);
        }
        std::sort(back.begin() + backStart[r], back.end());
    }
    backStart[nRouters] = static_cast<uint32_t>(back.size());
    auto hasBack = [&](uint32_t r, uint8_t type, uint32_t id) {
        return std::binary_search(back.begin() + backStart[r],
                                  back.begin() + backStart[r + 1],
                                  std::make_pair(type, id));
    };

    std::vector<Arc> arcs;
    arcs.reserve(back.size() * 2);
    for (uint32_t r = 0; r < nRouters; ++r)
    {
        for (const auto& link : lsa[r]->links)
        {
            if (link.type == OSPF_LINK_P2P || link.type == OSPF_LINK_VIRTUAL)
            {
                int64_t x = IndexOf(routerIds, link.id);
                if (x >= 0 && x != r && hasBack(static_cast<uint32_t>(x), link.type, routerIds[r]))
                {
                    arcs.push_back(
                        Arc{r, static_cast<uint32_t>(x), link.metric, link.data, link.type});
                }
            }
            else if (link.type == OSPF_LINK_TRANSIT)
            {
                int64_t x = IndexOf(netIds, link.id);
                if (x >= 0)
                {
                    const auto& att = lsa[nRouters + x]->attached;
                    if (std::find(att.begin(), att.end(), routerIds[r]) != att.end())
                    {
                        arcs.push_back(Arc{r,
                                           static_cast<uint32_t>(nRouters + x),
                                           link.metric,
                                           link.data,
                                           link.type});
                    }
                }
            }
        }
    }
    for (uint32_t v = nRouters; v < nv; ++v)
    {
        uint32_t id = netIds[v - nRouters];
        for (uint32_t a : lsa[v]->attached)
        {
            int64_t x = IndexOf(routerIds, a);
            if (x < 0)
            {
                continue;
            }
            // The router's transit link to this network gives its address on it.
            for (const auto& link : lsa[x]->links)
            {
                if (link.type == OSPF_LINK_TRANSIT && link.id == id)
                {
                    arcs.push_back(Arc{v, static_cast<uint32_t>(x), 0, link.data, 0});
                    break;
                }
            }
        }
    }
    res.vertices = nv;
    res.arcs = static_cast<uint32_t>(arcs.size());

    // Distances with Boost.Graph's Dijkstra over a compressed sparse row graph.
    std::vector<std::pair<uint32_t, uint32_t>> ends;
    std::vector<ArcWeight> weights;
    ends.reserve(arcs.size());
    weights.reserve(arcs.size());
    for (const auto& a : arcs)
    {
        ends.emplace_back(a.from, a.to);
        weights.push_back(ArcWeight{a.weight});
    }
    Graph g(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), weights.begin(), nv);
    const uint32_t inf = std::numeric_limits<uint32_t>::max();
    std::vector<uint32_t> dist(nv, inf);
    boost::dijkstra_shortest_paths(
        g,
        root,
        boost::weight_map(boost::get(&ArcWeight::weight, g))
            .distance_map(
                boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
            .distance_inf(inf));

    // Next hops over the shortest-path DAG, in topological order (networks before routers at
    // equal distance).
    std::vector<uint32_t> inStart(nv + 1, 0);
    for (const auto& a : arcs)
    {
        ++inStart[a.to + 1];
    }
    for (uint32_t v = 0; v < nv; ++v)
    {
        inStart[v + 1] += inStart[v];
    }
    std::vector<uint32_t> in(arcs.size());
    {
        std::vector<uint32_t> fill(inStart.begin(), inStart.end() - 1);
        for (uint32_t k = 0; k < arcs.size(); ++k)
        {
            in[fill[arcs[k].to]++] = k;
        }
    }
    std::vector<uint32_t> order;
    order.reserve(nv);
    for (uint32_t v = 0; v < nv; ++v)
    {
        if (dist[v] != inf && v != root)
        {
            order.push_back(v);
        }
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        if (dist[a] != dist[b])
        {
            return dist[a] < dist[b];
        }
        if (isNet(a) != isNet(b))
        {
            return isNet(a);
        }
        return a < b;
    });
    std::vector<RtmOspfNextHops> nh(nv);
    for (uint32_t v : order)
    {
        for (uint32_t i = inStart[v]; i < inStart[v + 1]; ++i)
        {
            const Arc& a = arcs[in[i]];
            if (dist[a.from] == inf || uint64_t(dist[a.from]) + a.weight != dist[v])
            {
                continue;
            }
            RtmOspfNextHops add;
            if (a.from == root)
            {
                if (a.kind == OSPF_LINK_VIRTUAL)
                {
                    add = ctx.virtualNextHops(routerIds[v]);
                }
                else
                {
                    uint32_t itf = ctx.ifOfAddress(a.linkData);
                    if (itf == 0)
                    {
                        continue;
                    }
                    if (a.kind == OSPF_LINK_P2P)
                    {
                        uint32_t gw = ctx.neighborAddress(itf, routerIds[v]);
                        if (gw == 0)
                        {
                            continue;
                        }
                        add.push_back(RtmOspfNextHop{itf, gw});
                    }
                    else
                    {
                        add.push_back(RtmOspfNextHop{itf, 0});
                    }
                }
            }
            else if (isNet(a.from))
            {
                for (const auto& h : nh[a.from])
                {
                    add.push_back(h.gateway == 0 ? RtmOspfNextHop{h.ifIndex, a.linkData} : h);
                }
                std::sort(add.begin(), add.end());
                add.erase(std::unique(add.begin(), add.end()), add.end());
            }
            else
            {
                RtmOspfMergeNextHops(nh[v], nh[a.from]);
                continue;
            }
            RtmOspfMergeNextHops(nh[v], add);
        }
    }

    // Routers, transit networks, then the stub networks of every reachable router.
    std::vector<std::pair<RtmOspfPrefix, RtmOspfSpfResult::Network>> nets;
    const RtmOspfNextHops attached{RtmOspfNextHop{0, 0}};
    for (uint32_t v = 0; v < nv; ++v)
    {
        if (dist[v] == inf)
        {
            continue;
        }
        const RtmOspfLsa& l = *lsa[v];
        if (isNet(v))
        {
            if (!nh[v].empty())
            {
                nets.emplace_back(RtmOspfPrefix::FromMask(l.hdr.lsid, l.mask),
                                  RtmOspfSpfResult::Network{dist[v], nh[v]});
            }
            continue;
        }
        if ((l.rtrFlags & OSPF_RTR_V) != 0)
        {
            res.transitCapability = true;
        }
        if (v != root)
        {
            if (nh[v].empty())
            {
                continue; // reachable only through links we cannot use yet
            }
            res.routers.emplace_back(routerIds[v],
                                     RtmOspfSpfResult::Router{dist[v], nh[v], l.rtrFlags, lsa[v]});
        }
        for (const auto& link : l.links)
        {
            if (link.type == OSPF_LINK_STUB)
            {
                nets.emplace_back(
                    RtmOspfPrefix::FromMask(link.id, link.data),
                    RtmOspfSpfResult::Network{dist[v] + link.metric, v == root ? attached : nh[v]});
            }
        }
    }
    // One entry per prefix: the least cost, with the next hops of every path at that cost.
    std::sort(nets.begin(), nets.end(), [](const auto& a, const auto& b) {
        return a.first < b.first || (a.first == b.first && a.second.cost < b.second.cost);
    });
    for (auto& n : nets)
    {
        if (!res.networks.empty() && res.networks.back().first == n.first)
        {
            if (res.networks.back().second.cost == n.second.cost)
            {
                RtmOspfMergeNextHops(res.networks.back().second.nh, n.second.nh);
            }
            continue;
        }
        res.networks.push_back(std::move(n));
    }
    return res;
}

} // namespace ns3
