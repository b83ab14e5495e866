# SPDX-License-Identifier: GPL-2.0-only
# CTest registrations of the OSPF examples (out-of-tree builds). Included by
# examples/CMakeLists.txt after rtm-topology-tests.cmake, whose rtm_topology_test() it uses.
#  - rtm-ospf-convergence: OSPF and RIP through a link failure and repair on a Topology Zoo graph;
#    it must print both summary lines;
#  - rtm-topology --protocol=ospf --validate on every Topology Zoo file of the shared data and on
#    the Rocketfuel AS1239 sample (rtm-topology-ospf-*; Kdl carries the label long).
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
  rtm_topology_test(ospf-${name} --graphml=${f} --protocol=ospf)
endforeach()
set(rtm_ospf_rocketfuel
    ${RTM_SHARED_DATA}/topologies/ns3-samples/RocketFuel_toposample_1239_weights.txt)
if(EXISTS ${rtm_ospf_rocketfuel})
  rtm_topology_test(ospf-Rocketfuel --rocketfuel=${rtm_ospf_rocketfuel} --protocol=ospf)
endif()
