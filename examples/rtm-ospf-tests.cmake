# SPDX-License-Identifier: GPL-2.0-only
# CTest registrations of the OSPF example (out-of-tree builds). Included by
# examples/CMakeLists.txt. The example runs OSPF and RIP through a link failure and repair on a
# Topology Zoo graph and must print both summary lines and write its gnuplot script.
if(COMMAND build_lib_example)
  return()
endif()

set(rtm_ospf_zoo ${RTM_SHARED_DATA}/topologies/topology-zoo)
if(EXISTS ${rtm_ospf_zoo}/Geant2012.graphml)
  add_test(NAME rtm-ospf-convergence-example
           COMMAND rtm-ospf-convergence --graphml=${rtm_ospf_zoo}/Geant2012.graphml
                   --png=${CMAKE_CURRENT_BINARY_DIR}/rtm-ospf-convergence.png)
  set_tests_properties(rtm-ospf-convergence-example PROPERTIES
    PASS_REGULAR_EXPRESSION "ospf: .*reconverged after failure.*\nrip: .*reconverged after failure"
    LABELS example
    TIMEOUT 600)
endif()
