/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Names of the OSPF states, LSA types and drop reasons, dotted-quad printing.
 */
#include "rtm-ospf-types.h"

#include <sstream>

namespace ns3
{

std::string
RtmOspfPacketTypeName(uint8_t type)
{
    switch (type)
    {
    case 1:
        return "Hello";
    case 2:
        return "DbDesc";
    case 3:
        return "LsRequest";
    case 4:
        return "LsUpdate";
    case 5:
        return "LsAck";
    default:
        return "type " + std::to_string(type);
    }
}

bool
RtmOspfKnownLsaType(uint8_t type)
{
    return (type >= OSPF_LSA_ROUTER && type <= OSPF_LSA_EXTERNAL) || type == OSPF_LSA_NSSA;
}

std::string
RtmOspfLsaTypeName(uint8_t type)
{
    switch (type)
    {
    case OSPF_LSA_ROUTER:
        return "router";
    case OSPF_LSA_NETWORK:
        return "network";
    case OSPF_LSA_SUMMARY_NET:
        return "summary";
    case OSPF_LSA_SUMMARY_ASBR:
        return "asbr-summary";
    case OSPF_LSA_EXTERNAL:
        return "external";
    case OSPF_LSA_NSSA:
        return "nssa";
    default:
        return "type-" + std::to_string(type);
    }
}

const char*
RtmOspfIfStateName(RtmOspfIfState s)
{
    switch (s)
    {
    case RtmOspfIfState::Down:
        return "Down";
    case RtmOspfIfState::Loopback:
        return "Loopback";
    case RtmOspfIfState::Waiting:
        return "Waiting";
    case RtmOspfIfState::PointToPoint:
        return "Point-to-point";
    case RtmOspfIfState::DrOther:
        return "DROther";
    case RtmOspfIfState::Backup:
        return "Backup";
    case RtmOspfIfState::Dr:
        return "DR";
    }
    return "?";
}

const char*
RtmOspfNbrStateName(RtmOspfNbrState s)
{
    switch (s)
    {
    case RtmOspfNbrState::Down:
        return "Down";
    case RtmOspfNbrState::Attempt:
        return "Attempt";
    case RtmOspfNbrState::Init:
        return "Init";
    case RtmOspfNbrState::TwoWay:
        return "2-Way";
    case RtmOspfNbrState::ExStart:
        return "ExStart";
    case RtmOspfNbrState::Exchange:
        return "Exchange";
    case RtmOspfNbrState::Loading:
        return "Loading";
    case RtmOspfNbrState::Full:
        return "Full";
    }
    return "?";
}

const char*
RtmOspfDropName(RtmOspfDrop d)
{
    switch (d)
    {
    case RtmOspfDrop::TooShort:
        return "too-short";
    case RtmOspfDrop::BadVersion:
        return "bad-version";
    case RtmOspfDrop::BadLength:
        return "bad-length";
    case RtmOspfDrop::BadChecksum:
        return "bad-checksum";
    case RtmOspfDrop::BadType:
        return "bad-type";
    case RtmOspfDrop::BadAuthType:
        return "bad-auth-type";
    case RtmOspfDrop::BadAuth:
        return "bad-auth";
    case RtmOspfDrop::CryptoSeqOld:
        return "crypto-seq-old";
    case RtmOspfDrop::BadBody:
        return "bad-body";
    case RtmOspfDrop::AreaMismatch:
        return "area-mismatch";
    case RtmOspfDrop::OwnPacket:
        return "own-packet";
    case RtmOspfDrop::NotForMe:
        return "not-for-me";
    case RtmOspfDrop::HelloMismatch:
        return "hello-mismatch";
    case RtmOspfDrop::UnknownNeighbor:
        return "unknown-neighbor";
    case RtmOspfDrop::NeighborState:
        return "neighbor-state";
    case RtmOspfDrop::BadLsaChecksum:
        return "bad-lsa-checksum";
    case RtmOspfDrop::BadLsaType:
        return "bad-lsa-type";
    case RtmOspfDrop::BadLsa:
        return "bad-lsa";
    case RtmOspfDrop::MtuMismatch:
        return "mtu-mismatch";
    case RtmOspfDrop::Count:
        break;
    }
    return "?";
}

std::string
RtmOspfDotted(uint32_t a)
{
    std::ostringstream os;
    os << (a >> 24) << '.' << ((a >> 16) & 0xff) << '.' << ((a >> 8) & 0xff) << '.' << (a & 0xff);
    return os.str();
}

std::ostream&
operator<<(std::ostream& os, const RtmOspfLsaKey& k)
{
    return os << RtmOspfLsaTypeName(k.type) << " " << RtmOspfDotted(k.lsid) << " "
              << RtmOspfDotted(k.advRouter);
}

} // namespace ns3
