/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of client route lists (decision 16), entity methods (decision 17: GetEntityMethods,
 * InvokeMethod, BlockMethods) and opaque pointers (Get/SetOpaquePointer).
 */
#include "rtm-test-util.h"

#include "ns3/rtm-ns3-compat.h"

using namespace ns3;
using namespace rtmtest;

namespace
{

class RtmListTest : public RtmTest
{
  protected:
    void SetUp() override
    {
        RtmTest::SetUp();
        inst->SetAttribute("MaxHandlesInEnum", UintegerValue(4));
        a = Register(kProtoA, 1);
        b = Register(kProtoB, 1);
        ASSERT_TRUE(a && b);
        nhA = AddNh(a, "10.255.0.1", 1);
        nhB = AddNh(b, "10.255.0.9", 2);
        for (int i = 0; i < 6; ++i)
        {
            r.push_back(AddRoute(a, "10." + std::to_string(i) + ".0.0/16", Route(100, 1, {nhA})));
        }
        rb = AddRoute(b, "10.0.0.0/16", Route(200, 1, {nhB}));
    }

    RtmRouteListHandle NewList(TestClient* c)
    {
        RtmRouteListHandle l;
        EXPECT_EQ(c->reg->CreateRouteList(l), RtmStatus::Success);
        EXPECT_FALSE(l.IsNull());
        return l;
    }

    /// \return the routes of \p list in list order (batches of \p batch)
    std::vector<RtmRouteHandle> Items(TestClient* c, RtmRouteListHandle list, uint32_t batch = 4)
    {
        std::vector<RtmRouteHandle> out;
        RtmEnumHandle e;
        EXPECT_EQ(c->reg->CreateRouteListEnum(list, e), RtmStatus::Success);
        for (int i = 0; i < 1000; ++i)
        {
            uint32_t num = batch;
            std::vector<RtmRouteHandle> got;
            EXPECT_EQ(c->reg->GetListEnumRoutes(e, num, got), RtmStatus::Success)
                << "list enumerations end with a short batch, not NoMoreItems";
            EXPECT_EQ(num, got.size());
            out.insert(out.end(), got.begin(), got.end());
            if (num < batch)
            {
                break;
            }
        }
        EXPECT_EQ(c->reg->DeleteEnumHandle(e), RtmStatus::Success);
        return out;
    }

    TestClient* a{nullptr};
    TestClient* b{nullptr};
    RtmNextHopHandle nhA;
    RtmNextHopHandle nhB;
    std::vector<RtmRouteHandle> r;
    RtmRouteHandle rb;
};

using Rs = std::vector<RtmRouteHandle>;

TEST_F(RtmListTest, InsertionOrderAndMoves)
{
    RtmRouteListHandle l1 = NewList(a);
    RtmRouteListHandle l2 = NewList(a);
    EXPECT_NE(l1, l2);
    EXPECT_TRUE(Items(a, l1).empty());
    ASSERT_EQ(a->reg->InsertInRouteList(l1, {r[3], r[1], r[5]}), RtmStatus::Success);
    EXPECT_EQ(Items(a, l1), (Rs{r[3], r[1], r[5]}));
    // Re-inserting moves to the end.
    ASSERT_EQ(a->reg->InsertInRouteList(l1, {r[3]}), RtmStatus::Success);
    EXPECT_EQ(Items(a, l1), (Rs{r[1], r[5], r[3]}));
    // A route is on one list at most.
    ASSERT_EQ(a->reg->InsertInRouteList(l2, {r[5], r[0]}), RtmStatus::Success);
    EXPECT_EQ(Items(a, l1), (Rs{r[1], r[3]}));
    EXPECT_EQ(Items(a, l2), (Rs{r[5], r[0]}));
    // A null list takes routes off any list.
    ASSERT_EQ(a->reg->InsertInRouteList(RtmRouteListHandle(), {r[1], r[0], r[2]}),
              RtmStatus::Success);
    EXPECT_EQ(Items(a, l1), (Rs{r[3]}));
    EXPECT_EQ(Items(a, l2), (Rs{r[5]}));
    // AddRouteToDest and UpdateRoute with a list move the route too.
    RtmRouteHandle h = r[3];
    uint32_t cf = 0;
    ASSERT_EQ(
        a->reg->AddRouteToDest(h, Pfx("10.3.0.0/16"), Route(100, 2, {nhA}), RTM_INFINITE, l2, cf),
        RtmStatus::Success);
    EXPECT_TRUE(Items(a, l1).empty());
    EXPECT_EQ(Items(a, l2), (Rs{r[5], r[3]}));
    ASSERT_EQ(a->reg->UpdateRoute(r[5], Route(100, 2, {nhA}), RTM_INFINITE, l1, cf),
              RtmStatus::Success);
    EXPECT_EQ(Items(a, l1), (Rs{r[5]}));
    EXPECT_EQ(Items(a, l2), (Rs{r[3]}));
    RtmRouteHandle fresh;
    ASSERT_EQ(
        a->reg
            ->AddRouteToDest(fresh, Pfx("10.9.0.0/16"), Route(100, 2, {nhA}), RTM_INFINITE, l1, cf),
        RtmStatus::Success);
    EXPECT_EQ(Items(a, l1), (Rs{r[5], fresh}));
}

TEST_F(RtmListTest, NullListInAnUpdateLeavesTheRouteWhereItIs)
{
    RtmRouteListHandle l = NewList(a);
    ASSERT_EQ(a->reg->InsertInRouteList(l, {r[0], r[1]}), RtmStatus::Success);
    uint32_t cf = 0;
    ASSERT_EQ(
        a->reg->UpdateRoute(r[0], Route(100, 7, {nhA}), RTM_INFINITE, RtmRouteListHandle(), cf),
        RtmStatus::Success);
    RtmRouteHandle h;
    ASSERT_EQ(a->reg->AddRouteToDest(h,
                                     Pfx("10.1.0.0/16"),
                                     Route(100, 8, {nhA}),
                                     RTM_INFINITE,
                                     RtmRouteListHandle(),
                                     cf),
              RtmStatus::Success);
    EXPECT_EQ(h, r[1]);
    EXPECT_EQ(Items(a, l), (Rs{r[0], r[1]}));
}

TEST_F(RtmListTest, DeletedRouteLeavesItsList)
{
    RtmRouteListHandle l = NewList(a);
    ASSERT_EQ(a->reg->InsertInRouteList(l, {r[0], r[1], r[2]}), RtmStatus::Success);
    DelRoute(a, r[1]);
    EXPECT_EQ(Items(a, l), (Rs{r[0], r[2]}));
}

TEST_F(RtmListTest, EnumerationSurvivesMovingReturnedRoutes)
{
    // The documentation's sample: move each batch to another list while enumerating.
    RtmRouteListHandle from = NewList(a);
    RtmRouteListHandle to = NewList(a);
    ASSERT_EQ(a->reg->InsertInRouteList(from, {r[0], r[1], r[2], r[3], r[4], r[5]}),
              RtmStatus::Success);
    RtmEnumHandle e;
    ASSERT_EQ(a->reg->CreateRouteListEnum(from, e), RtmStatus::Success);
    Rs seen;
    for (int i = 0; i < 10; ++i)
    {
        uint32_t num = 2;
        Rs got;
        ASSERT_EQ(a->reg->GetListEnumRoutes(e, num, got), RtmStatus::Success);
        ASSERT_EQ(num, got.size());
        seen.insert(seen.end(), got.begin(), got.end());
        ASSERT_EQ(a->reg->InsertInRouteList(to, got), RtmStatus::Success);
        if (num < 2)
        {
            break;
        }
    }
    EXPECT_EQ(seen, (Rs{r[0], r[1], r[2], r[3], r[4], r[5]}));
    EXPECT_TRUE(Items(a, from).empty());
    EXPECT_EQ(Items(a, to), seen);
}

TEST_F(RtmListTest, ListEnumBatches)
{
    RtmRouteListHandle l = NewList(a);
    ASSERT_EQ(a->reg->InsertInRouteList(l, {r[0], r[1], r[2], r[3]}), RtmStatus::Success);
    RtmEnumHandle e;
    ASSERT_EQ(a->reg->CreateRouteListEnum(l, e), RtmStatus::Success);
    Rs got;
    uint32_t num = 0;
    EXPECT_EQ(a->reg->GetListEnumRoutes(e, num, got), RtmStatus::InvalidParameter);
    num = 5; // MaxHandlesInEnum is 4
    EXPECT_EQ(a->reg->GetListEnumRoutes(e, num, got), RtmStatus::InvalidParameter);
    num = 4;
    got.clear();
    ASSERT_EQ(a->reg->GetListEnumRoutes(e, num, got), RtmStatus::Success);
    EXPECT_EQ(num, 4u);
    num = 4;
    got.clear();
    EXPECT_EQ(a->reg->GetListEnumRoutes(e, num, got), RtmStatus::Success);
    EXPECT_EQ(num, 0u);
    EXPECT_TRUE(got.empty());
    // Items appended behind the cursor are still ahead of it (insertion order).
    ASSERT_EQ(a->reg->InsertInRouteList(l, {r[5]}), RtmStatus::Success);
    num = 4;
    EXPECT_EQ(a->reg->GetListEnumRoutes(e, num, got), RtmStatus::Success);
    EXPECT_EQ(got, (Rs{r[5]}));
}

TEST_F(RtmListTest, Errors)
{
    RtmRouteListHandle mine = NewList(a);
    RtmRouteListHandle theirs = NewList(b);
    ASSERT_EQ(a->reg->InsertInRouteList(mine, {r[0]}), RtmStatus::Success);
    ASSERT_EQ(b->reg->InsertInRouteList(theirs, {rb}), RtmStatus::Success);
    // Foreign routes and lists.
    EXPECT_EQ(a->reg->InsertInRouteList(mine, {rb}), RtmStatus::AccessDenied);
    EXPECT_EQ(a->reg->InsertInRouteList(theirs, {r[1]}), RtmStatus::AccessDenied);
    EXPECT_EQ(a->reg->DeleteRouteList(theirs), RtmStatus::AccessDenied);
    RtmEnumHandle e;
    EXPECT_ACCESS_DENIED(a->reg->CreateRouteListEnum(theirs, e));
    EXPECT_EQ(Items(a, mine), (Rs{r[0]}));
    EXPECT_EQ(Items(b, theirs), (Rs{rb}));
    ASSERT_EQ(b->reg->CreateRouteListEnum(theirs, e), RtmStatus::Success);
    uint32_t num = 1;
    Rs got;
    EXPECT_ACCESS_DENIED(a->reg->GetListEnumRoutes(e, num, got));
    // Stale routes: InvalidHandle, and the valid ones are still moved.
    RtmRouteHandle dead = AddRoute(a, "10.99.0.0/16", Route(100, 1, {nhA}));
    DelRoute(a, dead);
    EXPECT_EQ(a->reg->InsertInRouteList(mine, {r[1], dead, Forged(r[2]), r[2]}),
              RtmStatus::InvalidHandle);
    EXPECT_EQ(Items(a, mine), (Rs{r[0], r[1], r[2]}));
    // Stale and forged lists.
    RtmRouteListHandle gone = NewList(a);
    ASSERT_EQ(a->reg->InsertInRouteList(gone, {r[4]}), RtmStatus::Success);
    ASSERT_EQ(a->reg->DeleteRouteList(gone), RtmStatus::Success);
    EXPECT_TRUE(Info(a, r[4]).destHandle != RtmDestHandle()) << "its routes stay";
    EXPECT_EQ(Best(a, "10.4.0.0/16"), r[4]);
    for (RtmRouteListHandle bad : {gone, Forged(mine), WrongGen(mine)})
    {
        EXPECT_EQ(a->reg->InsertInRouteList(bad, {r[3]}), RtmStatus::InvalidHandle);
        EXPECT_EQ(a->reg->DeleteRouteList(bad), RtmStatus::InvalidHandle);
        EXPECT_EQ(a->reg->CreateRouteListEnum(bad, e), RtmStatus::InvalidHandle);
    }
    EXPECT_EQ(a->reg->DeleteRouteList(RtmRouteListHandle()), RtmStatus::InvalidHandle);
    // r[4] is on no list: it can go onto another one.
    ASSERT_EQ(a->reg->InsertInRouteList(mine, {r[4]}), RtmStatus::Success);
    EXPECT_EQ(Items(a, mine), (Rs{r[0], r[1], r[2], r[4]}));
}

TEST_F(RtmListTest, ListMovesQueueNothing)
{
    RtmNotifyHandle n;
    ASSERT_EQ(b->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, n),
              RtmStatus::Success);
    RtmRouteListHandle l = NewList(a);
    ASSERT_EQ(a->reg->InsertInRouteList(l, {r[0], r[1]}), RtmStatus::Success);
    ASSERT_EQ(a->reg->DeleteRouteList(l), RtmStatus::Success);
    std::vector<RtmDestInfo> got;
    uint32_t num = 4;
    EXPECT_EQ(b->reg->GetChangedDests(n, num, got), RtmStatus::NoMoreItems);
    EXPECT_EQ(num, 0u);
}

// ------------------------------------------------------------------------------ entity methods

class RtmMethodTest : public RtmTest
{
  protected:
    /// A method that appends its bit to calls, echoes its input plus its id, status = id.
    RtmEntityMethod Echo(uint8_t id, uint32_t extraBytes = 0)
    {
        return RtmAsCallback<RtmEntityMethod>([this, id, extraBytes](RtmEntityHandle caller,
                                                                     RtmEntityHandle callee,
                                                                     const RtmEntityMethodInput& in,
                                                                     RtmEntityMethodOutput& out) {
            calls.push_back(id);
            callers.push_back(caller);
            callees.push_back(callee);
            out.methodStatus = id;
            out.outputData = in.inputData;
            out.outputData.push_back(id);
            out.outputData.resize(out.outputData.size() + extraBytes, 0xee);
        });
    }

    std::vector<uint8_t> calls;
    std::vector<RtmEntityHandle> callers;
    std::vector<RtmEntityHandle> callees;
};

TEST_F(RtmMethodTest, GetEntityMethods)
{
    TestClient* t = Register(kProtoA, 1, RTM_AF_INET, true, false, {Echo(0), Echo(1), Echo(2)});
    TestClient* c = Register(kProtoB, 1);
    ASSERT_TRUE(t && c);
    uint32_t n = 0;
    std::vector<uint32_t> types;
    ASSERT_EQ(c->reg->GetEntityMethods(t->Entity(), n, types), RtmStatus::Success);
    EXPECT_EQ(n, 3u) << "a count of 0 just asks for the count";
    n = 10;
    ASSERT_EQ(c->reg->GetEntityMethods(t->Entity(), n, types), RtmStatus::Success);
    EXPECT_EQ(n, 3u);
    EXPECT_EQ(types, (std::vector<uint32_t>{0x1, 0x2, 0x4}));
    n = 2;
    types.clear();
    EXPECT_EQ(c->reg->GetEntityMethods(t->Entity(), n, types), RtmStatus::InsufficientBuffer);
    EXPECT_EQ(types, (std::vector<uint32_t>{0x1, 0x2}));
    n = 5;
    ASSERT_EQ(t->reg->GetEntityMethods(c->Entity(), n, types), RtmStatus::Success);
    EXPECT_EQ(n, 0u);
    EXPECT_TRUE(types.empty());
    EXPECT_EQ(c->reg->GetEntityMethods(RtmEntityHandle(), n, types), RtmStatus::InvalidHandle);
    EXPECT_EQ(c->reg->GetEntityMethods(Forged(t->Entity()), n, types), RtmStatus::InvalidHandle);
    RtmEntityHandle th = t->Entity();
    ASSERT_EQ(t->reg->Deregister(), RtmStatus::Success);
    EXPECT_EQ(c->reg->GetEntityMethods(th, n, types), RtmStatus::InvalidHandle);
}

TEST_F(RtmMethodTest, InvokeRunsSelectedMethodsInBitOrder)
{
    TestClient* t =
        Register(kProtoA, 1, RTM_AF_INET, true, false, {Echo(0), Echo(1), Echo(2), Echo(3)});
    TestClient* c = Register(kProtoB, 1);
    ASSERT_TRUE(t && c);
    RtmEntityMethodInput in;
    in.methodType = 0x8 | 0x1 | 0x4;
    in.inputData = {7, 7};
    uint32_t size = 1000;
    std::vector<RtmEntityMethodOutput> out;
    ASSERT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out), RtmStatus::Success);
    EXPECT_EQ(calls, (std::vector<uint8_t>{0, 2, 3}));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].methodType, 0x1u);
    EXPECT_EQ(out[1].methodType, 0x4u);
    EXPECT_EQ(out[2].methodType, 0x8u);
    EXPECT_EQ(out[1].methodStatus, 2u);
    EXPECT_EQ(out[1].outputData, (std::vector<uint8_t>{7, 7, 2}));
    EXPECT_EQ(size, 3 * (12 + 3u)) << "12 bytes per record plus its data";
    EXPECT_EQ(callers[0], c->Entity());
    EXPECT_EQ(callees[0], t->Entity());
    // Every method.
    calls.clear();
    in.methodType = METHOD_TYPE_ALL_METHODS;
    size = 1000;
    out.clear();
    ASSERT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out), RtmStatus::Success);
    EXPECT_EQ(calls, (std::vector<uint8_t>{0, 1, 2, 3}));
    EXPECT_EQ(out.size(), 4u);
    // Nothing exported selected.
    calls.clear();
    in.methodType = 0x10;
    size = 1000;
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out), RtmStatus::InvalidParameter);
    in.methodType = 0;
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out), RtmStatus::InvalidParameter);
    in.methodType = 0x1;
    EXPECT_EQ(t->reg->InvokeMethod(c->Entity(), in, size, out), RtmStatus::InvalidParameter)
        << "c exports nothing";
    EXPECT_TRUE(calls.empty());
}

TEST_F(RtmMethodTest, OutputSizeLimit)
{
    TestClient* t = Register(kProtoA,
                             1,
                             RTM_AF_INET,
                             true,
                             false,
                             {Echo(0, 7), Echo(1, 7), Echo(2, 7)}); // 8 data bytes each
    TestClient* c = Register(kProtoB, 1);
    ASSERT_TRUE(t && c);
    RtmEntityMethodInput in;
    in.methodType = METHOD_TYPE_ALL_METHODS;
    uint32_t size = 59; // room for two records of 20 bytes, not three
    std::vector<RtmEntityMethodOutput> out;
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out), RtmStatus::InsufficientBuffer);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].methodType, 0x1u);
    EXPECT_EQ(out[1].methodType, 0x2u);
    EXPECT_EQ(size, 40u);
    size = 60;
    out.clear();
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out), RtmStatus::Success);
    EXPECT_EQ(out.size(), 3u);
    EXPECT_EQ(size, 60u);
    size = 10;
    out.clear();
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out), RtmStatus::InsufficientBuffer);
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(size, 0u);
}

TEST_F(RtmMethodTest, InvokeBadTargets)
{
    TestClient* t = Register(kProtoA, 1, RTM_AF_INET, true, false, {Echo(0)});
    TestClient* c = Register(kProtoB, 1);
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6, true, false, {Echo(0)});
    ASSERT_TRUE(t && c && v6);
    RtmEntityMethodInput in;
    in.methodType = 0x1;
    uint32_t size = 100;
    std::vector<RtmEntityMethodOutput> out;
    EXPECT_EQ(c->reg->InvokeMethod(RtmEntityHandle(), in, size, out), RtmStatus::InvalidHandle);
    EXPECT_EQ(c->reg->InvokeMethod(Forged(t->Entity()), in, size, out), RtmStatus::InvalidHandle);
    EXPECT_EQ(c->reg->InvokeMethod(v6->Entity(), in, size, out), RtmStatus::InvalidHandle);
    RtmEntityHandle th = t->Entity();
    ASSERT_EQ(t->reg->Deregister(), RtmStatus::Success);
    EXPECT_EQ(c->reg->InvokeMethod(th, in, size, out), RtmStatus::InvalidHandle);
    EXPECT_TRUE(calls.empty());
}

TEST_F(RtmMethodTest, BlockQueuesAndResumeCompletes)
{
    TestClient* t = Register(kProtoA, 1, RTM_AF_INET, true, false, {Echo(0), Echo(1)});
    TestClient* c = Register(kProtoB, 1);
    ASSERT_TRUE(t && c);
    EXPECT_EQ(t->reg->BlockMethods(2), RtmStatus::InvalidParameter);
    for (uint32_t type : {RTM_DEST_TYPE, RTM_ROUTE_TYPE, RTM_NEXTHOP_TYPE})
    {
        EXPECT_EQ(t->reg->BlockMethods(RTM_BLOCK_METHODS, type), RtmStatus::NotSupported);
    }
    ASSERT_EQ(t->reg->BlockMethods(RTM_BLOCK_METHODS), RtmStatus::Success);

    std::vector<std::pair<RtmStatus, std::vector<RtmEntityMethodOutput>>> done;
    auto cb = RtmAsCallback<RtmInvokeCallback>(
        [&done](RtmStatus st, const std::vector<RtmEntityMethodOutput>& o) {
            done.emplace_back(st, o);
        });
    RtmEntityMethodInput in1;
    in1.methodType = 0x2;
    in1.inputData = {1};
    RtmEntityMethodInput in2;
    in2.methodType = 0x3;
    in2.inputData = {2};
    uint32_t size = 1000;
    std::vector<RtmEntityMethodOutput> out;
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in1, size, out, cb), RtmStatus::Pending);
    size = 1000;
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in2, size, out, cb), RtmStatus::Pending);
    RunFor(100);
    EXPECT_TRUE(calls.empty()) << "held while blocked";
    EXPECT_TRUE(done.empty());
    ASSERT_EQ(t->reg->BlockMethods(RTM_RESUME_METHODS), RtmStatus::Success);
    EXPECT_TRUE(calls.empty()) << "queued calls run through the scheduler";
    Deliver();
    EXPECT_EQ(calls, (std::vector<uint8_t>{1, 0, 1}));
    ASSERT_EQ(done.size(), 2u);
    EXPECT_EQ(done[0].first, RtmStatus::Success);
    ASSERT_EQ(done[0].second.size(), 1u);
    EXPECT_EQ(done[0].second[0].outputData, (std::vector<uint8_t>{1, 1}));
    EXPECT_EQ(done[1].first, RtmStatus::Success);
    ASSERT_EQ(done[1].second.size(), 2u);
    EXPECT_EQ(done[1].second[0].methodType, 0x1u);
    EXPECT_EQ(done[1].second[1].outputData, (std::vector<uint8_t>{2, 1}));
    // Not blocked any more: synchronous again.
    calls.clear();
    size = 1000;
    out.clear();
    EXPECT_EQ(c->reg->InvokeMethod(t->Entity(), in1, size, out, cb), RtmStatus::Success);
    EXPECT_EQ(calls, (std::vector<uint8_t>{1}));
    EXPECT_EQ(done.size(), 2u) << "the completion callback is only for queued calls";
}

TEST_F(RtmMethodTest, BlockedAgainBeforeTheQueueRunsKeepsItQueued)
{
    TestClient* t = Register(kProtoA, 1, RTM_AF_INET, true, false, {Echo(0), Echo(1)});
    TestClient* c = Register(kProtoB, 1);
    ASSERT_TRUE(t && c);
    ASSERT_EQ(t->reg->BlockMethods(RTM_BLOCK_METHODS), RtmStatus::Success);
    std::vector<RtmStatus> done;
    auto cb = RtmAsCallback<RtmInvokeCallback>(
        [&done](RtmStatus st, const std::vector<RtmEntityMethodOutput>&) { done.push_back(st); });
    RtmEntityMethodInput in0;
    in0.methodType = 0x1;
    RtmEntityMethodInput in1;
    in1.methodType = 0x2;
    uint32_t size = 100;
    std::vector<RtmEntityMethodOutput> out;
    ASSERT_EQ(c->reg->InvokeMethod(t->Entity(), in0, size, out, cb), RtmStatus::Pending);
    size = 100;
    ASSERT_EQ(c->reg->InvokeMethod(t->Entity(), in1, size, out, cb), RtmStatus::Pending);
    // Resumed and blocked again before the scheduler ran the queue: still held.
    ASSERT_EQ(t->reg->BlockMethods(RTM_RESUME_METHODS), RtmStatus::Success);
    ASSERT_EQ(t->reg->BlockMethods(RTM_BLOCK_METHODS), RtmStatus::Success);
    RunFor(10);
    EXPECT_TRUE(calls.empty()) << "a blocked client's methods must not run";
    EXPECT_TRUE(done.empty());
    ASSERT_EQ(t->reg->BlockMethods(RTM_RESUME_METHODS), RtmStatus::Success);
    Deliver();
    EXPECT_EQ(calls, (std::vector<uint8_t>{0, 1})) << "once each, in order";
    EXPECT_EQ(done, (std::vector<RtmStatus>{RtmStatus::Success, RtmStatus::Success}));
}

TEST_F(RtmMethodTest, QueuedInvocationFailsWhenTargetDeregisters)
{
    TestClient* t = Register(kProtoA, 1, RTM_AF_INET, true, false, {Echo(0)});
    TestClient* c = Register(kProtoB, 1);
    ASSERT_TRUE(t && c);
    ASSERT_EQ(t->reg->BlockMethods(RTM_BLOCK_METHODS), RtmStatus::Success);
    std::vector<RtmStatus> done;
    auto cb = RtmAsCallback<RtmInvokeCallback>(
        [&done](RtmStatus st, const std::vector<RtmEntityMethodOutput>&) { done.push_back(st); });
    RtmEntityMethodInput in;
    in.methodType = 0x1;
    uint32_t size = 100;
    std::vector<RtmEntityMethodOutput> out;
    ASSERT_EQ(c->reg->InvokeMethod(t->Entity(), in, size, out, cb), RtmStatus::Pending);
    ASSERT_EQ(t->reg->Deregister(), RtmStatus::Success);
    Deliver();
    EXPECT_EQ(done, std::vector<RtmStatus>{RtmStatus::InvalidHandle});
    EXPECT_TRUE(calls.empty());
}

// ------------------------------------------------------------------------------ opaque pointers

TEST_F(RtmTest, OpaquePointers)
{
    TestClient* p = Register(kProtoA, 1, RTM_AF_INET, true, true);
    TestClient* q = Register(kProtoB, 1, RTM_AF_INET, true, true);
    TestClient* none = Register(kProtoC, 1, RTM_AF_INET, true, false);
    ASSERT_TRUE(p && q && none);
    RtmNotifyHandle n;
    ASSERT_EQ(
        none->reg->RegisterForChangeNotification(RTM_VIEW_MASK_ANY, RTM_CHANGE_TYPE_ALL, 0, n),
        RtmStatus::Success);
    RtmRouteHandle r1 = AddRoute(none, "10.1.0.0/16", Route(100, 1));
    RtmRouteHandle r2 = AddRoute(none, "10.2.0.0/16", Route(100, 1));
    RtmDestHandle d1 = Info(none, r1).destHandle;
    RtmDestHandle d2 = Info(none, r2).destHandle;
    std::vector<RtmDestInfo> drained;
    uint32_t num = 10;
    none->reg->GetChangedDests(n, num, drained);
    uint64_t v = 99;
    ASSERT_EQ(p->reg->GetOpaquePointer(d1, v), RtmStatus::Success);
    EXPECT_EQ(v, 0u) << "slots start empty";
    ASSERT_EQ(p->reg->SetOpaquePointer(d1, 0x1111), RtmStatus::Success);
    ASSERT_EQ(q->reg->SetOpaquePointer(d1, 0x2222), RtmStatus::Success);
    ASSERT_EQ(p->reg->SetOpaquePointer(d2, 0x3333), RtmStatus::Success);
    ASSERT_EQ(p->reg->GetOpaquePointer(d1, v), RtmStatus::Success);
    EXPECT_EQ(v, 0x1111u);
    ASSERT_EQ(q->reg->GetOpaquePointer(d1, v), RtmStatus::Success);
    EXPECT_EQ(v, 0x2222u);
    ASSERT_EQ(p->reg->GetOpaquePointer(d2, v), RtmStatus::Success);
    EXPECT_EQ(v, 0x3333u);
    ASSERT_EQ(q->reg->GetOpaquePointer(d2, v), RtmStatus::Success);
    EXPECT_EQ(v, 0u);
    // No slot reserved.
    EXPECT_EQ(none->reg->GetOpaquePointer(d1, v), RtmStatus::NotFound);
    EXPECT_EQ(none->reg->SetOpaquePointer(d1, 5), RtmStatus::NotFound);
    // Bad destination handles.
    TestClient* v6 = Register(kProtoA, 1, RTM_AF_INET6);
    ASSERT_NE(v6, nullptr);
    RtmDestHandle d6 = Info(v6, AddRoute(v6, "2001:db8::/32", Route(100, 1))).destHandle;
    for (RtmDestHandle bad : {RtmDestHandle(), Forged(d1), WrongGen(d1), d6})
    {
        EXPECT_EQ(p->reg->GetOpaquePointer(bad, v), RtmStatus::InvalidHandle);
        EXPECT_EQ(p->reg->SetOpaquePointer(bad, 1), RtmStatus::InvalidHandle);
    }
    // Opaque values queue no change.
    num = 10;
    drained.clear();
    EXPECT_EQ(none->reg->GetChangedDests(n, num, drained), RtmStatus::NoMoreItems);
    EXPECT_EQ(num, 0u);
}

} // namespace
