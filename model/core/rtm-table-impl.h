/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * All member definitions of RtmTable<F>, for the two translation units that instantiate it
 * (rtm-table-ipv4.cc and rtm-table-ipv6.cc).
 */
#ifndef RTM_TABLE_IMPL_H
#define RTM_TABLE_IMPL_H

#include "rtm-table-entity-impl.h"
#include "rtm-table-nexthop-impl.h"
#include "rtm-table-notify-impl.h"
#include "rtm-table-print-impl.h"
#include "rtm-table-query-impl.h"
#include "rtm-table-route-impl.h"

#endif /* RTM_TABLE_IMPL_H */
