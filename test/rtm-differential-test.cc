/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: randomized differential test. The REAL table (RtmInstance + RtmRegistration, public API
 * only) and the naive reference model (rtm-reference-model.h) receive the same random
 * operations; every answer is compared: statuses, output handles (bound to model ids as they
 * appear: the binding must stay a bijection), route/dest/next-hop infos, change flags,
 * enumeration batches (order and content), pulled notifications (as a set per pull: the
 * decisions do not fix the order inside a batch, nor which pending destinations a short batch
 * returns), callbacks (RouteExpired in exact order; EntityRegistered/Deregistered as a multiset;
 * ChangeNotification counts within the bounds decision 3 fixes), the unicast FIB, and, after
 * every bad input, that nothing stored changed.
 *
 * A failure prints the family, round, seed and operation index; rerun one round with
 *   RTM_DIFF_SEED=<seed> RTM_DIFF_OPS=<n> build/test/rtm-gtest --gtest_filter='Differential*'
 * (RTM_DIFF_CHECK_EVERY=1 runs the full check after every operation instead of every 500th;
 * RTM_DIFF_TRACE prints every operation).
 */
#include "rtm-model-compare.h"
#include "rtm-reference-model.h"

#include "ns3/rtm-instance.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-table.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cstdlib>
#include <deque>
#include <gtest/gtest.h>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <type_traits>

using namespace ns3;
using namespace ns3::rtmref;

namespace
{

/// Thrown on the first disagreement.
using Mismatch = ModelMismatch;

constexpr Id kForeign = kForeignId; //!< ids of handles the model never issued

/// What the rounds exercised (so that the test cannot pass vacuously).
struct Coverage
{
    uint64_t routesCreated{0};
    uint64_t routesUpdated{0};
    uint64_t routesDeleted{0};
    uint64_t refused{0};         //!< operations answered with an error status (in both)
    uint64_t expiries{0};        //!< RouteExpired callbacks
    uint64_t signals{0};         //!< ChangeNotification callbacks
    uint64_t pulled{0};          //!< records from GetChangedDests
    uint64_t enumerated{0};      //!< items from enumerations
    uint64_t heldSeen{0};        //!< view blocks with a held route (full checks)
    uint64_t deregistered{0};    //!< clients deregistered with leftovers
    uint64_t fibLookups{0};      //!< FIB lookups compared
    uint64_t hopChecks{0};       //!< resolved hop lists compared
    uint64_t interfaceEvents{0}; //!< interfaces set up/down, given or taken
    uint64_t unreachable{0};     //!< live routes seen without a usable next hop (full checks)
    uint64_t resolved{0};        //!< live routes seen with a resolved REMOTE next hop
};

Coverage g_cov;

/// A bijection between real handles of one kind and model ids, built as handles appear.
template <typename Tag>
using BiMap = HandleMap<Tag>;

struct ClientSpec
{
    uint32_t proto;
    uint32_t inst;
    ExpiryMode mode;
    bool slot;
    uint32_t defPref; //!< 0: keep the instance default
};

const ClientSpec kSpecs[] = {
    {RTM_PROTO_IP_RIP, 1, ExpiryMode::UpdateItself, true, 120},
    {RTM_PROTO_IP_RIP, 2, ExpiryMode::NotSupported, false, 120},
    {RTM_PROTO_IP_NETMGMT, 0, ExpiryMode::NoCallback, true, 60},
    {13, 0, ExpiryMode::DeleteItself, false, 110},
    {13, 5, ExpiryMode::Ignore, false, 0},
};
constexpr int kNumSpecs = 5;

class Driver;

/// A client of the real table: its registration and its event callback.
struct ClientSim
{
    Driver* drv{nullptr};
    Id mid{0};
    int spec{0};
    ExpiryMode mode{ExpiryMode::NoCallback};
    Ptr<RtmRegistration> reg;
    RtmStatus OnEvent(const RtmEvent& ev);
};

struct RealExpiry
{
    Id client;
    RtmRouteHandle route;
    RtmRouteInfo info;
    bool acted{false};
    RtmStatus st{RtmStatus::Success};
    uint32_t cf{0};
};

struct RealEntityEvent
{
    Id to;
    bool registered;
    RtmEntityHandle entity;
};

struct RealSignal
{
    Id to;
    RtmNotifyHandle notify;
    uint64_t ctx;
};

std::string
S(RtmStatus s)
{
    return RtmStatusName(s);
}

/// The differential driver for one family and one round.
class Driver
{
  public:
    Driver(uint16_t family, uint64_t seed, uint32_t views)
        : m_family(family),
          m_seed(seed),
          m_rng(seed),
          m_views(views)
    {
    }

    uint64_t Run(uint64_t nOps);

    // callback records
    std::vector<RealExpiry> m_realExpiries;
    std::vector<RealEntityEvent> m_realEntity;
    std::vector<RealSignal> m_realSignals;

    ClientSim* ByMid(Id mid)
    {
        for (auto& c : m_clients)
        {
            if (c->mid == mid)
            {
                return c.get();
            }
        }
        return nullptr;
    }

  private:
    // ------------------------------------------------------------ set-up
    void SetUp();
    void TearDown();
    void MakePools();
    void MakeForeign();
    ClientSim* RegisterClient(int spec);
    ClientSim* m_observer{nullptr}; //!< a client without routes or callback, for queries
    RtmNetAddress Addr(const std::string& s) const;

    // ------------------------------------------------------------ checking
    void Check(bool c, const std::string& what)
    {
        if (!c)
        {
            throw Mismatch(what);
        }
    }

    void St(RtmStatus real, RtmStatus model, const std::string& what)
    {
        if (real != model)
        {
            throw Mismatch(what + ": status real " + S(real) + " model " + S(model));
        }
        if (model != RtmStatus::Success && model != RtmStatus::NoMoreItems)
        {
            ++g_cov.refused;
        }
    }

    void CmpRoute(const RtmRouteInfo& r, const RouteOut& m, const std::string& what);
    void CmpDest(const RtmDestInfo& r, const DestOut& m, const std::string& what);
    void CmpNextHop(const RtmNextHopInfo& r, const NextHopOut& m, const std::string& what);
    void CmpRouteList(const std::vector<RtmRouteHandle>& r,
                      const std::vector<Id>& m,
                      const std::string& what);
    void FullCheck();
    void CheckFib();
    void CheckHops(Id route, const std::string& what);
    void OpInterface();
    void CheckDestAndRoute(Id dest, Id route);
    void CheckEvents();
    void Flush();
    void AdvanceBy(int64_t dt);

    // ------------------------------------------------------------ picks
    uint32_t U(uint32_t n)
    {
        return n ? uint32_t(m_rng() % n) : 0;
    }

    bool P(uint32_t percent)
    {
        return U(100) < percent;
    }

    template <typename T>
    T Pick(const std::vector<T>& v)
    {
        return v[U(v.size())];
    }

    ClientSim* PickClient();
    ClientSim* OtherClient(ClientSim* c);
    RtmNetAddress PickPrefix();
    RtmNetAddress PickBadPrefix();
    Id PickDest();
    Id PickLiveRoute(ClientSim* c);
    Id PickAnyRoute();
    template <typename Tag>
    Id PickDead(const BiMap<Tag>& m, bool (Model::*alive)(Id) const);
    template <typename Tag>
    Id PickForeign(const BiMap<Tag>& m);
    RouteIn MakeRouteIn(ClientSim* c);
    RtmRouteInfo RealRouteIn(const RouteIn& in);
    uint32_t PickTtl();
    uint32_t PickViewsQuery();
    uint32_t PickProto(ClientSim* c);
    Criteria PickCriteria(ClientSim* c, uint32_t& match, uint32_t& ifIndex);
    RtmRouteInfo RealCriteria(const Criteria& c);

    // ------------------------------------------------------------ operations
    void OpAddRoute(bool bad);
    void OpUpdateRoute(bool bad);
    void OpDeleteRoute(bool bad);
    void OpAddNextHop(bool bad);
    void OpDeleteNextHop(bool bad);
    void OpFindNextHop();
    void OpNextHopInfo(bool bad);
    void OpNextHopEnum(bool bad);
    void OpHold(bool bad);
    void OpDestInfo(bool bad);
    void OpPrefixQuery(bool bad);
    void OpExactMatchRoute(bool bad);
    void OpRouteInfo(bool bad);
    void OpDestEnum(bool bad);
    void OpRouteEnum(bool bad);
    RtmStatus OpGetEnum(ClientSim* c, Id e, uint32_t num);
    void OpGetChanged(bool bad);
    void OpChangeStatus(bool bad);
    void OpIgnore(bool bad);
    void OpMark(bool bad);
    void OpNotifyReg(bool bad);
    void OpList(bool bad);
    void OpOpaque(bool bad);
    void OpReregister();
    void OpDeadRegistration();
    void OpEntities();
    void OpDefaultPref();
    void DeregisterClient(ClientSim* c);

    void Log(const std::string& s)
    {
        static const bool trace = std::getenv("RTM_DIFF_TRACE") != nullptr;
        if (trace)
        {
            std::cerr << "[" << m_op << " t=" << m_now << "] " << s << "\n";
        }
        m_log.push_back(s);
        if (m_log.size() > 40)
        {
            m_log.pop_front();
        }
    }

    void Trim(ClientSim* c);

    uint16_t m_family;
    uint64_t m_seed;
    std::mt19937_64 m_rng;
    uint32_t m_views;
    Config m_cfg;
    std::unique_ptr<Model> m_model;
    Ptr<RtmInstance> m_inst;
    Ptr<RtmInstance> m_other;
    Ptr<RtmRegistration> m_otherReg;                   //!< another instance, same family
    Ptr<RtmRegistration> m_otherFam;                   //!< same instance, other family
    std::vector<std::unique_ptr<ClientSim>> m_clients; //!< registered (and dead) clients
    std::vector<Ptr<RtmRegistration>> m_deadRegs;
    int64_t m_now{0};
    uint64_t m_op{0};
    std::deque<std::string> m_log;

    BiMap<RtmEntityTag> m_ent;
    BiMap<RtmDestTag> m_dst;
    BiMap<RtmRouteTag> m_rte;
    BiMap<RtmNextHopTag> m_nh;
    BiMap<RtmEnumTag> m_enm;
    BiMap<RtmNotifyTag> m_ntf;
    BiMap<RtmRouteListTag> m_lst;
    Id m_nextForeign{kForeign};

    std::vector<RtmNetAddress> m_prefixes;
    std::vector<RtmNetAddress> m_bad;
    std::vector<RtmNetAddress> m_lookups;
    std::vector<RtmNetAddress> m_nhAddrs;
    std::map<Id, std::vector<Id>> m_heldByDereg;

  public:
    std::string Context() const
    {
        std::ostringstream os;
        os << "family " << m_family << " seed " << m_seed << " op " << m_op << " t=" << m_now
           << "ms\nlast operations:\n";
        for (const auto& l : m_log)
        {
            os << "  " << l << "\n";
        }
        if (m_model)
        {
            os << m_model->Dump();
        }
        return os.str();
    }
};

RtmStatus
ClientSim::OnEvent(const RtmEvent& ev)
{
    switch (ev.type)
    {
    case RtmEventType::RouteExpired: {
        RealExpiry r;
        r.client = mid;
        r.route = ev.route;
        r.info = ev.routeInfo;
        RtmStatus ret = RtmStatus::Success;
        switch (mode)
        {
        case ExpiryMode::NotSupported:
            ret = RtmStatus::NotSupported;
            break;
        case ExpiryMode::DeleteItself:
            r.acted = true;
            r.st = reg->DeleteRouteToDest(ev.route, r.cf);
            break;
        case ExpiryMode::UpdateItself:
            r.acted = true;
            if (ev.routeInfo.prefInfo.metric < 5)
            {
                RtmRouteInfo info = ev.routeInfo;
                info.prefInfo.metric += 1;
                r.st = reg->UpdateRoute(ev.route, info, RTM_INFINITE, RtmRouteListHandle(), r.cf);
            }
            else
            {
                r.st = reg->DeleteRouteToDest(ev.route, r.cf);
            }
            break;
        default:
            break;
        }
        drv->m_realExpiries.push_back(r);
        return ret;
    }
    case RtmEventType::ChangeNotification:
        drv->m_realSignals.push_back({mid, ev.notify, ev.notifyContext});
        return RtmStatus::Success;
    case RtmEventType::EntityRegistered:
    case RtmEventType::EntityDeregistered:
        drv->m_realEntity.push_back({mid, ev.type == RtmEventType::EntityRegistered, ev.entity});
        return RtmStatus::Success;
    }
    return RtmStatus::Success;
}

// ================================================================================ set-up

RtmNetAddress
Driver::Addr(const std::string& s) const
{
    RtmNetAddress a;
    bool ok = RtmNetAddress::Parse(s, a);
    if (!ok)
    {
        throw std::logic_error("bad pool address " + s);
    }
    return a;
}

void
Driver::MakePools()
{
    std::vector<std::string> p;
    std::vector<std::string> nh;
    if (m_family == RTM_AF_INET)
    {
        p = {"0.0.0.0/0",
             "0.0.0.0/1",
             "128.0.0.0/1",
             "10.0.0.0/8",
             "10.0.0.0/16",
             "10.1.0.0/16",
             "10.1.0.0/24",
             "10.1.1.0/24",
             "10.1.1.0/25",
             "10.1.1.128/25",
             "10.1.1.1/32",
             "10.1.1.129/32",
             "10.255.255.255/32",
             "11.0.0.0/8",
             "192.168.0.0/16",
             "192.168.1.0/24",
             "255.255.255.255/32",
             "0.0.0.0/32"};
        nh = {"10.1.1.1",
              "10.1.1.2",
              "10.1.1.130",
              "192.168.1.1",
              "11.2.3.4",
              "10.9.9.9",
              "0.0.0.0",
              "255.255.255.255"};
        for (const char* s : {"10.1.1.1/24", "10.0.0.1/8", "0.0.0.1/0", "10.1.1.129/25"})
        {
            m_bad.push_back(Addr(s));
        }
        RtmNetAddress a = Addr("10.0.0.0/8");
        a.numBits = 33;
        m_bad.push_back(a);
        a.numBits = 200;
        m_bad.push_back(a);
        m_bad.push_back(Addr("2001:db8::/32")); // wrong family
        a = Addr("10.0.0.0/8");
        a.addressFamily = 0;
        m_bad.push_back(a);
        a.addressFamily = 7;
        m_bad.push_back(a);
    }
    else
    {
        p = {"::/0",
             "::/1",
             "8000::/1",
             "2001:db8::/32",
             "2001:db8::/48",
             "2001:db8:1::/48",
             "2001:db8:1::/64",
             "2001:db8:1:0:8000::/65",
             "2001:db8:1::1/128",
             "2001:db8:1::8000:1/128",
             "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
             "fe80::/10",
             "fe80::1/128",
             "::1/128",
             "::/128",
             "2001:db9::/32",
             "2001:db8:ffff::/48"};
        nh = {"2001:db8:1::1",
              "2001:db8:1::2",
              "fe80::1",
              "fe80::2",
              "2001:db9::7",
              "::",
              "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
        for (const char* s : {"2001:db8::1/32", "::1/0", "fe80::1/10", "2001:db8:1::1/127"})
        {
            m_bad.push_back(Addr(s));
        }
        RtmNetAddress a = Addr("2001:db8::/32");
        a.numBits = 129;
        m_bad.push_back(a);
        m_bad.push_back(Addr("10.0.0.0/8")); // wrong family
        a = Addr("2001:db8::/32");
        a.addressFamily = 0;
        m_bad.push_back(a);
        a.addressFamily = 3;
        m_bad.push_back(a);
    }
    for (const auto& s : p)
    {
        m_prefixes.push_back(Addr(s));
    }
    for (const auto& s : nh)
    {
        m_nhAddrs.push_back(Addr(s));
    }
    // lookups: the first address of every pool prefix, its last one, and next-hop addresses
    uint32_t w = m_family == RTM_AF_INET ? 32 : 128;
    for (const auto& q : m_prefixes)
    {
        RtmNetAddress a = q;
        a.numBits = w;
        m_lookups.push_back(a);
        for (uint32_t i = q.numBits; i < w; ++i)
        {
            a.addrBits[i / 8] |= uint8_t(0x80 >> (i % 8));
        }
        m_lookups.push_back(a);
    }
    for (const auto& q : m_nhAddrs)
    {
        m_lookups.push_back(q);
    }
}

ClientSim*
Driver::RegisterClient(int spec)
{
    const ClientSpec& s = kSpecs[spec < 0 ? 0 : spec];
    auto c = std::make_unique<ClientSim>();
    c->drv = this;
    c->spec = spec;
    c->mode = s.mode;
    RtmEntityInfo info;
    info.rtmInstanceId = 0;
    info.addressFamily = m_family;
    info.entityId.entityProtocolId = s.proto;
    info.entityId.entityInstanceId = s.inst;
    RtmRegnProfile prof;
    RtmEventCallback cb;
    if (spec >= 0 && s.mode != ExpiryMode::NoCallback)
    {
        cb = MakeCallback(&ClientSim::OnEvent, c.get());
    }
    if (spec < 0)
    {
        info.entityId.entityProtocolId = 99;
        info.entityId.entityInstanceId = 0;
        c->mode = ExpiryMode::NoCallback;
    }
    RtmStatus rs = m_inst->RegisterEntity(info, {}, cb, spec >= 0 && s.slot, prof, c->reg);
    Id mid = 0;
    RtmStatus ms = spec >= 0 ? m_model->Register(s.proto, s.inst, s.slot, s.mode, mid)
                             : m_model->Register(99, 0, false, ExpiryMode::NoCallback, mid);
    Log("register spec " + std::to_string(spec) + " -> " + S(ms));
    St(rs, ms, "RegisterEntity");
    if (rs != RtmStatus::Success)
    {
        return nullptr;
    }
    Check(prof.maxNextHopsInRoute == m_cfg.maxNextHops &&
              prof.maxHandlesInEnum == m_cfg.maxHandles &&
              prof.viewsSupported == m_cfg.viewsSupported &&
              prof.numberOfViews == uint32_t(__builtin_popcount(m_cfg.viewsSupported)),
          "registration profile");
    c->mid = mid;
    m_ent.Bind(c->reg->GetEntityHandle(), mid, "entity handle");
    if (spec >= 0 && s.defPref)
    {
        c->reg->SetDefaultPreference(s.defPref);
        m_model->SetDefaultPreference(mid, s.defPref);
    }
    m_clients.push_back(std::move(c));
    return m_clients.back().get();
}

void
Driver::MakeForeign()
{
    // another instance of the same family, and the other family of this instance
    m_other = CreateObject<RtmInstance>();
    m_other->AddInterface(RTM_AF_INET, 1);
    m_other->AddInterface(RTM_AF_INET6, 1);
    for (int which = 0; which < 2; ++which)
    {
        Ptr<RtmInstance> inst = which == 0 ? m_other : m_inst;
        uint16_t fam =
            which == 0 ? m_family : (m_family == RTM_AF_INET ? RTM_AF_INET6 : RTM_AF_INET);
        RtmEntityInfo info;
        info.addressFamily = fam;
        info.entityId.entityProtocolId = RTM_PROTO_IP_RIP;
        info.entityId.entityInstanceId = 1; // the same id as a client here
        RtmRegnProfile prof;
        Ptr<RtmRegistration> reg;
        if (inst->RegisterEntity(info, {}, RtmEventCallback(), true, prof, reg) !=
            RtmStatus::Success)
        {
            throw std::logic_error("foreign registration");
        }
        (which == 0 ? m_otherReg : m_otherFam) = reg;
        RtmNextHopInfo nhi;
        nhi.nextHopAddress = Addr(fam == RTM_AF_INET ? "10.1.1.1" : "2001:db8:1::1");
        nhi.interfaceIndex = 1;
        RtmNextHopHandle nh;
        uint32_t cf = 0;
        reg->AddNextHop(nhi, nh, cf);
        RtmRouteInfo ri;
        ri.nextHops = {nh};
        ri.neighbour = nh;
        RtmRouteHandle rt;
        RtmRouteListHandle lst;
        reg->CreateRouteList(lst);
        cf = 0;
        reg->AddRouteToDest(rt,
                            Addr(fam == RTM_AF_INET ? "10.1.1.0/24" : "2001:db8:1::/64"),
                            ri,
                            RTM_INFINITE,
                            lst,
                            cf);
        RtmRouteInfo got;
        reg->GetRouteInfo(rt, &got);
        RtmEnumHandle en;
        reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, 0, en);
        RtmNotifyHandle nt;
        reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 1, nt);
        m_ent.Bind(reg->GetEntityHandle(), m_nextForeign++, "foreign");
        m_nh.Bind(nh, m_nextForeign++, "foreign");
        m_rte.Bind(rt, m_nextForeign++, "foreign");
        m_dst.Bind(got.destHandle, m_nextForeign++, "foreign");
        m_lst.Bind(lst, m_nextForeign++, "foreign");
        m_enm.Bind(en, m_nextForeign++, "foreign");
        m_ntf.Bind(nt, m_nextForeign++, "foreign");
        // forged: real table ids with absurd slots, and an absurd table id
        for (uint32_t k = 0; k < 2; ++k)
        {
            RtmRouteHandle fr = rt;
            fr.index = 0x7ffff000 + k;
            fr.gen = 12345;
            m_rte.Bind(fr, m_nextForeign++, "forged");
            RtmDestHandle fd = got.destHandle;
            fd.index = 0x7ffff000 + k;
            m_dst.Bind(fd, m_nextForeign++, "forged");
            RtmNextHopHandle fn = nh;
            fn.index = 0x7ffff000 + k;
            m_nh.Bind(fn, m_nextForeign++, "forged");
        }
        RtmRouteHandle fr;
        fr.table = 0xfffffff0 + which;
        fr.index = 1;
        fr.gen = 1;
        m_rte.Bind(fr, m_nextForeign++, "forged");
    }
}

void
Driver::SetUp()
{
    m_cfg.family = m_family;
    m_cfg.maxNextHops = 3 + U(3);
    m_cfg.maxHandles = 2 + U(6);
    m_cfg.viewsSupported = m_views;
    m_cfg.opaqueSlots = 2;
    m_cfg.maxNotify = 10;
    m_cfg.defaultPreference = 150;
    for (uint32_t i = 1; i <= 8; ++i)
    {
        m_cfg.interfaces.insert(i);
    }
    m_model = std::make_unique<Model>(m_cfg);
    m_inst = CreateObject<RtmInstance>();
    m_inst->SetAttribute("MaxNextHopsInRoute", UintegerValue(m_cfg.maxNextHops));
    m_inst->SetAttribute("MaxHandlesInEnum", UintegerValue(m_cfg.maxHandles));
    m_inst->SetAttribute("ViewsSupported", UintegerValue(m_cfg.viewsSupported));
    m_inst->SetAttribute("OpaqueSlots", UintegerValue(m_cfg.opaqueSlots));
    m_inst->SetAttribute("MaxNotifyRegistrations", UintegerValue(m_cfg.maxNotify));
    m_inst->SetAttribute("DefaultPreference", UintegerValue(m_cfg.defaultPreference));
    for (uint32_t i = 1; i <= 8; ++i)
    {
        m_inst->AddInterface(RTM_AF_INET, i);
        m_inst->AddInterface(RTM_AF_INET6, i);
    }
    MakePools();
    MakeForeign();
    m_observer = RegisterClient(-1);
    for (int s = 0; s < kNumSpecs; ++s)
    {
        RegisterClient(s);
    }
    Flush();
    for (int i = 0; i < kNumSpecs; ++i)
    {
        for (int k = 0; k < 2; ++k)
        {
            OpNotifyReg(false);
        }
        for (int k = 0; k < 4; ++k)
        {
            OpAddNextHop(false);
        }
    }
}

void
Driver::TearDown()
{
    for (auto& c : m_clients)
    {
        if (c.get() != m_observer && m_model->IsRegistered(c->mid))
        {
            DeregisterClient(c.get());
        }
    }
    // nothing is left but held routes, which go when their (finite) holds end
    Check(m_model->NumLiveRoutes() == 0, "model: live routes after every client left");
    AdvanceBy(1000000000);
    FullCheck();
    DeregisterClient(m_observer);
    CheckFib();
    m_inst->Dispose();
    m_other->Dispose();
    m_inst = nullptr;
    m_other = nullptr;
    m_otherReg = nullptr;
    m_otherFam = nullptr;
    m_clients.clear();
    m_deadRegs.clear();
    Simulator::Destroy();
}

// ================================================================================ comparisons

void
Driver::CmpRoute(const RtmRouteInfo& r, const RouteOut& m, const std::string& what)
{
    m_dst.Bind(r.destHandle, m.dest, (what + " destHandle").c_str());
    m_ent.Bind(r.routeOwner, m.owner, (what + " routeOwner").c_str());
    m_nh.Bind(r.neighbour, m.neighbour, (what + " neighbour").c_str());
    std::ostringstream os;
    bool ok = r.state == m.state && r.flags1 == m.flags1 && r.flags == m.flags &&
              r.prefInfo.metric == m.metric && r.prefInfo.preference == m.pref &&
              r.belongsToViews == m.views && r.entitySpecificInfo == m.esi &&
              r.nextHops.size() == m.nextHops.size();
    if (!ok)
    {
        os << what << ": route differs: real state " << int(r.state) << " flags1 " << int(r.flags1)
           << " flags " << r.flags << " metric " << r.prefInfo.metric << " pref "
           << r.prefInfo.preference << " views " << r.belongsToViews << " esi "
           << r.entitySpecificInfo << " #nh " << r.nextHops.size() << "; model state "
           << int(m.state) << " flags1 " << int(m.flags1) << " flags " << m.flags << " metric "
           << m.metric << " pref " << m.pref << " views " << m.views << " esi " << m.esi << " #nh "
           << m.nextHops.size();
        throw Mismatch(os.str());
    }
    for (size_t i = 0; i < r.nextHops.size(); ++i)
    {
        m_nh.Bind(r.nextHops[i], m.nextHops[i], (what + " nextHops").c_str());
    }
}

void
Driver::CmpDest(const RtmDestInfo& r, const DestOut& m, const std::string& what)
{
    m_dst.Bind(r.destHandle, m.dest, (what + " destHandle").c_str());
    std::ostringstream os;
    if (r.destAddress != m.addr)
    {
        os << what << ": address real " << r.destAddress << " model " << Model::Str(m.addr);
        throw Mismatch(os.str());
    }
    if (r.belongsToViews != m.belongsToViews || r.viewInfo.size() != m.views.size())
    {
        os << what << " " << r.destAddress << ": belongsToViews real " << r.belongsToViews
           << " model " << m.belongsToViews << ", view blocks real " << r.viewInfo.size()
           << " model " << m.views.size();
        throw Mismatch(os.str());
    }
    for (size_t i = 0; i < r.viewInfo.size(); ++i)
    {
        const RtmViewInfo& a = r.viewInfo[i];
        const ViewOut& b = m.views[i];
        if (a.viewId != b.view || a.numRoutes != b.numRoutes || a.destFlags != b.destFlags)
        {
            os << what << " " << r.destAddress << " block " << i << ": real view " << a.viewId
               << " numRoutes " << a.numRoutes << " destFlags " << a.destFlags << "; model view "
               << b.view << " numRoutes " << b.numRoutes << " destFlags " << b.destFlags;
            throw Mismatch(os.str());
        }
        std::string w = what + " " + Model::Str(m.addr) + " view " + std::to_string(b.view);
        m_rte.Bind(a.route, b.route, (w + " route").c_str());
        m_ent.Bind(a.owner, b.owner, (w + " owner").c_str());
        m_rte.Bind(a.holdRoute, b.hold, (w + " holdRoute").c_str());
        g_cov.heldSeen += b.hold != 0 ? 1 : 0;
    }
    if (r.lastChanged != MilliSeconds(m.lastChangedMs))
    {
        os << what << " " << r.destAddress << ": lastChanged real "
           << r.lastChanged.GetMilliSeconds() << "ms model " << m.lastChangedMs << "ms";
        throw Mismatch(os.str());
    }
}

void
Driver::CmpNextHop(const RtmNextHopInfo& r, const NextHopOut& m, const std::string& what)
{
    std::ostringstream os;
    if (r.nextHopAddress != m.addr || r.interfaceIndex != m.ifIndex || r.state != m.state ||
        r.flags != m.flags || r.entitySpecificInfo != m.esi)
    {
        os << what << ": next hop real " << r.nextHopAddress << " if " << r.interfaceIndex
           << " state " << r.state << " flags " << r.flags << " esi " << r.entitySpecificInfo
           << "; model " << Model::Str(m.addr) << " if " << m.ifIndex << " state " << m.state
           << " flags " << m.flags << " esi " << m.esi;
        throw Mismatch(os.str());
    }
    m_ent.Bind(r.nextHopOwner, m.owner, (what + " owner").c_str());
    m_dst.Bind(r.remoteNextHop, m.remote, (what + " remoteNextHop").c_str());
}

void
Driver::CmpRouteList(const std::vector<RtmRouteHandle>& r,
                     const std::vector<Id>& m,
                     const std::string& what)
{
    if (r.size() != m.size())
    {
        throw Mismatch(what + ": " + std::to_string(r.size()) + " real routes, " +
                       std::to_string(m.size()) + " model routes");
    }
    for (size_t i = 0; i < r.size(); ++i)
    {
        m_rte.Bind(r[i], m[i], (what + " item " + std::to_string(i)).c_str());
    }
}

// ================================================================================ picks

ClientSim*
Driver::PickClient()
{
    std::vector<ClientSim*> v;
    for (auto& c : m_clients)
    {
        if (c.get() != m_observer && m_model->IsRegistered(c->mid))
        {
            v.push_back(c.get());
        }
    }
    return v.empty() ? nullptr : Pick(v);
}

ClientSim*
Driver::OtherClient(ClientSim* c)
{
    for (int i = 0; i < 10; ++i)
    {
        ClientSim* o = PickClient();
        if (o != c)
        {
            return o;
        }
    }
    return nullptr;
}

RtmNetAddress
Driver::PickPrefix()
{
    return Pick(m_prefixes);
}

RtmNetAddress
Driver::PickBadPrefix()
{
    return Pick(m_bad);
}

Id
Driver::PickDest()
{
    auto v = m_model->LiveDests();
    return v.empty() ? 0 : Pick(v);
}

Id
Driver::PickLiveRoute(ClientSim* c)
{
    auto v = m_model->LiveRoutesOf(c->mid);
    return v.empty() ? 0 : Pick(v);
}

Id
Driver::PickAnyRoute()
{
    auto v = m_model->AllRoutes();
    return v.empty() ? 0 : Pick(v);
}

template <typename Tag>
Id
Driver::PickDead(const BiMap<Tag>& m, bool (Model::*alive)(Id) const)
{
    for (int i = 0; i < 8 && !m.ids.empty(); ++i)
    {
        Id id = Pick(m.ids);
        if (id < kForeign && !((*m_model).*alive)(id))
        {
            return id;
        }
    }
    return 0;
}

template <typename Tag>
Id
Driver::PickForeign(const BiMap<Tag>& m)
{
    std::vector<Id> v;
    for (const auto& [id, h] : m.m2r)
    {
        if (id >= kForeign)
        {
            v.push_back(id);
        }
    }
    return v.empty() ? 0 : Pick(v);
}

uint32_t
Driver::PickTtl()
{
    // Same-time timers run in an undecided order, so no TTL may share its time with another
    // timer: operations happen at times = 0 (mod 4), TTL dues are unique and = 1 (mod 4)
    // (a TTL of 0, due at once, = 0), hold times are = 2 (mod 4), so hold ends are = 2 or 3.
    uint32_t r = U(100);
    uint32_t ttl;
    if (r < 62)
    {
        return RTM_INFINITE;
    }
    else if (r < 90)
    {
        ttl = 1 + 4 * U(375);
    }
    else if (r < 99)
    {
        ttl = 1 + 4 * U(10);
    }
    else
    {
        ttl = 0;
    }
    std::set<int64_t> dues = m_model->TtlDues();
    while (dues.count(m_now + int64_t(ttl)))
    {
        ttl += 4;
    }
    return ttl;
}

uint32_t
Driver::PickViewsQuery()
{
    uint32_t r = U(100);
    if (r < 25)
    {
        return RTM_VIEW_MASK_ANY;
    }
    if (r < 45)
    {
        return RTM_VIEW_MASK_UCAST;
    }
    if (r < 60)
    {
        return RTM_VIEW_MASK_MCAST;
    }
    if (r < 75)
    {
        return m_cfg.viewsSupported;
    }
    if (r < 85)
    {
        return RTM_VIEW_MASK_ALL;
    }
    return (m_cfg.viewsSupported & 0x4) ? 0x4 : (RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
}

uint32_t
Driver::PickProto(ClientSim* c)
{
    uint32_t r = U(10);
    if (r < 4)
    {
        return RTM_BEST_PROTOCOL;
    }
    if (r < 6)
    {
        return RTM_THIS_PROTOCOL;
    }
    if (r < 9)
    {
        return kSpecs[U(kNumSpecs)].proto;
    }
    return 4242; // nobody
}

RouteIn
Driver::MakeRouteIn(ClientSim* c)
{
    static const uint16_t kFlags[] = {0,
                                      0,
                                      0,
                                      RTM_ROUTE_FLAGS_LOCAL,
                                      RTM_ROUTE_FLAGS_REMOTE,
                                      RTM_ROUTE_FLAGS_INACTIVE,
                                      RTM_ROUTE_FLAGS_BLACKHOLE,
                                      RTM_ROUTE_FLAGS_MYSELF | RTM_ROUTE_FLAGS_LOCAL,
                                      RTM_ROUTE_FLAGS_MCAST,
                                      RTM_ROUTE_FLAGS_ZEROS_NETBC,
                                      RTM_ROUTE_FLAGS_LIMITED_BC,
                                      RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_ONES_SUBNETBC};
    RouteIn in;
    std::vector<Id> nhs = m_model->NextHopsOf(c->mid);
    in.neighbour = (nhs.empty() || P(45)) ? 0 : Pick(nhs);
    in.flags1 = uint8_t(U(3));
    in.flags = kFlags[U(sizeof(kFlags) / sizeof(kFlags[0]))];
    in.metric = U(7);
    in.pref = P(50) ? 0 : 100 + U(4);
    uint32_t vr = U(10);
    in.views = vr < 4 ? (RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST)
                      : (vr < 7 ? RTM_VIEW_MASK_UCAST : RTM_VIEW_MASK_MCAST);
    if ((m_cfg.viewsSupported & 0x4) && P(15))
    {
        in.views |= 0x4;
    }
    in.esi = U(4);
    uint32_t n = U(std::min<uint32_t>(nhs.size(), m_cfg.maxNextHops) + 1);
    // a random subset in id order (the order stays canonical)
    std::vector<Id> pool = nhs;
    std::shuffle(pool.begin(), pool.end(), m_rng);
    pool.resize(n);
    std::sort(pool.begin(), pool.end());
    in.nextHops = pool;
    return in;
}

RtmRouteInfo
Driver::RealRouteIn(const RouteIn& in)
{
    RtmRouteInfo r;
    r.neighbour = m_nh.Real(in.neighbour);
    r.flags1 = in.flags1;
    r.flags = in.flags;
    r.prefInfo.metric = in.metric;
    r.prefInfo.preference = in.pref;
    r.belongsToViews = in.views;
    r.entitySpecificInfo = in.esi;
    for (Id n : in.nextHops)
    {
        r.nextHops.push_back(m_nh.Real(n));
    }
    // inputs RTM must ignore
    r.state = uint8_t(U(3));
    if (P(30))
    {
        r.routeOwner = m_ent.Real(Pick(m_ent.ids));
    }
    if (P(20) && !m_dst.ids.empty())
    {
        r.destHandle = m_dst.Real(Pick(m_dst.ids));
    }
    return r;
}

Criteria
Driver::PickCriteria(ClientSim* c, uint32_t& match, uint32_t& ifIndex)
{
    static const uint32_t kMatch[] = {RTM_MATCH_NONE,
                                      RTM_MATCH_OWNER,
                                      RTM_MATCH_NEIGHBOUR,
                                      RTM_MATCH_PREF,
                                      RTM_MATCH_NEXTHOP,
                                      RTM_MATCH_INTERFACE,
                                      RTM_MATCH_OWNER | RTM_MATCH_NEIGHBOUR,
                                      RTM_MATCH_OWNER | RTM_MATCH_INTERFACE,
                                      RTM_MATCH_FULL};
    match = kMatch[U(sizeof(kMatch) / sizeof(kMatch[0]))];
    ifIndex = U(5);
    Criteria cr;
    Id r = PickAnyRoute();
    RouteOut ro;
    RtmNetAddress a;
    if (r && m_model->GetRouteInfo(c->mid, r, ro, a) == RtmStatus::Success && P(70))
    {
        cr.owner = ro.owner;
        cr.neighbour = ro.neighbour;
        cr.pref = ro.pref;
        cr.metric = ro.metric;
        cr.nextHops = ro.nextHops;
        if (!cr.nextHops.empty() && P(30))
        {
            // (erase, not resize(1): GCC 12 warns falsely about resize in release builds)
            cr.nextHops.erase(cr.nextHops.begin() + 1, cr.nextHops.end());
        }
    }
    else
    {
        auto clients = m_model->RegisteredClients();
        cr.owner = clients.empty() ? 0 : Pick(clients);
        auto nhs = m_model->NextHopsOf(c->mid);
        cr.neighbour = nhs.empty() || P(50) ? 0 : Pick(nhs);
        cr.pref = 100 + U(4);
        cr.metric = U(7);
        if (!nhs.empty() && P(60))
        {
            cr.nextHops.push_back(Pick(nhs));
        }
    }
    return cr;
}

RtmRouteInfo
Driver::RealCriteria(const Criteria& c)
{
    RtmRouteInfo r;
    r.routeOwner = m_ent.Real(c.owner);
    r.neighbour = m_nh.Real(c.neighbour);
    r.prefInfo.preference = c.pref;
    r.prefInfo.metric = c.metric;
    for (Id n : c.nextHops)
    {
        r.nextHops.push_back(m_nh.Real(n));
    }
    return r;
}

// ================================================================================ time, events

void
Driver::Flush()
{
    // deliver what is due now (events scheduled with delay 0, TTLs of 0) in both; twice, for
    // the events that the first run schedules for now (behind its stop event)
    for (int i = 0; i < 2; ++i)
    {
        Simulator::Stop(Seconds(0));
        Simulator::Run();
    }
    m_model->AdvanceTo(m_now);
    CheckEvents();
}

void
Driver::AdvanceBy(int64_t dt)
{
    int64_t target = m_now + dt;
    if (dt > 0)
    {
        // run the simulator and the model up to every model timer in between, then the target:
        // the real table's timers are ns-3 events, the model's are processed by AdvanceTo
        Simulator::Stop(MilliSeconds(dt));
        Simulator::Run();
    }
    m_now = target;
    Check(Simulator::Now() == MilliSeconds(m_now), "simulator time");
    Flush();
    CheckFib();
}

void
Driver::CheckEvents()
{
    // RouteExpired: the exact sequence
    std::vector<ExpiryRecord> me = m_model->TakeExpiries();
    bool tie = m_model->TakeTieFlag();
    std::string tieNote = tie ? " (timers were due at the same time)" : "";
    Check(me.size() == m_realExpiries.size(),
          "RouteExpired events: real " + std::to_string(m_realExpiries.size()) + " model " +
              std::to_string(me.size()) + tieNote);
    for (size_t i = 0; i < me.size(); ++i)
    {
        const RealExpiry& r = m_realExpiries[i];
        const ExpiryRecord& m = me[i];
        Check(r.client == m.client, "RouteExpired #" + std::to_string(i) + " client" + tieNote);
        m_rte.Bind(r.route, m.route, ("RouteExpired route" + tieNote).c_str());
        CmpRoute(r.info, m.info, "RouteExpired info");
        Check(r.acted == m.acted, "RouteExpired action");
        if (m.acted)
        {
            St(r.st, m.actionStatus, "RouteExpired action");
            Check(r.cf == m.actionChangeFlags,
                  "RouteExpired action change flags real " + std::to_string(r.cf) + " model " +
                      std::to_string(m.actionChangeFlags));
        }
    }
    g_cov.expiries += m_realExpiries.size();
    m_realExpiries.clear();
    // EntityRegistered / EntityDeregistered: a multiset
    std::vector<EntityEvent> mev = m_model->TakeEntityEvents();
    std::multiset<std::tuple<Id, bool, Id>> a;
    std::multiset<std::tuple<Id, bool, Id>> b;
    for (const auto& e : mev)
    {
        b.insert({e.to, e.registered, e.entity});
    }
    for (const auto& e : m_realEntity)
    {
        Id ent = m_ent.Model(e.entity);
        a.insert({e.to, e.registered, ent});
    }
    Check(a == b,
          "entity events: real " + std::to_string(a.size()) + " model " + std::to_string(b.size()));
    m_realEntity.clear();
    // ChangeNotification: decision 3 bounds
    auto counts = m_model->TakeSignalCounts();
    std::map<Id, uint32_t> got;
    for (const auto& s : m_realSignals)
    {
        Id n = m_ntf.Model(s.notify);
        Check(n != Id(-1) && n < kForeign, "ChangeNotification for an unknown notify handle");
        auto it = counts.find(n);
        Check(it != counts.end(),
              "ChangeNotification for a dead registration #" + std::to_string(n));
        Check(m_model->NotifyOwner(n) == s.to, "ChangeNotification sent to the wrong client");
        Check(m_model->NotifyContext(n) == s.ctx, "ChangeNotification context");
        ++got[n];
    }
    g_cov.signals += m_realSignals.size();
    m_realSignals.clear();
    for (const auto& [n, tc] : counts)
    {
        uint32_t g = got[n];
        uint32_t transitions = tc.first;
        bool nonEmpty = tc.second;
        ClientSim* owner = ByMid(m_model->NotifyOwner(n));
        if (!owner || owner->mode == ExpiryMode::NoCallback)
        {
            Check(g == 0, "ChangeNotification to a client without callback");
            continue;
        }
        std::ostringstream os;
        os << "ChangeNotification count of notify #" << n << ": real " << g
           << ", model: " << transitions << " empty->non-empty transitions, set "
           << (nonEmpty ? "non-empty" : "empty");
        if (!nonEmpty || transitions == 0)
        {
            Check(g == 0, os.str());
        }
        else
        {
            Check(g >= 1 && g <= transitions, os.str());
        }
    }
}

// ================================================================================ checks

void
Driver::CheckFib()
{
    for (const auto& a : m_lookups)
    {
        const std::string what = "FIB Lookup " + Model::Str(a); // once: it costs
        DestOut mo;
        RtmDestInfo ro;
        RtmStatus ms = m_model->Lookup(a, RTM_VIEW_ID_UCAST, mo);
        RtmStatus rs = m_inst->Lookup(a, RTM_VIEW_ID_UCAST, ro);
        St(rs, ms, what);
        ++g_cov.fibLookups;
        bool observing = m_observer && m_model->IsRegistered(m_observer->mid);
        if (observing)
        {
            // One answer everywhere (decision 26): the table's longest-match query names the
            // destination and the route the FIB forwards by, whatever the model says.
            RtmDestInfo q;
            RtmStatus qs = m_observer->reg->GetMostSpecificDestination(a,
                                                                       RTM_BEST_PROTOCOL,
                                                                       RTM_VIEW_MASK_UCAST,
                                                                       q);
            St(qs, rs, what + ": GetMostSpecificDestination and the FIB disagree");
            if (rs == RtmStatus::Success &&
                !(q.destAddress == ro.destAddress && q.viewInfo.size() == 1 &&
                  ro.viewInfo.size() == 1 && q.viewInfo[0].route == ro.viewInfo[0].route))
            {
                Check(false,
                      what + ": GetMostSpecificDestination gives " + q.destAddress.ToString() +
                          ", the FIB " + ro.destAddress.ToString());
            }
        }
        if (ms == RtmStatus::Success)
        {
            if (observing)
            {
                // the same destination through the table first
                DestOut m2;
                RtmDestInfo r2;
                m_model->GetDestInfo(m_observer->mid, mo.dest, 0, RTM_VIEW_MASK_ALL, m2);
                St(m_observer->reg->GetDestInfo(m_dst.Real(mo.dest), 0, RTM_VIEW_MASK_ALL, r2),
                   RtmStatus::Success,
                   "GetDestInfo of the FIB match");
                CmpDest(r2, m2, "GetDestInfo of the FIB match: " + what);
            }
            CmpDest(ro, mo, what);
            // what the forwarding plane reads: the best route's usable hops after resolution
            if (!mo.views.empty() && mo.views[0].route != 0)
            {
                CheckHops(mo.views[0].route, what);
            }
        }
    }
}

void
Driver::CheckHops(Id route, const std::string& what)
{
    std::vector<HopOut> mh = m_model->Hops(route);
    bool mreach = m_model->Reachable(route);
    uint32_t slot = m_rte.Real(route).index;
    std::vector<HopOut> rh;
    bool rreach = false;
    auto read = [this, &rh, &rreach](auto& t, uint32_t r) {
        typedef typename std::remove_reference<decltype(t)>::type::Key Key;
        uint16_t bits = m_family == RTM_AF_INET ? 32 : 128;
        rreach = t.RouteReachable(r);
        for (uint32_t i = 0; i < t.HopCount(r); ++i)
        {
            auto h = t.GetHop(r, i);
            HopOut o;
            o.ifIndex = h.ifIndex;
            o.gateway = m_family == RTM_AF_INET
                            ? RtmKeyOps<RtmIpv4Family>::ToNetAddress(uint32_t(h.gateway), bits)
                            : RtmKeyOps<RtmIpv6Family>::ToNetAddress(Key(h.gateway), bits);
            rh.push_back(o);
        }
    };
    if (m_family == RTM_AF_INET)
    {
        read(m_inst->GetIpv4Table(), slot);
    }
    else
    {
        read(m_inst->GetIpv6Table(), slot);
    }
    if (!mreach)
    {
        ++g_cov.unreachable;
    }
    else if (m_model->HasRemote(route) && !mh.empty())
    {
        ++g_cov.resolved;
    }
    ++g_cov.hopChecks;
    if (rreach == mreach && rh == mh)
    {
        return;
    }
    auto dump = [](bool reach, const std::vector<HopOut>& hops) {
        std::string str = reach ? "reachable" : "unreachable";
        for (const HopOut& h : hops)
        {
            str += " " + std::to_string(h.ifIndex) + "/" + Model::Str(h.gateway);
        }
        return str;
    };
    Check(false,
          what + ": hops of route #" + std::to_string(route) + ": real " + dump(rreach, rh) +
              "; model " + dump(mreach, mh));
}

void
Driver::OpInterface()
{
    uint32_t itf = 1 + U(9); // 9 is not owned at first
    uint32_t k = U(10);
    const Config& cfg = m_model->GetConfig();
    if (k < 6)
    {
        bool up = cfg.down.count(itf) ? P(70) : P(30);
        Log("interface " + std::to_string(itf) + (up ? " up" : " down"));
        m_inst->SetInterfaceState(m_family, itf, up);
        m_model->SetInterfaceState(itf, up);
        ++g_cov.interfaceEvents;
    }
    else if (k < 8 && cfg.interfaces.count(itf))
    {
        Log("interface " + std::to_string(itf) + " removed");
        m_inst->RemoveInterface(m_family, itf);
        m_model->RemoveInterface(itf);
        ++g_cov.interfaceEvents;
    }
    else if (!cfg.interfaces.count(itf))
    {
        Log("interface " + std::to_string(itf) + " added");
        m_inst->AddInterface(m_family, itf);
        m_model->AddInterface(itf);
        ++g_cov.interfaceEvents;
    }
}

void
Driver::CheckDestAndRoute(Id dest, Id route)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    if (dest && m_dst.Has(dest))
    {
        DestOut mo;
        RtmDestInfo ro;
        RtmStatus ms = m_model->GetDestInfo(c->mid, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, mo);
        RtmStatus rs =
            c->reg->GetDestInfo(m_dst.Real(dest), RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, ro);
        St(rs, ms, "unchanged dest");
        if (ms == RtmStatus::Success)
        {
            CmpDest(ro, mo, "unchanged dest");
        }
        for (Id n : m_model->NotifiesOf(c->mid))
        {
            bool mp = false;
            bool rp = false;
            ms = m_model->GetChangeStatus(c->mid, n, dest, mp);
            rs = c->reg->GetChangeStatus(m_ntf.Real(n), m_dst.Real(dest), rp);
            St(rs, ms, "unchanged change status");
            Check(mp == rp, "unchanged change status");
        }
    }
    if (route && m_rte.Has(route))
    {
        RouteOut mo;
        RtmNetAddress ma;
        RtmRouteInfo ro;
        RtmNetAddress ra;
        RtmStatus ms = m_model->GetRouteInfo(c->mid, route, mo, ma);
        RtmStatus rs = c->reg->GetRouteInfo(m_rte.Real(route), &ro, &ra);
        St(rs, ms, "unchanged route");
        if (ms == RtmStatus::Success)
        {
            CmpRoute(ro, mo, "unchanged route");
        }
    }
}

void
Driver::FullCheck()
{
    ClientSim* c = m_model->IsRegistered(m_observer->mid) ? m_observer : PickClient();
    if (c)
    {
        for (Id d : m_model->LiveDests())
        {
            for (uint32_t views : {RTM_VIEW_MASK_ALL, RTM_VIEW_MASK_ANY})
            {
                DestOut mo;
                RtmDestInfo ro;
                RtmStatus ms = m_model->GetDestInfo(c->mid, d, RTM_BEST_PROTOCOL, views, mo);
                RtmStatus rs = c->reg->GetDestInfo(m_dst.Real(d), RTM_BEST_PROTOCOL, views, ro);
                St(rs, ms, "full check GetDestInfo");
                CmpDest(ro, mo, "full check GetDestInfo");
            }
        }
        for (Id r : m_model->AllRoutes())
        {
            RouteOut mo;
            RtmNetAddress ma;
            RtmRouteInfo ro;
            RtmNetAddress ra;
            RtmStatus ms = m_model->GetRouteInfo(c->mid, r, mo, ma);
            RtmStatus rs = c->reg->GetRouteInfo(m_rte.Real(r), &ro, &ra);
            St(rs, ms, "full check GetRouteInfo");
            CmpRoute(ro, mo, "full check GetRouteInfo");
            Check(ra == ma, "full check GetRouteInfo address");
            uint32_t mv = 0;
            uint32_t rv = 0;
            St(c->reg->IsBestRoute(m_rte.Real(r), rv),
               m_model->IsBestRoute(c->mid, r, mv),
               "full check IsBestRoute");
            Check(rv == mv, "full check IsBestRoute views");
            if (m_model->RouteLive(r))
            {
                CheckHops(r, "full check");
            }
        }
        for (Id n : m_model->AllNextHops())
        {
            NextHopOut mo;
            RtmNextHopInfo ro;
            St(c->reg->GetNextHopInfo(m_nh.Real(n), ro),
               m_model->GetNextHopInfo(c->mid, n, mo),
               "full check GetNextHopInfo");
            CmpNextHop(ro, mo, "full check GetNextHopInfo");
        }
        // stale handles of every kind stay stale
        for (int k = 0; k < 6; ++k)
        {
            Id d = PickDead(m_dst, &Model::DestAlive);
            if (d)
            {
                RtmDestInfo ro;
                DestOut mo;
                St(c->reg->GetDestInfo(m_dst.Real(d), 0, RTM_VIEW_MASK_ALL, ro),
                   m_model->GetDestInfo(c->mid, d, 0, RTM_VIEW_MASK_ALL, mo),
                   "stale dest #" + std::to_string(d));
            }
            Id r = PickDead(m_rte, &Model::RouteAlive);
            if (r)
            {
                RtmRouteInfo ro;
                RouteOut mo;
                RtmNetAddress ma;
                St(c->reg->GetRouteInfo(m_rte.Real(r), &ro),
                   m_model->GetRouteInfo(c->mid, r, mo, ma),
                   "stale route #" + std::to_string(r));
            }
            Id n = PickDead(m_nh, &Model::NextHopAlive);
            if (n)
            {
                RtmNextHopInfo ro;
                NextHopOut mo;
                St(c->reg->GetNextHopInfo(m_nh.Real(n), ro),
                   m_model->GetNextHopInfo(c->mid, n, mo),
                   "stale next hop #" + std::to_string(n));
            }
        }
    }
    for (auto& cs : m_clients)
    {
        if (!m_model->IsRegistered(cs->mid))
        {
            continue;
        }
        Id cm = cs->mid;
        // whole-table enumerations, batch by batch
        RtmEnumHandle rh;
        Id mh = 0;
        St(cs->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, 0, rh),
           m_model->CreateDestEnum(cm, RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, 0, mh),
           "full check CreateDestEnum");
        m_enm.Bind(rh, mh, "full check dest enum");
        for (int k = 0; k < 40; ++k)
        {
            if (OpGetEnum(cs.get(), mh, m_cfg.maxHandles) != RtmStatus::Success)
            {
                break;
            }
        }
        if (m_model->EnumAlive(mh))
        {
            St(cs->reg->DeleteEnumHandle(rh), m_model->DeleteEnum(cm, mh), "DeleteEnumHandle");
        }
        St(cs->reg->CreateRouteEnum(RtmDestHandle(),
                                    RTM_VIEW_MASK_ANY,
                                    RTM_ENUM_START,
                                    nullptr,
                                    RTM_MATCH_NONE,
                                    nullptr,
                                    0,
                                    rh),
           m_model->CreateRouteEnum(cm,
                                    0,
                                    RTM_VIEW_MASK_ANY,
                                    RTM_ENUM_START,
                                    nullptr,
                                    RTM_MATCH_NONE,
                                    nullptr,
                                    0,
                                    mh),
           "full check CreateRouteEnum");
        m_enm.Bind(rh, mh, "full check route enum");
        for (int k = 0; k < 40 && m_model->EnumAlive(mh); ++k)
        {
            uint32_t n = m_cfg.maxHandles;
            std::vector<Id> mo;
            std::vector<RtmRouteHandle> ro;
            RtmStatus ms = m_model->GetEnumRoutes(cm, mh, n, mo);
            uint32_t rn = m_cfg.maxHandles;
            St(cs->reg->GetEnumRoutes(rh, rn, ro), ms, "full check GetEnumRoutes");
            CmpRouteList(ro, mo, "full check GetEnumRoutes");
            if (ms == RtmStatus::NoMoreItems)
            {
                St(cs->reg->DeleteEnumHandle(rh), m_model->DeleteEnum(cm, mh), "DeleteEnumHandle");
                break;
            }
        }
        if (m_model->EnumAlive(mh))
        {
            St(cs->reg->DeleteEnumHandle(rh), m_model->DeleteEnum(cm, mh), "DeleteEnumHandle");
        }
        for (Id n : m_model->NotifiesOf(cm))
        {
            for (Id d : m_model->LiveDests())
            {
                bool mp = false;
                bool rp = false;
                St(cs->reg->GetChangeStatus(m_ntf.Real(n), m_dst.Real(d), rp),
                   m_model->GetChangeStatus(cm, n, d, mp),
                   "full check GetChangeStatus");
                if (mp != rp)
                {
                    Check(false,
                          "full check GetChangeStatus of " + Model::Str(m_model->PrefixOf(d)) +
                              " for notify#" + std::to_string(n) + ": real " + std::to_string(rp) +
                              ", model " + std::to_string(mp));
                }
                St(cs->reg->IsMarkedForChangeNotification(m_ntf.Real(n), m_dst.Real(d), rp),
                   m_model->IsMarked(cm, n, d, mp),
                   "full check IsMarked");
                Check(mp == rp, "full check IsMarked");
            }
        }
        if (m_model->HasSlot(cm))
        {
            for (Id d : m_model->LiveDests())
            {
                uint64_t mv = 0;
                uint64_t rv = 0;
                St(cs->reg->GetOpaquePointer(m_dst.Real(d), rv),
                   m_model->GetOpaque(cm, d, mv),
                   "full check GetOpaquePointer");
                Check(mv == rv, "full check opaque value");
            }
        }
    }
    // What the forwarding plane reads (the interned forwarding records) follows the best routes.
    Check(m_inst->GetIpv4Table().CheckForwardRecords() &&
              m_inst->GetIpv6Table().CheckForwardRecords(),
          "forwarding records out of step with the best routes");
    // The destination index: trie structure, exact-match hash, destinations <-> trie nodes.
    Check(m_inst->GetIpv4Table().CheckIndex() && m_inst->GetIpv6Table().CheckIndex(),
          "destination index (trie, exact-match hash) inconsistent");
    CheckFib();
}

// ================================================================================ operations

void
Driver::OpAddRoute(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    RtmNetAddress dest = PickPrefix();
    RouteIn in = MakeRouteIn(c);
    uint32_t ttl = PickTtl();
    Id route = 0;
    Id list = 0;
    uint32_t flags = 0;
    uint32_t r = U(100);
    std::string how;
    if (r < 20)
    {
        // update by handle
        route = PickLiveRoute(c);
        if (route)
        {
            dest = m_model->PrefixOf(m_model->DestOfRoute(route));
            how = "by handle";
        }
    }
    else if (r < 35)
    {
        flags = RTM_ROUTE_CHANGE_NEW;
        how = "NEW";
    }
    else if (r < 50)
    {
        flags = RTM_ROUTE_CHANGE_FIRST;
        how = "FIRST";
    }
    else
    {
        how = "by neighbour";
    }
    auto lists = m_model->ListsOf(c->mid);
    if (!lists.empty() && P(15))
    {
        list = Pick(lists);
    }
    if (bad)
    {
        uint32_t k = U(18);
        ClientSim* o = OtherClient(c);
        if (k >= 8 && k <= 11 && in.nextHops.size() >= m_cfg.maxNextHops)
        {
            in.nextHops.pop_back(); // one fault at a time: room for the bad next hop
        }
        switch (k)
        {
        case 0:
            dest = PickBadPrefix();
            how += " bad prefix";
            break;
        case 1:
            flags = RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_FIRST;
            how += " NEW|FIRST";
            break;
        case 2:
            route = PickDead(m_rte, &Model::RouteAlive);
            how += " stale route";
            break;
        case 3:
            route = PickForeign(m_rte);
            how += " foreign route";
            break;
        case 4:
            if (o && (route = PickLiveRoute(o)))
            {
                dest = m_model->PrefixOf(m_model->DestOfRoute(route));
                how += " other client's route";
            }
            break;
        case 5:
            if ((route = PickLiveRoute(c)))
            {
                RtmNetAddress d2 = PickPrefix();
                if (d2 == m_model->PrefixOf(m_model->DestOfRoute(route)))
                {
                    d2 = m_prefixes[0] == d2 ? m_prefixes[1] : m_prefixes[0];
                }
                dest = d2;
                how += " route not on dest";
            }
            break;
        case 6:
            in.views = 0;
            how += " no view";
            break;
        case 7:
            in.views |= 0x80;
            how += " unsupported view";
            break;
        case 8:
            in.nextHops.push_back(PickDead(m_nh, &Model::NextHopAlive));
            how += " stale next hop";
            break;
        case 9:
            in.nextHops.push_back(PickForeign(m_nh));
            how += " foreign next hop";
            break;
        case 10:
            if (o && !m_model->NextHopsOf(o->mid).empty())
            {
                in.nextHops.push_back(Pick(m_model->NextHopsOf(o->mid)));
                how += " other client's next hop";
            }
            break;
        case 11:
            if (!in.nextHops.empty())
            {
                in.nextHops.push_back(in.nextHops[0]);
                how += " repeated next hop";
            }
            break;
        case 12: {
            auto nhs = m_model->NextHopsOf(c->mid);
            if (nhs.size() > m_cfg.maxNextHops)
            {
                std::sort(nhs.begin(), nhs.end());
                nhs.resize(m_cfg.maxNextHops + 1);
                in.nextHops = nhs;
                how += " too many next hops";
            }
            break;
        }
        case 13: {
            for (Id n : m_model->AllNextHops())
            {
                if (m_model->NextHopDeleted(n) && m_model->OwnerOfNextHop(n) == c->mid)
                {
                    in.nextHops.push_back(n);
                    how += " DELETED next hop";
                    break;
                }
            }
            break;
        }
        case 14:
            in.neighbour = P(50) ? PickDead(m_nh, &Model::NextHopAlive) : PickForeign(m_nh);
            how += " bad neighbour";
            break;
        case 15:
            if (o && !m_model->NextHopsOf(o->mid).empty())
            {
                in.neighbour = Pick(m_model->NextHopsOf(o->mid));
                how += " other client's neighbour";
            }
            break;
        case 16:
            list = P(50) ? PickForeign(m_lst) : PickDead(m_lst, &Model::ListAlive);
            how += " bad list";
            break;
        case 17:
            if (o && !m_model->ListsOf(o->mid).empty())
            {
                list = Pick(m_model->ListsOf(o->mid));
                how += " other client's list";
            }
            break;
        }
        if (route && m_model->RouteAlive(route) && !m_model->RouteLive(route))
        {
            return; // a held route: not decided
        }
        if (!m_nh.Has(in.neighbour))
        {
            return;
        }
        for (Id n : in.nextHops)
        {
            if (n == 0 || !m_nh.Has(n))
            {
                return;
            }
        }
    }
    Log("AddRouteToDest c#" + std::to_string(c->mid) + " " + Model::Str(dest) + " " + how +
        " route#" + std::to_string(route) + " pref " + std::to_string(in.pref) + " metric " +
        std::to_string(in.metric) + " views " + std::to_string(in.views) + " flags " +
        std::to_string(in.flags) + " ttl " + std::to_string(ttl));
    RtmRouteHandle rh = m_rte.Real(route);
    uint32_t rcf = flags;
    RtmStatus rs = c->reg->AddRouteToDest(rh, dest, RealRouteIn(in), ttl, m_lst.Real(list), rcf);
    Id mroute = route;
    uint32_t mcf = flags;
    RtmStatus ms = m_model->AddRoute(c->mid, mroute, dest, in, ttl, list, mcf);
    St(rs, ms, "AddRouteToDest");
    if (ms == RtmStatus::Success)
    {
        ++((mcf & RTM_ROUTE_CHANGE_NEW) ? g_cov.routesCreated : g_cov.routesUpdated);
        m_rte.Bind(rh, mroute, "AddRouteToDest route");
        Check(rcf == mcf,
              "AddRouteToDest change flags real " + std::to_string(rcf) + " model " +
                  std::to_string(mcf));
        // learn the destination handle and check the route
        RouteOut mo;
        RtmNetAddress ma;
        RtmRouteInfo ro;
        m_model->GetRouteInfo(c->mid, mroute, mo, ma);
        St(c->reg->GetRouteInfo(rh, &ro), RtmStatus::Success, "GetRouteInfo after add");
        CmpRoute(ro, mo, "route after add");
    }
    else
    {
        Id d = 0;
        for (Id x : m_model->LiveDests())
        {
            if (m_model->PrefixOf(x) == dest)
            {
                d = x;
            }
        }
        CheckDestAndRoute(d, route);
    }
}

void
Driver::OpUpdateRoute(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    Id route = PickLiveRoute(c);
    RouteIn in;
    if (route && P(60))
    {
        // a small edit of the current contents
        RouteOut cur;
        RtmNetAddress a;
        m_model->GetRouteInfo(c->mid, route, cur, a);
        in.neighbour = cur.neighbour;
        in.flags1 = cur.flags1;
        in.flags = cur.flags;
        in.metric = cur.metric;
        in.pref = cur.pref;
        in.views = cur.views;
        in.esi = cur.esi;
        in.nextHops = cur.nextHops;
        bool deletedNh = false;
        for (Id n : in.nextHops)
        {
            deletedNh |= m_model->NextHopDeleted(n);
        }
        if (deletedNh || (in.neighbour && m_model->NextHopDeleted(in.neighbour)))
        {
            in = MakeRouteIn(c);
        }
        switch (U(8))
        {
        case 0:
            in.metric = U(7);
            break;
        case 1:
            in.esi = U(4);
            break;
        case 2:
            in.flags1 = uint8_t(U(3));
            break;
        case 3:
            in.flags ^= RTM_ROUTE_FLAGS_INACTIVE;
            break;
        case 4:
            in.flags ^= RTM_ROUTE_FLAGS_ZEROS_NETBC;
            break;
        case 5:
            in.views = in.views == RTM_VIEW_MASK_UCAST ? RTM_VIEW_MASK_MCAST : RTM_VIEW_MASK_UCAST;
            break;
        case 6:
            in.pref = P(50) ? 0 : 100 + U(4);
            break;
        default:
            break; // no change at all
        }
    }
    else
    {
        in = MakeRouteIn(c);
    }
    Id list = 0;
    auto lists = m_model->ListsOf(c->mid);
    if (!lists.empty() && P(15))
    {
        list = Pick(lists);
    }
    std::string how;
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(6))
        {
        case 0:
            route = PickDead(m_rte, &Model::RouteAlive);
            how = " stale route";
            break;
        case 1:
            route = PickForeign(m_rte);
            how = " foreign route";
            break;
        case 2:
            if (o)
            {
                route = PickLiveRoute(o);
                how = " other client's route";
            }
            break;
        case 3:
            in.views = 0;
            how = " no view";
            break;
        case 4:
            if (in.nextHops.size() >= m_cfg.maxNextHops)
            {
                in.nextHops.pop_back();
            }
            in.nextHops.push_back(PickForeign(m_nh));
            how = " foreign next hop";
            break;
        case 5:
            list = PickForeign(m_lst);
            how = " foreign list";
            break;
        }
    }
    if (!route || (m_model->RouteAlive(route) && !m_model->RouteLive(route)))
    {
        return;
    }
    uint32_t ttl = PickTtl();
    Log("UpdateRoute c#" + std::to_string(c->mid) + " route#" + std::to_string(route) + how +
        " pref " + std::to_string(in.pref) + " metric " + std::to_string(in.metric) + " views " +
        std::to_string(in.views) + " flags " + std::to_string(in.flags) + " ttl " +
        std::to_string(ttl));
    uint32_t rcf = 0;
    RtmStatus rs =
        c->reg->UpdateRoute(m_rte.Real(route), RealRouteIn(in), ttl, m_lst.Real(list), rcf);
    uint32_t mcf = 0;
    RtmStatus ms = m_model->UpdateRoute(c->mid, route, in, ttl, list, mcf);
    St(rs, ms, "UpdateRoute");
    if (ms == RtmStatus::Success)
    {
        ++g_cov.routesUpdated;
        Check(rcf == mcf,
              "UpdateRoute change flags real " + std::to_string(rcf) + " model " +
                  std::to_string(mcf));
    }
    CheckDestAndRoute(m_model->DestOfRoute(route), route);
}

void
Driver::OpDeleteRoute(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    Id route = PickLiveRoute(c);
    std::string how;
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(3))
        {
        case 0:
            route = PickDead(m_rte, &Model::RouteAlive);
            how = " stale";
            break;
        case 1:
            route = PickForeign(m_rte);
            how = " foreign";
            break;
        case 2:
            route = o ? PickLiveRoute(o) : 0;
            how = " other client's";
            break;
        }
    }
    if (!route || (m_model->RouteAlive(route) && !m_model->RouteLive(route)))
    {
        return;
    }
    Id dest = m_model->DestOfRoute(route);
    Log("DeleteRouteToDest c#" + std::to_string(c->mid) + " route#" + std::to_string(route) + how);
    uint32_t rcf = 0;
    uint32_t mcf = 0;
    RtmStatus rs = c->reg->DeleteRouteToDest(m_rte.Real(route), rcf);
    RtmStatus ms = m_model->DeleteRoute(c->mid, route, mcf);
    St(rs, ms, "DeleteRouteToDest");
    if (ms == RtmStatus::Success)
    {
        ++g_cov.routesDeleted;
        Check(rcf == mcf,
              "DeleteRouteToDest change flags real " + std::to_string(rcf) + " model " +
                  std::to_string(mcf));
    }
    CheckDestAndRoute(dest, route);
}

void
Driver::OpAddNextHop(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    RtmNetAddress addr = Pick(m_nhAddrs);
    uint32_t ifIndex = U(9); // 0..8 owned
    uint16_t flags = P(25) ? RTM_NEXTHOP_FLAGS_REMOTE : 0;
    if (P(10))
    {
        flags |= RTM_NEXTHOP_FLAGS_DOWN;
    }
    uint64_t esi = U(3);
    Id handle = 0;
    auto mine = m_model->NextHopsOf(c->mid);
    if (!mine.empty() && P(40))
    {
        // edit an existing next hop, by handle or by identity
        Id n = Pick(mine);
        NextHopOut cur;
        m_model->GetNextHopInfo(c->mid, n, cur);
        addr = cur.addr;
        ifIndex = cur.ifIndex;
        flags = cur.flags;
        if (P(50))
        {
            flags ^= RTM_NEXTHOP_FLAGS_DOWN;
        }
        if (P(50))
        {
            esi = cur.esi;
        }
        if (P(50))
        {
            handle = n;
        }
        if ((flags & RTM_NEXTHOP_FLAGS_REMOTE) && P(50))
        {
            ifIndex = 1 + U(8); // ignored for a remote next hop
        }
    }
    std::string how;
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(6))
        {
        case 0:
            addr = PickPrefix();
            if (addr.numBits == (m_family == RTM_AF_INET ? 32 : 128))
            {
                addr = PickBadPrefix();
            }
            how = " not a host address";
            break;
        case 1:
            flags &= ~RTM_NEXTHOP_FLAGS_REMOTE;
            ifIndex = 9 + U(3);
            how = " interface not owned";
            break;
        case 2:
            handle = PickDead(m_nh, &Model::NextHopAlive);
            how = " stale handle";
            break;
        case 3:
            handle = PickForeign(m_nh);
            how = " foreign handle";
            break;
        case 4:
            if (o && !m_model->NextHopsOf(o->mid).empty())
            {
                handle = Pick(m_model->NextHopsOf(o->mid));
                NextHopOut cur;
                m_model->GetNextHopInfo(o->mid, handle, cur);
                addr = cur.addr;
                ifIndex = cur.ifIndex;
                how = " other client's handle";
            }
            break;
        case 5:
            if (!mine.empty())
            {
                handle = Pick(mine);
                NextHopOut cur;
                m_model->GetNextHopInfo(c->mid, handle, cur);
                addr = cur.addr;
                ifIndex = cur.ifIndex + 1 + U(2);
                flags = cur.flags & ~RTM_NEXTHOP_FLAGS_REMOTE;
                if (P(30))
                {
                    addr = Pick(m_nhAddrs);
                    ifIndex = cur.ifIndex;
                    flags = cur.flags;
                }
                how = " identity changed through the handle";
            }
            break;
        }
        if (handle && m_model->NextHopDeleted(handle))
        {
            return; // not decided
        }
    }
    {
        // Whether an edit may toggle REMOTE (identity (address, 0) unchanged) is not decided;
        // the real table refuses it. Keep the REMOTE bit of the next hop being edited.
        Id existing = handle;
        uint32_t effIf = (flags & RTM_NEXTHOP_FLAGS_REMOTE) ? 0 : ifIndex;
        if (!existing && m_model->FindNextHop(c->mid, addr, effIf, existing) != RtmStatus::Success)
        {
            existing = 0;
        }
        if (existing && m_model->NextHopAlive(existing) &&
            m_model->OwnerOfNextHop(existing) == c->mid)
        {
            NextHopOut cur;
            m_model->GetNextHopInfo(c->mid, existing, cur);
            if (effIf == cur.ifIndex && addr == cur.addr)
            {
                flags =
                    (flags & ~RTM_NEXTHOP_FLAGS_REMOTE) | (cur.flags & RTM_NEXTHOP_FLAGS_REMOTE);
            }
        }
    }
    RtmNextHopInfo info;
    info.nextHopAddress = addr;
    info.interfaceIndex = ifIndex;
    info.flags = flags;
    info.entitySpecificInfo = esi;
    info.state = RTM_NEXTHOP_STATE_DELETED; // ignored
    RtmNextHopHandle rh = m_nh.Real(handle);
    uint32_t rcf = 77;
    Log("AddNextHop c#" + std::to_string(c->mid) + " " + Model::Str(addr) + " if " +
        std::to_string(ifIndex) + " flags " + std::to_string(flags) + " esi " +
        std::to_string(esi) + " handle#" + std::to_string(handle) + how);
    RtmStatus rs = c->reg->AddNextHop(info, rh, rcf);
    Id mh = handle;
    uint32_t mcf = 77;
    RtmStatus ms = m_model->AddNextHop(c->mid, addr, ifIndex, flags, esi, mh, mcf);
    St(rs, ms, "AddNextHop");
    if (ms == RtmStatus::Success)
    {
        m_nh.Bind(rh, mh, "AddNextHop handle");
        Check(rcf == mcf, "AddNextHop change flags");
        NextHopOut mo;
        RtmNextHopInfo ro;
        m_model->GetNextHopInfo(c->mid, mh, mo);
        St(c->reg->GetNextHopInfo(rh, ro), RtmStatus::Success, "GetNextHopInfo after add");
        CmpNextHop(ro, mo, "next hop after add");
    }
}

void
Driver::OpDeleteNextHop(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto mine = m_model->NextHopsOf(c->mid);
    if (mine.size() < 3 && !bad)
    {
        return; // keep a few
    }
    Id handle = mine.empty() ? 0 : Pick(mine);
    bool byInfo = false;
    RtmNetAddress addr;
    uint32_t ifIndex = 0;
    std::string how;
    if (handle && P(40))
    {
        NextHopOut cur;
        m_model->GetNextHopInfo(c->mid, handle, cur);
        addr = cur.addr;
        ifIndex = cur.ifIndex;
        byInfo = true;
        handle = 0;
        how = " by info";
    }
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(5))
        {
        case 0:
            handle = 0;
            byInfo = false;
            how = " neither";
            break;
        case 1:
            handle = PickDead(m_nh, &Model::NextHopAlive);
            byInfo = false;
            how = " stale";
            break;
        case 2:
            handle = PickForeign(m_nh);
            byInfo = false;
            how = " foreign";
            break;
        case 3:
            handle =
                o && !m_model->NextHopsOf(o->mid).empty() ? Pick(m_model->NextHopsOf(o->mid)) : 0;
            byInfo = false;
            how = " other client's";
            break;
        case 4:
            handle = 0;
            byInfo = true;
            addr = Pick(m_nhAddrs);
            ifIndex = P(50) ? 9 : U(9);
            if (P(30))
            {
                addr = PickBadPrefix();
            }
            how = " by info (maybe absent or malformed)";
            break;
        }
        if (handle && m_model->NextHopDeleted(handle))
        {
            return; // not decided
        }
    }
    else if (!handle && !byInfo)
    {
        return;
    }
    Log("DeleteNextHop c#" + std::to_string(c->mid) + " handle#" + std::to_string(handle) + how);
    RtmNextHopInfo info;
    info.nextHopAddress = addr;
    info.interfaceIndex = ifIndex;
    RtmStatus rs = c->reg->DeleteNextHop(m_nh.Real(handle), byInfo ? &info : nullptr);
    RtmStatus ms = m_model->DeleteNextHop(c->mid, handle, byInfo, addr, ifIndex);
    St(rs, ms, "DeleteNextHop");
}

void
Driver::OpFindNextHop()
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    RtmNetAddress addr = P(5) ? PickBadPrefix() : Pick(m_nhAddrs);
    uint32_t ifIndex = U(10);
    RtmNextHopInfo info;
    info.nextHopAddress = addr;
    info.interfaceIndex = ifIndex;
    RtmNextHopHandle rh;
    Id mh = 0;
    Log("FindNextHop c#" + std::to_string(c->mid) + " " + Model::Str(addr) + " if " +
        std::to_string(ifIndex));
    RtmStatus rs = c->reg->FindNextHop(info, rh);
    RtmStatus ms = m_model->FindNextHop(c->mid, addr, ifIndex, mh);
    St(rs, ms, "FindNextHop");
    if (ms == RtmStatus::Success)
    {
        m_nh.Bind(rh, mh, "FindNextHop");
    }
}

void
Driver::OpNextHopInfo(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto all = m_model->AllNextHops();
    Id n = all.empty() ? 0 : Pick(all);
    if (bad)
    {
        n = P(50) ? PickDead(m_nh, &Model::NextHopAlive) : PickForeign(m_nh);
    }
    if (!n || !m_nh.Has(n))
    {
        return;
    }
    Log("GetNextHopInfo #" + std::to_string(n));
    NextHopOut mo;
    RtmNextHopInfo ro;
    RtmStatus ms = m_model->GetNextHopInfo(c->mid, n, mo);
    St(c->reg->GetNextHopInfo(m_nh.Real(n), ro), ms, "GetNextHopInfo");
    if (ms == RtmStatus::Success)
    {
        CmpNextHop(ro, mo, "GetNextHopInfo");
    }
}

void
Driver::Trim(ClientSim* c)
{
    auto enums = m_model->EnumsOf(c->mid);
    if (enums.size() > 6)
    {
        Id e = enums.front();
        St(c->reg->DeleteEnumHandle(m_enm.Real(e)),
           m_model->DeleteEnum(c->mid, e),
           "DeleteEnumHandle");
    }
}

void
Driver::OpNextHopEnum(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    uint32_t flags = U(3);
    RtmNetAddress a = flags == RTM_ENUM_NEXT ? Pick(m_nhAddrs) : PickPrefix();
    const RtmNetAddress* ap = &a;
    if (flags == RTM_ENUM_START && P(50))
    {
        ap = nullptr;
    }
    if (bad)
    {
        switch (U(3))
        {
        case 0:
            flags = 3 + U(5);
            break;
        case 1:
            flags = 1 + U(2);
            ap = nullptr;
            break;
        case 2:
            flags = 1 + U(2);
            a = PickBadPrefix();
            break;
        }
    }
    Log("CreateNextHopEnum c#" + std::to_string(c->mid) + " flags " + std::to_string(flags) +
        (ap ? " " + Model::Str(*ap) : std::string(" null")));
    RtmEnumHandle rh;
    Id mh = 0;
    RtmStatus rs = c->reg->CreateNextHopEnum(flags, ap, rh);
    RtmStatus ms = m_model->CreateNextHopEnum(c->mid, flags, ap, mh);
    St(rs, ms, "CreateNextHopEnum");
    if (ms == RtmStatus::Success)
    {
        m_enm.Bind(rh, mh, "CreateNextHopEnum");
        OpGetEnum(c, mh, 1 + U(m_cfg.maxHandles));
        Trim(c);
    }
}

RtmStatus
Driver::OpGetEnum(ClientSim* c, Id e, uint32_t num)
{
    RtmStatus ret = RtmStatus::InvalidHandle;
    int kind = m_model->EnumKindOf(e);
    RtmEnumHandle rh = m_enm.Real(e);
    uint32_t rn = num;
    uint32_t mn = num;
    Log("GetEnum(kind " + std::to_string(kind) + ") c#" + std::to_string(c->mid) + " enum#" +
        std::to_string(e) + " num " + std::to_string(num));
    if (kind == 0)
    {
        std::vector<RtmDestInfo> ro;
        std::vector<DestOut> mo;
        RtmStatus ms = m_model->GetEnumDests(c->mid, e, mn, mo);
        ret = ms;
        St(c->reg->GetEnumDests(rh, rn, ro), ms, "GetEnumDests");
        if (ms == RtmStatus::Success || ms == RtmStatus::NoMoreItems)
        {
            Check(rn == mn && ro.size() == mo.size(),
                  "GetEnumDests count real " + std::to_string(rn) + "/" +
                      std::to_string(ro.size()) + " model " + std::to_string(mn));
            for (size_t i = 0; i < mo.size(); ++i)
            {
                CmpDest(ro[i], mo[i], "GetEnumDests item " + std::to_string(i));
            }
            g_cov.enumerated += mo.size();
        }
    }
    else if (kind == 1)
    {
        std::vector<RtmRouteHandle> ro;
        std::vector<Id> mo;
        RtmStatus ms = m_model->GetEnumRoutes(c->mid, e, mn, mo);
        ret = ms;
        St(c->reg->GetEnumRoutes(rh, rn, ro), ms, "GetEnumRoutes");
        if (ms == RtmStatus::Success || ms == RtmStatus::NoMoreItems)
        {
            Check(rn == mn, "GetEnumRoutes count");
            CmpRouteList(ro, mo, "GetEnumRoutes");
            g_cov.enumerated += mo.size();
        }
    }
    else if (kind == 2)
    {
        std::vector<RtmNextHopHandle> ro;
        std::vector<Id> mo;
        RtmStatus ms = m_model->GetEnumNextHops(c->mid, e, mn, mo);
        ret = ms;
        St(c->reg->GetEnumNextHops(rh, rn, ro), ms, "GetEnumNextHops");
        if (ms == RtmStatus::Success || ms == RtmStatus::NoMoreItems)
        {
            Check(rn == mn && ro.size() == mo.size(), "GetEnumNextHops count");
            for (size_t i = 0; i < mo.size(); ++i)
            {
                m_nh.Bind(ro[i], mo[i], "GetEnumNextHops item");
            }
        }
    }
    else if (kind == 3)
    {
        std::vector<RtmRouteHandle> ro;
        std::vector<Id> mo;
        RtmStatus ms = m_model->GetListEnumRoutes(c->mid, e, mn, mo);
        ret = ms;
        St(c->reg->GetListEnumRoutes(rh, rn, ro), ms, "GetListEnumRoutes");
        if (ms == RtmStatus::Success)
        {
            Check(rn == mn, "GetListEnumRoutes count");
            CmpRouteList(ro, mo, "GetListEnumRoutes");
            if (mn < num)
            {
                ret = RtmStatus::NoMoreItems; // a short batch ends a list enumeration
            }
        }
    }
    if (ret == RtmStatus::NoMoreItems)
    {
        // Whether an ended enumeration may return items added later is not decided (decision 15
        // says each Get resumes against the live table; the real table keeps it ended): this
        // driver never asks, it closes the enumeration.
        St(c->reg->DeleteEnumHandle(rh), m_model->DeleteEnum(c->mid, e), "DeleteEnumHandle");
    }
    return ret;
}

void
Driver::OpHold(bool bad)
{
    ClientSim* c = PickClient();
    Id d = PickDest();
    if (!c || !d)
    {
        return;
    }
    uint32_t views = U(4);                             // ANY, UCAST, MCAST, both
    uint32_t t = P(8) ? RTM_INFINITE : 2 + 4 * U(625); // = 2 (mod 4): see PickTtl
    if (bad)
    {
        switch (U(4))
        {
        case 0:
            t = 0;
            break;
        case 1:
            views = 0x80;
            break;
        case 2:
            d = PickDead(m_dst, &Model::DestAlive);
            break;
        case 3:
            d = PickForeign(m_dst);
            break;
        }
    }
    if (!d || !m_dst.Has(d))
    {
        return;
    }
    Log("HoldDestination c#" + std::to_string(c->mid) + " dest#" + std::to_string(d) + " views " +
        std::to_string(views) + " t " + std::to_string(t));
    RtmStatus rs = c->reg->HoldDestination(m_dst.Real(d), views, t);
    RtmStatus ms = m_model->HoldDestination(c->mid, d, views, t);
    St(rs, ms, "HoldDestination");
}

void
Driver::OpDestInfo(bool bad)
{
    ClientSim* c = PickClient();
    Id d = PickDest();
    if (!c)
    {
        return;
    }
    uint32_t views = PickViewsQuery();
    if (bad)
    {
        switch (U(3))
        {
        case 0:
            d = PickDead(m_dst, &Model::DestAlive);
            break;
        case 1:
            d = PickForeign(m_dst);
            break;
        case 2:
            views = 0x100;
            break;
        }
    }
    if (!d || !m_dst.Has(d))
    {
        return;
    }
    uint32_t proto = PickProto(c);
    Log("GetDestInfo dest#" + std::to_string(d) + " proto " + std::to_string(proto) + " views " +
        std::to_string(views));
    DestOut mo;
    RtmDestInfo ro;
    RtmStatus ms = m_model->GetDestInfo(c->mid, d, proto, views, mo);
    St(c->reg->GetDestInfo(m_dst.Real(d), proto, views, ro), ms, "GetDestInfo");
    if (ms == RtmStatus::Success)
    {
        CmpDest(ro, mo, "GetDestInfo");
    }
}

void
Driver::OpPrefixQuery(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    uint32_t views = PickViewsQuery();
    uint32_t proto = PickProto(c);
    uint32_t kind = U(3);
    RtmNetAddress a = kind == 1 && P(50) ? Pick(m_lookups) : PickPrefix();
    Id d = PickDest();
    if (bad)
    {
        if (P(50))
        {
            a = PickBadPrefix();
            d = PickForeign(m_dst);
        }
        else
        {
            views = 0x40;
        }
    }
    DestOut mo;
    RtmDestInfo ro;
    RtmStatus ms;
    RtmStatus rs;
    std::string what;
    if (kind == 0)
    {
        what = "GetExactMatchDestination " + Model::Str(a);
        Log(what + " views " + std::to_string(views) + " proto " + std::to_string(proto));
        ms = m_model->GetExactMatchDestination(c->mid, a, proto, views, mo);
        rs = c->reg->GetExactMatchDestination(a, proto, views, ro);
    }
    else if (kind == 1)
    {
        what = "GetMostSpecificDestination " + Model::Str(a);
        Log(what + " views " + std::to_string(views) + " proto " + std::to_string(proto));
        ms = m_model->GetMostSpecificDestination(c->mid, a, proto, views, mo);
        rs = c->reg->GetMostSpecificDestination(a, proto, views, ro);
    }
    else
    {
        if (!d || !m_dst.Has(d))
        {
            return;
        }
        what = "GetLessSpecificDestination dest#" + std::to_string(d);
        Log(what + " views " + std::to_string(views) + " proto " + std::to_string(proto));
        ms = m_model->GetLessSpecificDestination(c->mid, d, proto, views, mo);
        rs = c->reg->GetLessSpecificDestination(m_dst.Real(d), proto, views, ro);
        // walk up to the end
        for (int k = 0; k < 40 && ms == RtmStatus::Success && rs == RtmStatus::Success; ++k)
        {
            CmpDest(ro, mo, what);
            Id next = mo.dest;
            ms = m_model->GetLessSpecificDestination(c->mid, next, proto, views, mo);
            rs = c->reg->GetLessSpecificDestination(m_dst.Real(next), proto, views, ro);
        }
    }
    St(rs, ms, what);
    if (ms == RtmStatus::Success)
    {
        CmpDest(ro, mo, what);
    }
}

void
Driver::OpExactMatchRoute(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    RtmNetAddress a = PickPrefix();
    uint32_t views = PickViewsQuery();
    uint32_t match = 0;
    uint32_t ifIndex = 0;
    Criteria cr = PickCriteria(c, match, ifIndex);
    if (bad)
    {
        if (P(50))
        {
            a = PickBadPrefix();
        }
        else
        {
            views = 0x20;
        }
    }
    Log("GetExactMatchRoute " + Model::Str(a) + " match " + std::to_string(match) + " if " +
        std::to_string(ifIndex) + " views " + std::to_string(views));
    RtmRouteInfo rc = RealCriteria(cr);
    RtmRouteHandle rh;
    Id mr = 0;
    RouteOut mo;
    RtmStatus ms = m_model->GetExactMatchRoute(c->mid, a, match, cr, ifIndex, views, mr, mo);
    RtmStatus rs = c->reg->GetExactMatchRoute(a, match, rc, ifIndex, views, &rh);
    St(rs, ms, "GetExactMatchRoute");
    if (ms == RtmStatus::Success)
    {
        m_rte.Bind(rh, mr, "GetExactMatchRoute");
        CmpRoute(rc, mo, "GetExactMatchRoute info");
    }
}

void
Driver::OpRouteInfo(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    Id r = PickAnyRoute();
    if (bad)
    {
        r = P(50) ? PickDead(m_rte, &Model::RouteAlive) : PickForeign(m_rte);
    }
    if (!r || !m_rte.Has(r))
    {
        return;
    }
    Log("GetRouteInfo/IsBestRoute route#" + std::to_string(r));
    RouteOut mo;
    RtmNetAddress ma;
    RtmRouteInfo ro;
    RtmNetAddress ra;
    RtmStatus ms = m_model->GetRouteInfo(c->mid, r, mo, ma);
    St(c->reg->GetRouteInfo(m_rte.Real(r), P(50) ? &ro : nullptr, &ra), ms, "GetRouteInfo");
    St(c->reg->GetRouteInfo(m_rte.Real(r), &ro, nullptr), ms, "GetRouteInfo");
    if (ms == RtmStatus::Success)
    {
        CmpRoute(ro, mo, "GetRouteInfo");
        Check(ra == ma, "GetRouteInfo address");
    }
    uint32_t mv = 0;
    uint32_t rv = 0;
    ms = m_model->IsBestRoute(c->mid, r, mv);
    St(c->reg->IsBestRoute(m_rte.Real(r), rv), ms, "IsBestRoute");
    if (ms == RtmStatus::Success)
    {
        Check(mv == rv,
              "IsBestRoute views real " + std::to_string(rv) + " model " + std::to_string(mv));
    }
}

void
Driver::OpDestEnum(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto enums = m_model->EnumsOf(c->mid);
    if (!enums.empty() && P(55) && !bad)
    {
        OpGetEnum(c, Pick(enums), 1 + U(m_cfg.maxHandles));
        return;
    }
    uint32_t views = PickViewsQuery();
    uint32_t flags = U(3) | (P(20) ? RTM_ENUM_OWN_DESTS : 0);
    RtmNetAddress a = PickPrefix();
    const RtmNetAddress* ap = (flags & 3) == RTM_ENUM_START && P(50) ? nullptr : &a;
    uint32_t proto = PickProto(c);
    if (bad)
    {
        switch (U(4))
        {
        case 0:
            flags |= 3;
            break;
        case 1:
            flags = 1 + U(2);
            ap = nullptr;
            break;
        case 2:
            flags = 1 + U(2);
            a = PickBadPrefix();
            ap = &a;
            break;
        case 3:
            views = 0x10;
            break;
        }
    }
    Log("CreateDestEnum c#" + std::to_string(c->mid) + " views " + std::to_string(views) +
        " flags " + std::to_string(flags) + (ap ? " " + Model::Str(*ap) : std::string(" null")) +
        " proto " + std::to_string(proto));
    RtmEnumHandle rh;
    Id mh = 0;
    RtmStatus rs = c->reg->CreateDestEnum(views, flags, ap, proto, rh);
    RtmStatus ms = m_model->CreateDestEnum(c->mid, views, flags, ap, proto, mh);
    St(rs, ms, "CreateDestEnum");
    if (ms == RtmStatus::Success)
    {
        m_enm.Bind(rh, mh, "CreateDestEnum");
        OpGetEnum(c, mh, 1 + U(m_cfg.maxHandles));
        Trim(c);
    }
}

void
Driver::OpRouteEnum(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto enums = m_model->EnumsOf(c->mid);
    if (!enums.empty() && P(55) && !bad)
    {
        OpGetEnum(c, Pick(enums), 1 + U(m_cfg.maxHandles));
        return;
    }
    Id dest = P(35) ? PickDest() : 0;
    uint32_t views = PickViewsQuery();
    uint32_t flags = (dest ? 0 : U(3)) | (P(20) ? RTM_ENUM_OWN_ROUTES : 0);
    RtmNetAddress a = PickPrefix();
    const RtmNetAddress* ap = (flags & 3) == RTM_ENUM_START && P(50) ? nullptr : &a;
    uint32_t match = 0;
    uint32_t ifIndex = 0;
    Criteria cr = PickCriteria(c, match, ifIndex);
    bool critNull = (match & ~RTM_MATCH_INTERFACE) == 0 && P(50);
    if (bad)
    {
        switch (U(5))
        {
        case 0:
            flags |= 3;
            dest = 0; // with a destination the position is ignored (not decided for bad values)
            break;
        case 1:
            dest = 0;
            flags = 1 + U(2);
            ap = nullptr;
            break;
        case 2:
            dest = P(50) ? PickDead(m_dst, &Model::DestAlive) : PickForeign(m_dst);
            break;
        case 3:
            views = 0x8;
            break;
        case 4:
            match = RTM_MATCH_OWNER;
            critNull = true;
            break;
        }
    }
    if (!m_dst.Has(dest))
    {
        return;
    }
    Log("CreateRouteEnum c#" + std::to_string(c->mid) + " dest#" + std::to_string(dest) +
        " views " + std::to_string(views) + " flags " + std::to_string(flags) +
        (ap ? " " + Model::Str(*ap) : std::string(" null")) + " match " + std::to_string(match) +
        (critNull ? " no criteria" : "") + " if " + std::to_string(ifIndex));
    RtmRouteInfo rc = RealCriteria(cr);
    RtmEnumHandle rh;
    Id mh = 0;
    RtmStatus rs = c->reg->CreateRouteEnum(m_dst.Real(dest),
                                           views,
                                           flags,
                                           ap,
                                           match,
                                           critNull ? nullptr : &rc,
                                           ifIndex,
                                           rh);
    RtmStatus ms = m_model->CreateRouteEnum(c->mid,
                                            dest,
                                            views,
                                            flags,
                                            ap,
                                            match,
                                            critNull ? nullptr : &cr,
                                            ifIndex,
                                            mh);
    St(rs, ms, "CreateRouteEnum");
    if (ms == RtmStatus::Success)
    {
        m_enm.Bind(rh, mh, "CreateRouteEnum");
        OpGetEnum(c, mh, 1 + U(m_cfg.maxHandles));
        Trim(c);
    }
}

void
Driver::OpGetChanged(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto ns = m_model->NotifiesOf(c->mid);
    Id n = ns.empty() ? 0 : Pick(ns);
    uint32_t num = 1 + U(m_cfg.maxHandles);
    std::string how;
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(4))
        {
        case 0:
            num = P(50) ? 0 : m_cfg.maxHandles + 1;
            how = " bad num";
            break;
        case 1:
            n = PickForeign(m_ntf);
            how = " foreign";
            break;
        case 2:
            n = o && !m_model->NotifiesOf(o->mid).empty() ? Pick(m_model->NotifiesOf(o->mid)) : 0;
            how = " other client's";
            break;
        case 3:
            n = PickDead(m_ntf, &Model::NotifyAlive);
            how = " stale";
            break;
        }
    }
    if (!n)
    {
        return;
    }
    Log("GetChangedDests c#" + std::to_string(c->mid) + " notify#" + std::to_string(n) + " num " +
        std::to_string(num) + how);
    std::set<Id> pending;
    RtmStatus ms = m_model->PendingOf(c->mid, n, num, pending);
    uint32_t rn = num;
    std::vector<RtmDestInfo> ro;
    RtmStatus rs = c->reg->GetChangedDests(m_ntf.Real(n), rn, ro);
    if (ms != RtmStatus::Success)
    {
        St(rs, ms, "GetChangedDests");
        return;
    }
    // which pending destinations came back is up to RTM; they must be pending, distinct and as
    // many as the call allows
    size_t expect = std::min<size_t>(num, pending.size());
    Check(ro.size() == expect && rn == expect,
          "GetChangedDests returned " + std::to_string(ro.size()) + " (num " + std::to_string(rn) +
              "), model has " + std::to_string(pending.size()) + " pending");
    std::vector<Id> chosen;
    for (const auto& r : ro)
    {
        Id id = 0;
        for (Id p : pending)
        {
            if (m_model->PrefixOf(p) == r.destAddress)
            {
                id = p;
            }
        }
        Check(id != 0,
              "GetChangedDests returned " + Model::Str(r.destAddress) +
                  ", which is not pending in the model");
        Check(std::find(chosen.begin(), chosen.end(), id) == chosen.end(),
              "GetChangedDests returned a destination twice");
        m_dst.Bind(r.destHandle, id, "GetChangedDests dest");
        chosen.push_back(id);
    }
    std::vector<DestOut> mo;
    ms = m_model->GetChangedDests(c->mid, n, num, chosen, mo);
    St(rs, ms, "GetChangedDests");
    for (size_t i = 0; i < mo.size(); ++i)
    {
        CmpDest(ro[i], mo[i], "GetChangedDests record");
    }
    g_cov.pulled += mo.size();
}

void
Driver::OpChangeStatus(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto ns = m_model->NotifiesOf(c->mid);
    Id n = ns.empty() ? 0 : Pick(ns);
    Id d = PickDest();
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(3))
        {
        case 0:
            d = P(50) ? PickForeign(m_dst) : PickDead(m_dst, &Model::DestAlive);
            break;
        case 1:
            n = PickForeign(m_ntf);
            break;
        case 2:
            n = o && !m_model->NotifiesOf(o->mid).empty() ? Pick(m_model->NotifiesOf(o->mid)) : 0;
            break;
        }
    }
    if (!n || !d || !m_dst.Has(d))
    {
        return;
    }
    Log("GetChangeStatus/IsMarked notify#" + std::to_string(n) + " dest#" + std::to_string(d));
    bool mp = false;
    bool rp = false;
    RtmStatus ms = m_model->GetChangeStatus(c->mid, n, d, mp);
    St(c->reg->GetChangeStatus(m_ntf.Real(n), m_dst.Real(d), rp), ms, "GetChangeStatus");
    if (ms == RtmStatus::Success)
    {
        Check(mp == rp, "GetChangeStatus value");
    }
    ms = m_model->IsMarked(c->mid, n, d, mp);
    St(c->reg->IsMarkedForChangeNotification(m_ntf.Real(n), m_dst.Real(d), rp), ms, "IsMarked");
    if (ms == RtmStatus::Success)
    {
        Check(mp == rp, "IsMarked value");
    }
}

void
Driver::OpIgnore(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto ns = m_model->NotifiesOf(c->mid);
    Id n = ns.empty() ? 0 : Pick(ns);
    std::vector<Id> ds;
    for (uint32_t k = U(3) + 1; k > 0; --k)
    {
        Id d = PickDest();
        // the same destination twice: whether the first may free it before the second is not
        // decided (the real table frees at once), so never twice
        if (d && std::find(ds.begin(), ds.end(), d) == ds.end())
        {
            ds.push_back(d);
        }
    }
    if (bad)
    {
        switch (U(2))
        {
        case 0: {
            Id d = P(50) ? PickForeign(m_dst) : PickDead(m_dst, &Model::DestAlive);
            if (d)
            {
                ds.insert(ds.begin() + U(ds.size() + 1), d);
            }
            break;
        }
        case 1:
            n = PickForeign(m_ntf);
            break;
        }
    }
    if (!n)
    {
        return;
    }
    std::vector<RtmDestHandle> rd;
    for (Id d : ds)
    {
        if (!m_dst.Has(d))
        {
            return;
        }
        rd.push_back(m_dst.Real(d));
    }
    Log("IgnoreChangedDests notify#" + std::to_string(n) + " " + std::to_string(ds.size()) +
        " dests");
    St(c->reg->IgnoreChangedDests(m_ntf.Real(n), rd),
       m_model->IgnoreChangedDests(c->mid, n, ds),
       "IgnoreChangedDests");
}

void
Driver::OpMark(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto ns = m_model->NotifiesOf(c->mid);
    Id n = ns.empty() ? 0 : Pick(ns);
    Id d = PickDest();
    bool mark = P(60);
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(3))
        {
        case 0:
            d = P(50) ? PickForeign(m_dst) : PickDead(m_dst, &Model::DestAlive);
            break;
        case 1:
            n = PickForeign(m_ntf);
            break;
        case 2:
            n = o && !m_model->NotifiesOf(o->mid).empty() ? Pick(m_model->NotifiesOf(o->mid)) : 0;
            break;
        }
    }
    if (!n || !d || !m_dst.Has(d))
    {
        return;
    }
    Log("MarkDest notify#" + std::to_string(n) + " dest#" + std::to_string(d) + " " +
        (mark ? "mark" : "unmark"));
    St(c->reg->MarkDestForChangeNotification(m_ntf.Real(n), m_dst.Real(d), mark),
       m_model->MarkDest(c->mid, n, d, mark),
       "MarkDestForChangeNotification");
}

void
Driver::OpNotifyReg(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto ns = m_model->NotifiesOf(c->mid);
    if (!bad && ns.size() >= 2 && P(50))
    {
        Id n = Pick(ns);
        Log("DeregisterFromChangeNotification notify#" + std::to_string(n));
        St(c->reg->DeregisterFromChangeNotification(m_ntf.Real(n)),
           m_model->DeregisterNotify(c->mid, n),
           "DeregisterFromChangeNotification");
        return;
    }
    static const uint32_t kViews[] = {RTM_VIEW_MASK_ANY,
                                      RTM_VIEW_MASK_UCAST,
                                      RTM_VIEW_MASK_MCAST,
                                      RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST};
    uint32_t views = kViews[U(4)];
    uint32_t flags = 1 + U(7);
    if (P(30))
    {
        flags |= RTM_NOTIFY_ONLY_MARKED_DESTS;
    }
    uint64_t ctx = m_rng();
    if (bad)
    {
        ClientSim* o = OtherClient(c);
        switch (U(5))
        {
        case 0:
            flags = P(50) ? 0 : RTM_NOTIFY_ONLY_MARKED_DESTS;
            break;
        case 1:
            flags |= 0x100;
            break;
        case 2:
            views = 0x200;
            break;
        case 3: {
            Id n = P(50) ? PickForeign(m_ntf) : PickDead(m_ntf, &Model::NotifyAlive);
            if (!n && o && !m_model->NotifiesOf(o->mid).empty())
            {
                n = Pick(m_model->NotifiesOf(o->mid));
            }
            if (!n)
            {
                return;
            }
            Log("DeregisterFromChangeNotification (bad) notify#" + std::to_string(n));
            St(c->reg->DeregisterFromChangeNotification(m_ntf.Real(n)),
               m_model->DeregisterNotify(c->mid, n),
               "DeregisterFromChangeNotification");
            return;
        }
        case 4:
            break; // maybe beyond the cap
        }
    }
    Log("RegisterForChangeNotification c#" + std::to_string(c->mid) + " views " +
        std::to_string(views) + " flags " + std::to_string(flags));
    RtmNotifyHandle rh;
    Id mh = 0;
    RtmStatus rs = c->reg->RegisterForChangeNotification(views, flags, ctx, rh);
    RtmStatus ms = m_model->RegisterNotify(c->mid, views, flags, ctx, mh);
    St(rs, ms, "RegisterForChangeNotification");
    if (ms == RtmStatus::Success)
    {
        m_ntf.Bind(rh, mh, "RegisterForChangeNotification");
    }
}

void
Driver::OpList(bool bad)
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto lists = m_model->ListsOf(c->mid);
    ClientSim* o = OtherClient(c);
    uint32_t k = U(100);
    if (lists.size() < 2 || k < 10)
    {
        if (lists.size() >= 4)
        {
            Id l = Pick(lists);
            // enumerations of that list go with it in this driver (not decided)
            for (Id e : m_model->EnumsOf(c->mid))
            {
                Id el = 0;
                if (m_model->EnumOfList(e, el) && el == l)
                {
                    St(c->reg->DeleteEnumHandle(m_enm.Real(e)),
                       m_model->DeleteEnum(c->mid, e),
                       "DeleteEnumHandle");
                }
            }
            Log("DeleteRouteList list#" + std::to_string(l));
            St(c->reg->DeleteRouteList(m_lst.Real(l)),
               m_model->DeleteRouteList(c->mid, l),
               "DeleteRouteList");
            return;
        }
        RtmRouteListHandle rh;
        Id mh = 0;
        Log("CreateRouteList c#" + std::to_string(c->mid));
        St(c->reg->CreateRouteList(rh), m_model->CreateRouteList(c->mid, mh), "CreateRouteList");
        m_lst.Bind(rh, mh, "CreateRouteList");
        return;
    }
    Id l = Pick(lists);
    if (k < 60)
    {
        std::vector<Id> rs;
        for (uint32_t i = U(4); i > 0; --i)
        {
            Id r = PickLiveRoute(c);
            if (r)
            {
                rs.push_back(r);
            }
        }
        if (P(10))
        {
            l = 0; // off any list
        }
        std::string how;
        if (bad)
        {
            switch (U(4))
            {
            case 0:
                if (o && !m_model->ListsOf(o->mid).empty())
                {
                    l = Pick(m_model->ListsOf(o->mid));
                    how = " other client's list";
                }
                break;
            case 1:
                l = PickForeign(m_lst);
                how = " foreign list";
                break;
            case 2: {
                Id r = P(50) ? PickForeign(m_rte) : PickDead(m_rte, &Model::RouteAlive);
                if (r)
                {
                    rs.insert(rs.begin() + U(rs.size() + 1), r);
                    how = " a bad route";
                }
                break;
            }
            case 3:
                if (o && PickLiveRoute(o))
                {
                    rs = {PickLiveRoute(o)};
                    how = " other client's route";
                }
                break;
            }
        }
        std::vector<RtmRouteHandle> rr;
        for (Id r : rs)
        {
            if (!m_rte.Has(r))
            {
                return;
            }
            rr.push_back(m_rte.Real(r));
        }
        Log("InsertInRouteList list#" + std::to_string(l) + " " + std::to_string(rs.size()) +
            " routes" + how);
        St(c->reg->InsertInRouteList(m_lst.Real(l), rr),
           m_model->InsertInRouteList(c->mid, l, rs),
           "InsertInRouteList");
        return;
    }
    if (k < 80)
    {
        if (bad)
        {
            l = P(50)
                    ? PickForeign(m_lst)
                    : (o && !m_model->ListsOf(o->mid).empty() ? Pick(m_model->ListsOf(o->mid)) : 0);
            if (!l)
            {
                return;
            }
        }
        Log("CreateRouteListEnum list#" + std::to_string(l));
        RtmEnumHandle rh;
        Id mh = 0;
        RtmStatus ms = m_model->CreateListEnum(c->mid, l, mh);
        St(c->reg->CreateRouteListEnum(m_lst.Real(l), rh), ms, "CreateRouteListEnum");
        if (ms == RtmStatus::Success)
        {
            m_enm.Bind(rh, mh, "CreateRouteListEnum");
            OpGetEnum(c, mh, 1 + U(m_cfg.maxHandles));
            Trim(c);
        }
        return;
    }
    // continue an enumeration (any kind), maybe with a bad count or another client's handle
    auto enums = m_model->EnumsOf(c->mid);
    if (enums.empty())
    {
        return;
    }
    Id e = Pick(enums);
    uint32_t num = 1 + U(m_cfg.maxHandles);
    if (bad)
    {
        if (P(50))
        {
            num = P(50) ? 0 : m_cfg.maxHandles + 1 + U(3);
        }
        else if (o && !m_model->EnumsOf(o->mid).empty())
        {
            // another client's enumeration: the caller's Get of the same kind
            Id oe = Pick(m_model->EnumsOf(o->mid));
            int kind = m_model->EnumKindOf(oe);
            uint32_t rn = num;
            uint32_t mn = num;
            Log("GetEnum of another client's enum#" + std::to_string(oe));
            RtmStatus rs;
            RtmStatus ms;
            if (kind == 0)
            {
                std::vector<RtmDestInfo> ro;
                std::vector<DestOut> mo;
                rs = c->reg->GetEnumDests(m_enm.Real(oe), rn, ro);
                ms = m_model->GetEnumDests(c->mid, oe, mn, mo);
            }
            else if (kind == 1)
            {
                std::vector<RtmRouteHandle> ro;
                std::vector<Id> mo;
                rs = c->reg->GetEnumRoutes(m_enm.Real(oe), rn, ro);
                ms = m_model->GetEnumRoutes(c->mid, oe, mn, mo);
            }
            else if (kind == 2)
            {
                std::vector<RtmNextHopHandle> ro;
                std::vector<Id> mo;
                rs = c->reg->GetEnumNextHops(m_enm.Real(oe), rn, ro);
                ms = m_model->GetEnumNextHops(c->mid, oe, mn, mo);
            }
            else
            {
                std::vector<RtmRouteHandle> ro;
                std::vector<Id> mo;
                rs = c->reg->GetListEnumRoutes(m_enm.Real(oe), rn, ro);
                ms = m_model->GetListEnumRoutes(c->mid, oe, mn, mo);
            }
            St(rs, ms, "Get of another client's enumeration");
            St(c->reg->DeleteEnumHandle(m_enm.Real(oe)),
               m_model->DeleteEnum(c->mid, oe),
               "DeleteEnumHandle of another client's enumeration");
            return;
        }
    }
    OpGetEnum(c, e, num);
}

void
Driver::OpOpaque(bool bad)
{
    ClientSim* c = PickClient();
    Id d = PickDest();
    if (!c || !d)
    {
        return;
    }
    if (bad)
    {
        if (!m_model->HasSlot(c->mid))
        {
            return; // the slot check and the handle check: order not decided
        }
        d = P(50) ? PickForeign(m_dst) : PickDead(m_dst, &Model::DestAlive);
        if (!d)
        {
            return;
        }
    }
    uint64_t mv = 0;
    uint64_t rv = 0;
    if (P(50))
    {
        Log("GetOpaquePointer c#" + std::to_string(c->mid) + " dest#" + std::to_string(d));
        RtmStatus ms = m_model->GetOpaque(c->mid, d, mv);
        St(c->reg->GetOpaquePointer(m_dst.Real(d), rv), ms, "GetOpaquePointer");
        if (ms == RtmStatus::Success)
        {
            Check(mv == rv, "GetOpaquePointer value");
        }
    }
    else
    {
        uint64_t v = P(40) ? 0 : 1 + U(1000);
        Log("SetOpaquePointer c#" + std::to_string(c->mid) + " dest#" + std::to_string(d) + " " +
            std::to_string(v));
        St(c->reg->SetOpaquePointer(m_dst.Real(d), v),
           m_model->SetOpaque(c->mid, d, v),
           "SetOpaquePointer");
    }
}

void
Driver::DeregisterClient(ClientSim* c)
{
    Flush();
    auto amb = m_model->DeregAmbiguities(c->mid);
    Log("Deregister c#" + std::to_string(c->mid) + " (" +
        std::to_string(m_model->LiveRoutesOf(c->mid).size()) + " routes left, " +
        std::to_string(amb.size()) + " order-dependent holds)");
    g_cov.deregistered += m_model->LiveRoutesOf(c->mid).empty() ? 0 : 1;
    RtmStatus rs = c->reg->Deregister();
    // which route the real table held where the purge order matters
    std::map<std::pair<Id, int32_t>, Id> chosen;
    for (const auto& a : amb)
    {
        RtmDestInfo ro;
        Ptr<RtmRegistration> reg = m_observer->reg;
        St(reg->GetDestInfo(m_dst.Real(a.dest), 0, RTM_VIEW_MASK_ALL, ro),
           RtmStatus::Success,
           "GetDestInfo after Deregister");
        for (const auto& vi : ro.viewInfo)
        {
            if (vi.viewId == a.view)
            {
                chosen[{a.dest, a.view}] = m_rte.Model(vi.holdRoute);
            }
        }
    }
    bool consistent = true;
    RtmStatus ms = m_model->Deregister(c->mid, chosen, consistent);
    St(rs, ms, "Deregister");
    Check(consistent, "Deregister: the held routes of the real table match no deletion order");
    m_deadRegs.push_back(c->reg);
    Flush();
}

void
Driver::OpReregister()
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    int spec = c->spec;
    DeregisterClient(c);
    // a second Deregister, and a call through the dead registration
    St(c->reg->Deregister(), RtmStatus::InvalidHandle, "second Deregister");
    OpDeadRegistration();
    // bad registrations: duplicate, wrong instance, wrong family, no slot left
    ClientSim* o = PickClient();
    if (o)
    {
        const ClientSpec& s = kSpecs[o->spec];
        RtmEntityInfo info;
        info.addressFamily = m_family;
        info.entityId.entityProtocolId = s.proto;
        info.entityId.entityInstanceId = s.inst;
        RtmRegnProfile prof;
        Ptr<RtmRegistration> reg;
        St(m_inst->RegisterEntity(info, {}, RtmEventCallback(), false, prof, reg),
           RtmStatus::AlreadyExists,
           "duplicate RegisterEntity");
        info.entityId.entityInstanceId = 999;
        info.rtmInstanceId = 3;
        St(m_inst->RegisterEntity(info, {}, RtmEventCallback(), false, prof, reg),
           RtmStatus::InvalidParameter,
           "RegisterEntity with another instance id");
        info.rtmInstanceId = 0;
        info.addressFamily = 5;
        St(m_inst->RegisterEntity(info, {}, RtmEventCallback(), false, prof, reg),
           RtmStatus::InvalidParameter,
           "RegisterEntity with an unknown family");
        info.addressFamily = m_family;
        Id mid = 0;
        RtmStatus ms = m_model->Register(7777, 1, true, ExpiryMode::NoCallback, mid);
        if (ms != RtmStatus::Success)
        {
            info.entityId.entityProtocolId = 7777;
            info.entityId.entityInstanceId = 1;
            St(m_inst->RegisterEntity(info, {}, RtmEventCallback(), true, prof, reg),
               ms,
               "RegisterEntity without a free opaque slot");
        }
        else
        {
            // the model registered it: do the same for real, then leave at once
            info.entityId.entityProtocolId = 7777;
            info.entityId.entityInstanceId = 1;
            St(m_inst->RegisterEntity(info, {}, RtmEventCallback(), true, prof, reg),
               ms,
               "RegisterEntity (slot)");
            m_ent.Bind(reg->GetEntityHandle(), mid, "entity");
            Flush();
            bool consistent = true;
            St(reg->Deregister(), m_model->Deregister(mid, {}, consistent), "Deregister");
            Flush();
        }
    }
    ClientSim* n = RegisterClient(spec);
    Flush();
    if (n)
    {
        for (int k = 0; k < 2; ++k)
        {
            OpNotifyReg(false);
        }
    }
}

void
Driver::OpDeadRegistration()
{
    if (m_deadRegs.empty())
    {
        return;
    }
    Ptr<RtmRegistration> reg = Pick(m_deadRegs);
    Check(!reg->IsRegistered(), "IsRegistered after Deregister");
    uint32_t cf = 0;
    RtmRouteHandle rh;
    RtmRouteInfo ri;
    St(reg->AddRouteToDest(rh, PickPrefix(), ri, RTM_INFINITE, RtmRouteListHandle(), cf),
       RtmStatus::InvalidHandle,
       "AddRouteToDest through a dead registration");
    Id d = PickDest();
    if (d)
    {
        RtmDestInfo di;
        St(reg->GetDestInfo(m_dst.Real(d), 0, RTM_VIEW_MASK_ALL, di),
           RtmStatus::InvalidHandle,
           "GetDestInfo through a dead registration");
    }
    RtmNotifyHandle nh;
    St(reg->RegisterForChangeNotification(0, RTM_CHANGE_TYPE_ALL, 0, nh),
       RtmStatus::InvalidHandle,
       "RegisterForChangeNotification through a dead registration");
}

void
Driver::OpEntities()
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    auto reg = m_model->RegisteredClients();
    uint32_t accept = U(reg.size() + 2);
    uint32_t num = accept;
    std::vector<RtmEntityHandle> hs;
    std::vector<RtmEntityInfo> infos;
    RtmStatus rs = c->reg->GetRegisteredEntities(num, hs, &infos);
    St(rs,
       accept < reg.size() ? RtmStatus::InsufficientBuffer : RtmStatus::Success,
       "GetRegisteredEntities");
    Check(num == reg.size(), "GetRegisteredEntities count");
    size_t n = std::min<size_t>(accept, reg.size());
    Check(hs.size() == n, "GetRegisteredEntities handles");
    for (size_t i = 0; i < n; ++i)
    {
        m_ent.Bind(hs[i], reg[i], "GetRegisteredEntities");
        RtmEntityInfo ei;
        St(c->reg->GetEntityInfo(hs[i], ei), RtmStatus::Success, "GetEntityInfo");
        Check(ei.entityId.entityProtocolId == m_model->ProtocolOf(reg[i]) &&
                  ei.addressFamily == m_family,
              "GetEntityInfo");
    }
}

void
Driver::OpDefaultPref()
{
    ClientSim* c = PickClient();
    if (!c)
    {
        return;
    }
    uint32_t p = P(20) ? 0 : 90 + U(60);
    Log("SetDefaultPreference c#" + std::to_string(c->mid) + " " + std::to_string(p));
    c->reg->SetDefaultPreference(p);
    m_model->SetDefaultPreference(c->mid, p);
    Check(c->reg->GetDefaultPreference() == p, "GetDefaultPreference");
}

// ================================================================================ the loop

uint64_t
Driver::Run(uint64_t nOps)
{
    SetUp();
    uint64_t ops = 0;
    for (m_op = 0; m_op < nOps; ++m_op)
    {
        bool bad = P(10);
        uint32_t r = U(1000);
        if (m_model->NumLiveRoutes() > 70 && r < 200)
        {
            r = 220; // delete instead of add
        }
        if (r < 200)
        {
            OpAddRoute(bad);
        }
        else if (r < 270)
        {
            OpUpdateRoute(bad);
        }
        else if (r < 350)
        {
            OpDeleteRoute(bad);
        }
        else if (r < 390)
        {
            OpAddNextHop(bad);
        }
        else if (r < 405)
        {
            OpDeleteNextHop(bad);
        }
        else if (r < 420)
        {
            OpFindNextHop();
        }
        else if (r < 435)
        {
            OpNextHopInfo(bad);
        }
        else if (r < 455)
        {
            OpNextHopEnum(bad);
        }
        else if (r < 485)
        {
            OpHold(bad);
        }
        else if (r < 515)
        {
            OpDestInfo(bad);
        }
        else if (r < 565)
        {
            OpPrefixQuery(bad);
        }
        else if (r < 590)
        {
            OpExactMatchRoute(bad);
        }
        else if (r < 615)
        {
            OpRouteInfo(bad);
        }
        else if (r < 650)
        {
            OpDestEnum(bad);
        }
        else if (r < 685)
        {
            OpRouteEnum(bad);
        }
        else if (r < 735)
        {
            OpGetChanged(bad);
        }
        else if (r < 750)
        {
            OpChangeStatus(bad);
        }
        else if (r < 765)
        {
            OpIgnore(bad);
        }
        else if (r < 780)
        {
            OpMark(bad);
        }
        else if (r < 786)
        {
            OpNotifyReg(bad);
        }
        else if (r < 816)
        {
            OpList(bad);
        }
        else if (r < 836)
        {
            OpOpaque(bad);
        }
        else if (r < 870)
        {
            uint32_t k = U(100);
            int64_t dt;
            int64_t due = m_model->NextDue();
            if (k < 10 && due >= m_now)
            {
                dt = (due - m_now + 3) / 4 * 4; // just past the next timer
            }
            else if (k < 70)
            {
                dt = 4 * (1 + U(50));
            }
            else if (k < 95)
            {
                dt = 4 * (50 + U(325));
            }
            else
            {
                dt = 0;
            }
            Log("advance " + std::to_string(dt) + "ms");
            AdvanceBy(dt);
        }
        else if (r < 872)
        {
            OpReregister();
        }
        else if (r < 876)
        {
            OpDefaultPref();
        }
        else if (r < 880)
        {
            OpEntities();
        }
        else if (r < 882)
        {
            OpDeadRegistration();
        }
        else if (r < 892)
        {
            OpInterface();
        }
        else
        {
            // the rest: more route churn
            if (P(50))
            {
                OpAddRoute(false);
            }
            else
            {
                OpDeleteRoute(false);
            }
        }
        ++ops;
        static const uint64_t every =
            std::getenv("RTM_DIFF_CHECK_EVERY")
                ? std::strtoull(std::getenv("RTM_DIFF_CHECK_EVERY"), nullptr, 0)
                : 500;
        if (m_op % every == every - 1)
        {
            Flush();
            FullCheck();
        }
    }
    Flush();
    FullCheck();
    TearDown();
    return ops;
}

/// Run rounds of one family; returns the operations run.
uint64_t
RunFamily(uint16_t family, uint64_t totalOps, const std::vector<uint64_t>& seeds)
{
    const char* envSeed = std::getenv("RTM_DIFF_SEED");
    const char* envOps = std::getenv("RTM_DIFF_OPS");
    std::vector<uint64_t> s = seeds;
    uint64_t perRound = totalOps / seeds.size();
    if (envSeed)
    {
        s = {std::strtoull(envSeed, nullptr, 0)};
        perRound = envOps ? std::strtoull(envOps, nullptr, 0) : perRound;
    }
    uint64_t ops = 0;
    for (size_t i = 0; i < s.size(); ++i)
    {
        // a few rounds with a third view
        uint32_t views = (s[i] % 4 == 3) ? 0x7 : 0x3;
        Driver d(family, s[i], views);
        try
        {
            ops += d.Run(perRound);
        }
        catch (const Mismatch& e)
        {
            ADD_FAILURE() << "DIFFERENCE (family " << family << ", seed " << s[i]
                          << "): " << e.what() << "\n"
                          << d.Context();
            Simulator::Destroy();
            return ops;
        }
    }
    return ops;
}

/// Print what was exercised and insist that every kind of event happened.
void
CheckCoverage()
{
    const Coverage& c = g_cov;
    std::cout << "[differential] routes created " << c.routesCreated << ", updated "
              << c.routesUpdated << ", deleted " << c.routesDeleted << "; refused operations "
              << c.refused << "; RouteExpired " << c.expiries << "; ChangeNotification "
              << c.signals << "; pulled records " << c.pulled << "; enumerated items "
              << c.enumerated << "; held-route blocks seen " << c.heldSeen
              << "; deregistrations with leftovers " << c.deregistered << "; FIB lookups "
              << c.fibLookups << "; hop lists " << c.hopChecks << "; interface events "
              << c.interfaceEvents << "; unreachable routes seen " << c.unreachable
              << "; resolved remote routes seen " << c.resolved << std::endl;
    if (std::getenv("RTM_DIFF_SEED") == nullptr)
    {
        EXPECT_GT(c.routesCreated, 1000u);
        EXPECT_GT(c.routesUpdated, 1000u);
        EXPECT_GT(c.routesDeleted, 1000u);
        EXPECT_GT(c.refused, 1000u);
        EXPECT_GT(c.expiries, 100u);
        EXPECT_GT(c.signals, 100u);
        EXPECT_GT(c.pulled, 1000u);
        EXPECT_GT(c.enumerated, 1000u);
        EXPECT_GT(c.heldSeen, 100u);
        EXPECT_GT(c.deregistered, 10u);
        EXPECT_GT(c.fibLookups, 1000u);
        EXPECT_GT(c.hopChecks, 1000u);
        EXPECT_GT(c.interfaceEvents, 1000u);
        EXPECT_GT(c.unreachable, 1000u);
        EXPECT_GT(c.resolved, 1000u);
    }
}

std::vector<uint64_t>
Seeds(uint64_t base, int n)
{
    std::vector<uint64_t> v;
    for (int i = 0; i < n; ++i)
    {
        v.push_back(base + 7919 * i);
    }
    return v;
}

} // namespace

TEST(DifferentialIpv4, MillionRandomOperationsMatchTheReferenceModel)
{
    g_cov = Coverage();
    auto t0 = std::chrono::steady_clock::now();
    uint64_t ops = RunFamily(RTM_AF_INET, 1000000, Seeds(1, 20));
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "[differential] IPv4: " << ops << " operations in " << s << " s" << std::endl;
    CheckCoverage();
}

TEST(DifferentialIpv6, MillionRandomOperationsMatchTheReferenceModel)
{
    g_cov = Coverage();
    auto t0 = std::chrono::steady_clock::now();
    uint64_t ops = RunFamily(RTM_AF_INET6, 1000000, Seeds(1001, 20));
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "[differential] IPv6: " << ops << " operations in " << s << " s" << std::endl;
    CheckCoverage();
}
