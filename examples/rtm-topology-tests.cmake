# SPDX-License-Identifier: GPL-2.0-only
# CTest registrations of rtm-topology --validate (out-of-tree builds; in an ns-3 tree the module
# is tested through test.py). Included by examples/CMakeLists.txt.
#  - graph (link-state client) on every Topology Zoo file of the shared data and on the
#    Rocketfuel AS1239 sample, plus the aggregated one-prefix-per-router configuration on
#    Rocketfuel and Kdl, in IPv4 (rtm-topology-graph-*) and the same in IPv6
#    (rtm-topology-graph-ipv6-*; aggregated on Rocketfuel only), and one dual-stack run (both
#    families in one network);
#  - rip (RIPv2 client) and ripng (RIPng client, IPv6) on Abilene, Internet2 and Geant2012
#    (RIP's 15-hop horizon rules out the larger ones);
#  - bgp (BGP-4 client, an AS per router, eBGP on every link) on Abilene, Internet2 and
#    Geant2012: packet walks by hop count plus every best AS path as long as the hop distance
#    (the larger Topology Zoo graphs are validated by the rtm-bgp gtests, Kdl by make bench).
# A test passes when the program prints `validation: pairs=N mismatches=0` (it also exits 1 on
# mismatches). The slow ones carry the label `long` (make test-quick leaves them out).
if(COMMAND build_lib_example)
  return()
endif()

set(rtm_topology_long Kdl)
set(rtm_zoo ${RTM_SHARED_DATA}/topologies/topology-zoo)
set(rtm_samples ${RTM_SHARED_DATA}/topologies/ns3-samples)

function(rtm_topology_test name)
  add_test(NAME rtm-topology-${name} COMMAND rtm-topology ${ARGN} --validate)
  set(labels topology)
  foreach(l ${rtm_topology_long})
    if(name MATCHES "-${l}$")
      list(APPEND labels long)
    endif()
  endforeach()
  set_tests_properties(rtm-topology-${name} PROPERTIES
    PASS_REGULAR_EXPRESSION "validation: pairs=[1-9][0-9]* mismatches=0\n"
    LABELS "${labels}"
    TIMEOUT 900)
endfunction()

file(GLOB rtm_zoo_files ${rtm_zoo}/*.graphml)
if(NOT rtm_zoo_files)
  message(STATUS "rtm: no Topology Zoo files in ${rtm_zoo}: topology validations not registered")
endif()
foreach(family ipv4 ipv6)
  if(family STREQUAL ipv4)
    set(prefix graph)
  else()
    set(prefix graph-${family})
  endif()
  foreach(f ${rtm_zoo_files})
    get_filename_component(name ${f} NAME_WE)
    rtm_topology_test(${prefix}-${name} --graphml=${f} --family=${family})
  endforeach()
  # IPv6 aggregation is validated on Rocketfuel (and in the unit tests): a second IPv6 Kdl run
  # would add minutes to CI for no other code path.
  if(EXISTS ${rtm_zoo}/Kdl.graphml AND family STREQUAL ipv4)
    rtm_topology_test(${prefix}-aggregated-Kdl --graphml=${rtm_zoo}/Kdl.graphml --family=${family}
                      --prefixes=Routers --ns3::RtmGraphDomain::Aggregate=true)
  endif()
  set(rtm_rocketfuel ${rtm_samples}/RocketFuel_toposample_1239_weights.txt)
  if(EXISTS ${rtm_rocketfuel})
    rtm_topology_test(${prefix}-Rocketfuel --rocketfuel=${rtm_rocketfuel} --family=${family})
    rtm_topology_test(${prefix}-aggregated-Rocketfuel --rocketfuel=${rtm_rocketfuel}
                      --family=${family} --prefixes=Routers --ns3::RtmGraphDomain::Aggregate=true)
  endif()
endforeach()
if(EXISTS ${rtm_zoo}/Geant2012.graphml)
  rtm_topology_test(graph-dual-Geant2012 --graphml=${rtm_zoo}/Geant2012.graphml --family=dual)
endif()

if(EXISTS ${PROJECT_SOURCE_DIR}/helper/rtm-rip-helper.h)
  foreach(name Abilene Internet2 Geant2012)
    if(EXISTS ${rtm_zoo}/${name}.graphml)
      rtm_topology_test(rip-${name} --graphml=${rtm_zoo}/${name}.graphml --protocol=rip)
      rtm_topology_test(ripng-${name} --graphml=${rtm_zoo}/${name}.graphml --protocol=ripng)
    endif()
  endforeach()
endif()

foreach(name Abilene Internet2 Geant2012)
  if(EXISTS ${rtm_zoo}/${name}.graphml)
    rtm_topology_test(bgp-${name} --graphml=${rtm_zoo}/${name}.graphml --protocol=bgp)
  endif()
endforeach()
