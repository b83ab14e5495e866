/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpTopology: BGP over a topology and its validation (see rtm-bgp-topology.h).
 */
#include "rtm-bgp-topology.h"

#include "rtm-bgp-helper.h"

#include "ns3/boolean.h"
#include "ns3/rtm-bgp-header.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <deque>
#include <sstream>

namespace ns3
{

RtmBgpTopology::RtmBgpTopology(RtmTopology& topo)
    : m_topo(topo)
{
}

bool
RtmBgpTopology::CreateTopology(const std::string& graphml, RtmTopology& topo, std::string& error)
{
    RtmTopologyHelper th;
    th.SetWeightMode(RtmTopologyHelper::WEIGHTS_HOPS);
    th.SetMetrics(false);
    th.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    th.SetChannelAttribute("Delay", StringValue("1ms"));
    return th.Create("graphml", graphml, topo, error);
}

uint32_t
RtmBgpTopology::AsOf(uint32_t v) const
{
    uint64_t as = uint64_t(m_options.firstAs) + v;
    return as > 0xFFFFFFFFull ? static_cast<uint32_t>(as % 0xFFFFFFFFull)
                              : static_cast<uint32_t>(as);
}

Ptr<RtmBgpSpeaker>
RtmBgpTopology::GetSpeaker(uint32_t v) const
{
    return m_speakers.at(v);
}

void
RtmBgpTopology::Install()
{
    Install(Options());
}

void
RtmBgpTopology::Install(const Options& options)
{
    m_options = options;
    RtmBgpHelper bgp;
    bgp.Set("MraiEbgp", TimeValue(options.mrai));
    bgp.Set("MraiIbgp", TimeValue(options.mrai));
    bgp.Set("StartupDelay", TimeValue(options.startupDelay));
    uint32_t n = m_topo.GetNRouters();
    m_speakers.assign(n, nullptr);
    for (uint32_t v = 0; v < n; ++v)
    {
        m_speakers[v] = bgp.Install(m_topo.nodes.Get(v), AsOf(v));
        if (m_topo.routerAddress[v] != Ipv4Address::GetAny())
        {
            m_speakers[v]->Originate(RtmNetAddress::FromIpv4(m_topo.routerAddress[v]));
        }
    }
    // Router addresses per connected component (what each speaker can ever learn).
    m_reachable.assign(n, 0);
    std::vector<int64_t> comp(n, -1);
    for (uint32_t v = 0; v < n; ++v)
    {
        if (comp[v] >= 0)
        {
            continue;
        }
        std::vector<uint32_t> members;
        std::deque<uint32_t> q = {v};
        comp[v] = v;
        while (!q.empty())
        {
            uint32_t u = q.front();
            q.pop_front();
            members.push_back(u);
            auto range = boost::adjacent_vertices(u, m_topo.graph);
            for (auto it = range.first; it != range.second; ++it)
            {
                auto w = static_cast<uint32_t>(*it);
                if (comp[w] < 0)
                {
                    comp[w] = v;
                    q.push_back(w);
                }
            }
        }
        uint32_t addresses = 0;
        for (uint32_t u : members)
        {
            addresses += m_topo.routerAddress[u] != Ipv4Address::GetAny() ? 1 : 0;
        }
        for (uint32_t u : members)
        {
            m_reachable[u] = addresses;
        }
    }
    RtmBgpNeighborConfig config;
    config.holdTime = options.holdTime;
    config.connectRetryTime = Seconds(5);
    for (const auto& l : m_topo.links)
    {
        RtmBgpNeighborConfig ca = config;
        RtmBgpNeighborConfig cb = config;
        ca.localAddress = RtmNetAddress::FromIpv4(l.addrA);
        cb.localAddress = RtmNetAddress::FromIpv4(l.addrB);
        RtmBgpHelper::Peer(m_topo.nodes.Get(l.a),
                           RtmNetAddress::FromIpv4(l.addrA),
                           m_topo.nodes.Get(l.b),
                           RtmNetAddress::FromIpv4(l.addrB),
                           ca,
                           cb);
        SessionEnd ea{
            l.a,
            static_cast<uint32_t>(m_speakers[l.a]->FindNeighbor(RtmNetAddress::FromIpv4(l.addrB)))};
        SessionEnd eb{
            l.b,
            static_cast<uint32_t>(m_speakers[l.b]->FindNeighbor(RtmNetAddress::FromIpv4(l.addrA)))};
        m_sessionPairs.emplace_back(ea, eb);
    }
    // UPDATE counts of each session when it last reached Established (the counters are
    // cumulative over connections; what was in a connection that broke is lost, not in flight).
    m_base.assign(n, {});
    for (uint32_t v = 0; v < n; ++v)
    {
        m_base[v].assign(m_speakers[v]->GetNNeighbors(), Base());
        m_stateTraces.push_back(
            RtmMakeCallback<void, const RtmNetAddress&, RtmBgpState, RtmBgpState>(
                [this, v](const RtmNetAddress& peer, RtmBgpState, RtmBgpState to) {
                    int32_t k = m_speakers[v]->FindNeighbor(peer);
                    if (to == RtmBgpState::Established && k >= 0)
                    {
                        const RtmBgpSession& s = m_speakers[v]->GetSession(k);
                        m_base[v][k] = Base{s.GetMessagesOut()[BGP_MSG_UPDATE],
                                            s.GetMessagesIn()[BGP_MSG_UPDATE]};
                    }
                }));
        m_speakers[v]->TraceConnectWithoutContext("State", m_stateTraces.back());
    }
}

RtmBgpTopology::~RtmBgpTopology()
{
    for (uint32_t v = 0; v < m_stateTraces.size(); ++v)
    {
        m_speakers[v]->TraceDisconnectWithoutContext("State", m_stateTraces[v]);
    }
}

uint64_t
RtmBgpTopology::UpdatesInFlight() const
{
    uint64_t inFlight = 0;
    auto sent = [this](const SessionEnd& e) {
        return m_speakers[e.v]->GetSession(e.k).GetMessagesOut()[BGP_MSG_UPDATE] -
               m_base[e.v][e.k].out;
    };
    auto received = [this](const SessionEnd& e) {
        return m_speakers[e.v]->GetSession(e.k).GetMessagesIn()[BGP_MSG_UPDATE] -
               m_base[e.v][e.k].in;
    };
    for (const auto& p : m_sessionPairs)
    {
        inFlight += sent(p.first) - std::min(sent(p.first), received(p.second));
        inFlight += sent(p.second) - std::min(sent(p.second), received(p.first));
    }
    return inFlight;
}

bool
RtmBgpTopology::Converged() const
{
    for (uint32_t v = 0; v < m_speakers.size(); ++v)
    {
        const Ptr<RtmBgpSpeaker>& s = m_speakers[v];
        if (s->GetNBest() < m_reachable[v])
        {
            return false;
        }
        for (uint32_t k = 0; k < s->GetNNeighbors(); ++k)
        {
            if (s->HasPendingOut(k))
            {
                return false;
            }
        }
    }
    return GetSessionStats().notEstablished == 0 && UpdatesInFlight() == 0;
}

RtmBgpTopology::Check
RtmBgpTopology::ValidatePathLengths(std::ostream* paths, uint32_t maxExamples) const
{
    Check c;
    uint32_t n = m_topo.GetNRouters();
    for (uint32_t s = 0; s < n; ++s)
    {
        // Hop distances from s (breadth-first over the graph).
        std::vector<int64_t> dist(n, -1);
        std::deque<uint32_t> q = {s};
        dist[s] = 0;
        while (!q.empty())
        {
            uint32_t u = q.front();
            q.pop_front();
            auto range = boost::adjacent_vertices(u, m_topo.graph);
            for (auto it = range.first; it != range.second; ++it)
            {
                auto w = static_cast<uint32_t>(*it);
                if (dist[w] < 0)
                {
                    dist[w] = dist[u] + 1;
                    q.push_back(w);
                }
            }
        }
        for (uint32_t d = 0; d < n; ++d)
        {
            if (d == s || m_topo.routerAddress[d] == Ipv4Address::GetAny())
            {
                continue;
            }
            ++c.pairs;
            Ptr<const RtmBgpAttributes> attrs;
            uint32_t peer = 0;
            bool has = m_speakers[s]->GetBest(RtmNetAddress::FromIpv4(m_topo.routerAddress[d]),
                                              attrs,
                                              peer);
            int64_t len = has ? attrs->asPath.Length() : -1;
            if (paths)
            {
                *paths << m_topo.RouterId(s) << " " << m_topo.RouterId(d) << " " << dist[d] << " "
                       << (has ? attrs->asPath.ToString() : std::string("none")) << "\n";
            }
            if (dist[d] < 0)
            {
                ++c.unreachable;
                if (has)
                {
                    ++c.mismatches;
                }
                continue;
            }
            if (len != dist[d])
            {
                ++c.mismatches;
                if (c.examples.size() < maxExamples)
                {
                    std::ostringstream os;
                    os << m_topo.RouterId(s) << " -> " << m_topo.RouterId(d) << ": hops " << dist[d]
                       << ", AS path "
                       << (has ? "\"" + attrs->asPath.ToString() + "\"" : std::string("none"));
                    c.examples.push_back(os.str());
                }
            }
        }
    }
    return c;
}

uint64_t
RtmBgpTopology::GetBestChanges() const
{
    uint64_t k = 0;
    for (const auto& s : m_speakers)
    {
        k += s->GetBestChanges();
    }
    return k;
}

Time
RtmBgpTopology::RunUntilConverged(Time step, Time quiet, Time limit)
{
    Time start = Simulator::Now();
    Time stableSince = Simulator::Now();
    uint64_t changes = GetBestChanges();
    while (Simulator::Now() - start < limit)
    {
        Simulator::Stop(step);
        Simulator::Run();
        uint64_t now = GetBestChanges();
        if (now != changes || !Converged())
        {
            changes = now;
            stableSince = Simulator::Now();
            continue;
        }
        if (Simulator::Now() - stableSince >= quiet)
        {
            return stableSince - start;
        }
    }
    return Seconds(-1);
}

RtmBgpTopology::SessionStats
RtmBgpTopology::GetSessionStats() const
{
    SessionStats st;
    for (const auto& s : m_speakers)
    {
        for (uint32_t k = 0; k < s->GetNNeighbors(); ++k)
        {
            const RtmBgpSession& session = s->GetSession(k);
            ++st.sessions;
            st.notEstablished += session.IsEstablished() ? 0 : 1;
            uint32_t up = session.GetEstablishedCount();
            st.reestablished += up > 1 ? up - 1 : 0;
            st.updatesOut += session.GetMessagesOut()[BGP_MSG_UPDATE];
            st.updatesIn += session.GetMessagesIn()[BGP_MSG_UPDATE];
        }
    }
    return st;
}

uint64_t
RtmBgpTopology::GetUpdatesSent() const
{
    uint64_t k = 0;
    for (const auto& s : m_speakers)
    {
        k += s->GetUpdatesSent();
    }
    return k;
}

} // namespace ns3
