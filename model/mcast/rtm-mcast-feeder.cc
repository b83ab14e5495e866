/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmMcastFeeder: shortest-path trees over the network graph turned into multicast forwarding
 * entries and multicast-view routes (see rtm-mcast-feeder.h).
 */
#include "rtm-mcast-feeder.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmMcastFeeder");
NS_OBJECT_ENSURE_REGISTERED(RtmMcastFeeder);

uint32_t
RtmMcastTree::GetNLinks() const
{
    uint32_t n = 0;
    for (const auto& t : nodes)
    {
        n += t.isSource ? 0 : 1;
    }
    return n;
}

bool
RtmComputeMcastTree(const RtmNetworkGraph& g,
                    uint32_t sourceVertex,
                    const std::vector<uint32_t>& receivers,
                    bool multicastWeights,
                    RtmMcastTree& tree)
{
    const RtmNetworkGraphType& graph = g.GetGraph();
    const uint32_t n = static_cast<uint32_t>(boost::num_vertices(graph));
    tree.nodes.clear();
    tree.unreachable.clear();
    if (sourceVertex >= n)
    {
        return false;
    }
    std::vector<uint64_t> dist;
    std::vector<RtmNetworkGraphType::edge_descriptor> parent;
    std::vector<bool> hasParent;
    g.ShortestPathTree(sourceVertex, multicastWeights, dist, parent, hasParent);
    // Mark the tree: the union of the paths from the source to each reachable receiver.
    std::vector<int32_t> slot(n, -1);
    std::vector<bool> receiver(n, false);
    std::vector<uint32_t> members;
    auto join = [&](uint32_t v) {
        if (slot[v] < 0)
        {
            slot[v] = 0;
            members.push_back(v);
            return true;
        }
        return false;
    };
    join(sourceVertex);
    for (uint32_t r : receivers)
    {
        if (r >= n)
        {
            continue;
        }
        if (dist[r] == RtmSpfResult::kInfinity)
        {
            tree.unreachable.push_back(r);
            continue;
        }
        receiver[r] = true;
        for (uint32_t v = r; v != sourceVertex && join(v);)
        {
            v = static_cast<uint32_t>(boost::source(parent[v], graph));
        }
    }
    std::sort(members.begin(), members.end());
    for (uint32_t v : members)
    {
        slot[v] = static_cast<int32_t>(tree.nodes.size());
        RtmMcastTreeNode t;
        t.vertex = v;
        t.node = graph[v].node;
        t.instance = graph[v].instance;
        t.isSource = v == sourceVertex;
        t.isReceiver = receiver[v];
        t.cost = dist[v];
        tree.nodes.push_back(t);
    }
    for (auto& t : tree.nodes)
    {
        if (t.isSource)
        {
            continue;
        }
        const RtmNetworkArc& arc = graph[parent[t.vertex]];
        uint32_t up = static_cast<uint32_t>(boost::source(parent[t.vertex], graph));
        t.rpfInterface = arc.neighbourInterface;
        // The parent's address on the tree link, as a gateway from here.
        t.rpfNeighbour = RtmNetworkGraph::NeighbourAddress(g.GetFamily(),
                                                           t.node,
                                                           arc.neighbourInterface,
                                                           graph[up].node,
                                                           arc.interface);
        tree.nodes[slot[up]].outputs.push_back(arc.interface);
    }
    for (auto& t : tree.nodes)
    {
        std::sort(t.outputs.begin(), t.outputs.end());
        t.outputs.erase(std::unique(t.outputs.begin(), t.outputs.end()), t.outputs.end());
        uint32_t depth = 0;
        for (uint32_t v = t.vertex; v != sourceVertex;
             v = static_cast<uint32_t>(boost::source(parent[v], graph)))
        {
            ++depth;
        }
        t.depth = depth;
    }
    return true;
}

TypeId
RtmMcastFeeder::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmMcastFeeder")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmMcastFeeder>()
            .AddAttribute("Preference",
                          "Preference of the RPF routes (multicast view only; lower is better, "
                          "so they win over the link-state client's 110 for the same prefix).",
                          UintegerValue(100),
                          MakeUintegerAccessor(&RtmMcastFeeder::m_preference),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

RtmMcastFeeder::RtmMcastFeeder() = default;

RtmMcastFeeder::~RtmMcastFeeder() = default;

void
RtmMcastFeeder::DoDispose()
{
    if (m_reg)
    {
        m_reg->Deregister();
    }
    m_reg = nullptr;
    m_router = nullptr;
    m_rpf.clear();
    m_entries.clear();
    Object::DoDispose();
}

RtmStatus
RtmMcastFeeder::Start(Ptr<RtmRouter> router, uint16_t instance, uint16_t family)
{
    if (family != RTM_AF_INET && family != RTM_AF_INET6)
    {
        return RtmStatus::InvalidParameter;
    }
    m_router = router;
    m_instance = instance;
    m_family = family;
    RtmEntityInfo info;
    info.rtmInstanceId = instance;
    info.addressFamily = family;
    info.entityId.entityProtocolId = RTM_PROTO_NS3_MCAST;
    RtmRegnProfile profile;
    RtmStatus st = router->CreateInstance(instance)
                       ->RegisterEntity(info, {}, RtmEventCallback(), false, profile, m_reg);
    if (st != RtmStatus::Success)
    {
        m_reg = nullptr;
        return st;
    }
    m_reg->SetDefaultPreference(m_preference);
    return st;
}

Ptr<RtmRegistration>
RtmMcastFeeder::GetRegistration() const
{
    return m_reg;
}

uint16_t
RtmMcastFeeder::GetFamily() const
{
    return m_family;
}

RtmNetAddress
RtmMcastFeeder::AnySource() const
{
    RtmNetAddress any;
    any.addressFamily = m_family;
    return any;
}

uint32_t
RtmMcastFeeder::GetNGroups() const
{
    return static_cast<uint32_t>(m_entries.size());
}

uint32_t
RtmMcastFeeder::GetNRoutes() const
{
    return static_cast<uint32_t>(m_rpf.size());
}

bool
RtmMcastFeeder::HoldRpf(const RtmNetAddress& source,
                        uint32_t interface,
                        const RtmNetAddress& neighbour)
{
    Rpf& r = m_rpf[source];
    if (r.refs > 0 && r.interface == interface && r.neighbour == neighbour)
    {
        ++r.refs;
        return true;
    }
    RtmNextHopInfo nh;
    nh.nextHopAddress = neighbour;
    nh.interfaceIndex = interface;
    RtmNextHopHandle hop;
    uint32_t cf = 0;
    if (m_reg->AddNextHop(nh, hop, cf) != RtmStatus::Success)
    {
        if (r.refs == 0)
        {
            m_rpf.erase(source);
        }
        return false;
    }
    RtmRouteInfo info;
    info.flags = RTM_ROUTE_FLAGS_REMOTE;
    info.belongsToViews = RTM_VIEW_MASK_MCAST;
    info.nextHops = {hop};
    RtmRouteHandle route = r.route;
    cf = 0;
    RtmStatus st =
        m_reg->AddRouteToDest(route, source, info, RTM_INFINITE, RtmRouteListHandle(), cf);
    if (st != RtmStatus::Success)
    {
        NS_LOG_WARN("RPF route to " << source << " refused: " << st);
        if (r.refs == 0)
        {
            m_rpf.erase(source);
        }
        return false;
    }
    // The source moved (another tree disagrees): the latest tree wins.
    if (!r.hop.IsNull() && r.hop != hop)
    {
        m_reg->DeleteNextHop(r.hop);
    }
    r.route = route;
    r.hop = hop;
    r.interface = interface;
    r.neighbour = neighbour;
    ++r.refs;
    return true;
}

void
RtmMcastFeeder::ReleaseRpf(const RtmNetAddress& source)
{
    auto it = m_rpf.find(source);
    if (it == m_rpf.end() || --it->second.refs > 0)
    {
        return;
    }
    uint32_t cf = 0;
    m_reg->DeleteRouteToDest(it->second.route, cf);
    m_reg->DeleteNextHop(it->second.hop);
    m_rpf.erase(it);
}

bool
RtmMcastFeeder::SetTreeNode(const RtmNetAddress& source,
                            const RtmNetAddress& group,
                            const RtmMcastTreeNode& part)
{
    if (!m_reg || source.addressFamily != m_family || group.addressFamily != m_family ||
        source.numBits != source.FamilyBits() || group.numBits != group.FamilyBits())
    {
        return false;
    }
    RemoveTreeNode(source, group);
    Entry e;
    e.isSource = part.isSource;
    e.interface = part.rpfInterface;
    e.neighbour = part.rpfNeighbour;
    if (!part.isSource && !HoldRpf(source, e.interface, e.neighbour))
    {
        return false;
    }
    if (!m_router->AddMulticastRoute(m_instance,
                                     part.isSource ? AnySource() : source,
                                     group,
                                     part.outputs))
    {
        if (!part.isSource)
        {
            ReleaseRpf(source);
        }
        return false;
    }
    m_entries[std::make_pair(source, group)] = e;
    return true;
}

bool
RtmMcastFeeder::RemoveTreeNode(const RtmNetAddress& source, const RtmNetAddress& group)
{
    auto it = m_entries.find(std::make_pair(source, group));
    if (it == m_entries.end())
    {
        return false;
    }
    m_router->RemoveMulticastRoute(m_instance, it->second.isSource ? AnySource() : source, group);
    if (!it->second.isSource)
    {
        ReleaseRpf(source);
    }
    m_entries.erase(it);
    return true;
}

} // namespace ns3
