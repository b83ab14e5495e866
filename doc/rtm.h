/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The Doxygen group of the module (ns-3 reads doc/<module>.h with the sources), for the
 * \ingroup rtm of its classes.
 */

/**
 * \defgroup rtm Routing Table Manager (RTMv2)
 *
 * A routing table manager after the architecture of the Windows Routing Table Manager version 2:
 * per node a router manager (RtmRouter) with instances (RtmInstance, virtual routers), per
 * instance and address family a routing table (RtmTable) with destinations, routes, next hops and
 * views; routing protocols as clients (RtmRegistration); IPv4 and IPv6 forwarding planes
 * (RtmIpv4Routing, RtmIpv6Routing) that forward by longest-prefix match in a poptrie FIB
 * (RtmFib). See doc/rtm.rst.
 */
