/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: shared fixture of the GoogleTest tests that exercise the public RTM API
 * (RtmInstance::RegisterEntity / Lookup and every RtmRegistration method).
 */
#ifndef RTM_TEST_UTIL_H
#define RTM_TEST_UTIL_H

#include "ns3/nstime.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-types.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace rtmtest
{

using namespace ns3;

/// Both views.
constexpr RtmViewSet kBoth = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
/// A protocol id used by the tests (not one of the module's own clients).
constexpr uint32_t kProtoA = 100;
/// Another protocol id used by the tests.
constexpr uint32_t kProtoB = 200;
/// A third protocol id.
constexpr uint32_t kProtoC = 300;

/// \return the parsed prefix (the text may have host bits set: Parse does not validate them)
inline RtmNetAddress
Pfx(const std::string& text)
{
    RtmNetAddress a;
    if (!RtmNetAddress::Parse(text, a))
    {
        ADD_FAILURE() << "test bug: cannot parse " << text;
    }
    return a;
}

/// A forged handle: same table as \p h, a slot that was never handed out.
template <typename H>
H
Forged(const H& h)
{
    H f = h;
    f.index += 100000;
    f.gen += 7;
    return f;
}

/// A forged handle: same table and slot as \p h, another generation.
template <typename H>
H
WrongGen(const H& h)
{
    H f = h;
    f.gen += 1;
    return f;
}

/// A handle of a table that does not exist.
template <typename H>
H
NoTable()
{
    H f;
    f.table = 0x7ffffff0;
    f.index = 1;
    f.gen = 1;
    return f;
}

/// \return a route info with the given preference, metric, next hops, views and flags
inline RtmRouteInfo
Route(uint32_t preference,
      uint32_t metric,
      std::vector<RtmNextHopHandle> nextHops = {},
      RtmViewSet views = kBoth,
      uint16_t flags = 0)
{
    RtmRouteInfo r;
    r.prefInfo.preference = preference;
    r.prefInfo.metric = metric;
    r.nextHops = std::move(nextHops);
    r.belongsToViews = views;
    r.flags = flags;
    return r;
}

/// A registered client that records every event it receives.
struct TestClient
{
    Ptr<RtmRegistration> reg;                        //!< the registration
    Ptr<RtmInstance> instance;                       //!< the instance it registered with
    RtmRegnProfile profile;                          //!< profile returned at registration
    RtmEntityInfo info;                              //!< identity
    std::vector<RtmEvent> events;                    //!< every event received, in order
    RtmStatus expiredReply{RtmStatus::NotSupported}; //!< answer to RouteExpired
    std::function<RtmStatus(const RtmEvent&)> hook;  //!< optional: replaces the default answer

    /// \return the entity handle
    RtmEntityHandle Entity() const
    {
        return reg->GetEntityHandle();
    }

    /// \return how many events of type \p t were received
    std::size_t Count(RtmEventType t) const
    {
        return std::count_if(events.begin(), events.end(), [t](const RtmEvent& e) {
            return e.type == t;
        });
    }

    /// \return the events of type \p t
    std::vector<RtmEvent> Of(RtmEventType t) const
    {
        std::vector<RtmEvent> out;
        for (const auto& e : events)
        {
            if (e.type == t)
            {
                out.push_back(e);
            }
        }
        return out;
    }

    /// The event callback.
    RtmStatus OnEvent(const RtmEvent& e)
    {
        events.push_back(e);
        if (hook)
        {
            return hook(e);
        }
        return e.type == RtmEventType::RouteExpired ? expiredReply : RtmStatus::Success;
    }
};

/**
 * Fixture: one RTM instance (id 0) owning interfaces 1..4, helpers to register clients, add next
 * hops and routes, deliver scheduled events and take a snapshot of everything stored.
 */
class RtmTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        inst = NewInstance();
    }

    void TearDown() override
    {
        for (auto& i : instances)
        {
            i->Dispose();
        }
        Simulator::Destroy();
        clients.clear();
        instances.clear();
        inst = nullptr;
    }

    /// \return a new instance with interfaces 1..4 (attributes may be set before first use)
    Ptr<RtmInstance> NewInstance(uint16_t id = 0)
    {
        Ptr<RtmInstance> i = CreateObject<RtmInstance>();
        i->SetInstanceId(id);
        for (uint32_t itf = 1; itf <= 4; ++itf)
        {
            i->AddInterface(RTM_AF_INET, itf);
            i->AddInterface(RTM_AF_INET6, itf);
        }
        instances.push_back(i);
        return i;
    }

    /// Register a client; fails the test if the registration fails.
    TestClient* Register(uint32_t protocol,
                         uint32_t instanceId = 1,
                         uint16_t family = RTM_AF_INET,
                         bool withCallback = true,
                         bool opaque = false,
                         const std::vector<RtmEntityMethod>& methods = {},
                         Ptr<RtmInstance> where = nullptr)
    {
        Ptr<RtmInstance> target = where ? where : inst;
        auto c = std::make_unique<TestClient>();
        TestClient* p = c.get();
        c->instance = target;
        c->info.rtmInstanceId = target->GetInstanceId();
        c->info.addressFamily = family;
        c->info.entityId.entityProtocolId = protocol;
        c->info.entityId.entityInstanceId = instanceId;
        RtmEventCallback cb;
        if (withCallback)
        {
            cb = RtmAsCallback<RtmEventCallback>([p](const RtmEvent& e) { return p->OnEvent(e); });
        }
        RtmStatus st = target->RegisterEntity(c->info, methods, cb, opaque, c->profile, c->reg);
        EXPECT_EQ(st, RtmStatus::Success) << "registering " << protocol << "/" << instanceId;
        if (st != RtmStatus::Success || !c->reg)
        {
            return nullptr;
        }
        clients.push_back(std::move(c));
        return p;
    }

    /// Add (or update) a next hop of \p c; expects Success.
    RtmNextHopHandle AddNh(TestClient* c,
                           const std::string& address,
                           uint32_t interfaceIndex,
                           uint16_t flags = 0,
                           uint64_t esi = 0)
    {
        RtmNextHopInfo nh;
        nh.nextHopAddress = Pfx(address);
        nh.interfaceIndex = interfaceIndex;
        nh.flags = flags;
        nh.entitySpecificInfo = esi;
        RtmNextHopHandle h;
        uint32_t changeFlags = 0;
        EXPECT_EQ(c->reg->AddNextHop(nh, h, changeFlags), RtmStatus::Success)
            << "next hop " << address << "%" << interfaceIndex;
        EXPECT_FALSE(h.IsNull());
        return h;
    }

    /// Add a route (new or by neighbour match) of \p c; expects Success.
    RtmRouteHandle AddRoute(TestClient* c,
                            const std::string& prefix,
                            const RtmRouteInfo& info,
                            uint32_t ttl = RTM_INFINITE,
                            uint32_t inFlags = 0,
                            uint32_t* outFlags = nullptr)
    {
        RtmRouteHandle r;
        uint32_t flags = inFlags;
        EXPECT_EQ(c->reg->AddRouteToDest(r, Pfx(prefix), info, ttl, RtmRouteListHandle(), flags),
                  RtmStatus::Success)
            << "route to " << prefix;
        EXPECT_FALSE(r.IsNull());
        if (outFlags)
        {
            *outFlags = flags;
        }
        return r;
    }

    /// Delete a route of \p c; expects Success; \return the change flags
    uint32_t DelRoute(TestClient* c, RtmRouteHandle r)
    {
        uint32_t flags = 0;
        EXPECT_EQ(c->reg->DeleteRouteToDest(r, flags), RtmStatus::Success);
        return flags;
    }

    /// \return the stored contents of route \p r (expects Success)
    RtmRouteInfo Info(TestClient* c, RtmRouteHandle r)
    {
        RtmRouteInfo info;
        EXPECT_EQ(c->reg->GetRouteInfo(r, &info), RtmStatus::Success);
        return info;
    }

    /// \return the destination of exactly \p prefix with view blocks of \p views (expects it)
    RtmDestInfo Dest(TestClient* c,
                     const std::string& prefix,
                     RtmViewSet views = RTM_VIEW_MASK_ALL,
                     uint32_t protocol = RTM_BEST_PROTOCOL)
    {
        RtmDestInfo d;
        // Find with ANY (held routes too), then read the requested blocks by handle.
        EXPECT_EQ(
            c->reg->GetExactMatchDestination(Pfx(prefix), RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, d),
            RtmStatus::Success)
            << prefix;
        RtmDestInfo out;
        EXPECT_EQ(c->reg->GetDestInfo(d.destHandle, protocol, views, out), RtmStatus::Success);
        return out;
    }

    /// \return the view block of \p view in \p d (a default block and a failure if absent)
    static RtmViewInfo Block(const RtmDestInfo& d, RtmViewId view)
    {
        for (const auto& v : d.viewInfo)
        {
            if (v.viewId == view)
            {
                return v;
            }
        }
        ADD_FAILURE() << "no block for view " << view << " in " << d.destAddress;
        return RtmViewInfo();
    }

    /// \return the best route of \p prefix in \p view (null if none)
    RtmRouteHandle Best(TestClient* c,
                        const std::string& prefix,
                        RtmViewId view = RTM_VIEW_ID_UCAST)
    {
        return Block(Dest(c, prefix), view).route;
    }

    /// Deliver the events scheduled so far (and those they schedule at the same time).
    static void Deliver()
    {
        Simulator::Stop(NanoSeconds(1));
        Simulator::Run();
    }

    /// Run the simulation for \p ms milliseconds.
    static void RunFor(uint64_t ms)
    {
        Simulator::Stop(MilliSeconds(ms));
        Simulator::Run();
    }

    /// \return every route of the table of \p c (route enumeration, ANY, START), in order
    std::vector<RtmRouteHandle> AllRoutes(TestClient* c,
                                          RtmViewSet views = RTM_VIEW_MASK_ANY,
                                          uint32_t enumFlags = RTM_ENUM_START,
                                          const RtmNetAddress* start = nullptr,
                                          RtmDestHandle dest = RtmDestHandle(),
                                          uint32_t matchFlags = RTM_MATCH_NONE,
                                          const RtmRouteInfo* criteria = nullptr,
                                          uint32_t interfaceIndex = 0)
    {
        std::vector<RtmRouteHandle> out;
        RtmEnumHandle e;
        RtmStatus st = c->reg->CreateRouteEnum(dest,
                                               views,
                                               enumFlags,
                                               start,
                                               matchFlags,
                                               criteria,
                                               interfaceIndex,
                                               e);
        EXPECT_EQ(st, RtmStatus::Success);
        if (st != RtmStatus::Success)
        {
            return out;
        }
        for (int guard = 0; guard < 100000; ++guard)
        {
            uint32_t num = c->profile.maxHandlesInEnum;
            std::vector<RtmRouteHandle> batch;
            st = c->reg->GetEnumRoutes(e, num, batch);
            EXPECT_TRUE(st == RtmStatus::Success || st == RtmStatus::NoMoreItems) << st;
            EXPECT_EQ(num, batch.size());
            out.insert(out.end(),
                       batch.begin(),
                       batch.begin() + std::min<size_t>(num, batch.size()));
            if (st != RtmStatus::Success)
            {
                break;
            }
        }
        EXPECT_EQ(c->reg->DeleteEnumHandle(e), RtmStatus::Success);
        return out;
    }

    /// \return every destination (dest enumeration) of the table of \p c, in order
    std::vector<RtmDestInfo> AllDests(TestClient* c,
                                      RtmViewSet views = RTM_VIEW_MASK_ANY,
                                      uint32_t enumFlags = RTM_ENUM_START,
                                      const RtmNetAddress* start = nullptr,
                                      uint32_t protocol = RTM_BEST_PROTOCOL)
    {
        std::vector<RtmDestInfo> out;
        RtmEnumHandle e;
        RtmStatus st = c->reg->CreateDestEnum(views, enumFlags, start, protocol, e);
        EXPECT_EQ(st, RtmStatus::Success);
        if (st != RtmStatus::Success)
        {
            return out;
        }
        for (int guard = 0; guard < 100000; ++guard)
        {
            uint32_t num = c->profile.maxHandlesInEnum;
            std::vector<RtmDestInfo> batch;
            st = c->reg->GetEnumDests(e, num, batch);
            EXPECT_TRUE(st == RtmStatus::Success || st == RtmStatus::NoMoreItems) << st;
            EXPECT_EQ(num, batch.size());
            out.insert(out.end(),
                       batch.begin(),
                       batch.begin() + std::min<size_t>(num, batch.size()));
            if (st != RtmStatus::Success)
            {
                break;
            }
        }
        EXPECT_EQ(c->reg->DeleteEnumHandle(e), RtmStatus::Success);
        return out;
    }

    /// \return the prefixes of \p dests as text
    static std::vector<std::string> Prefixes(const std::vector<RtmDestInfo>& dests)
    {
        std::vector<std::string> out;
        for (const auto& d : dests)
        {
            out.push_back(d.destAddress.ToString());
        }
        return out;
    }

    /// \return the next hops of \p c's list (next-hop enumeration), in order
    std::vector<RtmNextHopHandle> AllNextHops(TestClient* c,
                                              uint32_t enumFlags = RTM_ENUM_START,
                                              const RtmNetAddress* address = nullptr)
    {
        std::vector<RtmNextHopHandle> out;
        RtmEnumHandle e;
        RtmStatus st = c->reg->CreateNextHopEnum(enumFlags, address, e);
        EXPECT_EQ(st, RtmStatus::Success);
        if (st != RtmStatus::Success)
        {
            return out;
        }
        for (int guard = 0; guard < 100000; ++guard)
        {
            uint32_t num = c->profile.maxHandlesInEnum;
            std::vector<RtmNextHopHandle> batch;
            st = c->reg->GetEnumNextHops(e, num, batch);
            EXPECT_TRUE(st == RtmStatus::Success || st == RtmStatus::NoMoreItems) << st;
            EXPECT_EQ(num, batch.size());
            out.insert(out.end(),
                       batch.begin(),
                       batch.begin() + std::min<size_t>(num, batch.size()));
            if (st != RtmStatus::Success)
            {
                break;
            }
        }
        EXPECT_EQ(c->reg->DeleteEnumHandle(e), RtmStatus::Success);
        return out;
    }

    /// \return a text description of a route (all stored fields)
    static std::string Describe(const RtmRouteInfo& r, const RtmNetAddress& dest)
    {
        std::ostringstream os;
        os << dest << " dest=" << r.destHandle << " owner=" << r.routeOwner
           << " nbr=" << r.neighbour << " state=" << int(r.state) << " f1=" << int(r.flags1)
           << " flags=" << r.flags << " pref=" << r.prefInfo.preference
           << " metric=" << r.prefInfo.metric << " views=" << r.belongsToViews
           << " esi=" << r.entitySpecificInfo << " nh=[";
        for (const auto& h : r.nextHops)
        {
            os << h << " ";
        }
        os << "]";
        return os.str();
    }

    /// \return a text description of a destination and its view blocks
    static std::string Describe(const RtmDestInfo& d)
    {
        std::ostringstream os;
        os << d.destAddress << " h=" << d.destHandle << " views=" << d.belongsToViews;
        for (const auto& v : d.viewInfo)
        {
            os << " {v" << v.viewId << " n=" << v.numRoutes << " best=" << v.route
               << " owner=" << v.owner << " flags=" << v.destFlags << " hold=" << v.holdRoute
               << "}";
        }
        return os.str();
    }

    /**
     * \return a text snapshot of everything stored in the table of \p c's family: destinations
     * (with every view block), routes (all fields) and the next-hop list of every registered
     * client of that table.
     */
    std::string Snapshot(TestClient* c)
    {
        std::ostringstream os;
        for (const auto& d : AllDests(c, RTM_VIEW_MASK_ANY))
        {
            RtmDestInfo full;
            EXPECT_EQ(c->reg->GetDestInfo(d.destHandle, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, full),
                      RtmStatus::Success);
            os << "D " << Describe(full) << "\n";
        }
        for (const auto& r : AllRoutes(c, RTM_VIEW_MASK_ANY))
        {
            RtmRouteInfo info;
            RtmNetAddress dest;
            EXPECT_EQ(c->reg->GetRouteInfo(r, &info, &dest), RtmStatus::Success);
            os << "R " << r << " " << Describe(info, dest) << "\n";
        }
        for (const auto& other : clients)
        {
            if (!other->reg->IsRegistered() || other->info.addressFamily != c->info.addressFamily ||
                other->instance != c->instance)
            {
                continue;
            }
            for (const auto& h : AllNextHops(other.get()))
            {
                RtmNextHopInfo nh;
                EXPECT_EQ(c->reg->GetNextHopInfo(h, nh), RtmStatus::Success);
                os << "N " << h << " " << nh.nextHopAddress << "%" << nh.interfaceIndex
                   << " owner=" << nh.nextHopOwner << " state=" << nh.state << " flags=" << nh.flags
                   << " esi=" << nh.entitySpecificInfo << "\n";
            }
        }
        return os.str();
    }

    Ptr<RtmInstance> inst;                            //!< the main instance
    std::vector<Ptr<RtmInstance>> instances;          //!< every instance made
    std::vector<std::unique_ptr<TestClient>> clients; //!< every client registered
};

/// Expect \p expr to be refused because the object is another client's (AccessDenied).
#define EXPECT_ACCESS_DENIED(expr) EXPECT_EQ((expr), ns3::RtmStatus::AccessDenied)

} // namespace rtmtest

#endif /* RTM_TEST_UTIL_H */
