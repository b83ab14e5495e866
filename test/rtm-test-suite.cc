/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the ns-3 TestSuites of the module (in an ns-3 tree: ./test.py -s rtm-<area>).
 *
 * The checks are GoogleTest cases, compiled into the same test library (out of tree the same
 * sources form the rtm-gtest executable run by CTest), so test.py and CTest run the same checks.
 * Each area of rtm-sources.cmake (rtm_test_areas: table, fib, notify, differential, forwarding,
 * rip, clients, graph, mcast, topology, tables, bgp, ospf) is one TestSuite "rtm-<area>" with one
 * TestCase of the area's duration, which runs the GoogleTest cases defined in the area's files. The
 * build passes the areas as RTM_TEST_AREAS ("area:DURATION:file.cc,file.cc|..."). The suite
 * "rtm-areas" fails when a GoogleTest case is defined in a file of no area (it would run nowhere).
 */
#include "ns3/rtm-ns3-compat.h"
#include "ns3/test.h"

#include <gtest/gtest.h>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef RTM_TEST_AREAS
#error "RTM_TEST_AREAS is defined by the build (CMakeLists.txt or wscript) from rtm-sources.cmake"
#endif

using namespace ns3;

namespace
{

/// One area: its name, duration (0 quick, 1 extensive, 2 takes forever) and file names.
struct Area
{
    std::string name;            //!< area name (the suite is rtm-<name>)
    int duration;                //!< 0 QUICK, 1 EXTENSIVE, 2 TAKES_FOREVER
    std::set<std::string> files; //!< base names of the area's test files
};

/// \return \p s split at \p sep
std::vector<std::string>
Split(const std::string& s, char sep)
{
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string part;
    while (std::getline(in, part, sep))
    {
        if (!part.empty())
        {
            out.push_back(part);
        }
    }
    return out;
}

/// \return the areas given by the build
std::vector<Area>
Areas()
{
    std::vector<Area> areas;
    for (const std::string& a : Split(RTM_TEST_AREAS, '|'))
    {
        std::vector<std::string> f = Split(a, ':');
        NS_ABORT_MSG_IF(f.size() < 2, "malformed RTM_TEST_AREAS entry " << a);
        Area area;
        area.name = f[0];
        area.duration = f[1] == "QUICK" ? 0 : (f[1] == "EXTENSIVE" ? 1 : 2);
        if (f.size() > 2)
        {
            for (const std::string& file : Split(f[2], ','))
            {
                area.files.insert(file);
            }
        }
        areas.push_back(area);
    }
    return areas;
}

/// \return the base name of a path
std::string
BaseName(const std::string& path)
{
    std::string::size_type slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Makes sure GoogleTest is initialised once in this process.
void
InitGoogleTestOnce()
{
    static bool done = false;
    if (!done)
    {
        int argc = 1;
        char name[] = "rtm";
        char* argv[] = {name, nullptr};
        testing::InitGoogleTest(&argc, argv);
        done = true;
    }
}

/// \return "Suite.Name:..." for every GoogleTest case whose file is in \p files (or, with
/// \p complement, in none of them); \p count receives their number
std::string
FilterFor(const std::set<std::string>& files, bool complement, int& count)
{
    std::string filter;
    count = 0;
    testing::UnitTest* unit = testing::UnitTest::GetInstance();
    for (int i = 0; i < unit->total_test_suite_count(); ++i)
    {
        const testing::TestSuite* suite = unit->GetTestSuite(i);
        for (int j = 0; j < suite->total_test_count(); ++j)
        {
            const testing::TestInfo* info = suite->GetTestInfo(j);
            bool in = files.count(BaseName(info->file())) > 0;
            if (in != complement)
            {
                filter +=
                    (filter.empty() ? "" : ":") + std::string(suite->name()) + "." + info->name();
                ++count;
            }
        }
    }
    return filter;
}

/**
 * \ingroup rtm
 * Runs the GoogleTest cases of one area and fails if one fails.
 */
class RtmAreaTestCase : public TestCase
{
  public:
    /// \param area the area
    explicit RtmAreaTestCase(const Area& area)
        : TestCase("GoogleTest cases of rtm area " + area.name),
          m_area(area)
    {
    }

  private:
    void DoRun() override
    {
        InitGoogleTestOnce();
        int count = 0;
        std::string filter = FilterFor(m_area.files, false, count);
        NS_TEST_ASSERT_MSG_GT(count, 0, "area " << m_area.name << " has no GoogleTest case");
        testing::GTEST_FLAG(filter) = filter;
        int failed = RUN_ALL_TESTS();
        NS_TEST_ASSERT_MSG_EQ(failed, 0, "GoogleTest cases failed (see the output above)");
    }

    Area m_area; //!< the area
};

/**
 * \ingroup rtm
 * Fails when a GoogleTest case is defined in a file that belongs to no area.
 */
class RtmAreasTestCase : public TestCase
{
  public:
    RtmAreasTestCase()
        : TestCase("every GoogleTest case belongs to an area")
    {
    }

  private:
    void DoRun() override
    {
        std::set<std::string> all;
        for (const Area& a : Areas())
        {
            all.insert(a.files.begin(), a.files.end());
        }
        int count = 0;
        std::string outside = FilterFor(all, true, count);
        NS_TEST_ASSERT_MSG_EQ(count,
                              0,
                              "GoogleTest cases in files of no area (rtm-sources.cmake, "
                              "rtm_test_areas): "
                                  << outside);
    }
};

/**
 * \ingroup rtm
 * The TestSuite of one area.
 */
class RtmAreaTestSuite : public TestSuite
{
  public:
    /// \param area the area
    explicit RtmAreaTestSuite(const Area& area)
        : TestSuite("rtm-" + area.name, RtmTestUnit())
    {
        AddTestCase(new RtmAreaTestCase(area),
                    area.duration == 0
                        ? RtmTestQuick()
                        : (area.duration == 1 ? RtmTestExtensive() : RtmTestTakesForever()));
    }
};

/**
 * \ingroup rtm
 * The TestSuite checking the areas themselves.
 */
class RtmAreasTestSuite : public TestSuite
{
  public:
    RtmAreasTestSuite()
        : TestSuite("rtm-areas", RtmTestUnit())
    {
        AddTestCase(new RtmAreasTestCase(), RtmTestQuick());
    }
};

/// The suites, made when the test library is loaded.
struct RtmSuites
{
    RtmSuites()
    {
        for (const Area& a : Areas())
        {
            suites.push_back(std::make_unique<RtmAreaTestSuite>(a));
        }
    }

    std::vector<std::unique_ptr<RtmAreaTestSuite>> suites; //!< one per area
    RtmAreasTestSuite areas;                               //!< the area check
};

RtmSuites g_rtmSuites; //!< the suite instances

} // namespace
