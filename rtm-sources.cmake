# The file lists of the rtm module, shared by the in-tree (build_lib) and out-of-tree builds.
set(rtm_sources
    model/rtm-status.cc
    model/rtm-net-address.cc
    model/rtm-fib.cc
    model/rtm-table-ipv4.cc
    model/rtm-table-ipv6.cc
    model/rtm-instance.cc
    model/rtm-registration.cc
    helper/rtm-table-file.cc
)
set(rtm_headers
    model/rtm-status.h
    model/rtm-net-address.h
    model/rtm-handle.h
    model/rtm-types.h
    model/rtm-family.h
    model/rtm-fib.h
    model/rtm-slab.h
    model/rtm-index-vector.h
    model/rtm-prefix-trie.h
    model/rtm-table.h
    model/rtm-registration.h
    model/rtm-instance.h
    helper/rtm-table-file.h
)
# GoogleTest sources: built into the rtm-gtest executable (CTest) and, in an ns-3 tree, into the
# rtm test library behind the TestSuite "rtm".
set(rtm_gtest_sources
    test/rtm-net-address-test.cc
    test/rtm-fib-test.cc
    test/rtm-table-file-test.cc
)
