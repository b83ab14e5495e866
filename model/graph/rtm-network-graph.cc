/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmNetworkGraph: building the compressed graph of routers, links and prefixes from the nodes'
 * interfaces, and the shortest-path computations (see rtm-network-graph.h).
 */
#include "rtm-network-graph.h"

#include "ns3/channel.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/net-device.h"
#include "ns3/rtm-router.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/graphviz.hpp>
#include <functional>
#include <iterator>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmNetworkGraph");

namespace
{
/// \return a hash of the positions [b, e)
uint32_t
HashSet(const uint32_t* b, const uint32_t* e)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ static_cast<uint64_t>(e - b);
    for (; b != e; ++b)
    {
        h = (h ^ *b) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 29;
    }
    return static_cast<uint32_t>(h ^ (h >> 32));
}
} // namespace

void
RtmSpfResult::ClearSets()
{
    m_setStart.assign(1, 0);
    m_setData.clear();
    std::fill(m_slots.begin(), m_slots.end(), 0);
}

uint32_t
RtmSpfResult::Intern(const uint32_t* begin, const uint32_t* end)
{
    const uint32_t n = GetNSets();
    if (m_slots.size() < 2 * (n + 1))
    {
        // Grow the index (a power of two, at least twice the sets) and re-insert every set.
        std::size_t size = std::max<std::size_t>(16, m_slots.size());
        while (size < 2 * (n + 1))
        {
            size *= 2;
        }
        m_slots.assign(size, 0);
        for (uint32_t id = 0; id < n; ++id)
        {
            auto set = GetSet(id);
            std::size_t k = HashSet(set.first, set.second) & (size - 1);
            while (m_slots[k] != 0)
            {
                k = (k + 1) & (size - 1);
            }
            m_slots[k] = id + 1;
        }
    }
    const std::size_t mask = m_slots.size() - 1;
    std::size_t k = HashSet(begin, end) & mask;
    for (; m_slots[k] != 0; k = (k + 1) & mask)
    {
        auto set = GetSet(m_slots[k] - 1);
        if (std::equal(begin, end, set.first, set.second))
        {
            return m_slots[k] - 1;
        }
    }
    m_slots[k] = n + 1;
    m_setData.insert(m_setData.end(), begin, end);
    m_setStart.push_back(static_cast<uint32_t>(m_setData.size()));
    return n;
}

uint32_t
RtmSpfResult::Union(uint32_t a, uint32_t b)
{
    auto x = GetSet(a);
    auto y = GetSet(b);
    m_merged.clear();
    std::set_union(x.first, x.second, y.first, y.second, std::back_inserter(m_merged));
    return Intern(m_merged.data(), m_merged.data() + m_merged.size());
}

RtmNetworkGraph::RtmNetworkGraph() = default;

namespace
{
/// Order of vertices: (node id, instance).
bool
VertexLess(const std::pair<Ptr<Node>, uint16_t>& a, const std::pair<uint32_t, uint16_t>& b)
{
    uint32_t ia = a.first->GetId();
    return ia < b.first || (ia == b.first && a.second < b.second);
}

/// Dijkstra visitor recording the arc that last improved each vertex (its tree arc).
class ParentRecorder : public boost::default_dijkstra_visitor
{
  public:
    /**
     * \param parent tree arc per vertex
     * \param has whether the vertex has one
     */
    ParentRecorder(std::vector<RtmNetworkGraphType::edge_descriptor>* parent,
                   std::vector<bool>* has)
        : m_parent(parent),
          m_has(has)
    {
    }

    /// An arc improved its head.
    template <typename E, typename G>
    void edge_relaxed(E e, const G& g)
    {
        auto v = boost::target(e, g);
        (*m_parent)[v] = e;
        (*m_has)[v] = true;
    }

  private:
    std::vector<RtmNetworkGraphType::edge_descriptor>* m_parent; //!< tree arcs
    std::vector<bool>* m_has;                                    //!< has a tree arc
};

/// Graphviz writer of vertices.
class VertexWriter
{
  public:
    /// \param g the graph
    explicit VertexWriter(const RtmNetworkGraphType& g)
        : m_g(g)
    {
    }

    /// Write the attributes of \p v.
    template <typename V>
    void operator()(std::ostream& os, V v) const
    {
        os << "[label=\"" << m_g[v].node->GetId() << "/" << m_g[v].instance << "\"]";
    }

  private:
    const RtmNetworkGraphType& m_g; //!< the graph
};

/// Graphviz writer of arcs.
class ArcWriter
{
  public:
    /// \param g the graph
    explicit ArcWriter(const RtmNetworkGraphType& g)
        : m_g(g)
    {
    }

    /// Write the attributes of \p e.
    template <typename E>
    void operator()(std::ostream& os, E e) const
    {
        const RtmNetworkArc& a = m_g[e];
        os << "[label=\"if" << a.interface << " w" << a.metric;
        if (a.mcastMetric != a.metric)
        {
            os << " m" << a.mcastMetric;
        }
        os << "\",weight=" << a.metric << "]";
    }

  private:
    const RtmNetworkGraphType& m_g; //!< the graph
};
} // namespace

void
RtmNetworkGraph::AddVertex(Ptr<Node> node, uint16_t instance)
{
    auto key = std::make_pair(node->GetId(), instance);
    auto it = std::lower_bound(m_vertices.begin(), m_vertices.end(), key, VertexLess);
    if (it != m_vertices.end() && it->first->GetId() == key.first && it->second == instance)
    {
        return;
    }
    m_vertices.insert(it, std::make_pair(node, instance));
}

void
RtmNetworkGraph::RemoveVertex(Ptr<Node> node, uint16_t instance)
{
    int32_t v = FindVertex(node->GetId(), instance);
    if (v >= 0)
    {
        m_vertices.erase(m_vertices.begin() + v);
    }
}

uint32_t
RtmNetworkGraph::GetNVertices() const
{
    return static_cast<uint32_t>(m_vertices.size());
}

int32_t
RtmNetworkGraph::FindVertex(uint32_t nodeId, uint16_t instance) const
{
    auto key = std::make_pair(nodeId, instance);
    auto it = std::lower_bound(m_vertices.begin(), m_vertices.end(), key, VertexLess);
    if (it != m_vertices.end() && it->first->GetId() == nodeId && it->second == instance)
    {
        return static_cast<int32_t>(it - m_vertices.begin());
    }
    return -1;
}

void
RtmNetworkGraph::SetPrefixMode(PrefixMode mode)
{
    m_mode = mode;
}

RtmNetworkGraph::PrefixMode
RtmNetworkGraph::GetPrefixMode() const
{
    return m_mode;
}

void
RtmNetworkGraph::SetMulticastMetric(uint32_t nodeId, uint32_t interface, uint32_t metric)
{
    m_mcastMetric[std::make_pair(nodeId, interface)] = std::max<uint32_t>(metric, 1);
}

bool
RtmNetworkGraph::HasMulticastMetrics() const
{
    return !m_mcastMetric.empty();
}

const RtmNetworkGraphType&
RtmNetworkGraph::GetGraph() const
{
    return m_graph;
}

const std::vector<RtmNetworkGraph::Prefix>&
RtmNetworkGraph::GetPrefixes() const
{
    return m_prefixes;
}

const std::vector<uint32_t>&
RtmNetworkGraph::GetPrefixOrder() const
{
    return m_order;
}

bool
RtmNetworkGraph::ArePrefixesDisjoint() const
{
    return m_disjoint;
}

void
RtmNetworkGraph::Attach(const RtmNetAddress& prefix, uint32_t v)
{
    auto it = m_prefixIndex.find(prefix);
    uint32_t index;
    if (it == m_prefixIndex.end())
    {
        index = static_cast<uint32_t>(m_prefixes.size());
        m_prefixes.push_back(Prefix{prefix, {}});
        m_prefixIndex.emplace(prefix, index);
    }
    else
    {
        index = it->second;
    }
    std::vector<uint32_t>& vs = m_prefixes[index].vertices;
    // Vertices are visited in ascending order, so the list stays sorted.
    if (vs.empty() || vs.back() != v)
    {
        vs.push_back(v);
    }
}

void
RtmNetworkGraph::SetFamily(uint16_t family)
{
    m_family = family == RTM_AF_INET6 ? RTM_AF_INET6 : RTM_AF_INET;
}

uint16_t
RtmNetworkGraph::GetFamily() const
{
    return m_family;
}

namespace
{
/// NeighbourAddress for the stack \p S.
template <typename S>
RtmNetAddress
NeighbourAddressWith(const Ptr<typename S::Ip>& mine,
                     uint32_t myIf,
                     const Ptr<typename S::Ip>& theirs,
                     uint32_t theirIf)
{
    RtmNetAddress first;
    RtmNetAddress linkLocal;
    for (uint32_t x = 0; x < theirs->GetNAddresses(theirIf); ++x)
    {
        RtmIfAddress cand = S::GetAddress(theirs, theirIf, x);
        if (cand.unspecified)
        {
            continue;
        }
        if (first.addressFamily == 0)
        {
            first = cand.local;
        }
        if (cand.linkLocal)
        {
            linkLocal = linkLocal.addressFamily == 0 ? cand.local : linkLocal;
            continue;
        }
        for (uint32_t y = 0; y < mine->GetNAddresses(myIf); ++y)
        {
            RtmIfAddress own = S::GetAddress(mine, myIf, y);
            if (own.IsRoutable() && own.Subnet().Covers(cand.local))
            {
                return cand.local;
            }
        }
    }
    return linkLocal.addressFamily != 0 ? linkLocal : first;
}
} // namespace

RtmNetAddress
RtmNetworkGraph::NeighbourAddress(uint16_t family,
                                  Ptr<Node> mine,
                                  uint32_t myIf,
                                  Ptr<Node> theirs,
                                  uint32_t theirIf)
{
    return RtmWithIpStack(family, [&](auto stack) {
        typedef decltype(stack) S;
        auto a = mine->GetObject<typename S::Ip>();
        auto b = theirs->GetObject<typename S::Ip>();
        if (!a || !b || myIf >= a->GetNInterfaces() || theirIf >= b->GetNInterfaces())
        {
            return RtmNetAddress();
        }
        return NeighbourAddressWith<S>(a, myIf, b, theirIf);
    });
}

void
RtmNetworkGraph::Build()
{
    RtmWithIpStack(m_family, [this](auto stack) { BuildWith(stack); });
}

template <typename S>
void
RtmNetworkGraph::BuildWith(S)
{
    typedef typename S::Ip Ip;
    for (auto& p : m_prefixes)
    {
        p.vertices.clear();
    }
    std::vector<std::pair<uint32_t, uint32_t>> ends;
    std::vector<RtmNetworkArc> arcs;
    std::vector<RtmNetAddress> hosts;
    const uint16_t fullLength = S::Family::kBits;
    for (uint32_t v = 0; v < m_vertices.size(); ++v)
    {
        Ptr<Node> node = m_vertices[v].first;
        uint16_t instance = m_vertices[v].second;
        Ptr<Ip> ip = node->GetObject<Ip>();
        if (!ip)
        {
            continue;
        }
        Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
        bool routerAddress = false;
        hosts.clear();
        uint32_t position = 0;
        for (uint32_t i = 0; i < ip->GetNInterfaces(); ++i)
        {
            Ptr<NetDevice> dev = ip->GetNetDevice(i);
            uint16_t owner = router && dev ? router->GetInstanceOfDevice(dev->GetIfIndex()) : 0;
            if (owner != instance || !ip->IsUp(i))
            {
                continue;
            }
            bool loopback = DynamicCast<LoopbackNetDevice>(dev) != nullptr;
            for (uint32_t j = 0; j < ip->GetNAddresses(i); ++j)
            {
                RtmIfAddress a = S::GetAddress(ip, i, j);
                if (!a.IsRoutable())
                {
                    continue; // unspecified, loopback net, link-local
                }
                if (loopback)
                {
                    if (m_mode != PREFIXES_LINKS)
                    {
                        RtmNetAddress host = a.local;
                        Attach(host, v);
                        routerAddress = true;
                    }
                    continue;
                }
                if (a.length == fullLength || m_mode == PREFIXES_ROUTERS)
                {
                    hosts.push_back(a.local);
                }
                else
                {
                    Attach(a.Subnet(), v);
                }
            }
            if (loopback || !dev)
            {
                continue;
            }
            Ptr<Channel> ch = dev->GetChannel();
            if (!ch || ip->GetNAddresses(i) == 0)
            {
                continue;
            }
            uint32_t metric = std::max<uint32_t>(ip->GetMetric(i), 1);
            auto mm = m_mcastMetric.find(std::make_pair(node->GetId(), i));
            uint32_t mcastMetric = mm != m_mcastMetric.end() ? mm->second : metric;
            for (std::size_t k = 0; k < ch->GetNDevices(); ++k)
            {
                Ptr<NetDevice> d2 = ch->GetDevice(k);
                if (!d2 || d2 == dev || !d2->GetNode())
                {
                    continue;
                }
                Ptr<Node> n2 = d2->GetNode();
                Ptr<RtmRouter> r2 = n2->GetObject<RtmRouter>();
                uint16_t i2inst = r2 ? r2->GetInstanceOfDevice(d2->GetIfIndex()) : 0;
                int32_t w = FindVertex(n2->GetId(), i2inst);
                Ptr<Ip> ipb = n2->GetObject<Ip>();
                if (w < 0 || !ipb)
                {
                    continue;
                }
                int32_t i2 = ipb->GetInterfaceForDevice(d2);
                if (i2 < 0 || !ipb->IsUp(i2) || ipb->GetNAddresses(i2) == 0)
                {
                    continue;
                }
                RtmNetworkArc arc;
                arc.interface = i;
                arc.neighbourInterface = static_cast<uint32_t>(i2);
                arc.neighbour = NeighbourAddressWith<S>(ip, i, ipb, static_cast<uint32_t>(i2));
                arc.metric = metric;
                arc.mcastMetric = mcastMetric;
                arc.position = position++;
                ends.emplace_back(v, static_cast<uint32_t>(w));
                arcs.push_back(arc);
            }
        }
        if (m_mode != PREFIXES_ROUTERS || !routerAddress)
        {
            for (const auto& h : hosts)
            {
                Attach(h, v);
            }
        }
    }
    // The arcs were made in tail order; the CSR construction keeps that order per tail.
    m_graph = RtmNetworkGraphType(boost::edges_are_unsorted_multi_pass,
                                  ends.begin(),
                                  ends.end(),
                                  arcs.begin(),
                                  static_cast<uint32_t>(m_vertices.size()));
    for (uint32_t v = 0; v < m_vertices.size(); ++v)
    {
        m_graph[v] = RtmNetworkVertex{m_vertices[v].first, m_vertices[v].second};
    }
    m_attachedStart.assign(1, 0);
    m_attached.clear();
    for (const auto& p : m_prefixes)
    {
        m_attached.insert(m_attached.end(), p.vertices.begin(), p.vertices.end());
        m_attachedStart.push_back(static_cast<uint32_t>(m_attached.size()));
    }
    OrderPrefixes<typename S::Family>();
}

template <typename F>
void
RtmNetworkGraph::OrderPrefixes()
{
    // Address order (the prefix index map is sorted by family, address, then length). Sorted by
    // address, a prefix overlaps an earlier one exactly when it starts at or before the last
    // address any earlier prefix covers.
    typedef RtmKeyOps<F> Ops;
    m_order.clear();
    m_orderKey4.clear();
    m_orderKey6.clear();
    std::vector<typename F::Key> keys;
    m_disjoint = true;
    typename F::Key last = 0; // last address covered by the prefixes so far
    for (const auto& kv : m_prefixIndex)
    {
        if (kv.first.addressFamily != F::kAf)
        {
            continue;
        }
        typename F::Key lo = Ops::FromNetAddress(kv.first);
        if (!m_order.empty() && lo <= last)
        {
            m_disjoint = false;
        }
        typename F::Key hi = lo | static_cast<typename F::Key>(~Ops::Mask(kv.first.numBits));
        last = m_order.empty() ? hi : std::max(last, hi);
        m_order.push_back(kv.second);
        keys.push_back(lo);
    }
    if constexpr (F::kBits == 32)
    {
        m_orderKey4.swap(keys);
    }
    else
    {
        m_orderKey6.swap(keys);
    }
}

void
RtmNetworkGraph::ShortestPaths(uint32_t source, bool multicast, RtmSpfResult& r) const
{
    const uint32_t n = static_cast<uint32_t>(boost::num_vertices(m_graph));
    r.distance.assign(n, RtmSpfResult::kInfinity);
    r.firstHops.assign(n, RtmSpfResult::kNoSet);
    r.ClearSets();
    r.order.clear();
    r.heap.clear();
    if (source >= n)
    {
        return;
    }
    r.singleton.assign(boost::out_degree(source, m_graph), RtmSpfResult::kNoSet);
    auto weight = [multicast](const RtmNetworkArc& arc) -> uint64_t {
        return multicast ? arc.mcastMetric : arc.metric;
    };
    // A min-heap of (distance, vertex); an entry whose distance is above the vertex's is stale.
    auto later = std::greater<std::pair<uint64_t, uint32_t>>();
    r.distance[source] = 0;
    r.heap.emplace_back(0, source);
    while (!r.heap.empty())
    {
        std::pop_heap(r.heap.begin(), r.heap.end(), later);
        const auto [d, v] = r.heap.back();
        r.heap.pop_back();
        if (d != r.distance[v])
        {
            continue; // stale
        }
        r.order.push_back(v);
        if (v != source)
        {
            // Its first hops: the union of its tight predecessors' (settled before it).
            uint32_t cur = RtmSpfResult::kNoSet;
            auto in = boost::in_edges(v, m_graph);
            for (auto it = in.first; it != in.second; ++it)
            {
                uint32_t p = static_cast<uint32_t>(boost::source(*it, m_graph));
                const RtmNetworkArc& arc = m_graph[*it];
                if (r.distance[p] == RtmSpfResult::kInfinity || r.distance[p] + weight(arc) != d)
                {
                    continue;
                }
                uint32_t s;
                if (p == source)
                {
                    uint32_t& slot = r.singleton[arc.position];
                    if (slot == RtmSpfResult::kNoSet)
                    {
                        slot = r.Intern(&arc.position, &arc.position + 1);
                    }
                    s = slot;
                }
                else
                {
                    s = r.firstHops[p];
                }
                if (s == RtmSpfResult::kNoSet || s == cur)
                {
                    continue;
                }
                cur = cur == RtmSpfResult::kNoSet ? s : r.Union(cur, s);
            }
            r.firstHops[v] = cur;
        }
        auto out = boost::out_edges(v, m_graph);
        for (auto it = out.first; it != out.second; ++it)
        {
            uint32_t t = static_cast<uint32_t>(boost::target(*it, m_graph));
            uint64_t nd = d + weight(m_graph[*it]);
            if (nd < r.distance[t])
            {
                r.distance[t] = nd;
                r.heap.emplace_back(nd, t);
                std::push_heap(r.heap.begin(), r.heap.end(), later);
            }
        }
    }
}

void
RtmNetworkGraph::ShortestPathTree(uint32_t source,
                                  bool multicast,
                                  std::vector<uint64_t>& distance,
                                  std::vector<RtmNetworkGraphType::edge_descriptor>& parentArc,
                                  std::vector<bool>& hasParent) const
{
    const uint32_t n = static_cast<uint32_t>(boost::num_vertices(m_graph));
    distance.assign(n, RtmSpfResult::kInfinity);
    parentArc.assign(n, RtmNetworkGraphType::edge_descriptor());
    hasParent.assign(n, false);
    if (source >= n)
    {
        return;
    }
    auto index = boost::get(boost::vertex_index, m_graph);
    auto dist = boost::make_iterator_property_map(distance.begin(), index);
    ParentRecorder vis(&parentArc, &hasParent);
    auto weights = multicast ? boost::get(&RtmNetworkArc::mcastMetric, m_graph)
                             : boost::get(&RtmNetworkArc::metric, m_graph);
    boost::dijkstra_shortest_paths(m_graph,
                                   source,
                                   boost::weight_map(weights)
                                       .distance_map(dist)
                                       .distance_inf(RtmSpfResult::kInfinity)
                                       .distance_zero(uint64_t(0))
                                       .visitor(vis));
    hasParent[source] = false;
}

void
RtmNetworkGraph::WriteGraphviz(std::ostream& os) const
{
    boost::write_graphviz(os, m_graph, VertexWriter(m_graph), ArcWriter(m_graph));
}

} // namespace ns3
