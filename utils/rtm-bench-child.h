/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: running rtm-sim-bench in a fresh process, with a time cap, and reading its figures.
 */
#ifndef RTM_BENCH_CHILD_H
#define RTM_BENCH_CHILD_H

#include <map>
#include <string>
#include <vector>

/**
 * \file
 * Why a fresh process (posix_spawn + exec) and not a fork: a forked child starts with the
 * parent's resident pages (its page tables are copied), and even after an exec the kernel's
 * ru_maxrss of the child keeps the high-water mark of the address space it replaced. Only the
 * child's own VmHWM (/proc/self/status), which rtm-sim-bench prints last, counts the program's
 * memory alone; for a child stopped at the time cap it is read from /proc/PID/status just before
 * the child is killed.
 */

namespace ns3
{

/// What a run of rtm-sim-bench reported.
struct RtmBenchChild
{
    bool finished{false};                      //!< exited with status 0 and printed total_s
                                               //!< (or peak_rss_mb with --populateOnly)
    bool capped{false};                        //!< stopped by the time or address-space cap
    std::string error;                         //!< why not finished
    std::map<std::string, std::string> values; //!< its `key value` lines

    /// \return a value as a number (0 if absent)
    double Get(const std::string& key) const;
};

/**
 * \brief Run rtm-sim-bench (the program next to this one) with \p args.
 *
 * A child still running after \p capS seconds is killed: capped, values total_s = \p capS and
 * peak_rss_mb = its VmHWM then. The address-space cap is passed as --memCapMb=\p memCapMb
 * (exit status 3: capped, peak_rss_mb = \p memCapMb).
 * \param args the arguments (without the program)
 * \param capS the time cap in seconds
 * \param memCapMb the address-space cap in MB (0: none)
 * \return what it reported
 */
RtmBenchChild RtmBenchRunSimBench(const std::vector<std::string>& args,
                                  unsigned capS,
                                  unsigned memCapMb);

/**
 * \brief A figure of a process's status file in MB.
 * \param pid the process (0: this one, /proc/self/status)
 * \param field the field with its colon, e.g. "VmHWM:" (a value in kB)
 * \return the value in MB, 0 if absent or unreadable
 */
double RtmBenchStatusMb(int pid, const std::string& field);

/// \return the environment variable \p name as a positive number, else \p fallback
unsigned RtmBenchEnvUnsigned(const char* name, unsigned fallback);

} // namespace ns3

#endif /* RTM_BENCH_CHILD_H */
