/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPF routing table calculation after the per-area SPF (RFC 2328 §16.2 - §16.4, RFC 3101).
 */
#include "rtm-ospf-routing.h"

#include <algorithm>

namespace ns3
{

bool
RtmOspfRoute::Attached() const
{
    return std::any_of(nh.begin(), nh.end(), [](const RtmOspfNextHop& h) {
        return h.gateway == 0;
    });
}

bool
RtmOspfRoute::operator==(const RtmOspfRoute& o) const
{
    return type == o.type && area == o.area && cost == o.cost && type2 == o.type2 && nh == o.nh &&
           tag == o.tag;
}

std::ostream&
operator<<(std::ostream& os, const RtmOspfRoute& r)
{
    static const char* names[] = {"intra", "inter", "E1", "E2"};
    os << names[r.type] << " area " << RtmOspfDotted(r.area) << " cost " << r.cost;
    if (r.type == RtmOspfRoute::EXT2)
    {
        os << " type2 " << r.type2;
    }
    for (const auto& h : r.nh)
    {
        os << " via " << h.ifIndex << "/" << RtmOspfDotted(h.gateway);
    }
    return os;
}

namespace
{
bool
Usable(const RtmOspfLsdb::Entry& e, uint32_t routerId, Time now)
{
    return e.lsa->hdr.advRouter != routerId && RtmOspfLsdb::Age(e, now) < OSPF_MAX_AGE &&
           e.lsa->metric < OSPF_LS_INFINITY;
}

/// Offer a route: keep the better one, merge next hops on a tie (type and costs equal).
void
Offer(std::map<RtmOspfPrefix, RtmOspfRoute>& table, const RtmOspfPrefix& p, const RtmOspfRoute& r)
{
    auto it = table.find(p);
    if (it == table.end())
    {
        table.emplace(p, r);
        return;
    }
    RtmOspfRoute& cur = it->second;
    if (r.type != cur.type)
    {
        if (r.type < cur.type)
        {
            cur = r;
        }
        return;
    }
    bool better = false;
    bool equal = false;
    if (r.type == RtmOspfRoute::EXT2)
    {
        better = r.type2 < cur.type2 || (r.type2 == cur.type2 && r.cost < cur.cost);
        equal = r.type2 == cur.type2 && r.cost == cur.cost;
    }
    else
    {
        better = r.cost < cur.cost;
        equal = r.cost == cur.cost;
    }
    if (better)
    {
        cur = r;
    }
    else if (equal)
    {
        RtmOspfMergeNextHops(cur.nh, r.nh);
    }
}

/// The most specific intra- or inter-area route covering \p address (or null).
const RtmOspfRoute*
LookupInternal(const std::map<RtmOspfPrefix, RtmOspfRoute>& table, uint32_t address, int onlyArea)
{
    for (int len = 32; len >= 0; --len)
    {
        RtmOspfPrefix p;
        p.length = static_cast<uint8_t>(len);
        p.address = address & p.Mask();
        auto it = table.find(p);
        if (it != table.end() && it->second.type <= RtmOspfRoute::INTER &&
            (onlyArea < 0 || it->second.area == static_cast<uint32_t>(onlyArea)))
        {
            return &it->second;
        }
    }
    return nullptr;
}

/// Next hops to a forwarding address through route \p r (attached: the address itself).
RtmOspfNextHops
ForwardingHops(const RtmOspfRoute& r, uint32_t forward)
{
    RtmOspfNextHops out;
    for (const auto& h : r.nh)
    {
        out.push_back(h.gateway == 0 ? RtmOspfNextHop{h.ifIndex, forward} : h);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// External routes from the LSAs of type \p type in \p db (type 7: only within \p area).
void
AddExternals(RtmOspfRoutingTable& t,
             const RtmOspfLsdb& db,
             uint8_t type,
             int area,
             uint32_t routerId,
             Time now)
{
    for (auto it = db.TypeBegin(type); it != db.TypeEnd(type); ++it)
    {
        if (!Usable(it->second, routerId, now))
        {
            continue;
        }
        const RtmOspfLsa& l = *it->second.lsa;
        RtmOspfPrefix p = RtmOspfPrefix::FromMask(l.hdr.lsid, l.mask);
        const RtmOspfRoute* asbr = nullptr;
        if (area < 0)
        {
            auto a = t.asbrs.find(l.hdr.advRouter);
            asbr = a == t.asbrs.end() ? nullptr : &a->second;
        }
        else
        {
            auto a = t.routers.find({static_cast<uint32_t>(area), l.hdr.advRouter});
            asbr = a == t.routers.end() || a->second.type != RtmOspfRoute::INTRA ? nullptr
                                                                                 : &a->second;
        }
        if (asbr == nullptr)
        {
            continue;
        }
        RtmOspfRoute r;
        r.tag = l.tag;
        r.origin = l.hdr.advRouter;
        r.area = asbr->area;
        uint32_t x = asbr->cost;
        r.nh = asbr->nh;
        if (l.forward != 0)
        {
            const RtmOspfRoute* f = LookupInternal(t.networks, l.forward, area);
            if (f == nullptr)
            {
                continue;
            }
            x = f->cost;
            r.nh = ForwardingHops(*f, l.forward);
            r.area = f->area;
        }
        if ((l.bits & 0x80) != 0)
        {
            r.type = RtmOspfRoute::EXT2;
            r.cost = x;
            r.type2 = l.metric;
        }
        else
        {
            r.type = RtmOspfRoute::EXT1;
            r.cost = x + l.metric;
        }
        Offer(t.networks, p, r);
    }
}
} // namespace

RtmOspfRoutingTable
RtmOspfComputeRoutes(const std::vector<RtmOspfAreaView>& areas,
                     const RtmOspfLsdb& externals,
                     uint32_t routerId,
                     bool abr,
                     Time now)
{
    RtmOspfRoutingTable t;
    // 1. Intra-area routes and the area border / AS boundary routers of each area.
    for (const auto& a : areas)
    {
        bool first = t.networks.empty(); // sorted input into an empty map: append at the end
        for (const auto& kv : a.spf->networks)
        {
            RtmOspfRoute r;
            r.type = RtmOspfRoute::INTRA;
            r.area = a.id;
            r.cost = kv.second.cost;
            r.nh = kv.second.nh;
            if (first)
            {
                t.networks.emplace_hint(t.networks.end(), kv.first, std::move(r));
            }
            else
            {
                Offer(t.networks, kv.first, r);
            }
        }
        for (const auto& kv : a.spf->routers)
        {
            if ((kv.second.flags & (OSPF_RTR_B | OSPF_RTR_E)) == 0)
            {
                continue;
            }
            RtmOspfRoute r;
            r.type = RtmOspfRoute::INTRA;
            r.area = a.id;
            r.cost = kv.second.cost;
            r.nh = kv.second.nh;
            r.flags = kv.second.flags;
            t.routers[{a.id, kv.first}] = r;
        }
    }

    // 2. Inter-area routes: the backbone's summaries on an ABR, else those of the area.
    for (const auto& a : areas)
    {
        if (abr && a.id != OSPF_BACKBONE)
        {
            continue;
        }
        for (uint8_t type : {OSPF_LSA_SUMMARY_NET, OSPF_LSA_SUMMARY_ASBR})
        {
            for (auto it = a.lsdb->TypeBegin(type); it != a.lsdb->TypeEnd(type); ++it)
            {
                if (!Usable(it->second, routerId, now))
                {
                    continue;
                }
                const RtmOspfLsa& l = *it->second.lsa;
                auto br = t.routers.find({a.id, l.hdr.advRouter});
                if (br == t.routers.end() || br->second.type != RtmOspfRoute::INTRA ||
                    (br->second.flags & OSPF_RTR_B) == 0)
                {
                    continue;
                }
                RtmOspfRoute r;
                r.type = RtmOspfRoute::INTER;
                r.area = a.id;
                r.cost = br->second.cost + l.metric;
                r.nh = br->second.nh;
                r.origin = l.hdr.advRouter;
                if (type == OSPF_LSA_SUMMARY_NET)
                {
                    RtmOspfPrefix p = RtmOspfPrefix::FromMask(l.hdr.lsid, l.mask);
                    auto cur = t.networks.find(p);
                    if (cur != t.networks.end() && cur->second.type == RtmOspfRoute::INTRA)
                    {
                        continue;
                    }
                    Offer(t.networks, p, r);
                }
                else
                {
                    uint32_t asbr = l.hdr.lsid;
                    auto known = t.routers.find({a.id, asbr});
                    if (asbr == routerId ||
                        (known != t.routers.end() && known->second.type == RtmOspfRoute::INTRA))
                    {
                        continue;
                    }
                    r.flags = OSPF_RTR_E;
                    auto cur = t.routers.find({a.id, asbr});
                    if (cur == t.routers.end() || r.cost < cur->second.cost)
                    {
                        t.routers[{a.id, asbr}] = r;
                    }
                    else if (r.cost == cur->second.cost)
                    {
                        RtmOspfMergeNextHops(cur->second.nh, r.nh);
                    }
                }
            }
        }
    }

    // 3. Transit areas (§16.3): better paths to backbone destinations through them.
    if (abr)
    {
        for (const auto& a : areas)
        {
            if (a.id == OSPF_BACKBONE || !a.spf->transitCapability)
            {
                continue;
            }
            for (uint8_t type : {OSPF_LSA_SUMMARY_NET, OSPF_LSA_SUMMARY_ASBR})
            {
                for (auto it = a.lsdb->TypeBegin(type); it != a.lsdb->TypeEnd(type); ++it)
                {
                    if (!Usable(it->second, routerId, now))
                    {
                        continue;
                    }
                    const RtmOspfLsa& l = *it->second.lsa;
                    RtmOspfRoute* cur = nullptr;
                    if (type == OSPF_LSA_SUMMARY_NET)
                    {
                        auto c = t.networks.find(RtmOspfPrefix::FromMask(l.hdr.lsid, l.mask));
                        cur = c == t.networks.end() ? nullptr : &c->second;
                    }
                    else
                    {
                        auto c = t.routers.find({OSPF_BACKBONE, l.hdr.lsid});
                        cur = c == t.routers.end() ? nullptr : &c->second;
                    }
                    if (cur == nullptr || cur->type > RtmOspfRoute::INTER ||
                        cur->area != OSPF_BACKBONE || cur->Attached())
                    {
                        continue;
                    }
                    auto br = t.routers.find({a.id, l.hdr.advRouter});
                    if (br == t.routers.end() || br->second.type != RtmOspfRoute::INTRA)
                    {
                        continue;
                    }
                    uint32_t iac = br->second.cost + l.metric;
                    if (iac < cur->cost)
                    {
                        cur->cost = iac;
                        cur->nh = br->second.nh;
                    }
                    else if (iac == cur->cost)
                    {
                        RtmOspfMergeNextHops(cur->nh, br->second.nh);
                    }
                }
            }
        }
    }

    // 4. AS boundary routers (§16.4.1, RFC1583Compatibility off).
    for (const auto& kv : t.routers)
    {
        const RtmOspfRoute& r = kv.second;
        if ((r.flags & OSPF_RTR_E) == 0)
        {
            continue;
        }
        uint32_t id = kv.first.second;
        auto cur = t.asbrs.find(id);
        if (cur == t.asbrs.end())
        {
            t.asbrs[id] = r;
            continue;
        }
        auto rank = [](const RtmOspfRoute& x) {
            return x.type == RtmOspfRoute::INTRA && x.area != OSPF_BACKBONE ? 0 : 1;
        };
        const RtmOspfRoute& c = cur->second;
        if (rank(r) < rank(c) ||
            (rank(r) == rank(c) && (r.cost < c.cost || (r.cost == c.cost && r.area > c.area))))
        {
            cur->second = r;
        }
    }

    // 5. External routes: AS-external-LSAs, then the NSSA-LSAs of each NSSA.
    AddExternals(t, externals, OSPF_LSA_EXTERNAL, -1, routerId, now);
    for (const auto& a : areas)
    {
        if (a.nssa)
        {
            AddExternals(t, *a.lsdb, OSPF_LSA_NSSA, static_cast<int>(a.id), routerId, now);
        }
    }
    return t;
}

} // namespace ns3
