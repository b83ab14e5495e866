/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: adversarial clients. One client tries every way to touch what is not its own, with every
 * kind of handle it can obtain or make up, and every attempt must be refused with its status and
 * leave everything stored unchanged (a full dump of both instances and both families, taken
 * before and after each attempt, must be identical).
 *
 * The attempts are generated as a matrix, (attacker registration) x (source of handles) x
 * (operation), the expected status following from the kind of handle:
 *  - attackers: a live client of the victim's table; a client of another instance; a stale
 *    registration object whose entity slot was reused by a new client after Deregister;
 *  - sources: the victim's valid handles (everything a client can learn by reading: route,
 *    destination, next hop, list, four kinds of enumeration, notification registration, entity),
 *    the same with a wrong generation or a forged slot, handles of a table that does not exist,
 *    of another instance, of the other family, and the stale handles of a deregistered client;
 *  - operations: every RtmRegistration call that writes through a handle, every call that reads
 *    through a handle (with handles that are not the table's), and the registration calls of a
 *    stale registration object.
 * Valid handles of another client where ownership is required: AccessDenied; handles that are
 * not the table's own (forged, stale, another instance or family): InvalidHandle; a stale
 * registration object: InvalidHandle (and no identity of the slot's new owner leaks out).
 * Afterwards every enumeration and notification registration of the victims still runs from
 * where it was. The test prints how many attacks it tried.
 */
#include "rtm-test-util.h"

#include "ns3/rtm-ns3-compat.h"

#include <cstdio>

using namespace ns3;
using namespace rtmtest;

namespace
{

/// Every handle a client owns (or that stands for one), one of each kind.
struct Bundle
{
    std::string name;                 //!< where the handles come from
    bool valid{false};                //!< valid handles of the attacked table
    RtmNetAddress prefix;             //!< the route's prefix (of the bundle's family)
    RtmRouteHandle route;             //!< a live route
    RtmDestHandle dest;               //!< its destination
    RtmNextHopHandle nh;              //!< a next hop (used by the route)
    RtmRouteListHandle list;          //!< a route list (holding the route)
    RtmEnumHandle destEnum;           //!< a destination enumeration
    RtmEnumHandle routeEnum;          //!< a route enumeration
    RtmEnumHandle nhEnum;             //!< a next-hop enumeration
    RtmEnumHandle listEnum;           //!< a route-list enumeration
    RtmNotifyHandle notify;           //!< a notification registration
    RtmEntityHandle entity;           //!< the owner
    RtmNextHopInfo nhInfo;            //!< the next hop's identity
    uint32_t destEnumTotal{0};        //!< what the destination enumeration returns in all
    uint32_t routeEnumTotal{0};       //!< what the route enumeration returns in all
    uint32_t nhEnumTotal{0};          //!< what the next-hop enumeration returns in all
    uint32_t listEnumTotal{0};        //!< what the list enumeration returns in all
    TestClient* owner{nullptr};       //!< the owner (null for made-up handles)
    std::vector<RtmEnumHandle> enums; //!< the four enumerations
};

/// An attack: a call and the status it must get.
struct Attack
{
    std::string what;
    RtmStatus expected;
    std::function<RtmStatus()> call;
};

class RtmAdversarialTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        inst2 = NewInstance(1);
        v = Register(kProtoA, 1, RTM_AF_INET, true, true, {NoopMethod()});
        a = Register(kProtoB, 1, RTM_AF_INET, true, true, {NoopMethod()});
        v6 = Register(kProtoA, 1, RTM_AF_INET6, true, true, {NoopMethod()});
        w = Register(kProtoA, 1, RTM_AF_INET, true, true, {NoopMethod()}, inst2);
        obs4 = Register(kProtoC, 9, RTM_AF_INET, false);
        obs6 = Register(kProtoC, 9, RTM_AF_INET6, false);
        obs2 = Register(kProtoC, 9, RTM_AF_INET, false, false, {}, inst2);
        ASSERT_TRUE(v && a && v6 && w && obs4 && obs6 && obs2);
        // A client that leaves; a new client takes its entity slot.
        g = Register(400, 1, RTM_AF_INET, true, true, {NoopMethod()});
        ASSERT_NE(g, nullptr);
        gone = Objects(g, "10.40.0.0/16", "10.255.4.1", 2);
        gone.name = "a deregistered client's (stale)";
        gone.valid = false;
        ASSERT_EQ(g->reg->Deregister(), RtmStatus::Success);
        n = Register(500, 1, RTM_AF_INET, true, true, {NoopMethod()});
        ASSERT_NE(n, nullptr);
        ASSERT_EQ(n->Entity().index, gone.entity.index) << "the new client reuses the slot";
        ASSERT_NE(n->Entity(), gone.entity);

        victim = Objects(v, "10.1.0.0/16", "10.255.0.1", 1);
        victim.name = "the victim's";
        victim.valid = true;
        fresh = Objects(n, "10.50.0.0/16", "10.255.5.1", 3);
        fresh.name = "the slot's new owner's";
        fresh.valid = true;
        other6 = Objects(v6, "2001:db8:1::/48", "fe80::1", 1);
        other6.name = "another family's";
        otherInst = Objects(w, "10.1.0.0/16", "10.255.0.1", 1);
        otherInst.name = "another instance's";
        mine = Objects(a, "10.2.0.0/16", "10.255.0.2", 2);
        // A held route and a second next hop in the victim's table, so that the dump shows
        // hold-down state too.
        RtmRouteHandle held = AddRoute(v, "10.3.0.0/16", Route(100, 1, {victim.nh}));
        ASSERT_EQ(v->reg->HoldDestination(Info(v, held).destHandle, RTM_VIEW_MASK_ANY, 1000000),
                  RtmStatus::Success);
        DelRoute(v, held);
        AddRoute(a, "10.1.0.0/16", Route(200, 1, {mine.nh}));
        Deliver();
        // Pending changes for the victims' registrations (they are not pulled).
        AddRoute(obs4, "10.7.0.0/16", Route(50, 1));
        AddRoute(obs2, "10.7.0.0/16", Route(50, 1));
        AddRoute(obs6, "2001:db8:7::/48", Route(50, 1));
        Deliver();
        for (Bundle* b : {&victim, &fresh, &other6, &otherInst, &mine})
        {
            Totals(*b);
        }
    }

    static RtmEntityMethod NoopMethod()
    {
        return RtmAsCallback<RtmEntityMethod>([](RtmEntityHandle,
                                                 RtmEntityHandle,
                                                 const RtmEntityMethodInput&,
                                                 RtmEntityMethodOutput&) {});
    }

    /// Give \p c a next hop, a route on \p prefix in a list, four enumerations, a notification
    /// registration with a mark, and an opaque value.
    Bundle Objects(TestClient* c, const std::string& prefix, const std::string& nhAddr, uint32_t i)
    {
        Bundle b;
        b.owner = c;
        b.entity = c->Entity();
        b.prefix = Pfx(prefix);
        b.nh = AddNh(c, nhAddr, i);
        EXPECT_EQ(c->reg->GetNextHopInfo(b.nh, b.nhInfo), RtmStatus::Success);
        RtmRouteInfo info = Route(100, 1, {b.nh});
        info.neighbour = b.nh;
        b.route = AddRoute(c, prefix, info);
        b.dest = Info(c, b.route).destHandle;
        EXPECT_EQ(c->reg->CreateRouteList(b.list), RtmStatus::Success);
        EXPECT_EQ(c->reg->InsertInRouteList(b.list, {b.route}), RtmStatus::Success);
        EXPECT_EQ(c->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY,
                                                        RTM_CHANGE_TYPE_ALL,
                                                        7,
                                                        b.notify),
                  RtmStatus::Success);
        EXPECT_EQ(c->reg->MarkDestForChangeNotification(b.notify, b.dest, true),
                  RtmStatus::Success);
        EXPECT_EQ(c->reg->SetOpaquePointer(b.dest, 0x1000 + i), RtmStatus::Success);
        EXPECT_EQ(c->reg->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                         RTM_ENUM_START,
                                         nullptr,
                                         RTM_BEST_PROTOCOL,
                                         b.destEnum),
                  RtmStatus::Success);
        EXPECT_EQ(c->reg->CreateRouteEnum(RtmDestHandle(),
                                          RTM_VIEW_MASK_ANY,
                                          RTM_ENUM_START,
                                          nullptr,
                                          RTM_MATCH_NONE,
                                          nullptr,
                                          0,
                                          b.routeEnum),
                  RtmStatus::Success);
        EXPECT_EQ(c->reg->CreateNextHopEnum(RTM_ENUM_START, nullptr, b.nhEnum), RtmStatus::Success);
        EXPECT_EQ(c->reg->CreateRouteListEnum(b.list, b.listEnum), RtmStatus::Success);
        b.enums = {b.destEnum, b.routeEnum, b.nhEnum, b.listEnum};
        return b;
    }

    /// What each enumeration of \p b would return in all (counted now, without running them).
    void Totals(Bundle& b)
    {
        TestClient* c = b.owner;
        b.destEnumTotal = AllDests(c, RTM_VIEW_MASK_ANY).size();
        b.routeEnumTotal = AllRoutes(c, RTM_VIEW_MASK_ANY).size();
        b.nhEnumTotal = AllNextHops(c).size();
        b.listEnumTotal = 1;
    }

    /// The same handles with one field broken.
    static Bundle Mangled(const Bundle& b,
                          const std::string& name,
                          const std::function<void(uint32_t&, uint32_t&, uint32_t&)>& f)
    {
        Bundle m = b;
        m.name = name;
        m.valid = false;
        m.owner = nullptr;
        auto apply = [&f](auto& h) { f(h.table, h.index, h.gen); };
        apply(m.route);
        apply(m.dest);
        apply(m.nh);
        apply(m.list);
        apply(m.destEnum);
        apply(m.routeEnum);
        apply(m.nhEnum);
        apply(m.listEnum);
        apply(m.notify);
        apply(m.entity);
        m.enums = {m.destEnum, m.routeEnum, m.nhEnum, m.listEnum};
        return m;
    }

    /// Everything stored in both instances, both families, as text.
    std::string Dump()
    {
        std::ostringstream os;
        for (TestClient* o : {obs4, obs6, obs2})
        {
            os << "== table of " << o->info.addressFamily << " in instance "
               << o->instance->GetInstanceId() << "\n"
               << Snapshot(o);
            auto dests = AllDests(o, RTM_VIEW_MASK_ANY);
            for (const auto& c : clients)
            {
                if (c->instance != o->instance || c->info.addressFamily != o->info.addressFamily ||
                    !c->reg->IsRegistered())
                {
                    continue;
                }
                os << "client " << c->Entity() << " pref " << c->reg->GetDefaultPreference()
                   << "\n";
                for (const Bundle* b : {&victim, &fresh, &other6, &otherInst, &mine})
                {
                    if (b->owner != c.get())
                    {
                        continue;
                    }
                    for (const auto& d : dests)
                    {
                        bool pending = false;
                        bool marked = false;
                        uint64_t value = 0;
                        EXPECT_EQ(c->reg->GetChangeStatus(b->notify, d.destHandle, pending),
                                  RtmStatus::Success);
                        EXPECT_EQ(
                            c->reg->IsMarkedForChangeNotification(b->notify, d.destHandle, marked),
                            RtmStatus::Success);
                        EXPECT_EQ(c->reg->GetOpaquePointer(d.destHandle, value),
                                  RtmStatus::Success);
                        os << "  " << d.destAddress << " pending=" << pending
                           << " marked=" << marked << " opaque=" << value << "\n";
                    }
                    RtmEnumHandle e;
                    EXPECT_EQ(c->reg->CreateRouteListEnum(b->list, e), RtmStatus::Success);
                    uint32_t num = 100;
                    std::vector<RtmRouteHandle> items;
                    c->reg->GetListEnumRoutes(e, num, items);
                    EXPECT_EQ(c->reg->DeleteEnumHandle(e), RtmStatus::Success);
                    os << "  list";
                    for (const auto& r : items)
                    {
                        os << " " << r;
                    }
                    os << "\n";
                }
            }
            uint32_t num = 100;
            std::vector<RtmEntityHandle> entities;
            std::vector<RtmEntityInfo> infos;
            EXPECT_EQ(o->reg->GetRegisteredEntities(num, entities, &infos), RtmStatus::Success);
            for (size_t i = 0; i < entities.size(); ++i)
            {
                os << "entity " << entities[i] << " " << infos[i].entityId.entityProtocolId << "/"
                   << infos[i].entityId.entityInstanceId << "\n";
            }
        }
        return os.str();
    }

    /// Run one attack: the expected status, and nothing stored changed.
    void Try(const Attack& at)
    {
        std::string before = Dump();
        RtmStatus got = at.call();
        ++tried;
        if (got == at.expected)
        {
            ++refused;
        }
        EXPECT_EQ(got, at.expected) << at.what;
        Deliver(); // an event the call might have scheduled
        std::string after = Dump();
        EXPECT_EQ(after, before) << at.what;
        if (after != before)
        {
            before = after; // report each change once
        }
    }

    /// The writes through handles of \p h by \p r (the registration that owns \p self), each
    /// expected to get \p st.
    std::vector<Attack> Writes(Ptr<RtmRegistration> r,
                               const Bundle& self,
                               const Bundle& h,
                               RtmStatus st,
                               const std::string& who)
    {
        std::string from = who + " with " + h.name + " ";
        std::vector<Attack> out;
        auto add = [&](const std::string& what, std::function<RtmStatus()> call) {
            out.push_back({from + what, st, std::move(call)});
        };
        // Prefixes and next-hop identities of the attacker's family, so that the handle is what
        // gets checked (a wrong-family argument would be InvalidParameter first).
        bool sameFamily = h.prefix.addressFamily == self.prefix.addressFamily;
        RtmNetAddress ownPrefix =
            Pfx(self.prefix.addressFamily == RTM_AF_INET ? "10.99.0.0/16" : "2001:db8:99::/48");
        RtmNetAddress prefix = sameFamily ? h.prefix : ownPrefix;
        RtmNextHopInfo nhInfo = sameFamily ? h.nhInfo : self.nhInfo;
        nhInfo.flags ^= 1;
        add("UpdateRoute", [=] {
            uint32_t cf = 0;
            return r->UpdateRoute(h.route, Route(1, 1), RTM_INFINITE, RtmRouteListHandle(), cf);
        });
        add("DeleteRouteToDest", [=] {
            uint32_t cf = 0;
            return r->DeleteRouteToDest(h.route, cf);
        });
        add("AddRouteToDest through the route handle", [=] {
            RtmRouteHandle rt = h.route;
            uint32_t cf = 0;
            return r->AddRouteToDest(rt, prefix, Route(1, 1), RTM_INFINITE, {}, cf);
        });
        add("AddRouteToDest with the next hop", [=] {
            RtmRouteHandle rt;
            uint32_t cf = 0;
            return r->AddRouteToDest(rt, ownPrefix, Route(1, 1, {h.nh}), RTM_INFINITE, {}, cf);
        });
        add("AddRouteToDest with the next hop as neighbour", [=] {
            RtmRouteHandle rt;
            RtmRouteInfo info = Route(1, 1);
            info.neighbour = h.nh;
            uint32_t cf = 0;
            return r->AddRouteToDest(rt, ownPrefix, info, RTM_INFINITE, {}, cf);
        });
        add("AddRouteToDest onto the list", [=] {
            RtmRouteHandle rt;
            uint32_t cf = 0;
            return r->AddRouteToDest(rt, ownPrefix, Route(1, 1), RTM_INFINITE, h.list, cf);
        });
        add("UpdateRoute of its own route with the next hop", [=] {
            uint32_t cf = 0;
            return r->UpdateRoute(self.route, Route(1, 1, {h.nh}), RTM_INFINITE, {}, cf);
        });
        add("UpdateRoute of its own route onto the list", [=] {
            uint32_t cf = 0;
            return r->UpdateRoute(self.route, Route(100, 1, {self.nh}), RTM_INFINITE, h.list, cf);
        });
        add("InsertInRouteList of the route into its own list",
            [=] { return r->InsertInRouteList(self.list, {h.route}); });
        add("InsertInRouteList of its own route into the list",
            [=] { return r->InsertInRouteList(h.list, {self.route}); });
        add("InsertInRouteList taking the route off its list",
            [=] { return r->InsertInRouteList(RtmRouteListHandle(), {h.route}); });
        add("AddNextHop updating the next hop", [=] {
            RtmNextHopHandle nh = h.nh;
            uint32_t cf = 0;
            return r->AddNextHop(nhInfo, nh, cf);
        });
        add("DeleteNextHop", [=] { return r->DeleteNextHop(h.nh); });
        add("DeleteRouteList", [=] { return r->DeleteRouteList(h.list); });
        add("CreateRouteListEnum", [=] {
            RtmEnumHandle e;
            return r->CreateRouteListEnum(h.list, e);
        });
        add("GetEnumDests", [=] {
            uint32_t num = 1;
            std::vector<RtmDestInfo> out;
            return r->GetEnumDests(h.destEnum, num, out);
        });
        add("GetEnumRoutes", [=] {
            uint32_t num = 1;
            std::vector<RtmRouteHandle> out;
            return r->GetEnumRoutes(h.routeEnum, num, out);
        });
        add("GetEnumNextHops", [=] {
            uint32_t num = 1;
            std::vector<RtmNextHopHandle> out;
            return r->GetEnumNextHops(h.nhEnum, num, out);
        });
        add("GetListEnumRoutes", [=] {
            uint32_t num = 1;
            std::vector<RtmRouteHandle> out;
            return r->GetListEnumRoutes(h.listEnum, num, out);
        });
        for (const RtmEnumHandle& e : h.enums)
        {
            add("DeleteEnumHandle", [=] { return r->DeleteEnumHandle(e); });
        }
        add("GetChangedDests", [=] {
            uint32_t num = 5;
            std::vector<RtmDestInfo> out;
            return r->GetChangedDests(h.notify, num, out);
        });
        add("GetChangeStatus", [=] {
            bool pending = false;
            return r->GetChangeStatus(h.notify, self.dest, pending);
        });
        add("IgnoreChangedDests", [=] { return r->IgnoreChangedDests(h.notify, {self.dest}); });
        add("MarkDestForChangeNotification (mark)",
            [=] { return r->MarkDestForChangeNotification(h.notify, self.dest, true); });
        add("MarkDestForChangeNotification (unmark)",
            [=] { return r->MarkDestForChangeNotification(h.notify, h.dest, false); });
        add("IsMarkedForChangeNotification", [=] {
            bool marked = false;
            return r->IsMarkedForChangeNotification(h.notify, self.dest, marked);
        });
        add("DeregisterFromChangeNotification",
            [=] { return r->DeregisterFromChangeNotification(h.notify); });
        return out;
    }

    /// The calls that are allowed on the table's own objects of any client (reads, shared
    /// destinations, entities), through handles of \p h that are not the table's: InvalidHandle.
    std::vector<Attack> Reads(Ptr<RtmRegistration> r,
                              const Bundle& self,
                              const Bundle& h,
                              const std::string& who)
    {
        std::string from = who + " with " + h.name + " ";
        std::vector<Attack> out;
        auto add = [&](const std::string& what, std::function<RtmStatus()> call) {
            out.push_back({from + what, RtmStatus::InvalidHandle, std::move(call)});
        };
        add("GetRouteInfo", [=] {
            RtmRouteInfo info;
            return r->GetRouteInfo(h.route, &info);
        });
        add("IsBestRoute", [=] {
            RtmViewSet views = 0;
            return r->IsBestRoute(h.route, views);
        });
        add("GetNextHopInfo", [=] {
            RtmNextHopInfo info;
            return r->GetNextHopInfo(h.nh, info);
        });
        add("GetDestInfo", [=] {
            RtmDestInfo info;
            return r->GetDestInfo(h.dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info);
        });
        add("GetLessSpecificDestination", [=] {
            RtmDestInfo info;
            return r->GetLessSpecificDestination(h.dest, RTM_BEST_PROTOCOL, kBoth, info);
        });
        add("HoldDestination", [=] { return r->HoldDestination(h.dest, RTM_VIEW_MASK_ANY, 5000); });
        add("CreateRouteEnum of the destination", [=] {
            RtmEnumHandle e;
            return r->CreateRouteEnum(h.dest,
                                      RTM_VIEW_MASK_ANY,
                                      RTM_ENUM_START,
                                      nullptr,
                                      RTM_MATCH_NONE,
                                      nullptr,
                                      0,
                                      e);
        });
        add("GetOpaquePointer", [=] {
            uint64_t value = 0;
            return r->GetOpaquePointer(h.dest, value);
        });
        add("SetOpaquePointer", [=] { return r->SetOpaquePointer(h.dest, 0xbad); });
        add("GetChangeStatus of the destination", [=] {
            bool pending = false;
            return r->GetChangeStatus(self.notify, h.dest, pending);
        });
        add("MarkDestForChangeNotification of the destination",
            [=] { return r->MarkDestForChangeNotification(self.notify, h.dest, true); });
        add("IgnoreChangedDests of the destination",
            [=] { return r->IgnoreChangedDests(self.notify, {h.dest}); });
        add("GetEntityInfo", [=] {
            RtmEntityInfo info;
            return r->GetEntityInfo(h.entity, info);
        });
        add("GetEntityMethods", [=] {
            uint32_t num = 4;
            std::vector<uint32_t> methods;
            return r->GetEntityMethods(h.entity, num, methods);
        });
        add("InvokeMethod", [=] {
            RtmEntityMethodInput in;
            in.methodType = 1;
            uint32_t size = 100;
            std::vector<RtmEntityMethodOutput> outputs;
            return r->InvokeMethod(h.entity, in, size, outputs);
        });
        return out;
    }

    /// Every handle source made from the victim's handles and the foreign ones. (Null handles
    /// mean "none" in many calls; rtm-error-test.cc covers them.)
    std::vector<Bundle> BadSources(const Bundle& b)
    {
        std::vector<Bundle> out;
        out.push_back(Mangled(b,
                              b.name + " with a wrong generation",
                              [](uint32_t&, uint32_t&, uint32_t& gen) { gen += 1; }));
        out.push_back(Mangled(b,
                              b.name + " with a forged slot",
                              [](uint32_t&, uint32_t& index, uint32_t& gen) {
                                  index += 100000;
                                  gen += 7;
                              }));
        out.push_back(Mangled(b,
                              "a table that does not exist",
                              [](uint32_t& table, uint32_t&, uint32_t&) { table = 0x7ffffff0; }));
        out.push_back(otherInst);
        out.push_back(other6);
        out.push_back(gone);
        return out;
    }

    /// Every enumeration and notification registration of \p b still works from where it was.
    void StillIntact(const Bundle& b)
    {
        TestClient* c = b.owner;
        auto count = [](auto get) {
            uint32_t total = 0;
            for (int guard = 0; guard < 1000; ++guard)
            {
                uint32_t num = 1;
                RtmStatus st = get(num);
                total += num;
                if (st != RtmStatus::Success)
                {
                    break;
                }
            }
            return total;
        };
        EXPECT_EQ(count([&](uint32_t& num) {
                      std::vector<RtmDestInfo> out;
                      return c->reg->GetEnumDests(b.destEnum, num, out);
                  }),
                  b.destEnumTotal)
            << b.name;
        EXPECT_EQ(count([&](uint32_t& num) {
                      std::vector<RtmRouteHandle> out;
                      return c->reg->GetEnumRoutes(b.routeEnum, num, out);
                  }),
                  b.routeEnumTotal)
            << b.name;
        EXPECT_EQ(count([&](uint32_t& num) {
                      std::vector<RtmNextHopHandle> out;
                      return c->reg->GetEnumNextHops(b.nhEnum, num, out);
                  }),
                  b.nhEnumTotal)
            << b.name;
        EXPECT_EQ(count([&](uint32_t& num) {
                      std::vector<RtmRouteHandle> out;
                      return c->reg->GetListEnumRoutes(b.listEnum, num, out);
                  }),
                  b.listEnumTotal)
            << b.name;
        uint32_t num = 100;
        std::vector<RtmDestInfo> changed;
        RtmStatus st = c->reg->GetChangedDests(b.notify, num, changed);
        EXPECT_TRUE(st == RtmStatus::Success || st == RtmStatus::NoMoreItems) << b.name;
        EXPECT_GT(num, 0u) << b.name << ": its pending changes are still there";
    }

    Ptr<RtmInstance> inst2;
    TestClient* v{nullptr};    //!< the victim (IPv4, instance 0)
    TestClient* a{nullptr};    //!< the attacker (IPv4, instance 0)
    TestClient* v6{nullptr};   //!< the victim's IPv6 registration
    TestClient* w{nullptr};    //!< a client of instance 1 (IPv4)
    TestClient* g{nullptr};    //!< deregistered
    TestClient* n{nullptr};    //!< took g's entity slot
    TestClient* obs4{nullptr}; //!< observers, one per table
    TestClient* obs6{nullptr};
    TestClient* obs2{nullptr};
    Bundle victim, fresh, gone, other6, otherInst, mine;
    uint32_t tried{0};
    uint32_t refused{0};
};

TEST_F(RtmAdversarialTest, EveryAttackIsRefusedAndChangesNothing)
{
    std::vector<Attack> attacks;
    auto append = [&attacks](std::vector<Attack> more) {
        attacks.insert(attacks.end(), more.begin(), more.end());
    };
    // 1. A live client of the same table: the victim's valid handles are another client's
    // (AccessDenied), the slot's new owner's too; every other source is not the table's.
    for (const Bundle* b : {&victim, &fresh})
    {
        append(Writes(a->reg, mine, *b, RtmStatus::AccessDenied, "a client of the table"));
        for (const Bundle& bad : BadSources(*b))
        {
            append(Writes(a->reg, mine, bad, RtmStatus::InvalidHandle, "a client of the table"));
            append(Reads(a->reg, mine, bad, "a client of the table"));
        }
    }
    // 2. A client of another instance: the victim's handles are another table's.
    append(
        Writes(w->reg, otherInst, victim, RtmStatus::InvalidHandle, "another instance's client"));
    append(Reads(w->reg, otherInst, victim, "another instance's client"));
    // 3. The victim's own registration in the other family, with its IPv4 handles.
    append(Writes(v6->reg, other6, victim, RtmStatus::InvalidHandle, "the victim's IPv6 client"));
    append(Reads(v6->reg, other6, victim, "the victim's IPv6 client"));
    // 4. The stale registration object whose slot the new client took: every call through it
    // is refused, with the new owner's handles (which the slot would now "own") above all.
    for (const Bundle* b : {&fresh, &victim, &gone})
    {
        append(Writes(g->reg, gone, *b, RtmStatus::InvalidHandle, "a stale registration"));
        append(Reads(g->reg, gone, *b, "a stale registration"));
    }
    Ptr<RtmRegistration> stale = g->reg;
    attacks.push_back({"a stale registration: Deregister (the new owner stays)",
                       RtmStatus::InvalidHandle,
                       [=] { return stale->Deregister(); }});
    attacks.push_back({"a stale registration: BlockMethods", RtmStatus::InvalidHandle, [=] {
                           return stale->BlockMethods(RTM_BLOCK_METHODS);
                       }});
    attacks.push_back(
        {"a stale registration: GetRegisteredEntities", RtmStatus::InvalidHandle, [=] {
             uint32_t num = 10;
             std::vector<RtmEntityHandle> hs;
             return stale->GetRegisteredEntities(num, hs);
         }});
    attacks.push_back({"a stale registration: CreateDestEnum", RtmStatus::InvalidHandle, [=] {
                           RtmEnumHandle e;
                           return stale->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                                        RTM_ENUM_START,
                                                        nullptr,
                                                        RTM_BEST_PROTOCOL,
                                                        e);
                       }});
    attacks.push_back(
        {"a stale registration: RegisterForChangeNotification", RtmStatus::InvalidHandle, [=] {
             RtmNotifyHandle nt;
             return stale->RegisterForChangeNotification(RTM_VIEW_MASK_ANY,
                                                         RTM_CHANGE_TYPE_ALL,
                                                         0,
                                                         nt);
         }});
    attacks.push_back({"a stale registration: AddNextHop",
                       RtmStatus::InvalidHandle,
                       [stale, info = fresh.nhInfo] {
                           RtmNextHopHandle nh;
                           uint32_t cf = 0;
                           return stale->AddNextHop(info, nh, cf);
                       }});
    attacks.push_back(
        {"a stale registration: AddRouteToDest (a new route)", RtmStatus::InvalidHandle, [=] {
             RtmRouteHandle rt;
             uint32_t cf = 0;
             return stale
                 ->AddRouteToDest(rt, Pfx("10.98.0.0/16"), Route(1, 1), RTM_INFINITE, {}, cf);
         }});
    attacks.push_back({"a stale registration: CreateRouteList", RtmStatus::InvalidHandle, [=] {
                           RtmRouteListHandle l;
                           return stale->CreateRouteList(l);
                       }});
    attacks.push_back({"a stale registration: SetDefaultPreference", RtmStatus::Success, [=] {
                           stale->SetDefaultPreference(1);
                           return RtmStatus::Success;
                       }});
    // 5. Identity theft: registering again as the victim.
    for (TestClient* c : {v, v6, w})
    {
        Ptr<RtmInstance> where = c->instance;
        RtmEntityInfo info = c->info;
        attacks.push_back(
            {"registering as " + std::to_string(info.entityId.entityProtocolId) + " again",
             RtmStatus::AlreadyExists,
             [=] {
                 RtmRegnProfile profile;
                 Ptr<RtmRegistration> reg;
                 return where->RegisterEntity(info, {}, RtmEventCallback(), false, profile, reg);
             }});
    }

    for (const auto& at : attacks)
    {
        Try(at);
    }
    // The known hole: a stale registration object answers with nothing of the slot's owner.
    EXPECT_FALSE(stale->IsRegistered());
    EXPECT_TRUE(stale->GetEntityHandle().IsNull());
    EXPECT_NE(stale->GetEntityHandle(), n->Entity());
    EXPECT_EQ(stale->GetEntityInfo().entityId.entityProtocolId, 0u);
    EXPECT_EQ(stale->GetProfile().maxHandlesInEnum, 0u);
    EXPECT_EQ(n->reg->GetEntityInfo().entityId.entityProtocolId, 500u);
    EXPECT_TRUE(n->reg->IsRegistered());
    // The new owner's methods were not blocked by the stale object.
    RtmEntityMethodInput in;
    in.methodType = 1;
    uint32_t size = 100;
    std::vector<RtmEntityMethodOutput> outputs;
    EXPECT_EQ(a->reg->InvokeMethod(n->Entity(), in, size, outputs), RtmStatus::Success);
    for (const Bundle* b : {&victim, &fresh, &other6, &otherInst, &mine})
    {
        StillIntact(*b);
    }
    EXPECT_EQ(refused, tried);
    EXPECT_GT(tried, 500u);
    std::printf("[adversarial] %u attacks tried, %u refused with the expected status, nothing "
                "stored changed by any\n",
                tried,
                refused);
}

} // namespace
