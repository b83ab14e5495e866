/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench summary: figures recorded by the benchmarks and printed at the end as `name: value`.
 */
#ifndef RTM_BENCH_SUMMARY_H
#define RTM_BENCH_SUMMARY_H

#include <ostream>
#include <string>

/**
 * \file
 * The figures of the rtm-bench program: every benchmark reports its key figures here, and main()
 * prints them after the Google Benchmark output, one `key: value` line each, under `summary:`.
 */

namespace ns3
{

/**
 * \brief Record a figure (a later report of the same key replaces the earlier one).
 * \param key the figure's name, e.g. "fib_lookups_per_s_ipv4"
 * \param value its value
 */
void RtmBenchReport(const std::string& key, double value);

/**
 * \brief Declare a ratio printed with the summary: value(numerator) / value(denominator), for
 *        two figures that different benchmarks of the same run report (printed only when both
 *        were reported and the denominator is positive).
 * \param key the ratio's name, e.g. "ratio_load_vs_rte_fib"
 * \param numerator the key of the numerator
 * \param denominator the key of the denominator
 */
void RtmBenchRatio(const std::string& key,
                   const std::string& numerator,
                   const std::string& denominator);

/**
 * \brief Print `summary:` then one `key: value` line per figure and declared ratio, in key order;
 * integral values without decimals, others with up to 3 decimals. \param os the stream
 */
void RtmBenchPrintSummary(std::ostream& os);

/**
 * \brief The shared reference data folder: the environment variable RTM_SHARED_DATA if set,
 *        else the compile definition RTM_SHARED_DATA.
 * \return the folder (without a trailing slash)
 */
std::string RtmBenchDataDir();

} // namespace ns3

#endif /* RTM_BENCH_SUMMARY_H */
