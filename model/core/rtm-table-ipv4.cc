/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 *
 * The IPv4 routing table: the one instantiation of RtmTable<RtmIpv4Family>.
 */
#include "rtm-table-impl.h"

namespace ns3
{

template class RtmTable<RtmIpv4Family>;

} // namespace ns3
