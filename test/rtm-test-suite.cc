/*
 * rtm: the ns-3 TestSuite "rtm" (in-tree builds, ./test.py -s rtm).
 *
 * It runs the module's GoogleTest cases, which are compiled into the same test library, so
 * test.py and CTest run exactly the same checks.
 */
#include "ns3/test.h"

#include <gtest/gtest.h>

using namespace ns3;

/**
 * \ingroup rtm
 * Runs every GoogleTest case of the module and fails if one fails.
 */
class RtmGoogleTestCase : public TestCase
{
  public:
    RtmGoogleTestCase()
        : TestCase("rtm GoogleTest cases")
    {
    }

  private:
    void DoRun() override
    {
        int argc = 1;
        char name[] = "rtm";
        char* argv[] = {name, nullptr};
        testing::InitGoogleTest(&argc, argv);
        int failed = RUN_ALL_TESTS();
        NS_TEST_ASSERT_MSG_EQ(failed, 0, "GoogleTest cases failed (see the output above)");
    }
};

/**
 * \ingroup rtm
 * The rtm test suite.
 */
class RtmTestSuite : public TestSuite
{
  public:
    RtmTestSuite()
        : TestSuite("rtm", UNIT)
    {
        AddTestCase(new RtmGoogleTestCase(), TestCase::QUICK);
    }
};

static RtmTestSuite g_rtmTestSuite; //!< the suite instance
