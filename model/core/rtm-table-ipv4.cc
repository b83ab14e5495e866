/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IPv4 routing table: the one instantiation of RtmTable<RtmIpv4Family>.
 */
#include "rtm-table-impl.h"

namespace ns3
{

template class RtmTable<RtmIpv4Family>;

} // namespace ns3
