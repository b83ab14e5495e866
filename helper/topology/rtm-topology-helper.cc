/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTopologyHelper: reading GraphML / Inet / Orbis / Rocketfuel files and building the ns-3
 * network (see rtm-topology-helper.h for the addressing plan).
 */
#include "rtm-topology-helper.h"

#include "ns3/csma-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ipv6-helper.h"
#include "ns3/topology-reader-helper.h"

#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyHelper");

namespace
{
/// Link subnets: 10.0.0.0/8, a /30 each.
const uint32_t kLinkBase = 0x0A000000u;
/// Router addresses: 172.16.0.0/12, a /32 each.
const uint32_t kRouterBase = 0xAC100000u;

/// \return the IPv6 address with 32-bit groups \p head, \p mid, 0 and \p low
Ipv6Address
MakeIpv6(uint32_t head, uint32_t mid, uint32_t low)
{
    uint8_t b[16] = {0};
    for (int i = 0; i < 4; ++i)
    {
        b[i] = static_cast<uint8_t>(head >> (24 - 8 * i));
        b[4 + i] = static_cast<uint8_t>(mid >> (24 - 8 * i));
        b[12 + i] = static_cast<uint8_t>(low >> (24 - 8 * i));
    }
    return Ipv6Address(b);
}

/// IPv6 link subnets: fd00:10::/32, a /64 each (link k: fd00:10:K1:K0::/64, K1:K0 = k).
const uint32_t kLinkBase6 = 0xFD000010u;
/// IPv6 router addresses: fd00:172:16::/64, a /128 each.
const uint32_t kRouterBase6 = 0xFD000172u;

/**
 * The MAC address of end `end` (0 or 1) of link k: locally administered (02), then k and the end.
 * Mac48Address::Allocate counts per process, and ns-3 before 3.36 never resets the count, so a
 * second topology built in one process would get other MACs, other IPv6 link-local addresses
 * and other next hops; these depend on the topology only. Allocate never yields 02:... before
 * 2^41 addresses, so they do not collide with the devices a script adds.
 * \return the address
 */
Mac48Address
LinkMac(uint32_t k, uint8_t end)
{
    uint8_t b[6] =
        {0x02, uint8_t(k >> 24), uint8_t(k >> 16), uint8_t(k >> 8), uint8_t(k), uint8_t(end + 1)};
    Mac48Address mac;
    mac.CopyFrom(b);
    return mac;
}

/// \return \p w clamped to an interface metric
uint16_t
MetricOf(uint32_t w)
{
    return static_cast<uint16_t>(std::min<uint32_t>(std::max<uint32_t>(w, 1), 65535));
}

/// \return \p text as a non-negative weight in \p scale units, at least 1
uint32_t
ParseWeight(const std::string& text, double scale, bool& ok)
{
    char* end = nullptr;
    double w = std::strtod(text.c_str(), &end);
    ok = end != text.c_str() && *end == '\0' && w >= 0 && std::isfinite(w);
    if (!ok)
    {
        return 1;
    }
    double scaled = std::llround(w * scale);
    return static_cast<uint32_t>(std::min(std::max(scaled, 1.0), 4294967295.0));
}
} // namespace

uint32_t
RtmTopology::GetNRouters() const
{
    return static_cast<uint32_t>(boost::num_vertices(graph));
}

const std::string&
RtmTopology::RouterId(uint32_t v) const
{
    return graph[v].id;
}

uint32_t
RtmTopologyLink::Interface(uint16_t family, bool endA) const
{
    if (family == RTM_AF_INET6)
    {
        return endA ? if6A : if6B;
    }
    return endA ? ifA : ifB;
}

RtmNetAddress
RtmTopologyLink::Address(uint16_t family, bool endA) const
{
    if (family == RTM_AF_INET6)
    {
        Ipv6Address a = endA ? addr6A : addr6B;
        return a.IsAny() ? RtmNetAddress() : RtmNetAddress::FromIpv6(a);
    }
    Ipv4Address a = endA ? addrA : addrB;
    return a == Ipv4Address::GetAny() ? RtmNetAddress() : RtmNetAddress::FromIpv4(a);
}

RtmNetAddress
RtmTopology::RouterAddress(uint16_t family, uint32_t v) const
{
    if (family == RTM_AF_INET6)
    {
        return v < routerAddress6.size() && !routerAddress6[v].IsAny()
                   ? RtmNetAddress::FromIpv6(routerAddress6[v])
                   : RtmNetAddress();
    }
    return v < routerAddress.size() && routerAddress[v] != Ipv4Address::GetAny()
               ? RtmNetAddress::FromIpv4(routerAddress[v])
               : RtmNetAddress();
}

int32_t
RtmTopology::VertexOfNode(uint32_t nodeId) const
{
    for (uint32_t v = 0; v < nodes.GetN(); ++v)
    {
        if (nodes.Get(v)->GetId() == nodeId)
        {
            return static_cast<int32_t>(v);
        }
    }
    return -1;
}

void
RtmTopology::WriteGraphviz(std::ostream& os) const
{
    RtmTopologyGraph& g = const_cast<RtmTopologyGraph&>(graph);
    std::vector<std::string> labels;
    for (uint32_t v = 0; v < boost::num_vertices(g); ++v)
    {
        labels.push_back(g[v].label.empty() ? g[v].id : g[v].label);
    }
    boost::dynamic_properties dp;
    dp.property("node_id", boost::get(&RtmTopologyVertex::id, g));
    dp.property(
        "label",
        boost::make_iterator_property_map(labels.begin(), boost::get(boost::vertex_index, g)));
    dp.property("weight", boost::get(&RtmTopologyEdge::weight, g));
    boost::write_graphviz_dp(os, graph, dp, "node_id");
}

RtmTopologyHelper::RtmTopologyHelper() = default;

void
RtmTopologyHelper::SetFamilies(Families families)
{
    m_families = (families & FAMILY_DUAL) != 0 ? families : FAMILY_IPV4;
}

RtmTopologyHelper::Families
RtmTopologyHelper::GetFamilies() const
{
    return m_families;
}

InternetStackHelper
RtmTopologyHelper::RtmStack(Families families)
{
    const bool v4 = (families & FAMILY_IPV4) != 0;
    const bool v6 = (families & FAMILY_IPV6) != 0;
    InternetStackHelper stack;
    RtmHelper rtm;
    stack.SetIpv4StackInstall(v4);
    stack.SetIpv6StackInstall(v6);
    if (v4)
    {
        stack.SetRoutingHelper(rtm);
    }
    if (v6)
    {
        stack.SetRoutingHelper(RtmIpv6Helper(rtm));
    }
    return stack;
}

void
RtmTopologyHelper::SetWeightMode(WeightMode mode)
{
    m_weights = mode;
}

void
RtmTopologyHelper::SetCsma(bool csma)
{
    m_csma = csma;
}

void
RtmTopologyHelper::SetChannelAttribute(const std::string& name, const AttributeValue& value)
{
    m_channelAttrs.emplace_back(name, value.Copy());
}

void
RtmTopologyHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_deviceAttrs.emplace_back(name, value.Copy());
}

void
RtmTopologyHelper::SetInternetStack(const InternetStackHelper& stack)
{
    m_stack = stack;
    m_customStack = true;
}

void
RtmTopologyHelper::SetRouterAddresses(bool enable)
{
    m_routerAddresses = enable;
}

void
RtmTopologyHelper::SetMetrics(bool enable)
{
    m_metrics = enable;
}

double
RtmTopologyHelper::DistanceKm(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0;
    const double rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad;
    double dlon = (lon2 - lon1) * rad;
    double a =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * r * std::asin(std::min(1.0, std::sqrt(a)));
}

bool
RtmTopologyHelper::ReadGraphml(const std::string& file,
                               RtmTopologyGraph& g,
                               std::string& error,
                               WeightMode mode)
{
    g.clear();
    std::ifstream in(file);
    if (!in)
    {
        error = "cannot open " + file;
        return false;
    }
    // The Topology Zoo declares the node data "id" as int; a file that declares it otherwise
    // is read again without it (router ids are then the node positions).
    for (int attempt = 0; attempt < 2; ++attempt)
    {
        g.clear();
        in.clear();
        in.seekg(0);
        boost::dynamic_properties dp(boost::ignore_other_properties);
        if (attempt == 0)
        {
            dp.property("id", boost::get(&RtmTopologyVertex::graphmlId, g));
        }
        dp.property("label", boost::get(&RtmTopologyVertex::label, g));
        dp.property("Latitude", boost::get(&RtmTopologyVertex::latitude, g));
        dp.property("Longitude", boost::get(&RtmTopologyVertex::longitude, g));
        try
        {
            boost::read_graphml(in, g, dp);
            break;
        }
        catch (const boost::bad_any_cast& e)
        {
            if (attempt == 1)
            {
                error = file + ": " + e.what();
                g.clear();
                return false;
            }
        }
        catch (const std::exception& e)
        {
            error = file + ": " + e.what();
            g.clear();
            return false;
        }
    }
    for (uint32_t v = 0; v < boost::num_vertices(g); ++v)
    {
        g[v].id = std::to_string(g[v].graphmlId >= 0 ? g[v].graphmlId : static_cast<int>(v));
    }
    auto range = boost::edges(g);
    for (auto it = range.first; it != range.second; ++it)
    {
        uint32_t w = 1;
        if (mode == WEIGHTS_DISTANCE)
        {
            const RtmTopologyVertex& a = g[boost::source(*it, g)];
            const RtmTopologyVertex& b = g[boost::target(*it, g)];
            if (std::isfinite(a.latitude) && std::isfinite(a.longitude) &&
                std::isfinite(b.latitude) && std::isfinite(b.longitude))
            {
                w = static_cast<uint32_t>(std::max<long long>(
                    1,
                    std::llround(DistanceKm(a.latitude, a.longitude, b.latitude, b.longitude))));
            }
        }
        g[*it].weight = w;
    }
    return true;
}

bool
RtmTopologyHelper::ReadWithReader(const std::string& type,
                                  const std::string& file,
                                  RtmTopology& topo,
                                  std::string& error) const
{
    {
        std::ifstream probe(file);
        if (!probe)
        {
            error = "cannot open " + file;
            return false;
        }
    }
    TopologyReaderHelper reader;
    reader.SetFileName(file);
    reader.SetFileType(type);
    Ptr<TopologyReader> r = reader.GetTopologyReader();
    if (!r)
    {
        error = "no ns-3 topology reader for " + type;
        return false;
    }
    NodeContainer nodes = r->Read();
    if (nodes.GetN() == 0)
    {
        error = file + ": no nodes read";
        return false;
    }
    // Rocketfuel weights files: ns-3's reader drops the weights; read them again.
    std::map<std::pair<std::string, std::string>, std::string> rfWeights;
    bool useFile = m_weights != WEIGHTS_HOPS;
    double scale = 1;
    if (type == "Rocketfuel" && useFile)
    {
        std::ifstream in(file);
        std::string line;
        while (std::getline(in, line))
        {
            std::istringstream ls(line);
            std::string a;
            std::string b;
            std::string w;
            std::string extra;
            if ((ls >> a >> b >> w) && !(ls >> extra))
            {
                bool ok = false;
                ParseWeight(w, 1, ok);
                if (ok)
                {
                    rfWeights[std::make_pair(a, b)] = w;
                }
            }
        }
        if (!rfWeights.empty())
        {
            scale = 10;
        }
    }
    topo.graph.clear();
    topo.nodes = nodes;
    topo.weightScale = scale;
    std::map<uint32_t, uint32_t> vertexOf;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        boost::add_vertex(topo.graph);
        vertexOf[nodes.Get(i)->GetId()] = i;
        topo.graph[i].nodeId = nodes.Get(i)->GetId();
    }
    for (auto it = r->LinksBegin(); it != r->LinksEnd(); ++it)
    {
        uint32_t a = vertexOf.at(it->GetFromNode()->GetId());
        uint32_t b = vertexOf.at(it->GetToNode()->GetId());
        topo.graph[a].id = it->GetFromNodeName();
        topo.graph[b].id = it->GetToNodeName();
        RtmTopologyEdge e;
        if (useFile)
        {
            std::string w;
            bool ok = false;
            if (type == "Rocketfuel")
            {
                auto f = rfWeights.find(std::make_pair(it->GetFromNodeName(), it->GetToNodeName()));
                if (f == rfWeights.end())
                {
                    f = rfWeights.find(std::make_pair(it->GetToNodeName(), it->GetFromNodeName()));
                }
                if (f != rfWeights.end())
                {
                    e.weight = ParseWeight(f->second, scale, ok);
                }
            }
            else if (type == "Inet" && it->GetAttributeFailSafe("Weight", w))
            {
                e.weight = ParseWeight(w, 1, ok);
            }
        }
        boost::add_edge(a, b, e, topo.graph);
    }
    for (uint32_t v = 0; v < nodes.GetN(); ++v)
    {
        if (topo.graph[v].id.empty())
        {
            topo.graph[v].id = std::to_string(v);
        }
    }
    return true;
}

bool
RtmTopologyHelper::Read(const std::string& format,
                        const std::string& file,
                        RtmTopology& topo,
                        std::string& error) const
{
    topo.file = file;
    topo.links.clear();
    topo.routerAddress.clear();
    topo.selfLoops = 0;
    if (format == "graphml")
    {
        topo.nodes = NodeContainer();
        topo.weightScale = 1;
        return ReadGraphml(file, topo.graph, error, m_weights);
    }
    if (format == "inet")
    {
        return ReadWithReader("Inet", file, topo, error);
    }
    if (format == "orbis")
    {
        return ReadWithReader("Orbis", file, topo, error);
    }
    if (format == "rocketfuel")
    {
        return ReadWithReader("Rocketfuel", file, topo, error);
    }
    error = "unknown topology format " + format;
    return false;
}

void
RtmTopologyHelper::Build(RtmTopology& topo) const
{
    const bool v4 = (m_families & FAMILY_IPV4) != 0;
    const bool v6 = (m_families & FAMILY_IPV6) != 0;
    const uint32_t n = static_cast<uint32_t>(boost::num_vertices(topo.graph));
    if (topo.nodes.GetN() == 0)
    {
        topo.nodes.Create(n);
    }
    NS_ASSERT_MSG(topo.nodes.GetN() == n, "one node per vertex");
    NodeContainer bare;
    for (uint32_t v = 0; v < n; ++v)
    {
        Ptr<Node> node = topo.nodes.Get(v);
        topo.graph[v].nodeId = node->GetId();
        if (!node->GetObject<Ipv4>() && !node->GetObject<Ipv6>())
        {
            bare.Add(node);
        }
    }
    (m_customStack ? m_stack : RtmStack(m_families)).Install(bare);
    for (uint32_t v = 0; v < n; ++v)
    {
        NS_ABORT_MSG_IF(v4 && !topo.nodes.Get(v)->GetObject<Ipv4>(),
                        "node " << topo.nodes.Get(v)->GetId() << " has no IPv4 stack");
        NS_ABORT_MSG_IF(v6 && !topo.nodes.Get(v)->GetObject<Ipv6>(),
                        "node " << topo.nodes.Get(v)->GetId() << " has no IPv6 stack");
    }
    topo.routerAddress.assign(n, Ipv4Address::GetAny());
    topo.routerAddress6.assign(n, Ipv6Address::GetAny());
    if (m_routerAddresses)
    {
        for (uint32_t v = 0; v < n; ++v)
        {
            Ptr<Node> node = topo.nodes.Get(v);
            if (v4)
            {
                Ipv4Address a(kRouterBase + v + 1);
                node->GetObject<Ipv4>()->AddAddress(0,
                                                    Ipv4InterfaceAddress(a, Ipv4Mask::GetOnes()));
                topo.routerAddress[v] = a;
            }
            if (v6)
            {
                Ipv6Address a = MakeIpv6(kRouterBase6, 0x00160000u, v + 1);
                node->GetObject<Ipv6>()->AddAddress(0, Ipv6InterfaceAddress(a, Ipv6Prefix(128)));
                topo.routerAddress6[v] = a;
            }
        }
    }
    PointToPointHelper p2p;
    CsmaHelper csma;
    for (const auto& a : m_channelAttrs)
    {
        if (m_csma)
        {
            csma.SetChannelAttribute(a.first, *a.second);
        }
        else
        {
            p2p.SetChannelAttribute(a.first, *a.second);
        }
    }
    for (const auto& a : m_deviceAttrs)
    {
        if (m_csma)
        {
            csma.SetDeviceAttribute(a.first, *a.second);
        }
        else
        {
            p2p.SetDeviceAttribute(a.first, *a.second);
        }
    }
    const Ipv4Mask mask("255.255.255.252");
    topo.links.clear();
    topo.selfLoops = 0;
    auto range = boost::edges(topo.graph);
    for (auto it = range.first; it != range.second; ++it)
    {
        uint32_t a = static_cast<uint32_t>(boost::source(*it, topo.graph));
        uint32_t b = static_cast<uint32_t>(boost::target(*it, topo.graph));
        if (a == b)
        {
            ++topo.selfLoops;
            topo.graph[*it].link = UINT32_MAX;
            continue;
        }
        Ptr<Node> na = topo.nodes.Get(a);
        Ptr<Node> nb = topo.nodes.Get(b);
        NetDeviceContainer d = m_csma ? csma.Install(NodeContainer(na, nb)) : p2p.Install(na, nb);
        RtmTopologyLink link;
        link.a = a;
        link.b = b;
        link.devA = d.Get(0);
        link.devB = d.Get(1);
        link.weight = topo.graph[*it].weight;
        uint32_t k = static_cast<uint32_t>(topo.links.size());
        link.devA->SetAddress(LinkMac(k, 0));
        link.devB->SetAddress(LinkMac(k, 1));
        NS_ABORT_MSG_IF(v4 && k >= (1u << 22), "more links than 10.0.0.0/8 holds");
        for (int end = 0; end < 2; ++end)
        {
            Ptr<Node> node = end == 0 ? na : nb;
            Ptr<NetDevice> dev = end == 0 ? link.devA : link.devB;
            if (v4)
            {
                Ipv4Address addr(kLinkBase + 4 * k + 1 + end);
                Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
                int32_t i = ipv4->GetInterfaceForDevice(dev);
                if (i < 0)
                {
                    i = ipv4->AddInterface(dev);
                }
                ipv4->AddAddress(i, Ipv4InterfaceAddress(addr, mask));
                if (m_metrics)
                {
                    ipv4->SetMetric(i, MetricOf(link.weight));
                }
                ipv4->SetUp(i);
                (end == 0 ? link.ifA : link.ifB) = static_cast<uint32_t>(i);
                (end == 0 ? link.addrA : link.addrB) = addr;
            }
            if (v6)
            {
                Ipv6Address addr = MakeIpv6(kLinkBase6, k, 1 + end);
                Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
                int32_t i = ipv6->GetInterfaceForDevice(dev);
                if (i < 0)
                {
                    i = static_cast<int32_t>(ipv6->AddInterface(dev));
                }
                if (m_metrics)
                {
                    ipv6->SetMetric(i, MetricOf(link.weight));
                }
                ipv6->SetForwarding(i, true); // a router (and no router solicitations)
                ipv6->SetUp(i);
                ipv6->AddAddress(i, Ipv6InterfaceAddress(addr, Ipv6Prefix(64)));
                (end == 0 ? link.if6A : link.if6B) = static_cast<uint32_t>(i);
                (end == 0 ? link.addr6A : link.addr6B) = addr;
            }
        }
        topo.graph[*it].link = k;
        topo.links.push_back(link);
    }
}

bool
RtmTopologyHelper::Create(const std::string& format,
                          const std::string& file,
                          RtmTopology& topo,
                          std::string& error) const
{
    if (!Read(format, file, topo, error))
    {
        return false;
    }
    Build(topo);
    return true;
}

} // namespace ns3
