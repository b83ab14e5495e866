/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the reference tables and query streams shared by the FIB benchmarks and the peers
 * they are compared with in the same run (bench-fib.cc, bench-dpdk.cc, bench-core.cc).
 */
#ifndef RTM_BENCH_TABLES_H
#define RTM_BENCH_TABLES_H

#include "ns3/rtm-fib.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-registration.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * One definition of what the lookup, load and churn benchmarks feed every implementation: the
 * prefixes of a RouteViews table file with their values (origin ASNs mapped onto 1..N in order
 * of first appearance), the random address streams, and the churn sample. rtm's FIB and DPDK's
 * rte_lpm / rte_fib / rte_lpm6 are measured on exactly these, so their figures are comparable.
 */

namespace ns3
{

/// The 2014 RouteViews IPv4 table (pyasn format, gzip).
extern const char* const kRtmBenchTable2014;
/// The 2015 RouteViews table (606,138 IPv4 and 27.7k IPv6 prefixes).
extern const char* const kRtmBenchTable2015;
/// Addresses per lookup pass (4 MiB of IPv4 addresses).
constexpr std::size_t kRtmBenchAddresses = 1 << 20;

/// The prefixes of one table file, with their values, in file order.
struct RtmBenchTable
{
    typedef RtmIpv6Family::Key Key6; //!< an IPv6 address as an integer

    bool ok{false};                               //!< the file was read
    std::string message;                          //!< why not
    std::vector<std::pair<uint32_t, uint8_t>> v4; //!< IPv4 prefixes
    std::vector<uint32_t> v4Values;               //!< their values
    std::vector<std::pair<Key6, uint8_t>> v6;     //!< IPv6 prefixes
    std::vector<uint32_t> v6Values;               //!< their values
};

/**
 * \brief The table of a file of RtmBenchDataDir()/tables (read once, then cached).
 * \param name the file name, e.g. kRtmBenchTable2015
 * \return the table (ok false, with a message, if the file is absent or unreadable)
 */
const RtmBenchTable& RtmBenchLoadTable(const std::string& name);

/**
 * \brief Insert prefixes with their values into a FIB, in order, then Sync() it.
 * \param fib the FIB
 * \param prefixes (prefix, length) pairs
 * \param values one value per prefix
 */
template <typename F, typename P>
void
RtmBenchFill(RtmFib<F>& fib, const P& prefixes, const std::vector<uint32_t>& values)
{
    for (std::size_t i = 0; i < prefixes.size(); ++i)
    {
        fib.Insert(prefixes[i].first, prefixes[i].second, values[i]);
    }
    fib.Sync();
}

/// \return the IPv4 FIB of a table file, Sync()ed (built once)
const RtmFib4& RtmBenchFib4(const std::string& name);

/// \return the IPv6 FIB of a table file, Sync()ed (built once)
const RtmFib6& RtmBenchFib6(const std::string& name);

/// \return kRtmBenchAddresses uniformly random IPv4 addresses (std::mt19937, seed 4; one copy)
const std::vector<uint32_t>& RtmBenchIpv4Addresses();

/**
 * \brief kRtmBenchAddresses IPv6 addresses for a table (std::mt19937_64, seed 6): even ones
 * uniform in 2000::/3, odd ones inside a random prefix of the table (one copy per table).
 * \param t the table (its v6 prefixes must not be empty)
 * \return the addresses
 */
const std::vector<RtmBenchTable::Key6>& RtmBenchIpv6Addresses(const RtmBenchTable& t);

/**
 * \brief The churn sample: a random 10 % of the indices 0..n-1 (std::shuffle with
 * std::mt19937 seed 3, the first n / 10).
 * \param n the number of routes
 * \return the picked indices
 */
std::vector<std::size_t> RtmBenchChurnPick(std::size_t n);

/**
 * \brief One pass of single-address lookups over \p addresses (one Lookup() call each). Compiled
 * in rtm-bench-tables.cc with rtm's own flags, so every benchmark times the same code.
 * \param fib the FIB
 * \param addresses the stream
 * \return the sum of the answers (so that nothing is optimised away)
 */
uint64_t RtmBenchFibPass(const RtmFib4& fib, const std::vector<uint32_t>& addresses);
/// \copydoc RtmBenchFibPass(const RtmFib4&, const std::vector<uint32_t>&)
uint64_t RtmBenchFibPass(const RtmFib6& fib, const std::vector<RtmBenchTable::Key6>& addresses);

/**
 * \brief One pass in bursts: the answers for each \p burst consecutive addresses are written to
 * \p out (rtm has no bulk call: the burst is the same loop, what a caller of a bulk API gets).
 * \param fib the FIB
 * \param addresses the stream (its size a multiple of \p burst)
 * \param out the answers, one per address
 * \param burst addresses per burst
 * \return the sum of the first answer of each burst
 */
uint64_t RtmBenchFibBurstPass(const RtmFib4& fib,
                              const std::vector<uint32_t>& addresses,
                              uint32_t* out,
                              unsigned burst);
/// \copydoc RtmBenchFibBurstPass(const RtmFib4&, const std::vector<uint32_t>&, uint32_t*, unsigned)
uint64_t RtmBenchFibBurstPass(const RtmFib6& fib,
                              const std::vector<RtmBenchTable::Key6>& addresses,
                              uint32_t* out,
                              unsigned burst);

/// \return the CPU time of the calling thread in seconds (like Google Benchmark's CPU time, it
///         leaves out the time other processes hold the core: the machine may be shared)
double RtmBenchThreadSeconds();

/**
 * Three clients of an instance's IPv4 table, each with one unicast change-notification
 * registration of another type (ALL, BEST, FORWARDING): what the churn benchmarks pull after
 * every batch. Deregistered when destroyed.
 */
class RtmBenchWatchers
{
  public:
    /// Registers the three clients (protocol ids \p firstProtocolId to + 2) in \p inst.
    RtmBenchWatchers(Ptr<RtmInstance> inst, uint32_t firstProtocolId);
    ~RtmBenchWatchers();
    /// Pulls every pending change of the three registrations. \return the destinations pulled
    uint64_t Drain();
    /// Deregisters the three clients (at once; else when destroyed).
    void Deregister();

    /// \return the first client (for enumerations)
    Ptr<RtmRegistration> First() const
    {
        return m_regs[0];
    }

  private:
    std::vector<Ptr<RtmRegistration>> m_regs; //!< the clients
    std::vector<RtmNotifyHandle> m_notifies;  //!< their registrations
    std::vector<RtmDestInfo> m_dests;         //!< scratch
};

} // namespace ns3

#endif /* RTM_BENCH_TABLES_H */
