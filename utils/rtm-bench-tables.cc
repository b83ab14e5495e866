/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the shared reference tables, FIBs and query streams (see rtm-bench-tables.h).
 */
#include "rtm-bench-tables.h"

#include "rtm-bench-summary.h"

#include "ns3/rtm-table-file.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>
#include <random>
#include <time.h>
#include <unordered_map>

namespace ns3
{

const char* const kRtmBenchTable2014 = "ipasn_20140513.dat.gz";
const char* const kRtmBenchTable2015 = "ipasn6_20151101.dat.gz";

const RtmBenchTable&
RtmBenchLoadTable(const std::string& name)
{
    static std::map<std::string, RtmBenchTable> cache;
    auto it = cache.find(name);
    if (it != cache.end())
    {
        return it->second;
    }
    RtmBenchTable& t = cache[name];
    std::string path = RtmBenchDataDir() + "/tables/" + name;
    if (!std::filesystem::exists(path))
    {
        t.message = "reference table " + path + " is absent (set RTM_SHARED_DATA)";
        return t;
    }
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    if (!RtmTableFile::Read(path, entries, rejected, errors))
    {
        t.message = "cannot read " + path;
        return t;
    }
    std::unordered_map<uint32_t, uint32_t> asnValue;
    for (const auto& e : entries)
    {
        uint32_t v =
            asnValue.emplace(e.asn, static_cast<uint32_t>(asnValue.size() + 1)).first->second;
        if (e.prefix.addressFamily == RTM_AF_INET)
        {
            t.v4.emplace_back(RtmKeyOps<RtmIpv4Family>::FromNetAddress(e.prefix),
                              static_cast<uint8_t>(e.prefix.numBits));
            t.v4Values.push_back(v);
        }
        else
        {
            t.v6.emplace_back(RtmKeyOps<RtmIpv6Family>::FromNetAddress(e.prefix),
                              static_cast<uint8_t>(e.prefix.numBits));
            t.v6Values.push_back(v);
        }
    }
    t.ok = true;
    return t;
}

const RtmFib4&
RtmBenchFib4(const std::string& name)
{
    static std::map<std::string, RtmFib4> cache;
    auto it = cache.find(name);
    if (it == cache.end())
    {
        it = cache.emplace(name, RtmFib4()).first;
        const RtmBenchTable& t = RtmBenchLoadTable(name);
        RtmBenchFill(it->second, t.v4, t.v4Values);
    }
    return it->second;
}

const RtmFib6&
RtmBenchFib6(const std::string& name)
{
    static std::map<std::string, RtmFib6> cache;
    auto it = cache.find(name);
    if (it == cache.end())
    {
        it = cache.emplace(name, RtmFib6()).first;
        const RtmBenchTable& t = RtmBenchLoadTable(name);
        RtmBenchFill(it->second, t.v6, t.v6Values);
    }
    return it->second;
}

const std::vector<uint32_t>&
RtmBenchIpv4Addresses()
{
    static std::vector<uint32_t> addresses;
    if (addresses.empty())
    {
        addresses.resize(kRtmBenchAddresses);
        std::mt19937 rng(4);
        for (auto& a : addresses)
        {
            a = rng();
        }
    }
    return addresses;
}

const std::vector<RtmBenchTable::Key6>&
RtmBenchIpv6Addresses(const RtmBenchTable& t)
{
    typedef RtmBenchTable::Key6 Key6;
    static std::map<const RtmBenchTable*, std::vector<Key6>> cache;
    std::vector<Key6>& addresses = cache[&t];
    if (addresses.empty() && !t.v6.empty())
    {
        addresses.resize(kRtmBenchAddresses);
        std::mt19937_64 rng(6);
        for (std::size_t i = 0; i < addresses.size(); ++i)
        {
            Key6 r = (static_cast<Key6>(rng()) << 64) | rng();
            if (i % 2 == 0)
            {
                // Uniform in 2000::/3.
                addresses[i] = (Key6(1) << 125) | (r & ~RtmKeyOps<RtmIpv6Family>::Mask(3));
            }
            else
            {
                auto [p, len] = t.v6[rng() % t.v6.size()];
                addresses[i] = p | (r & ~RtmKeyOps<RtmIpv6Family>::Mask(len));
            }
        }
    }
    return addresses;
}

std::vector<std::size_t>
RtmBenchChurnPick(std::size_t n)
{
    std::mt19937 rng(3);
    std::vector<std::size_t> pick(n);
    std::iota(pick.begin(), pick.end(), std::size_t(0));
    std::shuffle(pick.begin(), pick.end(), rng);
    pick.resize(pick.size() / 10);
    return pick;
}

namespace
{

template <typename F>
uint64_t
Pass(const RtmFib<F>& fib, const std::vector<typename F::Key>& addresses)
{
    uint64_t sum = 0;
    for (const auto& a : addresses)
    {
        sum += fib.Lookup(a);
    }
    return sum;
}

template <typename F>
uint64_t
BurstPass(const RtmFib<F>& fib,
          const std::vector<typename F::Key>& addresses,
          uint32_t* out,
          unsigned burst)
{
    uint64_t sum = 0;
    for (std::size_t i = 0; i + burst <= addresses.size(); i += burst)
    {
        for (unsigned k = 0; k < burst; ++k)
        {
            out[i + k] = fib.Lookup(addresses[i + k]);
        }
        sum += out[i];
    }
    return sum;
}

} // namespace

uint64_t
RtmBenchFibPass(const RtmFib4& fib, const std::vector<uint32_t>& addresses)
{
    return Pass(fib, addresses);
}

uint64_t
RtmBenchFibPass(const RtmFib6& fib, const std::vector<RtmBenchTable::Key6>& addresses)
{
    return Pass(fib, addresses);
}

uint64_t
RtmBenchFibBurstPass(const RtmFib4& fib,
                     const std::vector<uint32_t>& addresses,
                     uint32_t* out,
                     unsigned burst)
{
    return BurstPass(fib, addresses, out, burst);
}

uint64_t
RtmBenchFibBurstPass(const RtmFib6& fib,
                     const std::vector<RtmBenchTable::Key6>& addresses,
                     uint32_t* out,
                     unsigned burst)
{
    return BurstPass(fib, addresses, out, burst);
}

double
RtmBenchThreadSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

RtmBenchWatchers::RtmBenchWatchers(Ptr<RtmInstance> inst, uint32_t firstProtocolId)
{
    const uint32_t types[] = {RTM_CHANGE_TYPE_ALL,
                              RTM_CHANGE_TYPE_BEST,
                              RTM_CHANGE_TYPE_FORWARDING};
    for (uint32_t i = 0; i < 3; ++i)
    {
        RtmEntityInfo info;
        info.addressFamily = RTM_AF_INET;
        info.entityId.entityProtocolId = firstProtocolId + i;
        RtmRegnProfile profile;
        Ptr<RtmRegistration> reg;
        inst->RegisterEntity(info, {}, RtmEventCallback(), false, profile, reg);
        RtmNotifyHandle h;
        reg->RegisterForChangeNotification(RTM_VIEW_MASK_UCAST, types[i], 0, h);
        m_regs.push_back(reg);
        m_notifies.push_back(h);
    }
}

RtmBenchWatchers::~RtmBenchWatchers()
{
    Deregister();
}

void
RtmBenchWatchers::Deregister()
{
    for (auto& r : m_regs)
    {
        r->Deregister();
    }
    m_regs.clear();
    m_notifies.clear();
}

uint64_t
RtmBenchWatchers::Drain()
{
    uint64_t pulled = 0;
    for (uint32_t i = 0; i < m_regs.size(); ++i)
    {
        RtmStatus st;
        do
        {
            uint32_t num = 256;
            st = m_regs[i]->GetChangedDests(m_notifies[i], num, m_dests);
            pulled += num;
        } while (st == RtmStatus::Success);
    }
    return pulled;
}

} // namespace ns3
