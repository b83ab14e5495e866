/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The simulated side of the real-daemon harness (`make check-interop`, utils/interop/): what
 * rtm-interop builds and the interface a protocol plug-in implements.
 *
 * rtm-interop runs a few simulated RTM routers in real time. The first router's interface 1 is
 * an FdNetDevice on a Linux tap device in a network namespace the harness made; the daemon
 * under test runs in that namespace and uses the tap's kernel side. Behind the routers: a host (the
 * ping target) and stub subnets. A protocol plug-in installs its clients on the routers; the
 * program watches every router's RTM tables and prints each route change as one `key=value` line,
 * so that the harness can check what the simulated side learnt while the daemon runs.
 *
 * Address plan (IPv4 / IPv6; the external link is given on the command line):
 *   external link      --address (10.77.0.2/24), --address6 (fd00:77::2/64) on r1
 *   link k (rk-rk+1)   10.78.k.0/24,   fd00:78:k::/64       (.1 / ::1 on rk, .2 / ::2 on rk+1)
 *   link N (--ring)    10.78.N.0/24,   fd00:78:N::/64       (.1 / ::1 on rN, .2 / ::2 on r1)
 *   host LAN           10.78.200.0/24, fd00:78:200::/64     (rN .1 / ::1, host .2 / ::2)
 *   stub j on rN       10.79.j.0/24,   fd00:79:j::/64       (rN .1 / ::1, nothing else there)
 */
#ifndef RTM_INTEROP_H
#define RTM_INTEROP_H

#include "ns3/command-line.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"

#include <memory>
#include <string>
#include <vector>

namespace rtminterop
{

using namespace ns3;

/// A subnet the program built, as announced on the `network` lines.
struct Network
{
    std::string kind;              //!< "external", "link", "host" or "stub"
    std::string prefix4;           //!< IPv4 prefix (a.b.c.d/len)
    std::string prefix6;           //!< IPv6 prefix
    std::vector<uint32_t> routers; //!< the routers on it (0-based)
};

/// An internal point-to-point link between two routers.
struct Link
{
    uint32_t a{0};   //!< one router (0-based)
    uint32_t b{0};   //!< the other
    uint32_t ifA{0}; //!< a's interface on it (both families)
    uint32_t ifB{0}; //!< b's interface on it
};

/// What the program built; a plug-in installs its protocol on it.
struct Lab
{
    NodeContainer routers;      //!< r1..rN (r1 holds the external device)
    Ptr<Node> host;             //!< the host behind rN
    Ptr<NetDevice> external;    //!< r1's FdNetDevice
    uint32_t externalIf4{0};    //!< its IPv4 interface index on r1
    uint32_t externalIf6{0};    //!< its IPv6 interface index on r1
    std::vector<uint32_t> edge; //!< rN's interfaces toward the host and the stubs (both families)
    std::vector<Network> networks; //!< every subnet
    std::vector<Link> links;       //!< the internal links (link k at k - 1; the ring's last)
    bool ipv6{true};               //!< IPv6 is configured too
};

/**
 * \brief A routing protocol of the harness, on the simulated side. One object per protocol
 * named by --protocol; each adds its own command-line options before parsing.
 */
class Protocol
{
  public:
    virtual ~Protocol() = default;
    /// \return the name given to --protocol (e.g. "rip")
    virtual std::string Name() const = 0;

    /// Add the plug-in's options (called for every plug-in, before parsing).
    virtual void AddOptions(CommandLine& cmd)
    {
    }

    /// Install the protocol on the routers (after the network is built, before the run).
    virtual void Install(Lab& lab) = 0;

    /// Print the plug-in's counters as `counters node=rK proto=NAME key=value...` lines.
    virtual void PrintCounters() const
    {
    }
};

/// \return the OSPFv2 plug-in ("ospf")
std::unique_ptr<Protocol> MakeOspfProtocol();
/// \return the BGP plug-in ("bgp")
std::unique_ptr<Protocol> MakeBgpProtocol();
/// \return the RIPv2 plug-in ("rip")
std::unique_ptr<Protocol> MakeRipProtocol();
/// \return the RIPng plug-in ("ripng")
std::unique_ptr<Protocol> MakeRipNgProtocol();

/// Print one output line (`kind key=value...`, prefixed with the time t=) and flush it.
void Emit(const std::string& kind, const std::string& fields);

/// \return "rK" for router index k (0-based)
std::string RouterName(uint32_t k);

} // namespace rtminterop

#endif /* RTM_INTEROP_H */
