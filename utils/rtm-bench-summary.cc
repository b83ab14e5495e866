/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench summary: the figure store and its printing.
 */
#include "rtm-bench-summary.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

namespace ns3
{

namespace
{

std::mutex&
RegistryMutex()
{
    static std::mutex m;
    return m;
}

std::map<std::string, double>&
Registry()
{
    static std::map<std::string, double> r;
    return r;
}

/// Declared ratios: key -> (numerator key, denominator key).
std::map<std::string, std::pair<std::string, std::string>>&
Ratios()
{
    static std::map<std::string, std::pair<std::string, std::string>> r;
    return r;
}

std::string
FormatValue(double v)
{
    char buf[64];
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e18)
    {
        std::snprintf(buf, sizeof(buf), "%.0f", v);
        return buf;
    }
    std::snprintf(buf, sizeof(buf), "%.3f", v);
    std::string s(buf);
    if (s.find('.') != std::string::npos)
    {
        while (s.back() == '0')
        {
            s.pop_back();
        }
        if (s.back() == '.')
        {
            s.pop_back();
        }
    }
    return s;
}

} // namespace

void
RtmBenchReport(const std::string& key, double value)
{
    std::lock_guard<std::mutex> lock(RegistryMutex());
    Registry()[key] = value;
}

void
RtmBenchRatio(const std::string& key, const std::string& numerator, const std::string& denominator)
{
    std::lock_guard<std::mutex> lock(RegistryMutex());
    Ratios()[key] = {numerator, denominator};
}

void
RtmBenchPrintSummary(std::ostream& os)
{
    std::lock_guard<std::mutex> lock(RegistryMutex());
    std::map<std::string, double> figures = Registry();
    for (const auto& [key, terms] : Ratios())
    {
        auto n = figures.find(terms.first);
        auto d = figures.find(terms.second);
        if (n != figures.end() && d != figures.end() && d->second > 0)
        {
            figures[key] = n->second / d->second;
        }
    }
    os << "summary:\n";
    for (const auto& [key, value] : figures)
    {
        os << key << ": " << FormatValue(value) << "\n";
    }
    os.flush();
}

std::string
RtmBenchDataDir()
{
    const char* env = std::getenv("RTM_SHARED_DATA");
    std::string dir = env != nullptr && *env != '\0' ? env : RTM_SHARED_DATA;
    while (dir.size() > 1 && dir.back() == '/')
    {
        dir.pop_back();
    }
    return dir;
}

} // namespace ns3
