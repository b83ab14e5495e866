/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: every difference between the ns-3 releases the module builds against (3.35 with waf,
 * 3.37 as packaged by Debian 12, 3.48 in a source tree), in one place.
 *
 * The rest of the module writes version-neutral code through these names:
 *  - RtmSchedule / RtmScheduleWithContext / RtmScheduleNow: schedule any callable (a lambda
 *    above all). ns-3 <= 3.35 accepts only function and member-function pointers; the callable
 *    is wrapped here into an EventImpl, which every release accepts. This is THE way to schedule
 *    a lambda in rtm (plain Simulator::Schedule(delay, lambda) does not build on 3.35).
 *  - RtmMakeCallback<R, Args...>(f), RtmAsCallback<CallbackType>(f): an ns-3 Callback made from
 *    a lambda (3.36 added that constructor; 3.35 has only the functor form, which also needs
 *    operator!= on the functor).
 *  - RtmIsPending(event): EventId::IsRunning was renamed IsPending in 3.42 and removed in 3.46.
 *  - RtmMakeEnumAccessor<E>(&C::m): MakeEnumAccessor takes the enum type as its first template
 *    argument since 3.41 and deduces everything before.
 *  - RtmRouteInputCb<Base, N>: the type of RouteInput's N-th callback parameter in the
 *    Ipv4RoutingProtocol/Ipv6RoutingProtocol of the release at hand (by value up to 3.38, by
 *    const reference since 3.39); forwarding planes declare their override with it.
 *  - RtmIpv6DecidesLocalDelivery() / RtmIpv6UseWeakEndSystem(ipv6): since 3.41 the IPv6
 *    layer itself decides whether a packet for one of the node's addresses is delivered, before
 *    RouteInput: with its strong end-system model (the default) it drops such a packet when it
 *    arrives on another interface than the address's. Up to 3.40 the packet went on to
 *    RouteInput, where rtm delivers it if the address is in the arrival interface's instance.
 *    rtm's IPv6 routers select the weak model there (decision 28).
 *  - RTM_NS3_GLOBAL_ROUTING_H: the header declaring Ipv4GlobalRouting (ipv4-global-routing.h up
 *    to 3.46, global-routing.h since 3.47), for `#include RTM_NS3_GLOBAL_ROUTING_H`.
 *  - RtmTestQuick / RtmTestExtensive / RtmTestTakesForever, RtmTestUnit / RtmTestSystem: the
 *    TestCase duration and TestSuite type spellings (plain enums up to 3.41, scoped since;
 *    templates so that only a file that includes ns3/test.h instantiates them).
 * Each is chosen by what the ns-3 headers at hand declare (overload resolution on what
 * compiles), not by a version number: no build-time definition is needed, so a user's script
 * that includes an rtm header gets the same answer as the library did.
 * What cannot be decided in C++ lives in the one version block of CMakeLists.txt (target names
 * ns3::libX or ns3::X, the C++ standard) and in wscript (3.35).
 */
#ifndef RTM_NS3_COMPAT_H
#define RTM_NS3_COMPAT_H

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/enum.h"
#include "ns3/event-id.h"
#include "ns3/event-impl.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"

#include <tuple>
#include <type_traits>
#include <utility>

/// The header declaring Ipv4GlobalRouting in this ns-3 release.
#if __has_include("ns3/global-routing.h")
#define RTM_NS3_GLOBAL_ROUTING_H "ns3/global-routing.h"
#else
#define RTM_NS3_GLOBAL_ROUTING_H "ns3/ipv4-global-routing.h"
#endif

namespace ns3
{

class TestCase;
class TestSuite;

namespace rtmcompat
{

/// Overload ranking: a call with Prefer<1> tries the Prefer<1> overload first, then Prefer<0>.
template <int N>
struct Prefer : Prefer<N - 1>
{
};

/// The end of the ranking.
template <>
struct Prefer<0>
{
};

/**
 * \ingroup rtm
 * An EventImpl that runs a callable once.
 * \tparam F the callable's type (called without arguments)
 */
template <class F>
class FunctorEvent : public EventImpl
{
  public:
    /// \param f the callable
    explicit FunctorEvent(F f)
        : m_f(std::move(f))
    {
    }

  private:
    void Notify() override
    {
        m_f();
    }

    F m_f; //!< the callable
};

/// \return a new event running \p f (reference count 1, owned by the caller)
template <class F>
EventImpl*
MakeFunctorEvent(F&& f)
{
    return new FunctorEvent<std::decay_t<F>>(std::forward<F>(f));
}

/**
 * A callable that ns-3.35's FunctorCallbackImpl accepts: it compares functors with operator!=,
 * which lambdas lack. Two distinct callbacks made from lambdas never compare equal.
 */
template <class F>
struct Functor
{
    F f; //!< the wrapped callable

    /// Calls the callable.
    template <class... A>
    decltype(auto) operator()(A&&... a)
    {
        return f(std::forward<A>(a)...);
    }

    /// \return true: distinct lambdas are never the same callback
    bool operator!=(const Functor&) const
    {
        return true;
    }
};

/// 3.36 and later: Callback has a constructor taking any callable.
template <class Cb, class F>
auto
MakeCb(F&& f, Prefer<1>) -> std::enable_if_t<std::is_constructible_v<Cb, std::decay_t<F>>, Cb>
{
    return Cb(std::forward<F>(f));
}

/// 3.35: the functor constructor Callback(functor, bool, bool).
template <class Cb, class F>
Cb
MakeCb(F&& f, Prefer<0>)
{
    return Cb(Functor<std::decay_t<F>>{std::forward<F>(f)}, true, true);
}

/// 3.42 and later: EventId::IsPending.
template <class E>
auto
IsPending(const E& e, Prefer<1>) -> decltype(e.IsPending())
{
    return e.IsPending();
}

/// Before 3.42: EventId::IsRunning.
template <class E>
auto
IsPending(const E& e, Prefer<0>) -> decltype(e.IsRunning())
{
    return e.IsRunning();
}

/// 3.41 and later: MakeEnumAccessor<Enum>(member).
template <class E, class M>
auto
EnumAccessor(M m, Prefer<1>) -> decltype(MakeEnumAccessor<E>(m))
{
    return MakeEnumAccessor<E>(m);
}

/// Before 3.41: MakeEnumAccessor(member).
template <class E, class M>
auto
EnumAccessor(M m, Prefer<0>) -> decltype(MakeEnumAccessor(m))
{
    return MakeEnumAccessor(m);
}

/// The parameter types of a member function pointer type.
template <class T>
struct Params;

/// \copydoc Params
template <class R, class C, class... A>
struct Params<R (C::*)(A...)>
{
    using Tuple = std::tuple<A...>; //!< the parameter types
};

/// 3.42 and later: TestCase::Duration and TestSuite::Type are scoped enums.
template <class T>
auto
Duration(int which, Prefer<1>) -> decltype(T::Duration::QUICK)
{
    return which == 0 ? T::Duration::QUICK
                      : (which == 1 ? T::Duration::EXTENSIVE : T::Duration::TAKES_FOREVER);
}

/// Before 3.42: plain enum TestCase::TestDuration.
template <class T>
auto
Duration(int which, Prefer<0>) -> decltype(T::QUICK)
{
    return which == 0 ? T::QUICK : (which == 1 ? T::EXTENSIVE : T::TAKES_FOREVER);
}

/// 3.42 and later: TestSuite::Type is a scoped enum.
template <class T>
auto
SuiteType(bool system, Prefer<1>) -> decltype(T::Type::UNIT)
{
    return system ? T::Type::SYSTEM : T::Type::UNIT;
}

/// Before 3.42: plain enum TestSuite::Type.
template <class T>
auto
SuiteType(bool system, Prefer<0>) -> decltype(T::UNIT)
{
    return system ? T::SYSTEM : T::UNIT;
}

} // namespace rtmcompat

/**
 * \ingroup rtm
 * Schedules \p f (any callable without arguments) after \p delay, in the current context.
 * \param delay the delay
 * \param f the callable
 * \return the event's id
 */
template <class F>
EventId
RtmSchedule(const Time& delay, F&& f)
{
    return Simulator::Schedule(
        delay,
        Ptr<EventImpl>(rtmcompat::MakeFunctorEvent(std::forward<F>(f)), false));
}

/**
 * \ingroup rtm
 * Schedules \p f (any callable without arguments) after \p delay in the context of node
 * \p context (the node id).
 * \param context the context (node id)
 * \param delay the delay
 * \param f the callable
 */
template <class F>
void
RtmScheduleWithContext(uint32_t context, const Time& delay, F&& f)
{
    // (ScheduleWithContext takes over the reference of a raw EventImpl.)
    Simulator::ScheduleWithContext(context, delay, rtmcompat::MakeFunctorEvent(std::forward<F>(f)));
}

/**
 * \ingroup rtm
 * Schedules \p f (any callable without arguments) now, after the events already due now.
 * \param f the callable
 * \return the event's id
 */
template <class F>
EventId
RtmScheduleNow(F&& f)
{
    return Simulator::ScheduleNow(
        Ptr<EventImpl>(rtmcompat::MakeFunctorEvent(std::forward<F>(f)), false));
}

/**
 * \ingroup rtm
 * An ns-3 Callback made from a lambda (or any callable).
 * \tparam R the return type
 * \tparam Args the argument types
 * \param f the callable
 * \return the callback
 */
template <class R, class... Args, class F>
Callback<R, Args...>
RtmMakeCallback(F&& f)
{
    return rtmcompat::MakeCb<Callback<R, Args...>>(std::forward<F>(f), rtmcompat::Prefer<1>());
}

/**
 * \ingroup rtm
 * A lambda (or any callable) as a given Callback type, e.g.
 * `RtmAsCallback<RtmEventCallback>([](const RtmEvent& e) { ... })`.
 * \tparam Cb the Callback type
 * \param f the callable
 * \return the callback
 */
template <class Cb, class F>
Cb
RtmAsCallback(F&& f)
{
    return rtmcompat::MakeCb<Cb>(std::forward<F>(f), rtmcompat::Prefer<1>());
}

/**
 * \ingroup rtm
 * \param e an event id
 * \return whether the event is still to run (not run, not cancelled)
 */
inline bool
RtmIsPending(const EventId& e)
{
    return rtmcompat::IsPending(e, rtmcompat::Prefer<1>());
}

/**
 * \ingroup rtm
 * \return true on releases (3.41 and later) whose IPv6 layer decides local delivery before
 * RouteInput: those where ns3::Ipv6 has the StrongEndSystemModel attribute (moved there from
 * Ipv6L3Protocol in 3.41, when its strong model began to drop instead of asking RouteInput; see
 * RtmIpv6UseWeakEndSystem)
 */
inline bool
RtmIpv6DecidesLocalDelivery()
{
    TypeId::AttributeInformation info;
    return TypeId::LookupByName("ns3::Ipv6").LookupAttributeByName("StrongEndSystemModel", &info);
}

/**
 * \ingroup rtm
 * Where the IPv6 layer decides local delivery itself (3.41 and later), selects its weak
 * end-system model: a packet for any of the node's addresses is delivered, whatever interface
 * it arrives on, as routers do (RFC 1122 section 3.3.4.2 leaves routers free; Linux and ns-3's
 * IPv4 default behave so). Elsewhere, does nothing: such packets reach rtm's RouteInput.
 * \param ipv6 the node's IPv6 (ns3::Ipv6)
 * \return true if the model was set, false on releases without it
 */
inline bool
RtmIpv6UseWeakEndSystem(Ptr<Object> ipv6)
{
    // (Up to 3.40 the attribute is Ipv6L3Protocol's, and its strong model hands such packets to
    // RouteInput, where rtm applies the per-instance rule: left as it is there.)
    return RtmIpv6DecidesLocalDelivery() &&
           ipv6->SetAttributeFailSafe("StrongEndSystemModel", BooleanValue(false));
}

/**
 * \ingroup rtm
 * The attribute accessor of an enum member.
 * \tparam E the enum type
 * \param m the member (or its setter/getter)
 * \return the accessor
 */
template <class E, class M>
Ptr<const AttributeAccessor>
RtmMakeEnumAccessor(M m)
{
    return rtmcompat::EnumAccessor<E>(m, rtmcompat::Prefer<1>());
}

/**
 * \ingroup rtm
 * The type of parameter \p N (0-based) of Base::RouteInput: the callbacks are passed by value up
 * to ns-3.38 and by const reference since 3.39.
 */
template <class Base, int N>
using RtmRouteInputArg =
    std::tuple_element_t<N, typename rtmcompat::Params<decltype(&Base::RouteInput)>::Tuple>;

/// \ingroup rtm
/// \return the QUICK test duration of this ns-3 release
template <class T = TestCase>
auto
RtmTestQuick()
{
    return rtmcompat::Duration<T>(0, rtmcompat::Prefer<1>());
}

/// \ingroup rtm
/// \return the EXTENSIVE test duration of this ns-3 release
template <class T = TestCase>
auto
RtmTestExtensive()
{
    return rtmcompat::Duration<T>(1, rtmcompat::Prefer<1>());
}

/// \ingroup rtm
/// \return the TAKES_FOREVER test duration of this ns-3 release
template <class T = TestCase>
auto
RtmTestTakesForever()
{
    return rtmcompat::Duration<T>(2, rtmcompat::Prefer<1>());
}

/// \ingroup rtm
/// \return the UNIT test suite type of this ns-3 release
template <class T = TestSuite>
auto
RtmTestUnit()
{
    return rtmcompat::SuiteType<T>(false, rtmcompat::Prefer<1>());
}

/// \ingroup rtm
/// \return the SYSTEM test suite type of this ns-3 release
template <class T = TestSuite>
auto
RtmTestSystem()
{
    return rtmcompat::SuiteType<T>(true, rtmcompat::Prefer<1>());
}

} // namespace ns3

#endif // RTM_NS3_COMPAT_H
