/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: comparing the real table's answers with the reference model's (rtm-reference-model.h):
 * the bijection between real handles and model ids, built as handles appear, and the
 * comparison of route, destination and next-hop records. Used by the API-sequence fuzz target
 * (test/fuzz/fuzz-api.cc) and the differential test; a disagreement throws ModelMismatch.
 */
#ifndef RTM_MODEL_COMPARE_H
#define RTM_MODEL_COMPARE_H

#include "rtm-reference-model.h"

#include "ns3/nstime.h"
#include "ns3/rtm-handle.h"
#include "ns3/rtm-types.h"

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace rtmref
{

/// The first disagreement between the real table and the model.
struct ModelMismatch : public std::runtime_error
{
    explicit ModelMismatch(const std::string& s)
        : std::runtime_error(s)
    {
    }
};

/// Model ids from here on stand for handles the model never issued (other tables', forged).
constexpr Id kForeignId = 0x80000000;

/// A bijection between real handles of one kind and model ids.
template <typename Tag>
struct HandleMap
{
    std::map<RtmHandle<Tag>, Id> r2m; //!< real -> model
    std::map<Id, RtmHandle<Tag>> m2r; //!< model -> real
    std::vector<Id> ids;              //!< every id bound, in binding order

    /// Bind (or check the binding of) \p h and \p id; null goes with 0 only.
    void Bind(const RtmHandle<Tag>& h, Id id, const std::string& what)
    {
        if (h.IsNull() || id == 0)
        {
            if (!(h.IsNull() && id == 0))
            {
                std::ostringstream os;
                os << what << ": real " << h << " vs model #" << id;
                throw ModelMismatch(os.str());
            }
            return;
        }
        auto a = r2m.find(h);
        auto b = m2r.find(id);
        if (a == r2m.end() && b == m2r.end())
        {
            r2m[h] = id;
            m2r[id] = h;
            ids.push_back(id);
            return;
        }
        if (a != r2m.end() && a->second == id)
        {
            return;
        }
        std::ostringstream os;
        os << what << ": real " << h << " (bound to #" << (a == r2m.end() ? 0 : a->second)
           << ") vs model #" << id;
        throw ModelMismatch(os.str());
    }

    /// \return the real handle of \p id (null for 0)
    RtmHandle<Tag> Real(Id id) const
    {
        if (id == 0)
        {
            return RtmHandle<Tag>();
        }
        auto it = m2r.find(id);
        if (it == m2r.end())
        {
            throw ModelMismatch("driver: model id #" + std::to_string(id) + " has no handle");
        }
        return it->second;
    }

    /// \return true if \p id is 0 or bound
    bool Has(Id id) const
    {
        return id == 0 || m2r.count(id) != 0;
    }

    /// \return the model id of \p h (0 for null, Id(-1) if unbound)
    Id Model(const RtmHandle<Tag>& h) const
    {
        if (h.IsNull())
        {
            return 0;
        }
        auto it = r2m.find(h);
        return it == r2m.end() ? Id(-1) : it->second;
    }
};

/// The handle maps of one table.
struct HandleMaps
{
    HandleMap<RtmEntityTag> ent;    //!< entities
    HandleMap<RtmDestTag> dst;      //!< destinations
    HandleMap<RtmRouteTag> rte;     //!< routes
    HandleMap<RtmNextHopTag> nh;    //!< next hops
    HandleMap<RtmEnumTag> enm;      //!< enumerations
    HandleMap<RtmNotifyTag> ntf;    //!< notification registrations
    HandleMap<RtmRouteListTag> lst; //!< route lists

    /// Compare a route record.
    void Route(const RtmRouteInfo& r, const RouteOut& m, const std::string& what)
    {
        dst.Bind(r.destHandle, m.dest, what + " destHandle");
        ent.Bind(r.routeOwner, m.owner, what + " routeOwner");
        nh.Bind(r.neighbour, m.neighbour, what + " neighbour");
        if (r.state != m.state || r.flags1 != m.flags1 || r.flags != m.flags ||
            r.prefInfo.metric != m.metric || r.prefInfo.preference != m.pref ||
            r.belongsToViews != m.views || r.entitySpecificInfo != m.esi ||
            r.nextHops.size() != m.nextHops.size())
        {
            std::ostringstream os;
            os << what << ": route differs: real state " << int(r.state) << " flags1 "
               << int(r.flags1) << " flags " << r.flags << " metric " << r.prefInfo.metric
               << " pref " << r.prefInfo.preference << " views " << r.belongsToViews << " esi "
               << r.entitySpecificInfo << " #nh " << r.nextHops.size() << "; model state "
               << int(m.state) << " flags1 " << int(m.flags1) << " flags " << m.flags << " metric "
               << m.metric << " pref " << m.pref << " views " << m.views << " esi " << m.esi
               << " #nh " << m.nextHops.size();
            throw ModelMismatch(os.str());
        }
        for (size_t i = 0; i < r.nextHops.size(); ++i)
        {
            nh.Bind(r.nextHops[i], m.nextHops[i], what + " nextHops");
        }
    }

    /// Compare a destination record with its view blocks.
    void Dest(const RtmDestInfo& r, const DestOut& m, const std::string& what)
    {
        dst.Bind(r.destHandle, m.dest, what + " destHandle");
        std::ostringstream os;
        if (r.destAddress != m.addr || r.belongsToViews != m.belongsToViews ||
            r.viewInfo.size() != m.views.size() || r.lastChanged != MilliSeconds(m.lastChangedMs))
        {
            os << what << ": real " << r.destAddress << " views " << r.belongsToViews << " blocks "
               << r.viewInfo.size() << " changed " << r.lastChanged.GetMilliSeconds()
               << "ms; model " << Model::Str(m.addr) << " views " << m.belongsToViews << " blocks "
               << m.views.size() << " changed " << m.lastChangedMs << "ms";
            throw ModelMismatch(os.str());
        }
        for (size_t i = 0; i < r.viewInfo.size(); ++i)
        {
            const RtmViewInfo& a = r.viewInfo[i];
            const ViewOut& b = m.views[i];
            if (a.viewId != b.view || a.numRoutes != b.numRoutes || a.destFlags != b.destFlags)
            {
                os << what << " " << r.destAddress << " block " << i << ": real view " << a.viewId
                   << " routes " << a.numRoutes << " flags " << a.destFlags << "; model view "
                   << b.view << " routes " << b.numRoutes << " flags " << b.destFlags;
                throw ModelMismatch(os.str());
            }
            std::string w = what + " " + Model::Str(m.addr) + " view " + std::to_string(b.view);
            rte.Bind(a.route, b.route, w + " route");
            ent.Bind(a.owner, b.owner, w + " owner");
            rte.Bind(a.holdRoute, b.hold, w + " holdRoute");
        }
    }

    /// Compare a next-hop record.
    void NextHop(const RtmNextHopInfo& r, const NextHopOut& m, const std::string& what)
    {
        if (r.nextHopAddress != m.addr || r.interfaceIndex != m.ifIndex || r.state != m.state ||
            r.flags != m.flags || r.entitySpecificInfo != m.esi)
        {
            std::ostringstream os;
            os << what << ": next hop real " << r.nextHopAddress << " if " << r.interfaceIndex
               << " state " << r.state << " flags " << r.flags << "; model " << Model::Str(m.addr)
               << " if " << m.ifIndex << " state " << m.state << " flags " << m.flags;
            throw ModelMismatch(os.str());
        }
        ent.Bind(r.nextHopOwner, m.owner, what + " owner");
        dst.Bind(r.remoteNextHop, m.remote, what + " remoteNextHop");
    }
};

} // namespace rtmref
} // namespace ns3

#endif /* RTM_MODEL_COMPARE_H */
