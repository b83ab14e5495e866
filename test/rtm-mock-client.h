/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: a scripted mock RTM client for GoogleTest, in the style of XORP's ExpectTable: the test
 * states the exact sequence of events the client must receive and the exact set of changed
 * destinations each notification registration must yield, and the mock fails the test on
 * anything unexpected, mismatched or missing.
 */
#ifndef RTM_MOCK_CLIENT_H
#define RTM_MOCK_CLIENT_H

#include "ns3/rtm-instance.h"
#include "ns3/rtm-ns3-compat.h"
#include "ns3/rtm-registration.h"
#include "ns3/rtm-types.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace rtmtest
{

using namespace ns3;

/**
 * A client registered with an RTM instance whose event callback checks every event against a
 * script, and which pulls change notifications and compares them with expected records.
 *
 * Events: ExpectRegistered / ExpectDeregistered / ExpectChangeNotification / ExpectExpired queue
 * expectations; each arriving event must match the oldest one (type and the fields that identify
 * it), otherwise the test fails at once ("unexpected" or "expected X, got Y"). VerifyEvents()
 * fails for every expectation still queued ("missing").
 *
 * Notifications: ExpectDest(n, prefix).View(...) describes one changed destination as
 * GetChangedDests must report it (current state, one block per view of the registration);
 * VerifyChanges(n) pulls until NoMoreItems and requires exactly the expected destinations, each
 * once, with exactly the expected blocks.
 */
class RtmMockClient
{
  public:
    /// Description of one expected changed destination.
    struct ExpectedDest
    {
        std::string prefix;             //!< its prefix as text
        std::vector<std::string> views; //!< expected blocks, formatted

        /**
         * \brief Add the expected block of \p view.
         * \return this, for chaining
         */
        ExpectedDest& View(RtmViewId view,
                           uint32_t numRoutes,
                           RtmRouteHandle best,
                           RtmRouteHandle hold = RtmRouteHandle())
        {
            views.push_back(FormatView(view, numRoutes, best, hold));
            return *this;
        }

        /// \return the formatted record
        std::string Format() const
        {
            std::ostringstream os;
            os << prefix;
            for (const auto& v : views)
            {
                os << " " << v;
            }
            return os.str();
        }
    };

    /**
     * \brief Register a client.
     * \param instance the RTM instance
     * \param name a name used in failure messages
     * \param protocol entity protocol id
     * \param instanceId entity instance id
     * \param withCallback whether the client has an event callback
     * \param family the address family
     */
    RtmMockClient(Ptr<RtmInstance> instance,
                  const std::string& name,
                  uint32_t protocol,
                  uint32_t instanceId = 1,
                  bool withCallback = true,
                  uint16_t family = RTM_AF_INET)
        : m_name(name)
    {
        RtmEntityInfo info;
        info.rtmInstanceId = instance->GetInstanceId();
        info.addressFamily = family;
        info.entityId.entityProtocolId = protocol;
        info.entityId.entityInstanceId = instanceId;
        RtmEventCallback cb;
        if (withCallback)
        {
            cb = RtmAsCallback<RtmEventCallback>([this](const RtmEvent& e) { return OnEvent(e); });
        }
        RtmStatus st = instance->RegisterEntity(info, {}, cb, false, m_profile, reg);
        EXPECT_EQ(st, RtmStatus::Success) << m_name;
    }

    ~RtmMockClient()
    {
        for (const auto& e : m_expected)
        {
            ADD_FAILURE() << "[" << m_name << "] missing event at end of test: " << e.text;
        }
    }

    RtmMockClient(const RtmMockClient&) = delete;
    RtmMockClient& operator=(const RtmMockClient&) = delete;

    /// \return the entity handle
    RtmEntityHandle Entity() const
    {
        return reg->GetEntityHandle();
    }

    /// \return the name
    const std::string& Name() const
    {
        return m_name;
    }

    // ------------------------------------------------------------------ events

    /// Expect EntityRegistered for \p who.
    RtmMockClient& ExpectRegistered(RtmEntityHandle who)
    {
        Expected x;
        x.type = RtmEventType::EntityRegistered;
        x.entity = who;
        x.text = Describe(x.type, who, RtmRouteHandle(), RtmNotifyHandle(), 0);
        m_expected.push_back(x);
        return *this;
    }

    /// Expect EntityDeregistered for \p who.
    RtmMockClient& ExpectDeregistered(RtmEntityHandle who)
    {
        Expected x;
        x.type = RtmEventType::EntityDeregistered;
        x.entity = who;
        x.text = Describe(x.type, who, RtmRouteHandle(), RtmNotifyHandle(), 0);
        m_expected.push_back(x);
        return *this;
    }

    /// Expect ChangeNotification for registration \p n with \p context.
    RtmMockClient& ExpectChangeNotification(RtmNotifyHandle n, uint64_t context)
    {
        Expected x;
        x.type = RtmEventType::ChangeNotification;
        x.notify = n;
        x.context = context;
        x.text = Describe(x.type, RtmEntityHandle(), RtmRouteHandle(), n, context);
        m_expected.push_back(x);
        return *this;
    }

    /// Expect RouteExpired for \p route; answer \p reply after running \p action (if any).
    RtmMockClient& ExpectExpired(RtmRouteHandle route,
                                 RtmStatus reply,
                                 std::function<void(const RtmEvent&)> action = {})
    {
        Expected x;
        x.type = RtmEventType::RouteExpired;
        x.route = route;
        x.reply = reply;
        x.action = std::move(action);
        x.text = Describe(x.type, RtmEntityHandle(), route, RtmNotifyHandle(), 0);
        m_expected.push_back(x);
        return *this;
    }

    /// Fail for every expected event that has not arrived; forget the script.
    void VerifyEvents(const std::string& where = "")
    {
        for (const auto& e : m_expected)
        {
            ADD_FAILURE() << "[" << m_name << "] " << where << ": missing event " << e.text;
        }
        m_expected.clear();
    }

    /// \return every event received so far, formatted, in order
    const std::vector<std::string>& Received() const
    {
        return m_received;
    }

    // ------------------------------------------------------------------ notifications

    /// Register for change notification (expects Success).
    RtmNotifyHandle Subscribe(RtmViewSet views, uint32_t flags, uint64_t context = 0)
    {
        RtmNotifyHandle n;
        EXPECT_EQ(reg->RegisterForChangeNotification(views, flags, context, n), RtmStatus::Success)
            << m_name;
        return n;
    }

    /// Expect \p prefix among the changes of \p n; add its blocks with View().
    ExpectedDest& ExpectDest(RtmNotifyHandle n, const std::string& prefix)
    {
        m_expectedDests[n].push_back(ExpectedDest{prefix, {}});
        return m_expectedDests[n].back();
    }

    /**
     * \brief Pull every change of \p n (batches of \p batch, default MaxHandlesInEnum) and
     * compare with the expected destinations; forget them.
     * \return the records pulled
     */
    std::vector<RtmDestInfo> VerifyChanges(RtmNotifyHandle n,
                                           const std::string& where = "",
                                           uint32_t batch = 0)
    {
        std::vector<RtmDestInfo> all;
        uint32_t size = batch ? batch : m_profile.maxHandlesInEnum;
        for (int i = 0; i < 100000; ++i)
        {
            uint32_t num = size;
            std::vector<RtmDestInfo> got;
            RtmStatus st = reg->GetChangedDests(n, num, got);
            if (st != RtmStatus::Success && st != RtmStatus::NoMoreItems)
            {
                ADD_FAILURE() << "[" << m_name << "] " << where << ": GetChangedDests " << st;
                break;
            }
            EXPECT_EQ(num, got.size()) << m_name;
            all.insert(all.end(), got.begin(), got.end());
            if (st == RtmStatus::NoMoreItems)
            {
                break;
            }
        }
        std::vector<std::string> actual;
        std::set<std::string> once;
        for (const auto& d : all)
        {
            actual.push_back(Format(d));
            if (!once.insert(d.destAddress.ToString()).second)
            {
                ADD_FAILURE() << "[" << m_name << "] " << where << ": " << d.destAddress
                              << " reported twice";
            }
            CheckOwners(d, where);
        }
        std::vector<std::string> expected;
        for (const auto& e : m_expectedDests[n])
        {
            expected.push_back(e.Format());
        }
        m_expectedDests.erase(n);
        std::sort(actual.begin(), actual.end());
        std::sort(expected.begin(), expected.end());
        EXPECT_EQ(Join(actual), Join(expected)) << "[" << m_name << "] " << where;
        return all;
    }

    /// Expect that \p n has nothing pending.
    void VerifyNoChanges(RtmNotifyHandle n, const std::string& where = "")
    {
        m_expectedDests.erase(n);
        VerifyChanges(n, where);
    }

    /// \return the formatted block of a view, as View() and Format() write it
    static std::string FormatView(RtmViewId view,
                                  uint32_t numRoutes,
                                  RtmRouteHandle best,
                                  RtmRouteHandle hold)
    {
        std::ostringstream os;
        os << "{v" << view << " n=" << numRoutes << " best=" << best << " hold=" << hold << "}";
        return os.str();
    }

    /// \return a pulled record formatted as ExpectedDest::Format()
    static std::string Format(const RtmDestInfo& d)
    {
        std::ostringstream os;
        os << d.destAddress.ToString();
        for (const auto& v : d.viewInfo)
        {
            os << " " << FormatView(v.viewId, v.numRoutes, v.route, v.holdRoute);
        }
        return os.str();
    }

    Ptr<RtmRegistration> reg; //!< the registration

  private:
    struct Expected
    {
        RtmEventType type{RtmEventType::EntityRegistered};
        RtmEntityHandle entity;
        RtmRouteHandle route;
        RtmNotifyHandle notify;
        uint64_t context{0};
        RtmStatus reply{RtmStatus::Success};
        std::function<void(const RtmEvent&)> action;
        std::string text;
    };

    static std::string Describe(RtmEventType t,
                                RtmEntityHandle e,
                                RtmRouteHandle r,
                                RtmNotifyHandle n,
                                uint64_t ctx)
    {
        std::ostringstream os;
        os << RtmEventTypeName(t) << "(";
        switch (t)
        {
        case RtmEventType::EntityRegistered:
        case RtmEventType::EntityDeregistered:
            os << "entity=" << e;
            break;
        case RtmEventType::RouteExpired:
            os << "route=" << r;
            break;
        case RtmEventType::ChangeNotification:
            os << "notify=" << n << " context=" << ctx;
            break;
        }
        os << ")";
        return os.str();
    }

    static std::string Join(const std::vector<std::string>& v)
    {
        std::string out;
        for (const auto& s : v)
        {
            out += s + "\n";
        }
        return out;
    }

    /// Owner of each reported best route must be that route's owner.
    void CheckOwners(const RtmDestInfo& d, const std::string& where)
    {
        for (const auto& v : d.viewInfo)
        {
            if (v.route.IsNull())
            {
                EXPECT_TRUE(v.owner.IsNull()) << "[" << m_name << "] " << where;
                continue;
            }
            RtmRouteInfo info;
            if (reg->GetRouteInfo(v.route, &info) == RtmStatus::Success)
            {
                EXPECT_EQ(v.owner, info.routeOwner) << "[" << m_name << "] " << where;
            }
        }
    }

    RtmStatus OnEvent(const RtmEvent& e)
    {
        std::string got = Describe(e.type, e.entity, e.route, e.notify, e.notifyContext);
        m_received.push_back(got);
        if (m_expected.empty())
        {
            ADD_FAILURE() << "[" << m_name << "] unexpected event " << got;
            return RtmStatus::Success;
        }
        Expected x = m_expected.front();
        m_expected.pop_front();
        bool match = x.type == e.type;
        if (match)
        {
            switch (e.type)
            {
            case RtmEventType::EntityRegistered:
            case RtmEventType::EntityDeregistered:
                match = x.entity == e.entity && e.entityInfo.entityId.EntityId() != 0;
                break;
            case RtmEventType::RouteExpired:
                match = x.route == e.route;
                break;
            case RtmEventType::ChangeNotification:
                match = x.notify == e.notify && x.context == e.notifyContext;
                break;
            }
        }
        if (!match)
        {
            ADD_FAILURE() << "[" << m_name << "] expected event " << x.text << ", got " << got;
            return RtmStatus::Success;
        }
        if (x.action)
        {
            x.action(e);
        }
        return x.reply;
    }

    std::string m_name;                                                   //!< for messages
    RtmRegnProfile m_profile;                                             //!< profile
    std::deque<Expected> m_expected;                                      //!< event script
    std::vector<std::string> m_received;                                  //!< events received
    std::map<RtmNotifyHandle, std::vector<ExpectedDest>> m_expectedDests; //!< per registration
};

} // namespace rtmtest

#endif /* RTM_MOCK_CLIENT_H */
