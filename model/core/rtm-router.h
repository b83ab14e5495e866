/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRouter: the router manager of a node (aggregated to it): starts instances, gives every
 * device to exactly one instance (instance 0 by default), runs the connected-routes client of
 * each (instance, family) and keeps the multicast forwarding entries (S,G) / (*,G).
 * Invariant: an interface belongs to one instance at any time; moving it withdraws its
 * connected routes from the old instance before adding them to the new one.
 */
#ifndef RTM_ROUTER_H
#define RTM_ROUTER_H

#include "rtm-instance.h"
#include "rtm-types.h"

#include "ns3/callback.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/object.h"

#include <map>
#include <ostream>
#include <tuple>
#include <vector>

namespace ns3
{

class RtmLocalClient;

/**
 * \ingroup rtm
 * \brief A multicast forwarding entry: packets of (source, group) arriving on the RPF interface
 * leave on these interfaces. A source with numBits 0 is the (*, G) wildcard.
 */
struct RtmMulticastEntry
{
    RtmNetAddress source;                   //!< source host, or a /0 for (*, G)
    RtmNetAddress group;                    //!< the group address
    std::vector<uint32_t> outputInterfaces; //!< interfaces of the entry's family
};

/**
 * \ingroup rtm
 * \brief The router manager of a node: it starts RTM instances, gives each of the node's
 * devices to exactly one instance (virtual routers), runs the built-in connected-routes client
 * of each (instance, family) and keeps the multicast forwarding entries.
 *
 * It is aggregated to the Node (RtmHelper does this); the forwarding plane (RtmIpv4Routing,
 * RtmIpv6Routing) asks it which instance owns an interface. Devices not assigned explicitly
 * belong to instance 0, which always exists.
 */
class RtmRouter : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RtmRouter();
    ~RtmRouter() override;

    /**
     * \brief The router manager of \p node, created and aggregated to it if it has none.
     * \param node the node (null: a router manager of its own, aggregated to nothing)
     * \return the router manager
     */
    static Ptr<RtmRouter> Of(Ptr<Node> node);

    /**
     * \brief Set an attribute of the instances this router creates from now on.
     * \param name attribute of ns3::RtmInstance
     * \param value its value
     */
    void SetInstanceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Start instance \p id (or return it if it runs already).
     * \param id the instance id
     * \return the instance
     */
    Ptr<RtmInstance> CreateInstance(uint16_t id);

    /// \return instance \p id, or null if it was never started
    Ptr<RtmInstance> GetInstance(uint16_t id) const;

    /// \return the ids of the running instances, ascending
    std::vector<uint16_t> GetInstanceIds() const;

    /**
     * \brief Give the device with ns-3 device index \p deviceIndex (NetDevice::GetIfIndex) to
     * instance \p instance (started if needed). A device is assigned once: a device already
     * given to another instance is refused (MoveDevice moves it). A device not assigned
     * belongs to instance 0, so assigning it elsewhere is a move (see MoveDevice).
     * \return false if the device already belongs to another instance (nothing changes)
     */
    bool AssignDevice(uint32_t deviceIndex, uint16_t instance);

    /**
     * \brief Move device \p deviceIndex to instance \p instance (started if needed), before
     * or during a simulation. A move is an event: the device listeners (the forwarding planes)
     * are told at once; for the old instance each interface of the device goes away (its
     * connected routes are withdrawn, the instance no longer owns it, so the next hops on it
     * are unusable, and the interface listeners hear it is down), for the new one it arrives.
     * \param deviceIndex the device (NetDevice::GetIfIndex)
     * \param instance the instance
     */
    void MoveDevice(uint32_t deviceIndex, uint16_t instance);

    /// \return the instance owning device \p deviceIndex (0 if never assigned)
    uint16_t GetInstanceOfDevice(uint32_t deviceIndex) const;

    /**
     * \brief Add (or replace) a multicast forwarding entry of instance \p instance.
     * \param instance the instance
     * \param source the source address, or a prefix of length 0 for (*, G)
     * \param group the group (a multicast address of the same family)
     * \param outputInterfaces where packets of the entry are sent (interface indices of that
     * family) \return false for malformed arguments or an unknown instance
     */
    bool AddMulticastRoute(uint16_t instance,
                           const RtmNetAddress& source,
                           const RtmNetAddress& group,
                           const std::vector<uint32_t>& outputInterfaces);

    /// \return true if the entry (instance, source, group) existed and was removed
    bool RemoveMulticastRoute(uint16_t instance,
                              const RtmNetAddress& source,
                              const RtmNetAddress& group);

    /**
     * \brief The entry for a packet: (S, G) if present, else (*, G).
     * \return the entry, or null
     */
    const RtmMulticastEntry* FindMulticastRoute(uint16_t instance,
                                                const RtmNetAddress& source,
                                                const RtmNetAddress& group) const;

    /// \return a number that changes whenever a multicast entry is added or removed
    uint64_t GetMulticastVersion() const
    {
        return m_mcastVersion;
    }

    /// \return every multicast entry of \p instance
    std::vector<RtmMulticastEntry> GetMulticastRoutes(uint16_t instance) const;

    /**
     * \brief The connected-routes client of (instance, family), started on first use.
     * \return the client
     */
    Ptr<RtmLocalClient> GetLocalClient(uint16_t instance, uint16_t family);

    /**
     * \brief Keep a protocol client of (instance, family) under a kind name ("static", "rip",
     * ...), so helpers find it again and it is disposed with the router.
     * \param kind the client kind
     * \param instance the instance
     * \param family the family
     * \param client the client object
     */
    void SetClient(const std::string& kind, uint16_t instance, uint16_t family, Ptr<Object> client);

    /// \return the client of that kind, instance and family, or null
    Ptr<Object> GetClient(const std::string& kind, uint16_t instance, uint16_t family) const;

    /// Device moves: (device index, old instance, new instance).
    typedef Callback<void, uint32_t, uint16_t, uint16_t> DeviceListener;

    /**
     * \brief Be told when a device moves between instances (the forwarding planes are).
     * \param listener the callback
     */
    void AddDeviceListener(DeviceListener listener);

    /// \param listener a callback given to AddDeviceListener: stop telling it
    void RemoveDeviceListener(DeviceListener listener);

    /// Interface events for clients: (instance, family, interface, up).
    typedef Callback<void, uint16_t, uint16_t, uint32_t, bool> InterfaceListener;

    /**
     * \brief Be told when an interface of any instance goes up or down (RTMv2: the router
     * manager informs its protocols). Static and protocol clients use this.
     * \param listener the callback
     */
    void AddInterfaceListener(InterfaceListener listener);

    /**
     * \brief Stop telling \p listener (every registration equal to it); clients call this when
     * they are disposed before the router.
     * \param listener a callback given to AddInterfaceListener
     */
    void RemoveInterfaceListener(InterfaceListener listener);

    /**
     * \brief Called by the forwarding planes: record the state of an interface in an instance
     * and tell the listeners if it changed (a move to another instance is a change: the old
     * instance hears "down" first, then the new one its state).
     * \param instance the owning instance
     * \param family RTM_AF_INET or RTM_AF_INET6
     * \param interface the interface index (of that family)
     * \param up its state
     */
    void NotifyInterface(uint16_t instance, uint16_t family, uint32_t interface, bool up);

    /// \return true if \p interface of \p family was last reported up
    bool IsInterfaceUp(uint16_t family, uint32_t interface) const;

    /// Print every instance (interfaces, tables per family and view, multicast entries).
    void Print(std::ostream& os) const;

  protected:
    void DoDispose() override;

  private:
    ObjectFactory m_instanceFactory;                  //!< makes instances
    std::map<uint16_t, Ptr<RtmInstance>> m_instances; //!< running instances
    std::map<uint32_t, uint16_t> m_deviceInstance;    //!< device index -> instance
    std::map<std::pair<uint16_t, uint16_t>, Ptr<RtmLocalClient>> m_local; //!< (instance, family)
    /// (instance, group, source) -> entry
    std::map<std::tuple<uint16_t, RtmNetAddress, RtmNetAddress>, RtmMulticastEntry> m_mcast;
    uint32_t m_localPreference;                    //!< attribute ConnectedPreference
    uint64_t m_mcastVersion{0};                    //!< multicast entry changes
    std::vector<InterfaceListener> m_listeners;    //!< interface listeners
    std::vector<DeviceListener> m_deviceListeners; //!< device listeners
    std::map<std::tuple<std::string, uint16_t, uint16_t>, Ptr<Object>> m_clients; //!< clients
    /// (family, interface) -> (instance, up) last reported
    std::map<std::pair<uint16_t, uint32_t>, std::pair<uint16_t, bool>> m_ifState;
};

} // namespace ns3

#endif /* RTM_ROUTER_H */
