/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRipNgClient: RIPng (RFC 2080) for IPv6 as a client of one RTM instance, on the engine it
 * shares with RIPv2 (RtmRipBase).
 */
#ifndef RTM_RIPNG_CLIENT_H
#define RTM_RIPNG_CLIENT_H

#include "rtm-rip-base.h"
#include "rtm-ripng-header.h"

#include "ns3/ipv6.h"

namespace ns3
{

/**
 * \ingroup rtm
 * \brief RIPng (RFC 2080) for IPv6 as a client of one RTM instance of a node (registered as
 * (RTM_PROTO_IP_RIP, 0) in its IPv6 table). The protocol engine is RtmRipBase, shared with
 * RIPv2; this class is the IPv6 wire: sockets, RtmRipNgHeader, link-local neighbours.
 *
 * **On the wire.** One UDP socket per interface of the instance that has a link-local address
 * (bound to the device and to port 521, member of ff02::9 there) sends updates to ff02::9 and
 * answers by unicast, from the link-local address, with hop limit 255; a message holds as many
 * entries as the interface MTU allows (RFC 2080 §2.1). A request with one entry ::/0 of metric 16
 * is a whole-table request. Responses are accepted only from port 521 of a link-local address
 * that is not the router's own, with hop limit 255 (RFC 2080 §2.4.2); a next-hop entry that is
 * not link-local means the sender. Learned routes use the neighbour's link-local address as next
 * hop on the receiving interface. Link-local, multicast, loopback and unspecified prefixes are
 * never carried. Any device type works (point-to-point, CSMA, FdNetDevice, ...).
 *
 * RIPng has no authentication of its own (RFC 2080 relies on IPsec).
 */
class RtmRipNgClient : public RtmRipBase
{
  public:
    static constexpr uint16_t RIPNG_PORT = 521; //!< the RIPng UDP port
    /// The RIPng multicast group (ff02::9).
    static Ipv6Address RipNgGroup();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmRipNgClient();
    ~RtmRipNgClient() override;

    /**
     * TracedCallback signature of RIPng messages sent or received.
     * \param header the message
     * \param peer the destination (sent) or the source (received)
     * \param interface the interface
     */
    typedef void (*MessageTracedCallback)(const RtmRipNgHeader& header,
                                          Ipv6Address peer,
                                          uint32_t interface);

  protected:
    void DoDispose() override;
    bool AttachIp(Ptr<Node> node) override;
    uint32_t GetNInterfaces() const override;
    bool InterfaceUsable(uint32_t interface) const override;
    Ptr<Socket> OpenSocket(uint32_t interface) override;
    void CloseSocket(uint32_t interface, Ptr<Socket> s) override;
    void SendRequest(uint32_t interface) override;
    void SendResponses(uint32_t interface,
                       const std::vector<RtmRipEntry>& entries,
                       const Address& to,
                       bool sendEmpty) override;
    Address GroupAddress() const override;
    bool IsOwnAddress(const RtmNetAddress& address) const override;
    bool IsNeighbour(uint32_t interface, const RtmNetAddress& address) const override;
    bool Carriable(const RtmNetAddress& prefix) const override;

  private:
    /// Socket receive callback.
    void Receive(Ptr<Socket> socket);
    /// Send one message.
    void SendMessage(uint32_t interface, const RtmRipNgHeader& h, const Address& to);
    /// \return the entries a message on \p interface may hold (MTU)
    uint32_t MaxEntries(uint32_t interface) const;

    Ptr<Ipv6> m_ipv6; //!< the node's IPv6

    TracedCallback<const RtmRipNgHeader&, Ipv6Address, uint32_t> m_txTrace; //!< Tx
    TracedCallback<const RtmRipNgHeader&, Ipv6Address, uint32_t> m_rxTrace; //!< Rx
};

} // namespace ns3

#endif /* RTM_RIPNG_CLIENT_H */
