/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: libFuzzer target for the topology readers (helper/topology/rtm-topology-helper.*:
 * GraphML through Boost.Graph, Inet / Orbis / Rocketfuel through ns-3's TopologyReaderHelper)
 * and, on small topologies, what is built from them (the ns-3 network and the network graph of
 * model/graph/rtm-network-graph.*).
 *
 * Input: byte 0 selects the format (mod 5: graphml, inet, orbis, rocketfuel, graphml with
 * distance weights); the rest is the file. When the file reads and has at most 24 routers and
 * 48 links, the network is built and read back as an RtmNetworkGraph.
 *
 * Findings: a crash or sanitizer report; a graph edge naming a vertex that does not exist or
 * with weight 0; a built network whose node, link or arc counts do not match the graph (one link
 * per edge that is not a self-loop, two arcs per link); shortest-path distances of the network
 * graph from vertex 0 differing from a plain Dijkstra over the file's graph (weights capped at
 * 65535, as the interface metrics are).
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-network-graph.h"
#include "ns3/rtm-topology-helper.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace ns3;

namespace
{

void
Fail(const std::string& what)
{
    std::fprintf(stderr, "rtm-fuzz-topology: %s\n", what.c_str());
    std::abort();
}

/// Quadratic Dijkstra over the file's graph (the obvious algorithm, as an oracle).
std::vector<uint64_t>
Distances(const RtmTopologyGraph& g, uint32_t source)
{
    const uint64_t inf = RtmSpfResult::kInfinity;
    uint32_t n = boost::num_vertices(g);
    std::vector<uint64_t> d(n, inf);
    std::vector<bool> done(n, false);
    d[source] = 0;
    for (uint32_t round = 0; round < n; ++round)
    {
        uint32_t u = n;
        for (uint32_t v = 0; v < n; ++v)
        {
            if (!done[v] && d[v] != inf && (u == n || d[v] < d[u]))
            {
                u = v;
            }
        }
        if (u == n)
        {
            break;
        }
        done[u] = true;
        for (auto [e, end] = boost::out_edges(u, g); e != end; ++e)
        {
            uint32_t v = boost::target(*e, g);
            if (v == u)
            {
                continue; // a self-loop gets no link
            }
            uint64_t w = std::max<uint32_t>(1, std::min<uint32_t>(g[*e].weight, 65535));
            d[v] = std::min(d[v], d[u] + w);
        }
    }
    return d;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1 || size > 16384)
    {
        return 0;
    }
    static const char* kFormats[] = {"graphml", "inet", "orbis", "rocketfuel", "graphml"};
    uint32_t which = data[0] % 5;
    static const std::string path = "/tmp/rtm-fuzz-topology-" + std::to_string(getpid());
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || std::fwrite(data + 1, 1, size - 1, f) != size - 1)
    {
        Fail("scratch file");
    }
    std::fclose(f);

    Simulator::Destroy();
    Ipv4AddressGenerator::Reset();
    RtmTopologyHelper helper;
    helper.SetWeightMode(which == 4 ? RtmTopologyHelper::WEIGHTS_DISTANCE
                                    : RtmTopologyHelper::WEIGHTS_FILE);
    RtmTopology topo;
    std::string error;
    if (!helper.Read(kFormats[which], path, topo, error))
    {
        if (error.empty())
        {
            Fail("refused without a reason");
        }
        Simulator::Destroy();
        return 0;
    }
    const RtmTopologyGraph& g = topo.graph;
    uint32_t n = boost::num_vertices(g);
    uint32_t loops = 0;
    for (auto [e, end] = boost::edges(g); e != end; ++e)
    {
        uint32_t a = boost::source(*e, g);
        uint32_t b = boost::target(*e, g);
        if (a >= n || b >= n || g[*e].weight == 0)
        {
            Fail("bad edge");
        }
        loops += a == b ? 1 : 0;
    }
    uint32_t nEdges = boost::num_edges(g);
    if (n == 0 || n > 24 || nEdges > 48)
    {
        Simulator::Destroy();
        return 0;
    }
    helper.Build(topo);
    if (topo.nodes.GetN() != n || topo.links.size() != nEdges - loops || topo.selfLoops != loops)
    {
        Fail("built " + std::to_string(topo.nodes.GetN()) + " nodes, " +
             std::to_string(topo.links.size()) + " links from " + std::to_string(n) + " routers, " +
             std::to_string(nEdges) + " edges, " + std::to_string(loops) + " self-loops");
    }
    RtmNetworkGraph net;
    for (uint32_t v = 0; v < n; ++v)
    {
        net.AddVertex(topo.nodes.Get(v), 0);
    }
    net.Build();
    if (net.GetNVertices() != n || boost::num_edges(net.GetGraph()) != 2 * topo.links.size())
    {
        Fail("network graph: " + std::to_string(net.GetNVertices()) + " vertices, " +
             std::to_string(boost::num_edges(net.GetGraph())) + " arcs for " +
             std::to_string(topo.links.size()) + " links");
    }
    int32_t src = net.FindVertex(topo.nodes.Get(0)->GetId(), 0);
    if (src < 0)
    {
        Fail("router 0 is not a vertex");
    }
    RtmSpfResult spf;
    net.ShortestPaths(src, false, spf);
    std::vector<uint64_t> oracle = Distances(g, 0);
    for (uint32_t v = 0; v < n; ++v)
    {
        int32_t x = net.FindVertex(topo.nodes.Get(v)->GetId(), 0);
        if (x < 0 || spf.distance.at(x) != oracle[v])
        {
            Fail("distance to router " + std::to_string(v) + ": network graph " +
                 (x < 0 ? std::string("-") : std::to_string(spf.distance.at(x))) + ", oracle " +
                 std::to_string(oracle[v]));
        }
    }
    Simulator::Destroy();
    return 0;
}
