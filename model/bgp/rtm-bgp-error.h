/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * BGP error handling: NOTIFICATION codes and subcodes (RFC 4271 §4.5), the reasons counted per
 * malformed case and the action each one takes (RFC 4271 §6, RFC 7606).
 */
#ifndef RTM_BGP_ERROR_H
#define RTM_BGP_ERROR_H

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup rtm
 * BGP error handling: the NOTIFICATION codes of RFC 4271 §4.5 (with RFC 4486, RFC 7313
 * subcodes), every reason this implementation rejects or repairs a message for, and the action
 * RFC 4271 §6 / RFC 7606 require for it (attribute discard, treat-as-withdraw, session reset).
 */

namespace ns3
{

/// NOTIFICATION error codes (RFC 4271 §4.5, RFC 7313).
enum RtmBgpErrorCode : uint8_t
{
    BGP_ERR_HEADER = 1,        //!< Message Header Error
    BGP_ERR_OPEN = 2,          //!< OPEN Message Error
    BGP_ERR_UPDATE = 3,        //!< UPDATE Message Error
    BGP_ERR_HOLD_TIMER = 4,    //!< Hold Timer Expired
    BGP_ERR_FSM = 5,           //!< Finite State Machine Error
    BGP_ERR_CEASE = 6,         //!< Cease
    BGP_ERR_ROUTE_REFRESH = 7, //!< ROUTE-REFRESH Message Error (RFC 7313)
};

/// Subcodes used here (RFC 4271 §6, RFC 4486, RFC 5492, RFC 7313).
enum RtmBgpErrorSubcode : uint8_t
{
    BGP_SUB_UNSPECIFIC = 0,              //!< no subcode
    BGP_SUB_CONN_NOT_SYNC = 1,           //!< header: marker not all ones
    BGP_SUB_BAD_LENGTH = 2,              //!< header: Bad Message Length
    BGP_SUB_BAD_TYPE = 3,                //!< header: Bad Message Type
    BGP_SUB_UNSUPPORTED_VERSION = 1,     //!< open
    BGP_SUB_BAD_PEER_AS = 2,             //!< open
    BGP_SUB_BAD_BGP_ID = 3,              //!< open
    BGP_SUB_UNSUPPORTED_OPT_PARAM = 4,   //!< open
    BGP_SUB_UNACCEPTABLE_HOLD = 6,       //!< open
    BGP_SUB_UNSUPPORTED_CAPABILITY = 7,  //!< open (RFC 5492)
    BGP_SUB_MALFORMED_ATTR_LIST = 1,     //!< update
    BGP_SUB_UNRECOGNIZED_WELL_KNOWN = 2, //!< update
    BGP_SUB_MISSING_WELL_KNOWN = 3,      //!< update
    BGP_SUB_ATTR_FLAGS = 4,              //!< update
    BGP_SUB_ATTR_LENGTH = 5,             //!< update
    BGP_SUB_INVALID_ORIGIN = 6,          //!< update
    BGP_SUB_INVALID_NEXT_HOP = 8,        //!< update
    BGP_SUB_OPTIONAL_ATTR = 9,           //!< update
    BGP_SUB_INVALID_NETWORK = 10,        //!< update
    BGP_SUB_MALFORMED_AS_PATH = 11,      //!< update
    BGP_SUB_FSM_OPENSENT = 1,            //!< FSM error in OpenSent (RFC 6608)
    BGP_SUB_FSM_OPENCONFIRM = 2,         //!< FSM error in OpenConfirm (RFC 6608)
    BGP_SUB_FSM_ESTABLISHED = 3,         //!< FSM error in Established (RFC 6608)
    BGP_SUB_CEASE_MAX_PREFIXES = 1,      //!< cease (RFC 4486)
    BGP_SUB_CEASE_ADMIN_SHUTDOWN = 2,    //!< cease
    BGP_SUB_CEASE_PEER_DECONFIGURED = 3, //!< cease
    BGP_SUB_CEASE_ADMIN_RESET = 4,       //!< cease
    BGP_SUB_CEASE_CONNECTION_REJECT = 5, //!< cease
    BGP_SUB_CEASE_COLLISION = 7,         //!< cease: Connection Collision Resolution
    BGP_SUB_RR_INVALID_LENGTH = 1,       //!< route refresh: Invalid Message Length
};

/// What the receiver does about an error (RFC 7606 §2), least to most severe.
enum class RtmBgpAction : uint8_t
{
    None = 0,             //!< nothing wrong
    AttributeDiscard = 1, //!< the attribute is dropped, the UPDATE is processed
    TreatAsWithdraw = 2,  //!< the UPDATE's prefixes are withdrawn
    SessionReset = 3,     //!< NOTIFICATION, connection closed
};

/// Every reason a message is rejected or repaired, each counted separately.
enum class RtmBgpReason : uint8_t
{
    HeaderMarker,              //!< marker not all ones (1/1)
    HeaderLength,              //!< length outside 19..4096 or wrong for the type (1/2)
    HeaderType,                //!< unknown message type (1/3)
    OpenLength,                //!< OPEN shorter than its fields (1/2)
    OpenVersion,               //!< version not 4 (2/1)
    OpenPeerAs,                //!< AS not the configured one (2/2)
    OpenBgpId,                 //!< BGP identifier 0 or equal to ours on iBGP (2/3)
    OpenHoldTime,              //!< hold time 1 or 2 (2/6)
    OpenOptionalParameter,     //!< malformed or unknown optional parameter (2/4, 2/0)
    OpenCapability,            //!< malformed capability (2/0)
    UpdateLength,              //!< withdrawn/attribute lengths overrun the message (3/1)
    AttrFlags,                 //!< attribute flags conflict with its type (treat-as-withdraw)
    AttrOverrun,               //!< an attribute overruns the attribute section (treat-as-withdraw)
    AttrDuplicate,             //!< an attribute appears twice (later copies discarded)
    AttrUnrecognizedWellKnown, //!< unknown well-known attribute (3/2)
    OriginMalformed,           //!< ORIGIN length or value (treat-as-withdraw)
    AsPathMalformed,           //!< AS_PATH segments (treat-as-withdraw)
    AsPathFirstAs,             //!< eBGP AS_PATH not starting with the peer's AS (treat-as-withdraw)
    NextHopMalformed,          //!< NEXT_HOP length (treat-as-withdraw)
    NextHopInvalid,            //!< NEXT_HOP 0, multicast, ours (treat-as-withdraw, RFC 4271 §6.3)
    MedMalformed,              //!< MULTI_EXIT_DISC length (treat-as-withdraw)
    LocalPrefMalformed,        //!< LOCAL_PREF length (treat-as-withdraw)
    LocalPrefFromEbgp,         //!< LOCAL_PREF from an external peer (discarded)
    AtomicAggregateMalformed,  //!< ATOMIC_AGGREGATE length not 0 (discarded)
    AggregatorMalformed,       //!< AGGREGATOR length (discarded)
    CommunitiesMalformed,      //!< COMMUNITIES length not a non-zero multiple of 4 (withdraw)
    OriginatorIdMalformed,     //!< ORIGINATOR_ID length (treat-as-withdraw)
    ClusterListMalformed,      //!< CLUSTER_LIST length (treat-as-withdraw)
    ReflectionFromEbgp,        //!< ORIGINATOR_ID/CLUSTER_LIST from an external peer (discarded)
    As4PathMalformed,          //!< AS4_PATH (discarded, RFC 6793 §6)
    As4AggregatorMalformed,    //!< AS4_AGGREGATOR (discarded)
    MpReachMalformed,          //!< MP_REACH_NLRI (session reset)
    MpUnreachMalformed,        //!< MP_UNREACH_NLRI (session reset)
    MpDuplicate,               //!< MP_REACH or MP_UNREACH twice (session reset)
    MpNotNegotiated,           //!< AFI/SAFI not negotiated (ignored)
    MissingWellKnown,          //!< ORIGIN, AS_PATH, NEXT_HOP or iBGP LOCAL_PREF missing (withdraw)
    NlriMalformed,             //!< a prefix length above the family's or overrunning (reset)
    NotificationLength,        //!< NOTIFICATION shorter than 21 (1/2)
    KeepaliveLength,           //!< KEEPALIVE not 19 (1/2)
    RouteRefreshLength,        //!< ROUTE-REFRESH not 23 (7/1)
    UnexpectedMessage,         //!< a message the FSM does not accept in its state (5/x)
    Count                      //!< number of reasons
};

/// \return the name of \p r ("AsPathMalformed", ...)
const char* RtmBgpReasonName(RtmBgpReason r);
/// \return the name of \p a
const char* RtmBgpActionName(RtmBgpAction a);

/// A NOTIFICATION to send (or one received): code, subcode and data.
struct RtmBgpNotify
{
    uint8_t code{0};           //!< RtmBgpErrorCode
    uint8_t subcode{0};        //!< subcode
    std::vector<uint8_t> data; //!< diagnostic data
};

/**
 * \brief The outcome of parsing a message: the most severe action of all errors found (RFC
 * 7606 §3 h), the NOTIFICATION when it is a session reset, and every reason found (each is
 * counted by the receiver).
 */
struct RtmBgpParseResult
{
    RtmBgpAction action{RtmBgpAction::None}; //!< the most severe action
    RtmBgpNotify notify;                     //!< for SessionReset
    std::vector<RtmBgpReason> reasons;       //!< every error found, in order

    /// Record an error; the NOTIFICATION is kept from the first session-reset error.
    void Add(RtmBgpReason reason,
             RtmBgpAction act,
             uint8_t code = 0,
             uint8_t subcode = 0,
             std::vector<uint8_t> data = {});

    /// \return true if the message must end the session
    bool IsReset() const
    {
        return action == RtmBgpAction::SessionReset;
    }
};

/// \return "code/subcode (name)" for a NOTIFICATION
std::string RtmBgpNotifyString(uint8_t code, uint8_t subcode);

} // namespace ns3

#endif /* RTM_BGP_ERROR_H */
