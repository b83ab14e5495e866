/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpInternet: building AS-level internets (see rtm-bgp-internet.h).
 */
#include "rtm-bgp-internet.h"

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rtm-helper.h"
#include "ns3/string.h"

#include <algorithm>

namespace ns3
{

void
RtmBgpInternet::AddAs(uint32_t asn, const std::string& name, uint32_t tier)
{
    As a;
    a.asn = asn;
    a.name = name;
    a.tier = tier;
    m_ases.push_back(a);
}

void
RtmBgpInternet::AddRelationship(uint32_t a, uint32_t b, RtmBgpGaoRexford::Relation bIsToA)
{
    m_rels.push_back({a, b, bIsToA});
    m_relOf[{a, b}] = bIsToA;
    m_relOf[{b, a}] = bIsToA == RtmBgpGaoRexford::CUSTOMER   ? RtmBgpGaoRexford::PROVIDER
                      : bIsToA == RtmBgpGaoRexford::PROVIDER ? RtmBgpGaoRexford::CUSTOMER
                                                             : RtmBgpGaoRexford::PEER;
}

RtmBgpInternet
RtmBgpInternet::Small()
{
    using GR = RtmBgpGaoRexford;
    RtmBgpInternet n;
    for (uint32_t i = 1; i <= 3; ++i)
    {
        n.AddAs(65000 + i, "tier1-" + std::to_string(i), 1);
    }
    for (uint32_t i = 1; i <= 5; ++i)
    {
        n.AddAs(65100 + i, "transit-" + std::to_string(i), 2);
    }
    for (uint32_t i = 1; i <= 8; ++i)
    {
        n.AddAs(65200 + i, "stub-" + std::to_string(i), 3);
    }
    n.AddRelationship(65001, 65002, GR::PEER);
    n.AddRelationship(65001, 65003, GR::PEER);
    n.AddRelationship(65002, 65003, GR::PEER);
    n.AddRelationship(65001, 65101, GR::CUSTOMER);
    n.AddRelationship(65001, 65102, GR::CUSTOMER);
    n.AddRelationship(65002, 65102, GR::CUSTOMER);
    n.AddRelationship(65002, 65103, GR::CUSTOMER);
    n.AddRelationship(65003, 65104, GR::CUSTOMER);
    n.AddRelationship(65003, 65105, GR::CUSTOMER);
    n.AddRelationship(65002, 65105, GR::CUSTOMER);
    n.AddRelationship(65101, 65102, GR::PEER);
    n.AddRelationship(65103, 65104, GR::PEER);
    n.AddRelationship(65101, 65201, GR::CUSTOMER);
    n.AddRelationship(65101, 65202, GR::CUSTOMER);
    n.AddRelationship(65102, 65202, GR::CUSTOMER);
    n.AddRelationship(65102, 65203, GR::CUSTOMER);
    n.AddRelationship(65103, 65204, GR::CUSTOMER);
    n.AddRelationship(65104, 65205, GR::CUSTOMER);
    n.AddRelationship(65104, 65206, GR::CUSTOMER);
    n.AddRelationship(65105, 65206, GR::CUSTOMER);
    n.AddRelationship(65105, 65207, GR::CUSTOMER);
    n.AddRelationship(65103, 65208, GR::CUSTOMER);
    return n;
}

int32_t
RtmBgpInternet::IndexOf(uint32_t asn) const
{
    for (std::size_t i = 0; i < m_ases.size(); ++i)
    {
        if (m_ases[i].asn == asn)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

void
RtmBgpInternet::Build(RtmBgpHelper& bgp, bool policies, const RtmBgpNeighborConfig& config)
{
    m_nodes.Create(static_cast<uint32_t>(m_ases.size()));
    RtmHelper rtm;
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.SetIpv6StackInstall(false);
    stack.Install(m_nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    std::vector<Ptr<RtmBgpSpeaker>> speakers;
    for (std::size_t i = 0; i < m_ases.size(); ++i)
    {
        speakers.push_back(bgp.Install(m_nodes.Get(static_cast<uint32_t>(i)), m_ases[i].asn));
        speakers.back()->Originate(PrefixOf(m_ases[i].asn));
    }
    for (std::size_t k = 0; k < m_rels.size(); ++k)
    {
        int32_t ia = IndexOf(m_rels[k].a);
        int32_t ib = IndexOf(m_rels[k].b);
        NS_ABORT_MSG_IF(ia < 0 || ib < 0, "RtmBgpInternet: unknown AS in a relationship");
        NetDeviceContainer d = p2p.Install(m_nodes.Get(ia), m_nodes.Get(ib));
        m_links.emplace_back(d.Get(0), d.Get(1));
        uint32_t net = (10u << 24) | (static_cast<uint32_t>(k) << 2);
        for (int e = 0; e < 2; ++e)
        {
            Ptr<Ipv4> ipv4 = d.Get(e)->GetNode()->GetObject<Ipv4>();
            int32_t itf = ipv4->AddInterface(d.Get(e));
            ipv4->AddAddress(itf, Ipv4InterfaceAddress(Ipv4Address(net + 1 + e), Ipv4Mask("/30")));
            ipv4->SetUp(itf);
        }
        RtmBgpHelper::Peer(m_nodes.Get(ia), m_nodes.Get(ib), config);
        if (policies)
        {
            Ptr<RtmBgpSpeaker> sa = speakers[ia];
            Ptr<RtmBgpSpeaker> sb = speakers[ib];
            RtmBgpGaoRexford::Apply(sa, sa->GetNNeighbors() - 1, m_rels[k].bIsToA);
            RtmBgpGaoRexford::Apply(sb,
                                    sb->GetNNeighbors() - 1,
                                    m_relOf[{m_rels[k].b, m_rels[k].a}]);
        }
    }
}

Ptr<Node>
RtmBgpInternet::NodeOf(uint32_t asn) const
{
    int32_t i = IndexOf(asn);
    return i < 0 ? nullptr : m_nodes.Get(static_cast<uint32_t>(i));
}

Ptr<RtmBgpSpeaker>
RtmBgpInternet::SpeakerOf(uint32_t asn) const
{
    Ptr<Node> n = NodeOf(asn);
    return n ? RtmBgpHelper::GetSpeaker(n) : nullptr;
}

RtmNetAddress
RtmBgpInternet::PrefixOf(uint32_t asn) const
{
    int32_t i = IndexOf(asn);
    return RtmNetAddress::FromIpv4(Ipv4Address((20u << 24) | (static_cast<uint32_t>(i) << 16)), 16);
}

std::pair<Ptr<NetDevice>, Ptr<NetDevice>>
RtmBgpInternet::LinkOf(uint32_t a, uint32_t b) const
{
    for (std::size_t k = 0; k < m_rels.size(); ++k)
    {
        if (m_rels[k].a == a && m_rels[k].b == b)
        {
            return m_links[k];
        }
        if (m_rels[k].a == b && m_rels[k].b == a)
        {
            return {m_links[k].second, m_links[k].first};
        }
    }
    return {nullptr, nullptr};
}

bool
RtmBgpInternet::SetLinkUp(uint32_t a, uint32_t b, bool up) const
{
    auto l = LinkOf(a, b);
    if (!l.first)
    {
        return false;
    }
    for (Ptr<NetDevice> d : {l.first, l.second})
    {
        Ptr<Ipv4> ipv4 = d->GetNode()->GetObject<Ipv4>();
        int32_t itf = ipv4->GetInterfaceForDevice(d);
        if (up)
        {
            ipv4->SetUp(itf);
        }
        else
        {
            ipv4->SetDown(itf);
        }
    }
    return true;
}

bool
RtmBgpInternet::IsValleyFree(uint32_t viewer, const RtmBgpAsPath& path) const
{
    // Walk from the origin toward the viewer: each hop x -> y is "up" when x is y's customer,
    // "flat" between peers, "down" when x is y's provider. Valid: up* flat? down*.
    std::vector<uint32_t> seq;
    for (const auto& s : path.GetSegments())
    {
        if (s.type != RtmBgpAsPath::AS_SEQUENCE)
        {
            return false;
        }
        seq.insert(seq.end(), s.asns.begin(), s.asns.end());
    }
    seq.insert(seq.begin(), viewer);
    // Remove prepending (repeated ASes).
    seq.erase(std::unique(seq.begin(), seq.end()), seq.end());
    int phase = 0; // 0 up, 1 after the flat hop, 2 down
    for (std::size_t i = seq.size() - 1; i > 0; --i)
    {
        uint32_t x = seq[i];
        uint32_t y = seq[i - 1];
        auto it = m_relOf.find({y, x});
        if (it == m_relOf.end())
        {
            return false;
        }
        if (it->second == RtmBgpGaoRexford::CUSTOMER) // up
        {
            if (phase != 0)
            {
                return false;
            }
        }
        else if (it->second == RtmBgpGaoRexford::PEER)
        {
            if (phase != 0)
            {
                return false;
            }
            phase = 1;
        }
        else
        {
            phase = 2;
        }
    }
    return true;
}

} // namespace ns3
