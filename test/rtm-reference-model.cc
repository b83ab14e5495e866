/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the naive reference model of one routing table (see rtm-reference-model.h).
 * Every rule below cites the decision of doc/rtm-decisions.rst it implements.
 */
#include "rtm-reference-model.h"

#include <algorithm>
#include <cstring>
#include <sstream>

namespace ns3
{
namespace rtmref
{

namespace
{
constexpr uint32_t kChangeTypes =
    RTM_CHANGE_TYPE_ALL | RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING;
} // namespace

Model::Model(const Config& config)
    : m_cfg(config),
      m_width(config.family == RTM_AF_INET ? 32 : 128)
{
}

// ======================================================================== address helpers

bool
Model::Bit(const RtmNetAddress& a, uint32_t i)
{
    return (a.addrBits[i / 8] >> (7 - i % 8)) & 1;
}

bool
Model::WellFormed(const RtmNetAddress& a) const
{
    if (a.addressFamily != m_cfg.family || a.numBits > m_width)
    {
        return false;
    }
    for (uint32_t i = a.numBits; i < 128; ++i)
    {
        if (Bit(a, i))
        {
            return false;
        }
    }
    return true;
}

bool
Model::IsHost(const RtmNetAddress& a) const
{
    return a.numBits == m_width;
}

bool
Model::Covers(const RtmNetAddress& p, const RtmNetAddress& a) const
{
    if (p.numBits > a.numBits)
    {
        return false;
    }
    for (uint32_t i = 0; i < p.numBits; ++i)
    {
        if (Bit(p, i) != Bit(a, i))
        {
            return false;
        }
    }
    return true;
}

int
Model::CmpAddrBits(const RtmNetAddress& a, const RtmNetAddress& b) const
{
    for (uint32_t i = 0; i < m_width; ++i)
    {
        if (Bit(a, i) != Bit(b, i))
        {
            return Bit(a, i) ? 1 : -1;
        }
    }
    return 0;
}

bool
Model::PrefixLess(const RtmNetAddress& a, const RtmNetAddress& b) const
{
    // decision 15: address bits, then prefix length, ascending
    int c = CmpAddrBits(a, b);
    if (c != 0)
    {
        return c < 0;
    }
    return a.numBits < b.numBits;
}

bool
Model::SamePrefix(const RtmNetAddress& a, const RtmNetAddress& b) const
{
    return a.numBits == b.numBits && CmpAddrBits(a, b) == 0;
}

std::string
Model::Str(const RtmNetAddress& a)
{
    std::ostringstream os;
    if (a.addressFamily == RTM_AF_INET)
    {
        os << int(a.addrBits[0]) << "." << int(a.addrBits[1]) << "." << int(a.addrBits[2]) << "."
           << int(a.addrBits[3]);
    }
    else
    {
        os << std::hex;
        for (int i = 0; i < 16; i += 2)
        {
            os << (i ? ":" : "") << ((a.addrBits[i] << 8) | a.addrBits[i + 1]);
        }
        os << std::dec;
    }
    os << "/" << a.numBits;
    return os.str();
}

// ======================================================================== view helpers

std::vector<int32_t>
Model::ViewIds(uint32_t mask) const
{
    std::vector<int32_t> v;
    for (int32_t i = 0; i < 32; ++i)
    {
        if ((mask & m_cfg.viewsSupported) & (1u << i))
        {
            v.push_back(i);
        }
    }
    return v;
}

uint32_t
Model::ExpandViews(uint32_t views) const
{
    if (views == RTM_VIEW_MASK_ANY || views == RTM_VIEW_MASK_ALL)
    {
        return m_cfg.viewsSupported;
    }
    return views;
}

bool
Model::ViewsOk(uint32_t views) const
{
    return views == RTM_VIEW_MASK_ALL || (views & ~m_cfg.viewsSupported) == 0;
}

// ======================================================================== route order, best

bool
Model::RouteBefore(const Route& x, const Route& y)
{
    // decision 1: (preference, metric, age), older first
    if (x.pref != y.pref)
    {
        return x.pref < y.pref;
    }
    if (x.metric != y.metric)
    {
        return x.metric < y.metric;
    }
    return x.age < y.age;
}

std::vector<const Model::Route*>
Model::LiveRoutes(Id dest) const
{
    std::vector<const Route*> v;
    for (const auto& [id, r] : m_routes)
    {
        if (r.live && r.dest == dest)
        {
            v.push_back(&r);
        }
    }
    std::sort(v.begin(), v.end(), [](const Route* a, const Route* b) {
        return RouteBefore(*a, *b);
    });
    return v;
}

const Model::Route*
Model::Best(Id dest, int32_t view, bool filter, uint32_t proto) const
{
    for (const Route* r : LiveRoutes(dest))
    {
        if (!(r->views & (1u << view)))
        {
            continue;
        }
        if (r->flags & RTM_ROUTE_FLAGS_INACTIVE)
        {
            continue; // decision 1: never best
        }
        if (!States().at(r->id).reach)
        {
            continue; // next-hop state: no usable next hop
        }
        if (filter && m_clients.at(r->owner).proto != proto)
        {
            continue; // decision 14
        }
        return r;
    }
    return nullptr;
}

Model::BestSnap
Model::Snap(Id dest, int32_t view) const
{
    BestSnap s;
    const Route* b = Best(dest, view, false, 0);
    if (b)
    {
        s.route = b->id;
        s.pref = b->pref;
        s.metric = b->metric;
        s.flags = b->flags;
        s.nhs = b->nhs;
    }
    return s;
}

std::map<int32_t, Model::BestSnap>
Model::SnapAll(Id dest) const
{
    std::map<int32_t, BestSnap> m;
    for (int32_t v : ViewIds(m_cfg.viewsSupported))
    {
        m[v] = Snap(dest, v);
    }
    return m;
}

void
Model::BestChanges(const std::map<int32_t, BestSnap>& before,
                   const std::map<int32_t, BestSnap>& after,
                   ViewTypes& types) const
{
    // decision 2
    for (int32_t v : ViewIds(m_cfg.viewsSupported))
    {
        const BestSnap& b = before.at(v);
        const BestSnap& a = after.at(v);
        uint32_t t = 0;
        if (b.route != a.route)
        {
            t = RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING;
        }
        else if (a.route != 0)
        {
            if (b.pref != a.pref || b.metric != a.metric || b.nhs != a.nhs)
            {
                t = RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING;
            }
            else if (b.flags != a.flags)
            {
                t = RTM_CHANGE_TYPE_BEST;
                if ((b.flags ^ a.flags) & RTM_ROUTE_FLAGS_FORWARDING_RELEVANT)
                {
                    t |= RTM_CHANGE_TYPE_FORWARDING;
                }
            }
        }
        if (t)
        {
            types[v] |= t | RTM_CHANGE_TYPE_ALL;
        }
    }
}

bool
Model::AnyBest(const ViewTypes& types) const
{
    for (const auto& [v, t] : types)
    {
        if (t & RTM_CHANGE_TYPE_BEST)
        {
            return true;
        }
    }
    return false;
}

bool
Model::HasLiveIn(Id dest, uint32_t views) const
{
    for (const auto& [id, r] : m_routes)
    {
        if (r.live && r.dest == dest && (r.views & views))
        {
            return true;
        }
    }
    return false;
}

bool
Model::HasHeld(Id dest) const
{
    return !m_dests.at(dest).holds.empty();
}

bool
Model::QueryVisible(Id dest, uint32_t views) const
{
    // decision 13 (and the enumeration filter of decision 15 / rtm-spec §5.3)
    if (views == RTM_VIEW_MASK_ANY)
    {
        return HasLiveIn(dest, m_cfg.viewsSupported) || HasHeld(dest);
    }
    return HasLiveIn(dest, ExpandViews(views));
}

bool
Model::Forwards(Id dest, uint32_t views) const
{
    // "One answer everywhere": the longest-match queries see what the FIBs hold
    for (int32_t v : ViewIds(ExpandViews(views)))
    {
        if (Best(dest, v, false, 0))
        {
            return true;
        }
    }
    return false;
}

Id
Model::DestAt(const RtmNetAddress& prefix) const
{
    for (const auto& [id, d] : m_dests)
    {
        if (SamePrefix(d.prefix, prefix))
        {
            return id;
        }
    }
    return 0;
}

uint32_t
Model::ResolveProto(Id client, uint32_t proto) const
{
    if (proto == RTM_THIS_PROTOCOL)
    {
        return m_clients.at(client).proto;
    }
    return proto;
}

void
Model::FillDest(Id client, Id dest, uint32_t proto, uint32_t views, DestOut& out) const
{
    const Dest& d = m_dests.at(dest);
    out = DestOut();
    out.dest = dest;
    out.addr = d.prefix;
    out.lastChangedMs = d.lastChanged;
    for (const Route* r : LiveRoutes(dest))
    {
        out.belongsToViews |= r->views;
    }
    if (views == RTM_VIEW_MASK_ANY)
    {
        return; // no view blocks
    }
    bool filter = proto != RTM_BEST_PROTOCOL;
    uint32_t p = filter ? ResolveProto(client, proto) : 0;
    for (int32_t v : ViewIds(ExpandViews(views)))
    {
        ViewOut vo;
        vo.view = v;
        for (const Route* r : LiveRoutes(dest))
        {
            if (r->views & (1u << v))
            {
                ++vo.numRoutes;
            }
        }
        const Route* b = Best(dest, v, filter, p);
        if (b)
        {
            vo.route = b->id;
            vo.owner = b->owner;
            vo.destFlags = b->flags;
        }
        auto h = d.holds.find(v);
        if (h != d.holds.end())
        {
            vo.hold = h->second.route;
        }
        out.views.push_back(vo);
    }
}

void
Model::FillRoute(const Route& r, RouteOut& out) const
{
    out = RouteOut();
    out.dest = r.dest;
    out.owner = r.owner;
    out.neighbour = r.neighbour;
    out.state = r.live ? RTM_ROUTE_STATE_CREATED : RTM_ROUTE_STATE_DELETED;
    out.flags1 = r.flags1;
    out.flags = r.flags;
    out.metric = r.metric;
    out.pref = r.pref;
    out.views = r.views;
    out.esi = r.esi;
    out.nextHops = r.nhs;
}

bool
Model::RouteMatches(const Route& r, uint32_t match, const Criteria& c, uint32_t ifIndex) const
{
    if ((match & RTM_MATCH_OWNER) && r.owner != c.owner)
    {
        return false;
    }
    if ((match & RTM_MATCH_NEIGHBOUR) && r.neighbour != c.neighbour)
    {
        return false;
    }
    if ((match & RTM_MATCH_PREF) && (r.pref != c.pref || r.metric != c.metric))
    {
        return false;
    }
    if (match & RTM_MATCH_NEXTHOP)
    {
        if (c.nextHops.empty())
        {
            if (!r.nhs.empty())
            {
                return false;
            }
        }
        else
        {
            bool common = false;
            for (Id n : r.nhs)
            {
                if (std::find(c.nextHops.begin(), c.nextHops.end(), n) != c.nextHops.end())
                {
                    common = true;
                }
            }
            if (!common)
            {
                return false;
            }
        }
    }
    if (match & RTM_MATCH_INTERFACE)
    {
        bool on = false;
        for (Id n : r.nhs)
        {
            if (m_nhs.at(n).ifIndex == ifIndex)
            {
                on = true;
            }
        }
        if (!on)
        {
            return false;
        }
    }
    return true;
}

// ======================================================================== notifications, GC

void
Model::Queue(Id dest, const ViewTypes& types)
{
    bool any = false;
    for (const auto& [v, t] : types)
    {
        if (t)
        {
            any = true;
        }
    }
    if (!any)
    {
        return;
    }
    m_dests.at(dest).lastChanged = m_now;
    // rtm-spec §3.3: type, mark, view
    for (auto& [id, n] : m_notifies)
    {
        if ((n.flags & RTM_NOTIFY_ONLY_MARKED_DESTS) && !n.marks.count(dest))
        {
            continue;
        }
        uint32_t mask = n.views == RTM_VIEW_MASK_ANY ? m_cfg.viewsSupported : n.views;
        bool hit = false;
        for (const auto& [v, t] : types)
        {
            if ((mask & (1u << v)) && (t & n.flags & kChangeTypes))
            {
                hit = true;
            }
        }
        if (hit)
        {
            if (n.pending.empty())
            {
                ++n.transitions; // decision 3: signal on empty -> non-empty
            }
            n.pending.insert(dest);
        }
    }
}

void
Model::GcDest(Id dest)
{
    // decision 8
    auto it = m_dests.find(dest);
    if (it == m_dests.end())
    {
        return;
    }
    for (const auto& [id, r] : m_routes)
    {
        if (r.dest == dest)
        {
            return; // live or held
        }
    }
    for (const auto& [id, n] : m_notifies)
    {
        if (n.pending.count(dest) || n.marks.count(dest))
        {
            return;
        }
    }
    for (const auto& [c, v] : it->second.opaque)
    {
        if (v != 0)
        {
            return;
        }
    }
    m_dests.erase(it);
}

bool
Model::NhUsed(Id nh) const
{
    for (const auto& [id, r] : m_routes)
    {
        if (r.neighbour == nh || std::find(r.nhs.begin(), r.nhs.end(), nh) != r.nhs.end())
        {
            return true;
        }
    }
    return false;
}

void
Model::GcNextHop(Id nh)
{
    // decision 10: a DELETED next hop is freed with its last route
    auto it = m_nhs.find(nh);
    if (it != m_nhs.end() && it->second.deleted && !NhUsed(nh))
    {
        m_nhs.erase(it);
    }
}

void
Model::FreeRoute(Id route)
{
    auto it = m_routes.find(route);
    if (it == m_routes.end())
    {
        return;
    }
    std::vector<Id> used = it->second.nhs;
    used.push_back(it->second.neighbour);
    m_routes.erase(it);
    for (Id n : used)
    {
        if (n)
        {
            GcNextHop(n);
        }
    }
}

bool
Model::DeleteLive(Id route)
{
    Route& r = m_routes.at(route);
    Id dest = r.dest;
    Dest& d = m_dests.at(dest);
    auto before = SnapAll(dest);
    r.live = false;
    Dirty(route);
    r.ttlArmed = false;
    r.list = 0; // decision 16: a deleted route leaves its list
    auto after = SnapAll(dest);
    ViewTypes types;
    for (int32_t v : ViewIds(r.views))
    {
        types[v] |= RTM_CHANGE_TYPE_ALL;
    }
    BestChanges(before, after, types);
    // decision 6: the last live route of an armed view becomes its held route
    bool held = false;
    std::vector<Id> released;
    for (int32_t v : ViewIds(r.views))
    {
        uint32_t bit = 1u << v;
        if (!HasLiveIn(dest, bit) && (d.armed & bit))
        {
            auto h = d.holds.find(v);
            if (h != d.holds.end())
            {
                released.push_back(h->second.route);
            }
            Hold nh;
            nh.route = route;
            nh.infinite = d.holdTime == RTM_INFINITE;
            nh.end = nh.infinite ? 0 : m_now + int64_t(d.holdTime);
            nh.seq = ++m_seq;
            d.holds[v] = nh;
            d.armed &= ~bit;
            held = true;
        }
    }
    if (held && d.armed == 0)
    {
        d.holdTime = 0; // decision 6: 0 again once no view is armed
    }
    Queue(dest, types);
    for (Id x : released)
    {
        bool still = false;
        for (const auto& [v, h] : d.holds)
        {
            if (h.route == x)
            {
                still = true;
            }
        }
        if (!still)
        {
            FreeRoute(x);
        }
    }
    if (!held)
    {
        FreeRoute(route);
    }
    GcDest(dest);
    return AnyBest(types);
}

void
Model::ReleaseHeld(Id dest, int32_t view)
{
    Dest& d = m_dests.at(dest);
    Id x = d.holds.at(view).route;
    d.holds.erase(view);
    for (const auto& [v, h] : d.holds)
    {
        if (h.route == x)
        {
            return;
        }
    }
    FreeRoute(x);
}

// ======================================================================== registration

RtmStatus
Model::Register(uint32_t proto, uint32_t inst, bool reserveSlot, ExpiryMode mode, Id& client)
{
    for (const auto& [id, c] : m_clients)
    {
        if (c.registered && c.proto == proto && c.inst == inst)
        {
            return RtmStatus::AlreadyExists;
        }
    }
    if (reserveSlot && m_slotOwner.size() >= m_cfg.opaqueSlots)
    {
        return RtmStatus::NoSystemResources;
    }
    Client c;
    c.id = m_nextId++;
    c.proto = proto;
    c.inst = inst;
    c.registered = true;
    c.slot = reserveSlot;
    c.defPref = m_cfg.defaultPreference;
    c.mode = mode;
    m_clients[c.id] = c;
    if (reserveSlot)
    {
        m_slotOwner[c.id] = c.id;
    }
    for (Id o : m_regOrder)
    {
        if (m_clients.at(o).registered && m_clients.at(o).mode != ExpiryMode::NoCallback)
        {
            m_entityEvents.push_back({o, true, c.id});
        }
    }
    m_regOrder.push_back(c.id);
    client = c.id;
    return RtmStatus::Success;
}

std::vector<HoldAmbiguity>
Model::DeregAmbiguities(Id client) const
{
    std::vector<HoldAmbiguity> out;
    if (!IsRegistered(client))
    {
        return out;
    }
    for (const auto& [did, d] : m_dests)
    {
        for (int32_t v : ViewIds(m_cfg.viewsSupported))
        {
            uint32_t bit = 1u << v;
            if (!(d.armed & bit))
            {
                continue;
            }
            std::vector<Id> mine;
            bool others = false;
            for (const Route* r : LiveRoutes(did))
            {
                if (r->views & bit)
                {
                    if (r->owner == client)
                    {
                        mine.push_back(r->id);
                    }
                    else
                    {
                        others = true;
                    }
                }
            }
            if (!others && mine.size() >= 2)
            {
                out.push_back({did, v, mine});
            }
        }
    }
    return out;
}

RtmStatus
Model::Deregister(Id client, const std::map<std::pair<Id, int32_t>, Id>& chosen, bool& consistent)
{
    StateGuard guard(this);
    consistent = true;
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    // decision 9: routes first, each an ordinary delete. Deletion order: oldest first, subject
    // to "the chosen held route of a view goes last among that view's candidates".
    std::vector<Id> mine = LiveRoutesOf(client);
    std::map<Id, std::set<Id>> mustPrecede; // route -> routes that must be deleted before it
    for (const HoldAmbiguity& a : DeregAmbiguities(client))
    {
        auto it = chosen.find({a.dest, a.view});
        if (it == chosen.end())
        {
            continue;
        }
        if (std::find(a.candidates.begin(), a.candidates.end(), it->second) == a.candidates.end())
        {
            consistent = false;
            continue;
        }
        for (Id c : a.candidates)
        {
            if (c != it->second)
            {
                mustPrecede[it->second].insert(c);
            }
        }
    }
    std::sort(mine.begin(), mine.end(), [this](Id a, Id b) {
        return m_routes.at(a).age < m_routes.at(b).age;
    });
    std::vector<Id> order;
    std::set<Id> done;
    while (order.size() < mine.size())
    {
        bool progressed = false;
        for (Id r : mine)
        {
            if (done.count(r))
            {
                continue;
            }
            bool ready = true;
            for (Id p : mustPrecede[r])
            {
                if (!done.count(p))
                {
                    ready = false;
                }
            }
            if (ready)
            {
                order.push_back(r);
                done.insert(r);
                progressed = true;
                break;
            }
        }
        if (!progressed)
        {
            consistent = false; // a cycle: take the oldest remaining
            for (Id r : mine)
            {
                if (!done.count(r))
                {
                    order.push_back(r);
                    done.insert(r);
                    break;
                }
            }
        }
    }
    // Decision 25: the purge is one change of the table. Next-hop tracking runs once after the
    // last deletion, so every deletion sees the route states of before the purge (the routes
    // left keep them until the guard compares the states at the end).
    States();
    m_frozen = true;
    for (Id r : order)
    {
        DeleteLive(r);
    }
    m_frozen = false;
    // next hops
    std::vector<Id> nhs;
    for (auto& [id, n] : m_nhs)
    {
        if (n.owner == client)
        {
            n.deleted = true;
            nhs.push_back(id);
        }
    }
    for (Id n : nhs)
    {
        GcNextHop(n);
    }
    // lists, enumerations, notification registrations
    for (auto it = m_lists.begin(); it != m_lists.end();)
    {
        it = it->second.owner == client ? m_lists.erase(it) : std::next(it);
    }
    for (auto it = m_enums.begin(); it != m_enums.end();)
    {
        it = it->second.owner == client ? m_enums.erase(it) : std::next(it);
    }
    for (auto it = m_notifies.begin(); it != m_notifies.end();)
    {
        it = it->second.owner == client ? m_notifies.erase(it) : std::next(it);
    }
    // opaque slot (values cleared)
    for (auto& [id, d] : m_dests)
    {
        d.opaque.erase(client);
    }
    m_slotOwner.erase(client);
    m_clients.at(client).registered = false;
    std::vector<Id> dests = LiveDests();
    for (Id d : dests)
    {
        GcDest(d);
    }
    for (Id o : m_regOrder)
    {
        if (o != client && m_clients.at(o).registered &&
            m_clients.at(o).mode != ExpiryMode::NoCallback)
        {
            m_entityEvents.push_back({o, false, client});
        }
    }
    return RtmStatus::Success;
}

bool
Model::IsRegistered(Id client) const
{
    auto it = m_clients.find(client);
    return it != m_clients.end() && it->second.registered;
}

void
Model::SetDefaultPreference(Id client, uint32_t pref)
{
    m_clients.at(client).defPref = pref;
}

std::vector<Id>
Model::RegisteredClients() const
{
    std::vector<Id> v;
    for (Id c : m_regOrder)
    {
        if (m_clients.at(c).registered)
        {
            v.push_back(c);
        }
    }
    return v;
}

uint32_t
Model::ProtocolOf(Id client) const
{
    return m_clients.at(client).proto;
}

// ======================================================================== next hops

Id
Model::FindNhByIdentity(Id client, const RtmNetAddress& a, uint32_t ifIndex) const
{
    for (const auto& [id, n] : m_nhs)
    {
        if (n.owner == client && !n.deleted && SamePrefix(n.addr, a) && n.ifIndex == ifIndex)
        {
            return id;
        }
    }
    return 0;
}

RtmStatus
Model::AddNextHop(Id client,
                  const RtmNetAddress& addr,
                  uint32_t ifIndex,
                  uint16_t flags,
                  uint64_t esi,
                  Id& handle,
                  uint32_t& changeFlags)
{
    StateGuard guard(this, true);
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!WellFormed(addr) || !IsHost(addr))
    {
        return RtmStatus::InvalidParameter;
    }
    bool remote = flags & RTM_NEXTHOP_FLAGS_REMOTE;
    uint32_t effIf = remote ? 0 : ifIndex; // decision 11: a REMOTE next hop's interface is 0
    if (!remote && effIf != 0 && !m_cfg.interfaces.count(effIf))
    {
        return RtmStatus::InvalidParameter;
    }
    Id target = 0;
    if (handle != 0)
    {
        auto it = m_nhs.find(handle);
        if (it == m_nhs.end())
        {
            return RtmStatus::InvalidHandle;
        }
        if (it->second.owner != client)
        {
            return RtmStatus::AccessDenied;
        }
        if (it->second.deleted)
        {
            return RtmStatus::InvalidParameter; // as the table (decisions: bad input)
        }
        if (!SamePrefix(it->second.addr, addr) || it->second.ifIndex != effIf)
        {
            return RtmStatus::InvalidParameter; // identity changed through a handle
        }
        target = handle;
    }
    else
    {
        target = FindNhByIdentity(client, addr, effIf);
    }
    if (target == 0)
    {
        NextHop n;
        n.id = m_nextId++;
        n.owner = client;
        n.addr = addr;
        n.ifIndex = effIf;
        n.flags = flags;
        n.esi = esi;
        m_nhs[n.id] = n;
        handle = n.id;
        changeFlags = RTM_NEXTHOP_CHANGE_NEW;
        return RtmStatus::Success;
    }
    NextHop& n = m_nhs.at(target);
    if ((n.flags ^ flags) & RTM_NEXTHOP_FLAGS_REMOTE)
    {
        return RtmStatus::InvalidParameter; // REMOTE is part of what a next hop is (decisions)
    }
    bool flagsChanged = n.flags != flags;
    bool esiChanged = n.esi != esi;
    // the best routes using it, before the edit (the edit changes no route order)
    std::map<Id, ViewTypes> perDest;
    if (flagsChanged || esiChanged)
    {
        for (const auto& [rid, r] : m_routes)
        {
            if (!r.live || std::find(r.nhs.begin(), r.nhs.end(), target) == r.nhs.end())
            {
                continue;
            }
            ViewTypes& t = perDest[r.dest];
            for (int32_t v : ViewIds(r.views))
            {
                t[v] |= RTM_CHANGE_TYPE_ALL; // decision 5
                if (flagsChanged)
                {
                    const Route* b = Best(r.dest, v, false, 0);
                    if (b && b->id == rid)
                    {
                        t[v] |= RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING;
                    }
                }
            }
        }
    }
    n.flags = flags;
    n.esi = esi;
    Dirty();
    for (const auto& [d, t] : perDest)
    {
        Queue(d, t);
    }
    handle = target;
    changeFlags = 0;
    return RtmStatus::Success;
}

RtmStatus
Model::FindNextHop(Id client, const RtmNetAddress& addr, uint32_t ifIndex, Id& handle) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!WellFormed(addr) || !IsHost(addr))
    {
        return RtmStatus::InvalidParameter;
    }
    Id n = FindNhByIdentity(client, addr, ifIndex);
    if (!n)
    {
        return RtmStatus::NotFound;
    }
    handle = n;
    return RtmStatus::Success;
}

RtmStatus
Model::DeleteNextHop(Id client, Id handle, bool byInfo, const RtmNetAddress& addr, uint32_t ifIndex)
{
    StateGuard guard(this, true);
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    Id target = 0;
    if (handle != 0)
    {
        auto it = m_nhs.find(handle);
        if (it == m_nhs.end())
        {
            return RtmStatus::InvalidHandle;
        }
        if (it->second.owner != client)
        {
            return RtmStatus::AccessDenied;
        }
        if (it->second.deleted)
        {
            return RtmStatus::NotFound; // not decided; the driver does not ask this
        }
        target = handle;
    }
    else if (byInfo)
    {
        if (!WellFormed(addr) || !IsHost(addr))
        {
            return RtmStatus::InvalidParameter;
        }
        target = FindNhByIdentity(client, addr, ifIndex);
        if (!target)
        {
            return RtmStatus::NotFound;
        }
    }
    else
    {
        return RtmStatus::InvalidParameter;
    }
    m_nhs.at(target).deleted = true; // decision 10
    GcNextHop(target);
    return RtmStatus::Success;
}

Id
Model::ResolveRemote(const RtmNetAddress& a) const
{
    // decision 21: most specific destination covering it with a best route in the unicast view
    Id best = 0;
    int len = -1;
    for (const auto& [id, d] : m_dests)
    {
        if (Covers(d.prefix, a) && int(d.prefix.numBits) > len &&
            Best(id, RTM_VIEW_ID_UCAST, false, 0))
        {
            best = id;
            len = d.prefix.numBits;
        }
    }
    return best;
}

RtmStatus
Model::GetNextHopInfo(Id client, Id handle, NextHopOut& out) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_nhs.find(handle);
    if (it == m_nhs.end())
    {
        return RtmStatus::InvalidHandle;
    }
    const NextHop& n = it->second;
    out = NextHopOut();
    out.addr = n.addr;
    out.owner = n.owner;
    out.ifIndex = n.ifIndex;
    out.state = n.deleted ? RTM_NEXTHOP_STATE_DELETED : RTM_NEXTHOP_STATE_CREATED;
    out.flags = n.flags;
    out.esi = n.esi;
    out.remote = (n.flags & RTM_NEXTHOP_FLAGS_REMOTE) ? ResolveRemote(n.addr) : 0;
    return RtmStatus::Success;
}

bool
Model::ValidEnumNum(uint32_t num) const
{
    return num >= 1 && num <= m_cfg.maxHandles;
}

RtmStatus
Model::CreateNextHopEnum(Id client, uint32_t flags, const RtmNetAddress* addr, Id& handle)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (flags > RTM_ENUM_RANGE)
    {
        return RtmStatus::InvalidParameter;
    }
    Enum e;
    if (flags != RTM_ENUM_START)
    {
        if (!addr || !WellFormed(*addr))
        {
            return RtmStatus::InvalidParameter;
        }
        e.hasStart = true;
        e.start = *addr;
    }
    e.id = m_nextId++;
    e.owner = client;
    e.kind = EnumKind::NextHop;
    e.flags = flags;
    m_enums[e.id] = e;
    handle = e.id;
    return RtmStatus::Success;
}

RtmStatus
Model::GetEnumNextHops(Id client, Id handle, uint32_t& num, std::vector<Id>& out)
{
    out.clear();
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_enums.find(handle);
    if (it == m_enums.end())
    {
        return RtmStatus::InvalidHandle;
    }
    Enum& e = it->second;
    if (e.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!ValidEnumNum(num))
    {
        return RtmStatus::InvalidParameter;
    }
    if (e.done)
    {
        num = 0;
        return RtmStatus::NoMoreItems; // finished stays finished (decision 15)
    }
    std::vector<const NextHop*> items;
    for (const auto& [id, n] : m_nhs)
    {
        if (n.owner != client || n.deleted)
        {
            continue;
        }
        if (e.flags == RTM_ENUM_NEXT && CmpAddrBits(n.addr, e.start) < 0)
        {
            continue;
        }
        if (e.flags == RTM_ENUM_RANGE && !Covers(e.start, n.addr))
        {
            continue;
        }
        if (e.started)
        {
            int c = CmpAddrBits(n.addr, e.lastNhAddr);
            if (c < 0 || (c == 0 && n.ifIndex <= e.lastNhIf))
            {
                continue;
            }
        }
        items.push_back(&n);
    }
    std::sort(items.begin(), items.end(), [this](const NextHop* a, const NextHop* b) {
        int c = CmpAddrBits(a->addr, b->addr);
        return c != 0 ? c < 0 : a->ifIndex < b->ifIndex;
    });
    uint32_t asked = num;
    for (const NextHop* n : items)
    {
        if (out.size() == asked)
        {
            break;
        }
        out.push_back(n->id);
        e.started = true;
        e.lastNhAddr = n->addr;
        e.lastNhIf = n->ifIndex;
    }
    num = out.size();
    e.done = num < asked;
    return num < asked ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

// ======================================================================== routes

RtmStatus
Model::CheckRouteInput(Id client, const RouteIn& in, Id list) const
{
    // argument order: views, next hops, neighbour, list (decisions, "Bad input")
    if (in.views == 0)
    {
        return RtmStatus::InvalidParameter;
    }
    if (in.views & ~m_cfg.viewsSupported)
    {
        return RtmStatus::NotSupported;
    }
    // decision 11; too many, else each next hop in turn: its handle, owner, state, uniqueness
    if (in.nextHops.size() > m_cfg.maxNextHops)
    {
        return RtmStatus::InvalidParameter;
    }
    std::set<Id> seen;
    for (Id n : in.nextHops)
    {
        auto it = m_nhs.find(n);
        if (it == m_nhs.end())
        {
            return RtmStatus::InvalidHandle;
        }
        if (it->second.owner != client)
        {
            return RtmStatus::AccessDenied;
        }
        if (it->second.deleted || !seen.insert(n).second)
        {
            return RtmStatus::InvalidParameter;
        }
    }
    if (in.neighbour != 0)
    {
        auto it = m_nhs.find(in.neighbour);
        if (it == m_nhs.end())
        {
            return RtmStatus::InvalidHandle;
        }
        if (it->second.owner != client)
        {
            return RtmStatus::AccessDenied;
        }
        if (it->second.deleted)
        {
            return RtmStatus::InvalidParameter;
        }
    }
    if (list != 0)
    {
        auto it = m_lists.find(list);
        if (it == m_lists.end())
        {
            return RtmStatus::InvalidHandle;
        }
        if (it->second.owner != client)
        {
            return RtmStatus::AccessDenied;
        }
    }
    return RtmStatus::Success;
}

void
Model::MoveToList(Route& r, Id list)
{
    // decision 16: (re)inserting moves the route to the end
    r.list = list;
    r.listSeq = list ? ++m_listSeq : 0;
}

void
Model::ArmTtl(Route& r, uint32_t ttl)
{
    // decision 7: every add and update restarts the TTL
    if (ttl == RTM_INFINITE)
    {
        r.ttlArmed = false;
    }
    else
    {
        r.ttlArmed = true;
        r.ttlDue = m_now + int64_t(ttl);
        r.ttlSeq = ++m_seq;
    }
}

uint32_t
Model::ApplyRoute(Id client, Id rid, Id dest, const RouteIn& in, uint32_t ttl, Id list)
{
    uint32_t pref = in.pref == 0 ? m_clients.at(client).defPref : in.pref; // decisions 1, 12
    uint32_t flagsOut = 0;
    auto before = dest ? SnapAll(dest) : std::map<int32_t, BestSnap>();
    bool changed = false;
    uint32_t touched = in.views;
    std::vector<Id> oldUsed;
    Route* r = nullptr;
    if (rid == 0)
    {
        Route nr;
        nr.id = m_nextId++;
        nr.dest = dest;
        nr.owner = client;
        nr.age = ++m_age;
        m_routes[nr.id] = nr;
        r = &m_routes.at(nr.id);
        changed = true;
        flagsOut |= RTM_ROUTE_CHANGE_NEW;
    }
    else
    {
        r = &m_routes.at(rid);
        changed = r->neighbour != in.neighbour || r->flags1 != in.flags1 || r->flags != in.flags ||
                  r->pref != pref || r->metric != in.metric || r->views != in.views ||
                  r->esi != in.esi || r->nhs != in.nextHops;
        touched |= r->views;
        oldUsed = r->nhs;
        oldUsed.push_back(r->neighbour);
    }
    r->neighbour = in.neighbour;
    r->flags1 = in.flags1;
    r->flags = in.flags;
    r->pref = pref;
    r->metric = in.metric;
    r->views = in.views;
    r->esi = in.esi;
    r->nhs = in.nextHops;
    Dirty(r->id);
    ArmTtl(*r, ttl);
    if (list)
    {
        MoveToList(*r, list);
    }
    auto after = SnapAll(dest);
    if (changed)
    {
        ViewTypes types;
        for (int32_t v : ViewIds(touched))
        {
            types[v] |= RTM_CHANGE_TYPE_ALL;
        }
        BestChanges(before, after, types);
        Queue(dest, types);
    }
    // rtm-spec §2.3: BEST when the added or updated route is, or was, the best route, or when
    // the change made some other route best (no decision overrides it; it holds for no-op
    // updates too)
    for (int32_t v : ViewIds(m_cfg.viewsSupported))
    {
        if (before.at(v).route == r->id || after.at(v).route == r->id ||
            before.at(v).route != after.at(v).route)
        {
            flagsOut |= RTM_ROUTE_CHANGE_BEST;
        }
    }
    for (Id n : oldUsed)
    {
        if (n)
        {
            GcNextHop(n);
        }
    }
    return flagsOut;
}

RtmStatus
Model::AddRoute(Id client,
                Id& route,
                const RtmNetAddress& addr,
                const RouteIn& in,
                uint32_t ttl,
                Id list,
                uint32_t& changeFlags)
{
    StateGuard guard(this);
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!WellFormed(addr))
    {
        return RtmStatus::InvalidParameter;
    }
    if ((changeFlags & RTM_ROUTE_CHANGE_NEW) && (changeFlags & RTM_ROUTE_CHANGE_FIRST))
    {
        return RtmStatus::InvalidParameter;
    }
    if (route != 0)
    {
        auto it = m_routes.find(route);
        if (it == m_routes.end())
        {
            return RtmStatus::InvalidHandle;
        }
        if (!it->second.live)
        {
            return RtmStatus::InvalidHandle; // held: no writes, whoever owned it (decisions)
        }
        if (it->second.owner != client)
        {
            return RtmStatus::AccessDenied;
        }
        if (!SamePrefix(m_dests.at(it->second.dest).prefix, addr))
        {
            return RtmStatus::InvalidParameter;
        }
    }
    RtmStatus st = CheckRouteInput(client, in, list);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    Id dest = DestAt(addr);
    Id target = route;
    if (target == 0 && dest != 0)
    {
        // decision 12: which route an add updates
        std::vector<const Route*> live = LiveRoutes(dest);
        if (changeFlags & RTM_ROUTE_CHANGE_FIRST)
        {
            for (const Route* r : live)
            {
                if (r->owner == client)
                {
                    target = r->id;
                    break;
                }
            }
        }
        if (target == 0 && !(changeFlags & RTM_ROUTE_CHANGE_NEW))
        {
            for (const Route* r : live)
            {
                if (r->owner == client && r->neighbour == in.neighbour)
                {
                    target = r->id;
                    break;
                }
            }
        }
    }
    if (dest == 0)
    {
        Dest d;
        d.id = m_nextId++;
        d.prefix = addr;
        d.lastChanged = m_now;
        m_dests[d.id] = d;
        dest = d.id;
    }
    Id before = m_nextId;
    changeFlags = ApplyRoute(client, target, dest, in, ttl, list);
    route = target ? target : before; // a new route takes the next id
    return RtmStatus::Success;
}

RtmStatus
Model::UpdateRoute(Id client,
                   Id route,
                   const RouteIn& in,
                   uint32_t ttl,
                   Id list,
                   uint32_t& changeFlags)
{
    StateGuard guard(this);
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_routes.find(route);
    if (it == m_routes.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (!it->second.live)
    {
        return RtmStatus::InvalidHandle; // held: no writes, whoever owned it (decisions)
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    RtmStatus st = CheckRouteInput(client, in, list);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    changeFlags = ApplyRoute(client, route, it->second.dest, in, ttl, list);
    return RtmStatus::Success;
}

RtmStatus
Model::DeleteRoute(Id client, Id route, uint32_t& changeFlags)
{
    StateGuard guard(this);
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_routes.find(route);
    if (it == m_routes.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (!it->second.live)
    {
        return RtmStatus::InvalidHandle; // held: no writes, whoever owned it (decisions)
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    changeFlags = DeleteLive(route) ? RTM_ROUTE_CHANGE_BEST : 0;
    return RtmStatus::Success;
}

RtmStatus
Model::HoldDestination(Id client, Id dest, uint32_t views, uint32_t holdTime)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_dests.find(dest);
    if (it == m_dests.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    if (holdTime == 0)
    {
        return RtmStatus::InvalidParameter;
    }
    Dest& d = it->second;
    // decision 6: arm, extend running holds to at least now + t, raise the hold time
    for (int32_t v : ViewIds(ExpandViews(views)))
    {
        d.armed |= 1u << v;
        auto h = d.holds.find(v);
        if (h != d.holds.end() && !h->second.infinite)
        {
            if (holdTime == RTM_INFINITE)
            {
                h->second.infinite = true;
                h->second.seq = ++m_seq;
            }
            else if (m_now + int64_t(holdTime) > h->second.end)
            {
                h->second.end = m_now + int64_t(holdTime);
                h->second.seq = ++m_seq;
            }
        }
    }
    d.holdTime = std::max(d.holdTime, holdTime); // the largest t given while armed
    return RtmStatus::Success;
}

RtmStatus
Model::GetRouteInfo(Id client, Id route, RouteOut& out, RtmNetAddress& addr) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_routes.find(route);
    if (it == m_routes.end())
    {
        return RtmStatus::InvalidHandle;
    }
    FillRoute(it->second, out);
    addr = m_dests.at(it->second.dest).prefix;
    return RtmStatus::Success;
}

RtmStatus
Model::IsBestRoute(Id client, Id route, uint32_t& views) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_routes.find(route);
    if (it == m_routes.end())
    {
        return RtmStatus::InvalidHandle;
    }
    views = 0;
    for (int32_t v : ViewIds(m_cfg.viewsSupported))
    {
        const Route* b = Best(it->second.dest, v, false, 0);
        if (b && b->id == route)
        {
            views |= 1u << v;
        }
    }
    return RtmStatus::Success;
}

// ======================================================================== queries

RtmStatus
Model::GetDestInfo(Id client, Id dest, uint32_t proto, uint32_t views, DestOut& out) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!m_dests.count(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    FillDest(client, dest, proto, views, out);
    return RtmStatus::Success;
}

RtmStatus
Model::GetExactMatchDestination(Id client,
                                const RtmNetAddress& a,
                                uint32_t proto,
                                uint32_t views,
                                DestOut& out) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!WellFormed(a))
    {
        return RtmStatus::InvalidParameter;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    Id d = DestAt(a);
    if (!d || !QueryVisible(d, views))
    {
        return RtmStatus::NotFound;
    }
    FillDest(client, d, proto, views, out);
    return RtmStatus::Success;
}

RtmStatus
Model::GetMostSpecificDestination(Id client,
                                  const RtmNetAddress& a,
                                  uint32_t proto,
                                  uint32_t views,
                                  DestOut& out) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!WellFormed(a))
    {
        return RtmStatus::InvalidParameter;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    Id best = 0;
    int len = -1;
    for (const auto& [id, d] : m_dests)
    {
        if (Covers(d.prefix, a) && int(d.prefix.numBits) > len && Forwards(id, views))
        {
            best = id;
            len = d.prefix.numBits;
        }
    }
    if (!best)
    {
        return RtmStatus::NotFound;
    }
    FillDest(client, best, proto, views, out);
    return RtmStatus::Success;
}

RtmStatus
Model::GetLessSpecificDestination(Id client, Id dest, uint32_t proto, uint32_t views, DestOut& out)
    const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_dests.find(dest);
    if (it == m_dests.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    const RtmNetAddress& p = it->second.prefix;
    Id best = 0;
    int len = -1;
    for (const auto& [id, d] : m_dests)
    {
        if (d.prefix.numBits < p.numBits && Covers(d.prefix, p) && int(d.prefix.numBits) > len &&
            Forwards(id, views))
        {
            best = id;
            len = d.prefix.numBits;
        }
    }
    if (!best)
    {
        return RtmStatus::NotFound;
    }
    FillDest(client, best, proto, views, out);
    return RtmStatus::Success;
}

RtmStatus
Model::GetExactMatchRoute(Id client,
                          const RtmNetAddress& a,
                          uint32_t match,
                          const Criteria& c,
                          uint32_t ifIndex,
                          uint32_t views,
                          Id& route,
                          RouteOut& out) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!WellFormed(a))
    {
        return RtmStatus::InvalidParameter;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    Id d = DestAt(a);
    if (!d)
    {
        return RtmStatus::NotFound;
    }
    for (const Route* r : LiveRoutes(d))
    {
        if (views != RTM_VIEW_MASK_ANY && !(r->views & ExpandViews(views)))
        {
            continue;
        }
        if (RouteMatches(*r, match, c, ifIndex))
        {
            route = r->id;
            FillRoute(*r, out);
            return RtmStatus::Success;
        }
    }
    return RtmStatus::NotFound;
}

RtmStatus
Model::Lookup(const RtmNetAddress& a, int32_t view, DestOut& out) const
{
    Id best = 0;
    int len = -1;
    for (const auto& [id, d] : m_dests)
    {
        if (Covers(d.prefix, a) && int(d.prefix.numBits) > len && Best(id, view, false, 0))
        {
            best = id;
            len = d.prefix.numBits;
        }
    }
    if (!best)
    {
        return RtmStatus::NotFound;
    }
    FillDest(0, best, RTM_BEST_PROTOCOL, 1u << view, out);
    return RtmStatus::Success;
}

// ======================================================================== next-hop state

bool
Model::LocalUsable(const NextHop& n) const
{
    // owned (0 always), up, not flagged DOWN by its owner; a DELETED next hop still forwards
    // (decision 10)
    return !(n.flags & RTM_NEXTHOP_FLAGS_DOWN) &&
           (n.ifIndex == 0 || m_cfg.interfaces.count(n.ifIndex)) && !m_cfg.down.count(n.ifIndex);
}

bool
Model::EvalRoute(const Route& r,
                 std::vector<Id>& chain,
                 std::vector<HopOut>& hops,
                 const ByDest& byDest) const
{
    for (Id nid : r.nhs)
    {
        const NextHop& n = m_nhs.at(nid);
        if (!(n.flags & RTM_NEXTHOP_FLAGS_REMOTE))
        {
            if (LocalUsable(n))
            {
                HopOut h;
                h.ifIndex = n.ifIndex;
                bool zero = true;
                for (uint32_t i = 0; i < m_width; ++i)
                {
                    zero = zero && !Bit(n.addr, i);
                }
                bool onLink = (r.flags & (RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_MYSELF)) || zero;
                h.gateway = onLink ? RtmNetAddress() : n.addr;
                if (onLink)
                {
                    h.gateway.addressFamily = m_cfg.family;
                    h.gateway.numBits = m_width;
                }
                hops.push_back(h);
            }
        }
        else if (!(n.flags & RTM_NEXTHOP_FLAGS_DOWN))
        {
            ResolveAddr(n.addr, chain, hops, byDest);
        }
    }
    return r.nhs.empty() || (r.flags & RTM_ROUTE_FLAGS_NO_NEXTHOP_NEEDED) || !hops.empty();
}

void
Model::ResolveAddr(const RtmNetAddress& a,
                   std::vector<Id>& chain,
                   std::vector<HopOut>& out,
                   const ByDest& byDest) const
{
    if (chain.size() > kMaxRecursion)
    {
        return; // too deep
    }
    std::vector<const Dest*> covering;
    for (const auto& [id, d] : m_dests)
    {
        if (Covers(d.prefix, a))
        {
            covering.push_back(&d);
        }
    }
    std::sort(covering.begin(), covering.end(), [](const Dest* x, const Dest* y) {
        return x->prefix.numBits > y->prefix.numBits;
    });
    for (const Dest* d : covering)
    {
        auto routes = byDest.find(d->id);
        if (routes == byDest.end())
        {
            continue;
        }
        for (const Route* r : routes->second)
        {
            if (!(r->views & RTM_VIEW_MASK_UCAST) || (r->flags & RTM_ROUTE_FLAGS_INACTIVE))
            {
                continue;
            }
            if (std::find(chain.begin(), chain.end(), r->id) != chain.end())
            {
                return; // a loop
            }
            std::vector<HopOut> hops;
            chain.push_back(r->id);
            bool reach = EvalRoute(*r, chain, hops, byDest);
            chain.pop_back();
            if (!reach)
            {
                continue;
            }
            if ((r->flags & RTM_ROUTE_FLAGS_NO_NEXTHOP_NEEDED) || r->nhs.empty())
            {
                return; // resolves through an own address, a blackhole ...: nothing
            }
            for (size_t i = 0; i < hops.size() && i < m_cfg.maxNextHops; ++i)
            {
                HopOut h = hops[i];
                bool zero = true;
                for (uint32_t b = 0; b < m_width; ++b)
                {
                    zero = zero && !Bit(h.gateway, b);
                }
                if (zero)
                {
                    h.gateway = a; // on-link: send to the next hop itself
                }
                out.push_back(h);
            }
            return;
        }
    }
}

Model::ByDest
Model::GroupByDest() const
{
    ByDest byDest;
    for (const auto& [id, r] : m_routes)
    {
        if (r.live)
        {
            byDest[r.dest].push_back(&r);
        }
    }
    for (auto& [d, rs] : byDest)
    {
        std::sort(rs.begin(), rs.end(), [](const Route* a, const Route* b) {
            return RouteBefore(*a, *b);
        });
    }
    return byDest;
}

bool
Model::AnyRemote() const
{
    for (const auto& [id, n] : m_nhs)
    {
        if (n.flags & RTM_NEXTHOP_FLAGS_REMOTE)
        {
            return true;
        }
    }
    return false;
}

void
Model::Dirty(Id route)
{
    // Without a REMOTE next hop a route's state depends on its own next hops only.
    if (AnyRemote())
    {
        m_statesValid = false;
    }
    else
    {
        m_dirtyRoutes.insert(route);
    }
}

const std::map<Id, Model::RState>&
Model::States() const
{
    if (m_frozen)
    {
        return m_states;
    }
    if (m_statesValid && !m_dirtyRoutes.empty())
    {
        for (Id id : m_dirtyRoutes)
        {
            auto it = m_routes.find(id);
            if (it == m_routes.end() || !it->second.live)
            {
                m_states.erase(id);
                continue;
            }
            RState st;
            std::vector<Id> chain{id};
            st.reach = EvalRoute(it->second, chain, st.hops, ByDest()); // no REMOTE next hop
            m_states[id] = st;
        }
    }
    m_dirtyRoutes.clear();
    if (!m_statesValid)
    {
        m_states.clear();
        ByDest byDest = GroupByDest();
        for (const auto& [id, r] : m_routes)
        {
            if (!r.live)
            {
                continue;
            }
            RState st;
            std::vector<Id> chain{id};
            st.reach = EvalRoute(r, chain, st.hops, byDest);
            m_states[id] = st;
        }
        m_statesValid = true;
    }
    return m_states;
}

std::vector<HopOut>
Model::Hops(Id route) const
{
    return States().at(route).hops;
}

bool
Model::Reachable(Id route) const
{
    return States().at(route).reach;
}

bool
Model::HasRemote(Id route) const
{
    for (Id n : m_routes.at(route).nhs)
    {
        if (m_nhs.at(n).flags & RTM_NEXTHOP_FLAGS_REMOTE)
        {
            return true;
        }
    }
    return false;
}

Model::StateSnap
Model::TakeStateSnap() const
{
    StateSnap s;
    s.routes = States();
    // Best per destination and view as Best() says, with the routes grouped in one pass.
    ByDest byDest = GroupByDest();
    for (const auto& [id, d] : m_dests)
    {
        for (int32_t v : ViewIds(m_cfg.viewsSupported))
        {
            Id best = 0;
            for (const Route* r : byDest[id])
            {
                if ((r->views & (1u << v)) && !(r->flags & RTM_ROUTE_FLAGS_INACTIVE) &&
                    s.routes.at(r->id).reach)
                {
                    best = r->id;
                    break;
                }
            }
            s.best[id][v] = best;
        }
    }
    return s;
}

void
Model::QueueStateDiff(const StateSnap& before)
{
    StateSnap after = TakeStateSnap();
    std::map<Id, ViewTypes> types;
    for (const auto& [id, st] : after.routes)
    {
        auto it = before.routes.find(id);
        if (it == before.routes.end() ||
            (it->second.reach == st.reach && it->second.hops == st.hops))
        {
            continue; // new routes are their call's business
        }
        const Route& r = m_routes.at(id);
        for (int32_t v : ViewIds(r.views))
        {
            types[r.dest][v] |= RTM_CHANGE_TYPE_ALL;
            if (after.best.at(r.dest).at(v) == id)
            {
                types[r.dest][v] |= RTM_CHANGE_TYPE_FORWARDING;
            }
        }
    }
    for (const auto& [d, views] : after.best)
    {
        auto it = before.best.find(d);
        if (it == before.best.end())
        {
            continue;
        }
        for (const auto& [v, b] : views)
        {
            if (it->second.at(v) != b)
            {
                types[d][v] |= kChangeTypes;
            }
        }
    }
    for (const auto& [d, t] : types)
    {
        Queue(d, t);
    }
}

Model::StateGuard::StateGuard(Model* m, bool force)
    : model(m),
      outer(m->m_guards++ == 0 && (force || m->AnyRemote()))
{
    // A route call without any REMOTE next hop in the table changes the state of no other
    // route than its own, which the call queues itself: no comparison needed.
    if (outer)
    {
        before = m->TakeStateSnap();
    }
}

Model::StateGuard::~StateGuard()
{
    if (outer)
    {
        model->QueueStateDiff(before);
    }
    --model->m_guards;
}

void
Model::SetInterfaceState(uint32_t ifIndex, bool up)
{
    StateGuard guard(this, true);
    if (up)
    {
        m_cfg.down.erase(ifIndex);
    }
    else
    {
        m_cfg.down.insert(ifIndex);
    }
    Dirty();
}

void
Model::AddInterface(uint32_t ifIndex)
{
    StateGuard guard(this, true);
    m_cfg.interfaces.insert(ifIndex);
    Dirty();
}

void
Model::RemoveInterface(uint32_t ifIndex)
{
    StateGuard guard(this, true);
    m_cfg.interfaces.erase(ifIndex);
    Dirty();
}

// ======================================================================== enumerations

RtmStatus
Model::CreateDestEnum(Id client,
                      uint32_t views,
                      uint32_t flags,
                      const RtmNetAddress* addr,
                      uint32_t proto,
                      Id& handle)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    uint32_t pos = flags & ~RTM_ENUM_OWN_DESTS;
    if (pos > RTM_ENUM_RANGE)
    {
        return RtmStatus::InvalidParameter;
    }
    Enum e;
    if (pos != RTM_ENUM_START)
    {
        if (!addr || !WellFormed(*addr))
        {
            return RtmStatus::InvalidParameter;
        }
        e.hasStart = true;
        e.start = *addr;
    }
    e.id = m_nextId++;
    e.owner = client;
    e.kind = EnumKind::Dest;
    e.views = views;
    e.flags = flags;
    e.proto = proto;
    m_enums[e.id] = e;
    handle = e.id;
    return RtmStatus::Success;
}

RtmStatus
Model::GetEnumDests(Id client, Id handle, uint32_t& num, std::vector<DestOut>& out)
{
    out.clear();
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_enums.find(handle);
    if (it == m_enums.end())
    {
        return RtmStatus::InvalidHandle;
    }
    Enum& e = it->second;
    if (e.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!ValidEnumNum(num))
    {
        return RtmStatus::InvalidParameter;
    }
    if (e.done)
    {
        num = 0;
        return RtmStatus::NoMoreItems; // finished stays finished (decision 15)
    }
    uint32_t pos = e.flags & ~RTM_ENUM_OWN_DESTS;
    std::vector<Id> items;
    for (const auto& [id, d] : m_dests)
    {
        if (!QueryVisible(id, e.views))
        {
            continue;
        }
        if (pos == RTM_ENUM_NEXT && PrefixLess(d.prefix, e.start))
        {
            continue;
        }
        if (pos == RTM_ENUM_RANGE && !Covers(e.start, d.prefix))
        {
            continue;
        }
        if (e.started && !PrefixLess(e.lastPrefix, d.prefix))
        {
            continue;
        }
        if (e.flags & RTM_ENUM_OWN_DESTS)
        {
            bool own = false;
            for (int32_t v : ViewIds(ExpandViews(e.views)))
            {
                const Route* b = Best(id, v, false, 0);
                if (b && b->owner == client)
                {
                    own = true;
                }
            }
            if (!own)
            {
                continue;
            }
        }
        items.push_back(id);
    }
    std::sort(items.begin(), items.end(), [this](Id a, Id b) {
        return PrefixLess(m_dests.at(a).prefix, m_dests.at(b).prefix);
    });
    uint32_t asked = num;
    for (Id d : items)
    {
        if (out.size() == asked)
        {
            break;
        }
        DestOut o;
        FillDest(client, d, e.proto, e.views, o);
        out.push_back(o);
        e.started = true;
        e.lastPrefix = m_dests.at(d).prefix;
    }
    num = out.size();
    e.done = num < asked;
    return num < asked ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

RtmStatus
Model::CreateRouteEnum(Id client,
                       Id dest,
                       uint32_t views,
                       uint32_t flags,
                       const RtmNetAddress* start,
                       uint32_t match,
                       const Criteria* c,
                       uint32_t ifIndex,
                       Id& handle)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (dest != 0 && !m_dests.count(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    uint32_t pos = flags & ~RTM_ENUM_OWN_ROUTES;
    if (pos > RTM_ENUM_RANGE)
    {
        return RtmStatus::InvalidParameter;
    }
    Enum e;
    if (dest == 0 && pos != RTM_ENUM_START)
    {
        if (!start || !WellFormed(*start))
        {
            return RtmStatus::InvalidParameter;
        }
        e.hasStart = true;
        e.start = *start;
    }
    if ((match & (RTM_MATCH_OWNER | RTM_MATCH_NEIGHBOUR | RTM_MATCH_PREF | RTM_MATCH_NEXTHOP)) &&
        !c)
    {
        return RtmStatus::InvalidParameter;
    }
    e.id = m_nextId++;
    e.owner = client;
    e.kind = EnumKind::Route;
    e.dest = dest;
    e.views = views;
    e.flags = flags;
    e.match = match;
    if (c)
    {
        e.crit = *c;
    }
    e.ifIndex = ifIndex;
    m_enums[e.id] = e;
    handle = e.id;
    return RtmStatus::Success;
}

bool
Model::RoutePosLess(const RoutePos& x, const RoutePos& y) const
{
    if (PrefixLess(x.prefix, y.prefix))
    {
        return true;
    }
    if (PrefixLess(y.prefix, x.prefix))
    {
        return false;
    }
    if (x.cls != y.cls)
    {
        return x.cls < y.cls;
    }
    if (x.a != y.a)
    {
        return x.a < y.a;
    }
    if (x.b != y.b)
    {
        return x.b < y.b;
    }
    return x.c < y.c;
}

RtmStatus
Model::GetEnumRoutes(Id client, Id handle, uint32_t& num, std::vector<Id>& out)
{
    out.clear();
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_enums.find(handle);
    if (it == m_enums.end())
    {
        return RtmStatus::InvalidHandle;
    }
    Enum& e = it->second;
    if (e.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!ValidEnumNum(num))
    {
        return RtmStatus::InvalidParameter;
    }
    if (e.done)
    {
        num = 0;
        return RtmStatus::NoMoreItems; // finished stays finished (decision 15)
    }
    uint32_t pos = e.flags & ~RTM_ENUM_OWN_ROUTES;
    bool own = e.flags & RTM_ENUM_OWN_ROUTES;
    std::vector<Id> dests;
    for (const auto& [id, d] : m_dests)
    {
        if (e.dest != 0)
        {
            if (id == e.dest)
            {
                dests.push_back(id);
            }
            continue;
        }
        if (pos == RTM_ENUM_NEXT && PrefixLess(d.prefix, e.start))
        {
            continue;
        }
        if (pos == RTM_ENUM_RANGE && !Covers(e.start, d.prefix))
        {
            continue;
        }
        dests.push_back(id);
    }
    std::sort(dests.begin(), dests.end(), [this](Id a, Id b) {
        return PrefixLess(m_dests.at(a).prefix, m_dests.at(b).prefix);
    });
    std::vector<std::pair<RoutePos, Id>> items;
    for (Id did : dests)
    {
        const Dest& d = m_dests.at(did);
        for (const Route* r : LiveRoutes(did))
        {
            if (e.views != RTM_VIEW_MASK_ANY && !(r->views & ExpandViews(e.views)))
            {
                continue;
            }
            if ((own && r->owner != client) || !RouteMatches(*r, e.match, e.crit, e.ifIndex))
            {
                continue;
            }
            RoutePos p;
            p.prefix = d.prefix;
            p.cls = 0;
            p.a = r->pref;
            p.b = r->metric;
            p.c = r->age;
            items.push_back({p, r->id});
        }
        if (e.views == RTM_VIEW_MASK_ANY)
        {
            // decision 15: held routes after the live ones, by view (once each)
            std::set<Id> seen;
            for (const auto& [v, h] : d.holds)
            {
                if (seen.count(h.route))
                {
                    continue;
                }
                seen.insert(h.route);
                const Route& r = m_routes.at(h.route);
                if ((own && r.owner != client) || !RouteMatches(r, e.match, e.crit, e.ifIndex))
                {
                    continue;
                }
                RoutePos p;
                p.prefix = d.prefix;
                p.cls = 1;
                p.a = uint64_t(v);
                items.push_back({p, r.id});
            }
        }
    }
    uint32_t asked = num;
    for (const auto& [p, id] : items)
    {
        if (out.size() == asked)
        {
            break;
        }
        if (e.started && !RoutePosLess(e.lastRoute, p))
        {
            continue;
        }
        out.push_back(id);
        e.started = true;
        e.lastRoute = p;
    }
    num = out.size();
    e.done = num < asked;
    return num < asked ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

RtmStatus
Model::DeleteEnum(Id client, Id handle)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_enums.find(handle);
    if (it == m_enums.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    m_enums.erase(it);
    return RtmStatus::Success;
}

// ======================================================================== notifications

RtmStatus
Model::RegisterNotify(Id client, uint32_t views, uint32_t flags, uint64_t ctx, Id& handle)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (!ViewsOk(views))
    {
        return RtmStatus::NotSupported;
    }
    if ((flags & kChangeTypes) == 0 || (flags & ~(kChangeTypes | RTM_NOTIFY_ONLY_MARKED_DESTS)))
    {
        return RtmStatus::InvalidParameter;
    }
    if (m_notifies.size() >= m_cfg.maxNotify)
    {
        return RtmStatus::NoSystemResources;
    }
    Notify n;
    n.id = m_nextId++;
    n.owner = client;
    n.views = views;
    n.flags = flags;
    n.ctx = ctx;
    m_notifies[n.id] = n;
    handle = n.id;
    return RtmStatus::Success;
}

RtmStatus
Model::PendingOf(Id client, Id handle, uint32_t num, std::set<Id>& pending) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_notifies.find(handle);
    if (it == m_notifies.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!ValidEnumNum(num))
    {
        return RtmStatus::InvalidParameter;
    }
    pending = it->second.pending;
    return RtmStatus::Success;
}

RtmStatus
Model::GetChangedDests(Id client,
                       Id handle,
                       uint32_t num,
                       const std::vector<Id>& chosen,
                       std::vector<DestOut>& out)
{
    out.clear();
    std::set<Id> pending;
    RtmStatus st = PendingOf(client, handle, num, pending);
    if (st != RtmStatus::Success)
    {
        return st;
    }
    Notify& n = m_notifies.at(handle);
    // decision 4: the registration's views (all supported for ANY), overall best route
    uint32_t views = n.views == RTM_VIEW_MASK_ANY ? m_cfg.viewsSupported : n.views;
    for (Id d : chosen)
    {
        DestOut o;
        FillDest(client, d, RTM_BEST_PROTOCOL, views, o);
        out.push_back(o);
        n.pending.erase(d);
    }
    for (Id d : chosen)
    {
        GcDest(d);
    }
    return chosen.size() < num ? RtmStatus::NoMoreItems : RtmStatus::Success;
}

RtmStatus
Model::GetChangeStatus(Id client, Id handle, Id dest, bool& pending) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_notifies.find(handle);
    if (it == m_notifies.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!m_dests.count(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    pending = it->second.pending.count(dest) > 0;
    return RtmStatus::Success;
}

RtmStatus
Model::IgnoreChangedDests(Id client, Id handle, const std::vector<Id>& dests)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_notifies.find(handle);
    if (it == m_notifies.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    RtmStatus st = RtmStatus::Success;
    for (Id d : dests)
    {
        if (!m_dests.count(d))
        {
            st = RtmStatus::InvalidHandle;
            continue;
        }
        it->second.pending.erase(d);
    }
    for (Id d : dests)
    {
        GcDest(d);
    }
    return st;
}

RtmStatus
Model::MarkDest(Id client, Id handle, Id dest, bool mark)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_notifies.find(handle);
    if (it == m_notifies.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!m_dests.count(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    if (mark)
    {
        it->second.marks.insert(dest);
    }
    else
    {
        it->second.marks.erase(dest);
        GcDest(dest);
    }
    return RtmStatus::Success;
}

RtmStatus
Model::IsMarked(Id client, Id handle, Id dest, bool& marked) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_notifies.find(handle);
    if (it == m_notifies.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!m_dests.count(dest))
    {
        return RtmStatus::InvalidHandle;
    }
    marked = it->second.marks.count(dest) > 0;
    return RtmStatus::Success;
}

RtmStatus
Model::DeregisterNotify(Id client, Id handle)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_notifies.find(handle);
    if (it == m_notifies.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    std::set<Id> touched = it->second.pending;
    touched.insert(it->second.marks.begin(), it->second.marks.end());
    m_notifies.erase(it);
    for (Id d : touched)
    {
        GcDest(d);
    }
    return RtmStatus::Success;
}

uint64_t
Model::NotifyContext(Id handle) const
{
    auto it = m_notifies.find(handle);
    return it == m_notifies.end() ? 0 : it->second.ctx;
}

Id
Model::NotifyOwner(Id handle) const
{
    auto it = m_notifies.find(handle);
    return it == m_notifies.end() ? 0 : it->second.owner;
}

bool
Model::NotifyAlive(Id handle) const
{
    return m_notifies.count(handle) > 0;
}

std::map<Id, std::pair<uint32_t, bool>>
Model::TakeSignalCounts()
{
    std::map<Id, std::pair<uint32_t, bool>> m;
    for (auto& [id, n] : m_notifies)
    {
        m[id] = {n.transitions, !n.pending.empty()};
        n.transitions = 0;
    }
    return m;
}

// ======================================================================== route lists

RtmStatus
Model::CreateRouteList(Id client, Id& list)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    List l;
    l.id = m_nextId++;
    l.owner = client;
    m_lists[l.id] = l;
    list = l.id;
    return RtmStatus::Success;
}

RtmStatus
Model::InsertInRouteList(Id client, Id list, const std::vector<Id>& routes)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    if (list != 0)
    {
        auto it = m_lists.find(list);
        if (it == m_lists.end())
        {
            return RtmStatus::InvalidHandle;
        }
        if (it->second.owner != client)
        {
            return RtmStatus::AccessDenied;
        }
    }
    RtmStatus st = RtmStatus::Success;
    for (Id r : routes)
    {
        auto it = m_routes.find(r);
        if (it == m_routes.end() || !it->second.live)
        {
            st = RtmStatus::InvalidHandle;
            continue;
        }
        if (it->second.owner != client)
        {
            // InvalidHandle, once seen, stays the answer (decisions: lists of handles)
            st = st == RtmStatus::Success ? RtmStatus::AccessDenied : st;
            continue;
        }
        MoveToList(it->second, list);
    }
    return st;
}

RtmStatus
Model::CreateListEnum(Id client, Id list, Id& handle)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_lists.find(list);
    if (it == m_lists.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    Enum e;
    e.id = m_nextId++;
    e.owner = client;
    e.kind = EnumKind::List;
    e.list = list;
    m_enums[e.id] = e;
    handle = e.id;
    return RtmStatus::Success;
}

RtmStatus
Model::GetListEnumRoutes(Id client, Id handle, uint32_t& num, std::vector<Id>& out)
{
    out.clear();
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_enums.find(handle);
    if (it == m_enums.end())
    {
        return RtmStatus::InvalidHandle;
    }
    Enum& e = it->second;
    if (e.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    if (!ValidEnumNum(num))
    {
        return RtmStatus::InvalidParameter;
    }
    std::vector<const Route*> items;
    for (const auto& [id, r] : m_routes)
    {
        if (r.live && r.list == e.list && r.listSeq > e.lastListSeq)
        {
            items.push_back(&r);
        }
    }
    std::sort(items.begin(), items.end(), [](const Route* a, const Route* b) {
        return a->listSeq < b->listSeq;
    });
    uint32_t asked = num;
    for (const Route* r : items)
    {
        if (out.size() == asked)
        {
            break;
        }
        out.push_back(r->id);
        e.lastListSeq = r->listSeq;
    }
    num = out.size();
    return RtmStatus::Success; // the end is a short batch, never NoMoreItems
}

RtmStatus
Model::DeleteRouteList(Id client, Id list)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_lists.find(list);
    if (it == m_lists.end())
    {
        return RtmStatus::InvalidHandle;
    }
    if (it->second.owner != client)
    {
        return RtmStatus::AccessDenied;
    }
    for (auto& [id, r] : m_routes)
    {
        if (r.list == list)
        {
            r.list = 0;
            r.listSeq = 0;
        }
    }
    m_lists.erase(it);
    return RtmStatus::Success;
}

// ======================================================================== opaque pointers

RtmStatus
Model::GetOpaque(Id client, Id dest, uint64_t& value) const
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_dests.find(dest);
    if (it == m_dests.end())
    {
        return RtmStatus::InvalidHandle; // the handle argument first (decisions: argument order)
    }
    if (!m_clients.at(client).slot)
    {
        return RtmStatus::NotFound;
    }
    auto v = it->second.opaque.find(client);
    value = v == it->second.opaque.end() ? 0 : v->second;
    return RtmStatus::Success;
}

RtmStatus
Model::SetOpaque(Id client, Id dest, uint64_t value)
{
    if (!IsRegistered(client))
    {
        return RtmStatus::InvalidHandle;
    }
    auto it = m_dests.find(dest);
    if (it == m_dests.end())
    {
        return RtmStatus::InvalidHandle; // the handle argument first (decisions: argument order)
    }
    if (!m_clients.at(client).slot)
    {
        return RtmStatus::NotFound;
    }
    if (value)
    {
        it->second.opaque[client] = value;
    }
    else
    {
        it->second.opaque.erase(client);
        GcDest(dest);
    }
    return RtmStatus::Success;
}

// ======================================================================== time

int64_t
Model::NextDue() const
{
    int64_t best = -1;
    for (const auto& [id, r] : m_routes)
    {
        if (r.live && r.ttlArmed && (best < 0 || r.ttlDue < best))
        {
            best = r.ttlDue;
        }
    }
    for (const auto& [id, d] : m_dests)
    {
        for (const auto& [v, h] : d.holds)
        {
            if (!h.infinite && (best < 0 || h.end < best))
            {
                best = h.end;
            }
        }
    }
    return best;
}

std::set<int64_t>
Model::TtlDues() const
{
    std::set<int64_t> s;
    for (const auto& [id, r] : m_routes)
    {
        if (r.live && r.ttlArmed)
        {
            s.insert(r.ttlDue);
        }
    }
    return s;
}

void
Model::Expire(Id route)
{
    // decision 7
    Route& r = m_routes.at(route);
    r.ttlArmed = false;
    Id owner = r.owner;
    const Client& c = m_clients.at(owner);
    ExpiryRecord rec;
    rec.client = owner;
    rec.route = route;
    FillRoute(r, rec.info);
    switch (c.mode)
    {
    case ExpiryMode::NoCallback:
        DeleteLive(route);
        return;
    case ExpiryMode::NotSupported:
        m_expiries.push_back(rec);
        DeleteLive(route);
        return;
    case ExpiryMode::DeleteItself:
        rec.acted = true;
        rec.actionStatus = DeleteRoute(owner, route, rec.actionChangeFlags);
        break;
    case ExpiryMode::UpdateItself:
        rec.acted = true;
        if (rec.info.metric < 5)
        {
            RouteIn in;
            in.neighbour = rec.info.neighbour;
            in.flags1 = rec.info.flags1;
            in.flags = rec.info.flags;
            in.metric = rec.info.metric + 1;
            in.pref = rec.info.pref;
            in.views = rec.info.views;
            in.esi = rec.info.esi;
            in.nextHops = rec.info.nextHops;
            rec.actionStatus =
                UpdateRoute(owner, route, in, RTM_INFINITE, 0, rec.actionChangeFlags);
        }
        else
        {
            rec.actionStatus = DeleteRoute(owner, route, rec.actionChangeFlags);
        }
        break;
    case ExpiryMode::Ignore:
        break;
    }
    m_expiries.push_back(rec);
}

void
Model::AdvanceTo(int64_t ms)
{
    while (true)
    {
        // the earliest (time, arming sequence) timer
        int64_t due = -1;
        uint64_t seq = 0;
        Id route = 0;
        Id dest = 0;
        int32_t view = 0;
        int count = 0;
        for (const auto& [id, r] : m_routes)
        {
            if (!r.live || !r.ttlArmed)
            {
                continue;
            }
            if (due < 0 || r.ttlDue < due || (r.ttlDue == due && r.ttlSeq < seq))
            {
                due = r.ttlDue;
                seq = r.ttlSeq;
                route = id;
                dest = 0;
            }
        }
        for (const auto& [id, d] : m_dests)
        {
            for (const auto& [v, h] : d.holds)
            {
                if (h.infinite)
                {
                    continue;
                }
                if (due < 0 || h.end < due || (h.end == due && h.seq < seq))
                {
                    due = h.end;
                    seq = h.seq;
                    route = 0;
                    dest = id;
                    view = v;
                }
            }
        }
        if (due < 0 || due > ms)
        {
            break;
        }
        int ttls = 0;
        for (const auto& [id, r] : m_routes)
        {
            ttls += (r.live && r.ttlArmed && r.ttlDue == due) ? 1 : 0;
        }
        count = ttls;
        for (const auto& [id, d] : m_dests)
        {
            for (const auto& [v, h] : d.holds)
            {
                count += (!h.infinite && h.end == due) ? 1 : 0;
            }
        }
        if (count > 1 && ttls > 0) // hold ends of different views commute
        {
            m_tie = true;
        }
        m_now = due;
        m_timerLog.push_back(
            std::to_string(due) + "ms: " +
            (route ? "TTL of route#" + std::to_string(route)
                   : "hold end of dest#" + std::to_string(dest) + " view " + std::to_string(view)));
        if (m_timerLog.size() > 12)
        {
            m_timerLog.erase(m_timerLog.begin());
        }
        if (route)
        {
            StateGuard guard(this);
            Expire(route);
        }
        else
        {
            // decision 5/6: the end of a hold is ALL and BEST in that view, not FORWARDING
            ReleaseHeld(dest, view);
            ViewTypes t;
            t[view] = RTM_CHANGE_TYPE_ALL | RTM_CHANGE_TYPE_BEST;
            Queue(dest, t);
            GcDest(dest);
        }
    }
    m_now = ms;
}

bool
Model::TakeTieFlag()
{
    bool t = m_tie;
    m_tie = false;
    return t;
}

std::vector<ExpiryRecord>
Model::TakeExpiries()
{
    std::vector<ExpiryRecord> v;
    v.swap(m_expiries);
    return v;
}

std::vector<EntityEvent>
Model::TakeEntityEvents()
{
    std::vector<EntityEvent> v;
    v.swap(m_entityEvents);
    return v;
}

// ======================================================================== introspection

std::vector<Id>
Model::LiveDests() const
{
    std::vector<Id> v;
    for (const auto& [id, d] : m_dests)
    {
        v.push_back(id);
    }
    return v;
}

std::vector<Id>
Model::AllRoutes() const
{
    std::vector<Id> v;
    for (const auto& [id, r] : m_routes)
    {
        v.push_back(id);
    }
    return v;
}

std::vector<Id>
Model::LiveRoutesOf(Id client) const
{
    std::vector<Id> v;
    for (const auto& [id, r] : m_routes)
    {
        if (r.live && r.owner == client)
        {
            v.push_back(id);
        }
    }
    return v;
}

std::vector<Id>
Model::HeldRoutes() const
{
    std::vector<Id> v;
    for (const auto& [id, r] : m_routes)
    {
        if (!r.live)
        {
            v.push_back(id);
        }
    }
    return v;
}

std::vector<Id>
Model::NextHopsOf(Id client) const
{
    std::vector<Id> v;
    for (const auto& [id, n] : m_nhs)
    {
        if (n.owner == client && !n.deleted)
        {
            v.push_back(id);
        }
    }
    return v;
}

std::vector<Id>
Model::AllNextHops() const
{
    std::vector<Id> v;
    for (const auto& [id, n] : m_nhs)
    {
        v.push_back(id);
    }
    return v;
}

std::vector<Id>
Model::ListsOf(Id client) const
{
    std::vector<Id> v;
    for (const auto& [id, l] : m_lists)
    {
        if (l.owner == client)
        {
            v.push_back(id);
        }
    }
    return v;
}

std::vector<Id>
Model::EnumsOf(Id client) const
{
    std::vector<Id> v;
    for (const auto& [id, e] : m_enums)
    {
        if (e.owner == client)
        {
            v.push_back(id);
        }
    }
    return v;
}

std::vector<Id>
Model::NotifiesOf(Id client) const
{
    std::vector<Id> v;
    for (const auto& [id, n] : m_notifies)
    {
        if (n.owner == client)
        {
            v.push_back(id);
        }
    }
    return v;
}

bool
Model::RouteAlive(Id r) const
{
    return m_routes.count(r) > 0;
}

bool
Model::RouteLive(Id r) const
{
    auto it = m_routes.find(r);
    return it != m_routes.end() && it->second.live;
}

bool
Model::DestAlive(Id d) const
{
    return m_dests.count(d) > 0;
}

bool
Model::NextHopAlive(Id n) const
{
    return m_nhs.count(n) > 0;
}

bool
Model::NextHopDeleted(Id n) const
{
    auto it = m_nhs.find(n);
    return it != m_nhs.end() && it->second.deleted;
}

bool
Model::ListAlive(Id l) const
{
    return m_lists.count(l) > 0;
}

bool
Model::EnumAlive(Id e) const
{
    return m_enums.count(e) > 0;
}

Id
Model::OwnerOfRoute(Id r) const
{
    auto it = m_routes.find(r);
    return it == m_routes.end() ? 0 : it->second.owner;
}

Id
Model::OwnerOfNextHop(Id n) const
{
    auto it = m_nhs.find(n);
    return it == m_nhs.end() ? 0 : it->second.owner;
}

Id
Model::DestOfRoute(Id r) const
{
    auto it = m_routes.find(r);
    return it == m_routes.end() ? 0 : it->second.dest;
}

RtmNetAddress
Model::PrefixOf(Id d) const
{
    return m_dests.at(d).prefix;
}

bool
Model::EnumOfList(Id e, Id& list) const
{
    auto it = m_enums.find(e);
    if (it == m_enums.end() || it->second.kind != EnumKind::List)
    {
        return false;
    }
    list = it->second.list;
    return true;
}

int
Model::EnumKindOf(Id e) const
{
    auto it = m_enums.find(e);
    if (it == m_enums.end())
    {
        return -1;
    }
    return static_cast<int>(it->second.kind);
}

bool
Model::HasSlot(Id client) const
{
    auto it = m_clients.find(client);
    return it != m_clients.end() && it->second.slot && it->second.registered;
}

size_t
Model::NumLiveRoutes() const
{
    size_t n = 0;
    for (const auto& [id, r] : m_routes)
    {
        n += r.live ? 1 : 0;
    }
    return n;
}

std::string
Model::Dump() const
{
    std::ostringstream os;
    os << "model t=" << m_now << "ms; last timers:\n";
    for (const auto& t : m_timerLog)
    {
        os << "  " << t << "\n";
    }
    for (const auto& [id, d] : m_dests)
    {
        os << " dest#" << id << " " << Str(d.prefix) << " armed=" << d.armed
           << " holdTime=" << d.holdTime << " last=" << d.lastChanged << "\n";
        for (const Route* r : LiveRoutes(id))
        {
            os << "   route#" << r->id << " owner#" << r->owner << " pref=" << r->pref
               << " metric=" << r->metric << " views=" << r->views << " flags=" << r->flags
               << " nbr#" << r->neighbour << " nhs=";
            for (Id n : r->nhs)
            {
                os << "#" << n << ",";
            }
            os << (r->ttlArmed ? " ttl@" + std::to_string(r->ttlDue) : std::string("")) << "\n";
        }
        for (const auto& [v, h] : d.holds)
        {
            os << "   held v" << v << " route#" << h.route
               << " end=" << (h.infinite ? std::string("inf") : std::to_string(h.end)) << "\n";
        }
    }
    for (const auto& [id, n] : m_notifies)
    {
        os << " notify#" << id << " owner#" << n.owner << " views=" << n.views
           << " flags=" << n.flags << " pending=";
        for (Id d : n.pending)
        {
            os << "#" << d << ",";
        }
        os << " marks=";
        for (Id d : n.marks)
        {
            os << "#" << d << ",";
        }
        os << "\n";
    }
    return os.str();
}

} // namespace rtmref
} // namespace ns3
