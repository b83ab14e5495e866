# SPDX-License-Identifier: GPL-2.0-only
# CTest registrations of the OSPF examples (out-of-tree builds). Included by
# examples/CMakeLists.txt after rtm-topology-tests.cmake, whose rtm_topology_test() it uses.
#  - rtm-ospf-convergence: OSPF, the RTM's RIP and ns-3's Rip through a link failure and repair
#    on a Topology Zoo graph; it exits 1 unless OSPF and the RTM's RIP reconverge each time, and
#    must print their summary lines;
#  - rtm-topology --protocol=ospf --validate on every Topology Zoo file of the shared data but Kdl
#    (rtm-topology-ospf-*). Kdl and Rocketfuel are validated the same way (RtmPathValidator after
#    OSPF converged through RtmOspfTopologyHelper), and after a failure and a repair too, by the
#    CTests ospf-topology-kdl and ospf-topology-rocketfuel (test/CMakeLists.txt): running them
#    here again would add two minutes to make test for no other code path.
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

file(GLOB rtm_ospf_zoo_files ${rtm_ospf_zoo}/*.graphml)
foreach(f ${rtm_ospf_zoo_files})
  get_filename_component(name ${f} NAME_WE)
  if(NOT name STREQUAL "Kdl")
    rtm_topology_test(ospf-${name} --graphml=${f} --protocol=ospf)
  endif()
endforeach()
