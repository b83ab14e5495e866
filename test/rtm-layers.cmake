# SPDX-License-Identifier: GPL-2.0-only
# CTest rtm-layers (test/CMakeLists.txt): the rtm library (-DLIBRARY=...) depends on ns-3's core,
# network and internet and on nothing of the other layers (zlib, Boost, point-to-point, csma,
# applications, topology-read, mpi: those are rtm-tables' and rtm-topology's).
execute_process(COMMAND objdump -p ${LIBRARY} OUTPUT_VARIABLE dump RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "objdump -p ${LIBRARY} failed")
endif()
string(REGEX MATCHALL "NEEDED +[^\n]+" needed "${dump}")
message(STATUS "rtm-layers: ${needed}")
foreach(bad libz boost point-to-point csma applications topology-read mpi)
  if(needed MATCHES "${bad}")
    message(FATAL_ERROR "rtm-layers: ${LIBRARY} needs ${bad}")
  endif()
endforeach()
foreach(good core network internet)
  if(NOT needed MATCHES "ns3[^ ]*${good}")
    message(FATAL_ERROR "rtm-layers: ${LIBRARY} does not need ns-3 ${good}")
  endif()
endforeach()
