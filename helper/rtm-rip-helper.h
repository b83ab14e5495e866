/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRipHelper: installs RIPv2 clients (RtmRipClient) on nodes that have the RTM, per instance,
 * with excluded interfaces, interface metrics and random streams.
 */
#ifndef RTM_RIP_HELPER_H
#define RTM_RIP_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-rip-client.h"
#include "ns3/rtm-ripng-client.h"

#include <map>
#include <set>
#include <string>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief What RtmRipHelper (RIPv2) and RtmRipNgHelper (RIPng) share: installs one client per
 * (node, RTM instance) on nodes that already have the RTM forwarding plane of the family
 * (RtmHelper, RtmIpv6Helper), with attributes, excluded interfaces and interface metrics given
 * at Install time. The router manager keeps the client (kind "rip" or "ripng").
 */
class RtmRipHelperBase
{
  public:
    virtual ~RtmRipHelperBase();

    /**
     * \brief Set an attribute of the clients installed from now on.
     * \param name an attribute of the client (ns3::RtmRipBase and the family's class)
     * \param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Do not run the protocol on an interface of a node (its subnet is still advertised
     * elsewhere when connected routes are redistributed).
     * \param node the node
     * \param interface the interface index of the family
     */
    void ExcludeInterface(Ptr<Node> node, uint32_t interface);

    /**
     * \brief Set the metric added to routes received on an interface (default 1).
     * \param node the node
     * \param interface the interface index of the family
     * \param metric 1..15
     */
    void SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint8_t metric);

    /**
     * \brief Start a client for RTM instance \p instance on each node (a node that has one for
     * that instance already is skipped). Aborts if a node has no RTM or the client cannot
     * start.
     * \param nodes the nodes
     * \param instance the RTM instance (a virtual router)
     */
    void Install(NodeContainer nodes, uint16_t instance = 0);

    /**
     * \brief Fix the random streams of the clients (all instances) of \p nodes.
     * \param nodes the nodes
     * \param stream the first stream
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  protected:
    /**
     * \param tid the client's TypeId
     * \param kind the router manager's name for it
     * \param family its address family
     */
    RtmRipHelperBase(TypeId tid, const std::string& kind, uint16_t family);

    /// Give \p client the settings of \p node before it starts (the family's own ones).
    virtual void Configure(Ptr<RtmRipBase> client, Ptr<Node> node) const;

    /// \return the client of (node, instance) of \p kind and \p family, or null
    static Ptr<RtmRipBase> GetClient(Ptr<Node> node,
                                     uint16_t instance,
                                     const std::string& kind,
                                     uint16_t family);

  private:
    ObjectFactory m_factory;                                   //!< the client
    std::string m_kind;                                        //!< "rip" or "ripng"
    uint16_t m_family;                                         //!< RTM_AF_INET or RTM_AF_INET6
    std::map<uint32_t, std::set<uint32_t>> m_excluded;         //!< node -> interfaces
    std::map<uint32_t, std::map<uint32_t, uint8_t>> m_metrics; //!< node -> if -> metric
};

/**
 * \ingroup rtm
 * \brief Installs RIPv2 clients (RtmRipClient) on nodes that already have the RTM (RtmHelper).
 *
 * \code
 *   RtmHelper rtm;                       // the RTM is the nodes' routing
 *   InternetStackHelper stack;
 *   stack.SetRoutingHelper(rtm);
 *   stack.Install(routers);
 *   // ... devices and addresses ...
 *   RtmRipHelper rip;
 *   rip.Set("SplitHorizon", EnumValue(RtmRipClient::POISON_REVERSE));
 *   rip.Set("AuthenticationType", StringValue("HmacSha256"));
 *   rip.Set("AuthenticationKey", StringValue("secret"));
 *   rip.ExcludeInterface(edge, 2);       // no RIP toward a host
 *   rip.SetInterfaceMetric(core, 1, 3);  // a costlier link
 *   rip.Install(routers);                // instance 0
 *   rip.AssignStreams(routers, 100);
 * \endcode
 */
class RtmRipHelper : public RtmRipHelperBase
{
  public:
    RtmRipHelper();

    /**
     * \brief Set the authentication of one interface of a node (the clients' Authentication*
     * attributes are the default of the others).
     * \param node the node
     * \param interface the IPv4 interface index
     * \param key method, key and key id
     */
    void SetInterfaceAuthentication(Ptr<Node> node, uint32_t interface, const RtmRipAuthKey& key);

    /**
     * \brief The RIP client of (node, instance).
     * \param node the node
     * \param instance the instance
     * \return the client, or null
     */
    static Ptr<RtmRipClient> GetRipClient(Ptr<Node> node, uint16_t instance = 0);

  protected:
    void Configure(Ptr<RtmRipBase> client, Ptr<Node> node) const override;

  private:
    std::map<uint32_t, std::map<uint32_t, RtmRipAuthKey>> m_auth; //!< node -> if -> key
};

/**
 * \ingroup rtm
 * \brief Installs RIPng clients (RtmRipNgClient) on nodes that already have the RTM IPv6
 * forwarding plane (RtmIpv6Helper).
 *
 * \code
 *   RtmHelper rtm;
 *   RtmIpv6Helper rtm6(rtm);
 *   InternetStackHelper stack;
 *   stack.SetRoutingHelper(rtm);
 *   stack.SetRoutingHelper(rtm6);
 *   stack.Install(routers);
 *   // ... devices, Ipv6AddressHelper::Assign (link-local addresses come with it) ...
 *   RtmRipNgHelper ripng;
 *   ripng.Install(routers);              // instance 0, RIPng on UDP 521, ff02::9
 * \endcode
 */
class RtmRipNgHelper : public RtmRipHelperBase
{
  public:
    RtmRipNgHelper();

    /**
     * \brief The RIPng client of (node, instance).
     * \param node the node
     * \param instance the instance
     * \return the client, or null
     */
    static Ptr<RtmRipNgClient> GetRipNgClient(Ptr<Node> node, uint16_t instance = 0);
};

} // namespace ns3

#endif /* RTM_RIP_HELPER_H */
