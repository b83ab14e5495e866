/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The BGP plug-in ("bgp") of rtm-interop: a BGP speaker on every router, router k in AS
 * --bgpAs + k - 1 (eBGP along the line, IPv4 transport, IPv4 and IPv6 unicast), each
 * redistributing its connected subnets; r1 also peers with the daemon (--bgpPeer, AS
 * --bgpPeerAs: eBGP, or iBGP when it equals --bgpAs, then with next-hop-self). With --bgpPolicy
 * r1's session with the daemon has policies (TAG: --bgpPeerTagAs, a 2-octet AS):
 *   import  routes with community TAG:666 are rejected; routes with TAG:300 get LOCAL_PREF 300;
 *   export  the host subnet (10.78.200.0/24, fd00:78:200::/64) is prepended twice; the stub
 *           subnets (10.79/16 and fd00:79::/32, length 24 or 64) get the community BGP_AS:99.
 * Timers and MRAI are set with ns-3's own options (--ns3::RtmBgpSpeaker::MraiEbgp=0s).
 *
 * Extra output:
 *   bgp-state  node= peer= from= to= established= notification-in=CODE/SUB notification-out=
 *   bgp-best   node= prefix= aspath= localpref= med= nexthop= communities=A:B,...   (r1 only;
 *              aspath "-" when empty, localpref "-" when absent; no attributes: removed=1)
 *   bgp-error  node= peer= reason= action=
 *   counters   at the end (r1 also: daemon-in= daemon-out=, the messages of its session with
 *              the daemon by type, OPEN/UPDATE/NOTIFICATION/KEEPALIVE/ROUTE-REFRESH)
 */
#include "rtm-interop.h"

#include "ns3/boolean.h"
#include "ns3/rtm-bgp-helper.h"
#include "ns3/rtm-module.h"

#include <sstream>

namespace rtminterop
{
namespace
{

/// "A:B" of a community
std::string
Community(uint32_t c)
{
    return std::to_string(c >> 16) + ":" + std::to_string(c & 0xffff);
}

/// BGP on every router of the lab.
class BgpPlugin : public Protocol
{
  public:
    std::string Name() const override
    {
        return "bgp";
    }

    void AddOptions(CommandLine& cmd) override
    {
        cmd.AddValue("bgpAs", "AS of r1 (router k: bgpAs + k - 1)", m_as);
        cmd.AddValue("bgpPeer", "the daemon's address (r1's neighbour)", m_peer);
        cmd.AddValue("bgpPeerAs", "the daemon's AS (equal to bgpAs: iBGP)", m_peerAs);
        cmd.AddValue("bgpPeerTagAs",
                     "AS half of the communities the import policy matches",
                     m_tagAs);
        cmd.AddValue("bgpPolicy", "r1's import and export policies toward the daemon", m_policy);
        cmd.AddValue("bgpConnectRetry", "ConnectRetryTime of every session", m_connectRetry);
        cmd.AddValue("bgpHoldTime", "proposed hold time of every session (s)", m_holdTime);
    }

    void Install(Lab& lab) override
    {
        m_lab = &lab;
        RtmBgpHelper helper;
        helper.Set("RedistributeConnected", BooleanValue(true));
        for (uint32_t k = 0; k < lab.routers.GetN(); ++k)
        {
            helper.Install(lab.routers.Get(k), m_as + k);
        }
        RtmBgpNeighborConfig config;
        config.ipv6Unicast = lab.ipv6;
        config.connectRetryTime = m_connectRetry;
        config.holdTime = static_cast<uint16_t>(m_holdTime);
        for (uint32_t k = 0; k + 1 < lab.routers.GetN(); ++k)
        {
            NS_ABORT_IF(!RtmBgpHelper::Peer(lab.routers.Get(k), lab.routers.Get(k + 1), config));
        }
        Ptr<RtmBgpSpeaker> r1 = Speaker(0);
        RtmBgpNeighborConfig daemon = config;
        NS_ABORT_MSG_IF(!RtmNetAddress::Parse(m_peer + "/32", daemon.address),
                        "rtm-interop: bad --bgpPeer");
        daemon.remoteAs = m_peerAs;
        daemon.nextHopSelf = m_peerAs == m_as;
        daemon.description = "daemon";
        if (m_policy)
        {
            daemon.importPolicy = ImportPolicy();
            daemon.exportPolicy = ExportPolicy();
        }
        r1->AddNeighbor(daemon);
        helper.AssignStreams(lab.routers, 400);
        for (uint32_t k = 0; k < lab.routers.GetN(); ++k)
        {
            Ptr<RtmBgpSpeaker> s = Speaker(k);
            s->TraceConnectWithoutContext(
                "State",
                RtmMakeCallback<void, const RtmNetAddress&, RtmBgpState, RtmBgpState>(
                    [this, k](const RtmNetAddress& peer, RtmBgpState from, RtmBgpState to) {
                        PrintState(k, peer, from, to);
                    }));
            s->TraceConnectWithoutContext(
                "Error",
                RtmMakeCallback<void, const RtmNetAddress&, RtmBgpReason, RtmBgpAction>(
                    [k](const RtmNetAddress& peer, RtmBgpReason reason, RtmBgpAction action) {
                        std::ostringstream os;
                        os << "node=" << RouterName(k) << " peer=" << peer.AddressString()
                           << " reason=" << RtmBgpReasonName(reason)
                           << " action=" << RtmBgpActionName(action);
                        Emit("bgp-error", os.str());
                    }));
        }
        r1->TraceConnectWithoutContext(
            "BestChange",
            RtmMakeCallback<void, const RtmNetAddress&, Ptr<const RtmBgpAttributes>>(
                [](const RtmNetAddress& prefix, Ptr<const RtmBgpAttributes> a) {
                    PrintBest(prefix, a);
                }));
    }

    void PrintCounters() const override
    {
        for (uint32_t k = 0; m_lab != nullptr && k < m_lab->routers.GetN(); ++k)
        {
            Ptr<RtmBgpSpeaker> s = Speaker(k);
            std::ostringstream os;
            os << "node=" << RouterName(k) << " proto=bgp updates-sent=" << s->GetUpdatesSent()
               << " updates-received=" << s->GetUpdatesReceived()
               << " import-rejects=" << s->GetImportRejects() << " errors=" << s->GetErrorTotal()
               << " best=" << s->GetNBest() << " established=" << s->GetNEstablished();
            RtmNetAddress peer;
            int32_t n =
                k == 0 && RtmNetAddress::Parse(m_peer + "/32", peer) ? s->FindNeighbor(peer) : -1;
            if (n >= 0)
            {
                const RtmBgpSession& session = s->GetSession(n);
                for (const auto& dir : {std::make_pair("in", session.GetMessagesIn()),
                                        std::make_pair("out", session.GetMessagesOut())})
                {
                    os << " daemon-" << dir.first << "=";
                    for (uint32_t t = 1; t <= 5; ++t)
                    {
                        os << (t > 1 ? "/" : "") << dir.second[t];
                    }
                }
            }
            Emit("counters", os.str());
        }
    }

  private:
    Ptr<RtmBgpSpeaker> Speaker(uint32_t k) const
    {
        Ptr<RtmBgpSpeaker> s = RtmBgpHelper::GetSpeaker(m_lab->routers.Get(k));
        NS_ABORT_MSG_IF(!s, "rtm-interop: no BGP speaker on " << RouterName(k));
        return s;
    }

    /// Print a `bgp-state` line with the session's counters and last NOTIFICATIONs.
    void PrintState(uint32_t k, const RtmNetAddress& peer, RtmBgpState from, RtmBgpState to) const
    {
        Ptr<RtmBgpSpeaker> s = Speaker(k);
        std::ostringstream os;
        os << "node=" << RouterName(k) << " peer=" << peer.AddressString()
           << " from=" << RtmBgpStateName(from) << " to=" << RtmBgpStateName(to);
        int32_t n = s->FindNeighbor(peer);
        if (n >= 0)
        {
            const RtmBgpSession& session = s->GetSession(n);
            const RtmBgpNotify& in = session.GetLastNotificationReceived();
            const RtmBgpNotify& out = session.GetLastNotificationSent();
            os << " established=" << session.GetEstablishedCount()
               << " notifications-in=" << session.GetMessagesIn()[3]
               << " notification-in=" << static_cast<uint32_t>(in.code) << "/"
               << static_cast<uint32_t>(in.subcode)
               << " notifications-out=" << session.GetMessagesOut()[3]
               << " notification-out=" << static_cast<uint32_t>(out.code) << "/"
               << static_cast<uint32_t>(out.subcode);
        }
        Emit("bgp-state", os.str());
    }

    /// Print a `bgp-best` line.
    static void PrintBest(const RtmNetAddress& prefix, Ptr<const RtmBgpAttributes> a)
    {
        std::ostringstream os;
        os << "node=r1 prefix=" << prefix.ToString();
        if (!a)
        {
            os << " removed=1";
            Emit("bgp-best", os.str());
            return;
        }
        std::string path = a->asPath.ToString();
        for (auto& c : path)
        {
            c = c == ' ' ? '_' : c;
        }
        os << " aspath=" << (path.empty() ? "-" : path)
           << " localpref=" << (a->hasLocalPref ? std::to_string(a->localPref) : "-")
           << " med=" << (a->hasMed ? std::to_string(a->med) : "-")
           << " nexthop=" << a->nextHop.AddressString() << " communities=";
        for (std::size_t i = 0; i < a->communities.size(); ++i)
        {
            os << (i ? "," : "") << Community(a->communities[i]);
        }
        Emit("bgp-best", os.str());
    }

    /// r1's import policy toward the daemon (see the file comment).
    Ptr<RtmBgpPolicy> ImportPolicy() const
    {
        Ptr<RtmBgpPolicy> p = Create<RtmBgpPolicy>();
        RtmBgpPolicyMatch reject;
        reject.communitiesAny.push_back((m_tagAs & 0xffff) << 16 | 666);
        p->AddTerm(reject, RtmBgpPolicy::Reject());
        RtmBgpPolicyMatch prefer;
        prefer.communitiesAny.push_back((m_tagAs & 0xffff) << 16 | 300);
        RtmBgpPolicyAction lp;
        lp.setLocalPref = 300;
        p->AddTerm(prefer, lp);
        return p;
    }

    /// r1's export policy toward the daemon (see the file comment).
    Ptr<RtmBgpPolicy> ExportPolicy() const
    {
        Ptr<RtmBgpPolicy> p = Create<RtmBgpPolicy>();
        RtmBgpPolicyMatch host;
        RtmBgpPolicyMatch stubs;
        RtmBgpPrefixRange r;
        for (const char* text : {"10.78.200.0/24", "fd00:78:200::/64"})
        {
            NS_ABORT_IF(!RtmBgpPrefixRange::Parse(text, r));
            host.prefixes.push_back(r);
        }
        for (const char* text : {"10.79.0.0/16 ge 24 le 24", "fd00:79::/32 ge 64 le 64"})
        {
            NS_ABORT_IF(!RtmBgpPrefixRange::Parse(text, r));
            stubs.prefixes.push_back(r);
        }
        RtmBgpPolicyAction prepend;
        prepend.prepend = 2;
        p->AddTerm(host, prepend);
        RtmBgpPolicyAction tag;
        tag.addCommunities.push_back((m_as & 0xffff) << 16 | 99);
        p->AddTerm(stubs, tag);
        return p;
    }

    const Lab* m_lab{nullptr};       //!< the lab, once installed
    uint32_t m_as{65001};            //!< r1's AS
    std::string m_peer{"10.77.0.1"}; //!< the daemon's address
    uint32_t m_peerAs{65077};        //!< the daemon's AS
    uint32_t m_tagAs{65077};         //!< AS half of the daemon's communities
    bool m_policy{false};            //!< r1's policies toward the daemon
    Time m_connectRetry{Seconds(1)}; //!< ConnectRetryTime
    uint32_t m_holdTime{9};          //!< proposed hold time
};

} // namespace

std::unique_ptr<Protocol>
MakeBgpProtocol()
{
    return std::make_unique<BgpPlugin>();
}

} // namespace rtminterop
