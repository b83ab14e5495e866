/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 *
 * The IPv6 routing table: the one instantiation of RtmTable<RtmIpv6Family>.
 */
#include "rtm-table-impl.h"

namespace ns3
{

template class RtmTable<RtmIpv6Family>;

} // namespace ns3
