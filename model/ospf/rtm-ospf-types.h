/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPFv2 (RFC 2328) constants and small shared types: the architectural constants of appendix B,
 * packet and LSA type codes, option bits, interface and neighbour states, and the reasons for
 * which a received packet or LSA is dropped (each counted and traced by RtmOspfClient).
 */
#ifndef RTM_OSPF_TYPES_H
#define RTM_OSPF_TYPES_H

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

// Architectural constants (RFC 2328 appendix B), in seconds where they are times.
constexpr uint16_t OSPF_LS_REFRESH_TIME = 1800;       //!< LSRefreshTime
constexpr uint16_t OSPF_MIN_LS_INTERVAL = 5;          //!< MinLSInterval
constexpr uint16_t OSPF_MIN_LS_ARRIVAL = 1;           //!< MinLSArrival
constexpr uint16_t OSPF_MAX_AGE = 3600;               //!< MaxAge
constexpr uint16_t OSPF_CHECK_AGE = 300;              //!< CheckAge
constexpr uint16_t OSPF_MAX_AGE_DIFF = 900;           //!< MaxAgeDiff
constexpr uint32_t OSPF_LS_INFINITY = 0xFFFFFF;       //!< LSInfinity (24 bits)
constexpr int32_t OSPF_INITIAL_SEQ = INT32_MIN + 1;   //!< InitialSequenceNumber 0x80000001
constexpr int32_t OSPF_MAX_SEQ = INT32_MAX;           //!< MaxSequenceNumber 0x7fffffff
constexpr uint8_t OSPF_VERSION = 2;                   //!< the protocol version
constexpr uint8_t OSPF_IP_PROTOCOL = 89;              //!< IP protocol number
constexpr uint32_t OSPF_HEADER_SIZE = 24;             //!< common packet header
constexpr uint32_t OSPF_LSA_HEADER_SIZE = 20;         //!< LSA header
constexpr uint32_t OSPF_MD5_DIGEST_SIZE = 16;         //!< cryptographic trailer
constexpr uint32_t OSPF_ALL_SPF_ROUTERS = 0xE0000005; //!< 224.0.0.5
constexpr uint32_t OSPF_ALL_D_ROUTERS = 0xE0000006;   //!< 224.0.0.6
constexpr uint32_t OSPF_BACKBONE = 0;                 //!< area 0.0.0.0

/// OSPF packet types (the Type field of the common header).
enum class RtmOspfPacketType : uint8_t
{
    Hello = 1,     //!< Hello
    DbDesc = 2,    //!< Database Description
    LsRequest = 3, //!< Link State Request
    LsUpdate = 4,  //!< Link State Update
    LsAck = 5,     //!< Link State Acknowledgment
};

/// \return the name of a packet type ("Hello", ...; "type N" otherwise)
std::string RtmOspfPacketTypeName(uint8_t type);

/// LSA types (LS type field).
enum RtmOspfLsaType : uint8_t
{
    OSPF_LSA_ROUTER = 1,       //!< Router-LSA
    OSPF_LSA_NETWORK = 2,      //!< Network-LSA
    OSPF_LSA_SUMMARY_NET = 3,  //!< Summary-LSA (IP network)
    OSPF_LSA_SUMMARY_ASBR = 4, //!< Summary-LSA (ASBR)
    OSPF_LSA_EXTERNAL = 5,     //!< AS-external-LSA
    OSPF_LSA_NSSA = 7,         //!< NSSA-LSA (RFC 3101)
};

/// \return true if \p type is an LSA type this implementation understands
bool RtmOspfKnownLsaType(uint8_t type);

/// \return the name of an LSA type ("router", "network", ...)
std::string RtmOspfLsaTypeName(uint8_t type);

// Options field bits (RFC 2328 A.2, RFC 3101).
constexpr uint8_t OSPF_OPT_E = 0x02;  //!< AS-external-LSAs are flooded (not a stub area)
constexpr uint8_t OSPF_OPT_MC = 0x04; //!< multicast (MOSPF), never set here
constexpr uint8_t OSPF_OPT_NP = 0x08; //!< Hello/DD: NSSA; type-7 LSA: P (propagate)
constexpr uint8_t OSPF_OPT_DC = 0x20; //!< demand circuits, never set here

// Router-LSA flags (RFC 2328 A.4.2, RFC 3101).
constexpr uint8_t OSPF_RTR_B = 0x01;  //!< area border router
constexpr uint8_t OSPF_RTR_E = 0x02;  //!< AS boundary router
constexpr uint8_t OSPF_RTR_V = 0x04;  //!< endpoint of a full virtual link (transit area)
constexpr uint8_t OSPF_RTR_NT = 0x10; //!< NSSA translator (RFC 3101)

/// Router-LSA link types.
enum RtmOspfLinkType : uint8_t
{
    OSPF_LINK_P2P = 1,     //!< point-to-point connection to another router
    OSPF_LINK_TRANSIT = 2, //!< connection to a transit network
    OSPF_LINK_STUB = 3,    //!< connection to a stub network
    OSPF_LINK_VIRTUAL = 4, //!< virtual link
};

// Database Description flags.
constexpr uint8_t OSPF_DD_MS = 0x01; //!< master
constexpr uint8_t OSPF_DD_M = 0x02;  //!< more
constexpr uint8_t OSPF_DD_I = 0x04;  //!< init

/// Authentication types (AuType).
enum RtmOspfAuthType : uint16_t
{
    OSPF_AUTH_NULL = 0,   //!< none
    OSPF_AUTH_SIMPLE = 1, //!< simple password
    OSPF_AUTH_CRYPTO = 2, //!< keyed MD5 (appendix D.3)
};

/// Interface states (RFC 2328 §9.1).
enum class RtmOspfIfState : uint8_t
{
    Down = 0,         //!< Down
    Loopback = 1,     //!< Loopback
    Waiting = 2,      //!< Waiting (for the DR election)
    PointToPoint = 3, //!< Point-to-point
    DrOther = 4,      //!< DR Other
    Backup = 5,       //!< Backup designated router
    Dr = 6,           //!< Designated router
};

/// \return the RFC name of an interface state
const char* RtmOspfIfStateName(RtmOspfIfState s);

/// Neighbour states (RFC 2328 §10.1).
enum class RtmOspfNbrState : uint8_t
{
    Down = 0,     //!< Down
    Attempt = 1,  //!< Attempt (NBMA only, unused)
    Init = 2,     //!< Init
    TwoWay = 3,   //!< 2-Way
    ExStart = 4,  //!< ExStart
    Exchange = 5, //!< Exchange
    Loading = 6,  //!< Loading
    Full = 7,     //!< Full
};

/// \return the RFC name of a neighbour state
const char* RtmOspfNbrStateName(RtmOspfNbrState s);

/// Network types of an OSPF interface.
enum class RtmOspfNetworkType : uint8_t
{
    Auto = 0,         //!< point-to-point if the device is, broadcast otherwise
    PointToPoint = 1, //!< point-to-point
    Broadcast = 2,    //!< broadcast (DR/BDR election)
    Virtual = 3,      //!< a virtual link (set by the client, never configured)
};

/// Area types.
enum class RtmOspfAreaType : uint8_t
{
    Normal = 0, //!< AS-external-LSAs flooded
    Stub = 1,   //!< stub area: no AS-external-LSAs, default summary from the ABRs
    Nssa = 2,   //!< not-so-stubby area (RFC 3101): type-7 LSAs
};

/// Why a received packet or LSA was dropped (one counter each).
enum class RtmOspfDrop : uint8_t
{
    TooShort = 0,    //!< shorter than the common header or its length field
    BadVersion,      //!< version is not 2
    BadLength,       //!< the length field disagrees with the packet or the body
    BadChecksum,     //!< the packet checksum is wrong
    BadType,         //!< unknown packet type
    BadAuthType,     //!< AuType differs from the interface's
    BadAuth,         //!< wrong password or digest, unknown key id
    CryptoSeqOld,    //!< cryptographic sequence number below the neighbour's last one
    BadBody,         //!< malformed packet body (truncated, counts that do not add up)
    AreaMismatch,    //!< area id not the interface's (and not a virtual link's backbone)
    OwnPacket,       //!< sent by this router (an echo)
    NotForMe,        //!< AllDRouters while not DR or Backup, or not from the link's subnet
    HelloMismatch,   //!< network mask, HelloInterval, RouterDeadInterval or E/N option differ
    UnknownNeighbor, //!< DD, LSR, LSU or LSAck from a router that is not a neighbour
    NeighborState,   //!< packet not acceptable in the neighbour's state
    BadLsaChecksum,  //!< an LSA whose Fletcher checksum is wrong (that LSA only)
    BadLsaType,      //!< an LSA of an unknown type, or not allowed in the area (that LSA only)
    BadLsa,          //!< a malformed LSA (that LSA only)
    MtuMismatch,     //!< a DD whose interface MTU is larger than ours
    Count,           //!< number of reasons
};

/// \return the name of a drop reason ("too-short", ...)
const char* RtmOspfDropName(RtmOspfDrop d);

/// The identity of an LSA: (LS type, link state id, advertising router).
struct RtmOspfLsaKey
{
    uint8_t type{0};       //!< LS type
    uint32_t lsid{0};      //!< link state id
    uint32_t advRouter{0}; //!< advertising router

    /// \return ordering by (type, lsid, advRouter)
    bool operator<(const RtmOspfLsaKey& o) const
    {
        if (type != o.type)
        {
            return type < o.type;
        }
        if (lsid != o.lsid)
        {
            return lsid < o.lsid;
        }
        return advRouter < o.advRouter;
    }

    /// \return true if equal
    bool operator==(const RtmOspfLsaKey& o) const
    {
        return type == o.type && lsid == o.lsid && advRouter == o.advRouter;
    }
};

/// Print "type lsid advRouter" in dotted form.
std::ostream& operator<<(std::ostream& os, const RtmOspfLsaKey& k);

/// \return \p a in dotted-quad notation
std::string RtmOspfDotted(uint32_t a);

} // namespace ns3

#endif /* RTM_OSPF_TYPES_H */
