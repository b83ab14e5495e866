/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An OSPF neighbour (RFC 2328 §10): the neighbour state machine (Down, Init, 2-Way, ExStart,
 * Exchange, Loading, Full; Attempt is for NBMA networks, which are not modelled), the database
 * exchange (master/slave negotiation, Database Description packets with duplicate detection),
 * Link State Requests, and the lists the flooding procedure keeps per neighbour (link state
 * request list, retransmission list).
 *
 * DOC: a neighbour belongs to one interface (RtmOspfInterface), which creates it on its first
 * Hello and deletes it when it goes Down. Events are methods named after the RFC's events
 * (HelloReceived, TwoWayReceived, ...); every state change goes through SetState, which tells
 * the client (traces, Router-LSA and Network-LSA re-origination). The database summary list
 * holds keys, and each Database Description packet carries the current header of each key (an
 * LSA gone meanwhile is skipped). The master retransmits its last Database Description packet
 * every RxmtInterval until it is answered; the slave answers a duplicate with its last one.
 * Requests go out in packets that fit the interface MTU; the next packet leaves when everything
 * asked in the previous one has arrived, or after RxmtInterval.
 */
#ifndef RTM_OSPF_NEIGHBOR_H
#define RTM_OSPF_NEIGHBOR_H

#include "rtm-ospf-lsa.h"
#include "rtm-ospf-packets.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <deque>
#include <map>
#include <vector>

namespace ns3
{

class RtmOspfClient;
class RtmOspfInterface;

/**
 * \ingroup rtm
 * \brief An OSPF neighbour; see the file comment.
 */
class RtmOspfNeighbor
{
  public:
    /// An LSA waiting for acknowledgment.
    struct Rxmt
    {
        Ptr<const RtmOspfLsa> lsa; //!< the instance sent
        Time sent;                 //!< when it was last sent
    };

    /**
     * \param itf the interface
     * \param routerId the neighbour's router id
     * \param address its IP address on the interface's network
     */
    RtmOspfNeighbor(RtmOspfInterface* itf, uint32_t routerId, uint32_t address);
    ~RtmOspfNeighbor();

    RtmOspfNeighbor(const RtmOspfNeighbor&) = delete;
    RtmOspfNeighbor& operator=(const RtmOspfNeighbor&) = delete;

    // ---------------------------------------------------------------- events (RFC 2328 §10.2)

    /// A Hello arrived: restart the inactivity timer (Down -> Init).
    void HelloReceived();
    /// The neighbour lists us: Init -> 2-Way or ExStart.
    void TwoWayReceived();
    /// The neighbour does not list us: back to Init.
    void OneWayReceived();
    /// Re-decide whether an adjacency should exist (DR/BDR changed).
    void AdjOk();
    /// The database exchange is over: Loading or Full.
    void ExchangeDone();
    /// Every requested LSA arrived: Full.
    void LoadingDone();
    /// The exchange went wrong: start it again (ExStart).
    void SeqNumberMismatch();
    /// A request for an LSA we do not have: start again (ExStart).
    void BadLsReq();
    /// KillNbr, LLDown or InactivityTimer: Down, lists cleared, timers stopped.
    void Kill();

    // ---------------------------------------------------------------- packets

    /**
     * \brief Process a Database Description packet (RFC 2328 §10.6).
     * \param dd the body
     */
    void ReceiveDbDesc(const RtmOspfDbDesc& dd);

    /**
     * \brief Process a Link State Request (RFC 2328 §10.7).
     * \param r the body
     */
    void ReceiveLsRequest(const RtmOspfLsRequest& r);

    /**
     * \brief Flooding step 1b (RFC 2328 §13.3): a new instance meets this neighbour's request
     * list (Exchange or Loading): an older instance than the one requested changes nothing, the
     * requested one (or a newer one) satisfies the request.
     * \param h the new instance's header
     * \return true if the LSA need not be sent to this neighbour (the request asked for a
     * newer or the same instance)
     */
    bool PruneRequest(const RtmOspfLsaHeader& h);

    /// After an update: send the next requests, or finish Loading.
    void ContinueLoading();

    /// Send the next Link State Request if nothing is outstanding.
    void SendLsRequest(bool retransmit = false);

    /// \return true if the neighbour should be (or is) an adjacency
    bool ShouldBeAdjacent() const;

    /// \return true if \p key is on the retransmission list
    bool OnRxmtList(const RtmOspfLsaKey& key) const;

    /// Add an LSA to the retransmission list (starting its timer).
    void AddRxmt(Ptr<const RtmOspfLsa> lsa);

    /// Retransmit what has waited RxmtInterval.
    void RetransmitLsas();

    // ---------------------------------------------------------------- state

    RtmOspfInterface* itf;                        //!< the interface
    RtmOspfClient* client;                        //!< the OSPF process
    RtmOspfNbrState state{RtmOspfNbrState::Down}; //!< state
    uint32_t routerId;                            //!< neighbour's router id
    uint32_t address;                             //!< neighbour's IP address
    uint8_t priority{0};                          //!< its router priority
    uint32_t dr{0};                               //!< DR it declares (IP address)
    uint32_t bdr{0};                              //!< BDR it declares
    uint8_t options{0};                           //!< its options (from Hello, then DD)
    bool master{false};                           //!< we are master of the exchange
    uint32_t ddSeq{0};                            //!< DD sequence number
    bool haveLastDd{false};                       //!< lastDd* are valid
    uint8_t lastDdFlags{0};                       //!< I/M/MS of the last DD received
    uint8_t lastDdOptions{0};                     //!< options of the last DD received
    uint32_t lastDdSeq{0};                        //!< sequence number of the last DD received
    RtmOspfDbDesc lastSentDd;          //!< the last DD sent (retransmissions, duplicates)
    std::size_t lastSentCount{0};      //!< summary keys carried by lastSentDd
    std::deque<RtmOspfLsaKey> summary; //!< database summary list
    std::map<RtmOspfLsaKey, RtmOspfLsaHeader> requests; //!< link state request list
    std::vector<RtmOspfLsaKey> outstanding;             //!< requested in the last LSR
    std::map<RtmOspfLsaKey, Rxmt> rxmt;                 //!< retransmission list
    EventId inactivityTimer;                            //!< RouterDeadInterval without a Hello
    EventId ddTimer;                                    //!< master's DD retransmission
    EventId lsrTimer;                                   //!< LSR retransmission
    EventId rxmtTimer;                                  //!< LSA retransmission
    bool haveCryptoSeq{false};                          //!< cryptoSeq is valid
    uint32_t cryptoSeq{0}; //!< last cryptographic sequence number received
    Time lastHello;        //!< last Hello received

  private:
    /// Change state, telling the client.
    void SetState(RtmOspfNbrState s);
    /// Enter ExStart: new sequence number, we are master, send the first DD.
    void StartExchange();
    /// Empty every list and stop the exchange timers.
    void ClearLists();
    /// Build the database summary list (NegotiationDone).
    void NegotiationDone();
    /// A DD accepted as next in sequence: process its headers and answer.
    void ProcessDd(const RtmOspfDbDesc& dd);
    /// Send a DD carrying the next part of the summary list (flags without M).
    void SendNextDd(uint8_t flags);
    /// (Re)send lastSentDd.
    void ResendDd();
    /// Master: retransmission timer.
    void DdTimeout();
};

} // namespace ns3

#endif /* RTM_OSPF_NEIGHBOR_H */
