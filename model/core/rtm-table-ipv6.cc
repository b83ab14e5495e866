/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IPv6 routing table: the one instantiation of RtmTable<RtmIpv6Family>.
 */
#include "rtm-table-impl.h"

namespace ns3
{

template class RtmTable<RtmIpv6Family>;

} // namespace ns3
