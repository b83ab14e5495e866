/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpHelper: installing and peering BGP speakers (see rtm-bgp-helper.h).
 */
#include "rtm-bgp-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/rtm-client-base.h"
#include "ns3/rtm-router.h"
#include "ns3/uinteger.h"

#include <map>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmBgpHelper");

RtmBgpHelper::RtmBgpHelper()
{
    m_factory.SetTypeId(RtmBgpSpeaker::GetTypeId());
}

void
RtmBgpHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<RtmBgpSpeaker>
RtmBgpHelper::Install(Ptr<Node> node, uint32_t asn, uint16_t instance)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    NS_ABORT_MSG_IF(!router,
                    "RtmBgpHelper::Install: node " << node->GetId()
                                                   << " has no RTM (install RtmHelper first)");
    Ptr<RtmBgpSpeaker> existing = GetSpeaker(node, instance);
    if (existing)
    {
        return existing;
    }
    Ptr<RtmBgpSpeaker> s = m_factory.Create<RtmBgpSpeaker>();
    s->SetAttribute("LocalAs", UintegerValue(asn));
    RtmStatus st = s->Start(node, instance);
    NS_ABORT_MSG_IF(st != RtmStatus::Success,
                    "RtmBgpHelper::Install: BGP cannot start on node " << node->GetId() << ": "
                                                                       << st);
    router->SetClient("bgp", instance, RTM_AF_INET, s);
    return s;
}

Ptr<RtmBgpSpeaker>
RtmBgpHelper::GetSpeaker(Ptr<Node> node, uint16_t instance)
{
    Ptr<RtmRouter> router = node->GetObject<RtmRouter>();
    return router ? DynamicCast<RtmBgpSpeaker>(router->GetClient("bgp", instance, RTM_AF_INET))
                  : nullptr;
}

bool
RtmBgpHelper::Peer(Ptr<Node> a, Ptr<Node> b, const RtmBgpNeighborConfig& config, uint16_t instance)
{
    Ptr<Ipv4> ia = a->GetObject<Ipv4>();
    Ptr<Ipv4> ib = b->GetObject<Ipv4>();
    if (!ia || !ib)
    {
        return false;
    }
    for (uint32_t i = 1; i < ia->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ia->GetNAddresses(i); ++j)
        {
            Ipv4InterfaceAddress x = ia->GetAddress(i, j);
            for (uint32_t k = 1; k < ib->GetNInterfaces(); ++k)
            {
                for (uint32_t l = 0; l < ib->GetNAddresses(k); ++l)
                {
                    Ipv4InterfaceAddress y = ib->GetAddress(k, l);
                    if (x.GetMask() == y.GetMask() &&
                        x.GetLocal().CombineMask(x.GetMask()) ==
                            y.GetLocal().CombineMask(y.GetMask()) &&
                        x.GetLocal() != y.GetLocal())
                    {
                        RtmBgpNeighborConfig ca = config;
                        RtmBgpNeighborConfig cb = config;
                        ca.localAddress = RtmNetAddress::FromIpv4(x.GetLocal());
                        cb.localAddress = RtmNetAddress::FromIpv4(y.GetLocal());
                        return Peer(a,
                                    RtmNetAddress::FromIpv4(x.GetLocal()),
                                    b,
                                    RtmNetAddress::FromIpv4(y.GetLocal()),
                                    ca,
                                    cb,
                                    instance);
                    }
                }
            }
        }
    }
    return false;
}

bool
RtmBgpHelper::Peer(Ptr<Node> a,
                   const RtmNetAddress& addressA,
                   Ptr<Node> b,
                   const RtmNetAddress& addressB,
                   RtmBgpNeighborConfig configA,
                   RtmBgpNeighborConfig configB,
                   uint16_t instance)
{
    Ptr<RtmBgpSpeaker> sa = GetSpeaker(a, instance);
    Ptr<RtmBgpSpeaker> sb = GetSpeaker(b, instance);
    if (!sa || !sb)
    {
        return false;
    }
    configA.address = addressB;
    configA.remoteAs = sb->GetLocalAs();
    if (configA.localAddress.addressFamily == 0)
    {
        configA.localAddress = addressA;
    }
    configB.address = addressA;
    configB.remoteAs = sa->GetLocalAs();
    if (configB.localAddress.addressFamily == 0)
    {
        configB.localAddress = addressB;
    }
    sa->AddNeighbor(configA);
    sb->AddNeighbor(configB);
    return true;
}

bool
RtmBgpHelper::AnnounceOne(Ptr<RtmBgpSpeaker> speaker,
                          const RtmNetAddress& prefix,
                          uint32_t originAs,
                          std::map<uint32_t, Ptr<RtmBgpAttributes>>& byOrigin)
{
    Ptr<RtmBgpAttributes>& a = byOrigin[originAs];
    if (!a)
    {
        a = Create<RtmBgpAttributes>();
        a->origin = BGP_ORIGIN_IGP;
        if (originAs != 0 && originAs != speaker->GetLocalAs())
        {
            a->asPath = RtmBgpAsPath({originAs});
        }
    }
    return speaker->Originate(prefix, a);
}

uint32_t
RtmBgpHelper::CountFullyEstablished(NodeContainer nodes, uint16_t instance)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<RtmBgpSpeaker> s = GetSpeaker(nodes.Get(i), instance);
        if (s && s->GetNEstablished() == s->GetNNeighbors())
        {
            ++k;
        }
    }
    return k;
}

int64_t
RtmBgpHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    return RtmAssignStreamsPerInstance(nodes,
                                       stream,
                                       [&](Ptr<Node> node, uint16_t id, int64_t first) {
                                           auto s = GetSpeaker(node, id);
                                           return s ? s->AssignStreams(first) : int64_t(0);
                                       });
}

// ---------------------------------------------------------------------- Gao-Rexford

uint32_t
RtmBgpGaoRexford::Tag(uint32_t myAs, Relation relation)
{
    return RtmBgpCommunity(static_cast<uint16_t>(myAs & 0xFFFF),
                           static_cast<uint16_t>(1 + static_cast<int>(relation)));
}

Ptr<RtmBgpPolicy>
RtmBgpGaoRexford::ImportPolicy(uint32_t myAs, Relation relation)
{
    Ptr<RtmBgpPolicy> p = Create<RtmBgpPolicy>();
    RtmBgpPolicyAction a;
    a.setLocalPref = relation == CUSTOMER ? LOCAL_PREF_CUSTOMER
                     : relation == PEER   ? LOCAL_PREF_PEER
                                          : LOCAL_PREF_PROVIDER;
    a.removeCommunities = {Tag(myAs, CUSTOMER), Tag(myAs, PEER), Tag(myAs, PROVIDER)};
    a.addCommunities = {Tag(myAs, relation)};
    p->AddTerm(RtmBgpPolicyMatch(), a);
    return p;
}

Ptr<RtmBgpPolicy>
RtmBgpGaoRexford::ExportPolicy(uint32_t myAs, Relation relation)
{
    Ptr<RtmBgpPolicy> p = Create<RtmBgpPolicy>();
    RtmBgpPolicyAction strip;
    strip.removeCommunities = {Tag(myAs, CUSTOMER), Tag(myAs, PEER), Tag(myAs, PROVIDER)};
    if (relation == CUSTOMER)
    {
        p->AddTerm(RtmBgpPolicyMatch(), strip); // everything to customers
        return p;
    }
    // To peers and providers: our customers' routes and our own (the path is just our AS,
    // prepended on export), nothing else.
    RtmBgpPolicyMatch fromCustomer;
    fromCustomer.communitiesAny = {Tag(myAs, CUSTOMER)};
    p->AddTerm(fromCustomer, strip);
    RtmBgpPolicyMatch own;
    own.asPathRegex = "^" + std::to_string(myAs) + "$";
    p->AddTerm(own, strip);
    p->SetDefault(false);
    return p;
}

void
RtmBgpGaoRexford::Apply(Ptr<RtmBgpSpeaker> speaker, uint32_t n, Relation relation)
{
    speaker->SetImportPolicy(n, ImportPolicy(speaker->GetLocalAs(), relation));
    speaker->SetExportPolicy(n, ExportPolicy(speaker->GetLocalAs(), relation));
}

bool
RtmBgpGaoRexford::ParseRelationships(const std::string& text, std::vector<Link>& out)
{
    std::istringstream is(text);
    std::string line;
    while (std::getline(is, line))
    {
        std::size_t hash = line.find('#');
        if (hash != std::string::npos)
        {
            line = line.substr(0, hash);
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos)
        {
            continue;
        }
        std::istringstream ls(line);
        std::string a;
        std::string b;
        std::string r;
        if (!std::getline(ls, a, '|') || !std::getline(ls, b, '|') || !std::getline(ls, r, '|'))
        {
            return false;
        }
        Link l;
        try
        {
            l.a = static_cast<uint32_t>(std::stoul(a));
            l.b = static_cast<uint32_t>(std::stoul(b));
            int rel = std::stoi(r);
            if (rel != -1 && rel != 0)
            {
                return false;
            }
            l.bIsToA = rel == -1 ? CUSTOMER : PEER;
        }
        catch (const std::exception&)
        {
            return false;
        }
        out.push_back(l);
    }
    return true;
}

uint32_t
RtmBgpGaoRexford::ApplyAll(NodeContainer nodes, const std::vector<Link>& links)
{
    std::map<std::pair<uint32_t, uint32_t>, Relation> rel; // (me, neighbour AS) -> relation
    for (const auto& l : links)
    {
        rel[{l.a, l.b}] = l.bIsToA;
        rel[{l.b, l.a}] = l.bIsToA == CUSTOMER ? PROVIDER : l.bIsToA == PROVIDER ? CUSTOMER : PEER;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<RtmBgpSpeaker> s = RtmBgpHelper::GetSpeaker(nodes.Get(i));
        if (!s)
        {
            continue;
        }
        for (uint32_t n = 0; n < s->GetNNeighbors(); ++n)
        {
            auto it = rel.find({s->GetLocalAs(), s->GetNeighborConfig(n).remoteAs});
            if (it != rel.end())
            {
                Apply(s, n, it->second);
                ++k;
            }
        }
    }
    return k;
}

} // namespace ns3
