/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRipClient: RIPv2 (RFC 2453) for IPv4 as a client of one RTM instance: neighbours in its own
 * next-hop list, routes with timeout and garbage collection, split horizon / poison reverse,
 * triggered updates, hold-down through HoldDestination.
 */
#ifndef RTM_RIP_CLIENT_H
#define RTM_RIP_CLIENT_H

#include "rtm-rip-auth.h"
#include "rtm-rip-base.h"
#include "rtm-rip-header.h"

#include "ns3/ipv4.h"

#include <map>
#include <utility>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief RIPv2 (RFC 2453) for IPv4 as a client of one RTM instance of a node (registered as
 * (RTM_PROTO_IP_RIP, 0) in its IPv4 table). The protocol engine is RtmRipBase; this class is the
 * IPv4 wire: sockets, RtmRipHeader, neighbours on IPv4 subnets, and authentication.
 *
 * **On the wire.** One UDP socket per interface of the instance (bound to the device, port 520;
 * excluded interfaces have none) sends updates to 224.0.0.9 with TTL 1 and answers requests by
 * unicast, 25 entries per message (fewer when authenticated: the datagram stays within 512
 * bytes, RtmRipHeader::GetRoom). At start-up (and when an interface
 * comes up) it sends a whole-table request. A request with one entry of metric 16 is a
 * whole-table request when its family is 0 (RFC 2453 §3.9.1) and also, when it comes from port
 * 520, when it is family 2 with 0.0.0.0/0 (ns-3's Rip asks that way); from another port that
 * is a query for the default route. Responses are accepted from port 520 of another host of a
 * subnet of the receiving interface; next hops that are not such a host are ignored (the sender
 * is used). Any device type works (point-to-point, CSMA, FdNetDevice, ...).
 *
 * **Authentication** (per interface; the attributes are the default of every interface,
 * SetInterfaceAuthentication overrides one): None, SimplePassword (RFC 2453 §4.1), KeyedMd5 or
 * HmacSha256 (RFC 4822, with a key id and a sequence number that grows by one per message sent).
 * A message without the interface's authentication, with another method, key id or password,
 * with a wrong digest, or with a sequence number below the neighbour's last (unless the
 * neighbour was silent for TimeoutDelay, as after a restart) is dropped and counted; a message
 * with authentication where none is configured too.
 */
class RtmRipClient : public RtmRipBase
{
  public:
    static constexpr uint16_t RIP_PORT = 520; //!< the RIP UDP port
    /// The RIPv2 multicast group (224.0.0.9).
    static Ipv4Address RipGroup();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmRipClient();
    ~RtmRipClient() override;

    /**
     * \brief Set the authentication of one interface (overrides the Authentication* attributes).
     * \param interface the IPv4 interface index
     * \param key method, key and key id
     */
    void SetInterfaceAuthentication(uint32_t interface, const RtmRipAuthKey& key);
    /// \return the authentication of \p interface
    RtmRipAuthKey GetInterfaceAuthentication(uint32_t interface) const;

    /**
     * TracedCallback signature of RIP messages sent or received.
     * \param header the message
     * \param peer the destination (sent) or the source (received)
     * \param interface the interface
     */
    typedef void (*MessageTracedCallback)(const RtmRipHeader& header,
                                          Ipv4Address peer,
                                          uint32_t interface);

  protected:
    void DoDispose() override;
    bool AttachIp(Ptr<Node> node) override;
    uint32_t GetNInterfaces() const override;
    bool InterfaceUsable(uint32_t interface) const override;
    Ptr<Socket> OpenSocket(uint32_t interface) override;
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
    /// The sequence state of a neighbour (RFC 4822).
    struct Peer
    {
        uint32_t sequence{0}; //!< last sequence number accepted
        Time heard;           //!< when
    };

    /// Socket receive callback.
    void Receive(Ptr<Socket> socket);
    /// Check the authentication of a parsed message. \return false (and the reason) to drop it
    bool CheckAuth(const RtmRipHeader& h,
                   const std::vector<uint8_t>& bytes,
                   Ipv4Address from,
                   uint32_t interface,
                   RtmRipDropReason& why);
    /// Send one message (authenticated as the interface says).
    void SendMessage(uint32_t interface, RtmRipHeader& h, const Address& to);
    /// \return an empty message for \p interface (authentication set)
    RtmRipHeader NewMessage(uint32_t interface, uint8_t command);

    RtmRipAuthType m_authType; //!< AuthenticationType
    std::string m_authKey;     //!< AuthenticationKey
    uint8_t m_authKeyId;       //!< AuthenticationKeyId

    Ptr<Ipv4> m_ipv4;                                      //!< the node's IPv4
    std::map<uint32_t, RtmRipAuthKey> m_auth;              //!< per-interface authentication
    std::map<uint32_t, uint32_t> m_sequence;               //!< interface -> next sequence
    std::map<std::pair<uint32_t, uint32_t>, Peer> m_peers; //!< (interface, address) -> peer

    TracedCallback<const RtmRipHeader&, Ipv4Address, uint32_t> m_txTrace; //!< Tx
    TracedCallback<const RtmRipHeader&, Ipv4Address, uint32_t> m_rxTrace; //!< Rx
};

} // namespace ns3

#endif /* RTM_RIP_CLIENT_H */
