/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmHandle<Tag>: the opaque handle of every table object, (table id, slot, generation).
 * Invariant: a handle is valid only while its table holds the object in that slot with that
 * generation; every call checks all three, so null, stale, foreign and forged handles are
 * InvalidHandle. Handles hold no reference; the tag keeps kinds apart at compile time.
 */
#ifndef RTM_HANDLE_H
#define RTM_HANDLE_H

#include <cstdint>
#include <functional>
#include <ostream>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief An opaque, copyable reference to an object of one routing table.
 *
 * A handle is (table id, slot, generation). The table checks all three on every call: a null
 * handle, a handle whose object was deleted (stale), a handle of another table or instance
 * (foreign) and a forged one all get RtmStatus::InvalidHandle, never undefined behaviour.
 * Handles hold no reference: there is nothing to release. The tag type keeps handles of different
 * kinds (destination, route, ...) from being mixed up at compile time.
 *
 * \tparam Tag a distinct empty type per kind of object
 */
template <typename Tag>
struct RtmHandle
{
    uint32_t table{0}; //!< id of the owning table (0: null handle)
    uint32_t index{0}; //!< slot in the table
    uint32_t gen{0};   //!< generation of the slot when the handle was made

    /// \return true for the null handle
    bool IsNull() const
    {
        return table == 0;
    }

    /// \return true if not null
    explicit operator bool() const
    {
        return table != 0;
    }

    /// \return true if all fields are equal
    friend bool operator==(const RtmHandle& a, const RtmHandle& b)
    {
        return a.table == b.table && a.index == b.index && a.gen == b.gen;
    }

    /// \return the negation of ==
    friend bool operator!=(const RtmHandle& a, const RtmHandle& b)
    {
        return !(a == b);
    }

    /// An arbitrary total order, for use as a map key.
    friend bool operator<(const RtmHandle& a, const RtmHandle& b)
    {
        if (a.table != b.table)
        {
            return a.table < b.table;
        }
        if (a.index != b.index)
        {
            return a.index < b.index;
        }
        return a.gen < b.gen;
    }

    /// Print as "table:index.gen" or "null".
    friend std::ostream& operator<<(std::ostream& os, const RtmHandle& h)
    {
        if (h.IsNull())
        {
            return os << "null";
        }
        return os << h.table << ":" << h.index << "." << h.gen;
    }
};

/// Tag of entity handles.
struct RtmEntityTag
{
};

/// Tag of destination handles.
struct RtmDestTag
{
};

/// Tag of route handles.
struct RtmRouteTag
{
};

/// Tag of next-hop handles.
struct RtmNextHopTag
{
};

/// Tag of enumeration handles.
struct RtmEnumTag
{
};

/// Tag of change-notification registration handles.
struct RtmNotifyTag
{
};

/// Tag of route-list handles.
struct RtmRouteListTag
{
};

typedef RtmHandle<RtmEntityTag> RtmEntityHandle;       //!< a registered client
typedef RtmHandle<RtmDestTag> RtmDestHandle;           //!< a destination (prefix)
typedef RtmHandle<RtmRouteTag> RtmRouteHandle;         //!< a route
typedef RtmHandle<RtmNextHopTag> RtmNextHopHandle;     //!< a next hop in a client's list
typedef RtmHandle<RtmEnumTag> RtmEnumHandle;           //!< an enumeration in progress
typedef RtmHandle<RtmNotifyTag> RtmNotifyHandle;       //!< a change-notification registration
typedef RtmHandle<RtmRouteListTag> RtmRouteListHandle; //!< a client's route list

} // namespace ns3

namespace std
{
/// Hash of a handle, for unordered containers.
template <typename Tag>
struct hash<ns3::RtmHandle<Tag>>
{
    /// \return the hash
    size_t operator()(const ns3::RtmHandle<Tag>& h) const
    {
        return (static_cast<size_t>(h.table) << 40) ^ (static_cast<size_t>(h.index) << 16) ^ h.gen;
    }
};
} // namespace std

#endif /* RTM_HANDLE_H */
