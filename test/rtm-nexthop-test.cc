/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the next-hop operations: AddNextHop, FindNextHop, DeleteNextHop, GetNextHopInfo,
 * CreateNextHopEnum / GetEnumNextHops, deleting a next hop that routes use (decision 10) and the
 * resolution of REMOTE next hops (decision 21).
 */
#include "rtm-test-util.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmNextHopTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        a = Register(kProtoA, 1);
        b = Register(kProtoB, 1);
        ASSERT_TRUE(a && b);
    }

    static RtmNextHopInfo Nh(const std::string& address, uint32_t itf, uint16_t flags = 0)
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = Pfx(address);
        nh.interfaceIndex = itf;
        nh.flags = flags;
        return nh;
    }

    /// AddNextHop expected to fail with \p expected and change nothing.
    void AddFails(TestClient* c,
                  const RtmNextHopInfo& info,
                  RtmNextHopHandle handle,
                  RtmStatus expected)
    {
        std::string before = Snapshot(c);
        RtmNextHopHandle h = handle;
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->AddNextHop(info, h, flags), expected)
            << info.nextHopAddress << "%" << info.interfaceIndex;
        EXPECT_EQ(Snapshot(c), before);
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
};

TEST_F(RtmNextHopTest, AddCreatesThenUpdatesByAddressAndInterface)
{
    RtmNextHopInfo in = Nh("10.0.0.1", 1, 0);
    in.entitySpecificInfo = 11;
    in.state = RTM_NEXTHOP_STATE_DELETED; // ignored on input
    in.nextHopOwner = b->Entity();        // ignored on input
    RtmNextHopHandle h;
    uint32_t flags = 0xff;
    ASSERT_EQ(a->reg->AddNextHop(in, h, flags), RtmStatus::Success);
    EXPECT_EQ(flags, RTM_NEXTHOP_CHANGE_NEW);
    ASSERT_FALSE(h.IsNull());
    RtmNextHopInfo out;
    ASSERT_EQ(a->reg->GetNextHopInfo(h, out), RtmStatus::Success);
    EXPECT_EQ(out.nextHopAddress, Pfx("10.0.0.1"));
    EXPECT_EQ(out.interfaceIndex, 1u);
    EXPECT_EQ(out.nextHopOwner, a->Entity());
    EXPECT_EQ(out.state, RTM_NEXTHOP_STATE_CREATED);
    EXPECT_EQ(out.entitySpecificInfo, 11u);
    EXPECT_EQ(out.flags, 0);

    // Same (address, interface), null handle: update.
    in.entitySpecificInfo = 22;
    in.flags = RTM_NEXTHOP_FLAGS_DOWN;
    RtmNextHopHandle h2;
    flags = 0xff;
    ASSERT_EQ(a->reg->AddNextHop(in, h2, flags), RtmStatus::Success);
    EXPECT_EQ(flags, 0u);
    EXPECT_EQ(h2, h);
    ASSERT_EQ(a->reg->GetNextHopInfo(h, out), RtmStatus::Success);
    EXPECT_EQ(out.entitySpecificInfo, 22u);
    EXPECT_EQ(out.flags, RTM_NEXTHOP_FLAGS_DOWN);

    // Update through the handle.
    in.entitySpecificInfo = 33;
    in.flags = 0;
    RtmNextHopHandle h3 = h;
    ASSERT_EQ(a->reg->AddNextHop(in, h3, flags), RtmStatus::Success);
    EXPECT_EQ(flags, 0u);
    EXPECT_EQ(h3, h);
    ASSERT_EQ(b->reg->GetNextHopInfo(h, out), RtmStatus::Success) << "anyone may read it";
    EXPECT_EQ(out.entitySpecificInfo, 33u);

    // Same address, other interface: another next hop. Same pair, other client: another one.
    RtmNextHopHandle h4 = AddNh(a, "10.0.0.1", 2);
    EXPECT_NE(h4, h);
    RtmNextHopHandle hb = AddNh(b, "10.0.0.1", 1);
    EXPECT_NE(hb, h);
    EXPECT_EQ(AllNextHops(a).size(), 2u);
    EXPECT_EQ(AllNextHops(b).size(), 1u);
}

TEST_F(RtmNextHopTest, LoopbackInterfaceAndRemoteNextHops)
{
    RtmNextHopHandle lo = AddNh(a, "127.0.0.1", 0); // interface 0 is always usable
    RtmNextHopInfo out;
    ASSERT_EQ(a->reg->GetNextHopInfo(lo, out), RtmStatus::Success);
    EXPECT_EQ(out.interfaceIndex, 0u);
    RtmNextHopHandle rem = AddNh(a, "20.0.0.5", 3, RTM_NEXTHOP_FLAGS_REMOTE);
    ASSERT_EQ(a->reg->GetNextHopInfo(rem, out), RtmStatus::Success);
    EXPECT_EQ(out.interfaceIndex, 0u) << "a REMOTE next hop's interface is stored as 0";
    EXPECT_EQ(out.flags, RTM_NEXTHOP_FLAGS_REMOTE);
    RtmNextHopHandle found;
    RtmNextHopInfo key = Nh("20.0.0.5", 0);
    EXPECT_EQ(a->reg->FindNextHop(key, found), RtmStatus::Success);
    EXPECT_EQ(found, rem);
}

TEST_F(RtmNextHopTest, AddInvalidParameter)
{
    RtmNextHopHandle h = AddNh(a, "10.0.0.1", 1);
    AddFails(a, Nh("2001:db8::1", 1), RtmNextHopHandle(), RtmStatus::InvalidParameter);
    AddFails(a, Nh("10.0.0.0/24", 1), RtmNextHopHandle(), RtmStatus::InvalidParameter);
    RtmNextHopInfo noFamily = Nh("10.0.0.7", 1);
    noFamily.nextHopAddress.addressFamily = 0;
    AddFails(a, noFamily, RtmNextHopHandle(), RtmStatus::InvalidParameter);
    RtmNextHopInfo tooLong = Nh("10.0.0.7", 1);
    tooLong.nextHopAddress.numBits = 33;
    AddFails(a, tooLong, RtmNextHopHandle(), RtmStatus::InvalidParameter);
    // Interface 9 is not owned by the instance.
    AddFails(a, Nh("10.0.0.7", 9), RtmNextHopHandle(), RtmStatus::InvalidParameter);
    // The identity cannot change through a handle.
    AddFails(a, Nh("10.0.0.2", 1), h, RtmStatus::InvalidParameter);
    AddFails(a, Nh("10.0.0.1", 2), h, RtmStatus::InvalidParameter);
}

TEST_F(RtmNextHopTest, AddBadHandles)
{
    RtmNextHopHandle mine = AddNh(a, "10.0.0.1", 1);
    RtmNextHopHandle theirs = AddNh(b, "10.0.0.1", 1);
    AddFails(a, Nh("10.0.0.1", 1), theirs, RtmStatus::AccessDenied);
    RtmNextHopHandle gone = AddNh(a, "10.0.0.3", 1);
    ASSERT_EQ(a->reg->DeleteNextHop(gone), RtmStatus::Success);
    AddFails(a, Nh("10.0.0.3", 1), gone, RtmStatus::InvalidHandle);
    AddFails(a, Nh("10.0.0.1", 1), Forged(mine), RtmStatus::InvalidHandle);
    AddFails(a, Nh("10.0.0.1", 1), WrongGen(mine), RtmStatus::InvalidHandle);
    AddFails(a, Nh("10.0.0.1", 1), NoTable<RtmNextHopHandle>(), RtmStatus::InvalidHandle);
    // Another family's and another instance's handles.
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmNextHopHandle h6 = AddNh(v6, "2001:db8::1", 1);
    AddFails(a, Nh("10.0.0.1", 1), h6, RtmStatus::InvalidHandle);
    Ptr<RtmInstance> other = NewInstance();
    TestClient* o = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, other);
    ASSERT_NE(o, nullptr);
    RtmNextHopHandle ho = AddNh(o, "10.0.0.1", 1);
    AddFails(a, Nh("10.0.0.1", 1), ho, RtmStatus::InvalidHandle);
}

TEST_F(RtmNextHopTest, Ipv6NextHops)
{
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmNextHopHandle h = AddNh(v6, "fe80::1", 1);
    RtmNextHopInfo out;
    ASSERT_EQ(v6->reg->GetNextHopInfo(h, out), RtmStatus::Success);
    EXPECT_EQ(out.nextHopAddress, Pfx("fe80::1"));
    EXPECT_EQ(out.nextHopAddress.numBits, 128);
    RtmNextHopHandle h2;
    uint32_t flags = 0;
    EXPECT_EQ(v6->reg->AddNextHop(Nh("10.0.0.1", 1), h2, flags), RtmStatus::InvalidParameter);
    EXPECT_EQ(v6->reg->AddNextHop(Nh("2001:db8::/64", 1), h2, flags), RtmStatus::InvalidParameter);
    RtmNextHopHandle f;
    EXPECT_EQ(v6->reg->FindNextHop(Nh("fe80::1", 1), f), RtmStatus::Success);
    EXPECT_EQ(f, h);
    RtmNextHopInfo info;
    EXPECT_EQ(a->reg->GetNextHopInfo(h, info), RtmStatus::InvalidHandle);
    EXPECT_EQ(v6->reg->GetNextHopInfo(AddNh(a, "10.0.0.1", 1), info), RtmStatus::InvalidHandle);
}

TEST_F(RtmNextHopTest, FindNextHop)
{
    RtmNextHopHandle h1 = AddNh(a, "10.0.0.1", 1);
    RtmNextHopHandle h2 = AddNh(a, "10.0.0.1", 2);
    AddNh(b, "10.0.0.5", 1);
    RtmNextHopHandle f;
    ASSERT_EQ(a->reg->FindNextHop(Nh("10.0.0.1", 1), f), RtmStatus::Success);
    EXPECT_EQ(f, h1);
    ASSERT_EQ(a->reg->FindNextHop(Nh("10.0.0.1", 2), f), RtmStatus::Success);
    EXPECT_EQ(f, h2);
    EXPECT_EQ(a->reg->FindNextHop(Nh("10.0.0.1", 3), f), RtmStatus::NotFound);
    EXPECT_EQ(a->reg->FindNextHop(Nh("10.0.0.5", 1), f), RtmStatus::NotFound)
        << "only the caller's own list is searched";
    EXPECT_EQ(a->reg->FindNextHop(Nh("10.0.0.0/24", 1), f), RtmStatus::InvalidParameter);
    EXPECT_EQ(a->reg->FindNextHop(Nh("2001:db8::1", 1), f), RtmStatus::InvalidParameter);
}

TEST_F(RtmNextHopTest, DeleteNextHop)
{
    RtmNextHopHandle h1 = AddNh(a, "10.0.0.1", 1);
    RtmNextHopHandle h2 = AddNh(a, "10.0.0.2", 1);
    RtmNextHopHandle theirs = AddNh(b, "10.0.0.1", 1);
    std::string before = Snapshot(a);

    // Errors change nothing.
    EXPECT_EQ(a->reg->DeleteNextHop(theirs), RtmStatus::AccessDenied);
    EXPECT_EQ(a->reg->DeleteNextHop(RtmNextHopHandle()), RtmStatus::InvalidParameter);
    RtmNextHopInfo missing = Nh("10.0.0.9", 1);
    EXPECT_EQ(a->reg->DeleteNextHop(RtmNextHopHandle(), &missing), RtmStatus::NotFound);
    RtmNextHopInfo theirsKey = Nh("10.0.0.1", 1); // exists in b's list only after h1 goes
    EXPECT_EQ(a->reg->DeleteNextHop(Forged(h1)), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteNextHop(WrongGen(h1)), RtmStatus::InvalidHandle);
    EXPECT_EQ(Snapshot(a), before);

    // By handle.
    ASSERT_EQ(a->reg->DeleteNextHop(h1), RtmStatus::Success);
    RtmNextHopInfo out;
    EXPECT_EQ(a->reg->GetNextHopInfo(h1, out), RtmStatus::InvalidHandle)
        << "an unused deleted next hop is freed at once";
    EXPECT_EQ(a->reg->DeleteNextHop(h1), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteNextHop(RtmNextHopHandle(), &theirsKey), RtmStatus::NotFound)
        << "b's next hop with the same key is not in a's list";
    EXPECT_EQ(b->reg->GetNextHopInfo(theirs, out), RtmStatus::Success);
    // By info.
    RtmNextHopInfo key2 = Nh("10.0.0.2", 1);
    ASSERT_EQ(a->reg->DeleteNextHop(RtmNextHopHandle(), &key2), RtmStatus::Success);
    EXPECT_EQ(a->reg->GetNextHopInfo(h2, out), RtmStatus::InvalidHandle);
    EXPECT_TRUE(AllNextHops(a).empty());
    EXPECT_EQ(AllNextHops(b).size(), 1u);
}

TEST_F(RtmNextHopTest, GetNextHopInfoBadHandles)
{
    RtmNextHopHandle h = AddNh(a, "10.0.0.1", 1);
    Ptr<RtmInstance> other = NewInstance();
    TestClient* o = Register(kProtoA, 1, RTM_AF_INET, true, false, {}, other);
    ASSERT_NE(o, nullptr);
    RtmNextHopHandle ho = AddNh(o, "10.0.0.1", 1);
    RtmNextHopInfo out;
    EXPECT_EQ(a->reg->GetNextHopInfo(RtmNextHopHandle(), out), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetNextHopInfo(Forged(h), out), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetNextHopInfo(WrongGen(h), out), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetNextHopInfo(ho, out), RtmStatus::InvalidHandle);
    EXPECT_EQ(o->reg->GetNextHopInfo(h, out), RtmStatus::InvalidHandle);
}

TEST_F(RtmNextHopTest, EnumerationOrderAndPositions)
{
    // Added out of order; enumerated in (address, interface) order.
    RtmNextHopHandle h5 = AddNh(a, "10.0.1.1", 1);
    RtmNextHopHandle h2 = AddNh(a, "10.0.0.2", 2);
    RtmNextHopHandle h3 = AddNh(a, "10.0.0.9", 1);
    RtmNextHopHandle h1 = AddNh(a, "10.0.0.2", 1);
    RtmNextHopHandle h6 = AddNh(a, "192.168.0.1", 4);
    RtmNextHopHandle h4 = AddNh(a, "10.0.1.0", 3);
    AddNh(b, "10.0.0.3", 1); // b's list is not a's

    std::vector<RtmNextHopHandle> all = {h1, h2, h3, h4, h5, h6};
    EXPECT_EQ(AllNextHops(a), all);
    RtmNetAddress from = Pfx("10.0.0.9");
    std::vector<RtmNextHopHandle> next = {h3, h4, h5, h6};
    EXPECT_EQ(AllNextHops(a, RTM_ENUM_NEXT, &from), next) << "NEXT includes its start";
    RtmNetAddress range = Pfx("10.0.1.0/24");
    std::vector<RtmNextHopHandle> in = {h4, h5};
    EXPECT_EQ(AllNextHops(a, RTM_ENUM_RANGE, &range), in);
    RtmNetAddress range8 = Pfx("10.0.0.0/8");
    std::vector<RtmNextHopHandle> in8 = {h1, h2, h3, h4, h5};
    EXPECT_EQ(AllNextHops(a, RTM_ENUM_RANGE, &range8), in8);
}

TEST_F(RtmNextHopTest, EnumerationBatchesAndErrors)
{
    std::vector<RtmNextHopHandle> hs;
    for (int i = 1; i <= 5; ++i)
    {
        hs.push_back(AddNh(a, "10.0.0." + std::to_string(i), 1));
    }
    RtmEnumHandle e;
    ASSERT_EQ(a->reg->CreateNextHopEnum(RTM_ENUM_START, nullptr, e), RtmStatus::Success);
    std::vector<RtmNextHopHandle> batch;
    uint32_t num = 0;
    EXPECT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::InvalidParameter);
    num = a->profile.maxHandlesInEnum + 1;
    EXPECT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::InvalidParameter);
    num = 2;
    batch.clear();
    ASSERT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::Success);
    ASSERT_EQ(num, 2u);
    EXPECT_EQ(batch[0], hs[0]);
    EXPECT_EQ(batch[1], hs[1]);
    // Between batches: delete one ahead (skipped), one behind (no effect).
    ASSERT_EQ(a->reg->DeleteNextHop(hs[3]), RtmStatus::Success);
    ASSERT_EQ(a->reg->DeleteNextHop(hs[0]), RtmStatus::Success);
    num = 2;
    batch.clear();
    ASSERT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::Success);
    ASSERT_EQ(num, 2u);
    EXPECT_EQ(batch[0], hs[2]);
    EXPECT_EQ(batch[1], hs[4]);
    num = 2;
    batch.clear();
    EXPECT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::NoMoreItems);
    EXPECT_EQ(num, 0u);
    EXPECT_TRUE(batch.empty());

    // Other kinds of enumeration handles and other clients' handles are refused.
    RtmEnumHandle de;
    ASSERT_EQ(
        a->reg->CreateDestEnum(RTM_VIEW_MASK_ANY, RTM_ENUM_START, nullptr, RTM_BEST_PROTOCOL, de),
        RtmStatus::Success);
    num = 1;
    EXPECT_EQ(a->reg->GetEnumNextHops(de, num, batch), RtmStatus::InvalidHandle);
    num = 1;
    EXPECT_ACCESS_DENIED(b->reg->GetEnumNextHops(e, num, batch));
    EXPECT_ACCESS_DENIED(b->reg->DeleteEnumHandle(e));
    ASSERT_EQ(a->reg->DeleteEnumHandle(e), RtmStatus::Success);
    num = 1;
    EXPECT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->DeleteEnumHandle(e), RtmStatus::InvalidHandle);
    num = 1;
    EXPECT_EQ(a->reg->GetEnumNextHops(RtmEnumHandle(), num, batch), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetEnumNextHops(Forged(de), num, batch), RtmStatus::InvalidHandle);

    // Creation errors.
    RtmEnumHandle bad;
    RtmNetAddress hostBits = Pfx("10.0.0.1/24");
    EXPECT_EQ(a->reg->CreateNextHopEnum(RTM_ENUM_RANGE, &hostBits, bad),
              RtmStatus::InvalidParameter);
    RtmNetAddress v6 = Pfx("2001:db8::/32");
    EXPECT_EQ(a->reg->CreateNextHopEnum(RTM_ENUM_RANGE, &v6, bad), RtmStatus::InvalidParameter);
    RtmNetAddress ok = Pfx("10.0.0.0/8");
    EXPECT_EQ(a->reg->CreateNextHopEnum(RTM_ENUM_NEXT | RTM_ENUM_RANGE, &ok, bad),
              RtmStatus::InvalidParameter);
}

TEST_F(RtmNextHopTest, EnumerationBatchOfExactlyTheRest)
{
    std::vector<RtmNextHopHandle> hs;
    for (int i = 1; i <= 3; ++i)
    {
        hs.push_back(AddNh(a, "10.0.0." + std::to_string(i), 1));
    }
    RtmEnumHandle e;
    ASSERT_EQ(a->reg->CreateNextHopEnum(RTM_ENUM_START, nullptr, e), RtmStatus::Success);
    std::vector<RtmNextHopHandle> batch;
    uint32_t num = 3;
    EXPECT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::Success)
        << "NoMoreItems only when fewer than asked come back";
    EXPECT_EQ(num, 3u);
    num = 3;
    batch.clear();
    EXPECT_EQ(a->reg->GetEnumNextHops(e, num, batch), RtmStatus::NoMoreItems);
    EXPECT_EQ(num, 0u);
    num = 5;
    batch.clear();
    RtmEnumHandle e2;
    ASSERT_EQ(a->reg->CreateNextHopEnum(RTM_ENUM_START, nullptr, e2), RtmStatus::Success);
    EXPECT_EQ(a->reg->GetEnumNextHops(e2, num, batch), RtmStatus::NoMoreItems)
        << "the last short batch comes with NoMoreItems";
    EXPECT_EQ(num, 3u);
    EXPECT_EQ(batch.size(), 3u);
}

// Decision 10: a next hop that routes use leaves the list at once, becomes DELETED, keeps
// serving its routes and is freed with its last route.
TEST_F(RtmNextHopTest, DeleteWhileRoutesUseIt)
{
    RtmNextHopHandle nh = AddNh(a, "10.0.0.1", 1);
    RtmNextHopHandle other = AddNh(a, "10.0.0.2", 2);
    RtmRouteHandle r1 = AddRoute(a, "10.1.0.0/16", Route(100, 1, {nh}));
    RtmRouteHandle r2 = AddRoute(a, "10.2.0.0/16", Route(100, 1, {nh, other}));
    ASSERT_EQ(a->reg->DeleteNextHop(nh), RtmStatus::Success);

    RtmNextHopHandle f;
    EXPECT_EQ(a->reg->FindNextHop(Nh("10.0.0.1", 1), f), RtmStatus::NotFound);
    EXPECT_EQ(AllNextHops(a), std::vector<RtmNextHopHandle>{other});
    RtmNextHopInfo out;
    ASSERT_EQ(a->reg->GetNextHopInfo(nh, out), RtmStatus::Success) << "still used: still valid";
    EXPECT_EQ(out.state, RTM_NEXTHOP_STATE_DELETED);
    EXPECT_EQ(out.nextHopAddress, Pfx("10.0.0.1"));
    EXPECT_EQ(Info(a, r1).nextHops, std::vector<RtmNextHopHandle>{nh});
    // Forwarding keeps using it.
    RtmDestInfo fib;
    ASSERT_EQ(inst->Lookup(Pfx("10.1.2.3"), RTM_VIEW_ID_UCAST, fib), RtmStatus::Success);
    EXPECT_EQ(Block(fib, RTM_VIEW_ID_UCAST).route, r1);

    // A DELETED next hop cannot go into a (new) route.
    std::string before = Snapshot(a);
    RtmRouteHandle r3;
    uint32_t cf = 0;
    EXPECT_EQ(a->reg->AddRouteToDest(r3,
                                     Pfx("10.3.0.0/16"),
                                     Route(100, 1, {nh}),
                                     RTM_INFINITE,
                                     RtmRouteListHandle(),
                                     cf),
              RtmStatus::InvalidParameter);
    EXPECT_EQ(Snapshot(a), before);

    // Re-adding the same (address, interface) creates a new next hop.
    RtmNextHopInfo again = Nh("10.0.0.1", 1);
    RtmNextHopHandle nh2;
    uint32_t flags = 0;
    ASSERT_EQ(a->reg->AddNextHop(again, nh2, flags), RtmStatus::Success);
    EXPECT_EQ(flags, RTM_NEXTHOP_CHANGE_NEW);
    EXPECT_NE(nh2, nh);

    // Freed with its last route: r1 drops it by an update, r2 by deletion.
    cf = 0;
    ASSERT_EQ(a->reg->UpdateRoute(r1, Route(100, 1, {nh2}), RTM_INFINITE, RtmRouteListHandle(), cf),
              RtmStatus::Success);
    ASSERT_EQ(a->reg->GetNextHopInfo(nh, out), RtmStatus::Success) << "r2 still uses it";
    DelRoute(a, r2);
    EXPECT_EQ(a->reg->GetNextHopInfo(nh, out), RtmStatus::InvalidHandle);
    EXPECT_EQ(a->reg->GetNextHopInfo(nh2, out), RtmStatus::Success);
}

// Decision 21: RTM resolves a REMOTE next hop to the most specific destination covering its
// address that has a best route in the unicast view.
TEST_F(RtmNextHopTest, RemoteNextHopResolution)
{
    RtmNextHopHandle rem = AddNh(a, "20.0.0.5", 0, RTM_NEXTHOP_FLAGS_REMOTE);
    RtmNextHopInfo out;
    ASSERT_EQ(a->reg->GetNextHopInfo(rem, out), RtmStatus::Success);
    EXPECT_TRUE(out.remoteNextHop.IsNull()) << "nothing covers 20.0.0.5 yet";

    RtmNextHopHandle local = AddNh(b, "10.0.0.1", 1);
    RtmRouteHandle r8 = AddRoute(b, "20.0.0.0/8", Route(100, 1, {local}, RTM_VIEW_MASK_UCAST));
    AddRoute(b, "20.0.0.0/24", Route(100, 1, {local}, RTM_VIEW_MASK_MCAST)); // multicast only
    AddRoute(b,
             "20.0.0.0/28",
             Route(100,
                   1,
                   {local},
                   RTM_VIEW_MASK_UCAST,
                   RTM_ROUTE_FLAGS_INACTIVE)); // no best route
    ASSERT_EQ(a->reg->GetNextHopInfo(rem, out), RtmStatus::Success);
    EXPECT_EQ(out.remoteNextHop, Info(b, r8).destHandle);

    RtmRouteHandle r16 = AddRoute(b, "20.0.0.0/16", Route(100, 1, {local}, RTM_VIEW_MASK_UCAST));
    ASSERT_EQ(a->reg->GetNextHopInfo(rem, out), RtmStatus::Success);
    EXPECT_EQ(out.remoteNextHop, Info(b, r16).destHandle);
    DelRoute(b, r16);
    DelRoute(b, r8);
    ASSERT_EQ(a->reg->GetNextHopInfo(rem, out), RtmStatus::Success);
    EXPECT_TRUE(out.remoteNextHop.IsNull());
}

} // namespace
