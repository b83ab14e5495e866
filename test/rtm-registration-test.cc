/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of registration: RtmInstance::RegisterEntity, RtmRegistration::Deregister and the entity
 * queries (GetRegisteredEntities, GetEntityInfo, profile, default preference), the
 * EntityRegistered / EntityDeregistered events, opaque-slot accounting and the clean-up that
 * deregistration performs (design decision 9).
 */
#include "rtm-test-util.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmRegistrationTest : public RtmTest
{
  protected:
    /// \return the entities of \p c's table, in registration order
    std::vector<RtmEntityHandle> Entities(TestClient* c,
                                          std::vector<RtmEntityInfo>* infos = nullptr)
    {
        uint32_t n = 1000;
        std::vector<RtmEntityHandle> handles;
        EXPECT_EQ(c->reg->GetRegisteredEntities(n, handles, infos), RtmStatus::Success);
        EXPECT_EQ(n, handles.size());
        return handles;
    }

    /// \return an entity info for instance 0, IPv4
    static RtmEntityInfo Ident(uint32_t protocol, uint32_t instance, uint16_t af = RTM_AF_INET)
    {
        RtmEntityInfo i;
        i.rtmInstanceId = 0;
        i.addressFamily = af;
        i.entityId.entityProtocolId = protocol;
        i.entityId.entityInstanceId = instance;
        return i;
    }

    /// Try a registration expected to fail with \p expected.
    void RegisterFails(const RtmEntityInfo& info,
                       RtmStatus expected,
                       bool opaque = false,
                       const std::vector<RtmEntityMethod>& methods = {})
    {
        RtmRegnProfile profile;
        Ptr<RtmRegistration> reg;
        EXPECT_EQ(inst->RegisterEntity(info, methods, RtmEventCallback(), opaque, profile, reg),
                  expected);
        EXPECT_FALSE(reg && reg->IsRegistered()) << "a failed registration must not register";
    }
};

RtmEntityMethod
NoopMethod()
{
    return RtmAsCallback<RtmEntityMethod>(
        [](RtmEntityHandle, RtmEntityHandle, const RtmEntityMethodInput&, RtmEntityMethodOutput&) {
        });
}

TEST_F(RtmRegistrationTest, RegisterFillsProfileAndIdentity)
{
    TestClient* a = Register(kProtoA, 7);
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->reg->IsRegistered());
    EXPECT_FALSE(a->Entity().IsNull());
    // Defaults of decision 19.
    EXPECT_EQ(a->profile.maxNextHopsInRoute, 16u);
    EXPECT_EQ(a->profile.maxHandlesInEnum, 256u);
    EXPECT_EQ(a->profile.viewsSupported, 0x3u);
    EXPECT_EQ(a->profile.numberOfViews, 2u);
    RtmRegnProfile p = a->reg->GetProfile();
    EXPECT_EQ(p.maxNextHopsInRoute, 16u);
    EXPECT_EQ(p.maxHandlesInEnum, 256u);
    EXPECT_EQ(p.viewsSupported, 0x3u);
    EXPECT_EQ(p.numberOfViews, 2u);
    RtmEntityInfo i = a->reg->GetEntityInfo();
    EXPECT_EQ(i.rtmInstanceId, 0);
    EXPECT_EQ(i.addressFamily, RTM_AF_INET);
    EXPECT_EQ(i.entityId.entityProtocolId, kProtoA);
    EXPECT_EQ(i.entityId.entityInstanceId, 7u);
    RtmEntityInfo j;
    EXPECT_EQ(a->reg->GetEntityInfo(a->Entity(), j), RtmStatus::Success);
    EXPECT_EQ(j.entityId.EntityId(), i.entityId.EntityId());
    EXPECT_EQ(j.addressFamily, RTM_AF_INET);
    EXPECT_EQ(a->reg->GetDefaultPreference(), 150u);
    a->reg->SetDefaultPreference(42);
    EXPECT_EQ(a->reg->GetDefaultPreference(), 42u);
}

TEST_F(RtmRegistrationTest, ProfileFollowsAttributes)
{
    inst->SetAttribute("MaxNextHopsInRoute", UintegerValue(3));
    inst->SetAttribute("MaxHandlesInEnum", UintegerValue(5));
    inst->SetAttribute("DefaultPreference", UintegerValue(77));
    TestClient* a = Register(kProtoA);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->profile.maxNextHopsInRoute, 3u);
    EXPECT_EQ(a->profile.maxHandlesInEnum, 5u);
    EXPECT_EQ(a->reg->GetDefaultPreference(), 77u);
}

TEST_F(RtmRegistrationTest, Ipv6RegistrationHasItsOwnTable)
{
    TestClient* a = Register(kProtoA, 1, RTM_AF_INET);
    TestClient* b = Register(kProtoA, 1, RTM_AF_INET6); // same id, other family: allowed
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->reg->GetEntityInfo().addressFamily, RTM_AF_INET6);
    EXPECT_EQ(b->profile.viewsSupported, 0x3u);
    EXPECT_EQ(Entities(a).size(), 1u);
    EXPECT_EQ(Entities(b).size(), 1u);
    RtmEntityInfo info;
    EXPECT_EQ(a->reg->GetEntityInfo(b->Entity(), info), RtmStatus::InvalidHandle);
    EXPECT_EQ(b->reg->GetEntityInfo(a->Entity(), info), RtmStatus::InvalidHandle);
}

TEST_F(RtmRegistrationTest, AlreadyExists)
{
    TestClient* a = Register(kProtoA, 1);
    ASSERT_NE(a, nullptr);
    Deliver();
    RegisterFails(Ident(kProtoA, 1), RtmStatus::AlreadyExists);
    RegisterFails(Ident(kProtoA, 1), RtmStatus::AlreadyExists, true);
    Deliver();
    EXPECT_EQ(Entities(a).size(), 1u);
    EXPECT_EQ(a->Count(RtmEventType::EntityRegistered), 0u) << "a failed registration is silent";
    // Another instance id of the same protocol is another entity.
    EXPECT_NE(Register(kProtoA, 2), nullptr);
    EXPECT_EQ(Entities(a).size(), 2u);
}

TEST_F(RtmRegistrationTest, InvalidParameter)
{
    TestClient* a = Register(kProtoA, 1);
    ASSERT_NE(a, nullptr);
    RtmEntityInfo wrongInstance = Ident(kProtoB, 1);
    wrongInstance.rtmInstanceId = 5; // this instance is 0
    RegisterFails(wrongInstance, RtmStatus::InvalidParameter);
    RtmEntityInfo noFamily = Ident(kProtoB, 1);
    noFamily.addressFamily = 0;
    RegisterFails(noFamily, RtmStatus::InvalidParameter);
    RtmEntityInfo badFamily = Ident(kProtoB, 1);
    badFamily.addressFamily = 99;
    RegisterFails(badFamily, RtmStatus::InvalidParameter);
    std::vector<RtmEntityMethod> tooMany(33, NoopMethod());
    RegisterFails(Ident(kProtoB, 1), RtmStatus::InvalidParameter, false, tooMany);
    Deliver();
    EXPECT_EQ(Entities(a).size(), 1u);
    EXPECT_EQ(a->events.size(), 0u);
    // 32 methods is the maximum and is fine.
    std::vector<RtmEntityMethod> max(32, NoopMethod());
    EXPECT_NE(Register(kProtoB, 1, RTM_AF_INET, true, false, max), nullptr);
}

TEST_F(RtmRegistrationTest, InstanceIdMustMatch)
{
    Ptr<RtmInstance> i3 = NewInstance(3);
    TestClient* c = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, i3);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->reg->GetEntityInfo().rtmInstanceId, 3);
    RtmRegnProfile profile;
    Ptr<RtmRegistration> reg;
    RtmEntityInfo zero = Ident(kProtoB, 1); // instance id 0 on instance 3
    EXPECT_EQ(i3->RegisterEntity(zero, {}, RtmEventCallback(), false, profile, reg),
              RtmStatus::InvalidParameter);
}

TEST_F(RtmRegistrationTest, OpaqueSlotsRunOut)
{
    // Default: 8 slots per table.
    std::vector<TestClient*> holders;
    for (uint32_t i = 1; i <= 8; ++i)
    {
        holders.push_back(Register(kProtoA, i, RTM_AF_INET, false, true));
        ASSERT_NE(holders.back(), nullptr);
    }
    RegisterFails(Ident(kProtoA, 9), RtmStatus::NoSystemResources, true);
    // A client without a slot is still accepted.
    TestClient* plain = Register(kProtoA, 10, RTM_AF_INET, false, false);
    ASSERT_NE(plain, nullptr);
    EXPECT_EQ(Entities(plain).size(), 9u);
    // The IPv6 table has its own slots.
    EXPECT_NE(Register(kProtoA, 1, RTM_AF_INET6, false, true), nullptr);

    // A slot comes back with deregistration, and its values are cleared.
    RtmRouteHandle r = AddRoute(plain, "10.0.0.0/8", Route(100, 1));
    RtmDestHandle d = Info(plain, r).destHandle;
    EXPECT_EQ(holders[3]->reg->SetOpaquePointer(d, 0xabcdef), RtmStatus::Success);
    EXPECT_EQ(holders[3]->reg->Deregister(), RtmStatus::Success);
    TestClient* again = Register(kProtoA, 11, RTM_AF_INET, false, true);
    ASSERT_NE(again, nullptr);
    uint64_t v = 1;
    EXPECT_EQ(again->reg->GetOpaquePointer(d, v), RtmStatus::Success);
    EXPECT_EQ(v, 0u) << "a reused slot must start empty";
    RegisterFails(Ident(kProtoA, 12), RtmStatus::NoSystemResources, true);
}

TEST_F(RtmRegistrationTest, OpaqueSlotsAttribute)
{
    inst->SetAttribute("OpaqueSlots", UintegerValue(1));
    ASSERT_NE(Register(kProtoA, 1, RTM_AF_INET, false, true), nullptr);
    RegisterFails(Ident(kProtoA, 2), RtmStatus::NoSystemResources, true);
}

TEST_F(RtmRegistrationTest, AtMost65535Clients)
{
    std::vector<Ptr<RtmRegistration>> regs;
    RtmRegnProfile profile;
    for (uint32_t i = 1; i <= 65535; ++i)
    {
        Ptr<RtmRegistration> reg;
        RtmStatus st =
            inst->RegisterEntity(Ident(kProtoA, i), {}, RtmEventCallback(), false, profile, reg);
        ASSERT_EQ(st, RtmStatus::Success) << "client " << i;
        regs.push_back(reg);
    }
    RegisterFails(Ident(kProtoA, 65536), RtmStatus::NoSystemResources);
    RegisterFails(Ident(kProtoA, 65537), RtmStatus::NoSystemResources, true);
    // Whether a deregistration makes room again is left open: entity slots are 16-bit and the
    // table retires them, so the cap counts every registration the table has seen.
}

TEST_F(RtmRegistrationTest, EntityRegisteredGoesToTheOthersOnly)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* silent = Register(kProtoB, 1, RTM_AF_INET, false); // no callback
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_TRUE(a && silent && v6);
    Deliver();
    EXPECT_EQ(a->Count(RtmEventType::EntityRegistered), 1u); // silent's registration
    a->events.clear();
    v6->events.clear();

    TestClient* c = Register(kProtoC, 4);
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(a->events.empty()) << "events are delivered through the scheduler";
    Deliver();
    ASSERT_EQ(a->events.size(), 1u);
    const RtmEvent& e = a->events[0];
    EXPECT_EQ(e.type, RtmEventType::EntityRegistered);
    EXPECT_EQ(e.entity, c->Entity());
    EXPECT_EQ(e.entityInfo.entityId.entityProtocolId, kProtoC);
    EXPECT_EQ(e.entityInfo.entityId.entityInstanceId, 4u);
    EXPECT_EQ(e.entityInfo.addressFamily, RTM_AF_INET);
    EXPECT_TRUE(c->events.empty()) << "the registering client is not told about itself";
    EXPECT_TRUE(v6->events.empty()) << "another family's clients are not told";
}

TEST_F(RtmRegistrationTest, EntityDeregisteredGoesToTheOthersOnly)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* b = Register(kProtoB, 1);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_TRUE(a && b && v6);
    Deliver();
    a->events.clear();
    b->events.clear();
    v6->events.clear();
    RtmEntityHandle bh = b->Entity();
    EXPECT_EQ(b->reg->Deregister(), RtmStatus::Success);
    EXPECT_TRUE(a->events.empty());
    Deliver();
    ASSERT_EQ(a->events.size(), 1u);
    EXPECT_EQ(a->events[0].type, RtmEventType::EntityDeregistered);
    EXPECT_EQ(a->events[0].entity, bh);
    EXPECT_EQ(a->events[0].entityInfo.entityId.entityProtocolId, kProtoB);
    EXPECT_TRUE(b->events.empty()) << "the leaving client gets nothing";
    EXPECT_TRUE(v6->events.empty());
}

TEST_F(RtmRegistrationTest, DeregisterThenEveryCallIsInvalidHandle)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* b = Register(kProtoB, 1);
    ASSERT_TRUE(a && b);
    RtmNextHopHandle nh = AddNh(a, "10.0.0.1", 1);
    RtmRouteHandle r = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nh}));
    RtmDestHandle d = Info(a, r).destHandle;
    RtmEntityHandle ah = a->Entity();
    EXPECT_EQ(a->reg->Deregister(), RtmStatus::Success);
    EXPECT_FALSE(a->reg->IsRegistered());
    EXPECT_EQ(a->reg->Deregister(), RtmStatus::InvalidHandle);

    uint32_t n = 10;
    std::vector<RtmEntityHandle> hs;
    EXPECT_EQ(a->reg->GetRegisteredEntities(n, hs), RtmStatus::InvalidHandle);
    RtmEntityInfo info;
    EXPECT_EQ(a->reg->GetEntityInfo(b->Entity(), info), RtmStatus::InvalidHandle);
    RtmNextHopInfo nhi;
    nhi.nextHopAddress = Pfx("10.0.0.2");
    nhi.interfaceIndex = 1;
    RtmNextHopHandle nh2;
    uint32_t cf = 0;
    EXPECT_EQ(a->reg->AddNextHop(nhi, nh2, cf), RtmStatus::InvalidHandle);
    RtmRouteHandle r2;
    cf = 0;
    EXPECT_EQ(a->reg->AddRouteToDest(r2,
                                     Pfx("10.2.0.0/16"),
                                     Route(100, 1),
                                     RTM_INFINITE,
                                     RtmRouteListHandle(),
                                     cf),
              RtmStatus::InvalidHandle);
    RtmDestInfo di;
    EXPECT_EQ(a->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, di),
              RtmStatus::InvalidHandle);
    RtmEnumHandle e;
    EXPECT_EQ(
        a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, e),
        RtmStatus::InvalidHandle);
    RtmNotifyHandle nt;
    EXPECT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, nt),
              RtmStatus::InvalidHandle);
    RtmRouteListHandle l;
    EXPECT_EQ(a->reg->CreateRouteList(l), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->BlockMethods(RTM_BLOCK_METHODS), RtmStatus::InvalidHandle);

    // Its entity handle is stale for the others.
    EXPECT_EQ(b->reg->GetEntityInfo(ah, info), RtmStatus::InvalidHandle);
    // Re-registering the same entity works and gives a new handle.
    TestClient* a2 = Register(kProtoA, 1);
    ASSERT_NE(a2, nullptr);
    EXPECT_NE(a2->Entity(), ah);
    EXPECT_EQ(b->reg->GetEntityInfo(ah, info), RtmStatus::InvalidHandle);
    EXPECT_EQ(b->reg->GetEntityInfo(a2->Entity(), info), RtmStatus::Success);
}

TEST_F(RtmRegistrationTest, DisposedInstanceRefusesCalls)
{
    TestClient* a = Register(kProtoA, 1);
    ASSERT_NE(a, nullptr);
    inst->Dispose();
    EXPECT_FALSE(a->reg->IsRegistered());
    uint32_t n = 10;
    std::vector<RtmEntityHandle> hs;
    EXPECT_EQ(a->reg->GetRegisteredEntities(n, hs), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->Deregister(), RtmStatus::InvalidHandle);
}

TEST_F(RtmRegistrationTest, GetRegisteredEntities)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* b = Register(kProtoB, 2);
    TestClient* c = Register(kProtoC, 3);
    ASSERT_NE(Register(kProtoA, 1, RTM_AF_INET6), nullptr); // not in the IPv4 list
    ASSERT_TRUE(a && b && c);
    std::vector<RtmEntityInfo> infos;
    auto hs = Entities(b, &infos);
    ASSERT_EQ(hs.size(), 3u);
    EXPECT_EQ(hs[0], a->Entity());
    EXPECT_EQ(hs[1], b->Entity()) << "the caller is included";
    EXPECT_EQ(hs[2], c->Entity());
    ASSERT_EQ(infos.size(), 3u);
    EXPECT_EQ(infos[0].entityId.entityProtocolId, kProtoA);
    EXPECT_EQ(infos[1].entityId.entityInstanceId, 2u);
    EXPECT_EQ(infos[2].entityId.entityProtocolId, kProtoC);
    EXPECT_EQ(infos[2].addressFamily, RTM_AF_INET);

    // Too small a buffer: the first ones, the total count, InsufficientBuffer.
    uint32_t n = 2;
    std::vector<RtmEntityHandle> part;
    std::vector<RtmEntityInfo> partInfos;
    EXPECT_EQ(a->reg->GetRegisteredEntities(n, part, &partInfos), RtmStatus::InsufficientBuffer);
    EXPECT_EQ(n, 3u);
    ASSERT_EQ(part.size(), 2u);
    EXPECT_EQ(part[0], a->Entity());
    EXPECT_EQ(part[1], b->Entity());
    EXPECT_EQ(partInfos.size(), 2u);
    n = 0;
    part.clear();
    EXPECT_EQ(a->reg->GetRegisteredEntities(n, part), RtmStatus::InsufficientBuffer);
    EXPECT_EQ(n, 3u);
    EXPECT_TRUE(part.empty());
    // Exactly enough.
    n = 3;
    EXPECT_EQ(a->reg->GetRegisteredEntities(n, part), RtmStatus::Success);
    EXPECT_EQ(n, 3u);
    EXPECT_EQ(part.size(), 3u);

    // Order after a deregistration: registration order of those left.
    EXPECT_EQ(b->reg->Deregister(), RtmStatus::Success);
    TestClient* d = Register(kProtoB, 9);
    ASSERT_NE(d, nullptr);
    hs = Entities(a);
    ASSERT_EQ(hs.size(), 3u);
    EXPECT_EQ(hs[0], a->Entity());
    EXPECT_EQ(hs[1], c->Entity());
    EXPECT_EQ(hs[2], d->Entity());
}

TEST_F(RtmRegistrationTest, GetEntityInfoBadHandles)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* b = Register(kProtoB, 1);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    Ptr<RtmInstance> other = NewInstance();
    TestClient* o = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, other);
    ASSERT_TRUE(a && b && v6 && o);
    RtmEntityInfo info;
    EXPECT_EQ(a->reg->GetEntityInfo(b->Entity(), info), RtmStatus::Success);
    EXPECT_EQ(info.entityId.entityProtocolId, kProtoB);
    EXPECT_EQ(a->reg->GetEntityInfo(RtmEntityHandle(), info), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetEntityInfo(Forged(b->Entity()), info), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetEntityInfo(WrongGen(b->Entity()), info), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetEntityInfo(NoTable<RtmEntityHandle>(), info), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetEntityInfo(v6->Entity(), info), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetEntityInfo(o->Entity(), info), RtmStatus::InvalidHandle);
    RtmEntityHandle bh = b->Entity();
    EXPECT_EQ(b->reg->Deregister(), RtmStatus::Success);
    EXPECT_EQ(a->reg->GetEntityInfo(bh, info), RtmStatus::InvalidHandle);
}

TEST_F(RtmRegistrationTest, DefaultPreferenceAppliesToPreferenceZero)
{
    TestClient* a = Register(kProtoA, 1);
    ASSERT_NE(a, nullptr);
    RtmRouteHandle r1 = AddRoute(a, "10.0.0.0/8", Route(0, 5));
    EXPECT_EQ(Info(a, r1).prefInfo.preference, 150u);
    EXPECT_EQ(Info(a, r1).prefInfo.metric, 5u);
    a->reg->SetDefaultPreference(20);
    RtmRouteHandle r2 = AddRoute(a, "11.0.0.0/8", Route(0, 5));
    EXPECT_EQ(Info(a, r2).prefInfo.preference, 20u);
    EXPECT_EQ(Info(a, r1).prefInfo.preference, 150u) << "stored preferences are plain numbers";
    RtmRouteHandle r3 = AddRoute(a, "12.0.0.0/8", Route(7, 5));
    EXPECT_EQ(Info(a, r3).prefInfo.preference, 7u) << "a non-zero preference is an override";
    // A default of 0 gives routes that beat everyone's.
    TestClient* b = Register(kProtoB, 1);
    ASSERT_NE(b, nullptr);
    b->reg->SetDefaultPreference(0);
    RtmRouteHandle r4 = AddRoute(b, "12.0.0.0/8", Route(0, 99));
    EXPECT_EQ(Info(b, r4).prefInfo.preference, 0u);
    EXPECT_EQ(Best(a, "12.0.0.0/8"), r4);
}

TEST_F(RtmRegistrationTest, DeregistrationCleansUp)
{
    inst->SetAttribute("MaxNotifyRegistrations", UintegerValue(2));
    TestClient* a = Register(kProtoA, 1, RTM_AF_INET, true, true);
    TestClient* b = Register(kProtoB, 1);
    ASSERT_TRUE(a && b);
    RtmNotifyHandle bn;
    ASSERT_EQ(b->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 5, bn),
              RtmStatus::Success);

    RtmNextHopHandle nh1 = AddNh(a, "10.0.0.1", 1);
    RtmNextHopHandle nh2 = AddNh(a, "10.0.0.2", 2);
    RtmRouteHandle ra = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nh1}));
    RtmRouteHandle rShared = AddRoute(a, "10.2.0.0/16", Route(100, 1, {nh2}));
    RtmNextHopHandle bnh = AddNh(b, "10.0.0.9", 1);
    RtmRouteHandle rb = AddRoute(b, "10.2.0.0/16", Route(200, 1, {bnh}));
    RtmDestHandle d1 = Info(a, ra).destHandle;
    RtmDestHandle d2 = Info(a, rShared).destHandle;
    RtmRouteListHandle list;
    ASSERT_EQ(a->reg->CreateRouteList(list), RtmStatus::Success);
    ASSERT_EQ(a->reg->InsertInRouteList(list, {ra}), RtmStatus::Success);
    RtmNotifyHandle an;
    ASSERT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, an),
              RtmStatus::Success);
    ASSERT_EQ(a->reg->MarkDestForChangeNotification(an, d1, true), RtmStatus::Success);
    ASSERT_EQ(a->reg->SetOpaquePointer(d1, 0x1234), RtmStatus::Success);
    RtmEnumHandle ae;
    ASSERT_EQ(
        a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, ae),
        RtmStatus::Success);

    // Drain what is pending so far and forget the events.
    Deliver();
    uint32_t n = 100;
    std::vector<RtmDestInfo> changed;
    b->reg->GetChangedDests(bn, n, changed);
    b->events.clear();

    RtmEntityHandle ah = a->Entity();
    EXPECT_EQ(a->reg->Deregister(), RtmStatus::Success);

    // Its routes are gone (ordinary deletions): b's route is now best on 10.2/16.
    RtmRouteInfo ri;
    EXPECT_EQ(b->reg->GetRouteInfo(ra, &ri), RtmStatus::InvalidHandle);
    EXPECT_EQ(b->reg->GetRouteInfo(rShared, &ri), RtmStatus::InvalidHandle);
    EXPECT_EQ(Best(b, "10.2.0.0/16"), rb);
    // Its next hops are gone.
    RtmNextHopInfo nhi;
    EXPECT_EQ(b->reg->GetNextHopInfo(nh1, nhi), RtmStatus::InvalidHandle);
    EXPECT_EQ(b->reg->GetNextHopInfo(nh2, nhi), RtmStatus::InvalidHandle);
    // Other clients see the deletions as changes: 10.1/16 reported with no route.
    Deliver();
    n = 100;
    changed.clear();
    EXPECT_EQ(b->reg->GetChangedDests(bn, n, changed), RtmStatus::NoMoreItems);
    ASSERT_EQ(n, 2u);
    std::vector<std::string> got;
    for (const auto& d : changed)
    {
        got.push_back(Describe(d));
        if (d.destHandle == d1)
        {
            for (const auto& v : d.viewInfo)
            {
                EXPECT_EQ(v.numRoutes, 0u);
                EXPECT_TRUE(v.route.IsNull());
            }
        }
        if (d.destHandle == d2)
        {
            EXPECT_EQ(Block(d, RTM_VIEW_ID_UCAST).route, rb);
        }
    }
    // The destination that lost its last route was kept only by a's mark, opaque value and b's
    // pending change: now that b pulled it, it is gone.
    RtmDestInfo di;
    EXPECT_EQ(b->reg->GetDestInfo(d1, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, di),
              RtmStatus::InvalidHandle);
    EXPECT_EQ(b->reg->GetDestInfo(d2, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, di),
              RtmStatus::Success);
    // b was told, change first then deregistration.
    ASSERT_EQ(b->events.size(), 2u);
    EXPECT_EQ(b->events[0].type, RtmEventType::ChangeNotification);
    EXPECT_EQ(b->events[0].notify, bn);
    EXPECT_EQ(b->events[0].notifyContext, 5u);
    EXPECT_EQ(b->events[1].type, RtmEventType::EntityDeregistered);
    EXPECT_EQ(b->events[1].entity, ah);
    // a's notification registration was dropped: the cap (2) has room again.
    TestClient* c = Register(kProtoC, 1);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(Entities(c).size(), 2u);
    RtmNotifyHandle cn;
    EXPECT_EQ(c->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, cn),
              RtmStatus::Success);
}

TEST_F(RtmRegistrationTest, DeregistrationDeletionsHonourHoldDown)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* b = Register(kProtoB, 1);
    ASSERT_TRUE(a && b);
    RtmRouteHandle ra = AddRoute(a, "10.1.0.0/16", Route(100, 1));
    RtmDestHandle d = Info(a, ra).destHandle;
    ASSERT_EQ(b->reg->HoldDestination(d, RTM_VIEW_MASK_UCAST, 1000), RtmStatus::Success);
    EXPECT_EQ(a->reg->Deregister(), RtmStatus::Success);
    RtmDestInfo di;
    ASSERT_EQ(b->reg->GetDestInfo(d, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, di), RtmStatus::Success);
    EXPECT_EQ(Block(di, RTM_VIEW_ID_UCAST).holdRoute, ra);
    EXPECT_TRUE(Block(di, RTM_VIEW_ID_UCAST).route.IsNull());
    RtmRouteInfo ri;
    ASSERT_EQ(b->reg->GetRouteInfo(ra, &ri), RtmStatus::Success);
    EXPECT_EQ(ri.state, RTM_ROUTE_STATE_DELETED);
}

TEST_F(RtmRegistrationTest, DeregisteringInsideCallbacksIsSafe)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* b = Register(kProtoB, 1);
    TestClient* c = Register(kProtoC, 1);
    ASSERT_TRUE(a && b && c);
    Deliver();
    // a leaves from inside its ChangeNotification callback; b leaves from inside RouteExpired.
    RtmNotifyHandle an;
    ASSERT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, an),
              RtmStatus::Success);
    a->hook = [a](const RtmEvent& e) {
        if (e.type == RtmEventType::ChangeNotification)
        {
            EXPECT_EQ(a->reg->Deregister(), RtmStatus::Success);
        }
        return RtmStatus::Success;
    };
    b->hook = [b](const RtmEvent& e) {
        if (e.type == RtmEventType::RouteExpired)
        {
            EXPECT_EQ(b->reg->Deregister(), RtmStatus::Success);
            return RtmStatus::NotSupported;
        }
        return RtmStatus::Success;
    };
    RtmRouteHandle rb1 = AddRoute(b, "10.1.0.0/16", Route(100, 1), 100);
    RtmRouteHandle rb2 = AddRoute(b, "10.2.0.0/16", Route(100, 1), 100);
    RtmRouteHandle rc = AddRoute(c, "10.3.0.0/16", Route(100, 1), 100);
    c->expiredReply = RtmStatus::Success;
    RunFor(200);
    EXPECT_FALSE(a->reg->IsRegistered());
    EXPECT_FALSE(b->reg->IsRegistered());
    EXPECT_EQ(b->Count(RtmEventType::RouteExpired), 1u) << "b's second route went with b";
    EXPECT_EQ(c->Count(RtmEventType::RouteExpired), 1u) << "c's route still expired normally";
    RtmRouteInfo info;
    EXPECT_EQ(c->reg->GetRouteInfo(rb1, &info), RtmStatus::InvalidHandle);
    EXPECT_EQ(c->reg->GetRouteInfo(rb2, &info), RtmStatus::InvalidHandle);
    EXPECT_EQ(c->reg->GetRouteInfo(rc, &info), RtmStatus::Success);
    uint32_t n = 10;
    std::vector<RtmEntityHandle> hs;
    EXPECT_EQ(c->reg->GetRegisteredEntities(n, hs), RtmStatus::Success);
    EXPECT_EQ(n, 1u);
}

TEST_F(RtmRegistrationTest, DisposeWithPendingEventsAndTimers)
{
    TestClient* a = Register(kProtoA, 1);
    TestClient* b = Register(kProtoB, 1);
    ASSERT_TRUE(a && b);
    RtmNotifyHandle n;
    ASSERT_EQ(a->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, n),
              RtmStatus::Success);
    RtmRouteHandle r = AddRoute(b, "10.1.0.0/16", Route(100, 1), 100);
    ASSERT_EQ(b->reg->HoldDestination(Info(b, r).destHandle, RTM_VIEW_MASK_ANY, 50),
              RtmStatus::Success);
    AddRoute(b, "10.2.0.0/16", Route(100, 1), 30);
    Register(kProtoC, 1); // an EntityRegistered event pending for a and b
    inst->Dispose();
    RunFor(1000); // nothing may run against the disposed tables
    EXPECT_FALSE(a->reg->IsRegistered());
    EXPECT_EQ(a->Count(RtmEventType::ChangeNotification), 0u);
    EXPECT_EQ(b->Count(RtmEventType::RouteExpired), 0u);
}

} // namespace
