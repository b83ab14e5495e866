/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmLocalClient: the built-in connected-routes client of one (instance, family): a route per
 * address of an up interface the instance owns, the router's own addresses as MYSELF routes.
 */
#ifndef RTM_LOCAL_CLIENT_H
#define RTM_LOCAL_CLIENT_H

#include "ns3/ptr.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-registration.h"
#include "ns3/simple-ref-count.h"

#include <map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The built-in connected-routes client of one (instance, family), registered as
 * (RTM_PROTO_IP_LOCAL, 0) like Windows' PROTO_IP_LOCAL.
 *
 * For every address of an up interface it owns one next hop (the interface's own address on that
 * interface) and two routes in the unicast and multicast views: the subnet route (flag LOCAL:
 * on-link) and the host route of the address itself (flag MYSELF). The forwarding plane tells it
 * the current address set of an interface after every interface or address event; the client
 * reconciles its routes with that set, so an interface going down withdraws its routes and the
 * best route of each prefix moves to the next candidate.
 */
class RtmLocalClient : public SimpleRefCount<RtmLocalClient>
{
  public:
    /// An address of an interface with its prefix length.
    typedef std::pair<RtmNetAddress, uint16_t> InterfaceAddress;

    /**
     * \param instance the instance
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param preference preference of its routes
     */
    RtmLocalClient(Ptr<RtmInstance> instance, uint16_t family, uint32_t preference);
    ~RtmLocalClient();

    /**
     * \brief Make the routes of \p interface match its state.
     * \param interface the interface index (of this family)
     * \param up whether it is up
     * \param addresses its addresses (ignored when down)
     * \param loopback whether it is the loopback interface (adds the LOOPBACK flag)
     */
    void SetInterface(uint32_t interface,
                      bool up,
                      const std::vector<InterfaceAddress>& addresses,
                      bool loopback);

    /// \return the registration (null if it failed)
    Ptr<RtmRegistration> GetRegistration() const;

    /// Deregister (everything it added goes).
    void Dispose();

  private:
    /// What one address contributed.
    struct Entry
    {
        RtmNextHopHandle nextHop; //!< own address on the interface
        RtmRouteHandle subnet;    //!< subnet route (null for full-length prefixes)
        RtmRouteHandle host;      //!< host route of the address
    };

    /// Add the routes of one address.
    void Add(uint32_t interface, const InterfaceAddress& a, bool loopback);
    /// Remove the routes of one address.
    void Remove(const Entry& e);

    Ptr<RtmRegistration> m_reg;                                    //!< registration
    std::map<std::pair<uint32_t, RtmNetAddress>, Entry> m_entries; //!< (interface, address)
};

} // namespace ns3

#endif /* RTM_LOCAL_CLIENT_H */
