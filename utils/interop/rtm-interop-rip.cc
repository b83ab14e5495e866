/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The RIPv2 ("rip") and RIPng ("ripng") plug-ins of rtm-interop: the RTM's RIP clients on every
 * router, not on rN's host and stub interfaces (their subnets are advertised as connected
 * routes). rN advertises what it redistributes with --<name>OriginMetric and --<name>OriginTag,
 * so that metrics and tags other than the defaults cross to the daemon. RIPv2 authenticates r1's
 * external interface as --ripAuth says (the internal links stay unauthenticated). Timers are
 * set with ns-3's own options, e.g. --ns3::RtmRipBase::UpdateInterval=5s.
 *
 * Extra output: `drop node= proto= reason= from= if=` for every message or entry a client
 * drops (the Drop trace), and `counters` at the end.
 */
#include "rtm-interop.h"

#include "ns3/rtm-module.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace rtminterop
{
namespace
{

/// Print a `drop` line.
void
PrintDrop(std::string node,
          std::string proto,
          Ptr<const Packet> packet,
          const RtmNetAddress& from,
          uint32_t interface,
          RtmRipDropReason reason)
{
    std::ostringstream os;
    os << "node=" << node << " proto=" << proto << " reason=" << reason
       << " from=" << from.AddressString() << " if=" << interface;
    Emit("drop", os.str());
}

/// RIPv2 or RIPng, on every router of the lab.
class RipPlugin : public Protocol
{
  public:
    explicit RipPlugin(bool ng)
        : m_ng(ng)
    {
    }

    std::string Name() const override
    {
        return m_ng ? "ripng" : "rip";
    }

    void AddOptions(CommandLine& cmd) override
    {
        const std::string n = Name();
        cmd.AddValue(n + "OriginMetric",
                     "metric with which the last router advertises its subnets (1..15)",
                     m_originMetric);
        cmd.AddValue(n + "OriginTag", "route tag the last router gives its subnets", m_originTag);
        if (!m_ng)
        {
            cmd.AddValue("ripAuth",
                         "authentication on r1's external interface: none, password, md5, "
                         "hmac-sha256",
                         m_auth);
            cmd.AddValue("ripKey", "password or key", m_key);
            cmd.AddValue("ripKeyId", "RFC 4822 key id", m_keyId);
        }
    }

    void Install(Lab& lab) override
    {
        m_lab = &lab;
        uint32_t last = lab.routers.GetN() - 1;
        NodeContainer inner;
        for (uint32_t k = 0; k < last; ++k)
        {
            inner.Add(lab.routers.Get(k));
        }
        NodeContainer edge(lab.routers.Get(last));
        if (m_ng)
        {
            NS_ABORT_MSG_IF(!lab.ipv6, "rtm-interop: ripng needs --address6");
            RtmRipNgHelper helper;
            RtmRipNgHelper origin;
            Setup(helper, origin, lab);
            helper.Install(inner);
            origin.Install(edge);
            helper.AssignStreams(lab.routers, 200);
        }
        else
        {
            RtmRipHelper helper;
            RtmRipHelper origin;
            Setup(helper, origin, lab);
            RtmRipAuthKey key;
            key.type = ParseAuth(m_auth);
            key.key = m_key;
            key.keyId = static_cast<uint8_t>(m_keyId);
            helper.SetInterfaceAuthentication(lab.routers.Get(0), lab.externalIf4, key);
            helper.Install(inner);
            origin.Install(edge);
            helper.AssignStreams(lab.routers, 100);
        }
        for (uint32_t k = 0; k < lab.routers.GetN(); ++k)
        {
            Client(k)->TraceConnectWithoutContext(
                "Drop",
                MakeBoundCallback(&PrintDrop, RouterName(k), Name()));
        }
    }

    void PrintCounters() const override
    {
        for (uint32_t k = 0; m_lab != nullptr && k < m_lab->routers.GetN(); ++k)
        {
            Ptr<RtmRipBase> c = Client(k);
            std::ostringstream os;
            os << "node=" << RouterName(k) << " proto=" << Name()
               << " updates-sent=" << c->GetUpdatesSent()
               << " updates-received=" << c->GetUpdatesReceived()
               << " requests-sent=" << c->GetRequestsSent()
               << " requests-received=" << c->GetRequestsReceived()
               << " expired=" << c->GetRoutesExpired() << " routes=" << c->GetNRoutes()
               << " drops=" << c->GetDropCount();
            for (uint32_t r = 0; r < static_cast<uint32_t>(RtmRipDropReason::Count); ++r)
            {
                auto reason = static_cast<RtmRipDropReason>(r);
                if (c->GetDropCount(reason) > 0)
                {
                    os << " drop:" << reason << "=" << c->GetDropCount(reason);
                }
            }
            Emit("counters", os.str());
        }
    }

  private:
    /// Common settings: no RIP toward the host and the stubs; the origin's metric and tag.
    void Setup(RtmRipHelperBase& helper, RtmRipHelperBase& origin, const Lab& lab) const
    {
        Ptr<Node> rN = lab.routers.Get(lab.routers.GetN() - 1);
        for (uint32_t i : lab.edge)
        {
            origin.ExcludeInterface(rN, i);
        }
        origin.Set("RedistributedMetric", UintegerValue(m_originMetric));
        origin.Set("RedistributedTag", UintegerValue(m_originTag));
    }

    static RtmRipAuthType ParseAuth(const std::string& name)
    {
        for (auto t : {RtmRipAuthType::NONE,
                       RtmRipAuthType::SIMPLE_PASSWORD,
                       RtmRipAuthType::KEYED_MD5,
                       RtmRipAuthType::HMAC_SHA256})
        {
            if (RtmRipAuthTypeName(t) == name)
            {
                return t;
            }
        }
        NS_FATAL_ERROR("rtm-interop: unknown --ripAuth " << name);
        return RtmRipAuthType::NONE;
    }

    Ptr<RtmRipBase> Client(uint32_t k) const
    {
        Ptr<Node> node = m_lab->routers.Get(k);
        Ptr<RtmRipBase> c;
        if (m_ng)
        {
            c = RtmRipNgHelper::GetRipNgClient(node);
        }
        else
        {
            c = RtmRipHelper::GetRipClient(node);
        }
        NS_ABORT_MSG_IF(!c, "rtm-interop: no " << Name() << " client on " << RouterName(k));
        return c;
    }

    bool m_ng;                  //!< RIPng rather than RIPv2
    const Lab* m_lab{nullptr};  //!< the lab, once installed
    uint32_t m_originMetric{1}; //!< rN's RedistributedMetric
    uint32_t m_originTag{0};    //!< rN's RedistributedTag
    std::string m_auth{"none"}; //!< r1's external authentication
    std::string m_key;          //!< its key
    uint32_t m_keyId{1};        //!< its key id
};

} // namespace

std::unique_ptr<Protocol>
MakeRipProtocol()
{
    return std::make_unique<RipPlugin>(false);
}

std::unique_ptr<Protocol>
MakeRipNgProtocol()
{
    return std::make_unique<RipPlugin>(true);
}

} // namespace rtminterop
