/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPFv2 plug-in ("ospf") of rtm-interop: the RTM's OSPF client on every router, in the
 * backbone; rN's host and stub interfaces passive (advertised as stub links, no packets). r1's
 * external interface toward the daemon is point-to-point or broadcast (--ospfType), with a cost,
 * a router priority and MD5 authentication as the options say. Timers are set with ns-3's own
 * options, e.g. --ns3::RtmOspfClient::HelloInterval=1s.
 *
 * Extra output:
 *   ospf-nbr   node= if= router= from= to=          every neighbour state change (trace)
 *   ospf-if    node= if= from= to= dr= bdr=         every interface state change (trace)
 *   lsdb       node= rid= n= lsas=T/ID/ADV/SEQ/CKSUM,... (area 0 then AS-external; SEQ and
 *              CKSUM in hex), printed whenever r1's or another router's database changed
 *              (polled every 100 ms)
 *   drop       node= proto=ospf reason= from= if=   every drop (trace)
 *   counters   at the end
 */
#include "rtm-interop.h"

#include "ns3/rtm-module.h"
#include "ns3/rtm-ospf-helper.h"

#include <cstdio>
#include <sstream>

namespace rtminterop
{
namespace
{

/// Print an `ospf-nbr` line.
void
PrintNeighbor(std::string node,
              uint32_t interface,
              Ipv4Address routerId,
              RtmOspfNbrState from,
              RtmOspfNbrState to)
{
    std::ostringstream os;
    os << "node=" << node << " if=" << interface << " router=" << routerId
       << " from=" << RtmOspfNbrStateName(from) << " to=" << RtmOspfNbrStateName(to);
    Emit("ospf-nbr", os.str());
}

/// Print a `drop` line.
void
PrintDrop(std::string node, uint32_t interface, Ipv4Address source, RtmOspfDrop reason)
{
    std::ostringstream os;
    os << "node=" << node << " proto=ospf reason=" << RtmOspfDropName(reason) << " from=" << source
       << " if=" << interface;
    Emit("drop", os.str());
}

/// OSPFv2 on every router of the lab.
class OspfPlugin : public Protocol
{
  public:
    std::string Name() const override
    {
        return "ospf";
    }

    void AddOptions(CommandLine& cmd) override
    {
        cmd.AddValue("ospfType", "r1's external interface: ptp or broadcast", m_type);
        cmd.AddValue("ospfCost", "r1's external interface cost", m_cost);
        cmd.AddValue("ospfPriority", "r1's external router priority", m_priority);
        cmd.AddValue("ospfMd5Key", "MD5 key on r1's external interface (empty: none)", m_key);
        cmd.AddValue("ospfMd5KeyId", "its key id", m_keyId);
    }

    void Install(Lab& lab) override
    {
        m_lab = &lab;
        NS_ABORT_MSG_IF(m_type != "ptp" && m_type != "broadcast",
                        "rtm-interop: --ospfType is ptp or broadcast");
        RtmOspfHelper helper;
        RtmOspfIfConfig ext;
        ext.type =
            m_type == "ptp" ? RtmOspfNetworkType::PointToPoint : RtmOspfNetworkType::Broadcast;
        ext.cost = m_cost;
        ext.priority = static_cast<uint8_t>(m_priority);
        if (!m_key.empty())
        {
            ext.auth = RtmOspfAuthConfig::Md5(static_cast<uint8_t>(m_keyId), m_key);
        }
        helper.SetInterfaceConfig(lab.routers.Get(0), lab.externalIf4, ext);
        Ptr<Node> rN = lab.routers.Get(lab.routers.GetN() - 1);
        for (uint32_t i : lab.edge)
        {
            RtmOspfIfConfig passive;
            passive.passive = true;
            helper.SetInterfaceConfig(rN, i, passive);
        }
        helper.Install(lab.routers);
        helper.AssignStreams(lab.routers, 300);
        m_digests.assign(lab.routers.GetN(), "");
        for (uint32_t k = 0; k < lab.routers.GetN(); ++k)
        {
            Ptr<RtmOspfClient> c = Client(k);
            c->TraceConnectWithoutContext("NeighborState",
                                          MakeBoundCallback(&PrintNeighbor, RouterName(k)));
            c->TraceConnectWithoutContext("Drop", MakeBoundCallback(&PrintDrop, RouterName(k)));
            c->TraceConnectWithoutContext(
                "InterfaceState",
                RtmMakeCallback<void, uint32_t, RtmOspfIfState, RtmOspfIfState>(
                    [this, k](uint32_t i, RtmOspfIfState from, RtmOspfIfState to) {
                        std::ostringstream os;
                        os << "node=" << RouterName(k) << " if=" << i
                           << " from=" << RtmOspfIfStateName(from)
                           << " to=" << RtmOspfIfStateName(to) << " dr=" << Client(k)->GetDr(i)
                           << " bdr=" << Client(k)->GetBdr(i);
                        Emit("ospf-if", os.str());
                    }));
        }
        RtmSchedule(MilliSeconds(100), [this]() { PollLsdb(); });
    }

    void PrintCounters() const override
    {
        for (uint32_t k = 0; m_lab != nullptr && k < m_lab->routers.GetN(); ++k)
        {
            Ptr<RtmOspfClient> c = Client(k);
            std::ostringstream os;
            os << "node=" << RouterName(k) << " proto=ospf";
            for (uint8_t t = 1; t <= 5; ++t)
            {
                std::string name = RtmOspfPacketTypeName(t);
                os << " sent-" << name << "="
                   << c->GetPacketsSent(static_cast<RtmOspfPacketType>(t)) << " received-" << name
                   << "=" << c->GetPacketsReceived(static_cast<RtmOspfPacketType>(t));
            }
            os << " originated=" << c->GetLsasOriginated()
               << " lsas-received=" << c->GetLsasReceived()
               << " retransmitted=" << c->GetLsaRetransmissions() << " spf-runs=" << c->GetSpfRuns()
               << " routes=" << c->GetNRoutes() << " drops=" << c->GetTotalDrops();
            for (uint32_t r = 0; r < static_cast<uint32_t>(RtmOspfDrop::Count); ++r)
            {
                auto reason = static_cast<RtmOspfDrop>(r);
                if (c->GetDrops(reason) > 0)
                {
                    os << " drop:" << RtmOspfDropName(reason) << "=" << c->GetDrops(reason);
                }
            }
            Emit("counters", os.str());
        }
    }

  private:
    /// Print the databases of the routers whose database changed since the last poll.
    void PollLsdb()
    {
        for (uint32_t k = 0; k < m_lab->routers.GetN(); ++k)
        {
            Ptr<RtmOspfClient> c = Client(k);
            std::ostringstream lsas;
            uint32_t n = 0;
            for (uint32_t scope : {OSPF_BACKBONE, RtmOspfClient::kExternalScope})
            {
                for (const RtmOspfLsaHeader& h : c->GetLsdb(scope))
                {
                    char seq[16];
                    char sum[8];
                    std::snprintf(seq, sizeof(seq), "%08x", static_cast<uint32_t>(h.seq));
                    std::snprintf(sum, sizeof(sum), "%04x", h.checksum);
                    lsas << (n++ == 0 ? "" : ",") << static_cast<uint32_t>(h.type) << "/"
                         << Ipv4Address(h.lsid) << "/" << Ipv4Address(h.advRouter) << "/" << seq
                         << "/" << sum;
                }
            }
            std::ostringstream line;
            line << "node=" << RouterName(k) << " rid=" << c->GetRouterId() << " n=" << n
                 << " lsas=" << lsas.str();
            if (line.str() != m_digests[k])
            {
                m_digests[k] = line.str();
                Emit("lsdb", line.str());
            }
        }
        RtmSchedule(MilliSeconds(100), [this]() { PollLsdb(); });
    }

    Ptr<RtmOspfClient> Client(uint32_t k) const
    {
        Ptr<RtmOspfClient> c = RtmOspfHelper::GetOspfClient(m_lab->routers.Get(k));
        NS_ABORT_MSG_IF(!c, "rtm-interop: no OSPF client on " << RouterName(k));
        return c;
    }

    const Lab* m_lab{nullptr};          //!< the lab, once installed
    std::string m_type{"ptp"};          //!< r1's external network type
    uint32_t m_cost{1};                 //!< its cost
    uint32_t m_priority{1};             //!< its priority
    std::string m_key;                  //!< MD5 key (empty: none)
    uint32_t m_keyId{1};                //!< its key id
    std::vector<std::string> m_digests; //!< the last lsdb line per router
};

} // namespace

std::unique_ptr<Protocol>
MakeOspfProtocol()
{
    return std::make_unique<OspfPlugin>();
}

} // namespace rtminterop
