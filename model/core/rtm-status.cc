/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmStatus: names for printing.
 */
#include "rtm-status.h"

namespace ns3
{

const char*
RtmStatusName(RtmStatus status)
{
    switch (status)
    {
    case RtmStatus::Success:
        return "Success";
    case RtmStatus::InvalidHandle:
        return "InvalidHandle";
    case RtmStatus::AccessDenied:
        return "AccessDenied";
    case RtmStatus::NotFound:
        return "NotFound";
    case RtmStatus::InvalidParameter:
        return "InvalidParameter";
    case RtmStatus::AlreadyExists:
        return "AlreadyExists";
    case RtmStatus::NoMoreItems:
        return "NoMoreItems";
    case RtmStatus::NoSystemResources:
        return "NoSystemResources";
    case RtmStatus::NotSupported:
        return "NotSupported";
    case RtmStatus::InsufficientBuffer:
        return "InsufficientBuffer";
    case RtmStatus::Pending:
        return "Pending";
    }
    return "Unknown";
}

std::ostream&
operator<<(std::ostream& os, RtmStatus status)
{
    return os << RtmStatusName(status);
}

} // namespace ns3
