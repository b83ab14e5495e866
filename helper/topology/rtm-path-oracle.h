/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmPathOracle: the expected shortest paths of a topology (Boost.Graph Dijkstra on its graph),
 * by weights or hop counts, with every equal-cost next hop.
 */
#ifndef RTM_PATH_ORACLE_H
#define RTM_PATH_ORACLE_H

#include "rtm-topology-helper.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The expected shortest paths of a topology, computed with Boost.Graph's Dijkstra on the
 * topology graph: hop count (what RIP computes) or link weights (what the link-state client
 * computes). Rows are computed on first use, one Dijkstra per source, and kept.
 *
 * Every shortest path counts as right (ECMP alternatives are equal); a pair with no path is
 * "no route". Parallel links count with their smallest weight.
 */
class RtmPathOracle
{
  public:
    /// What a path costs.
    enum Metric
    {
        HOPS = 0,    //!< one per link
        WEIGHTS = 1, //!< the link weights
    };

    static constexpr uint64_t kUnreachable = UINT64_MAX; //!< no path

    /**
     * \param g the topology graph (must outlive the oracle)
     * \param metric hop count or weights
     */
    RtmPathOracle(const RtmTopologyGraph& g, Metric metric);

    /// \return the metric
    Metric GetMetric() const;

    /// \return the shortest distance from \p s to \p t, or kUnreachable
    uint64_t Distance(uint32_t s, uint32_t t);

    /// \return the cost of the cheapest link between \p u and \p v, or kUnreachable if none
    uint64_t LinkCost(uint32_t u, uint32_t v) const;

    /// \return one shortest path from \p s to \p t (vertices, both ends included), empty if none
    std::vector<uint32_t> Path(uint32_t s, uint32_t t);

    /**
     * \brief Is \p path (vertices from s to t) a shortest path: consecutive vertices adjacent
     * and the total cost the shortest distance?
     * \param path the vertices
     * \param cost the path's cost as travelled (the links actually taken), or kUnreachable to use
     * the cheapest link of each step
     * \return true if it is a shortest path
     */
    bool IsShortestPath(const std::vector<uint32_t>& path, uint64_t cost = kUnreachable);

    /// \return the number of distinct shortest paths from \p s to \p t (saturates at 2^63)
    uint64_t CountShortestPaths(uint32_t s, uint32_t t);

  private:
    /// Compute row \p s if needed.
    void Row(uint32_t s);

    const RtmTopologyGraph& m_g;               //!< the graph
    Metric m_metric;                           //!< metric
    std::vector<std::vector<uint64_t>> m_dist; //!< rows (empty: not computed)
    std::vector<std::vector<uint32_t>> m_pred; //!< predecessor rows
};

} // namespace ns3

#endif /* RTM_PATH_ORACLE_H */
