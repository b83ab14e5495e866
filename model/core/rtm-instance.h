/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmInstance: one RTM instance, an independent set of routing tables (one RtmTable per family)
 * that owns some of the node's interfaces, registers entities (RegisterEntity) and traces route
 * and best-route changes. Instances share nothing (rtm-spec §1.1).
 */
#ifndef RTM_INSTANCE_H
#define RTM_INSTANCE_H

#include "rtm-registration.h"
#include "rtm-types.h"

#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <ostream>
#include <set>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief One RTM instance: an independent set of routing tables (one per address family) that
 * owns some of a node's interfaces. Several instances on a node are virtual routers; nothing is
 * shared between them.
 *
 * Clients register with RegisterEntity and receive an RtmRegistration through which they make
 * every RTMv2 call. The tables are created on first use, so an instance that is never used costs
 * only this object.
 */
class RtmInstance : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmInstance();
    ~RtmInstance() override;

    /// \param id the instance id (RTM_ENTITY_INFO.RtmInstanceId of its clients)
    void SetInstanceId(uint16_t id);
    /// \return the instance id
    uint16_t GetInstanceId() const;

    /**
     * \brief Give an interface of one family to this instance. Local next hops must be on an
     * interface the instance owns; interface 0 (loopback) is always usable. ns-3 numbers IPv4
     * and IPv6 interfaces separately (Ipv4::AddInterface and Ipv6::AddInterface each count from
     * the loopback), so the same device may have different indices in the two families: an
     * interface is always given per family.
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param interface the interface index in that family
     */
    void AddInterface(uint16_t family, uint32_t interface);
    /**
     * \brief Take an interface of one family away from this instance: its next hops stay (their
     * owners may delete them) but are not usable until the interface is given back.
     * \param family the family \param interface the interface to take away
     */
    void RemoveInterface(uint16_t family, uint32_t interface);
    /// \return true if the instance may use \p interface of \p family
    bool OwnsInterface(uint16_t family, uint32_t interface) const;
    /**
     * \brief Tell the instance whether an interface of one family is up or down (the router
     * manager's interface events). Next hops on a down interface, or on an interface the
     * instance does not own, are not usable; a route with no usable next hop is not eligible
     * as a best route (doc/rtm-decisions.rst, "Next-hop state"), so the tables re-select at
     * once and notify as for a client's edit. Interfaces are up until told otherwise; the state
     * is kept whether or not the instance owns the interface (it applies once it does). A device
     * moving between instances is RemoveInterface on the old one (its next hops there become
     * unusable at once, with the same re-selection and notifications) and AddInterface plus
     * SetInterfaceState (the state is per instance) on the new one.
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param interface the interface index in that family
     * \param up the new state
     */
    void SetInterfaceState(uint16_t family, uint32_t interface, bool up);
    /// \return false if \p interface of \p family was set down (SetInterfaceState)
    bool IsInterfaceUp(uint16_t family, uint32_t interface) const;
    /// \return true if next hops on \p interface of \p family are usable: owned and up
    bool IsInterfaceUsable(uint16_t family, uint32_t interface) const;
    /// \return the owned interfaces of \p family (loopback not included)
    std::vector<uint32_t> GetInterfaces(uint16_t family = RTM_AF_INET) const;

    /**
     * \brief RtmRegisterEntity: register a client with this instance for one address family.
     * Every other registered client of that table with a callback then receives
     * EntityRegistered.
     * \param info the client's identity; info.rtmInstanceId must be this instance's id
     * \param exportMethods methods other clients may invoke (bit i = method i; at most 32)
     * \param callback event callback (may be null)
     * \param reserveOpaquePointer reserve one opaque slot in every destination
     * \param[out] profile the registration profile
     * \param[out] registration the registration
     * \return Success; AlreadyExists (same entity id already registered with this table);
     * InvalidParameter (instance id, family, too many methods); NoSystemResources (no opaque
     * slot left, or 65535 clients)
     */
    RtmStatus RegisterEntity(const RtmEntityInfo& info,
                             const std::vector<RtmEntityMethod>& exportMethods,
                             RtmEventCallback callback,
                             bool reserveOpaquePointer,
                             RtmRegnProfile& profile,
                             Ptr<RtmRegistration>& registration);

    /**
     * \brief Longest-prefix match on the lookup structure (FIB) of a view; this is what packet
     * forwarding uses.
     * \param address an address of either family
     * \param view RTM_VIEW_ID_UCAST or RTM_VIEW_ID_MCAST
     * \param[out] info the matching destination (view block for \p view, best route first)
     * \return Success, NotFound, InvalidParameter (address, view)
     */
    RtmStatus Lookup(const RtmNetAddress& address, RtmViewId view, RtmDestInfo& info) const;

    /// \return the IPv4 table, created if needed (internal: forwarding plane and tests)
    RtmTable<RtmIpv4Family>& GetIpv4Table();
    /// \return the IPv6 table, created if needed (internal)
    RtmTable<RtmIpv6Family>& GetIpv6Table();
    /// \return the IPv4 table or null if never used (internal)
    RtmTable<RtmIpv4Family>* PeekIpv4Table() const;
    /// \return the IPv6 table or null if never used (internal)
    RtmTable<RtmIpv6Family>* PeekIpv6Table() const;

    /**
     * \brief Print both tables: per view, each destination with its routes (owner, preference,
     * metric, flags, next hops) and which route is best.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

    /**
     * \brief Heap bytes used by this instance (object, tables, indexes, lookup structures).
     * \return the bytes
     */
    std::size_t GetMemoryBytes() const;

    /// TracedCallback signature of route events: (family, prefix, route owner's protocol id).
    typedef void (*RouteTracedCallback)(uint16_t family,
                                        const RtmNetAddress& prefix,
                                        uint32_t protocolId);
    /// TracedCallback signature of best-route changes: (family, prefix, view, has a best route).
    typedef void (*BestTracedCallback)(uint16_t family,
                                       const RtmNetAddress& prefix,
                                       RtmViewId view,
                                       bool hasBest);

  protected:
    void DoDispose() override;

  private:
    template <typename F>
    friend class RtmTable;

    /// Tell the table of \p family (if it exists) that \p interface changed.
    void InterfaceChanged(uint16_t family, uint32_t interface);

    uint16_t m_instanceId{0};                      //!< instance id
    bool m_disposed{false};                        //!< DoDispose ran: no more tables
    std::set<uint32_t> m_interfaces4;              //!< owned IPv4 interfaces
    std::set<uint32_t> m_interfaces6;              //!< owned IPv6 interfaces
    std::set<uint32_t> m_down4;                    //!< IPv4 interfaces set down
    std::set<uint32_t> m_down6;                    //!< IPv6 interfaces set down
    uint32_t m_maxNextHopsInRoute;                 //!< attribute
    uint32_t m_maxHandlesInEnum;                   //!< attribute
    uint32_t m_viewsSupported;                     //!< attribute
    uint32_t m_opaqueSlots;                        //!< attribute
    uint32_t m_maxNotify;                          //!< attribute
    uint32_t m_defaultPreference;                  //!< attribute
    Time m_eventDelay;                             //!< attribute
    std::unique_ptr<RtmTable<RtmIpv4Family>> m_t4; //!< IPv4 table (lazy)
    std::unique_ptr<RtmTable<RtmIpv6Family>> m_t6; //!< IPv6 table (lazy)

    TracedCallback<uint16_t, const RtmNetAddress&, uint32_t> m_routeAdded;         //!< RouteAdded
    TracedCallback<uint16_t, const RtmNetAddress&, uint32_t> m_routeDeleted;       //!< RouteDeleted
    TracedCallback<uint16_t, const RtmNetAddress&, RtmViewId, bool> m_bestChanged; //!< BestChanged
};

} // namespace ns3

#endif /* RTM_INSTANCE_H */
