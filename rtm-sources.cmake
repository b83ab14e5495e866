# The file lists of the rtm module, shared by the in-tree (build_lib) and out-of-tree builds.
set(rtm_sources
    model/rtm-status.cc
    model/rtm-net-address.cc
)
set(rtm_headers
    model/rtm-status.h
    model/rtm-net-address.h
    model/rtm-handle.h
    model/rtm-types.h
    model/rtm-family.h
)
# GoogleTest sources: built into the rtm-gtest executable (CTest) and, in an ns-3 tree, into the
# rtm test library behind the TestSuite "rtm".
set(rtm_gtest_sources
    test/rtm-net-address-test.cc
)
