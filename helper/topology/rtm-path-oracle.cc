/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPathOracle: all-pairs shortest-path distances and next-hop sets (see the header).
 */
#include "rtm-path-oracle.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>
#include <numeric>

namespace ns3
{

RtmPathOracle::RtmPathOracle(const RtmTopologyGraph& g, Metric metric)
    : m_g(g),
      m_metric(metric),
      m_dist(boost::num_vertices(g)),
      m_pred(boost::num_vertices(g))
{
}

RtmPathOracle::Metric
RtmPathOracle::GetMetric() const
{
    return m_metric;
}

void
RtmPathOracle::Row(uint32_t s)
{
    if (!m_dist[s].empty())
    {
        return;
    }
    const std::size_t n = boost::num_vertices(m_g);
    std::vector<uint64_t>& dist = m_dist[s];
    std::vector<uint32_t>& pred = m_pred[s];
    dist.assign(n, kUnreachable);
    pred.resize(n);
    std::iota(pred.begin(), pred.end(), 0);
    auto index = boost::get(boost::vertex_index, m_g);
    auto dmap = boost::make_iterator_property_map(dist.begin(), index);
    auto pmap = boost::make_iterator_property_map(pred.begin(), index);
    if (m_metric == HOPS)
    {
        auto one = boost::make_static_property_map<RtmTopologyGraph::edge_descriptor, uint32_t>(1);
        boost::dijkstra_shortest_paths(m_g,
                                       s,
                                       boost::weight_map(one)
                                           .distance_map(dmap)
                                           .predecessor_map(pmap)
                                           .distance_inf(kUnreachable)
                                           .distance_zero(uint64_t(0)));
    }
    else
    {
        boost::dijkstra_shortest_paths(m_g,
                                       s,
                                       boost::weight_map(boost::get(&RtmTopologyEdge::weight, m_g))
                                           .distance_map(dmap)
                                           .predecessor_map(pmap)
                                           .distance_inf(kUnreachable)
                                           .distance_zero(uint64_t(0)));
    }
}

uint64_t
RtmPathOracle::Distance(uint32_t s, uint32_t t)
{
    Row(s);
    return m_dist[s][t];
}

uint64_t
RtmPathOracle::LinkCost(uint32_t u, uint32_t v) const
{
    uint64_t best = kUnreachable;
    auto range = boost::out_edges(u, m_g);
    for (auto it = range.first; it != range.second; ++it)
    {
        if (boost::target(*it, m_g) == v && u != v)
        {
            best = std::min<uint64_t>(best, m_metric == HOPS ? 1 : m_g[*it].weight);
        }
    }
    return best;
}

std::vector<uint32_t>
RtmPathOracle::Path(uint32_t s, uint32_t t)
{
    Row(s);
    std::vector<uint32_t> path;
    if (m_dist[s][t] == kUnreachable)
    {
        return path;
    }
    for (uint32_t v = t; v != s; v = m_pred[s][v])
    {
        path.push_back(v);
    }
    path.push_back(s);
    std::reverse(path.begin(), path.end());
    return path;
}

bool
RtmPathOracle::IsShortestPath(const std::vector<uint32_t>& path, uint64_t cost)
{
    if (path.empty())
    {
        return false;
    }
    uint64_t sum = 0;
    for (std::size_t i = 1; i < path.size(); ++i)
    {
        uint64_t c = LinkCost(path[i - 1], path[i]);
        if (c == kUnreachable)
        {
            return false;
        }
        sum += c;
    }
    if (cost != kUnreachable)
    {
        sum = cost;
    }
    return sum == Distance(path.front(), path.back());
}

uint64_t
RtmPathOracle::CountShortestPaths(uint32_t s, uint32_t t)
{
    Row(s);
    const std::vector<uint64_t>& d = m_dist[s];
    if (d[t] == kUnreachable)
    {
        return 0;
    }
    // Count over the shortest-path DAG (links of equal weight in parallel are distinct paths).
    std::vector<uint32_t> order(d.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&d](uint32_t a, uint32_t b) {
        return d[a] < d[b];
    });
    std::vector<uint64_t> count(d.size(), 0);
    count[s] = 1;
    const uint64_t cap = uint64_t(1) << 63;
    for (uint32_t u : order)
    {
        if (d[u] == kUnreachable || count[u] == 0)
        {
            continue;
        }
        auto range = boost::out_edges(u, m_g);
        for (auto it = range.first; it != range.second; ++it)
        {
            uint32_t v = static_cast<uint32_t>(boost::target(*it, m_g));
            uint64_t w = m_metric == HOPS ? 1 : m_g[*it].weight;
            if (v != u && d[u] + w == d[v])
            {
                count[v] = std::min(cap, count[v] + count[u]);
            }
        }
    }
    return count[t];
}

} // namespace ns3
