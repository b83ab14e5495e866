/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpSession: one BGP neighbour of a speaker: the finite state machine of RFC 4271 §8 over
 * ns-3 TCP sockets, its timers and connection collision detection.
 */
#ifndef RTM_BGP_SESSION_H
#define RTM_BGP_SESSION_H

#include "rtm-bgp-attributes.h"
#include "rtm-bgp-error.h"
#include "rtm-bgp-open.h"
#include "rtm-bgp-policy.h"
#include "rtm-bgp-update.h"

#include "ns3/event-id.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-net-address.h"
#include "ns3/socket.h"

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace ns3
{

/// Session states (RFC 4271 §8.2.2).
enum class RtmBgpState : uint8_t
{
    Idle,        //!< not trying (stopped, or waiting for the automatic restart)
    Connect,     //!< our TCP connection is being set up
    Active,      //!< waiting for the peer's connection (or the ConnectRetry timer)
    OpenSent,    //!< OPEN sent, waiting for the peer's
    OpenConfirm, //!< OPEN received, waiting for a KEEPALIVE
    Established, //!< exchanging UPDATEs
};

/// \return the RFC name of \p s ("Idle", "Connect", ...)
const char* RtmBgpStateName(RtmBgpState s);

/**
 * \ingroup rtm
 * \brief Configuration of one BGP neighbour of a speaker.
 */
struct RtmBgpNeighborConfig
{
    RtmNetAddress address;               //!< the peer's address (IPv4 or IPv6 transport)
    uint32_t remoteAs{0};                //!< the peer's AS (equal to ours: iBGP)
    RtmNetAddress localAddress;          //!< our address for the session (null: the address of the
                                         //!< interface whose subnet holds the peer)
    uint16_t holdTime{90};               //!< proposed hold time, s (0: no keepalives; else >= 3)
    Time connectRetryTime{Seconds(120)}; //!< ConnectRetryTime (RFC 4271 §10: 120 s)
    Time mrai{Seconds(-1)}; //!< MinRouteAdvertisementInterval; negative: 30 s eBGP, 5 s iBGP
    bool passive{false};    //!< never open the connection, only accept it
    bool routeReflectorClient{false}; //!< the peer is our route-reflection client (RFC 4456)
    bool nextHopSelf{false};          //!< on iBGP, advertise our address as the next hop
    bool ipv4Unicast{true};           //!< offer IPv4 unicast
    bool ipv6Unicast{false};          //!< offer IPv6 unicast (MP_REACH_NLRI)
    RtmNetAddress nextHop6;           //!< our IPv6 next hop when the transport is IPv4 (null: the
                                      //!< first global address of the interface toward the peer)
    RtmNetAddress nextHop4;           //!< our IPv4 next hop when the transport is IPv6
    Ptr<RtmBgpPolicy> importPolicy;   //!< applied to routes received (null: accept all)
    Ptr<RtmBgpPolicy> exportPolicy;   //!< applied to routes sent (null: accept all)
    std::string description;          //!< a name for logs and prints
};

/**
 * \ingroup rtm
 * \brief What a session reports to its speaker.
 */
class RtmBgpSessionOwner
{
  public:
    virtual ~RtmBgpSessionOwner() = default;
    /// The session reached Established.
    virtual void OnEstablished(uint32_t peer) = 0;
    /// The session left Established (its routes must go).
    virtual void OnDown(uint32_t peer) = 0;
    /// An UPDATE arrived (already checked; treat-as-withdraw applied).
    virtual void OnUpdate(uint32_t peer, const RtmBgpUpdate& update) = 0;
    /// A ROUTE-REFRESH arrived for a negotiated family.
    virtual void OnRouteRefresh(uint32_t peer, uint16_t afi, uint8_t safi) = 0;
    /// The established connection can take more data.
    virtual void OnWritable(uint32_t peer) = 0;
    /// A message was found malformed or unexpected (counting and tracing).
    virtual void OnError(uint32_t peer, const RtmBgpParseResult& result) = 0;
    /// The state changed.
    virtual void OnStateChange(uint32_t peer, RtmBgpState from, RtmBgpState to) = 0;
};

/**
 * \ingroup rtm
 * \brief One BGP session (RFC 4271 §8): the finite state machine over ns-3 TCP sockets to one
 * neighbour, with the ConnectRetry, Hold and Keepalive timers, OPEN negotiation (hold time,
 * 4-octet AS, multiprotocol, route refresh) and connection collision resolution (§6.8).
 *
 * Up to two connections exist while a session comes up: ours (to port 179 of the peer) and the
 * peer's (accepted by the speaker's listening socket). Each goes through OpenSent and
 * OpenConfirm on its own; when an OPEN arrives and the other connection is in OpenConfirm,
 * the one opened by the speaker with the lower BGP identifier is closed with Cease/Connection
 * Collision Resolution. The session's state is the most advanced state of its connections
 * (Connect or Active when none has sent an OPEN yet).
 *
 * Messages are read from the TCP byte stream by length; every error ends in the action RFC
 * 4271 §6 / RFC 7606 give it: a NOTIFICATION and the connection closed for session resets,
 * the update reported (with its prefixes withdrawn) otherwise. After an error or a loss the
 * session restarts by itself after the speaker's IdleHoldTime (automatic start, §8.1.1).
 */
class RtmBgpSession
{
  public:
    /// Session timer settings given by the speaker.
    struct Timers
    {
        Time idleHold{Seconds(5)};      //!< automatic restart delay after an error
        Time openHold{Seconds(240)};    //!< hold timer while waiting for OPEN (RFC: 4 min)
        uint32_t tcpSegmentSize{1400};  //!< TCP segment size of the session's sockets
        uint32_t tcpBuffer{1 << 20};    //!< TCP send and receive buffers
        Ptr<UniformRandomVariable> rng; //!< jitter of the idle hold and ConnectRetry timers
    };

    /**
     * \param owner the speaker
     * \param index the neighbour index in the speaker
     * \param node the node
     * \param config the neighbour
     * \param myAs our AS \param bgpId our BGP identifier
     * \param timers speaker-wide timers
     */
    RtmBgpSession(RtmBgpSessionOwner* owner,
                  uint32_t index,
                  Ptr<Node> node,
                  const RtmBgpNeighborConfig& config,
                  uint32_t myAs,
                  uint32_t bgpId,
                  const Timers& timers);
    ~RtmBgpSession();

    /// ManualStart: begin (connect after \p delay unless passive; always accept).
    void Start(Time delay);
    /**
     * \brief ManualStop: Idle, no automatic restart.
     * \param notify send Cease/Administrative Shutdown first (else the TCP connection just
     * closes, as when a process exits)
     */
    void Stop(bool notify = true);
    /**
     * \brief Close the session with a NOTIFICATION (Cease by default); it restarts after the
     * idle hold time.
     */
    void Reset(uint8_t code = BGP_ERR_CEASE, uint8_t subcode = BGP_SUB_CEASE_ADMIN_RESET);

    /**
     * \brief A connection from the peer was accepted by the speaker.
     * \param socket the connected socket
     */
    void Accept(Ptr<Socket> socket);

    /// \return the state
    RtmBgpState GetState() const;

    /// Disable the TCP persist timer of a BGP socket (see the .cc for why). \param s the socket
    static void AvoidPersistTimer(Ptr<Socket> s);

    /// \return true if Established
    bool IsEstablished() const
    {
        return GetState() == RtmBgpState::Established;
    }

    /// \return the configuration
    const RtmBgpNeighborConfig& GetConfig() const
    {
        return m_config;
    }

    /// \return the configuration, editable (policies)
    RtmBgpNeighborConfig& GetConfig()
    {
        return m_config;
    }

    /// \return true if the peer is in our AS
    bool IsInternal() const
    {
        return m_config.remoteAs == m_myAs;
    }

    /// \return the peer's BGP identifier (0 before its OPEN)
    uint32_t GetPeerId() const
    {
        return m_peerId;
    }

    /// \return the codec of the established session
    const RtmBgpCodec& GetCodec() const
    {
        return m_codec;
    }

    /// \return the negotiated hold time, s
    uint16_t GetNegotiatedHoldTime() const
    {
        return m_negotiatedHold;
    }

    /// \return true if the peer supports ROUTE-REFRESH
    bool PeerSupportsRefresh() const
    {
        return m_peerRefresh;
    }

    /// \return our address on the session (resolved at start)
    const RtmNetAddress& GetLocalAddress() const
    {
        return m_local;
    }

    /**
     * \brief Queue a message on the established connection.
     * \param msg the message
     * \return false if not established
     */
    bool Send(const std::vector<uint8_t>& msg);
    /// \return octets the established connection takes without queueing
    uint32_t GetTxRoom() const;
    /// Ask the peer to send its routes of one family again (RFC 2918). \return false if it can't
    bool SendRouteRefresh(uint16_t afi, uint8_t safi);

    /// \return times the session reached Established
    uint32_t GetEstablishedCount() const
    {
        return m_establishedCount;
    }

    /// \return messages received, by type (index 1..5)
    const std::array<uint64_t, 6>& GetMessagesIn() const
    {
        return m_in;
    }

    /// \return messages sent, by type
    const std::array<uint64_t, 6>& GetMessagesOut() const
    {
        return m_out;
    }

    /// \return the last NOTIFICATION sent
    const RtmBgpNotify& GetLastNotificationSent() const
    {
        return m_lastSent;
    }

    /// \return the last NOTIFICATION received
    const RtmBgpNotify& GetLastNotificationReceived() const
    {
        return m_lastReceived;
    }

    /// \return simulation time of the last change of state
    Time GetLastStateChange() const
    {
        return m_lastChange;
    }

  private:
    /// Connection states (a connection's own share of the FSM).
    enum class ConnState : uint8_t
    {
        Connecting,  //!< our TCP connection in progress
        OpenSent,    //!< OPEN sent
        OpenConfirm, //!< OPEN received, KEEPALIVE sent
        Established, //!< KEEPALIVE received
    };

    /// One TCP connection of the session.
    struct Conn
    {
        Ptr<Socket> socket;                     //!< the socket
        bool outgoing{false};                   //!< opened by us
        ConnState state{ConnState::Connecting}; //!< its state
        std::vector<uint8_t> rx;                //!< bytes received, not yet parsed
        std::deque<std::vector<uint8_t>> tx;    //!< messages waiting for socket room
        std::size_t txOffset{0};                //!< bytes of tx.front() already sent
        EventId holdTimer;                      //!< hold timer
        EventId keepaliveTimer;                 //!< keepalive timer
        RtmBgpOpen peerOpen;                    //!< the peer's OPEN (OpenConfirm on)
    };

    void ChangeState();
    /// \return \p t multiplied by a uniform factor in [0.75, 1] (RFC 4271 §10 jitter)
    Time Jitter(Time t) const;
    void Connect();
    void ConnectRetryExpired();
    void AutomaticRestart();
    Conn* Find(Socket* s);
    int Slot(Socket* s) const;
    void Attach(int slot, Ptr<Socket> s);
    void Drop(int slot);
    void DropAll();
    void Fail(int slot, bool restart);
    void Notify(int slot, uint8_t code, uint8_t subcode, std::vector<uint8_t> data = {});
    void SendOpen(int slot);
    void Queue(int slot, const std::vector<uint8_t>& msg);
    void Flush(int slot);
    void RestartHold(int slot, uint16_t seconds);
    void HoldExpired(int slot);
    void KeepaliveExpired(int slot);
    void Established(int slot);
    void Down();
    void ConnectSucceeded(Ptr<Socket> s);
    void ConnectFailed(Ptr<Socket> s);
    void Closed(Ptr<Socket> s);
    void Receive(Ptr<Socket> s);
    void Writable(Ptr<Socket> s, uint32_t room);
    bool HandleMessage(int slot, uint8_t type, const uint8_t* body, std::size_t len);
    bool HandleOpen(int slot, const uint8_t* body, std::size_t len);
    bool CheckCollision(int slot);
    void ConfigureSocket(Ptr<Socket> s);
    /// Sizes an outgoing socket's SYN retransmissions (ConnTimeout, ConnCount) so the attempt
    /// fails before the earliest ConnectRetry expiry (why: in the .cc).
    void EndAttemptBeforeConnectRetry(Ptr<Socket> s) const;

    RtmBgpSessionOwner* m_owner;            //!< the speaker
    uint32_t m_index;                       //!< neighbour index
    Ptr<Node> m_node;                       //!< the node
    RtmBgpNeighborConfig m_config;          //!< configuration
    uint32_t m_myAs;                        //!< our AS
    uint32_t m_bgpId;                       //!< our BGP identifier
    Timers m_timers;                        //!< timer settings
    RtmNetAddress m_local;                  //!< our address
    bool m_started{false};                  //!< ManualStart done, not stopped
    bool m_up{false};                       //!< Established reported to the owner
    bool m_idleHold{false};                 //!< waiting for the automatic restart (Idle refuses)
    Conn m_conn[2];                         //!< 0: ours, 1: the peer's
    RtmBgpState m_state{RtmBgpState::Idle}; //!< reported state
    EventId m_connectRetry;                 //!< ConnectRetry timer
    EventId m_restart;                      //!< automatic restart / start delay
    RtmBgpCodec m_codec;                    //!< negotiated codec
    uint32_t m_peerId{0};                   //!< peer's BGP identifier
    uint16_t m_negotiatedHold{0};           //!< negotiated hold time
    bool m_peerRefresh{false};              //!< peer supports ROUTE-REFRESH
    uint32_t m_establishedCount{0};         //!< Established reached
    std::array<uint64_t, 6> m_in{};         //!< messages in by type
    std::array<uint64_t, 6> m_out{};        //!< messages out by type
    RtmBgpNotify m_lastSent;                //!< last NOTIFICATION sent
    RtmBgpNotify m_lastReceived;            //!< last NOTIFICATION received
    Time m_lastChange;                      //!< last state change
};

} // namespace ns3

#endif /* RTM_BGP_SESSION_H */
