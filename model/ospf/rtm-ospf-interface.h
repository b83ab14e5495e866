/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An OSPF interface (RFC 2328 §9): the interface state machine, Hello packets, and the
 * designated-router election on broadcast networks.
 *
 * DOC: one RtmOspfInterface exists per IPv4 interface the client runs on, and one per virtual
 * link (RtmOspfNetworkType::Virtual; its index is kVirtualBase + n). A point-to-point interface
 * goes Down -> Point-to-point when it comes up. A broadcast interface goes to Waiting (priority >
 * 0) for RouterDeadInterval or until a Backup is seen, then elects the DR and BDR (§9.4, with the
 * second pass when this router's own role changes) and becomes DR, Backup or DROther; every
 * change of the neighbours' priorities or declarations (NeighborChange) re-runs the election, and
 * a change of DR or BDR re-decides every adjacency (AdjOK?). Neighbours on broadcast networks
 * are known by IP address, on point-to-point networks and virtual links by router id.
 *
 * Hellos go out every HelloInterval (to AllSPFRouters, or to the neighbour's address over a
 * virtual link). When a Hello reveals a neighbour that does not know us yet, one extra Hello is
 * sent at once, so that a new adjacency does not wait a whole HelloInterval (RFC 2328 allows
 * extra Hellos; common implementations do the same).
 */
#ifndef RTM_OSPF_INTERFACE_H
#define RTM_OSPF_INTERFACE_H

#include "rtm-ospf-auth.h"
#include "rtm-ospf-neighbor.h"
#include "rtm-ospf-packets.h"

#include "ns3/event-id.h"
#include "ns3/socket.h"

#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class RtmOspfClient;

/**
 * \ingroup rtm
 * \brief Configuration of one OSPF interface (given before RtmOspfClient::Start).
 */
struct RtmOspfIfConfig
{
    uint32_t area{OSPF_BACKBONE};                      //!< the area it belongs to
    RtmOspfNetworkType type{RtmOspfNetworkType::Auto}; //!< network type
    uint32_t cost{0};       //!< output cost (0: the ns-3 interface metric, capped at 65535)
    uint8_t priority{1};    //!< router priority (0: never DR)
    bool passive{false};    //!< advertise the network but send and accept no packets
    RtmOspfAuthConfig auth; //!< authentication
};

/**
 * \ingroup rtm
 * \brief An OSPF interface; see the file comment.
 */
class RtmOspfInterface
{
  public:
    static constexpr uint32_t kVirtualBase = 0x80000000u; //!< index of the first virtual link

    /**
     * \param client the OSPF process
     * \param index the IPv4 interface index (or kVirtualBase + n for a virtual link)
     * \param cfg the configuration
     */
    RtmOspfInterface(RtmOspfClient* client, uint32_t index, const RtmOspfIfConfig& cfg);
    ~RtmOspfInterface();

    RtmOspfInterface(const RtmOspfInterface&) = delete;
    RtmOspfInterface& operator=(const RtmOspfInterface&) = delete;

    /// InterfaceUp: start Hellos; Waiting / Point-to-point / DROther.
    void Up();
    /// InterfaceDown: kill every neighbour, stop timers, Down.
    void Down();

    /**
     * \brief Process a Hello (RFC 2328 §10.5), authenticated already.
     * \param h the common header
     * \param hello the body
     * \param source the IP source address
     * \return Count if accepted, else the reason it was dropped
     */
    RtmOspfDrop ReceiveHello(const RtmOspfHeader& h, const RtmOspfHello& hello, uint32_t source);

    /// Send a Hello now.
    void SendHello();

    /// NeighborChange: re-run the DR election if the interface has one.
    void NeighborChange();

    /**
     * \brief The neighbour that sent a packet.
     * \param routerId the header's router id
     * \param source the IP source address
     * \return the neighbour, or null
     */
    RtmOspfNeighbor* FindNeighbor(uint32_t routerId, uint32_t source) const;

    /// \return the neighbour with router id \p routerId, or null
    RtmOspfNeighbor* FindNeighborById(uint32_t routerId) const;

    /// InactivityTimer of \p n: kill it, forget it, re-run the election.
    void NeighborDead(RtmOspfNeighbor* n);

    /// \return true for broadcast networks (DR/BDR)
    bool IsBroadcast() const;
    /// \return true for virtual links
    bool IsVirtual() const;
    /// \return true if this router is the DR
    bool IsDr() const;
    /// \return true if this router is the DR or the BDR
    bool IsDrOrBackup() const;
    /// \return the number of Full neighbours
    uint32_t CountFull() const;

    /// \return where flooded LSAs and delayed acks go (RFC 2328 §13.3)
    uint32_t FloodAddress() const;
    /// \return where a packet for neighbour \p n goes (unicast on broadcast networks)
    uint32_t UnicastAddress(const RtmOspfNeighbor& n) const;

    /// \return Database Description headers that fit one packet
    uint32_t MaxDdHeaders() const;
    /// \return LSA bytes that fit one Link State Update
    uint32_t MaxLsuBytes() const;
    /// \return LSA keys that fit one Link State Request
    uint32_t MaxLsrEntries() const;

    /// Queue an LSA to flood out of this interface in the current time step.
    void QueueFlood(Ptr<const RtmOspfLsa> lsa);
    /// Queue a delayed acknowledgment.
    void QueueDelayedAck(const RtmOspfLsaHeader& h);

    // ---------------------------------------------------------------- state

    RtmOspfClient* client;                      //!< the OSPF process
    uint32_t index;                             //!< IPv4 interface index (or virtual-link index)
    RtmOspfIfConfig cfg;                        //!< configuration
    RtmOspfNetworkType type;                    //!< resolved network type
    RtmOspfIfState state{RtmOspfIfState::Down}; //!< state
    uint32_t address{0};                        //!< interface IP address
    uint32_t mask{0};                           //!< network mask
    uint16_t cost{1};                           //!< output cost
    uint16_t mtu{1500};                         //!< IP MTU
    uint32_t dr{0};                             //!< DR (IP address; 0 none)
    uint32_t bdr{0};                            //!< BDR (IP address; 0 none)
    std::map<uint32_t, std::unique_ptr<RtmOspfNeighbor>> nbrs; //!< by address or router id
    Ptr<Socket> socket;                            //!< raw socket (protocol 89) bound to the device
    EventId helloTimer;                            //!< next Hello
    EventId waitTimer;                             //!< end of Waiting
    EventId ackTimer;                              //!< delayed acknowledgments
    EventId floodEvent;                            //!< flooding queue flush
    Time lastFlood{Seconds(-1000)};                //!< when the last flooded update left
    std::vector<RtmOspfLsaHeader> delayedAcks;     //!< delayed acknowledgments
    std::vector<Ptr<const RtmOspfLsa>> floodQueue; //!< LSAs to flood now
    // virtual links
    uint32_t transitArea{0};  //!< transit area
    uint32_t peerRouterId{0}; //!< the other endpoint
    uint32_t peerAddress{0};  //!< its address (from its Router-LSA in the transit area)
    uint32_t outInterface{0}; //!< the physical interface packets leave through
    uint32_t outGateway{0};   //!< the first hop towards the other endpoint

  private:
    /// Hello timer.
    void HelloTimeout();
    /// Wait timer.
    void WaitTimeout();
    /// The DR election (RFC 2328 §9.4) and what follows from it.
    void ElectDr();
    /// Change state, telling the client.
    void SetState(RtmOspfIfState s);
    /// Send the queued flood.
    void FlushFlood();
    /// Send the delayed acknowledgments.
    void FlushAcks();
};

} // namespace ns3

#endif /* RTM_OSPF_INTERFACE_H */
