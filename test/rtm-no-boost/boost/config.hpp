// SPDX-License-Identifier: GPL-2.0-only
// Poison for the rtm-plain-script test (test/CMakeLists.txt): this folder comes first on that
// program's include path, and every Boost header includes <boost/config.hpp>, so including any
// Boost header from ns3/rtm-module.h stops the build here.
#error "a public header of the rtm library includes Boost: plain scripts must not need it"
