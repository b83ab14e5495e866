/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A sweep over every RtmRegistration call that takes a handle: null, forged (unknown slot, wrong
 * generation, unknown table), stale (object gone), another instance's and another family's
 * handles are InvalidHandle; another client's valid handle where ownership is required is
 * AccessDenied. After each refusal, everything stored (destinations, routes, next hops, lists,
 * pending changes, marks, opaque values, entities) must be unchanged. Also the order in which
 * AddRouteToDest checks its arguments when several are wrong.
 */
#include "rtm-test-util.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

template <typename H>
using Labelled = std::vector<std::pair<std::string, H>>;

class RtmErrorSweepTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        a = Register(kProtoA, 1, RTM_AF_INET, true, true, {NoopMethod()});
        b = Register(kProtoB, 1, RTM_AF_INET, true, true, {NoopMethod()});
        v6 = Register(kProtoA, 1, RTM_AF_INET6, true, true, {NoopMethod()});
        other = NewInstance();
        o = Register(kProtoA, 1, RTM_AF_INET, true, true, {NoopMethod()}, other);
        ASSERT_TRUE(a && b && v6 && o);
        // Stale handles (made first, so that nothing keeps their objects alive).
        RtmNextHopHandle nh = AddNh(a, "10.255.0.77", 1);
        staleRoute = AddRoute(a, "10.77.0.0/16", Route(100, 1, {nh}));
        staleDest = Info(a, staleRoute).destHandle;
        DelRoute(a, staleRoute);
        ASSERT_EQ(a->reg->DeleteNextHop(nh), RtmStatus::Success);
        staleNh = nh;
        ASSERT_EQ(a->reg->CreateRouteList(staleList), RtmStatus::Success);
        ASSERT_EQ(a->reg->DeleteRouteList(staleList), RtmStatus::Success);
        ASSERT_EQ(a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                         RTM_ENUM_START,
                                         nullptr,
                                         RTM_BEST_PROTOCOL,
                                         staleEnum),
                  RtmStatus::Success);
        ASSERT_EQ(a->reg->DeleteEnumHandle(staleEnum), RtmStatus::Success);
        ASSERT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY,
                                                        RTM_CHANGE_TYPE_ALL,
                                                        0,
                                                        staleNotify),
                  RtmStatus::Success);
        ASSERT_EQ(a->reg->DeregisterFromChangeNotification(staleNotify), RtmStatus::Success);
        TestClient* gone = Register(kProtoC, 1);
        ASSERT_NE(gone, nullptr);
        staleEntity = gone->Entity();
        ASSERT_EQ(gone->reg->Deregister(), RtmStatus::Success);
        // a's objects.
        aNh = AddNh(a, "10.255.0.1", 1);
        aNh2 = AddNh(a, "10.255.0.2", 2);
        aRoute = AddRoute(a, "10.1.0.0/16", Route(100, 1, {aNh}));
        aRoute2 = AddRoute(a, "10.2.0.0/16", Route(100, 1, {aNh2}, RTM_VIEW_MASK_UCAST));
        aDest = Info(a, aRoute).destHandle;
        ASSERT_EQ(a->reg->CreateRouteList(aList), RtmStatus::Success);
        ASSERT_EQ(a->reg->InsertInRouteList(aList, {aRoute2, aRoute}), RtmStatus::Success);
        ASSERT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY,
                                                        RTM_CHANGE_TYPE_ALL,
                                                        1,
                                                        aNotify),
                  RtmStatus::Success);
        ASSERT_EQ(a->reg->MarkDestForChangeNotification(aNotify, aDest, true), RtmStatus::Success);
        ASSERT_EQ(a->reg->SetOpaquePointer(aDest, 0xa), RtmStatus::Success);
        ASSERT_EQ(a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                         RTM_ENUM_START,
                                         nullptr,
                                         RTM_BEST_PROTOCOL,
                                         aDestEnum),
                  RtmStatus::Success);
        ASSERT_EQ(a->reg->CreateRouteEnum(RtmDestHandle(),
                                          RTM_VIEW_MASK_ANY,
                                          RTM_ENUM_START,
                                          nullptr,
                                          RTM_MATCH_NONE,
                                          nullptr,
                                          0,
                                          aRouteEnum),
                  RtmStatus::Success);
        ASSERT_EQ(a->reg->CreateNextHopEnum(RTM_ENUM_START, nullptr, aNhEnum), RtmStatus::Success);
        ASSERT_EQ(a->reg->CreateRouteListEnum(aList, aListEnum), RtmStatus::Success);
        // b's objects.
        bNh = AddNh(b, "10.255.0.9", 3);
        bRoute = AddRoute(b, "10.1.0.0/16", Route(200, 1, {bNh}));
        RtmRouteHandle held = AddRoute(b, "10.3.0.0/16", Route(200, 1, {bNh}));
        ASSERT_EQ(b->reg->HoldDestination(Info(b, held).destHandle, RTM_VIEW_MASK_ANY, 100000),
                  RtmStatus::Success);
        DelRoute(b, held);
        ASSERT_EQ(b->reg->CreateRouteList(bList), RtmStatus::Success);
        ASSERT_EQ(b->reg->InsertInRouteList(bList, {bRoute}), RtmStatus::Success);
        ASSERT_EQ(b->reg->RegisterForChangeNotification(kBoth, RTM_CHANGE_TYPE_BEST, 2, bNotify),
                  RtmStatus::Success);
        ASSERT_EQ(b->reg->SetOpaquePointer(aDest, 0xb), RtmStatus::Success);
        ASSERT_EQ(b->reg->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                         RTM_ENUM_START,
                                         nullptr,
                                         RTM_BEST_PROTOCOL,
                                         bDestEnum),
                  RtmStatus::Success);
        ASSERT_EQ(b->reg->CreateRouteEnum(RtmDestHandle(),
                                          RTM_VIEW_MASK_ANY,
                                          RTM_ENUM_START,
                                          nullptr,
                                          RTM_MATCH_NONE,
                                          nullptr,
                                          0,
                                          bRouteEnum),
                  RtmStatus::Success);
        ASSERT_EQ(b->reg->CreateNextHopEnum(RTM_ENUM_START, nullptr, bNhEnum), RtmStatus::Success);
        ASSERT_EQ(b->reg->CreateRouteListEnum(bList, bListEnum), RtmStatus::Success);
        // Another family's and another instance's objects.
        RtmNextHopHandle nh6 = AddNh(v6, "fe80::1", 1);
        v6Nh = nh6;
        v6Route = AddRoute(v6, "2001:db8::/32", Route(100, 1, {nh6}));
        v6Dest = Info(v6, v6Route).destHandle;
        ASSERT_EQ(v6->reg->CreateRouteList(v6List), RtmStatus::Success);
        ASSERT_EQ(v6->reg->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                          RTM_ENUM_START,
                                          nullptr,
                                          RTM_BEST_PROTOCOL,
                                          v6Enum),
                  RtmStatus::Success);
        ASSERT_EQ(v6->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY,
                                                         RTM_CHANGE_TYPE_ALL,
                                                         0,
                                                         v6Notify),
                  RtmStatus::Success);
        oNh = AddNh(o, "10.255.0.1", 1);
        oRoute = AddRoute(o, "10.1.0.0/16", Route(100, 1, {oNh}));
        oDest = Info(o, oRoute).destHandle;
        ASSERT_EQ(o->reg->CreateRouteList(oList), RtmStatus::Success);
        ASSERT_EQ(o->reg->CreateDestEnum(RTM_VIEW_MASK_ANY,
                                         RTM_ENUM_START,
                                         nullptr,
                                         RTM_BEST_PROTOCOL,
                                         oEnum),
                  RtmStatus::Success);
        ASSERT_EQ(o->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY,
                                                        RTM_CHANGE_TYPE_ALL,
                                                        0,
                                                        oNotify),
                  RtmStatus::Success);
        Deliver();
    }

    static RtmEntityMethod NoopMethod()
    {
        return RtmAsCallback<RtmEntityMethod>([](RtmEntityHandle,
                                                 RtmEntityHandle,
                                                 const RtmEntityMethodInput&,
                                                 RtmEntityMethodOutput&) {});
    }

    /// Null, forged, stale, another instance's and another family's handles of one kind.
    template <typename H>
    static Labelled<H> BadHandles(H valid, H stale, H otherFamily, H otherInstance)
    {
        return {{"null", H()},
                {"forged slot", Forged(valid)},
                {"wrong generation", WrongGen(valid)},
                {"unknown table", NoTable<H>()},
                {"stale", stale},
                {"other family", otherFamily},
                {"other instance", otherInstance}};
    }

    /// Everything stored, as text: table contents plus per-client lists, pending changes,
    /// marks, opaque values and the entity list.
    std::string Everything()
    {
        std::ostringstream os;
        os << Snapshot(a);
        auto dests = AllDests(a, RTM_VIEW_MASK_ANY);
        for (TestClient* c : {a, b})
        {
            RtmNotifyHandle n = c == a ? aNotify : bNotify;
            for (const auto& d : dests)
            {
                bool pending = false;
                bool marked = false;
                uint64_t value = 0;
                EXPECT_EQ(c->reg->GetChangeStatus(n, d.destHandle, pending), RtmStatus::Success);
                EXPECT_EQ(c->reg->IsMarkedForChangeNotification(n, d.destHandle, marked),
                          RtmStatus::Success);
                EXPECT_EQ(c->reg->GetOpaquePointer(d.destHandle, value), RtmStatus::Success);
                os << "C" << c->info.entityId.entityProtocolId << " " << d.destAddress
                   << " pending=" << pending << " marked=" << marked << " opaque=" << value << "\n";
            }
            RtmRouteListHandle l = c == a ? aList : bList;
            RtmEnumHandle e;
            EXPECT_EQ(c->reg->CreateRouteListEnum(l, e), RtmStatus::Success);
            uint32_t num = 100;
            std::vector<RtmRouteHandle> items;
            c->reg->GetListEnumRoutes(e, num, items);
            c->reg->DeleteEnumHandle(e);
            os << "L" << c->info.entityId.entityProtocolId << " ";
            for (const auto& r : items)
            {
                os << r << " ";
            }
            os << "\n";
        }
        uint32_t n = 100;
        std::vector<RtmEntityHandle> entities;
        EXPECT_EQ(a->reg->GetRegisteredEntities(n, entities), RtmStatus::Success);
        for (const auto& e : entities)
        {
            os << "E " << e << "\n";
        }
        return os.str();
    }

    /// Run \p call, expect \p expected and nothing changed.
    void Refused(const std::string& what,
                 RtmStatus expected,
                 const std::function<RtmStatus()>& call)
    {
        std::string before = Everything();
        EXPECT_EQ(call(), expected) << what;
        EXPECT_EQ(Everything(), before) << what;
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
    TestClient* v6{nullptr};
    TestClient* o{nullptr};
    Ptr<RtmInstance> other;
    RtmNextHopHandle aNh, aNh2, bNh, staleNh, v6Nh, oNh;
    RtmRouteHandle aRoute, aRoute2, bRoute, staleRoute, v6Route, oRoute;
    RtmDestHandle aDest, staleDest, v6Dest, oDest;
    RtmRouteListHandle aList, bList, staleList, v6List, oList;
    RtmEnumHandle aDestEnum, aRouteEnum, aNhEnum, aListEnum;
    RtmEnumHandle bDestEnum, bRouteEnum, bNhEnum, bListEnum, staleEnum, v6Enum, oEnum;
    RtmNotifyHandle aNotify, bNotify, staleNotify, v6Notify, oNotify;
    RtmEntityHandle staleEntity;
};

TEST_F(RtmErrorSweepTest, RouteHandles)
{
    RtmRouteInfo info = Route(100, 5, {aNh});
    for (const auto& [label, h] : BadHandles(aRoute, staleRoute, v6Route, oRoute))
    {
        const RtmRouteHandle bad = h;
        Refused("GetRouteInfo " + label, RtmStatus::InvalidHandle, [&] {
            RtmRouteInfo i;
            return a->reg->GetRouteInfo(bad, &i);
        });
        Refused("IsBestRoute " + label, RtmStatus::InvalidHandle, [&] {
            RtmViewSet v;
            return a->reg->IsBestRoute(bad, v);
        });
        Refused("DeleteRouteToDest " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t cf = 0;
            return a->reg->DeleteRouteToDest(bad, cf);
        });
        Refused("UpdateRoute " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t cf = 0;
            return a->reg->UpdateRoute(bad, info, RTM_INFINITE, RtmRouteListHandle(), cf);
        });
        if (!bad.IsNull())
        {
            Refused("AddRouteToDest " + label, RtmStatus::InvalidHandle, [&] {
                RtmRouteHandle r = bad;
                uint32_t cf = 0;
                return a->reg->AddRouteToDest(r,
                                              Pfx("10.1.0.0/16"),
                                              info,
                                              RTM_INFINITE,
                                              RtmRouteListHandle(),
                                              cf);
            });
        }
        Refused("InsertInRouteList " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->InsertInRouteList(aList, {bad});
        });
    }
    // Another client's route.
    Refused("DeleteRouteToDest of b's", RtmStatus::AccessDenied, [&] {
        uint32_t cf = 0;
        return a->reg->DeleteRouteToDest(bRoute, cf);
    });
    Refused("UpdateRoute of b's", RtmStatus::AccessDenied, [&] {
        uint32_t cf = 0;
        return a->reg->UpdateRoute(bRoute, info, RTM_INFINITE, RtmRouteListHandle(), cf);
    });
    Refused("AddRouteToDest of b's", RtmStatus::AccessDenied, [&] {
        RtmRouteHandle r = bRoute;
        uint32_t cf = 0;
        return a->reg
            ->AddRouteToDest(r, Pfx("10.1.0.0/16"), info, RTM_INFINITE, RtmRouteListHandle(), cf);
    });
    Refused("InsertInRouteList of b's", RtmStatus::AccessDenied, [&] {
        return a->reg->InsertInRouteList(aList, {bRoute});
    });
}

TEST_F(RtmErrorSweepTest, DestHandles)
{
    for (const auto& [label, h] : BadHandles(aDest, staleDest, v6Dest, oDest))
    {
        const RtmDestHandle bad = h;
        Refused("GetDestInfo " + label, RtmStatus::InvalidHandle, [&] {
            RtmDestInfo i;
            return a->reg->GetDestInfo(bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, i);
        });
        Refused("GetLessSpecificDestination " + label, RtmStatus::InvalidHandle, [&] {
            RtmDestInfo i;
            return a->reg->GetLessSpecificDestination(bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, i);
        });
        Refused("HoldDestination " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->HoldDestination(bad, RTM_VIEW_MASK_UCAST, 100);
        });
        if (!bad.IsNull())
        {
            Refused("CreateRouteEnum " + label, RtmStatus::InvalidHandle, [&] {
                RtmEnumHandle e;
                return a->reg->CreateRouteEnum(bad,
                                               RTM_VIEW_MASK_ANY,
                                               RTM_ENUM_START,
                                               nullptr,
                                               RTM_MATCH_NONE,
                                               nullptr,
                                               0,
                                               e);
            });
        }
        Refused("GetChangeStatus " + label, RtmStatus::InvalidHandle, [&] {
            bool p;
            return a->reg->GetChangeStatus(aNotify, bad, p);
        });
        Refused("IgnoreChangedDests " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->IgnoreChangedDests(aNotify, {bad});
        });
        Refused("MarkDestForChangeNotification " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->MarkDestForChangeNotification(aNotify, bad, true);
        });
        Refused("IsMarkedForChangeNotification " + label, RtmStatus::InvalidHandle, [&] {
            bool m;
            return a->reg->IsMarkedForChangeNotification(aNotify, bad, m);
        });
        Refused("GetOpaquePointer " + label, RtmStatus::InvalidHandle, [&] {
            uint64_t v;
            return a->reg->GetOpaquePointer(bad, v);
        });
        Refused("SetOpaquePointer " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->SetOpaquePointer(bad, 5);
        });
    }
}

TEST_F(RtmErrorSweepTest, NextHopHandles)
{
    RtmNextHopInfo key;
    key.nextHopAddress = Pfx("10.255.0.1");
    key.interfaceIndex = 1;
    for (const auto& [label, h] : BadHandles(aNh, staleNh, v6Nh, oNh))
    {
        const RtmNextHopHandle bad = h;
        Refused("GetNextHopInfo " + label, RtmStatus::InvalidHandle, [&] {
            RtmNextHopInfo i;
            return a->reg->GetNextHopInfo(bad, i);
        });
        if (!bad.IsNull())
        {
            Refused("AddNextHop " + label, RtmStatus::InvalidHandle, [&] {
                RtmNextHopHandle x = bad;
                uint32_t cf = 0;
                return a->reg->AddNextHop(key, x, cf);
            });
            Refused("DeleteNextHop " + label, RtmStatus::InvalidHandle, [&] {
                return a->reg->DeleteNextHop(bad);
            });
            Refused("AddRouteToDest next hop " + label, RtmStatus::InvalidHandle, [&] {
                RtmRouteHandle r;
                uint32_t cf = 0;
                return a->reg->AddRouteToDest(r,
                                              Pfx("10.9.0.0/16"),
                                              Route(100, 1, {bad}),
                                              RTM_INFINITE,
                                              RtmRouteListHandle(),
                                              cf);
            });
            Refused("AddRouteToDest neighbour " + label, RtmStatus::InvalidHandle, [&] {
                RtmRouteHandle r;
                uint32_t cf = 0;
                RtmRouteInfo i = Route(100, 1, {aNh});
                i.neighbour = bad;
                return a->reg->AddRouteToDest(r,
                                              Pfx("10.9.0.0/16"),
                                              i,
                                              RTM_INFINITE,
                                              RtmRouteListHandle(),
                                              cf);
            });
            Refused("UpdateRoute next hop " + label, RtmStatus::InvalidHandle, [&] {
                uint32_t cf = 0;
                return a->reg->UpdateRoute(aRoute,
                                           Route(100, 1, {aNh, bad}),
                                           RTM_INFINITE,
                                           RtmRouteListHandle(),
                                           cf);
            });
        }
    }
    Refused("AddNextHop of b's", RtmStatus::AccessDenied, [&] {
        RtmNextHopHandle x = bNh;
        uint32_t cf = 0;
        RtmNextHopInfo k;
        k.nextHopAddress = Pfx("10.255.0.9");
        k.interfaceIndex = 3;
        return a->reg->AddNextHop(k, x, cf);
    });
    Refused("DeleteNextHop of b's", RtmStatus::AccessDenied, [&] {
        return a->reg->DeleteNextHop(bNh);
    });
    Refused("AddRouteToDest with b's next hop", RtmStatus::AccessDenied, [&] {
        RtmRouteHandle r;
        uint32_t cf = 0;
        return a->reg->AddRouteToDest(r,
                                      Pfx("10.9.0.0/16"),
                                      Route(100, 1, {bNh}),
                                      RTM_INFINITE,
                                      RtmRouteListHandle(),
                                      cf);
    });
    Refused("UpdateRoute with b's neighbour", RtmStatus::AccessDenied, [&] {
        uint32_t cf = 0;
        RtmRouteInfo i = Route(100, 1, {aNh});
        i.neighbour = bNh;
        return a->reg->UpdateRoute(aRoute, i, RTM_INFINITE, RtmRouteListHandle(), cf);
    });
}

TEST_F(RtmErrorSweepTest, ListHandles)
{
    for (const auto& [label, h] : BadHandles(aList, staleList, v6List, oList))
    {
        const RtmRouteListHandle bad = h;
        if (!bad.IsNull())
        {
            Refused("AddRouteToDest list " + label, RtmStatus::InvalidHandle, [&] {
                RtmRouteHandle r;
                uint32_t cf = 0;
                return a->reg->AddRouteToDest(r,
                                              Pfx("10.9.0.0/16"),
                                              Route(100, 1, {aNh}),
                                              RTM_INFINITE,
                                              bad,
                                              cf);
            });
            Refused("UpdateRoute list " + label, RtmStatus::InvalidHandle, [&] {
                uint32_t cf = 0;
                return a->reg->UpdateRoute(aRoute, Route(100, 1, {aNh}), RTM_INFINITE, bad, cf);
            });
            Refused("InsertInRouteList " + label, RtmStatus::InvalidHandle, [&] {
                return a->reg->InsertInRouteList(bad, {aRoute});
            });
        }
        Refused("CreateRouteListEnum " + label, RtmStatus::InvalidHandle, [&] {
            RtmEnumHandle e;
            return a->reg->CreateRouteListEnum(bad, e);
        });
        Refused("DeleteRouteList " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->DeleteRouteList(bad);
        });
    }
    Refused("AddRouteToDest onto b's list", RtmStatus::AccessDenied, [&] {
        RtmRouteHandle r;
        uint32_t cf = 0;
        return a->reg
            ->AddRouteToDest(r, Pfx("10.9.0.0/16"), Route(100, 1, {aNh}), RTM_INFINITE, bList, cf);
    });
    Refused("InsertInRouteList onto b's list", RtmStatus::AccessDenied, [&] {
        return a->reg->InsertInRouteList(bList, {aRoute});
    });
    Refused("CreateRouteListEnum of b's list", RtmStatus::AccessDenied, [&] {
        RtmEnumHandle e;
        return a->reg->CreateRouteListEnum(bList, e);
    });
    Refused("DeleteRouteList of b's list", RtmStatus::AccessDenied, [&] {
        return a->reg->DeleteRouteList(bList);
    });
}

TEST_F(RtmErrorSweepTest, EnumHandles)
{
    for (const auto& [label, h] : BadHandles(aDestEnum, staleEnum, v6Enum, oEnum))
    {
        const RtmEnumHandle bad = h;
        Refused("GetEnumDests " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t n = 1;
            std::vector<RtmDestInfo> v;
            return a->reg->GetEnumDests(bad, n, v);
        });
        Refused("GetEnumRoutes " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t n = 1;
            std::vector<RtmRouteHandle> v;
            return a->reg->GetEnumRoutes(bad, n, v);
        });
        Refused("GetEnumNextHops " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t n = 1;
            std::vector<RtmNextHopHandle> v;
            return a->reg->GetEnumNextHops(bad, n, v);
        });
        Refused("GetListEnumRoutes " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t n = 1;
            std::vector<RtmRouteHandle> v;
            return a->reg->GetListEnumRoutes(bad, n, v);
        });
        Refused("DeleteEnumHandle " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->DeleteEnumHandle(bad);
        });
    }
    // Of another kind.
    std::vector<std::pair<std::string, RtmEnumHandle>> kinds = {{"dest", aDestEnum},
                                                                {"route", aRouteEnum},
                                                                {"next hop", aNhEnum},
                                                                {"list", aListEnum}};
    for (const auto& [kind, e] : kinds)
    {
        const RtmEnumHandle h = e;
        if (h != aDestEnum)
        {
            Refused("GetEnumDests of a " + kind + " enumeration", RtmStatus::InvalidHandle, [&] {
                uint32_t n = 1;
                std::vector<RtmDestInfo> v;
                return a->reg->GetEnumDests(h, n, v);
            });
        }
        if (h != aRouteEnum)
        {
            Refused("GetEnumRoutes of a " + kind + " enumeration", RtmStatus::InvalidHandle, [&] {
                uint32_t n = 1;
                std::vector<RtmRouteHandle> v;
                return a->reg->GetEnumRoutes(h, n, v);
            });
        }
        if (h != aNhEnum)
        {
            Refused("GetEnumNextHops of a " + kind + " enumeration", RtmStatus::InvalidHandle, [&] {
                uint32_t n = 1;
                std::vector<RtmNextHopHandle> v;
                return a->reg->GetEnumNextHops(h, n, v);
            });
        }
        if (h != aListEnum)
        {
            Refused("GetListEnumRoutes of a " + kind + " enumeration",
                    RtmStatus::InvalidHandle,
                    [&] {
                        uint32_t n = 1;
                        std::vector<RtmRouteHandle> v;
                        return a->reg->GetListEnumRoutes(h, n, v);
                    });
        }
    }
    // Another client's enumerations.
    Refused("GetEnumDests of b's", RtmStatus::AccessDenied, [&] {
        uint32_t n = 1;
        std::vector<RtmDestInfo> v;
        return a->reg->GetEnumDests(bDestEnum, n, v);
    });
    Refused("GetEnumRoutes of b's", RtmStatus::AccessDenied, [&] {
        uint32_t n = 1;
        std::vector<RtmRouteHandle> v;
        return a->reg->GetEnumRoutes(bRouteEnum, n, v);
    });
    Refused("GetEnumNextHops of b's", RtmStatus::AccessDenied, [&] {
        uint32_t n = 1;
        std::vector<RtmNextHopHandle> v;
        return a->reg->GetEnumNextHops(bNhEnum, n, v);
    });
    Refused("GetListEnumRoutes of b's", RtmStatus::AccessDenied, [&] {
        uint32_t n = 1;
        std::vector<RtmRouteHandle> v;
        return a->reg->GetListEnumRoutes(bListEnum, n, v);
    });
    Refused("DeleteEnumHandle of b's", RtmStatus::AccessDenied, [&] {
        return a->reg->DeleteEnumHandle(bDestEnum);
    });
    // b's enumeration still works from where it was.
    uint32_t n = 2;
    std::vector<RtmRouteHandle> v;
    EXPECT_EQ(b->reg->GetEnumRoutes(bRouteEnum, n, v), RtmStatus::Success);
    EXPECT_EQ(n, 2u);
}

TEST_F(RtmErrorSweepTest, NotifyHandles)
{
    for (const auto& [label, h] : BadHandles(aNotify, staleNotify, v6Notify, oNotify))
    {
        const RtmNotifyHandle bad = h;
        Refused("GetChangedDests " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t n = 1;
            std::vector<RtmDestInfo> v;
            return a->reg->GetChangedDests(bad, n, v);
        });
        Refused("GetChangeStatus " + label, RtmStatus::InvalidHandle, [&] {
            bool p;
            return a->reg->GetChangeStatus(bad, aDest, p);
        });
        Refused("IgnoreChangedDests " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->IgnoreChangedDests(bad, {aDest});
        });
        Refused("MarkDestForChangeNotification " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->MarkDestForChangeNotification(bad, aDest, false);
        });
        Refused("IsMarkedForChangeNotification " + label, RtmStatus::InvalidHandle, [&] {
            bool m;
            return a->reg->IsMarkedForChangeNotification(bad, aDest, m);
        });
        Refused("DeregisterFromChangeNotification " + label, RtmStatus::InvalidHandle, [&] {
            return a->reg->DeregisterFromChangeNotification(bad);
        });
    }
    Refused("GetChangedDests of b's", RtmStatus::AccessDenied, [&] {
        uint32_t n = 1;
        std::vector<RtmDestInfo> v;
        return a->reg->GetChangedDests(bNotify, n, v);
    });
    Refused("GetChangeStatus of b's", RtmStatus::AccessDenied, [&] {
        bool p;
        return a->reg->GetChangeStatus(bNotify, aDest, p);
    });
    Refused("IgnoreChangedDests of b's", RtmStatus::AccessDenied, [&] {
        return a->reg->IgnoreChangedDests(bNotify, {aDest});
    });
    Refused("MarkDestForChangeNotification of b's", RtmStatus::AccessDenied, [&] {
        return a->reg->MarkDestForChangeNotification(bNotify, aDest, true);
    });
    Refused("IsMarkedForChangeNotification of b's", RtmStatus::AccessDenied, [&] {
        bool m;
        return a->reg->IsMarkedForChangeNotification(bNotify, aDest, m);
    });
    Refused("DeregisterFromChangeNotification of b's", RtmStatus::AccessDenied, [&] {
        return a->reg->DeregisterFromChangeNotification(bNotify);
    });
}

TEST_F(RtmErrorSweepTest, EntityHandles)
{
    TestClient* v6b = v6;
    for (const auto& [label, h] : BadHandles(b->Entity(), staleEntity, v6b->Entity(), o->Entity()))
    {
        const RtmEntityHandle bad = h;
        Refused("GetEntityInfo " + label, RtmStatus::InvalidHandle, [&] {
            RtmEntityInfo i;
            return a->reg->GetEntityInfo(bad, i);
        });
        Refused("GetEntityMethods " + label, RtmStatus::InvalidHandle, [&] {
            uint32_t n = 4;
            std::vector<uint32_t> t;
            return a->reg->GetEntityMethods(bad, n, t);
        });
        Refused("InvokeMethod " + label, RtmStatus::InvalidHandle, [&] {
            RtmEntityMethodInput in;
            in.methodType = 1;
            uint32_t size = 100;
            std::vector<RtmEntityMethodOutput> out;
            return a->reg->InvokeMethod(bad, in, size, out);
        });
    }
}

// "Further decisions": with several wrong arguments the checks run in argument order (caller,
// prefix, flags, route handle, views, next hops, neighbour, list); the first failure is returned.
TEST_F(RtmErrorSweepTest, AddRouteChecksArgumentsInOrder)
{
    auto add = [&](RtmRouteHandle route,
                   const RtmNetAddress& prefix,
                   uint32_t flags,
                   RtmViewSet views,
                   std::vector<RtmNextHopHandle> nhs,
                   RtmNextHopHandle neighbour,
                   RtmRouteListHandle list) {
        RtmRouteInfo i = Route(100, 1, nhs, views);
        i.neighbour = neighbour;
        RtmRouteHandle r = route;
        uint32_t cf = flags;
        return a->reg->AddRouteToDest(r, prefix, i, RTM_INFINITE, list, cf);
    };
    const RtmNetAddress good = Pfx("10.1.0.0/16");
    const RtmNetAddress badPrefix = Pfx("10.1.0.0/8");
    const uint32_t badFlags = RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_FIRST;
    // prefix before everything else
    Refused("prefix first", RtmStatus::InvalidParameter, [&] {
        return add(bRoute, badPrefix, badFlags, 0x4, {bNh}, Forged(aNh), bList);
    });
    // flags before the route handle
    Refused("flags before route", RtmStatus::InvalidParameter, [&] {
        return add(bRoute, good, badFlags, 0x4, {bNh}, Forged(aNh), bList);
    });
    // route handle before views
    Refused("route before views", RtmStatus::AccessDenied, [&] {
        return add(bRoute, good, 0, 0x4, {bNh}, Forged(aNh), bList);
    });
    Refused("stale route before views", RtmStatus::InvalidHandle, [&] {
        return add(staleRoute, good, 0, 0x4, {bNh}, Forged(aNh), bList);
    });
    // views before next hops
    Refused("views before next hops", RtmStatus::NotSupported, [&] {
        return add(RtmRouteHandle(), good, 0, 0x4, {bNh}, Forged(aNh), bList);
    });
    Refused("empty views before next hops", RtmStatus::InvalidParameter, [&] {
        return add(RtmRouteHandle(), good, 0, 0, {bNh}, Forged(aNh), bList);
    });
    // next hops before the neighbour
    Refused("next hops before neighbour", RtmStatus::AccessDenied, [&] {
        return add(RtmRouteHandle(), good, 0, kBoth, {bNh}, Forged(aNh), bList);
    });
    // neighbour before the list
    Refused("neighbour before list", RtmStatus::InvalidHandle, [&] {
        return add(RtmRouteHandle(), good, 0, kBoth, {aNh}, Forged(aNh), bList);
    });
    Refused("list last", RtmStatus::AccessDenied, [&] {
        return add(RtmRouteHandle(), good, 0, kBoth, {aNh}, aNh, bList);
    });
}

} // namespace
