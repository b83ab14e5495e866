# SPDX-License-Identifier: GPL-2.0-only
# The GoogleTest cases under the sanitizers (`make sanitize`, RTM_SANITIZE=ON): included by
# test/CMakeLists.txt. ASan and UBSan make the code 2-10x slower, so the few cases that run
# minutes in the plain build are replaced here by reduced runs of the same code, to keep CI
# (make test, then make sanitize) well under 30 minutes on 2 cores:
#  - the two million-operation differential tests: RTM_SANITIZE_DIFF_OPS operations of one
#    seed each (RTM_DIFF_SEED / RTM_DIFF_OPS, the test's own reproduction switches);
#  - RtmRegistrationTest.AtMost65535Clients: left out (65,535 registrations, each announced to
#    every earlier client: minutes of the same registration path the other registration cases
#    run under the sanitizers).
# The plain build (make test) runs all of them in full.
set(RTM_SANITIZE_DIFF_OPS 50000 CACHE STRING
    "Operations of each reduced differential test in the sanitizer build")
set(rtm_gtest_discover_options
    TEST_FILTER "-Differential*.MillionRandomOperations*:RtmRegistrationTest.AtMost65535Clients")
foreach(family Ipv4:1 Ipv6:1001)
  string(REPLACE ":" ";" pair ${family})
  list(GET pair 0 name)
  list(GET pair 1 seed)
  add_test(NAME Differential${name}.ReducedUnderSanitizers
           COMMAND rtm-gtest --gtest_filter=Differential${name}.MillionRandomOperations*)
  set_tests_properties(Differential${name}.ReducedUnderSanitizers PROPERTIES
    ENVIRONMENT "RTM_DIFF_SEED=${seed};RTM_DIFF_OPS=${RTM_SANITIZE_DIFF_OPS}"
    FAIL_REGULAR_EXPRESSION "\\[  FAILED  \\]"
    TIMEOUT 1200)
endforeach()
