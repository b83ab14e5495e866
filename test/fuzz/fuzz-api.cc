/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: libFuzzer target for API sequences, checked against the reference model.
 *
 * The input is decoded (FuzzedDataProvider) into a sequence of RTM operations on two instances
 * (ids 0 and 1, interfaces 1..3 each), so four tables (two families each), by three clients
 * that register with any table they like: registrations and deregistrations, next hops (on
 * owned and foreign interfaces), routes (new, by handle, NEW/FIRST, by neighbour; next hops,
 * neighbours, lists, views, preferences, TTLs), hold-downs, destination and route queries, the
 * FIB lookup, destination / route / next-hop / list enumerations, notification registrations
 * and pulls, opaque pointers, interfaces going down, up, away and back (next hops unusable,
 * routes not eligible), time passing (TTL expiries, hold ends), and handles of every kind
 * that are not the table's own: stale (their object gone), forged (wrong generation or slot),
 * of the other instance or family, and calls through stale registration objects.
 *
 * Each table has its reference model (test/rtm-reference-model.*), fed the same operations;
 * every status, output handle (through a bijection with model ids, test/rtm-model-compare.h)
 * and record is compared, and after the last operation the whole content of every table
 * (destination and route enumerations) and the FIB on every pool address. Any disagreement
 * aborts with the operation log (a finding), as do crashes and sanitizer reports.
 *
 * Timers follow the scheme of the differential test, so that no two timers of one table are due
 * at the same time (their order is not decided): operations at times = 0 (mod 4) ms, TTLs due at
 * unique times = 1 (mod 4), hold times = 2 (mod 4).
 */
#include "../rtm-model-compare.h"
#include "../rtm-reference-model.h"

#include "ns3/rtm-instance.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-table.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fuzzer/FuzzedDataProvider.h>
#include <memory>

using namespace ns3;
using namespace ns3::rtmref;

namespace
{

constexpr uint32_t kClients = 3;
constexpr uint32_t kTables = 4;

/// One table (instance, family): the real side, its model and the handle maps.
struct Table
{
    Ptr<RtmInstance> inst;
    uint16_t family{RTM_AF_INET};
    Config cfg;
    std::unique_ptr<Model> model;
    HandleMaps h;
    Ptr<RtmRegistration> observer; //!< registered all along, owns nothing
    Id observerId{0};
    Ptr<RtmRegistration> reg[kClients];
    Id mid[kClients]{0, 0, 0};
    std::vector<Ptr<RtmRegistration>> dead; //!< deregistered registration objects
    std::vector<RtmNetAddress> prefixes;
    std::vector<RtmNetAddress> bad;
    std::vector<RtmNetAddress> nhAddrs;
    std::vector<RtmNetAddress> lookups;
    Id nextForeign{kForeignId};
};

RtmNetAddress
Addr(const std::string& s)
{
    RtmNetAddress a;
    RtmNetAddress::Parse(s, a);
    return a;
}

class ApiFuzzer
{
  public:
    ApiFuzzer(const uint8_t* data, size_t size)
        : m_in(data, size)
    {
    }

    ~ApiFuzzer()
    {
        for (auto& i : m_inst)
        {
            if (i)
            {
                i->Dispose();
            }
        }
    }

    void Run();

  private:
    // ------------------------------------------------------------ plumbing
    void Log(const std::string& s)
    {
        m_log.push_back("[t=" + std::to_string(m_now) + "] " + s);
        if (m_log.size() > 4000)
        {
            m_log.pop_front();
        }
    }

    void St(RtmStatus real, RtmStatus model, const std::string& what)
    {
        if (real != model)
        {
            throw ModelMismatch(what + ": status real " + RtmStatusName(real) + ", model " +
                                RtmStatusName(model));
        }
    }

    void Check(bool c, const std::string& what)
    {
        if (!c)
        {
            throw ModelMismatch(what);
        }
    }

    uint32_t U(uint32_t n)
    {
        return n == 0 ? 0 : m_in.ConsumeIntegralInRange<uint32_t>(0, n - 1);
    }

    bool P(uint32_t percent)
    {
        return U(100) < percent;
    }

    template <typename T>
    T Pick(const std::vector<T>& v)
    {
        return v.empty() ? T() : v[U(v.size())];
    }

    void SetUp();
    void MakePools(Table& t);
    void Flush();
    void Advance(int64_t dt);
    void FullCheck(Table& t);

    // ------------------------------------------------------------ picks
    /// A handle of another table, or a forged one of this table, bound to a foreign model id.
    template <typename Tag>
    Id Foreign(Table& t, HandleMap<Tag>& m, HandleMap<Tag> HandleMaps::*member);
    /// Mostly one of \p own or \p any, else a stale, foreign or forged handle of the kind.
    template <typename Tag>
    Id PickHandle(Table& t,
                  const std::vector<Id>& own,
                  const std::vector<Id>& any,
                  HandleMap<Tag> HandleMaps::*member);
    Id PickRoute(Table& t, Id mid);
    Id PickNextHop(Table& t, Id mid);
    Id PickDest(Table& t);
    Id PickList(Table& t, Id mid);
    Id PickEnum(Table& t, Id mid);
    Id PickNotify(Table& t, Id mid);
    uint32_t PickTtl(Table& t);
    uint32_t PickViews(Table& t);
    uint32_t PickProto();
    RouteIn MakeRouteIn(Table& t, Id mid);
    RtmRouteInfo RealRouteIn(Table& t, const RouteIn& in);

    // ------------------------------------------------------------ operations
    void OpRegister(Table& t, uint32_t c);
    void OpDeregister(Table& t, uint32_t c);
    void OpAddNextHop(Table& t, uint32_t c);
    void OpDeleteNextHop(Table& t, uint32_t c);
    void OpNextHopInfo(Table& t, uint32_t c);
    void OpAddRoute(Table& t, uint32_t c);
    void OpUpdateRoute(Table& t, uint32_t c);
    void OpDeleteRoute(Table& t, uint32_t c);
    void OpRouteInfo(Table& t, uint32_t c);
    void OpHold(Table& t, uint32_t c);
    void OpDestInfo(Table& t, uint32_t c);
    void OpPrefixQuery(Table& t, uint32_t c);
    void OpLookup(Table& t);
    void OpDestEnum(Table& t, uint32_t c);
    void OpRouteEnum(Table& t, uint32_t c);
    void OpNextHopEnum(Table& t, uint32_t c);
    void OpGetEnum(Table& t, uint32_t c);
    void OpNotify(Table& t, uint32_t c);
    void OpPull(Table& t, uint32_t c);
    void OpChangeStatus(Table& t, uint32_t c);
    void OpList(Table& t, uint32_t c);
    void OpOpaque(Table& t, uint32_t c);
    void OpStaleRegistration(Table& t);
    void OpInterface(Table& t);

    FuzzedDataProvider m_in;
    Table m_t[kTables];
    Ptr<RtmInstance> m_inst[2];
    int64_t m_now{0};
    std::deque<std::string> m_log;

  public:
    std::string Context() const
    {
        std::string s = "last operations:\n";
        for (const auto& l : m_log)
        {
            s += "  " + l + "\n";
        }
        return s;
    }
};

// ================================================================================ set-up

void
ApiFuzzer::MakePools(Table& t)
{
    std::vector<std::string> p;
    std::vector<std::string> nh;
    std::vector<std::string> bad;
    if (t.family == RTM_AF_INET)
    {
        p = {"0.0.0.0/0",
             "10.0.0.0/8",
             "10.1.0.0/16",
             "10.1.1.0/24",
             "10.1.1.0/25",
             "10.1.1.128/25",
             "10.1.1.1/32",
             "11.0.0.0/8",
             "192.168.1.0/24",
             "255.255.255.255/32"};
        nh = {"10.1.1.1", "10.1.1.2", "10.1.1.130", "192.168.1.1", "11.2.3.4", "0.0.0.0"};
        bad = {"10.1.1.1/24", "2001:db8::/32"};
    }
    else
    {
        p = {"::/0",
             "2001:db8::/32",
             "2001:db8:1::/48",
             "2001:db8:1::/64",
             "2001:db8:1::1/128",
             "fe80::/10",
             "fe80::1/128",
             "2001:db9::/32",
             "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"};
        nh = {"2001:db8:1::1", "2001:db8:1::2", "fe80::1", "fe80::2", "2001:db9::7", "::"};
        bad = {"2001:db8::1/32", "10.0.0.0/8"};
    }
    for (const auto& s : p)
    {
        t.prefixes.push_back(Addr(s));
    }
    for (const auto& s : nh)
    {
        t.nhAddrs.push_back(Addr(s));
    }
    for (const auto& s : bad)
    {
        t.bad.push_back(Addr(s));
    }
    RtmNetAddress a = t.prefixes[1];
    a.numBits = a.FamilyBits() + 1;
    t.bad.push_back(a);
    uint32_t w = t.prefixes[0].FamilyBits();
    for (const auto& q : t.prefixes)
    {
        RtmNetAddress x = q;
        x.numBits = w;
        t.lookups.push_back(x);
        for (uint32_t i = q.numBits; i < w; ++i)
        {
            x.addrBits[i / 8] |= uint8_t(0x80 >> (i % 8));
        }
        t.lookups.push_back(x);
    }
}

void
ApiFuzzer::SetUp()
{
    for (uint16_t i = 0; i < 2; ++i)
    {
        m_inst[i] = CreateObject<RtmInstance>();
        m_inst[i]->SetInstanceId(i);
        m_inst[i]->SetAttribute("MaxNextHopsInRoute", UintegerValue(3));
        m_inst[i]->SetAttribute("MaxHandlesInEnum", UintegerValue(3));
        m_inst[i]->SetAttribute("OpaqueSlots", UintegerValue(2));
        m_inst[i]->SetAttribute("MaxNotifyRegistrations", UintegerValue(4));
        for (uint32_t itf = 1; itf <= 3; ++itf)
        {
            m_inst[i]->AddInterface(RTM_AF_INET, itf);
            m_inst[i]->AddInterface(RTM_AF_INET6, itf);
        }
    }
    for (uint32_t k = 0; k < kTables; ++k)
    {
        Table& t = m_t[k];
        t.inst = m_inst[k / 2];
        t.family = k % 2 == 0 ? RTM_AF_INET : RTM_AF_INET6;
        t.cfg.family = t.family;
        t.cfg.maxNextHops = 3;
        t.cfg.maxHandles = 3;
        t.cfg.viewsSupported = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
        t.cfg.opaqueSlots = 2;
        t.cfg.maxNotify = 4;
        t.cfg.defaultPreference = 150;
        t.cfg.interfaces = {1, 2, 3};
        t.model = std::make_unique<Model>(t.cfg);
        MakePools(t);
        RtmEntityInfo info;
        info.rtmInstanceId = t.inst->GetInstanceId();
        info.addressFamily = t.family;
        info.entityId.entityProtocolId = 99;
        RtmRegnProfile prof;
        St(t.inst->RegisterEntity(info, {}, RtmEventCallback(), false, prof, t.observer),
           t.model->Register(99, 0, false, ExpiryMode::NoCallback, t.observerId),
           "observer registration");
        t.h.ent.Bind(t.observer->GetEntityHandle(), t.observerId, "observer");
    }
}

// ================================================================================ picks

template <typename Tag>
Id
ApiFuzzer::Foreign(Table& t, HandleMap<Tag>& m, HandleMap<Tag> HandleMaps::*member)
{
    // a real handle of another table (other instance or family), or a forged one of this table
    uint32_t k = U(kTables + 1);
    RtmHandle<Tag> h;
    if (k < kTables && &m_t[k] != &t)
    {
        const HandleMap<Tag>& other = m_t[k].h.*member;
        if (other.m2r.empty())
        {
            return 0;
        }
        auto it = other.m2r.begin();
        std::advance(it, U(other.m2r.size()));
        h = it->second;
    }
    else
    {
        if (m.m2r.empty())
        {
            return 0;
        }
        auto it = m.m2r.begin();
        std::advance(it, U(m.m2r.size()));
        h = it->second;
        // far from any generation or slot the table will reach within one input, so that the
        // forged handle never becomes a real one
        if (P(50))
        {
            h.gen += 0x40000000 + U(1000);
        }
        else
        {
            h.index += 0x100000 + U(1000);
        }
    }
    Id id = m.Model(h);
    if (id == Id(-1))
    {
        id = t.nextForeign++;
        m.Bind(h, id, "foreign handle");
    }
    return id;
}

template <typename Tag>
Id
ApiFuzzer::PickHandle(Table& t,
                      const std::vector<Id>& own,
                      const std::vector<Id>& any,
                      HandleMap<Tag> HandleMaps::*member)
{
    uint32_t r = U(10);
    if (r < 5 && !own.empty())
    {
        return Pick(own);
    }
    if (r < 7 && !any.empty())
    {
        return Pick(any);
    }
    if (r < 8)
    {
        return Pick((t.h.*member).ids); // maybe stale by now
    }
    return Foreign(t, t.h.*member, member);
}

Id
ApiFuzzer::PickRoute(Table& t, Id mid)
{
    return PickHandle(t,
                      mid ? t.model->LiveRoutesOf(mid) : std::vector<Id>(),
                      t.model->AllRoutes(),
                      &HandleMaps::rte);
}

Id
ApiFuzzer::PickNextHop(Table& t, Id mid)
{
    return PickHandle(t,
                      mid ? t.model->NextHopsOf(mid) : std::vector<Id>(),
                      t.model->AllNextHops(),
                      &HandleMaps::nh);
}

Id
ApiFuzzer::PickDest(Table& t)
{
    Id d = PickHandle(t, t.model->LiveDests(), {}, &HandleMaps::dst);
    if (d != 0 && t.h.dst.m2r.count(d) == 0)
    {
        // A live destination no answer has named yet (routes are added by prefix): its handle
        // is looked up by prefix, through the observer.
        RtmDestInfo info;
        if (t.observer->GetExactMatchDestination(t.model->PrefixOf(d),
                                                 RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_ALL,
                                                 info) != RtmStatus::Success)
        {
            return Foreign(t, t.h.dst, &HandleMaps::dst);
        }
        t.h.dst.Bind(info.destHandle, d, "destination looked up by prefix");
    }
    return d;
}

Id
ApiFuzzer::PickList(Table& t, Id mid)
{
    return PickHandle(t, t.model->ListsOf(mid), {}, &HandleMaps::lst);
}

Id
ApiFuzzer::PickEnum(Table& t, Id mid)
{
    return PickHandle(t, t.model->EnumsOf(mid), {}, &HandleMaps::enm);
}

Id
ApiFuzzer::PickNotify(Table& t, Id mid)
{
    return PickHandle(t, t.model->NotifiesOf(mid), {}, &HandleMaps::ntf);
}

uint32_t
ApiFuzzer::PickTtl(Table& t)
{
    uint32_t r = U(8);
    if (r < 5)
    {
        return RTM_INFINITE;
    }
    uint32_t ttl = r == 7 ? 0 : 1 + 4 * U(64);
    std::set<int64_t> dues = t.model->TtlDues();
    while (dues.count(m_now + int64_t(ttl)))
    {
        ttl += 4;
    }
    return ttl;
}

uint32_t
ApiFuzzer::PickViews(Table& t)
{
    static const uint32_t kViews[] = {RTM_VIEW_MASK_ANY,
                                      RTM_VIEW_MASK_UCAST,
                                      RTM_VIEW_MASK_MCAST,
                                      RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                      RTM_VIEW_MASK_ALL,
                                      0x4};
    return kViews[U(6)];
}

uint32_t
ApiFuzzer::PickProto()
{
    static const uint32_t kProtos[] = {RTM_BEST_PROTOCOL, RTM_THIS_PROTOCOL, 100, 101, 4242};
    return kProtos[U(5)];
}

RouteIn
ApiFuzzer::MakeRouteIn(Table& t, Id mid)
{
    static const uint16_t kFlags[] = {0,
                                      RTM_ROUTE_FLAGS_LOCAL,
                                      RTM_ROUTE_FLAGS_INACTIVE,
                                      RTM_ROUTE_FLAGS_BLACKHOLE,
                                      RTM_ROUTE_FLAGS_DISCARD,
                                      RTM_ROUTE_FLAGS_MCAST};
    RouteIn in;
    in.neighbour = P(60) ? 0 : PickNextHop(t, mid);
    in.flags1 = uint8_t(U(3));
    in.flags = kFlags[U(6)];
    in.metric = U(5);
    in.pref = P(40) ? 0 : 100 + U(3);
    static const uint32_t kViews[] = {RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                      RTM_VIEW_MASK_UCAST,
                                      RTM_VIEW_MASK_MCAST,
                                      0,
                                      0x4};
    in.views = kViews[U(P(90) ? 3 : 5)];
    in.esi = U(3);
    uint32_t n = U(t.cfg.maxNextHops + 2);
    std::set<Id> seen;
    for (uint32_t i = 0; i < n; ++i)
    {
        Id x = PickNextHop(t, mid);
        if (x != 0 && (seen.insert(x).second || P(10)))
        {
            in.nextHops.push_back(x);
        }
    }
    return in;
}

RtmRouteInfo
ApiFuzzer::RealRouteIn(Table& t, const RouteIn& in)
{
    RtmRouteInfo r;
    r.neighbour = t.h.nh.Real(in.neighbour);
    r.flags1 = in.flags1;
    r.flags = in.flags;
    r.prefInfo.metric = in.metric;
    r.prefInfo.preference = in.pref;
    r.belongsToViews = in.views;
    r.entitySpecificInfo = in.esi;
    for (Id n : in.nextHops)
    {
        r.nextHops.push_back(t.h.nh.Real(n));
    }
    r.state = uint8_t(U(3)); // ignored by RTM
    return r;
}

// ================================================================================ time

void
ApiFuzzer::Flush()
{
    for (int i = 0; i < 2; ++i)
    {
        Simulator::Stop(Seconds(0));
        Simulator::Run();
    }
    for (auto& t : m_t)
    {
        t.model->AdvanceTo(m_now);
        t.model->TakeExpiries();
        t.model->TakeEntityEvents();
        t.model->TakeSignalCounts();
        Check(!t.model->TakeTieFlag(), "driver: two timers of one table were due together");
    }
}

void
ApiFuzzer::Advance(int64_t dt)
{
    Log("advance " + std::to_string(dt) + "ms");
    if (dt > 0)
    {
        Simulator::Stop(MilliSeconds(dt));
        Simulator::Run();
    }
    m_now += dt;
    Check(Simulator::Now() == MilliSeconds(m_now), "simulator time");
    Flush();
}

// ================================================================================ operations

void
ApiFuzzer::OpRegister(Table& t, uint32_t c)
{
    RtmEntityInfo info;
    info.rtmInstanceId = P(95) ? t.inst->GetInstanceId() : 7;
    info.addressFamily = t.family;
    info.entityId.entityProtocolId = 100 + c;
    info.entityId.entityInstanceId = 1;
    bool slot = c == 0;
    RtmRegnProfile prof;
    Ptr<RtmRegistration> reg;
    RtmStatus rs = t.inst->RegisterEntity(info, {}, RtmEventCallback(), slot, prof, reg);
    Id mid = 0;
    RtmStatus ms = info.rtmInstanceId == t.inst->GetInstanceId()
                       ? t.model->Register(100 + c, 1, slot, ExpiryMode::NoCallback, mid)
                       : RtmStatus::InvalidParameter;
    Log("register c" + std::to_string(c) + " -> " + RtmStatusName(ms));
    St(rs, ms, "RegisterEntity");
    if (rs == RtmStatus::Success)
    {
        t.reg[c] = reg;
        t.mid[c] = mid;
        t.h.ent.Bind(reg->GetEntityHandle(), mid, "entity handle");
        Check(prof.maxHandlesInEnum == t.cfg.maxHandles &&
                  prof.maxNextHopsInRoute == t.cfg.maxNextHops,
              "registration profile");
    }
}

void
ApiFuzzer::OpDeregister(Table& t, uint32_t c)
{
    if (!t.reg[c])
    {
        return;
    }
    Flush();
    Id mid = t.mid[c];
    auto amb = t.model->DeregAmbiguities(mid);
    for (const auto& a : amb)
    {
        // The destination's handle may not have been seen yet (routes are added by prefix and
        // their handles do not name it): looked up by prefix while the routes are live.
        if (t.h.dst.m2r.count(a.dest) == 0)
        {
            RtmDestInfo ro;
            St(t.observer->GetExactMatchDestination(t.model->PrefixOf(a.dest),
                                                    RTM_BEST_PROTOCOL,
                                                    RTM_VIEW_MASK_ALL,
                                                    ro),
               RtmStatus::Success,
               "GetExactMatchDestination before Deregister");
            t.h.dst.Bind(ro.destHandle, a.dest, "destination before Deregister");
        }
    }
    Log("deregister c" + std::to_string(c));
    RtmStatus rs = t.reg[c]->Deregister();
    std::map<std::pair<Id, int32_t>, Id> chosen;
    for (const auto& a : amb)
    {
        RtmDestInfo ro;
        St(t.observer->GetDestInfo(t.h.dst.Real(a.dest), 0, RTM_VIEW_MASK_ALL, ro),
           RtmStatus::Success,
           "GetDestInfo after Deregister");
        for (const auto& vi : ro.viewInfo)
        {
            if (vi.viewId == a.view)
            {
                chosen[{a.dest, a.view}] = t.h.rte.Model(vi.holdRoute);
            }
        }
    }
    bool consistent = true;
    St(rs, t.model->Deregister(mid, chosen, consistent), "Deregister");
    Check(consistent, "Deregister: held routes match no deletion order");
    // The stale object tells nothing about the slot's next owner.
    Check(t.reg[c]->GetEntityHandle().IsNull() && !t.reg[c]->IsRegistered(),
          "a deregistered registration still answers with an entity");
    t.dead.push_back(t.reg[c]);
    t.reg[c] = nullptr;
    t.mid[c] = 0;
    Flush();
}

void
ApiFuzzer::OpAddNextHop(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    RtmNetAddress a = P(95) ? Pick(t.nhAddrs) : Pick(t.bad);
    uint32_t ifIndex = U(5); // 4: not the instance's
    uint16_t flags = uint16_t(U(2) ? RTM_NEXTHOP_FLAGS_REMOTE : 0);
    if (flags)
    {
        ifIndex = 0;
    }
    uint64_t esi = U(3);
    Id handle = P(75) ? 0 : PickNextHop(t, mid);
    RtmNextHopInfo info;
    info.nextHopAddress = a;
    info.interfaceIndex = ifIndex;
    info.flags = flags;
    info.entitySpecificInfo = esi;
    if (handle != 0 && P(50) && t.model->NextHopAlive(handle))
    {
        // an update through the handle keeps the identity
        NextHopOut cur;
        if (t.model->GetNextHopInfo(mid, handle, cur) == RtmStatus::Success)
        {
            info.nextHopAddress = cur.addr;
            info.interfaceIndex = cur.ifIndex;
            a = cur.addr;
            ifIndex = cur.ifIndex;
        }
    }
    RtmNextHopHandle rh = t.h.nh.Real(handle);
    uint32_t rcf = 0;
    RtmStatus rs = t.reg[c]->AddNextHop(info, rh, rcf);
    Id mh = handle;
    uint32_t mcf = 0;
    RtmStatus ms = t.model->AddNextHop(mid, a, ifIndex, flags, esi, mh, mcf);
    Log("AddNextHop c" + std::to_string(c) + " " + Model::Str(a) + "%" + std::to_string(ifIndex) +
        " h#" + std::to_string(handle) + " -> " + RtmStatusName(ms));
    St(rs, ms, "AddNextHop");
    if (ms == RtmStatus::Success)
    {
        t.h.nh.Bind(rh, mh, "AddNextHop handle");
        Check(rcf == mcf, "AddNextHop change flags");
    }
}

void
ApiFuzzer::OpDeleteNextHop(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    bool byInfo = P(30);
    Id handle = byInfo ? 0 : PickNextHop(t, mid);
    RtmNextHopInfo info;
    info.nextHopAddress = Pick(t.nhAddrs);
    info.interfaceIndex = U(4);
    RtmStatus rs = t.reg[c]->DeleteNextHop(t.h.nh.Real(handle), byInfo ? &info : nullptr);
    RtmStatus ms =
        t.model->DeleteNextHop(mid, handle, byInfo, info.nextHopAddress, info.interfaceIndex);
    Log("DeleteNextHop c" + std::to_string(c) + " #" + std::to_string(handle) + " -> " +
        RtmStatusName(ms));
    St(rs, ms, "DeleteNextHop");
}

void
ApiFuzzer::OpNextHopInfo(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id handle = PickNextHop(t, mid);
    RtmNextHopInfo ri;
    NextHopOut mo;
    RtmStatus rs = t.reg[c]->GetNextHopInfo(t.h.nh.Real(handle), ri);
    RtmStatus ms = t.model->GetNextHopInfo(mid, handle, mo);
    St(rs, ms, "GetNextHopInfo #" + std::to_string(handle));
    if (ms == RtmStatus::Success)
    {
        t.h.NextHop(ri, mo, "GetNextHopInfo");
    }
    // FindNextHop by identity
    RtmNextHopInfo q;
    q.nextHopAddress = Pick(t.nhAddrs);
    q.interfaceIndex = U(4);
    RtmNextHopHandle rh;
    Id mh = 0;
    rs = t.reg[c]->FindNextHop(q, rh);
    ms = t.model->FindNextHop(mid, q.nextHopAddress, q.interfaceIndex, mh);
    St(rs, ms, "FindNextHop");
    if (ms == RtmStatus::Success)
    {
        t.h.nh.Bind(rh, mh, "FindNextHop");
    }
}

void
ApiFuzzer::OpAddRoute(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    RtmNetAddress dest = P(95) ? Pick(t.prefixes) : Pick(t.bad);
    RouteIn in = MakeRouteIn(t, mid);
    uint32_t ttl = PickTtl(t);
    static const uint32_t kFlags[] = {0,
                                      RTM_ROUTE_CHANGE_NEW,
                                      RTM_ROUTE_CHANGE_FIRST,
                                      RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_FIRST};
    uint32_t flags = kFlags[U(P(95) ? 3 : 4)];
    Id route = 0;
    if (P(25))
    {
        route = PickRoute(t, mid);
        if (route != 0 && t.model->RouteAlive(route) && P(80))
        {
            dest = t.model->PrefixOf(t.model->DestOfRoute(route));
        }
    }
    Id list = P(80) ? 0 : PickList(t, mid);
    RtmRouteHandle rr = t.h.rte.Real(route);
    uint32_t rcf = flags;
    RtmStatus rs =
        t.reg[c]->AddRouteToDest(rr, dest, RealRouteIn(t, in), ttl, t.h.lst.Real(list), rcf);
    Id mr = route;
    uint32_t mcf = flags;
    RtmStatus ms = t.model->AddRoute(mid, mr, dest, in, ttl, list, mcf);
    Log("AddRoute c" + std::to_string(c) + " " + Model::Str(dest) + " route #" +
        std::to_string(route) + " flags " + std::to_string(flags) + " #nh " +
        std::to_string(in.nextHops.size()) + " list #" + std::to_string(list) + " ttl " +
        std::to_string(ttl) + " -> " + RtmStatusName(ms));
    St(rs, ms, "AddRouteToDest");
    if (ms == RtmStatus::Success)
    {
        t.h.rte.Bind(rr, mr, "AddRouteToDest handle");
        Check(rcf == mcf,
              "AddRouteToDest change flags real " + std::to_string(rcf) + " model " +
                  std::to_string(mcf));
    }
}

void
ApiFuzzer::OpUpdateRoute(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id route = PickRoute(t, mid);
    RouteIn in = MakeRouteIn(t, mid);
    uint32_t ttl = PickTtl(t);
    Id list = P(80) ? 0 : PickList(t, mid);
    uint32_t rcf = 0;
    RtmStatus rs = t.reg[c]->UpdateRoute(t.h.rte.Real(route),
                                         RealRouteIn(t, in),
                                         ttl,
                                         t.h.lst.Real(list),
                                         rcf);
    uint32_t mcf = 0;
    RtmStatus ms = t.model->UpdateRoute(mid, route, in, ttl, list, mcf);
    Log("UpdateRoute c" + std::to_string(c) + " #" + std::to_string(route) + " -> " +
        RtmStatusName(ms));
    St(rs, ms, "UpdateRoute");
    if (ms == RtmStatus::Success)
    {
        Check(rcf == mcf, "UpdateRoute change flags");
    }
}

void
ApiFuzzer::OpDeleteRoute(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id route = PickRoute(t, mid);
    uint32_t rcf = 0;
    uint32_t mcf = 0;
    RtmStatus rs = t.reg[c]->DeleteRouteToDest(t.h.rte.Real(route), rcf);
    RtmStatus ms = t.model->DeleteRoute(mid, route, mcf);
    Log("DeleteRoute c" + std::to_string(c) + " #" + std::to_string(route) + " -> " +
        RtmStatusName(ms));
    St(rs, ms, "DeleteRouteToDest");
    if (ms == RtmStatus::Success)
    {
        Check(rcf == mcf, "DeleteRouteToDest change flags");
    }
}

void
ApiFuzzer::OpRouteInfo(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id route = PickRoute(t, mid);
    RtmRouteInfo ri;
    RtmNetAddress ra;
    RouteOut mo;
    RtmNetAddress ma;
    RtmStatus rs = t.reg[c]->GetRouteInfo(t.h.rte.Real(route), &ri, &ra);
    RtmStatus ms = t.model->GetRouteInfo(mid, route, mo, ma);
    St(rs, ms, "GetRouteInfo #" + std::to_string(route));
    if (ms == RtmStatus::Success)
    {
        t.h.Route(ri, mo, "GetRouteInfo");
        Check(ra == ma, "GetRouteInfo destination address");
    }
    RtmViewSet rv = 0;
    uint32_t mv = 0;
    rs = t.reg[c]->IsBestRoute(t.h.rte.Real(route), rv);
    ms = t.model->IsBestRoute(mid, route, mv);
    St(rs, ms, "IsBestRoute");
    Check(ms != RtmStatus::Success || rv == mv, "IsBestRoute views");
}

void
ApiFuzzer::OpHold(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id dest = PickDest(t);
    uint32_t views = PickViews(t);
    uint32_t hold = P(95) ? 2 + 4 * U(100) : 0;
    RtmStatus rs = t.reg[c]->HoldDestination(t.h.dst.Real(dest), views, hold);
    RtmStatus ms = t.model->HoldDestination(mid, dest, views, hold);
    Log("Hold c" + std::to_string(c) + " dest #" + std::to_string(dest) + " " +
        std::to_string(hold) + "ms -> " + RtmStatusName(ms));
    St(rs, ms, "HoldDestination");
}

void
ApiFuzzer::OpDestInfo(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id dest = PickDest(t);
    uint32_t proto = PickProto();
    uint32_t views = PickViews(t);
    RtmDestInfo ri;
    DestOut mo;
    RtmStatus rs = t.reg[c]->GetDestInfo(t.h.dst.Real(dest), proto, views, ri);
    RtmStatus ms = t.model->GetDestInfo(mid, dest, proto, views, mo);
    St(rs, ms, "GetDestInfo #" + std::to_string(dest));
    if (ms == RtmStatus::Success)
    {
        t.h.Dest(ri, mo, "GetDestInfo");
    }
    rs = t.reg[c]->GetLessSpecificDestination(t.h.dst.Real(dest), proto, views, ri);
    ms = t.model->GetLessSpecificDestination(mid, dest, proto, views, mo);
    St(rs, ms, "GetLessSpecificDestination #" + std::to_string(dest));
    if (ms == RtmStatus::Success)
    {
        t.h.Dest(ri, mo, "GetLessSpecificDestination");
    }
}

void
ApiFuzzer::OpPrefixQuery(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    uint32_t proto = PickProto();
    uint32_t views = PickViews(t);
    RtmNetAddress a = P(90) ? Pick(t.prefixes) : Pick(t.bad);
    RtmDestInfo ri;
    DestOut mo;
    RtmStatus rs = t.reg[c]->GetExactMatchDestination(a, proto, views, ri);
    RtmStatus ms = t.model->GetExactMatchDestination(mid, a, proto, views, mo);
    St(rs, ms, "GetExactMatchDestination " + Model::Str(a));
    if (ms == RtmStatus::Success)
    {
        t.h.Dest(ri, mo, "GetExactMatchDestination");
    }
    RtmNetAddress host = P(80) ? Pick(t.lookups) : a;
    rs = t.reg[c]->GetMostSpecificDestination(host, proto, views, ri);
    ms = t.model->GetMostSpecificDestination(mid, host, proto, views, mo);
    St(rs, ms, "GetMostSpecificDestination " + Model::Str(host));
    if (ms == RtmStatus::Success)
    {
        t.h.Dest(ri, mo, "GetMostSpecificDestination");
    }
    // exact-match route by owner / neighbour / next hop / preference
    Criteria crit;
    uint32_t match = U(32) & (RTM_MATCH_OWNER | RTM_MATCH_NEIGHBOUR | RTM_MATCH_PREF |
                              RTM_MATCH_NEXTHOP | RTM_MATCH_INTERFACE);
    crit.owner = Pick(t.model->RegisteredClients());
    crit.neighbour = P(50) ? 0 : PickNextHop(t, mid);
    crit.pref = 100 + U(3);
    crit.metric = U(5);
    if (P(50))
    {
        Id n = PickNextHop(t, mid);
        if (n != 0)
        {
            crit.nextHops.push_back(n);
        }
    }
    uint32_t ifIndex = U(4);
    RtmRouteInfo rc;
    rc.routeOwner = t.h.ent.Real(crit.owner);
    rc.neighbour = t.h.nh.Real(crit.neighbour);
    rc.prefInfo.preference = crit.pref;
    rc.prefInfo.metric = crit.metric;
    for (Id n : crit.nextHops)
    {
        rc.nextHops.push_back(t.h.nh.Real(n));
    }
    RtmRouteHandle rr;
    Id mr = 0;
    RouteOut mro;
    rs = t.reg[c]->GetExactMatchRoute(a, match, rc, ifIndex, views, &rr);
    ms = t.model->GetExactMatchRoute(mid, a, match, crit, ifIndex, views, mr, mro);
    St(rs, ms, "GetExactMatchRoute " + Model::Str(a) + " match " + std::to_string(match));
    if (ms == RtmStatus::Success)
    {
        t.h.rte.Bind(rr, mr, "GetExactMatchRoute");
        t.h.Route(rc, mro, "GetExactMatchRoute");
    }
}

void
ApiFuzzer::OpLookup(Table& t)
{
    RtmNetAddress a = Pick(t.lookups);
    int32_t view = P(80) ? RTM_VIEW_ID_UCAST : RTM_VIEW_ID_MCAST;
    RtmDestInfo ri;
    DestOut mo;
    RtmStatus rs = t.inst->Lookup(a, view, ri);
    RtmStatus ms = t.model->Lookup(a, view, mo);
    St(rs, ms, "Lookup " + Model::Str(a));
    if (ms == RtmStatus::Success)
    {
        t.h.Dest(ri, mo, "Lookup " + Model::Str(a));
    }
}

void
ApiFuzzer::OpDestEnum(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    uint32_t views = PickViews(t);
    static const uint32_t kFlags[] = {RTM_ENUM_START,
                                      RTM_ENUM_NEXT,
                                      RTM_ENUM_RANGE,
                                      RTM_ENUM_START | RTM_ENUM_OWN_DESTS,
                                      RTM_ENUM_RANGE | RTM_ENUM_OWN_DESTS,
                                      0x4000};
    uint32_t flags = kFlags[U(6)];
    RtmNetAddress a = P(90) ? Pick(t.prefixes) : Pick(t.bad);
    uint32_t proto = PickProto();
    RtmEnumHandle rh;
    Id mh = 0;
    RtmStatus rs = t.reg[c]->CreateDestEnum(views, flags, &a, proto, rh);
    RtmStatus ms = t.model->CreateDestEnum(mid, views, flags, &a, proto, mh);
    Log("CreateDestEnum c" + std::to_string(c) + " views " + std::to_string(views) + " flags " +
        std::to_string(flags) + " " + Model::Str(a) + " proto " + std::to_string(proto) + " -> " +
        RtmStatusName(ms) + " #" + std::to_string(mh));
    St(rs, ms, "CreateDestEnum");
    if (ms == RtmStatus::Success)
    {
        t.h.enm.Bind(rh, mh, "CreateDestEnum");
    }
}

void
ApiFuzzer::OpRouteEnum(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id dest = P(50) ? 0 : PickDest(t);
    uint32_t views = PickViews(t);
    static const uint32_t kFlags[] = {RTM_ENUM_START,
                                      RTM_ENUM_NEXT,
                                      RTM_ENUM_RANGE,
                                      RTM_ENUM_START | RTM_ENUM_OWN_ROUTES};
    uint32_t flags = kFlags[U(4)];
    RtmNetAddress a = Pick(t.prefixes);
    uint32_t match = P(60) ? RTM_MATCH_NONE
                           : (U(32) & (RTM_MATCH_OWNER | RTM_MATCH_NEIGHBOUR | RTM_MATCH_PREF |
                                       RTM_MATCH_NEXTHOP | RTM_MATCH_INTERFACE));
    Criteria crit;
    crit.owner = Pick(t.model->RegisteredClients());
    crit.pref = 100 + U(3);
    RtmRouteInfo rc;
    rc.routeOwner = t.h.ent.Real(crit.owner);
    rc.prefInfo.preference = crit.pref;
    uint32_t ifIndex = U(4);
    RtmEnumHandle rh;
    Id mh = 0;
    RtmStatus rs =
        t.reg[c]->CreateRouteEnum(t.h.dst.Real(dest), views, flags, &a, match, &rc, ifIndex, rh);
    RtmStatus ms = t.model->CreateRouteEnum(mid, dest, views, flags, &a, match, &crit, ifIndex, mh);
    St(rs, ms, "CreateRouteEnum");
    if (ms == RtmStatus::Success)
    {
        t.h.enm.Bind(rh, mh, "CreateRouteEnum");
    }
}

void
ApiFuzzer::OpNextHopEnum(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    static const uint32_t kFlags[] = {RTM_ENUM_START, RTM_ENUM_NEXT, RTM_ENUM_RANGE};
    uint32_t flags = kFlags[U(3)];
    RtmNetAddress a = P(50) ? Pick(t.nhAddrs) : Pick(t.prefixes);
    RtmEnumHandle rh;
    Id mh = 0;
    RtmStatus rs = t.reg[c]->CreateNextHopEnum(flags, &a, rh);
    RtmStatus ms = t.model->CreateNextHopEnum(mid, flags, &a, mh);
    St(rs, ms, "CreateNextHopEnum");
    if (ms == RtmStatus::Success)
    {
        t.h.enm.Bind(rh, mh, "CreateNextHopEnum");
    }
}

void
ApiFuzzer::OpGetEnum(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id e = PickEnum(t, mid);
    uint32_t num = U(t.cfg.maxHandles + 2); // 0 and one too many are InvalidParameter
    RtmEnumHandle rh = t.h.enm.Real(e);
    if (P(15))
    {
        RtmStatus rs = t.reg[c]->DeleteEnumHandle(rh);
        St(rs, t.model->DeleteEnum(mid, e), "DeleteEnumHandle");
        return;
    }
    int kind = t.model->EnumKindOf(e);
    std::string what = "GetEnum kind " + std::to_string(kind) + " #" + std::to_string(e);
    if (kind == 0 || (kind < 0 && P(25)))
    {
        uint32_t rn = num;
        uint32_t mn = num;
        std::vector<RtmDestInfo> ro;
        std::vector<DestOut> mo;
        RtmStatus rs = t.reg[c]->GetEnumDests(rh, rn, ro);
        RtmStatus ms = t.model->GetEnumDests(mid, e, mn, mo);
        Log(what + " c" + std::to_string(c) + " num " + std::to_string(num) + " -> " +
            RtmStatusName(ms) + " " + std::to_string(mn));
        St(rs, ms, what);
        Check(rn == mn, what + " count");
        for (uint32_t i = 0; i < mn && i < mo.size() && i < ro.size(); ++i)
        {
            t.h.Dest(ro[i], mo[i], what);
        }
    }
    else if (kind == 1 || kind == 3 || (kind < 0 && P(33)))
    {
        uint32_t rn = num;
        uint32_t mn = num;
        std::vector<RtmRouteHandle> ro;
        std::vector<Id> mo;
        RtmStatus rs = kind == 3 ? t.reg[c]->GetListEnumRoutes(rh, rn, ro)
                                 : t.reg[c]->GetEnumRoutes(rh, rn, ro);
        RtmStatus ms = kind == 3 ? t.model->GetListEnumRoutes(mid, e, mn, mo)
                                 : t.model->GetEnumRoutes(mid, e, mn, mo);
        St(rs, ms, what);
        Check(rn == mn, what + " count");
        for (uint32_t i = 0; i < mn && i < mo.size() && i < ro.size(); ++i)
        {
            t.h.rte.Bind(ro[i], mo[i], what);
        }
    }
    else
    {
        uint32_t rn = num;
        uint32_t mn = num;
        std::vector<RtmNextHopHandle> ro;
        std::vector<Id> mo;
        RtmStatus rs = t.reg[c]->GetEnumNextHops(rh, rn, ro);
        RtmStatus ms = t.model->GetEnumNextHops(mid, e, mn, mo);
        St(rs, ms, what);
        Check(rn == mn, what + " count");
        for (uint32_t i = 0; i < mn && i < mo.size() && i < ro.size(); ++i)
        {
            t.h.nh.Bind(ro[i], mo[i], what);
        }
    }
}

void
ApiFuzzer::OpNotify(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    if (P(30))
    {
        Id n = PickNotify(t, mid);
        RtmStatus rs = t.reg[c]->DeregisterFromChangeNotification(t.h.ntf.Real(n));
        St(rs, t.model->DeregisterNotify(mid, n), "DeregisterFromChangeNotification");
        return;
    }
    uint32_t views = PickViews(t);
    static const uint32_t kFlags[] = {RTM_CHANGE_TYPE_ALL,
                                      RTM_CHANGE_TYPE_BEST,
                                      RTM_CHANGE_TYPE_FORWARDING,
                                      RTM_CHANGE_TYPE_BEST | RTM_NOTIFY_ONLY_MARKED_DESTS,
                                      0};
    uint32_t flags = kFlags[U(5)];
    uint64_t ctx = U(1000);
    RtmNotifyHandle rh;
    Id mh = 0;
    RtmStatus rs = t.reg[c]->RegisterForChangeNotification(views, flags, ctx, rh);
    RtmStatus ms = t.model->RegisterNotify(mid, views, flags, ctx, mh);
    Log("RegisterNotify c" + std::to_string(c) + " -> " + RtmStatusName(ms));
    St(rs, ms, "RegisterForChangeNotification");
    if (ms == RtmStatus::Success)
    {
        t.h.ntf.Bind(rh, mh, "RegisterForChangeNotification");
    }
}

void
ApiFuzzer::OpPull(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id n = PickNotify(t, mid);
    uint32_t num = U(t.cfg.maxHandles + 2);
    uint32_t rn = num;
    std::vector<RtmDestInfo> ro;
    RtmStatus rs = t.reg[c]->GetChangedDests(t.h.ntf.Real(n), rn, ro);
    // The model returns the records of the destinations RTM chose (the order inside a batch and
    // which pending destinations a short batch holds are not decided); each must be pending.
    std::vector<Id> chosen;
    if (rs == RtmStatus::Success || rs == RtmStatus::NoMoreItems)
    {
        std::set<Id> pending;
        t.model->PendingOf(mid, n, num, pending);
        for (uint32_t i = 0; i < rn && i < ro.size(); ++i)
        {
            Id d = t.h.dst.Model(ro[i].destHandle);
            if (d == Id(-1))
            {
                // a destination no answer has named yet: the pending one of that prefix
                for (Id p : pending)
                {
                    if (t.h.dst.m2r.count(p) == 0 && t.model->PrefixOf(p) == ro[i].destAddress)
                    {
                        t.h.dst.Bind(ro[i].destHandle, p, "GetChangedDests destination");
                        d = p;
                    }
                }
                Check(d != Id(-1), "GetChangedDests returned a destination that is not pending");
            }
            Check(pending.count(d) != 0,
                  "GetChangedDests returned #" + std::to_string(d) + ", not pending");
            chosen.push_back(d);
        }
    }
    std::vector<DestOut> mo;
    RtmStatus ms = t.model->GetChangedDests(mid, n, num, chosen, mo);
    Log("GetChangedDests c" + std::to_string(c) + " #" + std::to_string(n) + " num " +
        std::to_string(num) + " -> " + RtmStatusName(ms) + " " + std::to_string(chosen.size()));
    St(rs, ms, "GetChangedDests");
    if (ms == RtmStatus::Success || ms == RtmStatus::NoMoreItems)
    {
        Check(mo.size() == chosen.size(), "GetChangedDests count");
        for (size_t i = 0; i < mo.size(); ++i)
        {
            t.h.Dest(ro[i], mo[i], "GetChangedDests");
        }
    }
}

void
ApiFuzzer::OpChangeStatus(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id n = PickNotify(t, mid);
    Id d = PickDest(t);
    RtmNotifyHandle rn = t.h.ntf.Real(n);
    RtmDestHandle rd = t.h.dst.Real(d);
    switch (U(4))
    {
    case 0: {
        bool rp = false;
        bool mp = false;
        RtmStatus rs = t.reg[c]->GetChangeStatus(rn, rd, rp);
        RtmStatus ms = t.model->GetChangeStatus(mid, n, d, mp);
        St(rs, ms, "GetChangeStatus");
        Check(ms != RtmStatus::Success || rp == mp, "GetChangeStatus pending");
        break;
    }
    case 1: {
        RtmStatus rs = t.reg[c]->IgnoreChangedDests(rn, {rd});
        St(rs, t.model->IgnoreChangedDests(mid, n, {d}), "IgnoreChangedDests");
        break;
    }
    case 2: {
        bool mark = P(60);
        RtmStatus rs = t.reg[c]->MarkDestForChangeNotification(rn, rd, mark);
        St(rs, t.model->MarkDest(mid, n, d, mark), "MarkDestForChangeNotification");
        break;
    }
    default: {
        bool rm = false;
        bool mm = false;
        RtmStatus rs = t.reg[c]->IsMarkedForChangeNotification(rn, rd, rm);
        RtmStatus ms = t.model->IsMarked(mid, n, d, mm);
        St(rs, ms, "IsMarkedForChangeNotification");
        Check(ms != RtmStatus::Success || rm == mm, "IsMarkedForChangeNotification marked");
    }
    }
}

void
ApiFuzzer::OpList(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    switch (U(4))
    {
    case 0: {
        RtmRouteListHandle rl;
        Id ml = 0;
        RtmStatus rs = t.reg[c]->CreateRouteList(rl);
        RtmStatus ms = t.model->CreateRouteList(mid, ml);
        St(rs, ms, "CreateRouteList");
        if (ms == RtmStatus::Success)
        {
            t.h.lst.Bind(rl, ml, "CreateRouteList");
        }
        break;
    }
    case 1: {
        Id l = P(85) ? PickList(t, mid) : 0;
        std::vector<Id> routes;
        std::vector<RtmRouteHandle> rr;
        for (uint32_t i = 0, n = U(4); i < n; ++i)
        {
            Id r = PickRoute(t, mid);
            routes.push_back(r);
            rr.push_back(t.h.rte.Real(r));
        }
        RtmStatus rs = t.reg[c]->InsertInRouteList(t.h.lst.Real(l), rr);
        St(rs, t.model->InsertInRouteList(mid, l, routes), "InsertInRouteList");
        break;
    }
    case 2: {
        Id l = PickList(t, mid);
        RtmEnumHandle rh;
        Id mh = 0;
        RtmStatus rs = t.reg[c]->CreateRouteListEnum(t.h.lst.Real(l), rh);
        RtmStatus ms = t.model->CreateListEnum(mid, l, mh);
        St(rs, ms, "CreateRouteListEnum");
        if (ms == RtmStatus::Success)
        {
            t.h.enm.Bind(rh, mh, "CreateRouteListEnum");
        }
        break;
    }
    default: {
        Id l = PickList(t, mid);
        RtmStatus rs = t.reg[c]->DeleteRouteList(t.h.lst.Real(l));
        St(rs, t.model->DeleteRouteList(mid, l), "DeleteRouteList");
    }
    }
}

void
ApiFuzzer::OpOpaque(Table& t, uint32_t c)
{
    Id mid = t.mid[c];
    if (!t.reg[c])
    {
        return;
    }
    Id d = PickDest(t);
    if (P(50))
    {
        uint64_t v = U(3);
        RtmStatus rs = t.reg[c]->SetOpaquePointer(t.h.dst.Real(d), v);
        St(rs, t.model->SetOpaque(mid, d, v), "SetOpaquePointer");
    }
    else
    {
        uint64_t rv = 0;
        uint64_t mv = 0;
        RtmStatus rs = t.reg[c]->GetOpaquePointer(t.h.dst.Real(d), rv);
        RtmStatus ms = t.model->GetOpaque(mid, d, mv);
        St(rs, ms, "GetOpaquePointer");
        Check(ms != RtmStatus::Success || rv == mv, "GetOpaquePointer value");
    }
}

void
ApiFuzzer::OpInterface(Table& t)
{
    // The table's instance changes an interface of the table's family: 1..3 owned at first, 4
    // not; up or down (owned or not), removed, added.
    uint32_t itf = 1 + U(4);
    uint32_t k = U(10);
    const Config& cfg = t.model->GetConfig();
    if (k < 6)
    {
        bool up = cfg.down.count(itf) ? P(70) : P(30);
        Log("interface " + std::to_string(itf) + (up ? " up" : " down"));
        t.inst->SetInterfaceState(t.family, itf, up);
        t.model->SetInterfaceState(itf, up);
    }
    else if (cfg.interfaces.count(itf))
    {
        Log("interface " + std::to_string(itf) + " removed");
        t.inst->RemoveInterface(t.family, itf);
        t.model->RemoveInterface(itf);
    }
    else
    {
        Log("interface " + std::to_string(itf) + " added");
        t.inst->AddInterface(t.family, itf);
        t.model->AddInterface(itf);
    }
}

void
ApiFuzzer::OpStaleRegistration(Table& t)
{
    if (t.dead.empty())
    {
        return;
    }
    // A stale registration object: every call refused, even with valid handles of the table.
    Ptr<RtmRegistration> r = Pick(t.dead);
    Id route = Pick(t.model->AllRoutes());
    uint32_t cf = 0;
    St(r->DeleteRouteToDest(t.h.rte.Real(route), cf),
       RtmStatus::InvalidHandle,
       "DeleteRouteToDest through a stale registration");
    RtmRouteHandle rr;
    St(r->AddRouteToDest(rr, Pick(t.prefixes), RtmRouteInfo(), RTM_INFINITE, {}, cf),
       RtmStatus::InvalidHandle,
       "AddRouteToDest through a stale registration");
    Check(r->GetEntityHandle().IsNull() && r->GetProfile().maxHandlesInEnum == 0,
          "a stale registration answers with an identity");
}

// ================================================================================ checks

void
ApiFuzzer::FullCheck(Table& t)
{
    // Every destination and route, through the observer, in enumeration order.
    RtmEnumHandle rh;
    Id mh = 0;
    St(t.observer->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, 0, rh),
       t.model->CreateDestEnum(t.observerId, RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, 0, mh),
       "final CreateDestEnum");
    t.h.enm.Bind(rh, mh, "final dest enum");
    for (int guard = 0; guard < 10000; ++guard)
    {
        uint32_t rn = t.cfg.maxHandles;
        uint32_t mn = rn;
        std::vector<RtmDestInfo> ro;
        std::vector<DestOut> mo;
        RtmStatus rs = t.observer->GetEnumDests(rh, rn, ro);
        RtmStatus ms = t.model->GetEnumDests(t.observerId, mh, mn, mo);
        St(rs, ms, "final GetEnumDests");
        Check(rn == mn, "final GetEnumDests count");
        for (uint32_t i = 0; i < mn; ++i)
        {
            t.h.Dest(ro[i], mo[i], "final destination");
            // the full record of each destination, every view
            RtmDestInfo rf;
            DestOut mf;
            St(t.observer->GetDestInfo(ro[i].destHandle, 0, RTM_VIEW_MASK_ALL, rf),
               t.model->GetDestInfo(t.observerId, mo[i].dest, 0, RTM_VIEW_MASK_ALL, mf),
               "final GetDestInfo");
            t.h.Dest(rf, mf, "final GetDestInfo");
        }
        if (ms != RtmStatus::Success)
        {
            break;
        }
    }
    // What the forwarding plane reads (the interned forwarding records) follows the best routes.
    Check(t.family == RTM_AF_INET ? t.inst->GetIpv4Table().CheckForwardRecords()
                                  : t.inst->GetIpv6Table().CheckForwardRecords(),
          "final forwarding records out of step with the best routes");
    for (Id r : t.model->AllRoutes())
    {
        RtmRouteInfo ri;
        RouteOut mo;
        RtmNetAddress ra;
        RtmNetAddress ma;
        St(t.observer->GetRouteInfo(t.h.rte.Real(r), &ri, &ra),
           t.model->GetRouteInfo(t.observerId, r, mo, ma),
           "final GetRouteInfo");
        t.h.Route(ri, mo, "final route");
    }
    for (const auto& a : t.lookups)
    {
        RtmDestInfo ri;
        DestOut mo;
        RtmStatus ms = t.model->Lookup(a, RTM_VIEW_ID_UCAST, mo);
        St(t.inst->Lookup(a, RTM_VIEW_ID_UCAST, ri), ms, "final Lookup " + Model::Str(a));
        if (ms == RtmStatus::Success)
        {
            t.h.Dest(ri, mo, "final Lookup " + Model::Str(a));
        }
    }
}

void
ApiFuzzer::Run()
{
    SetUp();
    for (uint32_t op = 0; op < 400 && m_in.remaining_bytes() > 0; ++op)
    {
        Table& t = m_t[U(kTables)];
        uint32_t c = U(kClients);
        uint32_t code = U(24);
        if (!t.reg[c] && code != 23 && code != 22)
        {
            code = 0; // a client must register before anything else
        }
        switch (code)
        {
        case 0:
            OpRegister(t, c);
            break;
        case 1:
            OpDeregister(t, c);
            break;
        case 2:
        case 3:
            OpAddNextHop(t, c);
            break;
        case 4:
            OpDeleteNextHop(t, c);
            break;
        case 5:
            OpNextHopInfo(t, c);
            break;
        case 6:
        case 7:
        case 8:
            OpAddRoute(t, c);
            break;
        case 9:
            OpUpdateRoute(t, c);
            break;
        case 10:
            OpDeleteRoute(t, c);
            break;
        case 11:
            OpRouteInfo(t, c);
            break;
        case 12:
            OpHold(t, c);
            break;
        case 13:
            OpDestInfo(t, c);
            break;
        case 14:
            OpPrefixQuery(t, c);
            break;
        case 15:
            OpDestEnum(t, c);
            break;
        case 16:
            OpRouteEnum(t, c);
            break;
        case 17:
            OpNextHopEnum(t, c);
            break;
        case 18:
            OpGetEnum(t, c);
            break;
        case 19:
            P(50) ? OpNotify(t, c) : OpChangeStatus(t, c);
            break;
        case 20:
            OpPull(t, c);
            break;
        case 21:
            P(50) ? OpList(t, c) : OpOpaque(t, c);
            break;
        case 22:
            Advance(4 * int64_t(U(P(80) ? 20 : 300)));
            break;
        default: {
            uint32_t k = U(10);
            k < 6 ? OpLookup(t) : k < 8 ? OpStaleRegistration(t) : OpInterface(t);
        }
        }
    }
    Flush();
    for (auto& t : m_t)
    {
        FullCheck(t);
    }
    for (auto& t : m_t)
    {
        for (uint32_t c = 0; c < kClients; ++c)
        {
            if (t.reg[c])
            {
                OpDeregister(t, c);
            }
        }
        Check(t.model->NumLiveRoutes() == 0, "live routes after every client left");
    }
    Advance(4 * 100000);
    for (auto& t : m_t)
    {
        FullCheck(t);
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Simulator::Destroy();
    {
        ApiFuzzer f(data, size);
        try
        {
            f.Run();
        }
        catch (const ModelMismatch& e)
        {
            std::fprintf(stderr,
                         "rtm-fuzz-api: the table and the reference model disagree: %s\n%s",
                         e.what(),
                         f.Context().c_str());
            std::abort();
        }
    }
    Simulator::Destroy();
    return 0;
}
