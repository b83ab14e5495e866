/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * BGP error reasons: names and the NOTIFICATION each reason sends (see rtm-bgp-error.h).
 */
#include "rtm-bgp-error.h"

#include <sstream>

namespace ns3
{

const char*
RtmBgpReasonName(RtmBgpReason r)
{
    static const char* const names[] = {
        "HeaderMarker",
        "HeaderLength",
        "HeaderType",
        "OpenLength",
        "OpenVersion",
        "OpenPeerAs",
        "OpenBgpId",
        "OpenHoldTime",
        "OpenOptionalParameter",
        "OpenCapability",
        "UpdateLength",
        "AttrFlags",
        "AttrOverrun",
        "AttrDuplicate",
        "AttrUnrecognizedWellKnown",
        "OriginMalformed",
        "AsPathMalformed",
        "AsPathFirstAs",
        "NextHopMalformed",
        "NextHopInvalid",
        "MedMalformed",
        "LocalPrefMalformed",
        "LocalPrefFromEbgp",
        "AtomicAggregateMalformed",
        "AggregatorMalformed",
        "CommunitiesMalformed",
        "OriginatorIdMalformed",
        "ClusterListMalformed",
        "ReflectionFromEbgp",
        "As4PathMalformed",
        "As4AggregatorMalformed",
        "MpReachMalformed",
        "MpUnreachMalformed",
        "MpDuplicate",
        "MpNotNegotiated",
        "MissingWellKnown",
        "NlriMalformed",
        "NotificationLength",
        "KeepaliveLength",
        "RouteRefreshLength",
        "UnexpectedMessage",
    };
    static_assert(sizeof(names) / sizeof(names[0]) == static_cast<std::size_t>(RtmBgpReason::Count),
                  "one name per reason");
    auto i = static_cast<std::size_t>(r);
    return i < static_cast<std::size_t>(RtmBgpReason::Count) ? names[i] : "?";
}

const char*
RtmBgpActionName(RtmBgpAction a)
{
    switch (a)
    {
    case RtmBgpAction::None:
        return "none";
    case RtmBgpAction::AttributeDiscard:
        return "attribute-discard";
    case RtmBgpAction::TreatAsWithdraw:
        return "treat-as-withdraw";
    case RtmBgpAction::SessionReset:
        return "session-reset";
    }
    return "?";
}

void
RtmBgpParseResult::Add(RtmBgpReason reason,
                       RtmBgpAction act,
                       uint8_t code,
                       uint8_t subcode,
                       std::vector<uint8_t> data)
{
    reasons.push_back(reason);
    if (act == RtmBgpAction::SessionReset && action != RtmBgpAction::SessionReset)
    {
        notify.code = code;
        notify.subcode = subcode;
        notify.data = std::move(data);
    }
    if (act > action)
    {
        action = act;
    }
}

std::string
RtmBgpNotifyString(uint8_t code, uint8_t subcode)
{
    static const char* const codes[] = {"?",
                                        "Message Header Error",
                                        "OPEN Message Error",
                                        "UPDATE Message Error",
                                        "Hold Timer Expired",
                                        "Finite State Machine Error",
                                        "Cease",
                                        "ROUTE-REFRESH Message Error"};
    std::ostringstream os;
    os << unsigned(code) << "/" << unsigned(subcode) << " ("
       << (code < sizeof(codes) / sizeof(codes[0]) ? codes[code] : "?") << ")";
    return os.str();
}

} // namespace ns3
