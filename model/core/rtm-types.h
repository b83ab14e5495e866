/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The RTMv2 constants (flags, views, change types, protocol ids; rtmv2.h names and values) and
 * information structures (RtmRouteInfo, RtmDestInfo, RtmNextHopInfo, ...) of the public API.
 */
#ifndef RTM_TYPES_H
#define RTM_TYPES_H

#include "rtm-handle.h"
#include "rtm-net-address.h"
#include "rtm-status.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup rtm
 * The RTMv2 constants (with their rtmv2.h names and values) and the information structures that
 * RTM operations take and return. Variable-length arrays of RTMv2 are std::vector here, so callers
 * never size buffers; "release" calls that only freed such buffers do not exist.
 */

namespace ns3
{

/// A view id (RTM_VIEW_ID): 0 to RTM_MAX_VIEWS - 1.
typedef int32_t RtmViewId;
/// A set of views (RTM_VIEW_SET): bit (1 << id) per view.
typedef uint32_t RtmViewSet;

constexpr uint32_t RTM_MAX_VIEWS = 32;               //!< views a table can have
constexpr RtmViewId RTM_VIEW_ID_UCAST = 0;           //!< the unicast view
constexpr RtmViewId RTM_VIEW_ID_MCAST = 1;           //!< the multicast (RPF) view
constexpr RtmViewSet RTM_VIEW_MASK_NONE = 0x0;       //!< no view
constexpr RtmViewSet RTM_VIEW_MASK_ANY = 0x0;        //!< every view, no per-view blocks
constexpr RtmViewSet RTM_VIEW_MASK_UCAST = 0x1;      //!< the unicast view
constexpr RtmViewSet RTM_VIEW_MASK_MCAST = 0x2;      //!< the multicast view
constexpr RtmViewSet RTM_VIEW_MASK_ALL = 0xFFFFFFFF; //!< every view, with per-view blocks

/// \return the view set holding only \p view
constexpr RtmViewSet
RtmViewMask(RtmViewId view)
{
    return RtmViewSet(1) << view;
}

// Route flags (RTM_ROUTE_INFO.Flags).
constexpr uint16_t RTM_ROUTE_FLAGS_MARTIAN = 0x0001;        //!< never forward
constexpr uint16_t RTM_ROUTE_FLAGS_BLACKHOLE = 0x0002;      //!< drop silently
constexpr uint16_t RTM_ROUTE_FLAGS_DISCARD = 0x0004;        //!< drop and report unreachable
constexpr uint16_t RTM_ROUTE_FLAGS_INACTIVE = 0x0008;       //!< kept, never selected as best
constexpr uint16_t RTM_ROUTE_FLAGS_LOCAL = 0x0010;          //!< directly reachable (on-link)
constexpr uint16_t RTM_ROUTE_FLAGS_REMOTE = 0x0020;         //!< reachable through a gateway
constexpr uint16_t RTM_ROUTE_FLAGS_MYSELF = 0x0040;         //!< one of the router's own addresses
constexpr uint16_t RTM_ROUTE_FLAGS_LOOPBACK = 0x0080;       //!< a loopback destination
constexpr uint16_t RTM_ROUTE_FLAGS_MCAST = 0x0100;          //!< a multicast destination
constexpr uint16_t RTM_ROUTE_FLAGS_LOCAL_MCAST = 0x0200;    //!< a link-local multicast destination
constexpr uint16_t RTM_ROUTE_FLAGS_LIMITED_BC = 0x0400;     //!< limited broadcast: do not forward
constexpr uint16_t RTM_ROUTE_FLAGS_ZEROS_NETBC = 0x1000;    //!< all-zeros net broadcast
constexpr uint16_t RTM_ROUTE_FLAGS_ZEROS_SUBNETBC = 0x2000; //!< all-zeros subnet broadcast
constexpr uint16_t RTM_ROUTE_FLAGS_ONES_NETBC = 0x4000;     //!< all-ones net broadcast
constexpr uint16_t RTM_ROUTE_FLAGS_ONES_SUBNETBC = 0x8000;  //!< all-ones subnet broadcast
/// The forwarding group of rtmv2.h.
constexpr uint16_t RTM_ROUTE_FLAGS_FORWARDING = RTM_ROUTE_FLAGS_MARTIAN |
                                                RTM_ROUTE_FLAGS_BLACKHOLE |
                                                RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_INACTIVE;
/// Unicast destination kinds.
constexpr uint16_t RTM_ROUTE_FLAGS_ANY_UNICAST =
    RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_REMOTE | RTM_ROUTE_FLAGS_MYSELF;
/// Multicast destination kinds.
constexpr uint16_t RTM_ROUTE_FLAGS_ANY_MCAST = RTM_ROUTE_FLAGS_MCAST | RTM_ROUTE_FLAGS_LOCAL_MCAST;
/// Net-directed broadcasts.
constexpr uint16_t RTM_ROUTE_FLAGS_NET_BCAST =
    RTM_ROUTE_FLAGS_ZEROS_NETBC | RTM_ROUTE_FLAGS_ONES_NETBC;
/// Subnet-directed broadcasts (the SDK macro misspells a flag name; this is the intended group).
constexpr uint16_t RTM_ROUTE_FLAGS_SUBNET_BCAST =
    RTM_ROUTE_FLAGS_ZEROS_SUBNETBC | RTM_ROUTE_FLAGS_ONES_SUBNETBC;
/// Every broadcast kind.
constexpr uint16_t RTM_ROUTE_FLAGS_ANY_BCAST =
    RTM_ROUTE_FLAGS_LIMITED_BC | RTM_ROUTE_FLAGS_NET_BCAST | RTM_ROUTE_FLAGS_SUBNET_BCAST;
/**
 * The flags the forwarding plane acts on. A change of only other flags of a best route is a
 * BEST change but not a FORWARDING change (design decision 2 in doc/rtm.rst).
 */
constexpr uint16_t RTM_ROUTE_FLAGS_FORWARDING_RELEVANT =
    RTM_ROUTE_FLAGS_FORWARDING | RTM_ROUTE_FLAGS_ANY_UNICAST | RTM_ROUTE_FLAGS_LOOPBACK |
    RTM_ROUTE_FLAGS_LIMITED_BC;

/**
 * Routes with one of these flags do not forward through their next hops (they deliver locally
 * or drop), so they stay eligible as best routes whatever the state of their next hops, and a
 * REMOTE next hop never resolves through them (doc/rtm-decisions.rst, "Next-hop state").
 */
constexpr uint16_t RTM_ROUTE_FLAGS_NO_NEXTHOP_NEEDED =
    RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOOPBACK | RTM_ROUTE_FLAGS_BLACKHOLE |
    RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_MARTIAN;

// Route states (RTM_ROUTE_INFO.State).
constexpr uint8_t RTM_ROUTE_STATE_CREATED = 0;  //!< live
constexpr uint8_t RTM_ROUTE_STATE_DELETING = 1; //!< being deleted
constexpr uint8_t RTM_ROUTE_STATE_DELETED = 2;  //!< deleted (a held route)

// Destination flags (RTM_DEST_FLAG_*). Their meaning is undocumented; this RTM never sets them.
constexpr uint32_t RTM_DEST_FLAG_NATURAL_NET = 0x01;   //!< defined for completeness
constexpr uint32_t RTM_DEST_FLAG_FWD_ENGIN_ADD = 0x02; //!< defined for completeness
constexpr uint32_t RTM_DEST_FLAG_DONT_FORWARD = 0x04;  //!< defined for completeness

// Next hops.
constexpr uint16_t RTM_NEXTHOP_STATE_CREATED = 0;  //!< live
constexpr uint16_t RTM_NEXTHOP_STATE_DELETED = 1;  //!< deleted, kept while routes use it
constexpr uint16_t RTM_NEXTHOP_FLAGS_REMOTE = 0x1; //!< resolve through the table (recursive)
constexpr uint16_t RTM_NEXTHOP_FLAGS_DOWN = 0x2;   //!< set by the owner: the next hop is not usable
constexpr uint32_t RTM_NEXTHOP_CHANGE_NEW = 0x1;   //!< AddNextHop created the next hop

// Route change flags (AddRouteToDest and friends).
constexpr uint32_t RTM_ROUTE_CHANGE_FIRST = 0x01;      //!< in: update my first route here
constexpr uint32_t RTM_ROUTE_CHANGE_NEW = 0x02;        //!< in: force a new route; out: created
constexpr uint32_t RTM_ROUTE_CHANGE_BEST = 0x00010000; //!< out: the best route changed

// Change-notification types.
constexpr uint32_t RTM_CHANGE_TYPE_ALL = 0x0001;              //!< any change of any route
constexpr uint32_t RTM_CHANGE_TYPE_BEST = 0x0002;             //!< a change of the best route
constexpr uint32_t RTM_CHANGE_TYPE_FORWARDING = 0x0004;       //!< a best change the forwarder needs
constexpr uint32_t RTM_NUM_CHANGE_TYPES = 3;                  //!< number of change types
constexpr uint32_t RTM_NOTIFY_ONLY_MARKED_DESTS = 0x00010000; //!< only marked destinations

// Enumeration flags.
constexpr uint32_t RTM_ENUM_START = 0x0;             //!< from the first prefix
constexpr uint32_t RTM_ENUM_NEXT = 0x1;              //!< from the given prefix (included)
constexpr uint32_t RTM_ENUM_RANGE = 0x2;             //!< only within the given prefix
constexpr uint32_t RTM_ENUM_ALL_DESTS = 0x0;         //!< every destination
constexpr uint32_t RTM_ENUM_OWN_DESTS = 0x01000000;  //!< where I own a best route
constexpr uint32_t RTM_ENUM_ALL_ROUTES = 0x0;        //!< every route
constexpr uint32_t RTM_ENUM_OWN_ROUTES = 0x00010000; //!< only my routes

// Route matching flags (GetExactMatchRoute, CreateRouteEnum).
constexpr uint32_t RTM_MATCH_NONE = 0x0;       //!< any route
constexpr uint32_t RTM_MATCH_OWNER = 0x1;      //!< same owner
constexpr uint32_t RTM_MATCH_NEIGHBOUR = 0x2;  //!< same neighbour
constexpr uint32_t RTM_MATCH_PREF = 0x4;       //!< same preference and metric
constexpr uint32_t RTM_MATCH_NEXTHOP = 0x8;    //!< a next hop in common
constexpr uint32_t RTM_MATCH_INTERFACE = 0x10; //!< a next hop on the given interface
constexpr uint32_t RTM_MATCH_FULL = 0xFFFF;    //!< all of the above

// Protocol filters of destination queries.
constexpr uint32_t RTM_BEST_PROTOCOL = 0;          //!< report the overall best route
constexpr uint32_t RTM_THIS_PROTOCOL = 0xFFFFFFFF; //!< report the best route of my protocol

/// A time to live that never runs out (INFINITE).
constexpr uint32_t RTM_INFINITE = 0xFFFFFFFF;

// Entity methods.
constexpr uint32_t RTM_MAX_METHODS = 32;                 //!< methods one client can export
constexpr uint32_t METHOD_TYPE_ALL_METHODS = 0xFFFFFFFF; //!< invoke every method
constexpr uint32_t RTM_BLOCK_METHODS = 1;                //!< BlockMethods: block
constexpr uint32_t RTM_RESUME_METHODS = 0;               //!< BlockMethods: resume
constexpr uint32_t RTM_TARGET_NONE = 0;                  //!< BlockMethods: every method
constexpr uint32_t RTM_DEST_TYPE = 1;                    //!< BlockMethods target kind (unsupported)
constexpr uint32_t RTM_ROUTE_TYPE = 2;                   //!< BlockMethods target kind (unsupported)
constexpr uint32_t RTM_NEXTHOP_TYPE = 3;                 //!< BlockMethods target kind (unsupported)

/**
 * \brief routprot.h's PROTOCOL_ID(type, vendor, protocol).
 * \param type 0 unicast, 1 multicast, 2 reserved, 3 reserved
 * \param vendor the vendor id (14 bits)
 * \param protocol the vendor's protocol id (16 bits)
 * \return the 32-bit protocol id
 */
constexpr uint32_t
RtmProtocolId(uint32_t type, uint32_t vendor, uint32_t protocol)
{
    return ((type & 3) << 30) | ((vendor & 0x3FFF) << 16) | (protocol & 0xFFFF);
}

// Protocol ids of the clients that come with this module (routprot.h values where they exist).
constexpr uint32_t RTM_PROTO_IP_LOCAL = 2;   //!< connected routes (PROTO_IP_LOCAL)
constexpr uint32_t RTM_PROTO_IP_NETMGMT = 3; //!< static routes (PROTO_IP_NETMGMT)
constexpr uint32_t RTM_PROTO_IP_RIP = 8;     //!< RIPv2 (PROTO_IP_RIP)
constexpr uint32_t RTM_PROTO_IP_OSPF = 13;   //!< OSPF (PROTO_IP_OSPF; no client ships, for users)
constexpr uint32_t RTM_VENDOR_NS3 = 0x0ee3;  //!< vendor id of this module's own clients
/// The link-state (graph) client.
constexpr uint32_t RTM_PROTO_NS3_GRAPH = RtmProtocolId(0, RTM_VENDOR_NS3, 1);
/// The multicast feeder.
constexpr uint32_t RTM_PROTO_NS3_MCAST = RtmProtocolId(1, RTM_VENDOR_NS3, 2);
/// The client that holds the routes ns-3 itself notifies to the IPv6 routing protocol (RA
/// autoconfiguration, ICMPv6 redirects; see RtmIpv6Routing).
constexpr uint32_t RTM_PROTO_NS3_IPV6_NOTIFIED = RtmProtocolId(0, RTM_VENDOR_NS3, 4);

/// (Metric, Preference): lower is better on both; preference is compared first.
struct RtmPrefInfo
{
    uint32_t metric{0};     //!< protocol-specific cost
    uint32_t preference{0}; //!< administrative preference (0 on input: the client's default)
};

/// The identity of a client: the 64-bit pair is the key.
struct RtmEntityId
{
    uint32_t entityProtocolId{0}; //!< protocol id (e.g. RTM_PROTO_IP_RIP)
    uint32_t entityInstanceId{0}; //!< instance of that protocol

    /// \return the 64-bit key
    uint64_t EntityId() const
    {
        return (static_cast<uint64_t>(entityProtocolId) << 32) | entityInstanceId;
    }
};

/// A client's registration identity (RTM_ENTITY_INFO).
struct RtmEntityInfo
{
    uint16_t rtmInstanceId{0}; //!< the RTM instance
    uint16_t addressFamily{0}; //!< RTM_AF_INET or RTM_AF_INET6
    RtmEntityId entityId;      //!< the client's id
};

/// What a registration may do (RTM_REGN_PROFILE).
struct RtmRegnProfile
{
    uint32_t maxNextHopsInRoute{0}; //!< next hops one route (or one remote resolution) may have
    uint32_t maxHandlesInEnum{0};   //!< items one Get... call may return
    RtmViewSet viewsSupported{0};   //!< views of the table
    uint32_t numberOfViews{0};      //!< popcount of viewsSupported
};

/// A next hop (RTM_NEXTHOP_INFO).
struct RtmNextHopInfo
{
    RtmNetAddress nextHopAddress;              //!< the neighbour's address (identity, read-only)
    RtmEntityHandle nextHopOwner;              //!< owner (set by RTM)
    uint32_t interfaceIndex{0};                //!< outgoing interface (identity; 0 for remote)
    uint16_t state{RTM_NEXTHOP_STATE_CREATED}; //!< set by RTM
    uint16_t flags{0};                         //!< RTM_NEXTHOP_FLAGS_*
    uint64_t entitySpecificInfo{0};            //!< the owner's private word
    RtmDestHandle remoteNextHop; //!< for remote next hops: the resolving destination (RTM)
};

/// A route (RTM_ROUTE_INFO).
struct RtmRouteInfo
{
    RtmDestHandle destHandle;               //!< destination (set by RTM)
    RtmEntityHandle routeOwner;             //!< owner (set by RTM; input ignored)
    RtmNextHopHandle neighbour;             //!< the peer that advertised it (identity); may be null
    uint8_t state{RTM_ROUTE_STATE_CREATED}; //!< set by RTM
    uint8_t flags1{0};                      //!< RTMv1 compatibility flags, stored as given
    uint16_t flags{0};                      //!< RTM_ROUTE_FLAGS_*
    RtmPrefInfo prefInfo;                   //!< preference and metric
    RtmViewSet belongsToViews{RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST}; //!< views of the route
    uint64_t entitySpecificInfo{0};         //!< the owner's private word
    std::vector<RtmNextHopHandle> nextHops; //!< equal-cost next hops (the owner's)
};

/// One view of a destination (an element of RTM_DEST_INFO.ViewInfo).
struct RtmViewInfo
{
    RtmViewId viewId{0};      //!< the view
    uint32_t numRoutes{0};    //!< routes of the destination in this view
    RtmRouteHandle route;     //!< best route (after the protocol filter), or null
    RtmEntityHandle owner;    //!< owner of that route, or null
    uint32_t destFlags{0};    //!< flags of that route
    RtmRouteHandle holdRoute; //!< held route (hold-down), or null
};

/// A destination (RTM_DEST_INFO).
struct RtmDestInfo
{
    RtmDestHandle destHandle;          //!< the destination
    RtmNetAddress destAddress;         //!< its prefix
    Time lastChanged;                  //!< simulation time of its last change
    RtmViewSet belongsToViews{0};      //!< union of the views of its live routes
    std::vector<RtmViewInfo> viewInfo; //!< one block per requested view, ascending view id
};

/// Input of an entity method (RTM_ENTITY_METHOD_INPUT).
struct RtmEntityMethodInput
{
    uint32_t methodType{0};         //!< bit i selects exported method i
    std::vector<uint8_t> inputData; //!< protocol-defined
};

/// Output of one invoked method (RTM_ENTITY_METHOD_OUTPUT).
struct RtmEntityMethodOutput
{
    uint32_t methodType{0};          //!< the single bit of the method that produced it
    uint32_t methodStatus{0};        //!< protocol-defined status (0 = success)
    std::vector<uint8_t> outputData; //!< protocol-defined
};

/**
 * An exported method: (caller, callee, input, output). RTM calls it on behalf of InvokeMethod;
 * clients never call each other's methods directly.
 */
typedef Callback<void,
                 RtmEntityHandle,
                 RtmEntityHandle,
                 const RtmEntityMethodInput&,
                 RtmEntityMethodOutput&>
    RtmEntityMethod;

/// Event types (RTM_EVENT_TYPE).
enum class RtmEventType : uint8_t
{
    EntityRegistered = 0,   //!< RTM_ENTITY_REGISTERED: another client registered
    EntityDeregistered = 1, //!< RTM_ENTITY_DEREGISTERED: another client left
    RouteExpired = 2,       //!< RTM_ROUTE_EXPIRED: a route of mine reached its TTL
    ChangeNotification = 3, //!< RTM_CHANGE_NOTIFICATION: changes are waiting to be pulled
};

/// \return the RTMv2 name of an event type
const char* RtmEventTypeName(RtmEventType type);

/**
 * \brief A readable name for a protocol id: "connected", "static", "RIP", "OSPF",
 * "link-state", "multicast-feeder", "ipv6-notified", else "proto N".
 * \param protocolId an EntityProtocolId
 * \return the name
 */
std::string RtmProtocolName(uint32_t protocolId);

/**
 * \brief Route flags as text, e.g. "LOCAL|MYSELF" ("" for none).
 * \param flags RTM_ROUTE_FLAGS_* bits
 * \return the text
 */
std::string RtmRouteFlagsString(uint16_t flags);

/**
 * An event delivered to a client's callback. Which fields are filled depends on the type:
 * (de)registration: entity and entityInfo; expiry: route and routeInfo; change notification:
 * notify and notifyContext.
 */
struct RtmEvent
{
    RtmEventType type{RtmEventType::EntityRegistered}; //!< what happened
    RtmEntityHandle entity;                            //!< the other client
    RtmEntityInfo entityInfo;                          //!< its identity
    RtmRouteHandle route;                              //!< the expired route
    RtmRouteInfo routeInfo;                            //!< its contents
    RtmNotifyHandle notify;                            //!< the registration with pending changes
    uint64_t notifyContext{0};                         //!< context given at registration
};

/**
 * A client's event callback. The return value is ignored except for RouteExpired, where
 * RtmStatus::NotSupported asks RTM to delete the route itself.
 */
typedef Callback<RtmStatus, const RtmEvent&> RtmEventCallback;

/// Completion of a method invocation that was queued while the target's methods were blocked.
typedef Callback<void, RtmStatus, const std::vector<RtmEntityMethodOutput>&> RtmInvokeCallback;

} // namespace ns3

#endif /* RTM_TYPES_H */
